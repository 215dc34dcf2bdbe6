/* lsp_diag.c — the core's diagnostics as LSP diagnostics: the stable code (MB2001), the
 * severity, the range in UTF-16 positions, the note ("first defined here") as related
 * information. A problem inside an imported file is shown on the document's import that
 * leads to it, with the place itself as related information. */
#include <stdlib.h>
#include <string.h>

#include "lsp_feat.h"

static int severity(mb_severity s)
{
    return s == MB_SEV_ERROR ? 1 : s == MB_SEV_WARNING ? 2 : 3;
}

/* The span in the root text a diagnostic is shown at: its own, or the document's import
 * that leads to its file (through the files that import it), else the first import. */
mb_span mb_lsp_shown_at(const mb_lsp_an *a, mb_span s)
{
    if (s.text == a->root) return s;
    const char *via = NULL;
    const mb_lsp_file *f = mb_lsp_an_file(a, s.text);
    for (size_t hops = 0; f && f != &a->files[0] && hops < a->nfiles; hops++) {
        via = f->name;
        f = f->parent < a->nfiles ? &a->files[f->parent] : NULL;
    }
    mb_span first = mb_span_at(a->root, 0, 0);
    if (a->m && a->m->nfiles && a->root) {
        const mb_ast_file *rf = &a->m->files[0];
        for (size_t i = rf->n; i-- > 0;) {
            if (rf->stmts[i].kind != MB_ST_IMPORT) continue;
            first = MB_SPAN(rf->stmts[i].u.import.span);
            if (via && !strcmp(rf->stmts[i].u.import.text, via)) return first;
        }
    }
    return first;
}

static void put_related(FILE *out, const mb_lsp_an *a, mb_span s, const char *msg, int *first)
{
    if (!s.text || !mb_lsp_an_file(a, s.text)) return;
    fputs(*first ? "" : ",", out);
    fputs("{\"location\":", out);
    mb_lsp_put_location(out, a, s);
    fputs(",\"message\":", out);
    mb_lj_put_cstr(out, msg);
    fputc('}', out);
    *first = 0;
}

void mb_lsp_put_diagnostic(FILE *out, const mb_lsp_an *a, const mb_diag *g)
{
    char code[16];
    mb_span at = mb_lsp_shown_at(a, g->span);
    const mb_lsp_file *f = mb_lsp_an_file(a, g->span.text);
    fputs("{\"range\":", out);
    if (at.text) mb_lsp_put_range(out, a, at.text, at.start, at.end > at.start ? at.end : at.start);
    else fputs("{\"start\":{\"line\":0,\"character\":0},\"end\":{\"line\":0,\"character\":0}}", out);
    fprintf(out, ",\"severity\":%d,\"code\":\"%s\",\"source\":\"mubiao\",\"message\":",
            severity(g->sev), mb_code_str(g->code, code));
    if (at.text == g->span.text || !g->span.text) mb_lj_put_cstr(out, g->msg);
    else {
        /* "in catalogue.mb:12:3: msg" */
        mb_pos p = mb_span_pos(&g->span);
        char *buf = NULL;
        size_t n = 0;
        FILE *m = open_memstream(&buf, &n);
        if (m) {
            fprintf(m, "in %s:%u:%u: %s", f ? f->name : g->span.text->name, p.line, p.col, g->msg);
            fclose(m);
            mb_lj_put_str(out, buf, n);
        } else mb_lj_put_cstr(out, g->msg);
        free(buf);
    }
    int first = 1;
    fputs(",\"relatedInformation\":[", out);
    if (at.text != g->span.text) put_related(out, a, g->span, g->msg, &first);
    if (g->note) put_related(out, a, g->note_span, g->note, &first);
    fputs("]}", out);
}

void mb_lsp_put_diagnostics(FILE *out, const mb_lsp_an *a, const mb_lsp_doc *doc)
{
    fputs("{\"uri\":", out);
    mb_lj_put_cstr(out, doc->uri);
    fprintf(out, ",\"version\":%lld,\"diagnostics\":[", (long long)doc->version);
    for (size_t i = 0; a && i < a->d.n; i++) {
        if (i) fputc(',', out);
        mb_lsp_put_diagnostic(out, a, &a->d.v[i]);
    }
    fputs("]}", out);
}
