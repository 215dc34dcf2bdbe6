/* fmt_diff.c — a unified diff of two texts by lines, as `diff -u` writes it. The common
 * first and last lines are set aside; what remains is compared by a longest common
 * subsequence when it is small enough (formatting changes few lines), else shown as one
 * replacement: always a correct diff, minimal in the cases a formatter produces. */
#include "fmt.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

enum { CONTEXT = 3 };
static const size_t MAX_CELLS = (size_t)1 << 22; /* 16 MiB of table at most */

typedef struct line { const char *p; size_t n; } line; /* n includes its '\n', if any */
typedef struct op { char kind; size_t a, b; } op;      /* ' ', '-', '+': line a of A, b of B */

static line *split(const char *s, size_t n, size_t *count)
{
    size_t k = 0;
    for (size_t i = 0; i < n; i++) k += s[i] == '\n';
    line *v = malloc((k + 2) * sizeof *v);
    if (!v) return NULL;
    size_t c = 0, start = 0;
    for (size_t i = 0; i < n; i++)
        if (s[i] == '\n') { v[c++] = (line){s + start, i + 1 - start}; start = i + 1; }
    if (start < n) v[c++] = (line){s + start, n - start};
    *count = c;
    return v;
}

static int eq(line x, line y) { return x.n == y.n && !memcmp(x.p, y.p, x.n); }

/* The edit script of the middle parts A[a0,a1) and B[b0,b1), appended to ops. */
static int middle(const line *A, size_t a0, size_t a1, const line *B, size_t b0, size_t b1,
                  op *ops, size_t *nops)
{
    size_t n = a1 - a0, m = b1 - b0;
    uint32_t *t = NULL;
    if (n && m && (n + 1) <= MAX_CELLS / (m + 1)) t = calloc((n + 1) * (m + 1), sizeof *t);
    if (!t) { /* too big (or empty): remove all, then add all */
        for (size_t i = a0; i < a1; i++) ops[(*nops)++] = (op){'-', i, 0};
        for (size_t j = b0; j < b1; j++) ops[(*nops)++] = (op){'+', 0, j};
        return 0;
    }
#define T(i, j) t[(size_t)(i) * (m + 1) + (j)]
    for (size_t i = n; i-- > 0;)
        for (size_t j = m; j-- > 0;)
            T(i, j) = eq(A[a0 + i], B[b0 + j]) ? T(i + 1, j + 1) + 1
                      : T(i + 1, j) >= T(i, j + 1) ? T(i + 1, j) : T(i, j + 1);
    size_t i = 0, j = 0;
    while (i < n || j < m) {
        if (i < n && j < m && eq(A[a0 + i], B[b0 + j])) { ops[(*nops)++] = (op){' ', a0 + i++, b0 + j++}; }
        else if (i < n && (j == m || T(i + 1, j) >= T(i, j + 1))) ops[(*nops)++] = (op){'-', a0 + i++, 0};
        else ops[(*nops)++] = (op){'+', 0, b0 + j++};
    }
#undef T
    free(t);
    return 0;
}

static void put_line(FILE *out, char kind, line l)
{
    fputc(kind, out);
    fwrite(l.p, 1, l.n, out);
    if (!l.n || l.p[l.n - 1] != '\n') fputs("\n\\ No newline at end of file\n", out);
}

/* "-3,4": a range of a hunk; an empty one names the line before it. */
static void range(FILE *out, char sign, size_t before, size_t count)
{
    if (count == 1) fprintf(out, "%c%zu", sign, before + 1);
    else fprintf(out, "%c%zu,%zu", sign, count ? before + 1 : before, count);
}

static void hunk(FILE *out, const op *ops, size_t from, size_t to, const line *A, const line *B,
                 size_t a_before, size_t b_before)
{
    size_t ca = 0, cb = 0;
    for (size_t k = from; k < to; k++) {
        ca += ops[k].kind != '+';
        cb += ops[k].kind != '-';
    }
    fputs("@@ ", out);
    range(out, '-', a_before, ca);
    fputc(' ', out);
    range(out, '+', b_before, cb);
    fputs(" @@\n", out);
    for (size_t k = from; k < to; k++)
        put_line(out, ops[k].kind, ops[k].kind == '+' ? B[ops[k].b] : A[ops[k].a]);
}

static void hunks(FILE *out, const op *ops, size_t nops, const line *A, const line *B)
{
    size_t k = 0, a_seen = 0, b_seen = 0; /* lines of A and B before ops[k] */
    while (k < nops) {
        if (ops[k].kind == ' ') { a_seen++; b_seen++; k++; continue; }
        size_t from = k >= CONTEXT ? k - CONTEXT : 0, end = k; /* end: its last change */
        /* take in the next change while at most 2 × CONTEXT lines of context lie between */
        for (size_t j = k + 1; j < nops; j++) {
            if (ops[j].kind == ' ') continue;
            if (j - end - 1 > 2 * CONTEXT) break;
            end = j;
        }
        size_t to = end + 1 + CONTEXT < nops ? end + 1 + CONTEXT : nops;
        size_t back = k - from;
        hunk(out, ops, from, to, A, B, a_seen - back, b_seen - back);
        for (size_t j = k; j < to; j++) {
            a_seen += ops[j].kind != '+';
            b_seen += ops[j].kind != '-';
        }
        k = to;
    }
}

int mb_fmt_diff(FILE *out, const char *name_a, const char *a, size_t na,
                const char *name_b, const char *b, size_t nb)
{
    if (na == nb && !memcmp(a, b, na)) return 0;
    size_t n = 0, m = 0;
    line *A = split(a, na, &n), *B = split(b, nb, &m);
    op *ops = A && B ? malloc((n + m + 1) * sizeof *ops) : NULL;
    if (!ops) { free(A); free(B); return -1; }
    size_t p = 0, s = 0, nops = 0;
    while (p < n && p < m && eq(A[p], B[p])) { ops[nops++] = (op){' ', p, p}; p++; }
    while (s < n - p && s < m - p && eq(A[n - 1 - s], B[m - 1 - s])) s++;
    middle(A, p, n - s, B, p, m - s, ops, &nops);
    for (size_t i = 0; i < s; i++) ops[nops++] = (op){' ', n - s + i, m - s + i};
    fprintf(out, "--- %s\n+++ %s\n", name_a, name_b);
    hunks(out, ops, nops, A, B);
    free(A);
    free(B);
    free(ops);
    return ferror(out) ? -1 : 0;
}
