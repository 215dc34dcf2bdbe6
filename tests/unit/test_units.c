/* test_units.c — units through derived formulas (check_units.c, formula.h): values keep the
 * units they were submitted in, scales cancel or convert exactly, the result is carried into
 * the declared unit, and every unit error is located. The class: every way two scales of one
 * unit (亿元/万元, 人/万人, %) meet in a formula. */
#include "test_eval_support.h"

#define HDR "region,indicator,period,value\n"
#define PLAN "plan p {\n  name \"单位测试\"\n  region \"甲市\"\n  base 2019\n  deadline 2020\n}\n"

/* The indicators the formulas below are built from. */
#define INDS                                                                                  \
    "indicator tc \"技术合同成交额\" unit 亿元 higher;\n"                                      \
    "indicator rd \"全社会研发经费\" unit 万元 higher;\n"                                      \
    "indicator gdp \"地区生产总值\" unit 亿元 higher;\n"                                       \
    "indicator hte \"高新技术企业数\" unit 家 higher;\n"                                       \
    "indicator pat \"有效发明专利\" unit 件 higher;\n"                                         \
    "indicator pop \"常住人口\" unit 人 higher;\n"                                             \
    "indicator popw \"常住人口(万人)\" unit 万人 higher;\n"                                    \
    "indicator coal \"能源消费量\" unit 吨煤 higher;\n"                                        \
    "indicator share \"研发投入占比\" unit % higher;\n"                                        \
    "indicator share2 \"上年研发投入占比\" unit % higher;\n"

#define DATA                                                                                  \
    "甲市,tc,2020,120\n甲市,rd,2020,3000000\n甲市,gdp,2020,12500\n甲市,hte,2020,100\n"          \
    "甲市,pat,2020,21000\n甲市,pop,2020,7000000\n甲市,popw,2020,700\n甲市,coal,2020,5000000\n" \
    "甲市,share,2020,2.4\n甲市,share2,2020,2.1\n"

/* a + b + c + d, in buf (the rule text has '%' in it: no printf formats). */
static const char *cat(char *buf, size_t cap, const char *a, const char *b, const char *c, const char *d)
{
    cr_assert_lt(strlen(a) + strlen(b) + strlen(c) + strlen(d), cap);
    strcpy(buf, a);
    strcat(buf, b);
    strcat(buf, c);
    strcat(buf, d);
    return buf;
}

/* The 2020 value of derived indicator `d`, declared in `unit` as `formula`. */
static mb_num derived(const char *unit, const char *formula)
{
    char rules[4096];
    cat(rules, sizeof rules, PLAN INDS "indicator d \"派生\" unit ", unit, " higher = ", formula);
    strcat(rules, ";\ntarget T: d >= 0 by 2020 phrase \"派生\";\n");
    mbt_run r;
    mbt_open(&r, rules, HDR DATA, 0, 0);
    mb_verdict v = mbt_verdict(&r, "T", 0, "甲市");
    cr_assert(v.has_actual, "%s = %s: %s (%s)", unit, formula, mb_status_name(v.status), v.detail);
    mb_num x = v.actual;
    mbt_close(&r);
    return x;
}

#define VALUE(unit, formula, want) mbt_assert_num(derived(unit, formula), want)

Test(units, ratio_of_two_scales_of_one_unit)
{
    /* 120亿元 / 3000000万元 = 120亿元 / 300亿元 */
    VALUE("1", "tc / rd", "0.4");
    VALUE("1", "rd / tc", "2.5");
}

Test(units, percent_of_gdp_by_hand_and_by_units)
{
    /* 3000000万元 / 12500亿元 = 2.4%: with the × 100 of statistics tables, and without */
    VALUE("%", "rd / gdp * 100", "2.4");
    VALUE("%", "100 * rd / gdp", "2.4");
    VALUE("%", "rd / (gdp / 100)", "2.4");
    VALUE("%", "rd / gdp", "2.4");
}

