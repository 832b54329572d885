/*
 * view_session: the wizard's model (see view.h). It holds what the screens
 * show and changes it only through the core calls `init` and `next` use,
 * so the wizard and the CLI write the same bytes for the same answers.
 */
#include <stdlib.h>
#include <string.h>

#include "shipshape/detect.h"
#include "shipshape/fsutil.h"
#include "shipshape/udiff.h"
#include "shipshape/view.h"
#include "shipshape/xalloc.h"

void view_session_init(struct view_session *s)
{
	memset(s, 0, sizeof(*s));
	catalog_init(&s->catalog);
	answers_schema_init(&s->schema);
	profile_init(&s->profile);
	view_lines_init(&s->warnings);
	rendering_init(&s->rendering);
	strbuf_init(&s->diff, 0);
	view_lines_init(&s->changes);
	project_write_result_init(&s->written);
	s->start_tier = -1;
	s->written_tier = -1;
}

static void clear_questions(struct view_session *s)
{
	for (size_t i = 0; i < s->nquestions; i++) {
		strbuf_release(&s->questions[i].text);
		free(s->questions[i].error);
	}
	free(s->questions);
	s->questions = NULL;
	s->nquestions = 0;
}

static void clear_items(struct view_session *s)
{
	for (size_t i = 0; i < s->nitems; i++)
		free(s->items[i].reason);
	free(s->items);
	s->items = NULL;
	s->nitems = s->nfile_items = 0;
}

static void clear_rendering(struct view_session *s)
{
	rendering_release(&s->rendering);
	rendering_init(&s->rendering);
	strbuf_reset(&s->diff);
	view_lines_release(&s->changes);
}

static void free_fact(struct view_fact *f)
{
	free(f->key);
	free(f->label);
	free(f->value);
	free(f->text);
	free(f->source);
	free(f->confidence);
}

void view_session_release(struct view_session *s)
{
	if (!s)
		return;
	clear_questions(s);
	clear_items(s);
	clear_rendering(s);
	for (size_t i = 0; i < s->nfacts; i++)
		free_fact(&s->fact_rows[i]);
	free(s->fact_rows);
	free(s->dir);
	free(s->unmanaged);
	free(s->blocked);
	catalog_release(&s->catalog);
	answers_schema_release(&s->schema);
	profile_release(&s->profile);
	view_lines_release(&s->warnings);
	strbuf_release(&s->diff);
	cJSON_Delete(s->facts);
	cJSON_Delete(s->answers);
	cJSON_Delete(s->answered);
	project_write_result_release(&s->written);
	/* not view_session_init: profile_init allocates, and release must not */
	memset(s, 0, sizeof(*s));
	s->start_tier = -1;
	s->written_tier = -1;
}

static void value_text(const struct view_session *s, const char *key, const cJSON *v,
		       struct strbuf *out)
{
	const struct answer_key *k = answers_schema_find(&s->schema, key);

	if (k) {
		answers_format_text(k, v, out);
	} else {
		char *t = cJSON_PrintUnformatted(v);
		strbuf_addstr(out, t ? t : "");
		free(t);
	}
}

/* 1 for a value with nothing in it: "", [], {"build": [], "runtime": []}. */
static int is_empty_value(const cJSON *v)
{
	const cJSON *it;

	if (cJSON_IsString(v))
		return !*v->valuestring;
	if (cJSON_IsArray(v))
		return cJSON_GetArraySize(v) == 0;
	if (cJSON_IsObject(v)) {
		cJSON_ArrayForEach(it, v)
		{
			if (!is_empty_value(it))
				return 0;
		}
		return 1;
	}
	return cJSON_IsNull(v);
}

static const char *fact_str(const cJSON *fact, const char *name)
{
	const cJSON *v = cJSON_GetObjectItemCaseSensitive(fact, name);
	return cJSON_IsString(v) ? v->valuestring : "";
}

