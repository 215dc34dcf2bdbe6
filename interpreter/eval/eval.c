/* eval.c — computing one verdict. Values are exact (num.h); only the progress ratio, which
 * needs roots and only sorts a verdict into a class, is computed in floating point. */
#include "eval.h"

#include <math.h>
#include <stddef.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "formula.h"
#include "given.h"
#include "period.h"
#include "strf.h"

static const char *const NAMES[MB_ST_COUNT] = {
    "met", "missed", "on-track", "needs-acceleration", "limited-progress",
    "regressing", "no-data", "not-assessable", "error", "borderline", "unsupported"};

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
    e->threads = 0;
    e->status_only = 0;
    e->lines_only = 0;
    e->given = NULL;
    int key = as_of_key ? as_of_key : D->max_period;
    e->as_of = key % 100 == 12 ? key / 100 : key / 100 - 1;
    if (key == 0) e->as_of = 0;
    e->as_of_key = key;
}

/* The regions a rule names: its own (region "…" on the target), else its plan's. */
static const mb_str *named_regions(const mb_rule *r, size_t *n)
{
    if (r->nregions) { *n = r->nregions; return r->regions; }
    *n = r->plan ? r->plan->nregions : 0;
    return r->plan ? r->plan->regions : NULL;
}

int mb_eval_applies(const mb_eval *e, const mb_rule *r, size_t region)
{
    size_t n;
    const mb_str *s = named_regions(r, &n);
    if (!n) return 1;
    for (size_t i = 0; i < n; i++)
        if (mb_data_region(e->D, s[i].key) == (long)region) return 1;
    return 0;
}

size_t mb_eval_regions(const mb_eval *e, const mb_rule *r, size_t *out, size_t cap)
{
    size_t nnamed;
    const mb_str *named = named_regions(r, &nnamed);
    if (!nnamed) {
        for (size_t i = 0; out && i < e->D->nregions && i < cap; i++) out[i] = i;
        return e->D->nregions;
    }
    size_t n = 0;
    for (size_t i = 0; i < nnamed; i++) {
        long ix = mb_data_region(e->D, named[i].key);
        if (ix >= 0 && out && n < cap) out[n] = (size_t)ix;
        if (ix >= 0) n++;
    }
    return n;
}

/* ---- values -------------------------------------------------------------------------- */

typedef enum { V_OK, V_MISSING, V_BAD } vstate;

static vstate value_sub(const mb_eval *e, size_t region, const mb_indicator *ind, int year, int sub, mb_num *out,
                        char *why, size_t whyn, int depth);

/* A derived value from its resolved formula (formula.h: units converted on the way). */
static vstate expr(const mb_eval *e, size_t region, const mb_fnode *x, int year, int sub, mb_num *out,
                   char *why, size_t whyn, int depth)
{
    if (depth > MB_MAX_EVAL_DEPTH || !x) { snprintf(why, whyn, "derived indicators nested too deeply"); return V_BAD; }
    mb_num a = {0, 1}, b = {0, 1};
    vstate s = V_OK;
    if (x->kind == MB_EX_REF) s = value_sub(e, region, x->ind, year, sub, &a, why, whyn, depth + 1);
    else if (x->l) s = expr(e, region, x->l, year, sub, &a, why, whyn, depth + 1);
    if (s == V_OK && x->r) s = expr(e, region, x->r, year, sub, &b, why, whyn, depth + 1);
    if (s != V_OK) return s;
    mb_numerr err = x->l ? mb_fnode_apply(x, a, b, out) : mb_fnode_leaf(x, a, out);
    char pb[16];
    if (err) { snprintf(why, whyn, "%s in a derived indicator for %s", mb_numerr_str(err), mb_period_text(year, sub, pb)); return V_BAD; }
    return V_OK;
}

/* Is a period within the as-of? A year when the whole of it is, a quarter or month when its
 * last month is. */
static int reached(const mb_eval *e, int year, int sub)
{
    return sub ? mb_sub_key(year, sub) <= e->as_of_key : year <= e->as_of;
}

/* On V_MISSING, `why` names the value that is missing (for a derived indicator, the input
 * that is missing); on V_BAD, why it cannot be used. sub: a quarter or month of the year
 * (period.h), 0 the whole year. */
static vstate value_sub(const mb_eval *e, size_t region, const mb_indicator *ind, int year, int sub, mb_num *out,
                        char *why, size_t whyn, int depth)
{
    char pb[16];
    if (!ind) return V_MISSING;
    if (!reached(e, year, sub)) {
        snprintf(why, whyn, "no value of '%s' for %s", ind->id, mb_period_text(year, sub, pb));
        return V_MISSING;
    }
    if (ind->derived) return expr(e, region, ind->formula, year, sub, out, why, whyn, depth);
    const mb_obs *o = mb_data_obs_sub(e->D, region, ind, year, sub);
    if (!o || o->state == MB_OBS_ABSENT) {
        snprintf(why, whyn, "no value of '%s' for %s", ind->id, mb_period_text(year, sub, pb));
        return V_MISSING;
    }
    if (o->state == MB_OBS_CONFLICT) {
        snprintf(why, whyn, "the %s value of '%s' was rejected (see the submission errors)", mb_period_text(year, sub, pb), ind->id);
        return V_BAD;
    }
    *out = mb_obs_value(o);
    return V_OK;
}

