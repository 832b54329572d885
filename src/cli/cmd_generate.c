/*
 * shipshape generate [DIR] --tier N [--stdout | --out OUTDIR] [--file PATH]
 * [--answers FILE]: render tier N without touching DIR or its profile.
 *
 * The answers are layered as init layers them: --answers FILE over DIR's
 * profile (its skipped practices too) when it has one, else over what
 * detection finds; the schema's defaults fill the rest.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "cli/cli.h"
#include "shipshape/answers.h"
#include "shipshape/detect.h"
#include "shipshape/fsutil.h"
#include "shipshape/project.h"
#include "shipshape/render.h"
#include "shipshape/xalloc.h"

enum { OPT_TIER = 1, OPT_STDOUT, OPT_OUT, OPT_FILE, OPT_ANSWERS, OPT_FORCE, OPT_SKIP };

static const struct cli_opt opts[] = {
	{"tier", 1, OPT_TIER},   {"stdout", 0, OPT_STDOUT},   {"out", 1, OPT_OUT},
	{"file", 1, OPT_FILE},   {"answers", 1, OPT_ANSWERS}, {"force", 0, OPT_FORCE},
	{"skip", 1, OPT_SKIP},   {NULL, 0, 0},
};

/* Overlay every key of add onto obj (replacing). */
static void overlay(cJSON *obj, const cJSON *add)
{
	const cJSON *it;
	cJSON_ArrayForEach(it, add)
	{
		cJSON_DeleteItemFromObjectCaseSensitive(obj, it->string);
		cJSON_AddItemToObject(obj, it->string, cJSON_Duplicate(it, 1));
	}
}

/*
 * 1 when path already holds exactly f's bytes (nothing to write there),
 * 0 when it does not exist; SS_ERR_CONFLICT naming it when it exists with
 * other content (or is not a regular file) and force is not set.
 */
/*
 * The answers to render from, as init layers them: --answers FILE over the
 * profile's answers, over what detection finds, over the schema's defaults
 * (render adds those). A profile already holds a full set, so detection
 * runs only without one; when it finds no Python project, that is an error
 * only if there is no answers file either. Sets pj's profile answers.
 */
static int gather_answers(struct project *pj, const char *dir, const struct tstore *ts,
			  const char *answers_path, int *is_project, struct ss_error *err)
{
	cJSON *facts = NULL, *merged = NULL, *file = NULL;
	struct ss_error derr;
	int ret = 0;

	ss_error_init(&derr);
	if (answers_path && ((ret = project_load_answers(&pj->schema, answers_path, &file, err)) ||
			     (ret = render_check_answers(&pj->schema, file, answers_path, err))))
		goto out;
	if (pj->has_profile) {
		merged = cJSON_Duplicate(pj->profile.answers, 1);
	} else if (detect_project(dir, ts, &facts, &derr) == 0) {
		*is_project = 1;
		merged = detect_answers(facts);
		project_derive_answers(dir, merged);
	} else if (!answers_path) {
		/* nothing to go on: say what detection looked for */
		*err = derr;
		ret = derr.code ? derr.code : SS_ERR_INPUT;
		goto out;
	}
	if (!merged)
		merged = cJSON_CreateObject();
	if (file) {
		overlay(merged, file);
		project_follow_entrypoint(facts, file, merged);
		if (pj->has_profile)
			render_rederive_answers(&pj->schema, pj->profile.answers, file, merged);
	}
	render_derive_answers(merged);
	/* what is left came from the profile, or from detection */
	ret = render_check_answers(&pj->schema, merged, pj->has_profile ? PROFILE_FILE : NULL, err);
	if (!ret)
		profile_set_answers(&pj->profile, merged);
out:
	cJSON_Delete(facts);
	cJSON_Delete(merged);
	cJSON_Delete(file);
	return ret;
}

static int check_target(const char *path, const struct rendered_file *f, int force,
			struct ss_error *err)
{
	struct strbuf old = STRBUF_INIT;
	struct ss_error rerr;
	struct stat st;
	int ret = 0;

