/*
 * reqs: pip requirements files. See the header for what is understood.
 *
 * Physical lines are joined at a trailing backslash first, then comments
 * are removed (a '#' at the start or after a blank), as pip does. Each
 * logical line is then either a global option, an include, or a
 * requirement followed by per-requirement options.
 */
#include "shipshape/reqs.h"

#include <stdlib.h>
#include <string.h>

#include "shipshape/fsutil.h"
#include "shipshape/xalloc.h"

#define REQS_DEFAULT_CAP (1024u * 1024u)

void reqs_init(struct reqs *r)
{
	memset(r, 0, sizeof(*r));
}

static void req_free_fields(struct req *q)
{
	free(q->name);
	free(q->canonical);
	free(q->extras);
	free(q->specifier);
	free(q->marker);
	free(q->url);
	free(q->file);
}

void reqs_release(struct reqs *r)
{
	size_t i;

	if (!r)
		return;
	for (i = 0; i < r->nr; i++)
		req_free_fields(&r->items[i]);
	free(r->items);
	for (i = 0; i < r->noptions; i++) {
		free(r->options[i].name);
		free(r->options[i].value);
		free(r->options[i].file);
	}
	free(r->options);
	for (i = 0; i < r->nincludes; i++) {
		free(r->includes[i].path);
		free(r->includes[i].file);
	}
	free(r->includes);
	for (i = 0; i < r->nfiles; i++)
		free(r->files[i]);
	free(r->files);
	free(r->compiled_file);
	reqs_init(r);
}

static int is_space(char c)
{
	return c == ' ' || c == '\t' || c == '\r' || c == '\f' || c == '\v';
}

static int is_alnum(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
}

static int is_name_char(char c)
{
	return is_alnum(c) || c == '.' || c == '_' || c == '-';
}

void reqs_canonical_name(const char *name, size_t len, struct strbuf *out)
{
	size_t i;
	int sep = 0;

	strbuf_reset(out);
	for (i = 0; i < len; i++) {
		char c = name[i];
		if (c == '-' || c == '_' || c == '.') {
			sep = 1;
			continue;
		}
		if (sep && out->len)
			strbuf_addch(out, '-');
		sep = 0;
		if (c >= 'A' && c <= 'Z')
			c = (char)(c - 'A' + 'a');
		strbuf_addch(out, c);
	}
}

/* Record the first error only; later problems are dropped. */
static int note_error(int *ret, struct ss_error *err, const char *file, int line, int col,
		      const char *what, const char *text, size_t len)
{
	if (*ret == 0) {
		if (len > 80)
			len = 80;
		*ret = ss_error_set(err, SS_ERR_INPUT, file, line, col, "%s '%.*s'", what,
				    (int)len, text);
	}
	return *ret;
}

static void add_option(struct reqs *r, const char *name, const char *value, size_t vlen,
		       const char *file, int line)
{
	struct reqs_option *o;

	ALLOC_GROW(r->options, r->noptions + 1, r->options_alloc);
	o = &r->options[r->noptions++];
	o->name = xstrdup(name);
	o->value = value ? xstrndup(value, vlen) : NULL;
	o->file = xstrdup(file);
	o->line = line;
}

static void add_include(struct reqs *r, const char *path, size_t plen, int constraint,
			const char *file, int line)
{
	struct reqs_include *inc;

	ALLOC_GROW(r->includes, r->nincludes + 1, r->includes_alloc);
	inc = &r->includes[r->nincludes++];
	inc->path = xstrndup(path, plen);
	inc->constraint = constraint;
	inc->file = xstrdup(file);
	inc->line = line;
}

static struct req *new_req(struct reqs *r, const char *file, int line)
{
	struct req *q;

	ALLOC_GROW(r->items, r->nr + 1, r->alloc);
	q = &r->items[r->nr++];
	memset(q, 0, sizeof(*q));
	q->file = xstrdup(file);
	q->line = line;
	return q;
}

static void set_name(struct req *q, const char *name, size_t len)
{
	struct strbuf sb = STRBUF_INIT;

	free(q->name);
	free(q->canonical);
	q->name = xstrndup(name, len);
	reqs_canonical_name(name, len, &sb);
	q->canonical = strbuf_detach(&sb, NULL);
}

