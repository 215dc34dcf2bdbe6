/* arena.h — one allocation owner per parse or model: everything is freed together, so error
 * paths cannot leak. */
#ifndef MB_ARENA_H
#define MB_ARENA_H

#include <stddef.h>

typedef struct mb_arena_chunk mb_arena_chunk;
typedef struct mb_arena {
    mb_arena_chunk *head;
    size_t used, cap;
} mb_arena;

void mb_arena_init(mb_arena *a);
void mb_arena_free(mb_arena *a);
/* Zeroed memory aligned for any type; NULL when out of memory. */
void *mb_arena_alloc(mb_arena *a, size_t n);
char *mb_arena_strndup(mb_arena *a, const char *s, size_t n);
/* Room for element n of an arena array that holds n elements, growing the array to the next
 * power of two when n is one (so appending n elements costs O(n) in all). NULL when out of
 * memory; v must not be used again when the array moved (see mb_arena_grow). */
void *mb_arena_push(mb_arena *a, void *v, size_t n, size_t elem);
/* Grow an arena array: the old contents are copied and the old block must not be used again
 * (a large one is freed at once; a small one stays until the arena dies). */
void *mb_arena_grow(mb_arena *a, void *old, size_t old_n, size_t new_n, size_t elem);

#endif
