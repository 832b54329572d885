/* view: text layout (width, truncation, wrapping), scroll windows, the
 * progress bar and diff line kinds; no terminal involved. */
#include <check.h>
#include <stdlib.h>
#include <string.h>

#include "shipshape/view.h"

START_TEST(test_utf8_decode)
{
	uint32_t cp;
	ck_assert_uint_eq(view_utf8_next("a", 1, &cp), 1);
	ck_assert_uint_eq(cp, 'a');
	ck_assert_uint_eq(view_utf8_next("\xc3\xa9", 2, &cp), 2);
	ck_assert_uint_eq(cp, 0xE9);
	ck_assert_uint_eq(view_utf8_next("\xe2\x80\xa6", 3, &cp), 3);
	ck_assert_uint_eq(cp, 0x2026);
	ck_assert_uint_eq(view_utf8_next("\xf0\x9f\x9a\x80", 4, &cp), 4);
	ck_assert_uint_eq(cp, 0x1F680);
	/* truncated, overlong, surrogate, stray continuation: one byte each */
	ck_assert_uint_eq(view_utf8_next("\xe2\x80", 2, &cp), 1);
	ck_assert_uint_eq(view_utf8_next("\xc0\xaf", 2, &cp), 1);
	ck_assert_uint_eq(view_utf8_next("\xed\xa0\x80", 3, &cp), 1);
	ck_assert_uint_eq(view_utf8_next("\x80", 1, &cp), 1);
	ck_assert_uint_eq(view_utf8_next("", 0, &cp), 0);
}
END_TEST

START_TEST(test_width)
{
	ck_assert_uint_eq(view_width(""), 0);
	ck_assert_uint_eq(view_width("hello"), 5);
	ck_assert_uint_eq(view_width("caf\xc3\xa9"), 4);          /* café */
	ck_assert_uint_eq(view_width("e\xcc\x81"), 1);            /* e + combining acute */
	ck_assert_uint_eq(view_width("\xe6\x97\xa5\xe6\x9c\xac"), 4); /* 日本 */
	ck_assert_uint_eq(view_width("\xf0\x9f\x9a\x80!"), 3);    /* rocket + ! */
	ck_assert_uint_eq(view_width("a\x01" "b"), 3);            /* control shown as ? */
	ck_assert_uint_eq(view_width("\xff\xfe"), 2);             /* invalid bytes */
}
END_TEST

static char *trunc_to(const char *s, size_t w)
{
	struct strbuf sb = STRBUF_INIT;
	size_t used = view_truncate(&sb, s, w);
	ck_assert_uint_le(used, w);
	ck_assert_uint_eq(view_width(sb.buf), used);
	return strbuf_detach(&sb, NULL);
}

START_TEST(test_truncate)
{
	char *s;
	s = trunc_to("hello", 10);
	ck_assert_str_eq(s, "hello");
	free(s);
	s = trunc_to("hello", 5);
	ck_assert_str_eq(s, "hello");
	free(s);
	s = trunc_to("hello world", 5);
	ck_assert_str_eq(s, "hell\xe2\x80\xa6");
	free(s);
	s = trunc_to("hello", 0);
	ck_assert_str_eq(s, "");
	free(s);
	s = trunc_to("hello", 1);
	ck_assert_str_eq(s, "\xe2\x80\xa6");
	free(s);
	/* never cuts a multi-byte character or a wide character in half */
	s = trunc_to("\xe6\x97\xa5\xe6\x9c\xac\xe8\xaa\x9e", 4); /* 日本語 in 4 cols: 日… */
	ck_assert_str_eq(s, "\xe6\x97\xa5\xe2\x80\xa6");
	free(s);
	s = trunc_to("caf\xc3\xa9 au lait", 5);
	ck_assert_str_eq(s, "caf\xc3\xa9\xe2\x80\xa6");
	free(s);
	/* control characters and invalid bytes are made visible, tabs a space */
	s = trunc_to("a\x1b[31mb\tc\xff", 20);
	ck_assert_str_eq(s, "a?[31mb c?");
	free(s);
}
END_TEST

START_TEST(test_fit_and_center)
{
	struct strbuf sb = STRBUF_INIT;
	view_fit(&sb, "ab", 5);
	ck_assert_str_eq(sb.buf, "ab   ");
	strbuf_reset(&sb);
	view_fit(&sb, "abcdef", 4);
	ck_assert_str_eq(sb.buf, "abc\xe2\x80\xa6");
	strbuf_reset(&sb);
	view_fit(&sb, "\xe6\x97\xa5x", 4);
	ck_assert_str_eq(sb.buf, "\xe6\x97\xa5x ");
	strbuf_reset(&sb);
	view_center(&sb, "ab", 6);
	ck_assert_str_eq(sb.buf, "  ab");
	strbuf_release(&sb);
}
END_TEST

