/* num.c — exact rational arithmetic on 128-bit integers (see num.h for why). */
#include "num.h"
#include "num_dec.h"

#include <stdio.h>
#include <string.h>

typedef unsigned __int128 u128;

static const mb_i128 I128_MAX = (mb_i128)(((u128)1 << 127) - 1);

static u128 uabs(mb_i128 v) { return v < 0 ? (u128)0 - (u128)v : (u128)v; }

static u128 gcd_u(u128 a, u128 b)
{
    while (b) {
        u128 t = a % b;
        a = b;
        b = t;
    }
    return a;
}

static mb_num reduce(mb_num a)
{
    if (a.num == 0) {
        a.den = 1;
        return a;
    }
    u128 g = gcd_u(uabs(a.num), (u128)a.den);
    if (g > 1) {
        a.num /= (mb_i128)g;
        a.den /= (mb_i128)g;
    }
    return a;
}

mb_num mb_num_int(int64_t v) { return (mb_num){v, 1}; }

static mb_i128 pow10_i(int k)
{
    mb_i128 p = 1;
    while (k-- > 0) p *= 10;
    return p;
}

mb_num mb_num_dec(int64_t mantissa, int scale)
{
    static const int64_t P10[] = {1, 10, 100, 1000, 10000, 100000, 1000000, 10000000,
                                  100000000, 1000000000, 10000000000, 100000000000,
                                  1000000000000, 10000000000000, 100000000000000,
                                  1000000000000000, 10000000000000000, 100000000000000000,
                                  1000000000000000000};
    mb_num r = {mantissa, 1};
    if (scale > 0) r.den = scale <= 18 ? P10[scale] : pow10_i(scale);
    else if (scale < 0) r.num *= pow10_i(-scale);
    return r;
}

/* digits [, groups] [. digits]; returns MB_NUM_SYNTAX on anything else. */
mb_numerr mb_num_parse(const char *s, size_t n, int flags, mb_num *out)
{
    size_t i = 0;
    int neg = 0, sig = 0, frac = 0, seen_dot = 0, ndig = 0, group = -1;
    mb_i128 m = 0;
    if (i < n && (s[i] == '+' || s[i] == '-') && (flags & MB_NUM_SIGN)) neg = s[i++] == '-';
    for (; i < n; i++) {
        char c = s[i];
        if (c >= '0' && c <= '9') {
            if (group >= 0 && !seen_dot && ++group > 3) return MB_NUM_SYNTAX;
            ndig++;
            if (sig || c != '0') sig++;
            if (sig > MB_NUM_MAX_DIGITS) return MB_NUM_TOOLONG;
            m = m * 10 + (c - '0');
            if (seen_dot) frac++;
        } else if (c == '.' && !seen_dot && ndig > 0) {
            if (group >= 0 && group != 3) return MB_NUM_SYNTAX;
            seen_dot = 1;
        } else if (c == ',' && (flags & MB_NUM_GROUPING) && !seen_dot && ndig > 0 &&
                   (group < 0 ? ndig <= 3 : group == 3)) {
            group = 0;
        } else {
            return MB_NUM_SYNTAX;
        }
    }
    if (ndig == 0 || (seen_dot && frac == 0) || (group >= 0 && !seen_dot && group != 3))
        return MB_NUM_SYNTAX;
    if (frac > 36) return MB_NUM_DECIMALS;
    *out = reduce((mb_num){neg ? -m : m, pow10_i(frac)});
    return MB_NUM_OK;
}

/* Results never hold -2^127: its negation does not fit, so with it excluded mb_num_neg and
 * mb_num_abs are always exact. (The 64-bit fast paths cannot reach it.) */
static int mul_ok(mb_i128 a, mb_i128 b, mb_i128 *r)
{
    return !__builtin_mul_overflow(a, b, r) && *r != -I128_MAX - 1;
}

/* Values from submissions and rules are small: when all four parts fit in 64 bits, every
 * product fits in 128 and the overflow checks (library calls for 128-bit) can be skipped. */
static inline int small64(mb_num a, mb_num b)
{
    return a.num == (int64_t)a.num && a.den == (int64_t)a.den && b.num == (int64_t)b.num &&
           b.den == (int64_t)b.den;
}

/* The product of two parts that fit 64 bits (small64): one widening multiplication of their
 * low words. The empty asm hides where the words came from: knowing from small64 that each
 * value equals its low word, gcc put the 128-bit values back and multiplied all their words
 * (three multiplications and the additions: half of a gap's subtraction). */
static inline mb_i128 mul64(mb_i128 a, mb_i128 b)
{
    int64_t x = (int64_t)a, y = (int64_t)b;
    __asm__("" : "+r"(x), "+r"(y));
    return (mb_i128)x * y;
}
static int add_ok(mb_i128 a, mb_i128 b, mb_i128 *r)
{
    return !__builtin_add_overflow(a, b, r) && *r != -I128_MAX - 1;
}

