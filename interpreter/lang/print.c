/* print.c — the canonical printer's layout (print.h says what canonical means): each
 * statement becomes a list of items (its head, each clause, a plan's '}') in canonical order,
 * each remembering where it was written; the file's trivia are attached to items by those
 * places; then items and trivia are written out line by line. */
#include "print.h"

#include <stdlib.h>
#include <string.h>

#include "period.h"
#include "print_text.h"
#include "text.h"

/* A test holds up to MB_MAX_TEST_ITEMS rows and expectations, a head, as-of, data and '}'. */
enum { MAX_ITEMS = MB_MAX_TEST_ITEMS + 4, WIDTH = 100, KEY_WIDTH = 8 };
/* The group of an indicator's unit, direction, integer and part of: on the head's line while
 * the line fits, else together on the next line. */
enum { HEAD_LINE = -1 };

typedef struct item {
    size_t start;       /* where it was written: trivia before it are its leading ones */
    mb_pt_buf text;
    int indent;         /* 0: the statement's head and a plan's '}'; 2: a clause */
    int lead_indent;    /* of the comments before it: a comment before '}' is inside */
    int own_line;       /* starts a line of its own */
    int group;          /* nonzero: the items of one group share a line while it fits */
} item;

typedef struct stmt_items {
    item v[MAX_ITEMS];
    size_t n;
    int semicolon;      /* ends with ';' (not a plan) */
    int plan;           /* the last item is the plan's '}' */
    size_t start, end;
} stmt_items;

/* Where each trivia of the statement goes: item index, and leading (0) or trailing (1). */
typedef struct place { size_t item; int trailing; } place;

typedef struct printer {
    mb_pt_buf out;
    const mb_ast_file *f;
    int line_open, at_start, pending_blank;
} printer;

/* ---- items ----------------------------------------------------------------------------- */

static item *add(stmt_items *s, size_t start, int indent, int own_line, int group)
{
    item *it = &s->v[s->n++];
    memset(it, 0, sizeof *it);
    it->start = start;
    it->indent = it->lead_indent = indent;
    it->own_line = own_line;
    it->group = group;
    return it;
}

/* A clause "kw value" on the given line group. */
static void clause_str(stmt_items *s, const char *kw, const mb_str *v, int own_line, int group)
{
    if (!v->text) return;
    item *it = add(s, v->span.start, 2, own_line, group);
    mb_pt_puts(&it->text, kw);
    mb_pt_string(&it->text, v->text);
}

/* A list clause "kw "a", "b", …". One longer than a line wraps between its values, each
 * following line aligned (by display width) under the first value:
 *     owner "市工信局", "市委统战部", …,
 *           "市税务局", "市法院";
 * It then stands on a line of its own (its group is split), so it starts at column 2. */
static void clause_list(stmt_items *s, const char *kw, const mb_strlist *l, int own_line, int group)
{
    if (!l->n) return;
    item *it = add(s, l->v[0].span.start, 2, own_line, group);
    size_t col = 2 + strlen(kw), line_w = col, total = col;
    mb_pt_buf one = {0};
    for (size_t i = 0; i < l->n; i++) {
        mb_pt_string(&one, l->v[i].text);
        total += (i ? 2 : 0) + mb_text_width(one.p ? one.p : "", one.n);
        one.n = 0;
    }
    mb_pt_puts(&it->text, kw);
    for (size_t i = 0; i < l->n; i++) {
        mb_pt_string(&one, l->v[i].text);
        size_t w = mb_text_width(one.p ? one.p : "", one.n);
        /* +1: the ',' or ';' after it */
        if (i && total + 1 > WIDTH && line_w + 2 + w + 1 > WIDTH) {
            mb_pt_printf(&it->text, ",\n%*s", (int)col, "");
            line_w = col;
        } else if (i) {
            mb_pt_puts(&it->text, ", ");
            line_w += 2;
        }
        mb_pt_putn(&it->text, one.p ? one.p : "", one.n);
        line_w += w;
        it->text.oom |= one.oom;
        one.n = 0;
    }
    mb_pt_free(&one);
}

