/*
 * project: writing a rendering into a project directory, safely.
 *
 * Both the CLI (init, next) and the wizard call project_write. It never
 * clobbers a user's work: before writing anything it checks every target
 * file; a file whose sha256 differs from what the profile says shipshape
 * last wrote, or a file that exists although shipshape never wrote it, is a
 * conflict (SS_ERR_CONFLICT naming the file) and then nothing is written.
 * Otherwise each file that will be replaced is first copied to
 * DIR/.shipshape/backups/YYYYmmdd-HHMMSS/PATH, then written atomically
 * (fs_write_atomic), and the profile is updated (tier, practices applied,
 * file hashes) and saved to DIR/.shipshape.json. Every path is checked with
 * fs_check_inside, so a symlink cannot lead a write outside DIR.
 */
#ifndef SHIPSHAPE_PROJECT_H
#define SHIPSHAPE_PROJECT_H

#include <stddef.h>
#include <time.h>

#include "shipshape/answers.h"
#include "shipshape/catalog.h"
#include "shipshape/error.h"
#include "shipshape/profile.h"
#include "shipshape/render.h"

#define PROJECT_BACKUP_DIR ".shipshape/backups"

/* What project_write did. All strings owned; release frees them. */
struct project_write_result {
	char **written; size_t nwritten;   /* paths whose bytes changed or were created */
	char **removed; size_t nremoved;   /* written before, no longer rendered, unchanged:
					      backed up and removed */
	char **kept; size_t nkept;         /* written before, no longer rendered, edited by
					      hand: left in place (and out of the profile) */
	char **recreated; size_t nrecreated; /* also in written: shipshape wrote them before
						and they had been deleted */
	char *backup_dir;                  /* relative to dir; NULL when nothing was backed up */
};

void project_write_result_init(struct project_write_result *res);
void project_write_result_release(struct project_write_result *res);
/* Append what res says happened, one line each ("wrote PATH", "recreated PATH ...",
   "removed PATH ...",
   "kept PATH: ...", "backups in DIR"; "nothing changed" when nothing did). */
void project_describe_result(const struct project_write_result *res, struct strbuf *out);

/*
 * Write rendering r (made for tier) into dir and update and save p.
 * Files whose content already equals the rendering are left untouched.
 * A file p records as written that r no longer has (another ci or
 * update_bot answer) is backed up and removed when unchanged, else kept
 * and listed. Practices p records as applied that r does not apply are
 * dropped. Nothing at all is written, not even a backup or the profile,
 * when nothing changes.
 * res may be NULL. Errors: SS_ERR_CONFLICT (hand-edited or foreign file;
 * err->file is its path; nothing written), SS_ERR_INPUT/SS_ERR_IO for
 * unsafe paths and I/O failures. p is only modified on success.
 */
int project_write(const char *dir, struct profile *p, const struct catalog *c,
		  const struct rendering *r, int tier,
		  struct project_write_result *res, struct ss_error *err);

/* The same, with the backup timestamp given (tests); now == 0: current time. */
int project_write_at(const char *dir, struct profile *p, const struct catalog *c,
		     const struct rendering *r, int tier, time_t now,
		     struct project_write_result *res, struct ss_error *err);

/*
 * Check, without writing, whether r could be written into dir: 0 when no
 * file conflicts, else SS_ERR_CONFLICT naming the first conflicting file.
 */
int project_check(const char *dir, const struct profile *p, const struct rendering *r,
		  struct ss_error *err);

/*
 * Check that every file the rendered Dockerfile takes from the build
 * context (COPY sources other than '.', RUN --mount=type=bind sources)
 * exists in dir, or is itself part of the rendering (docker-entrypoint.sh):
 * a Dockerfile that copies a missing lock cannot build. SS_ERR_INPUT naming
 * the first missing file, with how to make it (e.g. "run 'poetry lock' and
 * commit it"). 0 when there is no Dockerfile in r.
 */
int project_check_sources(const char *dir, const struct rendering *r, struct ss_error *err);

/*
 * answers_load_file, with two additions for the front ends: path may be
 * "-" (standard input) or a pipe (`--answers <(...)`), read whole up to
 * FS_DEFAULT_CAP; and a NUL in a value (refused by the JSON reader with
 * file:line:col only) also names the key whose value holds it ("invalid
 * value for 'KEY': ..."). Caller cJSON_Deletes *out.
 */
int project_load_answers(const struct answer_schema *s, const char *path, cJSON **out,
			 struct ss_error *err);

/*
 * When chosen (an answers file) picks an entrypoint that detection knows as
 * one of the candidate apps (facts from detect_project), the app_kind and
 * framework of answers follow that app, unless chosen sets them too: a
 * Flask app picked over a detected FastAPI one is not served by uvicorn.
 * facts may be NULL. Returns 1 when it changed answers.
 */
int project_follow_entrypoint(const cJSON *facts, const cJSON *chosen, cJSON *answers);

/*
 * Record in p that a practice is skipped, from spec "ID=REASON" (the
 * --skip option of init, next and generate): the practice stays out of
 * every rendering and a Dockerfile practice leaves a skip line. SS_ERR_INPUT
 * for a spec without '=' or reason, an id the catalog lacks, or a control
 * character in the reason.
 */
int project_apply_skip(struct profile *p, const struct catalog *c, const char *spec,
		       struct ss_error *err);

/*
 * Answers that follow from the files in dir where detection found none
 * (call it on the detected answers): a pip project with no requirements
 * file but a pyproject.toml, setup.py or setup.cfg gets that file as
 * requirements_file and installable_package true: its dependencies come
 * only by installing the project (`pip install .`). Returns 1 when it
 * changed answers.
 */
int project_derive_answers(const char *dir, cJSON *answers);

/*
 * Load DIR/.shipshape.json into p (freshly initialised). Missing profile:
 * SS_ERR_INPUT "no profile in 'DIR'; run 'shipshape init' first".
 */
int project_load_profile(const char *dir, struct profile *p, struct ss_error *err);

/*
 * Append to out the unified diff (a/PATH, b/PATH labels) of each file of r
 * against its copy in dir (a missing file counts as empty). *changed gets
 * the number of files that differ. Returns 0 or an error for an unsafe or
 * unreadable path.
 */
int project_diff(const char *dir, const struct rendering *r, int context, struct strbuf *out,
		 size_t *changed, struct ss_error *err);

/*
 * Append to out what going from rendering `from` (NULL: nothing yet) to `to`
 * adds: one line per practice active in `to` and not in `from`, "  + TITLE
 * (ID)", in catalog order, then the files that change.
 */
void project_describe_step(const struct catalog *c, const struct rendering *from,
			   const struct rendering *to, struct strbuf *out);

/*
 * Everything a command needs about one project directory: the catalog, the
 * answer schema and the profile (loaded when DIR/.shipshape.json exists).
 * All owned; project_release frees them.
 */
struct project {
	char *dir;                   /* as given, owned */
	struct catalog catalog;
	struct answer_schema schema;
	struct profile profile;
	int has_profile;             /* 1 when DIR/.shipshape.json was loaded */
};

/* Set up (the profile starts empty); release frees everything and may be called twice. */
void project_init(struct project *pj);
void project_release(struct project *pj);
/*
 * Load catalog and schema through ts, and the profile of dir when it has
 * one. need_profile: a missing profile is SS_ERR_INPUT ("no profile in
 * 'DIR'; run 'shipshape init' first"). dir must be a directory.
 */
int project_open(struct project *pj, const char *dir, const struct tstore *ts,
		 int need_profile, struct ss_error *err);

#endif
