/*
 * toml: a strict TOML 1.0 reader.
 *
 * The document is parsed into a private tree (struct tnode) that remembers
 * how each table came to be (header, implicit parent, dotted keys, inline)
 * and on which line, which is what the redefinition rules and
 * toml_key_line need; the tree is then converted to cJSON. Every read goes
 * through peek(), which returns -1 past the end, so the cursor never reads
 * outside [src, src + len).
 */
#include "shipshape/toml.h"

#include <limits.h>
#include <locale.h>
#include <math.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "shipshape/strbuf.h"
#include "shipshape/xalloc.h"

enum tkind {
	TK_TABLE,
	TK_ARRAY,
	TK_STRING,
	TK_INTEGER,
	TK_FLOAT,
	TK_BOOL,
	TK_DATETIME,
	TK_DATETIME_LOCAL,
	TK_DATE_LOCAL,
	TK_TIME_LOCAL
};

/* How a table or array came to be. */
#define TF_HEADER 0x01u /* [table] or an element of [[array]] */
#define TF_DOTTED 0x02u /* created (or claimed) by dotted keys */
#define TF_INLINE 0x04u /* inline table, or a table inside one: frozen */
#define TF_STATIC 0x08u /* array written as a value: frozen */
#define TF_AOT 0x10u    /* array of tables made by [[header]] */

struct tnode {
	enum tkind kind;
	unsigned flags;
	unsigned section; /* section that created/claimed it (TF_DOTTED) */
	int line;         /* where it was defined */
	int depth;        /* containers above it */
	struct tnode *parent; /* table or array holding it; NULL for the root */
	char *key;            /* member key in its table, or NULL */
	size_t keylen;
	struct tnode **kids; /* table members or array items */
	size_t nkids, akids;
	size_t *index; /* big tables: open-addressing hash of kids (i + 1; 0 empty) */
	size_t icap;
	char *text; /* string value, or date-time text (normalised) */
	size_t textlen;
	long long ival;
	double fval;
	int bval;
};

struct keypart {
	char *s;
	size_t n;
	size_t pos; /* where it starts in the source */
};

struct keypath {
	struct keypart *parts;
	size_t nr, alloc;
};

struct parser {
	const char *src;
	size_t len;
	size_t pos;
	const char *file;
	struct ss_error *err;
	int failed;
	struct tnode *root;
	struct tnode *cur; /* table of the current section */
	unsigned section;  /* id of the current section */
	unsigned next_section;
	size_t lc_pos; /* line cache: line_at(lc_pos) == lc_line */
	int lc_line;
};

/* ---- tree ---- */

static struct tnode *node_new(enum tkind kind, int line, int depth)
{
	struct tnode *n = xcalloc(1, sizeof(*n));
	n->kind = kind;
	n->line = line;
	n->depth = depth;
	return n;
}

static void node_free(struct tnode *n)
{
	if (!n)
		return;
	for (size_t i = 0; i < n->nkids; i++)
		node_free(n->kids[i]);
	free(n->kids);
	free(n->index);
	free(n->key);
	free(n->text);
	free(n);
}

static void node_add(struct tnode *parent, struct tnode *kid)
{
	if (parent->nkids == parent->akids) {
		parent->akids = parent->akids ? parent->akids * 2 : 4;
		parent->kids = xrealloc(parent->kids, parent->akids * sizeof(*parent->kids));
	}
	parent->kids[parent->nkids++] = kid;
	kid->parent = parent;
}

/* Tables with more members than this get a hash index (hostile input can
 * hold hundreds of thousands of keys in one table). */
#define TABLE_INDEX_MIN 16

static size_t key_hash(const char *key, size_t n)
{
	size_t h = 1469598103934665603u; /* FNV-1a */
	for (size_t i = 0; i < n; i++)
		h = (h ^ (unsigned char)key[i]) * 1099511628211u;
	return h;
}

static void index_insert(struct tnode *t, size_t i)
{
	size_t slot = key_hash(t->kids[i]->key, t->kids[i]->keylen) & (t->icap - 1);
	while (t->index[slot])
		slot = (slot + 1) & (t->icap - 1);
	t->index[slot] = i + 1;
}

static struct tnode *table_find(const struct tnode *t, const char *key, size_t n)
{
	if (t->icap) {
		size_t slot = key_hash(key, n) & (t->icap - 1);
		for (; t->index[slot]; slot = (slot + 1) & (t->icap - 1)) {
			const struct tnode *k = t->kids[t->index[slot] - 1];
			if (k->keylen == n && !memcmp(k->key, key, n))
				return t->kids[t->index[slot] - 1];
		}
		return NULL;
	}
	for (size_t i = 0; i < t->nkids; i++)
		if (t->kids[i]->keylen == n && !memcmp(t->kids[i]->key, key, n))
			return t->kids[i];
	return NULL;
}

static void table_put(struct tnode *t, const struct keypart *k, struct tnode *kid)
{
	kid->key = xmalloc(k->n + 1);
	memcpy(kid->key, k->s, k->n);
	kid->key[k->n] = '\0';
	kid->keylen = k->n;
	node_add(t, kid);
	if (t->nkids < TABLE_INDEX_MIN)
		return;
	if (t->nkids * 2 > t->icap) {
		/* (re)build at a load factor of at most one half */
		free(t->index);
		t->icap = t->icap ? t->icap * 2 : 4 * TABLE_INDEX_MIN;
		t->index = xcalloc(t->icap, sizeof(*t->index));
		for (size_t i = 0; i < t->nkids; i++)
			index_insert(t, i);
	} else {
		index_insert(t, t->nkids - 1);
	}
}

/* Mark an inline table and every table below it (by key) as frozen. */
static void mark_inline(struct tnode *t)
{
	t->flags |= TF_INLINE;
	for (size_t i = 0; i < t->nkids; i++)
		if (t->kids[i]->kind == TK_TABLE)
			mark_inline(t->kids[i]);
}

static void keypath_release(struct keypath *kp)
{
	for (size_t i = 0; i < kp->nr; i++)
		free(kp->parts[i].s);
	free(kp->parts);
	kp->parts = NULL;
	kp->nr = kp->alloc = 0;
}

/* ---- positions and errors ---- */

static int peek(const struct parser *p, size_t off)
{
	if (p->pos + off < p->pos || p->pos + off >= p->len)
		return -1;
	return (unsigned char)p->src[p->pos + off];
}

static int line_at(struct parser *p, size_t at)
{
	if (at > p->len)
		at = p->len;
	if (at < p->lc_pos) {
		p->lc_pos = 0;
		p->lc_line = 1;
	}
	for (size_t i = p->lc_pos; i < at; i++)
		if (p->src[i] == '\n')
			p->lc_line++;
	p->lc_pos = at;
	return p->lc_line;
}

/* 1-based column counted in characters (UTF-8 sequences count once). */
static int col_at(const struct parser *p, size_t at)
{
	size_t start = at > p->len ? p->len : at;
	int col = 1;

	while (start > 0 && p->src[start - 1] != '\n')
		start--;
	for (size_t i = start; i < at && i < p->len; i++)
		if (((unsigned char)p->src[i] & 0xC0) != 0x80)
			col++;
	return col;
}

