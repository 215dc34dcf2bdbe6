/* test_split_merge.c — a large CSV file read on two threads holding every region: the second
 * part is read into a store of its own and added to the first part's afterwards. The part's
 * rows are given back to the system as they are added (ingest_file.c, merge), so that the two
 * copies of them are never resident together; every value must still arrive, exactly as one
 * thread reads it. */
#include <criterion/criterion.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "test_eval_support.h"

static const char RULES[] =
    "plan p {\n  name \"合并\"\n  base 2016\n  deadline 2020\n}\n"
    "indicator rd \"研发投入占比\" unit % higher;\n"
    "target T1: rd >= 2.74% by 2020 phrase \"达到2.74%\";\n";

static char path[256];

/* `rows` rows, five per region (2016..2020), every value different from its neighbours', so
 * that a row lost or zeroed in the merge shows. */
static size_t write_csv(size_t rows)
{
    snprintf(path, sizeof path, "%s/mb_split_merge_%d.csv", getenv("TMPDIR") ? getenv("TMPDIR") : "/tmp", (int)getpid());
    FILE *f = fopen(path, "w");
    cr_assert_not_null(f);
    fputs("region,indicator,period,value\n", f);
    for (size_t i = 0; i < rows; i++) fprintf(f, "区%zu,rd,%zu,%zu.%zu\n", i / 5, 2016 + i % 5, i % 9973, i % 7);
    cr_assert_eq(fclose(f), 0);
    struct stat sb;
    cr_assert_eq(stat(path, &sb), 0);
    return (size_t)sb.st_size;
}

static mb_data *load(const mb_model *m, size_t threads)
{
    mb_data *D = mb_data_new(m);
    cr_assert_not_null(D);
    D->threads = threads;
    cr_assert_eq(mb_data_load(D, path), 0);
    mb_data_finish(D);
    return D;
}

static void cleanup(void) { unlink(path); }

TestSuite(split_merge, .fini = cleanup, .timeout = 120);

Test(split_merge, every_value_arrives_and_the_parts_rows_are_given_back)
{
    if (sysconf(_SC_NPROCESSORS_ONLN) < 2) cr_skip_test("one core: a file is read on one thread");
    size_t len = write_csv(1000000);
    cr_assert_gt(len, 16 << 20, "large enough for two threads");
    mb_model *m = mbt_model(RULES, NULL);
    mb_data *one = load(m, 1), *two = load(m, 2);
    cr_assert_eq(one->part_given_back, 0, "one thread: no part to add");
    cr_assert_eq(two->nregions, one->nregions);
    cr_assert_eq(two->nslots, one->nslots);
    cr_assert_eq(memcmp(&two->count, &one->count, sizeof one->count), 0, "the same counts");
    for (size_t r = 0; r < one->nregions; r++) {
        cr_assert_str_eq(two->region_names[r], one->region_names[r]);
        for (size_t k = 0; k < one->nslots; k++) {
            const mb_obs *a = &one->obs[r * one->nslots + k], *b = &two->obs[r * two->nslots + k];
            cr_assert(a->state == b->state && a->m == b->m && a->exp == b->exp && a->line == b->line &&
                      a->file == b->file, "region %s, slot %zu: the value one thread reads", one->region_names[r], k);
        }
    }
    /* the second part holds about half the regions' rows: nearly all of them given back */
    size_t rows = one->nregions * one->nslots * sizeof *one->obs;
    cr_assert_gt(two->part_given_back, rows / 3, "%zu of %zu bytes given back", two->part_given_back, rows);
    cr_assert_lt(two->part_given_back, rows * 2 / 3);
    mb_data_free(one);
    mb_data_free(two);
    mb_model_free(m);
}
