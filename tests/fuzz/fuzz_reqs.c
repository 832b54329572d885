/* libFuzzer target: the requirements-file reader (reqs_parse) and the
   include resolution of reqs_load through an in-memory reader that serves
   the same input for every path. */
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "shipshape/reqs.h"

struct blob {
	const char *data;
	size_t len;
};

static int read_blob(void *ctx, const char *relpath, struct strbuf *out, struct ss_error *err)
{
	const struct blob *b = ctx;
	(void)relpath;
	(void)err;
	strbuf_add(out, b->data, b->len);
	return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct reqs r;
	struct ss_error err;
	struct blob b = {(const char *)data, size};

	reqs_init(&r);
	ss_error_init(&err);
	reqs_parse(&r, (const char *)data, size, "requirements.txt", &err);
	for (size_t i = 0; i < r.nr; i++)
		if (r.items[i].canonical)
			(void)reqs_find(&r, r.items[i].canonical);
	reqs_release(&r);

	reqs_init(&r);
	ss_error_init(&err);
	reqs_load(&r, "req/requirements.txt", read_blob, &b, &err);
	(void)reqs_no_binary(&r, "lxml");
	reqs_release(&r);
	return 0;
}
