/*
 * render: build the view (answers + tier + active practices), then render
 * every template of the file table in strict mode.
 */
#include "shipshape/render.h"

#include <stdlib.h>
#include <string.h>

#include "shipshape/answers.h"
#include "shipshape/mustache.h"
#include "shipshape/xalloc.h"

/*
 * The files shipshape can generate. A file is rendered when `always` is
 * set, or when an active practice lists `change` in its "changes"; `when`
 * narrows it to one value of an answer (e.g. ci = github).
 */
struct file_rule {
	const char *path, *tpl;
	unsigned mode;
	int always;
	const char *change;            /* a "changes" entry that asks for the file */
	const char *when_key, *when_value;
};

static const struct file_rule file_rules[] = {
	{"Dockerfile", "Dockerfile.mustache", 0644, 1, NULL, NULL, NULL},
	{".dockerignore", "dockerignore.mustache", 0644, 1, NULL, NULL, NULL},
	{"docker-entrypoint.sh", "docker-entrypoint.sh.mustache", 0755, 0, "docker-entrypoint.sh",
	 NULL, NULL},
	{".github/workflows/docker.yml", "github-actions.yml.mustache", 0644, 0, "ci", "ci",
	 "github"},
	{".gitlab-ci.yml", "gitlab-ci.yml.mustache", 0644, 0, "ci", "ci", "gitlab"},
	{".github/dependabot.yml", "dependabot.yml.mustache", 0644, 0, "update-bot", "update_bot",
	 "dependabot"},
	{"renovate.json5", "renovate.json5.mustache", 0644, 0, "update-bot", "update_bot",
	 "renovate"},
};

/*
 * Conflicts that practices.md section 3 resolves and the catalog cannot
 * express with "replaces" alone: when `winner` is active, `loser` is not.
 * (The catalog's own replaces/conflicts lists are applied too.)
 */
static const struct {
	const char *winner, *loser;
} resolved[] = {
	{"build-time.package-cache-mount", "image-size.pip-no-cache-dir"},
};

/* Practices whose effect spans several lines of a template, computed here. */
#define P_MULTISTAGE "image-size.multi-stage-venv"
#define P_VENV "correctness.venv-on-path"
#define P_APT_UPGRADE "security.apt-security-updates"
#define P_APT_NO_RECOMMENDS "security.apt-no-install-recommends"
#define P_APT_LISTS "security.apt-lists-removed"
#define P_RUNTIME_LIBS "image-size.runtime-libs-only"
#define P_TINI "correctness.init-process"
#define P_ENTRY_SCRIPT "correctness.entrypoint-exec"
#define P_GIT_LABEL "automation.oci-revision-label"
#define P_GIT_ENV "correctness.version-in-environment"
#define P_NO_DEPS "reproducibility.install-project-no-deps"
#define P_LOCKED "reproducibility.locked-install"
#define P_NON_ROOT "security.non-root-user"
#define P_PINNED "reproducibility.pinned-pip-installs"
#define P_UNPRIV_PORT "security.unprivileged-port"

/* Where the entrypoint script goes in the image. */
#define ENTRY_SCRIPT_PATH "/usr/local/bin/docker-entrypoint.sh"

void rendering_init(struct rendering *r)
{
	r->files = NULL;
	r->nr = r->alloc = 0;
	r->tier = -1;
	r->active = NULL;
	r->nactive = 0;
}

void rendering_release(struct rendering *r)
{
	if (!r)
		return;
	for (size_t i = 0; i < r->nr; i++) {
		free(r->files[i].path);
		strbuf_release(&r->files[i].content);
	}
	free(r->files);
	for (size_t i = 0; i < r->nactive; i++)
		free(r->active[i]);
	free(r->active);
	rendering_init(r);
}

const struct rendered_file *rendering_find(const struct rendering *r, const char *path)
{
	for (size_t i = 0; i < r->nr; i++)
		if (!strcmp(r->files[i].path, path))
			return &r->files[i];
	return NULL;
}

int rendering_has_practice(const struct rendering *r, const char *id)
{
	for (size_t i = 0; i < r->nactive; i++)
		if (!strcmp(r->active[i], id))
			return 1;
	return 0;
}

/* ---- the active set ------------------------------------------------- */

static long practice_index(const struct catalog *c, const char *id)
{
	for (size_t i = 0; i < c->nr; i++)
		if (!strcmp(c->items[i].id, id))
			return (long)i;
	return -1;
}

/*
 * active[i]: 1 when practice i is in force at tier. Candidates apply to the
 * answers, are of tier <= tier and not skipped; then replaced practices and
 * the losers of conflicts drop out (the later tier adapts, PRODUCT.md).
 */
static void compute_active(const struct catalog *c, const struct profile *p, const cJSON *answers,
			   int tier, char *active)
{
	for (size_t i = 0; i < c->nr; i++) {
		const struct practice *pr = &c->items[i];
		active[i] = pr->tier <= tier && catalog_applies(pr, answers) &&
			    !profile_is_skipped(p, pr->id, NULL);
	}
	for (size_t i = 0; i < c->nr; i++) {
		const struct practice *pr = &c->items[i];
		if (!active[i])
			continue;
		for (size_t k = 0; k < pr->nreplaces; k++) {
			long j = practice_index(c, pr->replaces[k]);
			if (j >= 0)
				active[j] = 0;
		}
	}
	for (size_t i = 0; i < c->nr; i++) {
		const struct practice *pr = &c->items[i];
		if (!active[i])
			continue;
		for (size_t k = 0; k < pr->nconflicts; k++) {
			long j = practice_index(c, pr->conflicts[k]);
			if (j < 0 || !active[j])
				continue;
			/* the later tier (then the later entry) wins */
			if (c->items[j].tier > pr->tier ||
			    (c->items[j].tier == pr->tier && (size_t)j > i))
				active[i] = 0;
			else
				active[j] = 0;
		}
	}
	for (size_t r = 0; r < sizeof(resolved) / sizeof(resolved[0]); r++) {
		long w = practice_index(c, resolved[r].winner);
		long l = practice_index(c, resolved[r].loser);
		if (w >= 0 && l >= 0 && active[w])
			active[l] = 0;
	}
}

/* Set the boolean at the dotted path id below obj ("a.b-c" -> obj.a["b-c"]). */
static void set_dotted_bool(cJSON *obj, const char *id, int value)
{
	const char *s = id;
	cJSON *cur = obj;
	for (;;) {
		const char *dot = strchr(s, '.');
		char *part = dot ? xstrndup(s, (size_t)(dot - s)) : xstrdup(s);
		cJSON *next = cJSON_GetObjectItemCaseSensitive(cur, part);
		if (!dot) {
			if (next)
				cJSON_DeleteItemFromObjectCaseSensitive(cur, part);
			cJSON_AddBoolToObject(cur, part, value);
			free(part);
			return;
		}
		if (!cJSON_IsObject(next)) {
			if (next)
				cJSON_DeleteItemFromObjectCaseSensitive(cur, part);
			next = cJSON_AddObjectToObject(cur, part);
		}
		free(part);
		cur = next;
		s = dot + 1;
	}
}

