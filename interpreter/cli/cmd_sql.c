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
    "       mubiao sql --run CONNINFO [--table NAME] [--verdicts NAME] [--as-of PERIOD]\n"
    "                  [--format FORMAT] [--output FILE] [--fail-on STATUS,...] FILE...\n"
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
    "  --run CONNINFO     run the script in PostgreSQL instead of printing it (through\n"
    "                     libpq: a postgresql:// URI or key=value pairs; PG* variables and\n"
    "                     ~/.pgpass apply) in one transaction, read the verdicts back and\n"
    "                     report them as eval does. The verdicts table is rolled back (the\n"
    "                     database is left as it was) unless --verdicts names one to keep\n"
    "  --format FORMAT    with --run: text (default), json, csv, junit, summary or html\n"
    "  --output FILE      with --run: write the report to FILE, as eval --output does\n"
    "  --fail-on STATUS,...  with --run: statuses that make the exit status 1 (default:\n"
    "                     missed,error,borderline,unsupported; none: no status does)\n"
    "  -h, --help         show this help\n"
    "\n"
    "The script goes to standard output. Exit status: 0, 1 errors in the rules, 2 usage, an\n"
    "unreadable file, or output that could not be written whole. With --run: 0 no verdict in\n"
    "the --fail-on set, 1 some are or none was settled (every one no-data, not-assessable,\n"
    "borderline or unsupported; not with --fail-on none) or errors in the rules, 2 usage, a\n"
    "connection or SQL error (the server's message; never the password), or a build without\n"
    "PostgreSQL support. The reports carry no trace: values are not shown with their rows.\n";

enum { O_DIALECT, O_TABLE, O_VERDICTS, O_AS_OF, O_RUN, O_FORMAT, O_OUTPUT, O_FAIL_ON };
static const mb_opt OPTS[] = {{"dialect", 1, "postgresql, duckdb, spark or sqlite"},
                              {"table", 1, "a table name"},
                              {"verdicts", 1, "a table name"},
                              {"as-of", 1, "a period such as 2019 or 2019-09"},
                              {"run", 1, "a PostgreSQL connection string or URI"},
                              {"format", 1, "text, json, csv, junit, summary or html"},
                              {"output", 1, "a file, or - for standard output"},
                              {"fail-on", 1, "statuses separated by commas, or none"},
                              {NULL, 0, NULL}};

/* --run and the options only it takes; the dialect is PostgreSQL's. */
static int run_options(mb_args *a, const char *dialect, mb_sql_run_args *r)
{
    if (mb_args_one("sql", a, OPTS, O_RUN, &r->conninfo) || mb_args_one("sql", a, OPTS, O_FORMAT, &r->format) ||
        mb_args_one("sql", a, OPTS, O_OUTPUT, &r->output))
        return MB_EXIT_USAGE;
    size_t nf = mb_args_count(a, O_FAIL_ON);
    if (!r->conninfo) {
        if (r->format || r->output || nf)
            return mb_cli_usage_error("sql", "--format, --output and --fail-on go with --run CONNINFO");
        return 0;
    }
    if (dialect && strcmp(dialect, "postgresql"))
        return mb_cli_usage_error("sql", "--run runs the script in PostgreSQL: --dialect '%s' cannot go with it", dialect);
    const char *specs[64];
    if (nf > 64) return mb_cli_usage_error("sql", "--fail-on given more than 64 times");
    mb_args_list(a, O_FAIL_ON, specs);
    return mb_cli_sql_run_check(r, specs, nf);
}

static int options(mb_args *a, mb_sql_opts *o, mb_sql_run_args *r)
{
    const char *dialect, *table, *verdicts, *as_of;
    if (mb_args_one("sql", a, OPTS, O_DIALECT, &dialect) || mb_args_one("sql", a, OPTS, O_TABLE, &table) ||
        mb_args_one("sql", a, OPTS, O_VERDICTS, &verdicts) || mb_args_one("sql", a, OPTS, O_AS_OF, &as_of))
        return MB_EXIT_USAGE;
    int rc = run_options(a, dialect, r);
    if (rc) return rc;
    if (r->conninfo) dialect = "postgresql", r->keep = verdicts != NULL, r->as_of = as_of;
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
    mb_sql_run_args run = {.o = &o};
    int rc = options(&a, &o, &run);
    if (!rc && !a.noperands) rc = mb_cli_usage_error("sql", "no rule file given");
    if (rc) { mb_args_free(&a); return rc; }
    mb_diags d;
    mb_diags_init(&d, 50);
    mb_model *m = NULL;
    rc = mb_cli_load_rules(a.operands, a.noperands, &d, &m);
    mb_diags_sort(&d);
    mb_diags_print(stderr, &d, mb_cli_color(stderr));
    if (!rc && run.conninfo) rc = mb_cli_sql_run(&run, m);
    else if (!rc && mb_sql_compile(stdout, m, &o)) {
        mb_cli_error("sql", "the script could not be written whole");
        rc = MB_EXIT_USAGE;
    }
    mb_diags_free(&d);
    mb_model_free(m);
    mb_args_free(&a);
    return rc;
}
