/*
 * detect_pyver: which Python the project wants.
 *
 * Exact sources (a minor version written down) win over ranges; among
 * exact sources the order is .python-version, .tool-versions, runtime.txt,
 * Pipfile [requires], environment.yml. Ranges (requires-python, Poetry's
 * python constraint, setup.cfg python_requires) are checked against the
 * chosen version, or, when nothing exact exists, pick from
 * templates/python-versions.json the newest minor that satisfies every range
 * and was released more than 12 months before "today" and is still supported
 * then (a younger minor is often not yet covered by the dependencies' wheels
 * and the project's tests; walkthrough F15). When no such minor satisfies the
 * ranges, the newest supported one does; when none is supported, the newest
 * released one. The fact's note says which rule chose it.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "detect_int.h"
#include "shipshape/xalloc.h"

#define VER_INF 1000000

struct pyver_row {
	int major, minor;
	char released[11], eol[11];
};

struct pyver_table {
	struct pyver_row *rows;
	size_t nr;
};

/* Parse "3.12.1" at s: up to 3 numeric parts; *wild set for a trailing ".*". */
static int parse_version(const char *s, size_t len, int parts[3], int *nparts, int *wild)
{
	size_t i = 0;
	int n = 0;

	parts[0] = parts[1] = parts[2] = 0;
	*wild = 0;
	while (i < len && n < 3) {
		long v = 0;
		size_t start = i;
		if (s[i] == '*') {
			*wild = 1;
			i++;
			break;
		}
		while (i < len && s[i] >= '0' && s[i] <= '9' && v < 100000)
			v = v * 10 + (s[i++] - '0');
		if (i == start)
			break;
		parts[n++] = (int)v;
		if (i < len && s[i] == '.')
			i++;
		else
			break;
	}
	*nparts = n;
	return n > 0 || *wild;
}

static int cmp3(const int a[3], const int b[3])
{
	for (int i = 0; i < 3; i++)
		if (a[i] != b[i])
			return a[i] < b[i] ? -1 : 1;
	return 0;
}

/* Does some release of major.minor satisfy "op version"? */
static int clause_allows(const char *op, const int v[3], int nparts, int wild, int major, int minor)
{
	int lo[3] = {major, minor, 0}, hi[3] = {major, minor, VER_INF};

	if (!strcmp(op, ">="))
		return cmp3(hi, v) >= 0;
	if (!strcmp(op, ">"))
		return cmp3(hi, v) > 0;
	if (!strcmp(op, "<="))
		return cmp3(lo, v) <= 0;
	if (!strcmp(op, "<")) {
		if (wild)
			return 1;
		return cmp3(lo, v) < 0;
	}
	if (!strcmp(op, "==") || !strcmp(op, "===") || !strcmp(op, "")) {
		if (nparts == 0)
			return 1; /* "*" */
		if (nparts == 1)
			return wild ? v[0] == major : (v[0] == major && minor == 0);
		return v[0] == major && v[1] == minor;
	}
	if (!strcmp(op, "!=")) {
		if (wild && nparts == 1)
			return v[0] != major;
		if (wild && nparts == 2)
			return !(v[0] == major && v[1] == minor);
		return 1;
	}
	if (!strcmp(op, "~=")) {
		if (cmp3(hi, v) < 0)
			return 0;
		if (nparts <= 2)
			return v[0] == major;
		return v[0] == major && v[1] == minor;
	}
	if (!strcmp(op, "^")) {
		if (cmp3(hi, v) < 0)
			return 0;
		return v[0] == major;
	}
	if (!strcmp(op, "~")) {
		if (cmp3(hi, v) < 0)
			return 0;
		if (nparts <= 1)
			return v[0] == major;
		return v[0] == major && v[1] == minor;
	}
	return 0;
}