mb_numerr mb_num_add(mb_num a, mb_num b, mb_num *out)
{
    mb_i128 x, y, d, s;
    if (a.den == b.den) {
        if (!add_ok(a.num, b.num, &s)) return MB_NUM_OVERFLOW;
        *out = (mb_num){s, a.den};
        return MB_NUM_OK;
    }
    if (small64(a, b)) { /* |products| < 2^126: the sum cannot overflow either */
        *out = (mb_num){mul64(a.num, b.den) + mul64(b.num, a.den), mul64(a.den, b.den)};
        return MB_NUM_OK;
    }
    if (mul_ok(a.num, b.den, &x) && mul_ok(b.num, a.den, &y) && mul_ok(a.den, b.den, &d) &&
        add_ok(x, y, &s)) {
        *out = (mb_num){s, d};
        return MB_NUM_OK;
    }
    a = reduce(a);
    b = reduce(b);
    u128 g = gcd_u((u128)a.den, (u128)b.den);
    mb_i128 bd = b.den / (mb_i128)g;
    if (!mul_ok(a.num, bd, &x) || !mul_ok(b.num, a.den / (mb_i128)g, &y) ||
        !mul_ok(a.den, bd, &d) || !add_ok(x, y, &s))
        return MB_NUM_OVERFLOW;
    *out = reduce((mb_num){s, d});
    return MB_NUM_OK;
}

mb_num mb_num_neg(mb_num a) { return (mb_num){-a.num, a.den}; }
mb_num mb_num_abs(mb_num a) { return (mb_num){a.num < 0 ? -a.num : a.num, a.den}; }

mb_numerr mb_num_sub(mb_num a, mb_num b, mb_num *out)
{
    /* Two 64-bit fractions (a submitted value and its target: every line of a report has a
     * gap): the products and the difference fit 128 bits, so the checks and the call below
     * are skipped; the result is the one a + (−b) gives, denominator included. */
    if (small64(a, b)) {
        if (a.den == b.den) *out = (mb_num){a.num - b.num, a.den};
        else *out = (mb_num){mul64(a.num, b.den) - mul64(b.num, a.den), mul64(a.den, b.den)};
        return MB_NUM_OK;
    }
    if (b.num == -I128_MAX - 1) return MB_NUM_OVERFLOW;
    return mb_num_add(a, mb_num_neg(b), out);
}

/* Results are reduced lazily: comparisons do not need lowest terms, and gcd on 128-bit
 * integers is the slowest thing here, so we reduce only when a product would overflow. */
mb_numerr mb_num_mul(mb_num a, mb_num b, mb_num *out)
{
    mb_i128 n, d;
    if (small64(a, b)) {
        *out = (mb_num){mul64(a.num, b.num), mul64(a.den, b.den)};
        return MB_NUM_OK;
    }
    if (mul_ok(a.num, b.num, &n) && mul_ok(a.den, b.den, &d)) {
        *out = (mb_num){n, d};
        return MB_NUM_OK;
    }
    a = reduce(a);
    b = reduce(b);
    u128 g1 = a.num ? gcd_u(uabs(a.num), (u128)b.den) : 1;
    u128 g2 = b.num ? gcd_u(uabs(b.num), (u128)a.den) : 1;
    if (!mul_ok(a.num / (mb_i128)g1, b.num / (mb_i128)g2, &n) ||
        !mul_ok(a.den / (mb_i128)g2, b.den / (mb_i128)g1, &d))
        return MB_NUM_OVERFLOW;
    *out = reduce((mb_num){n, d});
    return MB_NUM_OK;
}

mb_numerr mb_num_div(mb_num a, mb_num b, mb_num *out)
{
    if (b.num == 0) return MB_NUM_DIVZERO;
    if (b.num == -I128_MAX - 1) return MB_NUM_OVERFLOW;
    mb_num inv = b.num < 0 ? (mb_num){-b.den, -b.num} : (mb_num){b.den, b.num};
    if (inv.den == 0) return MB_NUM_DIVZERO;
    return mb_num_mul(a, inv, out);
}

mb_numerr mb_num_pow(mb_num a, unsigned n, mb_num *out)
{
    mb_num r = mb_num_int(1);
    while (n--) {
        mb_numerr e = mb_num_mul(r, a, &r);
        if (e) return e;
    }
    *out = r;
    return MB_NUM_OK;
}

int mb_num_sign(mb_num a) { return (a.num > 0) - (a.num < 0); }
int mb_num_is_int(mb_num a) { return a.num % a.den == 0; }
mb_num mb_num_reduce(mb_num a) { return reduce(a); }

