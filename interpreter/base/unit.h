/* unit.h — units with scale words. "1.2万家" is 1.2 × 10⁴ 家; "吨煤/万元" is 吨煤 per 10⁴ 元.
 * A unit is a base (the words without their scales, NFKC) and an exact scale; two units
 * compare only when their bases are equal, and then convert exactly. */
#ifndef MB_UNIT_H
#define MB_UNIT_H

#include "num.h"

typedef struct mb_unit {
    const char *text;  /* as written, for display ("万元"); "" when dimensionless */
    char base[128];    /* NFKC, scales removed: "元", "吨煤/元", "%", "" */
    mb_num scale;      /* value in base units of one of these */
} mb_unit;

typedef enum { MB_UNIT_OK, MB_UNIT_TOOLONG, MB_UNIT_OVERFLOW, MB_UNIT_EMPTY } mb_uniterr;

/* Parse a unit as written (already NFKC). "1" and "" are dimensionless. */
mb_uniterr mb_unit_parse(const char *text, mb_unit *out);
int mb_unit_same_base(const mb_unit *a, const mb_unit *b);
/* Multiply a value in unit `from` to express it in unit `to` (same base). */
mb_numerr mb_unit_convert(mb_num v, const mb_unit *from, const mb_unit *to, mb_num *out);
const char *mb_uniterr_str(mb_uniterr e);

#endif
