/* fmt_write.c — replacing a rule file atomically: the new text goes to a temporary file in
 * the same folder (so rename cannot cross file systems), is synced, takes the old file's
 * mode (and, for root, owner), and is renamed over the old one. Until the rename the old
 * file is untouched; a run killed before it leaves the old file whole (and, killed by a
 * signal that cannot be caught, a ".NAME.fmt-XXXXXX" temporary beside it). */
#include "fmt.h"

#include <errno.h>
#include <fcntl.h>
#include <libgen.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

enum { CHUNK = 64 * 1024 };

/* ".NAME.fmt-XXXXXX" in the folder of path. */
static char *temp_name(const char *path)
{
    char *a = strdup(path), *b = strdup(path);
    char *t = NULL;
    if (a && b) {
        const char *dir = dirname(a), *base = basename(b);
        size_t n = strlen(dir) + strlen(base) + 16;
        if ((t = malloc(n))) snprintf(t, n, "%s/.%s.fmt-XXXXXX", dir, base);
    }
    free(a);
    free(b);
    return t;
}

static int write_all(int fd, const char *data, size_t n, size_t stall_at)
{
    size_t done = 0;
    while (done < n) {
        size_t want = n - done < CHUNK ? n - done : CHUNK;
        if (stall_at && done < stall_at && done + want > stall_at) want = stall_at - done;
        ssize_t w = write(fd, data + done, want);
        if (w < 0 && errno == EINTR) continue;
        if (w <= 0) return w < 0 ? errno : EIO;
        done += (size_t)w;
        if (stall_at && done == stall_at) raise(SIGSTOP); /* tests: kill me here */
    }
    return 0;
}

static void sync_folder(const char *file)
{
    char *copy = strdup(file);
    if (!copy) return;
    int fd = open(dirname(copy), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (fd >= 0) { (void)fsync(fd); close(fd); }
    free(copy);
}

static int replace(const char *target, const struct stat *st, const char *data, size_t n, size_t stall_at)
{
    char *tmp = temp_name(target);
    if (!tmp) return ENOMEM;
    int fd = mkstemp(tmp), e = 0;
    if (fd < 0) { e = errno; free(tmp); return e; }
    if (fchmod(fd, st->st_mode & 07777) != 0) e = errno;
    if (!e && geteuid() == 0 && fchown(fd, st->st_uid, st->st_gid) != 0) e = errno;
    if (!e) e = write_all(fd, data, n, stall_at);
    if (!e && fsync(fd) != 0) e = errno;
    if (close(fd) != 0 && !e) e = errno;
    if (!e && rename(tmp, target) != 0) e = errno;
    if (e) unlink(tmp);
    else sync_folder(target);
    free(tmp);
    return e;
}

int mb_fmt_write_atomic(const char *path, const char *data, size_t n, size_t stall_at)
{
    struct stat st;
    if (stat(path, &st) != 0) return errno;
    if (!S_ISREG(st.st_mode)) return EINVAL;
    char *target = realpath(path, NULL); /* a link stays a link: its file is replaced */
    if (!target) return errno;
    int e = replace(target, &st, data, n, stall_at);
    free(target);
    return e;
}
