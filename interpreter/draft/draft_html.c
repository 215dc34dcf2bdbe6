/* draft_html.c — a saved government web page to text lines, through libxml2's HTML parser
 * (which recovers from the broken markup such pages have). Each block (p, div, li, h1…, br)
 * and each table cell becomes its own line, the layout the text versions of these pages
 * have, so tables are read the same way from both; scripts and styles are left out. Each
 * line remembers the line of the page its text came from. */
#include <stdlib.h>
#include <string.h>
#include <libxml/HTMLparser.h>

#include "draft_int.h"

typedef struct hbuf {
    char *s;
    size_t n, cap;
    int *map;          /* source line of each output line */
    size_t lines, mapcap;
    int at_start;      /* nothing on the current line yet */
    int space;         /* a space is pending */
    int oom;
} hbuf;

static void put(hbuf *b, const char *s, size_t n)
{
    if (b->oom) return;
    if (b->n + n + 1 > b->cap) {
        size_t cap = b->cap ? b->cap : 4096;
        while (cap < b->n + n + 1) cap *= 2;
        char *ns = realloc(b->s, cap);
        if (!ns) { b->oom = 1; return; }
        b->s = ns, b->cap = cap;
    }
    memcpy(b->s + b->n, s, n);
    b->n += n;
    b->s[b->n] = 0;
}

static void mark_line(hbuf *b, int src)
{
    if (b->lines == b->mapcap) {
        size_t cap = b->mapcap ? b->mapcap * 2 : 256;
        int *nm = realloc(b->map, cap * sizeof *nm);
        if (!nm) { b->oom = 1; return; }
        b->map = nm, b->mapcap = cap;
    }
    b->map[b->lines] = src;
}

static void newline(hbuf *b)
{
    if (b->at_start) return;
    put(b, "\n", 1);
    b->lines++;
    b->at_start = 1;
    b->space = 0;
}

static void text(hbuf *b, const char *s, int src)
{
    for (; *s; s++) {
        if (*s == ' ' || *s == '\n' || *s == '\t' || *s == '\r') { b->space = !b->at_start; continue; }
        if (b->at_start) { mark_line(b, src); b->at_start = 0; }
        else if (b->space) put(b, " ", 1);
        b->space = 0;
        put(b, s, 1);
    }
}

static int is_block(const char *name)
{
    static const char *const BLOCK[] = {"p", "div", "br", "li", "ul", "ol", "tr", "td", "th", "table",
        "h1", "h2", "h3", "h4", "h5", "h6", "title", "section", "article", "header", "footer", "dt",
        "dd", "dl", "blockquote", "pre", "caption", "thead", "tbody", "tfoot", "hr", "form", NULL};
    for (size_t k = 0; BLOCK[k]; k++)
        if (!strcmp(name, BLOCK[k])) return 1;
    return 0;
}

static void walk(hbuf *b, xmlNode *n, int depth)
{
    for (; n && !b->oom; n = n->next) {
        if (n->type == XML_TEXT_NODE || n->type == XML_CDATA_SECTION_NODE) {
            if (n->content) text(b, (const char *)n->content, (int)xmlGetLineNo(n));
            continue;
        }
        if (n->type != XML_ELEMENT_NODE) continue;
        const char *name = (const char *)n->name;
        if (!strcmp(name, "script") || !strcmp(name, "style") || !strcmp(name, "noscript")) continue;
        int block = is_block(name);
        if (block) newline(b);
        if (depth < 256) walk(b, n->children, depth + 1); /* deeper markup is not a document */
        if (block) newline(b);
    }
}

char *md_html_text(const char *data, size_t n, size_t *len, int **srcmap, size_t *nsrc)
{
    *srcmap = NULL;
    *nsrc = 0;
    if (n > (size_t)INT32_MAX) return NULL;
    htmlDocPtr doc = htmlReadMemory(data, (int)n, NULL, "UTF-8",
                                    HTML_PARSE_RECOVER | HTML_PARSE_NOERROR | HTML_PARSE_NOWARNING |
                                    HTML_PARSE_NONET | HTML_PARSE_COMPACT);
    if (!doc) return NULL;
    hbuf b = {0};
    b.at_start = 1;
    walk(&b, xmlDocGetRootElement(doc), 0);
    newline(&b);
    xmlFreeDoc(doc);
    if (b.oom || !b.s) { free(b.s); free(b.map); return NULL; }
    *len = b.n;
    *srcmap = b.map;
    *nsrc = b.lines;
    return b.s;
}
