/* The Dockerfile parser: BuildKit's conformance files, then the AST. */
#include <check.h>
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "shipshape/dockerfile.h"
#include "shipshape/fsutil.h"
#include "testutil.h"

/* Parse src (expecting success) into f. */
static void parse_ok(struct df_file *f, const char *src)
{
	struct ss_error err;

	ss_error_init(&err);
	df_file_init(f);
	if (df_parse(f, src, strlen(src), "Dockerfile", 0, &err))
		ck_abort_msg("parse failed: line %d: %s", err.line, err.msg);
}

/* Parse src expecting failure; returns the error (f released). */
static struct ss_error parse_fail(const char *src, size_t len)
{
	struct df_file f;
	struct ss_error err;

	ss_error_init(&err);
	df_file_init(&f);
	ck_assert_int_eq(df_parse(&f, src, len, "Dockerfile", 0, &err), SS_ERR_INPUT);
	df_file_release(&f);
	return err;
}

static void dump_eq(const char *src, const char *expect)
{
	struct df_file f;
	struct strbuf out = STRBUF_INIT;

	parse_ok(&f, src);
	df_dump(&f, &out);
	ck_assert_str_eq(out.buf, expect);
	strbuf_release(&out);
	df_file_release(&f);
}

/* df_check's message for src ("" when it passes). */
static void check_msg(const char *src, int line, const char *expect)
{
	struct df_file f;
	struct ss_error err;

	parse_ok(&f, src);
	ss_error_init(&err);
	if (!expect) {
		if (df_check(&f, &err))
			ck_abort_msg("check failed: line %d: %s", err.line, err.msg);
	} else {
		ck_assert_int_eq(df_check(&f, &err), SS_ERR_INPUT);
		ck_assert_str_eq(err.msg, expect);
		ck_assert_int_eq(err.line, line);
		ck_assert_str_eq(err.file, "Dockerfile");
	}
	df_file_release(&f);
}

