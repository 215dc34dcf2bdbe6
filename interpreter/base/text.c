/* text.c — UTF-8 validation, width and NFKC (utf8proc does the Unicode tables). */
#include "text.h"

#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>

size_t mb_utf8_decode(const unsigned char *s, size_t n, int32_t *cp)
{
    if (n == 0) return 0;
    unsigned c = s[0];
    if (c < 0x80) { *cp = (int32_t)c; return 1; }
    size_t len;
    int32_t v, min;
    if (c >= 0xC2 && c <= 0xDF) { len = 2; v = c & 0x1F; min = 0x80; }
    else if (c >= 0xE0 && c <= 0xEF) { len = 3; v = c & 0x0F; min = 0x800; }
    else if (c >= 0xF0 && c <= 0xF4) { len = 4; v = c & 0x07; min = 0x10000; }
    else return 0;
    if (n < len) return 0;
    for (size_t i = 1; i < len; i++) {
        if ((s[i] & 0xC0) != 0x80) return 0;
        v = (v << 6) | (s[i] & 0x3F);
    }
    if (v < min || v > 0x10FFFF || (v >= 0xD800 && v <= 0xDFFF)) return 0;
    *cp = v;
    return len;
}

size_t mb_utf8_check(const char *s, size_t n)
{
    const unsigned char *u = (const unsigned char *)s;
    size_t i = 0;
    while (i < n) {
        if (u[i] < 0x80) { i++; continue; }
        int32_t cp;
        size_t k = mb_utf8_decode(u + i, n - i, &cp);
        if (!k) return i;
        i += k;
    }
    return n;
}

size_t mb_text_width(const char *s, size_t n)
{
    const unsigned char *u = (const unsigned char *)s;
    size_t w = 0, i = 0;
    while (i < n) {
        int32_t cp;
        size_t k = mb_utf8_decode(u + i, n - i, &cp);
        if (!k) { w++; i++; continue; } /* shown as one replacement column */
        if (cp == '\t') w += 1;
        else {
            int cw = utf8proc_charwidth(cp);
            w += cw > 0 ? (size_t)cw : 0;
        }
        i += k;
    }
    return w;
}

size_t mb_text_chars(const char *s, size_t n)
{
    size_t c = 0;
    for (size_t i = 0; i < n; i++) c += ((unsigned char)s[i] & 0xC0) != 0x80;
    return c;
}

static int all_ascii(const char *s, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if ((unsigned char)s[i] >= 0x80) return 0;
    return 1;
}

/* A character NFKC leaves as it is and that nothing composes with: ASCII, and the CJK
 * Unified Ideographs U+4E00..U+9FFF (no compatibility decomposition, no canonical
 * composition; test_text.c compares this with utf8proc for every code point). Rule text is
 * mostly these, and they skip utf8proc's per-character look-ups. */
static int plain_cp(int32_t cp)
{
    return cp < 0x80 || (cp >= 0x4E00 && cp <= 0x9FFF);
}

/* Is s, valid UTF-8, made of plain characters only (its NFKC is itself)? */
static int all_plain(const char *s, size_t n)
{
    const unsigned char *u = (const unsigned char *)s;
    for (size_t i = 0; i < n;) {
        if (u[i] < 0x80) { i++; continue; }
        int32_t cp;
        size_t k = mb_utf8_decode(u + i, n - i, &cp);
        if (!k || !plain_cp(cp)) return 0;
        i += k;
    }
    return 1;
}

char *mb_nfkc(const char *s, size_t n, size_t *out_len)
{
    if (out_len) *out_len = 0; /* written on every path, failure included */
    if (all_plain(s, n)) {
        char *r = malloc(n + 1);
        if (!r) return NULL;
        memcpy(r, s, n);
        r[n] = 0;
        if (out_len) *out_len = n;
        return r;
    }
    utf8proc_uint8_t *dst = NULL;
    utf8proc_ssize_t k = utf8proc_map((const utf8proc_uint8_t *)s, (utf8proc_ssize_t)n, &dst,
                                      UTF8PROC_STABLE | UTF8PROC_COMPOSE | UTF8PROC_COMPAT);
    if (k < 0) return NULL;
    if (out_len) *out_len = (size_t)k;
    return (char *)dst;
}

