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
    if (f->attrs && !(mb_attr_mask(r->binding, r->aspiration) & f->attrs)) return 0;
    if (f->nowners) {
        int any = 0;
        for (size_t i = 0; i < r->nowners && !any; i++) any = any_of(f->owners, f->nowners, r->owners[i].text);
        if (!any) return 0;
    }
    return 1;
}

int mb_filter_region(const mb_filter *f, const mb_data *D, size_t region)
{
    if (!mb_shard_owns(D, region)) return 0; /* another shard reports it */
    if (!f->nregions) return 1;
    for (size_t i = 0; i < f->nregions; i++)
        if (mb_data_region(D, f->regions[i]) == (long)region) return 1;
    return 0;
}

/* A report goes plan by plan (rules outside any plan last), and within a plan region by
 * region. A "unit" is one (plan, region) pair; units are numbered in report order so that
 * threads can each take a range and their outputs still join up in order.
 * The plan of a walk is built in one pass over the rules (a counting sort by plan) and lives
 * on the heap: its cost grows with plans + rules + units, never plans × rules, and a model
 * with 100,000 plans walks on a thread with a small stack. */
typedef struct group {
    const mb_plan *p;
    const mb_rule **rules;   /* the plan's selected rules, in declaration order */
    size_t nrules;
    size_t *regions;
    unsigned char *planned;  /* per region: the plan's (every rule without regions of its
                                own applies there), not only a target's own */
    size_t nr;
} group;

struct mb_walk {
    const mb_eval *e;
    const mb_filter *f;
    group *g;
    size_t n;
    const mb_rule **rules;   /* every selected rule, grouped by plan */
    size_t units;
    int oom;
};

static size_t plan_slot(const mb_model *m, const mb_rule *r)
{
    return r->plan ? r->plan->index : m->nplans;
}

static void walk_release(mb_walk *w)
{
    for (size_t i = 0; i < w->n; i++) {
        free(w->g[i].regions);
        free(w->g[i].planned);
    }
    free(w->g);
    free(w->rules);
}

/* The selected rules of each plan: rules[start[p] .. start[p + 1]). */
static size_t *rules_by_plan(const mb_model *m, const mb_filter *f, const mb_rule **rules)
{
    size_t np = m->nplans + 1;
    size_t *start = calloc(np + 1, sizeof *start), *pos = malloc(np * sizeof *pos);
    if (!start || !pos) { free(start); free(pos); return NULL; }
    for (size_t i = 0; i < m->nrules; i++)
        if (mb_filter_rule(f, m->rules[i])) start[plan_slot(m, m->rules[i]) + 1]++;
    for (size_t p = 0; p < np; p++) start[p + 1] += start[p];
    memcpy(pos, start, np * sizeof *pos);
    for (size_t i = 0; i < m->nrules; i++)
        if (mb_filter_rule(f, m->rules[i])) rules[pos[plan_slot(m, m->rules[i])]++] = m->rules[i];
    free(pos);
    return start;
}

/* One group: the plan's regions (those of its first rule without regions of its own), then
 * the regions targets name for themselves (其中高新区…), each once, that the filter selects. */
static int make_group(const mb_eval *e, const mb_filter *f, const mb_rule **rules, size_t n, group *g)
{
    const mb_rule *r0 = NULL;
    size_t cap = 0, nr = 0, k = 0;
    for (size_t i = 0; i < n; i++) {
        if (!rules[i]->nregions && !r0) { r0 = rules[i]; cap += mb_eval_regions(e, r0, NULL, 0); }
        cap += rules[i]->nregions;
    }
    size_t *rg = malloc((cap + 1) * sizeof *rg);
    unsigned char *planned = malloc(cap + 1), *seen = calloc(e->D->nregions + 1, 1);
    if (!rg || !planned || !seen) { free(rg); free(planned); free(seen); return 0; }
    if (r0) nr = mb_eval_regions(e, r0, rg, cap);
    for (size_t i = 0; i < nr; i++) { seen[rg[i]] = 1; planned[i] = 1; }
    for (size_t i = 0; i < n; i++)
        for (size_t j = 0; j < rules[i]->nregions; j++) {
            long ix = mb_data_region(e->D, rules[i]->regions[j].key);
            if (ix < 0 || seen[ix]) continue;
            seen[ix] = 1;
            planned[nr] = 0;
            rg[nr++] = (size_t)ix;
        }
    free(seen);
    for (size_t i = 0; i < nr; i++)
        if (mb_filter_region(f, e->D, rg[i])) { planned[k] = planned[i]; rg[k++] = rg[i]; }
    *g = (group){rules[0]->plan, rules, n, rg, planned, k};
    return 1;
}

