/*
 * pyscan: tokenizer + shape matching over logical lines. Tokens are kept
 * per logical line only; a line with more than PYSCAN_MAX_TOKENS tokens
 * keeps its first ones (long literal tables matter little here).
 */
#include "shipshape/pyscan.h"

#include <stdlib.h>
#include <string.h>

#include "shipshape/strbuf.h"
#include "shipshape/xalloc.h"

#define PYSCAN_MAX_TOKENS 64

enum tok_type { TOK_NAME, TOK_STRING, TOK_OP, TOK_NUMBER };

struct tok {
	enum tok_type type;
	const char *s; /* NAME/OP/NUMBER: source text; STRING: content start in source */
	size_t len;
	int line;
};

struct scanner {
	struct pyscan *out;
	struct tok toks[PYSCAN_MAX_TOKENS];
	size_t ntok;
	int indent, line_no;
	char *scope;
};

void pyscan_init(struct pyscan *s)
{
	memset(s, 0, sizeof(*s));
}

void pyscan_release(struct pyscan *s)
{
	if (!s)
		return;
	for (size_t i = 0; i < s->nr; i++) {
		free(s->items[i].name);
		free(s->items[i].value);
		free(s->items[i].arg);
		free(s->items[i].scope);
	}
	free(s->items);
	pyscan_init(s);
}

static int is_ident_start(unsigned char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_' || c >= 0x80;
}

static int is_ident(unsigned char c)
{
	return is_ident_start(c) || (c >= '0' && c <= '9');
}

static int tok_is(const struct tok *t, enum tok_type type, const char *text)
{
	size_t n = strlen(text);
	return t->type == type && t->len == n && !memcmp(t->s, text, n);
}

static char *tok_dup(const struct tok *t)
{
	size_t n = t->len > PYSCAN_MAX_STRING ? PYSCAN_MAX_STRING : t->len;
	return xstrndup(t->s, n);
}

static void add_item(struct scanner *sc, enum pyscan_kind kind, char *name, char *value,
		     char *arg, int line)
{
	struct pyscan_item *it;

	ALLOC_GROW(sc->out->items, sc->out->nr + 1, sc->out->alloc);
	it = &sc->out->items[sc->out->nr++];
	it->kind = kind;
	it->name = name;
	it->value = value;
	it->arg = arg;
	it->scope = sc->scope && sc->indent > 0 ? xstrdup(sc->scope) : NULL;
	it->line = line;
	it->indent = sc->indent;
}

/* A dotted name at toks[*i] ("a.b.c") into sb; advances *i. 0 if none. */
static int dotted(const struct scanner *sc, size_t *i, struct strbuf *sb)
{
	size_t k = *i;

	strbuf_reset(sb);
	if (k >= sc->ntok || sc->toks[k].type != TOK_NAME)
		return 0;
	strbuf_add(sb, sc->toks[k].s, sc->toks[k].len);
	k++;
	while (k + 1 < sc->ntok && tok_is(&sc->toks[k], TOK_OP, ".") &&
	       sc->toks[k + 1].type == TOK_NAME) {
		strbuf_addch(sb, '.');
		strbuf_add(sb, sc->toks[k + 1].s, sc->toks[k + 1].len);
		k += 2;
	}
	*i = k;
	return 1;
}

static int is_route_callee(const char *name)
{
	static const char *const names[] = {"path", "re_path", "url", "Route", NULL};
	const char *last = strrchr(name, '.');
	last = last ? last + 1 : name;
	for (size_t i = 0; names[i]; i++)
		if (!strcmp(last, names[i]))
			return 1;
	return 0;
}

