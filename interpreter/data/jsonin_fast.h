/* jsonin_fast.h — the common observation object of a JSON submission, read without the full
 * parser (jsonin_fast.c). Internal to the JSON reader. */
#ifndef MB_JSONIN_FAST_H
#define MB_JSONIN_FAST_H

#include "csv.h"
#include "jsonin.h"

/* The observation object whose '{' is at b[p], when it has the common shape: on one line,
 * members among "region", "indicator", "period", "value" and "unit" each once (the first four
 * required), strings without escapes or control characters (valid UTF-8), a JSON number or
 * null where its member allows one, blanks and tabs at most between the pieces. Then f holds
 * the fields exactly as the full parser would give them (positions on `line`, which starts at
 * offset ls) and the offset just after the '}' is returned. Anything else returns 0 and
 * leaves the object to the full parser, which says what is wrong with it. */
size_t mb_jsonin_fast_obs(const unsigned char *b, size_t n, size_t p, uint32_t line, size_t ls,
                          mb_csv_field f[MB_JSONIN_NFIELDS]);

#endif
