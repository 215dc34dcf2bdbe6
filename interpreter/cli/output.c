/* output.c — where a report goes (--output). A regular file is replaced atomically: the
 * report is written to a temporary file in the same folder, synced, and renamed over it, so
 * an interrupted run leaves the old report whole. The path is looked at first:
 *   - an input of this run (a rule file, an import, a data file: same device and inode) is
 *     never overwritten;
 *   - a character device or a FIFO (/dev/null, /dev/stdout on a terminal, a pipe) is written
 *     through, never replaced by a regular file;
 *   - a symbolic link is followed: the file it points to is replaced and the link stays; a
 *     link to nothing, a folder and other kinds of file are refused;
 *   - an existing file keeps its mode (and, for root, its owner); a new one gets 0666 less
 *     the umask, as any file a program creates;
 *   - "-" is standard output. */
#define _GNU_SOURCE /* F_DUPFD_CLOEXEC */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <libgen.h>
#include <limits.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cli.h"

/* The temporary file being written, so an interrupt can remove it: the old report is whole
 * anyway (it is only replaced by rename), and no half-written temporary is left behind. */
static char *volatile pending_tmp;

static void on_signal(int sig)
{
    char *t = pending_tmp;
    if (t) unlink(t);
    signal(sig, SIG_DFL);
    raise(sig);
}

static void watch_signals(char *tmp)
{
    pending_tmp = tmp;
    if (!tmp) return;
    signal(SIGINT, on_signal);
    signal(SIGTERM, on_signal);
    signal(SIGHUP, on_signal);
    signal(SIGPIPE, on_signal);
}

static int same_file(const char *name, const struct stat *out)
{
    struct stat st;
    return name && stat(name, &st) == 0 && st.st_dev == out->st_dev && st.st_ino == out->st_ino;
}

/* The input that `st` is, or NULL. */
static const char *input_named(const struct stat *st, const mb_model *m, const mb_data *D)
{
    for (size_t i = 0; m && i < m->ntexts; i++)
        if (m->texts[i] && same_file(m->texts[i]->name, st)) return m->texts[i]->name;
    for (size_t i = 0; D && i < D->nfiles; i++)
        if (same_file(D->files[i]->name, st)) return D->files[i]->name;
    return NULL;
}

static int refuse(const char *path, const char *why, const char *input)
{
    fputs("mubiao: error: --output '", stderr);
    mb_term_puts(stderr, path);
    fputs("' ", stderr);
    fputs(why, stderr);
    if (input && strcmp(input, path)) {
        fputs(" (as '", stderr);
        mb_term_puts(stderr, input);
        fputs("')", stderr);
    }
    if (input) fputs(": refusing to overwrite it", stderr);
    fputc('\n', stderr);
    return -1;
}

static int fail(const char *path, int err)
{
    fputs("mubiao: error: cannot write '", stderr);
    mb_term_puts(stderr, path);
    fprintf(stderr, "': %s\n", strerror(err));
    return -1;
}

static mode_t new_file_mode(void)
{
    mode_t um = umask(0);
    umask(um);
    return 0666 & ~um;
}

int mb_cli_out_open(mb_out *o, const char *path, const mb_model *m, const mb_data *D)
{
    memset(o, 0, sizeof *o);
    o->f = stdout;
    if (!path || !strcmp(path, "-")) return 0;
    o->path = path;
    struct stat st, lst;
    mode_t mode = new_file_mode();
    int exists = stat(path, &st) == 0, keep_owner = 0;
    if (!exists && errno != ENOENT) return fail(path, errno);
    if (!exists && lstat(path, &lst) == 0) return refuse(path, "is a symbolic link to a file that does not exist", NULL);
    if (exists) {
        const char *in = input_named(&st, m, D);
        if (in) return refuse(path, "is an input of this run", in);
        if (S_ISDIR(st.st_mode)) return refuse(path, "is a folder", NULL);
        if (S_ISCHR(st.st_mode) || S_ISFIFO(st.st_mode)) {
            int fd = open(path, O_WRONLY | O_NOCTTY | O_CLOEXEC);
            if (fd < 0 || !(o->f = fdopen(fd, "w"))) {
                int e = errno;
                if (fd >= 0) close(fd);
                o->f = stdout;
                return fail(path, e);
            }
            o->through = 1;
            return 0;
        }
        if (!S_ISREG(st.st_mode)) return refuse(path, "is not a regular file, a character device or a FIFO", NULL);
        mode = st.st_mode & 07777;
        keep_owner = geteuid() == 0 && (st.st_uid != 0 || st.st_gid != 0);
        if (lstat(path, &lst) == 0 && S_ISLNK(lst.st_mode)) {
            /* replace the file the link points to, in its own folder; the link stays */
            o->target = realpath(path, NULL);
            if (!o->target) return fail(path, errno);
        }
    }
    const char *target = o->target ? o->target : path;
    size_t n = strlen(target) + 16;
    o->tmp = malloc(n);
    if (!o->tmp) { free(o->target); o->target = NULL; return fail(path, ENOMEM); }
    snprintf(o->tmp, n, "%s.tmp.XXXXXX", target);
    int fd = mkstemp(o->tmp);
    int bad = fd < 0 || fchmod(fd, mode) != 0 || (keep_owner && fchown(fd, st.st_uid, st.st_gid) != 0) ||
              !(o->f = mb_out_file_open(fd, &o->w));
    if (bad) {
        int e = errno;
        if (fd >= 0) { close(fd); unlink(o->tmp); }
        free(o->tmp);
        free(o->target);
        o->tmp = o->target = NULL;
        o->f = stdout;
        return fail(path, e);
    }
    watch_signals(o->tmp);
    return 0;
}

