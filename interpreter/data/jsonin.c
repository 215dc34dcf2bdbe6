/* jsonin.c — reading JSON submissions with a position for every value.
 *
 * JSON libraries hand back a tree without positions, and numbers as doubles; we need the line
 * and column of every bad observation and the exact decimal text of every value. So this is a
 * small recursive-descent parser of its own. Positions are tracked as we go (a line number and
 * the offset where the line starts), so a diagnostic costs nothing to locate. Strings without
 * escapes point into the input; decoded ones go to a scratch buffer reset per observation.
 * With mb_jsonin_read_plain, runs of common objects are read by jsonin_fast.c instead, and
 * this parser takes every object that is not one, from its '{'. */
#include "jsonin.h"

#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "jsonin_fast.h"
#include "text.h"

typedef enum { JV_STRING, JV_NUMBER, JV_TRUE, JV_FALSE, JV_NULL, JV_OBJECT, JV_ARRAY } jv_kind;

/* A position in the input: offset, and the line holding it. */
typedef struct jpos {
    size_t off;
    uint32_t line;
    size_t ls;
} jpos;

/* A parsed value. Containers are only checked, so for them only kind and position count. */
typedef struct jv {
    jv_kind kind;
    int is_int;        /* a number without fraction or exponent */
    int in_scr;        /* a string whose decoded text is at scr + soff */
    const char *s;     /* else: string text in the input, or the number as written */
    size_t n, soff;
    jpos at;           /* first byte */
    size_t end;        /* offset just after the value */
} jv;

typedef struct jr {
    const mb_text *t;
    mb_diags *d;
    const unsigned char *b;
    size_t n, p;       /* input length, current offset */
    uint32_t line;     /* line of p */
    size_t ls;         /* offset where that line starts */
    char *scr;
    size_t slen, scap;
    int stop;          /* after a syntax error nothing more can be read reliably */
    mb_csv_row_fn plain; /* objects of the common shape go here (jsonin_fast.c); NULL: none */
} jr;

static const char *const member_names[MB_JSONIN_NFIELDS] = {
    "region", "indicator", "period", "value", "unit",
};

const char *mb_jsonin_member(int i)
{
    return i >= 0 && i < MB_JSONIN_NFIELDS ? member_names[i] : NULL;
}

/* ---- positions and errors ---- */

static jpos jr_here(const jr *r) { return (jpos){r->p, r->line, r->ls}; }

static int jr_peek(const jr *r) { return r->p < r->n ? r->b[r->p] : -1; }

__attribute__((format(printf, 5, 6)))
static mb_diag *jr_error(jr *r, mb_code code, jpos at, size_t end, const char *fmt, ...)
{
    char msg[200];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    mb_span sp = {r->t, at.off, end > at.off ? end : at.off + 1, at.line, at.ls};
    return mb_diag_add(r->d, code, sp, "%s", msg);
}

/* A syntax error at offset `at` on the current line; ends the reading. Returns 0. */
__attribute__((format(printf, 5, 6)))
static int jr_syntax(jr *r, mb_code code, size_t at, size_t end, const char *fmt, ...)
{
    char msg[200];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    jpos pos = {at, r->line, r->ls};
    jr_error(r, code, pos, end, "%s", msg);
    r->stop = 1;
    return 0;
}

/* Describes what is at the current offset: "end of input", "'}'", "'，'", "byte 0xff". */
static size_t jr_found(const jr *r, char *buf, size_t cap)
{
    if (r->p >= r->n) {
        snprintf(buf, cap, "end of input");
        return 0;
    }
    const unsigned char *c = r->b + r->p;
    int32_t cp;
    size_t k = mb_utf8_decode(c, r->n - r->p, &cp);
    if (k && cp >= 0x20 && cp != 0x7f) snprintf(buf, cap, "'%.*s'", (int)k, (const char *)c);
    else snprintf(buf, cap, "byte 0x%02x", *c);
    return k ? k : 1;
}

/* "expected X, found Y" at the current offset. Returns 0. */
static int jr_expected(jr *r, const char *what)
{
    char found[32];
    size_t k = jr_found(r, found, sizeof found);
    return jr_syntax(r, MB_D_JSON_SYNTAX, r->p, r->p + k, "expected %s, found %s", what, found);
}

static void jr_oom(jr *r)
{
    mb_diag_add(r->d, MB_D_OUT_OF_MEMORY, mb_span_none(), "out of memory while reading %s",
                r->t->name ? r->t->name : "JSON data");
    r->stop = 1;
}

