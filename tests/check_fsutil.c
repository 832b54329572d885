#include <check.h>
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "shipshape/fsutil.h"
#include "testutil.h"

static char *dir;
static struct strbuf path;

static void setup(void)
{
	dir = tu_tmpdir();
	strbuf_init(&path, 0);
}

static void teardown(void)
{
	tu_rmrf(dir);
	free(dir);
	strbuf_release(&path);
}

static const char *in_dir(const char *rel)
{
	fs_path_join(&path, dir, rel);
	return path.buf;
}

START_TEST(test_read_with_cap)
{
	struct strbuf sb = STRBUF_INIT;
	struct ss_error err;

	tu_spew(in_dir("f"), "0123456789");
	ss_error_init(&err);
	ck_assert_int_eq(fs_read_file(path.buf, 10, &sb, &err), 0);
	ck_assert_str_eq(sb.buf, "0123456789");
	strbuf_reset(&sb);
	strbuf_addstr(&sb, "keep");
	ck_assert_int_eq(fs_read_file(path.buf, 9, &sb, &err), SS_ERR_INPUT);
	ck_assert_str_eq(sb.buf, "keep"); /* untouched on failure */
	ck_assert_ptr_nonnull(strstr(err.msg, "too large"));
	ck_assert_ptr_nonnull(strstr(err.msg, "limit is 9"));
	ck_assert_int_eq(fs_read_file(in_dir("missing"), 100, &sb, &err), SS_ERR_INPUT);
	ck_assert_ptr_nonnull(strstr(err.msg, "missing"));
	ck_assert_int_eq(fs_read_file(dir, 100, &sb, &err), SS_ERR_INPUT);
	ck_assert_ptr_nonnull(strstr(err.msg, "not a regular file"));
	/* a FIFO is refused at once instead of waiting for a writer */
	ck_assert_int_eq(mkfifo(in_dir("fifo"), 0644), 0);
	ck_assert_int_eq(fs_read_file(path.buf, 100, &sb, &err), SS_ERR_INPUT);
	ck_assert_ptr_nonnull(strstr(err.msg, "not a regular file"));
	strbuf_release(&sb);
}
END_TEST

static int count_entries(const char *d)
{
	DIR *dh = opendir(d);
	struct dirent *de;
	int n = 0;
	while ((de = readdir(dh)))
		if (de->d_name[0] != '.' || (strcmp(de->d_name, ".") && strcmp(de->d_name, "..")))
			n++;
	closedir(dh);
	return n;
}

START_TEST(test_atomic_write_keeps_mode)
{
	struct strbuf sb = STRBUF_INIT;
	struct ss_error err;
	struct stat st;

	ck_assert_int_eq(fs_write_atomic(in_dir("new"), "abc", 3, 0640, &err), 0);
	ck_assert_int_eq(stat(path.buf, &st), 0);
	ck_assert_int_eq(st.st_mode & 0777, 0640);
	chmod(path.buf, 0755);
	ck_assert_int_eq(fs_write_atomic(path.buf, "xyz!", 4, 0644, &err), 0);
	ck_assert_int_eq(stat(path.buf, &st), 0);
	ck_assert_int_eq(st.st_mode & 0777, 0755);
	tu_slurp(path.buf, &sb);
	ck_assert_str_eq(sb.buf, "xyz!");
	ck_assert_int_eq(count_entries(dir), 1); /* no temp file left */
	strbuf_release(&sb);
}
END_TEST

START_TEST(test_atomic_write_failure_leaves_nothing)
{
	struct ss_error err;
	ck_assert_int_ne(fs_write_atomic(in_dir("no/such/dir/f"), "abc", 3, 0644, &err), 0);
	ck_assert_ptr_nonnull(strstr(err.msg, "cannot write"));
	ck_assert_int_eq(count_entries(dir), 0);
	/* a directory in the way is refused, not replaced */
	mkdir(in_dir("d"), 0755);
	ck_assert_int_ne(fs_write_atomic(path.buf, "abc", 3, 0644, &err), 0);
	ck_assert(fs_is_dir(path.buf));
}
END_TEST

START_TEST(test_write_through_inside_symlink)
{
	struct strbuf sb = STRBUF_INIT;
	struct ss_error err;
	struct stat st;

	tu_spew(in_dir("real"), "old");
	ck_assert_int_eq(symlink("real", in_dir("link")), 0);
	ck_assert_int_eq(fs_check_inside(dir, "link", &err), 0);
	ck_assert_int_eq(fs_write_atomic(path.buf, "new", 3, 0644, &err), 0);
	ck_assert_int_eq(lstat(path.buf, &st), 0);
	ck_assert(S_ISLNK(st.st_mode));
	tu_slurp(in_dir("real"), &sb);
	ck_assert_str_eq(sb.buf, "new");
	strbuf_release(&sb);
}
END_TEST

