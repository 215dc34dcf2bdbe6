/* test_fixes.c — the fixes the parser and checker record with a diagnostic (mb_diag.fix,
 * what an editor offers as a quick fix): applied to the text, each gives a file without that
 * diagnostic. */
#include <criterion/criterion.h>
#include <stdlib.h>
#include <string.h>

#include "model.h"

/* Loads and checks src; returns the first diagnostic with code (copied fields), or fails. */
typedef struct found {
    int have_fix;
    char fixed[1024];   /* src with the fix applied */
    char msg[512];
} found;

static size_t count_code(const char *src, mb_code code, found *out)
{
    mb_model *m = mb_model_new();
    cr_assert_not_null(m);
    mb_diags d;
    mb_diags_init(&d, 50);
    if (mb_model_load_text(m, "t.mb", src, strlen(src), &d) == 0 && d.errors == 0) mb_model_check(m, &d);
    size_t n = 0;
    for (size_t i = 0; i < d.n; i++) {
        const mb_diag *g = &d.v[i];
        if (g->code != code) continue;
        if (!n++ && out) {
            snprintf(out->msg, sizeof out->msg, "%s", g->msg);
            out->have_fix = g->fix != NULL;
            if (g->fix) {
                cr_assert_eq(g->fix_span.text->data, m->texts[0]->data, "the fix is in the file");
                snprintf(out->fixed, sizeof out->fixed, "%.*s%s%s", (int)g->fix_span.start, src, g->fix,
                         src + g->fix_span.end);
            }
        }
    }
    mb_diags_free(&d);
    mb_model_free(m);
    return n;
}

static void fixes(const char *src, mb_code code, const char *want_msg, const char *want)
{
    found f;
    cr_assert_eq(count_code(src, code, &f), 1, "%s", src);
    cr_assert_str_eq(f.msg, want_msg);
    cr_assert(f.have_fix);
    cr_assert_str_eq(f.fixed, want);
    cr_assert_eq(count_code(f.fixed, code, NULL), 0, "fixed: %s", f.fixed);
}

#define IND "indicator rd_gdp \"全社会研发经费支出占地区生产总值比重\" unit % higher;\n"

Test(fixes, undefined_id_to_the_nearest_id)
{
    fixes(IND "target T: rd_gdpx >= 2% by 2018 phrase \"达到2%\";\n", MB_D_UNDEFINED_INDICATOR,
          "undefined indicator 'rd_gdpx'; did you mean 'rd_gdp'?",
          IND "target T: rd_gdp >= 2% by 2018 phrase \"达到2%\";\n");
}

Test(fixes, undefined_printed_name_to_the_nearest_nfkc_name)
{
    /* one character off, written with a fullwidth percent sign elsewhere: distances are in
     * characters of the NFKC form */
    fixes(IND "target T: \"全社会研发经费支出占地区生产总值比例\" >= 2％ by 2018 phrase \"达到2%\";\n",
          MB_D_UNDEFINED_INDICATOR,
          "undefined indicator \"全社会研发经费支出占地区生产总值比例\"; did you mean \"全社会研发经费支出占地区生产总值比重\"?",
          IND "target T: \"全社会研发经费支出占地区生产总值比重\" >= 2％ by 2018 phrase \"达到2%\";\n");
    found f;
    cr_assert_eq(count_code(IND "target T: \"全社会\" >= 2% by 2018 phrase \"p\";\n", MB_D_UNDEFINED_INDICATOR, &f), 1);
    cr_assert_not(f.have_fix, "a name too short to be a misspelling gets no suggestion");
}

Test(fixes, missing_semicolon_inserted_after_the_statement)
{
    fixes(IND "target T: rd_gdp >= 2% by 2018 phrase \"达到2%\"  \ntarget U: rd_gdp >= 3% by 2019 phrase \"p\";\n",
          MB_D_SYNTAX,
          "syntax error: unexpected 'target' (is a ';' missing at the end of the statement before it?)",
          IND "target T: rd_gdp >= 2% by 2018 phrase \"达到2%\";  \ntarget U: rd_gdp >= 3% by 2019 phrase \"p\";\n");
}

