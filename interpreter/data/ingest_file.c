/* ingest_file.c — submission files: mapping, folders, and reading a large CSV on two
 * threads; plus the checks that need several values. */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include "ingest.h"
#include "ingest_value.h"
#include "shard.h"
#include "jsonin.h"
#include "text.h"
#include "xalloc.h"

/* ---- files --------------------------------------------------------------------------- */

static int ends_with(const char *s, const char *suf)
{
    size_t n = strlen(s), k = strlen(suf);
    return n >= k && strcasecmp(s + n - k, suf) == 0;
}

static void file_error(mb_data *D, const char *path, const char *why)
{
    mb_diag_add(&D->diags, MB_D_DATA_UNREADABLE, mb_span_none(), "cannot read '%s': %s", path, why);
    D->io_error = 1;
}

static int add_text(mb_data *D, mb_text *t, int mapped)
{
    if (D->nfiles >= 65535) return 0;
    mb_text **v = mb_realloc(D->files, (D->nfiles + 1) * sizeof *v);
    if (!v) return 0;
    D->files = v;
    unsigned char *mv = mb_realloc(D->mapped, D->nfiles + 1);
    if (!mv) return 0;
    D->mapped = mv;
    D->mapped[D->nfiles] = (unsigned char)mapped;
    D->files[D->nfiles++] = t;
    return 1;
}

void mb_ingest_release(ingest *g, size_t upto)
{
    /* Start 4 MiB behind the last release: the kernel maps pages around each fault, so the
     * pages just before the previous release point come back as reading goes on. */
    size_t page = (size_t)sysconf(_SC_PAGESIZE), back = (size_t)4 << 20;
    size_t from = (g->released > back ? g->released - back : 0) / page * page, to = upto / page * page;
    if (to > g->release_end) to = g->release_end / page * page;
    if (to > from) madvise((char *)g->t->data + from, to - from, MADV_DONTNEED);
    g->released = upto;
}

/* The first thread's share of a split file, in percent. Both parts start at once; the
 * first thread also reads the rules before and joins the parts after, yet with half each the
 * larger of the two threads' CPU times was least (48, 50, 52 and 56 measured; see
 * bench/README.md), and the counts keep half (at 47% they took measurably longer). The CSV
 * report's second part is copied into the output while it is written only when the first
 * thread finishes its own part first (eval_split.c follows it); at half the first thread,
 * which also reads the rules and evaluates its last region early, often finished last, and
 * then the part's 120 MB were copied on one core at the join. With 47% it mostly finishes
 * first, and whole CSV runs at 100,000 regions were measurably shorter (bench/README.md). */
enum { SPLIT_PERCENT = 50, SPLIT_FOLLOWED_PERCENT = 47 };
/* A file large enough to be worth a second thread. */
enum { PARALLEL_MIN = 16 << 20 };

/* A shard: a store of its own for the second half of a file, merged into D afterwards. It
 * shares D's layout and file list and owns the rest. */
static void shard_free(mb_data *S);

static mb_data *shard_new(mb_data *D)
{
    mb_data *S = mb_calloc(1, sizeof *S);
    if (!S) return NULL;
    S->model = D->model;
    mb_arena_init(&S->arena);
    mb_diags_init(&S->diags, D->diags.max_errors);
    S->nslots = D->nslots;
    S->first_year = D->first_year;
    S->nyears = D->nyears;
    S->slot0 = D->slot0;
    S->sub_first = D->sub_first;
    S->sub_nyears = D->sub_nyears;
    S->sub0 = D->sub0;
    S->checked = D->checked;
    S->files = D->files;
    S->nfiles = D->nfiles;
    S->max_regions = D->max_regions;
    S->all_regions = D->all_regions;
    S->general_csv = D->general_csv;
    /* Only plans' regions are read: the shard must know them (they are all D holds). */
    for (size_t r = 0; !S->all_regions && r < D->nregions; r++)
        if (mb_data_intern(S, D->region_names[r], strlen(D->region_names[r])) < 0) { shard_free(S); return NULL; }
    return S;
}

static void shard_free(mb_data *S)
{
    free(S->obs);
    free(S->region_names);
    mb_rix_free(&S->regions);
    mb_map_free(&S->unknown);
    mb_map_free(&S->unread);
    mb_diags_free(&S->diags);
    mb_arena_free(&S->arena);
    free(S);
}

typedef struct part {
    ingest g;
    mb_csv_opts o;
} part;

/* The second part numbers its lines from 1 at its own start: it starts at once, and the first
 * part's reader tells at its end where that is (ingest.h, end_line). Once both are read, every
 * line the second part recorded in a store of the data file's — its values' lines, its
 * messages' spans, the first row of its latest period — moves by the first part's lines.
 * Spans with line 0 are found from the text when printed and spans into rule files stay. A
 * message whose text names a line cannot be moved: then 0 (the part is not kept, and read
 * again in order). */
static void shift_span(mb_span *sp, const mb_text *t, uint32_t by)
{
    if (sp->text == t && sp->line) sp->line += by;
}

static void shift_obs(mb_obs *o, size_t n, uint32_t by)
{
    for (size_t i = 0; i < n; i++)
        if (o[i].state != MB_OBS_ABSENT && o[i].line) o[i].line += by;
}

static int shift_lines(mb_data *S, const mb_text *t, uint32_t by)
{
    if (S->line_named) return 0;
    shift_obs(S->obs, (S->nregions - S->live) * S->nslots, by);
    shift_obs(S->held, S->nheld * S->nslots, by);
    shift_span(&S->max_period_at, t, by);
    for (size_t i = 0; i < S->diags.n; i++) {
        shift_span(&S->diags.v[i].span, t, by);
        shift_span(&S->diags.v[i].note_span, t, by);
        shift_span(&S->diags.v[i].fix_span, t, by);
    }
    return 1;
}

