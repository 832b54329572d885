#include <check.h>
#include <stdlib.h>
#include <string.h>

#include <sys/stat.h>

#include "shipshape/render.h"
#include "shipshape/verify.h"
#include "shipshape/xalloc.h"
#include "testutil.h"

static int applies(enum verify_check c, int tier, const char *kind)
{
	return verify_promise_applies(verify_promise_get(c), tier, kind);
}

START_TEST(test_promise_table)
{
	size_t n;
	const struct verify_promise *all = verify_promises(&n);

	ck_assert_uint_eq(n, 7);
	for (size_t i = 0; i < n; i++) {
		ck_assert_ptr_eq(verify_promise_get(all[i].check), &all[i]);
		ck_assert(all[i].tier >= 0 && all[i].tier <= 6);
		ck_assert(strlen(all[i].name) > 0 && strlen(all[i].what) > 0);
	}
	ck_assert_str_eq(verify_promise_get(VERIFY_NON_ROOT)->name, "non-root user");
	ck_assert_int_eq(verify_promise_get(VERIFY_NON_ROOT)->tier, 1);
	ck_assert_int_eq(verify_promise_get(VERIFY_HEALTHY)->tier, 3);
	ck_assert_int_eq(verify_promise_get(VERIFY_STOPS_FAST)->tier, 3);
	ck_assert_int_eq(verify_promise_get(VERIFY_NO_BIGGER)->tier, 6);
}
END_TEST

START_TEST(test_promise_applies)
{
	/* a web app */
	ck_assert(applies(VERIFY_BUILDS, 0, "wsgi"));
	ck_assert(applies(VERIFY_ANSWERS, 0, "wsgi"));
	ck_assert(!applies(VERIFY_RUNS, 0, "wsgi"));
	ck_assert(!applies(VERIFY_NON_ROOT, 0, "wsgi"));
	ck_assert(applies(VERIFY_NON_ROOT, 1, "asgi"));
	ck_assert(!applies(VERIFY_HEALTHY, 2, "wsgi"));
	ck_assert(applies(VERIFY_HEALTHY, 3, "wsgi"));
	ck_assert(applies(VERIFY_STOPS_FAST, 6, NULL));
	ck_assert(!applies(VERIFY_STOPS_FAST, 2, "asgi"));
	/* a worker runs, stops, has no port */
	ck_assert(!applies(VERIFY_ANSWERS, 6, "worker"));
	ck_assert(applies(VERIFY_RUNS, 0, "worker"));
	ck_assert(!applies(VERIFY_HEALTHY, 6, "worker"));
	ck_assert(applies(VERIFY_STOPS_FAST, 3, "worker"));
	/* a cli exits on its own */
	ck_assert(applies(VERIFY_RUNS, 0, "cli"));
	ck_assert(applies(VERIFY_NON_ROOT, 4, "cli"));
	ck_assert(!applies(VERIFY_STOPS_FAST, 6, "cli"));
	/* tier 6's size promise, for every kind */
	ck_assert(!applies(VERIFY_NO_BIGGER, 5, "wsgi"));
	ck_assert(applies(VERIFY_NO_BIGGER, 6, "wsgi"));
	ck_assert(applies(VERIFY_NO_BIGGER, 6, "cli"));
	ck_assert(verify_kind_is_web(NULL));
	ck_assert(!verify_kind_is_web("celery"));
}
END_TEST

static int expose(const char *text)
{
	return verify_dockerfile_expose(text, strlen(text));
}

