/*
 * procfile: Heroku-style Procfile reader ("web: gunicorn app:app"), and a
 * small shell-word splitter for the commands found in Procfiles, compose
 * files and Dockerfiles.
 */
#ifndef SHIPSHAPE_PROCFILE_H
#define SHIPSHAPE_PROCFILE_H

#include <stddef.h>

#include "shipshape/error.h"

struct procfile_entry {
	char *name;    /* process type: "web", "worker", "release", ... */
	char *command; /* the command text, trimmed */
	int line;      /* 1-based */
};

struct procfile {
	struct procfile_entry *items;
	size_t nr, alloc;
};

void procfile_init(struct procfile *p);
/* Free everything and leave p in the init state. Accepts NULL. */
void procfile_release(struct procfile *p);

/*
 * Parse a Procfile (len bytes, need not be NUL-terminated). Blank lines and
 * '#' comments are skipped. A line must be NAME: COMMAND with NAME made of
 * letters, digits, '_' and '-'; a bad line or a duplicate name is an error
 * with file and line, after which the remaining good lines are still kept.
 * Returns 0 or SS_ERR_INPUT (first problem in err).
 */
int procfile_parse(struct procfile *p, const char *src, size_t len, const char *filename,
		   struct ss_error *err);

/* The entry named name, or NULL. */
const struct procfile_entry *procfile_find(const struct procfile *p, const char *name);

/*
 * Split a shell command into words: blanks separate, '...' and "..." quote,
 * backslash escapes outside single quotes. Nothing is expanded ($PORT stays
 * as written). Leading NAME=value assignments are kept as words. *argv is a
 * NULL-terminated array the caller frees with procfile_argv_free. Returns 0,
 * or SS_ERR_INPUT for an unterminated quote (then *argv is NULL).
 */
int procfile_split(const char *cmd, char ***argv, size_t *argc, struct ss_error *err);
/* Free an array from procfile_split. Accepts NULL. */
void procfile_argv_free(char **argv);

#endif