/* Records the reader rejected never reach mb_ingest_row; each is one error of the reader's,
 * so they are counted here as rows read and rejected. */
static void count_reader_rejects(ingest *g, size_t errors_before)
{
    size_t reader = g->D->diags.errors - errors_before - g->own_errors;
    /* a shard other than the first leaves the reader's errors to the first (shard.h) */
    if (g->D->shard && g->D->shard->k > 1) reader = 0;
    g->D->count.rows += reader;
    g->D->count.rejected += reader;
    g->own_errors = 0;
}

typedef struct reading { ingest *g; const mb_csv_opts *o; } reading;

static void read_csv_range(void *arg)
{
    reading *r = arg;
    mb_ingest_csv(r->g, r->o);
}

/* Observations the JSON reader's fast path took: the CSV path's handler of plain rows. */
static int json_plain_row(void *ctx, const mb_csv_field *f, size_t nf) { return mb_ingest_plain_row(ctx, f, nf); }

static void read_json(void *arg)
{
    reading *r = arg;
    mb_csv_row_fn plain = r->g->D->general_json ? NULL : json_plain_row;
    mb_jsonin_read_plain(r->g->t, mb_ingest_row, plain, r->g, &r->g->D->diags);
}

/* The row being read when the file changed under it was counted as read but not yet as
 * anything else: it is rejected, so the counts still add up. */
static void settle(mb_data *D)
{
    const mb_rowcount *c = &D->count;
    size_t sorted = c->used + c->unused_indicator + c->unused_period + c->unused_region + c->duplicate + c->rejected;
    if (c->rows > sorted) D->count.rejected += c->rows - sorted;
}

/* Reads under the SIGBUS guard: a file truncated meanwhile stops the reading, with g->changed
 * set, instead of killing the command. */
static void read_guarded(ingest *g, const mb_csv_opts *o, void (*fn)(void *))
{
    size_t before = g->D->diags.errors;
    g->own_errors = 0;
    reading r = {g, o};
    if (g->changed || mb_guard_run(fn, &r)) {
        g->changed = 1;
        settle(g->D);
    }
    mb_ingest_flush(g);
    count_reader_rejects(g, before);
}

static void read_range(ingest *g, const mb_csv_opts *o) { read_guarded(g, o, read_csv_range); }

static void *read_part(void *arg)
{
    part *p = arg;
    read_range(&p->g, &p->o);
    mb_ingest_release(&p->g, p->g.quote_seen ? p->g.quote_end : p->o.end);
    return NULL;
}

/* A streamed second part, and whether its thread is still reading it (for the sink's
 * follow, mb_stream_split). */
typedef struct second {
    part p;
    _Atomic int reading;
} second;

static void *read_second(void *arg)
{
    second *b = arg;
    read_part(&b->p);
    atomic_store_explicit(&b->reading, 0, memory_order_release);
    return NULL;
}

/* The first part of a split: from the header's end, numbered from line 2, reading on to the
 * end of the file at a quote (ingest.h, quote_end). */
static part first_part(const ingest *g, size_t hdr_end, size_t end)
{
    part a = {*g, {.start = hdr_end, .end = end, .first_line = 2}};
    a.g.released = hdr_end;
    a.g.quote_end = g->t->len;
    a.g.quote_seen = 0;
    a.g.end_line = 0;
    return a;
}

/* The second part: from `at`, into S, its lines numbered from its own start. */
static part second_part(const ingest *g, mb_data *S, size_t at)
{
    part b = {*g, {.start = at, .end = g->t->len, .first_line = 1}};
    b.g.D = S;
    b.g.released = at;
    return b;
}

/* The number + 1 in D of S's region r (by its key), or 0. */
static size_t in_first(const mb_data *D, const mb_data *S, size_t r)
{
    size_t kn;
    const char *k = mb_rix_key(&S->regions, r, &kn);
    return mb_rix_get(&D->regions, k, kn);
}

/* Where each of the shard's regions is in D (-1: not yet there); NULL when the shard cannot
 * be merged as if its rows had been read after D's: a region it could not take, more new
 * regions than D may hold, or a region, indicator and year both parts have rows for (then
 * the order of those rows decides what is a duplicate, a conflict, or a rejected row, and
 * their messages). */
static long *merge_plan(mb_data *D, mb_data *S)
{
    if (S->refused_region) return NULL;
    long *to = mb_malloc((S->nregions + 1) * sizeof *to);
    if (!to) return NULL;
    size_t fresh = 0;
    for (size_t r = 0; r < S->nregions; r++) {
        size_t hit = in_first(D, S, r);
        to[r] = hit ? (long)hit - 1 : -1;
        if (!hit) { fresh++; continue; }
        const mb_obs *a = D->obs + (size_t)to[r] * D->nslots, *b = S->obs + r * S->nslots;
        for (size_t k = 0; k < D->nslots; k++)
            if (a[k].state != MB_OBS_ABSENT && b[k].state != MB_OBS_ABSENT) { free(to); return NULL; }
    }
    if (D->nregions + fresh > D->max_regions) { free(to); return NULL; }
    return to;
}

/* Name counts: in name order, so that which names are kept past the cap (1000) does not
 * depend on how the shard's map happened to be laid out. */
