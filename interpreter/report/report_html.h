/* report_html.h — the pieces of the HTML report (report_html*.c), shared between them only.
 * The report is one self-contained file: inline CSS and SVG, no script, no network. Every
 * string from the rules or the data is untrusted and goes out through mb_html_text. */
#ifndef MB_REPORT_HTML_H
#define MB_REPORT_HTML_H

#include <stdio.h>

#include "report.h"

/* Targets whose regions get a chart each (the rest are counted and shown in the matrix), and
 * the regions the matrix lists (problem regions first; all are in its totals row). */
enum { MB_HTML_CHARTS = 12, MB_HTML_MATRIX_ROWS = 500 };
enum { MB_HTML_NONE = 0xFF }; /* a matrix cell with no verdict */

/* What one walk over the verdicts collected: a status per region and column (rule ×
 * milestone), counts per column, and the order regions were first seen in. */
typedef struct mb_html {
    FILE *o;
    const mb_eval *e;
    const mb_filter *f;
    int zh;                  /* the plans speak Chinese: labels lead with Chinese words */
    const mb_rule **rules;   /* selected rules that gave a verdict, in report order */
    size_t nrules;
    size_t *col0;            /* per model rule: its first column; (size_t)-1 not seen yet */
    const mb_rule **colrule; /* per column */
    size_t *colgoal;
    size_t ncols, maxcols;
    unsigned char *st;       /* D->nregions × maxcols statuses (MB_HTML_NONE: no verdict) */
    size_t *count;           /* ncols × MB_ST_COUNT */
    size_t *rows;            /* data regions in the order first seen */
    size_t nrows;
    unsigned char *seen;     /* per data region */
    mb_pos *pos;             /* per model rule: its line, computed once */
    mb_tally t;
    int oom;
    const mb_prev *prev;     /* a previous run's statuses, or NULL */
} mb_html;

/* Text from the rules or the data, for element content and attribute values: & < > " '
 * escaped; control, bidi and invisible format characters and bytes that are not UTF-8
 * shown visibly ("<U+202E>", as on a terminal), so a name can neither run as markup nor
 * reorder or hide the text around it. */
void mb_html_text(FILE *o, const char *s);
void mb_html_textn(FILE *o, const char *s, size_t n);
/* A number as the reports write it (exact, else rounded to 4 places, marked ≈). */
void mb_html_num(FILE *o, mb_num v);
/* A status as a badge: symbol, word(s) and a colour class (never colour alone). */
void mb_html_badge(const mb_html *h, mb_status s);
const char *mb_html_status_word(const mb_html *h, mb_status s);
const char *mb_html_status_symbol(mb_status s);

/* A heading or label: "目标 Targets" when the plans speak Chinese, else "Targets". */
void mb_html_label(const mb_html *h, const char *en, const char *zh);

void mb_html_page_start(const mb_html *h);
void mb_html_page_end(const mb_html *h);
void mb_html_summary(const mb_html *h);
void mb_html_target(const mb_html *h, const mb_rule *r);
/* The meaning of milestone `goal` of a rule, in words, from its resolved criterion. */
void mb_html_meaning(const mb_html *h, const mb_rule *r, size_t goal);
/* The chart (and its table) of rule r for one region: the verdicts of its milestones. */
void mb_html_chart(const mb_html *h, const mb_rule *r, size_t region, const mb_verdict *v, size_t nv);
void mb_html_matrix(const mb_html *h);
void mb_html_errors(const mb_html *h);

#endif
