/*
 * dockerfile: a Dockerfile parser with BuildKit's syntax layer, and a strict
 * checker on top of it.
 *
 * df_parse reads a Dockerfile the way BuildKit's parser package does (parser
 * directives, continuation lines with the escape character, exec/JSON form
 * versus shell form, instruction flags, heredocs, ONBUILD), accepting unknown
 * instruction names and flags, and builds a flat AST: one struct df_instr per
 * instruction, in file order, grouped into stages. df_dump prints that AST in
 * the format of BuildKit's parser test files (one S-expression per
 * instruction). df_check is the strict layer lint and adopt use: unknown
 * instructions, unknown flags and malformed instructions are errors with the
 * file name and line.
 *
 * Lines are 1-based physical lines of the file. Strings in the AST are
 * NUL-terminated copies owned by the df_file; the text of a Dockerfile may
 * hold bytes that are not UTF-8, which are kept as they are (except where
 * BuildKit itself rewrites them, noted below).
 */
#ifndef SHIPSHAPE_DOCKERFILE_H
#define SHIPSHAPE_DOCKERFILE_H

#include <stddef.h>

#include "shipshape/error.h"
#include "shipshape/strbuf.h"

/* Default size cap for df_parse_file (a bigger file is an input error). */
#define DF_FILE_CAP (16u * 1024u * 1024u)
/* A physical line longer than this is an error, as in BuildKit. */
#define DF_MAX_LINE 65535

/* The instructions BuildKit knows. DF_UNKNOWN: any other name (kept). */
enum df_kind {
	DF_UNKNOWN = 0,
	DF_ADD,
	DF_ARG,
	DF_CMD,
	DF_COPY,
	DF_ENTRYPOINT,
	DF_ENV,
	DF_EXPOSE,
	DF_FROM,
	DF_HEALTHCHECK,
	DF_LABEL,
	DF_MAINTAINER,
	DF_ONBUILD,
	DF_RUN,
	DF_SHELL,
	DF_STOPSIGNAL,
	DF_USER,
	DF_VOLUME,
	DF_WORKDIR
};

/* How the arguments were written. */
enum df_form {
	DF_FORM_NONE = 0, /* no arguments */
	DF_FORM_SHELL,    /* plain text (also invalid JSON, as BuildKit falls back) */
	DF_FORM_EXEC      /* a JSON array of strings: ["a", "b"] */
};

/*
 * One instruction flag, e.g. `--mount=type=cache,target=/root/.cache`.
 * raw is the word as BuildKit stores it ("--mount=type=cache,..." with
 * quotes and backslashes processed); name is the part after "--" up to the
 * first '=' ("mount"); value the part after the '=' or NULL for a bare flag
 * like `--link`.
 */
struct df_flag {
	char *raw;
	char *name;
	char *value; /* NULL when the flag had no '=' */
};

/*
 * A heredoc attached to RUN, COPY or ADD (`<<EOF`, `<<-EOF`, `<<"EOF"`,
 * `3<<EOF`; several per line). content holds the body lines with their
 * newlines, as written (leading tabs are NOT removed for <<-; see chomp).
 */
struct df_heredoc {
	char *name;     /* the delimiter word, quotes removed */
	int fd;         /* the number written before <<, 0 when none */
	int expand;     /* 0 when the delimiter was quoted (no variable expansion) */
	int chomp;      /* 1 for <<- (leading tabs stripped from the body) */
	char *content;  /* the body, without the terminator line */
	int start_line; /* first body line; equals end_line when the body is empty */
	int end_line;   /* the terminator line */
};

/* A comment line: text after the '#', trimmed as BuildKit trims it. */
struct df_comment {
	char *text;
	int line;
};

/* A variable reference ($NAME or ${NAME...}) found in an instruction. */
struct df_varref {
	char *name;
	int in_flag; /* 1 when found in a flag value (e.g. --platform=$TARGET) */
};

