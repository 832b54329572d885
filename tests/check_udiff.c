/* udiff: exact output on small cases; on random inputs the patch applies
 * back to the new text and the diff is minimal (checked against an LCS
 * table computed the slow way). */
#include <check.h>
#include <stdlib.h>
#include <string.h>

#include "shipshape/udiff.h"

static char *diff(const char *a, const char *b, int ctx)
{
	struct strbuf out = STRBUF_INIT;
	udiff_unified("a/f", a, strlen(a), "b/f", b, strlen(b), ctx, &out);
	return strbuf_detach(&out, NULL);
}

START_TEST(test_equal_is_empty)
{
	char *d = diff("a\nb\n", "a\nb\n", 3);
	ck_assert_str_eq(d, "");
	free(d);
	d = diff("", "", 3);
	ck_assert_str_eq(d, "");
	free(d);
}
END_TEST

START_TEST(test_simple_change)
{
	char *d = diff("a\nb\nc\n", "a\nB\nc\n", 3);
	ck_assert_str_eq(d, "--- a/f\n+++ b/f\n@@ -1,3 +1,3 @@\n a\n-b\n+B\n c\n");
	free(d);
}
END_TEST

START_TEST(test_new_and_deleted_file)
{
	char *d = diff("", "x\ny\n", 3);
	ck_assert_str_eq(d, "--- a/f\n+++ b/f\n@@ -0,0 +1,2 @@\n+x\n+y\n");
	free(d);
	d = diff("x\n", "", 3);
	ck_assert_str_eq(d, "--- a/f\n+++ b/f\n@@ -1 +0,0 @@\n-x\n");
	free(d);
}
END_TEST

START_TEST(test_no_newline_at_end)
{
	char *d = diff("a\nb", "a\nb\n", 3);
	ck_assert_str_eq(d, "--- a/f\n+++ b/f\n@@ -1,2 +1,2 @@\n a\n-b\n\\ No newline at end of file\n"
			    "+b\n");
	free(d);
}
END_TEST

START_TEST(test_two_hunks_and_context)
{
	/* 20 lines, change line 2 and line 18: two hunks with 3 lines of context */
	struct strbuf a = STRBUF_INIT, b = STRBUF_INIT;
	char *d;
	for (int i = 1; i <= 20; i++) {
		strbuf_addf(&a, "%d\n", i);
		if (i == 2 || i == 18)
			strbuf_addf(&b, "x%d\n", i);
		else
			strbuf_addf(&b, "%d\n", i);
	}
	d = diff(a.buf, b.buf, 3);
	ck_assert_str_eq(d, "--- a/f\n+++ b/f\n"
			    "@@ -1,5 +1,5 @@\n 1\n-2\n+x2\n 3\n 4\n 5\n"
			    "@@ -15,6 +15,6 @@\n 15\n 16\n 17\n-18\n+x18\n 19\n 20\n");
	free(d);
	/* close changes merge into one hunk */
	d = diff("1\n2\n3\n4\n5\n6\n7\n8\n", "1\nX\n3\n4\n5\n6\nY\n8\n", 3);
	ck_assert_str_eq(d, "--- a/f\n+++ b/f\n@@ -1,8 +1,8 @@\n 1\n-2\n+X\n 3\n 4\n 5\n 6\n-7\n"
			    "+Y\n 8\n");
	free(d);
	/* zero context */
	d = diff("1\n2\n3\n", "1\nX\n3\n", 0);
	ck_assert_str_eq(d, "--- a/f\n+++ b/f\n@@ -2 +2 @@\n-2\n+X\n");
	free(d);
	strbuf_release(&a);
	strbuf_release(&b);
}
END_TEST

/* Apply a unified diff (as produced above) to a; return the result. */
static char *apply(const char *a, const char *patch)
{
	struct strbuf out = STRBUF_INIT;
	const char *lines[4096];
	size_t n = 0, ai = 0;
	const char *p = a;
	while (*p && n < 4096) {
		const char *nl = strchr(p, '\n');
		lines[n++] = p;
		p = nl ? nl + 1 : p + strlen(p);
	}
	p = patch;
	/* skip headers */
	p = strchr(p, '\n') + 1;
	p = strchr(p, '\n') + 1;
	while (*p) {
		const char *eol = strchr(p, '\n');
		size_t len = (size_t)(eol - p) + 1;
		if (*p == '@') {
			long start = strtol(p + 4, NULL, 10);
			size_t target = start > 0 ? (size_t)start - 1 : 0;
			const char *comma = strchr(p + 4, ',');
			const char *space = strchr(p + 4, ' ');
			if (comma && comma < space && strtol(comma + 1, NULL, 10) == 0)
				target = (size_t)start; /* empty range names the line before */
			while (ai < target) {
				const char *e = strchr(lines[ai], '\n');
				strbuf_add(&out, lines[ai], (size_t)(e - lines[ai]) + 1);
				ai++;
			}
		} else if (*p == ' ' || *p == '-') {
			if (*p == ' ')
				strbuf_add(&out, p + 1, len - 1);
			ai++;
		} else if (*p == '+') {
			strbuf_add(&out, p + 1, len - 1);
		}
		p = eol + 1;
	}
	while (ai < n) {
		const char *e = strchr(lines[ai], '\n');
		strbuf_add(&out, lines[ai], (size_t)(e - lines[ai]) + 1);
		ai++;
	}
	return strbuf_detach(&out, NULL);
}

