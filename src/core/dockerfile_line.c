/*
 * dockerfile_line: one logical line to one instruction, following BuildKit's
 * line parsers (splitCommand, extractBuilderFlags, parseWords, parseJSON,
 * parseNameVal, parseHealthConfig, parseSubCommand) and its heredoc
 * detection (a shell-word lexer with raw quotes and escapes).
 */
#include <limits.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "dockerfile_int.h"
#include "shipshape/xalloc.h"

/* ---- growable argument and flag vectors ---- */

#define AV_INLINE 16

/* A growable vector of arena strings; small ones need no heap at all. Not
 * to be copied by value (v may point at its own inline storage). */
struct argv_b {
	struct df_arena *arena;
	char **v;
	size_t *lens;
	size_t nr, alloc;
	char *iv[AV_INLINE];
	size_t il[AV_INLINE];
};

static void av_init(struct argv_b *a, struct df_arena *arena)
{
	a->arena = arena;
	a->v = a->iv;
	a->lens = a->il;
	a->nr = 0;
	a->alloc = AV_INLINE;
}

static void av_add(struct argv_b *a, const char *s, size_t n)
{
	if (a->nr == a->alloc) {
		size_t na = a->alloc * 2;
		if (a->v == a->iv) {
			a->v = xreallocarray(NULL, na, sizeof(*a->v));
			a->lens = xreallocarray(NULL, na, sizeof(*a->lens));
			memcpy(a->v, a->iv, sizeof(a->iv));
			memcpy(a->lens, a->il, sizeof(a->il));
		} else {
			a->v = xreallocarray(a->v, na, sizeof(*a->v));
			a->lens = xreallocarray(a->lens, na, sizeof(*a->lens));
		}
		a->alloc = na;
	}
	a->v[a->nr] = dfa_memdupz(a->arena, s, n);
	a->lens[a->nr] = n;
	a->nr++;
}

/* Forget the entries (their strings stay in the arena until it goes). */
static void av_release(struct argv_b *a)
{
	if (a->v != a->iv) {
		free(a->v);
		free(a->lens);
	}
	av_init(a, a->arena);
}

/* Move the entries into in->args (arena arrays). */
static void av_to_args(struct argv_b *a, struct df_instr *in)
{
	in->nargs = a->nr;
	if (a->nr) {
		in->args = dfa_alloc(a->arena, a->nr * sizeof(*in->args));
		in->arglens = dfa_alloc(a->arena, a->nr * sizeof(*in->arglens));
		memcpy(in->args, a->v, a->nr * sizeof(*in->args));
		memcpy(in->arglens, a->lens, a->nr * sizeof(*in->arglens));
	}
	av_release(a);
}

static void add_flag(struct dfl_ctx *c, size_t *n, const struct strbuf *word)
{
	struct df_flag *fl;
	const char *eq;

	ALLOC_GROW(c->flags, *n + 1, c->aflags);
	fl = &c->flags[(*n)++];
	fl->raw = dfa_memdupz(c->arena, word->buf, word->len);
	/* the word starts with "--": BuildKit only collects words that do */
	eq = memchr(word->buf, '=', word->len);
	if (eq) {
		fl->name = dfa_memdupz(c->arena, word->buf + 2, (size_t)(eq - word->buf) - 2);
		fl->value = dfa_memdupz(c->arena, eq + 1, word->len - (size_t)(eq - word->buf) - 1);
	} else {
		fl->name = dfa_memdupz(c->arena, word->buf + 2, word->len - 2);
		fl->value = NULL;
	}
}

/* Go's `word += string(rune(b))` for a byte: Latin-1 to UTF-8. */
static void add_latin1(struct strbuf *sb, unsigned char c)
{
	if (c < 0x80)
		strbuf_addch(sb, c);
	else
		dfu_add_rune(sb, c);
}

static int is_dashdash(const struct strbuf *w)
{
	return w->len == 2 && w->buf[0] == '-' && w->buf[1] == '-';
}

/*
 * extractBuilderFlags: leading "--words" become flags; returns the offset
 * of the rest of the line (n when nothing is left). Works on bytes, as
 * BuildKit's loop does, and always with '\\' as its escape.
 */
static size_t extract_flags(struct dfl_ctx *c, const char *line, size_t n, struct df_instr *in)
{
	enum { IN_SPACES, IN_WORD, IN_QUOTE } phase = IN_SPACES;
	struct strbuf *wp = &c->word;
	size_t pos, rest = n, nflags = 0;
	unsigned char ch = 0, quote = 0;
	int blank_ok = 0;

	for (pos = 0; pos <= n; pos++) {
		if (pos != n)
			ch = (unsigned char)line[pos];
		if (phase == IN_SPACES) {
			if (pos == n)
				break;
			if (dfu_is_byte_space(ch))
				continue;
			if (ch != '-' || pos + 1 == n || line[pos + 1] != '-') {
				rest = pos;
				goto out;
			}
			phase = IN_WORD;
		}
		if (pos == n) {
			if (!is_dashdash(wp) && (blank_ok || wp->len > 0))
				add_flag(c, &nflags, wp);
			break;
		}
		if (phase == IN_WORD) {
			if (dfu_is_byte_space(ch)) {
				phase = IN_SPACES;
				if (is_dashdash(wp)) {
					rest = pos;
					goto out;
				}
				if (blank_ok || wp->len > 0)
					add_flag(c, &nflags, wp);
				strbuf_reset(wp);
				blank_ok = 0;
				continue;
			}
			if (ch == '\'' || ch == '"') {
				quote = ch;
				blank_ok = 1;
				phase = IN_QUOTE;
				continue;
			}
			if (ch == '\\') {
				if (pos + 1 == n)
					continue;
				ch = (unsigned char)line[++pos];
			}
			add_latin1(wp, ch);
			continue;
		}
		/* IN_QUOTE */
		if (ch == quote) {
			phase = IN_WORD;
			continue;
		}
		if (ch == '\\') {
			if (pos + 1 == n) {
				phase = IN_WORD;
				continue;
			}
			ch = (unsigned char)line[++pos];
		}
		add_latin1(wp, ch);
	}
out:
	strbuf_reset(wp);
	if (nflags) {
		in->flags = dfa_alloc(c->arena, nflags * sizeof(*in->flags));
		memcpy(in->flags, c->flags, nflags * sizeof(*in->flags));
		in->nflags = nflags;
	}
	return rest;
}