static void merge_names(mb_data *D, mb_map *to, const mb_map *from)
{
    size_t n = from->n;
    const char **names = mb_malloc((n + 1) * sizeof *names);
    size_t *lens = mb_malloc((n + 1) * sizeof *lens), *counts = mb_malloc((n + 1) * sizeof *counts);
    if (names && lens && counts) n = mb_data_top_names(from, n, names, lens, counts);
    else n = 0;
    for (size_t i = 0; i < n; i++) mb_ingest_count_name(D, to, names[i], lens[i], counts[i]);
    free(names);
    free(lens);
    free(counts);
}

/* What a part adds to D besides its regions' values, whichever way the two join: its row
 * counts, latest year and period, messages and the names it counted. */
static void merge_rest(mb_data *D, mb_data *S)
{
    D->count.rows += S->count.rows;
    D->count.used += S->count.used;
    D->count.unused_indicator += S->count.unused_indicator;
    D->count.unused_period += S->count.unused_period;
    D->count.unused_region += S->count.unused_region;
    D->count.duplicate += S->count.duplicate;
    D->count.rejected += S->count.rejected;
    if (S->max_year > D->max_year) D->max_year = S->max_year;
    if (S->max_period > D->max_period) { D->max_period = S->max_period; D->max_period_at = S->max_period_at; }
    mb_diags_take(&D->diags, &S->diags);
    merge_names(D, &D->unknown, &S->unknown);
    merge_names(D, &D->unread, &S->unread);
}

/* The shard's rows are given back to the system as merge copies them into D, a step at a
 * time: D's rows for the shard's regions are made (and become resident) as they are copied,
 * so with the shard's kept whole until it is freed both copies were resident at the end
 * (at 1,000,000 regions, 994 MiB against 675 MiB on one thread). Only whole pages of rows
 * already copied: nothing reads them again before the shard is freed (shard_free), and
 * pages of anonymous memory given back read as zeros if they are touched at all. */
enum { GIVE_BACK_STEP = 1 << 20 };

static void give_back(mb_data *D, const mb_data *S, size_t copied, size_t *done)
{
    size_t bytes = copied * S->nslots * sizeof *S->obs;
    if (bytes < *done + GIVE_BACK_STEP) return;
    size_t page = (size_t)sysconf(_SC_PAGESIZE);
    uintptr_t base = (uintptr_t)S->obs, from = (base + *done + page - 1) / page * page;
    uintptr_t to = (base + bytes) / page * page;
    if (to > from && madvise((void *)from, to - from, MADV_DONTNEED) == 0) D->part_given_back += to - from;
    *done = to - base;
}

/* Adds the shard to D. Returns 1 when it cannot be (see merge_plan): the caller reads the
 * second part again, in order, into D, so the result never depends on the split. -1: out of
 * memory. */
static int merge(mb_data *D, mb_data *S)
{
    long *to = merge_plan(D, S);
    if (!to) return 1;
    size_t done = 0;
    for (size_t r = 0; r < S->nregions; r++) {
        if (to[r] < 0) to[r] = mb_data_intern(D, S->region_names[r], strlen(S->region_names[r]));
        if (to[r] < 0) { free(to); return -1; }
        mb_obs *a = D->obs + (size_t)to[r] * D->nslots;
        const mb_obs *b = S->obs + r * S->nslots;
        for (size_t k = 0; k < D->nslots; k++)
            if (b[k].state != MB_OBS_ABSENT) a[k] = b[k];
        give_back(D, S, r + 1, &done);
    }
    free(to);
    merge_rest(D, S);
    return 0;
}

/* The header ends at the first newline (when it has no quotes), and the second part starts
 * at a newline near `percent` of the rest. */
static int split_point(const mb_text *t, int percent, size_t *hdr_end, size_t *mid)
{
    const char *nl = memchr(t->data, '\n', t->len);
    if (!nl || memchr(t->data, '"', (size_t)(nl - t->data))) return 0;
    *hdr_end = (size_t)(nl - t->data) + 1;
    size_t first = (t->len - *hdr_end) / 100 * (size_t)percent;
    const char *m = memchr(t->data + *hdr_end + first, '\n', t->len - *hdr_end - first);
    if (!m) return 0;
    *mid = (size_t)(m - t->data) + 1;
    return 1;
}

/* ---- streaming on two threads ------------------------------------------------------- */

/* Field `col` of the line [s, e) as written (cut at commas: the lines looked at here are
 * checked afterwards to hold no quote); NULL when the line has fewer fields. */
static const char *line_field(const char *s, const char *e, int col, size_t *n)
{
    for (int k = 0; k < col; k++) {
        const char *c = memchr(s, ',', (size_t)(e - s));
        if (!c) return NULL;
        s = c + 1;
    }
    const char *c = memchr(s, ',', (size_t)(e - s));
    const char *fe = c ? c : e;
    if (!c && fe > s && fe[-1] == '\r') fe--;
    *n = (size_t)(fe - s);
    return s;
}

/* Where a streamed second part starts: the first line at or after `mid` (a line start) whose
 * region field differs from the line's before it, so that in input sorted by region no
 * region has rows in both parts. Looked for in the next 1/16 of the file; 0: none there (one
 * region spans the middle), the file is read on one thread. */
static size_t region_boundary(const mb_text *t, size_t hdr_end, size_t mid, int col)
{
    size_t reach = t->len / 16;
    const char *d = t->data, *end = d + t->len, *limit = t->len - mid > reach ? d + mid + reach : end;
    const char *ls = d + mid - 1; /* the line before mid: [ls, mid - 1) */
    while (ls > d + hdr_end && ls[-1] != '\n') ls--;
    size_t pn = 0, n = 0;
    const char *prev = line_field(ls, d + mid - 1, col, &pn);
    for (const char *p = d + mid; p < end && p < limit;) {
        const char *nl = memchr(p, '\n', (size_t)(end - p));
        if (!nl) return 0;
        const char *f = line_field(p, nl, col, &n);
        if (!f || !prev || n != pn || memcmp(f, prev, n)) return (size_t)(p - d);
        p = nl + 1;
    }
    return 0;
}

