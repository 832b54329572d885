/*
 * verify: the tier promises and the pure helpers behind `shipshape verify`.
 * See include/shipshape/verify.h.
 */
#include "shipshape/verify.h"

#include <ctype.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cjson/cJSON.h>

#include "shipshape/dockerfile.h"
#include "shipshape/fsutil.h"
#include "shipshape/profile.h"
#include "shipshape/render.h"
#include "shipshape/xalloc.h"

static const struct verify_promise promises[] = {
	{VERIFY_BUILDS, "builds", 0, "docker build succeeds"},
	{VERIFY_ANSWERS, "answers on its port", 0, "GET / on the app's port gets an HTTP answer"},
	{VERIFY_RUNS, "runs", 0, "a cli exits 0; a worker is still running after 5 s"},
	{VERIFY_NON_ROOT, "non-root user", 1, "id -u in the container is not 0"},
	{VERIFY_HEALTHY, "reports healthy", 3, "the image's HEALTHCHECK reports healthy"},
	{VERIFY_STOPS_FAST, "stops promptly", 3, "docker stop returns in under 3 s"},
	{VERIFY_NO_BIGGER, "no bigger than tier 5", 6,
	 "the image is no bigger than the tier 5 rendering of the same profile"},
};

const struct verify_promise *verify_promises(size_t *n)
{
	*n = sizeof(promises) / sizeof(promises[0]);
	return promises;
}

const struct verify_promise *verify_promise_get(enum verify_check check)
{
	const struct verify_promise *p = NULL;
	for (size_t i = 0; i < sizeof(promises) / sizeof(promises[0]); i++)
		if (promises[i].check == check)
			p = &promises[i];
	return p;
}

int verify_kind_is_web(const char *app_kind)
{
	return !app_kind || !strcmp(app_kind, "wsgi") || !strcmp(app_kind, "asgi");
}

int verify_promise_applies(const struct verify_promise *p, int tier, const char *app_kind)
{
	int web = verify_kind_is_web(app_kind);
	int cli = app_kind && !strcmp(app_kind, "cli");

	if (tier < p->tier)
		return 0;
	switch (p->check) {
	case VERIFY_BUILDS:
	case VERIFY_NON_ROOT:
	case VERIFY_NO_BIGGER:
		return 1;
	case VERIFY_ANSWERS:
	case VERIFY_HEALTHY:
		return web;
	case VERIFY_RUNS:
		return !web;
	case VERIFY_STOPS_FAST:
		return !cli;
	}
	return 0;
}

void verify_target_init(struct verify_target *t)
{
	memset(t, 0, sizeof(*t));
	t->tier = -1;
}

void verify_target_release(struct verify_target *t)
{
	if (!t)
		return;
	free(t->dir);
	free(t->dockerfile);
	free(t->app_kind);
	free(t->health_path);
	verify_target_init(t);
}

int verify_dockerfile_expose(const char *text, size_t len)
{
	struct df_file f;
	int port = 0;

	/* the real parser, so heredoc bodies, escape directives and comments
	 * inside continuations are what BuildKit says they are */
	df_file_init(&f);
	if (df_parse(&f, text, len, NULL, 0, NULL) == 0) {
		for (size_t i = 0; i < f.ninstrs; i++) {
			const struct df_instr *in = &f.instrs[i];
			const char *s;
			char *end;
			long v;

			if (in->kind != DF_EXPOSE)
				continue;
			s = in->nargs ? in->args[0] : "";
			if (isdigit((unsigned char)*s)) {
				v = strtol(s, &end, 10);
				if ((*end == '\0' || *end == '/') && v >= 1 && v <= 65535)
					port = (int)v;
			}
			break; /* the first EXPOSE decides; a variable there gives no port */
		}
	}
	df_file_release(&f);
	return port;
}

int verify_http_status(const char *resp, size_t len)
{
	int code = -1;

	if (len >= 12 && !strncmp(resp, "HTTP/", 5)) {
		size_t i = 5;
		while (i < len && (isdigit((unsigned char)resp[i]) || resp[i] == '.'))
			i++;
		if (i + 4 <= len && i > 5 && resp[i] == ' ' && isdigit((unsigned char)resp[i + 1]) &&
		    isdigit((unsigned char)resp[i + 2]) && isdigit((unsigned char)resp[i + 3]) &&
		    (i + 4 == len || resp[i + 4] == ' ' || resp[i + 4] == '\r' || resp[i + 4] == '\n'))
			code = (resp[i + 1] - '0') * 100 + (resp[i + 2] - '0') * 10 + (resp[i + 3] - '0');
	}
	return code;
}

void verify_format_size(struct strbuf *out, long long bytes)
{
	if (bytes < 0)
		bytes = 0;
	if (bytes >= 1000LL * 1000 * 1000)
		strbuf_addf(out, "%.3gGB", (double)bytes / 1e9);
	else if (bytes >= 1000LL * 1000)
		strbuf_addf(out, "%.1fMB", (double)bytes / 1e6);
	else if (bytes >= 1000)
		strbuf_addf(out, "%.0fkB", (double)bytes / 1e3);
	else
		strbuf_addf(out, "%lldB", bytes);
}

