/* ingest_file.c — submission files: mapping, folders, and reading a large CSV on two
 * threads; plus the checks that need several values. */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include "ingest.h"
#include "jsonin.h"
#include "xalloc.h"

/* ---- files --------------------------------------------------------------------------- */

static int ends_with(const char *s, const char *suf)
{
    size_t n = strlen(s), k = strlen(suf);
    return n >= k && strcasecmp(s + n - k, suf) == 0;
}

static void file_error(mb_data *D, const char *path, const char *why)
{
    mb_diag_add(&D->diags, MB_SEV_ERROR, mb_span_none(), "cannot read '%s': %s", path, why);
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

/* The first thread's share of a split file, in percent: the second thread first scans the
 * first part for quotes and counts its lines, so it gets the smaller part (measured: 56%). */
enum { SPLIT_PERCENT = 56 };
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
    S->checked = D->checked;
    S->files = D->files;
    S->nfiles = D->nfiles;
    S->max_regions = D->max_regions;
    S->all_regions = D->all_regions;
    /* Only plans' regions are read: the shard must know them (they are all D holds). */
    for (size_t r = 0; !S->all_regions && r < D->nregions; r++)
        if (mb_data_intern(S, D->region_names[r], strlen(D->region_names[r])) < 0) { shard_free(S); return NULL; }
    return S;
}

static void shard_free(mb_data *S)
{
    free(S->obs);
    free(S->region_names);
    mb_map_free(&S->regions);
    mb_map_free(&S->unknown);
    mb_map_free(&S->unread);
    mb_diags_free(&S->diags);
    mb_arena_free(&S->arena);
    free(S);
}

typedef struct part {
    ingest g;
    mb_csv_opts o;
    int fd;             /* second part: scan the first for quotes through this, see read_csv */
    size_t scan_from;
    int quoted;         /* the first part holds a quote: this part was not read */
} part;

/* Scan [0, to) of the file with pread, not through the mapping (so the pages are neither
 * mapped nor kept resident): is there a '"' at or after `from`, and how many lines start
 * before `to`? */
static int scan_first_part(int fd, size_t from, size_t to, uint32_t *lines)
{
    static __thread char buf[1 << 16];
    size_t at = 0;
    *lines = 1;
    while (at < to) {
        size_t n = to - at < sizeof buf ? to - at : sizeof buf;
        ssize_t k = pread(fd, buf, n, (off_t)at);
        if (k <= 0) return 1; /* cannot tell: play safe */
        if (at + (size_t)k > from) {
            size_t skip = at < from ? from - at : 0;
            if (memchr(buf + skip, '"', (size_t)k - skip)) return 1;
        }
        for (const char *q = buf, *e = buf + k; (q = memchr(q, '\n', (size_t)(e - q))); q++) ++*lines;
        at += (size_t)k;
    }
    return 0;
}

/* Records the reader rejected never reach mb_ingest_row; each is one error of the reader's,
 * so they are counted here as rows read and rejected. */
static void count_reader_rejects(ingest *g, size_t errors_before)
{
    size_t reader = g->D->diags.errors - errors_before - g->own_errors;
    g->D->count.rows += reader;
    g->D->count.rejected += reader;
    g->own_errors = 0;
}

static void read_range(ingest *g, const mb_csv_opts *o)
{
    size_t before = g->D->diags.errors;
    g->own_errors = 0;
    mb_csv_read(g->t, o, mb_ingest_row, g, &g->D->diags);
    mb_ingest_flush(g);
    count_reader_rejects(g, before);
}

