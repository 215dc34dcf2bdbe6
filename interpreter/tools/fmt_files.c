/* fmt_files.c — reading a rule file whole and finding the rule files under a folder, for
 * the commands that take FILE|DIR operands (fmt, test). */
#define _GNU_SOURCE
#include "fmt.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "parse.h"

static char *read_fd(int fd, size_t *len, const char **why)
{
    size_t cap = 65536, n = 0;
    char *buf = malloc(cap + 1);
    for (;;) {
        if (!buf) { *why = "out of memory"; return NULL; }
        if (n == cap) {
            char *nb = realloc(buf, cap * 2 + 1);
            if (!nb) { free(buf); buf = NULL; continue; }
            buf = nb;
            cap *= 2;
        }
        ssize_t k = read(fd, buf + n, cap - n);
        if (k < 0 && errno == EINTR) continue;
        if (k < 0) { *why = strerror(errno); free(buf); return NULL; }
        if (k == 0) break;
        n += (size_t)k;
        if (n > MB_MAX_RULE_FILE) { free(buf); *why = "file too large for a rule file (limit 16 MiB)"; return NULL; }
    }
    buf[n] = 0;
    *len = n;
    return buf;
}

char *mb_fmt_read(const char *path, size_t *len, const char **why)
{
    if (!strcmp(path, "-")) return read_fd(0, len, why);
    int fd = open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK);
    if (fd < 0) { *why = strerror(errno); return NULL; }
    struct stat sb;
    char *buf = NULL;
    if (fstat(fd, &sb) != 0) *why = strerror(errno);
    else if (S_ISDIR(sb.st_mode)) *why = "is a directory";
    else if (!S_ISREG(sb.st_mode)) *why = "not a regular file";
    else if (sb.st_size > MB_MAX_RULE_FILE) *why = "file too large for a rule file (limit 16 MiB)";
    else buf = read_fd(fd, len, why);
    close(fd);
    return buf;
}

static int push(char ***v, size_t *n, char *s)
{
    if (!s) return ENOMEM;
    char **nv = realloc(*v, (*n + 1) * sizeof *nv);
    if (!nv) { free(s); return ENOMEM; }
    *v = nv;
    (*v)[(*n)++] = s;
    return 0;
}

static int by_name(const void *a, const void *b) { return strcmp(*(char *const *)a, *(char *const *)b); }

static int is_rule_file(const char *name)
{
    size_t k = strlen(name);
    return k > 3 && !strcmp(name + k - 3, ".mb");
}

int mb_fmt_list_dir(const char *dir, char ***v, size_t *n)
{
    DIR *d = opendir(dir);
    if (!d) return errno;
    size_t first = *n;
    int e = 0;
    struct dirent *de;
    while (!e && (de = readdir(d))) {
        if (de->d_name[0] == '.') continue;
        char *p = NULL;
        size_t dl = strlen(dir);
        if (asprintf(&p, "%s%s%s", dir, dl && dir[dl - 1] == '/' ? "" : "/", de->d_name) < 0) { e = ENOMEM; break; }
        struct stat st;
        if (stat(p, &st) != 0) { free(p); continue; } /* a dangling link: nothing to format */
        if (S_ISDIR(st.st_mode)) { e = mb_fmt_list_dir(p, v, n); free(p); }
        else if (S_ISREG(st.st_mode) && is_rule_file(de->d_name)) e = push(v, n, p);
        else free(p);
    }
    closedir(d);
    /* An empty folder has no array yet (*v may be NULL): qsort must not see it. */
    if (!e && *n > first) qsort(*v + first, *n - first, sizeof **v, by_name);
    return e;
}
