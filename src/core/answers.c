/*
 * answers: the answer schema (templates/answers.json) and strict validation.
 *
 * Every value that reaches a generated file passes a grammar here first.
 * The grammars are allow-lists of ASCII characters, so a newline, a quote,
 * "$(", a backslash or a NUL can never slip into a Dockerfile or a CI file.
 */
#include <ctype.h>
#include <errno.h>
#include <limits.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "shipshape/answers.h"
#include "shipshape/catalog.h"
#include "shipshape/fsutil.h"
#include "shipshape/xalloc.h"

#define ARGV_MAX_ITEMS 64
#define ITEM_MAX_LEN 200
#define LIST_MAX_ITEMS 100

/* ---------------------------------------------------------------- JSON */

static int bad_control(const char *t, struct strbuf *why);

static void offset_to_line_col(const char *text, size_t off, int *line, int *col)
{
	int l = 1, c = 1;
	for (size_t i = 0; i < off; i++) {
		if (text[i] == '\n') {
			l++;
			c = 1;
		} else {
			c++;
		}
	}
	*line = l;
	*col = c;
}

/* Offset of a raw NUL byte or an unescaped "\u0000" escape, or len. */
static size_t find_nul(const char *text, size_t len)
{
	for (size_t i = 0; i < len; i++) {
		if (text[i] == '\0')
			return i;
		if (text[i] == '\\' && i + 1 < len) {
			if (text[i + 1] == 'u' && i + 5 < len && text[i + 2] == '0' &&
			    text[i + 3] == '0' && text[i + 4] == '0' && text[i + 5] == '0')
				return i;
			i++; /* skip the escaped character */
		}
	}
	return len;
}

static void add_excerpt(struct strbuf *sb, const char *text, size_t len, size_t off)
{
	size_t n = 0;
	for (size_t i = off; i < len && n < 20; i++, n++) {
		unsigned char ch = (unsigned char)text[i];
		if (ch == '\n')
			break;
		strbuf_addch(sb, ch >= 0x20 && ch < 0x7f && ch != '\'' ? ch : '?');
	}
}

static int by_name(const void *a, const void *b)
{
	return strcmp(*(const char *const *)a, *(const char *const *)b);
}

/* The first key that appears twice in one object of the tree, or NULL. */
static const char *duplicate_key(const cJSON *j)
{
	const cJSON *it;
	const char *dup = NULL;
	size_t n = 0, i = 0;

	cJSON_ArrayForEach(it, j) {
		if ((dup = duplicate_key(it)))
			return dup;
		n++;
	}
	if (cJSON_IsObject(j) && n > 1) {
		const char **keys = xcalloc(n, sizeof(*keys));
		cJSON_ArrayForEach(it, j)
			keys[i++] = it->string;
		qsort(keys, n, sizeof(*keys), by_name);
		for (i = 1; i < n && !dup; i++)
			if (!strcmp(keys[i - 1], keys[i]))
				dup = keys[i];
		free(keys);
	}
	return dup;
}

int answers_parse_json(const char *text, size_t len, const char *filename, cJSON **out,
		       struct ss_error *err)
{
	struct strbuf ex = STRBUF_INIT;
	const char *end = NULL, *dup;
	cJSON *j = NULL;
	size_t off;
	int line, col, ret = 0;

	*out = NULL;
	off = find_nul(text, len);
	if (off < len) {
		offset_to_line_col(text, off, &line, &col);
		ret = ss_error_set(err, SS_ERR_INPUT, filename, line, col,
				   "invalid JSON: a NUL character is not allowed");
		goto out;
	}
	j = cJSON_ParseWithLengthOpts(text, len, &end, 0);
	if (!j) {
		off = end && end >= text ? (size_t)(end - text) : 0;
		if (off > len)
			off = len;
		if (len && off == len - 1) {
			/* cJSON reports running out of input as the last byte: tell them apart */
			char *copy = xmalloc(len + 2);
			const char *end2 = NULL;
			cJSON *j2;
			memcpy(copy, text, len);
			copy[len] = ' ';
			copy[len + 1] = '\0';
			j2 = cJSON_ParseWithLengthOpts(copy, len + 1, &end2, 0);
			if (!j2 && end2 && end2 >= copy + len)
				off = len;
			cJSON_Delete(j2);
			free(copy);
		}
		/* cJSON may stop on white space after the culprit: point at the culprit */
		if (off < len && isspace((unsigned char)text[off])) {
			size_t k = off;
			while (k > 0 && isspace((unsigned char)text[k - 1]))
				k--;
			if (k > 0)
				off = k - 1;
		}
		offset_to_line_col(text, off, &line, &col);
		if (off >= len) {
			ret = ss_error_set(err, SS_ERR_INPUT, filename, line, col,
					   "invalid JSON: unexpected end of input");
		} else {
			add_excerpt(&ex, text, len, off);
			ret = ss_error_set(err, SS_ERR_INPUT, filename, line, col,
					   "invalid JSON near '%s'", ex.buf);
		}
		goto out;
	}
	off = (size_t)(end - text);
	while (off < len && isspace((unsigned char)text[off]))
		off++;
	if (off < len) {
		offset_to_line_col(text, off, &line, &col);
		add_excerpt(&ex, text, len, off);
		ret = ss_error_set(err, SS_ERR_INPUT, filename, line, col,
				   "invalid JSON: unexpected text after the value near '%s'", ex.buf);
		cJSON_Delete(j);
		j = NULL;
		goto out;
	}
	if ((dup = duplicate_key(j))) {
		strbuf_addstr(&ex, dup);
		if (bad_control(dup, &ex) || ex.len > 60) {
			strbuf_reset(&ex);
			strbuf_addstr(&ex, "(unprintable)");
		}
		ret = ss_error_set(err, SS_ERR_INPUT, filename, 0, 0,
				   "invalid JSON: duplicate key '%s'", ex.buf);
		cJSON_Delete(j);
		j = NULL;
		goto out;
	}
	*out = j;
out:
	strbuf_release(&ex);
	return ret;
}

/* ------------------------------------------------------------ grammars */

static int is_ident_start(int c)
{
	return isalpha(c) || c == '_';
}

static int is_ident(int c)
{
	return isalnum(c) || c == '_';
}

static int ascii_only(const char *t)
{
	for (; *t; t++)
		if ((unsigned char)*t >= 0x80)
			return 0;
	return 1;
}

/* The first character outside 0x20..0x7e, described for an error. */
static int bad_control(const char *t, struct strbuf *why)
{
	for (; *t; t++) {
		unsigned char c = (unsigned char)*t;
		if (c == '\n' || c == '\r') {
			strbuf_addstr(why, "contains a newline");
			return 1;
		}
		if (c < 0x20 || c == 0x7f) {
			strbuf_addf(why, "contains a control character (0x%02x)", c);
			return 1;
		}
		if (c >= 0x80) {
			strbuf_addstr(why, "contains a non-ASCII character");
			return 1;
		}
	}
	return 0;
}

