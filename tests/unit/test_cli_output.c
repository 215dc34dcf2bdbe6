/* test_cli_output.c — where reports go, through the real binary (MB_BINARY):
 *   - every command and format whose standard output cannot be written (/dev/full) exits 2
 *     and says so, never 0;
 *   - --output never overwrites an input (rule file, import, data file, also through a
 *     symbolic link), writes through character devices and FIFOs, keeps an existing file's
 *     mode whatever the umask, gives a new one 0666 less the umask, follows symbolic links
 *     (the link stays), refuses a link to nothing, and takes "-" for standard output;
 *   - explain takes --output too, and refuses a format it does not have. */
#define _GNU_SOURCE
#include <criterion/criterion.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/sysmacros.h>
#include <sys/wait.h>
#include <unistd.h>

#include "support.h"

static char dir[64];

static void setup(void)
{
    snprintf(dir, sizeof dir, "%s/mubiao-out.XXXXXX", getenv("TMPDIR") ? getenv("TMPDIR") : "/tmp");
    cr_assert(mkdtemp(dir), "mkdtemp: %s", strerror(errno));
    char cmd[1024], rules[512];
    snprintf(rules, sizeof rules, "%s", mbt_src_path("tests/data/eval_forms.mb")); /* a static buffer */
    snprintf(cmd, sizeof cmd,
             "cd '%s' && cp '%s' r.mb && cp '%s' d.csv && printf 'import \"r.mb\";\\n' > top.mb",
             dir, rules, mbt_src_path("tests/data/eval_forms.csv"));
    cr_assert_eq(system(cmd), 0);
}

static void teardown(void)
{
    char cmd[200];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
    if (system(cmd)) {}
}

TestSuite(cli_output, .init = setup, .fini = teardown);

/* Run `mubiao ARGS` in the folder through sh with the redirections in `redir`; standard
 * error goes to err.txt. Returns the exit status. */
static int mb(const char *args, const char *redir)
{
    const char *bin = getenv("MB_BINARY");
    cr_assert(bin && *bin, "MB_BINARY is not set (run through ctest)");
    char cmd[2048];
    snprintf(cmd, sizeof cmd, "cd '%s' && NO_COLOR=1 '%s' %s %s 2>err.txt", dir, bin, args, redir);
    int st = system(cmd);
    cr_assert(st != -1 && WIFEXITED(st), "%s: did not exit", cmd);
    return WEXITSTATUS(st);
}

static char *file(const char *name)
{
    char p[256];
    snprintf(p, sizeof p, "%s/%s", dir, name);
    char *s = mbt_read_file(p, NULL);
    cr_assert_not_null(s, "cannot read %s", p);
    return s;
}

static void err_has(const char *text)
{
    char *e = file("err.txt");
    cr_assert(strstr(e, text), "standard error lacks \"%s\":\n%s", text, e);
    free(e);
}

static struct stat stat_of(const char *name)
{
    char p[256];
    struct stat st;
    snprintf(p, sizeof p, "%s/%s", dir, name);
    cr_assert_eq(lstat(p, &st), 0, "%s: %s", p, strerror(errno));
    return st;
}

#define EVAL "eval r.mb --data d.csv"

Test(cli_output, full_standard_output_is_an_error_for_every_command_and_format)
{
    static const char *const cmds[] = {
        "--help", "--version", "check --help", "eval --help", "explain --help",
        "check r.mb", "check --format json r.mb",
        EVAL, EVAL " --format json", EVAL " --format csv", EVAL " --format junit", EVAL " --format summary",
        EVAL " --output -", "explain r.mb --data d.csv --rule A01 --region 如东县",
    };
    for (size_t i = 0; i < sizeof cmds / sizeof *cmds; i++) {
        cr_expect_eq(mb(cmds[i], "> /dev/full"), 2, "mubiao %s > /dev/full", cmds[i]);
        err_has("could not be written whole");
    }
}

/* Run as root, a regression would replace the device by a file: root gets its own node in
 * the test folder, anyone else (who cannot write in /dev) the real /dev/full. */
Test(cli_output, full_device_as_output_is_an_error)
{
    char p[256];
    snprintf(p, sizeof p, "%s/full", dir);
    int own = geteuid() == 0 && mknod(p, S_IFCHR | 0666, makedev(1, 7)) == 0;
    cr_expect_eq(mb(own ? EVAL " --output full" : EVAL " --output /dev/full", ""), 2);
    err_has(own ? "could not be written whole to 'full'" : "could not be written whole to '/dev/full'");
    struct stat st;
    cr_assert_eq(stat(own ? p : "/dev/full", &st), 0);
    cr_assert(S_ISCHR(st.st_mode), "the device node was replaced by a file");
}