Test(units, sums_convert_scales)
{
    VALUE("亿元", "gdp + rd", "12800");
    VALUE("万元", "gdp + rd", "128000000");
    VALUE("亿元", "gdp - rd - tc", "12080");
    VALUE("亿元", "-(rd) + gdp", "12200");
}

Test(units, per_ten_thousand_people)
{
    /* 21000 件 / 7000000 人 = 30 件/万人, however it is written */
    VALUE("件/万人", "pat / pop", "30");
    VALUE("件/万人", "pat / pop * 10000", "30");
    VALUE("件/万人", "pat / popw", "30");
    VALUE("件/人", "pat / popw", "0.003");
}

Test(units, intensity_per_amount)
{
    /* 5000000 吨煤 / 12500亿元 = 0.04 吨煤/万元 */
    VALUE("吨煤/万元", "coal / gdp", "0.04");
    VALUE("吨煤/亿元", "coal / gdp", "400");
}

Test(units, percent_of_an_amount)
{
    /* 2.4% of 12500亿元 = 300亿元, by hand (/ 100) or by units */
    VALUE("亿元", "share * gdp", "300");
    VALUE("亿元", "share * gdp / 100", "300");
    VALUE("万元", "share * gdp / 100", "3000000");
}

Test(units, bare_numbers_beside_units)
{
    VALUE("%", "share - 2", "0.4");           /* percentage points */
    VALUE("亿元", "gdp - 500", "12000");       /* 500 亿元 */
    VALUE("%", "(tc / rd - 1) * 100", "-60");  /* the pure number 1 beside a ratio of 亿元 to 万元 */
    VALUE("%", "(share / share2 - 1) * 100", "100/7");
    VALUE("1", "tc / rd * 2 + 1", "1.8");
}

Test(units, exact_decimals_survive_conversion)
{
    const char *rules = PLAN
             "indicator a \"甲\" unit 万元 higher;\n"
             "indicator b \"乙\" unit 亿元 higher;\n"
             "indicator s \"和\" unit 亿元 higher = a + b;\n"
             "target T: s = 0.3亿元 by 2020 phrase \"和\";\n";
    mbt_run r;
    mbt_open(&r, rules, HDR "甲市,a,2020,1000\n甲市,b,2020,0.2\n", 0, 0);
    mb_verdict v = mbt_verdict(&r, "T", 0, "甲市");
    cr_assert_eq(v.status, MB_ST_MET, "%s: %s", mb_status_name(v.status), v.detail);
    mbt_close(&r);
}

Test(units, derived_of_derived_keeps_its_declared_unit)
{
    const char *rules = PLAN INDS
             "indicator rdw \"研发经费(万元)\" unit 万元 higher = rd + 0;\n"
             "indicator rdgdp \"研发强度\" unit % higher = rdw / gdp * 100;\n"
             "target T: rdgdp >= 2.4% by 2020 phrase \"研发强度\";\n";
    mbt_run r;
    mbt_open(&r, rules, HDR DATA, 0, 0);
    mb_verdict v = mbt_verdict(&r, "T", 0, "甲市");
    cr_assert_eq(v.status, MB_ST_MET, "%s: %s", mb_status_name(v.status), v.detail);
    mbt_assert_num(v.actual, "2.4");
    mbt_close(&r);
}

/* ---- errors ------------------------------------------------------------------------------ */

/* The rule diagnostics of a model built from text. */
static char *check_text(const char *decl)
{
    char src[4096];
    cat(src, sizeof src, INDS, decl, "", "");
    mb_model *m = mb_model_new();
    mb_diags d;
    mb_diags_init(&d, 50);
    int rc = mb_model_load_text(m, "t.mb", src, strlen(src), &d);
    if (!rc) rc = mb_model_check(m, &d);
    cr_assert_neq(rc, 0, "'%s' must be an error", decl);
    mb_diags_sort(&d);
    char *s = mbt_diags_text(&d);
    mb_diags_free(&d);
    mb_model_free(m);
    return s;
}

