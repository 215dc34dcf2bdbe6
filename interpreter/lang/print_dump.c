/* print_dump.c — a structural dump of a tree, for round-trip tests (print.h). Values, not
 * layout: numbers exactly, units and strings as their text, years as numbers. */
#include <stdlib.h>
#include <string.h>

#include "print.h"
#include "period.h"
#include "print_text.h"

/* A field added to a node must be printed (print.c, print_text.c) and dumped (here), or the
 * round-trip test cannot see it dropped: these sizes make adding one a decision. */
#define NODE_SIZE(T, n) _Static_assert(sizeof(T) == (n), \
    #T " changed: print and dump its new field (lang/print*.c), then update this size")
NODE_SIZE(mb_ast_target, 184);
NODE_SIZE(mb_ast_targs, 288);
NODE_SIZE(mb_ast_tclauses, 384);
NODE_SIZE(mb_ast_indicator, 312);
NODE_SIZE(mb_ast_plan, 232);
NODE_SIZE(mb_ast_check, 368);
NODE_SIZE(mb_expr, 128);
NODE_SIZE(mb_ast_test, 144);
NODE_SIZE(mb_ast_trow, 224);
NODE_SIZE(mb_ast_expect, 336);

static void str(FILE *o, const char *name, const mb_str *s)
{
    if (!s->text) return;
    mb_pt_buf b = {0};
    mb_pt_string(&b, s->text);
    fprintf(o, " %s=%s", name, b.p ? b.p : "");
    mb_pt_free(&b);
}

static void num(FILE *o, mb_num v)
{
    char buf[MB_NUM_BUF];
    int exact;
    mb_num_format(v, 40, buf, &exact);
    fputs(buf, o);
}

static void qty(FILE *o, const char *name, const mb_quantity *q)
{
    if (!q->span.text) return;
    fprintf(o, " %s=", name);
    num(o, q->value);
    if (q->has_unit) fprintf(o, "[%s]", q->unit.text);
}

static void year(FILE *o, const char *name, mb_year y)
{
    char pb[16];
    if (y.span.text) fprintf(o, " %s=%s", name, mb_period_text(y.year, y.sub, pb));
}

static void list(FILE *o, const char *name, const mb_strlist *l)
{
    for (size_t i = 0; i < l->n; i++) str(o, name, &l->v[i]);
}

static void expr(FILE *o, const mb_expr *e)
{
    static const char *ops[] = {[MB_EX_ADD] = "+", [MB_EX_SUB] = "-", [MB_EX_MUL] = "*",
                                [MB_EX_DIV] = "/", [MB_EX_NEG] = "neg"};
    switch (e->kind) {
    case MB_EX_NUM: num(o, e->num); return;
    case MB_EX_REF: fprintf(o, e->ref_is_name ? "\"%s\"" : "%s", e->ref.text); return;
    default:
        fprintf(o, "(%s ", ops[e->kind]);
        expr(o, e->l);
        if (e->r) { fputc(' ', o); expr(o, e->r); }
        fputc(')', o);
    }
}

static void plan(FILE *o, const mb_ast_plan *p)
{
    fprintf(o, "plan %s", p->id.text);
    str(o, "name", &p->name);
    str(o, "number", &p->number);
    str(o, "issuer", &p->issuer);
    str(o, "date", &p->date);
    list(o, "region", &p->regions);
    year(o, "base", p->base);
    for (size_t i = 0; i < p->ndeadlines; i++) year(o, "deadline", p->deadlines[i]);
}

static void indicator(FILE *o, const mb_ast_indicator *a)
{
    fprintf(o, "indicator %s", a->id.text);
    str(o, "name", &a->name);
    if (a->has_unit) fprintf(o, " unit=%s%s", a->unit_quoted ? "quoted:" : "", a->unit.text);
    fprintf(o, " direction=%d integer=%d flow=%d", a->direction, a->integer, a->flow);
    str(o, "part_of", &a->part_of);
    str(o, "category", &a->category);
    list(o, "owner", &a->owners);
    str(o, "source", &a->source);
    if (a->derived) { fputs(" derived=", o); expr(o, a->derived); }
}

