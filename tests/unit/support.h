/* support.h — helpers shared by the Criterion suites. */
#ifndef MB_TEST_SUPPORT_H
#define MB_TEST_SUPPORT_H

#include <stddef.h>

#include "diag.h"

/* Render all diagnostics as the command would print them (no colour); caller frees. */
char *mbt_diags_text(const mb_diags *d);
/* Path of a file in the source tree (MB_SOURCE_DIR); returns a static buffer. */
const char *mbt_src_path(const char *rel);
/* Whole file contents, NUL-terminated; caller frees. */
char *mbt_read_file(const char *path, size_t *len);

#endif
