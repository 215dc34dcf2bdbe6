/* report_walk.c — the order and selection of verdicts shared by every report. */
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "report.h"
#include "text.h"

static int name_in(const char *want, const char *have)
{
    return have && mb_name_eq(want, strlen(want), have, strlen(have));
}

/* Does `have` match one of the n names in `want`? (n == 0: no condition) */
static int any_of(const char *const *want, size_t n, const char *have)
{
    if (!n) return 1;
    for (size_t i = 0; i < n; i++)
        if (name_in(want[i], have)) return 1;
    return 0;
}

int mb_filter_rule(const mb_filter *f, const mb_rule *r)
{
    if (f->nplans && !(r->plan && any_of(f->plans, f->nplans, r->plan->id))) return 0;
    if (!any_of(f->categories, f->ncategories, r->category)) return 0;
    if (!any_of(f->rules, f->nrules, r->id)) return 0;
    if (f->nowners) {
        int any = 0;
        for (size_t i = 0; i < r->nowners && !any; i++) any = any_of(f->owners, f->nowners, r->owners[i].text);
        if (!any) return 0;
    }
    return 1;
}

int mb_filter_region(const mb_filter *f, const mb_data *D, size_t region)
{
    if (!f->nregions) return 1;
    for (size_t i = 0; i < f->nregions; i++)
        if (mb_data_region(D, f->regions[i]) == (long)region) return 1;
    return 0;
}

/* A report goes plan by plan (rules outside any plan last), and within a plan region by
 * region. A "unit" is one (plan, region) pair; units are numbered in report order so that
 * threads can each take a range and their outputs still join up in order. */
typedef struct group {
    const mb_plan *p;
    size_t *regions;
    size_t nr;
} group;

static size_t groups(const mb_eval *e, const mb_filter *f, group *out, size_t **mem)
{
    const mb_model *m = e->m;
    size_t n = 0, cap = e->D->nregions + 1;
    for (size_t p = 0; p <= m->nplans; p++) {
        const mb_plan *plan = p < m->nplans ? m->plans[p] : NULL;
        const mb_rule *first = NULL;
        for (size_t i = 0; i < m->nrules && !first; i++)
            if (m->rules[i]->plan == plan && mb_filter_rule(f, m->rules[i])) first = m->rules[i];
        if (!first) continue;
        size_t *rg = malloc(cap * sizeof *rg);
        if (!rg) break;
        mem[n] = rg;
        size_t nr = mb_eval_regions(e, first, rg, cap), k = 0;
        for (size_t i = 0; i < nr; i++)
            if (mb_filter_region(f, e->D, rg[i])) rg[k++] = rg[i];
        out[n++] = (group){plan, rg, k};
    }
    return n;
}

static void walk_unit(const mb_eval *e, const mb_filter *f, const group *g, size_t ri,
                      mb_verdict_fn fn, void *ctx, mb_tally *t)
{
    const mb_model *m = e->m;
    mb_verdict v;
    for (size_t i = 0; i < m->nrules; i++) {
        const mb_rule *r = m->rules[i];
        if (r->plan != g->p || !mb_filter_rule(f, r)) continue;
        for (size_t k = 0; k < r->ngoals; k++) {
            mb_eval_verdict(e, r, k, g->regions[ri], &v);
            t->verdicts++;
            t->by_status[v.status]++;
            if (f->fail_mask & (1u << v.status)) t->failing++;
            if (fn) fn(ctx, &v);
        }
    }
}

size_t mb_report_units(const mb_eval *e, const mb_filter *f)
{
    group g[e->m->nplans + 1];
    size_t *mem[e->m->nplans + 1];
    size_t n = groups(e, f, g, mem), total = 0;
    for (size_t i = 0; i < n; i++) { total += g[i].nr; free(mem[i]); }
    return total;
}

mb_tally mb_report_walk_range(const mb_eval *e, const mb_filter *f, mb_verdict_fn fn, void *ctx,
                              size_t lo, size_t hi)
{
    mb_tally t;
    memset(&t, 0, sizeof t);
    group g[e->m->nplans + 1];
    size_t *mem[e->m->nplans + 1];
    size_t n = groups(e, f, g, mem), base = 0;
    for (size_t i = 0; i < n; i++) {
        for (size_t ri = 0; ri < g[i].nr; ri++)
            if (base + ri >= lo && base + ri < hi) walk_unit(e, f, &g[i], ri, fn, ctx, &t);
        base += g[i].nr;
        free(mem[i]);
    }
    return t;
}

mb_tally mb_report_walk_part(const mb_eval *e, const mb_filter *f, mb_verdict_fn fn, void *ctx,
                             size_t part, size_t nparts)
{
    size_t n = mb_report_units(e, f);
    return mb_report_walk_range(e, f, fn, ctx, n * part / nparts, n * (part + 1) / nparts);
}

mb_tally mb_report_walk(const mb_eval *e, const mb_filter *f, mb_verdict_fn fn, void *ctx)
{
    return mb_report_walk_range(e, f, fn, ctx, 0, (size_t)-1);
}

size_t mb_report_threads(void)
{
    const char *env = getenv("MB_THREADS");
    long n = env ? atol(env) : sysconf(_SC_NPROCESSORS_ONLN);
    return n >= 2 ? 2 : 1;
}

mb_pos mb_report_rule_pos(const mb_rule *r, mb_pos *cache)
{
    if (cache && cache[r->index].line) return cache[r->index];
    mb_pos p = mb_span_pos(&r->span);
    if (cache) cache[r->index] = p;
    return p;
}