	ss_error_init(&rerr);
	if (lstat(path, &st)) {
		if (errno != ENOENT)
			ret = ss_error_set(err, SS_ERR_IO, path, 0, 0, "cannot check '%s': %s",
					   path, strerror(errno));
		goto out;
	}
	if (S_ISREG(st.st_mode) && (size_t)st.st_size == f->content.len &&
	    !fs_read_file(path, f->content.len + 1, &old, &rerr) && old.len == f->content.len &&
	    !memcmp(old.buf, f->content.buf, old.len)) {
		ret = 1;
		goto out;
	}
	if (force && !S_ISDIR(st.st_mode))
		goto out;
	ret = ss_error_set(err, SS_ERR_CONFLICT, path, 0, 0,
			   "refusing to overwrite '%s': it exists with other content%s", path,
			   S_ISDIR(st.st_mode) ? " (a directory)"
					       : "; nothing written (pass '--force' to replace it)");
out:
	strbuf_release(&old);
	return ret;
}

/*
 * Write r below outdir. Every target is checked first: one that exists
 * with other content stops everything (nothing written) unless force;
 * one that already holds the same bytes is left alone.
 */
static int write_out(const char *outdir, const struct rendering *r, int force,
		     struct ss_error *err)
{
	struct strbuf path = STRBUF_INIT, parent = STRBUF_INIT;
	char *same = xcalloc(r->nr + 1, 1);
	int ret = 0;

	/* a new OUTDIR holds nothing to overwrite */
	for (size_t i = 0; i < r->nr && !ret && fs_exists(outdir); i++) {
		ret = fs_check_inside(outdir, r->files[i].path, err);
		if (ret)
			break;
		fs_path_join(&path, outdir, r->files[i].path);
		ret = check_target(path.buf, &r->files[i], force, err);
		if (ret == 1) {
			same[i] = 1;
			ret = 0;
		}
	}
	if (!ret)
		ret = fs_mkdirs(outdir, err);
	for (size_t i = 0; i < r->nr && !ret; i++) {
		const char *slash;
		if ((ret = fs_check_inside(outdir, r->files[i].path, err)))
			break;
		fs_path_join(&path, outdir, r->files[i].path);
		if (same[i]) {
			printf("unchanged %s\n", path.buf);
			continue;
		}
		slash = strrchr(path.buf, '/');
		strbuf_reset(&parent);
		if (slash)
			strbuf_add(&parent, path.buf, (size_t)(slash - path.buf));
		if (parent.len && (ret = fs_mkdirs(parent.buf, err)))
			break;
		ret = fs_write_atomic(path.buf, r->files[i].content.buf, r->files[i].content.len,
				      r->files[i].mode, err);
		if (!ret)
			printf("wrote %s\n", path.buf);
	}
	free(same);
	strbuf_release(&path);
	strbuf_release(&parent);
	return ret;
}

