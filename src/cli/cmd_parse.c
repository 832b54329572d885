/*
 * shipshape parse: read a Dockerfile with the core parser and show the
 * result, either as an outline of stages and instructions or, with --dump,
 * in BuildKit's parser test format. --check adds the strict checks that
 * lint and adopt apply (unknown instructions and flags are errors).
 */
#include <stdio.h>
#include <string.h>

#include "cli/cli.h"
#include "shipshape/dockerfile.h"
#include "shipshape/strbuf.h"

enum { OPT_DUMP = 1, OPT_CHECK };

static const struct cli_opt opts[] = {
	{"dump", 0, OPT_DUMP},
	{"check", 0, OPT_CHECK},
	{NULL, 0, 0},
};

/* exec or shell, for the instructions where the form matters */
static const char *form_name(const struct df_instr *in)
{
	const char *ret = "";

	switch (in->kind) {
	case DF_ADD:
	case DF_CMD:
	case DF_COPY:
	case DF_ENTRYPOINT:
	case DF_HEALTHCHECK:
	case DF_RUN:
	case DF_SHELL:
	case DF_VOLUME:
		ret = in->form == DF_FORM_EXEC ? " exec" : in->form == DF_FORM_SHELL ? " shell" : "";
		break;
	case DF_UNKNOWN:
	case DF_ARG:
	case DF_ENV:
	case DF_EXPOSE:
	case DF_FROM:
	case DF_LABEL:
	case DF_MAINTAINER:
	case DF_ONBUILD:
	case DF_STOPSIGNAL:
	case DF_USER:
	case DF_WORKDIR:
	default:
		break;
	}
	return ret;
}

static void outline_instr(const struct df_instr *in, struct strbuf *out)
{
	char lines[32];

	if (in->start_line == in->end_line)
		snprintf(lines, sizeof(lines), "%d", in->start_line);
	else
		snprintf(lines, sizeof(lines), "%d-%d", in->start_line, in->end_line);
	strbuf_addf(out, "  %-9s %s%s", lines, in->kind ? df_kind_name(in->kind) : in->name,
		    form_name(in));
	for (size_t i = 0; i < in->nflags; i++)
		strbuf_addf(out, " --%s", in->flags[i].name);
	for (size_t i = 0; i < in->nheredocs; i++)
		strbuf_addf(out, " <<%s", in->heredocs[i].name);
	if (in->sub)
		strbuf_addf(out, " (trigger %s)", in->sub->kind ? df_kind_name(in->sub->kind)
								: in->sub->name);
	if (in->nvars) {
		strbuf_addstr(out, " vars:");
		for (size_t i = 0; i < in->nvars && i < 8; i++)
			strbuf_addf(out, " %s", in->vars[i].name);
		if (in->nvars > 8)
			strbuf_addstr(out, " ...");
	}
	strbuf_addch(out, '\n');
}

static void outline(const struct df_file *f, struct strbuf *out)
{
	size_t i = 0;

	strbuf_addf(out, "%s: %zu instruction%s, %zu stage%s, escape %c\n", f->filename,
		    f->ninstrs, f->ninstrs == 1 ? "" : "s", f->nstages, f->nstages == 1 ? "" : "s",
		    f->escape);
	for (size_t k = 0; k < f->ndirectives; k++)
		strbuf_addf(out, "directive %s=%s (line %d)\n", f->directives[k].name,
			    f->directives[k].value, f->directives[k].line);
	for (; i < f->ninstrs && f->instrs[i].stage < 0; i++)
		outline_instr(&f->instrs[i], out);
	for (size_t s = 0; s < f->nstages; s++) {
		const struct df_stage *st = &f->stages[s];
		strbuf_addf(out, "stage %zu%s%s: %s, lines %d-%d\n", s, st->name ? " " : "",
			    st->name ? st->name : "", st->image, st->start_line, st->end_line);
		for (i = st->from; i < st->end; i++)
			outline_instr(&f->instrs[i], out);
	}
	for (size_t k = 0; k < f->nwarnings; k++)
		strbuf_addf(out, "warning: line %d: %s\n", f->warnings[k].line, f->warnings[k].msg);
}

static int run(int argc, char **argv, struct cli_ctx *ctx)
{
	struct cli_parser cp;
	struct df_file f;
	struct ss_error err;
	struct strbuf out = STRBUF_INIT;
	const char *file = NULL, *val;
	int dump = 0, check = 0, ret = 0, id;
	char msg[SS_ERROR_MSG_MAX + SS_ERROR_FILE_MAX + 64];

	(void)ctx;
	df_file_init(&f);
	ss_error_init(&err);
	cli_parser_init(&cp, argc, argv, "parse");
	while ((id = cli_next(&cp, opts, &val)) != CLI_END) {
		switch (id) {
		case CLI_ERR:
			ret = 2;
			goto out;
		case CLI_ARG:
			if (file) {
				cli_errorf("unexpected argument '%s' for 'parse': give one FILE", val);
				ret = 2;
				goto out;
			}
			file = val;
			break;
		case OPT_DUMP: dump = 1; break;
		case OPT_CHECK: check = 1; break;
		default: break;
		}
	}
	if (!file) {
		cli_errorf("missing FILE for 'parse': give a Dockerfile");
		ret = 2;
		goto out;
	}
	if (df_parse_file(&f, file, DF_FILE_CAP, &err) || (check && df_check(&f, &err))) {
		if (err.line || !strstr(err.msg, file)) {
			df_error_format(&err, msg, sizeof(msg));
			cli_errorf("%s", msg);
			ret = cli_exit_code(err.code);
		} else {
			ret = cli_report(&err);
		}
		goto out;
	}
	if (dump)
		df_dump(&f, &out);
	else
		outline(&f, &out);
	fwrite(out.buf, 1, out.len, stdout);
out:
	strbuf_release(&out);
	df_file_release(&f);
	return ret;
}

const struct cmd cmd_parse = {
	"parse", 80, "read a Dockerfile and show its syntax tree",
	"usage: shipshape parse [--dump] [--check] FILE\n"
	"\n"
	"Read FILE with shipshape's Dockerfile parser (BuildKit's syntax: parser\n"
	"directives, continuation lines, exec and shell form, flags, heredocs,\n"
	"ONBUILD) and print an outline: stages, and each instruction with its\n"
	"lines, form, flags, heredocs and variable references.\n"
	"\n"
	"options:\n"
	"  --dump   print the tree in BuildKit's parser test format instead,\n"
	"           one (instruction \"arg\" ...) per line; unknown instructions\n"
	"           and flags are accepted, as BuildKit's syntax layer does\n"
	"  --check  also apply the strict checks lint uses: unknown instructions\n"
	"           or flags and malformed instructions are errors\n"
	"\n"
	"exit status: 0 parsed; 2 missing file, bad usage, or FILE cannot be\n"
	"parsed (the error names the file and line).\n",
	run,
};
