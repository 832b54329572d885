/*
 * yamlsub: a line-oriented reader for a YAML subset. The input is first cut
 * into lines (indent, text); a recursive descent over the lines then builds
 * the tree. A "- item" line is handled by rewriting the line in place as if
 * the item started at its own column, so "- key: v" items and nested
 * "- - x" fall out of the same code.
 */
#include "shipshape/yamlsub.h"

#include <stdlib.h>
#include <string.h>

#include "shipshape/strbuf.h"
#include "shipshape/xalloc.h"

struct yline {
	const char *text; /* first non-blank byte */
	size_t len;       /* up to the end of line, comments still in */
	size_t indent;
	int lineno;
	int blank;        /* empty or comment only */
};

struct yparser {
	struct yline *lines;
	size_t nr, alloc;
	const char *file;
	struct ss_error *err;
	int failed;
};

static int fail(struct yparser *p, int line, size_t col, const char *what)
{
	if (!p->failed)
		ss_error_set(p->err, SS_ERR_INPUT, p->file, line, (int)col + 1, "%s in '%s'", what,
			     p->file);
	p->failed = 1;
	return -1;
}

static struct yaml_node *node_new(enum yaml_type t, int line)
{
	struct yaml_node *n = xcalloc(1, sizeof(*n));
	n->type = t;
	n->line = line;
	return n;
}

void yamlsub_free(struct yaml_node *n)
{
	if (!n)
		return;
	for (size_t i = 0; i < n->nr; i++)
		yamlsub_free(n->children[i]);
	free(n->children);
	free(n->key);
	free(n->value);
	free(n);
}

static void node_add(struct yaml_node *parent, struct yaml_node *child)
{
	ALLOC_GROW(parent->children, parent->nr + 1, parent->alloc);
	parent->children[parent->nr++] = child;
}

/* Length of the text without a trailing comment and blanks (quotes respected). */
static size_t content_len(const char *s, size_t len)
{
	size_t i = 0;
	char q = 0;

	for (; i < len; i++) {
		char c = s[i];
		if (q) {
			if (c == q) {
				if (q == '\'' && i + 1 < len && s[i + 1] == '\'')
					i++;
				else
					q = 0;
			} else if (c == '\\' && q == '"' && i + 1 < len) {
				i++;
			}
			continue;
		}
		if ((c == '"' || c == '\'') && (i == 0 || strchr(" \t[{,:-", s[i - 1])))
			q = c;
		else if (c == '#' && (i == 0 || s[i - 1] == ' ' || s[i - 1] == '\t'))
			break;
	}
	while (i && (s[i - 1] == ' ' || s[i - 1] == '\t'))
		i--;
	return i;
}

static int split_lines(struct yparser *p, const char *src, size_t len)
{
	size_t pos = 0;
	int lineno = 0;

	while (pos < len) {
		const char *line = src + pos;
		const char *nl = memchr(line, '\n', len - pos);
		size_t llen = nl ? (size_t)(nl - line) : len - pos, ind = 0;
		struct yline *y;

		pos += llen + (nl ? 1 : 0);
		lineno++;
		if (llen && line[llen - 1] == '\r')
			llen--;
		if (memchr(line, '\0', llen))
			return fail(p, lineno, 0, "binary data");
		while (ind < llen && line[ind] == ' ')
			ind++;
		ALLOC_GROW(p->lines, p->nr + 1, p->alloc);
		y = &p->lines[p->nr++];
		y->text = line + ind;
		y->len = llen - ind;
		y->indent = ind;
		y->lineno = lineno;
		y->blank = content_len(y->text, y->len) == 0;
		if (!y->blank && y->text[0] == '\t')
			return fail(p, lineno, ind, "tab in indentation");
		if (!y->blank && ind == 0 && y->len >= 1 && y->text[0] == '%') {
			y->blank = 1; /* directive */
		} else if (!y->blank && ind == 0 && y->len >= 3 &&
			   (!memcmp(y->text, "---", 3) || !memcmp(y->text, "...", 3)) &&
			   (y->len == 3 || y->text[3] == ' ')) {
			size_t k;
			int seen = 0;
			for (k = 0; k + 1 < p->nr; k++)
				if (!p->lines[k].blank)
					seen = 1;
			if (seen) { /* a second document, or the end marker: stop here */
				p->nr--;
				break;
			}
			/* "--- value" is rare; treat the marker line as blank */
			y->blank = 1;
		}
	}
	return 0;
}

