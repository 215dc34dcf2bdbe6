/* write_floor.c — what writing a report's bytes costs, with nothing computed: the floor under
 * `mubiao eval --format csv --output FILE`. The bytes of FILE (an earlier report) are read into
 * memory first, untimed; then they are written the way mubiao writes a report
 * (interpreter/cli/out_file.c, output.c): a new file beside the output (mkstemp), written in
 * blocks of BLOCK bytes (the CSV report's CSV_FLUSH, 256 KiB), its writeback started every
 * 8 MiB (sync_file_range with SYNC_FILE_RANGE_WRITE, Linux; KICK 0 leaves that out, as
 * mubiao did before), fsync, close and rename over OUT — over the report OUT already holds,
 * as bench/run overwrites the same file each round, so the old file's release is timed too.
 * Not part of the build:
 *   gcc -O2 -o /tmp/write_floor bench/write_floor.c && /tmp/write_floor FILE OUT [ROUNDS [BLOCK [KICK]]]
 * Prints each round's wall, user and system seconds of the writing alone (and of the fsync
 * and the rename), then the medians. */
#define _GNU_SOURCE
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <time.h>
#include <fcntl.h>
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
    if (argc < 3) { fprintf(stderr, "usage: %s FILE OUT [ROUNDS [BLOCK [KICK]]]\n", argv[0]); return 2; }
    int rounds = argc > 3 ? atoi(argv[3]) : 5;
    size_t block = argc > 4 ? (size_t)atol(argv[4]) : 1 << 18;
    int kick = argc > 5 ? atoi(argv[5]) : 1;
    if (rounds < 1 || rounds > 99 || block < 1) { fprintf(stderr, "bad ROUNDS or BLOCK\n"); return 2; }
    FILE *in = fopen(argv[1], "rb");
    struct stat st;
    if (!in || fstat(fileno(in), &st) != 0) { perror(argv[1]); return 1; }
    size_t len = (size_t)st.st_size;
    char *bytes = malloc(len ? len : 1);
    if (!bytes || fread(bytes, 1, len, in) != len) { perror("read"); return 1; }
    fclose(in);
    double wall[99], user[99], sys[99], tsync[99], tren[99];
    size_t n = strlen(argv[2]) + 16;
    char *tmp = malloc(n);
    if (!tmp) return 1;
    for (int r = 0; r < rounds; r++) {
        double u0, s0, u1, s1, t0 = now();
        cpu(&u0, &s0);
        snprintf(tmp, n, "%s.tmp.XXXXXX", argv[2]);
        int fd = mkstemp(tmp);
        if (fd < 0) { perror(tmp); return 1; }
        size_t kicked = 0;
        for (size_t at = 0; at < len; at += block) {
            size_t k = len - at < block ? len - at : block;
            if (write(fd, bytes + at, k) != (ssize_t)k) { perror("write"); return 1; }
#ifdef __linux__
            if (kick && at + k - kicked >= (8u << 20)) {
                if (sync_file_range(fd, (off_t)kicked, (off_t)(at + k - kicked), SYNC_FILE_RANGE_WRITE) != 0) {
                    perror("sync_file_range");
                    return 1;
                }
                kicked = at + k;
            }
#endif
        }
        double t1 = now();
        if (fsync(fd) != 0 || close(fd) != 0) { perror(tmp); return 1; }
        double t2 = now();
        if (rename(tmp, argv[2]) != 0) { perror(argv[2]); return 1; }
        tsync[r] = t2 - t1;
        tren[r] = now() - t2;
        cpu(&u1, &s1);
        wall[r] = now() - t0;
        user[r] = u1 - u0;
        sys[r] = s1 - s0;
        printf("round %d: %zu bytes in blocks of %zu%s: wall %.3f s (fsync %.3f s, rename %.3f s), user %.3f s, "
               "sys %.3f s\n", r + 1, len, block, kick ? ", writeback every 8 MiB" : "", wall[r], tsync[r], tren[r],
               user[r], sys[r]);
    }
    double cpu_sum[99];
    for (int r = 0; r < rounds; r++) cpu_sum[r] = user[r] + sys[r];
    double mc = median(cpu_sum, rounds);
    printf("median of %d: wall %.3f s (fsync %.3f s, rename %.3f s), user %.3f s, sys %.3f s, user + sys %.3f s\n",
           rounds, median(wall, rounds), median(tsync, rounds), median(tren, rounds), median(user, rounds),
           median(sys, rounds), mc);
    free(tmp);
    free(bytes);
    return 0;
}
