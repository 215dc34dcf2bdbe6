/* sql_value.c — one value at the deadline against the bounds; before the deadline, the
 * progress class (eval.c at_deadline and progress, step by step). Three nested SELECTs: the
 * values read (q), the pace in floating point (g), then status, actual and target. */
#include "sql_w.h"

/* The latest year after t0 and before T with a usable value: its year (vs 's') or value. */
static void latest(mb_sqlw *w, const mb_indicator *ind, int t0, int T, int want_value)
{
    int any = 0;
    for (int y = T - 1; y > t0 && y > 0; y--) {
        if (!mb_sql_in_layout(w, ind, y)) continue;
        fputs(any ? " WHEN " : "CASE WHEN ", w->f);
        mb_sql_col(w, "p", ind, y, 's');
        fputs(" = 1 THEN ", w->f);
        if (want_value) mb_sql_col(w, "p", ind, y, 'v');
        else fprintf(w->f, "%d", y);
        any = 1;
    }
    if (any) fputs(" END", w->f);
    else if (want_value) fprintf(w->f, "CAST(NULL AS %s)", w->d->num);
    else fputs("CAST(NULL AS INTEGER)", w->f);
}

/* A yearly target on an indicator declared `stock`: before its year ends the latest quarter or
 * month counts (sql_sub.c). Targets due in a quarter or month are not written here. */
static int stock(const mb_rule *r) { return r->ind && r->ind->flow < 0; }

/* A yearly target on a flow read from its year to date before the year ends (sql_ytd.c). */
static int ytd(const mb_rule *r, const mb_crit *c)
{
    int k = mb_sql_ytd(r, c);
    return k == MB_SQL_YTD_SHARE || k == MB_SQL_YTD_GROWTH;
}

static void level_q(mb_sqlw *w, const mb_rule *r, const mb_crit *c)
{
    const mb_indicator *ind = r->ind;
    int T = c->year, t0 = c->base_year;
    fputs("SELECT r.region, a.asof, a.doubt, COALESCE(p.unk, 0) AS unk, ", w->f);
    mb_sql_col(w, "p", ind, T, 'v');
    fputs(" AS xv, ", w->f);
    mb_sql_col(w, "p", ind, T, 's');
    fputs(" AS xs, ", w->f);
    if (c->printed && c->printed->year == t0) {
        /* the plan's printed base stands in for a base year not submitted (eval's base_value):
         * a rejected one (2) stays an error */
        fputs("CASE WHEN ", w->f);
        mb_sql_col(w, "p", ind, t0, 's');
        fputs(" IS NULL THEN ", w->f);
        mb_sql_num(w, c->printed->value);
        fputs(" ELSE ", w->f);
        mb_sql_col(w, "p", ind, t0, 'v');
        fputs(" END AS v0, COALESCE(", w->f);
        mb_sql_col(w, "p", ind, t0, 's');
        fputs(", 1) AS s0, ", w->f);
    } else {
        mb_sql_col(w, "p", ind, t0, 'v');
        fputs(" AS v0, ", w->f);
        mb_sql_col(w, "p", ind, t0, 's');
        fputs(" AS s0, ", w->f);
    }
    latest(w, ind, t0, T, 0);
    fputs(stock(r) ? " AS ty, " : " AS t, ", w->f);
    latest(w, ind, t0, T, 1);
    fputs(stock(r) ? " AS xty" : " AS xt", w->f);
    if (ytd(r, c)) mb_sql_ytd_cols(w, r, c);
    if (stock(r)) {
        fputs(", ", w->f);
        mb_sql_latest_sub(w, r, T, 'c');
        fputs(" AS lsb, ", w->f);
        mb_sql_latest_sub(w, r, T, 's');
        fputs(" AS lst, ", w->f);
        mb_sql_latest_sub(w, r, T, 'v');
        fputs(" AS lv", w->f);
    }
    mb_sql_from(w, r, 0);
}

