/*
 * shipshape detect [DIR] [--json]: what detection finds in a project, each
 * fact with its evidence (file:line) and confidence, then warnings and the
 * Docker/CI files that already exist.
 */
#include <stdio.h>
#include <stdlib.h>

#include "cli/cli.h"
#include "shipshape/detect.h"
#include "shipshape/strbuf.h"

enum { OPT_JSON = 1 };

static int run(int argc, char **argv, struct cli_ctx *ctx)
{
	static const struct cli_opt opts[] = {{"json", 0, OPT_JSON}, {NULL, 0, 0}};
	struct cli_parser p;
	struct ss_error err;
	struct strbuf out = STRBUF_INIT;
	const char *val, *dir = NULL;
	cJSON *facts = NULL;
	int opt, json = 0, ret = 0;

	ss_error_init(&err);
	cli_parser_init(&p, argc, argv, "detect");
	while ((opt = cli_next(&p, opts, &val)) != CLI_END) {
		if (opt == CLI_ERR)
			return 2;
		if (opt == CLI_ARG) {
			if (dir) {
				cli_errorf("unexpected argument '%s' for 'detect'", val);
				return 2;
			}
			dir = val;
		}
		if (opt == OPT_JSON)
			json = 1;
	}
	if (detect_project(dir ? dir : ".", &ctx->templates, &facts, &err)) {
		ret = cli_report(&err);
		goto out;
	}
	if (json) {
		char *text = cJSON_Print(facts);
		if (!text) {
			cli_errorf("out of memory printing JSON");
			ret = 70;
			goto out;
		}
		printf("%s\n", text);
		free(text);
	} else {
		detect_format_table(facts, &out);
		fputs(out.buf, stdout);
	}
	if (fflush(stdout) != 0) {
		cli_errorf("cannot write the output");
		ret = 2;
	}
out:
	cJSON_Delete(facts);
	strbuf_release(&out);
	return ret;
}

const struct cmd cmd_detect = {
	"detect", 20, "show what shipshape finds in a Python project, with evidence",
	"usage: shipshape detect [DIR] [--json]\n\n"
	"Read the project in DIR (default: the current directory) without running it\n"
	"and print each fact found, with the file and line it comes from and how sure\n"
	"it is (certain, likely, guess):\n\n"
	"  python_version python_patch dependency_manager requirements_file\n"
	"  installable_package app_kind framework entrypoint command port health_path\n"
	"  system_packages ci migrations image_name source_dir requirements_includes\n"
	"  lock_hashes unpinned_requirements\n\n"
	"then warnings (version conflicts, end-of-life Python, several candidate apps,\n"
	"development servers in a Procfile or compose file, a lock file the build needs\n"
	"but the project lacks, a server the image runs but the dependencies lack,\n"
	"credentials in URLs, unreadable files) and the Dockerfile, .dockerignore,\n"
	"compose and CI files that already exist. Credentials in URLs are printed as\n"
	"https://user:***@host.\n\n"
	"Dependency manager, when several are found (a warning names each):\n"
	"  uv (uv.lock, [tool.uv]) > poetry (poetry.lock, [tool.poetry]) >\n"
	"  pipenv (Pipfile.lock, Pipfile) > conda (conda-lock.yml, environment.yml) >\n"
	"  pip-tools (requirements.in, a pip-compile header) > pip (requirements*.txt,\n"
	"  or an installable package: pyproject [project], setup.py, setup.cfg)\n"
	"A lock file is certain evidence; a manifest without its lock is likely.\n\n"
	"Python version: .python-version > .tool-versions > runtime.txt > Pipfile\n"
	"[requires] > environment.yml; requires-python, Poetry's python and setup.cfg\n"
	"python_requires are ranges: alone, they give the newest supported minor that\n"
	"satisfies them and was released over 12 months before today (a younger one\n"
	"often lacks wheels for the dependencies), else the newest supported one; the\n"
	"fact's note says which. End of life is judged from\n"
	"templates/python-versions.json on today's date ($SHIPSHAPE_TODAY=YYYY-MM-DD\n"
	"overrides it).\n\n"
	"Skipped: .git, .venv, venv, env, node_modules, __pycache__, build, dist, caches\n"
	"and hidden directories (but .github); symlinks leaving DIR are not followed;\n"
	"files over 1 MiB or binary are skipped with a warning.\n\n"
	"options:\n"
	"  --json   the facts as JSON: {KEY: {value, source, confidence[, note]},\n"
	"           warnings: [...], existing: {dockerfile, dockerignore, compose, ci},\n"
	"           notes: {dependency_files, index_urls, candidates}}\n\n"
	"exit status: 0 found a Python project, 2 none in DIR (the message says what\n"
	"was looked for) or DIR unreadable.\n",
	run,
};
