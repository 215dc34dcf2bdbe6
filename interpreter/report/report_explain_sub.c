/* report_explain_sub.c — explain for verdicts read from quarters and months: a target due in
 * a quarter or month, a flow's year to date, a stock's latest quarter. Like the rest of
 * explain it shows the verdict's trace (each value with its period and row, the bounds, the
 * pace) and computes nothing. */
#include <string.h>

#include "period.h"
#include "report.h"

static const char *unit_of(const mb_indicator *ind)
{
    return ind && ind->unit.text[0] && strcmp(ind->unit.text, "1") ? ind->unit.text : "";
}

static void qty(FILE *o, mb_num v, const mb_indicator *ind)
{
    mb_report_num(o, v, 1);
    const char *u = unit_of(ind);
    if (u[0]) fprintf(o, " %s", u);
}

static const char *role_word(const mb_verdict *v, const mb_tval *tv)
{
    switch (tv->role) {
    case MB_TV_BASE: return v->trace.ytd_sub ? " (the same period a year before)" : " (base)";
    case MB_TV_LATEST: return " (latest)";
    case MB_TV_INPUT: return " (input)";
    default: return "";
    }
}

/* "    value in 2025Q1: 101 亿元 (data.csv line 6)", for every value the verdict used. */
static void values(FILE *o, const mb_eval *e, const mb_verdict *v)
{
    const mb_trace *t = &v->trace;
    char pb[16];
    for (unsigned i = 0; i < t->nvals; i++) {
        const mb_tval *tv = &t->val[i];
        fprintf(o, "    value of %s in %s%s: ", tv->ind ? tv->ind->id : "?", mb_period_text(tv->year, tv->sub, pb),
                role_word(v, tv));
        switch (tv->state) {
        case MB_TV_OK:
            qty(o, tv->v, tv->ind);
            if (tv->obs && tv->obs->state != MB_OBS_ABSENT)
                fprintf(o, " (%s line %u)", mb_data_file_name(e->D, tv->obs->file), (unsigned)tv->obs->line);
            break;
        case MB_TV_REJECTED: fputs("rejected (see the submission errors)", o); break;
        case MB_TV_LATE: fputs("after the data taken into account", o); break;
        default: fputs("none submitted", o);
        }
        fputc('\n', o);
    }
    if (t->dropped) fprintf(o, "    (and %u more values)\n", t->dropped);
}

int mb_explain_subyear(FILE *o, const mb_eval *e, const mb_verdict *v)
{
    const mb_trace *t = &v->trace;
    const mb_rule *r = v->rule;
    if (!v->sub && !t->ytd_sub && !t->latest_sub) return 0;
    char pb[16], crit[256];
    int n = t->ytd_sub ? mb_sub_last_month(t->ytd_sub) : 0;
    if (t->ytd_sub)
        fprintf(o, "    the year is not over in the data: '%s' is a flow, so its year to date (%s, %d of 12 months) "
                "is judged against %s\n", r->ind->id, mb_period_text(v->year, t->ytd_sub, pb), n,
                t->has_base ? "the same months of the year before, grown as the target says"
                            : "the share of the year's target due by then");
    else if (t->latest_sub)
        fprintf(o, "    the year is not over in the data: '%s' is a stock, so its latest level (%s) is the latest value\n",
                r->ind->id, mb_period_text(v->year, t->latest_sub, pb));
    values(o, e, v);
    if (t->ytd_sub && v->has_actual) {
        fprintf(o, "    year to date through %s: ", mb_period_text(v->year, t->ytd_sub, pb));
        qty(o, v->actual, r->ind);
        fputc('\n', o);
    }
    if (t->ytd_sub && t->has_base) {
        fputs("    the same months a year before: ", o);
        qty(o, t->base, r->ind);
        fputc('\n', o);
    }
    mb_report_criterion_in(v, crit, sizeof crit, 1, unit_of(r->ind));
    if (v->has_target || t->has_bounds) fprintf(o, "    target%s: %s\n", t->ytd_sub ? " for the year to date" : "", crit);
    if (t->pace != MB_PACE_NONE)
        fprintf(o, "    pace from %d to %s: %+.2f%s a year achieved, %+.2f%s needed\n", t->pace_from,
                mb_period_text(v->actual_year, v->actual_sub, pb), t->pace == MB_PACE_GROWTH ? t->got * 100 : t->got,
                t->pace == MB_PACE_GROWTH ? "%" : "", t->pace == MB_PACE_GROWTH ? t->needed * 100 : t->needed,
                t->pace == MB_PACE_GROWTH ? "%" : "");
    fprintf(o, "    → %s", mb_status_name(v->status));
    if (v->detail[0]) fprintf(o, ": %s", v->detail);
    fputc('\n', o);
    return 1;
}
