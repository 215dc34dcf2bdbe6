/* draft_merge.c — one target for a goal the plan states twice. Plans restate their headline
 * goals in a task list or an indicator table ("高新技术企业达到1200家" and the table row
 * "高新技术企业数 1200"); drafting each gave two rules the reviewer had to reconcile. Two drafted
 * targets are one goal when everything a rule says is equal: indicator (the same, or for a
 * goal stated on another line one named in other words for the same thing, see
 * draft_restate.c), form, comparison, values, years, period, region. Their phrases are kept,
 * in the order the plan prints them. */
#include <string.h>

#include "draft_int.h"

static int same_str(const char *a, const char *b)
{
    return (!a && !b) || (a && b && !strcmp(a, b));
}

/* Does the rule of a form state the year it counts from (a period's first year, a base)?
 * A comparison drafted from a sentence remembers the plan's base and one from a table row
 * none; neither is part of its rule. */
static int uses_from(md_form f)
{
    return f != MD_F_CMP && f != MD_F_ABOUT && f != MD_F_RANGE && f != MD_F_MILESTONES && f != MD_F_RATE &&
           f != MD_F_YOY && f != MD_F_YOY_ABOUT;
}

/* The same indicator, or, for a goal stated again elsewhere (another line), one named in
 * other words for the same thing (draft_restate.c). */
static int same_indicator(const md_doc *d, const md_target *a, const md_target *b)
{
    return a->ind == b->ind || (a->src != b->src && md_same_thing(d, a->ind, b->ind));
}

static int same_goal(const md_doc *d, const md_target *a, const md_target *b)
{
    if (!same_indicator(d, a, b) || a->form != b->form || !same_str(a->cmp, b->cmp)) return 0;
    if (strcmp(a->value, b->value) || strcmp(a->value2, b->value2)) return 0;
    if ((uses_from(a->form) && a->from != b->from) || a->nyears != b->nyears) return 0;
    if (!same_str(a->region, b->region)) return 0; /* a part's share is not the whole's goal */
    for (int k = 0; k < a->nyears; k++) {
        if (a->years[k] != b->years[k]) return 0;
        if (a->form == MD_F_MILESTONES && !same_str(a->mvalues[k], b->mvalues[k])) return 0;
    }
    /* 约束性 on one and 预期性 on the other is a disagreement for the reviewer, not one goal */
    return !(a->binding && b->binding && a->binding != b->binding);
}

static void absorb(const md_doc *d, md_target *into, md_target *t)
{
    t->merged = 1;
    into->ind = md_restated_indicator(d, into->ind, t->ind);
    if (into->nalso < MD_MAX_ALSO) { /* an identical phrase too: its line is where the plan says it */
        into->also[into->nalso] = t->phrase;
        into->also_src[into->nalso++] = t->src;
    }
    into->aspiration |= t->aspiration;
    if (!into->binding) into->binding = t->binding;
    for (int k = 0; k < t->nnotes && into->nnotes < (int)(sizeof into->notes / sizeof *into->notes); k++) {
        int dup = 0;
        for (int j = 0; j < into->nnotes && !dup; j++) dup = !strcmp(into->notes[j], t->notes[k]);
        if (!dup) into->notes[into->nnotes++] = t->notes[k];
    }
    if (!into->category) into->category = t->category;
    if (!into->owner) into->owner = t->owner;
    if (!into->source) into->source = t->source;
}

void md_merge_restatements(md_doc *d)
{
    /* quadratic in the targets of one plan: a few hundred at most */
    for (size_t j = 1; j < d->nts; j++)
        for (size_t i = 0; i < j; i++)
            if (!d->ts[i].merged && same_goal(d, &d->ts[i], &d->ts[j])) { absorb(d, &d->ts[i], &d->ts[j]); break; }
}
