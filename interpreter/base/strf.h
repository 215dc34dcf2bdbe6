/* strf.h — printf-style text for messages built on every line of a report (a verdict's detail),
 * without the C library's general formatter. */
#ifndef MB_STRF_H
#define MB_STRF_H

#include <stdarg.h>
#include <stddef.h>

/* As vsnprintf(buf, cap, fmt, ap), byte for byte, truncation included: "%s", "%d" and "%%"
 * are written here; any other conversion, flag, width or precision (and a NULL string)
 * hands the whole format to vsnprintf. Returns the length written (at most cap - 1). */
size_t mb_strf_v(char *buf, size_t cap, const char *fmt, va_list ap);
size_t mb_strf(char *buf, size_t cap, const char *fmt, ...) __attribute__((format(printf, 3, 4)));

#endif
