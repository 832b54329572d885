/*
 * dockerfile_int: private pieces shared by the dockerfile_*.c files.
 *
 * The dfu_ functions reproduce the Go standard library behaviour BuildKit's
 * parser relies on (utf8.DecodeRune, unicode.IsSpace, unicode.IsPrint,
 * strings.ToLower, strings.TrimSpace, strconv.Quote), so that the AST and
 * the dump match BuildKit byte for byte.
 */
#ifndef SS_DOCKERFILE_INT_H
#define SS_DOCKERFILE_INT_H

#include <stddef.h>

#include "shipshape/dockerfile.h"
#include "shipshape/strbuf.h"

#define DFU_RUNE_ERROR 0xFFFDu

/* Decode one rune of s[0..n) (n >= 1) like Go's utf8.DecodeRune: an
 * invalid or short sequence gives U+FFFD with width 1. Returns the width. */
size_t dfu_decode(const char *s, size_t n, unsigned *r);
/* Go's unicode.IsSpace. */
int dfu_is_space(unsigned r);
/* unicode.IsSpace(rune(b)) for one byte, as BuildKit's byte loops use it. */
int dfu_is_byte_space(unsigned char b);
/* [\t\v\f\r ], BuildKit's tokenWhitespace class. */
int dfu_is_ascii_ws(unsigned char b);
/* Go's unicode.IsPrint (close approximation above U+00FF, see .c). */
int dfu_is_print(unsigned r);
/* Go's unicode.ToLower for the scripts instruction names use. */
unsigned dfu_to_lower(unsigned r);
/* Append the UTF-8 encoding of r. */
void dfu_add_rune(struct strbuf *sb, unsigned r);
/* Bounds of s[0..n) with Unicode white space trimmed (strings.TrimSpace). */
void dfu_trim_space(const char *s, size_t n, size_t *start, size_t *end);
/* Number of leading bytes that are Unicode white space. */
size_t dfu_skip_space(const char *s, size_t n);
/* Append s quoted like Go's strconv.Quote. */
void dfu_quote(struct strbuf *sb, const char *s, size_t n);
/* Append s lowercased like Go's strings.ToLower (invalid bytes -> U+FFFD). */
void dfu_lower(struct strbuf *sb, const char *s, size_t n);

/* ---- an arena: the AST's strings and arrays, freed all at once ---- */

struct df_arena_chunk;
struct df_arena {
	struct df_arena_chunk *head;
	char *cur;
	size_t left;
};

/* n bytes, 8-aligned, never NULL (out of memory goes to xalloc's hook). */
void *dfa_alloc(struct df_arena *a, size_t n);
void *dfa_zalloc(struct df_arena *a, size_t n);
/* A NUL-terminated copy of s[0..n). */
char *dfa_memdupz(struct df_arena *a, const char *s, size_t n);
void dfa_free(struct df_arena *a);

/* Scratch state reused from one instruction to the next. */
struct dfl_ctx {
	struct df_arena *arena;
	int esc;
	struct strbuf word, scratch;
	struct df_varref *vars; /* collected here, then copied to the arena */
	size_t avars;
	struct df_flag *flags;
	size_t aflags;
};

void dfl_ctx_init(struct dfl_ctx *c, struct df_arena *arena, int esc);
void dfl_ctx_release(struct dfl_ctx *c);

/*
 * Build one instruction from a logical line (continuations joined) the way
 * BuildKit's newNodeFromLine does; ONBUILD triggers go to in->sub. in must
 * be zeroed. On error returns -1 with the message in msg.
 */
int dfl_node_from_line(struct dfl_ctx *c, const char *line, size_t len, struct df_instr *in,
		       struct strbuf *msg);
/*
 * The heredocs a RUN/COPY/ADD line opens, in order (names, fd, expand,
 * chomp; no content yet), into in->heredocs. Returns -1 with msg on a
 * malformed delimiter.
 */
int dfl_heredocs_from_line(struct dfl_ctx *c, const char *line, size_t len, struct df_instr *in,
			   struct strbuf *msg);
/* Fill in->vars from args and flag values (and its triggers'). */
void dfl_collect_vars(struct dfl_ctx *c, struct df_instr *in);
/* Fill in->kvs for ENV, LABEL and ARG (and its triggers'). */
void dfl_fill_kvs(struct dfl_ctx *c, struct df_instr *in);

#endif
