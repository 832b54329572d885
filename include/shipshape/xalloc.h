/*
 * xalloc: allocation that never returns NULL.
 *
 * On out-of-memory the registered fatal hook runs (the front end restores
 * the terminal, prints one line and exits 70). With no hook, or if the hook
 * returns, the core calls abort(): the core itself never calls exit.
 */
#ifndef SHIPSHAPE_XALLOC_H
#define SHIPSHAPE_XALLOC_H

#include <stddef.h>

typedef void (*xalloc_fatal_fn)(const char *what, size_t size);

/* Register the out-of-memory hook; NULL restores the abort() default. */
void xalloc_set_fatal_hook(xalloc_fatal_fn fn);

/* Call the hook (then abort). Used by xalloc and by strbuf on overflow. */
void xalloc_die(const char *what, size_t size) __attribute__((noreturn));

/*
 * malloc, calloc and realloc that never return NULL: the caller owns the
 * result and frees it with free(). A size of 0 still gives a valid,
 * distinct block.
 */
void *xmalloc(size_t size);
void *xcalloc(size_t n, size_t size);
void *xrealloc(void *ptr, size_t size);
/* realloc for an array of n elements of size each, checking n*size. */
void *xreallocarray(void *ptr, size_t n, size_t size);
/* A NUL-terminated copy of s, or of its first n bytes at most; free() it. */
char *xstrdup(const char *s);
char *xstrndup(const char *s, size_t n);
/* A copy of the n bytes at p (not NUL-terminated); free() it. */
void *xmemdup(const void *p, size_t n);

/* Grow an array: ensure alloc >= nr, growing geometrically. */
#define ALLOC_GROW(arr, nr, alloc)                                                     \
	do {                                                                           \
		if ((nr) > (alloc)) {                                                  \
			size_t ag_new_ = ((alloc) + 16) * 3 / 2;                      \
			if (ag_new_ < (nr))                                            \
				ag_new_ = (nr);                                        \
			(arr) = xreallocarray((arr), ag_new_, sizeof(*(arr)));        \
			(alloc) = ag_new_;                                             \
		}                                                                      \
	} while (0)

#endif
