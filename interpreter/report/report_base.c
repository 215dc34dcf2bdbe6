/* report_base.c — which base-year value a verdict used, for a deadline whose base a rule prints (`base
 * 2020 = 56.7`): the submitted value, or the printed one when the submission lacks it. Every
 * report says it in these words; none works it out again (the evaluator's trace records it). */
#include <stdio.h>
#include <string.h>

#include "report.h"

const char *mb_report_base_source(const mb_verdict *v)
{
    if (!v->rule->crit[v->goal].printed) return NULL; /* no printed base for this deadline's base year */
    if (v->trace.base_source == MB_BASE_PRINTED) return "printed";
    if (v->trace.base_source == MB_BASE_SUBMITTED) return "submitted";
    return NULL;
}

/* The submitted base value the verdict read (the trace keeps every value read). */
static int submitted(const mb_verdict *v, mb_num *out)
{
    for (unsigned i = 0; i < v->trace.nvals; i++)
        if (v->trace.val[i].role == MB_TV_BASE && v->trace.val[i].state == MB_TV_OK) {
            *out = v->trace.val[i].v;
            return 1;
        }
    return 0;
}

size_t mb_report_base_words(const mb_verdict *v, char *buf, size_t cap)
{
    const char *src = mb_report_base_source(v);
    const mb_printed *p = v->rule->printed;
    const char *unit = v->rule->ind ? v->rule->ind->unit.text : "";
    const char *sep = unit[0] && strcmp(unit, "%") ? " " : "";
    char a[MB_NUM_BUF], b[MB_NUM_BUF];
    mb_num x;
    int n = 0;
    if (cap) buf[0] = 0;
    if (!src) return 0;
    mb_num_format(p->value, 4, b, NULL);
    if (!strcmp(src, "printed")) n = snprintf(buf, cap, "base %d: printed %s%s%s", p->year, b, sep, unit);
    else if (submitted(v, &x) && !mb_num_eq(x, p->value)) {
        mb_num_format(x, 4, a, NULL);
        n = snprintf(buf, cap, "base %d: submitted %s%s%s, printed %s%s%s", p->year, a, sep, unit, b, sep, unit);
    } else n = snprintf(buf, cap, "base %d: submitted, as printed", p->year);
    return n < 0 ? 0 : (size_t)n < cap ? (size_t)n : cap ? cap - 1 : 0;
}
