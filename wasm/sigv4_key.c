/* SigV4's signing keys and the signature (sigv4.h). The derived key is kept only as BearSSL's
 * HMAC key context (the hash states after the padded key blocks) in the caller's struct
 * pw_sigv4_key, with the day, region and service it was derived for; the secret itself is never
 * stored, only the HMAC state keyed with "AWS4" + secret. */
#include "sigv4.h"

#include <string.h>

#include "ascii.h"
#include "bearssl_hash.h"
#include "bearssl_hmac.h"

static unsigned long key_derivations;

unsigned long pw_sigv4_key_derivations(void)
{
	return key_derivations;
}

static void hmac(unsigned char out[32], const br_hmac_key_context *kc, const void *data, size_t len)
{
	br_hmac_context cx;

	br_hmac_init(&cx, kc, 0);
	br_hmac_update(&cx, data, len);
	br_hmac_out(&cx, out);
	pw_wipe(&cx, sizeof cx);
}

/* The HMAC state keyed with "AWS4" + secret. HMAC keys longer than a block are hashed first;
 * done here so "AWS4" + secret need not be copied whole. */
static void key_secret(br_hmac_key_context *out, const char *secret, size_t secret_len)
{
	br_sha256_context sc;
	unsigned char first[64 + 4];
	size_t first_len = secret_len + 4;

	if (first_len > 64) {
		br_sha256_init(&sc);
		br_sha256_update(&sc, "AWS4", 4);
		br_sha256_update(&sc, secret, secret_len);
		br_sha256_out(&sc, first);
		first_len = 32;
		pw_wipe(&sc, sizeof sc);
	} else {
		memcpy(first, "AWS4", 4);
		memcpy(first + 4, secret, secret_len);
	}
	br_hmac_key_init(out, &br_sha256_vtable, first, first_len);
	pw_wipe(first, sizeof first);
}

/* kSigning = HMAC(HMAC(HMAC(HMAC("AWS4" + secret, day), region), service), "aws4_request") */
static void derive_from(br_hmac_key_context *out, const br_hmac_key_context *secret, const struct pw_sigv4_params *p)
{
	unsigned char k[32];
	br_hmac_key_context kc;

	hmac(k, secret, p->amz_date, 8);
	br_hmac_key_init(&kc, &br_sha256_vtable, k, 32);
	hmac(k, &kc, p->region, p->region_len);
	br_hmac_key_init(&kc, &br_sha256_vtable, k, 32);
	hmac(k, &kc, p->service, p->service_len);
	br_hmac_key_init(&kc, &br_sha256_vtable, k, 32);
	hmac(k, &kc, "aws4_request", 12);
	br_hmac_key_init(out, &br_sha256_vtable, k, 32);
	key_derivations++;
	pw_wipe(k, sizeof k);
	pw_wipe(&kc, sizeof kc);
}

void pw_sigv4_key_init(struct pw_sigv4_key *k, const char *secret, size_t secret_len)
{
	pw_wipe(k, sizeof *k);
	key_secret(&k->secret, secret, secret_len);
	pw_scrub_stack();
}

/* The key for this day, region and service: derived again only when one of them changed
 * (a new day wipes the old day's key first). */
static const br_hmac_key_context *signing_key(struct pw_sigv4_key *k, const struct pw_sigv4_params *p,
	br_hmac_key_context *scratch)
{
	if (k->have_signing && memcmp(k->day, p->amz_date, 8) == 0 && k->region_len == p->region_len
		&& k->service_len == p->service_len && memcmp(k->region, p->region, p->region_len) == 0
		&& memcmp(k->service, p->service, p->service_len) == 0) {
		return &k->signing;
	}
	pw_wipe(&k->signing, sizeof k->signing);
	k->have_signing = 0;
	if (p->region_len >= sizeof k->region || p->service_len >= sizeof k->service) {
		derive_from(scratch, &k->secret, p);
		return scratch;
	}
	derive_from(&k->signing, &k->secret, p);
	memcpy(k->day, p->amz_date, 8);
	memcpy(k->region, p->region, p->region_len);
	k->region_len = p->region_len;
	memcpy(k->service, p->service, p->service_len);
	k->service_len = p->service_len;
	k->have_signing = 1;
	return &k->signing;
}

void pw_sigv4_signature(char out[65], const struct pw_sigv4_params *params, const char *string_to_sign,
	size_t len)
{
	static const char digits[] = PW_HEX_DIGITS;
	br_hmac_key_context scratch;
	unsigned char mac[32];
	int i;

	hmac(mac, signing_key(params->key, params, &scratch), string_to_sign, len);
	for (i = 0; i < 32; i++) {
		out[2 * i] = digits[mac[i] >> 4];
		out[2 * i + 1] = digits[mac[i] & 15];
	}
	out[64] = 0;
	pw_wipe(mac, sizeof mac);
	pw_wipe(&scratch, sizeof scratch);
	/* BearSSL left the derived keys (br_hmac_out's output, process_key's key blocks) and the
	 * hash states of "AWS4" + secret and of kSigning in its stack temporaries. */
	pw_scrub_stack();
}