static size_t skip_blank(const struct yparser *p, size_t i)
{
	while (i < p->nr && p->lines[i].blank)
		i++;
	return i;
}

/* Unquote or trim a scalar token; 0 on a malformed quote. */
static int scalar_text(const char *s, size_t len, struct strbuf *out)
{
	strbuf_reset(out);
	while (len && (*s == ' ' || *s == '\t')) {
		s++;
		len--;
	}
	while (len && (s[len - 1] == ' ' || s[len - 1] == '\t'))
		len--;
	/* drop anchors and tags in front of the value */
	while (len && (*s == '&' || *s == '!')) {
		while (len && *s != ' ') {
			s++;
			len--;
		}
		while (len && *s == ' ') {
			s++;
			len--;
		}
	}
	if (len && *s == '\'') {
		size_t i;
		for (i = 1; i < len; i++) {
			if (s[i] == '\'') {
				if (i + 1 < len && s[i + 1] == '\'') {
					strbuf_addch(out, '\'');
					i++;
					continue;
				}
				return i == len - 1;
			}
			strbuf_addch(out, s[i]);
		}
		return 0;
	}
	if (len && *s == '"') {
		size_t i;
		for (i = 1; i < len; i++) {
			char c = s[i];
			if (c == '"')
				return i == len - 1;
			if (c == '\\' && i + 1 < len) {
				c = s[++i];
				switch (c) {
				case 'n': c = '\n'; break;
				case 't': c = '\t'; break;
				case 'r': c = '\r'; break;
				case '0': c = ' '; break;
				default: break;
				}
			}
			strbuf_addch(out, c);
		}
		return 0;
	}
	strbuf_add(out, s, len);
	return 1;
}

/*
 * Position of the ':' that ends a mapping key on this text, or (size_t)-1.
 * A key is a quoted string or plain text, followed by ':' and a blank or
 * the end of the content.
 */
static size_t key_colon(const char *s, size_t len)
{
	size_t i = 0;

	if (!len || s[0] == '[' || s[0] == '{' || (s[0] == '-' && (len == 1 || s[1] == ' ')))
		return (size_t)-1;
	if (s[0] == '"' || s[0] == '\'') {
		char q = s[0];
		for (i = 1; i < len; i++) {
			if (s[i] == '\\' && q == '"') {
				i++;
				continue;
			}
			if (s[i] == q) {
				if (q == '\'' && i + 1 < len && s[i + 1] == '\'') {
					i++;
					continue;
				}
				break;
			}
		}
		i++;
		while (i < len && s[i] == ' ')
			i++;
		return (i < len && s[i] == ':' && (i + 1 == len || s[i + 1] == ' ')) ? i : (size_t)-1;
	}
	for (; i < len; i++)
		if (s[i] == ':' && (i + 1 == len || s[i + 1] == ' ' || s[i + 1] == '\t'))
			return i;
	return (size_t)-1;
}

static struct yaml_node *parse_flow(struct yparser *p, const char *s, size_t len, size_t *pos,
				    int line, size_t col0, int depth);

