/* ast.c — names of tree enums, shared by the checker, reports and JSON output. */
#include "ast.h"

const mb_ast_targs mb_ast_no_targs;
const mb_ast_tclauses mb_ast_no_tclauses;

int mb_cmp_holds(mb_cmp c, int sign)
{
    switch (c) {
    case MB_CMP_GE: return sign >= 0;
    case MB_CMP_GT: return sign > 0;
    case MB_CMP_LE: return sign <= 0;
    case MB_CMP_LT: return sign < 0;
    case MB_CMP_EQ: return sign == 0;
    }
    return 0;
}

mb_numerr mb_expr_apply(mb_exkind k, mb_num a, mb_num b, mb_num *out)
{
    switch (k) {
    case MB_EX_ADD: return mb_num_add(a, b, out);
    case MB_EX_SUB: return mb_num_sub(a, b, out);
    case MB_EX_MUL: return mb_num_mul(a, b, out);
    case MB_EX_DIV: return mb_num_div(a, b, out);
    case MB_EX_NEG: *out = mb_num_neg(a); return MB_NUM_OK;
    default: return MB_NUM_OK;
    }
}
