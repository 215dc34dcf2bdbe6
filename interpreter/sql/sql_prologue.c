/* sql_prologue.c — the script up to the verdicts: the names and units the data may use, the
 * rows as eval reads them (periods, unit conversion, data checks), the as-of, the stored
 * values per region, indicator and year with their state, and one row per region and
 * indicator holding its years (the pivot every rule reads). */
#include <string.h>

#include "period.h"
#include "sql_w.h"

/* mb_names(name, ind): an indicator is named by its id or its printed name (NFKC). */
static void names(mb_sqlw *w)
{
    fputs("mb_names(name, ind) AS (VALUES ", w->f);
    for (size_t i = 0; i < w->m->ninds; i++) {
        const mb_indicator *ind = w->m->inds[i];
        if (ind->derived) continue;
        fputs("(", w->f);
        mb_sql_str(w, ind->id);
        fprintf(w->f, ", %zu), ", ind->index);
        if (ind->name_key && strcmp(ind->name_key, ind->id)) {
            fputs("(", w->f);
            mb_sql_str(w, ind->name_key);
            fprintf(w->f, ", %zu), ", ind->index);
        }
    }
    fputs("(NULL, NULL))", w->f);
}

/* The spellings of a unit of the same kind with scale words: 万元 and 亿元 for 元. Only the
 * first word takes a scale here; any other unit in the data is not guessed at: its rows make
 * the verdicts that read them borderline. */
static const struct { const char *w; int shift; } SCALES[] = {
    {"", 0}, {"十", 1}, {"百", 2}, {"千", 3}, {"万", 4}, {"亿", 8}, {"万亿", 12},
};

/* k: the value × 10^k is in the indicator's unit (eval converts by powers of ten only). */
static void unit_row(mb_sqlw *w, const mb_indicator *ind, const char *text, int k)
{
    fprintf(w->f, "(%zu, ", ind->index);
    mb_sql_str(w, text);
    fprintf(w->f, ", %d), ", k);
    w->shift_seen[k + 12] = 1;
}

/* f as a power of ten, or -99 when it is none within 10^±12. */
static int power_of_ten(mb_num f)
{
    f = mb_num_reduce(f);
    int k = 0;
    while (f.den == 1 && f.num % 10 == 0 && k < 12) { f.num /= 10; k++; }
    while (f.num == 1 && f.den % 10 == 0 && k > -12) { f.den /= 10; k--; }
    return f.num == 1 && f.den == 1 ? k : -99;
}

static void units(mb_sqlw *w)
{
    fputs(",\nmb_units(ind, unit, k) AS (VALUES ", w->f);
    for (size_t i = 0; i < w->m->ninds; i++) {
        const mb_indicator *ind = w->m->inds[i];
        if (ind->derived) continue;
        unit_row(w, ind, "", 0);
        const char *base = ind->unit.base;
        if (!base[0] || strchr(base, '/')) {
            if (ind->unit.text[0]) unit_row(w, ind, ind->unit.text, 0);
            continue;
        }
        for (size_t k = 0; k < sizeof SCALES / sizeof *SCALES; k++) {
            char text[160];
            snprintf(text, sizeof text, "%s%s", SCALES[k].w, base);
            mb_unit u;
            mb_num f;
            if (mb_unit_parse(text, &u) || !mb_unit_same_base(&u, &ind->unit)) continue;
            if (mb_num_div(u.scale, ind->unit.scale, &f) || power_of_ten(f) == -99) continue;
            unit_row(w, ind, text, power_of_ten(f));
        }
    }
    fputs("(NULL, NULL, NULL))", w->f);
}

/* mb_layout(ind, y1, y2): the years eval keeps of each indicator. */
static void layout(mb_sqlw *w)
{
    fputs(",\nmb_layout(ind, y1, y2) AS (VALUES ", w->f);
    for (size_t i = 0; i < w->m->ninds; i++) {
        int first = w->L->first_year[i];
        if (first && !w->m->inds[i]->derived) fprintf(w->f, "(%zu, %d, %d), ", i, first, first + w->L->nyears[i] - 1);
    }
    fputs("(NULL, NULL, NULL))", w->f);
}