/* One flow item: nested collection or scalar up to ',' ']' '}' (or ':' for keys). */
static struct yaml_node *parse_flow_item(struct yparser *p, const char *s, size_t len,
					 size_t *pos, int line, size_t col0, int depth, int is_key)
{
	struct strbuf sb = STRBUF_INIT;
	struct yaml_node *n = NULL;
	size_t i = *pos, start;

	while (i < len && s[i] == ' ')
		i++;
	if (i < len && (s[i] == '[' || s[i] == '{')) {
		*pos = i;
		return parse_flow(p, s, len, pos, line, col0, depth + 1);
	}
	start = i;
	if (i < len && (s[i] == '"' || s[i] == '\'')) {
		char q = s[i++];
		while (i < len && s[i] != q) {
			if (s[i] == '\\' && q == '"')
				i++;
			i++;
		}
		if (i >= len) {
			fail(p, line, col0 + start, "unterminated quote");
			goto out;
		}
		i++;
	} else {
		while (i < len && s[i] != ',' && s[i] != ']' && s[i] != '}' &&
		       !(is_key && s[i] == ':' && (i + 1 == len || s[i + 1] == ' ')))
			i++;
	}
	if (!scalar_text(s + start, i - start, &sb)) {
		fail(p, line, col0 + start, "bad quoted scalar");
		goto out;
	}
	n = node_new(sb.len ? YAML_SCALAR : YAML_NULL, line);
	if (sb.len)
		n->value = strbuf_detach(&sb, NULL);
	*pos = i;
out:
	strbuf_release(&sb);
	return n;
}

static struct yaml_node *parse_flow(struct yparser *p, const char *s, size_t len, size_t *pos,
				    int line, size_t col0, int depth)
{
	char open = s[*pos], close = open == '[' ? ']' : '}';
	struct yaml_node *n;
	size_t i = *pos + 1;

	if (depth > YAMLSUB_MAX_DEPTH) {
		fail(p, line, col0 + *pos, "nesting too deep");
		return NULL;
	}
	n = node_new(open == '[' ? YAML_SEQ : YAML_MAP, line);
	for (;;) {
		struct yaml_node *item, *key = NULL;
		while (i < len && s[i] == ' ')
			i++;
		if (i >= len) {
			fail(p, line, col0 + i, "unterminated flow collection");
			goto bad;
		}
		if (s[i] == close) {
			i++;
			break;
		}
		if (open == '{') {
			key = parse_flow_item(p, s, len, &i, line, col0, depth, 1);
			if (!key)
				goto bad;
			while (i < len && s[i] == ' ')
				i++;
			if (i < len && s[i] == ':') {
				i++;
				item = parse_flow_item(p, s, len, &i, line, col0, depth, 0);
			} else {
				item = node_new(YAML_NULL, line);
			}
			if (!item || key->type != YAML_SCALAR) {
				if (item)
					fail(p, line, col0 + i, "bad key in flow mapping");
				yamlsub_free(key);
				yamlsub_free(item);
				goto bad;
			}
			item->key = key->value;
			item->key_line = line;
			key->value = NULL;
			yamlsub_free(key);
		} else {
			item = parse_flow_item(p, s, len, &i, line, col0, depth, 0);
			if (!item)
				goto bad;
		}
		node_add(n, item);
		while (i < len && s[i] == ' ')
			i++;
		if (i < len && s[i] == ',') {
			i++;
			continue;
		}
		if (i < len && s[i] == close) {
			i++;
			break;
		}
		fail(p, line, col0 + i,
		     i >= len ? "unterminated flow collection" : "expected ',' or end of flow collection");
		goto bad;
	}
	*pos = i;
	return n;
bad:
	yamlsub_free(n);
	return NULL;
}

static struct yaml_node *parse_block(struct yparser *p, size_t *i, size_t indent, int depth);

