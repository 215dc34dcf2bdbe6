/* test_lexer.c — the scanner (grammar/lexer.l) driven token by token: keywords, operators
 * and their Unicode twins, numbers, dates, strings, identifiers, comments, fullwidth input,
 * spans mapped back to what the user wrote, and the scanner's own error messages. */
#include <criterion/criterion.h>
#include <stdlib.h>
#include <string.h>

#include "parse_state.h"
#include "parser.h"
#include "lexer.h"
#include "support.h"
#include "text.h"

typedef struct tok {
    int kind;
    size_t start, end;   /* in the original text */
    char text[300];      /* the original bytes of the token (truncated) */
} tok;

typedef struct lexed {
    mb_text text;
    mb_diags diags;
    tok toks[512];
    size_t n;            /* tokens before END (END not stored) */
    int fatal;
} lexed;

static lexed L;

/* Scan src (n bytes) to the end. */
static void lex_n(const char *src, size_t n)
{
    memset(&L, 0, sizeof L);
    L.text = (mb_text){"t.mb", src, n};
    mb_diags_init(&L.diags, 50);
    mb_pstate st = {.text = &L.text, .diags = &L.diags};
    int kind = 0;
    size_t bad = mb_normtext_build(&st.nt, src, n, &kind);
    cr_assert_eq(bad, (size_t)-1, "normalisation failed at %zu (kind %d)", bad, kind);
    yyscan_t sc;
    cr_assert_eq(mb_yylex_init_extra(&st, &sc), 0);
    YY_BUFFER_STATE b = mb_yy_scan_bytes(st.nt.data, (int)st.nt.len, sc);
    for (;;) {
        MB_YYSTYPE v;
        MB_YYLTYPE loc;
        int k = mb_yylex(&v, &loc, sc);
        if (k == END) break;
        cr_assert_lt(L.n, sizeof L.toks / sizeof *L.toks);
        tok *t = &L.toks[L.n++];
        mb_span sp = mb_pstate_span(&st, loc);
        t->kind = k;
        t->start = sp.start;
        t->end = sp.end;
        size_t len = sp.end - sp.start;
        if (len >= sizeof t->text) len = sizeof t->text - 1;
        memcpy(t->text, src + sp.start, len);
        t->text[len] = 0;
    }
    L.fatal = st.fatal;
    mb_yy_delete_buffer(b, sc);
    mb_yylex_destroy(sc);
    mb_normtext_free(&st.nt);
}

static void lex(const char *src) { lex_n(src, strlen(src)); }

static void done(void) { mb_diags_free(&L.diags); }

static char *diag_text(void)
{
    mb_diags_sort(&L.diags);
    return mbt_diags_text(&L.diags);
}

static void assert_no_diags(void)
{
    if (L.diags.n) {
        char *s = diag_text();
        cr_assert_fail("unexpected diagnostics:\n%s", s);
        free(s);
    }
}

static void assert_diags(const char *want)
{
    char *s = diag_text();
    cr_expect_str_eq(s, want);
    free(s);
}

/* Token i has kind k and original text s. */
static void T(size_t i, int k, const char *s)
{
    cr_assert_lt(i, L.n, "only %zu tokens, wanted token %zu", L.n, i);
    cr_assert_eq(L.toks[i].kind, k, "token %zu ('%s'): kind %d, expected %d", i, L.toks[i].text,
                 L.toks[i].kind, k);
    if (s) cr_assert_str_eq(L.toks[i].text, s, "token %zu", i);
}

/* ---- keywords and identifiers --------------------------------------------------------------- */

