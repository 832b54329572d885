/*
 * detect: the walk over the project, the shared helpers, and the facts
 * object. The steps themselves live in detect_pyver.c, detect_deps.c and
 * detect_app.c.
 *
 * The walk is sorted directory by directory so that the output does not
 * depend on readdir order. Directories that never hold the application
 * (.git, virtual environments, caches, build output) are skipped, and a
 * symlink is followed only when it resolves inside the project; a
 * directory reached twice (a symlink loop) is not entered again.
 */
#include "shipshape/detect.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "detect_int.h"
#include "shipshape/answers.h"
#include "shipshape/fsutil.h"
#include "shipshape/xalloc.h"

const char *const detect_answer_keys[] = {
	"python_version", "python_patch", "dependency_manager", "requirements_file",
	"installable_package", "app_kind", "framework", "entrypoint", "command", "port",
	"health_path", "system_packages", "ci", "migrations", "image_name", "source_dir",
	"requirements_includes", "lock_hashes", "unpinned_requirements", NULL};

static const char *const skip_dirs[] = {".git", ".hg", ".svn", ".venv", "venv", "env",
					".env", "node_modules", "__pycache__", "build", "dist",
					".tox", ".nox", ".mypy_cache", ".pytest_cache",
					".ruff_cache", ".eggs", "site-packages", "dist-packages",
					".shipshape",
					"htmlcov", ".idea", ".vscode", NULL};

struct dev_ino {
	dev_t dev;
	ino_t ino;
};

struct walk {
	struct detect_ctx *c;
	struct dev_ino *seen;
	size_t nseen, seen_alloc;
};

void detect_warn(struct detect_ctx *c, const char *fmt, ...)
{
	struct strbuf sb = STRBUF_INIT;
	va_list ap;
	cJSON *w;

	va_start(ap, fmt);
	strbuf_vaddf(&sb, fmt, ap);
	va_end(ap);
	cJSON_ArrayForEach(w, c->warnings)
	{
		if (cJSON_IsString(w) && !strcmp(w->valuestring, sb.buf))
			goto out;
	}
	cJSON_AddItemToArray(c->warnings, cJSON_CreateString(sb.buf));
out:
	strbuf_release(&sb);
}

static int is_env_ref(const char *s, size_t len)
{
	return len > 3 && s[0] == '$' && s[1] == '{' && s[len - 1] == '}' &&
	       !memchr(s + 2, '}', len - 3);
}

int detect_redact(const char *s, struct strbuf *out)
{
	int changed = 0;
	const char *p = s;

	for (;;) {
		const char *sep = strstr(p, "://"), *auth, *end, *at = NULL, *colon;
		int http;
		if (!sep) {
			strbuf_addstr(out, p);
			break;
		}
		auth = sep + 3;
		http = (sep - s >= 4 && !memcmp(sep - 4, "http", 4)) ||
		       (sep - s >= 5 && !memcmp(sep - 5, "https", 5));
		for (end = auth; *end && !strchr("/?#\"' \t\r\n()<>,;", *end); end++)
			if (*end == '@')
				at = end;
		strbuf_add(out, p, (size_t)(auth - p));
		p = auth;
		if (!at)
			continue;
		colon = memchr(auth, ':', (size_t)(at - auth));
		if (colon && !is_env_ref(colon + 1, (size_t)(at - colon - 1)) && at > colon + 1) {
			strbuf_add(out, auth, (size_t)(colon + 1 - auth));
			strbuf_addstr(out, "***");
			changed++;
		} else if (!colon && http && at > auth && !is_env_ref(auth, (size_t)(at - auth))) {
			strbuf_addstr(out, "***");
			changed++;
		} else {
			strbuf_add(out, auth, (size_t)(at - auth));
		}
		p = at;
	}
	return changed;
}

/* Redact every string in a facts tree (values, sources, notes, warnings). */
static void redact_tree(cJSON *node, struct strbuf *tmp)
{
	cJSON *it;

	if (cJSON_IsString(node) && strstr(node->valuestring, "://")) {
		strbuf_reset(tmp);
		if (detect_redact(node->valuestring, tmp))
			cJSON_SetValuestring(node, tmp->buf);
		return;
	}
	cJSON_ArrayForEach(it, node)
		redact_tree(it, tmp);
}

/* The answer grammar a detected string must pass, so that init can use it. */
static const char *grammar_of(const char *key)
{
	static const char *const map[][2] = {
		{"python_version", "python-version"}, {"python_patch", "version"},
		{"requirements_file", "relpath"},     {"entrypoint", "python-path"},
		{"command", "argv-item"},             {"health_path", "http-path"},
		{"image_name", "image-name"},         {NULL, NULL}};
	for (size_t i = 0; map[i][0]; i++)
		if (!strcmp(map[i][0], key))
			return map[i][1];
	return NULL;
}

