/* diag.c — recording diagnostics, and printing them with the source line and a caret. */
#include "diag.h"

#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include <utf8proc.h>

#include "jsonw.h"
#include "text.h"

void mb_diags_init(mb_diags *d, size_t max_errors)
{
    memset(d, 0, sizeof *d);
    d->max_errors = max_errors;
}

void mb_diags_free(mb_diags *d)
{
    for (size_t i = 0; i < d->n; i++) {
        free(d->v[i].msg);
        free(d->v[i].note);
        free(d->v[i].fix);
    }
    free(d->v);
    memset(d, 0, sizeof *d);
}

static char *vfmt(const char *fmt, va_list ap)
{
    va_list ap2;
    va_copy(ap2, ap);
    int n = vsnprintf(NULL, 0, fmt, ap2);
    va_end(ap2);
    if (n < 0) return NULL;
    char *s = malloc((size_t)n + 1);
    if (s) vsnprintf(s, (size_t)n + 1, fmt, ap);
    return s;
}

/* The table, from the one list in diag_codes.h. */
#define SEV_ERROR MB_SEV_ERROR
#define SEV_WARNING MB_SEV_WARNING
#define SEV_NOTE MB_SEV_NOTE
#define SEV_RETIRED MB_SEV_NOTE
#define RETIRED_ERROR 0
#define RETIRED_WARNING 0
#define RETIRED_NOTE 0
#define RETIRED_RETIRED 1
static const mb_code_info code_table[] = {
#define ROW_(num, id, sev, summary) {id, #id, SEV_##sev, RETIRED_##sev, summary},
    MB_DIAG_CODES(ROW_)
#undef ROW_
};

const mb_code_info *mb_code_table(size_t *n)
{
    *n = sizeof code_table / sizeof *code_table;
    return code_table;
}

const mb_code_info *mb_code_lookup(mb_code code)
{
    /* the table is in ascending order (a unit test says so) */
    size_t lo = 0, hi = sizeof code_table / sizeof *code_table;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (code_table[mid].code == code) return &code_table[mid];
        if (code_table[mid].code < code) lo = mid + 1;
        else hi = mid;
    }
    return NULL;
}

const char *mb_code_str(mb_code code, char *buf)
{
    unsigned c = (unsigned)code % 10000;
    snprintf(buf, 16, "MB%04u", c);
    return buf;
}

mb_diag *(mb_diag_add)(mb_diags *d, mb_code code, mb_span span, const char *fmt, ...)
{
    const mb_code_info *info = mb_code_lookup(code);
    mb_severity sev = info ? info->sev : MB_SEV_ERROR;
    if (sev == MB_SEV_ERROR) d->errors++;
    else if (sev == MB_SEV_WARNING) d->warnings++;
    /* Errors and warnings are each stored up to the cap; past it they are only counted, so a
     * million duplicate rows cost a counter, not a million messages. */
    if (d->max_errors && ((sev == MB_SEV_ERROR && d->errors > d->max_errors) ||
                          (sev == MB_SEV_WARNING && d->warnings > d->max_errors))) {
        if (sev == MB_SEV_ERROR) d->dropped++;
        else d->dropped_warnings++;
        return NULL;
    }
    if (d->n == d->cap) {
        size_t nc = d->cap ? d->cap * 2 : 16;
        mb_diag *v = realloc(d->v, nc * sizeof *v);
        if (!v) { d->oom = 1; return NULL; }
        d->v = v;
        d->cap = nc;
    }
    va_list ap;
    va_start(ap, fmt);
    char *msg = vfmt(fmt, ap);
    va_end(ap);
    if (!msg) { d->oom = 1; return NULL; }
    mb_diag *g = &d->v[d->n++];
    memset(g, 0, sizeof *g);
    g->code = code;
    g->sev = sev;
    g->span = span;
    g->msg = msg;
    return g;
}

void (mb_diag_note)(mb_diag *g, mb_span span, const char *fmt, ...)
{
    if (!g) return;
    va_list ap;
    va_start(ap, fmt);
    free(g->note);
    g->note = vfmt(fmt, ap);
    va_end(ap);
    g->note_span = span;
}

void mb_diag_fix(mb_diag *g, mb_span span, const char *text)
{
    if (!g) return;
    free(g->fix);
    g->fix = strdup(text); /* out of memory: no fix, the diagnostic stays */
    g->fix_span = span;
}

