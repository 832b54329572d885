#include <check.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "shipshape/strbuf.h"

/* The written invariants, checked after every operation. */
static void inv(const struct strbuf *sb)
{
	ck_assert_ptr_nonnull(sb->buf);
	ck_assert_int_eq(sb->buf[sb->len], '\0');
	if (sb->alloc)
		ck_assert_uint_lt(sb->len, sb->alloc);
	else
		ck_assert_uint_eq(sb->len, 0);
	ck_assert_uint_eq(strlen(sb->buf) <= sb->len, 1);
}

START_TEST(test_init_is_empty)
{
	struct strbuf sb = STRBUF_INIT;
	inv(&sb);
	ck_assert_str_eq(sb.buf, "");
	strbuf_release(&sb);
	inv(&sb);
	strbuf_init(&sb, 100);
	inv(&sb);
	ck_assert_uint_ge(sb.alloc, 101);
	strbuf_release(&sb);
	strbuf_release(NULL);
}
END_TEST

START_TEST(test_add_and_grow)
{
	struct strbuf sb = STRBUF_INIT;
	for (int i = 0; i < 1000; i++) {
		strbuf_addstr(&sb, "ab");
		inv(&sb);
	}
	ck_assert_uint_eq(sb.len, 2000);
	ck_assert_int_eq(sb.buf[1999], 'b');
	strbuf_addch(&sb, 'x');
	inv(&sb);
	strbuf_addchars(&sb, '-', 5);
	inv(&sb);
	ck_assert(strbuf_ends_with(&sb, "x-----"));
	strbuf_add(&sb, "", 0);
	inv(&sb);
	strbuf_release(&sb);
}
END_TEST

START_TEST(test_addf)
{
	struct strbuf sb = STRBUF_INIT;
	strbuf_addf(&sb, "%s=%d", "port", 8000);
	inv(&sb);
	ck_assert_str_eq(sb.buf, "port=8000");
	strbuf_addf(&sb, "%s", "");
	inv(&sb);
	ck_assert_str_eq(sb.buf, "port=8000");
	strbuf_addf(&sb, "%0500d", 1);
	inv(&sb);
	ck_assert_uint_eq(sb.len, 509);
	strbuf_release(&sb);
}
END_TEST

START_TEST(test_insert_remove_trim)
{
	struct strbuf sb = STRBUF_INIT;
	strbuf_addstr(&sb, "hello world");
	strbuf_insert(&sb, 5, ",", 1);
	inv(&sb);
	ck_assert_str_eq(sb.buf, "hello, world");
	strbuf_remove(&sb, 0, 7);
	inv(&sb);
	ck_assert_str_eq(sb.buf, "world");
	strbuf_remove(&sb, 3, 100);
	inv(&sb);
	ck_assert_str_eq(sb.buf, "wor");
	strbuf_remove(&sb, 10, 1);
	inv(&sb);
	strbuf_insert(&sb, 99, "!", 1);
	inv(&sb);
	ck_assert_str_eq(sb.buf, "wor!");
	strbuf_reset(&sb);
	strbuf_addstr(&sb, " \t a b \n");
	strbuf_trim(&sb);
	inv(&sb);
	ck_assert_str_eq(sb.buf, "a b");
	strbuf_reset(&sb);
	strbuf_addstr(&sb, "   ");
	strbuf_trim(&sb);
	inv(&sb);
	ck_assert_uint_eq(sb.len, 0);
	strbuf_release(&sb);
}
END_TEST

START_TEST(test_detach_and_cmp)
{
	struct strbuf a = STRBUF_INIT, b = STRBUF_INIT;
	size_t len;
	char *s;

	s = strbuf_detach(&a, &len);
	inv(&a);
	ck_assert_str_eq(s, "");
	ck_assert_uint_eq(len, 0);
	free(s);
	strbuf_addstr(&a, "abc");
	strbuf_addstr(&b, "abd");
	ck_assert_int_lt(strbuf_cmp(&a, &b), 0);
	strbuf_setlen(&b, 2);
	inv(&b);
	ck_assert_int_gt(strbuf_cmp(&a, &b), 0);
	ck_assert(strbuf_starts_with(&a, "ab"));
	ck_assert(!strbuf_starts_with(&a, "abcd"));
	s = strbuf_detach(&a, &len);
	inv(&a);
	ck_assert_str_eq(s, "abc");
	ck_assert_uint_eq(len, 3);
	free(s);
	strbuf_release(&b);
}
END_TEST

START_TEST(test_embedded_nul_and_json)
{
	struct strbuf sb = STRBUF_INIT;
	strbuf_add(&sb, "a\0b", 3);
	inv(&sb);
	ck_assert_uint_eq(sb.len, 3);
	strbuf_reset(&sb);
	strbuf_add_json_escaped(&sb, "q\"\\\n\x01");
	inv(&sb);
	ck_assert_str_eq(sb.buf, "q\\\"\\\\\\n\\u0001");
	strbuf_release(&sb);
}
END_TEST

/* data that points into the buffer itself survives the buffer moving */
START_TEST(test_add_from_itself)
{
	struct strbuf sb = STRBUF_INIT;
	strbuf_addstr(&sb, "abcdefghijklmno"); /* 15 bytes: the next add must grow */
	strbuf_add(&sb, sb.buf, sb.len);
	inv(&sb);
	ck_assert_str_eq(sb.buf, "abcdefghijklmnoabcdefghijklmno");
	strbuf_addbuf(&sb, &sb);
	inv(&sb);
	ck_assert_uint_eq(sb.len, 60);
	ck_assert_str_eq(sb.buf + 30, "abcdefghijklmnoabcdefghijklmno");
	strbuf_reset(&sb);
	strbuf_addstr(&sb, "0123456789abcdef");
	strbuf_insert(&sb, 2, sb.buf + 10, 6);
	inv(&sb);
	ck_assert_str_eq(sb.buf, "01abcdef23456789abcdef");
	strbuf_release(&sb);
}
END_TEST

START_TEST(test_add_number)
{
	static const struct {
		double d;
		const char *text;
	} cases[] = {
		{85, "85"}, {-0.0, "0"}, {-12, "-12"}, {1.21, "1.21"}, {0.1, "0.1"},
		{1e20, "1e+20"}, {1.0 / 3, "0.3333333333333333"}, {999999999999999.0, "999999999999999"},
	};
	struct strbuf sb = STRBUF_INIT;
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		strbuf_reset(&sb);
		strbuf_add_number(&sb, cases[i].d);
		inv(&sb);
		ck_assert_str_eq(sb.buf, cases[i].text);
	}
	strbuf_reset(&sb);
	strbuf_add_number(&sb, -HUGE_VAL);
	ck_assert_str_eq(sb.buf, "-inf");
	strbuf_release(&sb);
}
END_TEST

Suite *suite_strbuf(void)
{
	Suite *s = suite_create("strbuf");
	TCase *tc = tcase_create("core");
	tcase_add_test(tc, test_init_is_empty);
	tcase_add_test(tc, test_add_and_grow);
	tcase_add_test(tc, test_addf);
	tcase_add_test(tc, test_insert_remove_trim);
	tcase_add_test(tc, test_detach_and_cmp);
	tcase_add_test(tc, test_embedded_nul_and_json);
	tcase_add_test(tc, test_add_from_itself);
	tcase_add_test(tc, test_add_number);
	suite_add_tcase(s, tc);
	return s;
}
