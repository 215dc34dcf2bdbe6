/* test_eval.c — verdicts: every target form × {met, missed, boundary, no data, progress class},
 * with the actual value, the target, the gap and the period pinned exactly. Each test builds
 * its model from rule text and its data from CSV text in memory. */
#include <criterion/criterion.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "test_eval_support.h"

/* The plan every rule text starts with: one region, base year 2016, last deadline 2020. */
#define PLAN(base)                                                                            \
    "plan p {\n  name \"测试计划\"\n  region \"甲市\"\n  base " base "\n  deadline 2020\n}\n"
/* The same with four regions, for tests that compare regions. */
#define PLAN4(base)                                                                           \
    "plan p {\n  name \"测试计划\"\n  region \"甲市\", \"乙市\", \"丙市\", \"丁市\"\n  base " base "\n  deadline 2020\n}\n"
#define HDR "region,indicator,period,value\n"

/* Run rules against the header and rows; the verdict of `rule` (milestone `goal`) for 甲市. The data
 * must read without a submission error or warning. */
static mb_verdict eval_as(const char *rules, const char *rows, int as_of, const char *rule, size_t goal)
{
    return mbt_clean_verdict(rules, rows, as_of, rule, goal, "甲市");
}

static mb_verdict eval1(const char *rules, const char *rows, const char *rule)
{
    return eval_as(rules, rows, 0, rule, 0);
}

/* ==== at least (>=) ====================================================================== */

static const char GE[] = PLAN("2016")
    "indicator rd \"研发投入占比\" unit % higher;\n"
    "target T: rd >= 2.74% by 2018 phrase \"达到2.74%\";\n";

Test(ge, met)
{
    mb_verdict v = eval1(GE, "甲市,rd,2018,2.75\n", "T");
    mbt_expect(v, MB_ST_MET, "2.75", 2018, "2.74", "0.01");
    mbt_expect_rel(v, "1/274");
    cr_assert_eq(v.year, 2018);
    cr_assert_eq(v.goal, 0);
    cr_assert(!v.has_ratio);
}

Test(ge, missed)
{
    mb_verdict v = eval1(GE, "甲市,rd,2018,2.73\n", "T");
    mbt_expect(v, MB_ST_MISSED, "2.73", 2018, "2.74", "-0.01");
    mbt_expect_rel(v, "-1/274");
}

Test(ge, boundary_equal_is_met)
{
    mb_verdict v = eval1(GE, "甲市,rd,2018,2.740\n", "T");
    mbt_expect(v, MB_ST_MET, "2.74", 2018, "2.74", "0");
    mbt_expect_rel(v, "0");
}

Test(ge, no_data_names_the_missing_value)
{
    /* 乙市's 2018 row makes 2018 complete, but 甲市 has no 2018 value. */
    mb_verdict v = eval1(GE, "甲市,rd,2016,2.5\n乙市,rd,2018,3\n", "T");
    mbt_expect(v, MB_ST_NO_DATA, NULL, 0, "2.74", NULL);
    mbt_expect_detail(v, "no value of 'rd' for 2018");
}

Test(ge, one_ten_thousandth_below_is_missed)
{
    mb_verdict v = eval1(GE, "甲市,rd,2018,2.7399\n", "T");
    mbt_expect(v, MB_ST_MISSED, "2.7399", 2018, "2.74", "-0.0001");
}

/* ==== strictly more (>) =================================================================== */

static const char GT[] = PLAN("2016")
    "indicator gaz \"瞪羚企业数\" unit 家 higher;\n"
    "target T: gaz > 12 家 by 2018 phrase \"突破12家\";\n";

Test(gt, met) { mbt_expect(eval1(GT, "甲市,gaz,2018,13\n", "T"), MB_ST_MET, "13", 2018, "12", "1"); }
Test(gt, boundary_equal_is_missed)
{
    mb_verdict v = eval1(GT, "甲市,gaz,2018,12\n", "T");
    mbt_expect(v, MB_ST_MISSED, "12", 2018, "12", "0");
    mbt_expect_rel(v, "0");
}
Test(gt, missed) { mbt_expect(eval1(GT, "甲市,gaz,2018,11\n", "T"), MB_ST_MISSED, "11", 2018, "12", "-1"); }
Test(gt, no_data)
{
    mb_verdict v = eval1(GT, "甲市,gaz,2017,11\n乙市,gaz,2018,11\n", "T");
    mbt_expect(v, MB_ST_NO_DATA, NULL, 0, "12", NULL);
    mbt_expect_detail(v, "no value of 'gaz' for 2018");
}

Test(gt, progress_equal_is_not_yet_reached)
{
    static const char R[] = PLAN("2016")
        "indicator gaz \"瞪羚企业数\" unit 家 higher;\n"
        "target T: gaz > 12 家 by 2020 phrase \"突破12家\";\n";
    /* 12 is not above 12: measured as growth, 6 → 12 in two years is far ahead of pace */
    mb_verdict v = eval1(R, "甲市,gaz,2016,6\n甲市,gaz,2018,12\n", "T");
    mbt_expect(v, MB_ST_ON_TRACK, "12", 2018, "12", "0");
    cr_assert_str_neq(v.detail, "target already reached in 2018");
    v = eval1(R, "甲市,gaz,2016,6\n甲市,gaz,2018,13\n", "T");
    mbt_expect(v, MB_ST_ON_TRACK, "13", 2018, "12", "1");
    mbt_expect_detail(v, "target already reached in 2018");
    v = eval1(R, "甲市,gaz,2016,6\n甲市,gaz,2018,5\n", "T");
    mbt_expect(v, MB_ST_REGRESSING, "5", 2018, "12", "-7");
}

/* ==== at most (<=), lower is better ========================================================== */

static const char LE[] = PLAN("2016")
    "indicator en \"单位GDP能耗\" unit 吨煤/万元 lower;\n"
    "target T: en <= 0.5 吨煤/万元 by 2018 phrase \"0.5吨煤/万元\";\n";

Test(le, met) { mbt_expect(eval1(LE, "甲市,en,2018,0.49\n", "T"), MB_ST_MET, "0.49", 2018, "0.5", "-0.01"); }
Test(le, boundary_equal_is_met) { mbt_expect(eval1(LE, "甲市,en,2018,0.50\n", "T"), MB_ST_MET, "0.5", 2018, "0.5", "0"); }
Test(le, missed)
{
    mb_verdict v = eval1(LE, "甲市,en,2018,0.51\n", "T");
    mbt_expect(v, MB_ST_MISSED, "0.51", 2018, "0.5", "0.01");
    mbt_expect_rel(v, "0.02");
}
Test(le, no_data)
{
    mb_verdict v = eval1(LE, "乙市,en,2018,0.4\n", "T");
    mbt_expect(v, MB_ST_NO_DATA, NULL, 0, "0.5", NULL);
    mbt_expect_detail(v, "no value of 'en' for 2018");
}

/* ==== strictly less (<) ======================================================================== */

static const char LT[] = PLAN("2016")
    "indicator coal \"煤炭消费占比\" unit % lower;\n"
    "target T: coal < 60% by 2018 phrase \"低于60%\";\n";

Test(lt, met) { mbt_expect(eval1(LT, "甲市,coal,2018,59.9\n", "T"), MB_ST_MET, "59.9", 2018, "60", "-0.1"); }
Test(lt, boundary_equal_is_missed) { mbt_expect(eval1(LT, "甲市,coal,2018,60\n", "T"), MB_ST_MISSED, "60", 2018, "60", "0"); }
Test(lt, missed) { mbt_expect(eval1(LT, "甲市,coal,2018,61\n", "T"), MB_ST_MISSED, "61", 2018, "60", "1"); }
Test(lt, no_data) { mbt_expect(eval1(LT, "乙市,coal,2018,1\n", "T"), MB_ST_NO_DATA, NULL, 0, "60", NULL); }

Test(lt, progress)
{
    static const char R[] = PLAN("2016")
        "indicator coal \"煤炭消费占比\" unit % lower;\n"
        "target T: coal < 60% by 2020 phrase \"低于60%\";\n";
    /* 70 → 60 by 2020 needs (6/7)^(1/4) − 1 ≈ −3.78% a year */
    mbt_expect(eval1(R, "甲市,coal,2016,70\n甲市,coal,2018,65\n", "T"), MB_ST_ON_TRACK, "65", 2018, "60", "5");
    mbt_expect(eval1(R, "甲市,coal,2016,70\n甲市,coal,2018,68\n", "T"), MB_ST_LIMITED_PROGRESS, "68", 2018, "60", "8");
    mbt_expect(eval1(R, "甲市,coal,2016,70\n甲市,coal,2018,71\n", "T"), MB_ST_REGRESSING, "71", 2018, "60", "11");
    mb_verdict v = eval1(R, "甲市,coal,2016,70\n甲市,coal,2018,59\n", "T");
    mbt_expect(v, MB_ST_ON_TRACK, "59", 2018, "60", "-1");
    mbt_expect_detail(v, "target already reached in 2018");
}

/* ==== exactly (=), with the target in 亿元 on a 万元 indicator ================================== */

static const char EQ[] = PLAN("2016")
    "indicator inc \"技术合同成交额\" unit 万元 higher;\n"
    "target T: inc = 28亿元 by 2018 phrase \"技术合同成交额28亿元\";\n";

Test(eq, met_after_exact_unit_conversion)
{
    mbt_expect(eval1(EQ, "甲市,inc,2018,280000\n", "T"), MB_ST_MET, "280000", 2018, "280000", "0");
}
Test(eq, above_is_missed)
{
    mbt_expect(eval1(EQ, "甲市,inc,2018,280000.01\n", "T"), MB_ST_MISSED, "280000.01", 2018, "280000", "0.01");
}
Test(eq, below_is_missed)
{
    mb_verdict v = eval1(EQ, "甲市,inc,2018,279999.99\n", "T");
    mbt_expect(v, MB_ST_MISSED, "279999.99", 2018, "280000", "-0.01");
    mbt_expect_rel(v, "-1/28000000");
}
Test(eq, no_data) { mbt_expect(eval1(EQ, "乙市,inc,2018,1\n", "T"), MB_ST_NO_DATA, NULL, 0, "280000", NULL); }

Test(eq, progress)
{
    static const char R[] = PLAN("2016")
        "indicator inc \"技术合同成交额\" unit 万元 higher;\n"
        "target T: inc = 28亿元 by 2020 phrase \"技术合同成交额28亿元\";\n";
    /* 140000 → 280000 by 2020 needs 2^(1/4) − 1 ≈ 18.9%; √(200000/140000) − 1 ≈ 19.5% */
    mbt_expect(eval1(R, "甲市,inc,2016,140000\n甲市,inc,2018,200000\n", "T"), MB_ST_ON_TRACK, "200000", 2018,
               "280000", "-80000");
    mbt_expect(eval1(R, "甲市,inc,2016,140000\n甲市,inc,2018,150000\n", "T"), MB_ST_LIMITED_PROGRESS, "150000", 2018,
               "280000", "-130000");
    mb_verdict v = eval1(R, "甲市,inc,2016,140000\n甲市,inc,2018,280000\n", "T");
    mbt_expect(v, MB_ST_ON_TRACK, "280000", 2018, "280000", "0");
    mbt_expect_detail(v, "target already reached in 2018");
}

