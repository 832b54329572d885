/*
 * detect_deps: manifests, the dependency manager, the dependencies
 * themselves, whether the project is an installable package, and the
 * system packages its dependencies need.
 *
 * Dependency manager precedence (documented in README and detect --help):
 * uv > poetry > pipenv > conda > pip-tools > pip. A lock file is certain
 * evidence; a manifest without its lock is likely. Several managers give a
 * warning naming each with its file.
 */
#include <stdlib.h>
#include <string.h>

#include "detect_int.h"
#include "shipshape/reqs.h"
#include "shipshape/toml.h"
#include "shipshape/xalloc.h"

const cJSON *detect_json_path(const cJSON *root, const char *dotted)
{
	const cJSON *cur = root;
	const char *p = dotted;
	char part[128];

	while (cur && *p) {
		const char *dot = strchr(p, '.');
		size_t n = dot ? (size_t)(dot - p) : strlen(p);
		if (n >= sizeof(part))
			return NULL;
		memcpy(part, p, n);
		part[n] = '\0';
		cur = cJSON_IsObject(cur) ? cJSON_GetObjectItemCaseSensitive(cur, part) : NULL;
		p += n + (dot ? 1 : 0);
	}
	return cur;
}

int detect_toml_line(const struct strbuf *src, const char *dotted)
{
	int line = toml_key_line(src->buf, src->len, dotted);
	return line > 0 ? line : 1;
}

int detect_ends_with(const char *s, const char *suffix)
{
	size_t a = strlen(s), b = strlen(suffix);
	return a >= b && !strcmp(s + a - b, suffix);
}

static cJSON *load_toml(struct detect_ctx *c, const char *file, struct strbuf *src)
{
	struct ss_error err;
	cJSON *out = NULL;

	ss_error_init(&err);
	if (!detect_has_file(c, file) || detect_read(c, file, src))
		return NULL;
	if (toml_parse(src->buf, src->len, file, &out, &err)) {
		detect_warn(c, "cannot parse '%s' line %d: %s", file, err.line, err.msg);
		out = NULL;
	}
	return out;
}

void detect_load_manifests(struct detect_ctx *c)
{
	struct strbuf sb = STRBUF_INIT;
	struct ss_error err;

	c->pyproject = load_toml(c, "pyproject.toml", &c->pyproject_src);
	c->pipfile = load_toml(c, "Pipfile", &c->pipfile_src);
	if (detect_has_file(c, "setup.cfg") && !detect_read(c, "setup.cfg", &sb)) {
		ss_error_init(&err);
		c->have_setup_cfg = 1;
		if (ini_parse(&c->setup_cfg, sb.buf, sb.len, "setup.cfg", &err))
			detect_warn(c, "cannot parse 'setup.cfg' line %d: %s", err.line, err.msg);
	}
	c->envyml_name = detect_has_file(c, "environment.yml")    ? "environment.yml"
			 : detect_has_file(c, "environment.yaml") ? "environment.yaml"
								  : NULL;
	if (c->envyml_name && !detect_read(c, c->envyml_name, &sb)) {
		ss_error_init(&err);
		if (yamlsub_parse(sb.buf, sb.len, c->envyml_name, &c->envyml, &err))
			detect_warn(c, "cannot parse '%s' line %d: %s", c->envyml_name, err.line,
				    err.msg);
	}
	if (detect_has_file(c, "Procfile") && !detect_read(c, "Procfile", &sb)) {
		ss_error_init(&err);
		c->have_procfile = 1;
		if (procfile_parse(&c->procfile, sb.buf, sb.len, "Procfile", &err))
			detect_warn(c, "cannot parse 'Procfile' line %d: %s", err.line, err.msg);
	}
	strbuf_release(&sb);
}

void detect_release_manifests(struct detect_ctx *c)
{
	cJSON_Delete(c->pyproject);
	cJSON_Delete(c->pipfile);
	strbuf_release(&c->pyproject_src);
	strbuf_release(&c->pipfile_src);
	ini_release(&c->setup_cfg);
	yamlsub_free(c->envyml);
}

/* reqs_load reader: the detect sandbox. */
static int reqs_reader(void *ctx, const char *relpath, struct strbuf *out, struct ss_error *err)
{
	struct detect_ctx *c = ctx;
	if (!detect_has_file(c, relpath))
		return ss_error_set(err, SS_ERR_INPUT, relpath, 0, 0, "cannot read '%s': not found",
				    relpath);
	if (detect_read(c, relpath, out)) /* already a warning */
		return ss_error_set(err, SS_ERR_IO, relpath, 0, 0, "cannot read '%s'", relpath);
	return 0;
}

