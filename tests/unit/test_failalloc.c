/* test_failalloc.c — every allocation of the library can fail, one at a time.
 *
 * For n = 1, 2, 3, ... the n-th allocation made through mb_malloc / mb_calloc / mb_realloc
 * fails (mb_failalloc_set, MB_FAILALLOC builds only), during
 *   - reading, parsing and checking real rule files with imports
 *     (tests/data/every_construct.mb, rules/nantong_2018.mb), and
 *   - reading a folder of submissions (two CSV files and a JSON file) into the store, the
 *     cross-value data checks, and evaluating every rule into a CSV report and a JSON report
 *     with traces (tests/data/eval_forms.*),
 * until a run makes fewer than n allocations (nothing failed: the run must then equal the
 * reference run). Each n runs in a child process of its own, so that for every n where the
 * allocation did fail we can tell:
 *   - nothing crashed (a signal names the n);
 *   - the failure was clean: "out of memory" among the diagnostics and a failure returned,
 *     never a checked model; for data, such a diagnostic, or a report identical to the
 *     reference (a failure absorbed without effect) -- never other verdicts without an
 *     error, i.e. never a verdict from data that could not be stored;
 *   - under AddressSanitizer, nothing leaked (LeakSanitizer runs in the child).
 *
 * MB_FAILALLOC_ALL=1 lists every broken n instead of stopping at the first.
 *
 * Built against mubiao_core_failalloc, the copy of the library compiled with MB_FAILALLOC
 * that every test build makes (top-level CMakeLists.txt); it does not compile without. */
#define _GNU_SOURCE
#include <criterion/criterion.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "data.h"
#include "eval.h"
#include "model.h"
#include "report.h"
#include "support.h"
#include "xalloc.h"

#ifndef MB_FAILALLOC
#error "test_failalloc needs the library built with MB_FAILALLOC (tests/CMakeLists.txt links it so)"
#else

/* LeakSanitizer, when linked in: the end-of-process check, on demand (exits nonzero). */
void __lsan_do_leak_check(void) __attribute__((weak));

enum { MAX_N = 100000 };
enum { CHILD_OK = 0, CHILD_BROKEN = 3, CHILD_WHOLE = 4, LSAN_EXIT = 23 };

static int keep_going(void)
{
    const char *e = getenv("MB_FAILALLOC_ALL");
    return e && *e == '1';
}

/* Each n runs in a fresh process: this test binary again, with MB_FAILALLOC_CHILD=KIND:N,
 * caught by the constructor below before Criterion starts. A fresh single-threaded process
 * (rather than a fork of the test, which has a timeout thread) keeps LeakSanitizer exact.
 * Returns a description of what went wrong, or NULL; *whole: nothing failed in that run. */
static const char *in_child(const char *kind, long n, int *whole)
{
    static char why[256];
    char spec[64];
    snprintf(spec, sizeof spec, "%s:%ld", kind, n);
    fflush(NULL);
    pid_t pid = fork();
    cr_assert(pid >= 0, "fork");
    if (pid == 0) {
        setenv("MB_FAILALLOC_CHILD", spec, 1);
        char *argv[] = {(char *)"test_failalloc", NULL};
        execv("/proc/self/exe", argv);
        _exit(127);
    }
    int st;
    cr_assert(waitpid(pid, &st, 0) == pid);
    *whole = 0;
    if (WIFSIGNALED(st)) {
        snprintf(why, sizeof why, "n=%ld: crashed (signal %d, %s) when allocation %ld failed", n, WTERMSIG(st), strsignal(WTERMSIG(st)), n);
        return why;
    }
    switch (WEXITSTATUS(st)) {
    case CHILD_OK: return NULL;
    case CHILD_WHOLE: *whole = 1; return NULL;
    case LSAN_EXIT: snprintf(why, sizeof why, "n=%ld: memory leaked or a sanitizer report when allocation %ld failed (report above)", n, n); return why;
    case CHILD_BROKEN: snprintf(why, sizeof why, "n=%ld: unclean failure (details above)", n); return why;
    default: snprintf(why, sizeof why, "n=%ld: exit status %d (a sanitizer report above?)", n, WEXITSTATUS(st)); return why;
    }
}

static long sweep(const char *what, const char *kind)
{
    long n, broken = 0;
    for (n = 1; n < MAX_N; n++) {
        int whole;
        const char *why = in_child(kind, n, &whole);
        if (why) {
            if (!keep_going()) cr_assert_fail("%s: %s", what, why);
            cr_log_error("%s: %s", what, why);
            broken++;
        }
        if (whole) break;
    }
    cr_assert(n < MAX_N, "%s: still failing after %d allocations", what, MAX_N);
    cr_log_info("%s: %ld allocations, each failed once; %ld unclean", what, n - 1, broken);
    return broken;
}

/* ---- rules ---------------------------------------------------------------------------- */

static const char *const RULE_FILES[] = {"tests/data/every_construct.mb", "rules/nantong_2018.mb"};
static char rules_path[4096];
static char *ref_json; /* the reference model as JSON */
static char work[64];  /* MB_FAILALLOC_WORK: the references and the data folder */

