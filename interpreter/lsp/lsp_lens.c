/* lsp_lens.c — what a target means where it is written. A code lens on each target of the
 * document: with a submission configured (the server's `submission` setting, or a
 * submission.csv beside the document), its verdict for each region, computed by the
 * library's evaluator (mb_eval_verdict) as `mubiao eval` computes it. Inlay hints after a
 * target relative to its base: the yearly growth a multiple of the base needs ("×2 from
 * 2013 by 2015": +41.4 %/year), the whole factor an annual growth rate comes to (15 % a year
 * for five years: ×2.011) — read from the resolved criterion. */
#include <libgen.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "eval.h"
#include "lsp_feat.h"
#include "report.h"
#include "period.h"

/* The submission for a document: the configured one, else submission.csv beside it; NULL
 * when there is none (malloc'd). */
char *mb_lsp_submission_for(const char *configured, const char *doc_path)
{
    if (configured && *configured) return strdup(configured);
    if (doc_path[0] != '/') return NULL;
    char *dc = strdup(doc_path);
    if (!dc) return NULL;
    const char *dir = dirname(dc);
    size_t need = strlen(dir) + sizeof "/submission.csv";
    char *p = malloc(need);
    if (p) snprintf(p, need, "%s/submission.csv", dir);
    free(dc);
    struct stat sb;
    if (p && (stat(p, &sb) || !S_ISREG(sb.st_mode))) { free(p); p = NULL; }
    return p;
}

static const mb_rule *rule_of(const mb_lsp_an *a, const mb_ast_target *t)
{
    for (size_t i = 0; a->checked && i < a->m->nrules; i++)
        if (a->m->rules[i]->ast == t) return a->m->rules[i];
    return NULL;
}

/* The submission read and an evaluator on it, as of what `mubiao eval` would choose (a stray
 * period past every deadline is set aside, report_asof.c), for lenses and hints alike; NULL
 * without a submission or a clean model. */
static mb_data *submission_eval(const mb_lsp_an *a, const char *submission, mb_eval *e)
{
    mb_data *D = NULL;
    if (!submission || !a->checked || a->d.errors || !(D = mb_data_new(a->m))) return NULL;
    mb_data_load(D, submission);
    mb_data_finish(D);
    mb_asof as;
    mb_report_as_of(&as, NULL, 0, a->m, D);
    mb_eval_init(e, a->m, D, as.key);
    return D;
}

enum { LENS_REGIONS = 4 };

/* "2018: 南通市 met 2.8 · 江苏省 missed 2.6 · and 3 more" */
static void lens_title(FILE *o, const mb_eval *e, const mb_rule *r, size_t g, const mb_data *D)
{
    size_t regions[LENS_REGIONS];
    size_t n = mb_eval_regions(e, r, regions, LENS_REGIONS);
    mb_verdict *v = malloc(sizeof *v);
    if (!v) return;
    char pb[16];
    fprintf(o, "%s:", mb_period_text(r->crit ? r->crit[g].year : 0, r->crit && r->goals ? r->goals[g].sub : 0, pb));
    if (!n) fputs(" no region in the submission", o);
    for (size_t i = 0; i < n && i < LENS_REGIONS; i++) {
        mb_eval_verdict(e, r, g, regions[i], v);
        fprintf(o, "%s %s %s", i ? " ·" : "", D->region_names[regions[i]], mb_status_name(v->status));
        if (v->has_actual) {
            fputc(' ', o);
            mb_report_num(o, v->actual, 1);
        }
    }
    if (n > LENS_REGIONS) fprintf(o, " · and %zu more", n - LENS_REGIONS);
    free(v);
}

void mb_lsp_code_lenses(FILE *out, const mb_lsp_an *a, const char *submission)
{
    fputc('[', out);
    const mb_ast_file *f = a->root && a->m->nfiles ? &a->m->files[0] : NULL;
    mb_eval e;
    mb_data *D = f ? submission_eval(a, submission, &e) : NULL;
    int n = 0;
    for (size_t i = 0; D && i < f->n; i++) {
        if (f->stmts[i].kind != MB_ST_TARGET) continue;
        const mb_ast_target *t = f->stmts[i].u.target;
        const mb_rule *r = rule_of(a, t);
        if (!r || !r->crit) continue;
        for (size_t g = 0; g < r->ngoals; g++) {
            char *title = NULL;
            size_t tn = 0;
            FILE *o = open_memstream(&title, &tn);
            if (!o) continue;
            lens_title(o, &e, r, g, D);
            fclose(o);
            fputs(n++ ? "," : "", out);
            fputs("{\"range\":", out);
            mb_lsp_put_range(out, a, a->root, t->id.span.start, t->id.span.end);
            fputs(",\"command\":{\"title\":", out);
            mb_lj_put_str(out, title, tn);
            fputs(",\"command\":\"\"}}", out);
            free(title);
        }
    }
    fputc(']', out);
    mb_data_free(D);
}

