/* report_explain.c — how one rule's verdicts for one region were reached (mubiao explain):
 * the values read, with the file and line each came from, the arithmetic that turns the rule
 * into a threshold, and the comparison, in words a policy analyst can check by hand.
 *
 * The verdict always comes from mb_eval_verdict, and everything shown is its trace (the
 * values, the base, the bounds, the pace) and the rule's criterion (check/crit.h): this file
 * reads no value from the store and decides nothing about what a form means. */
#include <math.h>
#include <string.h>

#include "formula.h"
#include "period.h"
#include "print.h"
#include "report.h"

typedef struct xp {
    FILE *o;
    const mb_eval *e;
    const mb_rule *r;
    size_t region;
    const mb_verdict *v;   /* the milestone being explained: its trace is what is shown */
} xp;

/* ---- numbers and quantities ------------------------------------------------------------ */

static void num(FILE *o, mb_num v) { mb_report_num(o, v, 1); }

/* A number after an operator: "(-20)" when negative. */
static void pnum(FILE *o, mb_num v)
{
    if (mb_num_sign(v) < 0) fputc('(', o);
    num(o, v);
    if (mb_num_sign(v) < 0) fputc(')', o);
}

static void snum(FILE *o, mb_num v)
{
    if (mb_num_sign(v) > 0) fputc('+', o);
    num(o, v);
}

static const char *unit_of(const mb_indicator *ind)
{
    return ind && ind->unit.text && strcmp(ind->unit.text, "1") ? ind->unit.text : "";
}

/* "600 家", "2.74%", "0.4" */
static void qty(FILE *o, mb_num v, const mb_indicator *ind)
{
    const char *u = unit_of(ind);
    num(o, v);
    if (!u[0]) return;
    if (strcmp(u, "%")) fputc(' ', o);
    fputs(u, o);
}

static void pct(FILE *o, double frac)
{
    fprintf(o, "%+.1f%%", frac * 100);
}

/* "(gap +50, +4.2%)" */
static void gap(FILE *o, const mb_verdict *v)
{
    if (!v->has_gap) return;
    fputs(" (gap ", o);
    snum(o, v->gap);
    char rel[24];
    if (mb_report_rel_gap(v, rel, sizeof rel)) fprintf(o, ", %s", rel);
    fputc(')', o);
}

static const char *sym(mb_cmp c) { return mb_cmp_sym(c); }
static const char *not_sym(mb_cmp c) { return mb_cmp_not_sym(c); }

/* "a ≥ b" when it held, "a < b" when it did not: whether it held is the verdict's (or the
 * criterion's, crit.c), never decided here. */
static void relation(FILE *o, mb_cmp c, mb_num a, mb_num b, int held)
{
    num(o, a);
    fprintf(o, " %s ", held ? sym(c) : not_sym(c));
    num(o, b);
}

static void src(FILE *o, mb_aspan s)
{
    if (s.text && s.end > s.start && s.end <= s.text->len) fwrite(s.text->data + s.start, 1, s.end - s.start, o);
}

/* ---- values ------------------------------------------------------------------------------ */

enum { VAL_OK, VAL_MISSING, VAL_LATE, VAL_BAD, VAL_UNUSED };

static int value(const xp *x, size_t region, const mb_indicator *ind, int year, mb_num *out, int depth);

/* A value as the verdict's trace has it: explain shows what the evaluator used and never
 * reads or computes a value itself. VAL_UNUSED: the evaluator did not need it (the verdict
 * was decided before, or the trace was full). */
static int value(const xp *x, size_t region, const mb_indicator *ind, int year, mb_num *out, int depth)
{
    (void)depth;
    if (!ind) return VAL_MISSING;
    if (year > x->e->as_of) return VAL_LATE;
    const mb_trace *t = &x->v->trace;
    for (unsigned i = 0; i < t->nvals; i++) {
        const mb_tval *tv = &t->val[i];
        if (tv->ind != ind || tv->year != year || tv->region != region) continue;
        switch (tv->state) {
        case MB_TV_OK: *out = tv->v; return VAL_OK;
        case MB_TV_REJECTED: return VAL_BAD;
        case MB_TV_LATE: return VAL_LATE;
        default: return VAL_MISSING;
        }
    }
    return VAL_UNUSED;
}

