/* The TOML reader: toml-test conformance (every file of files-toml-1.0.0),
 * error locations and messages, the plain cJSON form, toml_key_line. */
#include <check.h>
#include <ctype.h>
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "shipshape/strbuf.h"
#include "shipshape/toml.h"
#include "shipshape/xalloc.h"
#include "testutil.h"

#define TT_DIR "conformance/toml-test/tests"

/* ---- comparison with toml-test's tagged JSON ---- */

static int is_tagged_scalar(const cJSON *j)
{
	const cJSON *t, *v;

	if (!cJSON_IsObject(j) || cJSON_GetArraySize(j) != 2)
		return 0;
	t = cJSON_GetObjectItemCaseSensitive(j, "type");
	v = cJSON_GetObjectItemCaseSensitive(j, "value");
	return cJSON_IsString(t) && cJSON_IsString(v);
}

static double float_of(const char *s)
{
	const char *u = (*s == '+' || *s == '-') ? s + 1 : s;
	if (!strcmp(u, "nan"))
		return NAN;
	if (!strcmp(u, "inf"))
		return *s == '-' ? -INFINITY : INFINITY;
	return strtod(s, NULL);
}

/* toml-test compares date-times as times: same fields, 'T'/' ' and case
 * do not matter, trailing zeros of the fraction do not matter, and Z is the
 * same as +00:00 and -00:00. */
static void norm_datetime(const char *s, struct strbuf *out)
{
	size_t frac_end;

	for (; *s; s++)
		strbuf_addch(out, *s == ' ' ? 'T' : toupper((unsigned char)*s));
	if (strbuf_ends_with(out, "+00:00") || strbuf_ends_with(out, "-00:00")) {
		strbuf_setlen(out, out->len - 6);
		strbuf_addch(out, 'Z');
	}
	/* trim trailing zeros of a fraction of seconds (and a bare '.') */
	{
		char *dot = strchr(out->buf, '.');
		if (!dot)
			return;
		frac_end = (size_t)(dot - out->buf) + 1;
		while (frac_end < out->len && isdigit((unsigned char)out->buf[frac_end]))
			frac_end++;
		{
			size_t e = frac_end;
			while (e > (size_t)(dot - out->buf) + 1 && out->buf[e - 1] == '0')
				e--;
			if (e == (size_t)(dot - out->buf) + 1)
				e--; /* drop the dot too */
			strbuf_remove(out, e, frac_end - e);
		}
	}
}

static int scalar_eq(const char *type, const char *ev, const char *gv)
{
	if (!strcmp(type, "float")) {
		double a = float_of(ev), b = float_of(gv);
		if (isnan(a) || isnan(b))
			return isnan(a) && isnan(b);
		return a == b;
	}
	if (!strcmp(type, "integer")) {
		long long a, b;
		errno = 0;
		a = strtoll(ev, NULL, 10);
		b = strtoll(gv, NULL, 10);
		return !errno && a == b;
	}
	if (!strncmp(type, "datetime", 8) || !strcmp(type, "date-local") ||
	    !strcmp(type, "time-local")) {
		struct strbuf a = STRBUF_INIT, b = STRBUF_INIT;
		int eq;
		norm_datetime(ev, &a);
		norm_datetime(gv, &b);
		eq = !strcmp(a.buf, b.buf);
		strbuf_release(&a);
		strbuf_release(&b);
		return eq;
	}
	return !strcmp(ev, gv);
}

/* 1 when got matches the expected tagged JSON; why says where not. */
static int tagged_eq(const cJSON *exp, const cJSON *got, const char *path, struct strbuf *why)
{
	if (is_tagged_scalar(exp)) {
		const char *et = cJSON_GetObjectItemCaseSensitive(exp, "type")->valuestring;
		const char *ev = cJSON_GetObjectItemCaseSensitive(exp, "value")->valuestring;
		if (!is_tagged_scalar(got)) {
			strbuf_addf(why, "%s: expected a %s", path, et);
			return 0;
		}
		if (strcmp(et, cJSON_GetObjectItemCaseSensitive(got, "type")->valuestring)) {
			strbuf_addf(why, "%s: type %s, expected %s", path,
				    cJSON_GetObjectItemCaseSensitive(got, "type")->valuestring, et);
			return 0;
		}
		if (!scalar_eq(et, ev, cJSON_GetObjectItemCaseSensitive(got, "value")->valuestring)) {
			strbuf_addf(why, "%s: value '%s', expected '%s'", path,
				    cJSON_GetObjectItemCaseSensitive(got, "value")->valuestring, ev);
			return 0;
		}
		return 1;
	}
	if (cJSON_IsArray(exp)) {
		int n = cJSON_GetArraySize(exp);
		if (!cJSON_IsArray(got) || cJSON_GetArraySize(got) != n) {
			strbuf_addf(why, "%s: expected an array of %d", path, n);
			return 0;
		}
		for (int i = 0; i < n; i++) {
			char sub[512];
			snprintf(sub, sizeof(sub), "%s[%d]", path, i);
			if (!tagged_eq(cJSON_GetArrayItem(exp, i), cJSON_GetArrayItem(got, i), sub, why))
				return 0;
		}
		return 1;
	}
	if (cJSON_IsObject(exp)) {
		const cJSON *kid;
		if (!cJSON_IsObject(got) || is_tagged_scalar(got) ||
		    cJSON_GetArraySize(got) != cJSON_GetArraySize(exp)) {
			strbuf_addf(why, "%s: expected a table of %d keys", path,
				    cJSON_GetArraySize(exp));
			return 0;
		}
		cJSON_ArrayForEach(kid, exp) {
			char sub[512];
			snprintf(sub, sizeof(sub), "%s.%s", path, kid->string);
			if (!tagged_eq(kid, cJSON_GetObjectItemCaseSensitive(got, kid->string), sub,
				       why))
				return 0;
		}
		return 1;
	}
	strbuf_addf(why, "%s: unexpected JSON in the expected file", path);
	return 0;
}

