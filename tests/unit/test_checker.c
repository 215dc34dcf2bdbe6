/* test_checker.c — mb_model_check: every semantic diagnostic with its whole text, as
 * `mubiao check` prints it, and the resolved model (names, units converted, defaults). */
#include <criterion/criterion.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "model.h"
#include "support.h"

typedef struct checked {
    mb_model *m;
    mb_diags d;
    int load_rc, check_rc;
} checked;

static checked C;

/* Load rule text and, when it parsed (as the command does), check it. */
static void load(const char *src)
{
    memset(&C, 0, sizeof C);
    C.m = mb_model_new();
    cr_assert_not_null(C.m);
    mb_diags_init(&C.d, 50);
    C.m->text_dir = "."; /* imports in these tests: files in the folder the test chose */
    C.load_rc = mb_model_load_text(C.m, "t.mb", src, strlen(src), &C.d);
    C.check_rc = C.load_rc == 0 && C.d.errors == 0 ? mb_model_check(C.m, &C.d) : -1;
}

static void load_file(const char *path)
{
    memset(&C, 0, sizeof C);
    C.m = mb_model_new();
    cr_assert_not_null(C.m);
    mb_diags_init(&C.d, 50);
    C.load_rc = mb_model_load(C.m, path, &C.d);
    C.check_rc = C.load_rc == 0 && C.d.errors == 0 ? mb_model_check(C.m, &C.d) : -1;
}

static void done(void)
{
    mb_model_free(C.m);
    mb_diags_free(&C.d);
}

static char *diag_text(void)
{
    mb_diags_sort(&C.d);
    return mbt_diags_text(&C.d);
}

static void clean(const char *src)
{
    load(src);
    if (C.d.n || C.check_rc) {
        char *s = diag_text();
        cr_assert_fail("load %d, check %d, unexpected diagnostics:\n%s", C.load_rc, C.check_rc, s);
        free(s);
    }
    cr_assert(C.m->checked);
}

/* The whole diagnostic text; `fails` says whether errors (not only warnings) are expected. */
static void diags(const char *src, const char *want, int fails)
{
    load(src);
    char *s = diag_text();
    cr_expect_str_eq(s, want);
    free(s);
    int rc = C.check_rc, ok = C.m->checked;
    done(); /* before asserting, so that a failure leaks nothing under ASan */
    if (fails) {
        cr_assert_neq(rc, 0);
        cr_assert(!ok);
    } else {
        cr_assert_eq(rc, 0);
        cr_assert(ok);
    }
}

static void errors(const char *src, const char *want) { diags(src, want, 1); }
static void warnings(const char *src, const char *want) { diags(src, want, 0); }

static const char *numtext(mb_num v)
{
    static char buf[8][MB_NUM_BUF];
    static int k;
    char *b = buf[k++ & 7];
    int exact = 0;
    mb_num_format(v, 6, b, &exact);
    cr_assert(exact, "%s is not exact", b);
    return b;
}

static mb_rule *rule(const char *id)
{
    for (size_t i = 0; i < C.m->nrules; i++)
        if (strcmp(C.m->rules[i]->id, id) == 0) return C.m->rules[i];
    cr_assert_fail("no rule '%s'", id);
    return NULL;
}

static mb_check *check_at(size_t i)
{
    cr_assert_lt(i, C.m->nchecks);
    return C.m->checks[i];
}

#define IND_PCT "indicator a \"A\" unit % higher;\n"

/* ---- a file with nothing to check ------------------------------------------------------------ */

/* A check that checked nothing is not a clean one: an empty file (a failed write, a wrong
 * file) is an error, whatever else the run reads. */
Test(check_err, no_rules_in_an_empty_file)
{
    errors("", "t.mb:1:1: error: no rules in 't.mb': the file is empty or holds only comments\n"
               "  \n"
               "  ^\n");
}

Test(check_err, no_rules_in_a_file_of_comments)
{
    errors("# 只有注释\n\n  # indented\n",
           "t.mb:1:1: error: no rules in 't.mb': the file is empty or holds only comments\n"
           "  # 只有注释\n"
           "  ^\n");
}

/* An indicator alone (a catalogue) or an import alone is something to check. */
Test(check_ok, a_catalogue_alone_is_checked)
{
    clean(IND_PCT);
    done();
}

/* ---- names ------------------------------------------------------------------------------------ */

Test(check_err, undefined_indicator_did_you_mean)
{
    errors("indicator rd_gdp \"研发投入占比\" unit % higher;\n"
           "target T: rd_gpd >= 2.74% by 2018 phrase \"达到2.74%\";\n",
           "t.mb:2:11: error: undefined indicator 'rd_gpd'; did you mean 'rd_gdp'?\n"
           "  target T: rd_gpd >= 2.74% by 2018 phrase \"达到2.74%\";\n"
           "            ^~~~~~\n");
}

Test(check_err, undefined_indicator_without_suggestion)
{
    errors(IND_PCT "target T: zzz_unrelated >= 1% by 2018 phrase \"x\";\n",
           "t.mb:2:11: error: undefined indicator 'zzz_unrelated'\n"
           "  target T: zzz_unrelated >= 1% by 2018 phrase \"x\";\n"
           "            ^~~~~~~~~~~~~\n");
}

Test(check_err, undefined_printed_name)
{
    errors(IND_PCT "target T: \"研发经费\" >= 1% by 2018 phrase \"x\";\n",
           "t.mb:2:11: error: undefined indicator \"研发经费\"\n"
           "  target T: \"研发经费\" >= 1% by 2018 phrase \"x\";\n"
           "            ^~~~~~~~~~\n");
}

Test(check_err, undefined_in_check_part_of_and_formula)
{
    errors("indicator a \"A\" unit 家 higher part of whole;\n"
           "indicator r \"R\" unit 1 higher = a / b;\n"
           "check C: a <= c;\n",
           "t.mb:1:39: error: undefined indicator 'whole'\n"
           "  indicator a \"A\" unit 家 higher part of whole;\n"
           "                                         ^~~~~\n"
           "t.mb:2:37: error: undefined indicator 'b'; did you mean 'a'?\n"
           "  indicator r \"R\" unit 1 higher = a / b;\n"
           "                                      ^\n"
           "t.mb:3:15: error: undefined indicator 'c'; did you mean 'a'?\n"
           "  check C: a <= c;\n"
           "                ^\n");
}

Test(check_err, duplicate_rule_id)
{
    errors(IND_PCT
           "target T1: a >= 5% by 2018 phrase \"x\";\n"
           "check T1: a >= 0;\n",
           "t.mb:3:7: error: duplicate rule id 'T1'\n"
           "  check T1: a >= 0;\n"
           "        ^~\n"
           "t.mb:2:8: note: first defined here\n"
           "  target T1: a >= 5% by 2018 phrase \"x\";\n"
           "         ^~\n");
}

