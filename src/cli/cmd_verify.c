/*
 * shipshape verify [DIR] [--tier N]: build the project's image with a real
 * Docker engine, run it, and check the promises of its tier (the tier in
 * .shipshape.json, or --tier N). The promise table and the parsing live in
 * the core (shipshape/verify.h); the Docker invocations are here.
 *
 * Containers run on the host network (no port mapping), so the app listens
 * on its own port on this machine; verify refuses to start when that port
 * is already taken. The container and the image are removed afterwards
 * (the build cache stays, so a second run is fast).
 */
#include <arpa/inet.h>
#include <errno.h>
#include <dirent.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/time.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "cli/cli.h"
#include "shipshape/catalog.h"
#include "shipshape/fsutil.h"
#include "shipshape/profile.h"
#include "shipshape/render.h"
#include "shipshape/strbuf.h"
#include "shipshape/verify.h"
#include "shipshape/xalloc.h"

#define WAIT_HTTP_S 60   /* how long the app may take to answer */
#define WAIT_HEALTHY_S 60 /* how long the HEALTHCHECK may take to say healthy */
#define WORKER_UP_S 5    /* a worker must still run after this long */

static const char *docker_bin(void)
{
	const char *d = getenv("SHIPSHAPE_DOCKER");
	return d && *d ? d : "docker";
}

static long long now_ms(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (long long)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

static void sleep_ms(long ms)
{
	struct timespec ts = {ms / 1000, (ms % 1000) * 1000000L};
	while (nanosleep(&ts, &ts) == -1 && errno == EINTR)
		;
}

/* What to remove if we are interrupted ("" when none). */
static char live_container[128];
static char live_image[128];

/* From a signal handler: run `docker rm|rmi -f NAME`, quietly, and wait. */
static void remove_from_handler(const char *what, const char *name)
{
	pid_t pid = fork();
	if (pid == 0) {
		int fd = open("/dev/null", O_WRONLY);
		if (fd >= 0) {
			dup2(fd, 1);
			dup2(fd, 2);
		}
		execlp(docker_bin(), docker_bin(), what, "-f", name, (char *)NULL);
		_exit(127);
	}
	if (pid > 0)
		waitpid(pid, NULL, 0);
}

static void on_signal(int sig)
{
	if (live_container[0])
		remove_from_handler("rm", live_container);
	if (live_image[0])
		remove_from_handler("rmi", live_image);
	_exit(128 + sig);
}

/*
 * Run docker with args (NULL-terminated, without the program name),
 * collecting stdout into out and stderr into errout (either may be NULL
 * to discard). Returns the exit status, 127 when docker cannot be run.
 */
static int docker(struct strbuf *out, struct strbuf *errout, const char *const *args)
{
	const char *argv[32];
	int opipe[2] = {-1, -1}, epipe[2] = {-1, -1};
	int status = 127;
	size_t n = 0;
	pid_t pid;

	argv[n++] = docker_bin();
	while (*args && n < sizeof(argv) / sizeof(argv[0]) - 1)
		argv[n++] = *args++;
	argv[n] = NULL;

	if (pipe(opipe) || pipe(epipe))
		goto out;
	pid = fork();
	if (pid < 0)
		goto out;
	if (pid == 0) {
		dup2(opipe[1], 1);
		dup2(epipe[1], 2);
		close(opipe[0]);
		close(opipe[1]);
		close(epipe[0]);
		close(epipe[1]);
		setenv("DOCKER_BUILDKIT", "1", 1);
		execvp(argv[0], (char *const *)(void *)argv);
		_exit(127);
	}
	close(opipe[1]);
	close(epipe[1]);
	opipe[1] = epipe[1] = -1;
	{
		struct pollfd fds[2] = {{opipe[0], POLLIN, 0}, {epipe[0], POLLIN, 0}};
		struct strbuf *dst[2] = {out, errout};
		int open_fds = 2;
		while (open_fds > 0) {
			if (poll(fds, 2, -1) < 0) {
				if (errno == EINTR)
					continue;
				break;
			}
			for (int i = 0; i < 2; i++) {
				char buf[4096];
				ssize_t got;
				if (fds[i].fd < 0 || !(fds[i].revents & (POLLIN | POLLHUP | POLLERR)))
					continue;
				got = read(fds[i].fd, buf, sizeof(buf));
				if (got > 0) {
					if (dst[i])
						strbuf_add(dst[i], buf, (size_t)got);
				} else if (got == 0 || errno != EINTR) {
					close(fds[i].fd);
					if (i == 0)
						opipe[0] = -1;
					else
						epipe[0] = -1;
					fds[i].fd = -1;
					open_fds--;
				}
			}
		}
	}
	while (waitpid(pid, &status, 0) < 0 && errno == EINTR)
		;
	status = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + (WIFSIGNALED(status) ? WTERMSIG(status) : 0);
out:
	for (int i = 0; i < 2; i++) {
		if (opipe[i] >= 0)
			close(opipe[i]);
		if (epipe[i] >= 0)
			close(epipe[i]);
	}
	return status;
}

/* The last lines of text (at most max), for a failed build's log. */
static void print_tail(FILE *f, const struct strbuf *text, int max)
{
	size_t start = text->len;
	int lines = 0;
	while (start > 0 && lines <= max) {
		start--;
		if (text->buf[start] == '\n' && start + 1 < text->len)
			lines++;
	}
	if (lines > max)
		start++;
	fprintf(f, "%s", text->buf + start);
	if (text->len && text->buf[text->len - 1] != '\n')
		fputc('\n', f);
}

/* First line of text, trimmed, for one-line messages. */
static void first_line(struct strbuf *dst, const struct strbuf *text)
{
	const char *nl = memchr(text->buf, '\n', text->len);
	strbuf_reset(dst);
	strbuf_add(dst, text->buf, nl ? (size_t)(nl - text->buf) : text->len);
	strbuf_trim(dst);
}

/* 1 when nothing listens on port (we can bind it ourselves). */
static int port_is_free(int port)
{
	struct sockaddr_in sa;
	int fd = socket(AF_INET, SOCK_STREAM, 0), ok = 0, one = 1;
	if (fd < 0)
		return 1;
	setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof(one));
	memset(&sa, 0, sizeof(sa));
	sa.sin_family = AF_INET;
	sa.sin_port = htons((unsigned short)port);
	sa.sin_addr.s_addr = htonl(INADDR_ANY);
	ok = bind(fd, (struct sockaddr *)&sa, sizeof(sa)) == 0;
	close(fd);
	return ok;
}

