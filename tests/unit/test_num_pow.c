/* test_num_pow.c — thresholds c × f^n whose exact fraction does not fit 128 bits (num_pow.h):
 * the comparison must be exact whatever the size, equal must stay equal, and nothing a real
 * plan states (7.35% a year for ten years, 6.5% for fifteen) may fail. */
#include <criterion/criterion.h>
#include <string.h>

#include "num_pow.h"

static mb_num N(const char *s)
{
    mb_num v;
    cr_assert_eq(mb_num_parse(s, strlen(s), MB_NUM_SIGN, &v), MB_NUM_OK, "parsing %s", s);
    return v;
}

static int CMP(const char *x, const char *c, const char *f, unsigned n)
{
    mb_pow p = {N(c), N(f), n};
    int s = 99;
    cr_assert_eq(mb_pow_cmp(N(x), &p, &s), MB_NUM_OK);
    return s;
}

Test(num_pow, realistic_annual_growth_does_not_overflow)
{
    /* 1234.5678 × 1.0735^10 = 2509.20089187568…: the 128-bit product overflows. */
    mb_pow p = {N("1234.5678"), N("1.0735"), 10};
    mb_num t;
    cr_assert_eq(mb_pow_exact(&p, &t), MB_NUM_OVERFLOW, "the case must exercise the fallback");
    cr_assert_eq(CMP("100", "1234.5678", "1.0735", 10), -1);
    cr_assert_eq(CMP("2509.2008", "1234.5678", "1.0735", 10), -1);
    cr_assert_eq(CMP("2509.2009", "1234.5678", "1.0735", 10), 1);
    cr_assert_eq(CMP("3175.1120", "1234.5678", "1.065", 15), -1);
    cr_assert_eq(CMP("3175.1121", "1234.5678", "1.065", 15), 1);
}

Test(num_pow, near_ties_are_decided_exactly)
{
    /* Within 1e-20 relative of the threshold: only the large integers can tell. The value is
     * 2509.2008918756885098… (Python's fractions). */
    cr_assert_eq(CMP("2509.20089187568850", "1234.5678", "1.0735", 10), -1);
    cr_assert_eq(CMP("2509.20089187568851", "1234.5678", "1.0735", 10), 1);
}

Test(num_pow, equal_beyond_128_bits_is_equal)
{
    /* (2^90 / 3^50) × 1.5^90 = 3^40 exactly, though 1.5^90 alone does not fit 128 bits. */
    mb_i128 two90 = (mb_i128)1 << 90, three50 = 1;
    for (int i = 0; i < 50; i++) three50 *= 3;
    mb_pow p = {{two90, three50}, N("1.5"), 90};
    mb_num pw;
    cr_assert_eq(mb_num_pow(N("1.5"), 90, &pw), MB_NUM_OVERFLOW);
    int s = 99;
    cr_assert_eq(mb_pow_cmp(N("12157665459056928801"), &p, &s), MB_NUM_OK);
    cr_assert_eq(s, 0);
    cr_assert_eq(mb_pow_cmp(N("12157665459056928800.9999999999"), &p, &s), MB_NUM_OK);
    cr_assert_eq(s, -1);
    cr_assert_eq(mb_pow_cmp(N("12157665459056928801.0000000001"), &p, &s), MB_NUM_OK);
    cr_assert_eq(s, 1);
}

Test(num_pow, signs_and_cuts)
{
    cr_assert_eq(CMP("-1", "1234.5678", "1.0735", 10), -1);
    cr_assert_eq(CMP("0", "1234.5678", "1.0735", 10), -1);
    cr_assert_eq(CMP("-3000", "-1234.5678", "1.0735", 10), -1);
    cr_assert_eq(CMP("-2000", "-1234.5678", "1.0735", 10), 1);
    cr_assert_eq(CMP("0", "1234.5678", "0", 1), 0);
    cr_assert_eq(CMP("0", "1234.5678", "0", 0), -1);
    /* a cut of 3.7% a year for forty years: f below 1 */
    cr_assert_eq(CMP("280", "1234.5678", "0.963", 40), 1);
    cr_assert_eq(CMP("270", "1234.5678", "0.963", 40), -1);
}

Test(num_pow, small_cases_match_exact_arithmetic)
{
    /* 100 × 1.15^4 = 174.900625: the exact path, met at the value and missed below it */
    cr_assert_eq(CMP("174.900625", "100", "1.15", 4), 0);
    cr_assert_eq(CMP("174.900624", "100", "1.15", 4), -1);
}

Test(num_pow, display_value_is_marked_approximate)
{
    mb_pow p = {N("1234.5678"), N("1.0735"), 10};
    mb_num v;
    int exact = 1;
    char buf[MB_NUM_BUF];
    cr_assert_eq(mb_pow_value(&p, &v, &exact), MB_NUM_OK);
    cr_assert_eq(exact, 0);
    int fexact = 1;
    mb_num_format(v, 4, buf, &fexact);
    cr_assert_str_eq(buf, "2509.2009");
    /* the digits are exact: 2509.20089187568850988… */
    mb_num lo = N("2509.200891875688509"), hi = N("2509.200891875688510");
    cr_assert(mb_num_cmp(v, lo) > 0 && mb_num_cmp(v, hi) < 0);
    cr_assert_eq(fexact, 0, "an approximate threshold must print as approximate");
    mb_pow q = {N("100"), N("1.15"), 4};
    cr_assert_eq(mb_pow_value(&q, &v, &exact), MB_NUM_OK);
    cr_assert_eq(exact, 1);
    cr_assert(mb_num_eq(v, N("174.900625")));
}

Test(num_pow, long_horizons_finish)
{
    /* 2% a year for 2,000 years: only bounds are needed, far from a tie. */
    cr_assert_eq(CMP("1", "1", "1.02", 2000), -1);
    cr_assert_eq(CMP("1", "1", "0.98", 2000), 1);
}