static void add_req_deps(struct detect_ctx *c, const struct reqs *r)
{
	for (size_t i = 0; i < r->nr; i++) {
		const struct req *q = &r->items[i];
		if (q->constraint || !q->canonical)
			continue;
		if (!strcmp(q->canonical, "psycopg") && q->extras && strstr(q->extras, "binary"))
			detect_add_dep(c, "psycopg-binary", q->file, q->line, 0);
		else
			detect_add_dep(c, q->canonical, q->file, q->line, reqs_no_binary(r, q->canonical));
	}
}

/* Parse one PEP 508 string (from pyproject or setup.cfg) and add its name. */
static void add_pep508(struct detect_ctx *c, const char *text, const char *file, int line)
{
	struct reqs r;
	struct ss_error err;

	reqs_init(&r);
	ss_error_init(&err);
	reqs_parse(&r, text, strlen(text), file, &err);
	for (size_t i = 0; i < r.nr; i++)
		r.items[i].line = line;
	add_req_deps(c, &r);
	reqs_release(&r);
}

static int is_requirements_name(const char *f)
{
	const char *base = strrchr(f, '/');
	base = base ? base + 1 : f;
	if (strchr(f, '/') && strncmp(f, "requirements/", 13))
		return 0;
	if (!strncmp(f, "requirements/", 13))
		return detect_ends_with(f, ".txt") && !strchr(f + 13, '/');
	return !strncmp(base, "requirements", 12) && detect_ends_with(base, ".txt");
}

static int is_dev_name(const char *f)
{
	static const char *const words[] = {"dev", "test", "doc", "lint", "ci", "local", "type",
					    NULL};
	const char *base = strrchr(f, '/');
	base = base ? base + 1 : f;
	for (size_t i = 0; words[i]; i++)
		if (strstr(base, words[i]))
			return 1;
	return 0;
}

/* The requirements file an image should install, or NULL. */
static const char *pick_requirements(struct detect_ctx *c)
{
	static const char *const preferred[] = {
		"requirements.txt", "requirements/prod.txt", "requirements/production.txt",
		"requirements/base.txt", "requirements/main.txt", "requirements/requirements.txt",
		"requirements-prod.txt", "requirements_prod.txt", "requirements-production.txt",
		NULL};
	for (size_t i = 0; preferred[i]; i++)
		if (detect_has_file(c, preferred[i]))
			return preferred[i];
	for (size_t i = 0; i < c->nfiles; i++)
		if (is_requirements_name(c->files[i]) && !is_dev_name(c->files[i]))
			return c->files[i];
	return NULL;
}

struct mgr_evidence {
	const char *name;
	const char *file;
	int line;
	const char *confidence;
};

static void add_evidence(struct mgr_evidence *ev, size_t *n, const char *name, const char *file,
			 int line, const char *confidence)
{
	for (size_t i = 0; i < *n; i++)
		if (!strcmp(ev[i].name, name))
			return; /* the first (strongest) evidence of a manager wins */
	ev[*n].name = name;
	ev[*n].file = file;
	ev[*n].line = line;
	ev[*n].confidence = confidence;
	(*n)++;
}

static int first_requirements_compiled(struct detect_ctx *c, const char *file, int *line)
{
	struct strbuf sb = STRBUF_INIT;
	struct reqs r;
	struct ss_error err;
	int compiled = 0;

	reqs_init(&r);
	ss_error_init(&err);
	if (!detect_read(c, file, &sb)) {
		/* only the header matters: parse the first 40 lines */
		size_t n = 0;
		int lines = 0;
		while (n < sb.len && lines < 40)
			if (sb.buf[n++] == '\n')
				lines++;
		reqs_parse(&r, sb.buf, n, file, &err);
		compiled = r.compiled;
		*line = r.compiled_line;
	}
	reqs_release(&r);
	strbuf_release(&sb);
	return compiled;
}

/* The generated Dockerfile installs poetry, pipenv, uv and conda projects from their lock
   file: without it the build fails at COPY (walkthrough F13). */
