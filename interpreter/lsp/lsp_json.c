/* lsp_json.c — JSON values for the language server's messages: a strict RFC 8259 reader
 * into an arena (one arena per message), member look-up, and a writer for strings that
 * stays valid UTF-8 whatever it is given. The submission reader (data/jsonin.c) streams
 * observations with their positions; messages need a tree, so this is a second, small one. */
#include <stdlib.h>
#include <string.h>

#include "lsp.h"
#include "text.h"

typedef struct jp {
    mb_arena *a;
    const char *s;
    size_t n, i;
    const char *err;
} jp;

static void ws(jp *p)
{
    while (p->i < p->n && (p->s[p->i] == ' ' || p->s[p->i] == '\t' || p->s[p->i] == '\n' || p->s[p->i] == '\r'))
        p->i++;
}

static int fail(jp *p, const char *why)
{
    if (!p->err) p->err = why;
    return -1;
}

static int lit(jp *p, const char *w)
{
    size_t k = strlen(w);
    if (p->n - p->i < k || memcmp(p->s + p->i, w, k)) return fail(p, "invalid literal");
    p->i += k;
    return 0;
}

static int hex4(jp *p, unsigned *out)
{
    if (p->n - p->i < 4) return fail(p, "short \\u escape");
    unsigned v = 0;
    for (int k = 0; k < 4; k++) {
        char c = p->s[p->i++];
        v <<= 4;
        if (c >= '0' && c <= '9') v |= (unsigned)(c - '0');
        else if (c >= 'a' && c <= 'f') v |= (unsigned)(c - 'a' + 10);
        else if (c >= 'A' && c <= 'F') v |= (unsigned)(c - 'A' + 10);
        else return fail(p, "bad \\u escape");
    }
    *out = v;
    return 0;
}

static size_t put_utf8(char *o, unsigned cp)
{
    if (cp < 0x80) { o[0] = (char)cp; return 1; }
    if (cp < 0x800) { o[0] = (char)(0xC0 | cp >> 6); o[1] = (char)(0x80 | (cp & 0x3F)); return 2; }
    if (cp < 0x10000) {
        o[0] = (char)(0xE0 | cp >> 12); o[1] = (char)(0x80 | ((cp >> 6) & 0x3F));
        o[2] = (char)(0x80 | (cp & 0x3F));
        return 3;
    }
    o[0] = (char)(0xF0 | cp >> 18); o[1] = (char)(0x80 | ((cp >> 12) & 0x3F));
    o[2] = (char)(0x80 | ((cp >> 6) & 0x3F)); o[3] = (char)(0x80 | (cp & 0x3F));
    return 4;
}

/* \uXXXX, with a surrogate pair joined; a lone surrogate becomes U+FFFD. */
static int escape_u(jp *p, char *o, size_t *k)
{
    unsigned cp;
    if (hex4(p, &cp)) return -1;
    if (cp >= 0xD800 && cp < 0xDC00 && p->n - p->i >= 6 && p->s[p->i] == '\\' && p->s[p->i + 1] == 'u') {
        size_t save = p->i;
        unsigned lo;
        p->i += 2;
        if (hex4(p, &lo)) return -1;
        if (lo >= 0xDC00 && lo < 0xE000) cp = 0x10000 + ((cp - 0xD800) << 10) + (lo - 0xDC00);
        else p->i = save;
    }
    if (cp >= 0xD800 && cp < 0xE000) cp = 0xFFFD;
    *k += put_utf8(o + *k, cp);
    return 0;
}

