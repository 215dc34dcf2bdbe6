/* test_eval_regress.c — verdicts that once came out wrong, each pinned with the case that
 * showed it. */
#include "test_eval_support.h"

#define PLAN "plan p { name \"p\" region \"南通市\" base 2016 deadline 2022 }\n"

/* Met at the base year, not met now: moving away from the target is regressing, whatever
 * the ratio of the two growth rates says. */
Test(eval_regress, base_met_now_not_is_regressing)
{
    mbt_run r;
    mbt_open(&r, PLAN "indicator x \"x\" unit 家 higher;\nindicator y \"y\" unit 家 lower;\n"
                      "target T1: x >= 100 by 2022 phrase \"p\";\ntarget T2: y <= 100 by 2022 phrase \"p\";\n",
             "region,indicator,period,value\n南通市,x,2016,120\n南通市,x,2020,90\n"
             "南通市,y,2016,80\n南通市,y,2020,110\n", 0, 0);
    mbt_expect(mbt_verdict(&r, "T1", 0, "南通市"), MB_ST_REGRESSING, "90", 2020, "100", "-10");
    mbt_expect(mbt_verdict(&r, "T2", 0, "南通市"), MB_ST_REGRESSING, "110", 2020, "100", "10");
    mbt_close(&r);
}

/* The reference region of an "above region" target is not judged against itself. */
Test(eval_regress, reference_region_not_compared_with_itself)
{
    mbt_run r;
    mbt_open(&r, "indicator a \"a\" unit % higher;\ntarget Q3: a > region \"江苏省\" by 2020 phrase \"p\";\n",
             "region,indicator,period,value\n江苏省,a,2020,50\n南通市,a,2020,51\n", 0, 0);
    mb_verdict v = mbt_verdict(&r, "Q3", 0, "江苏省");
    cr_assert_eq(v.status, MB_ST_NOT_ASSESSABLE, "status %s", mb_status_name(v.status));
    mbt_expect(mbt_verdict(&r, "Q3", 0, "南通市"), MB_ST_MET, "51", 2020, "50", "1");
    mbt_close(&r);
}

/* A cap on a total already exceeded before the deadline is missed: totals add up flows. */
Test(eval_regress, cumulative_cap_exceeded_early_is_missed)
{
    mbt_run r;
    mbt_open(&r, PLAN "indicator a \"a\" unit 家 lower;\ntarget C: a <= 100 total 2018..2022 phrase \"p\";\n",
             "region,indicator,period,value\n南通市,a,2018,80\n南通市,a,2019,70\n南通市,a,2020,120\n", 0, 0);
    mbt_expect(mbt_verdict(&r, "C", 0, "南通市"), MB_ST_MISSED, "270", 2020, "100", "170");
    mbt_close(&r);
}

/* A value above an interval is measured from its upper end. */
Test(eval_regress, interval_gap_from_upper_end)
{
    mbt_run r;
    mbt_open(&r, "indicator n \"n\" unit 家 higher;\ntarget I: n between 1 and 2 by 2018 phrase \"p\";\n",
             "region,indicator,period,value\nA,n,2018,3\nB,n,2018,0\n", 0, 0);
    mbt_expect(mbt_verdict(&r, "I", 0, "A"), MB_ST_MISSED, "3", 2018, "2", "1");
    mbt_expect(mbt_verdict(&r, "I", 0, "B"), MB_ST_MISSED, "0", 2018, "1", "-1");
    mbt_close(&r);
}
