/*
 * fsutil: careful file I/O for the core.
 *
 * Reads take a size cap so that a 2 GB "Dockerfile" fails cleanly. Writes
 * are atomic (temp file in the same directory, fsync, rename) and keep the
 * mode of the file they replace. Writes inside a project refuse to follow a
 * symlink that leads outside the project directory.
 */
#ifndef SHIPSHAPE_FSUTIL_H
#define SHIPSHAPE_FSUTIL_H

#include <stddef.h>
#include <sys/types.h>

#include "shipshape/error.h"
#include "shipshape/strbuf.h"

#define FS_DEFAULT_CAP (8u * 1024u * 1024u)

/*
 * Read the whole of path into out (appended). Fails with SS_ERR_INPUT when
 * the file is larger than cap bytes, not a regular file (a directory, a
 * FIFO: refused without blocking), or unreadable; out is left as it was on
 * failure. Returns 0 or the error code.
 */
int fs_read_file(const char *path, size_t cap, struct strbuf *out, struct ss_error *err);

/* 1 if path exists (any type, not following a final symlink), else 0. */
int fs_exists(const char *path);
/* 1 if path is a directory (following symlinks), else 0. */
int fs_is_dir(const char *path);

/*
 * Write len bytes to path atomically: a temp file in the same directory,
 * fsync, rename over path, fsync the directory. An existing file's mode is
 * kept; a new file gets mode (e.g. 0644). On failure path is untouched and
 * the temp file removed. Returns 0 or an error code.
 */
int fs_write_atomic(const char *path, const void *data, size_t len, mode_t mode,
		    struct ss_error *err);

/* Create dir and its parents (mode 0755). Returns 0 or an error code. */
int fs_mkdirs(const char *dir, struct ss_error *err);

/*
 * Copy the file at root/rel to backup_dir/rel, creating directories, with
 * the original mode. A missing source is not an error (nothing to back up):
 * *copied is set to 0. A source that exists but cannot be looked at (no
 * permission, a symlink loop) is SS_ERR_IO. Returns 0 or an error code.
 */
int fs_backup(const char *root, const char *rel, const char *backup_dir, int *copied,
	      struct ss_error *err);

/*
 * Check that writing root/rel stays inside root: rel is relative, has no
 * ".." component, and neither it nor any parent directory is a symlink
 * that resolves outside root. Returns 0 when safe, SS_ERR_INPUT otherwise.
 */
int fs_check_inside(const char *root, const char *rel, struct ss_error *err);

/*
 * Join a and b with one '/' into out (replacing its contents). An empty or
 * NULL a, a == ".", or an absolute b gives b alone.
 */
void fs_path_join(struct strbuf *out, const char *a, const char *b);

/*
 * Make directory tree dst a copy of src (regular files and directories;
 * symlinks and other types are skipped). Returns 0 or an error code; dst may
 * be half-copied on failure.
 */
int fs_copy_tree(const char *src, const char *dst, struct ss_error *err);

#endif
