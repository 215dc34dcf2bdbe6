/* crit.c — reading a resolved criterion: its bounds for a base value and whether a value
 * lies within them. The one place where × base, cut, growth and annual growth become
 * numbers. */
#include "crit.h"

/* A factor of the base: the base itself for SCALE_BASE, (yearly factor)^years × base for
 * SCALE_COMPOUND. *big_on is set when the exact product needs more than 128 bits: *out is
 * then the display value and *big the factors to compare with. */
static mb_numerr scaled(const mb_crit *c, mb_num f, mb_num base, mb_num *out, mb_pow *big, int *big_on)
{
    unsigned n = c->scale == MB_SCALE_COMPOUND ? c->years : 1;
    mb_num fn = f;
    *big_on = 0;
    if ((n == 1 || !mb_num_pow(f, n, &fn)) && !mb_num_mul(fn, base, out)) return MB_NUM_OK;
    *big = (mb_pow){base, f, n};
    int exact = 1;
    mb_numerr err = mb_pow_value(big, out, &exact);
    *big_on = !err && !exact;
    return err;
}

/* Field by field: `big` is written only when used (every verdict passes here). */
static mb_numerr limit(const mb_crit *c, const mb_limit *in, mb_num base, mb_bound *out)
{
    out->on = in->on;
    out->strict = in->strict;
    out->v = in->v;
    out->big_on = 0;
    if (!in->on || c->scale == MB_SCALE_NONE) return MB_NUM_OK;
    if (c->scale == MB_SCALE_OFFSET) return mb_num_add(base, in->v, &out->v);
    return scaled(c, in->v, base, &out->v, &out->big, &out->big_on);
}

mb_bound mb_bound_of(mb_limit l) { return (mb_bound){.on = l.on, .strict = l.strict, .v = l.v}; }

mb_numerr mb_crit_bounds(const mb_crit *c, mb_num base, mb_bound *lo, mb_bound *hi)
{
    mb_numerr err = limit(c, &c->lo, base, lo);
    return err ? err : limit(c, &c->hi, base, hi);
}

mb_numerr mb_crit_target(const mb_crit *c, mb_num base, mb_num *out)
{
    if (c->scale == MB_SCALE_NONE) { *out = c->named; return MB_NUM_OK; }
    if (c->scale == MB_SCALE_OFFSET) return mb_num_add(base, c->named, out);
    mb_pow big;
    int big_on;
    return scaled(c, c->named, base, out, &big, &big_on);
}

/* x against a bound kept as factors. (mb_pow_cmp fails only without memory for its
 * integers; the display value is then the closest there is.) */
static __attribute__((noinline)) int cmp_big(mb_num x, const mb_bound *l)
{
    int s;
    return mb_pow_cmp(x, &l->big, &s) ? mb_num_cmp(x, l->v) : s;
}

static inline int cmp_limit(mb_num x, const mb_bound *l)
{
    return l->big_on ? cmp_big(x, l) : mb_num_cmp(x, l->v);
}

int mb_limits_hold(const mb_bound *lo, const mb_bound *hi, mb_num x)
{
    if (lo->on) {
        int s = cmp_limit(x, lo);
        if (s < 0 || (s == 0 && lo->strict)) return 0;
    }
    if (hi->on) {
        int s = cmp_limit(x, hi);
        if (s > 0 || (s == 0 && hi->strict)) return 0;
    }
    return 1;
}

int mb_crit_holds(const mb_crit *c, mb_num x)
{
    mb_bound lo = mb_bound_of(c->lo), hi = mb_bound_of(c->hi);
    return mb_limits_hold(&lo, &hi, x);
}

int mb_crit_step_holds(const mb_crit *c, mb_num prev, mb_num x)
{
    return mb_num_cmp(x, prev) * (c->dir < 0 ? -1 : 1) > 0;
}

int mb_crit_marked(const mb_crit *c, mb_num base, mb_num x)
{
    mb_bound m;
    if (c->mark_kind == MB_MARK_NONE || limit(c, &c->mark, base, &m)) return 0;
    int s = cmp_limit(x, &m) * (c->dir < 0 ? -1 : 1);
    return s > 0 || (s == 0 && !m.strict);
}

mb_crit_shape mb_crit_shape_of(const mb_crit *c)
{
    if (c->two_sided || c->mark_kind == MB_MARK_EXCEEDED) return MB_SHAPE_BAND;
    if (c->mark_kind == MB_MARK_STRETCH) return MB_SHAPE_STRETCH;
    if (c->lo.on && c->hi.on && mb_crit_cmp(c) != MB_CMP_EQ) return MB_SHAPE_BETWEEN;
    return MB_SHAPE_BOUND;
}

mb_cmp mb_crit_cmp(const mb_crit *c)
{
    if (c->lo.on && c->hi.on)
        return !c->lo.strict && !c->hi.strict && !mb_num_cmp(c->lo.v, c->hi.v) ? MB_CMP_EQ : MB_CMP_GE;
    if (c->lo.on) return c->lo.strict ? MB_CMP_GT : MB_CMP_GE;
    if (c->hi.on) return c->hi.strict ? MB_CMP_LT : MB_CMP_LE;
    return c->dir < 0 ? MB_CMP_LT : MB_CMP_GT;
}

mb_numerr mb_crit_percent(mb_num factor, mb_num *out)
{
    mb_numerr err = mb_num_sub(factor, mb_num_int(1), out);
    return err ? err : mb_num_mul(*out, mb_num_int(100), out);
}