/* The trace entry of a value, for where it came from. */
static const mb_tval *traced(const xp *x, size_t region, const mb_indicator *ind, int year)
{
    const mb_trace *t = &x->v->trace;
    for (unsigned i = 0; i < t->nvals; i++)
        if (t->val[i].ind == ind && t->val[i].year == year && t->val[i].region == region) return &t->val[i];
    return NULL;
}

/* A derived indicator's formula with this region's values put in, each in its unit:
 * "120亿元 / 3000000万元". */
static void expr_values(const xp *x, size_t region, const mb_fnode *ex, int year, int depth)
{
    FILE *o = x->o;
    static const char ops[] = {0, 0, '+', '-', '*', '/', '-'};
    if (!ex || depth > 64) return;
    mb_num v;
    switch (ex->kind) {
    case MB_EX_NUM: num(o, ex->num); return;
    case MB_EX_REF:
        if (value(x, region, ex->ind, year, &v, depth + 1) == VAL_OK) {
            num(o, v);
            if (ex->ind->unit.text[0] && strcmp(ex->ind->unit.text, "1")) fputs(ex->ind->unit.text, o);
        } else {
            fputs("?", o);
        }
        return;
    case MB_EX_NEG: fputs("-(", o); expr_values(x, region, ex->l, year, depth + 1); fputc(')', o); return;
    default:
        if (depth) fputc('(', o);
        expr_values(x, region, ex->l, year, depth + 1);
        fprintf(o, " %c ", ops[ex->kind]);
        expr_values(x, region, ex->r, year, depth + 1);
        if (depth) fputc(')', o);
    }
}

/* Where a value came from, after it: "(data.csv line 12)"; for a derived indicator its
 * formula with the values put in. */
static void origin(const xp *x, size_t region, const mb_indicator *ind, int year)
{
    FILE *o = x->o;
    if (ind->derived) {
        fputs(" (= ", o);
        src(o, ind->derived->span);
        fputs(" = ", o);
        expr_values(x, region, ind->formula, year, 0);
        fputc(')', o);
        return;
    }
    const mb_tval *tv = traced(x, region, ind, year);
    if (tv && tv->obs && tv->obs->state != MB_OBS_ABSENT)
        fprintf(o, " (%s line %u)", mb_data_file_name(x->e->D, tv->obs->file), (unsigned)tv->obs->line);
}

/* "    value in 2013 (base): 600 家 (data.csv line 12)", or why there is none. Returns the
 * state; *out holds the value when VAL_OK. */
static int say(const xp *x, size_t region, int year, const char *role, mb_num *out)
{
    FILE *o = x->o;
    const mb_indicator *ind = x->r->ind;
    mb_num v;
    int s = value(x, region, ind, year, &v, 0);
    fprintf(o, "    value in %d%s: ", year, role);
    switch (s) {
    case VAL_OK:
        qty(o, v, ind);
        origin(x, region, ind, year);
        if (out) *out = v;
        break;
    case VAL_LATE: fprintf(o, "not used: %d is after the data taken into account (up to %d)", year, x->e->as_of); break;
    case VAL_UNUSED: fputs("not needed for this verdict", o); break;
    case VAL_BAD:
        if (ind->derived) {
            fputs("cannot be computed (", o);
            src(o, ind->derived->span);
            fputs(" = ", o);
            expr_values(x, region, ind->formula, year, 0);
            fputc(')', o);
        } else fputs("rejected (see the submission errors)", o);
        break;
    default:
        fputs("none submitted", o);
        if (ind->derived) {
            fputs(" (", o);
            src(o, ind->derived->span);
            fputs(" = ", o);
            expr_values(x, region, ind->formula, year, 0);
            fputc(')', o);
        }
    }
    fputc('\n', o);
    return s;
}

/* The value of a base year, as the verdict used it: the submitted one (and, beside it, the
 * plan's printed one when the rule prints that year's), or the printed one in its place. */
static int say_base(const xp *x, int year, const char *role, mb_num *out)
{
    FILE *o = x->o;
    const mb_printed *p = x->r->crit[x->v->goal].printed;
    if (!p || p->year != year) return say(x, x->region, year, role, out);
    mb_pos at = mb_span_pos(&p->span);
    if (x->v->trace.base_source == MB_BASE_PRINTED) {
        fprintf(o, "    value in %d%s: none submitted; the plan prints ", year, role);
        qty(o, p->value, x->r->ind);
        fprintf(o, " (%s:%u:%u), used instead\n", p->span.text->name, at.line, at.col);
        if (out) *out = p->value;
        return VAL_OK;
    }
    int s = say(x, x->region, year, role, out);
    fputs("    printed in the plan: ", o);
    qty(o, p->value, x->r->ind);
    fprintf(o, " (%s:%u:%u)%s\n", p->span.text->name, at.line, at.col,
            s == VAL_OK && out && !mb_num_eq(*out, p->value) ? ": the submitted value differs and is the one used" : "");
    return s;
}

