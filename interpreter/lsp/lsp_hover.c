/* lsp_hover.c — hover text, as Markdown: an indicator (printed name, unit, direction,
 * category, owner, source, formula, where defined); a target (what it asks, in words, from
 * its resolved criterion — "met when … ≥ 1140 家 in 2018" — and the plan's own phrase); a
 * number with a unit or scale word in the indicator's unit (940亿元 = 9,400,000 万元); a plan;
 * an import. Everything is read from the checked model; nothing is worked out again. */
#include <stdlib.h>
#include <string.h>

#include "lsp_feat.h"
#include "report.h"
#include "period.h"

/* A number as it reads: digits grouped by thousands, at most 4 decimals, "≈" when rounded. */
static void put_num(FILE *o, mb_num v)
{
    char buf[MB_NUM_BUF];
    int exact = 1;
    mb_num_format(v, 4, buf, &exact);
    mb_num q = mb_num_reduce(v);
    if (!exact && q.num > -1000000 && q.num < 1000000 && q.den < 1000000) {
        /* a fraction the rule wrote (1/3) is shown as it is, not as ≈0.3333 */
        fprintf(o, "%lld/%lld", (long long)q.num, (long long)q.den);
        return;
    }
    if (!exact) fputs("≈", o);
    const char *p = buf;
    if (*p == '-') fputc(*p++, o);
    size_t digits = strspn(p, "0123456789");
    for (size_t i = 0; i < digits; i++) {
        fputc(p[i], o);
        if (digits - i - 1 > 0 && (digits - i - 1) % 3 == 0) fputc(',', o);
    }
    fputs(p + digits, o);
}

static void put_unit(FILE *o, const mb_indicator *ind)
{
    if (ind && ind->unit.text && ind->unit.text[0]) {
        if (strcmp(ind->unit.text, "%")) fputc(' ', o);
        fputs(ind->unit.text, o);
    }
}

static const char *ind_name(const mb_indicator *ind)
{
    return ind->name ? ind->name : ind->id;
}

static void put_where(FILE *o, const mb_lsp_an *a, mb_span s)
{
    const mb_lsp_file *f = mb_lsp_an_file(a, s.text);
    if (!f) return;
    mb_pos p = mb_span_pos(&s);
    const char *slash = strrchr(f->name, '/');
    fprintf(o, "defined in %s:%u", slash ? slash + 1 : f->name, p.line);
}

static void hover_indicator(FILE *o, const mb_lsp_an *a, const mb_indicator *ind)
{
    fputs("**", o);
    fputs(ind_name(ind), o);
    fprintf(o, "** (`%s`)\n\n", ind->id);
    fputs("unit: ", o);
    fputs(ind->unit.text && ind->unit.text[0] ? ind->unit.text : "none (a pure number)", o);
    fputs(ind->direction > 0 ? " · higher is better" : ind->direction < 0 ? " · lower is better" : "", o);
    if (ind->integer) fputs(" · whole numbers", o);
    if (ind->flow) fputs(ind->flow > 0 ? " · flow (a quarter's own amount; a year is their sum)" : " · stock (the level at a period's end)", o);
    fputs("\n\n", o);
    if (ind->category) fprintf(o, "category: %s\n\n", ind->category);
    for (size_t i = 0; i < ind->nowners; i++)
        fprintf(o, "%s%s%s", i ? "、" : "owner: ", ind->owners[i].text, i + 1 == ind->nowners ? "\n\n" : "");
    if (ind->source) fprintf(o, "source: %s\n\n", ind->source);
    if (ind->part_of) fprintf(o, "part of: %s (`%s`)\n\n", ind_name(ind->part_of), ind->part_of->id);
    if (ind->derived && ind->span.text) {
        mb_span e = MB_SPAN(ind->derived->span);
        fputs("computed: `", o);
        fwrite(e.text->data + e.start, 1, e.end - e.start, o);
        fputs("`\n\n", o);
    }
    put_where(o, a, ind->span);
}

static void limit_words(FILE *o, const mb_limit *l, int lower, const mb_indicator *ind)
{
    fputs(lower ? (l->strict ? "> " : "≥ ") : (l->strict ? "< " : "≤ "), o);
    put_num(o, l->v);
    put_unit(o, ind);
}