static void target(FILE *o, const mb_ast_target *t)
{
    fprintf(o, "target %s form=%s cmp=%s", t->id.text, mb_form_name(t->form, t->ngoals), mb_cmp_str(t->cmp));
    str(o, "label", &t->label);
    str(o, t->subject_is_name ? "subject_name" : "subject", &t->subject);
    for (size_t i = 0; i < t->ngoals; i++) {
        qty(o, "goal", &t->goals[i].q);
        year(o, "by", t->goals[i].by);
    }
    qty(o, "a", &t->args->a);
    qty(o, "b", &t->args->b);
    fprintf(o, " tol_relative=%d two_sided=%d", t->args->tol_relative, t->args->two_sided);
    if (t->args->rate) fputs(" rate", o);
    year(o, "by", t->by);
    year(o, "y1", t->args->y1);
    year(o, "y2", t->args->y2);
    str(o, "region", &t->args->region);
    list(o, "phrase", &t->cl->phrases);
    if (t->cl->binding) fprintf(o, " %s", t->cl->binding > 0 ? "binding" : "expected");
    if (t->cl->aspiration) fputs(" aspiration", o);
    str(o, "category", &t->cl->category);
    list(o, "owner", &t->cl->owners);
    str(o, "source", &t->cl->source);
    str(o, "note", &t->cl->note);
    year(o, "from", t->cl->from);
    list(o, "target_region", &t->cl->regions);
    year(o, "printed_base_year", t->cl->pbase_year);
    qty(o, "printed_base", &t->cl->pbase);
}

static void check(FILE *o, const mb_ast_check *k)
{
    fprintf(o, "check %s kind=%d cmp=%s", k->id.text, (int)k->kind, mb_cmp_str(k->cmp));
    str(o, "label", &k->label);
    str(o, k->subject_is_name ? "subject_name" : "subject", &k->subject);
    str(o, k->other_is_name ? "other_name" : "other", &k->other);
    qty(o, "a", &k->a);
    qty(o, "b", &k->b);
}

static void test(FILE *o, const mb_ast_test *t)
{
    fputs("test", o);
    str(o, "name", &t->name);
    str(o, t->as_of_quoted ? "as_of_quoted" : "as_of", &t->as_of);
    list(o, "data", &t->data);
    for (size_t i = 0; i < t->nrows; i++) {
        const mb_ast_trow *r = &t->rows[i];
        fputs(" row", o);
        str(o, "region", &r->region);
        str(o, r->indicator_is_name ? "indicator_name" : "indicator", &r->indicator);
        str(o, r->period_quoted ? "period_quoted" : "period", &r->period);
        qty(o, "value", &r->value);
    }
    for (size_t i = 0; i < t->nexpects; i++) {
        const mb_ast_expect *x = &t->expects[i];
        fprintf(o, " expect rule=%s", x->rule.text);
        str(o, "region", &x->region);
        year(o, "by", x->by);
        fprintf(o, " status=%s", x->status.text);
        qty(o, "actual", &x->actual);
        qty(o, "target", &x->target);
    }
}

static int cmp_str(const void *a, const void *b) { return strcmp(*(char *const *)a, *(char *const *)b); }

/* The comments' texts (trailing white space dropped, as printed), sorted. */
static void comments(FILE *o, const mb_ast_file *f)
{
    char **v = malloc((f->ntrivia + 1) * sizeof *v);
    size_t n = 0;
    if (!v) { fputs("out of memory\n", o); return; }
    for (size_t i = 0; i < f->ntrivia; i++) {
        const mb_trivia *k = &f->trivia[i];
        if (k->kind != MB_TRIVIA_COMMENT) continue;
        size_t e = k->end;
        while (e > k->start && strchr(" \t\r", f->text->data[e - 1])) e--;
        v[n] = strndup(f->text->data + k->start, e - k->start);
        if (v[n]) n++;
    }
    qsort(v, n, sizeof *v, cmp_str);
    for (size_t i = 0; i < n; i++) {
        fprintf(o, "comment %s\n", v[i]);
        free(v[i]);
    }
    free(v);
}

void mb_print_dump(FILE *o, const mb_ast_file *f)
{
    for (size_t i = 0; i < f->n; i++) {
        const mb_ast_stmt *s = &f->stmts[i];
        switch (s->kind) {
        case MB_ST_IMPORT: str(o, "import", &s->u.import); break;
        case MB_ST_PLAN: plan(o, s->u.plan); break;
        case MB_ST_INDICATOR: indicator(o, s->u.indicator); break;
        case MB_ST_TARGET: target(o, s->u.target); break;
        case MB_ST_CHECK: check(o, s->u.check); break;
        case MB_ST_TEST: test(o, s->u.test); break;
        }
        fputc('\n', o);
    }
    comments(o, f);
}
