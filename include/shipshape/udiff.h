/*
 * udiff: unified diffs (like `diff -u`) between two texts, line by line.
 *
 * Uses Myers' O(ND) shortest edit script (linear space), so the result is
 * a minimal diff, except for long texts with little in common: past a work
 * budget the rest is reported as replaced wholesale (still correct). Hunks
 * carry `context` lines of context and "@@ -a,b +c,d @@" headers.
 * A text whose last line has no newline gets "\ No newline at end of file".
 * Output is deterministic.
 */
#ifndef SHIPSHAPE_UDIFF_H
#define SHIPSHAPE_UDIFF_H

#include <stddef.h>

#include "shipshape/strbuf.h"

/*
 * Append the unified diff of a (alen bytes) and b (blen bytes) to out,
 * with "--- a_label" / "+++ b_label" headers. Appends nothing when the
 * texts are equal. context < 0 means 3.
 */
void udiff_unified(const char *a_label, const char *a, size_t alen,
		   const char *b_label, const char *b, size_t blen, int context,
		   struct strbuf *out);

/* Number of changed lines (deleted + inserted) between a and b. */
size_t udiff_count_changes(const char *a, size_t alen, const char *b, size_t blen);

#endif
