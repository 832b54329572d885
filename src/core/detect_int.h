/*
 * detect_int: what the detect_*.c files share (not a public interface).
 *
 * One struct detect_ctx lives for one detect_project call: the file list
 * from the walk, the facts object being built, and the parsed inputs the
 * later steps reuse (dependencies, Procfile, Python scan results).
 */
#ifndef SHIPSHAPE_DETECT_INT_H
#define SHIPSHAPE_DETECT_INT_H

#include <stddef.h>

#include <cjson/cJSON.h>

#include "shipshape/detect.h"
#include "shipshape/ini.h"
#include "shipshape/procfile.h"
#include "shipshape/pyscan.h"
#include "shipshape/strbuf.h"
#include "shipshape/yamlsub.h"

/* A dependency named by the project (direct, from any manifest). */
struct detect_dep {
	char *canonical; /* PEP 503 name */
	char *source;    /* "requirements.txt:3" */
	int no_binary;   /* 1: a --no-binary option covers it; -1: a conda package */
};

/* A scanned Python file. */
struct detect_py {
	char *rel;     /* "src/pkg/main.py" */
	char *module;  /* "pkg.main" (src/ stripped, __init__ -> package) */
	struct pyscan scan;
};

struct detect_ctx {
	const char *dir;        /* as given */
	char *root;             /* realpath of dir */
	const struct tstore *ts;
	size_t cap;
	char today[11];

	char **files;           /* every regular file found, relative, sorted per directory */
	size_t nfiles, files_alloc;
	char **index;           /* the same strings sorted globally, for detect_has_file */
	int truncated;

	struct detect_py *py;   /* scanned Python files */
	size_t npy, py_alloc;

	struct detect_dep *deps;
	size_t ndeps, deps_alloc;

	struct procfile procfile;
	int have_procfile;

	/* manifests, parsed once (NULL / 0 when absent or unreadable) */
	cJSON *pyproject;
	struct strbuf pyproject_src;
	cJSON *pipfile;
	struct strbuf pipfile_src;
	struct ini setup_cfg;
	int have_setup_cfg;
	struct yaml_node *envyml;
	const char *envyml_name;

	char *repo_up;          /* "../../" prefix to the repository root, or NULL */

	cJSON *facts, *warnings, *existing, *notes;
	struct strbuf tmp;
};

/* The walk (detect.c). */
int detect_has_file(const struct detect_ctx *c, const char *rel);
/* Read rel (relative to dir) with the cap and symlink checks; on failure a warning is
   added and -1 returned. out is replaced. */
int detect_read(struct detect_ctx *c, const char *rel, struct strbuf *out);
void detect_warn(struct detect_ctx *c, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* Set facts[key] unless already set. value is taken over (deleted when not used). */
void detect_fact(struct detect_ctx *c, const char *key, cJSON *value, const char *file, int line,
		 const char *confidence);
/* The same, with a "note" field explaining the value. */
void detect_fact_note(struct detect_ctx *c, const char *key, cJSON *value, const char *file,
		      int line, const char *confidence, const char *note);
/* Facts[key]["value"] or NULL. */
const cJSON *detect_value(const struct detect_ctx *c, const char *key);
const char *detect_value_str(const struct detect_ctx *c, const char *key);
void detect_note_add(struct detect_ctx *c, const char *list, const char *text);
/* Add a dependency (deduplicated by canonical name; the first source wins). */
void detect_add_dep(struct detect_ctx *c, const char *name, const char *file, int line,
		    int no_binary);
const struct detect_dep *detect_find_dep(const struct detect_ctx *c, const char *canonical);

/* Steps, in the order detect_project runs them. */
void detect_load_manifests(struct detect_ctx *c);     /* detect_deps.c */
void detect_release_manifests(struct detect_ctx *c);  /* detect_deps.c */
void detect_python_version(struct detect_ctx *c);     /* detect_pyver.c */
void detect_dependencies(struct detect_ctx *c);       /* detect_deps.c */
void detect_system_packages(struct detect_ctx *c);    /* detect_deps.c */
void detect_application(struct detect_ctx *c);        /* detect_app.c */
void detect_server_dependency(struct detect_ctx *c);  /* detect_deps.c, after the app */

/* Small helpers shared by the steps. */
/* A string at a dotted path in a cJSON object ("project.requires-python"), or NULL. */
const cJSON *detect_json_path(const cJSON *root, const char *dotted);
/* Line of a dotted key in a TOML source (1 when unknown). */
int detect_toml_line(const struct strbuf *src, const char *dotted);
/* 1 if s ends with suffix. */
int detect_ends_with(const char *s, const char *suffix);

#endif
