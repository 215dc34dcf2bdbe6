/* test_text.c — the UTF-8 / NFKC text layer (text.h) and units with scale words (unit.h). */
#include <criterion/criterion.h>
#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>

#include "text.h"
#include "unit.h"

static size_t dec(const char *bytes, size_t n, int32_t *cp)
{
    return mb_utf8_decode((const unsigned char *)bytes, n, cp);
}

/* ---- UTF-8 decoding --------------------------------------------------------------------- */

Test(utf8, decodes_valid_sequences)
{
    int32_t cp = -1;
    cr_assert_eq(dec("A", 1, &cp), 1);
    cr_assert_eq(cp, 'A');
    cr_assert_eq(dec("\xC2\xB1", 2, &cp), 2); /* ± */
    cr_assert_eq(cp, 0xB1);
    cr_assert_eq(dec("\xE7\xA0\x94", 3, &cp), 3); /* 研 */
    cr_assert_eq(cp, 0x7814);
    cr_assert_eq(dec("\xF0\x9F\x98\x80", 4, &cp), 4); /* U+1F600 */
    cr_assert_eq(cp, 0x1F600);
    cr_assert_eq(dec("\xF4\x8F\xBF\xBF", 4, &cp), 4); /* U+10FFFF, the last code point */
    cr_assert_eq(cp, 0x10FFFF);
    cr_assert_eq(dec("\xEF\xBB\xBF", 3, &cp), 3); /* BOM decodes; the rule reader rejects it */
    cr_assert_eq(cp, 0xFEFF);
    cr_assert_eq(dec("\xED\x9F\xBF", 3, &cp), 3); /* U+D7FF, just below the surrogates */
    cr_assert_eq(dec("\xEE\x80\x80", 3, &cp), 3); /* U+E000, just above */
}

Test(utf8, rejects_overlong_forms)
{
    int32_t cp;
    cr_assert_eq(dec("\xC0\x80", 2, &cp), 0);         /* overlong NUL */
    cr_assert_eq(dec("\xC1\xBF", 2, &cp), 0);         /* overlong U+007F */
    cr_assert_eq(dec("\xE0\x80\x80", 3, &cp), 0);     /* overlong NUL, 3 bytes */
    cr_assert_eq(dec("\xE0\x9F\xBF", 3, &cp), 0);     /* overlong U+07FF */
    cr_assert_eq(dec("\xF0\x80\x80\x80", 4, &cp), 0); /* overlong NUL, 4 bytes */
    cr_assert_eq(dec("\xF0\x8F\xBF\xBF", 4, &cp), 0); /* overlong U+FFFF */
}

Test(utf8, rejects_surrogates)
{
    int32_t cp;
    cr_assert_eq(dec("\xED\xA0\x80", 3, &cp), 0); /* U+D800 */
    cr_assert_eq(dec("\xED\xBF\xBF", 3, &cp), 0); /* U+DFFF */
    cr_assert_eq(dec("\xED\xB0\x80", 3, &cp), 0); /* U+DC00 */
}

Test(utf8, rejects_past_10ffff)
{
    int32_t cp;
    cr_assert_eq(dec("\xF4\x90\x80\x80", 4, &cp), 0); /* U+110000 */
    cr_assert_eq(dec("\xF5\x80\x80\x80", 4, &cp), 0);
    cr_assert_eq(dec("\xF7\xBF\xBF\xBF", 4, &cp), 0);
    cr_assert_eq(dec("\xF8\x88\x80\x80\x80", 5, &cp), 0); /* old 5-byte form */
    cr_assert_eq(dec("\xFF", 1, &cp), 0);
}

Test(utf8, rejects_truncated_and_stray)
{
    int32_t cp;
    cr_assert_eq(dec("\xE7\xA0", 2, &cp), 0);         /* truncated */
    cr_assert_eq(dec("\xE7\xA0\x94", 2, &cp), 0);     /* n limits the read */
    cr_assert_eq(dec("\x80", 1, &cp), 0);             /* lone continuation byte */
    cr_assert_eq(dec("\xE7\x41\x94", 3, &cp), 0);     /* bad continuation */
    cr_assert_eq(dec("", 0, &cp), 0);
}

