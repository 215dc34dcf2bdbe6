/* test_api.c — the public API as a program of its own sees it: built with interpreter/include
 * alone on its include path and linked against libmubiao.so. Every status of the one return
 * convention, the import resolver (in-memory text importing in-memory text, never the
 * working directory), the limits of the context and numbers as exact decimal strings. */
#include <criterion/criterion.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "mubiao.h"

/* ---- a sink that keeps what it is given --------------------------------------------------- */

typedef struct seen {
    size_t n, errors, warnings;
    char text[4096];   /* "CODE file:line:col message\n" for each, truncated */
} seen;

static void keep(void *user, const mb_diagnostic *d)
{
    seen *s = user;
    s->n++;
    if (d->severity == MB_SEVERITY_ERROR) s->errors++;
    else s->warnings++;
    size_t k = strlen(s->text);
    snprintf(s->text + k, sizeof s->text - k, "%s %s:%u:%u %s\n", d->code, d->file ? d->file : "-", d->line, d->col,
             d->message);
}

static mb_context *context(seen *s)
{
    mb_context *c = NULL;
    cr_assert_eq(mb_context_new(&c), MB_OK);
    cr_assert_eq(mb_context_set_diag_sink(c, keep, s), MB_OK);
    cr_assert_eq(mb_context_set_threads(c, 1), MB_OK);
    return c;
}

static const char PLAN[] =
    "indicator rd \"研发\" unit % higher;\n"
    "indicator firms \"企业\" unit 家 higher;\n"
    "indicator a \"甲项\" unit 亿元 higher;\n"
    "indicator b \"乙项\" unit 亿元 higher;\n"
    "indicator share \"比值\" unit 1 higher = a / b;\n"
    "plan p { name \"计划\" base 2017 deadline 2020 }\n"
    "target T1: rd >= 0.3% by 2020 phrase \"x\";\n"
    "target T2: firms cut 20% from 2017 by 2020 phrase \"x\";\n"
    "target T3: share > 0 by 2020 phrase \"x\";\n";

static mb_rules *checked(mb_context *c, const char *text)
{
    mb_rules *r = NULL;
    cr_assert_eq(mb_rules_new(c, &r), MB_OK);
    cr_assert_eq(mb_rules_add_text(r, "plan.mb", text, strlen(text)), MB_OK);
    cr_assert_eq(mb_rules_check(r), MB_OK);
    mb_rules_counts k;
    cr_assert_eq(mb_rules_get_counts(r, &k), MB_OK);
    cr_assert_eq(k.errors + k.warnings, 0, "the test's rules are clean");
    return r;
}

/* The verdict of rule `id`, or fails. */
static mb_verdict_view verdict(const mb_results *res, const char *id)
{
    size_t n = 0;
    cr_assert_eq(mb_results_count(res, &n), MB_OK);
    for (size_t i = 0; i < n; i++) {
        mb_verdict_view v;
        cr_assert_eq(mb_results_get(res, i, &v), MB_OK);
        if (!strcmp(v.rule, id)) return v;
    }
    cr_assert_fail("no verdict for %s", id);
    return (mb_verdict_view){0};
}

/* ---- the return convention ------------------------------------------------------------------ */

Test(api, every_status_has_a_message_and_others_are_refused)
{
    const char *m = NULL;
    for (int s = MB_OK; s <= MB_ERR_STATE; s++) {
        m = NULL;
        cr_assert_eq(mb_status_message((mb_status)s, &m), MB_OK, "status %d", s);
        cr_assert(m && m[0], "status %d has no message", s);
    }
    m = "untouched";
    cr_assert_eq(mb_status_message((mb_status)(MB_ERR_STATE + 1), &m), MB_ERR_ARG);
    cr_assert_str_eq(m, "untouched");
    cr_assert_eq(mb_status_message(MB_OK, NULL), MB_ERR_ARG);
    const char *v = NULL;
    cr_assert_eq(mb_version(&v), MB_OK);
    cr_assert(v && strchr(v, '.'));
    cr_assert_eq(mb_version(NULL), MB_ERR_ARG);
}

