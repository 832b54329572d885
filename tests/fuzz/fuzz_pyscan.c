/* libFuzzer target: the light Python source scanner (tokenizer, logical
   lines, statement shapes). The input is not NUL-terminated, as in
   detection, which scans file contents by length. Every item found must
   carry a name (but __main__ blocks) and a line inside the input. */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "shipshape/pyscan.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct pyscan s;
	char *copy;
	size_t lines = 1;

	/* an exact-size heap copy, so that a read past the end is caught */
	copy = malloc(size ? size : 1);
	if (!copy)
		return 0;
	memcpy(copy, data, size);
	for (size_t i = 0; i < size; i++)
		lines += copy[i] == '\n';
	pyscan_init(&s);
	pyscan_source(&s, copy, size);
	for (size_t i = 0; i < s.nr; i++) {
		const struct pyscan_item *it = &s.items[i];
		if ((it->kind != PYSCAN_MAIN && !it->name) || it->line < 1 ||
		    (size_t)it->line > lines || it->indent < 0)
			abort();
		if (it->name)
			(void)strlen(it->name);
		if (it->value)
			(void)strlen(it->value);
	}
	(void)pyscan_imports(&s, "flask");
	(void)pyscan_imports(&s, "");
	pyscan_release(&s);
	free(copy);
	return 0;
}
