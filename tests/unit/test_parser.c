/* test_parser.c — mb_parse_text: every construct of docs/language.md builds the right tree,
 * and every syntax error is reported with its whole text (file:line:col, message, source
 * line, caret line) exactly as `mubiao check` prints it. */
#include <criterion/criterion.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "arena.h"
#include "ast.h"
#include "parse.h"
#include "support.h"

typedef struct parsed {
    mb_text text;
    mb_arena arena;
    mb_ast_file file;
    mb_diags diags;
    int rc;
} parsed;

static parsed P;

static void parse_n(const char *src, size_t n)
{
    memset(&P, 0, sizeof P);
    P.text = (mb_text){"t.mb", src, n};
    mb_arena_init(&P.arena);
    mb_diags_init(&P.diags, 50);
    P.rc = mb_parse_text(&P.text, &P.arena, &P.file, &P.diags);
}

static void done(void)
{
    mb_arena_free(&P.arena);
    mb_diags_free(&P.diags);
}

static char *diag_text(void)
{
    mb_diags_sort(&P.diags); /* as the command does */
    return mbt_diags_text(&P.diags);
}

/* Parse text that must be free of errors and warnings. */
static void ok(const char *src)
{
    parse_n(src, strlen(src));
    if (P.diags.n || P.rc) {
        char *s = diag_text();
        cr_assert_fail("rc %d, unexpected diagnostics:\n%s", P.rc, s);
        free(s);
    }
}

/* Parse text (n bytes) and compare the whole diagnostic output. */
static void errors_n(const char *src, size_t n, const char *want)
{
    parse_n(src, n);
    char *s = diag_text();
    cr_expect_str_eq(s, want);
    free(s);
    int rc = P.rc;
    done(); /* before asserting, so that a failure leaks nothing under ASan */
    cr_assert_eq(rc, -1);
}

static void errors(const char *src, const char *want) { errors_n(src, strlen(src), want); }

static mb_ast_stmt *stmt(size_t i, mb_stkind k)
{
    cr_assert_lt(i, P.file.n, "only %zu statements", P.file.n);
    cr_assert_eq(P.file.stmts[i].kind, k, "statement %zu has kind %d", i, P.file.stmts[i].kind);
    return &P.file.stmts[i];
}

static mb_ast_target *target(size_t i) { return stmt(i, MB_ST_TARGET)->u.target; }
static mb_ast_indicator *indicator(size_t i) { return stmt(i, MB_ST_INDICATOR)->u.indicator; }
static mb_ast_check *check(size_t i) { return stmt(i, MB_ST_CHECK)->u.check; }

/* What the span covers in the source. */
static const char *spanned(mb_aspan s)
{
    static char buf[8][512];
    static int k;
    char *b = buf[k++ & 7];
    cr_assert(s.text == &P.text, "span into another text");
    size_t n = s.end - s.start;
    if (n >= 512) n = 511;
    memcpy(b, P.text.data + s.start, n);
    b[n] = 0;
    return b;
}

static const char *numtext(mb_num v)
{
    static char buf[8][MB_NUM_BUF];
    static int k;
    char *b = buf[k++ & 7];
    mb_num_format(v, 6, b, NULL);
    return b;
}

/* A quantity: value, unit as written (NULL: bare) and the text it spans. */
static void Q(const mb_quantity *q, const char *value, const char *unit, const char *as_written)
{
    cr_assert_str_eq(numtext(q->value), value);
    if (unit) {
        cr_assert(q->has_unit, "expected unit '%s'", unit);
        cr_assert_str_eq(q->unit.text, unit);
    } else {
        cr_assert(!q->has_unit, "unexpected unit '%s'", q->unit.text);
    }
    cr_assert_str_eq(spanned(q->span), as_written);
}

/* A target statement after one indicator declaration. */
static mb_ast_target *tgt(const char *body)
{
    static char src[4096];
    snprintf(src, sizeof src, "indicator a \"A\" unit 家 higher;\ntarget T: %s;\n", body);
    ok(src);
    cr_assert_eq(P.file.n, 2);
    mb_ast_target *t = target(1);
    cr_assert_str_eq(t->id.text, "T");
    cr_assert_str_eq(t->subject.text, "a");
    return t;
}

/* ---- files, import, plan ------------------------------------------------------------------- */

Test(parse_ok, empty_and_comments)
{
    ok("");
    cr_assert_eq(P.file.n, 0);
    cr_assert_eq(P.file.text, &P.text);
    done();
    ok("# nothing but a comment\n\n   # and another");
    cr_assert_eq(P.file.n, 0);
    done();
}

Test(parse_ok, import)
{
    ok("import \"catalogue.mb\";\nimport \"../其他/指标.mb\";\n");
    cr_assert_eq(P.file.n, 2);
    cr_assert_str_eq(stmt(0, MB_ST_IMPORT)->u.import.text, "catalogue.mb");
    cr_assert_str_eq(stmt(1, MB_ST_IMPORT)->u.import.text, "../其他/指标.mb");
    cr_assert_str_eq(spanned(stmt(0, MB_ST_IMPORT)->u.import.span), "\"catalogue.mb\"");
    done();
}

