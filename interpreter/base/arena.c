/* arena.c — bump allocator in chunks. */
#include "arena.h"

#include <stdlib.h>
#include <string.h>

#include "xalloc.h"

struct mb_arena_chunk {
    mb_arena_chunk *next;
    size_t cap;
    _Alignas(16) unsigned char data[];
};

enum { CHUNK = 64 * 1024 };

void mb_arena_init(mb_arena *a) { memset(a, 0, sizeof *a); }

void mb_arena_free(mb_arena *a)
{
    for (mb_arena_chunk *c = a->head, *n; c; c = n) {
        n = c->next;
        free(c);
    }
    memset(a, 0, sizeof *a);
}

void *mb_arena_alloc(mb_arena *a, size_t n)
{
    n = (n + 15) & ~(size_t)15;
    if (!a->head || a->used + n > a->cap) {
        size_t cap = n > CHUNK ? n : CHUNK;
        mb_arena_chunk *c = mb_malloc(sizeof *c + cap);
        if (!c) return NULL;
        c->next = a->head;
        c->cap = cap;
        a->head = c;
        a->used = 0;
        a->cap = cap;
    }
    void *p = a->head->data + a->used;
    a->used += n;
    memset(p, 0, n);
    return p;
}

char *mb_arena_strndup(mb_arena *a, const char *s, size_t n)
{
    char *p = mb_arena_alloc(a, n + 1);
    if (p) {
        memcpy(p, s, n);
        p[n] = 0;
    }
    return p;
}

/* A block of more than CHUNK bytes has a chunk of its own (mb_arena_alloc): once it has been
 * copied into a bigger one, that chunk goes back, so an array grown by doubling to n elements
 * costs n, not 2n (the statements of a 16 MiB rule file: 28 MB). */
static void release_own_chunk(mb_arena *a, void *old, size_t n)
{
    if (((n + 15) & ~(size_t)15) <= CHUNK) return;
    for (mb_arena_chunk **pc = &a->head; *pc; pc = &(*pc)->next) {
        mb_arena_chunk *c = *pc;
        if ((void *)c->data != old) continue;
        if (c != a->head) {
            *pc = c->next;
            free(c);
        }
        return;
    }
}

void *mb_arena_grow(mb_arena *a, void *old, size_t old_n, size_t new_n, size_t elem)
{
    void *p = mb_arena_alloc(a, new_n * elem);
    if (p && old_n) {
        memcpy(p, old, old_n * elem);
        release_own_chunk(a, old, old_n * elem);
    }
    return p;
}

void *mb_arena_push(mb_arena *a, void *v, size_t n, size_t elem)
{
    if (n && (n & (n - 1))) return v; /* capacity is the next power of two: room left */
    return mb_arena_grow(a, v, n, n ? 2 * n : 1, elem);
}
