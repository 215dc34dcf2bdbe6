/* unit_dim.h — units as products of words: what a formula's units multiply and divide to.
 * 吨煤/万元 is 吨煤¹·元⁻¹ with scale 10⁻⁴; 亿元/万元 is the pure number with scale 10⁴. % is the
 * pure number over 100 (2.4% = 0.024), so a ratio and a percentage convert exactly; it is
 * counted apart from the scale (pct) because formulas often convert it by hand (a / b × 100).
 * Words point into the unit text they were read from, which must outlive the dimension. */
#ifndef MB_UNIT_DIM_H
#define MB_UNIT_DIM_H

#include <stddef.h>

#include "num.h"
#include "unit.h"

enum { MB_DIM_WORDS = 8 };

typedef struct mb_dim {
    struct {
        const char *w;   /* not NUL-terminated */
        unsigned short len;
        short exp;
    } t[MB_DIM_WORDS];   /* sorted by word, no zero exponents */
    int n;
    int pct;             /* the power of % (1/100) in it: 1 for "%", 0 for "家" */
    mb_num scale;        /* one of this unit in its words without scale, % aside */
} mb_dim;

/* The pure number (scale 1). */
mb_dim mb_dim_one(void);
/* Read a unit as written (NFKC; the text must outlive *out). */
mb_uniterr mb_dim_parse(const char *text, mb_dim *out);
/* a × b (div: a / b). MB_UNIT_TOOLONG when more than MB_DIM_WORDS words result,
 * MB_UNIT_OVERFLOW when the scale does not fit. */
mb_uniterr mb_dim_mul(const mb_dim *a, const mb_dim *b, int div, mb_dim *out);
/* Same words with the same exponents (scales and % may differ). */
int mb_dim_same(const mb_dim *a, const mb_dim *b);
int mb_dim_pure(const mb_dim *a);
/* 100^(b.pct − a.pct) × a.scale / b.scale: what a number in unit a is multiplied by to be
 * in unit b (same words). */
mb_numerr mb_dim_factor(const mb_dim *a, const mb_dim *b, mb_num *out);
/* 100^e, exactly (MB_NUM_OVERFLOW past 100^18). */
mb_numerr mb_dim_pow100(int e, mb_num *out);
/* The words, for messages: "元/人", "吨煤/元", "%", "1" for a pure number. */
void mb_dim_words(const mb_dim *a, char *buf, size_t cap);

#endif
