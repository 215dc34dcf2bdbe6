/* lsp_nav.c — go to definition (an indicator where its statement names it, in whichever
 * imported file; an import's file), find references (every subject, formula operand, part
 * of and check side naming the indicator, by id or printed name, in the document, its
 * imports and the other open documents), and the document's symbols. */
#include <stdlib.h>
#include <string.h>

#include "lsp_feat.h"

static mb_span def_span(const mb_indicator *ind)
{
    return ind->ast ? MB_SPAN(ind->ast->id.span) : ind->span;
}

void mb_lsp_definition(FILE *out, const mb_lsp_an *a, size_t off)
{
    mb_lsp_at at = mb_lsp_at_offset(a->m->nfiles ? &a->m->files[0] : NULL, off);
    const mb_indicator *ind = NULL;
    if ((at.kind == MB_AT_IND_REF || at.kind == MB_AT_IND_DEF) && (ind = mb_lsp_resolve(a, at.ref))) {
        if (!mb_lsp_put_location(out, a, def_span(ind))) fputs("null", out);
        return;
    }
    if (at.kind == MB_AT_IMPORT)
        for (size_t i = 1; i < a->nfiles; i++)
            if (a->files[i].text && !strcmp(a->files[i].name, at.import->text)) {
                mb_lsp_put_location(out, a, mb_span_at(a->files[i].text, 0, 0));
                return;
            }
    fputs("null", out);
}

/* ---- references ---- */

/* A reference found: the same place can be found twice (a catalogue imported by two open
 * plans), so all are collected, sorted by file and offset, and each written once. */
typedef struct ref_at {
    const char *path;
    const mb_lsp_an *a;
    mb_aspan span;
} ref_at;

typedef struct refs {
    const mb_lsp_an *a;
    const char *def_path;    /* the indicator: the file that defines it, and its id */
    const char *id;
    int with_decl;
    ref_at *v;
    size_t n, cap;
} refs;

static int same_ind(refs *r, const mb_indicator *ind)
{
    const mb_lsp_file *f = ind ? mb_lsp_an_file(r->a, ind->span.text) : NULL;
    return f && !strcmp(ind->id, r->id) && !strcmp(f->path, r->def_path);
}

static void one_ref(void *ctx, const mb_str *ref, int is_def)
{
    refs *r = ctx;
    if (is_def && !r->with_decl) return;
    if (!same_ind(r, mb_lsp_resolve(r->a, ref))) return;
    const mb_lsp_file *f = mb_lsp_an_file(r->a, ref->span.text);
    if (!f) return;
    if (r->n == r->cap) {
        size_t nc = r->cap ? 2 * r->cap : 64;
        ref_at *v = realloc(r->v, nc * sizeof *v);
        if (!v) return; /* out of memory: fewer references, never a crash */
        r->v = v;
        r->cap = nc;
    }
    r->v[r->n++] = (ref_at){f->path, r->a, ref->span};
}

static int ref_cmp(const void *x, const void *y)
{
    const ref_at *a = x, *b = y;
    int c = strcmp(a->path, b->path);
    return c ? c : a->span.start < b->span.start ? -1 : a->span.start > b->span.start;
}

void mb_lsp_references(FILE *out, const mb_lsp_an *a, size_t off, int with_decl,
                       const mb_lsp_an *const *others, size_t nothers)
{
    mb_lsp_at at = mb_lsp_at_offset(a->m->nfiles ? &a->m->files[0] : NULL, off);
    const mb_indicator *ind = (at.kind == MB_AT_IND_REF || at.kind == MB_AT_IND_DEF) ? mb_lsp_resolve(a, at.ref) : NULL;
    const mb_lsp_file *f = ind ? mb_lsp_an_file(a, ind->span.text) : NULL;
    if (!f) { fputs("null", out); return; }
    refs r = {a, f->path, ind->id, with_decl, NULL, 0, 0};
    for (size_t k = 0; k <= nothers; k++) {
        r.a = k ? others[k - 1] : a;
        if (!r.a || !r.a->checked) continue;
        for (size_t i = 0; i < r.a->m->nfiles; i++) mb_lsp_each_ref(&r.a->m->files[i], one_ref, &r);
    }
    if (r.n) qsort(r.v, r.n, sizeof *r.v, ref_cmp);
    fputc('[', out);
    for (size_t i = 0, k = 0; i < r.n; i++) {
        if (i && !ref_cmp(&r.v[i - 1], &r.v[i])) continue;
        fputs(k++ ? "," : "", out);
        mb_lsp_put_location(out, r.v[i].a, MB_SPAN(r.v[i].span));
    }
    fputc(']', out);
    free(r.v);
}

/* ---- document symbols ---- */

static void put_range(FILE *o, const mb_lsp_an *a, mb_aspan s)
{
    mb_lsp_put_range(o, a, s.text, s.start, s.end);
}

static void symbol(FILE *o, const mb_lsp_an *c, int *n, const char *name, const char *detail, int kind,
                   mb_aspan whole, mb_aspan sel)
{
    if (!name || !whole.text) return;
    if (!sel.text || sel.start < whole.start || sel.end > whole.end) sel = whole;
    fputs((*n)++ ? "," : "", o);
    fputs("{\"name\":", o);
    mb_lj_put_cstr(o, name);
    if (detail) { fputs(",\"detail\":", o); mb_lj_put_cstr(o, detail); }
    fprintf(o, ",\"kind\":%d,\"range\":", kind);
    put_range(o, c, whole);
    fputs(",\"selectionRange\":", o);
    put_range(o, c, sel);
    fputc('}', o);
}

