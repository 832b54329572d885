/* Helpers shared by the check suites. */
#ifndef SS_TESTUTIL_H
#define SS_TESTUTIL_H

#include "shipshape/strbuf.h"

/* Path below the source tree / the shared folder, into a static buffer
 * valid until the next call of the same function. */
const char *tu_src(const char *rel);
const char *tu_shared(const char *rel);
/* A fresh empty temporary directory (mkdtemp); caller frees the string. */
char *tu_tmpdir(void);
/* rm -rf dir (best effort). */
void tu_rmrf(const char *dir);
/* Read a file whole into out; aborts the test on failure. */
void tu_slurp(const char *path, struct strbuf *out);
/* Write a file (creating it), aborting the test on failure. */
void tu_spew(const char *path, const char *data);

#endif
