/*
 * shipshape next [DIR] [--yes]: upgrade the project one tier. Shows what
 * the tier adds and the diff, asks (unless --yes), then writes the files
 * (atomically, after a backup) and the profile. A hand-edited file stops
 * everything before any write (exit 3).
 */
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

#include "cli/cli.h"
#include "shipshape/project.h"
#include "shipshape/render.h"
#include "shipshape/xalloc.h"

enum { OPT_YES = 1, OPT_SKIP };

static const struct cli_opt opts[] = {
	{"yes", 0, OPT_YES},
	{"skip", 1, OPT_SKIP},
	{NULL, 0, 0},
};

static int confirm(const char *question)
{
	char line[64];
	printf("%s [y/N] ", question);
	fflush(stdout);
	if (!fgets(line, sizeof(line), stdin))
		return 0;
	return line[0] == 'y' || line[0] == 'Y';
}

static int run(int argc, char **argv, struct cli_ctx *ctx)
{
	struct cli_parser cp;
	struct project pj;
	struct rendering cur, r;
	struct project_write_result res;
	struct ss_error err;
	struct strbuf what = STRBUF_INIT, diff = STRBUF_INIT;
	const char *dir = NULL, *val;
	int yes = 0, ret = 0, id, tier;
	size_t changed = 0, nskips = 0;
	const char **skips = NULL;

	project_init(&pj);
	rendering_init(&cur);
	rendering_init(&r);
	project_write_result_init(&res);
	ss_error_init(&err);
	cli_parser_init(&cp, argc, argv, "next");
	while ((id = cli_next(&cp, opts, &val)) != CLI_END) {
		switch (id) {
		case CLI_ERR:
			ret = 2;
			goto out;
		case CLI_ARG:
			if ((ret = cli_one_dir(&dir, val, "next")))
				goto out;
			break;
		case OPT_YES: yes = 1; break;
		case OPT_SKIP:
			skips = xreallocarray(skips, nskips + 1, sizeof(*skips));
			skips[nskips++] = val;
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
	for (size_t i = 0; i < nskips; i++) {
		if (project_apply_skip(&pj.profile, &pj.catalog, skips[i], &err)) {
			ret = cli_report(&err);
			goto out;
		}
	}
	if (pj.profile.tier >= RENDER_MAX_TIER) {
		printf("'%s' is at the top tier (%d, %s); 'shipshape plan' lists what was applied "
		       "and skipped\n",
		       dir, RENDER_MAX_TIER, catalog_tier_names[RENDER_MAX_TIER]);
		goto out;
	}
	tier = pj.profile.tier + 1;
	if (render_tier_schema(&pj.catalog, &pj.schema, &ctx->templates, &pj.profile, tier, &r, &err) ||
	    project_check(dir, &pj.profile, &r, &err) || project_check_sources(dir, &r, &err)) {
		ret = cli_report(&err);
		goto out;
	}
	if (pj.profile.tier >= 0 &&
	    render_tier_schema(&pj.catalog, &pj.schema, &ctx->templates, &pj.profile, pj.profile.tier, &cur, &err)) {
		ret = cli_report(&err);
		goto out;
	}
	project_describe_step(&pj.catalog, pj.profile.tier >= 0 ? &cur : NULL, &r, &what);
	if (!yes) {
		if (!isatty(STDIN_FILENO)) {
			cli_errorf("declined: not a terminal; pass '--yes' to upgrade '%s' to tier %d",
				   dir, tier);
			ret = 1;
			goto out;
		}
		if (project_diff(dir, &r, 3, &diff, &changed, &err)) {
			ret = cli_report(&err);
			goto out;
		}
		printf("tier %d (%s) adds:\n%s\n", tier, catalog_tier_names[tier], what.buf);
		fwrite(diff.buf, 1, diff.len, stdout);
		if (!confirm("write these changes?")) {
			cli_errorf("declined: nothing written");
			ret = 1;
			goto out;
		}
	}
	if (project_write(dir, &pj.profile, &pj.catalog, &r, tier, &res, &err)) {
		ret = cli_report(&err);
		goto out;
	}
	if (yes)
		printf("tier %d (%s) adds:\n%s", tier, catalog_tier_names[tier], what.buf);
	strbuf_reset(&diff);
	project_describe_result(&res, &diff);
	fputs(diff.buf, stdout);
	printf("'%s' is now at tier %d (%s)\n", dir, tier, catalog_tier_names[tier]);
out:
	strbuf_release(&what);
	strbuf_release(&diff);
	project_write_result_release(&res);
	rendering_release(&cur);
	rendering_release(&r);
	project_release(&pj);
	free(skips);
	return ret;
}

const struct cmd cmd_next = {
	"next", 60, "upgrade the project one tier",
	"usage: shipshape next [DIR] [--yes] [--skip ID=REASON]...\n\n"
	"Render the tier after the one DIR's profile has reached, show what it adds\n"
	"and the diff, and write it after asking (--yes: without asking; with no\n"
	"terminal and no --yes it declines, exit 1). Replaced files are first backed\n"
	"up to .shipshape/backups/YYYYmmdd-HHMMSS/. A file edited by hand since\n"
	"shipshape wrote it stops the upgrade before anything is written (exit 3).\n\n"
	"  --yes             do not ask\n"
	"  --skip ID=REASON  skip practice ID (see 'shipshape practices') from now on,\n"
	"                    with the reason kept in the profile; repeatable\n",
	run,
};
