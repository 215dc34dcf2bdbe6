/* test_eval_support.h — helpers shared by test_eval.c and test_ingest.c: a model built from
 * rule text, data read from CSV or JSON text in memory, verdicts looked up by rule id and
 * region name, and exact number assertions. Header-only (static inline), so each suite
 * takes what it uses. */
#ifndef MB_TEST_EVAL_SUPPORT_H
#define MB_TEST_EVAL_SUPPORT_H

#include <criterion/criterion.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "data.h"
#include "eval.h"
#include "model.h"
#include "num.h"
#include "support.h"

/* An exact number from text: "2.74", "-0.5", or a fraction "1/274". */
static inline mb_num mbt_num(const char *s)
{
    mb_num a, b;
    const char *slash = strchr(s, '/');
    size_t n = slash ? (size_t)(slash - s) : strlen(s);
    cr_assert_eq(mb_num_parse(s, n, MB_NUM_SIGN, &a), MB_NUM_OK, "bad number in test: '%s'", s);
    if (!slash) return a;
    cr_assert_eq(mb_num_parse(slash + 1, strlen(slash + 1), MB_NUM_SIGN, &b), MB_NUM_OK,
                 "bad number in test: '%s'", s);
    cr_assert_eq(mb_num_div(a, b, &a), MB_NUM_OK);
    return a;
}

static inline const char *mbt_fmt(mb_num a, char buf[MB_NUM_BUF])
{
    mb_num_format(a, 12, buf, NULL);
    return buf;
}

/* got == want exactly (want as text for mbt_num). */
#define mbt_assert_num(got, want)                                                             \
    do {                                                                                      \
        mb_num got_ = (got);                                                                  \
        char gb_[MB_NUM_BUF];                                                                 \
        cr_assert(mb_num_cmp(got_, mbt_num(want)) == 0, "%s: got %s, want %s", #got,          \
                  mbt_fmt(got_, gb_), (want));                                                \
    } while (0)

/* Everything one evaluation needs. */
typedef struct mbt_run {
    mb_model *m;
    mb_data *D;
    mb_eval e;
    char *rule_diags;   /* rule diagnostics as printed (warnings, since errors fail the test) */
    char *data_diags;   /* submission diagnostics as printed */
} mbt_run;

/* The model from rule text; a rule error fails the test with the diagnostics. */
static inline mb_model *mbt_model(const char *rules, char **diags_out)
{
    mb_model *m = mb_model_new();
    cr_assert_not_null(m);
    mb_diags d;
    mb_diags_init(&d, 50);
    int rc = mb_model_load_text(m, "rules.mb", rules, strlen(rules), &d);
    if (rc == 0) rc = mb_model_check(m, &d);
    char *txt = mbt_diags_text(&d);
    size_t errors = d.errors;
    mb_diags_free(&d);
    cr_assert(rc == 0 && errors == 0, "the rules do not check:\n%s", txt ? txt : "");
    if (diags_out) *diags_out = txt;
    else free(txt);
    return m;
}

/* Data read from one in-memory file into a store for m (mb_data_finish not yet called). */
static inline mb_data *mbt_data_raw(const mb_model *m, const char *name, const char *buf, size_t len, int json)
{
    mb_data *D = mb_data_new(m);
    cr_assert_not_null(D);
    cr_assert_eq(mb_data_load_mem(D, name, buf, len, json), 0);
    return D;
}

/* Every row read is counted in exactly one place. */
static inline void mbt_assert_rows(const mb_data *D, size_t rows)
{
    const mb_rowcount *c = &D->count;
    cr_assert_eq(c->rows, rows, "rows read: %zu, want %zu", c->rows, rows);
    cr_assert_eq(c->used + c->unused_indicator + c->unused_period + c->unused_region + c->duplicate + c->rejected, c->rows,
                 "row accounting: used %zu + unused indicator %zu + unused period %zu + unused region %zu + duplicate %zu"
                 " + rejected %zu != rows %zu",
                 c->used, c->unused_indicator, c->unused_period, c->unused_region, c->duplicate, c->rejected, c->rows);
}

/* The five counts at once: used, unused indicator, unused period, duplicate, rejected. */
#define mbt_assert_counts(D, u, ui, up, dup, rej)                                            \
    do {                                                                                      \
        const mb_rowcount *c_ = &(D)->count;                                                  \
        cr_assert(c_->used == (size_t)(u) && c_->unused_indicator == (size_t)(ui)             \
                      && c_->unused_period == (size_t)(up) && c_->duplicate == (size_t)(dup)  \
                      && c_->rejected == (size_t)(rej),                                       \
                  "counts: used %zu, unused indicator %zu, unused period %zu, duplicate %zu,"  \
                  " rejected %zu; want %d, %d, %d, %d, %d",                                  \
                  c_->used, c_->unused_indicator, c_->unused_period, c_->duplicate,           \
                  c_->rejected, (int)(u), (int)(ui), (int)(up), (int)(dup), (int)(rej));      \
        mbt_assert_rows((D), (size_t)((u) + (ui) + (up) + (dup) + (rej)));                    \
    } while (0)