/* A stock's latest value may be of a quarter or month of the deadline year (lst 1): it is
 * then the latest value, at its point in the year (tt: 2025Q2 is 2024 + 6/12, in floating
 * point as eval computes it); a rejected one (lst 2) makes the verdict an error. tc: the
 * period's code for the actual_period column. */
static void stock_q(mb_sqlw *w, const mb_rule *r, const mb_crit *c)
{
    const char *d = w->d->dbl;
    int T = c->year;
    fprintf(w->f, "SELECT z.*, CASE WHEN z.lst = 1 THEN %d WHEN z.lst = 2 THEN NULL ELSE z.ty END AS t, CASE WHEN "
                  "z.lst = 1 THEN z.lv WHEN z.lst = 2 THEN NULL ELSE z.xty END AS xt, CASE WHEN z.lst = 1 THEN CAST(%d "
                  "AS %s) + CAST(CASE WHEN z.lsb > 12 THEN 3 * (z.lsb - 12) ELSE z.lsb END AS %s) / CAST(12 AS %s) "
                  "ELSE CAST(z.ty AS %s) END AS tt, CASE WHEN z.lst = 1 THEN %d + z.lsb WHEN z.lst = 2 THEN NULL ELSE "
                  "z.ty END AS tc FROM (", T, T - 1, d, d, d, d, T * 100);
    level_q(w, r, c);
    fputs(") z", w->f);
}

/* The bound the pace is towards: in a band the one on the latest value's side. */
static void towards(mb_sqlw *w, const mb_crit *c)
{
    if (c->lo.on && c->hi.on) {
        fputs("CASE WHEN q.xt > ", w->f);
        mb_sql_bound(w, c, &c->hi, "q.v0");
        fputs(" THEN ", w->f);
        mb_sql_bound(w, c, &c->hi, "q.v0");
        fputs(" ELSE ", w->f);
        mb_sql_bound(w, c, &c->lo, "q.v0");
        fputs(" END", w->f);
    } else mb_sql_bound(w, c, c->lo.on ? &c->lo : &c->hi, "q.v0");
}

/* got and req: compound growth a year when every value is positive, else change a year. */
static void pace(mb_sqlw *w, const mb_crit *c, const char *span, const char *name)
{
    const char *d = w->d->dbl;
    int req = name[0] == 'r';
    fputs("CASE WHEN q.v0 > 0 AND q.xt > 0 AND (", w->f);
    towards(w, c);
    fputs(") > 0 THEN POWER(", w->f);
    if (req) { fprintf(w->f, "CAST(("); towards(w, c); fprintf(w->f, ") AS %s)", d); }
    else fprintf(w->f, "CAST(q.xt AS %s)", d);
    fprintf(w->f, " / CAST(q.v0 AS %s), CAST(1 AS %s) / (%s)) - 1 ELSE (", d, d, span);
    if (req) { fprintf(w->f, "CAST(("); towards(w, c); fprintf(w->f, ") AS %s)", d); }
    else fprintf(w->f, "CAST(q.xt AS %s)", d);
    fprintf(w->f, " - CAST(q.v0 AS %s)) / (%s) END AS %s", d, span, name);
}

/* A band passed to its other side: how far from it, now and at the base (doubles, as eval). */
static void band_dist(mb_sqlw *w, const mb_crit *c)
{
    const char *d = w->d->dbl;
    fputs(", CASE WHEN q.v0 < ", w->f);
    mb_sql_num(w, c->lo.v);
    fprintf(w->f, " THEN CAST(");
    mb_sql_num(w, c->lo.v);
    fprintf(w->f, " AS %s) - CAST(q.v0 AS %s) ELSE CAST(q.v0 AS %s) - CAST(", d, d, d);
    mb_sql_num(w, c->hi.v);
    fprintf(w->f, " AS %s) END AS d0, CASE WHEN q.xt > ", d);
    mb_sql_num(w, c->hi.v);
    fprintf(w->f, " THEN CAST(q.xt AS %s) - CAST(", d);
    mb_sql_num(w, c->hi.v);
    fprintf(w->f, " AS %s) ELSE CAST(", d);
    mb_sql_num(w, c->lo.v);
    fprintf(w->f, " AS %s) - CAST(q.xt AS %s) END AS dt", d, d);
}

