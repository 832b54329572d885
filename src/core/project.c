/*
 * project: check for hand edits, back up, write atomically, save the profile.
 */
#include "shipshape/project.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "shipshape/detect.h"
#include "shipshape/fsutil.h"
#include "shipshape/sha256.h"
#include "shipshape/udiff.h"
#include "shipshape/xalloc.h"

#define PROJECT_FILE_CAP FS_DEFAULT_CAP

void project_write_result_init(struct project_write_result *res)
{
	res->written = NULL;
	res->nwritten = 0;
	res->removed = NULL;
	res->nremoved = 0;
	res->kept = NULL;
	res->nkept = 0;
	res->recreated = NULL;
	res->nrecreated = 0;
	res->backup_dir = NULL;
}

static void free_list(char **list, size_t n)
{
	for (size_t i = 0; i < n; i++)
		free(list[i]);
	free(list);
}

void project_write_result_release(struct project_write_result *res)
{
	if (!res)
		return;
	free_list(res->written, res->nwritten);
	free_list(res->removed, res->nremoved);
	free_list(res->kept, res->nkept);
	free_list(res->recreated, res->nrecreated);
	free(res->backup_dir);
	project_write_result_init(res);
}

/* What to do about a file in the way that shipshape did not write. */
static const char *foreign_hint(const char *path)
{
	if (!strcmp(path, ".gitlab-ci.yml") || !strncmp(path, ".github/workflows/", 18))
		return "move it away, or keep your own pipeline with the answer ci 'none'";
	if (!strcmp(path, ".github/dependabot.yml") || !strcmp(path, "renovate.json5"))
		return "move it away, or keep your own with the answer update_bot 'none'";
	if (!strcmp(path, ".dockerignore"))
		return "move it away, then add your own lines to the one shipshape writes";
	return "move it away; 'shipshape lint' shows which tier it reaches";
}

/* State of one target file, found by check_one. */
enum target_state { TARGET_NEW, TARGET_SAME, TARGET_REPLACE };

/*
 * Decide what writing f into dir means. A file on disk that matches neither
 * the rendering nor the hash shipshape recorded is a conflict.
 */
static int check_one(const char *dir, const struct profile *p, const struct rendered_file *f,
		     enum target_state *state, struct ss_error *err)
{
	struct strbuf path = STRBUF_INIT, cur = STRBUF_INIT;
	char hex[SHA256_HEX_LEN + 1];
	const char *recorded;
	int ret;

	ret = fs_check_inside(dir, f->path, err);
	if (ret)
		goto out;
	fs_path_join(&path, dir, f->path);
	if (!fs_exists(path.buf)) {
		*state = TARGET_NEW;
		goto out;
	}
	ret = fs_read_file(path.buf, PROJECT_FILE_CAP, &cur, err);
	if (ret)
		goto out;
	if (cur.len == f->content.len && !memcmp(cur.buf, f->content.buf, cur.len)) {
		*state = TARGET_SAME;
		goto out;
	}
	recorded = profile_file_hash(p, f->path);
	if (!recorded) {
		ret = ss_error_set(err, SS_ERR_CONFLICT, f->path, 0, 0,
				   "refusing to overwrite '%s': shipshape did not write it (%s)",
				   f->path, foreign_hint(f->path));
		goto out;
	}
	sha256_hex(cur.buf, cur.len, hex);
	if (strcmp(hex, recorded)) {
		ret = ss_error_set(err, SS_ERR_CONFLICT, f->path, 0, 0,
				   "refusing to overwrite '%s': it was edited by hand since shipshape "
				   "wrote it",
				   f->path);
		goto out;
	}
	*state = TARGET_REPLACE;
out:
	strbuf_release(&path);
	strbuf_release(&cur);
	return ret;
}

int project_check(const char *dir, const struct profile *p, const struct rendering *r,
		  struct ss_error *err)
{
	int ret = 0;
	for (size_t i = 0; i < r->nr && !ret; i++) {
		enum target_state st;
		ret = check_one(dir, p, &r->files[i], &st, err);
	}
	return ret;
}

