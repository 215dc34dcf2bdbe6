/* sql_emit.c — the script: a header saying what each rule is in this dialect, then one
 * statement that (re)creates the verdicts table from the observations. */
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "period.h"
#include "sql_w.h"

/* Forms whose criterion the compiler has been checked against eval for. A form added to the
 * language later is unsupported here until it is (its verdicts are never guessed). */
static int form_known(mb_form f)
{
    switch (f) {
    case MB_FORM_COMPARE: case MB_FORM_ABOUT: case MB_FORM_INTERVAL: case MB_FORM_RANGE:
    case MB_FORM_EACH_YEAR: case MB_FORM_CUMULATIVE: case MB_FORM_RELATIVE: case MB_FORM_CUT:
    case MB_FORM_GROW: case MB_FORM_ANNUAL_GROWTH: case MB_FORM_RISES: case MB_FORM_FALLS:
    case MB_FORM_ABOVE_REGION: case MB_FORM_QUALITATIVE:
    case MB_FORM_YOY: /* a multiple of the year before's value, or a submitted rate: the shapes above */
    case MB_FORM_CUT_POINTS: case MB_FORM_GROW_POINTS: /* the base plus or minus points */
    case MB_FORM_SHARE_REGION: /* F × the reference region's value: above a region's, scaled */
        return 1;
    default:
        return 0;
    }
}

/* Why a rule's deadline cannot be compiled (NULL: it can). */
static const char *unsupported(const mb_rule *r, const mb_crit *c)
{
    if (!form_known(r->form)) return "a form the SQL compiler does not know yet";
    if (c->kind == MB_CRIT_NONE) return NULL;
    if (!r->ind) return "no indicator";
    if (r->ind->derived) return "a derived indicator";
    int sub = r->goals ? r->goals[c - r->crit].sub : 0;
    (void)sub;
    if (mb_sql_ytd(r, c) == MB_SQL_YTD_UNSUPPORTED)
        return "a multiple of a base year on a flow, prorated before the year ends";
    if (c->kind == MB_CRIT_EACH || c->kind == MB_CRIT_SUM || c->kind == MB_CRIT_STEPS) {
        if (c->scale != MB_SCALE_NONE) return "yearly values against a base";
        if (r->y2 < r->y1 || r->y2 - r->y1 > 60) return "a period of more than 60 years";
    }
    if (c->kind == MB_CRIT_REGION && !r->region_key) return "no reference region";
    return NULL;
}

static void body(mb_sqlw *w, const mb_rule *r, size_t g)
{
    const mb_crit *c = &r->crit[g];
    switch (c->kind) {
    case MB_CRIT_NONE:
        fprintf(w->f, "SELECT %zu AS ri, %zu AS gi, r.region, 'not-assessable' AS status, CAST(NULL AS %s) AS act, "
                      "CAST(NULL AS INTEGER) AS ay, CAST(NULL AS %s) AS tgt", r->index, g, w->d->num, w->d->num);
        mb_sql_from(w, r, -1);
        return;
    case MB_CRIT_VALUE:
        if (r->goals && r->goals[g].sub) mb_sql_value_sub(w, r, g);
        else mb_sql_value(w, r, g);
        return;
    case MB_CRIT_REGION: mb_sql_region(w, r, g); return;
    default: mb_sql_years(w, r, g); return;
    }
}

/* The actual period as eval writes it: 2025, 2025Q2, 2025-06 (x: mb_sql_period_code's). */
static void period_text(mb_sqlw *w, const char *x)
{
    const char *str = w->d->str;
    fprintf(w->f, "CASE WHEN %s >= 10000 THEN SUBSTR(CAST(%s AS %s), 1, 4) || CASE WHEN %s %% 100 > 12 THEN 'Q' || "
                  "CAST(%s %% 100 - 12 AS %s) WHEN %s %% 100 < 10 THEN '-0' || CAST(%s %% 100 AS %s) ELSE '-' || "
                  "CAST(%s %% 100 AS %s) END ELSE CAST(%s AS %s) END",
            x, x, str, x, x, str, x, x, str, x, str, x, str);
}