Test(api, null_handles_and_out_parameters_are_invalid_arguments)
{
    seen s = {0};
    mb_context *c = context(&s);
    mb_rules *r = checked(c, PLAN);
    mb_submission *sub = NULL;
    cr_assert_eq(mb_submission_new(r, &sub), MB_OK);
    mb_results *res = NULL;
    cr_assert_eq(mb_evaluate(r, sub, NULL, &res), MB_OK);

    cr_assert_eq(mb_context_new(NULL), MB_ERR_ARG);
    cr_assert_eq(mb_context_set_diag_sink(NULL, keep, &s), MB_ERR_ARG);
    cr_assert_eq(mb_context_set_import_resolver(NULL, NULL, NULL), MB_ERR_ARG);
    cr_assert_eq(mb_context_set_threads(NULL, 1), MB_ERR_ARG);
    cr_assert_eq(mb_context_set_max_diagnostics(NULL, 1), MB_ERR_ARG);
    cr_assert_eq(mb_context_set_max_regions(NULL, 1), MB_ERR_ARG);
    cr_assert_eq(mb_context_set_max_regions(c, 0), MB_ERR_ARG);
    cr_assert_eq(mb_rules_new(NULL, &r), MB_ERR_ARG);
    cr_assert_eq(mb_rules_new(c, NULL), MB_ERR_ARG);
    cr_assert_eq(mb_rules_add_file(NULL, "x.mb"), MB_ERR_ARG);
    cr_assert_eq(mb_rules_add_file(r, NULL), MB_ERR_ARG);
    cr_assert_eq(mb_rules_add_text(NULL, "x", "", 0), MB_ERR_ARG);
    cr_assert_eq(mb_rules_add_text(r, NULL, "", 0), MB_ERR_ARG);
    cr_assert_eq(mb_rules_add_text(r, "x", NULL, 3), MB_ERR_ARG);
    cr_assert_eq(mb_rules_check(NULL), MB_ERR_ARG);
    mb_rules_counts counts;
    cr_assert_eq(mb_rules_get_counts(NULL, &counts), MB_ERR_ARG);
    cr_assert_eq(mb_rules_get_counts(r, NULL), MB_ERR_ARG);
    mb_submission *untouched = (mb_submission *)&s;
    cr_assert_eq(mb_submission_new(NULL, &untouched), MB_ERR_ARG);
    cr_assert_eq(untouched, (mb_submission *)&s, "an out-parameter was written on failure");
    cr_assert_eq(mb_submission_new(r, NULL), MB_ERR_ARG);
    cr_assert_eq(mb_submission_add_file(NULL, "x.csv"), MB_ERR_ARG);
    cr_assert_eq(mb_submission_add_file(sub, NULL), MB_ERR_ARG);
    cr_assert_eq(mb_submission_add_text(NULL, "x", "", 0, MB_FORMAT_CSV), MB_ERR_ARG);
    cr_assert_eq(mb_evaluate(NULL, sub, NULL, &res), MB_ERR_ARG);
    cr_assert_eq(mb_evaluate(r, NULL, NULL, &res), MB_ERR_ARG);
    cr_assert_eq(mb_evaluate(r, sub, NULL, NULL), MB_ERR_ARG);
    size_t n = 0;
    cr_assert_eq(mb_results_count(NULL, &n), MB_ERR_ARG);
    cr_assert_eq(mb_results_count(res, NULL), MB_ERR_ARG);
    cr_assert_eq(mb_results_count(res, &n), MB_OK);
    mb_verdict_view v;
    cr_assert_eq(mb_results_get(NULL, 0, &v), MB_ERR_ARG);
    cr_assert_eq(mb_results_get(res, n, &v), MB_ERR_ARG, "index out of range");
    cr_assert_eq(mb_results_get(res, 0, NULL), MB_ERR_ARG);
    /* freeing nothing is fine */
    cr_assert_eq(mb_results_free(NULL), MB_OK);
    cr_assert_eq(mb_submission_free(NULL), MB_OK);
    cr_assert_eq(mb_rules_free(NULL), MB_OK);
    cr_assert_eq(mb_context_free(NULL), MB_OK);
    cr_assert_eq(s.n, 0, "argument errors are not diagnostics: %s", s.text);

    mb_results_free(res);
    mb_submission_free(sub);
    mb_rules_free(r);
    mb_context_free(c);
}