Test(check_err, duplicate_indicator)
{
    errors("indicator hte \"高企数\" unit 家 higher;\n"
           "indicator hte \"高新技术企业数\" unit 家 higher;\n",
           "t.mb:2:11: error: duplicate indicator 'hte'\n"
           "  indicator hte \"高新技术企业数\" unit 家 higher;\n"
           "            ^~~\n"
           "t.mb:1:11: note: first defined here\n"
           "  indicator hte \"高企数\" unit 家 higher;\n"
           "            ^~~\n");
}

Test(check_err, duplicate_indicator_after_nfkc)
{
    errors("indicator hte \"A\" unit 家 higher;\n"
           "indicator ｈｔｅ \"B\" unit 家 higher;\n",
           "t.mb:2:11: error: duplicate indicator 'ｈｔｅ'\n"
           "  indicator ｈｔｅ \"B\" unit 家 higher;\n"
           "            ^~~~~~\n"
           "t.mb:1:11: note: first defined here\n"
           "  indicator hte \"A\" unit 家 higher;\n"
           "            ^~~\n");
}

Test(check_err, printed_name_used_twice)
{
    errors("indicator a \"研发经费占比(%)\" unit % higher;\n"
           "indicator b \"研发经费占比（%）\" unit % higher;\n",
           "t.mb:2:13: error: indicator name \"研发经费占比（%）\" is already used by 'a'\n"
           "  indicator b \"研发经费占比（%）\" unit % higher;\n"
           "              ^~~~~~~~~~~~~~~~~~~\n"
           "t.mb:1:11: note: 'a' defined here\n"
           "  indicator a \"研发经费占比(%)\" unit % higher;\n"
           "            ^\n");
}

Test(check_err, duplicate_plan_and_plan_without_name)
{
    errors("plan p { name \"P\" }\nplan p { name \"Q\" }\nplan q { base 2017 }\n",
           "t.mb:2:6: error: duplicate plan 'p'\n"
           "  plan p { name \"Q\" }\n"
           "       ^\n"
           "t.mb:1:6: note: first defined here\n"
           "  plan p { name \"P\" }\n"
           "       ^\n"
           "t.mb:3:6: error: plan 'q' has no name: add name \"…\"\n"
           "  plan q { base 2017 }\n"
           "       ^\n");
}

/* ---- units ----------------------------------------------------------------------------------- */

Test(check_err, unit_mismatch_percent_on_count)
{
    errors("indicator hte \"高新技术企业数\" unit 家 higher;\n"
           "target T: hte >= 5% by 2018 phrase \"x\";\n",
           "t.mb:2:18: error: unit '%' does not fit indicator 'hte', which is measured in '家'\n"
           "  target T: hte >= 5% by 2018 phrase \"x\";\n"
           "                   ^~\n");
}

Test(check_err, unit_mismatch_other_words)
{
    errors("indicator hte \"高新技术企业数\" unit 家 higher;\n"
           "target T: hte >= 12 件 by 2018 phrase \"x\";\n"
           "indicator r \"比例\" unit 1 higher;\n"
           "target U: r >= 5 家 by 2018 phrase \"x\";\n",
           "t.mb:2:18: error: unit '件' does not fit indicator 'hte', which is measured in '家'\n"
           "  target T: hte >= 12 件 by 2018 phrase \"x\";\n"
           "                   ^~~~~\n"
           "t.mb:4:16: error: unit '家' does not fit indicator 'r', which is measured in '1'\n"
           "  target U: r >= 5 家 by 2018 phrase \"x\";\n"
           "                 ^~~~\n");
}

Test(check_err, scale_word_with_another_unit_word_still_mismatches)
{
    errors("indicator income \"收入\" unit 万元 higher;\n"
           "target T: income >= 8亿人次 by 2024 phrase \"x\";\n",
           "t.mb:2:21: error: unit '亿人次' does not fit indicator 'income', which is measured in '万元'\n"
           "  target T: income >= 8亿人次 by 2024 phrase \"x\";\n"
           "                      ^~~~~~~\n");
}

Test(check_err, unit_mismatch_in_checks)
{
    errors("indicator a \"A\" unit 家 higher;\n"
           "indicator b \"B\" unit % higher;\n"
           "check C1: a <= b;\n"
           "check C2: a between 0 and 5%;\n",
           "t.mb:3:16: error: 'a' is measured in '家' and 'b' in '%': they cannot be compared\n"
           "  check C1: a <= b;\n"
           "                 ^\n"
           "t.mb:4:27: error: unit '%' does not fit indicator 'a', which is measured in '家'\n"
           "  check C2: a between 0 and 5%;\n"
           "                            ^~\n");
}

Test(check_err, part_of_another_unit_and_itself)
{
    errors("indicator whole \"W\" unit 家 higher;\n"
           "indicator piece \"P\" unit % higher part of whole;\n"
           "indicator self \"S\" unit 家 higher part of self;\n",
           "t.mb:2:11: error: 'piece' is part of 'whole' but is measured in '%', not '家'\n"
           "  indicator piece \"P\" unit % higher part of whole;\n"
           "            ^~~~~\n"
           "t.mb:3:42: error: indicator 'self' cannot be part of itself\n"
           "  indicator self \"S\" unit 家 higher part of self;\n"
           "                                            ^~~~\n");
}

Test(check_err, unit_scale_overflow)
{
    errors("indicator a \"A\" unit 万万万万万万万万万万万万万万万元 higher;\n",
           "t.mb:1:22: error: unit scale too large: '万万万万万万万万万万万万万万万元'\n"
           "  indicator a \"A\" unit 万万万万万万万万万万万万万万万元 higher;\n"
           "                       ^~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~\n");
}

Test(check_err, conversion_overflow)
{
    errors("indicator a \"A\" unit 元 higher;\n"
           "target T: a >= 99999999999999999999999999 亿亿亿元 by 2019 phrase \"x\";\n",
           "t.mb:2:16: error: number too large to compute exactly\n"
           "  target T: a >= 99999999999999999999999999 亿亿亿元 by 2019 phrase \"x\";\n"
           "                 ^~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~\n");
}

Test(check_err, missing_unit)
{
    errors("indicator a \"A\" higher;\n",
           "t.mb:1:11: error: indicator 'a' has no unit: add 'unit …' (unit 1 for a pure number)\n"
           "  indicator a \"A\" higher;\n"
           "            ^\n");
}

Test(check_err, missing_direction)
{
    errors("indicator a \"A\" unit %;\n",
           "t.mb:1:11: error: indicator 'a' has no direction: add 'higher' or 'lower' (which is better)\n"
           "  indicator a \"A\" unit %;\n"
           "            ^\n");
}

Test(check_warn, missing_printed_name)
{
    warnings("indicator a unit % higher;\n",
             "t.mb:1:11: warning: indicator 'a' has no printed name: add the name used in the plan\n"
             "  indicator a unit % higher;\n"
             "            ^\n");
}

