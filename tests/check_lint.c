/*
 * check_lint: the audit. The detector table against the catalog, every
 * fixture Dockerfile against its hand-written expected JSON (and the
 * coverage rule: every detector fires in one fixture and has a near miss in
 * another), suppression, strict input checking, tier reached and formats.
 */
#include <check.h>
#include <dirent.h>
#include <stdlib.h>
#include <string.h>

#include <cjson/cJSON.h>

#include "shipshape/catalog.h"
#include "shipshape/lint.h"
#include "testutil.h"

static struct catalog cat;

static void setup(void)
{
	struct strbuf sb = STRBUF_INIT;
	struct ss_error err;

	ss_error_init(&err);
	catalog_init(&cat);
	tu_slurp(tu_src("templates/practices.json"), &sb);
	ck_assert_msg(catalog_parse(&cat, sb.buf, sb.len, "practices.json", &err) == 0, "%s",
		      err.msg);
	strbuf_release(&sb);
}

static void teardown(void)
{
	catalog_release(&cat);
}

/* Lint src; fails the test on bad input. */
static void lint_text(const char *src, struct lint_result *r, const struct lint_opts *o)
{
	struct ss_error err;

	ss_error_init(&err);
	lint_result_init(r);
	ck_assert_msg(lint_buffer(&cat, src, strlen(src), "Dockerfile", o, r, &err) == 0, "%s",
		      err.msg);
}

static int has_finding(const struct lint_result *r, const char *id, int line)
{
	for (size_t i = 0; i < r->nr; i++)
		if (!strcmp(r->items[i].practice->id, id) && (line < 0 || r->items[i].line == line))
			return 1;
	return 0;
}

START_TEST(test_table_matches_catalog)
{
	size_t visible = 0;

	for (size_t i = 0; i < cat.nr; i++) {
		const struct practice *p = &cat.items[i];
		if (!p->dockerfile)
			continue;
		visible++;
		ck_assert_msg(lint_has_detector(p->id), "no detector for '%s'", p->id);
	}
	ck_assert_uint_eq(lint_detector_count(), visible);
}
END_TEST

/* ---- fixtures ---- */

struct coverage {
	char **fired, **near;
	size_t nfired, nnear;
};

static void cov_add(char ***arr, size_t *n, const char *id)
{
	for (size_t i = 0; i < *n; i++)
		if (!strcmp((*arr)[i], id))
			return;
	*arr = realloc(*arr, (*n + 1) * sizeof(**arr));
	ck_assert_ptr_nonnull(*arr);
	(*arr)[(*n)++] = strdup(id);
}

static int cov_has(char **arr, size_t n, const char *id)
{
	for (size_t i = 0; i < n; i++)
		if (!strcmp(arr[i], id))
			return 1;
	return 0;
}

static int judged(const struct lint_result *r, const char *id)
{
	for (size_t i = 0; i < r->njudged; i++)
		if (!strcmp(r->judged[i]->id, id))
			return 1;
	return 0;
}