static void missing_lock(struct detect_ctx *c, const char *mgr)
{
	static const struct {
		const char *mgr, *lock, *manifest, *how;
	} locks[] = {
		{"poetry", "poetry.lock", "pyproject.toml", "poetry lock"},
		{"pipenv", "Pipfile.lock", "Pipfile", "pipenv lock"},
		{"uv", "uv.lock", "pyproject.toml", "uv lock"},
		{"conda", "conda-lock.yml", NULL, NULL},
	};
	struct strbuf how = STRBUF_INIT;

	for (size_t i = 0; i < sizeof(locks) / sizeof(locks[0]); i++) {
		const char *manifest = locks[i].manifest;
		if (strcmp(mgr, locks[i].mgr) || detect_has_file(c, locks[i].lock))
			continue;
		if (!manifest)
			manifest = c->envyml_name ? c->envyml_name : "environment.yml";
		if (locks[i].how)
			strbuf_addstr(&how, locks[i].how);
		else
			strbuf_addf(&how, "conda-lock -f %s -p linux-64", manifest);
		detect_warn(c, "no '%s' next to '%s': the build installs from the lock; run '%s' and "
			       "commit it",
			    locks[i].lock, manifest, how.buf);
	}
	strbuf_release(&how);
}

static void dependency_manager(struct detect_ctx *c, const char **mgr_out, const char **req_out)
{
	struct mgr_evidence ev[8];
	size_t n = 0;
	const char *req = pick_requirements(c);
	int compiled_line = 0, compiled = 0;
	const char *build_backend = NULL;

	if (c->pyproject) {
		const cJSON *bb = detect_json_path(c->pyproject, "build-system.build-backend");
		build_backend = cJSON_IsString(bb) ? bb->valuestring : NULL;
	}
	if (detect_has_file(c, "uv.lock"))
		add_evidence(ev, &n, "uv", "uv.lock", 1, "certain");
	if (c->pyproject && detect_json_path(c->pyproject, "tool.uv"))
		add_evidence(ev, &n, "uv", "pyproject.toml",
			     detect_toml_line(&c->pyproject_src, "tool.uv"), "likely");
	if (detect_has_file(c, "poetry.lock"))
		add_evidence(ev, &n, "poetry", "poetry.lock", 1, "certain");
	if (c->pyproject && detect_json_path(c->pyproject, "tool.poetry"))
		add_evidence(ev, &n, "poetry", "pyproject.toml",
			     detect_toml_line(&c->pyproject_src, "tool.poetry"), "likely");
	if (build_backend && strstr(build_backend, "poetry"))
		add_evidence(ev, &n, "poetry", "pyproject.toml",
			     detect_toml_line(&c->pyproject_src, "build-system.build-backend"),
			     "likely");
	if (detect_has_file(c, "Pipfile.lock"))
		add_evidence(ev, &n, "pipenv", "Pipfile.lock", 1, "certain");
	if (detect_has_file(c, "Pipfile"))
		add_evidence(ev, &n, "pipenv", "Pipfile", 1, "likely");
	if (detect_has_file(c, "conda-lock.yml"))
		add_evidence(ev, &n, "conda", "conda-lock.yml", 1, "certain");
	if (c->envyml_name)
		add_evidence(ev, &n, "conda", c->envyml_name, 1, "certain");
	if (detect_has_file(c, "requirements.txt"))
		compiled = first_requirements_compiled(c, "requirements.txt", &compiled_line);
	if (detect_has_file(c, "requirements.in") && compiled)
		add_evidence(ev, &n, "pip-tools", "requirements.txt", compiled_line, "certain");
	else if (detect_has_file(c, "requirements.in"))
		add_evidence(ev, &n, "pip-tools", "requirements.in", 1, "likely");
	else if (compiled)
		add_evidence(ev, &n, "pip-tools", "requirements.txt", compiled_line, "likely");
	if (req && !(n && !strcmp(ev[n - 1].name, "pip-tools")))
		add_evidence(ev, &n, "pip", req, 1, "certain");
	if (!n) {
		/* an installable package with no other manager: pip installs it */
		if (c->pyproject && detect_json_path(c->pyproject, "project"))
			add_evidence(ev, &n, "pip", "pyproject.toml",
				     detect_toml_line(&c->pyproject_src, "project"), "likely");
		else if (detect_has_file(c, "setup.py"))
			add_evidence(ev, &n, "pip", "setup.py", 1, "likely");
		else if (c->have_setup_cfg)
			add_evidence(ev, &n, "pip", "setup.cfg", 1, "likely");
	}
	*mgr_out = NULL;
	*req_out = NULL;
	if (!n)
		return;
	detect_fact(c, "dependency_manager", cJSON_CreateString(ev[0].name), ev[0].file, ev[0].line,
		    ev[0].confidence);
	*mgr_out = ev[0].name;
	missing_lock(c, ev[0].name);
	if (n > 1) {
		struct strbuf sb = STRBUF_INIT;
		for (size_t i = 0; i < n; i++)
			strbuf_addf(&sb, "%s%s ('%s')", i ? ", " : "", ev[i].name, ev[i].file);
		detect_warn(c, "several dependency managers found: %s; using %s (precedence: uv, "
			       "poetry, pipenv, conda, pip-tools, pip)",
			    sb.buf, ev[0].name);
		strbuf_release(&sb);
	}
	if (!strcmp(ev[0].name, "pip") && req) {
		*req_out = req;
		detect_fact(c, "requirements_file", cJSON_CreateString(req), req, 1, "certain");
	} else if (!strcmp(ev[0].name, "pip-tools") && detect_has_file(c, "requirements.txt")) {
		*req_out = "requirements.txt";
		detect_fact(c, "requirements_file", cJSON_CreateString("requirements.txt"),
			    "requirements.txt", compiled_line ? compiled_line : 1,
			    compiled ? "certain" : "likely");
	}
}

