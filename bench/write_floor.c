/* write_floor.c — what writing a report's bytes costs, with nothing computed: the floor under
 * `mubiao eval --format csv --output FILE`. The bytes of FILE (an earlier report) are read into
 * memory first, untimed; then they are written the way mubiao writes a report: a new file
 * beside the output (mkstemp, fdopen), fwrite in blocks of BLOCK bytes (the CSV report's
 * CSV_FLUSH, 64 KiB), fflush, fsync, fclose and rename over OUT. Not part of the build:
 *   gcc -O2 -o /tmp/write_floor bench/write_floor.c && /tmp/write_floor FILE OUT [ROUNDS [BLOCK]]
 * Prints each round's wall, user and system seconds of the writing alone, then the medians. */
#define _GNU_SOURCE
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

static double now(void)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (double)t.tv_sec + (double)t.tv_nsec / 1e9;
}

static void cpu(double *user, double *sys)
{
    struct rusage u;
    getrusage(RUSAGE_SELF, &u);
    *user = (double)u.ru_utime.tv_sec + (double)u.ru_utime.tv_usec / 1e6;
    *sys = (double)u.ru_stime.tv_sec + (double)u.ru_stime.tv_usec / 1e6;
}

static int cmp_double(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

static double median(double *v, int n)
{
    qsort(v, (size_t)n, sizeof *v, cmp_double);
    return n % 2 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
}

int main(int argc, char **argv)
{
    if (argc < 3) { fprintf(stderr, "usage: %s FILE OUT [ROUNDS [BLOCK]]\n", argv[0]); return 2; }
    int rounds = argc > 3 ? atoi(argv[3]) : 5;
    size_t block = argc > 4 ? (size_t)atol(argv[4]) : 65536;
    if (rounds < 1 || rounds > 99 || block < 1) { fprintf(stderr, "bad ROUNDS or BLOCK\n"); return 2; }
    FILE *in = fopen(argv[1], "rb");
    struct stat st;
    if (!in || fstat(fileno(in), &st) != 0) { perror(argv[1]); return 1; }
    size_t len = (size_t)st.st_size;
    char *bytes = malloc(len ? len : 1);
    if (!bytes || fread(bytes, 1, len, in) != len) { perror("read"); return 1; }
    fclose(in);
    double wall[99], user[99], sys[99];
    size_t n = strlen(argv[2]) + 16;
    char *tmp = malloc(n);
    if (!tmp) return 1;
    for (int r = 0; r < rounds; r++) {
        double u0, s0, u1, s1, t0 = now();
        cpu(&u0, &s0);
        snprintf(tmp, n, "%s.tmp.XXXXXX", argv[2]);
        int fd = mkstemp(tmp);
        FILE *out = fd >= 0 ? fdopen(fd, "w") : NULL;
        if (!out) { perror(tmp); return 1; }
        for (size_t at = 0; at < len; at += block) {
            size_t k = len - at < block ? len - at : block;
            if (fwrite(bytes + at, 1, k, out) != k) { perror("write"); return 1; }
        }
        if (fflush(out) != 0 || fsync(fileno(out)) != 0 || fclose(out) != 0 || rename(tmp, argv[2]) != 0) {
            perror(argv[2]);
            return 1;
        }
        cpu(&u1, &s1);
        wall[r] = now() - t0;
        user[r] = u1 - u0;
        sys[r] = s1 - s0;
        printf("round %d: %zu bytes in blocks of %zu: wall %.3f s, user %.3f s, sys %.3f s\n", r + 1, len, block,
               wall[r], user[r], sys[r]);
    }
    double cpu_sum[99];
    for (int r = 0; r < rounds; r++) cpu_sum[r] = user[r] + sys[r];
    double mc = median(cpu_sum, rounds);
    printf("median of %d: wall %.3f s, user %.3f s, sys %.3f s, user + sys %.3f s\n", rounds, median(wall, rounds),
           median(user, rounds), median(sys, rounds), mc);
    free(tmp);
    free(bytes);
    return 0;
}