/* ---- scratch ---- */

static int jr_put(jr *r, const void *s, size_t n)
{
    if (n == 0) return 1;
    if (r->slen + n > r->scap) {
        size_t nc = r->scap ? r->scap : 256;
        while (nc < r->slen + n) nc *= 2;
        char *x = realloc(r->scr, nc);
        if (!x) {
            jr_oom(r);
            return 0;
        }
        r->scr = x;
        r->scap = nc;
    }
    memcpy(r->scr + r->slen, s, n);
    r->slen += n;
    return 1;
}

static int jr_put_cp(jr *r, uint32_t cp)
{
    unsigned char u[4];
    size_t n;
    if (cp < 0x80) {
        u[0] = (unsigned char)cp;
        n = 1;
    } else if (cp < 0x800) {
        u[0] = (unsigned char)(0xC0 | cp >> 6);
        u[1] = (unsigned char)(0x80 | (cp & 0x3F));
        n = 2;
    } else if (cp < 0x10000) {
        u[0] = (unsigned char)(0xE0 | cp >> 12);
        u[1] = (unsigned char)(0x80 | (cp >> 6 & 0x3F));
        u[2] = (unsigned char)(0x80 | (cp & 0x3F));
        n = 3;
    } else {
        u[0] = (unsigned char)(0xF0 | cp >> 18);
        u[1] = (unsigned char)(0x80 | (cp >> 12 & 0x3F));
        u[2] = (unsigned char)(0x80 | (cp >> 6 & 0x3F));
        u[3] = (unsigned char)(0x80 | (cp & 0x3F));
        n = 4;
    }
    return jr_put(r, u, n);
}

/* ---- lexical pieces ---- */

static void jr_ws(jr *r)
{
    while (r->p < r->n) {
        unsigned char c = r->b[r->p];
        if (c == '\n') {
            r->ls = ++r->p;
            r->line++;
        } else if (c == ' ' || c == '\t' || c == '\r') {
            r->p++;
        } else {
            break;
        }
    }
}

static void jr_begin(const jr *r, jv *v, jv_kind k)
{
    memset(v, 0, sizeof *v);
    v->kind = k;
    v->at = jr_here(r);
}

static int jr_hex4(const unsigned char *s, size_t avail, uint32_t *v)
{
    if (avail < 4) return 0;
    uint32_t x = 0;
    for (int i = 0; i < 4; i++) {
        unsigned c = s[i];
        unsigned d = c >= '0' && c <= '9'   ? c - '0'
                     : c >= 'a' && c <= 'f' ? c - 'a' + 10
                     : c >= 'A' && c <= 'F' ? c - 'A' + 10
                                            : 16;
        if (d == 16) return 0;
        x = x << 4 | d;
    }
    *v = x;
    return 1;
}

/* The \u escape at i (the backslash), with a following low surrogate when it is a high one.
 * Returns the offset after it, or 0 after an error. */
static size_t jr_uescape(jr *r, size_t i, int keep)
{
    uint32_t cp, lo;
    if (!jr_hex4(r->b + i + 2, r->n - i - 2, &cp))
        return jr_syntax(r, MB_D_JSON_SYNTAX, i, i + 2, "invalid \\u escape: expected four hex digits");
    size_t next = i + 6;
    if (cp >= 0xD800 && cp <= 0xDBFF && next + 1 < r->n && r->b[next] == '\\' &&
        r->b[next + 1] == 'u' && jr_hex4(r->b + next + 2, r->n - next - 2, &lo) &&
        lo >= 0xDC00 && lo <= 0xDFFF) {
        cp = 0x10000 + ((cp - 0xD800) << 10) + (lo - 0xDC00);
        next += 6;
    }
    if (cp >= 0xD800 && cp <= 0xDFFF)
        return jr_syntax(r, MB_D_JSON_SYNTAX, i, i + 6, "unpaired surrogate '%.6s' in string",
                         (const char *)r->b + i);
    if (cp == 0) /* a NUL would silently cut the name short further on */
        return jr_syntax(r, MB_D_JSON_SYNTAX, i, i + 6, "'\\u0000' (NUL) is not allowed in a string");
    if (keep && !jr_put_cp(r, cp)) return 0;
    return next;
}

