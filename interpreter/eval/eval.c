/* eval.c — computing one verdict. Values are exact (num.h); only the progress ratio, which
 * needs roots and only sorts a verdict into a class, is computed in floating point. */
#include "eval.h"

#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

static const char *const NAMES[MB_ST_COUNT] = {
    "met", "missed", "on-track", "needs-acceleration", "limited-progress",
    "regressing", "no-data", "not-assessable", "error"};

const char *mb_status_name(mb_status s) { return (unsigned)s < MB_ST_COUNT ? NAMES[s] : "?"; }

int mb_status_parse(const char *s, size_t n)
{
    for (int i = 0; i < MB_ST_COUNT; i++)
        if (strlen(NAMES[i]) == n && memcmp(NAMES[i], s, n) == 0) return i;
    return -1;
}

void mb_eval_init(mb_eval *e, const mb_model *m, const mb_data *D, int as_of_key)
{
    e->m = m;
    e->D = D;
    int key = as_of_key ? as_of_key : D->max_period;
    e->as_of = key % 100 == 12 ? key / 100 : key / 100 - 1;
    if (key == 0) e->as_of = 0;
}

size_t mb_eval_regions(const mb_eval *e, const mb_rule *r, size_t *out, size_t cap)
{
    const mb_plan *p = r->plan;
    if (!p || !p->nregions) {
        for (size_t i = 0; out && i < e->D->nregions && i < cap; i++) out[i] = i;
        return e->D->nregions;
    }
    size_t n = 0;
    for (size_t i = 0; i < p->nregions; i++) {
        long ix = mb_data_region(e->D, p->regions[i].key);
        if (ix >= 0 && out && n < cap) out[n] = (size_t)ix;
        if (ix >= 0) n++;
    }
    return n;
}

/* ---- values -------------------------------------------------------------------------- */

typedef enum { V_OK, V_MISSING, V_BAD } vstate;

static vstate value(const mb_eval *e, size_t region, const mb_indicator *ind, int year, mb_num *out,
                    char *why, size_t whyn, int depth);

static vstate expr(const mb_eval *e, size_t region, const mb_expr *x, int year, mb_num *out,
                   char *why, size_t whyn, int depth)
{
    if (depth > MB_MAX_EVAL_DEPTH) { snprintf(why, whyn, "derived indicators nested too deeply"); return V_BAD; }
    if (x->kind == MB_EX_NUM) { *out = x->num; return V_OK; }
    if (x->kind == MB_EX_REF) return value(e, region, x->ind, year, out, why, whyn, depth + 1);
    mb_num a, b = {0, 1};
    vstate s = expr(e, region, x->l, year, &a, why, whyn, depth + 1);
    if (s == V_OK && x->r) s = expr(e, region, x->r, year, &b, why, whyn, depth + 1);
    if (s != V_OK) return s;
    mb_numerr err = mb_expr_apply(x->kind, a, b, out);
    if (err) { snprintf(why, whyn, "%s in a derived indicator for %d", mb_numerr_str(err), year); return V_BAD; }
    return V_OK;
}

/* On V_MISSING, `why` names the value that is missing (for a derived indicator, the input
 * that is missing); on V_BAD, why it cannot be used. */
static vstate value(const mb_eval *e, size_t region, const mb_indicator *ind, int year, mb_num *out,
                    char *why, size_t whyn, int depth)
{
    if (!ind) return V_MISSING;
    if (year > e->as_of) {
        snprintf(why, whyn, "no value of '%s' for %d", ind->id, year);
        return V_MISSING;
    }
    if (ind->derived) return expr(e, region, ind->derived, year, out, why, whyn, depth);
    const mb_obs *o = mb_data_obs(e->D, region, ind, year);
    if (!o || o->state == MB_OBS_ABSENT) {
        snprintf(why, whyn, "no value of '%s' for %d", ind->id, year);
        return V_MISSING;
    }
    if (o->state == MB_OBS_CONFLICT) {
        snprintf(why, whyn, "the %d value of '%s' was rejected (see the submission errors)", year, ind->id);
        return V_BAD;
    }
    *out = mb_obs_value(o);
    return V_OK;
}

/* ---- helpers ------------------------------------------------------------------------- */

static int holds(mb_cmp c, mb_num a, mb_num b) { return mb_cmp_holds(c, mb_num_cmp(a, b)); }

static void set_actual(mb_verdict *v, mb_num a, int year)
{
    v->has_actual = 1;
    v->actual = a;
    v->actual_year = year;
}

