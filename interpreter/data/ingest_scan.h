/* ingest_scan.h — finding a plain CSV line's end and commas, 16 bytes at a time: shared by
 * the splitter (ingest_plain.c) and the plain-line loop of the row handler (ingest.c). */
#ifndef MB_INGEST_SCAN_H
#define MB_INGEST_SCAN_H

#include <stddef.h>
#include <stdint.h>
#if defined(__SSE2__)
#include <emmintrin.h>
#endif

enum { MB_PLAIN_SPAN = 64 }; /* the longest line taken here, newline included */

/* Bits i (0..63) of the line at p: where a comma is, and where a byte is that only the
 * general reader may read (a quote, a NUL, a byte from 0x80). Returns the length of the line
 * (to its newline), or 0 when no newline is among the 64 bytes. p[0..64) must be readable. */
#if defined(__SSE2__)
static inline size_t mb_plain_scan(const unsigned char *p, uint64_t *commas, uint64_t *odd)
{
    const __m128i nl = _mm_set1_epi8('\n'), comma = _mm_set1_epi8(','), quote = _mm_set1_epi8('"');
    const __m128i zero = _mm_setzero_si128();
    uint64_t c = 0, o = 0;
    for (unsigned k = 0; k < MB_PLAIN_SPAN; k += 16) {
        __m128i v = _mm_loadu_si128((const __m128i *)(const void *)(p + k));
        c |= (uint64_t)(uint32_t)_mm_movemask_epi8(_mm_cmpeq_epi8(v, comma)) << k;
        /* OR-ing v itself in makes movemask report every byte with the high bit set */
        __m128i bad = _mm_or_si128(_mm_or_si128(_mm_cmpeq_epi8(v, quote), _mm_cmpeq_epi8(v, zero)), v);
        o |= (uint64_t)(uint32_t)_mm_movemask_epi8(bad) << k;
        unsigned n = (unsigned)_mm_movemask_epi8(_mm_cmpeq_epi8(v, nl));
        if (n) {
            *commas = c;
            *odd = o;
            return k + (size_t)__builtin_ctz(n);
        }
    }
    return 0;
}
#else
static inline size_t mb_plain_scan(const unsigned char *p, uint64_t *commas, uint64_t *odd)
{
    uint64_t c = 0, o = 0;
    for (unsigned i = 0; i < MB_PLAIN_SPAN; i++) {
        if (p[i] == '\n') {
            *commas = c;
            *odd = o;
            return i;
        }
        c |= (uint64_t)(p[i] == ',') << i;
        o |= (uint64_t)(p[i] == '"' || p[i] == 0 || p[i] >= 0x80) << i;
    }
    return 0;
}
#endif

#endif
