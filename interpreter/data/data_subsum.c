/* data_subsum.c — a flow's yearly value against the sum of its quarters or months. A flow's
 * year is the sum of its parts (output, investment), so a submission whose four quarters or
 * twelve months add up to something else holds a typo, a revision or a part in the wrong
 * unit; the yearly value is what yearly targets after the year's end read, and the parts are
 * what they read before it, so the two would silently give different answers. Only the
 * indicators a rule reads by quarter or month keep their parts (data.h), so only those are
 * compared. */
#include <string.h>

#include "ingest.h"
#include "model.h"
#include "period.h"

/* The sum of subs first..first+n-1 of a year when every one is present; 0 when one is
 * missing, rejected, or the sum overflows. *at is the first part's row. */
static int sum_parts(const mb_data *D, size_t region, const mb_indicator *ind, int year, int first,
                     int n, mb_num *sum, const mb_obs **at)
{
    *sum = mb_num_int(0);
    for (int s = first; s < first + n; s++) {
        const mb_obs *o = mb_data_obs_sub(D, region, ind, year, s);
        if (!o || o->state != MB_OBS_PRESENT || mb_num_add(*sum, mb_obs_value(o), sum) != MB_NUM_OK) return 0;
        if (s == first) *at = o;
    }
    return 1;
}

static void warn(mb_data *D, size_t region, const mb_indicator *ind, int year, const mb_obs *y,
                 mb_num sum, const mb_obs *part, const char *parts)
{
    char a[MB_NUM_BUF], b[MB_NUM_BUF];
    mb_num_format(mb_obs_value(y), 0, a, NULL);
    mb_num_format(sum, 0, b, NULL);
    int room = D->diags.warnings < D->diags.max_errors;
    mb_diag *g = mb_diag_add(&D->diags, MB_D_PARTS_SUM_DIFFERS,
                             room ? mb_ingest_line_span(D, y->file, y->line) : mb_span_none(),
                             "the %d value of flow '%s' for %s is %s %s, its %s sum to %s %s: yearly targets after "
                             "the year's end read the yearly value, earlier ones the %s",
                             year, ind->id, D->region_names[region], a, ind->unit.text, parts, b,
                             ind->unit.text, parts);
    if (g && room) mb_diag_note(g, mb_ingest_line_span(D, part->file, part->line), "the first of the %s", parts);
}

static void check_indicator(mb_data *D, size_t region, const mb_indicator *ind)
{
    int y0 = D->sub_first[ind->index];
    for (int year = y0; year < y0 + D->sub_nyears[ind->index]; year++) {
        const mb_obs *y = mb_data_obs(D, region, ind, year), *part = NULL;
        if (!y || y->state != MB_OBS_PRESENT) continue;
        mb_num sum, yv = mb_obs_value(y);
        if (sum_parts(D, region, ind, year, MB_SUB_Q1, 4, &sum, &part) && !mb_num_eq(sum, yv))
            warn(D, region, ind, year, y, sum, part, "four quarters");
        if (sum_parts(D, region, ind, year, 1, 12, &sum, &part) && !mb_num_eq(sum, yv))
            warn(D, region, ind, year, y, sum, part, "twelve months");
    }
}

void mb_data_check_parts(mb_data *D, size_t from, size_t to)
{
    /* streaming lets regions go as it reads, and the last ones after mb_data_finish */
    if (from < D->parts_checked) from = D->parts_checked;
    if (to <= from) return;
    D->parts_checked = to;
    const mb_model *m = D->model;
    for (size_t i = 0; i < m->ninds; i++) {
        const mb_indicator *ind = m->inds[i];
        if (ind->flow <= 0 || ind->derived || !D->sub_nyears || !D->sub_nyears[ind->index]) continue;
        for (size_t r = from; r < to; r++) check_indicator(D, r, ind);
    }
}