/* mb_slayout(ind, y1, y2): the years whose quarters and months eval keeps of an indicator
 * (only those a rule reads by them: a target due in one, a flow or stock before the year ends). */
static void sub_layout(mb_sqlw *w)
{
    fputs(",\nmb_slayout(ind, y1, y2) AS (VALUES ", w->f);
    for (size_t i = 0; i < w->m->ninds; i++) {
        int first = w->L->sub_first[i];
        if (w->L->sub_nyears[i] && !w->m->inds[i]->derived)
            fprintf(w->f, "(%zu, %d, %d), ", i, first, first + w->L->sub_nyears[i] - 1);
    }
    /* typed: with no other row, an untyped NULL would be text to PostgreSQL */
    fputs("(CAST(NULL AS INTEGER), CAST(NULL AS INTEGER), CAST(NULL AS INTEGER)))", w->f);
}

/* A data check on single values fails: the row is rejected. */
static void check_fails(mb_sqlw *w)
{
    fputs("CASE WHEN v IS NULL AND unk = 0 THEN 1", w->f);
    for (size_t i = 0; i < w->m->nchecks; i++) {
        const mb_check *k = w->m->checks[i];
        if (k->kind == MB_DC_CMP_IND) continue;
        fprintf(w->f, " WHEN ind = %zu AND unk = 0 AND ", k->ind->index);
        if (k->kind == MB_DC_INTEGER) fputs("v <> FLOOR(v)", w->f);
        else if (k->kind == MB_DC_BETWEEN) {
            fputs("(v < ", w->f);
            mb_sql_num(w, k->a);
            fputs(" OR v > ", w->f);
            mb_sql_num(w, k->b);
            fputs(")", w->f);
        } else {
            fprintf(w->f, "NOT (v %s ", mb_cmp_str(k->cmp));
            mb_sql_num(w, k->a);
            fputs(")", w->f);
        }
        fputs(" THEN 1", w->f);
    }
    fputs(" ELSE 0 END", w->f);
}

/* The value in the indicator's unit: × 10^k, by a literal (an exact decimal in every engine). */
static void converted(mb_sqlw *w)
{
    fprintf(w->f, "CASE u.k");
    for (int k = -12; k <= 12; k++) {
        if (!w->shift_seen[k + 12]) continue;
        fprintf(w->f, " WHEN %d THEN x.x", k);
        if (k) fputs(k > 0 ? " * 1" : " * 0.", w->f);
        for (int i = 1; i < (k > 0 ? k + 1 : -k); i++) fputc('0', w->f);
        if (k < 0) fputc('1', w->f);
    }
    fputs(" END", w->f);
}