int detect_spec_allows(const char *spec, int major, int minor)
{
	static const char *const ops[] = {"===", "~=", "==", "!=", "<=", ">=", "<", ">", "^", "~",
					  NULL};
	size_t i = 0, len = strlen(spec);
	int any_alt = 0, alt_ok = 1, nclauses = 0;

	for (;;) {
		char op[4] = "";
		int v[3], nparts, wild;
		size_t k, start;

		while (i < len && (spec[i] == ' ' || spec[i] == '\t' || spec[i] == ','))
			i++;
		if (i >= len || spec[i] == '|') {
			/* end of one alternative */
			if (!nclauses)
				return -1;
			if (alt_ok)
				any_alt = 1;
			if (i >= len)
				break;
			while (i < len && spec[i] == '|')
				i++;
			alt_ok = 1;
			nclauses = 0;
			continue;
		}
		for (k = 0; ops[k]; k++) {
			size_t ol = strlen(ops[k]);
			if (i + ol <= len && !memcmp(spec + i, ops[k], ol)) {
				memcpy(op, ops[k], ol + 1);
				i += ol;
				break;
			}
		}
		while (i < len && spec[i] == ' ')
			i++;
		start = i;
		while (i < len && (spec[i] == '.' || spec[i] == '*' || (spec[i] >= '0' && spec[i] <= '9') ||
				   (spec[i] >= 'a' && spec[i] <= 'z')))
			i++;
		if (!parse_version(spec + start, i - start, v, &nparts, &wild))
			return -1;
		nclauses++;
		if (!clause_allows(op, v, nparts, wild, major, minor))
			alt_ok = 0;
	}
	return any_alt;
}

static int load_table(struct detect_ctx *c, struct pyver_table *t)
{
	struct strbuf data = STRBUF_INIT;
	struct tstore fallback;
	struct ss_error err;
	cJSON *root = NULL, *vs, *row;
	int ret = -1;

	tstore_init(&fallback);
	ss_error_init(&err);
	if (tstore_read(c->ts ? c->ts : &fallback, "python-versions.json", &data, NULL, &err)) {
		detect_warn(c, "cannot read 'python-versions.json': %s", err.msg);
		goto out;
	}
	root = cJSON_ParseWithLength(data.buf, data.len);
	vs = cJSON_GetObjectItemCaseSensitive(root, "versions");
	if (!cJSON_IsArray(vs)) {
		detect_warn(c, "'python-versions.json' has no 'versions' list");
		goto out;
	}
	t->rows = xcalloc((size_t)cJSON_GetArraySize(vs) + 1, sizeof(*t->rows));
	cJSON_ArrayForEach(row, vs)
	{
		const cJSON *v = cJSON_GetObjectItemCaseSensitive(row, "version");
		const cJSON *r = cJSON_GetObjectItemCaseSensitive(row, "released");
		const cJSON *e = cJSON_GetObjectItemCaseSensitive(row, "end_of_life");
		int parts[3], n, wild;
		struct pyver_row *pr;
		if (!cJSON_IsString(v) || !cJSON_IsString(r) || !cJSON_IsString(e) ||
		    !parse_version(v->valuestring, strlen(v->valuestring), parts, &n, &wild) || n < 2)
			continue;
		pr = &t->rows[t->nr++];
		pr->major = parts[0];
		pr->minor = parts[1];
		snprintf(pr->released, sizeof(pr->released), "%.10s", r->valuestring);
		snprintf(pr->eol, sizeof(pr->eol), "%.10s", e->valuestring);
	}
	ret = 0;
out:
	cJSON_Delete(root);
	strbuf_release(&data);
	tstore_release(&fallback);
	return ret;
}

static const struct pyver_row *find_row(const struct pyver_table *t, int major, int minor)
{
	for (size_t i = 0; i < t->nr; i++)
		if (t->rows[i].major == major && t->rows[i].minor == minor)
			return &t->rows[i];
	return NULL;
}

/* The newest minor released and supported on today (or NULL). */
static const struct pyver_row *newest_supported(const struct detect_ctx *c,
						 const struct pyver_table *t)
{
	const struct pyver_row *best = NULL;
	for (size_t i = 0; i < t->nr; i++) {
		const struct pyver_row *r = &t->rows[i];
		if (strcmp(r->released, c->today) > 0 || strcmp(r->eol, c->today) <= 0)
			continue;
		if (!best || r->major > best->major ||
		    (r->major == best->major && r->minor > best->minor))
			best = r;
	}
	return best;
}

/* "YYYY-MM-DD" a year before today (same month and day), into out[11]. */
static void year_before(const char *today, char out[11])
{
	int y = atoi(today);
	char year[16];
	snprintf(year, sizeof(year), "%04d", y > 0 && y < 10000 ? y - 1 : 0);
	memcpy(out, year, 4);
	memcpy(out + 4, today + 4, 6); /* today is "YYYY-MM-DD" (set_today checks) */
	out[10] = '\0';
}

/* One source of a Python version: exact (a version) or a range (a specifier). */
struct pysrc {
	const char *file;
	int line;
	int exact;
	int major, minor, patch, nparts;
	char text[96]; /* the specifier or version as written */
};

struct pysrcs {
	struct pysrc items[16];
	size_t nr;
};

