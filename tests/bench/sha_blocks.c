/* The WASM signing floor's unit: BearSSL's SHA-256 compression, built as in personalize.wasm
 * (build.sh's flags for it, from build/sha-flags). blocks(n) hashes n 64-byte blocks; the bench
 * times it per block. */
#include <emscripten/emscripten.h>

#include "bearssl_hash.h"

static unsigned char data[4096];
static unsigned char out[32];

EMSCRIPTEN_KEEPALIVE unsigned blocks(unsigned n)
{
	br_sha256_context ctx;

	br_sha256_init(&ctx);
	for (; n >= 64; n -= 64) br_sha256_update(&ctx, data, sizeof data);
	br_sha256_update(&ctx, data, (size_t)n * 64);
	br_sha256_out(&ctx, out);
	return out[0];
}