static void level_g(mb_sqlw *w, const mb_rule *r, const mb_crit *c)
{
    char span[32];
    fputs("SELECT q.*, ", w->f);
    if (!c->base_year || c->base_year >= c->year) /* no pace: eval says no-data before it */
        fprintf(w->f, "CAST(NULL AS %s) AS got, CAST(NULL AS %s) AS req", w->d->dbl, w->d->dbl);
    else {
        pace(w, c, stock(r) ? "q.tt - q.t0" : "q.t - q.t0", "got");
        fputs(", ", w->f);
        snprintf(span, sizeof span, "%d", c->year - c->base_year);
        pace(w, c, span, "req");
    }
    int band = c->lo.on && c->hi.on;
    if (band && c->scale == MB_SCALE_NONE) band_dist(w, c);
    fprintf(w->f, " FROM (SELECT q1.*, %d AS t0 FROM (", c->base_year);
    if (stock(r)) stock_q(w, r, c);
    else if (ytd(r, c)) {
        mb_sql_ytd_open(w, r, c);
        level_q(w, r, c);
        mb_sql_ytd_close(w, r, c);
    } else level_q(w, r, c);
    fputs(") q1) q", w->f);
}

/* resolve() fails: the base of a multiple is missing, rejected or not positive. */
static void unresolved(mb_sqlw *w, const mb_crit *c)
{
    if (c->scale == MB_SCALE_NONE) fputs("1 = 0", w->f);
    else if (c->scale == MB_SCALE_OFFSET) fputs("(g.s0 IS NULL OR g.s0 = 2)", w->f); /* points: any base */
    else fputs("(g.s0 IS NULL OR g.s0 = 2 OR g.v0 <= 0)", w->f);
}

static void status(mb_sqlw *w, const mb_crit *c)
{
    int T = c->year, t0 = c->base_year, scaled = c->scale != MB_SCALE_NONE;
    const char *B = scaled ? "g.v0" : NULL;
    fputs("CASE WHEN g.unk = 1 OR g.doubt = 1 THEN 'borderline'", w->f);
    if (scaled)
        fputs(" WHEN g.s0 IS NULL THEN 'no-data' WHEN g.s0 = 2 THEN 'error'", w->f);
    if (scaled && c->scale != MB_SCALE_OFFSET) /* a change in points is meaningful from any base */
        fputs(" WHEN g.v0 <= 0 THEN 'not-assessable'", w->f);
    if (stock(w->rule)) fputs(" WHEN g.lst = 2 THEN 'error'", w->f);
    fprintf(w->f, " WHEN g.asof >= %d THEN CASE WHEN g.xs IS NULL THEN 'no-data' WHEN g.xs = 2 THEN 'error' WHEN ", T);
    mb_sql_holds(w, c, &c->lo, &c->hi, "g.xv", B);
    fputs(" THEN 'met' ELSE 'missed' END WHEN g.t IS NOT NULL AND ", w->f);
    mb_sql_holds(w, c, &c->lo, &c->hi, "g.xt", B);
    fputs(" THEN 'on-track'", w->f);
    if (!t0 || t0 >= T) { fputs(" ELSE 'no-data' END", w->f); return; }
    fputs(" WHEN g.s0 IS NULL THEN 'no-data' WHEN g.s0 = 2 THEN 'error' WHEN g.t IS NULL THEN 'no-data' WHEN ", w->f);
    mb_sql_holds(w, c, &c->lo, &c->hi, "g.v0", B);
    fputs(" THEN 'regressing'", w->f);
    if (c->lo.on && c->hi.on) {
        /* eval compares with the bounds' values here; a scaled band is compared scaled */
        fputs(" WHEN (g.v0 < ", w->f);
        mb_sql_bound(w, c, &c->lo, B);
        fputs(") = (g.xt > ", w->f);
        mb_sql_bound(w, c, &c->hi, B);
        if (scaled) { w->inexact = 1; fputs(") THEN 'borderline'", w->f); }
        else fputs(") THEN CASE WHEN g.dt < g.d0 THEN 'limited-progress' ELSE 'regressing' END", w->f);
    }
    fputs(" ELSE ", w->f);
    mb_sql_klass(w, "(CASE WHEN g.req <> 0 THEN g.got / g.req WHEN g.got = 0 THEN 0 ELSE -1 END)");
    fputs(" END", w->f);
}