Test(lexer, every_keyword)
{
    static const struct { const char *w; int k; } kw[] = {
        {"import", KW_IMPORT}, {"plan", KW_PLAN}, {"name", KW_NAME}, {"number", KW_NUMBER},
        {"issuer", KW_ISSUER}, {"date", KW_DATE}, {"region", KW_REGION}, {"base", KW_BASE},
        {"deadline", KW_DEADLINE}, {"indicator", KW_INDICATOR}, {"unit", KW_UNIT},
        {"higher", KW_HIGHER}, {"lower", KW_LOWER}, {"category", KW_CATEGORY},
        {"owner", KW_OWNER}, {"source", KW_SOURCE}, {"part", KW_PART}, {"of", KW_OF},
        {"integer", KW_INTEGER}, {"target", KW_TARGET}, {"phrase", KW_PHRASE}, {"note", KW_NOTE},
        {"by", KW_BY}, {"each", KW_EACH}, {"year", KW_YEAR}, {"total", KW_TOTAL},
        {"about", KW_ABOUT}, {"within", KW_WITHIN}, {"between", KW_BETWEEN}, {"and", KW_AND},
        {"stretch", KW_STRETCH}, {"cut", KW_CUT}, {"grow", KW_GROW}, {"from", KW_FROM},
        {"to", KW_TO}, {"annual", KW_ANNUAL}, {"growth", KW_GROWTH}, {"rises", KW_RISES},
        {"falls", KW_FALLS}, {"every", KW_EVERY}, {"qualitative", KW_QUALITATIVE},
        {"check", KW_CHECK}, {"binding", KW_BINDING}, {"expected", KW_EXPECTED},
        {"aspiration", KW_ASPIRATION}, {"last", KW_LAST}, {"rate", KW_RATE},
    };
    char src[1024] = "";
    for (size_t i = 0; i < sizeof kw / sizeof *kw; i++) {
        strcat(src, kw[i].w);
        strcat(src, i % 5 == 4 ? "\n" : " ");
    }
    lex(src);
    assert_no_diags();
    cr_assert_eq(L.n, sizeof kw / sizeof *kw);
    for (size_t i = 0; i < sizeof kw / sizeof *kw; i++) T(i, kw[i].k, kw[i].w);
    done();
}

Test(lexer, keywords_are_whole_words)
{
    /* a keyword followed by name characters is an identifier */
    lex("plans targeted by_ year2 Plan _check 年year");
    assert_no_diags();
    cr_assert_eq(L.n, 7);
    T(0, IDENT, "plans");
    T(1, IDENT, "targeted");
    T(2, IDENT, "by_");
    T(3, IDENT, "year2");
    T(4, IDENT, "Plan");
    T(5, IDENT, "_check");
    T(6, IDENT, "年year");
    done();
}

Test(lexer, identifiers)
{
    lex("rd_gdp 高企数 T01 _x a1_b2 研发R&D");
    /* '&' is not a name character */
    cr_assert_eq(L.n, 8);
    T(0, IDENT, "rd_gdp");
    T(1, IDENT, "高企数");
    T(2, IDENT, "T01");
    T(3, IDENT, "_x");
    T(4, IDENT, "a1_b2");
    T(5, IDENT, "研发R");
    T(6, LEXERROR, "&");
    T(7, IDENT, "D");
    assert_diags("t.mb:1:28: error: unexpected character '&'\n"
                 "  rd_gdp 高企数 T01 _x a1_b2 研发R&D\n"
                 "                                  ^\n");
    done();
}

Test(lexer, identifier_at_the_limit)
{
    char src[300];
    memset(src, 'a', 256);
    src[256] = 0;
    lex(src);
    assert_no_diags();
    cr_assert_eq(L.n, 1);
    T(0, IDENT, NULL);
    cr_assert_eq(L.toks[0].end - L.toks[0].start, 256);
    done();
}

Test(lexer, identifier_too_long)
{
    char src[300];
    memcpy(src, "x ", 2);
    memset(src + 2, 'b', 257);
    src[259] = 0;
    lex(src);
    cr_assert_eq(L.n, 2);
    T(1, LEXERROR, NULL);
    char want[1024];
    snprintf(want, sizeof want,
             "t.mb:1:3: error: identifier too long (257 bytes; the limit is 256)\n"
             "  x %.*s…\n"
             "    %s%.*s\n",
             100, src + 2, "^", 99,
             "~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~");
    assert_diags(want);
    done();
}

Test(lexer, cjk_identifier_limit_counts_bytes)
{
    /* 86 CJK characters are 258 bytes: too long, although only 86 characters */
    char src[400] = "";
    for (int i = 0; i < 86; i++) strcat(src, "研");
    lex(src);
    cr_assert_eq(L.n, 1);
    T(0, LEXERROR, NULL);
    cr_assert_eq(L.diags.errors, 1);
    cr_assert_str_eq(L.diags.v[0].msg, "identifier too long (258 bytes; the limit is 256)");
    done();
}

/* ---- operators and punctuation --------------------------------------------------------------- */