void verify_format_ms(struct strbuf *out, long long ms)
{
	if (ms < 0)
		ms = 0;
	strbuf_addf(out, "%lld.%02lld s", ms / 1000, (ms % 1000) / 10);
}

/* Fill t's kind, port and health path from a profile's answers. */
static int from_answers(struct verify_target *t, const cJSON *answers, const char *path,
			struct ss_error *err)
{
	const cJSON *kind = cJSON_GetObjectItemCaseSensitive(answers, "app_kind");
	const cJSON *port = cJSON_GetObjectItemCaseSensitive(answers, "port");
	const cJSON *health = cJSON_GetObjectItemCaseSensitive(answers, "health_path");

	if (cJSON_IsString(kind))
		t->app_kind = xstrdup(kind->valuestring);
	if (cJSON_IsString(health))
		t->health_path = xstrdup(health->valuestring);
	if (port && !cJSON_IsNull(port)) {
		if (!cJSON_IsNumber(port) || port->valuedouble < 1 || port->valuedouble > 65535 ||
		    port->valuedouble != (double)(int)port->valuedouble)
			return ss_error_set(err, SS_ERR_INPUT, path, 0, 0,
					    "bad answer 'port' in '%s': not a port number 1-65535", path);
		t->port = port->valueint;
	}
	return 0;
}

int verify_target_load(struct verify_target *t, const char *dir, int tier, struct ss_error *err)
{
	struct strbuf path = STRBUF_INIT, text = STRBUF_INIT;
	struct profile prof;
	int ret = 0;

	profile_init(&prof);
	verify_target_release(t);
	if (tier > 6) {
		ret = ss_error_set(err, SS_ERR_INPUT, NULL, 0, 0, "bad tier '%d': tiers are 0-6", tier);
		goto out;
	}
	if (!fs_is_dir(dir)) {
		ret = ss_error_set(err, SS_ERR_INPUT, dir, 0, 0, "cannot verify '%s': not a directory",
				   dir);
		goto out;
	}
	t->dir = xstrdup(dir);
	fs_path_join(&path, dir, "Dockerfile");
	t->dockerfile = xstrdup(path.buf);
	if (!fs_exists(path.buf)) {
		ret = ss_error_set(err, SS_ERR_INPUT, path.buf, 0, 0,
				   "no 'Dockerfile' in '%s': run 'shipshape init' first", dir);
		goto out;
	}
	if ((ret = fs_read_file(path.buf, FS_DEFAULT_CAP, &text, err)))
		goto out;

	fs_path_join(&path, dir, PROFILE_FILE);
	if (fs_exists(path.buf)) {
		if ((ret = profile_load(&prof, path.buf, err)))
			goto out;
		if ((ret = from_answers(t, prof.answers, path.buf, err)))
			goto out;
		t->has_profile = 1;
		if (tier < 0) {
			tier = prof.tier;
			t->tier_from_profile = 1;
		}
	}
	if (tier < 0) {
		ret = ss_error_set(err, SS_ERR_INPUT, NULL, 0, 0,
				   "no tier to verify in '%s': no tier reached in '%s'; "
				   "run 'shipshape init' or pass --tier N",
				   dir, PROFILE_FILE);
		goto out;
	}
	t->tier = tier;
	if (!t->port)
		t->port = verify_dockerfile_expose(text.buf, text.len);
	if (!t->app_kind)
		t->app_kind = xstrdup(t->port ? "wsgi" : "worker");
	if (!t->health_path)
		t->health_path = xstrdup("/healthz");
	if (verify_kind_is_web(t->app_kind) && !t->port) {
		ret = ss_error_set(err, SS_ERR_INPUT, t->dockerfile, 0, 0,
				   "no port to check in '%s': set the answer 'port' or add EXPOSE",
				   t->dockerfile);
		goto out;
	}
out:
	if (ret)
		verify_target_release(t);
	profile_release(&prof);
	strbuf_release(&path);
	strbuf_release(&text);
	return ret;
}

int verify_stage_context(const char *src, const char *dst, const struct rendering *r,
			 struct ss_error *err)
{
	struct strbuf path = STRBUF_INIT;
	int ret;

	if ((ret = fs_copy_tree(src, dst, err)))
		goto out;
	for (size_t i = 0; i < r->nr; i++) {
		const struct rendered_file *f = &r->files[i];
		char *slash;

		if ((ret = fs_check_inside(dst, f->path, err)))
			goto out;
		fs_path_join(&path, dst, f->path);
		slash = strrchr(path.buf, '/');
		if (slash && slash > path.buf + strlen(dst)) {
			*slash = '\0';
			ret = fs_mkdirs(path.buf, err);
			*slash = '/';
			if (ret)
				goto out;
		}
		/* a fresh file, so it gets the rendered mode, not the old file's */
		if (unlink(path.buf) != 0 && errno != ENOENT) {
			ret = ss_error_set(err, SS_ERR_IO, path.buf, 0, 0, "cannot replace '%s': %s",
					   path.buf, strerror(errno));
			goto out;
		}
		if ((ret = fs_write_atomic(path.buf, f->content.buf, f->content.len,
					   (mode_t)(f->mode ? f->mode : 0644), err)))
			goto out;
	}
out:
	strbuf_release(&path);
	return ret;
}
