/* csv_scan.c — throughput of mb_csv_read over a file (mapped, pre-faulted), with a trivial
 * callback, best of REPEAT runs. Not part of the build:
 *   python3 ../shared/bench/gen_data.py 100000 /tmp/bench100k.csv (the reference generator)
 *   gcc -std=gnu11 -O2 -Iinterpreter/base -Iinterpreter/data -o /tmp/csv_scan bench/csv_scan.c \
 *       interpreter/data/csv.c interpreter/base/diag.c interpreter/base/text.c \
 *       interpreter/base/jsonw.c -lutf8proc
 *   /tmp/csv_scan /tmp/bench100k.csv 5 */
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "csv.h"

typedef struct { size_t rows, fields, bytes; } tally;

static int count_row(void *ctx, const mb_csv_field *f, size_t nf)
{
    tally *t = ctx;
    t->rows++;
    t->fields += nf;
    t->bytes += f[nf - 1].n;
    return 0;
}

static double now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

int main(int argc, char **argv)
{
    if (argc < 2) { fprintf(stderr, "usage: csv_scan FILE [REPEAT]\n"); return 2; }
    int fd = open(argv[1], O_RDONLY);
    struct stat st;
    if (fd < 0 || fstat(fd, &st) < 0) { perror(argv[1]); return 1; }
    size_t len = (size_t)st.st_size;
    char *data = mmap(NULL, len, PROT_READ, MAP_PRIVATE | MAP_POPULATE, fd, 0);
    if (data == MAP_FAILED) { perror("mmap"); return 1; }
    mb_text t = {argv[1], data, len};
    int rep = argc > 2 ? atoi(argv[2]) : 5;
    double best = 1e9;
    for (int i = 0; i < rep; i++) {
        tally c = {0};
        mb_diags d;
        mb_diags_init(&d, 100);
        mb_csv_opts o = {.start = 0, .end = len, .first_line = 1};
        double t0 = now();
        long n = mb_csv_read(&t, &o, count_row, &c, &d);
        double dt = now() - t0;
        if (dt < best) best = dt;
        printf("%ld records, %zu fields, %zu errors: %.3f s, %.0f MB/s\n", n, c.fields,
               d.errors, dt, (double)len / dt / 1e6);
        mb_diags_free(&d);
    }
    printf("best %.3f s, %.0f MB/s\n", best, (double)len / best / 1e6);
    return 0;
}
