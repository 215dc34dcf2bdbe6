/* api_context.c — the context (limits, threads, imports, where diagnostics go) and the
 * diagnostics sink: each internal record becomes an mb_diagnostic with its code and place. */
#include <stdlib.h>

#include "api.h"

MB_API mb_status mb_status_message(mb_status s, const char **out)
{
    static const char *const TEXT[] = {
        [MB_OK] = "ok",
        [MB_ERR_ARG] = "invalid argument",
        [MB_ERR_NOMEM] = "out of memory",
        [MB_ERR_IO] = "a file could not be read",
        [MB_ERR_RULES] = "the rules have errors",
        [MB_ERR_DATA] = "the submission has errors",
        [MB_ERR_STATE] = "called out of order",
    };
    if (!out || (unsigned)s >= sizeof TEXT / sizeof *TEXT) return MB_ERR_ARG;
    *out = TEXT[s];
    return MB_OK;
}

MB_API mb_status mb_version(const char **out)
{
    if (!out) return MB_ERR_ARG;
    *out = MB_VERSION;
    return MB_OK;
}

MB_API mb_status mb_context_new(mb_context **out)
{
    if (!out) return MB_ERR_ARG;
    mb_context *c = calloc(1, sizeof *c);
    if (!c) return MB_ERR_NOMEM;
    c->max_diags = 50;
    c->max_regions = MB_MAX_REGIONS;
    *out = c;
    return MB_OK;
}

MB_API mb_status mb_context_free(mb_context *ctx)
{
    free(ctx);
    return MB_OK;
}

MB_API mb_status mb_context_set_diag_sink(mb_context *ctx, mb_diag_sink sink, void *user)
{
    if (!ctx) return MB_ERR_ARG;
    ctx->sink = sink;
    ctx->sink_user = user;
    return MB_OK;
}

MB_API mb_status mb_context_set_import_resolver(mb_context *ctx, mb_import_resolver fn, void *user)
{
    if (!ctx) return MB_ERR_ARG;
    ctx->resolver = fn;
    ctx->resolver_user = user;
    return MB_OK;
}

MB_API mb_status mb_context_set_threads(mb_context *ctx, unsigned threads)
{
    if (!ctx) return MB_ERR_ARG;
    ctx->threads = threads;
    return MB_OK;
}

MB_API mb_status mb_context_set_max_diagnostics(mb_context *ctx, size_t n)
{
    if (!ctx) return MB_ERR_ARG;
    ctx->max_diags = n ? n : (size_t)-1;
    return MB_OK;
}

MB_API mb_status mb_context_set_max_regions(mb_context *ctx, size_t n)
{
    if (!ctx || !n) return MB_ERR_ARG;
    ctx->max_regions = n;
    return MB_OK;
}

void mb_api_diags_init(const mb_context *ctx, mb_diags *d) { mb_diags_init(d, ctx->max_diags); }

static void place(const mb_span *s, const char **file, unsigned *line, unsigned *col)
{
    *file = NULL;
    *line = *col = 0;
    if (!s->text) return;
    mb_pos p = mb_span_pos(s);
    *file = s->text->name;
    *line = p.line;
    *col = p.col;
}

void mb_api_emit(const mb_context *ctx, const mb_diags *d, size_t from)
{
    if (!ctx->sink) return;
    for (size_t i = from; i < d->n; i++) {
        const mb_diag *g = &d->v[i];
        char code[16];
        mb_diagnostic out = {.code = mb_code_str(g->code, code),
                             .severity = g->sev == MB_SEV_ERROR ? MB_SEVERITY_ERROR : MB_SEVERITY_WARNING,
                             .message = g->msg, .note = g->note};
        place(&g->span, &out.file, &out.line, &out.col);
        if (g->note) place(&g->note_span, &out.note_file, &out.note_line, &out.note_col);
        ctx->sink(ctx->sink_user, &out);
    }
}
