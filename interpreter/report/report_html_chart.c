/* report_html_chart.c — a small inline SVG per target and region: the submitted values by
 * year, the bounds of each milestone (a band when there are two), the path from the base to
 * the target (straight, or compound for a growth rate), the running sum of a total, the
 * reference region's value, and the as-of line. Each point carries its numbers in a <title>
 * (shown on hover) and a table beside the chart gives them all to a screen reader.
 * Everything drawn comes from the store and the verdicts' traces; positions are computed in
 * floating point, which only places marks on the page. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "report_html.h"

enum { W = 288, H = 132, L = 44, R = 8, T = 8, B = 18 };

typedef struct pt {
    int year;
    mb_num v;
    double y;
    const mb_obs *obs;   /* the row it came from (NULL: derived, or no row) */
} pt;

typedef struct chart {
    const mb_html *h;
    const mb_rule *r;
    size_t region;
    pt *val;             /* the region's values, by year */
    size_t nval;
    pt ref[MB_TRACE_MAX];/* the reference region's values */
    size_t nref;
    int x0, x1;
    double y0, y1;
    int have_y;
} chart;

static void add_val(chart *c, int year, mb_num v, const mb_obs *obs)
{
    for (size_t i = 0; i < c->nval; i++)
        if (c->val[i].year == year) return;
    c->val[c->nval++] = (pt){year, v, mb_num_to_double(v), obs};
}

static int by_year(const void *a, const void *b)
{
    const pt *p = a, *q = b;
    return (p->year > q->year) - (p->year < q->year);
}

/* The stored values of a plain indicator (derived ones are never stored: the traces give
 * those the verdicts used), then every value the verdicts used. */
static void values(chart *c, const mb_verdict *v, size_t nv)
{
    const mb_eval *e = c->h->e;
    const mb_indicator *ind = c->r->ind;
    if (ind) {
        int y0 = e->D->first_year[ind->index];
        for (int k = 0; k < e->D->nyears[ind->index]; k++) {
            int y = y0 + k;
            const mb_obs *o = y <= e->as_of ? mb_data_obs(e->D, c->region, ind, y) : NULL;
            if (o && o->state == MB_OBS_PRESENT) add_val(c, y, mb_obs_value(o), o);
        }
    }
    for (size_t g = 0; g < nv; g++)
        for (unsigned i = 0; i < v[g].trace.nvals; i++) {
            const mb_tval *t = &v[g].trace.val[i];
            if (t->state != MB_TV_OK || t->ind != ind) continue;
            if (t->role == MB_TV_REF && c->nref < MB_TRACE_MAX)
                c->ref[c->nref++] = (pt){t->year, t->v, mb_num_to_double(t->v), t->obs};
            else if (t->region == c->region && t->role != MB_TV_INPUT) add_val(c, t->year, t->v, t->obs);
        }
    qsort(c->val, c->nval, sizeof *c->val, by_year);
}

static void span_x(chart *c, int y)
{
    if (!y) return;
    if (!c->x0 || y < c->x0) c->x0 = y;
    if (!c->x1 || y > c->x1) c->x1 = y;
}

static void span_y(chart *c, double y)
{
    if (!isfinite(y)) return;
    if (!c->have_y || y < c->y0) c->y0 = y;
    if (!c->have_y || y > c->y1) c->y1 = y;
    c->have_y = 1;
}

static double px(const chart *c, double year) { return L + (year - c->x0) * (W - L - R) / (c->x1 - c->x0); }
static double py(const chart *c, double y) { return T + (c->y1 - y) * (H - T - B) / (c->y1 - c->y0); }

enum { SUM_MAX = 64 }; /* years of a running sum drawn */

/* A running sum over the years of a total, as far as the values go. */
static int running_sum(const chart *c, const mb_crit *cr, double *sum, int *years)
{
    int n = 0;
    double s = 0;
    for (size_t i = 0; i < c->nval && n < SUM_MAX; i++) {
        if (c->val[i].year < cr->y1 || c->val[i].year > cr->y2) continue;
        s += c->val[i].y;
        sum[n] = s;
        years[n++] = c->val[i].year;
    }
    return n;
}