enum { SK_NAMESPACE = 3, SK_VARIABLE = 13, SK_EVENT = 24, SK_BOOLEAN = 17, SK_MODULE = 2, SK_METHOD = 6 };

void mb_lsp_symbols(FILE *out, const mb_lsp_an *a)
{
    const mb_ast_file *f = a->m->nfiles ? &a->m->files[0] : NULL;
    int n = 0;
    fputc('[', out);
    for (size_t i = 0; f && a->root && i < f->n; i++) {
        const mb_ast_stmt *s = &f->stmts[i];
        switch (s->kind) {
        case MB_ST_IMPORT:
            symbol(out, a, &n, s->u.import.text, "import", SK_MODULE, s->u.import.span, s->u.import.span);
            break;
        case MB_ST_PLAN:
            symbol(out, a, &n, s->u.plan->id.text, s->u.plan->name.text, SK_NAMESPACE, s->u.plan->span, s->u.plan->id.span);
            break;
        case MB_ST_INDICATOR:
            symbol(out, a, &n, s->u.indicator->id.text, s->u.indicator->name.text, SK_VARIABLE,
                   s->u.indicator->span, s->u.indicator->id.span);
            break;
        case MB_ST_TARGET:
            symbol(out, a, &n, s->u.target->id.text, s->u.target->label.text, SK_EVENT, s->u.target->span,
                   s->u.target->id.span);
            break;
        case MB_ST_CHECK:
            symbol(out, a, &n, s->u.check->id.text, s->u.check->label.text, SK_BOOLEAN, s->u.check->span,
                   s->u.check->id.span);
            break;
        case MB_ST_TEST:
            symbol(out, a, &n, s->u.test->name.text, NULL, SK_METHOD, s->u.test->span, s->u.test->name.span);
            break;
        }
    }
    fputc(']', out);
}

/* ---- workspace symbols ---- */

/* Does s hold q, ASCII letters in either case (an empty query holds everything)? */
static int holds(const char *s, const char *q)
{
    if (!*q) return 1;
    if (!s) return 0;
    for (; *s; s++) {
        size_t i = 0;
        while (q[i] && s[i] && (s[i] == q[i] || ((s[i] | 32) == (q[i] | 32) && ((q[i] | 32) >= 'a' && (q[i] | 32) <= 'z'))))
            i++;
        if (!q[i]) return 1;
    }
    return 0;
}

static void wsym(FILE *o, const mb_lsp_an *a, int *n, const char *query, const char *name, const char *detail,
                 int kind, mb_aspan sel)
{
    if (!name || !sel.text || *n >= MB_LSP_MAX_WORKSPACE_SYMBOLS || !(holds(name, query) || holds(detail, query)))
        return;
    fputs((*n)++ ? "," : "", o);
    fputs("{\"name\":", o);
    mb_lj_put_cstr(o, name);
    fprintf(o, ",\"kind\":%d,\"location\":", kind);
    mb_lsp_put_location(o, a, MB_SPAN(sel));
    if (detail) { fputs(",\"containerName\":", o); mb_lj_put_cstr(o, detail); }
    fputc('}', o);
}

static void file_symbols(FILE *o, const mb_lsp_an *a, const mb_ast_file *f, const char *q, int *n)
{
    for (size_t i = 0; i < f->n; i++) {
        const mb_ast_stmt *s = &f->stmts[i];
        switch (s->kind) {
        case MB_ST_IMPORT: break; /* an import is a place in a file, not something to look for */
        case MB_ST_PLAN: wsym(o, a, n, q, s->u.plan->id.text, s->u.plan->name.text, SK_NAMESPACE, s->u.plan->id.span); break;
        case MB_ST_INDICATOR:
            wsym(o, a, n, q, s->u.indicator->id.text, s->u.indicator->name.text, SK_VARIABLE, s->u.indicator->id.span);
            break;
        case MB_ST_TARGET: wsym(o, a, n, q, s->u.target->id.text, s->u.target->label.text, SK_EVENT, s->u.target->id.span); break;
        case MB_ST_CHECK: wsym(o, a, n, q, s->u.check->id.text, s->u.check->label.text, SK_BOOLEAN, s->u.check->id.span); break;
        case MB_ST_TEST: wsym(o, a, n, q, s->u.test->name.text, NULL, SK_METHOD, s->u.test->name.span); break;
        }
    }
}

void mb_lsp_workspace_symbols(FILE *out, const mb_lsp_an *const *ans, size_t nans, const char *query)
{
    const char **seen = NULL;
    size_t nseen = 0;
    int n = 0;
    fputc('[', out);
    for (size_t k = 0; k < nans; k++) {
        const mb_lsp_an *a = ans[k];
        for (size_t i = 0; a && i < a->m->nfiles; i++) {
            const mb_lsp_file *f = mb_lsp_an_file(a, a->m->files[i].text);
            if (!f) continue;
            int dup = 0; /* a catalogue imported by several open plans is listed once */
            for (size_t j = 0; j < nseen && !dup; j++) dup = !strcmp(seen[j], f->path);
            if (dup) continue;
            const char **v = realloc(seen, (nseen + 1) * sizeof *v);
            if (!v) break;
            seen = v;
            seen[nseen++] = f->path;
            file_symbols(out, a, &a->m->files[i], query, &n);
        }
    }
    fputc(']', out);
    free(seen);
}
