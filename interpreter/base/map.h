/* map.h — string-keyed hash map (open addressing). Keys are not copied: the caller keeps
 * them alive (they live in an arena or a mapped file). */
#ifndef MB_MAP_H
#define MB_MAP_H

#include <stddef.h>
#include <stdint.h>

typedef struct mb_map_slot {
    const char *key;
    size_t len;
    uint64_t hash;
    void *val;
} mb_map_slot;

typedef struct mb_map {
    mb_map_slot *slots;
    size_t cap, n;  /* cap is a power of two */
} mb_map;

uint64_t mb_hash(const char *s, size_t n);
void mb_map_init(mb_map *m);
void mb_map_free(mb_map *m);
void *mb_map_get(const mb_map *m, const char *key, size_t len);
/* The value slot of an existing key (to update in place, keeping the stored key), or NULL. */
void **mb_map_ref(mb_map *m, const char *key, size_t len);
/* Insert or replace; returns 0 when out of memory. */
int mb_map_put(mb_map *m, const char *key, size_t len, void *val);

#endif
