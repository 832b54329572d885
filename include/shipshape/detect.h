/*
 * detect: read a Python project and tell what it is, with evidence.
 *
 * detect_project walks a project directory (skipping .git, .venv, venv, env,
 * node_modules, __pycache__, build, dist, caches, hidden directories but
 * .github, and any directory holding pyvenv.cfg; never following a symlink
 * out of the project; capping every read) and returns facts keyed by the profile's
 * answer names. Every fact carries its evidence:
 *
 *   {"value": V, "source": "app.py:9", "confidence": "certain"|"likely"|"guess"}
 *
 * Keys (each present only when something was found; see detect_answers).
 * String and argv values always pass their answers.json grammar (a value
 * that would not, e.g. a Procfile argument with '$', becomes a warning):
 *   python_version      "3.12"
 *   python_patch        "3.12.4" (when a source names the patch level)
 *   dependency_manager  "pip" | "pip-tools" | "poetry" | "pipenv" | "uv" | "conda"
 *                       precedence when several: uv > poetry > pipenv > conda >
 *                       pip-tools > pip (with a warning naming each)
 *   requirements_file   "requirements.txt" (pip and pip-tools)
 *   app_kind            "wsgi" | "asgi" | "worker" | "cli"
 *   framework           "django" | "flask" | "fastapi" | "starlette" | "celery" | "none"
 *   entrypoint          "pkg.module:attr" or "pkg:create_app()" (wsgi and asgi)
 *   command             argv array of strings (worker and cli)
 *   port                integer
 *   health_path         "/healthz"
 *   system_packages     {"build": [...], "runtime": [...]} (sorted, unique)
 *   ci                  "github" | "gitlab" | "none"
 *   migrations          "none" | "django" | "alembic"
 *   installable_package bool
 *   image_name          from the project name ("my-app")
 *   source_dir          "src" (the app was found under src/ and the project is
 *                       not installable: render puts it on PYTHONPATH)
 *   requirements_includes argv of the -r/-c files requirements_file pulls in,
 *                       relative to dir, without the file itself and the files
 *                       in its own directory when that is not the root
 *   lock_hashes         false (pip-tools lock without --hash lines; a warning)
 *   unpinned_requirements argv of names a pip project does not pin with ==
 *                       (nor in a -c file), URLs and editables aside; a warning
 * A fact may also carry "note" (why the value was chosen, e.g. a Python
 * version picked from a range). And always:
 *   "warnings": ["...", ...]                        human-readable strings
 *   "existing": {"dockerfile": [paths], "dockerignore": [paths],
 *                "compose": [paths], "ci": [paths]} relative to dir
 *   "notes": {"index_urls": [...], "dependency_files": [...],
 *             "candidates": [...], extra evidence that is not an answer
 *             "candidate_apps": [{"entrypoint", "app_kind", "framework",
 *                                 "source"}, ...]}
 *
 * Paths in "source" are relative to dir, with '/' separators. When dir lies
 * inside a git repository (a parent directory holds .git, at most
 * DETECT_MAX_UP levels up), CI files at the repository root count too and
 * their source starts with "../".
 */
#ifndef SHIPSHAPE_DETECT_H
#define SHIPSHAPE_DETECT_H

#include <stddef.h>

#include <cjson/cJSON.h>

#include "shipshape/error.h"
#include "shipshape/strbuf.h"
#include "shipshape/tstore.h"

/* Per-file read cap: bigger files are skipped with a warning. */
#define DETECT_FILE_CAP (1024u * 1024u)
/* Directory depth scanned below dir. */
#define DETECT_MAX_DEPTH 12
/* Files examined at most (the walk stops with a warning past it). */
#define DETECT_MAX_FILES 200000
/* Levels walked up from dir looking for a repository root (.git). */
#define DETECT_MAX_UP 6

/* The answer keys detection can fill, in display order, NULL-terminated. */
extern const char *const detect_answer_keys[];

struct detect_opts {
	const char *today; /* "YYYY-MM-DD" for end-of-life checks; NULL: $SHIPSHAPE_TODAY,
			      else the real date */
	size_t file_cap;   /* 0: DETECT_FILE_CAP */
	int no_parent_ci;  /* 1: do not look above dir for the repository root */
};

/*
 * Detect facts about the Python project in dir. *facts (caller cJSON_Deletes):
 * { "<answer key>": {"value": ..., "source": "file:line", "confidence":
 *   "certain"|"likely"|"guess"}, ..., "warnings": ["..."], "existing": {...},
 *   "notes": {...} }
 * Returns 0 on success. SS_ERR_INPUT (exit 2) with a message saying what was
 * looked for when dir holds no Python project, or when dir is not a
 * readable directory; *facts is then NULL. Data files come from ts
 * ("python-versions.json", "system-packages.json"); ts may be NULL, which
 * uses only the copies embedded in the binary.
 */
int detect_project(const char *dir, const struct tstore *ts, cJSON **facts,
		   struct ss_error *err);

/* The same with options (opts may be NULL: defaults). */
int detect_project_opts(const char *dir, const struct tstore *ts, const struct detect_opts *opts,
			cJSON **facts, struct ss_error *err);

/*
 * The plain answers ({key: value}) of the facts found: only the keys of
 * detect_answer_keys, values deep-copied. Caller cJSON_Deletes. Never NULL
 * (an empty object when facts is NULL or holds no answers).
 */
cJSON *detect_answers(const cJSON *facts);

/*
 * Append a readable table of facts to out, one line per fact:
 * "framework           flask  (app.py:9, certain)", then warnings and
 * existing files. For the CLI and the wizard's confirmation screen.
 */
void detect_format_table(const cJSON *facts, struct strbuf *out);

/*
 * The app kind and framework of entrypoint as detection found them: from the
 * candidate apps (notes.candidate_apps) or the detected entrypoint itself.
 * Returns 1 and points *kind ("wsgi", "asgi", "worker") and *framework
 * ("flask", "fastapi", "starlette", "celery", "django") into facts (valid
 * while facts lives) when entrypoint is known; 0 with both NULL otherwise.
 * init and the wizard call it when the answers pick another entrypoint than
 * the detected one, so that kind and framework follow the choice.
 */
int detect_candidate_for_entrypoint(const cJSON *facts, const char *entrypoint,
				    const char **kind, const char **framework);

/*
 * Append s to out with the credentials of every URL in it hidden: the
 * password of a userinfo becomes three stars ("https://user:TOKEN@host" ->
 * "https://user:[stars]@host"), and so does a lone user name of an http(s) URL
 * ("https://TOKEN@host" -> "https://[stars]@host"). A password that is only an
 * environment variable reference ("${PIP_TOKEN}") is kept: it is not a
 * secret. Returns the number of URLs changed. detect_project already applies
 * this to every string of the facts it returns; use it on anything else that
 * echoes a requirements option or URL.
 */
int detect_redact(const char *s, struct strbuf *out);

/*
 * 1 if some release of major.minor satisfies spec, 0 if none does, -1 when
 * spec cannot be read. spec is a PEP 440 specifier set (">=3.9,<3.13",
 * "~=3.10", "==3.11.*") or a Poetry constraint ("^3.10", "~3.11",
 * ">=3.8 <3.12", "3.10 || 3.11"). Used for requires-python.
 */
int detect_spec_allows(const char *spec, int major, int minor);

#endif
