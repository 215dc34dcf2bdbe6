/* model.c — the model's lifetime and reading rule files (with their imports). */
#include "model.h"

#include <errno.h>
#include <fcntl.h>
#include <libgen.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "parse.h"
#include "text.h"
#include "xalloc.h"

mb_model *mb_model_new(void)
{
    mb_model *m = mb_calloc(1, sizeof *m);
    if (m) mb_arena_init(&m->arena);
    return m;
}

void mb_model_free(mb_model *m)
{
    if (!m) return;
    for (size_t i = 0; i < m->ntexts; i++) {
        free((char *)m->texts[i]->data);
        free(m->texts[i]);
        free(m->paths[i]);
    }
    free(m->texts);
    free(m->paths);
    free(m->files);
    mb_map_free(&m->ind_keys);
    mb_arena_free(&m->arena);
    free(m);
}

/* A file whose size says 0 may still have content (/proc, /sys), and standard input has no
 * size: read to the end, up to the limit. */
char *mb_rule_fd_read(int fd, size_t *len, const char **why)
{
    size_t cap = 4096, n = 0;
    char *buf = mb_malloc(cap + 1);
    for (;;) {
        if (!buf) { *why = "out of memory"; return NULL; }
        if (n == cap) {
            char *nb = mb_realloc(buf, cap * 2 + 1);
            if (!nb) { free(buf); buf = NULL; continue; }
            buf = nb;
            cap *= 2;
        }
        ssize_t k = read(fd, buf + n, cap - n);
        if (k < 0 && errno == EINTR) continue;
        if (k < 0) { *why = strerror(errno); free(buf); return NULL; }
        if (k == 0) break;
        n += (size_t)k;
        if (n > MB_MAX_RULE_FILE) { free(buf); *why = "file too large for a rule file (limit 16 MiB)"; return NULL; }
    }
    buf[n] = 0;
    *len = n;
    return buf;
}

/* Read a whole file, refusing what cannot be a rule file. Returns NULL with *why set. */
char *mb_rule_file_read(const char *path, size_t *len, const char **why)
{
    /* O_NONBLOCK: opening a FIFO must not wait for a writer; it is refused below anyway */
    int fd = open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK);
    if (fd < 0) { *why = strerror(errno); return NULL; }
    struct stat sb;
    char *buf = NULL;
    if (fstat(fd, &sb) != 0) *why = strerror(errno);
    else if (S_ISDIR(sb.st_mode)) *why = "is a directory";
    else if (!S_ISREG(sb.st_mode)) *why = "not a regular file";
    else if (sb.st_size > MB_MAX_RULE_FILE) *why = "file too large for a rule file (limit 16 MiB)";
    else if (sb.st_size == 0) buf = mb_rule_fd_read(fd, len, why);
    else if (!(buf = mb_malloc((size_t)sb.st_size + 1))) *why = "out of memory";
    else {
        size_t got = 0;
        while (got < (size_t)sb.st_size) {
            ssize_t k = read(fd, buf + got, (size_t)sb.st_size - got);
            if (k <= 0) break;
            got += (size_t)k;
        }
        if (got != (size_t)sb.st_size) { *why = "file changed while it was read"; free(buf); buf = NULL; }
        else { buf[got] = 0; *len = got; }
    }
    close(fd);
    return buf;
}

static int add_file(mb_model *m, mb_text *t, char *rpath)
{
    size_t n = m->ntexts + 1;
    mb_text **tv = mb_realloc(m->texts, n * sizeof *tv);
    if (!tv) return 0;
    m->texts = tv;
    char **pv = mb_realloc(m->paths, n * sizeof *pv);
    if (!pv) return 0;
    m->paths = pv;
    mb_ast_file *fv = mb_realloc(m->files, n * sizeof *fv);
    if (!fv) return 0;
    m->files = fv;
    m->texts[m->ntexts] = t;
    m->paths[m->ntexts] = rpath;
    memset(&m->files[m->ntexts], 0, sizeof *fv);
    m->ntexts = m->nfiles = n;
    return 1;
}

