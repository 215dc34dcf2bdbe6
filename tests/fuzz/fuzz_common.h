/* fuzz_common.h — shared by the libFuzzer harnesses: a sink for printed output, and an
 * abort that names the broken invariant (libFuzzer then saves the input as a crash).
 * The helpers are static inline so that a harness using only some of them (fuzz_lsp prints
 * no diagnostics) builds without an unused-function warning. */
#ifndef MB_FUZZ_COMMON_H
#define MB_FUZZ_COMMON_H

#include <stdio.h>
#include <stdlib.h>

#include "diag.h"

/* Everything a harness prints goes here: the printing code runs, nothing is shown. */
static inline FILE *fz_sink(void)
{
    static FILE *f;
    if (!f) {
        f = fopen("/dev/null", "w");
        if (!f) abort();
        setvbuf(f, NULL, _IOFBF, 1 << 16);
    }
    return f;
}

#define FZ_ASSERT(cond)                                                                    \
    do {                                                                                   \
        if (!(cond)) {                                                                     \
            fprintf(stderr, "%s:%d: invariant broken: %s\n", __FILE__, __LINE__, #cond);   \
            abort();                                                                       \
        }                                                                                  \
    } while (0)

/* Print the diagnostics both ways (text with caret excerpts, JSON) and check that every
 * span points inside its text: a diagnostic must never point past what was read. */
static inline void fz_diags(mb_diags *d)
{
    for (size_t i = 0; i < d->n; i++) {
        const mb_diag *g = &d->v[i];
        FZ_ASSERT(g->msg != NULL);
        if (g->span.text) {
            FZ_ASSERT(g->span.start <= g->span.text->len);
            FZ_ASSERT(g->span.end >= g->span.start || g->span.end == 0);
            FZ_ASSERT(g->span.end <= g->span.text->len + 1);
            if (g->span.line) FZ_ASSERT(g->span.line_start <= g->span.start);
        }
    }
    mb_diags_sort(d);
    mb_diags_print(fz_sink(), d, 0);
    mb_diags_print(fz_sink(), d, 1);
    mb_diags_print_json(fz_sink(), d);
}

#endif
