/* libFuzzer target: the Procfile reader and the shell-word splitter used on
   each command. */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "shipshape/procfile.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct procfile p;
	struct ss_error err;
	char *text;

	procfile_init(&p);
	ss_error_init(&err);
	procfile_parse(&p, (const char *)data, size, "Procfile", &err);
	for (size_t i = 0; i < p.nr; i++) {
		char **argv = NULL;
		size_t argc = 0;
		if (!procfile_split(p.items[i].command, &argv, &argc, &err))
			procfile_argv_free(argv);
	}
	(void)procfile_find(&p, "web");
	procfile_release(&p);

	/* the splitter on the raw input too (as a NUL-terminated string) */
	text = malloc(size + 1);
	if (text) {
		char **argv = NULL;
		memcpy(text, data, size);
		text[size] = '\0';
		if (!procfile_split(text, &argv, NULL, &err))
			procfile_argv_free(argv);
		free(text);
	}
	return 0;
}
