/* fuzz_json.c — the JSON submission reader. Checks what jsonin.h promises for every
 * observation it passes on: five fields; region and indicator strings that are valid UTF-8
 * without NUL; a period that is a string or an integer; positions (offset, line, line start)
 * that agree with the input; and a number passed on exactly as written.
 *
 *   tests/fuzz/build.sh && build-fuzz/fuzz_json -dict=tests/fuzz/json.dict CORPUS */
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "jsonin.h"
#include "text.h"
#include "fuzz_common.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

typedef struct sink {
    const mb_text *t;
    long seen, stop_at;
} sink;

static void check_pos(const mb_text *t, const mb_csv_field *f)
{
    FZ_ASSERT(f->off <= t->len);
    FZ_ASSERT(f->line_start <= f->off);
    uint32_t line = 1;
    for (size_t i = 0; i < f->off; i++) line += t->data[i] == '\n';
    FZ_ASSERT(f->line == line);
    FZ_ASSERT(memchr(t->data + f->line_start, '\n', f->off - f->line_start) == NULL);
    FZ_ASSERT(f->line_start == 0 || t->data[f->line_start - 1] == '\n' || f->line_start == 3);
}

static int is_json_number(const char *s, size_t n)
{
    size_t i = 0;
    if (i < n && s[i] == '-') i++;
    if (i >= n || s[i] < '0' || s[i] > '9') return 0;
    if (s[i] == '0') i++;
    else while (i < n && s[i] >= '0' && s[i] <= '9') i++;
    if (i < n && s[i] == '.') {
        i++;
        if (i >= n || s[i] < '0' || s[i] > '9') return 0;
        while (i < n && s[i] >= '0' && s[i] <= '9') i++;
    }
    if (i < n && (s[i] == 'e' || s[i] == 'E')) {
        i++;
        if (i < n && (s[i] == '+' || s[i] == '-')) i++;
        if (i >= n || s[i] < '0' || s[i] > '9') return 0;
        while (i < n && s[i] >= '0' && s[i] <= '9') i++;
    }
    return i == n;
}

static int row(void *ctx, const mb_csv_field *f, size_t nf)
{
    sink *k = ctx;
    FZ_ASSERT(nf == MB_JSONIN_NFIELDS);
    for (size_t i = 0; i < nf; i++) {
        check_pos(k->t, &f[i]);
        if (i == MB_JSONIN_UNIT && !f[i].s) { FZ_ASSERT(f[i].n == 0); continue; }
        FZ_ASSERT(f[i].s != NULL);
        FZ_ASSERT(mb_utf8_check(f[i].s, f[i].n) == f[i].n);
        FZ_ASSERT(f[i].n == 0 || memchr(f[i].s, 0, f[i].n) == NULL);
        const char *at = k->t->data + f[i].off;
        /* A value is a string (at its quote), a number (as written), or null (empty). */
        if (*at != '"' && f[i].n) {
            FZ_ASSERT(i == MB_JSONIN_PERIOD || i == MB_JSONIN_VALUE);
            FZ_ASSERT(is_json_number(f[i].s, f[i].n));
            FZ_ASSERT(f[i].s == at);
            if (i == MB_JSONIN_PERIOD) FZ_ASSERT(!memchr(f[i].s, '.', f[i].n) && !memchr(f[i].s, 'e', f[i].n) && !memchr(f[i].s, 'E', f[i].n));
        }
    }
    k->seen++;
    return k->stop_at > 0 && k->seen == k->stop_at;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    long stop_at = 0;
    /* A leading byte 0x01..0x04 (not JSON) asks the reader to stop after that many rows. */
    if (size && data[0] >= 1 && data[0] <= 4) { stop_at = data[0]; data++; size--; }
    mb_text t = {"fuzz.json", (const char *)data, size};
    mb_diags d;
    mb_diags_init(&d, 0);
    sink k = {&t, 0, stop_at};
    long n = mb_jsonin_read(&t, row, &k, &d);
    if (n >= 0) FZ_ASSERT(n == k.seen);
    else FZ_ASSERT(stop_at && k.seen == stop_at);
    fz_diags(&d);
    mb_diags_free(&d);
    return 0;
}