/* DIR/.shipshape/backups/STAMP, made unique with -2, -3, ... when taken. */
static void pick_backup_dir(const char *dir, time_t now, struct strbuf *rel)
{
	struct tm tm;
	char stamp[32];
	struct strbuf abs = STRBUF_INIT;
	if (!now)
		now = time(NULL);
	gmtime_r(&now, &tm);
	if (!strftime(stamp, sizeof(stamp), "%Y%m%d-%H%M%S", &tm))
		snprintf(stamp, sizeof(stamp), "backup");
	for (int n = 1;; n++) {
		strbuf_reset(rel);
		strbuf_addf(rel, "%s/%s", PROJECT_BACKUP_DIR, stamp);
		if (n > 1)
			strbuf_addf(rel, "-%d", n);
		fs_path_join(&abs, dir, rel->buf);
		if (!fs_exists(abs.buf))
			break;
	}
	strbuf_release(&abs);
}

static void parent_of(const char *path, struct strbuf *out)
{
	const char *slash = strrchr(path, '/');
	strbuf_reset(out);
	if (slash)
		strbuf_add(out, path, (size_t)(slash - path));
}

static void list_add(char ***list, size_t *n, const char *path)
{
	*list = xreallocarray(*list, *n + 1, sizeof(char *));
	(*list)[(*n)++] = xstrdup(path);
}

/* What to do with a file shipshape wrote before and the rendering no longer has. */
enum stale_state { STALE_GONE, STALE_REMOVE, STALE_KEEP };

/*
 * Files in p->files that r does not render, each with what to do: already
 * gone, unchanged since shipshape wrote it (remove it, after a backup), or
 * edited by hand (keep it; the user decides).
 */
static int find_stale(const char *dir, const struct profile *p, const struct rendering *r,
		      char ***paths, enum stale_state **states, size_t *n, struct ss_error *err)
{
	struct strbuf path = STRBUF_INIT, cur = STRBUF_INIT;
	const cJSON *it;
	int ret = 0;

	cJSON_ArrayForEach(it, p->files)
	{
		enum stale_state st = STALE_GONE;
		char hex[SHA256_HEX_LEN + 1];
		if (!it->string || rendering_find(r, it->string))
			continue;
		ret = fs_check_inside(dir, it->string, err);
		if (ret)
			break;
		fs_path_join(&path, dir, it->string);
		if (fs_exists(path.buf)) {
			strbuf_reset(&cur);
			ret = fs_read_file(path.buf, PROJECT_FILE_CAP, &cur, err);
			if (ret)
				break;
			sha256_hex(cur.buf, cur.len, hex);
			st = cJSON_IsString(it) && !strcmp(hex, it->valuestring) ? STALE_REMOVE
										 : STALE_KEEP;
		}
		list_add(paths, n, it->string);
		*states = xreallocarray(*states, *n, sizeof(**states));
		(*states)[*n - 1] = st;
	}
	strbuf_release(&path);
	strbuf_release(&cur);
	return ret;
}

/*
 * np: p updated for writing r at tier: the tier, the hashes of the rendered
 * files (files no longer rendered dropped), practices applied at this tier
 * (applied ones no longer active dropped; skipped ones kept).
 */
static int updated_profile(const struct profile *p, const struct catalog *c,
			   const struct rendering *r, int tier, char **stale, size_t nstale,
			   struct profile *np, struct ss_error *err)
{
	struct strbuf text = STRBUF_INIT;
	const cJSON *it;
	char **drop = NULL;
	size_t ndrop = 0;
	int ret;

