/* lsp_rpc.c — JSON-RPC message framing: "Content-Length: N\r\n" (other headers ignored),
 * an empty line, N bytes of body. The reader never trusts the header: a length that is not
 * a number or is missing loses the framing (the server then exits cleanly), a body over the
 * limit is read and thrown away without being held, and input that ends inside a message
 * is reported, not waited on. */
#include <stdlib.h>
#include <string.h>

#include "lsp.h"
#include "xalloc.h"

void mb_lsp_reader_init(mb_lsp_reader *r, mb_lsp_read_fn fn, void *ctx)
{
    r->read = fn;
    r->ctx = ctx;
    r->pos = r->len = 0;
    r->eof = 0;
    r->max_body = MB_LSP_MAX_BODY;
}

int mb_lsp_pending(const mb_lsp_reader *r)
{
    return r->pos < r->len;
}

/* Refill the buffer; 0 when nothing more can come. */
static int fill(mb_lsp_reader *r)
{
    if (r->eof) return 0;
    if (r->pos == r->len) r->pos = r->len = 0;
    if (r->len == sizeof r->buf) {
        memmove(r->buf, r->buf + r->pos, r->len - r->pos);
        r->len -= r->pos;
        r->pos = 0;
    }
    long k = r->read(r->ctx, r->buf + r->len, sizeof r->buf - r->len);
    if (k <= 0) { r->eof = 1; return 0; }
    r->len += (size_t)k;
    return 1;
}

/* One header line without its "\r\n" (a bare "\n" is taken too) into line. Returns its
 * length, -1 at end of input before any byte, -2 when too long or cut short. */
static long header_line(mb_lsp_reader *r, char *line, size_t cap, int *any)
{
    size_t k = 0;
    for (;;) {
        if (r->pos == r->len && !fill(r)) return *any ? -2 : -1;
        char c = r->buf[r->pos++];
        *any = 1;
        if (c == '\n') {
            if (k && line[k - 1] == '\r') k--;
            line[k] = 0;
            return (long)k;
        }
        if (k + 1 >= cap) return -2;
        line[k++] = c;
    }
}

/* "Content-Length: 123" (name in any case, blanks around the value). -1 when not that
 * header, -2 when it is but its value is not a plain decimal number. */
static long long content_length(const char *line)
{
    static const char name[] = "content-length:";
    for (size_t i = 0; i < sizeof name - 1; i++) {
        char c = line[i];
        if (c >= 'A' && c <= 'Z') c = (char)(c - 'A' + 'a');
        if (c != name[i]) return -1;
    }
    const char *p = line + sizeof name - 1;
    while (*p == ' ' || *p == '\t') p++;
    if (*p < '0' || *p > '9') return -2;
    long long v = 0;
    for (; *p >= '0' && *p <= '9'; p++) {
        if (v > (long long)1 << 50) return -2;
        v = v * 10 + (*p - '0');
    }
    while (*p == ' ' || *p == '\t') p++;
    return *p ? -2 : v;
}

/* Take n body bytes into dst (NULL: throw them away). 0, or -1 when the input ended. */
static int body(mb_lsp_reader *r, char *dst, size_t n)
{
    while (n) {
        if (r->pos == r->len && !fill(r)) return -1;
        size_t k = r->len - r->pos < n ? r->len - r->pos : n;
        if (dst) { memcpy(dst, r->buf + r->pos, k); dst += k; }
        r->pos += k;
        n -= k;
    }
    return 0;
}

mb_lsp_status mb_lsp_read(mb_lsp_reader *r, char **out, size_t *n, const char **why)
{
    char line[1024];
    long long len = -1;
    size_t total = 0;
    int any = 0;
    *out = NULL;
    *n = 0;
    for (;;) {
        long k = header_line(r, line, sizeof line, &any);
        if (k == -1) return MB_LSP_EOF;
        if (k == -2) { *why = "header line too long or cut short"; return MB_LSP_BROKEN; }
        total += (size_t)k + 2;
        if (total > MB_LSP_MAX_HEADER) { *why = "header too long"; return MB_LSP_BROKEN; }
        if (k == 0) {
            if (len >= 0) break;
            if (total == 2) { total = 0; continue; } /* a stray blank line between messages */
            *why = "no Content-Length header";
            return MB_LSP_BROKEN;
        }
        long long v = content_length(line);
        if (v == -2) { *why = "Content-Length is not a number"; return MB_LSP_BROKEN; }
        if (v >= 0) len = v;
    }
    if ((unsigned long long)len > r->max_body) {
        *why = "message too large";
        if (body(r, NULL, (size_t)len)) { *why = "input ended inside a message"; return MB_LSP_BROKEN; }
        return MB_LSP_SKIPPED;
    }
    char *b = mb_malloc((size_t)len + 1);
    if (!b) {
        *why = "out of memory";
        if (body(r, NULL, (size_t)len)) { *why = "input ended inside a message"; return MB_LSP_BROKEN; }
        return MB_LSP_SKIPPED;
    }
    if (body(r, b, (size_t)len)) {
        free(b);
        *why = "input ended inside a message";
        return MB_LSP_BROKEN;
    }
    b[len] = 0;
    *out = b;
    *n = (size_t)len;
    return MB_LSP_MSG;
}

int mb_lsp_write(FILE *out, const char *b, size_t n)
{
    if (fprintf(out, "Content-Length: %zu\r\n\r\n", n) < 0) return -1;
    if (fwrite(b, 1, n, out) != n) return -1;
    return fflush(out) == 0 ? 0 : -1;
}
