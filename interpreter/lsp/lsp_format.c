/* lsp_format.c — formatting through the formatter `mubiao fmt` uses (mb_fmt_text: the
 * canonical printer, with its check that the layout changes no meaning): one edit that
 * replaces the whole document, none when it is formatted already. A document with syntax
 * errors is not formatted (its diagnostics say why). */
#include <stdlib.h>
#include <string.h>

#include "fmt.h"
#include "lsp_feat.h"

/* 0 with the result written; -1 when the text cannot be formatted (*why says why). */
int mb_lsp_format(FILE *out, const mb_lsp_doc *doc, const char **why)
{
    mb_text t = {doc->path, doc->text, doc->len};
    mb_diags d;
    mb_diags_init(&d, 1);
    char *text = NULL;
    size_t len = 0;
    int rc = mb_fmt_text(&t, &d, &text, &len);
    mb_diags_free(&d);
    if (rc != MB_FMT_OK) {
        *why = rc == MB_FMT_SYNTAX ? "the document has syntax errors: fix them first"
             : rc == MB_FMT_OOM    ? "out of memory"
                                   : "formatting would change the meaning (a bug in the printer): not formatted";
        free(text);
        return -1;
    }
    if (len == doc->len && !memcmp(text, doc->text, len)) fputs("[]", out);
    else {
        fputs("[{\"range\":", out);
        mb_lsp_put_range(out, NULL, &t, 0, t.len);
        fputs(",\"newText\":", out);
        mb_lj_put_str(out, text, len);
        fputs("}]", out);
    }
    free(text);
    return 0;
}
