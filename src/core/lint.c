/*
 * lint: the engine. Builds the shell view of every command instruction,
 * resolves base images, infers the situation, runs every detector of the
 * table (lint_rules.c) whose practice applies, applies suppressions and
 * computes the tier reached. Output formats live in lint_format.c.
 */
#include <ctype.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "lint_int.h"
#include "shipshape/fsutil.h"
#include "shipshape/xalloc.h"

/* ---- small string helpers ---- */

static int is_word_char(int ch)
{
	return isalnum((unsigned char)ch) || ch == '_' || ch == '-' || ch == '.';
}

int lint_has_word(const char *s, const char *w)
{
	size_t n = strlen(w);
	const char *p = s;
	int ret = 0;

	while (n && (p = strstr(p, w)) != NULL) {
		int before = p == s ? 0 : is_word_char((unsigned char)p[-1]);
		int after = is_word_char((unsigned char)p[n]);
		if (!before && !after) {
			ret = 1;
			break;
		}
		p++;
	}
	return ret;
}

/* ---- the shell view ---- */

/*
 * The tokenizer's state, kept from instruction to instruction of one file
 * (its buffers are reused). Words are written straight into pool.
 */
struct tok {
	struct lint_sh *sh;
	struct strbuf pool; /* the words of the current command, NUL-separated */
	int in_word;
	size_t start;       /* offset in pool of the word being read */
	size_t *offs;       /* offset of each word in pool */
	size_t argc, alloc;
	size_t cmds_alloc;  /* allocated entries of sh->cmds */
	int depth;
};

/* 1 for the characters of an ordinary shell word run (copied at once). */
static const unsigned char word_run[256] = {
	0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
	0, 1, 0, 0, 0, 1, 0, 0, 0, 0, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 0, 0, 1, 0, 1,
	1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 0, 0, 0, 1, 1,
	0, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 0, 0, 0, 1, 0,
	0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
	0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
	0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
	0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
};

static void tok_init(struct tok *t)
{
	memset(t, 0, sizeof(*t));
	strbuf_init(&t->pool, 256);
}

static void tok_release(struct tok *t)
{
	strbuf_release(&t->pool);
	free(t->offs);
}

/* Append n bytes of s to the current word (starting one if none is open). */
static void tok_add(struct tok *t, const char *s, size_t n)
{
	if (!t->in_word) {
		t->start = t->pool.len;
		t->in_word = 1;
	}
	strbuf_add(&t->pool, s, n);
}

static void tok_addch(struct tok *t, char ch)
{
	tok_add(t, &ch, 1);
}

static void tok_end_word(struct tok *t)
{
	if (!t->in_word)
		return;
	if (t->argc == t->alloc) {
		t->alloc = t->alloc ? t->alloc * 2 : 8;
		t->offs = xreallocarray(t->offs, t->alloc, sizeof(*t->offs));
	}
	t->offs[t->argc++] = t->start;
	strbuf_addch(&t->pool, '\0');
	t->in_word = 0;
}

static const char *basename_of(const char *s)
{
	const char *slash = strrchr(s, '/');
	return slash ? slash + 1 : s;
}

static int is_assignment(const char *w)
{
	const char *p = w;

	if (!(isalpha((unsigned char)*p) || *p == '_'))
		return 0;
	while (isalnum((unsigned char)*p) || *p == '_')
		p++;
	return *p == '=';
}

/* The program name of word w: its basename, pip3 -> pip, python3.12 -> python.
   Points into w or at a literal: never to be freed. */
static const char *normalise_prog(const char *w)
{
	const char *b = basename_of(w);

	if (!strncmp(b, "pip", 3) && (b[3] == '\0' || isdigit((unsigned char)b[3])))
		return "pip";
	if (!strncmp(b, "python", 6) && (b[6] == '\0' || isdigit((unsigned char)b[6])))
		return "python";
	return b;
}

static void cmd_set_prog(struct lint_cmd *c)
{
	static const char *const skip[] = {"exec", "env", "time", "nice", "nohup", "{", "then",
					   "do", "else", "!", "if", "while", "until", "command",
					   "sudo", NULL};
	size_t i = 0;

	for (; i < c->argc; i++) {
		int skipped = is_assignment(c->argv[i]);
		/* the skip words all start with one of these */
		if (strchr("etn{d!iwucs", c->argv[i][0]) && c->argv[i][0])
			for (size_t k = 0; !skipped && skip[k]; k++)
				skipped = !strcmp(c->argv[i], skip[k]);
		/* env's and nice's options */
		if (!skipped && i > 0 && c->argv[i][0] == '-' &&
		    (!strcmp(c->argv[i - 1], "env") || !strcmp(c->argv[i - 1], "nice") ||
		     !strcmp(c->argv[i - 1], "sudo")))
			skipped = 1;
		/* sudo -u USER */
		if (!skipped && i > 1 && !strcmp(c->argv[i - 1], "-u") && !strcmp(c->argv[i - 2], "sudo"))
			skipped = 1;
		if (!skipped)
			break;
	}
	c->prog = i;
	if (i >= c->argc) {
		c->progname = "";
		return;
	}
	c->progname = normalise_prog(c->argv[i]);
	/* python -m MODULE: the module is the program */
	if (!strcmp(c->progname, "python")) {
		for (size_t k = i + 1; k < c->argc; k++) {
			if (!strcmp(c->argv[k], "-m") && k + 1 < c->argc) {
				c->progname = normalise_prog(c->argv[k + 1]);
				c->prog = k + 1;
				break;
			}
			if (c->argv[k][0] != '-')
				break;
		}
	}
}

static void cmd_classify(struct lint_cmd *c);

static void tok_end_cmd(struct tok *t)
{
	struct lint_sh *sh = t->sh;
	struct lint_cmd *c;

	char *block;

	tok_end_word(t);
	if (!t->argc)
		return;
	if (sh->ncmds == t->cmds_alloc) {
		t->cmds_alloc = t->cmds_alloc ? t->cmds_alloc * 2 : 4;
		sh->cmds = xreallocarray(sh->cmds, t->cmds_alloc, sizeof(*sh->cmds));
	}
	c = &sh->cmds[sh->ncmds++];
	/* one block: the argv array, then the words */
	block = xmalloc((t->argc + 1) * sizeof(char *) + t->pool.len);
	c->argv = (char **)(void *)block;
	memcpy(block + (t->argc + 1) * sizeof(char *), t->pool.buf, t->pool.len);
	for (size_t i = 0; i < t->argc; i++)
		c->argv[i] = block + (t->argc + 1) * sizeof(char *) + t->offs[i];
	c->argv[t->argc] = NULL;
	c->argc = t->argc;
	c->subshell = t->depth > 0;
	cmd_set_prog(c);
	cmd_classify(c);
	t->argc = 0;
	strbuf_setlen(&t->pool, 0);
}