	profile_serialize(p, &text);
	ret = profile_parse(np, text.buf, text.len, PROFILE_FILE, err);
	strbuf_release(&text);
	if (ret)
		return ret;
	np->tier = tier;
	for (size_t i = 0; i < nstale; i++)
		cJSON_DeleteItemFromObjectCaseSensitive(np->files, stale[i]);
	for (size_t i = 0; i < r->nr; i++) {
		char hex[SHA256_HEX_LEN + 1];
		sha256_hex(r->files[i].content.buf, r->files[i].content.len, hex);
		profile_set_file(np, r->files[i].path, hex);
	}
	cJSON_ArrayForEach(it, np->practices)
	{
		const cJSON *state = cJSON_GetObjectItemCaseSensitive(it, "state");
		if (it->string && cJSON_IsString(state) && !strcmp(state->valuestring, "applied") &&
		    !rendering_has_practice(r, it->string))
			list_add(&drop, &ndrop, it->string);
	}
	for (size_t i = 0; i < ndrop; i++) {
		cJSON_DeleteItemFromObjectCaseSensitive(np->practices, drop[i]);
		free(drop[i]);
	}
	free(drop);
	for (size_t i = 0; i < r->nactive; i++) {
		const struct practice *pr = c ? catalog_find(c, r->active[i]) : NULL;
		if (pr && pr->process)
			continue;
		profile_set_practice(np, r->active[i], 1, NULL);
	}
	return 0;
}

int project_write_at(const char *dir, struct profile *p, const struct catalog *c,
		     const struct rendering *r, int tier, time_t now,
		     struct project_write_result *res, struct ss_error *err)
{
	enum target_state *states = NULL;
	enum stale_state *sstates = NULL;
	char **stale = NULL;
	size_t nstale = 0;
	struct strbuf path = STRBUF_INIT, bdir_rel = STRBUF_INIT, bdir = STRBUF_INIT;
	struct strbuf parent = STRBUF_INIT, ppath = STRBUF_INIT;
	struct strbuf newtext = STRBUF_INIT, oldtext = STRBUF_INIT;
	struct profile np;
	int ret = 0, need_backup = 0, profile_exists, profile_changed = 1;

	profile_init(&np);
	states = xcalloc(r->nr + 1, sizeof(*states));

	/* 1. check everything before touching anything */
	for (size_t i = 0; i < r->nr; i++) {
		ret = check_one(dir, p, &r->files[i], &states[i], err);
		if (ret)
			goto out;
		if (states[i] == TARGET_REPLACE)
			need_backup = 1;
	}
	ret = find_stale(dir, p, r, &stale, &sstates, &nstale, err);
	if (ret)
		goto out;
	for (size_t i = 0; i < nstale; i++)
		if (sstates[i] == STALE_REMOVE)
			need_backup = 1;
	ret = fs_check_inside(dir, PROFILE_FILE, err);
	if (ret)
		goto out;
	ret = updated_profile(p, c, r, tier, stale, nstale, &np, err);
	if (ret)
		goto out;
	fs_path_join(&ppath, dir, PROFILE_FILE);
	profile_exists = fs_exists(ppath.buf);
	profile_serialize(&np, &newtext);
	if (profile_exists) {
		struct ss_error rerr;
		ss_error_init(&rerr);
		if (!fs_read_file(ppath.buf, PROJECT_FILE_CAP, &oldtext, &rerr) &&
		    oldtext.len == newtext.len && !memcmp(oldtext.buf, newtext.buf, newtext.len))
			profile_changed = 0;
		if (profile_changed)
			need_backup = 1;
	}

	/* 2. back up what will be replaced or removed */
	if (need_backup) {
		int copied;
		pick_backup_dir(dir, now, &bdir_rel);
		fs_path_join(&bdir, dir, bdir_rel.buf);
		ret = fs_check_inside(dir, bdir_rel.buf, err);
		if (ret)
			goto out;
		for (size_t i = 0; i < r->nr; i++) {
			if (states[i] != TARGET_REPLACE)
				continue;
			ret = fs_backup(dir, r->files[i].path, bdir.buf, &copied, err);
			if (ret)
				goto out;
		}
		for (size_t i = 0; i < nstale; i++) {
			if (sstates[i] != STALE_REMOVE)
				continue;
			ret = fs_backup(dir, stale[i], bdir.buf, &copied, err);
			if (ret)
				goto out;
		}
		if (profile_exists && profile_changed) {
			ret = fs_backup(dir, PROFILE_FILE, bdir.buf, &copied, err);
			if (ret)
				goto out;
		}
		if (res)
			res->backup_dir = xstrdup(bdir_rel.buf);
	}

