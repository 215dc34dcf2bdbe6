/* test_csv.c — the RFC 4180 reader: records, quoting, positions, errors and recovery. */
#include <criterion/criterion.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "csv.h"
#include "support.h"

/* What the printed source line shows for each invalid byte: U+FFFD. */
#define FFFD "\xEF\xBF\xBD"

/* Records rendered one per line, fields joined by '|', newlines inside fields as "\n". */
typedef struct sink {
    FILE *f;
    char *buf;
    size_t len;
    long stop_at;   /* return nonzero on this record (1-based); 0: never */
    long seen;
    int positions;  /* append "@line:col" (col in bytes, 1-based) to each field */
} sink;

static int sink_row(void *ctx, const mb_csv_field *f, size_t nf)
{
    sink *k = ctx;
    for (size_t i = 0; i < nf; i++) {
        if (i) fputc('|', k->f);
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
    char *rows;  /* rendered records */
    char *diags; /* as the command prints them */
    long count;
    size_t errors;
} result;

static result read_opts(const char *src, size_t len, const mb_csv_opts *o, int positions,
                        long stop_at)
{
    mb_text t = {"data.csv", src, len};
    mb_diags d;
    mb_diags_init(&d, 0);
    sink k = {0};
    k.f = open_memstream(&k.buf, &k.len);
    k.positions = positions;
    k.stop_at = stop_at;
    result r;
    r.count = mb_csv_read(&t, o, sink_row, &k, &d);
    fclose(k.f);
    r.rows = k.buf;
    r.diags = mbt_diags_text(&d);
    r.errors = d.errors;
    mb_diags_free(&d);
    return r;
}

static result read_n(const char *src, size_t len)
{
    mb_csv_opts o = {.start = 0, .end = len, .first_line = 1};
    return read_opts(src, len, &o, 0, 0);
}

static result read_s(const char *src) { return read_n(src, strlen(src)); }

static result read_pos(const char *src)
{
    mb_csv_opts o = {.start = 0, .end = strlen(src), .first_line = 1};
    return read_opts(src, strlen(src), &o, 1, 0);
}

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

/* ---- well-formed input ---- */

Test(csv, plain_records)
{
    result r = read_s("region,indicator,period,value\nR000001,rd_gdp,2013,3.45\n"
                      "R000001,rd_gdp,2014,3.52\n");
    EXPECT_READ(r, "region|indicator|period|value\nR000001|rd_gdp|2013|3.45\n"
                   "R000001|rd_gdp|2014|3.52\n", "", 3);
    result_free(&r);
}

Test(csv, crlf_line_ends)
{
    result r = read_s("a,b\r\nc,d\r\n\"e\",\"f\"\r\n");
    EXPECT_READ(r, "a|b\nc|d\ne|f\n", "", 3);
    result_free(&r);
}

Test(csv, cr_inside_field_is_data)
{
    result r = read_s("a\rb,c\r,d\n");
    EXPECT_READ(r, "a\rb|c\r|d\n", "", 1);
    result_free(&r);
}

Test(csv, bom_skipped)
{
    result r = read_pos("\xEF\xBB\xBFregion,value\nR1,2\n");
    EXPECT_READ(r, "region@1:1|value@1:8\nR1@2:1|2@2:4\n", "", 2);
    result_free(&r);
}

Test(csv, bom_only_at_offset_zero)
{
    result r = read_s("a\n\xEF\xBB\xBF" "b\n");
    EXPECT_READ(r, "a\n\xEF\xBB\xBF" "b\n", "", 2);
    result_free(&r);
}

Test(csv, blank_lines_skipped)
{
    result r = read_pos("\n\r\na,b\n\n\r\n\nc,d\n\n");
    EXPECT_READ(r, "a@3:1|b@3:3\nc@7:1|d@7:3\n", "", 2);
    result_free(&r);
}

Test(csv, no_trailing_newline)
{
    result r = read_s("a,b\nc,d");
    EXPECT_READ(r, "a|b\nc|d\n", "", 2);
    result_free(&r);
    r = read_s("a,b\r\nc,d\r");
    EXPECT_READ(r, "a|b\nc|d\n", "", 2);
    result_free(&r);
    r = read_s("a,\"b\"");
    EXPECT_READ(r, "a|b\n", "", 1);
    result_free(&r);
    r = read_s("a,b\n\r");
    EXPECT_READ(r, "a|b\n", "", 1);
    result_free(&r);
}

Test(csv, empty_fields)
{
    result r = read_s(",,\na,\n,b\n\"\",\"\"\nx\n");
    EXPECT_READ(r, "||\na|\n|b\n|\nx\n", "", 5);
    result_free(&r);
    r = read_s("a,");
    EXPECT_READ(r, "a|\n", "", 1);
    result_free(&r);
}

Test(csv, empty_input)
{
    result r = read_s("");
    EXPECT_READ(r, "", "", 0);
    result_free(&r);
    r = read_s("\xEF\xBB\xBF");
    EXPECT_READ(r, "", "", 0);
    result_free(&r);
    r = read_s("\n\r\n\n");
    EXPECT_READ(r, "", "", 0);
    result_free(&r);
}

Test(csv, whitespace_is_data)
{
    result r = read_s(" a , b \n \n");
    EXPECT_READ(r, " a | b \n \n", "", 2);
    result_free(&r);
}

Test(csv, quoted_fields)
{
    result r = read_s("\"a,b\",\"say \"\"hi\"\"\",\"line1\nline2\",\"\"\"\"\n");
    EXPECT_READ(r, "a,b|say \"hi\"|line1\\nline2|\"\n", "", 1);
    result_free(&r);
}

Test(csv, quoted_embedded_newline_and_doubled_quotes_positions)
{
    /* The field after a multi-line quoted field is on a later line; the record after it
     * too. CRLF inside quotes is kept as data. */
    result r = read_pos("id,note,n\n1,\"he said \"\"x\"\"\r\nand \"\"y\"\"\",5\n2,plain,6\n");
    EXPECT_READ(r, "id@1:1|note@1:4|n@1:9\n"
                   "1@2:1|he said \"x\"\r\\nand \"y\"@2:3|5@3:12\n"
                   "2@4:1|plain@4:3|6@4:9\n", "", 3);
    result_free(&r);
}

Test(csv, quoted_unicode)
{
    result r = read_pos("\"南通市\",\"研发经费占比（%）\",\"2,74\"\n南京市,x\n");
    EXPECT_READ(r, "南通市@1:1|研发经费占比（%）@1:13|2,74@1:41\n"
                   "南京市@2:1|x@2:11\n", "", 2);
    result_free(&r);
}

/* Several escaped fields in one record, big enough to make the scratch buffer move: every
 * field must still point at its own text when the record is passed on. */
Test(csv, many_escaped_fields_in_one_record)
{
    char src[8192], want[8192];
    size_t n = 0, w = 0;
    for (int i = 0; i < 6; i++) {
        n += (size_t)sprintf(src + n, "%s\"%d\"\"", i ? "," : "", i);
        w += (size_t)sprintf(want + w, "%s%d\"", i ? "|" : "", i);
        for (int j = 0; j < 300 * i; j++) {
            src[n++] = (char)('a' + j % 26);
            want[w++] = (char)('a' + j % 26);
        }
        src[n++] = '"';
    }
    strcpy(src + n, "\nnext\n");
    strcpy(want + w, "\nnext\n");
    result r = read_s(src);
    EXPECT_READ(r, want, "", 2);
    result_free(&r);
}

Test(csv, fields_across_blocks)
{
    /* Records of all lengths, so fields and line ends fall on every offset of a 64-byte
     * block, including the last partial one. */
    char *src = malloc(200000), *want = malloc(200000);
    size_t n = 0, w = 0;
    for (int i = 0; i < 500; i++) {
        int len = i % 97;
        for (int j = 0; j < len; j++) src[n++] = want[w++] = (char)('a' + (i + j) % 26);
        src[n++] = ',';
        want[w++] = '|';
        n += (size_t)sprintf(src + n, "%d\n", i);
        w += (size_t)sprintf(want + w, "%d\n", i);
    }
    src[n] = want[w] = 0;
    for (size_t cut = n - 70; cut <= n; cut++) { /* every tail length, no trailing newline */
        result r = read_n(src, cut);
        cr_assert_eq(r.errors, 0);
        result_free(&r);
    }
    result r = read_s(src);
    EXPECT_READ(r, want, "", 500);
    result_free(&r);
    free(src);
    free(want);
}

/* A tiny deterministic generator for the round-trip test. */
static unsigned rnd(unsigned *s)
{
    *s = *s * 1103515245u + 12345u;
    return *s >> 16;
}

static void put_field(FILE *src, FILE *want, unsigned *seed)
{
    static const char *const pieces[] = {"a", "Z9", ",", "\"", "\n", "\r\n", " ", "南通",
                                         "😀", "é", "2.74", "-"};
    char buf[256];
    size_t n = 0, k = rnd(seed) % 6;
    for (size_t i = 0; i < k; i++) {
        const char *p = pieces[rnd(seed) % (sizeof pieces / sizeof *pieces)];
        memcpy(buf + n, p, strlen(p));
        n += strlen(p);
    }
    int quote = memchr(buf, ',', n) || memchr(buf, '"', n) || memchr(buf, '\n', n) ||
                memchr(buf, '\r', n) || rnd(seed) % 4 == 0;
    if (quote) fputc('"', src);
    for (size_t i = 0; i < n; i++) {
        if (buf[i] == '"' ) fputc('"', src);
        fputc(buf[i], src);
        if (buf[i] == '\n') fputs("\\n", want);
        else fputc(buf[i], want);
    }
    if (quote) fputc('"', src);
}

Test(csv, round_trip_random_records)
{
    unsigned seed = 20240601;
    char *src, *want;
    size_t sn, wn;
    FILE *fs = open_memstream(&src, &sn), *fw = open_memstream(&want, &wn);
    int records = 0;
    for (int i = 0; i < 3000; i++) {
        int nf = 2 + (int)(rnd(&seed) % 6);
        for (int j = 0; j < nf; j++) {
            if (j) { fputc(',', fs); fputc('|', fw); }
            put_field(fs, fw, &seed);
        }
        fputs(rnd(&seed) % 3 ? "\n" : "\r\n", fs);
        fputc('\n', fw);
        records++;
    }
    fclose(fs);
    fclose(fw);
    result r = read_n(src, sn);
    EXPECT_READ(r, want, "", records);
    result_free(&r);
    free(src);
    free(want);
}

Test(csv, many_fields_grow_the_array)
{
    char src[2000], want[2000];
    size_t n = 0, w = 0;
    for (int i = 0; i < 300; i++) {
        n += (size_t)sprintf(src + n, "%s%d", i ? "," : "", i % 10);
        w += (size_t)sprintf(want + w, "%s%d", i ? "|" : "", i % 10);
    }
    strcpy(src + n, "\na\n");
    strcpy(want + w, "\na\n");
    result r = read_s(src);
    EXPECT_READ(r, want, "", 2);
    result_free(&r);
}

Test(csv, callback_stops_reading)
{
    mb_csv_opts o = {.start = 0, .end = 12, .first_line = 1};
    result r = read_opts("a\nb\nc\nd\ne\nf\n", 12, &o, 0, 2);
    EXPECT_READ(r, "a\nb\n", "", -1);
    result_free(&r);
}

Test(csv, null_options_read_everything)
{
    mb_text t = {"data.csv", "a,b\nc,d\n", 8};
    mb_diags d;
    mb_diags_init(&d, 0);
    sink k = {0};
    k.f = open_memstream(&k.buf, &k.len);
    cr_expect_eq(mb_csv_read(&t, NULL, sink_row, &k, &d), 2);
    fclose(k.f);
    cr_expect_str_eq(k.buf, "a|b\nc|d\n");
    free(k.buf);
    mb_diags_free(&d);
}

/* ---- sub-ranges (a file split between threads at a newline) ---- */

static const char split_src[] = "region,value\nR1,1\nR2,2\nR3,\"3\nx\"\nR4,4\xff\nR5,5\n";

Test(csv, sub_range_with_first_line)
{
    size_t mid = (size_t)(strstr(split_src, "R3") - split_src);
    mb_csv_opts o1 = {.start = 0, .end = mid, .first_line = 1};
    result a = read_opts(split_src, sizeof split_src - 1, &o1, 1, 0);
    EXPECT_READ(a, "region@1:1|value@1:8\nR1@2:1|1@2:4\nR2@3:1|2@3:4\n", "", 3);
    mb_csv_opts o2 = {.start = mid, .end = sizeof split_src - 1, .first_line = 4};
    result b = read_opts(split_src, sizeof split_src - 1, &o2, 1, 0);
    EXPECT_READ(b, "R3@4:1|3\\nx@4:4\nR5@7:1|5@7:4\n",
                "data.csv:6:5: error: invalid UTF-8 (byte 0xff)\n"
                "  R4,4" FFFD "\n"
                "      ^\n", 2);
    result_free(&a);
    result_free(&b);
}

Test(csv, sub_range_counts_lines_when_first_line_is_zero)
{
    size_t mid = (size_t)(strstr(split_src, "R4") - split_src);
    mb_csv_opts o = {.start = mid, .end = sizeof split_src - 1, .first_line = 0};
    result r = read_opts(split_src, sizeof split_src - 1, &o, 1, 0);
    EXPECT_READ(r, "R5@7:1|5@7:4\n",
                "data.csv:6:5: error: invalid UTF-8 (byte 0xff)\n"
                "  R4,4" FFFD "\n"
                "      ^\n", 1);
    result_free(&r);
}

Test(csv, sub_range_stops_at_end)
{
    /* The range ends in the middle of the text: nothing past it is read, not even to finish
     * the line, and no BOM is looked for away from offset 0. */
    const char *src = "a,b\nc,d\ne,f\n";
    mb_csv_opts o = {.start = 4, .end = 7, .first_line = 2};
    result r = read_opts(src, strlen(src), &o, 1, 0);
    EXPECT_READ(r, "c@2:1|d@2:3\n", "", 1);
    result_free(&r);
}

/* ---- errors ---- */

Test(csv, unterminated_quote)
{
    result r = read_s("a,b\nc,\"d,e\nf,g\nh,i\n");
    EXPECT_READ(r, "a|b\n",
                "data.csv:2:3: error: unterminated quoted field (opened here)\n"
                "  c,\"d,e\n"
                "    ^\n", 1);
    cr_expect_eq(r.errors, 1);
    result_free(&r);
}

Test(csv, unterminated_quote_at_end_after_escape)
{
    result r = read_s("x\n\"ab\"\"");
    EXPECT_READ(r, "x\n",
                "data.csv:2:1: error: unterminated quoted field (opened here)\n"
                "  \"ab\"\"\n"
                "  ^\n", 1);
    result_free(&r);
}

Test(csv, text_after_closing_quote)
{
    result r = read_s("a,b\n\"x\"yz,c\nd,e\n");
    EXPECT_READ(r, "a|b\nd|e\n",
                "data.csv:2:4: error: text after closing quote (a quote inside a quoted field "
                "is written \"\")\n"
                "  \"x\"yz,c\n"
                "     ^~\n", 2);
    result_free(&r);
}

Test(csv, text_after_closing_quote_skips_quoted_rest_of_record)
{
    /* Recovery follows the quoting: the bad record's later quoted field holds a newline, and
     * the next record starts after it. */
    result r = read_s("\"a\" ,\"b\nc\"\r\nd,e\r\n");
    EXPECT_READ(r, "d|e\n",
                "data.csv:1:4: error: text after closing quote (a quote inside a quoted field "
                "is written \"\")\n"
                "  \"a\" ,\"b\n"
                "     ^\n", 1);
    result_free(&r);
}

Test(csv, quote_inside_unquoted_field)
{
    result r = read_s("ab\"c,d\nok\n");
    EXPECT_READ(r, "ok\n",
                "data.csv:1:3: error: quote inside an unquoted field\n"
                "  ab\"c,d\n"
                "    ^\n", 1);
    result_free(&r);
}

Test(csv, invalid_utf8_after_cjk)
{
    /* The caret sits under the bad byte: the CJK text before it is two columns a character. */
    result r = read_s("region,value\n南通市,2.\xe4\xb8\n南京市,3\n");
    EXPECT_READ(r, "region|value\n南京市|3\n",
                "data.csv:2:7: error: invalid UTF-8 (byte 0xe4)\n"
                "  南通市,2." FFFD FFFD "\n"
                "           ^\n", 2);
    result_free(&r);
}

Test(csv, invalid_utf8_forms)
{
    /* overlong, surrogate, beyond U+10FFFF, stray continuation, truncated at the end */
    result r = read_s("\xc0\x80\n\xed\xa0\x80\n\xf4\x90\x80\x80\n\x80\nok\n\xe5\x8d");
    EXPECT_READ(r, "ok\n",
                "data.csv:1:1: error: invalid UTF-8 (byte 0xc0)\n  " FFFD FFFD "\n  ^\n"
                "data.csv:2:1: error: invalid UTF-8 (byte 0xed)\n  " FFFD FFFD FFFD "\n  ^\n"
                "data.csv:3:1: error: invalid UTF-8 (byte 0xf4)\n  " FFFD FFFD FFFD FFFD "\n  ^\n"
                "data.csv:4:1: error: invalid UTF-8 (byte 0x80)\n  " FFFD "\n  ^\n"
                "data.csv:6:1: error: invalid UTF-8 (byte 0xe5)\n  " FFFD FFFD "\n  ^\n", 1);
    cr_expect_eq(r.errors, 5);
    result_free(&r);
}

Test(csv, nul_byte)
{
    result r = read_n("a,b\0c\nd\n", 8);
    /* The printed line shows the NUL as a space. */
    EXPECT_READ(r, "d\n", "data.csv:1:4: error: unexpected NUL byte\n  a,b c\n     ^\n", 1);
    result_free(&r);
}

Test(csv, errors_inside_quoted_field_spanning_lines)
{
    /* The error is placed on the line it is on; the record ends after the closing quote;
     * only the first error of a record is reported. */
    result r = read_n("1,\"x\ny\0z\xff\",2\n3\n", 15);
    EXPECT_READ(r, "3\n",
                "data.csv:2:2: error: unexpected NUL byte\n  y z" FFFD "\",2\n   ^\n", 1);
    cr_expect_eq(r.errors, 1);
    result_free(&r);
}

Test(csv, field_too_long)
{
    mb_csv_opts o = {.start = 0, .end = 0, .first_line = 1, .max_field_len = 4};
    const char *src = "abcd,\"ab\"\"c\"\nabcde,x\nok,\"abc\"\"de\"\n\"a\"\"\"\"\"\n";
    o.end = strlen(src);
    result r = read_opts(src, strlen(src), &o, 0, 0);
    EXPECT_READ(r, "abcd|ab\"c\na\"\"\n",
                "data.csv:2:1: error: field longer than 4 bytes\n  abcde,x\n  ^\n"
                "data.csv:3:4: error: field longer than 4 bytes\n  ok,\"abc\"\"de\"\n     ^\n",
                2);
    result_free(&r);
}

Test(csv, too_many_fields)
{
    mb_csv_opts o = {.start = 0, .end = 0, .first_line = 1, .max_fields = 3};
    const char *src = "a,b,c\na,b,c,d,e\n\"x\",y\n";
    o.end = strlen(src);
    result r = read_opts(src, strlen(src), &o, 0, 0);
    EXPECT_READ(r, "a|b|c\nx|y\n",
                "data.csv:2:7: error: record has more than 3 fields\n  a,b,c,d,e\n        ^\n", 2);
    result_free(&r);
}

Test(csv, too_many_fields_past_the_inline_array)
{
    char src[1000];
    size_t n = 0;
    for (int i = 0; i < 101; i++) n += (size_t)sprintf(src + n, "%sf", i ? "," : "");
    strcpy(src + n, "\nok\n");
    mb_csv_opts o = {.start = 0, .end = strlen(src), .first_line = 1, .max_fields = 100};
    result r = read_opts(src, strlen(src), &o, 0, 0);
    cr_expect_str_eq(r.rows, "ok\n");
    cr_expect_eq(r.errors, 1);
    cr_expect(strstr(r.diags, "data.csv:1:201: error: record has more than 100 fields\n"),
              "%s", r.diags);
    result_free(&r);
}

Test(csv, error_column_after_bom)
{
    result r = read_s("\xEF\xBB\xBF\"a\"b\n");
    EXPECT_READ(r, "",
                "data.csv:1:4: error: text after closing quote (a quote inside a quoted field "
                "is written \"\")\n"
                "  \"a\"b\n"
                "     ^\n", 0);
    result_free(&r);
}
