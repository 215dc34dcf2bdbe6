/* test_jsonin.c — the JSON submission reader: observations, positions, strictness, errors. */
#include <criterion/criterion.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "jsonin.h"
#include "support.h"

/* Observations rendered one per line: fields joined by '|', a missing one as "(none)". */
typedef struct sink {
    FILE *f;
    char *buf;
    size_t len;
    long stop_at;  /* return nonzero on this observation (1-based); 0: never */
    long seen;
    int positions; /* append "@line:col" (col in bytes, 1-based) to each field */
} sink;

static int sink_row(void *ctx, const mb_csv_field *f, size_t nf)
{
    sink *k = ctx;
    cr_assert_eq(nf, MB_JSONIN_NFIELDS);
    for (size_t i = 0; i < nf; i++) {
        if (i) fputc('|', k->f);
        if (!f[i].s) {
            cr_assert_eq(f[i].n, 0);
            fputs("(none)", k->f);
        }
        for (size_t j = 0; j < f[i].n; j++) {
            if (f[i].s[j] == '\n') fputs("\\n", k->f);
            else fputc(f[i].s[j], k->f);
        }
        if (k->positions)
            fprintf(k->f, "@%u:%zu", f[i].line, f[i].off - f[i].line_start + 1);
    }
    fputc('\n', k->f);
    return ++k->seen == k->stop_at;
}

typedef struct result {
    char *rows;
    char *diags;
    long count;
    size_t errors;
} result;

static result read_with(const char *src, size_t len, int positions, long stop_at, int fast)
{
    mb_text t = {"sub.json", src, len};
    mb_diags d;
    mb_diags_init(&d, 0);
    sink k = {0};
    k.f = open_memstream(&k.buf, &k.len);
    k.positions = positions;
    k.stop_at = stop_at;
    result r;
    r.count = fast ? mb_jsonin_read_plain(&t, sink_row, sink_row, &k, &d) : mb_jsonin_read(&t, sink_row, &k, &d);
    fclose(k.f);
    r.rows = k.buf;
    r.diags = mbt_diags_text(&d);
    r.errors = d.errors;
    mb_diags_free(&d);
    return r;
}

static void result_free(result *r);

/* Read by the full parser; the reader with its fast path (jsonin_fast.c) must give the same
 * observations, positions, diagnostics and count. */
static result read_full(const char *src, size_t len, int positions, long stop_at)
{
    result r = read_with(src, len, positions, stop_at, 0), f = read_with(src, len, 1, stop_at, 1);
    result p = positions ? r : read_with(src, len, 1, stop_at, 0);
    cr_assert_str_eq(f.rows, p.rows, "the fast path differs on: %.*s", (int)len, src);
    cr_assert_str_eq(f.diags, r.diags, "the fast path differs on: %.*s", (int)len, src);
    cr_assert_eq(f.count, r.count);
    if (!positions) result_free(&p);
    result_free(&f);
    return r;
}

static result read_s(const char *src) { return read_full(src, strlen(src), 0, 0); }
static result read_pos(const char *src) { return read_full(src, strlen(src), 1, 0); }

static void result_free(result *r)
{
    free(r->rows);
    free(r->diags);
}

#define EXPECT_READ(r, rows_, diags_, count_)                                              \
    do {                                                                                   \
        cr_expect_str_eq((r).rows, rows_);                                                 \
        cr_expect_str_eq((r).diags, diags_);                                               \
        cr_expect_eq((r).count, count_, "count %ld, expected %ld", (long)(r).count,         \
                     (long)(count_));                                                      \
    } while (0)

/* Only the first line of the diagnostics, for tests about the message alone. */
static char *first_line(const char *s)
{
    size_t n = strcspn(s, "\n");
    char *l = malloc(n + 1);
    memcpy(l, s, n);
    l[n] = 0;
    return l;
}

#define EXPECT_ERROR(src, rows_, msg)                                                      \
    do {                                                                                   \
        result r_ = read_s(src);                                                           \
        char *l_ = first_line(r_.diags);                                                   \
        cr_expect_str_eq(l_, msg, "input: %s\nmessage: %s", src, l_);                      \
        cr_expect_str_eq(r_.rows, rows_, "input: %s\nrows: %s", src, r_.rows);             \
        free(l_);                                                                          \
        result_free(&r_);                                                                  \
    } while (0)

#define OBS(region, value) "{\"region\":\"" region "\",\"indicator\":\"i\",\"period\":\"2018\"," \
                           "\"value\":" value "}"

