/* num_pow.c — exact comparison with c × f^n (see num_pow.h for why).
 *
 * x against c·f^n, both positive, with x = a/b, c = p/q, f = s/t in lowest terms, is
 * a·q·t^n against p·b·s^n: integers. They are compared in three steps, each taken only when
 * the one before cannot answer: the 128-bit fraction (most targets fit); logarithms in double
 * precision with an error bound (decides every case but near-ties); and the two integers
 * multiplied out with as many 32-bit limbs as they need. */
#include "num_pow.h"

#include <math.h>
#include <stdint.h>
#include <stdlib.h>

#include "xalloc.h"

typedef unsigned __int128 u128;

static u128 mag(mb_i128 v) { return v < 0 ? (u128)0 - (u128)v : (u128)v; }

mb_numerr mb_pow_exact(const mb_pow *p, mb_num *out)
{
    mb_num fn;
    mb_numerr e = mb_num_pow(p->f, p->n, &fn); /* reduces by itself when a product overflows */
    return e ? e : mb_num_mul(p->c, fn, out);
}

/* ---- large unsigned integers, little-endian 32-bit limbs ----------------------------- */

typedef struct big {
    uint32_t *d;
    size_t n; /* limbs in use; no leading zero limbs */
} big;

static int big_from(big *b, u128 v)
{
    b->d = mb_malloc(4 * sizeof *b->d);
    if (!b->d) return 0;
    b->n = 0;
    while (v) {
        b->d[b->n++] = (uint32_t)v;
        v >>= 32;
    }
    return 1;
}

/* b *= m */
static int big_mul_big(big *b, const big *m)
{
    uint32_t *r = mb_calloc(b->n + m->n + 1, sizeof *r);
    if (!r) return 0;
    for (size_t j = 0; j < m->n; j++) {
        uint64_t carry = 0;
        for (size_t i = 0; i < b->n; i++) {
            uint64_t t = (uint64_t)b->d[i] * m->d[j] + r[i + j] + carry;
            r[i + j] = (uint32_t)t;
            carry = t >> 32;
        }
        r[b->n + j] = (uint32_t)carry;
    }
    size_t n = b->n + m->n;
    while (n && !r[n - 1]) n--;
    free(b->d);
    b->d = r;
    b->n = n;
    return 1;
}

/* b *= v */
static int big_mul(big *b, u128 v)
{
    uint32_t d[4];
    big m = {d, 0};
    for (; v; v >>= 32) d[m.n++] = (uint32_t)v;
    return big_mul_big(b, &m);
}

static int big_cmp(const big *a, const big *b)
{
    if (a->n != b->n) return a->n < b->n ? -1 : 1;
    for (size_t i = a->n; i-- > 0;)
        if (a->d[i] != b->d[i]) return a->d[i] < b->d[i] ? -1 : 1;
    return 0;
}

/* base · m1 · m2 · f^n with every factor a 128-bit magnitude. */
static int big_product(big *b, u128 base, u128 m1, u128 m2, u128 f, unsigned n)
{
    if (!big_from(b, base) || !big_mul(b, m1) || !big_mul(b, m2)) return 0;
    for (unsigned i = 0; i < n; i++)
        if (!big_mul(b, f)) return 0;
    return 1;
}

/* |x| against |c|·f^n exactly, all parts positive; -2 when out of memory. */
static int cmp_big(mb_num x, mb_num c, mb_num f, unsigned n)
{
    big l = {0}, r = {0};
    int res = -2;
    if (big_product(&l, mag(x.num), (u128)c.den, 1, (u128)f.den, n) &&
        big_product(&r, mag(c.num), (u128)x.den, 1, (u128)f.num, n))
        res = big_cmp(&l, &r);
    free(l.d);
    free(r.d);
    return res;
}

/* ---- bounds -------------------------------------------------------------------------- */

static double lg(u128 v) { return log2((double)v); }