/* 1 when value passes its key's grammar; otherwise a warning and 0. */
static int usable(struct detect_ctx *c, const char *key, const cJSON *value, const char *file,
		  int line)
{
	const char *grammar = grammar_of(key);
	struct strbuf why = STRBUF_INIT;
	const cJSON *it;
	int ok = 1;

	if (!grammar)
		return 1;
	if (cJSON_IsString(value)) {
		if (answers_grammar_check(grammar, value->valuestring, &why)) {
			detect_warn(c, "found %s '%s' ('%s:%d') but it is not a valid answer; set %s "
				       "by hand",
				    key, value->valuestring, file, line, key);
			ok = 0;
		}
	} else if (cJSON_IsArray(value)) {
		cJSON_ArrayForEach(it, value)
		{
			strbuf_reset(&why);
			if (cJSON_IsString(it) && answers_grammar_check(grammar, it->valuestring, &why)) {
				detect_warn(c, "found %s argument '%s' ('%s:%d') but no shell runs the "
					       "command (no quotes, '$' or backslashes); set %s by hand",
					    key, it->valuestring, file, line, key);
				ok = 0;
				break;
			}
		}
	}
	strbuf_release(&why);
	return ok;
}

void detect_fact_note(struct detect_ctx *c, const char *key, cJSON *value, const char *file,
		      int line, const char *confidence, const char *note)
{
	cJSON *f;

	if (!value)
		return;
	if (cJSON_GetObjectItemCaseSensitive(c->facts, key) || !usable(c, key, value, file, line)) {
		cJSON_Delete(value);
		return;
	}
	f = cJSON_CreateObject();
	cJSON_AddItemToObject(f, "value", value);
	strbuf_reset(&c->tmp);
	strbuf_addf(&c->tmp, "%s:%d", file, line > 0 ? line : 1);
	cJSON_AddStringToObject(f, "source", c->tmp.buf);
	cJSON_AddStringToObject(f, "confidence", confidence);
	if (note)
		cJSON_AddStringToObject(f, "note", note);
	cJSON_AddItemToObject(c->facts, key, f);
}

void detect_fact(struct detect_ctx *c, const char *key, cJSON *value, const char *file, int line,
		 const char *confidence)
{
	detect_fact_note(c, key, value, file, line, confidence, NULL);
}

const cJSON *detect_value(const struct detect_ctx *c, const char *key)
{
	const cJSON *f = cJSON_GetObjectItemCaseSensitive(c->facts, key);
	return f ? cJSON_GetObjectItemCaseSensitive(f, "value") : NULL;
}

const char *detect_value_str(const struct detect_ctx *c, const char *key)
{
	const cJSON *v = detect_value(c, key);
	return cJSON_IsString(v) ? v->valuestring : NULL;
}

void detect_note_add(struct detect_ctx *c, const char *list, const char *text)
{
	cJSON *arr = cJSON_GetObjectItemCaseSensitive(c->notes, list), *it;

	if (!arr)
		arr = cJSON_AddArrayToObject(c->notes, list);
	cJSON_ArrayForEach(it, arr)
	{
		if (!strcmp(it->valuestring, text))
			return;
	}
	cJSON_AddItemToArray(arr, cJSON_CreateString(text));
}

const struct detect_dep *detect_find_dep(const struct detect_ctx *c, const char *canonical)
{
	for (size_t i = 0; i < c->ndeps; i++)
		if (!strcmp(c->deps[i].canonical, canonical))
			return &c->deps[i];
	return NULL;
}

void detect_add_dep(struct detect_ctx *c, const char *name, const char *file, int line,
		    int no_binary)
{
	struct strbuf canon = STRBUF_INIT, src = STRBUF_INIT;
	size_t i;

	for (i = 0; name[i]; i++) {
		char ch = name[i];
		strbuf_addch(&canon, ch >= 'A' && ch <= 'Z' ? (char)(ch - 'A' + 'a')
					: (ch == '_' || ch == '.') ? '-' : ch);
	}
	if (!canon.len || detect_find_dep(c, canon.buf))
		goto out;
	strbuf_addf(&src, "%s:%d", file, line > 0 ? line : 1);
	ALLOC_GROW(c->deps, c->ndeps + 1, c->deps_alloc);
	c->deps[c->ndeps].canonical = strbuf_detach(&canon, NULL);
	c->deps[c->ndeps].source = strbuf_detach(&src, NULL);
	c->deps[c->ndeps].no_binary = no_binary;
	c->ndeps++;
out:
	strbuf_release(&canon);
	strbuf_release(&src);
}

/* source_dir: the app (entrypoint, else command) was found under src/ and the project is not
 * installed as a package, so the image must put src/ on PYTHONPATH. */
