/* Check suite for mustache: the official spec files, strict mode, no_escape,
 * syntax errors with lines, recursion and budget limits, bounds. */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "shipshape/mustache.h"
#include "testutil.h"

/* ---- the spec's conformance files -------------------------------------- */

static int run_spec_file(const char *file)
{
	struct strbuf src = STRBUF_INIT;
	char rel[256];
	cJSON *doc, *tests, *t;
	int total = 0, passed = 0;

	snprintf(rel, sizeof(rel), "conformance/mustache/%s", file);
	tu_slurp(tu_shared(rel), &src);
	doc = cJSON_ParseWithLength(src.buf, src.len);
	ck_assert_msg(doc != NULL, "%s: not JSON", file);
	tests = cJSON_GetObjectItemCaseSensitive(doc, "tests");
	ck_assert(cJSON_IsArray(tests));
	cJSON_ArrayForEach(t, tests)
	{
		const cJSON *name = cJSON_GetObjectItemCaseSensitive(t, "name");
		const cJSON *data = cJSON_GetObjectItemCaseSensitive(t, "data");
		const cJSON *tpl = cJSON_GetObjectItemCaseSensitive(t, "template");
		const cJSON *exp = cJSON_GetObjectItemCaseSensitive(t, "expected");
		cJSON *partials = cJSON_GetObjectItemCaseSensitive(t, "partials");
		struct mustache_opts o = {0};
		struct strbuf out = STRBUF_INIT;
		struct ss_error err;
		int rc;

		ck_assert(cJSON_IsString(name) && cJSON_IsString(tpl) && cJSON_IsString(exp));
		ss_error_init(&err);
		o.name = name->valuestring;
		if (partials) {
			o.partial = mustache_partials_from_json;
			o.partial_ctx = partials;
		}
		total++;
		rc = mustache_render(tpl->valuestring, strlen(tpl->valuestring), data, &o, &out,
				     &err);
		if (rc == 0 && strcmp(out.buf, exp->valuestring) == 0)
			passed++;
		else
			fprintf(stderr, "mustache conformance FAIL %s '%s': rc %d (%s) got [%s] want [%s]\n",
				file, name->valuestring, rc, err.msg, out.buf, exp->valuestring);
		strbuf_release(&out);
	}
	fprintf(stderr, "mustache conformance %s: %d/%d\n", file, passed, total);
	ck_assert_int_gt(total, 0);
	ck_assert_int_eq(passed, total);
	cJSON_Delete(doc);
	strbuf_release(&src);
	return total;
}

START_TEST(test_spec_comments) { run_spec_file("comments.json"); }
END_TEST
START_TEST(test_spec_delimiters) { run_spec_file("delimiters.json"); }
END_TEST
START_TEST(test_spec_interpolation) { run_spec_file("interpolation.json"); }
END_TEST
START_TEST(test_spec_inverted) { run_spec_file("inverted.json"); }
END_TEST
START_TEST(test_spec_partials) { run_spec_file("partials.json"); }
END_TEST
START_TEST(test_spec_sections) { run_spec_file("sections.json"); }
END_TEST

START_TEST(test_spec_total)
{
	static const char *const files[] = {"comments.json", "delimiters.json",
					    "interpolation.json", "inverted.json",
					    "partials.json", "sections.json"};
	int total = 0;
	for (size_t i = 0; i < sizeof(files) / sizeof(files[0]); i++)
		total += run_spec_file(files[i]);
	fprintf(stderr, "mustache conformance: %d/%d\n", total, total);
	ck_assert_int_ge(total, 136);
}
END_TEST

/* ---- helpers ------------------------------------------------------------ */

struct rendered {
	int rc;
	struct ss_error err;
	char *out;
};

/* Render tpl (copied into a buffer of exactly its length, no NUL) with data
 * given as JSON text and partials as a JSON object text (or NULL). */
