/* test_check_work.c — the checker's work on a large rule file, counted (not timed, so the
 * test holds on a loaded machine): each rule's phrase is compared as text with the phrases
 * of only those neighbours that can overlap it, not with all 400 of them. */
#include <criterion/criterion.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "model.h"

/* n targets over n/100 indicators of one plan, each with a phrase of its own. With `shared`,
 * every tenth target's phrase is part of the next one's. */
static char *rules(size_t n, int shared)
{
    size_t cap = 200 * n + 4096, len = 0;
    char *s = malloc(cap);
    cr_assert_not_null(s);
    len += (size_t)snprintf(s + len, cap - len, "plan p {\n  name \"计划\"\n  base 2015\n  deadline 2020\n}\n");
    for (size_t i = 0; i < n / 100; i++)
        len += (size_t)snprintf(s + len, cap - len, "indicator i%zu \"指标%zu\" unit 家 higher;\n", i, i);
    for (size_t t = 0; t < n; t++) {
        size_t i = t % (n / 100), v = t + 1, pair = shared ? t % 10 : 9;
        /* a pair: the first target's phrase is part of the second's, and each phrase has the
         * number of the other target, so each must find the other (in both directions) */
        char ph[96];
        if (pair == 0) snprintf(ph, sizeof ph, "新增企业%zu家", v + 1);
        else if (pair == 1) snprintf(ph, sizeof ph, "新增企业%zu家、机构%zu个", v, v - 1);
        else snprintf(ph, sizeof ph, "新增企业%zu家", v);
        len += (size_t)snprintf(s + len, cap - len, "target T%zu: i%zu >= %zu 家 by 2020 phrase \"%s\";\n", t, i, v, ph);
    }
    return s;
}

static mb_model *checked(const char *src, mb_diags *d)
{
    mb_model *m = mb_model_new();
    cr_assert_not_null(m);
    mb_diags_init(d, 50);
    cr_assert_eq(mb_model_load_text(m, "big.mb", src, strlen(src), d), 0);
    cr_assert_eq(mb_model_check(m, d), 0, "the generated rules must check clean");
    return m;
}

/* 4,000 phrases, none part of another: a text comparison with every neighbour would be
 * 4,000 × 399; the signatures leave a few per rule at most (the same digits in another order). */
Test(check_work, phrase_pairs_compared_only_when_they_can_overlap)
{
    mb_diags d;
    char *src = rules(4000, 0);
    mb_model *m = checked(src, &d);
    cr_expect_eq(d.warnings, 0);
    cr_expect_leq(m->phrase_pairs, 4000, "%zu phrase pairs compared as text for 4,000 rules", m->phrase_pairs);
    mb_model_free(m);
    mb_diags_free(&d);
    free(src);
}

/* The signatures never hide a phrase that is part of another, either way round: each pair's
 * phrases have a number only the other target states, which would otherwise be a warning. */
Test(check_work, overlapping_phrases_still_found)
{
    mb_diags d;
    char *src = rules(2000, 1);
    mb_model *m = checked(src, &d);
    cr_expect_eq(d.warnings, 0, "%zu warnings: a phrase part of another was not found", d.warnings);
    cr_expect_geq(m->phrase_pairs, 200);
    mb_model_free(m);
    mb_diags_free(&d);
    free(src);
}
