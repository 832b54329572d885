/*
 * yamlsub: the small subset of YAML that conda's environment.yml,
 * conda-lock.yml and compose files use, read into a tree with line numbers.
 *
 * Supported: block mappings and sequences (including a sequence at the
 * same indentation as its parent key, and "- key: value" items), plain,
 * 'single' and "double" quoted scalars, one-line flow collections
 * ([a, b] and {a: b}), literal and folded block scalars (| and >, with
 * - or + chomping), comments, a leading "---" and "%" directives.
 * Anchors (&a) and tags (!tag) are dropped; an alias (*a) is kept as the
 * plain text "*a"; a second document ends the input. Tabs in indentation,
 * a multi-line flow collection, bad indentation or nesting deeper than
 * YAMLSUB_MAX_DEPTH are errors with file, line and column.
 */
#ifndef SHIPSHAPE_YAMLSUB_H
#define SHIPSHAPE_YAMLSUB_H

#include <stddef.h>

#include <cjson/cJSON.h>

#include "shipshape/error.h"

#define YAMLSUB_MAX_DEPTH 64

enum yaml_type { YAML_NULL, YAML_SCALAR, YAML_SEQ, YAML_MAP };

struct yaml_node {
	enum yaml_type type;
	int line;               /* 1-based line where the node starts */
	char *key;              /* key text when the node is a mapping value, else NULL */
	int key_line;           /* line of that key */
	char *value;            /* scalar text (YAML_SCALAR), else NULL */
	struct yaml_node **children; /* YAML_SEQ items / YAML_MAP values, in order */
	size_t nr, alloc;
};

/*
 * Parse src (len bytes, need not be NUL-terminated). On success returns 0
 * and *out is a new tree the caller frees with yamlsub_free (an empty
 * document gives a YAML_NULL node). On failure returns SS_ERR_INPUT, fills
 * err (file, line, col, message) and sets *out to NULL.
 */
int yamlsub_parse(const char *src, size_t len, const char *filename, struct yaml_node **out,
		  struct ss_error *err);

/* Free a tree. Accepts NULL. */
void yamlsub_free(struct yaml_node *n);

/* The value of key in a mapping (the last one when repeated), or NULL. */
const struct yaml_node *yamlsub_get(const struct yaml_node *map, const char *key);

/* A cJSON copy of the tree: scalars become strings, YAML_NULL null. Caller
   cJSON_Deletes. */
cJSON *yamlsub_to_json(const struct yaml_node *n);

#endif
