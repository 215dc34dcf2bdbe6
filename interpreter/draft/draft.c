/* draft.c — the drafter's driver: input, header, tables, sentences, restatements merged, then
 * the rule text. */
#include <stdlib.h>
#include <string.h>

#include "draft_int.h"

const char *mb_draft_err_str(mb_draft_err e)
{
    switch (e) {
    case MB_DRAFT_OK: return "ok";
    case MB_DRAFT_EMPTY: return "empty document";
    case MB_DRAFT_TOO_BIG: return "file too large";
    case MB_DRAFT_BAD_UTF8: return "invalid UTF-8";
    case MB_DRAFT_BINARY: return "not a text file";
    case MB_DRAFT_BAD_HTML: return "unreadable HTML";
    case MB_DRAFT_NO_MEMORY: return "out of memory";
    case MB_DRAFT_INTERNAL: return "internal error";
    }
    return "error";
}

int mb_draft_run(const char *data, size_t n, const mb_draft_opts *o, mb_draft_result *r)
{
    memset(r, 0, sizeof *r);
    mb_arena A;
    mb_arena_init(&A);
    md_doc d;
    memset(&d, 0, sizeof d);
    d.A = &A;
    d.o = o;
    int rc = md_input(&d, data, n, r);
    if (rc == 0) {
        md_header(&d);
        md_tables(&d);
        md_sentences(&d);
        md_merge_restatements(&d);
        rc = md_emit(&d, r);
    }
    mb_normtext_free(&d.nt);
    mb_arena_free(&A);
    return rc;
}

void mb_draft_result_free(mb_draft_result *r)
{
    free(r->text);
    r->text = NULL;
}