/* Split shell text into simple commands (a pragmatic subset of POSIX sh),
   with the tokenizer t (reused). */
static void sh_tokenize(struct tok *tp, struct lint_sh *sh, const char *s, int esc)
{
	struct tok t = *tp;
	size_t i = 0, n = strlen(s);

	t.sh = sh;
	t.in_word = 0;
	t.argc = 0;
	t.cmds_alloc = 0;
	t.depth = 0;
	strbuf_setlen(&t.pool, 0);
	while (i < n) {
		char ch = s[i];
		if (ch == '\'') {
			size_t j = i + 1;
			while (j < n && s[j] != '\'')
				j++;
			tok_add(&t, s + i + 1, j - i - 1);
			i = j < n ? j + 1 : j;
		} else if (ch == '"') {
			size_t j = i + 1;
			tok_add(&t, "", 0); /* "" is a word */
			while (j < n && s[j] != '"') {
				size_t k = j;
				if (s[j] == '\\' && j + 1 < n &&
				    strchr("\"\\$`\n", s[j + 1])) {
					if (s[j + 1] != '\n')
						tok_addch(&t, s[j + 1]);
					j += 2;
					continue;
				}
				while (k < n && s[k] != '"' && s[k] != '\\')
					k++;
				if (k == j)
					k++;
				tok_add(&t, s + j, k - j);
				j = k;
			}
			i = j < n ? j + 1 : j;
		} else if (ch == '\\' || (esc != '\\' && ch == esc)) {
			if (i + 1 < n && s[i + 1] != '\n')
				tok_addch(&t, s[i + 1]);
			i += 2;
		} else if (ch == '$' && i + 1 < n && s[i + 1] == '(') {
			int d = 0;
			size_t j = i + 1;
			for (; j < n; j++) {
				if (s[j] == '(')
					d++;
				else if (s[j] == ')' && --d == 0)
					break;
			}
			tok_add(&t, s + i, (j < n ? j + 1 : j) - i);
			i = j < n ? j + 1 : j;
		} else if (ch == ' ' || ch == '\t' || ch == '\r') {
			tok_end_word(&t);
			i++;
		} else if (ch == '\n' || ch == ';') {
			tok_end_cmd(&t);
			i++;
		} else if (ch == '#' && !t.in_word) {
			while (i < n && s[i] != '\n')
				i++;
		} else if (ch == '&' || ch == '|') {
			int twice = i + 1 < n && s[i + 1] == ch;
			if (ch == '|' && !twice)
				sh->has_pipe = 1;
			tok_end_cmd(&t);
			i += twice ? 2 : 1;
		} else if ((ch == '(' || ch == ')') && !t.in_word) {
			tok_end_cmd(&t);
			t.depth += ch == '(' ? 1 : (t.depth > 0 ? -1 : 0);
			i++;
		} else if (ch == '<' && i + 1 < n && s[i + 1] == '<' && !t.in_word) {
			/* heredoc marker: its body is appended separately */
			size_t j = i + 2;
			while (j < n && s[j] != ' ' && s[j] != '\t' && s[j] != '\n' && s[j] != ';' &&
			       s[j] != '&' && s[j] != '|')
				j++;
			i = j;
		} else {
			/* a run of ordinary word characters at once */
			size_t j = i + 1;
			while (j < n && word_run[(unsigned char)s[j]])
				j++;
			tok_add(&t, s + i, j - i);
			i = j;
		}
	}
	tok_end_cmd(&t);
	*tp = t;
}

static void sh_build(struct tok *t, struct lint_sh *sh, const struct df_instr *in, int esc)
{
	struct strbuf text = STRBUF_INIT;
	size_t from = 0;

	if (in->kind == DF_HEALTHCHECK)
		from = 1; /* "CMD" / "NONE" */
	if (in->form == DF_FORM_EXEC) {
		/* ["sh", "-c", "script"]: judge the script */
		if (in->nargs >= from + 3 && !strcmp(basename_of(in->args[from]), "sh") &&
		    !strcmp(in->args[from + 1], "-c"))
			from += 2;
		else if (in->nargs >= from + 3 && !strcmp(basename_of(in->args[from]), "bash") &&
			 !strcmp(in->args[in->nargs - 2], "-c"))
			from = in->nargs - 1;
		for (size_t i = from; i < in->nargs; i++) {
			if (i > from)
				strbuf_addch(&text, ' ');
			/* exec-form words are whole words: quote them for the tokenizer */
			if (in->nargs - from > 1) {
				const char *p = in->args[i], *q;
				strbuf_addch(&text, '\'');
				while ((q = strchr(p, '\'')) != NULL) {
					strbuf_add(&text, p, (size_t)(q - p));
					strbuf_addstr(&text, "'\\''");
					p = q + 1;
				}
				strbuf_addstr(&text, p);
				strbuf_addch(&text, '\'');
			} else {
				strbuf_addstr(&text, in->args[i]);
			}
		}
	} else {
		for (size_t i = from; i < in->nargs; i++) {
			if (i > from)
				strbuf_addch(&text, ' ');
			strbuf_addstr(&text, in->args[i]);
		}
	}
	for (size_t h = 0; h < in->nheredocs; h++) {
		strbuf_addch(&text, '\n');
		strbuf_addstr(&text, in->heredocs[h].content);
	}
	sh_tokenize(t, sh, text.buf, esc);
	sh->text = strbuf_detach(&text, NULL);
}

static void sh_release(struct lint_sh *sh)
{
	for (size_t i = 0; i < sh->ncmds; i++) {
		free(sh->cmds[i].argv); /* one block with the words */
	}
	free(sh->cmds);
	free(sh->text);
}

/* ---- helpers for detectors ---- */

const struct df_instr *lint_instr(const struct lint_ctx *cx, size_t i)
{
	return &cx->f->instrs[i];
}

int lint_in_chain(const struct lint_ctx *cx, const struct df_instr *in)
{
	return in->stage >= 0 && cx->chain[in->stage];
}

int lint_final_from_line(const struct lint_ctx *cx)
{
	return cx->f->stages[cx->final].start_line;
}

