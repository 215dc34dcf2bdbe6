/* data.h — submitted statistics, kept compactly for the rules that need them.
 * Before reading, the model is compiled into a layout: for each indicator a rule reads, the
 * span of years it reads, so each region holds a small fixed array of slots and everything
 * else in the file is counted, checked and let go. Regions are interned once. */
#ifndef MB_DATA_H
#define MB_DATA_H

#include <stddef.h>
#include <stdint.h>

#include "arena.h"
#include "diag.h"
#include "map.h"
#include "model.h"
#include "region_index.h"

/* One stored observation: value = m × 10^exp. 16 bytes. */
typedef struct mb_obs {
    int64_t m;
    uint32_t line;  /* line it came from; with `file`, names it in duplicate messages */
    int8_t exp;
    uint8_t state;  /* MB_OBS_* */
    uint16_t file;
} mb_obs;

/* CONFLICT: rows with different values, or a row for it was rejected (then m is
 * MB_OBS_REJECTED_M): either way no verdict may use it. */
enum { MB_OBS_ABSENT = 0, MB_OBS_PRESENT = 1, MB_OBS_CONFLICT = 2 };
#define MB_OBS_REJECTED_M INT64_MIN /* no value read is ever this (at most 18 digits) */

/* Where each row went. Every row read is counted in exactly one of these. */
typedef struct mb_rowcount {
    size_t rows;             /* data rows read (headers and blank lines not counted) */
    size_t used;             /* stored for a rule */
    size_t unused_indicator; /* indicator no rule or check reads */
    size_t unused_period;    /* period no rule reads (a quarter or month: of an indicator no
                                rule reads by quarters or months) */
    size_t unused_region;    /* region no plan reads (every plan names its regions) */
    size_t duplicate;        /* same region, indicator, period and value as an earlier row */
    size_t rejected;         /* bad row: reported as a submission error */
} mb_rowcount;

/* Distinct regions a store takes by default (docs/limits.md). */
enum { MB_MAX_REGIONS = 10000000 };

typedef struct mb_data {
    const mb_model *model;
    mb_arena arena;
    /* layout */
    size_t nslots;
    int *first_year;         /* per indicator; 0 when nothing of it is stored */
    int *nyears;
    size_t *slot0;
    unsigned char *checked;  /* per indicator: some data check reads single values of it */
    /* Quarters and months, only for indicators a rule reads by them (a target due in a
     * quarter, or a yearly target on a flow or stock assessed before the year ends): per
     * indicator the years kept (sub_nyears 0: none) and the first of their slots, 16 a year
     * (months 1..12, then Q1..Q4: period.h's codes less one). */
    int *sub_first, *sub_nyears;
    size_t *sub0;
    /* regions */
    mb_rix regions;          /* NFKC name -> index + 1 (region_index.h) */
    const char **region_names;
    size_t nregions, region_cap;
    mb_obs *obs;             /* (nregions - live) × nslots: live is 0 unless streaming */
    /* data files (mapped) */
    mb_text **files;
    unsigned char *mapped;   /* per file: 1 mapped (munmap), 0 copied (free) */
    size_t nfiles;
    mb_rowcount count;
    int max_year;            /* latest whole year seen in any row (0: none) */
    int max_period;          /* latest period seen, as year*100 + month (quarter: its last month) */
    mb_span max_period_at;   /* the first row with that period (the default --as-of names it) */
    mb_diags diags;          /* submission errors and warnings */
    mb_map unknown;          /* indicator names seen that no rule reads -> count */
    mb_map unread;           /* region names seen that no plan reads -> count */
    int all_regions;         /* some rule is evaluated for every region in the data */
    int io_error;
    int stdin_read;          /* "-" was read (standard input can be read once) */
    size_t max_regions;      /* refuse more distinct regions than this (MB_MAX_REGIONS) */
    size_t threads;          /* threads a large CSV file may be read on: 0 the cores (at most
                                2), 1 one. Set by the caller; the library reads no environment */
    int refused_region;      /* a row's region was refused (too many, or out of memory) */
    int general_csv;         /* every CSV line through the general reader, none through the
                                plain-row path (ingest_plain.c): for the tests comparing them */
    int general_json;        /* every JSON observation through the full parser and the general
                                row handler, none through the fast path (jsonin_fast.c): the same */
    /* Streaming (set by the caller before reading; eval's region-at-a-time driver,
     * report_stream.c): every region's rows must come together, as in input sorted by region.
     * When the first stored row of a new region arrives, the regions before it are complete
     * and `region_done` is told so; the caller evaluates them and gives their slots back
     * (mb_data_release), so the store holds a window of regions instead of all of them. A row
     * for a region already complete stops reading and sets `unsorted`: the caller then reads
     * again without streaming. Region names stay interned (reports name regions by index). */
    int stream;
    void (*region_done)(void *ctx, struct mb_data *D, size_t upto);
    void *stream_ctx;
    long cur;                /* region of the latest row that named one (-1: none yet) */
    size_t live;             /* regions below this were released: obs holds rows from it on */
    size_t parts_checked;    /* regions below this had their quarters compared (data_subsum.c) */
    size_t obs_cap;          /* rows obs has room for */
    int unsorted;            /* streaming stopped: the input is not grouped by region */
    mb_obs *held;            /* released regions whose slots were kept (reference regions) */
    size_t *held_region;
    size_t nheld;
    /* Streaming on two threads (ingest_file.c, read_csv): the caller's way to stream the
     * second part of a large file into a store of its own. NULL: streaming reads on one thread. */
    const struct mb_stream_split *split;
    int line_named;          /* a message's text names a line number of a row read here (a
                                second part numbers its lines from its own start until the
                                join shifts them: text cannot be shifted, such a part is not
                                kept) */
    size_t split_parts;      /* files whose second part was streamed on its own thread and
                                kept (the CLI shows it under MB_DEBUG=stream, for tests) */
    size_t part_given_back;  /* bytes of a second part's rows given back to the system as they
                                were added to this store (ingest_file.c, merge; for tests) */
    /* One shard of a run spread over machines (eval --shard K/N), or a run merged from such
     * shards (mubiao merge): shard.h. NULL otherwise. */
    struct mb_shard *shard;
} mb_data;