/* ==== breakthrough from zero, full coverage, top-N rank ============================================ */

static const char SPECIAL[] = PLAN("2016")
    "indicator uni \"独角兽企业数\" unit 家 higher;\n"
    "indicator cov \"研发机构覆盖率\" unit % higher;\n"
    "indicator rank \"全省排名\" unit 1 lower;\n"
    "target U: uni >= 1 家 by 2018 phrase \"实现零突破\";\n"
    "target C: cov >= 100% by 2018 phrase \"全覆盖\";\n"
    "target R: rank <= 3 by 2018 phrase \"位列全省前三\";\n";

Test(special, breakthrough_from_zero)
{
    mbt_expect(eval1(SPECIAL, "甲市,uni,2018,1\n", "U"), MB_ST_MET, "1", 2018, "1", "0");
    mb_verdict v = eval1(SPECIAL, "甲市,uni,2018,0\n", "U");
    mbt_expect(v, MB_ST_MISSED, "0", 2018, "1", "-1");
    mbt_expect_rel(v, "-1");
}

Test(special, full_coverage)
{
    mbt_expect(eval1(SPECIAL, "甲市,cov,2018,100\n", "C"), MB_ST_MET, "100", 2018, "100", "0");
    mbt_expect(eval1(SPECIAL, "甲市,cov,2018,99.9\n", "C"), MB_ST_MISSED, "99.9", 2018, "100", "-0.1");
}

Test(special, top_three_rank)
{
    mbt_expect(eval1(SPECIAL, "甲市,rank,2018,3\n", "R"), MB_ST_MET, "3", 2018, "3", "0");
    mbt_expect(eval1(SPECIAL, "甲市,rank,2018,1\n", "R"), MB_ST_MET, "1", 2018, "3", "-2");
    mbt_expect(eval1(SPECIAL, "甲市,rank,2018,4\n", "R"), MB_ST_MISSED, "4", 2018, "3", "1");
}

/* ==== yearly milestones ================================================================== */

static const char MS[] = PLAN("2016")
    "indicator rd \"研发经费投入占GDP比重\" unit % higher;\n"
    "target T: rd >= 5.1% by 2018, 5.3% by 2019, 5.5% by 2020 phrase \"5.1%、5.3%、5.5%\";\n";

Test(milestones, each_year_its_own_verdict)
{
    const char *rows = "甲市,rd,2016,4.5\n甲市,rd,2018,5.1\n甲市,rd,2019,5.29\n甲市,rd,2020,5.6\n";
    mb_verdict v0 = eval_as(MS, rows, 0, "T", 0);
    mb_verdict v1 = eval_as(MS, rows, 0, "T", 1);
    mb_verdict v2 = eval_as(MS, rows, 0, "T", 2);
    cr_assert_eq(v0.year, 2018);
    cr_assert_eq(v1.year, 2019);
    cr_assert_eq(v2.year, 2020);
    mbt_expect(v0, MB_ST_MET, "5.1", 2018, "5.1", "0");
    mbt_expect(v1, MB_ST_MISSED, "5.29", 2019, "5.3", "-0.01");
    mbt_expect(v2, MB_ST_MET, "5.6", 2020, "5.5", "0.1");
}

Test(milestones, a_missing_year_is_no_data_for_that_milestone_only)
{
    const char *rows = "甲市,rd,2018,5.2\n甲市,rd,2020,5.5\n";
    mbt_expect(eval_as(MS, rows, 0, "T", 0), MB_ST_MET, "5.2", 2018, "5.1", "0.1");
    mb_verdict v1 = eval_as(MS, rows, 0, "T", 1);
    mbt_expect(v1, MB_ST_NO_DATA, NULL, 0, "5.3", NULL);
    mbt_expect_detail(v1, "no value of 'rd' for 2019");
    mbt_expect(eval_as(MS, rows, 0, "T", 2), MB_ST_MET, "5.5", 2020, "5.5", "0");
}

Test(milestones, later_milestones_get_a_progress_class)
{
    /* As of 2018: the 2018 milestone is judged; 2019 and 2020 are measured from 2016. */
    const char *rows = "甲市,rd,2016,4.5\n甲市,rd,2018,4.6\n";
    mbt_expect(eval_as(MS, rows, 0, "T", 0), MB_ST_MISSED, "4.6", 2018, "5.1", "-0.5");
    mb_verdict v1 = eval_as(MS, rows, 0, "T", 1);
    /* got (4.6/4.5)^(1/2)−1 ≈ 1.105%, needed (5.3/4.5)^(1/3)−1 ≈ 5.603%: R ≈ 0.197 */
    mbt_expect(v1, MB_ST_LIMITED_PROGRESS, "4.6", 2018, "5.3", "-0.7");
    cr_assert(v1.has_ratio);
    cr_assert_float_eq(v1.ratio, 0.1973, 0.001);
}

/* ==== about: within P% (relative) and ± D (absolute) ========================================== */
/* On an indicator with a direction, "about X" is reaching X within the tolerance: doing
 * better than X is met (and says it was exceeded), never missed. 'two-sided' bounds both
 * sides. */

static const char ABOUT_REL[] = PLAN("2016")
    "indicator hte \"高新技术企业数\" unit 家 higher;\n"
    "target T: hte about 1200 家 within 5% by 2018 phrase \"1200家左右\";\n";

Test(about_rel, centre_is_met) { mbt_expect(eval1(ABOUT_REL, "甲市,hte,2018,1200\n", "T"), MB_ST_MET, "1200", 2018, "1200", "0"); }
Test(about_rel, upper_edge_is_met_not_exceeded)
{
    mb_verdict v = eval1(ABOUT_REL, "甲市,hte,2018,1260\n", "T");
    mbt_expect(v, MB_ST_MET, "1260", 2018, "1200", "60");
    cr_assert(!v.stretch, "1260 is within the band, not beyond it");
}
Test(about_rel, lower_edge_is_met) { mbt_expect(eval1(ABOUT_REL, "甲市,hte,2018,1140\n", "T"), MB_ST_MET, "1140", 2018, "1200", "-60"); }
Test(about_rel, above_is_met_and_exceeded)
{
    /* 1300 家 against 1200家左右 on a higher-is-better indicator */
    mb_verdict v = eval1(ABOUT_REL, "甲市,hte,2018,1300\n", "T");
    mbt_expect(v, MB_ST_MET, "1300", 2018, "1200", "100");
    cr_assert(v.stretch, "exceeded");
    mbt_expect_detail_has(v, "exceeded");
    v = eval1(ABOUT_REL, "甲市,hte,2018,1260.01\n", "T");
    mbt_expect(v, MB_ST_MET, "1260.01", 2018, "1200", "60.01");
    mbt_expect_rel(v, "60.01/1200");
}
Test(about_rel, below_is_missed) { mbt_expect(eval1(ABOUT_REL, "甲市,hte,2018,1139\n", "T"), MB_ST_MISSED, "1139", 2018, "1200", "-61"); }
Test(about_rel, no_data) { mbt_expect(eval1(ABOUT_REL, "乙市,hte,2018,1200\n", "T"), MB_ST_NO_DATA, NULL, 0, "1200", NULL); }

/* Lower is better: the band's upper edge is the requirement, below it is exceeded. */
static const char ABOUT_LOW[] = PLAN("2016")
    "indicator en \"单位GDP能耗\" unit 吨 lower;\n"
    "target T: en about 0.5 吨 within 10% by 2018 phrase \"0.5吨左右\";\n";

Test(about_low, upper_edge_is_met) { mbt_expect(eval1(ABOUT_LOW, "甲市,en,2018,0.55\n", "T"), MB_ST_MET, "0.55", 2018, "0.5", "0.05"); }
Test(about_low, above_is_missed) { mbt_expect(eval1(ABOUT_LOW, "甲市,en,2018,0.5501\n", "T"), MB_ST_MISSED, "0.5501", 2018, "0.5", "0.0501"); }
Test(about_low, lower_edge_is_met_not_exceeded)
{
    mb_verdict v = eval1(ABOUT_LOW, "甲市,en,2018,0.45\n", "T");
    mbt_expect(v, MB_ST_MET, "0.45", 2018, "0.5", "-0.05");
    cr_assert(!v.stretch);
}
Test(about_low, below_is_met_and_exceeded)
{
    mb_verdict v = eval1(ABOUT_LOW, "甲市,en,2018,0.4499\n", "T");
    mbt_expect(v, MB_ST_MET, "0.4499", 2018, "0.5", "-0.0501");
    cr_assert(v.stretch);
}

/* two-sided: both edges included, beyond either is missed. */
static const char ABOUT_TWO[] = PLAN("2016")
    "indicator hte \"高新技术企业数\" unit 家 higher;\n"
    "target T: hte about 1200 家 within 5% two-sided by 2018 phrase \"1200家左右\";\n";

Test(about_two, edges_are_met)
{
    mbt_expect(eval1(ABOUT_TWO, "甲市,hte,2018,1260\n", "T"), MB_ST_MET, "1260", 2018, "1200", "60");
    mbt_expect(eval1(ABOUT_TWO, "甲市,hte,2018,1140\n", "T"), MB_ST_MET, "1140", 2018, "1200", "-60");
}
Test(about_two, beyond_either_edge_is_missed)
{
    mb_verdict v = eval1(ABOUT_TWO, "甲市,hte,2018,1260.01\n", "T");
    mbt_expect(v, MB_ST_MISSED, "1260.01", 2018, "1200", "60.01");
    cr_assert(!v.stretch);
    mbt_expect(eval1(ABOUT_TWO, "甲市,hte,2018,1139.99\n", "T"), MB_ST_MISSED, "1139.99", 2018, "1200", "-60.01");
}

static const char ABOUT_ABS[] = PLAN("2016")
    "indicator tal \"海外高层次人才数\" unit 人 higher;\n"
    "target T: tal about 1.2万人 ± 500 人 by 2018 phrase \"1.2万人左右\";\n"
    "target U: tal about 1.2万人 ± 500 人 two-sided by 2018 phrase \"1.2万人左右\";\n";

Test(about_abs, upper_edge_is_met) { mbt_expect(eval1(ABOUT_ABS, "甲市,tal,2018,12500\n", "T"), MB_ST_MET, "12500", 2018, "12000", "500"); }
Test(about_abs, lower_edge_is_met) { mbt_expect(eval1(ABOUT_ABS, "甲市,tal,2018,11500\n", "T"), MB_ST_MET, "11500", 2018, "12000", "-500"); }
Test(about_abs, above_is_met_two_sided_missed)
{
    mbt_expect(eval1(ABOUT_ABS, "甲市,tal,2018,12500.5\n", "T"), MB_ST_MET, "12500.5", 2018, "12000", "500.5");
    mbt_expect(eval1(ABOUT_ABS, "甲市,tal,2018,12500.5\n", "U"), MB_ST_MISSED, "12500.5", 2018, "12000", "500.5");
}
Test(about_abs, below_is_missed)
{
    mbt_expect(eval1(ABOUT_ABS, "甲市,tal,2018,11499\n", "T"), MB_ST_MISSED, "11499", 2018, "12000", "-501");
    mbt_expect(eval1(ABOUT_ABS, "甲市,tal,2018,11499\n", "U"), MB_ST_MISSED, "11499", 2018, "12000", "-501");
}
Test(about_abs, no_data) { mbt_expect(eval1(ABOUT_ABS, "甲市,tal,2017,12000\n乙市,tal,2018,1\n", "T"), MB_ST_NO_DATA, NULL, 0, "12000", NULL); }

