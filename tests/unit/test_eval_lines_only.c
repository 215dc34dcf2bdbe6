/* test_eval_lines_only.c — an evaluation for report lines (mb_eval.lines_only, what the CSV
 * report uses) gives every verdict every field a line prints exactly as the full evaluation
 * gives it — status, detail, actual and its period, target, gap, the criterion as worded
 * (with the bounds and year to date it reads), the comparison and the base's source — for
 * every rule file with data in tests/data, at as-ofs before, inside and after the deadlines
 * (progress classes, quarters and months, year to date), and leaves out what no line prints:
 * the trace's values and the relative gap. */
#include "report.h"
#include "test_eval_support.h"

typedef struct pair {
    const char *rules, *data;
} pair;

static const pair PAIRS[] = {
    {"attributes.mb", "attributes.csv"},       {"derived_units.mb", "derived_units.csv"},
    {"eval_forms.mb", "eval_forms.csv"},       {"eval_forms.mb", "eval_forms_bad.csv"},
    {"eval_forms.mb", "eval_forms_stray_2099.csv"}, {"growth_large.mb", "growth_large.csv"},
    {"own_regions.mb", "own_regions.csv"},     {"points.mb", "points.csv"},
    {"printed.mb", "printed.csv"},             {"ruletest.mb", "ruletest.csv"},
    {"share_region.mb", "share_region.csv"},   {"subyear.mb", "subyear.csv"},
    {"yoy.mb", "yoy.csv"},                     {"yoy_no_base.mb", "yoy_no_base.csv"},
};

static const int AS_OF[] = {0, 201312, 201512, 201706, 201803, 201812, 201909, 202002, 202012, 202212, 202506};

static mb_model *load_rules(const char *name)
{
    char path[4096];
    snprintf(path, sizeof path, "%s/%s", mbt_src_path("tests/data"), name);
    mb_model *m = mb_model_new();
    cr_assert_not_null(m);
    mb_diags d;
    mb_diags_init(&d, 50);
    int rc = mb_model_load(m, path, &d);
    if (rc == 0) rc = mb_model_check(m, &d);
    cr_assert(rc == 0 && d.errors == 0, "%s does not check", name);
    mb_diags_free(&d);
    return m;
}

static mb_data *load_data(const mb_model *m, const char *name)
{
    char path[4096];
    snprintf(path, sizeof path, "%s/%s", mbt_src_path("tests/data"), name);
    mb_data *D = mb_data_new(m);
    cr_assert_not_null(D);
    D->threads = 1;
    mb_data_load(D, path);
    mb_data_finish(D);
    return D;
}

/* The same number, and the same text in a report. */
static void same_num(int on, mb_num a, mb_num b, const char *what, const char *where)
{
    if (!on) return;
    char x[MB_NUM_BUF], y[MB_NUM_BUF];
    mb_num_format(a, 4, x, NULL);
    mb_num_format(b, 4, y, NULL);
    cr_assert(mb_num_eq(a, b) && !strcmp(x, y), "%s: %s %s in full, %s for lines", where, what, x, y);
}

static void same_bound(const mb_bound *a, const mb_bound *b, const char *where)
{
    cr_assert(a->on == b->on && a->strict == b->strict && a->big_on == b->big_on, "%s: bound differs", where);
    same_num(a->on, a->v, b->v, "bound", where);
}