Test(check_warn, missing_phrase)
{
    warnings(IND_PCT "target T: a >= 5% by 2018;\n",
             "t.mb:2:8: warning: target 'T' has no phrase: quote the plan's words with phrase \"…\"\n"
             "  target T: a >= 5% by 2018;\n"
             "         ^\n");
}

Test(check_warn, warnings_do_not_fail)
{
    load("indicator a unit % higher;\ntarget T: a >= 5% by 2018;\n");
    cr_assert_eq(C.check_rc, 0);
    cr_assert_eq(C.d.errors, 0);
    cr_assert_eq(C.d.warnings, 2);
    cr_assert(C.m->checked);
    done();
}

/* ---- milestones and directions ------------------------------------------------------------------ */

Test(check_err, milestones_fall_on_higher_indicator)
{
    errors(IND_PCT "target T: a >= 5.1% by 2018, 5.3% by 2019, 5.2% by 2020 phrase \"x\";\n",
           "t.mb:2:44: error: milestone for 2020 (5.2%) is below the one for 2019 (5.3%), but 'a' is higher-is-better\n"
           "  target T: a >= 5.1% by 2018, 5.3% by 2019, 5.2% by 2020 phrase \"x\";\n"
           "                                             ^~~~\n");
}

Test(check_err, milestones_rise_on_lower_indicator)
{
    errors("indicator e \"单位GDP能耗\" unit 吨煤/万元 lower;\n"
           "target T: e <= 0.5 by 2018, 0.6 吨煤/万元 by 2019 phrase \"x\";\n",
           "t.mb:2:29: error: milestone for 2019 (0.6 吨煤/万元) is above the one for 2018 (0.5), but 'e' is lower-is-better\n"
           "  target T: e <= 0.5 by 2018, 0.6 吨煤/万元 by 2019 phrase \"x\";\n"
           "                              ^~~~~~~~~~~~~\n");
}

Test(check_ok, milestones_compared_after_conversion_and_sorting)
{
    /* 0.9万家 (9000) in 2020 is above 8000 家 in 2019, whatever the order they are written */
    clean("indicator h \"H\" unit 家 higher;\n"
          "target T: h >= 0.9万家 by 2020, 8000 家 by 2019 phrase \"x\";\n");
    done();
}

Test(check_err, two_milestones_for_one_year)
{
    errors(IND_PCT "target T: a >= 5% by 2019, 6% by 2019 phrase \"x\";\n",
           "t.mb:2:28: error: two milestones for 2019\n"
           "  target T: a >= 5% by 2019, 6% by 2019 phrase \"x\";\n"
           "                             ^~\n");
}

Test(check_err, milestone_without_year)
{
    /* One error per milestone that lacks its year, and nothing about "year 0". */
    errors(IND_PCT "target T: a >= 5% by 2019, 6%, 7% phrase \"x\";\n",
           "t.mb:2:28: error: each milestone needs its year: write '6% by YEAR'\n"
           "  target T: a >= 5% by 2019, 6%, 7% phrase \"x\";\n"
           "                             ^~\n"
           "t.mb:2:32: error: each milestone needs its year: write '7% by YEAR'\n"
           "  target T: a >= 5% by 2019, 6%, 7% phrase \"x\";\n"
           "                                 ^~\n");
}

Test(check_err, milestone_without_year_in_plan_with_deadline)
{
    /* the plan's deadline must not be given to each milestone that lacks a year */
    errors("plan p { name \"P\" deadline 2020 }\n"
           IND_PCT
           "target T: a >= 5% by 2019, 6%, 7% phrase \"x\";\n",
           "t.mb:3:28: error: each milestone needs its year: write '6% by YEAR'\n"
           "  target T: a >= 5% by 2019, 6%, 7% phrase \"x\";\n"
           "                             ^~\n"
           "t.mb:3:32: error: each milestone needs its year: write '7% by YEAR'\n"
           "  target T: a >= 5% by 2019, 6%, 7% phrase \"x\";\n"
           "                                 ^~\n");
}

/* ---- base years and deadlines ---------------------------------------------------------------- */

Test(check_err, base_year_after_plan_deadline)
{
    errors("plan p {\n"
           "  name     \"P\"\n"
           "  base     2019\n"
           "  deadline 2018\n"
           "}\n",
           "t.mb:3:12: error: base year 2019 is not before the deadline 2018\n"
           "    base     2019\n"
           "             ^~~~\n"
           "t.mb:4:12: note: deadline given here\n"
           "    deadline 2018\n"
           "             ^~~~\n");
}

Test(check_err, base_year_after_deadline_cut_and_annual_growth)
{
    errors("indicator co2 \"碳排放强度\" unit 吨/万元 lower;\n"
           "indicator talent \"人才\" unit 人 higher;\n"
           "target T1: co2 cut 20% from 2021 by 2020 phrase \"x\";\n"
           "target T2: talent annual growth >= 15% from 2020 by 2020 phrase \"x\";\n"
           "target T3: talent grow 10% from 2022 by 2020 phrase \"x\";\n"
           "target T4: talent >= 2 × base 2021 by 2020 phrase \"x\";\n",
           "t.mb:3:29: error: base year 2021 is not before the deadline 2020\n"
           "  target T1: co2 cut 20% from 2021 by 2020 phrase \"x\";\n"
           "                              ^~~~\n"
           "t.mb:4:45: error: base year 2020 is not before the deadline 2020\n"
           "  target T2: talent annual growth >= 15% from 2020 by 2020 phrase \"x\";\n"
           "                                              ^~~~\n"
           "t.mb:5:33: error: base year 2022 is not before the deadline 2020\n"
           "  target T3: talent grow 10% from 2022 by 2020 phrase \"x\";\n"
           "                                  ^~~~\n"
           "t.mb:6:31: error: base year 2021 is not before the deadline 2020\n"
           "  target T4: talent >= 2 × base 2021 by 2020 phrase \"x\";\n"
           "                                ^~~~\n");
}

Test(check_err, base_year_after_deadline_taken_from_plan)
{
    /* the deadline comes from the plan when the target has no 'by' */
    errors("plan p { name \"P\" deadline 2018 }\n"
           "indicator co2 \"碳排放强度\" unit 吨/万元 lower;\n"
           "target T1: co2 cut 20% from 2019 phrase \"x\";\n",
           "t.mb:3:29: error: base year 2019 is not before the deadline 2018\n"
           "  target T1: co2 cut 20% from 2019 phrase \"x\";\n"
           "                              ^~~~\n");
}

Test(check_err, from_clause_after_deadline)
{
    errors(IND_PCT "target T: a >= 5% by 2019 phrase \"x\" from 2020;\n",
           "t.mb:2:43: error: base year 2020 is not before the deadline 2019\n"
           "  target T: a >= 5% by 2019 phrase \"x\" from 2020;\n"
           "                                            ^~~~\n");
}

Test(check_err, target_without_deadline)
{
    errors(IND_PCT "target T: a >= 5% phrase \"x\";\n",
           "t.mb:2:8: error: target 'T' has no deadline: add 'by YEAR'\n"
           "  target T: a >= 5% phrase \"x\";\n"
           "         ^\n");
}

