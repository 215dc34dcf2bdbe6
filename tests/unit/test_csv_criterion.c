/* test_csv_criterion.c — the CSV report keeps the words around a bound's target once per rule
 * (mb_report_criterion_around) and prints the criterion as those words and the target's
 * text; a criterion that reads nothing of a verdict but its rule and deadline
 * (mb_report_criterion_fixed) it words once per rule. For every verdict of every rule file with data in tests/data, at as-ofs before, inside
 * and after the deadlines: wherever the words are given, they and the target make exactly
 * the criterion every report prints, and they are the same for every verdict of the rule
 * and deadline; and every verdict whose criterion is called fixed has the same criterion as
 * the others of its deadline. */
#include "report.h"
#include "test_eval_files.h"

typedef struct kept {
    int set, fixed_set;
    char before[256], after[256], fixed[256];
} kept;

Test(csv_criterion, words_around_the_target_make_the_criterion)
{
    size_t total = 0, around = 0, fixed = 0;
    unsigned kinds = 0;
    for (size_t p = 0; p < MBT_NPAIRS; p++) {
        mb_model *m = mbt_file_rules(MBT_PAIRS[p].rules);
        mb_data *D = mbt_file_data(m, MBT_PAIRS[p].data);
        size_t ngoals = 0;
        for (size_t i = 0; i < m->nrules; i++) ngoals += m->rules[i]->ngoals;
        kept *k = calloc(ngoals + 1, sizeof *k);
        cr_assert_not_null(k);
        for (size_t a = 0; a < MBT_NAS_OF; a++) {
            mb_eval lines;
            mb_eval_init(&lines, m, D, MBT_AS_OF[a]);
            lines.lines_only = 1;
            for (size_t i = 0, slot = 0; i < m->nrules; slot += m->rules[i]->ngoals, i++)
                for (size_t g = 0; g < m->rules[i]->ngoals; g++)
                    for (size_t region = 0; region < D->nregions; region++) {
                        mb_verdict v;
                        mb_eval_verdict(&lines, m->rules[i], g, region, &v);
                        char crit[256], before[256], after[256], num[MB_NUM_BUF], joined[1024];
                        mb_report_criterion(&v, crit, sizeof crit, 0);
                        total++;
                        kept *w = &k[slot + g];
                        if (mb_report_criterion_fixed(&v)) { /* the same words for every region */
                            if (!w->fixed_set) w->fixed_set = 1, strcpy(w->fixed, crit);
                            cr_assert_str_eq(crit, w->fixed, "%s on %s as of %d, rule %s region %zu: not fixed",
                                             MBT_PAIRS[p].rules, MBT_PAIRS[p].data, MBT_AS_OF[a], m->rules[i]->id, region);
                            fixed++;
                        }
                        if (!mb_report_criterion_around(&v, before, after, sizeof before)) continue;
                        cr_assert(v.has_target, "%s: words around a target that is not there", m->rules[i]->id);
                        mb_num_format(v.target, 4, num, NULL);
                        snprintf(joined, sizeof joined, "%s%s%s", before, num, after);
                        cr_assert_str_eq(joined, crit, "%s on %s as of %d, rule %s region %zu", MBT_PAIRS[p].rules,
                                         MBT_PAIRS[p].data, MBT_AS_OF[a], m->rules[i]->id, region);
                        if (!w->set) {
                            w->set = 1;
                            strcpy(w->before, before);
                            strcpy(w->after, after);
                        }
                        cr_assert(!strcmp(w->before, before) && !strcmp(w->after, after),
                                  "%s: the words differ between verdicts of one deadline", m->rules[i]->id);
                        kinds |= 1u << m->rules[i]->crit[g].kind;
                        around++;
                    }
        }
        free(k);
        mb_data_free(D);
        mb_model_free(m);
    }
    cr_assert_gt(total, 1000, "only %zu verdicts", total);
    cr_assert_gt(around, total / 10, "words around the target for only %zu of %zu verdicts", around, total);
    cr_assert_gt(fixed, total / 10, "a fixed criterion for only %zu of %zu verdicts", fixed, total);
    /* a value, a yearly bound, a total and another region's value each have words of their own */
    unsigned want = 1u << MB_CRIT_VALUE | 1u << MB_CRIT_EACH | 1u << MB_CRIT_SUM | 1u << MB_CRIT_REGION;
    cr_assert_eq(kinds & want, want, "kinds of criterion with words around the target: %#x", kinds);
}
