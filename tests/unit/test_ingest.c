/* test_ingest.c — submissions into the store through mb_data_load_mem: CSV and JSON edge
 * cases, value and period formats, names after NFKC, units, duplicates and data checks. Every
 * test checks where each row went (the counts add up to the rows read), and the diagnostics
 * are pinned as the command prints them: file:line:col, message, source line and caret. */
#include <criterion/criterion.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "test_eval_support.h"

/* Rules reading every indicator for 2016..2020 (base 2016, deadlines 2020). */
static const char RULES[] =
    "plan p {\n  name \"采集测试\"\n  base 2016\n  deadline 2020\n}\n"
    "indicator rd \"研发投入占比\" unit % higher;\n"
    "indicator cnt \"高新技术企业数\" unit 家 higher integer;\n"
    "indicator money \"研发经费\" unit 亿元 higher;\n"
    "indicator share \"研发经费占比(%)\" unit % higher;\n"
    "indicator labs \"市级以上研发机构新增数\" unit 家 higher;\n"
    "indicator prov \"省级以上研发机构新增数\" unit 家 higher part of labs;\n"
    "indicator ratio \"比例\" unit 亿元 higher = money / rd;\n"
    "indicator val \"数值\" unit 1 higher;\n"
    "target T1: rd >= 2.74% by 2020 phrase \"达到2.74%\";\n"
    "target T2: cnt >= 1200 家 by 2020 phrase \"达到1200家\";\n"
    "target T3: money >= 28亿元 by 2020 phrase \"达到28亿元\";\n"
    "target T4: share >= 3% by 2020 phrase \"达到3%\";\n"
    "target T5: labs >= 120 家 by 2020 phrase \"新增120家\";\n"
    "target T6: prov >= 30 家 by 2020 phrase \"其中省级以上30家\";\n"
    "target T7: ratio >= 1 by 2020 phrase \"比例\";\n"
    "target T8: val >= 0 by 2020 phrase \"数值\";\n"
    "check bounds \"占比在0到100之间\": rd between 0 and 100;\n"
    "check nonneg: money >= 0;\n";

typedef struct ld {
    mb_model *m;
    mb_data *D;
    char *diags; /* submission diagnostics as printed */
} ld;

static ld load_rules_n(const char *rules, const char *data, size_t len, int json)
{
    ld r;
    r.m = mbt_model(rules, NULL);
    r.D = mbt_data_raw(r.m, json ? "sub.json" : "sub.csv", data, len, json);
    mb_data_finish(r.D);
    r.diags = mbt_diags_text(&r.D->diags);
    cr_assert_not_null(r.diags);
    return r;
}

static ld load(const char *data) { return load_rules_n(RULES, data, strlen(data), 0); }
static ld load_json(const char *data) { return load_rules_n(RULES, data, strlen(data), 1); }

static void unload(ld *r)
{
    mb_data_free(r->D);
    mb_model_free(r->m);
    free(r->diags);
}

/* The stored value of an indicator for a region and year; fails when there is none. */
static mb_num stored(const ld *r, const char *region, const char *ind_id, int year)
{
    long reg = mb_data_region(r->D, region);
    cr_assert_geq(reg, 0, "no region '%s'", region);
    const mb_indicator *ind = mb_model_indicator(r->m, ind_id, strlen(ind_id));
    cr_assert_not_null(ind);
    const mb_obs *o = mb_data_obs(r->D, (size_t)reg, ind, year);
    cr_assert_not_null(o, "%s %d is outside the layout", ind_id, year);
    cr_assert_eq(o->state, MB_OBS_PRESENT, "%s, %s, %d: state %d", region, ind_id, year, o->state);
    return mb_obs_value(o);
}

static int obs_state(const ld *r, const char *region, const char *ind_id, int year)
{
    long reg = mb_data_region(r->D, region);
    if (reg < 0) return -1;
    const mb_indicator *ind = mb_model_indicator(r->m, ind_id, strlen(ind_id));
    const mb_obs *o = mb_data_obs(r->D, (size_t)reg, ind, year);
    return o ? o->state : -1;
}

#define HDR "region,indicator,period,value\n"

/* ==== the plain case and the layout =========================================================== */

Test(csv, plain_rows_are_stored_exactly)
{
    ld r = load(HDR "甲市,rd,2018,2.74\n甲市,cnt,2018,1200\n乙市,val,2016,-0.5\n甲市,money,2020,+28.000\n");
    cr_assert_str_eq(r.diags, "");
    mbt_assert_counts(r.D, 4, 0, 0, 0, 0);
    mbt_assert_num(stored(&r, "甲市", "rd", 2018), "2.74");
    mbt_assert_num(stored(&r, "甲市", "cnt", 2018), "1200");
    mbt_assert_num(stored(&r, "乙市", "val", 2016), "-0.5");
    mbt_assert_num(stored(&r, "甲市", "money", 2020), "28");
    cr_assert_eq(r.D->nregions, 2);
    cr_assert_eq(r.D->max_year, 2020);
    cr_assert_eq(r.D->max_period, 202012);
    unload(&r);
}

Test(csv, years_no_rule_reads_are_unused)
{
    ld r = load(HDR "甲市,rd,2015,1\n甲市,rd,2016,1\n甲市,rd,2020,2\n甲市,rd,2021,3\n");
    cr_assert_str_eq(r.diags, "");
    mbt_assert_counts(r.D, 2, 0, 2, 0, 0);
    cr_assert_eq(r.D->max_year, 2021);
    unload(&r);
}

/* ==== CSV syntax =============================================================================== */

Test(csv, quoted_fields_with_commas_quotes_and_newlines)
{
    ld r = load(HDR "\"甲市,东区\",rd,2018,\"2.5\"\n"
                    "\"乙\"\"市\",\"rd\",\"2018\",2.6\n"
                    "\"丙\n市\",rd,2018,2.7\n"
                    "丁市,rd,2018,x\n");
    mbt_assert_counts(r.D, 3, 0, 0, 0, 1);
    mbt_assert_num(stored(&r, "甲市,东区", "rd", 2018), "2.5");
    mbt_assert_num(stored(&r, "乙\"市", "rd", 2018), "2.6");
    mbt_assert_num(stored(&r, "丙\n市", "rd", 2018), "2.7");
    /* the newline inside the quoted field moves the last row to line 6 */
    cr_assert_str_eq(r.diags,
                     "sub.csv:6:12: error: value 'x': not a number\n"
                     "  丁市,rd,2018,x\n"
                     "               ^\n");
    unload(&r);
}

