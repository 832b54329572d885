#define _POSIX_C_SOURCE 200809L
#include "shipshape/fsutil.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "shipshape/xalloc.h"

int fs_read_file(const char *path, size_t cap, struct strbuf *out, struct ss_error *err)
{
	struct stat st;
	int fd = -1, ret = 0;
	size_t start = out->len;

	/* O_NONBLOCK: opening a FIFO must not wait for a writer (it is refused below) */
	fd = open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK);
	if (fd < 0) {
		ret = ss_error_set(err, SS_ERR_INPUT, path, 0, 0, "cannot read '%s': %s", path,
				   strerror(errno));
		goto out;
	}
	if (fstat(fd, &st) < 0 || !S_ISREG(st.st_mode)) {
		ret = ss_error_set(err, SS_ERR_INPUT, path, 0, 0, "cannot read '%s': not a regular file",
				   path);
		goto out;
	}
	if ((unsigned long long)st.st_size > cap) {
		ret = ss_error_set(err, SS_ERR_INPUT, path, 0, 0,
				   "file too large '%s': %lld bytes, the limit is %zu", path,
				   (long long)st.st_size, cap);
		goto out;
	}
	strbuf_grow(out, (size_t)st.st_size);
	for (;;) {
		ssize_t n;
		if (out->len - start > cap) {
			ret = ss_error_set(err, SS_ERR_INPUT, path, 0, 0,
					   "file too large '%s': over the limit of %zu bytes", path, cap);
			goto out;
		}
		strbuf_grow(out, 8192);
		n = read(fd, out->buf + out->len, out->alloc - out->len - 1);
		if (n < 0) {
			if (errno == EINTR)
				continue;
			ret = ss_error_set(err, SS_ERR_INPUT, path, 0, 0, "cannot read '%s': %s", path,
					   strerror(errno));
			goto out;
		}
		if (n == 0)
			break;
		out->len += (size_t)n;
		out->buf[out->len] = '\0';
	}
	if (out->len - start > cap)
		ret = ss_error_set(err, SS_ERR_INPUT, path, 0, 0,
				   "file too large '%s': over the limit of %zu bytes", path, cap);
out:
	if (ret && out->alloc)
		strbuf_setlen(out, start);
	if (fd >= 0)
		close(fd);
	return ret;
}

int fs_exists(const char *path)
{
	struct stat st;
	return lstat(path, &st) == 0;
}

int fs_is_dir(const char *path)
{
	struct stat st;
	return stat(path, &st) == 0 && S_ISDIR(st.st_mode);
}

void fs_path_join(struct strbuf *out, const char *a, const char *b)
{
	strbuf_reset(out);
	if (a && *a && strcmp(a, ".") != 0 && b[0] != '/') {
		strbuf_addstr(out, a);
		if (out->len && out->buf[out->len - 1] != '/')
			strbuf_addch(out, '/');
	}
	strbuf_addstr(out, b);
}

static void dir_of(const char *path, struct strbuf *dir)
{
	const char *slash = strrchr(path, '/');
	strbuf_reset(dir);
	if (!slash)
		strbuf_addstr(dir, ".");
	else if (slash == path)
		strbuf_addstr(dir, "/");
	else
		strbuf_add(dir, path, (size_t)(slash - path));
}

int fs_mkdirs(const char *dir, struct ss_error *err)
{
	struct strbuf p = STRBUF_INIT;
	int ret = 0;

	strbuf_addstr(&p, dir);
	for (size_t i = 1; i <= p.len; i++) {
		if (i < p.len && p.buf[i] != '/')
			continue;
		p.buf[i] = '\0';
		if (mkdir(p.buf, 0755) < 0 && errno != EEXIST) {
			ret = ss_error_set(err, SS_ERR_IO, p.buf, 0, 0, "cannot create directory '%s': %s",
					   p.buf, strerror(errno));
			goto out;
		}
		if (i < p.len)
			p.buf[i] = '/';
	}
	if (!fs_is_dir(dir))
		ret = ss_error_set(err, SS_ERR_IO, dir, 0, 0, "cannot create directory '%s': not a directory",
				   dir);
out:
	strbuf_release(&p);
	return ret;
}