/* 1 when every range source allows row r (an unreadable range allows, with a warning). */
static int ranges_allow(struct detect_ctx *c, const struct pysrcs *s, const struct pyver_row *r)
{
	for (size_t k = 0; k < s->nr; k++) {
		int a = detect_spec_allows(s->items[k].text, r->major, r->minor);
		if (a < 0) {
			detect_warn(c, "cannot read the python constraint '%s' in '%s'",
				    s->items[k].text, s->items[k].file);
			a = 1;
		}
		if (!a)
			return 0;
	}
	return 1;
}

static void add_exact(struct pysrcs *s, const char *file, int line, const char *text, size_t len)
{
	struct pysrc *p;
	int v[3], n, wild;
	size_t i = 0;

	while (i < len && !(text[i] >= '0' && text[i] <= '9'))
		i++;
	if (s->nr >= 16 || !parse_version(text + i, len - i, v, &n, &wild) || n < 2)
		return;
	p = &s->items[s->nr++];
	memset(p, 0, sizeof(*p));
	p->file = file;
	p->line = line;
	p->exact = 1;
	p->major = v[0];
	p->minor = v[1];
	p->patch = v[2];
	p->nparts = n;
	snprintf(p->text, sizeof(p->text), "%.*s", (int)(len > 80 ? 80 : len), text);
}

static void add_range(struct pysrcs *s, const char *file, int line, const char *spec)
{
	struct pysrc *p;

	if (s->nr >= 16)
		return;
	p = &s->items[s->nr++];
	memset(p, 0, sizeof(*p));
	p->file = file;
	p->line = line;
	snprintf(p->text, sizeof(p->text), "%.80s", spec);
}

/* Lines of a small text file: calls back with each trimmed, non-comment line. */
static void each_line(const struct strbuf *sb, void (*fn)(void *, int, const char *, size_t),
		      void *ctx)
{
	size_t pos = 0;
	int line = 0;

	while (pos < sb->len) {
		const char *l = sb->buf + pos, *nl = memchr(l, '\n', sb->len - pos);
		size_t len = nl ? (size_t)(nl - l) : sb->len - pos;
		pos += len + (nl ? 1 : 0);
		line++;
		while (len && (l[len - 1] == ' ' || l[len - 1] == '\r' || l[len - 1] == '\t'))
			len--;
		while (len && (*l == ' ' || *l == '\t')) {
			l++;
			len--;
		}
		if (!len || *l == '#')
			continue;
		fn(ctx, line, l, len);
	}
}

struct line_ctx {
	struct detect_ctx *c;
	struct pysrcs *s;
	const char *file;
	int done;
};

static void python_version_line(void *vctx, int line, const char *l, size_t len)
{
	struct line_ctx *lc = vctx;
	if (lc->done)
		return;
	lc->done = 1;
	if (len >= 4 && !memcmp(l, "pypy", 4))
		detect_warn(lc->c, "'%s' asks for PyPy ('%.*s'); shipshape builds on CPython",
			    lc->file, (int)len, l);
	if (len >= 6 && !memcmp(l, "system", 6)) {
		detect_warn(lc->c, "'%s' says 'system'; no version taken from it", lc->file);
		return;
	}
	add_exact(lc->s, lc->file, line, l, len);
}

static void tool_versions_line(void *vctx, int line, const char *l, size_t len)
{
	struct line_ctx *lc = vctx;
	if (lc->done || len < 7 || memcmp(l, "python", 6) || (l[6] != ' ' && l[6] != '\t'))
		return;
	lc->done = 1;
	l += 7;
	len -= 7;
	while (len && (*l == ' ' || *l == '\t')) {
		l++;
		len--;
	}
	{
		size_t end = 0;
		while (end < len && l[end] != ' ' && l[end] != '\t')
			end++;
		add_exact(lc->s, lc->file, line, l, end);
	}
}

static void runtime_line(void *vctx, int line, const char *l, size_t len)
{
	struct line_ctx *lc = vctx;
	if (lc->done)
		return;
	lc->done = 1;
	add_exact(lc->s, lc->file, line, l, len);
}

static void read_text_source(struct detect_ctx *c, struct pysrcs *s, const char *file,
			     void (*fn)(void *, int, const char *, size_t))
{
	struct strbuf sb = STRBUF_INIT;
	struct line_ctx lc = {c, s, file, 0};

	if (detect_has_file(c, file) && !detect_read(c, file, &sb))
		each_line(&sb, fn, &lc);
	strbuf_release(&sb);
}

