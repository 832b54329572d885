/*
 * shipshape lint: judge existing Dockerfiles against the practice catalog
 * and say which tier each one reaches. The work is in the core (lint.h);
 * this file reads the options, picks the format and the exit status.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli/cli.h"
#include "shipshape/catalog.h"
#include "shipshape/fsutil.h"
#include "shipshape/lint.h"
#include "shipshape/strbuf.h"
#include "shipshape/xalloc.h"

enum { OPT_FORMAT = 1, OPT_FAIL_LEVEL, OPT_IGNORE, OPT_TIER };

static const struct cli_opt opts[] = {
	{"format", 1, OPT_FORMAT},
	{"fail-level", 1, OPT_FAIL_LEVEL},
	{"ignore", 1, OPT_IGNORE},
	{"tier", 1, OPT_TIER},
	{NULL, 0, 0},
};

enum fmt { FMT_TTY, FMT_JSON, FMT_SARIF, FMT_GNU };

static int use_color(void)
{
	const char *nc = getenv("NO_COLOR"), *term = getenv("TERM");

	if (nc && *nc)
		return 0;
	if (term && !strcmp(term, "dumb"))
		return 0;
	return isatty(STDOUT_FILENO);
}

/* Read standard input (at most DF_FILE_CAP bytes) into buf; 0 or SS_ERR_IO/SS_ERR_INPUT. */
static int read_stdin(struct strbuf *buf, struct ss_error *err)
{
	char chunk[65536];
	size_t n;
	int ret = 0;

	while ((n = fread(chunk, 1, sizeof(chunk), stdin)) > 0) {
		if (buf->len + n > DF_FILE_CAP) {
			ret = ss_error_set(err, SS_ERR_INPUT, "-", 0, 0,
					   "standard input too large: over the limit of %u bytes",
					   DF_FILE_CAP);
			goto out;
		}
		strbuf_add(buf, chunk, n);
	}
	if (ferror(stdin))
		ret = ss_error_set(err, SS_ERR_IO, "-", 0, 0, "cannot read standard input");
out:
	return ret;
}

/* Lint one file ("-" is standard input, named '-' in the output), read into
   buf (reused from file to file: its allocation is kept). */
static int lint_one(const struct catalog *c, const char *file, const struct lint_opts *lo,
		    struct strbuf *buf, struct lint_result *r, struct ss_error *err)
{
	int ret;

	strbuf_setlen(buf, 0);
	if (strcmp(file, "-"))
		ret = fs_read_file(file, DF_FILE_CAP, buf, err);
	else
		ret = read_stdin(buf, err);
	if (!ret)
		ret = lint_buffer(c, buf->buf, buf->len, file, lo, r, err);
	return ret;
}

/*
 * Check every --ignore id: a practice id, or an id a practice lists in its
 * equivalents (DL3008, buildkit:JSONArgsRecommended or JSONArgsRecommended).
 * An unknown one is an error with the closest known id. 0 or 2.
 */
static int check_ignores(const struct catalog *c, const char *const *ids, size_t n)
{
	const char **known = NULL;
	size_t nknown = 0;
	int ret = 0;

	for (size_t i = 0; i < c->nr; i++) {
		const struct practice *p = &c->items[i];
		known = xreallocarray(known, nknown + 1 + 2 * p->nequivalents, sizeof(*known));
		known[nknown++] = p->id;
		for (size_t k = 0; k < p->nequivalents; k++) {
			known[nknown++] = p->equivalents[k];
			if (!strncmp(p->equivalents[k], "buildkit:", 9))
				known[nknown++] = p->equivalents[k] + 9;
		}
	}
	for (size_t i = 0; i < n; i++) {
		const char *s;
		size_t k = 0;
		while (k < nknown && strcmp(ids[i], known[k]))
			k++;
		if (k < nknown)
			continue;
		s = cli_suggest(ids[i], known, nknown);
		if (s)
			cli_errorf("lint: unknown rule '%s' for --ignore; did you mean '%s'?", ids[i], s);
		else
			cli_errorf("lint: unknown rule '%s' for --ignore: not a practice id nor a "
				   "hadolint or BuildKit id the catalog maps; see 'shipshape practices'",
				   ids[i]);
		ret = 2;
		break;
	}
	free(known);
	return ret;
}