static int cmp_names(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* The case directories under dir, sorted. */
static size_t list_cases(const char *dir, char ***out)
{
	DIR *d = opendir(dir);
	struct dirent *e;
	size_t n = 0, alloc = 0;

	ck_assert_msg(d != NULL, "cannot open %s", dir);
	*out = NULL;
	while ((e = readdir(d))) {
		if (e->d_name[0] == '.')
			continue;
		if (n == alloc) {
			alloc = alloc ? alloc * 2 : 16;
			*out = realloc(*out, alloc * sizeof(**out));
		}
		(*out)[n++] = strdup(e->d_name);
	}
	closedir(d);
	qsort(*out, n, sizeof(**out), cmp_names);
	return n;
}

START_TEST(test_conformance)
{
	char base[4096], path[4400];
	char **pos, **neg;
	size_t npos, nneg, okpos = 0, okneg = 0;
	struct strbuf src = STRBUF_INIT, want = STRBUF_INIT, got = STRBUF_INIT;

	snprintf(base, sizeof(base), "%s", tu_shared("conformance/dockerfile-parser"));
	snprintf(path, sizeof(path), "%s/testfiles", base);
	npos = list_cases(path, &pos);
	for (size_t i = 0; i < npos; i++) {
		struct df_file f;
		struct ss_error err;
		ss_error_init(&err);
		df_file_init(&f);
		snprintf(path, sizeof(path), "%s/testfiles/%s/Dockerfile", base, pos[i]);
		tu_slurp(path, &src);
		snprintf(path, sizeof(path), "%s/testfiles/%s/result", base, pos[i]);
		tu_slurp(path, &want);
		strbuf_reset(&got);
		if (df_parse(&f, src.buf, src.len, pos[i], 0, &err) == 0) {
			df_dump(&f, &got);
			if (got.len == want.len && !memcmp(got.buf, want.buf, got.len))
				okpos++;
			else
				fprintf(stderr, "conformance: %s: dump differs\n", pos[i]);
		} else {
			fprintf(stderr, "conformance: %s: %s\n", pos[i], err.msg);
		}
		df_file_release(&f);
		free(pos[i]);
	}
	snprintf(path, sizeof(path), "%s/testfiles-negative", base);
	nneg = list_cases(path, &neg);
	for (size_t i = 0; i < nneg; i++) {
		struct df_file f;
		struct ss_error err;
		ss_error_init(&err);
		df_file_init(&f);
		snprintf(path, sizeof(path), "%s/testfiles-negative/%s/Dockerfile", base, neg[i]);
		tu_slurp(path, &src);
		if (df_parse(&f, src.buf, src.len, neg[i], 0, &err) == SS_ERR_INPUT && err.msg[0])
			okneg++;
		else
			fprintf(stderr, "conformance: %s: accepted\n", neg[i]);
		df_file_release(&f);
		free(neg[i]);
	}
	free(pos);
	free(neg);
	printf("dockerfile-parser conformance: %zu/%zu positive, %zu/%zu negative\n", okpos, npos,
	       okneg, nneg);
	fflush(stdout);
	ck_assert_uint_ge(npos, 30);
	ck_assert_uint_ge(nneg, 4);
	ck_assert_uint_eq(okpos, npos);
	ck_assert_uint_eq(okneg, nneg);
	strbuf_release(&src);
	strbuf_release(&want);
	strbuf_release(&got);
}
END_TEST

START_TEST(test_heredocs)
{
	struct df_file f;
	const struct df_instr *in;
	struct ss_error err;

	parse_ok(&f, "FROM alpine\n"
		     "RUN <<EOF\n"
		     "echo hi\n"
		     "EOF\n"
		     "COPY <<-\"END\" /app/x\n"
		     "\tline\n"
		     "\tEND\n"
		     "RUN 3<<A cat /dev/fd/3 && cat <<'B'\n"
		     "a\n"
		     "A\n"
		     "b\n"
		     "B\n"
		     "RUN [\"cat\", \"<<EOF\"]\n"
		     "RUN echo \"<<NOT\" && echo x<<<y\n");
	ck_assert_uint_eq(f.ninstrs, 6);
	in = &f.instrs[1];
	ck_assert_uint_eq(in->nheredocs, 1);
	ck_assert_str_eq(in->heredocs[0].name, "EOF");
	ck_assert_str_eq(in->heredocs[0].content, "echo hi\n");
	ck_assert_int_eq(in->heredocs[0].expand, 1);
	ck_assert_int_eq(in->heredocs[0].chomp, 0);
	ck_assert_int_eq(in->heredocs[0].start_line, 3);
	ck_assert_int_eq(in->heredocs[0].end_line, 4);
	ck_assert_int_eq(in->start_line, 2);
	ck_assert_int_eq(in->end_line, 4);
	ck_assert_str_eq(in->args[0], "<<EOF");
	in = &f.instrs[2];
	ck_assert_uint_eq(in->nheredocs, 1);
	ck_assert_str_eq(in->heredocs[0].name, "END");
	ck_assert_int_eq(in->heredocs[0].chomp, 1);
	ck_assert_int_eq(in->heredocs[0].expand, 0);
	ck_assert_str_eq(in->heredocs[0].content, "\tline\n");
	ck_assert_int_eq(in->start_line, 5);
	ck_assert_int_eq(in->end_line, 7);
	in = &f.instrs[3];
	ck_assert_uint_eq(in->nheredocs, 2);
	ck_assert_str_eq(in->heredocs[0].name, "A");
	ck_assert_int_eq(in->heredocs[0].fd, 3);
	ck_assert_str_eq(in->heredocs[0].content, "a\n");
	ck_assert_str_eq(in->heredocs[1].name, "B");
	ck_assert_int_eq(in->heredocs[1].expand, 0);
	ck_assert_str_eq(in->heredocs[1].content, "b\n");
	ck_assert_int_eq(in->end_line, 12);
	in = &f.instrs[4];
	ck_assert_int_eq(in->form, DF_FORM_EXEC);
	ck_assert_uint_eq(in->nheredocs, 0);
	ck_assert_uint_eq(f.instrs[5].nheredocs, 0);
	ck_assert_int_eq(f.instrs[5].start_line, 14);
	df_file_release(&f);

	/* not for other instructions; ONBUILD passes them to its trigger */
	parse_ok(&f, "FROM a\nCMD cat <<EOF\nONBUILD RUN <<X\nbody\nX\nLABEL a=<<b\n");
	ck_assert_uint_eq(f.ninstrs, 4);
	ck_assert_uint_eq(f.instrs[1].nheredocs, 0);
	ck_assert_uint_eq(f.instrs[2].nheredocs, 1);
	ck_assert_str_eq(f.instrs[2].heredocs[0].content, "body\n");
	df_file_release(&f);

	err = parse_fail("FROM a\nRUN <<EOF\nnever ends\n", 26);
	ck_assert_int_eq(err.line, 2);
	ck_assert_ptr_nonnull(strstr(err.msg, "unterminated heredoc"));
}
END_TEST

START_TEST(test_escape_directive)
{
	struct df_file f;
	struct ss_error err;

	parse_ok(&f, "# syntax=docker/dockerfile:1\n"
		     "# escape=`\n"
		     "\n"
		     "FROM mcr.microsoft.com/windows/servercore\n"
		     "COPY C:\\src\\app C:\\app\n"
		     "RUN dir `\n"
		     "    C:\\app\n");
	ck_assert_int_eq(f.escape, '`');
	ck_assert_uint_eq(f.ndirectives, 2);
	ck_assert_str_eq(f.directives[0].name, "syntax");
	ck_assert_str_eq(f.directives[0].value, "docker/dockerfile:1");
	ck_assert_str_eq(f.directives[1].name, "escape");
	ck_assert_str_eq(f.directives[1].value, "`");
	ck_assert_int_eq(f.directives[1].line, 2);
	ck_assert_str_eq(f.instrs[1].args[0], "C:\\src\\app");
	ck_assert_str_eq(f.instrs[2].args[0], "dir     C:\\app");
	ck_assert_int_eq(f.instrs[2].end_line, 7);
	/* directives are not comments of the first instruction */
	ck_assert_uint_eq(f.instrs[0].ncomments, 0);
	df_file_release(&f);

	/* a directive after a comment or an instruction is just a comment */
	parse_ok(&f, "# hello\n# escape=`\nFROM a\nRUN x \\\n y\n");
	ck_assert_int_eq(f.escape, '\\');
	ck_assert_uint_eq(f.ndirectives, 0);
	ck_assert_str_eq(f.instrs[1].args[0], "x  y");
	ck_assert_uint_eq(f.instrs[0].ncomments, 2);
	df_file_release(&f);

	/* check= is a directive too; case-insensitive keys */
	parse_ok(&f, "#CHECK = skip=all\nFROM a\n");
	ck_assert_uint_eq(f.ndirectives, 1);
	ck_assert_str_eq(f.directives[0].name, "check");
	ck_assert_str_eq(f.directives[0].value, "skip=all");
	df_file_release(&f);

	err = parse_fail("# escape=x\nFROM a\n", 18);
	ck_assert_int_eq(err.line, 1);
	ck_assert_ptr_nonnull(strstr(err.msg, "invalid escape token"));
	err = parse_fail("# escape=`\n# escape=\\\nFROM a\n", 29);
	ck_assert_int_eq(err.line, 2);
	ck_assert_str_eq(err.msg, "only one escape parser directive can be used");
}
END_TEST

START_TEST(test_exec_and_shell)
{
	struct df_file f;
	struct ss_error err;

	parse_ok(&f, "FROM a\n"
		     "CMD [\"gunicorn\", \"app:app\"]\n"
		     "CMD gunicorn app:app\n"
		     "CMD ['gunicorn']\n"
		     "ENTRYPOINT []\n"
		     "CMD [\"a\"] trailing\n"
		     "SHELL [\"/bin/bash\", \"-o\", \"pipefail\", \"-c\"]\n"
		     "CMD\n"
		     "COPY [\"a b\", \"/c\"]\n"
		     "COPY a b /c/\n");
	ck_assert_int_eq(f.instrs[1].form, DF_FORM_EXEC);
	ck_assert_uint_eq(f.instrs[1].nargs, 2);
	ck_assert_str_eq(f.instrs[1].args[1], "app:app");
	ck_assert_int_eq(f.instrs[2].form, DF_FORM_SHELL);
	ck_assert_uint_eq(f.instrs[2].nargs, 1);
	ck_assert_str_eq(f.instrs[2].args[0], "gunicorn app:app");
	ck_assert_int_eq(f.instrs[3].form, DF_FORM_SHELL);
	ck_assert_int_eq(f.instrs[4].form, DF_FORM_EXEC);
	ck_assert_uint_eq(f.instrs[4].nargs, 0);
	/* BuildKit reads the array with json.Decoder: what follows is dropped */
	ck_assert_int_eq(f.instrs[5].form, DF_FORM_EXEC);
	ck_assert_uint_eq(f.instrs[5].nargs, 1);
	ck_assert_str_eq(f.instrs[5].args[0], "a");
	ck_assert_int_eq(f.instrs[5].json_trailing, 1);
	ck_assert_int_eq(f.instrs[1].json_trailing, 0);
	ck_assert_int_eq(f.instrs[6].form, DF_FORM_EXEC);
	ck_assert_uint_eq(f.instrs[6].nargs, 4);
	ck_assert_int_eq(f.instrs[7].form, DF_FORM_NONE);
	ck_assert_int_eq(f.instrs[8].form, DF_FORM_EXEC);
	ck_assert_str_eq(f.instrs[8].args[0], "a b");
	ck_assert_int_eq(f.instrs[9].form, DF_FORM_SHELL);
	ck_assert_uint_eq(f.instrs[9].nargs, 3);
	df_file_release(&f);

	err = parse_fail("FROM a\nRUN [\"a\", 1]\n", 20);
	ck_assert_int_eq(err.line, 2);
	ck_assert_ptr_nonnull(strstr(err.msg, "strings only"));

	/* JSON escapes, \u0000 inside, Go quoting of the dump */
	dump_eq("CMD [\"\\u00e9\\u00a0\\u200b\", \"a\\u0000b\", \"\\ud83d\\ude00\", \"\\ud800\"]\n",
		"(cmd \"\xc3\xa9\\u00a0\\u200b\" \"a\\x00b\" \"\xf0\x9f\x98\x80\" \"\xef\xbf\xbd\")\n");
	dump_eq("RUN echo \xff\x01\n", "(run \"echo \\xff\\x01\")\n");
	/* unassigned and private-use code points are escaped, emoji are not */
	dump_eq("CMD [\"\\u0378\\ue000\\u2028\\\\U\", \"\\ud83d\\ude00\\u4e2d\"]\n",
		"(cmd \"\\u0378\\ue000\\u2028\\\\U\" \"\xf0\x9f\x98\x80\xe4\xb8\xad\")\n");
	/* nested arrays deeper than encoding/json allows: shell form */
	{
		struct strbuf deep = STRBUF_INIT;
		strbuf_addstr(&deep, "CMD ");
		strbuf_addchars(&deep, '[', 10001);
		strbuf_addchars(&deep, ']', 10001);
		strbuf_addch(&deep, '\n');
		parse_ok(&f, deep.buf);
		ck_assert_int_eq(f.instrs[0].form, DF_FORM_SHELL);
		df_file_release(&f);
		strbuf_release(&deep);
	}
}
END_TEST

START_TEST(test_flags)
{
	struct df_file f;
	const struct df_instr *in;
	const struct df_flag *fl;

	parse_ok(&f, "FROM --platform=$BUILDPLATFORM python:3.12 AS build\n"
		     "RUN --mount=type=cache,target=/root/.cache/pip --network=none pip install x\n"
		     "COPY --from=build --chown=\"app user\" --link src dst\n"
		     "COPY --chmod=755 -- --weird dst\n"
		     "HEALTHCHECK --interval=30s --start-period=5s CMD curl -f http://localhost/\n");
	in = &f.instrs[1];
	ck_assert_uint_eq(in->nflags, 2);
	ck_assert_str_eq(in->flags[0].name, "mount");
	ck_assert_str_eq(in->flags[0].value, "type=cache,target=/root/.cache/pip");
	ck_assert_str_eq(in->flags[0].raw, "--mount=type=cache,target=/root/.cache/pip");
	fl = df_instr_flag(in, "network");
	ck_assert_ptr_nonnull(fl);
	ck_assert_str_eq(fl->value, "none");
	ck_assert_ptr_null(df_instr_flag(in, "security"));
	ck_assert_str_eq(in->args[0], "pip install x");
	in = &f.instrs[2];
	ck_assert_uint_eq(in->nflags, 3);
	ck_assert_str_eq(in->flags[1].value, "app user");
	ck_assert_str_eq(in->flags[2].name, "link");
	ck_assert_ptr_null(in->flags[2].value);
	in = &f.instrs[3];
	ck_assert_uint_eq(in->nflags, 1);
	ck_assert_str_eq(in->args[0], "--weird");
	in = &f.instrs[4];
	ck_assert_uint_eq(in->nflags, 2);
	ck_assert_str_eq(in->args[0], "CMD");
	ck_assert_str_eq(in->args[1], "curl -f http://localhost/");
	ck_assert_int_eq(in->form, DF_FORM_SHELL);
	ck_assert_str_eq(f.stages[0].platform, "$BUILDPLATFORM");
	df_file_release(&f);
	dump_eq("FROM a\nCOPY --chown=\"a b\" --link x y\n",
		"(from \"a\")\n(copy [\"--chown=a b\" \"--link\"] \"x\" \"y\")\n");
}
END_TEST

START_TEST(test_line_ranges_and_comments)
{
	struct df_file f;
	const struct df_instr *in;

	parse_ok(&f, "FROM a\n"                                        /* 1 */
		     "# shipshape skip=security.non-root-user reason=\"x\"\n" /* 2 */
		     "USER root\n"                                     /* 3 */
		     "# a\n"                                           /* 4 */
		     "\n"                                              /* 5 */
		     "  # b\n"                                         /* 6 */
		     "RUN apt-get update \\\n"                         /* 7 */
		     "    # inside\n"                                  /* 8 */
		     "    && apt-get install -y x \\\n"                /* 9 */
		     "\n"                                              /* 10 */
		     "    && rm -rf /var/lib/apt/lists/*\n"            /* 11 */
		     "#\n"                                             /* 12 */
		     "# hadolint ignore=DL3006\n"                      /* 13 */
		     "CMD [\"x\"]\n");                                 /* 14 */
	ck_assert_int_eq(f.nlines, 14);
	in = &f.instrs[1];
	ck_assert_int_eq(in->start_line, 3);
	ck_assert_int_eq(in->end_line, 3);
	ck_assert_uint_eq(in->ncomments, 1);
	ck_assert_str_eq(in->comments[0].text, "shipshape skip=security.non-root-user reason=\"x\"");
	ck_assert_int_eq(in->comments[0].line, 2);
	in = &f.instrs[2];
	ck_assert_int_eq(in->start_line, 7);
	ck_assert_int_eq(in->end_line, 11);
	ck_assert_uint_eq(in->ncomments, 2);
	ck_assert_str_eq(in->comments[0].text, "a");
	ck_assert_str_eq(in->comments[1].text, "b");
	ck_assert_int_eq(in->comments[1].line, 6);
	ck_assert_str_eq(in->args[0],
			 "apt-get update     && apt-get install -y x     && rm -rf /var/lib/apt/lists/*");
	in = &f.instrs[3];
	ck_assert_uint_eq(in->ncomments, 1);
	ck_assert_str_eq(in->comments[0].text, "hadolint ignore=DL3006");
	ck_assert_int_eq(in->comments[0].line, in->start_line - 1);
	/* every comment line of the file, those inside continuations too */
	ck_assert_uint_eq(f.ncomments, 6);
	ck_assert_str_eq(f.comments[3].text, "inside");
	ck_assert_int_eq(f.comments[3].line, 8);
	ck_assert_uint_eq(f.nwarnings, 1);
	ck_assert_int_eq(f.warnings[0].line, 10);
	ck_assert_int_eq(f.stages[0].start_line, 1);
	ck_assert_int_eq(f.stages[0].end_line, 14);
	df_file_release(&f);

	/* CRLF, a BOM, a continuation at the end of the file */
	parse_ok(&f, "\xEF\xBB\xBF" "FROM a\r\nRUN b \\\r\n c\r\nRUN d \\");
	ck_assert_uint_eq(f.ninstrs, 3);
	ck_assert_str_eq(f.instrs[0].args[0], "a");
	ck_assert_str_eq(f.instrs[1].args[0], "b  c");
	ck_assert_int_eq(f.instrs[1].end_line, 3);
	ck_assert_str_eq(f.instrs[2].args[0], "d");
	df_file_release(&f);
}
END_TEST

START_TEST(test_onbuild)
{
	struct df_file f;
	const struct df_instr *in;
	struct strbuf deep = STRBUF_INIT, out = STRBUF_INIT;

	parse_ok(&f, "FROM a\nONBUILD COPY --from=x a b\nonbuild run [\"echo\", \"hi\"]\nONBUILD\n");
	in = &f.instrs[1];
	ck_assert_int_eq(in->kind, DF_ONBUILD);
	ck_assert_uint_eq(in->nargs, 0);
	ck_assert_ptr_nonnull(in->sub);
	ck_assert_int_eq(in->sub->kind, DF_COPY);
	ck_assert_str_eq(in->sub->flags[0].name, "from");
	ck_assert_int_eq(in->sub->start_line, 2);
	ck_assert_int_eq(f.instrs[2].sub->form, DF_FORM_EXEC);
	ck_assert_ptr_null(f.instrs[3].sub);
	df_dump(&f, &out);
	ck_assert_str_eq(out.buf, "(from \"a\")\n(onbuild (copy [\"--from=x\"] \"a\" \"b\"))\n"
				  "(onbuild (run \"echo\" \"hi\"))\n(onbuild)\n");
	df_file_release(&f);

	/* deep nesting needs no recursion */
	for (int i = 0; i < 5000; i++)
		strbuf_addstr(&deep, "ONBUILD ");
	strbuf_addstr(&deep, "RUN x\n");
	parse_ok(&f, deep.buf);
	strbuf_reset(&out);
	df_dump(&f, &out);
	ck_assert(strbuf_starts_with(&out, "(onbuild (onbuild (onbuild "));
	ck_assert_uint_eq(out.len, 1 + 5000 * strlen("onbuild (") + strlen("run \"x\"") + 5000 + 2);
	ck_assert_ptr_nonnull(strstr(out.buf, "onbuild (onbuild (run \"x\"))))"));
	ck_assert(!strncmp(f.instrs[0].sub->sub->original, "ONBUILD ONBUILD ", 16));
	df_file_release(&f);
	strbuf_release(&deep);
	strbuf_release(&out);
}
END_TEST

START_TEST(test_case_insensitive)
{
	struct df_file f;

	parse_ok(&f, "from alpine AS Build\nrUn echo\nCoPy --from=build a b\nhealthCHECK none\n"
		     "Env A=1\n");
	ck_assert_int_eq(f.instrs[0].kind, DF_FROM);
	ck_assert_int_eq(f.instrs[1].kind, DF_RUN);
	ck_assert_str_eq(f.instrs[1].name, "rUn");
	ck_assert_int_eq(f.instrs[2].kind, DF_COPY);
	ck_assert_int_eq(f.instrs[3].kind, DF_HEALTHCHECK);
	ck_assert_int_eq(f.instrs[4].kind, DF_ENV);
	ck_assert_str_eq(f.stages[0].name, "build");
	ck_assert_int_eq(df_kind_from_name("wOrKdIr"), DF_WORKDIR);
	ck_assert_int_eq(df_kind_from_name("RUNN"), DF_UNKNOWN);
	ck_assert_str_eq(df_kind_name(DF_HEALTHCHECK), "HEALTHCHECK");
	df_file_release(&f);
	dump_eq("FROM a\nrUn echo\nFOO bar\n", "(from \"a\")\n(run \"echo\")\n(foo \"\")\n");
}
END_TEST

START_TEST(test_stages)
{
	struct df_file f;
	const struct df_stage *st;

	parse_ok(&f, "ARG PY=3.12\n"
		     "FROM python:${PY}-slim AS builder\n"
		     "RUN pip wheel -w /w .\n"
		     "FROM --platform=linux/amd64 python:3.12-slim\n"
		     "COPY --from=builder /w /w\n"
		     "FROM builder AS test\n");
	ck_assert_uint_eq(f.nstages, 3);
	ck_assert_int_eq(f.instrs[0].stage, -1);
	st = &f.stages[0];
	ck_assert_str_eq(st->name, "builder");
	ck_assert_str_eq(st->image, "python:${PY}-slim");
	ck_assert_int_eq(st->image_has_vars, 1);
	ck_assert_uint_eq(st->from, 1);
	ck_assert_uint_eq(st->end, 3);
	ck_assert_int_eq(st->start_line, 2);
	ck_assert_int_eq(st->end_line, 3);
	st = &f.stages[1];
	ck_assert_ptr_null(st->name);
	ck_assert_str_eq(st->platform, "linux/amd64");
	ck_assert_int_eq(st->image_has_vars, 0);
	ck_assert_int_eq(f.instrs[4].stage, 1);
	ck_assert_ptr_eq(df_find_stage(&f, "BUILDER"), &f.stages[0]);
	ck_assert_ptr_eq(df_find_stage(&f, "1"), &f.stages[1]);
	ck_assert_ptr_null(df_find_stage(&f, "7"));
	ck_assert_ptr_null(df_find_stage(&f, "nope"));
	ck_assert_str_eq(f.stages[2].name, "test");
	df_file_release(&f);
}
END_TEST

START_TEST(test_variables_and_kvs)
{
	struct df_file f;
	const struct df_instr *in;

	parse_ok(&f, "ARG BASE=python:3.12 TAG\n"
		     "FROM ${BASE}\n"
		     "FROM --platform=$BUILDPLATFORM alpine\n"
		     "RUN echo '$NOT' \"$YES\" \\$ESC ${BRACED:-x}\n"
		     "ENV A=1 B=\"x y\" C=$A\n"
		     "ENV OLD value with spaces\n"
		     "LABEL org.opencontainers.image.source=https://x\n");
	in = &f.instrs[0];
	ck_assert_uint_eq(in->nkvs, 2);
	ck_assert_str_eq(in->kvs[0].key, "BASE");
	ck_assert_str_eq(in->kvs[0].value, "python:3.12");
	ck_assert_str_eq(in->kvs[1].key, "TAG");
	ck_assert_ptr_null(in->kvs[1].value);
	ck_assert(df_instr_uses_var(&f.instrs[1], "BASE"));
	in = &f.instrs[2];
	ck_assert_uint_eq(in->nvars, 1);
	ck_assert_str_eq(in->vars[0].name, "BUILDPLATFORM");
	ck_assert_int_eq(in->vars[0].in_flag, 1);
	in = &f.instrs[3];
	ck_assert(df_instr_uses_var(in, "YES"));
	ck_assert(df_instr_uses_var(in, "BRACED"));
	ck_assert(!df_instr_uses_var(in, "NOT"));
	ck_assert(!df_instr_uses_var(in, "ESC"));
	in = &f.instrs[4];
	ck_assert_uint_eq(in->nkvs, 3);
	ck_assert_str_eq(in->kvs[1].value, "\"x y\"");
	ck_assert_int_eq(in->kvs[1].has_equal, 1);
	ck_assert(df_instr_uses_var(in, "A"));
	in = &f.instrs[5];
	ck_assert_uint_eq(in->nkvs, 1);
	ck_assert_str_eq(in->kvs[0].key, "OLD");
	ck_assert_str_eq(in->kvs[0].value, "value with spaces");
	ck_assert_int_eq(in->kvs[0].has_equal, 0);
	ck_assert_str_eq(f.instrs[6].kvs[0].key, "org.opencontainers.image.source");
	df_file_release(&f);
}
END_TEST

START_TEST(test_unquote)
{
	static const struct {
		const char *in;
		int esc;
		const char *out;
		int ret;
	} cases[] = {
		{"\"x y\"", '\\', "x y", 0},
		{"'$HOME' \"$HOME\"", '\\', "$HOME $HOME", 0},
		{"a\\ b", '\\', "a b", 0},
		{"\"a\\\"b\"", '\\', "a\"b", 0},
		{"C:\\app", '`', "C:\\app", 0},
		{"a` b", '`', "a b", 0},
		{"${X:-\"d e\"}", '\\', "${X:-d e}", 0},
		{"\"open", '\\', "\"open", -1},
		{"", '\\', "", 0},
	};
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		struct strbuf sb = STRBUF_INIT;
		ck_assert_int_eq(df_unquote(cases[i].in, cases[i].esc, &sb), cases[i].ret);
		ck_assert_str_eq(sb.buf, cases[i].out);
		strbuf_release(&sb);
	}
}
END_TEST