START_TEST(test_refuse_symlink_outside)
{
	struct ss_error err;
	char *outside = tu_tmpdir();
	struct strbuf target = STRBUF_INIT;

	fs_path_join(&target, outside, "victim");
	tu_spew(target.buf, "precious");
	ck_assert_int_eq(symlink(target.buf, in_dir("Dockerfile")), 0);
	ck_assert_int_eq(fs_check_inside(dir, "Dockerfile", &err), SS_ERR_INPUT);
	ck_assert_ptr_nonnull(strstr(err.msg, "points outside the project"));
	/* a symlinked parent directory counts too */
	ck_assert_int_eq(symlink(outside, in_dir("ci")), 0);
	ck_assert_int_eq(fs_check_inside(dir, "ci/workflow.yml", &err), SS_ERR_INPUT);
	ck_assert_int_eq(fs_check_inside(dir, "../x", &err), SS_ERR_INPUT);
	ck_assert_int_eq(fs_check_inside(dir, "/etc/passwd", &err), SS_ERR_INPUT);
	ck_assert_int_eq(fs_check_inside(dir, ".github/workflows/docker.yml", &err), 0);
	tu_rmrf(outside);
	free(outside);
	strbuf_release(&target);
}
END_TEST

START_TEST(test_backup)
{
	struct strbuf sb = STRBUF_INIT, bdir = STRBUF_INIT;
	struct ss_error err;
	struct stat st;
	int copied = -1;

	mkdir(in_dir("sub"), 0755);
	tu_spew(in_dir("sub/file"), "original");
	chmod(path.buf, 0600);
	fs_path_join(&bdir, dir, ".shipshape/backups/20260101-000000");
	ck_assert_int_eq(fs_backup(dir, "sub/file", bdir.buf, &copied, &err), 0);
	ck_assert_int_eq(copied, 1);
	fs_path_join(&path, bdir.buf, "sub/file");
	tu_slurp(path.buf, &sb);
	ck_assert_str_eq(sb.buf, "original");
	ck_assert_int_eq(stat(path.buf, &st), 0);
	ck_assert_int_eq(st.st_mode & 0777, 0600);
	ck_assert_int_eq(fs_backup(dir, "absent", bdir.buf, &copied, &err), 0);
	ck_assert_int_eq(copied, 0);
	ck_assert_int_eq(fs_backup(dir, "sub/file/under-a-file", bdir.buf, &copied, &err), 0);
	ck_assert_int_eq(copied, 0);
	/* a source that exists but cannot be looked at is an error, not "nothing to back up" */
	ck_assert_int_eq(symlink("loop", in_dir("loop")), 0);
	ck_assert_int_eq(fs_backup(dir, "loop", bdir.buf, &copied, &err), SS_ERR_IO);
	ck_assert_int_eq(copied, 0);
	ck_assert_ptr_nonnull(strstr(err.msg, "cannot back up"));
	strbuf_release(&sb);
	strbuf_release(&bdir);
}
END_TEST

START_TEST(test_copy_tree_and_mkdirs)
{
	struct strbuf dst = STRBUF_INIT, sb = STRBUF_INIT;
	struct ss_error err;

	ck_assert_int_eq(fs_mkdirs(in_dir("a/b/c"), &err), 0);
	ck_assert(fs_is_dir(path.buf));
	tu_spew(in_dir("a/b/c/f.txt"), "deep");
	fs_path_join(&dst, dir, "copy");
	ck_assert_int_eq(fs_copy_tree(in_dir("a"), dst.buf, &err), 0);
	fs_path_join(&path, dst.buf, "b/c/f.txt");
	tu_slurp(path.buf, &sb);
	ck_assert_str_eq(sb.buf, "deep");
	strbuf_release(&dst);
	strbuf_release(&sb);
}
END_TEST

Suite *suite_fsutil(void)
{
	Suite *s = suite_create("fsutil");
	TCase *tc = tcase_create("core");
	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, test_read_with_cap);
	tcase_add_test(tc, test_atomic_write_keeps_mode);
	tcase_add_test(tc, test_atomic_write_failure_leaves_nothing);
	tcase_add_test(tc, test_write_through_inside_symlink);
	tcase_add_test(tc, test_refuse_symlink_outside);
	tcase_add_test(tc, test_backup);
	tcase_add_test(tc, test_copy_tree_and_mkdirs);
	suite_add_tcase(s, tc);
	return s;
}
