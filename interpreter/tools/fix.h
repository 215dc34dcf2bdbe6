/* fix.h — applying the fixes diagnostics carry (mb_diag.fix: the text that mends the problem
 * when it replaces fix_span) to a rule text, for `mubiao check --fix`. The fixes are the
 * passes' own (see base/diag.h); nothing here invents one. */
#ifndef MB_FIX_H
#define MB_FIX_H

#include <stddef.h>

#include "diag.h"

/* The text of t with every fix of d that lies in t applied: each once (a fix recorded by
 * several diagnostics, one per phrase, is one edit), in the order of the text; a fix that
 * overlaps one before it is left for another round, since the text it would replace is
 * changed. *out is malloc'd and NUL-terminated (NULL when no fix applies), its length in
 * *len. Returns the number of fixes applied, or -1 when out of memory. */
int mb_fix_apply(const mb_diags *d, const mb_text *t, char **out, size_t *len);

#endif
