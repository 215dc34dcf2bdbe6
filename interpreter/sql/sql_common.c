/* sql_common.c — what the forms share: the pivot of an indicator's years, the regions a rule
 * is evaluated for, bounds, and the progress classes. */
#include "sql_w.h"

int mb_sql_in_layout(const mb_sqlw *w, const mb_indicator *ind, int year)
{
    int first = w->L->first_year[ind->index];
    return first && year >= first && year < first + w->L->nyears[ind->index];
}

void mb_sql_col(mb_sqlw *w, const char *alias, const mb_indicator *ind, int year, char vs)
{
    if (ind && mb_sql_in_layout(w, ind, year)) fprintf(w->f, "%s.%c%d", alias, vs, year);
    else if (vs == 'v') fprintf(w->f, "CAST(NULL AS %s)", w->d->num);
    else fputs("CAST(NULL AS INTEGER)", w->f);
}

void mb_sql_from(mb_sqlw *w, const mb_rule *r, int ref)
{
    fputs(" FROM mb_regions r CROSS JOIN mb_asof a", w->f);
    if (r->ind && ref >= 0) fprintf(w->f, " LEFT JOIN mb_p%zu p ON p.region = r.region", r->ind->index);
    if (ref > 0) {
        fprintf(w->f, " LEFT JOIN mb_p%zu pr ON pr.region = ", r->ind->index);
        mb_sql_str(w, r->region_key);
        fputs(" CROSS JOIN (SELECT COUNT(*) AS n FROM mb_regions WHERE region = ", w->f);
        mb_sql_str(w, r->region_key);
        fputs(") rx", w->f);
    }
    const mb_plan *p = r->plan;
    if (!p || !p->nregions) return;
    fputs(" WHERE r.region IN (", w->f);
    for (size_t i = 0; i < p->nregions; i++) {
        if (i) fputs(", ", w->f);
        mb_sql_str(w, p->regions[i].key);
    }
    fputs(")", w->f);
}

/* v × base, or v^years × base. The power is computed here, exactly. One that needs more than
 * 128 bits is multiplied out factor by factor, but eval shows such a target rounded: the rule
 * is marked, so its verdicts are left to eval. */
static void scaled(mb_sqlw *w, const mb_crit *c, mb_num v, const char *b)
{
    unsigned n = c->scale == MB_SCALE_COMPOUND ? c->years : 1;
    mb_num f = v;
    if (n > 1 && mb_num_pow(v, n, &f)) {
        w->inexact = 1;
        if (!w->d->exact || n > 200) n = 1;
        fputc('(', w->f);
        for (unsigned i = 0; i < n; i++) {
            if (i) fputs(" * ", w->f);
            mb_sql_num(w, v);
        }
        fprintf(w->f, " * %s)", b);
        return;
    }
    fputc('(', w->f);
    mb_sql_num(w, f);
    fprintf(w->f, " * %s)", b);
}

void mb_sql_bound(mb_sqlw *w, const mb_crit *c, const mb_limit *l, const char *b)
{
    if (c->scale == MB_SCALE_NONE) mb_sql_num(w, l->v);
    else scaled(w, c, l->v, b);
}

void mb_sql_target(mb_sqlw *w, const mb_crit *c, const char *b)
{
    if (c->scale == MB_SCALE_NONE) mb_sql_num(w, c->named);
    else scaled(w, c, c->named, b);
}

void mb_sql_holds(mb_sqlw *w, const mb_crit *c, const mb_limit *lo, const mb_limit *hi, const char *x,
                  const char *b)
{
    fputc('(', w->f);
    if (lo->on) {
        fprintf(w->f, "%s %s ", x, lo->strict ? ">" : ">=");
        mb_sql_bound(w, c, lo, b);
    }
    if (lo->on && hi->on) fputs(" AND ", w->f);
    if (hi->on) {
        fprintf(w->f, "%s %s ", x, hi->strict ? "<" : "<=");
        mb_sql_bound(w, c, hi, b);
    }
    if (!lo->on && !hi->on) fputs("1 = 1", w->f);
    fputc(')', w->f);
}

void mb_sql_dbl(mb_sqlw *w, const char *x) { fprintf(w->f, "CAST(%s AS %s)", x, w->d->dbl); }

/* eval.c klass(): R ≥ 0.95 on track, ≥ 0.60 needs acceleration, ≥ 0 limited, else regressing. */
void mb_sql_klass(mb_sqlw *w, const char *R)
{
    const char *d = w->d->dbl;
    fprintf(w->f, "CASE WHEN %s >= CAST(0.95 AS %s) THEN 'on-track' WHEN %s >= CAST(0.60 AS %s) THEN "
                  "'needs-acceleration' WHEN %s >= 0 THEN 'limited-progress' ELSE 'regressing' END",
            R, d, R, d, R);
}
