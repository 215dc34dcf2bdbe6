/* report_stream.c — verdicts region by region while the data is read (streaming).
 *
 * Submissions are usually sorted by region (exports are, and so are the benchmark's files).
 * Then a region's rows end when the next region's first row arrives, and its verdicts can be
 * computed at once and its slots given back: the store holds one region (plus the regions
 * that targets compare with) instead of all of them, so memory does not grow with the
 * number of regions' values (their names stay, 100 bytes or so each).
 *
 * Three things could make a streamed verdict differ from one computed after reading all:
 *   - a region's rows coming back after another region's: the store stops reading
 *     (mb_data.unsorted) and the caller reads again, holding everything;
 *   - a region compared with (`> region "江苏省"`) that comes later in the file: regions wait,
 *     held in order, until every such region is complete (or the data ends), so memory is
 *     then what must be held;
 *   - the default as-of, the latest period in the data, known only at the end: each batch
 *     is evaluated as of the latest period read so far, and the caller compares the as-of
 *     used with the final one (mb_stream.used_key) and reads again when they differ (for
 *     sorted input the first region normally has the latest period already).
 * Verdicts come out in the order of mb_report_walk when every rule is evaluated for every
 * region of the data and the rules belong to one plan (or none): region by region in the
 * order first seen, rule by rule in declaration order. */
#include <stdlib.h>
#include <string.h>

#include "report.h"
#include "text.h"

static size_t plan_slot(const mb_model *m, const mb_rule *r)
{
    return r->plan ? r->plan->index : m->nplans;
}

int mb_stream_possible(const mb_model *m, int ordered)
{
    /* Plans naming their regions are read in the plan's order, not the data's. */
    for (size_t p = 0; p < m->nplans; p++)
        if (m->plans[p]->nregions) return 0;
    /* Checks between two indicators run over all regions at the end (their messages in
     * check order): they need every region. */
    for (size_t i = 0; i < m->nchecks; i++)
        if (m->checks[i]->kind == MB_DC_CMP_IND) return 0;
    /* A submitted base is compared with a printed one at the end: it needs its region. */
    for (size_t i = 0; i < m->nrules; i++)
        if (m->rules[i]->printed) return 0;
    /* In report order only when all rules share one plan slot. */
    for (size_t i = 1; ordered && i < m->nrules; i++)
        if (plan_slot(m, m->rules[i]) != plan_slot(m, m->rules[0])) return 0;
    return m->nrules > 0;
}

/* Are the regions compared with complete (every one seen, before region `upto`)? A region
 * found complete stays so (upto only grows), so each is looked up until it is found and
 * then never again: the work is the number of regions plus the number compared with. */
static int refs_ready(mb_stream *s, size_t upto)
{
    for (; s->nready < s->nrefs; s->nready++) {
        long ix = mb_data_region(s->D, s->ref_keys[s->nready]);
        if (ix < 0 || (size_t)ix >= upto) return 0;
        s->ref_idx[s->nready] = (size_t)ix;
    }
    return 1;
}

static void region_done(void *ctx, mb_data *D, size_t upto)
{
    mb_stream *s = ctx;
    if (upto <= D->live) return;
    if (!s->ready && !(s->ready = refs_ready(s, upto)) && !s->at_end) return; /* wait, holding */
    int key = s->given_key ? s->given_key : D->max_period;
    if (s->used_key < 0) s->used_key = key;
    else if (key != s->used_key) s->changed = 1; /* the caller reads again */
    mb_eval_init(&s->e, s->m, D, key);
    s->e.status_only = s->fn == mb_report_summary_count; /* it counts statuses, nothing more */
    s->e.lines_only = s->fn == mb_report_csv_row;        /* it prints what a line holds */
    mb_verdict v;
    for (size_t region = D->live; region < upto && !s->changed; region++) {
        if (!mb_filter_region(s->f, D, region)) continue;
        for (size_t i = 0; i < s->nrules; i++) {
            const mb_rule *r = s->rules[i];
            for (size_t k = 0; k < r->ngoals; k++) {
                mb_eval_verdict(&s->e, r, k, region, &v);
                s->t.verdicts++;
                s->t.by_status[v.status]++;
                if (s->f->fail_mask & (1u << v.status)) s->t.failing++;
                if (s->fn) s->fn(s->ctx, &v);
            }
        }
    }
    /* Regions compared with that are not known yet are not in the store either: keep the
     * ones that are (ref_idx is only filled when all are). */
    if (!mb_data_release(D, upto, s->ready ? s->ref_idx : NULL, s->ready ? s->nrefs : 0)) s->t.error = 1;
}

