/* check_ind.c — indicators (unit, direction, part of, derived formulas) and data checks. */
#include <string.h>

#include "check.h"

static void resolve_expr(mb_chk *c, mb_expr *e)
{
    if (!e) return;
    if (e->kind == MB_EX_REF) e->ind = mb_chk_ref(c, &e->ref, e->ref_is_name);
    resolve_expr(c, e->l);
    resolve_expr(c, e->r);
}

/* Depth-first search over derived formulas. Colours: 0 unseen, 1 on the current path,
 * 2 finished. Reaching an indicator that is on the path closes a cycle: it is reported at
 * that indicator, whose formula is then dropped so nothing downstream follows the cycle. */
enum { MAX_DERIVED_DEPTH = 64 }; /* derived indicators built on derived indicators */

static void visit(mb_chk *c, mb_indicator *ind, unsigned char *colour, int depth);

static void visit_expr(mb_chk *c, mb_expr *e, unsigned char *colour, int depth)
{
    if (!e) return;
    if (e->kind == MB_EX_REF && e->ind) {
        mb_indicator *to = e->ind;
        if (colour[to->index] == 1 && to->derived) {
            mb_diag_add(c->d, MB_SEV_ERROR, to->derived->span, "derived indicator '%s' depends on itself",
                        to->id);
            to->derived = NULL;
        } else if (colour[to->index] == 0) {
            visit(c, to, colour, depth + 1);
        }
    }
    visit_expr(c, e->l, colour, depth);
    visit_expr(c, e->r, colour, depth);
}

static void visit(mb_chk *c, mb_indicator *ind, unsigned char *colour, int depth)
{
    colour[ind->index] = 1;
    if (depth > MAX_DERIVED_DEPTH && ind->derived) {
        mb_diag_add(c->d, MB_SEV_ERROR, ind->derived->span,
                    "derived indicators nested too deeply (more than %d levels)", MAX_DERIVED_DEPTH);
        ind->derived = NULL;
    }
    visit_expr(c, ind->derived, colour, depth);
    colour[ind->index] = 2;
}

static void check_one(mb_chk *c, mb_indicator *ind, const mb_ast_indicator *a)
{
    if (!a->has_unit) {
        mb_diag_add(c->d, MB_SEV_ERROR, a->id.span, "indicator '%s' has no unit: add 'unit …' (unit 1 for a pure number)", a->id.text);
        mb_unit_parse("", &ind->unit);
    } else {
        mb_uniterr ue = mb_unit_parse(a->unit.key, &ind->unit);
        if (ue) mb_diag_add(c->d, MB_SEV_ERROR, a->unit.span, "%s: '%s'", mb_uniterr_str(ue), a->unit.text);
        ind->unit.text = a->unit.text;
    }
    if (!a->direction)
        mb_diag_add(c->d, MB_SEV_ERROR, a->id.span,
                    "indicator '%s' has no direction: add 'higher' or 'lower' (which is better)", a->id.text);
    if (!a->name.text)
        mb_diag_add(c->d, MB_SEV_WARNING, a->id.span,
                    "indicator '%s' has no printed name: add the name used in the plan", a->id.text);
    if (a->part_of.text) {
        ind->part_of = mb_chk_ref(c, &a->part_of, 0);
        if (ind->part_of == ind) {
            mb_diag_add(c->d, MB_SEV_ERROR, a->part_of.span, "indicator '%s' cannot be part of itself", a->id.text);
            ind->part_of = NULL;
        }
    }
    resolve_expr(c, ind->derived);
}

void mb_chk_indicators(mb_chk *c)
{
    for (size_t i = 0; i < c->m->ninds; i++) {
        check_one(c, c->m->inds[i], c->m->inds[i]->ast);
    }
    /* part-of needs both units known */
    for (size_t i = 0; i < c->m->ninds; i++) {
        mb_indicator *ind = c->m->inds[i];
        if (ind->part_of && !mb_unit_same_base(&ind->unit, &ind->part_of->unit))
            mb_diag_add(c->d, MB_SEV_ERROR, ind->span,
                        "'%s' is part of '%s' but is measured in '%s', not '%s'", ind->id,
                        ind->part_of->id, ind->unit.text, ind->part_of->unit.text);
    }
    unsigned char *colour = mb_arena_alloc(&c->m->arena, c->m->ninds + 1);
    if (!colour) { c->oom = 1; return; }
    for (size_t i = 0; i < c->m->ninds; i++)
        if (!colour[i]) visit(c, c->m->inds[i], colour, 0);
}

/* ---- data checks --------------------------------------------------------------------- */

static mb_check *new_check(mb_chk *c)
{
    mb_check **nv = mb_arena_push(&c->m->arena, c->m->checks, c->m->nchecks, sizeof *nv);
    mb_check *k = mb_arena_alloc(&c->m->arena, sizeof *k);
    if (!nv || !k) { c->oom = 1; return NULL; }
    nv[c->m->nchecks] = k;
    k->index = c->m->nchecks++;
    c->m->checks = nv;
    return k;
}

void mb_chk_check(mb_chk *c, const mb_ast_check *a)
{
    mb_indicator *ind = mb_chk_ref(c, &a->subject, a->subject_is_name);
    if (!ind) return;
    mb_check *k = new_check(c);
    if (!k) return;
    k->id = a->id.key;
    k->label = a->label.text;
    k->ind = ind;
    k->cmp = a->cmp;
    k->span = a->span;
    switch (a->kind) {
    case MB_CHECK_INTEGER: k->kind = MB_DC_INTEGER; break;
    case MB_CHECK_BETWEEN:
        k->kind = MB_DC_BETWEEN;
        if (mb_chk_quantity(c, &a->a, ind, &k->a) && mb_chk_quantity(c, &a->b, ind, &k->b) &&
            mb_num_cmp(k->a, k->b) > 0)
            mb_diag_add(c->d, MB_SEV_ERROR, a->b.span, "inverted range: the upper bound is below the lower");
        break;
    case MB_CHECK_CMP:
        if (a->other.text) {
            k->kind = MB_DC_CMP_IND;
            k->other = mb_chk_ref(c, &a->other, a->other_is_name);
            if (k->other && !mb_unit_same_base(&ind->unit, &k->other->unit))
                mb_diag_add(c->d, MB_SEV_ERROR, a->other.span,
                            "'%s' is measured in '%s' and '%s' in '%s': they cannot be compared",
                            ind->id, ind->unit.text, k->other->id, k->other->unit.text);
        } else {
            k->kind = MB_DC_CMP_CONST;
            mb_chk_quantity(c, &a->a, ind, &k->a);
        }
        break;
    }
}

/* `integer` and `part of` on an indicator are data checks too. */
void mb_chk_checks(mb_chk *c)
{
    for (size_t i = 0; i < c->m->ninds; i++) {
        mb_indicator *ind = c->m->inds[i];
        if (ind->integer) {
            mb_check *k = new_check(c);
            if (!k) return;
            k->id = "integer";
            k->ind = ind;
            k->kind = MB_DC_INTEGER;
            k->span = ind->span;
        }
        if (ind->part_of) {
            mb_check *k = new_check(c);
            if (!k) return;
            k->id = "part_of";
            k->ind = ind;
            k->other = ind->part_of;
            k->kind = MB_DC_CMP_IND;
            k->cmp = MB_CMP_LE;
            k->span = ind->span;
        }
    }
}
