/*
 * profile: load, check and save .shipshape.json.
 *
 * The serialiser is our own rather than cJSON_Print so that the bytes are
 * stable: two-space indentation, object keys sorted bytewise at every level,
 * integers without a fraction, one trailing newline. The same profile always
 * gives the same file, which keeps diffs of the profile readable and makes
 * the round trip byte-identical.
 */
#include <math.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "shipshape/answers.h"
#include "shipshape/catalog.h"
#include "shipshape/fsutil.h"
#include "shipshape/profile.h"
#include "shipshape/xalloc.h"

static cJSON *new_object(void)
{
	cJSON *o = cJSON_CreateObject();
	if (!o)
		xalloc_die("cJSON object", sizeof(cJSON));
	return o;
}

void profile_init(struct profile *p)
{
	p->schema_version = PROFILE_SCHEMA_VERSION;
	p->answers = new_object();
	p->tier = -1;
	p->practices = new_object();
	p->files = new_object();
}

void profile_release(struct profile *p)
{
	if (!p)
		return;
	cJSON_Delete(p->answers);
	cJSON_Delete(p->practices);
	cJSON_Delete(p->files);
	p->answers = p->practices = p->files = NULL;
	p->schema_version = PROFILE_SCHEMA_VERSION;
	p->tier = -1;
}

static cJSON *child_of(const cJSON *o)
{
	return o ? o->child : NULL;
}

/* ----------------------------------------------------------- serialise */

static int by_key(const void *a, const void *b)
{
	const cJSON *x = *(const cJSON *const *)a, *y = *(const cJSON *const *)b;
	return strcmp(x->string, y->string);
}

static void indent(struct strbuf *out, int depth)
{
	strbuf_addchars(out, ' ', (size_t)depth * 2);
}

static void add_string(struct strbuf *out, const char *s)
{
	strbuf_addch(out, '"');
	strbuf_add_json_escaped(out, s);
	strbuf_addch(out, '"');
}

/* JSON has no NaN or infinity; a number's text never follows the locale */
static void add_number(struct strbuf *out, double d)
{
	if (!isfinite(d))
		strbuf_addstr(out, "null");
	else
		strbuf_add_number(out, d);
}

static void add_value(struct strbuf *out, const cJSON *v, int depth)
{
	const cJSON *it;
	size_t n = 0, i;

	if (cJSON_IsObject(v) || cJSON_IsArray(v)) {
		const cJSON **items;
		int obj = cJSON_IsObject(v);
		cJSON_ArrayForEach(it, v)
			n++;
		if (!n) {
			strbuf_addstr(out, obj ? "{}" : "[]");
			return;
		}
		items = xcalloc(n, sizeof(*items));
		i = 0;
		cJSON_ArrayForEach(it, v)
			items[i++] = it;
		if (obj)
			qsort(items, n, sizeof(*items), by_key);
		strbuf_addstr(out, obj ? "{\n" : "[\n");
		for (i = 0; i < n; i++) {
			indent(out, depth + 1);
			if (obj) {
				add_string(out, items[i]->string);
				strbuf_addstr(out, ": ");
			}
			add_value(out, items[i], depth + 1);
			strbuf_addstr(out, i + 1 < n ? ",\n" : "\n");
		}
		indent(out, depth);
		strbuf_addch(out, obj ? '}' : ']');
		free(items);
	} else if (cJSON_IsString(v)) {
		add_string(out, v->valuestring);
	} else if (cJSON_IsNumber(v)) {
		add_number(out, v->valuedouble);
	} else if (cJSON_IsBool(v)) {
		strbuf_addstr(out, cJSON_IsTrue(v) ? "true" : "false");
	} else {
		strbuf_addstr(out, "null");
	}
}

void profile_serialize(const struct profile *p, struct strbuf *out)
{
	cJSON *root = new_object();
	/* borrow the members for the walk: a reference item does not own them */
	cJSON_AddItemToObject(root, "answers", cJSON_CreateObjectReference(child_of(p->answers)));
	cJSON_AddItemToObject(root, "files", cJSON_CreateObjectReference(child_of(p->files)));
	cJSON_AddItemToObject(root, "practices",
			      cJSON_CreateObjectReference(child_of(p->practices)));
	cJSON_AddNumberToObject(root, "schema_version", p->schema_version);
	cJSON_AddNumberToObject(root, "tier", p->tier);
	add_value(out, root, 0);
	strbuf_addch(out, '\n');
	cJSON_Delete(root);
}

