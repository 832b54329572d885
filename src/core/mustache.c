/*
 * mustache: parse a template into a flat list of nodes, then render the list
 * against a stack of cJSON contexts.
 *
 * Parsing applies the spec's whitespace rules once: a standalone tag (a
 * section, inverted section, close, comment, partial or delimiter tag alone
 * on its line apart from spaces and tabs) removes its whole line, and a
 * standalone partial remembers the indentation to put before each line of
 * the partial. Sections are nodes whose `end` is the index one past their
 * last child, so rendering needs no tree. Every scan is bounded by len.
 */
#include "shipshape/mustache.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "shipshape/xalloc.h"

#define NPOS ((size_t)-1)
#define NAME_SHOW_MAX 64

enum mnode_kind { MN_TEXT, MN_VAR, MN_SECTION, MN_INVERTED, MN_PARTIAL };

struct mnode {
	enum mnode_kind kind;
	int line;
	int escape;       /* MN_VAR: HTML-escape the value */
	const char *text; /* MN_TEXT: points into the template source */
	size_t len;       /* MN_TEXT: bytes; others: length of name */
	char *name;       /* owned, NUL-terminated (may hold NUL bytes before len) */
	char *indent;     /* MN_PARTIAL when standalone: owned; else NULL */
	size_t end;       /* MN_SECTION, MN_INVERTED: index one past the last child */
};

struct mtpl {
	struct mnode *nodes;
	size_t nr, alloc;
};

struct mparser {
	const char *src;
	size_t len;
	size_t pos;
	int line; /* line number at pos */
	char otag[MUSTACHE_MAX_DELIM + 1];
	size_t olen;
	char ctag[MUSTACHE_MAX_DELIM + 1];
	size_t clen;
	const char *name; /* template name for errors */
	size_t *open;     /* node indices of the sections not yet closed */
	size_t nopen, aopen;
	struct mtpl *t;
	struct ss_error *err;
};

struct mrender {
	const struct mustache_opts *opts;
	const cJSON **stack;
	size_t nstack, astack;
	struct strbuf *out;
	size_t out_start;
	size_t max_output, max_steps, steps;
	int partial_depth;
	int section_depth;
	struct ss_error *err;
};

/* ---- helpers ---------------------------------------------------------- */

static int is_blank(char c)
{
	return c == ' ' || c == '\t';
}

static int is_space(char c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
}

/* First occurrence of needle in hay[from..hlen), or NPOS. */
static size_t find_bytes(const char *hay, size_t hlen, size_t from, const char *needle,
			 size_t nlen)
{
	size_t i = from;

	if (nlen == 0 || from > hlen)
		return NPOS;
	while (hlen - i >= nlen) {
		const char *p = memchr(hay + i, needle[0], hlen - i - nlen + 1);
		if (!p)
			break;
		i = (size_t)(p - hay);
		if (memcmp(p, needle, nlen) == 0)
			return i;
		i++;
	}
	return NPOS;
}

static size_t count_lines(const char *s, size_t len)
{
	size_t n = 0;
	const char *p = s, *e = s + len;

	while (p < e && (p = memchr(p, '\n', (size_t)(e - p))) != NULL) {
		n++;
		p++;
	}
	return n;
}

/* A name fit for a one-line message: at most NAME_SHOW_MAX bytes, control
 * bytes shown as '?'. */
static const char *show(char *buf, size_t size, const char *s, size_t len)
{
	size_t n = 0, i;

	for (i = 0; i < len && n + 4 < size && i < NAME_SHOW_MAX; i++)
		buf[n++] = ((unsigned char)s[i] < 0x20 || s[i] == 0x7f) ? '?' : s[i];
	if (i < len) {
		memcpy(buf + n, "...", 3);
		n += 3;
	}
	buf[n] = '\0';
	return buf;
}

/* ---- parsing ---------------------------------------------------------- */

static struct mnode *add_node(struct mtpl *t, enum mnode_kind kind, int line)
{
	struct mnode *n;

	t->nr++;
	ALLOC_GROW(t->nodes, t->nr, t->alloc);
	n = &t->nodes[t->nr - 1];
	memset(n, 0, sizeof(*n));
	n->kind = kind;
	n->line = line;
	return n;
}