Test(lexer, operators)
{
    lex(">= <= > < = + - * / % ~ : ; , ( ) { } .. +-");
    assert_no_diags();
    int want[] = {GE, LE, '>', '<', '=', '+', '-', '*', '/', '%', '~', ':', ';', ',', '(', ')',
                  '{', '}', DOTDOT, PLUSMINUS};
    cr_assert_eq(L.n, sizeof want / sizeof *want);
    for (size_t i = 0; i < L.n; i++) T(i, want[i], NULL);
    done();
}

Test(lexer, unicode_operators)
{
    lex("≥ ≤ × ±");
    assert_no_diags();
    cr_assert_eq(L.n, 4);
    T(0, GE, "≥");
    T(1, LE, "≤");
    T(2, '*', "×");
    T(3, PLUSMINUS, "±");
    done();
}

Test(lexer, operators_do_not_glue_to_names)
{
    /* ≥ ≤ × ± are non-ASCII but never part of a name */
    lex("高企数≥1200家×2±5");
    assert_no_diags();
    cr_assert_eq(L.n, 8);
    T(0, IDENT, "高企数");
    T(1, GE, "≥");
    T(2, NUMBER, "1200");
    T(3, IDENT, "家");
    T(4, '*', "×");
    T(5, NUMBER, "2");
    T(6, PLUSMINUS, "±");
    T(7, NUMBER, "5");
    done();
}

Test(lexer, cjk_punctuation_does_not_glue)
{
    /* 、 and 《》 are punctuation, not name characters */
    lex("高企、研发");
    cr_assert_eq(L.n, 3);
    T(0, IDENT, "高企");
    T(1, LEXERROR, "、");
    T(2, IDENT, "研发");
    assert_diags("t.mb:1:3: error: unexpected character '、'\n"
                 "  高企、研发\n"
                 "      ^~\n");
    done();
}

Test(lexer, not_operators_get_a_hint)
{
    lex("a => 1");
    cr_assert_eq(L.n, 3);
    T(1, GE, "=>");
    assert_diags("t.mb:1:3: error: '=>' is not an operator; write '>='\n"
                 "  a => 1\n"
                 "    ^~\n");
    done();
    lex("a =< 1");
    T(1, LE, "=<");
    assert_diags("t.mb:1:3: error: '=<' is not an operator; write '<='\n"
                 "  a =< 1\n"
                 "    ^~\n");
    done();
    lex("a == 1");
    T(1, '=', "==");
    assert_diags("t.mb:1:3: error: '==' is not an operator; write '='\n"
                 "  a == 1\n"
                 "    ^~\n");
    done();
}

Test(lexer, geqq_hint_shows_what_was_written)
{
    /* ≧ (U+2267) is read as '>=', but the message quotes what the user wrote */
    lex("a ≧ 1");
    cr_assert_eq(L.n, 3);
    T(1, GE, "≧");
    assert_diags("t.mb:1:3: error: '≧' is not an operator; write '>='\n"
                 "  a ≧ 1\n"
                 "    ^\n");
    done();
}

/* ---- numbers, dates, years -------------------------------------------------------------------- */

Test(lexer, numbers)
{
    lex("2.74 1200 0.5 007 123456789012345678901234567890");
    assert_no_diags();
    cr_assert_eq(L.n, 5);
    T(0, NUMBER, "2.74");
    T(1, NUMBER, "1200");
    T(2, NUMBER, "0.5");
    T(3, NUMBER, "007");
    T(4, NUMBER, "123456789012345678901234567890");
    done();
}

Test(lexer, thousands_separator_is_an_error)
{
    /* groups of three digits after a comma: a number copied from a plan, said so */
    lex("1,200");
    assert_diags("t.mb:1:1: error: thousands separators are not allowed in rules: write '1200'\n"
                 "  1,200\n"
                 "  ^~~~~\n");
    cr_assert_eq(L.n, 1);
    cr_assert_eq(L.toks[0].kind, LEXERROR);
    done();
}

Test(lexer, comma_between_numbers_is_a_comma)
{
    /* not groups of three after one to three digits: list items */
    lex("2018,2019 1,20 1, 200");
    assert_no_diags();
    cr_assert_eq(L.n, 9);
    T(0, NUMBER, "2018");
    T(1, ',', ",");
    T(2, NUMBER, "2019");
    T(3, NUMBER, "1");
    T(5, NUMBER, "20");
    T(8, NUMBER, "200");
    done();
}