/* GET path from 127.0.0.1:port; the status code, or -1 when nothing answers. */
static int http_get(int port, const char *path)
{
	struct sockaddr_in sa;
	struct timeval tv = {2, 0};
	struct strbuf req = STRBUF_INIT, resp = STRBUF_INIT;
	int fd = socket(AF_INET, SOCK_STREAM, 0), code = -1;

	if (fd < 0)
		goto out;
	setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof(tv));
	setsockopt(fd, SOL_SOCKET, SO_SNDTIMEO, &tv, sizeof(tv));
	memset(&sa, 0, sizeof(sa));
	sa.sin_family = AF_INET;
	sa.sin_port = htons((unsigned short)port);
	sa.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	if (connect(fd, (struct sockaddr *)&sa, sizeof(sa)) != 0)
		goto out;
	strbuf_addf(&req, "GET %s HTTP/1.0\r\nHost: 127.0.0.1:%d\r\nConnection: close\r\n\r\n",
		    path, port);
	if (send(fd, req.buf, req.len, MSG_NOSIGNAL) != (ssize_t)req.len)
		goto out;
	while (resp.len < 64) {
		char buf[256];
		ssize_t got = recv(fd, buf, sizeof(buf), 0);
		if (got <= 0)
			break;
		strbuf_add(&resp, buf, (size_t)got);
	}
	code = verify_http_status(resp.buf, resp.len);
out:
	if (fd >= 0)
		close(fd);
	strbuf_release(&req);
	strbuf_release(&resp);
	return code;
}

/* docker inspect -f FORMAT NAME, trimmed, into out; 0 on success. */
static int inspect(const char *what, const char *name, const char *format, struct strbuf *out)
{
	const char *args[] = {what, "inspect", "-f", format, name, NULL};
	int rc;
	strbuf_reset(out);
	rc = docker(out, NULL, args);
	strbuf_trim(out);
	return rc;
}

