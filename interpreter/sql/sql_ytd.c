/* sql_ytd.c — a yearly target on a flow before its year ends (eval.c year_to_date): the sum of
 * the year's quarters or months so far against the share of the year due (the bounds × n/12,
 * compared as 12 × sum against n × bound, without dividing), or, for a growth over the previous
 * year, against the same quarters or months of the year before grown as the target says. When
 * neither the quarters nor the months are complete, eval measures progress on whole years: the
 * script falls back to sql_value.c's columns then (yap 0).
 *
 * Columns, added to those of sql_value.c's level_q: yl the last quarter or month summed (its
 * code, period.h; 0 none complete, -1 a rejected one decides), ys the sum, yn its months, and
 * for a growth bst / bs the state and sum of the same periods of the year before. */
#include <stdio.h>
#include <stdlib.h>

#include "period.h"
#include "sql_w.h"

int mb_sql_ytd(const mb_rule *r, const mb_crit *c)
{
    if (!r->ind || r->ind->flow <= 0 || r->ind->derived || c->kind != MB_CRIT_VALUE) return MB_SQL_YTD_NONE;
    if (r->goals && r->goals[c - r->crit].sub) return MB_SQL_YTD_NONE;
    /* a submitted rate or a compound path or points are not sums of their quarters */
    if (r->yoy_rate || c->scale == MB_SCALE_COMPOUND || c->scale == MB_SCALE_OFFSET) return MB_SQL_YTD_NONE;
    if (c->scale == MB_SCALE_NONE) return MB_SQL_YTD_SHARE;
    return c->base_year == c->year - 1 ? MB_SQL_YTD_GROWTH : MB_SQL_YTD_UNSUPPORTED;
}

/* The quarters Q1..last or the months 1..last of `year`, as columns of alias z. */
static int first_of(int last) { return mb_sub_quarter(last) ? MB_SUB_Q1 : 1; }

/* 1 every one is there, 2 the first one not there is rejected, 0 one is missing (in order,
 * as eval's sum_through stops at the first). */
static void state(mb_sqlw *w, const mb_rule *r, const char *z, int year, int last)
{
    fputs("CASE", w->f);
    for (int s = first_of(last); s <= last; s++) {
        fputs(" WHEN ", w->f);
        mb_sql_subcol(w, z, r->ind, year, s, 's');
        fputs(" IS NULL THEN 0 WHEN ", w->f);
        mb_sql_subcol(w, z, r->ind, year, s, 's');
        fputs(" = 2 THEN 2", w->f);
    }
    fputs(" ELSE 1 END", w->f);
}

static void sum(mb_sqlw *w, const mb_rule *r, const char *z, int year, int last)
{
    fputc('(', w->f);
    for (int s = first_of(last); s <= last; s++) {
        if (s > first_of(last)) fputs(" + ", w->f);
        mb_sql_subcol(w, z, r->ind, year, s, 'v');
    }
    fputc(')', w->f);
}

/* ytd_last for the as-of month m: the months when they reach further than the whole quarters,
 * else the quarters, else the months. */
static void last_for(mb_sqlw *w, const mb_rule *r, int T, int m)
{
    int q = m >= 3 ? mb_sub_of_quarter(m / 3) : 0;
    fputs("CASE", w->f);
    if (m % 3) {
        fputs(" WHEN (", w->f);
        state(w, r, "z", T, m);
        fprintf(w->f, ") = 1 THEN %d WHEN (", m);
        state(w, r, "z", T, m);
        fputs(") = 2 THEN -1", w->f);
        if (q) {
            fputs(" WHEN (", w->f);
            state(w, r, "z", T, q);
            fprintf(w->f, ") = 1 THEN %d WHEN (", q);
            state(w, r, "z", T, q);
            fputs(") = 2 THEN -1", w->f);
        }
    } else {
        fputs(" WHEN (", w->f);
        state(w, r, "z", T, q);
        fprintf(w->f, ") = 1 THEN %d WHEN (", q);
        state(w, r, "z", T, q);
        fputs(") = 2 THEN -1 WHEN (", w->f);
        state(w, r, "z", T, m);
        fprintf(w->f, ") = 1 THEN %d WHEN (", m);
        state(w, r, "z", T, m);
        fputs(") = 2 THEN -1", w->f);
    }
    fputs(" ELSE 0 END", w->f);
}

/* The codes yl may take: months 1..11, quarters 1..3. */
static const int LASTS[] = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, MB_SUB_Q1, MB_SUB_Q1 + 1, MB_SUB_Q1 + 2};
enum { NLASTS = sizeof LASTS / sizeof *LASTS };

/* The raw columns level_q adds: the deadline year's quarters and months (and the year
 * before's, for a growth), named as in the pivot. */