/* A valid PEP 508 project name: alnum at both ends, alnum/._- inside. */
static int valid_name(const char *s, size_t len)
{
	size_t i;

	if (!len || !is_alnum(s[0]) || !is_alnum(s[len - 1]))
		return 0;
	for (i = 0; i < len; i++)
		if (!is_name_char(s[i]))
			return 0;
	return 1;
}

/* Name from "...#egg=NAME" or "...&egg=NAME", else from a wheel/sdist file name. */
static void name_from_url(struct req *q, const char *url, size_t len)
{
	size_t i, start, end;
	const char *base;

	for (i = 0; i + 4 <= len; i++) {
		if ((url[i] == '#' || url[i] == '&') && i + 5 <= len && !memcmp(url + i + 1, "egg=", 4)) {
			start = i + 5;
			end = start;
			while (end < len && is_name_char(url[end]))
				end++;
			if (valid_name(url + start, end - start))
				set_name(q, url + start, end - start);
			return;
		}
	}
	/* file name: last path component */
	base = url;
	for (i = 0; i < len; i++)
		if (url[i] == '/')
			base = url + i + 1;
	end = (size_t)(url + len - base);
	if ((end > 4 && !memcmp(base + end - 4, ".whl", 4)) ||
	    (end > 7 && !memcmp(base + end - 7, ".tar.gz", 7)) ||
	    (end > 4 && !memcmp(base + end - 4, ".zip", 4))) {
		for (i = 0; i < end && base[i] != '-'; i++)
			;
		if (i < end && valid_name(base, i))
			set_name(q, base, i);
	}
}

static int looks_like_url_or_path(const char *s, size_t len)
{
	size_t i;

	if (len && (s[0] == '.' || s[0] == '/' || s[0] == '~'))
		return 1;
	for (i = 0; i + 3 <= len; i++) {
		if (!memcmp(s + i, "://", 3))
			return 1;
		if (!is_name_char(s[i]) && s[i] != '+')
			break;
	}
	if (len > 4 && (!memcmp(s + len - 4, ".whl", 4) || !memcmp(s + len - 4, ".zip", 4)))
		return 1;
	if (len > 7 && !memcmp(s + len - 7, ".tar.gz", 7))
		return 1;
	return 0;
}

/* ">=1.0, <2" -> ">=1.0,<2"; 0 when malformed. */
static int parse_specifier(const char *s, size_t len, struct strbuf *out)
{
	static const char *const ops[] = {"===", "~=", "==", "!=", "<=", ">=", "<", ">", NULL};
	size_t i = 0;

	strbuf_reset(out);
	if (len >= 2 && s[0] == '(' && s[len - 1] == ')') {
		s++;
		len -= 2;
	}
	for (;;) {
		size_t k, vstart;
		while (i < len && is_space(s[i]))
			i++;
		if (i >= len)
			return out->len > 0;
		for (k = 0; ops[k]; k++) {
			size_t ol = strlen(ops[k]);
			if (i + ol <= len && !memcmp(s + i, ops[k], ol))
				break;
		}
		if (!ops[k])
			return 0;
		strbuf_addstr(out, ops[k]);
		i += strlen(ops[k]);
		while (i < len && is_space(s[i]))
			i++;
		vstart = i;
		while (i < len && (is_alnum(s[i]) || strchr(".*+!_-", s[i])))
			i++;
		if (i == vstart)
			return 0;
		strbuf_add(out, s + vstart, i - vstart);
		while (i < len && is_space(s[i]))
			i++;
		if (i >= len)
			return 1;
		if (s[i] != ',')
			return 0;
		strbuf_addch(out, ',');
		i++;
	}
}

static char *trimmed_dup(const char *s, size_t len)
{
	while (len && is_space(*s)) {
		s++;
		len--;
	}
	while (len && is_space(s[len - 1]))
		len--;
	return len ? xstrndup(s, len) : NULL;
}

