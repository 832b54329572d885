/*
 * profile: the project's .shipshape.json.
 *
 * It records the answers, the tier reached, each practice's state (applied,
 * or skipped with a reason) and the sha256 of every file shipshape last
 * wrote, so that hand edits can be detected. Saving is atomic,
 * pretty-printed with keys sorted and a trailing newline, so the same
 * profile always serialises to the same bytes. Loading reports wrong types,
 * unknown keys and a too-new schema_version with the file and key.
 */
#ifndef SHIPSHAPE_PROFILE_H
#define SHIPSHAPE_PROFILE_H

#include <cjson/cJSON.h>

#include "shipshape/error.h"
#include "shipshape/strbuf.h"

#define PROFILE_FILE ".shipshape.json"
#define PROFILE_SCHEMA_VERSION 1
#define PROFILE_MAX_BYTES (4u * 1024u * 1024u)

struct profile {
	int schema_version;
	cJSON *answers;      /* object, owned */
	int tier;            /* tier reached, -1 when none yet */
	cJSON *practices;    /* {id: {"state": "applied"|"skipped", "reason": "..."}}, owned */
	cJSON *files;        /* {path: sha256 hex} of what shipshape last wrote, owned */
};

/* Empty profile: current schema version, tier -1, empty objects (allocated). */
void profile_init(struct profile *p);
/* Free everything (objects become NULL; call profile_init to reuse). Accepts NULL. */
void profile_release(struct profile *p);
/*
 * Load path into p (released and re-initialised first; on failure p is an
 * empty initialised profile). Errors name the file and the key.
 */
int profile_load(struct profile *p, const char *path, struct ss_error *err);
/* Parse profile text (filename for errors) into p (released first). */
int profile_parse(struct profile *p, const char *text, size_t len, const char *filename,
		  struct ss_error *err);
/* Serialise p (pretty, sorted keys, trailing newline), appended to out. */
void profile_serialize(const struct profile *p, struct strbuf *out);
/* Write p to path atomically (mode 0644 for a new file). */
int profile_save(const struct profile *p, const char *path, struct ss_error *err);
/*
 * Check a skip reason the user typed: non-empty, at most 300 characters, no
 * newline, control character, '"' or backslash (it is written into a
 * Dockerfile comment). Returns 0, or SS_ERR_INPUT with a reason in why.
 */
int profile_reason_check(const char *reason, struct strbuf *why);
/* 1 if id is recorded as skipped (reason, when not NULL, gets its reason or ""). */
int profile_is_skipped(const struct profile *p, const char *id, const char **reason);
/* 1 if id is recorded as applied. */
int profile_is_applied(const struct profile *p, const char *id);
/*
 * Record id as applied (reason may be NULL) or skipped with reason. A reason
 * is made safe (control characters become spaces, '"' becomes "'", a
 * backslash '/', cut at 300 bytes but never inside a UTF-8 character); a
 * skip without one gets "no reason given". Check typed reasons first with
 * profile_reason_check.
 */
void profile_set_practice(struct profile *p, const char *id, int applied, const char *reason);
/* Replace p->answers with a copy of answers (an object). */
void profile_set_answers(struct profile *p, const cJSON *answers);
/* Record the sha256 hex of the bytes written to path (relative to the project). */
void profile_set_file(struct profile *p, const char *path, const char *sha256_hex);
/* The recorded sha256 of path, or NULL. */
const char *profile_file_hash(const struct profile *p, const char *path);

#endif