/* Rules + one data file (CSV unless json) + evaluator. as_of: year*100+month, 0 = latest. */
static inline void mbt_open(mbt_run *r, const char *rules, const char *data, int json, int as_of)
{
    memset(r, 0, sizeof *r);
    r->m = mbt_model(rules, &r->rule_diags);
    r->D = mbt_data_raw(r->m, json ? "data.json" : "data.csv", data, strlen(data), json);
    mb_data_finish(r->D);
    r->data_diags = mbt_diags_text(&r->D->diags);
    mb_eval_init(&r->e, r->m, r->D, as_of);
}

static inline void mbt_close(mbt_run *r)
{
    mb_data_free(r->D);
    mb_model_free(r->m);
    free(r->rule_diags);
    free(r->data_diags);
    memset(r, 0, sizeof *r);
}

static inline const mb_rule *mbt_rule(const mb_model *m, const char *id)
{
    for (size_t i = 0; i < m->nrules; i++)
        if (strcmp(m->rules[i]->id, id) == 0) return m->rules[i];
    cr_assert_fail("no rule '%s'", id);
    return NULL;
}

static inline mb_verdict mbt_verdict(const mbt_run *r, const char *rule, size_t goal, const char *region)
{
    const mb_rule *ru = mbt_rule(r->m, rule);
    cr_assert_lt(goal, ru->ngoals, "rule '%s' has no goal %zu", rule, goal);
    long reg = mb_data_region(r->D, region);
    cr_assert_geq(reg, 0, "no region '%s'", region);
    mb_verdict v;
    mb_eval_verdict(&r->e, ru, goal, (size_t)reg, &v);
    return v;
}

/* Rules against a CSV of the header region,indicator,period,value and `rows`: the verdict of
 * `rule` (milestone `goal`) for `region`, as of `as_of`. The data must read without a
 * submission error or warning, and every row must be accounted for. */
static inline mb_verdict mbt_clean_verdict(const char *rules, const char *rows, int as_of, const char *rule,
                                           size_t goal, const char *region)
{
    static const char hdr[] = "region,indicator,period,value\n";
    char *data = malloc(sizeof hdr + strlen(rows));
    cr_assert_not_null(data);
    memcpy(data, hdr, sizeof hdr);
    strcat(data, rows);
    mbt_run r;
    mbt_open(&r, rules, data, 0, as_of);
    cr_assert_str_eq(r.data_diags, "", "unexpected submission diagnostics:\n%s", r.data_diags);
    mbt_assert_rows(r.D, r.D->count.rows);
    mb_verdict v = mbt_verdict(&r, rule, goal, region);
    v.rule = NULL; /* the model is freed below */
    mbt_close(&r);
    free(data);
    return v;
}

/* Status, then actual/target/gap (NULL: must be absent), year of the actual (0: not checked). */
#define mbt_expect(v, st, act, year_, tgt, gap_)                                              \
    do {                                                                                      \
        const mb_verdict vv_ = (v), *v_ = &vv_;                                                          \
        cr_assert_eq(v_->status, (st), "status %s, want %s (detail: %s)",                     \
                     mb_status_name(v_->status), mb_status_name(st), v_->detail);             \
        const char *a_ = (act), *t_ = (tgt), *g_ = (gap_);                                    \
        if (a_) { cr_assert(v_->has_actual, "no actual"); mbt_assert_num(v_->actual, a_); }    \
        else cr_assert(!v_->has_actual, "unexpected actual");                                 \
        if ((year_)) cr_assert_eq(v_->actual_year, (year_));                                  \
        if (t_) { cr_assert(v_->has_target, "no target"); mbt_assert_num(v_->target, t_); }    \
        else cr_assert(!v_->has_target, "unexpected target");                                 \
        if (g_) { cr_assert(v_->has_gap, "no gap"); mbt_assert_num(v_->gap, g_); }             \
        else cr_assert(!v_->has_gap, "unexpected gap");                                       \
    } while (0)

#define mbt_expect_rel(v, rel)                                                                \
    do {                                                                                      \
        cr_assert((v).has_rel_gap, "no relative gap");                                        \
        mbt_assert_num((v).rel_gap, rel);                                                     \
    } while (0)

#define mbt_expect_detail(v, want) cr_assert_str_eq((v).detail, (want))

#define mbt_expect_detail_has(v, part)                                                        \
    cr_assert(strstr((v).detail, (part)) != NULL, "detail '%s' lacks '%s'", (v).detail, (part))

#endif