static void mtpl_release(struct mtpl *t)
{
	for (size_t i = 0; i < t->nr; i++) {
		free(t->nodes[i].name);
		free(t->nodes[i].indent);
	}
	free(t->nodes);
	t->nodes = NULL;
	t->nr = t->alloc = 0;
}

/* Text src[from..to) as a node; empty text adds nothing. */
static void add_text(struct mparser *p, size_t from, size_t to)
{
	struct mnode *n;

	if (to <= from)
		return;
	n = add_node(p->t, MN_TEXT, p->line);
	n->text = p->src + from;
	n->len = to - from;
}

static void advance(struct mparser *p, size_t to)
{
	p->line += (int)count_lines(p->src + p->pos, to - p->pos);
	p->pos = to;
}

static int perr(struct mparser *p, int line, const char *msg, const char *subject,
		size_t sublen)
{
	char shown[NAME_SHOW_MAX + 8];

	if (subject)
		return ss_error_set(p->err, SS_ERR_INPUT, p->name, line, 0, "%s '%s'", msg,
				    show(shown, sizeof(shown), subject, sublen));
	return ss_error_set(p->err, SS_ERR_INPUT, p->name, line, 0, "%s", msg);
}

/* {{=<% %>=}}: content is what lies between the two '=' signs. */
static int set_delimiters(struct mparser *p, const char *c, size_t len, int line)
{
	size_t i = 0, a0, a1, b0, b1;

	while (i < len && is_space(c[i]))
		i++;
	a0 = i;
	while (i < len && !is_space(c[i]))
		i++;
	a1 = i;
	while (i < len && is_space(c[i]))
		i++;
	b0 = i;
	while (i < len && !is_space(c[i]))
		i++;
	b1 = i;
	while (i < len && is_space(c[i]))
		i++;
	if (a1 == a0 || b1 == b0 || i != len || a1 - a0 > MUSTACHE_MAX_DELIM ||
	    b1 - b0 > MUSTACHE_MAX_DELIM || memchr(c + a0, '=', a1 - a0) ||
	    memchr(c + b0, '=', b1 - b0) || memchr(c + a0, '\0', a1 - a0) ||
	    memchr(c + b0, '\0', b1 - b0))
		return perr(p, line,
			    "invalid delimiter tag: expected two delimiters without spaces or "
			    "'=', like {{=<% %>=}}, got",
			    c, len);
	memcpy(p->otag, c + a0, a1 - a0);
	p->olen = a1 - a0;
	p->otag[p->olen] = '\0';
	memcpy(p->ctag, c + b0, b1 - b0);
	p->clen = b1 - b0;
	p->ctag[p->clen] = '\0';
	return 0;
}

/* One tag whose (trimmed) content is c[0..len). */
static int handle_tag(struct mparser *p, char type, const char *c, size_t len, int line,
		      const char *indent, size_t ilen)
{
	struct mnode *n;
	char shown[NAME_SHOW_MAX + 8], shown2[NAME_SHOW_MAX + 8];

	if (type == '!')
		return 0;
	if (type == '=')
		return set_delimiters(p, c, len, line);
	if (len == 0)
		return perr(p, line, "empty tag name", NULL, 0);
	switch (type) {
	case '#':
	case '^':
		if (p->nopen >= MUSTACHE_MAX_SECTION_DEPTH)
			return ss_error_set(p->err, SS_ERR_INPUT, p->name, line, 0,
					    "sections nested deeper than %d",
					    MUSTACHE_MAX_SECTION_DEPTH);
		n = add_node(p->t, type == '#' ? MN_SECTION : MN_INVERTED, line);
		n->name = xmemdup(c, len + 1);
		n->name[len] = '\0';
		n->len = len;
		p->nopen++;
		ALLOC_GROW(p->open, p->nopen, p->aopen);
		p->open[p->nopen - 1] = p->t->nr - 1;
		return 0;
	case '/': {
		struct mnode *o;
		if (p->nopen == 0)
			return perr(p, line, "close tag without an open section:", c, len);
		o = &p->t->nodes[p->open[p->nopen - 1]];
		if (o->len != len || memcmp(o->name, c, len) != 0)
			return ss_error_set(p->err, SS_ERR_INPUT, p->name, line, 0,
					    "mismatched close tag '%s': section '%s' opened "
					    "on line %d is still open",
					    show(shown, sizeof(shown), c, len),
					    show(shown2, sizeof(shown2), o->name, o->len), o->line);
		o->end = p->t->nr;
		p->nopen--;
		return 0;
	}
	case '>':
		n = add_node(p->t, MN_PARTIAL, line);
		n->name = xmemdup(c, len + 1);
		n->name[len] = '\0';
		n->len = len;
		if (indent && ilen) {
			n->indent = xmemdup(indent, ilen + 1);
			n->indent[ilen] = '\0';
		}
		return 0;
	case '<':
	case '$':
		return perr(p, line, "template inheritance is not supported:", c, len);
	default:
		n = add_node(p->t, MN_VAR, line);
		n->name = xmemdup(c, len + 1);
		n->name[len] = '\0';
		n->len = len;
		n->escape = type == 0;
		return 0;
	}
}