static void wrap_eq(const char *text, size_t width, size_t hang, const char *const *want)
{
	struct view_lines l = VIEW_LINES_INIT;
	size_t n = 0;

	view_wrap(&l, text, width, hang);
	while (want[n])
		n++;
	for (size_t i = 0; i < l.nr && i < n; i++) {
		ck_assert_str_eq(l.v[i], want[i]);
		ck_assert_uint_le(view_width(l.v[i]), width);
	}
	ck_assert_uint_eq(l.nr, n);
	view_lines_release(&l);
}

START_TEST(test_wrap)
{
	const char *a[] = {"the quick", "brown fox", "jumps", NULL};
	const char *b[] = {"one", "", "two three", NULL};
	const char *c[] = {"abcde", "fghij", "k", NULL};
	const char *d[] = {"  - a list", "    item", "    that", "    wraps", NULL};
	const char *e[] = {"Run it:", "  shipshape", "  next", NULL};
	const char *f[] = {"", NULL};
	const char *g[] = {"\xe6\x97\xa5\xe6\x9c\xac", "\xe8\xaa\x9e", NULL};
	const char *h[] = {"x", NULL};
	wrap_eq("the quick brown fox jumps", 10, 0, a);
	wrap_eq("one\n\ntwo three", 10, 0, b);
	wrap_eq("abcdefghijk", 5, 0, c);
	wrap_eq("  - a list item that wraps", 10, 2, d);
	wrap_eq("Run it:\n  shipshape next", 11, 0, e);
	wrap_eq("", 10, 0, f);
	wrap_eq("\xe6\x97\xa5\xe6\x9c\xac\xe8\xaa\x9e", 5, 0, g); /* 日本語: wide chars never split */
	wrap_eq("x\n", 10, 0, h);
}
END_TEST

START_TEST(test_wrap_width_one)
{
	struct view_lines l = VIEW_LINES_INIT;
	view_wrap(&l, "ab \xe6\x97\xa5", 1, 5);
	ck_assert_uint_eq(l.nr, 3);
	ck_assert_str_eq(l.v[0], "a");
	ck_assert_str_eq(l.v[1], "b");
	ck_assert_str_eq(l.v[2], "\xe6\x97\xa5"); /* cannot fit: shown alone rather than lost */
	view_lines_release(&l);
}
END_TEST

START_TEST(test_lines_split)
{
	struct view_lines l = VIEW_LINES_INIT;
	const char *t = "a\tb\n\nlast\n";
	view_lines_split(&l, t, strlen(t));
	ck_assert_uint_eq(l.nr, 3);
	ck_assert_str_eq(l.v[0], "a       b");
	ck_assert_str_eq(l.v[1], "");
	ck_assert_str_eq(l.v[2], "last");
	view_lines_addf(&l, "%d-%s", 4, "x");
	ck_assert_str_eq(l.v[3], "4-x");
	view_lines_release(&l);
	view_lines_release(NULL);
	view_lines_split(&l, "no newline", 10);
	ck_assert_uint_eq(l.nr, 1);
	view_lines_release(&l);
}
END_TEST

static void scroll_inv(const struct view_scroll *s)
{
	if (s->n == 0) {
		ck_assert_uint_eq(s->cur, 0);
		ck_assert_uint_eq(s->top, 0);
		return;
	}
	ck_assert_uint_lt(s->cur, s->n);
	ck_assert_uint_le(s->top, s->cur);
	ck_assert_uint_lt(s->cur, s->top + s->height);
	if (s->n > s->height)
		ck_assert_uint_le(s->top + s->height, s->n);
	else
		ck_assert_uint_eq(s->top, 0);
}

START_TEST(test_scroll_list)
{
	struct view_scroll s;
	view_scroll_init(&s);
	scroll_inv(&s);
	view_scroll_move(&s, 3);
	scroll_inv(&s);
	view_scroll_resize(&s, 20, 5);
	scroll_inv(&s);
	view_scroll_move(&s, 1);
	ck_assert_uint_eq(s.cur, 1);
	view_scroll_move(&s, 5);
	ck_assert_uint_eq(s.cur, 6);
	ck_assert_uint_eq(s.top, 2);
	scroll_inv(&s);
	view_scroll_move(&s, -100);
	ck_assert_uint_eq(s.cur, 0);
	ck_assert_uint_eq(s.top, 0);
	view_scroll_page(&s, 1);
	ck_assert_uint_eq(s.cur, 4);
	view_scroll_page(&s, 1);
	ck_assert_uint_eq(s.cur, 8);
	ck_assert_uint_eq(s.top, 4);
	view_scroll_end(&s);
	ck_assert_uint_eq(s.cur, 19);
	ck_assert_uint_eq(s.top, 15);
	view_scroll_move(&s, 1000000);
	ck_assert_uint_eq(s.cur, 19);
	view_scroll_move(&s, (long)(~0UL >> 1));
	ck_assert_uint_eq(s.cur, 19);
	view_scroll_home(&s);
	ck_assert_uint_eq(s.top, 0);
	/* shrinking the list or the window keeps the cursor visible */
	view_scroll_goto(&s, 18);
	view_scroll_resize(&s, 10, 3);
	ck_assert_uint_eq(s.cur, 9);
	scroll_inv(&s);
	view_scroll_resize(&s, 10, 30);
	ck_assert_uint_eq(s.top, 0);
	scroll_inv(&s);
	view_scroll_resize(&s, 10, 0);
	ck_assert_uint_eq(s.height, 1);
	scroll_inv(&s);
	view_scroll_resize(&s, 0, 4);
	scroll_inv(&s);
}
END_TEST