Test(csv, crlf_line_ends)
{
    ld r = load("region,indicator,period,value\r\n甲市,rd,2018,2.74\r\n乙市,rd,2018,abc\r\n丙市,rd,2018,3\r\n");
    mbt_assert_counts(r.D, 2, 0, 0, 0, 1);
    mbt_assert_num(stored(&r, "甲市", "rd", 2018), "2.74");
    mbt_assert_num(stored(&r, "丙市", "rd", 2018), "3");
    cr_assert_str_eq(r.diags,
                     "sub.csv:3:12: error: value 'abc': not a number\n"
                     "  乙市,rd,2018,abc\n"
                     "               ^~~\n");
    unload(&r);
}

Test(csv, byte_order_mark_before_the_header)
{
    ld r = load("\xEF\xBB\xBF" "region,indicator,period,value\n甲市,rd,2018,2.74\n");
    cr_assert_str_eq(r.diags, "");
    mbt_assert_counts(r.D, 1, 0, 0, 0, 0);
    mbt_assert_num(stored(&r, "甲市", "rd", 2018), "2.74");
    unload(&r);
}

Test(csv, no_newline_at_the_end)
{
    ld r = load(HDR "甲市,rd,2018,2.74\n乙市,rd,2018,2.75");
    cr_assert_str_eq(r.diags, "");
    mbt_assert_counts(r.D, 2, 0, 0, 0, 0);
    mbt_assert_num(stored(&r, "乙市", "rd", 2018), "2.75");
    unload(&r);
}

Test(csv, blank_lines_are_not_rows)
{
    ld r = load(HDR "\n甲市,rd,2018,2.74\n\n\n乙市,rd,2018,2.75\n\n");
    cr_assert_str_eq(r.diags, "");
    mbt_assert_counts(r.D, 2, 0, 0, 0, 0);
    unload(&r);
}

Test(csv, extra_columns_are_ignored)
{
    ld r = load("region,indicator,note,period,value,source\n"
                "甲市,rd,\"备注, 有逗号\",2018,2.74,统计局\n");
    cr_assert_str_eq(r.diags, "");
    mbt_assert_counts(r.D, 1, 0, 0, 0, 0);
    mbt_assert_num(stored(&r, "甲市", "rd", 2018), "2.74");
    unload(&r);
}

Test(csv, columns_in_another_order_and_case)
{
    ld r = load(" Value ,PERIOD,Indicator,region\n2.74,2018,rd,甲市\n1200,2019,cnt,乙市\n");
    cr_assert_str_eq(r.diags, "");
    mbt_assert_counts(r.D, 2, 0, 0, 0, 0);
    mbt_assert_num(stored(&r, "甲市", "rd", 2018), "2.74");
    mbt_assert_num(stored(&r, "乙市", "cnt", 2019), "1200");
    unload(&r);
}

Test(csv, spaces_around_fields_are_trimmed)
{
    ld r = load(HDR " 甲市 , rd ,\t2018 , 2.74 \n");
    cr_assert_str_eq(r.diags, "");
    mbt_assert_counts(r.D, 1, 0, 0, 0, 0);
    mbt_assert_num(stored(&r, "甲市", "rd", 2018), "2.74");
    unload(&r);
}

Test(csv, header_only)
{
    ld r = load(HDR);
    cr_assert_str_eq(r.diags, "");
    mbt_assert_counts(r.D, 0, 0, 0, 0, 0);
    cr_assert_eq(r.D->max_period, 0);
    unload(&r);
}

Test(csv, empty_file)
{
    ld r = load("");
    cr_assert_str_eq(r.diags,
                     "sub.csv:1:1: error: empty file: no header row\n"
                     "  \n"
                     "  ^\n");
    mbt_assert_counts(r.D, 0, 0, 0, 0, 0);
    unload(&r);
}

Test(csv, only_blank_lines)
{
    ld r = load("\n\n");
    cr_assert_eq(r.D->diags.errors, 1);
    cr_assert(strstr(r.diags, "error: no header row") != NULL, "%s", r.diags);
    mbt_assert_counts(r.D, 0, 0, 0, 0, 0);
    unload(&r);
}

Test(csv, missing_required_column)
{
    ld r = load("region,indicator,year,value\n甲市,rd,2018,2.74\n");
    cr_assert_str_eq(r.diags,
                     "sub.csv:1:1: error: the header has no 'period' column (it needs region,indicator,period,value)\n"
                     "  region,indicator,year,value\n"
                     "  ^~~~~~\n");
    cr_assert_eq(r.D->diags.errors, 1);
    mbt_assert_counts(r.D, 0, 0, 0, 0, 0);
    unload(&r);
}

Test(csv, ragged_rows)
{
    ld r = load(HDR "甲市,rd,2018\n乙市,rd,2018,2.74,多余\n丙市,rd,2018,2.74\n");
    cr_assert_str_eq(r.diags,
                     "sub.csv:2:7: error: row has 3 fields; the header has 4\n"
                     "  甲市,rd,2018\n"
                     "          ^~~~\n"
                     "sub.csv:3:17: error: row has 5 fields; the header has 4\n"
                     "  乙市,rd,2018,2.74,多余\n"
                     "                    ^~~~\n");
    mbt_assert_counts(r.D, 1, 0, 0, 0, 2);
    mbt_assert_num(stored(&r, "丙市", "rd", 2018), "2.74");
    unload(&r);
}

Test(csv, a_syntax_error_skips_only_its_record)
{
    ld r = load(HDR "甲市,rd,2018,2.7\"4\n乙市,rd,2018,2.74\n");
    cr_assert_eq(r.D->diags.errors, 1, "%s", r.diags);
    cr_assert(strncmp(r.diags, "sub.csv:2:", 10) == 0, "%s", r.diags);
    mbt_assert_counts(r.D, 1, 0, 0, 0, 1); /* the record the reader skipped is a rejected row */
    mbt_assert_num(stored(&r, "乙市", "rd", 2018), "2.74");
    unload(&r);
}

Test(csv, syntax_error_diagnostic)
{
    ld r = load(HDR "甲市,rd,2019,2.7\"4\n");
    cr_assert_str_eq(r.diags,
                     "sub.csv:2:15: error: quote inside an unquoted field\n"
                     "  甲市,rd,2019,2.7\"4\n"
                     "                  ^\n");
    unload(&r);
}

/* Fixed (pinned so it stays fixed): a record the CSV reader rejects (here: a quote inside an unquoted field) is reported
 * but never counted: rows is 1 for a file of 2 data rows, so the counts do not add up to the
 * rows in the file. Expected: rows 2, rejected 1. */