/* One key/value pair of ENV or LABEL (and ARG, where value may be absent). */
struct df_kv {
	char *key;
	char *value;   /* as written: quotes are not removed; NULL for `ARG name` */
	int has_equal; /* 1 for key=value, 0 for the old `ENV key value` form */
};

struct df_instr {
	enum df_kind kind;
	char *name;      /* the instruction name as written ("Run", "RUNN") */
	char *original;  /* the logical line after joining continuation lines; for
			    an ONBUILD trigger (sub) its tail in the ONBUILD's
			    original, not a separate copy */
	int start_line;  /* first physical line */
	int end_line;    /* last physical line, heredoc bodies included */
	int stage;       /* index into df_file.stages; -1 before the first FROM */

	struct df_flag *flags;
	size_t nflags;

	/*
	 * The arguments as BuildKit's AST holds them (the "next" chain): exec
	 * form: the JSON strings; shell form of RUN/CMD/ENTRYPOINT/SHELL: one
	 * string; FROM/EXPOSE and non-JSON ADD/COPY/VOLUME: whitespace-split
	 * words; ENV/LABEL: key, value, separator ("=" or "") triples; ARG: the
	 * words; HEALTHCHECK: the type ("CMD", "NONE") then the command;
	 * USER/WORKDIR/MAINTAINER/STOPSIGNAL: one string. Unknown instructions
	 * have a single empty argument, as in BuildKit. ONBUILD has none: its
	 * trigger is in sub.
	 */
	char **args;
	size_t *arglens; /* byte length of each arg: a JSON "\u0000" puts a NUL inside */
	size_t nargs;
	enum df_form form;
	int json_trailing; /* exec form with text after the array, which BuildKit
			      drops silently (`CMD ["a"] b` runs "a") */

	struct df_kv *kvs; /* ENV, LABEL, ARG: the pairs (derived from args) */
	size_t nkvs;

	struct df_heredoc *heredocs;
	size_t nheredocs;

	/*
	 * Comment lines above the instruction (BuildKit's PrevComment): the
	 * comments since the previous instruction, parser directives left out;
	 * an empty `#` line starts the list afresh. Blank lines do not, so
	 * check comments[ncomments-1].line == start_line - 1 for "the line
	 * directly above".
	 */
	struct df_comment *comments;
	size_t ncomments;

	struct df_varref *vars; /* variable references in args and flag values */
	size_t nvars;

	struct df_instr *sub; /* ONBUILD's trigger instruction, else NULL (owned) */
};

/* A build stage: a FROM and the instructions up to the next FROM. */
struct df_stage {
	char *image;    /* the FROM image, e.g. "python:3.12-slim" or "${BASE}" */
	char *name;     /* the AS name, lowercased as BuildKit does; NULL if none */
	char *platform; /* the --platform value, or NULL */
	size_t from;    /* index of its FROM in df_file.instrs */
	size_t end;     /* one past its last instruction */
	int start_line; /* the FROM's first line */
	int end_line;   /* the last line of its last instruction */
	int image_has_vars; /* the image refers to a build argument */
};

/* A parser directive (`# syntax=...`, `# escape=...`, `# check=...`). */
struct df_directive {
	char *name; /* lowercase: "syntax", "escape" or "check" */
	char *value;
	int line;
};

/* Something BuildKit warns about but accepts (empty continuation lines). */
struct df_warning {
	char *msg;
	int line;
};

struct df_file {
	char *filename; /* for error messages; "Dockerfile" when not given */
	int escape;     /* the escape character: '\\' or '`' */
	int nlines;     /* number of physical lines */

	struct df_instr *instrs; /* top level, in file order */
	size_t ninstrs;
	struct df_stage *stages;
	size_t nstages;
	struct df_directive *directives;
	size_t ndirectives;
	struct df_comment *comments; /* every comment line of the file */
	size_t ncomments;
	struct df_warning *warnings;
	size_t nwarnings;