/* A block scalar (| or >) whose header is at line index hdr, parent indent. */
static struct yaml_node *parse_block_scalar(struct yparser *p, size_t *i, size_t parent,
					    const char *hdr, size_t hlen, int line)
{
	struct strbuf sb = STRBUF_INIT;
	struct yaml_node *n = node_new(YAML_SCALAR, line);
	int folded = hdr[0] == '>', keep = 0, strip = 0;
	size_t k = *i + 1, ind = 0, trailing = 0;

	for (size_t j = 1; j < hlen; j++) {
		if (hdr[j] == '-')
			strip = 1;
		else if (hdr[j] == '+')
			keep = 1;
	}
	for (; k < p->nr; k++) {
		const struct yline *y = &p->lines[k];
		if (y->len == 0) {
			trailing++;
			continue;
		}
		if (!ind) {
			if (y->indent <= parent)
				break;
			ind = y->indent;
		}
		if (y->indent < ind)
			break;
		for (; trailing; trailing--)
			strbuf_addch(&sb, '\n');
		if (sb.len && sb.buf[sb.len - 1] != '\n')
			strbuf_addch(&sb, folded ? ' ' : '\n');
		strbuf_addchars(&sb, ' ', y->indent - ind);
		strbuf_add(&sb, y->text, y->len);
		if (!folded)
			strbuf_addch(&sb, '\n');
	}
	if (folded && sb.len)
		strbuf_addch(&sb, '\n');
	if (strip)
		while (sb.len && sb.buf[sb.len - 1] == '\n')
			strbuf_setlen(&sb, sb.len - 1);
	else if (keep)
		strbuf_addchars(&sb, '\n', trailing);
	n->value = strbuf_detach(&sb, NULL);
	*i = k;
	return n;
}

/*
 * The value written after "key:" or "- " on line index *i (text s, len,
 * column col). Consumes the following lines it owns.
 */
static struct yaml_node *parse_inline_value(struct yparser *p, size_t *i, size_t owner_indent,
					    const char *s, size_t len, size_t col, int depth,
					    int seq_same_indent)
{
	struct strbuf sb = STRBUF_INIT;
	struct yaml_node *n = NULL;
	int line = p->lines[*i].lineno;
	size_t clen;

	while (len && *s == ' ') {
		s++;
		len--;
		col++;
	}
	/* strip anchors/tags so "&x" alone or "!!map" alone leave an empty value */
	while (len && (*s == '&' || *s == '!')) {
		while (len && *s != ' ') {
			s++;
			len--;
			col++;
		}
		while (len && *s == ' ') {
			s++;
			len--;
			col++;
		}
	}
	clen = content_len(s, len);
	if (clen == 0) {
		size_t nx = skip_blank(p, *i + 1);
		if (nx < p->nr && p->lines[nx].indent > owner_indent) {
			*i = nx;
			n = parse_block(p, i, p->lines[nx].indent, depth + 1);
		} else if (seq_same_indent && nx < p->nr && p->lines[nx].indent == owner_indent &&
			   p->lines[nx].text[0] == '-' &&
			   (p->lines[nx].len == 1 || p->lines[nx].text[1] == ' ')) {
			*i = nx;
			n = parse_block(p, i, owner_indent, depth + 1);
		} else {
			n = node_new(YAML_NULL, line);
			*i = *i + 1;
		}
		goto out;
	}
	if (s[0] == '|' || s[0] == '>') {
		n = parse_block_scalar(p, i, owner_indent, s, clen, line);
		goto out;
	}
	if (s[0] == '[' || s[0] == '{') {
		size_t pos = 0;
		n = parse_flow(p, s, clen, &pos, line, col, depth + 1);
		if (n && pos != clen) {
			fail(p, line, col + pos, "unexpected text after flow collection");
			yamlsub_free(n);
			n = NULL;
		}
		*i = *i + 1;
		goto out;
	}
	if (!scalar_text(s, clen, &sb)) {
		fail(p, line, col, "bad quoted scalar");
		goto out;
	}
	n = node_new(YAML_SCALAR, line);
	n->value = strbuf_detach(&sb, NULL);
	*i = *i + 1;
	/* a plain scalar may continue on more-indented lines (folded with spaces) */
	{
		size_t nx = skip_blank(p, *i);
		while (nx < p->nr && p->lines[nx].indent > owner_indent && s[0] != '"' &&
		       s[0] != '\'') {
			const struct yline *y = &p->lines[nx];
			size_t yl = content_len(y->text, y->len);
			if (key_colon(y->text, yl) != (size_t)-1 ||
			    (y->text[0] == '-' && (yl == 1 || y->text[1] == ' ')))
				break;
			strbuf_addstr(&sb, n->value);
			strbuf_addch(&sb, ' ');
			strbuf_add(&sb, y->text, yl);
			free(n->value);
			n->value = strbuf_detach(&sb, NULL);
			*i = nx + 1;
			nx = skip_blank(p, *i);
		}
	}
out:
	strbuf_release(&sb);
	return n;
}

