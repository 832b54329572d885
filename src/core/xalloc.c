#include "shipshape/xalloc.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

static xalloc_fatal_fn fatal_hook;

void xalloc_set_fatal_hook(xalloc_fatal_fn fn)
{
	fatal_hook = fn;
}

void xalloc_die(const char *what, size_t size)
{
	if (fatal_hook)
		fatal_hook(what, size);
	abort();
}

void *xmalloc(size_t size)
{
	void *p = malloc(size ? size : 1);
	if (!p)
		xalloc_die("malloc", size);
	return p;
}

void *xcalloc(size_t n, size_t size)
{
	void *p;
	if (!n || !size)
		n = size = 1;
	p = calloc(n, size);
	if (!p)
		xalloc_die("calloc", n * size);
	return p;
}

void *xrealloc(void *ptr, size_t size)
{
	void *p = realloc(ptr, size ? size : 1);
	if (!p)
		xalloc_die("realloc", size);
	return p;
}

void *xreallocarray(void *ptr, size_t n, size_t size)
{
	if (size && n > SIZE_MAX / size)
		xalloc_die("reallocarray", SIZE_MAX);
	return xrealloc(ptr, n * size);
}

void *xmemdup(const void *p, size_t n)
{
	void *q = xmalloc(n);
	if (n)
		memcpy(q, p, n);
	return q;
}

char *xstrndup(const char *s, size_t n)
{
	size_t len = strnlen(s, n);
	char *q = xmalloc(len + 1);
	memcpy(q, s, len);
	q[len] = '\0';
	return q;
}

char *xstrdup(const char *s)
{
	return xstrndup(s, strlen(s));
}