static struct rendered render(const char *tpl, const char *data_json, const char *partials_json,
			      int strict, int no_escape)
{
	struct rendered res;
	struct mustache_opts o = {0};
	struct strbuf out = STRBUF_INIT;
	size_t len = strlen(tpl);
	char *copy = malloc(len ? len : 1);
	cJSON *data = data_json ? cJSON_Parse(data_json) : NULL;
	cJSON *partials = partials_json ? cJSON_Parse(partials_json) : NULL;

	ck_assert_ptr_nonnull(copy);
	memcpy(copy, tpl, len);
	if (data_json)
		ck_assert_msg(data != NULL, "bad test data %s", data_json);
	if (partials_json) {
		ck_assert_msg(partials != NULL, "bad test partials %s", partials_json);
		o.partial = mustache_partials_from_json;
		o.partial_ctx = partials;
	}
	o.name = "Dockerfile.mustache";
	o.strict = strict;
	o.no_escape = no_escape;
	ss_error_init(&res.err);
	res.rc = mustache_render(copy, len, data, &o, &out, &res.err);
	res.out = strbuf_detach(&out, NULL);
	free(copy);
	cJSON_Delete(data);
	cJSON_Delete(partials);
	return res;
}

static void expect_ok(const char *tpl, const char *data, const char *partials, int strict,
		      int no_escape, const char *want)
{
	struct rendered r = render(tpl, data, partials, strict, no_escape);
	ck_assert_msg(r.rc == 0, "render of [%s] failed: %s line %d: %s", tpl, r.err.file,
		      r.err.line, r.err.msg);
	ck_assert_str_eq(r.out, want);
	free(r.out);
}

static void expect_err(const char *tpl, const char *data, const char *partials, int strict,
		       const char *file, int line, const char *msg)
{
	struct rendered r = render(tpl, data, partials, strict, 0);
	ck_assert_msg(r.rc == SS_ERR_INPUT, "render of [%s] gave %d, want an error", tpl, r.rc);
	ck_assert_str_eq(r.err.file, file);
	ck_assert_int_eq(r.err.line, line);
	ck_assert_msg(strstr(r.err.msg, msg) != NULL, "message [%s] lacks [%s]", r.err.msg, msg);
	ck_assert_int_eq(r.err.code, SS_ERR_INPUT);
	free(r.out);
}

/* ---- strict mode --------------------------------------------------------- */

START_TEST(test_strict_unknown_variable)
{
	const char *tpl = "FROM python:3.12-slim\nWORKDIR /app\n\n\n\n\n\n\n\n\n\nEXPOSE {{porrt}}\n";
	expect_err(tpl, "{\"port\": 8000}", NULL, 1, "Dockerfile.mustache", 12,
		   "unknown variable 'porrt'");
	/* the same template without strict: the spec's empty string */
	expect_ok(tpl, "{\"port\": 8000}", NULL, 0, 0,
		  "FROM python:3.12-slim\nWORKDIR /app\n\n\n\n\n\n\n\n\n\nEXPOSE \n");
	/* triple and ampersand forms too, and dotted names with a broken chain */
	expect_err("a\n{{{nope}}}", "{}", NULL, 1, "Dockerfile.mustache", 2,
		   "unknown variable 'nope'");
	expect_err("{{&nope}}", "{}", NULL, 1, "Dockerfile.mustache", 1, "unknown variable 'nope'");
	expect_err("\n\n{{a.b.c}}", "{\"a\": {\"b\": {}}}", NULL, 1, "Dockerfile.mustache", 3,
		   "unknown variable 'a.b.c'");
	/* a known null renders nothing; a known value renders */
	expect_ok("[{{a}}][{{b.c}}]", "{\"a\": null, \"b\": {\"c\": 7}}", NULL, 1, 0, "[][7]");
	/* found on a parent context */
	expect_ok("{{#l}}{{x}}{{y}},{{/l}}", "{\"x\": 1, \"l\": [{\"y\": 2}, {\"y\": 3}]}", NULL,
		  1, 0, "12,13,");
	/* a key missing in one list item is an error, naming the line */
	expect_err("{{#l}}\n{{y}}\n{{/l}}", "{\"l\": [{\"y\": 2}, {}]}", NULL, 1,
		   "Dockerfile.mustache", 2, "unknown variable 'y'");
}
END_TEST

