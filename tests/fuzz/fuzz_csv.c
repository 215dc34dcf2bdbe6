/* fuzz_csv.c — the CSV reader (SIMD bitmap, plain fast path, general path) against a plain
 * byte-at-a-time reference written from the rules in csv.h. For every input both must agree
 * on which records are good, on each good record's fields (bytes, offset, line, line start),
 * on the number of errors, and on where reading stops. Any difference aborts.
 *
 * The first byte picks options: small field-count and field-length limits (so the limit
 * paths run on small inputs), reading only a prefix of the buffer (o.end), and asking the
 * reader to stop after the n-th record.
 *
 *   tests/fuzz/build.sh && build-fuzz/fuzz_csv -dict=tests/fuzz/csv.dict CORPUS */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "csv.h"
#include "text.h"
#include "fuzz_common.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* ---- the reference reader ---- */

typedef struct rfield {
    size_t off, line_start;
    uint32_t line;
    char *s;
    size_t n;
} rfield;

typedef struct rrec {
    rfield *f;
    size_t nf;
} rrec;

typedef struct ref {
    const unsigned char *b;
    size_t end, max_fields, max_len;
    rrec *recs;
    size_t nrecs, cap;
    size_t errors;
    int stopped;          /* unterminated quote */
    /* current record */
    rfield *cur;
    size_t ncur, curcap;
    int bad;
} ref;

static void ref_error(ref *r)
{
    if (!r->bad) r->errors++;
    r->bad = 1;
}

static void ref_field(ref *r, size_t off, uint32_t line, size_t ls, const char *s, size_t n)
{
    if (r->bad) return;
    if (n > r->max_len || r->ncur >= r->max_fields) { ref_error(r); return; }
    if (r->ncur == r->curcap) {
        r->curcap = r->curcap ? r->curcap * 2 : 8;
        r->cur = realloc(r->cur, r->curcap * sizeof *r->cur);
        FZ_ASSERT(r->cur);
    }
    char *c = malloc(n + 1);
    FZ_ASSERT(c);
    memcpy(c, s, n);
    r->cur[r->ncur++] = (rfield){off, ls, line, c, n};
}

static void ref_drop_current(ref *r)
{
    for (size_t i = 0; i < r->ncur; i++) free(r->cur[i].s);
    r->ncur = 0;
}

static void ref_emit(ref *r)
{
    if (r->bad) { ref_drop_current(r); return; }
    if (r->nrecs == r->cap) {
        r->cap = r->cap ? r->cap * 2 : 16;
        r->recs = realloc(r->recs, r->cap * sizeof *r->recs);
        FZ_ASSERT(r->recs);
    }
    rfield *f = malloc((r->ncur ? r->ncur : 1) * sizeof *f);
    FZ_ASSERT(f);
    memcpy(f, r->cur, r->ncur * sizeof *f);
    r->recs[r->nrecs++] = (rrec){f, r->ncur};
    r->ncur = 0;
}

/* Checks the UTF-8 character at i (b[i] >= 0x80); returns its length, or 1 after an error. */
static size_t ref_utf8(ref *r, size_t i)
{
    int32_t cp;
    size_t k = mb_utf8_decode(r->b + i, r->end - i, &cp);
    if (!k) { ref_error(r); return 1; }
    return k;
}

