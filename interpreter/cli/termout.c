/* termout.c — a stream that cleans what passes through it for a terminal (mb_term_clean):
 * explain prints labels, phrases, names and values from rule files and submissions in many
 * places, and every one of them must reach the terminal without an escape sequence or a bidi
 * override acting on it. Line breaks the writer makes are kept. */
#define _GNU_SOURCE
#include <stdlib.h>
#include <string.h>

#include "cli.h"

typedef struct term {
    FILE *under;
    unsigned char part[4];  /* an incomplete UTF-8 character at the end of the last write */
    size_t npart;
} term;

static int emit(term *t, const char *s, size_t n)
{
    char buf[1024];
    size_t at = 0;
    while (at < n) {
        /* lines as they are; everything between them cleaned, 64 bytes at a time (at most
         * 16 output bytes each) */
        const char *nl = memchr(s + at, '\n', n - at);
        size_t end = nl ? (size_t)(nl - s) : n;
        while (at < end) {
            size_t k = end - at < 64 ? end - at : 64;
            /* never split a character between two calls */
            while (k < end - at && k > 1 && ((unsigned char)s[at + k] & 0xC0) == 0x80) k--;
            size_t w = mb_term_clean(buf, s + at, k);
            if (fwrite(buf, 1, w, t->under) != w) return -1;
            at += k;
        }
        if (nl) {
            if (fputc('\n', t->under) == EOF) return -1;
            at++;
        }
    }
    return 0;
}

/* Length of the complete UTF-8 text at the start of s: an incomplete last character waits
 * for the next write. */
static size_t complete(const char *s, size_t n)
{
    size_t i = n, back = 0;
    while (i > 0 && back < 3 && ((unsigned char)s[i - 1] & 0xC0) == 0x80) { i--; back++; }
    if (i == 0) return n;
    unsigned char lead = (unsigned char)s[i - 1];
    size_t need = lead >= 0xF0 ? 4 : lead >= 0xE0 ? 3 : lead >= 0xC0 ? 2 : 1;
    return need > back + 1 ? i - 1 : n;
}

static ssize_t term_write(void *cookie, const char *s, size_t n)
{
    term *t = cookie;
    size_t used = 0;
    while (t->npart && used < n) { /* finish the character left over */
        t->part[t->npart++] = (unsigned char)s[used++];
        if (complete((const char *)t->part, t->npart) == t->npart || t->npart == 4) {
            if (emit(t, (const char *)t->part, t->npart)) return -1;
            t->npart = 0;
        }
    }
    size_t k = used + complete(s + used, n - used);
    if (emit(t, s + used, k - used)) return -1;
    memcpy(t->part, s + k, n - k);
    t->npart = n - k;
    return (ssize_t)n;
}

static int term_close(void *cookie)
{
    term *t = cookie;
    int r = t->npart ? emit(t, (const char *)t->part, t->npart) : 0;
    free(t);
    return r;
}

FILE *mb_cli_term_stream(FILE *under)
{
    term *t = calloc(1, sizeof *t);
    if (!t) return NULL;
    t->under = under;
    cookie_io_functions_t io = {NULL, term_write, NULL, term_close};
    FILE *f = fopencookie(t, "w", io);
    if (!f) free(t);
    return f;
}
