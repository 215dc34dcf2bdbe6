/* cmd_store.c — mubiao history and mubiao diff: reading the verdict history that
 * 'eval --store FILE' appends to (docs/store.md). */
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "store.h"

static const char HISTORY_USAGE[] =
    "usage: mubiao history DB [--rule ID] [--region NAME] [--format text|json]\n"
    "\n"
    "List the runs stored in DB by 'mubiao eval --store DB' (time, as-of, verdict counts,\n"
    "rule files and submissions with the start of their SHA-256), or, with --rule and/or\n"
    "--region, that target's verdicts run after run (status, actual, target).\n"
    "\n"
    "Options:\n"
    "  --rule ID          one rule's verdicts (as stored: the rule id exactly)\n"
    "  --region NAME      one region's verdicts (the region name exactly)\n"
    "  --format FORMAT    text (default) or json\n"
    "  -h, --help         show this help\n"
    "\n"
    "Exit status: 0 listed; 2 a file that is not a history, no verdict for the rule and\n"
    "region, or a usage error.\n";

static const char DIFF_USAGE[] =
    "usage: mubiao diff DB [RUN_A RUN_B] [--format text|json]\n"
    "\n"
    "What changed from run RUN_A to run RUN_B of the history DB (default: the last two\n"
    "runs), verdict by verdict (rule, region, milestone): newly-missed, newly-at-risk\n"
    "(needs-acceleration, limited-progress, regressing or error), recovered, progress-class-\n"
    "moved, status-changed, value-changed (same status, another actual value), new, gone.\n"
    "\n"
    "Options:\n"
    "  --format FORMAT    text (default) or json\n"
    "  -h, --help         show this help\n"
    "\n"
    "Exit status: 0 compared (changes or not); 2 a file that is not a history, a run that\n"
    "is not in it, fewer than two runs, or a usage error.\n";

enum { O_RULE, O_REGION, O_FORMAT };
static const mb_opt HISTORY_OPTS[] = {
    {"rule", 1, "a rule id"}, {"region", 1, "a region name"}, {"format", 1, "text or json"}, {NULL, 0, NULL}};
static const mb_opt DIFF_OPTS[] = {{"", 0, NULL}, {"", 0, NULL}, {"format", 1, "text or json"}, {NULL, 0, NULL}};

static int json_format(const char *cmd, const char *fmt, int *json)
{
    *json = fmt && !strcmp(fmt, "json");
    if (fmt && !*json && strcmp(fmt, "text")) return mb_cli_usage_error(cmd, "unknown format '%s' (text or json)", fmt);
    return 0;
}

int mb_cmd_history(int argc, char **argv)
{
    mb_args a;
    int rc = mb_cli_parse("history", argc, argv, HISTORY_OPTS, HISTORY_USAGE, &a);
    if (rc) return rc < 0 ? MB_EXIT_OK : rc;
    const char *rule = NULL, *region = NULL, *fmt = NULL;
    int json = 0;
    if (mb_args_one("history", &a, HISTORY_OPTS, O_RULE, &rule) || mb_args_one("history", &a, HISTORY_OPTS, O_REGION, &region) ||
        mb_args_one("history", &a, HISTORY_OPTS, O_FORMAT, &fmt) || json_format("history", fmt, &json))
        rc = MB_EXIT_USAGE;
    else if (a.noperands != 1) rc = mb_cli_usage_error("history", "name one history database");
    if (!rc) {
        char err[512];
        if (mb_store_history(stdout, a.operands[0], rule, region, json, err, sizeof err)) {
            mb_cli_error("history", "%s: %s", a.operands[0], err);
            rc = MB_EXIT_USAGE;
        }
    }
    mb_args_free(&a);
    return rc;
}

static int run_id(const char *s, long long *out)
{
    char *end;
    long long v = strtoll(s, &end, 10);
    if (!*s || *end || v <= 0) return -1;
    *out = v;
    return 0;
}

int mb_cmd_diff(int argc, char **argv)
{
    mb_args a;
    int rc = mb_cli_parse("diff", argc, argv, DIFF_OPTS, DIFF_USAGE, &a);
    if (rc) return rc < 0 ? MB_EXIT_OK : rc;
    const char *fmt = NULL;
    int json = 0;
    long long ra = 0, rb = 0;
    if (mb_args_one("diff", &a, DIFF_OPTS, O_FORMAT, &fmt) || json_format("diff", fmt, &json)) rc = MB_EXIT_USAGE;
    else if (a.noperands != 1 && a.noperands != 3)
        rc = mb_cli_usage_error("diff", "name a history database, and two runs or none (the last two)");
    else if (a.noperands == 3 && (run_id(a.operands[1], &ra) || run_id(a.operands[2], &rb)))
        rc = mb_cli_usage_error("diff", "runs are numbers as 'mubiao history' lists them ('%s', '%s')", a.operands[1],
                                a.operands[2]);
    if (!rc) {
        char err[512];
        if (mb_store_diff(stdout, a.operands[0], ra, rb, json, err, sizeof err)) {
            mb_cli_error("diff", "%s: %s", a.operands[0], err);
            rc = MB_EXIT_USAGE;
        }
    }
    mb_args_free(&a);
    return rc;
}
