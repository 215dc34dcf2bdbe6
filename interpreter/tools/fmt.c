/* fmt.c — rule text to canonical text, checked: the printed text is parsed again and must
 * give the tree the original gave, so formatting can never change what a file means. */
#include "fmt.h"

#include <stdlib.h>
#include <string.h>

#include "arena.h"
#include "parse.h"
#include "print.h"

/* The structural dump of a parsed file (print.h), malloc'd; NULL when out of memory. */
static char *dump_of(const mb_ast_file *f, size_t *n)
{
    char *s = NULL;
    FILE *o = open_memstream(&s, n);
    if (!o) return NULL;
    mb_print_dump(o, f);
    if (fclose(o) != 0) { free(s); return NULL; }
    return s;
}

/* Does text b (the printed form) parse to the tree whose dump is want? */
static int same_tree(const char *want, size_t nwant, const char *b, size_t nb)
{
    mb_text t = {"formatted", b, nb};
    mb_arena a;
    mb_diags d;
    mb_ast_file f;
    mb_arena_init(&a);
    mb_diags_init(&d, 1);
    int ok = mb_parse_text(&t, &a, &f, &d) == 0;
    size_t n = 0;
    char *got = ok ? dump_of(&f, &n) : NULL;
    ok = got && n == nwant && !memcmp(got, want, n);
    free(got);
    mb_diags_free(&d);
    mb_arena_free(&a);
    return ok;
}

int mb_fmt_text(const mb_text *t, mb_diags *d, char **out, size_t *len)
{
    *out = NULL;
    *len = 0;
    mb_arena a;
    mb_ast_file f;
    mb_arena_init(&a);
    int rc = mb_parse_text(t, &a, &f, d);
    if (rc) {
        mb_arena_free(&a);
        return rc == -2 ? MB_FMT_OOM : MB_FMT_SYNTAX;
    }
    size_t n = 0, nd = 0;
    char *text = mb_print_file(&f, &n);
    char *want = text ? dump_of(&f, &nd) : NULL;
    mb_arena_free(&a);
    if (!text || !want) {
        free(text);
        free(want);
        return MB_FMT_OOM;
    }
    int same = same_tree(want, nd, text, n);
    free(want);
    if (!same) {
        free(text);
        return MB_FMT_UNSAFE;
    }
    *out = text;
    *len = n;
    return MB_FMT_OK;
}
