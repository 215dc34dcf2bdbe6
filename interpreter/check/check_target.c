/* check_target.c — one target: resolve its indicator, convert its values to the indicator's
 * unit, fill in defaults from the plan, and check what the form requires. */
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "period.h"

static mb_rule *new_rule(mb_chk *c)
{
    mb_rule **nv = mb_arena_push(&c->m->arena, c->m->rules, c->m->nrules, sizeof *nv);
    mb_rule *r = mb_arena_alloc(&c->m->arena, sizeof *r);
    if (!nv || !r) { c->oom = 1; return NULL; }
    nv[c->m->nrules] = r;
    r->index = c->m->nrules++;
    c->m->rules = nv;
    return r;
}

/* The deadline: the target's own, else the plan's last. */
static int deadline(mb_chk *c, const mb_ast_target *t, const mb_plan *plan, mb_year by)
{
    if (by.year) return by.year;
    if (plan && plan->last_deadline) return plan->last_deadline;
    mb_diag_add(c->d, MB_D_TARGET_NO_DEADLINE, t->id.span, "target '%s' has no deadline: add 'by YEAR'%s", t->id.text,
                plan ? " (its plan gives no deadline)" : "");
    return 0;
}

static void metadata(mb_rule *r, const mb_ast_target *t)
{
    const mb_indicator *ind = r->ind;
    r->phrase = t->cl->phrase.text;
    r->phrases = t->cl->phrases.v;
    r->nphrases = t->cl->phrases.n;
    r->binding = t->cl->binding;
    r->aspiration = t->cl->aspiration;
    r->note = t->cl->note.text;
    r->regions = t->cl->regions.n ? t->cl->regions.v : NULL;
    r->nregions = t->cl->regions.n;
    r->category = t->cl->category.text ? t->cl->category.text : ind ? ind->category : NULL;
    r->source = t->cl->source.text ? t->cl->source.text : ind ? ind->source : NULL;
    r->owners = t->cl->owners.n ? t->cl->owners.v : ind ? ind->owners : NULL;
    r->nowners = t->cl->owners.n ? t->cl->owners.n : ind ? ind->nowners : 0;
}

/* The target's own regions: names, each once (a second mention would be a second verdict). */
static void own_regions(mb_chk *c, const mb_ast_target *t)
{
    const mb_strlist *l = &t->cl->regions;
    for (size_t i = 0; i < l->n; i++) {
        if (!l->v[i].key[0]) mb_diag_add(c->d, MB_D_EMPTY_REGION_NAME, l->v[i].span, "empty region name");
        for (size_t j = 0; j < i; j++)
            if (!strcmp(l->v[i].key, l->v[j].key)) {
                mb_diag_add(c->d, MB_D_REGION_LISTED_TWICE, l->v[i].span, "region \"%s\" is listed twice", l->v[i].text);
                break;
            }
    }
}

/* A goal with its place among the target's milestones, so that sorting by year keeps the
 * way back to the milestone's source span. */
typedef struct ygoal { mb_rgoal g; size_t i; } ygoal;

static int cmp_goal_year(const void *a, const void *b)
{
    const ygoal *x = a, *y = b;
    int kx = mb_sub_key(x->g.year, x->g.sub), ky = mb_sub_key(y->g.year, y->g.sub);
    if (kx != ky) return kx - ky;
    return x->i < y->i ? -1 : x->i > y->i; /* as written, so messages are repeatable */
}

/* Milestones must move the way the indicator improves: a higher-is-better indicator whose
 * "at least" targets fall from one year to the next contradicts itself. */
