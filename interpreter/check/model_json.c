/* model_json.c — the resolved model as JSON, for tools that consume rule files. */
#include <stdlib.h>
#include <string.h>

#include "formula.h"
#include "jsonw.h"
#include "model.h"
#include "period.h"

static void num(FILE *o, mb_num v)
{
    char buf[MB_NUM_BUF];
    mb_num_format(v, 12, buf, NULL);
    fputs(buf, o);
}

static void key(FILE *o, const char *k, int *first)
{
    fprintf(o, "%s\"%s\":", *first ? "" : ",", k);
    *first = 0;
}

static void kstr(FILE *o, const char *k, const char *v, int *first)
{
    key(o, k, first);
    mb_json_cstr(o, v);
}

static void strs(FILE *o, const char *k, const mb_str *v, size_t n, int *first)
{
    key(o, k, first);
    fputc('[', o);
    for (size_t i = 0; i < n; i++) {
        if (i) fputc(',', o);
        mb_json_cstr(o, v[i].text);
    }
    fputc(']', o);
}

static void loc(FILE *o, mb_span s, int *first)
{
    key(o, "location", first);
    mb_pos p = mb_span_pos(&s);
    fputs("{\"file\":", o);
    mb_json_cstr(o, s.text ? s.text->name : NULL);
    fprintf(o, ",\"line\":%u,\"column\":%u}", p.line, p.col);
}

static void plan(FILE *o, const mb_plan *p)
{
    int f = 1;
    fputc('{', o);
    kstr(o, "id", p->id, &f);
    kstr(o, "name", p->name, &f);
    kstr(o, "number", p->number, &f);
    kstr(o, "issuer", p->issuer, &f);
    kstr(o, "date", p->date, &f);
    strs(o, "regions", p->regions, p->nregions, &f);
    key(o, "base_year", &f);
    p->base ? fprintf(o, "%d", p->base) : fputs("null", o);
    key(o, "deadlines", &f);
    fputc('[', o);
    for (size_t i = 0; i < p->ndeadlines; i++) fprintf(o, "%s%d", i ? "," : "", p->deadlines[i]);
    fputc(']', o);
    loc(o, p->span, &f);
    fputc('}', o);
}

/* The formula as resolved: indicators by id, numbers as written. */
static void expr(FILE *o, const mb_fnode *e)
{
    static const char ops[] = {0, 0, '+', '-', '*', '/', '-'};
    if (!e) return;
    if (e->kind == MB_EX_NUM) { num(o, e->num); return; }
    if (e->kind == MB_EX_REF) { fputs(e->ind ? e->ind->id : e->src->ref.text, o); return; }
    if (e->kind == MB_EX_NEG) { fputs("-(", o); expr(o, e->l); fputc(')', o); return; }
    fputc('(', o);
    expr(o, e->l);
    fprintf(o, " %c ", ops[e->kind]);
    expr(o, e->r);
    fputc(')', o);
}

static void indicator(FILE *o, const mb_indicator *ind)
{
    int f = 1;
    fputc('{', o);
    kstr(o, "id", ind->id, &f);
    kstr(o, "name", ind->name, &f);
    kstr(o, "unit", ind->unit.text, &f);
    kstr(o, "direction", ind->direction > 0 ? "higher" : ind->direction < 0 ? "lower" : NULL, &f);
    kstr(o, "category", ind->category, &f);
    strs(o, "owners", ind->owners, ind->nowners, &f);
    kstr(o, "source", ind->source, &f);
    key(o, "integer", &f);
    fputs(ind->integer ? "true" : "false", o);
    if (ind->flow) { /* only when declared: the JSON of every other indicator stays as it was */
        key(o, "kind", &f);
        fputs(ind->flow > 0 ? "\"flow\"" : "\"stock\"", o);
    }
    kstr(o, "part_of", ind->part_of ? ind->part_of->id : NULL, &f);
    key(o, "derived", &f);
    if (ind->derived) {
        char *buf = NULL;
        size_t len = 0;
        FILE *m = open_memstream(&buf, &len);
        if (m) { expr(m, ind->formula); fclose(m); mb_json_cstr(o, buf); free(buf); }
        else fputs("null", o);
    } else {
        fputs("null", o);
    }
    kstr(o, "plan", ind->plan ? ind->plan->id : NULL, &f);
    loc(o, ind->span, &f);
    fputc('}', o);
}

/* The form's own numbers, under the names the form table gives them (lang/forms.c). */
static void form_fields(FILE *o, const mb_rule *r, int *f)
{
    const mb_form_info *fi = mb_form_info_of(r->form);
    if (fi->a) { key(o, fi->a, f); num(o, r->a); }
    if (fi->b) { key(o, fi->b, f); num(o, r->b); }
    if (fi->band) {
        kstr(o, "tolerance_kind", r->tol_relative ? "relative_percent" : "absolute", f);
        key(o, "two_sided", f); fputs(r->two_sided ? "true" : "false", o);
    }
    if (fi->period) {
        key(o, "period", f);
        fprintf(o, "{\"from\":%d,\"to\":%d}", r->y1, r->y2);
    }
    if (fi->region) kstr(o, "region", r->region, f);
}

