/* test_trace.c — explain shows what the verdict used, and only that: every value in a
 * verdict's trace appears in `mubiao explain` with the row it came from, and every row explain
 * names is in the trace. */
#include <stdio.h>

#include "report.h"
#include "test_eval_support.h"

#define PLAN "plan p { name \"p\" region \"甲\" base 2016 deadline 2020 }\n"

static const char RULES[] = PLAN
    "indicator n \"n\" unit 家 higher;\nindicator e \"e\" unit 吨 lower;\nindicator s \"s\" unit % higher;\n"
    "indicator rd \"rd\" unit 亿元 higher;\nindicator gdp \"gdp\" unit 亿元 higher;\n"
    "indicator ratio \"ratio\" unit % higher = rd / gdp * 100;\n"
    "target A: n about 100 家 within 5% by 2020 phrase \"p\";\n"
    "target B: n >= 2 × base 2016 by 2020 phrase \"p\";\n"
    "target C: e cut 20% from 2016 by 2020 phrase \"p\";\n"
    "target D: n annual growth >= 10% from 2016 by 2022 phrase \"p\";\n"
    "target E: s >= 5% each year 2017..2020 phrase \"p\";\n"
    "target F: n >= 300 total 2017..2020 phrase \"p\";\n"
    "target G: s rises every year 2016..2020 phrase \"p\";\n"
    "target H: s > region \"省\" by 2020 phrase \"p\";\n"
    "target I: ratio >= 2% by 2020 phrase \"p\";\n"
    "target J: n between 3 and 5 by 2022 phrase \"p\";\n";

static const char DATA[] = "region,indicator,period,value\n"
    "甲,n,2016,50\n甲,n,2017,70\n甲,n,2018,80\n甲,n,2019,90\n甲,n,2020,110\n"
    "甲,e,2016,2\n甲,e,2020,1.7\n"
    "甲,s,2016,4\n甲,s,2017,5\n甲,s,2018,4.5\n甲,s,2019,6\n甲,s,2020,7\n"
    "省,s,2020,6\n甲,rd,2020,30\n甲,gdp,2020,1000\n";

/* Lines "(data.csv line N)" named in text, as a bit set. */
static void lines_in(const char *text, unsigned char *seen, size_t n)
{
    for (const char *p = text; (p = strstr(p, "data.csv line ")); p++) {
        unsigned l = (unsigned)atoi(p + 14);
        if (l < n) seen[l] = 1;
    }
}

Test(trace, explain_shows_exactly_the_values_of_the_trace)
{
    mbt_run r;
    mbt_open(&r, RULES, DATA, 0, 202012);
    long reg = mb_data_region(r.D, "甲");
    cr_assert_geq(reg, 0);
    for (size_t i = 0; i < r.m->nrules; i++) {
        const mb_rule *ru = r.m->rules[i];
        char *text = NULL;
        size_t len = 0;
        FILE *f = open_memstream(&text, &len);
        cr_assert_not_null(f);
        mb_report_explain(f, &r.e, ru, (size_t)reg);
        fclose(f);
        unsigned char want[64] = {0}, got[64] = {0};
        for (size_t g = 0; g < ru->ngoals; g++) {
            mb_verdict v;
            mb_eval_verdict(&r.e, ru, g, (size_t)reg, &v);
            cr_assert(strstr(text, mb_status_name(v.status)), "%s: status %s not in:\n%s", ru->id,
                      mb_status_name(v.status), text);
            for (unsigned k = 0; k < v.trace.nvals; k++) {
                const mb_tval *tv = &v.trace.val[k];
                if (tv->state != MB_TV_OK || !tv->obs) continue;
                if (tv->role != MB_TV_INPUT) want[tv->obs->line] = 1; /* inputs: in the formula */
                char num[MB_NUM_BUF];
                mb_num_format(tv->v, 4, num, NULL);
                cr_assert(strstr(text, num), "%s: value %s (line %u) not in:\n%s", ru->id, num, tv->obs->line, text);
            }
        }
        lines_in(text, got, sizeof got);
        for (unsigned l = 0; l < sizeof got; l++)
            cr_assert_eq(got[l], want[l], "%s: line %u is %s the trace but %s explain:\n%s", ru->id, l,
                         want[l] ? "in" : "not in", got[l] ? "in" : "not in", text);
        free(text);
    }
    mbt_close(&r);
}

