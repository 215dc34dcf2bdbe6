/* draft_util.c — small text helpers for the drafter: word matching on UTF-8, copies into
 * the draft's arena, and the way back from the normalised text to what was printed. */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "draft_int.h"

int md_at(const char *p, const char *end, const char *w)
{
    size_t n = strlen(w);
    return (size_t)(end - p) >= n && memcmp(p, w, n) == 0;
}

const char *md_find(const char *p, const char *end, const char *w)
{
    size_t n = strlen(w);
    for (; p && (size_t)(end - p) >= n; p++)
        if (memcmp(p, w, n) == 0) return p;
    return NULL;
}

size_t md_char_len(const char *p)
{
    unsigned char c = (unsigned char)*p;
    return c < 0x80 ? 1 : c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : c >= 0xC0 ? 2 : 1;
}

size_t md_prev_char(const char *base, size_t off)
{
    if (!off) return 0;
    off--;
    while (off && ((unsigned char)base[off] & 0xC0) == 0x80) off--;
    return off;
}

char *md_dup(md_doc *d, const char *s, size_t n)
{
    return mb_arena_strndup(d->A, s, n);
}

char *md_fmt(md_doc *d, const char *fmt, ...)
{
    char buf[1024];
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(buf, sizeof buf, fmt, ap);
    va_end(ap);
    if (n < 0) n = 0;
    if ((size_t)n >= sizeof buf) n = sizeof buf - 1;
    return md_dup(d, buf, (size_t)n);
}

char *md_orig(md_doc *d, size_t start, size_t end)
{
    size_t a = d->nt.map[start], b = d->nt.map[end];
    return md_dup(d, d->orig + a, b - a);
}

int md_src_line(const md_doc *d, size_t off)
{
    size_t lo = 0, hi = d->nlines;
    while (lo + 1 < hi) {
        size_t mid = (lo + hi) / 2;
        if (d->lines[mid].start <= off) lo = mid; else hi = mid;
    }
    return d->nlines ? d->lines[lo].src : 1;
}

int md_is_space_at(const char *p, const char *end, size_t *len)
{
    if (p < end && (*p == ' ' || *p == '\t' || *p == '\r')) { *len = 1; return 1; }
    if (md_at(p, end, "\u3000")) { *len = 3; return 1; }
    if (md_at(p, end, "\u00a0")) { *len = 2; return 1; }
    return 0;
}

void md_trim(const char *base, size_t *s, size_t *e)
{
    size_t k;
    while (*s < *e && md_is_space_at(base + *s, base + *e, &k)) *s += k;
    while (*e > *s) {
        size_t p = md_prev_char(base, *e);
        if (!md_is_space_at(base + p, base + *e, &k)) break;
        *e = p;
    }
}
