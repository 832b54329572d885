/*
 * libFuzzer target for lint: the input is a Dockerfile. lint_buffer parses
 * it, runs the strict check and every detector; each result then goes
 * through every output format (json, the cJSON object, tty plain and
 * coloured, gnu, sarif), written to a memstream as the CLI writes stdout.
 *
 * Checks on every input:
 *   - a failure is SS_ERR_INPUT with a message and leaves the result empty;
 *   - tier_reached is -1..6; findings point into the catalog, have a
 *     message, a line >= 1 within the file, a column >= 1, a known
 *     severity, and come sorted by tier, then line; no finding of a tier
 *     above opts.max_tier is reported;
 *   - the fast JSON writer parses and equals lint_result_json's object;
 *   - the SARIF log parses, has one result per finding, each with a rule.
 * The options vary with the input's size (max_tier, --ignore ids).
 */
#define _GNU_SOURCE
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cjson/cJSON.h>

#include "shipshape/catalog.h"
#include "shipshape/lint.h"
#include "shipshape/strbuf.h"
#include "shipshape/tstore.h"

static struct catalog cat;
static int have_catalog;

static void load_catalog(void)
{
	struct tstore ts;
	struct ss_error err;
	struct strbuf text = STRBUF_INIT, origin = STRBUF_INIT;

	tstore_init(&ts);
	ss_error_init(&err);
	catalog_init(&cat);
	have_catalog = !tstore_read(&ts, "practices.json", &text, &origin, &err) &&
		       !catalog_parse(&cat, text.buf, text.len, origin.buf, &err);
	if (!have_catalog)
		abort();
	strbuf_release(&text);
	strbuf_release(&origin);
	tstore_release(&ts);
}

/* What the CLI does with a format's text: write it to a stream. */
static void emit(const struct strbuf *sb)
{
	char *mem = NULL;
	size_t memlen = 0;
	FILE *fp = open_memstream(&mem, &memlen);

	if (!fp)
		abort();
	if (sb->len && fwrite(sb->buf, 1, sb->len, fp) != sb->len)
		abort();
	fclose(fp);
	if (memlen != sb->len || (sb->len && memcmp(mem, sb->buf, sb->len)))
		abort();
	free(mem);
}

static int in_catalog(const struct practice *p)
{
	return p >= cat.items && p < cat.items + cat.nr;
}

static size_t count_lines(const uint8_t *data, size_t size)
{
	size_t n = 1;

	for (size_t i = 0; i < size; i++)
		n += data[i] == '\n' || (data[i] == '\r' && (i + 1 == size || data[i + 1] != '\n'));
	return n;
}

static void check_result(const struct lint_result *r, const struct lint_opts *o, size_t nlines)
{
	if (r->tier_reached < -1 || r->tier_reached > 6)
		abort();
	for (size_t i = 0; i < r->nr; i++) {
		const struct lint_finding *fd = &r->items[i];
		if (!in_catalog(fd->practice) || !fd->message || !fd->message[0])
			abort();
		if (fd->line < 1 || (size_t)fd->line > nlines || fd->col < 1)
			abort();
		if (fd->severity != LINT_INFO && fd->severity != LINT_WARNING &&
		    fd->severity != LINT_ERROR)
			abort();
		if (fd->practice->tier > o->max_tier)
			abort();
		if (i) {
			const struct lint_finding *pv = &r->items[i - 1];
			if (pv->practice->tier > fd->practice->tier ||
			    (pv->practice->tier == fd->practice->tier && pv->line > fd->line))
				abort();
		}
	}
	for (size_t i = 0; i < r->nnot_judged; i++)
		if (!in_catalog(r->not_judged[i]))
			abort();
	for (size_t i = 0; i < r->nskipped; i++)
		if (!in_catalog(r->skipped[i]))
			abort();
	for (size_t i = 0; i < r->njudged; i++)
		if (!in_catalog(r->judged[i]))
			abort();
}

static void formats(const struct lint_result *r)
{
	struct strbuf out = STRBUF_INIT;
	cJSON *fast, *slow, *sarif, *runs, *results;

	/* json: the fast writer and the cJSON object agree */
	lint_format_json(r, "  ", &out);
	emit(&out);
	fast = cJSON_Parse(out.buf);
	slow = lint_result_json(r);
	if (!fast || !slow || !cJSON_Compare(fast, slow, 1))
		abort();
	cJSON_Delete(fast);
	cJSON_Delete(slow);

	strbuf_reset(&out);
	lint_format_tty(r, 0, &out);
	emit(&out);
	if (strchr(out.buf, '\033'))
		abort();
	strbuf_reset(&out);
	lint_format_tty(r, 1, &out);
	emit(&out);

	strbuf_reset(&out);
	lint_format_gnu(r, &out);
	emit(&out);
	if (r->nr && !strstr(out.buf, ": "))
		abort();

	strbuf_reset(&out);
	lint_format_sarif(&cat, r, 1, &out);
	emit(&out);
	sarif = cJSON_Parse(out.buf);
	if (!sarif)
		abort();
	runs = cJSON_GetObjectItemCaseSensitive(sarif, "runs");
	results = cJSON_GetObjectItemCaseSensitive(cJSON_GetArrayItem(runs, 0), "results");
	if (cJSON_GetArraySize(results) != (int)r->nr)
		abort();
	cJSON_Delete(sarif);
	strbuf_release(&out);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const char *const ignore[] = {"DL3006", "correctness.no-maintainer",
					     "JSONArgsRecommended"};
	struct lint_result r;
	struct lint_opts o;
	struct ss_error err;

	if (!have_catalog)
		load_catalog();
	lint_opts_init(&o);
	o.max_tier = (int)(size % 7);
	if (size % 3 == 0) {
		o.ignore = ignore;
		o.nignore = sizeof(ignore) / sizeof(ignore[0]);
	}
	lint_result_init(&r);
	ss_error_init(&err);
	if (lint_buffer(&cat, (const char *)data, size, "Dockerfile", &o, &r, &err)) {
		if (err.code != SS_ERR_INPUT || !err.msg[0] || r.nr)
			abort();
	} else {
		check_result(&r, &o, count_lines(data, size));
		formats(&r);
	}
	lint_result_release(&r);
	return 0;
}