int mb_stream_start(mb_stream *s, const mb_model *m, mb_data *D, const mb_filter *f, int given_key,
                    mb_verdict_fn fn, void *ctx)
{
    memset(s, 0, sizeof *s);
    *s = (mb_stream){.m = m, .D = D, .f = f, .given_key = given_key, .used_key = -1, .fn = fn, .ctx = ctx};
    s->rules = malloc((m->nrules + 1) * sizeof *s->rules);
    s->ref_keys = malloc((m->nrules + 1) * sizeof *s->ref_keys);
    s->ref_idx = malloc((m->nrules + 1) * sizeof *s->ref_idx);
    if (!s->rules || !s->ref_keys || !s->ref_idx) { mb_stream_free(s); return 0; }
    /* The selected rules as declared: the report's order when they share one plan (which
     * mb_stream_possible requires when order matters); the summary does not depend on it. */
    for (size_t i = 0; i < m->nrules; i++)
        if (mb_filter_rule(f, m->rules[i])) s->rules[s->nrules++] = m->rules[i];
    /* Every region a rule compares with (even an unselected rule's: simpler), once. */
    mb_map seen;
    mb_map_init(&seen);
    for (size_t i = 0; i < m->nrules; i++) {
        const char *k = m->rules[i]->region ? m->rules[i]->region_key : NULL;
        if (!k || mb_map_get(&seen, k, strlen(k))) continue;
        if (!mb_map_put(&seen, k, strlen(k), (void *)1)) { mb_map_free(&seen); mb_stream_free(s); return 0; }
        s->ref_keys[s->nrefs++] = k;
    }
    mb_map_free(&seen);
    s->ready = s->nrefs == 0;
    D->stream = 1;
    D->region_done = region_done;
    D->stream_ctx = s;
    return 1;
}

void mb_stream_finish(mb_stream *s)
{
    s->at_end = 1;
    if (!s->D->unsorted) region_done(s, s->D, s->D->nregions);
}

void mb_stream_free(mb_stream *s)
{
    free(s->rules);
    free(s->ref_keys);
    free(s->ref_idx);
    s->rules = NULL;
    s->ref_keys = NULL;
    s->ref_idx = NULL;
}

int mb_stream_part_start(mb_stream *part, const mb_stream *s, mb_data *S, mb_verdict_fn fn, void *ctx)
{
    /* A region compared with may lie in the other part: such runs are not split. */
    if (s->nrefs) return 0;
    return mb_stream_start(part, s->m, S, s->f, s->given_key, fn, ctx);
}

int mb_stream_part_join(mb_stream *s, mb_stream *part, int keep)
{
    keep = keep && !part->changed && !part->t.error && !part->D->unsorted &&
           (part->used_key < 0 || s->used_key < 0 || part->used_key == s->used_key);
    if (keep) {
        if (s->used_key < 0) s->used_key = part->used_key; /* the caller compares it with the run's */
        for (size_t k = 0; k < MB_ST_COUNT; k++) s->t.by_status[k] += part->t.by_status[k];
        s->t.verdicts += part->t.verdicts;
        s->t.failing += part->t.failing;
    }
    mb_stream_free(part);
    return keep;
}
