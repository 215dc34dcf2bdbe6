/* test_jsonin_fast.c — the JSON reader's fast path (data/jsonin_fast.c) against the full
 * parser, on the same text. Generated submissions of mostly common observations with odd ones
 * among them (every kind of value: negative numbers, exponents, numbers too big, strings with
 * escapes, CJK and padded names, null, periods as integers, units, unknown, missing and
 * repeated members, blanks, tabs, newlines and CRs inside an object, elements that are not
 * objects, nesting, syntax errors) and the bundled examples as JSON submissions must give:
 * the same observations with the same positions (reader level); the same diagnostics as
 * printed, row counts and stored values; and byte-identical CSV reports and JSON reports with
 * the trace (every verdict, every value's position). */
#include <criterion/criterion.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "jsonin.h"
#include "report.h"
#include "test_eval_support.h"

static const char RULES[] =
    "plan p {\n  name \"采集测试\"\n  base 2016\n  deadline 2020\n}\n"
    "indicator rd \"研发投入占比\" unit % higher;\n"
    "indicator cnt \"高新技术企业数\" unit 家 higher integer;\n"
    "indicator money \"研发经费\" unit 亿元 higher;\n"
    "indicator ratio \"比例\" unit 亿元 higher = money / rd;\n"
    "indicator val \"数值\" unit 1 higher;\n"
    "indicator 研发 \"研发人员\" unit 人 higher;\n"
    "target T1: rd >= 2.74% by 2020 phrase \"达到2.74%\";\n"
    "target T2: cnt >= 1200 家 by 2020 phrase \"达到1200家\";\n"
    "target T3: money >= 28亿元 by 2020 phrase \"达到28亿元\";\n"
    "target T4: 研发 grow 10% from 2016 by 2020 phrase \"增长10%\";\n"
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

/* Member values as JSON text; the common ones first, odd ones after. */
static const char *const REGIONS[] = {"\"R1\"", "\"R2\"", "\"南通市\"", "\"R3\"", "\"Ｒ４\""};
static const char *const ODD_REGIONS[] = {"\" R1\"", "\"R\\u0031\"", "\"南\\u901a市\"", "\"R1\xef\xbb\xbf\"", "\"\"",
                                          "1", "null", "\"R\\\"1\"", "\"\\ud83d\\ude00\""};
static const char *const INDS[] = {"\"rd\"", "\"cnt\"", "\"money\"", "\"val\"", "\"ratio\"", "\"other\"", "\"研发\""};
static const char *const ODD_INDS[] = {"\"r\\u0064\"", "\" rd\"", "\"rd \"", "\"\"", "\"研\\u53d1\"", "true",
                                       "\"\xef\xbd\x92\xef\xbd\x84\""};
static const char *const PERIODS[] = {"\"2016\"", "\"2017\"", "\"2018\"", "\"2019\"", "\"2020\"", "2020", "2018",
                                      "\"2013\""};
static const char *const ODD_PERIODS[] = {"\"2018Q3\"", "\"2019-03\"", "2018.0", "2018e0", "null", "\"２０１８\"",
                                          "-2018", "\"20x8\"", "\"1899\"", "[2018]"};
static const char *const VALUES[] = {"1.5", "12", "-2", "0.001", "1200", "99.5", "0", "3.25", "28", "0.5",
                                     "123456789012345.5", "1234567890123456", "12345678901234567"};
static const char *const ODD_VALUES[] = {"1e3", "1E-2", "-0.5e+2", "12345678901234567890", "\"1.5\"", "\" 7 \"",
                                         "\"１．５\"", "null", "true", "\"abc\"", "{\"a\":[1,{}]}", "-0", "0.000",
                                         "1234567890.123456789", "\"1,234\"", "150"};
static const char *const UNITS[] = {"\"%\"", "\"万元\"", "null", "\"家\"", "1", "\"\"", "\"亿\\u5143\""};
/* Text between the pieces of an object: most often none. */
static const char *const GAPS[] = {"", "", "", "", " ", "\t", "  "};
static const char *const ODD_GAPS[] = {"\n", "\r\n", "\r", " \n "};
static const char *const SEPS[] = {",\n", ",\n", ", ", ",", ",\r\n", " ,\n\n"};
/* Elements that are not observations, or end the reading with a syntax error. */
static const char *const ODD_ELEMENTS[] = {"{}", "1", "\"x\"", "null", "[]", "{\"region\":\"R1\"}"};
static const char *const FATAL[] = {"{\"region\":\"R\xff\"}", "{\"region\":\"R1\",}", "{\"region\":01}",
                                    "{\"region\":\"R1\",\"value\":1.}", "{\"region\":\"a\x01\"}", "{'region':1}",
                                    "{\"region\":\"R1\" \"indicator\":\"rd\"}", "{\"region\":\"\\x\"}"};