static void check_milestones(mb_chk *c, const mb_rule *r, const mb_ast_target *t)
{
    if (r->ngoals < 2 || !r->ind) return;
    ygoal *g = malloc(r->ngoals * sizeof *g);
    if (!g) { c->oom = 1; return; }
    for (size_t i = 0; i < r->ngoals; i++) g[i] = (ygoal){r->goals[i], i};
    qsort(g, r->ngoals, sizeof *g, cmp_goal_year);
    int up = r->cmp == MB_CMP_GE || r->cmp == MB_CMP_GT;
    int down = r->cmp == MB_CMP_LE || r->cmp == MB_CMP_LT;
    for (size_t i = 1; i < r->ngoals; i++) {
        const mb_rgoal *a = &g[i - 1].g, *b = &g[i].g;
        if (!a->year) continue; /* a milestone without its year: reported already */
        mb_aspan sp = t->goals[g[i].i].q.span;
        char pb[16];
        if (b->year == a->year && b->sub == a->sub) {
            mb_diag_add(c->d, MB_D_TWO_MILESTONES, sp, "two milestones for %s", mb_period_text(b->year, b->sub, pb));
            continue;
        }
        /* a flow's quarters or months are amounts of their own, not steps towards the year's */
        if ((a->sub || b->sub) && r->ind->flow > 0) continue;
        int s = mb_num_cmp(b->value, a->value);
        if (r->ind->direction > 0 && up && s < 0)
            mb_diag_add(c->d, MB_D_MILESTONE_DIRECTION, sp,
                        "milestone for %d (%s) is below the one for %d (%s), but '%s' is higher-is-better",
                        b->year, b->text, a->year, a->text, r->ind->id);
        else if (r->ind->direction < 0 && down && s > 0)
            mb_diag_add(c->d, MB_D_MILESTONE_DIRECTION, sp,
                        "milestone for %d (%s) is above the one for %d (%s), but '%s' is lower-is-better",
                        b->year, b->text, a->year, a->text, r->ind->id);
    }
    free(g);
}

static void compare_goals(mb_chk *c, mb_rule *r, const mb_ast_target *t, const mb_plan *plan)
{
    r->goals = mb_arena_alloc(&c->m->arena, t->ngoals * sizeof *r->goals);
    if (!r->goals) { c->oom = 1; return; }
    r->ngoals = t->ngoals;
    for (size_t i = 0; i < t->ngoals; i++) {
        const mb_goal *g = &t->goals[i];
        if (t->ngoals > 1 && !g->by.year)
            mb_diag_add(c->d, MB_D_MILESTONE_NO_YEAR, g->q.span, "each milestone needs its year: write '%s by YEAR'",
                        mb_chk_text_of(c, g->q.span));
        else
            r->goals[i].year = deadline(c, t, plan, g->by);
        r->goals[i].sub = g->by.year ? g->by.sub : 0;
        r->goals[i].text = mb_chk_text_of(c, g->q.span);
        mb_chk_quantity(c, &g->q, r->ind, &r->goals[i].value);
    }
    check_milestones(c, r, t);
}

static void years_span(mb_chk *c, mb_rule *r, const mb_ast_target *t, int min_years)
{
    r->y1 = t->args->y1.year;
    r->y2 = t->args->y2.year;
    if (r->y1 && r->y2 && r->y2 - r->y1 + 1 < min_years)
        mb_diag_add(c->d, r->y2 < r->y1 ? MB_D_INVERTED_PERIOD : MB_D_PERIOD_TOO_SHORT, t->args->y2.span,
                    r->y2 < r->y1 ? "inverted period: %d..%d ends before it starts"
                                  : "the period %d..%d is too short for this target", r->y1, r->y2);
}

static void base_before(mb_chk *c, const mb_year *base, int by)
{
    if (base->year && by && base->year >= by)
        mb_diag_add(c->d, MB_D_BASE_AFTER_DEADLINE, base->span, "base year %d is not before the deadline %d",
                    base->year, by);
}

/* A growth rate over the previous year: a percentage above -100% ('last year': 0%). */
static void yoy_rate(mb_chk *c, const mb_quantity *q, mb_num *out)
{
    *out = mb_num_int(0);
    if (!q->span.text || !mb_chk_percent(c, q, "a growth rate", out)) return;
    if (mb_num_cmp(*out, mb_num_int(-100)) <= 0)
        mb_diag_add(c->d, MB_D_GROWTH_RATE_RANGE, q->span, "a growth over the previous year must be above -100%%");
}

/* 'growth rate': the subject is the rate the submission reports (地区生产总值增速), so it is
 * a percentage itself; the levels of the year before are not read. */
