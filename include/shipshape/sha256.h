/*
 * sha256: FIPS 180-4 SHA-256, for the profile's record of the files
 * shipshape wrote. No allocation, no errors.
 */
#ifndef SHIPSHAPE_SHA256_H
#define SHIPSHAPE_SHA256_H

#include <stddef.h>
#include <stdint.h>

#define SHA256_DIGEST_LEN 32
#define SHA256_HEX_LEN 64

struct sha256_ctx {
	uint32_t state[8];
	uint64_t bitlen;
	unsigned char block[64];
	size_t blocklen;
};

/* Start a digest; then update with the data in any number of pieces. */
void sha256_init(struct sha256_ctx *ctx);
void sha256_update(struct sha256_ctx *ctx, const void *data, size_t len);
/* Write the 32-byte digest to out; ctx needs sha256_init before reuse. */
void sha256_final(struct sha256_ctx *ctx, unsigned char out[SHA256_DIGEST_LEN]);
/* One-shot digest as 64 lowercase hex digits plus NUL into hex[65]. */
void sha256_hex(const void *data, size_t len, char hex[SHA256_HEX_LEN + 1]);

#endif
