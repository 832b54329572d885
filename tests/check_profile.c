/*
 * check_profile: .shipshape.json round trips byte for byte in a stable
 * form, and every kind of bad profile is reported with the file and key.
 */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "shipshape/fsutil.h"
#include "shipshape/profile.h"
#include "testutil.h"

static char *dir;
static struct strbuf path;

static void setup(void)
{
	dir = tu_tmpdir();
	strbuf_init(&path, 0);
	fs_path_join(&path, dir, PROFILE_FILE);
}

static void teardown(void)
{
	tu_rmrf(dir);
	free(dir);
	strbuf_release(&path);
}

static const char *const canonical =
	"{\n"
	"  \"answers\": {\n"
	"    \"app_kind\": \"wsgi\",\n"
	"    \"command\": [\n"
	"      \"celery\",\n"
	"      \"-A\",\n"
	"      \"my app\"\n"
	"    ],\n"
	"    \"entrypoint\": \"app:app\",\n"
	"    \"port\": 8000,\n"
	"    \"python_patch\": null,\n"
	"    \"syntax_directive\": false,\n"
	"    \"system_packages\": {\n"
	"      \"build\": [],\n"
	"      \"runtime\": [\n"
	"        \"libpq5\"\n"
	"      ]\n"
	"    }\n"
	"  },\n"
	"  \"files\": {\n"
	"    \".dockerignore\": \"0000000000000000000000000000000000000000000000000000000000000000\",\n"
	"    \"Dockerfile\": \"a9993e364706816aba3e25717850c26c9cd0d89d0000000000000000000000ff\"\n"
	"  },\n"
	"  \"practices\": {\n"
	"    \"correctness.healthcheck\": {\n"
	"      \"reason\": \"k8s probes \\u00e9t\\u00e9 handled elsewhere\",\n"
	"      \"state\": \"skipped\"\n"
	"    },\n"
	"    \"security.non-root-user\": {\n"
	"      \"state\": \"applied\"\n"
	"    }\n"
	"  },\n"
	"  \"schema_version\": 1,\n"
	"  \"tier\": 3\n"
	"}\n";

START_TEST(test_round_trip_byte_identical)
{
	struct profile p;
	struct strbuf a = STRBUF_INIT, b = STRBUF_INIT, disk = STRBUF_INIT;
	struct ss_error err;

	profile_init(&p);
	ss_error_init(&err);
	ck_assert_msg(profile_parse(&p, canonical, strlen(canonical), "c.json", &err) == 0, "%s",
		      err.msg);
	ck_assert_int_eq(p.tier, 3);
	profile_serialize(&p, &a);
	/* cJSON decodes \u00e9; we write UTF-8 back, so compare through a second pass */
	profile_release(&p);
	profile_init(&p);
	ck_assert_int_eq(profile_parse(&p, a.buf, a.len, "a.json", &err), 0);
	profile_serialize(&p, &b);
	ck_assert_str_eq(a.buf, b.buf);
	ck_assert_int_eq(profile_save(&p, path.buf, &err), 0);
	tu_slurp(path.buf, &disk);
	ck_assert_str_eq(disk.buf, a.buf);
	/* load the saved file and save it again: same bytes */
	profile_release(&p);
	ck_assert_int_eq(profile_load(&p, path.buf, &err), 0);
	strbuf_reset(&b);
	profile_serialize(&p, &b);
	ck_assert_str_eq(b.buf, disk.buf);
	profile_release(&p);
	strbuf_release(&a);
	strbuf_release(&b);
	strbuf_release(&disk);
}
END_TEST