/* Describe the first character of t not accepted by ok(). */
static int first_bad(const char *t, int (*ok)(int c), struct strbuf *why)
{
	if (bad_control(t, why))
		return 1;
	for (; *t; t++) {
		if (!ok((unsigned char)*t)) {
			if (*t == '$' && t[1] == '(')
				strbuf_addstr(why, "contains '$(' (command substitution)");
			else if (*t == '\\')
				strbuf_addstr(why, "contains a backslash");
			else if (*t == '"')
				strbuf_addstr(why, "contains a double quote");
			else if (*t == ' ')
				strbuf_addstr(why, "contains a space");
			else
				strbuf_addf(why, "contains the character '%c'", *t);
			return 1;
		}
	}
	return 0;
}

static int ok_path_char(int c)
{
	return isalnum(c) || c == '/' || c == '_' || c == '.' || c == '-';
}

static int ok_http_char(int c)
{
	return isalnum(c) || c == '/' || c == '_' || c == '.' || c == '-' || c == '~';
}

static int ok_version_char(int c)
{
	return isdigit(c) || islower(c) || c == '.';
}

static int ok_pkg_char(int c)
{
	return islower(c) || isdigit(c) || c == '+' || c == '.' || c == '-';
}

static int ok_branch_char(int c)
{
	return isalnum(c) || c == '.' || c == '_' || c == '/' || c == '-';
}

static int ok_host_char(int c)
{
	return isalnum(c) || c == '.' || c == '-' || c == ':';
}

static int ok_image_char(int c)
{
	return islower(c) || isdigit(c) || c == '.' || c == '_' || c == '-' || c == '/';
}

static int ok_cron_char(int c)
{
	return isdigit(c) || c == '*' || c == '/' || c == ',' || c == '-' || c == ' ';
}

static int ok_python_path_char(int c)
{
	return is_ident(c) || c == '.' || c == ':' || c == '(' || c == ')';
}

static int ok_argv_char(int c)
{
	return c >= 0x20 && c < 0x7f && c != '"' && c != '\'' && c != '\\' && c != '`' &&
	       c != '$';
}

static int ok_ident_char(int c)
{
	return is_ident(c);
}

/* Dotted identifiers "a.b.c" starting at *p; advances *p. */
static int dotted_idents(const char **p)
{
	const char *s = *p;
	for (;;) {
		if (!is_ident_start((unsigned char)*s))
			return 0;
		while (is_ident((unsigned char)*s))
			s++;
		if (*s != '.')
			break;
		s++;
	}
	*p = s;
	return 1;
}

/* No empty, "." or ".." component in a '/'-separated path. */
static int path_components_ok(const char *t, struct strbuf *why)
{
	const char *s = t;
	while (*s) {
		const char *e = strchr(s, '/');
		size_t n = e ? (size_t)(e - s) : strlen(s);
		if ((n == 2 && !strncmp(s, "..", 2)) || (n == 1 && *s == '.')) {
			strbuf_addstr(why, "has a '.' or '..' component");
			return 0;
		}
		if (n == 0 && e && s != t) {
			strbuf_addstr(why, "has an empty component ('//')");
			return 0;
		}
		if (*s == '-') {
			strbuf_addstr(why, "has a component starting with '-'");
			return 0;
		}
		if (!e)
			break;
		s = e + 1;
	}
	return 1;
}

static int grammar_python_version(const char *t, struct strbuf *why)
{
	const char *s = t;
	size_t a = 0, b = 0;
	while (isdigit((unsigned char)*s)) {
		s++;
		a++;
	}
	if (*s == '.')
		for (s++; isdigit((unsigned char)*s); s++)
			b++;
	if (!a || a > 2 || !b || b > 3 || *s) {
		if (!first_bad(t, ok_version_char, why))
			strbuf_addstr(why, "is not a MAJOR.MINOR version like 3.12");
		return 0;
	}
	return 1;
}

static int grammar_version(const char *t, struct strbuf *why)
{
	if (first_bad(t, ok_version_char, why))
		return 0;
	if (!isdigit((unsigned char)t[0]) || strstr(t, "..") || t[strlen(t) - 1] == '.' ||
	    !strchr(t, '.') || strlen(t) > 32) {
		strbuf_addstr(why, "is not a version like 3.12.5");
		return 0;
	}
	return 1;
}

static int grammar_python_path(const char *t, struct strbuf *why)
{
	const char *s = t;
	if (first_bad(t, ok_python_path_char, why))
		return 0;
	if (!dotted_idents(&s) || *s != ':') {
		strbuf_addstr(why, "is not MODULE:ATTRIBUTE like myapp.wsgi:application");
		return 0;
	}
	s++;
	if (!dotted_idents(&s)) {
		strbuf_addstr(why, "is not MODULE:ATTRIBUTE like myapp.wsgi:application");
		return 0;
	}
	if (!strcmp(s, "()"))
		s += 2;
	if (*s) {
		strbuf_addstr(why, "has text after MODULE:ATTRIBUTE (only a plain '()' call is allowed)");
		return 0;
	}
	return 1;
}

static int grammar_http_path(const char *t, struct strbuf *why)
{
	if (first_bad(t, ok_http_char, why))
		return 0;
	if (t[0] != '/') {
		strbuf_addstr(why, "must start with '/'");
		return 0;
	}
	if (t[1] == '/') {
		strbuf_addstr(why, "must not start with '//'");
		return 0;
	}
	return path_components_ok(t + 1, why);
}

static int grammar_debian_package(const char *t, struct strbuf *why)
{
	if (first_bad(t, ok_pkg_char, why))
		return 0;
	if (strlen(t) < 2 || !isalnum((unsigned char)t[0])) {
		strbuf_addstr(why, "is not a Debian package name (lowercase, starts with a letter or digit)");
		return 0;
	}
	return 1;
}

static int grammar_image_name(const char *t, struct strbuf *why)
{
	const char *s = t;
	if (first_bad(t, ok_image_char, why))
		return 0;
	/* components of [a-z0-9] runs joined by '.', '_', '__' or '-'+, split by '/' */
	for (;;) {
		if (!isalnum((unsigned char)*s))
			goto bad;
		while (*s && *s != '/') {
			if (isalnum((unsigned char)*s)) {
				s++;
				continue;
			}
			if (*s == '.' || *s == '_') {
				s += (s[0] == '_' && s[1] == '_') ? 2 : 1;
			} else {
				while (*s == '-')
					s++;
			}
			if (!isalnum((unsigned char)*s))
				goto bad;
		}
		if (!*s)
			break;
		s++;
	}
	return 1;
bad:
	strbuf_addstr(why, "is not an image name like acme/shop (lowercase, no tag or registry)");
	return 0;
}