Test(api, an_unreadable_file_is_an_io_error_with_a_diagnostic)
{
    seen s = {0};
    mb_context *c = context(&s);
    mb_rules *r = NULL;
    cr_assert_eq(mb_rules_new(c, &r), MB_OK);
    cr_assert_eq(mb_rules_add_file(r, "/nonexistent/plan.mb"), MB_ERR_IO);
    cr_assert_eq(s.errors, 1, "%s", s.text);
    cr_assert(strstr(s.text, "MB"), "a diagnostic with its code: %s", s.text);
    /* a load that failed is never checked as sound */
    cr_assert_eq(mb_rules_check(r), MB_ERR_RULES);
    cr_assert_eq(mb_rules_check(r), MB_ERR_RULES, "asking again gives the same answer");
    mb_submission *sub = NULL;
    cr_assert_eq(mb_submission_new(r, &sub), MB_ERR_STATE);
    cr_assert_null(sub);
    mb_rules_free(r);
    mb_context_free(c);
}

Test(api, syntax_and_check_errors_are_rule_errors_located_with_their_codes)
{
    seen s = {0};
    mb_context *c = context(&s);
    mb_rules *r = NULL;
    cr_assert_eq(mb_rules_new(c, &r), MB_OK);
    const char bad[] = "indicator a unit 1 higher;\ntarget T: a >= by 2020;\n";
    cr_assert_eq(mb_rules_add_text(r, "bad.mb", bad, strlen(bad)), MB_ERR_RULES);
    cr_assert_geq(s.errors, 1);
    cr_assert(strstr(s.text, " bad.mb:2:"), "file:line:col of the syntax error: %s", s.text);
    cr_assert_eq(mb_rules_check(r), MB_ERR_RULES, "rules whose load failed are not sound");
    mb_rules_free(r);

    seen t = {0};
    mb_context_set_diag_sink(c, keep, &t);
    cr_assert_eq(mb_rules_new(c, &r), MB_OK);
    const char undefined[] = "target T: nowhere >= 1 by 2020;\n";
    cr_assert_eq(mb_rules_add_text(r, "u.mb", undefined, strlen(undefined)), MB_OK, "it parses");
    cr_assert_eq(mb_rules_check(r), MB_ERR_RULES);
    cr_assert(strstr(t.text, " u.mb:1:11 "), "the undefined indicator located: %s", t.text);
    cr_assert_eq(mb_rules_add_text(r, "late.mb", "", 0), MB_ERR_STATE, "no text after the check");
    mb_rules_counts k;
    cr_assert_eq(mb_rules_get_counts(r, &k), MB_OK);
    cr_assert_eq(k.errors, t.errors);
    mb_submission *sub = NULL;
    cr_assert_eq(mb_submission_new(r, &sub), MB_ERR_STATE);
    mb_rules_free(r);
    mb_context_free(c);
}

Test(api, a_submission_before_the_check_is_out_of_order)
{
    seen s = {0};
    mb_context *c = context(&s);
    mb_rules *r = NULL;
    cr_assert_eq(mb_rules_new(c, &r), MB_OK);
    cr_assert_eq(mb_rules_add_text(r, "plan.mb", PLAN, strlen(PLAN)), MB_OK);
    mb_submission *sub = NULL;
    cr_assert_eq(mb_submission_new(r, &sub), MB_ERR_STATE);
    cr_assert_eq(mb_rules_check(r), MB_OK);
    cr_assert_eq(mb_submission_new(r, &sub), MB_OK);
    /* results belong to their rules: another rules handle is refused */
    mb_rules *other = checked(c, PLAN);
    mb_results *res = NULL;
    cr_assert_eq(mb_evaluate(other, sub, NULL, &res), MB_ERR_ARG);
    cr_assert_eq(mb_evaluate(r, sub, "not a period", &res), MB_ERR_ARG);
    cr_assert_null(res);
    mb_submission_free(sub);
    mb_rules_free(other);
    mb_rules_free(r);
    mb_context_free(c);
}

Test(api, rows_with_errors_are_data_errors_and_the_others_count)
{
    seen s = {0};
    mb_context *c = context(&s);
    mb_rules *r = checked(c, PLAN);
    mb_submission *sub = NULL;
    cr_assert_eq(mb_submission_new(r, &sub), MB_OK);
    const char csv[] = "region,indicator,period,value,unit\n"
                       "甲,rd,2020,0.3,%\n"
                       "甲,firms,2017,abc,家\n";
    cr_assert_eq(mb_submission_add_text(sub, "d.csv", csv, strlen(csv), MB_FORMAT_CSV), MB_ERR_DATA);
    cr_assert_geq(s.errors, 1);
    cr_assert(strstr(s.text, " d.csv:3:"), "the bad row located: %s", s.text);
    cr_assert_eq(mb_submission_add_file(sub, "/nonexistent/d.csv"), MB_ERR_IO);
    mb_results *res = NULL;
    cr_assert_eq(mb_evaluate(r, sub, NULL, &res), MB_OK);
    mb_verdict_view v = verdict(res, "T1");
    cr_assert_eq(v.status, MB_VERDICT_MET, "the good row counted: %s", v.status_name);
    mb_results_free(res);
    mb_submission_free(sub);
    mb_rules_free(r);
    mb_context_free(c);
}

