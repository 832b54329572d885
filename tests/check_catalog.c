/*
 * check_catalog: the shipped catalog loads and keeps its promises (tiers,
 * counts, the lint rules' peer equivalents), and every kind of broken
 * catalog is rejected with the file and the JSON path (or line:col).
 */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "shipshape/answers.h"
#include "shipshape/catalog.h"
#include "shipshape/fsutil.h"
#include "testutil.h"

static struct catalog cat;
static struct answer_schema schema;

static void load_shipped(void)
{
	struct strbuf a = STRBUF_INIT, p = STRBUF_INIT;
	struct ss_error err;
	char msg[1024];

	ss_error_init(&err);
	catalog_init(&cat);
	answers_schema_init(&schema);
	tu_slurp(tu_src("templates/answers.json"), &a);
	tu_slurp(tu_src("templates/practices.json"), &p);
	if (answers_schema_parse(&schema, a.buf, a.len, "answers.json", &err) ||
	    catalog_parse_schema(&cat, p.buf, p.len, "practices.json", &schema, &err)) {
		ss_error_format(&err, msg, sizeof(msg));
		ck_abort_msg("shipped catalog does not load: %s", msg);
	}
	strbuf_release(&a);
	strbuf_release(&p);
}

static void release_shipped(void)
{
	catalog_release(&cat);
	answers_schema_release(&schema);
}

START_TEST(test_shipped_catalog_loads_through_tstore)
{
	struct tstore ts;
	struct catalog c;
	struct ss_error err;

	tstore_init(&ts);
	tstore_add_dir(&ts, tu_src("templates"));
	ts.no_embedded = 1;
	catalog_init(&c);
	ss_error_init(&err);
	ck_assert_int_eq(catalog_load(&c, &ts, &err), 0);
	ck_assert_uint_eq(c.nr, cat.nr);
	catalog_release(&c);
	/* the embedded copy loads too */
	tstore_release(&ts);
	tstore_init(&ts);
	catalog_init(&c);
	ck_assert_int_eq(catalog_load(&c, &ts, &err), 0);
	ck_assert_uint_ge(c.nr, 45);
	catalog_release(&c);
	catalog_release(&c); /* release twice is harmless */
	tstore_release(&ts);
}
END_TEST

START_TEST(test_counts_per_tier)
{
	size_t files = 0, process = 0;
	for (int t = 0; t < CATALOG_TIERS; t++) {
		size_t visible = 0;
		ck_assert_int_eq(cat.tiers[t].number, t);
		ck_assert_str_eq(cat.tiers[t].name, catalog_tier_names[t]);
		ck_assert_ptr_nonnull(cat.tiers[t].question);
		for (size_t i = 0; i < cat.nr; i++) {
			const struct practice *p = &cat.items[i];
			if (p->tier != t || p->process || p->lint)
				continue;
			/* a practice that writes a line the example app's files show */
			if (!p->applies_when)
				visible++;
		}
		ck_assert_msg(visible > 0, "tier %d has no unconditional file-changing practice", t);
		ck_assert_uint_gt(catalog_tier_count(&cat, t), 0);
	}
	for (size_t i = 0; i < cat.nr; i++) {
		if (cat.items[i].process)
			process++;
		else
			files++;
	}
	ck_assert_uint_ge(files, 45);
	ck_assert_uint_ge(process, 5);
	ck_assert_uint_eq(files + process, cat.nr);
}
END_TEST

START_TEST(test_ids_and_fields)
{
	for (size_t i = 0; i < cat.nr; i++) {
		const struct practice *p = &cat.items[i];
		size_t n = strlen(catalog_tier_names[p->tier]);
		ck_assert_int_eq(strncmp(p->id, catalog_tier_names[p->tier], n), 0);
		ck_assert_int_eq(p->id[n], '.');
		ck_assert_ptr_eq(catalog_find(&cat, p->id), p);
		ck_assert_uint_gt(p->nreferences, 0);
		ck_assert_uint_gt(strlen(p->why), 60);
		ck_assert_ptr_null(strchr(p->fix, '\n'));
		if (p->process)
			ck_assert_uint_eq(p->nchanges, 0);
		else
			ck_assert_uint_gt(p->nchanges, 0);
	}
	ck_assert_ptr_null(catalog_find(&cat, "security.nope"));
	ck_assert_ptr_null(catalog_find(&cat, NULL));
}
END_TEST

