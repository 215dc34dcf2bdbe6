/* data_shard.c — eval --shard K/N: which rows a shard keeps, and the part of the store it
 * writes for merge (shard.h says what is whose; data_shard_read.c puts the parts together). */
#include "shard.h"

#include <stdlib.h>
#include <string.h>

#include "ingest_value.h"
#include "jsonw.h"
#include "sha256.h"
#include "text.h"
#include "xalloc.h"

/* FNV-1a, 64 bits: a few lines that any machine, and any other program, computes alike. */
static uint64_t fnv1a(const char *s, size_t n)
{
    uint64_t h = 14695981039346656037ull;
    for (size_t i = 0; i < n; i++) {
        h ^= (unsigned char)s[i];
        h *= 1099511628211ull;
    }
    return h;
}

unsigned mb_shard_of(const char *key, size_t n, unsigned nshards)
{
    return (unsigned)(fnv1a(key, n) % nshards) + 1;
}

int mb_shard_begin(mb_data *D, unsigned k, unsigned n)
{
    mb_shard *s = mb_calloc(1, sizeof *s);
    if (!s) return 0;
    s->k = k;
    s->n = n;
    s->reg0 = D->nregions;
    mb_map_init(&s->refs);
    /* Regions compared with: every shard reads them, so its own verdicts can compare. */
    const mb_model *m = D->model;
    for (size_t i = 0; i < m->nrules; i++) {
        const char *key = m->rules[i]->region ? m->rules[i]->region_key : NULL;
        if (key && !mb_map_put(&s->refs, key, strlen(key), (void *)1)) { mb_map_free(&s->refs); free(s); return 0; }
    }
    D->shard = s;
    D->threads = 1; /* regions made in the order of the rows: merge orders them by their first row */
    return 1;
}

void mb_shard_free(mb_data *D)
{
    mb_shard *s = D->shard;
    if (!s) return;
    mb_map_free(&s->refs);
    free(s->reg_file);
    free(s->reg_line);
    free(s->own);
    free(s->at_diag);
    free(s->at_file_of);
    free(s->pre);
    free(s->owned);
    free(s->lines);
    free(s);
    D->shard = NULL;
}

int mb_shard_owns(const mb_data *D, size_t r)
{
    const mb_shard *s = D->shard;
    return !s || !s->owned || r >= s->nowned || s->owned[r];
}

void mb_shard_note_region(mb_data *D, size_t r)
{
    mb_shard *s = D->shard;
    if (s->lines || r < s->reg0) return; /* merging, or a plan's region */
    size_t i = r - s->reg0;
    if (i >= s->reg_cap) {
        size_t nc = s->reg_cap ? s->reg_cap * 2 : 1024;
        uint16_t *f = mb_realloc(s->reg_file, nc * sizeof *f);
        if (f) s->reg_file = f;
        uint32_t *l = mb_realloc(s->reg_line, nc * sizeof *l);
        if (l) s->reg_line = l;
        if (!f || !l) return; /* the settle sees reg_cap short and says out of memory */
        s->reg_cap = nc;
    }
    s->reg_file[i] = s->at_file;
    s->reg_line[i] = s->at_line;
}

/* The shard of a row's region field, and whether that region is one compared with. The
 * previous row's field is remembered: sorted input names one region row after row. */
static unsigned row_owner(mb_shard *s, const char *p, size_t n, int *ref)
{
    mb_space_trim(&p, &n);
    if (s->memo_ok && n == s->memo_n && !memcmp(p, s->memo, n)) { *ref = s->memo_ref; return s->memo_owner; }
    size_t kn = n;
    char *k = mb_nfkc(p, n, &kn);
    unsigned o = k ? mb_shard_of(k, kn, s->n) : 1; /* out of memory: the row is the first's */
    *ref = k && mb_map_get(&s->refs, k, kn) != NULL;
    free(k);
    s->memo_ok = n <= sizeof s->memo;
    if (s->memo_ok) {
        memcpy(s->memo, p, n);
        s->memo_n = n;
        s->memo_owner = o;
        s->memo_ref = *ref;
    }
    return o;
}

static int pass(ingest *g, const mb_csv_field *f, size_t nf, int plain)
{
    g->sharded = 1;
    int rc = plain ? mb_ingest_plain_row(g, f, nf) : mb_ingest_row(g, f, nf);
    g->sharded = 0;
    return rc;
}

/* A row of a region compared with that another shard owns: stored for this shard's verdicts,
 * but neither counted nor reported here (its owner does both). Only a row of an indicator a
 * rule reads can matter; pending name runs are counted first, so what the row adds to them
 * can be dropped. */