Test(lexer, quantity_with_unit)
{
    lex("1.2万家 940亿元 0.5 吨煤/万元 2.74%");
    assert_no_diags();
    cr_assert_eq(L.n, 10);
    T(0, NUMBER, "1.2");
    T(1, IDENT, "万家");
    T(2, NUMBER, "940");
    T(3, IDENT, "亿元");
    T(4, NUMBER, "0.5");
    T(5, IDENT, "吨煤");
    T(6, '/', "/");
    T(7, IDENT, "万元");
    T(8, NUMBER, "2.74");
    T(9, '%', "%");
    done();
}

Test(lexer, dates_and_year_spans)
{
    lex("2018-05-28 2016..2020 2018");
    assert_no_diags();
    cr_assert_eq(L.n, 5);
    T(0, DATE, "2018-05-28");
    T(1, NUMBER, "2016");
    T(2, DOTDOT, "..");
    T(3, NUMBER, "2020");
    T(4, NUMBER, "2018");
    done();
}

Test(lexer, exponent_rejected_with_reason)
{
    lex("x >= 1e5;");
    cr_assert_eq(L.n, 4);
    T(2, LEXERROR, "1e5");
    assert_diags("t.mb:1:6: error: exponent notation is not supported; write the number out in full\n"
                 "  x >= 1e5;\n"
                 "       ^~~\n");
    done();
    lex("2.5E-3");
    cr_assert_eq(L.n, 1);
    T(0, LEXERROR, "2.5E-3");
    cr_assert_str_eq(L.diags.v[0].msg,
                     "exponent notation is not supported; write the number out in full");
    done();
}

Test(lexer, malformed_number)
{
    lex("1.2.3");
    cr_assert_eq(L.n, 1);
    T(0, LEXERROR, "1.2.3");
    assert_diags("t.mb:1:1: error: malformed number '1.2.3'\n"
                 "  1.2.3\n"
                 "  ^~~~~\n");
    done();
}

Test(lexer, number_too_long)
{
    char src[100];
    memset(src, '1', 65);
    src[65] = 0;
    lex(src);
    cr_assert_eq(L.n, 1);
    T(0, LEXERROR, NULL);
    cr_assert_str_eq(L.diags.v[0].msg, "number too long (65 characters)");
    done();
}

/* ---- strings ------------------------------------------------------------------------------- */

Test(lexer, strings)
{
    lex("\"研发\" \"a\\\"b\" \"c\\\\\" \"\" \"“引号”\"");
    assert_no_diags();
    cr_assert_eq(L.n, 5);
    T(0, STRING, "\"研发\"");
    T(1, STRING, "\"a\\\"b\"");
    T(2, STRING, "\"c\\\\\"");
    T(3, STRING, "\"\"");
    T(4, STRING, "\"“引号”\""); /* curly quotes inside a string are ordinary characters */
    done();
}

Test(lexer, unterminated_string)
{
    lex("name \"研发\nx");
    cr_assert_eq(L.n, 3);
    T(0, KW_NAME, "name");
    T(1, LEXERROR, "\"研发");
    T(2, IDENT, "x");
    assert_diags("t.mb:1:6: error: unterminated string (a string ends on the line it starts)\n"
                 "  name \"研发\n"
                 "       ^~~~~\n");
    done();
}

Test(lexer, unterminated_string_at_end_of_file)
{
    lex("name \"abc\\");
    cr_assert_eq(L.n, 2);
    T(1, LEXERROR, "\"abc\\");
    assert_diags("t.mb:1:6: error: unterminated string (a string ends on the line it starts)\n"
                 "  name \"abc\\\n"
                 "       ^~~~~\n");
    done();
}

Test(lexer, curly_quotes_are_not_delimiters)
{
    lex("name “研发”");
    cr_assert_eq(L.n, 4);
    T(0, KW_NAME, "name");
    T(1, LEXERROR, "“");
    T(2, IDENT, "研发");
    T(3, LEXERROR, "”");
    assert_diags("t.mb:1:6: error: curly quotes do not delimit strings; write \"...\"\n"
                 "  name “研发”\n"
                 "       ^\n"
                 "t.mb:1:9: error: curly quotes do not delimit strings; write \"...\"\n"
                 "  name “研发”\n"
                 "            ^\n");
    done();
}