/* The numbers become eval's text inside each rule's SELECT: a union of decimals of several
 * scales would round them to one (DuckDB), and act - tgt keeps every digit here. Past the range
 * of a fixed scale the gap is left out (the verdict is borderline then). */
static void texts(mb_sqlw *w, const mb_rule *r, size_t g)
{
    char *t = NULL;
    size_t n = 0;
    FILE *keep = w->f, *ms = open_memstream(&t, &n);
    if (!ms) { w->inexact = 1; return; }
    w->f = ms;
    body(w, r, g);
    w->f = keep;
    if (fclose(ms)) w->inexact = 1;
    fputs("SELECT u.ri, u.gi, u.region, u.status, ", w->f);
    w->d->text(w->f, "u.act");
    fputs(" AS actual, ", w->f);
    period_text(w, "u.ay");
    fputs(" AS ay, ", w->f);
    w->d->text(w->f, "u.tgt");
    fputs(" AS target, ", w->f);
    if (w->kscale) { /* act - tgt has the scale 12 + kscale: act must stay below 10^(26 - kscale) */
        char gap[128];
        snprintf(gap, sizeof gap, "CASE WHEN ABS(u.act) < 1%0*d THEN u.act - u.tgt END", 26 - w->kscale, 0);
        w->d->text(w->f, gap);
    } else w->d->text(w->f, "u.act - u.tgt");
    fputs(" AS gap FROM (", w->f);
    fwrite(t, 1, n, w->f);
    fputs(") u", w->f);
    free(t);
}

static void unsupported_rows(mb_sqlw *w, const mb_rule *r, size_t g)
{
    fprintf(w->f, "SELECT %zu AS ri, %zu AS gi, r.region, 'unsupported' AS status, CAST(NULL AS %s) AS actual, "
                  "CAST(NULL AS %s) AS ay, CAST(NULL AS %s) AS target, CAST(NULL AS %s) AS gap",
            r->index, g, w->d->str, w->d->str, w->d->str, w->d->str);
    mb_sql_from(w, r, -1);
}

typedef struct unit_sql {
    char *text;
    size_t len;
    mb_sql_class cls;
    const char *why;
} unit_sql;

/* One rule and deadline, written aside: a constant that is not a decimal makes it unsupported. */
static int compile_one(mb_sqlw *w, const mb_rule *r, size_t g, unit_sql *u)
{
    FILE *keep = w->f;
    w->f = open_memstream(&u->text, &u->len);
    if (!w->f) { w->f = keep; return -1; }
    w->inexact = w->bounded = w->kscale = 0;
    w->rule = r;
    u->why = unsupported(r, &r->crit[g]);
    if (!u->why) texts(w, r, g);
    if (!u->why && w->inexact) u->why = "a constant or bound that is not a decimal to the digit";
    if (u->why) {
        fclose(w->f);
        free(u->text);
        u->text = NULL;
        w->f = open_memstream(&u->text, &u->len);
        if (!w->f) { w->f = keep; return -1; }
        unsupported_rows(w, r, g);
    }
    u->cls = u->why ? MB_SQL_UNSUPPORTED : w->d->exact && !w->bounded ? MB_SQL_EXACT : MB_SQL_BOUNDED;
    int bad = fclose(w->f) != 0;
    w->f = keep;
    return bad ? -1 : 0;
}

