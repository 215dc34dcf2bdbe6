/* draft_html.c — a saved government web page to text lines, through libxml2's HTML parser
 * (which recovers from the broken markup such pages have). Each block (p, div, li, h1…, br)
 * and each table cell becomes its own line, the layout the text versions of these pages
 * have, so tables are read the same way from both; scripts and styles are left out. Each
 * line remembers the line of the page its text came from. */
#include <dlfcn.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <libxml/HTMLparser.h>

#include "draft_int.h"

/* libxml2 is opened when the first HTML page is read, not linked: linked, it and what it
 * needs (ICU, libstdc++) were loaded and relocated at every start of every command, about
 * 1.5 ms of CPU — as much again as `check` of one plan. The headers still give the types; the
 * library is the one built against (MB_LIBXML2_SONAME, found by CMake). */
#ifndef MB_LIBXML2_SONAME
#define MB_LIBXML2_SONAME "libxml2.so.2"
#endif
static struct {
    __typeof__(&htmlReadMemory) read;
    __typeof__(&xmlDocGetRootElement) root;
    __typeof__(&xmlGetLineNo) line;
    __typeof__(&xmlFreeDoc) free_doc;
    char why[256]; /* empty when loaded */
} X;
static pthread_once_t x_once = PTHREAD_ONCE_INIT;

static void x_open(void)
{
    void *h = dlopen(MB_LIBXML2_SONAME, RTLD_NOW | RTLD_LOCAL);
    if (h) {
        X.read = (__typeof__(X.read))dlsym(h, "htmlReadMemory");
        X.root = (__typeof__(X.root))dlsym(h, "xmlDocGetRootElement");
        X.line = (__typeof__(X.line))dlsym(h, "xmlGetLineNo");
        X.free_doc = (__typeof__(X.free_doc))dlsym(h, "xmlFreeDoc");
        if (X.read && X.root && X.line && X.free_doc) return;
    }
    const char *e = dlerror();
    snprintf(X.why, sizeof X.why, "reading HTML needs libxml2 (%s), which could not be loaded: %s",
             MB_LIBXML2_SONAME, e ? e : "a function is missing");
}

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
            if (n->content) text(b, (const char *)n->content, (int)X.line(n));
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

char *md_html_text(const char *data, size_t n, size_t *len, int **srcmap, size_t *nsrc, const char **why)
{
    *srcmap = NULL;
    *nsrc = 0;
    *why = "no HTML document could be read";
    if (n > (size_t)INT32_MAX) return NULL;
    pthread_once(&x_once, x_open);
    if (X.why[0]) { *why = X.why; return NULL; }
    htmlDocPtr doc = X.read(data, (int)n, NULL, "UTF-8",
                            HTML_PARSE_RECOVER | HTML_PARSE_NOERROR | HTML_PARSE_NOWARNING | HTML_PARSE_NONET |
                                HTML_PARSE_COMPACT);
    if (!doc) return NULL;
    hbuf b = {0};
    b.at_start = 1;
    walk(&b, X.root(doc), 0);
    newline(&b);
    X.free_doc(doc);
    if (b.oom || !b.s) { free(b.s); free(b.map); return NULL; }
    *len = b.n;
    *srcmap = b.map;
    *nsrc = b.lines;
    return b.s;
}
