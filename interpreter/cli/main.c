/* main.c — the mubiao command: dispatch to a subcommand. */
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
    "\n"
    "Options:\n"
    "  -h, --help     show this help (and 'mubiao COMMAND --help' for a command)\n"
    "  -V, --version  show the version\n"
    "\n"
    "Exit status: 0 success, 1 errors in the rules or failing verdicts, 2 usage,\n"
    "unreadable files or bad data.\n";

int main(int argc, char **argv)
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
    fprintf(stderr, "mubiao: unknown command '%s'\n\n%s", cmd, USAGE);
    return MB_EXIT_USAGE;
}
