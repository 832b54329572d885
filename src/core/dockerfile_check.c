/*
 * dockerfile_check: the strict layer over BuildKit's syntax. Knows every
 * instruction, the flags each accepts (and their types) and the shape of
 * its arguments, as BuildKit's instruction parser does when it builds.
 */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "dockerfile_int.h"

enum ftype { F_STR, F_BOOL, F_MULTI, F_DURATION, F_INT };

static const struct {
	enum df_kind kind;
	const char *name;
	enum ftype type;
} specs[] = {
	{DF_ADD, "chown", F_STR},
	{DF_ADD, "chmod", F_STR},
	{DF_ADD, "link", F_BOOL},
	{DF_ADD, "keep-git-dir", F_BOOL},
	{DF_ADD, "checksum", F_STR},
	{DF_ADD, "exclude", F_MULTI},
	{DF_ADD, "unpack", F_BOOL},
	{DF_COPY, "from", F_STR},
	{DF_COPY, "chown", F_STR},
	{DF_COPY, "chmod", F_STR},
	{DF_COPY, "link", F_BOOL},
	{DF_COPY, "parents", F_BOOL},
	{DF_COPY, "exclude", F_MULTI},
	{DF_RUN, "mount", F_MULTI},
	{DF_RUN, "network", F_STR},
	{DF_RUN, "security", F_STR},
	{DF_RUN, "device", F_MULTI},
	{DF_FROM, "platform", F_STR},
	{DF_HEALTHCHECK, "interval", F_DURATION},
	{DF_HEALTHCHECK, "timeout", F_DURATION},
	{DF_HEALTHCHECK, "start-period", F_DURATION},
	{DF_HEALTHCHECK, "start-interval", F_DURATION},
	{DF_HEALTHCHECK, "retries", F_INT},
};

#define NSPECS (sizeof(specs) / sizeof(specs[0]))

static const char *const instr_names[] = {
	"ADD", "ARG", "CMD", "COPY", "ENTRYPOINT", "ENV", "EXPOSE", "FROM", "HEALTHCHECK",
	"LABEL", "MAINTAINER", "ONBUILD", "RUN", "SHELL", "STOPSIGNAL", "USER", "VOLUME",
	"WORKDIR",
};

static size_t distance(const char *a, const char *b)
{
	size_t la = strlen(a), lb = strlen(b), prev[32], cur[32], ret = 99;

	if (la >= 31 || lb >= 31)
		goto out;
	for (size_t j = 0; j <= lb; j++)
		prev[j] = j;
	for (size_t i = 1; i <= la; i++) {
		cur[0] = i;
		for (size_t j = 1; j <= lb; j++) {
			size_t ca = (unsigned char)a[i - 1], cb = (unsigned char)b[j - 1];
			size_t sub = prev[j - 1] + ((ca | 0x20) != (cb | 0x20));
			size_t del = prev[j] + 1, ins = cur[j - 1] + 1;
			cur[j] = sub < del ? (sub < ins ? sub : ins) : (del < ins ? del : ins);
		}
		memcpy(prev, cur, (lb + 1) * sizeof(size_t));
	}
	ret = prev[lb];
out:
	return ret;
}

/* The closest of cands to word within a small distance, or NULL. */
static const char *suggest(const char *word, const char *const *cands, size_t n)
{
	const char *best = NULL;
	size_t bestd = 99, len = strlen(word), limit = len <= 3 ? 1 : 2;

	for (size_t i = 0; i < n; i++) {
		size_t d = distance(word, cands[i]);
		if (d < bestd) {
			bestd = d;
			best = cands[i];
		}
	}
	return bestd <= limit && bestd < len ? best : NULL;
}

static int fail(const struct df_file *f, int line, struct ss_error *err, const char *fmt, ...)
	__attribute__((format(printf, 4, 5)));

static int fail(const struct df_file *f, int line, struct ss_error *err, const char *fmt, ...)
{
	va_list ap;
	int ret;

	va_start(ap, fmt);
	ret = ss_error_vset(err, SS_ERR_INPUT, f->filename, line, 0, fmt, ap);
	va_end(ap);
	return ret;
}

static int valid_duration(const char *s)
{
	int ret = 0;

	if (!strcmp(s, "0")) {
		ret = 1;
		goto out;
	}
	while (*s) {
		int digits = 0;
		while (*s >= '0' && *s <= '9') {
			s++;
			digits++;
		}
		if (*s == '.') {
			s++;
			while (*s >= '0' && *s <= '9') {
				s++;
				digits++;
			}
		}
		if (!digits)
			goto out;
		if (!strncmp(s, "ns", 2) || !strncmp(s, "us", 2) || !strncmp(s, "ms", 2))
			s += 2;
		else if (!strncmp(s, "\xC2\xB5s", 3))
			s += 3;
		else if (*s == 's' || *s == 'm' || *s == 'h')
			s++;
		else
			goto out;
	}
	ret = 1;
out:
	return ret;
}