Test(lexer, fullwidth_quote_is_a_quote)
{
    /* ＂ (U+FF02) is '"' after NFKC */
    lex("＂研发＂");
    assert_no_diags();
    cr_assert_eq(L.n, 1);
    T(0, STRING, "＂研发＂");
    done();
}

/* ---- white space, comments, fullwidth --------------------------------------------------------- */

Test(lexer, comments_and_white_space)
{
    lex("# 注释 plan ;\n  plan\t# again\r\n\r\nx # end");
    assert_no_diags();
    cr_assert_eq(L.n, 2);
    T(0, KW_PLAN, "plan");
    T(1, IDENT, "x");
    cr_assert_eq(L.toks[0].start, strlen("# 注释 plan ;\n  "));
    done();
}

Test(lexer, ideographic_space_is_white_space)
{
    lex("a\xE3\x80\x80" "b"); /* U+3000 */
    assert_no_diags();
    cr_assert_eq(L.n, 2);
    T(0, IDENT, "a");
    T(1, IDENT, "b");
    done();
}

Test(lexer, fullwidth_forms_read_as_ascii)
{
    lex("ｒｄ＿ｇｄｐ ≥ ２．７４％ ｂｙ ２０１８；");
    assert_no_diags();
    cr_assert_eq(L.n, 7);
    T(0, IDENT, "ｒｄ＿ｇｄｐ");
    T(1, GE, "≥");
    T(2, NUMBER, "２．７４");
    T(3, '%', "％");
    T(4, KW_BY, "ｂｙ");
    T(5, NUMBER, "２０１８");
    T(6, ';', "；");
    /* spans are offsets in what the user wrote */
    cr_assert_eq(L.toks[2].start, strlen("ｒｄ＿ｇｄｐ ≥ "));
    cr_assert_eq(L.toks[2].end, strlen("ｒｄ＿ｇｄｐ ≥ ２．７４"));
    done();
}

Test(lexer, fullwidth_punctuation)
{
    lex("（ａ）：，～");
    assert_no_diags();
    cr_assert_eq(L.n, 6);
    T(0, '(', "（");
    T(1, IDENT, "ａ");
    T(2, ')', "）");
    T(3, ':', "：");
    T(4, ',', "，");
    T(5, '~', "～");
    done();
}

Test(lexer, bom_at_start_is_skipped)
{
    lex("\xEF\xBB\xBFplan");
    assert_no_diags();
    cr_assert_eq(L.n, 1);
    T(0, KW_PLAN, "plan");
    cr_assert_eq(L.toks[0].start, 3);
    done();
}

/* ---- other errors ---------------------------------------------------------------------------- */

Test(lexer, unexpected_characters)
{
    lex("a $ b");
    cr_assert_eq(L.n, 3);
    T(1, LEXERROR, "$");
    assert_diags("t.mb:1:3: error: unexpected character '$'\n"
                 "  a $ b\n"
                 "    ^\n");
    done();
}

Test(lexer, paren_depth_limit)
{
    char src[200];
    memset(src, '(', 64);
    memset(src + 64, ')', 64);
    src[128] = 0;
    lex(src);
    assert_no_diags();
    cr_assert_eq(L.n, 128);
    done();

    memset(src, '(', 65);
    src[65] = 0;
    lex(src);
    cr_assert(L.fatal, "the 65th '(' stops the scan");
    cr_assert_eq(L.n, 64);
    cr_assert_eq(L.diags.errors, 1);
    cr_assert_str_eq(L.diags.v[0].msg, "parentheses nested too deeply (more than 64 levels)");
    cr_assert_eq(L.diags.v[0].span.start, 64);
    done();
}

Test(lexer, paren_depth_is_depth_not_count)
{
    /* 100 pairs in sequence never nest deeper than 1 */
    char src[300] = "";
    for (int i = 0; i < 100; i++) strcat(src, "()");
    lex(src);
    assert_no_diags();
    cr_assert_eq(L.n, 200);
    done();
}

Test(lexer, empty_input)
{
    lex("");
    assert_no_diags();
    cr_assert_eq(L.n, 0);
    done();
    lex("   \n\n# only a comment");
    assert_no_diags();
    cr_assert_eq(L.n, 0);
    done();
}
