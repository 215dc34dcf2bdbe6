/* common.c — helpers the subcommands share. */
#include <stdarg.h>
#include <stdlib.h>
#include <errno.h>
#include <signal.h>
#include <string.h>
#include <unistd.h>

#include "cli.h"

static void verror(const char *cmd, const char *fmt, va_list ap)
{
    char small[512], *buf = small;
    va_list ap2;
    va_copy(ap2, ap);
    int n = vsnprintf(small, sizeof small, fmt, ap2);
    va_end(ap2);
    if (n < 0) n = 0;
    if ((size_t)n >= sizeof small && (buf = malloc((size_t)n + 1))) vsnprintf(buf, (size_t)n + 1, fmt, ap);
    if (!buf) { buf = small; n = (int)strlen(small); }
    fprintf(stderr, "mubiao %s: ", cmd);
    mb_term_put(stderr, buf, (size_t)n);
    fputc('\n', stderr);
    if (buf != small) free(buf);
}

void mb_cli_error(const char *cmd, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    verror(cmd, fmt, ap);
    va_end(ap);
}

int mb_cli_usage_error(const char *cmd, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    verror(cmd, fmt, ap);
    va_end(ap);
    fprintf(stderr, "Try 'mubiao %s --help'.\n", cmd);
    return MB_EXIT_USAGE;
}

int mb_cli_color(FILE *f)
{
    const char *nc = getenv("NO_COLOR");
    return isatty(fileno(f)) && !(nc && *nc);
}

size_t mb_cli_threads(void)
{
    const char *env = getenv("MB_THREADS");
    return env && atoi(env) == 1 ? 1 : 0;
}

int mb_cli_stream(void)
{
    const char *env = getenv("MB_STREAM");
    return !(env && !strcmp(env, "0"));
}

int mb_cli_load_rules(char **paths, int n, mb_diags *d, mb_model **out)
{
    mb_model *m = mb_model_new();
    *out = m;
    if (!m) {
        mb_diag_add(d, MB_D_OUT_OF_MEMORY, mb_span_none(), "out of memory");
        return MB_EXIT_USAGE;
    }
    for (int i = 0; i < n; i++) mb_model_load(m, paths[i], d);
    if (d->oom) return MB_EXIT_USAGE;
    if (m->io_error) return MB_EXIT_USAGE;
    if (d->errors) return MB_EXIT_FAIL; /* syntax errors: resolving would only add noise */
    return mb_model_check(m, d) ? MB_EXIT_FAIL : MB_EXIT_OK;
}

int mb_cli_fail_on(const char *cmd, const char *const *specs, size_t n, int nstatus, unsigned dflt, unsigned *mask)
{
    *mask = n ? 0 : dflt;
    for (size_t k = 0; k < n; k++)
        for (const char *p = specs[k];;) {
            size_t len = strcspn(p, ",");
            const char *t = p, *end = p + len;
            while (t < end && (*t == ' ' || *t == '\t')) t++;
            while (end > t && (end[-1] == ' ' || end[-1] == '\t')) end--;
            int s = mb_status_parse(t, (size_t)(end - t));
            if (s >= 0 && s < nstatus) *mask |= 1u << s;
            else if (!(end - t == 4 && !memcmp(t, "none", 4))) {
                char valid[256] = "";
                for (int i = 0; i < nstatus; i++) {
                    strcat(valid, mb_status_name((mb_status)i));
                    strcat(valid, ", ");
                }
                return mb_cli_usage_error(cmd, "--fail-on: '%.*s' is not a status (%snone)", (int)(end - t), t, valid);
            }
            if (!p[len]) break;
            p += len + 1;
        }
    return 0;
}
