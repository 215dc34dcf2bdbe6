/* xalloc.c — allocation with an optional failure injector for tests. */
#include "xalloc.h"

#include <stdlib.h>

#ifdef MB_FAILALLOC
static long fail_at, count;
static int should_fail(void) { return ++count == fail_at; }
void mb_failalloc_set(long n) { fail_at = n; count = 0; }
long mb_failalloc_count(void) { return count; }
#else
static int should_fail(void) { return 0; }
void mb_failalloc_set(long n) { (void)n; }
long mb_failalloc_count(void) { return 0; }
#endif

void *mb_malloc(size_t n) { return should_fail() ? NULL : malloc(n ? n : 1); }
void *mb_calloc(size_t n, size_t m) { return should_fail() ? NULL : calloc(n ? n : 1, m ? m : 1); }
void *mb_realloc(void *p, size_t n) { return should_fail() ? NULL : realloc(p, n ? n : 1); }