/* (Re)build the found screen's rows from the answers and the facts. */
static void build_fact_rows(struct view_session *s)
{
	struct strbuf sb = STRBUF_INIT;

	for (size_t i = 0; i < s->nfacts; i++)
		free_fact(&s->fact_rows[i]);
	free(s->fact_rows);
	s->fact_rows = NULL;
	s->nfacts = 0;
	for (size_t i = 0; detect_answer_keys[i]; i++) {
		const char *key = detect_answer_keys[i];
		const cJSON *v = cJSON_GetObjectItemCaseSensitive(s->answers, key);
		const cJSON *fact = cJSON_GetObjectItemCaseSensitive(s->facts, key);
		const cJSON *fv = cJSON_GetObjectItemCaseSensitive(fact, "value");
		const struct answer_key *k = answers_schema_find(&s->schema, key);
		struct view_fact *f;

		if (!v)
			continue;
		s->fact_rows = xreallocarray(s->fact_rows, s->nfacts + 1, sizeof(*s->fact_rows));
		f = &s->fact_rows[s->nfacts++];
		f->key = xstrdup(key);
		f->label = xstrdup(k && k->prompt ? k->prompt : key);
		strbuf_reset(&sb);
		value_text(s, key, v, &sb);
		f->text = xstrdup(sb.buf);
		f->value = xstrdup(is_empty_value(v) ? "none" : sb.buf);
		if (fv && cJSON_Compare(fv, v, 1)) {
			f->source = xstrdup(fact_str(fact, "source"));
			f->confidence = xstrdup(fact_str(fact, "confidence"));
		} else if (s->has_profile && fv) {
			/* recorded, and detection now says something else: show both */
			strbuf_reset(&sb);
			value_text(s, key, fv, &sb);
			f->source = xstrdup("profile");
			strbuf_insert(&sb, 0, "now found ", 10);
			f->confidence = xstrdup(sb.buf);
		} else {
			f->source = xstrdup(s->has_profile ? "profile" : "");
			f->confidence = xstrdup(s->has_profile ? "recorded" : "you");
		}
	}
	strbuf_release(&sb);
}

/* The files tier 0 writes that exist and that shipshape did not write: a
 * hand-made Dockerfile or .dockerignore. shipshape never overwrites them. */
static void find_unmanaged(struct view_session *s)
{
	static const char *const tier0_files[] = {"Dockerfile", ".dockerignore"};
	struct strbuf path = STRBUF_INIT, found = STRBUF_INIT;

	for (size_t i = 0; i < sizeof(tier0_files) / sizeof(tier0_files[0]); i++) {
		fs_path_join(&path, s->dir, tier0_files[i]);
		if (!fs_exists(path.buf) || profile_file_hash(&s->profile, tier0_files[i]))
			continue;
		strbuf_addf(&found, "%s'%s'", found.len ? " and " : "", tier0_files[i]);
	}
	if (found.len)
		s->unmanaged = strbuf_detach(&found, NULL);
	strbuf_release(&path);
	strbuf_release(&found);
}

int view_session_open(struct view_session *s, const char *dir, const struct tstore *ts,
		      struct ss_error *err)
{
	struct strbuf path = STRBUF_INIT;
	const cJSON *w, *it;
	int ret;

	s->dir = xstrdup(dir);
	s->ts = ts;
	ret = catalog_load(&s->catalog, ts, err);
	if (ret)
		goto out;
	ret = answers_schema_load(&s->schema, ts, err);
	if (ret)
		goto out;
	fs_path_join(&path, dir, PROFILE_FILE);
	if (fs_exists(path.buf)) {
		ret = project_load_profile(dir, &s->profile, err);
		if (ret)
			goto out;
		s->has_profile = 1;
		s->start_tier = s->profile.tier;
	}
	ret = detect_project(dir, ts, &s->facts, err);
	if (ret)
		goto out;
	s->answers = detect_answers(s->facts);
	if (s->answers)
		project_derive_answers(dir, s->answers); /* as init does */
	if (!s->answers)
		s->answers = cJSON_CreateObject();
	if (s->has_profile && cJSON_IsObject(s->profile.answers)) {
		/* the recorded answers win; detection fills what the profile lacks */
		const cJSON *a;
		cJSON_ArrayForEach(a, s->profile.answers)
		{
			cJSON_DeleteItemFromObjectCaseSensitive(s->answers, a->string);
			cJSON_AddItemToObject(s->answers, a->string, cJSON_Duplicate(a, 1));
		}
	}
	s->answered = cJSON_CreateObject();
	build_fact_rows(s);
	w = cJSON_GetObjectItemCaseSensitive(s->facts, "warnings");
	cJSON_ArrayForEach(it, w)
	{
		if (cJSON_IsString(it))
			view_lines_add(&s->warnings, it->valuestring);
	}
	find_unmanaged(s);
	s->tier = s->start_tier + 1;
out:
	strbuf_release(&path);
	return ret;
}

