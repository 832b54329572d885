/*
 * shipshape explain PRACTICE|TIER: one practice in full (why, fix, what it
 * changes, when it applies, the peer rules it satisfies, references), or a
 * tier (its question, why it comes where it does, and its practices).
 * A tier is given by number (3) or name (correctness). An unknown name is
 * exit 2 with a did-you-mean suggestion.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"
#include "shipshape/catalog.h"
#include "shipshape/xalloc.h"

#define WIDTH 78

static void print_list(const char *label, char *const *v, size_t n)
{
	if (!n)
		return;
	printf("%s", label);
	for (size_t i = 0; i < n; i++)
		printf("%s%s", i ? ", " : " ", v[i]);
	printf("\n");
}

static void print_equivalents(const struct practice *p)
{
	int hl = 0, bk = 0;
	if (!p->nequivalents)
		return;
	printf("satisfies:");
	for (size_t i = 0; i < p->nequivalents; i++) {
		if (!strncmp(p->equivalents[i], "DL", 2)) {
			printf("%s%s", hl++ ? ", " : " hadolint ", p->equivalents[i]);
		}
	}
	for (size_t i = 0; i < p->nequivalents; i++) {
		if (!strncmp(p->equivalents[i], "buildkit:", 9)) {
			const char *sep = bk++ ? ", " : hl ? "; BuildKit check " : " BuildKit check ";
			printf("%s%s", sep, p->equivalents[i] + 9);
		}
	}
	printf("\n");
}

static void explain_practice(const struct catalog *c, const struct practice *p)
{
	struct strbuf sb = STRBUF_INIT;

	printf("%s (tier %d %s)\n%s\n\n", p->id, p->tier, catalog_tier_names[p->tier], p->title);
	cli_print_wrapped(p->why, 0, WIDTH);
	printf("\n");
	strbuf_addf(&sb, "how: %s", p->fix);
	cli_print_wrapped(sb.buf, 0, WIDTH);
	if (p->process)
		printf("kind: a process practice (a team checklist item; it changes no file)\n");
	else if (p->lint)
		printf("kind: a correctness rule lint checks on any Dockerfile\n");
	print_list("changes:", p->changes, p->nchanges);
	if (p->applies_when) {
		strbuf_reset(&sb);
		strbuf_addstr(&sb, "applies when: ");
		catalog_describe_conditions(p->applies_when, &sb);
		cli_print_wrapped(sb.buf, 0, WIDTH);
	}
	print_list("replaces:", p->replaces, p->nreplaces);
	for (size_t i = 0; i < c->nr; i++)
		for (size_t k = 0; k < c->items[i].nreplaces; k++)
			if (!strcmp(c->items[i].replaces[k], p->id))
				printf("replaced by: %s (when it applies)\n", c->items[i].id);
	print_list("conflicts with:", p->conflicts, p->nconflicts);
	print_equivalents(p);
	if (p->skippable_offline)
		printf("needs the internet: yes (a registry at build or generation time); skip it for offline builds\n");
	printf("references:\n");
	for (size_t i = 0; i < p->nreferences; i++)
		printf("  %s\n", p->references[i]);
	strbuf_release(&sb);
}

static void explain_tier(const struct catalog *c, int t)
{
	size_t width = 0, n = 0, nprocess = 0;

	for (size_t i = 0; i < c->nr; i++) {
		if (c->items[i].tier != t)
			continue;
		n++;
		nprocess += c->items[i].process;
		if (strlen(c->items[i].id) > width)
			width = strlen(c->items[i].id);
	}
	printf("tier %d: %s\n%s\n\n", t, c->tiers[t].name, c->tiers[t].question);
	cli_print_wrapped(c->tiers[t].why, 0, WIDTH);
	printf("\n%zu practices (%zu change files, %zu process):\n", n, n - nprocess, nprocess);
	for (size_t i = 0; i < c->nr; i++) {
		const struct practice *p = &c->items[i];
		if (p->tier == t)
			printf("  %-*s  %s%s\n", (int)width, p->id, p->title,
			       p->process ? " [process]" : "");
	}
	if (t + 1 < CATALOG_TIERS)
		printf("\nnext: tier %d %s ('shipshape explain %s')\n", t + 1,
		       catalog_tier_names[t + 1], catalog_tier_names[t + 1]);
}

/* The closest practice id or tier name to word, or NULL. */
static const char *suggest(const struct catalog *c, const char *word)
{
	const char **names = xcalloc(c->nr + CATALOG_TIERS, sizeof(*names));
	const char *best;
	size_t n = 0;

	for (int t = 0; t < CATALOG_TIERS; t++)
		names[n++] = catalog_tier_names[t];
	for (size_t i = 0; i < c->nr; i++)
		names[n++] = c->items[i].id;
	best = cli_suggest(word, names, n);
	if (!best && !strchr(word, '.')) {
		/* "non-root-user" for "security.non-root-user" */
		for (size_t i = 0; i < c->nr; i++)
			names[i] = strchr(c->items[i].id, '.') + 1;
		best = cli_suggest(word, names, c->nr);
		for (size_t i = 0; best && i < c->nr; i++)
			if (best == names[i])
				best = c->items[i].id;
	}
	free(names);
	return best;
}

static int run(int argc, char **argv, struct cli_ctx *ctx)
{
	struct cli_parser p;
	struct catalog c;
	struct ss_error err;
	const char *val, *what = NULL;
	const struct practice *pr;
	int opt, ret = 0, t;

	catalog_init(&c);
	ss_error_init(&err);
	cli_parser_init(&p, argc, argv, "explain");
	while ((opt = cli_next(&p, NULL, &val)) != CLI_END) {
		if (opt == CLI_ERR) {
			ret = 2;
			goto out;
		}
		if (what) {
			cli_errorf("unexpected argument '%s' for 'explain': give one practice or tier",
				   val);
			ret = 2;
			goto out;
		}
		what = val;
	}
	if (!what) {
		cli_errorf("'explain' needs a practice id or a tier; see 'shipshape practices'");
		ret = 2;
		goto out;
	}
	if (catalog_load(&c, &ctx->templates, &err)) {
		ret = cli_report(&err);
		goto out;
	}
	if ((pr = catalog_find(&c, what))) {
		explain_practice(&c, pr);
	} else if ((t = catalog_tier_parse(what)) >= 0) {
		explain_tier(&c, t);
	} else {
		const char *s = suggest(&c, what);
		if (s)
			cli_errorf("unknown practice or tier '%s'; did you mean '%s'?", what, s);
		else
			cli_errorf("unknown practice or tier '%s'; see 'shipshape practices'", what);
		ret = 2;
	}
out:
	catalog_release(&c);
	return ret;
}

const struct cmd cmd_explain = {
	"explain", 100, "explain a practice or a tier",
	"usage: shipshape explain PRACTICE | TIER\n\n"
	"Explain one practice: why it matters, how to apply it, which files it\n"
	"changes, when it applies, what it replaces or conflicts with, the hadolint\n"
	"and BuildKit rules it satisfies, and references. Or explain a tier, given by\n"
	"number (0-6) or name (baseline, security, automation, correctness,\n"
	"reproducibility, build-time, image-size): its question and its practices.\n\n"
	"'shipshape practices' lists every practice id.\n",
	run,
};
