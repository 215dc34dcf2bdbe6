/* ci_junit.c — diagnostics as JUnit XML (ci_out.h): one test case per rule file read, failing
 * with the file's errors (and, with strict, its warnings); what has no file (a file that
 * could not be read) is a test case of its own. Valid against tests/data/junit.xsd. */
#include "ci_out.h"

#include <string.h>

#include "text.h"

/* Escaped for XML: what XML 1.0 cannot carry (control characters, bytes that are not
 * UTF-8) becomes U+FFFD; in attributes, line breaks become character references. */
static void xml(FILE *o, const char *s, int attr)
{
    const unsigned char *u = (const unsigned char *)s;
    size_t n = strlen(s);
    for (size_t i = 0; i < n;) {
        int32_t cp;
        size_t k = mb_utf8_decode(u + i, n - i, &cp);
        if (!k) { fputs("\xEF\xBF\xBD", o); i++; continue; }
        if (cp == '&') fputs("&amp;", o);
        else if (cp == '<') fputs("&lt;", o);
        else if (cp == '>') fputs("&gt;", o);
        else if (cp == '"') fputs("&quot;", o);
        else if (cp == '\n') fputs(attr ? "&#10;" : "\n", o);
        else if (cp == '\t') fputs(attr ? "&#9;" : "\t", o);
        else if (cp < 0x20 || cp == 0xFFFE || cp == 0xFFFF) fputs("\xEF\xBF\xBD", o);
        else fwrite(s + i, 1, k, o);
        i += k;
    }
}

static int in_file(const mb_diag *g, const char *file)
{
    return file ? g->span.text && !strcmp(g->span.text->name, file) : !g->span.text;
}

static int fails(const mb_diag *g, int strict)
{
    return g->sev == MB_SEV_ERROR || (strict && g->sev == MB_SEV_WARNING);
}

/* "file:line:col: error: message [MB3002]" */
static void line_of(FILE *o, const mb_diag *g)
{
    char code[16], buf[64];
    if (g->span.text) {
        mb_pos p = mb_span_pos(&g->span);
        xml(o, g->span.text->name, 0);
        snprintf(buf, sizeof buf, ":%u:%u: ", p.line, p.col);
        fputs(buf, o);
    }
    fputs(g->sev == MB_SEV_ERROR ? "error: " : g->sev == MB_SEV_WARNING ? "warning: " : "note: ", o);
    xml(o, g->msg, 0);
    fprintf(o, " [%s]\n", mb_code_str(g->code, code));
}

static void one_case(FILE *o, const mb_diags *d, const char *file, int strict)
{
    size_t nfail = 0, nother = 0;
    const mb_diag *first = NULL;
    for (size_t i = 0; i < d->n; i++) {
        if (!in_file(&d->v[i], file)) continue;
        if (fails(&d->v[i], strict)) { nfail++; if (!first) first = &d->v[i]; }
        else nother++;
    }
    fputs("    <testcase classname=\"mubiao.check\" name=\"", o);
    xml(o, file ? file : "(no file)", 1);
    fputs("\">\n", o);
    if (nfail) {
        char code[16];
        fprintf(o, "      <failure type=\"%s\" message=\"%zu problem%s: ", mb_code_str(first->code, code), nfail,
                nfail == 1 ? "" : "s");
        xml(o, first->msg, 1);
        fputs("\">", o);
        for (size_t i = 0; i < d->n; i++)
            if (in_file(&d->v[i], file) && fails(&d->v[i], strict)) line_of(o, &d->v[i]);
        fputs("</failure>\n", o);
    }
    if (nother) {
        fputs("      <system-out>", o);
        for (size_t i = 0; i < d->n; i++)
            if (in_file(&d->v[i], file) && !fails(&d->v[i], strict)) line_of(o, &d->v[i]);
        fputs("</system-out>\n", o);
    }
    fputs("    </testcase>\n", o);
}

static int case_fails(const mb_diags *d, const char *file, int strict)
{
    for (size_t i = 0; i < d->n; i++)
        if (in_file(&d->v[i], file) && fails(&d->v[i], strict)) return 1;
    return 0;
}

void mb_ci_print_junit(FILE *out, const mb_diags *d, const char *const *files, size_t n, int strict)
{
    int loose = 0; /* diagnostics without a file */
    for (size_t i = 0; i < d->n; i++) loose |= !d->v[i].span.text;
    size_t tests = n + (size_t)loose, failures = (size_t)(loose && case_fails(d, NULL, strict));
    for (size_t i = 0; i < n; i++) failures += (size_t)case_fails(d, files[i], strict);
    fprintf(out, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                 "<testsuites name=\"mubiao check\" tests=\"%zu\" failures=\"%zu\" errors=\"0\">\n"
                 "  <testsuite name=\"mubiao check\" tests=\"%zu\" failures=\"%zu\" errors=\"0\" skipped=\"0\">\n",
            tests, failures, tests, failures);
    for (size_t i = 0; i < n; i++) one_case(out, d, files[i], strict);
    if (loose) one_case(out, d, NULL, strict);
    fputs("  </testsuite>\n</testsuites>\n", out);
}
