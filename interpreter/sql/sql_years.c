/* sql_years.c — the forms over several years (eval.c each_year, cumulative, monotone):
 * every year of the period is a column; the first year that decides (a rejected value, a
 * year below the bar, a fall) is found in year order, as eval walks them. */
#include <stdlib.h>

#include "sql_w.h"

static void q_years(mb_sqlw *w, const mb_rule *r)
{
    fputs("SELECT r.region, a.asof, a.doubt, COALESCE(p.unk, 0) AS unk", w->f);
    for (int y = r->y1; y <= r->y2; y++) {
        fputs(", ", w->f);
        mb_sql_col(w, "p", r->ind, y, 'v');
        fprintf(w->f, " AS v%d, ", y);
        mb_sql_col(w, "p", r->ind, y, 's');
        fprintf(w->f, " AS s%d", y);
    }
    mb_sql_from(w, r, 0);
}

/* The latest usable value (want 'v') or its year ('y') before year `before`; NULL if none. */
static void last_ok(mb_sqlw *w, const mb_rule *r, int before, char want)
{
    int any = 0;
    for (int y = before - 1; y >= r->y1; y--) {
        fprintf(w->f, "%s q.s%d = 1 THEN ", any ? " WHEN" : "CASE WHEN", y);
        if (want == 'v') fprintf(w->f, "q.v%d", y);
        else fprintf(w->f, "%d", y);
        any = 1;
    }
    if (any) fputs(" END", w->f);
    else fputs("NULL", w->f);
}

/* A year eval could not read although it is due: no-data. */
static void any_missing(mb_sqlw *w, const mb_rule *r)
{
    fputs("(1 = 0", w->f);
    for (int y = r->y1; y <= r->y2; y++) fprintf(w->f, " OR (q.s%d IS NULL AND %d <= q.asof)", y, y);
    fputs(")", w->f);
}

/* The year that decides, or NULL: a rejected value, or one failing `bad_ok` (a usable value
 * that fails the rule, "%d" its year). */
static void decider(mb_sqlw *w, const mb_rule *r, const mb_crit *c, int steps)
{
    int any = 0;
    for (int y = r->y1; y <= r->y2; y++) {
        char x[32];
        snprintf(x, sizeof x, "q.v%d", y);
        fprintf(w->f, "%s q.s%d = 2 OR (q.s%d = 1 AND ", any ? " WHEN" : "CASE WHEN", y, y);
        if (steps) {
            if (y == r->y1) fputs("1 = 0", w->f);
            else {
                fputs("(", w->f);
                last_ok(w, r, y, 'v');
                fprintf(w->f, ") IS NOT NULL AND NOT (q.v%d %s (", y, c->dir > 0 ? ">" : "<");
                last_ok(w, r, y, 'v');
                fputs("))", w->f);
            }
        } else {
            fputs("NOT ", w->f);
            mb_sql_holds(w, c, &c->lo, &c->hi, x, NULL);
        }
        fprintf(w->f, ") THEN %d", y);
        any = 1;
    }
    fputs(" END AS ev", w->f);
}

/* CASE ev WHEN y THEN <fmt with y> END (fmt takes the year once) */
static void at_ev(mb_sqlw *w, const mb_rule *r, const char *fmt)
{
    fputs("CASE", w->f);
    for (int y = r->y1; y <= r->y2; y++) {
        fprintf(w->f, " WHEN q.ev = %d THEN ", y);
        fprintf(w->f, fmt, y);
    }
    fputs(" END", w->f);
}

static void years_q(mb_sqlw *w, const mb_rule *r, const mb_crit *c, int steps)
{
    fputs(" FROM (SELECT q.*, ", w->f);
    decider(w, r, c, steps);
    fputs(" FROM (", w->f);
    q_years(w, r);
    fputs(") q) q", w->f);
}

