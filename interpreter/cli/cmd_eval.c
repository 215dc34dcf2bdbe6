/* cmd_eval.c — mubiao eval and mubiao explain: rules + submissions in, verdicts out. */
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "data.h"
#include "ingest_value.h"
#include "report.h"
#include "text.h"

static const char USAGE[] =
    "usage: mubiao eval RULES... --data FILE|DIR... [options]\n"
    "\n"
    "Evaluate every rule for every region and deadline against submitted statistics\n"
    "(CSV with columns region,indicator,period,value[,unit], or JSON), and report\n"
    "met / missed / on-track / needs-acceleration / limited-progress / regressing /\n"
    "no-data / not-assessable / error (values submitted but unusable), with actual,\n"
    "target and gap. docs/evaluation.md explains each.\n"
    "\n"
    "Options:\n"
    "  --data FILE|DIR...      submission files, or folders of .csv/.json files\n"
    "  --as-of PERIOD          ignore data after PERIOD (2019, 2019Q3, 2019-09);\n"
    "                          default: the latest period in the data\n"
    "  --region NAME...        only these regions\n"
    "  --plan ID               only this plan's targets\n"
    "  --category NAME         only targets in this category\n"
    "  --owner NAME            only targets of this responsible unit\n"
    "  --format FORMAT         text (default), json, csv, junit, or summary (per-rule counts)\n"
    "  --output FILE           write the report to FILE (atomically) instead of stdout\n"
    "  --fail-on STATUS,...    statuses that make the exit status 1 (default: missed)\n"
    "  -h, --help              show this help\n"
    "\n"
    "Exit status: 0 no verdict in the --fail-on set, 1 some are, 2 errors in the rules or\n"
    "the data (each reported with file:line:col; the report still covers the good rows),\n"
    "or a usage error.\n"
    "\n"
    "Environment: NO_COLOR turns colour off; MB_THREADS=1 reads and reports on one thread\n"
    "(the default uses two cores for large inputs; the output is the same).\n";

static const char EXPLAIN_USAGE[] =
    "usage: mubiao explain RULES... --rule ID --region NAME --data FILE|DIR... [--as-of PERIOD]\n"
    "\n"
    "Show how one rule's verdict for one region was reached: the values used, the\n"
    "arithmetic and the comparison.\n";

typedef struct eval_args {
    char **rules, **data, **regions;
    int nrules, ndata, nregions;
    const char *as_of, *plan, *category, *owner, *format, *output, *fail_on, *rule;
} eval_args;

/* Options that take one value, or a list of values up to the next option. */
static int parse(const char *cmd, int argc, char **argv, eval_args *a, const char *usage)
{
    char ***list = &a->rules;
    int *count = &a->nrules;
    for (int i = 1; i < argc; i++) {
        char *s = argv[i];
        const char **one = NULL;
        if (!strcmp(s, "-h") || !strcmp(s, "--help")) { fputs(usage, stdout); return 1; }
        if (!strcmp(s, "--data")) { list = &a->data; count = &a->ndata; continue; }
        if (!strcmp(s, "--region")) { list = &a->regions; count = &a->nregions; continue; }
        if (!strcmp(s, "--as-of")) one = &a->as_of;
        else if (!strcmp(s, "--plan")) one = &a->plan;
        else if (!strcmp(s, "--category")) one = &a->category;
        else if (!strcmp(s, "--owner")) one = &a->owner;
        else if (!strcmp(s, "--format")) one = &a->format;
        else if (!strcmp(s, "--output")) one = &a->output;
        else if (!strcmp(s, "--fail-on")) one = &a->fail_on;
        else if (!strcmp(s, "--rule")) one = &a->rule;
        else if (s[0] == '-' && s[1]) { mb_cli_usage_error(cmd, "unknown option '%s'", s); return 2; }
        if (one) {
            if (++i >= argc) { mb_cli_usage_error(cmd, "%s needs a value", s); return 2; }
            *one = argv[i];
            list = &a->rules; /* a value option ends a --data / --region list */
            count = &a->nrules;
            continue;
        }
        (*list)[(*count)++] = s;
    }
    return 0;
}

/* Room for each list option to hold every argument; one block, freed by the caller. */
static char **args_init(eval_args *a, int argc)
{
    char **bufs = calloc((size_t)argc * 3 + 3, sizeof *bufs);
    if (!bufs) return NULL;
    a->rules = bufs;
    a->data = bufs + argc + 1;
    a->regions = bufs + 2 * argc + 2;
    return bufs;
}

static int fail_mask(const char *spec, unsigned *mask)
{
    *mask = 0;
    if (!spec) { *mask = 1u << MB_ST_MISSED; return 0; }
    for (const char *p = spec; *p;) {
        size_t n = strcspn(p, ",");
        int s = mb_status_parse(p, n);
        if (s < 0 && n) return -1;
        if (s >= 0) *mask |= 1u << s;
        p += n + (p[n] == ',');
    }
    return 0;
}

static int as_of_key(const char *s, int *key)
{
    mb_period p;
    *key = 0;
    if (!s) return 0;
    if (!mb_period_parse(s, strlen(s), &p)) return -1;
    *key = mb_period_key(&p);
    return 0;
}

typedef struct run {
    mb_diags rd;
    mb_model *m;
    mb_data *D;
    mb_eval e;
    int rc;
} run;

