/* parse.c — the driver: validate and normalise the text, run scanner and parser, and turn
 * bison's messages into ours. */
#include "parse.h"

#include <stdlib.h>
#include <string.h>

#include "parse_state.h"
#include "parser.h"
#include "lexer.h"
#include "xalloc.h"

static const char *bad_text_msg(int kind)
{
    switch (kind) {
    case MB_BAD_NUL: return "NUL byte in a rule file";
    case MB_BAD_BOM: return "byte order mark (U+FEFF) in the middle of the file";
    case MB_BAD_OOM: return "out of memory";
    default: return "invalid UTF-8";
    }
}

static mb_code bad_text_code(int kind)
{
    switch (kind) {
    case MB_BAD_NUL: return MB_D_NUL_BYTE;
    case MB_BAD_BOM: return MB_D_BOM_INSIDE;
    case MB_BAD_OOM: return MB_D_OUT_OF_MEMORY;
    default: return MB_D_INVALID_UTF8;
    }
}

/* The mistake people make most: a statement without its ';', so the next one's keyword
 * arrives where the parser expected more of the previous statement. */
static const char *missing_semicolon_hint(const char *msg)
{
    static const char *starts[] = {"unexpected 'target'", "unexpected 'indicator'",
                                   "unexpected 'check'", "unexpected 'plan'",
                                   "unexpected 'import'"};
    if (strstr(msg, "expecting")) return "";
    for (size_t i = 0; i < sizeof starts / sizeof *starts; i++)
        if (strncmp(msg, starts[i], strlen(starts[i])) == 0)
            return " (is a ';' missing at the end of the statement before it?)";
    return "";
}

/* bison: "syntax error, unexpected X, expecting Y" -> "syntax error: unexpected X, expecting Y" */
void mb_yyerror(MB_YYLTYPE *loc, yyscan_t scanner, mb_pstate *st, const char *msg)
{
    (void)scanner;
    if (st->fatal || st->lexerror) return; /* already reported where it happened */
    if (strcmp(msg, "memory exhausted") == 0) {
        if (st->oom) mb_diag_add(st->diags, MB_D_OUT_OF_MEMORY, mb_span_none(), "out of memory");
        else mb_pstate_error(st, MB_D_NESTED_TOO_DEEPLY, *loc, "input nested too deeply");
        return;
    }
    const char *p = strncmp(msg, "syntax error, ", 14) == 0 ? msg + 14 : msg;
    const char *hint = missing_semicolon_hint(p);
    mb_diag *g = mb_pstate_error(st, MB_D_SYNTAX, *loc, "syntax error: %s%s", p, hint);
    if (*hint) mb_diag_fix(g, mb_pstate_span(st, (mb_loc){st->prev_end, st->prev_end}), ";");
}

/* Scanner and parser over the normalised text. A fatal scanner error (mb_lex_fatal in
 * lexer.l) returns here through fatal_jump, already reported; the run then counts as failed
 * (2, like bison's out of memory). */
static int run(mb_pstate *st)
{
    yyscan_t sc;
    if (mb_yylex_init_extra(st, &sc)) { /* its only failure: memory */
        st->oom = 1;
        mb_diag_add(st->diags, MB_D_OUT_OF_MEMORY, mb_span_none(), "out of memory");
        return 2;
    }
    /* Our own copy of the text (flex needs two NULs after it), so that a fatal error in the
     * middle of making the buffer leaks nothing: what we allocated, we free. */
    size_t n = st->nt.len;
    char *volatile buf = NULL;
    YY_BUFFER_STATE volatile b = NULL;
    volatile int r = 2;
    if (setjmp(st->fatal_jump) == 0) {
        buf = mb_malloc(n + 2);
        if (!buf) {
            st->oom = 1;
            mb_diag_add(st->diags, MB_D_OUT_OF_MEMORY, mb_span_none(), "out of memory");
        } else {
            memcpy(buf, st->nt.data, n);
            buf[n] = buf[n + 1] = 0;
            /* Grow flex's buffer stack first (its first call allocates one entry, its second
             * grows it), so that inside yy_scan_buffer the only allocation is the buffer
             * itself: a failure there leaves nothing behind. */
            mb_yy_switch_to_buffer(NULL, sc);
            mb_yy_switch_to_buffer(NULL, sc);
            b = mb_yy_scan_buffer(buf, n + 2, sc);
            r = b ? mb_yyparse(sc, st) : 2;
        }
    } else {
        st->fatal = 1;
        r = 2;
    }
    if (b) mb_yy_delete_buffer(b, sc);
    mb_yylex_destroy(sc);
    free(buf);
    free(st->lex_orphan);
    return r;
}

int mb_parse_text(const mb_text *t, mb_arena *arena, mb_ast_file *out, mb_diags *d)
{
    memset(out, 0, sizeof *out);
    out->text = t;
    out->stopped = t->len;
    if (t->len > MB_MAX_RULE_FILE) {
        mb_diag_add(d, MB_D_RULE_FILE_TOO_LARGE, mb_span_at(t, 0, 0),
                    "rule file too large (%zu bytes; the limit is %d MiB)", t->len,
                    MB_MAX_RULE_FILE >> 20);
        return -1;
    }
    mb_pstate st = {.text = t, .arena = arena, .diags = d, .file = out};
    size_t errors0 = d->errors;
    int kind = 0;
    size_t bad = mb_normtext_build(&st.nt, t->data, t->len, &kind);
    if (bad != (size_t)-1) {
        mb_diag_add(d, bad_text_code(kind), mb_span_at(t, bad, bad + 1), "%s", bad_text_msg(kind));
        mb_normtext_free(&st.nt);
        return kind == MB_BAD_OOM ? -2 : -1;
    }
    int r = run(&st);
    out->stopped = st.fatal ? st.nt.map[st.stopped > st.nt.len ? st.nt.len : st.stopped] : t->len;
    mb_normtext_free(&st.nt);
    if (st.oom) {
        if (r != 2) mb_diag_add(d, MB_D_OUT_OF_MEMORY, mb_span_none(), "out of memory");
        return -2;
    }
    return d->errors > errors0 ? -1 : 0;
}
