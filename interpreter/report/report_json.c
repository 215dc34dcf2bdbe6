/* report_json.c — the verdicts as one JSON object, for programs. The verdicts array is
 * written as the walk produces it (one object per line), so the report streams. Numbers
 * are exact decimals written as JSON numbers; a value without a finite decimal form (a third)
 * is rounded to 6 places. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "jsonw.h"
#include "report.h"
#include "xalloc.h"
#include "period.h"

static void jnum(FILE *o, mb_num v)
{
    char buf[MB_NUM_BUF];
    mb_num_format(v, 6, buf, NULL);
    fputs(buf, o);
}

static void jdouble(FILE *o, double d)
{
    if (!isfinite(d)) { fputs("null", o); return; }
    char buf[64];
    int n = snprintf(buf, sizeof buf, "%.6f", d);
    while (n > 1 && buf[n - 1] == '0') buf[--n] = 0;
    if (n > 1 && buf[n - 1] == '.') buf[--n] = 0;
    if (!strcmp(buf, "-0")) strcpy(buf, "0");
    fputs(buf, o);
}

static void key(FILE *o, const char *k)
{
    fputs(",\"", o);
    fputs(k, o);
    fputs("\":", o);
}

/* A string: most need no escaping and are written in one piece. */
static void jstr(FILE *o, const char *s)
{
    if (!s) { fputs("null", o); return; }
    const unsigned char *p = (const unsigned char *)s;
    while (*p >= 0x20 && *p != '"' && *p != '\\') p++;
    if (*p) { mb_json_cstr(o, s); return; }
    fputc('"', o);
    fputs(s, o);
    fputc('"', o);
}

typedef struct {
    FILE *out;
    const mb_eval *e;
    int trace;
    size_t n;
    mb_pos *pos;   /* per rule, computed once: finding a line means reading the file to it */
} json_ctx;

static void jlimit(FILE *o, const char *k, const mb_bound *l)
{
    key(o, k);
    if (!l->on) { fputs("null", o); return; }
    fputs("{\"value\":", o);
    jnum(o, l->v);
    fprintf(o, ",\"strict\":%s}", l->strict ? "true" : "false");
}

/* What the verdict used, as the evaluator recorded it (eval.h, mb_trace). */
static void json_trace(json_ctx *c, const mb_verdict *v)
{
    static const char *const ROLE[] = {"value", "base", "latest", "year", "reference", "input"};
    static const char *const STATE[] = {"ok", "missing", "rejected", "after_as_of"};
    FILE *o = c->out;
    const mb_trace *t = &v->trace;
    const mb_data *D = c->e->D;
    fputs(",\"trace\":{\"values\":[", o);
    for (unsigned i = 0; i < t->nvals; i++) {
        const mb_tval *tv = &t->val[i];
        fputs(i ? ",{\"role\":\"" : "{\"role\":\"", o);
        fputs(ROLE[tv->role < 6 ? tv->role : 0], o);
        fputs("\",\"indicator\":", o);
        jstr(o, tv->ind ? tv->ind->id : NULL);
        key(o, "region");
        jstr(o, D->region_names[tv->region]);
        /* a year is a number, a quarter or month a string ("2025Q1"), as submissions write them */
        char pb[16];
        if (tv->sub) fprintf(o, ",\"period\":\"%s\"", mb_period_text(tv->year, tv->sub, pb));
        else fprintf(o, ",\"period\":%d", tv->year);
        fprintf(o, ",\"state\":\"%s\"", STATE[tv->state < 4 ? tv->state : 1]);
        key(o, "value");
        if (tv->state == MB_TV_OK) jnum(o, tv->v); else fputs("null", o);
        key(o, "file");
        if (tv->obs && tv->obs->state != MB_OBS_ABSENT) {
            jstr(o, mb_data_file_name(D, tv->obs->file));
            fprintf(o, ",\"line\":%u}", (unsigned)tv->obs->line);
        } else fputs("null,\"line\":null}", o);
    }
    fprintf(o, "],\"values_not_kept\":%u", t->dropped);
    key(o, "base");
    if (t->has_base) {
        fputs("{\"period\":", o);
        fprintf(o, "%d,\"value\":", t->base_year);
        jnum(o, t->base);
        fputc('}', o);
    } else fputs("null", o);
    if (t->has_bounds) {
        jlimit(o, "low", &t->lo);
        jlimit(o, "high", &t->hi);
    } else fputs(",\"low\":null,\"high\":null", o);
    key(o, "pace");
    if (t->pace != MB_PACE_NONE) {
        fprintf(o, "{\"kind\":\"%s\",\"from\":%d,\"to\":%d,\"towards\":",
                t->pace == MB_PACE_GROWTH ? "growth" : "change", t->pace_from, t->pace_to);
        jnum(o, t->pace_target);
        fputs(",\"achieved\":", o);
        jdouble(o, t->got);
        fputs(",\"needed\":", o);
        jdouble(o, t->needed);
        fputc('}', o);
    } else fputs("null", o);
    fputc('}', o);
}

