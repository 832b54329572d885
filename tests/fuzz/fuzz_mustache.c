/*
 * libFuzzer target for mustache_render.
 *
 * Input: one flag byte (bit 0: no_escape), then the template, then
 * optionally a NUL byte and a JSON data document. Without a NUL, or when the
 * JSON does not parse, a fixed data document is used. Partials come from a
 * fixed set (one recursive, one self-including twice, one with a delimiter
 * change) plus "self", which is the template itself.
 *
 * Each input renders in both modes, and checks: strict success implies the
 * same output without strict; a non-strict failure is a strict failure too;
 * every failure carries a message and, for the engine's own errors, a line.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "shipshape/mustache.h"

static const char fixed_data[] =
	"{\"name\": \"app\", \"port\": 8000, \"ratio\": 1.5, \"on\": true, \"off\": false,"
	" \"none\": null, \"empty\": \"\", \"zero\": 0, \"html\": \"<a href=\\\"x\\\">&</a>\","
	" \"list\": [1, \"two\", {\"name\": \"inner\", \"list\": []}, [3, 4]],"
	" \"a\": {\"b\": {\"c\": \"deep\"}}, \"tree\": {\"name\": \"root\", \"kids\": ["
	"{\"name\": \"k1\", \"kids\": []}, {\"name\": \"k2\", \"kids\": [{\"name\": \"k3\","
	" \"kids\": []}]}]}}";

static const char fixed_partials[] =
	"{\"node\": \"{{name}}({{#kids}}{{>node}}{{/kids}})\","
	" \"twice\": \"{{#list}}{{>twice}}{{>twice}}{{/list}}\","
	" \"loop\": \"x{{>loop}}\","
	" \"delim\": \"{{=<% %>=}}<%name%>\\n  <%>node%>\\n\","
	" \"lines\": \"a\\n{{name}}\\n  b\\n\","
	" \"bad\": \"{{#open}}\"}";

struct fctx {
	const cJSON *partials;
	const char *self;
	size_t self_len;
};

static int fuzz_partial(void *ctx, const char *name, struct strbuf *out, struct ss_error *err)
{
	const struct fctx *f = ctx;

	if (strcmp(name, "self") == 0) {
		strbuf_add(out, f->self, f->self_len);
		return 0;
	}
	return mustache_partials_from_json((void *)(uintptr_t)f->partials, name, out, err);
}

static int render(const char *tpl, size_t len, const cJSON *data, struct fctx *f, int strict,
		  int no_escape, struct strbuf *out, struct ss_error *err)
{
	struct mustache_opts o;
	int rc;

	memset(&o, 0, sizeof(o));
	o.name = "fuzz.mustache";
	o.strict = strict;
	o.no_escape = no_escape;
	o.partial = fuzz_partial;
	o.partial_ctx = f;
	o.max_output = 1u << 20;
	o.max_steps = 100000;
	ss_error_init(err);
	rc = mustache_render(tpl, len, data, &o, out, err);
	if (rc) {
		if (rc != SS_ERR_INPUT || err->code != rc || !err->msg[0] || !err->file[0])
			abort();
		if (err->line < 1)
			abort();
	}
	return rc;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static cJSON *partials, *fixed;
	const char *tpl;
	const uint8_t *nul;
	size_t tlen;
	cJSON *doc = NULL;
	struct fctx f;
	struct strbuf a = STRBUF_INIT, b = STRBUF_INIT;
	struct ss_error ea, eb;
	int no_escape, ra, rb;

	if (!partials) {
		partials = cJSON_Parse(fixed_partials);
		fixed = cJSON_Parse(fixed_data);
		if (!partials || !fixed)
			abort();
	}
	if (size < 1)
		return 0;
	no_escape = data[0] & 1;
	data++;
	size--;
	/* the template is a heap copy of exactly its size: reads past it trap */
	nul = memchr(data, 0, size);
	tlen = nul ? (size_t)(nul - data) : size;
	tpl = tlen ? malloc(tlen) : NULL;
	if (tlen) {
		if (!tpl)
			return 0;
		memcpy((char *)(uintptr_t)tpl, data, tlen);
	}
	if (nul && size - tlen - 1 > 0)
		doc = cJSON_ParseWithLength((const char *)nul + 1, size - tlen - 1);
	f.partials = partials;
	f.self = tpl ? tpl : "";
	f.self_len = tlen;

	ra = render(tpl, tlen, doc ? doc : fixed, &f, 1, no_escape, &a, &ea);
	rb = render(tpl, tlen, doc ? doc : fixed, &f, 0, no_escape, &b, &eb);
	if (ra == 0 && (rb != 0 || a.len != b.len || memcmp(a.buf, b.buf, a.len) != 0))
		abort();

	strbuf_release(&a);
	strbuf_release(&b);
	cJSON_Delete(doc);
	free((void *)(uintptr_t)tpl);
	return 0;
}