/* A band passed over to its other side is closer, not further: 1 → 6 against 3..5. */
Test(trace, band_passed_over_but_closer_is_not_further)
{
    mbt_run r;
    mbt_open(&r, PLAN "indicator n \"n\" unit 家 higher;\ntarget J: n between 3 and 5 by 2022 phrase \"p\";\n",
             "region,indicator,period,value\n甲,n,2016,1\n甲,n,2020,6\n", 0, 0);
    mb_verdict v = mbt_verdict(&r, "J", 0, "甲");
    cr_assert(!strstr(v.detail, "further"), "detail: %s", v.detail);
    cr_assert_neq(v.status, MB_ST_REGRESSING, "detail: %s", v.detail);
    mbt_close(&r);
}

/* What a derived value's verdict keeps: the value and the direct inputs of its formula, each
 * once, and nothing else — not the inputs of an input that is itself derived, not the rows
 * of other indicators or years. */
Test(trace, a_derived_value_keeps_its_direct_inputs_only)
{
    static const char R[] = PLAN
        "indicator rd \"rd\" unit 亿元 higher;\nindicator gdp \"gdp\" unit 亿元 higher;\n"
        "indicator ratio \"ratio\" unit % higher = rd / gdp * 100;\n"
        "indicator twice \"twice\" unit % higher = ratio * 2;\n"
        "indicator sq \"sq\" unit 亿元 higher = rd + rd;\n"
        "target I: ratio >= 2% by 2020 phrase \"p\";\n"
        "target W: twice >= 2% by 2020 phrase \"p\";\n"
        "target S: sq >= 1 by 2020 phrase \"p\";\n";
    static const char D[] = "region,indicator,period,value\n"
        "甲,rd,2019,20\n甲,gdp,2019,900\n甲,rd,2020,30\n甲,gdp,2020,1000\n";
    mbt_run r;
    mbt_open(&r, R, D, 0, 202012);
    static const struct { const char *rule; unsigned n; const char *ind[3]; unsigned char role[3]; } WANT[] = {
        {"I", 3, {"ratio", "rd", "gdp"}, {MB_TV_VALUE, MB_TV_INPUT, MB_TV_INPUT}},
        {"W", 2, {"twice", "ratio"}, {MB_TV_VALUE, MB_TV_INPUT}},
        {"S", 2, {"sq", "rd"}, {MB_TV_VALUE, MB_TV_INPUT}},
    };
    for (size_t i = 0; i < sizeof WANT / sizeof *WANT; i++) {
        mb_verdict v = mbt_verdict(&r, WANT[i].rule, 0, "甲");
        cr_assert_eq(v.status, MB_ST_MET, "%s: %s", WANT[i].rule, v.detail);
        cr_assert_eq(v.trace.nvals, WANT[i].n, "%s keeps %u values", WANT[i].rule, v.trace.nvals);
        cr_assert_eq(v.trace.dropped, 0);
        for (unsigned k = 0; k < WANT[i].n; k++) {
            const mb_tval *tv = &v.trace.val[k];
            cr_assert_str_eq(tv->ind->id, WANT[i].ind[k], "%s value %u", WANT[i].rule, k);
            cr_assert_eq(tv->role, WANT[i].role[k], "%s value %u", WANT[i].rule, k);
            cr_assert_eq(tv->year, 2020);
            cr_assert_eq(tv->state, MB_TV_OK);
            /* a stored value names its row; a computed one has none */
            cr_assert_eq(tv->obs != NULL, !tv->ind->derived, "%s value %u", WANT[i].rule, k);
        }
    }
    mbt_close(&r);
}