/* Parse "name[extras] spec ; marker" or "name[extras] @ url ; marker". */
static int parse_requirement(struct reqs *r, const char *s, size_t len, const char *file,
			     int line, struct ss_error *err, int *ret)
{
	struct strbuf spec = STRBUF_INIT;
	struct req *q;
	size_t i = 0, nstart, nend, semi, nitems = r->nr;
	int bad = 0;

	if (looks_like_url_or_path(s, len)) {
		size_t end = len, m;
		/* a marker after " ;" */
		for (m = 0; m + 1 < len; m++)
			if (is_space(s[m]) && s[m + 1] == ';') {
				end = m;
				break;
			}
		q = new_req(r, file, line);
		q->url = trimmed_dup(s, end);
		if (end < len)
			q->marker = trimmed_dup(s + end + 2, len - end - 2);
		if (q->url)
			name_from_url(q, q->url, strlen(q->url));
		goto out;
	}
	nstart = i;
	while (i < len && is_name_char(s[i]))
		i++;
	nend = i;
	if (!valid_name(s + nstart, nend - nstart)) {
		bad = 1, note_error(ret, err, file, line, 1, "invalid requirement", s, len);
		goto out;
	}
	q = new_req(r, file, line);
	set_name(q, s + nstart, nend - nstart);
	while (i < len && is_space(s[i]))
		i++;
	if (i < len && s[i] == '[') {
		struct strbuf ex = STRBUF_INIT;
		size_t close = i + 1;
		while (close < len && s[close] != ']')
			close++;
		if (close >= len) {
			bad = 1, note_error(ret, err, file, line, (int)i + 1, "unclosed extras in", s, len);
			strbuf_release(&ex);
			goto out;
		}
		for (size_t k = i + 1; k < close; k++) {
			if (is_space(s[k]))
				continue;
			if (!is_name_char(s[k]) && s[k] != ',') {
				bad = 1, note_error(ret, err, file, line, (int)k + 1, "invalid extras in", s, len);
				strbuf_release(&ex);
				goto out;
			}
			strbuf_addch(&ex, s[k]);
		}
		q->extras = ex.len ? strbuf_detach(&ex, NULL) : NULL;
		strbuf_release(&ex);
		i = close + 1;
		while (i < len && is_space(s[i]))
			i++;
	}
	if (i < len && s[i] == '@') {
		size_t ustart = ++i, end = len, m;
		for (m = ustart; m + 1 < len; m++)
			if (is_space(s[m]) && s[m + 1] == ';') {
				end = m;
				break;
			}
		q->url = trimmed_dup(s + ustart, end - ustart);
		if (!q->url)
			bad = 1, note_error(ret, err, file, line, (int)ustart, "missing URL after '@' in", s, len);
		if (end < len)
			q->marker = trimmed_dup(s + end + 2, len - end - 2);
		goto out;
	}
	for (semi = i; semi < len && s[semi] != ';'; semi++)
		;
	if (semi > i) {
		size_t slen = semi - i;
		while (slen && is_space(s[i + slen - 1]))
			slen--;
		if (slen) {
			if (!parse_specifier(s + i, slen, &spec)) {
				bad = 1, note_error(ret, err, file, line, (int)i + 1, "invalid version specifier",
					   s + i, slen);
				goto out;
			}
			q->specifier = strbuf_detach(&spec, NULL);
		}
	}
	if (semi < len) {
		q->marker = trimmed_dup(s + semi + 1, len - semi - 1);
		if (!q->marker)
			bad = 1, note_error(ret, err, file, line, (int)semi + 1, "empty marker in", s, len);
	}
out:
	if (bad && r->nr > nitems) {
		/* a bad line leaves nothing behind */
		req_free_fields(&r->items[--r->nr]);
	}
	strbuf_release(&spec);
	return bad ? SS_ERR_INPUT : 0;
}

/* Options that take a value, by long name; short aliases mapped below. */
static const char *const value_opts[] = {"requirement", "constraint", "editable", "index-url",
					 "extra-index-url", "find-links", "no-binary",
					 "only-binary", "trusted-host", "use-feature", "hash",
					 "global-option", "install-option", "config-settings",
					 "progress-bar", NULL};
static const char *const flag_opts[] = {"require-hashes", "pre", "prefer-binary", "no-index",
					"no-deps", "upgrade", NULL};

static int in_list(const char *const *list, const char *s, size_t len)
{
	for (size_t i = 0; list[i]; i++)
		if (strlen(list[i]) == len && !memcmp(list[i], s, len))
			return 1;
	return 0;
}

static const char *short_opt(char c)
{
	switch (c) {
	case 'r': return "requirement";
	case 'c': return "constraint";
	case 'e': return "editable";
	case 'i': return "index-url";
	case 'f': return "find-links";
	case 'C': return "config-settings";
	default: return NULL;
	}
}

