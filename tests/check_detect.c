#include <check.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "shipshape/detect.h"
#include "testutil.h"

START_TEST(test_spec_allows)
{
	ck_assert_int_eq(detect_spec_allows(">=3.9", 3, 12), 1);
	ck_assert_int_eq(detect_spec_allows(">=3.9", 3, 8), 0);
	ck_assert_int_eq(detect_spec_allows(">=3.9.2", 3, 9), 1); /* 3.9.3 exists */
	ck_assert_int_eq(detect_spec_allows(">=3.9,<3.12", 3, 12), 0);
	ck_assert_int_eq(detect_spec_allows(">=3.9,<3.12", 3, 11), 1);
	ck_assert_int_eq(detect_spec_allows("<=3.11", 3, 11), 1);
	ck_assert_int_eq(detect_spec_allows(">3.11", 3, 11), 1); /* 3.11.1 > 3.11 */
	ck_assert_int_eq(detect_spec_allows("==3.11.*", 3, 11), 1);
	ck_assert_int_eq(detect_spec_allows("==3.11.*", 3, 12), 0);
	ck_assert_int_eq(detect_spec_allows("==3.*", 3, 13), 1);
	ck_assert_int_eq(detect_spec_allows("!=3.10.*", 3, 10), 0);
	ck_assert_int_eq(detect_spec_allows("!=3.10.2", 3, 10), 1);
	ck_assert_int_eq(detect_spec_allows("~=3.10", 3, 13), 1);
	ck_assert_int_eq(detect_spec_allows("~=3.10", 3, 9), 0);
	ck_assert_int_eq(detect_spec_allows("~=3.10.4", 3, 11), 0);
	ck_assert_int_eq(detect_spec_allows("~=3.10.4", 3, 10), 1);
	/* Poetry */
	ck_assert_int_eq(detect_spec_allows("^3.10", 3, 14), 1);
	ck_assert_int_eq(detect_spec_allows("^3.10", 3, 9), 0);
	ck_assert_int_eq(detect_spec_allows("^3.10", 4, 0), 0);
	ck_assert_int_eq(detect_spec_allows("~3.11", 3, 11), 1);
	ck_assert_int_eq(detect_spec_allows("~3.11", 3, 12), 0);
	ck_assert_int_eq(detect_spec_allows(">=3.8 <3.12", 3, 12), 0);
	ck_assert_int_eq(detect_spec_allows(">=3.8 <3.12", 3, 8), 1);
	ck_assert_int_eq(detect_spec_allows("3.10 || 3.12", 3, 12), 1);
	ck_assert_int_eq(detect_spec_allows("3.10 || 3.12", 3, 11), 0);
	ck_assert_int_eq(detect_spec_allows("3.11", 3, 11), 1);
	ck_assert_int_eq(detect_spec_allows("*", 3, 7), 1);
	/* unreadable */
	ck_assert_int_eq(detect_spec_allows("", 3, 12), -1);
	ck_assert_int_eq(detect_spec_allows(">=banana", 3, 12), -1);
	ck_assert_int_eq(detect_spec_allows("||", 3, 12), -1);
}
END_TEST

static char *tree(const char *const *files)
{
	char *dir = tu_tmpdir();
	struct strbuf p = STRBUF_INIT;
	for (size_t i = 0; files[i]; i += 2) {
		char *slash;
		strbuf_reset(&p);
		strbuf_addf(&p, "%s/%s", dir, files[i]);
		slash = strrchr(p.buf, '/');
		*slash = '\0';
		mkdir(p.buf, 0755);
		*slash = '/';
		tu_spew(p.buf, files[i + 1]);
	}
	strbuf_release(&p);
	return dir;
}

static const char *str_of(const cJSON *facts, const char *key)
{
	const cJSON *v = cJSON_GetObjectItemCaseSensitive(
		cJSON_GetObjectItemCaseSensitive(facts, key), "value");
	return cJSON_IsString(v) ? v->valuestring : NULL;
}

