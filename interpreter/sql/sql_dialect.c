/* sql_dialect.c — the four dialects: what each spells differently. Everything else in the
 * script is SQL they share (CTEs, CASE, scalar functions every engine has). */
#include <string.h>

#include "sql_w.h"

/* The period forms eval reads (ingest_value.c): 2018, 2018Q3 / 2018-Q3 / 2018q3, 2018-09. */
static const char *const RE[] = {"[0-9]{4}", "[0-9]{4}-?[Qq][1-4]", "[0-9]{4}-(0[1-9]|1[0-2])",
                                 /* a number DECIMAL(38,12) holds to the digit (trailing zeros aside) */
                                 "[+-]?[0-9]*([.][0-9]{0,12}0*)?"};

static void match_pg(FILE *f, const char *x, int form) { fprintf(f, "%s ~ '^%s$'", x, RE[form]); }
static void match_duck(FILE *f, const char *x, int form) { fprintf(f, "regexp_full_match(%s, '%s')", x, RE[form]); }
static void match_spark(FILE *f, const char *x, int form) { fprintf(f, "%s RLIKE '^%s$'", x, RE[form]); }

/* SQLite has no regular expressions without an extension: GLOB patterns say the same. */
static void match_sqlite(FILE *f, const char *x, int form)
{
    static const char D4[] = "[0-9][0-9][0-9][0-9]";
    if (form == MB_SQL_PERIOD_YEAR) fprintf(f, "%s GLOB '%s'", x, D4);
    else if (form == MB_SQL_PERIOD_QUARTER)
        fprintf(f, "(%s GLOB '%s[Qq][1-4]' OR %s GLOB '%s-[Qq][1-4]')", x, D4, x, D4);
    else fprintf(f, "(%s GLOB '%s-0[1-9]' OR %s GLOB '%s-1[0-2]')", x, D4, x, D4);
}

static void text_pg(FILE *f, const char *x) { fprintf(f, "CAST(trim_scale(%s) AS TEXT)", x); }

/* A fixed-scale decimal prints its trailing zeros: cut them, and a point left alone. */
static void text_trim(FILE *f, const char *x, const char *str, const char *has_point)
{
    fprintf(f, "CASE WHEN %s(CAST(%s AS %s), '.') > 0 THEN rtrim(rtrim(CAST(%s AS %s), '0'), '.') "
               "ELSE CAST(%s AS %s) END", has_point, x, str, x, str, x, str);
}
static void text_duck(FILE *f, const char *x) { text_trim(f, x, "VARCHAR", "strpos"); }
static void text_spark(FILE *f, const char *x) { text_trim(f, x, "STRING", "instr"); }
static void text_sqlite(FILE *f, const char *x) { text_trim(f, x, "TEXT", "instr"); }

static const mb_sql_dialect DIALECTS[MB_SQL_NDIALECTS] = {
    [MB_SQL_POSTGRESQL] = {"postgresql", "NUMERIC", "DOUBLE PRECISION", "TEXT", '"', 0, 1, 0, match_pg, text_pg},
    [MB_SQL_DUCKDB] = {"duckdb", "DECIMAL(38,12)", "DOUBLE", "VARCHAR", '"', 0, 1, 1, match_duck, text_duck},
    [MB_SQL_SPARK] = {"spark", "DECIMAL(38,12)", "DOUBLE", "STRING", '`', 1, 0, 1, match_spark, text_spark},
    [MB_SQL_SQLITE] = {"sqlite", "REAL", "REAL", "TEXT", '"', 0, 0, 0, match_sqlite, text_sqlite},
};

const mb_sql_dialect *mb_sql_dialect_get(mb_sql_dialect_id id) { return &DIALECTS[id]; }

int mb_sql_dialect_parse(const char *name)
{
    for (int i = 0; i < MB_SQL_NDIALECTS; i++)
        if (!strcmp(name, DIALECTS[i].name)) return i;
    return -1;
}

const char *mb_sql_dialect_name(mb_sql_dialect_id d) { return (unsigned)d < MB_SQL_NDIALECTS ? DIALECTS[d].name : "?"; }

const char *mb_sql_class_name(mb_sql_class c)
{
    return c == MB_SQL_EXACT ? "exact" : c == MB_SQL_BOUNDED ? "bounded" : "unsupported";
}
