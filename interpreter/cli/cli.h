/* cli.h — shared by the subcommands of the mubiao command. */
#ifndef MB_CLI_H
#define MB_CLI_H

#include <stdio.h>

#include "diag.h"
#include "model.h"

enum { MB_EXIT_OK = 0, MB_EXIT_FAIL = 1, MB_EXIT_USAGE = 2 };

int mb_cmd_check(int argc, char **argv);
int mb_cmd_eval(int argc, char **argv);
int mb_cmd_explain(int argc, char **argv);

/* "mubiao check: msg" on stderr plus a pointer to --help; returns MB_EXIT_USAGE. */
int mb_cli_usage_error(const char *cmd, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* Colour on stderr only when it is a terminal and NO_COLOR is unset. */
int mb_cli_color(FILE *f);
/* Load and check the rule files; diagnostics go into d. Returns 0, 1 (rule errors) or 2
 * (a file could not be read). *out is set whenever a model was built. */
int mb_cli_load_rules(char **paths, int n, mb_diags *d, mb_model **out);

/* Reports are written to a temporary file beside the target and renamed into place, so an
 * interrupted run never leaves a half-written report where the old one was. */
typedef struct mb_out {
    FILE *f;
    const char *path;   /* NULL: standard output */
    char *tmp;
} mb_out;
int mb_cli_out_open(mb_out *o, const char *path);   /* 0, or -1 with a message printed */
int mb_cli_out_commit(mb_out *o);                   /* 0, or -1 with a message printed */
void mb_cli_out_abort(mb_out *o);

#endif