static int check_mount(const struct df_file *f, const struct df_instr *in, const char *v,
		       struct ss_error *err)
{
	static const char *const types[] = {"bind", "cache", "tmpfs", "secret", "ssh"};
	const char *p = v;
	int ret = 0;

	while (*p) {
		size_t l = strcspn(p, ",");
		if (l > 5 && !strncasecmp(p, "type=", 5)) {
			int ok = 0;
			for (size_t i = 0; i < 5; i++)
				if (l - 5 == strlen(types[i]) && !strncmp(p + 5, types[i], l - 5))
					ok = 1;
			if (!ok) {
				ret = ss_error_set(err, SS_ERR_INPUT, f->filename, in->start_line, 0,
						   "unknown mount type '%.*s' (use bind, cache, "
						   "tmpfs, secret or ssh)", (int)(l - 5), p + 5);
				break;
			}
		}
		p += l;
		if (*p == ',')
			p++;
	}
	return ret;
}

static int check_flags(const struct df_file *f, const struct df_instr *in, struct ss_error *err)
{
	const char *cands[NSPECS];
	size_t ncands = 0;
	int ret = 0;

	for (size_t k = 0; k < NSPECS; k++)
		if (specs[k].kind == in->kind)
			cands[ncands++] = specs[k].name;
	for (size_t i = 0; i < in->nflags && !ret; i++) {
		const struct df_flag *fl = &in->flags[i];
		const char *kname = df_kind_name(in->kind);
		int type = -1;

		for (size_t k = 0; k < NSPECS; k++)
			if (specs[k].kind == in->kind && !strcmp(specs[k].name, fl->name))
				type = (int)specs[k].type;
		if (type < 0) {
			const char *s = suggest(fl->name, cands, ncands);
			if (s)
				ret = ss_error_set(err, SS_ERR_INPUT, f->filename, in->start_line, 0,
						   "unknown flag '--%s' for %s; did you mean '--%s'?",
						   fl->name, kname, s);
			else
				ret = fail(f, in->start_line, err, "unknown flag '--%s' for %s",
					   fl->name, kname);
			break;
		}
		if (type != F_MULTI)
			for (size_t j = 0; j < i; j++)
				if (!strcmp(in->flags[j].name, fl->name))
					ret = fail(f, in->start_line, err,
						   "flag '--%s' given twice", fl->name);
		if (ret)
			break;
		if (type == F_BOOL) {
			if (fl->value && strcasecmp(fl->value, "true") && strcasecmp(fl->value, "false"))
				ret = fail(f, in->start_line, err,
					   "flag '--%s' expects true or false, not '%s'", fl->name,
					   fl->value);
			continue;
		}
		if (!fl->value || !fl->value[0]) {
			ret = fail(f, in->start_line, err, "flag '--%s' needs a value", fl->name);
		} else if (type == F_DURATION && !valid_duration(fl->value)) {
			ret = fail(f, in->start_line, err,
				   "flag '--%s' needs a duration like 30s or 1m30s, not '%s'",
				   fl->name, fl->value);
		} else if (type == F_INT && fl->value[strspn(fl->value, "0123456789")]) {
			ret = fail(f, in->start_line, err, "flag '--%s' needs a number, not '%s'",
				   fl->name, fl->value);
		} else if (in->kind == DF_RUN && !strcmp(fl->name, "network") &&
			   strcmp(fl->value, "default") && strcmp(fl->value, "none") &&
			   strcmp(fl->value, "host")) {
			ret = fail(f, in->start_line, err,
				   "unknown network mode '%s' in '--%s' (use default, none or host)",
				   fl->value, fl->name);
		} else if (in->kind == DF_RUN && !strcmp(fl->name, "security") &&
			   strcmp(fl->value, "sandbox") && strcmp(fl->value, "insecure")) {
			ret = fail(f, in->start_line, err,
				   "unknown security mode '%s' in '--%s' (use sandbox or insecure)",
				   fl->value, fl->name);
		} else if (in->kind == DF_RUN && !strcmp(fl->name, "mount")) {
			ret = check_mount(f, in, fl->value, err);
		}
	}
	return ret;
}

static int valid_stage_name(const char *s)
{
	int ret = 0;

	if (!(*s >= 'a' && *s <= 'z') && !(*s >= 'A' && *s <= 'Z'))
		goto out;
	for (s++; *s; s++)
		if (!((*s >= 'a' && *s <= 'z') || (*s >= 'A' && *s <= 'Z') ||
		      (*s >= '0' && *s <= '9') || *s == '-' || *s == '_' || *s == '.'))
			goto out;
	ret = 1;
out:
	return ret;
}

static int check_args(const struct df_file *f, const struct df_instr *in, int trigger,
		      struct ss_error *err)
{
	const char *k = df_kind_name(in->kind);
	int line = in->start_line, ret = 0;

