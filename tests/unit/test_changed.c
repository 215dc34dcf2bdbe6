/* test_changed.c — a submission file that changes while it is read. Files over 64 KiB are
 * mapped, and a mapped file truncated underneath (`cp` onto it does that) used to kill the
 * command with SIGBUS. The test hook of the data layer runs just before a file is read, after
 * it was opened, measured and mapped: truncating or rewriting it there is deterministic (no
 * sleeps, no race). Every case must end with "the file changed while it was read", counts
 * that still add up, and no crash; reading on two threads too. */
#include <criterion/criterion.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "test_eval_support.h"

static const char RULES[] =
    "plan p {\n  name \"变化\"\n  base 2016\n  deadline 2020\n}\n"
    "indicator rd \"研发投入占比\" unit % higher;\n"
    "target T1: rd >= 2.74% by 2020 phrase \"达到2.74%\";\n";

static char path[256];
static off_t cut_to;    /* the hook truncates the file to this size ... */
static int append;      /* ... or appends a row */
static int hook_runs;

static void hook(const char *name, int fd)
{
    (void)fd;
    hook_runs++;
    if (append) {
        FILE *f = fopen(name, "a");
        cr_assert_not_null(f);
        fputs("后来,rd,2020,3\n", f);
        fclose(f);
    } else {
        cr_assert_eq(truncate(name, cut_to), 0);
    }
}

/* A CSV of `rows` rows (about 25 bytes each), one region per 5 rows. */
static size_t write_csv(size_t rows)
{
    snprintf(path, sizeof path, "%s/mb_changed_%d.csv", getenv("TMPDIR") ? getenv("TMPDIR") : "/tmp", (int)getpid());
    FILE *f = fopen(path, "w");
    cr_assert_not_null(f);
    fputs("region,indicator,period,value\n", f);
    for (size_t i = 0; i < rows; i++) fprintf(f, "区%zu,rd,%zu,%zu.5\n", i / 5, 2016 + i % 5, i % 7);
    cr_assert_eq(fclose(f), 0);
    struct stat sb;
    cr_assert_eq(stat(path, &sb), 0);
    return (size_t)sb.st_size;
}

/* threads: mb_data.threads (0: the cores, at most two; 2: two when the machine has them). */
static mb_data *load_changed(mb_model **m, size_t threads)
{
    *m = mbt_model(RULES, NULL);
    mb_data *D = mb_data_new(*m);
    cr_assert_not_null(D);
    D->threads = threads;
    hook_runs = 0;
    mb_data_test_hook = hook;
    mb_data_load(D, path);
    mb_data_test_hook = NULL;
    mb_data_finish(D);
    cr_assert_eq(hook_runs, 1);
    return D;
}

static void assert_changed(mb_data *D)
{
    char *text = mbt_diags_text(&D->diags);
    cr_assert(strstr(text, "the file changed while it was read") != NULL, "%s", text);
    cr_assert(D->io_error);
    const mb_rowcount *c = &D->count;
    cr_assert_eq(c->used + c->unused_indicator + c->unused_period + c->unused_region + c->duplicate + c->rejected,
                 c->rows, "the counts add up");
    free(text);
}

static void cleanup(void) { unlink(path); }

TestSuite(changed, .fini = cleanup, .timeout = 120);

Test(changed, truncated_to_nothing_while_mapped)
{
    size_t len = write_csv(20000);
    cr_assert_gt(len, 64 << 10, "large enough to be mapped");
    cut_to = 0;
    append = 0;
    mb_model *m;
    mb_data *D = load_changed(&m, 1);
    assert_changed(D);
    cr_assert_eq(D->count.rows, 0, "nothing was left to read");
    mb_data_free(D);
    mb_model_free(m);
}

Test(changed, truncated_halfway_while_mapped)
{
    size_t len = write_csv(20000);
    cut_to = (off_t)(len / 2);
    append = 0;
    mb_model *m;
    mb_data *D = load_changed(&m, 1);
    assert_changed(D);
    cr_assert_gt(D->count.rows, 1000, "the rows before the cut were read");
    cr_assert_lt(D->count.rows, 20000);
    mb_data_free(D);
    mb_model_free(m);
}

Test(changed, truncated_while_read_on_two_threads)
{
    size_t len = write_csv(800000);
    cr_assert_gt(len, 16 << 20, "large enough for two threads");
    cut_to = (off_t)(len / 4);
    append = 0;
    mb_model *m;
    mb_data *D = load_changed(&m, 2);
    assert_changed(D);
    cr_assert_lt(D->count.rows, 800000);
    mb_data_free(D);
    mb_model_free(m);
}

Test(changed, appended_while_read)
{
    write_csv(20000);
    append = 1;
    mb_model *m;
    mb_data *D = load_changed(&m, 1);
    assert_changed(D);
    cr_assert_eq(D->count.rows, 20000, "what was there when it was opened is read");
    mb_data_free(D);
    mb_model_free(m);
}

/* Truncated after it was read, before its diagnostics are printed: the excerpt must not
 * fault either. */
Test(changed, truncated_before_printing)
{
    write_csv(20000);
    FILE *f = fopen(path, "a");
    fputs("坏,rd,2018,x\n", f);
    fclose(f);
    mb_model *m = mbt_model(RULES, NULL);
    mb_data *D = mb_data_new(m);
    mb_data_load(D, path);
    cr_assert_eq(D->diags.errors, 1);
    cr_assert_eq(truncate(path, 0), 0);
    char *text = mbt_diags_text(&D->diags);
    cr_assert(strstr(text, "value 'x': not a number") != NULL, "%s", text);
    free(text);
    mb_data_free(D);
    mb_model_free(m);
}

Test(changed, unchanged_file_reads_clean)
{
    write_csv(20000);
    mb_model *m = mbt_model(RULES, NULL);
    mb_data *D = mb_data_new(m);
    mb_data_load(D, path);
    cr_assert_eq(D->diags.errors, 0);
    cr_assert_eq(D->count.rows, 20000);
    mb_data_free(D);
    mb_model_free(m);
}
