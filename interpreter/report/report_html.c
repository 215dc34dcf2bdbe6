/* report_html.c — the verdicts as one self-contained HTML page for people who look rather
 * than read: a summary of counts, a section per target with its phrase, its meaning and a
 * chart per region, a regions × targets matrix and the submission errors. One walk collects
 * a status per region and target (a byte each: 2 MB for 100,000 regions × 20 targets); the
 * charts of the regions shown ask the evaluator for their verdicts again, with their traces.
 * The page and its styles are in report_html_page.c, the parts in report_html_*.c. */
#include <stdlib.h>
#include <string.h>

#include "report_html.h"
#include "xalloc.h"

static void collect(void *ctx, const mb_verdict *v)
{
    mb_html *h = ctx;
    const mb_rule *r = v->rule;
    if (h->col0[r->index] == (size_t)-1) {
        h->col0[r->index] = h->ncols;
        h->rules[h->nrules++] = r;
        for (size_t g = 0; g < r->ngoals && h->ncols < h->maxcols; g++) {
            h->colrule[h->ncols] = r;
            h->colgoal[h->ncols++] = g;
        }
    }
    size_t col = h->col0[r->index] + v->goal;
    if (col >= h->maxcols) return;
    h->st[v->region * h->maxcols + col] = (unsigned char)v->status;
    h->count[col * MB_ST_COUNT + v->status]++;
    if (!h->seen[v->region]) {
        h->seen[v->region] = 1;
        h->rows[h->nrows++] = v->region;
    }
}

/* Do the rules speak Chinese? (a CJK character in a plan name, label or phrase) */
static int chinese(const mb_model *m)
{
    for (size_t i = 0; i < m->nrules; i++) {
        const char *s[] = {m->rules[i]->label, m->rules[i]->phrase, m->rules[i]->plan ? m->rules[i]->plan->name : NULL};
        for (size_t k = 0; k < 3; k++)
            for (const unsigned char *p = (const unsigned char *)s[k]; p && *p; p++)
                if (*p >= 0xE3 && *p <= 0xE9) return 1;
    }
    return 0;
}

static int setup(mb_html *h, FILE *out, const mb_eval *e, const mb_filter *f)
{
    const mb_model *m = e->m;
    memset(h, 0, sizeof *h);
    h->o = out;
    h->e = e;
    h->f = f;
    h->zh = chinese(m);
    for (size_t i = 0; i < m->nrules; i++)
        if (mb_filter_rule(f, m->rules[i])) h->maxcols += m->rules[i]->ngoals;
    size_t nreg = e->D->nregions;
    h->rules = calloc(m->nrules + 1, sizeof *h->rules);
    h->col0 = malloc((m->nrules + 1) * sizeof *h->col0);
    h->colrule = calloc(h->maxcols + 1, sizeof *h->colrule);
    h->colgoal = calloc(h->maxcols + 1, sizeof *h->colgoal);
    h->st = malloc(nreg * h->maxcols + 1);
    h->count = calloc(h->maxcols * MB_ST_COUNT + 1, sizeof *h->count);
    h->rows = malloc((nreg + 1) * sizeof *h->rows);
    h->seen = calloc(nreg + 1, 1);
    h->pos = calloc(m->nrules + 1, sizeof *h->pos);
    if (!h->rules || !h->col0 || !h->colrule || !h->colgoal || !h->st || !h->count || !h->rows || !h->seen || !h->pos)
        return 0;
    memset(h->col0, 0xFF, (m->nrules + 1) * sizeof *h->col0);
    memset(h->st, MB_HTML_NONE, nreg * h->maxcols);
    return 1;
}

static void release(mb_html *h)
{
    free(h->rules);
    free(h->col0);
    free(h->colrule);
    free(h->colgoal);
    free(h->st);
    free(h->count);
    free(h->rows);
    free(h->seen);
    free(h->pos);
}

mb_tally mb_report_html(FILE *out, const mb_eval *e, const mb_filter *f) { return mb_report_html_prev(out, e, f, NULL); }

mb_tally mb_report_html_prev(FILE *out, const mb_eval *e, const mb_filter *f, const mb_prev *prev)
{
    mb_html h;
    mb_tally t;
    memset(&t, 0, sizeof t);
    if (!setup(&h, out, e, f)) {
        release(&h);
        t.error = 1;
        return t;
    }
    h.prev = prev && prev->status ? prev : NULL;
    h.t = t = mb_report_walk(e, f, collect, &h);
    mb_html_page_start(&h);
    mb_html_summary(&h);
    fputs("<section id=\"targets\"><h2>", out);
    mb_html_label(&h, "Targets", "目标");
    fputs("</h2>\n", out);
    for (size_t i = 0; i < h.nrules; i++) mb_html_target(&h, h.rules[i]);
    fputs("</section>\n", out);
    mb_html_matrix(&h);
    mb_html_errors(&h);
    mb_html_page_end(&h);
    release(&h);
    return t;
}