static void set_target(mb_verdict *v, mb_num t)
{
    v->has_target = 1;
    v->target = t;
    if (!v->has_actual) return;
    if (mb_num_sub(v->actual, t, &v->gap)) return;
    v->has_gap = 1;
    if (mb_num_sign(t) && !mb_num_div(v->gap, mb_num_abs(t), &v->rel_gap)) v->has_rel_gap = 1;
}

static void status(mb_verdict *v, mb_status s, const char *fmt, ...) __attribute__((format(printf, 3, 4)));
static void status(mb_verdict *v, mb_status s, const char *fmt, ...)
{
    v->status = s;
    if (!fmt) return;
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(v->detail, sizeof v->detail, fmt, ap);
    va_end(ap);
}

/* A value that must be there: sets no-data or error on the verdict when it is not. */
static int need(const mb_eval *e, mb_verdict *v, const mb_indicator *ind, int year, mb_num *out, const char *role)
{
    char why[160] = "";
    vstate s = value(e, v->region, ind, year, out, why, sizeof why, 0);
    if (s == V_OK) return 1;
    if (s == V_BAD) status(v, MB_ST_ERROR, "%s", why);
    else if (ind->derived) status(v, MB_ST_NO_DATA, "%s%s, an input of '%s'", why, role, ind->id);
    else status(v, MB_ST_NO_DATA, "%s%s", why, role);
    return 0;
}

/* ---- deadline reached ---------------------------------------------------------------- */

/* The threshold of forms judged on one value at the deadline; 0 when it cannot be known. */
static int threshold(const mb_eval *e, const mb_rule *r, size_t goal, mb_verdict *v, mb_num *t)
{
    mb_num base, f;
    switch (r->form) {
    case MB_FORM_COMPARE: *t = r->goals[goal].value; return 1;
    case MB_FORM_ABOUT:
    case MB_FORM_INTERVAL:
    case MB_FORM_RANGE: *t = r->a; return 1;
    case MB_FORM_RELATIVE:
    case MB_FORM_CUT:
    case MB_FORM_GROW:
    case MB_FORM_ANNUAL_GROWTH: {
        if (!need(e, v, r->ind, r->base_year, &base, " (the base year)")) return 0;
        mb_numerr err;
        if (r->form == MB_FORM_RELATIVE) err = mb_num_mul(r->a, base, t);
        else {
            mb_num pct;
            err = mb_num_div(r->a, mb_num_int(100), &pct);
            if (r->form == MB_FORM_CUT) err = err ? err : mb_num_sub(mb_num_int(1), pct, &f);
            else err = err ? err : mb_num_add(mb_num_int(1), pct, &f);
            if (!err && r->form == MB_FORM_ANNUAL_GROWTH) err = mb_num_pow(f, (unsigned)(r->goals[0].year - r->base_year), &f);
            if (!err) err = mb_num_mul(f, base, t);
        }
        if (err) { status(v, MB_ST_ERROR, "%s computing the target", mb_numerr_str(err)); return 0; }
        return 1;
    }
    default: return 0;
    }
}

/* Is value x good enough for the rule against threshold t? */
static int reached(const mb_rule *r, mb_num x, mb_num t)
{
    switch (r->form) {
    case MB_FORM_ABOUT: {
        mb_num d, tol = r->b;
        if (mb_num_sub(x, r->a, &d)) return 0;
        if (r->tol_relative && (mb_num_mul(mb_num_abs(r->a), r->b, &tol) || mb_num_div(tol, mb_num_int(100), &tol))) return 0;
        return mb_num_cmp(mb_num_abs(d), tol) <= 0;
    }
    case MB_FORM_INTERVAL: return mb_num_cmp(x, r->a) >= 0 && mb_num_cmp(x, r->b) <= 0;
    case MB_FORM_RANGE: return mb_num_cmp(x, r->a) >= 0;
    case MB_FORM_CUT: return mb_num_cmp(x, t) <= 0;
    case MB_FORM_GROW: return mb_num_cmp(x, t) >= 0;
    default: return holds(r->cmp, x, t);
    }
}

/* ---- before the deadline: progress classes --------------------------------------------- */

/* Eurostat / Open SDG: compare the compound annual growth achieved since the base year with
 * the growth needed to reach the target by the deadline. With a zero or negative value the
 * growth rate is undefined, so the same comparison is made on the linear path. */
/* Bands (about, between) are left from below or from above: the bound a value must move
 * towards is the one on its side; inside the band the target is reached. */
