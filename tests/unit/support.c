/* support.c — helpers shared by the Criterion suites. */
#include "support.h"

#include <stdio.h>
#include <stdlib.h>

char *mbt_diags_text(const mb_diags *d)
{
    char *buf = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&buf, &len);
    if (!f) return NULL;
    mb_diags_print(f, d, 0);
    fclose(f);
    return buf;
}

const char *mbt_src_path(const char *rel)
{
    static char buf[4096];
    const char *root = getenv("MB_SOURCE_DIR");
    snprintf(buf, sizeof buf, "%s/%s", root ? root : ".", rel);
    return buf;
}

char *mbt_read_file(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    if (!f) return NULL;
    fseek(f, 0, SEEK_END);
    long n = ftell(f);
    fseek(f, 0, SEEK_SET);
    char *s = malloc((size_t)n + 1);
    if (s && fread(s, 1, (size_t)n, f) != (size_t)n) { free(s); s = NULL; }
    if (s) { s[n] = 0; if (len) *len = (size_t)n; }
    fclose(f);
    return s;
}
