#include <check.h>
#include <string.h>

#include "shipshape/ini.h"

START_TEST(test_setup_cfg)
{
	struct ini ini;
	struct ss_error err;
	const struct ini_entry *e;
	const char *text = "; top comment\n"
			   "[metadata]\n"
			   "Name = my_pkg\n"
			   "version: 1.0\n"
			   "\n"
			   "[options]\n"
			   "install_requires =\n"
			   "    flask>=3\n"
			   "    # a comment inside\n"
			   "\n"
			   "    gunicorn\n"
			   "python_requires = >=3.10\n"
			   "[options.entry_points]\n"
			   "console_scripts =\n"
			   "  tool = pkg.cli:main\n"
			   "[empty]\n";
	ini_init(&ini);
	ss_error_init(&err);
	ck_assert_int_eq(ini_parse(&ini, text, strlen(text), "setup.cfg", &err), 0);
	e = ini_get(&ini, "metadata", "name");
	ck_assert_ptr_nonnull(e);
	ck_assert_str_eq(e->key, "name");
	ck_assert_str_eq(e->value, "my_pkg");
	ck_assert_int_eq(e->line, 3);
	ck_assert_str_eq(ini_get(&ini, "metadata", "VERSION")->value, "1.0");
	e = ini_get(&ini, "options", "install_requires");
	ck_assert_str_eq(e->value, "flask>=3\ngunicorn");
	ck_assert_int_eq(e->line, 7);
	ck_assert_int_eq(e->value_line, 8);
	ck_assert_str_eq(ini_get(&ini, "options", "python_requires")->value, ">=3.10");
	ck_assert_int_eq(ini_get(&ini, "options", "python_requires")->value_line, 12);
	ck_assert_str_eq(ini_get(&ini, "options.entry_points", "console_scripts")->value,
			 "tool = pkg.cli:main");
	ck_assert_int_eq(ini_has_section(&ini, "empty"), 1);
	ck_assert_int_eq(ini_has_section(&ini, "missing"), 0);
	ck_assert_ptr_null(ini_get(&ini, "options", "nope"));
	ini_release(&ini);
	ini_release(NULL);
}
END_TEST

START_TEST(test_errors)
{
	struct ini ini;
	struct ss_error err;
	const char *text = "[ok]\na = 1\n[broken\nb = 2\njunk line\nc = 3\n";
	ini_init(&ini);
	ss_error_init(&err);
	ck_assert_int_eq(ini_parse(&ini, text, strlen(text), "setup.cfg", &err), SS_ERR_INPUT);
	ck_assert_int_eq(err.line, 3);
	ck_assert_ptr_nonnull(strstr(err.msg, "unterminated section header"));
	ck_assert_str_eq(ini_get(&ini, "ok", "a")->value, "1");
	ck_assert_str_eq(ini_get(&ini, "ok", "c")->value, "3"); /* later good lines kept */
	ini_release(&ini);

	ini_init(&ini);
	ck_assert_int_eq(ini_parse(&ini, "a = 1\0", 6, "x.cfg", &err), SS_ERR_INPUT);
	ck_assert_ptr_nonnull(strstr(err.msg, "binary"));
	ini_release(&ini);
	ini_init(&ini);
	ck_assert_int_eq(ini_parse(&ini, "= value\n", 8, "x.cfg", &err), SS_ERR_INPUT);
	ck_assert_int_eq(err.line, 1);
	ini_release(&ini);
}
END_TEST

/* A UTF-8 byte order mark before the first section is skipped. */
START_TEST(test_bom)
{
	struct ini ini;
	struct ss_error err;
	const char *text = "\xEF\xBB\xBF[options]\npython_requires = >=3.10\n";
	ini_init(&ini);
	ss_error_init(&err);
	ck_assert_int_eq(ini_parse(&ini, text, strlen(text), "setup.cfg", &err), 0);
	ck_assert_ptr_nonnull(ini_get(&ini, "options", "python_requires"));
	ck_assert_int_eq(ini_get(&ini, "options", "python_requires")->line, 2);
	ini_release(&ini);
}
END_TEST

Suite *suite_ini(void)
{
	Suite *s = suite_create("ini");
	TCase *tc = tcase_create("core");
	tcase_add_test(tc, test_setup_cfg);
	tcase_add_test(tc, test_errors);
	tcase_add_test(tc, test_bom);
	suite_add_tcase(s, tc);
	return s;
}