/* ---- well-formed input ---- */

Test(jsonin, observations_with_positions)
{
    result r = read_pos("[\n"
                        "  {\"region\":\"南通市\",\"indicator\":\"rd_gdp\",\"period\":\"2018\","
                        "\"value\":2.74,\"unit\":\"%\"},\n"
                        "  {\"value\": \"3.10\", \"period\": 2019,\n"
                        "   \"indicator\": \"rd_gdp\", \"region\": \"南京市\"}\n"
                        "]\n");
    EXPECT_READ(r, "南通市@2:13|rd_gdp@2:37|2018@2:55|2.74@2:70|%@2:82\n"
                   "南京市@4:37|rd_gdp@4:17|2019@3:31|3.10@3:13|(none)@3:3\n", "", 2);
    result_free(&r);
}

Test(jsonin, numbers_keep_their_source_text)
{
    result r = read_s("[" OBS("a", "2.740") "," OBS("b", "-0.5") "," OBS("c", "1e3") ","
                      OBS("d", "12345678901234567890.123456789") "," OBS("e", "0") ","
                      OBS("f", "-1.5E-2") "]");
    EXPECT_READ(r, "a|i|2018|2.740|(none)\nb|i|2018|-0.5|(none)\nc|i|2018|1e3|(none)\n"
                   "d|i|2018|12345678901234567890.123456789|(none)\ne|i|2018|0|(none)\n"
                   "f|i|2018|-1.5E-2|(none)\n", "", 6);
    result_free(&r);
}

Test(jsonin, period_forms_and_nulls)
{
    result r = read_s("[{\"region\":\"a\",\"indicator\":\"i\",\"period\":2018,"
                      "\"value\":\"1,234.5\",\"unit\":\"万元\"},"
                      "{\"region\":\"b\",\"indicator\":\"i\",\"period\":\"2018Q1\",\"value\":null,"
                      "\"unit\":null}]");
    /* value null is an empty value, as an empty CSV cell; unit null is no unit */
    EXPECT_READ(r, "a|i|2018|1,234.5|万元\nb|i|2018Q1||(none)\n", "", 2);
    result_free(&r);
}

Test(jsonin, extra_members_ignored)
{
    result r = read_s("[{\"note\":\"x\",\"region\":\"a\",\"src\":{\"a\":[1,true,false,null,{}],"
                      "\"b\":[]},\"indicator\":\"i\",\"period\":\"2018\",\"value\":1,"
                      "\"Region\":5,\"flags\":[[[]]],\"ok\":true}]");
    EXPECT_READ(r, "a|i|2018|1|(none)\n", "", 1);
    result_free(&r);
}

Test(jsonin, string_escapes)
{
    result r = read_s("[{\"region\":\"\\\"q\\\" \\\\ \\/ \\b\\f\\n\\r\\t\","
                      "\"indicator\":\"\\u00e9\\u5357\\uD83D\\uDE00\",\"period\":\"2018\","
                      "\"value\":\"2.7\\u0034\"}]");
    EXPECT_READ(r, "\"q\" \\ / \b\f\\n\r\t|é南😀|2018|2.74|(none)\n", "", 1);
    result_free(&r);
}

/* Strings are scanned eight bytes at a time: a byte that ends the plain run (an escape,
 * UTF-8, a control byte, invalid UTF-8, a line end) is found wherever it is in a word. */
Test(jsonin, string_bytes_at_every_offset)
{
    static const struct { const char *put, *shown, *error; } cases[] = {
        {"\\n", "\\n", NULL},
        {"\xC3\xA9", "\xC3\xA9", NULL},
        {"\xE5\x8D\x97", "\xE5\x8D\x97", NULL},
        {"\\\"", "\"", NULL},
        {"\x01", NULL, "control character (byte 0x01) in string"},
        {"\x1F", NULL, "control character (byte 0x1f) in string"},
        {"\xFF", NULL, "invalid UTF-8 (byte 0xff)"},
        {"\n", NULL, "unterminated string"},
    };
    for (size_t c = 0; c < sizeof cases / sizeof *cases; c++)
        for (int k = 0; k <= 19; k++) {
            char region[64], shown[64], src[256], want[128];
            snprintf(region, sizeof region, "%.*s%s%.*s", k, "aaaaaaaaaaaaaaaaaaaa", cases[c].put, 19 - k,
                     "bbbbbbbbbbbbbbbbbbbb");
            snprintf(src, sizeof src, "[" OBS("%s", "1") "]", region);
            result r = read_s(src);
            if (cases[c].shown) {
                snprintf(shown, sizeof shown, "%.*s%s%.*s", k, "aaaaaaaaaaaaaaaaaaaa", cases[c].shown, 19 - k,
                         "bbbbbbbbbbbbbbbbbbbb");
                snprintf(want, sizeof want, "%s|i|2018|1|(none)\n", shown);
                cr_expect_str_eq(r.rows, want, "case %zu at %d", c, k);
                cr_expect_eq(r.errors, 0);
            } else {
                /* the error names the offending byte (or, for a line end, the opening quote) */
                int col = cases[c].put[0] == '\n' ? 12 : 13 + k;
                snprintf(want, sizeof want, ":1:%d:", col);
                cr_expect_str_eq(r.rows, "", "case %zu at %d", c, k);
                cr_expect(strstr(r.diags, cases[c].error) != NULL, "case %zu at %d: %s", c, k, r.diags);
                cr_expect(strstr(r.diags, want) != NULL, "case %zu at %d: want %s in %s", c, k, want, r.diags);
            }
            result_free(&r);
        }
}

