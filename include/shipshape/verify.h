/*
 * verify: the promises each tier makes about a running image, and the
 * pure pieces `shipshape verify` needs to check them.
 *
 * A tier's promise is something a real Docker engine can show: the image
 * builds, the app answers on its port, it does not run as root (tier 1), it
 * reports healthy and stops promptly (tier 3). This module holds the table
 * of promises, works out what to check for a project (tier, port, app kind
 * from .shipshape.json, or the Dockerfile when there is no profile), and
 * parses what comes back (an HTTP status line, an image size). It never
 * talks to Docker itself, never prints and never exits: the Docker
 * invocations live in the CLI (src/cli/cmd_verify.c).
 */
#ifndef SHIPSHAPE_VERIFY_H
#define SHIPSHAPE_VERIFY_H

#include <stddef.h>

#include "shipshape/error.h"
#include "shipshape/strbuf.h"

/* `docker stop` must return within this many milliseconds from tier 3. */
#define VERIFY_STOP_LIMIT_MS 3000

enum verify_check {
	VERIFY_BUILDS,     /* tier 0: docker build succeeds */
	VERIFY_ANSWERS,    /* tier 0, web apps: GET / answers on the port (status < 500) */
	VERIFY_RUNS,       /* tier 0, other kinds: a cli exits 0, a worker keeps running */
	VERIFY_NON_ROOT,   /* tier 1: `id -u` in the container is not 0 */
	VERIFY_HEALTHY,    /* tier 3, web apps: the image's HEALTHCHECK reports healthy */
	VERIFY_STOPS_FAST, /* tier 3, long-running kinds: docker stop under the limit */
	VERIFY_NO_BIGGER   /* tier 6, with a profile: image no bigger than tier 5's rendering */
};

struct verify_promise {
	enum verify_check check;
	const char *name;  /* "non-root user": what error messages name */
	int tier;          /* first tier that makes this promise */
	const char *what;  /* one line: what is checked */
};

/* Every promise, in the order verify checks them; count in *n. Static data. */
const struct verify_promise *verify_promises(size_t *n);

/* The promise for check (never NULL for a valid enum value). */
const struct verify_promise *verify_promise_get(enum verify_check check);

/*
 * 1 when the promise is made at tier for an app of this kind (NULL or
 * "wsgi"/"asgi": a web app; "worker"; "cli"), else 0.
 */
int verify_promise_applies(const struct verify_promise *p, int tier, const char *app_kind);

/* 1 for app kinds that serve HTTP on a port (NULL counts as web), else 0. */
int verify_kind_is_web(const char *app_kind);

/* What verify checks for one project directory. Strings owned. */
struct verify_target {
	char *dir;          /* the project directory (build context) */
	char *dockerfile;   /* DIR/Dockerfile */
	int tier;           /* tier whose promises are checked, 0..6 */
	int tier_from_profile; /* 1 when tier came from .shipshape.json */
	int has_profile;    /* 1 when DIR/.shipshape.json exists (tier 5 can be rendered) */
	char *app_kind;     /* "wsgi", "asgi", "worker", "cli" */
	int port;           /* port a web app listens on; 0 when none */
	char *health_path;  /* for messages; "/healthz" when unknown */
};

void verify_target_init(struct verify_target *t);
/* Free the strings and leave t in the init state. Accepts NULL. */
void verify_target_release(struct verify_target *t);

/*
 * Work out the target for dir. tier is the --tier value or -1 for "the
 * tier in .shipshape.json". With a profile, the app kind, port and health
 * path come from its answers; without one, --tier is required and the port
 * comes from the Dockerfile's first EXPOSE (a web app), or none (a worker).
 * Errors (SS_ERR_INPUT, naming the file): no Dockerfile in dir, a bad
 * profile, no tier, a web app with no port. t must be initialised; on
 * failure it is left released.
 */
int verify_target_load(struct verify_target *t, const char *dir, int tier,
		       struct ss_error *err);

/*
 * The first port of the first EXPOSE instruction in a Dockerfile's text, as
 * df_parse reads it (instruction case-insensitive, "8000/tcp" accepted,
 * continuations, comments, heredoc bodies and the escape directive as
 * BuildKit treats them), or 0 when there is none, it is a variable, it is
 * not 1-65535 or the text does not parse.
 */
int verify_dockerfile_expose(const char *text, size_t len);

/*
 * The status code of an HTTP response's status line ("HTTP/1.1 200 OK"),
 * or -1 when resp does not start with one.
 */
int verify_http_status(const char *resp, size_t len);

/*
 * Make dst a build context: a copy of the project tree src with the files
 * of r written over it (creating directories, with each file's mode). Every
 * path must stay inside dst (fs_check_inside). dst must not exist or be
 * empty. Returns 0 or the error code; dst may be half-filled on failure.
 */
struct rendering;
int verify_stage_context(const char *src, const char *dst, const struct rendering *r,
			 struct ss_error *err);

/* Append bytes as docker images shows them: "123.4MB", "1.2GB", "512kB". */
void verify_format_size(struct strbuf *out, long long bytes);

/* Append milliseconds as seconds with two decimals: "0.31 s". */
void verify_format_ms(struct strbuf *out, long long ms);

#endif
