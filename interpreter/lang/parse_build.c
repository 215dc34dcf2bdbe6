/* parse_build.c — building tree nodes from tokens. Token text is taken from the original
 * source (through the normalisation map), so what is displayed is what the user wrote;
 * comparison keys are the NFKC form. */
#include "parse_build.h"

#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "period.h"
#include "text.h"

mb_span mb_pstate_span(const mb_pstate *st, mb_loc loc)
{
    size_t s = loc.start > st->nt.len ? st->nt.len : loc.start;
    size_t e = loc.end > st->nt.len ? st->nt.len : loc.end;
    return mb_span_at(st->text, st->nt.map[s], st->nt.map[e]);
}

mb_aspan mb_pstate_aspan(const mb_pstate *st, mb_loc loc)
{
    mb_span s = mb_pstate_span(st, loc); /* a rule file is at most 16 MiB */
    return (mb_aspan){s.text, (uint32_t)s.start, (uint32_t)s.end};
}

void mb_pstate_trivia(mb_pstate *st, mb_trivia_kind kind, mb_loc loc)
{
    mb_ast_file *f = st->file;
    if (!f) return; /* scanning without building a tree */
    mb_trivia *v = mb_arena_push(st->arena, f->trivia, f->ntrivia, sizeof *v);
    if (!v) { st->oom = 1; mb_pstate_stop(st, loc); return; }
    mb_span sp = mb_pstate_span(st, loc);
    v[f->ntrivia++] = (mb_trivia){kind, (uint32_t)sp.start, (uint32_t)sp.end};
    f->trivia = v;
}

void mb_pstate_stop(mb_pstate *st, mb_loc loc)
{
    if (st->fatal) return;
    st->fatal = 1;
    st->stopped = loc.start;
}

mb_diag *mb_pstate_error(mb_pstate *st, mb_code code, mb_loc loc, const char *fmt, ...)
{
    char buf[512];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(buf, sizeof buf, fmt, ap);
    va_end(ap);
    mb_diags *d = st->diags;
    mb_diag *g = mb_diag_add(d, code, mb_pstate_span(st, loc), "%s", buf);
    /* Past the cap every further error is only counted: reading on (16 MiB of ';' is 16
     * million errors) would cost time and show nothing. */
    if (d->max_errors && d->errors > d->max_errors && !st->fatal) {
        mb_diag_add(d, MB_D_TOO_MANY_ERRORS, mb_pstate_span(st, loc),
                    "too many errors: the rest of this file is not read");
        mb_pstate_stop(st, loc);
    }
    return g;
}

/* Resolve \" \\ \n in a string literal (quotes already stripped). */
static size_t unescape(char *s, size_t n)
{
    size_t o = 0;
    for (size_t i = 0; i < n; i++) {
        if (s[i] == '\\' && i + 1 < n) {
            i++;
            s[o++] = s[i] == 'n' ? '\n' : s[i] == 't' ? '\t' : s[i];
        } else {
            s[o++] = s[i];
        }
    }
    s[o] = 0;
    return o;
}

/* The NFKC key of text (n bytes), in the arena; the text itself when it is its own NFKC form
 * (most names: no second copy). NULL when out of memory. */
static const char *arena_key(mb_arena *a, const char *text, size_t n)
{
    size_t kn;
    char *k = mb_nfkc(text, n, &kn);
    if (!k) return NULL;
    const char *key = kn == n && memcmp(k, text, n) == 0 ? text : mb_arena_strndup(a, k, kn);
    free(k);
    return key;
}

int mb_pb_str(mb_pstate *st, mb_loc loc, int literal, mb_str *out)
{
    mb_span sp = mb_pstate_span(st, loc);
    size_t a = sp.start, b = sp.end;
    if (literal) {
        /* The quotes may have been fullwidth: skip whole characters. */
        a = st->nt.map[loc.start + 1];
        b = st->nt.map[loc.end - 1];
    }
    char *text = mb_arena_strndup(st->arena, st->text->data + a, b - a);
    if (!text) return 0;
    size_t n = literal ? unescape(text, b - a) : b - a;
    const char *key = arena_key(st->arena, text, n);
    if (!key) return 0;
    *out = (mb_str){text, key, {sp.text, (uint32_t)sp.start, (uint32_t)sp.end}};
    return 1;
}