/* The escape at i (a backslash; i + 1 < n). Returns the offset after it, or 0. */
static size_t jr_escape(jr *r, size_t i, int keep)
{
    static const char from[] = "\"\\/bfnrt", to[] = "\"\\/\b\f\n\r\t";
    unsigned char c = r->b[i + 1];
    if (c == 'u') return jr_uescape(r, i, keep);
    const char *e = c ? strchr(from, c) : NULL;
    if (e) return keep && !jr_put(r, &to[e - from], 1) ? 0 : i + 2;
    if (c > 0x20 && c < 0x7f)
        return jr_syntax(r, MB_D_JSON_SYNTAX, i, i + 2, "invalid escape '\\%c' in string", c);
    return jr_syntax(r, MB_D_JSON_SYNTAX, i, i + 2, "invalid escape in string");
}

static int jr_plain(unsigned char c) { return c >= 0x20 && c < 0x80 && c != '"' && c != '\\'; }

/* The end of the run of plain bytes from i. Eight bytes at a time while none of them can end
 * it (strings are most of a submission's bytes): a byte below 0x20, from 0x80, '"' or '\\'
 * sets the high bit of its lane in one of the words below (the classic "has a byte less
 * than" and "has a zero byte" tests: as a yes/no for the word they are exact), and then the
 * bytes are looked at one by one for the exact place. */
static size_t jr_plain_run(const unsigned char *b, size_t i, size_t n)
{
    const uint64_t ones = 0x0101010101010101ull, high = 0x8080808080808080ull;
    while (n - i >= 8) {
        uint64_t x;
        memcpy(&x, b + i, 8);
        uint64_t q = x ^ (ones * '"'), bs = x ^ (ones * '\\');
        uint64_t stop = ((x - ones * 0x20) & ~x) | ((q - ones) & ~q) | ((bs - ones) & ~bs) | x;
        if (stop & high) break;
        i += 8;
    }
    while (i < n && jr_plain(b[i])) i++;
    return i;
}

/* Checks one character of a string that is not plain ASCII: a control character or UTF-8.
 * Returns its length, or 0 after an error. */
static size_t jr_string_char(jr *r, size_t i)
{
    unsigned char c = r->b[i];
    if (c < 0x20)
        return jr_syntax(r, MB_D_JSON_SYNTAX, i, i + 1, "control character (byte 0x%02x) in string; write it as "
                         "an escape", c);
    int32_t cp;
    size_t k = mb_utf8_decode(r->b + i, r->n - i, &cp);
    if (!k) return jr_syntax(r, MB_D_DATA_INVALID_UTF8, i, i + 1, "invalid UTF-8 (byte 0x%02x)", c);
    return k;
}

/* The string at r->p (a '"'). keep: decode it into scratch when it has escapes (else it is
 * only checked). Returns 0 after an error. */
static int jr_string(jr *r, int keep, jv *v)
{
    jr_begin(r, v, JV_STRING);
    size_t i = r->p + 1, seg = i, soff = r->slen;
    int esc = 0;
    for (;;) {
        i = jr_plain_run(r->b, i, r->n);
        /* JSON strings cannot span lines, so a newline means the closing quote is missing. */
        if (i >= r->n || r->b[i] == '\n' || (r->b[i] == '\\' && i + 1 >= r->n))
            return jr_syntax(r, MB_D_JSON_SYNTAX, r->p, r->p + 1, "unterminated string");
        if (r->b[i] == '"') break;
        if (r->b[i] == '\\') {
            if (keep && !jr_put(r, r->b + seg, i - seg)) return 0;
            esc = 1;
            if (!(i = jr_escape(r, i, keep))) return 0;
            seg = i;
        } else {
            size_t k = jr_string_char(r, i);
            if (!k) return 0;
            i += k;
        }
    }
    if (esc && keep) {
        if (!jr_put(r, r->b + seg, i - seg)) return 0;
        v->in_scr = 1;
        v->soff = soff;
        v->n = r->slen - soff;
    } else {
        v->s = (const char *)r->b + r->p + 1;
        v->n = i - r->p - 1;
    }
    r->p = v->end = i + 1;
    return 1;
}

static int jr_digit(const jr *r, size_t i) { return i < r->n && r->b[i] >= '0' && r->b[i] <= '9'; }

static size_t jr_digits(const jr *r, size_t i)
{
    while (jr_digit(r, i)) i++;
    return i;
}