Test(csv, a_record_the_reader_rejects_is_counted)
{
    ld r = load(HDR "甲市,rd,2018,2.7\"4\n乙市,rd,2018,2.74\n");
    cr_assert_eq(r.D->diags.errors, 1);
    mbt_assert_counts(r.D, 1, 0, 0, 0, 1);
    unload(&r);
}

/* Fixed (pinned so it stays fixed): for a quoted field the caret starts at the opening quote but is as wide as the
 * unquoted text, so it covers '"ab' of "abc". Expected: the whole field '"abc"' or exactly
 * 'abc'. */
Test(csv, caret_of_a_quoted_field_covers_it)
{
    ld r = load(HDR "甲市,rd,2018,\"abc\"\n");
    const char *whole = "sub.csv:2:12: error: value 'abc': not a number\n"
                        "  甲市,rd,2018,\"abc\"\n"
                        "               ^~~~~\n";
    const char *inner = "sub.csv:2:13: error: value 'abc': not a number\n"
                        "  甲市,rd,2018,\"abc\"\n"
                        "                ^~~\n";
    cr_assert(strcmp(r.diags, whole) == 0 || strcmp(r.diags, inner) == 0, "%s", r.diags);
    unload(&r);
}

Test(csv, empty_region_and_indicator)
{
    ld r = load(HDR ",rd,2018,2.74\n甲市,,2018,2.74\n,,,\n");
    cr_assert_str_eq(r.diags,
                     "sub.csv:2:1: error: empty region\n"
                     "  ,rd,2018,2.74\n"
                     "  ^\n"
                     "sub.csv:3:4: error: empty indicator\n"
                     "  甲市,,2018,2.74\n"
                     "       ^\n"
                     "sub.csv:4:2: error: empty indicator\n"
                     "  ,,,\n"
                     "   ^\n");
    mbt_assert_counts(r.D, 0, 0, 0, 0, 3);
    unload(&r);
}

/* ==== values =================================================================================== */

/* One value for 甲市 rd 2018: NULL when the row is rejected, else its exact value. */
static void value_case(const char *field, const char *want, const char *why)
{
    char buf[256];
    snprintf(buf, sizeof buf, HDR "甲市,val,2018,%s\n", field);
    ld r = load(buf);
    if (want) {
        cr_assert_str_eq(r.diags, "", "value %s: %s", field, r.diags);
        mbt_assert_counts(r.D, 1, 0, 0, 0, 0);
        mbt_assert_num(stored(&r, "甲市", "val", 2018), want);
    } else {
        mbt_assert_counts(r.D, 0, 0, 0, 0, 1);
        cr_assert_eq(r.D->diags.errors, 1, "value %s", field);
        cr_assert(strstr(r.diags, why) != NULL, "value %s: want '%s' in\n%s", field, why, r.diags);
        cr_assert_neq(obs_state(&r, "甲市", "val", 2018), MB_OBS_PRESENT);
    }
    unload(&r);
}

Test(values, non_numbers_are_rejected)
{
    value_case("abc", NULL, "error: value 'abc': not a number");
    value_case("1e5", NULL, "error: value '1e5': not a number");
    value_case("1E5", NULL, "error: value '1E5': not a number");
    value_case("NaN", NULL, "error: value 'NaN': not a number");
    value_case("inf", NULL, "error: value 'inf': not a number");
    value_case("-inf", NULL, "error: value '-inf': not a number");
    value_case("-", NULL, "error: value '-': not a number");
    value_case("+", NULL, "error: value '+': not a number");
    value_case("5.", NULL, "error: value '5.': not a number");
    value_case("1.2.3", NULL, "error: value '1.2.3': not a number");
    value_case("0x10", NULL, "error: value '0x10': not a number");
    value_case("2.74%", NULL, "error: value '2.74%': not a number");
    value_case("--1", NULL, "error: value '--1': not a number");
    value_case("\"1 000\"", NULL, "error: value '1 000': not a number");
}

Test(values, empty_value_is_rejected)
{
    value_case("", NULL, "error: value '': empty value");
    value_case("\"  \"", NULL, "error: value '': empty value");
}

Test(values, empty_value_diagnostic)
{
    ld r = load(HDR "甲市,rd,2018,\n");
    cr_assert_str_eq(r.diags,
                     "sub.csv:2:12: error: value '': empty value\n"
                     "  甲市,rd,2018,\n"
                     "               ^\n");
    mbt_assert_counts(r.D, 0, 0, 0, 0, 1);
    unload(&r);
}

Test(values, accepted_forms)
{
    value_case("0", "0", NULL);
    value_case("-0", "0", NULL);
    value_case("007.50", "7.5", NULL);
    value_case("+2.74", "2.74", NULL);
    value_case("-2.74", "-2.74", NULL);
    value_case(".5", "0.5", NULL); /* a leading point is accepted */
    value_case("0.1234567890123456789", "0.1234567890123456789", NULL); /* 19 digits that fit */
    value_case("0.000000000000000000000001", "0.000000000000000000000001", NULL);
    value_case("999999999999999999", "999999999999999999", NULL);
}

Test(values, fullwidth_digits)
{
    value_case("２．７４", "2.74", NULL);
    value_case("１２００", "1200", NULL);
    value_case("－２．７４", "-2.74", NULL);
}

Test(values, thousands_separators)
{
    value_case("\"1,234.5\"", "1234.5", NULL);
    value_case("\"12,345,678\"", "12345678", NULL);
    value_case("\"-1,000\"", "-1000", NULL);
    value_case("\"１,２３４.５\"", "1234.5", NULL);
    value_case("\"1,23\"", NULL, "error: value '1,23': not a number");
    value_case("\"1234,567\"", NULL, "error: value '1234,567': not a number");
    value_case("\"1,234,56\"", NULL, "error: value '1,234,56': not a number");
    value_case("\",123\"", NULL, "error: value ',123': not a number");
    value_case("\"1,234.567,8\"", NULL, "error: value '1,234.567,8': not a number");
}

Test(values, unquoted_thousands_separator_is_a_ragged_row)
{
    ld r = load(HDR "甲市,rd,2018,1,234.5\n");
    mbt_assert_counts(r.D, 0, 0, 0, 0, 1);
    cr_assert(strstr(r.diags, "error: row has 5 fields; the header has 4") != NULL, "%s", r.diags);
    unload(&r);
}

