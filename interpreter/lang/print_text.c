/* print_text.c — tokens and bodies as the canonical printer writes them. Numbers are copied
 * from the source as written, so printing never changes a value or the text reports quote. */
#include "print_text.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "period.h"
#include "text.h"

void mb_pt_putn(mb_pt_buf *b, const char *s, size_t n)
{
    if (b->oom) return;
    if (b->n + n + 1 > b->cap) {
        size_t nc = b->cap ? b->cap : 64;
        while (nc < b->n + n + 1) nc *= 2;
        char *p = realloc(b->p, nc);
        if (!p) { b->oom = 1; return; }
        b->p = p;
        b->cap = nc;
    }
    memcpy(b->p + b->n, s, n);
    b->n += n;
    b->p[b->n] = 0;
}

void mb_pt_puts(mb_pt_buf *b, const char *s) { mb_pt_putn(b, s, strlen(s)); }

void mb_pt_printf(mb_pt_buf *b, const char *fmt, ...)
{
    char buf[128];
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(buf, sizeof buf, fmt, ap);
    va_end(ap);
    if (n < 0 || (size_t)n >= sizeof buf) { b->oom = 1; return; } /* only short pieces */
    mb_pt_putn(b, buf, (size_t)n);
}

void mb_pt_free(mb_pt_buf *b)
{
    free(b->p);
    memset(b, 0, sizeof *b);
}

void mb_pt_string(mb_pt_buf *b, const char *s)
{
    mb_pt_putn(b, "\"", 1);
    for (const char *p = s; *p; p++) {
        switch (*p) {
        case '"': mb_pt_puts(b, "\\\""); break;
        case '\\': mb_pt_puts(b, "\\\\"); break;
        case '\n': mb_pt_puts(b, "\\n"); break;
        case '\t': mb_pt_puts(b, "\\t"); break;
        default: mb_pt_putn(b, p, 1);
        }
    }
    mb_pt_putn(b, "\"", 1);
}

void mb_pt_subject(mb_pt_buf *b, const mb_str *s, int is_name)
{
    if (is_name) mb_pt_string(b, s->text);
    else mb_pt_puts(b, s->text);
}

static int isdigit_ascii(unsigned char c) { return c >= '0' && c <= '9'; }

/* The ASCII character a source character stands for after NFKC ('２' is '2'), or 0 when it
 * is not one character of a number. *len: its length in bytes. */
static char num_char(const mb_text *t, size_t off, size_t *len)
{
    const unsigned char *s = (const unsigned char *)t->data + off;
    size_t left = t->len - off;
    if (!left) return 0;
    if (*s < 0x80) {
        *len = 1;
        return (isdigit_ascii(*s) || *s == '.' || *s == '-' || *s == '/') ? (char)*s : 0;
    }
    int32_t cp;
    size_t k = mb_utf8_decode(s, left, &cp);
    if (!k) return 0;
    size_t kn;
    char *n = mb_nfkc((const char *)s, k, &kn);
    char c = n && kn == 1 && (isdigit_ascii((unsigned char)n[0]) || n[0] == '.' || n[0] == '-' || n[0] == '/') ? n[0] : 0;
    free(n);
    *len = k;
    return c;
}

size_t mb_pt_number(mb_pt_buf *b, const mb_text *t, size_t off)
{
    size_t k = 0;
    if (num_char(t, off, &k) == '-') {
        mb_pt_putn(b, t->data + off, k);
        off += k;
        /* '-' and the number are two tokens: skip what separates them */
        while (off < t->len) {
            char c = t->data[off];
            if (c == '#') while (off < t->len && t->data[off] != '\n') off++;
            else if (c == ' ' || c == '\t' || c == '\r' || c == '\n') off++;
            else break;
        }
    }
    size_t start = off;
    int dot = 0, slash = 0;
    for (char c; off < t->len && (c = num_char(t, off, &k)) && c != '-';) {
        /* A fraction is one token of whole numbers ("1/3", as the scanner reads it): one '/'
         * followed by a digit. In "100/x", "2.5/3" and after "12/5" the '/' is a division. */
        size_t k2;
        if (c == '/' && (dot || slash || !(off + k < t->len && isdigit_ascii((unsigned char)num_char(t, off + k, &k2)))))
            break;
        dot |= c == '.';
        slash |= c == '/';
        off += k;
    }
    mb_pt_putn(b, t->data + start, off - start);
    return off;
}

