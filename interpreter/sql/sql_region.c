/* sql_region.c — a value against the same indicator of a reference region (eval.c
 * above_region): at the deadline that year only; before it, the latest of the last ten
 * years where both have a value, as a sign of where things stand. */
#include "sql_w.h"

/* Years looked at, latest first: the deadline once reached, else the ten years to the as-of. */
static void window(mb_sqlw *w, const mb_crit *c, int y)
{
    fprintf(w->f, "(CASE WHEN q.asof >= %d THEN %d = %d ELSE %d <= q.asof AND %d >= q.asof - 10 END)", c->year, y,
            c->year, y, y);
}

/* The year that decides: the latest in the window with both values, or a rejected one. eval
 * looks for none when the reference region is not in the data. */
static void decider(mb_sqlw *w, const mb_rule *r, const mb_crit *c)
{
    int first = w->L->first_year[r->ind->index], n = w->L->nyears[r->ind->index];
    fputs("CASE WHEN 1 = 0 THEN 0", w->f);
    for (int y = first + n - 1; first && y >= first; y--) {
        fputs(" WHEN q.rn > 0 AND ", w->f);
        window(w, c, y);
        fprintf(w->f, " AND (q.xs%d = 2 OR q.zs%d = 2 OR (q.xs%d = 1 AND q.zs%d = 1)) THEN %d", y, y, y, y, y);
    }
    fputs(" END AS ev", w->f);
}

static void pick(mb_sqlw *w, const mb_rule *r, const char *col)
{
    int first = w->L->first_year[r->ind->index], n = w->L->nyears[r->ind->index];
    fputs(", CASE WHEN 1 = 0 THEN NULL", w->f);
    for (int y = first; first && y < first + n; y++) fprintf(w->f, " WHEN q.ev = %d THEN q.%s%d", y, col, y);
    fprintf(w->f, " END AS %s", col);
}

static void level_q(mb_sqlw *w, const mb_rule *r)
{
    int first = w->L->first_year[r->ind->index], n = w->L->nyears[r->ind->index];
    fputs("SELECT r.region, a.asof, a.doubt, rx.n AS rn, CASE WHEN COALESCE(p.unk, 0) = 1 OR COALESCE(pr.unk, 0) = 1 "
          "THEN 1 ELSE 0 END AS unk", w->f);
    for (int y = first; first && y < first + n; y++)
        fprintf(w->f, ", p.v%d AS xv%d, p.s%d AS xs%d, pr.v%d AS zv%d, pr.s%d AS zs%d", y, y, y, y, y, y, y, y);
    mb_sql_from(w, r, 1);
}

static void status(mb_sqlw *w, const mb_crit *c)
{
    const mb_rule *r = w->rule;
    fputs("CASE WHEN q.region = ", w->f);
    mb_sql_str(w, r->region_key);
    fputs(" THEN 'not-assessable' WHEN q.unk = 1 OR q.doubt = 1 THEN 'borderline' WHEN q.ev IS NULL THEN 'no-data' "
          "WHEN q.xs = 2 OR q.zs = 2 THEN 'error' WHEN ", w->f);
    mb_sql_holds(w, c, &c->lo, &c->hi, "q.xv", "q.zv");
    fprintf(w->f, " THEN CASE WHEN q.asof >= %d THEN 'met' ELSE 'on-track' END ELSE CASE WHEN q.asof >= %d THEN "
                  "'missed' ELSE 'needs-acceleration' END END", c->year, c->year);
}

void mb_sql_region(mb_sqlw *w, const mb_rule *r, size_t goal)
{
    const mb_crit *c = &r->crit[goal];
    fprintf(w->f, "SELECT %zu AS ri, %zu AS gi, q.region, ", r->index, goal);
    w->rule = r;
    mb_sql_doubtful(w, c, status);
    fputs(" AS status, ", w->f);
    fputs("CASE WHEN q.region <> ", w->f);
    mb_sql_str(w, r->region_key);
    fputs(" AND q.xs = 1 AND q.zs = 1 THEN q.xv END AS act, CASE WHEN q.region <> ", w->f);
    mb_sql_str(w, r->region_key);
    fputs(" AND q.xs = 1 AND q.zs = 1 THEN q.ev END AS ay, CASE WHEN q.region <> ", w->f);
    mb_sql_str(w, r->region_key);
    fputs(" AND q.xs = 1 AND q.zs = 1 THEN ", w->f);
    mb_sql_target(w, c, "q.zv");
    fputs(" END AS tgt FROM (SELECT q.region, q.asof, q.doubt, q.unk, q.ev", w->f);
    pick(w, r, "xv");
    pick(w, r, "xs");
    pick(w, r, "zv");
    pick(w, r, "zs");
    fputs(" FROM (SELECT q.*, ", w->f);
    decider(w, r, c);
    fputs(" FROM (", w->f);
    level_q(w, r);
    fputs(") q) q) q", w->f);
}
