/* lsp_analyze.c — one document through the core: mb_model_load_text on the editor's text,
 * its imports resolved relative to the importing file (from an open document when the
 * editor has it, else from disk), then mb_model_check. The same parser and checker as
 * `mubiao check`; only where the text comes from differs. */
#include <fcntl.h>
#include <libgen.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "lsp_feat.h"
#include "parse.h"
#include "xalloc.h"

static char *dupstr(const char *s)
{
    size_t n = strlen(s);
    char *p = mb_malloc(n + 1);
    if (p) memcpy(p, s, n + 1);
    return p;
}

/* The absolute form of a path: realpath when the file exists, else the path as given. */
static char *absolute(const char *p)
{
    char *r = realpath(p, NULL);
    return r ? r : dupstr(p);
}

static int add_file(mb_lsp_an *a, const mb_text *t, char *path, const char *name, size_t parent)
{
    mb_lsp_file *v = mb_realloc(a->files, (a->nfiles + 1) * sizeof *v);
    if (!v) return -1;
    a->files = v;
    char *nm = dupstr(name);
    if (!nm) return -1;
    v[a->nfiles++] = (mb_lsp_file){t, path, nm, NULL, {0}, parent};
    return 0;
}

/* A rule file from disk, refused when it is not a regular file or is too large. */
static char *read_file(const char *path, size_t *len, const char **why)
{
    int fd = open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK);
    if (fd < 0) { *why = "cannot open it"; return NULL; }
    struct stat sb;
    char *buf = NULL;
    if (fstat(fd, &sb) || !S_ISREG(sb.st_mode)) *why = "not a regular file";
    else if (sb.st_size > MB_MAX_RULE_FILE) *why = "file too large for a rule file (limit 16 MiB)";
    else if (!(buf = mb_malloc((size_t)sb.st_size + 1))) *why = "out of memory";
    else {
        size_t got = 0;
        ssize_t k;
        while (got < (size_t)sb.st_size && (k = read(fd, buf + got, (size_t)sb.st_size - got)) > 0)
            got += (size_t)k;
        buf[got] = 0;
        *len = got;
    }
    close(fd);
    return buf;
}

static int import_fn(void *ctx, const char *from, const char *name, char **data, size_t *len,
                     const char **why)
{
    mb_lsp_an *a = ctx;
    *why = NULL;
    if (a->files[0].path[0] != '/') {
        *why = "a document that is not a file has no folder to import from";
        return -1;
    }
    const char *from_path = a->files[0].path;
    size_t parent = 0;
    for (size_t i = 1; i < a->nfiles; i++)
        if (!strcmp(a->files[i].name, from)) { from_path = a->files[i].path; parent = i; }
    char *dc = dupstr(from_path);
    if (!dc) { *why = "out of memory"; return -1; }
    const char *dir = dirname(dc);
    size_t need = strlen(dir) + strlen(name) + 2;
    char *joined = mb_malloc(need);
    if (!joined) { free(dc); *why = "out of memory"; return -1; }
    if (name[0] == '/') snprintf(joined, need, "%s", name);
    else snprintf(joined, need, "%s/%s", dir, name);
    free(dc);
    char *path = absolute(joined);
    free(joined);
    if (!path) { *why = "out of memory"; return -1; }
    /* The same file under another spelling is read once: its second import adds nothing. */
    int seen = 0;
    for (size_t i = 0; i < a->nfiles; i++) seen |= !strcmp(a->files[i].path, path);
    const mb_lsp_doc *open = NULL;
    for (const mb_lsp_doc *d = a->docs->head; d && !seen; d = d->next)
        if (!strcmp(d->path, path)) open = d;
    if (seen) { *data = dupstr(""); *len = 0; }
    else if (open) {
        *data = mb_malloc(open->len + 1);
        if (*data) { memcpy(*data, open->text, open->len); (*data)[open->len] = 0; }
        *len = open->len;
    } else *data = read_file(path, len, why);
    if (!*data) { if (!*why) *why = "out of memory"; free(path); return -1; }
    /* The model keeps *data as its text's data: that is how a span finds its file. */
    mb_text *probe = mb_malloc(sizeof *probe);
    if (!probe) { free(*data); free(path); *why = "out of memory"; return -1; }
    *probe = (mb_text){name, *data, *len};
    if (add_file(a, probe, path, name, parent)) { free(probe); free(*data); free(path); *why = "out of memory"; return -1; }
    return 0;
}

