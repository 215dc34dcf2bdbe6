/* lsp_server.c — the server's loop: read a message, answer it, and when no further message
 * has come for a while (diagnosticsDelayMs after the last change, 200 by default; a document
 * just opened at once), publish the diagnostics of the documents that changed, so that a
 * burst of edits — typing — is checked once, after its last change. A request about a
 * changed document checks it at once (its answer needs the analysis). Lifecycle as the protocol says: nothing but
 * `initialize` before it, nothing but `exit` after `shutdown`; an unknown request gets
 * MethodNotFound, a malformed message a JSON-RPC error, a lost client a clean exit. */
#include <errno.h>
#include <poll.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "lsp_feat.h"
#include "lsp_srv.h"

enum {
    E_PARSE = -32700, E_INVALID_REQUEST = -32600, E_METHOD = -32601, E_PARAMS = -32602,
    E_NOT_INITIALIZED = -32002,
};

static long fd_read(void *ctx, char *buf, size_t cap)
{
    int fd = *(int *)ctx;
    for (;;) {
        ssize_t k = read(fd, buf, cap);
        if (k >= 0) return (long)k;
        if (errno != EINTR) return -1;
    }
}

enum { DEFAULT_DELAY_MS = 200, MAX_DELAY_MS = 3600 * 1000 };

static int64_t now_ms(void)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (int64_t)t.tv_sec * 1000 + t.tv_nsec / 1000000;
}

/* Does another message (or the end of the input) arrive within ms milliseconds? */
static int input_waiting(mb_lsp_srv *s, int ms)
{
    if (mb_lsp_pending(&s->rd)) return 1;
    struct pollfd p = {s->in_fd, POLLIN, 0};
    int r;
    while ((r = poll(&p, 1, ms)) < 0 && errno == EINTR) {}
    return r != 0;
}

/* A document changed: its diagnostics are due after the delay (now for one just opened). */
static void changed(mb_lsp_srv *s, mb_lsp_doc *d, int opened)
{
    d->dirty = 1;
    s->due_ms = now_ms() + (opened ? 0 : s->delay_ms);
}

void mb_lsp_send(mb_lsp_srv *s, char *buf, size_t n)
{
    if (!s->gone && mb_lsp_write(s->out, buf, n)) s->gone = 1;
    free(buf);
}

FILE *mb_lsp_reply_begin(mb_lsp_srv *s, const mb_lj *id)
{
    s->msg = NULL;
    s->msg_n = 0;
    FILE *f = open_memstream(&s->msg, &s->msg_n);
    if (!f) return NULL;
    fputs("{\"jsonrpc\":\"2.0\",\"id\":", f);
    mb_lj_put(f, id);
    fputs(",\"result\":", f);
    return f;
}

void mb_lsp_reply_end(mb_lsp_srv *s, FILE *f)
{
    if (!f) return;
    fputc('}', f);
    if (fclose(f)) { free(s->msg); return; }
    mb_lsp_send(s, s->msg, s->msg_n);
}

void mb_lsp_error(mb_lsp_srv *s, const mb_lj *id, int code, const char *msg)
{
    char *buf = NULL;
    size_t n = 0;
    FILE *f = open_memstream(&buf, &n);
    if (!f) return;
    fputs("{\"jsonrpc\":\"2.0\",\"id\":", f);
    mb_lj_put(f, id);
    fprintf(f, ",\"error\":{\"code\":%d,\"message\":", code);
    mb_lj_put_cstr(f, msg);
    fputs("}}", f);
    if (fclose(f)) { free(buf); return; }
    mb_lsp_send(s, buf, n);
}

void mb_lsp_notify_begin(mb_lsp_srv *s, FILE **f, const char *method)
{
    s->msg = NULL;
    s->msg_n = 0;
    *f = open_memstream(&s->msg, &s->msg_n);
    if (*f) fprintf(*f, "{\"jsonrpc\":\"2.0\",\"method\":\"%s\",\"params\":", method);
}

static void publish(mb_lsp_srv *s, mb_lsp_doc *d)
{
    mb_lsp_an *a = mb_lsp_analyze(&s->docs, d);
    if (a) {
        mb_lsp_an_free(d->an);
        d->an = a;
    }
    d->dirty = 0;
    FILE *f;
    mb_lsp_notify_begin(s, &f, "textDocument/publishDiagnostics");
    if (!f) return;
    mb_lsp_put_diagnostics(f, a, d);
    mb_lsp_reply_end(s, f);
}

void mb_lsp_analyze_doc(mb_lsp_srv *s, mb_lsp_doc *d)
{
    publish(s, d);
}

static void publish_dirty(mb_lsp_srv *s)
{
    for (mb_lsp_doc *d = s->docs.head; d && !s->gone; d = d->next)
        if (d->dirty) publish(s, d);
}

/* ---- text synchronisation ---- */

static int get_pos(const mb_lj *o, mb_lsp_pos *p)
{
    int64_t l = mb_lj_int(o, "line", -1), c = mb_lj_int(o, "character", -1);
    if (l < 0 || c < 0 || l > UINT32_MAX || c > UINT32_MAX) return -1;
    *p = (mb_lsp_pos){(uint32_t)l, (uint32_t)c};
    return 0;
}

