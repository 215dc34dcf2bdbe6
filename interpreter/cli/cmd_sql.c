/* cmd_sql.c — mubiao sql: compile rule files into one SQL script that computes the verdicts
 * of `eval --format csv` inside a database (interpreter/sql/, docs/sql.md). */
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "cli.h"
#include "ingest_value.h"
#include "sql.h"

static const char USAGE[] =
    "usage: mubiao sql --dialect postgresql|duckdb|spark|sqlite [--table NAME] [--verdicts NAME]\n"
    "                  [--as-of PERIOD] FILE...\n"
    "\n"
    "Compile rule files into one SQL script that reads an observations table (region,\n"
    "indicator, period, value, unit) and (re)creates a verdicts table with the columns of\n"
    "'mubiao eval --format csv': plan, region, rule, indicator, year, status, actual,\n"
    "actual_period, target, gap, unit, detail, category, owners, label, phrase. The script\n"
    "begins with a comment saying, for every rule, whether it is exact, bounded or\n"
    "unsupported in the dialect; an unsupported rule gets the status 'unsupported' and a\n"
    "verdict too close to call gets 'borderline': evaluate those with mubiao eval.\n"
    "\n"
    "Options:\n"
    "  --dialect NAME     postgresql (NUMERIC: exact), duckdb, spark, sqlite (approximate)\n"
    "  --table NAME       the observations table or view (default observations)\n"
    "  --verdicts NAME    the table the script creates (default verdicts)\n"
    "  --as-of PERIOD     fix the date of the data (2019, 2019Q3, 2019-09); default: the\n"
    "                     latest period in the table, as eval takes it\n"
    "  -h, --help         show this help\n"
    "\n"
    "The script goes to standard output. Exit status: 0, 1 errors in the rules, 2 usage, an\n"
    "unreadable file, or output that could not be written whole.\n";

enum { O_DIALECT, O_TABLE, O_VERDICTS, O_AS_OF };
static const mb_opt OPTS[] = {{"dialect", 1, "postgresql, duckdb, spark or sqlite"},
                              {"table", 1, "a table name"},
                              {"verdicts", 1, "a table name"},
                              {"as-of", 1, "a period such as 2019 or 2019-09"},
                              {NULL, 0, NULL}};

static int options(mb_args *a, mb_sql_opts *o)
{
    const char *dialect, *table, *verdicts, *as_of;
    if (mb_args_one("sql", a, OPTS, O_DIALECT, &dialect) || mb_args_one("sql", a, OPTS, O_TABLE, &table) ||
        mb_args_one("sql", a, OPTS, O_VERDICTS, &verdicts) || mb_args_one("sql", a, OPTS, O_AS_OF, &as_of))
        return MB_EXIT_USAGE;
    if (!dialect) return mb_cli_usage_error("sql", "--dialect is needed: postgresql, duckdb, spark or sqlite");
    int d = mb_sql_dialect_parse(dialect);
    if (d < 0) return mb_cli_usage_error("sql", "unknown dialect '%s' (postgresql, duckdb, spark or sqlite)", dialect);
    o->dialect = (mb_sql_dialect_id)d;
    o->table = table ? table : "observations";
    o->verdicts = verdicts ? verdicts : "verdicts";
    if (as_of) {
        mb_period p;
        if (!mb_period_parse(as_of, strlen(as_of), &p))
            return mb_cli_usage_error("sql", "--as-of '%s' is not a period (2019, 2019Q3, 2019-09)", as_of);
        o->as_of_key = mb_period_key(&p);
    }
    time_t now = time(NULL);
    struct tm tm;
    o->this_year = gmtime_r(&now, &tm) ? tm.tm_year + 1900 : 0;
    return 0;
}

int mb_cmd_sql(int argc, char **argv)
{
    mb_args a;
    int pr = mb_cli_parse("sql", argc, argv, OPTS, USAGE, &a);
    if (pr) return pr < 0 ? MB_EXIT_OK : pr;
    mb_sql_opts o;
    memset(&o, 0, sizeof o);
    int rc = options(&a, &o);
    if (!rc && !a.noperands) rc = mb_cli_usage_error("sql", "no rule file given");
    if (rc) { mb_args_free(&a); return rc; }
    mb_diags d;
    mb_diags_init(&d, 50);
    mb_model *m = NULL;
    rc = mb_cli_load_rules(a.operands, a.noperands, &d, &m);
    mb_diags_sort(&d);
    mb_diags_print(stderr, &d, mb_cli_color(stderr));
    if (!rc && mb_sql_compile(stdout, m, &o)) {
        mb_cli_error("sql", "the script could not be written whole");
        rc = MB_EXIT_USAGE;
    }
    mb_diags_free(&d);
    mb_model_free(m);
    mb_args_free(&a);
    return rc;
}
