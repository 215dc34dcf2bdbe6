/* test_region_index.c — the regions' name index (region_index.h): lookups, growth, keys that
 * share a tag or a prefix, the empty key. */
#include <criterion/criterion.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "arena.h"
#include "map.h"
#include "region_index.h"

static mb_rix x;
static mb_arena a;

static void setup(void)
{
    mb_rix_init(&x);
    mb_arena_init(&a);
}

static void teardown(void)
{
    mb_rix_free(&x);
    mb_arena_free(&a);
}

static size_t get(const char *s) { return mb_rix_get(&x, s, strlen(s)); }

static size_t add(const char *s)
{
    size_t n = x.n;
    const char *k = mb_rix_add(&x, &a, s, strlen(s));
    cr_assert_not_null(k);
    cr_assert_str_eq(k, s); /* a NUL-terminated copy */
    cr_assert_neq(k, s);
    return n;
}

TestSuite(region_index, .init = setup, .fini = teardown);

Test(region_index, empty_index_finds_nothing)
{
    cr_assert_eq(get("R1"), 0);
    cr_assert_eq(get(""), 0);
}

Test(region_index, numbers_in_order_of_adding)
{
    cr_assert_eq(add("北京"), 0);
    cr_assert_eq(add("R000001"), 1);
    cr_assert_eq(get("北京"), 1);
    cr_assert_eq(get("R000001"), 2);
    cr_assert_eq(get("R000002"), 0);
    size_t n;
    const char *k = mb_rix_key(&x, 0, &n);
    cr_assert_eq(n, strlen("北京"));
    cr_assert_str_eq(k, "北京");
}

Test(region_index, keys_that_are_prefixes_of_each_other)
{
    const char *keys[] = {"R", "R0", "R00", "R000", "R0000", "R00000", "R000000", "R0000000", "R00000000"};
    for (size_t i = 0; i < 9; i++) add(keys[i]);
    for (size_t i = 0; i < 9; i++) cr_assert_eq(get(keys[i]), i + 1, "%s", keys[i]);
    cr_assert_eq(mb_rix_get(&x, "R000", 3), 3); /* a length decides, not the terminator */
    cr_assert_eq(get("R000000000"), 0);
}

Test(region_index, empty_key_and_keys_holding_nul)
{
    add("");
    cr_assert_eq(mb_rix_add(&x, &a, "a\0b", 3) != NULL, 1);
    cr_assert_eq(get(""), 1);
    cr_assert_eq(mb_rix_get(&x, "a\0b", 3), 2);
    cr_assert_eq(get("a"), 0); /* not found by the bytes before its NUL */
    cr_assert_eq(mb_rix_get(&x, "a\0c", 3), 0);
}

/* Many keys: the table grows many times (from 1024 slots) and each key keeps its number. */
Test(region_index, grows_and_keeps_every_key)
{
    enum { N = 200000 };
    char b[32];
    for (size_t i = 0; i < N; i++) {
        snprintf(b, sizeof b, "R%06zu", i);
        cr_assert_eq(mb_rix_add(&x, &a, b, strlen(b)) != NULL, 1);
    }
    cr_assert_eq(x.n, N);
    cr_assert_leq(x.n * 2, x.cap);
    cr_assert_lt(x.cap, (size_t)N * 4);
    for (size_t i = 0; i < N; i++) {
        snprintf(b, sizeof b, "R%06zu", i);
        cr_assert_eq(get(b), i + 1, "%s", b);
    }
    cr_assert_eq(get("R200000"), 0);
    cr_assert_eq(get("R00000"), 0);
}

static int by_value(const void *p, const void *q)
{
    uint64_t u = *(const uint64_t *)p, v = *(const uint64_t *)q;
    return u < v ? -1 : u > v;
}

/* Two keys whose 32-bit tags are equal must still be told apart by their bytes. Such pairs
 * are found among 300,000 names of three words (eleven: the hash is fixed; names of one word,
 * such as R000001, spread their tags so evenly that they share none). */
Test(region_index, colliding_tags_compare_keys)
{
    enum { N = 300000 };
    static uint64_t t[N];
    char b[32], c[32];
    for (size_t i = 0; i < N; i++) {
        snprintf(b, sizeof b, "region %zu of the test", i);
        t[i] = (mb_hash(b, strlen(b)) >> 32) << 32 | i;
    }
    qsort(t, N, sizeof *t, by_value);
    size_t i = 1;
    while (i < N && t[i] >> 32 != t[i - 1] >> 32) i++;
    cr_assert_lt(i, N, "no two names share a tag");
    snprintf(b, sizeof b, "region %zu of the test", (size_t)(uint32_t)t[i - 1]);
    snprintf(c, sizeof c, "region %zu of the test", (size_t)(uint32_t)t[i]);
    add(b);
    cr_assert_eq(get(c), 0);
    add(c);
    cr_assert_eq(get(b), 1);
    cr_assert_eq(get(c), 2);
    cr_assert_eq(x.slots[mb_hash(b, strlen(b)) >> 32 & (x.cap - 1)].ref, 1); /* c probed past b */
}