static int has_warning(const cJSON *facts, const char *needle)
{
	const cJSON *w;
	cJSON_ArrayForEach(w, cJSON_GetObjectItemCaseSensitive(facts, "warnings"))
	{
		if (strstr(w->valuestring, needle))
			return 1;
	}
	return 0;
}

START_TEST(test_no_python_and_bad_dir)
{
	static const char *const files[] = {"package.json", "{}\n", "src/index.js", "1;\n", NULL};
	char *dir = tree(files);
	cJSON *facts = (cJSON *)1;
	struct ss_error err;

	ss_error_init(&err);
	ck_assert_int_eq(detect_project(dir, NULL, &facts, &err), SS_ERR_INPUT);
	ck_assert_ptr_null(facts);
	ck_assert_ptr_nonnull(strstr(err.msg, "no python project in"));
	ck_assert_ptr_nonnull(strstr(err.msg, "pyproject.toml"));
	ck_assert_ptr_nonnull(strstr(err.msg, "requirements*.txt"));
	tu_rmrf(dir);
	free(dir);

	/* an empty directory (no file at all) */
	dir = tu_tmpdir();
	ss_error_init(&err);
	ck_assert_int_eq(detect_project(dir, NULL, &facts, &err), SS_ERR_INPUT);
	ck_assert_ptr_null(facts);
	ck_assert_ptr_nonnull(strstr(err.msg, "no python project in"));
	tu_rmrf(dir);
	free(dir);

	ss_error_init(&err);
	ck_assert_int_eq(detect_project("/nonexistent/shipshape-dir", NULL, &facts, &err),
			 SS_ERR_INPUT);
	ck_assert_ptr_nonnull(strstr(err.msg, "cannot read directory"));
}
END_TEST

START_TEST(test_eol_and_today)
{
	static const char *const files[] = {".python-version", "3.10.4\n", "main.py",
					    "if __name__ == \"__main__\":\n    print(1)\n", NULL};
	char *dir = tree(files);
	struct detect_opts opts = {"2026-11-01", 0, 1};
	cJSON *facts = NULL, *answers;
	struct ss_error err;

	ss_error_init(&err);
	ck_assert_int_eq(detect_project_opts(dir, NULL, &opts, &facts, &err), 0);
	ck_assert_str_eq(str_of(facts, "python_version"), "3.10");
	ck_assert_str_eq(str_of(facts, "python_patch"), "3.10.4");
	ck_assert_int_eq(has_warning(facts, "python 3.10 reached its end of life on 2026-10-31"), 1);
	ck_assert_int_eq(has_warning(facts, "upgrade to 3.14"), 1);
	answers = detect_answers(facts);
	ck_assert_str_eq(cJSON_GetObjectItemCaseSensitive(answers, "python_version")->valuestring,
			 "3.10");
	ck_assert_str_eq(cJSON_GetObjectItemCaseSensitive(answers, "app_kind")->valuestring, "cli");
	ck_assert_ptr_null(cJSON_GetObjectItemCaseSensitive(answers, "warnings"));
	ck_assert_ptr_null(cJSON_GetObjectItemCaseSensitive(answers, "existing"));
	cJSON_Delete(answers);
	cJSON_Delete(facts);

	/* a day earlier: still supported */
	opts.today = "2026-10-30";
	ck_assert_int_eq(detect_project_opts(dir, NULL, &opts, &facts, &err), 0);
	ck_assert_int_eq(has_warning(facts, "end of life"), 0);
	cJSON_Delete(facts);

	/* SHIPSHAPE_TODAY is read when opts give no date */
	setenv("SHIPSHAPE_TODAY", "2030-01-01", 1);
	ck_assert_int_eq(detect_project(dir, NULL, &facts, &err), 0);
	ck_assert_int_eq(has_warning(facts, "reached its end of life"), 1);
	ck_assert_int_eq(has_warning(facts, "upgrade to 3.14"), 1); /* 3.14 supported until 2030-10-31 */
	unsetenv("SHIPSHAPE_TODAY");
	cJSON_Delete(facts);
	tu_rmrf(dir);
	free(dir);
	answers = detect_answers(NULL);
	ck_assert_int_eq(cJSON_GetArraySize(answers), 0);
	cJSON_Delete(answers);
}
END_TEST