/* "met when 高新技术企业数 ≥ 1140 家 in 2018", from the criterion of one deadline. */
static void crit_words(FILE *o, const mb_rule *r, const mb_crit *c)
{
    const mb_indicator *ind = r->ind;
    const char *name = ind ? ind_name(ind) : "?";
    if (c->kind == MB_CRIT_NONE || !ind) { fputs("qualitative: no value to compare", o); return; }
    fputs("met when ", o);
    if (c->kind == MB_CRIT_STEPS) {
        fprintf(o, "%s %s every year from %d to %d", name, c->dir > 0 ? "rises" : "falls", c->y1, c->y2);
        return;
    }
    if (c->kind == MB_CRIT_SUM) fprintf(o, "the sum of %s over %d–%d", name, c->y1, c->y2);
    else fputs(name, o);
    int scaled = c->scale != MB_SCALE_NONE;
    int sub = r->goals && r->ngoals ? r->goals[c - r->crit].sub : 0;
    char due[16], pb[16];
    mb_period_text(c->year, sub, due);
    /* "X in 2015 ≥ 2 × its value in 2013" reads better than with the year at the end */
    if (scaled && c->kind != MB_CRIT_EACH && c->kind != MB_CRIT_SUM) fprintf(o, " in %s", due);
    for (int side = 0; side < 2; side++) {
        const mb_limit *l = side ? &c->hi : &c->lo;
        if (!l->on) continue;
        if (side && c->lo.on) fputs(" and", o);
        fputc(' ', o);
        if (!scaled) { limit_words(o, l, !side, ind); continue; }
        fputs(!side ? (l->strict ? "> " : "≥ ") : (l->strict ? "< " : "≤ "), o);
        if (c->kind == MB_CRIT_REGION && !mb_num_cmp(l->v, mb_num_int(1))) {
            /* "> its value for 江苏省": a factor of 1 says nothing */
        } else if (c->scale == MB_SCALE_OFFSET) { /* "≤ its value in 2020 − 3 points" */
            fprintf(o, "its value in %d %s ", c->base_year, mb_num_sign(l->v) < 0 ? "−" : "+");
            put_num(o, mb_num_abs(l->v));
            fputs(" percentage points", o);
            continue;
        } else if (c->scale == MB_SCALE_COMPOUND) {
            put_num(o, l->v);
            fprintf(o, "^%u × ", c->years);
        } else {
            put_num(o, l->v);
            fputs(" × ", o);
        }
        if (c->kind == MB_CRIT_REGION) fprintf(o, "its value for %s", c->region);
        else fprintf(o, "its value in %s", mb_period_text(c->base_year, sub, pb));
    }
    if (c->kind == MB_CRIT_REGION && !c->lo.on && !c->hi.on) fprintf(o, " above its value for %s", c->region);
    if (c->kind == MB_CRIT_EACH) fprintf(o, " in every year %d–%d", c->y1, c->y2);
    else if (c->kind != MB_CRIT_SUM && !scaled) fprintf(o, " in %s", due);
    if (c->mark_kind == MB_MARK_STRETCH) {
        fputs(" (stretch: ", o);
        limit_words(o, &c->mark, c->dir >= 0, ind);
        fputc(')', o);
    }
}

static const mb_rule *rule_of(const mb_lsp_an *a, const mb_ast_target *t)
{
    for (size_t i = 0; a->checked && i < a->m->nrules; i++)
        if (a->m->rules[i]->ast == t) return a->m->rules[i];
    return NULL;
}

static void hover_target(FILE *o, const mb_lsp_an *a, const mb_ast_target *t)
{
    fprintf(o, "**target %s**", t->id.text);
    if (t->label.text) fprintf(o, " %s", t->label.text);
    fputs("\n\n", o);
    const mb_rule *r = rule_of(a, t);
    if (r && r->crit) {
        size_t n = r->form == MB_FORM_COMPARE && r->ngoals ? r->ngoals : 1;
        for (size_t g = 0; g < n; g++) {
            mb_verdict v;
            memset(&v, 0, sizeof v);
            v.rule = r;
            v.goal = g;
            char crit[256];
            mb_report_criterion(&v, crit, sizeof crit, 1);
            fputs(n > 1 ? "- " : "", o);
            crit_words(o, r, &r->crit[g]);
            fprintf(o, " (criterion: %s)\n", crit);
        }
        fputc('\n', o);
    } else fputs("(not resolved: the rule files have errors)\n\n", o);
    if (t->cl->phrase.text) fprintf(o, "> %s\n\n", t->cl->phrase.text);
    if (r && r->plan) fprintf(o, "plan: %s%s%s\n\n", r->plan->id, r->plan->name ? " " : "", r->plan->name ? r->plan->name : "");
    if (t->cl->category.text) fprintf(o, "category: %s\n\n", t->cl->category.text);
    for (size_t i = 0; i < t->cl->owners.n; i++)
        fprintf(o, "%s%s%s", i ? "、" : "owner: ", t->cl->owners.v[i].text, i + 1 == t->cl->owners.n ? "\n\n" : "");
    if (t->cl->source.text) fprintf(o, "source: %s\n\n", t->cl->source.text);
    if (r && r->printed) /* 基期值: what stands in for a missing base */
        fprintf(o, "printed base: %s in %d (used when the submission lacks %d)\n\n", r->printed->text, r->printed->year,
                r->printed->year);
}

