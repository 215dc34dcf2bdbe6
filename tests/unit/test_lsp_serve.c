/* test_lsp_serve.c — the server loop (mb_lsp_serve) on messages read from a file, where what
 * it does is counted: the bytes walked to convert positions on a large document. */
#include <criterion/criterion.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "lsp.h"

/* Appends one framed message to f. */
static void frame(FILE *f, const char *body, size_t n)
{
    fprintf(f, "Content-Length: %zu\r\n\r\n", n);
    fwrite(body, 1, n, f);
}

static void framef(FILE *f, const char *body)
{
    frame(f, body, strlen(body));
}

/* Runs the server over the messages in `in` (rewound); its answers go to a memory buffer. */
static int serve(FILE *in, char **out, size_t *n)
{
    rewind(in);
    FILE *o = open_memstream(out, n), *err = fopen("/dev/null", "w");
    cr_assert(o && err);
    int rc = mb_lsp_serve(fileno(in), o, err);
    fclose(o);
    fclose(err);
    return rc;
}

/* A 512 KiB plan of 6,000 targets on CJK lines: document symbols and references convert
 * 50,000 positions. Counting each from the start walked 10^10 bytes (minutes; under
 * AddressSanitizer a 4 MB document did not finish); from the nearest mark, a few megabytes. */
Test(lsp_serve, symbols_and_references_on_a_large_document_walk_a_bounded_number_of_bytes)
{
    char *doc = NULL;
    size_t dn = 0;
    FILE *d = open_memstream(&doc, &dn);
    fputs("indicator a \\\"指标\\\" unit 家 higher;\\n", d);
    int targets = 0;
    while (ftell(d) < 512 * 1024)
        fprintf(d, "target T%d \\\"目标𠀀\\\": a >= %d by 2018 phrase \\\"达到%d家\\\";\\n", targets, targets, targets),
            targets++;
    fclose(d);
    char *msgs = NULL;
    size_t mn = 0;
    FILE *m = open_memstream(&msgs, &mn);
    framef(m, "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"initialize\",\"params\":{\"capabilities\":{}}}");
    char *open = NULL;
    size_t on = 0;
    FILE *o = open_memstream(&open, &on);
    fprintf(o, "{\"jsonrpc\":\"2.0\",\"method\":\"textDocument/didOpen\",\"params\":{\"textDocument\":"
               "{\"uri\":\"file:///nonexistent/big.mb\",\"languageId\":\"mubiao\",\"version\":1,\"text\":\"%s\"}}}", doc);
    fclose(o);
    frame(m, open, on);
    framef(m, "{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"textDocument/documentSymbol\",\"params\":"
              "{\"textDocument\":{\"uri\":\"file:///nonexistent/big.mb\"}}}");
    framef(m, "{\"jsonrpc\":\"2.0\",\"id\":3,\"method\":\"textDocument/references\",\"params\":"
              "{\"textDocument\":{\"uri\":\"file:///nonexistent/big.mb\"},\"position\":{\"line\":0,\"character\":10},"
              "\"context\":{\"includeDeclaration\":true}}}");
    framef(m, "{\"jsonrpc\":\"2.0\",\"id\":4,\"method\":\"shutdown\"}");
    framef(m, "{\"jsonrpc\":\"2.0\",\"method\":\"exit\"}");
    fclose(m);
    FILE *in = tmpfile();
    cr_assert_not_null(in);
    fwrite(msgs, 1, mn, in);
    mb_lsp_pos_work = 0;
    char *out;
    size_t n;
    cr_assert_eq(serve(in, &out, &n), 0);
    /* every target is a symbol and a reference, each with its own line */
    char want[64];
    snprintf(want, sizeof want, "\"name\":\"T%d\"", targets - 1);
    cr_assert_not_null(strstr(out, want));
    /* 'target T5999 "目标𠀀": ' is 7 + 5 + 1 + 6 + 2 UTF-16 units */
    snprintf(want, sizeof want, "\"line\":%d,\"character\":%d}", targets, 16 + snprintf(NULL, 0, "T%d", targets - 1));
    cr_assert_not_null(strstr(out, want), "the last reference, after 𠀀 (two units)");
    cr_assert_leq(mb_lsp_pos_work, 16ull * dn, "walked %llu bytes for a %zu-byte document", mb_lsp_pos_work, dn);
    free(out);
    fclose(in);
    free(msgs);
    free(open);
    free(doc);
}
