/* fail_io.c — preloaded (LD_PRELOAD) into mubiao by check_writeback.sh to make the calls
 * that write a report's temporary file fail the way a full or failing disk makes them fail,
 * which no real file system here does on demand. Each is set by an environment variable:
 *   MB_FAIL_SYNC_RANGE=EIO|ENOSPC|ENOSYS  every sync_file_range fails with that errno (after
 *                                          the first MB_FAIL_SYNC_RANGE_SKIP calls, if set);
 *   MB_FAIL_COPY_RANGE=EXDEV|EIO           every copy_file_range fails with that errno;
 *   MB_FAIL_WRITE_AFTER=N                  a write() to a descriptor other than 0-2 fails with
 *                                          ENOSPC once N bytes went to such descriptors.
 * MB_FAIL_LOG=FILE gets a line per intercepted call ("sync_file_range", "copy_file_range",
 * "write"; only the first write that fails), so the test sees that the path was taken, and
 * "sync_file_range failed" for each sync_file_range made to fail. */
#define _GNU_SOURCE
#include <dlfcn.h>
#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static void note(const char *what)
{
    const char *log = getenv("MB_FAIL_LOG");
    if (!log) return;
    int fd = open(log, O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC, 0600);
    if (fd < 0) return;
    ssize_t (*real)(int, const void *, size_t) = (ssize_t(*)(int, const void *, size_t))dlsym(RTLD_NEXT, "write");
    size_t n = strlen(what);
    if (real && real(fd, what, n) == (ssize_t)n) (void)real(fd, "\n", 1);
    close(fd);
}

static int errno_named(const char *var)
{
    const char *v = getenv(var);
    if (!v) return 0;
    if (!strcmp(v, "EIO")) return EIO;
    if (!strcmp(v, "ENOSPC")) return ENOSPC;
    if (!strcmp(v, "ENOSYS")) return ENOSYS;
    if (!strcmp(v, "EXDEV")) return EXDEV;
    return 0;
}

static int sync_calls;

int sync_file_range(int fd, off_t off, off_t n, unsigned int flags)
{
    note("sync_file_range");
    const char *skip = getenv("MB_FAIL_SYNC_RANGE_SKIP");
    int e = errno_named("MB_FAIL_SYNC_RANGE");
    if (e && __atomic_fetch_add(&sync_calls, 1, __ATOMIC_SEQ_CST) >= (skip ? atoi(skip) : 0)) {
        note("sync_file_range failed");
        errno = e;
        return -1;
    }
    int (*real)(int, off_t, off_t, unsigned int) = (int (*)(int, off_t, off_t, unsigned int))dlsym(RTLD_NEXT, "sync_file_range");
    return real(fd, off, n, flags);
}

ssize_t copy_file_range(int in, off_t *in_off, int out, off_t *out_off, size_t n, unsigned int flags)
{
    note("copy_file_range");
    int e = errno_named("MB_FAIL_COPY_RANGE");
    if (e) { errno = e; return -1; }
    ssize_t (*real)(int, off_t *, int, off_t *, size_t, unsigned int) =
        (ssize_t(*)(int, off_t *, int, off_t *, size_t, unsigned int))dlsym(RTLD_NEXT, "copy_file_range");
    return real(in, in_off, out, out_off, n, flags);
}

static uint64_t written;
static int failed;

ssize_t write(int fd, const void *buf, size_t n)
{
    ssize_t (*real)(int, const void *, size_t) = (ssize_t(*)(int, const void *, size_t))dlsym(RTLD_NEXT, "write");
    const char *after = getenv("MB_FAIL_WRITE_AFTER");
    if (fd > 2 && after) {
        if (written + n > strtoull(after, NULL, 10)) {
            if (!failed) note("write");
            failed = 1;
            errno = ENOSPC;
            return -1;
        }
        written += n;
    }
    return real(fd, buf, n);
}
