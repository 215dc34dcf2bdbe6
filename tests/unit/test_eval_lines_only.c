/* test_eval_lines_only.c — an evaluation for report lines (mb_eval.lines_only, what the CSV
 * report uses) gives every verdict every field a line prints exactly as the full evaluation
 * gives it — status, detail, actual and its period, target, gap, the criterion as worded
 * (with the bounds and year to date it reads), the comparison and the base's source — for
 * every rule file with data in tests/data, at as-ofs before, inside and after the deadlines
 * (progress classes, quarters and months, year to date), and leaves out what no line prints:
 * the trace's values and the relative gap. */
#include "report.h"
#include "test_eval_files.h"

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
    for (size_t p = 0; p < MBT_NPAIRS; p++) {
        mb_model *m = mbt_file_rules(MBT_PAIRS[p].rules);
        mb_data *D = mbt_file_data(m, MBT_PAIRS[p].data);
        for (size_t k = 0; k < MBT_NAS_OF; k++) {
            mb_eval full, lines;
            mb_eval_init(&full, m, D, MBT_AS_OF[k]);
            mb_eval_init(&lines, m, D, MBT_AS_OF[k]);
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
                                 MBT_PAIRS[p].rules, MBT_PAIRS[p].data, MBT_AS_OF[k], m->rules[i]->id, g, region);
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
