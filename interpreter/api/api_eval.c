/* api_eval.c — evaluation through the public API: every verdict of mb_report_walk (report
 * order), kept as a view whose numbers are exact decimal strings. */
#include <stdlib.h>
#include <string.h>

#include "api.h"
#include "ingest_value.h"

/* The public verdict statuses are the evaluator's, in its order. */
_Static_assert((int)MB_VERDICT_MET == (int)MB_ST_MET && (int)MB_VERDICT_MISSED == (int)MB_ST_MISSED &&
               (int)MB_VERDICT_ON_TRACK == (int)MB_ST_ON_TRACK &&
               (int)MB_VERDICT_NEEDS_ACCELERATION == (int)MB_ST_NEEDS_ACCELERATION &&
               (int)MB_VERDICT_LIMITED_PROGRESS == (int)MB_ST_LIMITED_PROGRESS &&
               (int)MB_VERDICT_REGRESSING == (int)MB_ST_REGRESSING && (int)MB_VERDICT_NO_DATA == (int)MB_ST_NO_DATA &&
               (int)MB_VERDICT_NOT_ASSESSABLE == (int)MB_ST_NOT_ASSESSABLE &&
               (int)MB_VERDICT_ERROR == (int)MB_ST_ERROR && MB_ST_EVAL_COUNT == 9,
               "mb_verdict_status follows eval.h");

typedef struct collect {
    mb_results *res;
    const mb_data *D;
    int oom;
} collect;

static const char *keep(collect *c, const char *s, size_t n)
{
    char *p = mb_arena_strndup(&c->res->arena, s, n);
    if (!p) c->oom = 1;
    return p;
}

/* An exact decimal string: *exact 0 when the expansion does not end (then 36 places). */
static const char *number(collect *c, mb_num v, int *exact)
{
    char buf[MB_NUM_BUF];
    size_t n = mb_num_format(v, 36, buf, exact);
    return keep(c, buf, n);
}

static void one(void *ctx, const mb_verdict *v)
{
    collect *c = ctx;
    mb_results *res = c->res;
    if (c->oom) return;
    if (res->n == res->cap) {
        size_t nc = res->cap ? res->cap * 2 : 64;
        mb_verdict_view *nv = realloc(res->v, nc * sizeof *nv);
        if (!nv) { c->oom = 1; return; }
        res->v = nv;
        res->cap = nc;
    }
    const mb_rule *r = v->rule;
    mb_verdict_view *o = &res->v[res->n++];
    memset(o, 0, sizeof *o);
    o->rule = r->id;
    o->label = r->label;
    o->plan = r->plan ? r->plan->id : NULL;
    o->indicator = r->ind ? r->ind->id : NULL;
    o->unit = r->ind && r->ind->unit.text && r->ind->unit.text[0] ? r->ind->unit.text : NULL;
    o->region = c->D->region_names[v->region];
    o->year = v->year;
    o->status = (mb_verdict_status)v->status;
    o->status_name = mb_status_name(v->status);
    if (v->has_actual) o->actual = number(c, v->actual, &o->actual_exact), o->actual_year = v->actual_year;
    if (v->has_target) o->target = number(c, v->target, &o->target_exact);
    char crit[256];
    size_t n = mb_report_criterion(v, crit, sizeof crit, 1);
    if (n) o->criterion = keep(c, crit, n);
    o->detail = keep(c, v->detail, strlen(v->detail));
    o->file = r->span.text ? r->span.text->name : NULL;
    mb_pos p = mb_report_rule_pos(r, NULL);
    o->line = p.line;
    o->col = p.col;
}

static int as_of_key(const char *s, int *key)
{
    mb_period p;
    *key = 0;
    if (!s) return 0;
    if (!mb_period_parse(s, strlen(s), &p)) return -1;
    *key = mb_period_key(&p);
    return 0;
}

MB_API mb_status mb_evaluate(const mb_rules *rules, mb_submission *sub, const char *as_of, mb_results **out)
{
    if (!rules || !sub || !out || sub->rules != rules) return MB_ERR_ARG;
    int key;
    if (as_of_key(as_of, &key)) return MB_ERR_ARG;
    if (!sub->finished) {
        mb_data_finish(sub->D);
        sub->finished = 1;
        mb_api_emit(rules->ctx, &sub->D->diags, sub->sent);
        sub->sent = sub->D->diags.n;
    }
    mb_results *res = calloc(1, sizeof *res);
    if (!res) return MB_ERR_NOMEM;
    res->rules = rules;
    mb_arena_init(&res->arena);
    /* as the command chooses it: a stray period past every deadline is warned about, not
     * taken as the date of the data */
    mb_asof a;
    mb_report_as_of(&a, as_of, key, rules->m, sub->D);
    mb_api_emit(rules->ctx, &sub->D->diags, sub->sent);
    sub->sent = sub->D->diags.n;
    mb_eval e;
    mb_eval_init(&e, rules->m, sub->D, a.key);
    e.threads = 1;
    mb_filter f;
    memset(&f, 0, sizeof f);
    collect c = {res, sub->D, 0};
    mb_report_walk(&e, &f, one, &c);
    if (c.oom) { mb_results_free(res); return MB_ERR_NOMEM; }
    *out = res;
    return MB_OK;
}

MB_API mb_status mb_results_free(mb_results *res)
{
    if (!res) return MB_OK;
    mb_arena_free(&res->arena);
    free(res->v);
    free(res);
    return MB_OK;
}

MB_API mb_status mb_results_count(const mb_results *res, size_t *n)
{
    if (!res || !n) return MB_ERR_ARG;
    *n = res->n;
    return MB_OK;
}

MB_API mb_status mb_results_get(const mb_results *res, size_t i, mb_verdict_view *out)
{
    if (!res || !out || i >= res->n) return MB_ERR_ARG;
    *out = res->v[i];
    return MB_OK;
}
