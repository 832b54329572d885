/*
 * render: templates x profile x tier -> files in memory.
 *
 * render_tier builds one view (a cJSON object) from the profile's answers
 * (with the schema's defaults), the tier and the set of active practices:
 * a practice is active when it applies to the answers (catalog_applies), its
 * tier is <= the tier asked for and the profile does not record it as
 * skipped. Conflicts and replacements are resolved in the view (practices.md
 * section 3: a pip cache mount replaces --no-cache-dir, STOPSIGNAL stays the
 * default for gunicorn/uvicorn/celery, ...). Every template is then rendered
 * in strict mode without escaping: an unknown variable is an error naming
 * the template and line. The output is deterministic: the same profile,
 * catalog and templates give byte-identical files, in a fixed order
 * (Dockerfile first, then .dockerignore, then the others by path).
 *
 * Every generated file starts with a comment saying which tier made it and
 * how to upgrade (`shipshape next`). Dockerfile comments are on their own
 * lines; CMD is always exec form and never a development server.
 */
#ifndef SHIPSHAPE_RENDER_H
#define SHIPSHAPE_RENDER_H

#include <stddef.h>

#include <cjson/cJSON.h>

#include "shipshape/answers.h"
#include "shipshape/catalog.h"
#include "shipshape/error.h"
#include "shipshape/profile.h"
#include "shipshape/strbuf.h"
#include "shipshape/tstore.h"

#define RENDER_MAX_TIER 6

/* One generated file: path relative to the project ("Dockerfile",
   ".github/workflows/docker.yml"), its bytes and its mode (0644 or 0755). */
struct rendered_file {
	char *path;              /* owned */
	struct strbuf content;   /* owned */
	unsigned mode;
};

/* The files of one rendering, in output order. Owned by the struct. */
struct rendering {
	struct rendered_file *files;
	size_t nr, alloc;
	int tier;                /* the tier rendered, -1 when empty */
	char **active; size_t nactive;   /* ids of the active practices, catalog order; owned */
};

void rendering_init(struct rendering *r);
/* Free every file and leave r in the init state. Accepts NULL. */
void rendering_release(struct rendering *r);

/*
 * Render every file for tier (0..6) from p's answers (missing keys take the
 * schema defaults; the schema is read through ts) and p's skipped
 * practices. out must be freshly initialised; on failure it is left empty.
 * Errors: SS_ERR_INPUT for a tier out of range, invalid answers (the
 * message names the key) or a template error (file and line).
 */
int render_tier(const struct catalog *c, const struct tstore *ts, const struct profile *p,
		int tier, struct rendering *out, struct ss_error *err);

/* The same with the answer schema already loaded (s), read through ts
   only for the templates: what the CLI and the wizard use. */
int render_tier_schema(const struct catalog *c, const struct answer_schema *s,
		       const struct tstore *ts, const struct profile *p, int tier,
		       struct rendering *out, struct ss_error *err);

/*
 * The view render_tier renders the templates against, for tests and for
 * the wizard's explanations. Caller cJSON_Deletes *view. Same errors.
 */
int render_view(const struct catalog *c, const struct tstore *ts, const struct profile *p,
		int tier, cJSON **view, struct ss_error *err);

/*
 * Before render_derive_answers when answers (previous, with chosen laid
 * over it) change: a derived answer (test_command, update_bot) that
 * previous holds only because it was derived or defaulted from previous's
 * other answers, and that chosen does not set, is dropped from answers so
 * it is derived again from the new ones (a new entrypoint gets its own
 * smoke test; ci gitlab gets renovate). Answers the user gave stay.
 */
void render_rederive_answers(const struct answer_schema *s, const cJSON *previous,
			     const cJSON *chosen, cJSON *answers);

/*
 * Check answers (any subset of the keys) as rendering does: the schema's
 * types and grammars, no shell metacharacter in an argv item, no
 * development server in command. source names the file they came from in
 * the error (an --answers FILE, .shipshape.json), NULL when none did.
 * render_tier checks its profile's answers this way, naming PROFILE_FILE;
 * front ends call it first on what they layered so the error names the
 * right file. SS_ERR_INPUT naming the key.
 */
int render_check_answers(const struct answer_schema *s, const cJSON *answers,
			 const char *source, struct ss_error *err);

/*
 * Fill the answers that are derived from others when answers lacks them
 * (call it after layering, before the schema's defaults): test_command
 * becomes a smoke test that works without pytest: `python -c "import MOD"`
 * with MOD from the entrypoint (wsgi/asgi) or from the command's
 * `-m MOD` / `-A MOD` / `--app MOD`, else `PROGRAM --help` for a worker or
 * CLI program. update_bot becomes renovate when ci is gitlab (Dependabot
 * runs on GitHub only). Returns 1 when it added something, else 0.
 */
int render_derive_answers(cJSON *answers);

/* The file at path, or NULL. */
const struct rendered_file *rendering_find(const struct rendering *r, const char *path);

/* 1 when practice id is active in r (after conflicts are resolved), else 0. */
int rendering_has_practice(const struct rendering *r, const char *id);

#endif
