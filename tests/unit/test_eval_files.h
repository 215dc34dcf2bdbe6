/* test_eval_files.h — every rule file with data in tests/data, and as-ofs before, inside and
 * after their deadlines (progress classes, quarters and months, year to date) at which every
 * status occurs: the inputs on which a reduced evaluation (status only, lines only) is
 * compared with the full one. Header-only, like test_eval_support.h. */
#ifndef MB_TEST_EVAL_FILES_H
#define MB_TEST_EVAL_FILES_H

#include "test_eval_support.h"

typedef struct mbt_pair {
    const char *rules, *data;
} mbt_pair;

static const mbt_pair MBT_PAIRS[] = {
    {"attributes.mb", "attributes.csv"},       {"derived_units.mb", "derived_units.csv"},
    {"eval_forms.mb", "eval_forms.csv"},       {"eval_forms.mb", "eval_forms_bad.csv"},
    {"eval_forms.mb", "eval_forms_stray_2099.csv"}, {"growth_large.mb", "growth_large.csv"},
    {"own_regions.mb", "own_regions.csv"},     {"points.mb", "points.csv"},
    {"printed.mb", "printed.csv"},             {"ruletest.mb", "ruletest.csv"},
    {"share_region.mb", "share_region.csv"},   {"subyear.mb", "subyear.csv"},
    {"yoy.mb", "yoy.csv"},                     {"yoy_no_base.mb", "yoy_no_base.csv"},
};
#define MBT_NPAIRS (sizeof MBT_PAIRS / sizeof *MBT_PAIRS)

static const int MBT_AS_OF[] = {0, 201312, 201512, 201706, 201803, 201812, 201909, 202002, 202012, 202212, 202506};
#define MBT_NAS_OF (sizeof MBT_AS_OF / sizeof *MBT_AS_OF)

/* The rules of tests/data/NAME, checked; a diagnostic fails the test. */
static inline mb_model *mbt_file_rules(const char *name)
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

/* The submission tests/data/NAME, read on one thread, every region held. */
static inline mb_data *mbt_file_data(const mb_model *m, const char *name)
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

#endif
