/* test_num.c — exact decimal arithmetic (num.h): every comparison must agree with decimal
 * arithmetic, every overflow must be reported and never turned into a wrong answer. */
#include <criterion/criterion.h>
#include <string.h>

#include "num.h"
#include "num_dec.h"

typedef unsigned __int128 u128;
static const mb_i128 I128_MAX = (mb_i128)(((u128)1 << 127) - 1);

/* Parse a plain (signed) decimal, failing the test on error. */
static mb_num N(const char *s)
{
    mb_num v;
    mb_numerr e = mb_num_parse(s, strlen(s), MB_NUM_SIGN, &v);
    cr_assert_eq(e, MB_NUM_OK, "parsing '%s': %s", s, mb_numerr_str(e));
    return v;
}

/* Exact decimal text of v (asserting it is exact). */
static const char *S(mb_num v)
{
    static char buf[4][MB_NUM_BUF];
    static int k;
    char *b = buf[k++ & 3];
    int exact = -1;
    mb_num_format(v, 6, b, &exact);
    cr_assert_eq(exact, 1, "%s is not exact", b);
    return b;
}

static mb_num ADD(mb_num a, mb_num b) { mb_num r; cr_assert_eq(mb_num_add(a, b, &r), MB_NUM_OK); return r; }
static mb_num SUB(mb_num a, mb_num b) { mb_num r; cr_assert_eq(mb_num_sub(a, b, &r), MB_NUM_OK); return r; }
static mb_num MUL(mb_num a, mb_num b) { mb_num r; cr_assert_eq(mb_num_mul(a, b, &r), MB_NUM_OK); return r; }
static mb_num DIV(mb_num a, mb_num b) { mb_num r; cr_assert_eq(mb_num_div(a, b, &r), MB_NUM_OK); return r; }
static mb_num POW(mb_num a, unsigned n) { mb_num r; cr_assert_eq(mb_num_pow(a, n, &r), MB_NUM_OK); return r; }

/* Values need not be kept in lowest terms (num.h), but mb_num_reduce must give them. */
static void assert_reduced(mb_num v)
{
    v = mb_num_reduce(v);
    cr_assert_gt(v.den, 0, "denominator must be positive");
    mb_i128 a = v.num < 0 ? -v.num : v.num, b = v.den;
    while (b) { mb_i128 t = a % b; a = b; b = t; }
    int reduced = v.num == 0 ? v.den == 1 : a == 1;
    cr_assert(reduced, "fraction not reduced");
}

/* ---- decimal exactness ------------------------------------------------------------------ */

Test(num_exact, point_one_plus_point_two_is_point_three)
{
    mb_num s = ADD(N("0.1"), N("0.2"));
    cr_assert(mb_num_eq(s, N("0.3")));
    cr_assert_eq(mb_num_cmp(s, N("0.3")), 0);
    cr_assert_str_eq(S(s), "0.3");
    assert_reduced(s);
}

Test(num_exact, product_equals_decimal)
{
    /* 0.56 <= 0.8 * 0.7 holds because they are exactly equal. */
    mb_num p = MUL(N("0.8"), N("0.7"));
    cr_assert_eq(mb_num_cmp(N("0.56"), p), 0);
    cr_assert(mb_num_cmp(N("0.56"), p) <= 0);
    cr_assert(mb_num_cmp(N("0.5600000000000000000000000001"), p) > 0);
    cr_assert_str_eq(S(p), "0.56");
}

Test(num_exact, growth_power)
{
    mb_num g = POW(N("1.15"), 4);
    cr_assert_str_eq(S(g), "1.74900625");
    cr_assert(mb_num_eq(g, N("1.74900625")));
    cr_assert_geq(mb_num_cmp(N("1.75"), g), 0);
    cr_assert_gt(mb_num_cmp(N("1.75"), g), 0);
    cr_assert_lt(mb_num_cmp(N("1.749"), g), 0);
    cr_assert_lt(mb_num_cmp(N("1.74900624"), g), 0);
    cr_assert_gt(mb_num_cmp(N("1.74900626"), g), 0);
}

Test(num_exact, pow_zero_and_one)
{
    cr_assert(mb_num_eq(POW(N("1.15"), 0), mb_num_int(1)));
    cr_assert(mb_num_eq(POW(N("1.15"), 1), N("1.15")));
    cr_assert(mb_num_eq(POW(N("-0.5"), 3), N("-0.125")));
}