START_TEST(test_strict_unknown_section)
{
	expect_err("x\ny\n{{#feature}}on{{/feature}}", "{}", NULL, 1, "Dockerfile.mustache", 3,
		   "unknown section 'feature'");
	expect_err("x\n{{^feature}}off{{/feature}}", "{}", NULL, 1, "Dockerfile.mustache", 2,
		   "unknown inverted section 'feature'");
	expect_ok("{{#feature}}on{{/feature}}", "{}", NULL, 0, 0, "");
	expect_ok("{{^feature}}off{{/feature}}", "{}", NULL, 0, 0, "off");
	/* known but false: fine in strict mode */
	expect_ok("{{#f}}on{{/f}}{{^f}}off{{/f}}", "{\"f\": false}", NULL, 1, 0, "off");
	expect_ok("{{#f}}on{{/f}}{{^f}}off{{/f}}", "{\"f\": null}", NULL, 1, 0, "off");
}
END_TEST

START_TEST(test_strict_unknown_partial)
{
	expect_err("a\nb\n{{>deps/pip}}\n", "{}", "{}", 1, "Dockerfile.mustache", 3,
		   "unknown partial 'deps/pip'");
	expect_ok("a{{>deps/pip}}b", "{}", "{}", 0, 0, "ab");
	/* no partial callback at all */
	expect_err("{{>p}}", "{}", NULL, 1, "Dockerfile.mustache", 1, "unknown partial 'p'");
	expect_ok("[{{>p}}]", "{}", NULL, 0, 0, "[]");
	/* an error inside a partial names the partial and its own line */
	expect_err("{{>inner}}", "{}", "{\"inner\": \"ok\\n\\n{{missing}}\"}", 1, "inner", 3,
		   "unknown variable 'missing'");
	expect_err("{{>inner}}", "{}", "{\"inner\": \"{{#open}}\"}", 0, "inner", 1,
		   "unclosed section 'open'");
	/* ... and says where it was included from, once */
	expect_err("x\n  {{>outer}}\n", "{}",
		   "{\"outer\": \"a\\n{{>inner}}\", \"inner\": \"{{nope}}\"}", 1, "inner", 1,
		   "unknown variable 'nope' (included from 'outer' line 2)");
	{
		struct rendered r = render("x\n  {{>outer}}\n", "{}",
					   "{\"outer\": \"a\\n{{>inner}}\", \"inner\": \"{{nope}}\"}",
					   1, 0);
		ck_assert_str_eq(r.err.msg, "unknown variable 'nope' (included from 'outer' line 2)");
		free(r.out);
	}
}
END_TEST

/* ---- options and values ---------------------------------------------------- */

START_TEST(test_no_escape)
{
	const char *data = "{\"cmd\": \"a && b < c > \\\"d\\\"\"}";
	expect_ok("RUN {{cmd}}", data, NULL, 0, 1, "RUN a && b < c > \"d\"");
	expect_ok("RUN {{cmd}}", data, NULL, 0, 0, "RUN a &amp;&amp; b &lt; c &gt; &quot;d&quot;");
	expect_ok("RUN {{{cmd}}}|{{&cmd}}", data, NULL, 0, 0,
		  "RUN a && b < c > \"d\"|a && b < c > \"d\"");
	/* no_escape reaches into partials and sections */
	expect_ok("{{#l}}{{>p}}{{/l}}", "{\"l\": [\"<\", \"&\"]}", "{\"p\": \"{{.}}\"}", 0, 1, "<&");
}
END_TEST

START_TEST(test_values)
{
	expect_ok("{{a}} {{b}} {{c}} {{d}} {{e}} {{f}}",
		  "{\"a\": 85, \"b\": 1.21, \"c\": -3, \"d\": 0.30000000000000004, \"e\": 1e20, "
		  "\"f\": 2.5e-8}",
		  NULL, 1, 0, "85 1.21 -3 0.30000000000000004 1e+20 2.5e-08");
	expect_ok("{{t}} {{f}}", "{\"t\": true, \"f\": false}", NULL, 1, 0, "true false");
	/* arrays and objects as compact JSON: an exec-form CMD */
	expect_ok("CMD {{cmd}}", "{\"cmd\": [\"python\", \"-m\", \"app\"]}", NULL, 1, 1,
		  "CMD [\"python\",\"-m\",\"app\"]");
	/* falsey like mustache.js: "", 0, [], false, null */
	expect_ok("{{#s}}s{{/s}}{{#z}}z{{/z}}{{#l}}l{{/l}}{{#o}}o{{/o}}{{#n}}n{{/n}}",
		  "{\"s\": \"\", \"z\": 0, \"l\": [], \"o\": {}, \"n\": 1}", NULL, 1, 0, "on");
	expect_ok("{{^s}}s{{/s}}{{^z}}z{{/z}}{{^l}}l{{/l}}{{^o}}o{{/o}}{{^n}}n{{/n}}",
		  "{\"s\": \"\", \"z\": 0, \"l\": [], \"o\": {}, \"n\": 1}", NULL, 1, 0, "szl");
}
END_TEST

