/* check_printed.c — a base value printed in the plan (`base 2020 = 56.7`, 基期值): its unit,
 * and whether the target reads a base value of that year for one region, so that the value
 * can stand in for a missing one. What it means in a verdict is the criterion's (crit.h:
 * mb_crit.printed); the evaluator reads it there. */
#include "check.h"

void mb_chk_printed_value(mb_chk *c, mb_rule *r, const mb_ast_target *t)
{
    const mb_ast_tclauses *cl = t->cl;
    if (!cl->pbase.span.text) return;
    if (!r->ind) { /* a qualitative target without an indicator: no unit, and no base either */
        mb_diag_add(c->d, MB_D_PRINTED_BASE_NO_BASE, cl->pbase_span,
                    "'base %d = %s' prints a base value, but target '%s' reads none: it is qualitative",
                    cl->pbase_year.year, mb_chk_text_of(c, cl->pbase.span), r->id);
        return;
    }
    mb_num v;
    if (!mb_chk_quantity(c, &cl->pbase, r->ind, &v)) return;
    mb_printed *p = mb_arena_alloc(&c->m->arena, sizeof *p); /* most rules print none: not in mb_rule */
    if (!p) { c->oom = 1; return; }
    *p = (mb_printed){cl->pbase_year.year, v, mb_chk_text_of(c, cl->pbase.span), MB_SPAN(cl->pbase_span)};
    r->printed = p;
}

/* Why a criterion reads no base value, for MB4026. */
static const char *no_base_why(const mb_rule *r, const mb_crit *k)
{
    if (r->yoy_rate) return "it judges the growth rate the submission reports";
    switch (k->kind) {
    case MB_CRIT_NONE: return "it is qualitative";
    case MB_CRIT_EACH: return "it judges every year of a period by itself";
    case MB_CRIT_SUM: return "it judges a total over a period";
    case MB_CRIT_STEPS: return "it compares each year with the one before";
    case MB_CRIT_REGION: return "it compares with another region";
    case MB_CRIT_VALUE: break;
    }
    return "it has no base year (add 'from YEAR', or a base to its plan)";
}

/* The span a base year was written at: the form's own (cut … from 2020), the target's
 * `from`, else the clause itself (the plan's base is in another statement). */
static mb_aspan base_year_span(const mb_ast_target *t)
{
    if (t->args->y1.span.text && t->form != MB_FORM_YOY) return t->args->y1.span;
    if (t->cl->from.span.text) return t->cl->from.span;
    return t->cl->pbase_year.span;
}

void mb_chk_printed_use(mb_chk *c, const mb_rule *r, const mb_ast_target *t)
{
    const mb_ast_tclauses *cl = t->cl;
    if (!r->printed || !r->crit) return;
    int used = 0, any_base = 0;
    for (size_t g = 0; g < r->ngoals; g++) {
        used |= r->crit[g].printed != NULL;
        any_base |= r->crit[g].kind == MB_CRIT_VALUE && r->crit[g].base_year && !r->yoy_rate;
    }
    if (!any_base) {
        mb_diag_add(c->d, MB_D_PRINTED_BASE_NO_BASE, cl->pbase_span,
                    "'base %d = %s' prints a base value, but target '%s' reads none: %s", r->printed->year,
                    r->printed->text, r->id, no_base_why(r, &r->crit[0]));
        return;
    }
    if (!used && r->form == MB_FORM_YOY) {
        mb_diag_add(c->d, MB_D_PRINTED_BASE_YEAR, cl->pbase_year.span,
                    "the printed base is for %d, but target '%s' reads no value of %d: each year is judged against "
                    "the year before it (%d for %d)", r->printed->year, r->id, r->printed->year, r->crit[0].base_year,
                    r->crit[0].year);
        return;
    }
    if (!used) {
        mb_diag *g = mb_diag_add(c->d, MB_D_PRINTED_BASE_YEAR, cl->pbase_year.span,
                                 "the printed base is for %d, but the base year of target '%s' is %d",
                                 r->printed->year, r->id, r->crit[0].base_year);
        if (g && base_year_span(t).start != cl->pbase_year.span.start) mb_diag_note(g, base_year_span(t), "its base year");
        return;
    }
    size_t n = r->nregions ? r->nregions : r->plan ? r->plan->nregions : 0;
    if (n != 1)
        mb_diag_add(c->d, MB_D_PRINTED_BASE_REGIONS, cl->pbase_span,
                    "a printed base value is one region's, but target '%s' is evaluated for %s: name that region "
                    "on the target (region \"…\") or in its plan", r->id, n ? "several regions" : "every region in the data");
}
