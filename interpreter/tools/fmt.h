/* fmt.h — the formatter (mb_fmt_ prefix): rule text to its canonical layout (lang/print.h
 * says what canonical means), a unified diff between two texts, and replacing a file
 * atomically. Used by `mubiao fmt`; the language server formats a document with
 * mb_fmt_text. Nothing here prints except to the stream it is given. */
#ifndef MB_FMT_H
#define MB_FMT_H

#include <stdio.h>

#include "diag.h"

enum {
    MB_FMT_OK = 0,
    MB_FMT_SYNTAX = -1,   /* the text has errors (recorded in d): it is not formatted */
    MB_FMT_OOM = -2,
    MB_FMT_UNSAFE = -3,   /* the layout would change the tree: a printer bug, never written */
};

/* The canonical text of rule text t (t->name names it in diagnostics): *out is malloc'd and
 * NUL-terminated, its length in *len. The result is parsed again and must give the same
 * tree (structural dump) as t, or MB_FMT_UNSAFE is returned; so a caller never writes a
 * text that means something else. */
int mb_fmt_text(const mb_text *t, mb_diags *d, char **out, size_t *len);

/* A unified diff (diff -u, three lines of context) from a to b, with headers "--- name_a"
 * and "+++ name_b"; nothing when they are equal. Returns 0, or -1 when out of memory or
 * when writing failed. */
int mb_fmt_diff(FILE *out, const char *name_a, const char *a, size_t na,
                const char *name_b, const char *b, size_t nb);

/* Replaces the regular file at path (a symbolic link: the file it points to) with data:
 * a temporary file in the same folder, written, fsync'd, given the old file's mode, then
 * renamed over it, and the folder synced. On any error the original is untouched and the
 * temporary removed. `stall_at` is for tests: when nonzero, after that many bytes are
 * written the process stops itself (SIGSTOP) so a test can kill it mid-write. Returns 0
 * or an errno value. */
int mb_fmt_write_atomic(const char *path, const char *data, size_t n, size_t stall_at);

/* A whole rule file (at most 16 MiB; a regular file, or "-": standard input), malloc'd and
 * NUL-terminated. NULL with *why saying what went wrong. */
char *mb_fmt_read(const char *path, size_t *len, const char **why);

/* The rule files under dir, recursively (names ending in ".mb"; folders and files whose
 * name starts with '.' skipped), sorted, appended to *v (malloc'd strings). 0, or an errno
 * value. */
int mb_fmt_list_dir(const char *dir, char ***v, size_t *n);

#endif