static int grammar_registry(const char *t, struct strbuf *why)
{
	const char *colon;
	if (first_bad(t, ok_host_char, why))
		return 0;
	colon = strchr(t, ':');
	if (!isalnum((unsigned char)t[0]) || strstr(t, "..") ||
	    (colon && (colon == t || !colon[1] || strspn(colon + 1, "0123456789") !=
					       strlen(colon + 1) || strlen(colon + 1) > 5)) ||
	    (colon ? colon[-1] : t[strlen(t) - 1]) == '.' ||
	    (colon ? colon[-1] : t[strlen(t) - 1]) == '-') {
		strbuf_addstr(why, "is not a registry host like ghcr.io or localhost:5000");
		return 0;
	}
	return 1;
}

static int grammar_branch(const char *t, struct strbuf *why)
{
	size_t n = strlen(t);
	if (first_bad(t, ok_branch_char, why))
		return 0;
	if (t[0] == '-' || t[0] == '/' || t[0] == '.' || strstr(t, "..") || strstr(t, "//") ||
	    t[n - 1] == '/' || t[n - 1] == '.' || (n >= 5 && !strcmp(t + n - 5, ".lock"))) {
		strbuf_addstr(why, "is not a valid git branch name");
		return 0;
	}
	return 1;
}

static int grammar_digest(const char *t, struct strbuf *why)
{
	if (bad_control(t, why))
		return 0;
	if (strncmp(t, "sha256:", 7) || strlen(t) != 71 ||
	    strspn(t + 7, "0123456789abcdef") != 64) {
		strbuf_addstr(why, "is not a digest like sha256:<64 lowercase hex digits>");
		return 0;
	}
	return 1;
}

static int grammar_relpath(const char *t, struct strbuf *why)
{
	if (first_bad(t, ok_path_char, why))
		return 0;
	if (t[0] == '/') {
		strbuf_addstr(why, "must be a relative path");
		return 0;
	}
	if (t[strlen(t) - 1] == '/') {
		strbuf_addstr(why, "must not end with '/'");
		return 0;
	}
	return path_components_ok(t, why);
}

static int grammar_abspath(const char *t, struct strbuf *why)
{
	if (first_bad(t, ok_path_char, why))
		return 0;
	if (t[0] != '/') {
		strbuf_addstr(why, "must be an absolute path");
		return 0;
	}
	if (t[1] && t[strlen(t) - 1] == '/') {
		strbuf_addstr(why, "must not end with '/'");
		return 0;
	}
	return path_components_ok(t + 1, why);
}

static int grammar_argv_item(const char *t, struct strbuf *why)
{
	if (first_bad(t, ok_argv_char, why))
		return 0;
	return 1;
}

static int grammar_cron(const char *t, struct strbuf *why)
{
	int fields = 0;
	const char *s = t;
	if (first_bad(t, ok_cron_char, why))
		return 0;
	while (*s) {
		if (*s == ' ')
			goto bad;
		while (*s && *s != ' ')
			s++;
		fields++;
		if (*s == ' ')
			s++;
		else
			break;
	}
	if (fields == 5 && t[strlen(t) - 1] != ' ')
		return 1;
bad:
	strbuf_addstr(why, "is not a five-field cron expression like '0 4 * * 1'");
	return 0;
}

static int grammar_identifier(const char *t, struct strbuf *why)
{
	if (first_bad(t, ok_ident_char, why))
		return 0;
	if (!is_ident_start((unsigned char)t[0])) {
		strbuf_addstr(why, "is not an identifier");
		return 0;
	}
	return 1;
}

static const struct grammar {
	const char *name;
	int (*check)(const char *t, struct strbuf *why);
	size_t max;
} grammars[] = {
	{"python-version", grammar_python_version, 8},
	{"version", grammar_version, 32},
	{"python-path", grammar_python_path, 200},
	{"http-path", grammar_http_path, 200},
	{"debian-package", grammar_debian_package, 100},
	{"image-name", grammar_image_name, 255},
	{"registry", grammar_registry, 253},
	{"branch", grammar_branch, 100},
	{"digest", grammar_digest, 71},
	{"relpath", grammar_relpath, 255},
	{"abspath", grammar_abspath, 255},
	{"argv-item", grammar_argv_item, ITEM_MAX_LEN},
	{"argv", grammar_argv_item, ITEM_MAX_LEN},
	{"command", grammar_argv_item, ITEM_MAX_LEN}, /* an argv that is no dev server */
	{"cron", grammar_cron, 100},
	{"identifier", grammar_identifier, 100},
};

static const struct grammar *find_grammar(const char *name)
{
	for (size_t i = 0; name && i < sizeof(grammars) / sizeof(grammars[0]); i++)
		if (!strcmp(grammars[i].name, name))
			return &grammars[i];
	return NULL;
}

int answers_grammar_check(const char *grammar, const char *text, struct strbuf *why)
{
	const struct grammar *g = find_grammar(grammar);
	if (!g) {
		strbuf_addf(why, "unknown grammar '%s'", grammar ? grammar : "");
		return SS_ERR_INPUT;
	}
	if (!*text) {
		strbuf_addstr(why, "is empty");
		return SS_ERR_INPUT;
	}
	if (strlen(text) > g->max) {
		strbuf_addf(why, "is longer than %zu characters", g->max);
		return SS_ERR_INPUT;
	}
	if (!ascii_only(text) && bad_control(text, why))
		return SS_ERR_INPUT;
	return g->check(text, why) ? 0 : SS_ERR_INPUT;
}

/* -------------------------------------------------------------- schema */

static void free_list(char **v, size_t n)
{
	for (size_t i = 0; i < n; i++)
		free(v[i]);
	free(v);
}

static void key_release(struct answer_key *k)
{
	free(k->key);
	free(k->type);
	free(k->grammar);
	free_list(k->choices, k->nchoices);
	cJSON_Delete(k->default_value);
	free(k->prompt);
	free(k->help);
	cJSON_Delete(k->ask_when);
	free_list(k->fields, k->nfields);
	free(k->item_grammar);
	memset(k, 0, sizeof(*k));
}

void answers_schema_init(struct answer_schema *s)
{
	s->keys = NULL;
	s->nr = 0;
}

void answers_schema_release(struct answer_schema *s)
{
	if (!s)
		return;
	for (size_t i = 0; i < s->nr; i++)
		key_release(&s->keys[i]);
	free(s->keys);
	answers_schema_init(s);
}

const struct answer_key *answers_schema_find(const struct answer_schema *s, const char *key)
{
	for (size_t i = 0; key && i < s->nr; i++)
		if (!strcmp(s->keys[i].key, key))
			return &s->keys[i];
	return NULL;
}

static const char *const key_types[] = {"string", "int", "bool", "argv", "enum", "object"};

static int known_type(const char *t)
{
	for (size_t i = 0; i < sizeof(key_types) / sizeof(key_types[0]); i++)
		if (!strcmp(key_types[i], t))
			return 1;
	return 0;
}

