/*
 * shipshape init [DIR] [--answers FILE] [--yes] [--tier N]: write the first
 * rendering of a project and its profile.
 *
 * Answers: --answers FILE wins over detection, detection over the schema's
 * defaults (PRODUCT.md); when DIR already has a profile, its answers sit
 * between the file and detection. The profile stores the full set, so
 * later tiers (and generate) render from exactly these answers. Without --yes, init shows the plan and asks on a
 * terminal; with no terminal it declines (exit 1). Nothing is written when
 * a target file was edited by hand or not written by shipshape (exit 3).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli/cli.h"
#include "shipshape/answers.h"
#include "shipshape/detect.h"
#include "shipshape/project.h"
#include "shipshape/render.h"
#include "shipshape/xalloc.h"

enum { OPT_ANSWERS = 1, OPT_YES, OPT_TIER, OPT_SKIP };

static const struct cli_opt opts[] = {
	{"answers", 1, OPT_ANSWERS},
	{"yes", 0, OPT_YES},
	{"tier", 1, OPT_TIER},
	{"skip", 1, OPT_SKIP},
	{NULL, 0, 0},
};

static void overlay(cJSON *obj, const cJSON *add)
{
	const cJSON *it;
	cJSON_ArrayForEach(it, add)
	{
		cJSON_DeleteItemFromObjectCaseSensitive(obj, it->string);
		cJSON_AddItemToObject(obj, it->string, cJSON_Duplicate(it, 1));
	}
}

/* 1 when the user typed yes on the terminal. */
static int confirm(const char *question)
{
	char line[64];
	printf("%s [y/N] ", question);
	fflush(stdout);
	if (!fgets(line, sizeof(line), stdin))
		return 0;
	return line[0] == 'y' || line[0] == 'Y';
}

/*
 * The answers for a new profile: detected facts (when the directory holds a
 * Python project), then the answers file on top, then the defaults.
 */
static int gather_answers(struct project *pj, const struct tstore *ts, const char *answers_path,
			  cJSON **out, cJSON **warnings, struct ss_error *err)
{
	cJSON *facts = NULL, *merged = NULL, *file = NULL;
	struct ss_error derr;
	int ret = 0;

	ss_error_init(&derr);
	if (detect_project(pj->dir, ts, &facts, &derr) == 0) {
		merged = detect_answers(facts);
		project_derive_answers(pj->dir, merged);
		*warnings = cJSON_DetachItemFromObjectCaseSensitive(facts, "warnings");
	} else if (!answers_path) {
		/* nothing to go on: say what detection looked for */
		*err = derr;
		ret = derr.code ? derr.code : SS_ERR_INPUT;
		goto out;
	} else {
		merged = cJSON_CreateObject();
	}
	if (pj->has_profile)
		overlay(merged, pj->profile.answers);
	if (answers_path) {
		ret = project_load_answers(&pj->schema, answers_path, &file, err);
		if (!ret)
			ret = render_check_answers(&pj->schema, file, answers_path, err);
		if (ret)
			goto out;
		overlay(merged, file);
		project_follow_entrypoint(facts, file, merged);
		if (pj->has_profile)
			render_rederive_answers(&pj->schema, pj->profile.answers, file, merged);
	}
	render_derive_answers(merged);
	*out = answers_with_defaults(&pj->schema, merged);
	/* what is left came from the profile, or from detection and defaults */
	ret = render_check_answers(&pj->schema, *out, pj->has_profile ? PROFILE_FILE : NULL, err);
	if (ret) {
		cJSON_Delete(*out);
		*out = NULL;
	}
out:
	cJSON_Delete(facts);
	cJSON_Delete(merged);
	cJSON_Delete(file);
	return ret;
}

/*
 * After "missing answer 'KEY'": what detection said about KEY (e.g. that
 * the entrypoint it found is not a valid answer), so the user learns why.
 */
static void note_detection(const cJSON *warnings, const char *msg)
{
	static const char prefix[] = "missing answer '";
	const cJSON *w;
	char key[64];
	const char *end;
	size_t n;

	if (strncmp(msg, prefix, sizeof(prefix) - 1))
		return;
	msg += sizeof(prefix) - 1;
	end = strchr(msg, '\'');
	n = end ? (size_t)(end - msg) : 0;
	if (!n || n >= sizeof(key))
		return;
	memcpy(key, msg, n);
	key[n] = '\0';
	cJSON_ArrayForEach(w, warnings)
	{
		if (cJSON_IsString(w) && strstr(w->valuestring, key))
			fprintf(stderr, "shipshape: note: detection: %s\n", w->valuestring);
	}
}

