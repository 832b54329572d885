/*
 * catalog: the practice catalog (templates/practices.json).
 *
 * Every best practice shipshape knows is one entry: its tier, why it matters,
 * which files it changes, when it applies (conditions on the answers), what
 * it conflicts with or replaces, and the hadolint / BuildKit rule ids it
 * satisfies. The generator, lint, plan and explain all read this one list.
 * Loading validates the file: a JSON syntax error comes back as
 * file:line:col, a semantic error names the file and the JSON path of the
 * entry (e.g. "practices[12].replaces[0]").
 */
#ifndef SHIPSHAPE_CATALOG_H
#define SHIPSHAPE_CATALOG_H

#include <stddef.h>

#include <cjson/cJSON.h>

#include "shipshape/error.h"
#include "shipshape/strbuf.h"
#include "shipshape/tstore.h"

#define CATALOG_TIERS 7

struct practice {
	char *id;                 /* "security.non-root-user" */
	int tier;                 /* 0..6 */
	char *title, *why, *fix;  /* fix: one-line how-to, for lint */
	int process;              /* 1: changes no file (a team checklist item) */
	int dockerfile;           /* 1: a Dockerfile can show it (lint judges it) */
	char **changes;   size_t nchanges;     /* "Dockerfile", ".dockerignore", "ci", ... */
	char **references; size_t nreferences;
	cJSON *applies_when;      /* conditions on the answers; NULL = always */
	char **conflicts; size_t nconflicts;
	char **replaces;  size_t nreplaces;
	char **equivalents; size_t nequivalents; /* "DL3002", "buildkit:JSONArgsRecommended" */
	int skippable_offline;    /* needs a registry/internet at build or generation time */
	int lint;                 /* 1: a lint correctness rule (judged on any Dockerfile) */
};

/* One tier's description: number, name ("security"), title, the question it answers. */
struct catalog_tier {
	int number;
	char *name, *title, *question, *why;
};

/* All owned by the catalog; release frees everything. */
struct catalog {
	struct practice *items; size_t nr;     /* in file order (grouped by tier) */
	struct catalog_tier tiers[CATALOG_TIERS];
};

/* An empty catalog (allocates nothing). */
void catalog_init(struct catalog *c);
/* Free everything and leave c in the init state. Accepts NULL. */
void catalog_release(struct catalog *c);

/*
 * Read "practices.json" through ts and parse it, validating the applies_when
 * conditions against "answers.json" (also read through ts). Returns 0 or the
 * error code (SS_ERR_INPUT for a bad file); on failure c is left empty.
 */
int catalog_load(struct catalog *c, const struct tstore *ts, struct ss_error *err);

/*
 * Parse json (len bytes) named filename into c (which must be freshly
 * initialised). Syntax error: err carries file, line and col. Semantic error
 * (unknown key, duplicate id, missing field, tier out of range, dangling
 * replaces/conflicts, malformed applies_when): "FILE: practices[N].KEY: ...".
 * applies_when is only checked for shape here; see catalog_parse_schema.
 */
int catalog_parse(struct catalog *c, const char *json, size_t len, const char *filename,
		  struct ss_error *err);

/*
 * The same, also checking applies_when keys and enum values against schema
 * (NULL: shape only). catalog_load uses this with answers.json.
 */
struct answer_schema;
int catalog_parse_schema(struct catalog *c, const char *json, size_t len,
			 const char *filename, const struct answer_schema *schema,
			 struct ss_error *err);

/* The practice with this id, or NULL. */
const struct practice *catalog_find(const struct catalog *c, const char *id);

/*
 * 1 when p applies to answers, else 0. applies_when is an object
 * {answer_key: [allowed values...]} (all keys must match; a value matches
 * when equal to one element; a bool condition is {"key": true}); a key
 * missing from answers never matches a condition on it. NULL answers: 1.
 */
int catalog_applies(const struct practice *p, const cJSON *answers);

/*
 * Describe conditions (applies_when) in words, appended to out:
 * "app_kind is wsgi or asgi, and python_patch is set". Nothing for NULL.
 */
void catalog_describe_conditions(const cJSON *cond, struct strbuf *out);

/*
 * Why p does not apply to answers, appended to out: the first condition that
 * fails, e.g. "app_kind is 'worker', it applies to wsgi or asgi" or
 * "python_patch is not set". Nothing when it applies.
 */
void catalog_why_not(const struct practice *p, const cJSON *answers, struct strbuf *out);

/* Tier names, index = tier number: "baseline", "security", "automation",
   "correctness", "reproducibility", "build-time", "image-size". */
extern const char *const catalog_tier_names[CATALOG_TIERS];

/* Tier number for "3", "tier 3", "correctness" or "Build time"; -1 when none. */
int catalog_tier_parse(const char *s);

/* Number of practices in tier (process ones included). */
size_t catalog_tier_count(const struct catalog *c, int tier);

#endif
