/* data_shard_read.c — mubiao merge: one store rebuilt from the parts shards wrote (shard.h).
 * Each part is checked to come from the same rules and the same run, every shard 1..N once;
 * then regions are made in the order of their first rows, their slots copied, the counts
 * added, and the diagnostics put back in the order of the rows that caused them. */
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include "lsp.h"
#include "shard.h"
#include "xalloc.h"

typedef struct part {
    const char *path;
    void *map;         /* the report, mapped */
    size_t len;
    mb_lj v;           /* the "shard" object */
    unsigned k;
} part;

static int fail(char *err, size_t n, const char *fmt, const char *path, const char *what)
{
    snprintf(err, n, fmt, path, what);
    return -1;
}

/* Hex text back to bytes, in the arena: NULL when not hex. */
static char *unhex(mb_arena *a, const mb_lj *v, size_t *n)
{
    if (!v || v->kind != MB_LJ_STR || v->n % 2) return NULL;
    char *o = mb_arena_alloc(a, v->n / 2 + 1);
    if (!o) return NULL;
    for (size_t i = 0; i < v->n / 2; i++) {
        int x = 0;
        for (int j = 0; j < 2; j++) {
            char c = v->s[2 * i + (size_t)j];
            int d = c >= '0' && c <= '9' ? c - '0' : c >= 'a' && c <= 'f' ? c - 'a' + 10 : -1;
            if (d < 0) return NULL;
            x = x * 16 + d;
        }
        o[i] = (char)x;
    }
    o[v->n / 2] = 0;
    if (n) *n = v->n / 2;
    return o;
}

static const mb_lj *at(const mb_lj *v, size_t i)
{
    return v && v->kind == MB_LJ_ARR && i < v->n ? &v->v[i] : NULL;
}

static int64_t num(const mb_lj *v, int64_t def)
{
    return v && v->kind == MB_LJ_NUM && v->num == (double)(int64_t)v->num ? (int64_t)v->num : def;
}

/* The "shard" member is the last of the report: found from the end of the mapped file, so
 * the verdicts before it (most of the file) are neither parsed nor read. */
static int read_part(mb_arena *a, part *p, char *err, size_t errlen)
{
    int fd = open(p->path, O_RDONLY | O_CLOEXEC);
    struct stat st;
    if (fd < 0 || fstat(fd, &st) != 0) {
        int e = errno;
        if (fd >= 0) close(fd);
        return fail(err, errlen, "cannot read '%s': %s", p->path, strerror(e));
    }
    if (!S_ISREG(st.st_mode) || st.st_size == 0) {
        close(fd);
        return fail(err, errlen, "'%s' is not %s", p->path, "a shard's report (eval --shard K/N --format json): not a regular file, or empty");
    }
    size_t len = (size_t)st.st_size;
    void *map = mmap(NULL, len, PROT_READ, MAP_PRIVATE, fd, 0);
    int e = errno;
    close(fd);
    if (map == MAP_FAILED) return fail(err, errlen, "cannot read '%s': %s", p->path, strerror(e));
    p->map = map;
    p->len = len;
    const char *b = map;
    static const char MARK[] = "\n\"shard\":";
    const char *s = NULL;
    for (size_t i = len; i >= sizeof MARK - 1 && !s; i--)
        if (b[i - 1] == ':' && !memcmp(b + i - (sizeof MARK - 1), MARK, sizeof MARK - 1)) s = b + i;
    size_t end = len;
    while (end && (b[end - 1] == '\n' || b[end - 1] == ' ')) end--;
    if (!s || end == 0 || b[end - 1] != '}' || s >= b + end - 1)
        return fail(err, errlen, "'%s' is not %s", p->path, "a shard's report (eval --shard K/N --format json): it has no \"shard\" member");
    const char *why = NULL;
    if (mb_lj_parse(a, s, (size_t)(b + end - 1 - s), &p->v, &why) || p->v.kind != MB_LJ_OBJ)
        return fail(err, errlen, "'%s': its \"shard\" member is not valid JSON (%s)", p->path, why ? why : "not an object");
    if (mb_lj_int(&p->v, "format", 0) != 1)
        return fail(err, errlen, "'%s' was written by %s", p->path, "another version of mubiao (shard format is not 1)");
    return 0;
}

