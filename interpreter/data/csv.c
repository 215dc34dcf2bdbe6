/* csv.c — RFC 4180 reader.
 *
 * The benchmark reads a 500 MB file of short records, so the common path must cost a few
 * instructions per byte. We never look at bytes one by one: a 64-byte block is turned into a
 * bitmap of the bytes that need attention (',' '\n' '"' NUL and every byte >= 0x80) with SIMD
 * compares, and the parser jumps from one set bit to the next. Plain ASCII between them is
 * neither copied nor validated — it is valid by construction. A non-ASCII byte sends us to the
 * UTF-8 decoder for the run of non-ASCII bytes only.
 *
 * Records of plain unquoted ASCII fields take a fast path (csv_plain_record) that walks the
 * bitmap with its state in registers; anything else there hands the record to the general
 * path, which reads it again from its start. 500 MB in about 0.18 s on one core.
 *
 * Nothing is allocated per record: fields live in a reused array (on the stack up to
 * CSV_FIXED_FIELDS) and quoted fields with "" escapes are unescaped into one scratch buffer
 * that is reset for every record. */
#include "csv.h"

#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#if defined(__AVX2__)
#include <immintrin.h>
#elif defined(__SSE2__)
#include <emmintrin.h>
#endif

#include "text.h"

enum { CSV_FIXED_FIELDS = 64, CSV_BLOCK = 64, CSV_PREFETCH = 1024 };
#define CSV_DEFAULT_MAX_FIELDS ((size_t)1024)
#define CSV_DEFAULT_MAX_FIELD_LEN ((size_t)1 << 20)

/* A field whose text is in the scratch buffer: its pointer is set only once the record is
 * complete, because growing the scratch buffer may move it. */
typedef struct csv_esc { size_t idx, off; } csv_esc;

typedef struct csv_reader {
    const mb_text *t;
    mb_diags *d;
    const unsigned char *b;  /* t->data */
    size_t end;              /* end of the range being read */
    size_t base;             /* bit i of mask stands for byte b[base + i] */
    uint64_t mask;
    uint32_t line;           /* line of the current position */
    size_t ls;               /* offset where that line starts */
    size_t max_fields, max_len;
    mb_csv_field *f;
    size_t nf, fcap;
    csv_esc *esc;
    size_t nesc, esccap;
    char *scr;
    size_t slen, scap;
    int bad;                 /* the record had an error: read it to its end but drop it */
    int stop;                /* unterminated quote or no memory: nothing after can be read */
    mb_csv_field fixed[CSV_FIXED_FIELDS];
} csv_reader;

/* ---- the structural-byte bitmap ---- */

#if defined(__AVX2__) /* only with -march=...: the default build is SSE2 */
static inline uint64_t csv_mask32(const unsigned char *p)
{
    __m256i v = _mm256_loadu_si256((const __m256i *)(const void *)p);
    __m256i x = _mm256_or_si256(_mm256_cmpeq_epi8(v, _mm256_set1_epi8(',')),
                                _mm256_cmpeq_epi8(v, _mm256_set1_epi8('\n')));
    __m256i y = _mm256_or_si256(_mm256_cmpeq_epi8(v, _mm256_set1_epi8('"')),
                                _mm256_cmpeq_epi8(v, _mm256_setzero_si256()));
    return (uint32_t)_mm256_movemask_epi8(_mm256_or_si256(_mm256_or_si256(x, y), v));
}

static inline uint64_t csv_mask64(const unsigned char *p)
{
    return csv_mask32(p) | csv_mask32(p + 32) << 32;
}
#elif defined(__SSE2__)
static inline uint64_t csv_mask16(const unsigned char *p)
{
    __m128i v = _mm_loadu_si128((const __m128i *)(const void *)p);
    __m128i x = _mm_or_si128(_mm_cmpeq_epi8(v, _mm_set1_epi8(',')),
                             _mm_cmpeq_epi8(v, _mm_set1_epi8('\n')));
    __m128i y = _mm_or_si128(_mm_cmpeq_epi8(v, _mm_set1_epi8('"')),
                             _mm_cmpeq_epi8(v, _mm_setzero_si128()));
    /* OR-ing v itself in makes movemask also report every byte with the high bit set. */
    return (uint32_t)_mm_movemask_epi8(_mm_or_si128(_mm_or_si128(x, y), v));
}