Test(parse_ok, plan_with_every_property)
{
    ok("plan jiangyin_hitech_2018 {\n"
       "  name     \"江阴高新区科技创新三年行动计划(2018—2020年)\"\n"
       "  number   \"澄高管〔2018〕70号\"\n"
       "  issuer   \"江阴高新技术产业开发区管委会\"\n"
       "  date     2018-12-28\n"
       "  region   \"江阴高新区\", \"江阴市\"\n"
       "  base     2017\n"
       "  deadline 2018, 2019, 2020\n"
       "}\n");
    mb_ast_plan *p = stmt(0, MB_ST_PLAN)->u.plan;
    cr_assert_str_eq(p->id.text, "jiangyin_hitech_2018");
    cr_assert_str_eq(p->name.text, "江阴高新区科技创新三年行动计划(2018—2020年)");
    cr_assert_str_eq(p->number.text, "澄高管〔2018〕70号");
    cr_assert_str_eq(p->issuer.text, "江阴高新技术产业开发区管委会");
    cr_assert_str_eq(p->date.text, "2018-12-28");
    cr_assert_eq(p->regions.n, 2);
    cr_assert_str_eq(p->regions.v[0].text, "江阴高新区");
    cr_assert_str_eq(p->regions.v[1].text, "江阴市");
    cr_assert_eq(p->base.year, 2017);
    cr_assert_str_eq(spanned(p->base.span), "2017");
    cr_assert_eq(p->ndeadlines, 3);
    cr_assert_eq(p->deadlines[0].year, 2018);
    cr_assert_eq(p->deadlines[1].year, 2019);
    cr_assert_eq(p->deadlines[2].year, 2020);
    cr_assert_str_eq(spanned(p->span), "plan jiangyin_hitech_2018 {\n"
                                        "  name     \"江阴高新区科技创新三年行动计划(2018—2020年)\"\n"
                                        "  number   \"澄高管〔2018〕70号\"\n"
                                        "  issuer   \"江阴高新技术产业开发区管委会\"\n"
                                        "  date     2018-12-28\n"
                                        "  region   \"江阴高新区\", \"江阴市\"\n"
                                        "  base     2017\n"
                                        "  deadline 2018, 2019, 2020\n"
                                        "}");
    done();
}

Test(parse_ok, plan_properties_in_any_order_and_optional)
{
    ok("plan p { deadline 2020 name \"P\" }\nplan q { }\n");
    mb_ast_plan *p = stmt(0, MB_ST_PLAN)->u.plan;
    cr_assert_str_eq(p->name.text, "P");
    cr_assert_eq(p->ndeadlines, 1);
    cr_assert_eq(p->base.year, 0);
    cr_assert_null(p->number.text);
    cr_assert_null(p->date.text);
    mb_ast_plan *q = stmt(1, MB_ST_PLAN)->u.plan;
    cr_assert_null(q->name.text); /* missing name is the checker's business */
    done();
}

/* ---- indicators ------------------------------------------------------------------------------ */

Test(parse_ok, indicator_with_every_clause)
{
    ok("indicator hte_count \"高新技术企业数\" unit 家 higher\n"
       "  category \"创新资源\" owner \"市科技局\", \"市统计局\" source \"市科技局\" integer\n"
       "  part of all_firms;\n");
    mb_ast_indicator *i = indicator(0);
    cr_assert_str_eq(i->id.text, "hte_count");
    cr_assert_str_eq(i->name.text, "高新技术企业数");
    cr_assert(i->has_unit);
    cr_assert_str_eq(i->unit.text, "家");
    cr_assert_eq(i->direction, 1);
    cr_assert_str_eq(spanned(i->direction_span), "higher");
    cr_assert_str_eq(i->category.text, "创新资源");
    cr_assert_eq(i->owners.n, 2);
    cr_assert_str_eq(i->owners.v[0].text, "市科技局");
    cr_assert_str_eq(i->owners.v[1].text, "市统计局");
    cr_assert_str_eq(i->source.text, "市科技局");
    cr_assert(i->integer);
    cr_assert_str_eq(i->part_of.text, "all_firms");
    cr_assert_null(i->derived);
    done();
}

Test(parse_ok, indicator_minimal_and_lower)
{
    ok("indicator energy_per_gdp \"单位GDP能耗\" unit 吨煤/万元 lower;\nindicator bare;\n");
    mb_ast_indicator *i = indicator(0);
    cr_assert_str_eq(i->unit.text, "吨煤/万元");
    cr_assert_eq(i->direction, -1);
    mb_ast_indicator *b = indicator(1);
    cr_assert_null(b->name.text);
    cr_assert(!b->has_unit);
    cr_assert_eq(b->direction, 0);
    done();
}

Test(parse_ok, indicator_unit_forms)
{
    ok("indicator a unit % higher;\n"
       "indicator b unit 1 higher;\n"
       "indicator c unit \"人·次\" higher;\n"
       "indicator d unit 件/万人 higher;\n"
       "indicator e unit 万元 higher;\n");
    cr_assert_str_eq(indicator(0)->unit.text, "%");
    cr_assert_str_eq(indicator(1)->unit.text, "1");
    cr_assert_str_eq(indicator(2)->unit.text, "人·次");
    cr_assert_str_eq(indicator(3)->unit.text, "件/万人");
    cr_assert_str_eq(indicator(4)->unit.text, "万元");
    done();
}

Test(parse_ok, indicator_clauses_in_any_order)
{
    ok("indicator a higher source \"S\" unit % integer category \"C\" = b + c owner \"O\";\n");
    mb_ast_indicator *i = indicator(0);
    cr_assert_eq(i->direction, 1);
    cr_assert_str_eq(i->source.text, "S");
    cr_assert_str_eq(i->unit.text, "%");
    cr_assert(i->integer);
    cr_assert_str_eq(i->category.text, "C");
    cr_assert_not_null(i->derived);
    cr_assert_str_eq(i->owners.v[0].text, "O");
    done();
}

/* ---- derived expressions ------------------------------------------------------------------- */

static mb_expr *derived(const char *expr)
{
    static char src[1024];
    snprintf(src, sizeof src, "indicator r unit 1 higher = %s;\n", expr);
    ok(src);
    mb_expr *e = indicator(0)->derived;
    cr_assert_not_null(e);
    return e;
}

Test(parse_ok, derived_ratio)
{
    mb_expr *e = derived("tech_contract / rd_spend");
    cr_assert_eq(e->kind, MB_EX_DIV);
    cr_assert_eq(e->l->kind, MB_EX_REF);
    cr_assert_str_eq(e->l->ref.text, "tech_contract");
    cr_assert_str_eq(e->r->ref.text, "rd_spend");
    cr_assert_str_eq(spanned(e->span), "tech_contract / rd_spend");
    done();
}