/* A string list field: array of non-empty strings, copied into *out. */
static int get_str_list(const cJSON *v, const char *filename, const char *path, char ***out,
			size_t *n, struct ss_error *err)
{
	size_t i = 0;
	const cJSON *it;
	if (!cJSON_IsArray(v))
		return ss_error_set(err, SS_ERR_INPUT, filename, 0, 0,
				    "%s: expected an array of strings", path);
	*n = (size_t)cJSON_GetArraySize(v);
	*out = xcalloc(*n ? *n : 1, sizeof(char *));
	cJSON_ArrayForEach(it, v) {
		if (!cJSON_IsString(it) || !*it->valuestring) {
			size_t k;
			for (k = 0; k < i; k++)
				free((*out)[k]);
			free(*out);
			*out = NULL;
			*n = 0;
			return ss_error_set(err, SS_ERR_INPUT, filename, 0, 0,
					    "%s[%zu]: expected a non-empty string", path, i);
		}
		(*out)[i++] = xstrdup(it->valuestring);
	}
	return 0;
}

static int get_str(const cJSON *v, const char *filename, const char *path, char **out,
		   struct ss_error *err)
{
	if (!cJSON_IsString(v) || !*v->valuestring)
		return ss_error_set(err, SS_ERR_INPUT, filename, 0, 0,
				    "%s: expected a non-empty string", path);
	*out = xstrdup(v->valuestring);
	return 0;
}

/*
 * v is a number with no fraction within [lo, hi]. The range is checked before
 * any conversion: casting an out-of-range double to an integer is undefined.
 */
static int whole_number(const cJSON *v, double lo, double hi)
{
	return cJSON_IsNumber(v) && v->valuedouble >= lo && v->valuedouble <= hi &&
	       v->valuedouble == floor(v->valuedouble);
}

static const char *const entry_fields[] = {"key", "type", "grammar", "choices", "default",
					   "required", "optional", "prompt", "help", "tier",
					   "ask_when", "minimum", "maximum", "fields",
					   "item_grammar"};

static int parse_key(struct answer_key *k, const cJSON *e, size_t idx, const char *filename,
		     struct ss_error *err)
{
	struct strbuf path = STRBUF_INIT;
	const cJSON *f;
	int ret = 0;

	if (!cJSON_IsObject(e)) {
		ret = ss_error_set(err, SS_ERR_INPUT, filename, 0, 0,
				   "keys[%zu]: expected an object", idx);
		goto out;
	}
	cJSON_ArrayForEach(f, e) {
		size_t i;
		for (i = 0; i < sizeof(entry_fields) / sizeof(entry_fields[0]); i++)
			if (!strcmp(f->string, entry_fields[i]))
				break;
		if (i == sizeof(entry_fields) / sizeof(entry_fields[0])) {
			ret = ss_error_set(err, SS_ERR_INPUT, filename, 0, 0,
					   "keys[%zu].%s: unknown field", idx, f->string);
			goto out;
		}
	}
#define PATH(name) (strbuf_reset(&path), strbuf_addf(&path, "keys[%zu].%s", idx, name), path.buf)
	k->minimum = LONG_MIN;
	k->maximum = LONG_MAX;
	if ((ret = get_str(cJSON_GetObjectItemCaseSensitive(e, "key"), filename, PATH("key"),
			   &k->key, err)) ||
	    (ret = get_str(cJSON_GetObjectItemCaseSensitive(e, "type"), filename, PATH("type"),
			   &k->type, err)) ||
	    (ret = get_str(cJSON_GetObjectItemCaseSensitive(e, "prompt"), filename,
			   PATH("prompt"), &k->prompt, err)) ||
	    (ret = get_str(cJSON_GetObjectItemCaseSensitive(e, "help"), filename, PATH("help"),
			   &k->help, err)))
		goto out;
	if (!grammar_identifier(k->key, &path)) {
		ret = ss_error_set(err, SS_ERR_INPUT, filename, 0, 0,
				   "keys[%zu].key: '%s' is not a lowercase identifier", idx, k->key);
		goto out;
	}
	if (!known_type(k->type)) {
		ret = ss_error_set(err, SS_ERR_INPUT, filename, 0, 0,
				   "keys[%zu].type: unknown type '%s'", idx, k->type);
		goto out;
	}
	if ((f = cJSON_GetObjectItemCaseSensitive(e, "grammar"))) {
		if ((ret = get_str(f, filename, PATH("grammar"), &k->grammar, err)))
			goto out;
		if (!find_grammar(k->grammar)) {
			ret = ss_error_set(err, SS_ERR_INPUT, filename, 0, 0,
					   "keys[%zu].grammar: unknown grammar '%s'", idx,
					   k->grammar);
			goto out;
		}
	}
	if (!strcmp(k->type, "string") && !k->grammar) {
		ret = ss_error_set(err, SS_ERR_INPUT, filename, 0, 0,
				   "keys[%zu].grammar: a string key needs a grammar", idx);
		goto out;
	}
	if ((f = cJSON_GetObjectItemCaseSensitive(e, "choices")) &&
	    (ret = get_str_list(f, filename, PATH("choices"), &k->choices, &k->nchoices, err)))
		goto out;
	if (!strcmp(k->type, "enum") != (k->nchoices > 0)) {
		ret = ss_error_set(err, SS_ERR_INPUT, filename, 0, 0,
				   "keys[%zu].choices: %s", idx,
				   k->nchoices ? "only an enum key has choices"
					       : "an enum key needs choices");
		goto out;
	}
	if ((f = cJSON_GetObjectItemCaseSensitive(e, "fields")) &&
	    (ret = get_str_list(f, filename, PATH("fields"), &k->fields, &k->nfields, err)))
		goto out;
	if ((f = cJSON_GetObjectItemCaseSensitive(e, "item_grammar"))) {
		if ((ret = get_str(f, filename, PATH("item_grammar"), &k->item_grammar, err)))
			goto out;
		if (!find_grammar(k->item_grammar)) {
			ret = ss_error_set(err, SS_ERR_INPUT, filename, 0, 0,
					   "keys[%zu].item_grammar: unknown grammar '%s'", idx,
					   k->item_grammar);
			goto out;
		}
	}
	if (!strcmp(k->type, "object") != (k->nfields > 0 && k->item_grammar != NULL)) {
		ret = ss_error_set(err, SS_ERR_INPUT, filename, 0, 0,
				   "keys[%zu].fields: an object key (and only one) needs fields and item_grammar",
				   idx);
		goto out;
	}
	f = cJSON_GetObjectItemCaseSensitive(e, "tier");
	if (!whole_number(f, 0, CATALOG_TIERS - 1)) {
		ret = ss_error_set(err, SS_ERR_INPUT, filename, 0, 0,
				   "keys[%zu].tier: expected a tier number 0-6", idx);
		goto out;
	}
	k->tier = (int)f->valuedouble;
	if ((f = cJSON_GetObjectItemCaseSensitive(e, "required"))) {
		if (!cJSON_IsBool(f)) {
			ret = ss_error_set(err, SS_ERR_INPUT, filename, 0, 0,
					   "keys[%zu].required: expected true or false", idx);
			goto out;
		}
		k->required = cJSON_IsTrue(f);
	}
	if ((f = cJSON_GetObjectItemCaseSensitive(e, "optional"))) {
		if (!cJSON_IsBool(f)) {
			ret = ss_error_set(err, SS_ERR_INPUT, filename, 0, 0,
					   "keys[%zu].optional: expected true or false", idx);
			goto out;
		}
		k->optional = cJSON_IsTrue(f);
	}
	if ((f = cJSON_GetObjectItemCaseSensitive(e, "minimum"))) {
		if (!whole_number(f, -1e15, 1e15)) {
			ret = ss_error_set(err, SS_ERR_INPUT, filename, 0, 0,
					   "keys[%zu].minimum: expected an integer", idx);
			goto out;
		}
		k->minimum = (long)f->valuedouble;
	}
	if ((f = cJSON_GetObjectItemCaseSensitive(e, "maximum"))) {
		if (!whole_number(f, -1e15, 1e15)) {
			ret = ss_error_set(err, SS_ERR_INPUT, filename, 0, 0,
					   "keys[%zu].maximum: expected an integer", idx);
			goto out;
		}
		k->maximum = (long)f->valuedouble;
	}
	if (k->minimum > k->maximum) {
		ret = ss_error_set(err, SS_ERR_INPUT, filename, 0, 0,
				   "keys[%zu].maximum: less than minimum", idx);
		goto out;
	}
	if ((f = cJSON_GetObjectItemCaseSensitive(e, "default")))
		k->default_value = cJSON_Duplicate(f, 1);
	if (k->required + k->optional + (k->default_value != NULL) != 1) {
		ret = ss_error_set(err, SS_ERR_INPUT, filename, 0, 0,
				   "keys[%zu]: exactly one of 'default', 'required' and 'optional' must be given",
				   idx);
		goto out;
	}
	if ((f = cJSON_GetObjectItemCaseSensitive(e, "ask_when"))) {
		if (!cJSON_IsObject(f)) {
			ret = ss_error_set(err, SS_ERR_INPUT, filename, 0, 0,
					   "keys[%zu].ask_when: expected an object", idx);
			goto out;
		}
		k->ask_when = cJSON_Duplicate(f, 1);
	}
#undef PATH
out:
	strbuf_release(&path);
	return ret;
}

