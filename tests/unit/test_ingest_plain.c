/* test_ingest_plain.c — the plain-row path of the CSV reader (data/ingest_plain.c) against
 * the general reader (csv.c), on the same text: generated submissions of rows that are
 * mostly plain, with odd ones among them (quotes, padding, UTF-8 and invalid bytes, CR, blank
 * and long lines, missing and extra fields, bad periods and values, units, duplicates,
 * conflicts, data checks, unknown and derived indicators). Both readings must give the same
 * row counts, the same diagnostics as printed (file:line:col, message, caret) and the same
 * stored values. The rows of interest are followed by plain rows, since the last 64 bytes of
 * a text are always read by the general reader. */
#include <criterion/criterion.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "test_eval_support.h"

static const char RULES[] =
    "plan p {\n  name \"采集测试\"\n  base 2016\n  deadline 2020\n}\n"
    "indicator rd \"研发投入占比\" unit % higher;\n"
    "indicator cnt \"高新技术企业数\" unit 家 higher integer;\n"
    "indicator money \"研发经费\" unit 亿元 higher;\n"
    "indicator ratio \"比例\" unit 亿元 higher = money / rd;\n"
    "indicator val \"数值\" unit 1 higher;\n"
    "target T1: rd >= 2.74% by 2020 phrase \"达到2.74%\";\n"
    "target T2: cnt >= 1200 家 by 2020 phrase \"达到1200家\";\n"
    "target T3: money >= 28亿元 by 2020 phrase \"达到28亿元\";\n"
    "target T7: ratio >= 1 by 2020 phrase \"比例\";\n"
    "target T8: val >= 0 by 2020 phrase \"数值\";\n"
    "check bounds \"占比在0到100之间\": rd between 0 and 100;\n";

/* A small fixed generator, so a failure names a seed that reproduces it. */
static unsigned next(unsigned *s)
{
    *s = *s * 1103515245u + 12345u;
    return (*s >> 16) & 0x7fff;
}

static const char *pick(unsigned *s, const char *const *v, size_t n) { return v[next(s) % n]; }

#define PICK(s, v) pick((s), (v), sizeof(v) / sizeof *(v))

/* The long name puts the value past the 48th byte of a 64-byte line: names are compared 16
 * bytes at a time only where 16 bytes can be read. */
static const char *const REGIONS[] = {"R1", "R2", "R3", "南通市", "R4", "R5", "R_a_region_with_a_long_name_0123"};
static const char *const INDS[] = {"rd", "cnt", "money", "val", "ratio", "other", "rd", "cnt", "val"};
static const char *const YEARS[] = {"2016", "2017", "2018", "2019", "2020", "2013", "2021", "2018"};
static const char *const VALUES[] = {"1.5", "12", "-2", "+3.25", "0.001", "1200", "7", "99.5", "0", "-.5", "007",
                                     "12345678", "-1234567.8", "0.0"};
/* What a row may get instead of a plain field, or added to it. */
static const char *const ODD[] = {
    "\"q\"", "\"a,b\"", "\"x\"\"y\"", " rd", "rd ", "\xe3\x80\x80rd", "\xff", "\xe4\xb8\xad",
    "", "2018Q3", "2019-03", "1899", "20x8", "1,234", "1e3", "5.", ".5", "12345678901234567890", "abc",
    "\r", " ", "-", "R1\xef\xbb\xbf", "２０１８", "１．５", ".", "-.", "+", "1.2.3", "2O18", "201", "20188", "2018 ",
    "\t2018", "3000", "1900", "1/2", ":", "9999999999999999999"};

/* Column layouts: the usual four; with a unit; the four in another order with a column
 * no reader looks at (`note`). ORDER[k] is the field written in column i. */
enum { PLAIN, UNIT, SHUFFLED };
static const char *const HEADERS[] = {"region,indicator,period,value\n", "region,indicator,period,value,unit\n",
                                      "value,note,period,region,indicator\n"};
static const int ORDER[][5] = {{0, 1, 2, 3, 4}, {0, 1, 2, 3, 4}, {3, 4, 2, 0, 1}};