int profile_save(const struct profile *p, const char *path, struct ss_error *err)
{
	struct strbuf out = STRBUF_INIT;
	int ret;
	profile_serialize(p, &out);
	ret = fs_write_atomic(path, out.buf, out.len, 0644, err);
	strbuf_release(&out);
	return ret;
}

/* ---------------------------------------------------------------- load */

static int bad(struct ss_error *err, const char *file, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

static int bad(struct ss_error *err, const char *file, const char *fmt, ...)
{
	va_list ap;
	int ret;
	va_start(ap, fmt);
	ret = ss_error_vset(err, SS_ERR_INPUT, file, 0, 0, fmt, ap);
	va_end(ap);
	return ret;
}

/* A key shown in an error: printable and short, or a placeholder. */
static const char *shown(const char *s)
{
	if (strlen(s) > 80)
		return "(a very long key)";
	for (const char *t = s; *t; t++)
		if ((unsigned char)*t < 0x20 || *t == '\'' || *t == 0x7f)
			return "(a key with control characters)";
	return s;
}

static int reason_ok(const char *s)
{
	for (; *s; s++) {
		unsigned char c = (unsigned char)*s;
		if (c < 0x20 || c == 0x7f || c == '"' || c == '\\')
			return 0;
	}
	return 1;
}

int profile_reason_check(const char *reason, struct strbuf *why)
{
	if (!reason || !*reason) {
		strbuf_addstr(why, "a skip needs a reason");
		return SS_ERR_INPUT;
	}
	if (strlen(reason) > 300) {
		strbuf_addstr(why, "the reason is longer than 300 characters");
		return SS_ERR_INPUT;
	}
	if (!reason_ok(reason)) {
		strbuf_addstr(why, "the reason may not contain a newline, a control character, '\"' or a backslash");
		return SS_ERR_INPUT;
	}
	return 0;
}

static int id_ok(const char *s)
{
	if (!*s || strlen(s) > 100)
		return 0;
	for (; *s; s++)
		if (!((*s >= 'a' && *s <= 'z') || (*s >= '0' && *s <= '9') || *s == '.' ||
		      *s == '-'))
			return 0;
	return 1;
}

static int check_practices(const cJSON *v, const char *file, struct ss_error *err)
{
	const cJSON *e, *f;
	struct strbuf why = STRBUF_INIT;
	int ret = 0;

	cJSON_ArrayForEach(e, v) {
		const cJSON *state, *reason;
		if (!id_ok(e->string)) {
			ret = bad(err, file, "invalid practice id '%s' in 'practices'", shown(e->string));
			goto out;
		}
		if (!cJSON_IsObject(e)) {
			ret = bad(err, file, "wrong type for 'practices.%s': expected an object",
				  e->string);
			goto out;
		}
		cJSON_ArrayForEach(f, e) {
			if (strcmp(f->string, "state") && strcmp(f->string, "reason")) {
				ret = bad(err, file, "unknown key 'practices.%s.%s'", e->string,
					  shown(f->string));
				goto out;
			}
		}
		state = cJSON_GetObjectItemCaseSensitive(e, "state");
		reason = cJSON_GetObjectItemCaseSensitive(e, "reason");
		if (!cJSON_IsString(state) || (strcmp(state->valuestring, "applied") &&
					       strcmp(state->valuestring, "skipped"))) {
			ret = bad(err, file,
				  "wrong value for 'practices.%s.state': expected \"applied\" or \"skipped\"",
				  e->string);
			goto out;
		}
		if (reason && !cJSON_IsString(reason)) {
			ret = bad(err, file, "wrong type for 'practices.%s.reason': expected a string",
				  e->string);
			goto out;
		}
		if (!strcmp(state->valuestring, "skipped") &&
		    profile_reason_check(reason ? reason->valuestring : NULL, &why)) {
			ret = bad(err, file, "invalid 'practices.%s.reason': %s", e->string, why.buf);
			goto out;
		}
		if (reason && !reason_ok(reason->valuestring)) {
			ret = bad(err, file, "invalid 'practices.%s.reason': it may not contain a newline, a control character, '\"' or a backslash",
				  e->string);
			goto out;
		}
	}
out:
	strbuf_release(&why);
	return ret;
}

static int check_files(const cJSON *v, const char *file, struct ss_error *err)
{
	const cJSON *e;
	struct strbuf why = STRBUF_INIT;
	int ret = 0;

	cJSON_ArrayForEach(e, v) {
		strbuf_reset(&why);
		if (answers_grammar_check("relpath", e->string, &why)) {
			ret = bad(err, file, "invalid path '%s' in 'files': %s", shown(e->string),
				  why.buf);
			goto out;
		}
		if (!cJSON_IsString(e) || strlen(e->valuestring) != 64 ||
		    strspn(e->valuestring, "0123456789abcdef") != 64) {
			ret = bad(err, file,
				  "wrong value for 'files.%s': expected a sha256 hex digest", e->string);
			goto out;
		}
	}
out:
	strbuf_release(&why);
	return ret;
}

static int whole(const cJSON *v, double lo, double hi)
{
	return cJSON_IsNumber(v) && v->valuedouble == floor(v->valuedouble) &&
	       v->valuedouble >= lo && v->valuedouble <= hi;
}

int profile_parse(struct profile *p, const char *text, size_t len, const char *filename,
		  struct ss_error *err)
{
	cJSON *root = NULL, *v;
	const cJSON *f;
	int ret;

	profile_release(p);
	profile_init(p);
	if ((ret = answers_parse_json(text, len, filename, &root, err)))
		goto out;
	if (!cJSON_IsObject(root)) {
		ret = bad(err, filename, "expected a JSON object at the top level");
		goto out;
	}
	cJSON_ArrayForEach(f, root) {
		if (strcmp(f->string, "schema_version") && strcmp(f->string, "answers") &&
		    strcmp(f->string, "tier") && strcmp(f->string, "practices") &&
		    strcmp(f->string, "files")) {
			ret = bad(err, filename, "unknown key '%s'", shown(f->string));
			goto out;
		}
	}
	f = cJSON_GetObjectItemCaseSensitive(root, "schema_version");
	if (!f) {
		ret = bad(err, filename, "missing key 'schema_version'");
		goto out;
	}
	if (!whole(f, 1, 1e9)) {
		ret = bad(err, filename, "wrong type for 'schema_version': expected a whole number from 1");
		goto out;
	}
	if (f->valuedouble > PROFILE_SCHEMA_VERSION) {
		ret = bad(err, filename,
			  "unsupported 'schema_version' %.0f: this shipshape reads version %d; upgrade shipshape",
			  f->valuedouble, PROFILE_SCHEMA_VERSION);
		goto out;
	}
	f = cJSON_GetObjectItemCaseSensitive(root, "tier");
	if (f && !whole(f, -1, CATALOG_TIERS - 1)) {
		ret = bad(err, filename, "wrong type for 'tier': expected a whole number from -1 to 6");
		goto out;
	}
	p->tier = f ? (int)f->valuedouble : -1;
	p->schema_version = PROFILE_SCHEMA_VERSION;
	static const char *const objs[] = {"answers", "practices", "files"};
	for (size_t i = 0; i < 3; i++) {
		f = cJSON_GetObjectItemCaseSensitive(root, objs[i]);
		if (f && !cJSON_IsObject(f)) {
			ret = bad(err, filename, "wrong type for '%s': expected an object", objs[i]);
			goto out;
		}
	}
	if ((f = cJSON_GetObjectItemCaseSensitive(root, "practices")) &&
	    (ret = check_practices(f, filename, err)))
		goto out;
	if ((f = cJSON_GetObjectItemCaseSensitive(root, "files")) &&
	    (ret = check_files(f, filename, err)))
		goto out;
	if ((v = cJSON_DetachItemFromObjectCaseSensitive(root, "answers"))) {
		cJSON_Delete(p->answers);
		p->answers = v;
	}
	if ((v = cJSON_DetachItemFromObjectCaseSensitive(root, "practices"))) {
		cJSON_Delete(p->practices);
		p->practices = v;
	}
	if ((v = cJSON_DetachItemFromObjectCaseSensitive(root, "files"))) {
		cJSON_Delete(p->files);
		p->files = v;
	}
out:
	cJSON_Delete(root);
	if (ret) {
		profile_release(p);
		profile_init(p);
	}
	return ret;
}

int profile_load(struct profile *p, const char *path, struct ss_error *err)
{
	struct strbuf text = STRBUF_INIT;
	int ret = fs_read_file(path, PROFILE_MAX_BYTES, &text, err);
	if (!ret) {
		ret = profile_parse(p, text.buf, text.len, path, err);
	} else {
		profile_release(p);
		profile_init(p);
	}
	strbuf_release(&text);
	return ret;
}

/* ------------------------------------------------------------- helpers */

int profile_is_skipped(const struct profile *p, const char *id, const char **reason)
{
	const cJSON *e = cJSON_GetObjectItemCaseSensitive(p->practices, id);
	const cJSON *state = cJSON_GetObjectItemCaseSensitive(e, "state");
	const cJSON *r = cJSON_GetObjectItemCaseSensitive(e, "reason");
	int skipped = cJSON_IsString(state) && !strcmp(state->valuestring, "skipped");
	if (reason)
		*reason = skipped && cJSON_IsString(r) ? r->valuestring : "";
	return skipped;
}

int profile_is_applied(const struct profile *p, const char *id)
{
	const cJSON *e = cJSON_GetObjectItemCaseSensitive(p->practices, id);
	const cJSON *state = cJSON_GetObjectItemCaseSensitive(e, "state");
	return cJSON_IsString(state) && !strcmp(state->valuestring, "applied");
}

void profile_set_practice(struct profile *p, const char *id, int applied, const char *reason)
{
	cJSON *e = new_object();
	cJSON_AddStringToObject(e, "state", applied ? "applied" : "skipped");
	if (reason && *reason) {
		/* keep the profile loadable and the skip comment one line */
		char *r = xstrdup(reason);
		for (char *t = r; *t; t++) {
			unsigned char c = (unsigned char)*t;
			if (c < 0x20 || c == 0x7f)
				*t = ' ';
			else if (c == '"')
				*t = '\'';
			else if (c == '\\')
				*t = '/';
		}
		if (strlen(r) > 300) {
			size_t n = 300;
			/* cut before a UTF-8 character, never inside one */
			while (n > 0 && ((unsigned char)r[n] & 0xC0) == 0x80)
				n--;
			r[n] = '\0';
		}
		cJSON_AddStringToObject(e, "reason", r);
		free(r);
	} else if (!applied) {
		cJSON_AddStringToObject(e, "reason", "no reason given");
	}
	if (!p->practices)
		p->practices = new_object();
	if (cJSON_GetObjectItemCaseSensitive(p->practices, id))
		cJSON_ReplaceItemInObjectCaseSensitive(p->practices, id, e);
	else
		cJSON_AddItemToObject(p->practices, id, e);
}

void profile_set_answers(struct profile *p, const cJSON *answers)
{
	cJSON *copy = answers && cJSON_IsObject(answers) ? cJSON_Duplicate(answers, 1) : NULL;
	if (!copy)
		copy = new_object();
	cJSON_Delete(p->answers);
	p->answers = copy;
}

void profile_set_file(struct profile *p, const char *path, const char *sha256_hex)
{
	cJSON *s = cJSON_CreateString(sha256_hex);
	if (!s)
		xalloc_die("cJSON string", strlen(sha256_hex));
	if (!p->files)
		p->files = new_object();
	if (cJSON_GetObjectItemCaseSensitive(p->files, path))
		cJSON_ReplaceItemInObjectCaseSensitive(p->files, path, s);
	else
		cJSON_AddItemToObject(p->files, path, s);
}

const char *profile_file_hash(const struct profile *p, const char *path)
{
	const cJSON *v = cJSON_GetObjectItemCaseSensitive(p->files, path);
	return cJSON_IsString(v) ? v->valuestring : NULL;
}
