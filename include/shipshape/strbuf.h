/*
 * strbuf: growable strings with written invariants.
 *
 * Invariants, after every operation: buf is never NULL, buf[len] == '\0',
 * len < alloc when alloc > 0. A freshly initialised strbuf points at a shared
 * empty string (alloc == 0) so that init never allocates. Allocation failure
 * goes through xalloc's fatal hook; no function here returns an error.
 */
#ifndef SHIPSHAPE_STRBUF_H
#define SHIPSHAPE_STRBUF_H

#include <stdarg.h>
#include <stddef.h>

struct strbuf {
	size_t alloc;
	size_t len;
	char *buf;
};

extern char strbuf_slopbuf[];
#define STRBUF_INIT { 0, 0, strbuf_slopbuf }

/* Set up an empty strbuf; a non-zero hint pre-allocates that many bytes. */
void strbuf_init(struct strbuf *sb, size_t hint);
/* Free the contents and leave sb in the init state. Accepts NULL. */
void strbuf_release(struct strbuf *sb);
/* Hand the buffer to the caller (free() it) and reset sb. Never NULL. */
char *strbuf_detach(struct strbuf *sb, size_t *len);
/* Ensure room for extra more bytes plus the NUL. */
void strbuf_grow(struct strbuf *sb, size_t extra);
/* Set the length to len (clamped below alloc) and terminate; a no-op while unallocated. */
void strbuf_setlen(struct strbuf *sb, size_t len);
#define strbuf_reset(sb) strbuf_setlen((sb), 0)

/*
 * Appending. data may point into sb's own buffer (it is copied first when
 * growing would move it); the arguments of strbuf_addf may not.
 */
void strbuf_add(struct strbuf *sb, const void *data, size_t len);
void strbuf_addstr(struct strbuf *sb, const char *s);
void strbuf_addch(struct strbuf *sb, int c);
/* Append n copies of c. */
void strbuf_addchars(struct strbuf *sb, int c, size_t n);
void strbuf_addbuf(struct strbuf *sb, const struct strbuf *other);
/* printf-style append; an encoding error appends nothing. */
void strbuf_addf(struct strbuf *sb, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
void strbuf_vaddf(struct strbuf *sb, const char *fmt, va_list ap) __attribute__((format(printf, 2, 0)));
/* Insert data at pos (clamped to len); data may point into sb. */
void strbuf_insert(struct strbuf *sb, size_t pos, const void *data, size_t len);
/* Remove len bytes at pos; clamps to the end. */
void strbuf_remove(struct strbuf *sb, size_t pos, size_t len);
/* Remove ASCII white space at both ends / at the end. */
void strbuf_trim(struct strbuf *sb);
void strbuf_rtrim(struct strbuf *sb);
/* memcmp order, a shorter prefix first: <0, 0 or >0. */
int strbuf_cmp(const struct strbuf *a, const struct strbuf *b);
/* 1 when sb starts/ends with the given string. */
int strbuf_starts_with(const struct strbuf *sb, const char *prefix);
int strbuf_ends_with(const struct strbuf *sb, const char *suffix);
/* Append s with JSON string escaping (no surrounding quotes). */
void strbuf_add_json_escaped(struct strbuf *sb, const char *s);
/*
 * Append d as text for a file: an integer below 1e15 without a fraction
 * ("85", "0" for -0), anything else in the shortest of %.15g..%.17g that
 * reads back as d ("1.21"); the decimal point is '.' whatever the process
 * locale says. NaN and the infinities give "nan", "inf" and "-inf".
 */
void strbuf_add_number(struct strbuf *sb, double d);

#endif
