#include "cli/cli.h"

#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "shipshape/view.h"
#include "shipshape/xalloc.h"

void cli_parser_init(struct cli_parser *p, int argc, char **argv, const char *cmd)
{
	p->argc = argc;
	p->argv = argv;
	p->i = 1;
	p->only_args = 0;
	p->cmd = cmd;
}

void cli_errorf(const char *fmt, ...)
{
	va_list ap;
	fputs("shipshape: ", stderr);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
}

void cli_print_wrapped(const char *text, size_t indent, size_t width)
{
	struct view_lines l = VIEW_LINES_INIT;
	view_wrap(&l, text, width > indent ? width - indent : 1, 0);
	for (size_t i = 0; i < l.nr; i++)
		printf("%*s%s\n", (int)indent, "", l.v[i]);
	view_lines_release(&l);
}

int cli_exit_code(int code)
{
	switch (code) {
	case SS_OK: return 0;
	case SS_ERR_FINDINGS: return 1;
	case SS_ERR_CONFLICT: return 3;
	case SS_ERR_FATAL: return 70;
	default: return 2;
	}
}

int cli_report(const struct ss_error *err)
{
	char line[SS_ERROR_MSG_MAX + SS_ERROR_FILE_MAX + 64];
	/* messages that already name their file need no location prefix */
	if (err->file[0] && err->line == 0 && strstr(err->msg, err->file)) {
		cli_errorf("%s", err->msg);
	} else {
		ss_error_format(err, line, sizeof(line));
		cli_errorf("%s", line);
	}
	return cli_exit_code(err->code ? err->code : SS_ERR_INPUT);
}

static size_t edit_distance(const char *a, const char *b)
{
	size_t la = strlen(a), lb = strlen(b), prev[64], cur[64];
	if (la >= 63 || lb >= 63)
		return 99;
	for (size_t j = 0; j <= lb; j++)
		prev[j] = j;
	for (size_t i = 1; i <= la; i++) {
		cur[0] = i;
		for (size_t j = 1; j <= lb; j++) {
			size_t sub = prev[j - 1] + (a[i - 1] != b[j - 1]);
			size_t del = prev[j] + 1, ins = cur[j - 1] + 1;
			cur[j] = sub < del ? (sub < ins ? sub : ins) : (del < ins ? del : ins);
		}
		memcpy(prev, cur, sizeof(size_t) * (lb + 1));
	}
	return prev[lb];
}

const char *cli_suggest(const char *word, const char *const *candidates, size_t n)
{
	const char *best = NULL;
	size_t best_d = 99, limit = strlen(word) < 4 ? 1 : 2;

	for (size_t i = 0; i < n; i++) {
		size_t d = edit_distance(word, candidates[i]);
		if (strncmp(word, candidates[i], strlen(word)) == 0 && strlen(word) >= 3)
			d = 1; /* a prefix is as good as a typo */
		if (d < best_d) {
			best_d = d;
			best = candidates[i];
		}
	}
	return best_d <= limit ? best : NULL;
}

int cli_one_dir(const char **slot, const char *val, const char *cmd)
{
	if (*slot) {
		cli_errorf("unexpected argument '%s' for '%s': give one directory", val, cmd);
		return 2;
	}
	*slot = val;
	return 0;
}

int cli_parse_tier(const char *s)
{
	if (s && s[0] >= '0' && s[0] <= '6' && s[1] == '\0')
		return s[0] - '0';
	cli_errorf("invalid tier '%s': expected a number from 0 to 6", s ? s : "");
	return -1;
}

int cli_next(struct cli_parser *p, const struct cli_opt *opts, const char **val)
{
	const char *arg, *eq;
	size_t nlen;

	*val = NULL;
	if (p->i >= p->argc)
		return CLI_END;
	arg = p->argv[p->i++];
	if (p->only_args || arg[0] != '-' || arg[1] == '\0') {
		*val = arg;
		return CLI_ARG;
	}
	if (!strcmp(arg, "--")) {
		p->only_args = 1;
		return cli_next(p, opts, val);
	}
	if (arg[1] != '-') {
		cli_errorf("unknown option '%s' for '%s'; options are long, like '--help'", arg, p->cmd);
		return CLI_ERR;
	}
	arg += 2;
	eq = strchr(arg, '=');
	nlen = eq ? (size_t)(eq - arg) : strlen(arg);
	for (const struct cli_opt *o = opts; o && o->name; o++) {
		if (strlen(o->name) != nlen || strncmp(o->name, arg, nlen) != 0)
			continue;
		if (!o->has_arg) {
			if (eq) {
				cli_errorf("option '--%s' takes no value", o->name);
				return CLI_ERR;
			}
			return o->id;
		}
		if (eq) {
			*val = eq + 1;
		} else if (p->i < p->argc) {
			*val = p->argv[p->i++];
		} else {
			cli_errorf("option '--%s' needs a value", o->name);
			return CLI_ERR;
		}
		return o->id;
	}
	{
		const char *names[64];
		size_t n = 0;
		char *word = xstrndup(arg, nlen);
		const char *s;

		for (const struct cli_opt *o = opts; o && o->name && n < 64; o++)
			names[n++] = o->name;
		s = cli_suggest(word, names, n);
		if (s)
			cli_errorf("unknown option '--%s' for '%s'; did you mean '--%s'?", word, p->cmd, s);
		else
			cli_errorf("unknown option '--%s' for '%s'; see 'shipshape %s --help'", word, p->cmd,
				   p->cmd);
		free(word);
	}
	return CLI_ERR;
}