struct verify_run {
	const struct verify_target *t;
	struct cli_ctx *ctx;
	long long size;             /* bytes of the image built, 0 when unknown */
	char image[96];
	char container[96];
	int failed;                 /* promises that failed */
	int env_error;              /* the environment, not the project, failed (exit 2) */
	const char *first_failed;   /* name of the first */
	struct strbuf why;          /* what went wrong with it */
};

static void report(struct verify_run *r, enum verify_check check, int ok, const char *detail)
{
	const struct verify_promise *p = verify_promise_get(check);
	printf("  %-5s %-22s %s\n", ok ? "ok" : "FAIL", p->name, detail);
	if (!ok && !r->failed++) {
		r->first_failed = p->name;
		strbuf_addstr(&r->why, detail);
	}
	fflush(stdout);
}

static int container_running(const char *name)
{
	struct strbuf out = STRBUF_INIT;
	int running = inspect("container", name, "{{.State.Running}}", &out) == 0 &&
		      !strcmp(out.buf, "true");
	strbuf_release(&out);
	return running;
}

static void check_answers(struct verify_run *r)
{
	struct strbuf d = STRBUF_INIT;
	long long t0 = now_ms(), deadline = t0 + WAIT_HTTP_S * 1000LL;
	int code = -1;

	while (now_ms() < deadline) {
		code = http_get(r->t->port, "/");
		if (code >= 0 || !container_running(r->container))
			break;
		sleep_ms(300);
	}
	if (code >= 0 && code < 500) {
		strbuf_addf(&d, "HTTP %d on port %d after ", code, r->t->port);
		verify_format_ms(&d, now_ms() - t0);
	} else if (code >= 500) {
		strbuf_addf(&d, "GET / on port %d answered HTTP %d", r->t->port, code);
	} else if (!container_running(r->container)) {
		strbuf_addf(&d, "the container exited before answering on port %d (see 'docker logs')",
			    r->t->port);
	} else {
		strbuf_addf(&d, "nothing answered on port %d within %d s", r->t->port, WAIT_HTTP_S);
	}
	report(r, VERIFY_ANSWERS, code >= 0 && code < 500, d.buf);
	strbuf_release(&d);
}

static void check_runs(struct verify_run *r)
{
	struct strbuf d = STRBUF_INIT, out = STRBUF_INIT;
	int ok;

	if (!strcmp(r->t->app_kind, "cli")) {
		const char *args[] = {"run", "--rm", "--network", "host", r->image, NULL};
		int rc = docker(NULL, &out, args);
		ok = rc == 0;
		if (ok)
			strbuf_addstr(&d, "the default command exits 0");
		else
			strbuf_addf(&d, "the default command exits %d", rc);
	} else {
		sleep_ms(WORKER_UP_S * 1000L);
		ok = container_running(r->container);
		strbuf_addf(&d, ok ? "still running after %d s" : "exited within %d s (see 'docker logs')",
			    WORKER_UP_S);
	}
	report(r, VERIFY_RUNS, ok, d.buf);
	strbuf_release(&d);
	strbuf_release(&out);
}

static void check_non_root(struct verify_run *r)
{
	struct strbuf d = STRBUF_INIT, out = STRBUF_INIT;
	int rc, ok = 0;

	if (!strcmp(r->t->app_kind, "cli")) {
		const char *args[] = {"run", "--rm", "--network", "host", "--entrypoint", "id",
				      r->image, "-u", NULL};
		rc = docker(&out, NULL, args);
	} else {
		const char *args[] = {"exec", r->container, "id", "-u", NULL};
		rc = docker(&out, NULL, args);
	}
	strbuf_trim(&out);
	if (rc != 0) {
		/* no `id` in the image: ask the engine what user the container runs as */
		if (inspect("container", r->container, "{{.Config.User}}", &out) == 0 && out.len &&
		    strcmp(out.buf, "0") && strcmp(out.buf, "root") && strncmp(out.buf, "0:", 2) &&
		    strncmp(out.buf, "root:", 5)) {
			ok = 1;
			strbuf_addf(&d, "runs as user '%s' (no 'id' in the image)", out.buf);
		} else {
			strbuf_addstr(&d, "cannot run 'id -u' in the container and no USER is set");
		}
	} else if (strcmp(out.buf, "0") != 0 && out.len) {
		ok = 1;
		strbuf_addf(&d, "uid %s", out.buf);
	} else {
		strbuf_addstr(&d, "id -u in the container is 0: it runs as root");
	}
	report(r, VERIFY_NON_ROOT, ok, d.buf);
	strbuf_release(&d);
	strbuf_release(&out);
}

