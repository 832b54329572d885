/*
 * libFuzzer target for the profile loader (.shipshape.json from bytes).
 *
 * Checks on every input:
 *   - a failure is SS_ERR_INPUT with the file name and a message, and
 *     leaves an empty, usable profile (tier -1, empty objects);
 *   - a success serialises to a canonical form that parses again and
 *     serialises to the very same bytes (the save/load round trip);
 *   - the profile's answers go through the answer validator and the
 *     defaults without crashing, and the practice queries agree with the
 *     stored states.
 * The same bytes also feed the module's other readers: the catalog and
 * the answer schema (a failure must carry a message), and the wizard's
 * text parser for one answer key chosen by the first byte (a success must
 * validate and survive answers_format_text -> answers_parse_text).
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "shipshape/answers.h"
#include "shipshape/catalog.h"
#include "shipshape/profile.h"
#include "shipshape/tstore.h"

static struct answer_schema schema;
static int have_schema;

static void load_schema(void)
{
	struct tstore ts;
	struct ss_error err;

	tstore_init(&ts);
	ss_error_init(&err);
	answers_schema_init(&schema);
	have_schema = answers_schema_load(&schema, &ts, &err) == 0;
	tstore_release(&ts);
}

static void check_queries(const struct profile *p)
{
	const cJSON *e;
	cJSON_ArrayForEach(e, p->practices) {
		const char *reason = NULL;
		const cJSON *state = cJSON_GetObjectItemCaseSensitive(e, "state");
		int skipped = !strcmp(state->valuestring, "skipped");
		if (profile_is_skipped(p, e->string, &reason) != skipped)
			abort();
		if (skipped && (!reason || !*reason))
			abort();
		if (profile_is_applied(p, e->string) == skipped)
			abort();
	}
	cJSON_ArrayForEach(e, p->files) {
		const char *h = profile_file_hash(p, e->string);
		if (!h || strlen(h) != 64)
			abort();
	}
}

static void other_readers(const uint8_t *data, size_t size)
{
	struct catalog c;
	struct answer_schema s;
	struct ss_error err;
	struct strbuf text = STRBUF_INIT, again = STRBUF_INIT;
	cJSON *v = NULL, *back = NULL;
	const struct answer_key *k;

	catalog_init(&c);
	ss_error_init(&err);
	if (catalog_parse_schema(&c, (const char *)data, size, "c.json", have_schema ? &schema : NULL,
				 &err) && !err.msg[0])
		abort();
	catalog_release(&c);
	answers_schema_init(&s);
	ss_error_init(&err);
	if (answers_schema_parse(&s, (const char *)data, size, "s.json", &err) && !err.msg[0])
		abort();
	answers_schema_release(&s);
	if (!have_schema || !size)
		return;
	k = &schema.keys[data[0] % schema.nr];
	strbuf_add(&text, data + 1, size - 1);
	if (strlen(text.buf) != text.len)
		goto out; /* the wizard's fields never hold a NUL */
	ss_error_init(&err);
	if (answers_parse_text(&schema, k->key, text.buf, &v, &err)) {
		if (v || !strstr(err.msg, k->key))
			abort();
		goto out;
	}
	if (answers_validate_one(&schema, k->key, v, &err))
		abort();
	answers_format_text(k, v, &again);
	if (answers_parse_text(&schema, k->key, again.buf, &back, &err) || !cJSON_Compare(v, back, 1))
		abort();
out:
	cJSON_Delete(v);
	cJSON_Delete(back);
	strbuf_release(&text);
	strbuf_release(&again);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct profile p, q;
	struct strbuf a = STRBUF_INIT, b = STRBUF_INIT;
	struct ss_error err;

	if (!have_schema)
		load_schema();
	other_readers(data, size);
	profile_init(&p);
	profile_init(&q);
	ss_error_init(&err);
	if (profile_parse(&p, (const char *)data, size, "fuzz.json", &err)) {
		if (err.code != SS_ERR_INPUT || !err.msg[0] || strcmp(err.file, "fuzz.json"))
			abort();
		if (p.tier != -1 || !cJSON_IsObject(p.answers) || p.answers->child ||
		    !cJSON_IsObject(p.practices) || p.practices->child)
			abort();
		goto out;
	}
	if (p.tier < -1 || p.tier > 6 || p.schema_version != PROFILE_SCHEMA_VERSION)
		abort();
	check_queries(&p);
	profile_serialize(&p, &a);
	if (!a.len || a.buf[a.len - 1] != '\n')
		abort();
	if (profile_parse(&q, a.buf, a.len, "again.json", &err))
		abort();
	profile_serialize(&q, &b);
	if (a.len != b.len || memcmp(a.buf, b.buf, a.len))
		abort();
	if (have_schema) {
		cJSON *full;
		ss_error_init(&err);
		if (answers_validate(&schema, p.answers, "fuzz.json", &err) &&
		    (err.code != SS_ERR_INPUT || !err.msg[0]))
			abort();
		full = answers_with_defaults(&schema, p.answers);
		(void)answers_check_complete(&schema, full, 6, NULL, &err);
		cJSON_Delete(full);
	}
out:
	profile_release(&p);
	profile_release(&q);
	strbuf_release(&a);
	strbuf_release(&b);
	return 0;
}