START_TEST(test_comparator_catches_differences)
{
	/* the comparator must be able to fail, or the conformance loop means nothing */
	const char *e = "{\"a\":{\"type\":\"integer\",\"value\":\"1\"},"
			"\"f\":{\"type\":\"float\",\"value\":\"0.5\"},"
			"\"d\":{\"type\":\"datetime\",\"value\":\"1987-07-05T17:45:56.600Z\"}}";
	const char *same = "{\"a\":{\"type\":\"integer\",\"value\":\"1\"},"
			   "\"f\":{\"type\":\"float\",\"value\":\"5e-1\"},"
			   "\"d\":{\"type\":\"datetime\",\"value\":\"1987-07-05 17:45:56.6+00:00\"}}";
	const char *bad[] = {
		"{\"a\":{\"type\":\"integer\",\"value\":\"2\"},"
		"\"f\":{\"type\":\"float\",\"value\":\"0.5\"},"
		"\"d\":{\"type\":\"datetime\",\"value\":\"1987-07-05T17:45:56.6Z\"}}",
		"{\"a\":{\"type\":\"float\",\"value\":\"1\"},"
		"\"f\":{\"type\":\"float\",\"value\":\"0.5\"},"
		"\"d\":{\"type\":\"datetime\",\"value\":\"1987-07-05T17:45:56.6Z\"}}",
		"{\"a\":{\"type\":\"integer\",\"value\":\"1\"},"
		"\"f\":{\"type\":\"float\",\"value\":\"0.5\"},"
		"\"d\":{\"type\":\"datetime-local\",\"value\":\"1987-07-05T17:45:56.6\"}}",
		"{\"a\":{\"type\":\"integer\",\"value\":\"1\"},"
		"\"f\":{\"type\":\"float\",\"value\":\"0.5\"}}",
	};
	cJSON *je = cJSON_Parse(e), *jg = cJSON_Parse(same);
	struct strbuf why = STRBUF_INIT;

	ck_assert(tagged_eq(je, jg, "", &why));
	cJSON_Delete(jg);
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		jg = cJSON_Parse(bad[i]);
		ck_assert_ptr_nonnull(jg);
		ck_assert(!tagged_eq(je, jg, "", &why));
		cJSON_Delete(jg);
	}
	cJSON_Delete(je);
	strbuf_release(&why);
}
END_TEST

/* ---- the toml-test conformance run ---- */

START_TEST(test_toml_test_1_0_0)
{
	struct strbuf list = STRBUF_INIT, fails = STRBUF_INIT;
	char *line, *save = NULL;
	int nvalid = 0, okvalid = 0, ninvalid = 0, okinvalid = 0, nfail = 0;

	tu_slurp(tu_shared(TT_DIR "/files-toml-1.0.0"), &list);
	for (line = strtok_r(list.buf, "\n", &save); line; line = strtok_r(NULL, "\n", &save)) {
		struct strbuf rel = STRBUF_INIT, src = STRBUF_INIT, exp = STRBUF_INIT;
		struct strbuf why = STRBUF_INIT;
		struct ss_error err;
		cJSON *got = NULL, *want = NULL;
		char *copy;
		int rc, valid;
		size_t n = strlen(line);

		if (n < 5 || strcmp(line + n - 5, ".toml"))
			continue; /* the .json files go with their .toml */
		valid = !strncmp(line, "valid/", 6);
		strbuf_addf(&rel, TT_DIR "/%s", line);
		tu_slurp(tu_shared(rel.buf), &src);
		/* an exact-size copy without a terminating NUL: ASan/valgrind catch
		 * any read past the end */
		copy = xmalloc(src.len ? src.len : 1);
		memcpy(copy, src.buf, src.len);
		ss_error_init(&err);
		rc = toml_parse_tagged(copy, src.len, line, &got, &err);
		if (valid) {
			nvalid++;
			strbuf_setlen(&rel, rel.len - 5);
			strbuf_addstr(&rel, ".json");
			tu_slurp(tu_shared(rel.buf), &exp);
			want = cJSON_Parse(exp.buf);
			ck_assert_msg(want != NULL, "cannot parse %s", rel.buf);
			if (rc) {
				strbuf_addf(&why, "rejected: %s:%d:%d: %s", err.file, err.line,
					    err.col, err.msg);
			} else if (tagged_eq(want, got, "", &why)) {
				okvalid++;
			}
		} else {
			ninvalid++;
			if (rc) {
				okinvalid++;
				ck_assert_int_eq(rc, SS_ERR_INPUT);
				ck_assert_ptr_null(got);
				ck_assert_str_eq(err.file, line);
				ck_assert_int_ge(err.line, 1);
				ck_assert_int_ge(err.col, 1);
				ck_assert(err.msg[0] != '\0');
			} else {
				strbuf_addstr(&why, "accepted");
			}
		}
		if (why.len) {
			nfail++;
			if (nfail <= 60)
				strbuf_addf(&fails, "  %s: %s\n", line, why.buf);
		}
		free(copy);
		cJSON_Delete(got);
		cJSON_Delete(want);
		strbuf_release(&rel);
		strbuf_release(&src);
		strbuf_release(&exp);
		strbuf_release(&why);
	}
	printf("toml-test 1.0.0: valid %d/%d, invalid %d/%d\n", okvalid, nvalid, okinvalid,
	       ninvalid);
	if (fails.len)
		fprintf(stderr, "toml-test failures:\n%s", fails.buf);
	fflush(stdout);
	ck_assert_int_eq(nvalid, 210);
	ck_assert_int_eq(ninvalid, 499);
	ck_assert_int_eq(okvalid, nvalid);
	ck_assert_int_eq(okinvalid, ninvalid);
	strbuf_release(&list);
	strbuf_release(&fails);
}
END_TEST

