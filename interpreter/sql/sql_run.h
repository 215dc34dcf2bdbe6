/* sql_run.h — running a compiled script in PostgreSQL through libpq (`mubiao sql --run`)
 * and reading its verdicts back as text, and turning them into verdicts the reports render
 * (given.h). Without libpq at build time (MB_HAVE_LIBPQ unset) mb_sql_run only says that this
 * build has no PostgreSQL support. */
#ifndef MB_SQL_RUN_H
#define MB_SQL_RUN_H

#include <stddef.h>

#include "data.h"
#include "given.h"
#include "model.h"

/* The columns read back, in this order; NULL for SQL's NULL. */
enum { MB_SQLV_PLAN, MB_SQLV_REGION, MB_SQLV_RULE, MB_SQLV_YEAR, MB_SQLV_STATUS, MB_SQLV_ACTUAL,
       MB_SQLV_ACTUAL_PERIOD, MB_SQLV_TARGET, MB_SQLV_GAP, MB_SQLV_DETAIL, MB_SQLV_NCOLS };

/* Called for each verdict row; returns 0 to go on, -1 to stop (the message is the callee's). */
typedef int (*mb_sql_row_fn)(void *ctx, const char *const *cols);

/* Connects with conninfo (a postgresql:// URI or key=value pairs; libpq's PG* environment
 * and password file apply), runs script in one transaction (stopping at the first error),
 * reads table `verdicts` and hands fn each row, then commits when keep is set and rolls back
 * otherwise (the database is left as it was). Returns 0, or -1 with a message in err: the
 * server's or libpq's words, never the password of conninfo. */
int mb_sql_run(const char *conninfo, const char *script, const char *verdicts, int keep, mb_sql_row_fn fn, void *ctx,
               char *err, size_t cap);
/* Is this build linked with libpq? */
int mb_sql_run_available(void);

/* Verdict rows to verdicts (sql_verdicts.c). D gets each region named (so the reports walk
 * it: the plans' regions first, as mb_data_new put them, then the others in the order added);
 * each row becomes one verdict of g. 0, or -1 with a message in err. */
typedef struct mb_sqlv {
    const mb_model *m;
    mb_data *D;
    mb_given *g;
    void *counts;            /* internal: rows per rule, year and region */
    char *err;
    size_t cap;
} mb_sqlv;
void mb_sqlv_init(mb_sqlv *s, const mb_model *m, mb_data *D, mb_given *g, char *err, size_t cap);
int mb_sqlv_row(void *ctx, const char *const *cols);
void mb_sqlv_free(mb_sqlv *s);

#endif