Test(check_err, target_without_deadline_in_plan_without_deadline)
{
    errors("plan p {\n  name \"P\"\n  base 2017\n}\n"
           IND_PCT
           "target T: a between 1% and 2% phrase \"x\";\n",
           "t.mb:6:8: error: target 'T' has no deadline: add 'by YEAR' (its plan gives no deadline)\n"
           "  target T: a between 1% and 2% phrase \"x\";\n"
           "         ^\n");
}

Test(check_err, inverted_and_short_periods)
{
    errors(IND_PCT
           "target T1: a >= 1% each year 2020..2018 phrase \"x\";\n"
           "target T2: a rises every year 2020..2020 phrase \"x\";\n",
           "t.mb:2:36: error: inverted period: 2020..2018 ends before it starts\n"
           "  target T1: a >= 1% each year 2020..2018 phrase \"x\";\n"
           "                                     ^~~~\n"
           "t.mb:3:37: error: the period 2020..2020 is too short for this target\n"
           "  target T2: a rises every year 2020..2020 phrase \"x\";\n"
           "                                      ^~~~\n");
}

/* ---- ranges, tolerances, percentages ------------------------------------------------------------ */

Test(check_err, inverted_between)
{
    errors(IND_PCT "target T: a between 5% and 3% by 2018 phrase \"x\";\n",
           "t.mb:2:28: error: inverted range: 3% is below 5%\n"
           "  target T: a between 5% and 3% by 2018 phrase \"x\";\n"
           "                             ^~\n");
}

Test(check_err, inverted_stretch)
{
    errors(IND_PCT "target T: a >= 5% stretch 3% by 2018 phrase \"x\";\n",
           "t.mb:2:27: error: inverted range: 3% is below 5%\n"
           "  target T: a >= 5% stretch 3% by 2018 phrase \"x\";\n"
           "                            ^~\n");
}

Test(check_err, inverted_range_after_conversion)
{
    /* 0.1万家 is 1000 家, below 1200 家 */
    errors("indicator h \"H\" unit 家 higher;\n"
           "target T: h between 1200 and 0.1万家 by 2018 phrase \"x\";\n",
           "t.mb:2:30: error: inverted range: 0.1万家 is below 1200\n"
           "  target T: h between 1200 and 0.1万家 by 2018 phrase \"x\";\n"
           "                               ^~~~~~~\n");
}

Test(check_err, inverted_check_range)
{
    errors(IND_PCT "check C: a between 100 and 0;\n",
           "t.mb:2:28: error: inverted range: the upper bound is below the lower\n"
           "  check C: a between 100 and 0;\n"
           "                             ^\n");
}

Test(check_err, empty_stretch)
{
    errors(IND_PCT "target T: a >= 5% stretch 5% by 2018 phrase \"x\";\n",
           "t.mb:2:27: error: empty range: the stretch equals the requirement\n"
           "  target T: a >= 5% stretch 5% by 2018 phrase \"x\";\n"
           "                            ^~\n");
}

Test(check_err, negative_tolerance)
{
    errors("indicator h \"H\" unit 家 higher;\n"
           "target T1: h about 1200 ± -5 by 2019 phrase \"x\";\n"
           "target T2: h about 1200 家 within -5% by 2020 phrase \"x\";\n",
           "t.mb:2:27: error: negative tolerance\n"
           "  target T1: h about 1200 ± -5 by 2019 phrase \"x\";\n"
           "                            ^~\n"
           "t.mb:3:34: error: negative tolerance\n"
           "  target T2: h about 1200 家 within -5% by 2020 phrase \"x\";\n"
           "                                    ^~~\n");
}

Test(check_err, relative_tolerance_must_be_percent)
{
    errors("indicator h \"H\" unit 家 higher;\n"
           "target T: h about 1200 within 50 家 by 2019 phrase \"x\";\n",
           "t.mb:2:31: error: a relative tolerance must be a percentage, like '20%'\n"
           "  target T: h about 1200 within 50 家 by 2019 phrase \"x\";\n"
           "                                ^~~~~\n");
}

Test(check_err, cut_grow_growth_limits)
{
    errors("indicator h \"H\" unit 家 higher;\n"
           "target T1: h cut 120% from 2016 by 2020 phrase \"x\";\n"
           "target T2: h cut 0% from 2016 by 2020 phrase \"x\";\n"
           "target T3: h grow -5% from 2016 by 2020 phrase \"x\";\n"
           "target T4: h annual growth >= -100% from 2016 by 2020 phrase \"x\";\n"
           "target T5: h grow 5 家 from 2016 by 2020 phrase \"x\";\n"
           "target T6: h >= 0 × base 2016 by 2020 phrase \"x\";\n",
           "t.mb:2:18: error: a cut must be above 0% and at most 100%\n"
           "  target T1: h cut 120% from 2016 by 2020 phrase \"x\";\n"
           "                   ^~~~\n"
           "t.mb:3:18: error: a cut must be above 0% and at most 100%\n"
           "  target T2: h cut 0% from 2016 by 2020 phrase \"x\";\n"
           "                   ^~\n"
           "t.mb:4:19: error: negative growth: write 'cut' instead\n"
           "  target T3: h grow -5% from 2016 by 2020 phrase \"x\";\n"
           "                    ^~~\n"
           "t.mb:5:31: error: an annual growth rate must be above -100%\n"
           "  target T4: h annual growth >= -100% from 2016 by 2020 phrase \"x\";\n"
           "                                ^~~~~\n"
           "t.mb:6:19: error: a growth rate must be a percentage, like '20%'\n"
           "  target T5: h grow 5 家 from 2016 by 2020 phrase \"x\";\n"
           "                    ^~~~\n"
           "t.mb:7:17: error: the factor must be positive\n"
           "  target T6: h >= 0 × base 2016 by 2020 phrase \"x\";\n"
           "                  ^\n");
}

Test(check_err, empty_region_name)
{
    errors(IND_PCT "target T: a > region \"\" by 2018 phrase \"x\";\n",
           "t.mb:2:22: error: empty region name\n"
           "  target T: a > region \"\" by 2018 phrase \"x\";\n"
           "                       ^~\n");
}

/* ---- contradictions ------------------------------------------------------------------------------ */

Test(check_err, contradictory_at_least_and_at_most)
{
    errors("indicator h \"H\" unit 家 higher;\n"
           "target T1: h >= 10 by 2019 phrase \"x\";\n"
           "target T2: h <= 5 by 2019 phrase \"x\";\n",
           "t.mb:3:8: error: targets 'T1' and 'T2' on 'h' for 2019 cannot both hold\n"
           "  target T2: h <= 5 by 2019 phrase \"x\";\n"
           "         ^~\n"
           "t.mb:2:8: note: 'T1' defined here\n"
           "  target T1: h >= 10 by 2019 phrase \"x\";\n"
           "         ^~\n");
}