Test(parse_ok, derived_precedence)
{
    /* a + b * c - d / 2 == (a + (b * c)) - (d / 2) */
    mb_expr *e = derived("a + b * c - d / 2");
    cr_assert_eq(e->kind, MB_EX_SUB);
    cr_assert_eq(e->l->kind, MB_EX_ADD);
    cr_assert_eq(e->l->r->kind, MB_EX_MUL);
    cr_assert_eq(e->r->kind, MB_EX_DIV);
    cr_assert_eq(e->r->r->kind, MB_EX_NUM);
    cr_assert_str_eq(numtext(e->r->r->num), "2");
    done();
    /* left associative: a - b - c == (a - b) - c */
    e = derived("a - b - c");
    cr_assert_eq(e->kind, MB_EX_SUB);
    cr_assert_eq(e->l->kind, MB_EX_SUB);
    cr_assert_eq(e->r->kind, MB_EX_REF);
    done();
}

Test(parse_ok, derived_parentheses_negation_times_names)
{
    mb_expr *e = derived("-(a + \"研发经费\") × 100");
    cr_assert_eq(e->kind, MB_EX_MUL);
    cr_assert_eq(e->l->kind, MB_EX_NEG);
    cr_assert_null(e->l->r);
    cr_assert_eq(e->l->l->kind, MB_EX_ADD);
    mb_expr *name = e->l->l->r;
    cr_assert_eq(name->kind, MB_EX_REF);
    cr_assert(name->ref_is_name);
    cr_assert_str_eq(name->ref.text, "研发经费");
    cr_assert_str_eq(numtext(e->r->num), "100");
    done();
}

Test(parse_ok, derived_nesting_at_limit)
{
    char expr[200];
    memset(expr, '(', 64);
    expr[64] = 'x';
    memset(expr + 65, ')', 64);
    expr[129] = 0;
    mb_expr *e = derived(expr);
    cr_assert_eq(e->kind, MB_EX_REF);
    cr_assert_str_eq(e->ref.text, "x");
    done();
}

/* ---- targets: one test per form ------------------------------------------------------------ */

Test(parse_ok, target_at_least)
{
    mb_ast_target *t = tgt("a >= 1200 家 by 2018");
    cr_assert_eq(t->form, MB_FORM_COMPARE);
    cr_assert_eq(t->cmp, MB_CMP_GE);
    cr_assert_eq(t->ngoals, 1);
    Q(&t->goals[0].q, "1200", "家", "1200 家");
    cr_assert_eq(t->goals[0].by.year, 2018);
    cr_assert_str_eq(spanned(t->goals[0].by.span), "2018");
    cr_assert_str_eq(spanned(t->span), "target T: a >= 1200 家 by 2018;");
    cr_assert_str_eq(spanned(t->id.span), "T");
    done();
}

Test(parse_ok, target_comparisons)
{
    static const struct { const char *op; mb_cmp c; } ops[] = {
        {">", MB_CMP_GT}, {"<=", MB_CMP_LE}, {"<", MB_CMP_LT}, {"=", MB_CMP_EQ},
        {"≥", MB_CMP_GE}, {"≤", MB_CMP_LE},
    };
    for (size_t i = 0; i < sizeof ops / sizeof *ops; i++) {
        char body[100];
        snprintf(body, sizeof body, "a %s 12 by 2020", ops[i].op);
        mb_ast_target *t = tgt(body);
        cr_assert_eq(t->form, MB_FORM_COMPARE, "%s", ops[i].op);
        cr_assert_eq(t->cmp, ops[i].c, "%s", ops[i].op);
        Q(&t->goals[0].q, "12", NULL, "12");
        done();
    }
}

Test(parse_ok, target_without_by)
{
    mb_ast_target *t = tgt("a >= 5");
    cr_assert_eq(t->goals[0].by.year, 0);
    done();
}

Test(parse_ok, target_milestones)
{
    mb_ast_target *t = tgt("a >= 5.1% by 2018, 5.3% by 2019, 5.5% by 2020");
    cr_assert_eq(t->form, MB_FORM_COMPARE);
    cr_assert_eq(t->ngoals, 3);
    Q(&t->goals[0].q, "5.1", "%", "5.1%");
    Q(&t->goals[1].q, "5.3", "%", "5.3%");
    Q(&t->goals[2].q, "5.5", "%", "5.5%");
    cr_assert_eq(t->goals[0].by.year, 2018);
    cr_assert_eq(t->goals[1].by.year, 2019);
    cr_assert_eq(t->goals[2].by.year, 2020);
    done();
}

Test(parse_ok, target_each_year)
{
    mb_ast_target *t = tgt("a >= 60 家 each year 2022..2024");
    cr_assert_eq(t->form, MB_FORM_EACH_YEAR);
    cr_assert_eq(t->cmp, MB_CMP_GE);
    Q(&t->args->a, "60", "家", "60 家");
    cr_assert_eq(t->args->y1.year, 2022);
    cr_assert_eq(t->args->y2.year, 2024);
    done();
}

Test(parse_ok, target_total)
{
    mb_ast_target *t = tgt("a >= 150 家 total 2021..2025");
    cr_assert_eq(t->form, MB_FORM_CUMULATIVE);
    Q(&t->args->a, "150", "家", "150 家");
    cr_assert_eq(t->args->y1.year, 2021);
    cr_assert_eq(t->args->y2.year, 2025);
    done();
}

Test(parse_ok, target_relative_to_base_year)
{
    mb_ast_target *t = tgt("a >= 2 × base 2013 by 2015");
    cr_assert_eq(t->form, MB_FORM_RELATIVE);
    cr_assert_eq(t->cmp, MB_CMP_GE);
    cr_assert_str_eq(numtext(t->args->a.value), "2");
    cr_assert_str_eq(spanned(t->args->a.span), "2");
    cr_assert_eq(t->args->y1.year, 2013);
    cr_assert_eq(t->by.year, 2015);
    done();
    t = tgt("a >= 1.5 * base 2017 by 2020");
    cr_assert_eq(t->form, MB_FORM_RELATIVE);
    cr_assert_str_eq(numtext(t->args->a.value), "1.5");
    done();
}

