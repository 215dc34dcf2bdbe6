/* lsp_action.c — quick fixes: the fix a diagnostic carries (mb_diag.fix, recorded by the
 * parser or checker where it found the problem: the nearest indicator id or printed name for
 * an undefined one, the ';' a statement lacks, the operator a phrase's 达到 or 超过 asks for)
 * as a CodeAction with one edit. Nothing here knows a fix of its own. */
#include <stdlib.h>
#include <string.h>

#include "lsp_feat.h"

/* "Replace '>' with '>='", "Insert ';'". */
static void put_title(FILE *out, const mb_diag *g)
{
    char *buf = NULL;
    size_t n = 0;
    FILE *t = open_memstream(&buf, &n);
    if (!t) { fputs("\"Fix\"", out); return; }
    size_t len = g->fix_span.end - g->fix_span.start;
    if (!len) fprintf(t, "Insert '%s'", g->fix);
    else {
        fputs("Replace '", t);
        fwrite(g->fix_span.text->data + g->fix_span.start, 1, len > 120 ? 120 : len, t);
        fprintf(t, "%s' with '%s'", len > 120 ? "…" : "", g->fix);
    }
    fclose(t);
    mb_lj_put_str(out, buf, n);
    free(buf);
}

static void put_action(FILE *out, const mb_lsp_an *a, const mb_diag *g)
{
    const mb_lsp_file *f = mb_lsp_an_file(a, g->fix_span.text);
    char *uri = f->uri ? strdup(f->uri) : mb_lsp_path_uri(f->path);
    if (!uri) return;
    fputs("{\"title\":", out);
    put_title(out, g);
    fputs(",\"kind\":\"quickfix\",\"isPreferred\":true,\"diagnostics\":[", out);
    mb_lsp_put_diagnostic(out, a, g);
    fputs("],\"edit\":{\"changes\":{", out);
    mb_lj_put_cstr(out, uri);
    fputs(":[{\"range\":", out);
    mb_lsp_put_range(out, a, g->fix_span.text, g->fix_span.start, g->fix_span.end);
    fputs(",\"newText\":", out);
    mb_lj_put_cstr(out, g->fix);
    fputs("}]}}}", out);
    free(uri);
}

void mb_lsp_code_actions(FILE *out, const mb_lsp_an *a, size_t start, size_t end)
{
    int n = 0;
    fputc('[', out);
    for (size_t i = 0; i < a->d.n; i++) {
        const mb_diag *g = &a->d.v[i];
        if (!g->fix || !mb_lsp_an_file(a, g->fix_span.text)) continue;
        mb_span at = mb_lsp_shown_at(a, g->span);
        if (at.text != a->root || at.start > end || (at.end > at.start ? at.end : at.start) < start) continue;
        fputs(n++ ? "," : "", out);
        put_action(out, a, g);
    }
    fputc(']', out);
}
