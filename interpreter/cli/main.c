/* main.c — temporary driver for parsing. */
#include <stdio.h>
#include <stdlib.h>
#include "parse.h"
#include "../../tests/unit/support.h"
int main(int argc, char **argv)
{
    for (int i = 1; i < argc; i++) {
        size_t n; char *s = mbt_read_file(argv[i], &n);
        if (!s) { perror(argv[i]); return 2; }
        mb_text t = {argv[i], s, n};
        mb_arena a; mb_arena_init(&a);
        mb_diags d; mb_diags_init(&d, 50);
        mb_ast_file f;
        int r = mb_parse_text(&t, &a, &f, &d);
        mb_diags_print(stderr, &d, 0);
        printf("%s: r=%d stmts=%zu\n", argv[i], r, f.n);
        mb_diags_free(&d); mb_arena_free(&a); free(s);
    }
    return 0;
}
