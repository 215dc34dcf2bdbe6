/* formula.c — computing with a resolved formula (see formula.h). */
#include "formula.h"

static mb_numerr convert(const mb_fnode *n, mb_num v, mb_num *out)
{
    if (!n->has_conv) { *out = v; return MB_NUM_OK; }
    return mb_num_mul(v, n->conv, out);
}

mb_numerr mb_fnode_apply(const mb_fnode *n, mb_num a, mb_num b, mb_num *out)
{
    mb_num v;
    mb_numerr e = mb_expr_apply(n->kind, a, b, &v);
    return e ? e : convert(n, v, out);
}

mb_numerr mb_fnode_leaf(const mb_fnode *n, mb_num v, mb_num *out)
{
    return convert(n, n->kind == MB_EX_NUM ? n->num : v, out);
}
