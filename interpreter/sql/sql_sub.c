/* sql_sub.c — a target due in a quarter or month (eval.c at_deadline with a sub-period): the
 * quarter's or month's own submitted value against the bounds once that period is within the
 * as-of, no-data before it. A multiple of a base year is of the same quarter or month of that
 * year (a growth over the previous year: 2025Q1 against 2024Q1), never of a printed base (a
 * plan prints years). There is no progress class: the period is reached or it is not. */
#include "period.h"
#include "sql_w.h"

static int sub_of(const mb_sqlw *w, const mb_crit *c) { return w->rule->goals[c - w->rule->crit].sub; }

/* The values read: at the deadline (xv, xs) and, for a multiple, in the base period (v0, s0). */
static void sub_q(mb_sqlw *w, const mb_rule *r, const mb_crit *c, int sub)
{
    fputs("SELECT r.region, a.ak, a.doubt, COALESCE(p.unk, 0) AS unk, ", w->f);
    mb_sql_subcol(w, "p", r->ind, c->year, sub, 'v');
    fputs(" AS xv, ", w->f);
    mb_sql_subcol(w, "p", r->ind, c->year, sub, 's');
    fputs(" AS xs, ", w->f);
    mb_sql_subcol(w, "p", r->ind, c->base_year, sub, 'v');
    fputs(" AS v0, ", w->f);
    mb_sql_subcol(w, "p", r->ind, c->base_year, sub, 's');
    fputs(" AS s0", w->f);
    mb_sql_from(w, r, 0);
}

/* resolve() fails: the base period's value is missing, rejected or (for a multiple) not positive. */
static void unresolved(mb_sqlw *w, const mb_crit *c)
{
    if (c->scale == MB_SCALE_NONE) fputs("1 = 0", w->f);
    else if (c->scale == MB_SCALE_OFFSET) fputs("(g.s0 IS NULL OR g.s0 = 2)", w->f);
    else fputs("(g.s0 IS NULL OR g.s0 = 2 OR g.v0 <= 0)", w->f);
}

static void sub_status(mb_sqlw *w, const mb_crit *c)
{
    int scaled = c->scale != MB_SCALE_NONE;
    fputs("CASE WHEN g.unk = 1 OR g.doubt = 1 THEN 'borderline'", w->f);
    if (scaled) fputs(" WHEN g.s0 IS NULL THEN 'no-data' WHEN g.s0 = 2 THEN 'error'", w->f);
    if (scaled && c->scale != MB_SCALE_OFFSET) fputs(" WHEN g.v0 <= 0 THEN 'not-assessable'", w->f);
    fprintf(w->f, " WHEN g.ak < %d THEN 'no-data' WHEN g.xs IS NULL THEN 'no-data' WHEN g.xs = 2 THEN 'error' WHEN ",
            mb_sub_key(c->year, sub_of(w, c)));
    mb_sql_holds(w, c, &c->lo, &c->hi, "g.xv", scaled ? "g.v0" : NULL);
    fputs(" THEN 'met' ELSE 'missed' END", w->f);
}

void mb_sql_value_sub(mb_sqlw *w, const mb_rule *r, size_t goal)
{
    const mb_crit *c = &r->crit[goal];
    int sub = r->goals[goal].sub, key = mb_sub_key(c->year, sub);
    const char *B = c->scale != MB_SCALE_NONE ? "g.v0" : NULL;
    fprintf(w->f, "SELECT %zu AS ri, %zu AS gi, g.region, ", r->index, goal);
    mb_sql_doubtful(w, c, sub_status);
    fputs(" AS status, CASE WHEN ", w->f);
    unresolved(w, c);
    fprintf(w->f, " THEN NULL WHEN g.ak >= %d AND g.xs = 1 THEN g.xv END AS act, CASE WHEN ", key);
    unresolved(w, c);
    fprintf(w->f, " THEN NULL WHEN g.ak >= %d AND g.xs = 1 THEN %d END AS ay, CASE WHEN ", key,
            mb_sql_period_code(c->year, sub));
    unresolved(w, c);
    fputs(" THEN NULL", w->f);
    /* a band missed from above is measured from its upper end, unless it names a centre */
    if (c->lo.on && c->hi.on && mb_num_eq(c->named, c->lo.v)) {
        fprintf(w->f, " WHEN g.ak >= %d AND g.xs = 1 AND g.xv > ", key);
        mb_sql_bound(w, c, &c->hi, B);
        fputs(" THEN ", w->f);
        mb_sql_bound(w, c, &c->hi, B);
    }
    fputs(" ELSE ", w->f);
    mb_sql_target(w, c, B);
    fputs(" END AS tgt FROM (", w->f);
    sub_q(w, r, c, sub);
    fputs(") g", w->f);
}

/* A yearly target on a stock before its year ends (eval.c stock_latest): the latest quarter
 * or month of the deadline year within the as-of, a quarter before a month ending with it.
 * what: 'c' its code (period.h), 's' its state, 'v' its value; NULL when the as-of is not
 * inside year T or there is none (the pivot holds no period past the as-of). */
void mb_sql_latest_sub(mb_sqlw *w, const mb_rule *r, int T, char what)
{
    fprintf(w->f, "CASE WHEN a.ak > %d AND a.ak < %d THEN CASE", T * 100, T * 100 + 12);
    for (int mm = 11; mm >= 1; mm--) {
        int subs[2] = {mm % 3 == 0 ? mb_sub_of_quarter(mm / 3) : 0, mm};
        for (int k = 0; k < 2; k++) {
            if (!subs[k]) continue;
            fputs(" WHEN ", w->f);
            mb_sql_subcol(w, "p", r->ind, T, subs[k], 's');
            fputs(" IS NOT NULL THEN ", w->f);
            if (what == 'c') fprintf(w->f, "%d", subs[k]);
            else mb_sql_subcol(w, "p", r->ind, T, subs[k], what);
        }
    }
    fputs(" END END", w->f);
}