static void same_line(const mb_verdict *a, const mb_verdict *b, const char *where)
{
    cr_assert_eq(a->status, b->status, "%s: %s in full, %s for lines", where, mb_status_name(a->status),
                 mb_status_name(b->status));
    cr_assert_str_eq(a->detail, b->detail, "%s", where);
    cr_assert(a->has_actual == b->has_actual && a->has_target == b->has_target && a->has_gap == b->has_gap, "%s", where);
    same_num(a->has_actual, a->actual, b->actual, "actual", where);
    same_num(a->has_target, a->target, b->target, "target", where);
    same_num(a->has_gap, a->gap, b->gap, "gap", where);
    if (a->has_actual)
        cr_assert(a->actual_year == b->actual_year && a->actual_sub == b->actual_sub, "%s: actual period", where);
    cr_assert(a->stretch == b->stretch && a->already == b->already && a->has_ratio == b->has_ratio, "%s", where);
    if (a->has_ratio) cr_assert(a->ratio == b->ratio, "%s: ratio", where);
    const mb_trace *s = &a->trace, *t = &b->trace;
    cr_assert(s->has_bounds == t->has_bounds && s->has_base == t->has_base, "%s: trace flags", where);
    if (s->has_bounds) { same_bound(&s->lo, &t->lo, where); same_bound(&s->hi, &t->hi, where); }
    same_num(s->has_base, s->base, t->base, "base", where);
    if (s->has_base) cr_assert_eq(s->base_year, t->base_year, "%s", where);
    cr_assert(s->base_source == t->base_source && s->ytd_sub == t->ytd_sub && s->latest_sub == t->latest_sub,
              "%s: trace head", where);
    /* what the CSV line prints from them */
    char ca[256], cb[256];
    mb_report_criterion(a, ca, sizeof ca, 0);
    mb_report_criterion(b, cb, sizeof cb, 0);
    cr_assert_str_eq(ca, cb, "%s: criterion", where);
    const char *pa = mb_report_comparison(a), *pb = mb_report_comparison(b);
    cr_assert(pa == pb || (pa && pb && !strcmp(pa, pb)), "%s: comparison", where);
    const char *ba = mb_report_base_source(a), *bb = mb_report_base_source(b);
    cr_assert(ba == bb || (ba && bb && !strcmp(ba, bb)), "%s: base source", where);
    /* and what it leaves out */
    cr_assert(b->trace.nvals == 0 && b->trace.dropped == 0 && !b->has_rel_gap, "%s: the trace's values were kept", where);
}

Test(lines_only, every_field_a_line_prints_as_the_full_evaluation)
{
    size_t total = 0, kept = 0;
    unsigned statuses = 0;
    for (size_t p = 0; p < sizeof PAIRS / sizeof *PAIRS; p++) {
        mb_model *m = load_rules(PAIRS[p].rules);
        mb_data *D = load_data(m, PAIRS[p].data);
        for (size_t k = 0; k < sizeof AS_OF / sizeof *AS_OF; k++) {
            mb_eval full, lines;
            mb_eval_init(&full, m, D, AS_OF[k]);
            mb_eval_init(&lines, m, D, AS_OF[k]);
            lines.lines_only = 1;
            for (size_t i = 0; i < m->nrules; i++)
                for (size_t region = 0; region < D->nregions; region++)
                    for (size_t g = 0; g < m->rules[i]->ngoals; g++) {
                        mb_verdict a, b;
                        /* b starts full of garbage: whatever the line reads must be set */
                        memset(&b, 0x5a, sizeof b);
                        mb_eval_verdict(&full, m->rules[i], g, region, &a);
                        mb_eval_verdict(&lines, m->rules[i], g, region, &b);
                        char where[256];
                        snprintf(where, sizeof where, "%s on %s as of %d, rule %s goal %zu region %zu",
                                 PAIRS[p].rules, PAIRS[p].data, AS_OF[k], m->rules[i]->id, g, region);
                        same_line(&a, &b, where);
                        statuses |= 1u << a.status;
                        kept += a.trace.nvals > 0;
                        total++;
                    }
        }
        mb_data_free(D);
        mb_model_free(m);
    }
    cr_assert_gt(total, 1000, "only %zu verdicts compared", total);
    cr_assert_gt(kept, total / 2, "the full evaluation kept trace values for only %zu of %zu", kept, total);
    cr_assert_eq(statuses, (1u << MB_ST_EVAL_COUNT) - 1, "not every status eval gives occurs (mask %#x)", statuses);
}