/* The tolerance is the rule's own: the same value is met within 5% and missed within 1%. */
Test(about_rel, tolerance_comes_from_the_rule)
{
    static const char R1[] = PLAN("2016")
        "indicator hte \"高新技术企业数\" unit 家 higher;\n"
        "target T: hte about 1200 家 within 1% by 2018 phrase \"1200家左右\";\n";
    mbt_expect(eval1(R1, "甲市,hte,2018,1188\n", "T"), MB_ST_MET, "1188", 2018, "1200", "-12");
    mbt_expect(eval1(R1, "甲市,hte,2018,1187\n", "T"), MB_ST_MISSED, "1187", 2018, "1200", "-13");
    mbt_expect(eval1(ABOUT_REL, "甲市,hte,2018,1187\n", "T"), MB_ST_MET, "1187", 2018, "1200", "-13");
}

/* ==== interval: between A and B, both ends included ============================================ */

static const char IV[] = PLAN("2016")
    "indicator prov \"省级高新技术企业数\" unit 家 higher;\n"
    "target T: prov between 300 and 400 家 by 2018 phrase \"300至400家\";\n";

Test(interval, low_end_is_met) { mbt_expect(eval1(IV, "甲市,prov,2018,300\n", "T"), MB_ST_MET, "300", 2018, "300", "0"); }
Test(interval, inside_is_met) { mbt_expect(eval1(IV, "甲市,prov,2018,350\n", "T"), MB_ST_MET, "350", 2018, "300", "50"); }
Test(interval, high_end_is_met) { mbt_expect(eval1(IV, "甲市,prov,2018,400\n", "T"), MB_ST_MET, "400", 2018, "300", "100"); }
Test(interval, below_is_missed) { mbt_expect(eval1(IV, "甲市,prov,2018,299\n", "T"), MB_ST_MISSED, "299", 2018, "300", "-1"); }
Test(interval, above_is_missed)
{
    mb_verdict v = eval1(IV, "甲市,prov,2018,400.5\n", "T");
    cr_assert_eq(v.status, MB_ST_MISSED);
    mbt_assert_num(v.actual, "400.5");
}
/* Fixed (pinned so it stays fixed): above B the verdict reports the low end as its target, so a missed verdict carries a
 * positive gap (+100.5 against 300). The threshold that failed is B: target 400, gap +0.5. */
Test(interval, above_reports_the_upper_bound_and_its_gap)
{
    mb_verdict v = eval1(IV, "甲市,prov,2018,400.5\n", "T");
    mbt_expect(v, MB_ST_MISSED, "400.5", 2018, "400", "0.5");
}
/* Fixed (pinned so it stays fixed): before the deadline a value above B counts as progress towards A: 450 against
 * "between 300 and 400" is on-track (ratio ≈ 4.7), although it must come down to be met. */
Test(interval, above_the_upper_bound_before_the_deadline_is_not_on_track)
{
    static const char R[] = PLAN("2016")
        "indicator prov \"省级高新技术企业数\" unit 家 higher;\n"
        "target T: prov between 300 and 400 家 by 2020 phrase \"300至400家\";\n";
    mb_verdict v = eval1(R, "甲市,prov,2016,200\n甲市,prov,2018,450\n", "T");
    cr_assert_neq(v.status, MB_ST_ON_TRACK);
    cr_assert(v.status != MB_ST_MET && v.status != MB_ST_MISSED);
}
Test(interval, progress_towards_the_low_end)
{
    static const char R[] = PLAN("2016")
        "indicator prov \"省级高新技术企业数\" unit 家 higher;\n"
        "target T: prov between 300 and 400 家 by 2020 phrase \"300至400家\";\n";
    mbt_expect(eval1(R, "甲市,prov,2016,200\n甲市,prov,2018,350\n", "T"), MB_ST_ON_TRACK, "350", 2018, "300", "50");
    mbt_expect(eval1(R, "甲市,prov,2016,200\n甲市,prov,2018,210\n", "T"), MB_ST_LIMITED_PROGRESS, "210", 2018, "300", "-90");
}
Test(interval, no_data) { mbt_expect(eval1(IV, "乙市,prov,2018,350\n", "T"), MB_ST_NO_DATA, NULL, 0, "300", NULL); }

/* ==== range with stretch: >= A stretch B ========================================================= */

static const char RG[] = PLAN("2016")
    "indicator parks \"新增科技合作园区数\" unit 个 higher;\n"
    "target T: parks >= 1 个 stretch 2 个 by 2018 phrase \"新增1~2家\";\n";

Test(range, below_required_is_missed)
{
    mb_verdict v = eval1(RG, "甲市,parks,2018,0\n", "T");
    mbt_expect(v, MB_ST_MISSED, "0", 2018, "1", "-1");
    cr_assert_eq(v.stretch, 0);
}
Test(range, required_reached_stretch_not)
{
    mb_verdict v = eval1(RG, "甲市,parks,2018,1\n", "T");
    mbt_expect(v, MB_ST_MET, "1", 2018, "1", "0");
    cr_assert_eq(v.stretch, 0);
    mbt_expect_detail(v, "required value reached, stretch not");
}
Test(range, between_required_and_stretch)
{
    mb_verdict v = eval1(RG, "甲市,parks,2018,1.5\n", "T");
    mbt_expect(v, MB_ST_MET, "1.5", 2018, "1", "0.5");
    cr_assert_eq(v.stretch, 0);
}
Test(range, stretch_boundary_reached)
{
    mb_verdict v = eval1(RG, "甲市,parks,2018,2\n", "T");
    mbt_expect(v, MB_ST_MET, "2", 2018, "1", "1");
    cr_assert_eq(v.stretch, 1);
    mbt_expect_detail(v, "stretch value reached too");
}
Test(range, beyond_stretch)
{
    mb_verdict v = eval1(RG, "甲市,parks,2018,3\n", "T");
    mbt_expect(v, MB_ST_MET, "3", 2018, "1", "2");
    cr_assert_eq(v.stretch, 1);
}
Test(range, no_data)
{
    mb_verdict v = eval1(RG, "乙市,parks,2018,3\n", "T");
    mbt_expect(v, MB_ST_NO_DATA, NULL, 0, "1", NULL);
    cr_assert_eq(v.stretch, 0);
}

/* ==== each year ============================================================================ */

static const char EY[] = PLAN("2016")
    "indicator labs \"新增研发机构数\" unit 家 higher;\n"
    "target T: labs >= 60 家 each year 2018..2020 phrase \"每年新增60家\";\n";

Test(each_year, every_year_meets_it)
{
    mb_verdict v = eval1(EY, "甲市,labs,2018,60\n甲市,labs,2019,61\n甲市,labs,2020,70\n", "T");
    mbt_expect(v, MB_ST_MET, "70", 2020, "60", "10");
    cr_assert_eq(v.year, 2020);
}
Test(each_year, one_year_short_is_missed)
{
    mb_verdict v = eval1(EY, "甲市,labs,2018,60\n甲市,labs,2019,59\n甲市,labs,2020,70\n", "T");
    mbt_expect(v, MB_ST_MISSED, "59", 2019, "60", "-1");
    mbt_expect_detail(v, "2019 does not meet the yearly target");
}
Test(each_year, a_missing_year_is_named)
{
    mb_verdict v = eval1(EY, "甲市,labs,2018,60\n甲市,labs,2020,70\n", "T");
    cr_assert_eq(v.status, MB_ST_NO_DATA);
    mbt_expect_detail(v, "no value of 'labs' for 2019");
}
Test(each_year, several_missing_years_are_named)
{
    mb_verdict v = eval1(EY, "甲市,labs,2019,60\n乙市,labs,2020,1\n", "T");
    cr_assert_eq(v.status, MB_ST_NO_DATA);
    mbt_expect_detail(v, "no value of 'labs' for 2018, 2020");
}
Test(each_year, a_known_short_year_decides_despite_a_gap)
{
    mb_verdict v = eval1(EY, "甲市,labs,2018,60\n甲市,labs,2020,50\n", "T");
    mbt_expect(v, MB_ST_MISSED, "50", 2020, "60", "-10");
}
Test(each_year, so_far_so_good_is_on_track)
{
    mb_verdict v = eval1(EY, "甲市,labs,2018,60\n甲市,labs,2019,65\n", "T");
    cr_assert_eq(v.status, MB_ST_ON_TRACK, "%s", mb_status_name(v.status));
    mbt_assert_num(v.actual, "65");
    cr_assert_eq(v.actual_year, 2019);
}
Test(each_year, already_missed_before_the_end)
{
    mb_verdict v = eval1(EY, "甲市,labs,2018,59\n甲市,labs,2019,65\n", "T");
    mbt_expect(v, MB_ST_MISSED, "59", 2018, "60", "-1");
}
Test(each_year, period_not_started)
{
    mb_verdict v = eval1(EY, "甲市,labs,2017,60\n", "T");
    cr_assert_eq(v.status, MB_ST_NO_DATA);
    cr_assert(!v.has_actual);
}

/* ==== total over a period (cumulative) ========================================================= */

static const char TOT[] = PLAN("2016")
    "indicator hq \"新增总部企业数\" unit 家 higher;\n"
    "target T: hq >= 150 家 total 2018..2020 phrase \"三年新增150家以上\";\n";

Test(total, sum_equal_is_met)
{
    mb_verdict v = eval1(TOT, "甲市,hq,2018,50\n甲市,hq,2019,50\n甲市,hq,2020,50\n", "T");
    mbt_expect(v, MB_ST_MET, "150", 2020, "150", "0");
}
Test(total, sum_short_is_missed)
{
    mb_verdict v = eval1(TOT, "甲市,hq,2018,50\n甲市,hq,2019,50\n甲市,hq,2020,49.5\n", "T");
    mbt_expect(v, MB_ST_MISSED, "149.5", 2020, "150", "-0.5");
    mbt_expect_rel(v, "-1/300");
}
Test(total, sum_above_is_met)
{
    mbt_expect(eval1(TOT, "甲市,hq,2018,100\n甲市,hq,2019,0\n甲市,hq,2020,51\n", "T"), MB_ST_MET, "151", 2020, "150", "1");
}
Test(total, a_missing_year_is_named)
{
    mb_verdict v = eval1(TOT, "甲市,hq,2018,50\n甲市,hq,2020,50\n", "T");
    cr_assert_eq(v.status, MB_ST_NO_DATA);
    mbt_expect_detail(v, "no value of 'hq' for 2019");
}
Test(total, pro_rata_on_track)
{
    /* As of 2019 two thirds of 150 are due: 100. */
    mb_verdict v = eval1(TOT, "甲市,hq,2018,50\n甲市,hq,2019,50\n", "T");
    mbt_expect(v, MB_ST_ON_TRACK, "100", 2019, "150", "-50");
    cr_assert_float_eq(v.ratio, 1.0, 1e-9);
}
Test(total, pro_rata_needs_acceleration)
{
    mb_verdict v = eval1(TOT, "甲市,hq,2018,60\n甲市,hq,2019,10\n", "T");
    mbt_expect(v, MB_ST_NEEDS_ACCELERATION, "70", 2019, "150", "-80");
    cr_assert_float_eq(v.ratio, 0.7, 1e-9);
}
Test(total, pro_rata_limited_progress)
{
    mb_verdict v = eval1(TOT, "甲市,hq,2018,30\n甲市,hq,2019,20\n", "T");
    mbt_expect(v, MB_ST_LIMITED_PROGRESS, "50", 2019, "150", "-100");
}
Test(total, already_reached_before_the_end)
{
    mb_verdict v = eval1(TOT, "甲市,hq,2018,100\n甲市,hq,2019,60\n", "T");
    mbt_expect(v, MB_ST_ON_TRACK, "160", 2019, "150", "10");
    mbt_expect_detail(v, "total already reached by 2019");
}

