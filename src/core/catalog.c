/*
 * catalog: load and validate templates/practices.json.
 *
 * The catalog is data that every other module trusts, so loading checks it
 * strictly: unknown fields, duplicate ids, ids that do not match their tier,
 * dangling conflicts/replaces and conditions on answer keys that do not
 * exist are all errors that name the file and the JSON path of the entry.
 */
#include <ctype.h>
#include <math.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "shipshape/answers.h"
#include "shipshape/catalog.h"
#include "shipshape/xalloc.h"

const char *const catalog_tier_names[CATALOG_TIERS] = {
	"baseline", "security", "automation", "correctness",
	"reproducibility", "build-time", "image-size",
};

/* What a practice's "changes" may name: files, or a symbol resolved by an answer. */
static const char *const known_changes[] = {
	"Dockerfile", ".dockerignore", "docker-entrypoint.sh", "ci", "update-bot", "compose.yaml",
};

static const char *const practice_fields[] = {
	"id", "tier", "title", "why", "fix", "process", "dockerfile", "lint", "changes",
	"references", "applies_when", "conflicts", "replaces", "equivalents", "skippable_offline",
};

static const char *const tier_fields[] = {"number", "name", "title", "question", "why"};

static void free_list(char **v, size_t n)
{
	for (size_t i = 0; i < n; i++)
		free(v[i]);
	free(v);
}

static void practice_release(struct practice *p)
{
	free(p->id);
	free(p->title);
	free(p->why);
	free(p->fix);
	free_list(p->changes, p->nchanges);
	free_list(p->references, p->nreferences);
	cJSON_Delete(p->applies_when);
	free_list(p->conflicts, p->nconflicts);
	free_list(p->replaces, p->nreplaces);
	free_list(p->equivalents, p->nequivalents);
	memset(p, 0, sizeof(*p));
}

void catalog_init(struct catalog *c)
{
	memset(c, 0, sizeof(*c));
}

void catalog_release(struct catalog *c)
{
	if (!c)
		return;
	for (size_t i = 0; i < c->nr; i++)
		practice_release(&c->items[i]);
	free(c->items);
	for (int t = 0; t < CATALOG_TIERS; t++) {
		free(c->tiers[t].name);
		free(c->tiers[t].title);
		free(c->tiers[t].question);
		free(c->tiers[t].why);
	}
	catalog_init(c);
}

const struct practice *catalog_find(const struct catalog *c, const char *id)
{
	for (size_t i = 0; id && i < c->nr; i++)
		if (!strcmp(c->items[i].id, id))
			return &c->items[i];
	return NULL;
}

int catalog_applies(const struct practice *p, const cJSON *answers)
{
	return answers_conditions_hold(p->applies_when, answers);
}

static void add_scalar(struct strbuf *out, const cJSON *v)
{
	if (cJSON_IsString(v))
		strbuf_addstr(out, v->valuestring);
	else if (cJSON_IsBool(v))
		strbuf_addstr(out, cJSON_IsTrue(v) ? "true" : "false");
	else if (cJSON_IsNumber(v))
		strbuf_addf(out, "%g", v->valuedouble);
	else
		strbuf_addstr(out, "(a list or object)");
}

static void add_alternatives(struct strbuf *out, const cJSON *c)
{
	const cJSON *v;
	int n = cJSON_GetArraySize(c), i = 0;
	cJSON_ArrayForEach(v, c) {
		if (i)
			strbuf_addstr(out, i == n - 1 ? " or " : ", ");
		add_scalar(out, v);
		i++;
	}
}

void catalog_describe_conditions(const cJSON *cond, struct strbuf *out)
{
	const cJSON *c;
	int first = 1;
	cJSON_ArrayForEach(c, cond) {
		if (!first)
			strbuf_addstr(out, ", and ");
		first = 0;
		strbuf_addstr(out, c->string);
		if (cJSON_IsBool(c)) {
			strbuf_addstr(out, cJSON_IsTrue(c) ? " is set" : " is not set");
		} else {
			strbuf_addstr(out, " is ");
			add_alternatives(out, c);
		}
	}
}