/* The base value without a line of its own (the threshold's working said it). */
static int base_value(const xp *x, int year, mb_num *out)
{
    const mb_printed *p = x->r->crit[x->v->goal].printed;
    if (p && p->year == year && x->v->trace.base_source == MB_BASE_PRINTED) { *out = p->value; return VAL_OK; }
    return value(x, x->region, x->r->ind, year, out, 0);
}

/* The last line of a milestone: the status, and the evaluator's note when there is one. */
static void conclude(const xp *x, const mb_verdict *v)
{
    fprintf(x->o, "    → %s", mb_status_name(v->status));
    if (v->detail[0]) fprintf(x->o, ": %s", v->detail);
    fputc('\n', x->o);
}

/* ---- the rule as written ------------------------------------------------------------- */

/* The rule as the canonical printer writes it, with ≥ for >= (lang/print.c). */
static void rule_text(FILE *o, const mb_rule *r)
{
    if (r->ast) mb_print_target_body(o, r->ast);
    else if (r->ind) fputs(r->ind->id, o);
}

/* Text that may hold line breaks, its later lines lined up under the first. */
static void indented(FILE *o, const char *s)
{
    for (; *s; s++) {
        fputc(*s, o);
        if (*s == '\n') fputs("             ", o);
    }
    fputc('\n', o);
}

/* Does the rule read quarters or months (a goal due in one, or a flow or stock)? */
static int reads_subyear(const mb_rule *r)
{
    for (size_t g = 0; g < r->ngoals; g++)
        if (r->goals[g].sub) return 1;
    return r->ind && r->ind->flow;
}

static void header(const xp *x)
{
    FILE *o = x->o;
    const mb_rule *r = x->r;
    const mb_indicator *ind = r->ind;
    fprintf(o, "Target %s", r->id);
    if (r->label) fprintf(o, " \"%s\"", r->label);
    if (r->plan) {
        fprintf(o, " of plan %s", r->plan->id);
        if (r->plan->name) fprintf(o, " (%s)", r->plan->name);
    }
    fputc('\n', o);
    fputs("  rule:      ", o);
    rule_text(o, r);
    fputc('\n', o);
    for (size_t i = 0; i < r->nphrases; i++) { fputs("  phrase:    ", o); indented(o, r->phrases[i].text); }
    if (r->binding || r->aspiration) /* attributes: shown, never part of the verdict */
        fprintf(o, "  attribute: %s (the verdict does not depend on it)\n", mb_attr_text(r->binding, r->aspiration));
    if (r->note) { fputs("  note:      ", o); indented(o, r->note); }
    if (r->span.text) {
        mb_pos p = mb_span_pos(&r->span);
        fprintf(o, "  written:   %s:%u:%u\n", r->span.text->name, p.line, p.col);
    }
    if (ind) {
        fprintf(o, "  indicator: %s", ind->id);
        if (ind->name) fprintf(o, " %s", ind->name);
        if (unit_of(ind)[0]) fprintf(o, ", in %s", unit_of(ind));
        fprintf(o, ", %s is better", ind->direction < 0 ? "lower" : "higher");
        if (ind->derived) {
            fputs(", computed as ", o);
            src(o, ind->derived->span);
        }
        fputc('\n', o);
    }
    if (r->category) fprintf(o, "  category:  %s\n", r->category);
    if (r->nowners) {
        fputs("  owners:    ", o);
        for (size_t i = 0; i < r->nowners; i++) fprintf(o, "%s%s", i ? ", " : "", r->owners[i].text);
        fputc('\n', o);
    }
    if (r->source) fprintf(o, "  source:    %s\n", r->source);
    fprintf(o, "  region:    %s", x->e->D->region_names[x->region]);
    if (r->nregions) { /* the target's own regions replace the plan's (其中高新区…) */
        fputs(mb_eval_applies(x->e, r, x->region) ? " (one of the target's own regions: " : " (not a region of this target: it is for ", o);
        for (size_t i = 0; i < r->nregions; i++) fprintf(o, "%s%s", i ? ", " : "", r->regions[i].text);
        fputc(')', o);
    }
    fputc('\n', o);
    if (x->e->as_of) fprintf(o, "  data:      taken into account up to %d", x->e->as_of);
    if (x->e->as_of && x->e->as_of_key % 100 != 12 && reads_subyear(r))
        fprintf(o, " (quarters and months up to %d-%02d)", x->e->as_of_key / 100, x->e->as_of_key % 100);
    if (x->e->as_of) fputc('\n', o);
    else fputs("  data:      no whole year in the data\n", o);
}