/*
 * Split the next option at s[*pos]: sets name/value (value may be NULL).
 * Returns 1 on success, 0 for an unknown option or a missing value.
 */
static int next_option(const char *s, size_t len, size_t *pos, struct strbuf *name,
		       const char **val, size_t *vlen)
{
	size_t i = *pos, start;
	int has_value;

	strbuf_reset(name);
	*val = NULL;
	*vlen = 0;
	if (i + 1 < len && s[i + 1] == '-') {
		start = i + 2;
		i = start;
		while (i < len && !is_space(s[i]) && s[i] != '=')
			i++;
		strbuf_add(name, s + start, i - start);
	} else {
		const char *l = i + 1 < len ? short_opt(s[i + 1]) : NULL;
		if (!l)
			return 0;
		strbuf_addstr(name, l);
		i += 2;
		if (i < len && !is_space(s[i])) { /* -rfile */
			start = i;
			while (i < len && !is_space(s[i]))
				i++;
			*val = s + start;
			*vlen = i - start;
			*pos = i;
			return 1;
		}
	}
	has_value = in_list(value_opts, name->buf, name->len);
	if (!has_value && !in_list(flag_opts, name->buf, name->len))
		return 0;
	if (has_value) {
		if (i < len && s[i] == '=')
			i++;
		else
			while (i < len && is_space(s[i]))
				i++;
		start = i;
		while (i < len && !is_space(s[i]))
			i++;
		if (i == start)
			return 0;
		*val = s + start;
		*vlen = i - start;
	} else if (i < len && s[i] == '=') {
		return 0;
	}
	*pos = i;
	return 1;
}

static void parse_logical(struct reqs *r, const char *s, size_t len, const char *file, int line,
			  struct ss_error *err, int *ret)
{
	struct strbuf name = STRBUF_INIT;
	const char *val;
	size_t vlen, i = 0, req_end;
	size_t nitems = r->nr;

	while (len && is_space(s[len - 1]))
		len--;
	while (i < len && is_space(s[i]))
		i++;
	if (i >= len)
		goto out;
	if (s[i] == '-') {
		/* global option lines: one option (pip allows several; we read them all) */
		while (i < len) {
			if (s[i] != '-' || !next_option(s, len, &i, &name, &val, &vlen)) {
				note_error(ret, err, file, line, (int)i + 1, "unknown option in", s, len);
				goto out;
			}
			if (!strcmp(name.buf, "requirement") || !strcmp(name.buf, "constraint")) {
				add_include(r, val, vlen, name.buf[0] == 'c', file, line);
			} else if (!strcmp(name.buf, "editable")) {
				struct req *q = new_req(r, file, line);
				q->editable = 1;
				q->url = xstrndup(val, vlen);
				name_from_url(q, val, vlen);
			} else if (!strcmp(name.buf, "hash")) {
				note_error(ret, err, file, line, (int)i + 1,
					   "--hash without a requirement in", s, len);
				goto out;
			} else {
				add_option(r, name.buf, val, vlen, file, line);
			}
			while (i < len && is_space(s[i]))
				i++;
		}
		goto out;
	}
	/* requirement up to the first " -" option */
	req_end = len;
	for (size_t k = i; k + 1 < len; k++)
		if (is_space(s[k]) && s[k + 1] == '-' && k + 2 < len &&
		    (s[k + 2] == '-' || short_opt(s[k + 2]))) {
			req_end = k;
			break;
		}
	if (parse_requirement(r, s + i, req_end - i, file, line, err, ret) || r->nr == nitems)
		goto out;
	i = req_end;
	while (i < len) {
		while (i < len && is_space(s[i]))
			i++;
		if (i >= len)
			break;
		if (s[i] != '-' || !next_option(s, len, &i, &name, &val, &vlen)) {
			note_error(ret, err, file, line, (int)i + 1, "unknown option in", s, len);
			goto out;
		}
		if (!strcmp(name.buf, "hash")) {
			if (vlen < 8 || !memchr(val, ':', vlen)) {
				note_error(ret, err, file, line, (int)i + 1, "invalid hash", val, vlen);
				goto out;
			}
			r->items[r->nr - 1].nhashes++;
		} else if (strcmp(name.buf, "global-option") && strcmp(name.buf, "install-option") &&
			   strcmp(name.buf, "config-settings")) {
			note_error(ret, err, file, line, (int)i + 1,
				   "option not allowed after a requirement in", s, len);
			goto out;
		}
	}
out:
	strbuf_release(&name);
}