/* Rules, then data: the shared first half of eval and explain. */
static int load(const char *cmd, eval_args *a, run *R, int color)
{
    int key;
    memset(R, 0, sizeof *R);
    mb_diags_init(&R->rd, 50);
    if (!a->nrules) return mb_cli_usage_error(cmd, "no rule file given");
    if (!a->ndata) return mb_cli_usage_error(cmd, "no data given: add --data FILE");
    if (as_of_key(a->as_of, &key)) return mb_cli_usage_error(cmd, "--as-of '%s' is not a period (2019, 2019Q3, 2019-09)", a->as_of);
    R->rc = mb_cli_load_rules(a->rules, a->nrules, &R->rd, &R->m);
    mb_diags_sort(&R->rd);
    mb_diags_print(stderr, &R->rd, color);
    if (R->rc) return R->rc == MB_EXIT_FAIL ? MB_EXIT_USAGE : R->rc;
    R->D = mb_data_new(R->m);
    if (!R->D) { fputs("mubiao: out of memory\n", stderr); return MB_EXIT_USAGE; }
    for (int i = 0; i < a->ndata; i++) mb_data_load(R->D, a->data[i]);
    mb_data_finish(R->D);
    mb_diags_print(stderr, &R->D->diags, color);
    mb_eval_init(&R->e, R->m, R->D, key);
    return 0;
}

static void unload(run *R)
{
    mb_data_free(R->D);
    mb_model_free(R->m);
    mb_diags_free(&R->rd);
}

static void accounting(const mb_data *D)
{
    const mb_rowcount *c = &D->count;
#define S(n) (n) == 1 ? "" : "s"
    fprintf(stderr, "mubiao: %zu row%s read: %zu used, %zu for indicators no rule reads, %zu for periods no rule "
                    "reads, %zu duplicate%s, %zu rejected; %zu error%s, %zu warning%s\n",
            c->rows, S(c->rows), c->used, c->unused_indicator, c->unused_period, c->duplicate, S(c->duplicate),
            c->rejected, D->diags.errors, S(D->diags.errors), D->diags.warnings, S(D->diags.warnings));
#undef S
}

int mb_cmd_eval(int argc, char **argv)
{
    eval_args a = {0};
    char **bufs = args_init(&a, argc);
    if (!bufs) return MB_EXIT_USAGE;
    int pr = parse("eval", argc, argv, &a, USAGE);
    if (pr) { free(bufs); return pr == 1 ? MB_EXIT_OK : MB_EXIT_USAGE; }
    const char *fmt = a.format ? a.format : "text";
    unsigned mask;
    if (fail_mask(a.fail_on, &mask)) { free(bufs); return mb_cli_usage_error("eval", "--fail-on: unknown status in '%s'", a.fail_on); }
    if (strcmp(fmt, "text") && strcmp(fmt, "json") && strcmp(fmt, "csv") && strcmp(fmt, "junit") && strcmp(fmt, "summary")) {
        free(bufs);
        return mb_cli_usage_error("eval", "unknown format '%s' (text, json, csv, junit or summary)", fmt);
    }
    int color = mb_cli_color(stderr);
    run R;
    int rc = load("eval", &a, &R, color);
    if (rc) { unload(&R); free(bufs); return rc; }
    mb_filter f = {a.plan, (const char **)a.regions, (size_t)a.nregions, a.category, a.owner, mask};
    mb_out out;
    if (mb_cli_out_open(&out, a.output)) { unload(&R); free(bufs); return MB_EXIT_USAGE; }
    mb_tally t;
    if (!strcmp(fmt, "csv")) t = mb_report_csv(out.f, &R.e, &f);
    else if (!strcmp(fmt, "json")) t = mb_report_json(out.f, &R.e, &f);
    else if (!strcmp(fmt, "junit")) t = mb_report_junit(out.f, &R.e, &f);
    else if (!strcmp(fmt, "summary")) t = mb_report_summary(out.f, &R.e, &f);
    else t = mb_report_text(out.f, &R.e, &f, !a.output && mb_cli_color(stdout));
    if (t.error) {
        fputs("mubiao: out of memory while writing the report\n", stderr);
        mb_cli_out_abort(&out);
        rc = MB_EXIT_USAGE;
    } else {
        rc = mb_cli_out_commit(&out) ? MB_EXIT_USAGE : 0;
    }
    accounting(R.D);
    if (!rc) rc = R.D->diags.errors || R.D->io_error ? MB_EXIT_USAGE : t.failing ? MB_EXIT_FAIL : MB_EXIT_OK;
    unload(&R);
    free(bufs);
    return rc;
}

int mb_cmd_explain(int argc, char **argv)
{
    eval_args a = {0};
    char **bufs = args_init(&a, argc);
    if (!bufs) return MB_EXIT_USAGE;
    int pr = parse("explain", argc, argv, &a, EXPLAIN_USAGE);
    if (pr) { free(bufs); return pr == 1 ? MB_EXIT_OK : MB_EXIT_USAGE; }
    if (!a.rule || a.nregions != 1) {
        free(bufs);
        return mb_cli_usage_error("explain", "name one rule with --rule ID and one region with --region NAME");
    }
    run R;
    int rc = load("explain", &a, &R, mb_cli_color(stderr));
    const mb_rule *rule = NULL;
    for (size_t i = 0; !rc && i < R.m->nrules; i++)
        if (mb_name_eq(R.m->rules[i]->id, strlen(R.m->rules[i]->id), a.rule, strlen(a.rule))) rule = R.m->rules[i];
    long region = rc ? -1 : mb_data_region(R.D, a.regions[0]);
    if (!rc && !rule) rc = mb_cli_usage_error("explain", "no rule '%s' in the rule files", a.rule);
    else if (!rc && region < 0) rc = mb_cli_usage_error("explain", "no region '%s' in the data or the plans", a.regions[0]);
    if (!rc) {
        mb_report_explain(stdout, &R.e, rule, (size_t)region);
        rc = R.D->diags.errors ? MB_EXIT_USAGE : MB_EXIT_OK;
    }
    unload(&R);
    free(bufs);
    return rc;
}