static void check_healthy(struct verify_run *r)
{
	struct strbuf d = STRBUF_INIT, out = STRBUF_INIT;
	long long t0 = now_ms(), deadline = t0 + WAIT_HEALTHY_S * 1000LL;
	int ok = 0;

	for (;;) {
		inspect("container", r->container,
			"{{if .State.Health}}{{.State.Health.Status}}{{else}}none{{end}}", &out);
		if (!strcmp(out.buf, "healthy")) {
			ok = 1;
			strbuf_addstr(&d, "healthy after ");
			verify_format_ms(&d, now_ms() - t0);
			break;
		}
		if (!strcmp(out.buf, "none")) {
			strbuf_addstr(&d, "the image has no HEALTHCHECK");
			break;
		}
		if (now_ms() >= deadline) {
			strbuf_addf(&d, "still '%s' after %d s (checking %s)", out.buf, WAIT_HEALTHY_S,
				    r->t->health_path);
			break;
		}
		if (!container_running(r->container)) {
			strbuf_addstr(&d, "the container exited before it reported healthy");
			break;
		}
		sleep_ms(300);
	}
	report(r, VERIFY_HEALTHY, ok, d.buf);
	strbuf_release(&d);
	strbuf_release(&out);
}

/* docker stop the container; its exit status, the time taken in *ms. */
static int timed_stop(struct verify_run *r, long long *ms)
{
	const char *args[] = {"stop", "-t", "10", r->container, NULL};
	long long t0 = now_ms();
	int rc = docker(NULL, NULL, args);
	*ms = now_ms() - t0;
	return rc;
}

/* Start the container again and wait until it is ready; 0 when it is. */
static int restart_fresh(struct verify_run *r)
{
	const char *rm[] = {"rm", "-f", r->container, NULL};
	const char *run[] = {"run", "-d", "--network", "host", "--name", r->container,
			     "--health-interval", "1s", r->image, NULL};
	long long deadline;

	docker(NULL, NULL, rm);
	if (docker(NULL, NULL, run) != 0)
		return -1;
	if (!verify_kind_is_web(r->t->app_kind)) {
		sleep_ms(2000);
		return container_running(r->container) ? 0 : -1;
	}
	deadline = now_ms() + WAIT_HTTP_S * 1000LL;
	while (now_ms() < deadline) {
		if (http_get(r->t->port, "/") >= 0)
			return 0;
		if (!container_running(r->container))
			break;
		sleep_ms(300);
	}
	return -1;
}

/*
 * Stop the container; report it when the tier promises a prompt stop. One
 * slow stop is measured again on a fresh container, since a loaded machine
 * can delay one; an app that ignores SIGTERM is slow both times.
 */
static void stop_container(struct verify_run *r, int promised)
{
	struct strbuf d = STRBUF_INIT;
	long long ms;
	int rc = timed_stop(r, &ms);

	strbuf_addstr(&d, "docker stop took ");
	verify_format_ms(&d, ms);
	if (promised && rc == 0 && ms >= VERIFY_STOP_LIMIT_MS && restart_fresh(r) == 0) {
		rc = timed_stop(r, &ms);
		strbuf_addstr(&d, ", then ");
		verify_format_ms(&d, ms);
		strbuf_addstr(&d, " on a fresh container");
	}
	if (rc != 0)
		strbuf_addstr(&d, " and failed");
	if (promised) {
		int ok = rc == 0 && ms < VERIFY_STOP_LIMIT_MS;
		if (!ok)
			strbuf_addstr(&d, " (limit 3 s: the app ignores SIGTERM?)");
		report(r, VERIFY_STOPS_FAST, ok, d.buf);
	} else {
		printf("  %-5s %-22s %s\n", "info", "stop time", d.buf);
	}
	strbuf_release(&d);
}

