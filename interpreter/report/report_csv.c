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

/* A line is built in memory and written with one call: millions of small stdio calls
 * would cost more than evaluating the verdicts. */
typedef struct line {
    char *p;
    size_t n, cap;
    char small[1024];
    int oom;
} line;

static void put(line *l, const char *s, size_t n)
{
    if (l->n + n > l->cap) {
        size_t nc = (l->n + n) * 2;
        char *np = l->p == l->small ? malloc(nc) : realloc(l->p, nc);
        if (!np) { l->oom = 1; return; }
        if (l->p == l->small) memcpy(np, l->small, l->n);
        l->p = np;
        l->cap = nc;
    }
    memcpy(l->p + l->n, s, n);
    l->n += n;
}

static void puts_(line *l, const char *s) { put(l, s, strlen(s)); }
static void putc_(line *l, char c) { put(l, &c, 1); }

static void put_int(line *l, long v)
{
    char b[24];
    int k = 24;
    unsigned long u = v < 0 ? 0UL - (unsigned long)v : (unsigned long)v;
    do { b[--k] = (char)('0' + u % 10); u /= 10; } while (u);
    if (v < 0) b[--k] = '-';
    put(l, b + k, (size_t)(24 - k));
}

static void put_num(line *l, mb_num v)
{
    char buf[MB_NUM_BUF];
    put(l, buf, mb_num_format(v, 4, buf, NULL));
}

static void field(line *l, const char *s)
{
    if (!s) return;
    if (!strpbrk(s, ",\"\r\n")) { puts_(l, s); return; }
    putc_(l, '"');
    for (; *s; s++) {
        if (*s == '"') putc_(l, '"');
        putc_(l, *s);
    }
    putc_(l, '"');
}

/* All owners in one field, separated by "; ". */
static void owners(line *l, const mb_rule *r)
{
    if (!r->nowners) return;
    int quote = 0;
    for (size_t i = 0; i < r->nowners; i++) quote |= strpbrk(r->owners[i].text, ",\"\r\n") != NULL;
    if (quote) putc_(l, '"');
    for (size_t i = 0; i < r->nowners; i++) {
        if (i) puts_(l, "; ");
        for (const char *s = r->owners[i].text; *s; s++) {
            if (*s == '"') putc_(l, '"');
            putc_(l, *s);
        }
    }
    if (quote) putc_(l, '"');
}

typedef struct {
    FILE *out;
    const mb_eval *e;
    int oom;
    char **tail;    /* per rule: the last four columns when they do not depend on the verdict */
} csv_ctx;

/* label, comparison, criterion, phrase */
static void tail_of(line *l, const mb_verdict *v)
{
    const mb_rule *r = v->rule;
    field(l, r->label);
    putc_(l, ',');
    const char *cmp = mb_report_comparison(v);
    if (cmp) puts_(l, cmp);
    putc_(l, ',');
    char crit[256];
    mb_report_criterion(v, crit, sizeof crit, 0);
    field(l, crit);
    putc_(l, ',');
    field(l, r->phrase);
}

/* The same for every verdict of a rule with one deadline whose bounds are fixed values: the
 * columns are built once per rule (millions of lines repeat them). */
static void put_tail(csv_ctx *c, line *l, const mb_verdict *v)
{
    const mb_rule *r = v->rule;
    const mb_crit *cr = &r->crit[v->goal];
    int fixed = r->ngoals == 1 && cr->scale == MB_SCALE_NONE && cr->kind != MB_CRIT_STEPS;
    if (!fixed || !c->tail) { tail_of(l, v); return; }
    if (!c->tail[r->index]) {
        line t = {.p = NULL, .cap = sizeof t.small};
        t.p = t.small;
        tail_of(&t, v);
        char *s = t.oom ? NULL : malloc(t.n + 1);
        if (s) { memcpy(s, t.p, t.n); s[t.n] = 0; }
        if (t.p != t.small) free(t.p);
        if (!s) { tail_of(l, v); return; }
        c->tail[r->index] = s;
    }
    puts_(l, c->tail[r->index]);
}

