/* ingest_value.c — fields of an observation. The common case (plain ASCII decimal, at most
 * 18 digits) is parsed in one pass without allocating; anything else takes the general path
 * (NFKC for fullwidth digits, thousands separators, exact range checks). */
#include "ingest_value.h"

#include <stdlib.h>
#include <string.h>

#include "num.h"
#include "text.h"

static int digits(const char *s, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (s[i] < '0' || s[i] > '9') return 0;
    return 1;
}

/* White space by the Unicode White_Space property, less the line ends a reader has taken. */
static int is_space(int32_t c)
{
    return c == ' ' || c == '\t' || c == 0x85 || c == 0xA0 || c == 0x1680 || (c >= 0x2000 && c <= 0x200A) ||
           c == 0x2028 || c == 0x2029 || c == 0x202F || c == 0x205F || c == 0x3000;
}

size_t mb_space_at(const char *s, size_t n)
{
    int32_t c;
    size_t k = n ? mb_utf8_decode((const unsigned char *)s, n, &c) : 0;
    return k && is_space(c) ? k : 0;
}

/* Length of the white space character that ends s[0..n), 0 when there is none. */
static size_t space_before(const char *s, size_t n)
{
    size_t k = 1;
    while (k < n && k < 4 && ((unsigned char)s[n - k] & 0xC0) == 0x80) k++;
    return mb_space_at(s + n - k, k) == k ? k : 0;
}

void mb_space_trim(const char **s, size_t *n)
{
    size_t k;
    while ((k = mb_space_at(*s, *n))) { *s += k; *n -= k; }
    while (*n && (k = space_before(*s, *n))) *n -= k;
}

const char *mb_shown(char *out, size_t max, const char *s, size_t n)
{
    size_t k = n;
    if (n > max) {
        k = max;
        while (k && ((unsigned char)s[k] & 0xC0) == 0x80) k--; /* not inside a character */
    }
    memcpy(out, s, k);
    strcpy(out + k, k < n ? "\xE2\x80\xA6" : ""); /* … */
    return out;
}

static int period_ascii(const char *s, size_t n, mb_period *p);

int mb_period_parse(const char *s, size_t n, mb_period *p)
{
    if (n == 4) { /* a year: nearly every row */
        unsigned a = (unsigned char)s[0] - '0', b = (unsigned char)s[1] - '0';
        unsigned c = (unsigned char)s[2] - '0', d = (unsigned char)s[3] - '0';
        /* each digit tested on its own: OR-ing them (2|8 = 10) sent years such as 2018 and
         * 2019 to the slow path */
        if ((a < 10) & (b < 10) & (c < 10) & (d < 10)) {
            *p = (mb_period){(int)(a * 1000 + b * 100 + c * 10 + d), 0, 0};
            return p->year >= 1900 && p->year <= 2999;
        }
    }
    if (period_ascii(s, n, p)) return 1;
    /* Fullwidth digits and letters (２０１８Ｑ３), as values take them: only after the plain
     * form failed, so the common case never normalises. */
    size_t i = 0;
    while (i < n && (unsigned char)s[i] < 0x80) i++;
    if (i == n) return 0;
    mb_space_trim(&s, &n);
    size_t kn;
    char *k = mb_nfkc(s, n, &kn);
    int ok = k && period_ascii(k, kn, p);
    free(k);
    return ok;
}

static int period_ascii(const char *s, size_t n, mb_period *p)
{
    memset(p, 0, sizeof *p);
    while (n && (s[0] == ' ' || s[0] == '\t')) { s++; n--; }
    while (n && (s[n - 1] == ' ' || s[n - 1] == '\t')) n--;
    if (n < 4 || !digits(s, 4)) return 0;
    p->year = (s[0] - '0') * 1000 + (s[1] - '0') * 100 + (s[2] - '0') * 10 + (s[3] - '0');
    if (p->year < 1900 || p->year > 2999) return 0;
    if (n == 4) return 1;
    const char *r = s + 4;
    size_t k = n - 4;
    if (k && r[0] == '-') { r++; k--; }
    if (k == 2 && (r[0] == 'Q' || r[0] == 'q') && r[1] >= '1' && r[1] <= '4') {
        p->quarter = r[1] - '0';
        p->month = p->quarter * 3;
        return 1;
    }
    if (k == 2 && r != s + 4 && digits(r, 2)) {
        p->month = (r[0] - '0') * 10 + (r[1] - '0');
        return p->month >= 1 && p->month <= 12;
    }
    return 0;
}

static const char *general(const char *s, size_t n, int64_t *m, int *exp)
{
    mb_num v;
    mb_numerr e = mb_num_parse(s, n, MB_NUM_SIGN | MB_NUM_GROUPING, &v);
    if (e == MB_NUM_TOOLONG) return "too many digits to keep exactly (the limit is 18)";
    if (e == MB_NUM_DECIMALS) return "more than 36 decimal places";
    if (e) return "not a number";
    /* v is reduced, so its denominator is 2^a·5^b: scale up to 10^max(a,b). */
    mb_i128 num = v.num, d = v.den;
    int twos = 0, fives = 0;
    while (d % 2 == 0) { d /= 2; twos++; }
    while (d % 5 == 0) { d /= 5; fives++; }
    int k = twos > fives ? twos : fives;
    for (int i = 0; i < k - twos; i++) num *= 2;
    for (int i = 0; i < k - fives; i++) num *= 5;
    if (num > INT64_MAX || num < -INT64_MAX || k > 36)
        return "too many digits to keep exactly";
    *m = (int64_t)num;
    *exp = -k;
    return NULL;
}

const char *mb_value_parse(const char *s, size_t n, int64_t *m, int *exp)
{
    if (mb_value_plain(s, n, m, exp)) return NULL;
    mb_space_trim(&s, &n);
    if (n == 0) return "empty value";
    if (mb_value_plain(s, n, m, exp)) return NULL;
    size_t kn;
    char *k = mb_nfkc(s, n, &kn);
    if (!k) return "out of memory";
    const char *why = mb_value_plain(k, kn, m, exp) ? NULL : general(k, kn, m, exp);
    free(k);
    return why;
}