Test(jsonin, escaped_member_names)
{
    result r = read_s("[{\"\\u0072egion\":\"a\",\"indic\\u0061tor\":\"i\",\"period\":\"2018\","
                      "\"val\\u0075e\":1}]");
    EXPECT_READ(r, "a|i|2018|1|(none)\n", "", 1);
    result_free(&r);
}

/* Escaped strings are decoded into a scratch buffer that grows while the object is read:
 * every field must still point at its own text when the observation is passed on. */
Test(jsonin, many_escaped_strings_in_one_object)
{
    char src[20000], want[20000];
    size_t n = 0, w = 0;
    static const char *const keys[] = {"region", "indicator", "period", "value", "unit"};
    n += (size_t)sprintf(src + n, "[{");
    for (int i = 0; i < 5; i++) {
        n += (size_t)sprintf(src + n, "%s\"%s\":\"%d\\n", i ? "," : "", keys[i], i);
        w += (size_t)sprintf(want + w, "%s%d\\n", i ? "|" : "", i);
        for (int j = 0; j < 700 * i; j++) {
            src[n++] = (char)('a' + j % 26);
            want[w++] = (char)('a' + j % 26);
        }
        src[n++] = '"';
    }
    strcpy(src + n, "}]");
    strcpy(want + w, "\n");
    result r = read_s(src);
    EXPECT_READ(r, want, "", 1);
    result_free(&r);
}

Test(jsonin, whitespace_bom_and_empty_array)
{
    result r = read_s("\xEF\xBB\xBF \r\n\t[ ]\r\n ");
    EXPECT_READ(r, "", "", 0);
    result_free(&r);
    r = read_pos("\xEF\xBB\xBF[" OBS("a", "1") "]");
    EXPECT_READ(r, "a@1:12|i@1:28|2018@1:41|1@1:56|(none)@1:2\n", "", 1);
    result_free(&r);
}

Test(jsonin, nesting_limit)
{
    /* The top-level array is level 1: 64 levels in all are fine, 65 are not. */
    char src[400];
    size_t n = (size_t)sprintf(src, "[{\"region\":\"a\",\"indicator\":\"i\",\"period\":\"2018\","
                                    "\"value\":1,\"x\":");
    for (int i = 0; i < 62; i++) src[n++] = '[';
    for (int i = 0; i < 62; i++) src[n++] = ']';
    strcpy(src + n, "}]");
    result r = read_s(src);
    EXPECT_READ(r, "a|i|2018|1|(none)\n", "", 1);
    result_free(&r);
    n = (size_t)sprintf(src, "[{\"x\":");
    for (int i = 0; i < 63; i++) src[n++] = '[';
    for (int i = 0; i < 63; i++) src[n++] = ']';
    strcpy(src + n, "}]");
    r = read_s(src);
    cr_expect_eq(r.errors, 1);
    cr_expect(strstr(r.diags, "sub.json:1:69: error: nesting deeper than 64 levels\n"), "%s",
              r.diags);
    result_free(&r);
}

Test(jsonin, callback_stops_reading)
{
    result r = read_full("[" OBS("a", "1") "," OBS("b", "2") "," OBS("c", "3") "]",
                         strlen("[" OBS("a", "1") "," OBS("b", "2") "," OBS("c", "3") "]"), 0, 2);
    EXPECT_READ(r, "a|i|2018|1|(none)\nb|i|2018|2|(none)\n", "", -1);
    result_free(&r);
}

