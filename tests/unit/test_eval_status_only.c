/* test_eval_status_only.c — a status-only evaluation (mb_eval.status_only, what the per-rule
 * summary uses) gives every verdict the status the full evaluation gives, for every rule
 * file with data in tests/data, at as-ofs before, inside and after the deadlines (progress
 * classes, quarters and months, year to date), and leaves the detail and trace empty. */
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
    for (size_t p = 0; p < sizeof PAIRS / sizeof *PAIRS; p++) {
        mb_model *m = load_rules(PAIRS[p].rules);
        mb_data *D = load_data(m, PAIRS[p].data);
        for (size_t k = 0; k < sizeof AS_OF / sizeof *AS_OF; k++) {
            /* which statuses were seen: the files must reach well beyond met and missed */
            mb_eval e;
            mb_eval_init(&e, m, D, AS_OF[k]);
            for (size_t i = 0; i < m->nrules; i++)
                for (size_t region = 0; region < D->nregions; region++)
                    for (size_t g = 0; g < m->rules[i]->ngoals; g++) {
                        mb_verdict v;
                        mb_eval_verdict(&e, m->rules[i], g, region, &v);
                        statuses |= 1u << v.status;
                    }
            total += compare_all(m, D, AS_OF[k], PAIRS[p].data);
        }
        mb_data_free(D);
        mb_model_free(m);
    }
    cr_assert_gt(total, 1000, "only %zu verdicts compared", total);
    cr_assert_eq(statuses, (1u << MB_ST_EVAL_COUNT) - 1, "not every status eval gives occurs (mask %#zx)", statuses);
}