/* ==== relative to a base year: N × base ========================================================== */

static const char REL[] = PLAN("2013")
    "indicator hte \"国家高新技术企业数\" unit 家 higher;\n"
    "indicator co2 \"单位GDP二氧化碳排放\" unit 吨/万元 lower;\n"
    "target T: hte >= 2 × base 2013 by 2015 phrase \"翻一番\";\n"
    "target C: co2 <= 0.8 × base 2016 by 2020 phrase \"降至2016年的80%\";\n";

Test(relative, doubled_exactly_is_met)
{
    mbt_expect(eval1(REL, "甲市,hte,2013,500\n甲市,hte,2015,1000\n", "T"), MB_ST_MET, "1000", 2015, "1000", "0");
}
Test(relative, just_short_is_missed)
{
    mbt_expect(eval1(REL, "甲市,hte,2013,500\n甲市,hte,2015,999\n", "T"), MB_ST_MISSED, "999", 2015, "1000", "-1");
}
Test(relative, no_base_value)
{
    mb_verdict v = eval1(REL, "甲市,hte,2015,1000\n", "T");
    cr_assert_eq(v.status, MB_ST_NO_DATA);
    mbt_expect_detail(v, "no value of 'hte' for 2013 (the base year)");
}
Test(relative, no_deadline_value)
{
    mb_verdict v = eval1(REL, "甲市,hte,2013,500\n乙市,hte,2015,1\n", "T");
    mbt_expect(v, MB_ST_NO_DATA, NULL, 0, "1000", NULL);
    mbt_expect_detail(v, "no value of 'hte' for 2015");
}
Test(relative, decimal_exact_0_56_le_0_8_times_0_7)
{
    /* In binary floating point 0.8 × 0.7 = 0.5599999999999999 < 0.56. */
    mb_verdict v = eval1(REL, "甲市,co2,2016,0.7\n甲市,co2,2020,0.56\n", "C");
    mbt_expect(v, MB_ST_MET, "0.56", 2020, "0.56", "0");
    v = eval1(REL, "甲市,co2,2016,0.7\n甲市,co2,2020,0.5600001\n", "C");
    mbt_expect(v, MB_ST_MISSED, "0.5600001", 2020, "0.56", "0.0000001");
}
Test(relative, progress_classes)
{
    /* base 500 (2013), target 1000 by 2015, as of 2014: needed √2 − 1 ≈ 41.4% a year */
    mbt_expect(eval1(REL, "甲市,hte,2013,500\n甲市,hte,2014,800\n", "T"), MB_ST_ON_TRACK, "800", 2014, "1000", "-200");
    mbt_expect(eval1(REL, "甲市,hte,2013,500\n甲市,hte,2014,650\n", "T"), MB_ST_NEEDS_ACCELERATION, "650", 2014, "1000", "-350");
    mbt_expect(eval1(REL, "甲市,hte,2013,500\n甲市,hte,2014,600\n", "T"), MB_ST_LIMITED_PROGRESS, "600", 2014, "1000", "-400");
    mbt_expect(eval1(REL, "甲市,hte,2013,500\n甲市,hte,2014,450\n", "T"), MB_ST_REGRESSING, "450", 2014, "1000", "-550");
}

/* ==== cut vs base ================================================================================ */

static const char CUT[] = PLAN("2016")
    "indicator co2 \"单位GDP二氧化碳排放\" unit 吨/万元 lower;\n"
    "target T: co2 cut 20% from 2016 by 2020 phrase \"降低20%\";\n";

Test(cut, decimal_exact_boundary_is_met)
{
    /* (1 − 20%) × 0.7 = 0.56 exactly */
    mbt_expect(eval1(CUT, "甲市,co2,2016,0.7\n甲市,co2,2020,0.56\n", "T"), MB_ST_MET, "0.56", 2020, "0.56", "0");
}
Test(cut, deeper_cut_is_met)
{
    mb_verdict v = eval1(CUT, "甲市,co2,2016,1.25\n甲市,co2,2020,0.9\n", "T");
    mbt_expect(v, MB_ST_MET, "0.9", 2020, "1", "-0.1");
    mbt_expect_rel(v, "-0.1");
}
Test(cut, shallower_cut_is_missed)
{
    mbt_expect(eval1(CUT, "甲市,co2,2016,1.25\n甲市,co2,2020,1.01\n", "T"), MB_ST_MISSED, "1.01", 2020, "1", "0.01");
}
Test(cut, no_base_value)
{
    mb_verdict v = eval1(CUT, "甲市,co2,2020,1\n", "T");
    mbt_expect(v, MB_ST_NO_DATA, NULL, 0, NULL, NULL);
    mbt_expect_detail(v, "no value of 'co2' for 2016 (the base year)");
}
Test(cut, no_deadline_value)
{
    mb_verdict v = eval1(CUT, "甲市,co2,2016,1.25\n乙市,co2,2020,1\n", "T");
    mbt_expect(v, MB_ST_NO_DATA, NULL, 0, "1", NULL);
    mbt_expect_detail(v, "no value of 'co2' for 2020");
}
Test(cut, progress_lower_is_better)
{
    /* base 1.25, target 1 by 2020, as of 2018: needed 0.8^(1/4) − 1 ≈ −5.43% a year */
    mb_verdict v = eval1(CUT, "甲市,co2,2016,1.25\n甲市,co2,2018,1.1\n", "T");
    /* got (1.1/1.25)^(1/2) − 1 ≈ −6.19%: R ≈ 1.14 */
    mbt_expect(v, MB_ST_ON_TRACK, "1.1", 2018, "1", "0.1");
    v = eval1(CUT, "甲市,co2,2016,1.25\n甲市,co2,2018,1.3\n", "T");
    mbt_expect(v, MB_ST_REGRESSING, "1.3", 2018, "1", "0.3");
    cr_assert_lt(v.ratio, 0);
}

/* ==== grow vs base ================================================================================ */

static const char GROW[] = PLAN("2016")
    "indicator gdp \"地区生产总值\" unit 亿元 higher;\n"
    "target T: gdp grow 30% from 2017 by 2020 phrase \"比2017年增长30%\";\n";

Test(grow, boundary_is_met)
{
    mbt_expect(eval1(GROW, "甲市,gdp,2017,100\n甲市,gdp,2020,130\n", "T"), MB_ST_MET, "130", 2020, "130", "0");
}
Test(grow, short_is_missed)
{
    mb_verdict v = eval1(GROW, "甲市,gdp,2017,100\n甲市,gdp,2020,129.99\n", "T");
    mbt_expect(v, MB_ST_MISSED, "129.99", 2020, "130", "-0.01");
    mbt_expect_rel(v, "-1/13000");
}
Test(grow, above_is_met)
{
    mbt_expect(eval1(GROW, "甲市,gdp,2017,80\n甲市,gdp,2020,110\n", "T"), MB_ST_MET, "110", 2020, "104", "6");
}
Test(grow, no_data)
{
    mb_verdict v = eval1(GROW, "甲市,gdp,2017,100\n乙市,gdp,2020,1\n", "T");
    mbt_expect(v, MB_ST_NO_DATA, NULL, 0, "130", NULL);
}
Test(grow, progress_from_its_own_base_year)
{
    /* base 100 (2017), target 130 by 2020, as of 2019: needed 1.3^(1/3) − 1 ≈ 9.14%;
     * got 1.1^(1/2) − 1 ≈ 4.88%: R ≈ 0.534 */
    mb_verdict v = eval1(GROW, "甲市,gdp,2017,100\n甲市,gdp,2019,110\n", "T");
    mbt_expect(v, MB_ST_LIMITED_PROGRESS, "110", 2019, "130", "-20");
    cr_assert_float_eq(v.ratio, 0.534, 0.001);
}

/* ==== average annual growth ============================================================ */

static const char ANN[] = PLAN("2016")
    "indicator tal \"引进海外人才数量\" unit 人 higher;\n"
    "target T: tal annual growth >= 15% from 2016 by 2020 phrase \"年均增长15%\";\n";

Test(annual, decimal_exact_175_is_met)
{
    /* (175/100)^(1/4) ≥ 1.15 ⇔ 175 ≥ 100 × 1.15^4 = 174.900625 */
    mb_verdict v = eval1(ANN, "甲市,tal,2016,100\n甲市,tal,2020,175\n", "T");
    mbt_expect(v, MB_ST_MET, "175", 2020, "174.900625", "0.099375");
}
Test(annual, decimal_exact_174_9_is_missed)
{
    mb_verdict v = eval1(ANN, "甲市,tal,2016,100\n甲市,tal,2020,174.9\n", "T");
    mbt_expect(v, MB_ST_MISSED, "174.9", 2020, "174.900625", "-0.000625");
}
Test(annual, exact_boundary_is_met)
{
    mbt_expect(eval1(ANN, "甲市,tal,2016,100\n甲市,tal,2020,174.900625\n", "T"), MB_ST_MET, "174.900625", 2020,
               "174.900625", "0");
}
Test(annual, no_base_value)
{
    mb_verdict v = eval1(ANN, "甲市,tal,2020,175\n", "T");
    cr_assert_eq(v.status, MB_ST_NO_DATA);
    mbt_expect_detail(v, "no value of 'tal' for 2016 (the base year)");
}
Test(annual, growth_beyond_128_bits_is_decided_exactly)
{
    static const char R[] = PLAN("1950")
        "indicator tal \"引进海外人才数量\" unit 人 higher;\n"
        "target T: tal annual growth >= 15% from 1950 by 2020 phrase \"年均增长15%\";\n";
    /* 100 × 1.15^70 = 100 × 23^70 / 20^70 = 1773572.00388281…: 23^70 has 96 digits */
    mb_verdict v = eval1(R, "甲市,tal,1950,100\n甲市,tal,2020,1773572.0038\n", "T");
    cr_assert_eq(v.status, MB_ST_MISSED, "%s: %s", mb_status_name(v.status), v.detail);
    cr_assert(v.has_target);
    v = eval1(R, "甲市,tal,1950,100\n甲市,tal,2020,1773572.0039\n", "T");
    cr_assert_eq(v.status, MB_ST_MET, "%s: %s", mb_status_name(v.status), v.detail);
    v = eval1(R, "甲市,tal,1950,100\n甲市,tal,2020,1000000\n", "T");
    cr_assert_eq(v.status, MB_ST_MISSED, "%s: %s", mb_status_name(v.status), v.detail);
}
Test(annual, realistic_plan_growth_is_not_an_error)
{
    /* 年均增长7.35% from 2010 to 2020 on 1234.5678: threshold 2509.2008918756885… */
    static const char R[] = PLAN("2010")
        "indicator tal \"引进海外人才数量\" unit 人 higher;\n"
        "target T: tal annual growth >= 7.35% from 2010 by 2020 phrase \"年均增长7.35%\";\n";
    mb_verdict v = eval1(R, "甲市,tal,2010,1234.5678\n甲市,tal,2020,100\n", "T");
    cr_assert_eq(v.status, MB_ST_MISSED, "%s: %s", mb_status_name(v.status), v.detail);
    v = eval1(R, "甲市,tal,2010,1234.5678\n甲市,tal,2020,2509.2009\n", "T");
    cr_assert_eq(v.status, MB_ST_MET, "%s: %s", mb_status_name(v.status), v.detail);
    /* before the deadline: the progress class, not an error */
    v = eval1(R, "甲市,tal,2010,1234.5678\n甲市,tal,2015,1800\n", "T");
    cr_assert_eq(v.status, MB_ST_ON_TRACK, "%s: %s", mb_status_name(v.status), v.detail);
}
Test(annual, progress_on_the_required_path_is_on_track)
{
    mb_verdict v = eval1(ANN, "甲市,tal,2016,100\n甲市,tal,2018,132.25\n", "T");
    mbt_expect(v, MB_ST_ON_TRACK, "132.25", 2018, "174.900625", "-42.650625");
    cr_assert_float_eq(v.ratio, 1.0, 1e-9);
}

