/* given.h — verdicts computed elsewhere (by a database that ran the compiled SQL: `mubiao sql
 * --run`), handed to the reports in place of evaluating. An mb_eval whose `given` is set
 * returns them from mb_eval_verdict, looked up by rule, milestone and region, so every report
 * renders them through its one walk and none has a copy for them. What a database does not
 * return is left empty: the trace (each value with its row), the stretch and progress marks. */
#ifndef MB_GIVEN_H
#define MB_GIVEN_H

#include "eval.h"

typedef struct mb_given_row {
    size_t rule;             /* mb_rule.index */
    size_t goal;             /* milestone */
    size_t region;           /* index in the mb_data the reports walk */
    mb_status status;
    int has_actual, has_target, has_gap;
    mb_num actual, target, gap;
    int actual_year, actual_sub;
    const char *detail;      /* copied by mb_given_add; NULL: nothing to add */
} mb_given_row;

typedef struct mb_given mb_given;

mb_given *mb_given_new(void);
void mb_given_free(mb_given *g);
/* 0, or -1 when out of memory. */
int mb_given_add(mb_given *g, const mb_given_row *row);
/* Readies the lookup. Returns 0, or -1 when one rule, milestone and region has two verdicts
 * (*dup is then one of them): a table that says two things about a target is not reported. */
int mb_given_finish(mb_given *g, const mb_given_row **dup);
size_t mb_given_count(const mb_given *g);
/* The verdict as mb_eval_verdict gives it, from the given row; a target with none is an
 * `error` saying so (never a verdict made up). */
void mb_given_verdict(const mb_given *g, const mb_rule *r, size_t goal, size_t region, mb_verdict *v);

#endif