static vstate value(const mb_eval *e, size_t region, const mb_indicator *ind, int year, mb_num *out,
                    char *why, size_t whyn, int depth)
{
    return value_sub(e, region, ind, year, 0, out, why, whyn, depth);
}

/* ---- helpers ------------------------------------------------------------------------- */

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
    if (!v->has_actual || v->status_only) return; /* the gap decides nothing */
    if (mb_num_sub(v->actual, t, &v->gap)) return;
    v->has_gap = 1;
    if (v->lines_only) return; /* a line prints the gap, not the relative gap */
    if (mb_num_sign(t) && !mb_num_div(v->gap, mb_num_abs(t), &v->rel_gap)) v->has_rel_gap = 1;
}

static void status(mb_verdict *v, mb_status s, const char *fmt, ...) __attribute__((format(printf, 3, 4)));
static void status(mb_verdict *v, mb_status s, const char *fmt, ...)
{
    v->status = s;
    if (!fmt || v->status_only) return;
    va_list ap;
    va_start(ap, fmt);
    mb_strf_v(v->detail, sizeof v->detail, fmt, ap); /* a line prints it: not vsnprintf */
    va_end(ap);
}

/* ---- the trace: what a verdict used -------------------------------------------------- */

/* The bounds the value was compared with (two 120-byte copies: not for status only). */
static void keep_bounds(mb_verdict *v, const mb_bound *lo, const mb_bound *hi)
{
    if (v->status_only) return;
    v->trace.has_bounds = 1;
    v->trace.lo = *lo;
    v->trace.hi = *hi;
}

static void note1(const mb_eval *e, mb_verdict *v, mb_tvrole role, size_t region, const mb_indicator *ind,
                  int year, int sub, vstate s, mb_num x)
{
    mb_trace *t = &v->trace;
    if (t->nvals >= MB_TRACE_MAX) { t->dropped++; return; }
    mb_tval *tv = &t->val[t->nvals++];
    tv->v = x;
    tv->ind = ind;
    tv->obs = ind && !ind->derived && reached(e, year, sub) ? mb_data_obs_sub(e->D, region, ind, year, sub) : NULL;
    tv->region = region;
    tv->year = year;
    tv->sub = (unsigned char)sub;
    tv->role = (unsigned char)role;
    tv->state = s == V_OK ? MB_TV_OK : s == V_BAD ? MB_TV_REJECTED : !reached(e, year, sub) ? MB_TV_LATE : MB_TV_MISSING;
}

/* The inputs of a derived value, each once, after it (they are read again: cheap, and only
 * for derived indicators). */
static void inputs(const mb_eval *e, mb_verdict *v, size_t region, const mb_fnode *x, int year, int sub, int depth)
{
    if (!x || depth > 64) return;
    if (x->kind == MB_EX_REF && x->ind) {
        for (unsigned i = 0; i < v->trace.nvals; i++)
            if (v->trace.val[i].role == MB_TV_INPUT && v->trace.val[i].ind == x->ind && v->trace.val[i].year == year
                && v->trace.val[i].sub == sub && v->trace.val[i].region == region) return;
        char why[160];
        mb_num a = {0, 1};
        vstate s = value_sub(e, region, x->ind, year, sub, &a, why, sizeof why, 0);
        note1(e, v, MB_TV_INPUT, region, x->ind, year, sub, s, a);
        return;
    }
    inputs(e, v, region, x->l, year, sub, depth + 1);
    inputs(e, v, region, x->r, year, sub, depth + 1);
}

/* Record a value the verdict used (or looked for and did not find). Nothing in the
 * evaluation reads the values back (only the trace's base and bounds, which are set apart),
 * and no report line prints them, so a status-only or lines-only evaluation skips them. */
static void note_sub(const mb_eval *e, mb_verdict *v, mb_tvrole role, size_t region, const mb_indicator *ind,
                     int year, int sub, vstate s, mb_num x)
{
    if (e->status_only || e->lines_only) return;
    note1(e, v, role, region, ind, year, sub, s, x);
    if (ind && ind->derived && reached(e, year, sub)) inputs(e, v, region, ind->formula, year, sub, 0);
}

static void note(const mb_eval *e, mb_verdict *v, mb_tvrole role, size_t region, const mb_indicator *ind,
                 int year, vstate s, mb_num x)
{
    note_sub(e, v, role, region, ind, year, 0, s, x);
}

/* A value, read and recorded. */
static vstate get_sub(const mb_eval *e, mb_verdict *v, mb_tvrole role, size_t region, const mb_indicator *ind,
                      int year, int sub, mb_num *out, char *why, size_t whyn)
{
    vstate s = value_sub(e, region, ind, year, sub, out, why, whyn, 0);
    note_sub(e, v, role, region, ind, year, sub, s, *out);
    return s;
}