static void detect_source_dir(struct detect_ctx *c)
{
	const cJSON *inst = detect_value(c, "installable_package");
	const char *keys[] = {"entrypoint", "command"};
	char *file = NULL;

	if (!cJSON_IsFalse(inst))
		goto out;
	for (size_t i = 0; i < sizeof(keys) / sizeof(*keys); i++) {
		const cJSON *f = cJSON_GetObjectItemCaseSensitive(c->facts, keys[i]);
		const cJSON *src = cJSON_GetObjectItemCaseSensitive(f, "source");
		const char *colon;
		if (!f || !cJSON_IsString(src))
			continue;
		if (strncmp(src->valuestring, "src/", 4) != 0)
			break;
		colon = strrchr(src->valuestring, ':');
		file = colon ? xstrndup(src->valuestring, (size_t)(colon - src->valuestring))
			     : xstrdup(src->valuestring);
		detect_fact(c, "source_dir", cJSON_CreateString("src"), file,
			    colon ? atoi(colon + 1) : 1, "certain");
		break;
	}
out:
	free(file);
}

static int cmp_str(const void *a, const void *b)
{
	return strcmp(*(const char *const *)a, *(const char *const *)b);
}

int detect_has_file(const struct detect_ctx *c, const char *rel)
{
	if (c->index)
		return bsearch(&rel, c->index, c->nfiles, sizeof(*c->index), cmp_str) != NULL;
	for (size_t i = 0; i < c->nfiles; i++)
		if (!strcmp(c->files[i], rel))
			return 1;
	return 0;
}

/* 1 when path (a realpath) is root or inside it. */
static int inside_root(const char *root, const char *path)
{
	size_t n = strlen(root);
	if (n == 1 && root[0] == '/')
		return 1;
	return !strncmp(root, path, n) && (path[n] == '\0' || path[n] == '/');
}

/*
 * Read a file of the walk: open, fstat, one read of st_size + 1 bytes (a
 * short read of a regular file means end of file), close. The walk already
 * refused symlinks leading out of the project, so a listed file needs no
 * realpath; a path that is not listed is resolved and checked first.
 */
int detect_read(struct detect_ctx *c, const char *rel, struct strbuf *out)
{
	struct strbuf full = STRBUF_INIT;
	struct stat st;
	char *real = NULL;
	int fd = -1, ret = -1;

	strbuf_reset(out);
	fs_path_join(&full, c->root, rel);
	if (!detect_has_file(c, rel)) {
		real = realpath(full.buf, NULL);
		if (!real) {
			detect_warn(c, "cannot read '%s': %s; skipped", rel, strerror(errno));
			goto out;
		}
		if (!inside_root(c->root, real)) {
			detect_warn(c, "'%s' points outside the project; not read", rel);
			goto out;
		}
	}
	fd = open(full.buf, O_RDONLY | O_CLOEXEC | O_NONBLOCK);
	if (fd < 0) {
		detect_warn(c, "cannot read '%s': %s; skipped", rel, strerror(errno));
		goto out;
	}
	if (fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) {
		detect_warn(c, "cannot read '%s': not a regular file; skipped", rel);
		goto out;
	}
	if ((unsigned long long)st.st_size > c->cap) {
		detect_warn(c, "skipped '%s': %lld bytes, over the %zu-byte limit", rel,
			    (long long)st.st_size, c->cap);
		goto out;
	}
	strbuf_grow(out, (size_t)st.st_size + 1);
	for (;;) {
		size_t want = out->alloc - out->len - 1;
		ssize_t n = read(fd, out->buf + out->len, want);
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0) {
			detect_warn(c, "cannot read '%s': %s; skipped", rel, strerror(errno));
			strbuf_reset(out);
			goto out;
		}
		out->len += (size_t)n;
		out->buf[out->len] = '\0';
		if (out->len > c->cap) {
			detect_warn(c, "skipped '%s': over the %zu-byte limit", rel, c->cap);
			strbuf_reset(out);
			goto out;
		}
		if ((size_t)n < want)
			break;
		strbuf_grow(out, 4096);
	}
	if (memchr(out->buf, '\0', out->len)) {
		detect_warn(c, "skipped '%s': binary data", rel);
		strbuf_reset(out);
		goto out;
	}
	/* a UTF-8 byte order mark is not content, for every reader (TOML, .python-version...) */
	if (out->len >= 3 && !memcmp(out->buf, "\xEF\xBB\xBF", 3))
		strbuf_remove(out, 0, 3);
	ret = 0;
out:
	if (fd >= 0)
		close(fd);
	free(real);
	strbuf_release(&full);
	return ret;
}

/* Walk entries carry a type byte in front of the name; sort by the name. */
static int cmp_entry(const void *a, const void *b)
{
	return strcmp(*(const char *const *)a + 1, *(const char *const *)b + 1);
}

static int skipped_dir(const char *name)
{
	size_t n = strlen(name);
	for (size_t i = 0; skip_dirs[i]; i++)
		if (!strcmp(name, skip_dirs[i]))
			return 1;
	if (n > 9 && !strcmp(name + n - 9, ".egg-info"))
		return 1;
	return 0;
}

static int seen_dir(struct walk *w, const struct stat *st)
{
	for (size_t i = 0; i < w->nseen; i++)
		if (w->seen[i].dev == st->st_dev && w->seen[i].ino == st->st_ino)
			return 1;
	ALLOC_GROW(w->seen, w->nseen + 1, w->seen_alloc);
	w->seen[w->nseen].dev = st->st_dev;
	w->seen[w->nseen].ino = st->st_ino;
	w->nseen++;
	return 0;
}