/* One submission: a header (layout `unit`: PLAIN, UNIT or SHUFFLED), then `n` rows. */
static char *submission(unsigned seed, int unit, size_t n, size_t *len)
{
    size_t cap = 256 + n * 160, at = 0;
    char *b = malloc(cap);
    cr_assert_not_null(b);
    at += (size_t)snprintf(b + at, cap - at, "%s", HEADERS[unit]);
    unsigned s = seed;
    const char *reg = REGIONS[0];
    for (size_t i = 0; i < n; i++) {
        if (next(&s) % 8 == 0) reg = PICK(&s, REGIONS); /* runs of one region, as in sorted files */
        const char *f[5] = {reg, PICK(&s, INDS), PICK(&s, YEARS), PICK(&s, VALUES), ""};
        if (unit == UNIT) f[4] = next(&s) % 4 ? "" : next(&s) % 2 ? "%" : "万元";
        if (unit == SHUFFLED) f[4] = next(&s) % 2 ? "" : "n";
        size_t nf = unit == PLAIN ? 4 : 5;
        unsigned odd = next(&s) % 6 == 0;
        if (odd) f[next(&s) % nf] = PICK(&s, ODD);
        unsigned shape = odd ? next(&s) % 12 : 99;
        for (size_t k = 0; k < nf; k++) {
            if (k) b[at++] = ',';
            at += (size_t)snprintf(b + at, cap - at, "%s", f[ORDER[unit][k]]);
        }
        if (shape == 0) at += (size_t)snprintf(b + at, cap - at, ",extra");               /* too many fields */
        if (shape == 1) at -= strlen(f[ORDER[unit][nf - 1]]) + 1;                            /* too few */
        if (shape == 2) at += (size_t)snprintf(b + at, cap - at, "%60s", "");                /* a long line */
        if (shape == 3) b[at++] = '\r';                                                      /* CRLF */
        b[at++] = '\n';
        if (shape == 4) b[at++] = '\n';                                                      /* a blank line */
        if (shape == 5) at += (size_t)snprintf(b + at, cap - at, "\r\n");                    /* a blank CRLF line */
        cr_assert_lt(at + 200, cap);
    }
    /* the last 64 bytes always go to the general reader: end with plain rows */
    static const char *const TAIL[] = {"R9,val,2020,%d\n", "R9,val,2020,%d,\n", "%d,,2020,R9,val\n"};
    for (int k = 0; k < 4; k++) at += (size_t)snprintf(b + at, cap - at, TAIL[unit], k);
    b[at] = 0;
    *len = at;
    return b;
}

typedef struct reading {
    mb_data *D;
    char *diags;
} reading;

static reading read_as(const mb_model *m, const char *text, size_t len, int general)
{
    reading r;
    r.D = mb_data_new(m);
    cr_assert_not_null(r.D);
    r.D->general_csv = general;
    cr_assert_eq(mb_data_load_mem(r.D, "sub.csv", text, len, 0), 0);
    mb_data_finish(r.D);
    r.diags = mbt_diags_text(&r.D->diags);
    cr_assert_not_null(r.diags);
    return r;
}

static void same_reading(const reading *a, const reading *b, unsigned seed, const char *text)
{
    const mb_rowcount *x = &a->D->count, *y = &b->D->count;
    cr_assert_str_eq(a->diags, b->diags, "seed %u: diagnostics differ\n%s", seed, text);
    cr_assert(x->rows == y->rows && x->used == y->used && x->unused_indicator == y->unused_indicator &&
                  x->unused_period == y->unused_period && x->unused_region == y->unused_region &&
                  x->duplicate == y->duplicate && x->rejected == y->rejected,
              "seed %u: counts differ (rows %zu/%zu used %zu/%zu rejected %zu/%zu)\n%s", seed, x->rows, y->rows,
              x->used, y->used, x->rejected, y->rejected, text);
    /* the names of rows not read, with their counts (the run's summary lists them) */
    const mb_map *na[2] = {&a->D->unknown, &a->D->unread}, *nb[2] = {&b->D->unknown, &b->D->unread};
    for (int k = 0; k < 2; k++) {
        const char *sa[8], *sb[8];
        size_t la[8], lb[8], ca[8], cb[8];
        size_t n = mb_data_top_names(na[k], 8, sa, la, ca);
        cr_assert_eq(n, mb_data_top_names(nb[k], 8, sb, lb, cb), "seed %u: names not read differ", seed);
        for (size_t i = 0; i < n && i < 8; i++)
            cr_assert(la[i] == lb[i] && !memcmp(sa[i], sb[i], la[i]) && ca[i] == cb[i],
                      "seed %u: names not read differ: %.*s", seed, (int)la[i], sa[i]);
    }
    cr_assert_eq(a->D->max_year, b->D->max_year, "seed %u", seed);
    cr_assert_eq(a->D->max_period, b->D->max_period, "seed %u", seed);
    cr_assert_eq(a->D->nregions, b->D->nregions, "seed %u", seed);
    for (size_t r = 0; r < a->D->nregions; r++) {
        cr_assert_str_eq(a->D->region_names[r], b->D->region_names[r], "seed %u", seed);
        for (size_t k = 0; k < a->D->nslots; k++) {
            const mb_obs *p = &a->D->obs[r * a->D->nslots + k], *q = &b->D->obs[r * b->D->nslots + k];
            cr_assert(p->state == q->state && p->m == q->m && p->exp == q->exp && p->line == q->line,
                      "seed %u: region %s slot %zu differs", seed, a->D->region_names[r], k);
        }
    }
}

/* The same rules for a plan that names its regions: rows of the others are counted apart
 * (and the store holds only R1 and R2). */
static char *rules_naming_regions(void)
{
    static const char from[] = "  base 2016\n";
    const char *at = strstr(RULES, from);
    cr_assert_not_null(at);
    size_t head = (size_t)(at - RULES);
    char *r = malloc(sizeof RULES + 64);
    cr_assert_not_null(r);
    snprintf(r, sizeof RULES + 64, "%.*s  region \"R1\", \"R2\"\n%s", (int)head, RULES, at);
    return r;
}

