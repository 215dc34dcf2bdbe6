/* ruletest.h — running the tests of rule files (`test "name" { … }` blocks, docs/testing.md)
 * through the checker and the evaluator: the same model, data store and verdicts as eval,
 * so a test can mean nothing eval would not. Used by `mubiao test` (cmd_test.c). */
#ifndef MB_RULETEST_H
#define MB_RULETEST_H

#include "eval.h"

/* One expectation, after its test ran. */
typedef struct mb_rt_result {
    const mb_ast_test *test;
    const mb_ast_expect *x;
    const mb_rule *rule;      /* NULL when the expectation could not run (an error) */
    size_t region, goal;
    int pass;
    mb_status want;
    int has_actual, has_target;
    mb_num want_actual, want_target; /* in the indicator's unit */
    mb_verdict v;             /* what the evaluator said */
} mb_rt_result;

/* One test file: its model (the file and what it imports), and per test the data it gave. */
typedef struct mb_rt_file {
    const char *path;
    mb_model *m;
    mb_diags d;               /* rule, data and test errors, for this file */
    mb_data **data;           /* per test (NULL for a test that could not run) */
    mb_eval *evals;           /* per test */
    size_t ntests;
    mb_rt_result *res;
    size_t nres;
    size_t nbroken;           /* tests that could not run whole (an error in f->d) */
    unsigned char *broken;    /* per test: it could not run whole */
    int io_error;             /* a file could not be read */
} mb_rt_file;

/* Load, check and run the tests of one test file. Errors (syntax, names, a rule the test
 * names that does not exist, a data error in its rows) are recorded in f->d; the results of
 * the expectations that ran are in f->res. Returns 0, or -1 when out of memory. */
int mb_rt_run(mb_rt_file *f, const char *path);
void mb_rt_free(mb_rt_file *f);

#endif
