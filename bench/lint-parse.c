/*
 * bench/lint-parse.c: in-process throughput of the Dockerfile parser and of
 * lint, without process start-up or file I/O. bench/lint compiles it against
 * the build's libshipshape_core.a:
 *
 *   lint-parse PRACTICES_JSON ROUNDS FILE...
 *
 * Reads every FILE into memory, then ROUNDS times: df_parse + df_check of
 * each (parse throughput), and lint_buffer of each (parse + check + every
 * detector). Prints "parse MBPS lint MBPS bytes".
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "shipshape/catalog.h"
#include "shipshape/dockerfile.h"
#include "shipshape/fsutil.h"
#include "shipshape/lint.h"

static double now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

int main(int argc, char **argv)
{
	struct catalog c;
	struct ss_error err;
	struct strbuf cat = STRBUF_INIT, *files;
	size_t n, total = 0;
	int rounds;
	double t0, tparse, tlint;
	int ret = 0;

	if (argc < 4) {
		fprintf(stderr, "usage: lint-parse PRACTICES_JSON ROUNDS FILE...\n");
		return 2;
	}
	rounds = atoi(argv[2]);
	n = (size_t)(argc - 3);
	ss_error_init(&err);
	catalog_init(&c);
	if (fs_read_file(argv[1], 1 << 22, &cat, &err) ||
	    catalog_parse(&c, cat.buf, cat.len, argv[1], &err)) {
		fprintf(stderr, "lint-parse: %s\n", err.msg);
		return 1;
	}
	files = calloc(n, sizeof(*files));
	for (size_t i = 0; i < n; i++) {
		strbuf_init(&files[i], 0);
		if (fs_read_file(argv[i + 3], DF_FILE_CAP, &files[i], &err)) {
			fprintf(stderr, "lint-parse: %s\n", err.msg);
			return 1;
		}
		total += files[i].len;
	}
	t0 = now();
	for (int r = 0; r < rounds; r++) {
		for (size_t i = 0; i < n; i++) {
			struct df_file f;
			df_file_init(&f);
			if (df_parse(&f, files[i].buf, files[i].len, argv[i + 3], 0, &err) ||
			    df_check(&f, &err))
				ret = 1;
			df_file_release(&f);
		}
	}
	tparse = now() - t0;
	t0 = now();
	for (int r = 0; r < rounds; r++) {
		for (size_t i = 0; i < n; i++) {
			struct lint_result res;
			lint_result_init(&res);
			if (lint_buffer(&c, files[i].buf, files[i].len, argv[i + 3], NULL, &res, &err))
				ret = 1;
			lint_result_release(&res);
		}
	}
	tlint = now() - t0;
	printf("%.1f %.1f %zu\n", (double)total * rounds / tparse / 1e6,
	       (double)total * rounds / tlint / 1e6, total);
	for (size_t i = 0; i < n; i++)
		strbuf_release(&files[i]);
	free(files);
	strbuf_release(&cat);
	catalog_release(&c);
	return ret;
}