START_TEST(test_canonical_form)
{
	/* keys out of order, tabs, no trailing newline: saved sorted and pretty */
	static const char *const messy =
		"{\"tier\":0,\"schema_version\":1,\"practices\":{},"
		"\"answers\":{\"port\":8000,\"ci\":\"github\",\"z\":{\"b\":1,\"a\":[2,1]}},\"files\":{}}";
	static const char *const want =
		"{\n"
		"  \"answers\": {\n"
		"    \"ci\": \"github\",\n"
		"    \"port\": 8000,\n"
		"    \"z\": {\n"
		"      \"a\": [\n"
		"        2,\n"
		"        1\n"
		"      ],\n"
		"      \"b\": 1\n"
		"    }\n"
		"  },\n"
		"  \"files\": {},\n"
		"  \"practices\": {},\n"
		"  \"schema_version\": 1,\n"
		"  \"tier\": 0\n"
		"}\n";
	struct profile p;
	struct strbuf out = STRBUF_INIT;
	struct ss_error err;

	profile_init(&p);
	ck_assert_int_eq(profile_parse(&p, messy, strlen(messy), "m.json", &err), 0);
	profile_serialize(&p, &out);
	ck_assert_str_eq(out.buf, want);
	profile_release(&p);
	strbuf_release(&out);
}
END_TEST

START_TEST(test_empty_profile)
{
	struct profile p;
	struct strbuf out = STRBUF_INIT;
	struct ss_error err;
	struct stat st;

	profile_init(&p);
	profile_serialize(&p, &out);
	ck_assert_str_eq(out.buf, "{\n  \"answers\": {},\n  \"files\": {},\n  \"practices\": {},\n"
				  "  \"schema_version\": 1,\n  \"tier\": -1\n}\n");
	ck_assert_int_eq(profile_save(&p, path.buf, &err), 0);
	ck_assert_int_eq(stat(path.buf, &st), 0);
	ck_assert_int_eq(st.st_mode & 0777, 0644);
	profile_release(&p);
	profile_release(&p); /* twice is harmless */
	profile_release(NULL);
	/* a released profile serialises as an empty one */
	strbuf_reset(&out);
	profile_serialize(&p, &out);
	ck_assert_ptr_nonnull(strstr(out.buf, "\"answers\": {}"));
	/* and the setters bring it back to life */
	profile_set_practice(&p, "security.non-root-user", 1, NULL);
	profile_set_file(&p, "Dockerfile", "ab");
	ck_assert(profile_is_applied(&p, "security.non-root-user"));
	profile_release(&p);
	strbuf_release(&out);
}
END_TEST

START_TEST(test_setters)
{
	struct profile p;
	const char *reason = NULL;
	cJSON *a = cJSON_Parse("{\"port\": 1}");
	struct strbuf why = STRBUF_INIT;

	profile_init(&p);
	profile_set_practice(&p, "correctness.healthcheck", 0, "k8s \"probes\"\nRUN evil\\");
	ck_assert(profile_is_skipped(&p, "correctness.healthcheck", &reason));
	ck_assert_str_eq(reason, "k8s 'probes' RUN evil/");
	ck_assert(!profile_is_applied(&p, "correctness.healthcheck"));
	profile_set_practice(&p, "correctness.healthcheck", 1, NULL);
	ck_assert(!profile_is_skipped(&p, "correctness.healthcheck", &reason));
	ck_assert_str_eq(reason, "");
	ck_assert(profile_is_applied(&p, "correctness.healthcheck"));
	profile_set_practice(&p, "x.y", 0, NULL);
	ck_assert(profile_is_skipped(&p, "x.y", &reason));
	ck_assert_str_eq(reason, "no reason given");
	{
		/* a long reason is cut at 300 bytes, before a UTF-8 character rather than inside it */
		char long_reason[320];
		memset(long_reason, 'a', 299);
		memcpy(long_reason + 299, "\xc3\xa9 more", 8);
		profile_set_practice(&p, "x.long", 0, long_reason);
		ck_assert(profile_is_skipped(&p, "x.long", &reason));
		ck_assert_uint_eq(strlen(reason), 299);
		memset(long_reason, 'a', 298);
		memcpy(long_reason + 298, "\xc3\xa9 more", 8);
		profile_set_practice(&p, "x.long", 0, long_reason);
		ck_assert(profile_is_skipped(&p, "x.long", &reason));
		ck_assert_uint_eq(strlen(reason), 300);
		ck_assert_str_eq(reason + 298, "\xc3\xa9");
	}
	ck_assert(!profile_is_skipped(&p, "not.there", NULL));
	profile_set_file(&p, "Dockerfile", "aa");
	profile_set_file(&p, "Dockerfile", "bb");
	ck_assert_str_eq(profile_file_hash(&p, "Dockerfile"), "bb");
	ck_assert_ptr_null(profile_file_hash(&p, "nope"));
	profile_set_answers(&p, a);
	cJSON_Delete(a); /* a copy was taken */
	ck_assert_int_eq(cJSON_GetObjectItem(p.answers, "port")->valueint, 1);
	profile_set_answers(&p, NULL);
	ck_assert(cJSON_IsObject(p.answers));
	ck_assert_int_eq(profile_reason_check("fine reason", &why), 0);
	ck_assert_int_eq(profile_reason_check("", &why), SS_ERR_INPUT);
	ck_assert_int_eq(profile_reason_check("a\nb", &why), SS_ERR_INPUT);
	ck_assert_int_eq(profile_reason_check("a\"b", &why), SS_ERR_INPUT);
	ck_assert_int_eq(profile_reason_check(NULL, &why), SS_ERR_INPUT);
	profile_release(&p);
	strbuf_release(&why);
}
END_TEST