/* The lint rules of issue 5 are all practices, mapped to their peers' ids. */
START_TEST(test_lint_rules_have_equivalents)
{
	static const char *const rules[] = {
		"DL3002", "DL3025", "buildkit:JSONArgsRecommended", "DL3006", "DL3007", "DL3009",
		"DL3015", "DL3013", "DL3020", "DL3004", "DL3003", "DL4000",
		"buildkit:MaintainerDeprecated", "DL4003", "DL4004", "DL3012",
		"buildkit:MultipleInstructionsDisallowed", "DL3000", "buildkit:WorkdirRelativePath",
		"DL3064", "buildkit:SecretsUsedInArgOrEnv", "DL4006", "DL3024",
		"buildkit:DuplicateStageName", "DL3022", "DL3042",
	};
	for (size_t r = 0; r < sizeof(rules) / sizeof(rules[0]); r++) {
		int found = 0;
		for (size_t i = 0; i < cat.nr && !found; i++)
			for (size_t k = 0; k < cat.items[i].nequivalents; k++)
				if (!strcmp(cat.items[i].equivalents[k], rules[r]))
					found = cat.items[i].dockerfile;
		ck_assert_msg(found, "no Dockerfile practice satisfies %s", rules[r]);
	}
	/* ours: no development server as CMD */
	ck_assert(catalog_find(&cat, "baseline.production-server")->lint);
	ck_assert(catalog_find(&cat, "baseline.exec-form-cmd")->tier == 0);
	ck_assert(catalog_find(&cat, "security.non-root-user")->tier == 1);
}
END_TEST

START_TEST(test_replaces_and_offline)
{
	const struct practice *mount = catalog_find(&cat, "build-time.package-cache-mount");
	const char *offline[] = {"build-time.syntax-directive", "reproducibility.base-image-digest",
				 "reproducibility.patch-level-python",
				 "reproducibility.pin-installer"};
	ck_assert_ptr_nonnull(mount);
	ck_assert_uint_eq(mount->nreplaces, 1);
	ck_assert_str_eq(mount->replaces[0], "image-size.pip-no-cache-dir");
	for (size_t i = 0; i < 4; i++)
		ck_assert_msg(catalog_find(&cat, offline[i])->skippable_offline, "%s", offline[i]);
	ck_assert(!catalog_find(&cat, "security.non-root-user")->skippable_offline);
}
END_TEST

START_TEST(test_applies)
{
	cJSON *a = cJSON_Parse("{\"app_kind\": \"worker\", \"framework\": \"none\","
			       " \"dependency_manager\": \"uv\", \"syntax_directive\": false,"
			       " \"python_patch\": null, \"base_image_digest\": \"\"}");
	struct strbuf sb = STRBUF_INIT;
	const struct practice *p;

	ck_assert(catalog_applies(catalog_find(&cat, "security.non-root-user"), a));
	p = catalog_find(&cat, "baseline.bind-all-interfaces");
	ck_assert(!catalog_applies(p, a));
	catalog_why_not(p, a, &sb);
	ck_assert_str_eq(sb.buf, "app_kind is 'worker', it applies to wsgi or asgi");
	ck_assert(catalog_applies(catalog_find(&cat, "correctness.stopsignal-sigint"), a));
	ck_assert(catalog_applies(catalog_find(&cat, "build-time.uv-link-mode-copy"), a));
	ck_assert(!catalog_applies(catalog_find(&cat, "build-time.syntax-directive"), a));
	/* set/unset conditions: null and "" are unset */
	p = catalog_find(&cat, "reproducibility.patch-level-python");
	ck_assert(!catalog_applies(p, a));
	strbuf_reset(&sb);
	catalog_why_not(p, a, &sb);
	ck_assert_str_eq(sb.buf, "python_patch is not set");
	ck_assert(!catalog_applies(catalog_find(&cat, "reproducibility.base-image-digest"), a));
	cJSON_ReplaceItemInObject(a, "python_patch", cJSON_CreateString("3.12.5"));
	ck_assert(catalog_applies(p, a));
	/* a missing answer never matches a value condition */
	cJSON_DeleteItemFromObject(a, "app_kind");
	p = catalog_find(&cat, "baseline.bind-all-interfaces");
	ck_assert(!catalog_applies(p, a));
	strbuf_reset(&sb);
	catalog_why_not(p, a, &sb);
	ck_assert_str_eq(sb.buf, "app_kind is not answered, it applies to wsgi or asgi");
	ck_assert(catalog_applies(p, NULL));
	strbuf_reset(&sb);
	catalog_describe_conditions(catalog_find(&cat, "correctness.stopsignal-sigint")->applies_when,
				    &sb);
	ck_assert_str_eq(sb.buf, "app_kind is worker or cli, and framework is none");
	strbuf_release(&sb);
	cJSON_Delete(a);
}
END_TEST

