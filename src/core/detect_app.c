/*
 * detect_app: what the application is and how it starts.
 *
 * Evidence, strongest first: a Procfile web/worker line (the project's own
 * production command), Django's manage.py + settings, an app instance
 * assignment in the source (app = Flask(...), FastAPI(...), Starlette(...),
 * Celery(...), including Flask factories called from a wsgi.py), CLI entry
 * points ([project.scripts], console_scripts, __main__), and finally the
 * dependencies alone. Then port, health path, migrations and development
 * servers left in a Procfile or compose file.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "detect_int.h"
#include "shipshape/xalloc.h"

#define DETECT_MAX_PY_BYTES (64u * 1024u * 1024u)

static const char *const unscanned_dirs[] = {"tests", "test", "testing", "docs", "doc",
					     "examples", "example", "scripts", "bin", "tools",
					     "migrations", "alembic", "benchmarks", "bench",
					     "fixtures", NULL};

struct cand {
	const char *framework; /* flask, fastapi, starlette, celery */
	char *entry;           /* module:attr */
	char *module;
	const char *file;
	int line;
	int score;
	int factory; /* "module:create_app()": no module-level instance */
};

struct cands {
	struct cand *items;
	size_t nr, alloc;
};

/* 1 when a directory component of rel is one whose code is not the app's. */
static int in_unscanned_dir(const char *rel)
{
	const char *p = rel, *slash;

	while ((slash = strchr(p, '/'))) {
		size_t n = (size_t)(slash - p);
		for (size_t i = 0; unscanned_dirs[i]; i++)
			if (strlen(unscanned_dirs[i]) == n && !memcmp(p, unscanned_dirs[i], n) &&
			    strcmp(unscanned_dirs[i], "migrations") && strcmp(unscanned_dirs[i], "alembic"))
				return 1;
		p = slash + 1;
	}
	return 0;
}

