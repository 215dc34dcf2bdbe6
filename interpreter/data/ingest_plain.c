/* ingest_plain.c — reading a CSV submission: its plain rows without the general reader.
 *
 * Nearly every row of a large submission is plain: unquoted ASCII fields, as many as the
 * header has, on one line of at most 64 bytes ("R000001,rd_gdp,2013,1.50"). For such a row
 * all the tokenising there is to do is to find its newline and its commas, and nothing in
 * it can be an error of the CSV syntax. This file finds them with four 16-byte compares
 * (ingest_scan.h) and hands the fields straight to the row handler — under the usual header
 * (region,indicator,period,value) the handler's own loop, mb_ingest_plain_lines, takes the
 * lines of three commas itself; every other line — a quote, a byte
 * from 0x80 (UTF-8, checked by the general reader), a NUL, a blank line, a field count
 * other than the header's, a longer line, the last 64 bytes of the file — goes to the
 * general reader (csv.c) on its own, so its errors, their positions and the row counts are
 * exactly those of reading the whole file with it (test_ingest, test_hostile and the
 * benchmark identity tests compare them).
 *
 * Measured on the benchmark's 100,000-region file (one thread, CPU time): see
 * bench/README.md, "How it gets there". */
#include <string.h>

#include "ingest.h"
#include "ingest_scan.h"

/* The line at `at` through the general reader. Returns 0 to go on, 1 when the row handler
 * asked to stop. */
static int general(ingest *g, size_t at, size_t end, uint32_t line)
{
    mb_csv_opts o = {.start = at, .end = end, .first_line = line, .end_line = &g->end_line};
    return mb_csv_read(g->t, &o, mb_ingest_row, g, &g->D->diags) < 0;
}

/* The rest of the range, from a line that may hold a quote, through the general reader. In
 * the first part of a split file a quote means a quoted field may span the split point:
 * reading goes on to quote_end, so that such a record is read whole (ingest.h). */
static void general_rest(ingest *g, size_t at, size_t end, uint32_t line)
{
    if (g->quote_end > end && memchr(g->t->data + at, '"', end - at)) {
        g->quote_seen = 1;
        end = g->quote_end;
    }
    general(g, at, end, line);
}

/* Reads plain rows from `p` on while there are; returns the offset of the first line that is
 * not one (or `end`), with *line its number. *stop is set when the row handler asked to stop. */
static size_t plain_rows(ingest *g, size_t p, size_t end, size_t safe, uint32_t *line, int *stop)
{
    const unsigned char *b = (const unsigned char *)g->t->data;
    const size_t nf = g->ncols;
    mb_csv_field f[NCOLS];
    while (p < safe) {
        /* The usual header: its lines of three commas and no CR are split where they are
         * handled; here come the others. */
        if (g->layout4) {
            p = mb_ingest_plain_lines(g, p, end, safe, line, stop);
            if (*stop || p >= safe) return p;
        }
        uint64_t commas, odd;
        size_t len = mb_plain_scan(b + p, &commas, &odd);
        uint64_t in = (UINT64_C(1) << len) - 1; /* len < 64 */
        if (!len || p + len >= end || (odd & in)) break;
        if (len == 1 && b[p] == '\r') break; /* a blank line, CRLF */
        commas &= in;
        size_t fs = p, i = 0;
        for (; i < nf; i++) {
            size_t fe = p + len;
            if (i + 1 < nf) {
                if (!commas) break; /* fewer fields than the header's */
                fe = p + (size_t)__builtin_ctzll(commas);
                commas &= commas - 1;
            }
            /* the general reader's rule for CRLF: a CR before the newline ends a non-empty last field */
            size_t n = fe - fs - (i + 1 == nf && fe > fs && b[fe - 1] == '\r');
            f[i].s = (const char *)b + fs;
            f[i].n = n;
            f[i].off = fs;
            f[i].line = *line;
            f[i].line_start = p;
            fs = fe + 1;
        }
        if (i < nf || commas) break; /* a field count the general path reports */
        if (mb_ingest_plain_row(g, f, nf)) { *stop = 1; return p; }
        p += len + 1;
        ++*line;
    }
    return p;
}

void mb_ingest_csv(ingest *g, const mb_csv_opts *o)
{
    const mb_text *t = g->t;
    const char *d = t->data;
    size_t p = o->start, end = o->end < t->len ? o->end : t->len;
    uint32_t line = o->first_line ? o->first_line : mb_text_pos(t, p).line;
    if (!g->header_done) {
        /* The header through the general reader; where it ends is known when its first line
         * holds no quote (a quoted header may span lines: then everything goes that way). */
        const char *nl = memchr(d + p, '\n', end - p);
        if (!nl || memchr(d + p, '"', (size_t)(nl - (d + p)))) { general(g, p, end, line); return; }
        size_t he = (size_t)(nl - d) + 1;
        if (general(g, p, he, line)) return;
        p = he;
        line++;
        if (!g->header_done) { general_rest(g, p, end, line); return; } /* blank lines before it */
    }
    if (g->D->general_csv || g->json || g->bad_header || g->ncols < 1 || g->ncols > NCOLS) { general_rest(g, p, end, line); return; }
    /* the last bytes of the text cannot be read 64 at a time */
    size_t safe = t->len >= MB_PLAIN_SPAN ? t->len - MB_PLAIN_SPAN + 1 : 0;
    while (p < end) {
        int stop = 0;
        p = plain_rows(g, p, end, safe, &line, &stop);
        if (stop || p >= end) {
            g->end_line = stop ? 0 : line;
            return;
        }
        /* One line for the general reader; with a quote in it, a field may span lines, so the
         * rest of the range goes there. */
        const char *nl = memchr(d + p, '\n', end - p);
        if (!nl || p >= safe || memchr(d + p, '"', (size_t)(nl - (d + p)))) { general_rest(g, p, end, line); return; }
        size_t ne = (size_t)(nl - d) + 1;
        if (general(g, p, ne, line)) return;
        p = ne;
        line++;
    }
    g->end_line = line;
}
