#define _GNU_SOURCE /* memmem */
/* ingest.c — submission files into the store. Every row ends in exactly one count of
 * mb_rowcount; a bad row is reported where it is and never stored. */
#include "ingest.h"

#include <dirent.h>
#include <stdarg.h>
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>
#if defined(__SSE2__)
#include <emmintrin.h>
#endif

#include "csv.h"
#include "ingest_scan.h"
#include "ingest_value.h"
#include "period.h"
#include "shard.h"
#include "jsonin.h"
#include "text.h"
#include "xalloc.h"

static const char *const COLS[NCOLS] = {"region", "indicator", "period", "value", "unit"};

/* ---- regions ------------------------------------------------------------------------- */

static int grow_names(mb_data *D)
{
    size_t nc = D->region_cap ? D->region_cap * 2 : 1024;
    const char **nn = mb_realloc(D->region_names, nc * sizeof *nn);
    if (!nn) return 0;
    D->region_names = nn;
    D->region_cap = nc;
    return 1;
}

/* Rows of slots: one per region, or, streaming, one per region not yet released. */
static int grow_obs(mb_data *D)
{
    size_t nc = D->obs_cap ? D->obs_cap * 2 : 1024;
    /* Not zeroed here: each region's row is cleared when the region is made, so capacity
     * that is never used is never touched (and never resident). */
    mb_obs *no = mb_realloc(D->obs, nc * D->nslots * sizeof *no + 1);
    if (!no) return 0;
    D->obs = no;
    D->obs_cap = nc;
    return 1;
}

/* Room for one more region: under the cap, its name and its row of slots. */
static int room_for_region(mb_data *D)
{
    if (D->nregions >= D->max_regions) return 0;
    if (D->nregions == D->region_cap && !grow_names(D)) return 0;
    return D->nregions - D->live < D->obs_cap || grow_obs(D);
}

long mb_data_intern(mb_data *D, const char *name, size_t n)
{
    size_t hit = mb_rix_get(&D->regions, name, n);
    if (hit) return (long)hit - 1; /* as written is already the key (ASCII, or NFKC text) */
    size_t kn = n;
    char *k = mb_nfkc(name, n, &kn);
    if (!k) return -1;
    /* a name that is its own NFKC form (ASCII) was just looked up */
    int own = kn == n && !memcmp(k, name, n);
    size_t v = own ? 0 : mb_rix_get(&D->regions, k, kn);
    if (v) { free(k); return (long)v - 1; }
    /* such a name is also shown as written: one copy serves as both */
    const char *shown = own ? NULL : mb_arena_strndup(&D->arena, name, n);
    const char *key = (own || shown) && room_for_region(D) ? mb_rix_add(&D->regions, &D->arena, k, kn) : NULL;
    free(k);
    if (!key) return -1;
    D->region_names[D->nregions] = own ? key : shown;
    memset(D->obs + (D->nregions - D->live) * D->nslots, 0, D->nslots * sizeof *D->obs);
    if (D->shard) mb_shard_note_region(D, D->nregions);
    return (long)D->nregions++;
}

/* Streaming: a row names region r. A region after the current one means the regions before
 * it are complete (the caller may evaluate and release them); one before it (a region whose
 * rows were interrupted) means the input is not grouped by region. 0: stop reading. */
static int stream_at(mb_data *D, long r)
{
    if (D->unsorted) return 0;
    /* the current region, unless it was released already (a split file's first part ends
     * with its region evaluated, ingest_file.c): its rows cannot be added to it any more */
    if (r == D->cur && (size_t)r >= D->live) return 1;
    if (r <= D->cur) { D->unsorted = 1; return 0; }
    D->cur = r;
    if (D->region_done) D->region_done(D->stream_ctx, D, (size_t)r);
    return 1;
}

/* A region's row of slots (the region is not released). */
static inline mb_obs *slots(mb_data *D, long r) { return D->obs + ((size_t)r - D->live) * D->nslots; }

/* ---- one file ------------------------------------------------------------------------ */



/* A field's span in the text: a quoted field from its opening to its closing quote. */
static mb_span fspan(const ingest *g, const mb_csv_field *f)
{
    const char *d = g->t->data;
    size_t len = g->t->len, end = f->off + (f->n ? f->n : 1);
    if (!g->json && f->off < len && d[f->off] == '"') {
        end = f->off + 1;
        while (end < len && !(d[end] == '"' && (end + 1 >= len || d[end + 1] != '"'))) end += d[end] == '"' ? 2 : 1;
        end++;
    }
    return (mb_span){g->t, f->off, end > len ? len : end, f->line, f->line_start};
}

/* Every error a row causes goes through here, so the errors the reader reported (records it
 * skipped before they reached us) can be told apart and counted as rejected rows. */
static void row_error(ingest *g, mb_code code, mb_span sp, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));
static void row_error(ingest *g, mb_code code, mb_span sp, const char *fmt, ...)
{
    char msg[512];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    g->own_errors++;
    mb_diag_add(&g->D->diags, code, sp, "%s", msg);
}

static void reject(ingest *g, mb_code code, const mb_csv_field *f, const char *fmt, const char *a)
{
    g->D->count.rejected++;
    row_error(g, code, fspan(g, f), fmt, a);
}

static int in_map(const ingest *g, const char *s) { return s >= g->t->data && s < g->t->data + g->t->len; }