Test(utf8, check_reports_first_bad_offset)
{
    const char ok[] = "研发 R&D 2.74%";
    cr_assert_eq(mb_utf8_check(ok, strlen(ok)), strlen(ok));
    const char bad[] = "研发\xC0\x80x";
    cr_assert_eq(mb_utf8_check(bad, strlen(bad)), 6);
    const char sur[] = "ab\xED\xA0\x80";
    cr_assert_eq(mb_utf8_check(sur, strlen(sur)), 2);
    const char trunc[] = "abc\xE7\xA0";
    cr_assert_eq(mb_utf8_check(trunc, strlen(trunc)), 3);
}

/* ---- width and characters ---------------------------------------------------------------- */

Test(width, cjk_is_two_columns)
{
    cr_assert_eq(mb_text_width("研", 3), 2);
    cr_assert_eq(mb_text_width("研发经费", strlen("研发经费")), 8);
    cr_assert_eq(mb_text_width("ab研c", strlen("ab研c")), 5);
    cr_assert_eq(mb_text_width("２．７４％", strlen("２．７４％")), 10); /* fullwidth forms */
    cr_assert_eq(mb_text_width("（", strlen("（")), 2);
    cr_assert_eq(mb_text_width("e\xCC\x81", 3), 1);  /* e + combining acute: one column */
    cr_assert_eq(mb_text_width("\t", 1), 1);
    cr_assert_eq(mb_text_width("a\xFF" "b", 3), 3); /* an invalid byte shows as one column */
    cr_assert_eq(mb_text_width("", 0), 0);
}

Test(width, chars)
{
    cr_assert_eq(mb_text_chars("研发 ab", strlen("研发 ab")), 5);
    cr_assert_eq(mb_text_chars("", 0), 0);
    cr_assert_eq(mb_text_chars("\xF0\x9F\x98\x80", 4), 1);
}

/* ---- NFKC ---------------------------------------------------------------------------------- */

static void assert_nfkc(const char *in, const char *want)
{
    size_t n = 0;
    char *s = mb_nfkc(in, strlen(in), &n);
    cr_assert_not_null(s);
    cr_assert_str_eq(s, want);
    cr_assert_eq(n, strlen(want));
    free(s);
}

Test(nfkc, fullwidth_to_ascii)
{
    assert_nfkc("２．７４％", "2.74%");
    assert_nfkc("（％）", "(%)");
    assert_nfkc("：，～", ":,~");
    assert_nfkc("ＡＢＣ１２３", "ABC123");
    assert_nfkc("研发经费占比（%）", "研发经费占比(%)");
    assert_nfkc("plain ascii", "plain ascii");
    assert_nfkc("", "");
    assert_nfkc("e\xCC\x81", "\xC3\xA9"); /* composed */
}

Test(nfkc, name_eq)
{
    const char *a = "研发经费占比（%）", *b = "研发经费占比(%)";
    cr_assert(mb_name_eq(a, strlen(a), b, strlen(b)));
    cr_assert(mb_name_eq(b, strlen(b), a, strlen(a)));
    cr_assert(mb_name_eq("rd_gdp", 6, "rd_gdp", 6));
    cr_assert(!mb_name_eq("rd_gdp", 6, "RD_GDP", 6)); /* case-sensitive */
    cr_assert(!mb_name_eq("rd_gdp", 6, "rd_gd", 5));
    cr_assert(mb_name_eq("ｒｄ＿ｇｄｐ", strlen("ｒｄ＿ｇｄｐ"), "rd_gdp", 6));
    const char *c = "研发经费占比（％）";
    cr_assert(mb_name_eq(c, strlen(c), b, strlen(b)));
    cr_assert(!mb_name_eq(a, strlen(a), "研发经费占比", strlen("研发经费占比")));
}

/* ---- the normalised text the lexer reads ------------------------------------------------------- */

Test(normtext, maps_offsets_back)
{
    const char src[] = "a２．７b";   /* a(0) ２(1..3) ．(4..6) ７(7..9) b(10) */
    mb_normtext nt = {0};
    int kind = 0;
    cr_assert_eq(mb_normtext_build(&nt, src, strlen(src), &kind), (size_t)-1);
    cr_assert_eq(kind, 0);
    cr_assert_eq(nt.len, 5);
    cr_assert_str_eq(nt.data, "a2.7b");
    uint32_t want[] = {0, 1, 4, 7, 10, 11};
    for (size_t i = 0; i <= nt.len; i++) cr_assert_eq(nt.map[i], want[i], "map[%zu]", i);
    mb_normtext_free(&nt);
    cr_assert_null(nt.data);
    cr_assert_null(nt.map);
}