	/* 3. write the files that change, remove the ones no longer generated */
	for (size_t i = 0; i < r->nr; i++) {
		const struct rendered_file *f = &r->files[i];
		if (states[i] == TARGET_SAME)
			continue;
		fs_path_join(&path, dir, f->path);
		parent_of(path.buf, &parent);
		if (parent.len) {
			ret = fs_mkdirs(parent.buf, err);
			if (ret)
				goto out;
		}
		ret = fs_write_atomic(path.buf, f->content.buf, f->content.len,
				      (mode_t)(f->mode ? f->mode : 0644), err);
		if (ret)
			goto out;
		if (res)
			list_add(&res->written, &res->nwritten, f->path);
		if (res && states[i] == TARGET_NEW && profile_file_hash(p, f->path))
			list_add(&res->recreated, &res->nrecreated, f->path);
	}
	for (size_t i = 0; i < nstale; i++) {
		if (sstates[i] == STALE_REMOVE) {
			fs_path_join(&path, dir, stale[i]);
			if (unlink(path.buf)) {
				ret = ss_error_set(err, SS_ERR_IO, stale[i], 0, 0,
						   "cannot remove '%s': %s", stale[i],
						   strerror(errno));
				goto out;
			}
			if (res)
				list_add(&res->removed, &res->nremoved, stale[i]);
		} else if (sstates[i] == STALE_KEEP && res) {
			list_add(&res->kept, &res->nkept, stale[i]);
		}
	}

	/* 4. the profile: save when it changed, then hand over */
	if (profile_changed || !profile_exists) {
		ret = fs_write_atomic(ppath.buf, newtext.buf, newtext.len, 0644, err);
		if (ret)
			goto out;
	}
	profile_release(p);
	*p = np;
	profile_init(&np);
out:
	profile_release(&np);
	free(states);
	free(sstates);
	for (size_t i = 0; i < nstale; i++)
		free(stale[i]);
	free(stale);
	strbuf_release(&path);
	strbuf_release(&bdir_rel);
	strbuf_release(&bdir);
	strbuf_release(&parent);
	strbuf_release(&ppath);
	strbuf_release(&newtext);
	strbuf_release(&oldtext);
	return ret;
}

int project_write(const char *dir, struct profile *p, const struct catalog *c,
		  const struct rendering *r, int tier, struct project_write_result *res,
		  struct ss_error *err)
{
	return project_write_at(dir, p, c, r, tier, 0, res, err);
}

int project_load_profile(const char *dir, struct profile *p, struct ss_error *err)
{
	struct strbuf path = STRBUF_INIT;
	int ret = 0;
	fs_path_join(&path, dir, PROFILE_FILE);
	if (!fs_exists(path.buf)) {
		ret = ss_error_set(err, SS_ERR_INPUT, "", 0, 0,
				   "no profile in '%s'; run 'shipshape init' first", dir);
		goto out;
	}
	ret = profile_load(p, path.buf, err);
out:
	strbuf_release(&path);
	return ret;
}

void project_init(struct project *pj)
{
	pj->dir = NULL;
	catalog_init(&pj->catalog);
	answers_schema_init(&pj->schema);
	profile_init(&pj->profile);
	pj->has_profile = 0;
}

void project_release(struct project *pj)
{
	if (!pj)
		return;
	free(pj->dir);
	pj->dir = NULL;
	catalog_release(&pj->catalog);
	answers_schema_release(&pj->schema);
	profile_release(&pj->profile); /* leaves NULL objects: release again is safe */
	pj->has_profile = 0;
}

