/* report_junit.c — the verdicts as JUnit XML, the test report format CI servers read
 * (Jenkins, GitLab, GitHub Actions test reporters). One <testsuite> per plan, one <testcase>
 * per rule × region: it fails when a milestone's status is in the --fail-on set, is skipped
 * when every milestone is no-data or not-assessable, and is an error when a value could not
 * be used. It validates against tests/data/junit.xsd (the Jenkins xUnit JUnit schema).
 *
 * A suite's counts are attributes of its opening tag, before its test cases; rather than hold
 * every verdict, a first walk counts and a second writes, so memory stays flat however many
 * regions there are. Only the milestones of the current test case are held. */
#include <stdlib.h>
#include <string.h>

#include "report.h"
#include "text.h"
#include "xalloc.h"
#include "period.h"

/* ---- XML text ---------------------------------------------------------------------------- */

/* Escaped text or attribute value. Anything XML 1.0 cannot carry (control characters, U+FFFE,
 * U+FFFF, bytes that are not UTF-8) becomes U+FFFD; in attributes, tab and line breaks are
 * written as character references so that attribute normalisation keeps them. */
void mb_xml_esc(FILE *o, const char *s, size_t n)
{
    const unsigned char *u = (const unsigned char *)s;
    for (size_t i = 0; i < n;) {
        size_t run = i;
        while (run < n && u[run] >= 0x20 && u[run] < 0x7f && u[run] != '&' && u[run] != '<' && u[run] != '>'
               && u[run] != '"' && u[run] != '\'')
            run++;
        if (run > i) { fwrite(s + i, 1, run - i, o); i = run; continue; }
        int32_t cp;
        size_t k = mb_utf8_decode(u + i, n - i, &cp);
        if (!k) { fputs("\xEF\xBF\xBD", o); i++; continue; }
        switch (cp) {
        case '&': fputs("&amp;", o); break;
        case '<': fputs("&lt;", o); break;
        case '>': fputs("&gt;", o); break;
        case '"': fputs("&quot;", o); break;
        case '\'': fputs("&apos;", o); break;
        case '\t': fputs("&#9;", o); break;
        case '\n': fputs("&#10;", o); break;
        case '\r': fputs("&#13;", o); break;
        default:
            if (cp < 0x20 || cp == 0xFFFE || cp == 0xFFFF) fputs("\xEF\xBF\xBD", o);
            else fwrite(s + i, 1, k, o);
        }
        i += k;
    }
}

static void xml(FILE *o, const char *s)
{
    if (s) mb_xml_esc(o, s, strlen(s));
}

/* Element text: like attributes, but line breaks stay as they are. */
static void xml_text(FILE *o, const char *s)
{
    for (const char *p = s; p && *p;) {
        size_t n = strcspn(p, "\n");
        mb_xml_esc(o, p, n);
        p += n;
        if (*p) { fputc('\n', o); p++; }
    }
}

static void xml_num(FILE *o, mb_num v)
{
    char buf[MB_NUM_BUF];
    int exact = 1;
    mb_num_format(v, 4, buf, &exact);
    if (!exact) fputs("≈", o);
    fputs(buf, o);
}

/* ---- test cases ------------------------------------------------------------------------ */

enum { OUT_PASS, OUT_SKIP, OUT_ERROR, OUT_FAIL };

typedef struct suite_count { size_t tests, failures, errors, skipped; } suite_count;

typedef struct junit_ctx {
    FILE *out;                /* NULL in the counting walk */
    const mb_eval *e;
    const mb_filter *f;
    suite_count *count;       /* per plan; [nplans]: rules outside any plan */
    /* the test case being gathered: one rule, one region */
    const mb_rule *rule;
    size_t region;
    mb_verdict *ms;           /* its milestones */
    size_t nms, mscap;
    int oom;
    /* the open suite (writing walk) */
    int in_suite;
    const mb_plan *plan;
    mb_pos *pos;              /* per rule, found once: finding a line reads the file up to it */
} junit_ctx;

static size_t plan_ix(const junit_ctx *c, const mb_plan *p) { return p ? p->index : c->e->m->nplans; }

/* What settled nothing: no data, a qualitative target, and of verdicts a database computed
 * one too close to call or a rule it does not compile. Such a case is skipped, saying why. */
#define SKIPPED (1u << MB_ST_NO_DATA | 1u << MB_ST_NOT_ASSESSABLE | 1u << MB_ST_BORDERLINE | 1u << MB_ST_UNSUPPORTED)

static int outcome(const junit_ctx *c)
{
    int fail = 0, err = 0, skip = 1;
    for (size_t i = 0; i < c->nms; i++) {
        mb_status s = c->ms[i].status;
        if (c->f->fail_mask & (1u << s)) fail = 1;
        else if (s == MB_ST_ERROR) err = 1;
        if (!(SKIPPED & 1u << s)) skip = 0;
    }
    return fail ? OUT_FAIL : err ? OUT_ERROR : skip && c->nms ? OUT_SKIP : OUT_PASS;
}

