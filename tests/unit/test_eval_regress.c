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

/* A value that fails a data check (integer, >= 0, between) was submitted but cannot be used:
 * the verdict is an error that says it was rejected, not "no value". */
Test(eval_regress, failed_data_check_is_an_error_not_no_data)
{
    mbt_run r;
    mbt_open(&r, "indicator n \"n\" unit 家 higher;\nindicator s \"s\" unit % higher;\n"
                 "check whole: n integer;\ncheck nonneg: n >= 0;\ncheck share: s between 0 and 100;\n"
                 "target A: n >= 10 by 2018 phrase \"p\";\ntarget B: s >= 50% by 2018 phrase \"p\";\n",
             "region,indicator,period,value\n甲,n,2018,12.5\n乙,n,2018,-3\n甲,s,2018,120\n丙,n,2018,20\n丙,n,2018,20.5\n", 0, 0);
    mb_verdict v = mbt_verdict(&r, "A", 0, "甲");
    mbt_expect(v, MB_ST_ERROR, NULL, 0, "10", NULL);
    mbt_expect_detail(v, "the 2018 value of 'n' was rejected (see the submission errors)");
    mbt_expect(mbt_verdict(&r, "A", 0, "乙"), MB_ST_ERROR, NULL, 0, "10", NULL);
    mbt_expect(mbt_verdict(&r, "B", 0, "甲"), MB_ST_ERROR, NULL, 0, "50", NULL);
    /* an accepted row followed by one that fails a check: the accepted value stays */
    mbt_expect(mbt_verdict(&r, "A", 0, "丙"), MB_ST_MET, "20", 2018, "10", "10");
    mbt_assert_counts(r.D, 1, 0, 0, 0, 4);
    mbt_close(&r);
}

/* Growth, cut and multiple-of-base targets are relative to the base value: from a negative or
 * zero base they cannot tell better from worse ("(1 + 50%) × (−10) = −15" would pass a loss
 * that grew from 10 to 15; "年均增长15%" from 0 would pass with no growth at all). Such a
 * verdict is not assessable and says why; before the deadline too. */
Test(eval_regress, non_positive_base_is_not_assessable)
{
    mbt_run r;
    mbt_open(&r, "indicator p \"profit\" unit 亿元 higher;\nindicator d \"deficit\" unit 亿元 lower;\n"
                 "target G: p grow 50% from 2016 by 2020 phrase \"p\";\n"
                 "target M: p >= 3 × base 2016 by 2020 phrase \"p\";\n"
                 "target A: p annual growth >= 15% from 2016 by 2020 phrase \"p\";\n"
                 "target C: d cut 20% from 2016 by 2020 phrase \"p\";\n"
                 "target E: p grow 50% from 2016 by 2022 phrase \"p\";\n",
             "region,indicator,period,value\n甲,p,2016,-10\n甲,p,2020,-15\n乙,p,2016,0\n乙,p,2020,0\n"
             "甲,d,2016,-10\n甲,d,2020,-9\n丙,p,2016,10\n丙,p,2020,15\n", 0, 0);
    const char *rules[] = {"G", "M", "A"};
    for (int i = 0; i < 3; i++) {
        mb_verdict v = mbt_verdict(&r, rules[i], 0, "甲");
        cr_assert_eq(v.status, MB_ST_NOT_ASSESSABLE, "%s: %s (%s)", rules[i], mb_status_name(v.status), v.detail);
        mbt_expect_detail(v, "the base value -10 (2016) is not positive: a growth, cut or multiple of it cannot tell better from worse");
        v = mbt_verdict(&r, rules[i], 0, "乙");
        cr_assert_eq(v.status, MB_ST_NOT_ASSESSABLE, "%s: %s (%s)", rules[i], mb_status_name(v.status), v.detail);
        mbt_expect_detail_has(v, "the base value 0 (2016) is not positive");
    }
    mb_verdict v = mbt_verdict(&r, "C", 0, "甲");
    cr_assert_eq(v.status, MB_ST_NOT_ASSESSABLE, "C: %s (%s)", mb_status_name(v.status), v.detail);
    v = mbt_verdict(&r, "E", 0, "甲"); /* before the deadline */
    cr_assert_eq(v.status, MB_ST_NOT_ASSESSABLE, "E: %s (%s)", mb_status_name(v.status), v.detail);
    /* a positive base is judged as before */
    mbt_expect(mbt_verdict(&r, "G", 0, "丙"), MB_ST_MET, "15", 2020, "15", "0");
    mbt_close(&r);
}
