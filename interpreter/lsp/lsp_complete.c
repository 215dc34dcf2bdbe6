/* lsp_complete.c — completion: the indicators of the document and its imports, by id and by
 * printed name (an analyst types 研发 and gets rd_gdp), their units and the scale words,
 * the language's keywords, and the regions the plans name. Read from the trees of every
 * file of the analysis, so it works while the document has errors. The client filters by
 * what was typed; the server only says what exists. */
#include <string.h>

#include "lsp_feat.h"

/* The keywords of grammar/lexer.l (tests/lsp checks that each is one). */
static const char *const KEYWORDS[] = {
    "import", "plan", "name", "number", "issuer", "date", "region", "base", "deadline",
    "indicator", "unit", "higher", "lower", "category", "owner", "source", "part", "of",
    "integer", "target", "phrase", "note", "by", "each", "year", "total", "about", "within",
    "two-sided", "between", "and", "stretch", "cut", "grow", "from", "to", "annual", "growth",
    "rises", "falls", "every", "qualitative", "check", "flow", "stock", NULL,
};

/* The scale words units are made of (base/unit.c). */
static const char *const SCALES[] = {"万", "亿", "千", "百", "十", "万元", "亿元", NULL};

enum { K_KEYWORD = 14, K_VARIABLE = 6, K_UNIT = 11, K_VALUE = 12, K_CONSTANT = 21 };

typedef struct items {
    FILE *o;
    int n;
    int in_string;           /* the cursor is after an opening quote: insert names unquoted */
} items;

static void item(items *it, const char *label, int kind, const char *detail, const char *insert,
                 const char *filter)
{
    fputs(it->n++ ? "," : "", it->o);
    fputs("{\"label\":", it->o);
    mb_lj_put_cstr(it->o, label);
    fprintf(it->o, ",\"kind\":%d", kind);
    if (detail) { fputs(",\"detail\":", it->o); mb_lj_put_cstr(it->o, detail); }
    if (insert) { fputs(",\"insertText\":", it->o); mb_lj_put_cstr(it->o, insert); }
    if (filter) { fputs(",\"filterText\":", it->o); mb_lj_put_cstr(it->o, filter); }
    fputc('}', it->o);
}

/* A quoted name: "name" (escapes as the language writes them), or the name alone when the
 * quote is typed already. */
static void quoted_item(items *it, const char *label, int kind, const char *detail)
{
    if (it->in_string) { item(it, label, kind, detail, NULL, NULL); return; }
    char buf[512];
    size_t k = 0;
    buf[k++] = '"';
    for (const char *p = label; *p && k + 3 < sizeof buf; p++) {
        if (*p == '"' || *p == '\\') buf[k++] = '\\';
        buf[k++] = *p;
    }
    buf[k++] = '"';
    buf[k] = 0;
    item(it, label, kind, detail, buf, buf);
}

static int seen(const char **v, size_t n, const char *s)
{
    for (size_t i = 0; i < n; i++)
        if (!strcmp(v[i], s)) return 1;
    return 0;
}

static void indicators(items *it, const mb_lsp_an *a)
{
    enum { MAX_UNITS = 256 };
    const char *units[MAX_UNITS];
    size_t nunits = 0;
    for (size_t f = 0; f < a->m->nfiles; f++) {
        const mb_ast_file *af = &a->m->files[f];
        for (size_t i = 0; i < af->n; i++) {
            if (af->stmts[i].kind != MB_ST_INDICATOR) continue;
            const mb_ast_indicator *d = af->stmts[i].u.indicator;
            char detail[512];
            snprintf(detail, sizeof detail, "%s%s%s", d->name.text ? d->name.text : "",
                     d->has_unit && d->name.text ? " · " : "", d->has_unit ? d->unit.text : "");
            char filter[512];
            snprintf(filter, sizeof filter, "%s %s", d->id.text, d->name.text ? d->name.text : "");
            item(it, d->id.text, K_VARIABLE, detail, NULL, filter);
            if (d->name.text) quoted_item(it, d->name.text, K_VARIABLE, d->id.text);
            if (d->has_unit && d->unit.text && nunits < MAX_UNITS && !seen(units, nunits, d->unit.text))
                units[nunits++] = d->unit.text;
        }
    }
    for (size_t i = 0; i < nunits; i++) item(it, units[i], K_UNIT, "unit", NULL, NULL);
    for (size_t i = 0; SCALES[i]; i++)
        if (!seen(units, nunits, SCALES[i])) item(it, SCALES[i], K_UNIT, "scale word", NULL, NULL);
}

static void regions(items *it, const mb_lsp_an *a)
{
    enum { MAX_REGIONS = 256 };
    const char *v[MAX_REGIONS];
    size_t n = 0;
    for (size_t f = 0; f < a->m->nfiles; f++) {
        const mb_ast_file *af = &a->m->files[f];
        for (size_t i = 0; i < af->n; i++) {
            if (af->stmts[i].kind != MB_ST_PLAN) continue;
            const mb_strlist *r = &af->stmts[i].u.plan->regions;
            for (size_t k = 0; k < r->n && n < MAX_REGIONS; k++)
                if (!seen(v, n, r->v[k].text)) v[n++] = r->v[k].text;
        }
    }
    for (size_t i = 0; i < n; i++) quoted_item(it, v[i], K_CONSTANT, "region");
}

/* Is the cursor inside a string literal (an odd number of unescaped quotes before it on
 * its line)? */
static int in_string(const mb_text *t, size_t off)
{
    size_t ls = off;
    while (ls > 0 && t->data[ls - 1] != '\n') ls--;
    int in = 0;
    for (size_t i = ls; i < off; i++) {
        if (t->data[i] == '#' && !in) return 0;
        if (t->data[i] == '\\' && in) { i++; continue; }
        if (t->data[i] == '"') in = !in;
    }
    return in;
}

void mb_lsp_complete(FILE *out, const mb_lsp_an *a, size_t off)
{
    items it = {out, 0, a->root ? in_string(a->root, off) : 0};
    fputs("{\"isIncomplete\":false,\"items\":[", out);
    indicators(&it, a);
    regions(&it, a);
    if (!it.in_string)
        for (size_t i = 0; KEYWORDS[i]; i++) item(&it, KEYWORDS[i], K_KEYWORD, "keyword", NULL, NULL);
    fputs("]}", out);
}