/* ---- parseWords (ENV, LABEL, ARG) ---- */

static void add_rune_bytes(struct strbuf *sb, const char *s, size_t w, unsigned r)
{
	if (w == 1 && r == DFU_RUNE_ERROR)
		dfu_add_rune(sb, DFU_RUNE_ERROR); /* Go writes U+FFFD for a bad byte */
	else
		strbuf_add(sb, s, w);
}

static void parse_words(const char *rest, size_t n, int esc, struct strbuf *wp,
			struct argv_b *out)
{
	enum { IN_SPACES, IN_WORD, IN_QUOTE } phase = IN_SPACES;
	size_t pos = 0, w = 0;
	unsigned ch = 0, quote = 0;
	int blank_ok = 0;

	for (pos = 0; pos <= n; pos += w) {
		if (pos != n)
			w = dfu_decode(rest + pos, n - pos, &ch);
		if (phase == IN_SPACES) {
			if (pos == n)
				break;
			if (dfu_is_space(ch))
				continue;
			phase = IN_WORD;
		}
		if (pos == n) {
			if (blank_ok || wp->len > 0)
				av_add(out, wp->buf, wp->len);
			break;
		}
		if (phase == IN_WORD) {
			if (dfu_is_space(ch)) {
				phase = IN_SPACES;
				if (blank_ok || wp->len > 0)
					av_add(out, wp->buf, wp->len);
				strbuf_reset(wp);
				blank_ok = 0;
				continue;
			}
			if (ch == '\'' || ch == '"') {
				quote = ch;
				blank_ok = 1;
				phase = IN_QUOTE;
			}
			if (ch == (unsigned)esc) {
				if (pos + w == n)
					continue;
				add_rune_bytes(wp, rest + pos, w, ch);
				pos += w;
				w = dfu_decode(rest + pos, n - pos, &ch);
			}
			add_rune_bytes(wp, rest + pos, w, ch);
			continue;
		}
		/* IN_QUOTE */
		if (ch == quote)
			phase = IN_WORD;
		if (ch == (unsigned)esc && quote != '\'') {
			if (pos + w == n) {
				phase = IN_WORD;
				continue;
			}
			add_rune_bytes(wp, rest + pos, w, ch);
			pos += w;
			w = dfu_decode(rest + pos, n - pos, &ch);
		}
		add_rune_bytes(wp, rest + pos, w, ch);
	}
	strbuf_reset(wp);
}

/* regexp `[\t\v\f\r ]+`.Split(s, max) (max 0: no limit) */
static void ws_split(const char *s, size_t n, size_t max, struct argv_b *out)
{
	size_t beg = 0, i = 0;

	while (i < n) {
		size_t j;
		if (!dfu_is_ascii_ws((unsigned char)s[i])) {
			i++;
			continue;
		}
		if (max && out->nr == max - 1)
			break;
		j = i;
		while (j < n && dfu_is_ascii_ws((unsigned char)s[j]))
			j++;
		av_add(out, s + beg, i - beg);
		beg = i = j;
	}
	av_add(out, s + beg, n - beg);
}

/* ---- JSON arrays (Go's encoding/json: Unmarshal into []interface{}) ---- */

#define JSON_MAX_DEPTH 10000

enum { JSON_OK = 0, JSON_SYNTAX = 1, JSON_NOT_STRINGS = -1 };

static int hexval(unsigned char c)
{
	int v = -1;

	if (c >= '0' && c <= '9')
		v = c - '0';
	else if (c >= 'a' && c <= 'f')
		v = c - 'a' + 10;
	else if (c >= 'A' && c <= 'F')
		v = c - 'A' + 10;
	return v;
}

/* The \uXXXX escape at s[i], or -1. */
static long u4(const char *s, size_t n, size_t i)
{
	long v = -1;

	if (i + 6 <= n && s[i] == '\\' && s[i + 1] == 'u') {
		v = 0;
		for (size_t k = 2; k < 6 && v >= 0; k++) {
			int h = hexval((unsigned char)s[i + k]);
			v = h < 0 ? -1 : v * 16 + h;
		}
	}
	return v;
}