Test(normtext, cjk_kept_with_byte_map)
{
    const char src[] = "研x";
    mb_normtext nt = {0};
    int kind = 0;
    cr_assert_eq(mb_normtext_build(&nt, src, strlen(src), &kind), (size_t)-1);
    cr_assert_eq(nt.len, 4);
    cr_assert_eq(memcmp(nt.data, "研x", 4), 0);
    cr_assert_eq(nt.map[0], 0);
    cr_assert_eq(nt.map[1], 0);
    cr_assert_eq(nt.map[2], 0);
    cr_assert_eq(nt.map[3], 3);
    cr_assert_eq(nt.map[4], 4);
    mb_normtext_free(&nt);
}

Test(normtext, expansion_maps_every_byte_to_its_source)
{
    /* ㈱ (U+3231) expands to "(株)" under NFKC: five bytes, all from offset 1. */
    const char src[] = "x\xE3\x88\xB1y";
    mb_normtext nt = {0};
    int kind = 0;
    cr_assert_eq(mb_normtext_build(&nt, src, strlen(src), &kind), (size_t)-1);
    cr_assert_str_eq(nt.data, "x(株)y");
    for (size_t i = 1; i < nt.len - 1; i++) cr_assert_eq(nt.map[i], 1, "map[%zu]", i);
    cr_assert_eq(nt.map[nt.len - 1], 4);
    cr_assert_eq(nt.map[nt.len], 5);
    mb_normtext_free(&nt);
}

Test(normtext, bom_at_start_skipped)
{
    const char src[] = "\xEF\xBB\xBFplan";
    mb_normtext nt = {0};
    int kind = 0;
    cr_assert_eq(mb_normtext_build(&nt, src, strlen(src), &kind), (size_t)-1);
    cr_assert_str_eq(nt.data, "plan");
    cr_assert_eq(nt.map[0], 3);
    cr_assert_eq(nt.map[nt.len], strlen(src));
    mb_normtext_free(&nt);
}

Test(normtext, bom_in_middle_reported)
{
    const char src[] = "plan\xEF\xBB\xBFx";
    mb_normtext nt = {0};
    int kind = 0;
    cr_assert_eq(mb_normtext_build(&nt, src, strlen(src), &kind), 4);
    cr_assert_eq(kind, MB_BAD_BOM);
    mb_normtext_free(&nt);
    /* a second BOM right after the first is in the middle too */
    const char two[] = "\xEF\xBB\xBF\xEF\xBB\xBFx";
    kind = 0;
    cr_assert_eq(mb_normtext_build(&nt, two, strlen(two), &kind), 3);
    cr_assert_eq(kind, MB_BAD_BOM);
    mb_normtext_free(&nt);
}

Test(normtext, nul_reported)
{
    const char src[] = "ab\0cd";
    mb_normtext nt = {0};
    int kind = 0;
    cr_assert_eq(mb_normtext_build(&nt, src, 5, &kind), 2);
    cr_assert_eq(kind, MB_BAD_NUL);
    mb_normtext_free(&nt);
}

Test(normtext, invalid_utf8_reported)
{
    const char *cases[] = {"研发\xC0\x80", "研发\xED\xA0\x80", "研发\xF4\x90\x80\x80", "研发\xE7\xA0",
                           "研发\xFF"};
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
        mb_normtext nt = {0};
        int kind = 0;
        cr_assert_eq(mb_normtext_build(&nt, cases[i], strlen(cases[i]), &kind), 6, "case %zu", i);
        cr_assert_eq(kind, MB_BAD_UTF8, "case %zu", i);
        mb_normtext_free(&nt);
    }
}

Test(normtext, empty_and_large)
{
    mb_normtext nt = {0};
    int kind = 0;
    cr_assert_eq(mb_normtext_build(&nt, "", 0, &kind), (size_t)-1);
    cr_assert_eq(nt.len, 0);
    cr_assert_eq(nt.map[0], 0);
    mb_normtext_free(&nt);
    /* a text that grows under normalisation (each ㈱ is 3 bytes, becomes 5) */
    size_t reps = 10000;
    char *s = malloc(reps * 3 + 1);
    for (size_t i = 0; i < reps; i++) memcpy(s + 3 * i, "\xE3\x88\xB1", 3);
    cr_assert_eq(mb_normtext_build(&nt, s, reps * 3, &kind), (size_t)-1);
    cr_assert_eq(nt.len, reps * 5);
    cr_assert_eq(nt.map[nt.len], reps * 3);
    cr_assert_eq(nt.map[nt.len - 1], (reps - 1) * 3);
    mb_normtext_free(&nt);
    free(s);
}