Test(fixes, strictness_the_phrase_asks_for)
{
    fixes(IND "target T: rd_gdp > 2.74% by 2018 phrase \"研发投入占比超过全省平均水平、达到2.74%\";\n",
          MB_D_WORDING_STRICTNESS, "the phrase says 达到2.74 (at least: '>=') but the target compares with '>'",
          IND "target T: rd_gdp >= 2.74% by 2018 phrase \"研发投入占比超过全省平均水平、达到2.74%\";\n");
    fixes(IND "target T: rd_gdp ≥ 30 by 2018, 31 by 2019 phrase \"超 30\", \"超31\";\n",
          MB_D_WORDING_STRICTNESS, "the phrase says 超30 (more than: '>') but the target compares with '>='",
          IND "target T: rd_gdp > 30 by 2018, 31 by 2019 phrase \"超 30\", \"超31\";\n");
    /* the word must stand right before the number; a longer number is another number */
    cr_assert_eq(count_code(IND "target T: rd_gdp > 2.7% by 2018 phrase \"达到2.74%，超过2.7%\";\n", MB_D_WORDING_STRICTNESS, NULL), 0);
    cr_assert_eq(count_code(IND "target T: rd_gdp > 4% by 2018 phrase \"达到14%\";\n", MB_D_WORDING_STRICTNESS, NULL), 0);
    cr_assert_eq(count_code(IND "target T: rd_gdp >= 4% by 2018 phrase \"达到4%\";\n", MB_D_WORDING_STRICTNESS, NULL), 0);
}

/* The phrase check's fixes (check_phrase_fix.c): only where the phrase leaves one reading. */
#define HTE "indicator hte \"高新技术企业数\" unit 家 higher;\nindicator gdp \"地区生产总值\" unit 亿元 higher;\n"

Test(fixes, aspiration_added_to_the_statement)
{
    fixes(IND "target T: rd_gdp >= 3% by 2018\n  phrase \"力争研发投入占比达到3%\";\n", MB_D_PHRASE_ASPIRATION,
          "the phrase is an aspiration (力争, 争取): add 'aspiration' to rule T",
          IND "target T: rd_gdp >= 3% by 2018\n  phrase \"力争研发投入占比达到3%\" aspiration;\n");
}

Test(fixes, deadline_moved_to_the_one_year_of_the_phrase)
{
    fixes(IND "target T: rd_gdp >= 2.5% by 2018 phrase \"到2020年研发投入占比达到2.5%\";\n", MB_D_PHRASE_YEAR,
          "the phrase speaks of 2020, which is not a year of rule T (its deadline is 2018)",
          IND "target T: rd_gdp >= 2.5% by 2020 phrase \"到2020年研发投入占比达到2.5%\";\n");
    fixes(HTE "target T: hte >= 2 × base 2013 by 2014 phrase \"到2015年高新技术企业数翻一番\";\n", MB_D_PHRASE_YEAR,
          "the phrase speaks of 2015, which is not a year of rule T (its deadline is 2014)",
          HTE "target T: hte >= 2 × base 2013 by 2015 phrase \"到2015年高新技术企业数翻一番\";\n");
    found f;
    /* two years the rule lacks; the rule's own year named too; a base year; milestones */
    cr_assert_eq(count_code(IND "target T: rd_gdp >= 2.5% by 2018 phrase \"2019年达到2%,2020年达到2.5%\";\n", MB_D_PHRASE_YEAR, &f), 2);
    cr_assert_not(f.have_fix);
    cr_assert_eq(count_code(IND "target T: rd_gdp >= 2.5% by 2018 phrase \"2018年达到2.5%,2020年达到3%\";\n", MB_D_PHRASE_YEAR, &f), 1);
    cr_assert_not(f.have_fix);
    cr_assert_eq(count_code(HTE "target T: hte >= 2 × base 2012 by 2015 phrase \"在2013年基础上翻一番\";\n", MB_D_PHRASE_YEAR, &f), 1);
    cr_assert_not(f.have_fix, "2013 is the year the growth is measured from, not a deadline");
    cr_assert_eq(count_code(IND "target T: rd_gdp >= 2.5% by 2018 phrase \"研发投入占比比2016年提高\";\n", MB_D_PHRASE_YEAR, &f), 1);
    cr_assert_not(f.have_fix);
    cr_assert_eq(count_code(IND "target T: rd_gdp >= 2% by 2018, 2.5% by 2019 phrase \"到2020年达到2.5%\";\n", MB_D_PHRASE_YEAR, &f), 1);
    cr_assert_not(f.have_fix, "milestones: which deadline would move?");
}