/* A URL written with credentials in a file that goes into the image: a warning. */
static void warn_credentials(struct detect_ctx *c, const char *url, const char *file, int line)
{
	struct strbuf sb = STRBUF_INIT;
	if (detect_redact(url, &sb))
		detect_warn(c, "'%s' line %d has credentials in a URL ('%s'); they end up in the "
			       "image and in git: remove them and pass the URL as a build secret "
			       "(RUN --mount=type=secret)",
			    file, line, sb.buf);
	strbuf_release(&sb);
}

static void note_index(struct detect_ctx *c, const char *url, const char *file, int line)
{
	struct strbuf sb = STRBUF_INIT;
	warn_credentials(c, url, file, line);
	if (strstr(url, "pypi.org/simple") || strstr(url, "pypi.python.org/simple"))
		goto out;
	strbuf_addf(&sb, "%s (%s:%d)", url, file, line);
	detect_note_add(c, "index_urls", sb.buf);
out:
	strbuf_release(&sb);
}

/* Whether a requirement's specifier pins one version ("==1.2.3", "===1.2"). */
static int spec_pinned(const char *spec)
{
	return spec && !strncmp(spec, "==", 2) && !strchr(spec, ',') && !strchr(spec, '*');
}

/* Answers that come from requirements_file itself: the files it includes (outside its own
 * directory, which render copies whole), whether a pip-tools lock has hashes, and the
 * requirements a pip project leaves unpinned. */
static void requirements_answers(struct detect_ctx *c, const struct reqs *r, const char *file)
{
	const char *mgr = detect_value_str(c, "dependency_manager");
	const char *slash = strrchr(file, '/');
	size_t dirlen = slash ? (size_t)(slash - file) + 1 : 0;
	cJSON *incl = cJSON_CreateArray(), *unpinned = cJSON_CreateArray();
	struct strbuf names = STRBUF_INIT, seen = STRBUF_INIT;
	int hashes = 0, first_line = 0;
	const char *first_file = NULL;

	for (size_t i = 0; i < r->nfiles; i++) {
		if (!strcmp(r->files[i], file) || (dirlen && !strncmp(r->files[i], file, dirlen)))
			continue;
		cJSON_AddItemToArray(incl, cJSON_CreateString(r->files[i]));
	}
	if (cJSON_GetArraySize(incl) > 0)
		detect_fact(c, "requirements_includes", incl, file, 1, "certain");
	else
		cJSON_Delete(incl);
	incl = NULL;
	for (size_t i = 0; i < r->nr; i++)
		if (r->items[i].nhashes > 0)
			hashes = 1;
	if (mgr && !strcmp(mgr, "pip-tools") && r->nr > 0 && !hashes) {
		detect_fact(c, "lock_hashes", cJSON_CreateFalse(), file,
			    r->compiled_line ? r->compiled_line : 1, "certain");
		detect_warn(c, "'%s' has no hashes: pip-compile --generate-hashes adds them", file);
	}
	if (!mgr || strcmp(mgr, "pip") != 0)
		goto out;
	strbuf_addch(&seen, ' ');
	for (size_t i = 0; i < r->nr; i++) {
		const struct req *q = &r->items[i];
		const struct req *pin;
		struct strbuf key = STRBUF_INIT;
		if (q->constraint || q->url || q->editable || !q->name || !q->canonical ||
		    spec_pinned(q->specifier) || q->nhashes > 0)
			continue;
		/* a -c constraints file may pin it */
		pin = NULL;
		for (size_t j = 0; j < r->nr; j++)
			if (r->items[j].constraint && r->items[j].canonical &&
			    !strcmp(r->items[j].canonical, q->canonical) &&
			    spec_pinned(r->items[j].specifier))
				pin = &r->items[j];
		strbuf_addf(&key, " %s ", q->canonical);
		if (!pin && !strstr(seen.buf, key.buf)) {
			strbuf_addf(&seen, "%s ", q->canonical);
			cJSON_AddItemToArray(unpinned, cJSON_CreateString(q->name));
			if (names.len)
				strbuf_addstr(&names, ", ");
			strbuf_addstr(&names, q->name);
			if (!first_file) {
				first_file = q->file;
				first_line = q->line;
			}
		}
		strbuf_release(&key);
	}
	if (cJSON_GetArraySize(unpinned) > 0) {
		detect_fact(c, "unpinned_requirements", unpinned, first_file, first_line, "certain");
		unpinned = NULL;
		detect_warn(c, "'%s' leaves %s unpinned: pin them with == (pip-compile or pip freeze) "
			       "for reproducible builds",
			    file, names.buf);
	}
out:
	cJSON_Delete(unpinned);
	strbuf_release(&names);
	strbuf_release(&seen);
}