/* Streaming a large CSV file on two threads: the first part into the caller's store, the
 * second into a store S of its own, each evaluated region by region as it is read. `begin`
 * (before reading, on the caller's thread) makes S stream into a sink of its own (setting
 * S->stream, region_done and stream_ctx) and returns it, or NULL when the run must not be
 * split (the file is then read on one thread). `join` (after both parts, on the caller's
 * thread; called once for each part begun) with keep 1 adds the part's verdicts to the
 * caller's when they can be (the part used the caller's as-of and stopped for nothing) and
 * returns 1; otherwise (or with keep 0) it drops them and returns 0, and the second part is
 * read again in order into the caller's store, as on one thread. */
typedef struct mb_stream_split {
    void *(*begin)(void *ctx, struct mb_data *S);
    int (*join)(void *ctx, void *part, int keep);
    void *ctx;
    /* Optional (NULL: none). Called on the caller's thread once the first part is read and
     * its last region evaluated (only when the part may still be kept), while the second
     * part may still be read: the sink may take what the part has finished so far. It
     * returns once *reading is 0 (stored with release ordering when the second part's
     * reading has ended), or earlier; `join` follows as before. */
    void (*follow)(void *ctx, void *part, const _Atomic int *reading);
} mb_stream_split;

mb_data *mb_data_new(const mb_model *m);
void mb_data_free(mb_data *D);
/* Read a CSV or JSON file (by extension; anything else is read as CSV), or every .csv and
 * .json file in a folder, or standard input for "-" (JSON when its first byte other than
 * white space is '[', else CSV). Returns 0 when it was read (row errors are in D->diags). */
int mb_data_load(mb_data *D, const char *path);
/* Read data from memory (for tests and fuzzing); `json` selects the format. */
int mb_data_load_mem(mb_data *D, const char *name, const char *buf, size_t len, int json);
/* For tests: called with each data file's path and descriptor just before it is read. */
extern void (*mb_data_test_hook)(const char *path, int fd);
/* After all files: the checks that need several values (part ≤ whole, compared indicators). */
void mb_data_finish(mb_data *D);

/* Names no rule or plan reads, most rows first (then by name): up to `max` of them from
 * `map` (D->unknown or D->unread) into names/counts. Returns how many there are in all. */
size_t mb_data_top_names(const mb_map *map, size_t max, const char **names, size_t *lens, size_t *counts);

/* Streaming: regions below `upto` are done; their slots are reused, except those of the
 * regions in keep[] (compared with by other regions), which are held until the end.
 * Returns 0 when out of memory for a held region. */
int mb_data_release(mb_data *D, size_t upto, const size_t *keep, size_t nkeep);

/* Index of a region by name (NFKC), or -1. */
long mb_data_region(const mb_data *D, const char *name);
/* The stored observation of indicator `ind` in `year`, or NULL when not in the layout (or,
 * streaming, when the region was released and not held). */
const mb_obs *mb_data_obs(const mb_data *D, size_t region, const mb_indicator *ind, int year);
/* The same for a quarter or month of a year (sub: period.h; 0 is mb_data_obs). */
const mb_obs *mb_data_obs_sub(const mb_data *D, size_t region, const mb_indicator *ind, int year, int sub);
mb_num mb_obs_value(const mb_obs *o);
/* Is region r reported by this run? Not when the run is a shard (eval --shard K/N) and r is
 * another shard's (a region compared with, or a plan's, is in every shard's store). */
int mb_shard_owns(const mb_data *D, size_t r);
const char *mb_data_file_name(const mb_data *D, uint16_t file);

#endif