static void yoy_rate_subject(mb_chk *c, const mb_rule *r, const mb_ast_target *t)
{
    const mb_indicator *ind = r->ind;
    if (!ind || (!strcmp(ind->unit.base, "%") && mb_num_eq(ind->unit.scale, mb_num_int(1)))) return;
    mb_diag_add(c->d, MB_D_GROWTH_RATE_NOT_PERCENT, t->subject.span,
                "'growth rate' reads the submitted rate of '%s', which is in %s, not %%: "
                "write '%s growth' to judge its levels", ind->id, ind->unit.text[0] ? ind->unit.text : "no unit", ind->id);
}

/* The span a goal's year was written at, for MB4014. */
static mb_aspan yoy_year_span(const mb_ast_target *t, size_t i)
{
    if (t->args->y1.year) return t->args->y1.span;
    if (t->args->b.span.text) return t->by.span.text ? t->by.span : t->id.span;
    return t->goals[i].by.span.text ? t->goals[i].by.span : t->id.span;
}

/* Growth over the previous year: one goal per year judged (milestones, each year of a
 * period, or one deadline), each against the value of the year before it (or, after
 * 'growth rate', against the rate submitted for it). */
static void yoy_goals(mb_chk *c, mb_rule *r, const mb_ast_target *t, const mb_plan *plan)
{
    enum { MAX_YEARS = 100 }; /* a criterion per year: bounded, never cut short silently */
    size_t n = t->ngoals;
    r->yoy_rate = t->args->rate;
    if (r->yoy_rate) yoy_rate_subject(c, r, t);
    if (t->args->y1.year) {
        years_span(c, r, t, 1);
        n = r->y2 >= r->y1 ? (size_t)(r->y2 - r->y1 + 1) : 1;
        if (n > MAX_YEARS) {
            mb_diag_add(c->d, MB_D_GROWTH_PERIOD_TOO_LONG, t->args->y2.span,
                        "a growth over the previous year is judged in at most %d years, not %d..%d",
                        (int)MAX_YEARS, r->y1, r->y2);
            n = 1;
        }
    } else if (t->args->b.span.text) n = 1;
    r->goals = mb_arena_alloc(&c->m->arena, n * sizeof *r->goals);
    if (!r->goals) { c->oom = 1; return; }
    r->ngoals = n;
    if (t->args->b.span.text) { /* about a ± b */
        yoy_rate(c, &t->args->a, &r->a);
        if (t->args->tol_relative) mb_chk_percent(c, &t->args->b, "a relative tolerance", &r->b);
        else mb_chk_percent(c, &t->args->b, "a tolerance on a growth rate (percentage points)", &r->b);
        if (mb_num_sign(t->args->b.value) < 0) mb_diag_add(c->d, MB_D_NEGATIVE_TOLERANCE, t->args->b.span, "negative tolerance");
    } else if (t->args->y1.year) yoy_rate(c, &t->args->a, &r->a);
    for (size_t i = 0; i < n; i++) {
        mb_rgoal *g = &r->goals[i];
        const mb_quantity *q = t->args->y1.year || t->args->b.span.text ? &t->args->a : &t->goals[i].q;
        g->text = q->span.text ? mb_chk_text_of(c, q->span) : "last year";
        if (t->args->y1.year) { g->year = r->y1 + (int)i; g->value = r->a; }
        else if (t->args->b.span.text) { g->year = deadline(c, t, plan, t->by); g->sub = t->by.sub; g->value = r->a; }
        else {
            if (n > 1 && !t->goals[i].by.year)
                mb_diag_add(c->d, MB_D_MILESTONE_NO_YEAR, q->span.text ? q->span : t->id.span,
                            "each milestone needs its year: write '%s by YEAR'", g->text);
            else g->year = deadline(c, t, plan, t->goals[i].by);
            g->sub = t->goals[i].by.year ? t->goals[i].by.sub : 0;
            yoy_rate(c, q, &g->value);
        }
        /* a submitted rate needs no value of the year before; levels do */
        if (!r->yoy_rate && plan && plan->base && g->year && g->year - 1 < plan->base)
            mb_diag_add(c->d, MB_D_GROWTH_BEFORE_BASE, yoy_year_span(t, i),
                        "growth over the previous year for %d needs %d, before the plan's base year %d",
                        g->year, g->year - 1, plan->base);
    }
}