Test(values, too_many_digits)
{
    value_case("12345678901234567890", NULL, "too many digits to keep exactly");
    value_case("1234567890123456789012345678901234", NULL, "too many digits to keep exactly");
    value_case("0.12345678901234567890123", NULL, "too many digits to keep exactly");
    value_case("-99999999999999999999", NULL, "too many digits to keep exactly");
}

Test(values, too_many_digits_diagnostic)
{
    ld r = load(HDR "甲市,cnt,2018,12345678901234567890\n");
    cr_assert_str_eq(r.diags,
                     "sub.csv:2:13: error: value '12345678901234567890': too many digits to keep exactly\n"
                     "  甲市,cnt,2018,12345678901234567890\n"
                     "                ^~~~~~~~~~~~~~~~~~~~\n");
    mbt_assert_counts(r.D, 0, 0, 0, 0, 1);
    unload(&r);
}

/* Fixed (pinned so it stays fixed): a value with many decimals and a unit that shifts it further (万元 on a 亿元
 * indicator) is stored with an exponent whose power of ten does not fit 128 bits:
 * mb_num_dec(m, 40) computes 10^40 with signed overflow (UB; UBSan aborts), and in a plain
 * build the stored value is garbage instead of the row being rejected. Expected: the row is
 * rejected ("value out of range after unit conversion") or stored exactly. */
Test(values, tiny_value_with_unit_shift_is_rejected_or_exact)
{
    ld r = load("region,indicator,period,value,unit\n"
                "甲市,money,2018,0.000000000000000000000000000000000001,万元\n");
    cr_assert_eq(r.D->count.rows, 1);
    if (r.D->count.used == 1) {
        mb_num want = mbt_num("0.000000000000000000000000000000000001");
        cr_assert_eq(mb_num_div(want, mb_num_int(10000), &want), MB_NUM_OK);
        cr_assert(mb_num_cmp(stored(&r, "甲市", "money", 2018), want) == 0);
    } else {
        mbt_assert_counts(r.D, 0, 0, 0, 0, 1);
        cr_assert(strstr(r.diags, "out of range") != NULL, "%s", r.diags);
    }
    unload(&r);
}

/* ==== periods =================================================================================== */

static void period_case(const char *period, int used, int unused_period, int max_period)
{
    char buf[256];
    snprintf(buf, sizeof buf, HDR "甲市,rd,%s,2.74\n", period);
    ld r = load(buf);
    cr_assert_str_eq(r.diags, "", "period %s: %s", period, r.diags);
    mbt_assert_counts(r.D, used, 0, unused_period, 0, 0);
    cr_assert_eq(r.D->max_period, max_period, "period %s: max_period %d", period, r.D->max_period);
    unload(&r);
}

Test(periods, accepted_formats)
{
    period_case("2018", 1, 0, 201812);
    period_case("2018Q3", 0, 1, 201809);
    period_case("2018q3", 0, 1, 201809);
    period_case("2018-Q3", 0, 1, 201809);
    period_case("2018Q1", 0, 1, 201803);
    period_case("2018Q4", 0, 1, 201812);
    period_case("2018-09", 0, 1, 201809);
    period_case("2018-01", 0, 1, 201801);
    period_case("2018-12", 0, 1, 201812);
}

static void bad_period(const char *period)
{
    char buf[256], want[256];
    snprintf(buf, sizeof buf, HDR "甲市,rd,%s,2.74\n", period);
    ld r = load(buf);
    mbt_assert_counts(r.D, 0, 0, 0, 0, 1);
    cr_assert_eq(r.D->diags.errors, 1, "period %s", period);
    snprintf(want, sizeof want, "error: unknown period '%s' (write 2018, 2018Q3, 2018-Q3 or 2018-09)", period);
    cr_assert(strstr(r.diags, want) != NULL, "period %s:\n%s", period, r.diags);
    cr_assert_eq(r.D->max_period, 0);
    unload(&r);
}

Test(periods, rejected_formats)
{
    bad_period("2018Q5");
    bad_period("2018Q0");
    bad_period("18");
    bad_period("2018-13");
    bad_period("2018-00");
    bad_period("201809");
    bad_period("2018-9");
    bad_period("2018/09");
    bad_period("2018年");
    bad_period("2018.0");
    bad_period("1899");
    bad_period("abcd");
    bad_period("");
}

Test(periods, rejected_period_diagnostic)
{
    ld r = load(HDR "甲市,rd,2018Q5,2.74\n");
    cr_assert_str_eq(r.diags,
                     "sub.csv:2:7: error: unknown period '2018Q5' (write 2018, 2018Q3, 2018-Q3 or 2018-09)\n"
                     "  甲市,rd,2018Q5,2.74\n"
                     "          ^~~~~~\n");
    unload(&r);
}

/* ==== indicators and regions by name ============================================================ */

Test(names, unknown_indicator_is_counted_not_an_error)
{
    ld r = load(HDR "甲市,gdp,2018,100\n甲市,gdp,2019,101\n甲市,人口,2018,5\n甲市,rd,2018,2.74\n");
    cr_assert_str_eq(r.diags, "");
    mbt_assert_counts(r.D, 1, 3, 0, 0, 0);
    cr_assert_eq((uintptr_t)mb_map_get(&r.D->unknown, "gdp", 3), 2);
    cr_assert_eq((uintptr_t)mb_map_get(&r.D->unknown, "人口", strlen("人口")), 1);
    unload(&r);
}

Test(names, unknown_indicator_row_is_not_validated)
{
    /* rows nothing reads are let go without looking at period or value */
    ld r = load(HDR "甲市,gdp,20xx,abc\n");
    cr_assert_str_eq(r.diags, "");
    mbt_assert_counts(r.D, 0, 1, 0, 0, 0);
    unload(&r);
}

Test(names, indicator_by_printed_name_after_nfkc)
{
    /* declared as 研发经费占比(%) ; submitted with fullwidth parentheses */
    ld r = load(HDR "甲市,研发经费占比（%）,2018,3.1\n甲市,研发投入占比,2019,2.8\n乙市,研发经费占比(%),2018,3.2\n"
                    "丙市,研发经费占比（％）,2018,3.3\n");
    cr_assert_str_eq(r.diags, "");
    mbt_assert_counts(r.D, 4, 0, 0, 0, 0);
    mbt_assert_num(stored(&r, "甲市", "share", 2018), "3.1");
    mbt_assert_num(stored(&r, "甲市", "rd", 2019), "2.8");
    mbt_assert_num(stored(&r, "乙市", "share", 2018), "3.2");
    mbt_assert_num(stored(&r, "丙市", "share", 2018), "3.3");
    unload(&r);
}

