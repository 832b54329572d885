/* ini: configparser-style files. Headers are remembered as empty entries
   with a NULL key so that ini_has_section sees empty sections. */
#include "shipshape/ini.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "shipshape/strbuf.h"
#include "shipshape/xalloc.h"

void ini_init(struct ini *ini)
{
	memset(ini, 0, sizeof(*ini));
}

void ini_release(struct ini *ini)
{
	if (!ini)
		return;
	for (size_t i = 0; i < ini->nr; i++) {
		free(ini->items[i].section);
		free(ini->items[i].key);
		free(ini->items[i].value);
	}
	free(ini->items);
	ini_init(ini);
}

static int is_blank(char c)
{
	return c == ' ' || c == '\t' || c == '\r' || c == '\f' || c == '\v';
}

static struct ini_entry *add_entry(struct ini *ini, const char *section, int line)
{
	struct ini_entry *e;

	ALLOC_GROW(ini->items, ini->nr + 1, ini->alloc);
	e = &ini->items[ini->nr++];
	memset(e, 0, sizeof(*e));
	e->section = xstrdup(section);
	e->value = NULL;
	e->line = line;
	return e;
}

int ini_parse(struct ini *ini, const char *src, size_t len, const char *filename,
	      struct ss_error *err)
{
	struct strbuf section = STRBUF_INIT, value = STRBUF_INIT;
	const char *file = filename ? filename : "<ini>";
	struct ini_entry *cur = NULL; /* entry whose value may continue */
	size_t pos = 0, cur_indent = 0;
	int ret = 0, lineno = 0;

	/* a UTF-8 byte order mark (Windows editors) is not content */
	if (len >= 3 && !memcmp(src, "\xEF\xBB\xBF", 3)) {
		src += 3;
		len -= 3;
	}
	if (len && memchr(src, '\0', len)) {
		ret = ss_error_set(err, SS_ERR_INPUT, file, 0, 0, "binary data in '%s'", file);
		goto out;
	}
	while (pos < len) {
		const char *line = src + pos;
		const char *nl = memchr(line, '\n', len - pos);
		size_t llen = nl ? (size_t)(nl - line) : len - pos, ind = 0, end;

		pos += llen + (nl ? 1 : 0);
		lineno++;
		while (llen && is_blank(line[llen - 1]))
			llen--;
		while (ind < llen && is_blank(line[ind]))
			ind++;
		if (ind >= llen)
			continue;
		if (line[ind] == '#' || line[ind] == ';')
			continue;
		if (cur && ind > cur_indent) {
			strbuf_rtrim(&value);
			if (!value.len)
				cur->value_line = lineno;
			strbuf_addch(&value, '\n');
			strbuf_add(&value, line + ind, llen - ind);
			continue;
		}
		if (cur) {
			strbuf_trim(&value);
			free(cur->value);
			cur->value = xstrdup(value.buf);
			cur = NULL;
		}
		if (line[ind] == '[') {
			const char *close = memchr(line + ind, ']', llen - ind);
			if (!close) {
				if (!ret)
					ret = ss_error_set(err, SS_ERR_INPUT, file, lineno, (int)ind + 1,
							   "unterminated section header in '%s'", file);
				continue;
			}
			strbuf_reset(&section);
			strbuf_add(&section, line + ind + 1, (size_t)(close - line - ind - 1));
			strbuf_trim(&section);
			add_entry(ini, section.buf, lineno);
			continue;
		}
		for (end = ind; end < llen && line[end] != '=' && line[end] != ':'; end++)
			;
		if (end >= llen || end == ind) {
			if (!ret)
				ret = ss_error_set(err, SS_ERR_INPUT, file, lineno, (int)ind + 1,
						   "expected 'key = value' in '%s', got '%.*s'", file,
						   (int)(llen - ind > 60 ? 60 : llen - ind), line + ind);
			continue;
		}
		cur = add_entry(ini, section.buf, lineno);
		{
			size_t kend = end, vstart = end + 1;
			while (kend > ind && is_blank(line[kend - 1]))
				kend--;
			cur->key = xstrndup(line + ind, kend - ind);
			for (char *c = cur->key; *c; c++)
				if (*c >= 'A' && *c <= 'Z')
					*c = (char)(*c - 'A' + 'a');
			while (vstart < llen && is_blank(line[vstart]))
				vstart++;
			strbuf_reset(&value);
			strbuf_add(&value, line + vstart, llen - vstart);
			cur->value_line = lineno;
			cur_indent = ind;
		}
	}
	if (cur) {
		strbuf_trim(&value);
		free(cur->value);
		cur->value = xstrdup(value.buf);
	}
out:
	strbuf_release(&section);
	strbuf_release(&value);
	return ret;
}

const struct ini_entry *ini_get(const struct ini *ini, const char *section, const char *key)
{
	const struct ini_entry *found = NULL;

	for (size_t i = 0; i < ini->nr; i++) {
		const struct ini_entry *e = &ini->items[i];
		if (e->key && !strcmp(e->section, section) && !strcasecmp(e->key, key))
			found = e;
	}
	return found;
}

int ini_has_section(const struct ini *ini, const char *section)
{
	for (size_t i = 0; i < ini->nr; i++)
		if (!strcmp(ini->items[i].section, section))
			return 1;
	return 0;
}