static void mark_answered(struct view_session *s, const char *key)
{
	if (!s->answered)
		s->answered = cJSON_CreateObject();
	if (!cJSON_GetObjectItemCaseSensitive(s->answered, key))
		cJSON_AddTrueToObject(s->answered, key);
}

/* Set key to the string value (when it differs), as the user's answer. */
static int follow(struct view_session *s, const char *key, const char *value)
{
	const cJSON *have = cJSON_GetObjectItemCaseSensitive(s->answers, key);
	cJSON *v;

	if (!value || !answers_schema_find(&s->schema, key) ||
	    (cJSON_IsString(have) && !strcmp(have->valuestring, value)))
		return 0;
	v = cJSON_CreateString(value);
	if (answers_validate_one(&s->schema, key, v, NULL)) {
		cJSON_Delete(v);
		return 0;
	}
	cJSON_DeleteItemFromObjectCaseSensitive(s->answers, key);
	cJSON_AddItemToObject(s->answers, key, v);
	mark_answered(s, key);
	return 1;
}

static void add_warning_once(struct view_session *s, const char *text)
{
	for (size_t i = 0; i < s->warnings.nr; i++)
		if (!strcmp(s->warnings.v[i], text))
			return;
	view_lines_add(&s->warnings, text);
}

/*
 * app_kind and framework belong to the app the entrypoint names. When the
 * user picks another entrypoint that detection knows (one of the candidate
 * apps), they follow it (detect_candidate_for_entrypoint), so a Flask app
 * picked among FastAPI ones is not served by uvicorn. An entrypoint or
 * command detection does not know gets a warning to check them instead.
 */
static void follow_linked(struct view_session *s, const char *key, const cJSON *v)
{
	const cJSON *fact = cJSON_GetObjectItemCaseSensitive(s->facts, key);
	const cJSON *fv = cJSON_GetObjectItemCaseSensitive(fact, "value");
	struct strbuf sb = STRBUF_INIT, was = STRBUF_INIT;
	const char *kind = NULL, *framework = NULL;

	if ((strcmp(key, "entrypoint") != 0 && strcmp(key, "command") != 0) || !fv ||
	    cJSON_Compare(fv, v, 1))
		goto out;
	value_text(s, key, fv, &was);
	if (cJSON_IsString(v) && !strcmp(key, "entrypoint") &&
	    detect_candidate_for_entrypoint(s->facts, v->valuestring, &kind, &framework)) {
		int changed = follow(s, "app_kind", kind) + follow(s, "framework", framework);
		if (changed) {
			strbuf_addf(&sb,
				    "app_kind and framework now follow entrypoint '%s': %s%s%s",
				    v->valuestring, kind ? kind : "", kind && framework ? ", " : "",
				    framework ? framework : "");
			add_warning_once(s, sb.buf);
		}
		goto out;
	}
	strbuf_addf(&sb,
		    "%s is no longer the detected '%s': check that app_kind and framework "
		    "still fit the app it starts",
		    key, was.buf);
	add_warning_once(s, sb.buf);
out:
	strbuf_release(&sb);
	strbuf_release(&was);
}

int view_session_set_answer(struct view_session *s, const char *key, const char *text,
			    struct ss_error *err)
{
	cJSON *v = NULL;
	int ret = answers_parse_text(&s->schema, key, text, &v, err);

	if (ret)
		return ret;
	cJSON_DeleteItemFromObjectCaseSensitive(s->answers, key);
	cJSON_AddItemToObject(s->answers, key, v);
	mark_answered(s, key);
	s->dirty = 1;
	follow_linked(s, key, v);
	build_fact_rows(s);
	/* an edited fact reads as the user's, even when it equals what was found */
	for (size_t i = 0; i < s->nfacts; i++) {
		if (!strcmp(s->fact_rows[i].key, key)) {
			free(s->fact_rows[i].confidence);
			s->fact_rows[i].confidence = xstrdup("you");
		}
	}
	return 0;
}