/* The tag at p->src[at] (its open delimiter matched). */
static int parse_tag(struct mparser *p, size_t at)
{
	const char *s = p->src;
	size_t len = p->len, q = at + p->olen, cend, tag_end, c0, c1, next, ls;
	char type = 0, needle[MUSTACHE_MAX_DELIM + 2];
	size_t nlen;
	int line = p->line + (int)count_lines(s + p->pos, at - p->pos);
	int standalone = 0;
	char shown[NAME_SHOW_MAX + 8];

	if (q < len && s[q] != '\0' && strchr("#^/!>={&<$", s[q]))
		type = s[q++];
	nlen = 0;
	if (type == '{')
		needle[nlen++] = '}';
	else if (type == '=')
		needle[nlen++] = '=';
	memcpy(needle + nlen, p->ctag, p->clen);
	nlen += p->clen;
	cend = find_bytes(s, len, q, needle, nlen);
	if (cend == NPOS) {
		needle[nlen] = '\0';
		return ss_error_set(p->err, SS_ERR_INPUT, p->name, line, 0,
				    "unclosed tag '%s': no '%s' after it",
				    show(shown, sizeof(shown), s + at,
					 len - at < 24 ? len - at : 24),
				    needle);
	}
	tag_end = cend + nlen;
	c0 = q;
	c1 = cend;
	if (type != '!') {
		while (c0 < c1 && is_space(s[c0]))
			c0++;
		while (c1 > c0 && is_space(s[c1 - 1]))
			c1--;
	}

	/* Standalone: only blanks before it on its line and after it to EOL. */
	ls = at;
	next = tag_end;
	if (type && type != '{' && type != '&') {
		while (ls > p->pos && is_blank(s[ls - 1]))
			ls--;
		if (ls == 0 || s[ls - 1] == '\n') {
			size_t e = tag_end;
			while (e < len && is_blank(s[e]))
				e++;
			if (e == len) {
				standalone = 1;
				next = len;
			} else if (s[e] == '\n') {
				standalone = 1;
				next = e + 1;
			} else if (s[e] == '\r' && e + 1 < len && s[e + 1] == '\n') {
				standalone = 1;
				next = e + 2;
			}
		}
	}
	add_text(p, p->pos, standalone ? ls : at);
	if (handle_tag(p, type, s + c0, c1 - c0, line, standalone ? s + ls : NULL,
		       standalone ? at - ls : 0))
		return p->err ? p->err->code : SS_ERR_INPUT;
	advance(p, next);
	return 0;
}

static int mtpl_parse(struct mtpl *t, const char *src, size_t len, const char *name,
		      struct ss_error *err)
{
	struct mparser p;
	int rc = 0;

	memset(&p, 0, sizeof(p));
	p.src = src;
	p.len = len;
	p.line = 1;
	memcpy(p.otag, "{{", 3);
	p.olen = 2;
	memcpy(p.ctag, "}}", 3);
	p.clen = 2;
	p.name = name;
	p.t = t;
	p.err = err;
	while (p.pos < len) {
		size_t at = find_bytes(src, len, p.pos, p.otag, p.olen);
		if (at == NPOS) {
			add_text(&p, p.pos, len);
			advance(&p, len);
			break;
		}
		rc = parse_tag(&p, at);
		if (rc)
			goto out;
	}
	if (p.nopen) {
		const struct mnode *o = &t->nodes[p.open[p.nopen - 1]];
		rc = perr(&p, o->line, "unclosed section", o->name, o->len);
	}
out:
	free(p.open);
	return rc;
}

