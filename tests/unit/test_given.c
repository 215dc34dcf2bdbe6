/* Verdicts a database returned (sql --run), as the reports get them: rows of text matched to
 * rules by id and milestones by year (sql_verdicts.c), looked up through mb_eval_verdict when
 * the evaluator holds given verdicts (given.c). */
#include <criterion/criterion.h>
#include <string.h>

#include "given.h"
#include "report.h"
#include "sql_run.h"
#include "test_eval_support.h"

static const char RULES[] =
    "indicator rd \"研发\" unit % higher;\n"
    "plan p { name \"P\" region \"甲市\" base 2017 deadline 2020 }\n"
    "target A \"a\": rd >= 2.74% by 2018, 3% by 2020;\n"
    "target B \"b\": rd >= 1% by 2020;\n";

typedef struct fixture {
    mb_model *m;
    mb_data *D;
    mb_given *g;
    mb_sqlv sv;
    char err[512];
} fixture;

static void open_(fixture *f)
{
    memset(f, 0, sizeof *f);
    f->m = mbt_model(RULES, NULL);
    f->D = mb_data_new(f->m);
    f->g = mb_given_new();
    cr_assert(f->D && f->g);
    mb_sqlv_init(&f->sv, f->m, f->D, f->g, f->err, sizeof f->err);
}

static void close_(fixture *f)
{
    mb_sqlv_free(&f->sv);
    mb_given_free(f->g);
    mb_data_free(f->D);
    mb_model_free(f->m);
}

static int row(fixture *f, const char *region, const char *rule, const char *year, const char *status,
               const char *actual, const char *period, const char *target, const char *gap, const char *detail)
{
    const char *c[MB_SQLV_NCOLS] = {"p", region, rule, year, status, actual, period, target, gap, detail};
    return mb_sqlv_row(&f->sv, c);
}

static mb_verdict verdict(fixture *f, const char *rule, size_t goal, const char *region)
{
    mb_eval e;
    mb_eval_init(&e, f->m, f->D, 0);
    e.given = f->g;
    mb_verdict v;
    long reg = mb_data_region(f->D, region);
    cr_assert_geq(reg, 0, "no region '%s'", region);
    mb_eval_verdict(&e, mbt_rule(f->m, rule), goal, (size_t)reg, &v);
    return v;
}

Test(given, rows_become_the_verdicts_of_their_milestones)
{
    fixture f;
    open_(&f);
    cr_assert_eq(row(&f, "甲市", "A", "2020", "missed", "2.9", "2020", "3", "-0.1", NULL), 0, "%s", f.err);
    cr_assert_eq(row(&f, "甲市", "A", "2018", "met", "2.74", "2018", "2.74", "0", NULL), 0, "%s", f.err);
    cr_assert_eq(row(&f, "乙市", "B", "2020", "borderline", NULL, NULL, NULL, NULL, "too close"), 0, "%s", f.err);
    cr_assert_eq(mb_given_finish(f.g, NULL), 0);
    mb_verdict v = verdict(&f, "A", 1, "甲市");
    cr_assert_eq(v.status, MB_ST_MISSED);
    cr_assert_eq(v.year, 2020);
    mbt_assert_num(v.actual, "2.9");
    mbt_assert_num(v.gap, "-0.1");
    cr_assert(v.has_rel_gap);
    v = verdict(&f, "A", 0, "甲市");
    cr_assert_eq(v.status, MB_ST_MET);
    mbt_assert_num(v.target, "2.74");
    cr_assert_eq(v.actual_year, 2018);
    v = verdict(&f, "B", 0, "乙市"); /* a region no plan names is added */
    cr_assert_eq(v.status, MB_ST_BORDERLINE);
    cr_assert(!v.has_actual && !v.has_target);
    cr_assert_str_eq(v.detail, "too close");
    /* a verdict the table lacks is an error saying so, never a made-up status */
    v = verdict(&f, "B", 0, "甲市");
    cr_assert_eq(v.status, MB_ST_ERROR);
    cr_assert(strstr(v.detail, "hold none") != NULL, "%s", v.detail);
    close_(&f);
}

Test(given, what_the_rules_do_not_know_is_refused)
{
    fixture f;
    open_(&f);
    cr_assert_eq(row(&f, "甲市", "Z", "2020", "met", NULL, NULL, NULL, NULL, NULL), -1);
    cr_assert(strstr(f.err, "no such rule") != NULL, "%s", f.err);
    cr_assert_eq(row(&f, "甲市", "A", "2019", "met", NULL, NULL, NULL, NULL, NULL), -1);
    cr_assert(strstr(f.err, "no deadline in that period") != NULL, "%s", f.err);
    cr_assert_eq(row(&f, "甲市", "A", "2018", "fine", NULL, NULL, NULL, NULL, NULL), -1);
    cr_assert(strstr(f.err, "'fine' is not a status") != NULL, "%s", f.err);
    cr_assert_eq(row(&f, "甲市", "A", "2018", "met", "1e5", "2018", NULL, NULL, NULL), -1);
    cr_assert(strstr(f.err, "not a number") != NULL, "%s", f.err);
    close_(&f);
}

Test(given, two_verdicts_for_one_target_are_refused)
{
    fixture f;
    open_(&f);
    mb_given_row r = {.rule = 0, .goal = 0, .region = 0, .status = MB_ST_MET};
    cr_assert_eq(mb_given_add(f.g, &r), 0);
    r.status = MB_ST_MISSED;
    cr_assert_eq(mb_given_add(f.g, &r), 0);
    const mb_given_row *dup = NULL;
    cr_assert_eq(mb_given_finish(f.g, &dup), -1);
    cr_assert_not_null(dup);
    close_(&f);
}

/* The summary of given verdicts counts the database's two statuses in columns of their own. */
Test(given, summary_has_a_column_for_each_status)
{
    fixture f;
    open_(&f);
    cr_assert_eq(row(&f, "甲市", "A", "2018", "met", "3", "2018", "2.74", "0.26", NULL), 0, "%s", f.err);
    cr_assert_eq(row(&f, "甲市", "A", "2020", "unsupported", NULL, NULL, NULL, NULL, NULL), 0, "%s", f.err);
    cr_assert_eq(row(&f, "甲市", "B", "2020", "borderline", NULL, NULL, NULL, NULL, NULL), 0, "%s", f.err);
    cr_assert_eq(mb_given_finish(f.g, NULL), 0);
    mb_eval e;
    mb_eval_init(&e, f.m, f.D, 0);
    e.given = f.g;
    e.threads = 1;
    mb_filter flt;
    memset(&flt, 0, sizeof flt);
    char *buf = NULL;
    size_t n = 0;
    FILE *o = open_memstream(&buf, &n);
    mb_tally t = mb_report_summary(o, &e, &flt);
    fclose(o);
    cr_assert_str_eq(buf, "rule,met,missed,on-track,needs-acceleration,limited-progress,regressing,no-data,"
                          "not-assessable,error,borderline,unsupported\n"
                          "A,1,0,0,0,0,0,0,0,0,0,1\n"
                          "B,0,0,0,0,0,0,0,0,0,1,0\n");
    cr_assert_eq(t.verdicts, 3);
    free(buf);
    close_(&f);
}
