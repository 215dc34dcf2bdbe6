/* sql_common.c — what the forms share: the pivot of an indicator's years, the regions a rule
 * is evaluated for, bounds, and the progress classes. */
#include <stdlib.h>
#include <string.h>

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

void mb_sql_subcol(mb_sqlw *w, const char *alias, const mb_indicator *ind, int year, int sub, char vs)
{
    int first = ind && !ind->derived ? w->L->sub_first[ind->index] : 0;
    int n = ind && !ind->derived ? w->L->sub_nyears[ind->index] : 0;
    if (!sub) { mb_sql_col(w, alias, ind, year, vs); return; }
    if (n && year >= first && year < first + n) {
        fprintf(w->f, "%s.", alias);
        mb_sql_subname(w->f, vs, year, sub);
    } else if (vs == 'v') fprintf(w->f, "CAST(NULL AS %s)", w->d->num);
    else fputs("CAST(NULL AS INTEGER)", w->f);
}

int mb_sql_period_code(int year, int sub) { return sub ? year * 100 + sub : year; }

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
    /* the target's own regions, else its plan's (eval.c, mb_eval_regions) */
    const mb_str *rg = r->nregions ? r->regions : r->plan ? r->plan->regions : NULL;
    size_t n = r->nregions ? r->nregions : r->plan ? r->plan->nregions : 0;
    if (!n) return;
    fputs(" WHERE r.region IN (", w->f);
    for (size_t i = 0; i < n; i++) {
        if (i) fputs(", ", w->f);
        mb_sql_str(w, rg[i].key);
    }
    fputs(")", w->f);
}

/* The factor of a scaled bound as it goes into the script (v, or v^years, computed here
 * exactly). In an exact dialect with arbitrary precision it is written as it is. In a dialect
 * of fixed scale (DECIMAL(38,12)) a product keeps 12 + the factor's decimals of 38 digits: a
 * factor with more than MB_SQL_KSCALE decimals, or one that is no terminating decimal (1/3),
 * is bounded by its truncation t ± 10^-k, and products are only taken of values small enough
 * not to overflow (rb, rx: the powers of ten a base and a compared value must stay below). */
enum { MB_SQL_KSCALE = 10, MB_SQL_PSCALE = 20 };

typedef struct factor {
    char k[MB_NUM_BUF], lo[MB_NUM_BUF], hi[MB_NUM_BUF];
    int bounded, ok, rb, rx;
} factor;

static int decimals(const char *s)
{
    const char *p = strchr(s, '.');
    return p ? (int)strlen(p + 1) : 0;
}

static int int_digits(const char *s)
{
    if (*s == '-') s++;
    int n = 0;
    while (s[n] >= '0' && s[n] <= '9') n++;
    return n == 1 && s[0] == '0' ? 0 : n;
}

static factor get_factor(mb_sqlw *w, const mb_crit *c, mb_num v)
{
    factor F = {.ok = 1};
    unsigned n = c->scale == MB_SCALE_COMPOUND ? c->years : 1;
    mb_num f = v;
    if (n > 1 && mb_num_pow(v, n, &f)) { F.ok = 0; return F; }
    int k = w->d->fixed ? MB_SQL_KSCALE : MB_SQL_PSCALE, exact = 1;
    mb_num_format(f, k + 1, F.k, &exact);
    if (strchr(F.k, 'e')) { F.ok = 0; return F; }
    if (!w->d->exact) { /* approximate dialects: the factor as it is, a fraction left to eval */
        F.ok = exact;
        F.rb = F.rx = 26; /* and no range guards */
        return F;
    }
    if (!exact || (w->d->fixed && decimals(F.k) > k)) {
        char *p = strchr(F.k, '.');
        if (p && (int)strlen(p + 1) > k) p[1 + k] = 0;
        mb_num t, u = mb_num_dec(1, k), a, b;
        if (mb_num_parse(F.k, strlen(F.k), 0, &t) || mb_num_sub(t, u, &a) || mb_num_add(t, u, &b)) {
            F.ok = 0;
            return F;
        }
        mb_num_format(a, k, F.lo, NULL);
        mb_num_format(b, k, F.hi, NULL);
        F.bounded = 1;
    }
    if (w->d->fixed) {
        const char *big = F.bounded ? (int_digits(F.lo) > int_digits(F.hi) ? F.lo : F.hi) : F.k;
        int s = F.bounded ? k : decimals(F.k);
        F.rx = 26 - s;
        F.rb = 26 - s - int_digits(big);
        if (F.rb < 1) F.ok = 0;
        if (s > w->kscale) w->kscale = s;
    }
    return F;
}

