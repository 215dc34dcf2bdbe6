/* test_eval_status_only.c — a status-only evaluation (mb_eval.status_only, what the per-rule
 * summary uses) gives every verdict the status the full evaluation gives, for every rule
 * file with data in tests/data, at as-ofs before, inside and after the deadlines (progress
 * classes, quarters and months, year to date), and leaves the detail and trace empty. */
#include "test_eval_files.h"

/* Every verdict of m on D as of `key`, both ways; returns how many were compared. */
static size_t compare_all(const mb_model *m, const mb_data *D, int key, const char *what)
{
    mb_eval full, quick;
    mb_eval_init(&full, m, D, key);
    mb_eval_init(&quick, m, D, key);
    quick.status_only = 1;
    size_t n = 0;
    for (size_t i = 0; i < m->nrules; i++)
        for (size_t region = 0; region < D->nregions; region++)
            for (size_t g = 0; g < m->rules[i]->ngoals; g++) {
                mb_verdict a, b;
                mb_eval_verdict(&full, m->rules[i], g, region, &a);
                mb_eval_verdict(&quick, m->rules[i], g, region, &b);
                cr_assert_eq(a.status, b.status, "%s as of %d, rule %s goal %zu region %zu: %s in full, %s status-only",
                             what, key, m->rules[i]->id, g, region, mb_status_name(a.status), mb_status_name(b.status));
                cr_assert_str_eq(b.detail, "");
                cr_assert_eq(b.trace.nvals, 0);
                n++;
            }
    return n;
}

Test(status_only, same_status_as_the_full_evaluation)
{
    size_t total = 0, statuses = 0;
    for (size_t p = 0; p < MBT_NPAIRS; p++) {
        mb_model *m = mbt_file_rules(MBT_PAIRS[p].rules);
        mb_data *D = mbt_file_data(m, MBT_PAIRS[p].data);
        for (size_t k = 0; k < MBT_NAS_OF; k++) {
            /* which statuses were seen: the files must reach well beyond met and missed */
            mb_eval e;
            mb_eval_init(&e, m, D, MBT_AS_OF[k]);
            for (size_t i = 0; i < m->nrules; i++)
                for (size_t region = 0; region < D->nregions; region++)
                    for (size_t g = 0; g < m->rules[i]->ngoals; g++) {
                        mb_verdict v;
                        mb_eval_verdict(&e, m->rules[i], g, region, &v);
                        statuses |= 1u << v.status;
                    }
            total += compare_all(m, D, MBT_AS_OF[k], MBT_PAIRS[p].data);
        }
        mb_data_free(D);
        mb_model_free(m);
    }
    cr_assert_gt(total, 1000, "only %zu verdicts compared", total);
    cr_assert_eq(statuses, (1u << MB_ST_EVAL_COUNT) - 1, "not every status eval gives occurs (mask %#zx)", statuses);
}