/* Load and check with allocation fail_at failing; *json: the model when checked. */
static int load_rules(long fail_at, char **json, char **diags, long *allocs)
{
    mb_failalloc_set(fail_at);
    mb_model *m = mb_model_new();
    mb_diags d;
    mb_diags_init(&d, 50);
    int rc = -2;
    if (m) {
        rc = mb_model_load(m, rules_path, &d);
        if (rc == 0 && d.errors == 0 && !d.oom) rc = mb_model_check(m, &d);
    }
    *allocs = mb_failalloc_count();
    mb_failalloc_set(0);
    int checked = m && m->checked;
    *json = NULL;
    if (checked) {
        size_t len;
        FILE *f = open_memstream(json, &len);
        mb_model_print_json(f, m);
        fclose(f);
    }
    *diags = mbt_diags_text(&d);
    int oom = !m || d.oom || (*diags && strstr(*diags, "out of memory"));
    int failed = rc != 0 || d.errors;
    mb_diags_free(&d);
    mb_model_free(m);
    return checked ? 1 : failed && oom ? 0 : -1;
}

static int rules_child(long n)
{
    char *json, *diags;
    long allocs;
    int r = load_rules(n, &json, &diags, &allocs);
    int rc = CHILD_OK;
    if (allocs < n) {
        if (r != 1 || strcmp(json, ref_json)) {
            fprintf(stderr, "n=%ld: a run without a failed allocation differs from the reference\n", n);
            rc = CHILD_BROKEN;
        } else {
            rc = CHILD_WHOLE;
        }
    } else if (r == 1) {
        fprintf(stderr, "n=%ld: allocation %ld failed, yet the model was checked as if whole\n", n, n);
        rc = CHILD_BROKEN;
    } else if (r == -1) {
        fprintf(stderr, "n=%ld: allocation %ld failed without a failure and an \"out of memory\" diagnostic; got:\n%s\n", n, n, diags);
        rc = CHILD_BROKEN;
    }
    free(json);
    free(diags);
    return rc;
}

static void make_work(void)
{
    snprintf(work, sizeof work, "/tmp/mubiao-failalloc.XXXXXX");
    cr_assert(mkdtemp(work));
    setenv("MB_FAILALLOC_WORK", work, 1);
}

static void save(const char *name, const char *s)
{
    char p[256];
    snprintf(p, sizeof p, "%s/%s", work, name);
    FILE *f = fopen(p, "wb");
    cr_assert(f && fputs(s, f) >= 0 && fclose(f) == 0, "write %s", p);
}

static void rm_work(void)
{
    char cmd[200];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", work);
    if (system(cmd)) {}
}

Test(failalloc, parse_and_check, .timeout = 900)
{
    long broken = 0;
    make_work();
    for (size_t f = 0; f < sizeof RULE_FILES / sizeof *RULE_FILES; f++) {
        snprintf(rules_path, sizeof rules_path, "%s", mbt_src_path(RULE_FILES[f]));
        char *diags;
        long allocs;
        cr_assert(load_rules(0, &ref_json, &diags, &allocs) == 1, "%s must check clean:\n%s", RULE_FILES[f], diags);
        free(diags);
        save("ref_rules", ref_json);
        char kind[32];
        snprintf(kind, sizeof kind, "rules%zu", f);
        broken += sweep(RULE_FILES[f], kind);
        free(ref_json);
    }
    rm_work();
    cr_assert(broken == 0, "parse_and_check: %ld unclean failures (listed above)", broken);
}

/* ---- data ------------------------------------------------------------------------------ */

static mb_model *model;
static char data_dir[128];
static char *ref_report;

static int load_model(void)
{
    model = mb_model_new();
    mb_diags d;
    mb_diags_init(&d, 50);
    int ok = model && mb_model_load(model, mbt_src_path("tests/data/eval_forms.mb"), &d) == 0 &&
             mb_model_check(model, &d) == 0;
    if (!ok) {
        char *t = mbt_diags_text(&d);
        fprintf(stderr, "rules: %s\n", t);
        free(t);
    }
    mb_diags_free(&d);
    return ok;
}

/* Read the folder and report, with allocation fail_at failing. Returns 1 when the store
 * reported trouble ("out of memory", a file not read) or could not be made, or the JSON
 * report said it failed. */
static int load_data(long fail_at, char **report, char **diags, long *allocs)
{
    int report_failed = 0;
    mb_failalloc_set(fail_at);
    mb_data *D = mb_data_new(model);
    *report = NULL;
    if (D) {
        D->threads = 1; /* one thread: the n-th allocation is the same every run */
        mb_data_load(D, data_dir);
        mb_data_finish(D);
        mb_eval e;
        mb_eval_init(&e, model, D, 0);
        e.threads = 1;
        size_t len;
        FILE *f = open_memstream(report, &len);
        mb_filter flt;
        memset(&flt, 0, sizeof flt);
        flt.fail_mask = 1u << MB_ST_MISSED;
        mb_report_csv(f, &e, &flt);
        report_failed = mb_report_json(f, &e, &flt, 1).error; /* its buffer can fail */
        fclose(f);
    }
    *allocs = mb_failalloc_count();
    mb_failalloc_set(0);
    int trouble = 1;
    *diags = NULL;
    if (D) {
        *diags = mbt_diags_text(&D->diags);
        trouble = D->diags.oom || D->io_error || report_failed || (*diags && strstr(*diags, "out of memory"));
    }
    mb_data_free(D);
    return trouble;
}