Test(jsonin, member_names)
{
    cr_expect_str_eq(mb_jsonin_member(MB_JSONIN_REGION), "region");
    cr_expect_str_eq(mb_jsonin_member(MB_JSONIN_UNIT), "unit");
    cr_expect_null(mb_jsonin_member(MB_JSONIN_NFIELDS));
}

/* ---- errors, whole text ---- */

Test(jsonin, missing_member)
{
    result r = read_s("[\n"
                      "  {\"region\":\"南通市\",\"indicator\":\"rd_gdp\",\"period\":\"2018\",\"value\":2.74},\n"
                      "  {\"region\":\"苏州市\",\"period\":2018,\"value\":1},\n"
                      "  {\"region\":\"无锡市\"},\n"
                      "  {\"region\":\"南京市\",\"indicator\":\"rd_gdp\",\"period\":\"2018\",\"value\":3}\n"
                      "]\n");
    EXPECT_READ(r, "南通市|rd_gdp|2018|2.74|(none)\n南京市|rd_gdp|2018|3|(none)\n",
                "sub.json:3:3: error: missing member \"indicator\"\n"
                "    {\"region\":\"苏州市\",\"period\":2018,\"value\":1},\n"
                "    ^\n"
                "sub.json:4:3: error: missing members \"indicator\", \"period\", \"value\"\n"
                "    {\"region\":\"无锡市\"},\n"
                "    ^\n", 2);
    result_free(&r);
}

Test(jsonin, syntax_error_at_end_of_input)
{
    result r = read_s("[\n  {\"region\": \"a\", \"indicator\": \"i\",\n"
                      "   \"period\": \"2018\", \"value\": 2.74}");
    EXPECT_READ(r, "a|i|2018|2.74|(none)\n",
                "sub.json:3:36: error: expected ',' or ']' after array element, found end of "
                "input\n"
                "     \"period\": \"2018\", \"value\": 2.74}\n"
                "                                     ^\n", 1);
    result_free(&r);
}

Test(jsonin, syntax_error_shows_what_was_found)
{
    result r = read_s("[{\"region\"：\"南通市\"}]");
    EXPECT_READ(r, "",
                "sub.json:1:11: error: expected ':' after member name, found '：'\n"
                "  [{\"region\"：\"南通市\"}]\n"
                "            ^~\n", 0);
    result_free(&r);
}

Test(jsonin, wrong_types_and_duplicates)
{
    result r = read_s("[{\"region\":\"a\",\"indicator\":\"i\",\"period\":2018.5,"
                      "\"value\":{\"x\":1},\"region\":\"c\"},\n"
                      " " OBS("ok", "1") "]");
    EXPECT_READ(r, "ok|i|2018|1|(none)\n",
                "sub.json:1:41: error: member \"period\" must be a string or an integer, not "
                "2018.5\n"
                "  [{\"region\":\"a\",\"indicator\":\"i\",\"period\":2018.5,\"value\":{\"x\":1},"
                "\"region\":\"c\"},\n"
                "                                          ^~~~~~\n"
                "sub.json:1:56: error: member \"value\" must be a number or a string, not an "
                "object\n"
                "  [{\"region\":\"a\",\"indicator\":\"i\",\"period\":2018.5,\"value\":{\"x\":1},"
                "\"region\":\"c\"},\n"
                "                                                         ^~~~~~~\n"
                "sub.json:1:64: error: duplicate member \"region\"\n"
                "  …region\":\"a\",\"indicator\":\"i\",\"period\":2018.5,\"value\":{\"x\":1},"
                "\"region\":\"c\"},\n"
                "                                                               ^~~~~~~~\n"
                "sub.json:1:3: note: first given here\n"
                "  [{\"region\":\"a\",\"indicator\":\"i\",\"period\":2018.5,\"value\":{\"x\":1},"
                "\"region\":\"c\"},\n"
                "    ^~~~~~~~\n", 1);
    result_free(&r);
}

Test(jsonin, non_object_element)
{
    result r = read_s("[\n  [1, 2],\n  " OBS("a", "1") ",\n  \"x\"\n]");
    EXPECT_READ(r, "a|i|2018|1|(none)\n",
                "sub.json:2:3: error: array element must be an observation object, not an "
                "array\n"
                "    [1, 2],\n"
                "    ^~~~~~\n"
                "sub.json:4:3: error: array element must be an observation object, not a "
                "string\n"
                "    \"x\"\n"
                "    ^~~\n", 1);
    result_free(&r);
}

