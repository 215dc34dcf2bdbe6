/* main.c — the mubiao command: dispatch to a subcommand. */
#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "cli.h"

static const char USAGE[] =
    "usage: mubiao COMMAND [OPTIONS] [ARGS]\n"
    "\n"
    "Check policy targets stated as rules against the statistics regions submit.\n"
    "\n"
    "Commands:\n"
    "  check    parse and check rule files (syntax, names, units, contradictions)\n"
    "  eval     evaluate rules against submitted data and report verdicts\n"
    "  explain  show how one rule's verdict for one region was reached\n"
    "  merge    put the reports of 'eval --shard K/N' back into the report of one run\n"
    "  history  list the runs stored with 'eval --store', or one target's verdicts over them\n"
    "  diff     what changed between two stored runs (newly missed, recovered, ...)\n"
    "  fmt      write rule files in their canonical layout (--check, --diff, --write)\n"
    "  test     run the tests of rule files (*_test.mb), with --coverage\n"
    "  draft    draft a rule file from a plan's text or saved web page, for review\n"
    "  lsp      serve the Language Server Protocol on stdin/stdout, for editors\n"
    "  sql      compile rules into one SQL script computing the verdicts in a database\n"
    "           (--run: run it in PostgreSQL and report its verdicts as eval does)\n"
    "\n"
    "Options:\n"
    "  -h, --help     show this help (and 'mubiao COMMAND --help' for a command)\n"
    "  -V, --version  show the version\n"
    "\n"
    "Exit status: check: 0 no errors, 1 errors in the rules, 2 usage or unreadable files;\n"
    "fmt: 0 formatted, 1 with --check/--diff some file is not, 2 errors;\n"
    "test: 0 every expectation holds, 1 some do not (or coverage below --threshold), 2 errors;\n"
    "eval: 0 no verdict in --fail-on (default missed,error), 1 some are, 2 errors in the\n"
    "rules or the data, or usage; explain: 0, or 2 as eval; merge: as eval; draft: 0, or 2 for an unusable\n"
    "plan or usage; lsp: 0 after shutdown and exit, 1 when the client left without them;\n"
    "history, diff: 0, or 2 for a file that is not a history, or usage; sql: as check\n"
    "(with --run: see 'mubiao sql --help').\n"
    "Every command exits 2 when its output could not be written whole.\n";

/* Whatever a command printed on standard output (a report, help, a summary) must have
 * reached it whole: a full disk or a closed file is an error, not a silent exit 0. */
static int close_stdout(int rc)
{
    errno = 0;
    int bad = fflush(stdout) != 0;
    int e = errno;
    bad |= ferror(stdout) != 0;
    if (fclose(stdout) != 0 && !bad) { bad = 1; e = errno; }
    if (!bad) return rc;
    fprintf(stderr, "mubiao: error: standard output could not be written whole: %s\n",
            e ? strerror(e) : "write error");
    return MB_EXIT_USAGE;
}


static int run(int argc, char **argv)
{
    if (argc < 2) {
        fputs(USAGE, stderr);
        return MB_EXIT_USAGE;
    }
    const char *cmd = argv[1];
    if (!strcmp(cmd, "-h") || !strcmp(cmd, "--help") || !strcmp(cmd, "help")) {
        fputs(USAGE, stdout);
        return MB_EXIT_OK;
    }
    if (!strcmp(cmd, "-V") || !strcmp(cmd, "--version")) {
        printf("mubiao %s\n", MB_VERSION);
        return MB_EXIT_OK;
    }
    if (!strcmp(cmd, "check")) return mb_cmd_check(argc - 1, argv + 1);
    if (!strcmp(cmd, "eval")) return mb_cmd_eval(argc - 1, argv + 1);
    if (!strcmp(cmd, "explain")) return mb_cmd_explain(argc - 1, argv + 1);
    if (!strcmp(cmd, "merge")) return mb_cmd_merge(argc - 1, argv + 1);
    if (!strcmp(cmd, "history")) return mb_cmd_history(argc - 1, argv + 1);
    if (!strcmp(cmd, "diff")) return mb_cmd_diff(argc - 1, argv + 1);
    if (!strcmp(cmd, "fmt")) return mb_cmd_fmt(argc - 1, argv + 1);
    if (!strcmp(cmd, "test")) return mb_cmd_test(argc - 1, argv + 1);
    if (!strcmp(cmd, "draft")) return mb_cmd_draft(argc - 1, argv + 1);
    if (!strcmp(cmd, "lsp")) return mb_cmd_lsp(argc - 1, argv + 1);
    if (!strcmp(cmd, "sql")) return mb_cmd_sql(argc - 1, argv + 1);
    fputs("mubiao: unknown command '", stderr);
    mb_term_puts(stderr, cmd);
    fprintf(stderr, "'\n\n%s", USAGE);
    return MB_EXIT_USAGE;
}

int main(int argc, char **argv)
{
    return close_stdout(run(argc, argv));
}