static void head_id_label(mb_pt_buf *b, const char *kw, const mb_str *id, const mb_str *label)
{
    mb_pt_puts(b, kw);
    mb_pt_puts(b, id->text);
    if (label->text) {
        mb_pt_putn(b, " ", 1);
        mb_pt_string(b, label->text);
    }
}

static void items_import(stmt_items *s, const mb_str *path)
{
    item *it = add(s, path->span.start, 0, 1, 0);
    mb_pt_puts(&it->text, "import ");
    mb_pt_string(&it->text, path->text);
    s->semicolon = 1;
    s->start = path->span.start;
    s->end = path->span.end;
}

/* A plan property, its value aligned under the others'. */
static mb_pt_buf *prop(stmt_items *s, const char *key, size_t start)
{
    item *it = add(s, start, 2, 1, 0);
    mb_pt_printf(&it->text, "%-*s ", KEY_WIDTH, key);
    return &it->text;
}

static void items_plan(stmt_items *s, const mb_ast_plan *p)
{
    mb_pt_buf *b = &add(s, p->span.start, 0, 1, 0)->text;
    mb_pt_printf(b, "plan %s {", p->id.text);
    const mb_str *strs[] = {&p->name, &p->number, &p->issuer};
    const char *keys[] = {"name", "number", "issuer"};
    for (int i = 0; i < 3; i++)
        if (strs[i]->text) mb_pt_string(prop(s, keys[i], strs[i]->span.start), strs[i]->text);
    if (p->date.text) mb_pt_puts(prop(s, "date", p->date.span.start), p->date.text);
    if (p->regions.n) {
        b = prop(s, "region", p->regions.v[0].span.start);
        for (size_t i = 0; i < p->regions.n; i++) {
            if (i) mb_pt_puts(b, ", ");
            mb_pt_string(b, p->regions.v[i].text);
        }
    }
    if (p->base.span.text) mb_pt_printf(prop(s, "base", p->base.span.start), "%d", p->base.year);
    if (p->ndeadlines) {
        b = prop(s, "deadline", p->deadlines[0].span.start);
        for (size_t i = 0; i < p->ndeadlines; i++) mb_pt_printf(b, i ? ", %d" : "%d", p->deadlines[i].year);
    }
    item *close = add(s, p->span.end - 1, 0, 1, 0);
    mb_pt_puts(&close->text, "}");
    close->lead_indent = 2;
    s->plan = 1;
    s->start = p->span.start;
    s->end = p->span.end;
}

/* The end of the head of an indicator: its id, or its printed name. */
static void items_indicator(stmt_items *s, const mb_ast_indicator *a)
{
    head_id_label(&add(s, a->span.start, 0, 1, 0)->text, "indicator ", &a->id, &a->name);
    if (a->has_unit) {
        item *it = add(s, a->unit.span.start, 2, 0, HEAD_LINE);
        mb_pt_puts(&it->text, "unit ");
        if (a->unit_quoted) mb_pt_string(&it->text, a->unit.text);
        else mb_pt_puts(&it->text, a->unit.text);
    }
    if (a->direction)
        mb_pt_puts(&add(s, a->direction_span.start, 2, 0, HEAD_LINE)->text, a->direction > 0 ? "higher" : "lower");
    if (a->integer) mb_pt_puts(&add(s, a->integer_span.start, 2, 0, HEAD_LINE)->text, "integer");
    if (a->flow) mb_pt_puts(&add(s, a->flow_span.start, 2, 0, HEAD_LINE)->text, a->flow > 0 ? "flow" : "stock");
    if (a->part_of.text) {
        mb_pt_buf *b = &add(s, a->part_of.span.start, 2, 0, HEAD_LINE)->text;
        mb_pt_puts(b, "part of ");
        mb_pt_puts(b, a->part_of.text);
    }
    clause_str(s, "category ", &a->category, 0, 1);
    clause_list(s, "owner ", &a->owners, 0, 1);
    clause_str(s, "source ", &a->source, 0, 1);
    if (a->derived) {
        mb_pt_buf *b = &add(s, a->derived->span.start, 2, 1, 0)->text;
        mb_pt_puts(b, "= ");
        mb_pt_expr(b, a->derived);
    }
    s->semicolon = 1;
    s->start = a->span.start;
    s->end = a->span.end;
}

