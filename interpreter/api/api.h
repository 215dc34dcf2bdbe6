/* api.h — the handles of the public API (include/mubiao.h) and what its files share. The
 * layer is thin: each handle holds the internal object it stands for (mb_model, mb_data, a
 * list of verdicts) and routes that object's diagnostics to the context's sink. */
#ifndef MB_API_INTERNAL_H
#define MB_API_INTERNAL_H

/* eval.h's verdict status is also called mb_status; here that name is the public return
 * convention, so the internal one is seen under another name. */
#define mb_status mb_vstatus
#include "data.h"
#include "eval.h"
#include "report.h"
#undef mb_status

#include "mubiao.h"

struct mb_context {
    mb_diag_sink sink;
    void *sink_user;
    mb_import_resolver resolver;
    void *resolver_user;
    unsigned threads;
    size_t max_diags;
    size_t max_regions;
};

struct mb_rules {
    mb_context *ctx;
    mb_model *m;
    size_t errors, warnings;
    int checked;      /* mb_rules_check ran: nothing more can be added */
    int ok;           /* ... and found no error */
};

struct mb_submission {
    const mb_rules *rules;
    mb_data *D;
    int finished;     /* mb_data_finish ran (at the first evaluation) */
    size_t sent;      /* D->diags records already given to the sink */
};

struct mb_results {
    const mb_rules *rules;
    mb_arena arena;   /* the views' strings */
    mb_verdict_view *v;
    size_t n, cap;
};

/* A fresh diagnostics list with the context's cap. */
void mb_api_diags_init(const mb_context *ctx, mb_diags *d);
/* Give records [from, n) of d to the sink. */
void mb_api_emit(const mb_context *ctx, const mb_diags *d, size_t from);

#endif