/* rm -rf path (a scratch directory we made; symlinks are not followed). */
static void remove_tree(const char *path)
{
	struct stat st;
	DIR *dir;
	struct dirent *de;
	struct strbuf sub = STRBUF_INIT;

	if (lstat(path, &st) != 0)
		return;
	if (S_ISDIR(st.st_mode) && (dir = opendir(path))) {
		while ((de = readdir(dir))) {
			if (!strcmp(de->d_name, ".") || !strcmp(de->d_name, ".."))
				continue;
			fs_path_join(&sub, path, de->d_name);
			remove_tree(sub.buf);
		}
		closedir(dir);
		rmdir(path);
	} else {
		unlink(path);
	}
	strbuf_release(&sub);
}

/*
 * Tier 6's promise: render tier 5 from the same profile into a scratch copy
 * of the project, build it and compare the sizes.
 */
static void check_no_bigger(struct verify_run *r)
{
	struct strbuf d = STRBUF_INIT, out = STRBUF_INIT, errout = STRBUF_INIT, path = STRBUF_INIT;
	struct catalog cat;
	struct profile prof;
	struct rendering five;
	struct ss_error err;
	char tmp[] = "/tmp/shipshape-verify-XXXXXX", image[112];
	const char *tmpdir = NULL;
	int ok = 0, rc;

	catalog_init(&cat);
	profile_init(&prof);
	rendering_init(&five);
	ss_error_init(&err);
	snprintf(image, sizeof(image), "%s-5", r->image);
	fs_path_join(&path, r->t->dir, PROFILE_FILE);
	if (profile_load(&prof, path.buf, &err) || catalog_load(&cat, &r->ctx->templates, &err) ||
	    render_tier(&cat, &r->ctx->templates, &prof, 5, &five, &err)) {
		char line[SS_ERROR_MSG_MAX + SS_ERROR_FILE_MAX + 8];
		ss_error_format(&err, line, sizeof(line));
		strbuf_addf(&d, "cannot render tier 5 to compare: %s", line);
		goto out;
	}
	if (!(tmpdir = mkdtemp(tmp))) {
		strbuf_addf(&d, "cannot make a scratch directory: %s", strerror(errno));
		goto out;
	}
	strbuf_reset(&path);
	strbuf_addf(&path, "%s/context", tmpdir);
	if (verify_stage_context(r->t->dir, path.buf, &five, &err)) {
		strbuf_addf(&d, "cannot stage tier 5: %s", err.msg);
		goto out;
	}
	{
		const char *args[] = {"build", "--network", "host", "-t", image, path.buf, NULL};
		rc = docker(NULL, &errout, args);
	}
	if (rc != 0) {
		strbuf_addf(&d, "the tier 5 rendering does not build (docker build exited %d)", rc);
		goto out;
	}
	if (inspect("image", image, "{{.Size}}", &out) != 0) {
		strbuf_addstr(&d, "cannot read the tier 5 image's size");
		goto out;
	}
	{
		long long five_size = atoll(out.buf);
		ok = r->size > 0 && r->size <= five_size;
		verify_format_size(&d, r->size);
		strbuf_addstr(&d, ok ? " <= " : " > ");
		verify_format_size(&d, five_size);
		strbuf_addstr(&d, " at tier 5");
	}
out:
	{
		const char *args[] = {"rmi", "-f", image, NULL};
		docker(NULL, NULL, args);
	}
	if (tmpdir)
		remove_tree(tmpdir);
	report(r, VERIFY_NO_BIGGER, ok, d.buf);
	rendering_release(&five);
	profile_release(&prof);
	catalog_release(&cat);
	strbuf_release(&d);
	strbuf_release(&out);
	strbuf_release(&errout);
	strbuf_release(&path);
}

