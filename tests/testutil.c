#define _GNU_SOURCE
#include "testutil.h"

#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "shipshape/fsutil.h"

const char *tu_src(const char *rel)
{
	static char buf[4096];
	snprintf(buf, sizeof(buf), "%s/%s", SS_SOURCE_DIR, rel);
	return buf;
}

const char *tu_shared(const char *rel)
{
	static char buf[4096];
	snprintf(buf, sizeof(buf), "%s/%s", SS_SHARED_DIR, rel);
	return buf;
}

char *tu_tmpdir(void)
{
	char tmpl[] = "/tmp/ss-test-XXXXXX";
	char *d = mkdtemp(tmpl);
	ck_assert_ptr_nonnull(d);
	return strdup(d);
}

void tu_rmrf(const char *dir)
{
	char cmd[4200];
	if (!dir || strncmp(dir, "/tmp/", 5) != 0)
		return;
	snprintf(cmd, sizeof(cmd), "rm -rf '%s'", dir);
	if (system(cmd) != 0)
		fprintf(stderr, "warning: could not remove %s\n", dir);
}

void tu_slurp(const char *path, struct strbuf *out)
{
	struct ss_error err;
	ss_error_init(&err);
	strbuf_reset(out);
	if (fs_read_file(path, 64u << 20, out, &err))
		ck_abort_msg("cannot read %s: %s", path, err.msg);
}

void tu_spew(const char *path, const char *data)
{
	FILE *f = fopen(path, "wb");
	ck_assert_msg(f != NULL, "cannot write %s", path);
	fwrite(data, 1, strlen(data), f);
	fclose(f);
}