void catalog_why_not(const struct practice *p, const cJSON *answers, struct strbuf *out)
{
	const cJSON *c;
	cJSON_ArrayForEach(c, p->applies_when) {
		cJSON *one = cJSON_CreateObject();
		const cJSON *a;
		int holds;
		cJSON_AddItemReferenceToObject(one, c->string, (cJSON *)(uintptr_t)c);
		holds = answers_conditions_hold(one, answers);
		cJSON_Delete(one);
		if (holds)
			continue;
		a = cJSON_GetObjectItemCaseSensitive(answers, c->string);
		strbuf_addstr(out, c->string);
		if (cJSON_IsBool(c)) {
			strbuf_addstr(out, cJSON_IsTrue(c) ? " is not set" : " is set");
			return;
		}
		if (!a) {
			strbuf_addstr(out, " is not answered");
		} else {
			strbuf_addstr(out, " is '");
			add_scalar(out, a);
			strbuf_addch(out, '\'');
		}
		strbuf_addstr(out, ", it applies to ");
		add_alternatives(out, c);
		return;
	}
}

int catalog_tier_parse(const char *s)
{
	char buf[32];
	size_t n;

	if (!s || !*s)
		return -1;
	if (!strncasecmp(s, "tier ", 5) || !strncasecmp(s, "tier-", 5))
		s += 5;
	if (isdigit((unsigned char)s[0]) && !s[1])
		return s[0] - '0' < CATALOG_TIERS ? s[0] - '0' : -1;
	n = strlen(s);
	if (n >= sizeof(buf))
		return -1;
	for (size_t i = 0; i <= n; i++)
		buf[i] = (s[i] == ' ' || s[i] == '_') ? '-' : (char)tolower((unsigned char)s[i]);
	for (int t = 0; t < CATALOG_TIERS; t++)
		if (!strcmp(buf, catalog_tier_names[t]))
			return t;
	return -1;
}

size_t catalog_tier_count(const struct catalog *c, int tier)
{
	size_t n = 0;
	for (size_t i = 0; i < c->nr; i++)
		n += c->items[i].tier == tier;
	return n;
}

/* --------------------------------------------------------------- parse */

/*
 * The JSON path of the value being checked is kept as its parts and only
 * spelled out when an error needs it: loading runs on every start, errors
 * almost never.
 */
struct ctx {
	const char *file;
	struct ss_error *err;
	struct strbuf path; /* spelled out by path_of() */
	const char *p_arr;  /* "practices", "tiers", or a literal path */
	size_t p_i, p_k;    /* index in p_arr, index in p_field (SIZE_MAX: none) */
	const char *p_field;
	int p_literal;      /* p_arr is the whole path */
};

static const char *path_of(struct ctx *x)
{
	strbuf_reset(&x->path);
	if (x->p_literal) {
		strbuf_addstr(&x->path, x->p_arr);
		return x->path.buf;
	}
	strbuf_addf(&x->path, "%s[%zu]", x->p_arr, x->p_i);
	if (x->p_field)
		strbuf_addf(&x->path, ".%s", x->p_field);
	if (x->p_k != SIZE_MAX)
		strbuf_addf(&x->path, "[%zu]", x->p_k);
	return x->path.buf;
}

/* Set the current JSON path to "practices[i].field[k]". */
static void at_item(struct ctx *x, size_t i, const char *field, size_t k)
{
	x->p_literal = 0;
	x->p_arr = "practices";
	x->p_i = i;
	x->p_field = field;
	x->p_k = k;
}

/* Set the current JSON path to the literal s (a static string). */
static void at_literal(struct ctx *x, const char *s)
{
	x->p_literal = 1;
	x->p_arr = s;
}