/* ---- derived values ------------------------------------------------- */

/* A reason typed by a user, made safe for one comment line in quotes. */
static void add_safe_reason(struct strbuf *out, const char *s)
{
	size_t n = 0;
	for (; *s && n < 200; s++, n++) {
		unsigned char ch = (unsigned char)*s;
		if (ch < 0x20 || ch == 0x7f)
			strbuf_addch(out, ' ');
		else if (ch == '"')
			strbuf_addch(out, '\'');
		else if (ch == '\\')
			strbuf_addch(out, '/');
		else
			strbuf_addch(out, ch);
	}
}

/* "a", "b" for exec-form arrays: every item JSON-escaped and quoted. */
static void add_json_items(struct strbuf *out, const cJSON *arr, int from, int to)
{
	int n = 0;
	for (int i = from; i < to; i++) {
		const cJSON *it = cJSON_GetArrayItem(arr, i);
		if (!cJSON_IsString(it))
			continue;
		if (n++)
			strbuf_addstr(out, ", ");
		strbuf_addch(out, '"');
		strbuf_add_json_escaped(out, it->valuestring);
		strbuf_addch(out, '"');
	}
}

/* dir + "/" + name, with no doubled slash. */
static void fs_join_app(struct strbuf *out, const char *dir, const char *name)
{
	strbuf_addstr(out, dir);
	if (out->len && out->buf[out->len - 1] != '/')
		strbuf_addch(out, '/');
	strbuf_addstr(out, name);
}

static void add_string(cJSON *view, const char *key, const char *value)
{
	cJSON_AddStringToObject(view, key, value);
}

static const char *answer_str(const cJSON *answers, const char *key, const char *dflt)
{
	const cJSON *v = cJSON_GetObjectItemCaseSensitive(answers, key);
	return cJSON_IsString(v) && v->valuestring ? v->valuestring : dflt;
}

/* Space-separated package names of system_packages[which], sorted as given. */
static void package_list(const cJSON *answers, const char *which, struct strbuf *out)
{
	const cJSON *sp = cJSON_GetObjectItemCaseSensitive(answers, "system_packages");
	const cJSON *arr = cJSON_GetObjectItemCaseSensitive(sp, which), *it;
	cJSON_ArrayForEach(it, arr)
	{
		if (!cJSON_IsString(it))
			continue;
		if (out->len)
			strbuf_addch(out, ' ');
		strbuf_addstr(out, it->valuestring);
	}
}

/*
 * Derived values the templates need and cannot compute: exec-form argv
 * pieces (JSON-escaped), the import name, package lists, one boolean
 * object per enum answer (<key>_is.<choice>).
 */