static void *read_part(void *arg)
{
    part *p = arg;
    if (p->fd >= 0) {
        uint32_t lines;
        if (scan_first_part(p->fd, p->scan_from, p->o.start, &lines)) {
            p->quoted = 1;
            return NULL;
        }
        p->o.first_line = lines;
    }
    read_range(&p->g, &p->o);
    mb_ingest_release(&p->g, p->o.end);
    return NULL;
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
    for (size_t i = 0; i < S->regions.cap; i++) {
        const mb_map_slot *u = &S->regions.slots[i];
        if (!u->key) continue;
        size_t r = (size_t)(uintptr_t)u->val - 1;
        uintptr_t hit = (uintptr_t)mb_map_get(&D->regions, u->key, u->len);
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

/* Adds the shard to D. Returns 1 when it cannot be (see merge_plan): the caller reads the
 * second part again, in order, into D, so the result never depends on the split. -1: out of
 * memory. */
static int merge(mb_data *D, mb_data *S)
{
    long *to = merge_plan(D, S);
    if (!to) return 1;
    for (size_t r = 0; r < S->nregions; r++) {
        if (to[r] < 0) to[r] = mb_data_intern(D, S->region_names[r], strlen(S->region_names[r]));
        if (to[r] < 0) { free(to); return -1; }
        mb_obs *a = D->obs + (size_t)to[r] * D->nslots;
        const mb_obs *b = S->obs + r * S->nslots;
        for (size_t k = 0; k < D->nslots; k++)
            if (b[k].state != MB_OBS_ABSENT) a[k] = b[k];
    }
    free(to);
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
    return 0;
}

/* The header ends at the first newline (when it has no quotes), and the second part starts
 * at a newline near the middle. */
static int split_point(const mb_text *t, size_t *hdr_end, size_t *mid)
{
    const char *nl = memchr(t->data, '\n', t->len);
    if (!nl || memchr(t->data, '"', (size_t)(nl - t->data))) return 0;
    *hdr_end = (size_t)(nl - t->data) + 1;
    size_t first = (t->len - *hdr_end) / 100 * SPLIT_PERCENT;
    const char *m = memchr(t->data + *hdr_end + first, '\n', t->len - *hdr_end - first);
    if (!m) return 0;
    *mid = (size_t)(m - t->data) + 1;
    return 1;
}

/* A large file is read by two threads, each half into its own store, merged afterwards.
 * The split newline is a record boundary only if no quoted field spans it, which is certain
 * when the first half holds no quote at all: the second thread checks that first (while the
 * first thread is already reading) and, if it finds one, leaves the second half to the
 * first thread, which then reads on in order. */
static void read_csv(mb_data *D, const mb_text *t, uint16_t file, int fd)
{
    ingest g = {.D = D, .t = t, .file = file, .release_end = fd >= 0 ? t->len : 0, .errors0 = D->diags.errors};
    size_t hdr_end, mid;
    long ncpu = sysconf(_SC_NPROCESSORS_ONLN);
    int one = ncpu < 2 || D->threads == 1; /* one thread: set by the caller (MB_THREADS=1) */
    if (t->len < PARALLEL_MIN || one || fd < 0 || !split_point(t, &hdr_end, &mid)) {
        mb_csv_opts o = {.start = 0, .end = t->len, .first_line = 1};
        read_range(&g, &o);
        if (!g.header_done) mb_diag_add(&D->diags, MB_SEV_ERROR, mb_span_at(t, 0, 0), "no header row");
        if (fd >= 0) mb_ingest_release(&g, t->len);
        return;
    }
    mb_csv_opts ho = {.start = 0, .end = hdr_end, .first_line = 1};
    read_range(&g, &ho);
    if (!g.header_done || g.bad_header) return;
    mb_data *S = shard_new(D);
    part a = {g, {.start = hdr_end, .end = mid, .first_line = 2}, -1, 0, 0};
    part b = {g, {.start = mid, .end = t->len, .first_line = 0}, fd, hdr_end, 0};
    b.g.D = S;
    a.g.released = hdr_end;
    b.g.released = mid;
    pthread_t th;
    int threaded = S && pthread_create(&th, NULL, read_part, &b) == 0;
    read_part(&a);
    if (threaded) pthread_join(th, NULL);
    int rc = threaded && !b.quoted ? merge(D, S) : 1;
    if (rc > 0) {
        a.o = (mb_csv_opts){.start = mid, .end = t->len, .first_line = 0};
        read_part(&a);
    } else if (rc < 0) {
        mb_diag_add(&D->diags, MB_SEV_ERROR, mb_span_at(t, mid, mid), "out of memory");
    }
    if (S) shard_free(S);
}

static void read_text(mb_data *D, const mb_text *t, int json, int fd)
{
    if (t->len == 0) {
        mb_diag_add(&D->diags, MB_SEV_ERROR, mb_span_at(t, 0, 0), "empty file: %s", json ? "no JSON array" : "no header row");
        return;
    }
    /* A NUL byte near the start: a binary file, not a submission. */
    const char *nul = memchr(t->data, 0, t->len < 65536 ? t->len : 65536);
    if (nul) {
        size_t at = (size_t)(nul - t->data);
        mb_diag_add(&D->diags, MB_SEV_ERROR, mb_span_at(t, at, at + 1), "binary file (NUL byte): not CSV or JSON");
        return;
    }
    uint16_t file = (uint16_t)(D->nfiles - 1);
    if (json) {
        ingest g = {.D = D, .t = t, .file = file, .json = 1};
        size_t before = D->diags.errors;
        mb_jsonin_read(t, mb_ingest_row, &g, &D->diags);
        mb_ingest_flush(&g);
        count_reader_rejects(&g, before);
        return;
    }
    read_csv(D, t, file, fd);
}

/* Files up to this size are read, not mapped (see load_file); below glibc's smallest
 * threshold for serving an allocation with a mapping of its own (128 KiB). */
enum { SMALL_FILE = 64 << 10 };

static char *read_small(int fd, size_t len)
{
    char *buf = mb_malloc(len + 1);
    if (!buf) { errno = 0; return NULL; }
    size_t at = 0;
    while (at < len) {
        ssize_t k = read(fd, buf + at, len - at);
        if (k < 0 && errno == EINTR) continue;
        if (k <= 0) {
            if (k == 0) errno = EIO; /* the file shrank while being read */
            free(buf);
            return NULL;
        }
        at += (size_t)k;
    }
    buf[len] = 0;
    return buf;
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
    size_t len = (size_t)sb.st_size;
    /* Small files are read into memory, larger ones mapped: every mapping counts against the
     * kernel's limit on mappings (vm.max_map_count, 65,530 by default), which a folder of
     * 65,535 small submissions would otherwise exhaust before the file limit. */
    int mapped = len > SMALL_FILE || len == 0; /* an empty file has nothing to free or unmap */
    char *data = !len ? NULL : mapped ? mmap(NULL, len, PROT_READ, MAP_PRIVATE, fd, 0) : read_small(fd, len);
    if (len && (mapped ? data == MAP_FAILED : data == NULL)) {
        close(fd);
        file_error(D, path, errno ? strerror(errno) : "out of memory");
        return -1;
    }
    if (mapped && len) madvise(data, len, MADV_SEQUENTIAL);
    mb_text *t = mb_malloc(sizeof *t);
    char *name = mb_arena_strndup(&D->arena, path, strlen(path));
    if (!t || !name || !add_text(D, t, mapped)) {
        free(t);
        if (!mapped) free(data);
        else if (len) munmap(data, len);
        close(fd);
        file_error(D, path, "out of memory or too many files");
        return -1;
    }
    *t = (mb_text){name, data ? data : "", len};
    /* The descriptor goes along only with a mapping: it enables giving pages back
     * (madvise) and the two-thread split, neither of which applies to memory we own. */
    read_text(D, t, ends_with(path, ".json"), mapped ? fd : -1);
    close(fd);
    return 0;
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
    read_text(D, t, json, -1);
    return 0;
}

void mb_ingest_unmap(mb_data *D)
{
    for (size_t i = 0; i < D->nfiles; i++) {
        mb_text *t = D->files[i];
        if (!D->mapped[i]) free((void *)t->data);
        else if (t->len) munmap((void *)t->data, t->len);
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
            mb_diag_add(&D->diags, MB_SEV_ERROR, sp,
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
    for (size_t i = 0; i < m->nchecks; i++)
        if (m->checks[i]->kind == MB_DC_CMP_IND && m->checks[i]->other) check_pair(D, m->checks[i]);
}
