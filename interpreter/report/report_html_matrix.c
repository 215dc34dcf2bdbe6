/* report_html_matrix.c — regions × targets, a symbol per cell (colour is a second cue, the
 * symbol the first), and the submission errors with their file:line. For many regions the
 * matrix lists MB_HTML_MATRIX_ROWS of them, those with the most problems first, and its
 * totals row counts every region: 100,000 regions still make a page a browser opens at once. */
#include <stdlib.h>
#include <string.h>

#include "report_html.h"
#include "period.h"

static int problem(unsigned char s)
{
    return s == MB_ST_MISSED || s == MB_ST_ERROR || s == MB_ST_REGRESSING || s == MB_ST_NEEDS_ACCELERATION ||
           s == MB_ST_LIMITED_PROGRESS || s == MB_ST_BORDERLINE || s == MB_ST_UNSUPPORTED;
}

typedef struct rowkey { size_t bad, order, region; } rowkey;

static int worst_first(const void *a, const void *b)
{
    const rowkey *p = a, *q = b;
    if (p->bad != q->bad) return p->bad > q->bad ? -1 : 1;
    return (p->order > q->order) - (p->order < q->order);
}

static void head(const mb_html *h)
{
    FILE *o = h->o;
    fputs("<thead><tr><th scope=\"col\">region</th>", o);
    for (size_t c = 0; c < h->ncols; c++) {
        const mb_rule *r = h->colrule[c];
        fputs("<th scope=\"col\" title=\"", o);
        mb_html_text(o, r->label);
        fprintf(o, "\"><a href=\"#rule-%zu\">", r->index);
        mb_html_text(o, r->id);
        fputs("</a>", o);
        char pb[16];
        if (r->ngoals > 1) fprintf(o, "<br>%s", mb_period_text(r->crit[h->colgoal[c]].year, r->goals[h->colgoal[c]].sub, pb));
        fputs("</th>", o);
    }
    fputs("</tr></thead>\n", o);
}

static void totals(const mb_html *h)
{
    FILE *o = h->o;
    fputs("<tfoot><tr><th scope=\"row\">all regions</th>", o);
    for (size_t c = 0; c < h->ncols; c++) {
        const size_t *n = &h->count[c * MB_ST_COUNT];
        size_t bad = 0;
        for (int s = 0; s < MB_ST_COUNT; s++)
            if (problem((unsigned char)s)) bad += n[s];
        fprintf(o, "<td>✓%zu ✗%zu</td>", n[MB_ST_MET], bad);
    }
    fputs("</tr></tfoot>\n", o);
}

void mb_html_matrix(const mb_html *h)
{
    FILE *o = h->o;
    size_t n = h->nrows, keep = n < MB_HTML_MATRIX_ROWS ? n : MB_HTML_MATRIX_ROWS;
    rowkey *k = malloc((n + 1) * sizeof *k);
    fputs("<section id=\"matrix\"><h2>", o);
    mb_html_label(h, "Regions × targets", "地区 × 目标");
    fputs("</h2>\n", o);
    if (!k) { fputs("<p>(out of memory)</p></section>\n", o); return; }
    for (size_t i = 0; i < n; i++) {
        k[i] = (rowkey){0, i, h->rows[i]};
        for (size_t c = 0; c < h->ncols; c++) k[i].bad += problem(h->st[h->rows[i] * h->maxcols + c]);
    }
    if (n > keep) {
        qsort(k, n, sizeof *k, worst_first);
        fprintf(o, "<p class=\"more\">%zu regions: the %zu with the most targets missed or at risk are listed; the "
                   "totals row counts all of them.</p>\n", n, keep);
    }
    fputs("<table class=\"matrix\">\n", o);
    head(h);
    totals(h);
    fputs("<tbody>\n", o);
    for (size_t i = 0; i < keep; i++) {
        const unsigned char *st = &h->st[k[i].region * h->maxcols];
        fputs("<tr><th scope=\"row\" class=\"name\">", o);
        mb_html_text(o, h->e->D->region_names[k[i].region]);
        fputs("</th>", o);
        for (size_t c = 0; c < h->ncols; c++) {
            if (st[c] == MB_HTML_NONE) { fputs("<td></td>", o); continue; }
            const char *name = mb_status_name((mb_status)st[c]);
            fprintf(o, "<td class=\"s-%s\" title=\"%s\">%s</td>", name, name, mb_html_status_symbol((mb_status)st[c]));
        }
        fputs("</tr>\n", o);
    }
    fputs("</tbody></table>\n</section>\n", o);
    free(k);
}

static const char *const SEV[] = {"error", "warning", "note"};

void mb_html_errors(const mb_html *h)
{
    FILE *o = h->o;
    const mb_data *D = h->e->D;
    const mb_rowcount *rc = &D->count;
    fputs("<section id=\"errors\"><h2>", o);
    mb_html_label(h, "Submissions", "报送数据");
    fprintf(o, "</h2>\n<p id=\"rows\">%zu rows read: %zu used, %zu for indicators no rule reads, %zu for periods no rule "
               "reads, %zu for regions no plan reads, %zu duplicate, %zu rejected.</p>\n",
            rc->rows, rc->used, rc->unused_indicator, rc->unused_period, rc->unused_region, rc->duplicate, rc->rejected);
    if (!D->diags.n) { fputs("<p>No submission errors.</p>\n</section>\n", o); return; }
    fputs("<table class=\"diags\"><thead><tr><th scope=\"col\">where</th><th scope=\"col\">code</th>"
          "<th scope=\"col\">severity</th><th scope=\"col\">message</th></tr></thead>\n<tbody>\n", o);
    for (size_t i = 0; i < D->diags.n; i++) {
        const mb_diag *g = &D->diags.v[i];
        char code[16];
        fputs("<tr><td>", o);
        if (g->span.text) {
            mb_pos p = mb_span_pos(&g->span);
            mb_html_text(o, g->span.text->name);
            fprintf(o, ":%u:%u", p.line, p.col);
        }
        fprintf(o, "</td><td>%s</td><td>%s</td><td>", mb_code_str(g->code, code), SEV[g->sev < 3 ? g->sev : 0]);
        mb_html_text(o, g->msg);
        if (g->note) { fputs("<br>", o); mb_html_text(o, g->note); }
        fputs("</td></tr>\n", o);
    }
    fputs("</tbody></table>\n", o);
    if (D->diags.dropped || D->diags.dropped_warnings)
        fprintf(o, "<p>%zu more errors and %zu more warnings are not listed.</p>\n", D->diags.dropped,
                D->diags.dropped_warnings);
    fputs("</section>\n", o);
}