static int fsync_dir(const char *dir)
{
	int fd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (fd < 0)
		return -1;
	fsync(fd);
	close(fd);
	return 0;
}

int fs_write_atomic(const char *path, const void *data, size_t len, mode_t mode,
		    struct ss_error *err)
{
	struct strbuf dir = STRBUF_INIT, tmp = STRBUF_INIT;
	char *target = NULL;
	const char *dest = path;
	struct stat st;
	int fd = -1, ret = 0;
	const char *p = data;
	size_t left = len;

	/* a symlink is written through, so the link itself survives */
	if (lstat(path, &st) == 0 && S_ISLNK(st.st_mode)) {
		target = realpath(path, NULL);
		if (!target) {
			ret = ss_error_set(err, SS_ERR_IO, path, 0, 0, "cannot resolve symlink '%s': %s",
					   path, strerror(errno));
			goto out;
		}
		dest = target;
	}
	if (stat(dest, &st) == 0) {
		if (!S_ISREG(st.st_mode)) {
			ret = ss_error_set(err, SS_ERR_IO, path, 0, 0,
					   "cannot write '%s': not a regular file", path);
			goto out;
		}
		mode = st.st_mode & 07777;
	}
	dir_of(dest, &dir);
	strbuf_addf(&tmp, "%s/.%s.tmp-XXXXXX", dir.buf,
		    strrchr(dest, '/') ? strrchr(dest, '/') + 1 : dest);
	fd = mkstemp(tmp.buf);
	if (fd < 0) {
		ret = ss_error_set(err, SS_ERR_IO, path, 0, 0, "cannot write '%s': %s", path,
				   strerror(errno));
		strbuf_reset(&tmp);
		goto out;
	}
	while (left) {
		ssize_t n = write(fd, p, left);
		if (n < 0) {
			if (errno == EINTR)
				continue;
			ret = ss_error_set(err, SS_ERR_IO, path, 0, 0, "cannot write '%s': %s", path,
					   strerror(errno));
			goto out;
		}
		p += n;
		left -= (size_t)n;
	}
	if (fchmod(fd, mode) < 0 || fsync(fd) < 0) {
		ret = ss_error_set(err, SS_ERR_IO, path, 0, 0, "cannot write '%s': %s", path,
				   strerror(errno));
		goto out;
	}
	if (close(fd) < 0) {
		fd = -1;
		ret = ss_error_set(err, SS_ERR_IO, path, 0, 0, "cannot write '%s': %s", path,
				   strerror(errno));
		goto out;
	}
	fd = -1;
	if (rename(tmp.buf, dest) < 0) {
		ret = ss_error_set(err, SS_ERR_IO, path, 0, 0, "cannot replace '%s': %s", path,
				   strerror(errno));
		goto out;
	}
	strbuf_reset(&tmp);
	fsync_dir(dir.buf);
out:
	if (fd >= 0)
		close(fd);
	if (tmp.len)
		unlink(tmp.buf);
	free(target);
	strbuf_release(&dir);
	strbuf_release(&tmp);
	return ret;
}

static int copy_file(const char *src, const char *dst, struct ss_error *err)
{
	struct strbuf data = STRBUF_INIT;
	struct stat st;
	int ret;

	if (stat(src, &st) < 0)
		return ss_error_set(err, SS_ERR_IO, src, 0, 0, "cannot read '%s': %s", src,
				    strerror(errno));
	ret = fs_read_file(src, (size_t)1 << 30, &data, err);
	if (!ret) {
		unlink(dst);
		ret = fs_write_atomic(dst, data.buf, data.len, st.st_mode & 07777, err);
	}
	strbuf_release(&data);
	return ret;
}

int fs_backup(const char *root, const char *rel, const char *backup_dir, int *copied,
	      struct ss_error *err)
{
	struct strbuf src = STRBUF_INIT, dst = STRBUF_INIT, dir = STRBUF_INIT;
	struct stat st;
	int ret = 0;