/* ---- the threshold of the single-value criteria --------------------------------------- */

/* A threshold beyond 128 bits: the evaluator compared with it exactly (num_pow.h), and its
 * verdict holds it to 36 significant digits, marked approximate. */

/* "    target: ≥ 12000 家 (written 1.2万家)": a bound on the value itself. */
static void bound_target(const xp *x, const mb_crit *c, size_t g)
{
    FILE *o = x->o;
    const mb_indicator *ind = x->r->ind;
    const char *written = x->r->goals[g].text;
    fprintf(o, "    target: %s ", sym(mb_crit_cmp(c)));
    qty(o, c->named, ind);
    /* as written, when that reads differently ("1.2万家" for 12000 家) */
    char buf[MB_NUM_BUF + 64];
    FILE *m = written ? fmemopen(buf, sizeof buf, "w") : NULL;
    if (m) {
        qty(m, c->named, ind);
        fputc(0, m);
        fclose(m);
        buf[sizeof buf - 1] = 0;
        char bare[MB_NUM_BUF];
        mb_num_format(c->named, 4, bare, NULL);
        if (strcmp(buf, written) && strcmp(bare, written)) fprintf(o, " (written %s)", written);
    }
    fputc('\n', o);
}

/* "    target: about 1200 家 ± 60 家, so at least 1140 家 (higher is better: above 1260 家 …)" */
static void band_target(const xp *x, const mb_crit *c)
{
    FILE *o = x->o;
    const mb_rule *r = x->r;
    const mb_indicator *ind = r->ind;
    fputs("    target: about ", o);
    qty(o, c->named, ind);
    if (r->tol_relative) {
        fputs(", within ", o);
        num(o, r->b); /* the tolerance as written */
        fputs("% of it: ± ", o);
    } else fputs(" ± ", o);
    qty(o, c->tol, ind);
    if (c->two_sided) {
        fputs(", so from ", o);
        num(o, c->lo.v);
        fputs(" to ", o);
        qty(o, c->hi.v, ind);
        fputs(" (both included)", o);
    } else {
        fprintf(o, ", so %s ", c->lo.on ? "at least" : "at most");
        qty(o, c->lo.on ? c->lo.v : c->hi.v, ind);
        fprintf(o, " (%s is better: %s ", c->dir < 0 ? "lower" : "higher", c->lo.on ? "above" : "below");
        qty(o, c->mark.v, ind);
        fputs(" the target is exceeded)", o);
    }
    fputc('\n', o);
}

/* "    target = (1 − 20%) × 600 = 480 家", "0.8 × 600", "(1 + 15%)^4 × 100": each bound of a
 * criterion scaled by the base, from the factor the checker resolved it to. */
static void scaled_target(const xp *x, const mb_crit *c, const mb_trace *tr, mb_num base)
{
    FILE *o = x->o;
    const mb_limit *cl[2] = {&c->lo, &c->hi};
    const mb_bound *tl[2] = {&tr->lo, &tr->hi};
    int both = c->lo.on && c->hi.on;
    for (int k = 0; k < 2; k++) {
        if (!cl[k]->on) continue;
        fputs(both ? (k ? "    upper bound = " : "    lower bound = ") : "    target = ", o);
        if (c->scale == MB_SCALE_OFFSET) { /* percentage points: 56.7 − 3 = 53.7% */
            num(o, base);
            fputs(mb_num_sign(cl[k]->v) < 0 ? " − " : " + ", o);
            num(o, mb_num_abs(cl[k]->v));
            fputs(" percentage points = ", o);
            qty(o, tl[k]->v, x->r->ind);
            fputc('\n', o);
            continue;
        }
        mb_num p;
        if (mb_form_info_of(x->r->form)->stated == MB_STATED_FACTOR || mb_crit_percent(cl[k]->v, &p)) {
            num(o, cl[k]->v);
        } else {
            fprintf(o, "(1 %s ", mb_num_sign(p) < 0 ? "−" : "+");
            num(o, mb_num_abs(p));
            fputs("%)", o);
            if (c->scale == MB_SCALE_COMPOUND) fprintf(o, "^%u", c->years);
        }
        fputs(" × ", o);
        pnum(o, base);
        fputs(" = ", o);
        qty(o, tl[k]->v, x->r->ind);
        fputc('\n', o);
    }
}

