/* ingest.h — reading submission files into the store (internal to the data layer). */
#ifndef MB_INGEST_H
#define MB_INGEST_H

#include "csv.h"
#include "data.h"

enum { COL_REGION, COL_INDICATOR, COL_PERIOD, COL_VALUE, COL_UNIT, NCOLS };

/* Rows of one name come in runs (sorted input): counted here, added to a map when the name
 * changes. */
typedef struct mb_name_run { const char *s; size_t n; uintptr_t count; } mb_name_run;

/* Indicator names already looked up by the plain path (ingest.c, plain_indicator). */
enum { MB_IND_MEMO_BITS = 8 }; /* 256 entries: few collisions among dozens of names */
typedef struct mb_ind_memo { uint64_t w[3]; size_t n; const mb_indicator *ind; int filled; } mb_ind_memo;

/* What reading one file (or one part of it) needs to know. */
typedef struct ingest {
    mb_data *D;
    const mb_text *t;
    uint16_t file;
    int json, header_done, bad_header;
    int col[NCOLS];          /* column index of each field, -1 when absent */
    size_t ncols;
    /* The previous row's names, when they point into the mapped file: sorted input repeats
     * them row after row, so most rows need no hash lookup. */
    const char *reg_s; size_t reg_n; long reg_r;
    const char *ind_s; size_t ind_n; const mb_indicator *ind;
    const char *unit_s; size_t unit_n; int unit_shift; const char *unit_err; const mb_indicator *unit_ind;
    /* Mapped files: pages already read are given back as reading advances, so a 500 MB file
     * does not stay resident (the kernel's page cache keeps it; diagnostics re-read it). */
    size_t released, release_end;
    mb_name_run unk, unread; /* the current run of an unknown indicator, an unread region */
    mb_ind_memo memo[1 << MB_IND_MEMO_BITS];
    size_t own_errors;       /* errors this file's rows caused here (the rest are the reader's) */
    size_t errors0;          /* errors before this file was read */
    int changed;             /* the mapped file changed while it was read: reading stopped */
    int sharded;             /* the row is past the shard's hook (shard.h) */
    int layout4;             /* the header is region,indicator,period,value: mb_ingest_plain_lines */
    /* The first part of a file split in two (ingest_file.c): the split point is a record
     * boundary only when no quoted field spans it, which is certain when the part holds no
     * quote. quote_end nonzero: at the first quote met, set quote_seen and read on to
     * quote_end, in order, as one thread would. end_line: the line number at the end of the
     * range read (0: reading stopped before it), where the second part's lines start. */
    size_t quote_end;
    int quote_seen;
    uint32_t end_line;
} ingest;

/* The row callback for mb_csv_read and mb_jsonin_read: ctx is an ingest. */
int mb_ingest_row(void *ctx, const mb_csv_field *f, size_t nf);

/* Does the row name an indicator a rule reads (stored, not derived)? A shard stores only those
 * of a region compared with that another shard owns (data_shard.c). */
int mb_ingest_row_read(ingest *g, const mb_csv_field *f, size_t nf);

/* A plain row (ingest_plain.c: unquoted ASCII fields, as many as the header names, a
 * header with every required column) of the common kind — an indicator no rule reads, or one
 * a rule reads with no data check on single values, no unit, an unpadded region name, a year,
 * a plain decimal — is counted and stored here without the general path's copies and
 * tests. Any other row goes to mb_ingest_row, which would do the same with a row of that kind:
 * the answers and messages are the general path's. Returns what mb_ingest_row returns. */
int mb_ingest_plain_row(ingest *g, const mb_csv_field *f, size_t nf);

/* The plain lines from offset p on when the header is exactly region,indicator,period,value
 * (ingest.layout4), each as mb_ingest_plain_row would take its four fields: while a line
 * starts before `safe`, ends before `end`, is plain (ingest_plain.c) and has three commas and
 * no CR before its newline. Returns the offset of the first line it did not take, with *line
 * its number; *stop is set when the row handler asked to stop (then at that row's line).
 * The loop is here, beside the handler, so that a row costs no call. */
size_t mb_ingest_plain_lines(ingest *g, size_t p, size_t end, size_t safe, uint32_t *line, int *stop);

/* Read the records of g's CSV text in o's range (header first, when not yet read) through
 * mb_ingest_row: plain rows directly (ingest_plain.c), every other line through mb_csv_read. */
void mb_ingest_csv(ingest *g, const mb_csv_opts *o);

/* Intern a region by name; returns its index or -1 (out of memory, too many regions). */
long mb_data_intern(mb_data *D, const char *name, size_t n);
void mb_ingest_unmap(mb_data *D);
/* Count the pending runs of unknown indicator and unread region names (at the end of
 * reading). */
void mb_ingest_flush(ingest *g);
/* Give back the pages of g's mapped text before offset `upto`. */
void mb_ingest_release(ingest *g, size_t upto);
/* A whole line of a data file, found by its number (for diagnostics only: it scans). */
mb_span mb_ingest_line_span(const mb_data *D, uint16_t file, uint32_t line);
/* Mapped files are guarded against SIGBUS (ingest_guard.c): register a mapping (0: no room),
 * ask whether it changed (a SIGBUS hit it), forget it before munmap. */
int mb_guard_add(const void *start, size_t len);
int mb_guard_changed(const void *start);
void mb_guard_drop(const void *start);
/* fn(arg), returning 1 instead when a guarded mapping faulted on this thread meanwhile. */
int mb_guard_run(void (*fn)(void *), void *arg);

/* Add `add` rows to name s in a count map (D->unknown, D->unread); at most 1000 names. */
void mb_ingest_count_name(mb_data *D, mb_map *map, const char *s, size_t n, uintptr_t add);
/* Warnings for names that differ from a name the rules read only in white space. */
void mb_ingest_near_names(mb_data *D);
/* Warnings for submitted base-year values that differ from a rule's printed one (data_printed.c). */
void mb_data_check_printed(mb_data *D);
/* Warnings for a flow's yearly value that differs from the sum of its four quarters or twelve
 * months, for regions [from, to) while their rows are still live (data_subsum.c). */
void mb_data_check_parts(mb_data *D, size_t from, size_t to);

#endif