int mb_pb_unit_join(mb_pstate *st, const mb_str *left, mb_loc right, mb_str *out)
{
    mb_span r = mb_pstate_span(st, right);
    size_t ln = strlen(left->text), rn = r.end - r.start;
    char *text = mb_arena_alloc(st->arena, ln + rn + 2);
    if (!text) return 0;
    memcpy(text, left->text, ln);
    text[ln] = '/';
    memcpy(text + ln + 1, st->text->data + r.start, rn);
    const char *key = arena_key(st->arena, text, ln + rn + 1);
    if (!key) return 0;
    *out = (mb_str){text, key, {st->text, left->span.start, (uint32_t)r.end}};
    return 1;
}

/* "n/d" (the scanner's fraction: two runs of digits): the exact fraction, or the error. A zero
 * denominator is reported at the denominator. */
static mb_numerr fraction(mb_pstate *st, mb_loc loc, const char *s, size_t n, mb_num *out)
{
    const char *slash = memchr(s, '/', n);
    mb_num a, b;
    mb_numerr e = mb_num_parse(s, (size_t)(slash - s), 0, &a);
    if (!e) e = mb_num_parse(slash + 1, n - (size_t)(slash - s) - 1, 0, &b);
    if (!e && !mb_num_sign(b)) {
        mb_loc den = {loc.start + (size_t)(slash + 1 - s), loc.end};
        mb_pstate_error(st, MB_D_ZERO_DENOMINATOR, den, "a fraction with a zero denominator");
        *out = mb_num_int(0);
        return MB_NUM_OK;
    }
    return e ? e : mb_num_div(a, b, out);
}

int mb_pb_number(mb_pstate *st, mb_loc loc, int negate, mb_num *out)
{
    const char *s = st->nt.data + loc.start;
    size_t n = loc.end - loc.start;
    mb_numerr e = memchr(s, '/', n) ? fraction(st, loc, s, n, out) : mb_num_parse(s, n, 0, out);
    if (e) {
        mb_pstate_error(st, MB_D_NUMBER_LITERAL, loc, "%s", mb_numerr_str(e));
        *out = mb_num_int(0);
    } else if (negate) {
        *out = mb_num_neg(*out);
    }
    return 1;
}

int mb_pb_year(mb_pstate *st, mb_loc loc, mb_year *out)
{
    const char *s = st->nt.data + loc.start;
    size_t n = loc.end - loc.start;
    int y = 0;
    if (n == 4 && memchr(s, '.', n) == NULL) y = atoi(s);
    if (y < 1900 || y > 2999) {
        mb_span sp = mb_pstate_span(st, loc); /* quote what the user wrote, not its NFKC form */
        int shown = (int)(sp.end - sp.start > 60 ? 60 : sp.end - sp.start);
        mb_pstate_error(st, MB_D_NOT_A_YEAR, loc, "'%.*s' is not a year (write four digits, 1900 to 2999)", shown,
                        st->text->data + sp.start);
        y = 0;
    }
    *out = (mb_year){y, 0, mb_pstate_aspan(st, loc)};
    return 1;
}