static int band(const mb_rule *r, mb_num *lo, mb_num *hi)
{
    if (r->form == MB_FORM_INTERVAL) { *lo = r->a; *hi = r->b; return 1; }
    if (r->form != MB_FORM_ABOUT) return 0;
    mb_num tol = r->b;
    if (r->tol_relative && (mb_num_mul(mb_num_abs(r->a), r->b, &tol) || mb_num_div(tol, mb_num_int(100), &tol)))
        return 0;
    return !mb_num_sub(r->a, tol, lo) && !mb_num_add(r->a, tol, hi);
}

static mb_status klass(double R)
{
    return R >= 0.95 ? MB_ST_ON_TRACK : R >= 0.60 ? MB_ST_NEEDS_ACCELERATION
         : R >= 0 ? MB_ST_LIMITED_PROGRESS : MB_ST_REGRESSING;
}

/* Eurostat / Open SDG: compare the compound annual growth achieved since the base year with
 * the growth needed to reach the target by the deadline. With a zero or negative value the
 * growth rate is undefined, so the same comparison is made on the linear path. */
static void progress(const mb_eval *e, const mb_rule *r, mb_verdict *v, mb_num target)
{
    int t0 = r->base_year, T = v->year, t = 0;
    mb_num x0, xt = {0, 1}, lo, hi;
    char why[160];
    for (int y = e->as_of < T ? e->as_of : T - 1; y > t0 && !t; y--)
        if (value(e, v->region, r->ind, y, &xt, why, sizeof why, 0) == V_OK) t = y;
    if (t) {
        set_actual(v, xt, t);
        set_target(v, target);
        if (reached(r, xt, target)) { /* no base needed to see that */
            v->ratio = 1;
            v->has_ratio = 1;
            status(v, MB_ST_ON_TRACK, "target already reached in %d", t);
            return;
        }
    }
    if (!t0 || t0 >= T) {
        status(v, MB_ST_NO_DATA, "deadline %d not reached and no base year to measure progress from", T);
        return;
    }
    if (!need(e, v, r->ind, t0, &x0, " (the base year)")) return;
    if (!t) {
        status(v, MB_ST_NO_DATA, "deadline %d not reached and no value of '%s' after the base year %d", T, r->ind->id, t0);
        return;
    }
    int in_band = band(r, &lo, &hi);
    if (reached(r, x0, target) ||
        (in_band && ((mb_num_cmp(x0, lo) < 0 && mb_num_cmp(xt, hi) > 0) || (mb_num_cmp(x0, hi) > 0 && mb_num_cmp(xt, lo) < 0)))) {
        /* Met at the base and not now, or past the band to its other side: the ratio of the
         * two rates would read as progress. It is the opposite. */
        v->ratio = -1;
        v->has_ratio = 1;
        status(v, MB_ST_REGRESSING, "%d is further from the target than %d", t, t0);
        return;
    }
    if (in_band) target = mb_num_cmp(xt, hi) > 0 ? hi : lo; /* pace towards the bound on this side */
    double a0 = mb_num_to_double(x0), at = mb_num_to_double(xt), as = mb_num_to_double(target);
    double got, req;
    if (a0 > 0 && at > 0 && as > 0) {
        got = pow(at / a0, 1.0 / (t - t0)) - 1;
        req = pow(as / a0, 1.0 / (T - t0)) - 1;
    } else {
        got = (at - a0) / (t - t0);
        req = (as - a0) / (T - t0);
    }
    double R = req != 0 ? got / req : (got == 0 ? 0 : -1);
    v->ratio = R;
    v->has_ratio = 1;
    status(v, klass(R), "progress %d→%d is %.0f%% of the pace needed to reach the target by %d", t0, t, R * 100, T);
}

/* ---- the forms over several years ------------------------------------------------------ */

/* "2016, 2018": the years a verdict lacks, for its detail. */
static void add_year(char *list, size_t cap, int y)
{
    size_t n = strlen(list);
    snprintf(list + n, cap - n, "%s%d", n ? ", " : "", y);
}