START_TEST(test_check)
{
	struct df_file f;
	struct ss_error err;
	char buf[1024];

	check_msg("FROM python:3.12-slim AS build\n"
		  "RUN --mount=type=cache,target=/root/.cache pip install x\n"
		  "FROM python:3.12-slim\n"
		  "COPY --from=build --chown=1000:1000 --link=true /a /b\n"
		  "HEALTHCHECK --interval=30s --retries=3 CMD [\"curl\", \"-f\", \"x\"]\n"
		  "SHELL [\"/bin/sh\", \"-c\"]\n"
		  "USER 1000\n"
		  "CMD [\"x\"]\n", 0, NULL);
	check_msg("FROM a\nRUN x\nRUNN y\n", 3, "unknown instruction 'RUNN'; did you mean 'RUN'?");
	check_msg("FROM a\nFROBNICATE y\n", 2, "unknown instruction 'FROBNICATE'");
	check_msg("FROM a\nRUN --mout=type=cache x\n", 2,
		  "unknown flag '--mout' for RUN; did you mean '--mount'?");
	check_msg("FROM a\nCOPY --user=me a b\n", 2, "unknown flag '--user' for COPY");
	check_msg("FROM a\nCOPY --from a b\n", 2, "flag '--from' needs a value");
	check_msg("FROM a\nCOPY --link=maybe a b\n", 2,
		  "flag '--link' expects true or false, not 'maybe'");
	check_msg("FROM a\nCOPY --from=x --from=y a b\n", 2, "flag '--from' given twice");
	check_msg("FROM a\nRUN --network=bridge x\n", 2,
		  "unknown network mode 'bridge' in '--network' (use default, none or host)");
	check_msg("FROM a\nRUN --mount=type=volume,target=/x x\n", 2,
		  "unknown mount type 'volume' (use bind, cache, tmpfs, secret or ssh)");
	check_msg("FROM a\nHEALTHCHECK --interval=soon CMD x\n", 2,
		  "flag '--interval' needs a duration like 30s or 1m30s, not 'soon'");
	check_msg("RUN x\nFROM a\n", 1, "RUN before the first FROM (only ARG may come first)");
	check_msg("ARG X\n", 1, "no FROM instruction: nothing to build");
	check_msg("FROM a b\n", 1, "FROM takes an image and optionally 'AS name'");
	check_msg("FROM a TO b\n", 1, "expected 'AS' after the image in FROM, got 'TO'");
	check_msg("FROM a AS 1x\n", 1,
		  "invalid stage name '1x' (letters, digits, '-', '_' and '.', starting with a letter)");
	check_msg("FROM a\nCOPY x\n", 2, "COPY needs a source and a destination");
	check_msg("FROM a\nSHELL /bin/bash -c\n", 2,
		  "SHELL requires the arguments in JSON form, like [\"/bin/sh\", \"-c\"]");
	check_msg("FROM a\nHEALTHCHECK CONNECT TCP 7000\n", 2,
		  "unknown HEALTHCHECK type 'CONNECT' (use CMD or NONE)");
	check_msg("FROM a\nHEALTHCHECK CMD\n", 2, "HEALTHCHECK CMD needs a command");
	check_msg("FROM a\nONBUILD FROM b\n", 2, "FROM isn't allowed as an ONBUILD trigger");
	check_msg("FROM a\nONBUILD ONBUILD RUN x\n", 2,
		  "chaining ONBUILD via 'ONBUILD ONBUILD' isn't allowed");
	check_msg("FROM a\nONBUILD RUN --mout=x y\n", 2,
		  "unknown flag '--mout' for RUN; did you mean '--mount'?");
	check_msg("FROM a\nWORKDIR\n", 2, "WORKDIR requires at least one argument");
	check_msg("FROM a\nCMD [\"a\"] && b\n", 2,
		  "text after the JSON array of CMD is ignored by Docker");

	/* the one-line message the CLI prints */
	parse_ok(&f, "FROM a\n\nRUNN x\n");
	ss_error_init(&err);
	ck_assert_int_eq(df_check(&f, &err), SS_ERR_INPUT);
	df_error_format(&err, buf, sizeof(buf));
	ck_assert_str_eq(buf, "cannot parse 'Dockerfile' line 3: unknown instruction 'RUNN'; "
			      "did you mean 'RUN'?");
	df_file_release(&f);
}
END_TEST