static int shadow(ingest *g, const mb_csv_field *f, size_t nf, int plain)
{
    mb_data *D = g->D;
    if (!mb_ingest_row_read(g, f, nf)) return 0;
    mb_ingest_flush(g);
    mb_rowcount c = D->count;
    mb_diags d = D->diags;
    size_t own = g->own_errors;
    int rc = pass(g, f, nf, plain);
    g->unk = (mb_name_run){0};
    g->unread = (mb_name_run){0};
    for (size_t i = d.n; i < D->diags.n; i++) {
        free(D->diags.v[i].msg);
        free(D->diags.v[i].note);
        free(D->diags.v[i].fix);
    }
    D->diags.n = d.n;
    D->diags.errors = d.errors;
    D->diags.warnings = d.warnings;
    D->diags.dropped = d.dropped;
    D->diags.dropped_warnings = d.dropped_warnings;
    D->count = c;
    g->own_errors = own;
    return rc;
}

/* Diagnostics without a place (a file that cannot be read, out of memory) are put, for merge's
 * order, before the rows of the file read next: `file`. */
static void place_unplaced(mb_data *D, uint16_t file)
{
    mb_shard *s = D->shard;
    for (size_t i = s->diag_seen; i < D->diags.n; i++) {
        if (D->diags.v[i].span.text) continue;
        if (s->nat == s->at_cap) {
            size_t nc = s->at_cap ? s->at_cap * 2 : 16;
            size_t *d = mb_realloc(s->at_diag, nc * sizeof *d);
            if (d) s->at_diag = d;
            uint16_t *f = mb_realloc(s->at_file_of, nc * sizeof *f);
            if (f) s->at_file_of = f;
            if (!d || !f) break; /* then merge keeps it after the one before it */
            s->at_cap = nc;
        }
        s->at_diag[s->nat] = i;
        s->at_file_of[s->nat++] = file;
    }
    s->diag_seen = D->diags.n;
}

int mb_shard_row(ingest *g, const mb_csv_field *f, size_t nf, int plain)
{
    mb_data *D = g->D;
    mb_shard *s = D->shard;
    if (D->diags.n != s->diag_seen) place_unplaced(D, g->file);
    int k = g->json ? COL_REGION : g->col[COL_REGION];
    int ref = 0;
    /* a row whose region cannot be told (fields missing) is the first shard's */
    unsigned o = k < 0 || (!g->json && nf != g->ncols) || (size_t)k >= nf ? 1 : row_owner(s, f[k].s, f[k].n, &ref);
    if (o != s->k) return ref ? shadow(g, f, nf, plain) : 0;
    size_t n0 = D->diags.n, e0 = D->diags.errors, w0 = D->diags.warnings;
    s->at_file = g->file;
    s->at_line = nf ? f[0].line : 0;
    int rc = pass(g, f, nf, plain);
    s->row_errors += D->diags.errors - e0;
    s->row_warnings += D->diags.warnings - w0;
    for (size_t i = n0; i < D->diags.n; i++) {
        if (s->nown == s->own_cap) {
            size_t nc = s->own_cap ? s->own_cap * 2 : 64;
            size_t *v = mb_realloc(s->own, nc * sizeof *v);
            if (!v) break;
            s->own = v;
            s->own_cap = nc;
        }
        s->own[s->nown++] = i;
    }
    return rc;
}

/* ---- the part of the store, written down ------------------------------------------------ */

static void hex(FILE *o, const char *s, size_t n)
{
    static const char X[] = "0123456789abcdef";
    fputc('"', o);
    for (size_t i = 0; i < n; i++) {
        fputc(X[(unsigned char)s[i] >> 4], o);
        fputc(X[(unsigned char)s[i] & 15], o);
    }
    fputc('"', o);
}

static void hexs(FILE *o, const char *s)
{
    if (s) hex(o, s, strlen(s));
    else fputs("null", o);
}

static long file_of(const mb_data *D, const mb_text *t)
{
    for (size_t i = 0; t && i < D->nfiles; i++)
        if (D->files[i] == t) return (long)i;
    return -1;
}

/* Where a span is: file index, line, and the line's start and end (a span over several
 * lines: the end of the last). 0 when it points at no data file. */
typedef struct loc { long file; uint32_t line; size_t ls, le, start, end; } loc;