static void add_derived(cJSON *view, const struct answer_schema *s, const cJSON *answers)
{
	struct strbuf sb = STRBUF_INIT;
	const char *entry = answer_str(answers, "entrypoint", "");
	const cJSON *cmd = cJSON_GetObjectItemCaseSensitive(answers, "command");
	int ncmd = cJSON_IsArray(cmd) ? cJSON_GetArraySize(cmd) : 0;
	int split;

	/* enum answers: kind_is.wsgi, dependency_manager_is.poetry, ... */
	for (size_t i = 0; i < s->nr; i++) {
		const struct answer_key *k = &s->keys[i];
		const cJSON *v = cJSON_GetObjectItemCaseSensitive(answers, k->key);
		cJSON *o;
		if (!k->nchoices)
			continue;
		strbuf_reset(&sb);
		strbuf_addf(&sb, "%s_is", k->key);
		o = cJSON_AddObjectToObject(view, sb.buf);
		for (size_t j = 0; j < k->nchoices; j++)
			cJSON_AddBoolToObject(o, k->choices[j], cJSON_IsString(v) &&
						  !strcmp(v->valuestring, k->choices[j]));
	}

	/* "app:app" quoted for exec form; the module part for the import check */
	strbuf_reset(&sb);
	strbuf_addch(&sb, '"');
	strbuf_add_json_escaped(&sb, entry);
	strbuf_addch(&sb, '"');
	add_string(view, "entrypoint_json", sb.buf);
	strbuf_reset(&sb);
	{
		const char *colon = strchr(entry, ':');
		strbuf_add(&sb, entry, colon ? (size_t)(colon - entry) : strlen(entry));
	}
	if (!sb.len && ncmd >= 3) {
		/* python -m pkg ... -> pkg */
		const cJSON *a0 = cJSON_GetArrayItem(cmd, 1), *a1 = cJSON_GetArrayItem(cmd, 2);
		if (cJSON_IsString(a0) && !strcmp(a0->valuestring, "-m") && cJSON_IsString(a1))
			strbuf_addstr(&sb, a1->valuestring);
	}
	cJSON_AddBoolToObject(view, "has_import_name", sb.len > 0);
	add_string(view, "import_name", sb.buf);

	/* command: whole argv, and split for ENTRYPOINT + CMD (cli) */
	strbuf_reset(&sb);
	add_json_items(&sb, cmd, 0, ncmd);
	add_string(view, "command_json", sb.buf);
	split = 1;
	if (ncmd >= 3) {
		const cJSON *a0 = cJSON_GetArrayItem(cmd, 0), *a1 = cJSON_GetArrayItem(cmd, 1);
		if (cJSON_IsString(a0) && cJSON_IsString(a1) && !strcmp(a1->valuestring, "-m") &&
		    !strncmp(a0->valuestring, "python", 6))
			split = 3;
	}
	if (split > ncmd)
		split = ncmd;
	strbuf_reset(&sb);
	add_json_items(&sb, cmd, 0, split);
	add_string(view, "cli_entry_json", sb.buf);
	strbuf_reset(&sb);
	add_json_items(&sb, cmd, split, ncmd);
	if (!sb.len)
		strbuf_addstr(&sb, "\"--help\"");
	add_string(view, "cli_args_json", sb.buf);

	/*
	 * The image's name in CI: image_name left at the schema's default
	 * ("app", which no public registry accepts alone) means "name it after
	 * the repository" (GitHub: OWNER/REPO, GitLab: $CI_REGISTRY_IMAGE);
	 * a one-part name on ghcr.io goes under the repository's owner.
	 */
	{
		const struct answer_key *ik = answers_schema_find(s, "image_name");
		const char *image = answer_str(answers, "image_name", "");
		const char *registry = answer_str(answers, "registry", "");
		int from_repo = !*image || (ik && cJSON_IsString(ik->default_value) &&
					    !strcmp(ik->default_value->valuestring, image));
		int under_owner = !from_repo && !strcmp(registry, "ghcr.io") && !strchr(image, '/');
		const char *sub = answer_str(answers, "repo_subdir", "");
		const char *last = strrchr(sub, '/');
		struct strbuf part = STRBUF_INIT;
		cJSON_AddBoolToObject(view, "image_from_repo", from_repo);
		cJSON_AddBoolToObject(view, "image_under_owner", under_owner);
		cJSON_AddBoolToObject(view, "image_from_ci", from_repo || under_owner);
		/* one image per project of a monorepo: REPO/<last part of repo_subdir> */
		for (const char *t = last ? last + 1 : sub; *t; t++) {
			char ch = *t;
			if (ch >= 'A' && ch <= 'Z')
				ch = (char)(ch - 'A' + 'a');
			else if (!((ch >= 'a' && ch <= 'z') || (ch >= '0' && ch <= '9') || ch == '.' ||
				   ch == '_' || ch == '-'))
				ch = '-';
			strbuf_addch(&part, ch);
		}
		while (part.len && !((part.buf[0] >= 'a' && part.buf[0] <= 'z') ||
				     (part.buf[0] >= '0' && part.buf[0] <= '9')))
			strbuf_remove(&part, 0, 1);
		while (part.len && !((part.buf[part.len - 1] >= 'a' && part.buf[part.len - 1] <= 'z') ||
				     (part.buf[part.len - 1] >= '0' && part.buf[part.len - 1] <= '9')))
			strbuf_setlen(&part, part.len - 1);
		if (from_repo && part.len) {
			cJSON *o = cJSON_AddObjectToObject(view, "image_subpath");
			cJSON_AddStringToObject(o, "name", part.buf);
		} else {
			cJSON_AddFalseToObject(view, "image_subpath");
		}
		strbuf_release(&part);
	}

	/* placeholders for the variables the settings need at import (build steps only) */
	strbuf_reset(&sb);
	{
		const cJSON *env = cJSON_GetObjectItemCaseSensitive(answers, "build_env"), *it;
		cJSON_ArrayForEach(it, env)
		{
			size_t n = cJSON_IsString(it) ? strlen(it->valuestring) : 0;
			if (!n)
				continue;
			/* a *_URL is parsed at import (dj-database-url): give it a URL */
			strbuf_addf(&sb, "%s=%s ", it->valuestring,
				    n >= 3 && !strcmp(it->valuestring + n - 3, "URL")
					? "sqlite:///build-only-placeholder"
					: "build-only-placeholder");
		}
	}
	add_string(view, "build_env_prefix", sb.buf);
	/* the same placeholders for the CI test run: the settings need them at import */
	{
		struct strbuf flags = STRBUF_INIT;
		const char *p = sb.buf;
		while (*p) {
			const char *sp = strchr(p, ' ');
			size_t n = sp ? (size_t)(sp - p) : strlen(p);
			strbuf_addstr(&flags, "-e ");
			strbuf_add(&flags, p, n);
			strbuf_addch(&flags, ' ');
			p += n;
			while (*p == ' ')
				p++;
		}
		add_string(view, "ci_env_flags", flags.buf);
		strbuf_release(&flags);
	}

	/* a project in a subdirectory of its repository (monorepo): CI paths */
	{
		const char *sub = answer_str(answers, "repo_subdir", "");
		cJSON_AddBoolToObject(view, "has_repo_subdir", *sub != 0);
		add_string(view, "context_dir", *sub ? sub : ".");
		strbuf_reset(&sb);
		if (*sub)
			strbuf_addf(&sb, "%s/", sub);
		strbuf_addstr(&sb, "Dockerfile");
		add_string(view, "dockerfile_path", sb.buf);
		strbuf_reset(&sb);
		strbuf_addf(&sb, "/%s", sub);
		add_string(view, "update_dir", sb.buf);
	}

	/* a src layout run from the source tree: its directory on PYTHONPATH */
	strbuf_reset(&sb);
	if (*answer_str(answers, "source_dir", ""))
		fs_join_app(&sb, answer_str(answers, "app_dir", "/app"),
			    answer_str(answers, "source_dir", ""));
	cJSON_AddBoolToObject(view, "has_python_path", sb.len > 0);
	add_string(view, "python_path", sb.buf);

	/*
	 * What the dependency layer copies: a requirements file in a directory
	 * of its own (requirements/prod.txt) may include its neighbours
	 * (-r base.txt), so the whole directory; a top-level file alone.
	 */
	strbuf_reset(&sb);
	{
		const char *req = answer_str(answers, "requirements_file", "");
		const char *slash = strrchr(req, '/');
		strbuf_add(&sb, req, slash ? (size_t)(slash - req + 1) : strlen(req));
	}
	add_string(view, "requirements_copy", sb.buf);
	{
		/* included files outside that directory, one COPY each */
		const cJSON *inc = cJSON_GetObjectItemCaseSensitive(answers, "requirements_includes");
		const cJSON *it;
		cJSON *extra = cJSON_AddArrayToObject(view, "requirements_extra");
		int dir = sb.len && sb.buf[sb.len - 1] == '/';
		cJSON_ArrayForEach(it, inc)
		{
			if (!cJSON_IsString(it) || (dir && !strncmp(it->valuestring, sb.buf, sb.len)))
				continue;
			cJSON_AddItemToArray(extra, cJSON_CreateString(it->valuestring));
		}
	}

	/* system packages */
	strbuf_reset(&sb);
	package_list(answers, "build", &sb);
	cJSON_AddBoolToObject(view, "has_build_packages", sb.len > 0);
	add_string(view, "build_packages", sb.buf);
	strbuf_reset(&sb);
	package_list(answers, "runtime", &sb);
	cJSON_AddBoolToObject(view, "has_runtime_packages", sb.len > 0);
	add_string(view, "runtime_packages", sb.buf);
	strbuf_reset(&sb);
	package_list(answers, "build", &sb);
	{
		struct strbuf rt = STRBUF_INIT;
		package_list(answers, "runtime", &rt);
		if (rt.len && sb.len)
			strbuf_addch(&sb, ' ');
		strbuf_addbuf(&sb, &rt);
		strbuf_release(&rt);
	}
	cJSON_AddBoolToObject(view, "has_all_packages", sb.len > 0);
	add_string(view, "all_packages", sb.buf);
	strbuf_release(&sb);
}

static void add_tier_info(cJSON *view, const struct catalog *c, int tier)
{
	cJSON_AddNumberToObject(view, "tier", tier);
	add_string(view, "tier_name", catalog_tier_names[tier]);
	if (tier < RENDER_MAX_TIER) {
		cJSON *n = cJSON_AddObjectToObject(view, "next_tier");
		cJSON_AddNumberToObject(n, "number", tier + 1);
		add_string(n, "name", catalog_tier_names[tier + 1]);
	} else {
		cJSON_AddFalseToObject(view, "next_tier");
	}
	(void)c;
}

static int is_active(const struct catalog *c, const char *active, const char *id)
{
	long i = practice_index(c, id);
	return i >= 0 && active[i];
}