void mb_sql_ytd_cols(mb_sqlw *w, const mb_rule *r, const mb_crit *c)
{
    int kind = mb_sql_ytd(r, c), T = c->year;
    fputs(", a.ak", w->f);
    for (int yr = kind == MB_SQL_YTD_GROWTH ? T - 1 : T; yr <= T; yr++)
        for (int i = 0; i < NLASTS; i++)
            for (int k = 0; k < 2; k++) {
                char vs = k ? 's' : 'v';
                fputs(", ", w->f);
                mb_sql_subcol(w, "p", r->ind, yr, LASTS[i], vs);
                fputs(" AS ", w->f);
                mb_sql_subname(w->f, vs, yr, LASTS[i]);
            }
}

/* SELECT y.*, <sums> FROM (SELECT z.*, <yl> FROM ( level_q ) z) y */
void mb_sql_ytd_open(mb_sqlw *w, const mb_rule *r, const mb_crit *c)
{
    int T = c->year, growth = mb_sql_ytd(r, c) == MB_SQL_YTD_GROWTH;
    fputs("SELECT y.*, CASE y.yl", w->f);
    for (int i = 0; i < NLASTS; i++) {
        fprintf(w->f, " WHEN %d THEN ", LASTS[i]);
        sum(w, r, "y", T, LASTS[i]);
    }
    fputs(" END AS ys, CASE WHEN y.yl > 12 THEN 3 * (y.yl - 12) ELSE y.yl END AS yn", w->f);
    if (growth) {
        fputs(", CASE y.yl", w->f);
        for (int i = 0; i < NLASTS; i++) {
            fprintf(w->f, " WHEN %d THEN ", LASTS[i]);
            state(w, r, "y", T - 1, LASTS[i]);
        }
        fputs(" END AS bst, CASE y.yl", w->f);
        for (int i = 0; i < NLASTS; i++) {
            fprintf(w->f, " WHEN %d THEN ", LASTS[i]);
            sum(w, r, "y", T - 1, LASTS[i]);
        }
        fputs(" END AS bs", w->f);
    }
    fprintf(w->f, " FROM (SELECT z.*, CASE WHEN z.ak > %d AND z.ak < %d THEN CASE z.ak - %d", T * 100, T * 100 + 12,
            T * 100);
    for (int m = 1; m <= 11; m++) {
        fprintf(w->f, " WHEN %d THEN ", m);
        last_for(w, r, T, m);
    }
    fputs(" END ELSE 0 END AS yl FROM (", w->f);
}

void mb_sql_ytd_close(mb_sqlw *w, const mb_rule *r, const mb_crit *c)
{
    fputs(") z) y", w->f);
    (void)r;
    (void)c;
}

/* Whether the year to date decides (eval's year_to_date returns 1). */
void mb_sql_ytd_applies(mb_sqlw *w, const mb_rule *r, const mb_crit *c)
{
    if (mb_sql_ytd(r, c) == MB_SQL_YTD_GROWTH) fputs("(g.yl = -1 OR g.yl > 0 AND g.bst <> 0)", w->f);
    else fputs("(g.yl <> 0)", w->f);
}

/* The year to date gives no verdict with values: a rejected period, a base that is not positive. */
static void no_values(mb_sqlw *w, const mb_rule *r, const mb_crit *c)
{
    if (mb_sql_ytd(r, c) == MB_SQL_YTD_GROWTH) fputs("(g.yl = -1 OR g.bst = 2 OR g.bs <= 0)", w->f);
    else fputs("(g.yl = -1)", w->f);
}

/* The share n/12 of a bound of the year is no finite decimal for some n (100 × 5/12): eval
 * shows it to four places. */
static int share_exact(mb_num x, int n)
{
    mb_num f, s;
    char buf[MB_NUM_BUF];
    int exact = 1;
    if (mb_num_div(mb_num_int(n), mb_num_int(12), &f) || mb_num_mul(x, f, &s)) return 0;
    mb_num_format(s, 4, buf, &exact);
    return exact;
}

/* The target shown: the named value × n/12 (to four places where it has no finite decimal),
 * or × the year before's sum for a growth. */
static void target(mb_sqlw *w, const mb_rule *r, const mb_crit *c)
{
    if (mb_sql_ytd(r, c) == MB_SQL_YTD_GROWTH) { mb_sql_target(w, c, "g.bs"); return; }
    fputs("CASE g.yn", w->f);
    for (int n = 1; n <= 11; n++) {
        mb_num f, s;
        char buf[MB_NUM_BUF];
        if (mb_num_div(mb_num_int(n), mb_num_int(12), &f) || mb_num_mul(c->named, f, &s)) { w->inexact = 1; continue; }
        mb_num_format(s, 4, buf, NULL);
        fprintf(w->f, " WHEN %d THEN CAST(%s AS %s)", n, buf, w->d->num);
    }
    fputs(" END", w->f);
}

void mb_sql_ytd_col(mb_sqlw *w, const mb_rule *r, const mb_crit *c, char what)
{
    fputs("CASE WHEN ", w->f);
    no_values(w, r, c);
    fputs(" THEN NULL ELSE ", w->f);
    if (what == 'a') fputs("g.ys", w->f);
    else if (what == 'y') fprintf(w->f, "%d + g.yl", c->year * 100);
    else target(w, r, c);
    fputs(" END", w->f);
}

