/* report_criterion.c — what a verdict compared the value with, in the words every report
 * uses: the comparison (">=", "between", …) and the criterion as a reader states it
 * ("≥ 2.74", "≥ 1140 (1200 ±5%)", "1..2", "≥ 1 (stretch 2)"). Read from the rule's resolved
 * criterion and the verdict, never worked out again. */
#include <stdio.h>
#include <string.h>

#include "report.h"
#include "period.h"

const char *mb_report_comparison(const mb_verdict *v)
{
    const mb_crit *c = &v->rule->crit[v->goal];
    if (c->kind == MB_CRIT_NONE) return NULL;
    if (c->kind == MB_CRIT_STEPS) return c->dir > 0 ? "rising" : "falling";
    if (c->lo.on && c->hi.on)
        return mb_num_eq(c->lo.v, c->hi.v) && !c->lo.strict && !c->hi.strict ? "=" : "between";
    if (c->lo.on) return c->lo.strict ? ">" : ">=";
    return c->hi.strict ? "<" : "<=";
}

typedef struct sb { char *p; size_t n, cap; } sb;

static void add(sb *b, const char *s)
{
    size_t k = strlen(s);
    if (b->n + k >= b->cap) k = b->cap > b->n + 1 ? b->cap - b->n - 1 : 0;
    memcpy(b->p + b->n, s, k);
    b->n += k;
    b->p[b->n] = 0;
}

static void addnum(sb *b, mb_num v, int mark)
{
    char buf[MB_NUM_BUF];
    int exact = 1;
    mb_num_format(v, 4, buf, &exact);
    if (!exact && mark) add(b, "≈");
    add(b, buf);
}

static void addint(sb *b, int v)
{
    char buf[16];
    snprintf(buf, sizeof buf, "%d", v);
    add(b, buf);
}

/* A quantity in the indicator's unit: its unit after it when the caller wants units ("2.74%",
 * "12000 家"). */
static void addqty(sb *b, mb_num v, int mark, const char *unit)
{
    addnum(b, v, mark);
    if (!unit || !unit[0]) return;
    if (strcmp(unit, "%")) add(b, " ");
    add(b, unit);
}

/* A target that could not be computed (no base value): what the rule asks of the base,
 * "0.8 × 2015", "2015 −20%", "2016 +15%/yr". */
static void unscaled(sb *b, const mb_rule *r, const mb_crit *c, int mark)
{
    mb_num p;
    if (c->scale == MB_SCALE_OFFSET) { /* percentage points: "2020 −3 points" */
        addint(b, c->base_year);
        add(b, mb_num_sign(c->named) < 0 ? " −" : " +");
        addnum(b, mb_num_abs(c->named), mark);
        add(b, " points");
        return;
    }
    if (mb_form_info_of(r->form)->stated == MB_STATED_FACTOR || mb_crit_percent(c->named, &p)) {
        addnum(b, c->named, mark);
        add(b, " × ");
        addint(b, c->base_year);
        return;
    }
    addint(b, c->base_year);
    if (!mb_num_sign(p)) { add(b, " value"); return; } /* not below last year: "2023 value" */
    add(b, mb_num_sign(p) < 0 ? " −" : " +");
    addnum(b, mb_num_abs(p), mark);
    add(b, c->scale == MB_SCALE_COMPOUND ? "%/yr" : "%");
}

/* The base period of a growth over the previous year: the year, the same quarter or month
 * ("2024Q1"), or the same months of a year to date ("2024Q1–Q2", "2024-01–05"). */
static void add_base_period(sb *b, const mb_verdict *v, int year)
{
    char pb[16];
    int last = v->trace.ytd_sub, q = mb_sub_quarter(last);
    if (v->sub || !last || last == 1 || last == MB_SUB_Q1) {
        add(b, mb_period_text(year, v->sub ? v->sub : last, pb));
        return;
    }
    add(b, mb_period_text(year, q ? MB_SUB_Q1 : 1, pb));
    snprintf(pb, sizeof pb, q ? "–Q%d" : "–%02d", q ? q : last);
    add(b, pb);
}

/* A band of factors of the base (a growth over the previous year about 6% ± 0.5): the
 * bound(s) for this base, then the band of rates: "≥ 1055 (+6% ±0.5 on 2023)",
 * "102.5..103.5 (+3% ±0.5 on 2023)". */
static void scaled_band(sb *b, const mb_verdict *v, int mark, const char *unit)
{
    const mb_rule *r = v->rule;
    const mb_crit *c = &r->crit[v->goal];
    const mb_trace *t = &v->trace;
    mb_num p;
    if (t->has_bounds && c->lo.on && c->hi.on) {
        addnum(b, t->lo.v, mark);
        add(b, "..");
        addqty(b, t->hi.v, mark, unit);
    } else if (t->has_bounds) {
        add(b, c->lo.on ? "≥ " : "≤ ");
        addqty(b, c->lo.on ? t->lo.v : t->hi.v, mark, unit);
    }
    add(b, t->has_bounds ? " (" : "");
    if (!mb_crit_percent(c->named, &p)) {
        if (mb_num_sign(p) >= 0) add(b, "+");
        addnum(b, p, mark);
        add(b, "%");
    }
    add(b, " ±");
    addnum(b, r->b, mark); /* the tolerance as written: percentage points, or 10% of the rate */
    add(b, r->tol_relative ? "% on " : " on ");
    add_base_period(b, v, c->base_year);
    add(b, t->has_bounds ? ")" : "");
}