/* Validate the string at s[*pos] == '"'; decode it into out when out. */
static int json_string(const char *s, size_t n, size_t *pos, struct strbuf *out)
{
	size_t i = *pos + 1;
	int ret = JSON_SYNTAX;

	for (;;) {
		unsigned char c;
		if (i >= n)
			goto out;
		c = (unsigned char)s[i];
		if (c == '"')
			break;
		if (c < 0x20)
			goto out;
		if (c == '\\') {
			unsigned char e;
			if (i + 1 >= n)
				goto out;
			e = (unsigned char)s[i + 1];
			if (e == 'u') {
				long r = u4(s, n, i), r2;
				if (r < 0)
					goto out;
				i += 6;
				if (r >= 0xD800 && r < 0xE000) {
					r2 = u4(s, n, i);
					if (r < 0xDC00 && r2 >= 0xDC00 && r2 < 0xE000) {
						r = 0x10000 + ((r - 0xD800) << 10) + (r2 - 0xDC00);
						i += 6;
					} else {
						r = DFU_RUNE_ERROR;
					}
				}
				if (out)
					dfu_add_rune(out, (unsigned)r);
				continue;
			}
			switch (e) {
			case '"': case '\\': case '/':
				break;
			case 'b':
				e = '\b';
				break;
			case 'f':
				e = '\f';
				break;
			case 'n':
				e = '\n';
				break;
			case 'r':
				e = '\r';
				break;
			case 't':
				e = '\t';
				break;
			default:
				goto out;
			}
			if (out)
				strbuf_addch(out, e);
			i += 2;
			continue;
		}
		if (c < 0x80) {
			size_t j = i + 1;
			while (j < n && (unsigned char)s[j] >= 0x20 && (unsigned char)s[j] < 0x80 &&
			       s[j] != '"' && s[j] != '\\')
				j++;
			if (out)
				strbuf_add(out, s + i, j - i);
			i = j;
		} else {
			unsigned r;
			size_t w = dfu_decode(s + i, n - i, &r);
			if (out)
				add_rune_bytes(out, s + i, w, r);
			i += w;
		}
	}
	*pos = i + 1;
	ret = JSON_OK;
out:
	return ret;
}

static int json_number(const char *s, size_t n, size_t *pos)
{
	size_t i = *pos;
	int ret = JSON_SYNTAX;

	if (i < n && s[i] == '-')
		i++;
	if (i >= n)
		goto out;
	if (s[i] == '0') {
		i++;
	} else if (s[i] >= '1' && s[i] <= '9') {
		while (i < n && s[i] >= '0' && s[i] <= '9')
			i++;
	} else {
		goto out;
	}
	if (i < n && s[i] == '.') {
		i++;
		if (i >= n || s[i] < '0' || s[i] > '9')
			goto out;
		while (i < n && s[i] >= '0' && s[i] <= '9')
			i++;
	}
	if (i < n && (s[i] == 'e' || s[i] == 'E')) {
		i++;
		if (i < n && (s[i] == '+' || s[i] == '-'))
			i++;
		if (i >= n || s[i] < '0' || s[i] > '9')
			goto out;
		while (i < n && s[i] >= '0' && s[i] <= '9')
			i++;
	}
	*pos = i;
	ret = JSON_OK;
out:
	return ret;
}

static size_t json_ws(const char *s, size_t n, size_t i)
{
	while (i < n && (s[i] == ' ' || s[i] == '\t' || s[i] == '\n' || s[i] == '\r'))
		i++;
	return i;
}

/*
 * BuildKit's parseJSON: rest (left-trimmed) must start with a valid JSON
 * array (read with json.Decoder, so text after it is ignored) whose
 * elements are all strings. JSON_SYNTAX means "not JSON" (the caller falls
 * back to shell form).
 */
static int json_array(const char *s, size_t n, struct strbuf *str, struct argv_b *out,
		      size_t *end)
{
	enum { ST_VALUE, ST_VALUE_OR_END, ST_COMMA_OR_END, ST_KEY_OR_END, ST_KEY, ST_COLON };
	char small[64], *stack = small;
	size_t i = dfu_skip_space(s, n), depth = 0, alloc = sizeof(small);
	int state = ST_VALUE_OR_END, bad_elem = 0, ret = JSON_SYNTAX;

	if (i >= n || s[i] != '[')
		goto out;
	stack[depth++] = '[';
	i++;
	for (;;) {
		char c;
		i = json_ws(s, n, i);
		if (i >= n)
			goto out;
		c = s[i];
		switch (state) {
		case ST_VALUE_OR_END:
			if (c == ']')
				goto close;
			/* fall through */
		case ST_VALUE:
			if (c == '"') {
				strbuf_reset(str);
				if (json_string(s, n, &i, depth == 1 ? str : NULL))
					goto out;
				if (depth == 1)
					av_add(out, str->buf, str->len);
			} else if (c == '[' || c == '{') {
				if (depth == 1)
					bad_elem = 1;
				if (depth >= JSON_MAX_DEPTH)
					goto out;
				if (depth == alloc) {
					alloc *= 4;
					if (stack == small) {
						stack = xmalloc(alloc);
						memcpy(stack, small, sizeof(small));
					} else {
						stack = xrealloc(stack, alloc);
					}
				}
				stack[depth++] = c;
				i++;
				state = c == '[' ? ST_VALUE_OR_END : ST_KEY_OR_END;
				continue;
			} else if (c == 't' || c == 'f' || c == 'n') {
				const char *lit = c == 't' ? "true" : c == 'f' ? "false" : "null";
				size_t l = strlen(lit);
				if (n - i < l || memcmp(s + i, lit, l))
					goto out;
				i += l;
				if (depth == 1)
					bad_elem = 1;
			} else {
				if (json_number(s, n, &i))
					goto out;
				if (depth == 1)
					bad_elem = 1;
			}
			state = ST_COMMA_OR_END;
			continue;
		case ST_COMMA_OR_END:
			if (c == ',') {
				i++;
				state = stack[depth - 1] == '[' ? ST_VALUE : ST_KEY;
				continue;
			}
			if (c == (stack[depth - 1] == '[' ? ']' : '}'))
				goto close;
			goto out;
		case ST_KEY_OR_END:
			if (c == '}')
				goto close;
			/* fall through */
		case ST_KEY:
			if (c != '"' || json_string(s, n, &i, NULL))
				goto out;
			state = ST_COLON;
			continue;
		case ST_COLON:
			if (c != ':')
				goto out;
			i++;
			state = ST_VALUE;
			continue;
		default:
			goto out;
		}
close:
		i++;
		depth--;
		if (depth == 0)
			break;
		state = ST_COMMA_OR_END;
	}
	/* like json.Decoder.Decode: whatever follows the array is not read */
	*end = i;
	ret = bad_elem ? JSON_NOT_STRINGS : JSON_OK;
out:
	if (stack != small)
		free(stack);
	return ret;
}

