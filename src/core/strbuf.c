#include "shipshape/strbuf.h"

#include <locale.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "shipshape/xalloc.h"

char strbuf_slopbuf[1];

void strbuf_init(struct strbuf *sb, size_t hint)
{
	sb->alloc = 0;
	sb->len = 0;
	sb->buf = strbuf_slopbuf;
	if (hint)
		strbuf_grow(sb, hint);
}

void strbuf_release(struct strbuf *sb)
{
	if (!sb)
		return;
	if (sb->alloc)
		free(sb->buf);
	strbuf_init(sb, 0);
}

char *strbuf_detach(struct strbuf *sb, size_t *len)
{
	char *res;

	strbuf_grow(sb, 0);
	res = sb->buf;
	if (len)
		*len = sb->len;
	strbuf_init(sb, 0);
	return res;
}

void strbuf_grow(struct strbuf *sb, size_t extra)
{
	int fresh = sb->alloc == 0;
	size_t need;

	if (extra > SIZE_MAX - sb->len - 1)
		xalloc_die("strbuf", SIZE_MAX);
	need = sb->len + extra + 1;
	if (need <= sb->alloc)
		return;
	{
		size_t n = sb->alloc ? sb->alloc : 16;
		while (n < need)
			n = n > SIZE_MAX / 2 ? need : n * 2;
		sb->buf = xrealloc(fresh ? NULL : sb->buf, n);
		sb->alloc = n;
	}
	if (fresh)
		sb->buf[0] = '\0';
}

void strbuf_setlen(struct strbuf *sb, size_t len)
{
	if (!sb->alloc) {
		/* only truncation to 0 is meaningful on the shared empty buffer */
		return;
	}
	if (len >= sb->alloc)
		len = sb->alloc - 1;
	sb->len = len;
	sb->buf[len] = '\0';
}

/* 1 when p points into sb's own buffer, which growing may move. */
static int points_inside(const struct strbuf *sb, const void *p)
{
	uintptr_t b = (uintptr_t)sb->buf, x = (uintptr_t)p;
	return sb->alloc && x >= b && x < b + sb->alloc;
}

void strbuf_add(struct strbuf *sb, const void *data, size_t len)
{
	void *copy = NULL;

	if (!len)
		return;
	if (points_inside(sb, data))
		data = copy = xmemdup(data, len);
	strbuf_grow(sb, len);
	memcpy(sb->buf + sb->len, data, len);
	sb->len += len;
	sb->buf[sb->len] = '\0';
	free(copy);
}

void strbuf_addstr(struct strbuf *sb, const char *s)
{
	strbuf_add(sb, s, strlen(s));
}

void strbuf_addch(struct strbuf *sb, int c)
{
	strbuf_grow(sb, 1);
	sb->buf[sb->len++] = (char)c;
	sb->buf[sb->len] = '\0';
}

void strbuf_addchars(struct strbuf *sb, int c, size_t n)
{
	if (!n)
		return;
	strbuf_grow(sb, n);
	memset(sb->buf + sb->len, c, n);
	sb->len += n;
	sb->buf[sb->len] = '\0';
}

void strbuf_addbuf(struct strbuf *sb, const struct strbuf *other)
{
	strbuf_add(sb, other->buf, other->len);
}

void strbuf_vaddf(struct strbuf *sb, const char *fmt, va_list ap)
{
	va_list cp;
	int n;

	va_copy(cp, ap);
	n = vsnprintf(NULL, 0, fmt, cp);
	va_end(cp);
	if (n <= 0)
		return;
	strbuf_grow(sb, (size_t)n);
	n = vsnprintf(sb->buf + sb->len, (size_t)n + 1, fmt, ap);
	if (n > 0)
		sb->len += (size_t)n;
	sb->buf[sb->len] = '\0';
}

void strbuf_addf(struct strbuf *sb, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	strbuf_vaddf(sb, fmt, ap);
	va_end(ap);
}

