/* num_pow.h — values c × f^n kept as their factors. A growth target such as 1234.5678 ×
 * 1.0735^10 (年均增长7.35% over ten years) is a fraction whose numerator and denominator need
 * more than 128 bits, though the plan states it in two numbers. Such a threshold is never
 * rounded for a verdict: comparisons are decided exactly, first by cheap bounds and, when
 * the bounds are too close to tell, with integers as large as needed. */
#ifndef MB_NUM_POW_H
#define MB_NUM_POW_H

#include "num.h"

typedef struct mb_pow {
    mb_num c, f; /* f >= 0 */
    unsigned n;
} mb_pow;

/* c × f^n exactly, when it fits in an mb_num (MB_NUM_OVERFLOW when it does not). */
mb_numerr mb_pow_exact(const mb_pow *p, mb_num *out);
/* The sign of x − c × f^n, exact whatever the sizes. Fails (MB_NUM_OVERFLOW) only when
 * memory for the large integers cannot be had. */
mb_numerr mb_pow_cmp(mb_num x, const mb_pow *p, int *sign);
/* c × f^n for display: exact when it fits (*exact = 1); else correct to 36 significant digits
 * significant digits (*exact = 0), with a denominator whose decimal expansion does not
 * terminate, so that every report prints it as approximate (≈). MB_NUM_OVERFLOW when not
 * even that fits. */
mb_numerr mb_pow_value(const mb_pow *p, mb_num *out, int *exact);

#endif
