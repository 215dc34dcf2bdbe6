/* report_json.c — the verdicts as one JSON object, for programs. The verdicts array is
 * written as the walk produces it (one object per line), so the report streams. Numbers
 * are exact decimals written as JSON numbers; a value without a finite decimal form (a third)
 * is rounded to 6 places. */
#include <math.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "jsonw.h"
#include "report.h"
#include "xalloc.h"
#include "period.h"
#include "num_dec.h"

/* A verdict is some eighty pieces (a gigabyte of them at 100,000 regions): one stdio call
 * each, locking the stream every time, was over half of the report's instructions. They go
 * to this buffer instead, handed to the stream a block at a time (FLUSH_AT). */
typedef struct jb {
    FILE *out;
    char *p;
    size_t n, cap;
    int oom; /* a piece that did not fit: the report fails (mb_tally.error) */
} jb;

enum { FLUSH_AT = 1 << 16 };

static int jb_room(jb *b, size_t n)
{
    if (b->cap - b->n > n) return 1;
    size_t nc = b->cap ? b->cap : FLUSH_AT * 2;
    while (nc - b->n <= n) nc *= 2;
    char *np = mb_realloc(b->p, nc); /* can be made to fail in tests (xalloc.h) */
    if (!np) { b->oom = 1; return 0; }
    b->p = np;
    b->cap = nc;
    return 1;
}

static void jb_put(jb *b, const char *s, size_t n)
{
    if (!jb_room(b, n)) return;
    memcpy(b->p + b->n, s, n);
    b->n += n;
}

static void jb_puts(jb *b, const char *s) { jb_put(b, s, strlen(s)); }

static void jb_putc(jb *b, char c)
{
    if (jb_room(b, 1)) b->p[b->n++] = c;
}

static void jb_flush(jb *b)
{
    if (b->n) fwrite(b->p, 1, b->n, b->out); /* a failed write shows on the stream */
    b->n = 0;
}