static int string(jp *p, const char **out, size_t *len)
{
    size_t start = ++p->i, end = start;
    while (end < p->n && p->s[end] != '"') end += p->s[end] == '\\' ? 2 : 1;
    if (end >= p->n) return fail(p, "unterminated string");
    if (mb_utf8_check(p->s + start, end - start) != end - start) return fail(p, "invalid UTF-8 in a string");
    /* unescaped text is never longer than the escaped */
    char *o = mb_arena_alloc(p->a, end - start + 1);
    if (!o) return fail(p, "out of memory");
    size_t k = 0;
    while (p->i < end) {
        unsigned char c = (unsigned char)p->s[p->i];
        if (c < 0x20) return fail(p, "control character in a string");
        if (c != '\\') { o[k++] = (char)c; p->i++; continue; }
        char e = p->s[p->i + 1];
        p->i += 2;
        switch (e) {
        case '"': o[k++] = '"'; break;
        case '\\': o[k++] = '\\'; break;
        case '/': o[k++] = '/'; break;
        case 'b': o[k++] = '\b'; break;
        case 'f': o[k++] = '\f'; break;
        case 'n': o[k++] = '\n'; break;
        case 'r': o[k++] = '\r'; break;
        case 't': o[k++] = '\t'; break;
        case 'u':
            if (escape_u(p, o, &k)) return -1;
            break;
        default: return fail(p, "bad escape");
        }
    }
    if (p->i != end) return fail(p, "bad escape");
    p->i = end + 1;
    o[k] = 0;
    *out = o;
    *len = k;
    return 0;
}

static int digits(jp *p)
{
    size_t s = p->i;
    while (p->i < p->n && p->s[p->i] >= '0' && p->s[p->i] <= '9') p->i++;
    return p->i > s ? 0 : fail(p, "bad number");
}

static int number(jp *p, mb_lj *v)
{
    size_t s = p->i;
    if (p->s[p->i] == '-') p->i++;
    if (p->i < p->n && p->s[p->i] == '0') p->i++;
    else if (digits(p)) return -1;
    if (p->i < p->n && p->s[p->i] == '.') { p->i++; if (digits(p)) return -1; }
    if (p->i < p->n && (p->s[p->i] == 'e' || p->s[p->i] == 'E')) {
        p->i++;
        if (p->i < p->n && (p->s[p->i] == '+' || p->s[p->i] == '-')) p->i++;
        if (digits(p)) return -1;
    }
    char *t = mb_arena_strndup(p->a, p->s + s, p->i - s);
    if (!t) return fail(p, "out of memory");
    v->kind = MB_LJ_NUM;
    v->s = t;
    v->n = p->i - s;
    v->num = strtod(t, NULL);
    return 0;
}

static int value(jp *p, mb_lj *v, int depth);

/* Elements or members, collected in a growing arena array. */
static int items(jp *p, mb_lj *v, int depth, int obj)
{
    char close = obj ? '}' : ']';
    size_t cap = 0;
    p->i++;
    ws(p);
    if (p->i < p->n && p->s[p->i] == close) { p->i++; return 0; }
    for (;;) {
        if (v->n == cap) {
            size_t nc = cap ? cap * 2 : 4;
            if (!(v->v = mb_arena_grow(p->a, v->v, cap, nc, sizeof *v->v))) return fail(p, "out of memory");
            if (obj && !(v->keys = mb_arena_grow(p->a, v->keys, cap, nc, sizeof *v->keys)))
                return fail(p, "out of memory");
            cap = nc;
        }
        ws(p);
        if (obj) {
            size_t kl;
            if (p->i >= p->n || p->s[p->i] != '"') return fail(p, "expected a member name");
            if (string(p, &v->keys[v->n], &kl)) return -1;
            ws(p);
            if (p->i >= p->n || p->s[p->i] != ':') return fail(p, "expected ':'");
            p->i++;
        }
        if (value(p, &v->v[v->n], depth + 1)) return -1;
        v->n++;
        ws(p);
        if (p->i < p->n && p->s[p->i] == ',') { p->i++; continue; }
        if (p->i < p->n && p->s[p->i] == close) { p->i++; return 0; }
        return fail(p, obj ? "expected ',' or '}'" : "expected ',' or ']'");
    }
}