static int validate_value(const struct answer_key *k, const cJSON *v, struct ss_error *err,
			  const char *filename);

int answers_check_conditions(const struct answer_schema *s, const cJSON *cond,
			     const char *filename, const char *path, struct ss_error *err)
{
	const cJSON *c, *v;
	if (!cJSON_IsObject(cond))
		return ss_error_set(err, SS_ERR_INPUT, filename, 0, 0, "%s: expected an object",
				    path);
	cJSON_ArrayForEach(c, cond) {
		const struct answer_key *k = s ? answers_schema_find(s, c->string) : NULL;
		size_t i = 0;
		if (s && !k)
			return ss_error_set(err, SS_ERR_INPUT, filename, 0, 0,
					    "%s.%s: unknown answer key '%s'", path, c->string,
					    c->string);
		if (cJSON_IsBool(c)) {
			if (k && (k->required || k->default_value))
				return ss_error_set(err, SS_ERR_INPUT, filename, 0, 0,
						    "%s.%s: a set/unset condition needs an optional key",
						    path, c->string);
			continue;
		}
		if (!cJSON_IsArray(c) || cJSON_GetArraySize(c) == 0)
			return ss_error_set(err, SS_ERR_INPUT, filename, 0, 0,
					    "%s.%s: expected a non-empty array of values or true/false",
					    path, c->string);
		cJSON_ArrayForEach(v, c) {
			if (!cJSON_IsString(v) && !cJSON_IsBool(v) && !cJSON_IsNumber(v))
				return ss_error_set(err, SS_ERR_INPUT, filename, 0, 0,
						    "%s.%s[%zu]: expected a string, number or boolean",
						    path, c->string, i);
			if (k) {
				struct ss_error e2;
				ss_error_init(&e2);
				if (validate_value(k, v, &e2, NULL))
					return ss_error_set(err, SS_ERR_INPUT, filename, 0, 0,
							    "%s.%s[%zu]: %s", path, c->string, i,
							    e2.msg);
			}
			i++;
		}
	}
	return 0;
}

int answers_schema_parse(struct answer_schema *s, const char *json, size_t len,
			 const char *filename, struct ss_error *err)
{
	cJSON *root = NULL;
	const cJSON *keys, *e, *f;
	size_t i = 0;
	int ret;

	answers_schema_release(s);
	if ((ret = answers_parse_json(json, len, filename, &root, err)))
		goto out;
	if (!cJSON_IsObject(root)) {
		ret = ss_error_set(err, SS_ERR_INPUT, filename, 0, 0, "expected a JSON object");
		goto out;
	}
	cJSON_ArrayForEach(f, root) {
		if (strcmp(f->string, "schema_version") && strcmp(f->string, "comment") &&
		    strcmp(f->string, "keys")) {
			ret = ss_error_set(err, SS_ERR_INPUT, filename, 0, 0, "%s: unknown field",
					   f->string);
			goto out;
		}
	}
	f = cJSON_GetObjectItemCaseSensitive(root, "schema_version");
	if (!cJSON_IsNumber(f) || f->valuedouble != 1) {
		ret = ss_error_set(err, SS_ERR_INPUT, filename, 0, 0,
				   "schema_version: expected 1");
		goto out;
	}
	keys = cJSON_GetObjectItemCaseSensitive(root, "keys");
	if (!cJSON_IsArray(keys) || !cJSON_GetArraySize(keys)) {
		ret = ss_error_set(err, SS_ERR_INPUT, filename, 0, 0,
				   "keys: expected a non-empty array");
		goto out;
	}
	s->keys = xcalloc((size_t)cJSON_GetArraySize(keys), sizeof(*s->keys));
	cJSON_ArrayForEach(e, keys) {
		if ((ret = parse_key(&s->keys[i], e, i, filename, err))) {
			s->nr = i + 1; /* release the partial entry too */
			goto out;
		}
		for (size_t j = 0; j < i; j++) {
			if (!strcmp(s->keys[j].key, s->keys[i].key)) {
				s->nr = i + 1;
				ret = ss_error_set(err, SS_ERR_INPUT, filename, 0, 0,
						   "keys[%zu].key: duplicate key '%s'", i,
						   s->keys[i].key);
				goto out;
			}
		}
		s->nr = ++i;
	}
	/* defaults and ask_when can only be checked once every key is known */
	for (i = 0; i < s->nr; i++) {
		struct strbuf path = STRBUF_INIT;
		struct ss_error e2;
		ss_error_init(&e2);
		if (s->keys[i].default_value &&
		    validate_value(&s->keys[i], s->keys[i].default_value, &e2, NULL)) {
			ret = ss_error_set(err, SS_ERR_INPUT, filename, 0, 0, "keys[%zu].default: %s",
					   i, e2.msg);
			goto out;
		}
		strbuf_addf(&path, "keys[%zu].ask_when", i);
		ret = s->keys[i].ask_when ? answers_check_conditions(s, s->keys[i].ask_when,
								     filename, path.buf, err)
					  : 0;
		strbuf_release(&path);
		if (ret)
			goto out;
	}
out:
	cJSON_Delete(root);
	if (ret)
		answers_schema_release(s);
	return ret;
}