/* The answers as init completes them: derived answers (a smoke test for
 * test_command, renovate for GitLab), then the schema's defaults. */
static cJSON *full_answers(const struct view_session *s)
{
	cJSON *copy = cJSON_Duplicate(s->answers, 1), *full;

	render_derive_answers(copy);
	full = answers_with_defaults(&s->schema, copy);
	cJSON_Delete(copy);
	return full;
}

void view_session_questions(struct view_session *s)
{
	cJSON *full = full_answers(s);

	clear_questions(s);
	for (size_t i = 0; i < s->schema.nr; i++) {
		const struct answer_key *k = &s->schema.keys[i];
		struct view_question *q;

		const cJSON *have = cJSON_GetObjectItemCaseSensitive(s->answers, k->key);
		int again = have && s->has_profile && k->tier > s->start_tier &&
			    k->tier <= s->tier &&
			    !cJSON_GetObjectItemCaseSensitive(s->facts, k->key) &&
			    !cJSON_GetObjectItemCaseSensitive(s->answered, k->key);

		if (k->tier > s->tier || (have && !again))
			continue;
		if (!answers_key_relevant(k, full))
			continue;
		s->questions =
		    xreallocarray(s->questions, s->nquestions + 1, sizeof(*s->questions));
		q = &s->questions[s->nquestions++];
		q->k = k;
		strbuf_init(&q->text, 0);
		q->error = NULL;
		if (!have) /* derived from the other answers, else the default */
			have = cJSON_GetObjectItemCaseSensitive(full, k->key);
		if (have)
			answers_format_text(k, have, &q->text);
	}
	cJSON_Delete(full);
}

int view_session_answer(struct view_session *s, size_t i, struct ss_error *err)
{
	struct view_question *q = &s->questions[i];
	cJSON *v = NULL;
	int ret;

	free(q->error);
	q->error = NULL;
	ret = answers_parse_text(&s->schema, q->k->key, q->text.buf, &v, err);
	if (ret) {
		q->error = xstrdup(err->msg);
		return ret;
	}
	cJSON_DeleteItemFromObjectCaseSensitive(s->answers, q->k->key);
	cJSON_AddItemToObject(s->answers, q->k->key, v);
	mark_answered(s, q->k->key);
	s->dirty = 1;
	return 0;
}

static void add_item(struct view_session *s, const struct practice *p)
{
	struct view_item *it;
	const char *reason = NULL;

	s->items = xreallocarray(s->items, s->nitems + 1, sizeof(*s->items));
	it = &s->items[s->nitems++];
	it->p = p;
	it->skipped = profile_is_skipped(&s->profile, p->id, &reason);
	it->reason = it->skipped ? xstrdup(reason ? reason : "") : NULL;
}

static void build_items(struct view_session *s, const cJSON *full)
{
	clear_items(s);
	for (int pass = 0; pass < 2; pass++) {
		for (size_t i = 0; i < s->catalog.nr; i++) {
			const struct practice *p = &s->catalog.items[i];
			if (p->tier != s->tier || !p->process != !pass)
				continue;
			if (!catalog_applies(p, full))
				continue;
			add_item(s, p);
		}
		if (!pass)
			s->nfile_items = s->nitems;
	}
}

static void build_diff(struct view_session *s)
{
	struct strbuf path = STRBUF_INIT, old = STRBUF_INIT, a = STRBUF_INIT, b = STRBUF_INIT;

	for (size_t i = 0; i < s->rendering.nr; i++) {
		const struct rendered_file *f = &s->rendering.files[i];
		struct ss_error e;
		int exists;

		fs_path_join(&path, s->dir, f->path);
		strbuf_reset(&old);
		exists = fs_exists(path.buf) && !fs_read_file(path.buf, FS_DEFAULT_CAP, &old, &e);
		if (exists && old.len == f->content.len &&
		    !memcmp(old.buf, f->content.buf, old.len))
			continue;
		strbuf_reset(&a);
		strbuf_reset(&b);
		if (exists)
			strbuf_addf(&a, "a/%s", f->path);
		else
			strbuf_addstr(&a, "/dev/null");
		strbuf_addf(&b, "b/%s", f->path);
		udiff_unified(a.buf, old.buf, old.len, b.buf, f->content.buf, f->content.len, 3,
			      &s->diff);
		view_lines_addf(&s->changes, "%s (%s)", f->path, exists ? "changed" : "new file");
	}
	strbuf_release(&path);
	strbuf_release(&old);
	strbuf_release(&a);
	strbuf_release(&b);
}