int mb_lsp_get_range(const mb_lj *r, mb_lsp_pos out[2])
{
    return get_pos(mb_lj_get(r, "start"), &out[0]) || get_pos(mb_lj_get(r, "end"), &out[1]) ? -1 : 0;
}

static void did_open(mb_lsp_srv *s, const mb_lj *params)
{
    const mb_lj *td = mb_lj_get(params, "textDocument");
    const char *uri = mb_lj_str(td, "uri");
    const mb_lj *text = mb_lj_get(td, "text");
    if (!uri || !text || text->kind != MB_LJ_STR) return;
    mb_lsp_doc *old = mb_lsp_doc_find(&s->docs, uri);
    if (old) { mb_lsp_an_free(old->an); old->an = NULL; }
    mb_lsp_doc *d = mb_lsp_doc_open(&s->docs, uri, text->s, text->n, mb_lj_int(td, "version", 0));
    if (d) changed(s, d, 1);
    else fprintf(s->err, "mubiao lsp: out of memory opening a document\n");
}

static void did_change(mb_lsp_srv *s, const mb_lj *params)
{
    const mb_lj *td = mb_lj_get(params, "textDocument");
    mb_lsp_doc *d = mb_lsp_doc_find(&s->docs, mb_lj_str(td, "uri") ? mb_lj_str(td, "uri") : "");
    const mb_lj *ch = mb_lj_get(params, "contentChanges");
    if (!d || !ch || ch->kind != MB_LJ_ARR) return;
    for (size_t i = 0; i < ch->n; i++) {
        const mb_lj *c = &ch->v[i], *text = mb_lj_get(c, "text"), *range = mb_lj_get(c, "range");
        mb_lsp_pos r[2];
        if (!text || text->kind != MB_LJ_STR) continue;
        if (range && mb_lsp_get_range(range, r)) continue;
        if (mb_lsp_doc_edit(d, range ? r : NULL, text->s, text->n))
            fprintf(s->err, "mubiao lsp: a change to %s could not be applied (out of memory or too large)\n", d->uri);
    }
    d->version = mb_lj_int(td, "version", d->version);
    changed(s, d, 0);
}

static void did_close(mb_lsp_srv *s, const mb_lj *params)
{
    const char *uri = mb_lj_str(mb_lj_get(params, "textDocument"), "uri");
    mb_lsp_doc *d = uri ? mb_lsp_doc_find(&s->docs, uri) : NULL;
    if (!d) return;
    mb_lsp_an_free(d->an);
    d->an = NULL;
    d->dirty = 0;
    /* an editor clears what it showed for a closed file when told so */
    FILE *f;
    mb_lsp_notify_begin(s, &f, "textDocument/publishDiagnostics");
    if (f) {
        fputs("{\"uri\":", f);
        mb_lj_put_cstr(f, uri);
        fputs(",\"diagnostics\":[]}", f);
        mb_lsp_reply_end(s, f);
    }
    mb_lsp_doc_close(&s->docs, uri);
}

/* ---- settings ---- */

/* `submission` of initializationOptions, or of the `mubiao` section of a configuration. */
static void set_submission(mb_lsp_srv *s, const mb_lj *opt)
{
    const mb_lj *v = mb_lj_get(opt, "submission");
    if (!v) return;
    free(s->submission);
    s->submission = v->kind == MB_LJ_STR && v->n && !memchr(v->s, 0, v->n) ? strdup(v->s) : NULL;
}

static void did_change_configuration(mb_lsp_srv *s, const mb_lj *params)
{
    set_submission(s, mb_lj_get(mb_lj_get(params, "settings"), "mubiao"));
}

/* ---- lifecycle ---- */

static void initialize(mb_lsp_srv *s, const mb_lj *id, const mb_lj *params)
{
    const mb_lj *opt = mb_lj_get(params, "initializationOptions");
    int64_t delay = mb_lj_int(opt, "diagnosticsDelayMs", DEFAULT_DELAY_MS);
    s->delay_ms = delay < 0 ? 0 : delay > MAX_DELAY_MS ? MAX_DELAY_MS : (int)delay;
    set_submission(s, opt);
    s->initialized = 1;
    FILE *f = mb_lsp_reply_begin(s, id);
    if (!f) return;
    fputs("{\"capabilities\":{\"positionEncoding\":\"utf-16\","
          "\"textDocumentSync\":{\"openClose\":true,\"change\":2}", f);
    mb_lsp_put_capabilities(f);
    fprintf(f, "},\"serverInfo\":{\"name\":\"mubiao\",\"version\":\"%s\"}}", MB_VERSION);
    mb_lsp_reply_end(s, f);
}

/* The document a request names, with an analysis (NULL: not open). */
mb_lsp_doc *mb_lsp_request_doc(mb_lsp_srv *s, const mb_lj *params)
{
    const char *uri = mb_lj_str(mb_lj_get(params, "textDocument"), "uri");
    mb_lsp_doc *d = uri ? mb_lsp_doc_find(&s->docs, uri) : NULL;
    if (d && (d->dirty || !d->an)) publish(s, d);
    return d && d->an ? d : NULL;
}

