/* report_text.c — the verdicts as a table for people: grouped by plan and region, columns
 * aligned by display width (a Chinese character takes two columns), over-long labels cut with
 * "…". The report streams: only the rows of the current plan × region are held, to measure
 * the columns, so memory does not grow with the number of regions. */
#include <stdlib.h>
#include <string.h>

#include "report.h"
#include "text.h"
#include "xalloc.h"
#include "period.h"

/* C_ATTR (binding, expected, aspiration) is shown only in a group where a rule states one. */
enum { C_RULE, C_LABEL, C_STATUS, C_ACTUAL, C_TARGET, C_GAP, C_UNIT, C_BY, C_ATTR, C_NOTE, NCOL };
static const char *const HEAD[NCOL] = {"rule", "label", "status", "actual", "target", "gap", "unit", "by", "attribute", "note"};
static const int RIGHT[NCOL] = {0, 0, 0, 1, 1, 1, 0, 0, 0, 0};
#define LABEL_MAX 30 /* columns */

typedef struct trow {
    size_t off[NCOL];
    size_t width[NCOL];      /* display width of each cell */
    mb_status st;
} trow;

typedef struct text_ctx {
    FILE *out;
    const mb_eval *e;
    int color;
    /* the current group */
    int started, headed;   /* a group is open; its region heading is out */
    const mb_plan *plan;
    size_t region;
    trow *rows;
    size_t nrows, rowcap;
    char *buf;
    size_t len, cap;
    int oom;
    size_t missed_binding; /* the more serious findings: the summary says how many */
} text_ctx;

/* ---- cells ----------------------------------------------------------------------------- */

static int reserve(text_ctx *c, size_t more)
{
    if (c->len + more <= c->cap) return 1;
    size_t cap = c->cap ? c->cap : 4096;
    while (cap < c->len + more) cap *= 2;
    char *nb = mb_realloc(c->buf, cap);
    if (!nb) return 0;
    c->buf = nb;
    c->cap = cap;
    return 1;
}

/* Append to the cell being built, cleaned for a terminal: control, bidi and invisible
 * characters (an ESC or a "\n" in a label, a U+202E in a region name) are shown as <U+001B>
 * (mb_term_clean). Most cells are printable ASCII and are copied as they are. */
static void put(text_ctx *c, const char *s, size_t n)
{
    size_t i = 0;
    while (i < n && (unsigned char)s[i] >= 0x20 && (unsigned char)s[i] < 0x7F) i++;
    size_t w = i == n ? n : i + mb_term_clean(NULL, s + i, n - i);
    if (!reserve(c, w + 1)) { c->oom = 1; return; }
    memcpy(c->buf + c->len, s, i);
    if (i < n) mb_term_clean(c->buf + c->len + i, s + i, n - i);
    c->len += w;
}

static void puts_(text_ctx *c, const char *s) { if (s) put(c, s, strlen(s)); }

/* Display width; plain ASCII (most cells) is one column a byte. */
static size_t width(const char *s, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if ((unsigned char)s[i] >= 0x80) return mb_text_width(s, n);
    return n;
}

/* Close the cell that started at `off`, recording where it is and how wide. */
static void end_cell(text_ctx *c, trow *row, int k, size_t off)
{
    if (!reserve(c, 1)) { c->oom = 1; return; }
    c->buf[c->len++] = 0;
    row->off[k] = off;
    row->width[k] = width(c->buf + off, c->len - 1 - off);
}

static void put_num(text_ctx *c, mb_num v, int sign)
{
    char buf[MB_NUM_BUF];
    int exact = 1;
    mb_num_format(v, 4, buf, &exact);
    if (!exact) puts_(c, "≈");
    if (sign && mb_num_sign(v) > 0) puts_(c, "+");
    puts_(c, buf);
}

/* s cut to at most `max` columns, "…" marking the cut. */
static void put_cut(text_ctx *c, const char *s, size_t max)
{
    size_t n = strlen(s);
    if (mb_text_width(s, n) <= max) { put(c, s, n); return; }
    size_t i = 0, w = 0;
    while (i < n) {
        int32_t cp;
        size_t k = mb_utf8_decode((const unsigned char *)s + i, n - i, &cp);
        if (!k) k = 1;
        size_t cw = mb_text_width(s + i, k);
        if (w + cw > max - 1) break;
        w += cw;
        i += k;
    }
    put(c, s, i);
    puts_(c, "…");
}

/* The threshold as a reader would state it: "≥ 2.74", "≥ 1140 (1200 ±5%)", "1..2". */
static void put_target(text_ctx *c, const mb_verdict *v)
{
    char buf[256];
    mb_report_criterion(v, buf, sizeof buf, 1);
    puts_(c, buf);
}