Test(jsonin, empty_file)
{
    result r = read_s("");
    EXPECT_READ(r, "", "sub.json:1:1: error: empty file: expected a JSON array of "
                       "observations\n  \n  ^\n", 0);
    result_free(&r);
    r = read_s("\n  \n");
    EXPECT_READ(r, "", "sub.json:1:1: error: empty file: expected a JSON array of "
                       "observations\n  \n  ^\n", 0);
    result_free(&r);
}

Test(jsonin, trailing_garbage)
{
    result r = read_s("[" OBS("a", "1") "]\n]");
    EXPECT_READ(r, "a|i|2018|1|(none)\n",
                "sub.json:2:1: error: unexpected text after the JSON array\n  ]\n  ^\n", 1);
    result_free(&r);
}

/* ---- errors, message only ---- */

Test(jsonin, structure_errors)
{
    EXPECT_ERROR("{\"region\":\"a\"}", "",
                 "sub.json:1:1: error: expected a JSON array of observations, found '{'");
    EXPECT_ERROR("[" OBS("a", "1") ",]", "a|i|2018|1|(none)\n",
                 "sub.json:1:59: error: expected a value, found ']'");
    EXPECT_ERROR("[" OBS("a", "1") " " OBS("b", "1") "]", "a|i|2018|1|(none)\n",
                 "sub.json:1:59: error: expected ',' or ']' after array element, found '{'");
    EXPECT_ERROR("[{\"region\":\"a\",}]", "",
                 "sub.json:1:16: error: expected a member name (a string), found '}'");
    EXPECT_ERROR("[{\"region\" \"a\"}]", "",
                 "sub.json:1:12: error: expected ':' after member name, found '\"'");
    EXPECT_ERROR("[{\"region\":\"a\" \"x\":1}]", "",
                 "sub.json:1:16: error: expected ',' or '}' after object member, found '\"'");
    EXPECT_ERROR("[{region:\"a\"}]", "",
                 "sub.json:1:3: error: expected a member name (a string), found 'r'");
    EXPECT_ERROR("[{\"a\":[1 2]}]", "",
                 "sub.json:1:10: error: expected ',' or ']' after array element, found '2'");
    EXPECT_ERROR("[{\"a\":}]", "", "sub.json:1:7: error: expected a value, found '}'");
    EXPECT_ERROR("[" OBS("a", "1"), "a|i|2018|1|(none)\n",
                 "sub.json:1:58: error: expected ',' or ']' after array element, found end of "
                 "input");
    EXPECT_ERROR("[{\"a\":\x01}]", "", "sub.json:1:7: error: expected a value, found byte 0x01");
    EXPECT_ERROR("[{\"a\":\xff}]", "", "sub.json:1:7: error: expected a value, found byte 0xff");
    EXPECT_ERROR("[{\"a\":/*c*/1}]", "", "sub.json:1:7: error: expected a value, found '/'");
}

Test(jsonin, literal_and_number_errors)
{
    EXPECT_ERROR("[{\"a\":tru}]", "", "sub.json:1:7: error: invalid literal, expected 'true'");
    EXPECT_ERROR("[{\"a\":nul", "", "sub.json:1:7: error: invalid literal, expected 'null'");
    EXPECT_ERROR("[{\"a\":True}]", "", "sub.json:1:7: error: expected a value, found 'T'");
    EXPECT_ERROR("[{\"a\":NaN}]", "", "sub.json:1:7: error: expected a value, found 'N'");
    EXPECT_ERROR("[{\"a\":012}]", "", "sub.json:1:7: error: invalid number: leading zero");
    EXPECT_ERROR("[{\"a\":-}]", "", "sub.json:1:8: error: invalid number: expected a digit");
    EXPECT_ERROR("[{\"a\":1.}]", "",
                 "sub.json:1:9: error: invalid number: expected a digit after '.'");
    EXPECT_ERROR("[{\"a\":1e+}]", "",
                 "sub.json:1:10: error: invalid number: expected a digit in the exponent");
    EXPECT_ERROR("[{\"a\":.5}]", "", "sub.json:1:7: error: expected a value, found '.'");
    EXPECT_ERROR("[{\"a\":+5}]", "", "sub.json:1:7: error: expected a value, found '+'");
    EXPECT_ERROR("[{\"a\":0x10}]", "",
                 "sub.json:1:8: error: expected ',' or '}' after object member, found 'x'");
}