/* Explains how the threshold follows from the criterion (and the base value). Returns 0
 * when the base value is missing, so that there is no threshold to compare with. */
static int threshold(const xp *x, const mb_verdict *v, size_t g)
{
    FILE *o = x->o;
    const mb_crit *c = &x->r->crit[g];
    mb_num base;
    if (c->scale == MB_SCALE_NONE) {
        switch (mb_crit_shape_of(c)) {
        case MB_SHAPE_BOUND: bound_target(x, c, g); break;
        case MB_SHAPE_BAND: band_target(x, c); break;
        case MB_SHAPE_BETWEEN:
            fputs("    target: between ", o);
            num(o, c->lo.v);
            fputs(" and ", o);
            qty(o, c->hi.v, x->r->ind);
            fputs(" (both included)\n", o);
            break;
        case MB_SHAPE_STRETCH:
            fputs("    target: at least ", o);
            qty(o, c->lo.v, x->r->ind);
            fputs(" required, ", o);
            qty(o, c->mark.v, x->r->ind);
            fputs(" the stretch\n", o);
            break;
        }
        return 1;
    }
    if (say_base(x, c->base_year, " (base)", &base) != VAL_OK) return 0;
    if (!v->trace.has_bounds) return 0; /* the verdict says why (a base that is not positive …) */
    scaled_target(x, c, &v->trace, base);
    return 1;
}

/* The comparison at the deadline, for the single-value criteria. */
static void judge(const xp *x, const mb_verdict *v)
{
    FILE *o = x->o;
    const mb_crit *c = &x->r->crit[v->goal];
    const mb_trace *tr = &v->trace;
    mb_num a = v->actual;
    int met = v->status == MB_ST_MET;
    fputs("    ", o);
    switch (mb_crit_shape_of(c)) {
    case MB_SHAPE_BAND: {
        mb_num d, centre = c->scale == MB_SCALE_NONE ? c->named : v->target; /* scaled: named × base */
        num(o, a);
        fputs(mb_num_cmp(a, centre) == 0 ? " is the target itself"
              : v->stretch ? " is beyond the band on the better side"
              : met ? " is within the band" : " is outside the band", o);
        if (!mb_num_sub(a, centre, &d) && mb_num_sign(d)) {
            fputs(" (", o);
            snum(o, d);
            if (mb_num_sign(centre)) {
                fputs(", ", o);
                pct(o, mb_num_to_double(d) / fabs(mb_num_to_double(centre)));
            }
            fputs(" from the centre)", o);
        }
        fprintf(o, ": %s%s\n", mb_status_name(v->status), v->stretch ? ", exceeded" : "");
        return;
    }
    case MB_SHAPE_BETWEEN:
        if (mb_num_cmp(a, tr->lo.v) < 0) relation(o, MB_CMP_GE, a, tr->lo.v, 0);
        else if (mb_num_cmp(a, tr->hi.v) > 0) relation(o, MB_CMP_LE, a, tr->hi.v, 0);
        else {
            num(o, tr->lo.v);
            fputs(" ≤ ", o);
            num(o, a);
            fputs(" ≤ ", o);
            num(o, tr->hi.v);
        }
        fprintf(o, ": %s\n", mb_status_name(v->status));
        return;
    case MB_SHAPE_STRETCH:
        relation(o, MB_CMP_GE, a, tr->lo.v, met);
        fprintf(o, ": %s", mb_status_name(v->status));
        gap(o, v);
        if (met) {
            fputs("; ", o);
            relation(o, MB_CMP_GE, a, c->mark.v, v->stretch);
            fputs(v->stretch ? ": the stretch value is reached too" : ": the stretch value is not reached", o);
        }
        fputc('\n', o);
        return;
    case MB_SHAPE_BOUND: relation(o, mb_crit_cmp(c), a, v->target, met); break;
    }
    fprintf(o, ": %s", mb_status_name(v->status));
    gap(o, v);
    fputc('\n', o);
}

