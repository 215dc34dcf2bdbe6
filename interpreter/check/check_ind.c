/* check_ind.c — indicators (unit, direction, part of, derived formulas) and data checks. */
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "formula.h"
#include "xalloc.h"

/* Derived formulas: cycles, and how deep derived indicators are built on derived ones.
 *
 * A depth-first search with an explicit stack (a chain may be 200,000 indicators long)
 * computes each indicator's height: 0 for a plain indicator, 1 + the largest height of
 * what its formula refers to for a derived one. The height, not the depth at which the
 * search first met an indicator, is what the evaluator and data layout depend on, so the
 * limit holds whatever order the indicators are declared in. Colours: 0 unseen, 1 on the
 * current path, 2 finished. Reaching an indicator that is on the path closes a cycle: it is
 * reported at that indicator, whose formula is then dropped so nothing downstream follows
 * the cycle. An indicator too high is reported at its formula, which is dropped; the
 * indicators built on it are then not reported again (height -1). */
typedef struct dframe {
    mb_indicator *ind;
    mb_indicator **refs;
    size_t n, next;
} dframe;

static void collect_refs(const mb_fnode *e, mb_indicator ***v, size_t *n, size_t *cap, int *oom)
{
    if (!e || *oom) return;
    if (e->kind == MB_EX_REF && e->ind) {
        if (*n == *cap) {
            size_t nc = *cap ? *cap * 2 : 4;
            mb_indicator **nv = mb_realloc(*v, nc * sizeof *nv);
            if (!nv) { *oom = 1; return; }
            *v = nv;
            *cap = nc;
        }
        (*v)[(*n)++] = (mb_indicator *)e->ind; /* the model's own indicator */
    }
    collect_refs(e->l, v, n, cap, oom);
    collect_refs(e->r, v, n, cap, oom);
}

static int push_frame(dframe **st, size_t *sn, size_t *scap, mb_indicator *ind, unsigned char *colour)
{
    if (*sn == *scap) {
        size_t nc = *scap ? *scap * 2 : 64;
        dframe *ns = mb_realloc(*st, nc * sizeof *ns);
        if (!ns) return 0;
        *st = ns;
        *scap = nc;
    }
    dframe *f = &(*st)[(*sn)++];
    *f = (dframe){ind, NULL, 0, 0};
    size_t cap = 0;
    int oom = 0;
    collect_refs(ind->formula, &f->refs, &f->n, &cap, &oom);
    colour[ind->index] = 1;
    return !oom;
}

/* The height of a finished indicator, reporting one built too high. */
static int finish_height(mb_chk *c, const dframe *f, const int *height)
{
    mb_indicator *ind = f->ind;
    if (!ind->derived) return 0;
    int h = 0;
    for (size_t i = 0; i < f->n; i++) {
        int r = height[f->refs[i]->index];
        if (r < 0) return -1;
        if (r > h) h = r;
    }
    if (h + 1 <= MB_MAX_DERIVED_CHAIN) return h + 1;
    mb_diag_add(c->d, MB_D_DERIVED_TOO_DEEP, ind->derived->span,
                "derived indicators nested too deeply (more than %d levels)", MB_MAX_DERIVED_CHAIN - 1);
    ind->derived = NULL;
    ind->formula = NULL;
    return -1;
}

static void derived_heights(mb_chk *c, unsigned char *colour, int *height)
{
    dframe *st = NULL;
    size_t sn = 0, scap = 0;
    for (size_t i = 0; i < c->m->ninds && !c->oom; i++) {
        if (colour[i]) continue;
        if (!push_frame(&st, &sn, &scap, c->m->inds[i], colour)) { c->oom = 1; break; }
        while (sn && !c->oom) {
            dframe *f = &st[sn - 1];
            if (f->next < f->n) {
                mb_indicator *to = f->refs[f->next++];
                if (colour[to->index] == 1 && to->derived) {
                    mb_diag_add(c->d, MB_D_DERIVED_CYCLE, to->derived->span, "derived indicator '%s' depends on itself",
                                to->id);
                    to->derived = NULL;
                    to->formula = NULL;
                } else if (colour[to->index] == 0 && !push_frame(&st, &sn, &scap, to, colour)) {
                    c->oom = 1;
                }
                continue;
            }
            height[f->ind->index] = finish_height(c, f, height);
            colour[f->ind->index] = 2;
            free(f->refs);
            sn--;
        }
    }
    while (sn) free(st[--sn].refs);
    free(st);
}