Test(jsonin, string_errors)
{
    EXPECT_ERROR("[{\"a\":\"abc}]", "", "sub.json:1:7: error: unterminated string");
    EXPECT_ERROR("[{\"a\":\"ab\nc\"}]", "", "sub.json:1:7: error: unterminated string");
    EXPECT_ERROR("[{\"a\":\"ab\\", "", "sub.json:1:7: error: unterminated string");
    EXPECT_ERROR("[{\"a\":\"a\tb\"}]", "",
                 "sub.json:1:9: error: control character (byte 0x09) in string; write it as "
                 "an escape");
    EXPECT_ERROR("[{\"a\":\"\\x41\"}]", "", "sub.json:1:8: error: invalid escape '\\x' in string");
    EXPECT_ERROR("[{\"a\":\"\\'\"}]", "", "sub.json:1:8: error: invalid escape '\\'' in string");
    EXPECT_ERROR("[{\"a\":\"\\u12G4\"}]", "",
                 "sub.json:1:8: error: invalid \\u escape: expected four hex digits");
    EXPECT_ERROR("[{\"a\":\"\\u12\"}]", "",
                 "sub.json:1:8: error: invalid \\u escape: expected four hex digits");
    EXPECT_ERROR("[{\"a\":\"\\ud83d\"}]", "",
                 "sub.json:1:8: error: unpaired surrogate '\\ud83d' in string");
    EXPECT_ERROR("[{\"a\":\"\\ud83dx\"}]", "",
                 "sub.json:1:8: error: unpaired surrogate '\\ud83d' in string");
    EXPECT_ERROR("[{\"a\":\"\\ud83d\\u0041\"}]", "",
                 "sub.json:1:8: error: unpaired surrogate '\\ud83d' in string");
    EXPECT_ERROR("[{\"a\":\"\\ude00\"}]", "",
                 "sub.json:1:8: error: unpaired surrogate '\\ude00' in string");
    EXPECT_ERROR("[{\"a\":\"\\u0000\"}]", "",
                 "sub.json:1:8: error: '\\u0000' (NUL) is not allowed in a string");
    EXPECT_ERROR("[{\"a\":\"南\xe9\x80\"}]", "",
                 "sub.json:1:9: error: invalid UTF-8 (byte 0xe9)");
    EXPECT_ERROR("[{\"a\":\"\xed\xa0\x80\"}]", "",
                 "sub.json:1:8: error: invalid UTF-8 (byte 0xed)");
}

Test(jsonin, type_errors)
{
    EXPECT_ERROR("[" OBS("a", "true") "]", "",
                 "sub.json:1:56: error: member \"value\" must be a number or a string, not true");
    EXPECT_ERROR("[" OBS("a", "[2.74]") "]", "",
                 "sub.json:1:56: error: member \"value\" must be a number or a string, not an "
                 "array");
    EXPECT_ERROR("[{\"region\":5,\"indicator\":\"i\",\"period\":\"2018\",\"value\":1}]", "",
                 "sub.json:1:12: error: member \"region\" must be a string, not 5");
    EXPECT_ERROR("[{\"region\":\"a\",\"indicator\":null,\"period\":\"2018\",\"value\":1}]", "",
                 "sub.json:1:28: error: member \"indicator\" must be a string, not null");
    EXPECT_ERROR("[{\"region\":\"a\",\"indicator\":\"i\",\"period\":2e3,\"value\":1}]", "",
                 "sub.json:1:41: error: member \"period\" must be a string or an integer, not "
                 "2e3");
    EXPECT_ERROR("[{\"region\":\"a\",\"indicator\":\"i\",\"period\":\"2018\",\"value\":1,"
                 "\"unit\":1}]", "",
                 "sub.json:1:65: error: member \"unit\" must be a string, not 1");
    EXPECT_ERROR("[{\"region\":\"a\",\"indicator\":\"i\",\"period\":\"2018\",\"value\":1,"
                 "\"value\":2}]", "",
                 "sub.json:1:58: error: duplicate member \"value\"");
}

Test(jsonin, errors_after_a_bad_observation_go_on)
{
    /* Semantic errors skip one observation; the reading goes on and later syntax errors are
     * still found. */
    result r = read_s("[" OBS("a", "{}") ",\n" OBS("b", "2") ",\n{\"x\":1 2}]");
    cr_expect_str_eq(r.rows, "b|i|2018|2|(none)\n");
    cr_expect_eq(r.errors, 2, "%s", r.diags);
    cr_expect_eq(r.count, 1);
    result_free(&r);
}