static const char not_strings_msg[] =
	"when using JSON array syntax, arrays must be comprised of strings only";

/* parseMaybeJSON (list 0) and parseMaybeJSONToList (list 1). */
static int maybe_json(struct dfl_ctx *c, const char *rest, size_t n, int list,
		      struct argv_b *out, enum df_form *form, int *trailing, struct strbuf *msg)
{
	size_t end = 0;
	int ret = 0, r;

	*form = DF_FORM_NONE;
	if (n == 0 && !list)
		goto out;
	r = json_array(rest, n, &c->scratch, out, &end);
	if (r == JSON_OK) {
		*form = DF_FORM_EXEC;
		*trailing = json_ws(rest, n, end) != n;
		goto out;
	}
	av_release(out);
	if (r == JSON_NOT_STRINGS) {
		strbuf_addstr(msg, not_strings_msg);
		ret = -1;
		goto out;
	}
	if (n == 0)
		goto out;
	*form = DF_FORM_SHELL;
	if (list)
		ws_split(rest, n, 0, out);
	else
		av_add(out, rest, n);
out:
	return ret;
}

/* parseNameVal for ENV and LABEL. */
static int name_val(struct dfl_ctx *c, const char *rest, size_t n, const char *key,
		    struct argv_b *out, struct strbuf *msg)
{
	struct argv_b words;
	int ret = 0;

	av_init(&words, c->arena);
	parse_words(rest, n, c->esc, &c->word, &words);
	if (!words.nr)
		goto out;
	if (!memchr(words.v[0], '=', words.lens[0])) {
		ws_split(rest, n, 2, out);
		if (out->nr < 2) {
			strbuf_addf(msg, "%s must have two arguments", key);
			ret = -1;
			goto out;
		}
		av_add(out, "", 0);
		goto out;
	}
	for (size_t i = 0; i < words.nr; i++) {
		const char *eq = memchr(words.v[i], '=', words.lens[i]);
		size_t kl;
		if (!eq) {
			strbuf_addstr(msg, "Syntax error - can't find = in ");
			dfu_quote(msg, words.v[i], words.lens[i]);
			strbuf_addstr(msg, ". Must be of the form: name=value");
			ret = -1;
			goto out;
		}
		kl = (size_t)(eq - words.v[i]);
		av_add(out, words.v[i], kl);
		av_add(out, eq + 1, words.lens[i] - kl - 1);
		av_add(out, "=", 1);
	}
out:
	av_release(&words);
	return ret;
}

/* parseHealthConfig: a type word, then parseMaybeJSON of the rest. */
static int health(struct dfl_ctx *c, const char *rest, size_t n, struct argv_b *out,
		  enum df_form *form, int *trailing, struct strbuf *msg)
{
	struct argv_b cmd;
	size_t sep = 0, next;
	int ret = 0;

	av_init(&cmd, c->arena);
	*form = DF_FORM_NONE;
	while (sep < n && !dfu_is_byte_space((unsigned char)rest[sep]))
		sep++;
	next = sep;
	while (next < n && dfu_is_byte_space((unsigned char)rest[next]))
		next++;
	if (sep == 0)
		goto out;
	ret = maybe_json(c, rest + next, n - next, 0, &cmd, form, trailing, msg);
	if (ret)
		goto out;
	av_add(out, rest, sep);
	for (size_t i = 0; i < cmd.nr; i++)
		av_add(out, cmd.v[i], cmd.lens[i]);
out:
	av_release(&cmd);
	return ret;
}

/* ---- instruction names ---- */

static const struct {
	const char *lower, *upper;
	enum df_kind kind;
} kinds[] = {
	{"add", "ADD", DF_ADD},
	{"arg", "ARG", DF_ARG},
	{"cmd", "CMD", DF_CMD},
	{"copy", "COPY", DF_COPY},
	{"entrypoint", "ENTRYPOINT", DF_ENTRYPOINT},
	{"env", "ENV", DF_ENV},
	{"expose", "EXPOSE", DF_EXPOSE},
	{"from", "FROM", DF_FROM},
	{"healthcheck", "HEALTHCHECK", DF_HEALTHCHECK},
	{"label", "LABEL", DF_LABEL},
	{"maintainer", "MAINTAINER", DF_MAINTAINER},
	{"onbuild", "ONBUILD", DF_ONBUILD},
	{"run", "RUN", DF_RUN},
	{"shell", "SHELL", DF_SHELL},
	{"stopsignal", "STOPSIGNAL", DF_STOPSIGNAL},
	{"user", "USER", DF_USER},
	{"volume", "VOLUME", DF_VOLUME},
	{"workdir", "WORKDIR", DF_WORKDIR},
};