Test(check_err, contradictory_about_and_interval)
{
    errors("indicator h \"H\" unit 家 higher;\n"
           "target T1: h about 1200 家 within 5% two-sided by 2019 phrase \"x\";\n"
           "target T2: h between 1300 and 1400 by 2019 phrase \"x\";\n",
           "t.mb:3:8: error: targets 'T1' and 'T2' on 'h' for 2019 cannot both hold\n"
           "  target T2: h between 1300 and 1400 by 2019 phrase \"x\";\n"
           "         ^~\n"
           "t.mb:2:8: note: 'T1' defined here\n"
           "  target T1: h about 1200 家 within 5% two-sided by 2019 phrase \"x\";\n"
           "         ^~\n");
}

/* Do two targets on one indicator and year contradict each other? Each about side and each
 * strictness is pinned at its edge: one step past the edge is a contradiction, the edge is not. */
static int contradict(const char *dir, const char *t1, const char *t2)
{
    char src[512];
    snprintf(src, sizeof src, "indicator h \"H\" unit 家 %s;\ntarget T1: h %s by 2019 phrase \"x\";\n"
             "target T2: h %s by 2019 phrase \"x\";\n", dir, t1, t2);
    load(src);
    char *txt = diag_text();
    int hit = strstr(txt, "cannot both hold") != NULL;
    int other = !hit && C.d.n;
    free(txt);
    done();
    cr_assert(!other, "unexpected diagnostics for '%s' and '%s'", t1, t2);
    return hit;
}

Test(check_conflict, about_higher_bounds_below_only)
{
    /* about 1200 within 5% on a higher indicator: at least 1140, no upper bound */
    cr_assert(contradict("higher", "about 1200 家 within 5%", "<= 1139"));
    cr_assert(!contradict("higher", "about 1200 家 within 5%", "<= 1140"));
    cr_assert(contradict("higher", "about 1200 家 within 5%", "< 1140"));
    cr_assert(!contradict("higher", "about 1200 家 within 5%", ">= 100000"));
    cr_assert(!contradict("higher", "about 1200 家 within 5%", "between 1300 and 1400"));
}

Test(check_conflict, about_lower_bounds_above_only)
{
    /* about 50 ± 5 on a lower indicator: at most 55, no lower bound */
    cr_assert(contradict("lower", "about 50 ± 5", ">= 56"));
    cr_assert(!contradict("lower", "about 50 ± 5", ">= 55"));
    cr_assert(contradict("lower", "about 50 ± 5", "> 55"));
    cr_assert(!contradict("lower", "about 50 ± 5", "<= 1"));
}

Test(check_conflict, about_two_sided_bounds_both)
{
    cr_assert(contradict("higher", "about 1200 家 within 5% two-sided", ">= 1261"));
    cr_assert(!contradict("higher", "about 1200 家 within 5% two-sided", ">= 1260"));
    cr_assert(contradict("higher", "about 1200 家 within 5% two-sided", "> 1260"));
    cr_assert(contradict("higher", "about 1200 家 within 5% two-sided", "<= 1139"));
    cr_assert(!contradict("higher", "about 1200 家 within 5% two-sided", "<= 1140"));
}

Test(check_conflict, each_strictness_at_the_edge)
{
    cr_assert(!contradict("higher", ">= 10", "<= 10"));
    cr_assert(contradict("higher", "> 10", "<= 10"));
    cr_assert(contradict("higher", ">= 10", "< 10"));
    cr_assert(!contradict("higher", "= 10", "between 10 and 12"));
    cr_assert(contradict("higher", "= 9", "between 10 and 12"));
    cr_assert(contradict("higher", "= 13", "between 10 and 12"));
    cr_assert(!contradict("higher", ">= 10 stretch 20", "<= 10"));
    cr_assert(contradict("higher", ">= 10 stretch 20", "< 10"));
}

/* Three targets: of two equal bounds on one side, the strict one is the one that decides,
 * whichever comes first. */
static int contradict3(const char *t1, const char *t2, const char *t3)
{
    char src[512];
    snprintf(src, sizeof src, "indicator h \"H\" unit 家 higher;\ntarget T1: h %s by 2019 phrase \"x\";\n"
             "target T2: h %s by 2019 phrase \"x\";\ntarget T3: h %s by 2019 phrase \"x\";\n", t1, t2, t3);
    load(src);
    char *txt = diag_text();
    int hit = strstr(txt, "cannot both hold") != NULL;
    free(txt);
    done();
    return hit;
}

Test(check_conflict, the_strict_of_two_equal_bounds_decides)
{
    cr_assert(contradict3(">= 10", "> 10", "<= 10"));
    cr_assert(contradict3("> 10", ">= 10", "<= 10"));
    cr_assert(contradict3("<= 10", "< 10", ">= 10"));
    cr_assert(contradict3("< 10", "<= 10", ">= 10"));
    cr_assert(!contradict3(">= 10", ">= 10", "<= 10"));
}

Test(check_ok, targets_of_different_plans_are_not_compared)
{
    /* two plans may ask different things of one indicator (different regions, or policies) */
    clean("indicator h \"H\" unit 家 higher;\n"
          "plan a { name \"A\" }\n"
          "target T1: h >= 10 by 2019 phrase \"x\";\n"
          "plan b { name \"B\" }\n"
          "target T2: h <= 5 by 2019 phrase \"x\";\n");
    done();
}

Test(check_err, contradictory_after_conversion_and_strictness)
{
    /* 1.2万家 = 12000; "> 12000" and "= 12000" cannot both hold */
    errors("indicator h \"H\" unit 家 higher;\n"
           "target T1: h > 1.2万家 by 2019 phrase \"x\";\n"
           "target T2: h = 12000 by 2019 phrase \"x\";\n",
           "t.mb:3:8: error: targets 'T1' and 'T2' on 'h' for 2019 cannot both hold\n"
           "  target T2: h = 12000 by 2019 phrase \"x\";\n"
           "         ^~\n"
           "t.mb:2:8: note: 'T1' defined here\n"
           "  target T1: h > 1.2万家 by 2019 phrase \"x\";\n"
           "         ^~\n");
}

Test(check_ok, compatible_targets_are_not_contradictions)
{
    /* touching bounds, other years, other indicators, about ± overlapping an interval */
    clean("indicator h \"H\" unit 家 higher;\n"
          "indicator g \"G\" unit 家 higher;\n"
          "target T1: h >= 10 by 2019 phrase \"x\";\n"
          "target T2: h <= 10 by 2019 phrase \"x\";\n"
          "target T3: h <= 5 by 2020 phrase \"x\";\n"
          "target T4: g <= 5 by 2019 phrase \"x\";\n"
          "target T5: h about 10 ± 2 by 2021 phrase \"x\";\n"
          "target T6: h between 11 and 20 by 2021 phrase \"x\";\n");
    done();
}

/* ---- derived indicators ------------------------------------------------------------------------ */

