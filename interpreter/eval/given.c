/* given.c — verdicts computed elsewhere, looked up for the reports (given.h). Kept as one
 * sorted array: a database returns up to a few hundred thousand rows at once, and each is
 * looked up once by a report's walk. */
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "arena.h"
#include "given.h"
#include "xalloc.h"

struct mb_given {
    mb_given_row *rows;
    size_t n, cap;
    mb_arena text;           /* the details */
};

mb_given *mb_given_new(void)
{
    mb_given *g = mb_calloc(1, sizeof *g);
    if (g) mb_arena_init(&g->text);
    return g;
}

void mb_given_free(mb_given *g)
{
    if (!g) return;
    free(g->rows);
    mb_arena_free(&g->text);
    free(g);
}

int mb_given_add(mb_given *g, const mb_given_row *row)
{
    if (g->n == g->cap) {
        size_t cap = g->cap ? 2 * g->cap : 256;
        mb_given_row *p = mb_realloc(g->rows, cap * sizeof *p);
        if (!p) return -1;
        g->rows = p;
        g->cap = cap;
    }
    mb_given_row *r = &g->rows[g->n];
    *r = *row;
    if (row->detail && *row->detail) {
        r->detail = mb_arena_strndup(&g->text, row->detail, strlen(row->detail));
        if (!r->detail) return -1;
    } else {
        r->detail = NULL;
    }
    g->n++;
    return 0;
}

static int key_cmp(size_t ra, size_t ga, size_t xa, size_t rb, size_t gb, size_t xb)
{
    if (ra != rb) return ra < rb ? -1 : 1;
    if (ga != gb) return ga < gb ? -1 : 1;
    return xa < xb ? -1 : xa > xb;
}

static int row_cmp(const void *a, const void *b)
{
    const mb_given_row *x = a, *y = b;
    return key_cmp(x->rule, x->goal, x->region, y->rule, y->goal, y->region);
}

int mb_given_finish(mb_given *g, const mb_given_row **dup)
{
    if (g->n) qsort(g->rows, g->n, sizeof *g->rows, row_cmp);
    for (size_t i = 1; i < g->n; i++)
        if (!row_cmp(&g->rows[i - 1], &g->rows[i])) {
            if (dup) *dup = &g->rows[i];
            return -1;
        }
    return 0;
}

size_t mb_given_count(const mb_given *g)
{
    return g->n;
}

static const mb_given_row *find(const mb_given *g, size_t rule, size_t goal, size_t region)
{
    size_t lo = 0, hi = g->n;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        const mb_given_row *r = &g->rows[mid];
        int c = key_cmp(r->rule, r->goal, r->region, rule, goal, region);
        if (!c) return r;
        if (c < 0) lo = mid + 1;
        else hi = mid;
    }
    return NULL;
}

void mb_given_verdict(const mb_given *g, const mb_rule *r, size_t goal, size_t region, mb_verdict *v)
{
    memset(v, 0, offsetof(mb_verdict, trace.val));
    v->rule = r;
    v->goal = goal;
    v->region = region;
    v->year = r->goals ? r->goals[goal].year : 0;
    v->sub = r->goals ? r->goals[goal].sub : 0;
    const mb_given_row *x = find(g, r->index, goal, region);
    if (!x) {
        v->status = MB_ST_ERROR;
        snprintf(v->detail, sizeof v->detail, "the verdicts returned hold none for this target and region");
        return;
    }
    v->status = x->status;
    v->has_actual = x->has_actual, v->actual = x->actual;
    v->actual_year = x->actual_year, v->actual_sub = x->actual_sub;
    v->has_target = x->has_target, v->target = x->target;
    v->has_gap = x->has_gap, v->gap = x->gap;
    /* as eval gives it: the gap over the target's size, when there is one */
    if (v->has_gap && v->has_target && mb_num_sign(v->target) &&
        !mb_num_div(v->gap, mb_num_abs(v->target), &v->rel_gap))
        v->has_rel_gap = 1;
    if (x->detail) snprintf(v->detail, sizeof v->detail, "%s", x->detail);
}
