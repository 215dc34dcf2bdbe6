/* parse_state.h — what the scanner and the parser share during one parse. Internal. */
#ifndef MB_PARSE_STATE_H
#define MB_PARSE_STATE_H

#include <setjmp.h>
#include <stddef.h>

#include "arena.h"
#include "ast.h"
#include "diag.h"
#include "text.h"

/* Token locations are byte offsets into the normalised text; spans for diagnostics are
 * mapped back to the original text with mb_pstate_span. */
typedef struct mb_loc {
    size_t start, end;
} mb_loc;

typedef struct mb_pstate {
    const mb_text *text;   /* original */
    mb_normtext nt;        /* what the scanner reads */
    size_t off;            /* scanner position in nt */
    size_t last_end;       /* end of the last real token (for errors at end of input) */
    size_t prev_end;       /* end of the token before it (where a missing ';' goes) */
    int paren_depth;
    size_t operators;      /* formula operators read so far (MB_MAX_FILE_OPERATORS) */
    int fatal;             /* stop: the rest of the input cannot be read sensibly */
    size_t stopped;        /* with fatal: where (offset in nt) */
    int oom;               /* an allocation failed */
    int lexerror;          /* the last token was already reported by the scanner */
    mb_arena *arena;
    mb_diags *diags;
    mb_ast_file *file;
    jmp_buf fatal_jump;    /* where the scanner's fatal error returns to (parse.c run) */
    void *lex_orphan;      /* a block flex lost on a failed realloc, freed by the driver */
} mb_pstate;

enum { MB_MAX_PAREN_DEPTH = 64, MB_MAX_IDENT = 256, MB_MAX_STRING = 65536, MB_MAX_EXPR_DEPTH = 256 };
/* Formula operators in one rule file. Each costs two tree nodes and two nodes of the resolved
 * formula (about 900 bytes): the cap keeps the densest 16 MiB file of formulas near 0.25 GB
 * instead of several GiB; real plans have a few hundred. */
enum { MB_MAX_FILE_OPERATORS = 250000 };

mb_span mb_pstate_span(const mb_pstate *st, mb_loc loc);
/* The same, compact, for the tree. */
mb_aspan mb_pstate_aspan(const mb_pstate *st, mb_loc loc);
/* A comment or a blank line the scanner skipped, kept in the file's trivia list. */
void mb_pstate_trivia(mb_pstate *st, mb_trivia_kind kind, mb_loc loc);
/* Records an error at loc (the record, for a note; NULL when dropped). Once the run's error
 * cap is passed nothing more could be shown, so the parse stops there (fatal) with a note. */
mb_diag *mb_pstate_error(mb_pstate *st, mb_code code, mb_loc loc, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));
/* Stop reading at loc: the scanner reports end of input from its next call on. */
void mb_pstate_stop(mb_pstate *st, mb_loc loc);

#endif
