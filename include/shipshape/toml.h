/*
 * toml: a strict TOML 1.0 reader for the core.
 *
 * Detection reads pyproject.toml and Pipfile through this module. The input
 * is a byte buffer with a length (it need not be NUL-terminated; an embedded
 * NUL is an error). The parser walks it with a bounds-checked cursor, limits
 * the nesting of arrays and inline tables to TOML_MAX_DEPTH, validates UTF-8
 * and enforces every TOML 1.0 rule (duplicate keys, table redefinition,
 * extending inline tables or static arrays, int64 range, ...). The first
 * problem fails the whole parse with file, line and column in the error,
 * e.g. "pyproject.toml:3:12: invalid escape '\q' in string".
 */
#ifndef SHIPSHAPE_TOML_H
#define SHIPSHAPE_TOML_H

#include <stddef.h>

#include <cjson/cJSON.h>

#include "shipshape/error.h"

/* Deepest nesting accepted: no value sits more than this many tables or
 * arrays (headers, dotted keys, inline tables, arrays) below the root. */
#define TOML_MAX_DEPTH 128

/*
 * Parse TOML 1.0 into plain cJSON: tables -> objects, arrays -> arrays,
 * strings -> strings, integers/floats -> numbers, booleans -> bools,
 * date-times, dates and times -> strings (their RFC 3339 text as written,
 * with a 'T' separator, an upper-case 'Z'). Keys keep their document order.
 * Integers become doubles (exact up to 2^53; use the tagged form for
 * exactness); inf and nan stay doubles (cJSON prints them as null). cJSON
 * strings end at a NUL, so a string or key holding U+0000 (written as an
 * escape) is cut there. filename (may be NULL) is used in errors.
 * On success returns 0 and *out is a new object the caller frees with
 * cJSON_Delete. On failure returns SS_ERR_INPUT, fills err (file, 1-based
 * line and column, counted in characters, of the offending spot, message)
 * and sets *out to NULL. err may be NULL.
 */
int toml_parse(const char *src, size_t len, const char *filename, cJSON **out,
	       struct ss_error *err);

/*
 * The same, in toml-test's tagged JSON form: every scalar becomes
 * {"type": T, "value": "TEXT"} with T one of string, integer, float, bool,
 * datetime, datetime-local, date-local, time-local. Integers keep their
 * exact decimal text (int64), floats are written with enough digits to
 * round-trip ("inf", "-inf", "nan" for the specials). Ownership and errors
 * as for toml_parse.
 */
int toml_parse_tagged(const char *src, size_t len, const char *filename, cJSON **out,
		      struct ss_error *err);

/*
 * Line (1-based) where the dotted key path (e.g. "tool.poetry.dependencies"
 * or "project.name") was defined: the table header, or the key/value line,
 * or the first line that created it implicitly through a dotted key or a
 * sub-table header. Path components that need quoting in TOML are matched
 * by their decoded text; a component containing '.' cannot be addressed.
 * A path through an array of tables goes into its first table.
 * Returns 0 when the path is absent or the document does not parse.
 */
int toml_key_line(const char *src, size_t len, const char *dotted_path);

/*
 * The same for a path given as its decoded parts, so that a key holding a
 * dot can be addressed: {"packages", "zope.interface"}. A NULL part
 * matches the empty key. Returns 0 when absent, unparsable or nparts == 0.
 */
int toml_key_line_parts(const char *src, size_t len, const char *const *parts, size_t nparts);

#endif
