/* report_html_target.c — one section per target: the plan's words (the phrase), what the
 * target means in words (read from its resolved criterion, crit.h: never worked out from the
 * form again), the counts of its verdicts, and a chart for each of the first regions —
 * problem regions first — with every region in the matrix. */
#include <stdlib.h>
#include <string.h>

#include "report_html.h"
#include "period.h"

static void unit(const mb_html *h, const mb_indicator *ind)
{
    const char *u = ind && ind->unit.text && strcmp(ind->unit.text, "1") ? ind->unit.text : "";
    if (!u[0]) return;
    if (strcmp(u, "%")) fputc(' ', h->o);
    mb_html_text(h->o, u);
}

/* "at least 2.74 %", "more than 1.5 × the 2015 value", "1.15^5 × the 2015 value" */
static void bound_value(const mb_html *h, const mb_rule *r, const mb_crit *c, mb_num v)
{
    FILE *o = h->o;
    if (c->scale == MB_SCALE_BASE && c->kind == MB_CRIT_REGION && mb_num_eq(v, mb_num_int(1))) {
        fputs("the value of ", o);  /* "more than the value of 江苏省" */
        mb_html_text(o, c->region);
        return;
    }
    if (c->scale == MB_SCALE_OFFSET) { /* "the 2020 value − 3 percentage points" */
        fprintf(o, "the %d value %s ", c->base_year, mb_num_sign(v) < 0 ? "−" : "+");
        mb_html_num(o, mb_num_abs(v));
        fputs(" percentage points", o);
        return;
    }
    if (r->form == MB_FORM_SHARE_REGION) mb_html_text(o, r->goals[0].text); /* 1/3, not ≈0.3333 */
    else mb_html_num(o, v);
    if (c->scale == MB_SCALE_COMPOUND) fprintf(o, "<sup>%u</sup> × the %d value", c->years, c->base_year);
    else if (c->scale == MB_SCALE_BASE && c->kind == MB_CRIT_REGION) {
        fputs(" × the value of ", o);
        mb_html_text(o, c->region);
    } else if (c->scale == MB_SCALE_BASE) fprintf(o, " × the %d value", c->base_year);
    else unit(h, r->ind);
}

static void bounds(const mb_html *h, const mb_rule *r, const mb_crit *c)
{
    FILE *o = h->o;
    if (c->lo.on && c->hi.on) {
        if (mb_num_eq(c->lo.v, c->hi.v) && !c->lo.strict && !c->hi.strict) {
            fputs("exactly ", o);
            bound_value(h, r, c, c->lo.v);
            return;
        }
        fputs(c->lo.strict ? "above " : "from ", o);
        mb_html_num(o, c->lo.v);
        fputs(c->hi.strict ? " to below " : " to ", o);
        bound_value(h, r, c, c->hi.v);
        return;
    }
    const mb_limit *l = c->lo.on ? &c->lo : &c->hi;
    if (c->lo.on) fputs(l->strict ? "more than " : "at least ", o);
    else fputs(l->strict ? "less than " : "at most ", o);
    bound_value(h, r, c, l->v);
}

void mb_html_meaning(const mb_html *h, const mb_rule *r, size_t goal)
{
    FILE *o = h->o;
    const mb_crit *c = &r->crit[goal];
    char pb[16];
    switch (c->kind) {
    case MB_CRIT_NONE: fputs("qualitative: nothing to compare a value with", o); return;
    case MB_CRIT_VALUE: fprintf(o, "the value of %s is ", mb_period_text(c->year, r->goals[goal].sub, pb)); break;
    case MB_CRIT_EACH: fprintf(o, "every yearly value of %d–%d is ", c->y1, c->y2); break;
    case MB_CRIT_SUM: fprintf(o, "the sum of the yearly values of %d–%d is ", c->y1, c->y2); break;
    case MB_CRIT_STEPS:
        fprintf(o, "every year of %d–%d the value is %s than the year before", c->y1, c->y2,
                c->dir > 0 ? "higher" : "lower");
        return;
    case MB_CRIT_REGION:
        fprintf(o, "the value of %d is ", c->year);
        break;
    }
    bounds(h, r, c);
    if (c->kind == MB_CRIT_REGION && c->scale == MB_SCALE_NONE) {
        fputs(" (compared with ", o);
        mb_html_text(o, c->region);
        fputs(")", o);
    }
    if (c->tol.den && mb_num_sign(c->tol)) {
        fputs(" (about ", o);
        mb_html_num(o, c->named);
        fputs(" ± ", o);
        mb_html_num(o, c->tol);
        fputs(c->two_sided ? ", both sides)" : ")", o);
    }
    if (c->mark_kind == MB_MARK_STRETCH) {
        fputs("; stretch: ", o);
        mb_html_num(o, c->mark.v);
    } else if (c->mark_kind == MB_MARK_EXCEEDED) {
        fputs(c->dir < 0 ? "; below " : "; above ", o);
        if (c->scale == MB_SCALE_NONE) mb_html_num(o, c->mark.v);
        else bound_value(h, r, c, c->mark.v); /* a factor of the year before */
        fputs(" it is exceeded", o);
    }
}