static const char *gap(unsigned *s, int odd) { return odd && next(s) % 10 == 0 ? PICK(s, ODD_GAPS) : PICK(s, GAPS); }

/* One observation object, appended at b + *at. */
static void object(unsigned *s, char *b, size_t *at, size_t cap)
{
    int odd = next(s) % 4 == 0;
    /* half the objects are written tight, as exports write them: nothing between the pieces
     * (the fast path's exact shape when the rest is common, its near misses when it is not) */
    int tight = next(s) % 2 == 0;
    const char *names[8] = {"region", "indicator", "period", "value", "unit"};
    const char *vals[8] = {PICK(s, REGIONS), PICK(s, INDS), PICK(s, PERIODS), PICK(s, VALUES), PICK(s, UNITS)};
    size_t n = next(s) % 3 == 0 ? 5 : 4;
    if (odd) {
        switch (next(s) % 9) {
        case 0: vals[0] = PICK(s, ODD_REGIONS); break;
        case 1: vals[1] = PICK(s, ODD_INDS); break;
        case 2: vals[2] = PICK(s, ODD_PERIODS); break;
        case 3: case 4: vals[3] = PICK(s, ODD_VALUES); break;
        case 5: names[n] = "note", vals[n++] = next(s) % 2 ? "\"见附表\"" : "{\"x\":[1,2,{\"y\":null}]}"; break;
        case 6: names[n] = names[next(s) % n], vals[n] = PICK(s, VALUES), n++; break; /* repeated */
        case 7: names[next(s) % 4] = next(s) % 2 ? "regio" : "Region"; break;         /* one missing */
        default: break; /* odd blanks only */
        }
        if (next(s) % 3 == 0) { /* another order */
            size_t a = next(s) % n, c = next(s) % n;
            const char *tn = names[a], *tv = vals[a];
            names[a] = names[c], vals[a] = vals[c], names[c] = tn, vals[c] = tv;
        }
    }
    *at += (size_t)snprintf(b + *at, cap - *at, "{%s", tight ? "" : gap(s, odd));
    for (size_t i = 0; i < n; i++)
        *at += (size_t)snprintf(b + *at, cap - *at, "%s\"%s\"%s:%s%s%s", i ? "," : "", names[i],
                                tight ? "" : gap(s, odd), tight ? "" : gap(s, odd), vals[i],
                                tight ? "" : gap(s, odd));
    *at += (size_t)snprintf(b + *at, cap - *at, "}");
}

/* One submission of `n` elements. fatal: may end with a syntax error or a truncated object. */
static char *submission(unsigned seed, size_t n, int fatal, size_t *len)
{
    size_t cap = 512 + n * 256, at = 0;
    char *b = malloc(cap);
    cr_assert_not_null(b);
    unsigned s = seed;
    at += (size_t)snprintf(b, cap, "%s[\n", next(&s) % 5 == 0 ? "\xef\xbb\xbf" : "");
    for (size_t i = 0; i < n; i++) {
        if (i) at += (size_t)snprintf(b + at, cap - at, "%s", PICK(&s, SEPS));
        if (next(&s) % 40 == 0) at += (size_t)snprintf(b + at, cap - at, "%s", PICK(&s, ODD_ELEMENTS));
        else object(&s, b, &at, cap);
        cr_assert_lt(at + 300, cap);
    }
    if (fatal && next(&s) % 2) {
        at += (size_t)snprintf(b + at, cap - at, ",\n%s", PICK(&s, FATAL));
    } else if (fatal) {
        size_t before = at;
        at += (size_t)snprintf(b + at, cap - at, ",\n");
        object(&s, b, &at, cap);
        at = before + 2 + (at - before - 2) * (next(&s) % 100) / 100; /* cut inside the object */
    }
    at += (size_t)snprintf(b + at, cap - at, "%s", fatal ? "" : "\n]\n");
    b[at] = 0;
    *len = at;
    return b;
}