int mb_name_eq(const char *a, size_t an, const char *b, size_t bn)
{
    if (an == bn && memcmp(a, b, an) == 0) return 1;
    if (all_ascii(a, an) && all_ascii(b, bn)) return 0;
    size_t na, nb;
    char *x = mb_nfkc(a, an, &na), *y = mb_nfkc(b, bn, &nb);
    int eq = x && y && na == nb && memcmp(x, y, na) == 0;
    free(x);
    free(y);
    return eq;
}

/* Room for 4 more bytes (and their map entries) in nt. */
static int room(mb_normtext *nt, size_t *cap)
{
    if (nt->len + 4 < *cap) return 1;
    size_t nc = *cap * 2;
    char *d = realloc(nt->data, nc + 1);
    if (!d) return 0;
    nt->data = d;
    uint32_t *m = realloc(nt->map, (nc + 1) * sizeof *m);
    if (!m) return 0;
    nt->map = m;
    *cap = nc;
    return 1;
}

/* Append a plain character as written (its k bytes). */
static int put_raw(mb_normtext *nt, size_t *cap, const char *p, size_t k, uint32_t orig)
{
    if (!room(nt, cap)) return 0;
    for (size_t b = 0; b < k; b++) {
        nt->map[nt->len] = orig;
        nt->data[nt->len++] = p[b];
    }
    return 1;
}

/* Append the compatibility decomposition of one code point. Per-character is enough for the
 * lexer (fullwidth digits, punctuation, percent sign); names are fully NFKC'd later from the
 * original text. */
static int put_cp(mb_normtext *nt, size_t *cap, int32_t cp, uint32_t orig)
{
    utf8proc_int32_t dec[16];
    int bound = 0;
    utf8proc_ssize_t k = utf8proc_decompose_char(cp, dec, 16, UTF8PROC_COMPAT | UTF8PROC_DECOMPOSE, &bound);
    if (k <= 0 || k > 16) { dec[0] = cp; k = 1; }
    for (utf8proc_ssize_t j = 0; j < k; j++) {
        if (!room(nt, cap)) return 0;
        utf8proc_uint8_t tmp[4];
        utf8proc_ssize_t b = utf8proc_encode_char(dec[j], tmp);
        for (utf8proc_ssize_t t = 0; t < b; t++) {
            nt->map[nt->len] = orig;
            nt->data[nt->len++] = (char)tmp[t];
        }
    }
    return 1;
}

size_t mb_normtext_build(mb_normtext *nt, const char *s, size_t n, int *bad_kind)
{
    size_t cap = n + 16;
    nt->len = 0;
    nt->data = malloc(cap + 1);
    nt->map = malloc((cap + 1) * sizeof *nt->map);
    if (!nt->data || !nt->map) { *bad_kind = MB_BAD_OOM; return 0; }
    const unsigned char *u = (const unsigned char *)s;
    size_t i = 0;
    if (n >= 3 && memcmp(s, "\xEF\xBB\xBF", 3) == 0) i = 3;
    while (i < n) {
        int32_t cp;
        size_t k = u[i] < 0x80 ? (cp = u[i], 1) : mb_utf8_decode(u + i, n - i, &cp);
        if (!k) { *bad_kind = MB_BAD_UTF8; return i; }
        if (cp == 0) { *bad_kind = MB_BAD_NUL; return i; }
        if (cp == 0xFEFF) { *bad_kind = MB_BAD_BOM; return i; }
        if (plain_cp(cp) ? !put_raw(nt, &cap, s + i, k, (uint32_t)i) : !put_cp(nt, &cap, cp, (uint32_t)i)) {
            *bad_kind = MB_BAD_OOM;
            return i;
        }
        i += k;
    }
    nt->map[nt->len] = (uint32_t)n;
    nt->data[nt->len] = 0;
    return (size_t)-1;
}

void mb_normtext_free(mb_normtext *nt)
{
    free(nt->data);
    free(nt->map);
    nt->data = NULL;
    nt->map = NULL;
}