static void extent(chart *c, const mb_verdict *v, size_t nv)
{
    c->have_y = 0;
    c->x0 = c->x1 = 0;
    for (size_t i = 0; i < c->nval; i++) { span_x(c, c->val[i].year); span_y(c, c->val[i].y); }
    for (size_t i = 0; i < c->nref; i++) { span_x(c, c->ref[i].year); span_y(c, c->ref[i].y); }
    for (size_t g = 0; g < nv; g++) {
        const mb_trace *t = &v[g].trace;
        const mb_crit *cr = &c->r->crit[v[g].goal];
        span_x(c, v[g].year);
        span_x(c, cr->y1);
        if (t->has_bounds && t->lo.on) span_y(c, mb_num_to_double(t->lo.v));
        if (t->has_bounds && t->hi.on) span_y(c, mb_num_to_double(t->hi.v));
        if (v[g].has_target) span_y(c, mb_num_to_double(v[g].target));
        if (t->has_base) { span_x(c, t->base_year); span_y(c, mb_num_to_double(t->base)); }
        if (cr->kind == MB_CRIT_SUM) {
            double sum[SUM_MAX];
            int ys[SUM_MAX];
            int n = running_sum(c, cr, sum, ys);
            if (n) span_y(c, sum[n - 1]);
        }
    }
    span_x(c, c->h->e->as_of);
    if (!c->have_y) { c->y0 = 0; c->y1 = 1; }
    if (c->x0 == c->x1) { c->x0--; c->x1++; }
    double pad = (c->y1 - c->y0) * 0.08;
    if (pad <= 0) pad = fabs(c->y1) * 0.1 + 1;
    c->y0 -= pad;
    c->y1 += pad;
}

static void where(const mb_html *h, const mb_obs *o)
{
    if (!o || o->state == MB_OBS_ABSENT) return;
    fputs(" — ", h->o);
    mb_html_text(h->o, mb_data_file_name(h->e->D, o->file));
    fprintf(h->o, ":%u", (unsigned)o->line);
}

static void point(const chart *c, const pt *p, const char *cls, const char *who)
{
    FILE *o = c->h->o;
    fprintf(o, "<circle class=\"%s\" cx=\"%.1f\" cy=\"%.1f\" r=\"2.5\"><title>", cls, px(c, p->year), py(c, p->y));
    if (who) { mb_html_text(o, who); fputc(' ', o); }
    fprintf(o, "%d: ", p->year);
    mb_html_num(o, p->v);
    where(c->h, p->obs);
    fputs("</title></circle>", o);
}

static void hline(const chart *c, int xa, int xb, mb_num v, const char *cls, const char *what, int year)
{
    FILE *o = c->h->o;
    double y = py(c, mb_num_to_double(v));
    fprintf(o, "<line class=\"%s\" x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\"><title>%s %d: ", cls,
            px(c, xa) - 4, y, px(c, xb) + 4, y, what, year);
    mb_html_num(o, v);
    fputs("</title></line>", o);
}

/* Base to target: straight, or compound (a constant growth rate) when the criterion is an
 * annual growth or progress is measured as growth. */
static void path(const chart *c, const mb_verdict *v)
{
    const mb_trace *t = &v->trace;
    const mb_crit *cr = &c->r->crit[v->goal];
    int from = t->has_base ? t->base_year : t->pace != MB_PACE_NONE ? t->pace_from : 0;
    if (!from || from >= v->year) return;
    double b = NAN, goal = t->pace != MB_PACE_NONE ? mb_num_to_double(t->pace_target)
                                                    : v->has_target ? mb_num_to_double(v->target) : NAN;
    if (t->has_base) b = mb_num_to_double(t->base);
    for (size_t i = 0; i < c->nval && isnan(b); i++)
        if (c->val[i].year == from) b = c->val[i].y;
    if (!isfinite(b) || !isfinite(goal)) return;
    int compound = (cr->scale == MB_SCALE_COMPOUND || t->pace == MB_PACE_GROWTH) && b > 0 && goal > 0;
    FILE *o = c->h->o;
    fputs("<polyline class=\"path\" points=\"", o);
    int n = v->year - from;
    for (int k = 0; k <= n; k++) {
        double f = (double)k / n, y = compound ? b * pow(goal / b, f) : b + (goal - b) * f;
        fprintf(o, "%s%.1f,%.1f", k ? " " : "", px(c, from + k), py(c, y));
    }
    fprintf(o, "\"><title>%s path from %d to %d</title></polyline>", compound ? "compound" : "straight", from,
            v->year);
}

static void bounds(const chart *c, const mb_verdict *v)
{
    const mb_trace *t = &v->trace;
    const mb_crit *cr = &c->r->crit[v->goal];
    if (!t->has_bounds) return;
    int xa = cr->kind == MB_CRIT_EACH ? cr->y1 : v->year, xb = v->year;
    if (t->lo.on && t->hi.on) {
        double ya = py(c, mb_num_to_double(t->hi.v)), yb = py(c, mb_num_to_double(t->lo.v));
        fprintf(c->h->o, "<rect class=\"band\" x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\"><title>band %d: ",
                px(c, xa) - 4, ya, px(c, xb) - px(c, xa) + 8, yb - ya > 1 ? yb - ya : 1, v->year);
        mb_html_num(c->h->o, t->lo.v);
        fputs(" – ", c->h->o);
        mb_html_num(c->h->o, t->hi.v);
        fputs("</title></rect>", c->h->o);
    }
    if (t->lo.on) hline(c, xa, xb, t->lo.v, "tgt", t->lo.strict ? "above" : "at least", v->year);
    if (t->hi.on) hline(c, xa, xb, t->hi.v, "tgt", t->hi.strict ? "below" : "at most", v->year);
}