static void request(mb_lsp_srv *s, const char *method, const mb_lj *id, const mb_lj *params)
{
    if (!strcmp(method, "initialize")) {
        if (s->initialized) mb_lsp_error(s, id, E_INVALID_REQUEST, "initialize was sent twice");
        else initialize(s, id, params);
        return;
    }
    if (!s->initialized) { mb_lsp_error(s, id, E_NOT_INITIALIZED, "server not initialized"); return; }
    if (s->shutdown) { mb_lsp_error(s, id, E_INVALID_REQUEST, "the server is shutting down"); return; }
    if (!strcmp(method, "shutdown")) {
        s->shutdown = 1;
        FILE *f = mb_lsp_reply_begin(s, id);
        if (f) { fputs("null", f); mb_lsp_reply_end(s, f); }
        return;
    }
    if (params && params->kind != MB_LJ_OBJ && params->kind != MB_LJ_ARR) {
        mb_lsp_error(s, id, E_PARAMS, "params must be an object");
        return;
    }
    if (mb_lsp_feature(s, method, id, params)) return;
    mb_lsp_error(s, id, E_METHOD, "method not found");
}

static void notification(mb_lsp_srv *s, const char *method, const mb_lj *params)
{
    if (!strcmp(method, "exit")) { s->exit = 1; return; }
    if (!s->initialized || s->shutdown) return;
    if (!strcmp(method, "textDocument/didOpen")) did_open(s, params);
    else if (!strcmp(method, "textDocument/didChange")) did_change(s, params);
    else if (!strcmp(method, "textDocument/didClose")) did_close(s, params);
    else if (!strcmp(method, "workspace/didChangeConfiguration")) did_change_configuration(s, params);
    /* initialized, didSave, $/cancelRequest, $/setTrace and the rest need nothing */
}

static void handle(mb_lsp_srv *s, const char *body, size_t n)
{
    mb_arena a;
    mb_arena_init(&a);
    mb_lj msg;
    const char *err = NULL;
    static const mb_lj null_id = {MB_LJ_NULL, 0, 0, NULL, 0, NULL, NULL};
    if (mb_lj_parse(&a, body, n, &msg, &err)) {
        char m[128];
        snprintf(m, sizeof m, "parse error: %s", err);
        mb_lsp_error(s, &null_id, E_PARSE, m);
    } else if (msg.kind != MB_LJ_OBJ) {
        mb_lsp_error(s, &null_id, E_INVALID_REQUEST, "a message must be a JSON object");
    } else {
        const mb_lj *id = mb_lj_get(&msg, "id"), *method = mb_lj_get(&msg, "method");
        const mb_lj *params = mb_lj_get(&msg, "params");
        int id_ok = id && (id->kind == MB_LJ_NUM || id->kind == MB_LJ_STR);
        if (method && method->kind == MB_LJ_STR) {
            if (id_ok) request(s, method->s, id, params);
            else if (id && id->kind != MB_LJ_NULL)
                mb_lsp_error(s, &null_id, E_INVALID_REQUEST, "id must be a number or a string");
            else notification(s, method->s, params);
        } else if (!mb_lj_get(&msg, "result") && !mb_lj_get(&msg, "error")) {
            mb_lsp_error(s, id_ok ? id : &null_id, E_INVALID_REQUEST, "a request needs a method");
        } /* a response to a request of ours: we send none that need one */
    }
    mb_arena_free(&a);
}

int mb_lsp_serve(int in_fd, FILE *out, FILE *err)
{
    mb_lsp_srv *s = calloc(1, sizeof *s);
    if (!s) { fputs("mubiao lsp: out of memory\n", err); return 1; }
    s->in_fd = in_fd;
    s->out = out;
    s->err = err;
    mb_lsp_reader_init(&s->rd, fd_read, &s->in_fd);
    while (!s->exit && !s->gone) {
        if (s->due_ms) {
            int64_t left = s->due_ms - now_ms();
            if (!input_waiting(s, left < 0 ? 0 : (int)left)) {
                s->due_ms = 0;
                publish_dirty(s);
            }
        }
        char *body;
        size_t n;
        const char *why = NULL;
        mb_lsp_status st = mb_lsp_read(&s->rd, &body, &n, &why);
        if (st == MB_LSP_EOF) break;
        if (st == MB_LSP_BROKEN) { fprintf(err, "mubiao lsp: %s; stopping\n", why); break; }
        if (st == MB_LSP_SKIPPED) {
            static const mb_lj null_id = {MB_LJ_NULL, 0, 0, NULL, 0, NULL, NULL};
            mb_lsp_error(s, &null_id, E_INVALID_REQUEST, why);
            continue;
        }
        handle(s, body, n);
        free(body);
    }
    int rc = s->exit && s->shutdown ? 0 : 1;
    for (mb_lsp_doc *d = s->docs.head; d; d = d->next) { mb_lsp_an_free(d->an); d->an = NULL; }
    mb_lsp_docs_free(&s->docs);
    free(s->submission);
    free(s);
    return rc;
}