	switch (in->kind) {
	case DF_FROM:
		if (trigger)
			ret = fail(f, line, err, "%s isn't allowed as an ONBUILD trigger", k);
		else if (in->nargs != 1 && in->nargs != 3)
			ret = fail(f, line, err, "%s takes an image and optionally 'AS name'", k);
		else if (in->nargs == 3 && strcasecmp(in->args[1], "as"))
			ret = fail(f, line, err, "expected 'AS' after the image in %s, got '%s'", k,
				   in->args[1]);
		else if (in->nargs == 3 && !valid_stage_name(in->args[2]))
			ret = fail(f, line, err, "invalid stage name '%s' (letters, digits, '-', '_' and '.', "
				   "starting with a letter)", in->args[2]);
		break;
	case DF_ADD:
	case DF_COPY:
		if (in->nargs < 2)
			ret = fail(f, line, err, "%s needs a source and a destination", k);
		break;
	case DF_ONBUILD:
		if (trigger)
			ret = fail(f, line, err, "chaining ONBUILD via 'ONBUILD ONBUILD' isn't allowed");
		else if (!in->sub)
			ret = fail(f, line, err, "%s requires at least one argument", k);
		break;
	case DF_MAINTAINER:
		if (trigger)
			ret = fail(f, line, err, "%s isn't allowed as an ONBUILD trigger", k);
		else if (!in->nargs)
			ret = fail(f, line, err, "%s requires at least one argument", k);
		break;
	case DF_ARG:
	case DF_ENV:
	case DF_LABEL:
		if (!in->nkvs)
			ret = fail(f, line, err, "%s requires at least one argument", k);
		for (size_t i = 0; i < in->nkvs && !ret; i++)
			if (!in->kvs[i].key[0])
				ret = fail(f, line, err, "%s names can not be blank", k);
		break;
	case DF_EXPOSE:
	case DF_RUN:
	case DF_STOPSIGNAL:
	case DF_USER:
	case DF_VOLUME:
	case DF_WORKDIR:
		if (!in->nargs)
			ret = fail(f, line, err, "%s requires at least one argument", k);
		break;
	case DF_SHELL:
		if (in->form != DF_FORM_EXEC)
			ret = fail(f, line, err, "%s requires the arguments in JSON form, like %s",
				   k, "[\"/bin/sh\", \"-c\"]");
		else if (!in->nargs)
			ret = fail(f, line, err, "%s requires at least one argument", k);
		break;
	case DF_HEALTHCHECK:
		if (!in->nargs)
			ret = fail(f, line, err, "%s requires CMD or NONE", k);
		else if (!strcasecmp(in->args[0], "none") && (in->nargs > 1 || in->nflags))
			ret = fail(f, line, err, "%s NONE takes no arguments or flags", k);
		else if (!strcasecmp(in->args[0], "cmd") && in->nargs < 2)
			ret = fail(f, line, err, "%s CMD needs a command", k);
		else if (strcasecmp(in->args[0], "cmd") && strcasecmp(in->args[0], "none"))
			ret = fail(f, line, err, "unknown %s type '%s' (use CMD or NONE)", k,
				   in->args[0]);
		break;
	case DF_CMD:
	case DF_ENTRYPOINT:
	case DF_UNKNOWN:
	default:
		break;
	}
	return ret;
}

static int check_instr(const struct df_file *f, const struct df_instr *in, struct ss_error *err)
{
	int ret = 0, trigger = 0;

	for (; in && !ret; in = in->sub, trigger = 1) {
		if (in->kind == DF_UNKNOWN) {
			const char *s = suggest(in->name, instr_names,
						sizeof(instr_names) / sizeof(instr_names[0]));
			if (s)
				ret = fail(f, in->start_line, err,
					   "unknown instruction '%s'; did you mean '%s'?", in->name, s);
			else
				ret = fail(f, in->start_line, err, "unknown instruction '%s'",
					   in->name);
			break;
		}
		ret = check_flags(f, in, err);
		if (!ret)
			ret = check_args(f, in, trigger, err);
		if (!ret && in->json_trailing)
			ret = fail(f, in->start_line, err,
				   "text after the JSON array of %s is ignored by Docker",
				   df_kind_name(in->kind));
	}
	return ret;
}

int df_check(const struct df_file *f, struct ss_error *err)
{
	int ret = 0, seen_from = 0;

	for (size_t i = 0; i < f->ninstrs && !ret; i++) {
		const struct df_instr *in = &f->instrs[i];
		ret = check_instr(f, in, err);
		if (ret)
			break;
		if (in->kind == DF_FROM)
			seen_from = 1;
		else if (!seen_from && in->kind != DF_ARG)
			ret = fail(f, in->start_line, err,
				   "%s before the first FROM (only ARG may come first)",
				   df_kind_name(in->kind));
	}
	if (!ret && !seen_from)
		ret = ss_error_set(err, SS_ERR_INPUT, f->filename, f->ninstrs ? f->instrs[0].start_line : 0,
				   0, "no FROM instruction: nothing to build");
	return ret;
}