int view_session_prepare(struct view_session *s, struct ss_error *err)
{
	cJSON *full = full_answers(s);
	int ret;

	profile_set_answers(&s->profile, full);
	build_items(s, full);
	clear_rendering(s);
	ret = render_tier(&s->catalog, s->ts, &s->profile, s->tier, &s->rendering, err);
	if (!ret)
		build_diff(s);
	free(s->blocked);
	s->blocked = NULL;
	if (!ret && !s->read_only) {
		struct ss_error e;
		ss_error_init(&e);
		if (project_check(s->dir, &s->profile, &s->rendering, &e) == SS_ERR_CONFLICT)
			s->blocked = xstrdup(e.file[0] ? e.file : "a file");
	}
	cJSON_Delete(full);
	return ret;
}

int view_session_skip(struct view_session *s, size_t i, const char *reason, struct ss_error *err)
{
	struct view_item *it = &s->items[i];

	if (reason)
		profile_set_practice(&s->profile, it->p->id, 0, reason);
	else
		cJSON_DeleteItemFromObjectCaseSensitive(s->profile.practices, it->p->id);
	s->dirty = 1;
	return view_session_prepare(s, err);
}

static void add_list(struct strbuf *out, const char *title, char **v, size_t n)
{
	if (!n)
		return;
	strbuf_addf(out, "\n%s: ", title);
	for (size_t i = 0; i < n; i++)
		strbuf_addf(out, "%s%s", i ? ", " : "", v[i]);
	strbuf_addch(out, '\n');
}

void view_session_why(const struct view_session *s, size_t i, struct strbuf *out)
{
	const struct practice *p = s->items[i].p;

	strbuf_addf(out, "%s\n\n", p->title ? p->title : p->id);
	if (p->why)
		strbuf_addf(out, "%s\n", p->why);
	if (p->process)
		strbuf_addstr(out, "\nA team practice: it changes no file. Keep it ticked when the "
				   "team takes it on; skip it with a reason when it does not.\n");
	add_list(out, "Changes", p->changes, p->nchanges);
	add_list(out, "Replaces", p->replaces, p->nreplaces);
	add_list(out, "Same as", p->equivalents, p->nequivalents);
	if (s->items[i].skipped)
		strbuf_addf(out, "\nSkipped: %s\n", s->items[i].reason ? s->items[i].reason : "");
	if (p->nreferences) {
		strbuf_addstr(out, "\nReferences:\n");
		for (size_t j = 0; j < p->nreferences; j++)
			strbuf_addf(out, "  %s\n", p->references[j]);
	}
	strbuf_addf(out, "\nid: %s\n", p->id);
}

int view_session_write(struct view_session *s, struct ss_error *err)
{
	int ret = 0;

	project_write_result_release(&s->written);
	project_write_result_init(&s->written);
	if (s->read_only)
		return 0;
	ret = project_write(s->dir, &s->profile, &s->catalog, &s->rendering, s->tier, &s->written,
			    err);
	if (!ret) {
		s->written_tier = s->tier;
		s->has_profile = 1;
		s->dirty = 0;
	}
	return ret;
}

int view_session_check(const struct view_session *s, struct ss_error *err)
{
	if (s->read_only)
		return 0;
	return project_check(s->dir, &s->profile, &s->rendering, err);
}

int view_session_next_tier(struct view_session *s)
{
	if (s->tier >= RENDER_MAX_TIER)
		return 0;
	s->tier++;
	clear_questions(s);
	clear_items(s);
	clear_rendering(s);
	free(s->blocked);
	s->blocked = NULL;
	return 1;
}
