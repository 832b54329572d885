/*
 * shipshape diff [DIR] [--tier N]: unified diff of the files on disk against
 * the rendering at tier N (default: the next tier, or the current one at the
 * top). Touches nothing.
 */
#include <stdio.h>

#include "cli/cli.h"
#include "shipshape/project.h"
#include "shipshape/render.h"

enum { OPT_TIER = 1 };

static const struct cli_opt opts[] = {
	{"tier", 1, OPT_TIER},
	{NULL, 0, 0},
};

static int run(int argc, char **argv, struct cli_ctx *ctx)
{
	struct cli_parser cp;
	struct project pj;
	struct rendering r;
	struct ss_error err;
	struct strbuf out = STRBUF_INIT;
	const char *dir = NULL, *val;
	int tier = -1, ret = 0, id;
	size_t changed = 0;

	project_init(&pj);
	rendering_init(&r);
	ss_error_init(&err);
	cli_parser_init(&cp, argc, argv, "diff");
	while ((id = cli_next(&cp, opts, &val)) != CLI_END) {
		switch (id) {
		case CLI_ERR:
			ret = 2;
			goto out;
		case CLI_ARG:
			if ((ret = cli_one_dir(&dir, val, "diff")))
				goto out;
			break;
		case OPT_TIER:
			if ((tier = cli_parse_tier(val)) < 0) {
				ret = 2;
				goto out;
			}
			break;
		default: break;
		}
	}
	if (!dir)
		dir = ".";
	if (project_open(&pj, dir, &ctx->templates, 1, &err)) {
		ret = cli_report(&err);
		goto out;
	}
	if (tier < 0)
		tier = pj.profile.tier < RENDER_MAX_TIER ? pj.profile.tier + 1 : RENDER_MAX_TIER;
	if (render_tier_schema(&pj.catalog, &pj.schema, &ctx->templates, &pj.profile, tier, &r, &err) ||
	    project_diff(dir, &r, 3, &out, &changed, &err)) {
		ret = cli_report(&err);
		goto out;
	}
	fwrite(out.buf, 1, out.len, stdout);
	{
		/* a file next or init would refuse to touch: say so before they do */
		struct ss_error cerr;
		ss_error_init(&cerr);
		if (project_check(dir, &pj.profile, &r, &cerr) == SS_ERR_CONFLICT)
			fprintf(stderr,
				"shipshape: note: '%s' was edited by hand or not written by "
				"shipshape; 'shipshape next' will stop there (exit 3) until it is "
				"moved away or restored\n",
				cerr.file);
		ss_error_init(&cerr);
		if (project_check_sources(dir, &r, &cerr))
			fprintf(stderr, "shipshape: note: %s; 'shipshape next' will stop there\n",
				cerr.msg);
	}
	if (!changed)
		fprintf(stderr, "shipshape: no differences from tier %d (%s)\n", tier,
			catalog_tier_names[tier]);
	if (fflush(stdout)) {
		cli_errorf("cannot write to standard output");
		ret = 2;
	}
out:
	strbuf_release(&out);
	rendering_release(&r);
	project_release(&pj);
	return ret;
}

const struct cmd cmd_diff = {
	"diff", 50, "show what a tier would change, as a unified diff",
	"usage: shipshape diff [DIR] [--tier N]\n\n"
	"Print a unified diff of the files in DIR (default: the current directory)\n"
	"against the rendering at tier N, by default the tier after the one the\n"
	"profile has reached. Nothing is written. Needs a profile ('shipshape init').\n\n"
	"  --tier N  the tier to compare with (0-6)\n",
	run,
};