static void pow10_lit(FILE *f, int e)
{
    fputc('1', f);
    for (int i = 0; i < e; i++) fputc('0', f);
}

static void lit(FILE *f, const char *s) { fprintf(f, s[0] == '-' ? "(%s)" : "%s", s); }

/* v × base: exact; a bounded factor gives the least (mode 'L') or greatest ('G') product of
 * its two ends, or (mode 0, for display and pace) its truncation; NULL past the range. */
static void scaled(mb_sqlw *w, const mb_crit *c, mb_num v, const char *b, char mode)
{
    if (c->scale == MB_SCALE_OFFSET) { /* percentage points: base + v, a sum of decimals, exact */
        fprintf(w->f, "(%s + ", b);
        mb_sql_num(w, v);
        fputc(')', w->f);
        return;
    }
    factor F = get_factor(w, c, v);
    if (!F.ok) { /* eval shows such a target rounded: the rule is left to it */
        w->inexact = 1;
        fprintf(w->f, "(1 * %s)", b);
        return;
    }
    if (F.bounded) w->bounded = 1;
    int guard = w->d->fixed && F.rb < 26; /* a value of DECIMAL(38,12) is below 10^26 */
    if (guard) {
        fprintf(w->f, "(CASE WHEN ABS(%s) < ", b);
        pow10_lit(w->f, F.rb);
        fputs(" THEN ", w->f);
    } else fputc('(', w->f);
    if (F.bounded && mode) {
        fputs(mode == 'L' ? "LEAST(" : "GREATEST(", w->f);
        lit(w->f, F.lo);
        fprintf(w->f, " * %s, ", b);
        lit(w->f, F.hi);
        fprintf(w->f, " * %s)", b);
    } else {
        lit(w->f, F.k);
        fprintf(w->f, " * %s", b);
    }
    fputs(guard ? " END)" : ")", w->f);
}

void mb_sql_bound(mb_sqlw *w, const mb_crit *c, const mb_limit *l, const char *b)
{
    if (c->scale == MB_SCALE_NONE) mb_sql_num(w, l->v);
    else scaled(w, c, l->v, b, 0);
}

void mb_sql_target(mb_sqlw *w, const mb_crit *c, const char *b)
{
    if (c->scale == MB_SCALE_NONE) mb_sql_num(w, c->named);
    else scaled(w, c, c->named, b, 0);
}

/* x compared with a product of scale s is brought to that scale: NULL past its range. */
static void guarded(mb_sqlw *w, const mb_crit *c, const mb_limit *l, const char *x)
{
    int product = c->scale == MB_SCALE_BASE || c->scale == MB_SCALE_COMPOUND;
    factor F = product && w->d->fixed ? get_factor(w, c, l->v) : (factor){.ok = 0};
    if (!F.ok || F.rx >= 26) { fputs(x, w->f); return; }
    fprintf(w->f, "(CASE WHEN ABS(%s) < ", x);
    pow10_lit(w->f, F.rx);
    fprintf(w->f, " THEN %s END)", x);
}