static const struct bad {
	const char *text, *expect;
} bad[] = {
	{"{\"schema_version\": 1, \"colour\": \"red\"}", "unknown key 'colour'"},
	{"{\"schema_version\": 2, \"tier\": 0}",
	 "unsupported 'schema_version' 2: this shipshape reads version 1; upgrade shipshape"},
	{"{\"schema_version\": 99}", "unsupported 'schema_version' 99"},
	{"{\"schema_version\": \"1\"}", "wrong type for 'schema_version'"},
	{"{\"schema_version\": 0}", "wrong type for 'schema_version'"},
	{"{\"schema_version\": 1.5}", "wrong type for 'schema_version'"},
	{"{\"tier\": 1}", "missing key 'schema_version'"},
	{"{\"schema_version\": 1, \"tier\": \"3\"}", "wrong type for 'tier': expected a whole number from -1 to 6"},
	{"{\"schema_version\": 1, \"tier\": 7}", "wrong type for 'tier'"},
	{"{\"schema_version\": 1, \"tier\": -2}", "wrong type for 'tier'"},
	{"{\"schema_version\": 1, \"answers\": []}", "wrong type for 'answers': expected an object"},
	{"{\"schema_version\": 1, \"files\": \"x\"}", "wrong type for 'files': expected an object"},
	{"{\"schema_version\": 1, \"practices\": 1}", "wrong type for 'practices': expected an object"},
	{"{\"schema_version\": 1, \"practices\": {\"a.b\": \"applied\"}}",
	 "wrong type for 'practices.a.b': expected an object"},
	{"{\"schema_version\": 1, \"practices\": {\"a.b\": {\"state\": \"done\"}}}",
	 "wrong value for 'practices.a.b.state': expected \"applied\" or \"skipped\""},
	{"{\"schema_version\": 1, \"practices\": {\"a.b\": {\"state\": \"skipped\"}}}",
	 "invalid 'practices.a.b.reason': a skip needs a reason"},
	{"{\"schema_version\": 1, \"practices\": {\"a.b\": {\"state\": \"skipped\", \"reason\": \"x\\nRUN y\"}}}",
	 "invalid 'practices.a.b.reason'"},
	{"{\"schema_version\": 1, \"practices\": {\"a.b\": {\"state\": \"applied\", \"reason\": 1}}}",
	 "wrong type for 'practices.a.b.reason': expected a string"},
	{"{\"schema_version\": 1, \"practices\": {\"a.b\": {\"state\": \"applied\", \"when\": 1}}}",
	 "unknown key 'practices.a.b.when'"},
	{"{\"schema_version\": 1, \"practices\": {\"A B\": {\"state\": \"applied\"}}}",
	 "invalid practice id 'A B' in 'practices'"},
	{"{\"schema_version\": 1, \"files\": {\"Dockerfile\": \"abc\"}}",
	 "wrong value for 'files.Dockerfile': expected a sha256 hex digest"},
	{"{\"schema_version\": 1, \"files\": {\"../etc/passwd\": "
	 "\"0000000000000000000000000000000000000000000000000000000000000000\"}}",
	 "invalid path '../etc/passwd' in 'files'"},
	{"{\"schema_version\": 1, \"files\": {\"/etc/passwd\": "
	 "\"0000000000000000000000000000000000000000000000000000000000000000\"}}",
	 "invalid path '/etc/passwd' in 'files': must be a relative path"},
	{"[1, 2]", "expected a JSON object at the top level"},
	{"{\"schema_version\": 1, \"tier\": 1, \"tier\": 2}", "invalid JSON: duplicate key 'tier'"},
	{"{\"schema_version\": 1, \"answers\": {\"z\": {\"a\": 1, \"a\": 1}}}", "invalid JSON: duplicate key 'a'"},
	{"{\"schema_version\": 1,\n \"tier\": 2,\n \"answers\": {\"a\": 1,}\n}", "invalid JSON near '}'"},
	{"", "invalid JSON: unexpected end of input"},
};