/* ---- values ------------------------------------------------------------ */

static void add_escaped(struct strbuf *sb, const char *s, size_t len)
{
	size_t i, from = 0;

	for (i = 0; i < len; i++) {
		const char *rep = NULL;
		switch (s[i]) {
		case '&':
			rep = "&amp;";
			break;
		case '<':
			rep = "&lt;";
			break;
		case '>':
			rep = "&gt;";
			break;
		case '"':
			rep = "&quot;";
			break;
		default:
			break;
		}
		if (rep) {
			strbuf_add(sb, s + from, i - from);
			strbuf_addstr(sb, rep);
			from = i + 1;
		}
	}
	strbuf_add(sb, s + from, len - from);
}

/* Append the text of v (escaped when asked). */
static void add_value(struct strbuf *out, const cJSON *v, int escape)
{
	struct strbuf tmp = STRBUF_INIT;
	char *json = NULL;

	if (cJSON_IsString(v) || cJSON_IsRaw(v)) {
		if (v->valuestring)
			strbuf_addstr(&tmp, v->valuestring);
	} else if (cJSON_IsNumber(v)) {
		strbuf_add_number(&tmp, v->valuedouble);
	} else if (cJSON_IsTrue(v)) {
		strbuf_addstr(&tmp, "true");
	} else if (cJSON_IsFalse(v)) {
		strbuf_addstr(&tmp, "false");
	} else if (cJSON_IsArray(v) || cJSON_IsObject(v)) {
		json = cJSON_PrintUnformatted(v);
		if (!json)
			xalloc_die("cJSON_PrintUnformatted", 0);
		strbuf_addstr(&tmp, json);
		cJSON_free(json);
	}
	if (escape)
		add_escaped(out, tmp.buf, tmp.len);
	else
		strbuf_addbuf(out, &tmp);
	strbuf_release(&tmp);
}

static int is_falsey(const cJSON *v)
{
	return !v || cJSON_IsFalse(v) || cJSON_IsNull(v) || cJSON_IsInvalid(v) ||
	       (cJSON_IsString(v) && (!v->valuestring || !v->valuestring[0])) ||
	       (cJSON_IsNumber(v) && v->valuedouble == 0) ||
	       (cJSON_IsArray(v) && !v->child);
}

static const cJSON *object_get(const cJSON *obj, const char *key, size_t klen)
{
	const cJSON *c;

	if (!cJSON_IsObject(obj))
		return NULL;
	for (c = obj->child; c; c = c->next)
		if (c->string && strlen(c->string) == klen && memcmp(c->string, key, klen) == 0)
			return c;
	return NULL;
}

/* Resolve name (len bytes) on the context stack: 1 found (*out set), 0 not. */
static int lookup(const struct mrender *r, const char *name, size_t len, const cJSON **out)
{
	const cJSON *cur = NULL;
	size_t seg = 0, i;

	if (len == 1 && name[0] == '.') {
		*out = r->stack[r->nstack - 1];
		return 1;
	}
	while (seg < len && name[seg] != '.')
		seg++;
	if (seg == 0)
		return 0;
	for (i = r->nstack; i-- > 0;) {
		cur = object_get(r->stack[i], name, seg);
		if (cur)
			break;
	}
	if (!cur)
		return 0;
	while (seg < len) {
		size_t from = seg + 1, to = from;
		while (to < len && name[to] != '.')
			to++;
		if (to == from)
			return 0;
		cur = object_get(cur, name + from, to - from);
		if (!cur)
			return 0;
		seg = to;
	}
	*out = cur;
	return 1;
}

/* ---- rendering --------------------------------------------------------- */

static void push(struct mrender *r, const cJSON *v)
{
	r->nstack++;
	ALLOC_GROW(r->stack, r->nstack, r->astack);
	r->stack[r->nstack - 1] = v;
}

/* An error about node n: "WHAT 'NAME'". */
static int rerr(struct mrender *r, const char *tname, const struct mnode *n, const char *what)
{
	char shown[NAME_SHOW_MAX + 8];

	return ss_error_set(r->err, SS_ERR_INPUT, tname, n->line, 0, "%s '%s'", what,
			    show(shown, sizeof(shown), n->name, n->len));
}