/* 1 when the symlink rel resolves to its own directory or one of its parents. */
static int link_is_loop(const struct detect_ctx *c, const char *rel)
{
	struct strbuf full = STRBUF_INIT;
	const char *slash = strrchr(rel, '/');
	char *target, *parent;
	int loop = 0;

	fs_path_join(&full, c->root, rel);
	target = realpath(full.buf, NULL);
	strbuf_reset(&full);
	strbuf_addstr(&full, c->root);
	if (slash) {
		strbuf_addch(&full, '/');
		strbuf_add(&full, rel, (size_t)(slash - rel));
	}
	parent = realpath(full.buf, NULL);
	if (target && parent)
		loop = inside_root(target, parent);
	free(target);
	free(parent);
	strbuf_release(&full);
	return loop;
}

static void add_file(struct detect_ctx *c, const char *rel)
{
	ALLOC_GROW(c->files, c->nfiles + 1, c->files_alloc);
	c->files[c->nfiles++] = xstrdup(rel);
}

static void walk_dir(struct walk *w, struct strbuf *rel, int depth)
{
	struct detect_ctx *c = w->c;
	struct strbuf full = STRBUF_INIT;
	char **names = NULL;
	size_t n = 0, alloc = 0, base = rel->len;
	DIR *d;
	struct dirent *de;

	fs_path_join(&full, c->root, rel->len ? rel->buf : ".");
	d = opendir(full.buf);
	if (!d) {
		detect_warn(c, "cannot read directory '%s': %s; skipped", rel->len ? rel->buf : ".",
			    strerror(errno));
		goto out;
	}
	while ((de = readdir(d))) {
		size_t len;
		char *entry;
		if (!strcmp(de->d_name, ".") || !strcmp(de->d_name, ".."))
			continue;
		/* keep d_type in front of the name: regular files need no lstat */
		len = strlen(de->d_name);
		entry = xmalloc(len + 2);
		entry[0] = de->d_type == DT_REG ? 'f' : de->d_type == DT_DIR ? 'd' : '?';
		memcpy(entry + 1, de->d_name, len + 1);
		ALLOC_GROW(names, n + 1, alloc);
		names[n++] = entry;
	}
	closedir(d);
	if (n > 1)
		qsort(names, n, sizeof(*names), cmp_entry);
	/* a virtual environment under any name */
	for (size_t i = 0; base && i < n; i++)
		if (!strcmp(names[i] + 1, "pyvenv.cfg"))
			goto out;
	for (size_t i = 0; i < n; i++) {
		struct stat st;
		const char *name = names[i] + 1;
		int is_link = 0;

		if (c->nfiles >= DETECT_MAX_FILES) {
			if (!c->truncated)
				detect_warn(c, "stopped after %d files; the rest of the tree was not read",
					    DETECT_MAX_FILES);
			c->truncated = 1;
			break;
		}
		strbuf_setlen(rel, base);
		if (base)
			strbuf_addch(rel, '/');
		strbuf_addstr(rel, name);
		if (names[i][0] == 'f') {
			add_file(c, rel->buf);
			continue;
		}
		if (names[i][0] == 'd' && (skipped_dir(name) || (name[0] == '.' && strcmp(name, ".github"))))
			continue;
		fs_path_join(&full, c->root, rel->buf);
		if (lstat(full.buf, &st) != 0)
			continue;
		if (S_ISLNK(st.st_mode)) {
			char *real = realpath(full.buf, NULL);
			is_link = 1;
			if (!real) {
				if (errno == ELOOP)
					detect_warn(c, "symlink loop at '%s'; not followed", rel->buf);
				else
					detect_warn(c, "broken symlink '%s'; skipped", rel->buf);
				continue;
			}
			if (!inside_root(c->root, real)) {
				detect_warn(c, "symlink '%s' points outside the project; not followed",
					    rel->buf);
				free(real);
				continue;
			}
			free(real);
			if (stat(full.buf, &st) != 0)
				continue;
		}
		if (S_ISDIR(st.st_mode)) {
			if (skipped_dir(name) || (name[0] == '.' && strcmp(name, ".github")))
				continue;
			if (depth + 1 > DETECT_MAX_DEPTH)
				continue;
			if (seen_dir(w, &st)) {
				if (is_link && link_is_loop(c, rel->buf))
					detect_warn(c, "symlink loop at '%s'; not followed", rel->buf);
				continue;
			}
			walk_dir(w, rel, depth + 1);
		} else if (S_ISREG(st.st_mode)) {
			add_file(c, rel->buf);
		}
	}
	strbuf_setlen(rel, base);
out:
	for (size_t i = 0; i < n; i++)
		free(names[i]);
	free(names);
	strbuf_release(&full);
}

