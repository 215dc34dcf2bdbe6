/* shard_out.c — the report of eval --shard K/N: eval's JSON report with the shard's part of
 * the run (shard.h) as its last member. */
#define _GNU_SOURCE
#include <stdio.h>
#include <string.h>
#include <sys/types.h>

#include "cli.h"
#include "report.h"
#include "shard.h"

/* eval's JSON report, with the shard's part of the run as its last member
 * ("shard", shard.h), which merge finds from the end without reading the verdicts. The report
 * goes straight through (it can be gigabytes) but for its last two bytes, "}\n", held back so
 * that the member can go before the closing brace. */
typedef struct held { FILE *under; char last[2]; size_t n; } held;

static ssize_t held_write(void *c, const char *buf, size_t n)
{
    held *h = c;
    size_t all = h->n + n;
    if (all > 2) {
        size_t out = all - 2; /* what goes through: the held bytes first, then buf's */
        size_t from_held = out < h->n ? out : h->n;
        if (from_held && fwrite(h->last, 1, from_held, h->under) != from_held) return -1;
        size_t from_buf = out - from_held;
        if (from_buf && fwrite(buf, 1, from_buf, h->under) != from_buf) return -1;
        char keep[2];
        size_t k = 0;
        for (size_t i = from_held; i < h->n; i++) keep[k++] = h->last[i];
        for (size_t i = from_buf; i < n; i++) keep[k++] = buf[i];
        memcpy(h->last, keep, k);
        h->n = k;
    } else {
        memcpy(h->last + h->n, buf, n);
        h->n = all;
    }
    return (ssize_t)n;
}

mb_tally mb_cli_shard_json(FILE *out, const mb_eval *e, const mb_filter *f, int trace)
{
    held h = {out, {0, 0}, 0};
    FILE *m = fopencookie(&h, "w", (cookie_io_functions_t){NULL, held_write, NULL, NULL});
    mb_tally t = {0};
    t.error = 1;
    if (!m) return t;
    t = mb_report_json(m, e, f, trace);
    if (fclose(m) || h.n != 2 || memcmp(h.last, "}\n", 2)) {
        t.error = 1;
        return t;
    }
    fputs(",\n\"shard\":", out);
    mb_shard_write(out, e->D);
    fputs("\n}\n", out);
    return t;
}