static void meta(const mb_html *h, const mb_rule *r)
{
    FILE *o = h->o;
    fputs("<p class=\"meta\">", o);
    if (r->plan) {
        mb_html_text(o, r->plan->name ? r->plan->name : r->plan->id);
        fputs(" · ", o);
    }
    if (r->ind) {
        mb_html_text(o, r->ind->name ? r->ind->name : r->ind->id);
        fputs(" (<code>", o);
        mb_html_text(o, r->ind->id);
        fputs("</code>", o);
        unit(h, r->ind);
        fprintf(o, ", %s is better)", r->ind->direction < 0 ? "lower" : "higher");
    }
    if (r->category) { fputs(" · ", o); mb_html_text(o, r->category); }
    for (size_t i = 0; i < r->nowners; i++) {
        fputs(i ? ", " : " · ", o);
        mb_html_text(o, r->owners[i].text);
    }
    if (r->binding || r->aspiration) { /* attributes: shown, never part of a verdict */
        fputs(" · <span class=\"attr\">", o);
        mb_html_text(o, mb_attr_text(r->binding, r->aspiration));
        fputs("</span>", o);
    }
    if (r->span.text) {
        mb_pos p = mb_report_rule_pos(r, h->pos);
        fputs(" · <span class=\"loc\">", o);
        mb_html_text(o, r->span.text->name);
        fprintf(o, ":%u</span>", p.line);
    }
    fputs("</p>\n", o);
}

static int problem(unsigned char s)
{
    return s == MB_ST_MISSED || s == MB_ST_ERROR || s == MB_ST_REGRESSING || s == MB_ST_NEEDS_ACCELERATION ||
           s == MB_ST_LIMITED_PROGRESS;
}

/* The worst of a region's statuses for a rule's columns: MB_HTML_NONE when it has none. */
static unsigned char region_state(const mb_html *h, const mb_rule *r, size_t region, int *bad)
{
    size_t c0 = h->col0[r->index];
    unsigned char any = MB_HTML_NONE;
    *bad = 0;
    for (size_t g = 0; g < r->ngoals && c0 + g < h->maxcols; g++) {
        unsigned char s = h->st[region * h->maxcols + c0 + g];
        if (s == MB_HTML_NONE) continue;
        any = s;
        if (problem(s)) *bad = 1;
    }
    return any;
}

/* Up to MB_HTML_CHARTS regions: those with a problem first, then the others, each in
 * report order. Returns how many regions have a verdict of r in all. */
static size_t pick(const mb_html *h, const mb_rule *r, size_t *out, size_t *nout)
{
    size_t n = 0, total = 0;
    int bad;
    for (int pass = 0; pass < 2; pass++)
        for (size_t i = 0; i < h->nrows; i++) {
            size_t rg = h->rows[i];
            if (region_state(h, r, rg, &bad) == MB_HTML_NONE) continue;
            if (!pass) total++;
            if (bad == !pass && n < MB_HTML_CHARTS) out[n++] = rg;
        }
    *nout = n;
    return total;
}

static void counts(const mb_html *h, const mb_rule *r)
{
    FILE *o = h->o;
    size_t c0 = h->col0[r->index];
    for (size_t g = 0; g < r->ngoals && c0 + g < h->maxcols; g++) {
        fputs("<li>", o);
        char pb[16];
        if (r->crit[g].year) fprintf(o, "<strong>%s</strong>: ", mb_period_text(r->crit[g].year, r->goals[g].sub, pb));
        mb_html_meaning(h, r, g);
        fputs("<br>", o);
        for (int s = 0; s < MB_ST_COUNT; s++) {
            size_t n = h->count[(c0 + g) * MB_ST_COUNT + s];
            if (!n) continue;
            mb_html_badge(h, (mb_status)s);
            fprintf(o, " %zu &nbsp; ", n);
        }
        fputs("</li>\n", o);
    }
}

