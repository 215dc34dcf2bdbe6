/* read_vs_mmap.c — what getting a file's bytes costs, mapped or read, with the same work on
 * them (count the newlines), as user and system CPU time. Not part of the build:
 *   gcc -O2 -o /tmp/read_vs_mmap bench/read_vs_mmap.c && /tmp/read_vs_mmap FILE [ROUNDS]
 * Modes, each ROUNDS times (default 5), the file in the page cache:
 *   mmap      mapped, MADV_SEQUENTIAL, pages behind the reader given back every 8 MiB with
 *             MADV_DONTNEED — what mubiao's reader does
 *   mmap-keep mapped, nothing given back (resident memory grows to the file's size)
 *   read-1M   read() into one reused 1 MiB buffer
 *   read-4M   read() into one reused 4 MiB buffer
 * Prints the minimum user and system time of each. */
#define _GNU_SOURCE
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <unistd.h>

static size_t lines(const char *p, size_t n)
{
    size_t k = 0;
    for (const char *e = p + n; (p = memchr(p, '\n', (size_t)(e - p))); p++) k++;
    return k;
}

static size_t by_mmap(int fd, size_t len, int give_back)
{
    char *d = mmap(NULL, len, PROT_READ, MAP_PRIVATE, fd, 0);
    if (d == MAP_FAILED) { perror("mmap"); exit(1); }
    madvise(d, len, MADV_SEQUENTIAL);
    size_t k = 0, step = (size_t)8 << 20;
    for (size_t at = 0; at < len; at += step) {
        size_t n = len - at < step ? len - at : step;
        k += lines(d + at, n);
        if (give_back && at) madvise(d + at - step, step, MADV_DONTNEED);
    }
    munmap(d, len);
    return k;
}

static size_t by_read(int fd, size_t bufsize)
{
    static char *buf;
    buf = realloc(buf, bufsize);
    size_t k = 0;
    ssize_t n;
    lseek(fd, 0, SEEK_SET);
    while ((n = read(fd, buf, bufsize)) > 0) k += lines(buf, (size_t)n);
    return k;
}

static double secs(struct timeval t) { return (double)t.tv_sec + (double)t.tv_usec * 1e-6; }

int main(int argc, char **argv)
{
    if (argc < 2) { fprintf(stderr, "usage: read_vs_mmap FILE [ROUNDS]\n"); return 2; }
    int fd = open(argv[1], O_RDONLY);
    struct stat st;
    if (fd < 0 || fstat(fd, &st) < 0) { perror(argv[1]); return 1; }
    int rounds = argc > 2 ? atoi(argv[2]) : 5;
    const char *name[] = {"mmap", "mmap-keep", "read-1M", "read-4M"};
    double bu[4], bs[4];
    for (int m = 0; m < 4; m++) bu[m] = bs[m] = 1e9;
    size_t want = by_read(fd, 1 << 20); /* also brings the file into the page cache */
    for (int r = 0; r < rounds; r++)
        for (int m = 0; m < 4; m++) {
            struct rusage a, b;
            getrusage(RUSAGE_SELF, &a);
            size_t k = m == 0 ? by_mmap(fd, (size_t)st.st_size, 1) : m == 1 ? by_mmap(fd, (size_t)st.st_size, 0)
                     : by_read(fd, m == 2 ? 1 << 20 : 4 << 20);
            getrusage(RUSAGE_SELF, &b);
            if (k != want) { fprintf(stderr, "%s: %zu lines, want %zu\n", name[m], k, want); return 1; }
            double u = secs(b.ru_utime) - secs(a.ru_utime), s = secs(b.ru_stime) - secs(a.ru_stime);
            if (u + s < bu[m] + bs[m]) { bu[m] = u; bs[m] = s; }
        }
    printf("%s: %zu lines, %.0f MB; minimum of %d rounds (user + system CPU)\n", argv[1], want,
           (double)st.st_size / 1e6, rounds);
    for (int m = 0; m < 4; m++) printf("  %-10s user %.3f s  system %.3f s  total %.3f s\n", name[m], bu[m], bs[m], bu[m] + bs[m]);
    return 0;
}