static void rows(mb_sqlw *w)
{
    const mb_sql_dialect *d = w->d;
    fprintf(w->f, ",\nmb_rows0 AS (SELECT x.region, x.ind, x.per, CAST(");
    converted(w);
    fprintf(w->f, " AS %s) AS v, CASE WHEN u.k IS NULL THEN 1 ", d->num);
    if (d->fixed) {
        /* a converted value with more decimals than the type keeps: not guessed at */
        fprintf(w->f, "WHEN CAST(");
        converted(w);
        fprintf(w->f, " AS %s) <> ", d->num);
        converted(w);
        fputs(" THEN 1 WHEN x.x IS NOT NULL AND NOT ", w->f);
        /* the value's own text: a column of text or of a wider decimal may hold more digits */
        d->match(w->f, "x.xt", MB_SQL_NUM12);
        fputs(" THEN 1 ", w->f);
    }
    fputs("ELSE 0 END AS unk FROM (SELECT TRIM(o.", w->f);
    mb_sql_ident(w, "region");
    fputs(") AS region, n.ind, TRIM(o.", w->f);
    mb_sql_ident(w, "period");
    fprintf(w->f, ") AS per, CAST(o.");
    mb_sql_ident(w, "value");
    fprintf(w->f, " AS %s) AS x, TRIM(CAST(o.", d->num);
    mb_sql_ident(w, "value");
    fprintf(w->f, " AS %s)) AS xt, COALESCE(TRIM(o.", d->str);
    mb_sql_ident(w, "unit");
    fputs("), '') AS unit FROM ", w->f);
    mb_sql_ident(w, w->o->table);
    fputs(" o JOIN mb_names n ON n.name = TRIM(o.", w->f);
    mb_sql_ident(w, "indicator");
    fputs(") WHERE TRIM(o.", w->f);
    mb_sql_ident(w, "region");
    fputs(") <> '') x LEFT JOIN mb_units u ON u.ind = x.ind AND u.unit = x.unit)", w->f);
    /* the period: year and month (0 for a whole year) */
    fputs(",\nmb_rows1 AS (SELECT region, ind, per, v, unk, CASE WHEN ", w->f);
    d->match(w->f, "per", MB_SQL_PERIOD_YEAR);
    fputs(" OR ", w->f);
    d->match(w->f, "per", MB_SQL_PERIOD_QUARTER);
    fputs(" OR ", w->f);
    d->match(w->f, "per", MB_SQL_PERIOD_MONTH);
    fputs(" THEN CAST(SUBSTR(per, 1, 4) AS INTEGER) END AS y, CASE WHEN ", w->f);
    d->match(w->f, "per", MB_SQL_PERIOD_YEAR);
    fputs(" THEN 0 WHEN ", w->f);
    d->match(w->f, "per", MB_SQL_PERIOD_QUARTER);
    fputs(" THEN 3 * CAST(SUBSTR(per, LENGTH(per), 1) AS INTEGER) WHEN ", w->f);
    d->match(w->f, "per", MB_SQL_PERIOD_MONTH);
    fputs(" THEN CAST(SUBSTR(per, 6, 2) AS INTEGER) END AS mo, CASE WHEN ", w->f);
    /* the part of the year: 0 the year, 1..12 a month, 13..16 a quarter (period.h's codes) */
    d->match(w->f, "per", MB_SQL_PERIOD_QUARTER);
    fputs(" THEN 12 + CAST(SUBSTR(per, LENGTH(per), 1) AS INTEGER) WHEN ", w->f);
    d->match(w->f, "per", MB_SQL_PERIOD_MONTH);
    fputs(" THEN CAST(SUBSTR(per, 6, 2) AS INTEGER) ELSE 0 END AS sb FROM mb_rows0)", w->f);
    fputs(",\nmb_rows AS (SELECT region, ind, y, mo, sb, v, unk, ", w->f);
    check_fails(w);
    fputs(" AS bad, y * 100 + CASE WHEN mo = 0 THEN 12 ELSE mo END AS pkey FROM mb_rows1 "
          "WHERE y BETWEEN 1900 AND 2999)", w->f);
}

/* The last whole year taken into account: --as-of, else the latest period in the data (a
 * month before December counts up to the year before). When a row whose unit the script does
 * not know is later, or the latest period is past every deadline and the current year (eval
 * warns and picks another), every verdict is borderline. */
static void asof(mb_sqlw *w, int horizon)
{
    if (w->o->as_of_key) {
        int k = w->o->as_of_key;
        fprintf(w->f, ",\nmb_asof AS (SELECT %d AS asof, %d AS ak, 0 AS doubt)", k % 100 == 12 ? k / 100 : k / 100 - 1,
                k);
        return;
    }
    /* ak: the latest period itself (year * 100 + its last month), for quarters and months */
    fputs(",\nmb_asof AS (SELECT COALESCE(MAX(CASE WHEN unk = 0 AND bad = 0 THEN CASE WHEN mo IN (0, 12) THEN y "
          "ELSE y - 1 END END), 0) AS asof, COALESCE(MAX(CASE WHEN unk = 0 AND bad = 0 THEN pkey END), 0) AS ak, "
          "CASE WHEN MAX(CASE WHEN unk = 1 THEN pkey END) > "
          "COALESCE(MAX(CASE WHEN unk = 0 AND bad = 0 THEN pkey END), 0) THEN 1 ", w->f);
    fprintf(w->f, "WHEN MAX(CASE WHEN unk = 0 AND bad = 0 THEN y END) > %d THEN 1 ELSE 0 END AS doubt FROM mb_rows)",
            horizon);
}