static int build(struct verify_run *r)
{
	const char *args[] = {"build", "--network", "host", "-t", r->image, "-f", r->t->dockerfile,
			      r->t->dir, NULL};
	struct strbuf errout = STRBUF_INIT, d = STRBUF_INIT, size = STRBUF_INIT;
	long long t0 = now_ms();
	int rc, ok;

	printf("verify: building '%s' (tier %d) with %s\n", r->t->dir, r->t->tier, docker_bin());
	fflush(stdout);
	rc = docker(NULL, &errout, args);
	ok = rc == 0;
	if (ok) {
		long long bytes = 0;
		strbuf_addstr(&d, "in ");
		verify_format_ms(&d, now_ms() - t0);
		if (inspect("image", r->image, "{{.Size}}", &size) == 0)
			bytes = atoll(size.buf);
		r->size = bytes;
		strbuf_addstr(&d, ", image ");
		verify_format_size(&d, bytes);
	} else if (strstr(errout.buf, "buildx component is missing")) {
		/* the client, not the Dockerfile: an environment problem */
		cli_errorf("cannot build with BuildKit: '%s' has no buildx component; install it "
			   "or set SHIPSHAPE_DOCKER to a client that can",
			   docker_bin());
		r->env_error = 1;
	} else {
		fprintf(stderr, "--- last lines of the build log ---\n");
		print_tail(stderr, &errout, 20);
		strbuf_addf(&d, "docker build exited %d", rc);
	}
	if (!r->env_error)
		report(r, VERIFY_BUILDS, ok, d.buf);
	strbuf_release(&errout);
	strbuf_release(&d);
	strbuf_release(&size);
	return ok;
}

static int start_container(struct verify_run *r)
{
	const char *args[] = {"run", "-d", "--network", "host", "--name", r->container,
			      "--health-interval", "1s", r->image, NULL};
	struct strbuf errout = STRBUF_INIT, line = STRBUF_INIT;
	int rc;

	snprintf(live_container, sizeof(live_container), "%s", r->container);
	rc = docker(NULL, &errout, args);
	if (rc != 0) {
		const struct verify_promise *p = verify_promise_get(
			verify_kind_is_web(r->t->app_kind) ? VERIFY_ANSWERS : VERIFY_RUNS);
		first_line(&line, &errout);
		strbuf_insert(&line, 0, "docker run failed: ", 19);
		report(r, p->check, 0, line.buf);
	}
	strbuf_release(&errout);
	strbuf_release(&line);
	return rc == 0;
}

static void remove_all(struct verify_run *r, int had_container)
{
	if (had_container) {
		const char *args[] = {"rm", "-f", r->container, NULL};
		docker(NULL, NULL, args);
		live_container[0] = '\0';
	}
	{
		const char *args[] = {"rmi", "-f", r->image, NULL};
		docker(NULL, NULL, args);
		live_image[0] = '\0';
	}
}

/* 0: the engine answers; otherwise an error was printed. */
static int check_engine(void)
{
	const char *args[] = {"version", "--format", "{{.Server.Version}}", NULL};
	struct strbuf out = STRBUF_INIT, errout = STRBUF_INIT, line = STRBUF_INIT;
	int rc = docker(&out, &errout, args);

	if (rc == 127)
		cli_errorf("cannot reach the Docker engine: cannot run '%s' (set SHIPSHAPE_DOCKER)",
			   docker_bin());
	else if (rc != 0) {
		first_line(&line, &errout);
		cli_errorf("cannot reach the Docker engine: '%s version' failed%s%s", docker_bin(),
			   line.len ? ": " : "", line.buf);
	}
	strbuf_release(&out);
	strbuf_release(&errout);
	strbuf_release(&line);
	return rc;
}

static int run_verify(const struct verify_target *t, struct cli_ctx *ctx)
{
	struct verify_run r;
	int web = verify_kind_is_web(t->app_kind), cli = !strcmp(t->app_kind, "cli");
	int started = 0, ret;
	size_t n, held = 0;
	const struct verify_promise *all = verify_promises(&n);

	memset(&r, 0, sizeof(r));
	r.t = t;
	r.ctx = ctx;
	strbuf_init(&r.why, 0);
	snprintf(r.image, sizeof(r.image), "shipshape-verify-%ld:tier%d", (long)getpid(), t->tier);
	snprintf(r.container, sizeof(r.container), "shipshape-verify-%ld", (long)getpid());
	snprintf(live_image, sizeof(live_image), "%s", r.image);

	if (!build(&r))
		goto done;
	if (!cli) {
		started = start_container(&r);
		if (!started)
			goto done;
	}
	if (web)
		check_answers(&r);
	else
		check_runs(&r);
	if (verify_promise_applies(verify_promise_get(VERIFY_NON_ROOT), t->tier, t->app_kind))
		check_non_root(&r);
	if (verify_promise_applies(verify_promise_get(VERIFY_HEALTHY), t->tier, t->app_kind))
		check_healthy(&r);
	if (started)
		stop_container(&r, verify_promise_applies(verify_promise_get(VERIFY_STOPS_FAST),
							  t->tier, t->app_kind));
	if (verify_promise_applies(verify_promise_get(VERIFY_NO_BIGGER), t->tier, t->app_kind)) {
		if (t->has_profile)
			check_no_bigger(&r);
		else
			printf("  %-5s %-22s %s\n", "info", "no bigger than tier 5",
			       "not checked: no profile to render tier 5 from");
	}
done:
	remove_all(&r, started);
	for (size_t i = 0; i < n; i++)
		held += verify_promise_applies(&all[i], t->tier, t->app_kind) &&
			(all[i].check != VERIFY_NO_BIGGER || t->has_profile);
	if (r.env_error) {
		ret = 2;
	} else if (r.failed) {
		cli_errorf("promise '%s' of tier %d failed: %s", r.first_failed, t->tier, r.why.buf);
		ret = 1;
	} else {
		printf("verify: all %zu promises of tier %d hold\n", held, t->tier);
		ret = 0;
	}
	strbuf_release(&r.why);
	return ret;
}

