/* test_cli_escape.c — nothing quoted from the inputs or the command line reaches the terminal
 * as an escape sequence, a bell, a bidi override or an invisible character: submission
 * values, units, periods and region names in messages, labels, phrases, owners and plan names
 * in the text report and explain, option values in usage errors, and file names in
 * file:line:col locations (a "\n" in a name must not split the line). They are shown as
 * <U+001B>, <U+202E> (mb_term_clean). Runs the real binary (MB_BINARY). */
#define _GNU_SOURCE
#include <criterion/criterion.h>
#include <errno.h>
#include <pty.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "support.h"

static char dir[64];

static void write_file(const char *name, const char *text)
{
    char p[256];
    snprintf(p, sizeof p, "%s/%s", dir, name);
    FILE *f = fopen(p, "w");
    cr_assert(f && fputs(text, f) >= 0 && fclose(f) == 0, "write %s", p);
}

static void setup(void)
{
    snprintf(dir, sizeof dir, "%s/mubiao-esc.XXXXXX", getenv("TMPDIR") ? getenv("TMPDIR") : "/tmp");
    cr_assert(mkdtemp(dir), "mkdtemp: %s", strerror(errno));
    write_file("r.mb", "plan p {\n  name \"计划\x1b[31m红\"\n  region \"甲\xe2\x80\xae市\", \"乙市\"\n"
                       "  base 2017\n  deadline 2018\n}\n"
                       "indicator a \"a\x1b]0;title\x07\" unit % higher owner \"局\xe2\x80\x8b\";\n"
                       "target E01 \"label\x1b[2J\x07 \xe2\x80\xaerev\": a >= 2.5% by 2018 "
                       "phrase \"phrase\xe2\x80\x8b\x1b[1m\";\n");
    write_file("d.csv", "region,indicator,period,value,unit\n"
                        "甲\xe2\x80\xae市,a,2018,x\x1b[2J\x07,%\n"
                        "乙市,a,2018,2.6,\x1b[5m%\n"
                        "乙市,a,201\x1b" "8,2.7,%\n"
                        "乙市,a,2018,2.7,%\n"
                        "乙市,a,2018,2.8,%\n");
    write_file("bad\nname.mb", "indicator a \"a\" unit % higher\ntarget T1: b >= 1 by 2018 phrase \"p\";\n");
    write_file("bad\x1b[2Jesc.mb", "indicator a \"a\" unit \x1b[1m% higher;\n");
}

static void teardown(void)
{
    char cmd[200];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
    if (system(cmd)) {}
}

TestSuite(cli_escape, .init = setup, .fini = teardown);

/* Standard output and standard error of `mubiao ARGS` (a shell word list) in one buffer. */
static char *run(const char *args)
{
    const char *bin = getenv("MB_BINARY");
    cr_assert(bin && *bin, "MB_BINARY is not set (run through ctest)");
    char cmd[2048], out[256];
    snprintf(out, sizeof out, "%s/all.txt", dir);
    snprintf(cmd, sizeof cmd, "cd '%s' && NO_COLOR=1 '%s' %s > all.txt 2>&1", dir, bin, args);
    int st = system(cmd);
    cr_assert(st != -1 && WIFEXITED(st), "%s", cmd);
    char *s = mbt_read_file(out, NULL);
    cr_assert_not_null(s);
    return s;
}

/* Nothing a terminal would act on or hide; `shown` must appear (what was cleaned). */
static void clean(const char *what, const char *s, const char *shown)
{
    static const char *const bad[] = {"\x1b", "\x07", "\xe2\x80\xae", "\xe2\x80\x8b"};
    for (size_t i = 0; i < sizeof bad / sizeof *bad; i++)
        cr_expect(!strstr(s, bad[i]), "%s: raw character %zu reaches the terminal:\n%s", what, i, s);
    cr_expect(strstr(s, shown), "%s: lacks \"%s\":\n%s", what, shown, s);
}

Test(cli_escape, submission_values_units_periods_regions_in_messages)
{
    char *s = run("eval r.mb --data d.csv --format csv --output report.csv");
    clean("eval messages", s, "value 'x<U+001B>[2J<U+0007>': not a number");
    clean("eval messages", s, "unit '<U+001B>[5m%'");
    clean("eval messages", s, "period '201<U+001B>8'");
    clean("eval messages", s, "甲<U+202E>市");
    free(s);
}

Test(cli_escape, labels_phrases_names_in_the_text_report)
{
    char *s = run("eval r.mb --data d.csv");
    clean("text report", s, "label<U+001B>[2J<U+0007> <U+202E>rev");
    clean("text report", s, "计划<U+001B>[31m红");
    free(s);
}

Test(cli_escape, labels_phrases_owners_in_explain)
{
    char *s = run("explain r.mb --data d.csv --rule E01 --region 乙市");
    clean("explain", s, "phrase<U+200B><U+001B>[1m");
    clean("explain", s, "a<U+001B>]0;title<U+0007>");
    clean("explain", s, "局<U+200B>");
    free(s);
}

Test(cli_escape, option_values_in_usage_errors)
{
    char *s = run("eval r.mb --data d.csv --plan \"$(printf 'p\\033[2J\\007')\"");
    clean("--plan", s, "--plan 'p<U+001B>[2J<U+0007>'");
    free(s);
    s = run("explain r.mb --data d.csv --rule E01 --region \"$(printf '乙\\342\\200\\256市')\"");
    clean("--region", s, "乙<U+202E>市");
    free(s);
    s = run("\"$(printf '\\033[2Jcmd')\"");
    clean("command", s, "unknown command '<U+001B>[2Jcmd'");
    free(s);
    s = run("eval \"$(printf -- '--\\033[2J')\"");
    clean("option", s, "unknown option '--<U+001B>[2J'");
    free(s);
}

Test(cli_escape, file_names_in_locations)
{
    char *s = run("check \"$(printf 'bad\\nname.mb')\" \"$(printf 'bad\\033[2Jesc.mb')\"");
    clean("locations", s, "bad<U+000A>name.mb:2:");
    clean("locations", s, "bad<U+001B>[2Jesc.mb:1:");
    /* every location line starts with the whole file name */
    cr_expect(!strstr(s, "\nname.mb:"), "a newline in a file name split its location:\n%s", s);
    free(s);
}

/* CSV on a terminal (a pseudo-terminal here) is cleaned too; to a file or pipe it is data. */
Test(cli_escape, csv_on_a_terminal)
{
    const char *bin = getenv("MB_BINARY");
    cr_assert(bin && *bin);
    int fd;
    pid_t pid = forkpty(&fd, NULL, NULL, NULL);
    cr_assert(pid >= 0, "forkpty: %s", strerror(errno));
    if (pid == 0) {
        if (chdir(dir) != 0) _exit(126);
        setenv("NO_COLOR", "1", 1); /* colours are the one escape sequence that is wanted */
        execl(bin, bin, "eval", "r.mb", "--data", "d.csv", "--format", "csv", (char *)NULL);
        _exit(127);
    }
    char buf[65536];
    size_t n = 0;
    for (;;) {
        ssize_t k = read(fd, buf + n, sizeof buf - 1 - n);
        if (k <= 0) break; /* EIO once the child has closed the terminal */
        n += (size_t)k;
    }
    buf[n] = 0;
    int st;
    waitpid(pid, &st, 0);
    close(fd);
    clean("csv on a terminal", buf, "甲<U+202E>市");
    char *s = run("eval r.mb --data d.csv --format csv");
    cr_expect(strstr(s, "甲\xe2\x80\xae市"), "CSV to a file must keep the name as it is:\n%s", s);
    free(s);
}
