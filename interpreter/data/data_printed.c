/* data_printed.c — a submitted base-year value against the one the plan prints beside a
 * target (`base 2020 = 56.7`). The submitted value is the one used; a difference is worth a
 * warning that names both values and where each came from, since one of them is a typo or
 * a revision the analyst should know of. */
#include <string.h>

#include "ingest.h"
#include "model.h"

/* The one region a target with a printed base is for (the checker requires one). */
static const mb_str *printed_region(const mb_rule *r)
{
    if (r->nregions == 1) return &r->regions[0];
    if (!r->nregions && r->plan && r->plan->nregions == 1) return &r->plan->regions[0];
    return NULL;
}

static void compare_printed(mb_data *D, const mb_rule *r)
{
    const mb_str *reg = printed_region(r);
    long ix = reg ? mb_data_region(D, reg->key) : -1;
    if (ix < 0 || !r->ind || r->ind->derived) return;
    const mb_obs *o = mb_data_obs(D, (size_t)ix, r->ind, r->printed->year);
    if (!o || o->state != MB_OBS_PRESENT || mb_num_eq(mb_obs_value(o), r->printed->value)) return;
    char x[MB_NUM_BUF];
    mb_num_format(mb_obs_value(o), 0, x, NULL);
    mb_span sp = D->diags.warnings < D->diags.max_errors ? mb_ingest_line_span(D, o->file, o->line) : mb_span_none();
    mb_diag *g = mb_diag_add(&D->diags, MB_D_BASE_DIFFERS, sp,
                             "the submitted %d value of '%s' for %s is %s %s, the plan prints %s for target '%s': "
                             "the submitted value is used", r->printed->year, r->ind->id, reg->text, x,
                             r->ind->unit.text, r->printed->text, r->id);
    mb_diag_note(g, r->printed->span, "printed base of target '%s'", r->id);
}

void mb_data_check_printed(mb_data *D)
{
    const mb_model *m = D->model;
    for (size_t i = 0; i < m->nrules; i++)
        if (m->rules[i]->printed) compare_printed(D, m->rules[i]);
}