static int load(mb_model *m, const char *path, const char *shown, mb_span from, int depth,
                mb_diags *d);

static int load_resolved(mb_model *m, const char *from, const char *name, mb_span span, int depth,
                         mb_diags *d);

/* Imports are relative to the importing file (dir), or go to the model's import_fn; dir NULL
 * (text given in memory) without import_fn: refused. */
static int load_imports(mb_model *m, const mb_ast_file *f, const char *dir, int depth, mb_diags *d)
{
    int rc = 0;
    for (size_t i = 0; i < f->n; i++) {
        const mb_ast_stmt *s = &f->stmts[i];
        if (s->kind != MB_ST_IMPORT) continue;
        const char *rel = s->u.import.text;
        if (m->import_fn || !dir) {
            int r = load_resolved(m, f->text ? f->text->name : "", rel, MB_SPAN(s->u.import.span), depth + 1, d);
            if (r < rc) rc = r;
            continue;
        }
        size_t need = strlen(dir) + strlen(rel) + 2;
        char *p = mb_arena_alloc(&m->arena, need);
        if (!p) return -1;
        if (rel[0] == '/') strcpy(p, rel);
        else snprintf(p, need, "%s/%s", dir, rel);
        int r = load(m, p, p, MB_SPAN(s->u.import.span), depth + 1, d);
        if (r < rc) rc = r;
    }
    return rc;
}

enum { MAX_IMPORT_DEPTH = 32 };

static int load(mb_model *m, const char *path, const char *shown, mb_span from, int depth,
                mb_diags *d)
{
    char *rp = realpath(path, NULL);
    for (size_t i = 0; rp && i < m->ntexts; i++)
        if (strcmp(m->paths[i], rp) == 0) {
            free(rp);
            if (m->files[i].text) return 0; /* read already */
            mb_diag_add(d, MB_D_IMPORT_CYCLE, from, "import cycle: '%s' imports itself through its imports", shown);
            return -1;
        }
    if (depth > MAX_IMPORT_DEPTH) {
        free(rp);
        mb_diag_add(d, MB_D_IMPORTS_TOO_DEEP, from, "imports nested too deeply (more than %d)", MAX_IMPORT_DEPTH);
        return -1;
    }
    const char *why = NULL;
    size_t len = 0;
    char *data = mb_rule_file_read(path, &len, &why);
    if (!data) {
        free(rp);
        mb_diag_add(d, MB_D_RULE_FILE_UNREADABLE, from, "cannot read '%s': %s", shown, why);
        m->io_error = 1;
        return -2;
    }
    mb_text *t = mb_malloc(sizeof *t);
    char *name = mb_arena_strndup(&m->arena, shown, strlen(shown));
    char *key = rp ? rp : strdup(path); /* the model owns it once add_file succeeds */
    if (!t || !name || !key || !add_file(m, t, key)) {
        free(key);
        free(t);
        free(data);
        mb_diag_add(d, MB_D_OUT_OF_MEMORY, from, "out of memory");
        return -1;
    }
    *t = (mb_text){name, data, len};
    size_t fi = m->ntexts - 1;
    /* files[fi].text stays NULL while its imports are read: that marks it as "being read",
     * so an import that leads back here is a cycle, not a file read already. */
    mb_ast_file f;
    int rc = mb_parse_text(t, &m->arena, &f, d);
    char *dc = strdup(path);
    int ir = dc ? load_imports(m, &f, dirname(dc), depth, d) : -1;
    free(dc);
    m->files[fi] = f;
    return rc < ir ? rc : ir;
}

