/* test_eval_own_regions.c — a target for part of the plan's region (其中高新区…): its own
 * region list replaces the plan's, for the verdicts, the report walk and the data kept. */
#include <criterion/criterion.h>
#include <stdlib.h>
#include <string.h>

#include "report.h"
#include "test_eval_support.h"

static const char OWN[] =
    "plan p {\n  name \"某县计划\"\n  region \"某县\"\n  base 2024\n  deadline 2025\n}\n"
    "indicator hte \"高新技术企业数\" unit 家 higher;\n"
    "target ALL: hte >= 100 家 phrase \"全县高新技术企业达到100家\";\n"
    "target HZ: hte >= 60 家 region \"高新区\" phrase \"其中高新区60家\";\n"
    "target PK: hte >= 10 家 region \"甲园区\", \"乙园区\" phrase \"各园区分别10家以上\";\n";

#define HDR "region,indicator,period,value\n"
static const char ROWS[] = HDR "某县,hte,2025,110\n高新区,hte,2025,60\n甲园区,hte,2025,9\n丙园区,hte,2025,50\n";

Test(own_regions, the_target_lists_its_own_regions_instead_of_the_plans)
{
    mbt_run r;
    mbt_open(&r, OWN, ROWS, 0, 0);
    const mb_rule *hz = mbt_rule(r.m, "HZ"), *all = mbt_rule(r.m, "ALL");
    cr_assert_eq(hz->nregions, 1);
    cr_assert_str_eq(hz->regions[0].text, "高新区");
    size_t out[4];
    cr_assert_eq(mb_eval_regions(&r.e, hz, out, 4), 1);
    cr_assert_eq(out[0], (size_t)mb_data_region(r.D, "高新区"));
    cr_assert(mb_eval_applies(&r.e, hz, out[0]));
    cr_assert(!mb_eval_applies(&r.e, hz, (size_t)mb_data_region(r.D, "某县")));
    cr_assert(!mb_eval_applies(&r.e, all, out[0]));
    cr_assert(mb_eval_applies(&r.e, all, (size_t)mb_data_region(r.D, "某县")));
    /* 丙园区 is named by no plan and no target: its row is not kept */
    cr_assert_lt(mb_data_region(r.D, "丙园区"), 0);
    cr_assert_eq(r.D->count.unused_region, 1);
    cr_assert_eq(r.D->count.used, 3);
    mbt_close(&r);
}

Test(own_regions, met_boundary_missed_and_no_data)
{
    mbt_run r;
    mbt_open(&r, OWN, ROWS, 0, 0);
    mbt_expect(mbt_verdict(&r, "HZ", 0, "高新区"), MB_ST_MET, "60", 2025, "60", "0");
    mbt_expect(mbt_verdict(&r, "PK", 0, "甲园区"), MB_ST_MISSED, "9", 2025, "10", "-1");
    /* 乙园区 has no row, but the target names it: no data, not left out */
    mb_verdict v = mbt_verdict(&r, "PK", 0, "乙园区");
    mbt_expect(v, MB_ST_NO_DATA, NULL, 0, "10", NULL);
    mbt_expect_detail(v, "no value of 'hte' for 2025");
    mbt_close(&r);
}

typedef struct seen { char s[512]; } seen;

/* "rule@region " for each verdict of a walk, in walk order */
static const mb_data *WALK_D;
static void collect_region(void *ctx, const mb_verdict *v)
{
    seen *k = ctx;
    size_t n = strlen(k->s);
    snprintf(k->s + n, sizeof k->s - n, "%s@%s ", v->rule->id, WALK_D->region_names[v->region]);
}

Test(own_regions, the_walk_gives_each_target_only_its_regions_plan_regions_first)
{
    mbt_run r;
    mbt_open(&r, OWN, ROWS, 0, 0);
    WALK_D = r.D;
    mb_filter f = {0};
    seen k = {""};
    mb_tally t = mb_report_walk(&r.e, &f, collect_region, &k);
    cr_assert_str_eq(k.s, "ALL@某县 HZ@高新区 PK@甲园区 PK@乙园区 ");
    cr_assert_eq(t.verdicts, 4);
    /* --region selects among them */
    const char *only[] = {"乙园区"};
    f.regions = only;
    f.nregions = 1;
    k.s[0] = 0;
    t = mb_report_walk(&r.e, &f, collect_region, &k);
    cr_assert_str_eq(k.s, "PK@乙园区 ");
    mbt_close(&r);
}

Test(own_regions, a_plan_without_regions_still_reads_only_the_targets_own_for_them)
{
    static const char R[] =
        "plan q {\n  name \"无区域\"\n  base 2024\n  deadline 2025\n}\n"
        "indicator hte \"高新技术企业数\" unit 家 higher;\n"
        "target A: hte >= 1 家 phrase \"每区1家\";\n"
        "target B: hte >= 60 家 region \"高新区\" phrase \"其中高新区60家\";\n";
    mbt_run r;
    mbt_open(&r, R, ROWS, 0, 0);
    WALK_D = r.D;
    mb_filter f = {0};
    seen k = {""};
    mb_report_walk(&r.e, &f, collect_region, &k);
    /* A is for every region in the data, B only for 高新区 (named by a target: known before
     * the data is read, so first) */
    cr_assert_str_eq(k.s, "A@高新区 B@高新区 A@某县 A@甲园区 A@丙园区 ");
    mbt_close(&r);
}

/* A walk made once and walked in ranges (the CSV report's blocks): ranges of every size, and
 * ranges that begin and end inside a plan's units, give the whole walk in order. */
Test(own_regions, a_walk_in_ranges_of_any_size_is_the_whole_walk)
{
    static const char R[] =
        "indicator hte \"高新技术企业数\" unit 家 higher;\n"
        "plan p {\n  name \"某县计划\"\n  region \"某县\"\n  base 2024\n  deadline 2025\n}\n"
        "target HZ: hte >= 60 家 region \"高新区\", \"甲园区\" phrase \"其中高新区60家\";\n"
        "target ALL: hte >= 100 家 phrase \"全县高新技术企业达到100家\";\n"
        "plan q {\n  name \"无区域\"\n  base 2024\n  deadline 2025\n}\n"
        "target A: hte >= 1 家 phrase \"每区1家\";\n";
    mbt_run r;
    mbt_open(&r, R, ROWS, 0, 0);
    WALK_D = r.D;
    mb_filter f = {0};
    seen whole = {""};
    mb_tally t = mb_report_walk(&r.e, &f, collect_region, &whole);
    cr_assert_str_eq(whole.s, "ALL@某县 HZ@高新区 HZ@甲园区 A@某县 A@高新区 A@甲园区 A@丙园区 ");
    mb_walk *w = mb_walk_new(&r.e, &f);
    cr_assert_not_null(w);
    size_t units = mb_walk_units(w);
    cr_assert_eq(units, 7, "three of plan p's, four of plan q's");
    cr_assert_eq(units, mb_report_units(&r.e, &f));
    for (size_t size = 1; size <= units + 1; size++) {
        seen k = {""};
        size_t verdicts = 0;
        for (size_t lo = 0; lo < units; lo += size) verdicts += mb_walk_range(w, collect_region, &k, lo, lo + size).verdicts;
        cr_assert_str_eq(k.s, whole.s, "ranges of %zu units", size);
        cr_assert_eq(verdicts, t.verdicts);
    }
    seen none = {""};
    cr_assert_eq(mb_walk_range(w, collect_region, &none, units, units + 3).verdicts, 0, "past the last unit");
    mb_walk_free(w);
    mbt_close(&r);
}