static void json_row(void *ctx, const mb_verdict *v)
{
    json_ctx *c = ctx;
    FILE *o = c->out;
    const mb_rule *r = v->rule;
    fputs(c->n++ ? ",\n{\"rule\":" : "\n{\"rule\":", o);
    jstr(o, r->id);
    key(o, "label");
    jstr(o, r->label);
    key(o, "plan");
    jstr(o, r->plan ? r->plan->id : NULL);
    key(o, "indicator");
    jstr(o, r->ind ? r->ind->id : NULL);
    key(o, "region");
    jstr(o, c->e->D->region_names[v->region]);
    key(o, "year");
    if (v->year) fprintf(o, "%d", v->year); else fputs("null", o);
    char pb[16];
    if (v->sub) fprintf(o, ",\"due\":\"%s\"", mb_period_text(v->year, v->sub, pb));
    fprintf(o, ",\"milestone\":%zu,\"status\":\"%s\"", v->goal, mb_status_name(v->status));
    key(o, "actual");
    if (v->has_actual) jnum(o, v->actual); else fputs("null", o);
    key(o, "actual_period");
    if (v->has_actual && v->actual_sub) fprintf(o, "\"%s\"", mb_period_text(v->actual_year, v->actual_sub, pb));
    else if (v->has_actual) fprintf(o, "%d", v->actual_year);
    else fputs("null", o);
    key(o, "target");
    if (v->has_target) jnum(o, v->target); else fputs("null", o);
    key(o, "comparison");
    jstr(o, mb_report_comparison(v));
    {
        char crit[256];
        mb_report_criterion(v, crit, sizeof crit, 0);
        key(o, "criterion");
        jstr(o, crit);
    }
    key(o, "low");
    if (v->trace.has_bounds && v->trace.lo.on) jnum(o, v->trace.lo.v); else fputs("null", o);
    key(o, "high");
    if (v->trace.has_bounds && v->trace.hi.on) jnum(o, v->trace.hi.v); else fputs("null", o);
    key(o, "gap");
    if (v->has_gap) jnum(o, v->gap); else fputs("null", o);
    key(o, "relative_gap");
    if (v->has_gap && v->has_rel_gap) jnum(o, v->rel_gap); else fputs("null", o);
    key(o, "unit");
    jstr(o, r->ind ? r->ind->unit.text : NULL);
    const mb_crit *cr = &r->crit[v->goal];
    if (cr->mark_kind == MB_MARK_STRETCH) fprintf(o, ",\"stretch_reached\":%s", v->stretch ? "true" : "false");
    if (cr->mark_kind == MB_MARK_EXCEEDED) fprintf(o, ",\"exceeded\":%s", v->stretch ? "true" : "false");
    if (cr->printed) { /* the plan prints this deadline's base: its value, and which one was used */
        fprintf(o, ",\"printed_base\":{\"period\":%d,\"value\":", cr->printed->year);
        jnum(o, cr->printed->value);
        fputs("},\"base_source\":", o);
        jstr(o, mb_report_base_source(v));
    }
    if (v->status >= MB_ST_ON_TRACK && v->status <= MB_ST_REGRESSING) {
        key(o, "progress_ratio");
        if (v->has_ratio) jdouble(o, v->ratio); else fputs("null", o);
    }
    key(o, "detail");
    jstr(o, v->detail[0] ? v->detail : NULL);
    key(o, "phrase");
    jstr(o, r->phrase);
    key(o, "phrases");
    fputc('[', o);
    for (size_t i = 0; i < r->nphrases; i++) {
        if (i) fputc(',', o);
        jstr(o, r->phrases[i].text);
    }
    fputc(']', o);
    key(o, "binding");
    jstr(o, mb_binding_word(r->binding));
    key(o, "aspiration");
    fputs(r->aspiration ? "true" : "false", o);
    key(o, "category");
    jstr(o, r->category);
    key(o, "owners");
    fputc('[', o);
    for (size_t i = 0; i < r->nowners; i++) {
        if (i) fputc(',', o);
        jstr(o, r->owners[i].text);
    }
    fputc(']', o);
    key(o, "source");
    jstr(o, r->source);
    key(o, "location");
    if (r->span.text) {
        mb_pos p = mb_report_rule_pos(r, c->pos);
        fputs("{\"file\":", o);
        jstr(o, r->span.text->name);
        fprintf(o, ",\"line\":%u,\"column\":%u}", p.line, p.col);
    } else fputs("null", o);
    if (c->trace) json_trace(c, v);
    fputc('}', o);
}

mb_tally mb_report_json(FILE *out, const mb_eval *e, const mb_filter *f, int trace)
{
    fputs("{\"as_of\":", out);
    if (e->as_of) fprintf(out, "%d", e->as_of); else fputs("null", out);
    if (f->as_of && f->as_of->key) { /* the period asked for (or found), and why; as_of is its last whole year */
        fputs(",\"as_of_period\":", out);
        jstr(out, f->as_of->period);
        fputs(",\"as_of_reason\":", out);
        jstr(out, f->as_of->why);
    }
    fputs(",\"verdicts\":[", out);
    json_ctx c = {out, e, trace, 0, mb_calloc(e->m->nrules + 1, sizeof(mb_pos))};
    mb_tally t = mb_report_walk(e, f, json_row, &c);
    free(c.pos);
    fputs(c.n ? "\n],\n\"counts\":{" : "],\n\"counts\":{", out);
    for (int s = 0; s < (e->given ? MB_ST_COUNT : MB_ST_EVAL_COUNT); s++)
        fprintf(out, "%s\"%s\":%zu", s ? "," : "", mb_status_name((mb_status)s), t.by_status[s]);
    const mb_rowcount *rc = &e->D->count;
    fprintf(out, "},\n\"rows\":{\"read\":%zu,\"used\":%zu,\"unused_indicator\":%zu,\"unused_period\":%zu,"
                 "\"unused_region\":%zu,\"duplicate\":%zu,\"rejected\":%zu},\n\"submission_errors\":",
            rc->rows, rc->used, rc->unused_indicator, rc->unused_period, rc->unused_region, rc->duplicate,
            rc->rejected);
    mb_diags_print_json(out, &e->D->diags);
    fputs("}\n", out);
    return t;
}