static void each_year(mb_sqlw *w, const mb_rule *r, const mb_crit *c, size_t goal)
{
    fprintf(w->f, "SELECT %zu AS ri, %zu AS gi, q.region, CASE WHEN q.unk = 1 OR q.doubt = 1 THEN 'borderline' "
                  "WHEN q.ev IS NOT NULL THEN ", r->index, goal);
    at_ev(w, r, "CASE WHEN q.s%d = 2 THEN 'error' ELSE 'missed' END");
    fputs(" WHEN ", w->f);
    any_missing(w, r);
    fprintf(w->f, " THEN 'no-data' WHEN q.asof >= %d THEN 'met' WHEN (1 = 0", r->y2);
    for (int y = r->y1; y <= r->y2; y++) fprintf(w->f, " OR q.s%d = 1", y);
    fputs(") THEN 'on-track' ELSE 'no-data' END AS status, CASE WHEN q.ev IS NOT NULL THEN CASE", w->f);
    /* a rejected year: the last usable one before it is shown (eval sets it as it goes) */
    for (int y = r->y1; y <= r->y2; y++) {
        fprintf(w->f, " WHEN q.ev = %d THEN CASE WHEN q.s%d = 1 THEN q.v%d ELSE ", y, y, y);
        last_ok(w, r, y, 'v');
        fputs(" END", w->f);
    }
    fputs(" END ELSE ", w->f);
    last_ok(w, r, r->y2 + 1, 'v');
    fputs(" END AS act, CASE WHEN q.ev IS NOT NULL THEN CASE", w->f);
    for (int y = r->y1; y <= r->y2; y++) {
        fprintf(w->f, " WHEN q.ev = %d THEN CASE WHEN q.s%d = 1 THEN %d ELSE ", y, y, y);
        last_ok(w, r, y, 'y');
        fputs(" END", w->f);
    }
    fputs(" END ELSE ", w->f);
    last_ok(w, r, r->y2 + 1, 'y');
    fputs(" END AS ay, CASE WHEN q.ev IS NOT NULL AND ", w->f);
    at_ev(w, r, "q.s%d");
    fputs(" = 2 THEN NULL ELSE ", w->f);
    mb_sql_num(w, c->named);
    fputs(" END AS tgt", w->f);
    years_q(w, r, c, 0);
}

static void steps(mb_sqlw *w, const mb_rule *r, const mb_crit *c, size_t goal)
{
    fprintf(w->f, "SELECT %zu AS ri, %zu AS gi, q.region, CASE WHEN q.unk = 1 OR q.doubt = 1 THEN 'borderline' "
                  "WHEN q.ev IS NOT NULL THEN ", r->index, goal);
    at_ev(w, r, "CASE WHEN q.s%d = 2 THEN 'error' ELSE 'missed' END");
    fputs(" WHEN ", w->f);
    any_missing(w, r);
    fprintf(w->f, " THEN 'no-data' WHEN q.asof >= %d THEN 'met' WHEN (0", r->y2);
    for (int y = r->y1; y <= r->y2; y++) fprintf(w->f, " + CASE WHEN q.s%d = 1 THEN 1 ELSE 0 END", y);
    fputs(") >= 2 THEN 'on-track' ELSE 'no-data' END AS status, CASE WHEN q.ev IS NOT NULL THEN ", w->f);
    fputs("CASE", w->f);
    for (int y = r->y1; y <= r->y2; y++) fprintf(w->f, " WHEN q.ev = %d AND q.s%d = 1 THEN q.v%d", y, y, y);
    fputs(" END ELSE ", w->f);
    last_ok(w, r, r->y2 + 1, 'v');
    fputs(" END AS act, CASE WHEN q.ev IS NOT NULL THEN ", w->f);
    fputs("CASE", w->f);
    for (int y = r->y1; y <= r->y2; y++) fprintf(w->f, " WHEN q.ev = %d AND q.s%d = 1 THEN %d", y, y, y);
    fputs(" END ELSE ", w->f);
    last_ok(w, r, r->y2 + 1, 'y');
    fputs(" END AS ay, CASE WHEN q.ev IS NOT NULL THEN ", w->f);
    /* a fall: the value before it is the target */
    fputs("CASE", w->f);
    for (int y = r->y1; y <= r->y2; y++) {
        fprintf(w->f, " WHEN q.ev = %d AND q.s%d = 1 THEN ", y, y);
        last_ok(w, r, y, 'v');
    }
    fputs(" END END AS tgt", w->f);
    years_q(w, r, c, 1);
}