/* ASCII and the CJK Unified Ideographs are copied as written, without utf8proc (text.c,
 * plain_cp): for every code point of the first three planes, the fast paths give what
 * utf8proc gives — mb_nfkc its NFKC, and the lexer's text its compatibility decomposition. */
Test(normtext, plain_characters_as_utf8proc_has_them)
{
    for (int32_t cp = 1; cp < 0x30000; cp++) {
        if (cp >= 0xD800 && cp <= 0xDFFF) continue;
        utf8proc_uint8_t b[8];
        utf8proc_ssize_t n = utf8proc_encode_char(cp, b);
        /* NFKC: mb_nfkc against utf8proc_map */
        size_t len = 0;
        char *got = mb_nfkc((const char *)b, (size_t)n, &len);
        utf8proc_uint8_t *want = NULL;
        utf8proc_ssize_t wn = utf8proc_map(b, n, &want, UTF8PROC_STABLE | UTF8PROC_COMPOSE | UTF8PROC_COMPAT);
        cr_assert(got && wn >= 0 && len == (size_t)wn && !memcmp(got, want, len), "NFKC of U+%04X", (unsigned)cp);
        free(got);
        free(want);
        /* the lexer's text: each character's compatibility decomposition */
        if (cp == 0xFEFF) continue; /* refused inside a text */
        mb_normtext nt = {0};
        int kind = 0;
        utf8proc_int32_t d[16];
        int bound = 0;
        utf8proc_ssize_t k = utf8proc_decompose_char(cp, d, 16, UTF8PROC_COMPAT | UTF8PROC_DECOMPOSE, &bound);
        if (k <= 0 || k > 16) { d[0] = cp; k = 1; }
        utf8proc_uint8_t dec8[64];
        size_t dn = 0;
        for (utf8proc_ssize_t j = 0; j < k; j++) dn += (size_t)utf8proc_encode_char(d[j], dec8 + dn);
        cr_assert_eq(mb_normtext_build(&nt, (const char *)b, (size_t)n, &kind), (size_t)-1);
        cr_assert(nt.len == dn && !memcmp(nt.data, dec8, dn), "decomposition of U+%04X", (unsigned)cp);
        mb_normtext_free(&nt);
    }
}

/* ---- units -------------------------------------------------------------------------------- */

static mb_unit U(const char *text)
{
    mb_unit u;
    mb_uniterr e = mb_unit_parse(text, &u);
    cr_assert_eq(e, MB_UNIT_OK, "unit '%s': %s", text, mb_uniterr_str(e));
    return u;
}

static mb_num NUM(const char *s)
{
    mb_num v;
    cr_assert_eq(mb_num_parse(s, strlen(s), MB_NUM_SIGN, &v), MB_NUM_OK);
    return v;
}

static mb_num CONV(const char *v, const char *from, const char *to)
{
    mb_unit f = U(from), t = U(to);
    cr_assert(mb_unit_same_base(&f, &t), "'%s' and '%s' should share a base", from, to);
    mb_num r;
    cr_assert_eq(mb_unit_convert(NUM(v), &f, &t, &r), MB_NUM_OK);
    return r;
}

Test(unit, wan_yuan_and_yi_yuan)
{
    mb_unit wan = U("万元"), yi = U("亿元"), yuan = U("元");
    cr_assert_str_eq(wan.base, "元");
    cr_assert_str_eq(yi.base, "元");
    cr_assert_str_eq(wan.text, "万元");
    cr_assert(mb_num_eq(wan.scale, mb_num_int(10000)));
    cr_assert(mb_num_eq(yi.scale, mb_num_int(100000000)));
    cr_assert(mb_num_eq(yuan.scale, mb_num_int(1)));
    cr_assert(mb_num_eq(CONV("940", "亿元", "万元"), mb_num_int(9400000)));
    cr_assert(mb_num_eq(CONV("28", "亿元", "万元"), mb_num_int(280000)));
    cr_assert(mb_num_eq(CONV("0.0001", "亿元", "万元"), mb_num_int(1)));
    cr_assert(mb_num_eq(CONV("1", "万元", "亿元"), NUM("0.0001")));
    cr_assert(mb_num_eq(CONV("3.3", "万元", "亿元"), NUM("0.00033")));
    cr_assert(mb_num_eq(CONV("12345.678", "万元", "万元"), NUM("12345.678")));
}