/* Shell word: kept bare when plain, else single-quoted ('\'' for a quote). */
static void add_shell_word(struct strbuf *out, const char *s)
{
	const char *t;
	for (t = s; *t; t++)
		if (!strchr("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_./:=@%+,-",
			    *t))
			break;
	if (*s && !*t) {
		strbuf_addstr(out, s);
		return;
	}
	strbuf_addch(out, '\'');
	for (t = s; *t; t++) {
		if (*t == '\'')
			strbuf_addstr(out, "'\\''");
		else
			strbuf_addch(out, *t);
	}
	strbuf_addch(out, '\'');
}

/* One apt-get RUN (its text after "RUN "), or a false value when empty. */
static void add_apt(cJSON *view, const char *key, int upgrade, int no_recommends, int clean,
		    const char *packages, int tini)
{
	struct strbuf sb = STRBUF_INIT;
	int install = (packages && *packages) || tini;
	if (!upgrade && !install) {
		cJSON_AddFalseToObject(view, key);
		goto out;
	}
	strbuf_addstr(&sb, "apt-get update");
	if (upgrade)
		strbuf_addstr(&sb, " \\\n && apt-get -y upgrade");
	if (install) {
		strbuf_addstr(&sb, " \\\n && apt-get install -y");
		if (no_recommends)
			strbuf_addstr(&sb, " --no-install-recommends");
		if (packages && *packages)
			strbuf_addf(&sb, " %s", packages);
		if (tini)
			strbuf_addstr(&sb, " tini");
	}
	if (clean)
		strbuf_addstr(&sb, " \\\n && rm -rf /var/lib/apt/lists/*");
	cJSON_AddItemToObject(cJSON_AddObjectToObject(view, key), "run",
			      cJSON_CreateString(sb.buf));
out:
	strbuf_release(&sb);
}

/*
 * Values that depend on several practices at once: the stages, where the
 * environment lives, the apt RUN lines per stage, the ENTRYPOINT array,
 * the header lines.
 */
static void add_layout(cJSON *view, const struct catalog *c, const char *active,
		       const cJSON *answers)
{
	const char *dm = answer_str(answers, "dependency_manager", "pip");
	const char *kind = answer_str(answers, "app_kind", "wsgi");
	const char *app_dir = answer_str(answers, "app_dir", "/app");
	int conda = !strcmp(dm, "conda");
	int multistage = is_active(c, active, P_MULTISTAGE);
	int use_venv = !conda && (multistage || is_active(c, active, P_VENV));
	int upgrade = is_active(c, active, P_APT_UPGRADE);
	int norec = is_active(c, active, P_APT_NO_RECOMMENDS);
	int clean = is_active(c, active, P_APT_LISTS);
	int runtime_only = is_active(c, active, P_RUNTIME_LIBS);
	int tini = is_active(c, active, P_TINI);
	int script = is_active(c, active, P_ENTRY_SCRIPT);
	int cli = !strcmp(kind, "cli");
	struct strbuf sb = STRBUF_INIT, all = STRBUF_INIT, rt = STRBUF_INIT, bd = STRBUF_INIT;
	const cJSON *cmd = cJSON_GetObjectItemCaseSensitive(answers, "test_command"), *it;
	cJSON *lines;

	cJSON_AddBoolToObject(view, "multistage", multistage);
	cJSON_AddBoolToObject(view, "use_venv", use_venv);
	cJSON_AddBoolToObject(view, "need_git_sha",
			      is_active(c, active, P_GIT_LABEL) || is_active(c, active, P_GIT_ENV));

	/* the environment the runtime stage copies and puts on PATH */
	strbuf_reset(&sb);
	if (conda)
		strbuf_addstr(&sb, "/opt/conda/envs/app");
	else if (use_venv)
		strbuf_addstr(&sb, "/opt/venv");
	else if (strcmp(dm, "pip") && strcmp(dm, "pip-tools"))
		fs_join_app(&sb, app_dir, ".venv");
	cJSON_AddBoolToObject(view, "has_env_dir", sb.len > 0);
	add_string(view, "env_dir", sb.buf);

	/* apt: one stage, or builder + runtime */
	package_list(answers, "build", &bd);
	package_list(answers, "runtime", &rt);
	strbuf_addbuf(&all, &bd);
	if (all.len && rt.len)
		strbuf_addch(&all, ' ');
	strbuf_addbuf(&all, &rt);
	if (multistage) {
		add_apt(view, "apt_builder", 0, norec, clean, runtime_only ? bd.buf : all.buf, 0);
		add_apt(view, "apt_final", upgrade, norec, clean, runtime_only ? rt.buf : all.buf,
			tini);
	} else {
		cJSON_AddFalseToObject(view, "apt_builder");
		add_apt(view, "apt_final", upgrade, norec, clean, all.buf, tini);
	}

	/* ENTRYPOINT: [tini, --] [script] [cli program]; false when empty */
	strbuf_reset(&sb);
	if (tini)
		strbuf_addstr(&sb, "\"tini\", \"--\"");
	if (script)
		strbuf_addf(&sb, "%s\"" ENTRY_SCRIPT_PATH "\"", sb.len ? ", " : "");
	if (cli) {
		const cJSON *e = cJSON_GetObjectItemCaseSensitive(view, "cli_entry_json");
		if (cJSON_IsString(e) && *e->valuestring)
			strbuf_addf(&sb, "%s%s", sb.len ? ", " : "", e->valuestring);
	}
	if (sb.len)
		cJSON_AddItemToObject(cJSON_AddObjectToObject(view, "entrypoint_exec"), "argv",
				      cJSON_CreateString(sb.buf));
	else
		cJSON_AddFalseToObject(view, "entrypoint_exec");
	add_string(view, "entry_script_path", ENTRY_SCRIPT_PATH);

	/* the image's test command, as shell words for CI scripts */
	strbuf_reset(&sb);
	cJSON_ArrayForEach(it, cmd)
	{
		if (!cJSON_IsString(it))
			continue;
		if (sb.len)
			strbuf_addch(&sb, ' ');
		add_shell_word(&sb, it->valuestring);
	}
	add_string(view, "test_command_sh", sb.buf);

	/* the header every file starts with (comment marker added by the template) */
	lines = cJSON_AddArrayToObject(view, "header_lines");
	{
		int tier = cJSON_GetObjectItemCaseSensitive(view, "tier")->valueint;
		strbuf_reset(&sb);
		strbuf_addf(&sb, "Generated by shipshape at tier %d (%s); 'shipshape plan' explains it.",
			    tier, catalog_tier_names[tier]);
		cJSON_AddItemToArray(lines, cJSON_CreateString(sb.buf));
		strbuf_reset(&sb);
		if (tier < RENDER_MAX_TIER)
			strbuf_addf(&sb, "Upgrade to tier %d (%s) with 'shipshape next'.", tier + 1,
				    catalog_tier_names[tier + 1]);
		else
			strbuf_addstr(&sb, "This is the top tier; 'shipshape plan' lists what was "
					   "applied and skipped.");
		cJSON_AddItemToArray(lines, cJSON_CreateString(sb.buf));
	}
	strbuf_release(&sb);
	strbuf_release(&all);
	strbuf_release(&rt);
	strbuf_release(&bd);
}