/* ---- errors ---- */

struct errcase {
	const char *src;
	int line, col;
	const char *msg; /* substring of the message */
};

static const struct errcase err_cases[] = {
	{"a = \"\\q\"\n", 1, 6, "invalid escape '\\q' in string"},
	{"name = \"x\"\n\n  b = \"ok \\u12G4\"\n", 3, 11, "invalid unicode escape '\\u'"},
	{"s = \"\\uD800\"\n", 1, 6, "U+D800 is not a Unicode scalar value"},
	{"s = \"\\U00110000\"\n", 1, 6, "not a Unicode scalar value"},
	{"a = 1\nb = 2\na = 3\n", 3, 1, "duplicate key 'a'"},
	{"[x]\ny.z = 1\n[x.y]\n", 3, 4, "table 'x.y' is already defined"},
	{"[tool.poetry]\nname = 'a'\n[tool.poetry]\n", 3, 7, "table 'tool.poetry' is already "
	 "defined"},
	{"a = {b = 1}\n[a]\n", 2, 2, "table 'a' is already defined"},
	{"a = {b = 1}\na.c = 2\n", 2, 1, "cannot add keys to inline table 'a'"},
	{"a = [1]\n[[a]]\n", 2, 3, "key is already a static array"},
	{"a = [1]\n[a.b]\n", 2, 2, "cannot add a table to static array 'a'"},
	{"[a.b.c]\nz = 9\n[a]\nb.c.t = 1\n", 4, 3, "cannot extend table 'a.b.c' with dotted keys"},
	{"s = \"abc\n", 1, 5, "unterminated string"},
	{"s = '''abc\n\n", 1, 5, "unterminated multi-line literal string"},
	{"n = 9223372036854775808\n", 1, 5, "out of range"},
	{"n = -9223372036854775809\n", 1, 5, "out of range"},
	{"n = 0x8000000000000000\n", 1, 5, "out of range"},
	{"n = 012\n", 1, 5, "leading zero"},
	{"n = 1__2\n", 1, 5, "invalid number '1__2'"},
	{"d = 2021-02-29\n", 1, 5, "no such day"},
	{"t = 24:00:00\n", 1, 5, "out of range"},
	{"x = hello\n", 1, 5, "strings need quotes"},
	{"x = 1 2\n", 1, 7, "expected end of line after value, found '2'"},
	{"x = { a = 1,\n b = 2 }\n", 1, 13, "newline in inline table"},
	{"x = { a = 1, }\n", 1, 14, "trailing comma in inline table"},
	{"x = [1 2]\n", 1, 8, "expected ',' or ']' in array"},
	{"[table\n", 1, 1, "unterminated table header"},
	{"# caf\xc3\xa9 \x01\n", 1, 8, "control character U+0001 in comment"},
	{"k = \"\xc3\xa9\xff\"\n", 1, 7, "invalid UTF-8 byte 0xff"},
	{"a = 1\r\nb = 2\r", 2, 6, "carriage return"},
	{"\"\"\"k\"\"\" = 1\n", 1, 1, "multi-line string cannot be a key"},
	{"= 1\n", 1, 1, "expected a key before '='"},
	{"a = 1\xe3\x80\x80\n", 1, 6, "expected end of line after value, found U+3000"},
	{"\xc3\xa9 = 1\n", 1, 1, "expected a key, found U+00E9"},
	{"[a]\n[b]\n[[a]]\n", 3, 3, "cannot define array of tables 'a': key is already a table"},
	{"a = [{b = 1}]\n[a.c]\n", 2, 2, "cannot add a table to static array 'a'"},
	{"[[a]]\n[a.b]\nc = 1\n[a.b]\n", 4, 4, "table 'a.b' is already defined"},
	{"x = 2021-01-01T10:00:00+24:00\n", 1, 24, "invalid time offset '+24:00'"},
	{"x = 1.\n", 1, 5, "invalid number '1.'"},
	{"x = 0X1F\n", 1, 5, "invalid number '0X1F'"},
	{"x = truee\n", 1, 5, "invalid value 'truee'"},
	{"a = \n", 1, 5, "expected a value, found end of line"},
	{"a.b = 1\na = 2\n", 2, 1, "duplicate key 'a'"},
	{"a = 1\na.b = 2\n", 2, 1, "key 'a' is already defined as a value"},
	{"\"k\\u0041 y\".z = 1\n\"kA y\" = 2\n", 2, 1, "duplicate key '\"kA y\"'"},
	{"s = \"\"\"a\\ b\"\"\"\n", 1, 9, "backslash followed by a space"},
	{"s = \"\"\"a\"\"\"\"\"\"\n", 1, 14, "too many quotes"},
};

