/*
 * lint_rules: one detector per Dockerfile-visible practice, in a table keyed
 * by the catalog's practice id. A detector reports each place the practice
 * is broken (lint_report) or, for a practice the file should show somewhere,
 * one finding on the final FROM line; it returns LINT_NA when the practice
 * does not apply to this file (e.g. gunicorn flags when the server is
 * uvicorn). Detectors accept any correct idiom, not only shipshape's.
 */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "lint_int.h"
#include "shipshape/xalloc.h"

#define FOR_INSTR(cx, i, in) \
	for (size_t i = 0; i < (cx)->f->ninstrs; i++) \
		for (const struct df_instr *in = &(cx)->f->instrs[i]; in; in = NULL)
#define FOR_CMD(cx, i, c) \
	for (size_t c##_k = 0; c##_k < (cx)->sh[i].ncmds; c##_k++) \
		for (const struct lint_cmd *c = &(cx)->sh[i].cmds[c##_k]; c; c = NULL)

static const char *const S_INSTALL[] = {"install", NULL};

static const struct lint_image *final_img(const struct lint_ctx *cx)
{
	return &cx->img[cx->final];
}

static int is_python_image(const struct lint_image *img)
{
	return !strcmp(img->name, "python");
}

static int is_conda_image(const struct lint_image *img)
{
	static const char *const names[] = {"continuumio/miniconda3", "continuumio/anaconda3",
					    "condaforge/miniforge3", "condaforge/mambaforge",
					    "mambaorg/micromamba", "continuumio/miniconda", NULL};
	for (size_t i = 0; names[i]; i++)
		if (!strcmp(img->name, names[i]))
			return 1;
	return 0;
}

/* The stage's own image, following stage references to the root image. */
static const struct lint_image *root_img(const struct lint_ctx *cx, int s)
{
	int guard = 0;

	while (cx->img[s].stage_ref >= 0 && guard++ < 64)
		s = cx->img[s].stage_ref;
	return &cx->img[s];
}

static int chain_has_env(const struct lint_ctx *cx, const char *key, const char *const *ok)
{
	struct strbuf v = STRBUF_INIT;
	int ret = lint_chain_env(cx, key, &v);

	if (ret && ok) {
		ret = 0;
		for (size_t i = 0; ok[i]; i++)
			if (!strcasecmp(v.buf, ok[i]))
				ret = 1;
	} else if (ret) {
		ret = v.len > 0;
	}
	strbuf_release(&v);
	return ret;
}

static const char *const TRUTHY[] = {"1", "true", "yes", "on", NULL};

/* 1 when some word of the runtime command (ENTRYPOINT or CMD of the final image) is w. */
static int runtime_has_word(const struct lint_ctx *cx, const char *w)
{
	const struct df_instr *rt[2] = {cx->entrypoint, cx->cmd};

	for (int r = 0; r < 2; r++) {
		if (!rt[r])
			continue;
		const struct lint_sh *sh = &cx->sh[rt[r] - cx->f->instrs];
		for (size_t c = 0; c < sh->ncmds; c++)
			for (size_t k = 0; k < sh->cmds[c].argc; k++)
				if (!strcmp(sh->cmds[c].argv[k], w))
					return 1;
	}
	return 0;
}

static int runtime_line(const struct lint_ctx *cx)
{
	if (cx->cmd)
		return cx->cmd->start_line;
	if (cx->entrypoint)
		return cx->entrypoint->start_line;
	return lint_final_from_line(cx);
}

/*
 * 1 when cmd (of instruction i) installs the project after a deps-only step
 * in the same stage: `uv sync` after `uv sync --no-install-project`, `poetry
 * install` after `poetry install --no-root`. Such a step belongs after COPY . .
 */
static int project_followup(const struct lint_ctx *cx, size_t i, const struct lint_cmd *c)
{
	static const char *const sync[] = {"sync", NULL};
	const char *flag;
	int stage = cx->f->instrs[i].stage;

	if (lint_cmd_is(c, "uv", sync))
		flag = "--no-install-project";
	else if (lint_cmd_is(c, "poetry", S_INSTALL))
		flag = "--no-root";
	else
		return 0;
	if (lint_cmd_opt(c, flag))
		return 0;
	for (size_t k = 0; k < i; k++) {
		if (cx->f->instrs[k].stage != stage)
			continue;
		for (size_t m = 0; m < cx->sh[k].ncmds; m++) {
			const struct lint_cmd *o = &cx->sh[k].cmds[m];
			if (!strcmp(o->progname, c->progname) && lint_cmd_opt(o, flag))
				return 1;
		}
	}
	return 0;
}

/* ---- tier 0: baseline ---- */

static int d_official_python_base(struct lint_ctx *cx)
{
	for (size_t s = 0; s < cx->f->nstages; s++) {
		const struct lint_image *img = root_img(cx, (int)s);
		if (img->unresolved || is_python_image(img) || is_conda_image(img))
			return LINT_JUDGED;
	}
	lint_report(cx, lint_final_from_line(cx), "no stage starts from the official python image ('%s')",
		    final_img(cx)->name);
	return LINT_JUDGED;
}

static int d_tagged_base_image(struct lint_ctx *cx)
{
	for (size_t s = 0; s < cx->f->nstages; s++) {
		const struct lint_image *img = &cx->img[s];
		int line = cx->f->stages[s].start_line;
		if (img->stage_ref >= 0 || img->scratch || img->unresolved || img->digest)
			continue;
		if (!img->tag)
			lint_report(cx, line, "base image '%s' has no tag, so it means :latest",
				    img->name);
		else if (!strcmp(img->tag, "latest"))
			lint_report(cx, line, "base image '%s:latest' changes under you", img->name);
	}
	return LINT_JUDGED;
}

static int is_absolute_path(const char *p)
{
	return p[0] == '/' || p[0] == '$' || p[0] == '\\' ||
	       (isalpha((unsigned char)p[0]) && p[1] == ':');
}

static int d_absolute_workdir(struct lint_ctx *cx)
{
	struct strbuf v = STRBUF_INIT;
	int *has_wd = xcalloc(cx->f->nstages + 1, sizeof(int));

	FOR_INSTR(cx, i, in) {
		if (in->stage < 0)
			continue;
		if (in->kind == DF_FROM) {
			int ref = cx->img[in->stage].stage_ref;
			has_wd[in->stage] = ref >= 0 ? has_wd[ref] : 0;
		}
		if (in->kind == DF_WORKDIR && in->nargs) {
			lint_unquote(cx, in->args[0], &v);
			has_wd[in->stage] = 1;
			if (!is_absolute_path(v.buf))
				lint_report(cx, in->start_line, "WORKDIR '%s' is a relative path",
					    v.buf);
		}
		if ((in->kind == DF_COPY || in->kind == DF_ADD) && in->nargs >= 2 &&
		    !has_wd[in->stage] && in->form != DF_FORM_EXEC) {
			lint_unquote(cx, in->args[in->nargs - 1], &v);
			if (!is_absolute_path(v.buf)) {
				lint_report(cx, in->start_line,
					    "%s to the relative path '%s' with no WORKDIR set",
					    df_kind_name(in->kind), v.buf);
				has_wd[in->stage] = 1; /* once per stage */
			}
		}
	}
	free(has_wd);
	strbuf_release(&v);
	return LINT_JUDGED;
}

static int d_copy_manifests_first(struct lint_ctx *cx)
{
	int seen_install = 0;
	size_t ctx_copy = (size_t)-1;

	FOR_INSTR(cx, i, in) {
		if (in->kind == DF_FROM)
			ctx_copy = (size_t)-1;
		if (lint_is_context_copy(in) && ctx_copy == (size_t)-1)
			ctx_copy = i;
		if (in->kind != DF_RUN)
			continue;
		FOR_CMD(cx, i, c) {
			if (!lint_is_dep_install(c) || project_followup(cx, i, c))
				continue;
			seen_install = 1;
			/* a bind mount of the manifests makes the order irrelevant */
			if (ctx_copy != (size_t)-1 && !lint_has_mount_type(in, "bind")) {
				lint_report(cx, in->start_line,
					    "dependencies are installed after COPY of the whole context "
					    "(line %d), so any code change reinstalls them",
					    cx->f->instrs[ctx_copy].start_line);
				ctx_copy = (size_t)-1; /* once */
			}
			break;
		}
	}
	return seen_install ? LINT_JUDGED : LINT_NA;
}

static int d_install_dependencies(struct lint_ctx *cx)
{
	FOR_INSTR(cx, i, in) {
		FOR_CMD(cx, i, c) {
			size_t first;
			if (lint_is_dep_install(c))
				return LINT_JUDGED;
			if (lint_is_pip_install(c, &first) && first < c->argc)
				return LINT_JUDGED;
			if (!strcmp(c->progname, "poetry") || !strcmp(c->progname, "pipenv"))
				return LINT_JUDGED;
		}
		/* COPY --from=builder /opt/venv: installed in an earlier stage */
		if ((in->kind == DF_COPY) && df_instr_flag(in, "from"))
			return LINT_JUDGED;
	}
	lint_report(cx, lint_final_from_line(cx), "no step installs the project's dependencies");
	return LINT_JUDGED;
}

static int d_exec_form_cmd(struct lint_ctx *cx)
{
	FOR_INSTR(cx, i, in) {
		if ((in->kind == DF_CMD || in->kind == DF_ENTRYPOINT) && in->form == DF_FORM_SHELL)
			lint_report(cx, in->start_line,
				    "%s is in shell form: the app runs under /bin/sh -c and does "
				    "not receive SIGTERM", df_kind_name(in->kind));
	}
	return LINT_JUDGED;
}

static int d_production_server(struct lint_ctx *cx)
{
	FOR_INSTR(cx, i, in) {
		if ((in->kind != DF_CMD && in->kind != DF_ENTRYPOINT) || !lint_in_chain(cx, in))
			continue;
		FOR_CMD(cx, i, c) {
			const char *what = NULL;
			for (size_t k = c->prog; k < c->argc && !what; k++) {
				const char *a = c->argv[k];
				if (!strcmp(a, "runserver"))
					what = "manage.py runserver";
				else if (!strcmp(a, "--reload") || !strncmp(a, "--reload=", 9))
					what = "--reload";
				else if (!strcmp(a, "run") && k > 0 &&
					 !strcmp(c->progname, "flask") && k == c->prog + 1)
					what = "flask run";
				else if (!strcmp(a, "dev") && !strcmp(c->progname, "fastapi") &&
					 k == c->prog + 1)
					what = "fastapi dev";
				else if (!strcmp(a, "--debug") && !strcmp(c->progname, "flask"))
					what = "flask --debug";
			}
			if (what) {
				lint_report(cx, in->start_line,
					    "%s starts a development server (%s)",
					    df_kind_name(in->kind), what);
				break;
			}
		}
	}
	return LINT_JUDGED;
}

/* The value of an option of the server command (--bind X, --bind=X, -b X), or NULL. */
static const char *server_opt(const struct lint_ctx *cx, const char *lopt, const char *sopt)
{
	const struct lint_cmd *c = cx->server_cmd;
	size_t ln = lopt ? strlen(lopt) : 0;

	if (!c)
		return NULL;
	for (size_t k = 0; k < c->argc; k++) {
		const char *a = c->argv[k];
		/* every test below needs a's first character to be lopt's or sopt's */
		if ((!lopt || a[0] != lopt[0]) && (!sopt || a[0] != sopt[0]))
			continue;
		if (lopt && !strncmp(a, lopt, ln) && a[ln] == '=')
			return a + ln + 1;
		if (((lopt && !strcmp(a, lopt)) || (sopt && !strcmp(a, sopt))) && k + 1 < c->argc)
			return c->argv[k + 1];
		if (sopt && !strncmp(a, sopt, 2) && a[2] && sopt[2] == '\0' && a[1] != '-')
			return a + 2;
	}
	return NULL;
}

/* gunicorn reads GUNICORN_CMD_ARGS and a config file: options there count too */
static int gunicorn_has(const struct lint_ctx *cx, const char *lopt, const char *sopt)
{
	struct strbuf v = STRBUF_INIT;
	int ret = server_opt(cx, lopt, sopt) != NULL;

	if (!ret && lint_chain_env(cx, "GUNICORN_CMD_ARGS", &v))
		ret = strstr(v.buf, lopt) != NULL;
	if (!ret)
		ret = server_opt(cx, "--config", "-c") != NULL;
	strbuf_release(&v);
	return ret;
}

static int is_gunicorn(const struct lint_ctx *cx)
{
	return cx->server && !strcmp(cx->server, "gunicorn");
}

static int d_bind_all_interfaces(struct lint_ctx *cx)
{
	const char *v = NULL;
	int ok = 1;

	if (!cx->server || !cx->server_cmd)
		return LINT_NA;
	if (!strcmp(cx->server, "gunicorn") || !strcmp(cx->server, "hypercorn")) {
		struct strbuf env = STRBUF_INIT;
		v = server_opt(cx, "--bind", "-b");
		if (!v && lint_chain_env(cx, "GUNICORN_CMD_ARGS", &env) &&
		    (strstr(env.buf, "0.0.0.0") || strstr(env.buf, "[::]")))
			v = "0.0.0.0";
		if (!v && (server_opt(cx, "--config", "-c") || chain_has_env(cx, "PORT", NULL)))
			v = "0.0.0.0"; /* a config file, or gunicorn's $PORT default (0.0.0.0) */
		ok = v && (!strncmp(v, "0.0.0.0", 7) || !strncmp(v, "[::]", 4) || v[0] == ':' ||
			   v[0] == '$' || !strncmp(v, "unix:", 5));
		strbuf_release(&env);
	} else if (!strcmp(cx->server, "uvicorn") || !strcmp(cx->server, "granian") ||
		   !strcmp(cx->server, "manage.py") || !strcmp(cx->server, "flask") ||
		   !strcmp(cx->server, "fastapi")) {
		v = server_opt(cx, "--host", "-h");
		if (!strcmp(cx->server, "manage.py"))
			v = strstr(cx->sh[cx->cmd ? cx->cmd - cx->f->instrs : 0].text, "0.0.0.0") ?
				    "0.0.0.0" : NULL;
		if (!strcmp(cx->server, "fastapi") && !v)
			v = "0.0.0.0"; /* fastapi run listens on 0.0.0.0 */
		ok = v && (!strcmp(v, "0.0.0.0") || !strcmp(v, "::") || v[0] == '$');
		if (!v && !strcmp(cx->server, "uvicorn") && chain_has_env(cx, "UVICORN_HOST", NULL))
			ok = 1;
	} else {
		return LINT_NA; /* uwsgi, waitress and daphne: other defaults / config files */
	}
	if (!ok)
		lint_report(cx, runtime_line(cx),
			    v ? "%s listens on '%s', unreachable from outside the container" :
				"%s listens on 127.0.0.1 by default, unreachable from outside the "
				"container%s",
			    cx->server, v ? v : "");
	return LINT_JUDGED;
}

/* Ports of EXPOSE instructions in the final chain; reports invalid ones. */
static int d_expose_port(struct lint_ctx *cx)
{
	int found = 0;

	FOR_INSTR(cx, i, in) {
		if (in->kind != DF_EXPOSE)
			continue;
		for (size_t k = 0; k < in->nargs; k++) {
			const char *a = in->args[k];
			char *end;
			long port;
			if (a[0] == '$')
				continue;
			port = strtol(a, &end, 10);
			if (end == a || port < 0 || port > 65535 ||
			    (*end && *end != '/' && *end != '-'))
				lint_report(cx, in->start_line, "EXPOSE '%s' is not a valid port", a);
		}
		if (lint_in_chain(cx, in))
			found = 1;
	}
	if (!found)
		lint_report(cx, lint_final_from_line(cx),
			    "the final stage has no EXPOSE for the server's port");
	return LINT_JUDGED;
}

/* ---- tier 1: security ---- */

static int is_root_user(const char *u)
{
	size_t n = strcspn(u, ":");
	return (n == 4 && !strncmp(u, "root", 4)) || (n == 1 && u[0] == '0');
}

static int d_non_root_user(struct lint_ctx *cx)
{
	const struct df_instr *last = NULL;
	struct strbuf v = STRBUF_INIT;

	FOR_INSTR(cx, i, in) {
		if (in->kind == DF_USER && in->nargs && lint_in_chain(cx, in))
			last = in;
	}
	if (final_img(cx)->scratch && !last) {
		strbuf_release(&v);
		return LINT_NA;
	}
	if (!last) {
		/* distroless :nonroot and similar images run unprivileged */
		const struct lint_image *img = root_img(cx, cx->final);
		if (!(img->tag && strstr(img->tag, "nonroot")))
			lint_report(cx, lint_final_from_line(cx),
				    "the final stage has no USER, so the app runs as root");
	} else {
		lint_unquote(cx, last->args[0], &v);
		if (is_root_user(v.buf))
			lint_report(cx, last->start_line,
				    "the last USER of the final stage is '%s'", v.buf);
	}
	strbuf_release(&v);
	return LINT_JUDGED;
}

static int d_read_only_code(struct lint_ctx *cx)
{
	struct strbuf v = STRBUF_INIT;

	FOR_INSTR(cx, i, in) {
		const struct df_flag *chown;
		if (!lint_in_chain(cx, in))
			continue;
		if (lint_is_context_copy(in) && (chown = df_instr_flag(in, "chown")) &&
		    chown->value) {
			lint_unquote(cx, chown->value, &v);
			if (!is_root_user(v.buf))
				lint_report(cx, in->start_line,
					    "the code is copied owned by '%s', so the app can "
					    "rewrite itself", v.buf);
		}
	}
	strbuf_release(&v);
	return LINT_JUDGED;
}

static int stage_is_debian(const struct lint_ctx *cx, int s)
{
	const struct lint_image *img = root_img(cx, s);
	int apt = 0;

	if (img->tag && strstr(img->tag, "alpine"))
		return 0;
	if (is_python_image(img) || is_conda_image(img) || !strcmp(img->name, "debian") ||
	    !strcmp(img->name, "ubuntu") || !strcmp(img->name, "buildpack-deps"))
		return 1;
	FOR_INSTR(cx, i, in) {
		if (in->stage == s && strstr(in->original ? in->original : "", "apt-get"))
			apt = 1;
	}
	return apt;
}

static int d_apt_security_updates(struct lint_ctx *cx)
{
	int alpine = 0;
	const struct lint_image *img = root_img(cx, cx->final);

	if (img->tag && strstr(img->tag, "alpine"))
		alpine = 1;
	if (!alpine && !stage_is_debian(cx, cx->final))
		return LINT_NA;
	FOR_INSTR(cx, i, in) {
		if (!lint_in_chain(cx, in))
			continue;
		FOR_CMD(cx, i, c) {
			if ((!strcmp(c->progname, "apt-get") || !strcmp(c->progname, "apt")) &&
			    (lint_cmd_opt(c, "upgrade") || lint_cmd_opt(c, "dist-upgrade") ||
			     lint_cmd_opt(c, "full-upgrade")))
				return LINT_JUDGED;
			if (!strcmp(c->progname, "apk") && lint_cmd_opt(c, "upgrade"))
				return LINT_JUDGED;
			if (!strcmp(c->progname, "unattended-upgrade"))
				return LINT_JUDGED;
		}
	}
	lint_report(cx, lint_final_from_line(cx),
		    alpine ? "the final stage never runs apk upgrade" :
			     "the final stage never runs apt-get upgrade");
	return LINT_JUDGED;
}

static int d_apt_no_install_recommends(struct lint_ctx *cx)
{
	int *global = xcalloc(cx->f->nstages + 1, sizeof(int));

	FOR_INSTR(cx, i, in) {
		if (in->kind != DF_RUN || in->stage < 0)
			continue;
		if (in->kind == DF_RUN && strstr(cx->sh[i].text, "Install-Recommends") &&
		    (strstr(cx->sh[i].text, "apt.conf") || strstr(cx->sh[i].text, "\"0\"") ||
		     strstr(cx->sh[i].text, "false")))
			global[in->stage] = 1;
		FOR_CMD(cx, i, c) {
			if (!lint_is_apt_install(c, NULL) || global[in->stage])
				continue;
			if (lint_cmd_opt(c, "--no-install-recommends"))
				continue;
			if (strstr(cx->sh[i].text, "Install-Recommends=false") ||
			    strstr(cx->sh[i].text, "Install-Recommends=0"))
				continue;
			lint_report(cx, in->start_line,
				    "apt-get install without --no-install-recommends pulls in "
				    "recommended packages");
		}
	}
	free(global);
	return LINT_JUDGED;
}

static int d_apt_lists_removed(struct lint_ctx *cx)
{
	FOR_INSTR(cx, i, in) {
		int apt = 0;
		if (in->kind != DF_RUN || !lint_in_chain(cx, in))
			continue;
		FOR_CMD(cx, i, c) {
			if ((!strcmp(c->progname, "apt-get") || !strcmp(c->progname, "apt")) &&
			    lint_cmd_opt(c, "update"))
				apt = 1;
		}
		if (!apt || strstr(cx->sh[i].text, "/var/lib/apt/lists") ||
		    lint_has_cache_mount(in, "/var/lib/apt"))
			continue;
		lint_report(cx, in->start_line,
			    "apt-get update without rm -rf /var/lib/apt/lists/* in the same RUN "
			    "leaves the package lists in the image");
	}
	return LINT_JUDGED;
}

/* BuildKit's SecretsUsedInArgOrEnv: a name part among these words, unless public. */
static int looks_secret(const char *name)
{
	static const struct { const char *w; size_t n; } words[] = {
		{"apikey", 6}, {"auth", 4}, {"credential", 10}, {"credentials", 11}, {"key", 3},
		{"password", 8}, {"pword", 5}, {"passwd", 6}, {"secret", 6}, {"token", 5},
		{NULL, 0}};
	int ret = 0, pub = 0;

	for (const char *part = name; part && *part;) {
		const char *us = strchr(part, '_');
		size_t n = us ? (size_t)(us - part) : strlen(part);
		for (size_t k = 0; words[k].w; k++)
			if (words[k].n == n && !strncasecmp(part, words[k].w, n))
				ret = 1;
		if (n == 6 && !strncasecmp(part, "public", 6))
			pub = 1;
		part = us ? us + 1 : NULL;
	}
	return ret && !pub;
}

static int secret_file(const char *src)
{
	static const char *const names[] = {".env", "id_rsa", "id_ed25519", "id_ecdsa", ".netrc",
					    ".pypirc", ".npmrc", "credentials.json",
					    "service-account.json", NULL};
	const char *b = strrchr(src, '/');
	size_t n;

	b = b ? b + 1 : src;
	for (size_t k = 0; names[k]; k++)
		if (!strcmp(b, names[k]))
			return 1;
	n = strlen(b);
	return (n > 4 && (!strcmp(b + n - 4, ".pem") || !strcmp(b + n - 4, ".key"))) ||
	       !strncmp(b, ".env.", 5);
}

static int d_no_secrets_in_image(struct lint_ctx *cx)
{
	FOR_INSTR(cx, i, in) {
		if (in->kind == DF_ARG || in->kind == DF_ENV) {
			for (size_t k = 0; k < in->nkvs; k++)
				if (looks_secret(in->kvs[k].key))
					lint_report(cx, in->start_line,
						    "%s '%s' looks like a secret: it stays in the "
						    "image's history", df_kind_name(in->kind),
						    in->kvs[k].key);
		}
		if ((in->kind == DF_COPY || in->kind == DF_ADD) && !df_instr_flag(in, "from") &&
		    !in->nheredocs) {
			for (size_t k = 0; k + 1 < in->nargs; k++)
				if (secret_file(in->args[k]))
					lint_report(cx, in->start_line,
						    "%s copies '%s', a credentials file, into the "
						    "image", df_kind_name(in->kind), in->args[k]);
		}
	}
	return LINT_JUDGED;
}

static int d_no_sudo(struct lint_ctx *cx)
{
	FOR_INSTR(cx, i, in) {
		if (in->kind != DF_RUN)
			continue;
		FOR_CMD(cx, i, c) {
			size_t first;
			int bad = 0;
			for (size_t k = 0; k <= c->prog && k < c->argc; k++)
				if (!strcmp(c->argv[k], "sudo"))
					bad = 1;
			if (lint_is_apt_install(c, &first) || (!strcmp(c->progname, "apk") &&
							     lint_cmd_opt(c, "add") &&
							     (first = lint_cmd_opt(c, "add") + 1))) {
				for (size_t k = first; k < c->argc; k++)
					if (!strcmp(c->argv[k], "sudo"))
						bad = 1;
			}
			if (bad) {
				lint_report(cx, in->start_line, "RUN uses or installs sudo");
				break;
			}
		}
	}
	return LINT_JUDGED;
}

static int d_unprivileged_port(struct lint_ctx *cx)
{
	const char *v = NULL;

	FOR_INSTR(cx, i, in) {
		if (in->kind != DF_EXPOSE || !lint_in_chain(cx, in))
			continue;
		for (size_t k = 0; k < in->nargs; k++) {
			long port = strtol(in->args[k], NULL, 10);
			if (port > 0 && port < 1024)
				lint_report(cx, in->start_line,
					    "port %ld is privileged: binding it needs root", port);
		}
	}
	if (cx->server_cmd) {
		v = server_opt(cx, "--bind", "-b");
		if (v) {
			const char *colon = strrchr(v, ':');
			long port = colon ? strtol(colon + 1, NULL, 10) : 0;
			if (port > 0 && port < 1024)
				lint_report(cx, runtime_line(cx),
					    "the server binds port %ld, which needs root", port);
		}
		v = server_opt(cx, "--port", NULL);
		if (v) {
			long port = strtol(v, NULL, 10);
			if (port > 0 && port < 1024)
				lint_report(cx, runtime_line(cx),
					    "the server binds port %ld, which needs root", port);
		}
	}
	return LINT_JUDGED;
}

static int d_no_bytecode_writes(struct lint_ctx *cx)
{
	if (chain_has_env(cx, "PYTHONDONTWRITEBYTECODE", NULL) || runtime_has_word(cx, "-B"))
		return LINT_JUDGED;
	lint_report(cx, lint_final_from_line(cx), "PYTHONDONTWRITEBYTECODE is not set");
	return LINT_JUDGED;
}

static int has_codename(const char *tag)
{
	static const char *const names[] = {"bookworm", "bullseye", "trixie", "buster",
					    "noble", "jammy", "focal", NULL};
	for (size_t k = 0; names[k]; k++)
		if (strstr(tag, names[k]))
			return 1;
	return 0;
}

static int d_stable_distro(struct lint_ctx *cx)
{
	const struct lint_image *img = root_img(cx, cx->final);

	if (img->unresolved || img->scratch)
		return LINT_NA;
	if (is_python_image(img) || !strcmp(img->name, "debian")) {
		if (img->tag && (has_codename(img->tag) || strstr(img->tag, "alpine") ||
				 (!strcmp(img->name, "debian") && isdigit((unsigned char)img->tag[0]))))
			return LINT_JUDGED;
		lint_report(cx, lint_final_from_line(cx),
			    "the tag '%s' does not name the Debian release, so the base OS "
			    "changes with the next one", img->tag ? img->tag : "latest");
		return LINT_JUDGED;
	}
	/* other images: a versioned tag fixes their distribution */
	return LINT_NA;
}

/* ---- tier 2: automation ---- */

static int d_oci_revision_label(struct lint_ctx *cx)
{
	FOR_INSTR(cx, i, in) {
		if (in->kind != DF_LABEL || !lint_in_chain(cx, in))
			continue;
		for (size_t k = 0; k < in->nkvs; k++) {
			struct strbuf key = STRBUF_INIT;
			int ok;
			lint_unquote(cx, in->kvs[k].key, &key);
			ok = !strcmp(key.buf, "org.opencontainers.image.revision") ||
			     !strcmp(key.buf, "org.label-schema.vcs-ref");
			strbuf_release(&key);
			if (ok)
				return LINT_JUDGED;
		}
	}
	lint_report(cx, lint_final_from_line(cx),
		    "no LABEL org.opencontainers.image.revision ties the image to its commit");
	return LINT_JUDGED;
}

/* ---- tier 3: correctness ---- */

static int d_unbuffered_output(struct lint_ctx *cx)
{
	if (chain_has_env(cx, "PYTHONUNBUFFERED", NULL) || runtime_has_word(cx, "-u"))
		return LINT_JUDGED;
	lint_report(cx, lint_final_from_line(cx),
		    "PYTHONUNBUFFERED is not set, so logs can be lost in a crash");
	return LINT_JUDGED;
}

static int d_faulthandler(struct lint_ctx *cx)
{
	if (chain_has_env(cx, "PYTHONFAULTHANDLER", NULL) || runtime_has_word(cx, "faulthandler"))
		return LINT_JUDGED;
	lint_report(cx, lint_final_from_line(cx), "PYTHONFAULTHANDLER is not set");
	return LINT_JUDGED;
}

static int d_healthcheck(struct lint_ctx *cx)
{
	const struct df_instr *last = NULL;

	FOR_INSTR(cx, i, in) {
		if (in->kind == DF_HEALTHCHECK && lint_in_chain(cx, in))
			last = in;
	}
	if (!last)
		lint_report(cx, lint_final_from_line(cx), "the final stage has no HEALTHCHECK");
	else if (last->nargs && !strcasecmp(last->args[0], "NONE"))
		lint_report(cx, last->start_line, "HEALTHCHECK NONE turns the health check off");
	return LINT_JUDGED;
}

static int d_init_process(struct lint_ctx *cx)
{
	static const char *const inits[] = {"tini", "tini-static", "dumb-init", "catatonit",
					    "init", "s6-svscan", "supervisord", NULL};
	const struct df_instr *ep = cx->entrypoint;

	if (ep && ep->nargs) {
		const char *first = ep->form == DF_FORM_EXEC ? ep->args[0] :
				    cx->sh[ep - cx->f->instrs].ncmds ?
				    cx->sh[ep - cx->f->instrs].cmds[0].progname : "";
		const char *b = strrchr(first, '/');
		b = b ? b + 1 : first;
		for (size_t k = 0; inits[k]; k++)
			if (!strcmp(b, inits[k]))
				return LINT_JUDGED;
	}
	if (cx->cmd && cx->cmd->form == DF_FORM_EXEC && cx->cmd->nargs && !ep) {
		const char *b = strrchr(cx->cmd->args[0], '/');
		b = b ? b + 1 : cx->cmd->args[0];
		for (size_t k = 0; inits[k]; k++)
			if (!strcmp(b, inits[k]))
				return LINT_JUDGED;
	}
	lint_report(cx, ep ? ep->start_line : runtime_line(cx),
		    "the program runs as PID 1 without an init (tini) to reap children and "
		    "forward signals");
	return LINT_JUDGED;
}

static int d_stopsignal_sigint(struct lint_ctx *cx)
{
	const struct df_instr *last = NULL;

	FOR_INSTR(cx, i, in) {
		if (in->kind == DF_STOPSIGNAL && lint_in_chain(cx, in))
			last = in;
	}
	if (last && last->nargs &&
	    (!strcasecmp(last->args[0], "SIGINT") || !strcasecmp(last->args[0], "INT") ||
	     !strcmp(last->args[0], "2")))
		return LINT_JUDGED;
	lint_report(cx, last ? last->start_line : lint_final_from_line(cx),
		    "a plain Python program ignores SIGTERM's default meaning; STOPSIGNAL SIGINT "
		    "raises KeyboardInterrupt for a clean stop");
	return LINT_JUDGED;
}

static int d_graceful_timeout(struct lint_ctx *cx)
{
	if (!is_gunicorn(cx))
		return LINT_NA;
	if (!gunicorn_has(cx, "--graceful-timeout", NULL))
		lint_report(cx, runtime_line(cx), "gunicorn runs without --graceful-timeout");
	return LINT_JUDGED;
}

static int d_entrypoint_exec(struct lint_ctx *cx)
{
	const struct df_instr *ep = cx->entrypoint;

	if (!ep)
		return LINT_JUDGED; /* the exec-form CMD is PID 1: nothing to forward */
	if (ep->form == DF_FORM_SHELL) {
		lint_report(cx, ep->start_line,
			    "a shell-form ENTRYPOINT does not exec the program, which never gets "
			    "signals");
	} else if (ep->nargs >= 3 && !strcmp(ep->args[ep->nargs - 2], "-c") &&
		   !strstr(ep->args[ep->nargs - 1], "exec ")) {
		lint_report(cx, ep->start_line,
			    "the ENTRYPOINT's shell script does not end in exec");
	}
	return LINT_JUDGED;
}

static int d_access_log_stdout(struct lint_ctx *cx)
{
	if (!is_gunicorn(cx))
		return LINT_NA;
	if (!gunicorn_has(cx, "--access-logfile", NULL))
		lint_report(cx, runtime_line(cx),
			    "gunicorn writes no access log without --access-logfile -");
	return LINT_JUDGED;
}

static int d_worker_tmp_dir(struct lint_ctx *cx)
{
	if (!is_gunicorn(cx))
		return LINT_NA;
	if (!gunicorn_has(cx, "--worker-tmp-dir", NULL))
		lint_report(cx, runtime_line(cx),
			    "gunicorn's heartbeat files are on the container's disk (no "
			    "--worker-tmp-dir /dev/shm)");
	return LINT_JUDGED;
}

static int d_workers_and_threads(struct lint_ctx *cx)
{
	const char *k;
	int workers, threads;

	if (!is_gunicorn(cx))
		return LINT_NA;
	workers = gunicorn_has(cx, "--workers", "-w") || chain_has_env(cx, "WEB_CONCURRENCY", NULL);
	k = server_opt(cx, "--worker-class", "-k");
	threads = gunicorn_has(cx, "--threads", NULL) ||
		  (k && (strstr(k, "gevent") || strstr(k, "eventlet") || strstr(k, "Uvicorn") ||
			 strstr(k, "uvicorn")));
	if (!workers || !threads)
		lint_report(cx, runtime_line(cx), "gunicorn runs without %s",
			    !workers && !threads ? "--workers and --threads" :
			    !workers ? "--workers" : "--threads");
	return LINT_JUDGED;
}

static int d_migrations_out_of_start(struct lint_ctx *cx)
{
	const struct df_instr *rt[2] = {cx->entrypoint, cx->cmd};

	for (int r = 0; r < 2; r++) {
		if (!rt[r])
			continue;
		const struct lint_sh *sh = &cx->sh[rt[r] - cx->f->instrs];
		for (size_t c = 0; c < sh->ncmds; c++) {
			const struct lint_cmd *cmd = &sh->cmds[c];
			int bad = 0;
			for (size_t k = cmd->prog; k + 1 < cmd->argc; k++) {
				if (!strcmp(cmd->argv[k], "manage.py") && !strcmp(cmd->argv[k + 1], "migrate"))
					bad = 1;
				if ((!strcmp(cmd->argv[k], "alembic") || !strcmp(cmd->argv[k], "db")) &&
				    !strcmp(cmd->argv[k + 1], "upgrade"))
					bad = 1;
			}
			if (bad) {
				lint_report(cx, rt[r]->start_line,
					    "%s runs the database migrations on every start",
					    df_kind_name(rt[r]->kind));
				return LINT_JUDGED;
			}
		}
	}
	return LINT_JUDGED;
}

static int d_collectstatic_at_build(struct lint_ctx *cx)
{
	FOR_INSTR(cx, i, in) {
		if (in->kind == DF_RUN && lint_has_word(cx->sh[i].text, "collectstatic"))
			return LINT_JUDGED;
	}
	lint_report(cx, lint_final_from_line(cx),
		    "Django's static files are not collected at build time");
	return LINT_JUDGED;
}

static int d_import_check(struct lint_ctx *cx)
{
	FOR_INSTR(cx, i, in) {
		if (in->kind != DF_RUN || !lint_in_chain(cx, in))
			continue;
		FOR_CMD(cx, i, c) {
			if (!strcmp(c->progname, "python") && lint_cmd_opt(c, "-c")) {
				size_t k = lint_cmd_opt(c, "-c");
				if (k + 1 < c->argc && strstr(c->argv[k + 1], "import"))
					return LINT_JUDGED;
			}
			if (!strcmp(c->progname, "manage.py") || (c->prog + 1 < c->argc &&
								  !strcmp(c->argv[c->prog + 1], "manage.py") &&
								  c->prog + 2 < c->argc &&
								  !strcmp(c->argv[c->prog + 2], "check")))
				return LINT_JUDGED;
		}
	}
	lint_report(cx, lint_final_from_line(cx),
		    "the build never checks that the app imports (RUN python -c \"import ...\")");
	return LINT_JUDGED;
}

static int d_venv_on_path(struct lint_ctx *cx)
{
	struct strbuf v = STRBUF_INIT;
	int ok = 0;

	if (lint_chain_env(cx, "PATH", &v))
		ok = strstr(v.buf, "venv") || strstr(v.buf, "VIRTUAL_ENV") ||
		     strstr(v.buf, "/opt/conda/envs/");
	if (!ok && cx->server_cmd && strstr(cx->server_cmd->argv[cx->server_cmd->prog], "venv/bin/"))
		ok = 1;
	if (!ok && (cx->cmd || cx->entrypoint)) {
		const struct df_instr *rt = cx->entrypoint ? cx->entrypoint : cx->cmd;
		if (rt->form == DF_FORM_EXEC && rt->nargs && strstr(rt->args[0], "venv/bin/"))
			ok = 1;
	}
	if (!ok)
		lint_report(cx, lint_final_from_line(cx),
			    "no virtualenv is on PATH: packages go into the system Python");
	strbuf_release(&v);
	return LINT_JUDGED;
}

static int version_key(const char *k)
{
	return strstr(k, "VERSION") || strstr(k, "REVISION") || strstr(k, "COMMIT") ||
	       strstr(k, "GIT_SHA") || strstr(k, "BUILD");
}

static int d_version_in_environment(struct lint_ctx *cx)
{
	FOR_INSTR(cx, i, in) {
		if (in->kind != DF_ENV || !lint_in_chain(cx, in))
			continue;
		for (size_t k = 0; k < in->nkvs; k++)
			if (version_key(in->kvs[k].key) && in->kvs[k].value &&
			    strchr(in->kvs[k].value, '$') && strncmp(in->kvs[k].key, "PYTHON", 6))
				return LINT_JUDGED;
	}
	lint_report(cx, lint_final_from_line(cx),
		    "the running app cannot tell its version (no ENV APP_VERSION=$GIT_SHA)");
	return LINT_JUDGED;
}

static int d_precompile_bytecode(struct lint_ctx *cx)
{
	if (chain_has_env(cx, "UV_COMPILE_BYTECODE", TRUTHY))
		return LINT_JUDGED;
	FOR_INSTR(cx, i, in) {
		if (in->kind == DF_ENV) {
			for (size_t k = 0; k < in->nkvs; k++)
				if (!strcmp(in->kvs[k].key, "UV_COMPILE_BYTECODE"))
					return LINT_JUDGED;
		}
		FOR_CMD(cx, i, c) {
			if (!strcmp(c->progname, "compileall") || lint_cmd_opt(c, "--compile-bytecode") ||
			    (lint_is_pip_install(c, NULL) && lint_cmd_opt(c, "--compile")))
				return LINT_JUDGED;
		}
	}
	lint_report(cx, lint_final_from_line(cx),
		    "the app's bytecode is compiled at every start (no python -m compileall)");
	return LINT_JUDGED;
}

static int is_archive(const char *s)
{
	static const char *const ext[] = {".tar", ".tar.gz", ".tgz", ".tar.bz2", ".tbz2",
					  ".tar.xz", ".txz", ".tar.zst", NULL};
	size_t n = strlen(s);

	for (size_t k = 0; ext[k]; k++) {
		size_t e = strlen(ext[k]);
		if (n > e && !strcmp(s + n - e, ext[k]))
			return 1;
	}
	return 0;
}

static int d_copy_not_add(struct lint_ctx *cx)
{
	FOR_INSTR(cx, i, in) {
		if (in->kind != DF_ADD || in->nheredocs)
			continue;
		for (size_t k = 0; k + 1 < in->nargs; k++) {
			const char *a = in->args[k];
			if (strstr(a, "://") || !strncmp(a, "git@", 4) || is_archive(a) ||
			    a[0] == '$')
				continue;
			lint_report(cx, in->start_line,
				    "ADD copies the local '%s': COPY says what it does", a);
			break;
		}
	}
	return LINT_JUDGED;
}

static int d_no_cd_in_run(struct lint_ctx *cx)
{
	FOR_INSTR(cx, i, in) {
		if (in->kind != DF_RUN)
			continue;
		FOR_CMD(cx, i, c) {
			if (!strcmp(c->progname, "cd") && !c->subshell) {
				lint_report(cx, in->start_line,
					    "RUN changes directory with cd; WORKDIR says it once");
				break;
			}
		}
	}
	return LINT_JUDGED;
}

static int d_no_maintainer(struct lint_ctx *cx)
{
	FOR_INSTR(cx, i, in) {
		if (in->kind == DF_MAINTAINER)
			lint_report(cx, in->start_line, "MAINTAINER is deprecated");
	}
	return LINT_JUDGED;
}

static int d_single_cmd(struct lint_ctx *cx)
{
	const enum df_kind kinds[] = {DF_CMD, DF_ENTRYPOINT, DF_HEALTHCHECK};

	for (size_t s = 0; s < cx->f->nstages; s++) {
		for (size_t k = 0; k < 3; k++) {
			int n = 0;
			for (size_t i = cx->f->stages[s].from; i < cx->f->stages[s].end; i++) {
				const struct df_instr *in = &cx->f->instrs[i];
				if (in->kind == kinds[k] && ++n > 1)
					lint_report(cx, in->start_line,
						    "a second %s in one stage: only the last one "
						    "counts", df_kind_name(kinds[k]));
			}
		}
	}
	return LINT_JUDGED;
}

static int d_pipefail(struct lint_ctx *cx)
{
	int pipefail = 0, stage = -2;

	FOR_INSTR(cx, i, in) {
		if (in->stage != stage) {
			stage = in->stage;
			pipefail = 0;
		}
		if (in->kind == DF_SHELL) {
			pipefail = 0;
			for (size_t k = 0; k < in->nargs; k++)
				if (!strcmp(in->args[k], "pipefail") || strstr(in->args[k], "pipefail"))
					pipefail = 1;
			/* PowerShell and cmd have no pipefail */
			if (in->nargs && (strstr(in->args[0], "pwsh") || strstr(in->args[0], "powershell") ||
					  strstr(in->args[0], "cmd")))
				pipefail = 1;
		}
		if (in->kind != DF_RUN || pipefail || !cx->sh[i].has_pipe)
			continue;
		if (strstr(cx->sh[i].text, "pipefail"))
			continue;
		lint_report(cx, in->start_line,
			    "a pipe in RUN hides the failure of all but its last command");
	}
	return LINT_JUDGED;
}

static int d_unique_stage_names(struct lint_ctx *cx)
{
	for (size_t s = 0; s < cx->f->nstages; s++) {
		if (!cx->f->stages[s].name)
			continue;
		for (size_t k = 0; k < s; k++) {
			if (cx->f->stages[k].name &&
			    !strcasecmp(cx->f->stages[k].name, cx->f->stages[s].name)) {
				lint_report(cx, cx->f->stages[s].start_line,
					    "stage name '%s' is used again (first at line %d)",
					    cx->f->stages[s].name, cx->f->stages[k].start_line);
				break;
			}
		}
	}
	return LINT_JUDGED;
}

static int d_copy_from_known_stage(struct lint_ctx *cx)
{
	FOR_INSTR(cx, i, in) {
		const struct df_flag *from;
		const char *v;
		if (in->kind != DF_COPY || in->stage < 0 || !(from = df_instr_flag(in, "from")) ||
		    !from->value)
			continue;
		v = from->value;
		if (strpbrk(v, ":/@.$"))
			continue; /* an image reference or a variable */
		if (isdigit((unsigned char)v[0])) {
			long n = strtol(v, NULL, 10);
			if (n >= in->stage)
				lint_report(cx, in->start_line,
					    "COPY --from=%s refers to a stage that is not before this one",
					    v);
			continue;
		}
		int known = 0, self = 0;
		for (int s = 0; s <= in->stage; s++) {
			if (cx->f->stages[s].name && !strcasecmp(cx->f->stages[s].name, v)) {
				if (s == in->stage)
					self = 1;
				else
					known = 1;
			}
		}
		if (self && !known)
			lint_report(cx, in->start_line, "COPY --from=%s refers to its own stage", v);
		else if (!known)
			lint_report(cx, in->start_line,
				    "COPY --from=%s names no stage defined above it", v);
	}
	return LINT_JUDGED;
}

/* ---- tier 4: reproducibility ---- */

static int d_pin_python_minor(struct lint_ctx *cx)
{
	int any = 0;

	for (size_t s = 0; s < cx->f->nstages; s++) {
		const struct lint_image *img = &cx->img[s];
		const char *t = img->tag;
		if (img->stage_ref >= 0 || img->unresolved || !is_python_image(img))
			continue;
		any = 1;
		if (t && isdigit((unsigned char)t[0]) && strchr(t, '.') &&
		    (size_t)(strchr(t, '.') - t) < strcspn(t, "-"))
			continue;
		lint_report(cx, cx->f->stages[s].start_line,
			    "the tag '%s' does not pin the Python minor version",
			    t ? t : "latest");
	}
	return any ? LINT_JUDGED : LINT_NA;
}

static int d_patch_level_python(struct lint_ctx *cx)
{
	int any = 0;

	for (size_t s = 0; s < cx->f->nstages; s++) {
		const struct lint_image *img = &cx->img[s];
		int dots = 0;
		if (img->stage_ref >= 0 || img->unresolved || !is_python_image(img))
			continue;
		any = 1;
		for (const char *t = img->tag ? img->tag : ""; isdigit((unsigned char)*t) || *t == '.';
		     t++)
			dots += *t == '.';
		if (dots < 2)
			lint_report(cx, cx->f->stages[s].start_line,
				    "the tag '%s' does not pin the Python patch release",
				    img->tag ? img->tag : "latest");
	}
	return any ? LINT_JUDGED : LINT_NA;
}

static int d_base_image_digest(struct lint_ctx *cx)
{
	for (size_t s = 0; s < cx->f->nstages; s++) {
		const struct lint_image *img = &cx->img[s];
		if (img->stage_ref >= 0 || img->unresolved || img->scratch || img->digest)
			continue;
		lint_report(cx, cx->f->stages[s].start_line, "'%s' is not pinned by digest",
			    img->name);
	}
	return LINT_JUDGED;
}

static int d_locked_install(struct lint_ctx *cx)
{
	const struct df_instr *where = NULL;

	if (!cx->dm)
		return LINT_NA;
	FOR_INSTR(cx, i, in) {
		static const char *const sync[] = {"sync", NULL};
		static const char *const pipsync[] = {"pip", "sync", NULL};
		FOR_CMD(cx, i, c) {
			int dep = lint_is_dep_install(c), ok = 0;
			if (!dep && !lint_cmd_is(c, "uv", pipsync))
				continue;
			if (!where)
				where = in;
			if (!strcmp(cx->dm, "pip-tools"))
				ok = !strcmp(c->progname, "pip-sync") || lint_cmd_opt(c, "--require-hashes");
			else if (!strcmp(cx->dm, "poetry"))
				ok = !strcmp(c->progname, "poetry"); /* poetry install reads poetry.lock */
			else if (!strcmp(cx->dm, "pipenv"))
				ok = lint_cmd_opt(c, "--deploy") || lint_cmd_opt(c, "--ignore-pipfile") ||
				     lint_cmd_is(c, "pipenv", sync);
			else if (!strcmp(cx->dm, "uv"))
				ok = lint_cmd_opt(c, "--locked") || lint_cmd_opt(c, "--frozen") ||
				     lint_cmd_is(c, "uv", pipsync) || chain_has_env(cx, "UV_LOCKED", TRUTHY) ||
				     chain_has_env(cx, "UV_FROZEN", TRUTHY);
			else if (!strcmp(cx->dm, "conda"))
				ok = !strcmp(c->progname, "conda-lock") || strstr(cx->sh[i].text, ".lock") ||
				     strstr(cx->sh[i].text, "conda-lock");
			else
				return LINT_NA; /* pip: no lock to install from */
			if (!ok) {
				lint_report(cx, in->start_line,
					    "the %s install does not insist on the lock file", cx->dm);
				return LINT_JUDGED;
			}
		}
	}
	if (!where && strcmp(cx->dm, "pip"))
		return LINT_NA;
	return LINT_JUDGED;
}

static int pinned_requirement(const char *a)
{
	return strstr(a, "==") || strchr(a, '@') || strchr(a, '/') || a[0] == '.' ||
	       a[0] == '$' || is_archive(a) || strstr(a, ".whl") || strstr(a, ".zip") ||
	       strstr(a, "://");
}

static int d_pinned_pip_installs(struct lint_ctx *cx)
{
	static const char *const takes_value[] = {
		"-r", "--requirement", "-c", "--constraint", "-e", "--editable", "-i",
		"--index-url", "--extra-index-url", "-t", "--target", "--prefix", "--root",
		"-f", "--find-links", "--trusted-host", "--platform", "--python-version",
		"--implementation", "--abi", "--only-binary", "--no-binary", "--progress-bar",
		"--cache-dir", "--src", "--upgrade-strategy", "--config-settings", "-C",
		"--global-option", "--log", "--timeout", "--retries", "--proxy", "--cert",
		"--client-cert", "--exists-action", "--python", "-p", "--report", NULL};

	FOR_INSTR(cx, i, in) {
		FOR_CMD(cx, i, c) {
			size_t first;
			if (!lint_is_pip_install(c, &first))
				continue;
			for (size_t k = first; k < c->argc; k++) {
				const char *a = c->argv[k];
				int skip = 0;
				if (a[0] == '-') {
					for (size_t t = 0; takes_value[t]; t++)
						if (!strcmp(a, takes_value[t]))
							skip = 1;
					k += (size_t)skip;
					continue;
				}
				if (pinned_requirement(a))
					continue;
				lint_report(cx, in->start_line,
					    "pip installs '%s' without a version pin", a);
				break;
			}
		}
	}
	return LINT_JUDGED;
}

static int d_install_project_no_deps(struct lint_ctx *cx)
{
	int seen = 0, dep_first = 0;
	static const char *const sync[] = {"sync", NULL};

	FOR_INSTR(cx, i, in) {
		if (in->kind == DF_FROM)
			dep_first = 0;
		FOR_CMD(cx, i, c) {
			if (lint_is_pip_install(c, NULL)) {
				int project = 0;
				for (size_t k = c->prog + 2; k < c->argc; k++)
					if (!strcmp(c->argv[k], ".") || !strcmp(c->argv[k], "./") ||
					    !strncmp(c->argv[k], ".[", 2))
						project = 1;
				if (!project)
					continue;
				seen = 1;
				if (!lint_cmd_opt(c, "--no-deps"))
					lint_report(cx, in->start_line,
						    "the project is installed with its dependencies "
						    "(no --no-deps), after they were installed");
			} else if (lint_cmd_is(c, "poetry", S_INSTALL)) {
				if (lint_cmd_opt(c, "--no-root")) {
					dep_first = 1;
					continue;
				}
				seen = 1;
				if (!lint_cmd_opt(c, "--only-root") && !dep_first)
					lint_report(cx, in->start_line,
						    "poetry installs the project and its dependencies "
						    "in one layer (use --no-root, then --only-root)");
			} else if (lint_cmd_is(c, "uv", sync)) {
				if (lint_cmd_opt(c, "--no-install-project")) {
					dep_first = 1;
					continue;
				}
				seen = 1;
				if (!dep_first)
					lint_report(cx, in->start_line,
						    "uv sync installs the project and its dependencies "
						    "in one layer (sync --no-install-project first)");
			}
		}
	}
	return seen ? LINT_JUDGED : LINT_NA;
}

static int d_pin_installer(struct lint_ctx *cx)
{
	const char *tool = cx->dm;
	int seen = 0;

	if (!tool)
		return LINT_NA;
	FOR_INSTR(cx, i, in) {
		if (in->kind == DF_COPY && !strcmp(tool, "uv")) {
			const struct df_flag *from = df_instr_flag(in, "from");
			if (from && from->value && strstr(from->value, "astral-sh/uv")) {
				const char *colon = strrchr(from->value, ':');
				seen = 1;
				if (!strchr(from->value, '@') &&
				    (!colon || !strcmp(colon + 1, "latest") || strchr(colon, '/')))
					lint_report(cx, in->start_line,
						    "uv is copied from an untagged image");
			}
		}
		FOR_CMD(cx, i, c) {
			size_t first;
			int pipx = !strcmp(c->progname, "pipx") && lint_cmd_opt(c, "install");
			if (!lint_is_pip_install(c, &first) && !pipx)
				continue;
			if (pipx)
				first = lint_cmd_opt(c, "install") + 1;
			for (size_t k = first; k < c->argc; k++) {
				const char *a = c->argv[k];
				size_t n = strlen(tool);
				if (strncmp(a, tool, n) || (a[n] && !strchr("=<>~[!", a[n])))
					continue;
				seen = 1;
				if (!strstr(a, "=="))
					lint_report(cx, in->start_line, "%s is installed without a "
						    "version pin", tool);
			}
		}
		if (in->kind == DF_RUN && strstr(cx->sh[i].text, "install.python-poetry.org") &&
		    !strcmp(tool, "poetry")) {
			seen = 1;
			if (!chain_has_env(cx, "POETRY_VERSION", NULL) &&
			    !strstr(cx->sh[i].text, "--version") && !strstr(cx->sh[i].text, "POETRY_VERSION"))
				lint_report(cx, in->start_line,
					    "the Poetry installer runs without POETRY_VERSION");
		}
	}
	return seen ? LINT_JUDGED : LINT_NA;
}

static int d_no_dev_dependencies(struct lint_ctx *cx)
{
	static const char *const sync[] = {"sync", NULL};
	int seen = 0;

	FOR_INSTR(cx, i, in) {
		FOR_CMD(cx, i, c) {
			int bad = 0;
			if (lint_cmd_is(c, "poetry", S_INSTALL)) {
				size_t o = lint_cmd_opt(c, "--only");
				seen = 1;
				bad = !lint_cmd_opt(c, "--only-root") && !lint_cmd_opt(c, "--without") &&
				      !lint_cmd_opt(c, "--no-dev") &&
				      !(o && (strstr(c->argv[o], "main") ||
					      (o + 1 < c->argc && !strcmp(c->argv[o + 1], "main"))));
				if (lint_cmd_opt(c, "--with") && !bad)
					bad = 0;
			} else if (lint_cmd_is(c, "pipenv", S_INSTALL) || lint_cmd_is(c, "pipenv", sync)) {
				seen = 1;
				bad = lint_cmd_opt(c, "--dev") || lint_cmd_opt(c, "-d");
			} else if (lint_cmd_is(c, "uv", sync)) {
				seen = 1;
				bad = !lint_cmd_opt(c, "--no-dev") && !lint_cmd_opt(c, "--only-group") &&
				      !lint_cmd_opt(c, "--no-default-groups") &&
				      !chain_has_env(cx, "UV_NO_DEV", TRUTHY);
			}
			if (bad)
				lint_report(cx, in->start_line,
					    "%s installs the development dependencies too", c->progname);
		}
	}
	return seen ? LINT_JUDGED : LINT_NA;
}

static int d_uv_no_python_downloads(struct lint_ctx *cx)
{
	FOR_INSTR(cx, i, in) {
		if (in->kind == DF_ENV) {
			for (size_t k = 0; k < in->nkvs; k++) {
				struct strbuf v = STRBUF_INIT;
				int ok;
				/* only these keys matter: unquote no other value */
				if (strncmp(in->kvs[k].key, "UV_", 3))
					continue;
				lint_unquote(cx, in->kvs[k].value, &v);
				ok = (!strcmp(in->kvs[k].key, "UV_PYTHON_DOWNLOADS") &&
				      (!strcmp(v.buf, "never") || !strcmp(v.buf, "0") ||
				       !strcasecmp(v.buf, "false"))) ||
				     !strcmp(in->kvs[k].key, "UV_NO_MANAGED_PYTHON") ||
				     (!strcmp(in->kvs[k].key, "UV_PYTHON_PREFERENCE") &&
				      !strcmp(v.buf, "only-system"));
				strbuf_release(&v);
				if (ok)
					return LINT_JUDGED;
			}
		}
	}
	FOR_INSTR(cx, i, in) {
		FOR_CMD(cx, i, c) {
			if (lint_cmd_is(c, "uv", NULL) && !lint_cmd_opt(c, "--no-python-downloads") &&
			    !lint_cmd_opt(c, "--python-preference") && c->prog + 1 < c->argc) {
				lint_report(cx, in->start_line,
					    "uv may download its own Python (UV_PYTHON_DOWNLOADS=never "
					    "is not set)");
				return LINT_JUDGED;
			}
		}
	}
	return LINT_JUDGED;
}

static int d_no_apt_version_pins(struct lint_ctx *cx)
{
	FOR_INSTR(cx, i, in) {
		FOR_CMD(cx, i, c) {
			size_t first;
			if (!lint_is_apt_install(c, &first))
				continue;
			for (size_t k = first; k < c->argc; k++) {
				const char *eq = strchr(c->argv[k], '=');
				if (c->argv[k][0] == '-' || !eq)
					continue;
				if (eq[1] && c->argv[k][strlen(c->argv[k]) - 1] != '*') {
					lint_report(cx, in->start_line,
						    "'%s' pins an exact Debian package version, which "
						    "the archive removes on the next security update",
						    c->argv[k]);
					break;
				}
			}
		}
	}
	return LINT_JUDGED;
}

static int d_source_date_epoch(struct lint_ctx *cx)
{
	FOR_INSTR(cx, i, in) {
		if (in->kind != DF_ARG && in->kind != DF_ENV)
			continue;
		for (size_t k = 0; k < in->nkvs; k++)
			if (!strcmp(in->kvs[k].key, "SOURCE_DATE_EPOCH"))
				return LINT_JUDGED;
	}
	lint_report(cx, lint_final_from_line(cx), "no ARG SOURCE_DATE_EPOCH for reproducible builds");
	return LINT_JUDGED;
}

/* ---- tier 5: build time ---- */

static int volatile_arg(const char *k)
{
	return strstr(k, "GIT_SHA") || strstr(k, "COMMIT") || strstr(k, "REVISION") ||
	       !strcmp(k, "SOURCE_DATE_EPOCH") || !strcmp(k, "BUILD_DATE") ||
	       !strcmp(k, "VERSION") || !strcmp(k, "APP_VERSION");
}

static int d_stable_layers_first(struct lint_ctx *cx)
{
	int ctx_line = 0, arg_line = 0;
	const char *arg_name = NULL;

	FOR_INSTR(cx, i, in) {
		if (in->kind == DF_FROM) {
			ctx_line = arg_line = 0;
			continue;
		}
		if (lint_is_context_copy(in) && !ctx_line)
			ctx_line = in->start_line;
		if (in->kind == DF_ARG && in->stage >= 0) {
			for (size_t k = 0; k < in->nkvs; k++)
				if (volatile_arg(in->kvs[k].key) && !arg_line) {
					arg_line = in->start_line;
					arg_name = in->kvs[k].key;
				}
		}
		if (in->kind != DF_RUN)
			continue;
		FOR_CMD(cx, i, c) {
			int heavy = lint_is_apt_install(c, NULL) ||
				    (lint_is_dep_install(c) && !project_followup(cx, i, c)) ||
				    !strcmp(c->progname, "useradd") || !strcmp(c->progname, "adduser") ||
				    (!strcmp(c->progname, "apk") && lint_cmd_opt(c, "add"));
			if (!heavy)
				continue;
			if (ctx_line) {
				lint_report(cx, in->start_line,
					    "%s runs after COPY of the whole context (line %d): every "
					    "code change redoes it", c->progname, ctx_line);
				ctx_line = 0;
			} else if (arg_line) {
				lint_report(cx, in->start_line,
					    "%s runs after ARG %s (line %d): every new value redoes it",
					    c->progname, arg_name, arg_line);
				arg_line = 0;
			}
			break;
		}
	}
	return LINT_JUDGED;
}

static int d_package_cache_mount(struct lint_ctx *cx)
{
	int seen = 0;

	FOR_INSTR(cx, i, in) {
		FOR_CMD(cx, i, c) {
			if (!lint_is_dep_install(c))
				continue;
			seen = 1;
			if (!lint_has_cache_mount(in, NULL))
				lint_report(cx, in->start_line,
					    "the dependency install has no cache mount, so every "
					    "rebuild downloads everything again");
			break;
		}
	}
	return seen ? LINT_JUDGED : LINT_NA;
}

static int d_syntax_directive(struct lint_ctx *cx)
{
	for (size_t k = 0; k < cx->f->ndirectives; k++)
		if (!strcmp(cx->f->directives[k].name, "syntax"))
			return LINT_JUDGED;
	lint_report(cx, 1, "no '# syntax=docker/dockerfile:1' line pins the Dockerfile frontend");
	return LINT_JUDGED;
}

static int d_bind_mount_manifests(struct lint_ctx *cx)
{
	static const char *const sync[] = {"sync", NULL};

	FOR_INSTR(cx, i, in) {
		FOR_CMD(cx, i, c) {
			if (!lint_cmd_is(c, "uv", sync) || !lint_cmd_opt(c, "--no-install-project"))
				continue;
			if (!lint_has_mount_type(in, "bind"))
				lint_report(cx, in->start_line,
					    "uv's manifests are copied, not bind-mounted, for the "
					    "dependency step");
			return LINT_JUDGED;
		}
	}
	return LINT_NA;
}

static int d_uv_link_mode_copy(struct lint_ctx *cx)
{
	int cache = 0;

	FOR_INSTR(cx, i, in) {
		if (in->kind == DF_ENV) {
			for (size_t k = 0; k < in->nkvs; k++)
				if (!strcmp(in->kvs[k].key, "UV_LINK_MODE"))
					return LINT_JUDGED;
		}
		FOR_CMD(cx, i, c) {
			if (lint_cmd_is(c, "uv", NULL) && lint_cmd_opt(c, "--link-mode"))
				return LINT_JUDGED;
			if (lint_cmd_is(c, "uv", NULL) && lint_has_cache_mount(in, NULL) && !cache) {
				cache = in->start_line;
			}
		}
	}
	if (!cache)
		return LINT_NA; /* without a cache mount uv hard-links within one filesystem */
	lint_report(cx, cache, "uv hard-links from a cache mount (set ENV UV_LINK_MODE=copy)");
	return LINT_JUDGED;
}

static int d_avoid_alpine(struct lint_ctx *cx)
{
	for (size_t s = 0; s < cx->f->nstages; s++) {
		const struct lint_image *img = &cx->img[s];
		if (img->stage_ref < 0 && is_python_image(img) && img->tag &&
		    strstr(img->tag, "alpine"))
			lint_report(cx, cx->f->stages[s].start_line,
				    "python:%s is Alpine: musl means source builds of wheels and "
				    "slower Python", img->tag);
	}
	return LINT_JUDGED;
}

/* ---- tier 6: image size ---- */

static int d_pip_no_cache_dir(struct lint_ctx *cx)
{
	int env = chain_has_env(cx, "PIP_NO_CACHE_DIR", NULL);
	int uvenv = chain_has_env(cx, "UV_NO_CACHE", NULL);
	static const char *const sync[] = {"sync", NULL};

	FOR_INSTR(cx, i, in) {
		if (!lint_in_chain(cx, in) || in->kind != DF_RUN || lint_has_cache_mount(in, NULL))
			continue;
		FOR_CMD(cx, i, c) {
			int bad = 0;
			if (lint_is_pip_install(c, NULL)) {
				if (!strcmp(c->progname, "uv"))
					bad = !uvenv && !lint_cmd_opt(c, "--no-cache");
				else
					bad = !env && !lint_cmd_opt(c, "--no-cache-dir");
			} else if (lint_cmd_is(c, "uv", sync)) {
				bad = !uvenv && !lint_cmd_opt(c, "--no-cache");
			} else if (lint_cmd_is(c, "pipenv", S_INSTALL)) {
				bad = !env;
			}
			if (bad && (strstr(cx->sh[i].text, "cache purge") ||
				    strstr(cx->sh[i].text, "rm -rf /root/.cache") ||
				    strstr(cx->sh[i].text, "uv cache clean")))
				bad = 0;
			if (bad) {
				lint_report(cx, in->start_line,
					    "%s keeps its download cache in the image", c->progname);
				break;
			}
		}
	}
	return LINT_JUDGED;
}

static int d_multi_stage_venv(struct lint_ctx *cx)
{
	if (cx->f->nstages >= 2) {
		FOR_INSTR(cx, i, in) {
			const struct df_flag *from;
			if (in->kind != DF_COPY || in->stage != cx->final ||
			    !(from = df_instr_flag(in, "from")) || !from->value)
				continue;
			if (df_find_stage(cx->f, from->value))
				return LINT_JUDGED;
		}
	}
	lint_report(cx, lint_final_from_line(cx),
		    "the final stage is also the build stage: compilers and caches ship");
	return LINT_JUDGED;
}

static int dev_package(const char *a)
{
	size_t n = strlen(a);
	const char *eq = strchr(a, '=');

	if (eq)
		n = (size_t)(eq - a);
	return (n > 4 && !strncmp(a + n - 4, "-dev", 4)) ||
	       (n > 6 && !strncmp(a + n - 6, "-devel", 6));
}

static int build_tool(const char *a)
{
	static const char *const tools[] = {"gcc", "g++", "make", "build-essential", "clang",
					    "cmake", "build-base", "cargo", "rustc", "gfortran",
					    "musl-dev", NULL};
	for (size_t k = 0; tools[k]; k++)
		if (!strcmp(a, tools[k]) || (!strncmp(a, tools[k], strlen(tools[k])) &&
					     a[strlen(tools[k])] == '='))
			return 1;
	return 0;
}

static int final_packages(struct lint_ctx *cx, int (*pred)(const char *), const char *what)
{
	FOR_INSTR(cx, i, in) {
		if (!lint_in_chain(cx, in))
			continue;
		FOR_CMD(cx, i, c) {
			size_t first = 0;
			if (!lint_is_apt_install(c, &first)) {
				if (!strcmp(c->progname, "apk") && lint_cmd_opt(c, "add"))
					first = lint_cmd_opt(c, "add") + 1;
				else
					continue;
			}
			for (size_t k = first; k < c->argc; k++) {
				if (c->argv[k][0] != '-' && pred(c->argv[k])) {
					lint_report(cx, in->start_line,
						    "the final image installs %s '%s'", what,
						    c->argv[k]);
					break;
				}
			}
		}
	}
	return LINT_JUDGED;
}

static int d_runtime_libs_only(struct lint_ctx *cx)
{
	return final_packages(cx, dev_package, "the development package");
}

static int d_no_build_tools_in_runtime(struct lint_ctx *cx)
{
	return final_packages(cx, build_tool, "the build tool");
}

static int cleanup_only(const struct lint_sh *sh)
{
	int any = 0;

	for (size_t c = 0; c < sh->ncmds; c++) {
		const struct lint_cmd *cmd = &sh->cmds[c];
		const char *pn = cmd->progname;
		int clean = 0;
		if (!strcmp(pn, "rm")) {
			for (size_t k = cmd->prog + 1; k < cmd->argc; k++) {
				const char *a = cmd->argv[k];
				if (strstr(a, "/var/lib/apt/lists") || strstr(a, "/var/cache/") ||
				    strstr(a, ".cache") || !strncmp(a, "/tmp/", 5) ||
				    strstr(a, "/opt/conda/pkgs"))
					clean = 1;
			}
		} else if ((!strcmp(pn, "apt-get") || !strcmp(pn, "apt")) &&
			   (lint_cmd_opt(cmd, "clean") || lint_cmd_opt(cmd, "autoremove") ||
			    lint_cmd_opt(cmd, "purge") || lint_cmd_opt(cmd, "remove"))) {
			clean = 1;
		} else if ((!strcmp(pn, "conda") || !strcmp(pn, "mamba") || !strcmp(pn, "micromamba")) &&
			   lint_cmd_opt(cmd, "clean")) {
			clean = 1;
		} else if (!strcmp(pn, "pip") && lint_cmd_opt(cmd, "cache")) {
			clean = 1;
		} else if (!strcmp(pn, "true") || !strcmp(pn, "set")) {
			continue;
		}
		if (!clean)
			return 0;
		any = 1;
	}
	return any;
}

static int d_same_layer_cleanup(struct lint_ctx *cx)
{
	int prev_run = 0, stage = -2;

	FOR_INSTR(cx, i, in) {
		if (in->stage != stage) {
			stage = in->stage;
			prev_run = 0;
		}
		if (in->kind != DF_RUN)
			continue;
		if (prev_run && cleanup_only(&cx->sh[i]))
			lint_report(cx, in->start_line,
				    "this RUN only deletes files an earlier layer made: they stay in "
				    "that layer");
		prev_run = 1;
	}
	return LINT_JUDGED;
}

static int d_chown_at_copy(struct lint_ctx *cx)
{
	FOR_INSTR(cx, i, in) {
		if (in->kind != DF_RUN)
			continue;
		FOR_CMD(cx, i, c) {
			if (!strcmp(c->progname, "chown") &&
			    (lint_cmd_opt(c, "-R") || lint_cmd_opt(c, "--recursive"))) {
				lint_report(cx, in->start_line,
					    "chown -R copies every file into a new layer");
				break;
			}
		}
	}
	return LINT_JUDGED;
}

static int d_slim_final_stage(struct lint_ctx *cx)
{
	const struct lint_image *img = root_img(cx, cx->final);
	int bad = 0;

	if (img->unresolved || img->scratch)
		return LINT_NA;
	if (is_python_image(img) || !strcmp(img->name, "debian"))
		bad = !img->tag || (!strstr(img->tag, "slim") && !strstr(img->tag, "alpine"));
	else if (is_conda_image(img) && strcmp(img->name, "mambaorg/micromamba"))
		bad = 1;
	if (bad)
		lint_report(cx, cx->f->stages[cx->final].start_line,
			    "the final stage runs on the full image '%s%s%s'", img->name,
			    img->tag ? ":" : "", img->tag ? img->tag : "");
	return LINT_JUDGED;
}

static int d_conda_clean(struct lint_ctx *cx)
{
	FOR_INSTR(cx, i, in) {
		int install = 0;
		if (in->kind != DF_RUN || !lint_in_chain(cx, in))
			continue;
		FOR_CMD(cx, i, c) {
			if (lint_is_dep_install(c) && strcmp(c->progname, "pip") &&
			    strcmp(c->progname, "uv"))
				install = 1;
		}
		if (!install || lint_has_cache_mount(in, "pkgs"))
			continue;
		if (!strstr(cx->sh[i].text, "clean"))
			lint_report(cx, in->start_line,
				    "conda's package cache stays in the layer (no conda clean -afy)");
	}
	return LINT_JUDGED;
}

const struct lint_rule lint_rules[] = {
	{"baseline.official-python-base", d_official_python_base, LINT_INFO},
	{"baseline.tagged-base-image", d_tagged_base_image, LINT_WARNING},
	{"baseline.absolute-workdir", d_absolute_workdir, LINT_ERROR},
	{"baseline.copy-manifests-first", d_copy_manifests_first, LINT_INFO},
	{"baseline.install-dependencies", d_install_dependencies, LINT_INFO},
	{"baseline.exec-form-cmd", d_exec_form_cmd, LINT_WARNING},
	{"baseline.production-server", d_production_server, LINT_ERROR},
	{"baseline.bind-all-interfaces", d_bind_all_interfaces, LINT_ERROR},
	{"baseline.expose-port", d_expose_port, LINT_INFO},
	{"security.non-root-user", d_non_root_user, LINT_WARNING},
	{"security.read-only-code", d_read_only_code, LINT_INFO},
	{"security.apt-security-updates", d_apt_security_updates, LINT_INFO},
	{"security.apt-no-install-recommends", d_apt_no_install_recommends, LINT_WARNING},
	{"security.apt-lists-removed", d_apt_lists_removed, LINT_WARNING},
	{"security.no-secrets-in-image", d_no_secrets_in_image, LINT_WARNING},
	{"security.no-sudo", d_no_sudo, LINT_ERROR},
	{"security.unprivileged-port", d_unprivileged_port, LINT_INFO},
	{"security.no-bytecode-writes", d_no_bytecode_writes, LINT_INFO},
	{"security.stable-distro", d_stable_distro, LINT_INFO},
	{"automation.oci-revision-label", d_oci_revision_label, LINT_INFO},
	{"correctness.unbuffered-output", d_unbuffered_output, LINT_INFO},
	{"correctness.faulthandler", d_faulthandler, LINT_INFO},
	{"correctness.healthcheck", d_healthcheck, LINT_INFO},
	{"correctness.init-process", d_init_process, LINT_INFO},
	{"correctness.stopsignal-sigint", d_stopsignal_sigint, LINT_INFO},
	{"correctness.graceful-timeout", d_graceful_timeout, LINT_INFO},
	{"correctness.entrypoint-exec", d_entrypoint_exec, LINT_WARNING},
	{"correctness.access-log-stdout", d_access_log_stdout, LINT_INFO},
	{"correctness.worker-tmp-dir", d_worker_tmp_dir, LINT_INFO},
	{"correctness.workers-and-threads", d_workers_and_threads, LINT_INFO},
	{"correctness.migrations-out-of-start", d_migrations_out_of_start, LINT_WARNING},
	{"correctness.collectstatic-at-build", d_collectstatic_at_build, LINT_INFO},
	{"correctness.import-check", d_import_check, LINT_INFO},
	{"correctness.venv-on-path", d_venv_on_path, LINT_INFO},
	{"correctness.version-in-environment", d_version_in_environment, LINT_INFO},
	{"correctness.precompile-bytecode", d_precompile_bytecode, LINT_INFO},
	{"correctness.copy-not-add", d_copy_not_add, LINT_ERROR},
	{"correctness.no-cd-in-run", d_no_cd_in_run, LINT_WARNING},
	{"correctness.no-maintainer", d_no_maintainer, LINT_ERROR},
	{"correctness.single-cmd", d_single_cmd, LINT_ERROR},
	{"correctness.pipefail", d_pipefail, LINT_WARNING},
	{"correctness.unique-stage-names", d_unique_stage_names, LINT_ERROR},
	{"correctness.copy-from-known-stage", d_copy_from_known_stage, LINT_WARNING},
	{"reproducibility.pin-python-minor", d_pin_python_minor, LINT_INFO},
	{"reproducibility.patch-level-python", d_patch_level_python, LINT_INFO},
	{"reproducibility.base-image-digest", d_base_image_digest, LINT_INFO},
	{"reproducibility.locked-install", d_locked_install, LINT_INFO},
	{"reproducibility.pinned-pip-installs", d_pinned_pip_installs, LINT_WARNING},
	{"reproducibility.install-project-no-deps", d_install_project_no_deps, LINT_INFO},
	{"reproducibility.pin-installer", d_pin_installer, LINT_INFO},
	{"reproducibility.no-dev-dependencies", d_no_dev_dependencies, LINT_INFO},
	{"reproducibility.uv-no-python-downloads", d_uv_no_python_downloads, LINT_INFO},
	{"reproducibility.no-apt-version-pins", d_no_apt_version_pins, LINT_WARNING},
	{"reproducibility.source-date-epoch", d_source_date_epoch, LINT_INFO},
	{"build-time.stable-layers-first", d_stable_layers_first, LINT_INFO},
	{"build-time.package-cache-mount", d_package_cache_mount, LINT_INFO},
	{"build-time.syntax-directive", d_syntax_directive, LINT_INFO},
	{"build-time.bind-mount-manifests", d_bind_mount_manifests, LINT_INFO},
	{"build-time.uv-link-mode-copy", d_uv_link_mode_copy, LINT_INFO},
	{"build-time.avoid-alpine", d_avoid_alpine, LINT_WARNING},
	{"image-size.pip-no-cache-dir", d_pip_no_cache_dir, LINT_INFO},
	{"image-size.multi-stage-venv", d_multi_stage_venv, LINT_INFO},
	{"image-size.runtime-libs-only", d_runtime_libs_only, LINT_INFO},
	{"image-size.no-build-tools-in-runtime", d_no_build_tools_in_runtime, LINT_INFO},
	{"image-size.same-layer-cleanup", d_same_layer_cleanup, LINT_WARNING},
	{"image-size.chown-at-copy", d_chown_at_copy, LINT_WARNING},
	{"image-size.slim-final-stage", d_slim_final_stage, LINT_WARNING},
	{"image-size.conda-clean", d_conda_clean, LINT_INFO},
};

const size_t lint_nrules = sizeof(lint_rules) / sizeof(lint_rules[0]);
