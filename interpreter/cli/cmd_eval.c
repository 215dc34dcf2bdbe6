/* cmd_eval.c — mubiao eval and mubiao explain: rules + submissions in, verdicts out. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "ci_out.h"
#include "cli.h"
#include "data.h"
#include "ingest_value.h"
#include "report.h"
#include "shard.h"
#include "store.h"
#include "text.h"

static const char USAGE[] =
    "usage: mubiao eval RULES... --data FILE|DIR [--data ...] [options]\n"
    "\n"
    "Evaluate every rule for every region and deadline against submitted statistics\n"
    "(CSV with columns region,indicator,period,value[,unit], or JSON), and report\n"
    "met / missed / on-track / needs-acceleration / limited-progress / regressing /\n"
    "no-data / not-assessable / error (values submitted but unusable), with actual,\n"
    "target and gap. docs/evaluation.md explains each.\n"
    "\n"
    "Options and rule files may come in any order; --name=value is --name value, and\n"
    "'--' ends the options. Repeat an option to give more values.\n"
    "\n"
    "Options:\n"
    "  --data FILE|DIR|-       a submission file, or a folder of .csv/.json files; - is\n"
    "                          standard input (JSON when its first non-blank byte is '[',\n"
    "                          else CSV)\n"
    "  --as-of PERIOD          ignore data after PERIOD (2019, 2019Q3, 2019-09);\n"
    "                          default: the latest period in the data\n"
    "  --region NAME           only this region\n"
    "  --plan ID               only this plan's targets\n"
    "  --rule ID               only this rule\n"
    "  --category NAME         only targets in this category\n"
    "  --owner NAME            only targets of this responsible unit\n"
    "  --where ATTRIBUTE       only targets with this attribute: binding (约束性),\n"
    "                          expected (预期性), aspiration (力争, 争取) or none\n"
    "  --binding               only binding targets (--where binding)\n"
    "                          (a repeated filter selects any of its values; different\n"
    "                          filters must all match; a value that matches nothing, or\n"
    "                          filters that leave nothing to report, are an error)\n"
    "  --format FORMAT         text (default), json, csv, junit, summary (per-rule counts),\n"
    "                          or html (one self-contained page: summary, a chart per\n"
    "                          target and region, regions × targets matrix; no script)\n"
    "  --output FILE           write the report to FILE instead of stdout: a regular file\n"
    "                          is replaced atomically and keeps its mode; a symbolic link\n"
    "                          is followed (the file it points to is replaced); a device\n"
    "                          or FIFO is written through; an input of the run (rule\n"
    "                          file, import, data file) is refused; - is standard output\n"
    "  --fail-on STATUS,...    statuses that make the exit status 1 (default: missed,error;\n"
    "                          none: no status does)\n"
    "  --trace                 with --format json: each verdict's working (the values used,\n"
    "                          with file and line, the base, the bounds, the pace)\n"
    "  --diagnostics FILE      also write the errors and warnings about the rules and the\n"
    "                          submissions to FILE (- standard output, when the report goes\n"
    "                          to --output), in --diag-format: sarif (SARIF 2.1.0 for code\n"
    "                          scanning; a submission's errors point at its file, line and\n"
    "                          column), github (workflow commands that annotate the lines of\n"
    "                          a pull request), json, or text (default: sarif)\n"
    "  --store DB              also append the run to the SQLite history DB (created when\n"
    "                          missing): time, as-of, rule files and submissions with their\n"
    "                          SHA-256, row counts, every verdict with its trace values; all\n"
    "                          in one transaction (docs/store.md). SOURCE_DATE_EPOCH, when\n"
    "                          set, is the time recorded. With --format html the page shows\n"
    "                          beside each charted verdict its status in the latest run\n"
    "                          stored before. See 'mubiao history', 'mubiao diff'\n"
    "  --shard K/N             evaluate only the regions of shard K of N (a region's shard:\n"
    "                          FNV-1a 64 of its NFKC name, mod N, plus 1); the regions\n"
    "                          compared with are read by every shard. Needs --format json:\n"
    "                          the report then ends with what 'mubiao merge' needs to put\n"
    "                          the N shards back into the report of one run; merge, not\n"
    "                          the shard, says when a filter selects nothing (docs/scale.md)\n"
    "  -h, --help              show this help\n"
    "\n"
    "Exit status: 0 no verdict in the --fail-on set; 1 some are, or none could be assessed\n"
    "(every verdict no-data or not-assessable; not with --fail-on none); 2 nothing was\n"
    "evaluated, errors in the rules or the data (each reported with file:line:col; the\n"
    "report still covers the good rows), a report that could not be written whole, or a\n"
    "usage error.\n"
    "\n"
    "Environment: NO_COLOR turns colour off; MB_THREADS=1 reads and reports on one thread\n"
    "(the default uses two cores for large inputs; the output is the same); MB_STREAM=0\n"
    "holds every region in memory even for --format summary and for --format csv to\n"
    "--output FILE or to standard output that is a file (> FILE), which otherwise\n"
    "evaluate each region as its rows end when the data is sorted by region\n"
    "(docs/limits.md).\n";

static const char EXPLAIN_USAGE[] =
    "usage: mubiao explain RULES... --rule ID --region NAME --data FILE|DIR [options]\n"
    "\n"
    "Show how one rule's verdict for one region was reached: the values used, the\n"
    "arithmetic and the comparison.\n"
    "\n"
    "Options (in any order with the rule files, as for eval):\n"
    "  --rule ID           the rule to explain (required, once)\n"
    "  --region NAME       the region (required, once)\n"
    "  --data FILE|DIR|-   a submission file or folder, or - for standard input\n"
    "                      (required; repeat for more)\n"
    "  --as-of PERIOD      ignore data after PERIOD (2019, 2019Q3, 2019-09);\n"
    "                      default: the latest period in the data\n"
    "  --output FILE       write the explanation to FILE, as eval --output does;\n"
    "                      - is standard output\n"
    "  --format text       the only format of explain\n"
    "  -h, --help          show this help\n"
    "\n"
    "Exit status: 0 explained, 2 errors in the rules or the data, an explanation that could\n"
    "not be written whole, or a usage error.\n";

enum { O_DATA, O_REGION, O_RULE, O_PLAN, O_CATEGORY, O_OWNER, O_AS_OF, O_FORMAT, O_OUTPUT, O_FAIL_ON, O_TRACE, O_STORE,
       O_WHERE, O_BINDING, O_DIAGNOSTICS, O_DIAG_FORMAT, O_SHARD };
static const mb_opt EVAL_OPTS[] = {
    {"data", 1, "a submission file or folder"},
    {"region", 1, "a region name"},
    {"rule", 1, "a rule id"},
    {"plan", 1, "a plan id"},
    {"category", 1, "a category"},
    {"owner", 1, "a responsible unit"},
    {"as-of", 1, "a period (2019, 2019Q3, 2019-09)"},
    {"format", 1, "text, json, csv, junit, summary or html"},
    {"output", 1, "a file, or - for standard output"},
    {"fail-on", 1, "statuses separated by commas, or none"},
    {"trace", 0, NULL},
    {"store", 1, "an SQLite file (the history)"},
    {"where", 1, "binding, expected, aspiration or none"},
    {"binding", 0, NULL},
    {"diagnostics", 1, "a file, or - for standard output"},
    {"diag-format", 1, "sarif, github, json or text"},
    {"shard", 1, "K/N: shard K of N (1 <= K <= N)"},
    {NULL, 0, NULL},
};
/* merge takes eval's, but no data (it reads the shards' reports), no --shard and no --store. */
static const mb_opt MERGE_OPTS[] = {
    {"", 0, NULL},
    {"region", 1, "a region name"},
    {"rule", 1, "a rule id"},
    {"plan", 1, "a plan id"},
    {"category", 1, "a category"},
    {"owner", 1, "a responsible unit"},
    {"as-of", 1, "a period (2019, 2019Q3, 2019-09)"},
    {"format", 1, "text, json, csv, junit, summary or html"},
    {"output", 1, "a file, or - for standard output"},
    {"fail-on", 1, "statuses separated by commas, or none"},
    {"trace", 0, NULL},
    {"", 0, NULL},
    {"where", 1, "binding, expected, aspiration or none"},
    {"binding", 0, NULL},
    {"diagnostics", 1, "a file, or - for standard output"},
    {"diag-format", 1, "sarif, github, json or text"},
    {"", 0, NULL},
    {NULL, 0, NULL},
};
/* explain takes the same options in the same places (the indices match EVAL_OPTS). */
static const mb_opt EXPLAIN_OPTS[] = {
    {"data", 1, "a submission file or folder"},
    {"region", 1, "a region name"},
    {"rule", 1, "a rule id"},
    {"", 0, NULL}, {"", 0, NULL}, {"", 0, NULL}, /* plan, category, owner: not for explain */
    {"as-of", 1, "a period (2019, 2019Q3, 2019-09)"},
    {"format", 1, "text"},
    {"output", 1, "a file, or - for standard output"},
    {NULL, 0, NULL},
};

