/* jsonw.c — JSON string escaping. Input is valid UTF-8 (checked on the way in); control
 * characters are escaped, everything else is copied. */
#include "jsonw.h"

#include <string.h>

void mb_json_str(FILE *out, const char *s, size_t n)
{
    fputc('"', out);
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)s[i];
        switch (c) {
        case '"': fputs("\\\"", out); break;
        case '\\': fputs("\\\\", out); break;
        case '\n': fputs("\\n", out); break;
        case '\r': fputs("\\r", out); break;
        case '\t': fputs("\\t", out); break;
        default:
            if (c < 0x20) fprintf(out, "\\u%04x", c);
            else fputc(c, out);
        }
    }
    fputc('"', out);
}

void mb_json_cstr(FILE *out, const char *s)
{
    if (!s) fputs("null", out);
    else mb_json_str(out, s, strlen(s));
}