/* Files that mark a Python project (besides *.py files). */
static const char *const python_markers[] = {
	"pyproject.toml", "setup.py", "setup.cfg", "requirements.txt", "requirements.in",
	"Pipfile", "Pipfile.lock", "poetry.lock", "uv.lock", "environment.yml",
	"environment.yaml", "conda-lock.yml", "manage.py", NULL};

static int has_python(const struct detect_ctx *c)
{
	for (size_t i = 0; i < c->nfiles; i++) {
		const char *f = c->files[i];
		size_t n = strlen(f);
		if (n > 3 && !strcmp(f + n - 3, ".py"))
			return 1;
		if (!strchr(f, '/')) {
			for (size_t k = 0; python_markers[k]; k++)
				if (!strcmp(f, python_markers[k]))
					return 1;
			if (!strncmp(f, "requirements", 12) &&
			    (strstr(f, ".txt") || strstr(f, ".in")))
				return 1;
		}
	}
	return 0;
}

static void add_existing(struct detect_ctx *c, const char *kind, const char *path)
{
	cJSON *arr = cJSON_GetObjectItemCaseSensitive(c->existing, kind);
	cJSON_AddItemToArray(arr, cJSON_CreateString(path));
}

static int is_dockerfile_name(const char *base)
{
	size_t n = strlen(base);
	return !strcmp(base, "Dockerfile") || !strncmp(base, "Dockerfile.", 11) ||
	       !strcmp(base, "Containerfile") || (n > 11 && !strcmp(base + n - 11, ".Dockerfile")) ||
	       (n > 11 && !strcmp(base + n - 11, ".dockerfile"));
}

static int is_compose_name(const char *base)
{
	return !strcmp(base, "compose.yaml") || !strcmp(base, "compose.yml") ||
	       !strncmp(base, "docker-compose", 14) ||
	       (!strncmp(base, "compose.", 8) && (strstr(base, ".yml") || strstr(base, ".yaml")));
}

static int is_yaml_name(const char *base)
{
	size_t n = strlen(base);
	return (n > 4 && !strcmp(base + n - 4, ".yml")) || (n > 5 && !strcmp(base + n - 5, ".yaml"));
}

/* CI files in dir (prefix "" or "../../") found through the walk or on disk. */
static void detect_ci(struct detect_ctx *c)
{
	const char *gh = NULL, *gl = NULL;
	struct strbuf path = STRBUF_INIT, full = STRBUF_INIT;

	for (size_t i = 0; i < c->nfiles; i++) {
		const char *f = c->files[i];
		if (!strncmp(f, ".github/workflows/", 18) && !strchr(f + 18, '/') &&
		    is_yaml_name(f + 18)) {
			add_existing(c, "ci", f);
			if (!gh)
				gh = f;
		}
		if (!strcmp(f, ".gitlab-ci.yml")) {
			add_existing(c, "ci", f);
			gl = f;
		}
	}
	if (gh)
		detect_fact(c, "ci", cJSON_CreateString("github"), gh, 1, "certain");
	else if (gl)
		detect_fact(c, "ci", cJSON_CreateString("gitlab"), gl, 1, "certain");
	if (gh && gl)
		detect_warn(c, "both GitHub Actions ('%s') and GitLab CI ('%s') are configured; "
			       "using github", gh, gl);
	if (!gh && !gl && c->repo_up) {
		/* a monorepo: CI lives at the repository root */
		DIR *d;
		strbuf_addf(&path, "%s.github/workflows", c->repo_up);
		fs_path_join(&full, c->root, path.buf);
		d = opendir(full.buf);
		if (d) {
			struct dirent *de;
			char **names = NULL;
			size_t n = 0, alloc = 0;
			while ((de = readdir(d)))
				if (de->d_name[0] != '.' && is_yaml_name(de->d_name)) {
					ALLOC_GROW(names, n + 1, alloc);
					names[n++] = xstrdup(de->d_name);
				}
			closedir(d);
			if (n > 1)
				qsort(names, n, sizeof(*names), cmp_str);
			for (size_t i = 0; i < n; i++) {
				strbuf_reset(&full);
				strbuf_addf(&full, "%s/%s", path.buf, names[i]);
				add_existing(c, "ci", full.buf);
				if (!i)
					detect_fact(c, "ci", cJSON_CreateString("github"), full.buf, 1,
						    "certain");
				free(names[i]);
			}
			free(names);
		}
		if (!detect_value(c, "ci")) {
			strbuf_reset(&path);
			strbuf_addf(&path, "%s.gitlab-ci.yml", c->repo_up);
			fs_path_join(&full, c->root, path.buf);
			if (fs_exists(full.buf)) {
				add_existing(c, "ci", path.buf);
				detect_fact(c, "ci", cJSON_CreateString("gitlab"), path.buf, 1,
					    "certain");
			}
		}
	}
	strbuf_release(&path);
	strbuf_release(&full);
}

