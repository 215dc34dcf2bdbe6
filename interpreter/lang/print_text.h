/* print_text.h — pieces of rule text for the printer and the dump (mb_pt_ prefix): a growing
 * buffer, and each kind of token as the canonical printer writes it. Internal to lang/. */
#ifndef MB_PRINT_TEXT_H
#define MB_PRINT_TEXT_H

#include <stdarg.h>
#include <stddef.h>

#include "ast.h"

typedef struct mb_pt_buf {
    char *p;       /* NUL-terminated while not oom */
    size_t n, cap;
    int oom;
    int symbols;   /* comparisons as reports write them (≥), not as rule text (>=) */
} mb_pt_buf;

void mb_pt_putn(mb_pt_buf *b, const char *s, size_t n);
void mb_pt_puts(mb_pt_buf *b, const char *s);
void mb_pt_printf(mb_pt_buf *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
void mb_pt_free(mb_pt_buf *b);

/* "..." with \" \\ \n \t escaped. */
void mb_pt_string(mb_pt_buf *b, const char *s);
/* An indicator reference: an identifier as written, or a "printed name". */
void mb_pt_subject(mb_pt_buf *b, const mb_str *s, int is_name);
/* The number written at `off` in text, as written ("２．７４", "-5"; "- 5" becomes "-5").
 * Returns the offset just after it. */
size_t mb_pt_number(mb_pt_buf *b, const mb_text *t, size_t off);
/* A quantity as written: its number, then its unit (glued when the source glued them). */
void mb_pt_quantity(mb_pt_buf *b, const mb_quantity *q);
/* A formula with the fewest parentheses that keep its tree. */
void mb_pt_expr(mb_pt_buf *b, const mb_expr *e);
/* The body of a target after "ID: " (subject, comparison, values, years). */
void mb_pt_target_body(mb_pt_buf *b, const mb_ast_target *t);
/* The body of a check after "ID: ". */
void mb_pt_check_body(mb_pt_buf *b, const mb_ast_check *k);

#endif
