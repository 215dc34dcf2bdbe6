/* sql.h — compiling the checked model into one SQL script that computes, inside a database,
 * the verdicts `mubiao eval --format csv` gives. The script reads the criteria the checker
 * resolved (crit.h) and never decides again what a form means. Each rule and deadline is, in
 * each dialect, exact (the script's verdicts are eval's), bounded (a verdict too close to call
 * in that dialect's arithmetic says `borderline`, for `mubiao eval` to settle) or unsupported
 * (one `unsupported` row per region, never a guessed verdict). docs/sql.md has the details. */
#ifndef MB_SQL_H
#define MB_SQL_H

#include <stdio.h>

#include "model.h"

typedef enum { MB_SQL_POSTGRESQL, MB_SQL_DUCKDB, MB_SQL_SPARK, MB_SQL_SQLITE, MB_SQL_NDIALECTS } mb_sql_dialect_id;

typedef enum { MB_SQL_EXACT, MB_SQL_BOUNDED, MB_SQL_UNSUPPORTED } mb_sql_class;

typedef struct mb_sql_opts {
    mb_sql_dialect_id dialect;
    const char *table;     /* observations table or view: region, indicator, period, value, unit */
    const char *verdicts;  /* the table the script (re)creates */
    int as_of_key;         /* year*100+month fixed at compile time; 0: the latest period in the data */
    int this_year;         /* the current year, for the horizon of the default as-of */
} mb_sql_opts;

/* -1 when the name is none of postgresql, duckdb, spark, sqlite. */
int mb_sql_dialect_parse(const char *name);
const char *mb_sql_dialect_name(mb_sql_dialect_id d);
const char *mb_sql_class_name(mb_sql_class c);

/* Writes the script. Returns 0, or -1 when out of memory or the output failed. */
int mb_sql_compile(FILE *out, const mb_model *m, const mb_sql_opts *o);

#endif