static void header(mb_sqlw *w, const unit_sql *u)
{
    FILE *f = w->f;
    fprintf(f, "-- mubiao sql --dialect %s: the verdicts of `mubiao eval --format csv`, computed in the database.\n",
            w->d->name);
    fputs("-- Reads table ", f);
    mb_sql_comment_text(f, w->o->table);
    fputs(" (region, indicator, period, value, unit) and (re)creates table ", f);
    mb_sql_comment_text(f, w->o->verdicts);
    fputs(".\n", f);
    if (w->d->exact)
        fprintf(f, "-- Values are %s: sums, products and comparisons are exact; nothing is divided.\n", w->d->num);
    if (w->d->exact && w->d->fixed)
        fputs("-- A value with more than 12 decimals (after unit conversion), or one too large for a product\n"
              "-- with a rule's factor to keep 38 digits, makes the verdicts reading it 'borderline'. A factor\n"
              "-- with more than 10 decimals is bounded: between its two ends the verdict is 'borderline'.\n", f);
    else if (!w->d->exact)
        fprintf(f, "-- Values are %s, which cannot hold every comparison exactly: verdicts are approximate;\n"
                   "-- a 'borderline' verdict is settled by mubiao eval.\n", w->d->num);
    for (size_t i = 0, said = 0; !said && i < w->m->nrules; i++)
        for (size_t g = 0; !said && g < w->m->rules[i]->ngoals; g++)
            if (mb_sql_ytd(w->m->rules[i], &w->m->rules[i]->crit[g]) == MB_SQL_YTD_SHARE) {
                fputs("-- A flow's year to date whose share of the target due has no finite decimal (100 x 5/12) is\n"
                      "-- 'borderline' when its gap cannot be given to the digit eval shows.\n", f);
                said = 1;
            }
    fputs("-- A row whose unit is not a spelling listed in mb_units makes the verdicts reading it 'borderline'.\n"
          "-- Per rule and deadline (exact / bounded / approximate / unsupported in this dialect):\n", f);
    size_t k = 0;
    for (size_t i = 0; i < w->m->nrules; i++) {
        const mb_rule *r = w->m->rules[i];
        for (size_t g = 0; g < r->ngoals; g++, k++) {
            fputs("--   ", f);
            mb_sql_comment_text(f, r->id);
            char pb[16];
            if (r->ngoals > 1) fprintf(f, " (%s)", mb_period_text(r->goals[g].year, r->goals[g].sub, pb));
            /* a dialect that is approximate throughout says so rule by rule */
            fprintf(f, ": %s", u[k].cls == MB_SQL_BOUNDED && !w->d->exact ? "approximate" : mb_sql_class_name(u[k].cls));
            if (u[k].why) fprintf(f, " (%s)", u[k].why);
            fputc('\n', f);
        }
    }
}

static void owners(mb_sqlw *w, const mb_rule *r)
{
    if (!r->nowners) { fputs("NULL", w->f); return; }
    size_t n = 1;
    for (size_t i = 0; i < r->nowners; i++) n += strlen(r->owners[i].text) + 2;
    char *s = malloc(n);
    if (!s) { fputs("NULL", w->f); return; }
    s[0] = 0;
    for (size_t i = 0; i < r->nowners; i++) {
        if (i) strcat(s, "; ");
        strcat(s, r->owners[i].text);
    }
    mb_sql_str(w, s);
    free(s);
}

/* Every phrase of the target, one a line, as eval's CSV report gives them (a target restated
 * in a task table has two). */
static void phrases(mb_sqlw *w, const mb_rule *r)
{
    if (r->nphrases < 2) { mb_sql_str(w, r->phrase); return; }
    size_t n = 1;
    for (size_t i = 0; i < r->nphrases; i++) n += strlen(r->phrases[i].text) + 1;
    char *s = malloc(n);
    if (!s) { fputs("NULL", w->f); return; }
    s[0] = 0;
    for (size_t i = 0; i < r->nphrases; i++) {
        if (i) strcat(s, "\n");
        strcat(s, r->phrases[i].text);
    }
    mb_sql_str(w, s);
    free(s);
}

/* mb_rules: what every verdict of a rule and deadline repeats. */
static void rules(mb_sqlw *w, const unit_sql *u)
{
    fputs(",\nmb_rules(ri, gi, bnd, plan, rule, indicator, year, unit, category, owners, label, phrase) AS (VALUES ", w->f);
    size_t k = 0;
    for (size_t i = 0; i < w->m->nrules; i++) {
        const mb_rule *r = w->m->rules[i];
        for (size_t g = 0; g < r->ngoals; g++, k++) {
            fprintf(w->f, "(%zu, %zu, %d, ", r->index, g, u[k].cls == MB_SQL_BOUNDED && w->d->exact);
            mb_sql_str(w, r->plan ? r->plan->id : "");
            fputs(", ", w->f);
            mb_sql_str(w, r->id);
            fputs(", ", w->f);
            mb_sql_str(w, r->ind ? r->ind->id : "");
            char pb[16];
            fputs(", ", w->f);
            mb_sql_str(w, r->goals ? mb_period_text(r->goals[g].year, r->goals[g].sub, pb) : "0");
            fputs(", ", w->f);
            mb_sql_str(w, r->ind ? r->ind->unit.text : "");
            fputs(", ", w->f);
            mb_sql_str(w, r->category);
            fputs(", ", w->f);
            owners(w, r);
            fputs(", ", w->f);
            mb_sql_str(w, r->label);
            fputs(", ", w->f);
            phrases(w, r);
            fputs("), ", w->f);
        }
    }
    fputs("(NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL))", w->f);
}

