/* forms.c — the one table of the forms of target and of the comparison operators: their
 * names in JSON, their words and symbols in reports, and what their numbers are. Every
 * report takes names and symbols from here; what a form means is resolved in
 * check/check_crit.c, and reports word a verdict from that criterion (check/crit.h). */
#include <string.h>

#include "ast.h"

/* name, word, comparison written, numbers stated as, JSON keys of a and b, band, period,
 * region. A new form adds one line here. */
static const mb_form_info FORMS[] = {
    {MB_FORM_COMPARE, "compare", "", 1, MB_STATED_UNIT, NULL, NULL, 0, 0, 0},
    {MB_FORM_ABOUT, "about", "about", 0, MB_STATED_UNIT, "about", "tolerance", 1, 0, 0},
    {MB_FORM_INTERVAL, "interval", "between", 0, MB_STATED_UNIT, "low", "high", 0, 0, 0},
    {MB_FORM_RANGE, "range", "stretch", 1, MB_STATED_UNIT, "low", "stretch", 0, 0, 0},
    {MB_FORM_EACH_YEAR, "each_year", "each year", 1, MB_STATED_UNIT, NULL, NULL, 0, 1, 0},
    {MB_FORM_CUMULATIVE, "cumulative", "total", 1, MB_STATED_UNIT, NULL, NULL, 0, 1, 0},
    {MB_FORM_RELATIVE, "relative", "× base", 1, MB_STATED_FACTOR, "factor", NULL, 0, 0, 0},
    {MB_FORM_CUT, "cut", "cut", 0, MB_STATED_PERCENT, "percent", NULL, 0, 0, 0},
    {MB_FORM_GROW, "growth", "grow", 0, MB_STATED_PERCENT, "percent", NULL, 0, 0, 0},
    {MB_FORM_ANNUAL_GROWTH, "annual_growth", "annual growth", 1, MB_STATED_PERCENT, "percent", NULL, 0, 0, 0},
    {MB_FORM_RISES, "rises", "rises every year", 0, MB_STATED_NONE, NULL, NULL, 0, 1, 0},
    {MB_FORM_FALLS, "falls", "falls every year", 0, MB_STATED_NONE, NULL, NULL, 0, 1, 0},
    {MB_FORM_ABOVE_REGION, "above_region", "region", 1, MB_STATED_NONE, NULL, NULL, 0, 0, 1},
    {MB_FORM_SHARE_REGION, "share_of_region", "× region", 1, MB_STATED_FACTOR, "factor", NULL, 0, 0, 1},
    {MB_FORM_QUALITATIVE, "qualitative", "qualitative", 0, MB_STATED_NONE, NULL, NULL, 0, 0, 0},
    {MB_FORM_CUT_POINTS, "cut_points", "cut", 0, MB_STATED_UNIT, "points", NULL, 0, 0, 0},
    {MB_FORM_GROW_POINTS, "grow_points", "grow", 0, MB_STATED_UNIT, "points", NULL, 0, 0, 0},
    {MB_FORM_YOY, "yoy_growth", "growth over the previous year", 1, MB_STATED_PERCENT, NULL, NULL, 0, 0, 0},
};

static const struct {
    const char *ascii, *sym, *not_sym, *words;
} CMPS[] = {
    [MB_CMP_GE] = {">=", "≥", "<", "at least"},
    [MB_CMP_GT] = {">", ">", "≤", "more than"},
    [MB_CMP_LE] = {"<=", "≤", ">", "at most"},
    [MB_CMP_LT] = {"<", "<", "≥", "less than"},
    [MB_CMP_EQ] = {"=", "=", "≠", "exactly"},
};

const mb_form_info *mb_form_info_of(mb_form f)
{
    static const mb_form_info unknown = {MB_FORM_QUALITATIVE, "?", "?", 0, MB_STATED_NONE, NULL, NULL, 0, 0, 0};
    for (size_t i = 0; i < sizeof FORMS / sizeof *FORMS; i++)
        if (FORMS[i].form == f) return &FORMS[i];
    return &unknown;
}

const char *mb_form_name(mb_form f, size_t ngoals)
{
    if (f == MB_FORM_COMPARE && ngoals > 1) return "milestones";
    return mb_form_info_of(f)->name;
}

const char *mb_form_word(mb_form f) { return mb_form_info_of(f)->word; }

#define CMP_OK(c) ((unsigned)(c) < sizeof CMPS / sizeof *CMPS)
const char *mb_cmp_str(mb_cmp c) { return CMP_OK(c) ? CMPS[c].ascii : "?"; }
const char *mb_cmp_sym(mb_cmp c) { return CMP_OK(c) ? CMPS[c].sym : "?"; }
const char *mb_cmp_not_sym(mb_cmp c) { return CMP_OK(c) ? CMPS[c].not_sym : "?"; }
const char *mb_cmp_words(mb_cmp c) { return CMP_OK(c) ? CMPS[c].words : "?"; }

/* ---- attributes of a target ------------------------------------------------------------ */

static const struct {
    unsigned attr;
    const char *name;
} ATTRS[] = {
    {MB_ATTR_BINDING, "binding"},
    {MB_ATTR_EXPECTED, "expected"},
    {MB_ATTR_ASPIRATION, "aspiration"},
    {MB_ATTR_NONE, "none"},
};

unsigned mb_attr_mask(int binding, int aspiration)
{
    unsigned m = (binding > 0 ? MB_ATTR_BINDING : binding < 0 ? MB_ATTR_EXPECTED : 0u) |
                 (aspiration ? MB_ATTR_ASPIRATION : 0u);
    return m ? m : MB_ATTR_NONE;
}

const char *mb_binding_word(int binding)
{
    return binding > 0 ? ATTRS[0].name : binding < 0 ? ATTRS[1].name : NULL;
}

const char *mb_attr_text(int binding, int aspiration)
{
    static const char *const TEXT[3][2] = {
        {"expected", "expected, aspiration"},
        {"", "aspiration"},
        {"binding", "binding, aspiration"},
    };
    return TEXT[(binding > 0) - (binding < 0) + 1][aspiration != 0];
}

unsigned mb_attr_parse(const char *s)
{
    for (size_t i = 0; i < sizeof ATTRS / sizeof *ATTRS; i++)
        if (!strcmp(s, ATTRS[i].name)) return ATTRS[i].attr;
    return 0;
}

const char *mb_attr_names(void) { return "binding, expected, aspiration, none"; }
