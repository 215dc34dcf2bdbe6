/* text.h — UTF-8 text: validation, display width, NFKC. Rule files and names pass through
 * here so that `２．７４％` reads as `2.74%` and `研发经费占比（%）` equals `研发经费占比(%)`. */
#ifndef MB_TEXT_H
#define MB_TEXT_H

#include <stddef.h>
#include <stdint.h>

/* Decode one code point strictly (no overlong forms, surrogates or values past U+10FFFF).
 * Returns its length in bytes, or 0 when the bytes at s are not valid UTF-8. */
size_t mb_utf8_decode(const unsigned char *s, size_t n, int32_t *cp);
/* Offset of the first invalid byte, or n when all of s is valid. */
size_t mb_utf8_check(const char *s, size_t n);
/* Display width of s in terminal columns (CJK wide: 2; combining marks: 0). */
size_t mb_text_width(const char *s, size_t n);
/* Characters (code points) in s. */
size_t mb_text_chars(const char *s, size_t n);
/* NFKC of s (valid UTF-8), malloc'd and NUL-terminated; NULL when out of memory. *out_len
 * (when given) is its length, 0 on failure. */
char *mb_nfkc(const char *s, size_t n, size_t *out_len);
/* Case-sensitive NFKC equality without allocating when both are plain ASCII. */
int mb_name_eq(const char *a, size_t an, const char *b, size_t bn);

/* A rule file normalised for the lexer: each character replaced by its compatibility form,
 * with a map back to the original offsets so every token can be located in what the user
 * wrote. */
typedef struct mb_normtext {
    char *data;      /* NUL-terminated */
    size_t len;
    uint32_t *map;   /* map[i]: original offset of normalised byte i; map[len] == original len */
} mb_normtext;

/* Fails (returns the offset of the first bad byte, else (size_t)-1 on success) on invalid
 * UTF-8, a NUL byte, or a byte order mark anywhere but at offset 0 (which is skipped). On
 * success `*bad_kind` is untouched; on failure it says what was found. */
enum { MB_BAD_UTF8 = 1, MB_BAD_NUL, MB_BAD_BOM, MB_BAD_OOM };
size_t mb_normtext_build(mb_normtext *nt, const char *s, size_t n, int *bad_kind);
void mb_normtext_free(mb_normtext *nt);

#endif