static void each_year(const mb_eval *e, const mb_rule *r, mb_verdict *v)
{
    int last = e->as_of < r->y2 ? e->as_of : r->y2, known = 0;
    char missing[120] = "";
    for (int y = r->y1; y <= r->y2; y++) {
        mb_num x;
        char why[160];
        vstate s = y <= last ? value(e, v->region, r->ind, y, &x, why, sizeof why, 0) : V_MISSING;
        if (s == V_BAD) { status(v, MB_ST_ERROR, "%s", why); return; }
        if (s == V_MISSING) {
            if (y <= last) add_year(missing, sizeof missing, y);
            continue;
        }
        known++;
        if (!holds(r->cmp, x, r->a)) {
            set_actual(v, x, y);
            set_target(v, r->a);
            status(v, MB_ST_MISSED, "%d does not meet the yearly target", y);
            return;
        }
        set_actual(v, x, y);
    }
    set_target(v, r->a);
    if (missing[0]) status(v, MB_ST_NO_DATA, "no value of '%s' for %s", r->ind->id, missing);
    else if (e->as_of >= r->y2) status(v, MB_ST_MET, "every year %d..%d meets it", r->y1, r->y2);
    else if (known) status(v, MB_ST_ON_TRACK, "every year so far meets it");
    else status(v, MB_ST_NO_DATA, "period %d..%d has not started in the data", r->y1, r->y2);
}

static void cumulative(const mb_eval *e, const mb_rule *r, mb_verdict *v)
{
    int last = e->as_of < r->y2 ? e->as_of : r->y2;
    mb_num sum = mb_num_int(0);
    char missing[120] = "";
    for (int y = r->y1; y <= last; y++) {
        mb_num x;
        char why[160];
        vstate s = value(e, v->region, r->ind, y, &x, why, sizeof why, 0);
        if (s == V_BAD) { status(v, MB_ST_ERROR, "%s", why); return; }
        if (s == V_MISSING) { add_year(missing, sizeof missing, y); continue; }
        if (mb_num_add(sum, x, &sum)) { status(v, MB_ST_ERROR, "sum too large to compute exactly"); return; }
    }
    if (missing[0]) { status(v, MB_ST_NO_DATA, "no value of '%s' for %s", r->ind->id, missing); return; }
    if (last < r->y1) { status(v, MB_ST_NO_DATA, "period %d..%d has not started in the data", r->y1, r->y2); return; }
    set_actual(v, sum, last);
    set_target(v, r->a);
    if (last == r->y2) {
        status(v, holds(r->cmp, sum, r->a) ? MB_ST_MET : MB_ST_MISSED, "total %d..%d", r->y1, r->y2);
        return;
    }
    if ((r->cmp == MB_CMP_GE || r->cmp == MB_CMP_GT) && holds(r->cmp, sum, r->a)) {
        status(v, MB_ST_ON_TRACK, "total already reached by %d", last);
        return;
    }
    if ((r->cmp == MB_CMP_LE || r->cmp == MB_CMP_LT) && !holds(r->cmp, sum, r->a)) {
        /* A total is a sum of yearly flows (new firms, new patents), which do not go
         * negative: a cap exceeded before the deadline stays exceeded. */
        status(v, MB_ST_MISSED, "total %d..%d already exceeds the cap", r->y1, last);
        return;
    }
    /* pro rata: the share of the total due by now */
    double due = mb_num_to_double(r->a) * (last - r->y1 + 1) / (r->y2 - r->y1 + 1);
    if (r->cmp == MB_CMP_LE || r->cmp == MB_CMP_LT || r->cmp == MB_CMP_EQ) {
        /* a cap (or an exact total): within the pro-rata share so far is on track */
        int within = mb_num_to_double(sum) <= due;
        status(v, within ? MB_ST_ON_TRACK : MB_ST_NEEDS_ACCELERATION, "total %d..%d is %s the share of the cap due by now",
               r->y1, last, within ? "within" : "above");
        return;
    }
    double R = due != 0 ? mb_num_to_double(sum) / due : 1;
    v->ratio = R;
    v->has_ratio = 1;
    status(v, klass(R), "total %d..%d is %.0f%% of the share due by now", r->y1, last, R * 100);
}

/* Strictly rising every year: every known value must exceed the known value before it, even
 * with years missing between them, so one known fall decides the rule. */