typedef struct eval_args {
    mb_args a;
    const char **list;     /* room for every option value; lists below point into it */
    const char **rules, **data, **regions, **rule_ids, **plans, **categories, **owners, **fail_on, **where;
    size_t nrules, ndata, nregions, nrule_ids, nplans, ncategories, nowners, nfail_on, nwhere;
    const char *as_of, *format, *output, *store, *diagnostics, *diag_format, *shard;
    unsigned shard_k, shard_n; /* --shard K/N; 0 when not given */
    const char **shards;       /* merge: the shards' reports (the .json operands) */
    size_t nshards;
} eval_args;

static void args_free(eval_args *e)
{
    mb_args_free(&e->a);
    free(e->list);
    free(e->shards);
}

/* A rule operand that is a submission: "--data a.csv b.csv" gives b.csv as a rule file. */
static int looks_like_data(const char *path)
{
    size_t n = strlen(path);
    return (n >= 4 && !strcmp(path + n - 4, ".csv")) || (n >= 5 && !strcmp(path + n - 5, ".json"));
}

/* --shard K/N: two whole numbers, 1 <= K <= N <= 65535. */
static int parse_shard(const char *cmd, eval_args *e)
{
    const char *p = e->shard;
    char *slash = NULL, *end = NULL;
    unsigned long k = *p >= '0' && *p <= '9' ? strtoul(p, &slash, 10) : 0, n = 0;
    if (slash && *slash == '/' && slash[1] >= '0' && slash[1] <= '9') n = strtoul(slash + 1, &end, 10);
    if (!end || *end || !n || n > 65535)
        return mb_cli_usage_error(cmd, "--shard '%s' is not K/N (shard K of N, 1 <= K <= N <= 65535; e.g. 2/8)", p);
    if (k < 1 || k > n) return mb_cli_usage_error(cmd, "--shard '%s': K must be from 1 to N (%lu)", p, n);
    e->shard_k = (unsigned)k;
    e->shard_n = (unsigned)n;
    return 0;
}