START_TEST(test_error_locations)
{
	const struct errcase *c = &err_cases[_i];
	struct ss_error err;
	cJSON *out = (cJSON *)1;
	int rc;

	ss_error_init(&err);
	rc = toml_parse(c->src, strlen(c->src), "pyproject.toml", &out, &err);
	ck_assert_msg(rc == SS_ERR_INPUT, "case %d accepted: %s", _i, c->src);
	ck_assert_ptr_null(out);
	ck_assert_int_eq(err.code, SS_ERR_INPUT);
	ck_assert_str_eq(err.file, "pyproject.toml");
	ck_assert_msg(strstr(err.msg, c->msg) != NULL, "case %d: message '%s' lacks '%s'", _i,
		      err.msg, c->msg);
	ck_assert_msg(err.line == c->line && err.col == c->col,
		      "case %d (%s): at %d:%d, expected %d:%d", _i, err.msg, err.line, err.col,
		      c->line, c->col);
}
END_TEST

START_TEST(test_error_format)
{
	struct ss_error err;
	cJSON *out = NULL;
	char buf[600];
	const char *src = "[project]\nname = \"demo\"\nversion = \"1\\q\"\n";

	ss_error_init(&err);
	ck_assert_int_eq(toml_parse(src, strlen(src), "pyproject.toml", &out, &err),
			 SS_ERR_INPUT);
	ss_error_format(&err, buf, sizeof(buf));
	ck_assert_str_eq(buf, "pyproject.toml:3:13: invalid escape '\\q' in string");
	/* NULL filename: no file part */
	ss_error_init(&err);
	ck_assert_int_eq(toml_parse("a = ", 4, NULL, &out, &err), SS_ERR_INPUT);
	ck_assert_str_eq(err.file, "");
	ck_assert_int_eq(err.line, 1);
	ck_assert_int_eq(err.col, 5);
	/* NULL err is accepted */
	ck_assert_int_eq(toml_parse("a = ", 4, NULL, &out, NULL), SS_ERR_INPUT);
	ck_assert_ptr_null(out);
}
END_TEST

START_TEST(test_bounds_and_nul)
{
	struct ss_error err;
	cJSON *out = NULL;
	const char *full = "a = 12345\nb = 'x'\n";
	char *buf;

	/* only len bytes are read: "a = 12" */
	ss_error_init(&err);
	ck_assert_int_eq(toml_parse(full, 6, "t.toml", &out, &err), 0);
	ck_assert_int_eq(cJSON_GetObjectItem(out, "a")->valueint, 12);
	ck_assert_int_eq(cJSON_GetArraySize(out), 1);
	cJSON_Delete(out);

	/* every prefix of a document, in an exact-size buffer (ASan checks) */
	{
		const char *doc = "[a.b]\nc = \"\"\"x\\\n y\"\"\"\nd = [1, {e = 2021-01-01T00:00:00Z}]"
				  "\n[[f]]\ng = 0x1F # c\n";
		size_t n = strlen(doc);
		for (size_t k = 0; k <= n; k++) {
			buf = xmalloc(k ? k : 1);
			memcpy(buf, doc, k);
			out = NULL;
			if (!toml_parse(buf, k, "t.toml", &out, &err))
				cJSON_Delete(out);
			else
				ck_assert_ptr_null(out);
			free(buf);
		}
	}

	/* embedded NUL */
	ss_error_init(&err);
	ck_assert_int_eq(toml_parse("a = 1\n#\0x\n", 10, "t.toml", &out, &err), SS_ERR_INPUT);
	ck_assert_str_eq(err.msg, "NUL byte in document");
	ck_assert_int_eq(err.line, 2);
	ck_assert_int_eq(err.col, 2);

	/* empty input and NULL src with len 0 */
	ck_assert_int_eq(toml_parse("", 0, "t.toml", &out, &err), 0);
	ck_assert_int_eq(cJSON_GetArraySize(out), 0);
	cJSON_Delete(out);
	ck_assert_int_eq(toml_parse(NULL, 0, "t.toml", &out, &err), 0);
	cJSON_Delete(out);
}
END_TEST

static char *nested(const char *prefix, int depth, char open, char close)
{
	struct strbuf sb = STRBUF_INIT;

	strbuf_addstr(&sb, prefix);
	strbuf_addchars(&sb, open, (size_t)depth);
	strbuf_addchars(&sb, close, (size_t)depth);
	strbuf_addch(&sb, '\n');
	return strbuf_detach(&sb, NULL);
}