START_TEST(test_cap_and_table)
{
	static const char *const files[] = {
		"requirements.txt", "Flask==3.0\ngunicorn\npsycopg2==2.9\n",
		"app.py", "from flask import Flask\n\napp = Flask(__name__)\n",
		"big.py", "# padding padding padding padding padding padding padding padding\n",
		NULL};
	char *dir = tree(files);
	struct detect_opts opts = {"2026-06-01", 60, 1};
	struct strbuf out = STRBUF_INIT;
	cJSON *facts = NULL;
	struct ss_error err;

	ss_error_init(&err);
	ck_assert_int_eq(detect_project_opts(dir, NULL, &opts, &facts, &err), 0);
	ck_assert_int_eq(has_warning(facts, "skipped 'big.py'"), 1);
	ck_assert_int_eq(has_warning(facts, "over the 60-byte limit"), 1);
	ck_assert_str_eq(str_of(facts, "entrypoint"), "app:app");
	detect_format_table(facts, &out);
	ck_assert_ptr_nonnull(strstr(out.buf, "framework            flask  (app.py:3, certain)\n"));
	ck_assert_ptr_nonnull(
		strstr(out.buf, "system_packages      build: gcc libpq-dev; runtime: libpq5"));
	ck_assert_ptr_nonnull(strstr(out.buf, "\nwarnings:\n  - "));
	ck_assert_ptr_nonnull(strstr(out.buf, "\n  - skipped 'big.py'"));
	/* gunicorn has no == pin */
	ck_assert_int_eq(has_warning(facts, "'requirements.txt' leaves gunicorn unpinned"), 1);
	ck_assert_ptr_nonnull(strstr(out.buf, "unpinned_requirements gunicorn  (requirements.txt:2, certain)\n"));
	strbuf_release(&out);
	cJSON_Delete(facts);
	tu_rmrf(dir);
	free(dir);
}
END_TEST

START_TEST(test_venv_under_any_name_is_skipped)
{
	static const char *const files[] = {
		"requirements.txt", "fastapi\n",
		"main.py", "from fastapi import FastAPI\napp = FastAPI()\n",
		"myenv/pyvenv.cfg", "home = /usr/bin\n",
		NULL};
	char *dir = tree(files);
	struct detect_opts opts = {"2026-06-01", 0, 1};
	cJSON *facts = NULL;
	struct ss_error err;

	ss_error_init(&err);
	/* tree() makes one directory level: create the deeper one by hand */
	{
		struct strbuf p = STRBUF_INIT;
		strbuf_addf(&p, "%s/myenv/lib", dir);
		mkdir(p.buf, 0755);
		strbuf_addstr(&p, "/site");
		mkdir(p.buf, 0755);
		strbuf_addstr(&p, "/app.py");
		tu_spew(p.buf, "from flask import Flask\napp = Flask(__name__)\n");
		strbuf_release(&p);
	}
	ck_assert_int_eq(detect_project_opts(dir, NULL, &opts, &facts, &err), 0);
	ck_assert_str_eq(str_of(facts, "entrypoint"), "main:app");
	ck_assert_int_eq(has_warning(facts, "several candidate"), 0);
	cJSON_Delete(facts);
	tu_rmrf(dir);
	free(dir);
}
END_TEST