static int value(jp *p, mb_lj *v, int depth)
{
    memset(v, 0, sizeof *v);
    if (depth > MB_LJ_MAX_DEPTH) return fail(p, "nested too deeply");
    ws(p);
    if (p->i >= p->n) return fail(p, "unexpected end of input");
    switch (p->s[p->i]) {
    case '{': v->kind = MB_LJ_OBJ; return items(p, v, depth, 1);
    case '[': v->kind = MB_LJ_ARR; return items(p, v, depth, 0);
    case '"': v->kind = MB_LJ_STR; return string(p, &v->s, &v->n);
    case 't': v->kind = MB_LJ_BOOL; v->b = 1; return lit(p, "true");
    case 'f': v->kind = MB_LJ_BOOL; return lit(p, "false");
    case 'n': v->kind = MB_LJ_NULL; return lit(p, "null");
    default:
        if (p->s[p->i] == '-' || (p->s[p->i] >= '0' && p->s[p->i] <= '9')) return number(p, v);
        return fail(p, "unexpected character");
    }
}

int mb_lj_parse(mb_arena *a, const char *s, size_t n, mb_lj *out, const char **err)
{
    jp p = {a, s, n, 0, NULL};
    if (value(&p, out, 0) == 0) {
        ws(&p);
        if (p.i == n) return 0;
        fail(&p, "text after the value");
    }
    *err = p.err ? p.err : "invalid JSON";
    return -1;
}

const mb_lj *mb_lj_get(const mb_lj *o, const char *key)
{
    if (!o || o->kind != MB_LJ_OBJ) return NULL;
    for (size_t i = 0; i < o->n; i++)
        if (!strcmp(o->keys[i], key)) return &o->v[i];
    return NULL;
}

const char *mb_lj_str(const mb_lj *o, const char *key)
{
    const mb_lj *v = mb_lj_get(o, key);
    return v && v->kind == MB_LJ_STR ? v->s : NULL;
}

int64_t mb_lj_int(const mb_lj *o, const char *key, int64_t def)
{
    const mb_lj *v = mb_lj_get(o, key);
    if (!v || v->kind != MB_LJ_NUM || v->num != (double)(int64_t)v->num) return def;
    if (v->num < -9.0e18 || v->num > 9.0e18) return def;
    return (int64_t)v->num;
}

void mb_lj_put_str(FILE *out, const char *s, size_t n)
{
    fputc('"', out);
    for (size_t i = 0; i < n;) {
        unsigned char c = (unsigned char)s[i];
        if (c >= 0x80) {
            int32_t cp;
            size_t k = mb_utf8_decode((const unsigned char *)s + i, n - i, &cp);
            if (k) fwrite(s + i, 1, k, out);
            else fputs("\xEF\xBF\xBD", out);
            i += k ? k : 1;
            continue;
        }
        if (c == '"') fputs("\\\"", out);
        else if (c == '\\') fputs("\\\\", out);
        else if (c == '\n') fputs("\\n", out);
        else if (c == '\r') fputs("\\r", out);
        else if (c == '\t') fputs("\\t", out);
        else if (c < 0x20 || c == 0x7F) fprintf(out, "\\u%04x", c);
        else fputc(c, out);
        i++;
    }
    fputc('"', out);
}

void mb_lj_put_cstr(FILE *out, const char *s)
{
    if (!s) fputs("null", out);
    else mb_lj_put_str(out, s, strlen(s));
}

void mb_lj_put(FILE *out, const mb_lj *v)
{
    if (!v) { fputs("null", out); return; }
    switch (v->kind) {
    case MB_LJ_NULL: fputs("null", out); break;
    case MB_LJ_BOOL: fputs(v->b ? "true" : "false", out); break;
    case MB_LJ_NUM: fwrite(v->s, 1, v->n, out); break;
    case MB_LJ_STR: mb_lj_put_str(out, v->s, v->n); break;
    case MB_LJ_ARR:
    case MB_LJ_OBJ:
        fputc(v->kind == MB_LJ_ARR ? '[' : '{', out);
        for (size_t i = 0; i < v->n; i++) {
            if (i) fputc(',', out);
            if (v->kind == MB_LJ_OBJ) { mb_lj_put_cstr(out, v->keys[i]); fputc(':', out); }
            mb_lj_put(out, &v->v[i]);
        }
        fputc(v->kind == MB_LJ_ARR ? ']' : '}', out);
        break;
    }
}