Test(num_exact, sub_div_neg_abs)
{
    cr_assert_str_eq(S(SUB(N("0.3"), N("0.1"))), "0.2");
    cr_assert_str_eq(S(SUB(N("0.1"), N("0.3"))), "-0.2");
    mb_num third = DIV(mb_num_int(1), mb_num_int(3));
    cr_assert(mb_num_eq(MUL(third, mb_num_int(3)), mb_num_int(1)));
    cr_assert(mb_num_eq(ADD(ADD(third, third), third), mb_num_int(1)));
    cr_assert(mb_num_eq(DIV(N("-6"), N("-4")), N("1.5")));
    cr_assert(mb_num_eq(mb_num_neg(N("2.5")), N("-2.5")));
    cr_assert(mb_num_eq(mb_num_abs(N("-2.5")), N("2.5")));
    mb_num r;
    cr_assert_eq(mb_num_div(N("1"), N("0"), &r), MB_NUM_DIVZERO);
    cr_assert_eq(mb_num_div(N("1"), N("-0"), &r), MB_NUM_DIVZERO);
}

Test(num_exact, dec_and_int_constructors)
{
    cr_assert(mb_num_eq(mb_num_dec(274, 2), N("2.74")));
    cr_assert(mb_num_eq(mb_num_dec(12, -3), N("12000")));
    cr_assert(mb_num_eq(mb_num_dec(-5, 1), N("-0.5")));
    cr_assert(mb_num_eq(mb_num_int(-7), N("-7")));
    assert_reduced(mb_num_dec(2500, 3));
}

Test(num_exact, reduce)
{
    mb_num r = mb_num_reduce((mb_num){-6, 4});
    cr_assert(r.num == -3 && r.den == 2);
    r = mb_num_reduce((mb_num){0, 5});
    cr_assert(r.num == 0 && r.den == 1);
    r = mb_num_reduce((mb_num){15, 50});
    cr_assert(r.num == 3 && r.den == 10);
    /* unreduced and reduced forms of one value are equal and print the same */
    mb_num a = {15, 50}, b = {3, 10};
    cr_assert(mb_num_eq(a, b));
    cr_assert_str_eq(S(a), "0.3");
    cr_assert(mb_num_is_int((mb_num){12, 4}));
    cr_assert_eq(mb_num_sign((mb_num){-12, 4}), -1);
}

Test(num_exact, lazy_reduction_never_overflows_spuriously)
{
    /* x * 2 / 2 a hundred times: exact results stay 1 even if intermediate terms grow */
    mb_num x = mb_num_int(1);
    for (int i = 0; i < 100; i++) {
        x = MUL(x, N("0.5"));
        x = MUL(x, mb_num_int(2));
    }
    cr_assert(mb_num_eq(x, mb_num_int(1)));
    mb_num s = mb_num_int(0);
    for (int i = 0; i < 1000; i++) s = ADD(s, DIV(mb_num_int(1), mb_num_int(7 + i % 5)));
    cr_assert_eq(mb_num_sign(s), 1);
    mb_num t = mb_num_int(0);
    for (int i = 0; i < 100; i++) t = ADD(t, N("0.01"));
    cr_assert(mb_num_eq(t, mb_num_int(1)));
    cr_assert_str_eq(S(t), "1");
}

Test(num_exact, sign_is_int)
{
    cr_assert_eq(mb_num_sign(N("-0.001")), -1);
    cr_assert_eq(mb_num_sign(N("0")), 0);
    cr_assert_eq(mb_num_sign(N("0.001")), 1);
    cr_assert(mb_num_is_int(N("12000.000")));
    cr_assert(mb_num_is_int(N("-3")));
    cr_assert(!mb_num_is_int(N("2.5")));
}

/* ---- parsing ------------------------------------------------------------------------- */

static mb_numerr P(const char *s, int flags, mb_num *out)
{
    mb_num dummy;
    return mb_num_parse(s, strlen(s), flags, out ? out : &dummy);
}

Test(num_parse, plain_decimals)
{
    mb_num v;
    cr_assert_eq(P("2.74", 0, &v), MB_NUM_OK);
    cr_assert(mb_num_eq(v, mb_num_dec(274, 2)));
    cr_assert_eq(P("1200", 0, &v), MB_NUM_OK);
    cr_assert(mb_num_eq(v, mb_num_int(1200)));
    cr_assert_eq(P("0.5", 0, &v), MB_NUM_OK);
    cr_assert_eq(P("007.50", 0, &v), MB_NUM_OK);
    cr_assert(mb_num_eq(v, N("7.5")));
    assert_reduced(v);
}

