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
    /* Statuses only verdicts computed by a database have (`mubiao sql --run`, given.h): */
    MB_ST_BORDERLINE,        /* too close to call in the dialect's arithmetic: eval settles it */
    MB_ST_UNSUPPORTED,       /* the rule is not compiled to SQL: nothing was checked */
    MB_ST_COUNT
} mb_status;
/* The statuses eval gives (the reports of eval list these; a database's verdicts have all). */
enum { MB_ST_EVAL_COUNT = MB_ST_BORDERLINE };

const char *mb_status_name(mb_status s);          /* "met", "needs-acceleration", … */
int mb_status_parse(const char *s, size_t n);     /* -1 when unknown */

/* What a verdict used, so that explain and the reports show the working without computing
 * it again: each value with the observation it came from, the base, the bounds it was
 * compared with, and the pace before the deadline. Fixed size: no allocation per verdict. */
enum { MB_TRACE_MAX = 16 };

typedef enum {
    MB_TV_VALUE,    /* the value judged at the deadline (or this region's, against another) */
    MB_TV_BASE,     /* the base-year value */
    MB_TV_LATEST,   /* before the deadline: the latest value */
    MB_TV_YEAR,     /* one year of each year / total / rises; one quarter or month of a
                       year-to-date sum (and of the same months the year before: MB_TV_BASE) */
    MB_TV_REF,      /* the reference region's value */
    MB_TV_INPUT,    /* an input of the derived value just before it */
} mb_tvrole;

typedef enum { MB_TV_OK, MB_TV_MISSING, MB_TV_REJECTED, MB_TV_LATE } mb_tvstate;

typedef struct mb_tval {
    mb_num v;                    /* MB_TV_OK only */
    const mb_indicator *ind;
    const struct mb_obs *obs;    /* the stored row (file, line); NULL for a derived value */
    size_t region;
    int year;
    unsigned char role, state;   /* mb_tvrole, mb_tvstate */
    unsigned char sub;           /* its quarter or month (period.h); 0: the whole year */
} mb_tval;

typedef enum { MB_PACE_NONE, MB_PACE_GROWTH, MB_PACE_CHANGE } mb_pace;

/* Where the base-year value a verdict used came from: the submission, or the plan's printed
 * value (`base 2020 = 56.7`) when the submission lacks it. */
typedef enum { MB_BASE_NONE, MB_BASE_SUBMITTED, MB_BASE_PRINTED } mb_base_source;

typedef struct mb_trace {
    /* The head, up to `base`, is counts and flags; every field after it is read only when
     * one of them says it is set (so a status-only evaluation clears the head alone). */
    unsigned nvals;              /* values in val[] */
    unsigned dropped;            /* values used but not kept (more than MB_TRACE_MAX) */
    int has_bounds;              /* lo, hi: what the value was compared with (scaled) */
    int has_base;                /* base value of × base / cut / grow / annual growth */
    int base_year;
    mb_pace pace;                /* before the deadline: how progress was measured */
    int pace_from, pace_to;      /* base year and latest year of the pace */
    mb_base_source base_source;  /* of the base-year value read (NONE: none was read) */
    int ytd_sub;                 /* a flow's year to date: the sum runs through this quarter or
                                    month of the deadline year (period.h; 0: not used); the
                                    bounds are the share of the year due by then, or the same
                                    months of the year before grown as the target says */
    int latest_sub;              /* a stock's latest value is of this quarter or month */
    mb_num base;                 /* has_base */
    mb_bound lo, hi;             /* has_bounds */
    mb_num pace_target;          /* pace: the value the pace is towards */
    double got, needed;          /* growth a year (GROWTH) or change a year (CHANGE) */
    mb_tval val[MB_TRACE_MAX];   /* only the first nvals are set */
} mb_trace;

typedef struct mb_verdict {
    /* Flags and counts first, up to `actual`: each value after it is read only when one of
     * them says it is set (a status-only evaluation clears the flags alone). */
    const mb_rule *rule;
    size_t goal;             /* milestone index */
    size_t region;
    int year;                /* the deadline */
    int sub;                 /* its quarter or month (period.h); 0: the whole year */
    mb_status status;
    int has_actual, has_target, has_gap, has_rel_gap, has_ratio;
    int actual_year;         /* the period the actual came from */
    int actual_sub;          /* and its quarter or month (0: the whole year) */
    int stretch;             /* range: the stretch value was reached too; about: exceeded */
    int already;             /* before the deadline: the latest value already meets the target */
    int status_only;         /* copied from mb_eval: detail, gaps and the trace's values
                                are left empty */
    int lines_only;          /* copied from mb_eval: the trace's values and the relative gap
                                are left empty */
    mb_num actual;           /* the value judged (sum for cumulative, ...) */
    mb_num target;           /* the threshold it was compared with (indicator unit) */
    mb_num gap;              /* actual − target */
    mb_num rel_gap;          /* gap / |target|, when the target is not zero */
    double ratio;            /* progress classes: achieved / required growth */
    char detail[200];        /* what is missing, or why; "" when nothing to add */
    mb_trace trace;          /* what was used (last: the start of the verdict is cleared
                                per call, the trace's values only as far as they are set) */
} mb_verdict;

typedef struct mb_eval {
    const mb_model *m;
    const mb_data *D;
    int as_of;               /* last whole year of data taken into account */
    int as_of_key;           /* the last period taken into account: year*100 + its last month
                                (quarters and months after it are not read) */
    size_t threads;          /* threads a report may use: 0 the cores (at most 2), 1 one;
                                mb_eval_init sets 0, the caller may change it */
    int status_only;         /* the caller reads only each verdict's status (the per-rule
                                summary): the same code decides it, but the detail text,
                                the trace's values and the gaps are not filled in — about a
                                third of a counts run went to them. mb_eval_init sets 0. */
    int lines_only;          /* the caller prints each verdict as a report line (the CSV
                                report): everything a line prints is filled in by the same
                                code — status, detail, actual, target, gap, and the trace's
                                head (bounds, base, its source, year to date) — but not the
                                trace's values (each one looked up a second time, for its
                                row) nor the relative gap (a division of exact fractions).
                                mb_eval_init sets 0. */
    const struct mb_given *given; /* NULL (mb_eval_init): evaluate; else the verdicts a
                                database computed, which mb_eval_verdict returns (given.h) */
} mb_eval;

/* as_of_key: year*100+month from --as-of (0: the latest period in the data). Periods after
 * it are ignored; a deadline counts as reached when its whole year is in. */
void mb_eval_init(mb_eval *e, const mb_model *m, const mb_data *D, int as_of_key);
/* Regions a rule is evaluated for: the target's own regions, else its plan's, else every
 * region in the data. Returns how many; fills out[] when out is not NULL. */
size_t mb_eval_regions(const mb_eval *e, const mb_rule *r, size_t *out, size_t cap);
/* Is the rule evaluated for this region (one of mb_eval_regions)? */
int mb_eval_applies(const mb_eval *e, const mb_rule *r, size_t region);
void mb_eval_verdict(const mb_eval *e, const mb_rule *r, size_t goal, size_t region, mb_verdict *v);

#endif
