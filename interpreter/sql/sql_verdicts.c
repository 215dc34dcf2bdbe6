/* sql_verdicts.c — the rows of a verdicts table a compiled script wrote, as verdicts for the
 * reports (sql_run.h, given.h). A row is matched to its rule by id and to its milestone by
 * year; anything the rules do not know (a rule, a deadline, a status, a number that is not
 * one) stops the run with a message naming the row, never a guessed verdict. */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ingest.h"
#include "ingest_value.h"
#include "map.h"
#include "period.h"
#include "sql_run.h"

typedef struct seen {
    mb_map rules;            /* rule id -> rule */
    mb_map taken;            /* "rule index/year/region" -> milestones given so far (sub-year goals share a year) */
    char **keys;             /* the keys of taken, owned here */
    size_t nkeys, cap;
} seen;

void mb_sqlv_init(mb_sqlv *s, const mb_model *m, mb_data *D, mb_given *g, char *err, size_t cap)
{
    *s = (mb_sqlv){m, D, g, NULL, err, cap};
    seen *z = calloc(1, sizeof *z);
    if (!z) return;
    mb_map_init(&z->rules);
    mb_map_init(&z->taken);
    for (size_t i = 0; i < m->nrules; i++)
        mb_map_put(&z->rules, m->rules[i]->id, strlen(m->rules[i]->id), (void *)m->rules[i]);
    s->counts = z;
}

void mb_sqlv_free(mb_sqlv *s)
{
    seen *z = s->counts;
    if (!z) return;
    mb_map_free(&z->rules);
    mb_map_free(&z->taken);
    for (size_t i = 0; i < z->nkeys; i++) free(z->keys[i]);
    free(z->keys);
    free(z);
    s->counts = NULL;
}

static int fail(mb_sqlv *s, const char *const *c, const char *fmt, ...) __attribute__((format(printf, 3, 4)));
static int fail(mb_sqlv *s, const char *const *c, const char *fmt, ...)
{
    int n = snprintf(s->err, s->cap, "the verdict of rule '%s' for region '%s', %s: ", c[MB_SQLV_RULE] ? c[MB_SQLV_RULE] : "",
                     c[MB_SQLV_REGION] ? c[MB_SQLV_REGION] : "", c[MB_SQLV_YEAR] ? c[MB_SQLV_YEAR] : "");
    if (n < 0 || (size_t)n >= s->cap) return -1;
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(s->err + n, s->cap - (size_t)n, fmt, ap);
    va_end(ap);
    return -1;
}

/* The milestone a row is for: the k-th of the rule's goals due in that period, k counting
 * the rows of this rule, period and region seen before. -1 when there is none. */
static long goal_of(seen *z, const mb_rule *r, int year, int sub, long region)
{
    char key[96];
    int kn = snprintf(key, sizeof key, "%zu/%d/%d/%ld", r->index, year, sub, region);
    void **slot = mb_map_ref(&z->taken, key, (size_t)kn);
    size_t k = slot ? (size_t)(uintptr_t)*slot : 0;
    for (size_t g = 0, i = 0; g < r->ngoals; g++) {
        if (r->goals[g].year != year || r->goals[g].sub != sub || i++ < k) continue;
        if (slot) *slot = (void *)(uintptr_t)(k + 1);
        else {
            if (z->nkeys == z->cap) {
                size_t cap = z->cap ? 2 * z->cap : 64;
                char **p = realloc(z->keys, cap * sizeof *p);
                if (!p) return -2;
                z->keys = p, z->cap = cap;
            }
            char *copy = strdup(key);
            if (!copy || !mb_map_put(&z->taken, copy, (size_t)kn, (void *)(uintptr_t)1)) { free(copy); return -2; }
            z->keys[z->nkeys++] = copy;
        }
        return (long)g;
    }
    return -1;
}

static int number(mb_sqlv *s, const char *const *c, int col, const char *what, int *has, mb_num *out)
{
    const char *t = c[col];
    *has = t && *t;
    if (!*has) return 0;
    if (mb_num_parse(t, strlen(t), MB_NUM_SIGN, out) != MB_NUM_OK)
        return fail(s, c, "its %s '%.40s' is not a number mubiao holds exactly", what, t);
    return 0;
}

int mb_sqlv_row(void *ctx, const char *const *c)
{
    mb_sqlv *s = ctx;
    seen *z = s->counts;
    if (!z) { snprintf(s->err, s->cap, "out of memory"); return -1; }
    if (!c[MB_SQLV_RULE] || !c[MB_SQLV_REGION] || !c[MB_SQLV_YEAR] || !c[MB_SQLV_STATUS])
        return fail(s, c, "rule, region, year and status must not be NULL");
    const mb_rule *r = mb_map_get(&z->rules, c[MB_SQLV_RULE], strlen(c[MB_SQLV_RULE]));
    if (!r) return fail(s, c, "no such rule in the rule files given");
    int st = mb_status_parse(c[MB_SQLV_STATUS], strlen(c[MB_SQLV_STATUS]));
    if (st < 0) return fail(s, c, "'%.40s' is not a status", c[MB_SQLV_STATUS]);
    long region = mb_data_region(s->D, c[MB_SQLV_REGION]);
    if (region < 0) region = mb_data_intern(s->D, c[MB_SQLV_REGION], strlen(c[MB_SQLV_REGION]));
    if (region < 0) return fail(s, c, "the region could not be added (out of memory, or too many regions)");
    mb_period due; /* the deadline as the script writes it: 2020, 2025Q1, 2025-03 */
    long goal = mb_period_parse(c[MB_SQLV_YEAR], strlen(c[MB_SQLV_YEAR]), &due)
                    ? goal_of(z, r, due.year, due.quarter ? mb_sub_of_quarter(due.quarter) : due.month, region)
                    : -1;
    if (goal == -2) { snprintf(s->err, s->cap, "out of memory"); return -1; }
    if (goal < 0) return fail(s, c, "the rule has no deadline in that period, or no more of them");
    mb_given_row row = {.rule = r->index, .goal = (size_t)goal, .region = (size_t)region, .status = (mb_status)st,
                        .detail = c[MB_SQLV_DETAIL]};
    if (number(s, c, MB_SQLV_ACTUAL, "actual value", &row.has_actual, &row.actual) ||
        number(s, c, MB_SQLV_TARGET, "target", &row.has_target, &row.target) ||
        number(s, c, MB_SQLV_GAP, "gap", &row.has_gap, &row.gap))
        return -1;
    const char *p = c[MB_SQLV_ACTUAL_PERIOD];
    if (row.has_actual && p && *p) {
        mb_period per;
        if (!mb_period_parse(p, strlen(p), &per)) return fail(s, c, "its period '%.40s' is not a period", p);
        row.actual_year = per.year;
        row.actual_sub = per.quarter ? mb_sub_of_quarter(per.quarter) : per.month;
    }
    if (mb_given_add(s->g, &row)) { snprintf(s->err, s->cap, "out of memory"); return -1; }
    return 0;
}
