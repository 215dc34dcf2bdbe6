/* check_conflict.c — two targets on one indicator and year that cannot both hold.
 * Each bounding target gives an interval of acceptable values; a group (indicator, year)
 * is contradictory when the largest lower bound lies above the smallest upper bound. */
#include <stdlib.h>

#include "check.h"

/* Targets of different plans apply to different regions (or are different policies for the
 * same one): they are grouped by plan, and only targets of one plan are compared. */
typedef struct bound {
    const mb_rule *r;
    size_t plan, ind, year;
    int has_lo, has_hi, lo_strict, hi_strict;
    mb_num lo, hi;
} bound;

static int cmp_bound(const void *a, const void *b)
{
    const bound *x = a, *y = b;
    if (x->plan != y->plan) return x->plan < y->plan ? -1 : 1;
    if (x->ind != y->ind) return x->ind < y->ind ? -1 : 1;
    if (x->year != y->year) return x->year < y->year ? -1 : 1;
    return x->r->index < y->r->index ? -1 : x->r->index > y->r->index;
}

static void set_cmp(bound *b, mb_cmp cmp, mb_num v)
{
    if (cmp == MB_CMP_GE || cmp == MB_CMP_GT || cmp == MB_CMP_EQ) {
        b->has_lo = 1; b->lo = v; b->lo_strict = cmp == MB_CMP_GT;
    }
    if (cmp == MB_CMP_LE || cmp == MB_CMP_LT || cmp == MB_CMP_EQ) {
        b->has_hi = 1; b->hi = v; b->hi_strict = cmp == MB_CMP_LT;
    }
}

/* Bounds a rule sets on (indicator, year); returns how many were written to out. */
static size_t bounds_of(const mb_rule *r, bound *out)
{
    if (!r->ind) return 0;
    bound b = {.r = r, .plan = r->plan ? r->plan->index + 1 : 0, .ind = r->ind->index};
    switch (r->form) {
    case MB_FORM_COMPARE:
        for (size_t i = 0; i < r->ngoals; i++) {
            out[i] = b;
            out[i].year = (size_t)r->goals[i].year;
            set_cmp(&out[i], r->cmp, r->goals[i].value);
        }
        return r->ngoals;
    case MB_FORM_INTERVAL:
        b.has_lo = b.has_hi = 1; b.lo = r->a; b.hi = r->b;
        break;
    case MB_FORM_RANGE:
        b.has_lo = 1; b.lo = r->a;
        break;
    case MB_FORM_ABOUT: {
        mb_num tol = r->b;
        if (r->tol_relative &&
            (mb_num_mul(mb_num_abs(r->a), r->b, &tol) || mb_num_div(tol, mb_num_int(100), &tol)))
            return 0;
        if (mb_num_sub(r->a, tol, &b.lo) || mb_num_add(r->a, tol, &b.hi)) return 0;
        b.has_lo = b.has_hi = 1;
        break;
    }
    default: return 0;
    }
    b.year = (size_t)r->goals[0].year;
    out[0] = b;
    return 1;
}

static void report(mb_chk *c, const bound *lo, const bound *hi)
{
    const bound *later = lo->r->index > hi->r->index ? lo : hi;
    const bound *earlier = later == lo ? hi : lo;
    mb_diag *g = mb_diag_add(c->d, MB_SEV_ERROR, later->r->ast->id.span,
                             "targets '%s' and '%s' on '%s' for %zu cannot both hold", earlier->r->id,
                             later->r->id, lo->r->ind->id, lo->year);
    mb_diag_note(g, earlier->r->ast->id.span, "'%s' defined here", earlier->r->id);
}

static void check_group(mb_chk *c, const bound *v, size_t n)
{
    const bound *lo = NULL, *hi = NULL;
    for (size_t i = 0; i < n; i++) {
        if (v[i].has_lo && (!lo || mb_num_cmp(v[i].lo, lo->lo) > 0 ||
                            (mb_num_eq(v[i].lo, lo->lo) && v[i].lo_strict)))
            lo = &v[i];
        if (v[i].has_hi && (!hi || mb_num_cmp(v[i].hi, hi->hi) < 0 ||
                            (mb_num_eq(v[i].hi, hi->hi) && v[i].hi_strict)))
            hi = &v[i];
    }
    if (!lo || !hi || lo->r == hi->r) return;
    int s = mb_num_cmp(lo->lo, hi->hi);
    if (s > 0 || (s == 0 && (lo->lo_strict || hi->hi_strict))) report(c, lo, hi);
}

void mb_chk_conflicts(mb_chk *c)
{
    size_t cap = 0;
    for (size_t i = 0; i < c->m->nrules; i++) cap += c->m->rules[i]->ngoals;
    bound *v = malloc((cap + 1) * sizeof *v);
    if (!v) { c->oom = 1; return; }
    size_t n = 0;
    for (size_t i = 0; i < c->m->nrules; i++) n += bounds_of(c->m->rules[i], v + n);
    qsort(v, n, sizeof *v, cmp_bound);
    for (size_t i = 0, j; i < n; i = j) {
        for (j = i + 1; j < n && v[j].plan == v[i].plan && v[j].ind == v[i].ind && v[j].year == v[i].year; j++) {}
        if (j - i > 1) check_group(c, v + i, j - i);
    }
    free(v);
}
