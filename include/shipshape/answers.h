/*
 * answers: the schema of the user's answers (templates/answers.json) and
 * strict, injection-safe validation of every value.
 *
 * Each key has a type ("string", "int", "bool", "argv", "enum", "object"),
 * a grammar for strings (e.g. "python-path", "port", "http-path",
 * "debian-package", "image-name", "version", "argv"), a default or
 * 'required', a prompt, one line of help and the first tier needing it.
 * init, the validators and the wizard's questions all read the schema; no
 * question is hard-coded. Values that could smuggle text into a generated
 * file (newline, quote, "$(", backslash, NUL, ...) fail with a message that
 * names the key: "invalid value for 'entrypoint': ...".
 */
#ifndef SHIPSHAPE_ANSWERS_H
#define SHIPSHAPE_ANSWERS_H

#include <stddef.h>

#include <cjson/cJSON.h>

#include "shipshape/error.h"
#include "shipshape/strbuf.h"
#include "shipshape/tstore.h"

struct answer_key {
	char *key;
	char *type;          /* "string","int","bool","argv","enum","object","string-list" */
	char *grammar;       /* NULL or a grammar name, see answers_grammar_check */
	char **choices; size_t nchoices; /* for "enum" */
	cJSON *default_value; /* NULL when none (required or optional without default) */
	int required;
	int optional;         /* 1: may be absent with no default (e.g. base_image_digest) */
	char *prompt;
	char *help;
	int tier;             /* first tier that needs it */
	cJSON *ask_when;      /* NULL or conditions like practice.applies_when */
	long minimum, maximum; /* for "int": the allowed range (inclusive) */
	char **fields; size_t nfields; /* for "object": its keys, each a list of strings */
	char *item_grammar;   /* for "object": the grammar of those strings */
};

/* Keys in file order (the wizard asks in this order). All owned. */
struct answer_schema { struct answer_key *keys; size_t nr; };

/* An empty schema (allocates nothing). */
void answers_schema_init(struct answer_schema *s);
/* Free everything, leave s in the init state. Accepts NULL. */
void answers_schema_release(struct answer_schema *s);
/* Read "answers.json" through ts and parse it (s is released first; left empty on failure). */
int answers_schema_load(struct answer_schema *s, const struct tstore *ts, struct ss_error *err);
/*
 * Parse schema text into s (released first; left empty on failure). Errors
 * name the file: a syntax error with line:col, anything else with the JSON
 * path ("keys[3].grammar: unknown grammar 'x'").
 */
int answers_schema_parse(struct answer_schema *s, const char *json, size_t len,
			 const char *filename, struct ss_error *err);
/* The key's description, or NULL. */
const struct answer_key *answers_schema_find(const struct answer_schema *s, const char *key);

/* Validate one value against its key's type and grammar (injection-safe). Error names key. */
int answers_validate_one(const struct answer_schema *s, const char *key, const cJSON *value,
			 struct ss_error *err);
/* Validate a whole answers object: unknown keys, types, grammars. filename may be NULL. */
int answers_validate(const struct answer_schema *s, const cJSON *answers, const char *filename,
		     struct ss_error *err);
/*
 * Parse what a user typed for key (wizard field) into a new JSON value,
 * validated; caller cJSON_Deletes *value. argv keys use shell-like quoting
 * ('...', "...", backslash), bools accept y/yes/true/1 and n/no/false/0,
 * string lists are separated by spaces or commas, "system_packages" takes
 * "build: gcc libpq-dev; runtime: libpq5".
 */
int answers_parse_text(const struct answer_schema *s, const char *key, const char *text,
		       cJSON **value, struct ss_error *err);
/* Render a value as the text answers_parse_text accepts (for wizard defaults). */
void answers_format_text(const struct answer_key *k, const cJSON *value, struct strbuf *out);
/* A new object: answers, plus defaults for every key it lacks. Caller cJSON_Deletes. */
cJSON *answers_with_defaults(const struct answer_schema *s, const cJSON *answers);
/*
 * Check a conditions object (a practice's applies_when or a key's ask_when:
 * {key: [values...]} or {key: true|false} for an optional key being set or
 * unset) against the schema; s may be NULL (shape only). path names the
 * object in errors ("practices[3].applies_when").
 */
int answers_check_conditions(const struct answer_schema *s, const cJSON *cond,
			     const char *filename, const char *path, struct ss_error *err);
/*
 * 1 when every condition holds for answers: the answer equals one of the
 * listed values (a missing answer never matches), or for true/false the
 * optional answer is set (non-null, non-empty) or unset. NULL cond or
 * NULL answers: 1.
 */
int answers_conditions_hold(const cJSON *cond, const cJSON *answers);
/*
 * 1 when k should be asked for these answers (its ask_when matches, or it
 * has none), else 0. answers may be NULL (then 1).
 */
int answers_key_relevant(const struct answer_key *k, const cJSON *answers);
/*
 * Check that every required key relevant to answers (ask_when matches) and
 * needed at or below tier is present: "missing answer for 'entrypoint'
 * (needed from tier 0): PROMPT". filename may be NULL.
 */
int answers_check_complete(const struct answer_schema *s, const cJSON *answers, int tier,
			   const char *filename, struct ss_error *err);
/* Read an --answers FILE (JSON object, any subset of keys), validated. */
int answers_load_file(const struct answer_schema *s, const char *path, cJSON **out,
		      struct ss_error *err);

/*
 * Parse JSON text (len bytes) into *out (caller cJSON_Deletes). A syntax
 * error, a raw NUL byte or a \u0000 escape fails with SS_ERR_INPUT and the
 * error's file, line and col set ("invalid JSON near '...'"). Text after the
 * value other than white space is an error too. Shared by the catalog, the
 * schema, answers files and the profile.
 */
int answers_parse_json(const char *text, size_t len, const char *filename, cJSON **out,
		       struct ss_error *err);

/*
 * Check text against a named grammar. Returns 0 when it matches; otherwise
 * SS_ERR_INPUT and a short reason in why (e.g. "contains a newline").
 * Unknown grammar names fail. Grammars: "python-version" (3.12), "version"
 * (3.12.5), "python-path" (pkg.mod:attr, optionally "()"), "http-path",
 * "debian-package", "image-name" (acme/shop), "registry" (host[:port]),
 * "branch", "digest" (sha256:64 hex), "relpath", "abspath", "cron" (five
 * fields), "identifier", and for argv items "argv-item" / "argv" /
 * "command" (printable ASCII without quotes, backslash, '$' or '`'; an
 * argv key with grammar "command" also refuses a development server:
 * runserver, flask run, --reload).
 */
int answers_grammar_check(const char *grammar, const char *text, struct strbuf *why);

#endif