/* The bits of the first n bytes (n <= 8) of a word loaded from memory. */
static inline uint64_t first_bytes(size_t n)
{
    if (!n) return 0;
#if __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
    return ~UINT64_C(0) >> (64 - 8 * n); /* the first bytes in memory are the low ones */
#else
    return ~UINT64_C(0) << (64 - 8 * n);
#endif
}

#if !defined(__SSE2__)
/* Do the first n bytes (n <= 8) of two words loaded from memory differ? */
static inline int words_differ(uint64_t a, uint64_t b, size_t n) { return ((a ^ b) & first_bytes(n)) != 0; }
#endif

/* Is s[0..n) the name `was` (of length wn)? Sorted input repeats the previous row's region
 * and indicator, so nearly every row asks this three times, for names of a few bytes. A
 * byte loop mispredicts its exit on every changed name and the C library's memcmp is built
 * for long runs (measured: 6% of the benchmark's time in memcmp calls, then as much in the
 * loop); names of up to 16 bytes are compared as 16 bytes at once instead. Reading 16 bytes from
 * each start is safe when both lie in the text at least 16 bytes before its end: the cached
 * name always points into the text, and a field does unless it was unescaped elsewhere. */
static inline int same_name(const ingest *g, const char *s, size_t n, const char *was, size_t wn)
{
    if (!was || n != wn) return 0;
    const char *lo = g->t->data, *hi = g->t->data + g->t->len;
    if (n <= 16 && s >= lo && s + 16 <= hi && was + 16 <= hi) {
#if defined(__SSE2__)
        /* One 16-byte compare (SSE2 is in the x86-64 baseline): a bit for each equal byte,
         * and the first n must all be set. Half the instructions of the two masked words,
         * whose masks take a variable shift and two selects (the three comparisons of a
         * row were about 50 instructions of it). */
        __m128i a = _mm_loadu_si128((const __m128i *)(const void *)s);
        __m128i b = _mm_loadu_si128((const __m128i *)(const void *)was);
        unsigned eq = (unsigned)_mm_movemask_epi8(_mm_cmpeq_epi8(a, b));
        return (~eq & ((1u << n) - 1)) == 0;
#else
        uint64_t a0, a1, b0, b1;
        memcpy(&a0, s, 8);
        memcpy(&b0, was, 8);
        memcpy(&a1, s + 8, 8);
        memcpy(&b1, was + 8, 8);
        return !(words_differ(a0, b0, n < 8 ? n : 8) | words_differ(a1, b1, n > 8 ? n - 8 : 0));
#endif
    }
    return memcmp(s, was, n) == 0;
}

/* Could byte c start (first) or end (last) a white space character? Unicode white space
 * starts with 0xC2, 0xE1, 0xE2 or 0xE3 (U+3000, the ideographic space of CJK input) and ends
 * in a byte from 0x80 to 0xAF; control bytes go to the exact test too. A few instructions:
 * this runs for three fields of every row a rule reads. */
static inline int may_space(unsigned char c, int first)
{
    return c <= ' ' || (first ? c == 0xC2 || (unsigned)(c - 0xE1) < 3 : (unsigned)(c - 0x80) < 0x30);
}

/* Fields are rarely padded: test the two ends before looping. */
static inline void trim(const char **s, size_t *n)
{
    if (!*n || (!may_space((unsigned char)(*s)[0], 1) && !may_space((unsigned char)(*s)[*n - 1], 0))) return;
    mb_space_trim(s, n);
}

static int header(ingest *g, const mb_csv_field *f, size_t nf)
{
    g->header_done = 1;
    g->ncols = nf;
    for (int c = 0; c < NCOLS; c++) g->col[c] = -1;
    size_t reader = g->D->diags.errors - g->errors0 - g->own_errors;
    if (reader) {
        /* The reader dropped the first record: this one is a data row, and taking it for the
         * header would only add a false "no 'region' column". */
        g->own_errors += reader; /* the header is no data row: not counted as rejected */
        row_error(g, MB_D_HEADER_UNREADABLE, mb_span_at(g->t, 0, 0), "the header row could not be read (see the error above): "
                  "no row of this file is read");
        g->bad_header = 1;
        return 1;
    }
    for (size_t i = 0; i < nf; i++) {
        const char *s = f[i].s;
        size_t n = f[i].n;
        trim(&s, &n);
        for (int c = 0; c < NCOLS; c++) {
            if (n != strlen(COLS[c]) || strncasecmp(s, COLS[c], n) != 0) continue;
            if (g->col[c] >= 0) {
                row_error(g, MB_D_HEADER_TWICE, fspan(g, &f[i]), "the header names '%s' twice (columns %d and %zu): "
                          "which one holds the data?", COLS[c], g->col[c] + 1, i + 1);
                g->bad_header = 1;
                return 1;
            }
            g->col[c] = (int)i;
        }
    }
    for (int c = 0; c < COL_UNIT; c++)
        if (g->col[c] < 0) {
            row_error(g, MB_D_HEADER_MISSING_COLUMN, fspan(g, &f[0]),
                        "the header has no '%s' column (it needs region,indicator,period,value)", COLS[c]);
            g->bad_header = 1;
            return 1; /* stop: no row of this file can be read */
        }
    g->layout4 = nf == 4 && g->col[COL_REGION] == 0 && g->col[COL_INDICATOR] == 1 && g->col[COL_PERIOD] == 2 &&
                 g->col[COL_VALUE] == 3;
    return 0;
}

