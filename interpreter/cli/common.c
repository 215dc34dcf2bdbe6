/* common.c — helpers the subcommands share. */
#include <stdarg.h>
#include <stdlib.h>
#include <errno.h>
#include <signal.h>
#include <string.h>
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

/* The temporary file being written, so an interrupt can remove it: the old report is whole
 * anyway (it is only replaced by rename), and no half-written temporary is left behind. */
static char *volatile pending_tmp;

static void on_signal(int sig)
{
    char *t = pending_tmp;
    if (t) unlink(t);
    signal(sig, SIG_DFL);
    raise(sig);
}

static void watch_signals(char *tmp)
{
    pending_tmp = tmp;
    if (!tmp) return;
    signal(SIGINT, on_signal);
    signal(SIGTERM, on_signal);
    signal(SIGHUP, on_signal);
    signal(SIGPIPE, on_signal);
}

int mb_cli_out_open(mb_out *o, const char *path)
{
    o->path = path;
    o->tmp = NULL;
    o->f = stdout;
    if (!path || !strcmp(path, "-")) { o->path = NULL; return 0; }
    size_t n = strlen(path) + 16;
    o->tmp = malloc(n);
    if (!o->tmp) return -1;
    snprintf(o->tmp, n, "%s.tmp.XXXXXX", path);
    int fd = mkstemp(o->tmp);
    if (fd < 0 || !(o->f = fdopen(fd, "w"))) {
        fprintf(stderr, "mubiao: cannot write '%s': %s\n", path, strerror(errno));
        if (fd >= 0) { close(fd); unlink(o->tmp); }
        free(o->tmp);
        o->tmp = NULL;
        return -1;
    }
    watch_signals(o->tmp);
    return 0;
}

int mb_cli_out_commit(mb_out *o)
{
    if (!o->path) return fflush(stdout) == 0 ? 0 : -1;
    watch_signals(NULL);
    int bad = fflush(o->f) != 0 || ferror(o->f) || fsync(fileno(o->f)) != 0;
    bad |= fclose(o->f) != 0;
    if (!bad && rename(o->tmp, o->path) == 0) { free(o->tmp); o->tmp = NULL; return 0; }
    fprintf(stderr, "mubiao: cannot write '%s': %s\n", o->path, strerror(errno));
    unlink(o->tmp);
    free(o->tmp);
    o->tmp = NULL;
    return -1;
}

void mb_cli_out_abort(mb_out *o)
{
    if (!o->path || !o->tmp) return;
    watch_signals(NULL);
    fclose(o->f);
    unlink(o->tmp);
    free(o->tmp);
    o->tmp = NULL;
}
