/* check_crit.c — resolution: every form of target becomes one criterion per deadline
 * (crit.h), once, when the model is checked. This is the only place that knows what each
 * form means; a new form adds a case here, to the grammar and to the form table (forms.c). */
#include "check.h"

static mb_limit at(mb_num v, int strict) { return (mb_limit){.on = 1, .strict = strict, .v = v}; }

/* The bounds of a comparison `x cmp v`. */
static void by_cmp(mb_crit *c, mb_cmp cmp, mb_num v)
{
    if (cmp == MB_CMP_GE || cmp == MB_CMP_GT || cmp == MB_CMP_EQ) c->lo = at(v, cmp == MB_CMP_GT);
    if (cmp == MB_CMP_LE || cmp == MB_CMP_LT || cmp == MB_CMP_EQ) c->hi = at(v, cmp == MB_CMP_LT);
    c->named = v;
}

/* 1 + p% (sign −1: 1 − p%), exactly. */
static int one_plus(mb_chk *k, const mb_rule *r, int sign, mb_num *out)
{
    mb_num p;
    mb_numerr err = mb_num_div(r->a, mb_num_int(100), &p);
    if (!err) err = sign < 0 ? mb_num_sub(mb_num_int(1), p, out) : mb_num_add(mb_num_int(1), p, out);
    if (err) mb_diag_add(k->d, MB_D_TARGET_ARITHMETIC, r->ast->args->a.span, "%s computing the target", mb_numerr_str(err));
    return !err;
}

/* The band of an about: X ± tol (tol_relative: tol% of X), exactly. */
static int band(mb_chk *k, const mb_rule *r, mb_num *tol, mb_num *lo, mb_num *hi)
{
    mb_numerr err = MB_NUM_OK;
    *tol = r->b;
    if (r->tol_relative) {
        err = mb_num_mul(mb_num_abs(r->a), r->b, tol);
        if (!err) err = mb_num_div(*tol, mb_num_int(100), tol);
    }
    if (!err) err = mb_num_sub(r->a, *tol, lo);
    if (!err) err = mb_num_add(r->a, *tol, hi);
    if (err) mb_diag_add(k->d, MB_D_TARGET_ARITHMETIC, r->ast->args->b.span, "%s computing the band", mb_numerr_str(err));
    return !err;
}

/* What a band means, for every form that has one (about, growth about): on an indicator
 * with a direction, reaching the band is met and doing better than its centre is too (the
 * report says it was exceeded); both sides bound the value only when the rule says
 * `two-sided` (docs/evaluation.md). */
static void band_bounds(const mb_rule *r, mb_crit *c, mb_num lo, mb_num hi)
{
    c->two_sided = r->two_sided;
    if (c->two_sided || c->dir >= 0) c->lo = at(lo, 0);
    if (c->two_sided || c->dir < 0) c->hi = at(hi, 0);
    if (c->two_sided) return;
    c->mark_kind = MB_MARK_EXCEEDED;
    c->mark = at(c->dir < 0 ? lo : hi, 1);
}

/* About X within a tolerance. */
static void about(mb_chk *k, const mb_rule *r, mb_crit *c)
{
    mb_num tol, lo, hi;
    if (!band(k, r, &tol, &lo, &hi)) return;
    c->named = r->a;
    c->tol = tol;
    band_bounds(r, c, lo, hi);
}

/* 1 + p/100, exactly. */
static int factor_of(mb_chk *k, const mb_rule *r, mb_num p, mb_num *out)
{
    mb_numerr err = mb_num_div(p, mb_num_int(100), out);
    if (!err) err = mb_num_add(mb_num_int(1), *out, out);
    if (err) mb_diag_add(k->d, MB_D_TARGET_ARITHMETIC, r->ast->id.span, "%s computing the target", mb_numerr_str(err));
    return !err;
}

/* Growth over the previous year: the bounds are factors of the value of the year before
 * the deadline (增长6%: value(Y) >= 1.06 × value(Y − 1)); "about P% ± D" is the band of
 * rates P − D .. P + D, bounded on the worse side only unless two-sided, and beyond it on
 * the better side "exceeded" (as `about`: the mark is a factor too, scaled with the bounds).
 * After 'growth rate' the value judged is the submitted rate itself: the same bounds as
 * percentages (6%, 5.5% .. 6.5%), not factors. Either way the year before is the base, so
 * that before the year is complete there is no year to measure progress from. */