const char *df_kind_name(enum df_kind kind)
{
	/* kinds[] is in enum order, from DF_ADD */
	size_t i = (size_t)kind;
	return i >= 1 && i <= sizeof(kinds) / sizeof(kinds[0]) ? kinds[i - 1].upper : "";
}

static enum df_kind kind_of(const char *name, size_t n)
{
	char low[40];
	size_t l = 0, i = 0;
	enum df_kind k = DF_UNKNOWN;

	/* a known name lowercases to at most 11 bytes; each source rune of it
	 * takes at most 3 bytes (the Kelvin sign for k, ...) */
	if (n == 0 || n > 33)
		goto out;
	while (i < n && l < 12) {
		unsigned char ch = (unsigned char)name[i];
		unsigned r;
		if (ch < 0x80) {
			low[l++] = (char)((ch >= 'A' && ch <= 'Z') ? ch + 32 : ch);
			i++;
			continue;
		}
		i += dfu_decode(name + i, n - i, &r);
		r = dfu_to_lower(r);
		if (r >= 0x80)
			goto out;
		low[l++] = (char)r;
	}
	if (i < n)
		goto out;
	low[l] = '\0';
	for (i = 0; i < sizeof(kinds) / sizeof(kinds[0]); i++) {
		if (low[0] == kinds[i].lower[0] && !strcmp(low, kinds[i].lower)) {
			k = kinds[i].kind;
			break;
		}
	}
out:
	return k;
}

enum df_kind df_kind_from_name(const char *name)
{
	return kind_of(name, strlen(name));
}

/* ---- one logical line ---- */

static int one_node(struct dfl_ctx *c, const char *line, size_t len, struct df_instr *in,
		    char *shared, size_t *sub_start, size_t *sub_end, struct strbuf *msg)
{
	struct argv_b av;
	size_t b, e, i, rb = 0, re = 0;
	int ret = 0;

	av_init(&av, c->arena);
	*sub_start = *sub_end = 0;
	/* a trigger's text is the tail of its ONBUILD's: share it, or nested
	 * ONBUILDs would cost quadratic memory */
	in->original = shared ? shared : dfa_memdupz(c->arena, line, len);
	in->stage = -1;
	dfu_trim_space(line, len, &b, &e);
	i = b;
	while (i < e && !dfu_is_ascii_ws((unsigned char)line[i]))
		i++;
	in->name = dfa_memdupz(c->arena, line + b, i - b);
	in->kind = kind_of(line + b, i - b);
	if (i < e) {
		size_t r = i, off;
		while (r < e && dfu_is_ascii_ws((unsigned char)line[r]))
			r++;
		off = extract_flags(c, line + r, e - r, in);
		dfu_trim_space(line + r + off, e - r - off, &rb, &re);
		rb += r + off;
		re += r + off;
	}
	line += rb;
	len = re - rb;
	in->form = DF_FORM_NONE;
	switch (in->kind) {
	case DF_ADD:
	case DF_COPY:
	case DF_VOLUME:
		ret = maybe_json(c, line, len, 1, &av, &in->form, &in->json_trailing, msg);
		break;
	case DF_CMD:
	case DF_ENTRYPOINT:
	case DF_RUN:
	case DF_SHELL:
		ret = maybe_json(c, line, len, 0, &av, &in->form, &in->json_trailing, msg);
		break;
	case DF_ARG:
		parse_words(line, len, c->esc, &c->word, &av);
		break;
	case DF_ENV:
		ret = name_val(c, line, len, "ENV", &av, msg);
		break;
	case DF_LABEL:
		ret = name_val(c, line, len, "LABEL", &av, msg);
		break;
	case DF_EXPOSE:
	case DF_FROM:
		if (len)
			ws_split(line, len, 0, &av);
		break;
	case DF_HEALTHCHECK:
		ret = health(c, line, len, &av, &in->form, &in->json_trailing, msg);
		break;
	case DF_MAINTAINER:
	case DF_STOPSIGNAL:
	case DF_USER:
	case DF_WORKDIR:
		if (len)
			av_add(&av, line, len);
		break;
	case DF_ONBUILD:
		if (len) {
			*sub_start = rb;
			*sub_end = re;
		}
		break;
	case DF_UNKNOWN:
		av_add(&av, "", 0);
		break;
	default:
		break;
	}
	if (in->form == DF_FORM_NONE && av.nr && in->kind != DF_UNKNOWN &&
	    in->kind != DF_HEALTHCHECK)
		in->form = DF_FORM_SHELL;
	av_to_args(&av, in);
	return ret;
}

int dfl_node_from_line(struct dfl_ctx *c, const char *line, size_t len, struct df_instr *in,
		       struct strbuf *msg)
{
	char *shared = NULL;
	int ret;

	/* ONBUILD nests without recursion: each trigger becomes in->sub */
	for (;;) {
		size_t sb, se;
		ret = one_node(c, line, len, in, shared, &sb, &se, msg);
		if (ret || se == sb)
			break;
		in->sub = dfa_zalloc(c->arena, sizeof(*in->sub));
		shared = in->original + sb;
		line = shared;
		len = se - sb;
		in = in->sub;
	}
	return ret;
}

/* ---- heredocs: BuildKit's shell lexer, raw quotes/escapes, no env ---- */

#define LX_EOF (-1)
#define LX_MAX_DEPTH 64

struct lx_words {
	struct strbuf word;
	int in_word;
	struct argv_b *out;
};

struct lexer {
	const char *s;
	size_t n, pos;
	int raw_quotes, raw_escapes, depth;
	int esc;
};

static int lx_peek(const struct lexer *l)
{
	return l->pos < l->n ? (unsigned char)l->s[l->pos] : LX_EOF;
}

