/* lsp_format.c — formatting through the formatter `mubiao fmt` uses (mb_fmt_text: the
 * canonical printer, with its check that the layout changes no meaning): one edit that
 * replaces the whole document, none when it is formatted already. A document with syntax
 * errors is not formatted (its diagnostics say why).
 *
 * Range formatting formats the whole text the same way and takes from it the statements
 * the range touches: the canonical text has the same statements in the same order (the
 * formatter checks that the trees are equal), so statement i of the document becomes
 * statement i of the canonical text, and nothing outside those statements changes. */
#include <stdlib.h>
#include <string.h>

#include "fmt.h"
#include "lsp_feat.h"
#include "parse.h"

/* The canonical text of the document; 0, or -1 with *why. */
static int canonical(const mb_lsp_doc *doc, char **text, size_t *len, const char **why)
{
    mb_text t = {doc->path, doc->text, doc->len};
    mb_diags d;
    mb_diags_init(&d, 1);
    *text = NULL;
    int rc = mb_fmt_text(&t, &d, text, len);
    mb_diags_free(&d);
    if (rc == MB_FMT_OK) return 0;
    *why = rc == MB_FMT_SYNTAX ? "the document has syntax errors: fix them first"
         : rc == MB_FMT_OOM    ? "out of memory"
                               : "formatting would change the meaning (a bug in the printer): not formatted";
    free(*text);
    *text = NULL;
    return -1;
}

static void put_edit(FILE *out, const mb_lsp_an *a, const mb_text *t, size_t start, size_t end,
                     const char *text, size_t n)
{
    fputs("[{\"range\":", out);
    mb_lsp_put_range(out, a, t, start, end);
    fputs(",\"newText\":", out);
    mb_lj_put_str(out, text, n);
    fputs("}]", out);
}

/* 0 with the result written; -1 when the text cannot be formatted (*why says why). */
int mb_lsp_format(FILE *out, const mb_lsp_doc *doc, const char **why)
{
    char *text;
    size_t len;
    if (canonical(doc, &text, &len, why)) return -1;
    mb_text t = {doc->path, doc->text, doc->len};
    if (len == doc->len && !memcmp(text, doc->text, len)) fputs("[]", out);
    else put_edit(out, NULL, &t, 0, t.len, text, len);
    free(text);
    return 0;
}

static mb_aspan stmt_span(const mb_ast_stmt *s)
{
    switch (s->kind) {
    case MB_ST_IMPORT: return s->u.import.span;
    case MB_ST_PLAN: return s->u.plan->span;
    case MB_ST_INDICATOR: return s->u.indicator->span;
    case MB_ST_TARGET: return s->u.target->span;
    case MB_ST_CHECK: return s->u.check->span;
    case MB_ST_TEST: return s->u.test->span;
    }
    return (mb_aspan){0};
}

/* The first and last statement of f touching [start, end]; 0 when none does. */
static int touched(const mb_ast_file *f, size_t start, size_t end, size_t *first, size_t *last)
{
    int any = 0;
    for (size_t i = 0; i < f->n; i++) {
        mb_aspan s = stmt_span(&f->stmts[i]);
        if (!s.text || s.end < start || s.start > end) continue;
        if (!any) *first = i;
        *last = i;
        any = 1;
    }
    return any;
}

int mb_lsp_format_range(FILE *out, const mb_lsp_doc *doc, const mb_lsp_an *a, size_t start, size_t end,
                        const char **why)
{
    char *text;
    size_t len;
    if (canonical(doc, &text, &len, why)) return -1;
    /* the document's statements (its analysis parsed this very text) and the canonical ones */
    const mb_ast_file *old = a->root && a->m->nfiles ? &a->m->files[0] : NULL;
    mb_text nt = {doc->path, text, len};
    mb_arena arena;
    mb_arena_init(&arena);
    mb_ast_file nf;
    mb_diags d;
    mb_diags_init(&d, 1);
    int rc = mb_parse_text(&nt, &arena, &nf, &d);
    size_t first, last;
    if (!old || rc || d.errors || nf.n != old->n) {
        *why = "the document changed while it was formatted: try again";
        rc = -1;
    } else if (!touched(old, start, end, &first, &last)) {
        fputs("[]", out);
        rc = 0;
    } else {
        mb_aspan o1 = stmt_span(&old->stmts[first]), o2 = stmt_span(&old->stmts[last]);
        mb_aspan n1 = stmt_span(&nf.stmts[first]), n2 = stmt_span(&nf.stmts[last]);
        size_t ol = o2.end - o1.start, nl = n2.end - n1.start;
        if (ol == nl && !memcmp(a->root->data + o1.start, text + n1.start, nl)) fputs("[]", out);
        else put_edit(out, a, a->root, o1.start, o2.end, text + n1.start, nl);
        rc = 0;
    }
    mb_diags_free(&d);
    mb_arena_free(&arena);
    free(text);
    return rc;
}
