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

int mb_filter_rule(const mb_filter *f, const mb_rule *r)
{
    if (f->plan && !(r->plan && name_in(f->plan, r->plan->id))) return 0;
    if (f->category && !name_in(f->category, r->category)) return 0;
    if (f->owner) {
        int any = 0;
        for (size_t i = 0; i < r->nowners && !any; i++) any = name_in(f->owner, r->owners[i].text);
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

static void walk_group(const mb_eval *e, const mb_filter *f, const mb_plan *p, mb_verdict_fn fn,
                       void *ctx, mb_tally *t, size_t *regions, size_t part, size_t nparts)
{
    const mb_model *m = e->m;
    /* The plan's regions are those of its first rule: all its rules share the plan. */
    const mb_rule *first = NULL;
    for (size_t i = 0; i < m->nrules && !first; i++)
        if (m->rules[i]->plan == p && mb_filter_rule(f, m->rules[i])) first = m->rules[i];
    if (!first) return;
    size_t nr = mb_eval_regions(e, first, regions, e->D->nregions + 1);
    mb_verdict v;
    for (size_t ri = nr * part / nparts; ri < nr * (part + 1) / nparts; ri++) {
        if (!mb_filter_region(f, e->D, regions[ri])) continue;
        for (size_t i = 0; i < m->nrules; i++) {
            const mb_rule *r = m->rules[i];
            if (r->plan != p || !mb_filter_rule(f, r)) continue;
            for (size_t g = 0; g < r->ngoals; g++) {
                mb_eval_verdict(e, r, g, regions[ri], &v);
                t->verdicts++;
                t->by_status[v.status]++;
                if (f->fail_mask & (1u << v.status)) t->failing++;
                if (fn) fn(ctx, &v);
            }
        }
    }
}

mb_tally mb_report_walk_part(const mb_eval *e, const mb_filter *f, mb_verdict_fn fn, void *ctx,
                             size_t part, size_t nparts)
{
    mb_tally t;
    memset(&t, 0, sizeof t);
    size_t *regions = malloc((e->D->nregions + 1) * sizeof *regions);
    if (!regions) return t;
    for (size_t p = 0; p < e->m->nplans; p++)
        walk_group(e, f, e->m->plans[p], fn, ctx, &t, regions, part, nparts);
    walk_group(e, f, NULL, fn, ctx, &t, regions, part, nparts); /* rules outside any plan */
    free(regions);
    return t;
}

mb_tally mb_report_walk(const mb_eval *e, const mb_filter *f, mb_verdict_fn fn, void *ctx)
{
    return mb_report_walk_part(e, f, fn, ctx, 0, 1);
}

size_t mb_report_threads(void)
{
    const char *env = getenv("MB_THREADS");
    long n = env ? atol(env) : sysconf(_SC_NPROCESSORS_ONLN);
    return n >= 2 ? 2 : 1;
}