void strbuf_insert(struct strbuf *sb, size_t pos, const void *data, size_t len)
{
	void *copy = NULL;

	if (pos > sb->len)
		pos = sb->len;
	if (!len)
		return;
	if (points_inside(sb, data))
		data = copy = xmemdup(data, len);
	strbuf_grow(sb, len);
	memmove(sb->buf + pos + len, sb->buf + pos, sb->len - pos);
	memcpy(sb->buf + pos, data, len);
	sb->len += len;
	sb->buf[sb->len] = '\0';
	free(copy);
}

void strbuf_remove(struct strbuf *sb, size_t pos, size_t len)
{
	if (pos >= sb->len)
		return;
	if (len > sb->len - pos)
		len = sb->len - pos;
	memmove(sb->buf + pos, sb->buf + pos + len, sb->len - pos - len);
	strbuf_setlen(sb, sb->len - len);
}

static int is_space(char c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\v' || c == '\f';
}

void strbuf_rtrim(struct strbuf *sb)
{
	size_t n = sb->len;
	while (n && is_space(sb->buf[n - 1]))
		n--;
	strbuf_setlen(sb, n);
}

void strbuf_trim(struct strbuf *sb)
{
	size_t i = 0;
	strbuf_rtrim(sb);
	while (i < sb->len && is_space(sb->buf[i]))
		i++;
	strbuf_remove(sb, 0, i);
}

int strbuf_cmp(const struct strbuf *a, const struct strbuf *b)
{
	size_t n = a->len < b->len ? a->len : b->len;
	int c = memcmp(a->buf, b->buf, n);
	if (c)
		return c;
	return a->len < b->len ? -1 : a->len > b->len;
}

int strbuf_starts_with(const struct strbuf *sb, const char *prefix)
{
	size_t n = strlen(prefix);
	return n <= sb->len && !memcmp(sb->buf, prefix, n);
}

int strbuf_ends_with(const struct strbuf *sb, const char *suffix)
{
	size_t n = strlen(suffix);
	return n <= sb->len && !memcmp(sb->buf + sb->len - n, suffix, n);
}

void strbuf_add_json_escaped(struct strbuf *sb, const char *s)
{
	for (; *s; s++) {
		unsigned char c = (unsigned char)*s;
		switch (c) {
		case '"': strbuf_addstr(sb, "\\\""); break;
		case '\\': strbuf_addstr(sb, "\\\\"); break;
		case '\n': strbuf_addstr(sb, "\\n"); break;
		case '\r': strbuf_addstr(sb, "\\r"); break;
		case '\t': strbuf_addstr(sb, "\\t"); break;
		case '\b': strbuf_addstr(sb, "\\b"); break;
		case '\f': strbuf_addstr(sb, "\\f"); break;
		default:
			if (c < 0x20)
				strbuf_addf(sb, "\\u%04x", c);
			else
				strbuf_addch(sb, c);
		}
	}
}

void strbuf_add_number(struct strbuf *sb, double d)
{
	char buf[64];
	const struct lconv *lc;
	const char *dp;

	if (isnan(d)) {
		strbuf_addstr(sb, "nan");
		return;
	}
	if (isinf(d)) {
		strbuf_addstr(sb, d < 0 ? "-inf" : "inf");
		return;
	}
	if (d == trunc(d) && fabs(d) < 1e15) {
		snprintf(buf, sizeof(buf), "%.0f", d == 0 ? 0.0 : d);
	} else {
		for (int prec = 15; prec <= 17; prec++) {
			snprintf(buf, sizeof(buf), "%.*g", prec, d);
			if (strtod(buf, NULL) == d)
				break;
		}
	}
	/* the text is for files, never for the user's locale */
	lc = localeconv();
	dp = lc && lc->decimal_point ? lc->decimal_point : ".";
	if (strcmp(dp, ".") != 0 && dp[0]) {
		char *hit = strstr(buf, dp);
		if (hit) {
			size_t dl = strlen(dp);
			*hit = '.';
			memmove(hit + 1, hit + dl, strlen(hit + dl) + 1);
		}
	}
	strbuf_addstr(sb, buf);
}
