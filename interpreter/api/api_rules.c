/* api_rules.c — rule files through the public API: mb_model_load / mb_model_load_text and
 * mb_model_check, with every diagnostic given to the sink, in file order. */
#include <stdlib.h>

#include "api.h"

MB_API mb_status mb_rules_new(mb_context *ctx, mb_rules **out)
{
    if (!ctx || !out) return MB_ERR_ARG;
    mb_rules *r = calloc(1, sizeof *r);
    if (!r) return MB_ERR_NOMEM;
    r->ctx = ctx;
    r->m = mb_model_new();
    if (!r->m) { free(r); return MB_ERR_NOMEM; }
    *out = r;
    return MB_OK;
}

MB_API mb_status mb_rules_free(mb_rules *rules)
{
    if (!rules) return MB_OK;
    mb_model_free(rules->m);
    free(rules);
    return MB_OK;
}

/* The context's resolver in the model's terms. */
static int resolve(void *c, const char *from, const char *name, char **data, size_t *len, const char **why)
{
    const mb_context *ctx = c;
    *why = "the import resolver refused it";
    return ctx->resolver(ctx->resolver_user, from, name, data, len, why) == MB_OK ? 0 : -1;
}

/* Sort, hand over and count one call's diagnostics; the status that call returns. */
static mb_status finish(mb_rules *r, mb_diags *d, int io_before)
{
    mb_diags_sort(d);
    mb_api_emit(r->ctx, d, 0);
    r->errors += d->errors;
    r->warnings += d->warnings;
    mb_status s = d->oom ? MB_ERR_NOMEM : r->m->io_error && !io_before ? MB_ERR_IO : d->errors ? MB_ERR_RULES : MB_OK;
    mb_diags_free(d);
    return s;
}

static mb_status start(mb_rules *r, mb_diags *d)
{
    if (r->checked) return MB_ERR_STATE;
    r->m->import_fn = r->ctx->resolver ? resolve : NULL;
    r->m->import_ctx = r->ctx;
    mb_api_diags_init(r->ctx, d);
    return MB_OK;
}

MB_API mb_status mb_rules_add_file(mb_rules *rules, const char *path)
{
    if (!rules || !path) return MB_ERR_ARG;
    mb_diags d;
    mb_status s = start(rules, &d);
    if (s) return s;
    int io = rules->m->io_error;
    mb_model_load(rules->m, path, &d);
    return finish(rules, &d, io);
}

MB_API mb_status mb_rules_add_text(mb_rules *rules, const char *name, const char *text, size_t len)
{
    if (!rules || !name || (!text && len)) return MB_ERR_ARG;
    mb_diags d;
    mb_status s = start(rules, &d);
    if (s) return s;
    int io = rules->m->io_error;
    mb_model_load_text(rules->m, name, text ? text : "", len, &d);
    return finish(rules, &d, io);
}

MB_API mb_status mb_rules_check(mb_rules *rules)
{
    if (!rules) return MB_ERR_ARG;
    if (rules->checked) return rules->ok ? MB_OK : MB_ERR_RULES;
    mb_diags d;
    mb_api_diags_init(rules->ctx, &d);
    rules->checked = 1;
    /* a file that could not be read, or a syntax error, leaves nothing sound to resolve */
    if (rules->errors || rules->m->io_error || rules->m->load_failed) {
        mb_diags_free(&d);
        return MB_ERR_RULES;
    }
    int rc = mb_model_check(rules->m, &d);
    mb_status s = finish(rules, &d, 1);
    rules->ok = rc == 0 && s == MB_OK;
    return s ? s : rc ? MB_ERR_RULES : MB_OK;
}

MB_API mb_status mb_rules_get_counts(const mb_rules *rules, mb_rules_counts *out)
{
    if (!rules || !out) return MB_ERR_ARG;
    const mb_model *m = rules->m;
    size_t qual = 0;
    for (size_t i = 0; i < m->nrules; i++) qual += m->rules[i]->form == MB_FORM_QUALITATIVE;
    *out = (mb_rules_counts){.files = m->ntexts, .plans = m->nplans, .indicators = m->ninds,
                             .targets = m->nrules, .qualitative = qual, .checks = m->nchecks,
                             .errors = rules->errors, .warnings = rules->warnings};
    return MB_OK;
}
