/* parse.h — rule text to tree. */
#ifndef MB_PARSE_H
#define MB_PARSE_H

#include "arena.h"
#include "ast.h"
#include "diag.h"

enum { MB_MAX_RULE_FILE = 16 * 1024 * 1024 };

/* Parses t into *out (nodes in `arena`, which must outlive the tree). Returns 0 when no
 * error was reported, -1 otherwise; -2 when out of memory (also reported). */
int mb_parse_text(const mb_text *t, mb_arena *arena, mb_ast_file *out, mb_diags *d);

#endif
