/* ast.c — names of tree enums, shared by the checker, reports and JSON output. */
#include "ast.h"

const char *mb_cmp_str(mb_cmp c)
{
    static const char *s[] = {">=", ">", "<=", "<", "="};
    return s[c];
}

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

const char *mb_form_name(mb_form f, size_t ngoals)
{
    switch (f) {
    case MB_FORM_COMPARE: return ngoals > 1 ? "milestones" : "compare";
    case MB_FORM_ABOUT: return "about";
    case MB_FORM_INTERVAL: return "interval";
    case MB_FORM_RANGE: return "range";
    case MB_FORM_EACH_YEAR: return "each_year";
    case MB_FORM_CUMULATIVE: return "cumulative";
    case MB_FORM_RELATIVE: return "relative";
    case MB_FORM_CUT: return "cut";
    case MB_FORM_GROW: return "growth";
    case MB_FORM_ANNUAL_GROWTH: return "annual_growth";
    case MB_FORM_RISES: return "rises";
    case MB_FORM_FALLS: return "falls";
    case MB_FORM_ABOVE_REGION: return "above_region";
    case MB_FORM_QUALITATIVE: return "qualitative";
    }
    return "?";
}