static void detect_existing(struct detect_ctx *c)
{
	for (size_t i = 0; i < c->nfiles; i++) {
		const char *f = c->files[i], *slash = strrchr(f, '/');
		const char *base = slash ? slash + 1 : f;
		int depth = 0;
		for (const char *p = f; *p; p++)
			depth += *p == '/';
		if (depth <= 1 && is_dockerfile_name(base))
			add_existing(c, "dockerfile", f);
		if (depth <= 1 && !strcmp(base, ".dockerignore"))
			add_existing(c, "dockerignore", f);
		if (depth == 0 && is_compose_name(base))
			add_existing(c, "compose", f);
	}
}

/* Look up for a directory holding .git, at most DETECT_MAX_UP levels. */
static void find_repo_root(struct detect_ctx *c)
{
	struct strbuf up = STRBUF_INIT, probe = STRBUF_INIT;

	for (int i = 0; i <= DETECT_MAX_UP; i++) {
		fs_path_join(&probe, c->root, up.len ? up.buf : ".");
		strbuf_addstr(&probe, "/.git");
		if (fs_exists(probe.buf)) {
			if (up.len)
				c->repo_up = xstrdup(up.buf);
			break;
		}
		strbuf_addstr(&up, "../");
		strbuf_reset(&probe);
		strbuf_addf(&probe, "%s/%s", c->root, up.buf);
		{
			char *real = realpath(probe.buf, NULL);
			int top = !real || !strcmp(real, "/");
			free(real);
			if (top)
				break;
		}
	}
	strbuf_release(&up);
	strbuf_release(&probe);
}

/*
 * No dependency file at the top: a monorepo root, most likely. Name the
 * subdirectories (up to three levels down) that hold a Python project.
 */
static void suggest_subprojects(struct detect_ctx *c)
{
	static const char *const markers[] = {"pyproject.toml", "requirements.txt", "setup.py",
					      "Pipfile", "environment.yml", "manage.py", NULL};
	struct strbuf list = STRBUF_INIT, dir = STRBUF_INIT;
	int n = 0;

	for (size_t i = 0; i < c->nfiles && n < 8; i++) {
		const char *f = c->files[i], *slash = strrchr(f, '/');
		int depth = 0;
		if (!slash)
			continue;
		for (const char *p = f; *p; p++)
			depth += *p == '/';
		if (depth > 3)
			continue;
		for (size_t k = 0; markers[k]; k++) {
			if (strcmp(slash + 1, markers[k]))
				continue;
			strbuf_reset(&dir);
			strbuf_addch(&dir, '\'');
			strbuf_add(&dir, f, (size_t)(slash - f));
			strbuf_addch(&dir, '\'');
			if (!strstr(list.buf, dir.buf)) {
				strbuf_addf(&list, "%s%s", n ? ", " : "", dir.buf);
				n++;
			}
			break;
		}
	}
	if (n)
		detect_warn(c, "no dependency files at the top of the project; Python projects found "
			       "in %s: run detect there",
			    list.buf);
	strbuf_release(&list);
	strbuf_release(&dir);
}

static void set_today(struct detect_ctx *c, const struct detect_opts *opts)
{
	const char *t = opts && opts->today ? opts->today : getenv("SHIPSHAPE_TODAY");

	if (t && strlen(t) == 10 && t[4] == '-' && t[7] == '-') {
		memcpy(c->today, t, 10);
		c->today[10] = '\0';
	} else {
		time_t now = time(NULL);
		struct tm tm;
		gmtime_r(&now, &tm);
		if (!strftime(c->today, sizeof(c->today), "%Y-%m-%d", &tm))
			memcpy(c->today, "1970-01-01", 11);
	}
}

static void ctx_release(struct detect_ctx *c)
{
	for (size_t i = 0; i < c->nfiles; i++)
		free(c->files[i]);
	free(c->files);
	free(c->index);
	for (size_t i = 0; i < c->npy; i++) {
		free(c->py[i].rel);
		free(c->py[i].module);
		pyscan_release(&c->py[i].scan);
	}
	free(c->py);
	for (size_t i = 0; i < c->ndeps; i++) {
		free(c->deps[i].canonical);
		free(c->deps[i].source);
	}
	free(c->deps);
	procfile_release(&c->procfile);
	detect_release_manifests(c);
	free(c->root);
	free(c->repo_up);
	cJSON_Delete(c->facts);
	strbuf_release(&c->tmp);
}

/* Reorder facts: answer keys first in the documented order, then the rest. */
static void order_facts(cJSON *facts)
{
	cJSON *ordered = cJSON_CreateObject();

	for (size_t i = 0; detect_answer_keys[i]; i++) {
		cJSON *f = cJSON_DetachItemFromObjectCaseSensitive(facts, detect_answer_keys[i]);
		if (f)
			cJSON_AddItemToObject(ordered, detect_answer_keys[i], f);
	}
	while (facts->child) {
		cJSON *f = facts->child;
		char *key = xstrdup(f->string);
		cJSON_DetachItemViaPointer(facts, f);
		cJSON_AddItemToObject(ordered, key, f);
		free(key);
	}
	/* move the children back so the caller's pointer stays valid */
	facts->child = ordered->child;
	ordered->child = NULL;
	cJSON_Delete(ordered);
}

