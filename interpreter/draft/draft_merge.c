/* draft_merge.c — one target for a goal the plan states twice. Plans restate their headline
 * goals in a task list or an indicator table ("高新技术企业达到1200家" and the table row
 * "高新技术企业数 1200"); drafting each gave two rules the reviewer had to reconcile. Two drafted
 * targets are one goal when everything a rule says is equal: indicator, form, comparison,
 * values, years, period. Their phrases are kept, in the order the plan prints them. */
#include <string.h>

#include "draft_int.h"

static int same_str(const char *a, const char *b)
{
    return (!a && !b) || (a && b && !strcmp(a, b));
}

static int same_goal(const md_target *a, const md_target *b)
{
    if (a->ind != b->ind || a->form != b->form || !same_str(a->cmp, b->cmp)) return 0;
    if (strcmp(a->value, b->value) || strcmp(a->value2, b->value2)) return 0;
    if (a->from != b->from || a->to != b->to || a->nyears != b->nyears) return 0;
    if (!same_str(a->region, b->region)) return 0; /* a part's share is not the whole's goal */
    for (int k = 0; k < a->nyears; k++) {
        if (a->years[k] != b->years[k]) return 0;
        if (a->form == MD_F_MILESTONES && !same_str(a->mvalues[k], b->mvalues[k])) return 0;
    }
    /* 约束性 on one and 预期性 on the other is a disagreement for the reviewer, not one goal */
    return !(a->binding && b->binding && a->binding != b->binding);
}

static void absorb(md_target *into, md_target *t)
{
    t->merged = 1;
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
            if (!d->ts[i].merged && same_goal(&d->ts[i], &d->ts[j])) { absorb(&d->ts[i], &d->ts[j]); break; }
}
