/* out_file.c — the temporary file a report is written to before it replaces the output
 * (output.c). The output's bytes must be on the disk before the rename (fsync), and that
 * fsync used to find the whole report still in the page cache: 243 MB for the CSV report of
 * 100,000 regions, written out while the run waited at its very end. So, on Linux, the
 * writer asks the kernel to start writing back what it was given every WB_STEP bytes
 * (sync_file_range with SYNC_FILE_RANGE_WRITE: it starts the writes and does not wait for
 * them), and the disk works while the report is still computed; the fsync then waits for
 * the last few MiB and the file's metadata. Elsewhere the stream is a plain one and the
 * fsync does all of it, as before. */
#define _GNU_SOURCE /* fopencookie, sync_file_range, copy_file_range */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cli.h"

/* Large enough that a call starts a few thousand pages of writes at once, small enough
 * that the end of a report leaves little behind for the fsync. */
enum { WB_STEP = 8 << 20 };

struct mb_out_file {
    int fd;
    off_t base;   /* where the report starts in the file: 0 for a temporary file; for standard
                     output, what the file held before (`{ echo; mubiao; } > f`) */
    off_t at;     /* bytes of the report in the file (after base) */
    off_t kicked; /* writeback started for the bytes before this */
    int err;      /* the first failed write's or writeback's errno, else 0 */
    int no_kick;  /* the file cannot be written back on request: the fsync does it all */
};

/* Start writing back what came since the last call, once that is WB_STEP bytes (or, with
 * all, whatever it is). A failure (EIO, or ENOSPC when the file system allocates blocks
 * only now) is the report's: a later fsync need not report an error the kernel already
 * reported here, so it is never passed over. A file that does not take the request
 * (ESPIPE, EINVAL, ENOSYS) is synced by the fsync alone. */
static int kick(mb_out_file *w, int all)
{
#ifdef __linux__
    off_t n = w->at - w->kicked;
    if (w->no_kick || n == 0 || (!all && n < WB_STEP)) return 0;
    if (sync_file_range(w->fd, w->base + w->kicked, n, SYNC_FILE_RANGE_WRITE) == 0) {
        w->kicked = w->at;
        return 0;
    }
    if (errno == ESPIPE || errno == EINVAL || errno == ENOSYS) {
        w->no_kick = 1;
        return 0;
    }
    w->err = errno;
    return -1;
#else
    (void)w;
    (void)all;
    return 0;
#endif
}

/* All of buf to the file, or the error kept (and every later write refused, so the stream
 * stays failed). */
static int put(mb_out_file *w, const char *buf, size_t n)
{
    if (w->err) return -1;
    for (size_t done = 0; done < n;) {
        ssize_t k = write(w->fd, buf + done, n - done);
        if (k < 0 && errno == EINTR) continue;
        if (k <= 0) {
            w->err = k < 0 ? errno : EIO;
            return -1;
        }
        done += (size_t)k;
        w->at += k;
    }
    return kick(w, 0);
}

#ifdef __linux__
/* The stream's functions (fopencookie): stdio buffers and hands whole blocks over. A
 * cookie write returns 0 on failure (errno set); stdio then marks the stream failed. */
static ssize_t cookie_write(void *c, const char *buf, size_t n)
{
    mb_out_file *w = c;
    if (put(w, buf, n) == 0) return (ssize_t)n;
    errno = w->err;
    return 0;
}

/* Positions are the report's, from base (rewind: back to the report's start). */
static int cookie_seek(void *c, off64_t *pos, int whence)
{
    mb_out_file *w = c;
    off_t r = lseek(w->fd, (off_t)*pos + (whence == SEEK_SET ? w->base : 0), whence);
    if (r < 0) return -1;
    *pos = r - w->base;
    return 0;
}

static int cookie_close(void *c)
{
    (void)c; /* the descriptor is mb_out_file_close's */
    return 0;
}
#endif

/* Where the next byte written to fd lands: the end for a file opened to append (its offset
 * is not moved until the first write), else the offset. */
static off_t next_byte(int fd)
{
    struct stat st;
    int fl = fcntl(fd, F_GETFL);
    if (fl >= 0 && (fl & O_APPEND)) return fstat(fd, &st) == 0 ? st.st_size : -1;
    return lseek(fd, 0, SEEK_CUR);
}