/* 1 when module is a dotted path of Python identifiers (importable as written). */
static int module_ok(const char *module)
{
	int start = 1;

	if (!*module)
		return 0;
	for (const char *p = module; *p; p++) {
		if (*p == '.') {
			if (start)
				return 0;
			start = 1;
			continue;
		}
		if (!((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') || *p == '_' ||
		      (!start && *p >= '0' && *p <= '9')))
			return 0;
		start = 0;
	}
	return !start;
}

static int scan_wanted(const char *rel)
{
	const char *base = strrchr(rel, '/');
	const char *p = rel;

	base = base ? base + 1 : rel;
	if (!detect_ends_with(rel, ".py"))
		return 0;
	if (!strncmp(base, "test_", 5) || detect_ends_with(base, "_test.py") ||
	    !strcmp(base, "conftest.py") || !strcmp(base, "setup.py") ||
	    !strcmp(base, "noxfile.py") || !strcmp(base, "fabfile.py"))
		return 0;
	while (p < base) {
		const char *slash = strchr(p, '/');
		size_t n = (size_t)(slash - p);
		for (size_t i = 0; unscanned_dirs[i]; i++)
			if (strlen(unscanned_dirs[i]) == n && !memcmp(p, unscanned_dirs[i], n))
				return 0;
		p = slash + 1;
	}
	return 1;
}

static char *module_of(const char *rel)
{
	struct strbuf sb = STRBUF_INIT;
	const char *p = rel;

	if (!strncmp(p, "src/", 4))
		p += 4;
	strbuf_addstr(&sb, p);
	strbuf_setlen(&sb, sb.len - 3); /* .py */
	if (strbuf_ends_with(&sb, "/__init__"))
		strbuf_setlen(&sb, sb.len - 9);
	else if (!strcmp(sb.buf, "__init__"))
		strbuf_reset(&sb);
	for (size_t i = 0; i < sb.len; i++)
		if (sb.buf[i] == '/')
			sb.buf[i] = '.';
	return strbuf_detach(&sb, NULL);
}

/*
 * Words one of which any statement detection looks for contains. A file
 * without any of them cannot hold an app instance, a __main__ block, a
 * Django setting, a health route or a gunicorn bind, so it is not tokenized
 * (most modules of a big project). Factory callers are found in a second
 * pass over the skipped files that name a factory found in the first.
 */
static const char *const scan_words[] = {"Flask", "FastAPI", "Starlette", "Celery", "__main__",
					 "_APPLICATION", "get_wsgi_application", "health",
					 "ping", "livez", "readyz", "ready", "alive", "status",
					 "bind", NULL};

static int contains(const char *hay, size_t len, const char *word)
{
	size_t n = strlen(word);
	const char *p = hay, *end = hay + len;

	while (n && (size_t)(end - p) >= n) {
		p = memchr(p, word[0], (size_t)(end - p) - n + 1);
		if (!p)
			return 0;
		if (!memcmp(p, word, n))
			return 1;
		p++;
	}
	return 0;
}

static int worth_scanning(const struct strbuf *sb, const char *const *words)
{
	for (size_t i = 0; words[i]; i++)
		if (contains(sb->buf, sb->len, words[i]))
			return 1;
	return 0;
}

static void add_py(struct detect_ctx *c, const char *rel, const struct strbuf *sb)
{
	struct detect_py *py;

	ALLOC_GROW(c->py, c->npy + 1, c->py_alloc);
	py = &c->py[c->npy++];
	py->rel = xstrdup(rel);
	py->module = module_of(rel);
	pyscan_init(&py->scan);
	pyscan_source(&py->scan, sb->buf, sb->len);
}

static int py_scanned(const struct detect_ctx *c, const char *rel)
{
	for (size_t i = 0; i < c->npy; i++)
		if (!strcmp(c->py[i].rel, rel))
			return 1;
	return 0;
}

static void scan_sources(struct detect_ctx *c)
{
	struct strbuf sb = STRBUF_INIT;
	const char *factories[33];
	size_t total = 0, nfac = 0, first_pass;

	for (size_t i = 0; i < c->nfiles; i++) {
		if (!scan_wanted(c->files[i]))
			continue;
		if (detect_read(c, c->files[i], &sb))
			continue;
		total += sb.len;
		if (total > DETECT_MAX_PY_BYTES) {
			detect_warn(c, "stopped scanning Python files after %u bytes",
				    DETECT_MAX_PY_BYTES);
			break;
		}
		if (worth_scanning(&sb, scan_words))
			add_py(c, c->files[i], &sb);
	}
	/* factories: defs that build an app (Flask/FastAPI/Starlette inside a def) */
	first_pass = c->npy;
	for (size_t i = 0; i < first_pass && nfac < 32; i++)
		for (size_t k = 0; k < c->py[i].scan.nr && nfac < 32; k++) {
			const struct pyscan_item *it = &c->py[i].scan.items[k];
			if (it->kind == PYSCAN_ASSIGN_CALL && it->scope && it->indent > 0)
				factories[nfac++] = it->scope;
		}
	factories[nfac] = NULL;
	if (!nfac)
		goto out;
	for (size_t i = 0; i < c->nfiles; i++) {
		if (!scan_wanted(c->files[i]) || py_scanned(c, c->files[i]))
			continue;
		if (detect_read(c, c->files[i], &sb))
			continue;
		if (worth_scanning(&sb, factories))
			add_py(c, c->files[i], &sb);
	}
out:
	strbuf_release(&sb);
}

static int callee_is(const char *callee, const char *cls, const char *module)
{
	size_t n = strlen(callee), k = strlen(cls);
	if (!strcmp(callee, cls))
		return 1;
	/* flask.Flask, fastapi.FastAPI, starlette.applications.Starlette, celery.Celery */
	return n > k && callee[n - k - 1] == '.' && !strcmp(callee + n - k, cls) &&
	       !strncmp(callee, module, strlen(module));
}

static int depth_of(const char *rel)
{
	int d = 0;
	for (; *rel; rel++)
		d += *rel == '/';
	return d;
}

static void add_cand(struct cands *cs, const char *framework, const struct detect_py *py,
		     const char *attr, int line)
{
	struct strbuf sb = STRBUF_INIT;
	const char *base = strrchr(py->rel, '/');
	struct cand *cd;

	base = base ? base + 1 : py->rel;
	if (!py->module[0])
		return;
	strbuf_addf(&sb, "%s:%s", py->module, attr);
	for (size_t i = 0; i < cs->nr; i++)
		if (!strcmp(cs->items[i].entry, sb.buf)) {
			strbuf_release(&sb);
			return;
		}
	ALLOC_GROW(cs->items, cs->nr + 1, cs->alloc);
	cd = &cs->items[cs->nr++];
	cd->framework = framework;
	cd->entry = strbuf_detach(&sb, NULL);
	cd->module = xstrdup(py->module);
	cd->file = py->rel;
	cd->line = line;
	cd->factory = 0;
	cd->score = 10 - depth_of(py->rel);
	if (!strcmp(base, "wsgi.py") || !strcmp(base, "asgi.py"))
		cd->score += 30;
	else if (!strcmp(base, "app.py") || !strcmp(base, "main.py"))
		cd->score += 20;
	else if (!strcmp(base, "__init__.py"))
		cd->score += 10;
	else if (!strcmp(base, "server.py") || !strcmp(base, "api.py") ||
		 !strcmp(base, "application.py"))
		cd->score += 5;
	if (!strcmp(attr, "app") || !strcmp(attr, "application"))
		cd->score += 5;
	if (!module_ok(py->module))
		cd->score -= 50; /* not importable as written */
}

/* notes.candidate_apps: each candidate with its own kind and framework, so that choosing
   another entrypoint can take them along (walkthrough F29). */
static void note_candidate_apps(struct detect_ctx *c, const struct cands *cs)
{
	cJSON *arr = cJSON_GetObjectItemCaseSensitive(c->notes, "candidate_apps");
	struct strbuf src = STRBUF_INIT;

	if (!arr && cs->nr)
		arr = cJSON_AddArrayToObject(c->notes, "candidate_apps");
	for (size_t i = 0; i < cs->nr; i++) {
		const struct cand *cd = &cs->items[i];
		const char *kind = !strcmp(cd->framework, "flask")    ? "wsgi"
				   : !strcmp(cd->framework, "celery") ? "worker"
								      : "asgi";
		cJSON *o = cJSON_CreateObject();
		strbuf_reset(&src);
		strbuf_addf(&src, "%s:%d", cd->file, cd->line);
		cJSON_AddStringToObject(o, "entrypoint", cd->entry);
		cJSON_AddStringToObject(o, "app_kind", kind);
		cJSON_AddStringToObject(o, "framework", cd->framework);
		cJSON_AddStringToObject(o, "source", src.buf);
		cJSON_AddItemToArray(arr, o);
	}
	strbuf_release(&src);
}

static void cands_release(struct cands *cs)
{
	for (size_t i = 0; i < cs->nr; i++) {
		free(cs->items[i].entry);
		free(cs->items[i].module);
	}
	free(cs->items);
}

struct factory {
	const char *module;
	const char *name; /* def name */
	const char *framework;
	const char *file;
	int line;
	int used;
};

/* Find app instances; Flask/FastAPI factories are resolved through their callers. */
static void find_candidates(struct detect_ctx *c, struct cands *web, struct cands *celery)
{
	struct factory fac[32];
	size_t nfac = 0;

	for (size_t i = 0; i < c->npy; i++) {
		const struct detect_py *py = &c->py[i];
		int flask = pyscan_imports(&py->scan, "flask");
		int fastapi = pyscan_imports(&py->scan, "fastapi");
		int starlette = pyscan_imports(&py->scan, "starlette");
		int cel = pyscan_imports(&py->scan, "celery");
		for (size_t k = 0; k < py->scan.nr; k++) {
			const struct pyscan_item *it = &py->scan.items[k];
			const char *fw = NULL;
			if (it->kind != PYSCAN_ASSIGN_CALL)
				continue;
			if (flask && callee_is(it->value, "Flask", "flask"))
				fw = "flask";
			else if (fastapi && callee_is(it->value, "FastAPI", "fastapi"))
				fw = "fastapi";
			else if (starlette && callee_is(it->value, "Starlette", "starlette"))
				fw = "starlette";
			else if (cel && callee_is(it->value, "Celery", "celery"))
				fw = "celery";
			if (!fw)
				continue;
			if (it->indent == 0)
				add_cand(!strcmp(fw, "celery") ? celery : web, fw, py, it->name,
					 it->line);
			else if (it->scope && nfac < 32 && strcmp(fw, "celery")) {
				fac[nfac].module = py->module;
				fac[nfac].name = it->scope;
				fac[nfac].framework = fw;
				fac[nfac].file = py->rel;
				fac[nfac].line = it->line;
				fac[nfac].used = 0;
				nfac++;
			}
		}
	}
	/* callers of factories: app = create_app() at module level */
	for (size_t f = 0; f < nfac; f++) {
		for (size_t i = 0; i < c->npy; i++) {
			const struct detect_py *py = &c->py[i];
			for (size_t k = 0; k < py->scan.nr; k++) {
				const struct pyscan_item *it = &py->scan.items[k];
				const char *v = it->value;
				size_t vn, fn = strlen(fac[f].name);
				if (it->kind != PYSCAN_ASSIGN_CALL || it->indent != 0)
					continue;
				vn = strlen(v);
				if (strcmp(v, fac[f].name) &&
				    !(vn > fn && v[vn - fn - 1] == '.' && !strcmp(v + vn - fn, fac[f].name)))
					continue;
				add_cand(web, fac[f].framework, py, it->name, it->line);
				fac[f].used = 1;
			}
		}
		if (!fac[f].used) {
			/* gunicorn and uvicorn --factory accept "module:factory()" */
			const struct detect_py *fpy = NULL;
			struct strbuf attr = STRBUF_INIT;
			size_t before = web->nr;
			for (size_t i = 0; i < c->npy && !fpy; i++)
				if (!strcmp(c->py[i].rel, fac[f].file))
					fpy = &c->py[i];
			strbuf_addf(&attr, "%s()", fac[f].name);
			if (fpy)
				add_cand(web, fac[f].framework, fpy, attr.buf, fac[f].line);
			if (web->nr > before) {
				web->items[web->nr - 1].factory = 1;
				web->items[web->nr - 1].score -= 5;
			}
			detect_warn(c, "app factory '%s' ('%s:%d') is not called at module level; the "
				       "server calls '%s:%s()' (or add a wsgi.py with 'app = %s()')",
				    fac[f].name, fac[f].file, fac[f].line, fpy ? fpy->module : "?",
				    fac[f].name, fac[f].name);
			strbuf_release(&attr);
		}
	}
}

static const struct cand *best_cand(const struct cands *cs, const char *prefer_module)
{
	const struct cand *best = NULL;
	for (size_t i = 0; i < cs->nr; i++) {
		const struct cand *cd = &cs->items[i];
		int score = cd->score + (prefer_module && !strcmp(cd->module, prefer_module) ? 100 : 0);
		int bscore = best ? best->score + (prefer_module && !strcmp(best->module, prefer_module)
							   ? 100
							   : 0)
				  : -1000;
		if (score > bscore)
			best = cd;
	}
	return best;
}

/* ---- server commands (Procfile, compose) ---- */

struct server_cmd {
	const char *server;   /* gunicorn, uvicorn, daphne, hypercorn, waitress, flask-run,
				 runserver, celery, python-m, python, NULL */
	char *entry;          /* module:attr, or NULL */
	int port;             /* 0 when not given as a number */
	int port_given;       /* 1: port was written in the command (not a server default) */
	int asgi;             /* uvicorn worker class, uvicorn/daphne/hypercorn */
	int reload;           /* --reload */
	int dev;              /* a development server */
	char **argv;          /* the split command (owned) */
	size_t argc;
};

static void server_cmd_release(struct server_cmd *s)
{
	free(s->entry);
	procfile_argv_free(s->argv);
	memset(s, 0, sizeof(*s));
}

static int is_app_path(const char *s)
{
	const char *colon = strchr(s, ':');
	if (!colon || colon == s)
		return 0;
	if (!((*s >= 'a' && *s <= 'z') || (*s >= 'A' && *s <= 'Z') || *s == '_'))
		return 0;
	for (const char *p = s; p < colon; p++)
		if (!((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') ||
		      (*p >= '0' && *p <= '9') || *p == '_' || *p == '.'))
			return 0;
	for (const char *p = colon + 1; *p; p++)
		if (!((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') ||
		      (*p >= '0' && *p <= '9') || *p == '_' || *p == '(' || *p == ')'))
			return 0;
	return colon[1] != '\0';
}

static int port_of(const char *s)
{
	const char *colon = strrchr(s, ':');
	const char *p = colon ? colon + 1 : s;
	long v = 0;
	if (!*p)
		return 0;
	for (; *p; p++) {
		if (*p < '0' || *p > '9')
			return 0;
		v = v * 10 + (*p - '0');
		if (v > 65535)
			return 0;
	}
	return (int)v;
}

static int opt_takes_value(const char *a)
{
	static const char *const opts[] = {
		"-b", "--bind", "-w", "--workers", "-k", "--worker-class", "-c", "--config",
		"--chdir", "-t", "--timeout", "--threads", "--log-level", "--access-logfile",
		"--error-logfile", "--log-config", "-e", "--env", "--pythonpath", "--uds", "--fd",
		"--root-path", "--forwarded-allow-ips", "--host", "--port", "-p", "--app-dir",
		"--workers-kill-timeout", "--graceful-timeout", "--keep-alive", "--max-requests",
		"--max-requests-jitter", "--worker-connections", "-u", "--user", "-g", "--group",
		"--name", "-n", "--limit-concurrency", "--backlog", "--timeout-keep-alive",
		"--listen", "--loop", "--http", "--ws", "--lifespan", "--env-file", "--log-file",
		"--certfile", "--keyfile", "-A", "--app", "-l", "--loglevel", "-Q", "--queues",
		"--concurrency", "-P", "--pool", "-i", "--interface", NULL};
	for (size_t i = 0; opts[i]; i++)
		if (!strcmp(a, opts[i]))
			return 1;
	return 0;
}

static const char *base_name(const char *s)
{
	const char *slash = strrchr(s, '/');
	return slash ? slash + 1 : s;
}

static int has_word(char *const *argv, const char *word)
{
	for (; *argv; argv++)
		if (!strcmp(*argv, word))
			return 1;
	return 0;
}

static void parse_server_cmd(const char *cmd, struct server_cmd *out)
{
	struct ss_error err;
	size_t i = 0;

	memset(out, 0, sizeof(*out));
	ss_error_init(&err);
	if (procfile_split(cmd, &out->argv, &out->argc, &err))
		return;
	/* leading NAME=value assignments, "exec", "bin/" prefixes */
	while (i < out->argc && (strchr(out->argv[i], '=') && out->argv[i][0] != '-'))
		i++;
	if (i < out->argc && !strcmp(out->argv[i], "exec"))
		i++;
	if (i + 1 < out->argc && (!strcmp(base_name(out->argv[i]), "python") ||
				  !strncmp(base_name(out->argv[i]), "python3", 7))) {
		if (!strcmp(out->argv[i + 1], "-m") && i + 2 < out->argc) {
			i += 2; /* python -m gunicorn ... */
		} else if (detect_ends_with(out->argv[i + 1], "manage.py")) {
			if (i + 2 < out->argc && !strcmp(out->argv[i + 2], "runserver")) {
				out->server = "runserver";
				out->dev = 1;
				out->port = 8000;
				if (i + 3 < out->argc && out->argv[i + 3][0] != '-') {
					out->port = port_of(out->argv[i + 3]);
					out->port_given = out->port > 0;
				}
			} else {
				out->server = "manage";
			}
			return;
		} else {
			out->server = "python";
			return;
		}
	}
	if (i >= out->argc)
		return;
	{
		const char *prog = base_name(out->argv[i]);
		if (!strcmp(prog, "gunicorn"))
			out->server = "gunicorn";
		else if (!strcmp(prog, "uvicorn"))
			out->server = "uvicorn", out->asgi = 1, out->port = 8000;
		else if (!strcmp(prog, "daphne"))
			out->server = "daphne", out->asgi = 1, out->port = 8000;
		else if (!strcmp(prog, "hypercorn"))
			out->server = "hypercorn", out->asgi = 1;
		else if (!strcmp(prog, "waitress-serve"))
			out->server = "waitress";
		else if (!strcmp(prog, "celery"))
			out->server = "celery";
		else if (!strcmp(prog, "flask") && has_word(out->argv + i + 1, "run"))
			out->server = "flask-run", out->dev = 1, out->port = 5000;
		else if (!strcmp(prog, "fastapi") && i + 1 < out->argc &&
			 !strcmp(out->argv[i + 1], "dev"))
			out->server = "fastapi-dev", out->dev = 1, out->asgi = 1, out->port = 8000;
		else
			return;
		/* gunicorn without --bind: its config file (gunicorn.conf.py) may set it */
	}
	for (i = i + 1; i < out->argc; i++) {
		const char *a = out->argv[i];
		const char *val = NULL;
		char name[32];
		const char *eq = strchr(a, '=');
		if (a[0] == '-' && eq && (size_t)(eq - a) < sizeof(name)) {
			memcpy(name, a, (size_t)(eq - a));
			name[eq - a] = '\0';
			val = eq + 1;
		} else if (a[0] == '-' && strlen(a) < sizeof(name)) {
			memcpy(name, a, strlen(a) + 1);
			if (opt_takes_value(a) && i + 1 < out->argc)
				val = out->argv[++i];
		} else if (a[0] == '-') {
			continue;
		} else {
			if (!out->entry && is_app_path(a))
				out->entry = xstrdup(a);
			continue;
		}
		if (!strcmp(name, "--reload")) {
			out->reload = 1;
			out->dev = 1;
		}
		if (!val)
			continue;
		if (!strcmp(name, "-b") || !strcmp(name, "--bind") || !strcmp(name, "--port") ||
		    (!strcmp(name, "-p") && strcmp(out->server, "celery"))) {
			out->port = port_of(val) ? port_of(val) : (strchr(val, '$') ? 0 : out->port);
			out->port_given = port_of(val) > 0;
		}
		if ((!strcmp(name, "-k") || !strcmp(name, "--worker-class")) && strstr(val, "uvicorn"))
			out->asgi = 1;
		if ((!strcmp(name, "--app") || !strcmp(name, "-A")) && !out->entry &&
		    strcmp(out->server, "celery"))
			out->entry = xstrdup(val);
	}
	if (out->port == 0 && out->server)
		for (size_t k = 0; k < out->argc; k++)
			if (strstr(out->argv[k], "$PORT") || strstr(out->argv[k], "${PORT"))
				out->port = -1; /* from the environment */
}

static const char *dev_replacement(const struct server_cmd *s)
{
	if (!strcmp(s->server, "flask-run"))
		return "gunicorn";
	if (!strcmp(s->server, "runserver"))
		return "gunicorn with the project's wsgi module";
	if (s->asgi)
		return "uvicorn without --reload (or gunicorn with uvicorn workers)";
	return "gunicorn without --reload";
}

static void warn_dev_server(struct detect_ctx *c, const struct server_cmd *s, const char *file,
			    int line, const char *cmd)
{
	if (!s->server || !s->dev)
		return;
	detect_warn(c, "'%s:%d' runs a development server ('%s'); in production use %s", file,
		    line, cmd, dev_replacement(s));
}

static cJSON *argv_json(char **argv, size_t argc)
{
	cJSON *arr = cJSON_CreateArray();
	size_t i = 0;
	while (i < argc && strchr(argv[i], '=') && argv[i][0] != '-')
		i++; /* drop NAME=value prefixes */
	if (i < argc && !strcmp(argv[i], "exec"))
		i++;
	for (; i < argc; i++)
		cJSON_AddItemToArray(arr, cJSON_CreateString(argv[i]));
	return arr;
}

/* ---- compose ---- */

struct compose_info {
	char file[64];
	int port, port_line;
	const char *confidence;
};

static int compose_port_item(const struct yaml_node *p)
{
	if (p->type == YAML_SCALAR) {
		char buf[64];
		char *slash;
		snprintf(buf, sizeof(buf), "%s", p->value);
		slash = strchr(buf, '/');
		if (slash)
			*slash = '\0';
		return port_of(buf);
	}
	if (p->type == YAML_MAP) {
		const struct yaml_node *t = yamlsub_get(p, "target");
		if (t && t->type == YAML_SCALAR)
			return port_of(t->value);
	}
	return 0;
}

static void scan_compose(struct detect_ctx *c, struct compose_info *ci)
{
	const cJSON *files = cJSON_GetObjectItemCaseSensitive(c->existing, "compose"), *f;
	struct strbuf sb = STRBUF_INIT;

	memset(ci, 0, sizeof(*ci));
	cJSON_ArrayForEach(f, files)
	{
		struct yaml_node *root = NULL;
		const struct yaml_node *services;
		struct ss_error err;
		ss_error_init(&err);
		if (detect_read(c, f->valuestring, &sb))
			continue;
		if (yamlsub_parse(sb.buf, sb.len, f->valuestring, &root, &err)) {
			detect_warn(c, "cannot parse '%s' line %d: %s", f->valuestring, err.line,
				    err.msg);
			continue;
		}
		services = yamlsub_get(root, "services");
		for (size_t i = 0; services && services->type == YAML_MAP && i < services->nr; i++) {
			const struct yaml_node *svc = services->children[i];
			const struct yaml_node *cmd = yamlsub_get(svc, "command");
			const struct yaml_node *ports = yamlsub_get(svc, "ports");
			const struct yaml_node *expose = yamlsub_get(svc, "expose");
			int is_app = yamlsub_get(svc, "build") != NULL;
			if (cmd) {
				struct strbuf text = STRBUF_INIT;
				struct server_cmd s;
				if (cmd->type == YAML_SCALAR)
					strbuf_addstr(&text, cmd->value);
				for (size_t k = 0; cmd->type == YAML_SEQ && k < cmd->nr; k++)
					if (cmd->children[k]->type == YAML_SCALAR)
						strbuf_addf(&text, "%s'%s'", k ? " " : "",
							    cmd->children[k]->value);
				parse_server_cmd(text.buf, &s);
				warn_dev_server(c, &s, f->valuestring, cmd->line, text.buf);
				server_cmd_release(&s);
				strbuf_release(&text);
			}
			if (!is_app || ci->port)
				continue;
			for (size_t k = 0; ports && ports->type == YAML_SEQ && k < ports->nr; k++) {
				int p = compose_port_item(ports->children[k]);
				if (p) {
					ci->port = p;
					ci->port_line = ports->children[k]->line;
					break;
				}
			}
			for (size_t k = 0; !ci->port && expose && expose->type == YAML_SEQ &&
					   k < expose->nr;
			     k++) {
				int p = compose_port_item(expose->children[k]);
				if (p) {
					ci->port = p;
					ci->port_line = expose->children[k]->line;
				}
			}
			if (ci->port)
				snprintf(ci->file, sizeof(ci->file), "%s", f->valuestring);
		}
		yamlsub_free(root);
	}
	strbuf_release(&sb);
}

/* EXPOSE in the first existing Dockerfile: port and line, or 0. */
static int dockerfile_expose(struct detect_ctx *c, const char **file, int *line)
{
	const cJSON *files = cJSON_GetObjectItemCaseSensitive(c->existing, "dockerfile");
	const cJSON *f = files ? files->child : NULL;
	struct strbuf sb = STRBUF_INIT;
	int port = 0, ln = 0;
	size_t pos = 0;

	if (!f || detect_read(c, f->valuestring, &sb))
		goto out;
	while (pos < sb.len && !port) {
		const char *l = sb.buf + pos, *nl = memchr(l, '\n', sb.len - pos);
		size_t len = nl ? (size_t)(nl - l) : sb.len - pos;
		pos += len + (nl ? 1 : 0);
		ln++;
		while (len && (*l == ' ' || *l == '\t')) {
			l++;
			len--;
		}
		if (len > 7 && !strncasecmp(l, "EXPOSE", 6) && (l[6] == ' ' || l[6] == '\t')) {
			char buf[32];
			size_t k = 7, n = 0;
			while (k < len && (l[k] == ' ' || l[k] == '\t'))
				k++;
			while (k < len && n + 1 < sizeof(buf) && l[k] >= '0' && l[k] <= '9')
				buf[n++] = l[k++];
			buf[n] = '\0';
			port = port_of(buf);
			if (port) {
				*file = f->valuestring;
				*line = ln;
			}
		}
	}
out:
	strbuf_release(&sb);
	return port;
}

/*
 * The last CMD of the first existing Dockerfile as a shell-like string
 * (an exec-form JSON array is joined with quotes), with its line; 0 if none.
 */
static int dockerfile_cmd(struct detect_ctx *c, struct strbuf *cmd, const char **file, int *line)
{
	const cJSON *files = cJSON_GetObjectItemCaseSensitive(c->existing, "dockerfile");
	const cJSON *f = files ? files->child : NULL;
	struct strbuf sb = STRBUF_INIT;
	size_t pos = 0;
	int ln = 0, found = 0;

	strbuf_reset(cmd);
	if (!f || detect_read(c, f->valuestring, &sb))
		goto out;
	while (pos < sb.len) {
		const char *l = sb.buf + pos, *nl = memchr(l, '\n', sb.len - pos);
		size_t len = nl ? (size_t)(nl - l) : sb.len - pos;
		pos += len + (nl ? 1 : 0);
		ln++;
		while (len && (*l == ' ' || *l == '\t')) {
			l++;
			len--;
		}
		while (len && (l[len - 1] == '\r' || l[len - 1] == ' '))
			len--;
		if (len < 5 || strncasecmp(l, "CMD", 3) || (l[3] != ' ' && l[3] != '\t') ||
		    l[len - 1] == '\\')
			continue; /* continuation lines are not followed */
		l += 4;
		len -= 4;
		while (len && *l == ' ') {
			l++;
			len--;
		}
		strbuf_reset(cmd);
		if (len && *l == '[') {
			cJSON *arr = cJSON_ParseWithLength(l, len), *it;
			cJSON_ArrayForEach(it, arr)
			{
				if (cJSON_IsString(it))
					strbuf_addf(cmd, "%s'%s'", cmd->len ? " " : "", it->valuestring);
			}
			cJSON_Delete(arr);
		} else {
			strbuf_add(cmd, l, len);
		}
		*file = f->valuestring;
		*line = ln;
		found = cmd->len > 0;
	}
out:
	strbuf_release(&sb);
	return found;
}

/* ---- Django ---- */

struct django {
	const char *manage; /* path of manage.py */
	char *settings;     /* "mysite.settings" */
	int settings_line;
	char *wsgi, *asgi;  /* entrypoints "mysite.wsgi:application" */
	const char *wsgi_file, *asgi_file;
	int wsgi_line, asgi_line;
};

static void django_release(struct django *d)
{
	free(d->settings);
	free(d->wsgi);
	free(d->asgi);
}

static char *dotted_to_entry(const char *dotted)
{
	const char *dot = strrchr(dotted, '.');
	struct strbuf sb = STRBUF_INIT;
	if (!dot || dot == dotted || !dot[1])
		return NULL;
	strbuf_add(&sb, dotted, (size_t)(dot - dotted));
	strbuf_addch(&sb, ':');
	strbuf_addstr(&sb, dot + 1);
	return strbuf_detach(&sb, NULL);
}

static void find_django(struct detect_ctx *c, struct django *d)
{
	struct strbuf sb = STRBUF_INIT, dir = STRBUF_INIT, sdir = STRBUF_INIT;
	int best_depth = 99;

	memset(d, 0, sizeof(*d));
	for (size_t i = 0; i < c->nfiles; i++) {
		const char *f = c->files[i];
		int dep = depth_of(f);
		if (!strcmp(base_name(f), "manage.py") && dep <= 2 && dep < best_depth) {
			d->manage = f;
			best_depth = dep;
		}
	}
	if (!d->manage || detect_read(c, d->manage, &sb))
		goto out;
	{
		const char *p = strstr(sb.buf, "DJANGO_SETTINGS_MODULE");
		if (p) {
			const char *q = p + 22;
			while (*q && *q != '\n' && *q != '"' && *q != '\'')
				q++;
			if (*q == '"' || *q == '\'') {
				/* the key's own closing quote, then the value's quotes */
				const char *v = strpbrk(q + 1, "\"'\n");
				if (v && *v != '\n')
					v = strpbrk(v + 1, "\"'\n");
				if (v && *v != '\n') {
					const char *e = strchr(v + 1, *v);
					if (e && !memchr(v + 1, '\n', (size_t)(e - v - 1))) {
						d->settings = xstrndup(v + 1, (size_t)(e - v - 1));
						d->settings_line = 1;
						for (const char *k = sb.buf; k < v; k++)
							d->settings_line += *k == '\n';
					}
				}
			}
		}
	}
	/* the settings module's directory, relative to the project */
	strbuf_add(&dir, d->manage, strlen(d->manage) - strlen(base_name(d->manage)));
	if (d->settings) {
		strbuf_addbuf(&sdir, &dir);
		for (const char *p = d->settings; *p; p++)
			strbuf_addch(&sdir, *p == '.' ? '/' : *p);
	}
	for (size_t i = 0; i < c->npy; i++) {
		const struct detect_py *py = &c->py[i];
		int in_settings = 0;
		if (sdir.len) {
			size_t n = sdir.len;
			/* mysite/settings.py, mysite/settings/<any>.py, or siblings of a
			   settings package module (config/settings/production.py -> base.py) */
			if (!strncmp(py->rel, sdir.buf, n) &&
			    (!strcmp(py->rel + n, ".py") || py->rel[n] == '/'))
				in_settings = 1;
			else {
				const char *slash = strrchr(sdir.buf, '/');
				size_t pn = slash ? (size_t)(slash - sdir.buf) : 0;
				if (pn && !strncmp(py->rel, sdir.buf, pn) && py->rel[pn] == '/' &&
				    !strchr(py->rel + pn + 1, '/') && strstr(py->rel + pn, "settings"))
					in_settings = 1;
				else if (pn && !strncmp(py->rel, sdir.buf, pn) && py->rel[pn] == '/' &&
					 !strchr(py->rel + pn + 1, '/') &&
					 detect_has_file(c, py->rel) && strstr(sdir.buf + pn, "settings") &&
					 strstr(sdir.buf, "/settings/"))
					in_settings = 1;
			}
		} else if (strstr(py->rel, "settings")) {
			in_settings = 1;
		}
		if (!in_settings)
			continue;
		for (size_t k = 0; k < py->scan.nr; k++) {
			const struct pyscan_item *it = &py->scan.items[k];
			if (it->kind != PYSCAN_ASSIGN_STR || it->indent != 0)
				continue;
			if (!strcmp(it->name, "WSGI_APPLICATION") && !d->wsgi) {
				d->wsgi = dotted_to_entry(it->value);
				d->wsgi_file = py->rel;
				d->wsgi_line = it->line;
			} else if (!strcmp(it->name, "ASGI_APPLICATION") && !d->asgi) {
				d->asgi = dotted_to_entry(it->value);
				d->asgi_file = py->rel;
				d->asgi_line = it->line;
			}
		}
	}
	/* no setting: a wsgi.py calling get_wsgi_application() */
	for (size_t i = 0; !d->wsgi && i < c->npy; i++) {
		const struct detect_py *py = &c->py[i];
		if (strcmp(base_name(py->rel), "wsgi.py"))
			continue;
		for (size_t k = 0; k < py->scan.nr; k++) {
			const struct pyscan_item *it = &py->scan.items[k];
			if (it->kind == PYSCAN_ASSIGN_CALL && it->indent == 0 &&
			    strstr(it->value, "get_wsgi_application")) {
				struct strbuf e = STRBUF_INIT;
				strbuf_addf(&e, "%s:%s", py->module, it->name);
				d->wsgi = strbuf_detach(&e, NULL);
				d->wsgi_file = py->rel;
				d->wsgi_line = it->line;
				break;
			}
		}
	}
out:
	strbuf_release(&sb);
	strbuf_release(&dir);
	strbuf_release(&sdir);
}

/* ---- health ---- */

static const char *const health_names[] = {"healthz", "health", "healthcheck", "health-check",
					   "health_check", "_health", "livez", "readyz", "ping",
					   "ready", "alive", "status", NULL};

static int health_rank(const char *path, struct strbuf *norm)
{
	const char *p = path;
	size_t n;

	strbuf_reset(norm);
	if (*p == '^')
		p++;
	while (*p == '/')
		p++;
	strbuf_addch(norm, '/');
	strbuf_addstr(norm, p);
	if (strbuf_ends_with(norm, "$"))
		strbuf_setlen(norm, norm->len - 1);
	n = norm->len;
	if (n > 1 && norm->buf[n - 1] == '/')
		n--;
	for (size_t i = 0; health_names[i]; i++) {
		size_t hn = strlen(health_names[i]);
		if (n == hn + 1 && !memcmp(norm->buf + 1, health_names[i], hn))
			return (int)i;
		/* /api/health, /-/healthz */
		if (n > hn + 1 && norm->buf[n - hn - 1] == '/' &&
		    !memcmp(norm->buf + n - hn, health_names[i], hn) && i < 3)
			return (int)i + 20;
	}
	return -1;
}

/* Health routes of the app: in files under prefix ("" for the whole project). */
static void find_health(struct detect_ctx *c, const char *prefix)
{
	struct strbuf norm = STRBUF_INIT, best = STRBUF_INIT;
	const char *file = NULL;
	int rank = 1000, line = 0;

	for (size_t i = 0; i < c->npy; i++) {
		const struct detect_py *py = &c->py[i];
		if (strncmp(py->rel, prefix, strlen(prefix)))
			continue;
		for (size_t k = 0; k < py->scan.nr; k++) {
			const struct pyscan_item *it = &py->scan.items[k];
			int r;
			if ((it->kind != PYSCAN_ROUTE && it->kind != PYSCAN_CALL_STR) || !it->value)
				continue;
			r = health_rank(it->value, &norm);
			if (r >= 0 && r < rank) {
				rank = r;
				strbuf_reset(&best);
				strbuf_addbuf(&best, &norm);
				file = py->rel;
				line = it->line;
			}
		}
	}
	if (file)
		detect_fact(c, "health_path", cJSON_CreateString(best.buf), file, line, "likely");
	strbuf_release(&norm);
	strbuf_release(&best);
}

/* ---- CLI ---- */

struct evidence {
	char file[256];
	int line;
	const char *confidence;
};

static void set_ev(struct evidence *ev, const char *file, int line, const char *confidence)
{
	snprintf(ev->file, sizeof(ev->file), "%s", file);
	ev->line = line;
	ev->confidence = confidence;
}

/* console_scripts in setup.py (text scan): the first "name = module:func". */
static int setup_py_script(struct detect_ctx *c, struct strbuf *name, int *line)
{
	struct strbuf sb = STRBUF_INIT;
	const char *p;
	int found = 0;

	if (!detect_has_file(c, "setup.py") || detect_read(c, "setup.py", &sb))
		goto out;
	p = strstr(sb.buf, "console_scripts");
	if (!p)
		goto out;
	p += 15;
	while (*p) {
		const char *q = strpbrk(p, "\"'");
		const char *e, *eq;
		if (!q)
			break;
		e = strchr(q + 1, *q);
		if (!e)
			break;
		eq = memchr(q + 1, '=', (size_t)(e - q - 1));
		if (eq && memchr(eq, ':', (size_t)(e - eq))) {
			const char *ns = q + 1, *ne = eq;
			while (ns < ne && *ns == ' ')
				ns++;
			while (ne > ns && ne[-1] == ' ')
				ne--;
			strbuf_reset(name);
			strbuf_add(name, ns, (size_t)(ne - ns));
			*line = 1;
			for (const char *k = sb.buf; k < q; k++)
				*line += *k == '\n';
			found = name->len > 0;
			break;
		}
		p = e + 1;
	}
out:
	strbuf_release(&sb);
	return found;
}

/* A CLI: sets command and returns 1 with its evidence, or 0. */
static int find_cli(struct detect_ctx *c, struct evidence *ev)
{
	struct strbuf name = STRBUF_INIT, path = STRBUF_INIT;
	cJSON *argv = NULL;
	int found = 0, line = 0;

	if (c->pyproject) {
		static const char *const keys[] = {"project.scripts", "tool.poetry.scripts", NULL};
		for (size_t i = 0; keys[i] && !found; i++) {
			const cJSON *scripts = detect_json_path(c->pyproject, keys[i]);
			if (!cJSON_IsObject(scripts) || !scripts->child)
				continue;
			strbuf_addstr(&name, scripts->child->string);
			strbuf_addf(&path, "%s.%s", keys[i], scripts->child->string);
			set_ev(ev, "pyproject.toml", detect_toml_line(&c->pyproject_src, path.buf),
			       "certain");
			found = 1;
		}
	}
	if (!found && c->have_setup_cfg) {
		const struct ini_entry *e = ini_get(&c->setup_cfg, "options.entry_points",
						    "console_scripts");
		if (e && e->value) {
			const char *eq = strchr(e->value, '=');
			const char *start = e->value;
			if (eq) {
				while (start < eq && (*start == ' ' || *start == '\n'))
					start++;
				strbuf_add(&name, start, (size_t)(eq - start));
				strbuf_trim(&name);
				set_ev(ev, "setup.cfg", e->value_line ? e->value_line : e->line,
				       "certain");
				found = name.len > 0;
			}
		}
	}
	if (!found && setup_py_script(c, &name, &line)) {
		set_ev(ev, "setup.py", line, "certain");
		found = 1;
	}
	if (found) {
		argv = cJSON_CreateArray();
		cJSON_AddItemToArray(argv, cJSON_CreateString(name.buf));
		goto out;
	}
	/* pkg/__main__.py (shallowest) */
	{
		const struct detect_py *best = NULL;
		for (size_t i = 0; i < c->npy; i++)
			if (!strcmp(base_name(c->py[i].rel), "__main__.py") && module_ok(c->py[i].module) &&
			    strcmp(c->py[i].module, "__main__") &&
			    (!best || depth_of(c->py[i].rel) < depth_of(best->rel)))
				best = &c->py[i];
		if (best) {
			size_t n = strlen(best->module);
			argv = cJSON_CreateArray();
			cJSON_AddItemToArray(argv, cJSON_CreateString("python"));
			cJSON_AddItemToArray(argv, cJSON_CreateString("-m"));
			strbuf_add(&name, best->module, n - 9); /* ".__main__" */
			cJSON_AddItemToArray(argv, cJSON_CreateString(name.buf));
			set_ev(ev, best->rel, 1, "likely");
			found = 1;
			goto out;
		}
	}
	/* a top-level script with a __main__ block */
	{
		static const char *const pref[] = {"main.py", "cli.py", "run.py", "app.py", NULL};
		const struct detect_py *best = NULL;
		int best_line = 0, best_rank = 99;
		for (size_t i = 0; i < c->npy; i++) {
			const struct detect_py *py = &c->py[i];
			int rank = 10;
			if (strchr(py->rel, '/'))
				continue;
			for (size_t k = 0; pref[k]; k++)
				if (!strcmp(py->rel, pref[k]))
					rank = (int)k;
			for (size_t k = 0; k < py->scan.nr; k++)
				if (py->scan.items[k].kind == PYSCAN_MAIN && py->scan.items[k].indent == 0 &&
				    rank < best_rank) {
					best = py;
					best_rank = rank;
					best_line = py->scan.items[k].line;
				}
		}
		if (best) {
			argv = cJSON_CreateArray();
			cJSON_AddItemToArray(argv, cJSON_CreateString("python"));
			cJSON_AddItemToArray(argv, cJSON_CreateString(best->rel));
			set_ev(ev, best->rel, best_line, "guess");
			found = 1;
		}
	}
out:
	if (found)
		detect_fact(c, "command", argv, ev->file, ev->line, ev->confidence);
	strbuf_release(&name);
	strbuf_release(&path);
	return found;
}

/* ---- migrations ---- */

static void find_migrations(struct detect_ctx *c, const char *django_manage)
{
	const char *mig = NULL;
	int django = django_manage != NULL;

	for (size_t i = 0; i < c->nfiles && !mig; i++) {
		const char *f = c->files[i], *m = strstr(f, "migrations/");
		if (in_unscanned_dir(f))
			continue;
		if (m && (m == f || m[-1] == '/') && detect_ends_with(f, ".py") &&
		    base_name(f)[0] >= '0' && base_name(f)[0] <= '9')
			mig = f;
	}
	if (django) {
		/* without app migrations Django still migrates its own apps (auth, sessions) */
		if (mig)
			detect_fact(c, "migrations", cJSON_CreateString("django"), mig, 1, "certain");
		else
			detect_fact(c, "migrations", cJSON_CreateString("django"), django_manage, 1,
				    "likely");
		return;
	}
	if (detect_has_file(c, "alembic.ini")) {
		detect_fact(c, "migrations", cJSON_CreateString("alembic"), "alembic.ini", 1,
			    "certain");
		return;
	}
	for (size_t i = 0; i < c->nfiles; i++) {
		const char *f = c->files[i];
		if (in_unscanned_dir(f))
			continue;
		if (!strcmp(base_name(f), "alembic.ini") ||
		    (detect_ends_with(f, "/env.py") && strstr(f, "migrations/") &&
		     detect_has_file(c, "migrations/alembic.ini"))) {
			detect_fact(c, "migrations", cJSON_CreateString("alembic"), f, 1, "certain");
			return;
		}
	}
	{
		const struct detect_dep *d = detect_find_dep(c, "alembic");
		if (!d)
			d = detect_find_dep(c, "flask-migrate");
		if (d) {
			char *file = xstrdup(d->source), *colon = strrchr(file, ':');
			int line = colon ? atoi(colon + 1) : 1;
			if (colon)
				*colon = '\0';
			detect_fact(c, "migrations", cJSON_CreateString("alembic"), file, line,
				    "likely");
			free(file);
		}
	}
}

/* ---- the decision ---- */

static void fact_from_source(struct detect_ctx *c, const char *key, cJSON *value,
			     const char *source, const char *confidence)
{
	char *file = xstrdup(source), *colon = strrchr(file, ':');
	int line = colon ? atoi(colon + 1) : 1;
	if (colon)
		*colon = '\0';
	detect_fact(c, key, value, file, line, confidence);
	free(file);
}

static const char *framework_from_deps(struct detect_ctx *c, const struct detect_dep **dep)
{
	static const char *const fws[] = {"django", "flask", "fastapi", "starlette", NULL};
	for (size_t i = 0; fws[i]; i++) {
		*dep = detect_find_dep(c, fws[i]);
		if (*dep)
			return fws[i];
	}
	*dep = NULL;
	return NULL;
}

static const char *kind_of(const char *framework, int asgi)
{
	if (!strcmp(framework, "fastapi") || !strcmp(framework, "starlette"))
		return "asgi";
	if (!strcmp(framework, "celery"))
		return "worker";
	return asgi ? "asgi" : "wsgi";
}

static void describe_cands(const struct cands *cs, struct strbuf *sb)
{
	for (size_t i = 0; i < cs->nr; i++)
		strbuf_addf(sb, "%s%s (%s:%d)", i ? ", " : "", cs->items[i].entry, cs->items[i].file,
			    cs->items[i].line);
}

void detect_application(struct detect_ctx *c)
{
	struct cands web = {NULL, 0, 0}, cel = {NULL, 0, 0};
	struct django dj;
	struct server_cmd pweb, pwork;
	struct compose_info ci;
	const struct procfile_entry *pe_web = NULL, *pe_work = NULL;
	const char *kind = NULL, *framework = NULL;
	struct strbuf sb = STRBUF_INIT;
	struct evidence ev;
	const struct detect_dep *deps_only = NULL;
	int web_app = 0;

	memset(&pweb, 0, sizeof(pweb));
	memset(&pwork, 0, sizeof(pwork));
	memset(&ev, 0, sizeof(ev));
	scan_sources(c);
	find_candidates(c, &web, &cel);
	find_django(c, &dj);
	if (c->have_procfile) {
		pe_web = procfile_find(&c->procfile, "web");
		pe_work = procfile_find(&c->procfile, "worker");
		if (pe_web) {
			parse_server_cmd(pe_web->command, &pweb);
			warn_dev_server(c, &pweb, "Procfile", pe_web->line, pe_web->command);
		}
		if (pe_work)
			parse_server_cmd(pe_work->command, &pwork);
	}
	for (size_t i = 0; i < web.nr; i++)
		detect_note_add(c, "candidates", web.items[i].entry);
	for (size_t i = 0; i < cel.nr; i++)
		detect_note_add(c, "candidates", cel.items[i].entry);
	note_candidate_apps(c, &web);
	note_candidate_apps(c, &cel);

	/* 1. Django */
	if (dj.manage) {
		int asgi = dj.asgi && (!dj.wsgi || pweb.asgi || detect_find_dep(c, "channels") ||
				       detect_find_dep(c, "daphne"));
		framework = "django";
		web_app = 1;
		detect_fact(c, "framework", cJSON_CreateString("django"), dj.manage, 1, "certain");
		if (asgi) {
			kind = "asgi";
			detect_fact(c, "app_kind", cJSON_CreateString("asgi"), dj.asgi_file, dj.asgi_line,
				    "certain");
		} else if (dj.wsgi) {
			kind = pweb.asgi ? "asgi" : "wsgi";
			detect_fact(c, "app_kind", cJSON_CreateString(kind), dj.wsgi_file, dj.wsgi_line,
				    "certain");
		} else {
			kind = "wsgi";
			detect_fact(c, "app_kind", cJSON_CreateString("wsgi"), dj.manage, 1, "likely");
		}
		if (pweb.entry && pweb.server && !pweb.dev)
			detect_fact(c, "entrypoint", cJSON_CreateString(pweb.entry), "Procfile",
				    pe_web->line, "certain");
		else if (asgi)
			detect_fact(c, "entrypoint", cJSON_CreateString(dj.asgi), dj.asgi_file,
				    dj.asgi_line, "certain");
		else if (dj.wsgi)
			detect_fact(c, "entrypoint", cJSON_CreateString(dj.wsgi), dj.wsgi_file,
				    dj.wsgi_line, dj.wsgi_file && strstr(dj.wsgi_file, "settings")
							     ? "certain"
							     : "likely");
		else
			detect_warn(c, "no WSGI_APPLICATION found for '%s'; set entrypoint", dj.manage);
		if (strchr(dj.manage, '/'))
			detect_warn(c, "'%s' is not at the top of the project; the server must run "
				       "from its directory",
				    dj.manage);
		if (web.nr) {
			describe_cands(&web, &sb);
			detect_warn(c, "other app instances besides the Django project: %s", sb.buf);
		}
	}
	/* 2. a web app instance (or the Procfile's) */
	if (!framework && (web.nr || (pweb.server && pweb.entry && !pweb.dev))) {
		const struct cand *best;
		const char *prefer = NULL;
		char *pmod = NULL;
		if (pweb.entry && !pweb.dev) {
			const char *colon = strchr(pweb.entry, ':');
			pmod = xstrndup(pweb.entry, colon ? (size_t)(colon - pweb.entry) : 0);
			prefer = pmod;
		}
		best = best_cand(&web, prefer);
		web_app = 1;
		if (best) {
			const char *conf = web.nr > 1 ? "guess" : best->factory ? "likely" : "certain";
			if (prefer && !strcmp(best->module, prefer))
				conf = "certain";
			framework = best->framework;
			detect_fact(c, "framework", cJSON_CreateString(framework), best->file,
				    best->line, conf);
			kind = kind_of(framework, pweb.asgi);
			detect_fact(c, "app_kind", cJSON_CreateString(kind), best->file, best->line,
				    conf);
			if (pweb.entry && pweb.server && !pweb.dev)
				detect_fact(c, "entrypoint", cJSON_CreateString(pweb.entry), "Procfile",
					    pe_web->line, "certain");
			else if (module_ok(best->module))
				detect_fact(c, "entrypoint", cJSON_CreateString(best->entry), best->file,
					    best->line, conf);
			else
				detect_warn(c, "the app in '%s' cannot be imported as '%s' (not a module "
					       "path); set entrypoint",
					    best->file, best->entry);
			if (web.nr > 1 && !(prefer && !strcmp(best->module, prefer))) {
				strbuf_reset(&sb);
				describe_cands(&web, &sb);
				detect_warn(c, "several candidate apps: %s; using %s (a guess: set "
					       "entrypoint to choose)",
					    sb.buf, best->entry);
			}
		} else {
			const struct detect_dep *dep;
			framework = framework_from_deps(c, &dep);
			kind = pweb.asgi ? "asgi" : "wsgi";
			if (framework) {
				fact_from_source(c, "framework", cJSON_CreateString(framework),
						 dep->source, "likely");
				kind = kind_of(framework, pweb.asgi);
			}
			detect_fact(c, "app_kind", cJSON_CreateString(kind), "Procfile", pe_web->line,
				    "certain");
			detect_fact(c, "entrypoint", cJSON_CreateString(pweb.entry), "Procfile",
				    pe_web->line, "certain");
		}
		free(pmod);
	}
	/* 3. a worker */
	if (!framework && (cel.nr || (pe_work && pwork.argc))) {
		const struct cand *best = best_cand(&cel, NULL);
		framework = "none";
		if (best || (pwork.server && !strcmp(pwork.server, "celery")))
			framework = "celery";
		kind = "worker";
		if (best)
			detect_fact(c, "framework", cJSON_CreateString(framework), best->file, best->line,
				    "certain");
		else
			detect_fact(c, "framework", cJSON_CreateString(framework), "Procfile",
				    pe_work->line, "certain");
		if (pe_work) {
			detect_fact(c, "app_kind", cJSON_CreateString("worker"), "Procfile",
				    pe_work->line, "certain");
			detect_fact(c, "command", argv_json(pwork.argv, pwork.argc), "Procfile",
				    pe_work->line, "certain");
		}
		if (!detect_value(c, "command") && best) {
			cJSON *argv = cJSON_CreateArray();
			const char *colon = strchr(best->entry, ':');
			const char *attr = colon + 1;
			strbuf_reset(&sb);
			if (!strcmp(attr, "app") || !strcmp(attr, "celery"))
				strbuf_add(&sb, best->entry, (size_t)(colon - best->entry));
			else
				strbuf_addstr(&sb, best->entry);
			cJSON_AddItemToArray(argv, cJSON_CreateString("celery"));
			cJSON_AddItemToArray(argv, cJSON_CreateString("-A"));
			cJSON_AddItemToArray(argv, cJSON_CreateString(sb.buf));
			cJSON_AddItemToArray(argv, cJSON_CreateString("worker"));
			cJSON_AddItemToArray(argv, cJSON_CreateString("--loglevel=INFO"));
			detect_fact(c, "app_kind", cJSON_CreateString("worker"), best->file, best->line,
				    "certain");
			detect_fact(c, "command", argv, best->file, best->line, "likely");
		}
		if (cel.nr > 1) {
			strbuf_reset(&sb);
			describe_cands(&cel, &sb);
			detect_warn(c, "several Celery apps: %s", sb.buf);
		}
	} else if (framework && strcmp(framework, "celery") && (cel.nr || pe_work)) {
		strbuf_reset(&sb);
		if (pe_work)
			strbuf_addf(&sb, "'Procfile:%d' ('%s')", pe_work->line, pe_work->command);
		else
			strbuf_addf(&sb, "'%s:%d'", cel.items[0].file, cel.items[0].line);
		detect_warn(c, "a background worker is defined too (%s); it needs its own container "
			       "with the same image and a different command",
			    sb.buf);
	}
	/* 4. a CLI */
	if (!framework && find_cli(c, &ev)) {
		framework = "none";
		kind = "cli";
		detect_fact(c, "app_kind", cJSON_CreateString("cli"), ev.file, ev.line, ev.confidence);
		detect_fact(c, "framework", cJSON_CreateString("none"), ev.file, ev.line,
			    ev.confidence);
	}
	/* 5. the dependencies alone */
	if (!framework) {
		const struct detect_dep *dep;
		const char *fw = framework_from_deps(c, &dep);
		if (fw) {
			framework = fw;
			web_app = 1;
			kind = kind_of(fw, 0);
			fact_from_source(c, "framework", cJSON_CreateString(fw), dep->source, "likely");
			fact_from_source(c, "app_kind", cJSON_CreateString(kind), dep->source, "likely");
			deps_only = dep;
		} else if ((dep = detect_find_dep(c, "gunicorn"))) {
			web_app = 1;
			fact_from_source(c, "app_kind", cJSON_CreateString("wsgi"), dep->source, "guess");
		} else if ((dep = detect_find_dep(c, "uvicorn"))) {
			web_app = 1;
			fact_from_source(c, "app_kind", cJSON_CreateString("asgi"), dep->source, "guess");
		}
	}
	if (web_app && kind && !strcmp(kind, "wsgi") && !detect_find_dep(c, "gunicorn") &&
	    detect_find_dep(c, "uvicorn") && !pweb.server) {
		/* a WSGI framework served by uvicorn is unusual: say what we assume */
		detect_warn(c, "uvicorn is a dependency but the app is WSGI; shipshape serves it "
			       "with gunicorn");
	}
	/* an existing Dockerfile's CMD names the app when nothing else did */
	if (web_app && !detect_value(c, "entrypoint")) {
		struct strbuf cmd = STRBUF_INIT;
		const char *dfile = NULL;
		int dline = 0;
		if (dockerfile_cmd(c, &cmd, &dfile, &dline)) {
			struct server_cmd s;
			parse_server_cmd(cmd.buf, &s);
			if (s.server && s.entry && !s.dev) {
				detect_fact(c, "entrypoint", cJSON_CreateString(s.entry), dfile, dline,
					    "likely");
				if (s.port > 0)
					detect_fact(c, "port", cJSON_CreateNumber(s.port), dfile, dline,
						    "likely");
			}
			warn_dev_server(c, &s, dfile, dline, cmd.buf);
			server_cmd_release(&s);
		}
		strbuf_release(&cmd);
	}
	if (deps_only && !detect_value(c, "entrypoint"))
		detect_warn(c, "%s is a dependency ('%s') but no app instance was found; set "
			       "entrypoint",
			    framework, deps_only->source);
	/* port */
	scan_compose(c, &ci);
	if (web_app) {
		const char *dfile = NULL;
		int dline = 0, dport;
		if (pe_web && pweb.server && pweb.port > 0 && !pweb.dev)
			detect_fact(c, "port", cJSON_CreateNumber(pweb.port), "Procfile", pe_web->line,
				    "certain");
		for (size_t i = 0; i < c->npy && !detect_value(c, "port"); i++) {
			const struct detect_py *py = &c->py[i];
			if (strncmp(base_name(py->rel), "gunicorn", 8))
				continue;
			for (size_t k = 0; k < py->scan.nr; k++) {
				const struct pyscan_item *it = &py->scan.items[k];
				if (it->kind == PYSCAN_ASSIGN_STR && !strcmp(it->name, "bind") &&
				    port_of(it->value)) {
					detect_fact(c, "port", cJSON_CreateNumber(port_of(it->value)),
						    py->rel, it->line, "certain");
					break;
				}
			}
		}
		/* a development server's command is rejected, but the port it states is the
		   one the team uses (walkthrough F4) */
		if (pe_web && pweb.server && pweb.dev && pweb.port_given && pweb.port > 0)
			detect_fact(c, "port", cJSON_CreateNumber(pweb.port), "Procfile", pe_web->line,
				    "likely");
		if (ci.port)
			detect_fact(c, "port", cJSON_CreateNumber(ci.port), ci.file, ci.port_line,
				    "likely");
		dport = dockerfile_expose(c, &dfile, &dline);
		if (dport)
			detect_fact(c, "port", cJSON_CreateNumber(dport), dfile, dline, "likely");
		if (!detect_value(c, "port")) {
			const cJSON *f = cJSON_GetObjectItemCaseSensitive(c->facts, "app_kind");
			const cJSON *src = cJSON_GetObjectItemCaseSensitive(f, "source");
			if (cJSON_IsString(src))
				fact_from_source(c, "port", cJSON_CreateNumber(8000), src->valuestring,
						 "guess");
		}
		if (dj.manage) {
			/* only the Django project's own files */
			char *prefix = xstrndup(dj.manage, strlen(dj.manage) - strlen(base_name(dj.manage)));
			find_health(c, prefix);
			free(prefix);
		} else {
			find_health(c, "");
		}
	}
	find_migrations(c, dj.manage);
	if (!kind && !framework && !dj.manage)
		detect_warn(c, "no application entry point found (looked for a Procfile, manage.py, "
			       "Flask/FastAPI/Starlette/Celery app instances, [project.scripts], "
			       "console_scripts and __main__ blocks)");
	server_cmd_release(&pweb);
	server_cmd_release(&pwork);
	cands_release(&web);
	cands_release(&cel);
	django_release(&dj);
	strbuf_release(&sb);
}