static void load_requirements(struct detect_ctx *c, const char *file)
{
	struct reqs r;
	struct ss_error err;

	reqs_init(&r);
	ss_error_init(&err);
	if (reqs_load(&r, file, reqs_reader, c, &err) && err.code != SS_ERR_IO) {
		if (err.line)
			detect_warn(c, "'%s' line %d: %s", err.file, err.line, err.msg);
		else
			detect_warn(c, "%s", err.msg);
	}
	for (size_t i = 0; i < r.nfiles; i++)
		detect_note_add(c, "dependency_files", r.files[i]);
	for (size_t i = 0; i < r.noptions; i++)
		if (r.options[i].value && (!strcmp(r.options[i].name, "index-url") ||
					   !strcmp(r.options[i].name, "extra-index-url")))
			note_index(c, r.options[i].value, r.options[i].file, r.options[i].line);
		else if (r.options[i].value)
			warn_credentials(c, r.options[i].value, r.options[i].file, r.options[i].line);
	for (size_t i = 0; i < r.nr; i++)
		if (r.items[i].url)
			warn_credentials(c, r.items[i].url, r.items[i].file, r.items[i].line);
	add_req_deps(c, &r);
	if (detect_value_str(c, "requirements_file") &&
	    !strcmp(detect_value_str(c, "requirements_file"), file))
		requirements_answers(c, &r, file);
	reqs_release(&r);
}

static void pyproject_deps(struct detect_ctx *c)
{
	const cJSON *deps, *it;

	deps = detect_json_path(c->pyproject, "project.dependencies");
	if (cJSON_IsArray(deps)) {
		int line = detect_toml_line(&c->pyproject_src, "project.dependencies");
		detect_note_add(c, "dependency_files", "pyproject.toml");
		cJSON_ArrayForEach(it, deps)
		{
			if (cJSON_IsString(it))
				add_pep508(c, it->valuestring, "pyproject.toml", line);
		}
	}
	deps = detect_json_path(c->pyproject, "tool.poetry.dependencies");
	if (cJSON_IsObject(deps)) {
		struct strbuf path = STRBUF_INIT;
		detect_note_add(c, "dependency_files", "pyproject.toml");
		cJSON_ArrayForEach(it, deps)
		{
			if (!strcmp(it->string, "python"))
				continue;
			strbuf_reset(&path);
			strbuf_addf(&path, "tool.poetry.dependencies.%s", it->string);
			detect_add_dep(c, it->string, "pyproject.toml",
				       detect_toml_line(&c->pyproject_src, path.buf), 0);
		}
		strbuf_release(&path);
	}
	deps = detect_json_path(c->pyproject, "tool.poetry.source");
	cJSON_ArrayForEach(it, deps)
	{
		const cJSON *url = cJSON_GetObjectItemCaseSensitive(it, "url");
		if (cJSON_IsString(url))
			note_index(c, url->valuestring, "pyproject.toml",
				   detect_toml_line(&c->pyproject_src, "tool.poetry.source"));
	}
}