START_TEST(test_null_opts_and_data)
{
	struct strbuf out = STRBUF_INIT;
	struct ss_error err;

	ss_error_init(&err);
	strbuf_addstr(&out, "keep:");
	ck_assert_int_eq(mustache_render("a{{x}}b{{>p}}c", 14, NULL, NULL, &out, &err), 0);
	ck_assert_str_eq(out.buf, "keep:abc");
	ck_assert_int_eq(mustache_render(NULL, 0, NULL, NULL, &out, &err), 0);
	ck_assert_str_eq(out.buf, "keep:abc");
	/* the default name shows in errors */
	ck_assert_int_eq(mustache_render("{{#a}}", 6, NULL, NULL, &out, &err), SS_ERR_INPUT);
	ck_assert_str_eq(err.file, "template");
	strbuf_release(&out);
}
END_TEST

static int failing_partial(void *ctx, const char *name, struct strbuf *out, struct ss_error *err)
{
	(void)ctx;
	(void)out;
	return ss_error_set(err, SS_ERR_IO, name, 0, 0, "cannot read '%s': permission denied",
			    name);
}

START_TEST(test_partial_hard_failure)
{
	struct mustache_opts o = {0};
	struct strbuf out = STRBUF_INIT;
	struct ss_error err;

	ss_error_init(&err);
	o.partial = failing_partial;
	ck_assert_int_eq(mustache_render("{{>secret}}", 11, NULL, &o, &out, &err), SS_ERR_IO);
	ck_assert_str_eq(err.file, "secret");
	ck_assert(strstr(err.msg, "permission denied") != NULL);
	strbuf_release(&out);
}
END_TEST

/* ---- syntax errors (both modes) ---------------------------------------------- */

START_TEST(test_syntax_errors)
{
	for (int strict = 0; strict <= 1; strict++) {
		expect_err("a\nb {{name", "{}", NULL, strict, "Dockerfile.mustache", 2,
			   "unclosed tag");
		expect_err("a\n{{{name}}", "{}", NULL, strict, "Dockerfile.mustache", 2,
			   "unclosed tag");
		expect_err("{{! never closed\n}", "{}", NULL, strict, "Dockerfile.mustache", 1,
			   "unclosed tag");
		expect_err("x\n{{#a}}\n{{#b}}\n{{/b}}\n", "{}", NULL, strict,
			   "Dockerfile.mustache", 2, "unclosed section 'a'");
		expect_err("{{#a}}\n{{#b}}\n{{/a}}\n{{/b}}", "{}", NULL, strict,
			   "Dockerfile.mustache", 3, "mismatched close tag 'a'");
		expect_err("\n{{/a}}", "{}", NULL, strict, "Dockerfile.mustache", 2,
			   "close tag without an open section");
		expect_err("{{=<% %>=}}\n<%name", "{}", NULL, strict, "Dockerfile.mustache", 2,
			   "no '%>'");
		expect_err("{{= a =}}", "{}", NULL, strict, "Dockerfile.mustache", 1,
			   "invalid delimiter tag");
		expect_err("{{=a b c=}}", "{}", NULL, strict, "Dockerfile.mustache", 1,
			   "invalid delimiter tag");
		expect_err("\n\n{{ }}", "{}", NULL, strict, "Dockerfile.mustache", 3,
			   "empty tag name");
		expect_err("{{<parent}}{{/parent}}", "{}", NULL, strict, "Dockerfile.mustache", 1,
			   "not supported");
	}
	/* a delimiter change lasts to the end of its template only */
	expect_ok("{{=<% %>=}}<%a%>{{a}}", "{\"a\": 1}", NULL, 1, 0, "1{{a}}");
}
END_TEST