static const mb_indicator *lookup_indicator(ingest *g, const char *s, size_t n)
{
    if (same_name(g, s, n, g->ind_s, g->ind_n)) return g->ind;
    const mb_indicator *ind = mb_model_indicator(g->D->model, s, n);
    if (in_map(g, s)) { g->ind_s = s; g->ind_n = n; g->ind = ind; }
    return ind;
}

/* The same for a name in the text with 24 bytes readable from its start (the plain path).
 * Sorted input cycles through the same indicators region after region, so the name changes
 * every few rows and a lookup in the model's map (hash, probe, compare) followed each change
 * (5% of the time). A name of up to 24 bytes is exactly its length and its bytes as three
 * words; a small direct-mapped memo keyed by them answers from then on, unknown names
 * (NULL) included. */
static inline __attribute__((always_inline)) const mb_indicator *plain_indicator(ingest *g, const char *s, size_t n)
{
    if (same_name(g, s, n, g->ind_s, g->ind_n)) return g->ind;
    if (n > 24 || s + 24 > g->t->data + g->t->len) return lookup_indicator(g, s, n);
    uint64_t w[3];
    memcpy(w, s, sizeof w);
    for (size_t i = 0; i < 3; i++) w[i] &= first_bytes(n > 8 * i ? (n - 8 * i < 8 ? n - 8 * i : 8) : 0);
    uint64_t h = (w[0] * UINT64_C(0x9E3779B97F4A7C15)) ^ (w[1] * UINT64_C(0xC2B2AE3D27D4EB4F)) ^
                 (w[2] * UINT64_C(0x165667B19E3779F9)) ^ n;
    mb_ind_memo *e = &g->memo[(h * UINT64_C(0xFF51AFD7ED558CCD)) >> (64 - MB_IND_MEMO_BITS)];
    if (!e->filled || e->n != n || e->w[0] != w[0] || e->w[1] != w[1] || e->w[2] != w[2])
        *e = (mb_ind_memo){{w[0], w[1], w[2]}, n, mb_model_indicator(g->D->model, s, n), 1};
    g->ind_s = s;
    g->ind_n = n;
    return g->ind = e->ind;
}

/* A region known to the store (a plan's, or one already in the data), by name. Returns its
 * index, -3 when there is none, -1 when out of memory. */
static long find_region(const mb_data *D, const char *s, size_t n)
{
    size_t hit = mb_rix_get(&D->regions, s, n);
    if (hit) return (long)hit - 1;
    size_t kn;
    char *k = mb_nfkc(s, n, &kn);
    if (!k) return -1;
    hit = mb_rix_get(&D->regions, k, kn);
    free(k);
    return hit ? (long)hit - 1 : -3;
}

/* The region of a row: its index; -1 refused (too many regions, out of memory); -2 a byte
 * order mark in the name; -3 a region no plan reads (when every plan names its regions, the
 * store holds only those). */
static inline __attribute__((always_inline)) long lookup_region(ingest *g, const char *s, size_t n)
{
    if (same_name(g, s, n, g->reg_s, g->reg_n)) return g->reg_r;
    /* A byte order mark inside a name (files pasted together) would make a phantom region
     * that looks like a real one. */
    if (memmem(s, n, "\xEF\xBB\xBF", 3)) return -2;
    long r = g->D->all_regions ? mb_data_intern(g->D, s, n) : find_region(g->D, s, n);
    if (r >= 0 && g->D->stream && !stream_at(g->D, r)) return -4;
    if (r != -1 && in_map(g, s)) { g->reg_s = s; g->reg_n = n; g->reg_r = r; }
    return r;
}

void mb_ingest_count_name(mb_data *D, mb_map *map, const char *s, size_t n, uintptr_t add)
{
    void **have = mb_map_ref(map, s, n);
    if (have) { *have = (void *)((uintptr_t)*have + add); return; }
    if (map->n >= 1000) return; /* enough names to show; the rows are counted anyway */
    const char *key = mb_arena_strndup(&D->arena, s, n);
    if (key) mb_map_put(map, key, n, (void *)add);
}

static void run_flush(mb_data *D, mb_name_run *run, mb_map *map)
{
    if (run->s && run->count) mb_ingest_count_name(D, map, run->s, run->n, run->count);
    run->s = NULL;
    run->count = 0;
}

/* Rows of one name come in runs: count the run, and add it to the map when the name changes
 * (mb_ingest_flush at the end of a part). */
static inline __attribute__((always_inline)) void note_name(ingest *g, mb_name_run *run, mb_map *map,
                                                             const char *s, size_t n)
{
    if (same_name(g, s, n, run->s, run->n)) { run->count++; return; }
    run_flush(g->D, run, map);
    if (!in_map(g, s)) { mb_ingest_count_name(g->D, map, s, n, 1); return; }
    *run = (mb_name_run){s, n, 1};
}

void mb_ingest_flush(ingest *g)
{
    run_flush(g->D, &g->unk, &g->D->unknown);
    run_flush(g->D, &g->unread, &g->D->unread);
}