/* Before a flow's year ends its year to date decides when its quarters or months are there. */
static void status_ytd(mb_sqlw *w, const mb_crit *c)
{
    fputs("CASE WHEN ", w->f);
    mb_sql_ytd_applies(w, w->rule, c);
    fputs(" THEN ", w->f);
    mb_sql_ytd_status(w, w->rule, c);
    fputs(" ELSE ", w->f);
    status(w, c);
    fputs(" END", w->f);
}

/* The target eval shows: a band missed from above is measured from its upper end, unless the
 * rule names a centre. */
static void target(mb_sqlw *w, const mb_crit *c)
{
    const char *B = c->scale != MB_SCALE_NONE ? "g.v0" : NULL;
    fputs("CASE WHEN ", w->f);
    unresolved(w, c);
    fprintf(w->f, " THEN NULL WHEN g.asof >= %d THEN ", c->year);
    if (c->lo.on && c->hi.on && mb_num_eq(c->named, c->lo.v)) {
        fputs("CASE WHEN g.xs = 1 AND g.xv > ", w->f);
        mb_sql_bound(w, c, &c->hi, B);
        fputs(" THEN ", w->f);
        mb_sql_bound(w, c, &c->hi, B);
        fputs(" ELSE ", w->f);
        mb_sql_target(w, c, B);
        fputs(" END", w->f);
    } else mb_sql_target(w, c, B);
    fputs(" WHEN g.t IS NOT NULL THEN ", w->f);
    mb_sql_target(w, c, B);
    fputs(" END", w->f);
}

/* CASE WHEN the year to date decides THEN its column (what) ELSE (the rest, written next) */
static void ytd_case(mb_sqlw *w, const mb_rule *r, const mb_crit *c, char what)
{
    if (!ytd(r, c)) return;
    fputs("CASE WHEN ", w->f);
    mb_sql_ytd_applies(w, r, c);
    fputs(" THEN ", w->f);
    mb_sql_ytd_col(w, r, c, what);
    fputs(" ELSE ", w->f);
}

static void ytd_end(mb_sqlw *w, const mb_rule *r, const mb_crit *c)
{
    if (ytd(r, c)) fputs(" END", w->f);
}

void mb_sql_value(mb_sqlw *w, const mb_rule *r, size_t goal)
{
    const mb_crit *c = &r->crit[goal];
    fprintf(w->f, "SELECT %zu AS ri, %zu AS gi, g.region, ", r->index, goal);
    mb_sql_doubtful(w, c, ytd(r, c) ? status_ytd : status);
    fputs(" AS status, ", w->f);
    ytd_case(w, r, c, 'a');
    fputs("CASE WHEN ", w->f);
    unresolved(w, c);
    fprintf(w->f, " THEN NULL WHEN g.asof >= %d THEN CASE WHEN g.xs = 1 THEN g.xv END ELSE g.xt END", c->year);
    ytd_end(w, r, c);
    fputs(" AS act, ", w->f);
    ytd_case(w, r, c, 'y');
    fputs("CASE WHEN ", w->f);
    unresolved(w, c);
    fprintf(w->f, " THEN NULL WHEN g.asof >= %d THEN CASE WHEN g.xs = 1 THEN %d END ELSE %s END", c->year, c->year,
            stock(r) ? "g.tc" : "g.t");
    ytd_end(w, r, c);
    fputs(" AS ay, ", w->f);
    ytd_case(w, r, c, 't');
    target(w, c);
    ytd_end(w, r, c);
    fputs(" AS tgt FROM (", w->f);
    level_g(w, r, c);
    fputs(") g", w->f);
}