/* The number at r->p, checked against the JSON grammar and kept as written. */
static int jr_number(jr *r, jv *v)
{
    jr_begin(r, v, JV_NUMBER);
    size_t i = r->p;
    if (r->b[i] == '-') i++;
    if (!jr_digit(r, i)) return jr_syntax(r, MB_D_JSON_SYNTAX, i, i + 1, "invalid number: expected a digit");
    if (r->b[i] == '0' && jr_digit(r, i + 1))
        return jr_syntax(r, MB_D_JSON_SYNTAX, i, i + 1, "invalid number: leading zero");
    i = jr_digits(r, i);
    v->is_int = 1;
    if (i < r->n && r->b[i] == '.') {
        v->is_int = 0;
        if (!jr_digit(r, ++i))
            return jr_syntax(r, MB_D_JSON_SYNTAX, i, i + 1, "invalid number: expected a digit after '.'");
        i = jr_digits(r, i);
    }
    if (i < r->n && (r->b[i] == 'e' || r->b[i] == 'E')) {
        v->is_int = 0;
        if (++i < r->n && (r->b[i] == '+' || r->b[i] == '-')) i++;
        if (!jr_digit(r, i))
            return jr_syntax(r, MB_D_JSON_SYNTAX, i, i + 1, "invalid number: expected a digit in the exponent");
        i = jr_digits(r, i);
    }
    v->s = (const char *)r->b + r->p;
    v->n = i - r->p;
    r->p = v->end = i;
    return 1;
}

static int jr_literal(jr *r, const char *word, jv_kind k, jv *v)
{
    size_t len = strlen(word);
    if (r->n - r->p < len || memcmp(r->b + r->p, word, len) != 0)
        return jr_syntax(r, MB_D_JSON_SYNTAX, r->p, r->p + 1, "invalid literal, expected '%s'", word);
    jr_begin(r, v, k);
    r->p = v->end = r->p + len;
    return 1;
}

/* ---- values ---- */

typedef int (*jr_member_fn)(jr *r, void *ctx, const jv *key, int depth);
static int jr_value(jr *r, int depth, int keep, jv *v);

/* The object at r->p; fn parses each member's value (r->p at it). depth: the object's. */
static int jr_object(jr *r, int depth, jv *v, jr_member_fn fn, void *ctx)
{
    jr_begin(r, v, JV_OBJECT);
    if (depth > MB_JSONIN_MAX_DEPTH)
        return jr_syntax(r, MB_D_JSON_TOO_DEEP, r->p, r->p + 1, "nesting deeper than %d levels",
                         MB_JSONIN_MAX_DEPTH);
    r->p++;
    jr_ws(r);
    if (jr_peek(r) == '}') {
        r->p = v->end = r->p + 1;
        return 1;
    }
    for (;;) {
        jv key;
        if (jr_peek(r) != '"') return jr_expected(r, "a member name (a string)");
        if (!jr_string(r, 1, &key)) return 0;
        jr_ws(r);
        if (jr_peek(r) != ':') return jr_expected(r, "':' after member name");
        r->p++;
        jr_ws(r);
        if (!fn(r, ctx, &key, depth)) return 0;
        jr_ws(r);
        if (jr_peek(r) == ',') {
            r->p++;
            jr_ws(r);
        } else if (jr_peek(r) == '}') {
            r->p = v->end = r->p + 1;
            return 1;
        } else {
            return jr_expected(r, "',' or '}' after object member");
        }
    }
}

static int jr_skip_member(jr *r, void *ctx, const jv *key, int depth)
{
    (void)ctx;
    if (key->in_scr) r->slen = key->soff;
    jv v;
    return jr_value(r, depth, 0, &v);
}

static int jr_array(jr *r, int depth, jv *v)
{
    jr_begin(r, v, JV_ARRAY);
    if (depth > MB_JSONIN_MAX_DEPTH)
        return jr_syntax(r, MB_D_JSON_TOO_DEEP, r->p, r->p + 1, "nesting deeper than %d levels",
                         MB_JSONIN_MAX_DEPTH);
    r->p++;
    jr_ws(r);
    if (jr_peek(r) == ']') {
        r->p = v->end = r->p + 1;
        return 1;
    }
    for (;;) {
        jv x;
        if (!jr_value(r, depth, 0, &x)) return 0;
        jr_ws(r);
        if (jr_peek(r) == ',') {
            r->p++;
            jr_ws(r);
        } else if (jr_peek(r) == ']') {
            r->p = v->end = r->p + 1;
            return 1;
        } else {
            return jr_expected(r, "',' or ']' after array element");
        }
    }
}

