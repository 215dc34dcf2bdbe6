/* store.h — the verdict history: runs appended to an SQLite database (docs/store.md has the
 * schema), listed and compared. Each run goes in whole, in one transaction, or not at all:
 * a run killed half-way leaves the history as it was. Errors come back as text in err
 * (nothing here prints except the listings asked for, to `out`). */
#ifndef MB_STORE_H
#define MB_STORE_H

#include <stdio.h>

#include "report.h"

enum { MB_STORE_SCHEMA = 2 }; /* PRAGMA user_version of the databases this version writes */

/* Append the run: its time (ISO 8601, UTC), as-of, the rule files and submissions with their
 * SHA-256, the row accounting, and every verdict the filter selects with its trace values.
 * Returns 0 and the new run's id in *run, or -1 with err set. */
int mb_store_append(const char *path, const mb_eval *e, const mb_filter *f, const char *when, long long *run,
                    char *err, size_t errn);

/* The runs (rule and region NULL), or one target's verdicts over the runs (either or both
 * given: every milestone of the rule, for the region). json: a JSON document instead of text.
 * Returns 0, or -1 with err set. */
int mb_store_history(FILE *out, const char *path, const char *rule, const char *region, int json, char *err,
                     size_t errn);

/* What changed from run a to run b (0, 0: the last two runs): verdicts newly missed, at risk,
 * recovered, moved between progress classes, values changed, new and gone. Returns 0, or -1
 * with err set. */
int mb_store_diff(FILE *out, const char *path, long long a, long long b, int json, char *err, size_t errn);

/* The history's latest run, to look up each verdict's status in it (mb_prev.status of the
 * HTML report). NULL when there is no history at path or no run in it. */
typedef struct mb_store_prev mb_store_prev;
mb_store_prev *mb_store_prev_open(const char *path);
/* ctx is the mb_store_prev; NULL when the run had no such verdict. */
const char *mb_store_prev_status(void *ctx, const char *rule, const char *region, size_t goal);
long long mb_store_prev_run(const mb_store_prev *p);
const char *mb_store_prev_time(const mb_store_prev *p);
void mb_store_prev_close(mb_store_prev *p);

#endif
