/*
 * shipshape plan [DIR]: where the project stands and what comes next.
 *
 * Reads DIR/.shipshape.json and shows the tier reached; every practice of
 * the tiers reached with its state (applied, skipped with the user's
 * reason, replaced by another practice, or not applicable and why); the
 * process practices as a checklist; then what the next tier adds, with
 * each practice's why. Writes nothing.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"
#include "shipshape/answers.h"
#include "shipshape/catalog.h"
#include "shipshape/fsutil.h"
#include "shipshape/profile.h"

#define WIDTH 78

struct plan {
	struct catalog cat;
	struct answer_schema schema;
	struct profile prof;
	cJSON *answers; /* with defaults */
	size_t idw;     /* widest id */
};

/* Is p active at tier t: applies, not skipped, and its tier reached? */
static int active(const struct plan *pl, const struct practice *p, int t)
{
	return p->tier <= t && catalog_applies(p, pl->answers) &&
	       !profile_is_skipped(&pl->prof, p->id, NULL);
}

/* The active practice (at tier t) that replaces p, or NULL. */
static const struct practice *replaced_by(const struct plan *pl, const struct practice *p, int t)
{
	for (size_t i = 0; i < pl->cat.nr; i++) {
		const struct practice *q = &pl->cat.items[i];
		for (size_t k = 0; k < q->nreplaces; k++)
			if (!strcmp(q->replaces[k], p->id) && active(pl, q, t))
				return q;
	}
	return NULL;
}

/* One line for practice p as of tier t (the tier reached or the next). */
static void print_state(const struct plan *pl, const struct practice *p, int t)
{
	struct strbuf note = STRBUF_INIT;
	const struct practice *by;
	const char *reason, *state;

	if (profile_is_skipped(&pl->prof, p->id, &reason)) {
		state = "skipped";
		strbuf_addf(&note, "reason: %s", reason);
	} else if (!catalog_applies(p, pl->answers)) {
		state = "n/a";
		catalog_why_not(p, pl->answers, &note);
	} else if ((by = replaced_by(pl, p, t))) {
		state = "replaced";
		strbuf_addf(&note, "by %s", by->id);
	} else if (p->process) {
		state = "[ ]";
	} else {
		state = "applied";
	}
	printf("  %-8s %-*s  %s\n", state, (int)pl->idw, p->id, p->title);
	if (note.len)
		printf("  %-8s %-*s  (%s)\n", "", (int)pl->idw, "", note.buf);
	strbuf_release(&note);
}

static void print_reached(const struct plan *pl)
{
	int reached = pl->prof.tier;
	for (int t = 0; t <= reached; t++) {
		printf("\ntier %d %s: %s\n", t, pl->cat.tiers[t].name, pl->cat.tiers[t].question);
		for (size_t i = 0; i < pl->cat.nr; i++) {
			const struct practice *p = &pl->cat.items[i];
			if (p->tier == t && !p->process)
				print_state(pl, p, reached);
		}
	}
}

static void print_checklist(const struct plan *pl, int upto)
{
	int any = 0;
	for (size_t i = 0; i < pl->cat.nr; i++) {
		const struct practice *p = &pl->cat.items[i];
		if (!p->process || p->tier > upto)
			continue;
		if (!any)
			printf("\nprocess checklist (nothing to write; for the team):\n");
		any = 1;
		print_state(pl, p, upto);
	}
}

static void print_next(const struct plan *pl, int t)
{
	struct strbuf sb = STRBUF_INIT;
	size_t nadd = 0, nrules = 0;
	const char *reason;

	printf("\nnext: tier %d %s: %s\n", t, pl->cat.tiers[t].name, pl->cat.tiers[t].question);
	cli_print_wrapped(pl->cat.tiers[t].why, 2, WIDTH);
	/* three passes: what is added, what the user skipped, what does not apply */
	for (int pass = 0; pass < 3; pass++) {
		int first = 1;
		for (size_t i = 0; i < pl->cat.nr; i++) {
			const struct practice *p = &pl->cat.items[i];
			const struct practice *by = NULL;
			int skipped, applies;
			if (p->tier != t || p->process)
				continue;
			skipped = profile_is_skipped(&pl->prof, p->id, &reason);
			applies = catalog_applies(p, pl->answers);
			if (!skipped && applies)
				by = replaced_by(pl, p, t);
			strbuf_reset(&sb);
			if (pass == 0 && !skipped && applies && !by) {
				if (p->lint) {
					nrules++;
					continue;
				}
				nadd++;
				if (first)
					printf("\n");
				printf("  + %s  %s\n", p->id, p->title);
				cli_print_wrapped(p->why, 6, WIDTH);
			} else if (pass == 1 && (skipped || by)) {
				if (first)
					printf("\n");
				if (skipped)
					printf("  - %s  %s\n      (skipped: %s)\n", p->id,
					       p->title, reason);
				else
					printf("  - %s  %s\n      (replaced by %s)\n", p->id,
					       p->title, by->id);
			} else if (pass == 2 && !skipped && !applies) {
				catalog_why_not(p, pl->answers, &sb);
				if (first)
					printf("\n");
				printf("  . %s  %s\n      (not applicable: %s)\n", p->id, p->title,
				       sb.buf);
			} else {
				continue;
			}
			first = 0;
		}
	}
	if (nrules) {
		strbuf_reset(&sb);
		strbuf_addstr(&sb, "rules the files keep from now on (lint checks them):");
		for (size_t i = 0; i < pl->cat.nr; i++) {
			const struct practice *p = &pl->cat.items[i];
			if (p->tier == t && p->lint && active(pl, p, t))
				strbuf_addf(&sb, " %s", p->id);
		}
		printf("\n");
		cli_print_wrapped(sb.buf, 2, WIDTH);
	}
	for (size_t i = 0, n = 0; i < pl->cat.nr; i++) {
		const struct practice *p = &pl->cat.items[i];
		if (p->tier != t || !p->process || !catalog_applies(p, pl->answers))
			continue;
		if (!n++)
			printf("\nteam checklist (changes no file):\n");
		printf("  [ ] %s  %s\n", p->id, p->title);
		cli_print_wrapped(p->why, 6, WIDTH);
	}
	printf("\n%zu practice%s to add. 'shipshape diff' shows the changes, 'shipshape next' applies them.\n",
	       nadd, nadd == 1 ? "" : "s");
	strbuf_release(&sb);
}