START_TEST(test_nesting_limit)
{
	struct ss_error err;
	cJSON *out = NULL;
	char *s;

	/* a = [[...]] : the key is level 1, arrays 1..depth below it */
	s = nested("a = ", TOML_MAX_DEPTH - 1, '[', ']');
	ck_assert_int_eq(toml_parse(s, strlen(s), "deep.toml", &out, &err), 0);
	cJSON_Delete(out);
	free(s);

	s = nested("a = ", TOML_MAX_DEPTH + 1, '[', ']');
	ss_error_init(&err);
	ck_assert_int_eq(toml_parse(s, strlen(s), "deep.toml", &out, &err), SS_ERR_INPUT);
	ck_assert_ptr_nonnull(strstr(err.msg, "nesting deeper than 128 levels"));
	ck_assert_int_eq(err.line, 1);
	free(s);

	/* hostile depth: fails cleanly, no stack exhaustion */
	s = nested("a = ", 200000, '[', ']');
	ck_assert_int_eq(toml_parse(s, strlen(s), "deep.toml", &out, &err), SS_ERR_INPUT);
	free(s);
	s = xmalloc(600010);
	strcpy(s, "a = ");
	for (int i = 0; i < 100000; i++)
		memcpy(s + 4 + (size_t)i * 5, "{b = ", 5);
	s[4 + 500000] = '\0';
	ck_assert_int_eq(toml_parse(s, strlen(s), "deep.toml", &out, &err), SS_ERR_INPUT);
	ck_assert_ptr_nonnull(strstr(err.msg, "nesting"));
	free(s);

	/* deep dotted keys and headers are bounded too */
	{
		struct strbuf sb = STRBUF_INIT;
		strbuf_addch(&sb, '[');
		for (int i = 0; i < 5000; i++)
			strbuf_addstr(&sb, i ? ".k" : "k");
		strbuf_addstr(&sb, "]\n");
		ck_assert_int_eq(toml_parse(sb.buf, sb.len, "deep.toml", &out, &err),
				 SS_ERR_INPUT);
		strbuf_reset(&sb);
		for (int i = 0; i < 100; i++)
			strbuf_addstr(&sb, i ? ".k" : "k");
		strbuf_addstr(&sb, " = 1\n[");
		for (int i = 0; i < 100; i++)
			strbuf_addstr(&sb, i ? ".k" : "k");
		strbuf_addstr(&sb, "]\n");
		ck_assert_int_eq(toml_parse(sb.buf, sb.len, "deep.toml", &out, &err),
				 SS_ERR_INPUT);
		strbuf_release(&sb);
	}
}
END_TEST

START_TEST(test_big_table)
{
	struct strbuf sb = STRBUF_INIT;
	struct ss_error err;
	cJSON *out = NULL;
	const int n = 200000;

	/* many keys in one table: hashed lookups keep this fast */
	for (int i = 0; i < n; i++)
		strbuf_addf(&sb, "k%d = %d\n", i, i);
	ck_assert_int_eq(toml_parse(sb.buf, sb.len, "big.toml", &out, &err), 0);
	ck_assert_int_eq(cJSON_GetArraySize(out), n);
	ck_assert_int_eq(cJSON_GetObjectItem(out, "k199999")->valueint, 199999);
	cJSON_Delete(out);
	/* a duplicate of an early key is still found */
	strbuf_addstr(&sb, "k17 = 1\n");
	ss_error_init(&err);
	ck_assert_int_eq(toml_parse(sb.buf, sb.len, "big.toml", &out, &err), SS_ERR_INPUT);
	ck_assert_str_eq(err.msg, "duplicate key 'k17'");
	ck_assert_int_eq(err.line, n + 1);
	/* and sub-tables of a big table */
	strbuf_setlen(&sb, sb.len - 8);
	strbuf_addstr(&sb, "[k5]\n");
	ck_assert_int_eq(toml_parse(sb.buf, sb.len, "big.toml", &out, &err), SS_ERR_INPUT);
	ck_assert_ptr_nonnull(strstr(err.msg, "'k5'"));
	strbuf_release(&sb);
}
END_TEST

/* ---- the plain cJSON form ---- */

static const char pyproject[] =
	"# a realistic Poetry project\n"
	"[build-system]\n"
	"requires = [\"poetry-core>=1.0.0\"]\n"
	"build-backend = \"poetry.core.masonry.api\"\n"
	"\n"
	"[project]\n"
	"name = \"demo-app\"\n"
	"version = \"0.3.1\"\n"
	"requires-python = \">=3.11\"\n"
	"dependencies = [\n"
	"  \"fastapi>=0.110\",   # web\n"
	"  \"uvicorn[standard]\",\n"
	"]\n"
	"authors = [{ name = \"Ada\", email = \"ada@example.org\" }]\n"
	"\n"
	"[project.scripts]\n"
	"demo = \"demo.main:run\"\n"
	"\n"
	"[tool.poetry.dependencies]\n"
	"python = \"^3.11\"\n"
	"gunicorn = { version = \"^21.2\", optional = true }\n"
	"\n"
	"[tool.poetry.group.dev.dependencies]\n"
	"pytest = \"^8.0\"\n"
	"\n"
	"[[tool.poetry.source]]\n"
	"name = \"internal\"\n"
	"url = 'https://pypi.internal.example/simple/'\n"
	"priority = \"supplemental\"\n"
	"\n"
	"[[tool.poetry.source]]\n"
	"name = \"pytorch\"\n"
	"url = \"https://download.pytorch.org/whl/cpu\"\n"
	"\n"
	"[tool.ruff]\n"
	"line-length = 100\n"
	"target-version = \"py311\"\n"
	"lint.select = [\"E\", \"F\"]\n"
	"\n"
	"[tool.demo]\n"
	"ratio = 0.25\n"
	"big = 9_007_199_254_740_993\n"
	"released = 2024-03-01T12:00:00Z\n"
	"day = 2024-03-01\n";

