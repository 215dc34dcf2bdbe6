/* region_index.c — linear probing over 8-byte slots; grows at 50% load. */
#include "region_index.h"

#include <stdlib.h>
#include <string.h>

#include "map.h"
#include "xalloc.h"

/* The tag is the hash's high half and the home slot its low bits: growing rehashes from the
 * tags alone, without reading a key (keys are scattered over the arena: a million cache
 * misses). Region numbers stay below 2^32 (MB_MAX_REGIONS is 10^7). */
static uint32_t tag_of(const char *key, size_t len) { return (uint32_t)(mb_hash(key, len) >> 32); }

void mb_rix_init(mb_rix *x) { memset(x, 0, sizeof *x); }

void mb_rix_free(mb_rix *x)
{
    free(x->slots);
    free(x->keys);
    memset(x, 0, sizeof *x);
}

const char *mb_rix_key(const mb_rix *x, size_t i, size_t *len)
{
    uint32_t n;
    memcpy(&n, x->keys[i], sizeof n);
    *len = n;
    return x->keys[i] + sizeof n;
}

static int same_key(const mb_rix *x, uint32_t ref, const char *key, size_t len)
{
    size_t n;
    const char *k = mb_rix_key(x, ref - 1, &n);
    return n == len && memcmp(k, key, len) == 0;
}

size_t mb_rix_get(const mb_rix *x, const char *key, size_t len)
{
    if (!x->cap) return 0;
    uint32_t tag = tag_of(key, len);
    size_t mask = x->cap - 1;
    for (size_t i = tag & mask; x->slots[i].ref; i = (i + 1) & mask)
        if (x->slots[i].tag == tag && same_key(x, x->slots[i].ref, key, len)) return x->slots[i].ref;
    return 0;
}

static void place(mb_rix_slot *s, size_t mask, mb_rix_slot v)
{
    size_t i = v.tag & mask;
    while (s[i].ref) i = (i + 1) & mask;
    s[i] = v;
}

/* The old table is freed as soon as its slots are placed: the two are held together only
 * while rehashing, which reads tags and no keys. */
static int grow_slots(mb_rix *x)
{
    size_t nc = x->cap ? x->cap * 2 : 1024;
    mb_rix_slot *ns = mb_calloc(nc, sizeof *ns);
    if (!ns) return 0;
    for (size_t i = 0; i < x->cap; i++)
        if (x->slots[i].ref) place(ns, nc - 1, x->slots[i]);
    free(x->slots);
    x->slots = ns;
    x->cap = nc;
    return 1;
}

static int grow_keys(mb_rix *x)
{
    size_t nc = x->kcap ? x->kcap * 2 : 1024;
    const char **nk = mb_realloc(x->keys, nc * sizeof *nk);
    if (!nk) return 0;
    x->keys = nk;
    x->kcap = nc;
    return 1;
}

const char *mb_rix_add(mb_rix *x, mb_arena *a, const char *key, size_t len)
{
    if (len > UINT32_MAX || x->n >= UINT32_MAX - 1) return NULL;
    if ((x->n + 1) * 2 > x->cap && !grow_slots(x)) return NULL;
    if (x->n == x->kcap && !grow_keys(x)) return NULL;
    uint32_t n = (uint32_t)len;
    char *k = mb_arena_alloc(a, sizeof n + len + 1);
    if (!k) return NULL;
    memcpy(k, &n, sizeof n);
    if (len) memcpy(k + sizeof n, key, len); /* the arena zeroed the NUL */
    x->keys[x->n] = k;
    place(x->slots, x->cap - 1, (mb_rix_slot){(uint32_t)(x->n + 1), tag_of(key, len)});
    x->n++;
    return k + sizeof n;
}