void mb_pt_quantity(mb_pt_buf *b, const mb_quantity *q)
{
    size_t end = mb_pt_number(b, q->span.text, q->span.start);
    if (!q->has_unit) return;
    if (q->unit.span.start != end) mb_pt_putn(b, " ", 1);
    mb_pt_puts(b, q->unit.text);
}

/* a year, or a deadline's quarter or month (2025Q1, 2025-03) */
static void year(mb_pt_buf *b, const char *before, mb_year y)
{
    char pb[16];
    mb_pt_printf(b, "%s%s", before, mb_period_text(y.year, y.sub, pb));
}

/* " by Y" when one was written. */
static void by(mb_pt_buf *b, mb_year y)
{
    if (y.span.text) year(b, " by ", y);
}

static int prec(mb_exkind k)
{
    switch (k) {
    case MB_EX_ADD: case MB_EX_SUB: return 1;
    case MB_EX_MUL: case MB_EX_DIV: return 2;
    case MB_EX_NEG: return 3;
    default: return 4;
    }
}

/* e, in parentheses when it binds less tightly than `need`. Binary operators are left
 * associative: a right operand of the same precedence keeps its parentheses. */
static void expr(mb_pt_buf *b, const mb_expr *e, int need)
{
    int p = prec(e->kind);
    if (p < need) mb_pt_putn(b, "(", 1);
    switch (e->kind) {
    case MB_EX_NUM: mb_pt_number(b, e->span.text, e->span.start); break;
    case MB_EX_REF: mb_pt_subject(b, &e->ref, e->ref_is_name); break;
    case MB_EX_NEG: mb_pt_putn(b, "-", 1); expr(b, e->l, 3); break;
    default: {
        static const char *ops[] = {[MB_EX_ADD] = " + ", [MB_EX_SUB] = " - ", [MB_EX_MUL] = " * ",
                                    [MB_EX_DIV] = " / "};
        expr(b, e->l, p);
        mb_pt_puts(b, ops[e->kind]);
        expr(b, e->r, p + 1);
    }
    }
    if (p < need) mb_pt_putn(b, ")", 1);
}

void mb_pt_expr(mb_pt_buf *b, const mb_expr *e) { expr(b, e, 0); }

static void cmp(mb_pt_buf *b, mb_cmp c)
{
    mb_pt_printf(b, " %s ", b->symbols ? mb_cmp_sym(c) : mb_cmp_str(c));
}

static void span_years(mb_pt_buf *b, const char *words, const mb_ast_target *t)
{
    mb_pt_puts(b, words);
    year(b, "", t->args->y1);
    year(b, "..", t->args->y2);
}

/* growth CMP P% by Y, …; growth CMP P% each year Y..Y; growth about P% ± D; CMP last year */
static void yoy_body(mb_pt_buf *b, const mb_ast_target *t)
{
    if (t->args->b.span.text) {
        mb_pt_puts(b, t->args->rate ? " growth rate about " : " growth about ");
        mb_pt_quantity(b, &t->args->a);
        mb_pt_puts(b, t->args->tol_relative ? " within " : " ± ");
        mb_pt_quantity(b, &t->args->b);
        if (t->args->two_sided) mb_pt_puts(b, " two-sided");
        by(b, t->by);
        return;
    }
    int last = t->args->y1.year ? !t->args->a.span.text : t->ngoals && !t->goals[0].q.span.text;
    if (!last) mb_pt_puts(b, t->args->rate ? " growth rate" : " growth");
    cmp(b, t->cmp);
    if (t->args->y1.year) {
        if (last) mb_pt_puts(b, "last year");
        else mb_pt_quantity(b, &t->args->a);
        span_years(b, " each year ", t);
        return;
    }
    for (size_t i = 0; i < t->ngoals; i++) {
        if (i) mb_pt_puts(b, ", ");
        if (last) mb_pt_puts(b, "last year");
        else mb_pt_quantity(b, &t->goals[i].q);
        by(b, t->goals[i].by);
    }
}

