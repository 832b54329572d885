#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "shipshape/fsutil.h"
#include "shipshape/tstore.h"
#include "testutil.h"

START_TEST(test_embedded_matches_source)
{
	struct tstore ts;
	struct strbuf a = STRBUF_INIT, b = STRBUF_INIT, origin = STRBUF_INIT;
	struct ss_error err;

	ck_assert_uint_gt(tstore_embedded_count, 0);
	tstore_init(&ts);
	for (size_t i = 0; i < tstore_embedded_count; i++) {
		const char *name = tstore_embedded_files[i].name;
		ck_assert_int_eq(tstore_read(&ts, name, &a, &origin, &err), 0);
		ck_assert(strbuf_starts_with(&origin, "<embedded>/"));
		{
			char rel[512];
			/* the demo app is embedded from examples/, the rest from templates/ */
			if (!strncmp(name, "examples/", 9))
				snprintf(rel, sizeof(rel), "%s", name);
			else
				snprintf(rel, sizeof(rel), "templates/%s", name);
			tu_slurp(tu_src(rel), &b);
		}
		ck_assert_uint_eq(a.len, b.len);
		ck_assert_int_eq(memcmp(a.buf, b.buf, a.len), 0);
	}
	tstore_release(&ts);
	strbuf_release(&a);
	strbuf_release(&b);
	strbuf_release(&origin);
}
END_TEST

START_TEST(test_lookup_order)
{
	struct tstore ts;
	struct strbuf out = STRBUF_INIT, origin = STRBUF_INIT, p = STRBUF_INIT;
	struct ss_error err;
	char *d1 = tu_tmpdir(), *d2 = tu_tmpdir();
	const char *name = tstore_embedded_files[0].name;

	fs_path_join(&p, d2, "only-in-d2.txt");
	tu_spew(p.buf, "two");
	fs_path_join(&p, d1, "only-in-d2.txt");
	tstore_init(&ts);
	tstore_add_dir(&ts, d1);
	tstore_add_dir(&ts, d2);
	ck_assert_int_eq(tstore_read(&ts, "only-in-d2.txt", &out, &origin, &err), 0);
	ck_assert_str_eq(out.buf, "two");
	tu_spew(p.buf, "one");
	ck_assert_int_eq(tstore_read(&ts, "only-in-d2.txt", &out, &origin, &err), 0);
	ck_assert_str_eq(out.buf, "one"); /* the first directory wins */
	ck_assert_str_eq(origin.buf, p.buf);
	/* files not overridden still come from the embedded copy */
	ck_assert_int_eq(tstore_read(&ts, name, &out, &origin, &err), 0);
	ck_assert(strbuf_starts_with(&origin, "<embedded>/"));
	ck_assert(tstore_has(&ts, name));
	ts.no_embedded = 1;
	ck_assert(!tstore_has(&ts, name));
	ck_assert_int_eq(tstore_read(&ts, name, &out, NULL, &err), SS_ERR_INPUT);
	ck_assert_ptr_nonnull(strstr(err.msg, "template not found"));
	ck_assert_int_eq(tstore_read(&ts, "../etc/passwd", &out, NULL, &err), SS_ERR_INPUT);
	/* a directory named like a template is not one: has and read agree */
	fs_path_join(&p, d1, "a-directory");
	ck_assert_int_eq(mkdir(p.buf, 0755), 0);
	ck_assert(!tstore_has(&ts, "a-directory"));
	ck_assert_int_eq(tstore_read(&ts, "a-directory", &out, NULL, &err), SS_ERR_INPUT);
	ck_assert(tstore_has(&ts, "only-in-d2.txt"));
	tstore_release(&ts);
	tu_rmrf(d1);
	tu_rmrf(d2);
	free(d1);
	free(d2);
	strbuf_release(&out);
	strbuf_release(&origin);
	strbuf_release(&p);
}
END_TEST

Suite *suite_tstore(void)
{
	Suite *s = suite_create("tstore");
	TCase *tc = tcase_create("core");
	tcase_add_test(tc, test_embedded_matches_source);
	tcase_add_test(tc, test_lookup_order);
	suite_add_tcase(s, tc);
	return s;
}