static void add_row(text_ctx *c, const mb_verdict *v)
{
    if (c->nrows == c->rowcap) {
        size_t cap = c->rowcap ? c->rowcap * 2 : 64;
        trow *nr = mb_realloc(c->rows, cap * sizeof *nr);
        if (!nr) { c->oom = 1; return; }
        c->rows = nr;
        c->rowcap = cap;
    }
    const mb_rule *r = v->rule;
    trow *row = &c->rows[c->nrows];
    size_t len0 = c->len, at;
    row->st = v->status;
    char buf[64];

    at = c->len;
    puts_(c, r->id);
    end_cell(c, row, C_RULE, at);

    at = c->len;
    const char *label = r->label ? r->label : r->ind && r->ind->name ? r->ind->name : r->ind ? r->ind->id : "";
    put_cut(c, label, LABEL_MAX);
    end_cell(c, row, C_LABEL, at);

    at = c->len;
    puts_(c, mb_status_name(v->status));
    end_cell(c, row, C_STATUS, at);

    at = c->len;
    if (v->has_actual) {
        put_num(c, v->actual, 0);
        if (v->actual_year != v->year || v->actual_sub != v->sub) {
            char pb[16];
            snprintf(buf, sizeof buf, " (%s)", mb_period_text(v->actual_year, v->actual_sub, pb));
            puts_(c, buf);
        }
    }
    end_cell(c, row, C_ACTUAL, at);

    at = c->len;
    put_target(c, v);
    end_cell(c, row, C_TARGET, at);

    at = c->len;
    if (v->has_gap) {
        put_num(c, v->gap, 1);
        /* relative to the target: not for a band or a step, whose "target" is one end */
        const mb_crit *k = &r->crit[v->goal];
        char rel[24];
        if (k->kind != MB_CRIT_STEPS && mb_crit_shape_of(k) != MB_SHAPE_BETWEEN && mb_report_rel_gap(v, rel, sizeof rel)) {
            snprintf(buf, sizeof buf, " (%s)", rel);
            puts_(c, buf);
        }
    }
    end_cell(c, row, C_GAP, at);

    at = c->len;
    if (r->ind && strcmp(r->ind->unit.text, "1")) puts_(c, r->ind->unit.text);
    end_cell(c, row, C_UNIT, at);

    at = c->len;
    if (v->year) puts_(c, mb_period_text(v->year, v->sub, buf));
    end_cell(c, row, C_BY, at);

    at = c->len;
    puts_(c, mb_attr_text(r->binding, r->aspiration));
    end_cell(c, row, C_ATTR, at);

    at = c->len;
    puts_(c, v->detail);
    if (mb_report_base_words(v, buf, sizeof buf)) { /* which base, when the rule prints one */
        if (v->detail[0]) puts_(c, "; ");
        puts_(c, buf);
    }
    end_cell(c, row, C_NOTE, at);
    if (c->oom) c->len = len0;
    else c->nrows++;
}

/* ---- printing -------------------------------------------------------------------------- */

static const char *status_color(mb_status s)
{
    switch (s) {
    case MB_ST_MET: return "\033[32m";
    case MB_ST_MISSED: return "\033[31m";
    case MB_ST_ON_TRACK:
    case MB_ST_NEEDS_ACCELERATION:
    case MB_ST_LIMITED_PROGRESS:
    case MB_ST_REGRESSING: return "\033[33m";
    case MB_ST_NO_DATA:
    case MB_ST_NOT_ASSESSABLE: return "\033[2m";
    default: return "\033[1;31m";
    }
}

/* A name in a heading, cleaned for a terminal (mb_term_put). */
static void name_out(FILE *o, const char *s) { mb_term_puts(o, s); }

static void pad(FILE *o, size_t n)
{
    static const char spaces[] = "                                                                ";
    for (; n > sizeof spaces - 1; n -= sizeof spaces - 1) fwrite(spaces, 1, sizeof spaces - 1, o);
    fwrite(spaces, 1, n, o);
}

/* w[k] == 0: the column is left out of the group. */
static void print_line(text_ctx *c, const char *const *cells, const size_t *cws, const size_t *w, int color,
                       mb_status st)
{
    FILE *o = c->out;
    /* the last column printed: trailing empty cells are left out, so lines end cleanly */
    int last = NCOL - 1;
    while (last > 0 && (!cells[last][0] || !w[last])) last--;
    fputs("    ", o);
    for (int k = 0; k <= last; k++) {
        if (!w[k]) continue;
        size_t cw = cws[k];
        size_t fill = w[k] > cw ? w[k] - cw : 0;
        if (k) fputs("  ", o);
        if (RIGHT[k]) pad(o, fill);
        if (color && k == C_STATUS) fprintf(o, "%s%s\033[0m", status_color(st), cells[k]);
        else fputs(cells[k], o);
        if (!RIGHT[k] && k < last) pad(o, fill);
    }
    fputc('\n', o);
}