/* Full 128×128 → 256-bit product of magnitudes, as (hi, lo). */
static void umul256(u128 a, u128 b, u128 *hi, u128 *lo)
{
    uint64_t a0 = (uint64_t)a, a1 = (uint64_t)(a >> 64);
    uint64_t b0 = (uint64_t)b, b1 = (uint64_t)(b >> 64);
    u128 p00 = (u128)a0 * b0, p01 = (u128)a0 * b1;
    u128 p10 = (u128)a1 * b0, p11 = (u128)a1 * b1;
    u128 mid = (p00 >> 64) + (uint64_t)p01 + (uint64_t)p10;
    *lo = (mid << 64) | (uint64_t)p00;
    *hi = p11 + (p01 >> 64) + (p10 >> 64) + (mid >> 64);
}

/* Compare |a.num| * b.den with |b.num| * a.den exactly. */
static int cmp_mag(mb_num a, mb_num b)
{
    u128 h1, l1, h2, l2;
    umul256(uabs(a.num), (u128)b.den, &h1, &l1);
    umul256(uabs(b.num), (u128)a.den, &h2, &l2);
    if (h1 != h2) return h1 < h2 ? -1 : 1;
    if (l1 != l2) return l1 < l2 ? -1 : 1;
    return 0;
}

int mb_num_cmp(mb_num a, mb_num b)
{
    int sa = mb_num_sign(a), sb = mb_num_sign(b);
    if (sa != sb) return sa < sb ? -1 : 1;
    if (sa == 0) return 0;
    if (a.den == b.den) return a.num < b.num ? -1 : a.num > b.num;
    if (small64(a, b)) {
        mb_i128 x = mul64(a.num, b.den), y = mul64(b.num, a.den);
        return x < y ? -1 : x > y;
    }
    int c = cmp_mag(a, b);
    return sa > 0 ? c : -c;
}

int mb_num_eq(mb_num a, mb_num b) { return mb_num_cmp(a, b) == 0; }

static size_t utoa128(u128 v, char *buf)
{
    char tmp[48];
    size_t n = 0;
    if (v <= UINT64_MAX) { /* 64-bit division by 10 is a multiplication; 128-bit is a call */
        uint64_t w = (uint64_t)v;
        do { tmp[n++] = (char)('0' + (int)(w % 10)); w /= 10; } while (w);
        for (size_t i = 0; i < n; i++) buf[i] = tmp[n - 1 - i];
        return n;
    }
    do {
        tmp[n++] = (char)('0' + (int)(v % 10));
        v /= 10;
    } while (v);
    for (size_t i = 0; i < n; i++) buf[i] = tmp[n - 1 - i];
    return n;
}

/* Number of decimal places that make a/den terminate, or -1 when it does not. */
static int terminating_places(u128 den)
{
    int twos = 0, fives = 0;
    while (den % 2 == 0) { den /= 2; twos++; }
    while (den % 5 == 0) { den /= 5; fives++; }
    if (den != 1) return -1;
    return twos > fives ? twos : fives;
}

static const int64_t P10_64[] = {1, 10, 100, 1000, 10000, 100000, 1000000, 10000000, 100000000,
                                 1000000000, 10000000000, 100000000000, 1000000000000,
                                 10000000000000, 100000000000000, 1000000000000000,
                                 10000000000000000, 100000000000000000, 1000000000000000000};

static const int64_t P5_64[] = {1, 5, 25, 125, 625, 3125, 15625, 78125, 390625, 1953125, 9765625,
                                48828125, 244140625, 1220703125, 6103515625, 30517578125,
                                152587890625, 762939453125, 3814697265625};

static size_t utoa128(u128 v, char *buf);
static size_t format_general(mb_num a, int frac, char *buf, int *exact);
static size_t format_rest(mb_num a, int frac, char *buf, int *exact);

/* Decimals from submissions have a power-of-ten denominator and fit 64 bits: print them
 * with 64-bit arithmetic (reports print millions of them, two a line). Only a denominator
 * up to 10^8 is printed here (num_dec.h); any other value goes to format_rest. */
size_t mb_num_format(mb_num a, int frac, char *buf, int *exact)
{
    size_t n = mb_num_format_dec(a, buf);
    if (n) {
        if (exact) *exact = 1;
        return n;
    }
    return format_rest(a, frac, buf, exact);
}

/* Decimals with more places, and the results of arithmetic on decimals whose denominator is
 * reduced to 2^i·5^j (a gap of 1/4, 0.25): the same decimal over 10^max(i,j), printed by the
 * same code; the general path would divide 128-bit integers (a library call) for every
 * digit. A denominator below 1 (a value never set) is the general path's. hot: called
 * only from mb_num_format's less likely branch, gcc compiled it for size, dividing by
 * constants with division instructions (some 40 cycles each). */