Test(unit, per_unit_base_and_scale)
{
    mb_unit u = U("吨煤/万元");
    cr_assert_str_eq(u.base, "吨煤/元");
    cr_assert(mb_num_eq(u.scale, NUM("0.0001")));
    mb_unit v = U("件/万人");
    cr_assert_str_eq(v.base, "件/人");
    cr_assert(mb_num_eq(v.scale, NUM("0.0001")));
    /* 0.5 吨煤/万元 is 0.00005 吨煤/元 and 5000 吨煤/亿元 */
    cr_assert(mb_num_eq(CONV("0.5", "吨煤/万元", "吨煤/元"), NUM("0.00005")));
    cr_assert(mb_num_eq(CONV("0.5", "吨煤/万元", "吨煤/亿元"), mb_num_int(5000)));
    /* spaces around '/' are not part of the words */
    mb_unit w = U("吨煤 / 万元");
    cr_assert_str_eq(w.base, "吨煤/元");
}

Test(unit, count_scales)
{
    mb_unit u = U("万家");
    cr_assert_str_eq(u.base, "家");
    cr_assert(mb_num_eq(CONV("1.2", "万家", "家"), mb_num_int(12000)));
    cr_assert(mb_num_eq(CONV("1200", "家", "万家"), NUM("0.12")));
    cr_assert(mb_num_eq(CONV("3", "十万人", "人"), mb_num_int(300000)));
    cr_assert(mb_num_eq(CONV("2", "千万元", "万元"), mb_num_int(2000)));
    cr_assert(mb_num_eq(CONV("5", "百家", "家"), mb_num_int(500)));
    /* scales stack: 万亿 = 10^12 */
    cr_assert(mb_num_eq(U("万亿元").scale, NUM("1000000000000")));
}

Test(unit, dimensionless_and_percent)
{
    mb_unit one = U("1"), empty = U(""), pct = U("%");
    cr_assert_str_eq(one.base, "");
    cr_assert_str_eq(empty.base, "");
    cr_assert(mb_unit_same_base(&one, &empty));
    cr_assert_str_eq(pct.base, "%");
    cr_assert(mb_num_eq(pct.scale, mb_num_int(1)));
    cr_assert(!mb_unit_same_base(&pct, &one));
    /* a lone scale word is a count in that scale */
    mb_unit wan = U("万");
    cr_assert_str_eq(wan.base, "");
    cr_assert(mb_num_eq(wan.scale, mb_num_int(10000)));
}

Test(unit, different_bases_never_compare)
{
    mb_unit jia = U("家"), jian = U("件"), pct = U("%"), yuan = U("万元");
    cr_assert(!mb_unit_same_base(&jia, &jian));
    cr_assert(!mb_unit_same_base(&pct, &yuan));
    mb_unit a = U("吨煤/万元"), b = U("吨/万元");
    cr_assert(!mb_unit_same_base(&a, &b));
}

Test(unit, scale_overflow)
{
    mb_unit u;
    cr_assert_eq(mb_unit_parse("万万万万万万万万万万万万万万万元", &u), MB_UNIT_OVERFLOW);
    cr_assert_eq(mb_unit_parse("元/万万万万万万万万万万万万万万万元", &u), MB_UNIT_OVERFLOW);
    cr_assert_eq(mb_unit_parse("亿亿亿亿亿", &u), MB_UNIT_OVERFLOW); /* 10^40 */
    cr_assert_str_eq(mb_uniterr_str(MB_UNIT_OVERFLOW), "unit scale too large");
    /* 10^36 still fits */
    cr_assert_eq(mb_unit_parse("万万万万万万万万万元", &u), MB_UNIT_OK);
    cr_assert_str_eq(u.base, "元");
}

Test(unit, conversion_overflow_reported)
{
    mb_unit big, small;
    cr_assert_eq(mb_unit_parse("亿亿亿元", &big), MB_UNIT_OK);   /* 10^24 元 */
    cr_assert_eq(mb_unit_parse("元", &small), MB_UNIT_OK);
    mb_num r;
    /* 10^20 × 10^24 元 does not fit in 128 bits */
    cr_assert_eq(mb_unit_convert(NUM("100000000000000000000"), &big, &small, &r), MB_NUM_OVERFLOW);
}

Test(unit, too_long)
{
    char buf[512] = "";
    for (int i = 0; i < 60; i++) strcat(buf, "吨");
    mb_unit u;
    cr_assert_eq(mb_unit_parse(buf, &u), MB_UNIT_TOOLONG);
    cr_assert_str_eq(mb_uniterr_str(MB_UNIT_TOOLONG), "unit name too long");
}