static void pipfile_deps(struct detect_ctx *c)
{
	const cJSON *deps = detect_json_path(c->pipfile, "packages"), *it;
	struct strbuf path = STRBUF_INIT;

	detect_note_add(c, "dependency_files", "Pipfile");
	cJSON_ArrayForEach(it, deps)
	{
		strbuf_reset(&path);
		strbuf_addf(&path, "packages.%s", it->string);
		detect_add_dep(c, it->string, "Pipfile", detect_toml_line(&c->pipfile_src, path.buf),
			       0);
	}
	deps = detect_json_path(c->pipfile, "source");
	cJSON_ArrayForEach(it, deps)
	{
		const cJSON *url = cJSON_GetObjectItemCaseSensitive(it, "url");
		if (cJSON_IsString(url))
			note_index(c, url->valuestring, "Pipfile",
				   detect_toml_line(&c->pipfile_src, "source"));
	}
	strbuf_release(&path);
}

static void conda_deps(struct detect_ctx *c)
{
	const struct yaml_node *deps = yamlsub_get(c->envyml, "dependencies");

	if (!deps || deps->type != YAML_SEQ)
		return;
	detect_note_add(c, "dependency_files", c->envyml_name);
	for (size_t i = 0; i < deps->nr; i++) {
		const struct yaml_node *d = deps->children[i];
		const struct yaml_node *pip = yamlsub_get(d, "pip");
		if (d->type == YAML_SCALAR) {
			/* conda packages: "flask=2.3", "conda-forge::gunicorn" */
			const char *name = d->value, *sep = strstr(name, "::");
			size_t n;
			char *dup;
			if (sep)
				name = sep + 2;
			n = strcspn(name, " =<>!~[");
			dup = xstrndup(name, n);
			/* conda packages bring their own libraries: no_binary -1 */
			if (strcmp(dup, "python") && strcmp(dup, "pip"))
				detect_add_dep(c, dup, c->envyml_name, d->line, -1);
			free(dup);
		} else if (pip && pip->type == YAML_SEQ) {
			for (size_t k = 0; k < pip->nr; k++)
				if (pip->children[k]->type == YAML_SCALAR)
					add_pep508(c, pip->children[k]->value, c->envyml_name,
						   pip->children[k]->line);
		}
	}
}

static void setup_cfg_deps(struct detect_ctx *c)
{
	const struct ini_entry *e = ini_get(&c->setup_cfg, "options", "install_requires");
	const char *p;
	int line;

	if (!e || !e->value)
		return;
	detect_note_add(c, "dependency_files", "setup.cfg");
	p = e->value;
	line = e->value_line ? e->value_line : e->line;
	while (*p) {
		const char *nl = strchr(p, '\n');
		size_t n = nl ? (size_t)(nl - p) : strlen(p);
		char *one = xstrndup(p, n);
		if (n)
			add_pep508(c, one, "setup.cfg", line);
		free(one);
		line++;
		p += n + (nl ? 1 : 0);
	}
}

/* setup.py: the strings inside install_requires=[...] (a text scan, no Python). */
static void setup_py_deps(struct detect_ctx *c)
{
	struct strbuf sb = STRBUF_INIT;
	const char *p, *end;

	if (!detect_has_file(c, "setup.py") || detect_read(c, "setup.py", &sb))
		goto out;
	p = strstr(sb.buf, "install_requires");
	if (!p)
		goto out;
	p = strchr(p, '[');
	end = p ? strchr(p, ']') : NULL;
	if (!end)
		goto out;
	detect_note_add(c, "dependency_files", "setup.py");
	while (p < end) {
		const char *q = p;
		char quote;
		while (q < end && *q != '"' && *q != '\'')
			q++;
		if (q >= end)
			break;
		quote = *q;
		p = q + 1;
		while (p < end && *p != quote)
			p++;
		if (p < end) {
			char *one = xstrndup(q + 1, (size_t)(p - q - 1));
			int line = 1;
			for (const char *k = sb.buf; k < q; k++)
				line += *k == '\n';
			add_pep508(c, one, "setup.py", line);
			free(one);
			p++;
		}
	}
out:
	strbuf_release(&sb);
}