static void final_select(mb_sqlw *w)
{
    FILE *f = w->f;
    fputs("\nSELECT m.plan, g.name AS region, m.rule, m.indicator, m.year, v.status, v.actual, v.ay AS actual_period, "
          "v.target, v.gap, m.unit, CASE WHEN v.status = 'borderline' THEN 'too close to call here, or a value in a unit "
          "not listed or past the precision of the dialect: settle with mubiao eval' WHEN v.status = 'unsupported' THEN "
          "'not compiled to SQL: evaluate with mubiao eval' WHEN m.bnd = 1 THEN 'bounded: the target shown is rounded "
          "(the status is exact)' END AS detail, m.category, m.owners, m.label, m.phrase\nFROM mb_v v JOIN mb_rules m ON m.ri = v.ri AND "
          "m.gi = v.gi JOIN mb_regions g ON g.region = v.region;\n", f);
}

/* The last year any rule or plan speaks of, or the current year if later (report/report_asof.c). */
static int horizon(const mb_model *m, int this_year)
{
    int last = mb_model_last_year(m);
    return last > this_year ? last : this_year;
}

int mb_sql_compile(FILE *out, const mb_model *m, const mb_sql_opts *o)
{
    mb_data *L = mb_data_new(m);
    size_t n = 0;
    for (size_t i = 0; i < m->nrules; i++) n += m->rules[i]->ngoals;
    unit_sql *u = calloc(n + 1, sizeof *u);
    unsigned char *pivots = calloc(m->ninds + 1, 1);
    int rc = L && u && pivots ? 0 : -1;
    mb_sqlw w = {.f = out, .m = m, .L = L, .d = mb_sql_dialect_get(o->dialect), .o = o, .all_regions = L ? L->all_regions : 0};
    size_t k = 0;
    for (size_t i = 0; !rc && i < m->nrules; i++)
        for (size_t g = 0; !rc && g < m->rules[i]->ngoals; g++, k++) {
            rc = compile_one(&w, m->rules[i], g, &u[k]);
            const mb_rule *r = m->rules[i];
            if (!rc && !u[k].why && r->ind && r->crit[g].kind != MB_CRIT_NONE) pivots[r->ind->index] = 1;
        }
    if (!rc) {
        header(&w, u);
        fputs("DROP TABLE IF EXISTS ", out);
        mb_sql_ident(&w, o->verdicts);
        fputs(";\nCREATE TABLE ", out);
        mb_sql_ident(&w, o->verdicts);
        fputs(" AS\nWITH ", out);
        mb_sql_prologue(&w, horizon(m, o->this_year), pivots);
        rules(&w, u);
        fputs(",\nmb_v AS (", out);
        for (k = 0; k < n; k++) {
            if (k) fputs("\nUNION ALL ", out);
            fwrite(u[k].text, 1, u[k].len, out);
        }
        if (!n) fprintf(out, "SELECT 0 AS ri, 0 AS gi, CAST(NULL AS TEXT) AS region, 'x' AS status, CAST(NULL AS %s) "
                             "AS actual, CAST(NULL AS %s) AS ay, CAST(NULL AS %s) AS target, CAST(NULL AS %s) AS gap WHERE 1 = 0",
                        w.d->str, w.d->str, w.d->str, w.d->str);
        fputs(")", out);
        final_select(&w);
    }
    for (k = 0; u && k < n; k++) free(u[k].text);
    free(u);
    free(pivots);
    mb_data_free(L);
    return rc || ferror(out) ? -1 : 0;
}
