/* eval.h — verdicts: one rule, one region, one deadline (each milestone its own). Meaning
 * follows the project's design notes on targets; docs/evaluation.md explains each status.
 * The evaluator only reads the model and the store, so verdicts can be computed in any
 * order, on any thread, and streamed straight into a report. */
#ifndef MB_EVAL_H
#define MB_EVAL_H

#include "data.h"
#include "model.h"

typedef enum {
    MB_ST_MET,
    MB_ST_MISSED,
    MB_ST_ON_TRACK,
    MB_ST_NEEDS_ACCELERATION,
    MB_ST_LIMITED_PROGRESS,
    MB_ST_REGRESSING,
    MB_ST_NO_DATA,
    MB_ST_NOT_ASSESSABLE,
    MB_ST_ERROR,             /* the inputs exist but cannot be used (conflict, overflow, ÷0) */
    MB_ST_COUNT
} mb_status;

const char *mb_status_name(mb_status s);          /* "met", "needs-acceleration", … */
int mb_status_parse(const char *s, size_t n);     /* -1 when unknown */

typedef struct mb_verdict {
    const mb_rule *rule;
    size_t goal;             /* milestone index */
    size_t region;
    int year;                /* the deadline */
    mb_status status;
    int has_actual, has_target, has_gap;
    mb_num actual;           /* the value judged (sum for cumulative, ...) */
    int actual_year;         /* the period it came from */
    mb_num target;           /* the threshold it was compared with (indicator unit) */
    mb_num gap;              /* actual − target */
    int has_rel_gap;
    mb_num rel_gap;          /* gap / |target|, when the target is not zero */
    int stretch;             /* range: the stretch value was reached too; about: exceeded */
    int already;             /* before the deadline: the latest value already meets the target */
    double ratio;            /* progress classes: achieved / required growth */
    int has_ratio;
    char detail[200];        /* what is missing, or why; "" when nothing to add */
} mb_verdict;

typedef struct mb_eval {
    const mb_model *m;
    const mb_data *D;
    int as_of;               /* last whole year of data taken into account */
    size_t threads;          /* threads a report may use: 0 the cores (at most 2), 1 one;
                                mb_eval_init sets 0, the caller may change it */
} mb_eval;

/* as_of_key: year*100+month from --as-of (0: the latest period in the data). Periods after
 * it are ignored; a deadline counts as reached when its whole year is in. */
void mb_eval_init(mb_eval *e, const mb_model *m, const mb_data *D, int as_of_key);
/* Regions a rule is evaluated for: its plan's regions, else every region in the data.
 * Returns how many; fills out[] when out is not NULL. */
size_t mb_eval_regions(const mb_eval *e, const mb_rule *r, size_t *out, size_t cap);
void mb_eval_verdict(const mb_eval *e, const mb_rule *r, size_t goal, size_t region, mb_verdict *v);

#endif