/* src's records come after dst's (the second part of a file read on two threads): keep
 * what one pass would have kept, errors and warnings each up to dst's cap counting every one
 * recorded before them, so the messages shown do not depend on the number of threads. */
void mb_diags_take(mb_diags *dst, mb_diags *src)
{
    size_t e = dst->errors, w = dst->warnings, kept_e = 0, kept_w = 0;
    for (size_t i = 0; i < src->n; i++) {
        mb_diag *g = &src->v[i];
        size_t *seen = g->sev == MB_SEV_ERROR ? &e : g->sev == MB_SEV_WARNING ? &w : NULL;
        int keep = !seen || !dst->max_errors || ++*seen <= dst->max_errors;
        if (keep && dst->n == dst->cap) {
            size_t nc = dst->cap ? dst->cap * 2 : 16;
            mb_diag *v = realloc(dst->v, nc * sizeof *v);
            if (!v) { dst->oom = 1; keep = 0; }
            else { dst->v = v; dst->cap = nc; }
        }
        if (!keep) continue; /* freed with src */
        dst->v[dst->n++] = *g;
        g->msg = g->note = g->fix = NULL;
        kept_e += g->sev == MB_SEV_ERROR;
        kept_w += g->sev == MB_SEV_WARNING;
    }
    dst->errors += src->errors;
    dst->warnings += src->warnings;
    dst->dropped += src->errors - kept_e;
    dst->dropped_warnings += src->warnings - kept_w;
    dst->oom |= src->oom;
    mb_diags_free(src);
}

static const char *span_name(const mb_span *s) { return s->text ? s->text->name : ""; }

static int diag_cmp(const void *a, const void *b)
{
    const mb_diag *x = a, *y = b;
    int c = strcmp(span_name(&x->span), span_name(&y->span));
    if (c) return c;
    if (x->span.start != y->span.start) return x->span.start < y->span.start ? -1 : 1;
    return x < y ? -1 : x > y; /* qsort is not stable: keep recording order */
}

void mb_diags_sort(mb_diags *d)
{
    if (d->n > 1) qsort(d->v, d->n, sizeof *d->v, diag_cmp);
}

mb_span mb_span_at(const mb_text *t, size_t start, size_t end)
{
    return (mb_span){t, start, end, 0, 0};
}

mb_span mb_span_none(void) { return (mb_span){0}; }

/* ---- text for a terminal -------------------------------------------------------------- */

/* Characters a terminal would act on or not show: controls (C0, DEL, C1: ESC starts an escape
 * sequence), format characters (bidi overrides such as U+202E, zero-width spaces, BOM), line
 * and paragraph separators, surrogates, private use and noncharacters. */
static int invisible(int32_t cp)
{
    if (cp < 0x20 || (cp >= 0x7F && cp < 0xA0)) return 1;
    if ((cp & 0xFFFE) == 0xFFFE || (cp >= 0xFDD0 && cp <= 0xFDEF)) return 1;
    switch (utf8proc_category(cp)) {
    case UTF8PROC_CATEGORY_CC:
    case UTF8PROC_CATEGORY_CF:
    case UTF8PROC_CATEGORY_ZL:
    case UTF8PROC_CATEGORY_ZP:
    case UTF8PROC_CATEGORY_CS:
    case UTF8PROC_CATEGORY_CO: return 1;
    default: return 0;
    }
}

size_t mb_term_clean(char *dst, const char *s, size_t n)
{
    const unsigned char *u = (const unsigned char *)s;
    size_t len = 0;
    char tmp[16];
    for (size_t i = 0; i < n;) {
        int32_t cp;
        size_t k = mb_utf8_decode(u + i, n - i, &cp), w;
        const char *from = s + i;
        if (!k) { w = (size_t)snprintf(tmp, sizeof tmp, "<0x%02X>", u[i]); from = tmp; k = 1; }
        else if (invisible(cp)) { w = (size_t)snprintf(tmp, sizeof tmp, "<U+%04X>", (unsigned)cp); from = tmp; }
        else w = k;
        if (dst) memcpy(dst + len, from, w);
        len += w;
        i += k;
    }
    return len;
}

