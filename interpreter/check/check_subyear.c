/* check_subyear.c — targets due in a quarter or a month (by 2025Q1, by 2025-03).
 * A quarter's value means something only when the indicator says what kind of amount it is:
 * a flow's quarter is that quarter's own amount (output, investment), a stock's is the level
 * at the quarter's end (firms, balances). Forms that compare with a whole base year or
 * compound over years have no meaning for a part of a year. */
#include "check.h"
#include "period.h"

/* The span the goal's deadline was written at. */
static mb_aspan due_span(const mb_ast_target *t, size_t i)
{
    if (i < t->ngoals && t->goals[i].by.span.text) return t->goals[i].by.span;
    return t->by.span.text ? t->by.span : t->id.span;
}

/* Forms that judge one value (or one value against the same period a year before): they can
 * be due in a quarter or a month. A comparison with another region is yearly only for now. */
static int form_takes_subyear(mb_form f)
{
    switch (f) {
    case MB_FORM_COMPARE: case MB_FORM_ABOUT: case MB_FORM_INTERVAL: case MB_FORM_RANGE:
    case MB_FORM_YOY: case MB_FORM_QUALITATIVE:
        return 1;
    default:
        return 0;
    }
}

void mb_chk_subyear(mb_chk *c, const mb_rule *r, const mb_ast_target *t)
{
    for (size_t i = 0; i < r->ngoals; i++) {
        const mb_rgoal *g = &r->goals[i];
        if (!g->sub || !g->year) continue;
        char pb[16];
        const char *p = mb_period_text(g->year, g->sub, pb);
        mb_aspan sp = due_span(t, i);
        if (!form_takes_subyear(t->form)) {
            mb_diag_add(c->d, MB_D_SUBYEAR_FORM, sp,
                        "target '%s' is measured from a base year or over whole years: it cannot be due in %s "
                        "(write 'by %d', or state the quarter's own value)", t->id.text, p, g->year);
            return;
        }
        if (r->ind && !r->ind->flow && t->form != MB_FORM_QUALITATIVE) {
            mb_diag *d = mb_diag_add(c->d, MB_D_SUBYEAR_UNDECLARED, sp,
                                     "target '%s' is due in %s, but '%s' is read by whole years: declare it "
                                     "'flow' (a quarter's own amount) or 'stock' (the level at its end)",
                                     t->id.text, p, r->ind->id);
            mb_diag_note(d, r->ind->span, "'%s' defined here", r->ind->id);
            return;
        }
        const mb_plan *pl = r->plan;
        if (pl && ((pl->base && g->year <= pl->base) || (pl->last_deadline && g->year > pl->last_deadline)))
            mb_diag_add(c->d, MB_D_SUBYEAR_HORIZON, sp, "%s is outside the years of plan '%s' (%d..%d)", p, pl->id,
                        pl->base ? pl->base + 1 : g->year, pl->last_deadline ? pl->last_deadline : g->year);
    }
}