int detect_project_opts(const char *dir, const struct tstore *ts, const struct detect_opts *opts,
			cJSON **facts, struct ss_error *err)
{
	struct detect_ctx c;
	struct walk w;
	struct strbuf rel = STRBUF_INIT;
	struct stat st;
	int ret = 0;

	memset(&c, 0, sizeof(c));
	memset(&w, 0, sizeof(w));
	strbuf_init(&c.tmp, 0);
	strbuf_init(&c.pyproject_src, 0);
	strbuf_init(&c.pipfile_src, 0);
	ini_init(&c.setup_cfg);
	procfile_init(&c.procfile);
	*facts = NULL;
	c.dir = dir;
	c.ts = ts;
	c.cap = opts && opts->file_cap ? opts->file_cap : DETECT_FILE_CAP;
	set_today(&c, opts);
	c.facts = cJSON_CreateObject();
	c.warnings = cJSON_CreateArray();
	c.existing = cJSON_CreateObject();
	c.notes = cJSON_CreateObject();
	cJSON_AddItemToObject(c.existing, "dockerfile", cJSON_CreateArray());
	cJSON_AddItemToObject(c.existing, "dockerignore", cJSON_CreateArray());
	cJSON_AddItemToObject(c.existing, "compose", cJSON_CreateArray());
	cJSON_AddItemToObject(c.existing, "ci", cJSON_CreateArray());

	c.root = realpath(dir, NULL);
	if (!c.root || stat(c.root, &st) != 0 || !S_ISDIR(st.st_mode)) {
		ret = ss_error_set(err, SS_ERR_INPUT, NULL, 0, 0, "cannot read directory '%s': %s",
				   dir, c.root ? "not a directory" : strerror(errno));
		cJSON_Delete(c.warnings);
		cJSON_Delete(c.existing);
		cJSON_Delete(c.notes);
		goto out;
	}
	/* a directory we cannot list is not "no python project": say why (walkthrough F11) */
	{
		DIR *d = opendir(c.root);
		if (!d) {
			ret = ss_error_set(err, SS_ERR_INPUT, NULL, 0, 0,
					   "cannot read directory '%s': %s", dir, strerror(errno));
			cJSON_Delete(c.warnings);
			cJSON_Delete(c.existing);
			cJSON_Delete(c.notes);
			goto out;
		}
		closedir(d);
	}
	w.c = &c;
	seen_dir(&w, &st);
	walk_dir(&w, &rel, 0);
	c.index = xcalloc(c.nfiles + 1, sizeof(*c.index));
	if (c.nfiles) {
		memcpy(c.index, c.files, c.nfiles * sizeof(*c.files));
		qsort(c.index, c.nfiles, sizeof(*c.index), cmp_str);
	}
	if (!has_python(&c)) {
		ret = ss_error_set(err, SS_ERR_INPUT, NULL, 0, 0,
				   "no python project in '%s': looked for pyproject.toml, setup.py, "
				   "setup.cfg, requirements*.txt, requirements.in, Pipfile, "
				   "poetry.lock, uv.lock, environment.yml, manage.py and *.py files",
				   dir);
		cJSON_Delete(c.warnings);
		cJSON_Delete(c.existing);
		cJSON_Delete(c.notes);
		goto out;
	}
	if (!(opts && opts->no_parent_ci))
		find_repo_root(&c);
	detect_existing(&c);
	detect_ci(&c);
	detect_load_manifests(&c);
	detect_python_version(&c);
	detect_dependencies(&c);
	detect_application(&c);
	detect_server_dependency(&c);
	detect_system_packages(&c);
	detect_source_dir(&c);
	if (!detect_value(&c, "dependency_manager"))
		suggest_subprojects(&c);
	order_facts(c.facts);
	cJSON_AddItemToObject(c.facts, "warnings", c.warnings);
	cJSON_AddItemToObject(c.facts, "existing", c.existing);
	cJSON_AddItemToObject(c.facts, "notes", c.notes);
	redact_tree(c.facts, &c.tmp);
	*facts = c.facts;
	c.facts = NULL;
out:
	free(w.seen);
	strbuf_release(&rel);
	ctx_release(&c);
	return ret;
}

int detect_project(const char *dir, const struct tstore *ts, cJSON **facts,
		   struct ss_error *err)
{
	return detect_project_opts(dir, ts, NULL, facts, err);
}

cJSON *detect_answers(const cJSON *facts)
{
	cJSON *out = cJSON_CreateObject();

	for (size_t i = 0; facts && detect_answer_keys[i]; i++) {
		const cJSON *f = cJSON_GetObjectItemCaseSensitive(facts, detect_answer_keys[i]);
		const cJSON *v = f ? cJSON_GetObjectItemCaseSensitive(f, "value") : NULL;
		if (v)
			cJSON_AddItemToObject(out, detect_answer_keys[i], cJSON_Duplicate(v, 1));
	}
	return out;
}