/* Returns the rows of regions no plan reads. */
static size_t compare_with(const char *rules, unsigned seed, int unit, size_t rows)
{
    mb_model *m = mbt_model(rules, NULL);
    size_t len;
    char *text = submission(seed, unit, rows, &len);
    reading a = read_as(m, text, len, 0), b = read_as(m, text, len, 1);
    same_reading(&a, &b, seed, text);
    cr_assert_gt(a.D->count.used, 0, "seed %u: nothing stored, the comparison says little", seed);
    size_t unread = a.D->count.unused_region;
    mb_data_free(a.D);
    mb_data_free(b.D);
    free(a.diags);
    free(b.diags);
    free(text);
    mb_model_free(m);
    return unread;
}

static void compare(unsigned seed, int unit, size_t rows) { compare_with(RULES, seed, unit, rows); }

Test(ingest_plain, same_as_general_reader)
{
    for (unsigned seed = 1; seed <= 60; seed++) compare(seed, PLAIN, 300);
}

Test(ingest_plain, same_as_general_reader_regions_no_plan_reads)
{
    char *rules = rules_naming_regions();
    for (unsigned seed = 1; seed <= 20; seed++)
        cr_assert_gt(compare_with(rules, seed, PLAIN, 300), 0, "seed %u: no row of a region no plan reads", seed);
    free(rules);
}

Test(ingest_plain, same_as_general_reader_with_units)
{
    for (unsigned seed = 1; seed <= 30; seed++) compare(seed, UNIT, 300);
}

Test(ingest_plain, same_as_general_reader_columns_in_another_order)
{
    for (unsigned seed = 1; seed <= 30; seed++) compare(seed, SHUFFLED, 300);
}

/* Rows that are all plain, with every kind of row the plain path takes itself: stored,
 * duplicate, conflicting, out of the years read, unknown and derived indicators. */
Test(ingest_plain, plain_rows_only)
{
    const char *text = "region,indicator,period,value\n"
                       "R1,rd,2018,1.5\nR1,rd,2018,1.5\nR1,rd,2019,2\nR1,rd,2019,3\nR1,rd,2019,4\n"
                       "R1,rd,2013,9\nR1,other,2018,1\nR1,ratio,2018,1\nR2,cnt,2020,1200\nR2,money,2020,-0.5\n"
                       "R2,val,2020,0\nR3,val,2017,1\nR3,val,2017,1\nR3,val,2017,1\nR3,val,2018,2\n"
                       "R9,val,2020,0\nR9,val,2020,0\nR9,val,2020,0\nR9,val,2020,0\nR9,val,2020,0\n";
    mb_model *m = mbt_model(RULES, NULL);
    reading a = read_as(m, text, strlen(text), 0), b = read_as(m, text, strlen(text), 1);
    same_reading(&a, &b, 0, text);
    mbt_assert_rows(a.D, 20);
    cr_assert_eq(a.D->count.duplicate, 7);
    cr_assert_eq(a.D->count.unused_indicator, 2);
    cr_assert_str_eq(a.diags,
                     "sub.csv:3:12: warning: duplicate observation for R1, rd, 2018: same value as sub.csv:2\n"
                     "  R1,rd,2018,1.5\n"
                     "             ^~~\n"
                     "sub.csv:5:12: error: conflicting values for R1, rd, 2019: 3 here, 2 at sub.csv:4\n"
                     "  R1,rd,2019,3\n"
                     "             ^\n"
                     "sub.csv:6:12: error: conflicting values for R1, rd, 2019: rows with different values came "
                     "before (first at sub.csv:4)\n"
                     "  R1,rd,2019,4\n"
                     "             ^\n"
                     "sub.csv:14:13: warning: duplicate observation for R3, val, 2017: same value as sub.csv:13\n"
                     "  R3,val,2017,1\n"
                     "              ^\n"
                     "sub.csv:15:13: warning: duplicate observation for R3, val, 2017: same value as sub.csv:13\n"
                     "  R3,val,2017,1\n"
                     "              ^\n"
                     "sub.csv:18:13: warning: duplicate observation for R9, val, 2020: same value as sub.csv:17\n"
                     "  R9,val,2020,0\n"
                     "              ^\n"
                     "sub.csv:19:13: warning: duplicate observation for R9, val, 2020: same value as sub.csv:17\n"
                     "  R9,val,2020,0\n"
                     "              ^\n"
                     "sub.csv:20:13: warning: duplicate observation for R9, val, 2020: same value as sub.csv:17\n"
                     "  R9,val,2020,0\n"
                     "              ^\n"
                     "sub.csv:21:13: warning: duplicate observation for R9, val, 2020: same value as sub.csv:17\n"
                     "  R9,val,2020,0\n"
                     "              ^\n");
    mb_data_free(a.D);
    mb_data_free(b.D);
    free(a.diags);
    free(b.diags);
    mb_model_free(m);
}