static inline uint64_t csv_mask64(const unsigned char *p)
{
    return csv_mask16(p) | csv_mask16(p + 16) << 16 | csv_mask16(p + 32) << 32 |
           csv_mask16(p + 48) << 48;
}
#else
static inline uint64_t csv_mask64(const unsigned char *p)
{
    uint64_t m = 0;
    for (int i = 0; i < CSV_BLOCK; i++) {
        unsigned char c = p[i];
        m |= (uint64_t)(c == ',' || c == '\n' || c == '"' || c == 0 || c >= 0x80) << i;
    }
    return m;
}
#endif

static void csv_load_tail(csv_reader *r, size_t n)
{
    /* The last partial block: copy it so the vector loads stay inside the buffer. */
    unsigned char tmp[CSV_BLOCK] = {0};
    memcpy(tmp, r->b + r->base, n);
    r->mask = csv_mask64(tmp) & ((UINT64_C(1) << n) - 1);
}

/* Sets the bitmap to the block at `at`. */
static inline void csv_load(csv_reader *r, size_t at)
{
    r->base = at;
    size_t n = r->end - at;
    if (n >= CSV_BLOCK) {
        /* Out-of-order execution alone does not keep enough cache misses in flight while
         * the parser works on a block; asking early for the data ahead nearly doubles the
         * speed on files larger than the cache. */
        if (n > CSV_PREFETCH) __builtin_prefetch(r->b + at + CSV_PREFETCH);
        r->mask = csv_mask64(r->b + at);
        return;
    }
    csv_load_tail(r, n);
}

/* Offset of the first structural byte at or after `from`, or r->end. */
static inline size_t csv_next(csv_reader *r, size_t from)
{
    for (;;) {
        size_t k = from - r->base; /* wraps (and so reloads) when from < base */
        if (k < CSV_BLOCK) {
            uint64_t m = r->mask & (~UINT64_C(0) << k);
            if (m) return r->base + (size_t)__builtin_ctzll(m);
            from = r->base + CSV_BLOCK;
        }
        if (from >= r->end) return r->end;
        csv_load(r, from);
    }
}

/* ---- errors ---- */

__attribute__((format(printf, 7, 8)))
static void csv_error_at(csv_reader *r, mb_code code, size_t at, size_t to, uint32_t line, size_t ls,
                         const char *fmt, ...)
{
    char msg[200];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    mb_span sp = {r->t, at, to, line, ls};
    mb_diag_add(r->d, code, sp, "%s", msg);
}

/* An error on the current line that spoils the record: only the first one is reported,
 * since what follows it in the same record is often a consequence. */
#define CSV_RECORD_ERROR(r, code, at, to, ...)                                                    \
    do {                                                                                          \
        if (!(r)->bad) csv_error_at((r), (code), (at), (to), (r)->line, (r)->ls, __VA_ARGS__);    \
        (r)->bad = 1;                                                                     \
    } while (0)

static void csv_oom(csv_reader *r)
{
    mb_diag_add(r->d, MB_D_OUT_OF_MEMORY, mb_span_none(), "out of memory while reading %s",
                r->t->name ? r->t->name : "CSV data");
    r->bad = r->stop = 1;
}

/* ---- fields ---- */

static int csv_grow_fields(csv_reader *r)
{
    size_t nc = r->fcap * 2 < r->max_fields ? r->fcap * 2 : r->max_fields;
    mb_csv_field *f = r->f == r->fixed ? malloc(nc * sizeof *f)
                                       : realloc(r->f, nc * sizeof *f);
    if (!f) { csv_oom(r); return 0; }
    if (r->f == r->fixed) memcpy(f, r->fixed, r->nf * sizeof *f);
    r->f = f;
    r->fcap = nc;
    return 1;
}