static int days_in_month(int y, int m)
{
    static const int d[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    int leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
    return m == 2 && leap ? 29 : d[m - 1];
}

int mb_pb_date(mb_pstate *st, mb_loc loc, mb_str *out)
{
    const char *s = st->nt.data + loc.start;
    int y = atoi(s), m = atoi(s + 5), d = atoi(s + 8);
    if (m < 1 || m > 12 || d < 1 || d > days_in_month(y, m)) {
        mb_span sp = mb_pstate_span(st, loc);
        mb_pstate_error(st, MB_D_NOT_A_DATE, loc, "'%.*s' is not a calendar date", (int)(sp.end - sp.start),
                        st->text->data + sp.start);
    }
    return mb_pb_str(st, loc, 0, out);
}

int mb_pb_once(mb_pstate *st, mb_loc second, mb_aspan first, const char *what, const char *hint)
{
    if (!first.text) return 1;
    mb_diag *g = mb_pstate_error(st, MB_D_GIVEN_TWICE, second, "'%s' given twice%s", what, hint);
    mb_diag_note(g, first, "first given here");
    return 0;
}

/* A clause that is one of two words excluding each other (higher/lower, flow/stock), stored
 * as +1 (words[0]) or -1 (words[1]): the first one given sets it; the same word again is
 * given twice, the other word contradicts it (`clash`, saying `why`). */
static void one_of_two(mb_pstate *st, mb_loc loc, int v, int *field, mb_aspan *span, const char *const words[2],
                       mb_code clash, const char *why)
{
    const char *word = words[v > 0 ? 0 : 1];
    if (!*field) {
        *field = v;
        *span = mb_pstate_aspan(st, loc);
        return;
    }
    mb_diag *g = v == *field ? mb_pstate_error(st, MB_D_GIVEN_TWICE, loc, "'%s' given twice", word)
                             : mb_pstate_error(st, clash, loc, "'%s' after '%s': %s", word,
                                               words[*field > 0 ? 0 : 1], why);
    mb_diag_note(g, *span, "first given here");
}

void mb_pb_direction(mb_pstate *st, mb_loc loc, mb_ast_indicator *ind, int dir)
{
    static const char *const words[2] = {"higher", "lower"};
    one_of_two(st, loc, dir, &ind->direction, &ind->direction_span, words, MB_D_TWO_DIRECTIONS,
               "an indicator has one direction");
}

void mb_pb_flow(mb_pstate *st, mb_loc loc, mb_ast_indicator *ind, int flow)
{
    static const char *const words[2] = {"flow", "stock"};
    one_of_two(st, loc, flow, &ind->flow, &ind->flow_span, words, MB_D_FLOW_AND_STOCK,
               "an indicator is a flow (summed over a year) or a stock (a level at a date), not both");
}

/* 2025Q1, 2025-Q1, 2025q1 or 2025-03 (the lexer's PERIOD): a year and its quarter or month. */
int mb_pb_period(mb_pstate *st, mb_loc loc, mb_year *out)
{
    const char *s = st->nt.data + loc.start;
    size_t n = loc.end - loc.start;
    if (!mb_pb_year(st, (mb_loc){loc.start, loc.start + 4}, out)) return 0;
    out->span = mb_pstate_aspan(st, loc);
    const char *r = s + 4 + (s[4] == '-');
    size_t rn = n - (size_t)(r - s);
    int quarter = *r == 'Q' || *r == 'q';
    if (quarter) { r++; rn--; }
    int v = 0;
    for (size_t i = 0; i < rn && v < 100; i++) v = v * 10 + (r[i] - '0');
    if (quarter ? v >= 1 && v <= 4 && rn == 1 : v >= 1 && v <= 12) {
        out->sub = quarter ? mb_sub_of_quarter(v) : v;
        return 1;
    }
    mb_span sp = mb_pstate_span(st, loc);
    int shown = (int)(sp.end - sp.start > 60 ? 60 : sp.end - sp.start);
    mb_pstate_error(st, MB_D_NOT_A_PERIOD, loc, "'%.*s' is not a %s (write %s)", shown, st->text->data + sp.start,
                    quarter ? "quarter" : "month", quarter ? "Q1 to Q4: 2025Q1" : "01 to 12: 2025-03");
    out->year = 0;
    return 1;
}

void mb_pb_binding(mb_pstate *st, mb_loc loc, mb_ast_tclauses *k, int b)
{
    const char *word = b > 0 ? "binding" : "expected";
    if (!k->binding) {
        k->binding = b;
        k->binding_span = mb_pstate_aspan(st, loc);
        return;
    }
    mb_diag *g = b == k->binding
                     ? mb_pstate_error(st, MB_D_GIVEN_TWICE, loc, "'%s' given twice", word)
                     : mb_pstate_error(st, MB_D_BINDING_AND_EXPECTED, loc,
                                       "'%s' after '%s': a target is binding (约束性) or expected (预期性), not both",
                                       word, k->binding > 0 ? "binding" : "expected");
    mb_diag_note(g, k->binding_span, "first given here");
}

int mb_pb_stmt(mb_pstate *st, mb_stkind kind, void *node)
{
    mb_ast_file *f = st->file;
    if (f->n == f->cap) {
        size_t nc = f->cap ? f->cap * 2 : 32;
        mb_ast_stmt *v = mb_arena_grow(st->arena, f->stmts, f->n, nc, sizeof *v);
        if (!v) return 0;
        f->stmts = v;
        f->cap = nc;
    }
    mb_ast_stmt *s = &f->stmts[f->n++];
    s->kind = kind;
    switch (kind) {
    case MB_ST_IMPORT: s->u.import = *(mb_str *)node; break;
    case MB_ST_PLAN: s->u.plan = node; break;
    case MB_ST_INDICATOR: s->u.indicator = node; break;
    case MB_ST_TARGET: s->u.target = node; break;
    case MB_ST_CHECK: s->u.check = node; break;
    case MB_ST_TEST: s->u.test = node; break;
    }
    return 1;
}

void mb_pb_divisor(mb_pstate *st, const mb_expr *r, mb_loc loc)
{
    const char *s = st->nt.data + loc.start;
    if (r->kind == MB_EX_NUM && s[0] != '(' && memchr(s, '/', loc.end - loc.start))
        mb_pstate_error(st, MB_D_FRACTION_DIVISOR, loc,
                        "a fraction right after '/': write it in parentheses, or with spaces to divide twice");
}

int mb_pb_test_room(mb_pstate *st, mb_loc loc, mb_ast_test *t)
{
    if (t->nrows + t->nexpects < MB_MAX_TEST_ITEMS) return 1;
    if (!t->too_many++)
        mb_pstate_error(st, MB_D_TEST_TOO_LARGE, loc, "a test holds at most %d rows and expectations; split it",
                        MB_MAX_TEST_ITEMS);
    return 0;
}

mb_expr *mb_pb_binop(mb_pstate *st, mb_exkind kind, mb_expr *l, mb_expr *r, mb_loc loc)
{
    mb_expr *e = mb_arena_alloc(st->arena, sizeof *e);
    if (!e) return NULL;
    e->kind = kind;
    e->l = l;
    e->r = r;
    e->span = mb_pstate_aspan(st, loc);
    e->depth = 1 + (l ? l->depth : 0);
    if (r && r->depth + 1 > e->depth) e->depth = r->depth + 1;
    /* Every later pass walks formulas recursively: a formula deeper than this (a sum of
     * thousands of terms, say) ends the parse here instead of exhausting the stack there. */
    if (++st->operators > MB_MAX_FILE_OPERATORS && !st->fatal) {
        mb_pstate_error(st, MB_D_TOO_MANY_OPERATORS, loc, "too many formula operators in one rule file (more than %d)",
                        MB_MAX_FILE_OPERATORS);
        mb_pstate_stop(st, loc);
    }
    if (e->depth > MB_MAX_EXPR_DEPTH && !st->fatal) {
        mb_pstate_error(st, MB_D_FORMULA_TOO_DEEP, loc, "formula too long or nested too deeply (more than %d operators deep)",
                        MB_MAX_EXPR_DEPTH);
        mb_pstate_stop(st, loc);
    }
    return e;
}

/* The subject is the grammar's { mb_str s; int is_name; } pair. */
typedef struct { mb_str s; int is_name; } subject_ref;

mb_ast_target *mb_pb_target(mb_pstate *st, mb_form form, const void *subject)
{
    mb_ast_target *t = mb_arena_alloc(st->arena, sizeof *t);
    if (!t) return NULL;
    t->form = form;
    t->args = &mb_ast_no_targs;
    t->cl = &mb_ast_no_tclauses;
    if (subject) {
        const subject_ref *r = subject;
        t->subject = r->s;
        t->subject_is_name = r->is_name;
    }
    return t;
}

/* The node is made here, once, and filled by the parser: the const in the target is for the
 * readers, the node itself is the parse's. */
mb_ast_targs *mb_pb_args(mb_pstate *st, mb_ast_target *t)
{
    if (t->args != &mb_ast_no_targs) return (mb_ast_targs *)t->args;
    mb_ast_targs *a = mb_arena_alloc(st->arena, sizeof *a);
    if (a) t->args = a;
    return a;
}

mb_ast_tclauses *mb_pb_clauses(mb_pstate *st, mb_ast_target *t)
{
    if (t->cl != &mb_ast_no_tclauses) return (mb_ast_tclauses *)t->cl;
    mb_ast_tclauses *k = mb_arena_alloc(st->arena, sizeof *k);
    if (k) t->cl = k;
    return k;
}