/* The wizard asks a key at its tier: a practice may only depend on keys asked by then. */
START_TEST(test_conditions_use_keys_asked_in_time)
{
	for (size_t i = 0; i < cat.nr; i++) {
		const struct practice *p = &cat.items[i];
		const cJSON *c;
		cJSON_ArrayForEach(c, p->applies_when) {
			const struct answer_key *k = answers_schema_find(&schema, c->string);
			ck_assert_ptr_nonnull(k);
			ck_assert_msg(k->tier <= p->tier, "%s (tier %d) depends on '%s', asked at tier %d",
				      p->id, p->tier, k->key, k->tier);
		}
	}
}
END_TEST

START_TEST(test_tier_parse)
{
	ck_assert_int_eq(catalog_tier_parse("0"), 0);
	ck_assert_int_eq(catalog_tier_parse("6"), 6);
	ck_assert_int_eq(catalog_tier_parse("7"), -1);
	ck_assert_int_eq(catalog_tier_parse("correctness"), 3);
	ck_assert_int_eq(catalog_tier_parse("Build time"), 5);
	ck_assert_int_eq(catalog_tier_parse("image_size"), 6);
	ck_assert_int_eq(catalog_tier_parse("IMAGE-SIZE"), 6);
	ck_assert_int_eq(catalog_tier_parse("33"), -1);
	ck_assert_int_eq(catalog_tier_parse("tier 3"), 3);
	ck_assert_int_eq(catalog_tier_parse("Tier security"), 1);
	ck_assert_int_eq(catalog_tier_parse("tier "), -1);
	ck_assert_int_eq(catalog_tier_parse(""), -1);
	ck_assert_int_eq(catalog_tier_parse(NULL), -1);
	ck_assert_int_eq(catalog_tier_parse("a-very-long-name-that-is-no-tier-at-all"), -1);
}
END_TEST

/* ------------------------------------------------------- broken catalogs */

static const char *const tier_json =
	"\"tiers\": ["
	"{\"number\": 0, \"name\": \"baseline\", \"title\": \"B\", \"question\": \"q\", \"why\": \"w\"},"
	"{\"number\": 1, \"name\": \"security\", \"title\": \"S\", \"question\": \"q\", \"why\": \"w\"},"
	"{\"number\": 2, \"name\": \"automation\", \"title\": \"A\", \"question\": \"q\", \"why\": \"w\"},"
	"{\"number\": 3, \"name\": \"correctness\", \"title\": \"C\", \"question\": \"q\", \"why\": \"w\"},"
	"{\"number\": 4, \"name\": \"reproducibility\", \"title\": \"R\", \"question\": \"q\", \"why\": \"w\"},"
	"{\"number\": 5, \"name\": \"build-time\", \"title\": \"F\", \"question\": \"q\", \"why\": \"w\"},"
	"{\"number\": 6, \"name\": \"image-size\", \"title\": \"Z\", \"question\": \"q\", \"why\": \"w\"}]";