Test(parse_ok, target_cut)
{
    mb_ast_target *t = tgt("a cut 20% from 2016 by 2020");
    cr_assert_eq(t->form, MB_FORM_CUT);
    Q(&t->args->a, "20", "%", "20%");
    cr_assert_eq(t->args->y1.year, 2016);
    cr_assert_eq(t->by.year, 2020);
    done();
}

Test(parse_ok, target_grow)
{
    mb_ast_target *t = tgt("a grow 30% from 2017 by 2020");
    cr_assert_eq(t->form, MB_FORM_GROW);
    Q(&t->args->a, "30", "%", "30%");
    cr_assert_eq(t->args->y1.year, 2017);
    cr_assert_eq(t->by.year, 2020);
    done();
}

Test(parse_ok, target_annual_growth)
{
    mb_ast_target *t = tgt("a annual growth >= 15% from 2016 by 2020");
    cr_assert_eq(t->form, MB_FORM_ANNUAL_GROWTH);
    cr_assert_eq(t->cmp, MB_CMP_GE);
    Q(&t->args->a, "15", "%", "15%");
    cr_assert_eq(t->args->y1.year, 2016);
    cr_assert_eq(t->by.year, 2020);
    done();
}

Test(parse_ok, target_rises_and_falls)
{
    mb_ast_target *t = tgt("a rises every year 2021..2025");
    cr_assert_eq(t->form, MB_FORM_RISES);
    cr_assert_eq(t->args->y1.year, 2021);
    cr_assert_eq(t->args->y2.year, 2025);
    done();
    t = tgt("a falls every year 2016..2020");
    cr_assert_eq(t->form, MB_FORM_FALLS);
    cr_assert_eq(t->args->y1.year, 2016);
    cr_assert_eq(t->args->y2.year, 2020);
    done();
}

Test(parse_ok, target_above_region)
{
    mb_ast_target *t = tgt("a > region \"江苏省\" by 2018");
    cr_assert_eq(t->form, MB_FORM_ABOVE_REGION);
    cr_assert_eq(t->cmp, MB_CMP_GT);
    cr_assert_str_eq(t->args->region.text, "江苏省");
    cr_assert_eq(t->by.year, 2018);
    done();
    t = tgt("a >= region \"全国\" by 2020");
    cr_assert_eq(t->form, MB_FORM_ABOVE_REGION);
    cr_assert_eq(t->cmp, MB_CMP_GE);
    cr_assert_str_eq(t->args->region.text, "全国");
    done();
}

Test(parse_ok, target_about_within)
{
    mb_ast_target *t = tgt("a about 1200 家 within 5% by 2018");
    cr_assert_eq(t->form, MB_FORM_ABOUT);
    cr_assert(t->args->tol_relative);
    Q(&t->args->a, "1200", "家", "1200 家");
    Q(&t->args->b, "5", "%", "5%");
    cr_assert_eq(t->by.year, 2018);
    done();
}

Test(parse_ok, target_about_plus_minus)
{
    mb_ast_target *t = tgt("a about 1.2万家 ± 500 家 by 2019");
    cr_assert_eq(t->form, MB_FORM_ABOUT);
    cr_assert(!t->args->tol_relative);
    Q(&t->args->a, "1.2", "万家", "1.2万家");
    Q(&t->args->b, "500", "家", "500 家");
    done();
    t = tgt("a about 100 +- 5 by 2019");
    cr_assert_eq(t->form, MB_FORM_ABOUT);
    cr_assert(!t->args->tol_relative);
    Q(&t->args->b, "5", NULL, "5");
    done();
}

Test(parse_ok, target_between)
{
    mb_ast_target *t = tgt("a between 300 and 400 家 by 2019");
    cr_assert_eq(t->form, MB_FORM_INTERVAL);
    Q(&t->args->a, "300", NULL, "300");
    Q(&t->args->b, "400", "家", "400 家");
    cr_assert_eq(t->by.year, 2019);
    done();
}

Test(parse_ok, target_stretch)
{
    mb_ast_target *t = tgt("a >= 1 家 stretch 2 家 by 2018");
    cr_assert_eq(t->form, MB_FORM_RANGE);
    cr_assert_eq(t->cmp, MB_CMP_GE);
    Q(&t->args->a, "1", "家", "1 家");
    Q(&t->args->b, "2", "家", "2 家");
    cr_assert_eq(t->by.year, 2018);
    done();
}

Test(parse_ok, target_breakthrough_coverage_rank)
{
    mb_ast_target *t = tgt("a >= 1 家 by 2020");
    Q(&t->goals[0].q, "1", "家", "1 家");
    done();
    t = tgt("a >= 100% by 2020");
    Q(&t->goals[0].q, "100", "%", "100%");
    done();
    t = tgt("a <= 3 by 2018");
    cr_assert_eq(t->cmp, MB_CMP_LE);
    Q(&t->goals[0].q, "3", NULL, "3");
    done();
}

Test(parse_ok, target_qualitative_with_subject)
{
    ok("target Q1 \"排名\": nt_zone_rank qualitative phrase \"综合排名稳中有升\";\n");
    mb_ast_target *t = target(0);
    cr_assert_eq(t->form, MB_FORM_QUALITATIVE);
    cr_assert_str_eq(t->subject.text, "nt_zone_rank");
    cr_assert_str_eq(t->label.text, "排名");
    cr_assert_str_eq(t->cl->phrase.text, "综合排名稳中有升");
    done();
}

Test(parse_ok, target_qualitative_without_subject)
{
    ok("target Q2: qualitative phrase \"营造良好创新氛围\";\n");
    mb_ast_target *t = target(0);
    cr_assert_eq(t->form, MB_FORM_QUALITATIVE);
    cr_assert_null(t->subject.text);
    cr_assert_null(t->label.text);
    done();
}

