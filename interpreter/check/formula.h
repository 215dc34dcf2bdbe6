/* formula.h — a derived indicator's formula as the checker resolved it: indicator pointers,
 * each node's unit, and the exact factors that carry a value into the unit the next operator
 * computes in (亿元 added to 万元, a ratio of 亿元 to 万元 as a pure number, a pure ratio
 * declared in %). The evaluator and explain compute from it; the syntax tree (mb_expr) only
 * records what was written. docs/language.md, "Units in formulas", says what is allowed. */
#ifndef MB_FORMULA_H
#define MB_FORMULA_H

#include "ast.h"
#include "unit_dim.h"

struct mb_indicator;

typedef struct mb_fnode {
    mb_exkind kind;
    const struct mb_indicator *ind; /* MB_EX_REF (NULL when the name is undefined) */
    mb_num num;                     /* MB_EX_NUM: the number, in this node's unit */
    int has_conv;
    mb_num conv;                    /* the value × conv is in the unit the parent computes in
                                       (the root's: the indicator's declared unit) */
    const struct mb_fnode *l, *r;   /* operands (r NULL for NEG) */
    mb_dim unit;                    /* the unit this node's value is in */
    const mb_expr *src;             /* as written */
} mb_fnode;

/* One node's value from its operands' values (b unused for NEG), conversion included. */
mb_numerr mb_fnode_apply(const mb_fnode *n, mb_num a, mb_num b, mb_num *out);
/* A leaf's value: the number, or the referenced value (v) converted. */
mb_numerr mb_fnode_leaf(const mb_fnode *n, mb_num v, mb_num *out);

#endif
