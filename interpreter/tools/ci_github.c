/* ci_github.c — diagnostics as GitHub Actions workflow commands (ci_out.h): the runner turns
 * each "::error file=…,line=…::message" line on standard output into an annotation on that
 * line of the pull request. The runner unescapes %25 %0D %0A in the message and also %3A
 * %2C in property values; anything else is taken as written, so the text is first cleaned
 * for a terminal (an escape sequence in a rule file must not reach the log as one). */
#include "ci_out.h"

#include <stdlib.h>
#include <string.h>

static void escaped(FILE *out, const char *s, int property)
{
    size_t n = strlen(s);
    char *clean = malloc(n * 16 + 1);
    const char *p = s;
    if (clean) {
        clean[mb_term_clean(clean, s, n)] = 0;
        p = clean;
    }
    for (; *p; p++) {
        switch (*p) {
        case '%': fputs("%25", out); break;
        case '\r': fputs("%0D", out); break;
        case '\n': fputs("%0A", out); break;
        case ':': if (property) fputs("%3A", out); else fputc(':', out); break;
        case ',': if (property) fputs("%2C", out); else fputc(',', out); break;
        default: fputc(*p, out);
        }
    }
    free(clean);
}

static mb_pos end_of(const mb_span *s, mb_pos p)
{
    const char *d = s->text->data;
    size_t end = s->end > s->text->len ? s->text->len : s->end;
    for (size_t i = s->start; i < end; i++) {
        if (d[i] == '\n') { p.line++; p.col = 1; }
        else if (((unsigned char)d[i] & 0xC0) != 0x80) p.col++;
    }
    return p;
}

static void one(FILE *out, const mb_diag *g)
{
    char code[16];
    mb_code_str(g->code, code);
    fputs(g->sev == MB_SEV_ERROR ? "::error " : g->sev == MB_SEV_WARNING ? "::warning " : "::notice ", out);
    if (g->span.text) {
        mb_pos a = mb_span_pos(&g->span), b = end_of(&g->span, a);
        fputs("file=", out);
        escaped(out, g->span.text->name, 1);
        fprintf(out, ",line=%u,col=%u", a.line, a.col);
        /* GitHub draws a multi-line annotation without columns */
        if (b.line != a.line) fprintf(out, ",endLine=%u", b.line);
        else if (b.col > a.col) fprintf(out, ",endColumn=%u", b.col);
        fputc(',', out);
    }
    fprintf(out, "title=%s::", code);
    escaped(out, g->msg, 0);
    if (g->note) {
        fputs("%0Anote: ", out);
        escaped(out, g->note, 0);
        if (g->note_span.text) {
            mb_pos p = mb_span_pos(&g->note_span);
            fputs(" (", out);
            escaped(out, g->note_span.text->name, 0);
            fprintf(out, ":%u:%u)", p.line, p.col);
        }
    }
    fputs(" [", out);
    fputs(code, out);
    fputs("]\n", out);
}

void mb_ci_print_github(FILE *out, const mb_diags *d)
{
    for (size_t i = 0; i < d->n; i++) one(out, &d->v[i]);
}