/* ---- limits ------------------------------------------------------------------- */

START_TEST(test_recursive_partial_limit)
{
	/* a partial that always includes itself */
	expect_err("{{>loop}}", "{}", "{\"loop\": \"x{{>loop}}\"}", 0, "loop", 1,
		   "partials nested deeper than");
	/* recursion driven by data that never ends: 'a' is found on every level */
	expect_err("{{>node}}", "{\"a\": true}",
		   "{\"node\": \"{{#a}}\\n{{>node}}\\n{{/a}}\"}", 0, "node", 2,
		   "nested deeper than");
	/* bounded recursion is fine (the spec's tree walk) */
	expect_ok("{{>n}}", "{\"c\": 1, \"k\": [{\"c\": 2, \"k\": [{\"c\": 3, \"k\": []}]}]}",
		  "{\"n\": \"{{c}}({{#k}}{{>n}}{{/k}})\"}", 1, 0, "1(2(3()))");
}
END_TEST

START_TEST(test_section_depth_limit)
{
	struct strbuf t = STRBUF_INIT;
	struct rendered r;

	for (int i = 0; i < MUSTACHE_MAX_SECTION_DEPTH + 5; i++)
		strbuf_addstr(&t, "{{#a}}");
	for (int i = 0; i < MUSTACHE_MAX_SECTION_DEPTH + 5; i++)
		strbuf_addstr(&t, "{{/a}}");
	r = render(t.buf, "{\"a\": true}", NULL, 0, 0);
	ck_assert_int_eq(r.rc, SS_ERR_INPUT);
	ck_assert(strstr(r.err.msg, "sections nested deeper than") != NULL);
	free(r.out);
	/* a nesting within the limit renders */
	strbuf_reset(&t);
	for (int i = 0; i < 100; i++)
		strbuf_addstr(&t, "{{#a}}");
	strbuf_addstr(&t, "x");
	for (int i = 0; i < 100; i++)
		strbuf_addstr(&t, "{{/a}}");
	expect_ok(t.buf, "{\"a\": true}", NULL, 1, 0, "x");
	strbuf_release(&t);
}
END_TEST