static void format_value(const cJSON *v, struct strbuf *out)
{
	const cJSON *it;
	int first = 1;

	if (cJSON_IsString(v)) {
		strbuf_addstr(out, v->valuestring);
	} else if (cJSON_IsBool(v)) {
		strbuf_addstr(out, cJSON_IsTrue(v) ? "yes" : "no");
	} else if (cJSON_IsNumber(v)) {
		strbuf_addf(out, "%d", v->valueint);
	} else if (cJSON_IsArray(v)) {
		cJSON_ArrayForEach(it, v)
		{
			if (!first)
				strbuf_addch(out, ' ');
			first = 0;
			if (cJSON_IsString(it) && strpbrk(it->valuestring, " \t'\""))
				strbuf_addf(out, "'%s'", it->valuestring);
			else
				format_value(it, out);
		}
	} else if (cJSON_IsObject(v)) {
		cJSON_ArrayForEach(it, v)
		{
			if (!first)
				strbuf_addstr(out, "; ");
			first = 0;
			strbuf_addf(out, "%s: ", it->string);
			if (cJSON_IsArray(it) && !cJSON_GetArraySize(it))
				strbuf_addstr(out, "-");
			else
				format_value(it, out);
		}
	}
}

void detect_format_table(const cJSON *facts, struct strbuf *out)
{
	const cJSON *f, *w, *ex, *it;
	int any = 0;

	cJSON_ArrayForEach(f, facts)
	{
		const cJSON *v = cJSON_GetObjectItemCaseSensitive(f, "value");
		const cJSON *src = cJSON_GetObjectItemCaseSensitive(f, "source");
		const cJSON *conf = cJSON_GetObjectItemCaseSensitive(f, "confidence");
		const cJSON *note = cJSON_GetObjectItemCaseSensitive(f, "note");
		size_t start = out->len;
		if (!v || !cJSON_IsString(src) || !cJSON_IsString(conf))
			continue;
		strbuf_addf(out, "%-20s ", f->string);
		format_value(v, out);
		strbuf_addf(out, "  (%s, %s)", src->valuestring, conf->valuestring);
		if (cJSON_IsString(note))
			strbuf_addf(out, "\n%-20s   %s", "", note->valuestring);
		strbuf_addch(out, '\n');
		(void)start;
		any = 1;
	}
	if (!any)
		strbuf_addstr(out, "(nothing detected)\n");
	ex = cJSON_GetObjectItemCaseSensitive(facts, "existing");
	if (ex) {
		int header = 0;
		cJSON_ArrayForEach(it, ex)
		{
			const cJSON *p;
			cJSON_ArrayForEach(p, it)
			{
				if (!header)
					strbuf_addstr(out, "\nexisting files:\n");
				header = 1;
				strbuf_addf(out, "  %-12s %s\n", it->string, p->valuestring);
			}
		}
	}
	w = cJSON_GetObjectItemCaseSensitive(facts, "warnings");
	if (cJSON_GetArraySize(w) > 0) {
		strbuf_addstr(out, "\nwarnings:\n");
		cJSON_ArrayForEach(it, w)
		{
			strbuf_addf(out, "  - %s\n", it->valuestring);
		}
	}
}

int detect_candidate_for_entrypoint(const cJSON *facts, const char *entrypoint,
				    const char **kind, const char **framework)
{
	const cJSON *it, *ep, *k, *f;
	int found = 0;

	*kind = *framework = NULL;
	if (!facts || !entrypoint)
		goto out;
	/* the detected entrypoint: the detected kind and framework */
	ep = cJSON_GetObjectItemCaseSensitive(cJSON_GetObjectItemCaseSensitive(facts, "entrypoint"),
					      "value");
	k = cJSON_GetObjectItemCaseSensitive(cJSON_GetObjectItemCaseSensitive(facts, "app_kind"),
					     "value");
	f = cJSON_GetObjectItemCaseSensitive(cJSON_GetObjectItemCaseSensitive(facts, "framework"),
					     "value");
	if (cJSON_IsString(ep) && !strcmp(ep->valuestring, entrypoint) && cJSON_IsString(k) &&
	    cJSON_IsString(f)) {
		*kind = k->valuestring;
		*framework = f->valuestring;
		found = 1;
		goto out;
	}
	cJSON_ArrayForEach(it, cJSON_GetObjectItemCaseSensitive(
				       cJSON_GetObjectItemCaseSensitive(facts, "notes"), "candidate_apps"))
	{
		ep = cJSON_GetObjectItemCaseSensitive(it, "entrypoint");
		k = cJSON_GetObjectItemCaseSensitive(it, "app_kind");
		f = cJSON_GetObjectItemCaseSensitive(it, "framework");
		if (cJSON_IsString(ep) && cJSON_IsString(k) && cJSON_IsString(f) &&
		    !strcmp(ep->valuestring, entrypoint)) {
			*kind = k->valuestring;
			*framework = f->valuestring;
			found = 1;
			goto out;
		}
	}
out:
	return found;
}
