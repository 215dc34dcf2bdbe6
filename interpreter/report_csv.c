/* report_csv.c — one verdict per line (RFC 4180), and the per-rule summary. */
#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#include "report.h"

void mb_report_num(FILE *out, mb_num v, int approx_mark)
{
    char buf[MB_NUM_BUF];
    int exact = 1;
    mb_num_format(v, 4, buf, &exact);
    if (!exact && approx_mark) fputs("≈", out);
    fputs(buf, out);
}

static void field(FILE *out, const char *s)
{
    if (!s) return;
    if (!strpbrk(s, ",\"\r\n")) { fputs(s, out); return; }
    fputc('"', out);
    for (; *s; s++) {
        if (*s == '"') fputc('"', out);
        fputc(*s, out);
    }
    fputc('"', out);
}

static void owners(FILE *out, const mb_rule *r)
{
    if (!r->nowners) return;
    /* one field, owners separated by "; " */
    size_t len = 0;
    for (size_t i = 0; i < r->nowners; i++) len += strlen(r->owners[i].text) + 2;
    char buf[len + 1];
    buf[0] = 0;
    for (size_t i = 0; i < r->nowners; i++) {
        if (i) strcat(buf, "; ");
        strcat(buf, r->owners[i].text);
    }
    field(out, buf);
}

typedef struct { FILE *out; const mb_eval *e; } csv_ctx;

static void csv_row(void *ctx, const mb_verdict *v)
{
    csv_ctx *c = ctx;
    FILE *o = c->out;
    const mb_rule *r = v->rule;
    field(o, r->plan ? r->plan->id : "");
    fputc(',', o);
    field(o, c->e->D->region_names[v->region]);
    fputc(',', o);
    field(o, r->id);
    fputc(',', o);
    field(o, r->ind ? r->ind->id : "");
    fprintf(o, ",%d,%s,", v->year, mb_status_name(v->status));
    if (v->has_actual) mb_report_num(o, v->actual, 0);
    fputc(',', o);
    if (v->has_actual) fprintf(o, "%d", v->actual_year);
    fputc(',', o);
    if (v->has_target) mb_report_num(o, v->target, 0);
    fputc(',', o);
    if (v->has_gap) mb_report_num(o, v->gap, 0);
    fputc(',', o);
    field(o, r->ind ? r->ind->unit.text : "");
    fputc(',', o);
    field(o, v->detail);
    fputc(',', o);
    field(o, r->category);
    fputc(',', o);
    owners(o, r);
    fputc('\n', o);
}

mb_tally mb_report_csv(FILE *out, const mb_eval *e, const mb_filter *f)
{
    fputs("plan,region,rule,indicator,year,status,actual,actual_period,target,gap,unit,detail,category,owners\n", out);
    csv_ctx c = {out, e};
    return mb_report_walk(e, f, csv_row, &c);
}

/* Per rule: how many verdicts of each status (the benchmark's output). Each thread counts a
 * slice of the regions into its own table; the tables are added at the end. */
typedef struct sum_part {
    const mb_eval *e;
    const mb_filter *f;
    size_t (*counts)[MB_ST_COUNT];
    size_t part, nparts;
    mb_tally t;
} sum_part;

static void sum_row(void *ctx, const mb_verdict *v)
{
    sum_part *c = ctx;
    c->counts[v->rule->index][v->status]++;
}

static void *sum_run(void *arg)
{
    sum_part *c = arg;
    c->t = mb_report_walk_part(c->e, c->f, sum_row, c, c->part, c->nparts);
    return NULL;
}

static void tally_add(mb_tally *a, const mb_tally *b)
{
    for (int s = 0; s < MB_ST_COUNT; s++) a->by_status[s] += b->by_status[s];
    a->verdicts += b->verdicts;
    a->failing += b->failing;
}

mb_tally mb_report_summary(FILE *out, const mb_eval *e, const mb_filter *f)
{
    size_t n = e->m->nrules, nt = mb_report_threads();
    mb_tally t;
    memset(&t, 0, sizeof t);
    sum_part parts[2];
    for (size_t i = 0; i < nt; i++) {
        parts[i] = (sum_part){e, f, calloc(n + 1, sizeof *parts[i].counts), i, nt, t};
        if (!parts[i].counts) { nt = i; break; }
    }
    if (!nt) return t;
    pthread_t th;
    int threaded = nt == 2 && pthread_create(&th, NULL, sum_run, &parts[1]) == 0;
    sum_run(&parts[0]);
    if (threaded) pthread_join(th, NULL);
    else if (nt == 2) sum_run(&parts[1]);
    for (size_t i = 0; i < nt; i++) tally_add(&t, &parts[i].t);
    fputs("rule,met,missed,on-track,needs-acceleration,limited-progress,regressing,no-data,not-assessable,error\n", out);
    for (size_t i = 0; i < n; i++) {
        if (!mb_filter_rule(f, e->m->rules[i])) continue;
        field(out, e->m->rules[i]->id);
        for (int s = 0; s < MB_ST_COUNT; s++)
            fprintf(out, ",%zu", parts[0].counts[i][s] + (nt == 2 ? parts[1].counts[i][s] : 0));
        fputc('\n', out);
    }
    for (size_t i = 0; i < nt; i++) free(parts[i].counts);
    return t;
}