/* The unit column: the power of ten that takes a value into the indicator's unit. */
static const char *unit_shift(ingest *g, const mb_indicator *ind, const char *s, size_t n, int *shift)
{
    if (g->unit_s && g->unit_ind == ind && n == g->unit_n && memcmp(s, g->unit_s, n) == 0) {
        *shift = g->unit_shift;
        return g->unit_err;
    }
    size_t kn;
    char *k = mb_nfkc(s, n, &kn);
    const char *err = NULL;
    mb_unit u;
    mb_num f;
    *shift = 0;
    if (!k) err = "out of memory";
    else if (mb_unit_parse(k, &u)) err = "unknown unit '%s'";
    else if (!mb_unit_same_base(&u, &ind->unit)) err = "unit '%s' does not fit the indicator's unit";
    else if (mb_num_div(u.scale, ind->unit.scale, &f)) err = "unit '%s' cannot be converted exactly";
    else {
        f = mb_num_reduce(f);
        while (f.num % 10 == 0 && f.den == 1 && *shift < 40) { f.num /= 10; ++*shift; }
        while (f.den % 10 == 0 && f.num == 1 && *shift > -40) { f.den /= 10; --*shift; }
        if (f.num != 1 || f.den != 1) err = "unit '%s' cannot be converted exactly";
    }
    free(k);
    if (in_map(g, s)) { g->unit_s = s; g->unit_n = n; g->unit_shift = *shift; g->unit_err = err; g->unit_ind = ind; }
    return err;
}

/* Data checks on one value (bounds, whole numbers); the message names the check. */
static const char *check_value(const mb_data *D, const mb_indicator *ind, mb_num v, const mb_check **which)
{
    const mb_model *m = D->model;
    for (size_t i = 0; i < m->nchecks; i++) {
        const mb_check *k = m->checks[i];
        if (k->ind != ind) continue;
        *which = k;
        switch (k->kind) {
        case MB_DC_INTEGER:
            if (!mb_num_is_int(mb_num_reduce(v))) return "is not a whole number";
            break;
        case MB_DC_BETWEEN:
            if (mb_num_cmp(v, k->a) < 0 || mb_num_cmp(v, k->b) > 0) return "is out of range";
            break;
        case MB_DC_CMP_CONST: {
            int s = mb_num_cmp(v, k->a);
            int ok = mb_cmp_holds(k->cmp, s);
            if (!ok) return "fails";
            break;
        }
        default: break;
        }
    }
    return NULL;
}

/* The slot of a period of an indicator within a region's row (quarters and months only for
 * indicators some rule reads by them: data.h). 0 when no rule reads that period. */
static int slot_of(const mb_data *D, const mb_indicator *ind, const mb_period *p, size_t *at)
{
    size_t i = ind->index;
    if (p->month) {
        int sub = p->quarter ? mb_sub_of_quarter(p->quarter) : p->month;
        int off = p->year - D->sub_first[i];
        if (off < 0 || off >= D->sub_nyears[i]) return 0;
        *at = D->sub0[i] + (size_t)off * (MB_SUB_COUNT - 1) + (size_t)(sub - 1);
        return 1;
    }
    int off = p->year - D->first_year[i];
    if (off < 0 || off >= D->nyears[i]) return 0;
    *at = D->slot0[i] + (size_t)off;
    return 1;
}

/* "2018", "2018Q3" or "2018-09", for messages about a row. */
static const char *period_of(const mb_period *p, char buf[16])
{
    return mb_period_text(p->year, p->quarter ? mb_sub_of_quarter(p->quarter) : p->month, buf);
}

static void store(ingest *g, const mb_csv_field *vf, mb_obs *o, int64_t m, int exp, const char *region,
                  const mb_indicator *ind, const mb_period *p)
{
    mb_data *D = g->D;
    if (o->state == MB_OBS_ABSENT) {
        *o = (mb_obs){m, vf->line, (int8_t)exp, MB_OBS_PRESENT, g->file};
        D->count.used++;
        return;
    }
    /* every message below names the earlier row's line in its text */
    D->line_named = 1;
    char buf[MB_NUM_BUF], old[MB_NUM_BUF], pb[16];
    const char *per = period_of(p, pb);
    mb_num_format(mb_num_dec(m, -exp), 0, buf, NULL);
    mb_num_format(mb_obs_value(o), 0, old, NULL);
    if (o->state == MB_OBS_PRESENT && mb_num_cmp(mb_num_dec(m, -exp), mb_obs_value(o)) == 0) {
        D->count.duplicate++;
        mb_diag_add(&D->diags, MB_D_DUPLICATE_ROW, fspan(g, vf),
                    "duplicate observation for %s, %s, %s: same value as %s:%u",
                    region, ind->id, per, mb_data_file_name(D, o->file), o->line);
        return;
    }
    D->count.rejected++;
    if (o->state == MB_OBS_CONFLICT && o->m == MB_OBS_REJECTED_M) {
        row_error(g, MB_D_CONFLICTING_VALUES, fspan(g, vf), "value for %s, %s, %s not used: the row at %s:%u for the same region, "
                  "indicator and %s was rejected", region, ind->id, per, mb_data_file_name(D, o->file), o->line,
                  p->month ? "period" : "year");
        return;
    }
    if (o->state == MB_OBS_CONFLICT) {
        row_error(g, MB_D_CONFLICTING_VALUES, fspan(g, vf), "conflicting values for %s, %s, %s: rows with different values "
                  "came before (first at %s:%u)", region, ind->id, per, mb_data_file_name(D, o->file), o->line);
        return;
    }
    /* The earlier row is no longer usable either: neither value becomes a verdict. */
    D->count.used--;
    D->count.rejected++;
    o->state = MB_OBS_CONFLICT;
    row_error(g, MB_D_CONFLICTING_VALUES, fspan(g, vf), "conflicting values for %s, %s, %s: %s here, %s at %s:%u", region, ind->id,
              per, buf, old, mb_data_file_name(D, o->file), o->line);
}