void mb_term_put(FILE *out, const char *s, size_t n)
{
    /* runs of plain ASCII (nearly everything) go out in one piece */
    size_t i = 0;
    while (i < n) {
        size_t j = i;
        while (j < n && (unsigned char)s[j] >= 0x20 && (unsigned char)s[j] < 0x7F) j++;
        if (j > i) fwrite(s + i, 1, j - i, out);
        if (j == n) break;
        size_t k = 1;
        while (j + k < n && k < 4 && ((unsigned char)s[j + k] & 0xC0) == 0x80) k++;
        char buf[64];
        fwrite(buf, 1, mb_term_clean(buf, s + j, k), out);
        i = j + k;
    }
}

void mb_term_puts(FILE *out, const char *s)
{
    if (s) mb_term_put(out, s, strlen(s));
}

/* Where the line holding `off` starts; a byte order mark at the start of the text is not
 * part of the first line (it is not a column). */
static size_t line_start_of(const mb_text *t, size_t off)
{
    while (off > 0 && t->data[off - 1] != '\n') off--;
    if (off == 0 && t->len >= 3 && memcmp(t->data, "\xEF\xBB\xBF", 3) == 0) off = 3;
    return off;
}

mb_pos mb_text_pos(const mb_text *t, size_t off)
{
    if (off > t->len) off = t->len;
    uint32_t line = 1;
    for (const char *p = t->data, *e = t->data + off; (p = memchr(p, '\n', (size_t)(e - p))); p++)
        line++;
    size_t ls = line_start_of(t, off);
    if (off < ls) off = ls;
    return (mb_pos){line, (uint32_t)mb_text_chars(t->data + ls, off - ls) + 1};
}

mb_pos mb_span_pos(const mb_span *s)
{
    if (!s->text) return (mb_pos){0, 0};
    size_t off = s->start > s->text->len ? s->text->len : s->start;
    if (!s->line) return mb_text_pos(s->text, off);
    size_t ls = s->line_start == 0 ? line_start_of(s->text, 0) : s->line_start;
    if (off < ls) off = ls;
    return (mb_pos){s->line, (uint32_t)mb_text_chars(s->text->data + ls, off - ls) + 1};
}

static const char *sev_name(mb_severity s)
{
    return s == MB_SEV_ERROR ? "error" : s == MB_SEV_WARNING ? "warning" : "note";
}

/* Step back/forward to a UTF-8 character boundary. */
static size_t char_floor(const char *d, size_t lo, size_t off)
{
    while (off > lo && ((unsigned char)d[off] & 0xC0) == 0x80) off--;
    return off;
}

/* Copy a line to the terminal: invalid UTF-8 becomes U+FFFD and a control character a
 * space (one column each, so the caret stays aligned); a bidi or other invisible character
 * (U+202E would reverse the rest of the line) is shown as <U+202E>, as in messages, and
 * counted at that width by excerpt_width. */
static void put_clean(FILE *out, const char *s, size_t n)
{
    const unsigned char *u = (const unsigned char *)s;
    for (size_t i = 0; i < n;) {
        int32_t cp;
        size_t k = mb_utf8_decode(u + i, n - i, &cp);
        if (!k) { fputs("\xEF\xBF\xBD", out); i++; continue; }
        if (cp < 0x20 || cp == 0x7F) fputc(' ', out);
        else if (invisible(cp)) fprintf(out, "<U+%04X>", (unsigned)cp);
        else fwrite(s + i, 1, k, out);
        i += k;
    }
}

/* Columns put_clean takes for s. */
static size_t excerpt_width(const char *s, size_t n)
{
    const unsigned char *u = (const unsigned char *)s;
    size_t w = 0, from = 0, i = 0;
    while (i < n) {
        int32_t cp;
        size_t k = mb_utf8_decode(u + i, n - i, &cp);
        if (k && !invisible(cp)) { i += k; continue; }
        char tmp[16];
        int one = !k || cp < 0x20 || cp == 0x7F; /* U+FFFD or a space */
        w += mb_text_width(s + from, i - from) + (one ? 1 : (size_t)snprintf(tmp, sizeof tmp, "<U+%04X>", (unsigned)cp));
        i += k ? k : 1;
        from = i;
    }
    return w + mb_text_width(s + from, n - from);
}

enum { WINDOW_BEFORE = 60, WINDOW_AFTER = 100 };