#define ERROR(decl, want)                                                                     \
    do {                                                                                      \
        char *s_ = check_text(decl);                                                          \
        cr_expect(strstr(s_, want) != NULL, "diagnostics:\n%s\nlack:\n%s", s_, want);         \
        free(s_);                                                                             \
    } while (0)

Test(units_errors, adding_incompatible_units_names_both)
{
    ERROR("indicator d \"D\" unit 亿元 higher = gdp + hte;\n",
          "t.mb:11:34: error: cannot add values in different units: 'gdp' is in 亿元, 'hte' is in 家\n"
          "  indicator d \"D\" unit 亿元 higher = gdp + hte;\n"
          "                                     ^~~~~~~~~\n");
    ERROR("indicator d \"D\" unit 亿元 higher = gdp - pat / pop;\n",
          "error: cannot subtract values in different units: 'gdp' is in 亿元, the right side is in 件/人");
    ERROR("indicator d \"D\" unit % higher = share + gdp;\n",
          "error: cannot add values in different units: 'share' is in %, 'gdp' is in 亿元");
}

Test(units_errors, result_not_in_the_declared_unit)
{
    ERROR("indicator d \"D\" unit 亿元 higher = gdp / hte;\n",
          "t.mb:11:34: error: formula of 'd' gives a value in 元/家, but 'd' is declared in 亿元 (元)");
    ERROR("indicator d \"D\" unit 1 higher = hte / share;\n",
          "error: formula of 'd' gives a value in 家/%, but 'd' is declared in 1");
    ERROR("indicator d \"D\" unit 件/万人 higher = pat / gdp;\n",
          "error: formula of 'd' gives a value in 件/元, but 'd' is declared in 件/万人 (件/人)");
}

Test(units_errors, ratio_times_100_declared_a_pure_number)
{
    ERROR("indicator d \"D\" unit 1 higher = tc / gdp * 100;\n",
          "t.mb:11:44: error: formula of 'd' multiplies a ratio by 100, which states it in percent, but "
          "'d' is declared 'unit 1': declare 'unit %' (or drop the × 100)");
}

Test(units_errors, a_power_of_ten_that_is_not_the_conversion)
{
    ERROR("indicator d \"D\" unit % higher = rd / gdp * 1000;\n",
          "t.mb:11:44: error: formula of 'd' scales by a power of ten that is not the conversion its units "
          "need (a factor of 0.01 to give '%'): write it without conversions (units convert exactly) "
          "or convert by hand in every term");
    /* one term converted by hand, the other not: 100 times off between them */
    ERROR("indicator d \"D\" unit % higher = tc / gdp * 100 - share2 / share;\n",
          "error: formula of 'd' scales by a power of ten");
}

Test(units_errors, every_term_of_a_long_sum_is_looked_at)
{
    /* 40 terms converted by hand and a 41st that is not: the last one would be 100 times off */
    static char f[2048];
    f[0] = 0;
    for (int i = 0; i < 40; i++) strcat(f, "tc / gdp * 100 + ");
    strcat(f, "tc / gdp");
    char decl[2200];
    cat(decl, sizeof decl, "indicator d \"D\" unit % higher = ", f, ";\n", "");
    ERROR(decl, "error: formula of 'd' scales by a power of ten that is not the conversion its units need");
    f[strlen(f) - strlen("tc / gdp")] = 0;
    strcat(f, "tc / gdp * 100");
    /* all 41 by hand: 41 × 120 / 12500 × 100 = 39.36 */
    mbt_assert_num(derived("%", f), "39.36");
}

Test(units, conversions_by_hand_inside_a_sum)
{
    /* gdp − rd / 10000 (万元 by hand into 亿元): 12500 − 300; both ways round */
    VALUE("亿元", "gdp - rd / 10000", "12200");
    VALUE("万元", "gdp * 10000 - rd", "122000000");
    VALUE("亿元", "rd / 10000 - gdp", "-12200");
    VALUE("%", "(gdp - rd / 10000) * 100 / gdp", "97.6");
    /* the same without the hand conversion */
    VALUE("亿元", "gdp - rd", "12200");
}