/* The status the previous run gave this verdict, when there was one: what changed since the
 * last submission is seen beside what is. */
static void before(const mb_html *h, const mb_rule *r, size_t region, size_t goal)
{
    const char *s = h->prev->status(h->prev->ctx, r->id, h->e->D->region_names[region], goal);
    int st = s ? mb_status_parse(s, strlen(s)) : -1;
    if (st < 0) return;
    fputs(" <span class=\"before\">", h->o);
    mb_html_label(h, "before:", "上次:");
    fputc(' ', h->o);
    mb_html_badge(h, (mb_status)st);
    fputs("</span>", h->o);
}

static void region_figure(const mb_html *h, const mb_rule *r, size_t region, mb_verdict *v)
{
    FILE *o = h->o;
    char pb[16];
    for (size_t g = 0; g < r->ngoals; g++) mb_eval_verdict(h->e, r, g, region, &v[g]);
    fputs("<figure class=\"region\"><figcaption><strong>", o);
    mb_html_text(o, h->e->D->region_names[region]);
    fputs("</strong>", o);
    for (size_t g = 0; g < r->ngoals; g++) {
        fputc(' ', o);
        if (r->ngoals > 1) fprintf(o, "%s ", mb_period_text(v[g].year, v[g].sub, pb));
        mb_html_badge(h, v[g].status);
        if (h->prev) before(h, r, region, g);
    }
    fputs("<br>", o);
    for (size_t g = 0; g < r->ngoals; g++) {
        char crit[256];
        mb_report_criterion(&v[g], crit, sizeof crit, 1);
        if (g) fputs("; ", o);
        if (v[g].has_actual) {
            mb_html_num(o, v[g].actual);
            fprintf(o, " (%s)", mb_period_text(v[g].actual_year, v[g].actual_sub, pb));
        } else fputs("—", o);
        fputs(" vs ", o);
        mb_html_text(o, crit);
        if (v[g].detail[0]) {
            fputs(": ", o);
            mb_html_text(o, v[g].detail);
        }
        char base[256];
        if (mb_report_base_words(&v[g], base, sizeof base)) { /* the rule prints its base */
            fputs(v[g].detail[0] ? "; " : ": ", o);
            mb_html_text(o, base);
        }
    }
    fputs("</figcaption>\n", o);
    mb_html_chart(h, r, region, v, r->ngoals);
    fputs("</figure>\n", o);
}

void mb_html_target(const mb_html *h, const mb_rule *r)
{
    FILE *o = h->o;
    fprintf(o, "<section class=\"target\" id=\"rule-%zu\" data-rule=\"", r->index);
    mb_html_text(o, r->id);
    fputs("\">\n<header><h3><code>", o);
    mb_html_text(o, r->id);
    fputs("</code> ", o);
    mb_html_text(o, r->label);
    fputs("</h3>\n", o);
    meta(h, r);
    fputs("</header>\n", o);
    for (size_t i = 0; i < r->nphrases; i++) { /* a restated target has several */
        fputs("<blockquote class=\"phrase\">", o);
        mb_html_text(o, r->phrases[i].text);
        fputs("</blockquote>\n", o);
    }
    fputs("<ul class=\"meaning\">\n", o);
    counts(h, r);
    fputs("</ul>\n", o);
    size_t shown[MB_HTML_CHARTS], nshown;
    size_t total = pick(h, r, shown, &nshown);
    mb_verdict *v = malloc((r->ngoals + 1) * sizeof *v);
    if (v && nshown) {
        fputs("<div class=\"charts\">\n", o);
        for (size_t i = 0; i < nshown; i++) region_figure(h, r, shown[i], v);
        fputs("</div>\n", o);
    }
    free(v);
    if (total > nshown)
        fprintf(o, "<p class=\"more\">%zu more regions are counted above and shown in the <a href=\"#matrix\">matrix"
                   "</a>; <code>--region NAME</code> gives a report of one.</p>\n", total - nshown);
    fputs("</section>\n", o);
}