/* A valid practice of tier t with id NAME.pN. */
static void add_filler(struct strbuf *sb, int t)
{
	strbuf_addf(sb,
		    ", {\"id\": \"%s.p%d\", \"tier\": %d, \"title\": \"t\", \"why\": \"w\", \"fix\": \"f\","
		    " \"changes\": [\"Dockerfile\"], \"references\": [\"https://example.org/\"]}",
		    catalog_tier_names[t], t, t);
}

/* A catalog whose practices are FIRST (one or more entries) and one valid practice per tier. */
static void build(struct strbuf *sb, const char *first)
{
	strbuf_reset(sb);
	strbuf_addf(sb, "{\"schema_version\": 1, %s, \"practices\": [%s", tier_json, first);
	for (int t = 0; t < CATALOG_TIERS; t++)
		add_filler(sb, t);
	strbuf_addstr(sb, "]}");
}

#define OK0 "{\"id\": \"baseline.x\", \"tier\": 0, \"title\": \"t\", \"why\": \"w\", \"fix\": \"f\", " \
	    "\"references\": [\"https://example.org/\"], "

static const struct broken {
	const char *first;  /* practices[0] (and more) */
	const char *expect; /* substring of the message */
} broken[] = {
	{OK0 "\"changes\": [\"Dockerfile\"], \"colour\": 1}", "practices[0].colour: unknown field"},
	{OK0 "\"changes\": [\"Dockerfile\"]}, " OK0 "\"changes\": [\"Dockerfile\"]}",
	 "practices[1].id: duplicate id 'baseline.x' (first at practices[0])"},
	{"{\"id\": \"baseline.x\", \"tier\": 0, \"why\": \"w\", \"fix\": \"f\", \"changes\": [\"Dockerfile\"],"
	 " \"references\": [\"https://e.org/\"]}", "practices[0].title: missing field"},
	{"{\"id\": \"baseline.x\", \"title\": \"t\", \"why\": \"w\", \"fix\": \"f\", \"changes\": [\"Dockerfile\"],"
	 " \"references\": [\"https://e.org/\"]}", "practices[0].tier: missing field"},
	{"{\"id\": \"baseline.x\", \"tier\": 7, \"title\": \"t\", \"why\": \"w\", \"fix\": \"f\","
	 " \"changes\": [\"Dockerfile\"], \"references\": [\"https://e.org/\"]}",
	 "practices[0].tier: tier 7 is out of range 0-6"},
	{"{\"id\": \"baseline.x\", \"tier\": -1, \"title\": \"t\", \"why\": \"w\", \"fix\": \"f\","
	 " \"changes\": [\"Dockerfile\"], \"references\": [\"https://e.org/\"]}",
	 "practices[0].tier: tier -1 is out of range 0-6"},
	{"{\"id\": \"baseline.x\", \"tier\": 1.5, \"title\": \"t\", \"why\": \"w\", \"fix\": \"f\","
	 " \"changes\": [\"Dockerfile\"], \"references\": [\"https://e.org/\"]}",
	 "practices[0].tier: expected a whole number"},
	{"{\"id\": \"baseline.x\", \"tier\": 1e300, \"title\": \"t\", \"why\": \"w\", \"fix\": \"f\","
	 " \"changes\": [\"Dockerfile\"], \"references\": [\"https://e.org/\"]}",
	 "practices[0].tier: tier 1e+300 is out of range 0-6"},
	{"{\"id\": \"baseline.x\", \"tier\": 2, \"title\": \"t\", \"why\": \"w\", \"fix\": \"f\","
	 " \"changes\": [\"ci\"], \"references\": [\"https://e.org/\"]}",
	 "practices[0].id: 'baseline.x' does not start with its tier's name 'automation.'"},
	{"{\"id\": \"Baseline X\", \"tier\": 0, \"title\": \"t\", \"why\": \"w\", \"fix\": \"f\","
	 " \"changes\": [\"ci\"], \"references\": [\"https://e.org/\"]}",
	 "practices[0].id: 'Baseline X' is not a practice id"},
	{OK0 "\"changes\": [\"Dockerfile\"], \"replaces\": [\"image-size.nothing\"]}",
	 "practices[0].replaces[0]: unknown practice 'image-size.nothing'"},
	{OK0 "\"changes\": [\"Dockerfile\"], \"conflicts\": [\"security.p1\", \"security.gone\"]}",
	 "practices[0].conflicts[1]: unknown practice 'security.gone'"},
	{OK0 "\"changes\": [\"Dockerfile\"], \"replaces\": [\"baseline.x\"]}",
	 "practices[0].replaces[0]: a practice cannot name itself"},
	{OK0 "\"changes\": [\"Makefile\"]}", "practices[0].changes[0]: unknown file or file kind 'Makefile'"},
	{OK0 "\"changes\": \"Dockerfile\"}", "practices[0].changes: expected an array of strings"},
	{OK0 "\"changes\": [\"Dockerfile\", \"Dockerfile\"]}",
	 "practices[0].changes[1]: duplicate entry 'Dockerfile'"},
	{OK0 "\"changes\": []}", "practices[0].changes: a practice that is not a process one must change a file"},
	{OK0 "\"changes\": [\"ci\"], \"process\": true}", "practices[0].changes: a process practice changes no file"},
	{OK0 "\"changes\": [\"ci\"], \"dockerfile\": true}",
	 "practices[0].dockerfile: a Dockerfile practice must list 'Dockerfile' in changes"},
	{OK0 "\"changes\": [\"ci\"], \"lint\": true}", "practices[0].lint: a lint rule must be a Dockerfile practice"},
	{OK0 "\"changes\": [\"Dockerfile\"], \"process\": \"yes\"}", "practices[0].process: expected true or false"},
	{OK0 "\"changes\": [\"Dockerfile\"], \"equivalents\": [\"DL99\"]}",
	 "practices[0].equivalents[0]: not a hadolint (DLnnnn) or buildkit:CheckName rule 'DL99'"},
	{OK0 "\"changes\": [\"Dockerfile\"], \"equivalents\": [\"buildkit:lower\"]}",
	 "practices[0].equivalents[0]: not a hadolint"},
	{"{\"id\": \"baseline.x\", \"tier\": 0, \"title\": \"t\", \"why\": \"w\", \"fix\": \"f\","
	 " \"changes\": [\"ci\"], \"references\": [\"http://insecure.example/\"]}",
	 "practices[0].references[0]: not an https URL 'http://insecure.example/'"},
	{"{\"id\": \"baseline.x\", \"tier\": 0, \"title\": \"t\", \"why\": \"w\", \"fix\": \"f\","
	 " \"changes\": [\"ci\"], \"references\": []}",
	 "practices[0].references: at least one reference is needed"},
	{"{\"id\": \"baseline.x\", \"tier\": 0, \"title\": \"\", \"why\": \"w\", \"fix\": \"f\","
	 " \"changes\": [\"ci\"], \"references\": [\"https://e.org/\"]}",
	 "practices[0].title: expected a non-empty string"},
	{OK0 "\"changes\": [\"ci\"], \"title\": \"again\"}", "invalid JSON: duplicate key 'title'"},
	{OK0 "\"changes\": [\"ci\"], \"applies_when\": [\"x\"]}", "practices[0].applies_when: expected an object"},
	{OK0 "\"changes\": [\"ci\"], \"applies_when\": {\"app_kind\": []}}",
	 "practices[0].applies_when.app_kind: expected a non-empty array of values or true/false"},
	{OK0 "\"changes\": [\"ci\"], \"applies_when\": {\"app_kind\": [{}]}}",
	 "practices[0].applies_when.app_kind[0]: expected a string, number or boolean"},
	{"42", "practices[0]: expected an object"},
};

