/* strf.c — "%s" and "%d" without vsnprintf. A verdict's detail ("rises every year 2016..2020",
 * "no value of 'x' for 2018") is formatted for every line of a report that prints it; the C
 * library's formatter took some 1,300 instructions for each, most of a line's budget. */
#include "strf.h"
#include "num_dec.h"

#include <stdio.h>
#include <string.h>

static size_t int_text(int v, char out[12])
{
    char t[12], *e = t + sizeof t;
    char *p = mb_dec_digits(v < 0 ? 0u - (unsigned)v : (unsigned)v, 0, 0, e); /* INT_MIN too */
    if (v < 0) *--p = '-';
    memcpy(out, p, (size_t)(e - p));
    return (size_t)(e - p);
}

size_t mb_strf_v(char *buf, size_t cap, const char *fmt, va_list ap)
{
    if (!cap) return 0;
    va_list again; /* for vsnprintf, from the first argument, when a conversion is not ours */
    va_copy(again, ap);
    size_t n = 0;
    for (const char *f = fmt; *f;) {
        const char *s;
        size_t k;
        char num[12];
        if (*f != '%') { /* a run of literal text */
            s = f;
            k = strcspn(f, "%");
            f += k;
        } else if (f[1] == 's' && (s = va_arg(ap, const char *)) != NULL) {
            k = strlen(s);
            f += 2;
        } else if (f[1] == 'd') {
            k = int_text(va_arg(ap, int), num);
            s = num;
            f += 2;
        } else if (f[1] == '%') {
            s = "%";
            k = 1;
            f += 2;
        } else {
            int r = vsnprintf(buf, cap, fmt, again);
            va_end(again);
            if (r < 0) { buf[0] = 0; return 0; }
            return (size_t)r < cap ? (size_t)r : cap - 1;
        }
        if (k > cap - 1 - n) k = cap - 1 - n; /* truncated as vsnprintf truncates: bytes */
        memcpy(buf + n, s, k);
        n += k;
    }
    buf[n] = 0;
    va_end(again);
    return n;
}

size_t mb_strf(char *buf, size_t cap, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    size_t n = mb_strf_v(buf, cap, fmt, ap);
    va_end(ap);
    return n;
}