void lint_unquote(const struct lint_ctx *cx, const char *s, struct strbuf *out)
{
	strbuf_setlen(out, 0);
	if (!s)
		s = "";
	/* nothing to unquote: no quote and no escape character */
	if (!strpbrk(s, "\"'\\") && !strchr(s, cx->f->escape)) {
		strbuf_addstr(out, s);
		return;
	}
	if (df_unquote(s, cx->f->escape, out) < 0) {
		strbuf_setlen(out, 0);
		strbuf_addstr(out, s ? s : "");
	}
}

int lint_chain_env(const struct lint_ctx *cx, const char *key, struct strbuf *val)
{
	const struct df_kv *last = NULL;

	for (size_t i = 0; i < cx->nenv; i++)
		if (!strcmp(cx->env[i]->key, key))
			last = cx->env[i];
	if (last)
		lint_unquote(cx, last->value, val);
	return last != NULL;
}

int lint_cmd_is(const struct lint_cmd *cmd, const char *prog, const char *const *sub)
{
	size_t i = cmd->prog + 1;

	/* the first character first: most commands are not prog */
	if (cmd->progname[0] != prog[0] || strcmp(cmd->progname, prog))
		return 0;
	for (size_t k = 0; sub && sub[k]; k++) {
		/* skip options between the program and its subcommand (uv --no-cache sync) */
		while (i < cmd->argc && cmd->argv[i][0] == '-' && k == 0)
			i++;
		if (i >= cmd->argc || strcmp(cmd->argv[i], sub[k]))
			return 0;
		i++;
	}
	return 1;
}

size_t lint_cmd_opt(const struct lint_cmd *cmd, const char *opt)
{
	size_t n = strlen(opt);

	for (size_t i = cmd->prog + 1; i < cmd->argc; i++) {
		const char *a = cmd->argv[i];
		/* both tests below need the first two characters equal */
		if (a[0] != opt[0] || (opt[0] && a[1] != opt[1]))
			continue;
		if (!strcmp(a, opt))
			return i;
		if (n > 2 && opt[1] == '-' && !strncmp(a, opt, n) && a[n] == '=')
			return i;
	}
	return 0;
}

static int mount_has(const char *value, const char *key, const char *want)
{
	const char *p = value;
	size_t kn = strlen(key);
	int ret = 0;

	while (p && *p) {
		const char *comma = strchr(p, ',');
		size_t len = comma ? (size_t)(comma - p) : strlen(p);
		if (len > kn && !strncmp(p, key, kn) && p[kn] == '=') {
			char *v = xstrndup(p + kn + 1, len - kn - 1);
			ret = !want || strstr(v, want) != NULL;
			free(v);
			if (ret)
				break;
		}
		p = comma ? comma + 1 : NULL;
	}
	return ret;
}

int lint_has_mount_type(const struct df_instr *in, const char *type)
{
	for (size_t i = 0; i < in->nflags; i++) {
		const struct df_flag *fl = &in->flags[i];
		if (!strcmp(fl->name, "mount") && fl->value && mount_has(fl->value, "type", type))
			return 1;
	}
	return 0;
}

int lint_has_cache_mount(const struct df_instr *in, const char *want)
{
	for (size_t i = 0; i < in->nflags; i++) {
		const struct df_flag *fl = &in->flags[i];
		if (strcmp(fl->name, "mount") || !fl->value)
			continue;
		if (!mount_has(fl->value, "type", "cache") && !mount_has(fl->value, "type", "tmpfs"))
			continue;
		if (!want || mount_has(fl->value, "target", want) ||
		    mount_has(fl->value, "dst", want) || mount_has(fl->value, "destination", want))
			return 1;
	}
	return 0;
}

static int compute_pip_install(const struct lint_cmd *cmd, size_t *first_arg)
{
	static const char *const install[] = {"install", NULL};
	static const char *const uvpip[] = {"pip", "install", NULL};
	int ret = 0;

	if (cmd->progname[0] != 'p' && cmd->progname[0] != 'u')
		return 0;
	if (lint_cmd_is(cmd, "pip", install))
		ret = 1;
	else if (lint_cmd_is(cmd, "uv", uvpip))
		ret = 1;
	if (ret && first_arg) {
		size_t i = cmd->prog + 1;
		while (i < cmd->argc && strcmp(cmd->argv[i], "install"))
			i++;
		*first_arg = i + 1;
	}
	return ret;
}

static int compute_apt_install(const struct lint_cmd *cmd, size_t *first_arg)
{
	int ret = 0;
	size_t i;

	if (cmd->progname[0] != 'a' || (strcmp(cmd->progname, "apt-get") && strcmp(cmd->progname, "apt") &&
	    strcmp(cmd->progname, "aptitude")))
		return 0;
	for (i = cmd->prog + 1; i < cmd->argc; i++) {
		if (!strcmp(cmd->argv[i], "install")) {
			ret = 1;
			break;
		}
		if (cmd->argv[i][0] != '-')
			break;
		/* -o Key=value takes a value */
		if (!strcmp(cmd->argv[i], "-o") || !strcmp(cmd->argv[i], "-t"))
			i++;
	}
	if (ret && first_arg)
		*first_arg = i + 1;
	return ret;
}

/* A requirements-style dependency install (not the project itself, not a tool). */
static int compute_dep_install(const struct lint_cmd *cmd)
{
	static const char *const install[] = {"install", NULL};
	static const char *const sync[] = {"sync", NULL};
	static const char *const envcreate[] = {"env", "create", NULL};
	static const char *const envupdate[] = {"env", "update", NULL};
	static const char *const create[] = {"create", NULL};
	size_t first = 0;
	int ret = 0;
	const char *pn = cmd->progname;

	/* most commands are none of these: one cheap test first */
	if (!strchr("pcum", pn[0]))
		return 0;
	if (compute_pip_install(cmd, &first)) {
		ret = lint_cmd_opt(cmd, "-r") || lint_cmd_opt(cmd, "--requirement") ||
		      lint_cmd_opt(cmd, "--require-hashes");
		for (size_t i = first; !ret && i < cmd->argc; i++)
			ret = !strncmp(cmd->argv[i], "-r", 2) && cmd->argv[i][2];
	} else if (!strcmp(cmd->progname, "pip-sync")) {
		ret = 1;
	} else if (lint_cmd_is(cmd, "poetry", install)) {
		ret = !lint_cmd_opt(cmd, "--only-root");
	} else if (lint_cmd_is(cmd, "pipenv", install) || lint_cmd_is(cmd, "pipenv", sync)) {
		ret = 1;
	} else if (lint_cmd_is(cmd, "uv", sync)) {
		ret = 1;
	} else if (lint_cmd_is(cmd, "conda", envcreate) || lint_cmd_is(cmd, "conda", envupdate) ||
		   lint_cmd_is(cmd, "mamba", envcreate) || lint_cmd_is(cmd, "mamba", envupdate) ||
		   lint_cmd_is(cmd, "conda-lock", install)) {
		ret = 1;
	} else if ((lint_cmd_is(cmd, "micromamba", install) ||
		    lint_cmd_is(cmd, "micromamba", create) || lint_cmd_is(cmd, "conda", create) ||
		    lint_cmd_is(cmd, "conda", install) || lint_cmd_is(cmd, "mamba", install)) &&
		   (lint_cmd_opt(cmd, "-f") || lint_cmd_opt(cmd, "--file"))) {
		ret = 1;
	}
	return ret;
}