/* An import through import_fn: read once by the name it gives ("<import>" + name). */
static int load_resolved(mb_model *m, const char *from, const char *name, mb_span span, int depth,
                         mb_diags *d)
{
    size_t kn = strlen(name) + 9;
    char *key = mb_malloc(kn);
    if (!key) { mb_diag_add(d, MB_D_OUT_OF_MEMORY, span, "out of memory"); return -1; }
    snprintf(key, kn, "<import>%s", name);
    for (size_t i = 0; i < m->ntexts; i++)
        if (strcmp(m->paths[i], key) == 0) {
            free(key);
            if (m->files[i].text) return 0;
            mb_diag_add(d, MB_D_IMPORT_CYCLE, span, "import cycle: '%s' imports itself through its imports", name);
            return -1;
        }
    if (depth > MAX_IMPORT_DEPTH) {
        free(key);
        mb_diag_add(d, MB_D_IMPORTS_TOO_DEEP, span, "imports nested too deeply (more than %d)", MAX_IMPORT_DEPTH);
        return -1;
    }
    char *data = NULL;
    size_t len = 0;
    const char *why = "rule text given in memory has no folder to import from (give an import resolver)";
    if (!m->import_fn || m->import_fn(m->import_ctx, from, name, &data, &len, &why) != 0) {
        free(key);
        mb_diag_add(d, MB_D_RULE_FILE_UNREADABLE, span, "cannot read '%s': %s", name, why ? why : "not found");
        m->io_error = 1;
        return -2;
    }
    mb_text *t = mb_malloc(sizeof *t);
    char *shown = mb_arena_strndup(&m->arena, name, strlen(name));
    if (!t || !shown || !add_file(m, t, key)) {
        free(key);
        free(t);
        free(data);
        mb_diag_add(d, MB_D_OUT_OF_MEMORY, span, "out of memory");
        return -1;
    }
    *t = (mb_text){shown, data, len};
    size_t fi = m->ntexts - 1;
    mb_ast_file f;
    int rc = mb_parse_text(t, &m->arena, &f, d);
    int ir = load_imports(m, &f, NULL, depth, d);
    m->files[fi] = f;
    return rc < ir ? rc : ir;
}

int mb_model_load(mb_model *m, const char *path, mb_diags *d)
{
    int rc = load(m, path, path, mb_span_none(), 0, d);
    if (rc) m->load_failed = 1;
    return rc;
}

int mb_model_load_text(mb_model *m, const char *name, const char *data, size_t len, mb_diags *d)
{
    char *copy = mb_malloc(len + 1);
    mb_text *t = mb_malloc(sizeof *t);
    char *nm = mb_arena_strndup(&m->arena, name, strlen(name));
    char *key = mb_malloc(strlen(name) + 16);
    if (!copy || !t || !nm || !key || !add_file(m, t, key)) {
        free(copy);
        free(t);
        free(key);
        m->load_failed = 1;
        return -2;
    }
    snprintf(key, strlen(name) + 16, "<text>%s", name);
    memcpy(copy, data, len);
    copy[len] = 0;
    *t = (mb_text){nm, copy, len};
    size_t fi = m->ntexts - 1;
    mb_ast_file f;
    int rc = mb_parse_text(t, &m->arena, &f, d);
    int ir = load_imports(m, &f, m->text_dir, 0, d);
    m->files[fi] = f;
    if (rc < ir ? rc : ir) m->load_failed = 1;
    return rc < ir ? rc : ir;
}

mb_indicator *mb_model_indicator(const mb_model *m, const char *s, size_t n)
{
    mb_indicator *ind = mb_map_get(&m->ind_keys, s, n);
    if (ind) return ind;
    size_t i = 0;
    while (i < n && (unsigned char)s[i] < 0x80) i++;
    if (i == n) return NULL; /* ASCII is its own NFKC form */
    size_t kn;
    char *k = mb_nfkc(s, n, &kn);
    if (!k) return NULL;
    ind = mb_map_get(&m->ind_keys, k, kn);
    free(k);
    return ind;
}

int mb_model_last_year(const mb_model *m)
{
    int last = 0;
    for (size_t i = 0; i < m->nplans; i++)
        if (m->plans[i]->last_deadline > last) last = m->plans[i]->last_deadline;
    for (size_t i = 0; i < m->nrules; i++) {
        const mb_rule *r = m->rules[i];
        for (size_t k = 0; k < r->ngoals; k++)
            if (r->goals[k].year > last) last = r->goals[k].year;
        if (r->y2 > last) last = r->y2;
    }
    return last;
}
