/* lsp_features.c — the requests the server answers beyond the lifecycle, one handler each. */
#include <stdlib.h>
#include <string.h>

#include "lsp_srv.h"

typedef void (*handler)(mb_lsp_srv *s, const mb_lj *id, const mb_lj *params);

/* The document and byte offset of params.textDocument and params.position; NULL when the
 * document is not open or the position is missing (the answer is then null). */
static mb_lsp_doc *at_position(mb_lsp_srv *s, const mb_lj *params, size_t *off)
{
    mb_lsp_doc *d = mb_lsp_request_doc(s, params);
    const mb_lj *p = mb_lj_get(params, "position");
    int64_t l = mb_lj_int(p, "line", -1), c = mb_lj_int(p, "character", -1);
    if (!d || !d->an->root || l < 0 || c < 0 || l > UINT32_MAX || c > UINT32_MAX) return NULL;
    const mb_text *t = d->an->root;
    *off = mb_lsp_an_off(d->an, t, (mb_lsp_pos){(uint32_t)l, (uint32_t)c});
    return d;
}

static void null_reply(mb_lsp_srv *s, const mb_lj *id)
{
    FILE *f = mb_lsp_reply_begin(s, id);
    if (f) { fputs("null", f); mb_lsp_reply_end(s, f); }
}

static void hover(mb_lsp_srv *s, const mb_lj *id, const mb_lj *params)
{
    size_t off;
    mb_lsp_doc *d = at_position(s, params, &off);
    if (!d) { null_reply(s, id); return; }
    FILE *f = mb_lsp_reply_begin(s, id);
    if (!f) return;
    mb_lsp_hover(f, d->an, off);
    mb_lsp_reply_end(s, f);
}

static void complete(mb_lsp_srv *s, const mb_lj *id, const mb_lj *params)
{
    size_t off;
    mb_lsp_doc *d = at_position(s, params, &off);
    if (!d) { null_reply(s, id); return; }
    FILE *f = mb_lsp_reply_begin(s, id);
    if (!f) return;
    mb_lsp_complete(f, d->an, off);
    mb_lsp_reply_end(s, f);
}

static void definition(mb_lsp_srv *s, const mb_lj *id, const mb_lj *params)
{
    size_t off;
    mb_lsp_doc *d = at_position(s, params, &off);
    if (!d) { null_reply(s, id); return; }
    FILE *f = mb_lsp_reply_begin(s, id);
    if (!f) return;
    mb_lsp_definition(f, d->an, off);
    mb_lsp_reply_end(s, f);
}

static void references(mb_lsp_srv *s, const mb_lj *id, const mb_lj *params)
{
    size_t off;
    mb_lsp_doc *d = at_position(s, params, &off);
    if (!d) { null_reply(s, id); return; }
    const mb_lj *decl = mb_lj_get(mb_lj_get(params, "context"), "includeDeclaration");
    /* the other open documents, analysed, so references in plans that import the same
     * catalogue are found too */
    size_t n = 0;
    for (mb_lsp_doc *o = s->docs.head; o; o = o->next) n++;
    const mb_lsp_an **others = calloc(n ? n : 1, sizeof *others);
    size_t k = 0;
    for (mb_lsp_doc *o = s->docs.head; o && others; o = o->next) {
        if (o == d) continue;
        if (o->dirty || !o->an) continue; /* analysed when its diagnostics are published */
        others[k++] = o->an;
    }
    FILE *f = mb_lsp_reply_begin(s, id);
    if (f) {
        mb_lsp_references(f, d->an, off, decl && decl->kind == MB_LJ_BOOL && decl->b, others, k);
        mb_lsp_reply_end(s, f);
    }
    free(others);
}

static void symbols(mb_lsp_srv *s, const mb_lj *id, const mb_lj *params)
{
    mb_lsp_doc *d = mb_lsp_request_doc(s, params);
    if (!d) { null_reply(s, id); return; }
    FILE *f = mb_lsp_reply_begin(s, id);
    if (!f) return;
    mb_lsp_symbols(f, d->an);
    mb_lsp_reply_end(s, f);
}

static void formatting(mb_lsp_srv *s, const mb_lj *id, const mb_lj *params)
{
    mb_lsp_doc *d = mb_lsp_request_doc(s, params);
    if (!d) { mb_lsp_error(s, id, -32602, "the document is not open"); return; }
    FILE *f = mb_lsp_reply_begin(s, id);
    if (!f) return;
    const char *why = NULL;
    if (mb_lsp_format(f, d, &why) == 0) { mb_lsp_reply_end(s, f); return; }
    fclose(f);
    free(s->msg);
    mb_lsp_error(s, id, -32803, why); /* RequestFailed */
}

static void range_formatting(mb_lsp_srv *s, const mb_lj *id, const mb_lj *params)
{
    mb_lsp_doc *d = mb_lsp_request_doc(s, params);
    mb_lsp_pos r[2];
    if (!d) { mb_lsp_error(s, id, -32602, "the document is not open"); return; }
    if (mb_lsp_get_range(mb_lj_get(params, "range"), r)) { mb_lsp_error(s, id, -32602, "a range is needed"); return; }
    const mb_text *t = d->an->root;
    size_t a = t ? mb_lsp_an_off(d->an, t, r[0]) : 0, b = t ? mb_lsp_an_off(d->an, t, r[1]) : 0;
    FILE *f = mb_lsp_reply_begin(s, id);
    if (!f) return;
    const char *why = NULL;
    if (mb_lsp_format_range(f, d, d->an, a < b ? a : b, a < b ? b : a, &why) == 0) { mb_lsp_reply_end(s, f); return; }
    fclose(f);
    free(s->msg);
    mb_lsp_error(s, id, -32803, why);
}

