/* fuzz_parse.c — the scanner and parser on arbitrary bytes: UTF-8 validation, NFKC, every
 * token, error recovery, and the printing of every diagnostic (line/column, caret excerpt).
 *
 *   tests/fuzz/build.sh && build-fuzz/fuzz_parse -dict=tests/fuzz/mubiao.dict CORPUS */
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "arena.h"
#include "parse.h"
#include "fuzz_common.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    mb_text t = {"fuzz.mb", (const char *)data, size};
    mb_arena a;
    mb_arena_init(&a);
    mb_diags d;
    mb_diags_init(&d, 50);
    mb_ast_file f;
    int rc = mb_parse_text(&t, &a, &f, &d);
    FZ_ASSERT(rc == 0 || rc == -1 || rc == -2);
    /* 0 means no error was reported, and an error means a nonzero return. */
    FZ_ASSERT((rc == 0) == (d.errors == 0));
    FZ_ASSERT(d.n <= 50 + d.warnings + 1);
    for (size_t i = 0; i < f.n; i++) {
        const mb_ast_stmt *s = &f.stmts[i];
        FZ_ASSERT(s->kind <= MB_ST_TEST);
        if (s->kind == MB_ST_IMPORT) FZ_ASSERT(s->u.import.text && s->u.import.key);
    }
    fz_diags(&d);
    mb_diags_free(&d);
    mb_arena_free(&a);
    return 0;
}
