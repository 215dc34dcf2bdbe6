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

#include "model.h"

/* The checker's reader: the same refusals (folders, FIFOs, over 16 MiB, a file that changes
 * while read) for a file fmt formats as for one check reads. */
char *mb_fmt_read(const char *path, size_t *len, const char **why)
{
    if (!strcmp(path, "-")) return mb_rule_fd_read(0, len, why);
    return mb_rule_file_read(path, len, why);
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