Test(parse_ok, target_subject_by_printed_name)
{
    ok("target T: \"高新技术企业数\" >= 1200 家 by 2018;\n");
    mb_ast_target *t = target(0);
    cr_assert(t->subject_is_name);
    cr_assert_str_eq(t->subject.text, "高新技术企业数");
    cr_assert_str_eq(spanned(t->subject.span), "\"高新技术企业数\"");
    done();
    /* the key is NFKC: fullwidth parentheses are plain ones */
    ok("target T: \"研发经费占比（%）\" >= 3% by 2018;\n");
    cr_assert_str_eq(target(0)->subject.text, "研发经费占比（%）");
    cr_assert_str_eq(target(0)->subject.key, "研发经费占比(%)");
    done();
}

Test(parse_ok, target_every_clause)
{
    mb_ast_target *t = tgt("a >= 3% by 2020 phrase \"达到3%\" category \"投入\" owner \"甲\", \"乙\" "
                           "source \"统计局\" from 2016 note \"以2016年为基期\"");
    cr_assert_str_eq(t->cl->phrase.text, "达到3%");
    cr_assert_str_eq(t->cl->category.text, "投入");
    cr_assert_eq(t->cl->owners.n, 2);
    cr_assert_str_eq(t->cl->owners.v[1].text, "乙");
    cr_assert_str_eq(t->cl->source.text, "统计局");
    cr_assert_eq(t->cl->from.year, 2016);
    cr_assert_str_eq(t->cl->note.text, "以2016年为基期");
    done();
    /* clauses in another order */
    t = tgt("a >= 3% by 2020 note \"n\" from 2017 phrase \"p\"");
    cr_assert_str_eq(t->cl->phrase.text, "p");
    cr_assert_eq(t->cl->from.year, 2017);
    done();
}

Test(parse_ok, target_label)
{
    ok("target T01 \"研发投入占比\": rd_gdp >= 2.74% by 2018\n"
       "  phrase \"全社会研发投入占地区生产总值比重超过全省平均水平、达到2.74%\";\n");
    mb_ast_target *t = target(0);
    cr_assert_str_eq(t->label.text, "研发投入占比");
    cr_assert_str_eq(t->cl->phrase.text, "全社会研发投入占地区生产总值比重超过全省平均水平、达到2.74%");
    done();
}

Test(parse_ok, quantities_with_scaled_units)
{
    mb_ast_target *t = tgt("a >= 940亿元 by 2020");
    Q(&t->goals[0].q, "940", "亿元", "940亿元");
    done();
    t = tgt("a <= 0.5 吨煤/万元 by 2015");
    Q(&t->goals[0].q, "0.5", "吨煤/万元", "0.5 吨煤/万元");
    done();
    t = tgt("a >= -5% by 2015");
    Q(&t->goals[0].q, "-5", "%", "-5%");
    done();
}

Test(parse_ok, fullwidth_input)
{
    const char *src = "indicator rd_gdp \"研发\" unit ％ higher；\n"
                      "target T01：rd_gdp ≥ ２．７４％ ｂｙ ２０１８，３％ ｂｙ ２０１９\n"
                      "  phrase \"达到２．７４％\"；\n";
    ok(src);
    cr_assert_eq(P.file.n, 2);
    cr_assert_str_eq(indicator(0)->unit.text, "％");
    cr_assert_str_eq(indicator(0)->unit.key, "%");
    mb_ast_target *t = target(1);
    cr_assert_eq(t->form, MB_FORM_COMPARE);
    cr_assert_eq(t->ngoals, 2);
    Q(&t->goals[0].q, "2.74", "％", "２．７４％");
    cr_assert_str_eq(t->goals[0].q.unit.key, "%");
    cr_assert_eq(t->goals[0].by.year, 2018);
    cr_assert_eq(t->goals[1].by.year, 2019);
    cr_assert_str_eq(t->cl->phrase.text, "达到２．７４％"); /* strings are kept as written */
    done();
}

Test(parse_ok, identifiers_keep_original_text_and_nfkc_key)
{
    ok("indicator ｒｄ＿ｇｄｐ unit % higher;\n");
    cr_assert_str_eq(indicator(0)->id.text, "ｒｄ＿ｇｄｐ");
    cr_assert_str_eq(indicator(0)->id.key, "rd_gdp");
    done();
}

/* ---- checks ---------------------------------------------------------------------------------- */

Test(parse_ok, check_every_kind)
{
    ok("check share_bounds \"占比\": rd_gdp between 0 and 100;\n"
       "check count_whole: hte_count integer;\n"
       "check count_nonneg: hte_count >= 0;\n"
       "check part_le_whole: prov_labs <= city_labs;\n"
       "check by_name: \"省级\" < \"全市\";\n"
       "check money: income ≤ 100亿元;\n");
    mb_ast_check *c = check(0);
    cr_assert_str_eq(c->id.text, "share_bounds");
    cr_assert_str_eq(c->label.text, "占比");
    cr_assert_eq(c->kind, MB_CHECK_BETWEEN);
    Q(&c->a, "0", NULL, "0");
    Q(&c->b, "100", NULL, "100");
    c = check(1);
    cr_assert_eq(c->kind, MB_CHECK_INTEGER);
    cr_assert_str_eq(c->subject.text, "hte_count");
    c = check(2);
    cr_assert_eq(c->kind, MB_CHECK_CMP);
    cr_assert_eq(c->cmp, MB_CMP_GE);
    cr_assert_null(c->other.text);
    Q(&c->a, "0", NULL, "0");
    c = check(3);
    cr_assert_eq(c->kind, MB_CHECK_CMP);
    cr_assert_eq(c->cmp, MB_CMP_LE);
    cr_assert_str_eq(c->other.text, "city_labs");
    cr_assert(!c->other_is_name);
    c = check(4);
    cr_assert(c->subject_is_name);
    cr_assert(c->other_is_name);
    cr_assert_eq(c->cmp, MB_CMP_LT);
    c = check(5);
    cr_assert_eq(c->cmp, MB_CMP_LE);
    Q(&c->a, "100", "亿元", "100亿元");
    done();
}

/* ---- text-level details ------------------------------------------------------------------------ */

Test(parse_ok, string_escapes)
{
    ok("indicator a \"引号\\\"反斜杠\\\\换行\\n\" unit % higher;\n");
    cr_assert_str_eq(indicator(0)->name.text, "引号\"反斜杠\\换行\n");
    done();
}