START_TEST(test_worker_and_invalid_answers)
{
	static const char *const files[] = {
		"Procfile", "worker: rq worker high default\n",
		"requirements.txt", "rq==1.16\n",
		"jobs.py", "def job():\n    pass\n",
		"odd-dir/app.py", "from flask import Flask\napp = Flask(__name__)\n",
		NULL};
	char *dir = tree(files);
	struct detect_opts opts = {"2026-06-01", 0, 1};
	cJSON *facts = NULL, *cmd;
	struct ss_error err;

	ss_error_init(&err);
	ck_assert_int_eq(detect_project_opts(dir, NULL, &opts, &facts, &err), 0);
	/* the Flask app's module path is not importable: no entrypoint, a warning */
	ck_assert_ptr_null(str_of(facts, "entrypoint"));
	ck_assert_int_eq(has_warning(facts, "cannot be imported as 'odd-dir.app:app'"), 1);
	ck_assert_str_eq(str_of(facts, "framework"), "flask");
	cJSON_Delete(facts);
	tu_rmrf(dir);
	free(dir);

	{
		/* a framework only in the dependencies */
		static const char *const f3[] = {"requirements.txt", "fastapi==0.111\nuvicorn\n",
						 "service.py", "import fastapi\n\napp = build()\n",
						 NULL};
		dir = tree(f3);
		ck_assert_int_eq(detect_project_opts(dir, NULL, &opts, &facts, &err), 0);
		ck_assert_str_eq(str_of(facts, "framework"), "fastapi");
		ck_assert_str_eq(str_of(facts, "app_kind"), "asgi");
		ck_assert_ptr_null(str_of(facts, "entrypoint"));
		ck_assert_int_eq(has_warning(facts, "fastapi is a dependency ('requirements.txt:1') "
						    "but no app instance was found; set entrypoint"),
				 1);
		cJSON_Delete(facts);
		tu_rmrf(dir);
		free(dir);
	}
	{
		static const char *const f2[] = {"Procfile", "worker: rq worker high default\n",
						 "requirements.txt", "rq==1.16\n", NULL};
		dir = tree(f2);
		ck_assert_int_eq(detect_project_opts(dir, NULL, &opts, &facts, &err), 0);
		ck_assert_str_eq(str_of(facts, "app_kind"), "worker");
		ck_assert_str_eq(str_of(facts, "framework"), "none");
		cmd = cJSON_GetObjectItemCaseSensitive(
			cJSON_GetObjectItemCaseSensitive(facts, "command"), "value");
		ck_assert_int_eq(cJSON_GetArraySize(cmd), 4);
		ck_assert_str_eq(cJSON_GetArrayItem(cmd, 0)->valuestring, "rq");
		cJSON_Delete(facts);
		tu_rmrf(dir);
		free(dir);
	}
}
END_TEST

static void assert_redacted(const char *in, const char *want, int n)
{
	struct strbuf sb = STRBUF_INIT;
	ck_assert_int_eq(detect_redact(in, &sb), n);
	ck_assert_str_eq(sb.buf, want);
	strbuf_release(&sb);
}

/* Credentials in URLs never leave detection in full (walkthrough F30). */
START_TEST(test_redact)
{
	assert_redacted("https://deploy:s3cr3t@pypi.corp.example/simple",
			"https://deploy:***@pypi.corp.example/simple", 1);
	assert_redacted("https://ghp_abc123@github.com/org/repo", "https://***@github.com/org/repo", 1);
	assert_redacted("git+https://oauth2:tok@gitlab.example/x.git@v1",
			"git+https://oauth2:***@gitlab.example/x.git@v1", 1);
	assert_redacted("a https://u:p@h1/ and http://v:q@h2 (x:1)",
			"a https://u:***@h1/ and http://v:***@h2 (x:1)", 2);
	/* not secrets: no userinfo, an env reference, ssh's user name, an '@' in the path */
	assert_redacted("https://pypi.org/simple", "https://pypi.org/simple", 0);
	assert_redacted("https://${USER}:${PIP_TOKEN}@corp/simple",
			"https://${USER}:${PIP_TOKEN}@corp/simple", 0);
	assert_redacted("ssh://git@github.com/org/repo", "ssh://git@github.com/org/repo", 0);
	assert_redacted("https://host/pkg@1.0", "https://host/pkg@1.0", 0);
	assert_redacted("no url here: user:pw@host", "no url here: user:pw@host", 0);
	assert_redacted("https://", "https://", 0);
	assert_redacted("https://:@", "https://:@", 0);
}
END_TEST