static int contains(const char *s, size_t len, const char *needle)
{
	size_t n = strlen(needle);
	for (size_t i = 0; i + n <= len; i++)
		if (!memcmp(s + i, needle, n))
			return 1;
	return 0;
}

int reqs_parse(struct reqs *r, const char *src, size_t len, const char *filename,
	       struct ss_error *err)
{
	struct strbuf logical = STRBUF_INIT;
	const char *file = filename ? filename : "<requirements>";
	size_t pos = 0;
	int ret = 0, lineno = 0, start_line = 0;

	/* a UTF-8 byte order mark (Windows editors) is not content */
	if (len >= 3 && !memcmp(src, "\xEF\xBB\xBF", 3)) {
		src += 3;
		len -= 3;
	}
	if (len && memchr(src, '\0', len)) {
		ret = ss_error_set(err, SS_ERR_INPUT, file, 0, 0, "binary data in '%s'", file);
		goto out;
	}
	while (pos < len) {
		const char *line = src + pos;
		const char *nl = memchr(line, '\n', len - pos);
		size_t llen = nl ? (size_t)(nl - line) : len - pos;
		int cont = 0;

		pos += llen + (nl ? 1 : 0);
		lineno++;
		if (llen && line[llen - 1] == '\r')
			llen--;
		if (!logical.len)
			start_line = lineno;
		if (llen && line[llen - 1] == '\\') {
			cont = 1;
			llen--;
		}
		strbuf_add(&logical, line, llen);
		if (cont && pos < len)
			continue;
		/* comments: '#' at the start or after a blank */
		for (size_t k = 0; k < logical.len; k++) {
			if (logical.buf[k] == '#' && (k == 0 || is_space(logical.buf[k - 1]))) {
				if (!r->compiled &&
				    (contains(logical.buf + k, logical.len - k, "pip-compile") ||
				     contains(logical.buf + k, logical.len - k, "uv pip compile") ||
				     contains(logical.buf + k, logical.len - k, "autogenerated by uv"))) {
					r->compiled = 1;
					r->compiled_file = xstrdup(file);
					r->compiled_line = start_line;
				}
				strbuf_setlen(&logical, k);
				break;
			}
		}
		parse_logical(r, logical.buf, logical.len, file, start_line, err, &ret);
		strbuf_reset(&logical);
	}
out:
	strbuf_release(&logical);
	return ret;
}

/* Normalise dir(from)/path: collapse "." and ".."; 0 when it leaves the top. */
static int resolve_path(const char *from, const char *path, size_t plen, struct strbuf *out)
{
	struct strbuf joined = STRBUF_INIT;
	const char *slash = strrchr(from, '/');
	size_t i = 0;
	int ok = 1;

	strbuf_reset(out);
	if (slash) {
		strbuf_add(&joined, from, (size_t)(slash - from));
		strbuf_addch(&joined, '/');
	}
	strbuf_add(&joined, path, plen);
	while (i < joined.len) {
		size_t end = i;
		while (end < joined.len && joined.buf[end] != '/')
			end++;
		if (end == i || (end - i == 1 && joined.buf[i] == '.')) {
			/* skip */
		} else if (end - i == 2 && joined.buf[i] == '.' && joined.buf[i + 1] == '.') {
			char *last = out->len ? strrchr(out->buf, '/') : NULL;
			if (!out->len) {
				ok = 0;
				break;
			}
			strbuf_setlen(out, last ? (size_t)(last - out->buf) : 0);
		} else {
			if (out->len)
				strbuf_addch(out, '/');
			strbuf_add(out, joined.buf + i, end - i);
		}
		i = end + 1;
	}
	strbuf_release(&joined);
	return ok && out->len > 0;
}

static int seen_file(const struct reqs *r, const char *path)
{
	for (size_t i = 0; i < r->nfiles; i++)
		if (!strcmp(r->files[i], path))
			return 1;
	return 0;
}