/* The sum of the yearly values so far; before the end of the period, the share due by now. */
static void cumulative(mb_sqlw *w, const mb_rule *r, const mb_crit *c, size_t goal)
{
    const char *d = w->d->dbl;
    int n = r->y2 - r->y1 + 1;
    fprintf(w->f, "SELECT %zu AS ri, %zu AS gi, q.region, CASE WHEN q.unk = 1 OR q.doubt = 1 THEN 'borderline' "
                  "WHEN q.bad = 1 THEN 'error' WHEN ", r->index, goal);
    any_missing(w, r);
    fprintf(w->f, " THEN 'no-data' WHEN q.asof < %d THEN 'no-data' WHEN q.asof >= %d THEN CASE WHEN ", r->y1, r->y2);
    mb_sql_holds(w, c, &c->lo, &c->hi, "q.total", NULL);
    fputs(" THEN 'met' ELSE 'missed' END", w->f);
    if (!c->hi.on) {
        fputs(" WHEN ", w->f);
        mb_sql_holds(w, c, &c->lo, &c->hi, "q.total", NULL);
        fputs(" THEN 'on-track'", w->f);
    }
    if (!c->lo.on) {
        fputs(" WHEN NOT ", w->f);
        mb_sql_holds(w, c, &c->lo, &c->hi, "q.total", NULL);
        fputs(" THEN 'missed'", w->f);
    }
    /* due = named × (years so far) / (years), in floating point as eval */
    fputs(" ELSE ", w->f);
    if (c->hi.on) {
        fprintf(w->f, "CASE WHEN CAST(q.total AS %s) <= CAST(", d);
        mb_sql_num(w, c->named);
        fprintf(w->f, " AS %s) * (q.last - %d + 1) / %d THEN 'on-track' ELSE 'needs-acceleration' END", d, r->y1, n);
    } else {
        char *R = NULL;
        size_t len = 0;
        FILE *keep = w->f, *ms = open_memstream(&R, &len);
        if (!ms) { w->inexact = 1; fputs("'borderline'", w->f); }
        else {
            w->f = ms;
            fputs("(CASE WHEN CAST(", w->f);
            mb_sql_num(w, c->named);
            fprintf(w->f, " AS %s) * (q.last - %d + 1) / %d <> 0 THEN CAST(q.total AS %s) / (CAST(", d, r->y1, n, d);
            mb_sql_num(w, c->named);
            fprintf(w->f, " AS %s) * (q.last - %d + 1) / %d) ELSE 1 END)", d, r->y1, n);
            fclose(ms);
            w->f = keep;
            mb_sql_klass(w, R);
        }
        free(R);
    }
    fputs(" END AS status", w->f);
    fputs(", CASE WHEN q.bad = 1 OR q.asof < ", w->f);
    fprintf(w->f, "%d OR ", r->y1);
    any_missing(w, r);
    fprintf(w->f, " THEN NULL ELSE q.total END AS act, CASE WHEN q.bad = 1 OR q.asof < %d OR ", r->y1);
    any_missing(w, r);
    fputs(" THEN NULL ELSE q.last END AS ay, CASE WHEN q.bad = 1 OR q.asof < ", w->f);
    fprintf(w->f, "%d OR ", r->y1);
    any_missing(w, r);
    fputs(" THEN NULL ELSE ", w->f);
    mb_sql_num(w, c->named);
    fputs(" END AS tgt FROM (SELECT q.*, (0", w->f);
    for (int y = r->y1; y <= r->y2; y++) fprintf(w->f, " + COALESCE(q.v%d, 0)", y);
    fprintf(w->f, ") AS total, CASE WHEN q.asof < %d THEN q.asof ELSE %d END AS last, CASE WHEN (1 = 0", r->y2, r->y2);
    for (int y = r->y1; y <= r->y2; y++) fprintf(w->f, " OR q.s%d = 2", y);
    fputs(") THEN 1 ELSE 0 END AS bad FROM (", w->f);
    q_years(w, r);
    fputs(") q) q", w->f);
}

void mb_sql_years(mb_sqlw *w, const mb_rule *r, size_t goal)
{
    const mb_crit *c = &r->crit[goal];
    if (c->kind == MB_CRIT_EACH) each_year(w, r, c, goal);
    else if (c->kind == MB_CRIT_STEPS) steps(w, r, c, goal);
    else cumulative(w, r, c, goal);
}