/* Print the line holding the span and a caret line under it. Very long lines are shown as
 * a window around the span so that a 10 MB line does not flood the terminal. */
static void print_excerpt(FILE *out, const mb_span *s)
{
    const mb_text *t = s->text;
    size_t off = s->start > t->len ? t->len : s->start;
    size_t ls = s->line && s->line_start ? s->line_start : line_start_of(t, off);
    if (off < ls) off = ls;
    const char *nl = memchr(t->data + off, '\n', t->len - off);
    size_t le = nl ? (size_t)(nl - t->data) : t->len;
    if (le > ls && t->data[le - 1] == '\r') le--;
    size_t from = ls, to = le;
    int cut_l = 0, cut_r = 0;
    if (off - ls > WINDOW_BEFORE) { from = char_floor(t->data, ls, off - WINDOW_BEFORE); cut_l = 1; }
    if (to > off + WINDOW_AFTER) { to = char_floor(t->data, off, off + WINDOW_AFTER); cut_r = 1; }
    size_t end = s->end < off ? off : s->end;
    if (end > to) end = to;
    fputs("  ", out);
    if (cut_l) fputs("…", out);
    put_clean(out, t->data + from, to - from);
    if (cut_r) fputs("…", out);
    fputs("\n  ", out);
    size_t pad = excerpt_width(t->data + from, (off > to ? to : off) - from) + (size_t)cut_l;
    for (size_t i = 0; i < pad; i++) fputc(' ', out);
    fputc('^', out);
    size_t w = end > off ? excerpt_width(t->data + off, end - off) : 1;
    for (size_t i = 1; i < w; i++) fputc('~', out);
    fputc('\n', out);
}

static void print_one(FILE *out, mb_severity sev, const mb_span *s, const char *msg, int color)
{
    const char *c = !color ? "" : sev == MB_SEV_ERROR ? "\033[1;31m"
                             : sev == MB_SEV_WARNING ? "\033[1;35m" : "\033[1;36m";
    const char *r = color ? "\033[0m" : "";
    if (s->text) {
        mb_pos p = mb_span_pos(s);
        mb_term_puts(out, s->text->name);
        fprintf(out, ":%u:%u: ", p.line, p.col);
    } else {
        fputs("mubiao: ", out);
    }
    fprintf(out, "%s%s:%s ", c, sev_name(sev), r);
    mb_term_puts(out, msg);
    fputc('\n', out);
    if (s->text) print_excerpt(out, s);
}

void mb_diag_print(FILE *out, const mb_diag *g, int color)
{
    print_one(out, g->sev, &g->span, g->msg, color);
    if (g->note) print_one(out, MB_SEV_NOTE, &g->note_span, g->note, color);
}

void mb_diags_print(FILE *out, const mb_diags *d, int color)
{
    for (size_t i = 0; i < d->n; i++) mb_diag_print(out, &d->v[i], color);
    if (d->dropped)
        fprintf(out, "mubiao: error: too many errors; %zu more not shown\n", d->dropped);
    if (d->dropped_warnings)
        fprintf(out, "mubiao: warning: too many warnings; %zu more not shown\n", d->dropped_warnings);
    if (d->oom) fputs("mubiao: error: out of memory while recording diagnostics\n", out);
}

static void json_span(FILE *out, const mb_span *s)
{
    if (!s->text) { fputs("null", out); return; }
    mb_pos p = mb_span_pos(s);
    fputs("{\"file\":", out);
    mb_json_cstr(out, s->text->name);
    fprintf(out, ",\"line\":%u,\"column\":%u}", p.line, p.col);
}

void mb_diags_print_json(FILE *out, const mb_diags *d)
{
    fputc('[', out);
    for (size_t i = 0; i < d->n; i++) {
        const mb_diag *g = &d->v[i];
        char code[16];
        fprintf(out, "%s{\"code\":\"%s\",\"severity\":\"%s\",\"message\":", i ? "," : "",
                mb_code_str(g->code, code), sev_name(g->sev));
        mb_json_cstr(out, g->msg);
        fputs(",\"location\":", out);
        json_span(out, &g->span);
        if (g->note) {
            fputs(",\"note\":", out);
            mb_json_cstr(out, g->note);
            fputs(",\"note_location\":", out);
            json_span(out, &g->note_span);
        }
        fputc('}', out);
    }
    fputc(']', out);
}