Test(cli_output, inputs_are_never_overwritten)
{
    char *rules = file("r.mb"), *data = file("d.csv");
    char p[256];
    snprintf(p, sizeof p, "%s/link.csv", dir);
    cr_assert_eq(symlink("d.csv", p), 0);
    snprintf(p, sizeof p, "%s/hard.mb", dir);
    char r[256];
    snprintf(r, sizeof r, "%s/r.mb", dir);
    cr_assert_eq(link(r, p), 0);
    static const char *const runs[] = {
        EVAL " --output r.mb", EVAL " --output d.csv", EVAL " --output link.csv", EVAL " --output hard.mb",
        "eval top.mb --data d.csv --output r.mb", "eval top.mb --data d.csv --output ./r.mb",
        "explain r.mb --data d.csv --rule A01 --region 如东县 --output d.csv",
    };
    for (size_t i = 0; i < sizeof runs / sizeof *runs; i++) {
        cr_expect_eq(mb(runs[i], "> /dev/null"), 2, "%s", runs[i]);
        err_has("is an input of this run");
    }
    char *rules2 = file("r.mb"), *data2 = file("d.csv");
    cr_assert_str_eq(rules2, rules);
    cr_assert_str_eq(data2, data);
    cr_assert(S_ISLNK(stat_of("link.csv").st_mode));
    free(rules); free(data); free(rules2); free(data2);
}

Test(cli_output, fifo_is_written_through)
{
    char p[256];
    snprintf(p, sizeof p, "%s/pipe", dir);
    cr_assert_eq(mkfifo(p, 0600), 0);
    /* a reader on the FIFO, so the writer can open it */
    char cmd[1024];
    snprintf(cmd, sizeof cmd, "cd '%s' && { NO_COLOR=1 '%s' " EVAL " --format csv --output pipe 2>err.txt & cat pipe > got.csv; wait $!; }",
             dir, getenv("MB_BINARY"));
    int st = system(cmd);
    cr_assert(WIFEXITED(st) && WEXITSTATUS(st) == 1, "exit status %d", WEXITSTATUS(st));
    cr_assert(S_ISFIFO(stat_of("pipe").st_mode), "the FIFO was replaced");
    char *got = file("got.csv");
    cr_assert(strstr(got, "plan,region,rule,"), "report not written through the FIFO:\n%s", got);
    free(got);
}

Test(cli_output, character_device_is_written_through)
{
    if (geteuid() != 0) cr_skip_test("making a device node needs root");
    char p[256];
    snprintf(p, sizeof p, "%s/null", dir);
    cr_assert_eq(mknod(p, S_IFCHR | 0666, makedev(1, 3)), 0, "mknod: %s", strerror(errno));
    cr_assert_eq(mb(EVAL " --output null", ""), 1);
    cr_assert(S_ISCHR(stat_of("null").st_mode), "the device node was replaced by a file");
}

Test(cli_output, existing_file_keeps_its_mode)
{
    char p[256];
    snprintf(p, sizeof p, "%s/rep.txt", dir);
    FILE *f = fopen(p, "w");
    cr_assert(f && fputs("old\n", f) >= 0 && fclose(f) == 0);
    cr_assert_eq(chmod(p, 0644), 0);
    char cmd[512];
    snprintf(cmd, sizeof cmd, "cd '%s' && umask 077 && NO_COLOR=1 '%s' " EVAL " --output rep.txt 2>/dev/null", dir,
             getenv("MB_BINARY"));
    cr_assert_eq(WEXITSTATUS(system(cmd)), 1);
    cr_assert_eq(stat_of("rep.txt").st_mode & 07777, 0644);
    char *s = file("rep.txt");
    cr_assert(strstr(s, "forms_a"), "report not written");
    free(s);
}

Test(cli_output, new_file_gets_0666_less_the_umask)
{
    char cmd[512];
    snprintf(cmd, sizeof cmd, "cd '%s' && umask 027 && NO_COLOR=1 '%s' " EVAL " --output new.txt 2>/dev/null", dir,
             getenv("MB_BINARY"));
    cr_assert_eq(WEXITSTATUS(system(cmd)), 1);
    cr_assert_eq(stat_of("new.txt").st_mode & 07777, 0640);
}