static void w_raw(struct lx_words *w, const char *s, size_t n)
{
	if (!w)
		return;
	strbuf_add(&w->word, s, n);
	w->in_word = 1;
}

static void w_char(struct lx_words *w, const char *s, size_t n, unsigned r)
{
	if (!w)
		return;
	if (dfu_is_space(r)) {
		if (w->in_word && w->word.len) {
			av_add(w->out, w->word.buf, w->word.len);
			strbuf_reset(&w->word);
			w->in_word = 0;
		}
	} else {
		w_raw(w, s, n);
	}
}

static void w_string(struct lx_words *w, const struct strbuf *sb)
{
	size_t i = 0;
	while (w && i < sb->len) {
		unsigned r;
		size_t k = dfu_decode(sb->buf + i, sb->len - i, &r);
		w_char(w, sb->buf + i, k, r);
		i += k;
	}
}

/* Append the next rune's bytes to res; returns its width. */
static size_t lx_take(struct lexer *l, struct strbuf *res)
{
	unsigned r;
	size_t k = dfu_decode(l->s + l->pos, l->n - l->pos, &r);
	strbuf_add(res, l->s + l->pos, k);
	l->pos += k;
	return k;
}

static int lx_process(struct lexer *l, int stop, struct strbuf *res, struct lx_words *w);

static void lx_name(struct lexer *l, struct strbuf *name)
{
	int c = lx_peek(l);

	if (c >= '0' && c <= '9') {
		while ((c = lx_peek(l)) >= '0' && c <= '9')
			strbuf_addch(name, l->s[l->pos++]);
	} else if (c > 0 && strchr("@*#?-$!", c)) {
		strbuf_addch(name, l->s[l->pos++]);
	} else {
		while ((c = lx_peek(l)) != LX_EOF &&
		       ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
			c == '_' || c >= 0x80))
			lx_take(l, name);
	}
}

static int lx_dollar(struct lexer *l, struct strbuf *res)
{
	struct strbuf name = STRBUF_INIT, inner = STRBUF_INIT;
	int ret = -1, c, saved;

	l->pos++;
	if (lx_peek(l) != '{') {
		lx_name(l, &name);
		strbuf_addch(res, '$');
		strbuf_addbuf(res, &name);
		ret = 0;
		goto out;
	}
	l->pos++;
	c = lx_peek(l);
	if (c == LX_EOF || c == '{' || c == '}' || c == ':')
		goto out;
	lx_name(l, &name);
	c = lx_peek(l);
	if (c == LX_EOF)
		goto out;
	l->pos++;
	strbuf_addstr(res, "${");
	strbuf_addbuf(res, &name);
	if (c == '}') {
		strbuf_addch(res, '}');
		ret = 0;
		goto out;
	}
	strbuf_addch(res, c);
	if (c == ':') {
		c = lx_peek(l);
		if (c == LX_EOF || c == '#' || c == '%')
			goto out;
		l->pos++;
		strbuf_addch(res, c);
	} else if (c <= 0 || !strchr("+-?#%/", c)) {
		goto out;
	}
	if (++l->depth > LX_MAX_DEPTH)
		goto out;
	saved = l->raw_escapes;
	if (c == '#' || c == '%' || c == '/')
		l->raw_escapes = 1;
	ret = lx_process(l, '}', &inner, NULL);
	l->raw_escapes = saved;
	l->depth--;
	strbuf_addbuf(res, &inner);
	strbuf_addch(res, '}');
out:
	strbuf_release(&name);
	strbuf_release(&inner);
	return ret;
}

static int lx_single(struct lexer *l, struct strbuf *res)
{
	int ret = -1, c;

	l->pos++;
	if (l->raw_quotes)
		strbuf_addch(res, '\'');
	while ((c = lx_peek(l)) != LX_EOF) {
		if (c == '\'') {
			l->pos++;
			if (l->raw_quotes)
				strbuf_addch(res, '\'');
			ret = 0;
			break;
		}
		lx_take(l, res);
	}
	return ret;
}

static int lx_double(struct lexer *l, struct strbuf *res)
{
	int ret = -1, c;

	l->pos++;
	if (l->raw_quotes)
		strbuf_addch(res, '"');
	while ((c = lx_peek(l)) != LX_EOF) {
		if (c == '"') {
			l->pos++;
			if (l->raw_quotes)
				strbuf_addch(res, '"');
			ret = 0;
			break;
		}
		if (c == '$') {
			if (lx_dollar(l, res))
				break;
			continue;
		}
		if (c == l->esc) {
			l->pos++;
			if (l->raw_escapes)
				strbuf_addch(res, l->esc);
			c = lx_peek(l);
			if (c == LX_EOF)
				continue;
			if (c == '"' || c == '$' || c == l->esc)
				lx_take(l, res);
			else
				strbuf_addch(res, l->esc);
			continue;
		}
		lx_take(l, res);
	}
	return ret;
}