/* Appends a field; returns 0 when it was not added (bad record, too long, too many). */
static inline int csv_field(csv_reader *r, size_t off, uint32_t line, size_t ls, const char *s,
                            size_t n)
{
    if (r->bad) return 0;
    if (n > r->max_len) {
        csv_error_at(r, MB_D_CSV_FIELD_TOO_LONG, off, off + 1, line, ls, "field longer than %zu bytes", r->max_len);
        r->bad = 1;
        return 0;
    }
    if (r->nf == r->fcap) {
        if (r->nf >= r->max_fields) {
            csv_error_at(r, MB_D_CSV_TOO_MANY_FIELDS, off, off + 1, line, ls, "record has more than %zu fields",
                         r->max_fields);
            r->bad = 1;
            return 0;
        }
        if (!csv_grow_fields(r)) return 0;
    }
    r->f[r->nf++] = (mb_csv_field){s, n, off, line, ls};
    return 1;
}

static int csv_scratch_put(csv_reader *r, size_t from, size_t to)
{
    size_t n = to - from;
    if (n == 0) return 1;
    if (r->slen + n > r->scap) {
        size_t nc = r->scap ? r->scap : 256;
        while (nc < r->slen + n) nc *= 2;
        char *s = realloc(r->scr, nc);
        if (!s) { csv_oom(r); return 0; }
        r->scr = s;
        r->scap = nc;
    }
    memcpy(r->scr + r->slen, r->b + from, n);
    r->slen += n;
    return 1;
}

static int csv_mark_scratch(csv_reader *r, size_t off)
{
    if (r->nesc == r->esccap) {
        size_t nc = r->esccap ? r->esccap * 2 : 8;
        csv_esc *e = realloc(r->esc, nc * sizeof *e);
        if (!e) { csv_oom(r); return 0; }
        r->esc = e;
        r->esccap = nc;
    }
    r->esc[r->nesc++] = (csv_esc){r->nf - 1, off};
    return 1;
}

/* ---- bytes that need a closer look ---- */

/* Validates the run of non-ASCII bytes at q; returns the offset after it (after the bad byte
 * when it is invalid). */
static size_t csv_utf8(csv_reader *r, size_t q)
{
    while (q < r->end && r->b[q] >= 0x80) {
        int32_t cp;
        size_t k = mb_utf8_decode(r->b + q, r->end - q, &cp);
        if (!k) {
            CSV_RECORD_ERROR(r, MB_D_DATA_INVALID_UTF8, q, q + 1, "invalid UTF-8 (byte 0x%02x)", r->b[q]);
            return q + 1;
        }
        q += k;
    }
    return q;
}

/* q is a NUL or a non-ASCII byte; returns the next structural byte after what it starts. */
static size_t csv_odd_byte(csv_reader *r, size_t q)
{
    if (r->b[q] == 0) {
        CSV_RECORD_ERROR(r, MB_D_CSV_NUL, q, q + 1, "unexpected NUL byte");
        return csv_next(r, q + 1);
    }
    return csv_next(r, csv_utf8(r, q));
}

/* ---- records ---- */

/* Reads the unquoted field at fs; returns the offset of its terminator (',' '\n' or end). */
static size_t csv_unquoted(csv_reader *r, size_t fs)
{
    size_t q = csv_next(r, fs);
    while (q < r->end && r->b[q] != ',' && r->b[q] != '\n') {
        if (r->b[q] == '"') {
            CSV_RECORD_ERROR(r, MB_D_CSV_QUOTE, q, q + 1, "quote inside an unquoted field");
            q = csv_next(r, q + 1);
        } else {
            q = csv_odd_byte(r, q);
        }
    }
    size_t fe = q;
    if (fe > fs && r->b[fe - 1] == '\r' && (q == r->end || r->b[q] == '\n'))
        fe--; /* CRLF, or a CR just before the end of input */
    csv_field(r, fs, r->line, r->ls, (const char *)r->b + fs, fe - fs);
    return q;
}