Test(num_parse, grouping_only_with_flag)
{
    mb_num v;
    cr_assert_eq(P("1,234.5", 0, &v), MB_NUM_SYNTAX);
    cr_assert_eq(P("1,234.5", MB_NUM_GROUPING, &v), MB_NUM_OK);
    cr_assert(mb_num_eq(v, N("1234.5")));
    cr_assert_eq(P("1,234,567.5", MB_NUM_GROUPING, &v), MB_NUM_OK);
    cr_assert(mb_num_eq(v, N("1234567.5")));
    cr_assert_eq(P("-1,234", MB_NUM_GROUPING | MB_NUM_SIGN, &v), MB_NUM_OK);
    cr_assert(mb_num_eq(v, N("-1234")));
}

Test(num_parse, bad_grouping_rejected)
{
    cr_assert_eq(P("1,23", MB_NUM_GROUPING, NULL), MB_NUM_SYNTAX);
    cr_assert_eq(P("1,2345", MB_NUM_GROUPING, NULL), MB_NUM_SYNTAX);
    cr_assert_eq(P("1234,567", MB_NUM_GROUPING, NULL), MB_NUM_SYNTAX);
    cr_assert_eq(P(",123", MB_NUM_GROUPING, NULL), MB_NUM_SYNTAX);
    cr_assert_eq(P("1,", MB_NUM_GROUPING, NULL), MB_NUM_SYNTAX);
    cr_assert_eq(P("1,,234", MB_NUM_GROUPING, NULL), MB_NUM_SYNTAX);
    cr_assert_eq(P("1,23.4", MB_NUM_GROUPING, NULL), MB_NUM_SYNTAX);
    cr_assert_eq(P("1.234,5", MB_NUM_GROUPING, NULL), MB_NUM_SYNTAX);
}

Test(num_parse, syntax_errors)
{
    const char *bad[] = {"", ".", "1.", ".5", "1.2.3", "1e5", "abc", "1 2", "+", "-", "--1",
                         "0x10", "1_000"};
    for (size_t i = 0; i < sizeof bad / sizeof *bad; i++)
        cr_assert_eq(P(bad[i], MB_NUM_SIGN, NULL), MB_NUM_SYNTAX, "'%s' should be rejected", bad[i]);
    /* signs only with MB_NUM_SIGN */
    cr_assert_eq(P("-1", 0, NULL), MB_NUM_SYNTAX);
    cr_assert_eq(P("+1", 0, NULL), MB_NUM_SYNTAX);
}

Test(num_parse, too_many_digits)
{
    mb_num v;
    /* 30 significant digits are fine, 31 are not. */
    cr_assert_eq(P("123456789012345678901234567890", 0, &v), MB_NUM_OK);
    cr_assert_eq(P("1234567890123456789012345678901", 0, &v), MB_NUM_TOOLONG);
    cr_assert_eq(P("0.1234567890123456789012345678901", 0, &v), MB_NUM_TOOLONG);
    cr_assert_eq(P("99999999999999999999999999999999999999999", 0, &v), MB_NUM_TOOLONG);
    /* leading zeros are not significant */
    cr_assert_eq(P("0000000000123456789012345678901234567890", 0, &v), MB_NUM_OK);
    cr_assert(mb_num_eq(v, N("123456789012345678901234567890")));
    cr_assert_str_eq(mb_numerr_str(MB_NUM_TOOLONG), "number has more than 30 significant digits");
}

Test(num_parse, negative_zero_is_zero)
{
    mb_num v;
    cr_assert_eq(P("-0", MB_NUM_SIGN, &v), MB_NUM_OK);
    cr_assert(mb_num_eq(v, mb_num_int(0)));
    cr_assert_eq(mb_num_sign(v), 0);
    cr_assert_eq(v.den, 1);
    cr_assert_eq(P("-0.000", MB_NUM_SIGN, &v), MB_NUM_OK);
    cr_assert(mb_num_eq(v, mb_num_int(0)));
    char buf[MB_NUM_BUF];
    mb_num_format(v, 2, buf, NULL);
    cr_assert_str_eq(buf, "0");
}

Test(num_parse, respects_length)
{
    mb_num v;
    /* n bytes only: "2.745" cut after 4 bytes is 2.74 */
    cr_assert_eq(mb_num_parse("2.745", 4, 0, &v), MB_NUM_OK);
    cr_assert(mb_num_eq(v, mb_num_dec(274, 2)));
}

/* ---- overflow -------------------------------------------------------------------------- */