Test(check_err, derived_cycle)
{
    errors("indicator a \"A\" unit 1 higher = b + 1;\n"
           "indicator b \"B\" unit 1 higher = a * 2;\n",
           "t.mb:1:33: error: derived indicator 'a' depends on itself\n"
           "  indicator a \"A\" unit 1 higher = b + 1;\n"
           "                                  ^~~~~\n");
}

Test(check_err, derived_self_reference)
{
    errors("indicator a \"A\" unit 1 higher = a + 1;\n",
           "t.mb:1:33: error: derived indicator 'a' depends on itself\n"
           "  indicator a \"A\" unit 1 higher = a + 1;\n"
           "                                  ^~~~~\n");
}

Test(check_err, derived_cycle_reached_from_outside)
{
    /* c is not on the cycle but leads into it; the cycle a -> b -> a must still be reported */
    errors("indicator c \"C\" unit 1 higher = a + 0;\n"
           "indicator a \"A\" unit 1 higher = b + 1;\n"
           "indicator b \"B\" unit 1 higher = a * 2;\n",
           "t.mb:2:33: error: derived indicator 'a' depends on itself\n"
           "  indicator a \"A\" unit 1 higher = b + 1;\n"
           "                                  ^~~~~\n");
}

Test(check_err, derived_cycle_among_later_indicators)
{
    /* a -> b -> c -> b: the cycle b <-> c does not include the first indicator */
    errors("indicator a \"A\" unit 1 higher = b;\n"
           "indicator b \"B\" unit 1 higher = c;\n"
           "indicator c \"C\" unit 1 higher = b;\n",
           "t.mb:2:33: error: derived indicator 'b' depends on itself\n"
           "  indicator b \"B\" unit 1 higher = c;\n"
           "                                  ^\n");
}

Test(check_ok, derived_diamond_is_not_a_cycle)
{
    clean("indicator x \"X\" unit 1 higher;\n"
          "indicator l \"L\" unit 1 higher = x + 1;\n"
          "indicator r \"R\" unit 1 higher = x * 2;\n"
          "indicator top \"T\" unit 1 higher = l / r;\n");
    done();
}

/* ---- imports ------------------------------------------------------------------------------------- */

Test(check_err, import_cycle)
{
    cr_assert_eq(chdir(mbt_src_path("tests/data")), 0);
    load_file("import_cycle_a.mb");
    char *s = diag_text();
    cr_expect_str_eq(s,
                     "./import_cycle_b.mb:1:8: error: import cycle: './import_cycle_a.mb' imports itself through its imports\n"
                     "  import \"import_cycle_a.mb\";\n"
                     "         ^~~~~~~~~~~~~~~~~~~\n");
    free(s);
    cr_assert_neq(C.load_rc, 0);
    cr_assert_eq(C.m->io_error, 0, "a cycle is a rule error, not an unreadable file");
    done();
}

Test(check_err, unreadable_import)
{
    cr_assert_eq(chdir(mbt_src_path("tests/data")), 0);
    load_file("import_missing.mb");
    char *s = diag_text();
    cr_expect_str_eq(s,
                     "import_missing.mb:2:8: error: cannot read './no_such_catalogue.mb': No such file or directory\n"
                     "  import \"no_such_catalogue.mb\";\n"
                     "         ^~~~~~~~~~~~~~~~~~~~~~\n");
    free(s);
    cr_assert_neq(C.load_rc, 0);
    cr_assert_eq(C.m->io_error, 1);
    done();
}

Test(check_err, import_of_a_directory)
{
    cr_assert_eq(chdir(mbt_src_path("tests")), 0);
    load("import \"data\";\n");
    char *s = diag_text();
    cr_expect_str_eq(s,
                     "t.mb:1:8: error: cannot read './data': is a directory\n"
                     "  import \"data\";\n"
                     "         ^~~~~~\n");
    free(s);
    cr_assert_eq(C.m->io_error, 1);
    done();
}

Test(check_err, unreadable_top_file)
{
    load_file("/nonexistent/rules.mb");
    char *s = diag_text();
    cr_expect_str_eq(s, "mubiao: error: cannot read '/nonexistent/rules.mb': No such file or directory\n");
    free(s);
    cr_assert_eq(C.m->io_error, 1);
    done();
}

Test(check_ok, import_read_once)
{
    /* a catalogue imported twice (directly and through another file) is read once */
    cr_assert_eq(chdir(mbt_src_path("tests/data")), 0);
    clean("import \"every_construct_catalogue.mb\";\n"
          "import \"./every_construct_catalogue.mb\";\n"
          "target T: gdp grow 5% from 2017 by 2018 phrase \"x\";\n");
    cr_assert_eq(C.m->ntexts, 2);
    cr_assert_eq(C.m->ninds, 2);
    done();
}

/* ---- the resolved model ------------------------------------------------------------------------ */

Test(check_ok, unit_conversion_into_indicator_unit)
{
    clean("indicator income \"技术合同成交额\" unit 万元 higher;\n"
          "indicator firms \"企业数\" unit 家 higher;\n"
          "indicator energy \"能耗\" unit 吨煤/亿元 lower;\n"
          "target T1: income >= 28亿元 by 2020 phrase \"x\";\n"
          "target T2: firms >= 1.2万家 by 2020 phrase \"x\";\n"
          "target T3: energy <= 0.5 吨煤/万元 by 2020 phrase \"x\";\n"
          "target T4: income about 3亿元 ± 500 万元 by 2019 phrase \"x\";\n"
          "target T5: firms between 0.1万家 and 1500 by 2019 phrase \"x\";\n"
          "target T6: income >= 900 by 2018 phrase \"x\";\n"
          "check C1: income <= 100亿元;\n");
    mb_rule *r = rule("T1");
    cr_assert_eq(r->ngoals, 1);
    cr_assert_str_eq(numtext(r->goals[0].value), "280000");
    cr_assert_str_eq(r->goals[0].text, "28亿元");
    cr_assert_eq(r->goals[0].year, 2020);
    cr_assert_str_eq(numtext(rule("T2")->goals[0].value), "12000");
    cr_assert_str_eq(numtext(rule("T3")->goals[0].value), "5000");
    r = rule("T4");
    cr_assert_str_eq(numtext(r->a), "30000");
    cr_assert_str_eq(numtext(r->b), "500");
    cr_assert(!r->tol_relative);
    r = rule("T5");
    cr_assert_str_eq(numtext(r->a), "1000");
    cr_assert_str_eq(numtext(r->b), "1500");
    cr_assert_str_eq(numtext(rule("T6")->goals[0].value), "900"); /* bare: the indicator's unit */
    cr_assert_str_eq(numtext(check_at(0)->a), "1000000");
    cr_assert_str_eq(C.m->inds[0]->unit.text, "万元");
    cr_assert_str_eq(C.m->inds[0]->unit.base, "元");
    done();
}

