/* test_memory.c — memory per target. A rule file is at most 16 MiB, and the densest one (half a
 * million short targets) must check well within 1 GiB (docs/limits.md): the criterion and the
 * tree must stay small. The sizes are pinned here; the whole run is held by the hostile case
 * targets_16mib_distinct. */
#include <criterion/criterion.h>
#include <malloc.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "model.h"
#include "support.h"

/* A criterion is kept for every deadline of every rule: the factors of a bound that outgrows
 * 128 bits (mb_pow) belong to a bound computed for one verdict (mb_bound), never to it. */
Test(memory, criterion_is_small)
{
    cr_assert_leq(sizeof(mb_crit), 272, "sizeof(mb_crit) = %zu", sizeof(mb_crit));
    cr_assert_leq(sizeof(mb_limit), 48, "sizeof(mb_limit) = %zu", sizeof(mb_limit));
}

#if defined(__SANITIZE_ADDRESS__)
#define MB_ASAN 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define MB_ASAN 1
#endif
#endif

#ifndef MB_ASAN /* the heap is AddressSanitizer's there: these count nothing */
static size_t heap_in_use(void)
{
    struct mallinfo2 mi = mallinfo2();
    return mi.uordblks + mi.hblkhd;
}

/* Heap bytes a checked model keeps per target, for n short distinct targets (the densest rule
 * file there is: `target tN:x>=1 by 2020;`, 25 bytes a target). */
static double bytes_per_target(size_t n)
{
    size_t cap = 64 + n * 32, k = 0;
    char *s = malloc(cap);
    cr_assert_not_null(s);
    k += (size_t)snprintf(s + k, cap - k, "indicator x \"x\" unit 1 higher;\n");
    for (size_t i = 0; i < n; i++) k += (size_t)snprintf(s + k, cap - k, "target t%zu:x>=1 by 2020;\n", i);
    size_t before = heap_in_use();
    mb_model *m = mb_model_new();
    mb_diags d;
    mb_diags_init(&d, 50);
    cr_assert_eq(mb_model_load_text(m, "many.mb", s, k, &d), 0);
    cr_assert_eq(mb_model_check(m, &d), 0, "%s", mbt_diags_text(&d));
    cr_assert_eq(m->nrules, n);
    size_t after = heap_in_use();
    mb_diags_free(&d);
    mb_model_free(m);
    free(s);
    return ((double)after - (double)before) / (double)n;
}
#endif

/* 582,355 such targets fill 16 MiB; at about 1,100 bytes a target (tree, model, criterion and
 * names; 1,600 when every criterion held the factors of a large bound and the tree kept every
 * form's fields and clauses in each target) they check in 0.78 GB. (mallinfo2 sees nothing
 * under AddressSanitizer, whose allocator is its own.) */
Test(memory, bytes_per_target)
{
#ifdef MB_ASAN
    cr_skip_test("the heap is AddressSanitizer's: mallinfo2 does not count it");
#else
    double per = bytes_per_target(100000);
    cr_assert_leq(per, 1200.0, "%.0f bytes a target", per);
    cr_assert_geq(per, 100.0, "%.0f bytes a target: is the heap counted?", per);
#endif
}