/* ---- before the deadline: progress ------------------------------------------------------ */

static void growth(FILE *o, double g) { fprintf(o, "%+.2f%%", g * 100); }

static void progress(const xp *x, const mb_verdict *v)
{
    FILE *o = x->o;
    const mb_rule *r = x->r;
    const mb_indicator *ind = r->ind;
    int t0 = r->crit[v->goal].base_year, T = v->year; /* a growth over the previous year: Y − 1 */
    fprintf(o, "    the deadline %d is after the data (up to %d): the verdict is a progress class\n", T, x->e->as_of);
    if (t0 && t0 == T - 1 && !v->has_actual) {
        fprintf(o, "    no year lies between the base year %d and the deadline %d to measure progress with\n", t0, T);
        conclude(x, v);
        return;
    }
    if (!t0 || t0 >= T) {
        fputs("    there is no base year to measure progress from (add 'from YEAR' or the plan's 'base')\n", o);
        conclude(x, v);
        return;
    }
    mb_num x0;
    const mb_crit *c = &r->crit[v->goal];
    int base_said = c->scale != MB_SCALE_NONE; /* the threshold's working showed it */
    int s0 = base_said ? base_value(x, t0, &x0) : say_base(x, t0, " (base, where progress is measured from)", &x0);
    if (base_said && s0 == VAL_OK) fprintf(o, "    progress is measured from the base year %d\n", t0);
    if (s0 != VAL_OK || !v->has_actual) {
        if (s0 == VAL_OK && !v->has_actual && v->status == MB_ST_NO_DATA)
            fprintf(o, "    no value after %d and before %d to measure progress with\n", t0, T);
        conclude(x, v);
        return;
    }
    int t = v->actual_year;
    fprintf(o, "    latest value before the deadline: ");
    qty(o, v->actual, ind);
    fprintf(o, " in %d", t);
    origin(x, x->region, ind, t);
    fputc('\n', o);
    if (v->already) {
        fputs("    ", o);
        if (mb_crit_shape_of(c) != MB_SHAPE_BOUND) {
            num(o, v->actual);
            fputs(" already meets the target", o);
        } else {
            relation(o, mb_crit_cmp(c), v->actual, v->target, 1);
            fputs(": the target is already reached", o);
        }
        fprintf(o, ": %s\n", mb_status_name(v->status));
        return;
    }
    const mb_trace *tr = &v->trace;
    if (tr->pace == MB_PACE_NONE) {
        /* decided without a pace: met at the base and not now, or past a band to its other side */
        conclude(x, v);
        return;
    }
    int tt = tr->pace_to, t00 = tr->pace_from;
    if (tr->pace == MB_PACE_GROWTH) {
        fputs("    growth needed:   (", o);
        num(o, tr->pace_target);
        fputs(" / ", o);
        num(o, x0);
        fprintf(o, ")^(1/%d) − 1 = ", T - t00);
        growth(o, tr->needed);
        fprintf(o, " a year, %d to %d\n", t00, T);
        fputs("    growth achieved: (", o);
        num(o, v->actual);
        fputs(" / ", o);
        num(o, x0);
        fprintf(o, ")^(1/%d) − 1 = ", tt - t00);
        growth(o, tr->got);
        fprintf(o, " a year, %d to %d\n", t00, tt);
    } else {
        /* a zero or negative value has no growth rate: the straight-line path instead */
        fputs("    (a value is zero or negative, so the change per year is compared instead of growth)\n", o);
        fputs("    change needed:   (", o);
        num(o, tr->pace_target);
        fputs(" − ", o);
        pnum(o, x0);
        fprintf(o, ") / %d = %.4g a year, %d to %d\n", T - t00, tr->needed, t00, T);
        fputs("    change achieved: (", o);
        num(o, v->actual);
        fputs(" − ", o);
        pnum(o, x0);
        fprintf(o, ") / %d = %.4g a year, %d to %d\n", tt - t00, tr->got, t00, tt);
    }
    double pc = floor(v->ratio * 100); /* as the evaluator's detail: never the next class up */
    fprintf(o, "    achieved / needed = %.2f (%.0f%% of the pace): %s\n", pc / 100, pc == 0 ? 0.0 : pc,
            mb_status_name(v->status));
    fputs("    (on-track from 95% of the pace, needs-acceleration from 60%, limited-progress from 0, "
          "regressing below 0)\n", o);
}

