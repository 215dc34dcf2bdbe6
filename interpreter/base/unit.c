/* unit.c — parsing unit words and their scale prefixes. */
#include "unit.h"

#include <string.h>

/* Scale words, longest first where one is a prefix of another. They stack: 万亿 = 10⁴ × 10⁸. */
static const struct { const char *word; int64_t factor; } SCALES[] = {
    {"亿", 100000000}, {"万", 10000}, {"千", 1000}, {"百", 100}, {"十", 10},
};

/* One '/'-free atom: strip scale words from its front while something remains. */
static mb_uniterr atom(const char *s, size_t n, char *base, size_t cap, mb_num *scale)
{
    *scale = mb_num_int(1);
    for (;;) {
        size_t i, k = 0;
        for (i = 0; i < sizeof SCALES / sizeof *SCALES; i++) {
            k = strlen(SCALES[i].word);
            if (n > k && memcmp(s, SCALES[i].word, k) == 0) break;
        }
        if (i == sizeof SCALES / sizeof *SCALES) break;
        if (mb_num_mul(*scale, mb_num_int(SCALES[i].factor), scale)) return MB_UNIT_OVERFLOW;
        s += k;
        n -= k;
    }
    /* A lone scale word ("万") is a count in that scale. */
    for (size_t i = 0; i < sizeof SCALES / sizeof *SCALES; i++)
        if (n == strlen(SCALES[i].word) && memcmp(s, SCALES[i].word, n) == 0) {
            if (mb_num_mul(*scale, mb_num_int(SCALES[i].factor), scale)) return MB_UNIT_OVERFLOW;
            n = 0;
        }
    if (n == 1 && s[0] == '1') n = 0; /* "1": a pure number */
    size_t used = strlen(base);
    if (used + n + 1 >= cap) return MB_UNIT_TOOLONG;
    memcpy(base + used, s, n);
    base[used + n] = 0;
    return MB_UNIT_OK;
}

mb_uniterr mb_unit_parse(const char *text, mb_unit *out)
{
    memset(out, 0, sizeof *out);
    out->text = text;
    out->scale = mb_num_int(1);
    const char *p = text;
    int denom = 0;
    for (;;) {
        const char *slash = strchr(p, '/');
        size_t n = slash ? (size_t)(slash - p) : strlen(p);
        while (n && p[0] == ' ') { p++; n--; }
        while (n && p[n - 1] == ' ') n--;
        if (denom) {
            size_t used = strlen(out->base);
            if (used + 2 >= sizeof out->base) return MB_UNIT_TOOLONG;
            out->base[used] = '/';
            out->base[used + 1] = 0;
        }
        mb_num sc;
        mb_uniterr e = atom(p, n, out->base, sizeof out->base, &sc);
        if (e) return e;
        if (denom ? mb_num_div(out->scale, sc, &out->scale) : mb_num_mul(out->scale, sc, &out->scale))
            return MB_UNIT_OVERFLOW;
        if (!slash) break;
        p = slash + 1;
        denom = 1;
    }
    return MB_UNIT_OK;
}

int mb_unit_same_base(const mb_unit *a, const mb_unit *b) { return strcmp(a->base, b->base) == 0; }

mb_numerr mb_unit_convert(mb_num v, const mb_unit *from, const mb_unit *to, mb_num *out)
{
    mb_num f;
    mb_numerr e = mb_num_div(from->scale, to->scale, &f);
    return e ? e : mb_num_mul(v, f, out);
}

const char *mb_uniterr_str(mb_uniterr e)
{
    switch (e) {
    case MB_UNIT_OK: return "ok";
    case MB_UNIT_TOOLONG: return "unit name too long";
    case MB_UNIT_OVERFLOW: return "unit scale too large";
    case MB_UNIT_EMPTY: return "empty unit";
    }
    return "?";
}
