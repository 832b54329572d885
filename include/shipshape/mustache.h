/*
 * mustache: the Mustache template engine, over cJSON data.
 *
 * Implements the spec's core modules: interpolation ({{x}}, {{{x}}},
 * {{&x}}), sections and inverted sections, comments, partials and set
 * delimiters, with standalone-line rules, dotted names, the implicit
 * iterator {{.}} and context-stack lookup. Lambdas are not supported (the
 * data is JSON).
 *
 * Strict mode turns what the spec renders as nothing into an error naming
 * the template and line: an unknown variable, an unknown section or
 * inverted-section name, a missing partial. A name that is present with a
 * null value is known: it renders as nothing and is a false section.
 *
 * Values: strings as they are; numbers in their shortest exact form ("85",
 * "1.21"); true/false as "true"/"false"; null as nothing; arrays and objects
 * as compact JSON (handy for exec-form CMD lines). Falsey for sections, as in
 * mustache.js: missing, false, null, "", 0 and []. {{x}} escapes & < > " for
 * HTML unless no_escape is set. Syntax errors (unclosed tag,
 * unclosed section, mismatched close, bad delimiter) are errors in both
 * modes. Partial nesting and section nesting are bounded
 * (MUSTACHE_MAX_PARTIAL_DEPTH, MUSTACHE_MAX_SECTION_DEPTH) so a partial that
 * recurses forever fails cleanly.
 *
 * The template is a byte range (tpl, len); it need not be NUL-terminated and
 * the engine never reads past len. The engine never prints and never exits.
 */
#ifndef SHIPSHAPE_MUSTACHE_H
#define SHIPSHAPE_MUSTACHE_H

#include <stddef.h>

#include <cjson/cJSON.h>

#include "shipshape/error.h"
#include "shipshape/strbuf.h"

/* Nested partials deeper than this fail with SS_ERR_INPUT. */
#define MUSTACHE_MAX_PARTIAL_DEPTH 64
/* Sections nested (through partials too) deeper than this fail likewise. */
#define MUSTACHE_MAX_SECTION_DEPTH 256
/* Delimiters longer than this are refused. */
#define MUSTACHE_MAX_DELIM 32
/* Default budgets (struct mustache_opts max_output, max_steps when 0): a
   render past them fails instead of running away (nested loops, partials
   that include themselves twice). */
#define MUSTACHE_MAX_OUTPUT (64u * 1024u * 1024u)
#define MUSTACHE_MAX_STEPS (1024u * 1024u)

/*
 * Look up partial name and append its text to out. Return 0 when found,
 * SS_ERR_INPUT when there is no such partial (err may be left unset, the
 * engine then writes its own message); any other non-zero status is a hard
 * failure that aborts the render with err as filled by the callback.
 */
typedef int (*mustache_partial_fn)(void *ctx, const char *name, struct strbuf *out,
				   struct ss_error *err);

struct mustache_opts {
	const char *name; /* template name, used in error messages (err->file); may be NULL */
	int strict;       /* unknown variable, section name or partial is an error, with
			     template name and line; never an empty string */
	int no_escape;    /* {{x}} emits raw text (no HTML escaping): our file templates */
	mustache_partial_fn partial; /* NULL: no partials exist */
	void *partial_ctx;
	size_t max_output; /* bytes this render may append; 0: MUSTACHE_MAX_OUTPUT */
	size_t max_steps;  /* tags and texts visited (partial text counts by size);
			      0: MUSTACHE_MAX_STEPS */
};

/*
 * Render the template tpl[0..len) against data (any cJSON value; NULL is an
 * empty context) and append the result to out. opts may be NULL (spec
 * behaviour: non-strict, escaping, no partials).
 *
 * Returns 0, or SS_ERR_INPUT with err filled: err->file is the template's
 * name (opts->name, or the partial's name when the error is inside a
 * partial), err->line the 1-based line, err->msg e.g.
 * "unknown variable 'porrt'" (inside a partial, followed by
 * " (included from 'NAME' line N)" for the innermost include). A partial
 * callback's own hard failure is returned as it filled err. On failure out holds a partial result that the
 * caller should discard. Numbers render like the spec expects: integers
 * without a fraction ("85"), others with the shortest exact form ("1.21").
 */
int mustache_render(const char *tpl, size_t len, const cJSON *data,
		    const struct mustache_opts *opts, struct strbuf *out, struct ss_error *err);

/*
 * A partial callback over a cJSON object {name: "text"} (ctx is the
 * object), as the spec's test files carry them. Missing name or a non-string
 * value: SS_ERR_INPUT.
 */
int mustache_partials_from_json(void *ctx, const char *name, struct strbuf *out,
				struct ss_error *err);

#endif