static int lx_process(struct lexer *l, int stop, struct strbuf *res, struct lx_words *w)
{
	struct strbuf tmp = STRBUF_INIT;
	int ret = -1, c;

	while ((c = lx_peek(l)) != LX_EOF) {
		if (stop != LX_EOF && c == stop) {
			l->pos++;
			ret = 0;
			goto out;
		}
		if (c == '$' || c == '\'' || c == '"') {
			int r;
			strbuf_reset(&tmp);
			r = c == '$' ? lx_dollar(l, &tmp) : c == '\'' ? lx_single(l, &tmp)
							      : lx_double(l, &tmp);
			if (r)
				goto out;
			strbuf_addbuf(res, &tmp);
			if (c == '$')
				w_string(w, &tmp);
			else
				w_raw(w, tmp.buf, tmp.len);
			continue;
		}
		if (c == l->esc) {
			size_t at;
			l->pos++;
			if (l->raw_escapes) {
				w_raw(w, l->esc == '`' ? "`" : "\\", 1);
				strbuf_addch(res, l->esc);
			}
			if (l->pos >= l->n)
				break;
			at = res->len;
			lx_take(l, res);
			w_raw(w, res->buf + at, res->len - at);
			continue;
		}
		{
			unsigned r;
			size_t k = dfu_decode(l->s + l->pos, l->n - l->pos, &r);
			w_char(w, l->s + l->pos, k, r);
			strbuf_add(res, l->s + l->pos, k);
			l->pos += k;
		}
	}
	ret = stop == LX_EOF ? 0 : -1;
out:
	strbuf_release(&tmp);
	return ret;
}

/* ProcessWords: 0 with the words in out, or -1 on a lexing error. */
/* ProcessWords: 0 with the words added to out, or -1 on a lexing error. */
static int lx_words(const char *s, size_t n, int raw_quotes, int raw_escapes, struct argv_b *out)
{
	struct lexer l = {s, n, 0, raw_quotes, raw_escapes, 0, '\\'};
	struct lx_words w;
	struct strbuf res = STRBUF_INIT;
	int ret;

	strbuf_init(&w.word, 0);
	w.in_word = 0;
	w.out = out;
	ret = lx_process(&l, LX_EOF, &res, &w);
	if (!ret && w.word.len)
		av_add(out, w.word.buf, w.word.len);
	if (ret)
		av_release(out);
	strbuf_release(&w.word);
	strbuf_release(&res);
	return ret;
}

int df_unquote(const char *s, int esc, struct strbuf *out)
{
	struct lexer l = {s, strlen(s), 0, 0, 0, 0, esc};
	struct strbuf res = STRBUF_INIT;
	int ret = lx_process(&l, LX_EOF, &res, NULL);

	if (ret)
		strbuf_addstr(out, s);
	else
		strbuf_addbuf(out, &res);
	strbuf_release(&res);
	return ret ? -1 : 0;
}

static size_t count_quotes(const char *s, size_t n)
{
	size_t c = 0;
	for (size_t i = 0; i < n; i++)
		c += s[i] == '\'' || s[i] == '"';
	return c;
}

int dfl_heredocs_from_line(struct dfl_ctx *c, const char *line, size_t len, struct df_instr *in,
			   struct strbuf *msg)
{
	struct argv_b words, plain, raw;
	int ret = 0;

	av_init(&words, c->arena);
	av_init(&plain, c->arena);
	av_init(&raw, c->arena);
	if (lx_words(line, len, 1, 1, &words))
		goto out; /* BuildKit ignores the error: no heredocs */
	for (size_t k = 0; k < words.nr; k++) {
		const char *wd = words.v[k], *rest;
		size_t wl = words.lens[k], i = 0, rl;
		struct df_heredoc *h;
		long long fd = 0;
		int chomp = 0;

		while (i < wl && wd[i] >= '0' && wd[i] <= '9') {
			if (fd <= INT_MAX)
				fd = fd * 10 + (wd[i] - '0');
			i++;
		}
		if (wl - i < 2 || wd[i] != '<' || wd[i + 1] != '<')
			continue;
		i += 2;
		if (i < wl && wd[i] == '-') {
			chomp = 1;
			i++;
		}
		rest = wd + i;
		rl = wl - i;
		if (!rl || memchr(rest, '<', rl))
			continue;
		av_release(&plain);
		av_release(&raw);
		if (lx_words(rest, rl, 0, 0, &plain) ||
		    (plain.nr == 1 && lx_words(rest, rl, 1, 0, &raw))) {
			strbuf_addstr(msg, "invalid heredoc delimiter ");
			dfu_quote(msg, rest, rl);
			ret = -1;
			goto out;
		}
		if (plain.nr != 1)
			continue;
		if (raw.nr != 1) {
			strbuf_addstr(msg, "inconsistent heredoc delimiter ");
			dfu_quote(msg, rest, rl);
			ret = -1;
			goto out;
		}
		/* rare: grow by copying inside the arena */
		h = dfa_alloc(c->arena, (in->nheredocs + 1) * sizeof(*h));
		if (in->nheredocs)
			memcpy(h, in->heredocs, in->nheredocs * sizeof(*h));
		in->heredocs = h;
		h = &in->heredocs[in->nheredocs++];
		memset(h, 0, sizeof(*h));
		h->name = plain.v[0];
		h->fd = fd > INT_MAX ? INT_MAX : (int)fd;
		h->chomp = chomp;
		h->expand = count_quotes(plain.v[0], plain.lens[0]) ==
			    count_quotes(raw.v[0], raw.lens[0]);
	}
out:
	av_release(&words);
	av_release(&plain);
	av_release(&raw);
	return ret;
}

/* ---- variables, key/value pairs ---- */

static int name_start(unsigned char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_';
}

static int name_char(unsigned char c)
{
	return name_start(c) || (c >= '0' && c <= '9');
}