static void csv_row(void *ctx, const mb_verdict *v)
{
    csv_ctx *c = ctx;
    const mb_rule *r = v->rule;
    line l = {.p = NULL, .cap = sizeof l.small};
    l.p = l.small;
    field(&l, r->plan ? r->plan->id : "");
    putc_(&l, ',');
    field(&l, c->e->D->region_names[v->region]);
    putc_(&l, ',');
    field(&l, r->id);
    putc_(&l, ',');
    field(&l, r->ind ? r->ind->id : "");
    putc_(&l, ',');
    put_int(&l, v->year);
    putc_(&l, ',');
    puts_(&l, mb_status_name(v->status));
    putc_(&l, ',');
    if (v->has_actual) put_num(&l, v->actual);
    putc_(&l, ',');
    if (v->has_actual) put_int(&l, v->actual_year);
    putc_(&l, ',');
    if (v->has_target) put_num(&l, v->target);
    putc_(&l, ',');
    if (v->has_gap) put_num(&l, v->gap);
    putc_(&l, ',');
    field(&l, r->ind ? r->ind->unit.text : "");
    putc_(&l, ',');
    field(&l, v->detail);
    putc_(&l, ',');
    field(&l, r->category);
    putc_(&l, ',');
    owners(&l, r);
    putc_(&l, ',');
    put_tail(c, &l, v);
    putc_(&l, '\n');
    if (l.oom || fwrite(l.p, 1, l.n, c->out) != l.n) c->oom = 1;
    if (l.p != l.small) free(l.p);
}

/* Two threads render alternate blocks of units into their own memory streams and append
 * them to the output strictly in block order, so the file is the same as with one thread
 * and memory stays bounded by two blocks. */
enum { CSV_BLOCK = 2048 };

typedef struct csv_job {
    const mb_eval *e;
    const mb_filter *f;
    FILE *out;
    size_t units, nthreads, turn;
    pthread_mutex_t mu;
    pthread_cond_t cv;
    mb_tally t[2];
    int failed;
} csv_job;

typedef struct { csv_job *job; size_t k; } csv_worker;

static void *csv_run(void *arg)
{
    csv_worker *w = arg;
    csv_job *j = w->job;
    char *buf = NULL;
    size_t len = 0;
    FILE *ms = open_memstream(&buf, &len);
    csv_ctx c = {ms, j->e, 0, calloc(j->e->m->nrules + 1, sizeof(char *))};
    for (size_t b = w->k; b * CSV_BLOCK < j->units; b += j->nthreads) {
        if (ms) {
            fseeko(ms, 0, SEEK_SET);
            mb_tally t = mb_report_walk_range(j->e, j->f, csv_row, &c, b * CSV_BLOCK, (b + 1) * CSV_BLOCK);
            for (int s = 0; s < MB_ST_COUNT; s++) j->t[w->k].by_status[s] += t.by_status[s];
            j->t[w->k].verdicts += t.verdicts;
            j->t[w->k].failing += t.failing;
            fflush(ms);
        }
        pthread_mutex_lock(&j->mu);
        while (j->turn != b) pthread_cond_wait(&j->cv, &j->mu);
        if (!ms || c.oom || fwrite(buf, 1, len, j->out) != len) j->failed = 1;
        j->turn++;
        pthread_cond_broadcast(&j->cv);
        pthread_mutex_unlock(&j->mu);
    }
    if (ms) fclose(ms);
    free(buf);
    for (size_t i = 0; c.tail && i < j->e->m->nrules; i++) free(c.tail[i]);
    free(c.tail);
    return NULL;
}

mb_tally mb_report_csv(FILE *out, const mb_eval *e, const mb_filter *f)
{
    fputs("plan,region,rule,indicator,year,status,actual,actual_period,target,gap,unit,detail,category,owners,"
          "label,comparison,criterion,phrase\n", out);
    csv_job j = {.e = e, .f = f, .out = out, .units = mb_report_units(e, f), .nthreads = mb_report_threads(e)};
    pthread_mutex_init(&j.mu, NULL);
    pthread_cond_init(&j.cv, NULL);
    csv_worker w[2] = {{&j, 0}, {&j, 1}};
    pthread_t th;
    if (j.nthreads == 2 && pthread_create(&th, NULL, csv_run, &w[1]) != 0) j.nthreads = 1;
    csv_run(&w[0]);
    if (j.nthreads == 2) pthread_join(th, NULL);
    pthread_mutex_destroy(&j.mu);
    pthread_cond_destroy(&j.cv);
    mb_tally t = j.t[0];
    t.error = j.failed;
    for (int s = 0; s < MB_ST_COUNT; s++) t.by_status[s] += j.t[1].by_status[s];
    t.verdicts += j.t[1].verdicts;
    t.failing += j.t[1].failing;
    return t;
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
    size_t n = e->m->nrules, nt = mb_report_threads(e);
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
        line l = {.cap = sizeof l.small};
        l.p = l.small;
        field(&l, e->m->rules[i]->id);
        fwrite(l.p, 1, l.n, out);
        if (l.p != l.small) free(l.p);
        for (int s = 0; s < MB_ST_COUNT; s++)
            fprintf(out, ",%zu", parts[0].counts[i][s] + (nt == 2 ? parts[1].counts[i][s] : 0));
        fputc('\n', out);
    }
    for (size_t i = 0; i < nt; i++) free(parts[i].counts);
    return t;
}