static const char *unit_of(const mb_rule *r)
{
    return r->ind && strcmp(r->ind->unit.text, "1") ? r->ind->unit.text : "";
}

/* "2.74%", "12000 家" */
static void xml_qty(FILE *o, mb_num v, const char *unit)
{
    xml_num(o, v);
    if (!unit[0]) return;
    if (strcmp(unit, "%")) fputc(' ', o);
    xml(o, unit);
}

/* The threshold as every report states it (report_criterion.c), with the unit after the
 * values in it: "≥ 2.74%", "25 ±5% 件", "1..2 家". */
static void xml_target(FILE *o, const mb_verdict *v, const char *unit)
{
    char buf[512];
    mb_report_criterion_in(v, buf, sizeof buf, 1, unit);
    xml(o, buf);
}

/* "2018 missed: actual 2.5%, target ≥ 2.74%, gap -0.24" */
static void milestone_line(FILE *o, const mb_verdict *v)
{
    const char *unit = unit_of(v->rule);
    char pb[16];
    if (v->year) fprintf(o, "%s ", mb_period_text(v->year, v->sub, pb));
    fputs(mb_status_name(v->status), o);
    if (v->has_actual) {
        fputs(": actual ", o);
        xml_qty(o, v->actual, unit);
        if (v->actual_year != v->year || v->actual_sub != v->sub)
            fprintf(o, " (%s)", mb_period_text(v->actual_year, v->actual_sub, pb));
    }
    if (v->has_target) {
        fputs(v->has_actual ? ", target " : ": target ", o);
        xml_target(o, v, unit);
    }
    if (v->has_gap) {
        fputs(", gap ", o);
        if (mb_num_sign(v->gap) > 0) fputc('+', o);
        xml_num(o, v->gap);
    }
    char base[256];
    size_t nb = mb_report_base_words(v, base, sizeof base); /* the rule prints its base */
    if (v->detail[0] || nb) {
        fputs(" (", o);
        xml(o, v->detail);
        fputs(v->detail[0] && nb ? "; " : "", o);
        xml(o, base);
        fputc(')', o);
    }
}

/* The milestones whose status is `want` (a bit mask), separated by "; ". */
static void list(FILE *o, const junit_ctx *c, unsigned want)
{
    int first = 1;
    for (size_t i = 0; i < c->nms; i++) {
        if (!(want & (1u << c->ms[i].status))) continue;
        if (!first) fputs("; ", o);
        milestone_line(o, &c->ms[i]);
        first = 0;
    }
}

static mb_status first_status(const junit_ctx *c, unsigned want)
{
    for (size_t i = 0; i < c->nms; i++)
        if (want & (1u << c->ms[i].status)) return c->ms[i].status;
    return MB_ST_ERROR;
}

static void write_case(junit_ctx *c, int out)
{
    FILE *o = c->out;
    const mb_rule *r = c->rule;
    const mb_data *D = c->e->D;
    fputs("    <testcase classname=\"", o);
    if (r->plan) { xml(o, r->plan->id); fputc('.', o); }
    xml(o, D->region_names[c->region]);
    fputs("\" name=\"", o);
    xml(o, r->id);
    if (r->label) { fputc(' ', o); xml(o, r->label); }
    fputs("\">\n", o);
    if (out == OUT_SKIP) {
        fputs("      <skipped message=\"", o);
        list(o, c, SKIPPED);
        fputs("\"/>\n", o);
    } else if (out == OUT_ERROR || out == OUT_FAIL) {
        unsigned mask = out == OUT_FAIL ? c->f->fail_mask : 1u << MB_ST_ERROR;
        const char *el = out == OUT_FAIL ? "failure" : "error";
        fprintf(o, "      <%s message=\"", el);
        list(o, c, mask);
        fprintf(o, "\" type=\"%s\">", mb_status_name(first_status(c, mask)));
        xml(o, r->id);
        if (r->label) { fputc(' ', o); xml(o, r->label); }
        fputs(" in ", o);
        xml(o, D->region_names[c->region]);
        fputs(": ", o);
        list(o, c, mask);
        if (r->binding || r->aspiration) fprintf(o, " [%s]", mb_attr_text(r->binding, r->aspiration));
        if (r->phrase) {
            fputs("\n", o);
            xml(o, r->phrase);
        }
        if (r->span.text) {
            mb_pos p = mb_report_rule_pos(r, c->pos);
            fputc('\n', o);
            xml(o, r->span.text->name);
            fprintf(o, ":%u:%u", p.line, p.col);
        }
        fprintf(o, "</%s>\n", el);
    }
    /* Every milestone, one per line, whatever the outcome. */
    fputs("      <system-out>", o);
    for (size_t i = 0; i < c->nms; i++) {
        const mb_verdict *v = &c->ms[i];
        milestone_line(o, v);
        if (v->has_ratio && v->status >= MB_ST_ON_TRACK && v->status <= MB_ST_REGRESSING)
            fprintf(o, " [progress ratio %.2f]", v->ratio);
        if (v->stretch) fputs(v->rule->crit[v->goal].mark_kind == MB_MARK_EXCEEDED ? " [exceeded]" : " [stretch reached]", o);
        fputc('\n', o);
    }
    if (r->ind) {
        fputs("indicator: ", o);
        xml(o, r->ind->id);
        if (unit_of(r)[0]) { fputs(" (", o); xml(o, unit_of(r)); fputc(')', o); }
        fputc('\n', o);
    }
    if (r->category) { fputs("category: ", o); xml(o, r->category); fputc('\n', o); }
    if (r->nowners) {
        fputs("owners: ", o);
        for (size_t i = 0; i < r->nowners; i++) {
            if (i) fputs(", ", o);
            xml(o, r->owners[i].text);
        }
        fputc('\n', o);
    }
    if (r->binding || r->aspiration) { fputs("attributes: ", o); fputs(mb_attr_text(r->binding, r->aspiration), o); fputc('\n', o); }
    for (size_t i = 0; i < r->nphrases; i++) { fputs("phrase: ", o); xml_text(o, r->phrases[i].text); fputc('\n', o); }
    fputs("</system-out>\n    </testcase>\n", o);
}