static void check_fixture(const char *dir, const char *name, struct coverage *cov)
{
	struct strbuf path = STRBUF_INIT, json = STRBUF_INIT;
	struct lint_result r;
	struct ss_error err;
	cJSON *exp, *item;
	int min_tier = 0, max_tier = 6;

	strbuf_addf(&path, "%s/%s.expected.json", dir, name);
	tu_slurp(path.buf, &json);
	exp = cJSON_Parse(json.buf);
	ck_assert_msg(exp != NULL, "%s: bad JSON", path.buf);
	if ((item = cJSON_GetObjectItem(exp, "min_tier")))
		min_tier = item->valueint;
	if ((item = cJSON_GetObjectItem(exp, "max_tier")))
		max_tier = item->valueint;
	strbuf_setlen(&path, 0);
	strbuf_addf(&path, "%s/%s.Dockerfile", dir, name);
	ss_error_init(&err);
	lint_result_init(&r);
	ck_assert_msg(lint_path(&cat, path.buf, NULL, &r, &err) == 0, "%s: %s", name, err.msg);
	item = cJSON_GetObjectItem(exp, "tier_reached");
	ck_assert_msg(item && r.tier_reached == item->valueint, "%s: tier reached %d, expected %d",
		      name, r.tier_reached, item ? item->valueint : -9);
	/* every expected finding is there ... */
	item = cJSON_GetObjectItem(exp, "findings");
	ck_assert_msg(cJSON_IsArray(item), "%s: no findings array", name);
	{
		const cJSON *f;
		size_t nexp = 0, ngot = 0;
		cJSON_ArrayForEach(f, item) {
			const char *id = cJSON_GetObjectItem(f, "practice")->valuestring;
			int line = cJSON_GetObjectItem(f, "line")->valueint;
			ck_assert_msg(has_finding(&r, id, line), "%s: missing %s at line %d", name, id,
				      line);
			nexp++;
		}
		/* ... and nothing else within the compared tiers */
		for (size_t i = 0; i < r.nr; i++) {
			const struct lint_finding *fd = &r.items[i];
			int found = 0;
			if (fd->practice->tier < min_tier || fd->practice->tier > max_tier)
				continue;
			ngot++;
			cJSON_ArrayForEach(f, item) {
				if (!strcmp(cJSON_GetObjectItem(f, "practice")->valuestring,
					    fd->practice->id) &&
				    cJSON_GetObjectItem(f, "line")->valueint == fd->line)
					found = 1;
			}
			ck_assert_msg(found, "%s: unexpected %s at line %d: %s", name,
				      fd->practice->id, fd->line, fd->message);
			cov_add(&cov->fired, &cov->nfired, fd->practice->id);
		}
		ck_assert_msg(nexp == ngot, "%s: %zu findings expected, %zu found", name, nexp, ngot);
	}
	/* near misses: judged (the practice applied) and silent */
	item = cJSON_GetObjectItem(exp, "near_miss");
	if (item) {
		const cJSON *id;
		cJSON_ArrayForEach(id, item) {
			ck_assert_msg(judged(&r, id->valuestring), "%s: near miss %s was not judged",
				      name, id->valuestring);
			ck_assert_msg(!has_finding(&r, id->valuestring, -1),
				      "%s: near miss %s fired", name, id->valuestring);
			cov_add(&cov->near, &cov->nnear, id->valuestring);
		}
	}
	lint_result_release(&r);
	cJSON_Delete(exp);
	strbuf_release(&path);
	strbuf_release(&json);
}

START_TEST(test_fixtures)
{
	const char *dir = tu_src("tests/fixtures/dockerfiles");
	char *d = strdup(dir);
	struct coverage cov = {0};
	struct dirent *de;
	DIR *dh = opendir(d);
	size_t n = 0;

	ck_assert_ptr_nonnull(dh);
	while ((de = readdir(dh)) != NULL) {
		size_t len = strlen(de->d_name);
		const char *suffix = ".expected.json";
		size_t sl = strlen(suffix);
		if (len <= sl || strcmp(de->d_name + len - sl, suffix))
			continue;
		char *name = strndup(de->d_name, len - sl);
		check_fixture(d, name, &cov);
		free(name);
		n++;
	}
	closedir(dh);
	ck_assert_msg(n >= 40, "only %zu fixtures", n);
	for (size_t i = 0; i < cat.nr; i++) {
		const struct practice *p = &cat.items[i];
		if (!p->dockerfile)
			continue;
		ck_assert_msg(cov_has(cov.fired, cov.nfired, p->id), "no fixture fires %s", p->id);
		ck_assert_msg(cov_has(cov.near, cov.nnear, p->id), "no near-miss fixture for %s",
			      p->id);
	}
	for (size_t i = 0; i < cov.nfired; i++)
		free(cov.fired[i]);
	for (size_t i = 0; i < cov.nnear; i++)
		free(cov.near[i]);
	free(cov.fired);
	free(cov.near);
	free(d);
}
END_TEST

/* ---- suppression ---- */

static const char *const shell_cmd =
	"FROM python:3.12-slim-bookworm\n"
	"WORKDIR /app\n"
	"COPY requirements.txt .\n"
	"RUN pip install --no-cache-dir -r requirements.txt\n"
	"COPY . .\n"
	"EXPOSE 8000\n"
	"%s"
	"CMD gunicorn --bind 0.0.0.0:8000 app:app\n";

/* shell_cmd with line put where its "%s" stands (no format string from data) */
static void with_line(const char *line, struct strbuf *out)
{
	const char *at = strstr(shell_cmd, "%s");
	strbuf_add(out, shell_cmd, (size_t)(at - shell_cmd));
	strbuf_addstr(out, line);
	strbuf_addstr(out, at + 2);
}