/* Does the line at `at` (a line start) name a region other than D's current one, as far as
 * its text tells: trimmed and in NFKC, as the reader looks names up? A line with a quote, or
 * too few fields, is taken to name the same one. */
static int names_other_region(const mb_data *D, const mb_text *t, size_t at, int col)
{
    const char *s = t->data + at, *e = memchr(s, '\n', t->len - at);
    size_t n = 0, kn = 0;
    const char *f = e && !memchr(s, '"', (size_t)(e - s)) ? line_field(s, e, col, &n) : NULL;
    if (!f) return 0;
    mb_space_trim(&f, &n);
    char *k = mb_nfkc(f, n, &kn);
    if (!k) return 0;
    size_t hit = mb_rix_get(&D->regions, k, kn);
    free(k);
    return D->cur < 0 || hit != (size_t)D->cur + 1;
}

/* Can S's regions follow D's as if read after them: none of them is one of D's (sorted input
 * never has one; a region spelled two ways across the split may), and D may take them all? */
static int disjoint(const mb_data *D, const mb_data *S)
{
    if (S->refused_region || D->nregions + S->nregions > D->max_regions) return 0;
    for (size_t r = 0; r < S->nregions; r++)
        if (in_first(D, S, r)) return 0;
    return 1;
}

/* Quarters and months summed against their year are checked as regions are released; done
 * at the split on D's last region, their warnings would come before the second part's first
 * rows' messages, not after as on one thread: such runs are not split. */
static int checks_on_release(const mb_data *D)
{
    const mb_model *m = D->model;
    for (size_t i = 0; D->sub_nyears && i < m->ninds; i++)
        if (m->inds[i]->flow > 0 && !m->inds[i]->derived && D->sub_nyears[m->inds[i]->index]) return 1;
    return 0;
}

/* Adds a streamed second part S to D (every region of D released): its regions after D's, in
 * the order first seen — those S released are evaluated already, the one S was reading (from
 * S->live on) keeps its rows and becomes D's current region, so that the run goes on as if
 * one thread had read both parts — and its counts, messages and names. 0: out of memory. */
static int merge_streamed(mb_data *D, mb_data *S)
{
    size_t base = D->nregions;
    for (size_t r = 0; r < S->nregions; r++) {
        long ix = mb_data_intern(D, S->region_names[r], strlen(S->region_names[r]));
        if (ix < 0) return 0;
        if (r < S->live) D->live = D->nregions; /* released: its row in D was never used */
        else memcpy(D->obs + ((size_t)ix - D->live) * D->nslots, S->obs + (r - S->live) * S->nslots,
                    D->nslots * sizeof *D->obs);
    }
    D->parts_checked = D->live;
    if (S->cur >= 0) D->cur = (long)base + S->cur;
    merge_rest(D, S);
    return 1;
}

/* Streaming with two threads (D->split): the first part streams into D on this thread, the
 * second, from a region boundary near the middle, into a store of its own with a sink of its
 * own (the caller's: its own counts, or its CSV lines to a file of their own) on another,
 * from its first byte on (its lines numbered from its own start: shift_lines). They are
 * combined only when the result is exactly one thread's: the first part holds no quote (so
 * the split is a record boundary; with one, the first part reads on to the end, in order),
 * no region has rows in both parts, neither part stopped (a region's rows coming back, the
 * file changing), no message of the second part names a line in its text, and both judged
 * as of the same period. Otherwise the second part's work is dropped and this thread reads
 * it again into D, in order, as one thread does (and the caller reads again holding every
 * region when that streaming stops). Nothing the second part's sink writes before the join
 * holds a line number: counts, and CSV lines of verdicts. */
static int read_streamed_parts(mb_data *D, const ingest *g, size_t hdr_end, size_t mid)
{
    const mb_text *t = g->t;
    int col = g->col[COL_REGION];
    size_t at = col >= 0 && !checks_on_release(D) ? region_boundary(t, hdr_end, mid, col) : 0;
    mb_data *S = at ? shard_new(D) : NULL;
    void *sink = S ? D->split->begin(D->split->ctx, S) : NULL;
    part a = first_part(g, hdr_end, sink ? at : t->len);
    if (!sink) {
        if (S) shard_free(S);
        read_part(&a);
        return a.g.changed;
    }
    S->cur = -1;
    second b = {second_part(g, S, at), 1};
    pthread_t th;
    int threaded = pthread_create(&th, NULL, read_second, &b) == 0;
    if (threaded) D->split_parts++;
    read_part(&a);
    /* The first part's last region is complete when the second part's first row names
     * another (looked at in its text). Evaluated now, before the second part ends, its lines
     * come before those the sink may take while following the second part. Should the
     * reader still find that row to be of the same region, the part is not kept (disjoint),
     * and reading it again meets a released region: the caller then reads again holding
     * every region (ingest.c, stream_at), and the answer is still one thread's. */
    int early = threaded && D->split->follow && !a.g.quote_seen && a.g.end_line && !a.g.changed && !D->unsorted &&
                names_other_region(D, t, at, col);
    if (early) {
        D->region_done(D->stream_ctx, D, D->nregions);
        D->split->follow(D->split->ctx, sink, &b.reading);
    }
    if (threaded) pthread_join(th, NULL);
    int keep = threaded && !a.g.quote_seen && a.g.end_line && !a.g.changed && !b.p.g.changed && !D->unsorted &&
               !S->unsorted && disjoint(D, S) && shift_lines(S, t, a.g.end_line - 1);
    /* the first part's last region is complete: the second part's first row is another's */
    if (keep && !early) D->region_done(D->stream_ctx, D, D->nregions);
    keep = D->split->join(D->split->ctx, sink, keep && !D->unsorted);
    if (keep && !merge_streamed(D, S)) {
        D->unsorted = 1; /* half merged: the caller reads again, holding every region */
    } else if (!keep && !a.g.changed && !D->unsorted) {
        if (threaded) D->split_parts--;
        if (!a.g.quote_seen) { /* else the first part read on to the end */
            a.o = (mb_csv_opts){.start = at, .end = t->len, .first_line = a.g.end_line};
            read_part(&a);
        }
    }
    shard_free(S);
    return a.g.changed;
}

