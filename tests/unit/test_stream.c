/* test_stream.c — verdicts computed region by region while the data is read (report_stream.c)
 * are the verdicts computed after reading everything, in the same order; the store holds a
 * window of regions instead of all of them; and every case where streaming cannot give the
 * same answer (rows of a region interrupted, the as-of moving) is reported to the caller. */
#include <criterion/criterion.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "report.h"
#include "test_eval_support.h"

static const char RULES[] =
    "indicator x \"x\" unit % higher;\n"
    "indicator y \"y\" unit 家 higher;\n"
    "target A: x >= 2.5% by 2018;\n"
    "target B: y >= 2 × base 2016 by 2020;\n"
    "target C: x > region \"R7\" by 2019;\n";

typedef struct lines { char *s; size_t n; } lines;

/* Region names are looked up by the caller: the region's index is the same both ways. */
typedef struct named_lines { lines l; const mb_data *D; } named_lines;

static void add_named(void *ctx, const mb_verdict *v)
{
    named_lines *c = ctx;
    char buf[400];
    int k = snprintf(buf, sizeof buf, "%s %s %d %s %s\n", v->rule->id, c->D->region_names[v->region], v->year,
                     mb_status_name(v->status), v->detail);
    c->l.s = realloc(c->l.s, c->l.n + (size_t)k + 1);
    cr_assert_not_null(c->l.s);
    memcpy(c->l.s + c->l.n, buf, (size_t)k + 1);
    c->l.n += (size_t)k;
}

/* n regions R0..R(n-1), each with x for 2016..2019 and y for 2016..2020 (last_year caps
 * region `late`'s years, to move the as-of), sorted by region unless `interrupt`. */
static char *make_csv(int n, int late, int last_year, int interrupt)
{
    size_t cap = (size_t)n * 400 + 200, len = 0;
    char *s = malloc(cap);
    cr_assert_not_null(s);
    len += (size_t)snprintf(s, cap, "region,indicator,period,value\n");
    for (int r = 0; r < n; r++) {
        for (int y = 2016; y <= 2020; y++) {
            if (r != late && y > last_year) continue;
            if (y <= 2019) len += (size_t)snprintf(s + len, cap - len, "R%d,x,%d,%d.%d\n", r, y, 1 + (r * 7 + y) % 4, r % 10);
            len += (size_t)snprintf(s + len, cap - len, "R%d,y,%d,%d\n", r, y, 100 + (r * 13 + y * 5) % 200);
        }
        if (interrupt && r == n / 2) len += (size_t)snprintf(s + len, cap - len, "R0,y,2017,1\n");
    }
    return s;
}

/* The verdicts of a walk over everything read, in report order. */
static char *held_verdicts(const mb_model *m, const char *csv, const mb_filter *f)
{
    mb_data *D = mbt_data_raw(m, "data.csv", csv, strlen(csv), 0);
    mb_data_finish(D);
    mb_eval e;
    mb_eval_init(&e, m, D, 0);
    e.threads = 1;
    named_lines c = {{NULL, 0}, D};
    mb_report_walk(&e, f, add_named, &c);
    mb_data_free(D);
    return c.l.s ? c.l.s : calloc(1, 1);
}

typedef struct streamed {
    char *text;
    int unsorted, changed, used_key, max_period;
    size_t obs_cap, nregions;
} streamed;

static streamed stream_verdicts(const mb_model *m, const char *csv, const mb_filter *f)
{
    mb_data *D = mb_data_new(m);
    cr_assert_not_null(D);
    mb_stream s;
    named_lines c = {{NULL, 0}, D};
    cr_assert(mb_stream_start(&s, m, D, f, 0, add_named, &c));
    cr_assert_eq(mb_data_load_mem(D, "data.csv", csv, strlen(csv), 0), 0);
    if (!D->unsorted) mb_data_finish(D);
    if (!D->unsorted) mb_stream_finish(&s);
    streamed r = {c.l.s ? c.l.s : calloc(1, 1), D->unsorted, s.changed, s.used_key, D->max_period, D->obs_cap, D->nregions};
    mb_stream_free(&s);
    mb_data_free(D);
    return r;
}

static mb_filter all_of(void)
{
    mb_filter f;
    memset(&f, 0, sizeof f);
    f.fail_mask = 1u << MB_ST_MISSED;
    return f;
}

