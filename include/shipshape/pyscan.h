/*
 * pyscan: a light scan of Python source for the few statements detection
 * cares about. No interpreter: a tokenizer (strings, triple quotes,
 * comments, bracket and backslash continuations) cuts the source into
 * logical lines, and each line is matched against a handful of shapes:
 *
 *   import a.b / from a.b import c      PYSCAN_IMPORT     name "a.b"
 *   x = pkg.Call(arg, ...)              PYSCAN_ASSIGN_CALL name "x", value "pkg.Call",
 *                                                          arg "arg" (string or dotted name)
 *   X = "text"                          PYSCAN_ASSIGN_STR name "X", value "text"
 *   def f(...): / async def f(...):     PYSCAN_DEF        name "f"
 *   if __name__ == "__main__":          PYSCAN_MAIN
 *   @app.get("/path", ...)              PYSCAN_ROUTE      name "app.get", value "/path"
 *   path("health/", ...), f("/x", ...)  PYSCAN_CALL_STR   name "path", value "health/"
 *                                       (calls whose first argument is a string
 *                                       starting with '/', or named path,
 *                                       re_path, url, Route)
 *
 * Each item has its line (1-based), the indentation of its logical line
 * and, inside a top-level def, that function's name as scope.
 */
#ifndef SHIPSHAPE_PYSCAN_H
#define SHIPSHAPE_PYSCAN_H

#include <stddef.h>

enum pyscan_kind {
	PYSCAN_IMPORT,
	PYSCAN_ASSIGN_CALL,
	PYSCAN_ASSIGN_STR,
	PYSCAN_DEF,
	PYSCAN_MAIN,
	PYSCAN_ROUTE,
	PYSCAN_CALL_STR
};

struct pyscan_item {
	enum pyscan_kind kind;
	char *name;  /* see above; NULL for PYSCAN_MAIN */
	char *value; /* see above, or NULL */
	char *arg;   /* PYSCAN_ASSIGN_CALL's first argument, or NULL */
	char *scope; /* enclosing top-level def, or NULL */
	int line;
	int indent;
};

struct pyscan {
	struct pyscan_item *items;
	size_t nr, alloc;
};

/* Strings longer than this are cut (the scan only needs short ones). */
#define PYSCAN_MAX_STRING 512

void pyscan_init(struct pyscan *s);
/* Free everything and leave s in the init state. Accepts NULL. */
void pyscan_release(struct pyscan *s);

/*
 * Scan src (len bytes, need not be NUL-terminated) and append the items
 * found. Never fails: unterminated strings or brackets end the scan at the
 * end of the input; bytes that are not Python are skipped.
 */
void pyscan_source(struct pyscan *s, const char *src, size_t len);

/* 1 if an import of module (or of a submodule of it) was seen. */
int pyscan_imports(const struct pyscan *s, const char *module);

#endif
