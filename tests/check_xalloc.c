#include <check.h>
#include <signal.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "shipshape/xalloc.h"

/*
 * Under AddressSanitizer a failed huge malloc aborts inside the sanitizer
 * before xalloc can see NULL; ask it to return NULL instead, so these tests
 * mean the same in the sanitizer build without ASAN_OPTIONS. (Read by ASan
 * at start-up; unused otherwise.)
 */
const char *__asan_default_options(void);
const char *__asan_default_options(void)
{
	return "allocator_may_return_null=1";
}

static void hook_exit70(const char *what, size_t size)
{
	(void)what;
	(void)size;
	_exit(70);
}

static int returned_hook_called;
static void hook_returns(const char *what, size_t size)
{
	(void)what;
	(void)size;
	returned_hook_called = 1;
}

START_TEST(test_basic)
{
	char *p = xstrdup("hello");
	ck_assert_str_eq(p, "hello");
	free(p);
	p = xstrndup("hello", 3);
	ck_assert_str_eq(p, "hel");
	free(p);
	p = xmemdup("ab", 2);
	ck_assert_int_eq(memcmp(p, "ab", 2), 0);
	free(p);
	p = xcalloc(0, 0);
	ck_assert_ptr_nonnull(p);
	free(p);
	{
		int *arr = NULL;
		size_t nr = 0, alloc = 0;
		for (int i = 0; i < 100; i++) {
			ALLOC_GROW(arr, nr + 1, alloc);
			arr[nr++] = i;
		}
		ck_assert_int_eq(arr[99], 99);
		ck_assert_uint_ge(alloc, 100);
		free(arr);
	}
}
END_TEST

/* Out of memory goes to the registered hook, which exits 70. */
START_TEST(test_oom_calls_hook)
{
	xalloc_set_fatal_hook(hook_exit70);
	(void)xreallocarray(NULL, SIZE_MAX / 2, 4);
}
END_TEST

/* With no hook the core aborts: it never calls exit. */
START_TEST(test_oom_without_hook_aborts)
{
	xalloc_set_fatal_hook(NULL);
	(void)xmalloc(SIZE_MAX - 16);
}
END_TEST

/* A hook that returns still ends in abort(). */
START_TEST(test_hook_that_returns_aborts)
{
	xalloc_set_fatal_hook(hook_returns);
	(void)xmalloc(SIZE_MAX - 16);
}
END_TEST

Suite *suite_xalloc(void)
{
	Suite *s = suite_create("xalloc");
	TCase *tc = tcase_create("core");
	tcase_add_test(tc, test_basic);
	/* the death tests need fork mode (skipped under CK_FORK=no, e.g. valgrind) */
	if (!getenv("CK_FORK") || strcmp(getenv("CK_FORK"), "no") != 0) {
		tcase_add_exit_test(tc, test_oom_calls_hook, 70);
		tcase_add_test_raise_signal(tc, test_oom_without_hook_aborts, SIGABRT);
		tcase_add_test_raise_signal(tc, test_hook_that_returns_aborts, SIGABRT);
	}
	suite_add_tcase(s, tc);
	(void)returned_hook_called;
	return s;
}
