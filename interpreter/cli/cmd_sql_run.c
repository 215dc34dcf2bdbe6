/* cmd_sql_run.c — mubiao sql --run: the compiled script run in PostgreSQL (through libpq,
 * sql_run.h) and its verdicts reported as eval reports its own. The reports render the
 * returned verdicts through the evaluator's hook for given verdicts (given.h); what a database
 * does not return (each value's file and line) is absent, and its two statuses of its own,
 * borderline and unsupported, are shown, counted and fail the run by default: a run that
 * checked nothing is never green. */
#define _GNU_SOURCE /* open_memstream */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli.h"
#include "sql.h"
#include "sql_run.h"

static int known_format(const char *fmt)
{
    static const char *const F[] = {"text", "json", "csv", "junit", "summary", "html"};
    for (size_t i = 0; i < sizeof F / sizeof *F; i++)
        if (!strcmp(fmt, F[i])) return 1;
    return 0;
}

int mb_cli_sql_run_check(mb_sql_run_args *a, const char *const *fail_on, size_t nfail_on)
{
    if (!a->format) a->format = "text";
    if (!known_format(a->format))
        return mb_cli_usage_error("sql", "unknown format '%s' (text, json, csv, junit, summary or html)", a->format);
    /* by default also borderline and unsupported: verdicts nothing settled */
    return mb_cli_fail_on("sql", fail_on, nfail_on, MB_ST_COUNT,
                          1u << MB_ST_MISSED | 1u << MB_ST_ERROR | 1u << MB_ST_BORDERLINE | 1u << MB_ST_UNSUPPORTED,
                          &a->fail_mask);
}

/* The compiled script, in memory for libpq. NULL when out of memory. */
static char *script_of(const mb_model *m, const mb_sql_opts *o)
{
    char *buf = NULL;
    size_t n = 0;
    FILE *f = open_memstream(&buf, &n);
    if (!f) return NULL;
    int bad = mb_sql_compile(f, m, o);
    if (fclose(f) || bad) { free(buf); return NULL; }
    return buf;
}

/* As eval: no verdict at all is an error; verdicts none of which was settled (no data, not
 * assessable, borderline or unsupported) fail unless --fail-on none. */
static int checked_something(const mb_tally *t, unsigned mask)
{
    if (!t->verdicts) {
        mb_cli_error("sql", "nothing was evaluated: the database returned no verdict for the rules");
        return MB_EXIT_USAGE;
    }
    size_t open = t->by_status[MB_ST_NO_DATA] + t->by_status[MB_ST_NOT_ASSESSABLE] + t->by_status[MB_ST_BORDERLINE] +
                  t->by_status[MB_ST_UNSUPPORTED];
    if (mask && open == t->verdicts) {
        mb_cli_error("sql", "no target could be assessed: %zu verdict%s, none settled (no-data, not-assessable, "
                            "borderline or unsupported)", t->verdicts, t->verdicts == 1 ? "" : "s");
        return MB_EXIT_FAIL;
    }
    return MB_EXIT_OK;
}

static mb_tally report(FILE *out, const char *fmt, const mb_eval *e, const mb_filter *f, int color)
{
    if (!strcmp(fmt, "csv")) return mb_report_csv(out, e, f);
    if (!strcmp(fmt, "json")) return mb_report_json(out, e, f, 0);
    if (!strcmp(fmt, "junit")) return mb_report_junit(out, e, f);
    if (!strcmp(fmt, "summary")) return mb_report_summary(out, e, f);
    if (!strcmp(fmt, "html")) return mb_report_html(out, e, f);
    return mb_report_text(out, e, f, color);
}

/* Writes the report of the returned verdicts; the exit status. */
static int render(const mb_sql_run_args *a, const mb_model *m, mb_data *D, const mb_given *g)
{
    mb_asof asof;
    memset(&asof, 0, sizeof asof);
    if (a->o->as_of_key) {
        asof.key = a->o->as_of_key;
        snprintf(asof.period, sizeof asof.period, "%s", a->as_of);
        snprintf(asof.why, sizeof asof.why, "given with --as-of");
    }
    mb_filter f;
    memset(&f, 0, sizeof f);
    f.fail_mask = a->fail_mask;
    f.as_of = a->o->as_of_key ? &asof : NULL;
    mb_eval e;
    mb_eval_init(&e, m, D, a->o->as_of_key);
    e.given = g;
    mb_out out;
    if (mb_cli_out_open(&out, a->output, m, NULL)) return MB_EXIT_USAGE;
    FILE *term = strcmp(a->format, "text") && isatty(fileno(out.f)) ? mb_cli_term_stream(out.f) : NULL;
    mb_tally t = report(term ? term : out.f, a->format, &e, &f, !out.path && mb_cli_color(stdout));
    if (term) fclose(term);
    int rc;
    if (t.error && !ferror(out.f)) {
        fputs("mubiao: out of memory while writing the report\n", stderr);
        mb_cli_out_abort(&out);
        rc = MB_EXIT_USAGE;
    } else {
        rc = mb_cli_out_commit(&out) ? MB_EXIT_USAGE : MB_EXIT_OK;
    }
    if (!rc) rc = t.failing ? MB_EXIT_FAIL : checked_something(&t, a->fail_mask);
    return rc;
}

int mb_cli_sql_run(const mb_sql_run_args *a, const mb_model *m)
{
    if (!mb_sql_run_available()) {
        mb_cli_error("sql", "--run: this build of mubiao has no PostgreSQL support (it was built without libpq); "
                            "compile the script and run it with psql instead");
        return MB_EXIT_USAGE;
    }
    char *script = script_of(m, a->o);
    mb_data *D = mb_data_new(m);
    mb_given *g = mb_given_new();
    int rc = MB_EXIT_OK;
    char err[1200] = "";
    if (!script || !D || !g) {
        fputs("mubiao: out of memory\n", stderr);
        rc = MB_EXIT_USAGE;
    } else {
        mb_sqlv sv;
        mb_sqlv_init(&sv, m, D, g, err, sizeof err);
        if (mb_sql_run(a->conninfo, script, a->o->verdicts, a->keep, mb_sqlv_row, &sv, err, sizeof err)) {
            mb_cli_error("sql", "--run: %s", err);
            rc = MB_EXIT_USAGE;
        }
        mb_sqlv_free(&sv);
    }
    const mb_given_row *dup = NULL;
    if (!rc && mb_given_finish(g, &dup)) {
        mb_cli_error("sql", "--run: the verdicts table has two verdicts for rule '%s', region '%s', year %d",
                     m->rules[dup->rule]->id, D->region_names[dup->region], m->rules[dup->rule]->goals[dup->goal].year);
        rc = MB_EXIT_USAGE;
    }
    if (!rc) rc = render(a, m, D, g);
    mb_given_free(g);
    mb_data_free(D);
    free(script);
    return rc;
}
