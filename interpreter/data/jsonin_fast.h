/* jsonin_fast.h — the common observation object of a JSON submission, read without the full
 * parser (jsonin_fast.c). Internal to the JSON reader. */
#ifndef MB_JSONIN_FAST_H
#define MB_JSONIN_FAST_H

#include "csv.h"
#include "jsonin.h"

/* Observation objects of the common shape one after the other, from the one at *p (a '{'),
 * each passed to fn as it is read: on one line, members among "region", "indicator",
 * "period", "value" and "unit" each once (the first four required), strings without escapes
 * or control characters (valid UTF-8), a JSON number or null where its member allows one,
 * blanks and tabs at most between the pieces. The fields are exactly those the full parser
 * would give, positions included. Between two objects only a comma and white space. Stops before an object that is
 * not common, at a ']' or anything else, or when fn asks to stop (*stop set). *p, *line and
 * *ls are then those of the end of the last object passed (unchanged when none was), where
 * the full parser goes on. Returns the number of objects passed. */
long mb_jsonin_fast_run(const unsigned char *b, size_t n, size_t *p, uint32_t *line, size_t *ls,
                        mb_csv_row_fn fn, void *ctx, int *stop);

#endif