static void series(const chart *c, const mb_verdict *v, size_t nv)
{
    FILE *o = c->h->o;
    if (c->nval > 1) {
        fputs("<polyline class=\"val\" points=\"", o);
        for (size_t i = 0; i < c->nval; i++) fprintf(o, "%s%.1f,%.1f", i ? " " : "", px(c, c->val[i].year), py(c, c->val[i].y));
        fputs("\"/>", o);
    }
    for (size_t i = 0; i < c->nval; i++) point(c, &c->val[i], "pt", NULL);
    for (size_t i = 0; i < c->nref; i++) point(c, &c->ref[i], "ref", c->r->crit[0].region);
    for (size_t g = 0; g < nv; g++) {
        const mb_crit *cr = &c->r->crit[v[g].goal];
        if (cr->kind != MB_CRIT_SUM) continue;
        double sum[SUM_MAX];
        int ys[SUM_MAX];
        int n = running_sum(c, cr, sum, ys);
        fputs("<polyline class=\"sum\" points=\"", o);
        for (int i = 0; i < n; i++) fprintf(o, "%s%.1f,%.1f", i ? " " : "", px(c, ys[i]), py(c, sum[i]));
        fputs("\"><title>running sum</title></polyline>", o);
    }
}

static void axes(const chart *c)
{
    FILE *o = c->h->o;
    fprintf(o, "<line class=\"ax\" x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\"/>", L, H - B, W - R, H - B);
    fprintf(o, "<line class=\"ax\" x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\"/>", L, T, L, H - B);
    fprintf(o, "<text x=\"%d\" y=\"%d\">%d</text><text x=\"%d\" y=\"%d\" text-anchor=\"end\">%d</text>", L, H - 4,
            c->x0, W - R, H - 4, c->x1);
    fprintf(o, "<text x=\"%d\" y=\"%d\" text-anchor=\"end\">%.4g</text>", L - 3, T + 8, c->y1);
    fprintf(o, "<text x=\"%d\" y=\"%d\" text-anchor=\"end\">%.4g</text>", L - 3, H - B, c->y0);
    int a = c->h->e->as_of;
    if (a >= c->x0 && a <= c->x1)
        fprintf(o, "<line class=\"asof\" x1=\"%.1f\" y1=\"%d\" x2=\"%.1f\" y2=\"%d\"><title>as of %d</title></line>",
                px(c, a), T, px(c, a), H - B, a);
}

/* The same numbers as a table, for screen readers (and print). */
static void table(const chart *c, const mb_verdict *v, size_t nv)
{
    FILE *o = c->h->o;
    fputs("<table class=\"sr\"><caption>", o);
    mb_html_text(o, c->r->id);
    fputs(" — ", o);
    mb_html_text(o, c->h->e->D->region_names[c->region]);
    fputs("</caption><tr><th scope=\"col\">period</th><th scope=\"col\">value</th><th scope=\"col\">row</th></tr>", o);
    for (size_t i = 0; i < c->nval; i++) {
        fprintf(o, "<tr><td>%d</td><td>", c->val[i].year);
        mb_html_num(o, c->val[i].v);
        fputs("</td><td>", o);
        where(c->h, c->val[i].obs);
        fputs("</td></tr>", o);
    }
    for (size_t g = 0; g < nv; g++) {
        char crit[256];
        mb_report_criterion(&v[g], crit, sizeof crit, 1);
        fprintf(o, "<tr><td>%d</td><td>target ", v[g].year);
        mb_html_text(o, crit);
        fputs("</td><td>", o);
        fputs(mb_status_name(v[g].status), o);
        fputs("</td></tr>", o);
    }
    fputs("</table>\n", o);
}

void mb_html_chart(const mb_html *h, const mb_rule *r, size_t region, const mb_verdict *v, size_t nv)
{
    const mb_indicator *ind = r->ind;
    size_t cap = (ind ? (size_t)h->e->D->nyears[ind->index] : 0) + nv * MB_TRACE_MAX + 1;
    chart c = {.h = h, .r = r, .region = region, .val = malloc(cap * sizeof(pt))};
    if (!c.val) return;
    values(&c, v, nv);
    extent(&c, v, nv);
    FILE *o = h->o;
    fprintf(o, "<svg viewBox=\"0 0 %d %d\" width=\"%d\" height=\"%d\" role=\"img\" aria-label=\"", W, H, W, H);
    mb_html_text(o, r->id);
    fputs(" ", o);
    mb_html_text(o, h->e->D->region_names[region]);
    fputs(": values, target and path\">", o);
    axes(&c);
    for (size_t g = 0; g < nv; g++) {
        bounds(&c, &v[g]);
        path(&c, &v[g]);
    }
    series(&c, v, nv);
    fputs("</svg>\n", o);
    table(&c, v, nv);
    free(c.val);
}