/* ---- the forms over several years --------------------------------------------------------- */

/* Why a year of a per-year listing (each year, rises, falls) shows no value. */
static void year_without_value(FILE *o, int s)
{
    fputs(s == VAL_LATE     ? "after the data taken into account"
          : s == VAL_BAD    ? "rejected or not computable"
          : s == VAL_UNUSED ? "not needed: the verdict was decided before"
                            : "none submitted", o);
}

static void each_year(const xp *x, const mb_verdict *v)
{
    FILE *o = x->o;
    const mb_rule *r = x->r;
    const mb_crit *c = &r->crit[v->goal];
    mb_cmp cmp = mb_crit_cmp(c);
    fprintf(o, "    target: %s ", sym(cmp));
    qty(o, c->named, r->ind);
    fprintf(o, " in every year %d..%d\n", c->y1, c->y2);
    for (int y = c->y1; y <= c->y2; y++) {
        mb_num a;
        int s = value(x, x->region, r->ind, y, &a, 0);
        fprintf(o, "    %d: ", y);
        if (s == VAL_OK) {
            int ok = mb_crit_holds(c, a);
            relation(o, cmp, a, c->named, ok);
            fputs(ok ? " ✓" : " ✗", o);
            origin(x, x->region, r->ind, y);
        } else year_without_value(o, s);
        fputc('\n', o);
    }
    conclude(x, v);
}

static void cumulative(const xp *x, const mb_verdict *v)
{
    FILE *o = x->o;
    const mb_rule *r = x->r;
    const mb_indicator *ind = r->ind;
    const mb_crit *c = &r->crit[v->goal];
    int last = x->e->as_of < c->y2 ? x->e->as_of : c->y2, n = 0;
    fprintf(o, "    target: total over %d..%d %s ", c->y1, c->y2, sym(mb_crit_cmp(c)));
    qty(o, c->named, ind);
    fputc('\n', o);
    for (int y = c->y1; y <= c->y2; y++) {
        mb_num a;
        int s = value(x, x->region, ind, y, &a, 0);
        fprintf(o, "    %d: ", y);
        if (s == VAL_OK) {
            qty(o, a, ind);
            origin(x, x->region, ind, y);
            n++;
        } else if (s == VAL_LATE) fputs("after the data taken into account", o);
        else fputs(s == VAL_BAD ? "rejected or not computable" : "none submitted", o);
        fputc('\n', o);
    }
    if (v->has_actual) { /* the sum the evaluator judged, with the values it added */
        fprintf(o, "    sum %d..%d = ", c->y1, last);
        int first = 1;
        for (int y = c->y1; y <= last && n <= 12; y++) {
            mb_num a;
            if (value(x, x->region, ind, y, &a, 0) != VAL_OK) continue;
            if (!first) fputs(" + ", o);
            num(o, a);
            first = 0;
        }
        if (n <= 12) fputs(" = ", o);
        qty(o, v->actual, ind);
        fputc('\n', o);
        if (last == c->y2) {
            fputs("    ", o);
            relation(o, mb_crit_cmp(c), v->actual, c->named, v->status == MB_ST_MET);
            fprintf(o, ": %s", mb_status_name(v->status));
            gap(o, v);
            fputc('\n', o);
            return;
        }
        if (v->has_ratio) {
            int done = last - c->y1 + 1, all = c->y2 - c->y1 + 1;
            fprintf(o, "    the share due by %d: ", last);
            num(o, c->named);
            fprintf(o, " × %d/%d = %.4g", done, all, mb_num_to_double(c->named) * done / all);
            fprintf(o, "; the total is %.0f%% of it", v->ratio * 100);
            fputc('\n', o);
        }
    }
    conclude(x, v);
}