static void monotone(const mb_eval *e, const mb_rule *r, mb_verdict *v)
{
    int up = r->form == MB_FORM_RISES, last = e->as_of < r->y2 ? e->as_of : r->y2, prev_y = 0, known = 0;
    mb_num prev = {0, 1};
    char missing[120] = "";
    for (int y = r->y1; y <= last; y++) {
        mb_num x;
        char why[160];
        vstate s = value(e, v->region, r->ind, y, &x, why, sizeof why, 0);
        if (s == V_BAD) { status(v, MB_ST_ERROR, "%s", why); return; }
        if (s == V_MISSING) { add_year(missing, sizeof missing, y); continue; }
        if (prev_y && mb_num_cmp(x, prev) * (up ? 1 : -1) <= 0) {
            set_actual(v, x, y);
            set_target(v, prev);
            status(v, MB_ST_MISSED, "%d is not %s %d", y, up ? "above" : "below", prev_y);
            return;
        }
        prev = x;
        prev_y = y;
        known++;
    }
    if (prev_y) set_actual(v, prev, prev_y);
    if (missing[0]) status(v, MB_ST_NO_DATA, "no value of '%s' for %s", r->ind->id, missing);
    else if (last == r->y2) status(v, MB_ST_MET, "%s every year %d..%d", up ? "rises" : "falls", r->y1, r->y2);
    else if (known >= 2) status(v, MB_ST_ON_TRACK, "%s every year so far", up ? "rises" : "falls");
    else status(v, MB_ST_NO_DATA, "not enough years in the data yet");
}

/* At the deadline: this region's value against the reference region's, same year. Before
 * it: the same comparison on the latest year both have, as a sign of where things stand. */
static void above_region(const mb_eval *e, const mb_rule *r, mb_verdict *v)
{
    long ref = mb_data_region(e->D, r->region_key);
    int T = v->year, reached_T = e->as_of >= T;
    if (ref == (long)v->region) {
        status(v, MB_ST_NOT_ASSESSABLE, "%s is the reference region of this target", r->region);
        return;
    }
    int from = reached_T ? T : e->as_of, to = reached_T ? T : e->as_of - 10;
    char why[160];
    for (int y = from; ref >= 0 && y >= to && y > 0; y--) {
        mb_num x, z;
        vstate a = value(e, v->region, r->ind, y, &x, why, sizeof why, 0);
        vstate b = a == V_BAD ? V_BAD : value(e, (size_t)ref, r->ind, y, &z, why, sizeof why, 0);
        if (a == V_BAD || b == V_BAD) { status(v, MB_ST_ERROR, "%s", why); return; }
        if (a != V_OK || b != V_OK) continue;
        set_actual(v, x, y);
        set_target(v, z);
        int ok = holds(r->cmp, x, z);
        if (reached_T) status(v, ok ? MB_ST_MET : MB_ST_MISSED, "compared with %s", r->region);
        else status(v, ok ? MB_ST_ON_TRACK : MB_ST_NEEDS_ACCELERATION, "compared with %s in %d", r->region, y);
        return;
    }
    status(v, MB_ST_NO_DATA, "no value of '%s' for %d for both this region and %s", r->ind->id,
           reached_T ? T : e->as_of, r->region);
}

/* ---- one verdict --------------------------------------------------------------------- */

void mb_eval_verdict(const mb_eval *e, const mb_rule *r, size_t goal, size_t region, mb_verdict *v)
{
    memset(v, 0, sizeof *v);
    v->rule = r;
    v->goal = goal;
    v->region = region;
    v->year = r->goals ? r->goals[goal].year : 0;
    switch (r->form) {
    case MB_FORM_QUALITATIVE: status(v, MB_ST_NOT_ASSESSABLE, "qualitative target"); return;
    case MB_FORM_EACH_YEAR: each_year(e, r, v); return;
    case MB_FORM_CUMULATIVE: cumulative(e, r, v); return;
    case MB_FORM_RISES:
    case MB_FORM_FALLS: monotone(e, r, v); return;
    case MB_FORM_ABOVE_REGION: above_region(e, r, v); return;
    default: break;
    }
    mb_num t, x;
    if (!threshold(e, r, goal, v, &t)) return;
    if (e->as_of < v->year) { progress(e, r, v, t); return; }
    if (!need(e, v, r->ind, v->year, &x, "")) { set_target(v, t); return; }
    set_actual(v, x, v->year);
    /* an interval missed from above is measured from its upper end */
    set_target(v, r->form == MB_FORM_INTERVAL && mb_num_cmp(x, r->b) > 0 ? r->b : t);
    int ok = reached(r, x, t);
    status(v, ok ? MB_ST_MET : MB_ST_MISSED, NULL);
    if (r->form == MB_FORM_RANGE && ok && mb_num_cmp(x, r->b) >= 0) {
        v->stretch = 1;
        status(v, MB_ST_MET, "stretch value reached too");
    } else if (r->form == MB_FORM_RANGE && ok) {
        status(v, MB_ST_MET, "required value reached, stretch not");
    }
}