/* After loading: each file's text pointer is the model's (the model made its own mb_text
 * around the data the import function returned). */
static void bind_texts(mb_lsp_an *a)
{
    for (size_t i = 1; i < a->nfiles; i++) {
        const mb_text *probe = a->files[i].text;
        a->files[i].text = NULL;
        for (size_t k = 0; k < a->m->ntexts; k++)
            if (a->m->texts[k]->data == probe->data) a->files[i].text = a->m->texts[k];
        free((mb_text *)probe);
    }
}

mb_lsp_an *mb_lsp_analyze(mb_lsp_docs *ds, const mb_lsp_doc *doc)
{
    mb_lsp_an *a = mb_calloc(1, sizeof *a);
    if (!a) return NULL;
    a->docs = ds;
    mb_diags_init(&a->d, 100);
    char *root = absolute(doc->path);
    if (!root || !(a->m = mb_model_new()) || add_file(a, NULL, root, doc->path, 0)) {
        if (a->nfiles == 0) free(root);
        mb_lsp_an_free(a);
        return NULL;
    }
    a->m->import_fn = import_fn;
    a->m->import_ctx = a;
    mb_model_load_text(a->m, doc->path, doc->text, doc->len, &a->d);
    bind_texts(a);
    a->root = a->m->ntexts ? a->m->texts[0] : NULL;
    a->files[0].text = a->root;
    a->files[0].uri = dupstr(doc->uri);
    for (size_t i = 0; i < a->nfiles; i++) /* out of memory: positions counted from the start */
        if (a->files[i].text) mb_lsp_lines_init(&a->files[i].lines, a->files[i].text->data, a->files[i].text->len, 0);
    if (a->root && !a->d.errors && !a->d.oom && !a->m->io_error) {
        mb_model_check(a->m, &a->d);
        a->checked = 1;
    }
    a->docs = NULL;
    return a;
}

void mb_lsp_an_free(mb_lsp_an *a)
{
    if (!a) return;
    for (size_t i = 0; i < a->nfiles; i++) {
        free(a->files[i].path);
        free(a->files[i].name);
        free(a->files[i].uri);
        mb_lsp_lines_free(&a->files[i].lines);
    }
    free(a->files);
    mb_diags_free(&a->d);
    mb_model_free(a->m);
    free(a);
}

const mb_lsp_file *mb_lsp_an_file(const mb_lsp_an *a, const mb_text *t)
{
    for (size_t i = 0; t && i < a->nfiles; i++)
        if (a->files[i].text == t) return &a->files[i];
    return NULL;
}

mb_lsp_pos mb_lsp_an_pos(const mb_lsp_an *a, const mb_text *t, size_t off)
{
    const mb_lsp_file *f = a ? mb_lsp_an_file(a, t) : NULL;
    return f && f->lines.s == t->data ? mb_lsp_lines_pos(&f->lines, off) : mb_lsp_pos_of(t->data, t->len, off);
}

size_t mb_lsp_an_off(const mb_lsp_an *a, const mb_text *t, mb_lsp_pos p)
{
    const mb_lsp_file *f = a ? mb_lsp_an_file(a, t) : NULL;
    return f && f->lines.s == t->data ? mb_lsp_lines_off(&f->lines, p) : mb_lsp_off_of(t->data, t->len, p);
}

void mb_lsp_put_range(FILE *out, const mb_lsp_an *a, const mb_text *t, size_t start, size_t end)
{
    mb_lsp_pos s = mb_lsp_an_pos(a, t, start), e = mb_lsp_an_pos(a, t, end);
    fprintf(out, "{\"start\":{\"line\":%u,\"character\":%u},\"end\":{\"line\":%u,\"character\":%u}}",
            s.line, s.character, e.line, e.character);
}

int mb_lsp_put_location(FILE *out, const mb_lsp_an *a, mb_span s)
{
    const mb_lsp_file *f = mb_lsp_an_file(a, s.text);
    if (!f) return 0;
    char *uri = f->uri ? dupstr(f->uri) : mb_lsp_path_uri(f->path);
    if (!uri) return 0;
    fputs("{\"uri\":", out);
    mb_lj_put_cstr(out, uri);
    fputs(",\"range\":", out);
    mb_lsp_put_range(out, a, s.text, s.start, s.end > s.start ? s.end : s.start);
    fputc('}', out);
    free(uri);
    return 1;
}