START_TEST(test_pyproject_plain)
{
	struct ss_error err;
	cJSON *out = NULL, *j, *src;

	ss_error_init(&err);
	ck_assert_int_eq(toml_parse(pyproject, sizeof(pyproject) - 1, "pyproject.toml", &out,
				    &err), 0);
	j = cJSON_GetObjectItemCaseSensitive(out, "project");
	ck_assert(cJSON_IsObject(j));
	ck_assert_str_eq(cJSON_GetObjectItem(j, "name")->valuestring, "demo-app");
	ck_assert_str_eq(cJSON_GetObjectItem(j, "requires-python")->valuestring, ">=3.11");
	ck_assert_int_eq(cJSON_GetArraySize(cJSON_GetObjectItem(j, "dependencies")), 2);
	ck_assert_str_eq(cJSON_GetArrayItem(cJSON_GetObjectItem(j, "dependencies"), 1)->valuestring,
			 "uvicorn[standard]");
	ck_assert_str_eq(cJSON_GetObjectItem(cJSON_GetArrayItem(cJSON_GetObjectItem(j, "authors"),
								 0), "email")->valuestring,
			 "ada@example.org");
	ck_assert_str_eq(cJSON_GetObjectItem(cJSON_GetObjectItem(j, "scripts"), "demo")
				 ->valuestring, "demo.main:run");

	j = cJSON_GetObjectItem(cJSON_GetObjectItem(out, "tool"), "poetry");
	ck_assert(cJSON_IsObject(j));
	ck_assert_str_eq(cJSON_GetObjectItem(cJSON_GetObjectItem(j, "dependencies"), "python")
				 ->valuestring, "^3.11");
	ck_assert(cJSON_IsTrue(cJSON_GetObjectItem(
		cJSON_GetObjectItem(cJSON_GetObjectItem(j, "dependencies"), "gunicorn"),
		"optional")));
	ck_assert_str_eq(cJSON_GetObjectItem(cJSON_GetObjectItem(cJSON_GetObjectItem(
		cJSON_GetObjectItem(j, "group"), "dev"), "dependencies"), "pytest")->valuestring,
		"^8.0");
	src = cJSON_GetObjectItem(j, "source");
	ck_assert(cJSON_IsArray(src));
	ck_assert_int_eq(cJSON_GetArraySize(src), 2);
	ck_assert_str_eq(cJSON_GetObjectItem(cJSON_GetArrayItem(src, 0), "url")->valuestring,
			 "https://pypi.internal.example/simple/");
	ck_assert_str_eq(cJSON_GetObjectItem(cJSON_GetArrayItem(src, 1), "name")->valuestring,
			 "pytorch");

	j = cJSON_GetObjectItem(cJSON_GetObjectItem(out, "tool"), "ruff");
	ck_assert(cJSON_IsNumber(cJSON_GetObjectItem(j, "line-length")));
	ck_assert_int_eq(cJSON_GetObjectItem(j, "line-length")->valueint, 100);
	ck_assert_str_eq(cJSON_GetArrayItem(cJSON_GetObjectItem(cJSON_GetObjectItem(j, "lint"),
								"select"), 1)->valuestring, "F");

	j = cJSON_GetObjectItem(cJSON_GetObjectItem(out, "tool"), "demo");
	ck_assert(cJSON_GetObjectItem(j, "ratio")->valuedouble == 0.25);
	ck_assert(cJSON_IsString(cJSON_GetObjectItem(j, "released")));
	ck_assert_str_eq(cJSON_GetObjectItem(j, "released")->valuestring, "2024-03-01T12:00:00Z");
	ck_assert_str_eq(cJSON_GetObjectItem(j, "day")->valuestring, "2024-03-01");

	/* document order is kept */
	ck_assert_str_eq(out->child->string, "build-system");
	ck_assert_str_eq(out->child->next->string, "project");
	cJSON_Delete(out);
}
END_TEST