Test(stream, sorted_input_gives_the_held_verdicts_in_a_small_window)
{
    mb_model *m = mbt_model(RULES, NULL);
    mb_filter f = all_of();
    cr_assert(mb_stream_possible(m, 1));
    char *csv = make_csv(3000, -1, 2020, 0);
    char *want = held_verdicts(m, csv, &f);
    streamed got = stream_verdicts(m, csv, &f);
    cr_assert_eq(got.unsorted, 0);
    cr_assert_eq(got.changed, 0);
    cr_assert_eq(got.used_key, got.max_period, "as-of used %d, latest period %d", got.used_key, got.max_period);
    cr_assert_eq(got.nregions, 3000);
    cr_assert_str_eq(got.text, want);
    cr_assert_gt(strlen(want), 3000 * 3 * 10, "too few verdicts: the test would prove nothing");
    /* R7 is compared with: the regions before it wait for it, then one region at a time */
    cr_assert_leq(got.obs_cap, 1024, "the store grew to %zu regions' rows while streaming", got.obs_cap);
    free(want);
    free(got.text);
    free(csv);
    mb_model_free(m);
}

Test(stream, the_store_holds_every_region_without_streaming)
{
    /* the other side of the test above: the window is small because of streaming */
    mb_model *m = mbt_model(RULES, NULL);
    char *csv = make_csv(3000, -1, 2020, 0);
    mb_data *D = mbt_data_raw(m, "data.csv", csv, strlen(csv), 0);
    cr_assert_geq(D->obs_cap, 3000);
    mb_data_free(D);
    free(csv);
    mb_model_free(m);
}

Test(stream, a_region_compared_with_that_comes_last_is_waited_for)
{
    mb_model *m = mbt_model(RULES, NULL);
    mb_filter f = all_of();
    char *csv = make_csv(9, -1, 2020, 0); /* R7 is the eighth of nine regions */
    char *want = held_verdicts(m, csv, &f);
    streamed got = stream_verdicts(m, csv, &f);
    cr_assert_str_eq(got.text, want);
    cr_assert(strstr(want, "C R0 2019 met") || strstr(want, "C R0 2019 missed"), "R0 against R7 was judged:\n%s", want);
    free(want);
    free(got.text);
    free(csv);
    mb_model_free(m);
}

Test(stream, a_region_compared_with_that_is_missing)
{
    mb_model *m = mbt_model(RULES, NULL);
    mb_filter f = all_of();
    char *csv = make_csv(5, -1, 2020, 0); /* no R7 */
    char *want = held_verdicts(m, csv, &f);
    streamed got = stream_verdicts(m, csv, &f);
    cr_assert_str_eq(got.text, want);
    cr_assert(strstr(want, "R7 is not in the data"), "%s", want);
    free(want);
    free(got.text);
    free(csv);
    mb_model_free(m);
}

Test(stream, rows_of_a_region_after_another_stop_streaming)
{
    mb_model *m = mbt_model(RULES, NULL);
    mb_filter f = all_of();
    char *csv = make_csv(20, -1, 2020, 1);
    streamed got = stream_verdicts(m, csv, &f);
    cr_assert_eq(got.unsorted, 1, "R0's row after R10's was not noticed");
    free(got.text);
    free(csv);
    mb_model_free(m);
}

Test(stream, a_later_period_in_a_later_region_is_noticed)
{
    /* Every region but R12 stops at 2018: the first regions are judged as of 2018, and R12's
     * 2020 moves the as-of. The caller must read again. */
    static const char rules[] = "indicator y \"y\" unit 家 higher;\ntarget B: y >= 2 × base 2016 by 2020;\n";
    mb_model *m = mbt_model(rules, NULL);
    mb_filter f = all_of();
    char *csv = make_csv(20, 12, 2018, 0);
    streamed got = stream_verdicts(m, csv, &f);
    cr_assert_eq(got.unsorted, 0);
    cr_assert(got.changed || got.used_key != got.max_period, "as-of used %d, latest period %d", got.used_key,
              got.max_period);
    free(got.text);
    free(csv);
    mb_model_free(m);
}

Test(stream, not_for_plans_naming_regions_or_checks_between_indicators)
{
    static const char named[] =
        "indicator x \"x\" unit % higher;\n"
        "plan p { name \"p\" region \"R1\" base 2016 deadline 2018 }\n"
        "target A: x >= 2.5% by 2018;\n";
    mb_model *m = mbt_model(named, NULL);
    cr_assert_not(mb_stream_possible(m, 0));
    mb_model_free(m);
}
