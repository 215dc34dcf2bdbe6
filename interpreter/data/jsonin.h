/* jsonin.h — reader for JSON submissions: a top-level array of observation objects
 *
 *   [{"region":"南通市","indicator":"rd_gdp","period":"2018","value":2.74,"unit":"%"}, ...]
 *
 * Each observation reaches the same callback as a CSV record, as MB_JSONIN_NFIELDS fields in
 * a fixed order, so one code path validates both formats. A field's off/line/line_start are
 * those of the member's value (its opening quote for a string), so the caller can point at
 * it. Strings are passed unescaped (UTF-8); numbers as their exact source text ("2.740",
 * "1e3"), never through a double.
 *
 * Members: "region", "indicator" (strings), "period" (string or integer), "value" (number,
 * string holding a decimal, or null: passed as an empty field, like an empty CSV cell) are
 * required; "unit" (string, or null) is optional — when missing, s is NULL, n is 0 and the
 * position is that of the object's '{'. Other members are checked for syntax and ignored.
 *
 * The parser is strict RFC 8259 (escapes incl. surrogate pairs, no trailing commas, no
 * comments, invalid UTF-8 rejected, nesting at most MB_JSONIN_MAX_DEPTH) and also rejects
 * \u0000, which no region or indicator name can hold. A syntax error ends the reading; an
 * observation with a missing, duplicate or ill-typed member, or an array element that is not
 * an object, is reported and skipped. */
#ifndef MB_JSONIN_H
#define MB_JSONIN_H

#include "csv.h"
#include "diag.h"

enum {
    MB_JSONIN_REGION,
    MB_JSONIN_INDICATOR,
    MB_JSONIN_PERIOD,
    MB_JSONIN_VALUE,
    MB_JSONIN_UNIT,
    MB_JSONIN_NFIELDS
};

#define MB_JSONIN_MAX_DEPTH 64

/* Member name of field i (MB_JSONIN_REGION..MB_JSONIN_UNIT), e.g. for messages. */
const char *mb_jsonin_member(int i);

/* Reads the whole of t. A UTF-8 BOM at offset 0 is skipped. Errors are added to `d`.
 * Returns the number of observations passed to fn, or -1 when fn asked to stop. */
long mb_jsonin_read(const mb_text *t, mb_csv_row_fn fn, void *ctx, mb_diags *d);

/* The same, with each observation of the common shape (one line, the known members, strings
 * without escapes: jsonin_fast.h) read by a fast path and passed to `plain` instead of fn,
 * with exactly the fields and positions the full parser would give; every other observation,
 * and every error, is the full parser's. The strings of such a row all point into t. */
long mb_jsonin_read_plain(const mb_text *t, mb_csv_row_fn fn, mb_csv_row_fn plain, void *ctx, mb_diags *d);

#endif