static struct yaml_node *parse_seq(struct yparser *p, size_t *i, size_t indent, int depth)
{
	struct yaml_node *n = node_new(YAML_SEQ, p->lines[*i].lineno);

	for (;;) {
		struct yline *y;
		struct yaml_node *item;
		size_t rest;

		*i = skip_blank(p, *i);
		if (*i >= p->nr)
			break;
		y = &p->lines[*i];
		if (y->indent < indent)
			break;
		if (y->indent > indent) {
			fail(p, y->lineno, y->indent, "bad indentation");
			goto bad;
		}
		if (y->text[0] != '-' || (y->len > 1 && y->text[1] != ' '))
			break; /* the parent mapping continues (sequence at the key's indent) */
		rest = 1;
		while (rest < y->len && y->text[rest] == ' ')
			rest++;
		if (content_len(y->text + rest, y->len - rest) == 0) {
			item = parse_inline_value(p, i, indent, "", 0, indent + rest, depth, 0);
		} else {
			/* re-read the item as a block starting at its own column */
			y->indent += rest;
			y->text += rest;
			y->len -= rest;
			item = parse_block(p, i, y->indent, depth + 1);
		}
		if (!item)
			goto bad;
		node_add(n, item);
	}
	return n;
bad:
	yamlsub_free(n);
	return NULL;
}

static struct yaml_node *parse_map(struct yparser *p, size_t *i, size_t indent, int depth)
{
	struct strbuf key = STRBUF_INIT;
	struct yaml_node *n = node_new(YAML_MAP, p->lines[*i].lineno);

	for (;;) {
		struct yline *y;
		struct yaml_node *val;
		size_t clen, colon;
		int kline;

		*i = skip_blank(p, *i);
		if (*i >= p->nr)
			break;
		y = &p->lines[*i];
		if (y->indent < indent)
			break;
		if (y->indent > indent) {
			fail(p, y->lineno, y->indent, "bad indentation");
			goto bad;
		}
		clen = content_len(y->text, y->len);
		colon = key_colon(y->text, clen);
		if (colon == (size_t)-1) {
			fail(p, y->lineno, y->indent, "expected 'key: value'");
			goto bad;
		}
		if (!scalar_text(y->text, colon, &key)) {
			fail(p, y->lineno, y->indent, "bad quoted key");
			goto bad;
		}
		kline = y->lineno;
		val = parse_inline_value(p, i, indent, y->text + colon + 1, y->len - colon - 1,
					 y->indent + colon + 1, depth, 1);
		if (!val)
			goto bad;
		val->key = strbuf_detach(&key, NULL);
		val->key_line = kline;
		node_add(n, val);
	}
	strbuf_release(&key);
	return n;
bad:
	strbuf_release(&key);
	yamlsub_free(n);
	return NULL;
}

/* The node starting at line *i (not blank), whose indentation is indent. */
static struct yaml_node *parse_block(struct yparser *p, size_t *i, size_t indent, int depth)
{
	const struct yline *y;
	size_t clen;