Test(cli_output, symbolic_link_is_followed_and_stays)
{
    char p[256], t[256];
    snprintf(t, sizeof t, "%s/target.txt", dir);
    FILE *f = fopen(t, "w");
    cr_assert(f && fputs("old\n", f) >= 0 && fclose(f) == 0);
    snprintf(p, sizeof p, "%s/link.txt", dir);
    cr_assert_eq(symlink("target.txt", p), 0);
    cr_assert_eq(mb(EVAL " --format csv --output link.txt", ""), 1);
    cr_assert(S_ISLNK(stat_of("link.txt").st_mode), "the link was replaced by a file");
    char *s = file("target.txt");
    cr_assert(strstr(s, "plan,region,rule,"), "the file the link points to was not written:\n%s", s);
    free(s);
    snprintf(p, sizeof p, "%s/dangling", dir);
    cr_assert_eq(symlink("nowhere/x", p), 0);
    cr_assert_eq(mb(EVAL " --output dangling", ""), 2);
    err_has("is a symbolic link to a file that does not exist");
}

Test(cli_output, dash_is_standard_output)
{
    cr_assert_eq(mb(EVAL " --format csv --output -", "> std.csv"), 1);
    char *s = file("std.csv");
    cr_assert(strstr(s, "plan,region,rule,"));
    free(s);
    cr_assert_eq(access("-", F_OK), -1, "a file named '-' was made");
}

/* /dev/stdout is a link to the command's standard output: a pipe is written through, a
 * regular file replaced with the report (it used to fail: a temporary file in /dev). */
Test(cli_output, dev_stdout_works)
{
    cr_assert_eq(mb(EVAL " --format csv --output /dev/stdout | cat > piped.csv", ""), 0);
    char *s = file("piped.csv");
    cr_assert(strstr(s, "plan,region,rule,"), "nothing through the pipe:\n%s", s);
    free(s);
    cr_assert_eq(mb(EVAL " --format csv --output /dev/stdout", "> file.csv"), 1);
    s = file("file.csv");
    cr_assert(strstr(s, "plan,region,rule,"), "nothing in the file:\n%s", s);
    free(s);
}

Test(cli_output, explain_output_and_format)
{
    cr_assert_eq(mb("explain r.mb --data d.csv --rule A01 --region 如东县 --output x.txt", "> out.txt"), 0);
    char *s = file("x.txt"), *o = file("out.txt");
    cr_assert(strstr(s, "A01"), "explain wrote nothing to --output");
    cr_assert_str_eq(o, "");
    free(s); free(o);
    cr_assert_eq(mb("explain r.mb --data d.csv --rule A01 --region 如东县 --output y.txt --format json", ""), 2);
    err_has("explain writes text only");
    cr_assert_eq(access("y.txt", F_OK), -1);
}

/* The CSV report of rules evaluated for every region is written while the data is read
 * (streaming), so its output is opened first: a data file named as the output is still
 * refused and left whole, and a shuffled file (read again) gives the report of a run that
 * holds every region. */
Test(cli_output, streamed_csv_report_refuses_its_input_and_equals_the_held_one)
{
    char cmd[1024];
    snprintf(cmd, sizeof cmd,
             "cd '%s' && printf 'indicator x \"x\" unit %%%% higher;\\ntarget A: x >= 1%%%% by 2018;\\n' > w.mb && "
             "printf 'region,indicator,period,value\\nR1,x,2018,2\\nR2,x,2018,0.5\\nR1,x,2017,1\\n' > w.csv",
             dir);
    cr_assert_eq(system(cmd), 0);
    char *data = file("w.csv");
    cr_expect_eq(mb("eval w.mb --data w.csv --format csv --output w.csv", ""), 2);
    err_has("is an input of this run");
    char *again = file("w.csv");
    cr_assert_str_eq(again, data);
    /* a rule file as the output: refused after the data was read and accounted for */
    cr_expect_eq(mb("eval w.mb --data w.csv --format csv --output w.mb", ""), 2);
    err_has("is an input of this run");
    err_has("3 rows read");
    cr_expect_eq(mb("eval w.mb --data w.csv --format csv --output s.csv", ""), 1);
    snprintf(cmd, sizeof cmd, "cd '%s' && MB_STREAM=0 '%s' eval w.mb --data w.csv --format csv --output h.csv 2>/dev/null",
             dir, getenv("MB_BINARY"));
    int st = system(cmd);
    cr_expect(WIFEXITED(st) && WEXITSTATUS(st) == 1, "exit status %d", WEXITSTATUS(st));
    char *s = file("s.csv"), *h = file("h.csv");
    cr_assert_str_eq(s, h);
    cr_assert(strstr(s, ",R2,A,") && strstr(s, ",R1,A,"), "%s", s);
    free(data); free(again); free(s); free(h);
}
