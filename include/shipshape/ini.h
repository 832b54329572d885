/*
 * ini: the INI dialect of setup.cfg and tox.ini (Python's configparser):
 * [section] headers, "key = value" or "key: value" entries, values
 * continued on more-indented lines (joined with '\n'), '#' and ';' comment
 * lines. Keys are lowercased like configparser does; sections keep case.
 */
#ifndef SHIPSHAPE_INI_H
#define SHIPSHAPE_INI_H

#include <stddef.h>

#include "shipshape/error.h"

struct ini_entry {
	char *section; /* "" for entries before the first header */
	char *key;     /* lowercased, trimmed */
	char *value;   /* trimmed; continuation lines joined with '\n' (the first line may be
			  empty, as in "install_requires =\n    flask") */
	int line;      /* line of the key */
	int value_line; /* line of the value's first non-blank text (the key's line, or the
			   first continuation line when the key's line holds none) */
};

struct ini {
	struct ini_entry *items;
	size_t nr, alloc;
};

void ini_init(struct ini *ini);
/* Free everything and leave ini in the init state. Accepts NULL. */
void ini_release(struct ini *ini);

/*
 * Parse src (len bytes, need not be NUL-terminated). An unterminated
 * section header, a line that is neither header, entry, comment nor
 * continuation, or binary data is an error with file and line; the entries
 * before it are kept. Returns 0 or SS_ERR_INPUT.
 */
int ini_parse(struct ini *ini, const char *src, size_t len, const char *filename,
	      struct ss_error *err);

/* The last entry for section/key (key compared lowercased), or NULL. */
const struct ini_entry *ini_get(const struct ini *ini, const char *section, const char *key);

/* 1 if a header for section was seen or any entry has it, else 0. */
int ini_has_section(const struct ini *ini, const char *section);

#endif
