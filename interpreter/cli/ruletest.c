/* ruletest.c — running the tests of a rule file (ruletest.h). A test's rows become a CSV
 * text read by the same reader as a submission (so a row means what it would mean in a
 * file), its data files are read as eval reads them, and each expectation is compared with
 * the evaluator's verdict for that rule, region and deadline. */
#include "ruletest.h"

#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "ingest_value.h"
#include "text.h"
#include "period.h"

/* A CSV field, always quoted ("" for a quote): names may hold commas. */
static void csv_field(FILE *o, const char *s)
{
    fputc('"', o);
    for (; *s; s++) {
        if (*s == '"') fputc('"', o);
        fputc(*s, o);
    }
    fputc('"', o);
}

/* The rows of t as CSV, each on the line of the test file it is written on (blank lines
 * between them), so that a value's row in explain and a data error's line name the row in
 * the test file; rows sharing a line go on the lines after it. lines[i] gets row i's line. */
static char *rows_csv(const mb_ast_test *t, size_t *len, uint32_t *lines)
{
    char *buf = NULL;
    FILE *o = open_memstream(&buf, len);
    if (!o) return NULL;
    fputs("region,indicator,period,value,unit\n", o);
    uint32_t at = 1;
    for (size_t i = 0; i < t->nrows; i++) {
        const mb_ast_trow *r = &t->rows[i];
        mb_span sp = MB_SPAN(r->span);
        uint32_t want = mb_span_pos(&sp).line;
        if (want <= at) want = at + 1;
        for (; at + 1 < want; at++) fputc('\n', o);
        at = lines[i] = want;
        char num[MB_NUM_BUF];
        int exact;
        mb_num_format(r->value.value, 40, num, &exact);
        csv_field(o, r->region.text);
        fputc(',', o);
        csv_field(o, r->indicator.text);
        fputc(',', o);
        csv_field(o, r->period.text);
        fprintf(o, ",%s,", num);
        if (r->value.has_unit) csv_field(o, r->value.unit.text);
        fputc('\n', o);
    }
    if (fclose(o)) { free(buf); return NULL; }
    return buf;
}

/* A data diagnostic about the rows' CSV points at the row in the test file instead. */
static void remap_span(mb_span *s, const mb_text *csv, const mb_ast_test *t, const uint32_t *lines)
{
    if (!csv || s->text != csv) return;
    mb_pos p = mb_span_pos(s);
    size_t row = 0;
    while (row + 1 < t->nrows && lines[row] < p.line) row++;
    *s = t->nrows ? MB_SPAN(t->rows[row].span) : MB_SPAN(t->span);
}

/* "dir/" of path (with the slash), or "" */
static size_t dir_len(const char *path)
{
    const char *sl = strrchr(path, '/');
    return sl ? (size_t)(sl - path + 1) : 0;
}

static int load_data(mb_rt_file *f, size_t k, const mb_ast_test *t, int *as_of)
{
    mb_data *D = mb_data_new(f->m);
    if (!D) return -1;
    f->data[k] = D;
    D->threads = 1;
    const mb_text *csv = NULL;
    uint32_t *lines = calloc(t->nrows + 1, sizeof *lines);
    if (!lines) return -1;
    if (t->nrows) {
        size_t len;
        char *text = rows_csv(t, &len, lines);
        if (!text || mb_data_load_mem(D, f->path, text, len, 0)) { free(text); free(lines); return -1; }
        free(text);
        csv = D->files[D->nfiles - 1];
    }
    size_t dl = dir_len(f->path);
    for (size_t i = 0; i < t->data.n; i++) {
        const char *name = t->data.v[i].text;
        char *p = malloc(dl + strlen(name) + 1);
        if (!p) { free(lines); return -1; }
        size_t at = name[0] == '/' ? 0 : dl; /* an absolute name stands as it is */
        memcpy(p, f->path, at);
        strcpy(p + at, name);
        if (mb_data_load(D, p)) f->io_error = 1;
        free(p);
    }
    mb_data_finish(D);
    for (size_t i = 0; i < D->diags.n; i++) {
        remap_span(&D->diags.v[i].span, csv, t, lines);
        remap_span(&D->diags.v[i].note_span, csv, t, lines);
    }
    free(lines);
    *as_of = D->max_period;
    if (t->as_of.text) {
        mb_period p;
        if (!mb_period_parse(t->as_of.text, strlen(t->as_of.text), &p)) {
            mb_diag_add(&f->d, MB_D_TEST_AS_OF, t->as_of.span, "as-of '%s' is not a period (2019, \"2019Q3\", \"2019-09\")",
                        t->as_of.text);
            return 1;
        }
        *as_of = mb_period_key(&p);
    }
    return D->diags.errors ? 1 : 0;
}

