/* jsonw.h — the little JSON writing every report needs (strings escaped, valid UTF-8 out). */
#ifndef MB_JSONW_H
#define MB_JSONW_H

#include <stddef.h>
#include <stdio.h>

void mb_json_str(FILE *out, const char *s, size_t n);
void mb_json_cstr(FILE *out, const char *s); /* NULL prints null */

#endif
