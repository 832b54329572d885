/*
 * lint: judge an existing Dockerfile against the practice catalog.
 *
 * One detector per Dockerfile-visible practice (practice->dockerfile), keyed
 * by the catalog's practice id, in a table (src/core/lint_rules.c). A
 * detector accepts any correct idiom, not only the one shipshape writes.
 * Lint first infers the situation from the file (dependency manager, app
 * kind, framework, ...), so that practices which do not apply (a gunicorn
 * flag in a Celery image) are neither reported nor counted. Multi-stage
 * files are judged per stage; the final stage decides the runtime rules.
 *
 * Suppression: `# shipshape skip=ID reason="..."` on the line(s) directly
 * above an instruction, or anywhere before the first instruction (a file
 * header, as the generator writes it), or `# shipshape global skip=ID,...`
 * anywhere; `# hadolint ignore=DL3006,...` above an instruction for rules
 * whose catalog equivalents list those ids; lint_opts.ignore. A suppressed
 * practice counts as explicitly skipped for the tier reached.
 *
 * Tier reached: the highest tier T such that, for every tier 0..T, each
 * applicable Dockerfile practice is present or skipped (-1 when tier 0 is
 * not). Practices of other files (.dockerignore, CI) and process practices
 * are out of lint's scope: lint_result.not_judged lists them.
 *
 * The core never prints: the lint_format_* functions append text to a
 * strbuf the front end writes.
 */
#ifndef SHIPSHAPE_LINT_H
#define SHIPSHAPE_LINT_H

#include <stddef.h>

#include <cjson/cJSON.h>

#include "shipshape/catalog.h"
#include "shipshape/dockerfile.h"
#include "shipshape/error.h"
#include "shipshape/strbuf.h"

enum lint_severity {
	LINT_INFO = 0,    /* a practice of the tiers is missing */
	LINT_WARNING = 1, /* a correctness rule peers also report as a warning */
	LINT_ERROR = 2    /* a rule that breaks builds or runs (peers: error) */
};

struct lint_finding {
	const struct practice *practice; /* points into the catalog given to lint_file */
	int line;                        /* 1-based; the instruction's first line */
	int col;                         /* 1-based; 1 unless more precise */
	enum lint_severity severity;
	char *message;                   /* owned: one sentence about this file */
};

struct lint_result {
	char *file;          /* owned copy of the file name */
	int tier_reached;    /* -1..6 */
	struct lint_finding *items; /* owned, sorted by tier, then line */
	size_t nr, alloc;
	size_t nsuppressed;  /* findings removed by skip / ignore comments or options */
	cJSON *situation;    /* owned: the inferred answers ({"dependency_manager": "pip", ...}) */
	const struct practice **not_judged; /* owned array (pointers into the catalog) */
	size_t nnot_judged;
	const struct practice **skipped;    /* practices suppressed by a skip line (owned array) */
	size_t nskipped;
	const struct practice **judged;     /* practices that applied and were checked (owned
					       array), whether they fired or not */
	size_t njudged;
};

struct lint_opts {
	const char *const *ignore; /* practice ids or DL/buildkit ids to ignore everywhere */
	size_t nignore;
	int max_tier;              /* report only findings of tiers <= max_tier; 6 = all */
};

void lint_result_init(struct lint_result *r);
/* Free everything r owns and leave it in the init state. Accepts NULL. */
void lint_result_release(struct lint_result *r);

/* Default options: nothing ignored, every tier. */
void lint_opts_init(struct lint_opts *o);

/*
 * Lint a parsed Dockerfile f (which must have passed df_check) against the
 * catalog c. Fills r (freshly initialised), which keeps pointers into c: c
 * must outlive r. Never fails on a valid AST; returns 0.
 */
int lint_df(const struct catalog *c, const struct df_file *f, const struct lint_opts *opts,
	    struct lint_result *r);

/*
 * Parse len bytes of src named filename, run df_check, then lint_df.
 * Bad input (parse or strict check error) returns SS_ERR_INPUT with file
 * and line in err and leaves r empty (still to be released).
 */
int lint_buffer(const struct catalog *c, const char *src, size_t len, const char *filename,
		const struct lint_opts *opts, struct lint_result *r, struct ss_error *err);

/* The same for a file on disk (size capped at DF_FILE_CAP). */
int lint_path(const struct catalog *c, const char *path, const struct lint_opts *opts,
	      struct lint_result *r, struct ss_error *err);

/* Number of detectors in the table, and whether one exists for an id. */
size_t lint_detector_count(void);
int lint_has_detector(const char *practice_id);

/* "error", "warning", "info"; lint_severity_parse returns -1 for anything else. */
const char *lint_severity_name(enum lint_severity s);
int lint_severity_parse(const char *s);

/* Number of findings in r at severity >= level. */
size_t lint_count_at(const struct lint_result *r, enum lint_severity level);

/*
 * The JSON object of one result (the README's contract):
 * {"file", "tier_reached", "findings": [{"practice", "tier", "line", "column",
 *  "severity", "message", "equivalents": [...]}], "suppressed",
 *  "skipped": [ids], "situation": {...}, "not_judged": [ids]}.
 * Caller cJSON_Deletes.
 */
cJSON *lint_result_json(const struct lint_result *r);

/*
 * The same object as lint_result_json, written straight to out (fast, for
 * many files), each line prefixed by indent (e.g. "  " inside an array).
 */
void lint_format_json(const struct lint_result *r, const char *indent, struct strbuf *out);

/* Formats; each appends to out. color: 1 for ANSI colours (tty only). */
void lint_format_tty(const struct lint_result *r, int color, struct strbuf *out);
/* gnu: "file:line:col: error|warning|note: message [id]" (info is written as note,
   the severity GNU tools know). */
void lint_format_gnu(const struct lint_result *r, struct strbuf *out);
/* A SARIF 2.1.0 log of all results (one run, rules = practices found). */
void lint_format_sarif(const struct catalog *c, const struct lint_result *rs, size_t n,
		       struct strbuf *out);

/* The help URI a SARIF rule carries: the practice's first http(s) reference
   from the catalog (owned by the catalog), or NULL when it has none. */
const char *lint_help_uri(const struct practice *p);

#endif