static __attribute__((noinline, hot)) size_t format_rest(mb_num a, int frac, char *buf, int *exact)
{
    int64_t n;
    if (mb_dec_small_num(a.num, &n) && a.den >= 1 && a.den <= P10_64[18]) {
        uint64_t d = (uint64_t)a.den;
        int twos = __builtin_ctzll(d), fives = 0;
        d >>= twos;
        while (d % 5 == 0) { d /= 5; fives++; }
        int k = twos > fives ? twos : fives;
        /* 10^k / den = 2^(k - twos) · 5^(k - fives): shifts and a table, no division (a gap
         * against a target of 1.15^4 × a base, 1/160000, takes this path on every line) */
        int64_t mult = d == 1 && k <= 18 ? P5_64[k - fives] << (k - twos) : 0;
        if (mult && !__builtin_mul_overflow(n, mult, &n) && n < ((int64_t)1 << 62) &&
            n > -((int64_t)1 << 62)) {
            uint64_t m = n < 0 ? 0 - (uint64_t)n : (uint64_t)n, ip, fp;
            if (k <= 8) ip = mb_dec_split(m, k, &fp);
            else ip = m / (uint64_t)P10_64[k], fp = m % (uint64_t)P10_64[k];
            if (exact) *exact = 1;
            return mb_dec_text(n < 0, ip, fp, k, buf);
        }
    }
    return format_general(a, frac, buf, exact);
}

/* The places to print for an inexact value 0 < n/d < 1: `frac`, unless rounding to that many
 * would make it zero; then four significant digits. A value that is not zero must never print
 * as zero: a missed target whose gap is -1/30000 showing gap 0 would contradict its verdict. */
static int significant_places(u128 n, u128 d, int frac)
{
    u128 t = n;
    for (int i = 0; i < frac && i < 40; i++) {
        if (t >= d) return frac; /* a digit within frac places is not zero */
        t *= 10;                 /* t < d < 2^122 here, so t * 10 fits */
    }
    if (t * 2 >= d) return frac; /* rounds up to a non-zero last place */
    int zeros = 0;               /* zeros after the point before the first significant digit */
    while (n * 10 < d && zeros < 36) {
        n *= 10;
        zeros++;
    }
    return zeros + 4;
}

/* Any other value: 128-bit long division. Kept out of line, so that the common decimal above
 * does not pay for its stack frame. */
static __attribute__((noinline)) size_t format_general(mb_num a, int frac, char *buf, int *exact)
{
    a = reduce(a);
    u128 n = uabs(a.num), d = (u128)a.den;
    if (d >> 122) { /* long division below would overflow; such values are display-only */
        if (exact) *exact = 0;
        return (size_t)snprintf(buf, MB_NUM_BUF, "%.*g", frac + 6, mb_num_to_double(a));
    }
    int places = terminating_places(d);
    int ex = places >= 0 && places <= 40;
    if (exact) *exact = ex;
    if (ex) frac = places;
    if (!ex && n && n < d) frac = significant_places(n, d, frac);
    if (frac > 40) frac = 40;
    u128 ip = n / d, rem = n % d;
    char digits[48];
    int nd = 0;
    /* Long division for the fraction; round half away from zero when inexact. */
    for (int i = 0; i < frac; i++) {
        rem *= 10; /* rem < d <= 2^127, so rem * 10 may need care */
        digits[nd++] = (char)('0' + (int)(rem / d));
        rem %= d;
    }
    if (!ex && rem * 2 >= d) {
        int i = nd - 1;
        while (i >= 0 && digits[i] == '9') digits[i--] = '0';
        if (i >= 0) digits[i]++;
        else ip++;
    }
    size_t len = 0;
    int zero = ip == 0;
    for (int i = 0; i < nd; i++) zero &= digits[i] == '0';
    if (a.num < 0 && !zero) buf[len++] = '-';
    len += utoa128(ip, buf + len);
    while (nd > 0 && !ex && digits[nd - 1] == '0') nd--; /* trim rounding zeros */
    if (nd > 0) {
        buf[len++] = '.';
        memcpy(buf + len, digits, (size_t)nd);
        len += (size_t)nd;
    }
    buf[len] = 0;
    return len;
}

double mb_num_to_double(mb_num a) { return (double)a.num / (double)a.den; }

const char *mb_numerr_str(mb_numerr e)
{
    switch (e) {
    case MB_NUM_OK: return "ok";
    case MB_NUM_OVERFLOW: return "number too large to compute exactly";
    case MB_NUM_DIVZERO: return "division by zero";
    case MB_NUM_SYNTAX: return "not a decimal number";
    case MB_NUM_TOOLONG: return "number has more than 30 significant digits";
    case MB_NUM_DECIMALS: return "number has more than 36 decimal places";
    }
    return "?";
}