static int load(struct plan *pl, const char *dir, struct cli_ctx *ctx)
{
	struct strbuf path = STRBUF_INIT;
	struct ss_error err;
	const cJSON *e;
	int ret = 0;

	ss_error_init(&err);
	fs_path_join(&path, dir, PROFILE_FILE);
	if (!fs_exists(path.buf)) {
		cli_errorf("no profile '%s': run 'shipshape init%s%s' first", path.buf,
			   strcmp(dir, ".") ? " " : "", strcmp(dir, ".") ? dir : "");
		ret = 2;
		goto out;
	}
	if (profile_load(&pl->prof, path.buf, &err) ||
	    catalog_load(&pl->cat, &ctx->templates, &err) ||
	    answers_schema_load(&pl->schema, &ctx->templates, &err) ||
	    answers_validate(&pl->schema, pl->prof.answers, path.buf, &err)) {
		ret = cli_report(&err);
		goto out;
	}
	cJSON_ArrayForEach(e, pl->prof.practices) {
		if (!catalog_find(&pl->cat, e->string))
			cli_errorf("warning: '%s' names unknown practice '%s'; ignored", path.buf,
				   e->string);
	}
	pl->answers = answers_with_defaults(&pl->schema, pl->prof.answers);
	for (size_t i = 0; i < pl->cat.nr; i++)
		if (strlen(pl->cat.items[i].id) > pl->idw)
			pl->idw = strlen(pl->cat.items[i].id);
out:
	strbuf_release(&path);
	return ret;
}

static int run(int argc, char **argv, struct cli_ctx *ctx)
{
	struct cli_parser p;
	struct plan pl;
	const char *val, *dir = NULL;
	int opt, ret;

	memset(&pl, 0, sizeof(pl));
	catalog_init(&pl.cat);
	answers_schema_init(&pl.schema);
	profile_init(&pl.prof);
	cli_parser_init(&p, argc, argv, "plan");
	while ((opt = cli_next(&p, NULL, &val)) != CLI_END) {
		if (opt == CLI_ERR) {
			ret = 2;
			goto out;
		}
		if (dir) {
			cli_errorf("unexpected argument '%s' for 'plan': give one directory", val);
			ret = 2;
			goto out;
		}
		dir = val;
	}
	if ((ret = load(&pl, dir ? dir : ".", ctx)))
		goto out;
	if (pl.prof.tier < 0)
		printf("tier reached: none yet (nothing written)\n");
	else
		printf("tier reached: %d %s (of 6)\n", pl.prof.tier,
		       catalog_tier_names[pl.prof.tier]);
	print_reached(&pl);
	print_checklist(&pl, pl.prof.tier);
	if (pl.prof.tier + 1 < CATALOG_TIERS)
		print_next(&pl, pl.prof.tier + 1);
	else
		printf("\nevery tier is reached: keep the checklist going.\n");
out:
	cJSON_Delete(pl.answers);
	profile_release(&pl.prof);
	answers_schema_release(&pl.schema);
	catalog_release(&pl.cat);
	return ret;
}

const struct cmd cmd_plan = {
	"plan", 40, "show the tier reached and what the next tier adds",
	"usage: shipshape plan [DIR]\n\n"
	"Read DIR/.shipshape.json (DIR defaults to the current directory) and show\n"
	"the tier reached; each practice of the tiers reached as applied, skipped\n"
	"(with the reason given), replaced by another practice, or n/a (with the\n"
	"answer that rules it out); the process practices as a checklist; and what\n"
	"the next tier adds, with why each practice matters. Writes nothing.\n\n"
	"Without a profile it exits 2: run 'shipshape init' first.\n",
	run,
};
