#include <check.h>
#include <string.h>

#include "shipshape/procfile.h"

START_TEST(test_parse)
{
	struct procfile p;
	struct ss_error err;
	const char *text = "# processes\n"
			   "web: gunicorn --bind 0.0.0.0:$PORT app:app\n"
			   "\n"
			   "worker:   celery -A proj worker -l info   \r\n"
			   "release_phase-2: python manage.py migrate";
	procfile_init(&p);
	ss_error_init(&err);
	ck_assert_int_eq(procfile_parse(&p, text, strlen(text), "Procfile", &err), 0);
	ck_assert_uint_eq(p.nr, 3);
	ck_assert_str_eq(p.items[0].name, "web");
	ck_assert_str_eq(p.items[0].command, "gunicorn --bind 0.0.0.0:$PORT app:app");
	ck_assert_int_eq(p.items[0].line, 2);
	ck_assert_str_eq(procfile_find(&p, "worker")->command, "celery -A proj worker -l info");
	ck_assert_int_eq(procfile_find(&p, "worker")->line, 4);
	ck_assert_str_eq(p.items[2].name, "release_phase-2");
	ck_assert_ptr_null(procfile_find(&p, "clock"));
	procfile_release(&p);
	procfile_release(NULL);
}
END_TEST

START_TEST(test_errors)
{
	struct procfile p;
	struct ss_error err;
	const char *text = "web: gunicorn app:app\n"
			   "just a command\n"
			   "web: again\n"
			   "clock:\n"
			   "worker: rq worker\n";
	procfile_init(&p);
	ss_error_init(&err);
	ck_assert_int_eq(procfile_parse(&p, text, strlen(text), "Procfile", &err), SS_ERR_INPUT);
	ck_assert_str_eq(err.file, "Procfile");
	ck_assert_int_eq(err.line, 2);
	ck_assert_ptr_nonnull(strstr(err.msg, "expected 'NAME: COMMAND'"));
	ck_assert_uint_eq(p.nr, 2); /* web and worker kept; duplicate and empty dropped */
	ck_assert_str_eq(p.items[1].name, "worker");
	procfile_release(&p);

	procfile_init(&p);
	ck_assert_int_eq(procfile_parse(&p, "web: a\nweb: b\n", 14, "Procfile", &err),
			 SS_ERR_INPUT);
	ck_assert_ptr_nonnull(strstr(err.msg, "duplicate process type 'web'"));
	ck_assert_int_eq(err.line, 2);
	procfile_release(&p);
}
END_TEST

START_TEST(test_split)
{
	char **argv;
	size_t argc;
	struct ss_error err;

	ss_error_init(&err);
	ck_assert_int_eq(procfile_split("FOO=1 gunicorn  -b ':8000' \"a b\\\"c\" x\\ y $PORT",
					&argv, &argc, &err),
			 0);
	ck_assert_uint_eq(argc, 7);
	ck_assert_str_eq(argv[0], "FOO=1");
	ck_assert_str_eq(argv[1], "gunicorn");
	ck_assert_str_eq(argv[2], "-b");
	ck_assert_str_eq(argv[3], ":8000");
	ck_assert_str_eq(argv[4], "a b\"c");
	ck_assert_str_eq(argv[5], "x y");
	ck_assert_str_eq(argv[6], "$PORT");
	ck_assert_ptr_null(argv[7]);
	procfile_argv_free(argv);

	ck_assert_int_eq(procfile_split("", &argv, &argc, &err), 0);
	ck_assert_uint_eq(argc, 0);
	ck_assert_ptr_null(argv[0]);
	procfile_argv_free(argv);

	ck_assert_int_eq(procfile_split("echo 'open", &argv, &argc, &err), SS_ERR_INPUT);
	ck_assert_ptr_null(argv);
	ck_assert_ptr_nonnull(strstr(err.msg, "unterminated quote"));
	ck_assert_int_eq(procfile_split("echo \"open", &argv, NULL, &err), SS_ERR_INPUT);
	procfile_argv_free(NULL);
}
END_TEST

/* A UTF-8 byte order mark does not become part of the first process name. */
START_TEST(test_bom)
{
	struct procfile p;
	struct ss_error err;
	const char *text = "\xEF\xBB\xBF" "web: gunicorn app:app\n";
	procfile_init(&p);
	ss_error_init(&err);
	ck_assert_int_eq(procfile_parse(&p, text, strlen(text), "Procfile", &err), 0);
	ck_assert_uint_eq(p.nr, 1);
	ck_assert_str_eq(p.items[0].name, "web");
	procfile_release(&p);
}
END_TEST

Suite *suite_procfile(void)
{
	Suite *s = suite_create("procfile");
	TCase *tc = tcase_create("core");
	tcase_add_test(tc, test_parse);
	tcase_add_test(tc, test_errors);
	tcase_add_test(tc, test_split);
	tcase_add_test(tc, test_bom);
	suite_add_tcase(s, tc);
	return s;
}