/* A row rejected after its region was known: the region still appears in the report (a
 * region whose rows were all rejected must not vanish from it), and when the row was for a
 * value a rule reads, its empty slot is marked rejected: the value was submitted but cannot
 * be used, so a verdict that needs it is an error naming the rejection, not "no value". A
 * value accepted earlier for the same slot stays. p is NULL when the period could not be
 * read. */
static void spoil(ingest *g, const mb_csv_field *reg, const mb_indicator *ind, const mb_period *p,
                  const mb_csv_field *at)
{
    mb_data *D = g->D;
    long r = lookup_region(g, reg->s, reg->n);
    size_t k;
    if (r < 0 || !p || !slot_of(D, ind, p, &k)) return;
    mb_obs *o = slots(D, r) + k;
    if (o->state == MB_OBS_ABSENT) *o = (mb_obs){MB_OBS_REJECTED_M, at->line, 0, MB_OBS_CONFLICT, g->file};
}

/* Field i (COL_*) of a record; names are trimmed (the period and value parsers skip blanks
 * themselves); an absent column is an empty field at the row. */
static inline void pick(const ingest *g, const mb_csv_field *f, int i, mb_csv_field *out)
{
    int k = g->json ? i : g->col[i];
    if (k >= 0) {
        /* Member by member, not `*out = f[k]`: the reader has just stored these fields one
         * member at a time, and a 16-byte load spanning two such stores cannot be forwarded
         * from them; it waits for them to reach the cache (in the profile of the 100k
         * benchmark, the hottest instructions of this function). */
        const char *s = f[k].s;
        size_t n = f[k].n;
        if (i == COL_REGION || i == COL_INDICATOR || i == COL_UNIT) trim(&s, &n);
        out->s = s;
        out->n = n;
        out->off = f[k].off;
        out->line = f[k].line;
        out->line_start = f[k].line_start;
    } else {
        *out = (mb_csv_field){NULL, 0, f[0].off, f[0].line, f[0].line_start};
    }
}

/* The slot of a row whose value is good, if a rule reads its period: 1 with *at; 0 when no
 * rule reads it (counted). The latest year is noted here; the latest period by the caller
 * (it needs the period's field only when the latest changes). */
static inline __attribute__((always_inline)) int period_slot(mb_data *D, const mb_indicator *ind, const mb_period *pp,
                                                              size_t *at)
{
    /* Only rows a rule reads need their region: most rows stop here (quarters and months
     * too, unless a rule reads the indicator by them: slot_of). */
    if (pp->month) {
        if (!slot_of(D, ind, pp, at)) { D->count.unused_period++; return 0; }
        return 1;
    }
    if (pp->year > D->max_year) D->max_year = pp->year;
    int off = pp->year - D->first_year[ind->index];
    if (off < 0 || off >= D->nyears[ind->index]) { D->count.unused_period++; return 0; }
    *at = D->slot0[ind->index] + (size_t)off;
    return 1;
}

/* A row whose region lookup_region did not give (r < 0): counted or reported. Returns what
 * mb_ingest_row returns. */
static int region_refused(ingest *g, long r, const mb_csv_field *reg)
{
    mb_data *D = g->D;
    if (r == -3) {
        D->count.unused_region++;
        note_name(g, &g->unread, &D->unread, reg->s, reg->n);
        return 0;
    }
    if (r == -4) return 1; /* streaming: not grouped by region; read again, holding all */
    if (r == -2) {
        reject(g, MB_D_REGION_BOM, reg, "%sbyte order mark (U+FEFF) inside the region name", "");
        return 0;
    }
    D->refused_region = 1;
    reject(g, MB_D_TOO_MANY_REGIONS, reg, "%stoo many distinct regions, or out of memory", "");
    return 1;
}

/* A row whose value is good: the latest period, and the slot it goes to, if a rule reads it.
 * Returns what mb_ingest_row returns. Shared by the general row path and the plain one. */
static inline __attribute__((always_inline)) int place(ingest *g, const mb_indicator *ind, const mb_period *pp,
                                                        int64_t m, int exp, const mb_csv_field *reg,
                                                        const mb_csv_field *per, const mb_csv_field *val)
{
    mb_data *D = g->D;
    int key = mb_period_key(pp);
    if (key > D->max_period) { D->max_period = key; D->max_period_at = fspan(g, per); }
    size_t at;
    if (!period_slot(D, ind, pp, &at)) return 0;
    long r = lookup_region(g, reg->s, reg->n);
    if (r < 0) return region_refused(g, r, reg);
    mb_obs *o = slots(D, r) + at;
    store(g, val, o, m, exp, D->region_names[r], ind, pp);
    return 0;
}