Test(parse_ok, curly_quotes_inside_strings)
{
    ok("target T: qualitative phrase \"建设“创新之都”\";\n");
    cr_assert_str_eq(target(0)->cl->phrase.text, "建设“创新之都”");
    done();
}

Test(parse_ok, bom_at_start_and_crlf)
{
    ok("\xEF\xBB\xBFindicator a \"A\" unit % higher;\r\ntarget T: a >= 1% by 2018;\r\n");
    cr_assert_eq(P.file.n, 2);
    cr_assert_eq(indicator(0)->id.span.start, 13);
    done();
}

Test(parse_ok, long_identifier_and_string_at_limits)
{
    char src[512];
    char id[257];
    memset(id, 'x', 256);
    id[256] = 0;
    snprintf(src, sizeof src, "indicator %s unit %% higher;\n", id);
    ok(src);
    cr_assert_eq(strlen(indicator(0)->id.text), 256);
    done();
}

/* ---- syntax errors: the whole text ------------------------------------------------------------- */

Test(parse_err, missing_semicolon_hint)
{
    errors("indicator a \"A\" unit % higher\n"
           "indicator b \"B\" unit % higher;\n",
           "t.mb:2:1: error: syntax error: unexpected 'indicator' (is a ';' missing at the end of the statement before it?)\n"
           "  indicator b \"B\" unit % higher;\n"
           "  ^~~~~~~~~\n");
}

Test(parse_err, missing_semicolon_before_target)
{
    errors("indicator a \"A\" unit % higher;\n"
           "target T1: a >= 1% by 2018 phrase \"x\"\n"
           "target T2: a >= 2% by 2019 phrase \"y\";\n",
           "t.mb:3:1: error: syntax error: unexpected 'target' (is a ';' missing at the end of the statement before it?)\n"
           "  target T2: a >= 2% by 2019 phrase \"y\";\n"
           "  ^~~~~~\n");
}

Test(parse_err, end_of_input_on_last_line_without_newline)
{
    errors("indicator a \"A\" unit % higher",
           "t.mb:1:30: error: syntax error: unexpected end of file\n"
           "  indicator a \"A\" unit % higher\n"
           "                               ^\n");
}

Test(parse_err, end_of_input_inside_plan)
{
    errors("plan p {\n  name \"P\"\n",
           "t.mb:2:11: error: syntax error: unexpected end of file\n"
           "    name \"P\"\n"
           "            ^\n");
}

Test(parse_err, error_inside_plan_block)
{
    errors("plan p {\n"
           "  name     \"P\"\n"
           "  base     twenty\n"
           "  deadline 2018\n"
           "}\n"
           "indicator a \"A\" unit % higher;\n"
           "target T: a >= 1% by 2018 phrase \"x\"\n"
           "target U: a >= 2% by 2018 phrase \"x\";\n",
           "t.mb:3:12: error: syntax error: unexpected identifier, expecting number\n"
           "    base     twenty\n"
           "             ^~~~~~\n"
           "t.mb:8:1: error: syntax error: unexpected 'target' (is a ';' missing at the end of the statement before it?)\n"
           "  target U: a >= 2% by 2018 phrase \"x\";\n"
           "  ^~~~~~\n");
}

Test(parse_err, error_at_plan_closing_brace)
{
    errors("plan p {\n"
           "  name \"P\"\n"
           "  deadline 2018, 2019,\n"
           "}\n",
           "t.mb:4:1: error: syntax error: unexpected '}', expecting number\n"
           "  }\n"
           "  ^\n");
}

Test(parse_err, unterminated_string)
{
    errors("indicator a \"研发投入 unit % higher;\n"
           "indicator b \"B\" unit % higher;\n",
           "t.mb:1:13: error: unterminated string (a string ends on the line it starts)\n"
           "  indicator a \"研发投入 unit % higher;\n"
           "              ^~~~~~~~~~~~~~~~~~~~~~~~\n");
}

Test(parse_err, curly_quotes)
{
    errors("indicator a “研发” unit % higher;\n",
           "t.mb:1:13: error: curly quotes do not delimit strings; write \"...\"\n"
           "  indicator a “研发” unit % higher;\n"
           "              ^\n"
           "t.mb:1:16: error: curly quotes do not delimit strings; write \"...\"\n"
           "  indicator a “研发” unit % higher;\n"
           "                   ^\n");
}

Test(parse_err, exponent_number)
{
    errors("indicator a \"A\" unit 元 higher;\n"
           "target T: a >= 1e5 by 2018 phrase \"x\";\n",
           "t.mb:2:16: error: exponent notation is not supported; write the number out in full\n"
           "  target T: a >= 1e5 by 2018 phrase \"x\";\n"
           "                 ^~~\n");
}

Test(parse_err, arrow_hint)
{
    errors("indicator a \"A\" unit % higher;\n"
           "target T: a => 5% by 2018 phrase \"x\";\n",
           "t.mb:2:13: error: '=>' is not an operator; write '>='\n"
           "  target T: a => 5% by 2018 phrase \"x\";\n"
           "              ^~\n");
    /* the rest of the statement was still understood */
}

Test(parse_err, arrow_hint_keeps_the_statement)
{
    parse_n("target T: a => 5% by 2018;\n", strlen("target T: a => 5% by 2018;\n"));
    cr_assert_eq(P.rc, -1);
    cr_assert_eq(P.diags.errors, 1);
    cr_assert_eq(P.file.n, 1);
    cr_assert_eq(target(0)->cmp, MB_CMP_GE);
    done();
}

Test(parse_err, invalid_utf8_after_cjk)
{
    /* caret under the bad byte: 研发 is four columns wide */
    errors("indicator 研发 \"A\xFF\" unit % higher;\n",
           "t.mb:1:16: error: invalid UTF-8\n"
           "  indicator 研发 \"A\xEF\xBF\xBD\" unit % higher;\n"
           "                   ^\n");
}