Test(check_ok, scale_word_alone_scales_the_indicator_unit)
{
    /* 12亿 on an indicator in 人次 is 12亿人次; in 万人次 it is 120000 of them, exactly */
    clean("indicator visits \"旅游人次\" unit 人次 higher;\n"
          "indicator visits_w \"旅游人次(万)\" unit 万人次 higher;\n"
          "indicator income \"收入\" unit 万元 higher;\n"
          "indicator ratio \"比\" unit 1 higher;\n"
          "target T1: visits >= 12亿 by 2024 phrase \"12亿人次\";\n"
          "target T2: visits_w >= 12亿 by 2024 phrase \"12亿人次\";\n"
          "target T3: income about 8亿 ± 500万 by 2024 phrase \"8亿元左右\";\n"
          "target T4: ratio >= 2万 by 2024 phrase \"2万\";\n"
          "target T5: visits_w >= 3.5 by 2024 phrase \"3.5万人次\";\n");
    cr_assert_str_eq(numtext(rule("T1")->goals[0].value), "1200000000");
    cr_assert_str_eq(numtext(rule("T2")->goals[0].value), "120000");
    cr_assert_str_eq(numtext(rule("T3")->a), "80000");
    cr_assert_str_eq(numtext(rule("T3")->b), "500");
    cr_assert_str_eq(numtext(rule("T4")->goals[0].value), "20000");
    cr_assert_str_eq(numtext(rule("T5")->goals[0].value), "3.5");
    done();
}

Test(check_ok, percentage_points_are_not_a_relative_cut)
{
    /* 下降3个百分点: ≤ base − 3, added to the base; 下降3%: ≤ 0.97 × base */
    clean("indicator coal \"煤炭消费比重\" unit % lower;\n"
          "indicator urban \"城镇化率\" unit % higher;\n"
          "target T1: coal cut 3个百分点 from 2020 by 2025 phrase \"下降3个百分点\";\n"
          "target T2: coal cut 3% from 2020 by 2025 phrase \"下降3%\";\n"
          "target T3: urban grow 2百分点 from 2020 by 2025 phrase \"提高2个百分点\";\n");
    const mb_rule *r = rule("T1");
    cr_assert_eq(r->form, MB_FORM_CUT_POINTS);
    cr_assert_eq(r->crit[0].scale, MB_SCALE_OFFSET);
    cr_assert(r->crit[0].hi.on && !r->crit[0].lo.on);
    cr_assert_str_eq(numtext(r->crit[0].hi.v), "-3");
    r = rule("T2");
    cr_assert_eq(r->form, MB_FORM_CUT);
    cr_assert_eq(r->crit[0].scale, MB_SCALE_BASE);
    cr_assert_str_eq(numtext(r->crit[0].hi.v), "0.97");
    r = rule("T3");
    cr_assert_eq(r->form, MB_FORM_GROW_POINTS);
    cr_assert_str_eq(numtext(r->crit[0].lo.v), "2");
    mb_bound lo, hi;
    cr_assert_eq(mb_crit_bounds(&rule("T1")->crit[0], mb_num_int(0), &lo, &hi), MB_NUM_OK);
    cr_assert_str_eq(numtext(hi.v), "-3"); /* from a share of 0: 0 − 3, not refused */
    done();
}

Test(check_ok, plan_defaults_and_names)
{
    clean("plan p {\n"
          "  name \"P\"\n"
          "  region \"某市\", \"某区\"\n"
          "  base 2017\n"
          "  deadline 2019, 2020, 2018\n"
          "}\n"
          "indicator rd \"研发经费占比(%)\" unit % higher category \"C\" owner \"O1\", \"O2\" source \"S\";\n"
          "target T1: \"研发经费占比（%）\" >= 3% phrase \"x\";\n"
          "target T2: rd >= 3.5% by 2019 phrase \"y\" category \"C2\" owner \"O3\" from 2016 note \"n\";\n"
          "target T3: rd > region \"江苏省\" phrase \"z\";\n"
          "target T4: qualitative phrase \"q\";\n");
    cr_assert_eq(C.m->nplans, 1);
    cr_assert_eq(C.m->plans[0]->nregions, 2);
    mb_rule *r = rule("T1");
    cr_assert_eq(r->ind, C.m->inds[0], "printed name with fullwidth parentheses resolves");
    cr_assert_eq(r->plan, C.m->plans[0]);
    cr_assert_eq(r->goals[0].year, 2020, "the plan's last deadline");
    cr_assert_eq(r->base_year, 2017, "the plan's base");
    cr_assert_str_eq(r->category, "C");
    cr_assert_eq(r->nowners, 2);
    cr_assert_str_eq(r->source, "S");
    r = rule("T2");
    cr_assert_eq(r->base_year, 2016);
    cr_assert_str_eq(r->category, "C2");
    cr_assert_eq(r->nowners, 1);
    cr_assert_str_eq(r->owners[0].text, "O3");
    cr_assert_str_eq(r->note, "n");
    r = rule("T3");
    cr_assert_eq(r->form, MB_FORM_ABOVE_REGION);
    cr_assert_str_eq(r->region, "江苏省");
    cr_assert_eq(r->goals[0].year, 2020);
    r = rule("T4");
    cr_assert_null(r->ind);
    cr_assert_eq(r->form, MB_FORM_QUALITATIVE);
    /* lookup by id and by printed name, after NFKC */
    const char *k = "研发经费占比（％）";
    cr_assert_eq(mb_model_indicator(C.m, k, strlen(k)), C.m->inds[0]);
    cr_assert_eq(mb_model_indicator(C.m, "rd", 2), C.m->inds[0]);
    cr_assert_null(mb_model_indicator(C.m, "nope", 4));
    done();
}

Test(check_ok, forms_in_the_model)
{
    clean("indicator h \"H\" unit 家 higher;\n"
          "target T1: h annual growth >= 15% from 2016 by 2020 phrase \"x\";\n"
          "target T2: h >= 2 × base 2013 by 2015 phrase \"x\";\n"
          "target T3: h >= 60 家 each year 2022..2024 phrase \"x\";\n"
          "target T4: h about 1200 家 within 5% by 2018 phrase \"x\";\n"
          "target T5: h >= 1 家 stretch 2 家 by 2018 phrase \"x\";\n");
    mb_rule *r = rule("T1");
    cr_assert_eq(r->form, MB_FORM_ANNUAL_GROWTH);
    cr_assert_str_eq(numtext(r->a), "15");
    cr_assert_eq(r->base_year, 2016);
    cr_assert_eq(r->goals[0].year, 2020);
    r = rule("T2");
    cr_assert_eq(r->form, MB_FORM_RELATIVE);
    cr_assert_str_eq(numtext(r->a), "2");
    cr_assert_eq(r->base_year, 2013);
    r = rule("T3");
    cr_assert_eq(r->y1, 2022);
    cr_assert_eq(r->y2, 2024);
    cr_assert_eq(r->goals[0].year, 2024);
    r = rule("T4");
    cr_assert(r->tol_relative);
    cr_assert_str_eq(numtext(r->b), "5");
    r = rule("T5");
    cr_assert_eq(r->form, MB_FORM_RANGE);
    cr_assert_str_eq(numtext(r->a), "1");
    cr_assert_str_eq(numtext(r->b), "2");
    done();
}