/* R in floating point as eval computes it: the year to date ÷ the share due (that share's
 * double taken from the exact fraction, as mb_num_to_double does), or the growth achieved ÷ the
 * growth asked for. */
static void ratio(mb_sqlw *w, const mb_rule *r, const mb_crit *c)
{
    const char *d = w->d->dbl;
    if (!c->lo.on) { fputs("-1", w->f); return; }
    if (mb_sql_ytd(r, c) == MB_SQL_YTD_GROWTH) {
        char *lo = NULL;
        size_t n = 0;
        FILE *keep = w->f, *ms = open_memstream(&lo, &n);
        if (!ms) { w->inexact = 1; fputs("-1", w->f); return; }
        w->f = ms;
        fprintf(w->f, "(CAST((");
        mb_sql_bound(w, c, &c->lo, "g.bs");
        fprintf(w->f, ") AS %s) / CAST(g.bs AS %s) - 1)", d, d);
        w->f = keep;
        if (fclose(ms)) w->inexact = 1;
        fprintf(w->f, "(CASE WHEN %s > 0 THEN (CAST(g.ys AS %s) / CAST(g.bs AS %s) - 1) / %s ELSE -1 END)", lo ? lo : "0",
                d, d, lo ? lo : "1");
        free(lo);
        return;
    }
    fputs("(CASE g.yn", w->f);
    for (int n = 1; n <= 11; n++) {
        mb_num f, s;
        if (mb_num_div(mb_num_int(n), mb_num_int(12), &f) || mb_num_mul(c->lo.v, f, &s)) { w->inexact = 1; continue; }
        double x = mb_num_to_double(s);
        if (x > 0) fprintf(w->f, " WHEN %d THEN CAST(g.ys AS %s) / CAST(%.17g AS %s)", n, d, x, d);
        else fprintf(w->f, " WHEN %d THEN -1", n);
    }
    fputs(" END)", w->f);
}

/* A crit whose bounds are the year's × yn: the limits as factors of the base "g.yn" (for a
 * multiple of a base year the compiler leaves the rule to eval: mb_sql_ytd). */
static mb_crit shared(const mb_crit *c)
{
    mb_crit s = *c;
    s.scale = MB_SCALE_BASE;
    return s;
}

void mb_sql_ytd_status(mb_sqlw *w, const mb_rule *r, const mb_crit *c)
{
    int growth = mb_sql_ytd(r, c) == MB_SQL_YTD_GROWTH;
    mb_crit s = growth ? *c : shared(c);
    const char *x = growth ? "g.ys" : "(12 * g.ys)", *b = growth ? "g.bs" : "g.yn";
    mb_limit above = c->hi, off = c->lo;
    above.strict = 1; /* above the cap: sum > cap */
    off.on = 0;
    fputs("CASE WHEN g.unk = 1 OR g.doubt = 1 THEN 'borderline' WHEN g.yl = -1 THEN 'error'", w->f);
    if (growth) fputs(" WHEN g.bst = 2 THEN 'error' WHEN g.bs <= 0 THEN 'not-assessable'", w->f);
    else {
        /* the share shown to four places: a gap computed from it is eval's only when the sum has
         * at most four decimals and is not that rounded share itself */
        int any = 0;
        for (int n = 1; n <= 11; n++)
            if (!share_exact(c->named, n)) {
                if (!any) fputs(" WHEN g.ys <> ROUND(g.ys, 4) AND g.yn IN (", w->f);
                fprintf(w->f, "%s%d", any ? ", " : "", n);
                any = 1;
            }
        if (any) {
            fputs(") THEN 'borderline' WHEN ", w->f);
            fputs("g.ys = (", w->f);
            target(w, r, c);
            fputs(") AND g.yn IN (", w->f);
            any = 0;
            for (int n = 1; n <= 11; n++)
                if (!share_exact(c->named, n)) fprintf(w->f, "%s%d", any++ ? ", " : "", n);
            fputs(") THEN 'borderline'", w->f);
        }
    }
    fputs(" WHEN ", w->f);
    mb_sql_holds(w, &s, &c->lo, &c->hi, x, b);
    fputs(" THEN 'on-track'", w->f);
    if (c->hi.on) {
        /* above the upper bound (a cap): needs acceleration, never missed before the year ends */
        mb_limit lo = above;
        fputs(" WHEN ", w->f);
        mb_sql_holds(w, &s, &lo, &off, x, b);
        fputs(" THEN 'needs-acceleration'", w->f);
    }
    fputs(" ELSE ", w->f);
    char *R = NULL;
    size_t n = 0;
    FILE *keep = w->f, *ms = open_memstream(&R, &n);
    if (!ms) { w->inexact = 1; fputs("'borderline' END", w->f); return; }
    w->f = ms;
    ratio(w, r, c);
    w->f = keep;
    if (fclose(ms)) w->inexact = 1;
    mb_sql_klass(w, R ? R : "-1");
    free(R);
    fputs(" END", w->f);
}