Test(num_overflow, mul)
{
    mb_num big = N("100000000000000000000"); /* 1e20 */
    mb_num r = mb_num_int(42);
    cr_assert_eq(mb_num_mul(big, big, &r), MB_NUM_OVERFLOW); /* 1e40 > 2^127 */
    cr_assert(mb_num_eq(r, mb_num_int(42)), "the result must be untouched on overflow");
    /* denominators overflow too */
    mb_num tiny = N("0.00000000000000000001");
    cr_assert_eq(mb_num_mul(tiny, tiny, &r), MB_NUM_OVERFLOW);
    /* and cross-reduction keeps exact results that fit: 1e20 * 1e-20 = 1 */
    cr_assert(mb_num_eq(MUL(big, tiny), mb_num_int(1)));
    /* 1e19 * 1e19 = 1e38 still fits */
    mb_num e19 = N("10000000000000000000");
    cr_assert_str_eq(S(MUL(e19, e19)), "100000000000000000000000000000000000000");
}

Test(num_overflow, add)
{
    mb_num max = {I128_MAX, 1};
    mb_num r = mb_num_int(42);
    cr_assert_eq(mb_num_add(max, mb_num_int(1), &r), MB_NUM_OVERFLOW);
    cr_assert(mb_num_eq(r, mb_num_int(42)));
    cr_assert_eq(mb_num_add(mb_num_neg(max), mb_num_int(-2), &r), MB_NUM_OVERFLOW);
    cr_assert_eq(mb_num_sub(mb_num_neg(max), mb_num_int(2), &r), MB_NUM_OVERFLOW);
    /* different denominators: the common denominator overflows */
    mb_num a = {1, (mb_i128)1 << 100}, b = {1, ((mb_i128)1 << 100) - 1};
    cr_assert_eq(mb_num_add(a, b, &r), MB_NUM_OVERFLOW);
    /* max + 0 and max - 1 are fine */
    cr_assert(mb_num_eq(ADD(max, mb_num_int(0)), max));
    cr_assert_eq(SUB(max, mb_num_int(1)).num, I128_MAX - 1);
}

Test(num_overflow, pow)
{
    mb_num r = mb_num_int(42);
    cr_assert_eq(mb_num_pow(mb_num_int(10), 39, &r), MB_NUM_OVERFLOW);
    cr_assert(mb_num_eq(r, mb_num_int(42)));
    cr_assert_eq(mb_num_pow(N("1.15"), 200, &r), MB_NUM_OVERFLOW);
    cr_assert_eq(mb_num_pow(DIV(mb_num_int(1), mb_num_int(3)), 81, &r), MB_NUM_OVERFLOW);
    /* 10^38 fits */
    cr_assert_str_eq(S(POW(mb_num_int(10), 38)), "100000000000000000000000000000000000000");
    /* 2^126 fits and is exact */
    cr_assert(POW(mb_num_int(2), 126).num == (mb_i128)1 << 126);
    cr_assert_eq(mb_num_pow(mb_num_int(2), 127, &r), MB_NUM_OVERFLOW);
    cr_assert_eq(mb_num_pow(mb_num_int(-2), 128, &r), MB_NUM_OVERFLOW);
}

Test(num_overflow, never_wrong_growth)
{
    /* A long compound-growth chain must either be exact or report overflow. */
    mb_num g = N("1.0723"), acc = mb_num_int(1);
    int overflowed = 0;
    for (unsigned n = 1; n < 60; n++) {
        mb_num r;
        mb_numerr e = mb_num_mul(acc, g, &r);
        if (e) { cr_assert_eq(e, MB_NUM_OVERFLOW); overflowed = 1; break; }
        acc = r;
        mb_num p;
        cr_assert_eq(mb_num_pow(g, n, &p), MB_NUM_OK);
        cr_assert(mb_num_eq(p, acc), "1.0723^%u differs between pow and repeated mul", n);
    }
    cr_assert(overflowed, "1.0723^60 cannot be exact in 128 bits");
}

Test(num_overflow, errstr)
{
    cr_assert_str_eq(mb_numerr_str(MB_NUM_OVERFLOW), "number too large to compute exactly");
    cr_assert_str_eq(mb_numerr_str(MB_NUM_DIVZERO), "division by zero");
    cr_assert_str_eq(mb_numerr_str(MB_NUM_SYNTAX), "not a decimal number");
}

/* ---- comparison of large fractions -------------------------------------------------------- */