START_TEST(test_dockerfile_expose)
{
	ck_assert_int_eq(expose("FROM python:3.12-slim\nEXPOSE 8000\nCMD [\"x\"]\n"), 8000);
	ck_assert_int_eq(expose("expose 8000/tcp 9000\n"), 8000);
	ck_assert_int_eq(expose("  EXPOSE\t5000"), 5000);
	ck_assert_int_eq(expose("RUN echo \\\n  EXPOSE 1234\nEXPOSE 4321\n"), 4321);
	ck_assert_int_eq(expose("EXPOSE \\\n# a comment\n  8080\n"), 8080);
	ck_assert_int_eq(expose("# EXPOSE 1\nFROM x\r\nEXPOSE 7000\r\n"), 7000);
	ck_assert_int_eq(expose("EXPOSE $PORT\nEXPOSE 8000\n"), 0);
	ck_assert_int_eq(expose("EXPOSE 70000\n"), 0);
	ck_assert_int_eq(expose("EXPOSE 0\n"), 0);
	ck_assert_int_eq(expose("EXPOSE 80x\n"), 0);
	ck_assert_int_eq(expose("EXPOSED 1\n"), 0);
	ck_assert_int_eq(expose("FROM x\n"), 0);
	ck_assert_int_eq(expose(""), 0);
	ck_assert_int_eq(verify_dockerfile_expose("EXPOSE 8000", 9), 80);
	/* a heredoc body is not an instruction; the escape directive is honoured */
	ck_assert_int_eq(expose("RUN <<EOF\nEXPOSE 9000\nEOF\nEXPOSE 8000\n"), 8000);
	ck_assert_int_eq(expose("# escape=`\nRUN echo `\n  EXPOSE 1234\nEXPOSE 4321\n"), 4321);
}
END_TEST

static int status(const char *resp)
{
	return verify_http_status(resp, strlen(resp));
}

START_TEST(test_http_status)
{
	ck_assert_int_eq(status("HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok"), 200);
	ck_assert_int_eq(status("HTTP/1.0 404 NOT FOUND\r\n"), 404);
	ck_assert_int_eq(status("HTTP/2 503 \r\n"), 503);
	ck_assert_int_eq(status("HTTP/1.1 204\r\n"), 204);
	ck_assert_int_eq(status("HTTP/1.1 2000 OK\r\n"), -1);
	ck_assert_int_eq(status("HTTP/1.1 20 OK\r\n"), -1);
	ck_assert_int_eq(status("HTTP/ 200 OK\r\n"), -1);
	ck_assert_int_eq(status("SSH-2.0-OpenSSH_9.2\r\n"), -1);
	ck_assert_int_eq(status("HTTP/1.1"), -1);
	ck_assert_int_eq(status(""), -1);
}
END_TEST

START_TEST(test_format)
{
	struct strbuf sb = STRBUF_INIT;

	verify_format_size(&sb, 353940848);
	ck_assert_str_eq(sb.buf, "353.9MB");
	strbuf_reset(&sb);
	verify_format_size(&sb, 1200000000LL);
	ck_assert_str_eq(sb.buf, "1.2GB");
	strbuf_reset(&sb);
	verify_format_size(&sb, 1234);
	ck_assert_str_eq(sb.buf, "1kB");
	strbuf_reset(&sb);
	verify_format_size(&sb, 512);
	ck_assert_str_eq(sb.buf, "512B");
	strbuf_reset(&sb);
	verify_format_size(&sb, -5);
	ck_assert_str_eq(sb.buf, "0B");
	strbuf_reset(&sb);
	verify_format_ms(&sb, 310);
	ck_assert_str_eq(sb.buf, "0.31 s");
	strbuf_reset(&sb);
	verify_format_ms(&sb, 12999);
	ck_assert_str_eq(sb.buf, "12.99 s");
	strbuf_release(&sb);
}
END_TEST