static void items_target(stmt_items *s, const mb_ast_target *t)
{
    mb_pt_buf *b = &add(s, t->span.start, 0, 1, 0)->text;
    head_id_label(b, "target ", &t->id, &t->label);
    mb_pt_puts(b, ": ");
    mb_pt_target_body(b, t);
    const mb_ast_tclauses *cl = t->cl;
    if (cl->from.span.text) mb_pt_printf(&add(s, cl->from.span.start, 2, 0, 0)->text, "from %d", cl->from.year);
    if (cl->pbase.span.text) {
        mb_pt_buf *pb = &add(s, cl->pbase_span.start, 2, 0, 0)->text;
        mb_pt_printf(pb, "base %d = ", cl->pbase_year.year);
        mb_pt_quantity(pb, &cl->pbase);
    }
    if (cl->binding)
        mb_pt_puts(&add(s, cl->binding_span.start, 2, 0, 0)->text, cl->binding > 0 ? "binding" : "expected");
    if (cl->aspiration) mb_pt_puts(&add(s, cl->aspiration_span.start, 2, 0, 0)->text, "aspiration");
    clause_list(s, "phrase ", &cl->phrases, 1, 0);
    clause_str(s, "category ", &cl->category, 0, 1);
    clause_list(s, "owner ", &cl->owners, 0, 1);
    clause_list(s, "region ", &cl->regions, 0, 1);
    clause_str(s, "source ", &cl->source, 0, 1);
    clause_str(s, "note ", &cl->note, 1, 0);
    s->semicolon = 1;
    s->start = t->span.start;
    s->end = t->span.end;
}

static void items_check(stmt_items *s, const mb_ast_check *k)
{
    mb_pt_buf *b = &add(s, k->span.start, 0, 1, 0)->text;
    head_id_label(b, "check ", &k->id, &k->label);
    mb_pt_puts(b, ": ");
    mb_pt_check_body(b, k);
    s->semicolon = 1;
    s->start = k->span.start;
    s->end = k->span.end;
}

/* A period as written: a year bare, a quarter or month quoted. */
static void period(mb_pt_buf *b, const mb_str *p, int quoted)
{
    if (quoted) mb_pt_string(b, p->text);
    else mb_pt_puts(b, p->text);
}

/* test "name" {, then as-of, data, the rows and the expectations one a line, then '}'. */
static void items_test(stmt_items *s, const mb_ast_test *t)
{
    mb_pt_buf *b = &add(s, t->span.start, 0, 1, 0)->text;
    mb_pt_puts(b, "test ");
    mb_pt_string(b, t->name.text);
    mb_pt_puts(b, " {");
    if (t->as_of.text) {
        b = &add(s, t->as_of.span.start, 2, 1, 0)->text;
        mb_pt_puts(b, "as-of ");
        period(b, &t->as_of, t->as_of_quoted);
    }
    clause_list(s, "data ", &t->data, 1, 0);
    for (size_t i = 0; i < t->nrows; i++) {
        const mb_ast_trow *r = &t->rows[i];
        b = &add(s, r->span.start, 2, 1, 0)->text;
        mb_pt_puts(b, "row ");
        mb_pt_string(b, r->region.text);
        mb_pt_putn(b, " ", 1);
        mb_pt_subject(b, &r->indicator, r->indicator_is_name);
        mb_pt_putn(b, " ", 1);
        period(b, &r->period, r->period_quoted);
        mb_pt_putn(b, " ", 1);
        mb_pt_quantity(b, &r->value);
    }
    for (size_t i = 0; i < t->nexpects; i++) {
        const mb_ast_expect *x = &t->expects[i];
        b = &add(s, x->span.start, 2, 1, 0)->text;
        mb_pt_printf(b, "expect %s ", x->rule.text);
        mb_pt_string(b, x->region.text);
        char pb[16];
        if (x->by.span.text) mb_pt_printf(b, " by %s", mb_period_text(x->by.year, x->by.sub, pb));
        mb_pt_printf(b, " %s", x->status.text);
        if (x->actual.span.text) { mb_pt_puts(b, " actual "); mb_pt_quantity(b, &x->actual); }
        if (x->target.span.text) { mb_pt_puts(b, " target "); mb_pt_quantity(b, &x->target); }
    }
    item *close = add(s, t->span.end - 1, 0, 1, 0);
    mb_pt_puts(&close->text, "}");
    close->lead_indent = 2;
    s->plan = 1;
    s->start = t->span.start;
    s->end = t->span.end;
}

