/* test_atomic.c — `mubiao eval --output FILE` replaces FILE atomically: the report is
 * written to a temporary file beside it and renamed into place (cli/common.c). Killed in
 * the middle of writing, the command must leave the old FILE byte for byte as it was, never
 * a partial report in its place.
 *
 * Each test generates a large evaluation (200,000 regions, five targets: a report of about
 * a million lines) in a temporary folder, starts the real binary (MB_BINARY), waits until
 * the temporary report exists and is growing, and then kills the command. */
#define _GNU_SOURCE
#include <criterion/criterion.h>
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "support.h"

static const char OLD[] = "plan,region,rule\nthe old report: it must survive whole\n";

static char dir[64];

static void path_in(char *out, size_t n, const char *name) { snprintf(out, n, "%s/%s", dir, name); }

static void write_text(const char *name, const char *s)
{
    char p[256];
    path_in(p, sizeof p, name);
    FILE *f = fopen(p, "wb");
    cr_assert(f && fputs(s, f) >= 0 && fclose(f) == 0, "write %s", p);
}

/* Rules with five targets on one indicator, and `rows` regions with a value each. */
static void make_input(long rows)
{
    write_text("rules.mb",
               "plan p { name \"p\" base 2017 deadline 2018, 2019 }\n"
               "indicator a \"a\" unit % higher;\n"
               "target T1: a >= 2.5% by 2018 phrase \"p\";\n"
               "target T2: a >= 2.6% by 2018, 2.7% by 2019 phrase \"p\";\n"
               "target T3: a between 1 and 5 by 2018 phrase \"p\";\n"
               "target T4: a about 2.6 within 10% by 2018 phrase \"p\";\n"
               "target T5: a rises every year 2017..2019 phrase \"p\";\n");
    char p[256];
    path_in(p, sizeof p, "data.csv");
    FILE *f = fopen(p, "wb");
    cr_assert(f);
    fputs("region,indicator,period,value,unit\n", f);
    for (long i = 0; i < rows; i++) fprintf(f, "region%ld,a,2018,2.%ld,%%\n", i, i % 10);
    cr_assert(fclose(f) == 0);
}

static void setup(void)
{
    snprintf(dir, sizeof dir, "%s/mubiao-atomic.XXXXXX", getenv("TMPDIR") ? getenv("TMPDIR") : "/tmp");
    cr_assert(mkdtemp(dir), "mkdtemp: %s", strerror(errno));
}

static void teardown(void)
{
    char cmd[200];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
    if (system(cmd)) {}
}

static pid_t start_eval(void)
{
    const char *bin = getenv("MB_BINARY");
    cr_assert(bin && *bin, "MB_BINARY is not set (run through ctest)");
    pid_t pid = fork();
    cr_assert(pid >= 0);
    if (pid == 0) {
        if (chdir(dir) != 0) _exit(126);
        int null = open("/dev/null", O_RDWR);
        dup2(null, 0); dup2(null, 1); dup2(null, 2);
        execl(bin, bin, "eval", "rules.mb", "--data", "data.csv", "--format", "csv", "--output", "out.csv", (char *)NULL);
        _exit(127);
    }
    return pid;
}

/* Size of the temporary report (out.csv.tmp.*), or -1 when there is none. */
static long tmp_size(char *name, size_t n)
{
    DIR *d = opendir(dir);
    long size = -1;
    struct dirent *e;
    while (d && (e = readdir(d)))
        if (!strncmp(e->d_name, "out.csv.tmp.", 12)) {
            char p[512];
            snprintf(p, sizeof p, "%s/%s", dir, e->d_name);
            struct stat sb;
            if (stat(p, &sb) == 0) size = (long)sb.st_size;
            if (name) snprintf(name, n, "%s", e->d_name);
        }
    if (d) closedir(d);
    return size;
}

static double now(void)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (double)t.tv_sec + (double)t.tv_nsec / 1e9;
}

/* Start the command and send `sig` once the temporary report holds at least 64 KiB and
 * has grown since. Returns 1 when the signal hit mid-write, 0 when the command finished
 * first (the input was too small for this machine). */
static int kill_mid_write(int sig, int *status)
{
    pid_t pid = start_eval();
    double t0 = now();
    long last = -1;
    int hit = 0;
    while (now() - t0 < 120) {
        pid_t r = waitpid(pid, status, WNOHANG);
        if (r == pid) return 0;
        long s = tmp_size(NULL, 0);
        if (s >= 65536 && last >= 0 && s > last) {
            kill(pid, sig);
            hit = 1;
            break;
        }
        last = s;
        usleep(500);
    }
    if (!hit) kill(pid, SIGKILL);
    cr_assert(waitpid(pid, status, 0) == pid);
    cr_assert(hit, "the command neither finished nor started writing within 120 s");
    return 1;
}

