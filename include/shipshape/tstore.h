/*
 * tstore: where templates and data files come from.
 *
 * The front end adds directories in lookup order (--templates DIR,
 * $SHIPSHAPE_TEMPLATES, the user's $XDG_CONFIG_HOME/shipshape/templates, the
 * installed data directory); a file missing from all of them comes from the
 * copy compiled into the binary, so a lone binary works anywhere. Lookup is
 * file by file: a user may override one template and keep the rest.
 */
#ifndef SHIPSHAPE_TSTORE_H
#define SHIPSHAPE_TSTORE_H

#include <stddef.h>

#include "shipshape/error.h"
#include "shipshape/strbuf.h"

/* One file compiled into the binary (generated at build time). */
struct tstore_embedded {
	const char *name; /* relative path below templates/, e.g. "Dockerfile.mustache" */
	const unsigned char *data;
	size_t len;
};
extern const struct tstore_embedded tstore_embedded_files[];
extern const size_t tstore_embedded_count;

#define TSTORE_MAX_DIRS 8
#define TSTORE_FILE_CAP (4u * 1024u * 1024u)

struct tstore {
	char *dirs[TSTORE_MAX_DIRS]; /* owned copies */
	size_t ndirs;
	int no_embedded; /* tests: set to 1 to ignore the compiled-in copy */
};

/* An empty lookup order (only the embedded copy). */
void tstore_init(struct tstore *ts);
/* Free the directory copies and leave ts in the init state. Accepts NULL. */
void tstore_release(struct tstore *ts);
/* Append dir to the lookup order (ignored past TSTORE_MAX_DIRS). dir is copied. */
void tstore_add_dir(struct tstore *ts, const char *dir);

/*
 * Read template name (e.g. "practices.json") into out (replacing its
 * contents). If origin is not NULL it receives the path read, or
 * "<embedded>/NAME". Fails with SS_ERR_INPUT when no source has it.
 */
int tstore_read(const struct tstore *ts, const char *name, struct strbuf *out,
		struct strbuf *origin, struct ss_error *err);
/* 1 if name exists in a directory of the lookup order or is embedded, else 0. */
int tstore_has(const struct tstore *ts, const char *name);

#endif