/* pess: the version that holds only when the exact one does (opt: holds whenever it does). */
static void holds(mb_sqlw *w, const mb_crit *c, const mb_limit *lo, const mb_limit *hi, const char *x,
                  const char *b, int pess)
{
    fputc('(', w->f);
    if (lo->on) {
        guarded(w, c, lo, x);
        fprintf(w->f, " %s ", lo->strict ? ">" : ">=");
        if (c->scale == MB_SCALE_NONE) mb_sql_num(w, lo->v);
        else scaled(w, c, lo->v, b, pess ? 'G' : 'L');
    }
    if (lo->on && hi->on) fputs(" AND ", w->f);
    if (hi->on) {
        guarded(w, c, hi, x);
        fprintf(w->f, " %s ", hi->strict ? "<" : "<=");
        if (c->scale == MB_SCALE_NONE) mb_sql_num(w, hi->v);
        else scaled(w, c, hi->v, b, pess ? 'L' : 'G');
    }
    if (!lo->on && !hi->on) fputs("1 = 1", w->f);
    fputc(')', w->f);
}

/* Where the doubts of a verdict are collected (mb_sql_doubtful), a scaled comparison adds
 * its own: the two ends of a bounded factor decide differently, or a value is past the range
 * the dialect's products hold. */
static void doubt(mb_sqlw *w, const mb_crit *c, const mb_limit *lo, const mb_limit *hi, const char *x,
                  const char *b)
{
    FILE *keep = w->f;
    w->f = w->doubt;
    int bounded = 0;
    for (int i = 0; i < 2; i++) {
        const mb_limit *l = i ? hi : lo;
        if (l->on) bounded |= get_factor(w, c, l->v).bounded;
    }
    if (bounded) {
        fputs(" OR (CASE WHEN ", w->f);
        holds(w, c, lo, hi, x, b, 1);
        fputs(" THEN 1 ELSE 0 END) <> (CASE WHEN ", w->f);
        holds(w, c, lo, hi, x, b, 0);
        fputs(" THEN 1 ELSE 0 END)", w->f);
    }
    for (int i = 0; w->d->fixed && i < 2; i++) {
        const mb_limit *l = i ? hi : lo;
        if (!l->on) continue;
        factor F = get_factor(w, c, l->v);
        if (!F.ok) continue;
        if (F.rx < 26) {
            fprintf(w->f, " OR ABS(%s) >= ", x);
            pow10_lit(w->f, F.rx);
        }
        if (F.rb < 26) {
            fprintf(w->f, " OR ABS(%s) >= ", b);
            pow10_lit(w->f, F.rb);
        }
    }
    w->f = keep;
}

void mb_sql_holds(mb_sqlw *w, const mb_crit *c, const mb_limit *lo, const mb_limit *hi, const char *x,
                  const char *b)
{
    holds(w, c, lo, hi, x, b, 1);
    /* only a product can be bounded or past the range (a sum of points cannot) */
    int product = c->scale == MB_SCALE_BASE || c->scale == MB_SCALE_COMPOUND;
    if (w->doubt && b && product && w->d->exact) doubt(w, c, lo, hi, x, b);
}

void mb_sql_doubtful(mb_sqlw *w, const mb_crit *c, void (*status)(mb_sqlw *, const mb_crit *))
{
    char *st = NULL, *db = NULL;
    size_t nst = 0, ndb = 0;
    FILE *keep = w->f, *S = open_memstream(&st, &nst), *D = open_memstream(&db, &ndb);
    if (!S || !D) {
        if (S) fclose(S);
        if (D) fclose(D);
        free(st);
        free(db);
        w->inexact = 1;
        fputs("'borderline'", w->f);
        return;
    }
    w->f = S;
    w->doubt = D;
    status(w, c);
    w->doubt = NULL;
    w->f = keep;
    int bad = fclose(S) | fclose(D);
    if (bad) w->inexact = 1;
    if (ndb) {
        fputs("CASE WHEN (1 = 0", w->f);
        fwrite(db, 1, ndb, w->f);
        fputs(") THEN 'borderline' ELSE ", w->f);
    }
    fwrite(st, 1, nst, w->f);
    if (ndb) fputs(" END", w->f);
    free(st);
    free(db);
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