static void rule(FILE *o, const mb_rule *r)
{
    int f = 1;
    fputc('{', o);
    kstr(o, "id", r->id, &f);
    kstr(o, "label", r->label, &f);
    kstr(o, "plan", r->plan ? r->plan->id : NULL, &f);
    kstr(o, "indicator", r->ind ? r->ind->id : NULL, &f);
    kstr(o, "form", mb_form_name(r->form, r->ngoals), &f);
    const mb_form_info *fi = mb_form_info_of(r->form);
    kstr(o, "comparison", fi->cmp ? mb_cmp_str(r->cmp) : NULL, &f);
    /* targets: what each deadline asks, in the unit it is stated in. Forms judged against
     * another value (rises, falls, another region) have a year but no value of their own. */
    key(o, "targets", &f);
    fputc('[', o);
    int no_value = fi->stated == MB_STATED_NONE;
    const char *unit = fi->stated == MB_STATED_PERCENT ? "%" : fi->stated == MB_STATED_FACTOR ? NULL
                     : r->ind ? r->ind->unit.text : NULL;
    for (size_t i = 0; r->form != MB_FORM_QUALITATIVE && i < r->ngoals; i++) {
        fprintf(o, "%s{\"year\":%d,", i ? "," : "", r->goals[i].year);
        char pb[16];
        if (r->goals[i].sub) fprintf(o, "\"due\":\"%s\",", mb_period_text(r->goals[i].year, r->goals[i].sub, pb));
        fputs("\"value\":", o);
        if (no_value) fputs("null", o);
        else num(o, r->goals[i].value);
        fputs(",\"as_written\":", o);
        mb_json_cstr(o, no_value ? NULL : r->goals[i].text);
        fputs(",\"unit\":", o);
        mb_json_cstr(o, no_value ? NULL : unit);
        fputc('}', o);
    }
    fputc(']', o);
    form_fields(o, r, &f);
    key(o, "base_year", &f);
    r->base_year ? fprintf(o, "%d", r->base_year) : fputs("null", o);
    if (r->printed) { /* only a rule that prints its base value has the member */
        key(o, "printed_base", &f);
        fprintf(o, "{\"year\":%d,\"value\":", r->printed->year);
        num(o, r->printed->value);
        fputs(",\"as_written\":", o);
        mb_json_cstr(o, r->printed->text);
        fputc('}', o);
    }
    kstr(o, "phrase", r->phrase, &f);
    strs(o, "phrases", r->phrases, r->nphrases, &f);
    kstr(o, "binding", mb_binding_word(r->binding), &f);
    key(o, "aspiration", &f);
    fputs(r->aspiration ? "true" : "false", o);
    kstr(o, "category", r->category, &f);
    strs(o, "owners", r->owners, r->nowners, &f);
    strs(o, "regions", r->regions, r->nregions, &f); /* its own; [] when the plan's apply */
    kstr(o, "source", r->source, &f);
    kstr(o, "note", r->note, &f);
    loc(o, r->span, &f);
    fputc('}', o);
}

static void check(FILE *o, const mb_check *k)
{
    static const char *kinds[] = {"compare", "compare_indicator", "between", "integer"};
    int f = 1;
    fputc('{', o);
    kstr(o, "id", k->id, &f);
    kstr(o, "label", k->label, &f);
    kstr(o, "indicator", k->ind->id, &f);
    kstr(o, "kind", kinds[k->kind], &f);
    if (k->kind == MB_DC_CMP_CONST || k->kind == MB_DC_CMP_IND) kstr(o, "comparison", mb_cmp_str(k->cmp), &f);
    if (k->kind == MB_DC_CMP_IND) kstr(o, "other", k->other ? k->other->id : NULL, &f);
    if (k->kind == MB_DC_CMP_CONST || k->kind == MB_DC_BETWEEN) { key(o, "value", &f); num(o, k->a); }
    if (k->kind == MB_DC_BETWEEN) { key(o, "high", &f); num(o, k->b); }
    loc(o, k->span, &f);
    fputc('}', o);
}

#define ARRAY(o, name, v, n, fn) do { \
    fprintf(o, ",\"%s\":[", name); \
    for (size_t i_ = 0; i_ < (n); i_++) { if (i_) fputc(',', o); fn(o, (v)[i_]); } \
    fputc(']', o); } while (0)

void mb_model_print_json(FILE *o, const mb_model *m)
{
    fputs("{\"files\":[", o);
    for (size_t i = 0; i < m->ntexts; i++) {
        if (i) fputc(',', o);
        mb_json_cstr(o, m->texts[i]->name);
    }
    fputc(']', o);
    ARRAY(o, "plans", m->plans, m->nplans, plan);
    ARRAY(o, "indicators", m->inds, m->ninds, indicator);
    ARRAY(o, "rules", m->rules, m->nrules, rule);
    ARRAY(o, "checks", m->checks, m->nchecks, check);
    fputc('}', o);
}