/* ---- numbers --------------------------------------------------------------------------------- */

Test(api, numbers_are_exact_decimal_strings)
{
    seen s = {0};
    mb_context *c = context(&s);
    mb_rules *r = checked(c, PLAN);
    mb_submission *sub = NULL;
    cr_assert_eq(mb_submission_new(r, &sub), MB_OK);
    /* 0.1 + 0.2 written as 0.3 must meet >= 0.3 exactly; 600 × (1 − 20%) is 480 exactly;
     * 1 / 3 has no end: 36 places, flagged inexact */
    const char csv[] = "region,indicator,period,value,unit\n"
                       "甲,rd,2020,0.30,%\n"
                       "甲,firms,2017,600,家\n"
                       "甲,firms,2020,480,家\n";
    cr_assert_eq(mb_submission_add_text(sub, "d.csv", csv, strlen(csv), MB_FORMAT_CSV), MB_OK, "%s", s.text);
    mb_results *res = NULL;
    cr_assert_eq(mb_evaluate(r, sub, "2020", &res), MB_OK);
    mb_verdict_view v = verdict(res, "T1");
    cr_assert_eq(v.status, MB_VERDICT_MET);
    cr_assert_str_eq(v.actual, "0.3");
    cr_assert(v.actual_exact);
    cr_assert_str_eq(v.target, "0.3");
    cr_assert_str_eq(v.unit, "%");
    v = verdict(res, "T2");
    cr_assert_eq(v.status, MB_VERDICT_MET, "480 <= 0.8 × 600: %s %s", v.status_name, v.detail);
    cr_assert_str_eq(v.target, "480");
    cr_assert(v.target_exact);
    cr_assert_str_eq(v.criterion, "≤ 480");
    mb_results_free(res);
    mb_submission_free(sub);

    cr_assert_eq(mb_submission_new(r, &sub), MB_OK);
    const char third[] = "region,indicator,period,value,unit\n"
                         "甲,a,2020,1,亿元\n"
                         "甲,b,2020,3,亿元\n";
    cr_assert_eq(mb_submission_add_text(sub, "e.csv", third, strlen(third), MB_FORMAT_CSV), MB_OK);
    cr_assert_eq(mb_evaluate(r, sub, NULL, &res), MB_OK);
    v = verdict(res, "T3");
    cr_assert_not(v.actual_exact, "1/3 has no end");
    const char *dot = strchr(v.actual, '.');
    cr_assert(dot && strlen(dot + 1) == 36, "36 decimal places: %s", v.actual);
    cr_assert(!strncmp(v.actual, "0.333333333333333333333333333333333333", 38), "%s", v.actual);
    mb_results_free(res);
    mb_submission_free(sub);
    mb_rules_free(r);
    mb_context_free(c);
}

/* ---- imports ----------------------------------------------------------------------------------- */

typedef struct texts {
    int calls;
    char from[64], name[64];
} texts;

static const char LIB[] = "indicator rd \"研发\" unit % higher;\n";

static mb_status from_memory(void *user, const char *from, const char *name, char **text, size_t *len,
                             const char **why)
{
    texts *t = user;
    t->calls++;
    snprintf(t->from, sizeof t->from, "%s", from);
    snprintf(t->name, sizeof t->name, "%s", name);
    if (strcmp(name, "lib.mb")) { *why = "only lib.mb is known"; return MB_ERR_IO; }
    *text = malloc(sizeof LIB);
    if (!*text) return MB_ERR_NOMEM;
    memcpy(*text, LIB, sizeof LIB);
    *len = sizeof LIB - 1;
    return MB_OK;
}