	*copied = 0;
	fs_path_join(&src, root, rel);
	if (stat(src.buf, &st) < 0) {
		if (errno != ENOENT && errno != ENOTDIR)
			ret = ss_error_set(err, SS_ERR_IO, src.buf, 0, 0, "cannot back up '%s': %s",
					   src.buf, strerror(errno));
		goto out;
	}
	fs_path_join(&dst, backup_dir, rel);
	dir_of(dst.buf, &dir);
	ret = fs_mkdirs(dir.buf, err);
	if (!ret)
		ret = copy_file(src.buf, dst.buf, err);
	if (!ret)
		*copied = 1;
out:
	strbuf_release(&src);
	strbuf_release(&dst);
	strbuf_release(&dir);
	return ret;
}

static int path_inside(const char *real_root, const char *real)
{
	size_t n = strlen(real_root);
	if (strcmp(real_root, "/") == 0)
		return 1;
	return strncmp(real, real_root, n) == 0 && (real[n] == '\0' || real[n] == '/');
}

int fs_check_inside(const char *root, const char *rel, struct ss_error *err)
{
	struct strbuf prefix = STRBUF_INIT;
	char *real_root = NULL;
	const char *p = rel;
	int ret = 0;

	if (rel[0] == '/' || rel[0] == '\0') {
		ret = ss_error_set(err, SS_ERR_INPUT, rel, 0, 0,
				   "refusing to write '%s': not a path inside the project", rel);
		goto out;
	}
	real_root = realpath(root, NULL);
	if (!real_root) {
		ret = ss_error_set(err, SS_ERR_IO, root, 0, 0, "cannot resolve '%s': %s", root,
				   strerror(errno));
		goto out;
	}
	strbuf_addstr(&prefix, root);
	while (*p) {
		const char *end = strchr(p, '/');
		size_t n = end ? (size_t)(end - p) : strlen(p);
		struct stat st;

		if (n == 2 && !strncmp(p, "..", 2)) {
			ret = ss_error_set(err, SS_ERR_INPUT, rel, 0, 0,
					   "refusing to write '%s': it leaves the project", rel);
			goto out;
		}
		if (n) {
			strbuf_addch(&prefix, '/');
			strbuf_add(&prefix, p, n);
			if (lstat(prefix.buf, &st) < 0)
				break; /* the rest does not exist yet: nothing to follow */
			if (S_ISLNK(st.st_mode)) {
				char *real = realpath(prefix.buf, NULL);
				int inside = real && path_inside(real_root, real);
				free(real);
				if (!inside) {
					ret = ss_error_set(err, SS_ERR_INPUT, rel, 0, 0,
							   "refusing to write '%s': symlink '%s' points outside the project",
							   rel, prefix.buf);
					goto out;
				}
			}
		}
		p += n;
		if (*p == '/')
			p++;
	}
out:
	free(real_root);
	strbuf_release(&prefix);
	return ret;
}

int fs_copy_tree(const char *src, const char *dst, struct ss_error *err)
{
	struct strbuf s = STRBUF_INIT, d = STRBUF_INIT;
	DIR *dir = NULL;
	struct dirent *de;
	int ret;

	ret = fs_mkdirs(dst, err);
	if (ret)
		goto out;
	dir = opendir(src);
	if (!dir) {
		ret = ss_error_set(err, SS_ERR_IO, src, 0, 0, "cannot open directory '%s': %s", src,
				   strerror(errno));
		goto out;
	}
	while ((de = readdir(dir))) {
		struct stat st;
		if (!strcmp(de->d_name, ".") || !strcmp(de->d_name, ".."))
			continue;
		fs_path_join(&s, src, de->d_name);
		fs_path_join(&d, dst, de->d_name);
		if (lstat(s.buf, &st) < 0)
			continue;
		if (S_ISDIR(st.st_mode))
			ret = fs_copy_tree(s.buf, d.buf, err);
		else if (S_ISREG(st.st_mode))
			ret = copy_file(s.buf, d.buf, err);
		if (ret)
			goto out;
	}
out:
	if (dir)
		closedir(dir);
	strbuf_release(&s);
	strbuf_release(&d);
	return ret;
}