Test(names, indicator_id_is_case_sensitive)
{
    ld r = load(HDR "甲市,RD,2018,2.74\n");
    cr_assert_str_eq(r.diags, "");
    mbt_assert_counts(r.D, 0, 1, 0, 0, 0);
    unload(&r);
}

Test(names, region_after_nfkc)
{
    /* Ａ区 and A区 are one region: the same value twice is a duplicate */
    ld r = load(HDR "Ａ区,rd,2018,2.74\nA区,rd,2018,2.74\nＡ区,rd,2019,2.8\n");
    mbt_assert_counts(r.D, 2, 0, 0, 1, 0);
    cr_assert_eq(r.D->nregions, 1);
    cr_assert_eq(r.D->diags.warnings, 1);
    cr_assert_str_eq(r.D->region_names[0], "Ａ区"); /* shown as first written */
    mbt_assert_num(stored(&r, "A区", "rd", 2019), "2.8");
    unload(&r);
}

Test(names, derived_indicator_rows_are_unused)
{
    ld r = load(HDR "甲市,ratio,2018,2\n甲市,比例,2018,2\n");
    cr_assert_str_eq(r.diags, "");
    mbt_assert_counts(r.D, 0, 2, 0, 0, 0);
    unload(&r);
}

/* ==== units ====================================================================================== */

Test(units, converted_exactly)
{
    ld r = load("region,indicator,period,value,unit\n"
                "甲市,money,2018,123456,万元\n"
                "乙市,money,2018,1,元\n"
                "丙市,money,2018,28,亿元\n"
                "丁市,money,2018,2800000,\"千元\"\n"
                "戊市,money,2018,3,\n"
                "己市,money,2018,5,  万元  \n");
    cr_assert_str_eq(r.diags, "");
    mbt_assert_counts(r.D, 6, 0, 0, 0, 0);
    mbt_assert_num(stored(&r, "甲市", "money", 2018), "12.3456");
    mbt_assert_num(stored(&r, "乙市", "money", 2018), "0.00000001");
    mbt_assert_num(stored(&r, "丙市", "money", 2018), "28");
    mbt_assert_num(stored(&r, "丁市", "money", 2018), "28");
    mbt_assert_num(stored(&r, "戊市", "money", 2018), "3");
    mbt_assert_num(stored(&r, "己市", "money", 2018), "0.0005");
    unload(&r);
}

Test(units, same_unit_other_scale_on_a_count)
{
    ld r = load("region,indicator,period,value,unit\n甲市,cnt,2018,1.2,万家\n乙市,cnt,2018,1200,家\n");
    cr_assert_str_eq(r.diags, "");
    mbt_assert_num(stored(&r, "甲市", "cnt", 2018), "12000");
    mbt_assert_num(stored(&r, "乙市", "cnt", 2018), "1200");
    unload(&r);
}

Test(units, incompatible_unit)
{
    ld r = load("region,indicator,period,value,unit\n甲市,money,2018,28,家\n乙市,money,2018,28,%\n");
    cr_assert_str_eq(r.diags,
                     "sub.csv:2:18: error: unit '家' does not fit the indicator's unit (indicator 'money' is in '亿元')\n"
                     "  甲市,money,2018,28,家\n"
                     "                     ^~\n"
                     "sub.csv:3:18: error: unit '%' does not fit the indicator's unit (indicator 'money' is in '亿元')\n"
                     "  乙市,money,2018,28,%\n"
                     "                     ^\n");
    mbt_assert_counts(r.D, 0, 0, 0, 0, 2);
    unload(&r);
}

Test(units, unknown_unit)
{
    ld r = load("region,indicator,period,value,unit\n甲市,money,2018,28,亿元/\n");
    mbt_assert_counts(r.D, 0, 0, 0, 0, 1);
    cr_assert_eq(r.D->diags.errors, 1, "%s", r.diags);
    unload(&r);
}

/* ==== duplicates ================================================================================== */

Test(duplicates, identical_is_a_warning_naming_the_first)
{
    ld r = load(HDR "甲市,rd,2018,2.74\n甲市,rd,2018,2.740\n");
    cr_assert_str_eq(r.diags,
                     "sub.csv:3:12: warning: duplicate observation for 甲市, rd, 2018: same value as sub.csv:2\n"
                     "  甲市,rd,2018,2.740\n"
                     "               ^~~~~\n");
    mbt_assert_counts(r.D, 1, 0, 0, 1, 0);
    cr_assert_eq(r.D->diags.errors, 0);
    mbt_assert_num(stored(&r, "甲市", "rd", 2018), "2.74");
    unload(&r);
}

Test(duplicates, identical_after_unit_conversion)
{
    ld r = load("region,indicator,period,value,unit\n甲市,money,2018,28,亿元\n甲市,money,2018,280000,万元\n");
    mbt_assert_counts(r.D, 1, 0, 0, 1, 0);
    cr_assert_eq(r.D->diags.errors, 0, "%s", r.diags);
    unload(&r);
}

Test(duplicates, conflicting_values_name_both_lines)
{
    ld r = load(HDR "甲市,rd,2018,2.75\n乙市,rd,2018,1\n甲市,rd,2018,2.7\n");
    cr_assert_str_eq(r.diags,
                     "sub.csv:4:12: error: conflicting values for 甲市, rd, 2018: 2.7 here, 2.75 at sub.csv:2\n"
                     "  甲市,rd,2018,2.7\n"
                     "               ^~~\n");
    mbt_assert_counts(r.D, 1, 0, 0, 0, 2);
    cr_assert_eq(obs_state(&r, "甲市", "rd", 2018), MB_OBS_CONFLICT);
    mbt_assert_num(stored(&r, "乙市", "rd", 2018), "1");
    unload(&r);
}

/* Fixed (pinned so it stays fixed): a third row for an observation already in conflict is reported as conflicting with the
 * first row even when it has the same value: "2.75 here, 2.75 at sub.csv:2". Expected: a
 * message that does not contradict itself (name a differing value, or say the observation
 * already has conflicting values). */
Test(duplicates, third_row_message_does_not_contradict_itself)
{
    ld r = load(HDR "甲市,rd,2018,2.75\n甲市,rd,2018,2.7\n甲市,rd,2018,2.75\n");
    mbt_assert_counts(r.D, 0, 0, 0, 0, 3);
    cr_assert_eq(r.D->diags.errors, 2);
    cr_assert(strstr(r.diags, "2.75 here, 2.75 at") == NULL, "%s", r.diags);
    unload(&r);
}

