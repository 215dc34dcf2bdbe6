/* draft.h — a plan's text to a draft rule file (mb_draft_ prefix).
 *
 * The drafter reads a policy document (UTF-8 text, or HTML as published on government
 * sites), finds its header and its quantitative targets, and writes rule text that the
 * canonical printer has printed and the parser accepts. It guesses nothing silently: a
 * target it is unsure of carries `note "draft: …"`, and numbers it could not place are
 * listed as comments at the end of the file. */
#ifndef MB_DRAFT_H
#define MB_DRAFT_H

#include <stddef.h>

#include "model.h"

enum { MB_DRAFT_MAX_INPUT = 16 * 1024 * 1024 };

typedef struct mb_draft_opts {
    const mb_model *catalogue;   /* checked model whose indicators may be reused; NULL: none */
    const char *catalogue_import;/* path written in `import "…";` (relative to the output) */
    const char *source_name;     /* the document's file name, for the header comment */
    int html;                    /* 1: parse as HTML; 0: plain text */
} mb_draft_opts;

/* What went wrong with the input: its kind, and where (byte offset into the input). */
typedef enum {
    MB_DRAFT_OK = 0,
    MB_DRAFT_EMPTY,        /* nothing but white space */
    MB_DRAFT_TOO_BIG,      /* over MB_DRAFT_MAX_INPUT bytes */
    MB_DRAFT_BAD_UTF8,     /* invalid UTF-8 at `offset` */
    MB_DRAFT_BINARY,       /* a NUL byte at `offset`: not a text file */
    MB_DRAFT_BAD_HTML,     /* the HTML parser gave no document */
    MB_DRAFT_NO_MEMORY,
    MB_DRAFT_INTERNAL,     /* the drafted text did not parse: a bug, `message` says where */
} mb_draft_err;

typedef struct mb_draft_result {
    char *text;            /* the rule file, malloc'd; NULL on error */
    size_t len;
    mb_draft_err err;
    size_t offset;         /* where the input is bad (MB_DRAFT_BAD_UTF8, MB_DRAFT_BINARY) */
    char message[256];
    /* counts for the summary */
    size_t targets, review, unplaced, indicators_new, indicators_reused, tables;
    size_t restated;       /* drafted targets that restate another: merged into it as a phrase */
} mb_draft_result;

/* Drafts rules from data[0..n). Returns 0, or -1 with r->err set. */
int mb_draft_run(const char *data, size_t n, const mb_draft_opts *o, mb_draft_result *r);
void mb_draft_result_free(mb_draft_result *r);
const char *mb_draft_err_str(mb_draft_err e);

#endif