/* A criterion that is one bound on the verdict's target: "≥ 2468", "≤ 35 each year", "> 江苏省". */
static int bound_on_target(const mb_verdict *v)
{
    const mb_crit *c = &v->rule->crit[v->goal];
    if (!v->has_target || c->kind == MB_CRIT_NONE) return 0;
    return c->kind == MB_CRIT_STEPS || mb_crit_shape_of(c) == MB_SHAPE_BOUND;
}

/* The words of a bound before its value: the comparison and a space. */
static void bound_before(sb *b, const mb_crit *c)
{
    add(b, mb_cmp_sym(mb_crit_cmp(c)));
    add(b, " ");
}

/* And after it: a yearly or total bound says so; a bound on another region names it. */
static void bound_after(sb *b, const mb_verdict *v)
{
    const mb_rule *r = v->rule;
    const mb_crit *c = &r->crit[v->goal];
    if (c->kind == MB_CRIT_EACH) add(b, " each year");
    else if (c->kind == MB_CRIT_SUM) add(b, " total");
    else if (c->kind == MB_CRIT_REGION) {
        /* a share of the other region's value (1/3 × 江苏省): the share as the rule writes it */
        int share = mb_num_cmp(c->named, mb_num_int(1)) != 0;
        if (v->has_target) add(b, share ? " (" : " ");
        if (share) { add(b, r->goals[v->goal].text); add(b, " × "); }
        add(b, c->region);
        if (share && v->has_target) add(b, ")");
    }
}

int mb_report_criterion_around(const mb_verdict *v, char *before, char *after, size_t cap)
{
    if (!cap || !bound_on_target(v)) return 0;
    sb a = {before, 0, cap}, z = {after, 0, cap};
    before[0] = after[0] = 0;
    bound_before(&a, &v->rule->crit[v->goal]);
    bound_after(&z, v);
    return 1;
}

/* What mb_report_criterion_in below reads of the verdict beyond its rule and deadline, case
 * by case: keep the two together. */
int mb_report_criterion_fixed(const mb_verdict *v)
{
    const mb_crit *c = &v->rule->crit[v->goal];
    if (c->kind == MB_CRIT_NONE) return 1;
    if (c->kind == MB_CRIT_STEPS) return !v->has_target;
    switch (mb_crit_shape_of(c)) {
    case MB_SHAPE_BAND: return c->scale == MB_SCALE_NONE; /* scaled: the trace's bounds and year to date */
    case MB_SHAPE_BETWEEN:
    case MB_SHAPE_STRETCH: return !v->trace.has_bounds;
    case MB_SHAPE_BOUND: return !v->has_target;
    }
    return 0;
}

size_t mb_report_criterion_in(const mb_verdict *v, char *buf, size_t cap, int mark, const char *unit)
{
    sb b = {buf, 0, cap};
    if (cap) buf[0] = 0;
    const mb_rule *r = v->rule;
    const mb_crit *c = &r->crit[v->goal];
    const mb_trace *t = &v->trace;
    const mb_limit *lo = &c->lo, *hi = &c->hi;
    if (c->kind == MB_CRIT_NONE) { add(&b, "—"); return b.n; }
    if (c->kind == MB_CRIT_STEPS && !v->has_target) { add(&b, c->dir > 0 ? "rising" : "falling"); return b.n; }
    switch (c->kind == MB_CRIT_STEPS ? MB_SHAPE_BOUND : mb_crit_shape_of(c)) {
    case MB_SHAPE_BAND:
        if (c->scale != MB_SCALE_NONE) { scaled_band(&b, v, mark, unit); return b.n; }
        if (!c->two_sided) {
            add(&b, lo->on ? "≥ " : "≤ ");
            addqty(&b, lo->on ? lo->v : hi->v, mark, unit);
            add(&b, " (");
        }
        addnum(&b, c->named, mark);
        add(&b, " ±");
        addnum(&b, r->b, mark); /* the tolerance as written: 5 or 5% */
        if (r->tol_relative) add(&b, "%");
        if (!c->two_sided) add(&b, ")");
        else if (unit && unit[0]) { add(&b, " "); add(&b, unit); }
        return b.n;
    case MB_SHAPE_BETWEEN:
        addnum(&b, t->has_bounds ? t->lo.v : lo->v, mark);
        add(&b, "..");
        addqty(&b, t->has_bounds ? t->hi.v : hi->v, mark, unit);
        return b.n;
    case MB_SHAPE_STRETCH:
        add(&b, "≥ ");
        addqty(&b, t->has_bounds ? t->lo.v : lo->v, mark, unit);
        add(&b, " (stretch ");
        addqty(&b, c->mark.v, mark, unit);
        add(&b, ")");
        return b.n;
    case MB_SHAPE_BOUND: break;
    }
    bound_before(&b, c);
    if (v->has_target) addqty(&b, v->target, mark, unit);
    else if (c->scale == MB_SCALE_NONE) addqty(&b, c->named, mark, unit);
    else if (c->kind != MB_CRIT_REGION) unscaled(&b, r, c, mark);
    bound_after(&b, v);
    return b.n;
}

size_t mb_report_criterion(const mb_verdict *v, char *buf, size_t cap, int mark)
{
    return mb_report_criterion_in(v, buf, cap, mark, NULL);
}
