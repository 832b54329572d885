/*
 * dockerfile: the line loop of the parser (physical lines to instructions),
 * parser directives, comments, heredoc bodies and stages. One pass over the
 * input; every step is linear in the bytes it looks at.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "dockerfile_int.h"
#include "shipshape/fsutil.h"
#include "shipshape/xalloc.h"

void df_file_init(struct df_file *f)
{
	memset(f, 0, sizeof(*f));
	f->escape = '\\';
}

void df_file_release(struct df_file *f)
{
	if (!f)
		return;
	/* the strings and the instructions' arrays are in the arena */
	free(f->instrs);
	free(f->stages);
	free(f->directives);
	free(f->comments);
	free(f->warnings);
	if (f->arena) {
		dfa_free(f->arena);
		free(f->arena);
	}
	df_file_init(f);
}

/* ---- input lines ---- */

struct reader {
	const char *s;
	size_t n, pos;
	int lineno; /* physical lines consumed so far */
};

/* Next physical line (with its '\n' when it has one) or 0 at the end. */
static int next_line(struct reader *r, const char **tok, size_t *len)
{
	const char *nl;
	size_t end;
	int ret = 0;

	if (r->pos < r->n) {
		nl = memchr(r->s + r->pos, '\n', r->n - r->pos);
		end = nl ? (size_t)(nl - r->s) + 1 : r->n;
		*tok = r->s + r->pos;
		*len = end - r->pos;
		r->pos = end;
		r->lineno++;
		ret = 1;
	}
	return ret;
}

/* bytes.TrimRight(line, "\r\n") */
static size_t trim_newline(const char *s, size_t n)
{
	while (n && (s[n - 1] == '\n' || s[n - 1] == '\r'))
		n--;
	return n;
}

static int too_long(const char *tok, size_t len)
{
	if (len && tok[len - 1] == '\n')
		len--;
	return len > DF_MAX_LINE;
}

/*
 * BuildKit's continuation regex `([^E])E[ \t]*$|^E[ \t]*$` (E: the escape
 * character): 1 with *keep set to the bytes to keep when the line ends in
 * a continuation, else 0.
 */
static int continues(const char *s, size_t n, int esc, size_t *keep)
{
	size_t j = n;
	int ret = 0;

	while (j > 0 && (s[j - 1] == ' ' || s[j - 1] == '\t'))
		j--;
	if (j == 0 || (unsigned char)s[j - 1] != (unsigned char)esc)
		goto out;
	j--; /* s[j] is the escape */
	if (j > 0 && (unsigned char)s[j - 1] == (unsigned char)esc)
		goto out;
	*keep = j;
	ret = 1;
out:
	return ret;
}

/* ---- parser directives ---- */

struct directives {
	int done;
	unsigned seen; /* bit per directive name */
};

static int dir_space(char c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\f' || c == '\r';
}