static int check_output(struct mrender *r, const char *tname, int line)
{
	if (r->out->len - r->out_start > r->max_output)
		return ss_error_set(r->err, SS_ERR_INPUT, tname, line, 0,
				    "output too large (more than %zu bytes)", r->max_output);
	return 0;
}

static int charge(struct mrender *r, size_t units, const char *tname, int line)
{
	r->steps += units;
	if (r->steps > r->max_steps)
		return ss_error_set(r->err, SS_ERR_INPUT, tname, line, 0,
				    "template too costly to render (more than %zu steps; "
				    "a partial that includes itself?)",
				    r->max_steps);
	return 0;
}

static int render_nodes(struct mrender *r, const struct mtpl *t, size_t from, size_t to,
			const char *tname);

static int render_partial(struct mrender *r, const struct mnode *n, const char *tname)
{
	struct strbuf text = STRBUF_INIT, indented = STRBUF_INIT;
	struct mtpl sub = {0};
	struct ss_error cb_err;
	const struct strbuf *src = &text;
	size_t size;
	int rc = SS_ERR_INPUT, inside = 0;

	ss_error_init(&cb_err);
	/* a name with a NUL byte in it names no partial */
	if (r->opts->partial && strlen(n->name) == n->len)
		rc = r->opts->partial(r->opts->partial_ctx, n->name, &text, &cb_err);
	if (rc == SS_ERR_INPUT) {
		rc = 0;
		if (r->opts->strict)
			rc = rerr(r, tname, n, "unknown partial");
		goto out;
	}
	if (rc) {
		if (r->err) {
			*r->err = cb_err;
			if (!r->err->code)
				ss_error_set(r->err, rc, tname, n->line, 0,
					     "cannot read partial '%s'", n->name);
		}
		goto out;
	}
	if (r->partial_depth >= MUSTACHE_MAX_PARTIAL_DEPTH) {
		rc = ss_error_set(r->err, SS_ERR_INPUT, tname, n->line, 0,
				  "partials nested deeper than %d (partial '%s' includes "
				  "itself without end?)",
				  MUSTACHE_MAX_PARTIAL_DEPTH, n->name);
		goto out;
	}
	/* the source to parse: the partial with its indentation on every line */
	size = text.len;
	if (n->indent && text.len) {
		size_t ilen = strlen(n->indent);
		size_t lines = 1 + count_lines(text.buf, text.len - 1);
		if (size > r->max_output || ilen > (r->max_output - size) / lines) {
			rc = ss_error_set(r->err, SS_ERR_INPUT, tname, n->line, 0,
					  "output too large (more than %zu bytes)", r->max_output);
			goto out;
		}
		size += lines * ilen;
	}
	rc = charge(r, size / 16 + 1, tname, n->line);
	if (rc)
		goto out;
	if (n->indent && text.len) {
		strbuf_grow(&indented, size);
		strbuf_addstr(&indented, n->indent);
		for (size_t i = 0; i < text.len; i++) {
			strbuf_addch(&indented, text.buf[i]);
			if (text.buf[i] == '\n' && i + 1 < text.len)
				strbuf_addstr(&indented, n->indent);
		}
		src = &indented;
	}
	inside = 1;
	rc = mtpl_parse(&sub, src->buf, src->len, n->name, r->err);
	if (rc)
		goto out;
	r->partial_depth++;
	rc = render_nodes(r, &sub, 0, sub.nr, n->name);
	r->partial_depth--;
out:
	/* an error inside the partial names the partial; say where it came from */
	if (rc == SS_ERR_INPUT && inside && r->err && !strstr(r->err->msg, "(included from ")) {
		char msg[SS_ERROR_MSG_MAX], file[SS_ERROR_FILE_MAX];
		memcpy(msg, r->err->msg, sizeof(msg));
		memcpy(file, r->err->file, sizeof(file));
		ss_error_set(r->err, rc, file, r->err->line, r->err->col,
			     "%s (included from '%s' line %d)", msg, tname, n->line);
	}
	mtpl_release(&sub);
	strbuf_release(&indented);
	strbuf_release(&text);
	return rc;
}

