/* crit.h — the resolved criterion of a rule: every form of target (>=, about, between,
 * stretch, × base, cut, growth, annual growth, each year, total, rises, above a region)
 * turned by the checker into one recipe, computed once and kept in the model. The
 * evaluator, the contradiction check and every report read it; none of them looks at the
 * form again to decide what a target means (docs/internals.md). */
#ifndef MB_CRIT_H
#define MB_CRIT_H

#include "ast.h"
#include "num.h"
#include "num_pow.h"

/* What is judged. */
typedef enum {
    MB_CRIT_NONE,    /* qualitative: nothing a value could be compared with */
    MB_CRIT_VALUE,   /* one value, at the deadline */
    MB_CRIT_EACH,    /* every yearly value of y1..y2 */
    MB_CRIT_SUM,     /* the sum of the yearly values of y1..y2 */
    MB_CRIT_STEPS,   /* each value against the one before it (dir) */
    MB_CRIT_REGION,  /* one value against the same indicator of a reference region */
} mb_crit_kind;

/* What the bounds are multiples of. */
typedef enum {
    MB_SCALE_NONE,     /* values in the indicator's unit */
    MB_SCALE_BASE,     /* factors of the base-year value (× base, cut, growth) or of the
                          reference region's value */
    MB_SCALE_COMPOUND, /* a yearly factor, raised to the years from base to deadline, × base */
    MB_SCALE_OFFSET,   /* added to the base-year value: a change in percentage points
                          (下降3个百分点 is ≤ base − 3) */
} mb_scale;

/* One side of the acceptable values, as the criterion states it: x >= v (x > v when strict)
 * for a lower bound. Unscaled: × base, cut and growth keep their factor here. */
typedef struct mb_limit {
    int on, strict;
    mb_num v;
} mb_limit;

/* A bound for one base value (mb_crit_bounds), held by whoever compares with it (the
 * evaluator, a verdict's trace), never by the model. A scaled bound whose exact fraction needs
 * more than 128 bits (base × 1.0735^10) keeps its factors in `big` (big_on): v is then that
 * value to 36 digits, for display, and every comparison goes through the factors, exactly
 * (num_pow.h). Keeping `big` out of mb_limit keeps a criterion at a quarter of the size: a
 * 16 MiB rule file can hold half a million of them (docs/limits.md). */
typedef struct mb_bound {
    int on, strict;
    mb_num v;
    int big_on;
    mb_pow big;
} mb_bound;

/* The base-year value a plan prints beside a target (基期值: `base 2020 = 56.7`), in the
 * indicator's unit. The submitted value of that year comes first; this one is used only when
 * the submission lacks it, and every report says which was used. */
typedef struct mb_printed {
    int year;
    mb_num value;
    const char *text;    /* as written ("56.7%") */
    mb_span span;        /* the clause, for the warning when a submitted value differs */
} mb_printed;

typedef enum {
    MB_MARK_NONE,
    MB_MARK_STRETCH,   /* range: the stretch value */
    MB_MARK_EXCEEDED,  /* about on an indicator with a direction: beyond the band on the good side */
} mb_mark_kind;

typedef struct mb_crit {
    mb_crit_kind kind;
    mb_scale scale;
    mb_mark_kind mark_kind;
    int two_sided;       /* about: the band holds on both sides */
    int dir;             /* +1 higher is better, -1 lower (STEPS: rising or falling) */
    int year;            /* the deadline */
    int base_year;       /* SCALE_BASE / COMPOUND: the base; else progress is measured from it
                            (0: none) */
    unsigned years;      /* COMPOUND: the exponent, deadline − base */
    int y1, y2;          /* EACH / SUM / STEPS */
    const char *region, *region_key; /* REGION */
    const mb_printed *printed; /* the rule's printed base when base_year is its year and a base
                            value is read (scaled, or progress measured from it); else NULL */
    mb_limit lo, hi;     /* acceptable: above lo and below hi (scaled as `scale` says) */
    mb_limit mark;       /* reached when on the good side of it (dir); scaled as the bounds
                            are (a growth over the previous year's band is factors) */
    mb_num named;        /* the value the rule names, the target reports show (about: its
                            centre; between: the lower end; × base: the factor) */
    mb_num tol;          /* about: the tolerance in the indicator's unit (0 otherwise) */
} mb_crit;

/* The bounds for a base value (SCALE_NONE: base is ignored). Returns an error when the
 * arithmetic overflows; the bounds are then not to be used. */
mb_numerr mb_crit_bounds(const mb_crit *c, mb_num base, mb_bound *lo, mb_bound *hi);
/* A stated limit as a bound (SCALE_NONE: the criterion's bounds are the limits themselves). */
mb_bound mb_bound_of(mb_limit l);
/* The value a report shows as the target, for a base value. */
mb_numerr mb_crit_target(const mb_crit *c, mb_num base, mb_num *out);
/* Is x within the bounds? */
int mb_limits_hold(const mb_bound *lo, const mb_bound *hi, mb_num x);
/* Is x within the criterion's own limits? (unscaled criteria: each year, total) */
int mb_crit_holds(const mb_crit *c, mb_num x);
/* STEPS: does x, after prev, keep rising (falling when dir < 0)? Strictly: equal is not. */
int mb_crit_step_holds(const mb_crit *c, mb_num prev, mb_num x);
/* Is x on the good side of the mark, for a base value (SCALE_NONE: base is ignored)? (0
 * without a mark, or when the scaled mark cannot be computed) */
int mb_crit_marked(const mb_crit *c, mb_num base, mb_num x);

/* How a criterion bounds its value, for the words of explain and the reports: they word a
 * verdict from these, never from the form the rule was written in. */
typedef enum {
    MB_SHAPE_BOUND,    /* one bound (x ≥ v, x < v), or both at one value (x = v) */
    MB_SHAPE_BAND,     /* about: a centre and a tolerance (one-sided, or two-sided) */
    MB_SHAPE_BETWEEN,  /* both ends of an interval */
    MB_SHAPE_STRETCH,  /* a lower bound and a stretch value */
} mb_crit_shape;
mb_crit_shape mb_crit_shape_of(const mb_crit *c);
/* The comparison a one-bound criterion states: ≥ for a lower bound, > when strict, ≤ and <
 * for an upper one, = for both at one value; STEPS: > rising, < falling. */
mb_cmp mb_crit_cmp(const mb_crit *c);
/* A factor of the base as the change in percent it stands for: 0.8 is −20, 1.15 is +15. */
mb_numerr mb_crit_percent(mb_num factor, mb_num *out);

#endif