int answers_schema_load(struct answer_schema *s, const struct tstore *ts, struct ss_error *err)
{
	struct strbuf text = STRBUF_INIT, origin = STRBUF_INIT;
	int ret;

	answers_schema_release(s);
	ret = tstore_read(ts, "answers.json", &text, &origin, err);
	if (!ret)
		ret = answers_schema_parse(s, text.buf, text.len, origin.buf, err);
	strbuf_release(&text);
	strbuf_release(&origin);
	return ret;
}

/* ---------------------------------------------------------- validation */

static int invalid(struct ss_error *err, const char *filename, const struct answer_key *k,
		   const char *why)
{
	return ss_error_set(err, SS_ERR_INPUT, filename, 0, 0, "invalid value for '%s': %s",
			    k->key, why);
}

static int check_string(const struct answer_key *k, const char *grammar, const cJSON *v,
			const char *what, struct ss_error *err, const char *filename)
{
	struct strbuf why = STRBUF_INIT;
	int ret = 0;
	if (!cJSON_IsString(v)) {
		strbuf_addf(&why, "%s must be a string", what ? what : "the value");
		ret = invalid(err, filename, k, why.buf);
		goto out;
	}
	if (answers_grammar_check(grammar, v->valuestring, &why)) {
		struct strbuf msg = STRBUF_INIT;
		if (what)
			strbuf_addf(&msg, "%s ", what);
		strbuf_addbuf(&msg, &why);
		ret = invalid(err, filename, k, msg.buf);
		strbuf_release(&msg);
	}
out:
	strbuf_release(&why);
	return ret;
}

/*
 * A command that starts a development server (flask run, manage.py
 * runserver, anything with --reload) never belongs in an image's CMD.
 */
static int dev_server(const cJSON *argv, struct strbuf *why)
{
	const cJSON *it, *prev = NULL;
	cJSON_ArrayForEach(it, argv) {
		const char *a = it->valuestring;
		if (!strcmp(a, "runserver") || !strcmp(a, "--reload") ||
		    !strncmp(a, "--reload=", 9) ||
		    (!strcmp(a, "run") && prev && strstr(prev->valuestring, "flask")) ||
		    (!strcmp(a, "dev") && prev && strstr(prev->valuestring, "fastapi"))) {
			strbuf_addf(why, "'%s' starts a development server; use gunicorn or uvicorn",
				    a);
			return 1;
		}
		prev = it;
	}
	return 0;
}

static int validate_value(const struct answer_key *k, const cJSON *v, struct ss_error *err,
			  const char *filename)
{
	struct strbuf why = STRBUF_INIT;
	const cJSON *it;
	size_t i = 0;
	int ret = 0;

	if (cJSON_IsNull(v) && k->optional)
		goto out;
	if (!strcmp(k->type, "string")) {
		ret = check_string(k, k->grammar, v, NULL, err, filename);
	} else if (!strcmp(k->type, "int")) {
		double d = cJSON_IsNumber(v) ? v->valuedouble : 0.5;
		if (!whole_number(v, -1e15, 1e15)) {
			ret = invalid(err, filename, k, "expected a whole number");
		} else if ((long)d < k->minimum || (long)d > k->maximum) {
			strbuf_addf(&why, "%ld is out of range %ld-%ld", (long)d, k->minimum,
				    k->maximum);
			ret = invalid(err, filename, k, why.buf);
		}
	} else if (!strcmp(k->type, "bool")) {
		if (!cJSON_IsBool(v))
			ret = invalid(err, filename, k, "expected true or false");
	} else if (!strcmp(k->type, "enum")) {
		if (!cJSON_IsString(v)) {
			ret = invalid(err, filename, k, "expected a string");
			goto out;
		}
		for (i = 0; i < k->nchoices; i++)
			if (!strcmp(k->choices[i], v->valuestring))
				goto out;
		if (bad_control(v->valuestring, &why)) {
			ret = invalid(err, filename, k, why.buf);
			goto out;
		}
		strbuf_addf(&why, "'%s' is not one of", v->valuestring);
		for (i = 0; i < k->nchoices; i++)
			strbuf_addf(&why, "%s %s", i ? "," : "", k->choices[i]);
		ret = invalid(err, filename, k, why.buf);
	} else if (!strcmp(k->type, "argv")) {
		if (!cJSON_IsArray(v) || !cJSON_GetArraySize(v)) {
			ret = invalid(err, filename, k,
				      "expected a non-empty array of strings (program and arguments)");
			goto out;
		}
		if (cJSON_GetArraySize(v) > ARGV_MAX_ITEMS) {
			strbuf_addf(&why, "more than %d arguments", ARGV_MAX_ITEMS);
			ret = invalid(err, filename, k, why.buf);
			goto out;
		}
		cJSON_ArrayForEach(it, v) {
			strbuf_reset(&why);
			strbuf_addf(&why, "argument %zu", i + 1);
			if ((ret = check_string(k, "argv-item", it, why.buf, err, filename)))
				goto out;
			i++;
		}
		if (k->grammar && !strcmp(k->grammar, "command")) {
			strbuf_reset(&why);
			if (dev_server(v, &why))
				ret = invalid(err, filename, k, why.buf);
		}
	} else if (!strcmp(k->type, "object")) {
		if (!cJSON_IsObject(v)) {
			ret = invalid(err, filename, k, "expected an object");
			goto out;
		}
		cJSON_ArrayForEach(it, v) {
			const cJSON *x;
			size_t f;
			for (f = 0; f < k->nfields; f++)
				if (!strcmp(k->fields[f], it->string))
					break;
			if (f == k->nfields) {
				strbuf_addstr(&why, "unknown field '");
				if (bad_control(it->string, &why) || strlen(it->string) > 40)
					strbuf_addstr(&why, "...");
				else
					strbuf_addstr(&why, it->string);
				strbuf_addstr(&why, "'");
				ret = invalid(err, filename, k, why.buf);
				goto out;
			}
			if (!cJSON_IsArray(it) || cJSON_GetArraySize(it) > LIST_MAX_ITEMS) {
				strbuf_addf(&why, "'%s' must be an array of at most %d strings",
					    k->fields[f], LIST_MAX_ITEMS);
				ret = invalid(err, filename, k, why.buf);
				goto out;
			}
			i = 0;
			cJSON_ArrayForEach(x, it) {
				strbuf_reset(&why);
				strbuf_addf(&why, "%s[%zu]", k->fields[f], i++);
				if ((ret = check_string(k, k->item_grammar, x, why.buf, err,
							filename)))
					goto out;
			}
		}
	} else {
		ret = invalid(err, filename, k, "the schema gives it an unknown type");
	}
out:
	strbuf_release(&why);
	return ret;
}