/* 940亿元 = 9,400,000 万元: a number with its unit in the unit of the target's indicator. */
static void hover_quantity(FILE *o, const mb_lsp_an *a, const mb_lsp_at *at)
{
    const mb_quantity *q = at->q;
    mb_span s = MB_SPAN(q->span);
    fputc('`', o);
    fwrite(s.text->data + s.start, 1, s.end - s.start, o);
    fputc('`', o);
    const mb_rule *r = at->target ? rule_of(a, at->target) : NULL;
    const mb_indicator *ind = r ? r->ind : NULL;
    mb_unit u;
    mb_num v;
    if (ind && q->has_unit && q->unit.key && mb_unit_parse(q->unit.key, &u) == MB_UNIT_OK &&
        mb_unit_same_base(&u, &ind->unit) && mb_unit_convert(q->value, &u, &ind->unit, &v) == MB_NUM_OK) {
        fputs(" = ", o);
        put_num(o, v);
        put_unit(o, ind);
        fprintf(o, " (the unit of %s)", ind_name(ind));
        if (strcmp(u.base, "%") && mb_num_cmp(u.scale, mb_num_int(1))) {
            fputs("\n\n1 ", o);
            fputs(q->unit.text, o);
            fputs(" = ", o);
            put_num(o, u.scale);
            fprintf(o, " %s", u.base);
        }
    } else if (ind) {
        fputs(" in ", o);
        put_unit(o, ind);
    }
    fputc('\n', o);
}

static void hover_plan(FILE *o, const mb_ast_plan *p)
{
    fprintf(o, "**plan %s**", p->id.text);
    if (p->name.text) fprintf(o, " %s", p->name.text);
    fputs("\n\n", o);
    if (p->number.text) fprintf(o, "number: %s\n\n", p->number.text);
    if (p->issuer.text) fprintf(o, "issuer: %s\n\n", p->issuer.text);
    for (size_t i = 0; i < p->regions.n; i++)
        fprintf(o, "%s%s%s", i ? "、" : "regions: ", p->regions.v[i].text, i + 1 == p->regions.n ? "\n\n" : "");
    if (p->base.year) fprintf(o, "base year: %d\n\n", p->base.year);
    for (size_t i = 0; i < p->ndeadlines; i++)
        fprintf(o, "%s%d%s", i ? ", " : "deadline: ", p->deadlines[i].year, i + 1 == p->ndeadlines ? "\n" : "");
}

void mb_lsp_hover(FILE *out, const mb_lsp_an *a, size_t off)
{
    mb_lsp_at at = mb_lsp_at_offset(a->m->nfiles ? &a->m->files[0] : NULL, off);
    char *md = NULL;
    size_t n = 0;
    FILE *o = open_memstream(&md, &n);
    if (!o) { fputs("null", out); return; }
    const mb_indicator *ind = NULL;
    switch (at.kind) {
    case MB_AT_IND_REF:
    case MB_AT_IND_DEF:
        if ((ind = mb_lsp_resolve(a, at.ref))) hover_indicator(o, a, ind);
        break;
    case MB_AT_TARGET: hover_target(o, a, at.target); break;
    case MB_AT_QUANTITY: hover_quantity(o, a, &at); break;
    case MB_AT_PLAN: hover_plan(o, at.plan); break;
    case MB_AT_IMPORT: fprintf(o, "imports `%s`: its indicators and plans are this file's too\n", at.import->text); break;
    case MB_AT_NONE: break;
    }
    fclose(o);
    if (!n) fputs("null", out);
    else {
        fputs("{\"contents\":{\"kind\":\"markdown\",\"value\":", out);
        mb_lj_put_str(out, md, n);
        fputs("},\"range\":", out);
        mb_span s = MB_SPAN(at.span);
        mb_lsp_put_range(out, a, a->root, s.start, s.end);
        fputc('}', out);
    }
    free(md);
}