/* Every shard once, from these rules and one run. */
static int check_parts(part *p, size_t n, const char *rules, char *err, size_t errlen)
{
    int64_t N = mb_lj_int(&p[0].v, "n", 0);
    const char *run = mb_lj_str(&p[0].v, "run");
    for (size_t i = 0; i < n; i++) {
        const char *r = mb_lj_str(&p[i].v, "rules");
        if (!r || strcmp(r, rules))
            return fail(err, errlen, "'%s' was made from %s", p[i].path, "other rules than these (the rule files differ)");
        int64_t k = mb_lj_int(&p[i].v, "k", 0), nn = mb_lj_int(&p[i].v, "n", 0);
        const char *ru = mb_lj_str(&p[i].v, "run");
        if (nn != N || !ru || !run || strcmp(ru, run)) {
            snprintf(err, errlen, "'%s' is a shard of another run than '%s' (other data files or another shard count)",
                     p[i].path, p[0].path);
            return -1;
        }
        if (k < 1 || k > N) return fail(err, errlen, "'%s': %s", p[i].path, "its shard number is out of range");
        p[i].k = (unsigned)k;
        for (size_t j = 0; j < i; j++)
            if (p[j].k == p[i].k && !strcmp(p[j].path, p[i].path)) {
                return fail(err, errlen, "'%s' is given twice%s", p[i].path, "");
            } else if (p[j].k == p[i].k) {
                snprintf(err, errlen, "'%s' and '%s' are the same shard (%u/%lld)", p[j].path, p[i].path, p[i].k,
                         (long long)N);
                return -1;
            }
    }
    if ((int64_t)n < N) {
        for (unsigned k = 1; k <= N; k++) {
            size_t i = 0;
            while (i < n && p[i].k != k) i++;
            if (i == n) {
                snprintf(err, errlen, "shard %u/%lld is missing (%zu of %lld given)", k, (long long)N, n, (long long)N);
                return -1;
            }
        }
    }
    return 0;
}

static int line_cmp(const void *a, const void *b)
{
    const mb_shard_line *x = a, *y = b;
    if (x->file != y->file) return x->file < y->file ? -1 : 1;
    return x->line < y->line ? -1 : x->line > y->line;
}

/* Each data file's text, rebuilt from the lines the shards carried: after a newline each, in
 * order, so positions within a line are as they were. */
static int rebuild_files(mb_data *D, mb_arena *a, part *p, size_t n)
{
    mb_shard *s = D->shard;
    const mb_lj *files = mb_lj_get(&p[0].v, "files");
    size_t nf = files && files->kind == MB_LJ_ARR ? files->n : 0;
    size_t nl = 0;
    for (size_t i = 0; i < n; i++) {
        const mb_lj *l = mb_lj_get(&p[i].v, "lines");
        nl += l && l->kind == MB_LJ_ARR ? l->n : 0;
    }
    s->lines = mb_calloc(nl + 1, sizeof *s->lines);
    const char **text = mb_calloc(nl + 1, sizeof *text);
    D->files = mb_calloc(nf + 1, sizeof *D->files);
    D->mapped = mb_calloc(nf + 1, 1);
    if (!s->lines || !text || !D->files || !D->mapped) { free(text); return 0; }
    size_t m = 0;
    for (size_t i = 0; i < n; i++) {
        const mb_lj *l = mb_lj_get(&p[i].v, "lines");
        for (size_t j = 0; l && l->kind == MB_LJ_ARR && j < l->n; j++) {
            size_t len;
            const char *t = unhex(a, at(&l->v[j], 2), &len);
            int64_t f = num(at(&l->v[j], 0), -1), ln = num(at(&l->v[j], 1), 0);
            if (!t || f < 0 || (size_t)f >= nf || ln < 1) continue;
            text[m] = t; /* off is the index into text until the lines are laid out */
            s->lines[m] = (mb_shard_line){(uint16_t)f, (uint32_t)ln, m, len};
            m++;
        }
    }
    qsort(s->lines, m, sizeof *s->lines, line_cmp);
    size_t w = 0; /* one of each: several shards may carry a line */
    for (size_t i = 0; i < m; i++)
        if (!w || line_cmp(&s->lines[w - 1], &s->lines[i])) s->lines[w++] = s->lines[i];
    s->nlines = w;
    for (size_t f = 0; f < nf; f++) {
        size_t len = 0;
        for (size_t i = 0; i < w; i++)
            if (s->lines[i].file == f) len += 1 + s->lines[i].len;
        char *buf = malloc(len + 1);
        mb_text *t = mb_calloc(1, sizeof *t);
        char *name = unhex(&D->arena, &files->v[f], NULL);
        if (!buf || !t || !name) { free(buf); free(t); free(text); return 0; }
        size_t off = 0;
        for (size_t i = 0; i < w; i++) {
            if (s->lines[i].file != f) continue;
            const char *src = text[s->lines[i].off];
            buf[off++] = '\n';
            memcpy(buf + off, src, s->lines[i].len);
            s->lines[i].off = off;
            off += s->lines[i].len;
        }
        buf[len] = 0;
        *t = (mb_text){name, buf, len};
        D->files[f] = t;
        D->nfiles = f + 1;
    }
    free(text);
    return 1;
}