int answers_validate_one(const struct answer_schema *s, const char *key, const cJSON *value,
			 struct ss_error *err)
{
	const struct answer_key *k = answers_schema_find(s, key);
	if (!k)
		return ss_error_set(err, SS_ERR_INPUT, NULL, 0, 0, "unknown answer key '%s'", key);
	return validate_value(k, value, err, NULL);
}

static int is_set(const cJSON *v)
{
	return v && !cJSON_IsNull(v) && !(cJSON_IsString(v) && !*v->valuestring);
}

int answers_validate(const struct answer_schema *s, const cJSON *answers, const char *filename,
		     struct ss_error *err)
{
	const cJSON *a, *ver, *patch;
	int ret = 0;

	if (!cJSON_IsObject(answers))
		return ss_error_set(err, SS_ERR_INPUT, filename, 0, 0,
				    "answers must be a JSON object");
	cJSON_ArrayForEach(a, answers) {
		const struct answer_key *k = answers_schema_find(s, a->string);
		if (!k) {
			struct strbuf why = STRBUF_INIT;
			if (bad_control(a->string, &why) || strlen(a->string) > 60)
				ret = ss_error_set(err, SS_ERR_INPUT, filename, 0, 0,
						   "unknown answer key (%s)",
						   why.len ? why.buf : "too long");
			else
				ret = ss_error_set(err, SS_ERR_INPUT, filename, 0, 0,
						   "unknown answer key '%s'", a->string);
			strbuf_release(&why);
			return ret;
		}
		if ((ret = validate_value(k, a, err, filename)))
			return ret;
	}
	/* a patch pin must belong to the chosen minor version */
	ver = cJSON_GetObjectItemCaseSensitive(answers, "python_version");
	patch = cJSON_GetObjectItemCaseSensitive(answers, "python_patch");
	if (is_set(ver) && is_set(patch) && cJSON_IsString(ver) && cJSON_IsString(patch)) {
		size_t n = strlen(ver->valuestring);
		if (strncmp(patch->valuestring, ver->valuestring, n) ||
		    patch->valuestring[n] != '.')
			return ss_error_set(err, SS_ERR_INPUT, filename, 0, 0,
					    "invalid value for 'python_patch': '%s' is not a release of Python %s",
					    patch->valuestring, ver->valuestring);
	}
	return 0;
}

int answers_conditions_hold(const cJSON *cond, const cJSON *answers)
{
	const cJSON *c, *v;
	if (!cond || !answers)
		return 1;
	cJSON_ArrayForEach(c, cond) {
		const cJSON *a = cJSON_GetObjectItemCaseSensitive(answers, c->string);
		int match = 0;
		if (cJSON_IsBool(c)) {
			if (is_set(a) != cJSON_IsTrue(c))
				return 0;
			continue;
		}
		if (!a)
			return 0;
		cJSON_ArrayForEach(v, c) {
			if (cJSON_IsString(v) && cJSON_IsString(a) &&
			    !strcmp(v->valuestring, a->valuestring))
				match = 1;
			else if (cJSON_IsBool(v) && cJSON_IsBool(a) &&
				 cJSON_IsTrue(v) == cJSON_IsTrue(a))
				match = 1;
			else if (cJSON_IsNumber(v) && cJSON_IsNumber(a) &&
				 v->valuedouble == a->valuedouble)
				match = 1;
			if (match)
				break;
		}
		if (!match)
			return 0;
	}
	return 1;
}

int answers_key_relevant(const struct answer_key *k, const cJSON *answers)
{
	return answers_conditions_hold(k->ask_when, answers);
}

int answers_check_complete(const struct answer_schema *s, const cJSON *answers, int tier,
			   const char *filename, struct ss_error *err)
{
	for (size_t i = 0; i < s->nr; i++) {
		const struct answer_key *k = &s->keys[i];
		if (!k->required || k->tier > tier || !answers_key_relevant(k, answers))
			continue;
		if (!is_set(cJSON_GetObjectItemCaseSensitive(answers, k->key)))
			return ss_error_set(err, SS_ERR_INPUT, filename, 0, 0,
					    "missing answer for '%s' (needed from tier %d): %s",
					    k->key, k->tier, k->prompt);
	}
	return 0;
}

cJSON *answers_with_defaults(const struct answer_schema *s, const cJSON *answers)
{
	cJSON *out = answers && cJSON_IsObject(answers) ? cJSON_Duplicate(answers, 1)
							 : cJSON_CreateObject();
	if (!out)
		xalloc_die("cJSON object", sizeof(cJSON));
	for (size_t i = 0; i < s->nr; i++) {
		const struct answer_key *k = &s->keys[i];
		if (k->default_value && !cJSON_GetObjectItemCaseSensitive(out, k->key))
			cJSON_AddItemToObject(out, k->key, cJSON_Duplicate(k->default_value, 1));
	}
	return out;
}

int answers_load_file(const struct answer_schema *s, const char *path, cJSON **out,
		      struct ss_error *err)
{
	struct strbuf text = STRBUF_INIT;
	cJSON *j = NULL;
	int ret;

	*out = NULL;
	if ((ret = fs_read_file(path, FS_DEFAULT_CAP, &text, err)))
		goto out;
	if ((ret = answers_parse_json(text.buf, text.len, path, &j, err)))
		goto out;
	if ((ret = answers_validate(s, j, path, err)))
		goto out;
	*out = j;
	j = NULL;
out:
	cJSON_Delete(j);
	strbuf_release(&text);
	return ret;
}

/* ---------------------------------------------------------- text input */

/* Split text shell-style into words. Returns 0, or an error reason in why. */
static int split_words(const char *t, cJSON *arr, struct strbuf *why)
{
	struct strbuf w = STRBUF_INIT;
	int have = 0, ret = 0;

	for (;;) {
		char c = *t;
		if (!c || c == ' ' || c == '\t') {
			if (have) {
				cJSON_AddItemToArray(arr, cJSON_CreateString(w.buf));
				strbuf_reset(&w);
				have = 0;
			}
			if (!c)
				break;
			t++;
			continue;
		}
		have = 1;
		if (c == '\'') {
			const char *e = strchr(t + 1, '\'');
			if (!e) {
				strbuf_addstr(why, "has an unterminated ' quote");
				ret = SS_ERR_INPUT;
				goto out;
			}
			strbuf_add(&w, t + 1, (size_t)(e - t - 1));
			t = e + 1;
		} else if (c == '"') {
			t++;
			while (*t && *t != '"') {
				if (*t == '\\' && t[1] && strchr("\"\\$`", t[1]))
					t++;
				strbuf_addch(&w, *t++);
			}
			if (!*t) {
				strbuf_addstr(why, "has an unterminated \" quote");
				ret = SS_ERR_INPUT;
				goto out;
			}
			t++;
		} else if (c == '\\') {
			if (!t[1]) {
				strbuf_addstr(why, "ends with a backslash");
				ret = SS_ERR_INPUT;
				goto out;
			}
			strbuf_addch(&w, t[1]);
			t += 2;
		} else {
			strbuf_addch(&w, c);
			t++;
		}
	}
out:
	strbuf_release(&w);
	return ret;
}