static void assert_old_report_whole(void)
{
    char p[256];
    path_in(p, sizeof p, "out.csv");
    size_t n;
    char *s = mbt_read_file(p, &n);
    cr_assert(s, "out.csv is gone");
    cr_assert(n == sizeof OLD - 1 && memcmp(s, OLD, n) == 0,
              "out.csv changed (%zu bytes, starting '%.60s'): a partial report replaced the old one", n, s);
    free(s);
}

static void interrupted(int sig, int tmp_may_remain)
{
    long rows = 200000;
    for (int attempt = 0; attempt < 4; attempt++, rows *= 2) {
        make_input(rows);
        write_text("out.csv", OLD);
        int status;
        if (!kill_mid_write(sig, &status)) continue; /* too fast here: a bigger input */
        cr_assert(WIFSIGNALED(status) && WTERMSIG(status) == sig,
                  "the command should have died of signal %d (status 0x%x)", sig, status);
        assert_old_report_whole();
        char name[256] = "";
        long left = tmp_size(name, sizeof name);
        if (!tmp_may_remain)
            cr_assert(left < 0, "the temporary report %s (%ld bytes) was left behind after signal %d", name, left, sig);
        cr_log_info("signal %d after %ld rows: old report whole%s", sig, rows,
                    left >= 0 ? "; the temporary file remains (SIGKILL cannot be caught)" : "");
        return;
    }
    cr_assert_fail("the command always finished before it could be interrupted mid-write");
}

/* SIGKILL cannot be caught: the temporary file may remain, the old report must be whole. */
Test(atomic, sigkill_mid_write_keeps_old_report, .init = setup, .fini = teardown, .timeout = 600)
{
    interrupted(SIGKILL, 1);
}

/* SIGTERM and SIGINT are caught: the temporary file is removed too. */
Test(atomic, sigterm_mid_write_keeps_old_report, .init = setup, .fini = teardown, .timeout = 600)
{
    interrupted(SIGTERM, 0);
}

Test(atomic, sigint_mid_write_keeps_old_report, .init = setup, .fini = teardown, .timeout = 600)
{
    interrupted(SIGINT, 0);
}

/* Not interrupted: the new report replaces the old one whole, nothing else is left. */
Test(atomic, completed_run_replaces_report, .init = setup, .fini = teardown, .timeout = 600)
{
    make_input(2000);
    write_text("out.csv", OLD);
    int status;
    pid_t pid = start_eval();
    cr_assert(waitpid(pid, &status, 0) == pid);
    cr_assert(WIFEXITED(status) && WEXITSTATUS(status) <= 1, "exit status 0x%x", status);
    char p[256];
    path_in(p, sizeof p, "out.csv");
    size_t n;
    char *s = mbt_read_file(p, &n);
    cr_assert(s && n > 0 && strncmp(s, "plan,region,rule,indicator,", 27) == 0, "out.csv is not the new report");
    cr_assert(s[n - 1] == '\n', "the report ends in the middle of a line");
    size_t lines = 0;
    for (size_t i = 0; i < n; i++) lines += s[i] == '\n';
    cr_assert_eq(lines, 1 + 2000 * 6, "one header and six verdicts per region (T2 has two milestones)");
    free(s);
    cr_assert(tmp_size(NULL, 0) < 0, "a temporary file was left behind");
}

/* The report is created with the permissions any new file gets (umask), as a plain
 * fopen would: mkstemp makes the temporary file 0600, and the rename keeps that, so a
 * report meant for colleagues becomes readable by its owner only. Disabled until fixed. */
Test(atomic, report_keeps_umask_permissions, .init = setup, .fini = teardown, .disabled = true)
{
    make_input(10);
    mode_t old = umask(022);
    int status;
    pid_t pid = start_eval();
    cr_assert(waitpid(pid, &status, 0) == pid);
    umask(old);
    char p[256];
    path_in(p, sizeof p, "out.csv");
    struct stat sb;
    cr_assert(stat(p, &sb) == 0);
    cr_assert_eq(sb.st_mode & 0777, 0644, "out.csv has mode %o, expected 644 under umask 022", sb.st_mode & 0777);
}
