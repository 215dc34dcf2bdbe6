/* parse_build.h — node construction used by the grammar's actions (mb_pb_ prefix).
 * Functions returning int return 0 only when out of memory; bad input is reported as a
 * diagnostic and a harmless value is stored, so the parse goes on. */
#ifndef MB_PARSE_BUILD_H
#define MB_PARSE_BUILD_H

#include "parse_state.h"

int mb_pb_str(mb_pstate *st, mb_loc loc, int literal, mb_str *out);
/* left "/" the identifier at `right`: the text is joined without the spaces or comments
 * written around the '/', so it prints back as one unit word ("吨煤/万元"). */
int mb_pb_unit_join(mb_pstate *st, const mb_str *left, mb_loc right, mb_str *out);
int mb_pb_number(mb_pstate *st, mb_loc loc, int negate, mb_num *out);
int mb_pb_year(mb_pstate *st, mb_loc loc, mb_year *out);
int mb_pb_date(mb_pstate *st, mb_loc loc, mb_str *out);
/* A clause may be given once. When `first` (its span) is set already, reports the clause at
 * `second` as given twice, with a note at the first, and returns 0: the caller keeps the
 * first. `hint` (may be "") follows the message. */
int mb_pb_once(mb_pstate *st, mb_loc second, mb_aspan first, const char *what, const char *hint);
/* `higher` or `lower` (dir +1/-1): one direction per indicator, like any clause. */
void mb_pb_direction(mb_pstate *st, mb_loc loc, mb_ast_indicator *ind, int dir);
/* 'flow' (+1) or 'stock' (-1), at most one of them, once. */
void mb_pb_flow(mb_pstate *st, mb_loc loc, mb_ast_indicator *ind, int flow);
/* A deadline's quarter or month (2025Q1, 2025-03); a quarter or month that does not exist
 * is an error and leaves the year 0 (absent). */
int mb_pb_period(mb_pstate *st, mb_loc loc, mb_year *out);
/* 'binding' (b > 0) or 'expected' (b < 0) on a target: at most one of them, once. */
void mb_pb_binding(mb_pstate *st, mb_loc loc, mb_ast_tclauses *k, int b);
int mb_pb_stmt(mb_pstate *st, mb_stkind kind, void *node);
/* The right operand of a '/': a bare fraction there ("x / 2/3") is an error, since it would
 * read as x / (2/3) where arithmetic reads (x / 2) / 3. */
void mb_pb_divisor(mb_pstate *st, const mb_expr *r, mb_loc loc);
/* Room for one more row or expectation in test t (MB_MAX_TEST_ITEMS); the first one past
 * the limit is an error at loc, the rest are dropped silently. */
int mb_pb_test_room(mb_pstate *st, mb_loc loc, mb_ast_test *t);
mb_expr *mb_pb_binop(mb_pstate *st, mb_exkind kind, mb_expr *l, mb_expr *r, mb_loc loc);
/* A target node of the given form about `subject` (NULL: none). */
struct mb_ref_;
mb_ast_target *mb_pb_target(mb_pstate *st, mb_form form, const void *subject);
/* The node of a target's form values, or of its clauses, to fill in: made on first use (NULL
 * when out of memory). */
mb_ast_targs *mb_pb_args(mb_pstate *st, mb_ast_target *t);
mb_ast_tclauses *mb_pb_clauses(mb_pstate *st, mb_ast_target *t);

#endif