Test(num_cmp, needs_256_bit_products)
{
    /* a = (1e37+1)/1e37 and b = (1e37+2)/(1e37+1): a - b = 1/(1e37 (1e37+1)) > 0. The cross
     * products are about 1e74, far past 128 bits. */
    mb_i128 e37 = 1;
    for (int i = 0; i < 37; i++) e37 *= 10;
    mb_num a = {e37 + 1, e37}, b = {e37 + 2, e37 + 1};
    cr_assert_eq(mb_num_cmp(a, b), 1);
    cr_assert_eq(mb_num_cmp(b, a), -1);
    cr_assert_eq(mb_num_cmp(a, a), 0);
    cr_assert_eq(mb_num_cmp(mb_num_neg(a), mb_num_neg(b)), -1);
    cr_assert_eq(mb_num_cmp(mb_num_neg(b), mb_num_neg(a)), 1);
    cr_assert(!mb_num_eq(a, b));
    /* subtracting them overflows: the comparison must not depend on that */
    mb_num r;
    cr_assert_eq(mb_num_sub(a, b, &r), MB_NUM_OVERFLOW);
}

Test(num_cmp, extreme_values)
{
    mb_num max = {I128_MAX, 1}, min = {-I128_MAX, 1};
    mb_num tiny = {1, I128_MAX}, ntiny = {-1, I128_MAX};
    cr_assert_eq(mb_num_cmp(max, min), 1);
    cr_assert_eq(mb_num_cmp(tiny, ntiny), 1);
    cr_assert_eq(mb_num_cmp(tiny, mb_num_int(0)), 1);
    cr_assert_eq(mb_num_cmp(ntiny, mb_num_int(0)), -1);
    /* (2^127-1)/(2^127-2) vs (2^127-2)/(2^127-3): the second is larger */
    mb_num x = {I128_MAX, I128_MAX - 1}, y = {I128_MAX - 1, I128_MAX - 2};
    cr_assert_eq(mb_num_cmp(x, y), -1);
    cr_assert_eq(mb_num_cmp(y, x), 1);
    /* equal values with different (unreduced) representations compare equal */
    mb_num h1 = {1, 2}, h2 = {(mb_i128)1 << 100, (mb_i128)1 << 101};
    cr_assert_eq(mb_num_cmp(h1, h2), 0);
}

/* ---- formatting ------------------------------------------------------------------------ */

static const char *F(mb_num v, int frac, int *exact)
{
    static char buf[MB_NUM_BUF];
    size_t n = mb_num_format(v, frac, buf, exact);
    cr_assert_eq(n, strlen(buf));
    return buf;
}

Test(num_format, exact_values)
{
    int ex = -1;
    cr_assert_str_eq(F(N("2.74"), 2, &ex), "2.74");
    cr_assert_eq(ex, 1);
    cr_assert_str_eq(F(N("12000"), 2, &ex), "12000");
    cr_assert_eq(ex, 1);
    cr_assert_str_eq(F(N("-0.5"), 2, &ex), "-0.5");
    cr_assert_eq(ex, 1);
    cr_assert_str_eq(F(N("0"), 2, &ex), "0");
    cr_assert_str_eq(F(N("2.740"), 0, &ex), "2.74"); /* exact wins over frac */
    cr_assert_eq(ex, 1);
    cr_assert_str_eq(F(N("0.000001"), 2, &ex), "0.000001");
    cr_assert_str_eq(F(DIV(mb_num_int(1), mb_num_int(8)), 1, &ex), "0.125");
    cr_assert_eq(ex, 1);
    cr_assert_str_eq(F(mb_num_dec(-1, 30), 2, &ex), "-0.000000000000000000000000000001");
    cr_assert_eq(ex, 1);
    cr_assert_str_eq(F((mb_num){I128_MAX, 1}, 0, &ex), "170141183460469231731687303715884105727");
    cr_assert_eq(ex, 1);
}