static vstate get(const mb_eval *e, mb_verdict *v, mb_tvrole role, size_t region, const mb_indicator *ind,
                  int year, mb_num *out, char *why, size_t whyn)
{
    return get_sub(e, v, role, region, ind, year, 0, out, why, whyn);
}

/* A value that must be there: sets no-data or error on the verdict when it is not. */
static int need_sub(const mb_eval *e, mb_verdict *v, mb_tvrole tr, const mb_indicator *ind, int year, int sub,
                    mb_num *out, const char *role)
{
    char why[160] = "";
    vstate s = get_sub(e, v, tr, v->region, ind, year, sub, out, why, sizeof why);
    if (s == V_OK) return 1;
    if (s == V_BAD) status(v, MB_ST_ERROR, "%s", why);
    else if (ind->derived) status(v, MB_ST_NO_DATA, "%s%s, an input of '%s'", why, role, ind->id);
    else status(v, MB_ST_NO_DATA, "%s%s", why, role);
    return 0;
}

static int need(const mb_eval *e, mb_verdict *v, mb_tvrole tr, const mb_indicator *ind, int year, mb_num *out,
                const char *role)
{
    return need_sub(e, v, tr, ind, year, 0, out, role);
}

/* The base-year value: the submitted one, else the plan's printed one when the criterion
 * carries it for that year. A rejected row stays an error: a printed value never hides a
 * submission error. */
static int base_value(const mb_eval *e, const mb_rule *r, const mb_crit *c, mb_verdict *v, int year, mb_num *out)
{
    const mb_printed *p = c->printed && c->printed->year == year ? c->printed : NULL;
    char why[160] = "";
    if (!p) {
        if (!need(e, v, MB_TV_BASE, r->ind, year, out, " (the base year)")) return 0;
        v->trace.base_source = MB_BASE_SUBMITTED;
        return 1;
    }
    vstate s = get(e, v, MB_TV_BASE, v->region, r->ind, year, out, why, sizeof why);
    if (s == V_BAD) { status(v, MB_ST_ERROR, "%s", why); return 0; }
    if (s == V_MISSING) *out = p->value;
    v->trace.base_source = s == V_OK ? MB_BASE_SUBMITTED : MB_BASE_PRINTED;
    return 1;
}

/* The criterion's bounds and target for this verdict: reads the base value when the bounds
 * are multiples of it. 0 (status set) when they cannot be known. */
typedef struct bounds {
    mb_bound lo, hi;
    mb_num target;
} bounds;

static int bounds_for(const mb_crit *c, mb_verdict *v, mb_num base, bounds *b);

/* A target due in a quarter or month is measured from the same quarter or month of its base
 * year (a growth over the previous year: 2025Q1 against 2024Q1). */
static int resolve(const mb_eval *e, const mb_rule *r, const mb_crit *c, mb_verdict *v, bounds *b)
{
    mb_num base = mb_num_int(1);
    if (c->scale != MB_SCALE_NONE) {
        if (v->sub) { /* a printed base is a year's: a quarter's base is always submitted */
            if (!need_sub(e, v, MB_TV_BASE, r->ind, c->base_year, v->sub, &base, " (the same period of the base year)"))
                return 0;
            v->trace.base_source = MB_BASE_SUBMITTED;
        } else if (!base_value(e, r, c, v, c->base_year, &base)) return 0;
        v->trace.has_base = 1;
        v->trace.base = base;
        v->trace.base_year = c->base_year;
    }
    return bounds_for(c, v, base, b);
}

/* The bounds and target for a base value (1 when the criterion has no base). */
static int bounds_for(const mb_crit *c, mb_verdict *v, mb_num base, bounds *b)
{
    /* a change in percentage points is as meaningful from a share of 0 as from any other */
    if (c->scale != MB_SCALE_NONE && c->scale != MB_SCALE_OFFSET && mb_num_sign(base) <= 0) {
        /* (1 + 50%) × (−10) = −15 would pass a loss that grew; growth from 0 is no growth */
        char bs[MB_NUM_BUF];
        mb_num_format(base, 4, bs, NULL);
        status(v, MB_ST_NOT_ASSESSABLE, "the base value %s (%d) is not positive: a growth, cut or multiple of it "
               "cannot tell better from worse", bs, c->base_year);
        return 0;
    }
    mb_numerr err = mb_crit_bounds(c, base, &b->lo, &b->hi);
    if (!err) err = mb_crit_target(c, base, &b->target);
    if (err) { status(v, MB_ST_ERROR, "%s computing the target", mb_numerr_str(err)); return 0; }
    keep_bounds(v, &b->lo, &b->hi);
    return 1;
}

static int within(const bounds *b, mb_num x) { return mb_limits_hold(&b->lo, &b->hi, x); }

/* ---- before the deadline: progress classes --------------------------------------------- */

/* R as a whole percentage, rounded down so that it never reads as the next class up
 * ("95%" beside needs-acceleration at R = 0.9496) and never as "-0%". */
static const char *pct_of(double R, char buf[32])
{
    double p = floor(R * 100);
    snprintf(buf, 32, "%.0f%%", p == 0 ? 0.0 : p);
    return buf;
}