int project_open(struct project *pj, const char *dir, const struct tstore *ts,
		 int need_profile, struct ss_error *err)
{
	struct strbuf path = STRBUF_INIT;
	int ret = 0;

	pj->dir = xstrdup(dir);
	if (!fs_is_dir(dir)) {
		ret = ss_error_set(err, SS_ERR_INPUT, "", 0, 0, "not a directory: '%s'", dir);
		goto out;
	}
	ret = catalog_load(&pj->catalog, ts, err);
	if (ret)
		goto out;
	ret = answers_schema_load(&pj->schema, ts, err);
	if (ret)
		goto out;
	fs_path_join(&path, dir, PROFILE_FILE);
	if (fs_exists(path.buf)) {
		ret = profile_load(&pj->profile, path.buf, err);
		if (ret)
			goto out;
		pj->has_profile = 1;
	} else if (need_profile) {
		/* a hand-written Dockerfile would stop init: say so now (legacy projects) */
		fs_path_join(&path, dir, "Dockerfile");
		ret = ss_error_set(err, SS_ERR_INPUT, "", 0, 0,
				   "no profile in '%s'; run 'shipshape init' first%s", dir,
				   fs_exists(path.buf)
					   ? " (its Dockerfile was not written by shipshape: move it "
					     "aside, e.g. to Dockerfile.legacy; 'shipshape lint' shows "
					     "which tier it reaches)"
					   : "");
	}
out:
	strbuf_release(&path);
	return ret;
}

int project_diff(const char *dir, const struct rendering *r, int context, struct strbuf *out,
		 size_t *changed, struct ss_error *err)
{
	struct strbuf path = STRBUF_INIT, cur = STRBUF_INIT, a = STRBUF_INIT, b = STRBUF_INIT;
	int ret = 0;
	*changed = 0;
	for (size_t i = 0; i < r->nr; i++) {
		const struct rendered_file *f = &r->files[i];
		size_t before = out->len;
		ret = fs_check_inside(dir, f->path, err);
		if (ret)
			goto out;
		fs_path_join(&path, dir, f->path);
		strbuf_reset(&cur);
		if (fs_exists(path.buf)) {
			ret = fs_read_file(path.buf, PROJECT_FILE_CAP, &cur, err);
			if (ret)
				goto out;
		}
		strbuf_reset(&a);
		strbuf_reset(&b);
		strbuf_addf(&a, "a/%s", f->path);
		strbuf_addf(&b, "b/%s", f->path);
		udiff_unified(a.buf, cur.buf, cur.len, b.buf, f->content.buf, f->content.len, context,
			      out);
		if (out->len != before)
			(*changed)++;
	}
out:
	strbuf_release(&path);
	strbuf_release(&cur);
	strbuf_release(&a);
	strbuf_release(&b);
	return ret;
}

void project_describe_step(const struct catalog *c, const struct rendering *from,
			   const struct rendering *to, struct strbuf *out)
{
	size_t n = 0;
	for (size_t i = 0; i < c->nr; i++) {
		const struct practice *pr = &c->items[i];
		if (!rendering_has_practice(to, pr->id) || (from && rendering_has_practice(from, pr->id)))
			continue;
		strbuf_addf(out, "  + %s (%s)%s\n", pr->title ? pr->title : pr->id, pr->id,
			    pr->process ? " [process]" : "");
		n++;
	}
	if (!n)
		strbuf_addstr(out, "  (no new practices)\n");
	for (size_t i = 0; i < to->nr; i++) {
		const struct rendered_file *f = &to->files[i];
		const struct rendered_file *old = from ? rendering_find(from, f->path) : NULL;
		if (!old)
			strbuf_addf(out, "  new file  %s\n", f->path);
		else if (strbuf_cmp(&old->content, &f->content))
			strbuf_addf(out, "  changes   %s\n", f->path);
	}
}

/* ---- the build context ---------------------------------------------- */

/* How to make a file the Dockerfile needs, by its name. */
static const char *source_hint(const char *path)
{
	const char *base = strrchr(path, '/');
	size_t n;
	base = base ? base + 1 : path;
	n = strlen(base);
	if (!strcmp(base, "poetry.lock"))
		return "run 'poetry lock' and commit it";
	if (!strcmp(base, "Pipfile.lock"))
		return "run 'pipenv lock' and commit it";
	if (!strcmp(base, "uv.lock"))
		return "run 'uv lock' and commit it";
	if (!strcmp(base, "conda-lock.yml"))
		return "make it with 'conda-lock -f environment.yml -p linux-64' and commit it";
	if (n > 4 && !strcmp(base + n - 4, ".txt"))
		return "set requirements_file to the project's requirements file, or to "
		       "'pyproject.toml' when the dependencies are listed only there";
	return "add it, or change the answers that ask for it";
}