static int run(int argc, char **argv, struct cli_ctx *ctx)
{
	struct cli_parser cp;
	struct project pj;
	struct rendering r;
	struct project_write_result res;
	struct ss_error err;
	struct strbuf sb = STRBUF_INIT;
	const char *dir = NULL, *answers_path = NULL, *val;
	int tier = -1, yes = 0, ret = 0, id;
	cJSON *answers = NULL, *warnings = NULL;
	const char **skips = NULL;
	size_t nskips = 0;

	project_init(&pj);
	rendering_init(&r);
	project_write_result_init(&res);
	ss_error_init(&err);
	cli_parser_init(&cp, argc, argv, "init");
	while ((id = cli_next(&cp, opts, &val)) != CLI_END) {
		switch (id) {
		case CLI_ERR:
			ret = 2;
			goto out;
		case CLI_ARG:
			if ((ret = cli_one_dir(&dir, val, "init")))
				goto out;
			break;
		case OPT_ANSWERS: answers_path = val; break;
		case OPT_YES: yes = 1; break;
		case OPT_TIER:
			if ((tier = cli_parse_tier(val)) < 0) {
				ret = 2;
				goto out;
			}
			break;
		case OPT_SKIP:
			skips = xreallocarray(skips, nskips + 1, sizeof(*skips));
			skips[nskips++] = val;
			break;
		default: break;
		}
	}
	if (!dir)
		dir = ".";
	if (project_open(&pj, dir, &ctx->templates, 0, &err) ||
	    gather_answers(&pj, &ctx->templates, answers_path, &answers, &warnings, &err)) {
		ret = cli_report(&err);
		goto out;
	}
	/* re-running init (to change an answer) stays at the tier reached */
	if (tier < 0)
		tier = pj.has_profile && pj.profile.tier >= 0 ? pj.profile.tier : 0;
	profile_set_answers(&pj.profile, answers);
	for (size_t i = 0; i < nskips; i++) {
		if (project_apply_skip(&pj.profile, &pj.catalog, skips[i], &err)) {
			ret = cli_report(&err);
			goto out;
		}
	}
	if (render_tier_schema(&pj.catalog, &pj.schema, &ctx->templates, &pj.profile, tier, &r, &err) ||
	    project_check(dir, &pj.profile, &r, &err) || project_check_sources(dir, &r, &err)) {
		ret = cli_report(&err);
		note_detection(warnings, err.msg);
		goto out;
	}
	{
		/* what detection warned about (a server missing from the dependencies, ...) */
		const cJSON *w;
		cJSON_ArrayForEach(w, warnings)
		{
			if (cJSON_IsString(w))
				fprintf(stderr, "shipshape: warning: %s\n", w->valuestring);
		}
	}
	if (!yes) {
		project_describe_step(&pj.catalog, NULL, &r, &sb);
		if (!isatty(STDIN_FILENO)) {
			cli_errorf("declined: not a terminal; pass '--yes' to write tier %d into '%s'",
				   tier, dir);
			ret = 1;
			goto out;
		}
		printf("shipshape init: tier %d (%s) for '%s':\n%s", tier, catalog_tier_names[tier],
		       dir, sb.buf);
		if (!confirm("write these files?")) {
			cli_errorf("declined: nothing written");
			ret = 1;
			goto out;
		}
	}
	if (project_write(dir, &pj.profile, &pj.catalog, &r, tier, &res, &err)) {
		ret = cli_report(&err);
		goto out;
	}
	strbuf_reset(&sb);
	project_describe_result(&res, &sb);
	fputs(sb.buf, stdout);
	printf("initialised '%s' at tier %d (%s); next: 'shipshape diff' and 'shipshape next'\n",
	       dir, tier, catalog_tier_names[tier]);
out:
	cJSON_Delete(answers);
	cJSON_Delete(warnings);
	strbuf_release(&sb);
	project_write_result_release(&res);
	rendering_release(&r);
	project_release(&pj);
	free(skips);
	return ret;
}

const struct cmd cmd_init = {
	"init", 30, "write the first tier's files and the profile",
	"usage: shipshape init [DIR] [--answers FILE] [--yes] [--tier N]\n"
	"                      [--skip ID=REASON]...\n\n"
	"Detect what DIR (default: the current directory) holds, take the answers\n"
	"from --answers FILE over detection over the defaults (an existing profile's\n"
	"answers sit between the file and detection), render tier N (see\n"
	"--tier) and write its files and the profile .shipshape.json. A file\n"
	"that exists and was not written by shipshape, or was edited since, is\n"
	"never overwritten (exit 3). Replaced files are backed up first to\n"
	".shipshape/backups/YYYYmmdd-HHMMSS/.\n\n"
	"  --answers FILE  answers as JSON (any subset of the keys of answers.json)\n"
	"  --yes           do not ask; without it, init asks on a terminal and\n"
	"                  declines (exit 1) when there is none\n"
	"  --tier N        the tier to write (0-6; default: the tier DIR's profile\n"
	"                  has reached, else 0)\n"
	"  --skip ID=REASON  skip practice ID (see 'shipshape practices'), with the\n"
	"                  reason kept in the profile; repeatable\n\n"
	"Run it again with other answers to change them: files the new answers no\n"
	"longer generate are removed (backed up first) unless edited by hand.\n",
	run,
};