/* conda: "python=3.11", "python==3.11.4", "python>=3.10", "python 3.11.*" */
static void conda_python(struct detect_ctx *c, struct pysrcs *s)
{
	const struct yaml_node *deps = yamlsub_get(c->envyml, "dependencies");

	if (!deps || deps->type != YAML_SEQ)
		return;
	for (size_t i = 0; i < deps->nr; i++) {
		const struct yaml_node *d = deps->children[i];
		const char *v;
		if (d->type != YAML_SCALAR || strncmp(d->value, "python", 6))
			continue;
		v = d->value + 6;
		while (*v == ' ')
			v++;
		if (*v == '=' && v[1] != '=') {
			add_exact(s, c->envyml_name, d->line, v + 1, strlen(v + 1));
		} else if (!strncmp(v, "==", 2)) {
			add_exact(s, c->envyml_name, d->line, v + 2, strlen(v + 2));
		} else if (*v >= '0' && *v <= '9') {
			add_exact(s, c->envyml_name, d->line, v, strlen(v));
		} else if (*v == '>' || *v == '<' || *v == '~' || *v == '!') {
			add_range(s, c->envyml_name, d->line, v);
		}
		break;
	}
}

static void collect_sources(struct detect_ctx *c, struct pysrcs *s)
{
	const cJSON *v;

	read_text_source(c, s, ".python-version", python_version_line);
	read_text_source(c, s, ".tool-versions", tool_versions_line);
	read_text_source(c, s, "runtime.txt", runtime_line);
	if (c->pipfile) {
		v = detect_json_path(c->pipfile, "requires.python_full_version");
		if (!cJSON_IsString(v))
			v = detect_json_path(c->pipfile, "requires.python_version");
		if (cJSON_IsString(v))
			add_exact(s, "Pipfile",
				  detect_toml_line(&c->pipfile_src,
						   detect_json_path(c->pipfile,
								    "requires.python_full_version")
							   ? "requires.python_full_version"
							   : "requires.python_version"),
				  v->valuestring, strlen(v->valuestring));
	}
	if (c->envyml)
		conda_python(c, s);
	if (c->pyproject) {
		v = detect_json_path(c->pyproject, "project.requires-python");
		if (cJSON_IsString(v))
			add_range(s, "pyproject.toml",
				  detect_toml_line(&c->pyproject_src, "project.requires-python"),
				  v->valuestring);
		v = detect_json_path(c->pyproject, "tool.poetry.dependencies.python");
		if (cJSON_IsString(v))
			add_range(s, "pyproject.toml",
				  detect_toml_line(&c->pyproject_src, "tool.poetry.dependencies.python"),
				  v->valuestring);
	}
	if (c->have_setup_cfg) {
		const struct ini_entry *e = ini_get(&c->setup_cfg, "options", "python_requires");
		if (e && e->value)
			add_range(s, "setup.cfg", e->line, e->value);
	}
}