Test(num_format, inexact_rounded_and_marked)
{
    int ex = -1;
    mb_num third = DIV(mb_num_int(1), mb_num_int(3));
    cr_assert_str_eq(F(third, 6, &ex), "0.333333");
    cr_assert_eq(ex, 0);
    cr_assert_str_eq(F(DIV(mb_num_int(2), mb_num_int(3)), 4, &ex), "0.6667");
    cr_assert_eq(ex, 0);
    cr_assert_str_eq(F(DIV(mb_num_int(-2), mb_num_int(3)), 2, &ex), "-0.67");
    cr_assert_eq(ex, 0);
    cr_assert_str_eq(F(third, 0, &ex), "0.3333"); /* not zero, so not "0" */
    cr_assert_eq(ex, 0);
    /* carries through nines into the integer part */
    cr_assert_str_eq(F(DIV(N("9.9999999"), mb_num_int(1)), 3, &ex), "9.9999999"); /* exact */
    cr_assert_str_eq(F(DIV(mb_num_int(29999), mb_num_int(3)), 0, &ex), "10000");
    cr_assert_eq(ex, 0);
    cr_assert_str_eq(F(DIV(mb_num_int(2), mb_num_int(3)), 0, &ex), "1");
    /* a value that is not zero never prints as zero: a missed target's gap of -1/30000 must
     * not read "0" (it shows four significant digits instead of rounding them away) */
    cr_assert_str_eq(F(DIV(mb_num_int(-1), mb_num_int(3000)), 2, &ex), "-0.0003333");
    cr_assert_eq(ex, 0);
    cr_assert_str_eq(F(DIV(mb_num_int(-1), mb_num_int(30000)), 4, &ex), "-0.00003333");
    cr_assert_str_eq(F(DIV(mb_num_int(1), mb_num_int(600)), 2, &ex), "0.001667");
    cr_assert_str_eq(F(DIV(mb_num_int(1), mb_num_int(60)), 2, &ex), "0.02"); /* rounds to non-zero: as before */
    cr_assert_str_eq(F(DIV(mb_num_int(1), mb_num_int(3000000000000000000LL)), 4, &ex), "0.0000000000000000003333");
    /* the exact flag pointer is optional */
    char buf[MB_NUM_BUF];
    mb_num_format(third, 3, buf, NULL);
    cr_assert_str_eq(buf, "0.333");
}

/* Decimals with a power-of-ten denominator take a 64-bit path; the same value with the
 * denominator doubled (2m / 2·10^k, not a power of ten) takes the general long division.
 * Both must print the same text, for every sign, length and number of places. */
Test(num_format, decimal_path_equals_general_path)
{
    static const int64_t P[] = {1, 10, 100, 1000, 10000, 100000, 1000000, 10000000, 100000000,
                                1000000000, 10000000000, 100000000000, 1000000000000};
    uint64_t x = 88172645463325252ull;
    for (int i = 0; i < 20000; i++) {
        x ^= x << 13; x ^= x >> 7; x ^= x << 17; /* xorshift: reproducible */
        int k = (int)(x % 13);
        int64_t m = (int64_t)((x >> 8) % (i % 3 == 0 ? 1000 : i % 3 == 1 ? 10000000 : 1000000000000000ull));
        if (x & 1) m = -m;
        if (i % 7 == 0) m *= 10; /* trailing zeros in the fraction */
        char a[MB_NUM_BUF], b[MB_NUM_BUF];
        int ea = -1, eb = -1;
        size_t na = mb_num_format((mb_num){m, P[k]}, 4, a, &ea);
        /* × 3 / 3: a denominator that divides no power of ten takes the general path */
        size_t nb = mb_num_format((mb_num){(mb_i128)m * 3, (mb_i128)P[k] * 3}, 4, b, &eb);
        cr_assert_str_eq(a, b, "%lld / 10^%d", (long long)m, k);
        cr_assert_eq(na, nb);
        cr_assert_eq(ea, 1);
        cr_assert_eq(eb, 1);
    }
    /* Denominators 2^i·5^j that are not powers of ten (0.25, 0.0016), as arithmetic on
     * decimals leaves them once reduced, against the general path the same way. */
    for (int i = 0; i < 20000; i++) {
        x ^= x << 13; x ^= x >> 7; x ^= x << 17;
        int twos = (int)(x % 19), fives = (int)((x >> 5) % 19);
        mb_i128 den = 1;
        for (int t = 0; t < twos; t++) den *= 2;
        for (int t = 0; t < fives; t++) den *= 5;
        int64_t m = (int64_t)((x >> 8) % (i % 2 ? 1000 : 100000000000ull));
        if (x & 1) m = -m;
        char a[MB_NUM_BUF], b[MB_NUM_BUF];
        int ea = -1, eb = -1;
        size_t na = mb_num_format((mb_num){m, den}, 4, a, &ea);
        size_t nb = mb_num_format((mb_num){(mb_i128)m * 3, den * 3}, 4, b, &eb);
        cr_assert_str_eq(a, b, "%lld / 2^%d 5^%d", (long long)m, twos, fives);
        cr_assert_eq(na, nb);
        cr_assert(ea == 1 && eb == 1);
    }
    cr_assert_str_eq(F((mb_num){1, 4}, 2, NULL), "0.25");
    cr_assert_str_eq(F((mb_num){-3, 8}, 2, NULL), "-0.375");
    cr_assert_str_eq(F((mb_num){25, 2}, 2, NULL), "12.5");
    cr_assert_str_eq(F((mb_num){7, 1 << 20}, 2, NULL), "0.00000667572021484375");
    /* a zero never set ({0, 0}, as the model's JSON prints one) must not send the 2^i·5^j
     * test into a loop */
    cr_assert_str_eq(F((mb_num){0, 0}, 2, NULL), "0");
    cr_assert_str_eq(F((mb_num){-5, 100}, 2, NULL), "-0.05");
    cr_assert_str_eq(F((mb_num){-500, 100}, 2, NULL), "-5");
    cr_assert_str_eq(F((mb_num){1230, 1000}, 2, NULL), "1.23");
    cr_assert_str_eq(F((mb_num){7, 1000000000000000000}, 2, NULL), "0.000000000000000007");
}