/* A manager whose build installs from a lock, without the lock (walkthrough F13). */
START_TEST(test_missing_lock)
{
	static const char *const uv_files[] = {
		"pyproject.toml",
		"[project]\nname = \"svc\"\nversion = \"1.0\"\nrequires-python = \">=3.11\"\n"
		"dependencies = [\"fastapi==0.111.0\", \"uvicorn==0.30.1\"]\n\n[tool.uv]\ndev-dependencies = []\n",
		"svc/__init__.py", "", "svc/main.py", "from fastapi import FastAPI\napp = FastAPI()\n", NULL};
	static const char *const locked[] = {
		"pyproject.toml",
		"[project]\nname = \"svc\"\nversion = \"1.0\"\ndependencies = [\"uvicorn\"]\n[tool.uv]\n",
		"uv.lock", "version = 1\n", "main.py", "from fastapi import FastAPI\napp = FastAPI()\n",
		NULL};
	char *dir = tree(uv_files);
	cJSON *facts = NULL;
	struct ss_error err;

	ss_error_init(&err);
	ck_assert_int_eq(detect_project(dir, NULL, &facts, &err), 0);
	ck_assert_str_eq(str_of(facts, "dependency_manager"), "uv");
	ck_assert(has_warning(facts, "no 'uv.lock' next to 'pyproject.toml': the build installs "
				     "from the lock; run 'uv lock' and commit it"));
	cJSON_Delete(facts);
	tu_rmrf(dir);
	free(dir);

	dir = tree(locked);
	ck_assert_int_eq(detect_project(dir, NULL, &facts, &err), 0);
	ck_assert(!has_warning(facts, "uv.lock"));
	cJSON_Delete(facts);
	tu_rmrf(dir);
	free(dir);
}
END_TEST

static const char *note_of(const cJSON *facts, const char *key)
{
	const cJSON *v = cJSON_GetObjectItemCaseSensitive(
		cJSON_GetObjectItemCaseSensitive(facts, key), "note");
	return cJSON_IsString(v) ? v->valuestring : NULL;
}

/* A range picks the newest supported minor out for over a year, not the newest (F15). */
START_TEST(test_range_prefers_mature_python)
{
	static const char *const newest_only[] = {
		"pyproject.toml", "[project]\nname = \"a\"\nversion = \"1\"\nrequires-python = \">=3.14\"\n",
		"main.py", "if __name__ == \"__main__\":\n    print(1)\n", NULL};
	static const char *const open_range[] = {
		"pyproject.toml", "[project]\nname = \"a\"\nversion = \"1\"\nrequires-python = \">=3.10\"\n",
		"main.py", "if __name__ == \"__main__\":\n    print(1)\n", NULL};
	struct detect_opts opts = {"2026-06-01", 0, 1};
	char *dir = tree(open_range);
	cJSON *facts = NULL;
	struct ss_error err;

	ss_error_init(&err);
	ck_assert_int_eq(detect_project_opts(dir, NULL, &opts, &facts, &err), 0);
	ck_assert_str_eq(str_of(facts, "python_version"), "3.13");
	ck_assert_str_eq(note_of(facts, "python_version"),
			 "the newest supported python released over 12 months before 2026-06-01 that "
			 "satisfies '>=3.10'; 3.14 (released 2025-10-07) also does, but is too new "
			 "for many dependencies");
	cJSON_Delete(facts);
	/* a year after 3.14's release it is the pick */
	opts.today = "2026-10-08";
	ck_assert_int_eq(detect_project_opts(dir, NULL, &opts, &facts, &err), 0);
	ck_assert_str_eq(str_of(facts, "python_version"), "3.14");
	cJSON_Delete(facts);
	/* released but not yet out a year: still released and supported, and said */
	opts.today = "2025-10-08";
	ck_assert_int_eq(detect_project_opts(dir, NULL, &opts, &facts, &err), 0);
	ck_assert_str_eq(str_of(facts, "python_version"), "3.13");
	cJSON_Delete(facts);
	tu_rmrf(dir);
	free(dir);

	/* only a young version satisfies: take it and say why */
	dir = tree(newest_only);
	opts.today = "2026-06-01";
	ck_assert_int_eq(detect_project_opts(dir, NULL, &opts, &facts, &err), 0);
	ck_assert_str_eq(str_of(facts, "python_version"), "3.14");
	ck_assert_str_eq(note_of(facts, "python_version"),
			 "the newest supported python that satisfies '>=3.14'; none released over 12 "
			 "months before 2026-06-01 does");
	cJSON_Delete(facts);
	tu_rmrf(dir);
	free(dir);
}
END_TEST