static int locate(const mb_data *D, const mb_span *sp, loc *l)
{
    l->file = sp->text ? file_of(D, sp->text) : -1;
    if (l->file < 0) return 0;
    const mb_text *t = sp->text;
    size_t st = sp->start > t->len ? t->len : sp->start, en = sp->end > t->len ? t->len : sp->end;
    if (en < st) en = st;
    if (sp->line && sp->line_start) {
        l->line = sp->line;
        l->ls = sp->line_start;
    } else {
        size_t ls = st;
        while (ls > 0 && t->data[ls - 1] != '\n') ls--;
        if (ls == 0 && t->len >= 3 && !memcmp(t->data, "\xEF\xBB\xBF", 3)) ls = 3;
        l->ls = ls;
        l->line = sp->line ? sp->line : mb_text_pos(t, st).line;
    }
    if (st < l->ls) st = l->ls;
    size_t from = en > st ? en - 1 : st;
    const char *nl = from < t->len ? memchr(t->data + from, '\n', t->len - from) : NULL;
    l->le = nl ? (size_t)(nl - t->data) : t->len;
    l->start = st;
    l->end = en;
    return 1;
}

static void put_span(FILE *o, const mb_data *D, const mb_span *sp)
{
    loc l;
    if (!locate(D, sp, &l)) { fputs("null", o); return; }
    fprintf(o, "[%ld,%u,%zu,%zu]", l.file, l.line, l.start - l.ls, l.end - l.ls);
}

static void put_names(FILE *o, const char *what, const mb_map *m)
{
    fprintf(o, ",\"%s\":[", what);
    int first = 1;
    for (size_t i = 0; i < m->cap; i++) {
        if (!m->slots[i].key) continue;
        fputs(first ? "[" : ",[", o);
        hex(o, m->slots[i].key, m->slots[i].len);
        fprintf(o, ",%zu]", (size_t)(uintptr_t)m->slots[i].val);
        first = 0;
    }
    fputc(']', o);
}

/* Keep only the diagnostics of this shard's rows (the reader's belong to the first). */
static void own_diags(mb_data *D)
{
    mb_shard *s = D->shard;
    mb_diags *d = &D->diags;
    size_t j = 0, e = 0, w = 0, o = 0;
    for (size_t i = 0; i < d->n; i++) {
        int keep = o < s->nown && s->own[o] == i;
        if (keep) o++;
        if (!keep) {
            free(d->v[i].msg);
            free(d->v[i].note);
            free(d->v[i].fix);
            continue;
        }
        if (d->v[i].sev == MB_SEV_ERROR) e++;
        else if (d->v[i].sev == MB_SEV_WARNING) w++;
        d->v[j++] = d->v[i];
    }
    d->n = j;
    d->errors = s->row_errors;
    d->warnings = s->row_warnings;
    d->dropped = s->row_errors > e ? s->row_errors - e : 0;
    d->dropped_warnings = s->row_warnings > w ? s->row_warnings - w : 0;
}

static void run_digest(const mb_data *D, const char *rules, char out[65])
{
    mb_sha256 h;
    mb_sha256_init(&h);
    char n[32];
    snprintf(n, sizeof n, "mubiao shard 1 of %u\n", D->shard->n);
    mb_sha256_add(&h, n, strlen(n));
    mb_sha256_add(&h, rules, 64);
    for (size_t i = 0; i < D->nfiles; i++) mb_sha256_add(&h, D->files[i]->name, strlen(D->files[i]->name) + 1);
    mb_sha256_hex(&h, out);
}