/* Options and operands in any order (mb_cli_parse); lists are every value of a repeated
 * option; an option that takes one value refuses two. 0, -1 (help shown) or MB_EXIT_USAGE. */
static int parse(const char *cmd, int argc, char **argv, const mb_opt *opts, const char *usage, eval_args *e)
{
    memset(e, 0, sizeof *e);
    int pr = mb_cli_parse(cmd, argc, argv, opts, usage, &e->a);
    if (pr) return pr;
    e->list = calloc(e->a.n + 1, sizeof *e->list);
    if (!e->list) { args_free(e); fputs("mubiao: out of memory\n", stderr); return MB_EXIT_USAGE; }
    const char **at = e->list;
#define LIST(k, p, n) (p = at, n = mb_args_list(&e->a, k, at), at += n)
    LIST(O_DATA, e->data, e->ndata);
    LIST(O_REGION, e->regions, e->nregions);
    LIST(O_RULE, e->rule_ids, e->nrule_ids);
    LIST(O_PLAN, e->plans, e->nplans);
    LIST(O_CATEGORY, e->categories, e->ncategories);
    LIST(O_OWNER, e->owners, e->nowners);
    LIST(O_FAIL_ON, e->fail_on, e->nfail_on);
    if (opts != EXPLAIN_OPTS) LIST(O_WHERE, e->where, e->nwhere);
#undef LIST
    e->rules = (const char **)e->a.operands;
    e->nrules = (size_t)e->a.noperands;
    if (opts == MERGE_OPTS) { /* .json operands are the shards */
        e->shards = calloc(e->nrules + 1, sizeof *e->shards);
        if (!e->shards) { fputs("mubiao: out of memory\n", stderr); return MB_EXIT_USAGE; }
        size_t r = 0;
        for (size_t i = 0; i < e->nrules; i++) {
            size_t n = strlen(e->rules[i]);
            if (n >= 5 && !strcmp(e->rules[i] + n - 5, ".json")) e->shards[e->nshards++] = e->rules[i];
            else e->rules[r++] = e->rules[i];
        }
        e->nrules = r;
    }
    if (mb_args_one(cmd, &e->a, opts, O_AS_OF, &e->as_of) || mb_args_one(cmd, &e->a, opts, O_FORMAT, &e->format) ||
        mb_args_one(cmd, &e->a, opts, O_OUTPUT, &e->output) ||
        (opts != EXPLAIN_OPTS && (mb_args_one(cmd, &e->a, opts, O_STORE, &e->store) ||
                               mb_args_one(cmd, &e->a, opts, O_DIAGNOSTICS, &e->diagnostics) ||
                               mb_args_one(cmd, &e->a, opts, O_DIAG_FORMAT, &e->diag_format) ||
                               mb_args_one(cmd, &e->a, opts, O_SHARD, &e->shard))))
        return MB_EXIT_USAGE;
    if (e->shard && parse_shard(cmd, e)) return MB_EXIT_USAGE;
    struct stat out, in;
    for (size_t i = 0; e->output && i < e->nshards; i++)
        if (stat(e->output, &out) == 0 && stat(e->shards[i], &in) == 0 && out.st_dev == in.st_dev && out.st_ino == in.st_ino)
            return mb_cli_usage_error(cmd, "--output '%s' is an input of this run (the shard '%s'): refused", e->output,
                                      e->shards[i]);
    for (size_t i = 0; i < e->nrules; i++)
        if (looks_like_data(e->rules[i]))
            return mb_cli_usage_error(cmd, "'%s' is given as a rule file; each submission needs its own --data "
                                           "(--data a.csv --data b.csv)", e->rules[i]);
    return 0;
}