/* The 64-bit path produces digits two at a time and copies the pieces with fixed-size moves:
 * every length of the integer part (1 to 19 digits, up to 2^62) with every number of places
 * (0 to 18) and fractions with and without trailing zeros, against the general path. */
Test(num_format, decimal_path_every_length_and_place)
{
    uint64_t x = 0x9E3779B97F4A7C15ull;
    size_t n = 0;
    for (int k = 0; k <= 18; k++) {
        int64_t p = 1;
        for (int t = 0; t < k; t++) p *= 10;
        for (int digits = 1; digits <= 19; digits++) {
            for (int rep = 0; rep < 12; rep++) {
                x ^= x << 13; x ^= x >> 7; x ^= x << 17;
                uint64_t lim = 1;
                for (int t = 0; t < digits && lim < ((uint64_t)1 << 62) / 10; t++) lim *= 10;
                int64_t m = (int64_t)(x % lim);
                if (rep % 3 == 1 && m >= 1000) m -= m % 1000; /* zeros to trim */
                if (rep % 4 == 2) m = -m;
                char a[MB_NUM_BUF], b[MB_NUM_BUF];
                int ea = -1, eb = -1;
                size_t na = mb_num_format((mb_num){m, p}, 4, a, &ea);
                size_t nb = mb_num_format((mb_num){(mb_i128)m * 3, (mb_i128)p * 3}, 4, b, &eb);
                cr_assert_str_eq(a, b, "%lld / 10^%d", (long long)m, k);
                cr_assert(na == nb && na == strlen(a) && ea == 1 && eb == 1);
                n++;
            }
        }
    }
    cr_assert_str_eq(F((mb_num){((mb_i128)1 << 62) - 1, 1000000000000000000}, 4, NULL), "4.611686018427387903");
    cr_assert_str_eq(F((mb_num){-5, 100}, 4, NULL), "-0.05");
    cr_assert_str_eq(F((mb_num){120, 100}, 4, NULL), "1.2");
    cr_assert_str_eq(F((mb_num){99, 1}, 4, NULL), "99");
    cr_assert_eq(n, 19 * 19 * 12);
}

/* The inline decimal path (num_dec.h: the CSV report's actuals and gaps) prints what the
 * general path prints for its own values, denominators 10^0 to 10^8 with every sign, length
 * and number of places, zero and numerators up to 2^62; every other value it declines
 * (returns 0), so that mb_num_format prints it. */