START_TEST(test_skip_above_instruction)
{
	struct strbuf src = STRBUF_INIT;
	struct lint_result r;

	with_line("", &src);
	lint_text(src.buf, &r, NULL);
	ck_assert(has_finding(&r, "baseline.exec-form-cmd", 7));
	ck_assert_int_eq(r.tier_reached, -1);
	lint_result_release(&r);

	strbuf_setlen(&src, 0);
	with_line("# shipshape skip=baseline.exec-form-cmd reason=\"the shell expands $PORT\"\n",
		  &src);
	lint_text(src.buf, &r, NULL);
	ck_assert(!has_finding(&r, "baseline.exec-form-cmd", -1));
	ck_assert_uint_eq(r.nsuppressed, 1);
	ck_assert_uint_eq(r.nskipped, 1);
	ck_assert_int_ge(r.tier_reached, 0); /* skipped counts as done */
	lint_result_release(&r);

	/* a blank line between the comment and the instruction detaches it */
	strbuf_setlen(&src, 0);
	with_line("# shipshape skip=baseline.exec-form-cmd reason=\"x\"\n\n", &src);
	lint_text(src.buf, &r, NULL);
	ck_assert(has_finding(&r, "baseline.exec-form-cmd", -1));
	lint_result_release(&r);
	strbuf_release(&src);
}
END_TEST

START_TEST(test_skip_header_and_global)
{
	struct lint_result r;

	lint_text("# shipshape skip=security.non-root-user reason=\"root needed for port 80\"\n"
		  "FROM python:3.12-slim-bookworm\nCMD [\"python\", \"-m\", \"w\"]\n",
		  &r, NULL);
	ck_assert(!has_finding(&r, "security.non-root-user", -1));
	lint_result_release(&r);

	lint_text("FROM python:3.12-slim-bookworm\n"
		  "# shipshape global skip=security.non-root-user,correctness.faulthandler\n"
		  "RUN true\nCMD [\"python\", \"-m\", \"w\"]\n",
		  &r, NULL);
	ck_assert(!has_finding(&r, "security.non-root-user", -1));
	ck_assert(!has_finding(&r, "correctness.faulthandler", -1));
	ck_assert(has_finding(&r, "correctness.unbuffered-output", -1));
	lint_result_release(&r);
}
END_TEST

START_TEST(test_hadolint_ignore)
{
	struct strbuf src = STRBUF_INIT;
	struct lint_result r;

	with_line("# hadolint ignore=DL3025\n", &src);
	lint_text(src.buf, &r, NULL);
	ck_assert(!has_finding(&r, "baseline.exec-form-cmd", -1));
	lint_result_release(&r);

	/* BuildKit check names work too; an unrelated id does not */
	strbuf_setlen(&src, 0);
	with_line("# hadolint ignore=DL3008\n", &src);
	lint_text(src.buf, &r, NULL);
	ck_assert(has_finding(&r, "baseline.exec-form-cmd", -1));
	lint_result_release(&r);
	strbuf_release(&src);
}
END_TEST

START_TEST(test_ignore_option_and_max_tier)
{
	struct strbuf src = STRBUF_INIT;
	struct lint_result r;
	struct lint_opts o;
	const char *ign[] = {"JSONArgsRecommended"};

	with_line("", &src);
	lint_opts_init(&o);
	o.ignore = ign;
	o.nignore = 1;
	lint_text(src.buf, &r, &o);
	ck_assert(!has_finding(&r, "baseline.exec-form-cmd", -1));
	lint_result_release(&r);

	lint_opts_init(&o);
	o.max_tier = 0;
	lint_text(src.buf, &r, &o);
	for (size_t i = 0; i < r.nr; i++)
		ck_assert_int_eq(r.items[i].practice->tier, 0);
	ck_assert(has_finding(&r, "baseline.exec-form-cmd", -1));
	lint_result_release(&r);
	strbuf_release(&src);
}
END_TEST

START_TEST(test_bad_input)
{
	struct lint_result r;
	struct ss_error err;
	const char *src = "FROM python:3.12-slim\nRUNN echo hi\n";

	ss_error_init(&err);
	lint_result_init(&r);
	ck_assert_int_eq(lint_buffer(&cat, src, strlen(src), "Dockerfile", NULL, &r, &err),
			 SS_ERR_INPUT);
	ck_assert_int_eq(err.line, 2);
	lint_result_release(&r);

	src = "FROM python:3.12-slim\nCOPY --frm=x a b\n";
	ss_error_init(&err);
	lint_result_init(&r);
	ck_assert_int_eq(lint_buffer(&cat, src, strlen(src), "Dockerfile", NULL, &r, &err),
			 SS_ERR_INPUT);
	ck_assert_int_eq(err.line, 2);
	lint_result_release(&r);

	src = "FROM python:3.12-slim\nRUN <<EOF\necho\n";
	ss_error_init(&err);
	lint_result_init(&r);
	ck_assert_int_eq(lint_buffer(&cat, src, strlen(src), "Dockerfile", NULL, &r, &err),
			 SS_ERR_INPUT);
	lint_result_release(&r);
}
END_TEST

