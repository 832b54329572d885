/*
 * lint_int.h: what lint.c (the engine) shares with lint_rules.c (the
 * detector table). Private to the lint module.
 */
#ifndef SHIPSHAPE_LINT_INT_H
#define SHIPSHAPE_LINT_INT_H

#include <stddef.h>

#include "shipshape/lint.h"

/* A detector returns LINT_NA when its practice does not apply to the file. */
#define LINT_NA (-1)
#define LINT_JUDGED 0

/* One simple shell command of a RUN (or of an exec/shell CMD): its words. */
struct lint_cmd {
	char **argv;    /* every word, quotes removed */
	size_t argc;
	int subshell;   /* inside ( ... ) */
	size_t prog;    /* index of the program word (after VAR=x, env, exec, ...) */
	const char *progname; /* basename of argv[prog] (points into argv or at a literal), normalised: pip3 -> pip, python3.12 ->
			   python, `python -m pip` -> pip (then prog points at "pip") */
	int pip, apt, dep;           /* classified once: pip/uv pip install, apt-get install,
					a dependency install (see lint_is_dep_install) */
	size_t pip_first, apt_first; /* index of the first word after "install" */
};

/* The shell view of one instruction with a command (RUN, CMD, ENTRYPOINT, HEALTHCHECK). */
struct lint_sh {
	struct lint_cmd *cmds;
	size_t ncmds;
	char *text;   /* the command text (shell form, exec words joined, heredoc bodies) */
	int has_pipe; /* a single '|' outside quotes */
};

struct lint_image {
	char *name;     /* "python", "continuumio/miniconda3" (docker.io/library/ removed) */
	char *tag;      /* NULL when none */
	char *digest;   /* "sha256:..." or NULL */
	int stage_ref;  /* index of an earlier stage this FROM names, else -1 */
	int unresolved; /* a variable without a default remains */
	int scratch;
};

struct lint_ctx;
typedef int (*lint_detect_fn)(struct lint_ctx *cx);

struct lint_rule {
	const char *id;
	lint_detect_fn detect;
	enum lint_severity severity;
};

struct lint_ctx {
	const struct df_file *f;
	const struct catalog *c;
	const struct practice *p; /* the practice being judged */
	const struct lint_rule *rule;
	struct lint_sh *sh;       /* per top-level instruction; cmds NULL if not a command */
	struct lint_image *img;   /* per stage */
	int final;                /* index of the final stage */
	int *chain;               /* chain[s] = 1: the final image is built on stage s */
	const struct df_kv **env; /* the ENV pairs of the final chain, in file order */
	size_t nenv;
	/* The situation, as inferred */
	const char *dm;           /* dependency manager or NULL */
	const char *app_kind;     /* wsgi, asgi, worker, cli or NULL */
	const char *framework;
	const char *server;       /* gunicorn, uvicorn, ... (first word of the server command) */
	const char *migrations;
	int installable;          /* a project install (pip install ., poetry install) seen */
	int python_patch, base_digest;
	/* The runtime command of the final image */
	const struct df_instr *cmd, *entrypoint;
	struct lint_cmd *server_cmd; /* the server's command (in CMD or ENTRYPOINT), or NULL */
	/* Findings of the current detector go here (engine-owned) */
	struct lint_result *res;
	int nfound;
};

/* The detector table (lint_rules.c). */
extern const struct lint_rule lint_rules[];
extern const size_t lint_nrules;

/* Report a finding of the current practice at instruction in (line) with a message. */
void lint_report(struct lint_ctx *cx, int line, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

/* Helpers for detectors (lint.c) */
const struct df_instr *lint_instr(const struct lint_ctx *cx, size_t i);
int lint_in_chain(const struct lint_ctx *cx, const struct df_instr *in);
int lint_final_from_line(const struct lint_ctx *cx);
/* ENV value (quotes removed, owned by a static-free strbuf the caller passes) of key set in
   the final chain, 1 when found. */
int lint_chain_env(const struct lint_ctx *cx, const char *key, struct strbuf *val);
/* 1 when cmd's program is prog and argv after it starts with the words sub (NULL-ended). */
int lint_cmd_is(const struct lint_cmd *cmd, const char *prog, const char *const *sub);
/* Index in argv of an option (exact, or "--opt=..." for long ones), or 0 when absent. */
size_t lint_cmd_opt(const struct lint_cmd *cmd, const char *opt);
/* 1 when the instruction has --mount with type=cache (target containing want, or any
   target when want is NULL). */
int lint_has_cache_mount(const struct df_instr *in, const char *want);
int lint_has_mount_type(const struct df_instr *in, const char *type);
/* 1 when s contains word w delimited by non-word characters. */
int lint_has_word(const char *s, const char *w);
/* Unquote a kv value into out. */
void lint_unquote(const struct lint_ctx *cx, const char *s, struct strbuf *out);
/* Dependency installs and friends */
int lint_is_dep_install(const struct lint_cmd *cmd);
int lint_is_pip_install(const struct lint_cmd *cmd, size_t *first_arg);
int lint_is_apt_install(const struct lint_cmd *cmd, size_t *first_arg);
int lint_is_context_copy(const struct df_instr *in);

#endif