/*
 * Argv answers end up in exec-form arrays (JSON-escaped) and in CI shell
 * scripts (single-quoted), but a shell metacharacter in one is refused
 * outright: it is never needed for a start or test command and it is the
 * first sign of an injection attempt. The wording is the answers
 * validator's ("argument N contains ..."); source names the file the
 * answers came from, or is NULL when none did (detection, defaults).
 */
static int check_argv(const cJSON *answers, const char *key, const char *source,
		      struct ss_error *err)
{
	const cJSON *arr = cJSON_GetObjectItemCaseSensitive(answers, key), *it;
	int i = 0, ret = 0;
	cJSON_ArrayForEach(it, arr)
	{
		const char *v = cJSON_IsString(it) ? it->valuestring : "";
		i++;
		for (const char *t = v; *t && !ret; t++) {
			unsigned char ch = (unsigned char)*t;
			struct strbuf why = STRBUF_INIT;
			if (ch == '\n' || ch == '\r')
				strbuf_addstr(&why, "contains a newline");
			else if (ch < 0x20 || ch == 0x7f)
				strbuf_addf(&why, "contains a control character (0x%02x)", ch);
			else if (ch == '$' && t[1] == '(')
				strbuf_addstr(&why, "contains '$(' (command substitution)");
			else if (ch == '\\')
				strbuf_addstr(&why, "contains a backslash");
			else if (ch == '"')
				strbuf_addstr(&why, "contains a double quote");
			else if (strchr(";&|<>$`'", ch))
				strbuf_addf(&why, "contains the character '%c'", ch);
			if (why.len)
				ret = ss_error_set(err, SS_ERR_INPUT, source, 0, 0,
						   "invalid value for '%s': argument %d %s", key, i,
						   why.buf);
			strbuf_release(&why);
		}
		if (ret)
			break;
	}
	return ret;
}

/* A development server never goes in CMD: refuse it in the command answer. */
static int check_no_dev_server(const cJSON *answers, const char *source, struct ss_error *err)
{
	const cJSON *cmd = cJSON_GetObjectItemCaseSensitive(answers, "command"), *it;
	const char *prev = "", *bad = NULL;
	int ret = check_argv(answers, "command", source, err);
	if (!ret)
		ret = check_argv(answers, "test_command", source, err);
	if (ret)
		goto out;
	cJSON_ArrayForEach(it, cmd)
	{
		const char *v = cJSON_IsString(it) ? it->valuestring : "";
		if (!strcmp(v, "runserver") || !strcmp(v, "--reload") || !strcmp(v, "--debug"))
			bad = v;
		else if (!strcmp(v, "run") && (!strcmp(prev, "flask") || strstr(prev, "/flask")))
			bad = "run";
		if (bad)
			break;
		prev = v;
	}
	if (bad)
		ret = ss_error_set(err, SS_ERR_INPUT, source, 0, 0,
				   "invalid value for 'command': '%s' starts a development server; "
				   "use gunicorn or uvicorn",
				   bad);
out:
	return ret;
}

/*
 * build_env items become shell assignments (NAME=placeholder) in front of
 * a build step, so each must be an environment variable name.
 */