/* Any value at r->p; depth is that of the enclosing container. keep: see jr_string. */
static int jr_value(jr *r, int depth, int keep, jv *v)
{
    switch (jr_peek(r)) {
    case '"': return jr_string(r, keep, v);
    case '{': return jr_object(r, depth + 1, v, jr_skip_member, NULL);
    case '[': return jr_array(r, depth + 1, v);
    case 't': return jr_literal(r, "true", JV_TRUE, v);
    case 'f': return jr_literal(r, "false", JV_FALSE, v);
    case 'n': return jr_literal(r, "null", JV_NULL, v);
    case '-': case '0': case '1': case '2': case '3': case '4':
    case '5': case '6': case '7': case '8': case '9': return jr_number(r, v);
    default: return jr_expected(r, "a value");
    }
}

static const char *jr_kind_name(jv_kind k)
{
    static const char *const names[] = {"a string", "a number", "true", "false",
                                        "null", "an object", "an array"};
    return names[k];
}

/* ---- observations ---- */

typedef struct jr_obs {
    jv f[MB_JSONIN_NFIELDS];
    jv key[MB_JSONIN_NFIELDS]; /* where each member was first given */
    unsigned have;
    int bad;
} jr_obs;

static int jr_member_index(const jr *r, const jv *key)
{
    const char *s = key->in_scr ? r->scr + key->soff : key->s;
    /* The names start with different letters: one strlen and memcmp per key at most. */
    for (int i = 0; i < MB_JSONIN_NFIELDS; i++)
        if (key->n && member_names[i][0] == s[0] && strlen(member_names[i]) == key->n &&
            memcmp(member_names[i], s, key->n) == 0)
            return i;
    return -1;
}

static int jr_type_ok(int i, const jv *v)
{
    switch (i) {
    case MB_JSONIN_PERIOD: return v->kind == JV_STRING || (v->kind == JV_NUMBER && v->is_int);
    case MB_JSONIN_VALUE: return v->kind == JV_STRING || v->kind == JV_NUMBER || v->kind == JV_NULL;
    case MB_JSONIN_UNIT: return v->kind == JV_STRING || v->kind == JV_NULL;
    default: return v->kind == JV_STRING;
    }
}

static void jr_type_error(jr *r, int i, const jv *v)
{
    static const char *const want[MB_JSONIN_NFIELDS] = {
        "a string", "a string", "a string or an integer", "a number or a string", "a string"};
    if (v->kind == JV_NUMBER && v->n <= 24)
        jr_error(r, MB_D_JSON_MEMBER_TYPE, v->at, v->end, "member \"%s\" must be %s, not %.*s", member_names[i],
                 want[i], (int)v->n, v->s);
    else
        jr_error(r, MB_D_JSON_MEMBER_TYPE, v->at, v->end, "member \"%s\" must be %s, not %s", member_names[i],
                 want[i], jr_kind_name(v->kind));
}

static int jr_obs_member(jr *r, void *ctx, const jv *key, int depth)
{
    jr_obs *o = ctx;
    int i = jr_member_index(r, key);
    if (key->in_scr) r->slen = key->soff; /* the name is not needed any more */
    jv v;
    if (!jr_value(r, depth, i >= 0, &v)) return 0;
    if (i < 0) return 1;
    if (o->have & 1u << i) {
        mb_diag *g = jr_error(r, MB_D_JSON_DUPLICATE_MEMBER, key->at, key->end, "duplicate member \"%s\"", member_names[i]);
        const jv *k0 = &o->key[i];
        mb_diag_note(g, ((mb_span){r->t, k0->at.off, k0->end, k0->at.line, k0->at.ls}),
                     "first given here");
        o->bad = 1;
        return 1;
    }
    o->have |= 1u << i;
    o->key[i] = *key;
    o->f[i] = v;
    if (!jr_type_ok(i, &v)) {
        jr_type_error(r, i, &v);
        o->bad = 1;
    }
    return 1;
}

static void jr_obs_missing(jr *r, jr_obs *o, const jv *obj)
{
    char list[80] = "";
    size_t len = 0;
    int missing = 0;
    for (int i = 0; i < MB_JSONIN_UNIT; i++) {
        if (o->have & 1u << i) continue;
        len += (size_t)snprintf(list + len, sizeof list - len, "%s\"%s\"", missing ? ", " : "",
                                member_names[i]);
        missing++;
    }
    if (!missing) return;
    jr_error(r, MB_D_JSON_MISSING_MEMBER, obj->at, obj->at.off + 1, "missing member%s %s", missing > 1 ? "s" : "", list);
    o->bad = 1;
}