	size_t alloc_instrs, alloc_stages, alloc_comments; /* private */
	void *arena; /* private: every string and small array of the AST lives here */
};

/* Flags for df_parse. */
#define DF_PARSE_ALLOW_BINARY 1 /* do not reject NUL bytes or non-text input */

void df_file_init(struct df_file *f);
/* Free everything f owns and leave it in the init state. Accepts NULL. */
void df_file_release(struct df_file *f);

/*
 * Parse len bytes of src (need not be NUL-terminated) into f, which must be
 * freshly initialised. filename (may be NULL) is used in errors. Follows
 * BuildKit's syntax layer: unknown instructions and flags are accepted.
 * Errors (SS_ERR_INPUT, with file and line): a file with no instructions,
 * a bad or repeated parser directive, ENV/LABEL without a value, a JSON
 * array holding something other than strings, an unterminated heredoc, a
 * line longer than DF_MAX_LINE, and, unless DF_PARSE_ALLOW_BINARY, binary
 * input (a NUL byte, or mostly invalid UTF-8). On error f holds nothing
 * useful but must still be released. Returns 0 or the error code.
 */
int df_parse(struct df_file *f, const char *src, size_t len, const char *filename, int flags,
	     struct ss_error *err);

/* Read path (at most cap bytes; 0 means DF_FILE_CAP) and df_parse it. */
int df_parse_file(struct df_file *f, const char *path, size_t cap, struct ss_error *err);

/*
 * Append the AST in the format of BuildKit's parser test files: one line
 * per instruction, `(name ["--flag" ...] "arg" ...)`, names lowercased,
 * strings quoted as Go's strconv.Quote does, ONBUILD as `(onbuild (run
 * ...))`. Byte for byte equal to BuildKit's Node.Dump() plus "\n".
 */
void df_dump(const struct df_file *f, struct strbuf *out);

/*
 * The strict check: 0 when every instruction is known, carries only the
 * flags it accepts (with values where they need one) and has well-formed
 * arguments (FROM image [AS name], ADD/COPY with a destination, USER and
 * WORKDIR with one argument, SHELL in exec form, HEALTHCHECK CMD/NONE, no
 * instruction but ARG before the first FROM, at least one FROM, ...).
 * Otherwise SS_ERR_INPUT with file and line, e.g. "unknown instruction
 * 'RUNN'; did you mean 'RUN'?". Only the first problem is reported.
 */
int df_check(const struct df_file *f, struct ss_error *err);

/* The uppercase name of a kind ("RUN"), "" for DF_UNKNOWN. */
const char *df_kind_name(enum df_kind kind);
/* The kind for an instruction name, any case; DF_UNKNOWN when none. */
enum df_kind df_kind_from_name(const char *name);

/*
 * Format err from df_parse/df_check the project's way into buf:
 * "cannot parse 'Dockerfile' line 12: unknown instruction 'RUNN'".
 */
void df_error_format(const struct ss_error *err, char *buf, size_t size);

/* The first flag of in called name (without dashes, e.g. "mount"), or NULL. */
const struct df_flag *df_instr_flag(const struct df_instr *in, const char *name);

/* The stage named name (case-insensitive) or with that index ("0"), or NULL. */
const struct df_stage *df_find_stage(const struct df_file *f, const char *name);

/*
 * Append s with quotes removed and escapes applied, as BuildKit's shell
 * lexer treats an ENV/LABEL/ARG value or a USER/WORKDIR word (variable
 * references are kept as written: `"a b"` -> `a b`, `'$X'` -> `$X`,
 * `a\ b` -> `a b`). esc is the file's escape character. Returns 0, or -1
 * for an unterminated quote or a bad ${...}, in which case s is appended
 * unchanged.
 */
int df_unquote(const char *s, int esc, struct strbuf *out);

/* 1 when in refers to the variable name. */
int df_instr_uses_var(const struct df_instr *in, const char *name);

#endif