Test(parse_err, invalid_utf8_on_a_later_line)
{
    errors("# 第一行\n  name \"高新\xE6\x8A\" x\n",
           "t.mb:2:11: error: invalid UTF-8\n"
           "    name \"高新\xEF\xBF\xBD\xEF\xBF\xBD\" x\n"
           "              ^\n");
}

Test(parse_err, nul_byte)
{
    static const char src[] = "indicator a \"A\" unit % higher;\n# a\0b\n";
    errors_n(src, sizeof src - 1,
             "t.mb:2:4: error: NUL byte in a rule file\n"
             "  # a b\n"
             "     ^\n");
}

Test(parse_err, bom_in_the_middle)
{
    errors("plan p {\n  name \"P\xEF\xBB\xBF\"\n}\n",
           "t.mb:2:10: error: byte order mark (U+FEFF) in the middle of the file\n"
           "    name \"P<U+FEFF>\"\n"
           "           ^\n"); /* an invisible character is shown in the excerpt, the caret on it */
}

Test(parse_err, identifier_too_long)
{
    char src[400], want[2048], tildes[200];
    char id[258];
    memset(id, 'x', 257);
    id[257] = 0;
    snprintf(src, sizeof src, "indicator %s unit %% higher;\n", id);
    memset(tildes, '~', 99);
    tildes[99] = 0;
    /* the line is longer than the excerpt window: cut 100 bytes after the start */
    snprintf(want, sizeof want,
             "t.mb:1:11: error: identifier too long (257 bytes; the limit is 256)\n"
             "  indicator %.100s…\n"
             "            ^%s\n",
             id, tildes);
    errors(src, want);
}

static char *nested(size_t depth)
{
    const char *head = "indicator a \"A\" unit 1 higher = ";
    size_t hl = strlen(head);
    char *s = malloc(hl + 2 * depth + 4);
    memcpy(s, head, hl);
    memset(s + hl, '(', depth);
    s[hl + depth] = '1';
    memset(s + hl + depth + 1, ')', depth);
    strcpy(s + hl + 2 * depth + 1, ";\n");
    return s;
}

Test(parse_err, parentheses_nested_65_deep)
{
    char *src = nested(65);
    char want[1024];
    /* the excerpt starts 60 bytes before the 65th '(' (byte 96) */
    snprintf(want, sizeof want,
             "t.mb:1:97: error: parentheses nested too deeply (more than 64 levels)\n"
             "  …%s\n"
             "  %61s^\n",
             src + 36 /* up to the newline, trimmed below */, "");
    /* drop the source's own newline from the middle of the expected text */
    char *nl = strstr(want, ";\n\n");
    cr_assert_not_null(nl);
    memmove(nl + 1, nl + 2, strlen(nl + 2) + 1);
    errors(src, want);
    free(src);
}

/* Fails fast: the parser stops at the 65th level instead of building 100,000. The limit is
 * this process's CPU time, which a loaded machine does not inflate (each Criterion test runs
 * in its own process). */
Test(parse_err, parentheses_nested_100000_deep_fail_fast)
{
    char *src = nested(100000);
    char want[1024], parens[161];
    memset(parens, '(', 160);
    parens[160] = 0;
    snprintf(want, sizeof want,
             "t.mb:1:97: error: parentheses nested too deeply (more than 64 levels)\n"
             "  …%s…\n"
             "  %61s^\n",
             parens, "");
    struct timespec t0, t1;
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &t0);
    errors(src, want);
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &t1);
    double secs = (double)(t1.tv_sec - t0.tv_sec) + (double)(t1.tv_nsec - t0.tv_nsec) / 1e9;
    cr_assert_lt(secs, 2.0, "took %.2f s of CPU time", secs);
    free(src);
}

Test(parse_err, several_errors_in_one_run)
{
    errors("indicator a \"A\" unit % higher;\n"
           "target T1: a >= by 2018;\n"
           "target T2: a >= 5% by 20180;\n"
           "target T3 a >= 5%;\n"
           "indicator b \"B\" unit % higher;\n"
           "check C1: b between 1 2;\n"
           "target T4: b >= 1% by 2018;\n",
           "t.mb:2:17: error: syntax error: unexpected 'by', expecting number or 'region' or 'last' or '-'\n"
           "  target T1: a >= by 2018;\n"
           "                  ^~\n"
           "t.mb:3:23: error: '20180' is not a year (write four digits, 1900 to 2999)\n"
           "  target T2: a >= 5% by 20180;\n"
           "                        ^~~~~\n"
           "t.mb:4:11: error: syntax error: unexpected identifier, expecting string or ':'\n"
           "  target T3 a >= 5%;\n"
           "            ^\n"
           "t.mb:6:23: error: syntax error: unexpected number, expecting identifier or 'and' or '%'\n"
           "  check C1: b between 1 2;\n"
           "                        ^\n");
}

Test(parse_err, recovery_keeps_good_statements)
{
    const char *src = "indicator a \"A\" unit % higher;\n"
                      "target T1: a >= by 2018;\n"
                      "indicator b \"B\" unit % higher;\n";
    parse_n(src, strlen(src));
    cr_assert_eq(P.rc, -1);
    cr_assert_eq(P.diags.errors, 1);
    cr_assert_eq(P.file.n, 2);
    cr_assert_str_eq(indicator(0)->id.text, "a");
    cr_assert_str_eq(indicator(1)->id.text, "b");
    done();
}

Test(parse_err, error_cap)
{
    /* 60 bad statements: 50 are shown, then one line says how many more there were */
    size_t cap = 60 * 40;
    char *src = malloc(cap), *want = malloc(60 * 200);
    src[0] = want[0] = 0;
    for (int i = 1; i <= 60; i++) {
        char line[64];
        snprintf(line, sizeof line, "target T%02d: a >= by 2018;\n", i);
        strcat(src, line);
        if (i <= 50) {
            char d[256];
            snprintf(d, sizeof d,
                     "t.mb:%d:18: error: syntax error: unexpected 'by', expecting number or 'region' or 'last' or '-'\n"
                     "  target T%02d: a >= by 2018;\n"
                     "                   ^~\n",
                     i, i);
            strcat(want, d);
        }
    }
    /* the 51st error is counted and reading stops there: nothing more could be shown */
    strcat(want, "t.mb:51:18: note: too many errors: the rest of this file is not read\n"
                 "  target T51: a >= by 2018;\n"
                 "                   ^~\n"
                 "mubiao: error: too many errors; 1 more not shown\n");
    errors(src, want);
    cr_assert_eq(P.file.stopped, strlen("target T01: a >= by 2018;\n") * 50 + 17);
    free(src);
    free(want);
}