static int render_section(struct mrender *r, const struct mtpl *t, size_t i, const char *tname)
{
	const struct mnode *n = &t->nodes[i];
	const cJSON *v = NULL;
	int found = lookup(r, n->name, n->len, &v);
	int rc = 0;

	if (!found && r->opts->strict)
		return rerr(r, tname, n,
			    n->kind == MN_SECTION ? "unknown section" : "unknown inverted section");
	if (n->kind == MN_INVERTED) {
		if (!is_falsey(v))
			return 0;
	} else if (is_falsey(v)) {
		return 0;
	}
	if (r->section_depth >= MUSTACHE_MAX_SECTION_DEPTH)
		return ss_error_set(r->err, SS_ERR_INPUT, tname, n->line, 0,
				    "sections nested deeper than %d", MUSTACHE_MAX_SECTION_DEPTH);
	r->section_depth++;
	if (n->kind == MN_INVERTED) {
		rc = render_nodes(r, t, i + 1, n->end, tname);
	} else if (cJSON_IsArray(v)) {
		for (const cJSON *e = v->child; e && !rc; e = e->next) {
			push(r, e);
			rc = render_nodes(r, t, i + 1, n->end, tname);
			r->nstack--;
		}
	} else {
		push(r, v);
		rc = render_nodes(r, t, i + 1, n->end, tname);
		r->nstack--;
	}
	r->section_depth--;
	return rc;
}

static int render_nodes(struct mrender *r, const struct mtpl *t, size_t from, size_t to,
			const char *tname)
{
	int rc = 0;

	for (size_t i = from; i < to && !rc; i++) {
		const struct mnode *n = &t->nodes[i];
		const cJSON *v = NULL;

		rc = charge(r, 1, tname, n->line);
		if (rc)
			break;
		switch (n->kind) {
		case MN_TEXT:
			strbuf_add(r->out, n->text, n->len);
			rc = check_output(r, tname, n->line);
			break;
		case MN_VAR:
			if (lookup(r, n->name, n->len, &v)) {
				add_value(r->out, v, n->escape && !r->opts->no_escape);
				rc = check_output(r, tname, n->line);
			} else if (r->opts->strict) {
				rc = rerr(r, tname, n, "unknown variable");
			}
			break;
		case MN_SECTION:
		case MN_INVERTED:
			rc = render_section(r, t, i, tname);
			i = n->end - 1;
			break;
		case MN_PARTIAL:
			rc = render_partial(r, n, tname);
			break;
		}
	}
	return rc;
}

int mustache_render(const char *tpl, size_t len, const cJSON *data,
		    const struct mustache_opts *opts, struct strbuf *out, struct ss_error *err)
{
	static const struct mustache_opts defaults = {0};
	struct mrender r;
	struct mtpl t = {0};
	cJSON empty;
	const char *name;
	int rc;

	if (!opts)
		opts = &defaults;
	name = opts->name ? opts->name : "template";
	memset(&r, 0, sizeof(r));
	r.opts = opts;
	r.out = out;
	r.out_start = out->len;
	r.max_output = opts->max_output ? opts->max_output : MUSTACHE_MAX_OUTPUT;
	r.max_steps = opts->max_steps ? opts->max_steps : MUSTACHE_MAX_STEPS;
	r.err = err;
	if (!data) {
		memset(&empty, 0, sizeof(empty));
		empty.type = cJSON_Object;
		data = &empty;
	}
	rc = mtpl_parse(&t, tpl ? tpl : "", tpl ? len : 0, name, err);
	if (rc)
		goto out;
	push(&r, data);
	rc = render_nodes(&r, &t, 0, t.nr, name);
out:
	free(r.stack);
	mtpl_release(&t);
	return rc;
}

int mustache_partials_from_json(void *ctx, const char *name, struct strbuf *out,
				struct ss_error *err)
{
	const cJSON *obj = ctx;
	const cJSON *v = cJSON_GetObjectItemCaseSensitive(obj, name);

	if (!cJSON_IsString(v) || !v->valuestring)
		return ss_error_set(err, SS_ERR_INPUT, NULL, 0, 0, "unknown partial '%s'", name);
	strbuf_addstr(out, v->valuestring);
	return 0;
}
