/*
 * libFuzzer target for the TOML reader.
 *
 * The input is the document itself, in libFuzzer's exact-size buffer (so
 * ASan sees any read past len). Checks on every input:
 *   - toml_parse and toml_parse_tagged agree on success and on the error;
 *   - a failure carries file, line >= 1, column >= 1 and a message, and
 *     leaves *out NULL;
 *   - a success round-trips: the tagged tree written back as TOML (every
 *     table inline) parses to the same tagged tree. Inputs that can hold
 *     U+0000 in a string are left out of this check, since cJSON cuts such
 *     strings short.
 *   - toml_key_line_parts finds the first top-level keys, and so does
 *     toml_key_line when the name holds no '.'.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "shipshape/strbuf.h"
#include "shipshape/toml.h"

static void emit_string(struct strbuf *sb, const char *s)
{
	strbuf_addch(sb, '"');
	for (; *s; s++) {
		unsigned char c = (unsigned char)*s;
		if (c == '"' || c == '\\')
			strbuf_addf(sb, "\\%c", c);
		else if (c < 0x20 || c == 0x7f)
			strbuf_addf(sb, "\\u%04X", c);
		else
			strbuf_addch(sb, c);
	}
	strbuf_addch(sb, '"');
}

static int is_tagged(const cJSON *j)
{
	return cJSON_IsObject(j) && cJSON_GetArraySize(j) == 2 &&
	       cJSON_IsString(cJSON_GetObjectItemCaseSensitive(j, "type")) &&
	       cJSON_IsString(cJSON_GetObjectItemCaseSensitive(j, "value"));
}

static void emit_value(struct strbuf *sb, const cJSON *j)
{
	const cJSON *kid;

	if (is_tagged(j)) {
		const char *t = cJSON_GetObjectItemCaseSensitive(j, "type")->valuestring;
		const char *v = cJSON_GetObjectItemCaseSensitive(j, "value")->valuestring;
		if (!strcmp(t, "string")) {
			emit_string(sb, v);
		} else {
			strbuf_addstr(sb, v);
			if (!strcmp(t, "float") && !strpbrk(v, ".eEni"))
				strbuf_addstr(sb, ".0");
		}
		return;
	}
	if (cJSON_IsArray(j)) {
		strbuf_addch(sb, '[');
		cJSON_ArrayForEach(kid, j) {
			emit_value(sb, kid);
			strbuf_addstr(sb, kid->next ? ", " : "");
		}
		strbuf_addch(sb, ']');
		return;
	}
	strbuf_addch(sb, '{');
	cJSON_ArrayForEach(kid, j) {
		emit_string(sb, kid->string);
		strbuf_addstr(sb, " = ");
		emit_value(sb, kid);
		strbuf_addstr(sb, kid->next ? ", " : "");
	}
	strbuf_addch(sb, '}');
}

static int has(const uint8_t *data, size_t size, const char *needle)
{
	size_t n = strlen(needle);
	for (size_t i = 0; i + n <= size; i++)
		if (!memcmp(data + i, needle, n))
			return 1;
	return 0;
}

static void check_error(const struct ss_error *err, const cJSON *out)
{
	if (out || err->code != SS_ERR_INPUT || strcmp(err->file, "fuzz.toml") ||
	    err->line < 1 || err->col < 1 || !err->msg[0])
		abort();
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char *src = (const char *)data;
	struct ss_error e1, e2, e3;
	cJSON *plain = (cJSON *)1, *tagged = (cJSON *)1, *again = NULL, *kid;
	struct strbuf sb = STRBUF_INIT;
	int r1, r2, r3;

	ss_error_init(&e1);
	ss_error_init(&e2);
	r1 = toml_parse(src, size, "fuzz.toml", &plain, &e1);
	r2 = toml_parse_tagged(src, size, "fuzz.toml", &tagged, &e2);
	if (r1 != r2)
		abort();
	if (r1) {
		check_error(&e1, plain);
		check_error(&e2, tagged);
		if (e1.line != e2.line || e1.col != e2.col || strcmp(e1.msg, e2.msg))
			abort();
		return 0;
	}
	if (!cJSON_IsObject(plain) || !cJSON_IsObject(tagged) ||
	    cJSON_GetArraySize(plain) != cJSON_GetArraySize(tagged))
		abort();

	if (!has(data, size, "u0000") && !has(data, size, "U00000000")) {
		int nkeys = 0;
		cJSON_ArrayForEach(kid, tagged) {
			emit_string(&sb, kid->string);
			strbuf_addstr(&sb, " = ");
			emit_value(&sb, kid);
			strbuf_addch(&sb, '\n');
		}
		ss_error_init(&e3);
		r3 = toml_parse_tagged(sb.buf, sb.len, "fuzz.toml", &again, &e3);
		if (r3 || !cJSON_Compare(tagged, again, 1)) {
			fprintf(stderr, "round trip failed: %s\n--- emitted:\n%s\n", e3.msg, sb.buf);
			abort();
		}
		cJSON_ArrayForEach(kid, plain) {
			if (++nkeys > 4)
				break;
			const char *part = kid->string;
			if (toml_key_line_parts(src, size, &part, 1) < 1)
				abort();
			if (!strchr(kid->string, '.') && toml_key_line(src, size, kid->string) < 1)
				abort();
		}
	}

	strbuf_release(&sb);
	cJSON_Delete(plain);
	cJSON_Delete(tagged);
	cJSON_Delete(again);
	return 0;
}
