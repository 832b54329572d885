/*
 * lint_format: the output formats of lint results (json, tty, gnu, sarif).
 * Each appends to a strbuf; the front end writes it.
 */
#include <stdlib.h>
#include <string.h>

#include "lint_int.h"
#include "shipshape/xalloc.h"

static cJSON *str_array(const char *const *items, size_t n)
{
	cJSON *a = cJSON_CreateArray();

	for (size_t i = 0; i < n; i++)
		cJSON_AddItemToArray(a, cJSON_CreateString(items[i]));
	return a;
}

cJSON *lint_result_json(const struct lint_result *r)
{
	cJSON *o = cJSON_CreateObject(), *arr, *ids;

	cJSON_AddStringToObject(o, "file", r->file ? r->file : "Dockerfile");
	cJSON_AddNumberToObject(o, "tier_reached", r->tier_reached);
	arr = cJSON_AddArrayToObject(o, "findings");
	for (size_t i = 0; i < r->nr; i++) {
		const struct lint_finding *fd = &r->items[i];
		cJSON *f = cJSON_CreateObject();
		cJSON_AddStringToObject(f, "practice", fd->practice->id);
		cJSON_AddNumberToObject(f, "tier", fd->practice->tier);
		cJSON_AddNumberToObject(f, "line", fd->line);
		cJSON_AddNumberToObject(f, "column", fd->col);
		cJSON_AddStringToObject(f, "severity", lint_severity_name(fd->severity));
		cJSON_AddStringToObject(f, "message", fd->message);
		cJSON_AddItemToObject(f, "equivalents",
				      str_array((const char *const *)fd->practice->equivalents,
						fd->practice->nequivalents));
		cJSON_AddItemToArray(arr, f);
	}
	cJSON_AddNumberToObject(o, "suppressed", (double)r->nsuppressed);
	ids = cJSON_AddArrayToObject(o, "skipped");
	for (size_t i = 0; i < r->nskipped; i++)
		cJSON_AddItemToArray(ids, cJSON_CreateString(r->skipped[i]->id));
	cJSON_AddItemToObject(o, "situation",
			      r->situation ? cJSON_Duplicate(r->situation, 1) : cJSON_CreateObject());
	ids = cJSON_AddArrayToObject(o, "not_judged");
	for (size_t i = 0; i < r->nnot_judged; i++)
		cJSON_AddItemToArray(ids, cJSON_CreateString(r->not_judged[i]->id));
	return o;
}

/*
 * put/PUTS: append without strbuf_add's checks (out never points into the
 * data here); the formats write many short pieces per finding.
 */
static inline void put(struct strbuf *out, const char *s, size_t n)
{
	if (out->len + n + 1 > out->alloc)
		strbuf_grow(out, n);
	memcpy(out->buf + out->len, s, n);
	out->len += n;
	out->buf[out->len] = '\0';
}
#define PUTS(out, lit) put((out), (lit), sizeof(lit) - 1)

static void json_escape_char(struct strbuf *out, unsigned char ch)
{
	static const char hex[] = "0123456789abcdef";

	switch (ch) {
	case '"': strbuf_addstr(out, "\\\""); break;
	case '\\': strbuf_addstr(out, "\\\\"); break;
	case '\n': strbuf_addstr(out, "\\n"); break;
	case '\t': strbuf_addstr(out, "\\t"); break;
	case '\r': strbuf_addstr(out, "\\r"); break;
	default:
		strbuf_addstr(out, "\\u00");
		strbuf_addch(out, hex[ch >> 4]);
		strbuf_addch(out, hex[ch & 15]);
		break;
	}
}

/* Append a decimal int without printf (the formats write thousands of lines). */
static void add_int(struct strbuf *out, long v)
{
	char buf[24];
	size_t i = sizeof(buf);
	int neg = v < 0;
	unsigned long u = neg ? 0UL - (unsigned long)v : (unsigned long)v;

	do {
		buf[--i] = (char)('0' + u % 10);
		u /= 10;
	} while (u);
	if (neg)
		buf[--i] = '-';
	put(out, buf + i, sizeof(buf) - i);
}

/* 1 for the bytes a JSON string must escape: controls, '"' and backslash. */
static const unsigned char json_esc[256] = {
	1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
	0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
	0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 0, 0, 0,
	0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
	0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
	0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
	0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
	0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
};

/* A JSON string: runs of plain characters are copied at once (found with a
   table, four bytes per step). */