int mb_ingest_row(void *ctx, const mb_csv_field *f, size_t nf)
{
    ingest *g = ctx;
    mb_data *D = g->D;
    if (!g->json && !g->header_done) return header(g, f, nf);
    if (D->shard && !g->sharded) return mb_shard_row(g, f, nf, 0);
    if (g->release_end && f[0].off - g->released >= ((size_t)8 << 20)) mb_ingest_release(g, f[0].line_start);
    D->count.rows++;
    if (!g->json && nf != g->ncols) {
        char n[32];
        snprintf(n, sizeof n, "%zu", nf);
        D->count.rejected++;
        row_error(g, MB_D_ROW_FIELDS, fspan(g, &f[nf ? nf - 1 : 0]),
                    "row has %s fields; the header has %zu", n, g->ncols);
        return 0;
    }
    /* The indicator decides whether the rest of the row matters: take it first. */
    mb_csv_field c[NCOLS];
    pick(g, f, COL_INDICATOR, &c[COL_INDICATOR]);
    const mb_indicator *ind = lookup_indicator(g, c[COL_INDICATOR].s, c[COL_INDICATOR].n);
    if (ind && !ind->derived)
        for (int i = 0; i < NCOLS; i++)
            if (i != COL_INDICATOR) pick(g, f, i, &c[i]);
    if (!ind || ind->derived) {
        if (!c[COL_INDICATOR].n) { reject(g, MB_D_EMPTY_INDICATOR, &c[COL_INDICATOR], "%sempty indicator", ""); return 0; }
        D->count.unused_indicator++;
        note_name(g, &g->unk, &D->unknown, c[COL_INDICATOR].s, c[COL_INDICATOR].n);
        return 0;
    }
    if (!c[COL_REGION].n) { reject(g, MB_D_EMPTY_REGION, &c[COL_REGION], "%sempty region", ""); return 0; }
    char shown[64];
    mb_period p;
    if (!mb_period_parse(c[COL_PERIOD].s, c[COL_PERIOD].n, &p)) {
        reject(g, MB_D_BAD_PERIOD, &c[COL_PERIOD], "unknown period '%s' (write 2018, 2018Q3, 2018-Q3 or 2018-09)",
               mb_shown(shown, 40, c[COL_PERIOD].s, c[COL_PERIOD].n));
        spoil(g, &c[COL_REGION], ind, NULL, &c[COL_PERIOD]);
        return 0;
    }
    int64_t m;
    int exp;
    const char *why = mb_value_parse(c[COL_VALUE].s, c[COL_VALUE].n, &m, &exp);
    if (why) {
        const char *vs = c[COL_VALUE].s;
        size_t vn = c[COL_VALUE].n;
        trim(&vs, &vn);
        D->count.rejected++;
        row_error(g, MB_D_BAD_VALUE, fspan(g, &c[COL_VALUE]), "value '%s': %s", mb_shown(shown, 40, vs, vn), why);
        spoil(g, &c[COL_REGION], ind, &p, &c[COL_VALUE]);
        return 0;
    }
    if (c[COL_UNIT].n) {
        int shift;
        const char *uerr = unit_shift(g, ind, c[COL_UNIT].s, c[COL_UNIT].n, &shift);
        if (uerr) {
            D->count.rejected++;
            char msg[160];
            snprintf(msg, sizeof msg, uerr, mb_shown(shown, 40, c[COL_UNIT].s, c[COL_UNIT].n));
            row_error(g, MB_D_DATA_UNIT, fspan(g, &c[COL_UNIT]), "%s (indicator '%s' is in '%s')",
                        msg, ind->id, ind->unit.text[0] ? ind->unit.text : "1");
            spoil(g, &c[COL_REGION], ind, &p, &c[COL_UNIT]);
            return 0;
        }
        if (exp + shift < -36 || exp + shift > 18) {
            reject(g, MB_D_CONVERTED_RANGE, &c[COL_VALUE], "%svalue out of range after unit conversion", "");
            spoil(g, &c[COL_REGION], ind, &p, &c[COL_VALUE]);
            return 0;
        }
        exp += shift;
    }
    const mb_check *k = NULL;
    const char *bad = D->checked[ind->index] ? check_value(D, ind, mb_num_dec(m, -exp), &k) : NULL;
    if (bad) {
        D->count.rejected++;
        row_error(g, MB_D_DATA_CHECK_ROW, fspan(g, &c[COL_VALUE]), "data check '%s' on '%s': %s %s",
                    k->id, ind->id, mb_shown(shown, 40, c[COL_VALUE].s, c[COL_VALUE].n), bad);
        spoil(g, &c[COL_REGION], ind, &p, &c[COL_VALUE]);
        return 0;
    }
    return place(g, ind, &p, m, exp, &c[COL_REGION], &c[COL_PERIOD], &c[COL_VALUE]);
}

int mb_ingest_row_read(ingest *g, const mb_csv_field *f, size_t nf)
{
    if (!g->json && nf != g->ncols) return 0;
    mb_csv_field c;
    pick(g, f, COL_INDICATOR, &c);
    const mb_indicator *ind = lookup_indicator(g, c.s, c.n);
    return ind && !ind->derived;
}

/* A name field of a plain row that the general path would not trim. A plain row holds no
 * byte from 0x80 (ingest_plain.c sends those lines to the general reader), so the only white
 * space it can hold is ASCII: one compare at each end, where may_space needed four (it was
 * 3.5% of a counts run). */
static inline int plain_name(const char *s, size_t n)
{
    return n && (unsigned char)s[0] > ' ' && (unsigned char)s[n - 1] > ' ';
}

static inline int unpadded(const mb_csv_field *f) { return plain_name(f->s, f->n); }

/* A period of four ASCII digits that mb_period_parse takes as a year. The plain path reads
 * the year of every row, so its four bytes are checked and converted as one 32-bit word: a
 * byte's high nibble is 3 both as it is and with 6 added only for '0'..'9' (the first test
 * leaves no byte that the addition could carry out of); then pairs ("20", "18"), then the
 * two pairs. */