static const mb_rule *find_rule(const mb_model *m, const char *id)
{
    for (size_t i = 0; i < m->nrules; i++)
        if (!strcmp(m->rules[i]->id, id)) return m->rules[i];
    return NULL;
}

/* An expected value in the indicator's unit (the checker's conversion: 1.2万家 is 12000 家). */
static int want_value(mb_rt_file *f, const mb_quantity *q, const mb_rule *r, mb_num *out)
{
    if (!q->has_unit) { *out = q->value; return 1; }
    mb_unit u;
    mb_uniterr ue = mb_unit_parse(q->unit.key, &u);
    if (ue || !r->ind || !mb_unit_same_base(&u, &r->ind->unit) || mb_unit_convert(q->value, &u, &r->ind->unit, out)) {
        mb_diag_add(&f->d, MB_D_TEST_VALUE_UNIT, q->span, "'%s' cannot be compared with rule %s's values, in '%s'",
                    q->unit.text, r->id, r->ind && r->ind->unit.text[0] ? r->ind->unit.text : "1");
        return 0;
    }
    return 1;
}

/* The rule, region and deadline an expectation names; 0 with an error recorded when one
 * does not exist. */
static int resolve(mb_rt_file *f, const mb_eval *e, const mb_ast_expect *x, mb_rt_result *res)
{
    const mb_rule *r = find_rule(f->m, x->rule.text);
    if (!r) {
        mb_diag_add(&f->d, MB_D_TEST_UNKNOWN_RULE, x->rule.span, "no rule '%s' in this file or its imports", x->rule.text);
        return 0;
    }
    int s = mb_status_parse(x->status.text, strlen(x->status.text));
    if (s < 0) {
        mb_diag_add(&f->d, MB_D_TEST_UNKNOWN_STATUS, x->status.span,
                    "'%s' is not a status (met, missed, on-track, needs-acceleration, limited-progress, regressing, "
                    "no-data, not-assessable, error)", x->status.text);
        return 0;
    }
    long reg = mb_data_region(e->D, x->region.key);
    size_t regs[64], n = mb_eval_regions(e, r, regs, 64), i = 0;
    while (reg >= 0 && i < n && i < 64 && regs[i] != (size_t)reg) i++;
    if (reg < 0 || i == n || i == 64) {
        mb_diag_add(&f->d, MB_D_TEST_REGION, x->region.span,
                    reg < 0 ? "no row of this test names region '%s'" : "rule %s is not evaluated for region '%s' (not a region of its plan)",
                    reg < 0 ? x->region.text : r->id, x->region.text);
        return 0;
    }
    size_t goal = 0;
    if (x->by.span.text) {
        while (goal < r->ngoals && (r->goals[goal].year != x->by.year || r->goals[goal].sub != x->by.sub)) goal++;
        if (goal == r->ngoals) {
            char pb[16];
            mb_diag_add(&f->d, MB_D_TEST_DEADLINE, x->by.span, "rule %s has no deadline %s", r->id,
                        mb_period_text(x->by.year, x->by.sub, pb));
            return 0;
        }
    } else if (r->ngoals > 1) {
        mb_diag_add(&f->d, MB_D_TEST_DEADLINE, x->rule.span,
                    "rule %s has %zu deadlines (%d ... %d): say which with 'by YEAR'", r->id, r->ngoals, r->goals[0].year,
                    r->goals[r->ngoals - 1].year);
        return 0;
    }
    res->rule = r;
    res->region = (size_t)reg;
    res->goal = goal;
    res->want = (mb_status)s;
    res->has_actual = x->actual.span.text != NULL;
    res->has_target = x->target.span.text != NULL;
    if (res->has_actual && !want_value(f, &x->actual, r, &res->want_actual)) return 0;
    if (res->has_target && !want_value(f, &x->target, r, &res->want_target)) return 0;
    return 1;
}

static int judge(const mb_rt_result *r)
{
    const mb_verdict *v = &r->v;
    if (v->status != r->want) return 0;
    if (r->has_actual && (!v->has_actual || mb_num_cmp(v->actual, r->want_actual))) return 0;
    if (r->has_target && (!v->has_target || mb_num_cmp(v->target, r->want_target))) return 0;
    return 1;
}

