/* xalloc.h — the library's allocation entry points. A test build (MB_FAILALLOC) can make the
 * n-th allocation fail, to prove every caller turns that into a clean "out of memory". */
#ifndef MB_XALLOC_H
#define MB_XALLOC_H

#include <stddef.h>

void *mb_malloc(size_t n);
void *mb_calloc(size_t n, size_t m);
void *mb_realloc(void *p, size_t n);
/* Fail the n-th allocation from now on (0: never). Only in MB_FAILALLOC builds. */
void mb_failalloc_set(long n);
long mb_failalloc_count(void);

#endif
