/* lsp_at.c — what a position in a document points at, read from the parser's tree (every
 * node has its span): the features ask this instead of looking at the text themselves. */
#include <string.h>

#include "lsp_feat.h"

static int in(mb_aspan s, size_t off)
{
    return s.text && off >= s.start && off <= s.end; /* the end too: a cursor just after a word */
}

static int ref_at(mb_lsp_at *at, const mb_str *s, size_t off, mb_at_kind k)
{
    if (!s->text || !in(s->span, off)) return 0;
    at->kind = k;
    at->span = s->span;
    at->ref = s;
    return 1;
}

static int expr_at(mb_lsp_at *at, const mb_expr *e, size_t off)
{
    if (!e || !in(e->span, off)) return 0;
    if (e->kind == MB_EX_REF) return ref_at(at, &e->ref, off, MB_AT_IND_REF);
    return expr_at(at, e->l, off) || expr_at(at, e->r, off);
}

static int qty_at(mb_lsp_at *at, const mb_quantity *q, size_t off)
{
    if (!q->span.text || !in(q->span, off)) return 0;
    at->kind = MB_AT_QUANTITY;
    at->span = q->span;
    at->q = q;
    return 1;
}

static void target_at(mb_lsp_at *at, const mb_ast_target *t, size_t off)
{
    at->target = t;
    if (ref_at(at, &t->subject, off, MB_AT_IND_REF)) return;
    for (size_t i = 0; i < t->ngoals; i++)
        if (qty_at(at, &t->goals[i].q, off)) return;
    if (qty_at(at, &t->args->a, off) || qty_at(at, &t->args->b, off)) return;
    at->kind = MB_AT_TARGET;
    at->span = t->id.span;
}

static void indicator_at(mb_lsp_at *at, const mb_ast_indicator *d, size_t off)
{
    at->ind = d;
    if (ref_at(at, &d->id, off, MB_AT_IND_DEF) || ref_at(at, &d->name, off, MB_AT_IND_DEF)) return;
    if (ref_at(at, &d->part_of, off, MB_AT_IND_REF) || expr_at(at, d->derived, off)) return;
    at->kind = MB_AT_IND_DEF;
    at->span = d->id.span;
    at->ref = &d->id;
}

static void check_at(mb_lsp_at *at, const mb_ast_check *k, size_t off)
{
    if (ref_at(at, &k->subject, off, MB_AT_IND_REF) || ref_at(at, &k->other, off, MB_AT_IND_REF)) return;
    if (!qty_at(at, &k->a, off)) qty_at(at, &k->b, off);
}

mb_lsp_at mb_lsp_at_offset(const mb_ast_file *f, size_t off)
{
    mb_lsp_at at;
    memset(&at, 0, sizeof at);
    for (size_t i = 0; f && i < f->n; i++) {
        const mb_ast_stmt *s = &f->stmts[i];
        switch (s->kind) {
        case MB_ST_IMPORT:
            if (in(s->u.import.span, off)) {
                at.kind = MB_AT_IMPORT;
                at.span = s->u.import.span;
                at.import = &s->u.import;
                return at;
            }
            break;
        case MB_ST_PLAN:
            if (in(s->u.plan->span, off)) {
                at.kind = MB_AT_PLAN;
                at.span = s->u.plan->id.span;
                at.plan = s->u.plan;
                return at;
            }
            break;
        case MB_ST_INDICATOR:
            if (in(s->u.indicator->span, off)) { indicator_at(&at, s->u.indicator, off); return at; }
            break;
        case MB_ST_TARGET:
            if (in(s->u.target->span, off)) { target_at(&at, s->u.target, off); return at; }
            break;
        case MB_ST_CHECK:
            if (in(s->u.check->span, off)) { check_at(&at, s->u.check, off); return at; }
            break;
        case MB_ST_TEST: /* a test names rules and regions, nothing hover explains yet */
            break;
        }
    }
    return at;
}

static void expr_refs(const mb_expr *e, mb_lsp_ref_fn fn, void *ctx)
{
    if (!e) return;
    if (e->kind == MB_EX_REF) fn(ctx, &e->ref, 0);
    expr_refs(e->l, fn, ctx);
    expr_refs(e->r, fn, ctx);
}

void mb_lsp_each_ref(const mb_ast_file *f, mb_lsp_ref_fn fn, void *ctx)
{
    for (size_t i = 0; f && i < f->n; i++) {
        const mb_ast_stmt *s = &f->stmts[i];
        if (s->kind == MB_ST_INDICATOR) {
            const mb_ast_indicator *d = s->u.indicator;
            fn(ctx, &d->id, 1);
            if (d->part_of.text) fn(ctx, &d->part_of, 0);
            expr_refs(d->derived, fn, ctx);
        } else if (s->kind == MB_ST_TARGET && s->u.target->subject.text) {
            fn(ctx, &s->u.target->subject, 0);
        } else if (s->kind == MB_ST_CHECK) {
            if (s->u.check->subject.text) fn(ctx, &s->u.check->subject, 0);
            if (s->u.check->other.text) fn(ctx, &s->u.check->other, 0);
        }
    }
}

const mb_indicator *mb_lsp_resolve(const mb_lsp_an *a, const mb_str *ref)
{
    if (!a->checked || !ref || !ref->key) return NULL;
    return mb_model_indicator(a->m, ref->key, strlen(ref->key));
}