START_TEST(test_broken_practice)
{
	struct strbuf sb = STRBUF_INIT;
	struct catalog c;
	struct ss_error err;
	const struct broken *b = &broken[_i];

	catalog_init(&c);
	ss_error_init(&err);
	build(&sb, b->first);
	ck_assert_int_eq(catalog_parse(&c, sb.buf, sb.len, "t.json", &err), SS_ERR_INPUT);
	ck_assert_str_eq(err.file, "t.json");
	ck_assert_msg(strstr(err.msg, b->expect), "case %d: got '%s', want '%s'", _i, err.msg,
		      b->expect);
	ck_assert_uint_eq(c.nr, 0); /* left empty */
	ck_assert_ptr_null(c.items);
	catalog_release(&c);
	strbuf_release(&sb);
}
END_TEST

/* The same catalog shape is valid: the table above breaks one thing each. */
START_TEST(test_valid_minimal)
{
	struct strbuf sb = STRBUF_INIT;
	struct catalog c;
	struct ss_error err;

	catalog_init(&c);
	ss_error_init(&err);
	build(&sb, OK0 "\"changes\": [\"Dockerfile\"], \"replaces\": [\"security.p1\"],"
		       " \"equivalents\": [\"DL3002\", \"buildkit:JSONArgsRecommended\"],"
		       " \"applies_when\": {\"app_kind\": [\"wsgi\"], \"python_patch\": true}}");
	ck_assert_msg(catalog_parse(&c, sb.buf, sb.len, "t.json", &err) == 0, "%s", err.msg);
	ck_assert_uint_eq(c.nr, 8);
	ck_assert_str_eq(c.items[0].replaces[0], "security.p1");
	catalog_release(&c);
	strbuf_release(&sb);
}
END_TEST

