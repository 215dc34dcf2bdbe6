/* test_eval_subyear.c — quarters and months: the store keeps them only for the rules that
 * read them, a target due in a quarter is judged on the quarter's own value, and a yearly
 * target on a flow is judged before its year ends on the exact share of the year due. */
#include <criterion/criterion.h>
#include <stdlib.h>
#include <string.h>

#include "period.h"
#include "test_eval_support.h"

#define HDR "region,indicator,period,value\n"
#define PLAN "plan p {\n  name \"测试计划\"\n  region \"甲县\"\n  base 2024\n  deadline 2025\n}\n"

Test(subyear_store, yearly_rules_keep_no_quarter_slots)
{
    static const char yearly[] = PLAN "indicator g \"产值\" unit 亿元 higher;\n"
                                      "target Y: g >= 420 by 2025 phrase \"420亿元\";\n";
    static const char flow[] = PLAN "indicator g \"产值\" unit 亿元 higher flow;\n"
                                    "target Y: g >= 420 by 2025 phrase \"420亿元\";\n";
    mb_model *a = mbt_model(yearly, NULL), *b = mbt_model(flow, NULL);
    mb_data *Da = mb_data_new(a), *Db = mb_data_new(b);
    /* the yearly rule reads 2024 (its base) and 2025: two slots, and no quarter or month */
    cr_assert_eq(Da->nslots, 2);
    cr_assert_eq(Da->sub_nyears[0], 0);
    /* a flow's yearly target reads the deadline year's 16 quarters and months too */
    cr_assert_eq(Db->nslots, 2 + MB_SUB_COUNT - 1);
    cr_assert_eq(Db->sub_first[0], 2025);
    mb_data_free(Da);
    mb_data_free(Db);
    mb_model_free(a);
    mb_model_free(b);
}

Test(subyear_store, quarterly_rows_of_a_yearly_indicator_are_counted_unread)
{
    static const char rules[] = PLAN "indicator g \"产值\" unit 亿元 higher;\n"
                                     "target Y: g >= 420 by 2025 phrase \"420亿元\";\n";
    mbt_run r;
    mbt_open(&r, rules, HDR "甲县,g,2025Q1,101\n甲县,g,2025-02,30\n甲县,g,2025,430\n", 0, 0);
    mbt_assert_counts(r.D, 1, 0, 2, 0, 0);
    mb_verdict v = mbt_verdict(&r, "Y", 0, "甲县");
    cr_assert_eq(v.status, MB_ST_MET);
    mbt_close(&r);
}

static const char FLOW[] = PLAN "indicator g \"产值\" unit 亿元 higher flow;\n"
                                "indicator e \"能耗\" unit 万吨 lower flow;\n"
                                "target Q: g >= 100 by 2025Q1 phrase \"一季度100亿元\";\n"
                                "target Y: g >= 420 by 2025 phrase \"全年420亿元\";\n"
                                "target E: e <= 100 by 2025 phrase \"能耗100万吨以内\";\n";

static mb_verdict flow_verdict(const char *rows, int as_of, const char *rule)
{
    return mbt_clean_verdict(FLOW, rows, as_of, rule, 0, "甲县");
}

Test(subyear_eval, a_quarter_is_judged_on_its_own_value_at_the_boundary)
{
    mb_verdict v = flow_verdict("甲县,g,2025Q1,100\n甲县,g,2025,50\n", 0, "Q");
    cr_assert_eq(v.status, MB_ST_MET, "%s", v.detail);
    cr_assert_eq(v.sub, mb_sub_of_quarter(1));
    cr_assert_eq(v.actual_sub, mb_sub_of_quarter(1));
    mbt_assert_num(v.actual, "100");
    v = flow_verdict("甲县,g,2025Q1,99.999\n", 0, "Q");
    cr_assert_eq(v.status, MB_ST_MISSED, "%s", v.detail);
    /* the months of the quarter are not the quarter */
    v = flow_verdict("甲县,g,2025-01,40\n甲县,g,2025-02,40\n甲县,g,2025-03,40\n", 0, "Q");
    cr_assert_eq(v.status, MB_ST_NO_DATA, "%s", v.detail);
}

Test(subyear_eval, a_quarter_after_the_as_of_is_not_read)
{
    mb_verdict v = flow_verdict("甲县,g,2025Q1,120\n甲县,g,2024Q4,10\n", 202412, "Q");
    cr_assert_eq(v.status, MB_ST_NO_DATA, "%s", v.detail);
    cr_assert_str_eq(v.detail, "deadline 2025Q1 not reached");
}

Test(subyear_eval, year_to_date_is_compared_with_the_exact_share_due)
{
    /* 420 × 6/12 = 210 exactly: 210 is within, 209.99 is 99% of it */
    mb_verdict v = flow_verdict("甲县,g,2025Q1,100\n甲县,g,2025Q2,110\n", 0, "Y");
    cr_assert_eq(v.status, MB_ST_ON_TRACK, "%s", v.detail);
    mbt_assert_num(v.actual, "210");
    mbt_assert_num(v.target, "210");
    cr_assert_eq(v.trace.ytd_sub, mb_sub_of_quarter(2));
    v = flow_verdict("甲县,g,2025Q1,100\n甲县,g,2025Q2,50\n", 0, "Y");
    cr_assert_eq(v.status, MB_ST_NEEDS_ACCELERATION, "%s", v.detail); /* 150/210 = 71% */
    /* months when the quarters are not all there: 5 months due, 420 × 5/12 = 175 */
    v = flow_verdict("甲县,g,2025Q1,100\n甲县,g,2025-01,35\n甲县,g,2025-02,35\n甲县,g,2025-03,35\n"
                     "甲县,g,2025-04,35\n甲县,g,2025-05,35\n", 0, "Y");
    cr_assert_eq(v.status, MB_ST_ON_TRACK, "%s", v.detail);
    cr_assert_eq(v.trace.ytd_sub, 5);
    mbt_assert_num(v.target, "175");
}

Test(subyear_eval, a_cap_exceeded_so_far_is_off_track_not_missed)
{
    mb_verdict v = flow_verdict("甲县,e,2025Q1,30\n甲县,e,2025Q2,21\n甲县,g,2025Q2,1\n", 0, "E");
    cr_assert_eq(v.status, MB_ST_NEEDS_ACCELERATION, "%s", v.detail);
    v = flow_verdict("甲县,e,2025Q1,25\n甲县,e,2025Q2,25\n", 0, "E");
    cr_assert_eq(v.status, MB_ST_ON_TRACK, "%s", v.detail);
}

Test(subyear_eval, a_missing_quarter_falls_back_to_whole_years)
{
    mb_verdict v = flow_verdict("甲县,g,2025Q2,300\n", 0, "Y");
    cr_assert_eq(v.trace.ytd_sub, 0);
    cr_assert_eq(v.status, MB_ST_NO_DATA, "%s", v.detail);
}