static void flush(text_ctx *c)
{
    if (!c->started || !c->nrows) return;
    size_t w[NCOL], hw[NCOL];
    const char *cells[NCOL];
    for (int k = 0; k < NCOL; k++) w[k] = hw[k] = strlen(HEAD[k]);
    int attr = 0;
    for (size_t i = 0; i < c->nrows; i++) {
        attr |= c->rows[i].width[C_ATTR] > 0;
        for (int k = 0; k < NCOL; k++)
            if (c->rows[i].width[k] > w[k]) w[k] = c->rows[i].width[k];
    }
    if (!attr) w[C_ATTR] = 0;
    if (!c->headed) {
        fputs("\n  ", c->out);
        name_out(c->out, c->e->D->region_names[c->region]);
        fputc('\n', c->out);
        print_line(c, HEAD, hw, w, 0, MB_ST_MET);
        c->headed = 1;
    }
    for (size_t i = 0; i < c->nrows; i++) {
        for (int k = 0; k < NCOL; k++) cells[k] = c->buf + c->rows[i].off[k];
        print_line(c, cells, c->rows[i].width, w, c->color, c->rows[i].st);
    }
    c->nrows = 0;
    c->len = 0;
}

static void plan_heading(text_ctx *c, const mb_plan *p)
{
    FILE *o = c->out;
    if (c->started) fputc('\n', o);
    if (!p) { fputs("Targets outside any plan\n", o); return; }
    name_out(o, p->id);
    if (p->name) { fputs("  ", o); name_out(o, p->name); }
    if (p->number) { fputs("  ", o); name_out(o, p->number); }
    fputc('\n', o);
}

static void text_row(void *ctx, const mb_verdict *v)
{
    text_ctx *c = ctx;
    const mb_plan *p = v->rule->plan;
    c->missed_binding += v->status == MB_ST_MISSED && v->rule->binding > 0;
    if (!c->started || p != c->plan || v->region != c->region) {
        flush(c);
        if (!c->started || p != c->plan) plan_heading(c, p);
        c->started = 1;
        c->plan = p;
        c->region = v->region;
        c->headed = 0;
    }
    add_row(c, v);
    if (!c->oom) return;
    /* Out of memory for the table: print the rows held, and try again with the room they
     * leave; the table then loses its alignment, never a verdict. */
    c->oom = 0;
    flush(c);
    add_row(c, v);
    if (!c->oom) return;
    c->oom = 0;
    if (!c->headed) {
        fputs("\n  ", c->out);
        name_out(c->out, c->e->D->region_names[c->region]);
        fputc('\n', c->out);
    }
    c->headed = 1;
    fprintf(c->out, "    %s  %s\n", v->rule->id, mb_status_name(v->status));
}

mb_tally mb_report_text(FILE *out, const mb_eval *e, const mb_filter *f, int color)
{
    text_ctx c;
    memset(&c, 0, sizeof c);
    c.out = out;
    c.e = e;
    c.color = color;
    if (f->as_of && f->as_of->key) { /* which "now" the verdicts are about, and why */
        fputs("as of ", out);
        mb_term_puts(out, f->as_of->period);
        fputs(": ", out);
        mb_term_puts(out, f->as_of->why);
        if (e->as_of != f->as_of->key / 100) fprintf(out, "; whole years up to %d", e->as_of);
        fputs("\n\n", out);
    }
    mb_tally t = mb_report_walk(e, f, text_row, &c);
    flush(&c);
    free(c.rows);
    free(c.buf);
    if (!t.verdicts) {
        fputs("No verdicts: no target and region match.\n", out);
        return t;
    }
    fprintf(out, "\n%zu verdict%s:", t.verdicts, t.verdicts == 1 ? "" : "s");
    int first = 1;
    for (int s = 0; s < MB_ST_COUNT; s++) {
        if (!t.by_status[s]) continue;
        fprintf(out, "%s %zu ", first ? "" : ",", t.by_status[s]);
        if (color) fprintf(out, "%s%s\033[0m", status_color((mb_status)s), mb_status_name((mb_status)s));
        else fputs(mb_status_name((mb_status)s), out);
        if (s == MB_ST_MISSED && c.missed_binding) fprintf(out, " (%zu binding)", c.missed_binding);
        first = 0;
    }
    fputc('\n', out);
    return t;
}
