/* test_scale.c — cost that grows with the size of a model (docs/limits.md): many plans are
 * checked and walked in time and memory that grow with plans + rules, not plans × rules, and
 * nothing sized by the number of plans lives on the stack. Work is counted (verdicts, the
 * stack a thread is given), never timed. */
#include <criterion/criterion.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "data.h"
#include "eval.h"
#include "model.h"
#include "report.h"
#include "support.h"

/* N plans, each with one target on the shared indicator (or with plan id p0 for every
 * plan when dup is set: every plan after the first is a duplicate). */
static char *plans_text(size_t n, int dup, size_t *len)
{
    size_t cap = 64 + n * 96, k = 0;
    char *s = malloc(cap);
    cr_assert_not_null(s);
    k += (size_t)snprintf(s + k, cap - k, "indicator a \"a\" unit 1 higher;\n");
    for (size_t i = 0; i < n; i++)
        k += (size_t)snprintf(s + k, cap - k,
                              "plan p%zu { name \"p\" deadline 2018 }\ntarget T%zu: a >= 1 phrase \"p\";\n",
                              dup ? 0 : i, i);
    *len = k;
    return s;
}

typedef struct walk_job {
    const mb_eval *e;
    mb_tally t;
} walk_job;

static void *walk_thread(void *arg)
{
    walk_job *j = arg;
    mb_filter f;
    memset(&f, 0, sizeof f);
    j->t = mb_report_walk(j->e, &f, NULL, NULL);
    return NULL;
}

/* 100,000 plans walked on a thread with a 256 KiB stack: an array of one entry per plan on
 * the stack (3.2 MB here) would overflow it and crash the test. */
Test(scale, walk_100k_plans_on_a_small_stack)
{
    size_t n = 100000, len;
    char *text = plans_text(n, 0, &len);
    mb_model *m = mb_model_new();
    mb_diags d;
    mb_diags_init(&d, 50);
    cr_assert_eq(mb_model_load_text(m, "plans.mb", text, len, &d), 0);
    cr_assert_eq(mb_model_check(m, &d), 0, "%s", mbt_diags_text(&d));
    cr_assert_eq(m->nplans, n);
    static const char csv[] = "region,indicator,period,value\nA,a,2018,2\n";
    mb_data *D = mb_data_new(m);
    mb_data_load_mem(D, "d.csv", csv, sizeof csv - 1, 0);
    mb_data_finish(D);
    mb_eval e;
    mb_eval_init(&e, m, D, 0);

    walk_job j = {.e = &e};
    pthread_attr_t at;
    pthread_t th;
    pthread_attr_init(&at);
    cr_assert_eq(pthread_attr_setstacksize(&at, 256 * 1024), 0);
    cr_assert_eq(pthread_create(&th, &at, walk_thread, &j), 0);
    pthread_join(th, NULL);
    pthread_attr_destroy(&at);
    cr_assert_eq(j.t.error, 0);
    cr_assert_eq(j.t.verdicts, n, "%zu verdicts, expected one per plan", j.t.verdicts);
    cr_assert_eq(j.t.by_status[MB_ST_MET], n);

    mb_data_free(D);
    mb_diags_free(&d);
    mb_model_free(m);
    free(text);
}

/* Every duplicate plan is reported once, at its own place, with the first definition. */
Test(scale, duplicate_plans_20k)
{
    size_t n = 20000, len;
    char *text = plans_text(n, 1, &len);
    mb_model *m = mb_model_new();
    mb_diags d;
    mb_diags_init(&d, (size_t)-1);
    cr_assert_eq(mb_model_load_text(m, "plans.mb", text, len, &d), 0);
    cr_assert_neq(mb_model_check(m, &d), 0);
    cr_assert_eq(m->nplans, 1);
    size_t dups = 0;
    for (size_t i = 0; i < d.n; i++)
        if (!strcmp(d.v[i].msg, "duplicate plan 'p0'") && d.v[i].note) dups++;
    cr_assert_eq(dups, n - 1, "%zu duplicate-plan errors, expected %zu", dups, n - 1);
    mb_diags_free(&d);
    mb_model_free(m);
    free(text);
}
