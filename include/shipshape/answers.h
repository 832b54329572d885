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
};

/* Keys in file order (the wizard asks in this order). All owned. */
struct answer_schema { struct answer_key *keys; size_t nr; };

void answers_schema_init(struct answer_schema *s);
/* Free everything, leave s in the init state. Accepts NULL. */
void answers_schema_release(struct answer_schema *s);
/* Read "answers.json" through ts and parse it. */
int answers_schema_load(struct answer_schema *s, const struct tstore *ts, struct ss_error *err);
/* Parse schema text (file name for errors: syntax file:line:col, else JSON path). */
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
/* Read an --answers FILE (JSON object, any subset of keys), validated. */
int answers_load_file(const struct answer_schema *s, const char *path, cJSON **out,
		      struct ss_error *err);

/*
 * Check text against a named grammar. Returns 0 when it matches; otherwise
 * SS_ERR_INPUT and a short reason in why (e.g. "contains a newline").
 * Unknown grammar names fail. Grammars: "python-version" (3.12), "version"
 * (3.12.5), "python-path" (pkg.mod:attr), "http-path", "debian-package",
 * "image-name", "registry", "branch", "digest" (sha256:64 hex), "relpath",
 * "argv-item", "identifier".
 */
int answers_grammar_check(const char *grammar, const char *text, struct strbuf *why);

#endif