static void monotone(const xp *x, const mb_verdict *v)
{
    FILE *o = x->o;
    const mb_rule *r = x->r;
    const mb_crit *c = &r->crit[v->goal];
    int prev_y = 0;
    mb_num prev = {0, 1};
    fprintf(o, "    target: each value %s the one of the year before, %d..%d\n", c->dir > 0 ? "above" : "below",
            c->y1, c->y2);
    for (int y = c->y1; y <= c->y2; y++) {
        mb_num a;
        int s = value(x, x->region, r->ind, y, &a, 0);
        fprintf(o, "    %d: ", y);
        if (s == VAL_OK) {
            qty(o, a, r->ind);
            if (prev_y) {
                int d = mb_num_cmp(a, prev);
                fprintf(o, " %s ", d > 0 ? ">" : d < 0 ? "<" : "=");
                qty(o, prev, r->ind);
                fprintf(o, " (%d) %s", prev_y, mb_crit_step_holds(c, prev, a) ? "✓" : "✗");
            }
            origin(x, x->region, r->ind, y);
            prev = a;
            prev_y = y;
        } else year_without_value(o, s);
        fputc('\n', o);
    }
    conclude(x, v);
}

static void above_region(const xp *x, const mb_verdict *v)
{
    FILE *o = x->o;
    const mb_rule *r = x->r;
    const mb_crit *c = &r->crit[v->goal];
    const mb_data *D = x->e->D;
    long ref = mb_data_region(D, c->region_key);
    const char *here = D->region_names[x->region];
    fprintf(o, "    target: the value for %s %s ", here, sym(mb_crit_cmp(c)));
    if (mb_num_cmp(c->named, mb_num_int(1))) fprintf(o, "%s × ", r->goals[v->goal].text); /* a share, as written */
    fprintf(o, "the value for %s in %d\n", c->region, v->year);
    if (ref < 0) {
        fprintf(o, "    %s is not in the data\n", c->region);
        conclude(x, v);
        return;
    }
    int y = v->has_actual ? v->actual_year : x->e->as_of < v->year ? x->e->as_of : v->year;
    if (y != v->year)
        fprintf(o, "    the deadline %d is after the data (up to %d): the latest year both have is compared\n",
                v->year, x->e->as_of);
    char role[300];
    snprintf(role, sizeof role, " for %s", here);
    say(x, x->region, y, role, NULL);
    snprintf(role, sizeof role, " for %s", D->region_names[ref]);
    say(x, (size_t)ref, y, role, NULL);
    if (v->has_actual && v->has_target) {
        fputs("    ", o);
        relation(o, mb_crit_cmp(c), v->actual, v->target, v->status == MB_ST_MET || v->status == MB_ST_ON_TRACK);
        fprintf(o, ": %s", mb_status_name(v->status));
        gap(o, v);
        fputc('\n', o);
        return;
    }
    conclude(x, v);
}

/* ---- one milestone --------------------------------------------------------------------- */

static void milestone(const xp *x, size_t g)
{
    FILE *o = x->o;
    const mb_rule *r = x->r;
    mb_verdict v;
    mb_eval_verdict(x->e, r, g, x->region, &v);
    xp with = *x;
    with.v = &v;
    x = &with;
    char pb[16];
    if (r->ngoals > 1) fprintf(o, "\nMilestone %zu of %zu, %s:\n", g + 1, r->ngoals, mb_period_text(v.year, v.sub, pb));
    else if (v.year) fprintf(o, "\nDeadline %s:\n", mb_period_text(v.year, v.sub, pb));
    else fputc('\n', o);
    if (mb_explain_subyear(o, x->e, &v)) return;
    switch (r->crit[g].kind) {
    case MB_CRIT_NONE:
        fputs("    a qualitative target states no value that data could be compared with;\n"
              "    the plan's words above are the commitment, to be judged by people\n", o);
        conclude(x, &v);
        return;
    case MB_CRIT_EACH: each_year(x, &v); return;
    case MB_CRIT_SUM: cumulative(x, &v); return;
    case MB_CRIT_STEPS: monotone(x, &v); return;
    case MB_CRIT_REGION: above_region(x, &v); return;
    case MB_CRIT_VALUE: break;
    }
    if (!threshold(x, &v, g)) { conclude(x, &v); return; }
    if (x->e->as_of < v.year) { progress(x, &v); return; }
    if (say(x, x->region, v.year, "", NULL) != VAL_OK || !v.has_actual || !v.has_target) { conclude(x, &v); return; }
    judge(x, &v);
}

void mb_report_explain(FILE *out, const mb_eval *e, const mb_rule *r, size_t region)
{
    xp x = {out, e, r, region, NULL};
    header(&x);
    for (size_t g = 0; g < r->ngoals; g++) milestone(&x, g);
}