START_TEST(test_target_without_profile)
{
	char *dir = tu_tmpdir();
	struct strbuf path = STRBUF_INIT;
	struct verify_target t;
	struct ss_error err;

	verify_target_init(&t);
	ss_error_init(&err);
	/* no Dockerfile */
	ck_assert_int_eq(verify_target_load(&t, dir, 1, &err), SS_ERR_INPUT);
	ck_assert_ptr_nonnull(strstr(err.msg, "no 'Dockerfile'"));
	ck_assert_ptr_null(t.dir);

	strbuf_addf(&path, "%s/Dockerfile", dir);
	tu_spew(path.buf, "FROM python:3.12-slim\nEXPOSE 8123\n");
	/* no profile and no --tier */
	ck_assert_int_eq(verify_target_load(&t, dir, -1, &err), SS_ERR_INPUT);
	ck_assert_ptr_nonnull(strstr(err.msg, "no tier to verify"));
	ck_assert_ptr_nonnull(strstr(err.msg, "--tier"));
	/* --tier with EXPOSE: a web app on that port */
	ck_assert_int_eq(verify_target_load(&t, dir, 2, &err), 0);
	ck_assert_int_eq(t.tier, 2);
	ck_assert_int_eq(t.tier_from_profile, 0);
	ck_assert_int_eq(t.has_profile, 0);
	ck_assert_int_eq(t.port, 8123);
	ck_assert_str_eq(t.app_kind, "wsgi");
	ck_assert_str_eq(t.health_path, "/healthz");
	ck_assert_str_eq(t.dockerfile, path.buf);
	/* no EXPOSE: a worker */
	tu_spew(path.buf, "FROM python:3.12-slim\nCMD [\"python\", \"worker.py\"]\n");
	ck_assert_int_eq(verify_target_load(&t, dir, 0, &err), 0);
	ck_assert_int_eq(t.port, 0);
	ck_assert_str_eq(t.app_kind, "worker");
	/* out of range */
	ck_assert_int_eq(verify_target_load(&t, dir, 7, &err), SS_ERR_INPUT);
	ck_assert_ptr_null(t.dir);
	verify_target_release(&t);
	/* not a directory */
	ck_assert_int_eq(verify_target_load(&t, path.buf, 0, &err), SS_ERR_INPUT);
	ck_assert_ptr_nonnull(strstr(err.msg, "not a directory"));
	verify_target_release(&t);
	verify_target_release(NULL);

	strbuf_release(&path);
	tu_rmrf(dir);
	free(dir);
}
END_TEST

START_TEST(test_target_with_profile)
{
	char *dir = tu_tmpdir();
	struct strbuf df = STRBUF_INIT, prof = STRBUF_INIT;
	struct verify_target t;
	struct ss_error err;

	verify_target_init(&t);
	ss_error_init(&err);
	strbuf_addf(&df, "%s/Dockerfile", dir);
	strbuf_addf(&prof, "%s/.shipshape.json", dir);
	tu_spew(df.buf, "FROM python:3.12-slim\nEXPOSE 9999\n");
	tu_spew(prof.buf, "{\n  \"answers\": {\"app_kind\": \"asgi\", \"health_path\": \"/health\", "
			  "\"port\": 8123},\n  \"files\": {},\n  \"practices\": {},\n"
			  "  \"schema_version\": 1,\n  \"tier\": 3\n}\n");
	ck_assert_msg(verify_target_load(&t, dir, -1, &err) == 0, "%s", err.msg);
	ck_assert_int_eq(t.tier, 3);
	ck_assert_int_eq(t.tier_from_profile, 1);
	ck_assert_int_eq(t.has_profile, 1);
	ck_assert_int_eq(t.port, 8123); /* the answer wins over EXPOSE */
	ck_assert_str_eq(t.app_kind, "asgi");
	ck_assert_str_eq(t.health_path, "/health");
	/* --tier overrides the tier reached */
	ck_assert_int_eq(verify_target_load(&t, dir, 5, &err), 0);
	ck_assert_int_eq(t.tier, 5);
	ck_assert_int_eq(t.tier_from_profile, 0);
	/* a profile with no tier reached yet */
	tu_spew(prof.buf, "{\n  \"answers\": {\"app_kind\": \"worker\"},\n  \"files\": {},\n"
			  "  \"practices\": {},\n  \"schema_version\": 1,\n  \"tier\": -1\n}\n");
	ck_assert_int_eq(verify_target_load(&t, dir, -1, &err), SS_ERR_INPUT);
	ck_assert_ptr_nonnull(strstr(err.msg, "no tier to verify"));
	/* a broken profile is reported, not ignored */
	tu_spew(prof.buf, "{ not json");
	ck_assert_int_eq(verify_target_load(&t, dir, 1, &err), SS_ERR_INPUT);
	ck_assert_ptr_null(t.dir);

	verify_target_release(&t);
	strbuf_release(&df);
	strbuf_release(&prof);
	tu_rmrf(dir);
	free(dir);
}
END_TEST