/* Conditions are checked against answers.json: keys and enum values. */
START_TEST(test_applies_when_against_schema)
{
	static const struct broken cases[] = {
		{OK0 "\"changes\": [\"ci\"], \"applies_when\": {\"colour\": [\"red\"]}}",
		 "practices[0].applies_when.colour: unknown answer key 'colour'"},
		{OK0 "\"changes\": [\"ci\"], \"applies_when\": {\"app_kind\": [\"wsgi\", \"web\"]}}",
		 "practices[0].applies_when.app_kind[1]: invalid value for 'app_kind': 'web' is not one of"},
		{OK0 "\"changes\": [\"ci\"], \"applies_when\": {\"syntax_directive\": [\"yes\"]}}",
		 "practices[0].applies_when.syntax_directive[0]: invalid value for 'syntax_directive'"},
		{OK0 "\"changes\": [\"ci\"], \"applies_when\": {\"app_kind\": true}}",
		 "practices[0].applies_when.app_kind: a set/unset condition needs an optional key"},
	};
	struct strbuf sb = STRBUF_INIT;
	struct ss_error err;

	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		struct catalog c;
		catalog_init(&c);
		ss_error_init(&err);
		build(&sb, cases[i].first);
		ck_assert_int_eq(catalog_parse_schema(&c, sb.buf, sb.len, "t.json", &schema, &err),
				 SS_ERR_INPUT);
		ck_assert_msg(strstr(err.msg, cases[i].expect), "case %zu: got '%s'", i, err.msg);
		/* without a schema only the shape is checked, and these shapes are fine */
		ss_error_init(&err);
		ck_assert_msg(catalog_parse(&c, sb.buf, sb.len, "t.json", &err) == 0, "%s", err.msg);
		catalog_release(&c);
	}
	strbuf_release(&sb);
}
END_TEST

START_TEST(test_broken_top_level)
{
	static const struct {
		const char *text, *expect;
		int line, col;
	} cases[] = {
		{"{\"schema_version\": 1,\n  \"tiers\": [}\n", "invalid JSON near '}'", 2, 13},
		{"{\"schema_version\": 1,\n\n   \"practices\": [1,, 2]}", "invalid JSON near ', 2]}'", 3, 20},
		{"{\"schema_version\": 1", "invalid JSON: unexpected end of input", 1, 21},
		{"{} trailing", "unexpected text after the value near 'trailing'", 1, 4},
		{"{\"a\": \"x\\u0000y\"}", "a NUL character is not allowed", 1, 9},
		{"[]", "(top level): expected a JSON object", 0, 0},
		{"{\"schema_version\": 2}", "schema_version: expected 1", 0, 0},
		{"{\"tiers\": []}", "schema_version: missing field", 0, 0},
		{"{\"schema_version\": 1, \"extra\": 1}", "extra: unknown field", 0, 0},
		{"{\"schema_version\": 1}", "tiers: missing field", 0, 0},
		{"{\"schema_version\": 1, \"tiers\": [{}]}", "tiers: expected an array of 7 tiers", 0, 0},
	};
	struct ss_error err;
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		struct catalog c;
		catalog_init(&c);
		ss_error_init(&err);
		ck_assert_int_eq(catalog_parse(&c, cases[i].text, strlen(cases[i].text), "t.json", &err),
				 SS_ERR_INPUT);
		ck_assert_msg(strstr(err.msg, cases[i].expect), "case %zu: got '%s'", i, err.msg);
		ck_assert_str_eq(err.file, "t.json");
		ck_assert_msg(err.line == cases[i].line && err.col == cases[i].col,
			      "case %zu: at %d:%d, want %d:%d", i, err.line, err.col, cases[i].line,
			      cases[i].col);
		catalog_release(&c);
	}
}
END_TEST

