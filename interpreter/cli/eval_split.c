/* eval_split.c — the second thread's sink when eval streams a large file in two parts
 * (data.h, mb_stream_split; ingest_file.c reads the parts): the summary's counts into a
 * table of the part's own, added to the run's when the parts join; the CSV report's lines
 * into a file of the part's own (the spool), appended to the output after the first part's
 * lines, so the report is byte for byte one thread's while memory stays bounded (the part's
 * lines, half of a 243 MB report at 100,000 regions, go to the page cache, not to this
 * process).
 *
 * Appending the spool only after both parts were read left one core alone at the end of the
 * run: 120 MB copied (0.06-0.085 s), the spool's pages freed (0.03 s). So the first thread,
 * once its own part is read, follows the spool while the second still writes it: it copies
 * what the second has written so far (the spool counts its bytes after each write returns,
 * published with release ordering), frees those pages of the spool (a punched hole), waits
 * a little when nothing is new, and at the join copies only the rest. A part that is then
 * not kept (its lines must not be in the report) is cut off the output again: the output
 * goes back to exactly the first part's bytes (mb_out_file_cut). */
#define _GNU_SOURCE /* O_TMPFILE, fopencookie, fallocate */
#include <errno.h>
#include <fcntl.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "cli.h"

/* Following the spool: the least worth a copy while it is written, the nap when there is
 * less, and the pages freed at a time. */
enum { FOLLOW_MIN = 1 << 20, FOLLOW_NAP = 300000 /* ns */, SPOOL_PAGE = 1 << 16 };

struct mb_cli_spool {
    int fd;
    off_t written;           /* bytes written (the writing thread's own count) */
    _Atomic long long done;  /* the same, published after each write for the follower */
    off_t copied;            /* bytes already copied to the output */
    off_t punched;           /* bytes before this were freed */
};

#ifdef __linux__
static ssize_t spool_write(void *c, const char *buf, size_t n)
{
    mb_cli_spool *p = c;
    for (size_t done = 0; done < n;) {
        ssize_t k = write(p->fd, buf + done, n - done);
        if (k < 0 && errno == EINTR) continue;
        if (k <= 0) {
            if (k == 0) errno = EIO;
            return 0; /* stdio marks the stream failed; the part is not kept */
        }
        done += (size_t)k;
        p->written += k;
        atomic_store_explicit(&p->done, (long long)p->written, memory_order_release);
    }
    return (ssize_t)n;
}

static int spool_close(void *c)
{
    mb_cli_spool *p = c;
    return close(p->fd);
}
#endif

/* An unnamed file in the folder of `near` (the output's file): O_TMPFILE, or,
 * where the file system has none, a file created and unlinked at once; written through the
 * spool's count (*spool). NULL when neither. */
static FILE *part_file(const char *near, mb_cli_spool **spool)
{
    size_t n = strlen(near);
    char *dir = malloc(n + 16);
    if (!dir) return NULL;
    memcpy(dir, near, n + 1);
    char *slash = strrchr(dir, '/');
    if (!slash) strcpy(dir, ".");
    else if (slash == dir) dir[1] = 0;
    else *slash = 0;
    int fd = open(dir, O_TMPFILE | O_RDWR | O_CLOEXEC, 0600);
    if (fd < 0) {
        snprintf(dir, n + 16, "%s.part.XXXXXX", near);
        fd = mkstemp(dir);
        if (fd >= 0) unlink(dir);
    }
    free(dir);
    if (fd < 0) return NULL;
    mb_cli_spool *p = calloc(1, sizeof *p);
    FILE *f = NULL;
    if (p) {
        p->fd = fd;
#ifdef __linux__
        f = fopencookie(p, "w", (cookie_io_functions_t){NULL, spool_write, NULL, spool_close});
#else
        f = fdopen(fd, "w");
#endif
    }
    if (!f) { free(p); close(fd); return NULL; }
    *spool = p;
    return f;
}

/* The second part's sink is let go: its file (whose lines were appended, or are dropped
 * with the part) and its counts. */
static void part_free(mb_cli_split *x)
{
    if (x->pfile) fclose(x->pfile);
    free(x->pcounts);
    free(x->spool);
    x->pcsv = NULL;
    x->pfile = NULL;
    x->pcounts = NULL;
    x->spool = NULL;
    x->mark = -1;
}

static void *split_begin(void *ctx, mb_data *S)
{
    mb_cli_split *x = ctx;
    mb_verdict_fn fn = mb_report_summary_count;
    void *sink;
    if (x->csv) {
        /* beside the output (its temporary file, or standard output's file): copied there
         * in the kernel, on the same file system */
        const char *near = x->out->tmp ? x->out->tmp : x->out->near;
        if (!near || !(x->pfile = part_file(near, &x->spool))) return NULL;
        sink = x->pcsv = mb_report_csv_begin_part(x->pfile, x->main->m, S);
    } else {
        sink = x->pcounts = calloc(x->main->m->nrules + 1, sizeof *x->pcounts);
    }
    if (x->csv) fn = mb_report_csv_row;
    if (sink && mb_stream_part_start(&x->part, x->main, S, fn, sink)) return x;
    if (x->pcsv) mb_report_csv_end(x->pcsv, 0);
    part_free(x);
    return NULL;
}