static size_t lcs_slow(const char **a, size_t n, const char **b, size_t m)
{
	size_t *t = calloc((n + 1) * (m + 1), sizeof(size_t)), r;
	for (size_t i = 1; i <= n; i++)
		for (size_t j = 1; j <= m; j++) {
			size_t *c = &t[i * (m + 1) + j];
			if (!strcmp(a[i - 1], b[j - 1]))
				*c = t[(i - 1) * (m + 1) + j - 1] + 1;
			else {
				size_t u = t[(i - 1) * (m + 1) + j], l = t[i * (m + 1) + j - 1];
				*c = u > l ? u : l;
			}
		}
	r = t[n * (m + 1) + m];
	free(t);
	return r;
}

START_TEST(test_random_minimal_and_applies)
{
	static const char *const alpha[] = {"a", "b", "c", "d", "e"};
	unsigned seed = 12345;
	for (int round = 0; round < 400; round++) {
		const char *la[64], *lb[64];
		char *d, *back;
		size_t n, m;
		struct strbuf a = STRBUF_INIT, b = STRBUF_INIT;
		seed = seed * 1103515245u + 12345u;
		n = (seed >> 8) % 40;
		seed = seed * 1103515245u + 12345u;
		m = (seed >> 8) % 40;
		for (size_t i = 0; i < n; i++) {
			seed = seed * 1103515245u + 12345u;
			la[i] = alpha[(seed >> 16) % (round % 2 ? 5 : 2)];
			strbuf_addf(&a, "%s\n", la[i]);
		}
		for (size_t j = 0; j < m; j++) {
			seed = seed * 1103515245u + 12345u;
			lb[j] = alpha[(seed >> 16) % (round % 2 ? 5 : 2)];
			strbuf_addf(&b, "%s\n", lb[j]);
		}
		ck_assert_uint_eq(udiff_count_changes(a.buf, a.len, b.buf, b.len),
				  n + m - 2 * lcs_slow(la, n, lb, m));
		d = diff(a.buf, b.buf, (int)(round % 4));
		back = apply(a.buf, d);
		ck_assert_str_eq(back, b.buf);
		free(d);
		free(back);
		strbuf_release(&a);
		strbuf_release(&b);
	}
}
END_TEST

START_TEST(test_large_inputs)
{
	struct strbuf a = STRBUF_INIT, b = STRBUF_INIT, out = STRBUF_INIT;
	for (int i = 0; i < 5000; i++) {
		strbuf_addf(&a, "line %d\n", i);
		strbuf_addf(&b, "line %d\n", i % 7 ? i : -i);
	}
	ck_assert_uint_eq(udiff_count_changes(a.buf, a.len, b.buf, b.len), 2 * 714);
	udiff_unified("a", a.buf, a.len, "b", b.buf, b.len, 3, &out);
	ck_assert_uint_gt(out.len, 0);
	strbuf_release(&a);
	strbuf_release(&b);
	strbuf_release(&out);
}
END_TEST

/* Two long unrelated texts: bounded work, and the diff still applies. */
START_TEST(test_unrelated_large_inputs_bounded)
{
	struct strbuf a = STRBUF_INIT, b = STRBUF_INIT, out = STRBUF_INIT;
	char *back;
	for (int i = 0; i < 60000; i++)
		strbuf_addf(&a, "a%d\n", i);
	for (int i = 0; i < 30000; i++)
		strbuf_addf(&b, "b%d\n", i % 1000 ? i : 7 * i);
	strbuf_addstr(&b, "a59999\n");
	udiff_unified("a", a.buf, a.len, "b", b.buf, b.len, 3, &out);
	ck_assert_uint_gt(out.len, 0);
	ck_assert_uint_ge(udiff_count_changes(a.buf, a.len, b.buf, b.len), 89999);
	strbuf_release(&out);
	/* a smaller pair through the applier (it keeps 4096 lines) */
	strbuf_reset(&a);
	strbuf_reset(&b);
	for (int i = 0; i < 4000; i++) {
		strbuf_addf(&a, "x%d\n", i);
		strbuf_addf(&b, "y%d\n", i);
	}
	back = NULL;
	{
		char *d;
		struct strbuf o = STRBUF_INIT;
		udiff_unified("a/f", a.buf, a.len, "b/f", b.buf, b.len, 3, &o);
		d = strbuf_detach(&o, NULL);
		back = apply(a.buf, d);
		free(d);
	}
	ck_assert_str_eq(back, b.buf);
	free(back);
	strbuf_release(&a);
	strbuf_release(&b);
}
END_TEST

Suite *suite_udiff(void)
{
	Suite *s = suite_create("udiff");
	TCase *tc = tcase_create("core");
	tcase_add_test(tc, test_equal_is_empty);
	tcase_add_test(tc, test_simple_change);
	tcase_add_test(tc, test_new_and_deleted_file);
	tcase_add_test(tc, test_no_newline_at_end);
	tcase_add_test(tc, test_two_hunks_and_context);
	tcase_add_test(tc, test_random_minimal_and_applies);
	tcase_add_test(tc, test_large_inputs);
	tcase_add_test(tc, test_unrelated_large_inputs_bounded);
	tcase_set_timeout(tc, 60);
	suite_add_tcase(s, tc);
	return s;
}
