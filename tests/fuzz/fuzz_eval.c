/* fuzz_eval.c — ingestion, evaluation and reports. A fixed rule set that uses every target
 * form, clause and data check (tests/fuzz/seeds/eval_rules.mb, path compiled in by build.sh;
 * MB_FUZZ_RULES overrides) is checked once; each input is a submission — JSON when it starts
 * with '[', CSV otherwise — read into a fresh store and evaluated for every rule, region and
 * milestone with the data's own as-of; one input in 128 (by a hash of its bytes) is also evaluated with
 * a fixed as-of and written as every report format to /dev/null.
 *
 * Besides crashes and sanitizer reports it checks: a CSV submission read with the plain-row
 * path (data/ingest_plain.c) and with every line through the general reader gives the same
 * counts, diagnostics (code, position, message) and stored values; every row lands in exactly one count;
 * a met or missed verdict has the value it was judged on, from a year not after as-of;
 * a gap only with an actual and a target; a status in range with a terminated detail.
 *
 *   tests/fuzz/build.sh && build-fuzz/fuzz_eval -dict=tests/fuzz/csv.dict CORPUS */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "data.h"
#include "eval.h"
#include "model.h"
#include "report.h"
#include "fuzz_common.h"

#ifndef MB_FUZZ_RULES
#define MB_FUZZ_RULES "tests/fuzz/seeds/eval_rules.mb"
#endif

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static mb_model *model;

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    (void)argc;
    (void)argv;
    const char *path = getenv("MB_FUZZ_RULES");
    if (!path) path = MB_FUZZ_RULES;
    model = mb_model_new();
    mb_diags d;
    mb_diags_init(&d, 50);
    if (!model || mb_model_load(model, path, &d) || mb_model_check(model, &d) || d.warnings) {
        mb_diags_print(stderr, &d, 0);
        fprintf(stderr, "fuzz_eval: the rule set %s must check clean\n", path);
        exit(2);
    }
    mb_diags_free(&d);
    return 0;
}

static void verdicts(const mb_eval *e, int explain)
{
    const mb_model *m = e->m;
    size_t cap = e->D->nregions + 1;
    size_t *regions = malloc(cap * sizeof *regions);
    FZ_ASSERT(regions);
    for (size_t i = 0; i < m->nrules; i++) {
        const mb_rule *r = m->rules[i];
        size_t nr = mb_eval_regions(e, r, regions, cap);
        FZ_ASSERT(nr <= e->D->nregions);
        for (size_t k = 0; k < nr; k++) {
            FZ_ASSERT(regions[k] < e->D->nregions);
            for (size_t g = 0; g < r->ngoals; g++) {
                mb_verdict v;
                mb_eval_verdict(e, r, g, regions[k], &v);
                FZ_ASSERT((unsigned)v.status < MB_ST_COUNT);
                FZ_ASSERT(memchr(v.detail, 0, sizeof v.detail) != NULL);
                FZ_ASSERT(!v.has_gap || (v.has_actual && v.has_target));
                FZ_ASSERT(!v.has_rel_gap || v.has_gap);
                if (v.status == MB_ST_MET || v.status == MB_ST_MISSED) {
                    FZ_ASSERT(v.has_actual);
                    FZ_ASSERT(v.actual_year <= e->as_of);
                    FZ_ASSERT(v.actual.den > 0);
                }
                if (v.has_actual) FZ_ASSERT(v.actual_year <= e->as_of);
                if (r->form == MB_FORM_QUALITATIVE) FZ_ASSERT(v.status == MB_ST_NOT_ASSESSABLE);
            }
            if (explain && k < 2) mb_report_explain(fz_sink(), e, r, regions[k]);
        }
    }
    free(regions);
}

