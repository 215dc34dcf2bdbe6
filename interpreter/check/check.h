/* check.h — internals shared by the checker's files (mb_chk_ prefix). */
#ifndef MB_CHECK_H
#define MB_CHECK_H

#include "model.h"

typedef struct mb_chk {
    mb_model *m;
    mb_diags *d;
    mb_map rule_ids;     /* target and check ids -> mb_span* of the first definition */
    mb_map plan_ids;     /* plan ids -> mb_plan*: duplicates found in one look-up, not a scan */
    int oom;
} mb_chk;

/* A string's span as written, for "as written" display of quantities. */
const char *mb_chk_text_of(mb_chk *c, mb_aspan s);
/* Resolve an indicator reference, reporting an undefined name (with a suggestion). */
mb_indicator *mb_chk_ref(mb_chk *c, const mb_str *ref, int is_name);
/* Convert a quantity to the indicator's unit; reports a unit that does not fit. */
int mb_chk_quantity(mb_chk *c, const mb_quantity *q, const mb_indicator *ind, mb_num *out);
/* A percentage ("20%"): the number 20. Reports anything else. */
int mb_chk_percent(mb_chk *c, const mb_quantity *q, const char *what, mb_num *out);

void mb_chk_indicators(mb_chk *c);
/* Resolve a derived indicator's formula into ind->formula, checking its units (check_units.c). */
void mb_chk_formula(mb_chk *c, mb_indicator *ind);
void mb_chk_target(mb_chk *c, const mb_ast_target *t, const mb_plan *plan);
/* A '>' where the phrase says 达到, a '>=' where it says 超过 (check_wording.c). */
void mb_chk_wording(mb_chk *c, const mb_ast_target *t);
void mb_chk_check(mb_chk *c, const mb_ast_check *k);
void mb_chk_targets(mb_chk *c);
void mb_chk_checks(mb_chk *c);
void mb_chk_conflicts(mb_chk *c);
/* Each rule against its own phrases (check_phrase.c): warnings where they disagree. */
void mb_chk_phrases(mb_chk *c);
/* The fixes of the phrase check's warnings, where the phrase leaves one reading
 * (check_phrase_fix.c); g NULL: nothing. */
void mb_phrase_fix_aspiration(mb_diag *g, const mb_rule *r);
void mb_phrase_fix_about(mb_diag *g, const mb_rule *r, const char *phrase);
/* The one year the rule's deadline should be by its phrases, or 0 when there is not one. */
int mb_phrase_year_fix(const mb_rule *r);
void mb_phrase_fix_year(mb_diag *g, const mb_rule *r, int year);
/* Is the number of n digits at p a year ("2020年", "2018-2020")? */
int mb_phrase_year_at(const char *p, size_t n);
/* Deadlines in a quarter or month: on an indicator declared a flow or a stock, on a form
 * that can be judged within a year, inside the plan's years (check_subyear.c). */
void mb_chk_subyear(mb_chk *c, const mb_rule *r, const mb_ast_target *t);
/* The criterion of each goal of a rule whose form and values are checked (check_crit.c). */
void mb_chk_criterion(mb_chk *c, mb_rule *r);
/* A printed base value (check_printed.c): converted into the rule before its criterion is
 * resolved; afterwards, whether a criterion reads a base value of that year, for one region. */
void mb_chk_printed_value(mb_chk *c, mb_rule *r, const mb_ast_target *t);
void mb_chk_printed_use(mb_chk *c, const mb_rule *r, const mb_ast_target *t);

#endif