START_TEST(test_pyproject_tagged_exact_int)
{
	struct ss_error err;
	cJSON *out = NULL, *v;

	ck_assert_int_eq(toml_parse_tagged(pyproject, sizeof(pyproject) - 1, "pyproject.toml",
					   &out, &err), 0);
	v = cJSON_GetObjectItem(cJSON_GetObjectItem(cJSON_GetObjectItem(out, "tool"), "demo"),
				"big");
	ck_assert_str_eq(cJSON_GetObjectItem(v, "type")->valuestring, "integer");
	ck_assert_str_eq(cJSON_GetObjectItem(v, "value")->valuestring, "9007199254740993");
	cJSON_Delete(out);

	{
		const char *ints = "a = -9223372036854775808\nb = 0x7FFFFFFFFFFFFFFF\n"
				   "c = 0o17\nd = 0b1010\nf = -0.0\ng = 1e300\n";
		ck_assert_int_eq(toml_parse_tagged(ints, strlen(ints), "t", &out, &err), 0);
	}
	ck_assert_str_eq(cJSON_GetObjectItem(cJSON_GetObjectItem(out, "a"), "value")->valuestring,
			 "-9223372036854775808");
	ck_assert_str_eq(cJSON_GetObjectItem(cJSON_GetObjectItem(out, "b"), "value")->valuestring,
			 "9223372036854775807");
	ck_assert_str_eq(cJSON_GetObjectItem(cJSON_GetObjectItem(out, "c"), "value")->valuestring,
			 "15");
	ck_assert_str_eq(cJSON_GetObjectItem(cJSON_GetObjectItem(out, "d"), "value")->valuestring,
			 "10");
	ck_assert_str_eq(cJSON_GetObjectItem(cJSON_GetObjectItem(out, "f"), "value")->valuestring,
			 "-0");
	ck_assert_str_eq(cJSON_GetObjectItem(cJSON_GetObjectItem(out, "g"), "type")->valuestring,
			 "float");
	ck_assert_str_eq(cJSON_GetObjectItem(cJSON_GetObjectItem(out, "g"), "value")->valuestring,
			 "1e+300");
	cJSON_Delete(out);
}
END_TEST

static const char pipfile[] =
	"[[source]]\n"
	"url = \"https://pypi.org/simple\"\n"
	"verify_ssl = true\n"
	"name = \"pypi\"\n"
	"\n"
	"[packages]\n"
	"flask = \"*\"\n"
	"requests = {version = \">=2.31\", extras = [\"socks\"]}\n"
	"\"zope.interface\" = \"==6.1\"\n"
	"\n"
	"[dev-packages]\n"
	"pytest = \"*\"\n"
	"\n"
	"[requires]\n"
	"python_version = \"3.12\"\n";

START_TEST(test_pipfile_plain)
{
	struct ss_error err;
	cJSON *out = NULL, *pk;

	ss_error_init(&err);
	ck_assert_int_eq(toml_parse(pipfile, sizeof(pipfile) - 1, "Pipfile", &out, &err), 0);
	ck_assert(cJSON_IsTrue(cJSON_GetObjectItem(cJSON_GetArrayItem(
		cJSON_GetObjectItem(out, "source"), 0), "verify_ssl")));
	pk = cJSON_GetObjectItem(out, "packages");
	ck_assert_int_eq(cJSON_GetArraySize(pk), 3);
	ck_assert_str_eq(cJSON_GetObjectItem(pk, "flask")->valuestring, "*");
	ck_assert_str_eq(cJSON_GetObjectItem(pk, "zope.interface")->valuestring, "==6.1");
	ck_assert_str_eq(cJSON_GetArrayItem(cJSON_GetObjectItem(cJSON_GetObjectItem(pk,
		"requests"), "extras"), 0)->valuestring, "socks");
	ck_assert_str_eq(cJSON_GetObjectItem(cJSON_GetObjectItem(out, "requires"),
					     "python_version")->valuestring, "3.12");
	cJSON_Delete(out);
}
END_TEST

START_TEST(test_strings_plain)
{
	const char *src =
		"basic = \"tab\\there \\\"q\\\" \\u00e9 \\U0001F600\"\n"
		"lit = 'C:\\path\\n'\n"
		"ml = \"\"\"\nline1\r\nline2 \\\n     joined\"\"\"\n"
		"mll = '''\n''quoted'' '''\n"
		"five = \"\"\"\"\"x\"\"\"\"\"\n";
	struct ss_error err;
	cJSON *out = NULL;

	ss_error_init(&err);
	ck_assert_int_eq(toml_parse(src, strlen(src), "s.toml", &out, &err), 0);
	ck_assert_str_eq(cJSON_GetObjectItem(out, "basic")->valuestring,
			 "tab\there \"q\" \xc3\xa9 \xf0\x9f\x98\x80");
	ck_assert_str_eq(cJSON_GetObjectItem(out, "lit")->valuestring, "C:\\path\\n");
	ck_assert_str_eq(cJSON_GetObjectItem(out, "ml")->valuestring, "line1\nline2 joined");
	ck_assert_str_eq(cJSON_GetObjectItem(out, "mll")->valuestring, "''quoted'' ");
	ck_assert_str_eq(cJSON_GetObjectItem(out, "five")->valuestring, "\"\"x\"\"");
	cJSON_Delete(out);
}
END_TEST

START_TEST(test_crlf_and_bom)
{
	const char *src = "\xEF\xBB\xBF[project]\r\nname = \"x\" # c\r\n"
			  "description = \"\"\"\r\none\r\ntwo\"\"\"\r\n";
	struct ss_error err;
	cJSON *out = NULL;

	ss_error_init(&err);
	ck_assert_int_eq(toml_parse(src, strlen(src), "pyproject.toml", &out, &err), 0);
	ck_assert_str_eq(cJSON_GetObjectItem(cJSON_GetObjectItem(out, "project"), "description")
				 ->valuestring, "one\ntwo");
	cJSON_Delete(out);
	ck_assert_int_eq(toml_key_line(src, strlen(src), "project.name"), 2);
	ck_assert_int_eq(toml_key_line(src, strlen(src), "project.description"), 3);
	/* a byte order mark anywhere else is an error */
	ck_assert_int_eq(toml_parse("a = 1\n\xEF\xBB\xBF" "b = 2\n", 15, "t.toml", &out, &err),
			 SS_ERR_INPUT);
	ck_assert_int_eq(err.line, 2);
	ck_assert_int_eq(err.col, 1);
	ck_assert_str_eq(err.msg, "expected a key, found U+FEFF");
}
END_TEST