static void installable(struct detect_ctx *c, const char *mgr)
{
	const cJSON *name = NULL;
	const char *name_file = NULL;
	int name_line = 0;

	if (c->pyproject) {
		const cJSON *bs = detect_json_path(c->pyproject, "build-system");
		const cJSON *pm = detect_json_path(c->pyproject, "tool.poetry.package-mode");
		if (cJSON_IsFalse(pm))
			detect_fact(c, "installable_package", cJSON_CreateFalse(), "pyproject.toml",
				    detect_toml_line(&c->pyproject_src, "tool.poetry.package-mode"),
				    "certain");
		else if (bs && (detect_json_path(c->pyproject, "project") ||
				detect_json_path(c->pyproject, "tool.poetry")))
			detect_fact(c, "installable_package", cJSON_CreateTrue(), "pyproject.toml",
				    detect_toml_line(&c->pyproject_src, "build-system"), "certain");
		name = detect_json_path(c->pyproject, "project.name");
		if (cJSON_IsString(name)) {
			name_file = "pyproject.toml";
			name_line = detect_toml_line(&c->pyproject_src, "project.name");
		} else {
			name = detect_json_path(c->pyproject, "tool.poetry.name");
			if (cJSON_IsString(name)) {
				name_file = "pyproject.toml";
				name_line = detect_toml_line(&c->pyproject_src, "tool.poetry.name");
			}
		}
	}
	if (detect_has_file(c, "setup.py"))
		detect_fact(c, "installable_package", cJSON_CreateTrue(), "setup.py", 1, "likely");
	if (c->have_setup_cfg) {
		const struct ini_entry *e = ini_get(&c->setup_cfg, "metadata", "name");
		if (e && e->value && *e->value) {
			detect_fact(c, "installable_package", cJSON_CreateTrue(), "setup.cfg", e->line,
				    "likely");
			if (!name_file) {
				name_file = "setup.cfg";
				name_line = e->line;
				name = NULL;
				{
					struct strbuf sb = STRBUF_INIT;
					for (const char *p = e->value; *p; p++)
						strbuf_addch(&sb, (*p >= 'A' && *p <= 'Z')
									  ? (char)(*p - 'A' + 'a')
								  : (*p == '_' || *p == '.' || *p == ' ')
									  ? '-'
									  : *p);
					detect_fact(c, "image_name", cJSON_CreateString(sb.buf),
						    name_file, name_line, "likely");
					strbuf_release(&sb);
				}
			}
		}
	}
	if (!detect_value(c, "installable_package") && mgr) {
		const cJSON *f = cJSON_GetObjectItemCaseSensitive(c->facts, "dependency_manager");
		const cJSON *src = cJSON_GetObjectItemCaseSensitive(f, "source");
		char *file = xstrdup(src->valuestring), *colon = strrchr(file, ':');
		if (colon)
			*colon = '\0';
		detect_fact(c, "installable_package", cJSON_CreateFalse(), file, 1, "likely");
		free(file);
	}
	if (name && cJSON_IsString(name) && name_file) {
		struct strbuf sb = STRBUF_INIT;
		for (const char *p = name->valuestring; *p; p++)
			strbuf_addch(&sb, (*p >= 'A' && *p <= 'Z') ? (char)(*p - 'A' + 'a')
					  : (*p == '_' || *p == '.' || *p == ' ') ? '-'
										   : *p);
		detect_fact(c, "image_name", cJSON_CreateString(sb.buf), name_file, name_line,
			    "likely");
		strbuf_release(&sb);
	}
}

void detect_dependencies(struct detect_ctx *c)
{
	const char *mgr = NULL, *req = NULL;

	dependency_manager(c, &mgr, &req);
	/* the dependencies the image installs: the chosen manager's manifest first */
	if (req)
		load_requirements(c, req);
	if (c->pyproject)
		pyproject_deps(c);
	if (c->pipfile)
		pipfile_deps(c);
	if (c->envyml)
		conda_deps(c);
	if (c->have_setup_cfg)
		setup_cfg_deps(c);
	setup_py_deps(c);
	if (!req && detect_has_file(c, "requirements.txt") && mgr && strcmp(mgr, "pip") &&
	    strcmp(mgr, "pip-tools"))
		load_requirements(c, "requirements.txt");
	installable(c, mgr);
}

static void add_unique(cJSON *arr, const char *s)
{
	const cJSON *it;
	cJSON_ArrayForEach(it, arr)
	{
		if (!strcmp(it->valuestring, s))
			return;
	}
	cJSON_AddItemToArray(arr, cJSON_CreateString(s));
}

static int cmp_json_str(const void *a, const void *b)
{
	return strcmp((*(cJSON *const *)a)->valuestring, (*(cJSON *const *)b)->valuestring);
}