Test(num_format, inline_decimal_path_equals_general_path)
{
    uint64_t x = 0x2545F4914F6CDD1Dull;
    for (int i = 0; i < 60000; i++) {
        x ^= x << 13; x ^= x >> 7; x ^= x << 17;
        int k = (int)(x % 9);
        int64_t p = 1;
        for (int t = 0; t < k; t++) p *= 10;
        static const uint64_t LIM[] = {1000, 10000000, 1000000000000ull, ((uint64_t)1 << 62) - 1};
        int64_t m = (int64_t)((x >> 8) % LIM[i % 4]);
        if (i % 5 == 0) m -= m % 1000; /* trailing zeros in the fraction */
        if (i % 11 == 0) m = 0;
        if (x & 1) m = -m;
        char a[MB_NUM_BUF], b[MB_NUM_BUF];
        int eb = -1;
        size_t na = mb_num_format_dec((mb_num){m, p}, a);
        /* × 3 / 3: a denominator that divides no power of ten takes the general path */
        size_t nb = mb_num_format((mb_num){(mb_i128)m * 3, (mb_i128)p * 3}, 4, b, &eb);
        cr_assert(na > 0, "%lld / 10^%d declined", (long long)m, k);
        cr_assert_str_eq(a, b, "%lld / 10^%d", (long long)m, k);
        cr_assert(na == nb && na == strlen(a) && eb == 1);
    }
    char buf[MB_NUM_BUF];
    const int64_t big = ((int64_t)1 << 62) - 1;
    cr_assert_eq(mb_num_format_dec((mb_num){big, 100000000}, buf), strlen("46116860184.27387903"));
    cr_assert_str_eq(buf, "46116860184.27387903");
    cr_assert_gt(mb_num_format_dec((mb_num){-big, 1}, buf), 0);
    cr_assert_str_eq(buf, "-4611686018427387903");
    cr_assert_gt(mb_num_format_dec((mb_num){-1, 100000000}, buf), 0);
    cr_assert_str_eq(buf, "-0.00000001");
    cr_assert_gt(mb_num_format_dec((mb_num){-500, 100}, buf), 0);
    cr_assert_str_eq(buf, "-5");
    cr_assert_gt(mb_num_format_dec((mb_num){12340, 10000}, buf), 0);
    cr_assert_str_eq(buf, "1.234");
    cr_assert_gt(mb_num_format_dec((mb_num){0, 1000}, buf), 0);
    cr_assert_str_eq(buf, "0");
    /* not its own: 2^i·5^j, more than 8 places, too large, a value never set, a negative or
     * 128-bit denominator */
    cr_assert_eq(mb_num_format_dec((mb_num){1, 4}, buf), 0);
    cr_assert_eq(mb_num_format_dec((mb_num){1, 1000000000}, buf), 0);
    cr_assert_eq(mb_num_format_dec((mb_num){(mb_i128)1 << 62, 1}, buf), 0);
    cr_assert_eq(mb_num_format_dec((mb_num){-((mb_i128)1 << 62), 1}, buf), 0);
    cr_assert_eq(mb_num_format_dec((mb_num){(mb_i128)1 << 64, 10}, buf), 0);
    cr_assert_eq(mb_num_format_dec((mb_num){0, 0}, buf), 0);
    cr_assert_eq(mb_num_format_dec((mb_num){5, -10}, buf), 0);
    cr_assert_eq(mb_num_format_dec((mb_num){5, ((mb_i128)1 << 64) + 10}, buf), 0);
    /* and mb_num_format prints those as before */
    cr_assert_str_eq(F((mb_num){1, 1000000000}, 4, NULL), "0.000000001");
    cr_assert_str_eq(F((mb_num){-123456789123, 1000000000}, 4, NULL), "-123.456789123");
    cr_assert_str_eq(F((mb_num){3, 160000}, 4, NULL), "0.00001875");
}

Test(num_format, to_double)
{
    cr_assert_float_eq(mb_num_to_double(N("2.74")), 2.74, 1e-12);
    cr_assert_float_eq(mb_num_to_double(DIV(mb_num_int(1), mb_num_int(3))), 1.0 / 3, 1e-12);
}

/* a − b for 64-bit fractions takes a path of its own: the same fraction, denominator included,
 * as a + (−b), for equal and different denominators, extremes of 64 bits included. */
Test(num_sub, small_values_as_adding_the_negation)
{
    static const int64_t V[] = {0, 1, -1, 7, -136, 274, 100, 1000, 123456789, -987654321,
                                INT64_MAX, INT64_MIN, INT64_MIN + 1};
    static const int64_t D[] = {1, 10, 100, 125, 1000, 160000, 3, INT64_MAX};
    size_t nv = sizeof V / sizeof V[0], nd = sizeof D / sizeof D[0];
    for (size_t i = 0; i < nv * nd; i++)
        for (size_t j = 0; j < nv * nd; j++) {
            mb_num a = {V[i % nv], D[i / nv]}, b = {V[j % nv], D[j / nv]}, s, t;
            mb_numerr es = mb_num_sub(a, b, &s);
            mb_numerr et = b.num == -I128_MAX - 1 ? MB_NUM_OVERFLOW : mb_num_add(a, mb_num_neg(b), &t);
            cr_assert_eq(es, et);
            if (es) continue;
            cr_assert(s.num == t.num && s.den == t.den, "%lld/%lld - %lld/%lld", (long long)V[i % nv],
                      (long long)D[i / nv], (long long)V[j % nv], (long long)D[j / nv]);
        }
}