static void json_str(struct strbuf *out, const char *s)
{
	const unsigned char *p = (const unsigned char *)s, *run = p;

	{ char ch_ = '"'; put(out, &ch_, 1); };
	for (;;) {
		while (!json_esc[p[0]] && !json_esc[p[1]] && !json_esc[p[2]] && !json_esc[p[3]])
			p += 4;
		while (!json_esc[*p])
			p++;
		put(out, (const char *)run, (size_t)(p - run));
		if (!*p)
			break;
		json_escape_char(out, *p);
		run = ++p;
	}
	{ char ch_ = '"'; put(out, &ch_, 1); };
}

/* Practice ids and rule names are plain ASCII (the catalog checks): no escaping. */
static void json_id(struct strbuf *out, const char *id)
{
	size_t n = strlen(id);

	if (out->len + n + 3 > out->alloc)
		strbuf_grow(out, n + 2);
	out->buf[out->len] = '"';
	memcpy(out->buf + out->len + 1, id, n);
	out->buf[out->len + 1 + n] = '"';
	out->len += n + 2;
	out->buf[out->len] = '\0';
}

static void json_ids(struct strbuf *out, const struct practice *const *ps, size_t n)
{
	{ char ch_ = '['; put(out, &ch_, 1); };
	for (size_t i = 0; i < n; i++) {
		if (i)
			PUTS(out, ", ");
		json_id(out, ps[i]->id);
	}
	{ char ch_ = ']'; put(out, &ch_, 1); };
}

/* The situation object: flat, strings and booleans only. */
static void json_flat(struct strbuf *out, const cJSON *o)
{
	const cJSON *it;
	int first = 1;

	{ char ch_ = '{'; put(out, &ch_, 1); };
	cJSON_ArrayForEach(it, o) {
		if (!first)
			PUTS(out, ", ");
		first = 0;
		json_str(out, it->string ? it->string : "");
		PUTS(out, ": ");
		if (cJSON_IsString(it))
			json_str(out, it->valuestring);
		else if (cJSON_IsBool(it))
			strbuf_addstr(out, cJSON_IsTrue(it) ? "true" : "false");
		else if (cJSON_IsNumber(it))
			add_int(out, (long)it->valuedouble);
		else
			PUTS(out, "null");
	}
	{ char ch_ = '}'; put(out, &ch_, 1); };
}

void lint_format_json(const struct lint_result *r, const char *indent, struct strbuf *out)
{
	put(out, indent, strlen(indent));
	PUTS(out, "{\n");
	put(out, indent, strlen(indent));
	PUTS(out, "  \"file\": ");
	json_str(out, r->file ? r->file : "Dockerfile");
	PUTS(out, ",\n");
	put(out, indent, strlen(indent));
	PUTS(out, "  \"tier_reached\": ");
	add_int(out, r->tier_reached);
	PUTS(out, ",\n");
	put(out, indent, strlen(indent));
	PUTS(out, "  \"findings\": [");
	for (size_t i = 0; i < r->nr; i++) {
		const struct lint_finding *fd = &r->items[i];
		const struct practice *p = fd->practice;
		strbuf_addstr(out, i ? ",\n" : "\n");
		put(out, indent, strlen(indent));
		PUTS(out, "    {\"practice\": ");
		json_id(out, p->id);
		PUTS(out, ", \"tier\": ");
		add_int(out, p->tier);
		PUTS(out, ", \"line\": ");
		add_int(out, fd->line);
		PUTS(out, ", \"column\": ");
		add_int(out, fd->col);
		PUTS(out, ", \"severity\": \"");
		put(out, lint_severity_name(fd->severity), strlen(lint_severity_name(fd->severity)));
		PUTS(out, "\", \"message\": ");
		json_str(out, fd->message);
		PUTS(out, ", \"equivalents\": [");
		for (size_t k = 0; k < p->nequivalents; k++) {
			if (k)
				PUTS(out, ", ");
			json_str(out, p->equivalents[k]);
		}
		PUTS(out, "]}");
	}
	if (r->nr) {
		{ char ch_ = '\n'; put(out, &ch_, 1); };
		put(out, indent, strlen(indent));
		PUTS(out, "  ");
	}
	PUTS(out, "],\n");
	put(out, indent, strlen(indent));
	PUTS(out, "  \"suppressed\": ");
	add_int(out, (long)r->nsuppressed);
	PUTS(out, ",\n");
	put(out, indent, strlen(indent));
	PUTS(out, "  \"skipped\": ");
	json_ids(out, r->skipped, r->nskipped);
	PUTS(out, ",\n");
	put(out, indent, strlen(indent));
	PUTS(out, "  \"situation\": ");
	if (r->situation)
		json_flat(out, r->situation);
	else
		PUTS(out, "{}");
	PUTS(out, ",\n");
	put(out, indent, strlen(indent));
	PUTS(out, "  \"not_judged\": ");
	json_ids(out, r->not_judged, r->nnot_judged);
	{ char ch_ = '\n'; put(out, &ch_, 1); };
	put(out, indent, strlen(indent));
	{ char ch_ = '}'; put(out, &ch_, 1); };
}

