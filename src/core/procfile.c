/* procfile: Procfile lines and shell-word splitting. */
#include "shipshape/procfile.h"

#include <stdlib.h>
#include <string.h>

#include "shipshape/strbuf.h"
#include "shipshape/xalloc.h"

void procfile_init(struct procfile *p)
{
	memset(p, 0, sizeof(*p));
}

void procfile_release(struct procfile *p)
{
	if (!p)
		return;
	for (size_t i = 0; i < p->nr; i++) {
		free(p->items[i].name);
		free(p->items[i].command);
	}
	free(p->items);
	procfile_init(p);
}

static int is_blank(char c)
{
	return c == ' ' || c == '\t' || c == '\r' || c == '\f' || c == '\v';
}

static int is_name_char(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
	       c == '_' || c == '-';
}

int procfile_parse(struct procfile *p, const char *src, size_t len, const char *filename,
		   struct ss_error *err)
{
	const char *file = filename ? filename : "Procfile";
	size_t pos = 0;
	int ret = 0, lineno = 0;

	/* a UTF-8 byte order mark (Windows editors) is not content */
	if (len >= 3 && !memcmp(src, "\xEF\xBB\xBF", 3)) {
		src += 3;
		len -= 3;
	}
	while (pos < len) {
		const char *line = src + pos;
		const char *nl = memchr(line, '\n', len - pos);
		size_t llen = nl ? (size_t)(nl - line) : len - pos, i = 0, nend, cstart;

		pos += llen + (nl ? 1 : 0);
		lineno++;
		while (llen && is_blank(line[llen - 1]))
			llen--;
		while (i < llen && is_blank(line[i]))
			i++;
		if (i >= llen || line[i] == '#')
			continue;
		if (memchr(line, '\0', llen)) {
			if (!ret)
				ret = ss_error_set(err, SS_ERR_INPUT, file, lineno, 0,
						   "binary data in '%s'", file);
			continue;
		}
		nend = i;
		while (nend < llen && is_name_char(line[nend]))
			nend++;
		if (nend == i || nend >= llen || line[nend] != ':') {
			if (!ret)
				ret = ss_error_set(err, SS_ERR_INPUT, file, lineno, (int)nend + 1,
						   "expected 'NAME: COMMAND' in '%s', got '%.*s'",
						   file, (int)(llen - i > 60 ? 60 : llen - i), line + i);
			continue;
		}
		cstart = nend + 1;
		while (cstart < llen && is_blank(line[cstart]))
			cstart++;
		if (cstart >= llen) {
			if (!ret)
				ret = ss_error_set(err, SS_ERR_INPUT, file, lineno, (int)cstart + 1,
						   "empty command for '%.*s' in '%s'",
						   (int)(nend - i), line + i, file);
			continue;
		}
		{
			char *name = xstrndup(line + i, nend - i);
			if (procfile_find(p, name)) {
				if (!ret)
					ret = ss_error_set(err, SS_ERR_INPUT, file, lineno, (int)i + 1,
							   "duplicate process type '%s' in '%s'",
							   name, file);
				free(name);
				continue;
			}
			ALLOC_GROW(p->items, p->nr + 1, p->alloc);
			p->items[p->nr].name = name;
			p->items[p->nr].command = xstrndup(line + cstart, llen - cstart);
			p->items[p->nr].line = lineno;
			p->nr++;
		}
	}
	return ret;
}

const struct procfile_entry *procfile_find(const struct procfile *p, const char *name)
{
	for (size_t i = 0; i < p->nr; i++)
		if (!strcmp(p->items[i].name, name))
			return &p->items[i];
	return NULL;
}

void procfile_argv_free(char **argv)
{
	if (!argv)
		return;
	for (size_t i = 0; argv[i]; i++)
		free(argv[i]);
	free(argv);
}

int procfile_split(const char *cmd, char ***argv, size_t *argc, struct ss_error *err)
{
	struct strbuf word = STRBUF_INIT;
	char **out = NULL;
	size_t n = 0, alloc = 0;
	const char *s = cmd;
	int ret = 0, in_word = 0;

	while (*s) {
		char c = *s;
		if (is_blank(c) || c == '\n') {
			if (in_word) {
				ALLOC_GROW(out, n + 2, alloc);
				out[n++] = strbuf_detach(&word, NULL);
				in_word = 0;
			}
			s++;
			continue;
		}
		in_word = 1;
		if (c == '\'') {
			const char *e = strchr(s + 1, '\'');
			if (!e) {
				ret = ss_error_set(err, SS_ERR_INPUT, NULL, 0, 0,
						   "unterminated quote in '%s'", cmd);
				goto out;
			}
			strbuf_add(&word, s + 1, (size_t)(e - s - 1));
			s = e + 1;
		} else if (c == '"') {
			s++;
			while (*s && *s != '"') {
				if (*s == '\\' && s[1] && strchr("\"\\$`", s[1]))
					s++;
				strbuf_addch(&word, *s++);
			}
			if (!*s) {
				ret = ss_error_set(err, SS_ERR_INPUT, NULL, 0, 0,
						   "unterminated quote in '%s'", cmd);
				goto out;
			}
			s++;
		} else if (c == '\\') {
			if (s[1])
				s++;
			strbuf_addch(&word, *s++);
		} else {
			strbuf_addch(&word, c);
			s++;
		}
	}
	if (in_word) {
		ALLOC_GROW(out, n + 2, alloc);
		out[n++] = strbuf_detach(&word, NULL);
	}
	ALLOC_GROW(out, n + 1, alloc);
	out[n] = NULL;
out:
	strbuf_release(&word);
	if (ret) {
		if (out) {
			out[n] = NULL;
			procfile_argv_free(out);
		}
		out = NULL;
		n = 0;
	}
	*argv = out;
	if (argc)
		*argc = n;
	return ret;
}
