/* libFuzzer target: the INI (setup.cfg) reader and its lookups. */
#include <stddef.h>
#include <stdint.h>

#include "shipshape/ini.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct ini ini;
	struct ss_error err;

	ini_init(&ini);
	ss_error_init(&err);
	ini_parse(&ini, (const char *)data, size, "setup.cfg", &err);
	(void)ini_get(&ini, "options", "install_requires");
	(void)ini_has_section(&ini, "metadata");
	ini_release(&ini);
	return 0;
}