static mb_status klass(double R)
{
    return R >= 0.95 ? MB_ST_ON_TRACK : R >= 0.60 ? MB_ST_NEEDS_ACCELERATION
         : R >= 0 ? MB_ST_LIMITED_PROGRESS : MB_ST_REGRESSING;
}

/* Eurostat / Open SDG: compare the compound annual growth achieved since the base year with
 * the growth needed to reach the target by the deadline. With a zero or negative value the
 * growth rate is undefined, so the same comparison is made on the linear path. A band
 * (both bounds) is left from below or from above: the bound a value must move towards is the
 * one on its side. */
/* A stock's latest value may be of a quarter or month of the deadline year (lsub, value
 * lx): it is then the latest value, at its point in the year (2025Q2 is 2024 + 6/12). */
static void progress_at(const mb_eval *e, const mb_rule *r, const mb_crit *c, mb_verdict *v, const bounds *b,
                        int lsub, mb_num lx)
{
    int t0 = c->base_year, T = v->year, t = 0;
    mb_num x0, xt = {0, 1}, target = b->target;
    char why[160], pb[32], tb[16];
    if (lsub) t = T, xt = lx;
    for (int y = e->as_of < T ? e->as_of : T - 1; y > t0 && !t; y--)
        if (value(e, v->region, r->ind, y, &xt, why, sizeof why, 0) == V_OK) t = y;
    if (t) note_sub(e, v, MB_TV_LATEST, v->region, r->ind, t, lsub, V_OK, xt);
    double tt = lsub ? T - 1 + mb_sub_last_month(lsub) / 12.0 : t;
    const char *tn = mb_period_text(t, lsub, tb);
    if (t) {
        set_actual(v, xt, t);
        v->actual_sub = lsub;
        v->trace.latest_sub = lsub;
        set_target(v, target);
        if (within(b, xt)) { /* no base needed to see that */
            v->ratio = 1;
            v->has_ratio = 1;
            v->already = 1;
            status(v, MB_ST_ON_TRACK, "target already reached in %s", tn);
            return;
        }
    }
    if (!t0 || t0 >= T) {
        status(v, MB_ST_NO_DATA, "deadline %d not reached and no base year to measure progress from", T);
        return;
    }
    if (!t && t0 == T - 1) {
        /* a growth over the previous year before its year is complete: no year lies between
         * its base and its deadline, and the base alone says nothing about the pace */
        status(v, MB_ST_NO_DATA, "deadline %d not reached and no year between the base year %d and it to measure progress with", T, t0);
        return;
    }
    if (v->trace.has_base && v->trace.base_year == t0) x0 = v->trace.base; /* read for the bounds */
    else if (!base_value(e, r, c, v, t0, &x0)) return;
    if (!t) {
        status(v, MB_ST_NO_DATA, "deadline %d not reached and no value of '%s' after the base year %d", T, r->ind->id, t0);
        return;
    }
    int band = b->lo.on && b->hi.on;
    if (within(b, x0)) {
        /* Met at the base and not now: the ratio of the two rates would read as progress.
         * It is the opposite. */
        v->ratio = -1;
        v->has_ratio = 1;
        status(v, MB_ST_REGRESSING, "%s is further from the target than %d", tn, t0);
        return;
    }
    int below0 = mb_num_cmp(x0, b->lo.v) < 0, above_t = mb_num_cmp(xt, b->hi.v) > 0;
    if (band && below0 == above_t) {
        /* Past the band to its other side: it must now move back. Closer to the band than at
         * the base is limited progress (no pace towards it on this side), further is regressing. */
        double d0 = below0 ? mb_num_to_double(b->lo.v) - mb_num_to_double(x0) : mb_num_to_double(x0) - mb_num_to_double(b->hi.v);
        double dt = above_t ? mb_num_to_double(xt) - mb_num_to_double(b->hi.v) : mb_num_to_double(b->lo.v) - mb_num_to_double(xt);
        int closer = dt < d0;
        v->ratio = closer ? 0 : -1;
        v->has_ratio = 1;
        status(v, closer ? MB_ST_LIMITED_PROGRESS : MB_ST_REGRESSING,
               "%s is past the band, %s it than %d was on the other side: it must move back", tn,
               closer ? "closer to" : "further from", t0);
        return;
    }
    /* the pace is towards the bound that decides (in a band: the one on this side) */
    if (band) target = above_t ? b->hi.v : b->lo.v;
    else target = b->lo.on ? b->lo.v : b->hi.v;
    double a0 = mb_num_to_double(x0), at = mb_num_to_double(xt), as = mb_num_to_double(target);
    double got, req;
    if (a0 > 0 && at > 0 && as > 0) {
        got = pow(at / a0, 1.0 / (tt - t0)) - 1;
        req = pow(as / a0, 1.0 / (T - t0)) - 1;
    } else {
        got = (at - a0) / (tt - t0);
        req = (as - a0) / (T - t0);
    }
    double R = req != 0 ? got / req : (got == 0 ? 0 : -1);
    v->ratio = R;
    v->has_ratio = 1;
    v->trace.pace = a0 > 0 && at > 0 && as > 0 ? MB_PACE_GROWTH : MB_PACE_CHANGE;
    v->trace.pace_target = target;
    v->trace.pace_from = t0;
    v->trace.pace_to = t;
    v->trace.got = got;
    v->trace.needed = req;
    status(v, klass(R), "progress %d→%s is %s of the pace needed to reach the target by %d", t0, tn, pct_of(R, pb), T);
}