static int run(int argc, char **argv, struct cli_ctx *ctx)
{
	struct cli_parser cp;
	struct catalog c;
	struct ss_error err;
	struct lint_opts lo;
	struct strbuf out = STRBUF_INIT, text = STRBUF_INIT, origin = STRBUF_INIT, buf = STRBUF_INIT;
	struct lint_result *results = NULL;
	const char **files = NULL, **ignore = NULL, *val;
	size_t nfiles = 0, nignore = 0, nres = 0;
	enum fmt fmt = FMT_TTY;
	int fail_level = LINT_WARNING, ret = 0, bad = 0, findings = 0, color = 0, id;
	char msg[SS_ERROR_MSG_MAX + SS_ERROR_FILE_MAX + 64];

	catalog_init(&c);
	ss_error_init(&err);
	lint_opts_init(&lo);
	cli_parser_init(&cp, argc, argv, "lint");
	while ((id = cli_next(&cp, opts, &val)) != CLI_END) {
		switch (id) {
		case CLI_ERR:
			ret = 2;
			goto out;
		case CLI_ARG:
			files = xreallocarray(files, nfiles + 1, sizeof(*files));
			files[nfiles++] = val;
			break;
		case OPT_FORMAT:
			if (!strcmp(val, "tty"))
				fmt = FMT_TTY;
			else if (!strcmp(val, "json"))
				fmt = FMT_JSON;
			else if (!strcmp(val, "sarif"))
				fmt = FMT_SARIF;
			else if (!strcmp(val, "gnu"))
				fmt = FMT_GNU;
			else {
				cli_errorf("lint: unknown format '%s' (tty, json, sarif or gnu)", val);
				ret = 2;
				goto out;
			}
			break;
		case OPT_FAIL_LEVEL:
			fail_level = lint_severity_parse(val);
			if (fail_level < 0) {
				cli_errorf("lint: unknown fail level '%s' (error, warning or info)", val);
				ret = 2;
				goto out;
			}
			break;
		case OPT_IGNORE:
			ignore = xreallocarray(ignore, nignore + 1, sizeof(*ignore));
			ignore[nignore++] = val;
			break;
		case OPT_TIER:
			lo.max_tier = cli_parse_tier(val);
			if (lo.max_tier < 0) {
				ret = 2;
				goto out;
			}
			break;
		default:
			break;
		}
	}
	if (!nfiles) {
		files = xreallocarray(files, 1, sizeof(*files));
		files[nfiles++] = "Dockerfile";
	}
	lo.ignore = ignore;
	lo.nignore = nignore;
	/* lint needs only the practices: no answers.json schema pass (catalog_load's) */
	if (tstore_read(&ctx->templates, "practices.json", &text, &origin, &err) ||
	    catalog_parse(&c, text.buf, text.len, origin.buf, &err)) {
		ret = cli_report(&err);
		goto out;
	}
	ret = check_ignores(&c, ignore, nignore);
	if (ret)
		goto out;
	/* sarif is one log for all files; the other formats stream file by file */
	results = xcalloc(fmt == FMT_SARIF ? nfiles : 1, sizeof(*results));
	color = fmt == FMT_TTY && use_color();
	if (fmt == FMT_JSON)
		strbuf_addch(&out, '[');
	for (size_t i = 0; i < nfiles; i++) {
		struct lint_result *r = &results[fmt == FMT_SARIF ? nres : 0];
		lint_result_init(r);
		ss_error_init(&err);
		if (lint_one(&c, files[i], &lo, &buf, r, &err)) {
			fwrite(out.buf, 1, out.len, stdout);
			fflush(stdout);
			strbuf_setlen(&out, 0);
			if (err.line || !strstr(err.msg, files[i])) {
				df_error_format(&err, msg, sizeof(msg));
				cli_errorf("%s", msg);
			} else {
				cli_report(&err);
			}
			lint_result_release(r);
			bad = 1;
			continue;
		}
		if (lint_count_at(r, (enum lint_severity)fail_level))
			findings = 1;
		switch (fmt) {
		case FMT_TTY:
			if (nres)
				strbuf_addch(&out, '\n');
			lint_format_tty(r, color, &out);
			break;
		case FMT_GNU:
			lint_format_gnu(r, &out);
			break;
		case FMT_JSON:
			strbuf_addstr(&out, nres ? ",\n" : "\n");
			lint_format_json(r, "  ", &out);
			break;
		case FMT_SARIF:
		default:
			break;
		}
		nres++;
		if (fmt != FMT_SARIF) {
			lint_result_release(r);
			if (out.len > 65536) {
				fwrite(out.buf, 1, out.len, stdout);
				strbuf_setlen(&out, 0);
			}
		}
	}
	if (fmt == FMT_JSON)
		strbuf_addstr(&out, nres ? "\n]\n" : "]\n");
	else if (fmt == FMT_SARIF)
		lint_format_sarif(&c, results, nres, &out);
	fwrite(out.buf, 1, out.len, stdout);
	fflush(stdout);
	ret = bad ? 2 : findings ? 1 : 0;
out:
	for (size_t i = 0; fmt == FMT_SARIF && results && i < nres; i++)
		lint_result_release(&results[i]);
	free(results);
	free(files);
	free(ignore);
	strbuf_release(&out);
	strbuf_release(&text);
	strbuf_release(&origin);
	strbuf_release(&buf);
	catalog_release(&c);
	return ret;
}

const struct cmd cmd_lint = {
	"lint", 90, "judge existing Dockerfiles, tier by tier",
	"usage: shipshape lint [FILE|-...] [--format tty|json|sarif|gnu]\n"
	"                      [--fail-level error|warning|info] [--ignore ID]... [--tier N]\n"
	"\n"
	"Judge each Dockerfile (default ./Dockerfile; '-' reads standard input) against\n"
	"the practice catalog: one detector per practice a Dockerfile can show, plus\n"
	"the correctness rules hadolint and BuildKit check (mapped to the same practice\n"
	"ids). Prints the tier each file reaches and every finding with its line, why\n"
	"and fix.\n"
	"\n"
	"  --format F       tty (default; colour on a terminal unless NO_COLOR), json\n"
	"                   (an array, one object per file; see README), sarif (2.1.0),\n"
	"                   gnu (file:line:col: error|warning|note: message [id])\n"
	"  --fail-level L   exit 1 when a finding is at least L (default warning)\n"
	"  --ignore ID      ignore a practice id, or a DL id or BuildKit check the catalog\n"
	"                   maps to one (repeatable; an unknown id is an error)\n"
	"  --tier N         report only findings of tiers 0..N (tier reached unchanged)\n"
	"\n"
	"In the Dockerfile: `# shipshape skip=ID reason=\"...\"` above an instruction (or\n"
	"in the header before the first one), `# shipshape global skip=ID`, and\n"
	"`# hadolint ignore=DL3008` for rules mapped to hadolint ids.\n"
	"Exit status: 0 clean at the fail level, 1 findings, 2 bad usage or input.\n",
	run,
};