#define C_RESET "\033[0m"
#define C_BOLD "\033[1m"
#define C_DIM "\033[2m"
#define C_RED "\033[31m"
#define C_YELLOW "\033[33m"
#define C_CYAN "\033[36m"
#define C_GREEN "\033[32m"

static const char *sev_color(enum lint_severity s)
{
	return s == LINT_ERROR ? C_RED : s == LINT_WARNING ? C_YELLOW : C_CYAN;
}

/* The first sentence of a text. */
static void first_sentence(const char *s, struct strbuf *out)
{
	const char *p = s;

	while (*p) {
		if (*p == '.' && (p[1] == ' ' || p[1] == '\0')) {
			p++;
			break;
		}
		p++;
	}
	strbuf_add(out, s, (size_t)(p - s));
}

void lint_format_tty(const struct lint_result *r, int color, struct strbuf *out)
{
	int tier = -1;
	size_t files = 0, proc = 0;

	strbuf_addf(out, "%s%s%s: ", color ? C_BOLD : "", r->file, color ? C_RESET : "");
	if (r->tier_reached < 0)
		strbuf_addstr(out, "tier reached: none (tier 0 is incomplete)\n");
	else
		strbuf_addf(out, "tier reached: %d (%s)\n", r->tier_reached,
			    catalog_tier_names[r->tier_reached]);
	for (size_t i = 0; i < r->nr; i++) {
		const struct lint_finding *fd = &r->items[i];
		const struct practice *p = fd->practice;
		if (p->tier != tier) {
			tier = p->tier;
			strbuf_addf(out, "\n%stier %d (%s)%s\n", color ? C_BOLD : "", tier,
				    catalog_tier_names[tier], color ? C_RESET : "");
		}
		strbuf_addf(out, "  line %d: %s%s%s %s [%s]\n", fd->line,
			    color ? sev_color(fd->severity) : "", lint_severity_name(fd->severity),
			    color ? C_RESET : "", fd->message, p->id);
		strbuf_addf(out, "    %swhy:%s ", color ? C_DIM : "", color ? C_RESET : "");
		first_sentence(p->why ? p->why : "", out);
		strbuf_addf(out, "\n    %sfix:%s %s\n", color ? C_DIM : "", color ? C_RESET : "",
			    p->fix ? p->fix : "");
	}
	if (!r->nr)
		strbuf_addf(out, "%sno findings%s\n", color ? C_GREEN : "", color ? C_RESET : "");
	if (r->nskipped) {
		strbuf_addstr(out, "\nskipped on purpose:");
		for (size_t i = 0; i < r->nskipped; i++)
			strbuf_addf(out, " %s", r->skipped[i]->id);
		strbuf_addch(out, '\n');
	}
	for (size_t i = 0; i < r->nnot_judged; i++) {
		if (r->not_judged[i]->process)
			proc++;
		else
			files++;
	}
	strbuf_addf(out,
		    "\nnot judged: %zu practice%s of other files (.dockerignore, CI, update bot) "
		    "and %zu process practice%s are outside what a Dockerfile shows; "
		    "'shipshape plan' covers them.\n",
		    files, files == 1 ? "" : "s", proc, proc == 1 ? "" : "s");
}

/* The severities GNU tools (compilers, Emacs' compilation mode) know: info is a note. */
static const char *gnu_severity(enum lint_severity s)
{
	return s == LINT_ERROR ? "error" : s == LINT_WARNING ? "warning" : "note";
}

void lint_format_gnu(const struct lint_result *r, struct strbuf *out)
{
	for (size_t i = 0; i < r->nr; i++) {
		const struct lint_finding *fd = &r->items[i];
		put(out, r->file, strlen(r->file));
		{ char ch_ = ':'; put(out, &ch_, 1); };
		add_int(out, fd->line);
		{ char ch_ = ':'; put(out, &ch_, 1); };
		add_int(out, fd->col);
		PUTS(out, ": ");
		put(out, gnu_severity(fd->severity), strlen(gnu_severity(fd->severity)));
		PUTS(out, ": ");
		put(out, fd->message, strlen(fd->message));
		PUTS(out, " [");
		put(out, fd->practice->id, strlen(fd->practice->id));
		PUTS(out, "]\n");
	}
}

