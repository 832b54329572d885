#include "shipshape/error.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

void ss_error_init(struct ss_error *err)
{
	if (!err)
		return;
	memset(err, 0, sizeof(*err));
}

static void copy_trunc(char *dst, size_t size, const char *src)
{
	size_t n = strlen(src);
	if (n >= size) {
		n = size - 1;
		memmove(dst, src, n);
		if (n >= 3)
			memcpy(dst + n - 3, "...", 3);
	} else {
		memmove(dst, src, n);
	}
	dst[n] = '\0';
}

int ss_error_set(struct ss_error *err, int code, const char *file, int line, int col,
		 const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	code = ss_error_vset(err, code, file, line, col, fmt, ap);
	va_end(ap);
	return code;
}

int ss_error_vset(struct ss_error *err, int code, const char *file, int line, int col,
		  const char *fmt, va_list ap)
{
	char msg[SS_ERROR_MSG_MAX];
	int n;

	if (!err)
		return code;
	/* format first, into a buffer of our own: the arguments and file may
	 * point into err itself ("while reading 'x': %s", err->msg) */
	n = vsnprintf(msg, sizeof(msg), fmt, ap);
	if (n < 0)
		copy_trunc(msg, sizeof(msg), fmt);
	else if ((size_t)n >= sizeof(msg))
		memcpy(msg + sizeof(msg) - 4, "...", 4);
	/* keep it one line */
	for (char *p = msg; *p; p++)
		if (*p == '\n' || *p == '\r')
			*p = ' ';
	copy_trunc(err->file, sizeof(err->file), file ? file : "");
	memcpy(err->msg, msg, sizeof(msg));
	err->code = code;
	err->line = line;
	err->col = col;
	return code;
}

void ss_error_format(const struct ss_error *err, char *buf, size_t size)
{
	int n;

	if (!size)
		return;
	if (!err->file[0])
		n = snprintf(buf, size, "%s", err->msg);
	else if (!err->line)
		n = snprintf(buf, size, "%s: %s", err->file, err->msg);
	else if (!err->col)
		n = snprintf(buf, size, "%s:%d: %s", err->file, err->line, err->msg);
	else
		n = snprintf(buf, size, "%s:%d:%d: %s", err->file, err->line, err->col, err->msg);
	if (n < 0)
		buf[0] = '\0';
}