/* Every format, with and without colour, and once through a filter. */
static void reports(const mb_eval *e)
{
    mb_filter f = {0};
    f.fail_mask = 1u << MB_ST_MISSED;
    mb_tally t = mb_report_csv(fz_sink(), e, &f);
    mb_tally t2 = mb_report_text(fz_sink(), e, &f, 0);
    mb_tally t3 = mb_report_json(fz_sink(), e, &f, 1);
    FZ_ASSERT(t.verdicts == t2.verdicts && t.failing == t2.failing);
    FZ_ASSERT(t.verdicts == t3.verdicts && t.failing == t3.failing);
    mb_tally t4 = mb_report_summary(fz_sink(), e, &f);
    FZ_ASSERT(t.verdicts == t4.verdicts && t.failing == t4.failing);
    mb_report_text(fz_sink(), e, &f, 1);
    mb_report_junit(fz_sink(), e, &f);
    const char *regs[] = {"甲市", "全省"}, *plans[] = {"pa"}, *cats[] = {"c1"}, *owners[] = {"o1"};
    mb_filter g = {.plans = plans, .nplans = 1, .regions = regs, .nregions = 2, .categories = cats,
                   .ncategories = 1, .owners = owners, .nowners = 1, .fail_mask = ~0u};
    mb_report_csv(fz_sink(), e, &g);
}

/* The same text read with every line through the general CSV reader (JSON: every observation
 * through the full parser, none through the fast path) must give the same store: counts,
 * diagnostics and values. */
static void same_as_general(const mb_data *D, const uint8_t *data, size_t size, int json)
{
    mb_data *G = mb_data_new(model);
    FZ_ASSERT(G);
    G->general_csv = 1;
    G->general_json = 1;
    mb_data_load_mem(G, json ? "fuzz.json" : "fuzz.csv", (const char *)data, size, json);
    mb_data_finish(G);
    FZ_ASSERT(!memcmp(&D->count, &G->count, sizeof D->count));
    FZ_ASSERT(D->max_year == G->max_year && D->max_period == G->max_period);
    FZ_ASSERT(D->diags.n == G->diags.n && D->diags.errors == G->diags.errors && D->diags.warnings == G->diags.warnings);
    for (size_t i = 0; i < D->diags.n; i++) {
        const mb_diag *a = &D->diags.v[i], *b = &G->diags.v[i];
        FZ_ASSERT(a->code == b->code && a->span.start == b->span.start && a->span.end == b->span.end);
        FZ_ASSERT(a->span.line == b->span.line && a->span.line_start == b->span.line_start);
        FZ_ASSERT(!strcmp(a->msg, b->msg));
    }
    FZ_ASSERT(D->nregions == G->nregions && D->nslots == G->nslots);
    for (size_t r = 0; r < D->nregions; r++) {
        FZ_ASSERT(!strcmp(D->region_names[r], G->region_names[r]));
        for (size_t k = 0; k < D->nslots; k++) {
            const mb_obs *x = &D->obs[r * D->nslots + k], *y = &G->obs[r * G->nslots + k];
            FZ_ASSERT(x->state == y->state && x->m == y->m && x->exp == y->exp && x->line == y->line);
        }
    }
    mb_data_free(G);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    mb_data *D = mb_data_new(model);
    FZ_ASSERT(D);
    int json = size && data[0] == '[';
    mb_data_load_mem(D, json ? "fuzz.json" : "fuzz.csv", (const char *)data, size, json);
    mb_data_finish(D);
    const mb_rowcount *c = &D->count;
    FZ_ASSERT(c->rows == c->used + c->unused_indicator + c->unused_period + c->unused_region + c->duplicate + c->rejected);
    same_as_general(D, data, size, json); /* before fz_diags, which sorts them */
    fz_diags(&D->diags);
    mb_eval e;
    mb_eval_init(&e, model, D, 0);
    /* The reports cost several times what the verdicts do: write them for one input in 128,
     * chosen by a hash of its bytes (so an input always takes the same path, and mutations,
     * which mostly keep the length, do not all inherit their parent's choice). */
    uint32_t h = 2166136261u;
    for (size_t i = 0; i < size; i++) h = (h ^ data[i]) * 16777619u;
    int all = (h & 127) == 0;
    verdicts(&e, all);
    if (all) {
        reports(&e);
        mb_eval_init(&e, model, D, 201906);
        verdicts(&e, 0);
    }
    mb_data_free(D);
    return 0;
}