static void items_of(stmt_items *s, const mb_ast_stmt *st)
{
    s->n = 0;
    s->semicolon = s->plan = 0;
    switch (st->kind) {
    case MB_ST_IMPORT: items_import(s, &st->u.import); break;
    case MB_ST_PLAN: items_plan(s, st->u.plan); break;
    case MB_ST_INDICATOR: items_indicator(s, st->u.indicator); break;
    case MB_ST_TARGET: items_target(s, st->u.target); break;
    case MB_ST_CHECK: items_check(s, st->u.check); break;
    case MB_ST_TEST: items_test(s, st->u.test); break;
    }
}

static size_t width_of(const item *it) { return mb_text_width(it->text.p ? it->text.p : "", it->text.n); }

/* A group of clauses shares a line when it fits in WIDTH columns; else one per line. The
 * HEAD_LINE group follows the head while the line fits, else starts the next line. */
static void split_groups(stmt_items *s)
{
    for (size_t i = 0; i < s->n; i++) {
        if (!s->v[i].group) continue;
        int head = s->v[i].group == HEAD_LINE;
        size_t j = i, w = head ? width_of(&s->v[0]) + 1 : 2; /* +1: a ';' may follow */
        for (; j < s->n && s->v[j].group == s->v[i].group; j++) w += width_of(&s->v[j]) + (head || j > i);
        for (size_t k = i; k < j; k++) s->v[k].own_line = head ? k == i && w > WIDTH : k == i || w > WIDTH;
        i = j - 1;
    }
}

/* ---- trivia ---------------------------------------------------------------------------- */

/* Nothing but spaces between the start of its line and off. */
static int own_line(const mb_text *t, size_t off)
{
    while (off > 0 && (t->data[off - 1] == ' ' || t->data[off - 1] == '\t')) off--;
    return off == 0 || t->data[off - 1] == '\n';
}

/* Where trivia k (inside or just after statement s) goes. */
static place place_of(const stmt_items *s, const mb_ast_file *f, const mb_trivia *k)
{
    size_t o = k->start, last = s->n - 1;
    if (o < s->start) return (place){0, 0};
    if (o >= s->end) return (place){last, 1}; /* after ';' or '}' on the same line */
    size_t best = (size_t)-1;
    if (k->kind == MB_TRIVIA_BLANK || own_line(f->text, o)) {
        /* before the first item written after it; past the last: before ';' (so before
         * the last clause) or before '}' (the last item, always after it) */
        for (size_t i = 0; i < s->n; i++)
            if (s->v[i].start > o && (best == (size_t)-1 || s->v[i].start < s->v[best].start)) best = i;
        return (place){best == (size_t)-1 ? last : best, 0};
    }
    /* after the last item written before it (the head at least), on its line */
    for (size_t i = 0; i < s->n; i++)
        if (s->v[i].start < o && (best == (size_t)-1 || s->v[i].start >= s->v[best].start)) best = i;
    return (place){best == (size_t)-1 ? 0 : best, 1};
}

/* ---- output ---------------------------------------------------------------------------- */

static void close_line(printer *p)
{
    if (p->line_open) mb_pt_putn(&p->out, "\n", 1);
    p->line_open = 0;
}

static void start_line(printer *p, int indent)
{
    close_line(p);
    if (p->pending_blank && !p->at_start) mb_pt_putn(&p->out, "\n", 1);
    p->pending_blank = p->at_start = 0;
    mb_pt_printf(&p->out, "%*s", indent, "");
    p->line_open = 1;
}