	if (depth > YAMLSUB_MAX_DEPTH) {
		fail(p, p->lines[*i].lineno, indent, "nesting too deep");
		return NULL;
	}
	*i = skip_blank(p, *i);
	y = &p->lines[*i];
	clen = content_len(y->text, y->len);
	if (y->text[0] == '-' && (clen == 1 || y->text[1] == ' '))
		return parse_seq(p, i, indent, depth);
	if (key_colon(y->text, clen) != (size_t)-1)
		return parse_map(p, i, indent, depth);
	/* a lone scalar or flow collection */
	{
		struct yaml_node *n = parse_inline_value(p, i, indent > 0 ? indent - 1 : 0, y->text,
							 y->len, y->indent, depth, 0);
		size_t nx;
		if (!n)
			return NULL;
		nx = skip_blank(p, *i);
		if (nx < p->nr && p->lines[nx].indent >= indent && depth == 0) {
			fail(p, p->lines[nx].lineno, p->lines[nx].indent,
			     "unexpected content after a scalar");
			yamlsub_free(n);
			return NULL;
		}
		return n;
	}
}

int yamlsub_parse(const char *src, size_t len, const char *filename, struct yaml_node **out,
		  struct ss_error *err)
{
	struct yparser p;
	struct yaml_node *root = NULL;
	size_t i;
	int ret = 0;

	/* a UTF-8 byte order mark (Windows editors) is not content */
	if (len >= 3 && !memcmp(src, "\xEF\xBB\xBF", 3)) {
		src += 3;
		len -= 3;
	}
	memset(&p, 0, sizeof(p));
	p.file = filename ? filename : "<yaml>";
	p.err = err;
	*out = NULL;
	if (split_lines(&p, src, len)) {
		ret = SS_ERR_INPUT;
		goto out;
	}
	i = skip_blank(&p, 0);
	if (i >= p.nr) {
		root = node_new(YAML_NULL, 1);
		goto out;
	}
	if (p.lines[i].indent != 0) {
		/* allow a document indented as a whole */
	}
	root = parse_block(&p, &i, p.lines[i].indent, 0);
	if (root) {
		i = skip_blank(&p, i);
		if (i < p.nr) {
			fail(&p, p.lines[i].lineno, p.lines[i].indent,
			     "unexpected text (bad indentation?)");
			yamlsub_free(root);
			root = NULL;
		}
	}
	if (!root || p.failed) {
		yamlsub_free(root);
		root = NULL;
		ret = SS_ERR_INPUT;
	}
out:
	free(p.lines);
	*out = root;
	return ret;
}

const struct yaml_node *yamlsub_get(const struct yaml_node *map, const char *key)
{
	const struct yaml_node *found = NULL;

	if (!map || map->type != YAML_MAP)
		return NULL;
	for (size_t i = 0; i < map->nr; i++)
		if (map->children[i]->key && !strcmp(map->children[i]->key, key))
			found = map->children[i];
	return found;
}

cJSON *yamlsub_to_json(const struct yaml_node *n)
{
	cJSON *j = NULL;

	if (!n)
		return cJSON_CreateNull();
	switch (n->type) {
	case YAML_NULL:
		j = cJSON_CreateNull();
		break;
	case YAML_SCALAR:
		j = cJSON_CreateString(n->value ? n->value : "");
		break;
	case YAML_SEQ:
		j = cJSON_CreateArray();
		for (size_t i = 0; i < n->nr; i++)
			cJSON_AddItemToArray(j, yamlsub_to_json(n->children[i]));
		break;
	case YAML_MAP:
		j = cJSON_CreateObject();
		for (size_t i = 0; i < n->nr; i++) {
			cJSON *v = yamlsub_to_json(n->children[i]);
			if (cJSON_GetObjectItemCaseSensitive(j, n->children[i]->key))
				cJSON_ReplaceItemInObjectCaseSensitive(j, n->children[i]->key, v);
			else
				cJSON_AddItemToObject(j, n->children[i]->key, v);
		}
		break;
	}
	return j;
}