static mb_csv_field jr_field(const jr *r, const jr_obs *o, int i, const jv *obj)
{
    if (!(o->have & 1u << i)) return (mb_csv_field){NULL, 0, obj->at.off, obj->at.line, obj->at.ls};
    const jv *v = &o->f[i];
    /* null: an empty value (as an empty CSV cell), or no unit */
    const char *s = v->kind == JV_NULL ? (i == MB_JSONIN_UNIT ? NULL : "")
                    : v->in_scr        ? r->scr + v->soff
                                       : v->s;
    return (mb_csv_field){s, v->n, v->at.off, v->at.line, v->at.ls};
}

/* One array element. Returns 1 when passed to fn, 0 when skipped, -1 after a syntax error,
 * -2 when fn asked to stop. */
static int jr_element(jr *r, mb_csv_row_fn fn, void *ctx)
{
    jv v;
    if (jr_peek(r) != '{') {
        if (!jr_value(r, 1, 0, &v)) return -1;
        jr_error(r, MB_D_JSON_NOT_OBSERVATION, v.at, v.end, "array element must be an observation object, not %s",
                 jr_kind_name(v.kind));
        return 0;
    }
    jr_obs o;
    memset(&o, 0, sizeof o);
    r->slen = 0;
    if (!jr_object(r, 2, &v, jr_obs_member, &o)) return -1;
    jr_obs_missing(r, &o, &v);
    if (o.bad) return 0;
    mb_csv_field f[MB_JSONIN_NFIELDS];
    for (int i = 0; i < MB_JSONIN_NFIELDS; i++) f[i] = jr_field(r, &o, i, &v);
    return fn(ctx, f, MB_JSONIN_NFIELDS) ? -2 : 1;
}

/* The top-level array at r->p. */
static long jr_top(jr *r, mb_csv_row_fn fn, void *ctx)
{
    long count = 0;
    r->p++;
    jr_ws(r);
    if (jr_peek(r) == ']') {
        r->p++;
        return 0;
    }
    for (;;) {
        /* A run of common objects (jsonin_fast.c), ending just after the last one; when there
         * is none, the element the full way. Either way, then the separator. */
        long k = 0;
        if (r->plain && jr_peek(r) == '{') {
            int stop = 0;
            k = mb_jsonin_fast_run(r->b, r->n, &r->p, &r->line, &r->ls, r->plain, ctx, &stop);
            if (stop) return -1;
            count += k;
        }
        if (!k) {
            int rc = jr_element(r, fn, ctx);
            if (rc == -1) return count;
            if (rc == -2) return -1;
            count += rc;
        }
        jr_ws(r);
        if (jr_peek(r) == ',') {
            r->p++;
            jr_ws(r);
        } else if (jr_peek(r) == ']') {
            r->p++;
            return count;
        } else {
            jr_expected(r, "',' or ']' after array element");
            return count;
        }
    }
}

long mb_jsonin_read(const mb_text *t, mb_csv_row_fn fn, void *ctx, mb_diags *d)
{
    return mb_jsonin_read_plain(t, fn, NULL, ctx, d);
}

long mb_jsonin_read_plain(const mb_text *t, mb_csv_row_fn fn, mb_csv_row_fn plain, void *ctx, mb_diags *d)
{
    jr r;
    memset(&r, 0, sizeof r);
    r.plain = plain;
    r.t = t;
    r.d = d;
    r.b = (const unsigned char *)t->data;
    r.n = t->len;
    r.line = 1;
    /* Columns are counted from after a BOM, as editors do. */
    if (r.n >= 3 && memcmp(r.b, "\xEF\xBB\xBF", 3) == 0) r.p = r.ls = 3;
    jpos start = jr_here(&r);
    jr_ws(&r);
    long count = 0;
    if (r.p >= r.n) {
        jr_error(&r, MB_D_DATA_EMPTY, start, 0, "empty file: expected a JSON array of observations");
    } else if (jr_peek(&r) != '[') {
        jr_expected(&r, "a JSON array of observations");
    } else {
        count = jr_top(&r, fn, ctx);
        jr_ws(&r);
        if (!r.stop && count >= 0 && r.p < r.n)
            jr_syntax(&r, MB_D_JSON_SYNTAX, r.p, r.p + 1, "unexpected text after the JSON array");
    }
    free(r.scr);
    return count;
}