/* ==== rises / falls every year ============================================================ */

static const char MONO[] = PLAN("2016")
    "indicator ds \"数字经济核心产业增加值占比\" unit % higher;\n"
    "indicator coal \"煤炭消费占比\" unit % lower;\n"
    "target R: ds rises every year 2018..2020 phrase \"逐年提高\";\n"
    "target F: coal falls every year 2018..2020 phrase \"逐年下降\";\n";

Test(rises, strictly_rising_is_met)
{
    mb_verdict v = eval1(MONO, "甲市,ds,2018,10\n甲市,ds,2019,10.1\n甲市,ds,2020,11\n", "R");
    cr_assert_eq(v.status, MB_ST_MET);
    mbt_assert_num(v.actual, "11");
    cr_assert_eq(v.actual_year, 2020);
}
Test(rises, equal_is_missed)
{
    mb_verdict v = eval1(MONO, "甲市,ds,2018,10\n甲市,ds,2019,10.1\n甲市,ds,2020,10.10\n", "R");
    mbt_expect(v, MB_ST_MISSED, "10.1", 2020, "10.1", "0");
    mbt_expect_detail(v, "2020 is not above 2019");
}
Test(rises, a_fall_is_missed)
{
    mb_verdict v = eval1(MONO, "甲市,ds,2018,10\n甲市,ds,2019,9.5\n甲市,ds,2020,11\n", "R");
    mbt_expect(v, MB_ST_MISSED, "9.5", 2019, "10", "-0.5");
    mbt_expect_detail(v, "2019 is not above 2018");
}
Test(rises, a_missing_year_is_named)
{
    mb_verdict v = eval1(MONO, "甲市,ds,2018,10\n甲市,ds,2020,11\n", "R");
    cr_assert_eq(v.status, MB_ST_NO_DATA);
    mbt_expect_detail(v, "no value of 'ds' for 2019");
}
Test(rises, one_known_fall_decides_across_a_gap)
{
    mb_verdict v = eval1(MONO, "甲市,ds,2018,10\n甲市,ds,2020,9\n", "R");
    mbt_expect(v, MB_ST_MISSED, "9", 2020, "10", "-1");
    mbt_expect_detail(v, "2020 is not above 2018");
}
Test(rises, rising_so_far_is_on_track)
{
    mb_verdict v = eval1(MONO, "甲市,ds,2018,10\n甲市,ds,2019,10.5\n", "R");
    cr_assert_eq(v.status, MB_ST_ON_TRACK);
    mbt_assert_num(v.actual, "10.5");
    cr_assert_eq(v.actual_year, 2019);
}
Test(falls, strictly_falling_is_met)
{
    mb_verdict v = eval1(MONO, "甲市,coal,2018,60\n甲市,coal,2019,59\n甲市,coal,2020,58.5\n", "F");
    cr_assert_eq(v.status, MB_ST_MET);
    mbt_assert_num(v.actual, "58.5");
}
Test(falls, equal_is_missed)
{
    mb_verdict v = eval1(MONO, "甲市,coal,2018,60\n甲市,coal,2019,60\n甲市,coal,2020,58\n", "F");
    mbt_expect(v, MB_ST_MISSED, "60", 2019, "60", "0");
    mbt_expect_detail(v, "2019 is not below 2018");
}
Test(falls, a_rise_is_missed)
{
    mb_verdict v = eval1(MONO, "甲市,coal,2018,60\n甲市,coal,2019,59\n甲市,coal,2020,59.5\n", "F");
    mbt_expect(v, MB_ST_MISSED, "59.5", 2020, "59", "0.5");
}
Test(falls, a_missing_year_is_no_data)
{
    mb_verdict v = eval1(MONO, "甲市,coal,2019,60\n甲市,coal,2020,59\n", "F");
    cr_assert_eq(v.status, MB_ST_NO_DATA);
    mbt_expect_detail(v, "no value of 'coal' for 2018");
}

/* ==== above another region ================================================================== */

static const char ABOVE[] = PLAN("2016")
    "indicator rd \"研发投入占比\" unit % higher;\n"
    "indicator rd2 \"研发投入占比2\" unit % higher;\n"
    "target T: rd > region \"江苏省\" by 2018 phrase \"超过全省平均水平\";\n"
    "target G: rd2 >= region \"全国\" by 2018 phrase \"不低于全国平均水平\";\n";

Test(above_region, above_is_met)
{
    mb_verdict v = eval1(ABOVE, "甲市,rd,2018,2.8\n江苏省,rd,2018,2.7\n", "T");
    mbt_expect(v, MB_ST_MET, "2.8", 2018, "2.7", "0.1");
    mbt_expect_rel(v, "1/27");
}
Test(above_region, equal_is_missed_for_strictly_above)
{
    mbt_expect(eval1(ABOVE, "甲市,rd,2018,2.7\n江苏省,rd,2018,2.70\n", "T"), MB_ST_MISSED, "2.7", 2018, "2.7", "0");
}
Test(above_region, equal_is_met_for_not_below)
{
    mbt_expect(eval1(ABOVE, "甲市,rd2,2018,2.7\n全国,rd2,2018,2.7\n", "G"), MB_ST_MET, "2.7", 2018, "2.7", "0");
}
Test(above_region, below_is_missed)
{
    mbt_expect(eval1(ABOVE, "甲市,rd,2018,2.5\n江苏省,rd,2018,2.7\n", "T"), MB_ST_MISSED, "2.5", 2018, "2.7", "-0.2");
}
Test(above_region, reference_missing_is_no_data)
{
    mb_verdict v = eval1(ABOVE, "甲市,rd,2018,2.8\n江苏省,rd,2017,2.7\n", "T");
    mbt_expect(v, MB_ST_NO_DATA, NULL, 0, NULL, NULL);
    mbt_expect_detail_has(v, "江苏省");
}
Test(above_region, reference_region_unknown_is_no_data)
{
    mb_verdict v = eval1(ABOVE, "甲市,rd,2018,2.8\n", "T");
    cr_assert_eq(v.status, MB_ST_NO_DATA);
}
Test(above_region, the_other_years_value_is_not_used_at_the_deadline)
{
    /* Both have 2017, only the region has 2018: at the deadline only 2018 counts. */
    mb_verdict v = eval1(ABOVE, "甲市,rd,2017,2.8\n江苏省,rd,2017,2.7\n甲市,rd,2018,2.9\n", "T");
    cr_assert_eq(v.status, MB_ST_NO_DATA);
}

Test(above_region, before_the_deadline_the_latest_common_year_is_compared)
{
    static const char R[] = PLAN("2016")
        "indicator rd \"研发投入占比\" unit % higher;\n"
        "target T: rd > region \"江苏省\" by 2020 phrase \"超过全省平均水平\";\n";
    /* 2018 is the latest year, but only 2017 has both values */
    mb_verdict v = eval1(R, "甲市,rd,2017,2.8\n江苏省,rd,2017,2.7\n甲市,rd,2018,2.5\n", "T");
    mbt_expect(v, MB_ST_ON_TRACK, "2.8", 2017, "2.7", "0.1");
    mbt_expect_detail(v, "compared with 江苏省 in 2017");
    v = eval1(R, "甲市,rd,2018,2.5\n江苏省,rd,2018,2.7\n", "T");
    mbt_expect(v, MB_ST_NEEDS_ACCELERATION, "2.5", 2018, "2.7", "-0.2");
}

/* ==== qualitative ============================================================================ */

static const char QUAL[] = PLAN("2016")
    "indicator rank \"综合排名\" unit 1 lower;\n"
    "target Q: rank qualitative phrase \"综合排名稳中有升\";\n"
    "target Q2: qualitative phrase \"营造良好创新氛围\";\n";

Test(qualitative, with_subject_is_not_assessable)
{
    mb_verdict v = eval1(QUAL, "甲市,rank,2020,1\n", "Q");
    mbt_expect(v, MB_ST_NOT_ASSESSABLE, NULL, 0, NULL, NULL);
    mbt_expect_detail(v, "qualitative target");
}
Test(qualitative, without_subject_is_not_assessable)
{
    mb_verdict v = eval1(QUAL, "甲市,rank,2020,1\n", "Q2");
    mbt_expect(v, MB_ST_NOT_ASSESSABLE, NULL, 0, NULL, NULL);
}
Test(qualitative, not_assessable_even_without_data)
{
    mbt_expect(eval1(QUAL, "乙市,rank,2016,1\n", "Q"), MB_ST_NOT_ASSESSABLE, NULL, 0, NULL, NULL);
}

/* ==== derived indicators ===================================================================== */

static const char DER[] = PLAN("2016")
    "indicator tc \"技术合同成交额\" unit 亿元 higher;\n"
    "indicator rds \"全社会研发经费\" unit 亿元 higher;\n"
    "indicator ratio \"技术合同成交额与研发经费的比例\" unit 1 higher = tc / rds;\n"
    "indicator a \"甲项\" unit 1 higher;\n"
    "indicator b \"乙项\" unit 1 higher;\n"
    "indicator s \"甲乙之和\" unit 1 higher = a + b;\n"
    "target T: ratio >= 1.8 by 2018 phrase \"比例达到1.8\";\n"
    "target S: s = 0.3 by 2018 phrase \"和为0.3\";\n";

