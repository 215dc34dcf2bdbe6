/* print.h — the canonical printer: a file's tree (with its trivia and source text) back to
 * rule text (mb_print_ prefix). The foundation of a formatter.
 *
 * Canonical means: one statement after another, a blank line kept where the source had one
 * or more; clauses in one order (indicator: unit, direction, integer, part of on the first
 * line, then category, owner, source, then the formula; target: the body and `from` on the
 * first line, then phrase, category owner source, note; plan properties aligned under each
 * other); one space between tokens; ASCII operators (`>=`, `<=`, `*` in formulas, `×` before
 * `base`, `±`). Numbers and units are printed as written (so what reports quote stays what
 * the author wrote), strings re-escaped. Widths are display widths (a CJK character is two
 * columns): lines of category/owner/source longer than 100 columns are split one clause
 * per line; a list (owner) longer than a line wraps between its values, aligned under the
 * first value; an indicator's unit, direction, integer and part of follow its name while
 * the line fits, else stand together on the next line.
 *
 * Comments and blank lines (ast.h trivia) stay with the clause they stand before, or — on
 * the same line — after; a comment before a statement's ';' goes before its last clause,
 * and one before a plan's '}' stays inside the block. */
#ifndef MB_PRINT_H
#define MB_PRINT_H

#include <stdio.h>

#include "ast.h"

/* The canonical text of f, which must have parsed without errors; malloc'd and
 * NUL-terminated, its length in *len. NULL when out of memory. */
char *mb_print_file(const mb_ast_file *f, size_t *len);

/* A structural dump of the tree for tests: every value of every node (numbers exactly,
 * strings escaped), no spans, no layout; the comments' texts at the end, sorted (their
 * order follows the clauses they belong to, which printing may reorder). Two files with
 * the same meaning and the same comments give the same dump. */
void mb_print_dump(FILE *out, const mb_ast_file *f);

/* A target's body as the canonical printer writes it after "ID: ", with the comparisons as
 * reports write them (≥, ≤): how explain and the reports quote a rule. Written to out. */
void mb_print_target_body(FILE *out, const mb_ast_target *t);

#endif
