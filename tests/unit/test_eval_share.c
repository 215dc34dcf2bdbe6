/* test_eval_share.c — a share of another region's value (占全省的1/3以上) and exact fraction
 * literals: 1/3 is the fraction, never 0.333…, in the criterion, the verdict and its trace. */
#include <criterion/criterion.h>
#include <stdlib.h>
#include <string.h>

#include "test_eval_support.h"

static const char SHARE[] =
    "plan p {\n  name \"测试计划\"\n  region \"甲市\"\n  base 2016\n  deadline 2020\n}\n"
    "indicator out \"高新技术产业产值\" unit 亿元 higher;\n"
    "target S: out >= 1/3 × region \"江苏省\" by 2018 phrase \"占全省的1/3以上\";\n"
    "target G: out > 1/3 * region \"江苏省\" by 2018 phrase \"超过全省的三分之一\";\n"
    "target L: out <= 2/5 × region \"江苏省\" by 2020 phrase \"不超过全省的五分之二\";\n"
    "target F: out >= 1/3 by 2018 phrase \"1/3\";\n";

static mb_verdict share(const char *rows, int as_of, const char *rule)
{
    return mbt_clean_verdict(SHARE, rows, as_of, rule, 0, "甲市");
}

Test(share_region, resolves_to_the_exact_fraction_of_the_reference)
{
    mb_model *m = mbt_model(SHARE, NULL);
    const mb_rule *r = mbt_rule(m, "S");
    cr_assert_eq(r->form, MB_FORM_SHARE_REGION);
    cr_assert_str_eq(mb_form_name(r->form, r->ngoals), "share_of_region");
    const mb_crit *c = &r->crit[0];
    cr_assert_eq(c->kind, MB_CRIT_REGION);
    cr_assert_eq(c->scale, MB_SCALE_BASE);
    cr_assert(c->lo.on && !c->lo.strict && !c->hi.on);
    mbt_assert_num(c->lo.v, "1/3");
    cr_assert_str_eq(c->region, "江苏省");
    cr_assert_str_eq(r->goals[0].text, "1/3");
    mbt_assert_num(mbt_rule(m, "F")->goals[0].value, "1/3");
    mb_model_free(m);
}

Test(share_region, met)
{
    mb_verdict v = share("甲市,out,2018,120\n江苏省,out,2018,300\n", 0, "S");
    mbt_expect(v, MB_ST_MET, "120", 2018, "100", "20");
    mbt_expect_detail(v, "compared with 江苏省");
}

Test(share_region, missed)
{
    mb_verdict v = share("甲市,out,2018,99.9\n江苏省,out,2018,300\n", 0, "S");
    mbt_expect(v, MB_ST_MISSED, "99.9", 2018, "100", "-0.1");
}

Test(share_region, boundary_is_exact_not_rounded)
{
    /* 1/3 of 100 is 33.33…: 33.3333333333 is below it, which a rounded 0.3333 would pass */
    mb_verdict v = share("甲市,out,2018,33.3333333333\n江苏省,out,2018,100\n", 0, "S");
    mbt_expect(v, MB_ST_MISSED, "33.3333333333", 2018, "100/3", "-1/30000000000");
    /* exactly a third is met by >= and missed by > */
    mbt_expect(share("甲市,out,2018,100\n江苏省,out,2018,300\n", 0, "S"), MB_ST_MET, "100", 2018, "100", "0");
    mbt_expect(share("甲市,out,2018,100\n江苏省,out,2018,300\n", 0, "G"), MB_ST_MISSED, "100", 2018, "100", "0");
}

Test(share_region, at_most_a_share)
{
    mbt_expect(share("甲市,out,2020,40\n江苏省,out,2020,100\n", 0, "L"), MB_ST_MET, "40", 2020, "40", "0");
    mbt_expect(share("甲市,out,2020,40.01\n江苏省,out,2020,100\n", 0, "L"), MB_ST_MISSED, "40.01", 2020, "40", "0.01");
}

Test(share_region, no_data)
{
    mb_verdict v = share("甲市,out,2018,120\n江苏省,out,2017,300\n", 0, "S");
    mbt_expect(v, MB_ST_NO_DATA, NULL, 0, NULL, NULL);
    mbt_expect_detail(v, "no value of 'out' for 2018 for 江苏省");
}

Test(share_region, progress_before_the_deadline)
{
    /* as of 2018, the 2020 target compares the latest year both have */
    mb_verdict v = share("甲市,out,2018,41\n江苏省,out,2018,100\n", 0, "L");
    mbt_expect(v, MB_ST_NEEDS_ACCELERATION, "41", 2018, "40", "1");
    mbt_expect_detail(v, "compared with 江苏省 in 2018");
    v = share("甲市,out,2018,39\n江苏省,out,2018,100\n", 0, "L");
    mbt_expect(v, MB_ST_ON_TRACK, "39", 2018, "40", "-1");
}

Test(share_region, the_trace_holds_both_values_and_the_scaled_bound)
{
    mb_verdict v = share("甲市,out,2018,120\n江苏省,out,2018,300\n", 0, "S");
    cr_assert_eq(v.trace.nvals, 2);
    cr_assert_eq(v.trace.val[0].role, MB_TV_VALUE);
    cr_assert_eq(v.trace.val[1].role, MB_TV_REF);
    mbt_assert_num(v.trace.val[1].v, "300");
    cr_assert(v.trace.has_bounds);
    mbt_assert_num(v.trace.lo.v, "100");
}

Test(fraction, a_plain_target_keeps_the_fraction)
{
    mbt_expect(share("甲市,out,2018,0.3333333333\n", 0, "F"), MB_ST_MISSED, "0.3333333333", 2018, "1/3",
               "-1/30000000000");
    mbt_expect(share("甲市,out,2018,0.34\n", 0, "F"), MB_ST_MET, "0.34", 2018, "1/3", "1/150");
}
