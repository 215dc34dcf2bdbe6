/* sql_w.h — what the files of the SQL compiler share: the writer and a dialect's spellings. */
#ifndef MB_SQL_W_H
#define MB_SQL_W_H

#include <stdio.h>

#include "data.h"
#include "sql.h"

/* What differs between dialects (sql_dialect.c): types, quoting, pattern matching, how a
 * number becomes the text eval prints. */
typedef struct mb_sql_dialect {
    const char *name;
    const char *num;        /* the exact type values are computed in */
    const char *dbl;        /* binary floating point, for progress ratios only */
    const char *str;        /* the text type */
    char iquote;            /* identifier quote: " or ` */
    int backslash;          /* a backslash in a string literal escapes (Spark): double it */
    int exact;              /* num is exact for sums and products of decimals */
    int fixed;              /* num has a fixed scale: a converted value that does not fit is
                               detected and its verdicts made borderline */
    /* SQL for "expression x matches the period form" (year, quarter, month) */
    void (*match)(FILE *f, const char *x, int form);
    /* SQL for "number x as eval's text" (no trailing zeros, no exponent) */
    void (*text)(FILE *f, const char *x);
} mb_sql_dialect;

const mb_sql_dialect *mb_sql_dialect_get(mb_sql_dialect_id id);

enum { MB_SQL_PERIOD_YEAR, MB_SQL_PERIOD_QUARTER, MB_SQL_PERIOD_MONTH, MB_SQL_NUM12 };

typedef struct mb_sqlw {
    FILE *f;
    const mb_model *m;
    const mb_data *L;          /* the layout only: which years of which indicator are read */
    const mb_sql_dialect *d;
    const mb_sql_opts *o;
    int inexact;               /* a constant of the rule being written is not a terminating decimal */
    int all_regions;
    int shift_seen[25];        /* unit conversions by 10^(k - 12) the units table uses */
    int bounded;               /* a factor of the rule being written is bounded, not exact */
    int kscale;                /* the most decimals of a factor of that rule (fixed scale) */
    const mb_rule *rule;       /* the rule being written */
    FILE *doubt;               /* where scaled comparisons add their doubts (mb_sql_doubtful) */
} mb_sqlw;

/* sql_quote.c: every byte that goes into the script from the rules is escaped for where it goes. */
void mb_sql_str(const mb_sqlw *w, const char *s);   /* a string literal, or NULL */
void mb_sql_ident(const mb_sqlw *w, const char *s); /* a quoted identifier */
void mb_sql_comment_text(FILE *f, const char *s);    /* text inside a -- comment: one line */
void mb_sql_num(mb_sqlw *w, mb_num v);               /* an exact literal of the num type */

/* sql_value.c, sql_years.c, sql_region.c: one SELECT per rule and deadline giving
 * (ri, gi, region, status, act, ay, tgt) for each region the rule is evaluated for. */
void mb_sql_value(mb_sqlw *w, const mb_rule *r, size_t goal);
void mb_sql_years(mb_sqlw *w, const mb_rule *r, size_t goal);
void mb_sql_region(mb_sqlw *w, const mb_rule *r, size_t goal);

/* sql_sub.c: a target due in a quarter or month (the same columns). */
void mb_sql_value_sub(mb_sqlw *w, const mb_rule *r, size_t goal);
/* A stock's latest quarter or month of year T: its code ('c'), state ('s') or value ('v'). */
void mb_sql_latest_sub(mb_sqlw *w, const mb_rule *r, int T, char what);

/* sql_ytd.c: a yearly target on a flow before its year ends, from its quarters or months. */
enum { MB_SQL_YTD_NONE, MB_SQL_YTD_SHARE, MB_SQL_YTD_GROWTH, MB_SQL_YTD_UNSUPPORTED };
int mb_sql_ytd(const mb_rule *r, const mb_crit *c);
void mb_sql_ytd_cols(mb_sqlw *w, const mb_rule *r, const mb_crit *c);  /* level_q's extra columns */
void mb_sql_ytd_open(mb_sqlw *w, const mb_rule *r, const mb_crit *c);  /* wraps level_q ... */
void mb_sql_ytd_close(mb_sqlw *w, const mb_rule *r, const mb_crit *c); /* ... to here */
void mb_sql_ytd_applies(mb_sqlw *w, const mb_rule *r, const mb_crit *c);
void mb_sql_ytd_status(mb_sqlw *w, const mb_rule *r, const mb_crit *c);
void mb_sql_ytd_col(mb_sqlw *w, const mb_rule *r, const mb_crit *c, char what); /* 'a'ct, 'y' period, 't'arget */

/* sql_prologue.c: the CTEs before the verdicts (pivots[i]: indicator i's years are read). */
void mb_sql_prologue(mb_sqlw *w, int horizon, const unsigned char *pivots);
/* The pivot's column of a quarter or month (sub: period.h): v2025q1, s2025m3. */
void mb_sql_subname(FILE *f, char vs, int year, int sub);

/* sql_common.c: pieces the forms share. */
/* p.v2018 / p.s2018 of the indicator's pivot, or NULL when the year is not read. */
void mb_sql_col(mb_sqlw *w, const char *alias, const mb_indicator *ind, int year, char vs);
int mb_sql_in_layout(const mb_sqlw *w, const mb_indicator *ind, int year);
/* The same for a quarter or month of a year (the pivot has them only where eval keeps them). */
void mb_sql_subcol(mb_sqlw *w, const char *alias, const mb_indicator *ind, int year, int sub, char vs);
/* An actual period (ay) is a year, or year * 100 + the quarter's or month's code (period.h):
 * the text eval writes is made of it once, after the union (sql_emit.c). */
int mb_sql_period_code(int year, int sub);
/* FROM mb_regions r CROSS JOIN mb_asof a LEFT JOIN mb_p<i> p (and pr, the reference region's
 * row, for a comparison with another region: ref 1; no pivot: ref -1), and the plan's regions. */
void mb_sql_from(mb_sqlw *w, const mb_rule *r, int ref);
/* A bound: the limit's value, × base (scale) — `b` is the SQL of the base value. */
void mb_sql_bound(mb_sqlw *w, const mb_crit *c, const mb_limit *l, const char *b);
/* (x within lo and hi), b the base as for mb_sql_bound. */
void mb_sql_holds(mb_sqlw *w, const mb_crit *c, const mb_limit *lo, const mb_limit *hi, const char *x,
                  const char *b);
void mb_sql_target(mb_sqlw *w, const mb_crit *c, const char *b);
/* status(w, c) written so that a scaled comparison its bounds or range cannot decide makes
 * the verdict 'borderline' (a bounded factor, or a value past what a fixed-scale decimal holds). */
void mb_sql_doubtful(mb_sqlw *w, const mb_crit *c, void (*status)(mb_sqlw *, const mb_crit *));
void mb_sql_dbl(mb_sqlw *w, const char *x);              /* CAST(x AS double) */
void mb_sql_klass(mb_sqlw *w, const char *R);            /* the progress class of ratio R */

#endif