const char *lint_help_uri(const struct practice *p)
{
	for (size_t i = 0; i < p->nreferences; i++)
		if (!strncmp(p->references[i], "https://", 8) || !strncmp(p->references[i], "http://", 7))
			return p->references[i];
	return NULL;
}

static const char *sarif_level(enum lint_severity s)
{
	return s == LINT_ERROR ? "error" : s == LINT_WARNING ? "warning" : "note";
}

void lint_format_sarif(const struct catalog *c, const struct lint_result *rs, size_t n,
		       struct strbuf *out)
{
	cJSON *log = cJSON_CreateObject(), *runs, *run, *driver, *rules, *results;
	const struct practice **used = NULL;
	size_t nused = 0;
	char *text;

	(void)c;
	cJSON_AddStringToObject(log, "$schema",
				"https://json.schemastore.org/sarif-2.1.0.json");
	cJSON_AddStringToObject(log, "version", "2.1.0");
	runs = cJSON_AddArrayToObject(log, "runs");
	run = cJSON_CreateObject();
	cJSON_AddItemToArray(runs, run);
	driver = cJSON_AddObjectToObject(cJSON_AddObjectToObject(run, "tool"), "driver");
	cJSON_AddStringToObject(driver, "name", "shipshape");
	rules = cJSON_AddArrayToObject(driver, "rules");
	results = cJSON_AddArrayToObject(run, "results");
	for (size_t k = 0; k < n; k++) {
		for (size_t i = 0; i < rs[k].nr; i++) {
			const struct lint_finding *fd = &rs[k].items[i];
			size_t idx = 0;
			cJSON *res, *loc, *phys, *region;
			while (idx < nused && used[idx] != fd->practice)
				idx++;
			if (idx == nused) {
				const struct practice *p = fd->practice;
				cJSON *rule = cJSON_CreateObject(), *props;
				used = xreallocarray(used, nused + 1, sizeof(*used));
				used[nused++] = p;
				cJSON_AddStringToObject(rule, "id", p->id);
				cJSON_AddStringToObject(cJSON_AddObjectToObject(rule, "shortDescription"),
							"text", p->title ? p->title : p->id);
				cJSON_AddStringToObject(cJSON_AddObjectToObject(rule, "fullDescription"),
							"text", p->why ? p->why : "");
				cJSON_AddStringToObject(cJSON_AddObjectToObject(rule, "help"), "text",
							p->fix ? p->fix : "");
				if (lint_help_uri(p))
					cJSON_AddStringToObject(rule, "helpUri", lint_help_uri(p));
				cJSON_AddStringToObject(
					cJSON_AddObjectToObject(rule, "defaultConfiguration"), "level",
					sarif_level(fd->severity));
				props = cJSON_AddObjectToObject(rule, "properties");
				cJSON_AddNumberToObject(props, "tier", p->tier);
				cJSON_AddItemToObject(props, "equivalents",
						      str_array((const char *const *)p->equivalents,
								p->nequivalents));
				cJSON_AddItemToArray(rules, rule);
			}
			res = cJSON_CreateObject();
			cJSON_AddStringToObject(res, "ruleId", fd->practice->id);
			cJSON_AddNumberToObject(res, "ruleIndex", (double)idx);
			cJSON_AddStringToObject(res, "level", sarif_level(fd->severity));
			cJSON_AddStringToObject(cJSON_AddObjectToObject(res, "message"), "text",
						fd->message);
			loc = cJSON_CreateObject();
			phys = cJSON_AddObjectToObject(loc, "physicalLocation");
			cJSON_AddStringToObject(cJSON_AddObjectToObject(phys, "artifactLocation"), "uri",
						rs[k].file);
			region = cJSON_AddObjectToObject(phys, "region");
			cJSON_AddNumberToObject(region, "startLine", fd->line);
			cJSON_AddNumberToObject(region, "startColumn", fd->col);
			cJSON_AddItemToArray(cJSON_AddArrayToObject(res, "locations"), loc);
			cJSON_AddItemToArray(results, res);
		}
	}
	text = cJSON_Print(log);
	strbuf_addstr(out, text);
	strbuf_addch(out, '\n');
	cJSON_free(text);
	cJSON_Delete(log);
	free(used);
}
