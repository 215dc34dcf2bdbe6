/* check_wording.c — a comparison that says otherwise than the plan's words. targets.md: "the
 * text's word decides": 达到 2.74% (reaching) is >= 2.74%, 超过 30 (more than) is > 30. When
 * the word right before the target's number in a phrase is one of those and the rule's
 * operator is the other strictness, the checker warns, with the operator the words ask for
 * as the fix. Only a word directly before the number counts: "超过全省平均水平、达到2.74%"
 * speaks of 2.74% with 达到. */
#include <string.h>

#include "check.h"

/* Words before a number and whether they make the comparison strict (longest first). */
static const struct { const char *word; int strict; } WORDS[] = {
    {"达到", 0}, {"不低于", 0}, {"不少于", 0}, {"超过", 1}, {"高于", 1}, {"突破", 1}, {"超", 1},
};

static int numchar(char ch) { return (ch >= '0' && ch <= '9') || ch == '.'; }

/* The strictness the phrase gives the number num (ASCII digits), -1 when it says nothing. */
static int phrase_strict(const char *phrase, const char *num, size_t nlen, const char **word)
{
    for (const char *p = phrase; (p = strstr(p, num)); p++) {
        if ((p > phrase && numchar(p[-1])) || numchar(p[nlen])) continue;
        const char *e = p;
        while (e > phrase && e[-1] == ' ') e--;
        for (size_t i = 0; i < sizeof WORDS / sizeof *WORDS; i++) {
            size_t wl = strlen(WORDS[i].word);
            if ((size_t)(e - phrase) >= wl && !memcmp(e - wl, WORDS[i].word, wl)) {
                *word = WORDS[i].word;
                return WORDS[i].strict;
            }
        }
    }
    return -1;
}

/* The operator as written between the subject and the first value. */
static mb_span operator_span(const mb_ast_target *t)
{
    const mb_text *x = t->subject.span.text;
    size_t a = t->subject.span.end, b = t->goals[0].q.span.start;
    if (!x || !t->goals[0].q.span.text || b <= a) return mb_span_none();
    while (a < b && x->data[a] == ' ') a++;
    size_t e = a;
    while (e < b && x->data[e] != ' ' && x->data[e] != '\t') e++;
    return e > a ? mb_span_at(x, a, e) : mb_span_none();
}

void mb_chk_wording(mb_chk *c, const mb_ast_target *t)
{
    if (t->form != MB_FORM_COMPARE || (t->cmp != MB_CMP_GE && t->cmp != MB_CMP_GT) || !t->ngoals) return;
    int strict = t->cmp == MB_CMP_GT;
    for (size_t g = 0; g < t->ngoals; g++) {
        const mb_quantity *q = &t->goals[g].q;
        if (!q->span.text) continue;
        char num[64];
        size_t n = 0;
        for (size_t i = q->span.start; i < q->span.end && numchar(q->span.text->data[i]) && n + 1 < sizeof num; i++)
            num[n++] = q->span.text->data[i];
        num[n] = 0;
        if (!n) continue;
        for (size_t k = 0; k < t->cl->phrases.n; k++) {
            const char *word = NULL;
            int says = phrase_strict(t->cl->phrases.v[k].key, num, n, &word);
            if (says < 0 || says == strict) continue;
            mb_span op = operator_span(t);
            mb_diag *d = mb_diag_add(c->d, MB_D_WORDING_STRICTNESS, op.text ? op : MB_SPAN(q->span),
                                     "the phrase says %s%s (%s) but the target compares with '%s'", word, num,
                                     says ? "more than: '>'" : "at least: '>='", strict ? ">" : ">=");
            if (op.text) mb_diag_fix(d, op, says ? ">" : ">=");
            return;
        }
    }
}