START_TEST(test_bad_profiles)
{
	const struct bad *b = &bad[_i];
	struct profile p;
	struct strbuf text = STRBUF_INIT;
	struct ss_error err;

	tu_spew(path.buf, b->text);
	profile_init(&p);
	ss_error_init(&err);
	ck_assert_int_eq(profile_load(&p, path.buf, &err), SS_ERR_INPUT);
	ck_assert_str_eq(err.file, path.buf);
	ck_assert_msg(strstr(err.msg, b->expect), "case %d: got '%s', want '%s'", _i, err.msg,
		      b->expect);
	/* on failure the profile is empty and usable */
	ck_assert_int_eq(p.tier, -1);
	ck_assert(cJSON_IsObject(p.answers) && !p.answers->child);
	profile_serialize(&p, &text);
	ck_assert_ptr_nonnull(strstr(text.buf, "\"tier\": -1"));
	profile_release(&p);
	strbuf_release(&text);
}
END_TEST

START_TEST(test_syntax_error_position)
{
	struct profile p;
	struct ss_error err;
	tu_spew(path.buf, "{\"schema_version\": 1,\n \"tier\": 2,\n \"answers\": {\"a\": 1,}\n}");
	profile_init(&p);
	ck_assert_int_eq(profile_load(&p, path.buf, &err), SS_ERR_INPUT);
	ck_assert_int_eq(err.line, 3);
	ck_assert_int_eq(err.col, 21);
	ck_assert_str_eq(err.msg, "invalid JSON near '}'");
	profile_release(&p);
}
END_TEST

START_TEST(test_missing_and_huge)
{
	struct profile p;
	struct ss_error err;
	struct strbuf big = STRBUF_INIT;
	profile_init(&p);
	ck_assert_int_eq(profile_load(&p, path.buf, &err), SS_ERR_INPUT);
	strbuf_addstr(&big, "{\"schema_version\": 1, \"answers\": {\"x\": \"");
	strbuf_addchars(&big, 'a', PROFILE_MAX_BYTES);
	strbuf_addstr(&big, "\"}}");
	tu_spew(path.buf, big.buf);
	ck_assert_int_eq(profile_load(&p, path.buf, &err), SS_ERR_INPUT);
	ck_assert_int_eq(p.tier, -1);
	profile_release(&p);
	strbuf_release(&big);
}
END_TEST

START_TEST(test_save_fails_cleanly)
{
	struct profile p;
	struct ss_error err;
	struct strbuf bad_path = STRBUF_INIT;
	fs_path_join(&bad_path, dir, "no/such/dir/.shipshape.json");
	profile_init(&p);
	ss_error_init(&err);
	ck_assert_int_ne(profile_save(&p, bad_path.buf, &err), 0);
	ck_assert_int_ne(err.code, 0);
	profile_release(&p);
	strbuf_release(&bad_path);
}
END_TEST

Suite *suite_profile(void)
{
	Suite *s = suite_create("profile");
	TCase *tc = tcase_create("core");
	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, test_round_trip_byte_identical);
	tcase_add_test(tc, test_canonical_form);
	tcase_add_test(tc, test_empty_profile);
	tcase_add_test(tc, test_setters);
	tcase_add_loop_test(tc, test_bad_profiles, 0, (int)(sizeof(bad) / sizeof(bad[0])));
	tcase_add_test(tc, test_syntax_error_position);
	tcase_add_test(tc, test_missing_and_huge);
	tcase_add_test(tc, test_save_fails_cleanly);
	suite_add_tcase(s, tc);
	return s;
}
