/* draft_input.c — the document's bytes to normalised lines. Bad input is refused with where
 * it is bad (an empty file, a binary file, invalid UTF-8); control characters (an escape
 * sequence pasted into a page, bidi overrides) are read as spaces, so they never reach a
 * phrase, a comment or the terminal, and the file says how many there were. */
#include <stdlib.h>
#include <string.h>

#include "draft_int.h"

/* Bytes of a control character at p (C0 but tab and line feed, DEL, C1, bidi and
 * zero-width direction marks), else 0. */
static size_t control_at(const unsigned char *p, size_t left)
{
    if (*p < 0x20 && *p != '\t' && *p != '\n') return 1;
    if (*p == 0x7f) return 1;
    if (left >= 2 && p[0] == 0xC2 && p[1] >= 0x80 && p[1] <= 0x9F) return 2;
    if (left >= 3 && p[0] == 0xE2 && p[1] == 0x80 &&
        ((p[2] >= 0x8E && p[2] <= 0x8F) || (p[2] >= 0xAA && p[2] <= 0xAE))) return 3;
    if (left >= 3 && p[0] == 0xE2 && p[1] == 0x81 && p[2] >= 0xA6 && p[2] <= 0xA9) return 3;
    return 0;
}

static int blank(const char *s, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (s[i] != ' ' && s[i] != '\t' && s[i] != '\n' && s[i] != '\r') return 0;
    return 1;
}

static int fail(mb_draft_result *r, mb_draft_err e, size_t off, const char *msg)
{
    r->err = e;
    r->offset = off;
    snprintf(r->message, sizeof r->message, "%s", msg);
    return -1;
}

static int split_lines(md_doc *d, const int *srcmap, size_t nsrc)
{
    size_t n = 1;
    for (size_t i = 0; i < d->nt.len; i++) n += d->nt.data[i] == '\n';
    d->lines = mb_arena_alloc(d->A, n * sizeof *d->lines);
    d->in_table = mb_arena_alloc(d->A, n * sizeof *d->in_table);
    if (!d->lines || !d->in_table) return -1;
    size_t start = 0, k = 0;
    for (size_t i = 0; i <= d->nt.len; i++) {
        if (i < d->nt.len && d->nt.data[i] != '\n') continue;
        d->lines[k].start = start;
        d->lines[k].end = i;
        d->lines[k].src = srcmap ? (k < nsrc ? srcmap[k] : srcmap[nsrc - 1]) : (int)k + 1;
        k++;
        start = i + 1;
    }
    d->nlines = k;
    return 0;
}

int md_input(md_doc *d, const char *data, size_t n, mb_draft_result *r)
{
    if (n > MB_DRAFT_MAX_INPUT) return fail(r, MB_DRAFT_TOO_BIG, 0, "file too large");
    const char *nul = memchr(data, 0, n);
    if (nul) return fail(r, MB_DRAFT_BINARY, (size_t)(nul - data), "a NUL byte: not a text file");
    size_t bad = mb_utf8_check(data, n);
    if (bad < n) return fail(r, MB_DRAFT_BAD_UTF8, bad, "invalid UTF-8");
    if (blank(data, n)) return fail(r, MB_DRAFT_EMPTY, 0, "empty document");
    int *srcmap = NULL;
    size_t nsrc = 0, len = n;
    char *text = NULL;
    if (d->o->html) {
        const char *why = NULL;
        text = md_html_text(data, n, &len, &srcmap, &nsrc, &why);
        if (!text) return fail(r, MB_DRAFT_BAD_HTML, 0, why);
        if (blank(text, len)) { free(text); free(srcmap); return fail(r, MB_DRAFT_EMPTY, 0, "no text in the page"); }
    }
    const char *src = text ? text : data;
    char *orig = mb_arena_alloc(d->A, len + 1);
    if (!orig) { free(text); free(srcmap); return fail(r, MB_DRAFT_NO_MEMORY, 0, "out of memory"); }
    size_t controls = 0;
    for (size_t i = 0; i < len;) {
        size_t k = control_at((const unsigned char *)src + i, len - i);
        if (k) { memset(orig + i, ' ', k); i += k; controls++; continue; }
        orig[i] = src[i];
        i++;
    }
    d->orig = orig;
    d->norig = len;
    d->controls = controls;
    int kind = 0;
    size_t at = mb_normtext_build(&d->nt, orig, len, &kind);
    int rc = 0;
    if (at != (size_t)-1) rc = kind == MB_BAD_OOM ? fail(r, MB_DRAFT_NO_MEMORY, 0, "out of memory")
                                                : fail(r, MB_DRAFT_BAD_UTF8, at, "invalid text");
    else if (split_lines(d, srcmap, nsrc)) rc = fail(r, MB_DRAFT_NO_MEMORY, 0, "out of memory");
    free(text);
    free(srcmap);
    return rc;
}