/* Copies what the spool holds beyond what was copied, up to `to`, and frees the spool's
 * pages that were copied (whole ones: the rest of a page may still be written). The hole
 * changes no byte the output still needs: a part not kept is cut off the output anyway. */
static int copy_spool(mb_cli_split *x, off_t to, int last)
{
    mb_cli_spool *p = x->spool;
    if (to <= p->copied) return last ? mb_cli_out_copy(x->out, p->fd, to, to, 1) : 0;
    if (mb_cli_out_copy(x->out, p->fd, p->copied, to, last)) return -1;
    p->copied = to;
#ifdef __linux__
    off_t upto = to / SPOOL_PAGE * SPOOL_PAGE;
    if (upto > p->punched &&
        fallocate(p->fd, FALLOC_FL_PUNCH_HOLE | FALLOC_FL_KEEP_SIZE, p->punched, upto - p->punched) == 0)
        p->punched = upto;
#endif
    return 0;
}

#ifdef __linux__ /* only where the spool counts its bytes (spool_write) */
/* While the second part is read (on the first thread, its own part read and its lines
 * written): copy what the second has written, in pieces of at least FOLLOW_MIN bytes so that
 * each call moves a good deal, and sleep FOLLOW_NAP when there is less (the second thread
 * writes about 256 KiB a millisecond). Stops at the first failure (kept by the output). */
static void split_follow(void *ctx, void *part, const _Atomic int *reading)
{
    mb_cli_split *x = part;
    (void)ctx;
    if (!x->csv || !x->spool || mb_report_csv_flush(x->csv) || (x->mark = mb_cli_out_mark(x->out)) < 0) {
        x->mark = -1;
        return;
    }
    mb_cli_out_drop_old(x->out); /* the second thread still works: this one has time */
    for (;;) {
        /* reading first: once it is 0, done holds every byte the part's thread wrote */
        int more = atomic_load_explicit(reading, memory_order_acquire);
        off_t done = (off_t)atomic_load_explicit(&x->spool->done, memory_order_acquire);
        if (done - x->spool->copied >= (more ? FOLLOW_MIN : 1)) {
            if (copy_spool(x, done, 0)) return;
            continue;
        }
        if (!more) return;
        nanosleep(&(struct timespec){0, FOLLOW_NAP}, NULL);
    }
}
#endif

/* The spool's length, its stream flushed: the count its writes kept on Linux, else the
 * file's size; -1 when it cannot be known (the part is then read again). */
static off_t spool_end(const mb_cli_split *x)
{
#ifdef __linux__
    return x->spool->written;
#else
    struct stat st;
    return fstat(x->spool->fd, &st) == 0 ? st.st_size : -1;
#endif
}

static int split_join(void *ctx, void *part, int keep)
{
    mb_cli_split *x = part;
    (void)ctx;
    /* the part's last lines go to its file first: a line that could not be built or
     * written there means the part is read again */
    if (x->pcsv && mb_report_csv_end(x->pcsv, keep)) keep = 0;
    if (x->pfile && fflush(x->pfile)) keep = 0;
    off_t end = x->spool ? spool_end(x) : 0;
    if (end < 0) keep = 0;
    keep = mb_stream_part_join(x->main, &x->part, keep);
    /* the part's lines after the first part's (a failed copy is the output's: its commit
     * says why and leaves the old file); a part not kept, copied in part while it was
     * followed, is cut off again */
    if (keep && x->csv && !mb_report_csv_flush(x->csv)) (void)copy_spool(x, end, 1);
    else if (!keep && x->csv && x->mark >= 0) (void)mb_cli_out_cut(x->out, x->mark);
    for (size_t r = 0; keep && x->counts && r <= x->main->m->nrules; r++)
        for (size_t k = 0; k < MB_ST_COUNT; k++) x->counts[r][k] += x->pcounts[r][k];
    part_free(x);
    return keep;
}

void mb_cli_split_init(mb_cli_split *x, mb_stream *main, size_t (*counts)[MB_ST_COUNT], mb_csv_stream *csv,
                       mb_out *out)
{
    memset(x, 0, sizeof *x);
    x->ops = (mb_stream_split){split_begin, split_join, x, NULL};
#ifdef __linux__
    if (csv) x->ops.follow = split_follow;
#endif
    x->mark = -1;
    x->main = main;
    x->counts = counts;
    x->csv = csv;
    x->out = out;
}
