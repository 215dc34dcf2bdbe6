/* test_crit.c — the words every report gives a criterion come from the criterion alone
 * (check/crit.c: its shape, its comparison, a factor as a percentage) and the form table
 * (lang/forms.c), for every form of target: with a target computed from the data, and
 * without one (no base value yet). */
#include "report.h"
#include "test_eval_support.h"

#define PLAN "plan p { name \"p\" region \"甲\" base 2016 deadline 2020 }\n"

static const char RULES[] = PLAN
    "indicator n \"n\" unit 家 higher;\nindicator e \"e\" unit 吨 lower;\nindicator s \"s\" unit % higher;\n"
    "target A: n about 100 家 within 5% by 2020 phrase \"p\";\n"
    "target A2: n about 100 家 ± 5 two-sided by 2020 phrase \"p\";\n"
    "target A3: e about 2 ± 0.5 by 2020 phrase \"p\";\n"
    "target B: n >= 2 × base 2016 by 2020 phrase \"p\";\n"
    "target C: e cut 20% from 2016 by 2020 phrase \"p\";\n"
    "target C2: n grow 50% from 2016 by 2020 phrase \"p\";\n"
    "target D: n annual growth >= 10% from 2016 by 2020 phrase \"p\";\n"
    "target E: s > 5% each year 2017..2020 phrase \"p\";\n"
    "target F: n >= 300 total 2017..2020 phrase \"p\";\n"
    "target G: s rises every year 2016..2020 phrase \"p\";\n"
    "target G2: e falls every year 2016..2020 phrase \"p\";\n"
    "target H: s > region \"省\" by 2020 phrase \"p\";\n"
    "target J: n between 3 and 5 by 2019 phrase \"p\";\n"
    "target K: n >= 60 stretch 80 by 2020 phrase \"p\";\n"
    "target L: n < 200 by 2020 phrase \"p\";\n"
    "target M: n = 100 by 2020 phrase \"p\";\n"
    "target Q: qualitative phrase \"p\";\n";

static const char DATA[] = "region,indicator,period,value\n"
    "甲,n,2016,50\n甲,n,2017,70\n甲,n,2018,80\n甲,n,2019,90\n甲,n,2020,110\n"
    "甲,e,2016,2\n甲,e,2020,1.7\n"
    "甲,s,2016,4\n甲,s,2017,5\n甲,s,2018,4.5\n甲,s,2019,6\n甲,s,2020,7\n"
    "省,s,2020,6\n";

/* The criterion of rule `id` as the reports state it, for region 甲. */
static const char *words(const mbt_run *r, const char *id)
{
    static char buf[8][256];
    static int k;
    char *b = buf[k++ & 7];
    mb_verdict v = mbt_verdict(r, id, 0, "甲");
    mb_report_criterion(&v, b, 256, 1);
    return b;
}

Test(crit, every_form_in_the_words_of_the_reports)
{
    mbt_run r;
    mbt_open(&r, RULES, DATA, 0, 202012);
    cr_assert_str_eq(words(&r, "A"), "≥ 95 (100 ±5%)");
    cr_assert_str_eq(words(&r, "A2"), "100 ±5");
    cr_assert_str_eq(words(&r, "A3"), "≤ 2.5 (2 ±0.5)");
    cr_assert_str_eq(words(&r, "B"), "≥ 100");
    cr_assert_str_eq(words(&r, "C"), "≤ 1.6");
    cr_assert_str_eq(words(&r, "C2"), "≥ 75");
    cr_assert_str_eq(words(&r, "D"), "≥ 73.205");
    cr_assert_str_eq(words(&r, "E"), "> 5 each year");
    cr_assert_str_eq(words(&r, "F"), "≥ 300 total");
    cr_assert_str_eq(words(&r, "G"), "> 5"); /* missed in 2018: 4.5 after 5 */
    cr_assert_str_eq(words(&r, "G2"), "falling");
    cr_assert_str_eq(words(&r, "H"), "> 6 省");
    cr_assert_str_eq(words(&r, "J"), "3..5");
    cr_assert_str_eq(words(&r, "K"), "≥ 60 (stretch 80)");
    cr_assert_str_eq(words(&r, "L"), "< 200");
    cr_assert_str_eq(words(&r, "M"), "= 100");
    cr_assert_str_eq(words(&r, "Q"), "—");
    mbt_close(&r);
}