/* ---- inlay hints ---- */

static void hint(FILE *out, const mb_lsp_an *a, int *n, size_t at, const char *label)
{
    fputs((*n)++ ? "," : "", out);
    fputs("{\"position\":", out);
    mb_lsp_pos p = mb_lsp_an_pos(a, a->root, at);
    fprintf(out, "{\"line\":%u,\"character\":%u}", p.line, p.character);
    fputs(",\"label\":", out);
    mb_lj_put_cstr(out, label);
    fputs(",\"paddingLeft\":true}", out);
}

/* The hint of one criterion relative to a base; "" when it has none. */
static void crit_hint(const mb_crit *c, char *buf, size_t cap)
{
    buf[0] = 0;
    const mb_limit *l = c->lo.on ? &c->lo : c->hi.on ? &c->hi : NULL;
    if (c->kind != MB_CRIT_VALUE || !l || c->year <= c->base_year || !c->base_year) return;
    double f = mb_num_to_double(l->v);
    int years = c->year - c->base_year;
    if (c->scale == MB_SCALE_BASE && f > 0) {
        double g = (pow(f, 1.0 / years) - 1) * 100;
        snprintf(buf, cap, "%s%.1f%%/year over %d–%d", g >= 0 ? "+" : "−", fabs(g), c->base_year, c->year);
    } else if (c->scale == MB_SCALE_COMPOUND && f > 0) {
        snprintf(buf, cap, "×%.3f of %d by %d", pow(f, c->years), c->base_year, c->year);
    }
}

/* With a submission: the value the target comes to for each region (the first few), base ×
 * factor as the evaluator computed it: "海州区 ≥ 1140 家 (base 570 in 2013)". */
static void region_hints(FILE *out, const mb_lsp_an *a, int *n, size_t at, const mb_eval *e, const mb_rule *r)
{
    const mb_crit *c = &r->crit[0];
    if (c->scale == MB_SCALE_NONE || c->kind != MB_CRIT_VALUE) return;
    size_t regions[LENS_REGIONS];
    size_t k = mb_eval_regions(e, r, regions, LENS_REGIONS);
    mb_verdict *v = malloc(sizeof *v);
    for (size_t i = 0; v && i < k && i < LENS_REGIONS; i++) {
        mb_eval_verdict(e, r, 0, regions[i], v);
        if (!v->has_target || !v->trace.has_base) continue;
        char *label = NULL;
        size_t ln = 0;
        FILE *o = open_memstream(&label, &ln);
        if (!o) break;
        fprintf(o, "%s %s ", e->D->region_names[regions[i]], c->lo.on ? (c->lo.strict ? ">" : "≥") : (c->hi.strict ? "<" : "≤"));
        mb_report_num(o, v->target, 1);
        if (r->ind && r->ind->unit.text && r->ind->unit.text[0]) fprintf(o, " %s", r->ind->unit.text);
        fputs(" (base ", o);
        mb_report_num(o, v->trace.base, 1);
        fprintf(o, " in %d)", v->trace.base_year);
        if (fclose(o)) { free(label); break; }
        hint(out, a, n, at, label);
        free(label);
    }
    free(v);
}

void mb_lsp_inlay_hints(FILE *out, const mb_lsp_an *a, size_t start, size_t end, const char *submission)
{
    fputc('[', out);
    const mb_ast_file *f = a->root && a->m->nfiles ? &a->m->files[0] : NULL;
    mb_eval e;
    mb_data *D = f ? submission_eval(a, submission, &e) : NULL;
    int n = 0;
    for (size_t i = 0; f && i < f->n; i++) {
        if (f->stmts[i].kind != MB_ST_TARGET) continue;
        const mb_ast_target *t = f->stmts[i].u.target;
        if (t->span.end < start || t->span.start > end || t->form == MB_FORM_COMPARE) continue;
        const mb_rule *r = rule_of(a, t);
        if (!r || !r->crit || !t->args->a.span.text) continue;
        char label[128];
        crit_hint(&r->crit[0], label, sizeof label);
        if (label[0]) hint(out, a, &n, t->args->a.span.end, label);
        if (D) region_hints(out, a, &n, t->args->a.span.end, &e, r);
    }
    fputc(']', out);
    mb_data_free(D);
}
