/*
 * libFuzzer target for the Dockerfile parser: parse (the syntax layer,
 * binary input allowed, and the default text-only mode), dump, and the
 * strict check. Any crash, leak or sanitizer report is a bug; parse errors
 * are fine.
 */
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "shipshape/dockerfile.h"

static void one(const uint8_t *data, size_t size, int flags)
{
	struct df_file f;
	struct ss_error err;
	struct strbuf out = STRBUF_INIT;
	char msg[1024];

	df_file_init(&f);
	ss_error_init(&err);
	if (df_parse(&f, (const char *)data, size, "Dockerfile", flags, &err) == 0) {
		df_dump(&f, &out);
		/* every instruction prints as one "(...)" line at least */
		if (out.len < 3 * f.ninstrs)
			__builtin_trap();
		for (size_t i = 0; i < f.ninstrs; i++) {
			const struct df_instr *in = &f.instrs[i];
			if (in->start_line < 1 || in->end_line < in->start_line ||
			    in->end_line > f.nlines)
				__builtin_trap();
			if (i && in->start_line <= f.instrs[i - 1].end_line)
				__builtin_trap();
		}
		for (size_t i = 0; i < f.ninstrs; i++) {
			const struct df_instr *in = &f.instrs[i];
			for (size_t k = 0; k < in->nkvs; k++) {
				strbuf_reset(&out);
				(void)df_unquote(in->kvs[k].value ? in->kvs[k].value : in->kvs[k].key,
						 f.escape, &out);
			}
		}
		(void)df_check(&f, &err);
		if (f.nstages)
			(void)df_find_stage(&f, "0");
	}
	df_error_format(&err, msg, sizeof(msg));
	strbuf_release(&out);
	df_file_release(&f);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	one(data, size, DF_PARSE_ALLOW_BINARY);
	one(data, size, 0);
	return 0;
}
