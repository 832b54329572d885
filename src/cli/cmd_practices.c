/*
 * shipshape practices [--json]: the practice catalog, grouped by tier.
 *
 * The text form is one line per practice (id and title) under a heading
 * per tier; the JSON form carries every field of the catalog for scripts:
 * {"tiers": [{"number", "name", "title", "question", "why",
 *             "practices": [{...every practice field...}]}]}.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"
#include "shipshape/catalog.h"
#include "shipshape/xalloc.h"

enum { OPT_JSON = 1 };

static cJSON *string_array(char *const *v, size_t n)
{
	cJSON *a = cJSON_CreateArray();
	for (size_t i = 0; i < n; i++)
		cJSON_AddItemToArray(a, cJSON_CreateString(v[i]));
	return a;
}

static cJSON *practice_json(const struct practice *p)
{
	cJSON *o = cJSON_CreateObject();
	cJSON_AddStringToObject(o, "id", p->id);
	cJSON_AddNumberToObject(o, "tier", p->tier);
	cJSON_AddStringToObject(o, "title", p->title);
	cJSON_AddStringToObject(o, "why", p->why);
	cJSON_AddStringToObject(o, "fix", p->fix);
	cJSON_AddBoolToObject(o, "process", p->process);
	cJSON_AddBoolToObject(o, "dockerfile", p->dockerfile);
	cJSON_AddBoolToObject(o, "lint", p->lint);
	cJSON_AddItemToObject(o, "changes", string_array(p->changes, p->nchanges));
	cJSON_AddItemToObject(o, "references", string_array(p->references, p->nreferences));
	cJSON_AddItemToObject(o, "applies_when", p->applies_when
							 ? cJSON_Duplicate(p->applies_when, 1)
							 : cJSON_CreateNull());
	cJSON_AddItemToObject(o, "conflicts", string_array(p->conflicts, p->nconflicts));
	cJSON_AddItemToObject(o, "replaces", string_array(p->replaces, p->nreplaces));
	cJSON_AddItemToObject(o, "equivalents", string_array(p->equivalents, p->nequivalents));
	cJSON_AddBoolToObject(o, "skippable_offline", p->skippable_offline);
	return o;
}

static int print_json(const struct catalog *c)
{
	cJSON *root = cJSON_CreateObject(), *tiers = cJSON_AddArrayToObject(root, "tiers");
	char *text;
	int ret = 0;

	for (int t = 0; t < CATALOG_TIERS; t++) {
		cJSON *o = cJSON_CreateObject(), *list;
		cJSON_AddNumberToObject(o, "number", t);
		cJSON_AddStringToObject(o, "name", c->tiers[t].name);
		cJSON_AddStringToObject(o, "title", c->tiers[t].title);
		cJSON_AddStringToObject(o, "question", c->tiers[t].question);
		cJSON_AddStringToObject(o, "why", c->tiers[t].why);
		list = cJSON_AddArrayToObject(o, "practices");
		for (size_t i = 0; i < c->nr; i++)
			if (c->items[i].tier == t)
				cJSON_AddItemToArray(list, practice_json(&c->items[i]));
		cJSON_AddItemToArray(tiers, o);
	}
	text = cJSON_Print(root);
	if (!text)
		xalloc_die("cJSON_Print", 0);
	if (printf("%s\n", text) < 0)
		ret = 2;
	free(text);
	cJSON_Delete(root);
	return ret;
}

static void print_text(const struct catalog *c)
{
	size_t width = 0, nprocess = 0;

	for (size_t i = 0; i < c->nr; i++) {
		if (strlen(c->items[i].id) > width)
			width = strlen(c->items[i].id);
		nprocess += c->items[i].process;
	}
	for (int t = 0; t < CATALOG_TIERS; t++) {
		printf("%stier %d %s: %s\n", t ? "\n" : "", t, c->tiers[t].name,
		       c->tiers[t].question);
		for (size_t i = 0; i < c->nr; i++) {
			const struct practice *p = &c->items[i];
			if (p->tier != t)
				continue;
			printf("  %-*s  %s%s\n", (int)width, p->id, p->title,
			       p->process ? " [process]" : "");
		}
	}
	printf("\n%zu practices: %zu change files, %zu are process checklist items.\n"
	       "'shipshape explain ID' or 'shipshape explain TIER' tells more.\n",
	       c->nr, c->nr - nprocess, nprocess);
}

static int run(int argc, char **argv, struct cli_ctx *ctx)
{
	static const struct cli_opt opts[] = {{"json", 0, OPT_JSON}, {NULL, 0, 0}};
	struct cli_parser p;
	struct catalog c;
	struct ss_error err;
	const char *val;
	int opt, json = 0, ret = 0;

	catalog_init(&c);
	ss_error_init(&err);
	cli_parser_init(&p, argc, argv, "practices");
	while ((opt = cli_next(&p, opts, &val)) != CLI_END) {
		if (opt == CLI_ERR) {
			ret = 2;
			goto out;
		}
		if (opt == CLI_ARG) {
			cli_errorf("unexpected argument '%s' for 'practices'", val);
			ret = 2;
			goto out;
		}
		if (opt == OPT_JSON)
			json = 1;
	}
	if (catalog_load(&c, &ctx->templates, &err)) {
		ret = cli_report(&err);
		goto out;
	}
	if (json)
		ret = print_json(&c);
	else
		print_text(&c);
out:
	catalog_release(&c);
	return ret;
}

const struct cmd cmd_practices = {
	"practices", 110, "list the practice catalog, grouped by tier",
	"usage: shipshape practices [--json]\n\n"
	"List every practice shipshape knows, grouped by tier (0 baseline to 6 image\n"
	"size): its id and title; process practices (a team checklist item that\n"
	"changes no file) are marked [process].\n\n"
	"options:\n"
	"  --json   the whole catalog as JSON: {\"tiers\": [{number, name, title,\n"
	"           question, why, practices: [{id, tier, title, why, fix, process,\n"
	"           dockerfile, lint, changes, references, applies_when, conflicts,\n"
	"           replaces, equivalents, skippable_offline}]}]}\n",
	run,
};