static void match_line(struct scanner *sc)
{
	struct strbuf a = STRBUF_INIT, b = STRBUF_INIT;
	const struct tok *t = sc->toks;
	size_t n = sc->ntok, i = 0;

	if (!n)
		goto out;
	/* the scope follows top-level statements */
	if (sc->indent == 0 && !tok_is(&t[0], TOK_OP, "@")) {
		free(sc->scope);
		sc->scope = NULL;
	}
	if (tok_is(&t[0], TOK_NAME, "import")) {
		i = 1;
		while (i < n && dotted(sc, &i, &a)) {
			add_item(sc, PYSCAN_IMPORT, strbuf_detach(&a, NULL), NULL, NULL, t[0].line);
			if (i < n && tok_is(&t[i], TOK_NAME, "as"))
				i += 2;
			if (i < n && tok_is(&t[i], TOK_OP, ","))
				i++;
			else
				break;
		}
		goto out;
	}
	if (tok_is(&t[0], TOK_NAME, "from")) {
		strbuf_reset(&b);
		i = 1;
		while (i < n && tok_is(&t[i], TOK_OP, ".")) {
			strbuf_addch(&b, '.');
			i++;
		}
		if (i < n && !tok_is(&t[i], TOK_NAME, "import") && dotted(sc, &i, &a))
			strbuf_addbuf(&b, &a);
		if (b.len && i < n && tok_is(&t[i], TOK_NAME, "import"))
			add_item(sc, PYSCAN_IMPORT, strbuf_detach(&b, NULL), NULL, NULL, t[0].line);
		goto out;
	}
	if (tok_is(&t[0], TOK_OP, "@")) {
		i = 1;
		if (dotted(sc, &i, &a) && i + 1 < n && tok_is(&t[i], TOK_OP, "(") &&
		    t[i + 1].type == TOK_STRING)
			add_item(sc, PYSCAN_ROUTE, strbuf_detach(&a, NULL), tok_dup(&t[i + 1]), NULL,
				 t[0].line);
		goto out;
	}
	i = tok_is(&t[0], TOK_NAME, "async") ? 1 : 0;
	if (i < n && tok_is(&t[i], TOK_NAME, "def")) {
		if (i + 1 < n && t[i + 1].type == TOK_NAME) {
			add_item(sc, PYSCAN_DEF, tok_dup(&t[i + 1]), NULL, NULL, t[i].line);
			if (sc->indent == 0) {
				free(sc->scope);
				sc->scope = tok_dup(&t[i + 1]);
			}
		}
		goto out;
	}
	if (tok_is(&t[0], TOK_NAME, "if") && n >= 5) {
		int main_block = 0;
		if (tok_is(&t[1], TOK_NAME, "__name__") && tok_is(&t[2], TOK_OP, "==") &&
		    tok_is(&t[3], TOK_STRING, "__main__"))
			main_block = 1;
		if (tok_is(&t[3], TOK_NAME, "__name__") && tok_is(&t[2], TOK_OP, "==") &&
		    tok_is(&t[1], TOK_STRING, "__main__"))
			main_block = 1;
		if (main_block)
			add_item(sc, PYSCAN_MAIN, NULL, NULL, NULL, t[0].line);
		goto out;
	}
	/* assignment: NAME [: annotation] = RHS */
	if (t[0].type == TOK_NAME && n >= 3) {
		size_t eq = 0;
		if (tok_is(&t[1], TOK_OP, "="))
			eq = 1;
		else if (tok_is(&t[1], TOK_OP, ":"))
			for (size_t k = 2; k < n; k++)
				if (tok_is(&t[k], TOK_OP, "=")) {
					eq = k;
					break;
				}
		if (eq) {
			i = eq + 1;
			if (i < n && t[i].type == TOK_STRING && i + 1 == n) {
				add_item(sc, PYSCAN_ASSIGN_STR, tok_dup(&t[0]), tok_dup(&t[i]), NULL,
					 t[0].line);
				goto out;
			}
			if (dotted(sc, &i, &a) && i < n && tok_is(&t[i], TOK_OP, "(")) {
				char *arg = NULL;
				size_t k = i + 1;
				if (k + 1 < n && t[k].type == TOK_NAME && tok_is(&t[k + 1], TOK_OP, "="))
					k += 2; /* a keyword argument: its value */
				if (k < n && t[k].type == TOK_STRING)
					arg = tok_dup(&t[k]);
				else if (dotted(sc, &k, &b))
					arg = strbuf_detach(&b, NULL);
				add_item(sc, PYSCAN_ASSIGN_CALL, tok_dup(&t[0]), strbuf_detach(&a, NULL),
					 arg, t[0].line);
				/* fall through: the call may carry a route string too */
			}
		}
	}
	/* calls with a route-like string first argument, anywhere in the line */
	for (i = 0; i + 2 < n; i++) {
		size_t k = i;
		if (t[i].type != TOK_NAME || (i > 0 && tok_is(&t[i - 1], TOK_OP, ".")))
			continue;
		if (!dotted(sc, &k, &a) || k + 1 >= n || !tok_is(&t[k], TOK_OP, "(") ||
		    t[k + 1].type != TOK_STRING)
			continue;
		if ((t[k + 1].len && t[k + 1].s[0] == '/') || is_route_callee(a.buf))
			add_item(sc, PYSCAN_CALL_STR, strbuf_detach(&a, NULL), tok_dup(&t[k + 1]),
				 NULL, t[k + 1].line);
		i = k;
	}
out:
	strbuf_release(&a);
	strbuf_release(&b);
}

static void push_tok(struct scanner *sc, enum tok_type type, const char *s, size_t len, int line)
{
	if (sc->ntok >= PYSCAN_MAX_TOKENS)
		return;
	sc->toks[sc->ntok].type = type;
	sc->toks[sc->ntok].s = s;
	sc->toks[sc->ntok].len = len;
	sc->toks[sc->ntok].line = line;
	sc->ntok++;
}