mb_span mb_shard_line_span(const mb_data *D, uint16_t file, uint32_t line)
{
    const mb_shard *s = D->shard;
    mb_shard_line key = {file, line, 0, 0};
    const mb_shard_line *l = bsearch(&key, s->lines, s->nlines, sizeof key, line_cmp);
    if (!l || file >= D->nfiles) return mb_span_none();
    const char *d = D->files[file]->data + l->off;
    const char *nl = memchr(d, '\n', l->len);
    size_t e = nl ? (size_t)(nl - D->files[file]->data) : l->off + l->len;
    return (mb_span){D->files[file], l->off, e > l->off ? e : l->off + 1, line, l->off};
}

/* A carried position [file, line, start, end] as a span in the rebuilt text. */
static mb_span span_of(const mb_data *D, const mb_lj *v)
{
    int64_t f = num(at(v, 0), -1), ln = num(at(v, 1), 0), st = num(at(v, 2), 0), en = num(at(v, 3), 0);
    if (f < 0 || (size_t)f >= D->nfiles || ln < 1 || st < 0 || en < st) return mb_span_none();
    mb_span sp = mb_shard_line_span(D, (uint16_t)f, (uint32_t)ln);
    if (!sp.text) return sp;
    size_t len = sp.text->len;
    sp.start = sp.line_start + (size_t)st;
    sp.end = sp.line_start + (size_t)en;
    if (sp.start > len) sp.start = len;
    if (sp.end > len) sp.end = len;
    return sp;
}

typedef struct reg { const char *name; int64_t file, line; const char *obs; } reg;

static int reg_cmp(const void *a, const void *b)
{
    const reg *x = a, *y = b;
    if (x->file != y->file) return x->file < y->file ? -1 : 1;
    return x->line < y->line ? -1 : x->line > y->line;
}

/* Regions: the plans' own exist already; the others are made in the order of their first
 * rows, as one reading of every file would have made them. Then their slots. */
