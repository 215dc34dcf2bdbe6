/* ingest_value.h — parsing the fields of one observation (period, value, unit). */
#ifndef MB_INGEST_VALUE_H
#define MB_INGEST_VALUE_H

#include <stddef.h>
#include <stdint.h>

/* A period: year, and for quarters and months the month it ends in (0 for a whole year). */
typedef struct mb_period {
    int year;
    int month;   /* 1..12 for months; 3, 6, 9, 12 for quarters; 0 for a year */
    int quarter; /* 1..4 for quarters, else 0 */
} mb_period;

/* Unicode white space (Zs, tab; U+3000 ideographic space, U+00A0 no-break space ...) at
 * the start of s[0..n): its length in bytes, 0 when there is none. */
size_t mb_space_at(const char *s, size_t n);
/* Drops white space from both ends (ASCII and Unicode). */
void mb_space_trim(const char **s, size_t *n);
/* s[0..n) as it may be quoted in a message: at most `max` bytes, cut at a character
 * boundary and then ending in "…" (so a cut value never looks whole). out needs max + 4. */
const char *mb_shown(char *out, size_t max, const char *s, size_t n);

/* "2018", "2018Q3", "2018-Q3", "2018q3", "2018-09"; fullwidth forms (２０１８) as well.
 * Returns 0 when not a period. */
int mb_period_parse(const char *s, size_t n, mb_period *p);
/* year*100 + month (12 for a year), for ordering periods. Inline: the reader asks it for
 * every row. */
static inline int mb_period_key(const mb_period *p) { return p->year * 100 + (p->month ? p->month : 12); }

/* Plain ASCII: [+-]digits[.digits], at most 18 digits in all: value = *m × 10^*exp, and 1;
 * 0 for anything else (mb_value_parse then says what). One pass, no branch on the common
 * path beyond the digit test: this runs for every row of a submission, so it is always
 * inlined (left to itself, the compiler made a call of it in the plain-row handler). */
static inline __attribute__((always_inline)) int mb_value_plain(const char *s, size_t n, int64_t *m, int *exp)
{
    const char *p = s, *e = s + n, *dot = NULL;
    int neg = 0;
    if (p < e && (*p == '-' || *p == '+')) neg = *p++ == '-';
    const char *d0 = p;
    uint64_t v = 0;
    for (; p < e; p++) {
        unsigned c = (unsigned char)*p - '0';
        if (c < 10) v = v * 10 + c;
        else if (*p == '.' && !dot) dot = p;
        else return 0;
    }
    size_t nd = (size_t)(e - d0) - (dot != NULL);
    if (nd == 0 || nd > 18 || dot == e - 1) return 0;
    *m = neg ? -(int64_t)v : (int64_t)v;
    *exp = dot ? -(int)(e - dot - 1) : 0;
    return 1;
}

/* A submitted value: decimal, optional sign, optional thousands separators, fullwidth digits.
 * value = *m × 10^*exp. Returns NULL on success, else what is wrong with it. */
const char *mb_value_parse(const char *s, size_t n, int64_t *m, int *exp);

#endif