/* Part ≤ whole and other checks between two indicators: both values are rejected. */
static void pair_checks(mb_sqlw *w)
{
    fputs(",\nmb_pairbad(region, ind, y) AS (SELECT CAST(NULL AS TEXT), CAST(NULL AS INTEGER), CAST(NULL AS INTEGER)", w->f);
    fputs(" WHERE 1 = 0", w->f);
    for (size_t i = 0; i < w->m->nchecks; i++) {
        const mb_check *k = w->m->checks[i];
        if (k->kind != MB_DC_CMP_IND || !k->other || k->other->derived || k->ind->derived) continue;
        mb_num f;
        if (mb_num_div(k->other->unit.scale, k->ind->unit.scale, &f)) { w->inexact = 1; continue; }
        for (int side = 0; side < 2; side++) {
            fprintf(w->f, " UNION ALL SELECT a.region, %zu, a.y FROM mb_obs0 a JOIN mb_obs0 b ON b.region = a.region "
                          "AND b.y = a.y AND b.ind = %zu JOIN mb_layout l ON l.ind = %zu AND a.y BETWEEN l.y1 AND l.y2 "
                          "WHERE a.ind = %zu AND a.st = 1 AND b.st = 1 AND NOT (a.v %s b.v * ",
                    (side ? k->other : k->ind)->index, k->other->index, k->ind->index, k->ind->index,
                    mb_cmp_str(k->cmp));
            mb_sql_num(w, f);
            fputs(")", w->f);
        }
    }
    fputs(")", w->f);
}

static void obs(mb_sqlw *w)
{
    fputs(",\nmb_obs0 AS (SELECT r.region, r.ind, r.y, MIN(r.v) AS v, CASE WHEN MAX(r.bad) = 1 OR MIN(r.v) <> MAX(r.v) "
          "THEN 2 WHEN MAX(r.unk) = 1 THEN 3 ELSE 1 END AS st FROM mb_rows r JOIN mb_layout l ON l.ind = r.ind AND "
          "r.y BETWEEN l.y1 AND l.y2 WHERE r.mo = 0 GROUP BY r.region, r.ind, r.y)", w->f);
    pair_checks(w);
    /* quarters and months: no check between indicators reads them (eval checks years only) */
    fputs(",\nmb_sobs AS (SELECT r.region, r.ind, r.y, r.sb, MIN(r.pkey) AS pk, MIN(r.v) AS v, CASE WHEN "
          "MAX(r.bad) = 1 OR MIN(r.v) <> MAX(r.v) THEN 2 WHEN MAX(r.unk) = 1 THEN 3 ELSE 1 END AS st FROM mb_rows r "
          "JOIN mb_slayout l ON l.ind = r.ind AND r.y BETWEEN l.y1 AND l.y2 WHERE r.sb > 0 "
          "GROUP BY r.region, r.ind, r.y, r.sb)", w->f);
    fputs(",\nmb_obs AS (SELECT o.region, o.ind, o.y, o.v, CASE WHEN o.st = 1 AND EXISTS (SELECT 1 FROM mb_pairbad b "
          "WHERE b.region = o.region AND b.ind = o.ind AND b.y = o.y) THEN 2 ELSE o.st END AS st FROM mb_obs0 o)", w->f);
}

static int any_sub(const mb_sqlw *w)
{
    for (size_t i = 0; i < w->m->ninds; i++)
        if (w->L->sub_nyears[i] && !w->m->inds[i]->derived) return 1;
    return 0;
}

/* Every plan's regions, and with a plan that names none every region in the data; the
 * regions compared with are known too (eval keeps them). */
