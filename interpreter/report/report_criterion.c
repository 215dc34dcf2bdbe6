/* report_criterion.c — what a verdict compared the value with, in the words every report
 * uses: the comparison (">=", "between", …) and the criterion as a reader states it
 * ("≥ 2.74", "≥ 1140 (1200 ±5%)", "1..2", "≥ 1 (stretch 2)"). Read from the rule's resolved
 * criterion and the verdict, never worked out again. */
#include <stdio.h>
#include <string.h>

#include "report.h"

const char *mb_report_comparison(const mb_verdict *v)
{
    const mb_crit *c = &v->rule->crit[v->goal];
    if (c->kind == MB_CRIT_NONE) return NULL;
    if (c->kind == MB_CRIT_STEPS) return c->dir > 0 ? "rising" : "falling";
    if (c->lo.on && c->hi.on)
        return mb_num_eq(c->lo.v, c->hi.v) && !c->lo.strict && !c->hi.strict ? "=" : "between";
    if (c->lo.on) return c->lo.strict ? ">" : ">=";
    return c->hi.strict ? "<" : "<=";
}

typedef struct sb { char *p; size_t n, cap; } sb;

static void add(sb *b, const char *s)
{
    size_t k = strlen(s);
    if (b->n + k >= b->cap) k = b->cap > b->n + 1 ? b->cap - b->n - 1 : 0;
    memcpy(b->p + b->n, s, k);
    b->n += k;
    b->p[b->n] = 0;
}

static void addnum(sb *b, mb_num v, int mark)
{
    char buf[MB_NUM_BUF];
    int exact = 1;
    mb_num_format(v, 4, buf, &exact);
    if (!exact && mark) add(b, "≈");
    add(b, buf);
}

static void addint(sb *b, int v)
{
    char buf[16];
    snprintf(buf, sizeof buf, "%d", v);
    add(b, buf);
}

size_t mb_report_criterion(const mb_verdict *v, char *buf, size_t cap, int mark)
{
    sb b = {buf, 0, cap};
    if (cap) buf[0] = 0;
    const mb_rule *r = v->rule;
    const mb_crit *c = &r->crit[v->goal];
    switch (r->form) {
    case MB_FORM_QUALITATIVE: add(&b, "—"); return b.n;
    case MB_FORM_ABOUT:
        if (!c->two_sided) {
            add(&b, c->lo.on ? "≥ " : "≤ ");
            addnum(&b, c->lo.on ? c->lo.v : c->hi.v, mark);
            add(&b, " (");
        }
        addnum(&b, r->a, mark);
        add(&b, " ±");
        addnum(&b, r->b, mark);
        if (r->tol_relative) add(&b, "%");
        if (!c->two_sided) add(&b, ")");
        return b.n;
    case MB_FORM_INTERVAL:
        addnum(&b, r->a, mark);
        add(&b, "..");
        addnum(&b, r->b, mark);
        return b.n;
    case MB_FORM_RANGE:
        add(&b, "≥ ");
        addnum(&b, r->a, mark);
        add(&b, " (stretch ");
        addnum(&b, r->b, mark);
        add(&b, ")");
        return b.n;
    case MB_FORM_CUT: add(&b, "≤ "); break;
    case MB_FORM_GROW: add(&b, "≥ "); break;
    case MB_FORM_RISES:
    case MB_FORM_FALLS:
        if (!v->has_target) { add(&b, r->form == MB_FORM_RISES ? "rising" : "falling"); return b.n; }
        add(&b, r->form == MB_FORM_RISES ? "> " : "< ");
        break;
    default:
        add(&b, mb_cmp_sym(r->cmp));
        add(&b, " ");
    }
    if (v->has_target) addnum(&b, v->target, mark);
    else if (r->form == MB_FORM_COMPARE) addnum(&b, r->goals[v->goal].value, mark);
    else if (r->form == MB_FORM_EACH_YEAR || r->form == MB_FORM_CUMULATIVE) addnum(&b, r->a, mark);
    else if (r->form == MB_FORM_RELATIVE) {
        addnum(&b, r->a, mark);
        add(&b, " × ");
        addint(&b, r->base_year);
    } else if (r->form == MB_FORM_CUT || r->form == MB_FORM_GROW || r->form == MB_FORM_ANNUAL_GROWTH) {
        addint(&b, r->base_year);
        add(&b, r->form == MB_FORM_CUT ? " −" : " +");
        addnum(&b, r->a, mark);
        add(&b, r->form == MB_FORM_ANNUAL_GROWTH ? "%/yr" : "%");
    } else if (r->form != MB_FORM_ABOVE_REGION) add(&b, "?");
    if (r->form == MB_FORM_EACH_YEAR) add(&b, " each year");
    else if (r->form == MB_FORM_CUMULATIVE) add(&b, " total");
    else if (r->form == MB_FORM_ABOVE_REGION) {
        if (v->has_target) add(&b, " ");
        add(&b, r->region);
    }
    return b.n;
}
