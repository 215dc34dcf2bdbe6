/* sql_quote.c — names, phrases and numbers from the rules as SQL. Every string literal and
 * identifier is quoted by doubling its quote character (and, where a dialect treats it as an
 * escape, the backslash); text in the header comment is kept on its line. A rule file cannot
 * close a literal, start a statement or end a comment. */
#include <string.h>

#include "sql_w.h"

void mb_sql_str(const mb_sqlw *w, const char *s)
{
    if (!s) { fputs("NULL", w->f); return; }
    fputc('\'', w->f);
    for (; *s; s++) {
        if (*s == '\'') fputc('\'', w->f);
        else if (*s == '\\' && w->d->backslash) fputc('\\', w->f);
        fputc(*s, w->f);
    }
    fputc('\'', w->f);
}

void mb_sql_ident(const mb_sqlw *w, const char *s)
{
    char q = w->d->iquote;
    fputc(q, w->f);
    for (; *s; s++) {
        if (*s == q) fputc(q, w->f);
        fputc(*s, w->f);
    }
    fputc(q, w->f);
}

/* Control characters (a line break would end the comment) become spaces. */
void mb_sql_comment_text(FILE *f, const char *s)
{
    for (; s && *s; s++) fputc((unsigned char)*s < 0x20 || *s == 0x7f ? ' ' : *s, f);
}

/* Decimals print exactly, as literals: every engine types 0.8 as an exact decimal of its own
 * precision (DECIMAL(1,1)), so a product with it keeps every digit. A fraction that does not
 * terminate (1/3) cannot be a literal: the rule is marked, and its verdicts are not computed
 * from a rounded value. */
void mb_sql_num(mb_sqlw *w, mb_num v)
{
    char buf[MB_NUM_BUF];
    int exact = 1;
    mb_num_format(v, 4, buf, &exact);
    if (!exact) w->inexact = 1;
    /* DECIMAL(38,12): more decimals would be rounded, more than 38 digits read as a double */
    const char *pt = strchr(buf, '.');
    size_t digits = strspn(buf + (buf[0] == '-'), "0123456789") + (pt ? strlen(pt + 1) : 0);
    if (w->d->fixed && ((pt && strlen(pt + 1) > 12) || digits > 38)) w->inexact = 1;
    fprintf(w->f, buf[0] == '-' ? "(%s)" : "%s", buf);
}