void pyscan_source(struct pyscan *out, const char *src, size_t len)
{
	struct scanner sc;
	size_t i = 0;
	int line = 1, depth = 0, at_line_start = 1;

	memset(&sc, 0, sizeof(sc));
	sc.out = out;
	/* a UTF-8 byte order mark (Windows editors) is not content */
	if (len >= 3 && !memcmp(src, "\xEF\xBB\xBF", 3)) {
		src += 3;
		len -= 3;
	}
	while (i < len) {
		unsigned char c = (unsigned char)src[i];

		if (at_line_start) {
			int ind = 0;
			size_t k = i;
			while (k < len && (src[k] == ' ' || src[k] == '\t' || src[k] == '\f')) {
				ind += src[k] == '\t' ? 8 - (ind % 8) : 1;
				k++;
			}
			i = k;
			if (k >= len)
				break;
			if (src[k] == '\n' || src[k] == '#' || src[k] == '\r')
				at_line_start = 1; /* blank or comment line: indentation does not count */
			at_line_start = 0;
			if (src[k] != '\n' && src[k] != '#' && src[k] != '\r') {
				sc.indent = ind;
				sc.line_no = line;
			}
			continue;
		}
		if (c == '\n') {
			line++;
			i++;
			if (depth == 0) {
				match_line(&sc);
				sc.ntok = 0;
				at_line_start = 1;
			}
			continue;
		}
		if (c == '\\' && i + 1 < len && (src[i + 1] == '\n' || src[i + 1] == '\r')) {
			/* lines count '\n' only (as every reader does): a lone '\r' is no line */
			int crlf = src[i + 1] == '\r' && i + 2 < len && src[i + 2] == '\n';
			if (src[i + 1] == '\n' || crlf)
				line++;
			i += crlf ? 3 : 2;
			continue;
		}
		if (c == '#') {
			while (i < len && src[i] != '\n')
				i++;
			continue;
		}
		if (c == ' ' || c == '\t' || c == '\r' || c == '\f') {
			i++;
			continue;
		}
		/* string, with an optional prefix (r, b, f, u, rb, ...) */
		{
			size_t k = i;
			while (k < len && k - i < 2 && strchr("rRbBfFuU", src[k]) && src[k])
				k++;
			if (k < len && (src[k] == '"' || src[k] == '\'') &&
			    (k == i || !is_ident((unsigned char)(i > 0 ? src[i - 1] : ' ')))) {
				char q = src[k];
				int triple = k + 2 < len && src[k + 1] == q && src[k + 2] == q;
				int raw = memchr(src + i, 'r', k - i) || memchr(src + i, 'R', k - i);
				size_t start = k + (triple ? 3 : 1), j = start;
				int sline = line;
				for (;;) {
					if (j >= len)
						break;
					if (src[j] == '\\' && !raw && j + 1 < len) {
						if (src[j + 1] == '\n')
							line++;
						j += 2;
						continue;
					}
					if (src[j] == '\\' && raw && j + 1 < len) {
						if (src[j + 1] == '\n')
							line++;
						j += 2;
						continue;
					}
					if (src[j] == '\n') {
						if (!triple)
							break; /* unterminated: stop at the line end */
						line++;
					}
					if (src[j] == q &&
					    (!triple || (j + 2 < len && src[j + 1] == q && src[j + 2] == q)))
						break;
					j++;
				}
				push_tok(&sc, TOK_STRING, src + start, (j < len ? j : len) - start, sline);
				if (j < len && src[j] == q)
					j += triple ? 3 : 1;
				i = j;
				continue;
			}
		}
		if (is_ident_start(c)) {
			size_t k = i;
			while (k < len && is_ident((unsigned char)src[k]))
				k++;
			push_tok(&sc, TOK_NAME, src + i, k - i, line);
			i = k;
			continue;
		}
		if (c >= '0' && c <= '9') {
			size_t k = i;
			while (k < len && (is_ident((unsigned char)src[k]) || src[k] == '.'))
				k++;
			push_tok(&sc, TOK_NUMBER, src + i, k - i, line);
			i = k;
			continue;
		}
		if (c == '(' || c == '[' || c == '{')
			depth++;
		else if ((c == ')' || c == ']' || c == '}') && depth > 0)
			depth--;
		if (i + 1 < len && strchr("=!<>", c) && src[i + 1] == '=' && c) {
			push_tok(&sc, TOK_OP, src + i, 2, line);
			i += 2;
			continue;
		}
		push_tok(&sc, TOK_OP, src + i, 1, line);
		i++;
	}
	match_line(&sc);
	free(sc.scope);
}

int pyscan_imports(const struct pyscan *s, const char *module)
{
	size_t n = strlen(module);

	for (size_t i = 0; i < s->nr; i++) {
		const struct pyscan_item *it = &s->items[i];
		if (it->kind == PYSCAN_IMPORT && !strncmp(it->name, module, n) &&
		    (it->name[n] == '\0' || it->name[n] == '.'))
			return 1;
	}
	return 0;
}