START_TEST(test_multistage_final_decides)
{
	struct lint_result r;

	/* USER root in the builder does not matter; the final stage's USER does */
	lint_text("FROM python:3.12-slim-bookworm AS build\nUSER root\nRUN true\n"
		  "FROM python:3.12-slim-bookworm\nUSER 10001\nCMD [\"python\", \"-m\", \"w\"]\n",
		  &r, NULL);
	ck_assert(!has_finding(&r, "security.non-root-user", -1));
	lint_result_release(&r);

	lint_text("FROM python:3.12-slim-bookworm AS build\nUSER 10001\nRUN true\n"
		  "FROM build\nUSER root\nCMD [\"python\", \"-m\", \"w\"]\n",
		  &r, NULL);
	ck_assert(has_finding(&r, "security.non-root-user", 5));
	lint_result_release(&r);

	/* a stage built FROM an earlier stage inherits its USER */
	lint_text("FROM python:3.12-slim-bookworm AS base\nUSER 10001\n"
		  "FROM base\nCMD [\"python\", \"-m\", \"w\"]\n",
		  &r, NULL);
	ck_assert(!has_finding(&r, "security.non-root-user", -1));
	lint_result_release(&r);
}
END_TEST

START_TEST(test_formats)
{
	struct strbuf src = STRBUF_INIT, out = STRBUF_INIT;
	struct lint_result r;
	cJSON *j, *f, *sarif, *run, *res;

	with_line("", &src);
	lint_text(src.buf, &r, NULL);

	j = lint_result_json(&r);
	ck_assert_str_eq(cJSON_GetObjectItem(j, "file")->valuestring, "Dockerfile");
	ck_assert_int_eq(cJSON_GetObjectItem(j, "tier_reached")->valueint, -1);
	f = cJSON_GetArrayItem(cJSON_GetObjectItem(j, "findings"), 0);
	ck_assert_ptr_nonnull(f);
	ck_assert_ptr_nonnull(cJSON_GetObjectItem(f, "practice"));
	ck_assert_ptr_nonnull(cJSON_GetObjectItem(f, "tier"));
	ck_assert_ptr_nonnull(cJSON_GetObjectItem(f, "line"));
	ck_assert_ptr_nonnull(cJSON_GetObjectItem(f, "severity"));
	ck_assert_ptr_nonnull(cJSON_GetObjectItem(f, "message"));
	ck_assert(cJSON_IsArray(cJSON_GetObjectItem(f, "equivalents")));
	ck_assert(cJSON_GetArraySize(cJSON_GetObjectItem(j, "not_judged")) > 0);
	cJSON_Delete(j);

	lint_format_gnu(&r, &out);
	ck_assert_msg(strstr(out.buf, "Dockerfile:7:1: warning: CMD is in shell form") != NULL, "%s",
		      out.buf);
	ck_assert(strstr(out.buf, "[baseline.exec-form-cmd]\n") != NULL);

	strbuf_setlen(&out, 0);
	lint_format_tty(&r, 0, &out);
	ck_assert(strchr(out.buf, '\033') == NULL);
	ck_assert(strstr(out.buf, "tier 0 (baseline)") != NULL);
	ck_assert(strstr(out.buf, "not judged:") != NULL);
	ck_assert(strstr(out.buf, "tier 0 (baseline)") < strstr(out.buf, "tier 1 (security)"));
	strbuf_setlen(&out, 0);
	lint_format_tty(&r, 1, &out);
	ck_assert(strchr(out.buf, '\033') != NULL);

	strbuf_setlen(&out, 0);
	lint_format_sarif(&cat, &r, 1, &out);
	sarif = cJSON_Parse(out.buf);
	ck_assert_ptr_nonnull(sarif);
	ck_assert_str_eq(cJSON_GetObjectItem(sarif, "version")->valuestring, "2.1.0");
	run = cJSON_GetArrayItem(cJSON_GetObjectItem(sarif, "runs"), 0);
	f = cJSON_GetArrayItem(cJSON_GetObjectItem(cJSON_GetObjectItem(cJSON_GetObjectItem(run, "tool"),
								       "driver"), "rules"), 0);
	ck_assert_ptr_nonnull(cJSON_GetObjectItem(f, "helpUri"));
	ck_assert(!strncmp(cJSON_GetObjectItem(f, "helpUri")->valuestring, "https://", 8));
	/* every practice lint judges has a help URI for its SARIF rule */
	for (size_t i = 0; i < cat.nr; i++)
		if (cat.items[i].dockerfile)
			ck_assert_msg(lint_help_uri(&cat.items[i]) != NULL, "%s has no http(s) reference",
				      cat.items[i].id);
	res = cJSON_GetArrayItem(cJSON_GetObjectItem(run, "results"), 0);
	ck_assert_ptr_nonnull(res);
	ck_assert_int_ge(cJSON_GetObjectItem(cJSON_GetObjectItem(cJSON_GetObjectItem(
			 cJSON_GetArrayItem(cJSON_GetObjectItem(res, "locations"), 0),
			 "physicalLocation"), "region"), "startLine")->valueint, 1);
	ck_assert_int_eq(cJSON_GetArraySize(cJSON_GetObjectItem(run, "results")), (int)r.nr);
	cJSON_Delete(sarif);

	lint_result_release(&r);
	strbuf_release(&out);
	strbuf_release(&src);
}
END_TEST