static void scan_vars(struct dfl_ctx *c, size_t *nv, const char *s, size_t n, int in_flag)
{
	int single = 0, dbl = 0;
	unsigned char esc = (unsigned char)c->esc;

	if (!memchr(s, '$', n))
		return;
	for (size_t i = 0; i < n; i++) {
		unsigned char ch = (unsigned char)s[i];
		size_t j;
		if (ch == esc) {
			i++;
			continue;
		}
		if (ch == '\'' && !dbl)
			single = !single;
		else if (ch == '"' && !single)
			dbl = !dbl;
		if (ch != '$' || single || i + 1 >= n)
			continue;
		j = i + 1;
		if (s[j] == '{')
			j++;
		if (j >= n || !name_start((unsigned char)s[j]))
			continue;
		i = j;
		while (i < n && name_char((unsigned char)s[i]))
			i++;
		ALLOC_GROW(c->vars, *nv + 1, c->avars);
		c->vars[*nv].name = dfa_memdupz(c->arena, s + j, i - j);
		c->vars[*nv].in_flag = in_flag;
		(*nv)++;
		i--;
	}
}

void dfl_collect_vars(struct dfl_ctx *c, struct df_instr *in)
{
	for (; in; in = in->sub) {
		size_t nv = 0;
		for (size_t i = 0; i < in->nflags; i++)
			if (in->flags[i].value)
				scan_vars(c, &nv, in->flags[i].value, strlen(in->flags[i].value), 1);
		for (size_t i = 0; i < in->nargs; i++)
			scan_vars(c, &nv, in->args[i], in->arglens[i], 0);
		if (nv) {
			in->vars = dfa_alloc(c->arena, nv * sizeof(*in->vars));
			memcpy(in->vars, c->vars, nv * sizeof(*in->vars));
			in->nvars = nv;
		}
	}
}

void dfl_fill_kvs(struct dfl_ctx *c, struct df_instr *in)
{
	for (; in; in = in->sub) {
		if (in->kind == DF_ENV || in->kind == DF_LABEL) {
			in->nkvs = in->nargs / 3;
			in->kvs = in->nkvs ? dfa_alloc(c->arena, in->nkvs * sizeof(*in->kvs)) : NULL;
			for (size_t i = 0; i < in->nkvs; i++) {
				in->kvs[i].key = in->args[3 * i];
				in->kvs[i].value = in->args[3 * i + 1];
				in->kvs[i].has_equal = in->arglens[3 * i + 2] == 1;
			}
		} else if (in->kind == DF_ARG) {
			in->nkvs = in->nargs;
			in->kvs = in->nkvs ? dfa_alloc(c->arena, in->nkvs * sizeof(*in->kvs)) : NULL;
			for (size_t i = 0; i < in->nkvs; i++) {
				const char *a = in->args[i];
				const char *eq = memchr(a, '=', in->arglens[i]);
				size_t kl = eq ? (size_t)(eq - a) : in->arglens[i];
				in->kvs[i].key = dfa_memdupz(c->arena, a, kl);
				in->kvs[i].value =
					eq ? dfa_memdupz(c->arena, eq + 1, in->arglens[i] - kl - 1) : NULL;
				in->kvs[i].has_equal = eq != NULL;
			}
		}
	}
}

void dfl_ctx_init(struct dfl_ctx *c, struct df_arena *arena, int esc)
{
	memset(c, 0, sizeof(*c));
	c->arena = arena;
	c->esc = esc;
	strbuf_init(&c->word, 0);
	strbuf_init(&c->scratch, 0);
}

void dfl_ctx_release(struct dfl_ctx *c)
{
	strbuf_release(&c->word);
	strbuf_release(&c->scratch);
	free(c->vars);
	free(c->flags);
	memset(c, 0, sizeof(*c));
}

/* ---- the arena ---- */

struct df_arena_chunk {
	struct df_arena_chunk *next;
	size_t size;
	max_align_t data[];
};

#define ARENA_CHUNK 65536
#define ARENA_BIG 16384
#define ARENA_FIRST 4096

void *dfa_alloc(struct df_arena *a, size_t n)
{
	struct df_arena_chunk *ch;
	void *p;

	if (n > SIZE_MAX / 2)
		xalloc_die("arena", n);
	n = (n + 7) & ~(size_t)7;
	if (n <= a->left) {
		p = a->cur;
		a->cur += n;
		a->left -= n;
	} else if (n > ARENA_BIG) {
		/* a big block gets its own chunk, behind the current one */
		ch = xmalloc(sizeof(*ch) + n);
		ch->size = n;
		if (a->head) {
			ch->next = a->head->next;
			a->head->next = ch;
		} else {
			ch->next = NULL;
			a->head = ch;
		}
		p = ch->data;
	} else {
		/* small files stay small: the first chunk is 4 KiB, then 64 KiB */
		size_t size = a->head ? ARENA_CHUNK : ARENA_FIRST;
		if (size < n)
			size = ARENA_CHUNK;
		ch = xmalloc(sizeof(*ch) + size);
		ch->size = size;
		ch->next = a->head;
		a->head = ch;
		p = ch->data;
		a->cur = (char *)ch->data + n;
		a->left = size - n;
	}
	return p;
}

void *dfa_zalloc(struct df_arena *a, size_t n)
{
	void *p = dfa_alloc(a, n);
	memset(p, 0, n);
	return p;
}

char *dfa_memdupz(struct df_arena *a, const char *s, size_t n)
{
	char *p = dfa_alloc(a, n + 1);
	if (n)
		memcpy(p, s, n);
	p[n] = '\0';
	return p;
}

void dfa_free(struct df_arena *a)
{
	while (a->head) {
		struct df_arena_chunk *next = a->head->next;
		free(a->head);
		a->head = next;
	}
	a->cur = NULL;
	a->left = 0;
}