START_TEST(test_bad_input)
{
	struct df_file f;
	struct ss_error err;
	struct strbuf big = STRBUF_INIT;
	char *dir, path[4200];
	char junk[4096];
	unsigned x = 12345;

	err = parse_fail("FROM a\nRUN \0x\n", 13);
	ck_assert_int_eq(err.line, 2);
	ck_assert_ptr_nonnull(strstr(err.msg, "NUL"));
	for (size_t i = 0; i < sizeof(junk); i++) {
		x = x * 1103515245u + 12345u;
		junk[i] = (char)(0x80 | (x >> 16));
	}
	err = parse_fail(junk, sizeof(junk));
	ck_assert_ptr_nonnull(strstr(err.msg, "invalid UTF-8"));
	/* the syntax layer itself copes with junk when asked to */
	ss_error_init(&err);
	df_file_init(&f);
	df_parse(&f, junk, sizeof(junk), NULL, DF_PARSE_ALLOW_BINARY, &err);
	df_file_release(&f);
	err = parse_fail("# only a comment\n\n", 18);
	ck_assert_str_eq(err.msg, "file with no instructions");

	/* a line over the limit */
	strbuf_addstr(&big, "FROM a\nRUN ");
	strbuf_addchars(&big, 'x', DF_MAX_LINE);
	strbuf_addch(&big, '\n');
	err = parse_fail(big.buf, big.len);
	ck_assert_int_eq(err.line, 2);

	/* a file over the cap */
	dir = tu_tmpdir();
	snprintf(path, sizeof(path), "%s/Dockerfile", dir);
	strbuf_reset(&big);
	for (int i = 0; i < 2000; i++)
		strbuf_addstr(&big, "RUN echo hello world\n");
	tu_spew(path, big.buf);
	df_file_init(&f);
	ss_error_init(&err);
	ck_assert_int_eq(df_parse_file(&f, path, 1024, &err), SS_ERR_INPUT);
	df_file_release(&f);
	df_file_init(&f);
	ck_assert_int_eq(df_parse_file(&f, path, 0, &err), 0);
	ck_assert_uint_eq(f.ninstrs, 2000);
	df_file_release(&f);
	tu_rmrf(dir);
	free(dir);
	strbuf_release(&big);
}
END_TEST

