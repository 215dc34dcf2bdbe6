/* lsp_srv.h — the server's state and how a feature answers a request (lsp_server.c). */
#ifndef MB_LSP_SRV_H
#define MB_LSP_SRV_H

#include "lsp_feat.h"

typedef struct mb_lsp_srv {
    int in_fd;
    FILE *out, *err;
    mb_lsp_reader rd;
    mb_lsp_docs docs;
    int initialized, shutdown, exit;
    int gone;                /* the client stopped reading: nothing more is written */
    char *submission;        /* the `submission` setting: a CSV or JSON file or a folder */
    int delay_ms;            /* diagnostics wait for this long without a change (debounce) */
    int64_t due_ms;          /* when the changed documents' diagnostics are due (monotonic) */
    char *msg;               /* the message being written (open_memstream) */
    size_t msg_n;
} mb_lsp_srv;

/* A response: begin writes up to "result":, the feature writes the result, end sends. */
FILE *mb_lsp_reply_begin(mb_lsp_srv *s, const mb_lj *id);
void mb_lsp_reply_end(mb_lsp_srv *s, FILE *f);
void mb_lsp_error(mb_lsp_srv *s, const mb_lj *id, int code, const char *msg);
void mb_lsp_notify_begin(mb_lsp_srv *s, FILE **f, const char *method);
void mb_lsp_send(mb_lsp_srv *s, char *buf, size_t n);
/* The open document params.textDocument.uri names, analysed; NULL when not open. */
mb_lsp_doc *mb_lsp_request_doc(mb_lsp_srv *s, const mb_lj *params);
/* Analyses a changed document now (publishing its diagnostics). */
void mb_lsp_analyze_doc(mb_lsp_srv *s, mb_lsp_doc *d);
int mb_lsp_get_range(const mb_lj *r, mb_lsp_pos out[2]);

/* The features (lsp_features.c): the capabilities they add to initialize's answer (each
 * written as ",\"name\":…"), and the answer to a request: 1 when method is one of theirs. */
void mb_lsp_put_capabilities(FILE *f);
int mb_lsp_feature(mb_lsp_srv *s, const char *method, const mb_lj *id, const mb_lj *params);

#endif