Test(api, in_memory_text_imports_in_memory_text_through_the_resolver)
{
    seen s = {0};
    texts t = {0};
    mb_context *c = context(&s);
    cr_assert_eq(mb_context_set_import_resolver(c, from_memory, &t), MB_OK);
    mb_rules *r = NULL;
    cr_assert_eq(mb_rules_new(c, &r), MB_OK);
    const char main_text[] = "import \"lib.mb\";\ntarget T: rd >= 1% by 2020 phrase \"x\";\n";
    cr_assert_eq(mb_rules_add_text(r, "main.mb", main_text, strlen(main_text)), MB_OK, "%s", s.text);
    cr_assert_eq(t.calls, 1);
    cr_assert_str_eq(t.from, "main.mb");
    cr_assert_str_eq(t.name, "lib.mb");
    cr_assert_eq(mb_rules_check(r), MB_OK, "%s", s.text);
    mb_rules_counts k;
    mb_rules_get_counts(r, &k);
    cr_assert_eq(k.files, 2);
    cr_assert_eq(k.indicators, 1);
    cr_assert_eq(k.targets, 1);
    mb_rules_free(r);

    /* what the resolver refuses is an error naming the import, with the resolver's reason */
    cr_assert_eq(mb_rules_new(c, &r), MB_OK);
    const char other[] = "import \"other.mb\";\n";
    cr_assert_eq(mb_rules_add_text(r, "main.mb", other, strlen(other)), MB_ERR_IO, "a refused import cannot be read");
    cr_assert(strstr(s.text, " main.mb:1:"), "%s", s.text);
    cr_assert(strstr(s.text, "only lib.mb is known"), "the resolver's reason: %s", s.text);
    mb_rules_free(r);
    mb_context_free(c);
}

Test(api, in_memory_text_never_imports_from_the_working_directory)
{
    /* a file of that name in the working directory must not be read */
    char dir[] = "/tmp/mb_api_cwd_XXXXXX";
    cr_assert_not_null(mkdtemp(dir));
    char old[4096];
    cr_assert_not_null(getcwd(old, sizeof old));
    cr_assert_eq(chdir(dir), 0);
    FILE *f = fopen("lib.mb", "w");
    cr_assert_not_null(f);
    fputs(LIB, f);
    fclose(f);
    seen s = {0};
    mb_context *c = context(&s);
    mb_rules *r = NULL;
    cr_assert_eq(mb_rules_new(c, &r), MB_OK);
    const char main_text[] = "import \"lib.mb\";\ntarget T: rd >= 1% by 2020 phrase \"x\";\n";
    mb_status st = mb_rules_add_text(r, "main.mb", main_text, strlen(main_text));
    mb_status ck = mb_rules_check(r);
    mb_rules_counts k;
    mb_rules_get_counts(r, &k);
    remove("lib.mb");
    cr_assert_eq(chdir(old), 0);
    rmdir(dir);
    cr_assert_neq(st, MB_OK, "an import from memory text resolved against the working directory");
    cr_assert_eq(ck, MB_ERR_RULES);
    cr_assert_eq(k.indicators, 0, "lib.mb was read from the working directory");
    cr_assert(strstr(s.text, " main.mb:1:"), "the import located: %s", s.text);
    mb_rules_free(r);
    mb_context_free(c);
}

/* ---- limits ------------------------------------------------------------------------------------ */

Test(api, the_diagnostics_cap_counts_what_it_does_not_pass)
{
    seen s = {0};
    mb_context *c = context(&s);
    cr_assert_eq(mb_context_set_max_diagnostics(c, 2), MB_OK);
    mb_rules *r = NULL;
    cr_assert_eq(mb_rules_new(c, &r), MB_OK);
    const char five[] = "target A: x1 >= 1 by 2020;\ntarget B: x2 >= 1 by 2020;\ntarget C: x3 >= 1 by 2020;\n"
                        "target D: x4 >= 1 by 2020;\ntarget E: x5 >= 1 by 2020;\n";
    cr_assert_eq(mb_rules_add_text(r, "five.mb", five, strlen(five)), MB_OK);
    cr_assert_eq(mb_rules_check(r), MB_ERR_RULES);
    mb_rules_counts k;
    mb_rules_get_counts(r, &k);
    cr_assert_eq(k.errors, 5, "every error counted");
    cr_assert_eq(s.errors, 2, "two passed to the sink: %s", s.text);
    mb_rules_free(r);

    seen all = {0};
    mb_context_set_diag_sink(c, keep, &all);
    cr_assert_eq(mb_context_set_max_diagnostics(c, 0), MB_OK, "0: no cap");
    cr_assert_eq(mb_rules_new(c, &r), MB_OK);
    cr_assert_eq(mb_rules_add_text(r, "five.mb", five, strlen(five)), MB_OK);
    cr_assert_eq(mb_rules_check(r), MB_ERR_RULES);
    cr_assert_eq(all.errors, 5, "%s", all.text);
    mb_rules_free(r);
    mb_context_free(c);
}