static int rebuild_regions(mb_data *D, mb_arena *a, part *p, size_t n)
{
    size_t nr = 0;
    for (size_t i = 0; i < n; i++) {
        const mb_lj *r = mb_lj_get(&p[i].v, "regions");
        nr += r && r->kind == MB_LJ_ARR ? r->n : 0;
    }
    reg *v = mb_calloc(nr + 1, sizeof *v);
    if (!v) return 0;
    size_t m = 0;
    for (size_t i = 0; i < n; i++) {
        const mb_lj *r = mb_lj_get(&p[i].v, "regions");
        for (size_t j = 0; r && r->kind == MB_LJ_ARR && j < r->n; j++) {
            const mb_lj *e = &r->v[j], *o = at(e, 3);
            v[m] = (reg){unhex(a, at(e, 0), NULL), num(at(e, 1), -1), num(at(e, 2), 0), o && o->kind == MB_LJ_STR ? o->s : ""};
            if (v[m].name) m++;
        }
    }
    qsort(v, m, sizeof *v, reg_cmp);
    int ok = 1;
    for (size_t i = 0; i < m && ok; i++) {
        long r = mb_data_region(D, v[i].name);
        if (r < 0) r = mb_data_intern(D, v[i].name, strlen(v[i].name));
        if (r < 0) { ok = 0; break; }
        mb_obs *ob = D->obs + (size_t)r * D->nslots;
        for (const char *s = v[i].obs; *s;) {
            unsigned long long slot;
            long long mm;
            int ex;
            unsigned st, fi, li;
            int used = 0;
            if (sscanf(s, "%llu %lld %d %u %u %u%n", &slot, &mm, &ex, &st, &fi, &li, &used) != 6 || slot >= D->nslots) {
                ok = 0;
                break;
            }
            ob[slot] = (mb_obs){(int64_t)mm, (uint32_t)li, (int8_t)ex, (uint8_t)st, (uint16_t)fi};
            s += used;
            if (*s == ';') s++;
        }
    }
    free(v);
    return ok;
}

typedef struct dg { const mb_lj *v; int64_t file, line, col; size_t part, seq; } dg;

static int dg_cmp(const void *a, const void *b)
{
    const dg *x = a, *y = b;
    if (x->file != y->file) return x->file < y->file ? -1 : 1;
    if (x->line != y->line) return x->line < y->line ? -1 : 1;
    if (x->col != y->col) return x->col < y->col ? -1 : 1;
    if (x->part != y->part) return x->part < y->part ? -1 : 1;
    return x->seq < y->seq ? -1 : x->seq > y->seq;
}

/* The diagnostics of every shard in the order of the rows that caused them (one reading
 * records them so); one without a place stays after the one before it in its shard. The
 * totals are the shards' totals: what a shard counted but did not keep stays counted. */
static int rebuild_diags(mb_data *D, mb_arena *a, part *p, size_t n)
{
    size_t nd = 0, errors = 0, warnings = 0;
    for (size_t i = 0; i < n; i++) {
        const mb_lj *d = mb_lj_get(&p[i].v, "diags");
        nd += d && d->kind == MB_LJ_ARR ? d->n : 0;
        errors += (size_t)mb_lj_int(&p[i].v, "errors", 0);
        warnings += (size_t)mb_lj_int(&p[i].v, "warnings", 0);
    }
    dg *v = mb_calloc(nd + 1, sizeof *v);
    if (!v) return 0;
    size_t m = 0;
    for (size_t i = 0; i < n; i++) {
        const mb_lj *d = mb_lj_get(&p[i].v, "diags");
        int64_t f = -1, l = 0, c = 0;
        for (size_t j = 0; d && d->kind == MB_LJ_ARR && j < d->n; j++) {
            const mb_lj *sp = at(&d->v[j], 1), *before = at(&d->v[j], 5);
            if (sp && sp->kind == MB_LJ_ARR) {
                f = num(at(sp, 0), -1);
                l = num(at(sp, 1), 0);
                c = num(at(sp, 2), 0);
            } else if (before) { /* no place: before the rows of that file */
                f = num(before, -1);
                l = 0;
                c = 0;
            }
            v[m++] = (dg){&d->v[j], f, l, c, p[i].k, j};
        }
    }
    qsort(v, m, sizeof *v, dg_cmp);
    size_t se = 0, sw = 0;
    for (size_t i = 0; i < m; i++) {
        const mb_lj *e = v[i].v;
        int64_t code = num(at(e, 0), -1);
        char *msg = unhex(a, at(e, 2), NULL);
        if (code < 0 || !msg) { free(v); return 0; }
        const mb_code_info *info = mb_code_lookup((mb_code)code);
        if (!info || info->sev == MB_SEV_ERROR) se++;
        else if (info->sev == MB_SEV_WARNING) sw++;
        mb_diag *g = mb_diag_add(&D->diags, (mb_code)code, span_of(D, at(e, 1)), "%s", msg);
        char *note = unhex(a, at(e, 4), NULL);
        if (g && note) mb_diag_note(g, span_of(D, at(e, 3)), "%s", note);
    }
    free(v);
    if (errors > se) { D->diags.errors += errors - se; D->diags.dropped += errors - se; }
    if (warnings > sw) { D->diags.warnings += warnings - sw; D->diags.dropped_warnings += warnings - sw; }
    return 1;
}