static void cmd_classify(struct lint_cmd *c)
{
	c->pip = compute_pip_install(c, &c->pip_first);
	c->apt = compute_apt_install(c, &c->apt_first);
	c->dep = compute_dep_install(c);
}

int lint_is_pip_install(const struct lint_cmd *cmd, size_t *first_arg)
{
	if (cmd->pip && first_arg)
		*first_arg = cmd->pip_first;
	return cmd->pip;
}

int lint_is_apt_install(const struct lint_cmd *cmd, size_t *first_arg)
{
	if (cmd->apt && first_arg)
		*first_arg = cmd->apt_first;
	return cmd->apt;
}

int lint_is_dep_install(const struct lint_cmd *cmd)
{
	return cmd->dep;
}

/* COPY/ADD of the whole build context ("." or "./"). */
int lint_is_context_copy(const struct df_instr *in)
{
	if ((in->kind != DF_COPY && in->kind != DF_ADD) || df_instr_flag(in, "from") ||
	    in->nheredocs)
		return 0;
	for (size_t i = 0; i + 1 < in->nargs; i++) {
		const char *a = in->args[i];
		if (!strcmp(a, ".") || !strcmp(a, "./") || !strcmp(a, "*"))
			return 1;
	}
	return 0;
}

/* ---- findings ---- */

/*
 * The messages use only %s, %d and %ld: format those without printf (lint
 * writes thousands of messages). Returns -1, leaving out partly written,
 * for anything else; the caller then uses strbuf_vaddf.
 */
static int fmt_simple(struct strbuf *out, const char *fmt, va_list ap)
{
	const char *p = fmt;

	while (*p) {
		const char *pct = strchr(p, '%');
		if (!pct) {
			strbuf_addstr(out, p);
			break;
		}
		strbuf_add(out, p, (size_t)(pct - p));
		if (pct[1] == 's') {
			strbuf_addstr(out, va_arg(ap, const char *));
			p = pct + 2;
		} else if (pct[1] == 'd' || (pct[1] == 'l' && pct[2] == 'd')) {
			char buf[24];
			size_t i = sizeof(buf);
			long v = pct[1] == 'd' ? (long)va_arg(ap, int) : va_arg(ap, long);
			unsigned long u = v < 0 ? 0UL - (unsigned long)v : (unsigned long)v;
			do {
				buf[--i] = (char)('0' + u % 10);
				u /= 10;
			} while (u);
			if (v < 0)
				buf[--i] = '-';
			strbuf_add(out, buf + i, sizeof(buf) - i);
			p = pct + (pct[1] == 'd' ? 2 : 3);
		} else {
			return -1;
		}
	}
	return 0;
}

/*
 * Make a message safe to print: it quotes words of the file, which may hold
 * control characters (an ESC sequence would reach the terminal) or bytes
 * that are not UTF-8 (JSON and SARIF must be UTF-8). Each such byte
 * becomes '?', in place; valid UTF-8 sequences other than C1 controls stay.
 */
static void clean_text(char *text)
{
	unsigned char *p = (unsigned char *)text;

	while (*p) {
		size_t n = 0;
		if (*p >= 0x20 && *p < 0x7f) {
			p++;
			continue;
		}
		if (*p >= 0xc2 && *p <= 0xdf)
			n = 1;
		else if (*p >= 0xe0 && *p <= 0xef)
			n = 2;
		else if (*p >= 0xf0 && *p <= 0xf4)
			n = 3;
		for (size_t k = 1; n && k <= n; k++)
			if ((p[k] & 0xc0) != 0x80)
				n = 0;
		/* overlong forms, surrogates, beyond U+10FFFF, C1 controls */
		if (n && ((p[0] == 0xe0 && p[1] < 0xa0) || (p[0] == 0xed && p[1] > 0x9f) ||
			  (p[0] == 0xf0 && p[1] < 0x90) || (p[0] == 0xf4 && p[1] > 0x8f) ||
			  (p[0] == 0xc2 && p[1] < 0xa0)))
			n = 0;
		if (!n) {
			*p++ = '?';
			continue;
		}
		p += n + 1;
	}
}

void lint_report(struct lint_ctx *cx, int line, const char *fmt, ...)
{
	struct lint_result *r = cx->res;
	struct lint_finding *fd;
	struct strbuf msg = STRBUF_INIT;
	char *text, *fmt_const = NULL;
	va_list ap;

	va_start(ap, fmt);
	if (!strchr(fmt, '%'))
		text = fmt_const = xstrdup(fmt); /* most messages are constant: no printf */
	else if (!fmt_simple(&msg, fmt, ap))
		text = strbuf_detach(&msg, NULL);
	else {
		va_end(ap);
		va_start(ap, fmt);
		strbuf_setlen(&msg, 0);
		strbuf_vaddf(&msg, fmt, ap);
		text = strbuf_detach(&msg, NULL);
	}
	va_end(ap);
	if (text != fmt_const)
		clean_text(text); /* it quotes the file */
	if (r->nr == r->alloc) {
		r->alloc = r->alloc ? r->alloc * 2 : 16;
		r->items = xreallocarray(r->items, r->alloc, sizeof(*r->items));
	}
	fd = &r->items[r->nr++];
	fd->practice = cx->p;
	fd->line = line > 0 ? line : 1;
	fd->col = 1;
	fd->severity = cx->rule->severity;
	fd->message = text;
	cx->nfound++;
}

/* ---- images and stages ---- */

/* Value of a global ARG (before the first FROM), or NULL. */
static const char *global_arg(const struct df_file *f, const char *name, size_t n)
{
	const char *ret = NULL;

	for (size_t i = 0; i < f->ninstrs && f->instrs[i].stage < 0; i++) {
		const struct df_instr *in = &f->instrs[i];
		if (in->kind != DF_ARG)
			continue;
		for (size_t k = 0; k < in->nkvs; k++)
			if (strlen(in->kvs[k].key) == n && !strncmp(in->kvs[k].key, name, n))
				ret = in->kvs[k].value;
	}
	return ret;
}