Test(derived, ratio_met)
{
    mbt_expect(eval1(DER, "甲市,tc,2018,36\n甲市,rds,2018,20\n", "T"), MB_ST_MET, "1.8", 2018, "1.8", "0");
}
Test(derived, ratio_missed_exact_fraction)
{
    /* 35/20 = 1.75; 10/6 is not a terminating decimal and stays exact */
    mbt_expect(eval1(DER, "甲市,tc,2018,35\n甲市,rds,2018,20\n", "T"), MB_ST_MISSED, "1.75", 2018, "1.8", "-0.05");
    mbt_expect(eval1(DER, "甲市,tc,2018,10\n甲市,rds,2018,6\n", "T"), MB_ST_MISSED, "5/3", 2018, "1.8", "-2/15");
}
Test(derived, division_by_zero_is_an_error)
{
    mb_verdict v = eval1(DER, "甲市,tc,2018,36\n甲市,rds,2018,0\n", "T");
    mbt_expect(v, MB_ST_ERROR, NULL, 0, "1.8", NULL);
    mbt_expect_detail(v, "division by zero in a derived indicator for 2018");
}
Test(derived, decimal_exact_0_1_plus_0_2_is_0_3)
{
    mbt_expect(eval1(DER, "甲市,a,2018,0.1\n甲市,b,2018,0.2\n", "S"), MB_ST_MET, "0.3", 2018, "0.3", "0");
    mbt_expect(eval1(DER, "甲市,a,2018,0.1\n甲市,b,2018,0.21\n", "S"), MB_ST_MISSED, "0.31", 2018, "0.3", "0.01");
}
Test(derived, missing_input_is_no_data)
{
    mb_verdict v = eval1(DER, "甲市,tc,2018,36\n乙市,rds,2018,1\n", "T");
    mbt_expect(v, MB_ST_NO_DATA, NULL, 0, "1.8", NULL);
}
/* Fixed (pinned so it stays fixed): no-data on a derived indicator names the derived one ("no value of 'ratio' for 2018"),
 * which cannot be submitted (rows for it are counted as unused); it should name the missing
 * submitted input, 'rds'. */
Test(derived, missing_input_is_named)
{
    mb_verdict v = eval1(DER, "甲市,tc,2018,36\n乙市,rds,2018,1\n", "T");
    cr_assert_eq(v.status, MB_ST_NO_DATA);
    mbt_expect_detail_has(v, "'rds'");
}
Test(derived, overflow_is_an_error_never_an_approximation)
{
    static const char R[] = PLAN("2016")
        "indicator a \"甲项\" unit 1 higher;\n"
        "indicator b \"乙项\" unit 1 higher;\n"
        "indicator c \"丙项\" unit 1 higher;\n"
        "indicator abc \"乘积\" unit 1 higher = a * b * c;\n"
        "target P: abc >= 1 by 2018 phrase \"乘积\";\n";
    mb_verdict v = eval1(R, "甲市,a,2018,999999999999999999\n甲市,b,2018,999999999999999999\n"
                            "甲市,c,2018,999999999999999999\n", "P");
    mbt_expect(v, MB_ST_ERROR, NULL, 0, "1", NULL);
    mbt_expect_detail(v, "number too large to compute exactly in a derived indicator for 2018");
    v = eval1(R, "甲市,a,2018,999999999999999999\n甲市,b,2018,999999999999999999\n甲市,c,2018,0.000000000000000001\n", "P");
    cr_assert_eq(v.status, MB_ST_MET, "%s: %s", mb_status_name(v.status), v.detail);
}
Test(derived, progress_on_a_derived_indicator)
{
    static const char R[] = PLAN("2016")
        "indicator tc \"技术合同成交额\" unit 亿元 higher;\n"
        "indicator rds \"全社会研发经费\" unit 亿元 higher;\n"
        "indicator ratio \"比例\" unit 1 higher = tc / rds;\n"
        "target T: ratio >= 2 by 2020 phrase \"比例达到2\";\n";
    mb_verdict v = eval1(R, "甲市,tc,2016,10\n甲市,rds,2016,10\n甲市,tc,2018,15\n甲市,rds,2018,10\n", "T");
    /* 1 → 1.5 in two years against 1 → 2 in four: √1.5 − 1 ≈ 22.5% vs 2^(1/4) − 1 ≈ 18.9% */
    mbt_expect(v, MB_ST_ON_TRACK, "1.5", 2018, "2", "-0.5");
    v = eval1(R, "甲市,tc,2018,15\n甲市,rds,2018,10\n", "T");
    cr_assert_eq(v.status, MB_ST_NO_DATA);
    mbt_expect_detail_has(v, "2016 (the base year)");
}
Test(derived, submitted_rows_for_a_derived_indicator_are_not_used)
{
    mbt_run r;
    mbt_open(&r, DER, HDR "甲市,ratio,2018,9\n甲市,tc,2018,36\n甲市,rds,2018,20\n", 0, 0);
    mbt_assert_counts(r.D, 2, 1, 0, 0, 0);
    mb_verdict v = mbt_verdict(&r, "T", 0, "甲市");
    mbt_expect(v, MB_ST_MET, "1.8", 2018, "1.8", "0");
    mbt_close(&r);
}

/* ==== progress classes (deadline not reached) ================================================= */

static const char PROG[] = PLAN("2016")
    "indicator x \"指标X\" unit 家 higher;\n"
    "indicator en \"单位GDP能耗\" unit 吨煤/万元 lower;\n"
    "indicator z \"指标Z\" unit 家 higher;\n"
    "indicator neg \"收支差\" unit 亿元 higher;\n"
    "target T: x >= 200 家 by 2020 phrase \"达到200家\";\n"
    "target E: en <= 0.5 吨煤/万元 by 2020 phrase \"0.5吨煤/万元\";\n"
    "target Z: z >= 100 家 by 2020 phrase \"达到100家\";\n"
    "target N: neg >= 10 亿元 by 2020 phrase \"达到10亿元\";\n";

static mb_verdict prog(const char *rows, const char *rule) { return eval1(PROG, rows, rule); }

Test(progress, on_track)
{
    /* base 100 (2016), 200 by 2020: needed 2^(1/4) − 1 ≈ 18.9%; got √1.4 − 1 ≈ 18.3% */
    mb_verdict v = prog("甲市,x,2016,100\n甲市,x,2018,140\n", "T");
    mbt_expect(v, MB_ST_ON_TRACK, "140", 2018, "200", "-60");
    mbt_expect_rel(v, "-0.3");
    cr_assert(v.has_ratio);
    cr_assert_float_eq(v.ratio, 0.9683, 0.001);
    cr_assert_eq(v.year, 2020);
}
Test(progress, needs_acceleration)
{
    mb_verdict v = prog("甲市,x,2016,100\n甲市,x,2018,125\n", "T");
    mbt_expect(v, MB_ST_NEEDS_ACCELERATION, "125", 2018, "200", "-75");
    cr_assert_float_eq(v.ratio, 0.6238, 0.001);
}
Test(progress, limited_progress)
{
    mb_verdict v = prog("甲市,x,2016,100\n甲市,x,2018,110\n", "T");
    mbt_expect(v, MB_ST_LIMITED_PROGRESS, "110", 2018, "200", "-90");
    cr_assert_float_eq(v.ratio, 0.2580, 0.001);
}
Test(progress, no_change_is_limited_progress)
{
    mb_verdict v = prog("甲市,x,2016,100\n甲市,x,2018,100\n", "T");
    mbt_expect(v, MB_ST_LIMITED_PROGRESS, "100", 2018, "200", "-100");
    cr_assert_float_eq(v.ratio, 0.0, 1e-12);
}
Test(progress, regressing)
{
    mb_verdict v = prog("甲市,x,2016,100\n甲市,x,2018,95\n", "T");
    mbt_expect(v, MB_ST_REGRESSING, "95", 2018, "200", "-105");
    cr_assert_lt(v.ratio, 0);
}
Test(progress, target_reached_early_is_on_track)
{
    mb_verdict v = prog("甲市,x,2016,100\n甲市,x,2018,200\n", "T");
    mbt_expect(v, MB_ST_ON_TRACK, "200", 2018, "200", "0");
    mbt_expect_detail(v, "target already reached in 2018");
    cr_assert_float_eq(v.ratio, 1.0, 1e-12);
}
Test(progress, latest_year_is_used)
{
    mb_verdict v = prog("甲市,x,2016,100\n甲市,x,2017,105\n甲市,x,2018,140\n乙市,x,2019,1\n", "T");
    /* as of 2019: 甲市 has no 2019 value, so 2018 is the latest */
    mbt_expect(v, MB_ST_ON_TRACK, "140", 2018, "200", "-60");
    cr_assert_float_eq(v.ratio, (sqrt(1.4) - 1) / (pow(2, 0.25) - 1), 1e-9);
}
Test(progress, lower_is_better)
{
    /* base 0.8, target 0.5 by 2020: needed 0.625^(1/4) − 1 ≈ −11.1% a year */
    mbt_expect(prog("甲市,en,2016,0.8\n甲市,en,2018,0.6\n", "E"), MB_ST_ON_TRACK, "0.6", 2018, "0.5", "0.1");
    mbt_expect(prog("甲市,en,2016,0.8\n甲市,en,2018,0.65\n", "E"), MB_ST_NEEDS_ACCELERATION, "0.65", 2018, "0.5", "0.15");
    mbt_expect(prog("甲市,en,2016,0.8\n甲市,en,2018,0.7\n", "E"), MB_ST_LIMITED_PROGRESS, "0.7", 2018, "0.5", "0.2");
    mbt_expect(prog("甲市,en,2016,0.8\n甲市,en,2018,0.85\n", "E"), MB_ST_REGRESSING, "0.85", 2018, "0.5", "0.35");
}
Test(progress, lower_is_better_reached_early)
{
    mb_verdict v = prog("甲市,en,2016,0.8\n甲市,en,2018,0.5\n", "E");
    mbt_expect(v, MB_ST_ON_TRACK, "0.5", 2018, "0.5", "0");
    mbt_expect_detail(v, "target already reached in 2018");
}
Test(progress, zero_base_uses_the_linear_path)
{
    /* base 0, 100 by 2020: 25 a year needed */
    mb_verdict v = prog("甲市,z,2016,0\n甲市,z,2018,50\n", "Z");
    mbt_expect(v, MB_ST_ON_TRACK, "50", 2018, "100", "-50");
    cr_assert_float_eq(v.ratio, 1.0, 1e-12);
    mbt_expect(prog("甲市,z,2016,0\n甲市,z,2018,47.5\n", "Z"), MB_ST_ON_TRACK, "47.5", 2018, "100", "-52.5");
    mbt_expect(prog("甲市,z,2016,0\n甲市,z,2018,47.4\n", "Z"), MB_ST_NEEDS_ACCELERATION, "47.4", 2018, "100", "-52.6");
    mbt_expect(prog("甲市,z,2016,0\n甲市,z,2018,30\n", "Z"), MB_ST_NEEDS_ACCELERATION, "30", 2018, "100", "-70");
    mbt_expect(prog("甲市,z,2016,0\n甲市,z,2018,29.9\n", "Z"), MB_ST_LIMITED_PROGRESS, "29.9", 2018, "100", "-70.1");
    mbt_expect(prog("甲市,z,2016,0\n甲市,z,2018,0\n", "Z"), MB_ST_LIMITED_PROGRESS, "0", 2018, "100", "-100");
    mbt_expect(prog("甲市,z,2016,0\n甲市,z,2018,-1\n", "Z"), MB_ST_REGRESSING, "-1", 2018, "100", "-101");
}
Test(progress, negative_base_uses_the_linear_path)
{
    /* base −10, 10 by 2020: 5 a year needed; 0 in 2018 is 5 a year */
    mb_verdict v = prog("甲市,neg,2016,-10\n甲市,neg,2018,0\n", "N");
    mbt_expect(v, MB_ST_ON_TRACK, "0", 2018, "10", "-10");
    cr_assert_float_eq(v.ratio, 1.0, 1e-12);
    v = prog("甲市,neg,2016,-10\n甲市,neg,2018,-12\n", "N");
    mbt_expect(v, MB_ST_REGRESSING, "-12", 2018, "10", "-22");
}
Test(progress, compound_boundaries)
{
    /* base 100 (2016), 400 by 2018: needed exactly 100% a year; as of 2017 */
    static const char R[] = PLAN("2016")
        "indicator x \"指标X\" unit 家 higher;\n"
        "target T: x >= 400 家 by 2018 phrase \"达到400家\";\n";
    mbt_expect(eval1(R, "甲市,x,2016,100\n甲市,x,2017,195\n", "T"), MB_ST_ON_TRACK, "195", 2017, "400", "-205");
    mbt_expect(eval1(R, "甲市,x,2016,100\n甲市,x,2017,194.9\n", "T"), MB_ST_NEEDS_ACCELERATION, "194.9", 2017, "400", "-205.1");
    mbt_expect(eval1(R, "甲市,x,2016,100\n甲市,x,2017,160\n", "T"), MB_ST_NEEDS_ACCELERATION, "160", 2017, "400", "-240");
    mbt_expect(eval1(R, "甲市,x,2016,100\n甲市,x,2017,159.9\n", "T"), MB_ST_LIMITED_PROGRESS, "159.9", 2017, "400", "-240.1");
}
Test(progress, no_base_value_is_named)
{
    mb_verdict v = prog("甲市,x,2018,140\n", "T");
    cr_assert_eq(v.status, MB_ST_NO_DATA);
    mbt_expect_detail(v, "no value of 'x' for 2016 (the base year)");
}
Test(progress, no_value_after_the_base_year)
{
    mb_verdict v = prog("甲市,x,2016,100\n乙市,x,2018,1\n", "T");
    cr_assert_eq(v.status, MB_ST_NO_DATA);
    mbt_expect_detail(v, "deadline 2020 not reached and no value of 'x' after the base year 2016");
}
Test(progress, no_base_year_at_all)
{
    static const char R[] = "plan p { name \"无基年\" region \"甲市\" deadline 2020 }\n"
        "indicator x \"指标X\" unit 家 higher;\n"
        "target T: x >= 200 家 by 2020 phrase \"达到200家\";\n";
    mb_verdict v = eval1(R, "甲市,x,2018,140\n", "T");
    cr_assert_eq(v.status, MB_ST_NO_DATA);
    mbt_expect_detail(v, "deadline 2020 not reached and no base year to measure progress from");
}
Test(progress, from_clause_overrides_the_plan_base)
{
    static const char R[] = PLAN("2016")
        "indicator x \"指标X\" unit 家 higher;\n"
        "target T: x >= 200 家 by 2020 phrase \"达到200家\" from 2017;\n";
    /* from 2017 (100): needed 2^(1/3) − 1 ≈ 26%; got 1.1 − 1 = 10%: R ≈ 0.385 */
    mb_verdict v = eval1(R, "甲市,x,2016,50\n甲市,x,2017,100\n甲市,x,2018,110\n", "T");
    mbt_expect(v, MB_ST_LIMITED_PROGRESS, "110", 2018, "200", "-90");
    cr_assert_float_eq(v.ratio, 0.1 / (pow(2, 1.0 / 3) - 1), 1e-6);
}
Test(progress, about_and_range_before_the_deadline)
{
    static const char R[] = PLAN("2016")
        "indicator hte \"高新技术企业数\" unit 家 higher;\n"
        "indicator parks \"园区数\" unit 个 higher;\n"
        "target A: hte about 1200 家 within 5% by 2020 phrase \"1200家左右\";\n"
        "target G: parks >= 10 个 stretch 20 个 by 2020 phrase \"10~20个\";\n";
    /* inside the tolerance already */
    mbt_expect(eval1(R, "甲市,hte,2016,600\n甲市,hte,2018,1150\n", "A"), MB_ST_ON_TRACK, "1150", 2018, "1200", "-50");
    mbt_expect(eval1(R, "甲市,hte,2016,600\n甲市,hte,2018,600\n", "A"), MB_ST_LIMITED_PROGRESS, "600", 2018, "1200", "-600");
    mbt_expect(eval1(R, "甲市,parks,2016,5\n甲市,parks,2018,10\n", "G"), MB_ST_ON_TRACK, "10", 2018, "10", "0");
    mbt_expect(eval1(R, "甲市,parks,2016,5\n甲市,parks,2018,4\n", "G"), MB_ST_REGRESSING, "4", 2018, "10", "-6");
}