static int check_env_names(const cJSON *answers, const char *source, struct ss_error *err)
{
	const cJSON *arr = cJSON_GetObjectItemCaseSensitive(answers, "build_env"), *it;
	int i = 0, ret = 0;
	cJSON_ArrayForEach(it, arr)
	{
		const char *v = cJSON_IsString(it) ? it->valuestring : "";
		i++;
		if (!*v || strspn(v, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz_0123456789") !=
			       strlen(v) ||
		    (*v >= '0' && *v <= '9')) {
			ret = ss_error_set(err, SS_ERR_INPUT, source, 0, 0,
					   "invalid value for 'build_env': argument %d is not an "
					   "environment variable name (letters, digits, '_')",
					   i);
			break;
		}
	}
	return ret;
}

/* Each item of an argv answer that names files must be a relative path inside the project. */
static int check_relpaths(const cJSON *answers, const char *key, const char *source,
			  struct ss_error *err)
{
	const cJSON *arr = cJSON_GetObjectItemCaseSensitive(answers, key), *it;
	struct strbuf why = STRBUF_INIT;
	int i = 0, ret = 0;
	cJSON_ArrayForEach(it, arr)
	{
		i++;
		strbuf_reset(&why);
		if (answers_grammar_check("relpath", cJSON_IsString(it) ? it->valuestring : "", &why)) {
			ret = ss_error_set(err, SS_ERR_INPUT, source, 0, 0,
					   "invalid value for '%s': argument %d %s", key, i, why.buf);
			break;
		}
	}
	strbuf_release(&why);
	return ret;
}

int render_check_answers(const struct answer_schema *s, const cJSON *answers,
			 const char *source, struct ss_error *err)
{
	int ret = answers_validate(s, answers, source, err);
	if (!ret)
		ret = check_no_dev_server(answers, source, err);
	if (!ret)
		ret = check_env_names(answers, source, err);
	if (!ret) /* package names, quoted in a skip line */
		ret = check_argv(answers, "unpinned_requirements", source, err);
	if (!ret)
		ret = check_relpaths(answers, "requirements_includes", source, err);
	return ret;
}

/* A required answer (whose ask_when holds) must be present and not empty. */
static int check_required(const struct answer_schema *s, const cJSON *answers,
			  struct ss_error *err)
{
	int ret = 0;
	for (size_t i = 0; i < s->nr && !ret; i++) {
		const struct answer_key *k = &s->keys[i];
		const cJSON *v;
		struct practice cond;
		if (!k->required)
			continue;
		memset(&cond, 0, sizeof(cond));
		cond.applies_when = k->ask_when;
		if (k->ask_when && !catalog_applies(&cond, answers))
			continue;
		v = cJSON_GetObjectItemCaseSensitive(answers, k->key);
		if (!v || cJSON_IsNull(v) || (cJSON_IsString(v) && !*v->valuestring) ||
		    (cJSON_IsArray(v) && !cJSON_GetArraySize(v)))
			ret = ss_error_set(err, SS_ERR_INPUT, "", 0, 0, "missing answer '%s' (%s)",
					   k->key, k->prompt ? k->prompt : "it is required");
	}
	return ret;
}

/*
 * Answers that state a preference rather than a fact about the stack: a
 * Dockerfile practice that is off only because of one of them was turned
 * off by the user, so the Dockerfile says so in a skip line that lint
 * honours (a practice that does not fit the stack says nothing).
 */
static const char *const choice_keys[] = {"syntax_directive", "python_patch",
					   "base_image_digest"};

static int is_choice_key(const char *key)
{
	for (size_t i = 0; i < sizeof(choice_keys) / sizeof(choice_keys[0]); i++)
		if (!strcmp(choice_keys[i], key))
			return 1;
	return 0;
}

/*
 * When pr does not apply to answers only because of choice keys, the
 * reason ("syntax_directive is false") in *reason; else 0.
 */
static int off_by_choice(const struct practice *pr, const cJSON *answers, struct strbuf *reason)
{
	cJSON *rest;
	const cJSON *c;
	struct practice cond;
	int ret = 0;

	if (!pr->applies_when || catalog_applies(pr, answers))
		return 0;
	rest = cJSON_CreateObject();
	cJSON_ArrayForEach(c, pr->applies_when)
		if (!is_choice_key(c->string))
			cJSON_AddItemToObject(rest, c->string, cJSON_Duplicate(c, 1));
	memset(&cond, 0, sizeof(cond));
	cond.applies_when = rest;
	if (cJSON_GetArraySize(rest) == cJSON_GetArraySize(pr->applies_when) ||
	    !catalog_applies(&cond, answers))
		goto out;
	cJSON_ArrayForEach(c, pr->applies_when)
	{
		const cJSON *v = cJSON_GetObjectItemCaseSensitive(answers, c->string);
		if (!is_choice_key(c->string))
			continue;
		if (reason->len)
			strbuf_addstr(reason, ", ");
		strbuf_addf(reason, "%s is ", c->string);
		if (cJSON_IsBool(v))
			strbuf_addstr(reason, cJSON_IsTrue(v) ? "true" : "false");
		else if (cJSON_IsString(v) && *v->valuestring)
			strbuf_addf(reason, "'%s'", v->valuestring);
		else
			strbuf_addstr(reason, "not set");
	}
	ret = 1;
out:
	cJSON_Delete(rest);
	return ret;
}

/*
 * 1 when a pip project's dependencies come with the project itself:
 * requirements_file names its metadata (pyproject.toml, setup.py,
 * setup.cfg) instead of a requirements file, so there is no separate
 * dependency layer and `pip install .` installs them.
 */
static int deps_from_metadata(const cJSON *answers)
{
	const char *dm = answer_str(answers, "dependency_manager", "");
	const char *req = answer_str(answers, "requirements_file", "");
	const char *base = strrchr(req, '/');
	base = base ? base + 1 : req;
	return !strcmp(dm, "pip") && (!strcmp(base, "pyproject.toml") ||
				      !strcmp(base, "setup.py") || !strcmp(base, "setup.cfg"));
}

/*
 * 1 when a pip-tools lock has no --hash lines (lock_hashes false): pip
 * refuses it in --require-hashes mode, so the hash-checked install is off.
 */
static int lock_without_hashes(const cJSON *answers)
{
	return !strcmp(answer_str(answers, "dependency_manager", ""), "pip-tools") &&
	       cJSON_IsFalse(cJSON_GetObjectItemCaseSensitive(answers, "lock_hashes"));
}

/*
 * The reason for the skip line of pinned-pip-installs while the answers
 * list unpinned requirements (the practice does not apply then), e.g.
 * "requirements.txt leaves flask, gunicorn unpinned; pin them with ==".
 */
static void add_unpinned_reason(const cJSON *answers, struct strbuf *why)
{
	const cJSON *arr = cJSON_GetObjectItemCaseSensitive(answers, "unpinned_requirements"), *it;
	int n = 0;
	cJSON_ArrayForEach(it, arr)
	{
		if (!cJSON_IsString(it))
			continue;
		if (!n)
			strbuf_addf(why, "%s leaves ",
				    answer_str(answers, "requirements_file", "the requirements"));
		strbuf_addf(why, "%s%s", n ? ", " : "", it->valuestring);
		if (++n == 5 && cJSON_GetArraySize(arr) > 5) {
			strbuf_addstr(why, ", ...");
			break;
		}
	}
	if (n)
		strbuf_addstr(why, " unpinned; pin them with == (pip-compile or pip freeze)");
}

/*
 * A server port below 1024 needs root to bind: refused once the image runs
 * as a non-root user or promises an unprivileged port (walkthrough F12),
 * instead of an image whose server exits at start.
 */
static int check_port(const struct catalog *c, const char *active, const cJSON *answers,
		      struct ss_error *err)
{
	const cJSON *port = cJSON_GetObjectItemCaseSensitive(answers, "port");
	const char *kind = answer_str(answers, "app_kind", "");
	int non_root = is_active(c, active, P_NON_ROOT);

	if (!cJSON_IsNumber(port) || port->valueint >= 1024 || port->valueint < 1 ||
	    (strcmp(kind, "wsgi") && strcmp(kind, "asgi")) ||
	    (!non_root && !is_active(c, active, P_UNPRIV_PORT)))
		return 0;
	return ss_error_set(err, SS_ERR_INPUT, "", 0, 0,
			    "invalid value for 'port': %d is below 1024, which %s; listen on 8000 "
			    "inside the container and publish the public port outside "
			    "(docker run -p %d:8000)",
			    port->valueint,
			    non_root ? "the image's non-root user cannot bind"
				     : "security.unprivileged-port rules out",
			    port->valueint);
}

static int build_view(const struct catalog *c, const struct answer_schema *s,
		      const struct profile *p, int tier, cJSON **viewp, char **activep,
		      struct ss_error *err)
{
	cJSON *answers = NULL, *view = NULL, *on, *skips, *it;
	char *active = NULL;
	long no_deps = -1, locked = -1;
	int ret = 0, meta, nohash;

	*viewp = NULL;
	if (tier < 0 || tier > RENDER_MAX_TIER) {
		ret = ss_error_set(err, SS_ERR_INPUT, "", 0, 0,
				   "tier out of range: '%d' (expected 0 to %d)", tier, RENDER_MAX_TIER);
		goto out;
	}
	answers = answers_with_defaults(s, p->answers);
	ret = render_check_answers(s, answers, PROFILE_FILE, err);
	if (ret)
		goto out;
	ret = check_required(s, answers, err);
	if (ret)
		goto out;
	meta = deps_from_metadata(answers);
	if (meta && !cJSON_IsTrue(cJSON_GetObjectItemCaseSensitive(answers, "installable_package"))) {
		ret = ss_error_set(err, SS_ERR_INPUT, "", 0, 0,
				   "invalid value for 'installable_package': requirements_file '%s' "
				   "means the dependencies are installed with the project, so it "
				   "must be true",
				   answer_str(answers, "requirements_file", ""));
		goto out;
	}
	active = xcalloc(c->nr + 1, 1);
	compute_active(c, p, answers, tier, active);
	if (meta && (no_deps = practice_index(c, P_NO_DEPS)) >= 0)
		active[no_deps] = 0; /* there is no dependency layer to keep apart */
	nohash = lock_without_hashes(answers);
	if (nohash && (locked = practice_index(c, P_LOCKED)) >= 0)
		active[locked] = 0;
	ret = check_port(c, active, answers, err);
	if (ret)
		goto out;

	view = cJSON_CreateObject();
	cJSON_ArrayForEach(it, answers)
		cJSON_AddItemToObject(view, it->string, cJSON_Duplicate(it, 1));
	add_tier_info(view, c, tier);
	add_derived(view, s, answers);
	cJSON_AddBoolToObject(view, "deps_from_metadata", meta);

	on = cJSON_AddObjectToObject(view, "on");
	skips = cJSON_AddArrayToObject(view, "skips");
	for (size_t i = 0; i < c->nr; i++) {
		const struct practice *pr = &c->items[i];
		const char *reason = NULL;
		struct strbuf why = STRBUF_INIT;
		set_dotted_bool(on, pr->id, active[i]);
		if (meta && (long)i == no_deps && pr->tier <= tier && catalog_applies(pr, answers))
			strbuf_addf(&why, "the dependencies come with the project (requirements_file "
					  "is %s)",
				    answer_str(answers, "requirements_file", ""));
		if (nohash && (long)i == locked && pr->tier <= tier && catalog_applies(pr, answers))
			strbuf_addf(&why, "%s has no hashes; pip-compile --generate-hashes adds them",
				    answer_str(answers, "requirements_file", ""));
		if (!strcmp(pr->id, P_PINNED) && pr->tier <= tier)
			add_unpinned_reason(answers, &why);
		if (pr->dockerfile && pr->tier <= tier &&
		    (why.len ||
		     (catalog_applies(pr, answers) && profile_is_skipped(p, pr->id, &reason)) ||
		     off_by_choice(pr, answers, &why))) {
			struct strbuf sb = STRBUF_INIT;
			cJSON *sk = cJSON_CreateObject();
			add_string(sk, "id", pr->id);
			add_safe_reason(&sb, why.len ? why.buf : reason ? reason : "");
			add_string(sk, "reason", sb.buf);
			strbuf_release(&sb);
			cJSON_AddItemToArray(skips, sk);
		}
		strbuf_release(&why);
	}
	cJSON_AddBoolToObject(view, "has_skips", cJSON_GetArraySize(skips) > 0);
	add_layout(view, c, active, answers);
	*viewp = view;
	view = NULL;
	if (activep) {
		*activep = active;
		active = NULL;
	}
out:
	cJSON_Delete(answers);
	cJSON_Delete(view);
	free(active);
	return ret;
}

int render_view(const struct catalog *c, const struct tstore *ts, const struct profile *p,
		int tier, cJSON **view, struct ss_error *err)
{
	struct answer_schema s;
	int ret;
	answers_schema_init(&s);
	ret = answers_schema_load(&s, ts, err);
	if (!ret)
		ret = build_view(c, &s, p, tier, view, NULL, err);
	answers_schema_release(&s);
	return ret;
}

/* 1 when t is a dotted Python module path ("a", "a.b_c"). */
static int is_module_path(const char *t)
{
	int at_start = 1;
	if (!*t)
		return 0;
	for (; *t; t++) {
		int ch = (unsigned char)*t;
		if (ch == '.') {
			if (at_start)
				return 0;
			at_start = 1;
		} else if ((ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z') || ch == '_' ||
			   (!at_start && ch >= '0' && ch <= '9')) {
			at_start = 0;
		} else {
			return 0;
		}
	}
	return !at_start;
}

/* The module part of "mod.sub:attr" (or of "mod.sub") into out; 1 when valid. */
static int module_of(const char *spec, struct strbuf *out)
{
	const char *colon = strchr(spec, ':');
	strbuf_reset(out);
	strbuf_add(out, spec, colon ? (size_t)(colon - spec) : strlen(spec));
	return is_module_path(out->buf);
}

int render_derive_answers(cJSON *answers)
{
	const cJSON *entry = cJSON_GetObjectItemCaseSensitive(answers, "entrypoint");
	const cJSON *cmd = cJSON_GetObjectItemCaseSensitive(answers, "command");
	const cJSON *kind = cJSON_GetObjectItemCaseSensitive(answers, "app_kind");
	const cJSON *it, *prev = NULL, *first = cJSON_GetArrayItem(cmd, 0);
	int web = !cJSON_IsString(kind) || !strcmp(kind->valuestring, "wsgi") ||
		  !strcmp(kind->valuestring, "asgi");
	struct strbuf mod = STRBUF_INIT;
	cJSON *argv = NULL;
	int found = 0, ret = 0;

	/* Dependabot runs on GitHub only: a GitLab project gets Renovate */
	if (!cJSON_GetObjectItemCaseSensitive(answers, "update_bot") &&
	    !strcmp(answer_str(answers, "ci", ""), "gitlab")) {
		cJSON_AddStringToObject(answers, "update_bot", "renovate");
		ret = 1;
	}
	if (cJSON_GetObjectItemCaseSensitive(answers, "test_command"))
		goto out;
	if (web && cJSON_IsString(entry)) {
		found = module_of(entry->valuestring, &mod);
	} else if (!web && cJSON_IsArray(cmd)) {
		/* python [-u ...] -m MOD | SCRIPT.py, or a program's -A/--app MOD[:attr] */
		int py = cJSON_IsString(first) && !strncmp(first->valuestring, "python", 6);
		cJSON_ArrayForEach(it, cmd)
		{
			const char *v = cJSON_IsString(it) ? it->valuestring : NULL;
			size_t n = v ? strlen(v) : 0;
			if (!v)
				break;
			if (it == first) {
				prev = it;
				continue;
			}
			if (prev && ((py && !strcmp(prev->valuestring, "-m")) ||
				     (!py && (!strcmp(prev->valuestring, "-A") ||
					      !strcmp(prev->valuestring, "--app"))))) {
				found = module_of(v, &mod);
				break;
			}
			if (!py && !strncmp(v, "--app=", 6)) {
				found = module_of(v + 6, &mod);
				break;
			}
			if (py && v[0] != '-') {
				/* python SCRIPT.py: the script's module */
				if (n > 3 && !strcmp(v + n - 3, ".py") && !strchr(v, '/')) {
					strbuf_reset(&mod);
					strbuf_add(&mod, v, n - 3);
					found = is_module_path(mod.buf);
				}
				break;
			}
			if (py && !strcmp(v, "-c"))
				break;
			prev = it;
		}
	}
	if (found) {
		argv = cJSON_CreateArray();
		cJSON_AddItemToArray(argv, cJSON_CreateString("python"));
		cJSON_AddItemToArray(argv, cJSON_CreateString("-c"));
		strbuf_insert(&mod, 0, "import ", 7);
		cJSON_AddItemToArray(argv, cJSON_CreateString(mod.buf));
	} else if (!web && cJSON_IsString(first) && strncmp(first->valuestring, "python", 6)) {
		/* a console script or a worker program: it must at least start */
		argv = cJSON_CreateArray();
		cJSON_AddItemToArray(argv, cJSON_CreateString(first->valuestring));
		cJSON_AddItemToArray(argv, cJSON_CreateString("--help"));
	}
	if (argv) {
		cJSON_AddItemToObject(answers, "test_command", argv);
		ret = 1;
	}
out:
	strbuf_release(&mod);
	return ret;
}

void render_rederive_answers(const struct answer_schema *s, const cJSON *previous,
			     const cJSON *chosen, cJSON *answers)
{
	static const char *const derived[] = {"test_command", "update_bot"};

	for (size_t i = 0; i < sizeof(derived) / sizeof(derived[0]); i++) {
		const char *key = derived[i];
		const cJSON *was = cJSON_GetObjectItemCaseSensitive(previous, key), *would;
		const struct answer_key *k = answers_schema_find(s, key);
		cJSON *dup;
		if (!was || cJSON_GetObjectItemCaseSensitive(chosen, key))
			continue;
		dup = cJSON_Duplicate(previous, 1);
		cJSON_DeleteItemFromObjectCaseSensitive(dup, key);
		render_derive_answers(dup);
		would = cJSON_GetObjectItemCaseSensitive(dup, key);
		if (!would && k)
			would = k->default_value;
		if (would && cJSON_Compare(was, would, 1))
			cJSON_DeleteItemFromObjectCaseSensitive(answers, key);
		cJSON_Delete(dup);
	}
}

/* ---- rendering ------------------------------------------------------ */

struct partial_ctx {
	const struct tstore *ts;
};

/* Partials live in templates/partials/NAME.mustache. */
static int load_partial(void *ctx, const char *name, struct strbuf *out, struct ss_error *err)
{
	struct partial_ctx *pc = ctx;
	struct strbuf path = STRBUF_INIT, text = STRBUF_INIT;
	struct ss_error ignored;
	int ret = 0;
	const char *s;

	/* names are plain: letters, digits, '-', '_', '/' */
	for (s = name; *s; s++)
		if (!((*s >= 'a' && *s <= 'z') || (*s >= '0' && *s <= '9') || *s == '-' ||
		      *s == '_' || *s == '/'))
			break;
	if (*s || !*name || strstr(name, "..")) {
		ret = SS_ERR_INPUT;
		goto out;
	}
	strbuf_addf(&path, "partials/%s.mustache", name);
	ss_error_init(&ignored);
	if (tstore_read(pc->ts, path.buf, &text, NULL, &ignored)) {
		ret = SS_ERR_INPUT;
		goto out;
	}
	strbuf_addbuf(out, &text);
out:
	(void)err;
	strbuf_release(&path);
	strbuf_release(&text);
	return ret;
}

static int wanted(const struct file_rule *fr, const struct catalog *c, const char *active,
		  const cJSON *view)
{
	if (fr->when_key) {
		const cJSON *v = cJSON_GetObjectItemCaseSensitive(view, fr->when_key);
		if (!cJSON_IsString(v) || strcmp(v->valuestring, fr->when_value))
			return 0;
	}
	if (fr->always)
		return 1;
	for (size_t i = 0; i < c->nr; i++) {
		const struct practice *pr = &c->items[i];
		if (!active[i])
			continue;
		for (size_t k = 0; k < pr->nchanges; k++)
			if (!strcmp(pr->changes[k], fr->change) || !strcmp(pr->changes[k], fr->path))
				return 1;
	}
	return 0;
}

/* Collapse runs of blank lines left by sections into one; no blank line at the end. */
static void tidy(struct strbuf *sb)
{
	size_t r = 0, w = 0;
	int blank_run = 0;
	char *b = sb->buf;
	while (r < sb->len) {
		const char *nl = memchr(b + r, '\n', sb->len - r);
		size_t end = nl ? (size_t)(nl - b) + 1 : sb->len;
		int blank = end - r == 1 && b[r] == '\n';
		if (blank && (blank_run || w == 0)) {
			r = end;
			continue;
		}
		blank_run = blank;
		memmove(b + w, b + r, end - r);
		w += end - r;
		r = end;
	}
	while (w >= 2 && b[w - 1] == '\n' && b[w - 2] == '\n')
		w--;
	strbuf_setlen(sb, w);
	if (sb->len && sb->buf[sb->len - 1] != '\n')
		strbuf_addch(sb, '\n');
}

int render_tier(const struct catalog *c, const struct tstore *ts, const struct profile *p,
		int tier, struct rendering *out, struct ss_error *err)
{
	struct answer_schema s;
	int ret;
	answers_schema_init(&s);
	ret = answers_schema_load(&s, ts, err);
	if (ret)
		rendering_release(out);
	else
		ret = render_tier_schema(c, &s, ts, p, tier, out, err);
	answers_schema_release(&s);
	return ret;
}

int render_tier_schema(const struct catalog *c, const struct answer_schema *s,
		       const struct tstore *ts, const struct profile *p, int tier,
		       struct rendering *out, struct ss_error *err)
{
	struct strbuf tpl = STRBUF_INIT;
	struct partial_ctx pc = {ts};
	cJSON *view = NULL;
	char *active = NULL;
	int ret;

	ret = build_view(c, s, p, tier, &view, &active, err);
	if (ret)
		goto out;
	out->tier = tier;
	for (size_t i = 0; i < c->nr; i++) {
		if (!active[i])
			continue;
		out->active = xreallocarray(out->active, out->nactive + 1, sizeof(char *));
		out->active[out->nactive++] = xstrdup(c->items[i].id);
	}
	for (size_t i = 0; i < sizeof(file_rules) / sizeof(file_rules[0]); i++) {
		const struct file_rule *fr = &file_rules[i];
		struct mustache_opts mo;
		struct rendered_file *f;
		if (!wanted(fr, c, active, view))
			continue;
		memset(&mo, 0, sizeof(mo));
		mo.name = fr->tpl;
		mo.strict = 1;
		mo.no_escape = 1;
		mo.partial = load_partial;
		mo.partial_ctx = &pc;
		ret = tstore_read(ts, fr->tpl, &tpl, NULL, err);
		if (ret)
			goto out;
		ALLOC_GROW(out->files, out->nr + 1, out->alloc);
		f = &out->files[out->nr++];
		f->path = xstrdup(fr->path);
		f->mode = fr->mode;
		strbuf_init(&f->content, tpl.len + 256);
		ret = mustache_render(tpl.buf, tpl.len, view, &mo, &f->content, err);
		if (ret)
			goto out;
		tidy(&f->content);
	}
out:
	if (ret)
		rendering_release(out);
	cJSON_Delete(view);
	free(active);
	strbuf_release(&tpl);
	return ret;
}