/* 0, or SS_ERR_INPUT when src (a build-context path) is neither in dir nor rendered. */
static int check_source(const char *dir, const struct rendering *r, const char *src, size_t len,
			struct ss_error *err)
{
	struct strbuf name = STRBUF_INIT, path = STRBUF_INIT;
	int ret = 0;

	strbuf_add(&name, src, len);
	while (name.len > 2 && !strncmp(name.buf, "./", 2))
		strbuf_remove(&name, 0, 2);
	if (!name.len || !strcmp(name.buf, ".") || rendering_find(r, name.buf))
		goto out;
	fs_path_join(&path, dir, name.buf);
	if (!fs_exists(path.buf))
		ret = ss_error_set(err, SS_ERR_INPUT, name.buf, 0, 0,
				   "missing '%s' in '%s': the tier %d Dockerfile copies it; %s",
				   name.buf, dir, r->tier, source_hint(name.buf));
out:
	strbuf_release(&name);
	strbuf_release(&path);
	return ret;
}

int project_check_sources(const char *dir, const struct rendering *r, struct ss_error *err)
{
	const struct rendered_file *df = rendering_find(r, "Dockerfile");
	const char *line, *end;
	int ret = 0;

	if (!df)
		return 0;
	for (line = df->content.buf; !ret && line < df->content.buf + df->content.len;
	     line = end + 1) {
		const char *m, *w, *last = NULL;
		end = memchr(line, '\n', (size_t)(df->content.buf + df->content.len - line));
		if (!end)
			end = df->content.buf + df->content.len;
		/* RUN --mount=type=bind,source=X,... (on any line of a RUN) */
		for (m = line; !ret && (m = strstr(m, "--mount=type=bind,")) && m < end; m++) {
			const char *s = strstr(m, "source=");
			const char *stop = m + strcspn(m, " \n\\");
			if (s && s < stop) {
				s += 7;
				ret = check_source(dir, r, s, strcspn(s, ", \n\\"), err);
			}
		}
		if (ret || strncmp(line, "COPY ", 5))
			continue;
		/* COPY [--flag ...] SRC... DEST; --from= copies from elsewhere */
		if (strstr(line, "--from=") && strstr(line, "--from=") < end)
			continue;
		for (w = line + 5; !ret && w < end;) {
			size_t wl;
			while (w < end && *w == ' ')
				w++;
			wl = strcspn(w, " \n");
			if (w + wl > end)
				wl = (size_t)(end - w);
			if (!wl)
				break;
			if (*w != '-') {
				if (last) {
					ret = check_source(dir, r, last, strcspn(last, " \n"), err);
				}
				last = w;
			}
			w += wl;
		}
	}
	return ret;
}

int project_derive_answers(const char *dir, cJSON *answers)
{
	static const char *const manifests[] = {"pyproject.toml", "setup.py", "setup.cfg"};
	const cJSON *dm = cJSON_GetObjectItemCaseSensitive(answers, "dependency_manager");
	struct strbuf path = STRBUF_INIT;
	int ret = 0;

	if (!cJSON_IsString(dm) || strcmp(dm->valuestring, "pip") ||
	    cJSON_GetObjectItemCaseSensitive(answers, "requirements_file"))
		goto out;
	fs_path_join(&path, dir, "requirements.txt");
	if (fs_exists(path.buf))
		goto out;
	for (size_t i = 0; i < sizeof(manifests) / sizeof(manifests[0]) && !ret; i++) {
		fs_path_join(&path, dir, manifests[i]);
		if (fs_exists(path.buf)) {
			/* the dependencies come only by installing the project */
			cJSON_AddStringToObject(answers, "requirements_file", manifests[i]);
			cJSON_DeleteItemFromObjectCaseSensitive(answers, "installable_package");
			cJSON_AddTrueToObject(answers, "installable_package");
			ret = 1;
		}
	}
out:
	strbuf_release(&path);
	return ret;
}