static void regions(mb_sqlw *w)
{
    fputs(",\nmb_regions0(region, name) AS (VALUES ", w->f);
    for (size_t p = 0; p < w->m->nplans; p++)
        for (size_t i = 0; i < w->m->plans[p]->nregions; i++) {
            fputs("(", w->f);
            mb_sql_str(w, w->m->plans[p]->regions[i].key);
            fputs(", ", w->f);
            mb_sql_str(w, w->m->plans[p]->regions[i].text);
            fputs("), ", w->f);
        }
    for (size_t i = 0; i < w->m->nrules; i++) /* a target's own regions (其中高新区) */
        for (size_t k = 0; k < w->m->rules[i]->nregions; k++) {
            fputs("(", w->f);
            mb_sql_str(w, w->m->rules[i]->regions[k].key);
            fputs(", ", w->f);
            mb_sql_str(w, w->m->rules[i]->regions[k].text);
            fputs("), ", w->f);
        }
    for (size_t i = 0; !w->all_regions && i < w->m->nrules; i++) {
        const mb_rule *r = w->m->rules[i];
        if (!r->region) continue;
        fputs("(", w->f);
        mb_sql_str(w, r->region_key);
        fputs(", ", w->f);
        mb_sql_str(w, r->region);
        fputs("), ", w->f);
    }
    fputs("(NULL, NULL))", w->f);
    fputs(",\nmb_regions AS (SELECT region, MIN(name) AS name FROM (SELECT region, name FROM mb_regions0 "
          "WHERE region IS NOT NULL", w->f);
    if (w->all_regions)
        fputs(" UNION ALL SELECT region, region FROM mb_obs WHERE region NOT IN (SELECT region FROM mb_regions0 "
              "WHERE region IS NOT NULL)", w->f);
    /* only where quarters or months are kept: PostgreSQL plans the union of mb_sobs, empty or
     * not, into every rule's join (the 10,000-region benchmark took 14 times as long) */
    if (w->all_regions && any_sub(w))
        fputs(" UNION ALL SELECT region, region FROM mb_sobs WHERE region NOT IN (SELECT region FROM mb_regions0 "
              "WHERE region IS NOT NULL)", w->f);
    fputs(") z GROUP BY region)", w->f);
}

/* A quarter's or month's column of the pivot: v2025q1, s2025m3. */
void mb_sql_subname(FILE *f, char vs, int year, int sub)
{
    if (mb_sub_quarter(sub)) fprintf(f, "%c%dq%d", vs, year, mb_sub_quarter(sub));
    else fprintf(f, "%c%dm%d", vs, year, sub);
}

/* An indicator read by quarters and months has their rows in its pivot too, each read when
 * its own period is within the as-of (a quarter up to its last month). */
static void pivot(mb_sqlw *w, const mb_indicator *ind)
{
    int first = w->L->first_year[ind->index], n = w->L->nyears[ind->index];
    int sfirst = w->L->sub_first[ind->index], sn = ind->derived ? 0 : w->L->sub_nyears[ind->index];
    const char *yearly = sn ? " AND o.sb = 0" : "";
    fprintf(w->f, ",\nmb_p%zu AS (SELECT o.region", ind->index);
    for (int y = first; first && y < first + n; y++)
        fprintf(w->f, ", MAX(CASE WHEN o.y = %d%s THEN o.v END) AS v%d, MAX(CASE WHEN o.y = %d%s THEN o.st END) AS s%d",
                y, yearly, y, y, yearly, y);
    for (int y = sfirst; sn && y < sfirst + sn; y++)
        for (int sb = 1; sb < MB_SUB_COUNT; sb++)
            for (int k = 0; k < 2; k++) {
                fprintf(w->f, ", MAX(CASE WHEN o.y = %d AND o.sb = %d THEN o.%s END) AS ", y, sb, k ? "st" : "v");
                mb_sql_subname(w->f, k ? 's' : 'v', y, sb);
            }
    fputs(", MAX(CASE WHEN o.st = 3 THEN 1 ELSE 0 END) AS unk FROM ", w->f);
    if (sn)
        fputs("(SELECT region, ind, y, 0 AS sb, 0 AS pk, v, st FROM mb_obs UNION ALL SELECT region, ind, y, sb, pk, v, "
              "st FROM mb_sobs) o", w->f);
    else fputs("mb_obs o", w->f);
    fprintf(w->f, " CROSS JOIN mb_asof a WHERE o.ind = %zu AND ", ind->index);
    fputs(sn ? "(o.sb = 0 AND o.y <= a.asof OR o.sb > 0 AND o.pk <= a.ak)" : "o.y <= a.asof", w->f);
    fputs(" GROUP BY o.region)", w->f);
}

void mb_sql_prologue(mb_sqlw *w, int horizon, const unsigned char *pivots)
{
    names(w);
    units(w);
    layout(w);
    sub_layout(w);
    rows(w);
    asof(w, horizon);
    obs(w);
    regions(w);
    for (size_t i = 0; i < w->m->ninds; i++)
        if (pivots[i]) pivot(w, w->m->inds[i]);
}