/* Expand $X, ${X} and ${X:-default} with the global ARG defaults. */
static int expand_image(const struct df_file *f, const char *s, struct strbuf *out)
{
	int unresolved = 0;

	for (const char *p = s; *p;) {
		if (*p != '$') {
			strbuf_addch(out, *p++);
			continue;
		}
		const char *name = p + 1, *end, *def = NULL;
		size_t dn = 0, n;
		if (*name == '{') {
			name++;
			end = strchr(name, '}');
			if (!end) {
				unresolved = 1;
				break;
			}
			const char *colon = memchr(name, ':', (size_t)(end - name));
			n = (size_t)((colon ? colon : end) - name);
			if (colon && colon[1] == '-') {
				def = colon + 2;
				dn = (size_t)(end - def);
			}
			p = end + 1;
		} else {
			end = name;
			while (isalnum((unsigned char)*end) || *end == '_')
				end++;
			n = (size_t)(end - name);
			p = end;
		}
		const char *v = global_arg(f, name, n);
		struct strbuf uq = STRBUF_INIT;
		if (v && *v) {
			if (df_unquote(v, f->escape, &uq) < 0) {
				strbuf_setlen(&uq, 0);
				strbuf_addstr(&uq, v);
			}
			if (strchr(uq.buf, '$'))
				unresolved = 1;
			strbuf_addbuf(out, &uq);
		} else if (def) {
			strbuf_add(out, def, dn);
		} else {
			unresolved = 1;
		}
		strbuf_release(&uq);
	}
	return unresolved;
}

static void image_parse(const struct df_file *f, size_t s, struct lint_image *img)
{
	const struct df_stage *st = &f->stages[s];
	struct strbuf ref = STRBUF_INIT;
	char *p, *at, *colon, *slash;
	const char *name;

	memset(img, 0, sizeof(*img));
	img->stage_ref = -1;
	img->unresolved = expand_image(f, st->image, &ref);
	for (size_t k = 0; k < s; k++) {
		if (f->stages[k].name && !strcasecmp(f->stages[k].name, ref.buf))
			img->stage_ref = (int)k;
	}
	if (!strcasecmp(ref.buf, "scratch"))
		img->scratch = 1;
	p = ref.buf;
	at = strchr(p, '@');
	if (at) {
		img->digest = xstrdup(at + 1);
		*at = '\0';
	}
	slash = strrchr(p, '/');
	colon = strrchr(p, ':');
	if (colon && (!slash || colon > slash)) {
		img->tag = xstrdup(colon + 1);
		*colon = '\0';
	}
	name = p;
	if (!strncmp(name, "docker.io/", 10))
		name += 10;
	else if (!strncmp(name, "index.docker.io/", 16))
		name += 16;
	if (!strncmp(name, "library/", 8))
		name += 8;
	img->name = xstrdup(name);
	for (char *q = img->name; *q; q++)
		*q = (char)tolower((unsigned char)*q);
	strbuf_release(&ref);
}

/* ---- the situation ---- */

static const char *const wsgi_servers[] = {"gunicorn", "uwsgi", "waitress-serve", "mod_wsgi-express",
					   "flask", NULL};
static const char *const asgi_servers[] = {"uvicorn", "hypercorn", "daphne", "granian",
					   "fastapi", NULL};

static int in_list(const char *s, const char *const *list)
{
	for (size_t i = 0; list[i]; i++)
		if (!strcmp(s, list[i]))
			return 1;
	return 0;
}