/* cut / grow D个百分点: a change in percentage points of an indicator in %, not a relative
 * change (下降3个百分点 from 56.7% is 53.7%, where 下降3% would be 55.0%). */
static int points_of(mb_chk *c, mb_rule *r, const mb_ast_target *t)
{
    const mb_quantity *q = &t->args->a;
    if (!q->has_unit || (strcmp(q->unit.key, "个百分点") && strcmp(q->unit.key, "百分点"))) return 0;
    r->points = 1;
    r->form = t->form == MB_FORM_CUT ? MB_FORM_CUT_POINTS : MB_FORM_GROW_POINTS;
    r->a = q->value;
    const mb_indicator *ind = r->ind;
    if (ind && (strcmp(ind->unit.base, "%") || !mb_num_eq(ind->unit.scale, mb_num_int(1))))
        mb_diag_add(c->d, MB_D_POINTS_NOT_PERCENT, q->span,
                    "a change in percentage points needs an indicator in %%; '%s' is in %s", ind->id,
                    ind->unit.text[0] ? ind->unit.text : "no unit");
    if (mb_num_sign(q->value) <= 0)
        mb_diag_add(c->d, MB_D_POINTS_NOT_POSITIVE, q->span, "a change in percentage points must be above 0 (write '%s' for the other way)",
                    t->form == MB_FORM_CUT ? "grow" : "cut");
    return 1;
}

/* The form-specific part. goals[0] carries the main value and the deadline. */
static void form(mb_chk *c, mb_rule *r, const mb_ast_target *t, const mb_plan *plan)
{
    mb_rgoal *g0 = r->goals;
    switch (t->form) {
    case MB_FORM_COMPARE:
    case MB_FORM_YOY: break;
    case MB_FORM_CUT_POINTS: /* model forms, set below from CUT and GROW */
    case MB_FORM_GROW_POINTS:
        break;
    case MB_FORM_QUALITATIVE: /* its year, when there is one, for reports; none is not an error */
        g0->year = t->by.year ? t->by.year : plan ? plan->last_deadline : 0;
        break;
    case MB_FORM_ABOUT:
        g0->year = deadline(c, t, plan, t->by);
        mb_chk_quantity(c, &t->args->a, r->ind, &r->a);
        if (t->args->tol_relative) mb_chk_percent(c, &t->args->b, "a relative tolerance", &r->b);
        else mb_chk_quantity(c, &t->args->b, r->ind, &r->b);
        if (mb_num_sign(t->args->b.value) < 0)
            mb_diag_add(c->d, MB_D_NEGATIVE_TOLERANCE, t->args->b.span, "negative tolerance");
        break;
    case MB_FORM_INTERVAL:
    case MB_FORM_RANGE:
        g0->year = deadline(c, t, plan, t->by);
        if (mb_chk_quantity(c, &t->args->a, r->ind, &r->a) && mb_chk_quantity(c, &t->args->b, r->ind, &r->b)) {
            int s = mb_num_cmp(r->a, r->b);
            if (s > 0) mb_diag_add(c->d, MB_D_INVERTED_RANGE, t->args->b.span, "inverted range: %s is below %s",
                                   mb_chk_text_of(c, t->args->b.span), mb_chk_text_of(c, t->args->a.span));
            else if (s == 0 && t->form == MB_FORM_RANGE)
                mb_diag_add(c->d, MB_D_EMPTY_RANGE, t->args->b.span, "empty range: the stretch equals the requirement");
        }
        break;
    case MB_FORM_EACH_YEAR:
    case MB_FORM_CUMULATIVE:
        years_span(c, r, t, 1);
        g0->year = r->y2;
        mb_chk_quantity(c, &t->args->a, r->ind, &r->a);
        break;
    case MB_FORM_RISES:
    case MB_FORM_FALLS:
        years_span(c, r, t, 2);
        g0->year = r->y2;
        break;
    case MB_FORM_RELATIVE:
        g0->year = deadline(c, t, plan, t->by);
        r->a = t->args->a.value;
        if (mb_num_sign(r->a) <= 0) mb_diag_add(c->d, MB_D_FACTOR_NOT_POSITIVE, t->args->a.span, "the factor must be positive");
        r->base_year = t->args->y1.year;
        base_before(c, &t->args->y1, g0->year);
        break;
    case MB_FORM_CUT:
    case MB_FORM_GROW:
    case MB_FORM_ANNUAL_GROWTH:
        g0->year = deadline(c, t, plan, t->by);
        r->base_year = t->args->y1.year;
        base_before(c, &t->args->y1, g0->year);
        if (t->form != MB_FORM_ANNUAL_GROWTH && points_of(c, r, t)) break;
        if (mb_chk_percent(c, &t->args->a, t->form == MB_FORM_CUT ? "a cut" : "a growth rate", &r->a)) {
            if (t->form == MB_FORM_CUT && (mb_num_sign(r->a) <= 0 || mb_num_cmp(r->a, mb_num_int(100)) > 0))
                mb_diag_add(c->d, MB_D_CUT_RANGE, t->args->a.span, "a cut must be above 0%% and at most 100%%");
            if (t->form == MB_FORM_GROW && mb_num_sign(r->a) < 0)
                mb_diag_add(c->d, MB_D_NEGATIVE_GROWTH, t->args->a.span, "negative growth: write 'cut' instead");
            if (t->form == MB_FORM_ANNUAL_GROWTH && mb_num_cmp(r->a, mb_num_int(-100)) <= 0)
                mb_diag_add(c->d, MB_D_ANNUAL_GROWTH_RANGE, t->args->a.span, "an annual growth rate must be above -100%%");
        }
        break;
    case MB_FORM_SHARE_REGION:
        r->a = t->args->a.value;
        if (mb_num_sign(r->a) <= 0) mb_diag_add(c->d, MB_D_FACTOR_NOT_POSITIVE, t->args->a.span, "the share must be positive");
        __attribute__((fallthrough)); /* the rest is a comparison with another region */
    case MB_FORM_ABOVE_REGION:
        g0->year = deadline(c, t, plan, t->by);
        r->region = t->args->region.text;
        r->region_key = t->args->region.key;
        if (!t->args->region.key[0]) mb_diag_add(c->d, MB_D_EMPTY_REGION_NAME, t->args->region.span, "empty region name");
        break;
    }
}