static void suite_open(junit_ctx *c, const mb_plan *p)
{
    FILE *o = c->out;
    const suite_count *n = &c->count[plan_ix(c, p)];
    fputs("  <testsuite name=\"", o);
    xml(o, p ? p->id : "(no plan)");
    fprintf(o, "\" tests=\"%zu\" failures=\"%zu\" errors=\"%zu\" skipped=\"%zu\">\n", n->tests, n->failures,
            n->errors, n->skipped);
    fputs("    <properties>\n", o);
    if (p && p->name) { fputs("      <property name=\"name\" value=\"", o); xml(o, p->name); fputs("\"/>\n", o); }
    if (p && p->number) { fputs("      <property name=\"number\" value=\"", o); xml(o, p->number); fputs("\"/>\n", o); }
    if (p && p->issuer) { fputs("      <property name=\"issuer\" value=\"", o); xml(o, p->issuer); fputs("\"/>\n", o); }
    fputs("      <property name=\"as_of\" value=\"", o);
    if (c->e->as_of) fprintf(o, "%d", c->e->as_of);
    fputs("\"/>\n    </properties>\n", o);
    c->in_suite = 1;
    c->plan = p;
}

static void finish_case(junit_ctx *c)
{
    if (!c->rule) return;
    int out = outcome(c);
    if (!c->out) {
        suite_count *n = &c->count[plan_ix(c, c->rule->plan)];
        n->tests++;
        n->failures += out == OUT_FAIL;
        n->errors += out == OUT_ERROR;
        n->skipped += out == OUT_SKIP;
    } else {
        if (c->in_suite && c->plan != c->rule->plan) { fputs("  </testsuite>\n", c->out); c->in_suite = 0; }
        if (!c->in_suite) suite_open(c, c->rule->plan);
        write_case(c, out);
    }
    c->rule = NULL;
    c->nms = 0;
}

static void junit_row(void *ctx, const mb_verdict *v)
{
    junit_ctx *c = ctx;
    if (c->rule != v->rule || c->region != v->region) finish_case(c);
    c->rule = v->rule;
    c->region = v->region;
    if (c->nms == c->mscap) {
        size_t cap = c->mscap ? c->mscap * 2 : 8;
        mb_verdict *nv = mb_realloc(c->ms, cap * sizeof *nv);
        if (!nv) { c->oom = 1; return; } /* the milestone is left out of the report */
        c->ms = nv;
        c->mscap = cap;
    }
    c->ms[c->nms++] = *v;
}

mb_tally mb_report_junit(FILE *out, const mb_eval *e, const mb_filter *f)
{
    junit_ctx c;
    memset(&c, 0, sizeof c);
    c.e = e;
    c.f = f;
    mb_tally t = {0};
    c.count = mb_calloc(e->m->nplans + 1, sizeof *c.count);
    if (!c.count) {
        t.error = 1; /* the library prints nothing: the caller says the report failed */
        return t;
    }
    mb_report_walk(e, f, junit_row, &c); /* counting */
    finish_case(&c);
    suite_count all = {0};
    for (size_t i = 0; i <= e->m->nplans; i++) {
        all.tests += c.count[i].tests;
        all.failures += c.count[i].failures;
        all.errors += c.count[i].errors;
        all.skipped += c.count[i].skipped;
    }
    fputs("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n", out);
    /* The schema has no `skipped` on <testsuites>: each <testsuite> carries it. */
    fprintf(out, "<testsuites name=\"mubiao\" tests=\"%zu\" failures=\"%zu\" errors=\"%zu\">\n", all.tests,
            all.failures, all.errors);
    c.out = out;
    c.pos = mb_calloc(e->m->nrules + 1, sizeof *c.pos);
    t = mb_report_walk(e, f, junit_row, &c);
    finish_case(&c);
    if (c.in_suite) fputs("  </testsuite>\n", out);
    fputs("</testsuites>\n", out);
    if (c.oom) t.error = 1; /* some milestones are missing: not a whole report */
    free(c.ms);
    free(c.pos);
    free(c.count);
    return t;
}