/* Counts, names no rule or plan reads, the latest period, and whether a file failed. */
static void rebuild_counts(mb_data *D, mb_arena *a, part *p, size_t n)
{
    int64_t best[3] = {-1, 0, 0};
    for (size_t i = 0; i < n; i++) {
        const mb_lj *v = &p[i].v, *r = mb_lj_get(v, "rows");
        size_t *c[] = {&D->count.rows, &D->count.used, &D->count.unused_indicator, &D->count.unused_period,
                       &D->count.unused_region, &D->count.duplicate, &D->count.rejected};
        for (size_t j = 0; j < sizeof c / sizeof *c; j++) *c[j] += (size_t)num(at(r, j), 0);
        const char *what[2] = {"unknown", "unread"};
        mb_map *map[2] = {&D->unknown, &D->unread};
        for (int k = 0; k < 2; k++) {
            const mb_lj *l = mb_lj_get(v, what[k]);
            for (size_t j = 0; l && l->kind == MB_LJ_ARR && j < l->n; j++) {
                size_t len;
                const char *name = unhex(a, at(&l->v[j], 0), &len);
                if (name) mb_ingest_count_name(D, map[k], name, len, (uintptr_t)num(at(&l->v[j], 1), 0));
            }
        }
        int y = (int)mb_lj_int(v, "max_year", 0), per = (int)mb_lj_int(v, "max_period", 0);
        if (y > D->max_year) D->max_year = y;
        /* the first row with the latest period: the one earliest in the files */
        const mb_lj *w = mb_lj_get(v, "max_period_at");
        int64_t place[3] = {num(at(w, 0), -1), num(at(w, 1), 0), num(at(w, 2), 0)};
        int earlier = place[0] >= 0 && (best[0] < 0 || place[0] < best[0] ||
                                        (place[0] == best[0] && (place[1] < best[1] ||
                                                                 (place[1] == best[1] && place[2] < best[2]))));
        if (per > D->max_period || (per && per == D->max_period && earlier)) {
            D->max_period = per;
            D->max_period_at = span_of(D, w);
            memcpy(best, place, sizeof best);
        }
        D->io_error |= (int)mb_lj_int(v, "io_error", 0);
        D->refused_region |= (int)mb_lj_int(v, "refused_region", 0);
    }
}

int mb_shard_merge(mb_data *D, const char *const *paths, size_t n, const char *rules_digest, char *err, size_t errlen)
{
    mb_arena a;
    mb_arena_init(&a);
    part *p = mb_calloc(n + 1, sizeof *p);
    int rc = p ? 0 : fail(err, errlen, "%s%s", "", "out of memory");
    for (size_t i = 0; !rc && i < n; i++) {
        p[i].path = paths[i];
        rc = read_part(&a, &p[i], err, errlen);
    }
    if (!rc) rc = check_parts(p, n, rules_digest, err, errlen);
    if (!rc) {
        D->shard = mb_calloc(1, sizeof *D->shard);
        if (!D->shard || !rebuild_files(D, &a, p, n) || !rebuild_regions(D, &a, p, n) || !rebuild_diags(D, &a, p, n))
            rc = fail(err, errlen, "%s%s", "", "out of memory, or a shard's part of the store is damaged");
        else rebuild_counts(D, &a, p, n);
    }
    for (size_t i = 0; p && i < n; i++)
        if (p[i].map) munmap(p[i].map, p[i].len);
    free(p);
    mb_arena_free(&a);
    return rc;
}