/* A comment without trailing white space (or the '\r' of a CRLF line). */
static void comment_text(printer *p, const mb_trivia *k)
{
    size_t a = k->start, b = k->end;
    const char *d = p->f->text->data;
    while (b > a && (d[b - 1] == ' ' || d[b - 1] == '\t' || d[b - 1] == '\r')) b--;
    mb_pt_putn(&p->out, d + a, b - a);
}

static void leading(printer *p, const mb_trivia *k, int indent)
{
    if (k->kind == MB_TRIVIA_BLANK) {
        p->pending_blank = 1;
        return;
    }
    start_line(p, indent);
    comment_text(p, k);
    close_line(p);
}

static void print_stmt(printer *p, stmt_items *s, const mb_trivia *tv, const place *pl, size_t nt)
{
    int after_trailing = 0;
    for (size_t i = 0; i < s->n; i++) {
        item *it = &s->v[i];
        int lead = 0;
        for (size_t k = 0; k < nt; k++)
            if (pl[k].item == i && !pl[k].trailing) { leading(p, &tv[k], it->lead_indent); lead = 1; }
        if (i == 0 || it->own_line || lead || after_trailing || !p->line_open) start_line(p, it->indent);
        else mb_pt_putn(&p->out, " ", 1);
        mb_pt_putn(&p->out, it->text.p ? it->text.p : "", it->text.n);
        if (i == s->n - 1 && s->semicolon) mb_pt_putn(&p->out, ";", 1);
        after_trailing = 0;
        for (size_t k = 0; k < nt; k++) {
            if (pl[k].item != i || !pl[k].trailing) continue;
            if (after_trailing) start_line(p, it->indent);
            else mb_pt_putn(&p->out, " ", 1);
            comment_text(p, &tv[k]);
            after_trailing = 1;
        }
    }
    close_line(p);
}

/* The trivia of statement s: from *next on, those before its end, and comments after it on
 * its last line. */
static size_t trivia_of(const mb_ast_file *f, const stmt_items *s, size_t next)
{
    size_t k = next;
    while (k < f->ntrivia && f->trivia[k].start < s->end) k++;
    while (k < f->ntrivia && f->trivia[k].kind == MB_TRIVIA_COMMENT &&
           !memchr(f->text->data + s->end, '\n', f->trivia[k].start - s->end))
        k++;
    return k;
}

char *mb_print_file(const mb_ast_file *f, size_t *len)
{
    printer p = {.f = f, .at_start = 1};
    stmt_items *s = malloc(sizeof *s);
    place *pl = NULL;
    size_t plcap = 0, next = 0;
    int oom = !s;
    for (size_t i = 0; i < f->n && !oom; i++) {
        items_of(s, &f->stmts[i]);
        split_groups(s);
        size_t end = trivia_of(f, s, next), nt = end - next;
        if (nt > plcap) {
            place *np = realloc(pl, nt * sizeof *np);
            if (!np) { oom = 1; break; }
            pl = np;
            plcap = nt;
        }
        for (size_t k = 0; k < nt; k++) pl[k] = place_of(s, f, &f->trivia[next + k]);
        print_stmt(&p, s, f->trivia + next, pl, nt);
        for (size_t k = 0; k < s->n; k++) {
            oom |= s->v[k].text.oom;
            mb_pt_free(&s->v[k].text);
        }
        next = end;
    }
    for (; next < f->ntrivia && !oom; next++) leading(&p, &f->trivia[next], 0);
    free(s);
    free(pl);
    if (oom || p.out.oom) {
        mb_pt_free(&p.out);
        return NULL;
    }
    if (!p.out.p) mb_pt_putn(&p.out, "", 0); /* an empty file */
    *len = p.out.n;
    return p.out.p;
}

void mb_print_target_body(FILE *out, const mb_ast_target *t)
{
    mb_pt_buf b = {.symbols = 1};
    mb_pt_target_body(&b, t);
    if (b.p && !b.oom) fputs(b.p, out);
    mb_pt_free(&b);
}