/* Each candidate app carries its own kind and framework (walkthrough F29). */
START_TEST(test_candidate_for_entrypoint)
{
	static const char *const files[] = {
		"requirements.txt", "fastapi==0.111.0\nuvicorn==0.30.1\nflask==3.0.3\ngunicorn==22.0.0\n",
		"api/__init__.py", "", "api/main.py", "from fastapi import FastAPI\n\napp = FastAPI()\n",
		"admin/__init__.py", "", "admin/web.py", "from flask import Flask\n\nadmin = Flask(__name__)\n",
		"jobs/__init__.py", "", "jobs/tasks.py", "from celery import Celery\n\ncelery = Celery('jobs')\n",
		NULL};
	char *dir = tree(files);
	cJSON *facts = NULL;
	struct ss_error err;
	const char *kind = "x", *fw = "x";

	ss_error_init(&err);
	ck_assert_int_eq(detect_project(dir, NULL, &facts, &err), 0);
	ck_assert_str_eq(str_of(facts, "entrypoint"), "api.main:app");
	ck_assert_int_eq(detect_candidate_for_entrypoint(facts, "admin.web:admin", &kind, &fw), 1);
	ck_assert_str_eq(kind, "wsgi");
	ck_assert_str_eq(fw, "flask");
	ck_assert_int_eq(detect_candidate_for_entrypoint(facts, "api.main:app", &kind, &fw), 1);
	ck_assert_str_eq(kind, "asgi");
	ck_assert_str_eq(fw, "fastapi");
	ck_assert_int_eq(detect_candidate_for_entrypoint(facts, "jobs.tasks:celery", &kind, &fw), 1);
	ck_assert_str_eq(kind, "worker");
	ck_assert_str_eq(fw, "celery");
	ck_assert_int_eq(detect_candidate_for_entrypoint(facts, "other:app", &kind, &fw), 0);
	ck_assert_ptr_null(kind);
	ck_assert_ptr_null(fw);
	ck_assert_int_eq(detect_candidate_for_entrypoint(NULL, "api.main:app", &kind, &fw), 0);
	cJSON_Delete(facts);
	tu_rmrf(dir);
	free(dir);
}
END_TEST

Suite *suite_detect(void)
{
	Suite *s = suite_create("detect");
	TCase *tc = tcase_create("core");
	tcase_add_test(tc, test_spec_allows);
	tcase_add_test(tc, test_no_python_and_bad_dir);
	tcase_add_test(tc, test_eol_and_today);
	tcase_add_test(tc, test_cap_and_table);
	tcase_add_test(tc, test_venv_under_any_name_is_skipped);
	tcase_add_test(tc, test_worker_and_invalid_answers);
	tcase_add_test(tc, test_redact);
	tcase_add_test(tc, test_missing_lock);
	tcase_add_test(tc, test_range_prefers_mature_python);
	tcase_add_test(tc, test_candidate_for_entrypoint);
	suite_add_tcase(s, tc);
	return s;
}