/* The --where set (and --binding): attributes a target must have one of; 0 when none is asked. */
static int where_mask(const char *cmd, const eval_args *a, unsigned *mask)
{
    *mask = mb_args_count(&a->a, O_BINDING) > 0 ? MB_ATTR_BINDING : 0u;
    for (size_t i = 0; i < a->nwhere; i++) {
        unsigned m = mb_attr_parse(a->where[i]);
        if (!m) return mb_cli_usage_error(cmd, "--where: '%s' is not an attribute (%s)", a->where[i], mb_attr_names());
        *mask |= m;
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
    mb_asof asof;
    int rc;
    /* Streaming (report_stream.c): the summary's verdicts counted, or the CSV report's
     * lines written, while the data was read */
    int streamed;
    mb_stream st;
    size_t (*counts)[MB_ST_COUNT];
    mb_csv_stream *csv;
    mb_out out;              /* open already when out_open (the CSV report, streamed) */
    int out_open, out_failed;
    mb_cli_split split;      /* a large file's second part, streamed on a second thread */
} run;

/* Can this run evaluate while reading? The summary (its counts do not depend on order), or
 * the CSV report when what it writes can be taken back should the data have to be read
 * again: a file it replaces (its temporary file is emptied), or standard output that is a
 * file and not a data file (cut back to where the report started; not a pipe, whose reader
 * already has the lines), and when the rules are in one plan (so verdicts come in report order);
 * without --store (it stores every verdict afterwards), from inputs that can be read a
 * second time (not standard input) should the data turn out not to be grouped by region,
 * and for a model whose every rule is evaluated for every region. */
static int streamable(const eval_args *a, const mb_model *m, const char *fmt)
{
    if (!fmt || a->store || a->shard || a->shards || !mb_cli_stream()) return 0;
    /* an output refused as a rule file is refused after reading, as without streaming */
    int to_stdout = !a->output || !strcmp(a->output, "-");
    int csv = !strcmp(fmt, "csv") && (to_stdout ? mb_cli_stdout_streams(a->data, a->ndata)
                                                : mb_cli_out_replaces(a->output) && !mb_cli_out_is_input(a->output, m, NULL));
    if (!(csv || !strcmp(fmt, "summary")) || !mb_stream_possible(m, csv)) return 0;
    for (size_t i = 0; i < a->ndata; i++)
        if (!strcmp(a->data[i], "-")) return 0;
    return 1;
}

/* merge: the store rebuilt from the shards' parts; then the checks across values, as after
 * reading. 0, or MB_EXIT_USAGE with the reason said. */
static int merge_data(const eval_args *a, mb_data *D)
{
    char digest[65], err[1024];
    mb_shard_rules_digest(D->model, digest);
    if (mb_shard_merge(D, a->shards, a->nshards, digest, err, sizeof err)) {
        mb_cli_error("merge", "%s", err);
        return MB_EXIT_USAGE;
    }
    mb_data_finish(D);
    return 0;
}

static int read_data(const eval_args *a, mb_data *D)
{
    if (a->shards) return merge_data(a, D);
    for (size_t i = 0; i < a->ndata && !D->unsorted; i++) mb_data_load(D, a->data[i]);
    if (D->shard && !D->unsorted) {
        /* a shard writes its part before the checks across values: merge runs them on all */
        char digest[65];
        mb_shard_rules_digest(D->model, digest);
        if (!mb_shard_settle(D, digest)) { fputs("mubiao: out of memory\n", stderr); return MB_EXIT_USAGE; }
    }
    if (!D->unsorted) mb_data_finish(D);
    return 0;
}

static mb_data *fresh_data(const mb_model *m)
{
    mb_data *D = mb_data_new(m);
    if (D) D->threads = mb_cli_threads();
    return D;
}

/* Read with verdicts counted region by region; 1 when that held (the counts are in R), 0 when
 * the data must be read again holding every region: rows of a region came after another
 * region's, or the as-of the verdicts used is not the run's. */
static int read_streaming(const eval_args *a, run *R, const mb_filter *f, int key, int csv)
{
    int started;
    if (csv) {
        /* the output is opened before reading (the data files are checked not to be it after) */
        if (mb_cli_out_open(&R->out, a->output, R->m, NULL)) { R->out_failed = 1; return 0; }
        R->out_open = 1;
        if (!R->out.path && mb_cli_out_stdout_file(&R->out)) return 0; /* written after reading */
        R->csv = mb_report_csv_begin(R->out.f, R->m, R->D);
        started = R->csv && mb_stream_start(&R->st, R->m, R->D, f, key, mb_report_csv_row, R->csv);
    } else {
        R->counts = calloc(R->m->nrules + 1, sizeof *R->counts);
        started = R->counts && mb_stream_start(&R->st, R->m, R->D, f, key, mb_report_summary_count, R->counts);
    }
    if (started && R->D->threads != 1 && (!csv || R->out.w)) {
        mb_cli_split_init(&R->split, &R->st, csv ? NULL : R->counts, R->csv, csv ? &R->out : NULL);
        R->D->split = &R->split.ops;
    }
    if (started) {
        (void)read_data(a, R->D);
        if (!R->D->unsorted) mb_stream_finish(&R->st);
        int used = R->st.used_key;
        int ok = !R->D->unsorted && !R->st.changed && !R->st.t.error &&
                 (used < 0 || used == mb_report_as_of_key(a->as_of, key, R->m, R->D));
        mb_stream_free(&R->st);
        const char *debug = getenv("MB_DEBUG");
        if (ok && debug && strstr(debug, "stream")) /* for tests: which path a run took */
            fprintf(stderr, "mubiao: debug: streamed; files read in two parts: %zu\n", R->D->split_parts);
        if (ok) return 1;
        mb_data_free(R->D);
        R->D = fresh_data(R->m);
    }
    free(R->counts);
    R->counts = NULL;
    if (R->csv) {
        /* what was written goes (the header at least): the report is written again after
         * reading everything */
        mb_report_csv_end(R->csv, 0);
        R->csv = NULL;
        if (mb_cli_out_empty(&R->out) != 0) {
            mb_cli_out_abort(&R->out); /* opened again after reading, as without streaming */
            R->out_open = 0;
        }
    }
    return 0;
}

/* Rules, then data: the shared first half of eval and explain. With fmt and f (eval), the
 * summary may be counted while the data is read. */
static int load(const char *cmd, eval_args *a, run *R, int color, const char *fmt, const mb_filter *f)
{
    int key;
    memset(R, 0, sizeof *R);
    mb_diags_init(&R->rd, 50);
    if (!a->nrules) return mb_cli_usage_error(cmd, "no rule file given");
    if (a->shards && !a->nshards) return mb_cli_usage_error(cmd, "no shard given: add the shards' reports (SHARD.json)");
    if (!a->ndata && !a->shards) return mb_cli_usage_error(cmd, "no data given: add --data FILE");
    if (as_of_key(a->as_of, &key)) return mb_cli_usage_error(cmd, "--as-of '%s' is not a period (2019, 2019Q3, 2019-09)", a->as_of);
    R->rc = mb_cli_load_rules((char **)a->rules, (int)a->nrules, &R->rd, &R->m);
    mb_diags_sort(&R->rd);
    mb_diags_print(stderr, &R->rd, color);
    if (R->rc) return R->rc == MB_EXIT_FAIL ? MB_EXIT_USAGE : R->rc;
    R->D = fresh_data(R->m);
    if (R->D && a->shard_n && !mb_shard_begin(R->D, a->shard_k, a->shard_n)) {
        fputs("mubiao: out of memory\n", stderr);
        return MB_EXIT_USAGE;
    }
    if (R->D && f && streamable(a, R->m, fmt)) R->streamed = read_streaming(a, R, f, key, !strcmp(fmt, "csv"));
    if (R->out_failed) return MB_EXIT_USAGE;
    if (!R->D) { fputs("mubiao: out of memory\n", stderr); return MB_EXIT_USAGE; }
    if (!R->streamed && read_data(a, R->D)) return MB_EXIT_USAGE;
    mb_diags_print(stderr, &R->D->diags, color);
    /* the warning about a period past every deadline is shown now (the others already are) */
    const mb_diag *w = mb_report_as_of(&R->asof, a->as_of, key, R->m, R->D);
    if (w) mb_diag_print(stderr, w, color);
    mb_eval_init(&R->e, R->m, R->D, R->asof.key);
    R->e.threads = R->D->threads;
    return 0;
}

static void unload(run *R)
{
    if (R->csv) mb_report_csv_end(R->csv, 0);
    if (R->out_open) mb_cli_out_abort(&R->out);
    free(R->counts);
    mb_data_free(R->D);
    mb_model_free(R->m);
    mb_diags_free(&R->rd);
}

/* A name from the data on the terminal: control characters and invalid UTF-8 made visible,
 * so a name cannot move the cursor or hide itself. */
static void put_name(FILE *out, const char *s, size_t n)
{
    const unsigned char *u = (const unsigned char *)s;
    for (size_t i = 0; i < n;) {
        int32_t cp;
        size_t k = mb_utf8_decode(u + i, n - i, &cp);
        if (!k) fprintf(out, "<0x%02X>", u[i]);
        else if (cp < 0x20 || (cp >= 0x7F && cp < 0xA0) || (cp >= 0x200B && cp <= 0x200F) ||
                 (cp >= 0x202A && cp <= 0x202E) || (cp >= 0x2066 && cp <= 0x2069) || cp == 0xFEFF)
            fprintf(out, "<U+%04X>", (unsigned)cp);
        else fwrite(s + i, 1, k, out);
        i += k ? k : 1;
    }
}

enum { NAMES_SHOWN = 5 };

/* "mubiao: indicators no rule reads: gdp (16 rows), pop (8 rows), and 3 more". Standard error
 * is unbuffered: each piece (a name goes out one character at a time, to be made safe for the
 * terminal) would be a write of its own, and another process writing there could land in the
 * middle of the line. So the line is put together in memory and written with one call. */
static void name_list(const char *what, const mb_map *map)
{
    const char *names[NAMES_SHOWN];
    size_t lens[NAMES_SHOWN], counts[NAMES_SHOWN];
    size_t n = mb_data_top_names(map, NAMES_SHOWN, names, lens, counts);
    if (!n) return;
    char *line = NULL;
    size_t len = 0;
    FILE *out = open_memstream(&line, &len);
    if (!out) out = stderr; /* out of memory: piece by piece, as before */
    fprintf(out, "mubiao: %s: ", what);
    for (size_t i = 0; i < n && i < NAMES_SHOWN; i++) {
        char cut[64];
        if (i) fputs(", ", out);
        mb_shown(cut, 40, names[i], lens[i]);
        put_name(out, cut, strlen(cut));
        fprintf(out, " (%zu row%s)", counts[i], counts[i] == 1 ? "" : "s");
    }
    /* the map keeps the first 1000 names; their rows are counted all the same */
    if (n > NAMES_SHOWN) fprintf(out, ", and %zu more%s", n - NAMES_SHOWN, map->n >= 1000 ? " (at least)" : "");
    fputc('\n', out);
    if (out == stderr) return;
    fclose(out);
    if (line) fwrite(line, 1, len, stderr);
    free(line);
}

static void accounting(const mb_data *D)
{
    const mb_rowcount *c = &D->count;
#define S(n) (n) == 1 ? "" : "s"
    fprintf(stderr, "mubiao: %zu row%s read: %zu used, %zu for indicators no rule reads, %zu for periods no rule "
                    "reads, %zu for regions no plan reads, %zu duplicate%s, %zu rejected; %zu error%s, %zu warning%s\n",
            c->rows, S(c->rows), c->used, c->unused_indicator, c->unused_period, c->unused_region, c->duplicate,
            S(c->duplicate), c->rejected, D->diags.errors, S(D->diags.errors), D->diags.warnings, S(D->diags.warnings));
#undef S
    name_list("indicators no rule reads", &D->unknown);
    name_list("regions no plan reads", &D->unread);
}

static int known_format(const char *fmt)
{
    static const char *const F[] = {"text", "json", "csv", "junit", "summary", "html"};
    for (size_t i = 0; i < sizeof F / sizeof *F; i++)
        if (!strcmp(fmt, F[i])) return 1;
    return 0;
}

/* A run that checked nothing must not pass as green: no verdict at all is an error, and
 * verdicts none of which could be assessed (every one no-data or not assessable) fail unless
 * --fail-on none said that nothing fails. */
static int checked_something(const char *cmd, const mb_tally *t, unsigned fail_mask)
{
    if (!t->verdicts) {
        fprintf(stderr, "mubiao %s: nothing was evaluated: no target of the rules applies to a region in the data\n", cmd);
        return MB_EXIT_USAGE;
    }
    if (fail_mask && t->by_status[MB_ST_NO_DATA] + t->by_status[MB_ST_NOT_ASSESSABLE] == t->verdicts) {
        fprintf(stderr, "mubiao %s: no target could be assessed: %zu verdict%s, none with data to "
                        "judge (no-data or not-assessable)\n", cmd, t->verdicts, t->verdicts == 1 ? "" : "s");
        return MB_EXIT_FAIL;
    }
    return MB_EXIT_OK;
}

/* With --store, the page shows each charted verdict's status in the history's latest run
 * beside the current one (read before this run is appended). */
static mb_tally html(FILE *out, const mb_eval *e, const mb_filter *f, const char *store)
{
    mb_store_prev *p = store ? mb_store_prev_open(store) : NULL;
    mb_prev prev = {mb_store_prev_status, p, p ? mb_store_prev_run(p) : 0, p ? mb_store_prev_time(p) : NULL};
    mb_tally t = mb_report_html_prev(out, e, f, p ? &prev : NULL);
    mb_store_prev_close(p);
    return t;
}

/* The time a run is stored with: now, or SOURCE_DATE_EPOCH (reproducible runs and tests). */
static void run_time(char *buf, size_t n)
{
    const char *env = getenv("SOURCE_DATE_EPOCH");
    char *end = NULL;
    long long s = env ? strtoll(env, &end, 10) : 0;
    time_t t = env && *env && !*end && s >= 0 ? (time_t)s : time(NULL);
    struct tm tm;
    if (!gmtime_r(&t, &tm) || !strftime(buf, n, "%Y-%m-%dT%H:%M:%SZ", &tm)) snprintf(buf, n, "?");
}

/* --diagnostics: the rules' and the submissions' diagnostics in one file, in the formats
 * check writes (ci_out.h), so that CI annotates a changed CSV row as it does a rule. */
static int write_diags(const eval_args *a, run *R, int rc)
{
    if (!a->diagnostics) return rc;
    const char *fmt = a->diag_format ? a->diag_format : "sarif";
    mb_diags all;
    mb_diags_init(&all, 0);
    mb_diags_take(&all, &R->rd);
    if (R->D) {
        size_t errors = R->D->diags.errors; /* the exit status was decided with them */
        mb_diags_take(&all, &R->D->diags);
        R->D->diags.errors = errors;
    }
    mb_diags_sort(&all);
    mb_out out;
    int bad = mb_cli_out_open(&out, strcmp(a->diagnostics, "-") ? a->diagnostics : NULL, R->m, R->D);
    if (!bad) {
        if (!strcmp(fmt, "sarif")) {
            /* ok: every file was read (errors in them are results, not a failed run) */
            mb_ci_run cr = {.docs_url = NULL, .exit_code = rc,
                            .ok = !(R->m && R->m->io_error) && !(R->D && R->D->io_error)};
            mb_ci_print_sarif(out.f, &all, &cr);
        } else if (!strcmp(fmt, "github")) mb_ci_print_github(out.f, &all);
        else if (!strcmp(fmt, "json")) { mb_diags_print_json(out.f, &all); fputc('\n', out.f); }
        else mb_diags_print(out.f, &all, 0);
        bad = mb_cli_out_commit(&out);
    }
    mb_diags_free(&all);
    return bad ? MB_EXIT_USAGE : rc;
}

static int store_run(const char *path, const mb_eval *e, const mb_filter *f)
{
    char when[32], err[512];
    long long id;
    run_time(when, sizeof when);
    if (mb_store_append(path, e, f, when, &id, err, sizeof err)) {
        mb_cli_error("eval", "--store '%s': %s (the history is left as it was)", path, err);
        return MB_EXIT_USAGE;
    }
    fputs("mubiao: run ", stderr);
    fprintf(stderr, "%lld stored in '", id);
    mb_term_puts(stderr, path);
    fputs("'\n", stderr);
    return MB_EXIT_OK;
}

/* eval, and merge (shards' reports instead of --data: the same options, the same reports). */
int mb_cli_eval_run(const char *cmd, int argc, char **argv, const char *usage)
{
    eval_args a;
    int rc = parse(cmd, argc, argv, strcmp(cmd, "merge") ? EVAL_OPTS : MERGE_OPTS, usage, &a);
    if (rc) { args_free(&a); return rc < 0 ? MB_EXIT_OK : rc; }
    const char *fmt = a.format ? a.format : "text";
    unsigned mask;
    unsigned attrs;
    /* by default missed and error: an error verdict (values submitted but unusable) must not
     * pass a CI gate unnoticed */
    unsigned dflt = 1u << MB_ST_MISSED | 1u << MB_ST_ERROR;
    if (mb_cli_fail_on(cmd, a.fail_on, a.nfail_on, MB_ST_EVAL_COUNT, dflt, &mask) || where_mask(cmd, &a, &attrs)) {
        args_free(&a);
        return MB_EXIT_USAGE;
    }
    if (a.diag_format && strcmp(a.diag_format, "sarif") && strcmp(a.diag_format, "github") &&
        strcmp(a.diag_format, "json") && strcmp(a.diag_format, "text")) {
        args_free(&a);
        return mb_cli_usage_error(cmd, "unknown --diag-format '%s' (sarif, github, json or text)", a.diag_format);
    }
    if (a.diag_format && !a.diagnostics) {
        args_free(&a);
        return mb_cli_usage_error(cmd, "--diag-format goes with --diagnostics FILE");
    }
    if (a.diagnostics && !strcmp(a.diagnostics, "-") && (!a.output || !strcmp(a.output, "-"))) {
        args_free(&a);
        return mb_cli_usage_error(cmd, "--diagnostics - needs the report elsewhere: add --output FILE");
    }
    int trace = mb_args_count(&a.a, O_TRACE) > 0;
    if (trace && strcmp(fmt, "json")) {
        args_free(&a);
        return mb_cli_usage_error(cmd, "--trace goes with --format json");
    }
    if (a.shard && strcmp(fmt, "json")) {
        args_free(&a);
        return mb_cli_usage_error(cmd, "--shard writes the JSON report with the shard's part of the run for "
                                       "'mubiao merge': add --format json");
    }
    if (!known_format(fmt)) {
        args_free(&a);
        return mb_cli_usage_error(cmd, "unknown format '%s' (text, json, csv, junit, summary or html)", fmt);
    }
    int color = mb_cli_color(stderr);
    run R;
    mb_filter f = {a.plans, a.nplans, a.regions, a.nregions, a.categories, a.ncategories,
                   a.owners,  a.nowners, a.rule_ids, a.nrule_ids, mask, &R.asof, attrs};
    rc = load(cmd, &a, &R, color, fmt, &f);
    if (rc) { rc = write_diags(&a, &R, rc); unload(&R); args_free(&a); return rc; }
    mb_out out = R.out;
    /* a shard holds some regions only: whether the filters name something is merge's to say */
    int opened = R.out_open, bad = a.shard ? 0 : mb_cli_check_selection(cmd, &R.e, &f);
    R.out_open = 0; /* out is this function's now */
    if (opened && (bad || mb_cli_out_recheck(&out, R.m, R.D))) {
        if (!bad) bad = 1; /* said by the recheck, which closed the output */
        else mb_cli_out_abort(&out);
        opened = 0;
    }
    if (bad || (!opened && mb_cli_out_open(&out, a.output, R.m, R.D))) {
        accounting(R.D);
        unload(&R);
        args_free(&a);
        return MB_EXIT_USAGE;
    }
    mb_tally t;
    /* CSV, JSON and JUnit carry names as they are; on a terminal they are cleaned like the
     * text report (which cleans its own cells, around its colours) */
    FILE *term = strcmp(fmt, "text") && isatty(fileno(out.f)) ? mb_cli_term_stream(out.f) : NULL, *rep = term ? term : out.f;
    if (!strcmp(fmt, "csv") && R.streamed) {
        t = R.st.t;
        t.error |= mb_report_csv_end(R.csv, 1);
        R.csv = NULL;
    } else if (!strcmp(fmt, "csv")) t = mb_report_csv(rep, &R.e, &f);
    else if (!strcmp(fmt, "json") && a.shard) t = mb_cli_shard_json(rep, &R.e, &f, trace);
    else if (!strcmp(fmt, "json")) t = mb_report_json(rep, &R.e, &f, trace);
    else if (!strcmp(fmt, "junit")) t = mb_report_junit(rep, &R.e, &f);
    else if (!strcmp(fmt, "summary") && R.streamed) {
        t = R.st.t;
        mb_report_summary_print(rep, R.m, &f, R.counts);
    } else if (!strcmp(fmt, "summary")) t = mb_report_summary(rep, &R.e, &f);
    else if (!strcmp(fmt, "html")) t = html(rep, &R.e, &f, a.store);
    else t = mb_report_text(out.f, &R.e, &f, !out.path && mb_cli_color(stdout));
    if (term) fclose(term); /* a failed write shows as an error on out.f */
    if (t.error && !ferror(out.f)) { /* a failed write is said by the commit, with its cause */
        fputs("mubiao: out of memory while writing the report\n", stderr);
        mb_cli_out_abort(&out);
        rc = MB_EXIT_USAGE;
    } else {
        rc = mb_cli_out_commit(&out) ? MB_EXIT_USAGE : 0;
    }
    if (!rc && a.store) rc = store_run(a.store, &R.e, &f);
    accounting(R.D);
    if (!rc) rc = R.D->diags.errors || R.D->io_error ? MB_EXIT_USAGE : t.failing ? MB_EXIT_FAIL : MB_EXIT_OK;
    if (!rc && !a.shard) rc = checked_something(cmd, &t, mask); /* a shard may hold no region: merge judges */
    rc = write_diags(&a, &R, rc);
    unload(&R);
    args_free(&a);
    return rc;
}

int mb_cmd_eval(int argc, char **argv)
{
    return mb_cli_eval_run("eval", argc, argv, USAGE);
}

int mb_cmd_explain(int argc, char **argv)
{
    eval_args a;
    int rc = parse("explain", argc, argv, EXPLAIN_OPTS, EXPLAIN_USAGE, &a);
    if (rc) { args_free(&a); return rc < 0 ? MB_EXIT_OK : rc; }
    if (a.format && strcmp(a.format, "text")) {
        args_free(&a);
        return mb_cli_usage_error("explain", "explain writes text only; --format '%s' is for eval", a.format);
    }
    if (a.nrule_ids != 1 || a.nregions != 1) {
        args_free(&a);
        return mb_cli_usage_error("explain", "name one rule with --rule ID and one region with --region NAME");
    }
    run R;
    rc = load("explain", &a, &R, mb_cli_color(stderr), NULL, NULL);
    const mb_rule *rule = NULL;
    for (size_t i = 0; !rc && i < R.m->nrules; i++)
        if (mb_name_eq(R.m->rules[i]->id, strlen(R.m->rules[i]->id), a.rule_ids[0], strlen(a.rule_ids[0])))
            rule = R.m->rules[i];
    long region = rc ? -1 : mb_data_region(R.D, a.regions[0]);
    if (!rc && !rule) rc = mb_cli_name_known("explain", &R.e, "--rule", a.rule_ids[0]);
    else if (!rc && region < 0) rc = mb_cli_name_known("explain", &R.e, "--region", a.regions[0]);
    mb_out out;
    if (!rc && mb_cli_out_open(&out, a.output, R.m, R.D)) rc = MB_EXIT_USAGE;
    if (!rc) {
        /* labels, phrases, names and values quoted from the inputs: cleaned for a terminal */
        FILE *t = mb_cli_term_stream(out.f);
        if (!t) {
            fputs("mubiao: out of memory\n", stderr);
            mb_cli_out_abort(&out);
            rc = MB_EXIT_USAGE;
        } else {
            mb_report_explain(t, &R.e, rule, (size_t)region);
            fclose(t); /* a failed write shows as an error on out.f, said by the commit */
            rc = mb_cli_out_commit(&out) ? MB_EXIT_USAGE : R.D->diags.errors ? MB_EXIT_USAGE : MB_EXIT_OK;
        }
    }
    unload(&R);
    args_free(&a);
    return rc;
}