int mb_cli_out_replaces(const char *path)
{
    struct stat st, lst;
    if (!path || !strcmp(path, "-")) return 0;
    int exists = stat(path, &st) == 0;
    if (exists ? !S_ISREG(st.st_mode) : errno != ENOENT || lstat(path, &lst) == 0) return 0;
    char *copy = strdup(path);
    int ok = copy && access(dirname(copy), W_OK) == 0;
    free(copy);
    return ok;
}

int mb_cli_out_is_input(const char *path, const mb_model *m, const mb_data *D)
{
    struct stat st;
    return path && stat(path, &st) == 0 && input_named(&st, m, D) != NULL;
}

int mb_cli_out_recheck(mb_out *o, const mb_model *m, const mb_data *D)
{
    struct stat st;
    const char *in = o->path && stat(o->path, &st) == 0 ? input_named(&st, m, D) : NULL;
    if (!in) return 0;
    mb_cli_out_abort(o);
    return refuse(o->path, "is an input of this run", in);
}

/* After rename, the folder entry itself must reach the disk for the new report to survive a
 * crash; a file system that cannot sync a folder (EINVAL) has nothing to do. */
static void sync_folder(const char *file)
{
    char *copy = strdup(file);
    if (!copy) return;
    int fd = open(dirname(copy), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (fd >= 0) { (void)fsync(fd); close(fd); }
    free(copy);
}

static void release(mb_out *o)
{
    free(o->tmp);
    free(o->target);
    free(o->near);
    o->tmp = o->target = o->near = NULL;
}

/* Standard output's writer closed (mb_cli_out_stdout_file): the descriptor was a copy, so
 * standard output itself stays open, as for any report. Unless keep, or when a write
 * failed, the file is cut back to what it held before the report: no report, or a whole one,
 * as with --output. 0, or the failure's errno. */
static int close_stdout_file(mb_out *o, int keep, int *undone)
{
    errno = 0;
    int e = fflush(o->f) != 0 || ferror(o->f) ? (errno ? errno : EIO) : 0;
    if (e && mb_out_file_error(o->w)) e = mb_out_file_error(o->w); /* the cause, not stdio's */
    *undone = (e || !keep) && mb_out_file_undo(o->w, o->f) == 0;
    int ce = mb_out_file_close(o->w, o->f);
    o->w = NULL;
    o->f = stdout;
    release(o);
    return e ? e : ce;
}

int mb_cli_out_commit(mb_out *o)
{
    if (!o->path && o->w) {
        int undone, e = close_stdout_file(o, 1, &undone);
        if (!e) return 0;
        fprintf(stderr, "mubiao: error: the report could not be written whole to standard output%s: %s\n",
                undone ? " (none of it was left there)" : "", strerror(e));
        return -1;
    }
    if (!o->path) {
        errno = 0;
        if (fflush(stdout) == 0 && !ferror(stdout)) return 0;
        fprintf(stderr, "mubiao: error: the report could not be written whole to standard output: %s\n",
                errno ? strerror(errno) : "write error");
        clearerr(stdout); /* said once: the final check of standard output need not repeat it */
        return -1;
    }
    errno = 0;
    int bad = fflush(o->f) != 0 || ferror(o->f);
    int e = errno;
    if (o->through) {
        if (fclose(o->f) != 0 && !bad) { bad = 1; e = errno; }
        if (!bad) return 0;
        fputs("mubiao: error: the report could not be written whole to '", stderr);
        mb_term_puts(stderr, o->path);
        fprintf(stderr, "': %s\n", e ? strerror(e) : "write error");
        return -1;
    }
    watch_signals(NULL);
    int se = bad ? 0 : mb_out_file_sync(o->w, o->f); /* a failed writeback's errno, or the fsync's */
    if (se) { bad = 1; e = se; }
    if (bad && mb_out_file_error(o->w)) e = mb_out_file_error(o->w); /* the cause, not stdio's */
    int ce = mb_out_file_close(o->w, o->f);
    o->w = NULL;
    if (ce && !bad) { bad = 1; e = ce; }
    const char *target = o->target ? o->target : o->path;
    if (!bad && rename(o->tmp, target) != 0) { bad = 1; e = errno; }
    if (!bad) {
        sync_folder(target);
        release(o);
        return 0;
    }
    fputs("mubiao: error: the report could not be written whole to '", stderr);
    mb_term_puts(stderr, o->path);
    fprintf(stderr, "' (left as it was): %s\n", e ? strerror(e) : "write error");
    unlink(o->tmp);
    release(o);
    return -1;
}

int mb_cli_out_empty(mb_out *o)
{
    if (o->w) return mb_out_file_empty(o->w, o->f);
    return -1;
}

off_t mb_cli_out_mark(mb_out *o)
{
    return o->w ? mb_out_file_mark(o->w, o->f) : -1;
}

int mb_cli_out_copy(mb_out *o, int in, off_t from, off_t to, int last)
{
    return o->w ? mb_out_file_copy(o->w, o->f, in, from, to, last) : -1;
}

int mb_cli_out_cut(mb_out *o, off_t at)
{
    return o->w ? mb_out_file_cut(o->w, o->f, at) : -1;
}

/* The rename that replaces the old output frees it: its cached pages and its blocks (a 243 MB
 * report: 0.056 s at the very end of the run, of which the pages are 0.013 s: dropped first,
 * the rename took 0.044 s). Dropped from the cache beforehand, while another thread still
 * works, the rename has less to do. The file's
 * bytes stay as they are (only clean cached copies go), and the hint may do nothing. */
void mb_cli_out_drop_old(const mb_out *o)
{
#if defined(__linux__) && defined(POSIX_FADV_DONTNEED)
    if (!o->tmp) return;
    int fd = open(o->target ? o->target : o->path, O_RDONLY | O_NOCTTY | O_NONBLOCK | O_CLOEXEC);
    if (fd < 0) return;
    struct stat st;
    if (fstat(fd, &st) == 0 && S_ISREG(st.st_mode)) (void)posix_fadvise(fd, 0, 0, POSIX_FADV_DONTNEED);
    close(fd);
#else
    (void)o;
#endif
}

void mb_cli_out_abort(mb_out *o)
{
    int undone;
    if (!o->path && o->w) (void)close_stdout_file(o, 0, &undone); /* no report: none of it left */
    if (!o->path) return;
    watch_signals(NULL);
    if (o->w) (void)mb_out_file_close(o->w, o->f);
    else fclose(o->f);
    o->w = NULL;
    if (o->tmp) unlink(o->tmp);
    release(o);
}

/* Is the file st in folder dir? Every entry is looked at, not only the .csv and .json files
 * the data is read from: simpler, and a match too many only means the report is written
 * after reading. */
static int in_folder(const char *dir, const struct stat *st)
{
    DIR *d = opendir(dir);
    if (!d) return 0;
    struct dirent *e;
    struct stat es;
    int found = 0;
    while (!found && (e = readdir(d)))
        found = fstatat(dirfd(d), e->d_name, &es, 0) == 0 && es.st_dev == st->st_dev && es.st_ino == st->st_ino;
    closedir(d);
    return found;
}

int mb_cli_stdout_streams(const char *const *data, size_t ndata)
{
#ifdef __linux__ /* where the writer counts positions from the report's start (out_file.c) */
    struct stat st, ds;
    /* At the file's end (`> f`, `{ echo; mubiao; } > f`): cutting back removes only what
     * this run wrote, not bytes that were after the offset (`1<> f`). */
    if (fstat(STDOUT_FILENO, &st) != 0 || !S_ISREG(st.st_mode) || lseek(STDOUT_FILENO, 0, SEEK_CUR) != st.st_size)
        return 0;
    /* A file opened to append (`>> log`) may have other writers appending too: cutting it
     * back could take their lines with it. */
    int fl = fcntl(STDOUT_FILENO, F_GETFL);
    if (fl < 0 || (fl & O_APPEND)) return 0;
    /* a data file written while it is read (`>> data.csv`) would be read as data */
    for (size_t i = 0; i < ndata; i++) {
        if (stat(data[i], &ds) != 0) continue; /* the reader says why */
        if (ds.st_dev == st.st_dev && ds.st_ino == st.st_ino) return 0;
        if (S_ISDIR(ds.st_mode) && in_folder(data[i], &st)) return 0;
    }
    return 1;
#else
    (void)data;
    (void)ndata;
    return 0;
#endif
}

/* Standard output's file as named now, for the folder to spool in (NULL: unknown, or gone). */
static char *stdout_name(void)
{
#ifdef __linux__
    char buf[PATH_MAX];
    ssize_t n = readlink("/proc/self/fd/1", buf, sizeof buf - 1);
    if (n <= 0 || buf[0] != '/') return NULL;
    buf[n] = 0;
    const char *gone = " (deleted)";
    if ((size_t)n >= strlen(gone) && !strcmp(buf + n - strlen(gone), gone)) return NULL;
    return strdup(buf);
#else
    return NULL;
#endif
}

int mb_cli_out_stdout_file(mb_out *o)
{
    if (o->path || o->w || fflush(stdout) != 0) return -1;
    int fd = fcntl(STDOUT_FILENO, F_DUPFD_CLOEXEC, 3);
    FILE *f = fd < 0 ? NULL : mb_out_file_open(fd, &o->w);
    if (!f) {
        if (fd >= 0) close(fd);
        return -1;
    }
    o->f = f;
    o->near = stdout_name();
    return 0;
}