/* p is just after a closing quote; returns the offset of the field's terminator. */
static size_t csv_after_quote(csv_reader *r, size_t p)
{
    if (p == r->end || r->b[p] == ',' || r->b[p] == '\n') return p;
    if (r->b[p] == '\r' && (p + 1 == r->end || r->b[p + 1] == '\n')) return p + 1;
    size_t q = csv_next(r, p);
    while (q < r->end && r->b[q] != ',' && r->b[q] != '\n') q = csv_next(r, q + 1);
    size_t to = q > p && r->b[q - 1] == '\r' ? q - 1 : q;
    CSV_RECORD_ERROR(r, MB_D_CSV_AFTER_QUOTE, p, to, "text after closing quote (a quote inside a quoted field "
                               "is written \"\")");
    return q;
}

/* Finds the closing quote of the field opened at q0, handling "" escapes (the text is copied
 * to scratch unless the record is already bad or the field too long), embedded newlines,
 * NULs and UTF-8. Adds the unescaped length to *n. Returns its offset, or r->end. */
static size_t csv_closing_quote(csv_reader *r, size_t q0, int *esc, size_t *n)
{
    size_t seg = q0 + 1, q = csv_next(r, seg);
    while (q < r->end) {
        unsigned char c = r->b[q];
        if (c == '"') {
            if (q + 1 == r->end || r->b[q + 1] != '"') break;
            *n += q + 1 - seg;
            if (!r->bad && *n <= r->max_len && !csv_scratch_put(r, seg, q + 1)) return r->end;
            *esc = 1;
            seg = q + 2;
            q = csv_next(r, seg);
            continue;
        }
        if (c == '\n') {
            r->line++;
            r->ls = q + 1;
        }
        q = c == ',' || c == '\n' ? csv_next(r, q + 1) : csv_odd_byte(r, q);
    }
    *n += q - seg;
    if (*esc && !r->bad && *n <= r->max_len && q < r->end && !csv_scratch_put(r, seg, q))
        return r->end;
    return q;
}

/* Reads the quoted field whose opening quote is at q0; returns its terminator's offset. */
static size_t csv_quoted(csv_reader *r, size_t q0)
{
    uint32_t line0 = r->line;
    size_t ls0 = r->ls, soff = r->slen, n = 0;
    int esc = 0;
    size_t q = csv_closing_quote(r, q0, &esc, &n);
    if (r->stop) return r->end;
    if (q >= r->end) {
        /* Everything after the quote belongs to the broken field: report it once, at the
         * quote, since that is where the fix goes. */
        csv_error_at(r, MB_D_CSV_UNTERMINATED, q0, q0 + 1, line0, ls0, "unterminated quoted field (opened here)");
        r->bad = r->stop = 1;
        return r->end;
    }
    const char *s = esc ? NULL : (const char *)r->b + q0 + 1;
    if (csv_field(r, q0, line0, ls0, s, n) && esc) csv_mark_scratch(r, soff);
    return csv_after_quote(r, q + 1);
}

/* Reads the record at p (not blank); returns the offset after it. */
static size_t csv_record(csv_reader *r, size_t p)
{
    r->nf = r->nesc = r->slen = 0;
    r->bad = 0;
    for (;;) {
        size_t q = p < r->end && r->b[p] == '"' ? csv_quoted(r, p) : csv_unquoted(r, p);
        if (q >= r->end) return r->end;
        if (r->b[q] == '\n') {
            r->line++;
            r->ls = q + 1;
            return q + 1;
        }
        p = q + 1; /* after a comma */
    }
}

/* The common case, kept apart so that its state lives in registers: a record of unquoted
 * ASCII fields. Walks the bitmap by clearing its lowest bit instead of searching from an
 * offset. Returns the offset after the record, or (size_t)-1 when the record needs the
 * general path (a quote, a NUL, a non-ASCII byte, many or long fields); the general path then
 * reads it again from p, so nothing here must be undone. */
