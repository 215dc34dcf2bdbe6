/* region_index.h — the regions' NFKC names to their numbers. A store keeps every region's name
 * for the whole run (reports name regions by number), so at a million regions this index is
 * the largest thing it holds: a slot is 8 bytes (the number and 32 bits of the hash), and the
 * keys live once, in the caller's arena, reached through one pointer per region. */
#ifndef MB_REGION_INDEX_H
#define MB_REGION_INDEX_H

#include <stddef.h>
#include <stdint.h>

#include "arena.h"

typedef struct mb_rix_slot {
    uint32_t ref; /* region number + 1; 0: empty */
    uint32_t tag; /* bits of the key's hash: its home slot, and most mismatches, without the key */
} mb_rix_slot;

typedef struct mb_rix {
    mb_rix_slot *slots;
    const char **keys; /* per region: its key's length (4 bytes), then the key, NUL-terminated */
    size_t cap, n, kcap; /* cap is 0 or a power of two */
} mb_rix;

void mb_rix_init(mb_rix *x);
void mb_rix_free(mb_rix *x);
/* The number + 1 of the region whose key is key[0..len), or 0. */
size_t mb_rix_get(const mb_rix *x, const char *key, size_t len);
/* Adds a key that is not in the index as region x->n, copying it into a. Returns the copy
 * (NUL-terminated, alive as long as a), or NULL when out of memory (then nothing changed). */
const char *mb_rix_add(mb_rix *x, mb_arena *a, const char *key, size_t len);
/* Region i's key and its length. */
const char *mb_rix_key(const mb_rix *x, size_t i, size_t *len);

#endif