static int run(int argc, char **argv, struct cli_ctx *ctx)
{
	enum { OPT_TIER = 1 };
	static const struct cli_opt opts[] = {{"tier", 1, OPT_TIER}, {NULL, 0, 0}};
	struct cli_parser p;
	struct verify_target t;
	struct ss_error err;
	const char *val, *dir = NULL;
	int c, tier = -1, ret = 0;

	verify_target_init(&t);
	ss_error_init(&err);
	cli_parser_init(&p, argc, argv, "verify");
	while ((c = cli_next(&p, opts, &val)) != CLI_END) {
		if (c == CLI_ERR) {
			ret = 2;
			goto out;
		}
		if (c == OPT_TIER) {
			if ((tier = cli_parse_tier(val)) < 0) {
				ret = 2;
				goto out;
			}
		} else if (c == CLI_ARG) {
			if (dir) {
				cli_errorf("unexpected argument '%s' for 'verify': give one directory", val);
				ret = 2;
				goto out;
			}
			dir = val;
		}
	}
	if (!dir)
		dir = ".";
	if (verify_target_load(&t, dir, tier, &err)) {
		ret = cli_report(&err);
		goto out;
	}
	if (check_engine()) {
		ret = 2;
		goto out;
	}
	if (verify_kind_is_web(t.app_kind) && !port_is_free(t.port)) {
		cli_errorf("port %d is already in use on this host: verify runs the container on "
			   "the host network; free the port or change the answer 'port'",
			   t.port);
		ret = 2;
		goto out;
	}
	signal(SIGINT, on_signal);
	signal(SIGTERM, on_signal);
	signal(SIGHUP, on_signal);
	ret = run_verify(&t, ctx);
out:
	verify_target_release(&t);
	return ret;
}

const struct cmd cmd_verify = {
	"verify", 120, "build and run the image with Docker and check each tier's promises",
	"usage: shipshape verify [DIR] [--tier N]\n"
	"\n"
	"Build DIR's Dockerfile with a Docker engine, run the image and check the\n"
	"promises of the tier in DIR/.shipshape.json (or of tier N):\n"
	"  tier 0  the image builds; a web app answers GET / on its port (a worker\n"
	"          keeps running, a cli exits 0)\n"
	"  tier 1  the container does not run as root (id -u is not 0)\n"
	"  tier 3  the HEALTHCHECK reports healthy; docker stop returns in under 3 s\n"
	"  tier 6  the image is no bigger than tier 5's (rendered from the profile\n"
	"          into a scratch copy and built for the comparison)\n"
	"The container runs on the host network, so the app's port must be free on\n"
	"this machine. The container and image are removed afterwards; the build\n"
	"cache stays. SHIPSHAPE_DOCKER names the docker client (default: docker);\n"
	"builds use BuildKit (DOCKER_BUILDKIT=1) and --network host.\n"
	"\n"
	"options:\n"
	"  --tier N  check tier N's promises instead of the tier reached\n"
	"\n"
	"exit status: 0 every promise holds, 1 a promise failed (named on stderr),\n"
	"2 bad input or no reachable Docker engine.\n",
	run,
};