static void jb_printf(jb *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static void jb_printf(jb *b, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(NULL, 0, fmt, ap);
    va_end(ap);
    if (n < 0 || !jb_room(b, (size_t)n + 1)) return;
    va_start(ap, fmt);
    vsnprintf(b->p + b->n, (size_t)n + 1, fmt, ap);
    va_end(ap);
    b->n += (size_t)n;
}

/* An integer (years, lines, counts: most pieces that are numbers), by num_dec.h's digits. */
static void jb_int(jb *b, long v)
{
    char t[24], *e = t + sizeof t;
    char *p = mb_dec_digits(v < 0 ? 0UL - (unsigned long)v : (unsigned long)v, 0, 0, e);
    if (v < 0) *--p = '-';
    jb_put(b, p, (size_t)(e - p));
}

static void jnum(jb *o, mb_num v)
{
    char buf[MB_NUM_BUF];
    jb_put(o, buf, mb_num_format(v, 6, buf, NULL));
}

static void jdouble(jb *o, double d)
{
    if (!isfinite(d)) { jb_puts(o, "null"); return; }
    char buf[64];
    int n = snprintf(buf, sizeof buf, "%.6f", d);
    while (n > 1 && buf[n - 1] == '0') buf[--n] = 0;
    if (n > 1 && buf[n - 1] == '.') buf[--n] = 0;
    if (!strcmp(buf, "-0")) strcpy(buf, "0");
    jb_puts(o, buf);
}

/* `,"k":` in one piece, its length known when compiled (k is a string literal). */
#define KEY(o, k) jb_put((o), ",\"" k "\":", sizeof(",\"" k "\":") - 1)

/* A string: most need no escaping and are copied in one piece; one that does is escaped by
 * jsonw.c straight to the stream, after what the buffer holds. */
static void jstr(jb *o, const char *s)
{
    if (!s) { jb_puts(o, "null"); return; }
    const unsigned char *p = (const unsigned char *)s;
    while (*p >= 0x20 && *p != '"' && *p != '\\') p++;
    if (*p) {
        jb_flush(o);
        mb_json_cstr(o->out, s);
        return;
    }
    jb_putc(o, '"');
    jb_put(o, s, (size_t)((const char *)p - s));
    jb_putc(o, '"');
}

typedef struct {
    jb out;
    const mb_eval *e;
    int trace;
    size_t n;
    mb_pos *pos;   /* per rule, computed once: finding a line means reading the file to it */
} json_ctx;

static void jlimit(jb *o, const char *k, size_t kn, const mb_bound *l)
{
    jb_put(o, k, kn);
    if (!l->on) { jb_puts(o, "null"); return; }
    jb_puts(o, "{\"value\":");
    jnum(o, l->v);
    jb_printf(o, ",\"strict\":%s}", l->strict ? "true" : "false");
}

#define JLIMIT(o, k, l) jlimit((o), ",\"" k "\":", sizeof(",\"" k "\":") - 1, (l))

/* What the verdict used, as the evaluator recorded it (eval.h, mb_trace). */
static void json_trace(json_ctx *c, const mb_verdict *v)
{
    static const char *const ROLE[] = {"value", "base", "latest", "year", "reference", "input"};
    static const char *const STATE[] = {"ok", "missing", "rejected", "after_as_of"};
    jb *o = &c->out;
    const mb_trace *t = &v->trace;
    const mb_data *D = c->e->D;
    jb_puts(o, ",\"trace\":{\"values\":[");
    for (unsigned i = 0; i < t->nvals; i++) {
        const mb_tval *tv = &t->val[i];
        jb_puts(o, i ? ",{\"role\":\"" : "{\"role\":\"");
        jb_puts(o, ROLE[tv->role < 6 ? tv->role : 0]);
        jb_puts(o, "\",\"indicator\":");
        jstr(o, tv->ind ? tv->ind->id : NULL);
        KEY(o, "region");
        jstr(o, D->region_names[tv->region]);
        /* a year is a number, a quarter or month a string ("2025Q1"), as submissions write them */
        char pb[16];
        if (tv->sub) jb_printf(o, ",\"period\":\"%s\"", mb_period_text(tv->year, tv->sub, pb));
        else jb_puts(o, ",\"period\":"), jb_int(o, tv->year);
        jb_puts(o, ",\"state\":\"");
        jb_puts(o, STATE[tv->state < 4 ? tv->state : 1]);
        jb_putc(o, '"');
        KEY(o, "value");
        if (tv->state == MB_TV_OK) jnum(o, tv->v); else jb_puts(o, "null");
        KEY(o, "file");
        if (tv->obs && tv->obs->state != MB_OBS_ABSENT) {
            jstr(o, mb_data_file_name(D, tv->obs->file));
            jb_puts(o, ",\"line\":");
            jb_int(o, (long)tv->obs->line);
            jb_putc(o, '}');
        } else jb_puts(o, "null,\"line\":null}");
    }
    jb_puts(o, "],\"values_not_kept\":");
    jb_int(o, (long)t->dropped);
    KEY(o, "base");
    if (t->has_base) {
        jb_puts(o, "{\"period\":");
        jb_printf(o, "%d,\"value\":", t->base_year);
        jnum(o, t->base);
        jb_putc(o, '}');
    } else jb_puts(o, "null");
    if (t->has_bounds) {
        JLIMIT(o, "low", &t->lo);
        JLIMIT(o, "high", &t->hi);
    } else jb_puts(o, ",\"low\":null,\"high\":null");
    KEY(o, "pace");
    if (t->pace != MB_PACE_NONE) {
        jb_printf(o, "{\"kind\":\"%s\",\"from\":%d,\"to\":%d,\"towards\":",
                t->pace == MB_PACE_GROWTH ? "growth" : "change", t->pace_from, t->pace_to);
        jnum(o, t->pace_target);
        jb_puts(o, ",\"achieved\":");
        jdouble(o, t->got);
        jb_puts(o, ",\"needed\":");
        jdouble(o, t->needed);
        jb_putc(o, '}');
    } else jb_puts(o, "null");
    jb_putc(o, '}');
}

static void json_row(void *ctx, const mb_verdict *v)
{
    json_ctx *c = ctx;
    jb *o = &c->out;
    const mb_rule *r = v->rule;
    jb_puts(o, c->n++ ? ",\n{\"rule\":" : "\n{\"rule\":");
    jstr(o, r->id);
    KEY(o, "label");
    jstr(o, r->label);
    KEY(o, "plan");
    jstr(o, r->plan ? r->plan->id : NULL);
    KEY(o, "indicator");
    jstr(o, r->ind ? r->ind->id : NULL);
    KEY(o, "region");
    jstr(o, c->e->D->region_names[v->region]);
    KEY(o, "year");
    if (v->year) jb_int(o, v->year); else jb_puts(o, "null");
    char pb[16];
    if (v->sub) jb_printf(o, ",\"due\":\"%s\"", mb_period_text(v->year, v->sub, pb));
    jb_puts(o, ",\"milestone\":");
    jb_int(o, (long)v->goal);
    jb_puts(o, ",\"status\":\"");
    jb_puts(o, mb_status_name(v->status));
    jb_putc(o, '"');
    KEY(o, "actual");
    if (v->has_actual) jnum(o, v->actual); else jb_puts(o, "null");
    KEY(o, "actual_period");
    if (v->has_actual && v->actual_sub) jb_printf(o, "\"%s\"", mb_period_text(v->actual_year, v->actual_sub, pb));
    else if (v->has_actual) jb_int(o, v->actual_year);
    else jb_puts(o, "null");
    KEY(o, "target");
    if (v->has_target) jnum(o, v->target); else jb_puts(o, "null");
    KEY(o, "comparison");
    jstr(o, mb_report_comparison(v));
    {
        char crit[256];
        mb_report_criterion(v, crit, sizeof crit, 0);
        KEY(o, "criterion");
        jstr(o, crit);
    }
    KEY(o, "low");
    if (v->trace.has_bounds && v->trace.lo.on) jnum(o, v->trace.lo.v); else jb_puts(o, "null");
    KEY(o, "high");
    if (v->trace.has_bounds && v->trace.hi.on) jnum(o, v->trace.hi.v); else jb_puts(o, "null");
    KEY(o, "gap");
    if (v->has_gap) jnum(o, v->gap); else jb_puts(o, "null");
    KEY(o, "relative_gap");
    if (v->has_gap && v->has_rel_gap) jnum(o, v->rel_gap); else jb_puts(o, "null");
    KEY(o, "unit");
    jstr(o, r->ind ? r->ind->unit.text : NULL);
    const mb_crit *cr = &r->crit[v->goal];
    if (cr->mark_kind == MB_MARK_STRETCH) jb_printf(o, ",\"stretch_reached\":%s", v->stretch ? "true" : "false");
    if (cr->mark_kind == MB_MARK_EXCEEDED) jb_printf(o, ",\"exceeded\":%s", v->stretch ? "true" : "false");
    if (cr->printed) { /* the plan prints this deadline's base: its value, and which one was used */
        jb_printf(o, ",\"printed_base\":{\"period\":%d,\"value\":", cr->printed->year);
        jnum(o, cr->printed->value);
        jb_puts(o, "},\"base_source\":");
        jstr(o, mb_report_base_source(v));
    }
    if (v->status >= MB_ST_ON_TRACK && v->status <= MB_ST_REGRESSING) {
        KEY(o, "progress_ratio");
        if (v->has_ratio) jdouble(o, v->ratio); else jb_puts(o, "null");
    }
    KEY(o, "detail");
    jstr(o, v->detail[0] ? v->detail : NULL);
    KEY(o, "phrase");
    jstr(o, r->phrase);
    KEY(o, "phrases");
    jb_putc(o, '[');
    for (size_t i = 0; i < r->nphrases; i++) {
        if (i) jb_putc(o, ',');
        jstr(o, r->phrases[i].text);
    }
    jb_putc(o, ']');
    KEY(o, "binding");
    jstr(o, mb_binding_word(r->binding));
    KEY(o, "aspiration");
    jb_puts(o, r->aspiration ? "true" : "false");
    KEY(o, "category");
    jstr(o, r->category);
    KEY(o, "owners");
    jb_putc(o, '[');
    for (size_t i = 0; i < r->nowners; i++) {
        if (i) jb_putc(o, ',');
        jstr(o, r->owners[i].text);
    }
    jb_putc(o, ']');
    KEY(o, "source");
    jstr(o, r->source);
    KEY(o, "location");
    if (r->span.text) {
        mb_pos p = mb_report_rule_pos(r, c->pos);
        jb_puts(o, "{\"file\":");
        jstr(o, r->span.text->name);
        jb_puts(o, ",\"line\":");
        jb_int(o, (long)p.line);
        jb_puts(o, ",\"column\":");
        jb_int(o, (long)p.col);
        jb_putc(o, '}');
    } else jb_puts(o, "null");
    if (c->trace) json_trace(c, v);
    jb_putc(o, '}');
    if (o->n >= FLUSH_AT) jb_flush(o);
}

mb_tally mb_report_json(FILE *out, const mb_eval *e, const mb_filter *f, int trace)
{
    json_ctx c = {{out, NULL, 0, 0, 0}, e, trace, 0, mb_calloc(e->m->nrules + 1, sizeof(mb_pos))};
    jb *o = &c.out;
    jb_puts(o, "{\"as_of\":");
    if (e->as_of) jb_int(o, e->as_of); else jb_puts(o, "null");
    if (f->as_of && f->as_of->key) { /* the period asked for (or found), and why; as_of is its last whole year */
        jb_puts(o, ",\"as_of_period\":");
        jstr(o, f->as_of->period);
        jb_puts(o, ",\"as_of_reason\":");
        jstr(o, f->as_of->why);
    }
    jb_puts(o, ",\"verdicts\":[");
    mb_tally t = mb_report_walk(e, f, json_row, &c);
    free(c.pos);
    jb_puts(o, c.n ? "\n],\n\"counts\":{" : "],\n\"counts\":{");
    for (int s = 0; s < (e->given ? MB_ST_COUNT : MB_ST_EVAL_COUNT); s++)
        jb_printf(o, "%s\"%s\":%zu", s ? "," : "", mb_status_name((mb_status)s), t.by_status[s]);
    const mb_rowcount *rc = &e->D->count;
    jb_printf(o, "},\n\"rows\":{\"read\":%zu,\"used\":%zu,\"unused_indicator\":%zu,\"unused_period\":%zu,"
                 "\"unused_region\":%zu,\"duplicate\":%zu,\"rejected\":%zu},\n\"submission_errors\":",
              rc->rows, rc->used, rc->unused_indicator, rc->unused_period, rc->unused_region, rc->duplicate,
              rc->rejected);
    jb_flush(o);
    mb_diags_print_json(out, &e->D->diags);
    fputs("}\n", out);
    if (o->oom) t.error = 1;
    free(o->p);
    return t;
}