/* ---- the reader: the same fields, with the same positions ---- */

typedef struct sink {
    FILE *f;
    char *buf;
    size_t len;
    long plain; /* rows the fast path passed */
} sink;

static int sink_row(void *ctx, const mb_csv_field *f, size_t nf)
{
    sink *k = ctx;
    cr_assert_eq(nf, MB_JSONIN_NFIELDS);
    for (size_t i = 0; i < nf; i++) {
        fprintf(k->f, "%s%s", i ? "|" : "", f[i].s ? "" : "(none)");
        if (f[i].s) fwrite(f[i].s, 1, f[i].n, k->f);
        fprintf(k->f, "@%zu:%u:%zu", f[i].off, f[i].line, f[i].line_start);
    }
    fputc('\n', k->f);
    return 0;
}

static int sink_plain(void *ctx, const mb_csv_field *f, size_t nf)
{
    ((sink *)ctx)->plain++;
    return sink_row(ctx, f, nf);
}

typedef struct reading { char *rows, *diags; long count, plain; } reading;

static reading read_text(const char *text, size_t len, int fast)
{
    mb_text t = {"sub.json", text, len};
    mb_diags d;
    mb_diags_init(&d, 0);
    sink k = {0};
    k.f = open_memstream(&k.buf, &k.len);
    reading r;
    r.count = fast ? mb_jsonin_read_plain(&t, sink_row, sink_plain, &k, &d) : mb_jsonin_read(&t, sink_row, &k, &d);
    fclose(k.f);
    r.rows = k.buf;
    r.plain = k.plain;
    r.diags = mbt_diags_text(&d);
    mb_diags_free(&d);
    return r;
}

static long reader_compare(const char *text, size_t len, unsigned seed)
{
    reading a = read_text(text, len, 1), b = read_text(text, len, 0);
    cr_assert_str_eq(a.diags, b.diags, "seed %u: diagnostics differ\n%s", seed, text);
    cr_assert_str_eq(a.rows, b.rows, "seed %u: observations differ\n%s", seed, text);
    cr_assert_eq(a.count, b.count, "seed %u", seed);
    long plain = a.plain;
    free(a.rows), free(a.diags), free(b.rows), free(b.diags);
    return plain;
}

Test(jsonin_fast, reader_same_as_full_parser)
{
    long plain = 0, all = 0;
    for (unsigned seed = 1; seed <= 200; seed++) {
        size_t len;
        char *text = submission(seed, 150, seed % 4 == 0, &len);
        plain += reader_compare(text, len, seed);
        all += 150;
        free(text);
    }
    /* most objects are common ones: if none went the fast way, this compared nothing */
    cr_assert_gt(plain, all / 2, "only %ld of %ld observations took the fast path", plain, all);
}

/* Every prefix of a text: the input ends at every byte of a common object. */
Test(jsonin_fast, reader_every_truncation)
{
    const char *text = "[{\"region\":\"南通市\",\"indicator\":\"rd\",\"period\":2018,\"value\":-1.5e+2,\"unit\":null},\n"
                       " {\"region\" : \"R1\", \"indicator\" : \"rd\", \"period\" : \"2018\", \"value\" : null},\n"
                       "{\"region\":\"南通市\",\"indicator\":\"rd\",\"period\":\"2018\",\"value\":-1.5e+2},\n"
                       "{\"region\":\"R1\",\"indicator\":\"rd\",\"period\":\"2018\",\"value\":0}\n]";
    for (size_t n = 0; n <= strlen(text); n++) reader_compare(text, n, (unsigned)n);
    cr_assert_eq(reader_compare(text, strlen(text), 0), 4);
}

/* Values of an object of the exact shape, with a common object after it (so the digit scan
 * of jsonin_fast.c has its 16 bytes): numbers it takes, and numbers and near numbers it must
 * leave to number() or to the full parser. */
