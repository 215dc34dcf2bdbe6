/* api_data.c — submissions through the public API: mb_data_load / mb_data_load_mem, with
 * each new diagnostic given to the sink as soon as its file has been read. */
#include <stdlib.h>

#include "api.h"

MB_API mb_status mb_submission_new(const mb_rules *rules, mb_submission **out)
{
    if (!rules || !out) return MB_ERR_ARG;
    if (!rules->ok) return MB_ERR_STATE;
    mb_submission *s = calloc(1, sizeof *s);
    if (!s) return MB_ERR_NOMEM;
    s->rules = rules;
    s->D = mb_data_new(rules->m);
    if (!s->D) { free(s); return MB_ERR_NOMEM; }
    s->D->threads = rules->ctx->threads == 1 ? 1 : 0;
    s->D->max_regions = rules->ctx->max_regions;
    s->D->diags.max_errors = rules->ctx->max_diags;
    *out = s;
    return MB_OK;
}

MB_API mb_status mb_submission_free(mb_submission *sub)
{
    if (!sub) return MB_OK;
    mb_data_free(sub->D);
    free(sub);
    return MB_OK;
}

/* Hand over what the last read recorded; the status of that read. */
static mb_status sent(mb_submission *s, int rc, size_t errors_before)
{
    mb_api_emit(s->rules->ctx, &s->D->diags, s->sent);
    s->sent = s->D->diags.n;
    if (s->D->diags.oom) return MB_ERR_NOMEM;
    if (rc) return MB_ERR_IO;
    return s->D->diags.errors > errors_before ? MB_ERR_DATA : MB_OK;
}

MB_API mb_status mb_submission_add_file(mb_submission *sub, const char *path)
{
    if (!sub || !path) return MB_ERR_ARG;
    if (sub->finished) return MB_ERR_STATE;
    size_t before = sub->D->diags.errors;
    int io = sub->D->io_error;
    int rc = mb_data_load(sub->D, path);
    return sent(sub, rc || sub->D->io_error != io, before);
}

MB_API mb_status mb_submission_add_text(mb_submission *sub, const char *name, const char *text, size_t len,
                                        mb_data_format format)
{
    if (!sub || !name || (!text && len) || (format != MB_FORMAT_CSV && format != MB_FORMAT_JSON)) return MB_ERR_ARG;
    if (sub->finished) return MB_ERR_STATE;
    size_t before = sub->D->diags.errors;
    int rc = mb_data_load_mem(sub->D, name, text ? text : "", len, format == MB_FORMAT_JSON);
    return rc ? MB_ERR_NOMEM : sent(sub, 0, before);
}