/* 16 MiB of ';' is 16 million syntax errors: the parse stops at the 51st, having read 51
 * bytes, instead of formatting (and dropping) every one of them. */
Test(parse_err, error_cap_stops_reading)
{
    size_t n = MB_MAX_RULE_FILE;
    char *src = malloc(n);
    memset(src, ';', n);
    parse_n(src, n);
    cr_assert_eq(P.rc, -1);
    cr_assert_eq(P.diags.errors, 51);
    cr_assert_eq(P.diags.dropped, 1);
    cr_assert_eq(P.file.stopped, 50, "stopped at %zu", P.file.stopped);
    cr_assert_eq(P.diags.v[P.diags.n - 1].sev, MB_SEV_NOTE);
    done();
    free(src);
}

Test(parse_err, not_a_year_and_not_a_date)
{
    errors("plan p {\n"
           "  name \"P\"\n"
           "  date 2018-02-30\n"
           "  base 17\n"
           "}\n",
           "t.mb:3:8: error: '2018-02-30' is not a calendar date\n"
           "    date 2018-02-30\n"
           "         ^~~~~~~~~~\n"
           "t.mb:4:8: error: '17' is not a year (write four digits, 1900 to 2999)\n"
           "    base 17\n"
           "         ^~\n");
}

Test(parse_err, leap_day_is_a_date)
{
    ok("plan p { name \"P\" date 2020-02-29 }\n");
    done();
    errors("plan p { name \"P\" date 2019-02-29 }\n",
           "t.mb:1:24: error: '2019-02-29' is not a calendar date\n"
           "  plan p { name \"P\" date 2019-02-29 }\n"
           "                         ^~~~~~~~~~\n");
}

Test(parse_err, stretch_needs_at_least)
{
    errors("target T: a > 1 家 stretch 2 家 by 2018;\n",
           "t.mb:1:13: error: 'stretch' goes with '>=': the lower value is required, the higher is the stretch\n"
           "  target T: a > 1 家 stretch 2 家 by 2018;\n"
           "              ^\n");
}

Test(parse_err, number_with_too_many_digits)
{
    errors("target T: a >= 1234567890123456789012345678901 by 2018;\n",
           "t.mb:1:16: error: number has more than 30 significant digits\n"
           "  target T: a >= 1234567890123456789012345678901 by 2018;\n"
           "                 ^~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~\n");
}

Test(parse_err, malformed_number)
{
    errors("target T: a >= 1.2.3% by 2018;\n",
           "t.mb:1:16: error: malformed number '1.2.3'\n"
           "  target T: a >= 1.2.3% by 2018;\n"
           "                 ^~~~~\n");
}

Test(parse_err, thousands_separator)
{
    /* "1,200" as plans print it: said so, not read as two milestones */
    errors("target T: a >= 1,200 家 by 2018;\n",
           "t.mb:1:16: error: thousands separators are not allowed in rules: write '1200'\n"
           "  target T: a >= 1,200 家 by 2018;\n"
           "                 ^~~~~\n");
    errors("target T: a >= 12,345,678.5 by 2018;\n",
           "t.mb:1:16: error: thousands separators are not allowed in rules: write '12345678.5'\n"
           "  target T: a >= 12,345,678.5 by 2018;\n"
           "                 ^~~~~~~~~~~~\n");
}

Test(parse_ok, comma_between_milestones_and_deadlines)
{
    /* a list comma after a year, or with a space after it, is still a list comma */
    ok("plan p { name \"P\" deadline 2018,2019 }\n"
       "target T: a >= 1 by 2018,2 by 2019;\n"
       "target U: a >= 1 by 2018, 200 by 2019;\n");
    cr_assert_eq(P.file.stmts[0].u.plan->ndeadlines, 2);
    cr_assert_eq(target(1)->ngoals, 2);
    cr_assert_eq(target(2)->ngoals, 2);
    done();
}

Test(parse_err, rule_file_too_large)
{
    size_t n = MB_MAX_RULE_FILE + 1;
    char *src = malloc(n);
    memset(src, '\n', n);
    errors_n(src, n,
             "t.mb:1:1: error: rule file too large (16777217 bytes; the limit is 16 MiB)\n"
             "  \n"
             "  ^\n");
    free(src);
}

Test(parse_err, string_too_long)
{
    size_t n = 70000;
    char *src = malloc(n + 64);
    strcpy(src, "indicator a \"");
    size_t k = strlen(src);
    memset(src + k, 'x', n);
    strcpy(src + k + n, "\" unit % higher;\n");
    parse_n(src, strlen(src));
    cr_assert_eq(P.rc, -1);
    cr_assert_eq(P.diags.errors, 1);
    cr_assert_str_eq(P.diags.v[0].msg, "string too long (70002 bytes; the limit is 65536)");
    done();
    free(src);
}

Test(parse_err, keyword_as_identifier)
{
    errors("indicator year \"Y\" unit % higher;\n",
           "t.mb:1:11: error: syntax error: unexpected 'year', expecting identifier\n"
           "  indicator year \"Y\" unit % higher;\n"
           "            ^~~~\n");
}

Test(parse_err, fullwidth_year_quoted_as_written)
{
    /* Diagnostics show the text as written (docs/language.md, Normalisation). */
    errors("target T：a ≥ ２．７４％ ｂｙ ２０１８０；\n",
                     "t.mb:1:23: error: '２０１８０' is not a year (write four digits, 1900 to 2999)\n"
                     "  target T：a ≥ ２．７４％ ｂｙ ２０１８０；\n"
                     "                                ^~~~~~~~~~\n");
}