/* Every open document, analysed (with its imports). */
static void workspace_symbols(mb_lsp_srv *s, const mb_lj *id, const mb_lj *params)
{
    const char *q = mb_lj_str(params, "query");
    size_t n = 0;
    for (mb_lsp_doc *o = s->docs.head; o; o = o->next) n++;
    const mb_lsp_an **ans = calloc(n ? n : 1, sizeof *ans);
    if (!ans) { mb_lsp_error(s, id, -32803, "out of memory"); return; }
    size_t k = 0;
    for (mb_lsp_doc *o = s->docs.head; o; o = o->next) {
        if (o->dirty || !o->an) mb_lsp_analyze_doc(s, o);
        if (o->an) ans[k++] = o->an;
    }
    FILE *f = mb_lsp_reply_begin(s, id);
    if (f) {
        mb_lsp_workspace_symbols(f, ans, k, q ? q : "");
        mb_lsp_reply_end(s, f);
    }
    free(ans);
}

static void code_lens(mb_lsp_srv *s, const mb_lj *id, const mb_lj *params)
{
    mb_lsp_doc *d = mb_lsp_request_doc(s, params);
    if (!d) { null_reply(s, id); return; }
    char *sub = mb_lsp_submission_for(s->submission, d->path);
    FILE *f = mb_lsp_reply_begin(s, id);
    if (f) {
        mb_lsp_code_lenses(f, d->an, sub);
        mb_lsp_reply_end(s, f);
    }
    free(sub);
}

static void inlay_hint(mb_lsp_srv *s, const mb_lj *id, const mb_lj *params)
{
    mb_lsp_doc *d = mb_lsp_request_doc(s, params);
    mb_lsp_pos r[2];
    if (!d || !d->an->root) { null_reply(s, id); return; }
    size_t a = 0, b = d->an->root->len;
    if (!mb_lsp_get_range(mb_lj_get(params, "range"), r)) {
        a = mb_lsp_an_off(d->an, d->an->root, r[0]);
        b = mb_lsp_an_off(d->an, d->an->root, r[1]);
    }
    char *sub = mb_lsp_submission_for(s->submission, d->path);
    FILE *f = mb_lsp_reply_begin(s, id);
    if (f) {
        mb_lsp_inlay_hints(f, d->an, a < b ? a : b, a < b ? b : a, sub);
        mb_lsp_reply_end(s, f);
    }
    free(sub);
}

static void code_action(mb_lsp_srv *s, const mb_lj *id, const mb_lj *params)
{
    mb_lsp_doc *d = mb_lsp_request_doc(s, params);
    mb_lsp_pos r[2];
    if (!d || !d->an->root || mb_lsp_get_range(mb_lj_get(params, "range"), r)) { null_reply(s, id); return; }
    const mb_text *t = d->an->root;
    size_t a = mb_lsp_an_off(d->an, t, r[0]), b = mb_lsp_an_off(d->an, t, r[1]);
    FILE *f = mb_lsp_reply_begin(s, id);
    if (!f) return;
    mb_lsp_code_actions(f, d->an, a < b ? a : b, a < b ? b : a);
    mb_lsp_reply_end(s, f);
}

static const struct {
    const char *method;
    handler fn;
    const char *capability;
} FEATURES[] = {
    {"textDocument/hover", hover, "\"hoverProvider\":true"},
    {"textDocument/completion", complete, "\"completionProvider\":{\"triggerCharacters\":[\"\\\"\"]}"},
    {"textDocument/definition", definition, "\"definitionProvider\":true"},
    {"textDocument/references", references, "\"referencesProvider\":true"},
    {"textDocument/documentSymbol", symbols, "\"documentSymbolProvider\":true"},
    {"textDocument/formatting", formatting, "\"documentFormattingProvider\":true"},
    {"textDocument/rangeFormatting", range_formatting, "\"documentRangeFormattingProvider\":true"},
    {"workspace/symbol", workspace_symbols, "\"workspaceSymbolProvider\":true"},
    {"textDocument/codeLens", code_lens, "\"codeLensProvider\":{\"resolveProvider\":false}"},
    {"textDocument/inlayHint", inlay_hint, "\"inlayHintProvider\":true"},
    {"textDocument/codeAction", code_action, "\"codeActionProvider\":{\"codeActionKinds\":[\"quickfix\"]}"},
    {NULL, NULL, NULL},
};

void mb_lsp_put_capabilities(FILE *f)
{
    for (size_t i = 0; FEATURES[i].method; i++) fprintf(f, ",%s", FEATURES[i].capability);
}

int mb_lsp_feature(mb_lsp_srv *s, const char *method, const mb_lj *id, const mb_lj *params)
{
    for (size_t i = 0; FEATURES[i].method; i++)
        if (!strcmp(FEATURES[i].method, method)) {
            FEATURES[i].fn(s, id, params);
            return 1;
        }
    return 0;
}
