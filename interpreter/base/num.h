/* num.h — exact numbers. Every value a user writes or submits is a decimal, and every
 * comparison mubiao makes must agree with decimal arithmetic (0.56 <= 0.8 * 0.7 holds).
 * We keep values as reduced fractions of 128-bit integers: decimals are fractions with a
 * power-of-ten denominator, ratios of two statistics stay exact, and growth targets compare
 * x_end >= x_base * (1 + g)^n instead of taking roots. Every operation reports overflow;
 * a caller turns that into an error, never into an approximate verdict. */
#ifndef MB_NUM_H
#define MB_NUM_H

#include <stddef.h>
#include <stdint.h>

typedef __int128 mb_i128;

typedef struct mb_num {
    mb_i128 num;
    mb_i128 den; /* > 0; not always in lowest terms (see mb_num_reduce) */
} mb_num;

typedef enum {
    MB_NUM_OK = 0,
    MB_NUM_OVERFLOW,   /* result does not fit: too many digits to keep exact */
    MB_NUM_DIVZERO,
    MB_NUM_SYNTAX,     /* not a decimal number */
    MB_NUM_TOOLONG,    /* more significant digits than MB_NUM_MAX_DIGITS */
    MB_NUM_DECIMALS,   /* more than 36 decimal places */
} mb_numerr;

#define MB_NUM_MAX_DIGITS 30

/* Flags for mb_num_parse. */
enum {
    MB_NUM_SIGN = 1,      /* accept a leading + or - */
    MB_NUM_GROUPING = 2,  /* accept thousands separators "1,234,567.5" (groups of three) */
};

mb_num mb_num_int(int64_t v);
/* v × 10^-scale, exactly. */
mb_num mb_num_dec(int64_t mantissa, int scale);
mb_numerr mb_num_parse(const char *s, size_t n, int flags, mb_num *out);

mb_numerr mb_num_add(mb_num a, mb_num b, mb_num *out);
mb_numerr mb_num_sub(mb_num a, mb_num b, mb_num *out);
mb_numerr mb_num_mul(mb_num a, mb_num b, mb_num *out);
mb_numerr mb_num_div(mb_num a, mb_num b, mb_num *out);
mb_numerr mb_num_pow(mb_num a, unsigned n, mb_num *out);
mb_num mb_num_neg(mb_num a);
mb_num mb_num_abs(mb_num a);

/* Exact three-way comparison: never overflows (uses 256-bit products when needed). */
int mb_num_cmp(mb_num a, mb_num b);
int mb_num_sign(mb_num a);
int mb_num_is_int(mb_num a);
mb_num mb_num_reduce(mb_num a);
int mb_num_eq(mb_num a, mb_num b);

/* Decimal text. Terminating decimals are printed exactly ("2.74", "-0.5", "12000");
 * others are rounded to `frac` fractional digits and marked approximate in *exact = 0.
 * Returns the length written (buf must hold MB_NUM_BUF bytes). */
#define MB_NUM_BUF 96
size_t mb_num_format(mb_num a, int frac, char *buf, int *exact);
/* Nearest double, for display-only uses such as progress ratios in reports. */
double mb_num_to_double(mb_num a);

const char *mb_numerr_str(mb_numerr e);

#endif
