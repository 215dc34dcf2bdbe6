/* common.c — helpers the subcommands share. */
#include <stdarg.h>
#include <stdlib.h>
#include <unistd.h>

#include "cli.h"

int mb_cli_usage_error(const char *cmd, const char *fmt, ...)
{
    va_list ap;
    fprintf(stderr, "mubiao %s: ", cmd);
    va_start(ap, fmt);
    vfprintf(stderr, fmt, ap);
    va_end(ap);
    fprintf(stderr, "\nTry 'mubiao %s --help'.\n", cmd);
    return MB_EXIT_USAGE;
}

int mb_cli_color(FILE *f)
{
    const char *nc = getenv("NO_COLOR");
    return isatty(fileno(f)) && !(nc && *nc);
}

int mb_cli_load_rules(char **paths, int n, mb_diags *d, mb_model **out)
{
    mb_model *m = mb_model_new();
    *out = m;
    if (!m) {
        mb_diag_add(d, MB_SEV_ERROR, mb_span_none(), "out of memory");
        return MB_EXIT_USAGE;
    }
    for (int i = 0; i < n; i++) mb_model_load(m, paths[i], d);
    if (d->oom) return MB_EXIT_USAGE;
    if (m->io_error) return MB_EXIT_USAGE;
    if (d->errors) return MB_EXIT_FAIL; /* syntax errors: resolving would only add noise */
    return mb_model_check(m, d) ? MB_EXIT_FAIL : MB_EXIT_OK;
}