static int is_alpha(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

/*
 * The regex `^#\s*([a-zA-Z][a-zA-Z0-9]*)\s*=\s*(.+?)\s*$` on the first
 * lines: returns 1 for a directive (recorded in f), 0 for anything else
 * (which ends the directives), -1 on error.
 */
static int directive(struct df_file *f, struct directives *d, const char *s, size_t n, int line,
		     size_t *alloc, struct ss_error *err)
{
	static const char *const names[] = {"syntax", "escape", "check"};
	size_t i = 1, ks, ke, vs, ve, k;
	char key[16];
	int ret = 0, which = -1;

	if (d->done)
		goto out;
	d->done = 1;
	if (n == 0 || s[0] != '#')
		goto out;
	while (i < n && dir_space(s[i]))
		i++;
	if (i >= n || !is_alpha(s[i]))
		goto out;
	ks = i;
	while (i < n && (is_alpha(s[i]) || (s[i] >= '0' && s[i] <= '9')))
		i++;
	ke = i;
	while (i < n && dir_space(s[i]))
		i++;
	if (i >= n || s[i] != '=')
		goto out;
	i++;
	if (i >= n)
		goto out;
	vs = i;
	while (vs < n && dir_space(s[vs]))
		vs++;
	if (vs == n) {
		vs = n - 1; /* all blank: the lazy group takes the last one */
		ve = n;
	} else {
		ve = n;
		while (ve > vs && dir_space(s[ve - 1]))
			ve--;
	}
	if (ke - ks >= sizeof(key))
		goto out;
	for (k = 0; k < ke - ks; k++)
		key[k] = (char)(s[ks + k] | 0x20);
	key[k] = '\0';
	for (k = 0; k < 3; k++)
		if (!strcmp(key, names[k]))
			which = (int)k;
	if (which < 0)
		goto out;
	d->done = 0;
	if (d->seen & (1u << which)) {
		ss_error_set(err, SS_ERR_INPUT, f->filename, line, 0,
			     "only one %s parser directive can be used", key);
		ret = -1;
		goto out;
	}
	d->seen |= 1u << which;
	if (which == 1) {
		if (ve - vs != 1 || (s[vs] != '\\' && s[vs] != '`')) {
			ss_error_set(err, SS_ERR_INPUT, f->filename, line, 0,
				     "invalid escape token '%.*s' does not match ` or \\",
				     (int)(ve - vs > 64 ? 64 : ve - vs), s + vs);
			ret = -1;
			goto out;
		}
		f->escape = s[vs];
	}
	ALLOC_GROW(f->directives, f->ndirectives + 1, *alloc);
	f->directives[f->ndirectives].name = dfa_memdupz(f->arena, key, strlen(key));
	f->directives[f->ndirectives].value = dfa_memdupz(f->arena, s + vs, ve - vs);
	f->directives[f->ndirectives].line = line;
	f->ndirectives++;
	ret = 1;
out:
	return ret;
}

/* ---- comments ---- */

struct comments {
	struct df_comment *v;
	size_t nr, alloc;
};

static void comment_add(struct df_arena *a, struct comments *c, const char *s, size_t n, int line)
{
	ALLOC_GROW(c->v, c->nr + 1, c->alloc);
	c->v[c->nr].text = dfa_memdupz(a, s, n);
	c->v[c->nr].line = line;
	c->nr++;
}

/* Record a comment line (s: trimmed, s[0] == '#') in the file's list. */
static void file_comment(struct df_file *f, const char *s, size_t n, int line)
{
	size_t b, e;

	dfu_trim_space(s + 1, n - 1, &b, &e);
	ALLOC_GROW(f->comments, f->ncomments + 1, f->alloc_comments);
	f->comments[f->ncomments].text = dfa_memdupz(f->arena, s + 1 + b, e - b);
	f->comments[f->ncomments].line = line;
	f->ncomments++;
}

/* ---- binary input ---- */

static int check_binary(struct df_file *f, const char *src, size_t len, struct ss_error *err)
{
	const char *nul = memchr(src, '\0', len);
	size_t bad = 0, i = 0;
	int ret = 0;

	if (nul) {
		int line = 1;
		for (const char *p = src; p < nul; p++)
			line += *p == '\n';
		ret = ss_error_set(err, SS_ERR_INPUT, f->filename, line, 0,
				   "not a text file: a NUL byte");
		goto out;
	}
	while (i < len) {
		unsigned r;
		uint64_t w;
		if (len - i >= 8) {
			memcpy(&w, src + i, 8);
			if (!(w & 0x8080808080808080ull)) {
				i += 8;
				continue;
			}
		}
		if ((unsigned char)src[i] < 0x80) {
			i++;
			continue;
		}
		i += dfu_decode(src + i, len - i, &r);
		bad += r == DFU_RUNE_ERROR;
	}
	if (bad >= 16 && bad * 10 > len)
		ret = ss_error_set(err, SS_ERR_INPUT, f->filename, 0, 0,
				   "not a text file: mostly invalid UTF-8");
out:
	return ret;
}

/* ---- stages ---- */

static void build_stages(struct df_file *f, struct strbuf *low)
{
	struct df_stage *cur = NULL;

	for (size_t i = 0; i < f->ninstrs; i++) {
		struct df_instr *in = &f->instrs[i];
		if (in->kind == DF_FROM) {
			const struct df_flag *pl = df_instr_flag(in, "platform");
			ALLOC_GROW(f->stages, f->nstages + 1, f->alloc_stages);
			cur = &f->stages[f->nstages++];
			memset(cur, 0, sizeof(*cur));
			cur->image = in->nargs ? in->args[0] : dfa_memdupz(f->arena, "", 0);
			if (in->nargs >= 3 && !strcasecmp(in->args[1], "as")) {
				strbuf_reset(low);
				dfu_lower(low, in->args[2], in->arglens[2]);
				cur->name = dfa_memdupz(f->arena, low->buf, low->len);
			}
			cur->platform = pl ? pl->value : NULL;
			cur->from = i;
			cur->start_line = in->start_line;
			/* vars are collected in argument order, flags first: the
			 * first non-flag one is in the image when the image has a '$' */
			for (size_t k = 0; k < in->nvars && !cur->image_has_vars; k++)
				if (!in->vars[k].in_flag && in->nargs &&
				    memchr(in->args[0], '$', in->arglens[0]))
					cur->image_has_vars = 1;
		}
		if (cur) {
			in->stage = (int)(f->nstages - 1);
			cur->end = i + 1;
			cur->end_line = in->end_line;
		}
	}
}

/* ---- the line loop ---- */

/* Read the bodies of h's heredocs from r; -1 with err when one is unterminated. */
static int read_heredocs(struct df_file *f, struct reader *r, struct df_instr *in, int start,
			 struct ss_error *err)
{
	struct strbuf body = STRBUF_INIT;
	int ret = 0;

	for (size_t k = 0; k < in->nheredocs; k++) {
		struct df_heredoc *h = &in->heredocs[k];
		size_t nl = strlen(h->name);
		const char *tok;
		size_t len;
		int done = 0;

		strbuf_reset(&body);
		h->start_line = r->lineno + 1;
		while (next_line(r, &tok, &len)) {
			size_t tl = trim_newline(tok, len), b = 0;
			if (too_long(tok, len)) {
				ret = ss_error_set(err, SS_ERR_INPUT, f->filename, r->lineno, 0,
						   "line longer than %d bytes", DF_MAX_LINE);
				goto out;
			}
			if (h->chomp)
				while (b < tl && tok[b] == '\t')
					b++;
			if (tl - b == nl && !memcmp(tok + b, h->name, nl)) {
				done = 1;
				break;
			}
			strbuf_add(&body, tok, len);
		}
		if (!done) {
			ret = ss_error_set(err, SS_ERR_INPUT, f->filename, start, 0,
					   "unterminated heredoc '%s'", h->name);
			goto out;
		}
		h->end_line = r->lineno;
		h->content = dfa_memdupz(f->arena, body.buf, body.len);
	}
out:
	strbuf_release(&body);
	return ret;
}

static int can_have_heredoc(const struct df_instr *in)
{
	if (in->kind == DF_ONBUILD && in->sub)
		in = in->sub;
	return (in->kind == DF_RUN || in->kind == DF_COPY || in->kind == DF_ADD) &&
	       in->form != DF_FORM_EXEC;
}

static int has_heredoc_marker(const char *s, size_t n)
{
	const char *p = s, *end = s + n;
	int ret = 0;

	while (!ret && (p = memchr(p, '<', (size_t)(end - p))) && p + 1 < end) {
		ret = p[1] == '<';
		p++;
	}
	return ret;
}

static void add_warning(struct df_file *f, size_t *alloc, int line, const char *msg)
{
	ALLOC_GROW(f->warnings, f->nwarnings + 1, *alloc);
	f->warnings[f->nwarnings].msg = dfa_memdupz(f->arena, msg, strlen(msg));
	f->warnings[f->nwarnings].line = line;
	f->nwarnings++;
}

int df_parse(struct df_file *f, const char *src, size_t len, const char *filename, int flags,
	     struct ss_error *err)
{
	struct reader r = {src, len, 0, 0};
	struct directives d = {0, 0};
	struct comments pending = {NULL, 0, 0};
	struct strbuf buf = STRBUF_INIT, msg = STRBUF_INIT;
	struct dfl_ctx ctx;
	size_t dir_alloc = 0, warn_alloc = 0;
	const char *tok;
	size_t tl;
	int ret = 0;

	if (!filename || !*filename)
		filename = "Dockerfile";
	f->arena = xcalloc(1, sizeof(struct df_arena));
	dfl_ctx_init(&ctx, f->arena, '\\');
	f->filename = dfa_memdupz(f->arena, filename, strlen(filename));
	f->escape = '\\';
	if (!(flags & DF_PARSE_ALLOW_BINARY) && (ret = check_binary(f, src, len, err)))
		goto out;
	while (next_line(&r, &tok, &tl)) {
		const char *t = tok;
		size_t n, lead, keep = 0;
		int start = r.lineno, eol, is_comment, empty_cont = 0, rc;
		struct df_instr *in;

		if (too_long(tok, tl)) {
			ret = ss_error_set(err, SS_ERR_INPUT, f->filename, r.lineno, 0,
					   "line longer than %d bytes", DF_MAX_LINE);
			goto out;
		}
		n = tl;
		if (r.lineno == 1 && n >= 3 && !memcmp(t, "\xEF\xBB\xBF", 3)) {
			t += 3;
			n -= 3;
		}
		n = trim_newline(t, n);
		lead = dfu_skip_space(t, n);
		t += lead;
		n -= lead;
		is_comment = n > 0 && t[0] == '#';
		if (is_comment) {
			size_t b, e;
			file_comment(f, t, n, r.lineno);
			dfu_trim_space(t + 1, n - 1, &b, &e);
			if (b == e)
				pending.nr = 0;
			else
				comment_add(f->arena, &pending, t + 1 + b, e - b, r.lineno);
		}
		rc = directive(f, &d, t, n, r.lineno, &dir_alloc, err);
		if (rc < 0) {
			ret = SS_ERR_INPUT;
			goto out;
		}
		if (rc > 0 && pending.nr)
			pending.nr--;
		ctx.esc = f->escape;
		if (is_comment)
			continue;
		eol = !continues(t, n, f->escape, &keep);
		if (eol && n == 0)
			continue;
		strbuf_reset(&buf);
		strbuf_add(&buf, t, eol ? n : keep);
		while (!eol && next_line(&r, &tok, &tl)) {
			if (too_long(tok, tl)) {
				ret = ss_error_set(err, SS_ERR_INPUT, f->filename, r.lineno, 0,
						   "line longer than %d bytes", DF_MAX_LINE);
				goto out;
			}
			n = trim_newline(tok, tl);
			lead = dfu_skip_space(tok, n);
			if (lead < n && tok[lead] == '#') {
				file_comment(f, tok + lead, n - lead, r.lineno);
				continue;
			}
			if (lead == n) {
				if (!empty_cont)
					empty_cont = r.lineno;
				continue;
			}
			eol = !continues(tok, n, f->escape, &keep);
			strbuf_add(&buf, tok, eol ? n : keep);
		}
		if (empty_cont)
			add_warning(f, &warn_alloc, empty_cont, "empty continuation line");
		ALLOC_GROW(f->instrs, f->ninstrs + 1, f->alloc_instrs);
		in = &f->instrs[f->ninstrs++];
		memset(in, 0, sizeof(*in));
		in->start_line = start;
		strbuf_reset(&msg);
		if (dfl_node_from_line(&ctx, buf.buf, buf.len, in, &msg)) {
			ret = ss_error_set(err, SS_ERR_INPUT, f->filename, start, 0, "%s", msg.buf);
			goto out;
		}
		if (pending.nr) {
			in->comments = dfa_alloc(f->arena, pending.nr * sizeof(*in->comments));
			memcpy(in->comments, pending.v, pending.nr * sizeof(*in->comments));
			in->ncomments = pending.nr;
			pending.nr = 0;
		}
		if (can_have_heredoc(in) && has_heredoc_marker(buf.buf, buf.len)) {
			if (dfl_heredocs_from_line(&ctx, buf.buf, buf.len, in, &msg)) {
				ret = ss_error_set(err, SS_ERR_INPUT, f->filename, start, 0, "%s",
						   msg.buf);
				goto out;
			}
			if ((ret = read_heredocs(f, &r, in, start, err)))
				goto out;
		}
		in->end_line = r.lineno;
		for (struct df_instr *s = in->sub; s; s = s->sub) {
			s->start_line = in->start_line;
			s->end_line = in->end_line;
			s->stage = -1;
		}
		dfl_fill_kvs(&ctx, in);
		dfl_collect_vars(&ctx, in);
	}
	f->nlines = r.lineno;
	if (!f->ninstrs) {
		ret = ss_error_set(err, SS_ERR_INPUT, f->filename, 0, 0,
				   "file with no instructions");
		goto out;
	}
	build_stages(f, &buf);
out:
	dfl_ctx_release(&ctx);
	free(pending.v);
	strbuf_release(&buf);
	strbuf_release(&msg);
	return ret;
}

int df_parse_file(struct df_file *f, const char *path, size_t cap, struct ss_error *err)
{
	struct strbuf sb = STRBUF_INIT;
	int ret = fs_read_file(path, cap ? cap : DF_FILE_CAP, &sb, err);

	if (!ret)
		ret = df_parse(f, sb.buf, sb.len, path, 0, err);
	strbuf_release(&sb);
	return ret;
}

void df_error_format(const struct ss_error *err, char *buf, size_t size)
{
	if (!size)
		return;
	if (err->file[0] && err->line)
		snprintf(buf, size, "cannot parse '%s' line %d: %s", err->file, err->line, err->msg);
	else if (err->file[0] && !strstr(err->msg, err->file))
		snprintf(buf, size, "cannot parse '%s': %s", err->file, err->msg);
	else
		snprintf(buf, size, "%s", err->msg);
}

/* ---- lookups ---- */

const struct df_flag *df_instr_flag(const struct df_instr *in, const char *name)
{
	const struct df_flag *ret = NULL;

	for (size_t i = 0; i < in->nflags && !ret; i++)
		if (!strcmp(in->flags[i].name, name))
			ret = &in->flags[i];
	return ret;
}

const struct df_stage *df_find_stage(const struct df_file *f, const char *name)
{
	const struct df_stage *ret = NULL;
	char *end;
	unsigned long idx;

	for (size_t i = 0; i < f->nstages && !ret; i++)
		if (f->stages[i].name && !strcasecmp(f->stages[i].name, name))
			ret = &f->stages[i];
	if (!ret && name[0] >= '0' && name[0] <= '9') {
		idx = strtoul(name, &end, 10);
		if (!*end && idx < f->nstages)
			ret = &f->stages[idx];
	}
	return ret;
}

int df_instr_uses_var(const struct df_instr *in, const char *name)
{
	int ret = 0;

	for (size_t i = 0; i < in->nvars && !ret; i++)
		if (!strcmp(in->vars[i].name, name))
			ret = 1;
	return ret;
}