static mb_walk plan_walk(const mb_eval *e, const mb_filter *f)
{
    const mb_model *m = e->m;
    mb_walk w = {.e = e, .f = f};
    size_t np = m->nplans + 1, *start = NULL;
    w.rules = malloc((m->nrules + 1) * sizeof *w.rules);
    w.g = malloc(np * sizeof *w.g);
    if (w.rules && w.g) start = rules_by_plan(m, f, w.rules);
    if (!start) { w.oom = 1; return w; }
    for (size_t p = 0; p < np && !w.oom; p++) {
        size_t n = start[p + 1] - start[p];
        if (n && make_group(e, f, w.rules + start[p], n, &w.g[w.n])) w.units += w.g[w.n++].nr;
        else if (n) w.oom = 1;
    }
    free(start);
    return w;
}

static void walk_unit(const mb_eval *e, const mb_filter *f, const group *g, size_t ri,
                      mb_verdict_fn fn, void *ctx, mb_tally *t)
{
    mb_verdict v;
    for (size_t i = 0; i < g->nrules; i++) {
        const mb_rule *r = g->rules[i];
        if (r->nregions ? !mb_eval_applies(e, r, g->regions[ri]) : !g->planned[ri]) continue;
        for (size_t k = 0; k < r->ngoals; k++) {
            mb_eval_verdict(e, r, k, g->regions[ri], &v);
            t->verdicts++;
            t->by_status[v.status]++;
            if (f->fail_mask & (1u << v.status)) t->failing++;
            if (fn) fn(ctx, &v);
        }
    }
}

mb_walk *mb_walk_new(const mb_eval *e, const mb_filter *f)
{
    mb_walk *w = malloc(sizeof *w);
    if (w) *w = plan_walk(e, f);
    return w;
}

void mb_walk_free(mb_walk *w)
{
    if (!w) return;
    walk_release(w);
    free(w);
}

size_t mb_walk_units(const mb_walk *w) { return w->units; }

/* Groups wholly before lo are stepped over, and a group is entered at lo: a range costs its
 * own units, not the units before it. */
mb_tally mb_walk_range(const mb_walk *w, mb_verdict_fn fn, void *ctx, size_t lo, size_t hi)
{
    mb_tally t;
    memset(&t, 0, sizeof t);
    t.error = w->oom; /* out of memory: the report cannot be whole */
    size_t base = 0;
    for (size_t i = 0; i < w->n && base < hi; base += w->g[i++].nr) {
        size_t from = lo > base ? lo - base : 0, to = hi - base < w->g[i].nr ? hi - base : w->g[i].nr;
        for (size_t ri = from; ri < to; ri++) walk_unit(w->e, w->f, &w->g[i], ri, fn, ctx, &t);
    }
    return t;
}

size_t mb_report_units(const mb_eval *e, const mb_filter *f)
{
    mb_walk w = plan_walk(e, f);
    size_t total = w.units;
    walk_release(&w);
    return total;
}

mb_tally mb_report_walk_range(const mb_eval *e, const mb_filter *f, mb_verdict_fn fn, void *ctx,
                              size_t lo, size_t hi)
{
    mb_walk w = plan_walk(e, f);
    mb_tally t = mb_walk_range(&w, fn, ctx, lo, hi);
    walk_release(&w);
    return t;
}

mb_tally mb_report_walk_part(const mb_eval *e, const mb_filter *f, mb_verdict_fn fn, void *ctx,
                             size_t part, size_t nparts)
{
    mb_walk w = plan_walk(e, f);
    size_t n = w.units;
    mb_tally t = mb_walk_range(&w, fn, ctx, n * part / nparts, n * (part + 1) / nparts);
    walk_release(&w);
    return t;
}

mb_tally mb_report_walk(const mb_eval *e, const mb_filter *f, mb_verdict_fn fn, void *ctx)
{
    return mb_report_walk_range(e, f, fn, ctx, 0, (size_t)-1);
}

size_t mb_report_threads(const mb_eval *e)
{
    long n = e->threads ? (long)e->threads : sysconf(_SC_NPROCESSORS_ONLN);
    return n >= 2 ? 2 : 1;
}

mb_pos mb_report_rule_pos(const mb_rule *r, mb_pos *cache)
{
    if (cache && cache[r->index].line) return cache[r->index];
    mb_pos p = mb_span_pos(&r->span);
    if (cache) cache[r->index] = p;
    return p;
}