static void progress(const mb_eval *e, const mb_rule *r, const mb_crit *c, mb_verdict *v, const bounds *b)
{
    progress_at(e, r, c, v, b, 0, (mb_num){0, 1});
}

/* ---- before the year ends: quarters and months (docs/evaluation.md) ------------------- */

/* The sum of the quarters Q1..last, or of the months 1..last, of a year: 1 when every one is
 * there; 0 when one is missing, or (with *bad and why set) rejected or too large to add. */
static int sum_through(const mb_eval *e, size_t region, const mb_indicator *ind, int year, int last, mb_num *sum,
                       int *bad, char *why, size_t whyn)
{
    *sum = mb_num_int(0);
    for (int s = mb_sub_quarter(last) ? MB_SUB_Q1 : 1; s <= last; s++) {
        mb_num x = {0, 1};
        vstate st = value_sub(e, region, ind, year, s, &x, why, whyn, 0);
        if (st == V_BAD) { *bad = 1; return 0; }
        if (st != V_OK) return 0;
        if (mb_num_add(*sum, x, sum)) { *bad = 1; snprintf(why, whyn, "year-to-date sum too large to compute exactly"); return 0; }
    }
    return 1;
}

static void note_through(const mb_eval *e, mb_verdict *v, mb_tvrole role, const mb_indicator *ind, int year, int last)
{
    char why[160];
    for (int s = mb_sub_quarter(last) ? MB_SUB_Q1 : 1; s <= last; s++) {
        mb_num x = {0, 1};
        get_sub(e, v, role, v->region, ind, year, s, &x, why, sizeof why);
    }
}

/* The year to date of a flow at the as-of month m: the months 1..m when every one is there
 * and they reach further than the whole quarters, else the quarters, else the months.
 * Returns the last quarter or month summed, 0 when none is complete. */
static int ytd_last(const mb_eval *e, size_t region, const mb_indicator *ind, int year, int m, mb_num *sum,
                    int *bad, char *why, size_t whyn)
{
    if (m % 3 && sum_through(e, region, ind, year, m, sum, bad, why, whyn)) return m;
    if (*bad) return 0;
    if (m >= 3 && sum_through(e, region, ind, year, mb_sub_of_quarter(m / 3), sum, bad, why, whyn))
        return mb_sub_of_quarter(m / 3);
    if (*bad || m % 3) return 0;
    return sum_through(e, region, ind, year, m, sum, bad, why, whyn) ? m : 0;
}

/* x × n / 12: the share of a year's amount due after n months, exactly. */
static mb_numerr share(mb_num x, int n, mb_num *out)
{
    mb_num f;
    mb_numerr err = mb_num_div(mb_num_int(n), mb_num_int(12), &f);
    return err ? err : mb_num_mul(x, f, out);
}

/* A yearly target on a flow before its year ends: the year-to-date sum against the share of
 * the year due by then (a growth over the previous year: against the same months of the year
 * before, grown as the target says). Returns 0 when it does not apply or the quarters and
 * months are not all there: progress is then measured on whole years. */
static int year_to_date(const mb_eval *e, const mb_rule *r, const mb_crit *c, mb_verdict *v)
{
    int T = v->year, m = e->as_of_key - T * 100, bad = 0, yoy = c->scale == MB_SCALE_BASE && c->base_year == T - 1;
    /* a submitted rate, a derived ratio or a compound path is not a sum of its quarters */
    if (e->as_of_key / 100 != T || m < 1 || m > 11 || r->yoy_rate || r->ind->derived) return 0;
    if (c->scale == MB_SCALE_COMPOUND || c->scale == MB_SCALE_OFFSET) return 0;
    mb_num sum, base = {0, 1};
    char why[160] = "", pb[32], tb[16];
    int last = ytd_last(e, v->region, r->ind, T, m, &sum, &bad, why, sizeof why);
    if (!last && !bad) return 0;
    if (!bad && yoy && !sum_through(e, v->region, r->ind, T - 1, last, &base, &bad, why, sizeof why) && !bad) return 0;
    if (bad) { status(v, MB_ST_ERROR, "%s", why); return 1; }
    bounds b;
    if (yoy) {
        note_through(e, v, MB_TV_BASE, r->ind, T - 1, last);
        v->trace.has_base = 1;
        v->trace.base = base;
        v->trace.base_year = T - 1;
        v->trace.base_source = MB_BASE_SUBMITTED;
        if (!bounds_for(c, v, base, &b)) return 1;
    } else {
        if (!resolve(e, r, c, v, &b)) return 1;
        int n = mb_sub_last_month(last);
        if (b.lo.big_on || b.hi.big_on || (b.lo.on && share(b.lo.v, n, &b.lo.v)) || (b.hi.on && share(b.hi.v, n, &b.hi.v)) ||
            share(b.target, n, &b.target)) {
            status(v, MB_ST_ERROR, "overflow computing the share of the target due by %s", mb_period_text(T, last, tb));
            return 1;
        }
        keep_bounds(v, &b.lo, &b.hi);
    }
    note_through(e, v, MB_TV_YEAR, r->ind, T, last);
    v->trace.ytd_sub = last;
    set_actual(v, sum, T);
    v->actual_sub = last;
    set_target(v, b.target);
    const char *tn = mb_period_text(T, last, tb);
    if (within(&b, sum)) {
        v->ratio = 1;
        v->has_ratio = 1;
        status(v, MB_ST_ON_TRACK, yoy ? "year to date through %s meets the growth over the same months of %d"
                                      : "year to date through %s is within the share of the target due (%d/12)",
               tn, yoy ? T - 1 : mb_sub_last_month(last));
        return 1;
    }
    if (b.hi.on && mb_num_cmp(sum, b.hi.v) > 0) {
        status(v, MB_ST_NEEDS_ACCELERATION, "year to date through %s is above the %s", tn,
               yoy ? "band over the same months of the year before" : "share of the target due by then");
        return 1;
    }
    double s = mb_num_to_double(sum), lo = mb_num_to_double(b.lo.v), b0 = mb_num_to_double(base);
    double R;
    if (yoy) { /* the growth achieved against the growth asked for */
        double got = s / b0 - 1, req = lo / b0 - 1;
        R = req > 0 ? got / req : -1;
    } else R = lo > 0 ? s / lo : -1;
    v->ratio = R;
    v->has_ratio = 1;
    status(v, klass(R), "year to date through %s is %s of the %s", tn, pct_of(R, pb),
           yoy ? "growth asked over the same months of the year before" : "share of the target due by then");
    return 1;
}