FILE *mb_out_file_open(int fd, mb_out_file **out)
{
    off_t base = next_byte(fd);
    mb_out_file *w = base < 0 ? NULL : calloc(1, sizeof *w);
    *out = NULL;
    if (base < 0) return NULL; /* errno: not a file that can be cut back */
    if (!w) { errno = ENOMEM; return NULL; }
    w->fd = fd;
    w->base = base;
#ifdef __linux__
    FILE *f = fopencookie(w, "w", (cookie_io_functions_t){NULL, cookie_write, cookie_seek, cookie_close});
#else
    FILE *f = fdopen(fd, "w");
#endif
    if (!f) { free(w); return NULL; }
    *out = w;
    return f;
}

int mb_out_file_error(const mb_out_file *w)
{
    return w ? w->err : 0;
}

int mb_out_file_sync(mb_out_file *w, FILE *f)
{
    if (fflush(f) != 0 || ferror(f)) return w->err ? w->err : errno ? errno : EIO;
    if (w->err) return w->err;
    if (fsync(w->fd) != 0) return w->err = errno;
    return 0;
}

int mb_out_file_close(mb_out_file *w, FILE *f)
{
    int bad = 0;
#ifdef __linux__
    if (fclose(f) != 0) bad = errno;
    if (close(w->fd) != 0 && !bad) bad = errno;
#else
    if (fclose(f) != 0) bad = errno; /* closes the descriptor */
#endif
    free(w);
    return bad;
}

int mb_out_file_empty(mb_out_file *w, FILE *f)
{
    if (fflush(f) != 0 || w->err || ftruncate(w->fd, w->base) != 0) return -1;
    rewind(f);
    w->at = w->kicked = 0;
    return 0;
}

/* Bytes [at, end) of the file `in` after what w holds (the stream flushed before, by the
 * caller). copy_file_range copies in the kernel, page cache to page cache, without passing
 * the bytes through this process; it goes in WB_STEP pieces so that their writeback starts
 * while the rest is copied. Where the two files cannot be copied between, the bytes go
 * through a buffer. */
static int copy_range(mb_out_file *w, int in, off_t at, off_t end)
{
    if (w->err) return -1;
#ifdef __linux__
    while (at < end) {
        size_t step = end - at < WB_STEP ? (size_t)(end - at) : WB_STEP;
        ssize_t k = copy_file_range(in, &at, w->fd, NULL, step, 0);
        if (k < 0 && errno == EINTR) continue;
        if (k <= 0) break; /* not between these files (or failed: the copy below says why) */
        w->at += k;
        if (kick(w, 0)) return -1;
    }
#endif
    enum { BUF = 1 << 18 };
    char *buf = at < end ? malloc(BUF) : NULL;
    if (at < end && !buf) return w->err = ENOMEM, -1;
    while (at < end) {
        ssize_t k = pread(in, buf, end - at < BUF ? (size_t)(end - at) : BUF, at);
        if (k < 0 && errno == EINTR) continue;
        if (k <= 0 || put(w, buf, (size_t)k)) {
            if (!w->err) w->err = k < 0 ? errno : EIO;
            break;
        }
        at += k;
    }
    free(buf);
    if (w->err) return -1;
    /* the stream writes on at the end */
    if (lseek(w->fd, 0, SEEK_END) < 0) return w->err = errno, -1;
    return 0;
}

off_t mb_out_file_mark(mb_out_file *w, FILE *f)
{
    if (fflush(f) != 0 || ferror(f) || w->err) return -1;
    return w->at;
}

int mb_out_file_copy(mb_out_file *w, FILE *f, int in, off_t from, off_t to, int last)
{
    if (fflush(f) != 0 || ferror(f) || copy_range(w, in, from, to)) return -1;
    return last ? kick(w, 1) : 0;
}

int mb_out_file_undo(mb_out_file *w, FILE *f)
{
    (void)fflush(f); /* whatever fails to go now is refused later: w->err is kept */
    if (!w->err) w->err = ECANCELED;
    return ftruncate(w->fd, w->base);
}

/* Back to the first `at` bytes: what was copied after them is dropped (its pages freed by
 * the truncation; writeback started for them does no harm, the fsync comes later). */
int mb_out_file_cut(mb_out_file *w, FILE *f, off_t at)
{
    if (fflush(f) != 0 || ferror(f) || w->err) return -1;
    if (ftruncate(w->fd, w->base + at) != 0 || lseek(w->fd, w->base + at, SEEK_SET) < 0) return w->err = errno, -1;
    w->at = at;
    if (w->kicked > at) w->kicked = at;
    return 0;
}