/* A large file is read by two threads, each half into its own store, merged afterwards.
 * The split newline is a record boundary only if no quoted field spans it, which is certain
 * when the first half holds no quote at all: its reader looks, and at a quote reads on to the
 * end of the file, in order, while the second half's work is dropped. The second half's
 * lines are numbered from its own start, and moved once the first half's are known. */
static int read_csv(mb_data *D, const mb_text *t, uint16_t file, int fd)
{
    ingest g = {.D = D, .t = t, .file = file, .release_end = fd >= 0 ? t->len : 0, .errors0 = D->diags.errors};
    size_t hdr_end, mid;
    long ncpu = sysconf(_SC_NPROCESSORS_ONLN);
    /* one thread: set by the caller (MB_THREADS=1), or streaming with no second sink */
    int one = ncpu < 2 || D->threads == 1 || (D->stream && !D->split);
    int percent = D->stream && D->split && D->split->follow ? SPLIT_FOLLOWED_PERCENT : SPLIT_PERCENT;
    if (t->len < PARALLEL_MIN || one || fd < 0 || !split_point(t, percent, &hdr_end, &mid)) {
        mb_csv_opts o = {.start = 0, .end = t->len, .first_line = 1};
        read_range(&g, &o);
        if (!g.header_done) mb_diag_add(&D->diags, MB_D_NO_HEADER, mb_span_at(t, 0, 0), "no header row");
        if (fd >= 0) mb_ingest_release(&g, t->len);
        return g.changed;
    }
    mb_csv_opts ho = {.start = 0, .end = hdr_end, .first_line = 1};
    read_range(&g, &ho);
    if (!g.header_done || g.bad_header || g.changed) return g.changed;
    if (D->stream) return read_streamed_parts(D, &g, hdr_end, mid);
    mb_data *S = shard_new(D);
    part a = first_part(&g, hdr_end, mid);
    part b = S ? second_part(&g, S, mid) : a;
    pthread_t th;
    int threaded = S && pthread_create(&th, NULL, read_part, &b) == 0;
    read_part(&a);
    if (threaded) pthread_join(th, NULL);
    if (a.g.quote_seen) { /* the first part read on to the end */
        if (S) shard_free(S);
        return a.g.changed | b.g.changed;
    }
    int rc = threaded && a.g.end_line && shift_lines(S, t, a.g.end_line - 1) ? merge(D, S) : 1;
    a.g.changed |= b.g.changed;
    if (rc > 0 && a.g.changed && threaded) {
        /* the file changed: the second part's rows, read but not to be merged, are rejected */
        D->count.rows += S->count.rows;
        D->count.rejected += S->count.rows;
    } else if (rc > 0) {
        a.o = (mb_csv_opts){.start = mid, .end = t->len, .first_line = a.g.end_line};
        read_part(&a);
    } else if (rc < 0) {
        mb_diag_add(&D->diags, MB_D_OUT_OF_MEMORY, mb_span_at(t, mid, mid), "out of memory");
    }
    if (S) shard_free(S);
    return a.g.changed;
}

/* A file that changed while it was read (truncated: a SIGBUS on its mapping; or rewritten:
 * another size or time) gives counts and verdicts from neither version: an error. */
static void check_unchanged(mb_data *D, const mb_text *t, int fd, const struct stat *before, int changed)
{
    struct stat now;
    if (!changed && (fstat(fd, &now) != 0 || now.st_size != before->st_size ||
                     now.st_mtim.tv_sec != before->st_mtim.tv_sec || now.st_mtim.tv_nsec != before->st_mtim.tv_nsec ||
                     now.st_ino != before->st_ino))
        changed = 1;
    if (!changed) return;
    mb_diag_add(&D->diags, MB_D_DATA_CHANGED, mb_span_none(), "cannot read '%s': the file changed while it was read "
                "(its rows read so far are counted; read it again once it is written)", t->name);
    D->io_error = 1;
}

/* GBK / GB18030 (Excel's CSV on Chinese Windows): ASCII, and a lead byte 0x81-0xFE followed
 * by 0x40-0x7E or 0x80-0xFE, or by a digit, a lead byte and a digit (four-byte form). Text that
 * is not UTF-8 but reads as that deserves one message that says how to convert it, rather than
 * "invalid UTF-8" on every row. Only the first 64 KiB are looked at, and it takes three
 * characters. */
