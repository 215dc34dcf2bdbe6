/* lsp_pos.c — byte offsets in UTF-8 text to LSP positions and back. The protocol counts a
 * line's characters in UTF-16 code units: a CJK character is one, a character outside the
 * Basic Multilingual Plane (𠀀, an emoji) two. */
#include "lsp.h"
#include "text.h"

/* Length in bytes and UTF-16 units of the character at s[i] (an invalid byte: 1 and 1). */
static size_t char_at(const char *s, size_t n, size_t i, uint32_t *units)
{
    unsigned char c = (unsigned char)s[i];
    if (c < 0x80) { *units = 1; return 1; }
    int32_t cp;
    size_t k = mb_utf8_decode((const unsigned char *)s + i, n - i, &cp);
    if (!k) { *units = 1; return 1; }
    *units = cp >= 0x10000 ? 2 : 1;
    return k;
}

mb_lsp_pos mb_lsp_pos_of(const char *s, size_t n, size_t off)
{
    if (off > n) off = n;
    mb_lsp_pos p = {0, 0};
    size_t ls = 0;
    for (size_t i = 0; i < off; i++)
        if (s[i] == '\n') { p.line++; ls = i + 1; }
    for (size_t i = ls; i < off;) {
        uint32_t u;
        size_t k = char_at(s, n, i, &u);
        if (i + k > off) break; /* off is inside this character */
        if (s[i] == '\r' && i + 1 < n && s[i + 1] == '\n') break;
        p.character += u;
        i += k;
    }
    return p;
}

size_t mb_lsp_off_of(const char *s, size_t n, mb_lsp_pos p)
{
    size_t i = 0;
    for (uint32_t line = 0; line < p.line; line++) {
        while (i < n && s[i] != '\n') i++;
        if (i == n) return n;
        i++;
    }
    for (uint32_t units = 0; i < n && s[i] != '\n';) {
        if (s[i] == '\r' && i + 1 < n && s[i + 1] == '\n') break;
        uint32_t u;
        size_t k = char_at(s, n, i, &u);
        if (units + u > p.character) break;
        units += u;
        i += k;
    }
    return i;
}