Test(duplicates, third_row_keeps_the_conflict)
{
    ld r = load(HDR "甲市,rd,2018,2.75\n甲市,rd,2018,2.7\n甲市,rd,2018,2.8\n");
    mbt_assert_counts(r.D, 0, 0, 0, 0, 3);
    cr_assert_eq(r.D->diags.errors, 2);
    cr_assert_eq(obs_state(&r, "甲市", "rd", 2018), MB_OBS_CONFLICT);
    unload(&r);
}

Test(duplicates, across_two_files)
{
    mb_model *m = mbt_model(RULES, NULL);
    mb_data *D = mb_data_new(m);
    const char *a = HDR "甲市,rd,2018,2.75\n", *b = HDR "乙市,rd,2018,1\n甲市,rd,2018,2.7\n";
    cr_assert_eq(mb_data_load_mem(D, "a.csv", a, strlen(a), 0), 0);
    cr_assert_eq(mb_data_load_mem(D, "b.csv", b, strlen(b), 0), 0);
    mb_data_finish(D);
    char *txt = mbt_diags_text(&D->diags);
    cr_assert_str_eq(txt,
                     "b.csv:3:12: error: conflicting values for 甲市, rd, 2018: 2.7 here, 2.75 at a.csv:2\n"
                     "  甲市,rd,2018,2.7\n"
                     "               ^~~\n");
    mbt_assert_counts(D, 1, 0, 0, 0, 2);
    free(txt);
    mb_data_free(D);
    mb_model_free(m);
}

Test(duplicates, quarter_rows_are_not_duplicates_of_the_year)
{
    ld r = load(HDR "甲市,rd,2018,2.74\n甲市,rd,2018Q4,2.5\n甲市,rd,2018-12,2.6\n");
    cr_assert_str_eq(r.diags, "");
    mbt_assert_counts(r.D, 1, 0, 2, 0, 0);
    unload(&r);
}

/* ==== data checks ================================================================================= */

Test(data_checks, between_fails)
{
    ld r = load(HDR "甲市,rd,2018,100\n甲市,rd,2019,100.01\n甲市,rd,2017,-1\n甲市,rd,2016,0\n");
    cr_assert_str_eq(r.diags,
                     "sub.csv:3:12: error: data check 'bounds' on 'rd': 100.01 is out of range\n"
                     "  甲市,rd,2019,100.01\n"
                     "               ^~~~~~\n"
                     "sub.csv:4:12: error: data check 'bounds' on 'rd': -1 is out of range\n"
                     "  甲市,rd,2017,-1\n"
                     "               ^~\n");
    mbt_assert_counts(r.D, 2, 0, 0, 0, 2);
    /* submitted but rejected: a verdict that needs it is an error, not no-data */
    cr_assert_eq(obs_state(&r, "甲市", "rd", 2019), MB_OBS_CONFLICT);
    unload(&r);
}

Test(data_checks, integer_fails)
{
    ld r = load(HDR "甲市,cnt,2018,1200.5\n甲市,cnt,2019,1200.0\n");
    cr_assert_str_eq(r.diags,
                     "sub.csv:2:13: error: data check 'integer' on 'cnt': 1200.5 is not a whole number\n"
                     "  甲市,cnt,2018,1200.5\n"
                     "                ^~~~~~\n");
    mbt_assert_counts(r.D, 1, 0, 0, 0, 1);
    mbt_assert_num(stored(&r, "甲市", "cnt", 2019), "1200");
    unload(&r);
}

Test(data_checks, integer_after_unit_conversion)
{
    /* 1.2万家 is 12000 家: whole */
    ld r = load("region,indicator,period,value,unit\n甲市,cnt,2018,1.2,万家\n甲市,cnt,2019,1.00001,万家\n");
    mbt_assert_counts(r.D, 1, 0, 0, 0, 1);
    mbt_assert_num(stored(&r, "甲市", "cnt", 2018), "12000");
    cr_assert(strstr(r.diags, "error: data check 'integer' on 'cnt': 1.00001 is not a whole number") != NULL,
              "%s", r.diags);
    unload(&r);
}

Test(data_checks, compare_with_constant_fails)
{
    ld r = load(HDR "甲市,money,2018,-0.01\n甲市,money,2019,0\n");
    cr_assert_str_eq(r.diags,
                     "sub.csv:2:15: error: data check 'nonneg' on 'money': -0.01 fails\n"
                     "  甲市,money,2018,-0.01\n"
                     "                  ^~~~~\n");
    mbt_assert_counts(r.D, 1, 0, 0, 0, 1);
    unload(&r);
}

Test(data_checks, checks_apply_to_quarters_too)
{
    ld r = load(HDR "甲市,rd,2018Q3,101\n");
    mbt_assert_counts(r.D, 0, 0, 0, 0, 1);
    cr_assert_eq(r.D->diags.errors, 1);
    unload(&r);
}

Test(data_checks, part_greater_than_whole)
{
    ld r = load(HDR "甲市,labs,2018,120\n甲市,prov,2018,130\n甲市,labs,2019,120\n甲市,prov,2019,120\n");
    cr_assert_str_eq(r.diags,
                     "sub.csv:3:1: error: data check 'part_of' fails for 甲市, 2018: prov = 130 家 is not <= labs = "
                     "120 家 (sub.csv:2)\n"
                     "  甲市,prov,2018,130\n"
                     "  ^~~~~~~~~~~~~~~~~~\n");
    mbt_assert_counts(r.D, 2, 0, 0, 0, 2); /* neither the part nor the whole is used */
    cr_assert_eq(obs_state(&r, "甲市", "prov", 2018), MB_OBS_CONFLICT);
    mbt_assert_num(stored(&r, "甲市", "prov", 2019), "120");
    unload(&r);
}

Test(data_checks, part_and_whole_in_other_files_order)
{
    /* the part's row before the whole's */
    ld r = load(HDR "甲市,prov,2018,130\n甲市,labs,2018,120\n");
    mbt_assert_counts(r.D, 0, 0, 0, 0, 2);
    cr_assert(strstr(r.diags, "sub.csv:2:1: error: data check 'part_of' fails for 甲市, 2018: prov = 130 家 is not "
                              "<= labs = 120 家 (sub.csv:3)") != NULL, "%s", r.diags);
    unload(&r);
}

/* Fixed (pinned so it stays fixed): 'part of' between indicators in different scales of one unit (万元 within 亿元) compares
 * the stored numbers without converting them: 5000 万元 (0.5 亿元) is reported as above a
 * whole of 1 亿元 and rejected. */
