/* fix.c — the fixes of a text's diagnostics, applied (fix.h). */
#include "fix.h"

#include <stdlib.h>
#include <string.h>

static int by_place(const void *a, const void *b)
{
    const mb_diag *x = *(const mb_diag *const *)a, *y = *(const mb_diag *const *)b;
    if (x->fix_span.start != y->fix_span.start) return x->fix_span.start < y->fix_span.start ? -1 : 1;
    if (x->fix_span.end != y->fix_span.end) return x->fix_span.end < y->fix_span.end ? -1 : 1;
    return strcmp(x->fix, y->fix);
}

static int same(const mb_diag *a, const mb_diag *b)
{
    return a->fix_span.start == b->fix_span.start && a->fix_span.end == b->fix_span.end && !strcmp(a->fix, b->fix);
}

int mb_fix_apply(const mb_diags *d, const mb_text *t, char **out, size_t *len)
{
    *out = NULL;
    *len = 0;
    const mb_diag **v = malloc((d->n ? d->n : 1) * sizeof *v);
    if (!v) return -1;
    size_t n = 0, grow = 0;
    for (size_t i = 0; i < d->n; i++) {
        const mb_diag *g = &d->v[i];
        if (!g->fix || g->fix_span.text != t || g->fix_span.end > t->len || g->fix_span.start > g->fix_span.end) continue;
        v[n++] = g;
        grow += strlen(g->fix);
    }
    if (!n) { free(v); return 0; }
    qsort(v, n, sizeof *v, by_place);
    char *buf = malloc(t->len + grow + 1);
    if (!buf) { free(v); return -1; }
    size_t at = 0, w = 0;
    int applied = 0;
    const mb_diag *last = NULL;
    for (size_t i = 0; i < n; i++) {
        const mb_diag *g = v[i];
        if (last && same(last, g)) continue;
        /* an edit inside text an earlier one replaced, or a second insertion at one place
         * (which goes first?): next round, on the text as it then is */
        if (last && (g->fix_span.start < at || (g->fix_span.start == last->fix_span.start && last->fix_span.end == at)))
            continue;
        memcpy(buf + w, t->data + at, g->fix_span.start - at);
        w += g->fix_span.start - at;
        size_t fl = strlen(g->fix);
        memcpy(buf + w, g->fix, fl);
        w += fl;
        at = g->fix_span.end;
        last = g;
        applied++;
    }
    memcpy(buf + w, t->data + at, t->len - at);
    w += t->len - at;
    buf[w] = 0;
    free(v);
    *out = buf;
    *len = w;
    return applied;
}
