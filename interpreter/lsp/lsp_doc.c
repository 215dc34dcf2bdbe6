/* lsp_doc.c — the open documents: their text as the editor has it (not as saved), kept up
 * to date by whole or incremental changes, and file URIs to paths and back. */
#include <stdlib.h>
#include <string.h>

#include "lsp.h"
#include "parse.h"
#include "xalloc.h"

mb_lsp_doc *mb_lsp_doc_find(mb_lsp_docs *ds, const char *uri)
{
    for (mb_lsp_doc *d = ds->head; d; d = d->next)
        if (!strcmp(d->uri, uri)) return d;
    return NULL;
}

static char *dupn(const char *s, size_t n)
{
    char *p = mb_malloc(n + 1);
    if (!p) return NULL;
    memcpy(p, s, n);
    p[n] = 0;
    return p;
}

static void doc_free(mb_lsp_doc *d)
{
    free(d->uri);
    free(d->path);
    free(d->text);
    free(d);
}

mb_lsp_doc *mb_lsp_doc_open(mb_lsp_docs *ds, const char *uri, const char *text, size_t n, int64_t version)
{
    mb_lsp_doc_close(ds, uri);
    mb_lsp_doc *d = mb_calloc(1, sizeof *d);
    if (!d) return NULL;
    d->uri = dupn(uri, strlen(uri));
    d->path = mb_lsp_uri_path(uri);
    if (!d->path && d->uri) d->path = dupn(uri, strlen(uri));
    d->text = dupn(text, n);
    if (!d->uri || !d->path || !d->text) { doc_free(d); return NULL; }
    d->len = n;
    d->version = version;
    d->next = ds->head;
    ds->head = d;
    return d;
}

void mb_lsp_doc_close(mb_lsp_docs *ds, const char *uri)
{
    for (mb_lsp_doc **p = &ds->head; *p; p = &(*p)->next)
        if (!strcmp((*p)->uri, uri)) {
            mb_lsp_doc *d = *p;
            *p = d->next;
            doc_free(d);
            return;
        }
}

void mb_lsp_docs_free(mb_lsp_docs *ds)
{
    while (ds->head) {
        mb_lsp_doc *d = ds->head;
        ds->head = d->next;
        doc_free(d);
    }
}

int mb_lsp_doc_edit(mb_lsp_doc *d, const mb_lsp_pos *range, const char *text, size_t n)
{
    size_t a = 0, b = d->len;
    if (range) {
        a = mb_lsp_off_of(d->text, d->len, range[0]);
        b = mb_lsp_off_of(d->text, d->len, range[1]);
        if (b < a) { size_t t = a; a = b; b = t; }
    }
    size_t len = d->len - (b - a) + n;
    /* room for a file a little over the limit, so the checker can say it is too large */
    if (len > 2 * (size_t)MB_MAX_RULE_FILE) return -1;
    char *t = mb_malloc(len + 1);
    if (!t) return -1;
    memcpy(t, d->text, a);
    memcpy(t + a, text, n);
    memcpy(t + a + n, d->text + b, d->len - b);
    t[len] = 0;
    free(d->text);
    d->text = t;
    d->len = len;
    return 0;
}

static int hexval(char c)
{
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
}

char *mb_lsp_uri_path(const char *uri)
{
    if (strncmp(uri, "file://", 7)) return NULL;
    const char *s = uri + 7;
    if (*s != '/') { /* file://host/path: only an empty host or localhost names this machine */
        if (strncmp(s, "localhost/", 10)) return NULL;
        s += 9;
    }
    char *p = mb_malloc(strlen(s) + 1);
    if (!p) return NULL;
    size_t k = 0;
    for (; *s && *s != '?' && *s != '#'; s++) {
        if (*s != '%') { p[k++] = *s; continue; }
        int h = hexval(s[1]), l = h < 0 ? -1 : hexval(s[2]);
        if (l < 0 || (h == 0 && l == 0)) { free(p); return NULL; }
        p[k++] = (char)(h * 16 + l);
        s += 2;
    }
    p[k] = 0;
    return p;
}

char *mb_lsp_path_uri(const char *path)
{
    static const char keep[] = "/-._~!$&'()*+,;=:@";
    size_t n = strlen(path);
    char *u = mb_malloc(7 + 3 * n + 1);
    if (!u) return NULL;
    size_t k = 7;
    memcpy(u, "file://", 7);
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)path[i];
        if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || strchr(keep, c))
            u[k++] = (char)c;
        else k += (size_t)sprintf(u + k, "%%%02X", c);
    }
    u[k] = 0;
    return u;
}