START_TEST(test_broken_tiers)
{
	struct strbuf sb = STRBUF_INIT;
	struct catalog c;
	struct ss_error err;
	char *text;
	const char *p;

	/* a tier name out of order */
	build(&sb, OK0 "\"changes\": [\"ci\"]}");
	text = strdup(sb.buf);
	p = strstr(text, "\"name\": \"security\"");
	memcpy((char *)text + (p - text) + 9, "securitx", 8);
	catalog_init(&c);
	ss_error_init(&err);
	ck_assert_int_eq(catalog_parse(&c, text, strlen(text), "t.json", &err), SS_ERR_INPUT);
	ck_assert_str_eq(err.msg, "tiers[1].name: expected 'security', not 'securitx'");
	free(text);
	/* a tier with no practice: drop the tier-6 filler */
	strbuf_reset(&sb);
	strbuf_addf(&sb, "{\"schema_version\": 1, %s, \"practices\": [" OK0 "\"changes\": [\"ci\"]}",
		    tier_json);
	for (int t = 0; t < 6; t++)
		add_filler(&sb, t);
	strbuf_addstr(&sb, "]}");
	ck_assert_int_eq(catalog_parse(&c, sb.buf, sb.len, "t.json", &err), SS_ERR_INPUT);
	ck_assert_str_eq(err.msg, "practices: tier 6 (image-size) has no practice");
	/* an unknown field in a tier */
	strbuf_reset(&sb);
	build(&sb, OK0 "\"changes\": [\"ci\"]}");
	text = strdup(sb.buf);
	p = strstr(text, "\"why\": \"w\"}");
	memcpy((char *)text + (p - text), "\"wHy\"", 5);
	ck_assert_int_eq(catalog_parse(&c, text, strlen(text), "t.json", &err), SS_ERR_INPUT);
	ck_assert_str_eq(err.msg, "tiers[0].wHy: unknown field");
	free(text);
	catalog_release(&c);
	strbuf_release(&sb);
}
END_TEST

Suite *suite_catalog(void)
{
	Suite *s = suite_create("catalog");
	TCase *tc = tcase_create("shipped");
	tcase_add_checked_fixture(tc, load_shipped, release_shipped);
	tcase_add_test(tc, test_shipped_catalog_loads_through_tstore);
	tcase_add_test(tc, test_counts_per_tier);
	tcase_add_test(tc, test_ids_and_fields);
	tcase_add_test(tc, test_lint_rules_have_equivalents);
	tcase_add_test(tc, test_replaces_and_offline);
	tcase_add_test(tc, test_applies);
	tcase_add_test(tc, test_tier_parse);
	tcase_add_test(tc, test_conditions_use_keys_asked_in_time);
	tcase_add_test(tc, test_applies_when_against_schema);
	suite_add_tcase(s, tc);
	tc = tcase_create("broken");
	tcase_add_loop_test(tc, test_broken_practice, 0, (int)(sizeof(broken) / sizeof(broken[0])));
	tcase_add_test(tc, test_valid_minimal);
	tcase_add_test(tc, test_broken_top_level);
	tcase_add_test(tc, test_broken_tiers);
	suite_add_tcase(s, tc);
	return s;
}