Test(api, the_regions_limit_stops_a_submission)
{
    seen s = {0};
    mb_context *c = context(&s);
    cr_assert_eq(mb_context_set_max_regions(c, 2), MB_OK);
    mb_rules *r = checked(c, PLAN);
    mb_submission *sub = NULL;
    cr_assert_eq(mb_submission_new(r, &sub), MB_OK);
    const char csv[] = "region,indicator,period,value,unit\n"
                       "甲,rd,2020,1,%\n乙,rd,2020,1,%\n丙,rd,2020,1,%\n";
    mb_status st = mb_submission_add_text(sub, "d.csv", csv, strlen(csv), MB_FORMAT_CSV);
    cr_assert_eq(st, MB_ERR_DATA, "status %d: %s", st, s.text);
    cr_assert(strstr(s.text, " d.csv:4:"), "the row beyond the limit located: %s", s.text);
    mb_submission_free(sub);
    mb_rules_free(r);
    mb_context_free(c);
}

Test(api, threads_do_not_change_the_verdicts)
{
    const char csv[] = "region,indicator,period,value,unit\n"
                       "甲,rd,2020,0.2,%\n"
                       "甲,firms,2017,600,家\n"
                       "甲,firms,2020,500,家\n";
    char out[2][1024];
    for (unsigned th = 1; th <= 2; th++) {
        seen s = {0};
        mb_context *c = context(&s);
        cr_assert_eq(mb_context_set_threads(c, th), MB_OK);
        mb_rules *r = checked(c, PLAN);
        mb_submission *sub = NULL;
        cr_assert_eq(mb_submission_new(r, &sub), MB_OK);
        cr_assert_eq(mb_submission_add_text(sub, "d.csv", csv, strlen(csv), MB_FORMAT_CSV), MB_OK);
        mb_results *res = NULL;
        cr_assert_eq(mb_evaluate(r, sub, NULL, &res), MB_OK);
        size_t n = 0;
        mb_results_count(res, &n);
        out[th - 1][0] = 0;
        for (size_t i = 0; i < n; i++) {
            mb_verdict_view v;
            mb_results_get(res, i, &v);
            size_t k = strlen(out[th - 1]);
            snprintf(out[th - 1] + k, sizeof out[0] - k, "%s %s %s;", v.rule, v.status_name, v.actual ? v.actual : "-");
        }
        mb_results_free(res);
        mb_submission_free(sub);
        mb_rules_free(r);
        mb_context_free(c);
    }
    cr_assert_str_eq(out[0], out[1]);
    cr_assert(strstr(out[0], "T1 missed 0.2;"), "%s", out[0]);
}

/* ---- the as-of ---------------------------------------------------------------------------------- */

Test(api, a_stray_far_future_period_is_warned_about_and_not_taken_as_now)
{
    seen s = {0};
    mb_context *c = context(&s);
    mb_rules *r = checked(c, PLAN);
    mb_submission *sub = NULL;
    cr_assert_eq(mb_submission_new(r, &sub), MB_OK);
    const char csv[] = "region,indicator,period,value,unit\n"
                       "甲,rd,2020,0.5,%\n"
                       "甲,rd,2099,0.1,%\n";
    cr_assert_eq(mb_submission_add_text(sub, "d.csv", csv, strlen(csv), MB_FORMAT_CSV), MB_OK, "%s", s.text);
    cr_assert_eq(s.n, 0, "%s", s.text);
    mb_results *res = NULL;
    cr_assert_eq(mb_evaluate(r, sub, NULL, &res), MB_OK);
    cr_assert_eq(s.warnings, 1, "%s", s.text);
    cr_assert(strstr(s.text, "MB6033 d.csv:3:"), "the warning names the row: %s", s.text);
    mb_verdict_view v = verdict(res, "T1");
    cr_assert_eq(v.status, MB_VERDICT_MET, "judged with the data up to 2020: %s %s", v.status_name, v.detail);
    cr_assert_str_eq(v.actual, "0.5");
    mb_results_free(res);

    /* given explicitly, 2099 is taken as asked, without a warning */
    seen t = {0};
    mb_context_set_diag_sink(c, keep, &t);
    cr_assert_eq(mb_evaluate(r, sub, "2099", &res), MB_OK);
    cr_assert_eq(t.n, 0, "%s", t.text);
    mb_results_free(res);
    mb_submission_free(sub);
    mb_rules_free(r);
    mb_context_free(c);
}