static int looks_gbk(const unsigned char *s, size_t n, int cut)
{
    size_t i = 0;
    int pairs = 0;
    while (i < n) {
        unsigned c = s[i];
        if (c < 0x80) { i++; continue; }
        if (c == 0x80 || c == 0xFF) return 0;
        if (i + 1 >= n) return cut; /* a character cut by the sample's end */
        unsigned d = s[i + 1];
        if ((d >= 0x40 && d <= 0x7E) || (d >= 0x80 && d <= 0xFE)) { i += 2; pairs++; continue; }
        if (d < '0' || d > '9') return 0;
        if (i + 3 >= n) return cut;
        if (s[i + 2] < 0x81 || s[i + 2] > 0xFE || s[i + 3] < '0' || s[i + 3] > '9') return 0;
        i += 4;
        pairs++;
    }
    return pairs >= 3; /* one odd pair is more likely a stray byte than an encoding */
}

static int refuse_gbk(mb_data *D, const mb_text *t)
{
    size_t n = t->len < 65536 ? t->len : 65536;
    size_t bad = mb_utf8_check(t->data, n);
    /* a sample cut inside a UTF-8 character is still UTF-8 */
    if (bad == n || (n < t->len && bad + 4 > n)) return 0;
    if (!looks_gbk((const unsigned char *)t->data, n, n < t->len)) return 0;
    mb_diag_add(&D->diags, MB_D_DATA_GBK, mb_span_at(t, bad, bad + 1),
                "not UTF-8: the file looks like GBK/GB18030 (Excel's CSV encoding on Chinese Windows); convert "
                "it to UTF-8, e.g. iconv -f GB18030 -t UTF-8 '%s' > converted.csv, or save it as \"CSV UTF-8\"", t->name);
    return 1;
}

/* Returns 1 when the (mapped) file changed while it was read. */
static int read_text(mb_data *D, const mb_text *t, int json, int fd)
{
    if (t->len == 0) {
        mb_diag_add(&D->diags, MB_D_DATA_EMPTY, mb_span_at(t, 0, 0), "empty file: %s", json ? "no JSON array" : "no header row");
        return 0;
    }
    /* A NUL byte near the start: a binary file, not a submission. */
    const char *nul = memchr(t->data, 0, t->len < 65536 ? t->len : 65536);
    if (nul) {
        size_t at = (size_t)(nul - t->data);
        mb_diag_add(&D->diags, MB_D_DATA_BINARY, mb_span_at(t, at, at + 1), "binary file (NUL byte): not CSV or JSON");
        return 0;
    }
    if (refuse_gbk(D, t)) return 0;
    uint16_t file = (uint16_t)(D->nfiles - 1);
    if (json) {
        /* the fields come in COL_* order (MB_JSONIN_*), as mb_ingest_plain_row reads them */
        /* pages already read are given back as for CSV (mb_ingest_release): the full parser
         * never looks back, and a diagnostic that quotes an earlier line faults it in again */
        ingest g = {.D = D, .t = t, .file = file, .json = 1, .col = {0, 1, 2, 3, 4}, .ncols = NCOLS,
                    .release_end = fd >= 0 ? t->len : 0};
        read_guarded(&g, NULL, read_json);
        if (fd >= 0) mb_ingest_release(&g, t->len);
        return g.changed;
    }
    return read_csv(D, t, file, fd);
}

/* Files up to this size are read, not mapped (see load_file); below glibc's smallest
 * threshold for serving an allocation with a mapping of its own (128 KiB). */
enum { SMALL_FILE = 64 << 10 };

void (*mb_data_test_hook)(const char *path, int fd);

static char *read_small(int fd, size_t len)
{
    char *buf = mb_malloc(len + 1);
    if (!buf) { errno = 0; return NULL; }
    size_t at = 0;
    while (at < len) {
        ssize_t k = read(fd, buf + at, len - at);
        if (k < 0 && errno == EINTR) continue;
        if (k <= 0) {
            if (k == 0) errno = ESTALE; /* the file shrank while being read: see load_file */
            free(buf);
            return NULL;
        }
        at += (size_t)k;
    }
    buf[len] = 0;
    return buf;
}

/* Everything up to end of file, for what has no size to go by: standard input, and files
 * whose size says 0 but that have content (/proc, /sys). */
static char *read_all(int fd, size_t *len)
{
    size_t cap = 1 << 16, n = 0;
    char *buf = mb_malloc(cap + 1);
    if (!buf) { errno = 0; return NULL; }
    for (;;) {
        if (n == cap) {
            char *nb = cap < ((size_t)1 << 40) ? mb_realloc(buf, cap * 2 + 1) : NULL;
            if (!nb) { free(buf); errno = 0; return NULL; }
            buf = nb;
            cap *= 2;
        }
        ssize_t k = read(fd, buf + n, cap - n);
        if (k < 0 && errno == EINTR) continue;
        if (k < 0) { free(buf); return NULL; }
        if (k == 0) break;
        n += (size_t)k;
    }
    buf[n] = 0;
    *len = n;
    return buf;
}

/* Line ends of CR alone (old Mac Excel's "CSV (Macintosh)"): the first line end decides. Such
 * a file is copied with each lone CR made a LF, so it is read, with the line numbers an editor
 * shows, instead of as one endless header. */
static int cr_lines(const mb_text *t)
{
    size_t n = t->len < 65536 ? t->len : 65536;
    const char *cr = memchr(t->data, '\r', n), *lf = memchr(t->data, '\n', n);
    return cr && (!lf || cr < lf) && (size_t)(cr - t->data) + 1 < t->len && cr[1] != '\n';
}

static char *cr_to_lf(const mb_text *t)
{
    char *c = mb_malloc(t->len + 1);
    if (!c) return NULL;
    for (size_t i = 0; i < t->len; i++)
        c[i] = t->data[i] == '\r' && (i + 1 == t->len || t->data[i + 1] != '\n') ? '\n' : t->data[i];
    c[t->len] = 0;
    return c;
}

