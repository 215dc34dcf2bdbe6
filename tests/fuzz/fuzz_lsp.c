/* fuzz_lsp.c — the language server's message reader, JSON reader and UTF-16 positions.
 * The first byte is the size of the reads the input arrives in (so a header or body split
 * anywhere is tried); bodies over 4 KiB are skipped as too large. Checks: a message is
 * exactly the bytes its Content-Length said; the reader never returns after the input ended
 * and always ends; a parsed value written back parses again to the same text; every offset
 * of a body goes to a UTF-16 position and back to the start of its character.
 *
 *   tests/fuzz/build.sh && build-fuzz/fuzz_lsp -dict=tests/fuzz/lsp.dict CORPUS */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "lsp.h"
#include "fuzz_common.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

typedef struct src {
    const char *s;
    size_t n, at, chunk;
} src;

static long mem_read(void *ctx, char *buf, size_t cap)
{
    src *m = ctx;
    size_t k = m->n - m->at;
    if (k > cap) k = cap;
    if (k > m->chunk) k = m->chunk;
    memcpy(buf, m->s + m->at, k);
    m->at += k;
    return (long)k;
}

static char *print(const mb_lj *v, size_t *n)
{
    char *buf = NULL;
    FILE *f = open_memstream(&buf, n);
    FZ_ASSERT(f);
    mb_lj_put(f, v);
    fclose(f);
    return buf;
}

static void json_round_trip(const char *b, size_t n)
{
    mb_arena a;
    mb_arena_init(&a);
    mb_lj v, w;
    const char *err = NULL;
    if (mb_lj_parse(&a, b, n, &v, &err) == 0) {
        size_t n1, n2;
        char *p1 = print(&v, &n1);
        FZ_ASSERT(mb_lj_parse(&a, p1, n1, &w, &err) == 0);
        char *p2 = print(&w, &n2);
        FZ_ASSERT(n1 == n2 && memcmp(p1, p2, n1) == 0);
        free(p1);
        free(p2);
    } else FZ_ASSERT(err != NULL);
    mb_arena_free(&a);
}

static void positions(const char *b, size_t n)
{
    if (n > 128) n = 128; /* the conversions are linear: keep each run quick */
    for (size_t off = 0; off <= n; off++) {
        mb_lsp_pos p = mb_lsp_pos_of(b, n, off);
        size_t back = mb_lsp_off_of(b, n, p);
        FZ_ASSERT(back <= off);
        FZ_ASSERT(mb_lsp_off_of(b, n, (mb_lsp_pos){p.line, p.character + 100000}) >= back);
    }
    /* the position map answers as counting from the start does, marks every 3 bytes */
    mb_lsp_lines m;
    if (mb_lsp_lines_init(&m, b, n, 3)) return;
    for (size_t off = 0; off <= n; off++) {
        mb_lsp_pos p = mb_lsp_pos_of(b, n, off), q = mb_lsp_lines_pos(&m, off);
        FZ_ASSERT(p.line == q.line && p.character == q.character);
        for (uint32_t dc = 0; dc < 3; dc++) {
            mb_lsp_pos r = {p.line + (dc == 2), p.character + dc};
            FZ_ASSERT(mb_lsp_off_of(b, n, r) == mb_lsp_lines_off(&m, r));
        }
    }
    mb_lsp_lines_free(&m);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (!size) return 0;
    src m = {(const char *)data + 1, size - 1, 0, data[0] ? data[0] : 1};
    mb_lsp_reader *r = malloc(sizeof *r);
    FZ_ASSERT(r);
    mb_lsp_reader_init(r, mem_read, &m);
    r->max_body = 4096;
    for (int i = 0; i < 10000; i++) {
        char *b;
        size_t n;
        const char *why = NULL;
        size_t before = m.at;
        mb_lsp_status st = mb_lsp_read(r, &b, &n, &why);
        if (st == MB_LSP_EOF || st == MB_LSP_BROKEN) { FZ_ASSERT(st == MB_LSP_EOF || why); break; }
        if (st == MB_LSP_SKIPPED) { FZ_ASSERT(why); continue; }
        FZ_ASSERT(b && b[n] == 0 && n <= 4096);
        FZ_ASSERT(m.at >= before);
        json_round_trip(b, n);
        positions(b, n);
        free(b);
    }
    free(r);
    return 0;
}
