/* sha256.h — SHA-256 (FIPS 180-4), for the hashes of rule files and submissions a run is
 * stored with: two runs of the same files have the same hashes. */
#ifndef MB_SHA256_H
#define MB_SHA256_H

#include <stddef.h>
#include <stdint.h>

typedef struct mb_sha256 {
    uint32_t h[8];
    uint64_t len;
    unsigned char buf[64];
    size_t nbuf;
} mb_sha256;

void mb_sha256_init(mb_sha256 *s);
void mb_sha256_add(mb_sha256 *s, const void *data, size_t n);
/* The digest as 64 lowercase hex digits and a NUL. */
void mb_sha256_hex(mb_sha256 *s, char out[65]);

#endif
