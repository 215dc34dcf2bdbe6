/* fail_io.c — preloaded (LD_PRELOAD) into mubiao by check_writeback.sh to make the calls
 * that write a report's temporary file fail the way a full or failing disk makes them fail,
 * which no real file system here does on demand. Each is set by an environment variable:
 *   MB_FAIL_SYNC_RANGE=EIO|ENOSPC|ENOSYS  every sync_file_range fails with that errno (after
 *                                          the first MB_FAIL_SYNC_RANGE_SKIP calls, if set);
 *   MB_FAIL_COPY_RANGE=EXDEV|EIO|ENOSPC    every copy_file_range fails with that errno (after
 *                                          the first MB_FAIL_COPY_RANGE_SKIP calls, if set);
 *   MB_FAIL_WRITE_AFTER=N                  a write() to a descriptor other than 0-2 fails with
 *                                          ENOSPC once N bytes went to such descriptors;
 *   MB_FAIL_WRITE_AFTER_COPY=1             such a write() fails with ENOSPC once a
 *                                          copy_file_range was made to fail (the disk is full).
 * Only writes made by the process's first thread count and fail: those of the report's own
 * file (a second part's lines, written by a thread of its own to a file of its own, are
 * kept apart, so that where the report fails does not depend on how the threads ran).
 * And to make an order certain that threads make likely: with MB_HOLD_PART=N, a thread other
 * than the process's first (the one writing a report's second part to its own file) waits
 * before its write() after its first N, until a copy_file_range was called (the first thread
 * copying the part while it is still written), for 60 s at most.
 * MB_FAIL_LOG=FILE gets a line per intercepted call ("sync_file_range", "copy_file_range",
 * "write"; only the first write that fails), so the test sees that the path was taken,
 * "sync_file_range failed" and "copy_file_range failed" for each call made to fail, and
 * "part held", then "part released" (or "part hold timed out"). */
#define _GNU_SOURCE
#include <dlfcn.h>
#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/syscall.h>
#include <time.h>
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

static int copy_calls, copy_failed;

ssize_t copy_file_range(int in, off_t *in_off, int out, off_t *out_off, size_t n, unsigned int flags)
{
    note("copy_file_range");
    const char *skip = getenv("MB_FAIL_COPY_RANGE_SKIP");
    int e = errno_named("MB_FAIL_COPY_RANGE");
    int k = __atomic_fetch_add(&copy_calls, 1, __ATOMIC_SEQ_CST);
    if (e && k >= (skip ? atoi(skip) : 0)) {
        note("copy_file_range failed");
        __atomic_store_n(&copy_failed, 1, __ATOMIC_SEQ_CST);
        errno = e;
        return -1;
    }
    ssize_t (*real)(int, off_t *, int, off_t *, size_t, unsigned int) =
        (ssize_t(*)(int, off_t *, int, off_t *, size_t, unsigned int))dlsym(RTLD_NEXT, "copy_file_range");
    return real(in, in_off, out, out_off, n, flags);
}

static uint64_t written;
static int failed, part_writes;

/* MB_HOLD_PART: a second thread's write waits for the first copy_file_range. */
static void hold_part(void)
{
    const char *hold = getenv("MB_HOLD_PART");
    if (!hold || syscall(SYS_gettid) == getpid() || __atomic_add_fetch(&part_writes, 1, __ATOMIC_SEQ_CST) != atoi(hold) + 1) return;
    note("part held");
    for (int i = 0; i < 60000; i++) {
        if (__atomic_load_n(&copy_calls, __ATOMIC_SEQ_CST)) { note("part released"); return; }
        nanosleep(&(struct timespec){0, 1000000}, NULL);
    }
    note("part hold timed out");
}

ssize_t write(int fd, const void *buf, size_t n)
{
    ssize_t (*real)(int, const void *, size_t) = (ssize_t(*)(int, const void *, size_t))dlsym(RTLD_NEXT, "write");
    const char *after = getenv("MB_FAIL_WRITE_AFTER");
    if (fd > 2) hold_part();
    if (syscall(SYS_gettid) != getpid()) return real(fd, buf, n);
    if (fd > 2 && getenv("MB_FAIL_WRITE_AFTER_COPY") && __atomic_load_n(&copy_failed, __ATOMIC_SEQ_CST)) {
        if (!failed) note("write");
        failed = 1;
        errno = ENOSPC;
        return -1;
    }
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