static int run(int argc, char **argv, struct cli_ctx *ctx)
{
	struct cli_parser cp;
	struct project pj;
	struct rendering r;
	struct ss_error err;
	const char *dir = NULL, *outdir = NULL, *file = NULL, *answers_path = NULL, *val;
	int tier = -1, to_stdout = 0, force = 0, ret = 0, id, is_project = 0;
	const char **skips = NULL;
	size_t nskips = 0;

	project_init(&pj);
	rendering_init(&r);
	ss_error_init(&err);
	cli_parser_init(&cp, argc, argv, "generate");
	while ((id = cli_next(&cp, opts, &val)) != CLI_END) {
		switch (id) {
		case CLI_ERR:
			ret = 2;
			goto out;
		case CLI_ARG:
			if ((ret = cli_one_dir(&dir, val, "generate")))
				goto out;
			break;
		case OPT_TIER:
			if ((tier = cli_parse_tier(val)) < 0) {
				ret = 2;
				goto out;
			}
			break;
		case OPT_STDOUT: to_stdout = 1; break;
		case OPT_OUT: outdir = val; break;
		case OPT_FILE: file = val; break;
		case OPT_ANSWERS: answers_path = val; break;
		case OPT_FORCE: force = 1; break;
		case OPT_SKIP:
			skips = xreallocarray(skips, nskips + 1, sizeof(*skips));
			skips[nskips++] = val;
			break;
		default: break;
		}
	}
	if (tier < 0) {
		cli_errorf("generate: missing '--tier N' (0 to 6)");
		ret = 2;
		goto out;
	}
	if ((to_stdout ? 1 : 0) + (outdir ? 1 : 0) + (file ? 1 : 0) > 1) {
		cli_errorf("generate: use only one of '--stdout', '--out' and '--file'");
		ret = 2;
		goto out;
	}
	if (!dir)
		dir = ".";
	if (project_open(&pj, dir, &ctx->templates, 0, &err)) {
		ret = cli_report(&err);
		goto out;
	}
	if (gather_answers(&pj, dir, &ctx->templates, answers_path, &is_project, &err)) {
		ret = cli_report(&err);
		goto out;
	}
	for (size_t i = 0; i < nskips; i++) {
		if (project_apply_skip(&pj.profile, &pj.catalog, skips[i], &err)) {
			ret = cli_report(&err);
			goto out;
		}
	}
	if (render_tier_schema(&pj.catalog, &pj.schema, &ctx->templates, &pj.profile, tier, &r, &err)) {
		ret = cli_report(&err);
		goto out;
	}
	if (is_project || pj.has_profile) {
		/* a preview, not a refusal: the Dockerfile would not build from DIR */
		struct ss_error serr;
		ss_error_init(&serr);
		if (project_check_sources(dir, &r, &serr))
			fprintf(stderr, "shipshape: warning: %s\n", serr.msg);
	}
	if (file) {
		const struct rendered_file *f = rendering_find(&r, file);
		if (!f) {
			struct strbuf names = STRBUF_INIT;
			for (size_t i = 0; i < r.nr; i++)
				strbuf_addf(&names, "%s'%s'", i ? ", " : "", r.files[i].path);
			cli_errorf("no file '%s' at tier %d; it has %s", file, tier, names.buf);
			strbuf_release(&names);
			ret = 2;
			goto out;
		}
		fwrite(f->content.buf, 1, f->content.len, stdout);
	} else if (outdir) {
		if (write_out(outdir, &r, force, &err)) {
			fflush(stdout);
			ret = cli_report(&err);
			goto out;
		}
	} else {
		for (size_t i = 0; i < r.nr; i++) {
			printf("%s==> %s <==\n", i ? "\n" : "", r.files[i].path);
			fwrite(r.files[i].content.buf, 1, r.files[i].content.len, stdout);
		}
	}
	if (fflush(stdout)) {
		cli_errorf("cannot write to standard output");
		ret = 2;
	}
out:
	rendering_release(&r);
	project_release(&pj);
	free(skips);
	return ret;
}

const struct cmd cmd_generate = {
	"generate", 70, "render a tier's files without touching the project",
	"usage: shipshape generate [DIR] --tier N [--stdout | --out OUTDIR | --file PATH]\n"
	"                          [--answers FILE] [--force] [--skip ID=REASON]...\n\n"
	"Render the files of tier N (0-6) for the project in DIR (default: the current\n"
	"directory) without touching DIR or its profile. The answers are layered as\n"
	"init layers them: --answers FILE over the profile (.shipshape.json) when DIR\n"
	"has one, else over what detection finds; the defaults fill the rest.\n\n"
	"  --tier N        the tier to render (required)\n"
	"  --stdout        print every file, each headed by a line '==> PATH <==' (default)\n"
	"  --out OUTDIR    write the files below OUTDIR; a file there with other\n"
	"                  content stops it (exit 3, nothing written)\n"
	"  --force         with --out, replace such files\n"
	"  --file PATH     print only the file PATH, with no header\n"
	"  --answers FILE  answers (JSON, any subset of the keys) that override the\n"
	"                  profile's or the detected ones, key by key\n"
	"  --skip ID=REASON  render without practice ID, as if skipped (repeatable)\n",
	run,
};