START_TEST(test_budgets)
{
	struct mustache_opts o = {0};
	struct strbuf out = STRBUF_INIT;
	struct ss_error err;
	cJSON *partials = cJSON_Parse("{\"p\": \"{{>p}}{{>p}}\"}");
	cJSON *data = cJSON_Parse("{\"l\": [1,2,3,4,5,6,7,8,9,10]}");
	const char *nested = "{{#l}}{{#l}}{{#l}}{{#l}}{{#l}}{{#l}}{{#l}}{{#l}}xxxxxxxx"
			     "{{/l}}{{/l}}{{/l}}{{/l}}{{/l}}{{/l}}{{/l}}{{/l}}";
	const char *cube = "{{#l}}{{#l}}{{#l}}0123456789{{/l}}{{/l}}{{/l}}";
	const char *five = "{{#l}}{{.}}{{.}}{{.}}{{.}}{{.}}{{/l}}";

	/* a partial that includes itself twice: the depth limit stops it */
	ss_error_init(&err);
	o.partial = mustache_partials_from_json;
	o.partial_ctx = partials;
	o.max_steps = 20000;
	ck_assert_int_eq(mustache_render("{{>p}}", 6, data, &o, &out, &err), SS_ERR_INPUT);
	ck_assert(strstr(err.msg, "partials nested deeper") != NULL);
	/* ... and data 40 levels deep makes it 2^40 calls within the depth limit */
	{
		cJSON *deep = cJSON_CreateObject(), *cur = deep;
		cJSON *p2 = cJSON_Parse("{\"p\": \"{{#a}}{{>p}}{{>p}}{{/a}}\"}");
		for (int i = 0; i < 40; i++) {
			cJSON *next = cJSON_CreateObject();
			cJSON_AddItemToObject(cur, "a", next);
			cur = next;
		}
		cJSON_AddFalseToObject(cur, "a");
		o.partial_ctx = p2;
		strbuf_reset(&out);
		ck_assert_int_eq(mustache_render("{{>p}}", 6, deep, &o, &out, &err), SS_ERR_INPUT);
		ck_assert(strstr(err.msg, "too costly") != NULL);
		o.partial_ctx = partials;
		cJSON_Delete(p2);
		cJSON_Delete(deep);
	}
	/* 10^8 iterations */
	strbuf_reset(&out);
	ck_assert_int_eq(mustache_render(nested, strlen(nested), data, &o, &out, &err),
			 SS_ERR_INPUT);
	ck_assert(strstr(err.msg, "too costly") != NULL);
	o.max_steps = 0;
	/* an output budget */
	strbuf_reset(&out);
	o.max_output = 1000;
	ck_assert_int_eq(mustache_render(cube, strlen(cube), data, &o, &out, &err),
			 SS_ERR_INPUT);
	ck_assert(strstr(err.msg, "output too large") != NULL);
	/* a step budget set by the caller */
	strbuf_reset(&out);
	o.max_output = 0;
	o.max_steps = 50;
	ck_assert_int_eq(mustache_render(five, strlen(five), data, &o, &out, &err),
			 SS_ERR_INPUT);
	o.max_steps = 100;
	strbuf_reset(&out);
	ck_assert_int_eq(mustache_render(five, strlen(five), data, &o, &out, &err),
			 0);
	ck_assert_uint_eq(out.len, 55);
	/* the indentation of a standalone partial counts against the output budget */
	{
		struct strbuf lines = STRBUF_INIT, tpl = STRBUF_INIT;
		cJSON *p3 = cJSON_CreateObject();
		for (int i = 0; i < 100; i++)
			strbuf_addstr(&lines, "l\n");
		cJSON_AddStringToObject(p3, "many", lines.buf);
		strbuf_addchars(&tpl, ' ', 50);
		strbuf_addstr(&tpl, "{{>many}}\n");
		o.partial_ctx = p3;
		o.max_steps = 0;
		o.max_output = 1000;
		strbuf_reset(&out);
		ck_assert_int_eq(mustache_render(tpl.buf, tpl.len, data, &o, &out, &err),
				 SS_ERR_INPUT);
		ck_assert(strstr(err.msg, "output too large") != NULL);
		o.max_output = 0;
		strbuf_reset(&out);
		ck_assert_int_eq(mustache_render(tpl.buf, tpl.len, data, &o, &out, &err), 0);
		ck_assert_uint_eq(out.len, 100 * 52);
		cJSON_Delete(p3);
		strbuf_release(&lines);
		strbuf_release(&tpl);
	}
	cJSON_Delete(partials);
	cJSON_Delete(data);
	strbuf_release(&out);
}
END_TEST

/* Every prefix of a template, in a buffer of exactly that size: no read past
 * len (ASan and valgrind see it), and a result or an error every time. */
START_TEST(test_bounds_every_prefix)
{
	const char *tpl = "a {{x}} {{{y}}} {{&z}}\n  {{#s}}\n{{.}}{{! c }}\n  {{/s}}\n"
			  "{{^n}}no{{/n}}{{>p}}{{=<% %>=}}<%x%> <%{y}%><%={{ }}=%>{{x.y}}|";
	size_t len = strlen(tpl);
	cJSON *data = cJSON_Parse("{\"x\": 1, \"y\": \"<\", \"z\": \"&\", \"s\": [1,2], "
				  "\"n\": false}");
	cJSON *partials = cJSON_Parse("{\"p\": \"  P{{x\"}");
	int ok = 0, failed = 0;

	for (size_t n = 0; n <= len; n++) {
		char *copy = malloc(n ? n : 1);
		struct mustache_opts o = {0};
		struct strbuf out = STRBUF_INIT;
		struct ss_error err;
		ck_assert_ptr_nonnull(copy);
		memcpy(copy, tpl, n);
		o.partial = mustache_partials_from_json;
		o.partial_ctx = partials;
		for (int strict = 0; strict <= 1; strict++) {
			int rc;
			o.strict = strict;
			ss_error_init(&err);
			strbuf_reset(&out);
			rc = mustache_render(copy, n, data, &o, &out, &err);
			if (rc) {
				failed++;
				ck_assert(err.msg[0] != '\0');
				ck_assert(err.line >= 1);
			} else {
				ok++;
			}
		}
		strbuf_release(&out);
		free(copy);
	}
	ck_assert_int_gt(ok, 0);
	ck_assert_int_gt(failed, 0);
	cJSON_Delete(data);
	cJSON_Delete(partials);
}
END_TEST