static int perr(struct parser *p, size_t at, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

static int perr(struct parser *p, size_t at, const char *fmt, ...)
{
	va_list ap;

	if (!p->failed) { /* the first error is the one reported */
		p->failed = 1;
		va_start(ap, fmt);
		ss_error_vset(p->err, SS_ERR_INPUT, p->file, line_at(p, at), col_at(p, at), fmt, ap);
		va_end(ap);
	}
	return -1;
}

/* A short printable description of the character at `at`, for messages. */
static const char *describe(const struct parser *p, size_t at, char *buf, size_t size)
{
	const unsigned char *s = (const unsigned char *)p->src + at;
	const char *what = buf;
	int c;

	if (at >= p->len) {
		what = "end of file";
		goto out;
	}
	c = s[0];
	if (c == '\n' || (c == '\r' && at + 1 < p->len && s[1] == '\n'))
		what = "end of line";
	else if (c == '\'')
		snprintf(buf, size, "\"'\"");
	else if (c >= 0x20 && c < 0x7f)
		snprintf(buf, size, "'%c'", c);
	else if (c >= 0xC2 && at + 1 < p->len && c < 0xE0) /* input is valid UTF-8 */
		snprintf(buf, size, "U+%04X", ((c & 0x1Fu) << 6) | (s[1] & 0x3Fu));
	else if (c >= 0xE0 && c < 0xF0 && at + 2 < p->len)
		snprintf(buf, size, "U+%04X",
			 ((c & 0x0Fu) << 12) | ((s[1] & 0x3Fu) << 6) | (s[2] & 0x3Fu));
	else if (c >= 0xF0 && at + 3 < p->len)
		snprintf(buf, size, "U+%04X", ((c & 0x07u) << 18) | ((s[1] & 0x3Fu) << 12) |
						       ((s[2] & 0x3Fu) << 6) | (s[3] & 0x3Fu));
	else
		snprintf(buf, size, "U+%04X", (unsigned)c);
out:
	return what;
}

/* Append one key, quoted when it is not a bare key. */
static void add_key(struct strbuf *sb, const char *k, size_t n)
{
	int bare = n > 0;

	for (size_t j = 0; j < n; j++) {
		unsigned char c = (unsigned char)k[j];
		if (!((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
		      c == '_' || c == '-'))
			bare = 0;
	}
	if (bare) {
		strbuf_add(sb, k, n);
		return;
	}
	strbuf_addch(sb, '"');
	for (size_t j = 0; j < n; j++) {
		unsigned char c = (unsigned char)k[j];
		if (c == '"' || c == '\\')
			strbuf_addf(sb, "\\%c", c);
		else if (c < 0x20 || c == 0x7f)
			strbuf_addf(sb, "\\u%04X", c);
		else
			strbuf_addch(sb, c);
	}
	strbuf_addch(sb, '"');
}

/* The dotted name of a node for messages (array levels are skipped). */
static const char *node_name(const struct tnode *n, struct strbuf *sb)
{
	const struct tnode *chain[TOML_MAX_DEPTH + 2];
	size_t nr = 0;

	strbuf_reset(sb);
	for (; n && nr < sizeof(chain) / sizeof(chain[0]); n = n->parent)
		if (n->key)
			chain[nr++] = n;
	while (nr--) {
		add_key(sb, chain[nr]->key, chain[nr]->keylen);
		if (nr)
			strbuf_addch(sb, '.');
	}
	if (sb->len > 200) {
		strbuf_setlen(sb, 197);
		strbuf_addstr(sb, "...");
	}
	return sb->buf;
}

/* ---- whole-input checks ---- */

/* Length of the valid UTF-8 sequence at s[0..n), or 0 when invalid. */
static size_t utf8_seq(const unsigned char *s, size_t n)
{
	unsigned c = s[0];
	size_t len;
	unsigned long cp;

	if (c < 0x80)
		return 1;
	if (c >= 0xC2 && c <= 0xDF) {
		len = 2;
		cp = c & 0x1F;
	} else if (c >= 0xE0 && c <= 0xEF) {
		len = 3;
		cp = c & 0x0F;
	} else if (c >= 0xF0 && c <= 0xF4) {
		len = 4;
		cp = c & 0x07;
	} else {
		return 0;
	}
	if (n < len)
		return 0;
	for (size_t i = 1; i < len; i++) {
		if ((s[i] & 0xC0) != 0x80)
			return 0;
		cp = (cp << 6) | (s[i] & 0x3F);
	}
	if ((len == 3 && cp < 0x800) || (len == 4 && (cp < 0x10000 || cp > 0x10FFFF)))
		return 0; /* overlong or out of range */
	if (cp >= 0xD800 && cp <= 0xDFFF)
		return 0; /* surrogate */
	return len;
}

static int check_encoding(struct parser *p)
{
	const unsigned char *s = (const unsigned char *)p->src;
	size_t i = 0, n;
	int ret = 0;

	while (i < p->len && !ret) {
		n = s[i] ? utf8_seq(s + i, p->len - i) : 0;
		if (!s[i])
			ret = perr(p, i, "NUL byte in document");
		else if (!n)
			ret = perr(p, i, "invalid UTF-8 byte 0x%02x", (unsigned)s[i]);
		i += n;
	}
	return ret;
}

/* ---- lexical helpers ---- */

static int is_bare(int c)
{
	return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
	       c == '_' || c == '-';
}

static int is_digit(int c)
{
	return c >= '0' && c <= '9';
}

static int is_control(int c)
{
	return (c >= 0 && c < 0x20 && c != '\t') || c == 0x7f;
}

static void skip_ws(struct parser *p)
{
	while (peek(p, 0) == ' ' || peek(p, 0) == '\t')
		p->pos++;
}

/* A comment, when one starts here: '#' up to (not including) the newline. */
static int skip_comment(struct parser *p)
{
	int ret = 0;

	if (peek(p, 0) != '#')
		goto out;
	for (p->pos++;; p->pos++) {
		int c = peek(p, 0);
		if (c < 0 || c == '\n' || (c == '\r' && peek(p, 1) == '\n'))
			break;
		if (is_control(c)) {
			ret = perr(p, p->pos, "control character U+%04X in comment", (unsigned)c);
			break;
		}
	}
out:
	return ret;
}

/* Consume a newline (LF or CRLF) if one is here; 1 if consumed. */
static int eat_newline(struct parser *p)
{
	size_t n = peek(p, 0) == '\n' ? 1 : (peek(p, 0) == '\r' && peek(p, 1) == '\n') ? 2 : 0;

	p->pos += n;
	return n > 0;
}

/* Whitespace, newlines and comments (inside arrays). */
static int skip_ws_nl(struct parser *p)
{
	int ret = 0;

	do {
		skip_ws(p);
		ret = skip_comment(p);
	} while (!ret && eat_newline(p));
	if (!ret && peek(p, 0) == '\r')
		ret = perr(p, p->pos, "carriage return not followed by a newline");
	return ret;
}

/* After a key/value pair or a header: optional comment, then a newline or EOF. */
static int expect_eol(struct parser *p, const char *after)
{
	char buf[32];
	int ret;

	skip_ws(p);
	ret = skip_comment(p);
	if (ret || peek(p, 0) < 0 || eat_newline(p))
		goto out;
	if (peek(p, 0) == '\r')
		ret = perr(p, p->pos, "carriage return not followed by a newline");
	else
		ret = perr(p, p->pos, "expected end of line after %s, found %s", after,
			   describe(p, p->pos, buf, sizeof(buf)));
out:
	return ret;
}

static int hexval(int c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

static void add_utf8(struct strbuf *sb, unsigned long cp)
{
	if (cp < 0x80) {
		strbuf_addch(sb, (int)cp);
	} else if (cp < 0x800) {
		strbuf_addch(sb, (int)(0xC0 | (cp >> 6)));
		strbuf_addch(sb, (int)(0x80 | (cp & 0x3F)));
	} else if (cp < 0x10000) {
		strbuf_addch(sb, (int)(0xE0 | (cp >> 12)));
		strbuf_addch(sb, (int)(0x80 | ((cp >> 6) & 0x3F)));
		strbuf_addch(sb, (int)(0x80 | (cp & 0x3F)));
	} else {
		strbuf_addch(sb, (int)(0xF0 | (cp >> 18)));
		strbuf_addch(sb, (int)(0x80 | ((cp >> 12) & 0x3F)));
		strbuf_addch(sb, (int)(0x80 | ((cp >> 6) & 0x3F)));
		strbuf_addch(sb, (int)(0x80 | (cp & 0x3F)));
	}
}

/* ---- strings ---- */

/* An escape sequence; p->pos is at the backslash. */
static int parse_escape(struct parser *p, struct strbuf *out)
{
	static const char simple[] = "b\bt\tn\nf\fr\r\"\"\\\\";
	size_t at = p->pos;
	int c = peek(p, 1), ndig = c == 'u' ? 4 : 8, ret = 0;
	unsigned long cp = 0;
	const char *m = c > 0 ? strchr(simple, c) : NULL;

	if (m && (size_t)(m - simple) % 2 == 0) {
		strbuf_addch(out, m[1]);
		p->pos += 2;
	} else if (c == 'u' || c == 'U') {
		for (int i = 0; i < ndig && !ret; i++) {
			int h = hexval(peek(p, 2 + (size_t)i));
			if (h < 0)
				ret = perr(p, at, "invalid unicode escape '\\%c' in string: "
					   "expected %d hex digits", c, ndig);
			cp = (cp << 4) | (unsigned long)(h & 0xF);
		}
		if (!ret && (cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)))
			ret = perr(p, at, "invalid unicode escape '\\%c%.*s' in string: "
				   "U+%04lX is not a Unicode scalar value", c, ndig,
				   p->src + at + 2, cp);
		if (!ret) {
			add_utf8(out, cp);
			p->pos += 2 + (size_t)ndig;
		}
	} else if (c < 0) {
		ret = perr(p, at, "unterminated string");
	} else if (c > 0x20 && c < 0x7f) {
		ret = perr(p, at, "invalid escape '\\%c' in string", c);
	} else {
		ret = perr(p, at, "invalid escape: backslash followed by %s in string",
			   c == ' ' ? "a space" : c == '\n' || c == '\r' ? "a newline"
			   : c == '\t' ? "a tab" : "a non-ASCII or control character");
	}
	return ret;
}

/* A single-line basic string; p->pos at the opening quote. */
static int parse_basic(struct parser *p, struct strbuf *out)
{
	size_t start = p->pos;
	int ret = 0;

	p->pos++;
	for (;;) {
		int c = peek(p, 0);
		if (c < 0 || c == '\n' || c == '\r') {
			ret = perr(p, start, "unterminated string");
			break;
		}
		if (c == '"') {
			p->pos++;
			break;
		}
		if (c == '\\') {
			ret = parse_escape(p, out);
			if (ret)
				break;
			continue;
		}
		if (is_control(c)) {
			ret = perr(p, p->pos, "control character U+%04X in string", (unsigned)c);
			break;
		}
		strbuf_addch(out, c);
		p->pos++;
	}
	return ret;
}

/* A single-line literal string; p->pos at the opening quote. */
static int parse_literal(struct parser *p, struct strbuf *out)
{
	size_t start = p->pos;
	int ret = 0;

	p->pos++;
	for (;;) {
		int c = peek(p, 0);
		if (c < 0 || c == '\n' || c == '\r') {
			ret = perr(p, start, "unterminated literal string");
			break;
		}
		if (c == '\'') {
			p->pos++;
			break;
		}
		if (is_control(c)) {
			ret = perr(p, p->pos, "control character U+%04X in literal string",
				   (unsigned)c);
			break;
		}
		strbuf_addch(out, c);
		p->pos++;
	}
	return ret;
}

/* Skip a line-ending backslash (p->pos at it) and the blanks and newlines
 * after it; 0 when there is none here (whitespace then no newline). */
static int skip_line_ending_backslash(struct parser *p)
{
	size_t i = 1;

	while (peek(p, i) == ' ' || peek(p, i) == '\t')
		i++;
	if (peek(p, i) != '\n' && !(peek(p, i) == '\r' && peek(p, i + 1) == '\n'))
		return 0;
	p->pos += i;
	for (;;) {
		if (peek(p, 0) == ' ' || peek(p, 0) == '\t')
			p->pos++;
		else if (!eat_newline(p))
			break;
	}
	return 1;
}

/*
 * Multi-line basic (q == '"') or literal (q == '\'') string; p->pos at the
 * first of the three opening quotes. Up to two quotes may sit right before
 * the closing three.
 */
static int parse_multiline(struct parser *p, int q, struct strbuf *out)
{
	size_t start = p->pos;
	const char *what = q == '"' ? "multi-line string" : "multi-line literal string";
	int ret = 0;

	p->pos += 3;
	eat_newline(p); /* a newline right after the opening quotes is trimmed */
	while (!ret) {
		int c = peek(p, 0);
		if (c < 0) {
			ret = perr(p, start, "unterminated %s", what);
		} else if (c == q && peek(p, 1) == q && peek(p, 2) == q) {
			size_t nq = 3;
			while (peek(p, nq) == q)
				nq++;
			if (nq > 5) {
				ret = perr(p, p->pos + 5, "too many quotes at the end of %s", what);
				break;
			}
			strbuf_addchars(out, q, nq - 3);
			p->pos += nq;
			break;
		} else if (c == '\\' && q == '"') {
			if (!skip_line_ending_backslash(p))
				ret = parse_escape(p, out);
		} else if (c == '\r' && peek(p, 1) == '\n') {
			strbuf_addch(out, '\n'); /* CRLF is normalised to LF */
			p->pos += 2;
		} else if (c == '\r') {
			ret = perr(p, p->pos, "carriage return not followed by a newline in %s",
				   what);
		} else if (c != '\n' && is_control(c)) {
			ret = perr(p, p->pos, "control character U+%04X in %s", (unsigned)c, what);
		} else {
			strbuf_addch(out, c);
			p->pos++;
		}
	}
	return ret;
}

/* ---- keys ---- */

static int parse_simple_key(struct parser *p, struct keypath *kp)
{
	struct strbuf sb = STRBUF_INIT;
	size_t at = p->pos;
	int c = peek(p, 0), ret = -1;
	char buf[32];

	if (c == '"' || c == '\'') {
		if (peek(p, 1) == c && peek(p, 2) == c) {
			perr(p, at, "a multi-line string cannot be a key");
			goto out;
		}
		if (c == '"' ? parse_basic(p, &sb) : parse_literal(p, &sb))
			goto out;
	} else if (is_bare(c)) {
		while (is_bare(peek(p, 0)))
			p->pos++;
		strbuf_add(&sb, p->src + at, p->pos - at);
	} else {
		perr(p, at, "expected a key, found %s", describe(p, at, buf, sizeof(buf)));
		goto out;
	}
	if (kp->nr == kp->alloc) {
		kp->alloc = kp->alloc ? kp->alloc * 2 : 4;
		kp->parts = xrealloc(kp->parts, kp->alloc * sizeof(*kp->parts));
	}
	kp->parts[kp->nr].n = sb.len;
	kp->parts[kp->nr].s = strbuf_detach(&sb, NULL);
	kp->parts[kp->nr].pos = at;
	kp->nr++;
	ret = 0;
out:
	strbuf_release(&sb);
	return ret;
}

/* A possibly dotted key; leaves p->pos after the last part (and its blanks). */
static int parse_key(struct parser *p, struct keypath *kp)
{
	int ret = 0;

	for (;;) {
		if (kp->nr >= TOML_MAX_DEPTH) {
			ret = perr(p, p->pos, "key has more than %d parts", TOML_MAX_DEPTH);
			break;
		}
		ret = parse_simple_key(p, kp);
		if (ret)
			break;
		skip_ws(p);
		if (peek(p, 0) != '.')
			break;
		p->pos++;
		skip_ws(p);
	}
	return ret;
}

/* ---- numbers and date-times ---- */

/* Digits of a base with single underscores between digits; count returned. */
static int digits_ok(const char *s, size_t n, int base)
{
	int prev_digit = 0;

	if (!n)
		return 0;
	for (size_t i = 0; i < n; i++) {
		int c = (unsigned char)s[i];
		int v = hexval(c);
		if (c == '_') {
			if (!prev_digit || i + 1 == n)
				return 0;
			prev_digit = 0;
			continue;
		}
		if (v < 0 || v >= base)
			return 0;
		prev_digit = 1;
	}
	return 1;
}

static int str_eq(const char *s, size_t n, const char *lit)
{
	return strlen(lit) == n && !memcmp(s, lit, n);
}

/* strtod in the "C" locale whatever the process locale is. */
static double c_strtod(const char *s)
{
	const char *dp = localeconv()->decimal_point;
	struct strbuf sb = STRBUF_INIT;
	double d;

	if (!dp || !strcmp(dp, ".") || !strchr(s, '.'))
		return strtod(s, NULL);
	for (; *s; s++) {
		if (*s == '.')
			strbuf_addstr(&sb, dp);
		else
			strbuf_addch(&sb, *s);
	}
	d = strtod(sb.buf, NULL);
	strbuf_release(&sb);
	return d;
}

/* Integer value of the digits s[0..n) (underscores skipped) in base, when
 * the magnitude fits in lim; 0 on success, -1 on overflow. */
static int accumulate(const char *s, size_t n, unsigned base, unsigned long long lim,
		      unsigned long long *out)
{
	unsigned long long v = 0;
	int ret = 0;

	for (size_t j = 0; j < n; j++) {
		unsigned d;
		if (s[j] == '_')
			continue;
		d = (unsigned)hexval((unsigned char)s[j]);
		if (v > (lim - d) / base) {
			ret = -1;
			break;
		}
		v = v * base + d;
	}
	*out = v;
	return ret;
}

/*
 * A number: the longest run of characters that can make one (sign, digits,
 * letters, '_', '.', '+') is taken and then checked against the grammar, so
 * "1__2" or "0x" are reported whole.
 */
static struct tnode *parse_number(struct parser *p, int line, int depth)
{
	size_t at = p->pos, n, i = 0, int_start, int_len;
	const char *s = p->src + p->pos;
	struct strbuf sb = STRBUF_INIT;
	struct tnode *node = NULL;
	unsigned long long v;
	int neg = 0, is_float = 0, base = 0;
	const char *problem = "invalid number";

	while (p->pos < p->len && (is_bare(p->src[p->pos]) || p->src[p->pos] == '+' ||
				   p->src[p->pos] == '.'))
		p->pos++;
	n = p->pos - at;
	if (n > 0 && (s[0] == '+' || s[0] == '-')) {
		neg = s[0] == '-';
		i = 1;
	}
	if (str_eq(s + i, n - i, "inf") || str_eq(s + i, n - i, "nan")) {
		node = node_new(TK_FLOAT, line, depth);
		node->fval = s[i] == 'i' ? (neg ? -HUGE_VAL : HUGE_VAL) : (neg ? -NAN : NAN);
		goto out;
	}
	if (i == 0 && n > 2 && s[0] == '0' && (s[1] == 'x' || s[1] == 'o' || s[1] == 'b'))
		base = s[1] == 'x' ? 16 : s[1] == 'o' ? 8 : 2;
	if (base) {
		if (!digits_ok(s + 2, n - 2, base))
			goto bad;
		if (accumulate(s + 2, n - 2, (unsigned)base, (unsigned long long)LLONG_MAX, &v))
			goto range;
		node = node_new(TK_INTEGER, line, depth);
		node->ival = (long long)v;
		goto out;
	}
	/* decimal: integer part, optional fraction, optional exponent */
	int_start = i;
	while (i < n && (is_digit(s[i]) || s[i] == '_'))
		i++;
	int_len = i - int_start;
	if (!digits_ok(s + int_start, int_len, 10))
		goto bad;
	if (s[int_start] == '0' && int_len > 1) {
		problem = "leading zero in number";
		goto bad;
	}
	if (i < n && s[i] == '.') {
		size_t fs = ++i;
		while (i < n && (is_digit(s[i]) || s[i] == '_'))
			i++;
		if (!digits_ok(s + fs, i - fs, 10))
			goto bad;
		is_float = 1;
	}
	if (i < n && (s[i] == 'e' || s[i] == 'E')) {
		size_t es;
		i++;
		if (i < n && (s[i] == '+' || s[i] == '-'))
			i++;
		es = i;
		while (i < n && (is_digit(s[i]) || s[i] == '_'))
			i++;
		if (!digits_ok(s + es, i - es, 10))
			goto bad;
		is_float = 1;
	}
	if (i != n)
		goto bad;
	if (is_float) {
		for (size_t j = 0; j < n; j++)
			if (s[j] != '_')
				strbuf_addch(&sb, s[j]);
		node = node_new(TK_FLOAT, line, depth);
		node->fval = c_strtod(sb.buf);
		goto out;
	}
	/* the magnitude may reach 2^63 only when negative */
	if (accumulate(s + int_start, n - int_start, 10,
		       (unsigned long long)LLONG_MAX + (neg ? 1u : 0u), &v))
		goto range;
	node = node_new(TK_INTEGER, line, depth);
	if (neg)
		node->ival = v == (unsigned long long)LLONG_MAX + 1u ? LLONG_MIN : -(long long)v;
	else
		node->ival = (long long)v;
	goto out;
bad:
	if (n == 0) {
		char buf[32];
		perr(p, at, "expected a value, found %s", describe(p, at, buf, sizeof(buf)));
	} else {
		perr(p, at, "%s '%.*s'", problem, (int)(n > 64 ? 64 : n), s);
	}
	goto out;
range:
	perr(p, at, "integer '%.*s' out of range (64-bit signed)", (int)(n > 64 ? 64 : n), s);
out:
	strbuf_release(&sb);
	return node;
}

/* Exactly n decimal digits at p->pos + off, as a number; -1 otherwise. */
static int fixed_digits(const struct parser *p, size_t off, int n)
{
	int v = 0;
	for (int i = 0; i < n; i++) {
		int c = peek(p, off + (size_t)i);
		if (!is_digit(c))
			return -1;
		v = v * 10 + (c - '0');
	}
	return v;
}

static int days_in_month(int y, int m)
{
	static const int days[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
	if (m == 2 && ((y % 4 == 0 && y % 100 != 0) || y % 400 == 0))
		return 29;
	return days[m - 1];
}

/* HH:MM:SS[.frac] at p->pos; appended to out (normalised). */
static int parse_time(struct parser *p, struct strbuf *out)
{
	size_t at = p->pos, i = 8;
	int h = fixed_digits(p, 0, 2), m = fixed_digits(p, 3, 2), s = fixed_digits(p, 6, 2);
	int ret = 0;

	if (h < 0 || peek(p, 2) != ':' || m < 0 || peek(p, 5) != ':' || s < 0 ||
	    is_digit(peek(p, 8))) {
		ret = perr(p, at, "invalid time: expected HH:MM:SS");
		goto out;
	}
	if (h > 23 || m > 59 || s > 60) {
		ret = perr(p, at, "invalid time '%.8s': out of range", p->src + at);
		goto out;
	}
	if (peek(p, 8) == '.') {
		for (i = 9; is_digit(peek(p, i)); i++)
			;
		if (i == 9) {
			ret = perr(p, at + 8, "invalid time: expected digits after '.'");
			goto out;
		}
	}
	strbuf_add(out, p->src + at, i);
	p->pos += i;
out:
	return ret;
}

/* A date, date-time or time value; p->pos at its first digit. */
static struct tnode *parse_datetime(struct parser *p, int line, int depth)
{
	struct strbuf sb = STRBUF_INIT;
	struct tnode *node = NULL;
	enum tkind kind;
	size_t at = p->pos;

	if (peek(p, 2) == ':') {
		if (parse_time(p, &sb))
			goto out;
		kind = TK_TIME_LOCAL;
	} else {
		int y = fixed_digits(p, 0, 4), m = fixed_digits(p, 5, 2), d = fixed_digits(p, 8, 2);
		if (y < 0 || peek(p, 4) != '-' || m < 0 || peek(p, 7) != '-' || d < 0 ||
		    is_digit(peek(p, 10))) {
			perr(p, at, "invalid date: expected YYYY-MM-DD");
			goto out;
		}
		if (m < 1 || m > 12 || d < 1 || d > days_in_month(y, m)) {
			perr(p, at, "invalid date '%.10s': no such day", p->src + at);
			goto out;
		}
		strbuf_add(&sb, p->src + at, 10);
		p->pos += 10;
		kind = TK_DATE_LOCAL;
		if (peek(p, 0) == 'T' || peek(p, 0) == 't' ||
		    (peek(p, 0) == ' ' && is_digit(peek(p, 1)) && is_digit(peek(p, 2)) &&
		     peek(p, 3) == ':')) {
			p->pos++;
			strbuf_addch(&sb, 'T');
			if (parse_time(p, &sb))
				goto out;
			kind = TK_DATETIME_LOCAL;
			if (peek(p, 0) == 'Z' || peek(p, 0) == 'z') {
				strbuf_addch(&sb, 'Z');
				p->pos++;
				kind = TK_DATETIME;
			} else if (peek(p, 0) == '+' || peek(p, 0) == '-') {
				int oh = fixed_digits(p, 1, 2), om = fixed_digits(p, 4, 2);
				if (oh < 0 || peek(p, 3) != ':' || om < 0 || is_digit(peek(p, 6))) {
					perr(p, p->pos, "invalid time offset: expected +HH:MM or -HH:MM");
					goto out;
				}
				if (oh > 23 || om > 59) {
					perr(p, p->pos, "invalid time offset '%.6s': out of range",
					     p->src + p->pos);
					goto out;
				}
				strbuf_add(&sb, p->src + p->pos, 6);
				p->pos += 6;
				kind = TK_DATETIME;
			}
		}
	}
	node = node_new(kind, line, depth);
	node->textlen = sb.len;
	node->text = strbuf_detach(&sb, NULL);
out:
	strbuf_release(&sb);
	return node;
}

/* ---- values ---- */

static struct tnode *parse_value(struct parser *p, int line, int depth);
static int assign(struct parser *p, struct tnode *t, struct keypath *kp, struct tnode *val);

static struct tnode *parse_array(struct parser *p, int line, int depth)
{
	struct tnode *arr = node_new(TK_ARRAY, line, depth);
	size_t start = p->pos;
	char buf[32];

	arr->flags = TF_STATIC;
	p->pos++; /* [ */
	for (;;) {
		struct tnode *item;
		if (skip_ws_nl(p))
			goto fail;
		if (peek(p, 0) == ']')
			break;
		item = parse_value(p, line_at(p, p->pos), depth + 1);
		if (!item)
			goto fail;
		node_add(arr, item);
		if (skip_ws_nl(p))
			goto fail;
		if (peek(p, 0) == ',') {
			p->pos++;
			continue;
		}
		if (peek(p, 0) == ']')
			break;
		if (peek(p, 0) < 0)
			perr(p, start, "unterminated array");
		else
			perr(p, p->pos, "expected ',' or ']' in array, found %s",
			     describe(p, p->pos, buf, sizeof(buf)));
		goto fail;
	}
	p->pos++; /* ] */
	goto out;
fail:
	node_free(arr);
	arr = NULL;
out:
	return arr;
}

static struct tnode *parse_inline_table(struct parser *p, int line, int depth)
{
	struct tnode *tab = node_new(TK_TABLE, line, depth);
	struct keypath kp = {0};
	unsigned saved = p->section;
	size_t start = p->pos;
	char buf[32];

	p->section = ++p->next_section; /* dotted keys inside belong to this table */
	p->pos++;                        /* { */
	skip_ws(p);
	if (peek(p, 0) == '}') {
		p->pos++;
		goto done;
	}
	for (;;) {
		struct tnode *val;
		int kline;
		skip_ws(p);
		if (peek(p, 0) == '\n' || peek(p, 0) == '\r') {
			perr(p, p->pos, "newline in inline table");
			goto fail;
		}
		if (peek(p, 0) == '}') {
			perr(p, p->pos, "trailing comma in inline table");
			goto fail;
		}
		kline = line_at(p, p->pos);
		if (parse_key(p, &kp))
			goto fail;
		if (peek(p, 0) != '=') {
			perr(p, p->pos, "expected '=' after key, found %s",
			     describe(p, p->pos, buf, sizeof(buf)));
			goto fail;
		}
		p->pos++;
		skip_ws(p);
		if (depth + (int)kp.nr > TOML_MAX_DEPTH) {
			perr(p, p->pos, "nesting deeper than %d levels", TOML_MAX_DEPTH);
			goto fail;
		}
		val = parse_value(p, kline, depth + (int)kp.nr);
		if (!val)
			goto fail;
		val->line = kline;
		if (assign(p, tab, &kp, val))
			goto fail;
		keypath_release(&kp);
		skip_ws(p);
		if (peek(p, 0) == ',') {
			p->pos++;
			continue;
		}
		if (peek(p, 0) == '}') {
			p->pos++;
			break;
		}
		if (peek(p, 0) < 0)
			perr(p, start, "unterminated inline table");
		else if (peek(p, 0) == '\n' || peek(p, 0) == '\r')
			perr(p, p->pos, "newline in inline table");
		else
			perr(p, p->pos, "expected ',' or '}' in inline table, found %s",
			     describe(p, p->pos, buf, sizeof(buf)));
		goto fail;
	}
done:
	mark_inline(tab);
	goto out;
fail:
	node_free(tab);
	tab = NULL;
out:
	p->section = saved;
	keypath_release(&kp);
	return tab;
}

static struct tnode *parse_value(struct parser *p, int line, int depth)
{
	struct strbuf sb = STRBUF_INIT;
	struct tnode *node = NULL;
	int c = peek(p, 0);
	char buf[32];

	if (depth > TOML_MAX_DEPTH) {
		perr(p, p->pos, "nesting deeper than %d levels", TOML_MAX_DEPTH);
		goto out;
	}
	switch (c) {
	case '"':
	case '\'':
		if (peek(p, 1) == c && peek(p, 2) == c) {
			if (parse_multiline(p, c, &sb))
				goto out;
		} else if (c == '"' ? parse_basic(p, &sb) : parse_literal(p, &sb)) {
			goto out;
		}
		node = node_new(TK_STRING, line, depth);
		node->textlen = sb.len;
		node->text = strbuf_detach(&sb, NULL);
		break;
	case '[':
		node = parse_array(p, line, depth);
		break;
	case '{':
		node = parse_inline_table(p, line, depth);
		break;
	case 't':
	case 'f':
		if (c == 't' && p->len - p->pos >= 4 && !memcmp(p->src + p->pos, "true", 4) &&
		    !is_bare(peek(p, 4))) {
			node = node_new(TK_BOOL, line, depth);
			node->bval = 1;
			p->pos += 4;
		} else if (c == 'f' && p->len - p->pos >= 5 &&
			   !memcmp(p->src + p->pos, "false", 5) && !is_bare(peek(p, 5))) {
			node = node_new(TK_BOOL, line, depth);
			p->pos += 5;
		} else {
			size_t e = p->pos;
			while (e < p->len && is_bare(p->src[e]) && e - p->pos < 40)
				e++;
			perr(p, p->pos, "invalid value '%.*s' (strings need quotes)",
			     (int)(e - p->pos), p->src + p->pos);
		}
		break;
	default:
		if (is_digit(c) && is_digit(peek(p, 1)) &&
		    (peek(p, 2) == ':' ||
		     (is_digit(peek(p, 2)) && is_digit(peek(p, 3)) && peek(p, 4) == '-')))
			node = parse_datetime(p, line, depth);
		else if (is_digit(c) || c == '+' || c == '-' || c == 'i' || c == 'n')
			node = parse_number(p, line, depth);
		else if (c < 0 || c == '\n' || c == '\r' || c == '#')
			perr(p, p->pos, "expected a value, found %s",
			     describe(p, p->pos, buf, sizeof(buf)));
		else if (is_bare(c))
			perr(p, p->pos, "invalid value (strings need quotes)");
		else
			perr(p, p->pos, "expected a value, found %s",
			     describe(p, p->pos, buf, sizeof(buf)));
		break;
	}
out:
	strbuf_release(&sb);
	return node;
}

/* ---- tables ---- */

/*
 * Assign val to the dotted key kp below table t (a key/value line in a
 * section, or a member of an inline table). Intermediate tables are created
 * or reused under the dotted-key rules. Takes ownership of val.
 */
static int assign(struct parser *p, struct tnode *t, struct keypath *kp, struct tnode *val)
{
	struct strbuf name = STRBUF_INIT;
	struct tnode *kid;
	int ret = -1;

	for (size_t i = 0; i + 1 < kp->nr; i++) {
		kid = table_find(t, kp->parts[i].s, kp->parts[i].n);
		if (!kid) {
			if (t->depth + 1 > TOML_MAX_DEPTH) {
				perr(p, kp->parts[i].pos, "nesting deeper than %d levels",
				     TOML_MAX_DEPTH);
				goto out;
			}
			kid = node_new(TK_TABLE, val->line, t->depth + 1);
			kid->flags = TF_DOTTED;
			kid->section = p->section;
			table_put(t, &kp->parts[i], kid);
		} else if (kid->kind != TK_TABLE) {
			perr(p, kp->parts[i].pos, "key '%s' is already defined as %s",
			     node_name(kid, &name), kid->kind == TK_ARRAY ? "an array" : "a value");
			goto out;
		} else if (kid->flags & TF_INLINE) {
			perr(p, kp->parts[i].pos, "cannot add keys to inline table '%s'",
			     node_name(kid, &name));
			goto out;
		} else if (kid->flags & TF_HEADER) {
			perr(p, kp->parts[i].pos, "cannot extend table '%s' with dotted keys: "
			     "it is defined by a header", node_name(kid, &name));
			goto out;
		} else if ((kid->flags & TF_DOTTED) && kid->section != p->section) {
			perr(p, kp->parts[i].pos, "cannot extend table '%s' defined earlier",
			     node_name(kid, &name));
			goto out;
		} else {
			/* a table only implied by a header so far: dotted keys claim it */
			kid->flags |= TF_DOTTED;
			kid->section = p->section;
		}
		t = kid;
	}
	kid = table_find(t, kp->parts[kp->nr - 1].s, kp->parts[kp->nr - 1].n);
	if (kid) {
		perr(p, kp->parts[kp->nr - 1].pos, "duplicate key '%s'", node_name(kid, &name));
		goto out;
	}
	table_put(t, &kp->parts[kp->nr - 1], val);
	val = NULL;
	ret = 0;
out:
	node_free(val);
	strbuf_release(&name);
	return ret;
}

/* [table] (aot == 0) or [[array of tables]] (aot == 1); p->pos at '['. */
static int parse_header(struct parser *p, int aot)
{
	struct keypath kp = {0};
	struct strbuf name = STRBUF_INIT;
	struct tnode *t = p->root, *kid;
	size_t start = p->pos;
	int line = line_at(p, p->pos), ret = -1;
	char buf[32];

	p->pos += aot ? 2 : 1;
	skip_ws(p);
	if (parse_key(p, &kp))
		goto out;
	if (peek(p, 0) != ']' || (aot && peek(p, 1) != ']')) {
		if (peek(p, 0) < 0 || peek(p, 0) == '\n' || peek(p, 0) == '\r')
			perr(p, start, "unterminated table header");
		else
			perr(p, p->pos, "expected '%s' after table name, found %s",
			     aot ? "]]" : "]", describe(p, p->pos, buf, sizeof(buf)));
		goto out;
	}
	p->pos += aot ? 2 : 1;
	for (size_t i = 0; i < kp.nr; i++) {
		int last = i + 1 == kp.nr;
		kid = table_find(t, kp.parts[i].s, kp.parts[i].n);
		if (!kid) {
			if (t->depth + 1 > TOML_MAX_DEPTH) {
				perr(p, kp.parts[i].pos, "nesting deeper than %d levels",
				     TOML_MAX_DEPTH);
				goto out;
			}
			if (last && aot) {
				kid = node_new(TK_ARRAY, line, t->depth + 1);
				kid->flags = TF_AOT;
			} else {
				kid = node_new(TK_TABLE, line, t->depth + 1);
				kid->flags = last ? TF_HEADER : 0;
			}
			table_put(t, &kp.parts[i], kid);
		} else if (last && !aot) {
			node_name(kid, &name);
			if (kid->kind != TK_TABLE) {
				perr(p, kp.parts[i].pos, "cannot define table '%s': key is "
				     "already %s", name.buf,
				     kid->kind == TK_ARRAY ? "an array" : "a value");
				goto out;
			}
			if (kid->flags & (TF_HEADER | TF_DOTTED | TF_INLINE)) {
				perr(p, kp.parts[i].pos, "table '%s' is already defined",
				     name.buf);
				goto out;
			}
			kid->flags |= TF_HEADER;
			kid->line = line;
		} else if (last) {
			node_name(kid, &name);
			if (kid->kind != TK_ARRAY || !(kid->flags & TF_AOT)) {
				perr(p, kp.parts[i].pos, "cannot define array of tables '%s': "
				     "key is already %s", name.buf,
				     kid->kind == TK_TABLE ? "a table" : kid->kind == TK_ARRAY
				     ? "a static array" : "a value");
				goto out;
			}
		} else if (kid->kind == TK_ARRAY) {
			if (!(kid->flags & TF_AOT) || !kid->nkids) {
				node_name(kid, &name);
				perr(p, kp.parts[i].pos, "cannot add a table to static array '%s'",
				     name.buf);
				goto out;
			}
			kid = kid->kids[kid->nkids - 1];
		} else if (kid->kind != TK_TABLE) {
			node_name(kid, &name);
			perr(p, kp.parts[i].pos, "key '%s' is already defined as a value",
			     name.buf);
			goto out;
		} else if (kid->flags & TF_INLINE) {
			node_name(kid, &name);
			perr(p, kp.parts[i].pos, "cannot add a table to inline table '%s'",
			     name.buf);
			goto out;
		}
		t = kid;
	}
	if (aot) {
		/* t is the array of tables: append a new element */
		if (t->depth + 1 > TOML_MAX_DEPTH) {
			perr(p, start, "nesting deeper than %d levels", TOML_MAX_DEPTH);
			goto out;
		}
		kid = node_new(TK_TABLE, line, t->depth + 1);
		kid->flags = TF_HEADER;
		node_add(t, kid);
		t = kid;
	}
	p->cur = t;
	p->section = ++p->next_section;
	ret = expect_eol(p, "table header");
out:
	keypath_release(&kp);
	strbuf_release(&name);
	return ret;
}

static int parse_keyval(struct parser *p)
{
	struct keypath kp = {0};
	struct tnode *val;
	int line = line_at(p, p->pos), ret = -1;
	char buf[32];

	if (parse_key(p, &kp))
		goto out;
	if (peek(p, 0) != '=') {
		if (peek(p, 0) < 0 || peek(p, 0) == '\n' || peek(p, 0) == '\r')
			perr(p, p->pos, "expected '=' after key, found end of line");
		else
			perr(p, p->pos, "expected '=' after key, found %s",
			     describe(p, p->pos, buf, sizeof(buf)));
		goto out;
	}
	p->pos++;
	skip_ws(p);
	if (p->cur->depth + (int)kp.nr > TOML_MAX_DEPTH) {
		perr(p, kp.parts[0].pos, "nesting deeper than %d levels", TOML_MAX_DEPTH);
		goto out;
	}
	val = parse_value(p, line, p->cur->depth + (int)kp.nr);
	if (!val)
		goto out;
	val->line = line;
	if (assign(p, p->cur, &kp, val))
		goto out;
	ret = expect_eol(p, "value");
out:
	keypath_release(&kp);
	return ret;
}

static int parse_document(struct parser *p)
{
	int ret = check_encoding(p);

	if (p->len >= 3 && !memcmp(p->src, "\xEF\xBB\xBF", 3))
		p->pos = 3; /* a UTF-8 byte order mark */
	while (!ret) {
		int c;
		skip_ws(p);
		c = peek(p, 0);
		if (c < 0)
			break;
		if (eat_newline(p))
			continue;
		if (c == '#')
			ret = expect_eol(p, "comment");
		else if (c == '[')
			ret = parse_header(p, peek(p, 1) == '[');
		else if (c == '\r')
			ret = perr(p, p->pos, "carriage return not followed by a newline");
		else if (c == '=')
			ret = perr(p, p->pos, "expected a key before '='");
		else
			ret = parse_keyval(p);
	}
	return ret;
}

/* Parse into the private tree; 0 or SS_ERR_INPUT. */
static int parse_tree(const char *src, size_t len, const char *filename, struct tnode **out,
		      struct ss_error *err)
{
	struct parser p;
	int ret;

	memset(&p, 0, sizeof(p));
	p.src = src ? src : "";
	p.len = src ? len : 0;
	p.file = filename;
	p.err = err;
	p.lc_line = 1;
	p.root = node_new(TK_TABLE, 1, 0);
	p.root->flags = TF_HEADER;
	p.cur = p.root;
	ret = parse_document(&p);
	if (ret) {
		node_free(p.root);
		*out = NULL;
		return SS_ERR_INPUT;
	}
	*out = p.root;
	return 0;
}

/* ---- conversion to cJSON ---- */

static const char *kind_name(enum tkind k)
{
	switch (k) {
	case TK_STRING: return "string";
	case TK_INTEGER: return "integer";
	case TK_FLOAT: return "float";
	case TK_BOOL: return "bool";
	case TK_DATETIME: return "datetime";
	case TK_DATETIME_LOCAL: return "datetime-local";
	case TK_DATE_LOCAL: return "date-local";
	case TK_TIME_LOCAL: return "time-local";
	case TK_TABLE: return "table";
	case TK_ARRAY: return "array";
	}
	return "?";
}

/* Shortest "%.*g" text that reads back as d, in the C locale's form. */
static void float_text(double d, char *buf, size_t size)
{
	const char *dp = localeconv()->decimal_point;

	if (d != d) {
		snprintf(buf, size, "nan");
		return;
	}
	if (d == HUGE_VAL || d == -HUGE_VAL) {
		snprintf(buf, size, "%sinf", d < 0 ? "-" : "");
		return;
	}
	for (int prec = 15; prec <= 17; prec++) {
		snprintf(buf, size, "%.*g", prec, d);
		if (c_strtod(buf) == d || prec == 17)
			break;
	}
	if (dp && dp[0] && strcmp(dp, ".")) {
		/* undo a non-"C" locale's decimal point */
		char *q = strstr(buf, dp);
		if (q) {
			size_t dl = strlen(dp);
			*q = '.';
			memmove(q + 1, q + dl, strlen(q + dl) + 1);
		}
	}
}

/* A scalar: its plain cJSON form, or the text of its tagged form. */
static cJSON *scalar_plain(const struct tnode *n)
{
	cJSON *j = NULL;

	switch (n->kind) {
	case TK_STRING:
	case TK_DATETIME:
	case TK_DATETIME_LOCAL:
	case TK_DATE_LOCAL:
	case TK_TIME_LOCAL:
		j = cJSON_CreateString(n->text);
		break;
	case TK_INTEGER:
		j = cJSON_CreateNumber((double)n->ival);
		break;
	case TK_FLOAT:
		j = cJSON_CreateNumber(n->fval);
		break;
	case TK_BOOL:
		j = cJSON_CreateBool(n->bval);
		break;
	case TK_TABLE:
	case TK_ARRAY:
		break;
	}
	return j;
}

static cJSON *scalar_tagged(const struct tnode *n)
{
	cJSON *j = cJSON_CreateObject(), *v = NULL;
	char buf[64];

	switch (n->kind) {
	case TK_INTEGER:
		snprintf(buf, sizeof(buf), "%lld", n->ival);
		v = cJSON_CreateString(buf);
		break;
	case TK_FLOAT:
		float_text(n->fval, buf, sizeof(buf));
		v = cJSON_CreateString(buf);
		break;
	case TK_BOOL:
		v = cJSON_CreateString(n->bval ? "true" : "false");
		break;
	case TK_STRING:
	case TK_DATETIME:
	case TK_DATETIME_LOCAL:
	case TK_DATE_LOCAL:
	case TK_TIME_LOCAL:
		v = cJSON_CreateString(n->text);
		break;
	case TK_TABLE:
	case TK_ARRAY:
		break;
	}
	if (!j || !v || !cJSON_AddStringToObject(j, "type", kind_name(n->kind))) {
		cJSON_Delete(j);
		j = NULL;
		goto out;
	}
	cJSON_AddItemToObject(j, "value", v);
	v = NULL;
out:
	cJSON_Delete(v);
	return j;
}

/* The cJSON form of a node (recursion is bounded by TOML_MAX_DEPTH); NULL
 * only when cJSON runs out of memory. */
static cJSON *convert(const struct tnode *n, int tagged)
{
	cJSON *j;

	if (n->kind != TK_TABLE && n->kind != TK_ARRAY)
		return tagged ? scalar_tagged(n) : scalar_plain(n);
	j = n->kind == TK_TABLE ? cJSON_CreateObject() : cJSON_CreateArray();
	for (size_t i = 0; j && i < n->nkids; i++) {
		cJSON *kid = convert(n->kids[i], tagged);
		if (!kid) {
			cJSON_Delete(j);
			j = NULL;
		} else if (n->kind == TK_TABLE) {
			cJSON_AddItemToObject(j, n->kids[i]->key, kid);
		} else {
			cJSON_AddItemToArray(j, kid);
		}
	}
	return j;
}

static int parse_to_json(const char *src, size_t len, const char *filename, cJSON **out,
			 struct ss_error *err, int tagged)
{
	struct tnode *root = NULL;
	int ret;

	*out = NULL;
	ret = parse_tree(src, len, filename, &root, err);
	if (ret)
		goto out;
	*out = convert(root, tagged);
	if (!*out)
		ret = ss_error_set(err, SS_ERR_FATAL, filename, 0, 0, "out of memory");
out:
	node_free(root);
	return ret;
}

int toml_parse(const char *src, size_t len, const char *filename, cJSON **out,
	       struct ss_error *err)
{
	return parse_to_json(src, len, filename, out, err, 0);
}

int toml_parse_tagged(const char *src, size_t len, const char *filename, cJSON **out,
		      struct ss_error *err)
{
	return parse_to_json(src, len, filename, out, err, 1);
}

/* Walk parts[0..nparts) (lengths in lens) from the root; the line or 0. */
static int walk_line(const struct tnode *root, const char *const *parts, const size_t *lens,
		     size_t nparts)
{
	const struct tnode *t = root;
	int line = 0;

	for (size_t i = 0; t && i < nparts; i++) {
		if (t->kind == TK_ARRAY && (t->flags & TF_AOT) && t->nkids)
			t = t->kids[0]; /* through an array of tables: its first table */
		t = t->kind == TK_TABLE ? table_find(t, parts[i] ? parts[i] : "", lens[i]) : NULL;
	}
	if (t && nparts)
		line = t->line;
	return line;
}

int toml_key_line(const char *src, size_t len, const char *dotted_path)
{
	struct tnode *root = NULL;
	const char **parts = NULL;
	size_t *lens = NULL, n = 1, i = 0;
	const char *s;
	int line = 0;

	if (!dotted_path || parse_tree(src, len, NULL, &root, NULL))
		goto out;
	for (s = dotted_path; *s; s++)
		n += *s == '.';
	parts = xcalloc(n, sizeof(*parts));
	lens = xcalloc(n, sizeof(*lens));
	for (s = dotted_path; i < n; i++) {
		const char *dot = strchr(s, '.');
		parts[i] = s;
		lens[i] = dot ? (size_t)(dot - s) : strlen(s);
		s += lens[i] + 1;
	}
	line = walk_line(root, parts, lens, n);
out:
	free(parts);
	free(lens);
	node_free(root);
	return line;
}

int toml_key_line_parts(const char *src, size_t len, const char *const *parts, size_t nparts)
{
	struct tnode *root = NULL;
	size_t *lens = NULL;
	int line = 0;

	if (!parts || !nparts || parse_tree(src, len, NULL, &root, NULL))
		goto out;
	lens = xcalloc(nparts, sizeof(*lens));
	for (size_t i = 0; i < nparts; i++)
		lens[i] = parts[i] ? strlen(parts[i]) : 0;
	line = walk_line(root, parts, lens, nparts);
out:
	free(lens);
	node_free(root);
	return line;
}