static inline __attribute__((always_inline)) int year_of(const char *s, size_t n, mb_period *p)
{
    if (n != 4) return 0;
    uint32_t y;
    memcpy(&y, s, 4);
#if __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
    if ((y & 0xF0F0F0F0u) != 0x30303030u || ((y + 0x06060606u) & 0xF0F0F0F0u) != 0x30303030u) return 0;
    uint32_t d = y - 0x30303030u;       /* digits, the first in the low byte */
    d = (d * 10 + (d >> 8)) & 0x00FF00FFu; /* the two pairs ("20", "18") in bytes 0 and 2 */
    *p = (mb_period){(int)((d & 0xFF) * 100 + (d >> 16)), 0, 0};
#else
    const unsigned char *c = (const unsigned char *)s;
    for (int i = 0; i < 4; i++)
        if ((unsigned)(c[i] - '0') >= 10) return 0;
    *p = (mb_period){(c[0] - '0') * 1000 + (c[1] - '0') * 100 + (c[2] - '0') * 10 + (c[3] - '0'), 0, 0};
    (void)y;
#endif
    return p->year >= 1900 && p->year <= 2999;
}

static inline int year4(const mb_csv_field *f, mb_period *p) { return year_of(f->s, f->n, p); }


int mb_ingest_plain_row(ingest *g, const mb_csv_field *f, size_t nf)
{
    mb_data *D = g->D;
    const mb_csv_field *reg = &f[g->col[COL_REGION]], *in = &f[g->col[COL_INDICATOR]];
    const mb_csv_field *per = &f[g->col[COL_PERIOD]], *val = &f[g->col[COL_VALUE]];
    if (D->shard && !g->sharded) return mb_shard_row(g, f, nf, 1);
    if (!unpadded(in) || (g->col[COL_UNIT] >= 0 && f[g->col[COL_UNIT]].n)) return mb_ingest_row(g, f, nf);
    const mb_indicator *ind = plain_indicator(g, in->s, in->n);
    mb_period p = {0, 0, 0};
    int64_t m = 0;
    int exp = 0;
    /* the row is of the common kind, or the general path takes it from the start */
    if (ind && !ind->derived && (D->checked[ind->index] || !unpadded(reg) || !year4(per, &p) ||
                                 !mb_value_plain(val->s, val->n, &m, &exp)))
        return mb_ingest_row(g, f, nf);
    if (g->release_end && f[0].off - g->released >= ((size_t)8 << 20)) mb_ingest_release(g, f[0].line_start);
    D->count.rows++;
    if (!ind || ind->derived) {
        D->count.unused_indicator++;
        note_name(g, &g->unk, &D->unknown, in->s, in->n);
        return 0;
    }
    return place(g, ind, &p, m, exp, reg, per, val);
}

/* The common plain line: the header is region,indicator,period,value in that order, the
 * line at offset p (len bytes, no CR before its newline) has exactly three commas, at the
 * set bits of `commas`. The same as mb_ingest_plain_row on its four fields, without the
 * array of fields between the splitting and the handling: each field is a pointer and a
 * length in registers, and becomes an mb_csv_field (five members, stored) only where a
 * message or the general path needs one (plain_field). Any row it is not sure of goes to
 * mb_ingest_plain_row with the array. */
static mb_csv_field plain_field(const ingest *g, const char *s, size_t n, size_t p, uint32_t line)
{
    return (mb_csv_field){s, n, (size_t)(s - g->t->data), line, p};
}

static __attribute__((noinline)) int plain_fields(ingest *g, size_t p, size_t len, uint64_t commas, uint32_t line)
{
    const char *b = g->t->data + p;
    mb_csv_field f[4];
    size_t fs = 0;
    for (int i = 0; i < 4; i++) {
        size_t fe = i < 3 ? (size_t)__builtin_ctzll(commas) : len;
        commas &= commas - 1;
        f[i] = plain_field(g, b + fs, fe - fs, p, line);
        fs = fe + 1;
    }
    return mb_ingest_plain_row(g, f, 4);
}

static inline __attribute__((always_inline)) int plain_line(ingest *g, size_t p, size_t len, uint64_t commas,
                                                             uint32_t line)
{
    mb_data *D = g->D;
    const char *b = g->t->data + p;
    uint64_t r1 = commas & (commas - 1), r2 = r1 & (r1 - 1);
    size_t c1 = (size_t)__builtin_ctzll(commas), c2 = (size_t)__builtin_ctzll(r1), c3 = (size_t)__builtin_ctzll(r2);
    const char *rs = b, *is = b + c1 + 1, *ps = b + c2 + 1, *vs = b + c3 + 1;
    size_t rn = c1, in = c2 - c1 - 1, pn = c3 - c2 - 1, vn = len - c3 - 1;
    if (D->shard || !plain_name(is, in)) return plain_fields(g, p, len, commas, line);
    const mb_indicator *ind = plain_indicator(g, is, in);
    mb_period pp = {0, 0, 0};
    int64_t m = 0;
    int exp = 0;
    if (ind && !ind->derived &&
        (D->checked[ind->index] || !plain_name(rs, rn) || !year_of(ps, pn, &pp) || !mb_value_plain(vs, vn, &m, &exp)))
        return plain_fields(g, p, len, commas, line);
    if (g->release_end && p - g->released >= ((size_t)8 << 20)) mb_ingest_release(g, p);
    D->count.rows++;
    if (!ind || ind->derived) {
        D->count.unused_indicator++;
        note_name(g, &g->unk, &D->unknown, is, in);
        return 0;
    }
    int key = mb_period_key(&pp);
    if (key > D->max_period) {
        mb_csv_field per = plain_field(g, ps, pn, p, line);
        D->max_period = key;
        D->max_period_at = fspan(g, &per);
    }
    size_t at;
    if (!period_slot(D, ind, &pp, &at)) return 0;
    long r = lookup_region(g, rs, rn);
    if (r < 0) {
        mb_csv_field reg = plain_field(g, rs, rn, p, line);
        return region_refused(g, r, &reg);
    }
    mb_obs *o = slots(D, r) + at;
    if (o->state == MB_OBS_ABSENT) { /* store's first case, without its field */
        *o = (mb_obs){m, line, (int8_t)exp, MB_OBS_PRESENT, g->file};
        D->count.used++;
        return 0;
    }
    mb_csv_field val = plain_field(g, vs, vn, p, line);
    store(g, &val, o, m, exp, D->region_names[r], ind, &pp);
    return 0;
}