/* A yearly target on a stock before its year ends: the latest quarter or month of the year
 * (the level at its end) is the latest value. Returns 0 when there is none. */
static int stock_latest(const mb_eval *e, const mb_rule *r, const mb_crit *c, mb_verdict *v, const bounds *b)
{
    int T = v->year, m = e->as_of_key - T * 100;
    if (e->as_of_key / 100 != T || m < 1 || m > 11) return 0;
    char why[160];
    for (int mm = m; mm >= 1; mm--) {
        int subs[2] = {mm % 3 == 0 ? mb_sub_of_quarter(mm / 3) : 0, mm};
        for (int k = 0; k < 2; k++) {
            mb_num x = {0, 1};
            if (!subs[k]) continue;
            vstate st = value_sub(e, v->region, r->ind, T, subs[k], &x, why, sizeof why, 0);
            if (st == V_BAD) {
                note_sub(e, v, MB_TV_LATEST, v->region, r->ind, T, subs[k], st, x);
                status(v, MB_ST_ERROR, "%s", why);
                return 1;
            }
            if (st == V_OK) { progress_at(e, r, c, v, b, subs[k], x); return 1; }
        }
    }
    return 0;
}

/* One value at the deadline against the bounds (before it: a progress class). */
static void at_deadline(const mb_eval *e, const mb_rule *r, const mb_crit *c, mb_verdict *v)
{
    bounds b;
    mb_num x;
    char tb[16];
    if (!v->sub && e->as_of < v->year && r->ind && r->ind->flow > 0 && year_to_date(e, r, c, v)) return;
    if (!resolve(e, r, c, v, &b)) return;
    if (!reached(e, v->year, v->sub) && v->sub) {
        set_target(v, b.target);
        status(v, MB_ST_NO_DATA, "deadline %s not reached", mb_period_text(v->year, v->sub, tb));
        return;
    }
    if (e->as_of < v->year && !v->sub) {
        if (r->ind && r->ind->flow < 0 && stock_latest(e, r, c, v, &b)) return;
        progress(e, r, c, v, &b);
        return;
    }
    if (!need_sub(e, v, MB_TV_VALUE, r->ind, v->year, v->sub, &x, "")) { set_target(v, b.target); return; }
    set_actual(v, x, v->year);
    v->actual_sub = v->sub;
    /* a band missed from above is measured from its upper end, unless it names a centre */
    int above = b.hi.on && mb_num_cmp(x, b.hi.v) > 0;
    set_target(v, above && b.lo.on && mb_num_eq(b.target, b.lo.v) ? b.hi.v : b.target);
    int ok = within(&b, x);
    status(v, ok ? MB_ST_MET : MB_ST_MISSED, NULL);
    mb_num base = v->trace.has_base ? v->trace.base : mb_num_int(1);
    if (c->mark_kind == MB_MARK_STRETCH && ok) {
        v->stretch = mb_crit_marked(c, base, x);
        status(v, MB_ST_MET, v->stretch ? "stretch value reached too" : "required value reached, stretch not");
    } else if (c->mark_kind == MB_MARK_EXCEEDED && ok && mb_crit_marked(c, base, x)) {
        v->stretch = 1;
        status(v, MB_ST_MET, "exceeded: beyond the band on the better side");
    }
}

/* ---- the forms over several years ------------------------------------------------------ */