START_TEST(test_scroll_pager)
{
	struct view_scroll s;
	struct strbuf sb = STRBUF_INIT;
	view_scroll_init(&s);
	view_scroll_resize(&s, 50, 10);
	view_pager_move(&s, 3);
	ck_assert_uint_eq(s.top, 3);
	view_pager_page(&s, 1);
	ck_assert_uint_eq(s.top, 12);
	view_pager_end(&s);
	ck_assert_uint_eq(s.top, 40);
	view_pager_move(&s, 5);
	ck_assert_uint_eq(s.top, 40);
	view_scroll_position(&s, &sb);
	ck_assert_str_eq(sb.buf, "41-50 of 50");
	view_pager_move(&s, -100);
	ck_assert_uint_eq(s.top, 0);
	view_pager_page(&s, -1);
	ck_assert_uint_eq(s.top, 0);
	view_pager_end(&s);
	view_pager_home(&s);
	ck_assert_uint_eq(s.top, 0);
	/* a pager over fewer lines than its height never scrolls */
	view_scroll_resize(&s, 4, 10);
	view_pager_move(&s, 3);
	ck_assert_uint_eq(s.top, 0);
	strbuf_reset(&sb);
	view_scroll_position(&s, &sb);
	ck_assert_str_eq(sb.buf, "");
	strbuf_release(&sb);
}
END_TEST

static const char *const names[7] = {"baseline",        "security",   "automation", "correctness",
				     "reproducibility", "build-time", "image-size"};

START_TEST(test_progress)
{
	struct view_progress_seg g[7];
	size_t w;

	w = view_progress(g, 120, 2, 1, names);
	ck_assert_uint_le(w, 120);
	ck_assert_str_eq(g[0].text, "0 baseline");
	ck_assert_str_eq(g[6].text, "6 image-size");
	ck_assert_int_eq(g[0].state, VIEW_TIER_DONE);
	ck_assert_int_eq(g[1].state, VIEW_TIER_DONE);
	ck_assert_int_eq(g[2].state, VIEW_TIER_CURRENT);
	ck_assert_int_eq(g[3].state, VIEW_TIER_TODO);
	ck_assert_uint_eq(g[0].x, 0);
	ck_assert_uint_eq(g[1].x, strlen("0 baseline") + 3);

	/* 80 columns: numbers, with the current tier's name */
	w = view_progress(g, 60, 4, -1, names);
	ck_assert_uint_le(w, 60);
	ck_assert_str_eq(g[4].text, "4 reproducibility");
	ck_assert_str_eq(g[3].text, "3");
	ck_assert_int_eq(g[0].state, VIEW_TIER_TODO);
	for (int t = 1; t < 7; t++)
		ck_assert_uint_gt(g[t].x, g[t - 1].x + strlen(g[t - 1].text) - 1);

	/* tiny: numbers only */
	w = view_progress(g, 20, 0, -1, names);
	ck_assert_uint_le(w, 20);
	ck_assert_str_eq(g[0].text, "0");
}
END_TEST

START_TEST(test_diff_kind)
{
	ck_assert_int_eq(view_diff_kind("--- a/Dockerfile"), VIEW_DIFF_FILE);
	ck_assert_int_eq(view_diff_kind("+++ b/Dockerfile"), VIEW_DIFF_FILE);
	ck_assert_int_eq(view_diff_kind("@@ -1,3 +1,4 @@"), VIEW_DIFF_HUNK);
	ck_assert_int_eq(view_diff_kind("+USER app"), VIEW_DIFF_ADD);
	ck_assert_int_eq(view_diff_kind("-USER root"), VIEW_DIFF_DEL);
	ck_assert_int_eq(view_diff_kind(" FROM python"), VIEW_DIFF_CONTEXT);
	ck_assert_int_eq(view_diff_kind("\\ No newline at end of file"), VIEW_DIFF_NOTE);
	ck_assert_int_eq(view_diff_kind(""), VIEW_DIFF_NOTE);
	ck_assert_int_eq(view_diff_kind("++x"), VIEW_DIFF_ADD);
}
END_TEST

Suite *suite_view(void)
{
	Suite *s = suite_create("view");
	TCase *tc = tcase_create("layout");
	tcase_add_test(tc, test_utf8_decode);
	tcase_add_test(tc, test_width);
	tcase_add_test(tc, test_truncate);
	tcase_add_test(tc, test_fit_and_center);
	tcase_add_test(tc, test_wrap);
	tcase_add_test(tc, test_wrap_width_one);
	tcase_add_test(tc, test_lines_split);
	tcase_add_test(tc, test_scroll_list);
	tcase_add_test(tc, test_scroll_pager);
	tcase_add_test(tc, test_progress);
	tcase_add_test(tc, test_diff_kind);
	suite_add_tcase(s, tc);
	return s;
}