static size_t csv_plain_record(csv_reader *r, size_t p)
{
    const unsigned char *b = r->b;
    const size_t end = r->end, fcap = r->fcap, max_len = r->max_len, ls = r->ls;
    const uint32_t line = r->line;
    mb_csv_field *f = r->f;
    size_t base = r->base, fs = p, nf = 0, q;
    uint64_t mask;
    if (p - base < CSV_BLOCK) {
        mask = r->mask & (~UINT64_C(0) << (p - base));
    } else {
        csv_load(r, base = p);
        mask = r->mask;
    }
    for (;;) {
        while (!mask) {
            base += CSV_BLOCK;
            if (base >= end) break;
            csv_load(r, base);
            mask = r->mask;
        }
        q = mask ? base + (size_t)__builtin_ctzll(mask) : end;
        mask &= mask - 1;
        unsigned char c = q < end ? b[q] : '\n';
        if ((c != ',' && c != '\n') || nf == fcap || q - fs > max_len) return (size_t)-1;
        size_t fe = c == '\n' && q > fs && b[q - 1] == '\r' ? q - 1 : q;
        f[nf++] = (mb_csv_field){(const char *)b + fs, fe - fs, fs, line, ls};
        if (c == '\n') break;
        fs = q + 1;
    }
    r->base = base;
    r->mask = mask;
    r->nf = nf;
    r->nesc = 0;
    if (q >= end) return end;
    r->line++;
    return r->ls = q + 1;
}

/* Skips a blank line (LF, CRLF, or a lone CR at the end); returns 1 when it did. */
static int csv_blank(csv_reader *r, size_t *p)
{
    size_t i = *p;
    if (r->b[i] == '\r') {
        if (i + 1 == r->end) { /* a lone CR that ends the input */
            *p = i + 1;
            return 1;
        }
        i++;
    }
    if (r->b[i] != '\n') return 0;
    r->line++;
    r->ls = *p = i + 1;
    return 1;
}

static void csv_init(csv_reader *r, const mb_text *t, const mb_csv_opts *o, mb_diags *d)
{
    memset(r, 0, offsetof(csv_reader, fixed));
    r->t = t;
    r->d = d;
    r->b = (const unsigned char *)t->data;
    r->end = o && o->end < t->len ? o->end : t->len;
    size_t start = o ? o->start : 0;
    r->line = o && o->first_line ? o->first_line : mb_text_pos(t, start).line;
    r->ls = start;
    r->max_fields = o && o->max_fields ? o->max_fields : CSV_DEFAULT_MAX_FIELDS;
    r->max_len = o && o->max_field_len ? o->max_field_len : CSV_DEFAULT_MAX_FIELD_LEN;
    r->f = r->fixed;
    r->fcap = r->max_fields < CSV_FIXED_FIELDS ? r->max_fields : CSV_FIXED_FIELDS;
    r->base = (size_t)-1 / 2; /* no block loaded yet: the first csv_next loads one */
}

static void csv_free(csv_reader *r)
{
    if (r->f != r->fixed) free(r->f);
    free(r->esc);
    free(r->scr);
}

/* Points the unescaped fields into the scratch buffer, now that it will not move. */
static void csv_fix_scratch(csv_reader *r)
{
    for (size_t i = 0; i < r->nesc; i++) r->f[r->esc[i].idx].s = r->scr + r->esc[i].off;
}

long mb_csv_read(const mb_text *t, const mb_csv_opts *o, mb_csv_row_fn fn, void *ctx,
                 mb_diags *d)
{
    csv_reader r;
    csv_init(&r, t, o, d);
    size_t p = o ? o->start : 0;
    /* Columns are counted from after a BOM, as editors do. */
    if (p == 0 && r.end >= 3 && memcmp(r.b, "\xEF\xBB\xBF", 3) == 0) r.ls = p = 3;
    long count = 0;
    while (p < r.end && !r.stop) {
        if (csv_blank(&r, &p)) continue;
        size_t next = csv_plain_record(&r, p);
        if (next != (size_t)-1) {
            p = next;
        } else {
            p = csv_record(&r, p);
            if (r.bad) continue;
            csv_fix_scratch(&r);
        }
        count++;
        if (fn(ctx, r.f, r.nf)) {
            count = -1;
            break;
        }
    }
    if (o && o->end_line) *o->end_line = count >= 0 && !r.stop && p >= r.end ? r.line : 0;
    csv_free(&r);
    return count;
}