static int load_one(struct reqs *r, const char *path, int constraint, int depth,
		    reqs_read_fn read, void *ctx, struct ss_error *err)
{
	struct strbuf data = STRBUF_INIT, resolved = STRBUF_INIT;
	struct ss_error e2;
	size_t first_item = r->nr, first_inc = r->nincludes, ninc;
	int ret = 0, rc;

	ss_error_init(&e2);
	ALLOC_GROW(r->files, r->nfiles + 1, r->files_alloc);
	r->files[r->nfiles++] = xstrdup(path);
	rc = read ? read(ctx, path, &data, &e2) : fs_read_file(path, REQS_DEFAULT_CAP, &data, &e2);
	if (rc) {
		if (err)
			*err = e2;
		ret = rc;
		goto out;
	}
	ret = reqs_parse(r, data.buf, data.len, path, err);
	if (constraint)
		for (size_t i = first_item; i < r->nr; i++)
			r->items[i].constraint = 1;
	ninc = r->nincludes;
	for (size_t i = first_inc; i < ninc; i++) {
		/* copy: r->includes may move while recursing */
		char *ipath = xstrdup(r->includes[i].path);
		char *ifile = xstrdup(r->includes[i].file);
		int iline = r->includes[i].line, icons = r->includes[i].constraint || constraint;

		if (ipath[0] == '/' || !resolve_path(path, ipath, strlen(ipath), &resolved)) {
			if (!ret)
				ret = ss_error_set(err, SS_ERR_INPUT, ifile, iline, 0,
						   "include '%s' leaves the project", ipath);
		} else if (r->nfiles >= REQS_MAX_FILES && !seen_file(r, resolved.buf)) {
			if (!ret)
				ret = ss_error_set(err, SS_ERR_INPUT, ifile, iline, 0,
						   "too many requirement files at '%s'", ipath);
		} else if (depth + 1 >= REQS_MAX_DEPTH) {
			if (!ret)
				ret = ss_error_set(err, SS_ERR_INPUT, ifile, iline, 0,
						   "includes nested too deeply at '%s'", ipath);
		} else if (!seen_file(r, resolved.buf)) {
			struct ss_error e3;
			ss_error_init(&e3);
			rc = load_one(r, resolved.buf, icons, depth + 1, read, ctx, &e3);
			if (rc && !ret) {
				if (e3.line == 0 && e3.file[0] && !strcmp(e3.file, resolved.buf))
					ret = ss_error_set(err, rc, ifile, iline, 0, "%s", e3.msg);
				else {
					ret = rc;
					if (err)
						*err = e3;
				}
			}
		}
		free(ipath);
		free(ifile);
	}
out:
	strbuf_release(&data);
	strbuf_release(&resolved);
	return ret;
}

int reqs_load(struct reqs *r, const char *relpath, reqs_read_fn read, void *ctx,
	      struct ss_error *err)
{
	struct strbuf norm = STRBUF_INIT;
	int ret;

	if (!resolve_path("", relpath, strlen(relpath), &norm))
		strbuf_addstr(&norm, relpath);
	if (seen_file(r, norm.buf))
		ret = 0;
	else
		ret = load_one(r, norm.buf, 0, 0, read, ctx, err);
	strbuf_release(&norm);
	return ret;
}

const struct req *reqs_find(const struct reqs *r, const char *canonical)
{
	for (size_t i = 0; i < r->nr; i++)
		if (!r->items[i].constraint && r->items[i].canonical &&
		    !strcmp(r->items[i].canonical, canonical))
			return &r->items[i];
	return NULL;
}

int reqs_no_binary(const struct reqs *r, const char *canonical)
{
	struct strbuf sb = STRBUF_INIT;
	int found = 0;

	for (size_t i = 0; i < r->noptions && !found; i++) {
		const char *v = r->options[i].value, *p;
		if (strcmp(r->options[i].name, "no-binary") || !v)
			continue;
		p = v;
		while (*p && !found) {
			const char *e = strchr(p, ',');
			size_t n = e ? (size_t)(e - p) : strlen(p);
			if (n == 5 && !memcmp(p, ":all:", 5))
				found = 1;
			else {
				reqs_canonical_name(p, n, &sb);
				if (!strcmp(sb.buf, canonical))
					found = 1;
			}
			p += n + (e ? 1 : 0);
		}
	}
	strbuf_release(&sb);
	return found;
}