/* "2016, 2018": the years a verdict lacks, for its detail. */
static void add_year(char *list, size_t cap, int y)
{
    size_t n = strlen(list);
    snprintf(list + n, cap - n, "%s%d", n ? ", " : "", y);
}

static void each_year(const mb_eval *e, const mb_rule *r, const mb_crit *c, mb_verdict *v)
{
    int last = e->as_of < r->y2 ? e->as_of : r->y2, known = 0;
    char missing[120] = "";
    for (int y = r->y1; y <= r->y2; y++) {
        mb_num x;
        char why[160];
        vstate s = y <= last ? get(e, v, MB_TV_YEAR, v->region, r->ind, y, &x, why, sizeof why) : V_MISSING;
        if (s == V_BAD) { status(v, MB_ST_ERROR, "%s", why); return; }
        if (s == V_MISSING) {
            if (y <= last) add_year(missing, sizeof missing, y);
            continue;
        }
        known++;
        if (!mb_crit_holds(c, x)) {
            set_actual(v, x, y);
            set_target(v, c->named);
            status(v, MB_ST_MISSED, "%d does not meet the yearly target", y);
            return;
        }
        set_actual(v, x, y);
    }
    set_target(v, c->named);
    if (missing[0]) status(v, MB_ST_NO_DATA, "no value of '%s' for %s", r->ind->id, missing);
    else if (e->as_of >= r->y2) status(v, MB_ST_MET, "every year %d..%d meets it", r->y1, r->y2);
    else if (known) status(v, MB_ST_ON_TRACK, "every year so far meets it");
    else status(v, MB_ST_NO_DATA, "period %d..%d has not started in the data", r->y1, r->y2);
}

static void cumulative(const mb_eval *e, const mb_rule *r, const mb_crit *c, mb_verdict *v)
{
    int last = e->as_of < r->y2 ? e->as_of : r->y2;
    mb_num sum = mb_num_int(0);
    char missing[120] = "";
    for (int y = r->y1; y <= last; y++) {
        mb_num x;
        char why[160];
        vstate s = get(e, v, MB_TV_YEAR, v->region, r->ind, y, &x, why, sizeof why);
        if (s == V_BAD) { status(v, MB_ST_ERROR, "%s", why); return; }
        if (s == V_MISSING) { add_year(missing, sizeof missing, y); continue; }
        if (mb_num_add(sum, x, &sum)) { status(v, MB_ST_ERROR, "sum too large to compute exactly"); return; }
    }
    if (missing[0]) { status(v, MB_ST_NO_DATA, "no value of '%s' for %s", r->ind->id, missing); return; }
    if (last < r->y1) { status(v, MB_ST_NO_DATA, "period %d..%d has not started in the data", r->y1, r->y2); return; }
    set_actual(v, sum, last);
    set_target(v, c->named);
    int ok = mb_crit_holds(c, sum);
    if (last == r->y2) {
        status(v, ok ? MB_ST_MET : MB_ST_MISSED, "total %d..%d", r->y1, r->y2);
        return;
    }
    if (!c->hi.on && ok) {
        status(v, MB_ST_ON_TRACK, "total already reached by %d", last);
        return;
    }
    if (!c->lo.on && !ok) {
        /* A total is a sum of yearly flows (new firms, new patents), which do not go
         * negative: a cap exceeded before the deadline stays exceeded. */
        status(v, MB_ST_MISSED, "total %d..%d already exceeds the cap", r->y1, last);
        return;
    }
    /* pro rata: the share of the total due by now */
    double due = mb_num_to_double(c->named) * (last - r->y1 + 1) / (r->y2 - r->y1 + 1);
    if (c->hi.on) {
        /* a cap (or an exact total): within the pro-rata share so far is on track */
        int in = mb_num_to_double(sum) <= due;
        status(v, in ? MB_ST_ON_TRACK : MB_ST_NEEDS_ACCELERATION, "total %d..%d is %s the share of the cap due by now",
               r->y1, last, in ? "within" : "above");
        return;
    }
    double R = due != 0 ? mb_num_to_double(sum) / due : 1;
    v->ratio = R;
    v->has_ratio = 1;
    char pb[32];
    status(v, klass(R), "total %d..%d is %s of the share due by now", r->y1, last, pct_of(R, pb));
}

/* Strictly rising every year: every known value must exceed the known value before it, even
 * with years missing between them, so one known fall decides the rule. */