Test(crit, a_target_without_its_base_value_states_what_it_asks_of_the_base)
{
    static const char NO_BASE[] = "region,indicator,period,value\n甲,n,2020,110\n甲,e,2020,1.7\n甲,s,2020,7\n";
    mbt_run r;
    mbt_open(&r, RULES, NO_BASE, 0, 202012);
    cr_assert_str_eq(words(&r, "B"), "≥ 2 × 2016");
    cr_assert_str_eq(words(&r, "C"), "≤ 2016 −20%");
    cr_assert_str_eq(words(&r, "C2"), "≥ 2016 +50%");
    cr_assert_str_eq(words(&r, "D"), "≥ 2016 +10%/yr");
    cr_assert_str_eq(words(&r, "H"), "> 省");
    mbt_close(&r);
}

Test(crit, shape_comparison_and_percentage)
{
    mbt_run r;
    mbt_open(&r, RULES, DATA, 0, 202012);
    static const struct { const char *id; mb_crit_shape shape; mb_cmp cmp; } WANT[] = {
        {"A", MB_SHAPE_BAND, MB_CMP_GE},     {"A2", MB_SHAPE_BAND, MB_CMP_GE},
        {"A3", MB_SHAPE_BAND, MB_CMP_LE},    {"B", MB_SHAPE_BOUND, MB_CMP_GE},
        {"C", MB_SHAPE_BOUND, MB_CMP_LE},    {"E", MB_SHAPE_BOUND, MB_CMP_GT},
        {"J", MB_SHAPE_BETWEEN, MB_CMP_GE},  {"K", MB_SHAPE_STRETCH, MB_CMP_GE},
        {"L", MB_SHAPE_BOUND, MB_CMP_LT},    {"M", MB_SHAPE_BOUND, MB_CMP_EQ},
        {"G", MB_SHAPE_BOUND, MB_CMP_GT},    {"G2", MB_SHAPE_BOUND, MB_CMP_LT},
    };
    for (size_t i = 0; i < sizeof WANT / sizeof *WANT; i++) {
        const mb_crit *c = &mbt_rule(r.m, WANT[i].id)->crit[0];
        cr_assert_eq(mb_crit_shape_of(c), WANT[i].shape, "%s", WANT[i].id);
        cr_assert_eq(mb_crit_cmp(c), WANT[i].cmp, "%s", WANT[i].id);
    }
    mb_num p;
    cr_assert_eq(mb_crit_percent(mbt_rule(r.m, "C")->crit[0].lo.on ? mbt_rule(r.m, "C")->crit[0].lo.v
                                                                   : mbt_rule(r.m, "C")->crit[0].hi.v, &p), MB_NUM_OK);
    mbt_assert_num(p, "-20");
    cr_assert_eq(mb_crit_percent(mbt_rule(r.m, "D")->crit[0].lo.v, &p), MB_NUM_OK);
    mbt_assert_num(p, "10");
    mbt_close(&r);
}

/* Rising is strict: a flat year is not a rise; a stretch value is reached at it exactly. */
Test(crit, steps_are_strict_and_a_stretch_value_is_reached_at_it)
{
    mbt_run r;
    mbt_open(&r, RULES, DATA, 0, 202012);
    const mb_crit *g = &mbt_rule(r.m, "G")->crit[0], *g2 = &mbt_rule(r.m, "G2")->crit[0];
    cr_assert(mb_crit_step_holds(g, mbt_num("4"), mbt_num("4.5")));
    cr_assert_not(mb_crit_step_holds(g, mbt_num("4"), mbt_num("4")));
    cr_assert_not(mb_crit_step_holds(g, mbt_num("4"), mbt_num("3")));
    cr_assert(mb_crit_step_holds(g2, mbt_num("4"), mbt_num("3")));
    cr_assert_not(mb_crit_step_holds(g2, mbt_num("4"), mbt_num("4")));
    const mb_crit *k = &mbt_rule(r.m, "K")->crit[0];
    cr_assert(mb_crit_marked(k, mb_num_int(1), mbt_num("80")));
    cr_assert_not(mb_crit_marked(k, mb_num_int(1), mbt_num("79.99")));
    /* about on a lower indicator: exceeded below the band, never above it */
    const mb_crit *a3 = &mbt_rule(r.m, "A3")->crit[0];
    cr_assert(mb_crit_marked(a3, mb_num_int(1), mbt_num("1.4")));
    cr_assert_not(mb_crit_marked(a3, mb_num_int(1), mbt_num("1.5")), "the band's edge is within it, not beyond");
    cr_assert_not(mb_crit_marked(a3, mb_num_int(1), mbt_num("2.6")));
    const mb_crit *a = &mbt_rule(r.m, "A")->crit[0];
    cr_assert(mb_crit_marked(a, mb_num_int(1), mbt_num("105.01")));
    cr_assert_not(mb_crit_marked(a, mb_num_int(1), mbt_num("105")));
    cr_assert_not(mb_crit_marked(a, mb_num_int(1), mbt_num("90")));
    mbt_close(&r);
}
