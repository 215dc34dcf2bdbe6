/* unit_dim.c — units as products of words (see unit_dim.h). */
#include "unit_dim.h"

#include <stdio.h>
#include <string.h>

mb_dim mb_dim_one(void)
{
    mb_dim d;
    memset(&d, 0, sizeof d);
    d.scale = mb_num_int(1);
    return d;
}

static int word_cmp(const char *a, size_t an, const char *b, size_t bn)
{
    int c = memcmp(a, b, an < bn ? an : bn);
    return c ? c : (an > bn) - (an < bn);
}

/* Multiply d by word^exp, keeping the words sorted. */
static mb_uniterr add_word(mb_dim *d, const char *w, size_t len, int exp)
{
    int i = 0;
    while (i < d->n && word_cmp(d->t[i].w, d->t[i].len, w, len) < 0) i++;
    if (exp > 999 || exp < -999) return MB_UNIT_TOOLONG; /* x·x·x… nested: no real unit */
    if (i < d->n && word_cmp(d->t[i].w, d->t[i].len, w, len) == 0) {
        int e = d->t[i].exp + exp;
        if (e > 999 || e < -999) return MB_UNIT_TOOLONG;
        d->t[i].exp = (short)e;
        if (!d->t[i].exp) {
            memmove(&d->t[i], &d->t[i + 1], (size_t)(d->n - i - 1) * sizeof d->t[0]);
            d->n--;
        }
        return MB_UNIT_OK;
    }
    if (d->n == MB_DIM_WORDS || len > 0xffff) return MB_UNIT_TOOLONG;
    memmove(&d->t[i + 1], &d->t[i], (size_t)(d->n - i) * sizeof d->t[0]);
    d->t[i].w = w;
    d->t[i].len = (unsigned short)len;
    d->t[i].exp = (short)exp;
    d->n++;
    return MB_UNIT_OK;
}

/* One '/'-free atom "万元": its word is what mb_unit_parse leaves after the scale words,
 * which is the end of the atom. */
static mb_uniterr atom(const char *s, size_t n, int exp, mb_dim *d)
{
    while (n && s[0] == ' ') { s++; n--; }
    while (n && s[n - 1] == ' ') n--;
    char buf[256];
    if (n >= sizeof buf) return MB_UNIT_TOOLONG;
    memcpy(buf, s, n);
    buf[n] = 0;
    mb_unit u;
    mb_uniterr e = mb_unit_parse(buf, &u);
    if (e) return e;
    size_t wl = strlen(u.base);
    mb_num sc = u.scale;
    if (strcmp(u.base, "%") == 0) { /* percent: the pure number over 100 */
        wl = 0;
        d->pct += exp;
    }
    if (exp > 0 ? mb_num_mul(d->scale, sc, &d->scale) : mb_num_div(d->scale, sc, &d->scale))
        return MB_UNIT_OVERFLOW;
    return wl ? add_word(d, s + n - wl, wl, exp) : MB_UNIT_OK;
}

mb_uniterr mb_dim_parse(const char *text, mb_dim *out)
{
    *out = mb_dim_one();
    const char *p = text;
    for (int exp = 1;; exp = -1) {
        const char *slash = strchr(p, '/');
        size_t n = slash ? (size_t)(slash - p) : strlen(p);
        mb_uniterr e = atom(p, n, exp, out);
        if (e) return e;
        if (!slash) return MB_UNIT_OK;
        p = slash + 1;
    }
}

mb_uniterr mb_dim_mul(const mb_dim *a, const mb_dim *b, int div, mb_dim *out)
{
    mb_dim r = *a;
    for (int i = 0; i < b->n; i++) {
        mb_uniterr e = add_word(&r, b->t[i].w, b->t[i].len, div ? -b->t[i].exp : b->t[i].exp);
        if (e) return e;
    }
    if (div ? mb_num_div(a->scale, b->scale, &r.scale) : mb_num_mul(a->scale, b->scale, &r.scale))
        return MB_UNIT_OVERFLOW;
    r.pct = div ? a->pct - b->pct : a->pct + b->pct;
    if (r.pct > 18 || r.pct < -18) return MB_UNIT_TOOLONG;
    *out = r;
    return MB_UNIT_OK;
}

int mb_dim_same(const mb_dim *a, const mb_dim *b)
{
    if (a->n != b->n) return 0;
    for (int i = 0; i < a->n; i++)
        if (a->t[i].exp != b->t[i].exp || word_cmp(a->t[i].w, a->t[i].len, b->t[i].w, b->t[i].len))
            return 0;
    return 1;
}

int mb_dim_pure(const mb_dim *a) { return a->n == 0; }

mb_numerr mb_dim_pow100(int e, mb_num *out)
{
    if (e > 18 || e < -18) return MB_NUM_OVERFLOW;
    mb_num p;
    mb_numerr err = mb_num_pow(mb_num_int(100), (unsigned)(e < 0 ? -e : e), &p);
    return err ? err : e < 0 ? mb_num_div(mb_num_int(1), p, out) : (*out = p, MB_NUM_OK);
}

mb_numerr mb_dim_factor(const mb_dim *a, const mb_dim *b, mb_num *out)
{
    mb_num p, s;
    mb_numerr err = mb_dim_pow100(b->pct - a->pct, &p);
    if (!err) err = mb_num_div(a->scale, b->scale, &s);
    return err ? err : mb_num_mul(s, p, out);
}

/* Words with positive exponents, then '/' and the others: "吨煤/元", "元²", "1/人". */
void mb_dim_words(const mb_dim *a, char *buf, size_t cap)
{
    size_t len = 0;
    buf[0] = 0;
    for (int side = 1; side >= -1; side -= 2) {
        int first = 1;
        for (int i = 0; i < a->n; i++) {
            int e = a->t[i].exp * side;
            if (e <= 0) continue;
            if (side < 0 && first) len += (size_t)snprintf(buf + len, len < cap ? cap - len : 0, "%s/", len ? "" : "1");
            else if (!first) len += (size_t)snprintf(buf + len, len < cap ? cap - len : 0, "·");
            first = 0;
            len += (size_t)snprintf(buf + len, len < cap ? cap - len : 0, "%.*s", (int)a->t[i].len, a->t[i].w);
            if (e > 1) len += (size_t)snprintf(buf + len, len < cap ? cap - len : 0, "^%d", e);
        }
    }
    for (int i = 0; i < (a->pct < 0 ? -a->pct : a->pct); i++)
        len += (size_t)snprintf(buf + len, len < cap ? cap - len : 0, "%s", a->pct > 0 ? "%" : i ? "/%" : len ? "/%" : "1/%");
    if (!len) snprintf(buf, cap, "1");
}