static void infer(struct lint_ctx *cx)
{
	const struct df_file *f = cx->f;
	int has_expose = 0, django = 0, celery = 0, alembic = 0;
	int has_python_tag_patch = 0;

	for (size_t i = 0; i < f->ninstrs; i++) {
		const struct df_instr *in = &f->instrs[i];
		const struct lint_sh *sh = &cx->sh[i];
		if (in->kind == DF_EXPOSE && lint_in_chain(cx, in))
			has_expose = 1;
		if (in->kind == DF_ENV) {
			for (size_t k = 0; k < in->nkvs; k++)
				if (!strcmp(in->kvs[k].key, "DJANGO_SETTINGS_MODULE"))
					django = 1;
		}
		if (in->original && strstr(in->original, "manage.py"))
			django = 1;
		if (in->original && (strstr(in->original, "alembic") ||
				     strstr(in->original, "flask db upgrade")))
			alembic = 1;
		for (size_t c = 0; c < sh->ncmds; c++) {
			const struct lint_cmd *cmd = &sh->cmds[c];
			const char *pn = cmd->progname;
			static const char *const install[] = {"install", NULL};
			static const char *const sync[] = {"sync", NULL};
			if (lint_cmd_is(cmd, "uv", NULL) && cmd->prog + 1 < cmd->argc)
				cx->dm = "uv";
			else if (!strcmp(pn, "poetry") && (!cx->dm || !strcmp(cx->dm, "pip")))
				cx->dm = "poetry";
			else if (!strcmp(pn, "pipenv") && (!cx->dm || !strcmp(cx->dm, "pip")))
				cx->dm = "pipenv";
			else if ((!strcmp(pn, "conda") || !strcmp(pn, "mamba") ||
				  !strcmp(pn, "micromamba") || !strcmp(pn, "conda-lock")) &&
				 lint_is_dep_install(cmd))
				cx->dm = "conda";
			else if (!strcmp(pn, "pip-sync") || !strcmp(pn, "pip-compile"))
				cx->dm = "pip-tools";
			else if (lint_is_pip_install(cmd, NULL) && lint_cmd_opt(cmd, "--require-hashes") &&
				 (!cx->dm || !strcmp(cx->dm, "pip")))
				cx->dm = "pip-tools";
			else if (lint_is_pip_install(cmd, NULL) && !cx->dm)
				cx->dm = "pip";
			if (lint_cmd_is(cmd, "pip", install) || lint_cmd_is(cmd, "uv", NULL)) {
				/* pip install . / -e . / --no-deps . : the project itself */
				for (size_t k = cmd->prog + 2; k < cmd->argc; k++) {
					const char *a = cmd->argv[k];
					if (!strcmp(a, ".") || !strcmp(a, "./") || !strcmp(a, "/app") ||
					    !strncmp(a, ".[", 2))
						cx->installable = 1;
				}
			}
			if (lint_cmd_is(cmd, "poetry", install) && !lint_cmd_opt(cmd, "--no-root"))
				cx->installable = 1;
			if (lint_cmd_is(cmd, "uv", sync) && !lint_cmd_opt(cmd, "--no-install-project"))
				cx->installable = 1;
		}
	}
	/* a later, stronger signal wins for pip vs pip-tools: keep what was found */
	for (size_t s = 0; s < f->nstages; s++) {
		const struct lint_image *img = &cx->img[s];
		if (img->digest && img->stage_ref < 0 && !img->scratch)
			cx->base_digest = 1;
		if (!strcmp(img->name, "python") && img->tag) {
			const char *t = img->tag;
			int dots = 0;
			while (isdigit((unsigned char)*t) || *t == '.') {
				dots += *t == '.';
				t++;
			}
			if (dots >= 2)
				has_python_tag_patch = 1;
		}
	}
	cx->python_patch = has_python_tag_patch;
	/* the server: the first known program of the final ENTRYPOINT/CMD */
	const struct df_instr *rt[2] = {cx->entrypoint, cx->cmd};
	for (int r = 0; r < 2 && !cx->server; r++) {
		if (!rt[r])
			continue;
		const struct lint_sh *sh = &cx->sh[rt[r] - f->instrs];
		for (size_t c = 0; c < sh->ncmds && !cx->server; c++) {
			struct lint_cmd *cmd = &sh->cmds[c];
			/* ENTRYPOINT ["tini", "--", ...]: look past the init and the script */
			for (size_t w = cmd->prog; w < cmd->argc && !cx->server; w++) {
				const char *pn = normalise_prog(cmd->argv[w]);
				const char *found = NULL;
				for (size_t k = 0; wsgi_servers[k]; k++)
					if (!strcmp(pn, wsgi_servers[k]))
						found = wsgi_servers[k];
				for (size_t k = 0; asgi_servers[k]; k++)
					if (!strcmp(pn, asgi_servers[k]))
						found = asgi_servers[k];
				if (!strcmp(pn, "celery"))
					found = "celery";
				if (!strcmp(pn, "python") && w + 1 < cmd->argc &&
				    !strcmp(basename_of(cmd->argv[w + 1]), "manage.py"))
					found = w + 2 < cmd->argc && !strcmp(cmd->argv[w + 2], "runserver") ?
							"manage.py" : NULL;
				if (found && (!strcmp(found, "flask") || !strcmp(found, "fastapi")) &&
				    !(w + 1 < cmd->argc && (!strcmp(cmd->argv[w + 1], "run") ||
							    !strcmp(cmd->argv[w + 1], "dev"))))
					found = NULL;
				if (found) {
					cx->server = found;
					cx->server_cmd = cmd;
				}
			}
		}
	}
	if (cx->server_cmd) {
		/* Django's convention: gunicorn mysite.wsgi:application */
		for (size_t k = 0; k < cx->server_cmd->argc; k++) {
			const char *a = cx->server_cmd->argv[k];
			size_t n = strlen(a);
			if ((n > 17 && !strcmp(a + n - 17, ".wsgi:application")) ||
			    (n > 17 && !strcmp(a + n - 17, ".asgi:application")))
				django = 1;
		}
	}
	if (cx->server && !strcmp(cx->server, "celery")) {
		cx->app_kind = "worker";
		celery = 1;
	} else if (cx->server && (in_list(cx->server, asgi_servers))) {
		cx->app_kind = "asgi";
		/* gunicorn -k uvicorn.workers.UvicornWorker is still gunicorn: wsgi rules */
	} else if (cx->server) {
		cx->app_kind = "wsgi";
	} else if (cx->cmd || cx->entrypoint) {
		cx->app_kind = has_expose ? NULL : "worker";
	}
	if (celery)
		cx->framework = "celery";
	else if (django)
		cx->framework = "django";
	else if (cx->server && !strcmp(cx->server, "flask"))
		cx->framework = "flask";
	else if (cx->app_kind && (!strcmp(cx->app_kind, "worker")))
		cx->framework = "none";
	if (django)
		cx->migrations = "django";
	else if (alembic)
		cx->migrations = "alembic";
}

static cJSON *situation_json(const struct lint_ctx *cx)
{
	cJSON *o = cJSON_CreateObject();

	if (cx->dm)
		cJSON_AddStringToObject(o, "dependency_manager", cx->dm);
	if (cx->app_kind)
		cJSON_AddStringToObject(o, "app_kind", cx->app_kind);
	if (cx->framework)
		cJSON_AddStringToObject(o, "framework", cx->framework);
	if (cx->migrations)
		cJSON_AddStringToObject(o, "migrations", cx->migrations);
	if (cx->server)
		cJSON_AddStringToObject(o, "server", cx->server);
	cJSON_AddBoolToObject(o, "installable_package", cx->installable);
	if (cx->python_patch)
		cJSON_AddStringToObject(o, "python_patch", "from the base image tag");
	if (cx->base_digest)
		cJSON_AddStringToObject(o, "base_image_digest", "from the FROM lines");
	cJSON_AddBoolToObject(o, "syntax_directive", 1);
	return o;
}

/* ---- suppression ---- */

struct suppress {
	char **global; size_t nglobal;    /* practice ids skipped for the whole file */
	/* per instruction: ids from skip= and DL ids from hadolint ignore= */
	char ***local; size_t *nlocal;
};

static void add_ids(char ***arr, size_t *n, const char *list)
{
	const char *p = list;

	while (*p) {
		size_t len = strcspn(p, ", \t");
		if (len) {
			*arr = xreallocarray(*arr, *n + 1, sizeof(**arr));
			(*arr)[(*n)++] = xstrndup(p, len);
		}
		p += len;
		if (*p != ',')
			break;
		p++;
		while (*p == ' ')
			p++;
	}
}

/* Parse one comment text; global set when it is a `shipshape global skip=`. */
static int comment_ids(const char *text, char ***arr, size_t *n, int *global)
{
	const char *p = text;
	int ret = 0;

	*global = 0;
	while (*p == ' ' || *p == '\t' || *p == '#')
		p++;
	if (!strncmp(p, "shipshape", 9) && (p[9] == ' ' || p[9] == '\t')) {
		p += 10;
		while (*p == ' ')
			p++;
		if (!strncmp(p, "global", 6) && p[6] == ' ') {
			*global = 1;
			p += 7;
			while (*p == ' ')
				p++;
		}
		if (!strncmp(p, "skip=", 5)) {
			add_ids(arr, n, p + 5);
			ret = 1;
		}
	} else if (!strncmp(p, "hadolint", 8) && (p[8] == ' ' || p[8] == '\t')) {
		p += 9;
		while (*p == ' ')
			p++;
		if (!strncmp(p, "ignore=", 7)) {
			add_ids(arr, n, p + 7);
			ret = 1;
		}
	} else if (!strncmp(p, "hadolint global ignore=", 23)) {
		*global = 1;
		add_ids(arr, n, p + 23);
		ret = 1;
	}
	return ret;
}