static size_t count_expects(const mb_ast_file *a)
{
    size_t n = 0;
    for (size_t i = 0; i < a->n; i++)
        if (a->stmts[i].kind == MB_ST_TEST) n += a->stmts[i].u.test->nexpects;
    return n;
}

/* Test names are unique in a file: reports and coverage name a test by its file and name. */
static void names_once(mb_rt_file *f, const mb_ast_file *a)
{
    for (size_t i = 0; i < a->n; i++) {
        if (a->stmts[i].kind != MB_ST_TEST) continue;
        const mb_ast_test *t = a->stmts[i].u.test;
        for (size_t j = 0; j < i; j++)
            if (a->stmts[j].kind == MB_ST_TEST && !strcmp(a->stmts[j].u.test->name.key, t->name.key)) {
                mb_diag *g = mb_diag_add(&f->d, MB_D_TEST_NAME_TWICE, t->name.span, "a second test named '%s'", t->name.text);
                mb_diag_note(g, a->stmts[j].u.test->name.span, "first named here");
                break;
            }
        if (!t->nexpects) mb_diag_add(&f->d, MB_D_TEST_NOTHING, t->name.span, "test '%s' expects nothing: add 'expect RULE \"REGION\" STATUS'", t->name.text);
    }
}

/* A row naming an indicator no rule file defines is a mistake in the test (eval would
 * only count it as unused). */
static int rows_known(mb_rt_file *f, const mb_ast_test *t)
{
    int ok = 1;
    for (size_t i = 0; i < t->nrows; i++) {
        const mb_str *s = &t->rows[i].indicator;
        if (mb_model_indicator(f->m, s->key, strlen(s->key))) continue;
        mb_diag_add(&f->d, MB_D_TEST_UNKNOWN_INDICATOR, s->span, "no indicator '%s' in this file or its imports", s->text);
        ok = 0;
    }
    return ok;
}

static int run_test(mb_rt_file *f, size_t k, const mb_ast_test *t)
{
    int as_of = 0, rc = !t->nexpects ? 1 : rows_known(f, t) ? load_data(f, k, t, &as_of) : 1;
    if (rc < 0) return -1;
    if (rc) { f->nbroken++; f->broken[k] = 1; return 0; }
    size_t broken = 0;
    mb_eval *e = &f->evals[k];
    mb_eval_init(e, f->m, f->data[k], as_of);
    e->threads = 1;
    for (size_t i = 0; i < t->nexpects; i++) {
        mb_rt_result *res = &f->res[f->nres];
        memset(res, 0, sizeof *res);
        res->test = t;
        res->x = &t->expects[i];
        if (!resolve(f, e, res->x, res)) { broken = 1; continue; }
        mb_eval_verdict(e, res->rule, res->goal, res->region, &res->v);
        res->pass = judge(res);
        f->nres++;
    }
    f->nbroken += broken && !f->broken[k];
    f->broken[k] |= (unsigned char)broken;
    return 0;
}

int mb_rt_run(mb_rt_file *f, const char *path)
{
    memset(f, 0, sizeof *f);
    f->path = path;
    mb_diags_init(&f->d, 50);
    char *p = (char *)path;
    int rc = mb_cli_load_rules(&p, 1, &f->d, &f->m);
    if (rc == MB_EXIT_USAGE) f->io_error = 1;
    if (rc || !f->m || !f->m->nfiles) return f->d.oom ? -1 : 0;
    const mb_ast_file *a = &f->m->files[0];
    for (size_t i = 0; i < a->n; i++) f->ntests += a->stmts[i].kind == MB_ST_TEST;
    names_once(f, a);
    f->data = calloc(f->ntests + 1, sizeof *f->data);
    f->evals = calloc(f->ntests + 1, sizeof *f->evals);
    f->res = calloc(count_expects(a) + 1, sizeof *f->res);
    f->broken = calloc(f->ntests + 1, 1);
    if (!f->data || !f->evals || !f->res || !f->broken) return -1;
    for (size_t i = 0, k = 0; i < a->n; i++)
        if (a->stmts[i].kind == MB_ST_TEST && run_test(f, k++, a->stmts[i].u.test)) return -1;
    for (size_t k = 0; k < f->ntests; k++)
        if (f->data[k]) mb_diags_take(&f->d, &f->data[k]->diags);
    return 0;
}

void mb_rt_free(mb_rt_file *f)
{
    for (size_t k = 0; f->data && k < f->ntests; k++) mb_data_free(f->data[k]);
    free(f->data);
    free(f->evals);
    free(f->res);
    free(f->broken);
    mb_diags_free(&f->d);
    mb_model_free(f->m);
}