static void release_text(mb_text *t, int mapped)
{
    if (!mapped) free((void *)t->data);
    else if (t->len) { mb_guard_drop(t->data); munmap((void *)t->data, t->len); }
}

typedef struct text_job { mb_data *D; mb_text *t; int json, fd, changed; } text_job;

/* Runs under the SIGBUS guard: everything here may read a mapping. */
static void text_job_run(void *arg)
{
    text_job *j = arg;
    mb_data *D = j->D;
    size_t file = D->nfiles - 1;
    if (!j->json && cr_lines(j->t)) {
        char *c = cr_to_lf(j->t);
        if (!c) { file_error(D, j->t->name, "out of memory"); return; }
        release_text(j->t, D->mapped[file]);
        j->t->data = c;
        D->mapped[file] = 0;
        j->fd = -1; /* ours now: nothing to give back, no second thread */
    }
    j->changed = read_text(D, j->t, j->json, j->fd);
}

/* Reads the text of an open file (fd) into D. `sb` is its state before; name as given. */
static int load_fd(mb_data *D, const char *name, int fd, const struct stat *sb, int json, int any)
{
    size_t len = S_ISREG(sb->st_mode) ? (size_t)sb->st_size : 0;
    /* Small files are read into memory, larger ones mapped: every mapping counts against the
     * kernel's limit on mappings (vm.max_map_count, 65,530 by default), which a folder of
     * 65,535 small submissions would otherwise exhaust before the file limit. */
    int mapped = len > SMALL_FILE;
    char *data = !len ? read_all(fd, &len) : mapped ? mmap(NULL, len, PROT_READ, MAP_PRIVATE, fd, 0) : read_small(fd, len);
    if (mapped ? data == MAP_FAILED : data == NULL) {
        const char *why = errno == ESTALE ? "the file changed while it was read" : errno ? strerror(errno) : "out of memory";
        file_error(D, name, why);
        return -1;
    }
    if (mapped && !mb_guard_add(data, len)) {
        munmap(data, len);
        file_error(D, name, "out of memory or too many files");
        return -1;
    }
    if (mapped) madvise(data, len, MADV_SEQUENTIAL);
    mb_text *t = mb_malloc(sizeof *t);
    char *nm = mb_arena_strndup(&D->arena, name, strlen(name));
    if (!t || !nm || !add_text(D, t, mapped)) {
        mb_text tmp = {name, data, len};
        release_text(&tmp, mapped);
        free(t);
        file_error(D, name, "out of memory or too many files");
        return -1;
    }
    *t = (mb_text){nm, data, len};
    if (any) { /* standard input: JSON when it starts with '[' */
        size_t i = len >= 3 && !memcmp(data, "\xEF\xBB\xBF", 3) ? 3 : 0;
        while (i < len && (data[i] == ' ' || data[i] == '\t' || data[i] == '\r' || data[i] == '\n')) i++;
        json = i < len && data[i] == '[';
    }
    if (mb_data_test_hook) mb_data_test_hook(name, fd);
    /* The descriptor goes along only with a mapping: it enables giving pages back
     * (madvise) and the two-thread split, neither of which applies to memory we own. */
    text_job j = {D, t, json, mapped ? fd : -1, 0};
    int faulted = mb_guard_run(text_job_run, &j);
    if (S_ISREG(sb->st_mode) && sb->st_size > 0)
        check_unchanged(D, t, fd, sb, faulted || j.changed || (mapped && mb_guard_changed(data)));
    return 0;
}

static int load_file(mb_data *D, const char *path)
{
    /* O_NONBLOCK: opening a FIFO must not wait for a writer; it is refused below anyway */
    int fd = open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK);
    if (fd < 0) { file_error(D, path, strerror(errno)); return -1; }
    struct stat sb;
    if (fstat(fd, &sb) != 0 || !S_ISREG(sb.st_mode)) {
        close(fd);
        file_error(D, path, S_ISDIR(sb.st_mode) ? "is a directory" : "not a regular file");
        return -1;
    }
    int rc = load_fd(D, path, fd, &sb, ends_with(path, ".json"), 0);
    close(fd);
    return rc;
}

/* Standard input ("-"): read once, whole; CSV or JSON by its first byte. */
static int load_stdin(mb_data *D)
{
    if (D->stdin_read) {
        file_error(D, "-", "standard input was given twice");
        return -1;
    }
    D->stdin_read = 1;
    struct stat sb;
    if (fstat(0, &sb) != 0) { file_error(D, "-", strerror(errno)); return -1; }
    if (S_ISDIR(sb.st_mode)) { file_error(D, "-", "is a directory"); return -1; }
    sb.st_mode = S_IFIFO; /* never mapped: read to its end, whatever it is */
    return load_fd(D, "<stdin>", 0, &sb, 0, 1);
}

static int cmp_str(const void *a, const void *b) { return strcmp(*(char *const *)a, *(char *const *)b); }