static void suppress_build(struct suppress *sp, const struct df_file *f)
{
	int first_line = f->ninstrs ? f->instrs[0].start_line : 1 << 30;

	memset(sp, 0, sizeof(*sp));
	sp->local = xcalloc(f->ninstrs + 1, sizeof(*sp->local));
	sp->nlocal = xcalloc(f->ninstrs + 1, sizeof(*sp->nlocal));
	for (size_t c = 0; c < f->ncomments; c++) {
		char **ids = NULL;
		size_t n = 0;
		int global;
		if (!comment_ids(f->comments[c].text, &ids, &n, &global))
			continue;
		if (global || f->comments[c].line < first_line) {
			for (size_t k = 0; k < n; k++) {
				sp->global = xreallocarray(sp->global, sp->nglobal + 1, sizeof(char *));
				sp->global[sp->nglobal++] = ids[k];
			}
			free(ids);
			continue;
		}
		/* the instruction whose comment block holds this line, directly above it */
		size_t target = f->ninstrs;
		for (size_t i = 0; i < f->ninstrs; i++) {
			const struct df_instr *in = &f->instrs[i];
			if (in->start_line > f->comments[c].line) {
				int contiguous = 1;
				for (int l = f->comments[c].line + 1; l < in->start_line && contiguous;
				     l++) {
					int is_comment = 0;
					for (size_t k = 0; k < f->ncomments; k++)
						if (f->comments[k].line == l)
							is_comment = 1;
					contiguous = is_comment;
				}
				if (contiguous)
					target = i;
				break;
			}
		}
		for (size_t k = 0; k < n; k++) {
			if (target < f->ninstrs) {
				sp->local[target] = xreallocarray(sp->local[target],
								  sp->nlocal[target] + 1,
								  sizeof(char *));
				sp->local[target][sp->nlocal[target]++] = ids[k];
			} else {
				free(ids[k]);
			}
		}
		free(ids);
	}
}

static void suppress_release(struct suppress *sp, size_t ninstrs)
{
	for (size_t i = 0; i < sp->nglobal; i++)
		free(sp->global[i]);
	free(sp->global);
	for (size_t i = 0; i <= ninstrs; i++) {
		for (size_t k = 0; k < sp->nlocal[i]; k++)
			free(sp->local[i][k]);
		free(sp->local[i]);
	}
	free(sp->local);
	free(sp->nlocal);
}

/* 1 when id (a practice id, a DL id or buildkit:Name) names practice p. */
static int id_matches(const struct practice *p, const char *id)
{
	if (!strcmp(id, p->id))
		return 1;
	for (size_t i = 0; i < p->nequivalents; i++) {
		const char *e = p->equivalents[i];
		if (!strcmp(id, e))
			return 1;
		if (!strncmp(e, "buildkit:", 9) && !strcmp(id, e + 9))
			return 1;
	}
	return 0;
}

static int list_matches(const struct practice *p, const char *const *ids, size_t n)
{
	if (!n)
		return 0;
	for (size_t i = 0; i < n; i++)
		if (id_matches(p, ids[i]))
			return 1;
	return 0;
}

/* Index of the instruction starting at line, or f->ninstrs. */
static size_t instr_at(const struct df_file *f, int line)
{
	for (size_t i = 0; i < f->ninstrs; i++)
		if (f->instrs[i].start_line <= line && line <= f->instrs[i].end_line)
			return i;
	return f->ninstrs;
}

/* ---- the engine ---- */

static int cmp_finding(const void *a, const void *b)
{
	const struct lint_finding *x = a, *y = b;

	if (x->practice->tier != y->practice->tier)
		return x->practice->tier - y->practice->tier;
	if (x->line != y->line)
		return x->line - y->line;
	return strcmp(x->practice->id, y->practice->id);
}

void lint_result_init(struct lint_result *r)
{
	memset(r, 0, sizeof(*r));
	r->tier_reached = -1;
}

void lint_result_release(struct lint_result *r)
{
	if (!r)
		return;
	free(r->file);
	for (size_t i = 0; i < r->nr; i++)
		free(r->items[i].message);
	free(r->items);
	cJSON_Delete(r->situation);
	free(r->not_judged);
	free(r->skipped);
	free(r->judged);
	lint_result_init(r);
}

void lint_opts_init(struct lint_opts *o)
{
	memset(o, 0, sizeof(*o));
	o->max_tier = 6;
}

size_t lint_detector_count(void)
{
	return lint_nrules;
}

int lint_has_detector(const char *practice_id)
{
	for (size_t i = 0; i < lint_nrules; i++)
		if (!strcmp(lint_rules[i].id, practice_id))
			return 1;
	return 0;
}

/* The rule for id; *hint is where the search starts (the table follows the
   catalog's order, so walking the catalog finds each rule at the hint). */
static const struct lint_rule *rule_for(const char *id, size_t *hint)
{
	for (size_t k = 0; k < lint_nrules; k++) {
		size_t i = (*hint + k) % lint_nrules;
		if (!strcmp(lint_rules[i].id, id)) {
			*hint = i + 1;
			return &lint_rules[i];
		}
	}
	return NULL;
}

int lint_df(const struct catalog *c, const struct df_file *f, const struct lint_opts *opts,
	    struct lint_result *r)
{
	struct lint_ctx cx;
	struct tok tk;
	struct suppress sp;
	struct lint_opts defaults;
	cJSON *answers;
	int incomplete[CATALOG_TIERS] = {0};
	size_t hint = 0;