Test(data_checks, part_of_in_another_scale_is_converted)
{
    static const char R[] =
        "plan p {\n  name \"单位\"\n  base 2016\n  deadline 2020\n}\n"
        "indicator total_rd \"研发经费\" unit 亿元 higher;\n"
        "indicator firm_rd \"企业研发经费\" unit 万元 higher part of total_rd;\n"
        "target T1: total_rd >= 1亿元 by 2020 phrase \"1亿元\";\n"
        "target T2: firm_rd >= 1000万元 by 2020 phrase \"1000万元\";\n";
    const char *data = HDR "甲市,total_rd,2020,1\n甲市,firm_rd,2020,5000\n乙市,total_rd,2020,1\n乙市,firm_rd,2020,10001\n";
    ld r = load_rules_n(R, data, strlen(data), 0);
    /* 甲市: 0.5 亿元 ≤ 1 亿元 holds; 乙市: 1.0001 亿元 > 1 亿元 fails, and neither of its two
     * values can be trusted */
    mbt_assert_counts(r.D, 2, 0, 0, 0, 2);
    cr_assert_eq(r.D->diags.errors, 1, "%s", r.diags);
    cr_assert(strstr(r.diags, "乙市") != NULL, "%s", r.diags);
    unload(&r);
}

/* ==== JSON submissions ================================================================== */

Test(json, observations_are_stored)
{
    ld r = load_json("[{\"region\":\"甲市\",\"indicator\":\"rd\",\"period\":\"2018\",\"value\":2.74},\n"
                     " {\"region\":\"甲市\",\"indicator\":\"cnt\",\"period\":2019,\"value\":\"1,200\"},\n"
                     " {\"region\":\"乙市\",\"indicator\":\"money\",\"period\":\"2018\",\"value\":123456,\"unit\":\"万元\"},\n"
                     " {\"region\":\"乙市\",\"indicator\":\"研发经费占比（%）\",\"period\":\"2018\",\"value\":\"３.１\",\"note\":[1,{}]},\n"
                     " {\"region\":\"丙市\",\"indicator\":\"rd\",\"period\":\"2018Q3\",\"value\":2.5,\"unit\":null},\n"
                     " {\"region\":\"丙市\",\"indicator\":\"gdp\",\"period\":\"2018\",\"value\":1}]\n");
    cr_assert_str_eq(r.diags, "");
    mbt_assert_counts(r.D, 4, 1, 1, 0, 0);
    mbt_assert_num(stored(&r, "甲市", "rd", 2018), "2.74");
    mbt_assert_num(stored(&r, "甲市", "cnt", 2019), "1200");
    mbt_assert_num(stored(&r, "乙市", "money", 2018), "12.3456");
    mbt_assert_num(stored(&r, "乙市", "share", 2018), "3.1");
    cr_assert_eq(r.D->max_period, 201912);
    unload(&r);
}

Test(json, escapes_in_names)
{
    ld r = load_json("[{\"region\":\"\\u7532\\u5E02\",\"indicator\":\"r\\u0064\",\"period\":\"2018\",\"value\":1}]");
    cr_assert_str_eq(r.diags, "");
    mbt_assert_counts(r.D, 1, 0, 0, 0, 0);
    mbt_assert_num(stored(&r, "甲市", "rd", 2018), "1");
    unload(&r);
}

Test(json, exponent_and_null_values_are_rejected)
{
    ld r = load_json("[{\"region\":\"甲市\",\"indicator\":\"rd\",\"period\":\"2018\",\"value\":1e2},\n"
                     " {\"region\":\"甲市\",\"indicator\":\"rd\",\"period\":\"2019\",\"value\":null},\n"
                     " {\"region\":\"甲市\",\"indicator\":\"rd\",\"period\":\"2020\",\"value\":\"abc\"}]");
    cr_assert_str_eq(r.diags,
                     /* lines longer than the window are cut at 60 bytes before the span */
                     "sub.json:1:58: error: value '1e2': not a number\n"
                     "  …{\"region\":\"甲市\",\"indicator\":\"rd\",\"period\":\"2018\",\"value\":1e2},\n"
                     "                                                             ^~~\n"
                     "sub.json:2:58: error: value '': empty value\n"
                     "  …{\"region\":\"甲市\",\"indicator\":\"rd\",\"period\":\"2019\",\"value\":null},\n"
                     "                                                             ^\n"
                     "sub.json:3:58: error: value 'abc': not a number\n"
                     "  …{\"region\":\"甲市\",\"indicator\":\"rd\",\"period\":\"2020\",\"value\":\"abc\"}]\n"
                     "                                                             ^~~\n");
    mbt_assert_counts(r.D, 0, 0, 0, 0, 3);
    unload(&r);
}

Test(json, conflicting_values_name_both_lines)
{
    ld r = load_json("[\n{\"region\":\"甲市\",\"indicator\":\"rd\",\"period\":\"2018\",\"value\":2.75},\n"
                     "{\"region\":\"甲市\",\"indicator\":\"rd\",\"period\":\"2018\",\"value\":2.7}\n]\n");
    cr_assert_str_eq(r.diags,
                     "sub.json:3:57: error: conflicting values for 甲市, rd, 2018: 2.7 here, 2.75 at sub.json:2\n"
                     "  {\"region\":\"甲市\",\"indicator\":\"rd\",\"period\":\"2018\",\"value\":2.7}\n"
                     "                                                            ^~~\n");
    mbt_assert_counts(r.D, 0, 0, 0, 0, 2);
    unload(&r);
}

Test(json, bad_period_and_unit)
{
    ld r = load_json("[{\"region\":\"甲市\",\"indicator\":\"rd\",\"period\":\"2018-13\",\"value\":1},\n"
                     " {\"region\":\"甲市\",\"indicator\":\"money\",\"period\":2018,\"value\":1,\"unit\":\"家\"}]");
    mbt_assert_counts(r.D, 0, 0, 0, 0, 2);
    cr_assert_eq(r.D->diags.errors, 2, "%s", r.diags);
    cr_assert(strstr(r.diags, "sub.json:1:43: error: unknown period '2018-13'") != NULL, "%s", r.diags);
    cr_assert(strstr(r.diags, "error: unit '家' does not fit the indicator's unit (indicator 'money' is in '亿元')")
              != NULL, "%s", r.diags);
    unload(&r);
}