/* ==== --as-of: which years count as complete ==================================================== */

static const char ASOF[] = PLAN("2016")
    "indicator x \"指标X\" unit 家 higher;\n"
    "target T: x >= 10 家 by 2019 phrase \"达到10家\";\n";

Test(as_of, a_quarter_does_not_complete_its_year)
{
    mbt_run r;
    mbt_open(&r, ASOF, HDR "甲市,x,2016,5\n甲市,x,2018,11\n甲市,x,2019Q3,12\n", 0, 0);
    cr_assert_eq(r.D->max_period, 201909);
    cr_assert_eq(r.e.as_of, 2018);
    mbt_assert_counts(r.D, 2, 0, 1, 0, 0);
    mb_verdict v = mbt_verdict(&r, "T", 0, "甲市");
    mbt_expect(v, MB_ST_ON_TRACK, "11", 2018, "10", "1");
    mbt_expect_detail(v, "target already reached in 2018");
    mbt_close(&r);
}

Test(as_of, a_fourth_quarter_completes_its_year)
{
    mbt_run r;
    mbt_open(&r, ASOF, HDR "甲市,x,2016,5\n甲市,x,2019,9\n甲市,x,2019Q4,12\n", 0, 0);
    cr_assert_eq(r.D->max_period, 201912);
    cr_assert_eq(r.e.as_of, 2019);
    mbt_expect(mbt_verdict(&r, "T", 0, "甲市"), MB_ST_MISSED, "9", 2019, "10", "-1");
    mbt_close(&r);
}

Test(as_of, explicit_as_of_ignores_later_years)
{
    const char *data = HDR "甲市,x,2016,5\n甲市,x,2018,8\n甲市,x,2019,12\n";
    mbt_run r;
    mbt_open(&r, ASOF, data, 0, 201812);
    cr_assert_eq(r.e.as_of, 2018);
    /* base 5 (2016), 10 by 2019: needed 2^(1/3) − 1 ≈ 26.0%; got (8/5)^(1/2) − 1 ≈ 26.5% */
    mbt_expect(mbt_verdict(&r, "T", 0, "甲市"), MB_ST_ON_TRACK, "8", 2018, "10", "-2");
    mbt_close(&r);

    mbt_open(&r, ASOF, data, 0, 201909);
    cr_assert_eq(r.e.as_of, 2018);
    cr_assert_eq(mbt_verdict(&r, "T", 0, "甲市").status, MB_ST_ON_TRACK);
    mbt_close(&r);

    mbt_open(&r, ASOF, data, 0, 201912);
    cr_assert_eq(r.e.as_of, 2019);
    mbt_expect(mbt_verdict(&r, "T", 0, "甲市"), MB_ST_MET, "12", 2019, "10", "2");
    mbt_close(&r);
}

Test(as_of, latest_annual_data_decides)
{
    mbt_run r;
    mbt_open(&r, ASOF, HDR "甲市,x,2016,5\n甲市,x,2019,10\n", 0, 0);
    cr_assert_eq(r.e.as_of, 2019);
    mbt_expect(mbt_verdict(&r, "T", 0, "甲市"), MB_ST_MET, "10", 2019, "10", "0");
    mbt_close(&r);
}

Test(as_of, a_december_month_completes_the_year_but_is_no_yearly_value)
{
    mbt_run r;
    mbt_open(&r, ASOF, HDR "甲市,x,2016,5\n甲市,x,2018,8\n甲市,x,2019-12,12\n", 0, 0);
    cr_assert_eq(r.e.as_of, 2019);
    mb_verdict v = mbt_verdict(&r, "T", 0, "甲市");
    mbt_expect(v, MB_ST_NO_DATA, NULL, 0, "10", NULL);
    mbt_expect_detail(v, "no value of 'x' for 2019");
    mbt_close(&r);
}

Test(as_of, init_from_a_key)
{
    mbt_run r;
    mbt_open(&r, ASOF, HDR "甲市,x,2016,5\n", 0, 0);
    cr_assert_eq(r.e.as_of, 2016);
    mb_eval_init(&r.e, r.m, r.D, 201912);
    cr_assert_eq(r.e.as_of, 2019);
    mb_eval_init(&r.e, r.m, r.D, 201911);
    cr_assert_eq(r.e.as_of, 2018);
    mb_eval_init(&r.e, r.m, r.D, 201901);
    cr_assert_eq(r.e.as_of, 2018);
    mbt_close(&r);
    mbt_open(&r, ASOF, HDR, 0, 0);
    cr_assert_eq(r.e.as_of, 0);
    mb_verdict v = mbt_verdict(&r, "T", 0, "甲市");
    cr_assert_eq(v.status, MB_ST_NO_DATA);
    mbt_close(&r);
}

/* ==== unit conversion ========================================================================= */

Test(units, submission_in_wan_yuan_on_a_yi_yuan_indicator)
{
    static const char R[] = PLAN4("2016")
        "indicator m \"研发经费\" unit 亿元 higher;\n"
        "target T: m >= 12.3456亿元 by 2018 phrase \"12.3456亿元\";\n";
    mbt_run r;
    mbt_open(&r, R, "region,indicator,period,value,unit\n甲市,m,2018,123456,万元\n乙市,m,2018,123455.99,万元\n"
                    "丙市,m,2018,12.3456,亿元\n丁市,m,2018,1234560000,元\n", 0, 0);
    cr_assert_str_eq(r.data_diags, "");
    mbt_assert_counts(r.D, 4, 0, 0, 0, 0);
    mbt_expect(mbt_verdict(&r, "T", 0, "甲市"), MB_ST_MET, "12.3456", 2018, "12.3456", "0");
    mbt_expect(mbt_verdict(&r, "T", 0, "乙市"), MB_ST_MISSED, "12.345599", 2018, "12.3456", "-0.000001");
    mbt_expect(mbt_verdict(&r, "T", 0, "丙市"), MB_ST_MET, "12.3456", 2018, "12.3456", "0");
    mbt_expect(mbt_verdict(&r, "T", 0, "丁市"), MB_ST_MET, "12.3456", 2018, "12.3456", "0");
    mbt_close(&r);
}