static void add_file(struct rendering *r, const char *path, const char *content, unsigned mode)
{
	struct rendered_file *f;
	r->files = xreallocarray(r->files, r->nr + 1, sizeof(*r->files));
	r->alloc = r->nr + 1;
	f = &r->files[r->nr++];
	f->path = xstrdup(path);
	strbuf_init(&f->content, 0);
	strbuf_addstr(&f->content, content);
	f->mode = mode;
}

static const char *join(struct strbuf *sb, const char *a, const char *b)
{
	strbuf_reset(sb);
	strbuf_addf(sb, "%s/%s", a, b);
	return sb->buf;
}

START_TEST(test_stage_context)
{
	char *top = tu_tmpdir();
	struct strbuf src = STRBUF_INIT, dst = STRBUF_INIT, p = STRBUF_INIT, got = STRBUF_INIT;
	struct rendering r;
	struct ss_error err;
	struct stat st;

	rendering_init(&r);
	ss_error_init(&err);
	strbuf_addf(&src, "%s/proj", top);
	strbuf_addf(&dst, "%s/ctx", top);
	ck_assert_int_eq(mkdir(src.buf, 0755), 0);
	tu_spew(join(&p, src.buf, "app.py"), "print('hi')\n");
	tu_spew(join(&p, src.buf, "Dockerfile"), "FROM old\n");
	tu_spew(join(&p, src.buf, "docker-entrypoint.sh"), "old\n");
	ck_assert_int_eq(chmod(p.buf, 0644), 0);

	add_file(&r, "Dockerfile", "FROM new\n", 0644);
	add_file(&r, "docker-entrypoint.sh", "#!/bin/sh\nexec \"$@\"\n", 0755);
	add_file(&r, ".github/workflows/docker.yml", "on: push\n", 0644);
	ck_assert_msg(verify_stage_context(src.buf, dst.buf, &r, &err) == 0, "%s", err.msg);

	tu_slurp(join(&p, dst.buf, "app.py"), &got);
	ck_assert_str_eq(got.buf, "print('hi')\n");
	strbuf_reset(&got);
	tu_slurp(join(&p, dst.buf, "Dockerfile"), &got);
	ck_assert_str_eq(got.buf, "FROM new\n");
	strbuf_reset(&got);
	tu_slurp(join(&p, dst.buf, ".github/workflows/docker.yml"), &got);
	ck_assert_str_eq(got.buf, "on: push\n");
	ck_assert_int_eq(stat(join(&p, dst.buf, "docker-entrypoint.sh"), &st), 0);
	ck_assert_int_eq(st.st_mode & 0777, 0755); /* the rendered mode, not the old file's */
	/* the project itself is untouched */
	strbuf_reset(&got);
	tu_slurp(join(&p, src.buf, "Dockerfile"), &got);
	ck_assert_str_eq(got.buf, "FROM old\n");

	/* a path that leaves the context is refused */
	add_file(&r, "../escape", "x", 0644);
	ck_assert_int_eq(verify_stage_context(src.buf, dst.buf, &r, &err), SS_ERR_INPUT);
	ck_assert_int_eq(stat(join(&p, top, "escape"), &st), -1);

	rendering_release(&r);
	strbuf_release(&src);
	strbuf_release(&dst);
	strbuf_release(&p);
	strbuf_release(&got);
	tu_rmrf(top);
	free(top);
}
END_TEST

Suite *suite_verify(void)
{
	Suite *s = suite_create("verify");
	TCase *tc = tcase_create("core");
	tcase_add_test(tc, test_promise_table);
	tcase_add_test(tc, test_promise_applies);
	tcase_add_test(tc, test_dockerfile_expose);
	tcase_add_test(tc, test_http_status);
	tcase_add_test(tc, test_format);
	tcase_add_test(tc, test_target_without_profile);
	tcase_add_test(tc, test_target_with_profile);
	tcase_add_test(tc, test_stage_context);
	suite_add_tcase(s, tc);
	return s;
}
