/* check_conflict.c — two targets on one indicator and year that cannot both hold.
 * Each bounding target gives an interval of acceptable values; a group (indicator, year)
 * is contradictory when the largest lower bound lies above the smallest upper bound. */
#include <stdlib.h>

#include "check.h"

/* Targets of different plans apply to different regions (or are different policies for the
 * same one): they are grouped by plan, and only targets of one plan are compared. */
typedef struct bound {
    const mb_rule *r;
    const mb_crit *c;   /* the values of its limits are read there: 56 bytes an entry, not 112 */
    size_t plan, ind, year;
    int has_lo, has_hi, lo_strict, hi_strict;
} bound;

#define LO(b) ((b)->c->lo.v)
#define HI(b) ((b)->c->hi.v)

static int cmp_bound(const void *a, const void *b)
{
    const bound *x = a, *y = b;
    if (x->plan != y->plan) return x->plan < y->plan ? -1 : 1;
    if (x->ind != y->ind) return x->ind < y->ind ? -1 : 1;
    if (x->year != y->year) return x->year < y->year ? -1 : 1;
    return x->r->index < y->r->index ? -1 : x->r->index > y->r->index;
}

/* Bounds a rule sets on (indicator, year), read from its criteria: only values of the
 * indicator itself (not multiples of a base, which depend on data). Returns how many were
 * written to out. */
static size_t bounds_of(const mb_rule *r, bound *out)
{
    size_t n = 0;
    if (!r->ind || !r->crit) return 0;
    for (size_t i = 0; i < r->ngoals; i++) {
        const mb_crit *c = &r->crit[i];
        if (c->kind != MB_CRIT_VALUE || c->scale != MB_SCALE_NONE || !(c->lo.on || c->hi.on)) continue;
        if (r->goals[i].sub) continue; /* a quarter's or month's value is not the year's */
        out[n++] = (bound){.r = r, .c = c, .plan = r->plan ? r->plan->index + 1 : 0, .ind = r->ind->index,
                           .year = (size_t)c->year, .has_lo = c->lo.on, .has_hi = c->hi.on,
                           .lo_strict = c->lo.strict, .hi_strict = c->hi.strict};
    }
    return n;
}

static void report(mb_chk *c, const bound *lo, const bound *hi)
{
    const bound *later = lo->r->index > hi->r->index ? lo : hi;
    const bound *earlier = later == lo ? hi : lo;
    mb_diag *g = mb_diag_add(c->d, MB_D_CONTRADICTORY_TARGETS, later->r->ast->id.span,
                             "targets '%s' and '%s' on '%s' for %zu cannot both hold", earlier->r->id,
                             later->r->id, lo->r->ind->id, lo->year);
    mb_diag_note(g, earlier->r->ast->id.span, "'%s' defined here", earlier->r->id);
}

static void check_group(mb_chk *c, const bound *v, size_t n)
{
    const bound *lo = NULL, *hi = NULL;
    for (size_t i = 0; i < n; i++) {
        if (v[i].has_lo && (!lo || mb_num_cmp(LO(&v[i]), LO(lo)) > 0 ||
                            (mb_num_eq(LO(&v[i]), LO(lo)) && v[i].lo_strict)))
            lo = &v[i];
        if (v[i].has_hi && (!hi || mb_num_cmp(HI(&v[i]), HI(hi)) < 0 ||
                            (mb_num_eq(HI(&v[i]), HI(hi)) && v[i].hi_strict)))
            hi = &v[i];
    }
    if (!lo || !hi || lo->r == hi->r) return;
    int s = mb_num_cmp(LO(lo), HI(hi));
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
