/*
 * reqs: a pip requirements-file reader (requirements.txt, requirements.in,
 * constraints files).
 *
 * It understands what pip accepts in practice: PEP 508 requirements (name,
 * extras, version specifiers, environment markers, "name @ URL" direct
 * references), bare URLs and paths (with #egg=NAME), -e/--editable, line
 * continuations with a trailing backslash, comments, per-requirement
 * options (--hash, --config-settings, ...) and global options, of which
 * -r/--requirement and -c/--constraint includes are followed (relative to
 * the including file, each file read once, so cycles end) and
 * --index-url/--extra-index-url/--find-links/--no-binary are kept.
 *
 * The parser never stops at a bad line: it keeps every good line and
 * reports the first problem as an error with file and line, so a caller can
 * use what was read and show the problem as a warning.
 */
#ifndef SHIPSHAPE_REQS_H
#define SHIPSHAPE_REQS_H

#include <stddef.h>

#include "shipshape/error.h"
#include "shipshape/strbuf.h"

/* Nesting of -r/-c includes followed at most. */
#define REQS_MAX_DEPTH 16
/* Files read at most by one reqs_load (a bound on include fan-out). */
#define REQS_MAX_FILES 64

struct req {
	char *name;       /* as written; NULL for a URL or path without #egg= */
	char *canonical;  /* PEP 503 form (lowercase, runs of -_. become '-'), or NULL */
	char *extras;     /* "a,b" without brackets or spaces, or NULL */
	char *specifier;  /* ">=1.0,<2" with blanks removed, or NULL */
	char *marker;     /* environment marker text, trimmed, or NULL */
	char *url;        /* direct reference, -e target, or bare URL/path, or NULL */
	int editable;     /* from -e/--editable */
	int constraint;   /* read from a -c file: a pin, not a dependency */
	int nhashes;      /* number of --hash options */
	char *file;       /* file it came from (as given to the reader) */
	int line;         /* 1-based line of its first physical line */
};

/* A global option line, e.g. {"index-url", "https://...", file, line}. */
struct reqs_option {
	char *name;  /* long name without dashes: "index-url", "extra-index-url",
			"find-links", "no-binary", "only-binary", "trusted-host",
			"require-hashes", "pre", "prefer-binary", "no-index" */
	char *value; /* NULL for flags */
	char *file;
	int line;
};

/* A -r/-c line as written (reqs_parse records them; reqs_load follows them). */
struct reqs_include {
	char *path; /* as written */
	int constraint;
	char *file;
	int line;
};

struct reqs {
	struct req *items;
	size_t nr, alloc;
	struct reqs_option *options;
	size_t noptions, options_alloc;
	struct reqs_include *includes;
	size_t nincludes, includes_alloc;
	char **files; /* files read by reqs_load, in order, normalised relative paths */
	size_t nfiles, files_alloc;
	int compiled;       /* a pip-compile / "uv pip compile" header comment was seen */
	char *compiled_file; /* where (owned), or NULL */
	int compiled_line;
};

void reqs_init(struct reqs *r);
/* Free everything and leave r in the init state. Accepts NULL. */
void reqs_release(struct reqs *r);

/*
 * Parse one buffer (len bytes, need not be NUL-terminated) and append what
 * it holds to r; includes are recorded, not followed. filename is used in
 * errors and in every item's file. Returns 0, or SS_ERR_INPUT with the first
 * bad line in err (file, line, message) after keeping every good line.
 */
int reqs_parse(struct reqs *r, const char *src, size_t len, const char *filename,
	       struct ss_error *err);

/*
 * Read a file: fills out (appended) with the contents of relpath, or fails
 * with an error. Lets the caller enforce its own caps and sandboxing.
 */
typedef int (*reqs_read_fn)(void *ctx, const char *relpath, struct strbuf *out,
			    struct ss_error *err);

/*
 * Read relpath and, recursively, every -r/-c file it names. Include paths
 * are resolved relative to the including file and normalised; an absolute
 * path, a path leaving the top (".." past the start), a missing file or a
 * nesting deeper than REQS_MAX_DEPTH is an error for that line (reading
 * goes on); past REQS_MAX_FILES files further includes are errors too. A file already read is not read again. read may be NULL: plain
 * fs_read_file of the path with a 1 MiB cap. Returns 0 or the first error.
 */
int reqs_load(struct reqs *r, const char *relpath, reqs_read_fn read, void *ctx,
	      struct ss_error *err);

/* The PEP 503 canonical form of name into out (replacing its contents). */
void reqs_canonical_name(const char *name, size_t len, struct strbuf *out);

/* The first non-constraint requirement with this canonical name, or NULL. */
const struct req *reqs_find(const struct reqs *r, const char *canonical);

/* 1 if a --no-binary option names canonical (or ":all:"), else 0. */
int reqs_no_binary(const struct reqs *r, const char *canonical);

#endif