/* |x| against |c|·f^n by logarithms: 0 when they are too close to tell. Each log2 is within
 * a few ulps of the truth (under 1e-13 for values below 2^128), n of them add up. */
static int cmp_log(mb_num x, mb_num c, mb_num f, unsigned n)
{
    double lx = lg(mag(x.num)) - lg((u128)x.den);
    double lt = lg(mag(c.num)) - lg((u128)c.den) + (double)n * (lg((u128)f.num) - lg((u128)f.den));
    double margin = 1e-9 + 1e-12 * (double)n;
    return lx > lt + margin ? 1 : lx < lt - margin ? -1 : 0;
}

mb_numerr mb_pow_cmp(mb_num x, const mb_pow *p, int *sign)
{
    mb_num t, f = mb_num_reduce(p->f), c = mb_num_reduce(p->c);
    if (mb_pow_exact(p, &t) == MB_NUM_OK) {
        *sign = mb_num_cmp(x, t);
        return MB_NUM_OK;
    }
    /* The exact product overflowed, so c, f and n are all non-zero. */
    int sx = mb_num_sign(x), st = mb_num_sign(c);
    if (sx != st) {
        *sign = sx < st ? -1 : 1;
        return MB_NUM_OK;
    }
    x = mb_num_reduce(x);
    int m = cmp_log(x, c, f, p->n);
    if (!m) m = cmp_big(x, c, f, p->n);
    if (m == -2) return MB_NUM_OVERFLOW;
    *sign = st > 0 ? m : -m;
    return MB_NUM_OK;
}

/* ---- display ------------------------------------------------------------------------- */

/* floor(|c|·f^n·s), known to be below 2^126, bit by bit: the largest q with q·D <= N·s,
 * where N/D = |c|·f^n. */
static int quotient(mb_num c, mb_num f, unsigned n, u128 s, u128 *q)
{
    big num = {0}, den = {0}, t = {0};
    int ok = big_product(&num, mag(c.num), s, 1, (u128)f.num, n) &&
             big_product(&den, (u128)c.den, 1, 1, (u128)f.den, n);
    *q = 0;
    for (int bit = 125; ok && bit >= 0; bit--) {
        u128 try = *q | (u128)1 << bit;
        free(t.d);
        ok = big_from(&t, try) && big_mul_big(&t, &den);
        if (ok && big_cmp(&t, &num) <= 0) *q = try;
    }
    free(num.d);
    free(den.d);
    free(t.d);
    return ok;
}

mb_numerr mb_pow_value(const mb_pow *p, mb_num *out, int *exact)
{
    if (mb_pow_exact(p, out) == MB_NUM_OK) {
        *exact = 1;
        return MB_NUM_OK;
    }
    *exact = 0;
    mb_num c = mb_num_reduce(p->c), f = mb_num_reduce(p->f);
    /* Its size, estimated in extended precision, chooses the denominator; the digits over
     * it are then exact (quotient). */
    long double v = (long double)mag(c.num) / (long double)c.den *
                    powl((long double)f.num / (long double)f.den, (long double)p->n);
    if (!(v < 1.0e36L)) return MB_NUM_OVERFLOW;
    /* Over a denominator 3 × 10^k, k as large as fits: the numerator is made prime to 3 so
     * the fraction does not reduce to a terminating decimal that would read as exact, and
     * the nudge that takes (1 / (3 × 10^k)) stays far below the digits a report shows. */
    int k = 0;
    long double scaled = v * 3.0L;
    while (k < 30 && scaled * 10.0L < 1.0e36L) {
        scaled *= 10.0L;
        k++;
    }
    mb_i128 den = 3;
    for (int i = 0; i < k; i++) den *= 10;
    u128 q;
    if (!quotient(c, f, p->n, (u128)den, &q)) return MB_NUM_OVERFLOW;
    mb_i128 num = (mb_i128)q;
    if (num % 3 == 0) num += 1;
    *out = (mb_num){mb_num_sign(c) < 0 ? -num : num, den};
    return MB_NUM_OK;
}