static void ref_read(ref *r)
{
    const unsigned char *b = r->b;
    size_t end = r->end, p = 0, ls = 0;
    uint32_t line = 1;
    if (end >= 3 && memcmp(b, "\xEF\xBB\xBF", 3) == 0) p = ls = 3;
    char *buf = malloc(end + 1);
    FZ_ASSERT(buf);
    while (p < end) {
        /* blank line: LF, CRLF, or a lone CR that ends the input */
        if (b[p] == '\r' && p + 1 == end) { p++; continue; }
        size_t i = p + (b[p] == '\r');
        if (i < end && b[i] == '\n') { line++; ls = p = i + 1; continue; }
        r->bad = 0;
        r->ncur = 0;
        for (;;) {
            size_t q;
            if (p < end && b[p] == '"') {
                size_t q0 = p, ls0 = ls, n = 0;
                uint32_t line0 = line;
                i = p + 1;
                while (i < end) {
                    unsigned char c = b[i];
                    if (c == '"') {
                        if (i + 1 < end && b[i + 1] == '"') { buf[n++] = '"'; i += 2; continue; }
                        break;
                    }
                    if (c == '\n') { line++; ls = i + 1; }
                    if (c == 0) ref_error(r);
                    if (c >= 0x80) {
                        size_t k = ref_utf8(r, i);
                        memcpy(buf + n, b + i, k);
                        n += k;
                        i += k;
                        continue;
                    }
                    buf[n++] = (char)c;
                    i++;
                }
                if (i >= end) { /* unterminated: reported always, and reading ends */
                    r->errors++;
                    r->stopped = 1;
                    ref_drop_current(r);
                    free(buf);
                    return;
                }
                ref_field(r, q0, line0, ls0, buf, n);
                p = i + 1;
                if (p == end || b[p] == ',' || b[p] == '\n') q = p;
                else if (b[p] == '\r' && (p + 1 == end || b[p + 1] == '\n')) q = p + 1;
                else {
                    ref_error(r);
                    q = p;
                    while (q < end && b[q] != ',' && b[q] != '\n') q++;
                }
            } else {
                i = p;
                while (i < end && b[i] != ',' && b[i] != '\n') {
                    if (b[i] == '"' || b[i] == 0) ref_error(r);
                    i += b[i] >= 0x80 ? ref_utf8(r, i) : 1;
                }
                size_t fe = i;
                if (fe > p && b[fe - 1] == '\r' && (i == end || b[i] == '\n')) fe--;
                ref_field(r, p, line, ls, (const char *)b + p, fe - p);
                q = i;
            }
            if (q >= end) { ref_emit(r); p = end; break; }
            if (b[q] == '\n') { line++; ls = q + 1; p = q + 1; ref_emit(r); break; }
            p = q + 1;
        }
    }
    free(buf);
}

static void ref_free(ref *r)
{
    for (size_t i = 0; i < r->nrecs; i++) {
        for (size_t j = 0; j < r->recs[i].nf; j++) free(r->recs[i].f[j].s);
        free(r->recs[i].f);
    }
    free(r->recs);
    ref_drop_current(r);
    free(r->cur);
}

/* ---- the reader under test ---- */

typedef struct sink {
    const mb_text *t;
    const ref *ref;
    size_t seen;
    long stop_at;
} sink;

static int row(void *ctx, const mb_csv_field *f, size_t nf)
{
    sink *k = ctx;
    FZ_ASSERT(nf >= 1);
    FZ_ASSERT(k->seen < k->ref->nrecs);
    const rrec *want = &k->ref->recs[k->seen];
    FZ_ASSERT(nf == want->nf);
    for (size_t i = 0; i < nf; i++) {
        const rfield *w = &want->f[i];
        FZ_ASSERT(f[i].n == w->n);
        FZ_ASSERT(f[i].n == 0 || f[i].s != NULL);
        FZ_ASSERT(f[i].n == 0 || memcmp(f[i].s, w->s, w->n) == 0);
        FZ_ASSERT(f[i].off == w->off);
        FZ_ASSERT(f[i].line == w->line);
        FZ_ASSERT(f[i].line_start == w->line_start);
        /* A good field is valid UTF-8 without NUL. */
        FZ_ASSERT(mb_utf8_check(f[i].s, f[i].n) == f[i].n);
        FZ_ASSERT(f[i].n == 0 || memchr(f[i].s, 0, f[i].n) == NULL);
    }
    k->seen++;
    return k->stop_at > 0 && (long)k->seen == k->stop_at;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size < 2) return 0;
    uint8_t opt = data[0], arg = data[1];
    data += 2;
    size -= 2;
    mb_text t = {"fuzz.csv", (const char *)data, size};
    mb_csv_opts o = {.start = 0, .end = size, .first_line = 1};
    if (opt & 1) o.max_fields = 1 + (arg & 7);
    if (opt & 2) o.max_field_len = 1 + (arg >> 3);
    if ((opt & 4) && size) o.end = (size_t)arg * 7 % (size + 1);
    long stop_at = opt & 8 ? 1 + (arg & 3) : 0;

    ref r = {.b = data, .end = o.end,
             .max_fields = o.max_fields ? o.max_fields : 1024,
             .max_len = o.max_field_len ? o.max_field_len : (size_t)1 << 20};
    ref_read(&r);

    mb_diags d;
    mb_diags_init(&d, 0);
    sink k = {&t, &r, 0, stop_at};
    long n = mb_csv_read(&t, &o, row, &k, &d);
    if (stop_at && r.nrecs >= (size_t)stop_at) {
        FZ_ASSERT(n == -1);
        FZ_ASSERT(k.seen == (size_t)stop_at);
    } else {
        FZ_ASSERT(n >= 0 && (size_t)n == r.nrecs);
        FZ_ASSERT(k.seen == r.nrecs);
        FZ_ASSERT(d.errors == r.errors);
    }
    fz_diags(&d);
    mb_diags_free(&d);
    ref_free(&r);
    return 0;
}