static void monotone(const mb_eval *e, const mb_rule *r, const mb_crit *c, mb_verdict *v)
{
    int up = c->dir > 0, last = e->as_of < r->y2 ? e->as_of : r->y2, prev_y = 0, known = 0;
    mb_num prev = {0, 1};
    char missing[120] = "";
    for (int y = r->y1; y <= last; y++) {
        mb_num x;
        char why[160];
        vstate s = get(e, v, MB_TV_YEAR, v->region, r->ind, y, &x, why, sizeof why);
        if (s == V_BAD) { status(v, MB_ST_ERROR, "%s", why); return; }
        if (s == V_MISSING) { add_year(missing, sizeof missing, y); continue; }
        if (prev_y && !mb_crit_step_holds(c, prev, x)) {
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
static void above_region(const mb_eval *e, const mb_rule *r, const mb_crit *c, mb_verdict *v)
{
    long ref = mb_data_region(e->D, r->region_key);
    int T = v->year, reached_T = e->as_of >= T;
    if (ref == (long)v->region) {
        status(v, MB_ST_NOT_ASSESSABLE, "%s is the reference region of this target", r->region);
        return;
    }
    int from = reached_T ? T : e->as_of, to = reached_T ? T : e->as_of - 10;
    char why[160];
    vstate a = V_MISSING, b = V_MISSING;
    for (int y = from; ref >= 0 && y >= to && y > 0; y--) {
        mb_num x = {0, 1}, z = {0, 1};
        a = value(e, v->region, r->ind, y, &x, why, sizeof why, 0);
        b = a == V_BAD ? V_BAD : value(e, (size_t)ref, r->ind, y, &z, why, sizeof why, 0);
        if (a != V_OK || b != V_OK) {
            /* the last year looked at, or a rejected value, is what the verdict shows */
            if (a == V_BAD || b == V_BAD || y == to || y == 1) {
                note(e, v, MB_TV_VALUE, v->region, r->ind, y, a, x);
                note(e, v, MB_TV_REF, (size_t)ref, r->ind, y, b, z);
            }
            if (a == V_BAD || b == V_BAD) { status(v, MB_ST_ERROR, "%s", why); return; }
            continue;
        }
        note(e, v, MB_TV_VALUE, v->region, r->ind, y, a, x);
        note(e, v, MB_TV_REF, (size_t)ref, r->ind, y, b, z);
        mb_bound lo, hi;
        mb_num t;
        mb_numerr err = mb_crit_bounds(c, z, &lo, &hi);
        if (!err) err = mb_crit_target(c, z, &t);
        if (err) { status(v, MB_ST_ERROR, "%s computing the target", mb_numerr_str(err)); return; }
        keep_bounds(v, &lo, &hi);
        set_actual(v, x, y);
        set_target(v, t);
        int ok = mb_limits_hold(&lo, &hi, x);
        if (reached_T) status(v, ok ? MB_ST_MET : MB_ST_MISSED, "compared with %s", r->region);
        else status(v, ok ? MB_ST_ON_TRACK : MB_ST_NEEDS_ACCELERATION, "compared with %s in %d", r->region, y);
        return;
    }
    int y = reached_T ? T : e->as_of;
    if (ref < 0) status(v, MB_ST_NO_DATA, "%s is not in the data", r->region);
    else if (!reached_T) status(v, MB_ST_NO_DATA, "no year up to %d with a value of '%s' for both this region and %s",
                                y, r->ind->id, r->region);
    else if (a != V_OK && b != V_OK) status(v, MB_ST_NO_DATA, "no value of '%s' for %d for this region nor for %s",
                                            r->ind->id, y, r->region);
    else if (a != V_OK) status(v, MB_ST_NO_DATA, "no value of '%s' for %d for this region", r->ind->id, y);
    else status(v, MB_ST_NO_DATA, "no value of '%s' for %d for %s", r->ind->id, y, r->region);
}

/* ---- one verdict --------------------------------------------------------------------- */

void mb_eval_verdict(const mb_eval *e, const mb_rule *r, size_t goal, size_t region, mb_verdict *v)
{
    if (e->given) { mb_given_verdict(e->given, r, goal, region, v); return; }
    /* The detail is a string: its first byte clears it. The trace's values are set as they
     * are used; status-only, so are the values behind the flags of the verdict's head and of
     * the trace's (actual, target, bounds, base, pace). Clearing 880 bytes for each of 2
     * million verdicts was 7% of a counts run. A report line reads every value behind its
     * flag, as status-only does. */
    int quick = e->status_only || e->lines_only;
    memset(v, 0, quick ? offsetof(mb_verdict, actual) : offsetof(mb_verdict, detail));
    v->detail[0] = 0;
    memset(&v->trace, 0, quick ? offsetof(mb_trace, base) : offsetof(mb_trace, val));
    v->status_only = e->status_only;
    v->lines_only = e->lines_only;
    v->rule = r;
    v->goal = goal;
    v->region = region;
    v->year = r->goals ? r->goals[goal].year : 0;
    v->sub = r->goals ? r->goals[goal].sub : 0;
    const mb_crit *c = &r->crit[goal];
    switch (c->kind) {
    case MB_CRIT_NONE: status(v, MB_ST_NOT_ASSESSABLE, "qualitative target"); return;
    case MB_CRIT_EACH:
        v->trace.has_bounds = 1, v->trace.lo = mb_bound_of(c->lo), v->trace.hi = mb_bound_of(c->hi);
        each_year(e, r, c, v);
        return;
    case MB_CRIT_SUM:
        v->trace.has_bounds = 1, v->trace.lo = mb_bound_of(c->lo), v->trace.hi = mb_bound_of(c->hi);
        cumulative(e, r, c, v);
        return;
    case MB_CRIT_STEPS: monotone(e, r, c, v); return;
    case MB_CRIT_REGION: above_region(e, r, c, v); return;
    case MB_CRIT_VALUE: at_deadline(e, r, c, v); return;
    }
}