static char *trimmed(const char *text)
{
	const char *b = text, *e;
	while (*b == ' ' || *b == '\t')
		b++;
	e = b + strlen(b);
	while (e > b && (e[-1] == ' ' || e[-1] == '\t'))
		e--;
	return xstrndup(b, (size_t)(e - b));
}

static int parse_object_text(const struct answer_key *k, const char *t, cJSON *obj,
			     struct strbuf *why)
{
	for (size_t f = 0; f < k->nfields; f++)
		cJSON_AddItemToObject(obj, k->fields[f], cJSON_CreateArray());
	while (*t) {
		const char *semi = strchr(t, ';'), *colon;
		size_t n = semi ? (size_t)(semi - t) : strlen(t);
		char *part = xstrndup(t, n), *name, *items;
		cJSON *arr;
		int ret = 0;

		colon = strchr(part, ':');
		if (!colon) {
			name = trimmed(part);
			if (*name) {
				strbuf_addf(why, "expected 'FIELD: item item ...' (fields:");
				for (size_t f = 0; f < k->nfields; f++)
					strbuf_addf(why, " %s", k->fields[f]);
				strbuf_addch(why, ')');
				ret = SS_ERR_INPUT;
			}
			free(name);
			free(part);
			if (ret)
				return ret;
			t += n + (semi ? 1 : 0);
			continue;
		}
		part[colon - part] = '\0';
		name = trimmed(part);
		arr = cJSON_GetObjectItemCaseSensitive(obj, name);
		if (!arr) {
			strbuf_addf(why, "unknown field '%.40s'", name);
			free(name);
			free(part);
			return SS_ERR_INPUT;
		}
		items = part + (colon - part) + 1;
		for (char *tok = items; *tok;) {
			size_t len;
			tok += strspn(tok, " \t,");
			len = strcspn(tok, " \t,");
			if (len) {
				char *item = xstrndup(tok, len);
				cJSON_AddItemToArray(arr, cJSON_CreateString(item));
				free(item);
			}
			tok += len;
		}
		free(name);
		free(part);
		t += n + (semi ? 1 : 0);
	}
	return 0;
}

int answers_parse_text(const struct answer_schema *s, const char *key, const char *text,
		       cJSON **value, struct ss_error *err)
{
	const struct answer_key *k = answers_schema_find(s, key);
	struct strbuf why = STRBUF_INIT;
	char *t = NULL;
	cJSON *v = NULL;
	int ret = 0;

	*value = NULL;
	if (!k) {
		ret = ss_error_set(err, SS_ERR_INPUT, NULL, 0, 0, "unknown answer key '%s'", key);
		goto out;
	}
	if (bad_control(text, &why)) {
		ret = invalid(err, NULL, k, why.buf);
		goto out;
	}
	t = trimmed(text);
	if (!*t && k->optional) {
		v = cJSON_CreateNull();
	} else if (!strcmp(k->type, "string") || !strcmp(k->type, "enum")) {
		v = cJSON_CreateString(t);
	} else if (!strcmp(k->type, "int")) {
		char *end;
		long n;
		errno = 0;
		n = strtol(t, &end, 10);
		if (!*t || *end || errno || !isdigit((unsigned char)t[*t == '-'])) {
			ret = invalid(err, NULL, k, "expected a whole number");
			goto out;
		}
		v = cJSON_CreateNumber((double)n);
	} else if (!strcmp(k->type, "bool")) {
		static const char *const yes[] = {"y", "yes", "true", "1", "on"};
		static const char *const no[] = {"n", "no", "false", "0", "off"};
		for (size_t i = 0; !v && i < 5; i++) {
			if (!strcasecmp(t, yes[i]))
				v = cJSON_CreateBool(1);
			else if (!strcasecmp(t, no[i]))
				v = cJSON_CreateBool(0);
		}
		if (!v) {
			ret = invalid(err, NULL, k, "expected yes or no");
			goto out;
		}
	} else if (!strcmp(k->type, "argv")) {
		v = cJSON_CreateArray();
		if (split_words(t, v, &why)) {
			ret = invalid(err, NULL, k, why.buf);
			goto out;
		}
	} else if (!strcmp(k->type, "object")) {
		v = cJSON_CreateObject();
		if (parse_object_text(k, t, v, &why)) {
			ret = invalid(err, NULL, k, why.buf);
			goto out;
		}
	}
	if (!v) {
		ret = invalid(err, NULL, k, "the schema gives it an unknown type");
		goto out;
	}
	if ((ret = validate_value(k, v, err, NULL)))
		goto out;
	*value = v;
	v = NULL;
out:
	cJSON_Delete(v);
	free(t);
	strbuf_release(&why);
	return ret;
}

static void add_word(struct strbuf *out, const char *w)
{
	if (*w && !strpbrk(w, " \t'\"\\$`"))
		strbuf_addstr(out, w);
	else if (!strchr(w, '\''))
		strbuf_addf(out, "'%s'", w);
	else {
		strbuf_addch(out, '"');
		for (; *w; w++) {
			if (strchr("\"\\$`", *w))
				strbuf_addch(out, '\\');
			strbuf_addch(out, *w);
		}
		strbuf_addch(out, '"');
	}
}

void answers_format_text(const struct answer_key *k, const cJSON *value, struct strbuf *out)
{
	const cJSON *it;
	int first = 1;

	if (!value || cJSON_IsNull(value))
		return;
	if (cJSON_IsString(value)) {
		strbuf_addstr(out, value->valuestring);
	} else if (cJSON_IsBool(value)) {
		strbuf_addstr(out, cJSON_IsTrue(value) ? "yes" : "no");
	} else if (cJSON_IsNumber(value)) {
		strbuf_addf(out, "%ld", (long)value->valuedouble);
	} else if (cJSON_IsArray(value)) {
		cJSON_ArrayForEach(it, value) {
			if (!first)
				strbuf_addch(out, ' ');
			first = 0;
			if (cJSON_IsString(it))
				add_word(out, it->valuestring);
		}
	} else if (cJSON_IsObject(value)) {
		for (size_t f = 0; f < k->nfields; f++) {
			const cJSON *arr = cJSON_GetObjectItemCaseSensitive(value, k->fields[f]);
			strbuf_addf(out, "%s%s:", f ? "; " : "", k->fields[f]);
			cJSON_ArrayForEach(it, arr) {
				if (cJSON_IsString(it))
					strbuf_addf(out, " %s", it->valuestring);
			}
		}
	}
}
