/* report_gap.c — the relative gap as the text reports print it. */
#include <math.h>
#include <stdio.h>

#include "report.h"

int mb_report_rel_gap(const mb_verdict *v, char *buf, size_t cap)
{
    if (!v->has_gap || !v->has_rel_gap || !mb_num_sign(v->gap)) return 0;
    double pct = mb_num_to_double(v->rel_gap) * 100;
    /* one decimal, as people read percentages; below what one decimal shows, say so rather
     * than print a zero for a target that was missed */
    if (fabs(pct) < 0.05) snprintf(buf, cap, "<0.1%%");
    else snprintf(buf, cap, "%+.1f%%", pct);
    return 1;
}
