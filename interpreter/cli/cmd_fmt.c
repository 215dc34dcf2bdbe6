/* cmd_fmt.c — mubiao fmt: rule files in their canonical layout (tools/fmt.h). */
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cli.h"
#include "fmt.h"

static const char USAGE[] =
    "usage: mubiao fmt [--check] [--diff] [--write] FILE|DIR|-...\n"
    "\n"
    "Write rule files in their canonical layout: one statement after another, clauses in\n"
    "one order, one space between tokens, plan properties aligned (by display width: a\n"
    "CJK character is two columns), long clause lines split; comments and blank-line\n"
    "groups are kept. Formatting never changes what a file means (the result is parsed\n"
    "again and must give the same tree), and formatting a formatted file changes nothing.\n"
    "A folder stands for every .mb file under it; '-' reads standard input.\n"
    "\n"
    "Options:\n"
    "  (none)    print the formatted text on standard output\n"
    "  --check   print the name of each file that is not formatted; change nothing\n"
    "  --diff    print a unified diff from each file to its formatted text\n"
    "  --write   replace each file that is not formatted, atomically (a temporary file in\n"
    "            the same folder, synced, then renamed over it): on any error the file\n"
    "            stays as it was. A file with syntax errors is never written.\n"
    "  -h, --help  show this help\n"
    "\n"
    "--check and --diff may be given together; --write may be given with either.\n"
    "\n"
    "Exit status: 0 every file formatted (or written), 1 with --check or --diff when some\n"
    "file is not formatted, 2 syntax errors, an unreadable or unwritable file, or usage.\n";

enum { O_CHECK, O_DIFF, O_WRITE };
static const mb_opt OPTS[] = {{"check", 0, NULL}, {"diff", 0, NULL}, {"write", 0, NULL}, {NULL, 0, NULL}};

typedef struct fmt_run {
    int check, diff, write;
    FILE *out;          /* standard output, cleaned when it is a terminal */
    int changed, failed;
    size_t stall_at;    /* tests: stop while writing (MB_TEST_FMT_STALL_AT) */
} fmt_run;

static void file_error(const char *path, const char *what, const char *why)
{
    fputs("mubiao fmt: ", stderr);
    mb_term_puts(stderr, path);
    fprintf(stderr, ": %s: %s\n", what, why);
}

/* One file: formatted, then printed, listed, diffed or written. */
static void one(fmt_run *r, const char *path)
{
    size_t n = 0, fn = 0;
    const char *why = NULL;
    char *src = mb_fmt_read(path, &n, &why);
    if (!src) { file_error(path, "cannot read", why); r->failed = 1; return; }
    const char *shown = strcmp(path, "-") ? path : "<stdin>";
    mb_text t = {shown, src, n};
    mb_diags d;
    mb_diags_init(&d, 50);
    char *out = NULL;
    int rc = mb_fmt_text(&t, &d, &out, &fn);
    mb_diags_sort(&d);
    mb_diags_print(stderr, &d, mb_cli_color(stderr));
    mb_diags_free(&d);
    if (rc) {
        if (rc == MB_FMT_SYNTAX) file_error(path, "not formatted", "it has syntax errors");
        else if (rc == MB_FMT_OOM) file_error(path, "not formatted", "out of memory");
        else file_error(path, "not formatted", "the canonical layout would change its meaning (a bug: please report it)");
        r->failed = 1;
        free(src);
        return;
    }
    int same = fn == n && !memcmp(src, out, n);
    if (!same) r->changed = 1;
    if (!r->check && !r->diff && !r->write) fwrite(out, 1, fn, r->out);
    if (r->check && !same) {
        mb_term_puts(r->out, shown);
        fputc('\n', r->out);
    }
    if (r->diff && !same && mb_fmt_diff(r->out, shown, src, n, shown, out, fn)) {
        file_error(path, "no diff", "out of memory or output error");
        r->failed = 1;
    }
    if (r->write && !same) {
        int e = strcmp(path, "-") ? mb_fmt_write_atomic(path, out, fn, r->stall_at) : 0;
        if (e) { file_error(path, "not written (left as it was)", strerror(e)); r->failed = 1; }
        else if (!strcmp(path, "-")) fwrite(out, 1, fn, r->out);
    }
    free(src);
    free(out);
}

/* A folder: every rule file under it. */
static void folder(fmt_run *r, const char *dir)
{
    char **v = NULL;
    size_t n = 0;
    int e = mb_fmt_list_dir(dir, &v, &n);
    if (e) { file_error(dir, "cannot list", strerror(e)); r->failed = 1; }
    for (size_t i = 0; i < n; i++) {
        if (!e) one(r, v[i]);
        free(v[i]);
    }
    free(v);
}

static int is_dir(const char *p)
{
    struct stat st;
    return strcmp(p, "-") && stat(p, &st) == 0 && S_ISDIR(st.st_mode);
}

int mb_cmd_fmt(int argc, char **argv)
{
    mb_args a;
    int pr = mb_cli_parse("fmt", argc, argv, OPTS, USAGE, &a);
    if (pr) return pr < 0 ? MB_EXIT_OK : pr;
    fmt_run r = {.check = mb_args_count(&a, O_CHECK) > 0, .diff = mb_args_count(&a, O_DIFF) > 0,
                 .write = mb_args_count(&a, O_WRITE) > 0, .out = stdout};
    const char *stall = getenv("MB_TEST_FMT_STALL_AT");
    if (stall) r.stall_at = strtoul(stall, NULL, 10);
    int stdin_seen = 0;
    for (int i = 0; i < a.noperands; i++)
        if (!strcmp(a.operands[i], "-") && stdin_seen++) {
            mb_args_free(&a);
            return mb_cli_usage_error("fmt", "standard input ('-') given twice");
        }
    if (!a.noperands) { mb_args_free(&a); return mb_cli_usage_error("fmt", "no rule file given"); }
    FILE *clean = isatty(STDOUT_FILENO) ? mb_cli_term_stream(stdout) : NULL;
    if (clean) r.out = clean;
    for (int i = 0; i < a.noperands; i++) {
        if (is_dir(a.operands[i])) folder(&r, a.operands[i]);
        else one(&r, a.operands[i]);
    }
    if (clean) fclose(clean);
    mb_args_free(&a);
    if (r.failed) return MB_EXIT_USAGE;
    return (r.check || r.diff) && r.changed ? MB_EXIT_FAIL : MB_EXIT_OK;
}