static void yoy(mb_chk *k, const mb_rule *r, size_t g, mb_crit *c)
{
    mb_num f, lo, hi, tol = r->b;
    int rate = r->yoy_rate;
    c->scale = rate ? MB_SCALE_NONE : MB_SCALE_BASE;
    c->base_year = c->year - 1;
    if (!r->ast->args->b.span.text) {
        f = r->goals[g].value;
        if (rate || factor_of(k, r, r->goals[g].value, &f)) by_cmp(c, r->cmp, f);
        return;
    }
    mb_num plo, phi;
    if (!band(k, r, &tol, &plo, &phi)) return;
    f = r->a, lo = plo, hi = phi;
    if (!rate && (!factor_of(k, r, r->a, &f) || !factor_of(k, r, plo, &lo) || !factor_of(k, r, phi, &hi))) return;
    c->named = f;
    if (rate) c->tol = tol; /* percentage points of a rate in %: the indicator's own unit */
    band_bounds(r, c, lo, hi);
}

static void resolve(mb_chk *k, const mb_rule *r, size_t g, mb_crit *c)
{
    mb_num f;
    c->kind = MB_CRIT_VALUE;
    c->dir = r->ind ? r->ind->direction : 1;
    c->year = r->goals[g].year;
    c->base_year = r->base_year;
    c->y1 = r->y1;
    c->y2 = r->y2;
    switch (r->form) {
    case MB_FORM_COMPARE: by_cmp(c, r->cmp, r->goals[g].value); break;
    case MB_FORM_ABOUT: about(k, r, c); break;
    case MB_FORM_INTERVAL:
        c->lo = at(r->a, 0);
        c->hi = at(r->b, 0);
        c->named = r->a;
        break;
    case MB_FORM_RANGE:
        by_cmp(c, MB_CMP_GE, r->a);
        c->dir = 1;
        c->mark_kind = MB_MARK_STRETCH;
        c->mark = at(r->b, 0);
        break;
    case MB_FORM_EACH_YEAR:
    case MB_FORM_CUMULATIVE:
        c->kind = r->form == MB_FORM_EACH_YEAR ? MB_CRIT_EACH : MB_CRIT_SUM;
        by_cmp(c, r->cmp, r->a);
        break;
    case MB_FORM_RELATIVE:
        c->scale = MB_SCALE_BASE;
        by_cmp(c, r->cmp, r->a);
        break;
    case MB_FORM_CUT_POINTS: /* 下降3个百分点: ≤ base − 3; 提高2个百分点: ≥ base + 2, in the % */
    case MB_FORM_GROW_POINTS:
        c->scale = MB_SCALE_OFFSET;
        if (r->form == MB_FORM_CUT_POINTS) by_cmp(c, MB_CMP_LE, mb_num_neg(r->a));
        else by_cmp(c, MB_CMP_GE, r->a);
        break;
    case MB_FORM_CUT:
    case MB_FORM_GROW:
        c->scale = MB_SCALE_BASE;
        if (one_plus(k, r, r->form == MB_FORM_CUT ? -1 : 1, &f))
            by_cmp(c, r->form == MB_FORM_CUT ? MB_CMP_LE : MB_CMP_GE, f);
        break;
    case MB_FORM_ANNUAL_GROWTH:
        c->scale = MB_SCALE_COMPOUND;
        c->years = c->year > c->base_year ? (unsigned)(c->year - c->base_year) : 0;
        if (one_plus(k, r, 1, &f)) by_cmp(c, r->cmp, f);
        break;
    case MB_FORM_RISES:
    case MB_FORM_FALLS:
        c->kind = MB_CRIT_STEPS;
        c->dir = r->form == MB_FORM_RISES ? 1 : -1;
        break;
    case MB_FORM_ABOVE_REGION:
        c->kind = MB_CRIT_REGION;
        c->scale = MB_SCALE_BASE;
        by_cmp(c, r->cmp, mb_num_int(1));
        c->region = r->region;
        c->region_key = r->region_key;
        break;
    case MB_FORM_SHARE_REGION: /* F × the reference region's value, compared exactly (1/3 stays 1/3) */
        c->kind = MB_CRIT_REGION;
        c->scale = MB_SCALE_BASE;
        by_cmp(c, r->cmp, r->a);
        c->region = r->region;
        c->region_key = r->region_key;
        break;
    case MB_FORM_QUALITATIVE: c->kind = MB_CRIT_NONE; break;
    case MB_FORM_YOY: yoy(k, r, g, c); break;
    }
    /* A printed base stands in for the value of its year wherever a base value is read: the
     * base of a scaled bound, or the start of the pace before the deadline (a submitted
     * growth rate reads no level, so no base). */
    if (r->printed && c->kind == MB_CRIT_VALUE && c->base_year == r->printed->year && !r->yoy_rate)
        c->printed = r->printed;
}

void mb_chk_criterion(mb_chk *k, mb_rule *r)
{
    r->crit = mb_arena_alloc(&k->m->arena, (r->ngoals ? r->ngoals : 1) * sizeof *r->crit);
    if (!r->crit) { k->oom = 1; return; }
    for (size_t g = 0; g < r->ngoals; g++) resolve(k, r, g, &r->crit[g]);
}