Test(jsonin_fast, reader_exact_shape_numbers)
{
    static const char *const values[] = {"0", "7", "0.5", "10", "1.25", "99999.125", "123456789012345",
                                         "1234567890123456", "12345678901234567", "-1", "-0.5", "1e5", "2.5E-3",
                                         "", "1.", ".5", "1.2.3", "05", "00.5", "0x1", "1..2", "+1", "1 ", "1\t",
                                         "\"1\"", "null", "1,", "1}", "0.", "-", "-.5", "9.9.", "١"};
    for (size_t i = 0; i < sizeof values / sizeof *values; i++) {
        char text[512];
        int len = snprintf(text, sizeof text,
                           "[{\"region\":\"R1\",\"indicator\":\"rd\",\"period\":\"2018\",\"value\":%s},\n"
                           "{\"region\":\"R2\",\"indicator\":\"rd\",\"period\":\"2018\",\"value\":1.5}\n]\n",
                           values[i]);
        long plain = reader_compare(text, (size_t)len, (unsigned)i);
        if (i < 13) cr_assert_eq(plain, 2, "value %s: the fast path took %ld objects", values[i], plain);
    }
}

/* ---- the store and the reports: the same answers ---- */

typedef struct run { mb_data *D; char *diags, *csv, *trace; } run;

static char *report(const mb_eval *e, int json)
{
    char *buf = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&buf, &len);
    cr_assert_not_null(f);
    mb_filter flt;
    memset(&flt, 0, sizeof flt);
    flt.fail_mask = 1u << MB_ST_MISSED;
    if (json) mb_report_json(f, e, &flt, 1);
    else mb_report_csv(f, e, &flt);
    fclose(f);
    return buf;
}

static run run_as(const mb_model *m, const char *text, size_t len, int general)
{
    run r;
    r.D = mb_data_new(m);
    cr_assert_not_null(r.D);
    r.D->general_json = general;
    cr_assert_eq(mb_data_load_mem(r.D, "sub.json", text, len, 1), 0);
    mb_data_finish(r.D);
    r.diags = mbt_diags_text(&r.D->diags);
    mb_eval e;
    mb_eval_init(&e, m, r.D, 0);
    r.csv = report(&e, 0);
    r.trace = report(&e, 1);
    return r;
}

static void run_free(run *r)
{
    mb_data_free(r->D);
    free(r->diags), free(r->csv), free(r->trace);
}

static void same_run(const mb_model *m, const char *text, size_t len, const char *what)
{
    run a = run_as(m, text, len, 0), b = run_as(m, text, len, 1);
    const mb_rowcount *x = &a.D->count, *y = &b.D->count;
    cr_assert_str_eq(a.diags, b.diags, "%s: diagnostics differ\n%s", what, text);
    cr_assert(x->rows == y->rows && x->used == y->used && x->unused_indicator == y->unused_indicator &&
                  x->unused_period == y->unused_period && x->unused_region == y->unused_region &&
                  x->duplicate == y->duplicate && x->rejected == y->rejected,
              "%s: counts differ (rows %zu/%zu used %zu/%zu rejected %zu/%zu)", what, x->rows, y->rows, x->used,
              y->used, x->rejected, y->rejected);
    cr_assert_eq(a.D->nregions, b.D->nregions, "%s", what);
    for (size_t r = 0; r < a.D->nregions; r++) {
        cr_assert_str_eq(a.D->region_names[r], b.D->region_names[r], "%s", what);
        for (size_t k = 0; k < a.D->nslots; k++) {
            const mb_obs *p = &a.D->obs[r * a.D->nslots + k], *q = &b.D->obs[r * b.D->nslots + k];
            cr_assert(p->state == q->state && p->m == q->m && p->exp == q->exp && p->line == q->line,
                      "%s: region %s slot %zu differs", what, a.D->region_names[r], k);
        }
    }
    cr_assert_str_eq(a.csv, b.csv, "%s: CSV reports differ", what);
    cr_assert_str_eq(a.trace, b.trace, "%s: JSON reports with the trace differ", what);
    cr_assert_gt(strlen(a.csv), 200, "%s: hardly a report, the comparison says little", what);
    run_free(&a);
    run_free(&b);
}

Test(jsonin_fast, reports_same_as_full_parser)
{
    mb_model *m = mbt_model(RULES, NULL);
    for (unsigned seed = 1; seed <= 40; seed++) {
        size_t len;
        char *text = submission(seed, 300, seed % 5 == 0, &len);
        char what[32];
        snprintf(what, sizeof what, "seed %u", seed);
        same_run(m, text, len, what);
        free(text);
    }
    mb_model_free(m);
}

/* ---- the examples, as JSON submissions ---- */

typedef struct conv { FILE *f; int col[5]; int rows; } conv;

