/* num_dec.h — the text of a decimal whose numerator fits 64 bits and whose denominator is
 * 10^k, k <= 8: nearly every actual and gap a CSV report prints, two a line, millions a
 * report. Inline, so that the report writes them into its line without a call and without
 * copying the value; mb_num_format, which every other caller uses, prints them with the
 * same code. */
#ifndef MB_NUM_DEC_H
#define MB_NUM_DEC_H

#include <string.h>

#include "num.h"

/* "00" "01" … "99": digits are produced two at a time, one division by the constant 100 (a
 * multiplication) for every two of them instead of one for each. */
static const char MB_DEC_DIGITS2[201] = "0001020304050607080910111213141516171819"
                                        "2021222324252627282930313233343536373839"
                                        "4041424344454647484950515253545556575859"
                                        "6061626364656667686970717273747576777879"
                                        "8081828384858687888990919293949596979899";

/* The 64-bit path's text is at most 21 bytes (a sign, a point and at most 19 digits, or a
 * zero and 18 places); it is written leftwards into a scratch buffer ending at MB_DEC_END, and
 * copied out with one move of MB_DEC_COPY bytes, which stays inside the buffer wherever the text
 * starts and inside the caller's MB_NUM_BUF bytes. */
enum { MB_DEC_COPY = 24, MB_DEC_END = 32 };
_Static_assert(MB_DEC_COPY < MB_NUM_BUF, "the copy must fit a caller's buffer");

/* The places k of a denominator that is 10^k with k <= 8 (submitted values have 0 to 4;
 * 5 to 8 come from arithmetic on them: a target of 1.15^4 × a base); -1 for any other. */
static inline int mb_dec_places(uint64_t den)
{
    switch (den) {
    case 1: return 0;
    case 10: return 1;
    case 100: return 2;
    case 1000: return 3;
    case 10000: return 4;
    case 100000: return 5;
    case 1000000: return 6;
    case 10000000: return 7;
    case 100000000: return 8;
    }
    return -1;
}

/* m / 10^k (0 <= k <= 8) and its remainder *fp: each case divides by a constant, which is a
 * multiplication. The empty asm hides where k came from: knowing each case's denominator,
 * gcc had merged the cases into one division by it (a division instruction: some 40
 * cycles, two a line). */
static inline uint64_t mb_dec_split(uint64_t m, int k, uint64_t *fp)
{
    __asm__("" : "+r"(k));
    uint64_t ip;
    switch (k) {
    case 1: ip = m / 10, *fp = m % 10; break;
    case 2: ip = m / 100, *fp = m % 100; break;
    case 3: ip = m / 1000, *fp = m % 1000; break;
    case 4: ip = m / 10000, *fp = m % 10000; break;
    case 5: ip = m / 100000, *fp = m % 100000; break;
    case 6: ip = m / 1000000, *fp = m % 1000000; break;
    case 7: ip = m / 10000000, *fp = m % 10000000; break;
    case 8: ip = m / 100000000, *fp = m % 100000000; break;
    default: ip = m, *fp = 0; /* k == 0 */
    }
    return ip;
}

/* The text of ip.fp, fp being k places (fp < 10^k), less the fraction's trailing zeros (and
 * the point with them when it is zero), written leftwards ending at e; returns where it
 * starts. Digits come two per division by the constant 100 (a multiplication) from a table
 * of "00".."99". A fraction of 1 to 4 places (every submitted value) and a one-digit
 * integer part have code of their own: a loop over their digits cost more in setting up
 * its count than in the digits themselves. */
static inline char *mb_dec_digits(uint64_t ip, uint64_t fp, int k, char *e)
{
    char *p = e;
    if (fp) {
        while (fp % 10 == 0) { fp /= 10; k--; }
        p -= k;
        switch (k) {
        case 1: p[0] = (char)('0' + fp); break;
        case 2: memcpy(p, MB_DEC_DIGITS2 + 2 * fp, 2); break;
        case 3: p[0] = (char)('0' + fp / 100), memcpy(p + 1, MB_DEC_DIGITS2 + 2 * (fp % 100), 2); break;
        case 4: memcpy(p, MB_DEC_DIGITS2 + 2 * (fp / 100), 2), memcpy(p + 2, MB_DEC_DIGITS2 + 2 * (fp % 100), 2); break;
        default: {
            char *q = e;
            for (int i = k; i >= 2; i -= 2) { q -= 2; memcpy(q, MB_DEC_DIGITS2 + 2 * (fp % 100), 2); fp /= 100; }
            if (k & 1) *p = (char)('0' + fp); /* the first place: fp < 10 */
        }
        }
        *--p = '.';
    }
    if (ip < 10) {
        *--p = (char)('0' + ip);
        return p;
    }
    while (ip >= 100) { p -= 2; memcpy(p, MB_DEC_DIGITS2 + 2 * (ip % 100), 2); ip /= 100; }
    if (ip >= 10) { p -= 2; memcpy(p, MB_DEC_DIGITS2 + 2 * ip, 2); }
    else *--p = (char)('0' + ip);
    return p;
}

/* The text of n / 10^k (|n| < 2^62, split into ip and fp by the caller) and its sign into
 * buf, through a scratch buffer: one copy of fixed size (buf holds MB_NUM_BUF bytes), with
 * no call and no count of the digits beforehand. */
static inline size_t mb_dec_text(int neg, uint64_t ip, uint64_t fp, int k, char *buf)
{
    char t[MB_DEC_END + MB_DEC_COPY], *e = t + MB_DEC_END, *p = mb_dec_digits(ip, fp, k, e);
    if (neg) *--p = '-';
    size_t len = (size_t)(e - p);
    memcpy(buf, p, MB_DEC_COPY);
    buf[len] = 0;
    return len;
}

/* A numerator that the 64-bit paths print: it fits 64 bits and |n| < 2^62, so its text fits
 * MB_DEC_COPY (compared as 64-bit values: cheaper than 128-bit bounds). */
static inline int mb_dec_small_num(mb_i128 v, int64_t *n)
{
    *n = (int64_t)v;
    return (mb_i128)*n == v && *n < ((int64_t)1 << 62) && *n > -((int64_t)1 << 62);
}

/* The text of a into buf (MB_NUM_BUF bytes) and its length, as mb_num_format prints it; 0
 * when a is not such a decimal (mb_num_format prints it). */
static inline size_t mb_num_format_dec(mb_num a, char *buf)
{
    int64_t n;
    int k;
    if ((unsigned __int128)a.den > 100000000 || !mb_dec_small_num(a.num, &n) ||
        (k = mb_dec_places((uint64_t)a.den)) < 0)
        return 0;
    uint64_t fp, ip = mb_dec_split(n < 0 ? 0 - (uint64_t)n : (uint64_t)n, k, &fp);
    return mb_dec_text(n < 0, ip, fp, k, buf);
}

#endif
