/* map.c — linear probing; grows at 50% load. */
#include "map.h"

#include <stdlib.h>
#include <string.h>

#include "xalloc.h"

/* Eight bytes at a time with a multiply-xorshift mix: names are short, and this runs for
 * every distinct name in a submission of millions of rows. */
uint64_t mb_hash(const char *s, size_t n)
{
    uint64_t h = 0x9E3779B97F4A7C15ULL ^ n;
    size_t i = 0;
    for (; i + 8 <= n; i += 8) {
        uint64_t w;
        memcpy(&w, s + i, 8);
        h = (h ^ w) * 0xFF51AFD7ED558CCDULL;
        h ^= h >> 32;
    }
    uint64_t w = 0;
    memcpy(&w, s + i, n - i);
    h = (h ^ w) * 0xC4CEB9FE1A85EC53ULL;
    return h ^ (h >> 29);
}

void mb_map_init(mb_map *m) { memset(m, 0, sizeof *m); }

void mb_map_free(mb_map *m)
{
    free(m->slots);
    memset(m, 0, sizeof *m);
}

static mb_map_slot *find(const mb_map *m, const char *key, size_t len, uint64_t h)
{
    size_t mask = m->cap - 1;
    for (size_t i = h & mask;; i = (i + 1) & mask) {
        mb_map_slot *s = &m->slots[i];
        if (!s->key || (s->hash == h && s->len == len && memcmp(s->key, key, len) == 0)) return s;
    }
}

void *mb_map_get(const mb_map *m, const char *key, size_t len)
{
    if (!m->cap) return NULL;
    mb_map_slot *s = find(m, key, len, mb_hash(key, len));
    return s->key ? s->val : NULL;
}

void **mb_map_ref(mb_map *m, const char *key, size_t len)
{
    if (!m->cap) return NULL;
    mb_map_slot *s = find(m, key, len, mb_hash(key, len));
    return s->key ? &s->val : NULL;
}

static int grow(mb_map *m)
{
    size_t nc = m->cap ? m->cap * 2 : 16;
    mb_map_slot *old = m->slots, *ns = mb_calloc(nc, sizeof *ns);
    if (!ns) return 0;
    size_t oc = m->cap;
    m->slots = ns;
    m->cap = nc;
    for (size_t i = 0; i < oc; i++)
        if (old[i].key) *find(m, old[i].key, old[i].len, old[i].hash) = old[i];
    free(old);
    return 1;
}

int mb_map_put(mb_map *m, const char *key, size_t len, void *val)
{
    if ((m->n + 1) * 2 > m->cap && !grow(m)) return 0;
    uint64_t h = mb_hash(key, len);
    mb_map_slot *s = find(m, key, len, h);
    if (!s->key) m->n++;
    *s = (mb_map_slot){key, len, h, val};
    return 1;
}