START_TEST(test_nul_bytes_and_names_in_messages)
{
	static const char tpl[] = "ok{{a\0b}}\n{{#q\nr}}";
	static const char tpl2[] = "ok{{a\0b}}\n";
	struct mustache_opts o = {0};
	struct strbuf out = STRBUF_INIT;
	struct ss_error err;

	ss_error_init(&err);
	o.strict = 1;
	o.name = "t";
	ck_assert_int_eq(mustache_render(tpl2, sizeof(tpl2) - 1, NULL, &o, &out, &err),
			 SS_ERR_INPUT);
	ck_assert_str_eq(err.msg, "unknown variable 'a?b'");
	o.strict = 0;
	strbuf_reset(&out);
	ck_assert_int_eq(mustache_render(tpl, sizeof(tpl) - 1, NULL, &o, &out, &err),
			 SS_ERR_INPUT);
	ck_assert_int_eq(err.line, 2);
	ck_assert_str_eq(err.msg, "unclosed section 'q?r'");
	/* a partial name with a NUL byte names no partial */
	{
		static const char tpl3[] = "{{>a\0b}}";
		cJSON *partials = cJSON_Parse("{\"a\": \"A\"}");
		o.partial = mustache_partials_from_json;
		o.partial_ctx = partials;
		o.strict = 1;
		strbuf_reset(&out);
		ck_assert_int_eq(mustache_render(tpl3, sizeof(tpl3) - 1, NULL, &o, &out, &err),
				 SS_ERR_INPUT);
		ck_assert_str_eq(err.msg, "unknown partial 'a?b'");
		ck_assert_int_eq(mustache_render("{{>a}}", 6, NULL, &o, &out, &err), 0);
		ck_assert_str_eq(out.buf, "A");
		cJSON_Delete(partials);
	}
	strbuf_release(&out);
}
END_TEST

START_TEST(test_partial_indentation)
{
	/* standalone partials indent every line, not the interpolated text */
	expect_ok("RUN set -e\n    {{>steps}}\nEND\n", "{\"v\": \"a\\nb\"}",
		  "{\"steps\": \"one\\n{{v}}\\ntwo\\n\"}", 1, 1,
		  "RUN set -e\n    one\n    a\nb\n    two\nEND\n");
}
END_TEST

Suite *suite_mustache(void)
{
	Suite *s = suite_create("mustache");
	TCase *tc = tcase_create("core");

	tcase_set_timeout(tc, 120);
	tcase_add_test(tc, test_spec_comments);
	tcase_add_test(tc, test_spec_delimiters);
	tcase_add_test(tc, test_spec_interpolation);
	tcase_add_test(tc, test_spec_inverted);
	tcase_add_test(tc, test_spec_partials);
	tcase_add_test(tc, test_spec_sections);
	tcase_add_test(tc, test_spec_total);
	tcase_add_test(tc, test_strict_unknown_variable);
	tcase_add_test(tc, test_strict_unknown_section);
	tcase_add_test(tc, test_strict_unknown_partial);
	tcase_add_test(tc, test_no_escape);
	tcase_add_test(tc, test_values);
	tcase_add_test(tc, test_null_opts_and_data);
	tcase_add_test(tc, test_partial_hard_failure);
	tcase_add_test(tc, test_syntax_errors);
	tcase_add_test(tc, test_recursive_partial_limit);
	tcase_add_test(tc, test_section_depth_limit);
	tcase_add_test(tc, test_budgets);
	tcase_add_test(tc, test_bounds_every_prefix);
	tcase_add_test(tc, test_nul_bytes_and_names_in_messages);
	tcase_add_test(tc, test_partial_indentation);
	suite_add_tcase(s, tc);
	return s;
}