Test(json, missing_member_skips_the_observation)
{
    ld r = load_json("[{\"region\":\"甲市\",\"indicator\":\"rd\",\"value\":1},\n"
                     " {\"region\":\"乙市\",\"indicator\":\"rd\",\"period\":\"2018\",\"value\":2}]");
    cr_assert_eq(r.D->diags.errors, 1, "%s", r.diags);
    mbt_assert_num(stored(&r, "乙市", "rd", 2018), "2");
    mbt_assert_rows(r.D, r.D->count.rows);
    cr_assert_eq(r.D->count.used, 1);
    unload(&r);
}

Test(json, ill_typed_member_diagnostic)
{
    ld r = load_json("[{\"region\":\"甲市\",\"indicator\":\"rd\",\"period\":\"2018\",\"value\":true}]");
    cr_assert_str_eq(r.diags,
                     "sub.json:1:58: error: member \"value\" must be a number or a string, not true\n"
                     "  …{\"region\":\"甲市\",\"indicator\":\"rd\",\"period\":\"2018\",\"value\":true}]\n"
                     "                                                             ^~~~\n");
    unload(&r);
}

/* Fixed (pinned so it stays fixed): observations the JSON reader rejects (ill-typed or missing member, an element that is
 * not an object) are reported but not counted: rows is 0 for 3 observations. Expected: rows 3,
 * rejected 3. */
Test(json, observations_the_reader_rejects_are_counted)
{
    ld r = load_json("[{\"region\":\"甲市\",\"indicator\":\"rd\",\"period\":\"2018\",\"value\":true},\n"
                     " {\"region\":\"甲市\",\"indicator\":\"rd\",\"period\":\"2018\"},\n"
                     " 5]");
    cr_assert_eq(r.D->diags.errors, 3, "%s", r.diags);
    mbt_assert_counts(r.D, 0, 0, 0, 0, 3);
    unload(&r);
}

Test(json, byte_order_mark)
{
    ld r = load_json("\xEF\xBB\xBF[{\"region\":\"甲市\",\"indicator\":\"rd\",\"period\":\"2018\",\"value\":2.74}]");
    cr_assert_str_eq(r.diags, "");
    mbt_assert_counts(r.D, 1, 0, 0, 0, 0);
    unload(&r);
}

Test(json, empty_array_and_empty_file)
{
    ld r = load_json("[]");
    cr_assert_str_eq(r.diags, "");
    mbt_assert_counts(r.D, 0, 0, 0, 0, 0);
    unload(&r);
    r = load_json("");
    cr_assert_str_eq(r.diags,
                     "sub.json:1:1: error: empty file: no JSON array\n"
                     "  \n"
                     "  ^\n");
    mbt_assert_counts(r.D, 0, 0, 0, 0, 0);
    unload(&r);
}

Test(json, syntax_error_ends_the_reading)
{
    ld r = load_json("[{\"region\":\"甲市\",\"indicator\":\"rd\",\"period\":\"2018\",\"value\":1},\n"
                     " {\"region\":\"乙市\",\"indicator\":\"rd\",\"period\":\"2018\",\"value\":2,}]");
    cr_assert_eq(r.D->diags.errors, 1, "%s", r.diags);
    cr_assert(strncmp(r.diags, "sub.json:2:", 11) == 0, "%s", r.diags);
    mbt_assert_counts(r.D, 1, 0, 0, 0, 1); /* the observation at the syntax error is rejected */
    unload(&r);
}

/* ==== files ====================================================================================== */

Test(files, binary_file_is_refused)
{
    static const char data[] = "region,indicator\0period,value\n";
    ld r = load_rules_n(RULES, data, sizeof data - 1, 0);
    cr_assert_eq(r.D->diags.errors, 1);
    cr_assert(strstr(r.diags, "error: binary file (NUL byte): not CSV or JSON") != NULL, "%s", r.diags);
    mbt_assert_counts(r.D, 0, 0, 0, 0, 0);
    unload(&r);
}

Test(files, plan_regions_exist_without_rows)
{
    static const char R[] = "plan p {\n  name \"地区\"\n  region \"甲市\", \"乙市\"\n  base 2016\n  deadline 2020\n}\n"
                            "indicator rd \"研发投入占比\" unit % higher;\n"
                            "target T1: rd >= 2.74% by 2020 phrase \"达到2.74%\";\n";
    const char *data = HDR "丙市,rd,2018,1\n";
    ld r = load_rules_n(R, data, strlen(data), 0);
    cr_assert_eq(r.D->nregions, 2);
    cr_assert_geq(mb_data_region(r.D, "甲市"), 0);
    cr_assert_geq(mb_data_region(r.D, "乙市"), 0);
    /* 丙市 is no plan's region: its row is counted as unread, and the name kept */
    cr_assert_eq(r.D->count.unused_region, 1);
    cr_assert_eq((uintptr_t)mb_map_get(&r.D->unread, "丙市", strlen("丙市")), 1);
    mbt_assert_rows(r.D, 1);
    unload(&r);
}

Test(files, many_regions_and_rows_add_up)
{
    size_t cap = 1 << 20, len = 0;
    char *buf = malloc(cap);
    cr_assert_not_null(buf);
    len += (size_t)snprintf(buf + len, cap - len, "%s", HDR);
    int rows = 0;
    for (int i = 0; i < 3000; i++) {
        len += (size_t)snprintf(buf + len, cap - len, "区%d,rd,2018,%d.%d\n", i, i % 100, i % 10);
        rows++;
        if (i % 7 == 0) { len += (size_t)snprintf(buf + len, cap - len, "区%d,rd,2018,%d.%d\n", i, i % 100, i % 10); rows++; }
        if (i % 11 == 0) { len += (size_t)snprintf(buf + len, cap - len, "区%d,rd,2018,1000\n", i); rows++; }
        if (i % 13 == 0) { len += (size_t)snprintf(buf + len, cap - len, "区%d,gdp,2018,1\n", i); rows++; }
        if (i % 17 == 0) { len += (size_t)snprintf(buf + len, cap - len, "区%d,rd,2010,1\n", i); rows++; }
    }
    ld r = load_rules_n(RULES, buf, len, 0);
    /* dup: every 7th; rejected: every 11th (out of range); unused indicator: 13th; period: 17th */
    int dup = (3000 + 6) / 7, rej = (3000 + 10) / 11, ui = (3000 + 12) / 13, up = (3000 + 16) / 17;
    mbt_assert_counts(r.D, 3000, ui, up, dup, rej);
    cr_assert_eq((int)r.D->count.rows, rows);
    cr_assert_eq(r.D->nregions, 3000);
    mbt_assert_num(stored(&r, "区2999", "rd", 2018), "99.9");
    unload(&r);
    free(buf);
}