/* ---- toml_key_line ---- */

START_TEST(test_key_line)
{
	const size_t n = sizeof(pyproject) - 1;

	ck_assert_int_eq(toml_key_line(pyproject, n, "build-system"), 2);
	ck_assert_int_eq(toml_key_line(pyproject, n, "project"), 6);
	ck_assert_int_eq(toml_key_line(pyproject, n, "project.name"), 7);
	ck_assert_int_eq(toml_key_line(pyproject, n, "project.dependencies"), 10);
	ck_assert_int_eq(toml_key_line(pyproject, n, "project.authors"), 14);
	ck_assert_int_eq(toml_key_line(pyproject, n, "project.scripts.demo"), 17);
	/* implied by the first header below it */
	ck_assert_int_eq(toml_key_line(pyproject, n, "tool"), 19);
	ck_assert_int_eq(toml_key_line(pyproject, n, "tool.poetry"), 19);
	ck_assert_int_eq(toml_key_line(pyproject, n, "tool.poetry.dependencies"), 19);
	ck_assert_int_eq(toml_key_line(pyproject, n, "tool.poetry.dependencies.gunicorn"), 21);
	ck_assert_int_eq(toml_key_line(pyproject, n, "tool.poetry.group.dev.dependencies.pytest"),
			 24);
	ck_assert_int_eq(toml_key_line(pyproject, n, "tool.poetry.source"), 26);
	ck_assert_int_eq(toml_key_line(pyproject, n, "tool.poetry.source.url"), 28);
	ck_assert_int_eq(toml_key_line(pyproject, n, "tool.ruff.lint.select"), 38);
	ck_assert_int_eq(toml_key_line(pyproject, n, "tool.ruff.lint"), 38);
	ck_assert_int_eq(toml_key_line(pyproject, n, "tool.demo.day"), 44);
	ck_assert_int_eq(toml_key_line(pyproject, n, "tool.poetry.missing"), 0);
	ck_assert_int_eq(toml_key_line(pyproject, n, "project.name.x"), 0);
	ck_assert_int_eq(toml_key_line(pyproject, n, ""), 0);
	ck_assert_int_eq(toml_key_line(pyproject, n, NULL), 0);
	ck_assert_int_eq(toml_key_line("a = ", 4, "a"), 0);
	/* implicit then explicit: the header counts */
	ck_assert_int_eq(toml_key_line("[a.b]\nx = 1\n[a]\ny = 2\n", 22, "a"), 3);
	ck_assert_int_eq(toml_key_line(pipfile, sizeof(pipfile) - 1, "packages.zope.interface"),
			 0);
	ck_assert_int_eq(toml_key_line(pipfile, sizeof(pipfile) - 1, "dev-packages.pytest"), 12);
	{
		const char *zope[] = {"packages", "zope.interface"};
		const char *src_url[] = {"tool", "poetry", "source", "url"};
		const char *empty[] = {"a", NULL};
		ck_assert_int_eq(toml_key_line_parts(pipfile, sizeof(pipfile) - 1, zope, 2), 9);
		ck_assert_int_eq(toml_key_line_parts(pipfile, sizeof(pipfile) - 1, zope, 1), 6);
		ck_assert_int_eq(toml_key_line_parts(pipfile, sizeof(pipfile) - 1, zope, 0), 0);
		ck_assert_int_eq(toml_key_line_parts(pyproject, n, src_url, 4), 28);
		ck_assert_int_eq(toml_key_line_parts("[a]\n\"\" = 1\n", 11, empty, 2), 2);
		ck_assert_int_eq(toml_key_line_parts("[a]\n\"\" = 1\n", 11, NULL, 2), 0);
		ck_assert_int_eq(toml_key_line("[a]\n\"\" = 1\n", 11, "a."), 2);
	}
}
END_TEST

Suite *suite_toml(void)
{
	Suite *s = suite_create("toml");
	TCase *tc = tcase_create("core");

	tcase_set_timeout(tc, 120);
	tcase_add_test(tc, test_comparator_catches_differences);
	tcase_add_test(tc, test_toml_test_1_0_0);
	tcase_add_loop_test(tc, test_error_locations, 0,
			    (int)(sizeof(err_cases) / sizeof(err_cases[0])));
	tcase_add_test(tc, test_error_format);
	tcase_add_test(tc, test_bounds_and_nul);
	tcase_add_test(tc, test_nesting_limit);
	tcase_add_test(tc, test_big_table);
	tcase_add_test(tc, test_pyproject_plain);
	tcase_add_test(tc, test_pyproject_tagged_exact_int);
	tcase_add_test(tc, test_pipfile_plain);
	tcase_add_test(tc, test_strings_plain);
	tcase_add_test(tc, test_crlf_and_bom);
	tcase_add_test(tc, test_key_line);
	suite_add_tcase(s, tc);
	return s;
}