int mb_shard_settle(mb_data *D, const char *rules_digest)
{
    mb_shard *s = D->shard;
    if (D->diags.n != s->diag_seen) place_unplaced(D, (uint16_t)D->nfiles);
    if (s->k > 1) { own_diags(D); s->nat = 0; } /* the diagnostics' numbers changed; none is unplaced */
    if (D->nregions - s->reg0 > s->reg_cap) return 0;
    char run[65];
    run_digest(D, rules_digest, run);
    FILE *o = open_memstream(&s->pre, &s->pre_len);
    if (!o) return 0;
    fprintf(o, "\"format\":1,\"k\":%u,\"n\":%u,\"rules\":\"%s\",\"run\":\"%s\",\n\"files\":[", s->k, s->n, rules_digest, run);
    for (size_t i = 0; i < D->nfiles; i++) {
        if (i) fputc(',', o);
        hexs(o, D->files[i]->name);
    }
    const mb_rowcount *c = &D->count;
    fprintf(o, "],\n\"rows\":[%zu,%zu,%zu,%zu,%zu,%zu,%zu],\"errors\":%zu,\"warnings\":%zu,\"max_year\":%d,"
               "\"max_period\":%d,\"io_error\":%d,\"refused_region\":%d,\"max_period_at\":",
            c->rows, c->used, c->unused_indicator, c->unused_period, c->unused_region, c->duplicate, c->rejected,
            D->diags.errors, D->diags.warnings, D->max_year, D->max_period, D->io_error, D->refused_region);
    put_span(o, D, &D->max_period_at);
    put_names(o, "unknown", &D->unknown);
    put_names(o, "unread", &D->unread);
    /* this shard's regions: first row (file -1: a plan's region, made before reading) and the
     * slots that hold something, as "slot m exp state file line" joined by ';' */
    fputs(",\n\"regions\":[", o);
    int first = 1;
    s->owned = mb_calloc(D->nregions + 1, 1);
    if (!s->owned) { fclose(o); return 0; }
    for (size_t r = 0; r < D->nregions; r++) {
        const char *name = D->region_names[r];
        size_t kn;
        char *k = mb_nfkc(name, strlen(name), &kn);
        if (!k) { fclose(o); return 0; }
        s->owned[r] = mb_shard_of(k, kn, s->n) == s->k;
        free(k);
        if (!s->owned[r]) continue;
        fputs(first ? "\n[" : ",\n[", o);
        first = 0;
        hexs(o, name);
        if (r < s->reg0) fputs(",-1,0,\"", o);
        else fprintf(o, ",%u,%u,\"", s->reg_file[r - s->reg0], s->reg_line[r - s->reg0]);
        const mb_obs *ob = D->obs + (r - D->live) * D->nslots;
        int sep = 0;
        for (size_t i = 0; i < D->nslots; i++) {
            if (ob[i].state == MB_OBS_ABSENT) continue;
            fprintf(o, "%s%zu %lld %d %u %u %u", sep ? ";" : "", i, (long long)ob[i].m, ob[i].exp, ob[i].state,
                    ob[i].file, ob[i].line);
            sep = 1;
        }
        fputs("\"]", o);
    }
    s->nowned = D->nregions;
    /* the diagnostics so far, in the order they were recorded (by file and line) */
    fputs("],\n\"diags\":[", o);
    for (size_t i = 0; i < D->diags.n; i++) {
        const mb_diag *g = &D->diags.v[i];
        fprintf(o, "%s\n[%d,", i ? "," : "", (int)g->code);
        put_span(o, D, &g->span);
        fputc(',', o);
        hexs(o, g->msg);
        fputc(',', o);
        put_span(o, D, &g->note_span);
        fputc(',', o);
        hexs(o, g->note);
        for (size_t j = 0; j < s->nat; j++)
            if (s->at_diag[j] == i) fprintf(o, ",%u", s->at_file_of[j]);
        fputc(']', o);
    }
    fputc(']', o);
    return fclose(o) == 0;
}

/* The lines the diagnostics point at (merge shows them as eval does, and the checks across
 * values it runs again name them), each once. */
static void put_lines(FILE *o, const mb_data *D)
{
    mb_map seen;
    mb_map_init(&seen);
    fputs(",\n\"lines\":[", o);
    int first = 1;
    for (size_t i = 0; i <= D->diags.n; i++) {
        const mb_span *sp[2] = {&D->max_period_at, NULL};
        if (i < D->diags.n) {
            sp[0] = &D->diags.v[i].span;
            sp[1] = &D->diags.v[i].note_span;
        }
        for (int j = 0; j < 2; j++) {
            loc l;
            if (!sp[j] || !locate(D, sp[j], &l)) continue;
            char key[40];
            int kn = snprintf(key, sizeof key, "%ld:%u", l.file, l.line);
            if (mb_map_get(&seen, key, (size_t)kn)) continue;
            char *kk = strdup(key);
            if (!kk || !mb_map_put(&seen, kk, (size_t)kn, kk)) free(kk);
            fprintf(o, "%s\n[%ld,%u,", first ? "" : ",", l.file, l.line);
            hex(o, sp[j]->text->data + l.ls, l.le - l.ls);
            fputc(']', o);
            first = 0;
        }
    }
    fputc(']', o);
    for (size_t i = 0; i < seen.cap; i++) free(seen.slots[i].val);
    mb_map_free(&seen);
}

void mb_shard_write(FILE *out, const mb_data *D)
{
    fputc('{', out);
    if (D->shard->pre) fwrite(D->shard->pre, 1, D->shard->pre_len, out);
    put_lines(out, D);
    fputs("}", out);
}

void mb_shard_rules_digest(const mb_model *m, char out[65])
{
    mb_sha256 h;
    mb_sha256_init(&h);
    for (size_t i = 0; i < m->ntexts; i++) {
        char n[32];
        snprintf(n, sizeof n, "%zu\n", m->texts[i]->len);
        mb_sha256_add(&h, n, strlen(n));
        mb_sha256_add(&h, m->texts[i]->data, m->texts[i]->len);
    }
    mb_sha256_hex(&h, out);
}