START_TEST(test_linear_time)
{
	struct strbuf src = STRBUF_INIT;
	struct df_file f;
	struct ss_error err;
	clock_t t0;
	double secs;

	/* one long continuation, one big heredoc and many plain lines */
	strbuf_addstr(&src, "FROM a\nRUN a \\\n");
	for (int i = 0; i < 50000; i++)
		strbuf_addstr(&src, "  && b \\\n");
	strbuf_addstr(&src, "  && c\nRUN <<EOF\n");
	for (int i = 0; i < 50000; i++)
		strbuf_addstr(&src, "echo line\n");
	strbuf_addstr(&src, "EOF\n");
	for (int i = 0; i < 50000; i++)
		strbuf_addstr(&src, "ENV K=v L=\"w x\"\n");
	ss_error_init(&err);
	df_file_init(&f);
	t0 = clock();
	ck_assert_int_eq(df_parse(&f, src.buf, src.len, NULL, 0, &err), 0);
	secs = (double)(clock() - t0) / CLOCKS_PER_SEC;
	ck_assert_uint_eq(f.ninstrs, 50003);
	ck_assert_int_eq(f.instrs[1].end_line, 50003);
	printf("dockerfile parse: %.1f MB in %.3f s\n", src.len / 1e6, secs);
	df_file_release(&f);
	strbuf_release(&src);
}
END_TEST