void mb_chk_target(mb_chk *c, const mb_ast_target *t, const mb_plan *plan)
{
    mb_indicator *ind = NULL;
    if (t->subject.text && !(ind = mb_chk_ref(c, &t->subject, t->subject_is_name))) return;
    mb_rule *r = new_rule(c);
    if (!r) return;
    r->id = t->id.key;
    r->label = t->label.text;
    r->plan = plan;
    r->ind = ind;
    r->form = t->form;
    r->cmp = t->cmp;
    r->span = MB_SPAN(t->span);
    r->ast = t;
    r->tol_relative = t->args->tol_relative;
    r->two_sided = t->args->two_sided;
    metadata(r, t);
    own_regions(c, t);
    if (!t->cl->phrase.text)
        mb_diag_add(c->d, MB_D_TARGET_NO_PHRASE, t->id.span,
                    "target '%s' has no phrase: quote the plan's words with phrase \"…\"", t->id.text);
    if (t->form == MB_FORM_COMPARE) {
        compare_goals(c, r, t, plan);
        mb_chk_wording(c, t);
    } else if (t->form == MB_FORM_YOY) {
        yoy_goals(c, r, t, plan);
        if (!r->goals) return;
    } else {
        r->goals = mb_arena_alloc(&c->m->arena, sizeof *r->goals);
        if (!r->goals) { c->oom = 1; return; }
        r->ngoals = 1;
        r->goals[0].text = t->args->a.span.text ? mb_chk_text_of(c, t->args->a.span) : "";
        form(c, r, t, plan);
        r->goals[0].value = r->a;
        r->goals[0].sub = t->by.year ? t->by.sub : 0;
    }
    if (!r->base_year) r->base_year = t->cl->from.year ? t->cl->from.year : plan ? plan->base : 0;
    if (t->cl->from.year)
        for (size_t i = 0; i < r->ngoals; i++) base_before(c, &t->cl->from, r->goals[i].year);
    mb_chk_printed_value(c, r, t);
    mb_chk_subyear(c, r, t);
    mb_chk_criterion(c, r);
    mb_chk_printed_use(c, r, t);
}