static cJSON *sorted_array(cJSON *arr)
{
	int n = cJSON_GetArraySize(arr);
	cJSON **items = xcalloc((size_t)n + 1, sizeof(*items));
	cJSON *out = cJSON_CreateArray();
	for (int i = 0; i < n; i++)
		items[i] = cJSON_DetachItemFromArray(arr, 0);
	qsort(items, (size_t)n, sizeof(*items), cmp_json_str);
	for (int i = 0; i < n; i++)
		cJSON_AddItemToArray(out, items[i]);
	free(items);
	cJSON_Delete(arr);
	return out;
}

static void add_list(cJSON *dst, const cJSON *src)
{
	const cJSON *it;
	cJSON_ArrayForEach(it, src)
	{
		if (cJSON_IsString(it))
			add_unique(dst, it->valuestring);
	}
}

void detect_system_packages(struct detect_ctx *c)
{
	struct strbuf data = STRBUF_INIT, src = STRBUF_INIT;
	struct tstore fallback;
	struct ss_error err;
	cJSON *root = NULL, *build = cJSON_CreateArray(), *runtime = cJSON_CreateArray(), *value;
	const cJSON *pkgs;
	const char *first = NULL, *first_matched = NULL;
	size_t nmatched = 0;

	tstore_init(&fallback);
	ss_error_init(&err);
	if (!c->ndeps)
		goto out;
	if (tstore_read(c->ts ? c->ts : &fallback, "system-packages.json", &data, NULL, &err)) {
		detect_warn(c, "cannot read 'system-packages.json': %s", err.msg);
		goto out;
	}
	root = cJSON_ParseWithLength(data.buf, data.len);
	pkgs = cJSON_GetObjectItemCaseSensitive(root, "packages");
	for (size_t i = 0; i < c->ndeps; i++) {
		const cJSON *p = cJSON_GetObjectItemCaseSensitive(pkgs, c->deps[i].canonical);
		const cJSON *wheels;
		if (!p || c->deps[i].no_binary < 0)
			continue;
		wheels = cJSON_GetObjectItemCaseSensitive(p, "wheels");
		if (!cJSON_IsTrue(wheels) || c->deps[i].no_binary) {
			add_list(build, cJSON_GetObjectItemCaseSensitive(p, "build"));
			add_list(runtime, cJSON_GetObjectItemCaseSensitive(p, "runtime"));
		} else {
			add_list(runtime, cJSON_GetObjectItemCaseSensitive(p, "runtime_with_wheels"));
		}
		if (!first && (cJSON_GetArraySize(build) || cJSON_GetArraySize(runtime)))
			first = c->deps[i].source;
		if (!first_matched)
			first_matched = c->deps[i].source;
		nmatched++;
	}
	value = cJSON_CreateObject();
	cJSON_AddItemToObject(value, "build", sorted_array(build));
	cJSON_AddItemToObject(value, "runtime", sorted_array(runtime));
	build = runtime = NULL;
	if (!first)
		first = first_matched ? first_matched : c->deps[0].source;
	{
		const char *colon = strrchr(first, ':');
		strbuf_add(&src, first, colon ? (size_t)(colon - first) : strlen(first));
		detect_fact(c, "system_packages", value, src.buf, colon ? atoi(colon + 1) : 1,
			    "likely");
	}
out:
	(void)nmatched;
	cJSON_Delete(build);
	cJSON_Delete(runtime);
	cJSON_Delete(root);
	strbuf_release(&data);
	strbuf_release(&src);
	tstore_release(&fallback);
}

/* The image runs wsgi apps with gunicorn and asgi apps with uvicorn: without the server
   among the dependencies the container cannot start (walkthrough F24). Only when some
   dependency list was read, so an unreadable manifest does not cause a false warning. */
void detect_server_dependency(struct detect_ctx *c)
{
	const char *kind = detect_value_str(c, "app_kind");
	const char *server = NULL;
	struct strbuf file = STRBUF_INIT;
	const char *colon;

	if (!kind || !c->ndeps)
		goto out;
	if (!strcmp(kind, "wsgi"))
		server = "gunicorn";
	else if (!strcmp(kind, "asgi"))
		server = "uvicorn";
	if (!server || detect_find_dep(c, server))
		goto out;
	colon = strrchr(c->deps[0].source, ':');
	strbuf_add(&file, c->deps[0].source,
		   colon ? (size_t)(colon - c->deps[0].source) : strlen(c->deps[0].source));
	detect_warn(c, "the image runs a%s %s app with %s, but %s is not among the dependencies "
		       "('%s'); add '%s' there",
		    strcmp(kind, "asgi") ? "" : "n", kind, server, server, file.buf, server);
out:
	strbuf_release(&file);
}
