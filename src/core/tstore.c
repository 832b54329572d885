#include "shipshape/tstore.h"

#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "shipshape/fsutil.h"
#include "shipshape/xalloc.h"

void tstore_init(struct tstore *ts)
{
	memset(ts, 0, sizeof(*ts));
}

void tstore_release(struct tstore *ts)
{
	if (!ts)
		return;
	for (size_t i = 0; i < ts->ndirs; i++)
		free(ts->dirs[i]);
	tstore_init(ts);
}

void tstore_add_dir(struct tstore *ts, const char *dir)
{
	if (!dir || !*dir || ts->ndirs >= TSTORE_MAX_DIRS)
		return;
	ts->dirs[ts->ndirs++] = xstrdup(dir);
}

static const struct tstore_embedded *find_embedded(const char *name)
{
	for (size_t i = 0; i < tstore_embedded_count; i++)
		if (!strcmp(tstore_embedded_files[i].name, name))
			return &tstore_embedded_files[i];
	return NULL;
}

static int valid_name(const char *name)
{
	return name[0] && name[0] != '/' && !strstr(name, "..");
}

/* The first directory holding name as a regular file: 1 with its path in path, else 0. */
static int find_in_dirs(const struct tstore *ts, const char *name, struct strbuf *path)
{
	for (size_t i = 0; i < ts->ndirs; i++) {
		struct stat st;
		fs_path_join(path, ts->dirs[i], name);
		if (stat(path->buf, &st) == 0 && S_ISREG(st.st_mode))
			return 1;
	}
	return 0;
}

int tstore_read(const struct tstore *ts, const char *name, struct strbuf *out,
		struct strbuf *origin, struct ss_error *err)
{
	struct strbuf path = STRBUF_INIT;
	const struct tstore_embedded *e;
	int ret = 0;

	if (!valid_name(name)) {
		ret = ss_error_set(err, SS_ERR_INPUT, name, 0, 0, "invalid template name '%s'", name);
		goto out;
	}
	if (find_in_dirs(ts, name, &path)) {
		strbuf_reset(out);
		ret = fs_read_file(path.buf, TSTORE_FILE_CAP, out, err);
		if (!ret && origin) {
			strbuf_reset(origin);
			strbuf_addbuf(origin, &path);
		}
		goto out;
	}
	e = ts->no_embedded ? NULL : find_embedded(name);
	if (!e) {
		ret = ss_error_set(err, SS_ERR_INPUT, name, 0, 0, "template not found '%s'", name);
		goto out;
	}
	strbuf_reset(out);
	strbuf_add(out, e->data, e->len);
	if (origin) {
		strbuf_reset(origin);
		strbuf_addf(origin, "<embedded>/%s", name);
	}
out:
	strbuf_release(&path);
	return ret;
}

int tstore_has(const struct tstore *ts, const char *name)
{
	struct strbuf path = STRBUF_INIT;
	int found;

	/* the same test tstore_read makes: a directory of that name does not count */
	found = valid_name(name) &&
		(find_in_dirs(ts, name, &path) || (!ts->no_embedded && find_embedded(name)));
	strbuf_release(&path);
	return found;
}