/* Corners where BuildKit's behaviour is odd but is what the dump must show. */
START_TEST(test_buildkit_quirks)
{
	struct df_file f;

	/* a lone escape continues; an escaped escape at the end does not */
	dump_eq("\\", "(\"\")\n");
	dump_eq("FROM a\nENV C trailing\\\\\nENV D x\n",
		"(from \"a\")\n(env \"C\" \"trailing\\\\\\\\\" \"\")\n(env \"D\" \"x\" \"\")\n");
	dump_eq("FROM a\nRUN echo \\\\\\\n y\n",
		"(from \"a\")\n(run \"echo \\\\\\\\\\\\\")\n(y \"\")\n");
	/* flags are read byte by byte: a Latin-1 view of UTF-8 bytes */
	dump_eq("FROM a\nCOPY --chown=\xc3\xa9 x y\n",
		"(from \"a\")\n(copy [\"--chown=\xc3\x83\xc2\xa9\"] \"x\" \"y\")\n");
	/* parseWords replaces a bad byte with U+FFFD */
	dump_eq("FROM a\nARG x=\xff\n", "(from \"a\")\n(arg \"x=\xef\xbf\xbd\")\n");
	/* the flag loop stops at "--"; an empty healthcheck */
	dump_eq("FROM a\nCMD --doit -- [ ]\nHEALTHCHECK\n",
		"(from \"a\")\n(cmd [\"--doit\"])\n(healthcheck)\n");
	/* an empty heredoc body, a delimiter glued to a redirection */
	parse_ok(&f, "FROM a\nRUN cat <<EOF>out\nEOF>out\nRUN <<E\nE\n");
	ck_assert_uint_eq(f.instrs[1].nheredocs, 1);
	ck_assert_str_eq(f.instrs[1].heredocs[0].name, "EOF>out");
	ck_assert_str_eq(f.instrs[2].heredocs[0].content, "");
	ck_assert_int_eq(f.instrs[2].heredocs[0].start_line, 5);
	ck_assert_int_eq(f.instrs[2].heredocs[0].end_line, 5);
	df_file_release(&f);
	/* a directive value of blanks only is its last blank */
	parse_ok(&f, "#syntax=  \nFROM a\n");
	ck_assert_uint_eq(f.ndirectives, 1);
	ck_assert_str_eq(f.directives[0].value, " ");
	df_file_release(&f);
}
END_TEST

Suite *suite_dockerfile(void)
{
	Suite *s = suite_create("dockerfile");
	TCase *tc = tcase_create("core");

	tcase_set_timeout(tc, 120);
	tcase_add_test(tc, test_conformance);
	tcase_add_test(tc, test_heredocs);
	tcase_add_test(tc, test_escape_directive);
	tcase_add_test(tc, test_exec_and_shell);
	tcase_add_test(tc, test_flags);
	tcase_add_test(tc, test_line_ranges_and_comments);
	tcase_add_test(tc, test_onbuild);
	tcase_add_test(tc, test_case_insensitive);
	tcase_add_test(tc, test_stages);
	tcase_add_test(tc, test_variables_and_kvs);
	tcase_add_test(tc, test_unquote);
	tcase_add_test(tc, test_buildkit_quirks);
	tcase_add_test(tc, test_check);
	tcase_add_test(tc, test_bad_input);
	tcase_add_test(tc, test_linear_time);
	suite_add_tcase(s, tc);
	return s;
}