/* gnu format: severities GNU tools know; an info finding is a note (walkthrough F7) */
START_TEST(test_gnu_note)
{
	struct strbuf out = STRBUF_INIT;
	struct lint_result r;
	size_t ninfo = 0, nnote = 0;
	const char *p;

	lint_text("FROM python:3.12-slim-bookworm\nCOPY . /app\nCMD [\"python\", \"/app/w.py\"]\n", &r,
		  NULL);
	for (size_t i = 0; i < r.nr; i++)
		ninfo += r.items[i].severity == LINT_INFO;
	ck_assert_int_gt(ninfo, 0);
	lint_format_gnu(&r, &out);
	for (p = out.buf; (p = strstr(p, ": note: ")) != NULL; p++)
		nnote++;
	ck_assert_int_eq(nnote, ninfo);
	ck_assert_msg(strstr(out.buf, ": info: ") == NULL, "%s", out.buf);
	lint_result_release(&r);
	strbuf_release(&out);
}
END_TEST

/* messages quote the file: control characters and bytes that are not UTF-8
   become '?' (no ESC sequence reaches a terminal; JSON stays UTF-8), while
   valid UTF-8 stays (found by fuzz_lint) */
START_TEST(test_messages_cleaned)
{
	struct lint_result r;
	const char *msg = NULL;

	lint_text("FROM python:3.12-slim\nADD \033[31mred\376\302\233 /app/\nADD caf\303\251 /srv/\n", &r,
		  NULL);
	for (size_t i = 0; i < r.nr; i++) {
		for (const unsigned char *p = (const unsigned char *)r.items[i].message; *p; p++)
			ck_assert_msg(*p >= 0x20 && *p != 0x7f && *p != 0xfe, "%s", r.items[i].message);
		if (!strcmp(r.items[i].practice->id, "correctness.copy-not-add") && r.items[i].line == 2)
			msg = r.items[i].message;
	}
	ck_assert_ptr_nonnull(msg);
	ck_assert_msg(strstr(msg, "'?[31mred?\?\?'") != NULL, "%s", msg);
	ck_assert(has_finding(&r, "correctness.copy-not-add", 3));
	for (size_t i = 0; i < r.nr; i++)
		if (r.items[i].line == 3)
			ck_assert_msg(strstr(r.items[i].message, "caf\303\251") != NULL, "%s",
				      r.items[i].message);
	lint_result_release(&r);
}
END_TEST

START_TEST(test_severity_helpers)
{
	ck_assert_int_eq(lint_severity_parse("error"), LINT_ERROR);
	ck_assert_int_eq(lint_severity_parse("warning"), LINT_WARNING);
	ck_assert_int_eq(lint_severity_parse("info"), LINT_INFO);
	ck_assert_int_eq(lint_severity_parse("fatal"), -1);
	ck_assert_str_eq(lint_severity_name(LINT_WARNING), "warning");
}
END_TEST

Suite *suite_lint(void);
Suite *suite_lint(void)
{
	Suite *s = suite_create("lint");
	TCase *tc = tcase_create("core");

	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_set_timeout(tc, 60);
	tcase_add_test(tc, test_table_matches_catalog);
	tcase_add_test(tc, test_fixtures);
	tcase_add_test(tc, test_skip_above_instruction);
	tcase_add_test(tc, test_skip_header_and_global);
	tcase_add_test(tc, test_hadolint_ignore);
	tcase_add_test(tc, test_ignore_option_and_max_tier);
	tcase_add_test(tc, test_bad_input);
	tcase_add_test(tc, test_multistage_final_decides);
	tcase_add_test(tc, test_formats);
	tcase_add_test(tc, test_gnu_note);
	tcase_add_test(tc, test_messages_cleaned);
	tcase_add_test(tc, test_severity_helpers);
	suite_add_tcase(s, tc);
	return s;
}