void mb_pt_target_body(mb_pt_buf *b, const mb_ast_target *t)
{
    if (t->subject.text) mb_pt_subject(b, &t->subject, t->subject_is_name);
    switch (t->form) {
    case MB_FORM_COMPARE:
        cmp(b, t->cmp);
        for (size_t i = 0; i < t->ngoals; i++) {
            if (i) mb_pt_puts(b, ", ");
            mb_pt_quantity(b, &t->goals[i].q);
            by(b, t->goals[i].by);
        }
        return;
    case MB_FORM_ABOUT:
        mb_pt_puts(b, " about ");
        mb_pt_quantity(b, &t->args->a);
        mb_pt_puts(b, t->args->tol_relative ? " within " : " ± ");
        mb_pt_quantity(b, &t->args->b);
        if (t->args->two_sided) mb_pt_puts(b, " two-sided");
        break;
    case MB_FORM_INTERVAL:
        mb_pt_puts(b, " between ");
        mb_pt_quantity(b, &t->args->a);
        mb_pt_puts(b, " and ");
        mb_pt_quantity(b, &t->args->b);
        break;
    case MB_FORM_RANGE:
        cmp(b, t->cmp);
        mb_pt_quantity(b, &t->args->a);
        mb_pt_puts(b, " stretch ");
        mb_pt_quantity(b, &t->args->b);
        break;
    case MB_FORM_EACH_YEAR:
    case MB_FORM_CUMULATIVE:
        cmp(b, t->cmp);
        mb_pt_quantity(b, &t->args->a);
        span_years(b, t->form == MB_FORM_EACH_YEAR ? " each year " : " total ", t);
        return;
    case MB_FORM_RELATIVE:
        cmp(b, t->cmp);
        mb_pt_number(b, t->args->a.span.text, t->args->a.span.start);
        year(b, " × base ", t->args->y1);
        break;
    case MB_FORM_ABOVE_REGION:
    case MB_FORM_SHARE_REGION:
        cmp(b, t->cmp);
        if (t->form == MB_FORM_SHARE_REGION) {
            mb_pt_number(b, t->args->a.span.text, t->args->a.span.start);
            mb_pt_puts(b, " × ");
        }
        mb_pt_puts(b, "region ");
        mb_pt_string(b, t->args->region.text);
        break;
    case MB_FORM_CUT:
    case MB_FORM_GROW:
        mb_pt_puts(b, t->form == MB_FORM_CUT ? " cut " : " grow ");
        mb_pt_quantity(b, &t->args->a);
        year(b, " from ", t->args->y1);
        break;
    case MB_FORM_ANNUAL_GROWTH:
        mb_pt_puts(b, " annual growth");
        cmp(b, t->cmp);
        mb_pt_quantity(b, &t->args->a);
        year(b, " from ", t->args->y1);
        break;
    case MB_FORM_RISES:
    case MB_FORM_FALLS:
        span_years(b, t->form == MB_FORM_RISES ? " rises every year " : " falls every year ", t);
        return;
    case MB_FORM_CUT_POINTS: /* model forms only: the tree writes CUT and GROW */
    case MB_FORM_GROW_POINTS:
    case MB_FORM_QUALITATIVE:
        mb_pt_puts(b, t->subject.text ? " qualitative" : "qualitative");
        return;
    case MB_FORM_YOY: yoy_body(b, t); return;
    }
    by(b, t->by);
}

void mb_pt_check_body(mb_pt_buf *b, const mb_ast_check *k)
{
    mb_pt_subject(b, &k->subject, k->subject_is_name);
    switch (k->kind) {
    case MB_CHECK_CMP:
        cmp(b, k->cmp);
        if (k->other.text) mb_pt_subject(b, &k->other, k->other_is_name);
        else mb_pt_quantity(b, &k->a);
        break;
    case MB_CHECK_BETWEEN:
        mb_pt_puts(b, " between ");
        mb_pt_quantity(b, &k->a);
        mb_pt_puts(b, " and ");
        mb_pt_quantity(b, &k->b);
        break;
    case MB_CHECK_INTEGER:
        mb_pt_puts(b, " integer");
        break;
    }
}