static int fail(struct ctx *x, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

static int fail(struct ctx *x, const char *fmt, ...)
{
	struct strbuf msg = STRBUF_INIT;
	va_list ap;
	int ret;

	va_start(ap, fmt);
	strbuf_vaddf(&msg, fmt, ap);
	va_end(ap);
	ret = ss_error_set(x->err, SS_ERR_INPUT, x->file, 0, 0, "%s: %s", path_of(x), msg.buf);
	strbuf_release(&msg);
	return ret;
}

/* Set the current JSON path to "practices[i].field" (field may be NULL). */
static void at(struct ctx *x, const char *arr, size_t i, const char *field)
{
	x->p_literal = 0;
	x->p_arr = arr;
	x->p_i = i;
	x->p_field = field;
	x->p_k = SIZE_MAX;
}

static int known_field(const char *name, const char *const *list, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (!strcmp(name, list[i]))
			return 1;
	return 0;
}

static int get_text(struct ctx *x, const cJSON *o, const char *arr, size_t i,
		    const char *field, char **out)
{
	const cJSON *v = cJSON_GetObjectItemCaseSensitive(o, field);
	at(x, arr, i, field);
	if (!v)
		return fail(x, "missing field");
	if (!cJSON_IsString(v) || !*v->valuestring)
		return fail(x, "expected a non-empty string");
	*out = xstrdup(v->valuestring);
	return 0;
}

static int get_flag(struct ctx *x, const cJSON *o, size_t i, const char *field, int *out)
{
	const cJSON *v = cJSON_GetObjectItemCaseSensitive(o, field);
	*out = 0;
	if (!v)
		return 0;
	at(x, "practices", i, field);
	if (!cJSON_IsBool(v))
		return fail(x, "expected true or false");
	*out = cJSON_IsTrue(v);
	return 0;
}

/* An optional array of strings; check(s) returns a reason when s is bad. */
static int get_list(struct ctx *x, const cJSON *o, size_t i, const char *field, char ***out,
		    size_t *n, const char *(*check)(const char *s))
{
	const cJSON *v = cJSON_GetObjectItemCaseSensitive(o, field), *it;
	size_t k = 0;

	*out = NULL;
	*n = 0;
	if (!v)
		return 0;
	at(x, "practices", i, field);
	if (!cJSON_IsArray(v))
		return fail(x, "expected an array of strings");
	*out = xcalloc((size_t)cJSON_GetArraySize(v) + 1, sizeof(char *));
	cJSON_ArrayForEach(it, v) {
		const char *why;
		at_item(x, i, field, k);
		if (!cJSON_IsString(it) || !*it->valuestring)
			return fail(x, "expected a non-empty string");
		if (check && (why = check(it->valuestring)))
			return fail(x, "%s '%s'", why, it->valuestring);
		for (size_t j = 0; j < k; j++)
			if (!strcmp((*out)[j], it->valuestring))
				return fail(x, "duplicate entry '%s'", it->valuestring);
		(*out)[k++] = xstrdup(it->valuestring);
		*n = k;
	}
	return 0;
}

static const char *check_change(const char *s)
{
	for (size_t i = 0; i < sizeof(known_changes) / sizeof(known_changes[0]); i++)
		if (!strcmp(s, known_changes[i]))
			return NULL;
	return "unknown file or file kind";
}

static const char *check_reference(const char *s)
{
	if (strncmp(s, "https://", 8) || strlen(s) < 12 || strpbrk(s, " \t\n\"<>"))
		return "not an https URL";
	return NULL;
}

static const char *check_equivalent(const char *s)
{
	if (!strncmp(s, "DL", 2) && strlen(s) == 6 && strspn(s + 2, "0123456789") == 4)
		return NULL;
	if (!strncmp(s, "buildkit:", 9) && isupper((unsigned char)s[9])) {
		for (const char *t = s + 10; *t; t++)
			if (!isalnum((unsigned char)*t))
				return "not a hadolint (DLnnnn) or buildkit:CheckName rule";
		return NULL;
	}
	return "not a hadolint (DLnnnn) or buildkit:CheckName rule";
}

static const char *check_id_syntax(const char *s)
{
	const char *dot = strchr(s, '.');
	if (!dot || !dot[1])
		return "not a practice id (tier-name.slug)";
	for (const char *t = dot + 1; *t; t++)
		if (!islower((unsigned char)*t) && !isdigit((unsigned char)*t) && *t != '-')
			return "not a practice id (tier-name.slug)";
	return NULL;
}

static int parse_practice(struct ctx *x, struct practice *p, const cJSON *e, size_t i,
			  const struct answer_schema *schema)
{
	const cJSON *f;
	const char *why;
	size_t tl;
	int ret;

	at(x, "practices", i, NULL);
	if (!cJSON_IsObject(e))
		return fail(x, "expected an object");
	cJSON_ArrayForEach(f, e) {
		if (!known_field(f->string, practice_fields,
				 sizeof(practice_fields) / sizeof(practice_fields[0]))) {
			at(x, "practices", i, f->string);
			return fail(x, "unknown field");
		}
	}
	if ((ret = get_text(x, e, "practices", i, "id", &p->id)))
		return ret;
	if ((why = check_id_syntax(p->id)))
		return fail(x, "'%s' is %s", p->id, why);
	f = cJSON_GetObjectItemCaseSensitive(e, "tier");
	at(x, "practices", i, "tier");
	if (!f)
		return fail(x, "missing field");
	/* range first: converting an out-of-range double to int is undefined */
	if (!cJSON_IsNumber(f))
		return fail(x, "expected a whole number");
	if (f->valuedouble < 0 || f->valuedouble >= CATALOG_TIERS)
		return fail(x, "tier %g is out of range 0-6", f->valuedouble);
	if (f->valuedouble != floor(f->valuedouble))
		return fail(x, "expected a whole number");
	p->tier = (int)f->valuedouble;
	tl = strlen(catalog_tier_names[p->tier]);
	if (strncmp(p->id, catalog_tier_names[p->tier], tl) || p->id[tl] != '.') {
		at(x, "practices", i, "id");
		return fail(x, "'%s' does not start with its tier's name '%s.'", p->id,
			    catalog_tier_names[p->tier]);
	}
	if ((ret = get_text(x, e, "practices", i, "title", &p->title)) ||
	    (ret = get_text(x, e, "practices", i, "why", &p->why)) ||
	    (ret = get_text(x, e, "practices", i, "fix", &p->fix)) ||
	    (ret = get_flag(x, e, i, "process", &p->process)) ||
	    (ret = get_flag(x, e, i, "dockerfile", &p->dockerfile)) ||
	    (ret = get_flag(x, e, i, "lint", &p->lint)) ||
	    (ret = get_flag(x, e, i, "skippable_offline", &p->skippable_offline)))
		return ret;
	if (!cJSON_GetObjectItemCaseSensitive(e, "changes")) {
		at(x, "practices", i, "changes");
		return fail(x, "missing field");
	}
	if (!cJSON_GetObjectItemCaseSensitive(e, "references")) {
		at(x, "practices", i, "references");
		return fail(x, "missing field");
	}
	if ((ret = get_list(x, e, i, "changes", &p->changes, &p->nchanges, check_change)) ||
	    (ret = get_list(x, e, i, "references", &p->references, &p->nreferences,
			    check_reference)) ||
	    (ret = get_list(x, e, i, "conflicts", &p->conflicts, &p->nconflicts,
			    check_id_syntax)) ||
	    (ret = get_list(x, e, i, "replaces", &p->replaces, &p->nreplaces, check_id_syntax)) ||
	    (ret = get_list(x, e, i, "equivalents", &p->equivalents, &p->nequivalents,
			    check_equivalent)))
		return ret;
	if (!p->nreferences) {
		at(x, "practices", i, "references");
		return fail(x, "at least one reference is needed");
	}
	if (p->process && p->nchanges) {
		at(x, "practices", i, "changes");
		return fail(x, "a process practice changes no file");
	}
	if (!p->process && !p->nchanges) {
		at(x, "practices", i, "changes");
		return fail(x, "a practice that is not a process one must change a file");
	}
	if (p->dockerfile) {
		size_t k;
		for (k = 0; k < p->nchanges; k++)
			if (!strcmp(p->changes[k], "Dockerfile"))
				break;
		if (k == p->nchanges) {
			at(x, "practices", i, "dockerfile");
			return fail(x, "a Dockerfile practice must list 'Dockerfile' in changes");
		}
	}
	if (p->lint && !p->dockerfile) {
		at(x, "practices", i, "lint");
		return fail(x, "a lint rule must be a Dockerfile practice");
	}
	if ((f = cJSON_GetObjectItemCaseSensitive(e, "applies_when"))) {
		at(x, "practices", i, "applies_when");
		if ((ret = answers_check_conditions(schema, f, x->file, path_of(x), x->err)))
			return ret;
		p->applies_when = cJSON_Duplicate(f, 1);
	}
	return 0;
}

static int parse_tiers(struct ctx *x, struct catalog *c, const cJSON *tiers)
{
	const cJSON *e, *f;
	size_t i = 0;
	int ret;

	at_literal(x, "tiers");
	if (!tiers)
		return fail(x, "missing field");
	if (!cJSON_IsArray(tiers) || cJSON_GetArraySize(tiers) != CATALOG_TIERS)
		return fail(x, "expected an array of %d tiers", CATALOG_TIERS);
	cJSON_ArrayForEach(e, tiers) {
		struct catalog_tier *t = &c->tiers[i];
		at(x, "tiers", i, NULL);
		if (!cJSON_IsObject(e))
			return fail(x, "expected an object");
		cJSON_ArrayForEach(f, e) {
			if (!known_field(f->string, tier_fields,
					 sizeof(tier_fields) / sizeof(tier_fields[0]))) {
				at(x, "tiers", i, f->string);
				return fail(x, "unknown field");
			}
		}
		f = cJSON_GetObjectItemCaseSensitive(e, "number");
		at(x, "tiers", i, "number");
		if (!cJSON_IsNumber(f) || f->valuedouble != (double)i)
			return fail(x, "expected %zu", i);
		t->number = (int)i;
		if ((ret = get_text(x, e, "tiers", i, "name", &t->name)) ||
		    (ret = get_text(x, e, "tiers", i, "title", &t->title)) ||
		    (ret = get_text(x, e, "tiers", i, "question", &t->question)) ||
		    (ret = get_text(x, e, "tiers", i, "why", &t->why)))
			return ret;
		if (strcmp(t->name, catalog_tier_names[i])) {
			at(x, "tiers", i, "name");
			return fail(x, "expected '%s', not '%s'", catalog_tier_names[i], t->name);
		}
		i++;
	}
	return 0;
}

/* Checks that need the whole list: duplicates, dangling references. */
static int check_links(struct ctx *x, const struct catalog *c)
{
	for (size_t i = 0; i < c->nr; i++) {
		const struct practice *p = &c->items[i];
		for (size_t j = 0; j < i; j++) {
			if (!strcmp(c->items[j].id, p->id)) {
				at(x, "practices", i, "id");
				return fail(x, "duplicate id '%s' (first at practices[%zu])", p->id, j);
			}
		}
		for (int pass = 0; pass < 2; pass++) {
			char **v = pass ? p->replaces : p->conflicts;
			size_t n = pass ? p->nreplaces : p->nconflicts;
			const char *field = pass ? "replaces" : "conflicts";
			for (size_t k = 0; k < n; k++) {
				at_item(x, i, field, k);
				if (!strcmp(v[k], p->id))
					return fail(x, "a practice cannot name itself");
				if (!catalog_find(c, v[k]))
					return fail(x, "unknown practice '%s'", v[k]);
			}
		}
	}
	for (int t = 0; t < CATALOG_TIERS; t++) {
		if (!catalog_tier_count(c, t)) {
			at_literal(x, "practices");
			return fail(x, "tier %d (%s) has no practice", t, catalog_tier_names[t]);
		}
	}
	return 0;
}

int catalog_parse_schema(struct catalog *c, const char *json, size_t len, const char *filename,
			 const struct answer_schema *schema, struct ss_error *err)
{
	struct ctx x = {filename, err, STRBUF_INIT, "", 0, SIZE_MAX, NULL, 1};
	cJSON *root = NULL;
	const cJSON *f, *list, *e;
	size_t i = 0;
	int ret;

	catalog_release(c);
	if ((ret = answers_parse_json(json, len, filename, &root, err)))
		goto out;
	at_literal(&x, "(top level)");
	if (!cJSON_IsObject(root)) {
		ret = fail(&x, "expected a JSON object");
		goto out;
	}
	cJSON_ArrayForEach(f, root) {
		if (strcmp(f->string, "schema_version") && strcmp(f->string, "comment") &&
		    strcmp(f->string, "tiers") && strcmp(f->string, "practices")) {
			at_literal(&x, f->string);
			ret = fail(&x, "unknown field");
			goto out;
		}
	}
	f = cJSON_GetObjectItemCaseSensitive(root, "schema_version");
	at_literal(&x, "schema_version");
	if (!cJSON_IsNumber(f) || f->valuedouble != 1) {
		ret = fail(&x, f ? "expected 1" : "missing field");
		goto out;
	}
	if ((ret = parse_tiers(&x, c, cJSON_GetObjectItemCaseSensitive(root, "tiers"))))
		goto out;
	list = cJSON_GetObjectItemCaseSensitive(root, "practices");
	at_literal(&x, "practices");
	if (!cJSON_IsArray(list) || !cJSON_GetArraySize(list)) {
		ret = fail(&x, list ? "expected a non-empty array" : "missing field");
		goto out;
	}
	c->items = xcalloc((size_t)cJSON_GetArraySize(list), sizeof(*c->items));
	cJSON_ArrayForEach(e, list) {
		c->nr = i + 1; /* a half-parsed entry is released with the rest */
		if ((ret = parse_practice(&x, &c->items[i], e, i, schema)))
			goto out;
		i++;
	}
	ret = check_links(&x, c);
out:
	cJSON_Delete(root);
	strbuf_release(&x.path);
	if (ret)
		catalog_release(c);
	return ret;
}

int catalog_parse(struct catalog *c, const char *json, size_t len, const char *filename,
		  struct ss_error *err)
{
	return catalog_parse_schema(c, json, len, filename, NULL, err);
}

int catalog_load(struct catalog *c, const struct tstore *ts, struct ss_error *err)
{
	struct strbuf text = STRBUF_INIT, origin = STRBUF_INIT;
	struct answer_schema schema;
	int ret;

	answers_schema_init(&schema);
	catalog_release(c);
	if ((ret = answers_schema_load(&schema, ts, err)))
		goto out;
	if ((ret = tstore_read(ts, "practices.json", &text, &origin, err)))
		goto out;
	ret = catalog_parse_schema(c, text.buf, text.len, origin.buf, &schema, err);
out:
	answers_schema_release(&schema);
	strbuf_release(&text);
	strbuf_release(&origin);
	return ret;
}
