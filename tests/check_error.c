#include <check.h>
#include <string.h>

#include "shipshape/error.h"

START_TEST(test_set_and_format)
{
	struct ss_error err;
	char buf[1024];

	ss_error_init(&err);
	ck_assert_int_eq(err.code, SS_OK);
	ck_assert_int_eq(ss_error_set(&err, SS_ERR_INPUT, "Dockerfile", 12, 3, "unknown instruction '%s'",
				      "RUNN"),
			 SS_ERR_INPUT);
	ss_error_format(&err, buf, sizeof(buf));
	ck_assert_str_eq(buf, "Dockerfile:12:3: unknown instruction 'RUNN'");
	ss_error_set(&err, SS_ERR_INPUT, "a.json", 4, 0, "bad");
	ss_error_format(&err, buf, sizeof(buf));
	ck_assert_str_eq(buf, "a.json:4: bad");
	ss_error_set(&err, SS_ERR_INPUT, "a.json", 0, 0, "bad");
	ss_error_format(&err, buf, sizeof(buf));
	ck_assert_str_eq(buf, "a.json: bad");
	ss_error_set(&err, SS_ERR_INPUT, NULL, 0, 0, "bad");
	ss_error_format(&err, buf, sizeof(buf));
	ck_assert_str_eq(buf, "bad");
	ck_assert_int_eq(ss_error_set(NULL, 3, NULL, 0, 0, "dropped"), 3);
	/* wrapping an earlier message, and keeping its file, reads them before overwriting */
	ss_error_set(&err, SS_ERR_INPUT, "answers.json", 3, 0, "invalid value for 'port'");
	ss_error_set(&err, SS_ERR_INPUT, err.file, err.line, 0, "in '%s': %s", err.file, err.msg);
	ss_error_format(&err, buf, sizeof(buf));
	ck_assert_str_eq(buf, "answers.json:3: in 'answers.json': invalid value for 'port'");
}
END_TEST

START_TEST(test_one_line_and_truncation)
{
	struct ss_error err;
	char big[2000];
	char small[8];

	memset(big, 'x', sizeof(big) - 1);
	big[sizeof(big) - 1] = '\0';
	ss_error_set(&err, SS_ERR_INPUT, big, 1, 1, "a\nb %s", big);
	ck_assert_uint_eq(strlen(err.msg), SS_ERROR_MSG_MAX - 1);
	ck_assert_ptr_null(strchr(err.msg, '\n'));
	ck_assert_str_eq(err.msg + strlen(err.msg) - 3, "...");
	ck_assert_uint_eq(strlen(err.file), SS_ERROR_FILE_MAX - 1);
	ss_error_format(&err, small, sizeof(small));
	ck_assert_uint_eq(strlen(small), sizeof(small) - 1);
}
END_TEST

Suite *suite_error(void)
{
	Suite *s = suite_create("error");
	TCase *tc = tcase_create("core");
	tcase_add_test(tc, test_set_and_format);
	tcase_add_test(tc, test_one_line_and_truncation);
	suite_add_tcase(s, tc);
	return s;
}
