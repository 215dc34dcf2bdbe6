/* csv.h — RFC 4180 reader over a byte buffer (usually a mapped file).
 * Zero-copy: unquoted fields point into the buffer; a quoted field with "" escapes is
 * unescaped into a scratch buffer owned by the reader, valid until the callback returns.
 * Positions are byte offsets; line/column are computed only when a diagnostic is printed. */
#ifndef MB_CSV_H
#define MB_CSV_H

#include <stddef.h>
#include <stdint.h>

#include "diag.h"

typedef struct mb_csv_field {
    const char *s;     /* field text, quotes removed */
    size_t n;
    size_t off;        /* byte offset of the field's first byte (its opening quote if quoted) */
    uint32_t line;     /* line of that byte, counted from the reader's first_line */
    size_t line_start; /* byte offset where that line starts */
} mb_csv_field;

/* Called once per record (header included). Return 0 to go on, nonzero to stop reading. */
typedef int (*mb_csv_row_fn)(void *ctx, const mb_csv_field *f, size_t nf);

typedef struct mb_csv_opts {
    size_t start, end;     /* byte range of t->data to read; must start at a record boundary
                            * (end is clipped to t->len) */
    uint32_t first_line;   /* line number of the byte at `start` (1 for a whole file; 0: count
                            * the newlines before start) */
    size_t max_fields;     /* records with more fields are an error (0: 1024) */
    size_t max_field_len;  /* longer fields are an error (0: 1 MiB) */
    uint32_t *end_line;    /* optional: set to the line number at `end` when the reading got
                            * there, 0 when it stopped before (a second part of a split file
                            * learns from the first part's reader where its own lines start) */
} mb_csv_opts;

/* Reads records from t->data[start, end) (o NULL: the whole text, default limits). A UTF-8
 * BOM at offset 0 is skipped; CRLF and LF line ends are accepted; a blank line is skipped.
 * Errors (text after a closing quote, a quote inside an unquoted field, invalid UTF-8, a NUL
 * byte, an over-long field, too many fields) are added to `d` with their position (line and
 * line start filled in, so printing does not rescan the buffer); the bad record is skipped
 * and reading goes on with the next record. An unterminated quoted field is reported once,
 * at its opening quote, and ends the reading: all that follows belongs to that field. Returns
 * the number of records passed to fn, or -1 when fn asked to stop. */
long mb_csv_read(const mb_text *t, const mb_csv_opts *o, mb_csv_row_fn fn, void *ctx,
                 mb_diags *d);

#endif