static void check_one(mb_chk *c, mb_indicator *ind, const mb_ast_indicator *a)
{
    if (!a->has_unit) {
        mb_diag_add(c->d, MB_D_INDICATOR_NO_UNIT, a->id.span, "indicator '%s' has no unit: add 'unit …' (unit 1 for a pure number)", a->id.text);
        mb_unit_parse("", &ind->unit);
    } else {
        mb_uniterr ue = mb_unit_parse(a->unit.key, &ind->unit);
        if (ue) mb_diag_add(c->d, MB_D_BAD_UNIT, a->unit.span, "%s: '%s'", mb_uniterr_str(ue), a->unit.text);
        ind->unit.text = a->unit.text;
    }
    if (!a->direction)
        mb_diag_add(c->d, MB_D_INDICATOR_NO_DIRECTION, a->id.span,
                    "indicator '%s' has no direction: add 'higher' or 'lower' (which is better)", a->id.text);
    if (!a->name.text)
        mb_diag_add(c->d, MB_D_INDICATOR_NO_NAME, a->id.span,
                    "indicator '%s' has no printed name: add the name used in the plan", a->id.text);
    if (a->part_of.text) {
        ind->part_of = mb_chk_ref(c, &a->part_of, 0);
        if (ind->part_of == ind) {
            mb_diag_add(c->d, MB_D_PART_OF_ITSELF, a->part_of.span, "indicator '%s' cannot be part of itself", a->id.text);
            ind->part_of = NULL;
        }
    }
}

void mb_chk_indicators(mb_chk *c)
{
    for (size_t i = 0; i < c->m->ninds; i++) {
        check_one(c, c->m->inds[i], c->m->inds[i]->ast);
    }
    /* formulas and part-of need every unit known */
    for (size_t i = 0; i < c->m->ninds; i++) mb_chk_formula(c, c->m->inds[i]);
    for (size_t i = 0; i < c->m->ninds; i++) {
        mb_indicator *ind = c->m->inds[i];
        if (ind->part_of && !mb_unit_same_base(&ind->unit, &ind->part_of->unit))
            mb_diag_add(c->d, MB_D_PART_OF_UNIT, ind->span,
                        "'%s' is part of '%s' but is measured in '%s', not '%s'", ind->id,
                        ind->part_of->id, ind->unit.text, ind->part_of->unit.text);
    }
    unsigned char *colour = mb_arena_alloc(&c->m->arena, c->m->ninds + 1);
    int *height = mb_arena_alloc(&c->m->arena, (c->m->ninds + 1) * sizeof *height);
    if (!colour || !height) { c->oom = 1; return; }
    derived_heights(c, colour, height);
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
    k->span = MB_SPAN(a->span);
    switch (a->kind) {
    case MB_CHECK_INTEGER: k->kind = MB_DC_INTEGER; break;
    case MB_CHECK_BETWEEN:
        k->kind = MB_DC_BETWEEN;
        if (mb_chk_quantity(c, &a->a, ind, &k->a) && mb_chk_quantity(c, &a->b, ind, &k->b) &&
            mb_num_cmp(k->a, k->b) > 0)
            mb_diag_add(c->d, MB_D_INVERTED_RANGE, a->b.span, "inverted range: the upper bound is below the lower");
        break;
    case MB_CHECK_CMP:
        if (a->other.text) {
            k->kind = MB_DC_CMP_IND;
            k->other = mb_chk_ref(c, &a->other, a->other_is_name);
            if (k->other && !mb_unit_same_base(&ind->unit, &k->other->unit))
                mb_diag_add(c->d, MB_D_CHECK_UNITS, a->other.span,
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