void project_describe_result(const struct project_write_result *res, struct strbuf *out)
{
	for (size_t i = 0; i < res->nwritten; i++) {
		int again = 0;
		for (size_t k = 0; k < res->nrecreated; k++)
			if (!strcmp(res->recreated[k], res->written[i]))
				again = 1;
		strbuf_addf(out, again ? "recreated %s (it had been deleted)\n" : "wrote %s\n",
			    res->written[i]);
	}
	for (size_t i = 0; i < res->nremoved; i++)
		strbuf_addf(out, "removed %s (no longer generated with these answers)\n",
			    res->removed[i]);
	for (size_t i = 0; i < res->nkept; i++)
		strbuf_addf(out, "kept %s: no longer generated, but edited by hand; delete it "
				 "if you no longer need it\n",
			    res->kept[i]);
	if (res->backup_dir)
		strbuf_addf(out, "backups in %s\n", res->backup_dir);
	if (!res->nwritten && !res->nremoved && !res->backup_dir)
		strbuf_addstr(out, "nothing changed\n");
}

int project_apply_skip(struct profile *p, const struct catalog *c, const char *spec,
		       struct ss_error *err)
{
	const char *eq = strchr(spec, '=');
	char *id = NULL;
	int ret = 0;

	if (!eq || eq == spec || !eq[1]) {
		ret = ss_error_set(err, SS_ERR_INPUT, "", 0, 0,
				   "invalid skip '%s': expected ID=REASON, e.g. "
				   "reproducibility.base-image-digest=\"no registry access\"",
				   spec);
		goto out;
	}
	id = xstrndup(spec, (size_t)(eq - spec));
	if (!catalog_find(c, id)) {
		ret = ss_error_set(err, SS_ERR_INPUT, "", 0, 0,
				   "unknown practice '%s' to skip; 'shipshape practices' lists them",
				   id);
		goto out;
	}
	for (const char *t = eq + 1; *t; t++) {
		unsigned char ch = (unsigned char)*t;
		if (ch < 0x20 || ch == 0x7f) {
			ret = ss_error_set(err, SS_ERR_INPUT, "", 0, 0,
					   "invalid reason to skip '%s': it contains a control "
					   "character",
					   id);
			goto out;
		}
	}
	profile_set_practice(p, id, 0, eq + 1);
out:
	free(id);
	return ret;
}

/* ---- answers files ---------------------------------------------------- */

/*
 * The top-level key whose value holds byte offset off of the JSON object in
 * text, into key (raw, as written between the quotes); 0 when none does.
 */
static int key_at(const char *text, size_t len, size_t off, struct strbuf *key)
{
	int depth = 0, found = 0;
	size_t i = 0, kstart = 0, kend = 0;
	int have_key = 0;

	while (i < len && i < off) {
		char ch = text[i];
		if (ch == '"') {
			size_t start = ++i;
			while (i < len && text[i] != '"') {
				if (text[i] == '\\')
					i++;
				i++;
			}
			if (i >= off)
				break; /* off is inside this string */
			if (depth == 1) {
				size_t j = i + 1;
				while (j < len && (text[j] == ' ' || text[j] == '\t' || text[j] == '\n' ||
						   text[j] == '\r'))
					j++;
				if (j < len && text[j] == ':') {
					kstart = start;
					kend = i;
					have_key = 1;
				}
			}
		} else if (ch == '{' || ch == '[') {
			depth++;
		} else if (ch == '}' || ch == ']') {
			depth--;
			if (depth <= 0)
				have_key = 0;
		} else if (ch == ',' && depth == 1) {
			have_key = 0;
		}
		i++;
	}
	if (have_key && depth >= 1 && kend > kstart && kend - kstart < 64) {
		strbuf_reset(key);
		strbuf_add(key, text + kstart, kend - kstart);
		found = 1;
		for (size_t k = 0; k < key->len; k++) {
			unsigned char c = (unsigned char)key->buf[k];
			if (c < 0x20 || c >= 0x7f || c == '\\')
				found = 0;
		}
	}
	return found;
}

/*
 * Read a pipe (process substitution, or "-" for standard input) whole, up
 * to FS_DEFAULT_CAP: fs_read_file refuses them so a stray FIFO never
 * blocks a reader that did not ask for one; an --answers FILE did.
 */
