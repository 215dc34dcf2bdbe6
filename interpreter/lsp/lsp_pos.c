/* lsp_pos.c — byte offsets in UTF-8 text to LSP positions and back. The protocol counts a
 * line's characters in UTF-16 code units: a CJK character is one, a character outside the
 * Basic Multilingual Plane (𠀀, an emoji) two.
 *
 * Counting from the start of the text for every position made answers quadratic: document
 * symbols or references on a 4 MB file convert hundreds of thousands of positions, each a
 * walk over megabytes. A position map (mb_lsp_lines) keeps a mark every few hundred bytes,
 * so a conversion walks from the nearest mark only. */
#include <stdlib.h>
#include <string.h>

#include "lsp.h"
#include "text.h"

unsigned long long mb_lsp_pos_work;

/* Length in bytes and UTF-16 units of the character at s[i] (an invalid byte: 1 and 1). */
static size_t char_at(const char *s, size_t n, size_t i, uint32_t *units)
{
    unsigned char c = (unsigned char)s[i];
    if (c < 0x80) { *units = 1; return 1; }
    int32_t cp;
    size_t k = mb_utf8_decode((const unsigned char *)s + i, n - i, &cp);
    if (!k) { *units = 1; return 1; }
    *units = cp >= 0x10000 ? 2 : 1;
    return k;
}

/* From byte i at position p, forward to byte off (an offset inside a character stops at its
 * start; a "\r" before "\n" belongs to the line's end and counts nothing). */
static mb_lsp_pos advance(const char *s, size_t n, size_t i, mb_lsp_pos p, size_t off)
{
    size_t from = i;
    while (i < off) {
        if (s[i] == '\n') { p.line++; p.character = 0; i++; continue; }
        if (s[i] == '\r' && i + 1 < n && s[i + 1] == '\n') { i++; continue; }
        uint32_t u;
        size_t k = char_at(s, n, i, &u);
        if (i + k > off) break;
        p.character += u;
        i += k;
    }
    mb_lsp_pos_work += i - from;
    return p;
}

/* From byte i at position `at` (a character's start, not inside a line end), forward to the
 * offset of p: past the end of its line its end, past the last line the text's end. */
static size_t seek(const char *s, size_t n, size_t i, mb_lsp_pos at, mb_lsp_pos p)
{
    size_t from = i;
    uint32_t units = at.character;
    for (uint32_t line = at.line; line < p.line; line++) {
        const char *nl = memchr(s + i, '\n', n - i);
        if (!nl) { mb_lsp_pos_work += n - from; return n; }
        i = (size_t)(nl - s) + 1;
        units = 0;
    }
    while (i < n && s[i] != '\n') {
        if (s[i] == '\r' && i + 1 < n && s[i + 1] == '\n') break;
        uint32_t u;
        size_t k = char_at(s, n, i, &u);
        if (units + u > p.character) break;
        units += u;
        i += k;
    }
    mb_lsp_pos_work += i - from;
    return i;
}

mb_lsp_pos mb_lsp_pos_of(const char *s, size_t n, size_t off)
{
    return advance(s, n, 0, (mb_lsp_pos){0, 0}, off > n ? n : off);
}

size_t mb_lsp_off_of(const char *s, size_t n, mb_lsp_pos p)
{
    return seek(s, n, 0, (mb_lsp_pos){0, 0}, p);
}

/* ---- the position map ---- */

static int add_mark(mb_lsp_lines *m, size_t off, mb_lsp_pos p, size_t *cap)
{
    if (m->n == *cap) {
        size_t nc = *cap ? 2 * *cap : 64;
        struct mb_lsp_mark *v = realloc(m->v, nc * sizeof *v);
        if (!v) return -1;
        m->v = v;
        *cap = nc;
    }
    m->v[m->n++] = (struct mb_lsp_mark){off, p};
    return 0;
}

int mb_lsp_lines_init(mb_lsp_lines *m, const char *s, size_t n, size_t step)
{
    *m = (mb_lsp_lines){s, n, NULL, 0};
    if (!step) step = MB_LSP_MARK_STEP;
    size_t cap = 0, i = 0, last = 0;
    mb_lsp_pos p = {0, 0};
    if (add_mark(m, 0, p, &cap)) return -1;
    /* one pass: a mark at the first character start (not a line end) `step` bytes on */
    while (i < n) {
        if (i >= last + step && s[i] != '\n' && s[i] != '\r') {
            if (add_mark(m, i, p, &cap)) { mb_lsp_lines_free(m); return -1; }
            last = i;
        }
        if (s[i] == '\n') { p.line++; p.character = 0; i++; continue; }
        if (s[i] == '\r' && i + 1 < n && s[i + 1] == '\n') { i++; continue; }
        uint32_t u;
        i += char_at(s, n, i, &u);
        p.character += u;
    }
    return 0;
}

void mb_lsp_lines_free(mb_lsp_lines *m)
{
    free(m->v);
    m->v = NULL;
    m->n = 0;
}

static int pos_le(mb_lsp_pos a, mb_lsp_pos b)
{
    return a.line < b.line || (a.line == b.line && a.character <= b.character);
}

mb_lsp_pos mb_lsp_lines_pos(const mb_lsp_lines *m, size_t off)
{
    if (off > m->len) off = m->len;
    if (!m->n) return mb_lsp_pos_of(m->s, m->len, off);
    size_t lo = 0, hi = m->n; /* the last mark at or before off */
    while (hi - lo > 1) {
        size_t mid = lo + (hi - lo) / 2;
        if (m->v[mid].off <= off) lo = mid;
        else hi = mid;
    }
    return advance(m->s, m->len, m->v[lo].off, m->v[lo].pos, off);
}

size_t mb_lsp_lines_off(const mb_lsp_lines *m, mb_lsp_pos p)
{
    if (!m->n) return mb_lsp_off_of(m->s, m->len, p);
    size_t lo = 0, hi = m->n; /* the last mark at or before p (marks grow in both orders) */
    while (hi - lo > 1) {
        size_t mid = lo + (hi - lo) / 2;
        if (pos_le(m->v[mid].pos, p)) lo = mid;
        else hi = mid;
    }
    return seek(m->s, m->len, m->v[lo].off, m->v[lo].pos, p);
}