Test(units, rule_in_yi_yuan_data_in_wan_yuan)
{
    static const char R[] = PLAN4("2016")
        "indicator inc \"技术合同成交额\" unit 万元 higher;\n"
        "target T: inc >= 28亿元 by 2018 phrase \"28亿元\";\n";
    mbt_run r;
    mbt_open(&r, R, "region,indicator,period,value,unit\n甲市,inc,2018,280000,万元\n乙市,inc,2018,27.9999,亿元\n"
                    "丙市,inc,2018,280000,\n", 0, 0);
    cr_assert_str_eq(r.data_diags, "");
    mbt_expect(mbt_verdict(&r, "T", 0, "甲市"), MB_ST_MET, "280000", 2018, "280000", "0");
    mbt_expect(mbt_verdict(&r, "T", 0, "乙市"), MB_ST_MISSED, "279999", 2018, "280000", "-1");
    mbt_expect(mbt_verdict(&r, "T", 0, "丙市"), MB_ST_MET, "280000", 2018, "280000", "0");
    mbt_close(&r);
}

Test(units, incompatible_unit_never_becomes_a_verdict)
{
    static const char R[] = PLAN("2016")
        "indicator inc \"技术合同成交额\" unit 万元 higher;\n"
        "target T: inc >= 28亿元 by 2018 phrase \"28亿元\";\n";
    mbt_run r;
    mbt_open(&r, R, "region,indicator,period,value,unit\n甲市,inc,2018,280000,家\n", 0, 0);
    cr_assert_eq(r.D->diags.errors, 1);
    mbt_assert_counts(r.D, 0, 0, 0, 0, 1);
    mb_verdict v = mbt_verdict(&r, "T", 0, "甲市");
    cr_assert(v.status != MB_ST_MET && v.status != MB_ST_MISSED, "%s", mb_status_name(v.status));
    mbt_close(&r);
}

/* ==== duplicates and rejected rows ============================================================= */

Test(duplicates, conflicting_values_make_an_error_not_a_verdict)
{
    mbt_run r;
    mbt_open(&r, GE, HDR "甲市,rd,2018,2.75\n甲市,rd,2018,2.70\n", 0, 0);
    cr_assert_eq(r.D->diags.errors, 1);
    mbt_assert_counts(r.D, 0, 0, 0, 0, 2);
    mb_verdict v = mbt_verdict(&r, "T", 0, "甲市");
    mbt_expect(v, MB_ST_ERROR, NULL, 0, "2.74", NULL);
    mbt_expect_detail(v, "the 2018 value of 'rd' was rejected (see the submission errors)");
    mbt_close(&r);
}

Test(duplicates, a_third_value_keeps_the_conflict)
{
    mbt_run r;
    mbt_open(&r, GE, HDR "甲市,rd,2018,2.75\n甲市,rd,2018,2.70\n甲市,rd,2018,2.75\n", 0, 0);
    cr_assert_eq(r.D->diags.errors, 2);
    mbt_assert_counts(r.D, 0, 0, 0, 0, 3);
    cr_assert_eq(mbt_verdict(&r, "T", 0, "甲市").status, MB_ST_ERROR);
    mbt_close(&r);
}

Test(duplicates, identical_value_is_a_warning_and_a_normal_verdict)
{
    mbt_run r;
    mbt_open(&r, GE, HDR "甲市,rd,2018,2.75\n甲市,rd,2018,2.750\n", 0, 0);
    cr_assert_eq(r.D->diags.errors, 0);
    cr_assert_eq(r.D->diags.warnings, 1);
    mbt_assert_counts(r.D, 1, 0, 0, 1, 0);
    mbt_expect(mbt_verdict(&r, "T", 0, "甲市"), MB_ST_MET, "2.75", 2018, "2.74", "0.01");
    mbt_close(&r);
}

Test(duplicates, conflict_in_the_base_year_is_an_error_for_progress)
{
    mbt_run r;
    mbt_open(&r, PROG, HDR "甲市,x,2016,100\n甲市,x,2016,101\n甲市,x,2018,140\n", 0, 0);
    cr_assert_eq(mbt_verdict(&r, "T", 0, "甲市").status, MB_ST_ERROR);
    mbt_close(&r);
}

Test(duplicates, conflict_in_a_multi_year_form_is_an_error)
{
    mbt_run r;
    mbt_open(&r, EY, HDR "甲市,labs,2018,60\n甲市,labs,2019,61\n甲市,labs,2019,62\n甲市,labs,2020,70\n", 0, 0);
    cr_assert_eq(mbt_verdict(&r, "T", 0, "甲市").status, MB_ST_ERROR);
    mbt_close(&r);
    mbt_open(&r, TOT, HDR "甲市,hq,2018,60\n甲市,hq,2019,61\n甲市,hq,2019,62\n甲市,hq,2020,70\n", 0, 0);
    cr_assert_eq(mbt_verdict(&r, "T", 0, "甲市").status, MB_ST_ERROR);
    mbt_close(&r);
    mbt_open(&r, MONO, HDR "甲市,ds,2018,1\n甲市,ds,2019,2\n甲市,ds,2019,3\n甲市,ds,2020,4\n", 0, 0);
    cr_assert_eq(mbt_verdict(&r, "R", 0, "甲市").status, MB_ST_ERROR);
    mbt_close(&r);
    mbt_open(&r, ABOVE, HDR "甲市,rd,2018,3\n江苏省,rd,2018,2\n江苏省,rd,2018,2.5\n", 0, 0);
    cr_assert_eq(mbt_verdict(&r, "T", 0, "甲市").status, MB_ST_ERROR);
    mbt_close(&r);
    mbt_open(&r, DER, HDR "甲市,tc,2018,36\n甲市,rds,2018,20\n甲市,rds,2018,21\n", 0, 0);
    cr_assert_eq(mbt_verdict(&r, "T", 0, "甲市").status, MB_ST_ERROR);
    mbt_close(&r);
}

Test(data_checks, failing_row_is_a_submission_error_never_a_verdict)
{
    static const char R[] = PLAN("2016")
        "indicator rd \"研发投入占比\" unit % higher;\n"
        "indicator cnt \"企业数\" unit 家 higher integer;\n"
        "target T: rd >= 2.74% by 2018 phrase \"达到2.74%\";\n"
        "target C: cnt >= 10 家 by 2018 phrase \"达到10家\";\n"
        "check share: rd between 0 and 100;\n";
    mbt_run r;
    mbt_open(&r, R, HDR "甲市,rd,2018,101\n甲市,cnt,2018,10.5\n", 0, 0);
    cr_assert_eq(r.D->diags.errors, 2);
    mbt_assert_counts(r.D, 0, 0, 0, 0, 2);
    mb_verdict v = mbt_verdict(&r, "T", 0, "甲市");
    cr_assert(v.status == MB_ST_NO_DATA || v.status == MB_ST_ERROR, "%s", mb_status_name(v.status));
    cr_assert(!v.has_actual);
    v = mbt_verdict(&r, "C", 0, "甲市");
    cr_assert(v.status == MB_ST_NO_DATA || v.status == MB_ST_ERROR, "%s", mb_status_name(v.status));
    mbt_close(&r);
}

Test(data_checks, part_above_whole_is_an_error_for_the_part)
{
    static const char R[] = PLAN4("2016")
        "indicator labs \"市级以上研发机构新增数\" unit 家 higher;\n"
        "indicator prov \"省级以上研发机构新增数\" unit 家 higher part of labs;\n"
        "target W: labs >= 120 家 by 2018 phrase \"新增120家\";\n"
        "target P: prov >= 30 家 by 2018 phrase \"其中省级以上30家\";\n";
    mbt_run r;
    mbt_open(&r, R, HDR "甲市,labs,2018,120\n甲市,prov,2018,130\n乙市,labs,2018,120\n乙市,prov,2018,30\n", 0, 0);
    cr_assert_eq(r.D->diags.errors, 1);
    /* part > whole: one of the two is wrong, and nothing says which, so neither is used */
    mbt_assert_counts(r.D, 2, 0, 0, 0, 2);
    mb_verdict v = mbt_verdict(&r, "P", 0, "甲市");
    cr_assert(v.status != MB_ST_MET && v.status != MB_ST_MISSED, "%s", mb_status_name(v.status));
    v = mbt_verdict(&r, "W", 0, "甲市");
    cr_assert(v.status != MB_ST_MET && v.status != MB_ST_MISSED, "%s", mb_status_name(v.status));
    mbt_expect(mbt_verdict(&r, "P", 0, "乙市"), MB_ST_MET, "30", 2018, "30", "0");
    mbt_expect(mbt_verdict(&r, "W", 0, "乙市"), MB_ST_MET, "120", 2018, "120", "0");
    mbt_close(&r);
}

/* ==== regions a rule is evaluated for ============================================================ */

Test(regions, plan_regions_only)
{
    mbt_run r;
    mbt_open(&r, GE, HDR "乙市,rd,2018,3\n甲市,rd,2018,3\n丙市,rd,2018,3\n", 0, 0);
    size_t out[8];
    size_t n = mb_eval_regions(&r.e, mbt_rule(r.m, "T"), out, 8);
    cr_assert_eq(n, 1);
    cr_assert_eq(out[0], (size_t)mb_data_region(r.D, "甲市"));
    mbt_close(&r);
}

Test(regions, every_region_without_plan_regions)
{
    static const char R[] = "plan p { name \"无地区\" base 2016 deadline 2020 }\n"
        "indicator rd \"研发投入占比\" unit % higher;\n"
        "target T: rd >= 2.74% by 2018 phrase \"达到2.74%\";\n";
    mbt_run r;
    mbt_open(&r, R, HDR "乙市,rd,2018,3\n甲市,rd,2018,2\n丙市,rd,2018,2.74\n", 0, 0);
    size_t out[8];
    cr_assert_eq(mb_eval_regions(&r.e, mbt_rule(r.m, "T"), out, 8), 3);
    mbt_expect(mbt_verdict(&r, "T", 0, "乙市"), MB_ST_MET, "3", 2018, "2.74", "0.26");
    mbt_expect(mbt_verdict(&r, "T", 0, "甲市"), MB_ST_MISSED, "2", 2018, "2.74", "-0.74");
    mbt_expect(mbt_verdict(&r, "T", 0, "丙市"), MB_ST_MET, "2.74", 2018, "2.74", "0");
    mbt_close(&r);
}

Test(regions, a_plan_region_without_rows_is_no_data)
{
    mbt_run r;
    mbt_open(&r, GE, HDR "乙市,rd,2018,3\n", 0, 0);
    mb_verdict v = mbt_verdict(&r, "T", 0, "甲市");
    mbt_expect(v, MB_ST_NO_DATA, NULL, 0, "2.74", NULL);
    mbt_close(&r);
}

/* ==== status names ================================================================================ */

Test(status, names_round_trip)
{
    static const char *const names[] = {"met", "missed", "on-track", "needs-acceleration", "limited-progress",
                                        "regressing", "no-data", "not-assessable", "error", "borderline",
                                        "unsupported"};
    cr_assert_eq(sizeof names / sizeof *names, MB_ST_COUNT);
    for (int i = 0; i < MB_ST_COUNT; i++) {
        cr_assert_str_eq(mb_status_name((mb_status)i), names[i]);
        cr_assert_eq(mb_status_parse(names[i], strlen(names[i])), i);
    }
    cr_assert_eq(mb_status_parse("met ", 4), -1);
    cr_assert_eq(mb_status_parse("me", 2), -1);
    cr_assert_str_eq(mb_status_name(MB_ST_COUNT), "?");
}