size_t mb_ingest_plain_lines(ingest *g, size_t p, size_t end, size_t safe, uint32_t *line, int *stop)
{
    const unsigned char *b = (const unsigned char *)g->t->data;
    while (p < safe) {
        uint64_t commas, odd;
        size_t len = mb_plain_scan(b + p, &commas, &odd);
        uint64_t in = (UINT64_C(1) << len) - 1; /* len < 64 */
        if (!len || p + len >= end || (odd & in)) break;
        commas &= in;
        uint64_t r1 = commas & (commas - 1), r2 = r1 & (r1 - 1);
        if (!r2 || (r2 & (r2 - 1)) || b[p + len - 1] == '\r') break; /* not three commas, or a CR */
        if (plain_line(g, p, len, commas, *line)) { *stop = 1; return p; }
        p += len + 1;
        ++*line;
    }
    return p;
}

/* ---- names that nearly match ---------------------------------------------------------- */

/* A name in NFKC without any white space (malloc'd; NULL when out of memory): names that
 * differ only in padding inside, or in the width of their characters, squeeze to one. */
static char *squeeze(const char *s, size_t n, size_t *kn)
{
    char *k = mb_nfkc(s, n, kn);
    if (!k) return NULL;
    size_t j = 0;
    for (size_t i = 0; i < *kn;) {
        size_t w = mb_space_at(k + i, *kn - i);
        if (w) i += w;
        else k[j++] = k[i++];
    }
    k[j] = 0;
    *kn = j;
    return k;
}

enum { NEAR_MAX = 20 }; /* names looked at: the ones with most rows */

static void near_indicators(mb_data *D)
{
    const char *names[NEAR_MAX];
    size_t lens[NEAR_MAX], counts[NEAR_MAX], kn;
    size_t n = mb_data_top_names(&D->unknown, NEAR_MAX, names, lens, counts);
    for (size_t i = 0; i < n && i < NEAR_MAX; i++) {
        char *k = squeeze(names[i], lens[i], &kn);
        const mb_indicator *ind = k ? mb_model_indicator(D->model, k, kn) : NULL;
        free(k);
        if (!ind || ind->derived) continue;
        char a[64];
        mb_diag_add(&D->diags, MB_D_INDICATOR_SPACE, mb_span_none(),
                    "indicator '%s' (%zu row%s) is not one the rules read; it differs from '%s' only in "
                    "white space", mb_shown(a, 40, names[i], lens[i]), counts[i], counts[i] == 1 ? "" : "s", ind->id);
    }
}

static void near_unread_regions(mb_data *D)
{
    const char *names[NEAR_MAX];
    size_t lens[NEAR_MAX], counts[NEAR_MAX], kn;
    size_t n = mb_data_top_names(&D->unread, NEAR_MAX, names, lens, counts);
    for (size_t i = 0; i < n && i < NEAR_MAX; i++) {
        char *k = squeeze(names[i], lens[i], &kn);
        size_t hit = k ? mb_rix_get(&D->regions, k, kn) : 0;
        free(k);
        if (!hit) continue;
        char a[64];
        mb_diag_add(&D->diags, MB_D_REGION_SPACE, mb_span_none(),
                    "region '%s' (%zu row%s) is not one a plan reads; it differs from '%s' only in white space",
                    mb_shown(a, 40, names[i], lens[i]), counts[i], counts[i] == 1 ? "" : "s", D->region_names[hit - 1]);
    }
}

/* Every region is evaluated: two regions of the data that differ only in white space are
 * two regions, which is almost certainly a typing slip. Only names holding white space need
 * a look (the other of a pair squeezes to itself). */
static void near_regions(mb_data *D)
{
    size_t shown = 0;
    for (size_t r = 0; r < D->nregions && shown < NEAR_MAX; r++) {
        const char *s = D->region_names[r];
        size_t n = strlen(s), kn, i = 0;
        while (i < n && ((unsigned char)s[i] > ' ' && (unsigned char)s[i] < 0xC2 ? 1 : !mb_space_at(s + i, n - i))) i++;
        if (i == n) continue;
        char *k = squeeze(s, n, &kn);
        size_t hit = k ? mb_rix_get(&D->regions, k, kn) : 0;
        free(k);
        if (!hit || hit - 1 == r) continue;
        char a[64];
        mb_diag_add(&D->diags, MB_D_REGIONS_SPACE, mb_span_none(),
                    "regions '%s' and '%s' differ only in white space: they are reported as two regions",
                    mb_shown(a, 40, s, n), D->region_names[hit - 1]);
        shown++;
    }
}

void mb_ingest_near_names(mb_data *D)
{
    near_indicators(D);
    if (D->all_regions) near_regions(D);
    else near_unread_regions(D);
}
