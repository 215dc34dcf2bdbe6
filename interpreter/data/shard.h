/* shard.h — one run of eval spread over N machines (eval --shard K/N) and put back together
 * (mubiao merge). A region belongs to shard (FNV-1a 64 of its NFKC name mod N) + 1, so every
 * machine agrees without talking to the others. A shard reads every row but keeps, counts and
 * reports only its own regions' (plus the rows of regions compared with, which every shard
 * stores for its own verdicts and none counts but their owner). Rows that name no region it
 * can tell (a row with the wrong number of fields) and the reader's own errors (a quote left
 * open, a bad header, a file that cannot be read) are shard 1's. What a shard writes is its
 * part of the store as it was before the checks across values (mb_data_finish): merge
 * rebuilds the whole store from the parts and runs those checks and the evaluation itself, so
 * its report is the unsharded one byte for byte (docs/scale.md). */
#ifndef MB_SHARD_H
#define MB_SHARD_H

#include <stdint.h>
#include <stdio.h>

#include "data.h"
#include "ingest.h"

/* A line of a data file a diagnostic points at, as merge holds it: in the file's rebuilt
 * text at `off` (the lines carried, one after another, each after a newline). */
typedef struct mb_shard_line { uint16_t file; uint32_t line; size_t off, len; } mb_shard_line;

typedef struct mb_shard {
    unsigned k, n;
    mb_map refs;                 /* NFKC names of the regions rules compare with */
    char memo[128];              /* the previous row's region field, as written, and its shard */
    size_t memo_n;
    int memo_ok, memo_ref;
    unsigned memo_owner;
    uint16_t at_file;            /* the row being read */
    uint32_t at_line;
    size_t reg0;                 /* regions made before reading (the plans' own) */
    uint16_t *reg_file;          /* per region from reg0: its first row */
    uint32_t *reg_line;
    size_t reg_cap;
    size_t *own, nown, own_cap;  /* D->diags indices of the diagnostics of this shard's rows */
    size_t row_errors, row_warnings;
    size_t diag_seen;            /* diagnostics looked at for a place (below) */
    size_t *at_diag, nat, at_cap;  /* diagnostics without a place (a file that cannot be read) */
    uint16_t *at_file_of;        /*   and the file whose rows came after them */
    unsigned char *owned;        /* per region after reading: this shard's */
    size_t nowned;
    char *pre;                   /* the part of the store, written before mb_data_finish */
    size_t pre_len;
    mb_shard_line *lines;        /* merged: the lines carried, by file and line */
    size_t nlines;
} mb_shard;

/* Which of n shards a region's NFKC name belongs to: 1..n. */
unsigned mb_shard_of(const char *key, size_t n, unsigned nshards);

/* Make D a shard: call after mb_data_new, before reading. Returns 0 when out of memory. */
int mb_shard_begin(mb_data *D, unsigned k, unsigned n);
/* The row hook of the readers (ingest.c): keeps, shadows or skips the row. */
int mb_shard_row(ingest *g, const mb_csv_field *f, size_t nf, int plain);
/* A region was made while reading row (file, line): its first row (ingest.c). */
void mb_shard_note_region(mb_data *D, size_t r);
/* After reading, before mb_data_finish: the shard's diagnostics only, and its part of the
 * store written down (what merge needs). Returns 0 when out of memory. */
int mb_shard_settle(mb_data *D, const char *rules_digest);
/* The "shard" object (after mb_data_finish: the lines its diagnostics point at are in it). */
void mb_shard_write(FILE *out, const mb_data *D);
void mb_shard_free(mb_data *D);

/* Rebuild D (new, nothing read) from shard files: 0, or -1 with the reason in err. The caller
 * then runs mb_data_finish. */
int mb_shard_merge(mb_data *D, const char *const *paths, size_t n, const char *rules_digest, char *err, size_t errlen);
/* Merged: the span of a line of a data file (mb_ingest_line_span), from the lines carried. */
mb_span mb_shard_line_span(const mb_data *D, uint16_t file, uint32_t line);

/* SHA-256 (hex) of the rule texts a model was read from, in order. */
void mb_shard_rules_digest(const mb_model *m, char out[65]);

#endif