Test(fixes, about_with_the_tolerance_the_phrase_prints)
{
    fixes(HTE "target T: hte >= 1200 家 by 2018 phrase \"高新技术企业达到1200家左右(上下浮动5%)\";\n", MB_D_PHRASE_ABOUT,
          "the phrase says about (左右), but rule T has no tolerance: write 'about' with its tolerance (± D or within N%)",
          HTE "target T: hte about 1200 家 within 5% by 2018 phrase \"高新技术企业达到1200家左右(上下浮动5%)\";\n");
    fixes(HTE "target T: gdp growth >= 6% by 2018 phrase \"地区生产总值增长6%左右(±0.5个百分点)\";\n", MB_D_PHRASE_ABOUT,
          "the phrase says about (左右), but rule T has no tolerance: write 'about' with its tolerance (± D or within N%)",
          HTE "target T: gdp growth about 6% ± 0.5% by 2018 phrase \"地区生产总值增长6%左右(±0.5个百分点)\";\n");
    fixes(IND "target T: rd_gdp ≥ 3% by 2018 phrase \"研发投入占比3%左右,正负0.2个百分点\";\n", MB_D_PHRASE_ABOUT,
          "the phrase says about (左右), but rule T has no tolerance: write 'about' with its tolerance (± D or within N%)",
          IND "target T: rd_gdp about 3% ± 0.2% by 2018 phrase \"研发投入占比3%左右,正负0.2个百分点\";\n");
    fixes(HTE "target T: hte >= 1200 家 by 2018 phrase \"高新技术企业1200家左右±50家\";\n", MB_D_PHRASE_ABOUT,
          "the phrase says about (左右), but rule T has no tolerance: write 'about' with its tolerance (± D or within N%)",
          HTE "target T: hte about 1200 家 ± 50 by 2018 phrase \"高新技术企业1200家左右±50家\";\n");
    found f;
    /* no tolerance printed: the plan's to give, never a default */
    cr_assert_eq(count_code(HTE "target T: hte >= 1200 家 by 2018 phrase \"高新技术企业达到1200家左右\";\n", MB_D_PHRASE_ABOUT, &f), 1);
    cr_assert_not(f.have_fix);
    /* ±0.5% of a rate: points or a share of it? */
    cr_assert_eq(count_code(HTE "target T: gdp growth >= 6% by 2018 phrase \"增长6%左右(±0.5%)\";\n", MB_D_PHRASE_ABOUT, &f), 1);
    cr_assert_not(f.have_fix);
}

Test(fixes, none_for_a_number_or_a_direction)
{
    found f;
    cr_assert_eq(count_code(HTE "target T: hte >= 1200 家 by 2018 phrase \"高新技术企业数达到1.2万家\";\n", MB_D_PHRASE_NUMBER, &f), 1);
    cr_assert_not(f.have_fix, "the rule's value or the phrase's scale may be the wrong one");
    cr_assert_eq(count_code(IND "target T: rd_gdp cut 10% from 2017 by 2018 phrase \"研发投入占比下降10%\";\n", MB_D_PHRASE_DIRECTION, &f), 1);
    cr_assert_not(f.have_fix, "the indicator or the rule may be the wrong way round");
}
