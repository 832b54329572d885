/*
 * error: the one way the core reports failure.
 *
 * Core functions never print and never exit. On failure they return a
 * non-zero status and fill a caller-owned struct ss_error; the front end
 * decides how to show it. The message follows the project's style:
 * lowercase, problem first, subject in single quotes.
 */
#ifndef SHIPSHAPE_ERROR_H
#define SHIPSHAPE_ERROR_H

#include <stdarg.h>
#include <stddef.h>

/* Status codes double as the process exit codes of PRODUCT.md. */
enum ss_code {
	SS_OK = 0,
	SS_ERR_FINDINGS = 1, /* lint/verify findings, or the user declined */
	SS_ERR_INPUT = 2,    /* bad usage or bad input */
	SS_ERR_CONFLICT = 3, /* a hand-edited file or merge conflict */
	SS_ERR_IO = 4,       /* an operating-system error (mapped to 2 by the CLI) */
	SS_ERR_FATAL = 70    /* internal fatal error */
};

#define SS_ERROR_MSG_MAX 512
#define SS_ERROR_FILE_MAX 256

struct ss_error {
	int code;                      /* enum ss_code; SS_OK when unset */
	char file[SS_ERROR_FILE_MAX];  /* file the error is about, or "" */
	int line;                      /* 1-based, 0 when unknown */
	int col;                       /* 1-based, 0 when unknown */
	char msg[SS_ERROR_MSG_MAX];    /* one line, no trailing newline */
};

/* Reset to "no error". Accepts NULL. */
void ss_error_init(struct ss_error *err);

/*
 * Record an error: code, location and a printf-style message. Accepts a NULL
 * err (the error is then dropped). Over-long messages are truncated with
 * "..." rather than overflowing. file and the arguments may point into err
 * itself (to wrap an earlier message). Returns code, so callers can write
 * `return ss_error_set(err, SS_ERR_INPUT, path, 3, 0, "...")`.
 */
int ss_error_set(struct ss_error *err, int code, const char *file, int line, int col,
		 const char *fmt, ...) __attribute__((format(printf, 6, 7)));

/* The same with a va_list, for the core's own printf-style error helpers. */
int ss_error_vset(struct ss_error *err, int code, const char *file, int line, int col,
		  const char *fmt, va_list ap) __attribute__((format(printf, 6, 0)));

/*
 * Format err as one line: "FILE:LINE:COL: MSG", leaving out the parts that
 * are unknown. Writes at most size bytes into buf, always NUL-terminated.
 */
void ss_error_format(const struct ss_error *err, char *buf, size_t size);

#endif
