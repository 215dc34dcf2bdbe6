/* test_strf.c — mb_strf writes what snprintf writes, byte for byte, truncation included. */
#include <criterion/criterion.h>
#include <limits.h>
#include <stdio.h>
#include <string.h>

#include "strf.h"

/* Every capacity from 0 to past the whole text: the same bytes and the same length. */
#define SAME(fmt, ...)                                                                            \
    do {                                                                                          \
        for (size_t cap = 0; cap < 48; cap++) {                                                   \
            char a[48], b[48];                                                                    \
            memset(a, 'x', sizeof a);                                                             \
            memset(b, 'x', sizeof b);                                                             \
            size_t n = mb_strf(a, cap, fmt, __VA_ARGS__);                                         \
            int r = snprintf(b, cap, fmt, __VA_ARGS__);                                           \
            cr_assert(memcmp(a, b, sizeof a) == 0, "%s at capacity %zu: \"%.*s\" vs \"%.*s\"",  \
                      fmt, cap, (int)(cap ? cap - 1 : 0), a, (int)(cap ? cap - 1 : 0), b);      \
            cr_assert_eq(n, cap ? ((size_t)r < cap ? (size_t)r : cap - 1) : 0, "%s at %zu", fmt, cap); \
        }                                                                                         \
    } while (0)

Test(strf, strings_and_integers_as_snprintf)
{
    SAME("no value of '%s' for %s%s", "rd_gdp", "2018", " (the base year)");
    SAME("%d is not %s %d", 2019, "above", 2018);
    SAME("%s every year %d..%d", "rises", 2016, 2020);
    SAME("%d %d %d", 0, -7, INT_MIN);
    SAME("%d", INT_MAX);
    SAME("100%% of %s", "研发");
    SAME("%s%s", "", "");
    SAME("plain text, no conversion%s", "");
}

/* Anything else goes to vsnprintf whole: the text is still snprintf's. */
Test(strf, other_conversions_as_snprintf)
{
    SAME("%s then %5d", "a", 42);
    SAME("%zu rows, %s", (size_t)12, "x");
    SAME("%.3s|%s", "abcdef", "g");
    SAME("%s and %g", "b", 2.5);
    const char *volatile none = NULL; /* unknown to the compiler, which warns of a literal one */
    SAME("%d then %s", 3, none);       /* a NULL string: the C library's words */
}