Test(check_ok, data_checks_from_indicator_clauses)
{
    clean("indicator whole \"W\" unit 家 higher integer;\n"
          "indicator piece \"P\" unit 万家 higher part of whole;\n");
    cr_assert_eq(C.m->nchecks, 2);
    cr_assert_eq(check_at(0)->kind, MB_DC_INTEGER);
    cr_assert_eq(check_at(0)->ind, C.m->inds[0]);
    cr_assert_eq(check_at(1)->kind, MB_DC_CMP_IND);
    cr_assert_eq(check_at(1)->cmp, MB_CMP_LE);
    cr_assert_eq(check_at(1)->other, C.m->inds[0]);
    cr_assert_eq(C.m->inds[1]->part_of, C.m->inds[0]);
    done();
}

Test(check_ok, every_construct_file)
{
    load_file(mbt_src_path("tests/data/every_construct.mb"));
    if (C.d.n) {
        char *s = diag_text();
        cr_assert_fail("unexpected diagnostics:\n%s", s);
        free(s);
    }
    cr_assert_eq(C.check_rc, 0);
    cr_assert_eq(C.m->ntexts, 2);
    cr_assert_eq(C.m->nplans, 1);
    cr_assert_eq(C.m->ninds, 25);
    cr_assert_eq(C.m->nrules, 44);
    /* T42..T44: due in quarters and a month, on a flow and a stock */
    cr_assert_eq(rule("T42")->ngoals, 2);
    cr_assert_eq(rule("T42")->goals[0].sub, 13);
    cr_assert_eq(rule("T42")->goals[1].sub, 14);
    cr_assert_eq(rule("T43")->goals[0].sub, 13);
    cr_assert_eq(rule("T43")->goals[0].year, 2020);
    cr_assert_eq(rule("T44")->goals[0].sub, 3);
    cr_assert_eq(rule("T42")->ind->flow, 1);
    cr_assert_eq(rule("T44")->ind->flow, -1);
    /* T35: a share of another region, the exact fraction; T36: a target's own region */
    cr_assert_eq(rule("T35")->form, MB_FORM_SHARE_REGION);
    cr_assert(mb_num_eq(rule("T35")->crit[0].lo.v, (mb_num){1, 3}));
    cr_assert_eq(rule("T36")->nregions, 1);
    cr_assert_str_eq(rule("T36")->regions[0].text, "某区");
    cr_assert_eq(rule("T01")->nregions, 0);
    /* T41: a printed base value, which its criterion reads for its base year */
    cr_assert_not_null(rule("T41")->printed);
    cr_assert_eq(rule("T41")->printed->year, 2016);
    cr_assert(mb_num_eq(rule("T41")->printed->value, (mb_num){8, 10}));
    cr_assert_eq(rule("T41")->crit[0].printed, rule("T41")->printed);
    cr_assert_null(rule("T15")->printed);
    cr_assert_null(rule("T15")->crit[0].printed);
    /* T37..T40: growth over the previous year, one criterion per year, each against the
     * year before it; a submitted rate is compared as it is */
    const mb_rule *g = rule("T38");
    cr_assert_eq(g->ngoals, 2);
    cr_assert_eq(g->crit[1].scale, MB_SCALE_BASE);
    cr_assert_eq(g->crit[1].base_year, 2019);
    cr_assert_str_eq(numtext(g->crit[1].lo.v), "1.07");
    cr_assert(g->crit[1].lo.strict);
    g = rule("T37");
    cr_assert_str_eq(numtext(g->crit[0].lo.v), "1.055");
    cr_assert_eq(g->crit[0].mark_kind, MB_MARK_EXCEEDED);
    cr_assert_str_eq(numtext(g->crit[0].mark.v), "1.065");
    g = rule("T39");
    cr_assert(g->yoy_rate);
    cr_assert_eq(g->ngoals, 2);
    cr_assert_eq(g->crit[0].scale, MB_SCALE_NONE);
    cr_assert_str_eq(numtext(g->crit[0].lo.v), "5");
    cr_assert_eq(g->crit[1].year, 2020);
    g = rule("T40");
    cr_assert(mb_rule_last_year(g));
    cr_assert_str_eq(numtext(g->crit[0].lo.v), "1");
    /* T33, T34: attributes and a second phrase, kept in the model as written */
    cr_assert_eq(rule("T33")->binding, 1);
    cr_assert_eq(rule("T33")->aspiration, 1);
    cr_assert_eq(rule("T33")->nphrases, 2);
    cr_assert_str_eq(rule("T33")->phrases[1].text, "研发投入占比 3%");
    cr_assert_str_eq(rule("T33")->phrase, "力争研发投入占比达到3%");
    cr_assert_eq(rule("T34")->binding, -1);
    cr_assert_eq(rule("T34")->aspiration, 0);
    cr_assert_eq(rule("T01")->binding, 0);
    cr_assert_eq(rule("T01")->nphrases, 1);
    /* T05: 28亿元 on an indicator in 万元 */
    cr_assert_str_eq(numtext(rule("T05")->goals[0].value), "280000");
    /* T28: fullwidth ２．７４％ by ２０１８ */
    cr_assert_str_eq(numtext(rule("T28")->goals[0].value), "2.74");
    cr_assert_eq(rule("T28")->goals[0].year, 2018);
    done();
}

Test(check_err, errors_across_statements_in_one_run)
{
    errors("indicator a \"A\" unit 家 higher;\n"
           "indicator a \"A2\" unit 家 higher;\n"
           "target T1: b >= 1 by 2018 phrase \"x\";\n"
           "target T2: a >= 5% by 2018 phrase \"x\";\n"
           "target T2: a >= 5 by 2018 phrase \"x\";\n",
           "t.mb:2:11: error: duplicate indicator 'a'\n"
           "  indicator a \"A2\" unit 家 higher;\n"
           "            ^\n"
           "t.mb:1:11: note: first defined here\n"
           "  indicator a \"A\" unit 家 higher;\n"
           "            ^\n"
           "t.mb:3:12: error: undefined indicator 'b'; did you mean 'a'?\n"
           "  target T1: b >= 1 by 2018 phrase \"x\";\n"
           "             ^\n"
           "t.mb:4:17: error: unit '%' does not fit indicator 'a', which is measured in '家'\n"
           "  target T2: a >= 5% by 2018 phrase \"x\";\n"
           "                  ^~\n"
           "t.mb:5:8: error: duplicate rule id 'T2'\n"
           "  target T2: a >= 5 by 2018 phrase \"x\";\n"
           "         ^~\n"
           "t.mb:4:8: note: first defined here\n"
           "  target T2: a >= 5% by 2018 phrase \"x\";\n"
           "         ^~\n");
}