/* Every .csv and .json file in a folder, in name order (so runs are repeatable). */
static int load_dir(mb_data *D, const char *path)
{
    DIR *dir = opendir(path);
    if (!dir) { file_error(D, path, strerror(errno)); return -1; }
    char **names = NULL;
    size_t n = 0, cap = 0;
    int oom = 0;
    struct dirent *e;
    while ((e = readdir(dir))) {
        if (!ends_with(e->d_name, ".csv") && !ends_with(e->d_name, ".json")) continue;
        if (n == cap) {
            size_t nc = cap ? cap * 2 : 64;
            char **nn = mb_realloc(names, nc * sizeof *nn);
            if (!nn) { oom = 1; break; }
            names = nn;
            cap = nc;
        }
        size_t need = strlen(path) + strlen(e->d_name) + 2;
        if (!(names[n] = mb_malloc(need))) { oom = 1; break; }
        snprintf(names[n++], need, "%s/%s", path, e->d_name);
    }
    closedir(dir);
    if (oom) { /* a partial list would leave files out without a word */
        while (n) free(names[--n]);
        free(names);
        file_error(D, path, "out of memory");
        return -1;
    }
    if (n > 1) qsort(names, n, sizeof *names, cmp_str); /* names is NULL when n is 0 */
    int rc = n ? 0 : -1;
    if (!n) file_error(D, path, "folder holds no .csv or .json file");
    for (size_t i = 0; i < n; i++) {
        if (load_file(D, names[i])) rc = -1;
        free(names[i]);
    }
    free(names);
    return rc;
}

int mb_data_load(mb_data *D, const char *path)
{
    if (!strcmp(path, "-")) return load_stdin(D);
    struct stat sb;
    if (stat(path, &sb) == 0 && S_ISDIR(sb.st_mode)) return load_dir(D, path);
    return load_file(D, path);
}

int mb_data_load_mem(mb_data *D, const char *name, const char *buf, size_t len, int json)
{
    mb_text *t = mb_malloc(sizeof *t);
    char *copy = mb_malloc(len + 1);
    char *nm = mb_arena_strndup(&D->arena, name, strlen(name));
    if (!t || !copy || !nm || !add_text(D, t, 0)) { free(t); free(copy); return -1; }
    memcpy(copy, buf, len);
    copy[len] = 0;
    *t = (mb_text){nm, copy, len};
    text_job j = {D, t, json, -1, 0};
    text_job_run(&j);
    return 0;
}

void mb_ingest_unmap(mb_data *D)
{
    for (size_t i = 0; i < D->nfiles; i++) {
        mb_text *t = D->files[i];
        release_text(t, D->mapped[i]);
        free(t);
    }
    free(D->files);
    free(D->mapped);
    D->files = NULL;
    D->mapped = NULL;
    D->nfiles = 0;
}

/* ---- checks across values ------------------------------------------------------------ */

/* A span for a whole line known only by number: found by counting newlines, which is only
 * done for the diagnostics actually shown. */
mb_span mb_ingest_line_span(const mb_data *D, uint16_t file, uint32_t line)
{
    if (D->shard && D->shard->lines) return mb_shard_line_span(D, file, line); /* merged */
    const mb_text *t = D->files[file];
    const char *p = t->data, *end = t->data + t->len;
    for (uint32_t l = 1; l < line && p; l++) {
        p = memchr(p, '\n', (size_t)(end - p));
        if (p) p++;
    }
    if (!p) return mb_span_none();
    size_t s = (size_t)(p - t->data);
    const char *nl = memchr(p, '\n', (size_t)(end - p));
    size_t e = nl ? (size_t)(nl - t->data) : t->len;
    return (mb_span){t, s, e > s ? e : s + 1, line, s};
}

static void distrust(mb_data *D, mb_obs *o)
{
    if (o->state != MB_OBS_PRESENT) return;
    o->state = MB_OBS_CONFLICT;
    D->count.used--;
    D->count.rejected++;
}

/* Checks between two indicators (part ≤ whole, check a <= b): values are compared in one
 * unit, so 5000 万元 is less than 1 亿元. When a check fails, neither value can be trusted. */
static void check_pair(mb_data *D, const mb_check *k)
{
    int y0 = D->first_year[k->ind->index], n = D->nyears[k->ind->index];
    for (size_t r = 0; r < D->nregions; r++)
        for (int y = y0; y < y0 + n; y++) {
            mb_obs *a = (mb_obs *)mb_data_obs(D, r, k->ind, y);
            mb_obs *b = (mb_obs *)mb_data_obs(D, r, k->other, y);
            if (!a || !b || a->state != MB_OBS_PRESENT || b->state != MB_OBS_PRESENT) continue;
            mb_num bv;
            if (mb_unit_convert(mb_obs_value(b), &k->other->unit, &k->ind->unit, &bv)) continue;
            if (mb_cmp_holds(k->cmp, mb_num_cmp(mb_obs_value(a), bv))) continue;
            char x[MB_NUM_BUF], z[MB_NUM_BUF];
            mb_num_format(mb_obs_value(a), 0, x, NULL);
            mb_num_format(mb_obs_value(b), 0, z, NULL);
            mb_span sp = D->diags.errors < D->diags.max_errors ? mb_ingest_line_span(D, a->file, a->line) : mb_span_none();
            mb_diag_add(&D->diags, MB_D_DATA_CHECK, sp,
                        "data check '%s' fails for %s, %d: %s = %s %s is not %s %s = %s %s (%s:%u)", k->id,
                        D->region_names[r], y, k->ind->id, x, k->ind->unit.text, mb_cmp_str(k->cmp),
                        k->other->id, z, k->other->unit.text, mb_data_file_name(D, b->file), b->line);
            distrust(D, a);
            distrust(D, b);
        }
}

void mb_data_finish(mb_data *D)
{
    const mb_model *m = D->model;
    mb_ingest_near_names(D);
    mb_data_check_printed(D);
    mb_data_check_parts(D, D->live, D->nregions);
    for (size_t i = 0; i < m->nchecks; i++)
        if (m->checks[i]->kind == MB_DC_CMP_IND && m->checks[i]->other) check_pair(D, m->checks[i]);
}