static int data_child(long n)
{
    char *report, *diags;
    long allocs;
    int trouble = load_data(n, &report, &diags, &allocs);
    int same = report && strcmp(report, ref_report) == 0, rc = CHILD_OK;
    if (allocs < n) {
        rc = same && !trouble ? CHILD_WHOLE : CHILD_BROKEN;
        if (rc == CHILD_BROKEN) fprintf(stderr, "n=%ld: a run without a failed allocation differs from the reference\n", n);
    } else if (!trouble && !same) {
        fprintf(stderr, "n=%ld: allocation %ld failed, nothing was reported, and the verdicts differ from the "
                        "reference (a report from data that was not stored)\n--- diagnostics:\n%s\n--- report:\n%.2000s\n",
                n, n, diags ? diags : "", report ? report : "(none)");
        rc = CHILD_BROKEN;
    }
    free(report);
    free(diags);
    return rc;
}

static void write_file(const char *dir, const char *name, const char *s, size_t n)
{
    char p[512];
    snprintf(p, sizeof p, "%s/%s", dir, name);
    FILE *f = fopen(p, "wb");
    cr_assert(f && fwrite(s, 1, n, f) == n && fclose(f) == 0, "write %s", p);
}

Test(failalloc, load_and_evaluate, .timeout = 900)
{
    make_work();
    snprintf(data_dir, sizeof data_dir, "%s/data", work);
    cr_assert(mkdir(data_dir, 0755) == 0);
    /* The CSV submission split in two files (each with the header), and a JSON file. */
    size_t n0;
    char *csv = mbt_read_file(mbt_src_path("tests/data/eval_forms.csv"), &n0);
    cr_assert(csv, "tests/data/eval_forms.csv");
    size_t hdr = (size_t)(strchr(csv, '\n') + 1 - csv), mid = n0 / 2;
    while (mid < n0 && csv[mid] != '\n') mid++;
    if (mid < n0) mid++;
    write_file(data_dir, "a.csv", csv, mid);
    char *b = malloc(hdr + n0 - mid);
    memcpy(b, csv, hdr);
    memcpy(b + hdr, csv + mid, n0 - mid);
    write_file(data_dir, "b.csv", b, hdr + n0 - mid);
    free(b);
    free(csv);
    static const char json[] =
        "[{\"region\":\"南通市\",\"indicator\":\"no_such_indicator\",\"period\":\"2018\",\"value\":1},\n"
        " {\"region\":\"新区\",\"indicator\":\"rd_gdp\",\"period\":2019,\"value\":\"2.5\",\"unit\":\"%\"}]\n";
    write_file(data_dir, "c.json", json, sizeof json - 1);

    cr_assert(load_model(), "tests/data/eval_forms.mb must check clean");

    char *diags;
    long allocs;
    int trouble = load_data(0, &ref_report, &diags, &allocs);
    cr_assert(!trouble && ref_report, "the reference run must read everything:\n%s", diags);
    free(diags);
    save("ref_report", ref_report);
    long broken = sweep("load_and_evaluate", "data");
    free(ref_report);
    mb_model_free(model);
    rm_work();
    cr_assert(broken == 0, "load_and_evaluate: %ld unclean failures (listed above)", broken);
}

/* The child side of in_child: runs before main (and before Criterion) when
 * MB_FAILALLOC_CHILD is set, and exits with a CHILD_* status. */
__attribute__((constructor)) static void failalloc_child(void)
{
    const char *spec = getenv("MB_FAILALLOC_CHILD");
    if (!spec) return;
    const char *w = getenv("MB_FAILALLOC_WORK");
    long n = atol(strchr(spec, ':') ? strchr(spec, ':') + 1 : "0");
    int rc = 99;
    char p[256];
    if (w && !strncmp(spec, "rules", 5) && spec[5] >= '0' && spec[5] < '0' + (int)(sizeof RULE_FILES / sizeof *RULE_FILES)) {
        snprintf(rules_path, sizeof rules_path, "%s", mbt_src_path(RULE_FILES[spec[5] - '0']));
        snprintf(p, sizeof p, "%s/ref_rules", w);
        ref_json = mbt_read_file(p, NULL);
        if (ref_json) rc = rules_child(n);
        free(ref_json);
    } else if (w && !strncmp(spec, "data:", 5)) {
        snprintf(data_dir, sizeof data_dir, "%s/data", w);
        snprintf(p, sizeof p, "%s/ref_report", w);
        ref_report = mbt_read_file(p, NULL);
        if (ref_report && load_model()) rc = data_child(n);
        mb_model_free(model);
        free(ref_report);
    }
    if (__lsan_do_leak_check) __lsan_do_leak_check(); /* exits with 23 on a leak */
    fflush(NULL);
    _exit(rc);
}

#endif