static void json_string(FILE *f, const char *s, size_t n)
{
    fputc('"', f);
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)s[i];
        if (c == '"' || c == '\\') fprintf(f, "\\%c", c);
        else if (c < 0x20) fprintf(f, "\\u%04x", c);
        else fputc(c, f);
    }
    fputc('"', f);
}

/* -?(0|[1-9][0-9]*)(.[0-9]+)? — the numbers CSV fields hold that JSON can take as they are. */
static int json_number(const char *s, size_t n)
{
    size_t i = n && s[0] == '-';
    size_t d = i;
    while (i < n && s[i] >= '0' && s[i] <= '9') i++;
    if (i == d || (s[d] == '0' && i > d + 1)) return 0;
    if (i < n && s[i] == '.') {
        size_t f = ++i;
        while (i < n && s[i] >= '0' && s[i] <= '9') i++;
        if (i == f) return 0;
    }
    return i == n;
}

/* A CSV record as a JSON object: the value as a number when it is written as one (else a
 * string), the unit when there is one, other columns left out. */
static int conv_row(void *ctx, const mb_csv_field *f, size_t nf)
{
    conv *c = ctx;
    static const char *const names[] = {"region", "indicator", "period", "value", "unit"};
    if (c->rows++ == 0) {
        for (int k = 0; k < 5; k++) {
            c->col[k] = -1;
            for (size_t i = 0; i < nf; i++)
                if (f[i].n == strlen(names[k]) && !memcmp(f[i].s, names[k], f[i].n)) c->col[k] = (int)i;
        }
        return 0;
    }
    fputs(c->rows > 2 ? ",\n{" : "{", c->f);
    for (int k = 0; k < 5; k++) {
        if (c->col[k] < 0 || (size_t)c->col[k] >= nf || (k == 4 && !f[c->col[k]].n)) continue;
        const mb_csv_field *x = &f[c->col[k]];
        fprintf(c->f, "%s\"%s\":", k ? "," : "", names[k]);
        int number = k == 3 && json_number(x->s, x->n);
        if (number) fwrite(x->s, 1, x->n, c->f);
        else json_string(c->f, x->s, x->n);
    }
    fputc('}', c->f);
    return 0;
}

static char *example_json(const char *csv_rel, size_t *len)
{
    size_t n;
    char *csv = mbt_read_file(mbt_src_path(csv_rel), &n);
    cr_assert_not_null(csv, "cannot read %s", csv_rel);
    mb_text t = {csv_rel, csv, n};
    mb_diags d;
    mb_diags_init(&d, 0);
    char *buf = NULL;
    conv c = {open_memstream(&buf, len), {0}, 0};
    fputs("[\n", c.f);
    mb_csv_read(&t, NULL, conv_row, &c, &d);
    fputs("\n]\n", c.f);
    fclose(c.f);
    cr_assert_eq(d.errors, 0, "%s does not read cleanly", csv_rel);
    cr_assert_gt(c.rows, 2, "%s", csv_rel);
    mb_diags_free(&d);
    free(csv);
    return buf;
}

Test(jsonin_fast, examples_same_as_full_parser)
{
    static const char *const cases[][2] = {
        {"rules/nantong_2018.mb", "examples/nantong_2018/submission.csv"},
        {"rules/changzhou_2018.mb", "examples/changzhou_2018/submission.csv"},
        {"rules/haizhou_2015.mb", "examples/haizhou_2015/submission.csv"},
        {"rules/jiangyin_2018_2020.mb", "examples/jiangyin_2018_2020/submission.csv"},
        {"rules/nanjing_2022_2024.mb", "examples/nanjing_2022_2024/submission.csv"},
        {"examples/county_2025/plan.mb", "examples/county_2025/submission.csv"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
        mb_model *m = mb_model_new();
        mb_diags d;
        mb_diags_init(&d, 50);
        int rc = mb_model_load(m, mbt_src_path(cases[i][0]), &d);
        if (rc == 0) rc = mb_model_check(m, &d);
        cr_assert(rc == 0 && d.errors == 0, "%s does not check", cases[i][0]);
        mb_diags_free(&d);
        size_t len;
        char *text = example_json(cases[i][1], &len);
        reader_compare(text, len, (unsigned)i);
        cr_assert_gt(reader_compare(text, len, (unsigned)i), 20, "%s: the fast path took few rows", cases[i][1]);
        same_run(m, text, len, cases[i][1]);
        free(text);
        mb_model_free(m);
    }
}
