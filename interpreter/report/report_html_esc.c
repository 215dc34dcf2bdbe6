/* report_html_esc.c — untrusted text into HTML, numbers and status badges. */
#include <stdlib.h>
#include <string.h>

#include "report_html.h"

/* Bytes that need a look: markup characters, controls, and anything not ASCII (which may be
 * a bidi control or not UTF-8 at all). */
static int plain(unsigned char c)
{
    return c >= 0x20 && c < 0x7F && c != '&' && c != '<' && c != '>' && c != '"' && c != '\'';
}

static void escape_clean(FILE *o, const char *s, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        switch (s[i]) {
        case '&': fputs("&amp;", o); break;
        case '<': fputs("&lt;", o); break;
        case '>': fputs("&gt;", o); break;
        case '"': fputs("&quot;", o); break;
        case '\'': fputs("&#39;", o); break;
        default: fputc(s[i], o);
        }
    }
}

void mb_html_textn(FILE *o, const char *s, size_t n)
{
    if (!s) return;
    size_t i = 0;
    while (i < n && plain((unsigned char)s[i])) i++;
    if (i == n) { fwrite(s, 1, n, o); return; }
    /* mb_term_clean makes controls, bidi marks and bad bytes visible (at most 16 bytes out
     * per byte in); what it leaves is valid UTF-8 with the markup characters still to escape */
    char small[4096];
    char *buf = n <= sizeof small / 16 ? small : malloc(n * 16 + 1);
    if (!buf) { fputs("\xEF\xBF\xBD", o); return; }
    size_t k = mb_term_clean(buf, s, n);
    escape_clean(o, buf, k);
    if (buf != small) free(buf);
}

void mb_html_text(FILE *o, const char *s)
{
    if (s) mb_html_textn(o, s, strlen(s));
}

void mb_html_num(FILE *o, mb_num v)
{
    mb_report_num(o, v, 1);
}

static const char *const SYMBOL[MB_ST_COUNT] = {"✓", "✗", "→", "!", "~", "↓", "·", "?", "⚠", "≈", "∅"};
static const char *const ZH[MB_ST_COUNT] = {"达标", "未达标", "进度正常", "需加快", "进展有限",
                                            "倒退", "无数据", "无法评估", "数据错误", "临界待核", "未编译"};

const char *mb_html_status_symbol(mb_status s)
{
    return (unsigned)s < MB_ST_COUNT ? SYMBOL[s] : "?";
}

const char *mb_html_status_word(const mb_html *h, mb_status s)
{
    return h->zh && (unsigned)s < MB_ST_COUNT ? ZH[s] : "";
}

void mb_html_badge(const mb_html *h, mb_status s)
{
    const char *name = mb_status_name(s), *zh = mb_html_status_word(h, s);
    fprintf(h->o, "<span class=\"badge s-%s\" data-status=\"%s\">%s %s%s%s</span>", name, name,
            mb_html_status_symbol(s), zh, zh[0] ? " " : "", name);
}