	if (!opts) {
		lint_opts_init(&defaults);
		opts = &defaults;
	}
	memset(&cx, 0, sizeof(cx));
	cx.f = f;
	cx.c = c;
	cx.res = r;
	free(r->file);
	r->file = xstrdup(f->filename ? f->filename : "Dockerfile");
	cx.sh = xcalloc(f->ninstrs + 1, sizeof(*cx.sh));
	tok_init(&tk);
	for (size_t i = 0; i < f->ninstrs; i++) {
		const struct df_instr *in = &f->instrs[i];
		if (in->kind == DF_RUN || in->kind == DF_CMD || in->kind == DF_ENTRYPOINT ||
		    (in->kind == DF_HEALTHCHECK && in->nargs > 1))
			sh_build(&tk, &cx.sh[i], in, f->escape);
	}
	tok_release(&tk);
	cx.img = xcalloc(f->nstages + 1, sizeof(*cx.img));
	cx.chain = xcalloc(f->nstages + 1, sizeof(*cx.chain));
	for (size_t s = 0; s < f->nstages; s++)
		image_parse(f, s, &cx.img[s]);
	cx.final = f->nstages ? (int)f->nstages - 1 : 0;
	for (int s = cx.final; s >= 0 && f->nstages; s = cx.img[s].stage_ref) {
		if (cx.chain[s])
			break;
		cx.chain[s] = 1;
	}
	/* the runtime command: the last CMD / ENTRYPOINT along the chain */
	for (size_t i = 0; i < f->ninstrs; i++) {
		const struct df_instr *in = &f->instrs[i];
		if (!lint_in_chain(&cx, in))
			continue;
		if (in->kind == DF_CMD)
			cx.cmd = in;
		else if (in->kind == DF_ENTRYPOINT) {
			cx.entrypoint = in;
			cx.cmd = NULL; /* ENTRYPOINT resets an inherited CMD */
			for (size_t k = i + 1; k < f->ninstrs; k++)
				if (f->instrs[k].kind == DF_CMD && lint_in_chain(&cx, &f->instrs[k]))
					cx.cmd = &f->instrs[k];
		}
	}
	/* the ENV pairs of the final image, in order */
	cx.env = xcalloc(f->ninstrs + 1, sizeof(*cx.env));
	for (size_t i = 0; i < f->ninstrs; i++) {
		const struct df_instr *in = &f->instrs[i];
		if (in->kind != DF_ENV || !lint_in_chain(&cx, in))
			continue;
		cx.env = xreallocarray(cx.env, cx.nenv + in->nkvs + 1, sizeof(*cx.env));
		for (size_t k = 0; k < in->nkvs; k++)
			cx.env[cx.nenv++] = &in->kvs[k];
	}
	infer(&cx);
	r->situation = situation_json(&cx);
	answers = r->situation;
	suppress_build(&sp, f);
	/* each practice lands in at most one of these lists */
	r->not_judged = xcalloc(c->nr + 1, sizeof(*r->not_judged));
	r->judged = xcalloc(c->nr + 1, sizeof(*r->judged));
	r->skipped = xcalloc(c->nr + 1, sizeof(*r->skipped));

	for (size_t i = 0; i < c->nr; i++) {
		const struct practice *p = &c->items[i];
		const struct lint_rule *rule;
		size_t before = r->nr, kept;
		int verdict, skipped = 0;

		if (!p->dockerfile || p->process || !(rule = rule_for(p->id, &hint))) {
			r->not_judged[r->nnot_judged++] = p;
			continue;
		}
		if (!catalog_applies(p, answers))
			continue;
		cx.p = p;
		cx.rule = rule;
		cx.nfound = 0;
		verdict = rule->detect(&cx);
		if (verdict == LINT_NA) {
			for (size_t k = before; k < r->nr; k++)
				free(r->items[k].message);
			r->nr = before;
			continue;
		}
		r->judged[r->njudged++] = p;
		/* suppression */
		kept = before;
		for (size_t k = before; k < r->nr; k++) {
			struct lint_finding *fd = &r->items[k];
			size_t at = instr_at(f, fd->line);
			int drop = list_matches(p, (const char *const *)sp.global, sp.nglobal) ||
				   list_matches(p, opts->ignore, opts->nignore) ||
				   (at < f->ninstrs && list_matches(p, (const char *const *)sp.local[at], sp.nlocal[at]));
			if (drop) {
				free(fd->message);
				r->nsuppressed++;
				skipped = 1;
				continue;
			}
			r->items[kept++] = *fd;
		}
		r->nr = kept;
		if (skipped || (kept == before && list_matches(p, (const char *const *)sp.global, sp.nglobal))) {
			r->skipped[r->nskipped++] = p;
		}
		if (kept > before)
			incomplete[p->tier] = 1;
		if (p->tier > opts->max_tier) {
			for (size_t k = before; k < r->nr; k++)
				free(r->items[k].message);
			r->nr = before;
		}
	}
	r->tier_reached = -1;
	for (int t = 0; t < CATALOG_TIERS && !incomplete[t]; t++)
		r->tier_reached = t;
	/* insertion sort: the findings come nearly sorted (catalog order is tier order) */
	for (size_t i = 1; i < r->nr; i++) {
		struct lint_finding tmp = r->items[i];
		size_t j = i;
		while (j > 0 && cmp_finding(&r->items[j - 1], &tmp) > 0) {
			r->items[j] = r->items[j - 1];
			j--;
		}
		r->items[j] = tmp;
	}

	suppress_release(&sp, f->ninstrs);
	for (size_t i = 0; i < f->ninstrs; i++)
		sh_release(&cx.sh[i]);
	free(cx.sh);
	for (size_t s = 0; s < f->nstages; s++) {
		free(cx.img[s].name);
		free(cx.img[s].tag);
		free(cx.img[s].digest);
	}
	free(cx.img);
	free(cx.chain);
	free(cx.env);
	return 0;
}

int lint_buffer(const struct catalog *c, const char *src, size_t len, const char *filename,
		const struct lint_opts *opts, struct lint_result *r, struct ss_error *err)
{
	struct df_file f;
	int ret;

	df_file_init(&f);
	ret = df_parse(&f, src, len, filename, 0, err);
	if (!ret)
		ret = df_check(&f, err);
	if (!ret)
		ret = lint_df(c, &f, opts, r);
	df_file_release(&f);
	return ret;
}

int lint_path(const struct catalog *c, const char *path, const struct lint_opts *opts,
	      struct lint_result *r, struct ss_error *err)
{
	struct strbuf buf = STRBUF_INIT;
	int ret;

	ret = fs_read_file(path, DF_FILE_CAP, &buf, err);
	if (!ret)
		ret = lint_buffer(c, buf.buf, buf.len, path, opts, r, err);
	strbuf_release(&buf);
	return ret;
}

const char *lint_severity_name(enum lint_severity s)
{
	return s == LINT_ERROR ? "error" : s == LINT_WARNING ? "warning" : "info";
}

int lint_severity_parse(const char *s)
{
	if (!strcmp(s, "error"))
		return LINT_ERROR;
	if (!strcmp(s, "warning"))
		return LINT_WARNING;
	if (!strcmp(s, "info"))
		return LINT_INFO;
	return -1;
}

size_t lint_count_at(const struct lint_result *r, enum lint_severity level)
{
	size_t n = 0;

	for (size_t i = 0; i < r->nr; i++)
		n += r->items[i].severity >= level;
	return n;
}