void detect_python_version(struct detect_ctx *c)
{
	struct pyver_table t = {NULL, 0};
	struct pysrcs s;
	struct strbuf sb = STRBUF_INIT, note = STRBUF_INIT;
	const struct pysrc *chosen = NULL;
	const struct pyver_row *newest;
	int major = 0, minor = 0;
	const char *confidence = "certain";

	memset(&s, 0, sizeof(s));
	collect_sources(c, &s);
	if (!s.nr)
		goto out;
	if (load_table(c, &t))
		goto out;
	newest = newest_supported(c, &t);
	for (size_t i = 0; i < s.nr; i++)
		if (s.items[i].exact) {
			chosen = &s.items[i];
			break;
		}
	if (chosen) {
		major = chosen->major;
		minor = chosen->minor;
		for (size_t i = 0; i < s.nr; i++) {
			const struct pysrc *o = &s.items[i];
			if (o == chosen)
				continue;
			if (o->exact && (o->major != major || o->minor != minor))
				detect_warn(c, "python version conflict: '%s' says %d.%d, '%s' says %d.%d; "
					       "using %d.%d",
					    chosen->file, major, minor, o->file, o->major, o->minor,
					    major, minor);
			else if (!o->exact && detect_spec_allows(o->text, major, minor) == 0)
				detect_warn(c, "python version conflict: '%s' says %d.%d, '%s' requires "
					       "'%s'; using %d.%d",
					    chosen->file, major, minor, o->file, o->text, major, minor);
		}
		strbuf_addf(&sb, "%d.%d", major, minor);
		detect_fact(c, "python_version", cJSON_CreateString(sb.buf), chosen->file,
			    chosen->line, confidence);
		if (chosen->nparts >= 3) {
			strbuf_reset(&sb);
			strbuf_addf(&sb, "%d.%d.%d", major, minor, chosen->patch);
			detect_fact(c, "python_patch", cJSON_CreateString(sb.buf), chosen->file,
				    chosen->line, "certain");
		}
	} else {
		/* only ranges: pass 0 the newest minor out for a year and supported, pass 1
		   the newest supported, pass 2 the newest released, allowed by all of them */
		const struct pyver_row *best = NULL, *younger = NULL;
		char cutoff[11];
		int pass, best_pass = 0;
		year_before(c->today, cutoff);
		for (pass = 0; pass < 3 && !best; pass++) {
			best_pass = pass;
			for (size_t i = 0; i < t.nr; i++) {
				const struct pyver_row *r = &t.rows[i];
				if (strcmp(r->released, c->today) > 0)
					continue;
				if (pass < 2 && strcmp(r->eol, c->today) <= 0)
					continue;
				if (pass == 0 && strcmp(r->released, cutoff) > 0)
					continue;
				if (!ranges_allow(c, &s, r))
					continue;
				if (!best || r->major > best->major ||
				    (r->major == best->major && r->minor > best->minor))
					best = r;
			}
		}
		if (!best) {
			detect_warn(c, "no known python version satisfies '%s' ('%s:%d')", s.items[0].text,
				    s.items[0].file, s.items[0].line);
			goto out;
		}
		/* pass 0: the newest supported minor it passed over for being young */
		for (size_t i = 0; best_pass == 0 && i < t.nr; i++) {
			const struct pyver_row *r = &t.rows[i];
			if (strcmp(r->released, c->today) > 0 || strcmp(r->eol, c->today) <= 0 ||
			    (r->major < best->major ||
			     (r->major == best->major && r->minor <= best->minor)) ||
			    !ranges_allow(c, &s, r))
				continue;
			if (!younger || r->major > younger->major ||
			    (r->major == younger->major && r->minor > younger->minor))
				younger = r;
		}
		major = best->major;
		minor = best->minor;
		chosen = &s.items[0];
		strbuf_addf(&sb, "%d.%d", major, minor);
		if (best_pass == 0)
			strbuf_addf(&note,
				    "the newest supported python released over 12 months before %s "
				    "that satisfies '%s'",
				    c->today, chosen->text);
		else
			strbuf_addf(&note, "the newest %spython that satisfies '%s'",
				    best_pass == 1 ? "supported " : "", chosen->text);
		for (size_t k = 1; k < s.nr; k++)
			strbuf_addf(&note, " and '%s' (%s:%d)", s.items[k].text, s.items[k].file,
				    s.items[k].line);
		if (younger)
			strbuf_addf(&note, "; %d.%d (released %s) also does, but is too new for many "
					   "dependencies",
				    younger->major, younger->minor, younger->released);
		if (best_pass == 1)
			strbuf_addf(&note, "; none released over 12 months before %s does", c->today);
		if (best_pass == 2)
			strbuf_addstr(&note, "; no supported version does");
		detect_fact_note(c, "python_version", cJSON_CreateString(sb.buf), chosen->file,
				 chosen->line, "likely", note.buf);
	}
	/* end of life */
	{
		const struct pyver_row *r = find_row(&t, major, minor);
		if (r && strcmp(r->eol, c->today) <= 0) {
			if (newest)
				detect_warn(c, "python %d.%d reached its end of life on %s ('%s:%d'); "
					       "upgrade to %d.%d",
					    major, minor, r->eol, chosen->file, chosen->line,
					    newest->major, newest->minor);
			else
				detect_warn(c, "python %d.%d reached its end of life on %s ('%s:%d')",
					    major, minor, r->eol, chosen->file, chosen->line);
		} else if (!r && t.nr && (major < t.rows[0].major ||
					  (major == t.rows[0].major && minor < t.rows[0].minor))) {
			detect_warn(c, "python %d.%d is past its end of life ('%s:%d')%s", major, minor,
				    chosen->file, chosen->line, newest ? "; upgrade" : "");
		} else if (!r) {
			detect_warn(c, "python %d.%d is not in shipshape's version table ('%s:%d')",
				    major, minor, chosen->file, chosen->line);
		} else if (strcmp(r->released, c->today) > 0) {
			detect_warn(c, "python %d.%d is not released yet (due %s; '%s:%d')", major,
				    minor, r->released, chosen->file, chosen->line);
		}
	}
out:
	free(t.rows);
	strbuf_release(&sb);
	strbuf_release(&note);
}