static int read_stream(const char *path, struct strbuf *out, struct ss_error *err)
{
	int fd = strcmp(path, "-") ? open(path, O_RDONLY | O_CLOEXEC) : STDIN_FILENO;
	char buf[8192];
	ssize_t n;
	int ret = 0;

	if (fd < 0) {
		ret = ss_error_set(err, SS_ERR_IO, path, 0, 0, "cannot read '%s': %s", path,
				   strerror(errno));
		goto out;
	}
	for (;;) {
		n = read(fd, buf, sizeof(buf));
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0) {
			ret = ss_error_set(err, SS_ERR_IO, path, 0, 0, "cannot read '%s': %s", path,
					   strerror(errno));
			break;
		}
		if (!n)
			break;
		if (out->len + (size_t)n > FS_DEFAULT_CAP) {
			ret = ss_error_set(err, SS_ERR_INPUT, path, 0, 0,
					   "cannot read '%s': file too large", path);
			break;
		}
		strbuf_add(out, buf, (size_t)n);
	}
out:
	if (fd >= 0 && fd != STDIN_FILENO)
		close(fd);
	return ret;
}

int project_load_answers(const struct answer_schema *s, const char *path, cJSON **out,
			 struct ss_error *err)
{
	struct strbuf text = STRBUF_INIT, key = STRBUF_INIT;
	struct ss_error rerr;
	struct stat st;
	int ret, have_text = 0;

	ss_error_init(&rerr);
	*out = NULL;
	if (!strcmp(path, "-") || (!stat(path, &st) && S_ISFIFO(st.st_mode))) {
		ret = read_stream(path, &text, err);
		have_text = !ret;
		if (!ret)
			ret = answers_parse_json(text.buf, text.len, path, out, err);
		if (!ret && (ret = answers_validate(s, *out, path, err))) {
			cJSON_Delete(*out);
			*out = NULL;
		}
	} else {
		ret = answers_load_file(s, path, out, err);
		if (ret && err->line > 0 && strstr(err->msg, "NUL"))
			have_text = !fs_read_file(path, FS_DEFAULT_CAP, &text, &rerr);
	}
	if (ret && have_text && err->line > 0 && strstr(err->msg, "NUL")) {
		size_t off = 0;
		int line = 1;
		while (off < text.len && line < err->line)
			if (text.buf[off++] == '\n')
				line++;
		off += err->col > 0 ? (size_t)(err->col - 1) : 0;
		if (off <= text.len && key_at(text.buf, text.len, off, &key)) {
			char msg[SS_ERROR_MSG_MAX], file[SS_ERROR_FILE_MAX];
			int l = err->line, c = err->col;
			memcpy(msg, err->msg, sizeof(msg));
			memcpy(file, err->file, sizeof(file));
			const char *m = !strncmp(msg, "invalid JSON: ", 14) ? msg + 14 : msg;
			ss_error_set(err, ret, file, l, c, "invalid value for '%s': %s", key.buf, m);
		}
	}
	strbuf_release(&text);
	strbuf_release(&key);
	return ret;
}

int project_follow_entrypoint(const cJSON *facts, const cJSON *chosen, cJSON *answers)
{
	const cJSON *e = cJSON_GetObjectItemCaseSensitive(chosen, "entrypoint");
	const char *kind = NULL, *framework = NULL;
	int ret = 0;

	if (!facts || !cJSON_IsString(e) ||
	    !detect_candidate_for_entrypoint(facts, e->valuestring, &kind, &framework))
		return 0;
	if (kind && !cJSON_GetObjectItemCaseSensitive(chosen, "app_kind")) {
		cJSON_DeleteItemFromObjectCaseSensitive(answers, "app_kind");
		cJSON_AddStringToObject(answers, "app_kind", kind);
		ret = 1;
	}
	if (framework && !cJSON_GetObjectItemCaseSensitive(chosen, "framework")) {
		cJSON_DeleteItemFromObjectCaseSensitive(answers, "framework");
		cJSON_AddStringToObject(answers, "framework", framework);
		ret = 1;
	}
	return ret;
}
