/* What memory keeps: key derivation leaves no key material in the stack below it (BearSSL keeps key
 * blocks and hash states in stack temporaries it never clears; pw_scrub_stack clears them). */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "bearssl_hmac.h"
#include "check.h"
#include "sigv4.h"

#if defined(__has_include)
#if __has_include(<valgrind/memcheck.h>)
#include <valgrind/memcheck.h>
#endif
#endif
#ifndef VALGRIND_MAKE_MEM_DEFINED
#define VALGRIND_MAKE_MEM_DEFINED(p, n) ((void)(p), (void)(n))
#endif

/* ---- the stack below key derivation --------------------------------------------------------- */

#define SCAN_BYTES (4 * PW_STACK_SCRUB_BYTES)
static unsigned char stack_copy[SCAN_BYTES];

/* Copies the SCAN_BYTES of (dead) stack below the caller's frame into stack_copy. */
__attribute__((noinline)) static void copy_stack_below(void)
{
	unsigned char region[SCAN_BYTES];
	volatile unsigned char *v = region;
	size_t i;

	VALGRIND_MAKE_MEM_DEFINED(region, sizeof region);
	for (i = 0; i < SCAN_BYTES; i++) stack_copy[i] = v[i];
}

/* The test's own wipe, independent of the code under test. */
__attribute__((noinline)) static void clear_stack_below(void)
{
	unsigned char region[SCAN_BYTES];
	volatile unsigned char *v = region;
	size_t i;

	for (i = 0; i < SCAN_BYTES; i++) v[i] = 0;
}

static int stack_copy_holds(const unsigned char *needle, size_t n)
{
	size_t i;

	for (i = 0; i + n <= SCAN_BYTES; i++) {
		if (memcmp(stack_copy + i, needle, n) == 0) return 1;
	}
	return 0;
}

static const unsigned char MARKER[16] = { 0xA5, 0x5A, 0x01, 0xF0, 0x3C, 0xC3, 0x99, 0x66, 0x12, 0x34, 0x56, 0x78, 0x9A, 0xBC, 0xDE, 0xF1 };

/* Leaves MARKER in a frame two calls deep, about as deep as BearSSL's temporaries are. */
__attribute__((noinline)) static void leave_marker_deeper(volatile unsigned char *sink)
{
	unsigned char block[512];
	volatile unsigned char *v = block;
	size_t i;

	for (i = 0; i < sizeof block; i++) v[i] = MARKER[i % sizeof MARKER];
	*sink = v[100];
}

__attribute__((noinline)) static void leave_marker(void)
{
	unsigned char frame[256];
	volatile unsigned char *v = frame;

	leave_marker_deeper(v);
}

static void hmac32(unsigned char out[32], const void *key, size_t key_len, const void *data, size_t len)
{
	br_hmac_key_context kc;
	br_hmac_context cx;

	br_hmac_key_init(&kc, &br_sha256_vtable, key, key_len);
	br_hmac_init(&cx, &kc, 0);
	br_hmac_update(&cx, data, len);
	br_hmac_out(&cx, out);
}

/* What of a key may be left: the key, its HMAC blocks (key ^ ipad, key ^ opad) and BearSSL's
 * HMAC states for it (the hash state after each block, which sign as the key does), as state
 * bytes (big-endian) and as the hash context's words (native order). */
#define FORMS 7
static void key_forms(unsigned char forms[FORMS][32], const unsigned char *key, size_t key_len)
{
	br_hmac_key_context kc;
	uint32_t words[8];
	size_t i, k;

	memcpy(forms[0], key, 32);
	for (i = 0; i < 32; i++) {
		forms[1][i] = (unsigned char)((i < key_len ? key[i] : 0) ^ 0x36);
		forms[2][i] = (unsigned char)((i < key_len ? key[i] : 0) ^ 0x5C);
	}
	br_hmac_key_init(&kc, &br_sha256_vtable, key, key_len);
	memcpy(forms[3], kc.ksi, 32);
	memcpy(forms[4], kc.kso, 32);
	for (k = 0; k < 2; k++) {
		const unsigned char *be = k == 0 ? kc.ksi : kc.kso;
		for (i = 0; i < 8; i++) {
			words[i] = (uint32_t)be[4 * i] << 24 | (uint32_t)be[4 * i + 1] << 16 | (uint32_t)be[4 * i + 2] << 8 | be[4 * i + 3];
		}
		memcpy(forms[5 + k], words, 32);
	}
}

static void key_derivation_leaves_no_key_material_in_the_stack_below(void)
{
	static const char secret[] = "StackScrubTestSecret/with+Slash0123456789";
	static const char string_to_sign[] = "AWS4-HMAC-SHA256\n20261126T120000Z\n20261126/ap-south-1/personalize/aws4_request\n"
		"e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";
	static const char *const key_names[] = { "\"AWS4\" + secret", "kDate", "kRegion", "kService", "kSigning" };
	static const char *const form_names[] = { "itself", "^ ipad", "^ opad", "inner HMAC state", "outer HMAC state",
		"inner HMAC state (words)", "outer HMAC state (words)" };
	static unsigned char keys[5][32], forms[5][FORMS][32], first[4 + sizeof secret - 1], mac[32];
	struct pw_sigv4_params p;
	struct pw_sigv4_key signing;
	char signature[65], hex[65];
	unsigned long derivations;
	size_t i, k, found = 0;

	/* The keys, by the specification's chain, computed here. */
	memcpy(first, "AWS4", 4);
	memcpy(first + 4, secret, sizeof secret - 1);
	memcpy(keys[0], first, 32);
	hmac32(keys[1], first, sizeof first, "20261126", 8);
	hmac32(keys[2], keys[1], 32, "ap-south-1", 10);
	hmac32(keys[3], keys[2], 32, "personalize", 11);
	hmac32(keys[4], keys[3], 32, "aws4_request", 12);
	hmac32(mac, keys[4], 32, string_to_sign, sizeof string_to_sign - 1);
	key_forms(forms[0], first, sizeof first);
	for (i = 1; i < 5; i++) key_forms(forms[i], keys[i], 32);
	for (i = 0; i < 32; i++) sprintf(hex + 2 * i, "%02x", mac[i]);

	/* The scan sees what a returned function left two frames down. */
	clear_stack_below();
	leave_marker();
	copy_stack_below();
	if (!CHECK(stack_copy_holds(MARKER, sizeof MARKER))) {
		FAIL("the stack scan cannot see dead frames here (a fake stack?), so it proves nothing");
		return;
	}

	memset(&p, 0, sizeof p);
	p.access_key_id = "AKID";
	p.access_key_id_len = 4;
	pw_sigv4_key_init(&signing, secret, sizeof secret - 1);
	p.key = &signing;
	p.region = "ap-south-1";
	p.region_len = 10;
	p.service = "personalize";
	p.service_len = 11;
	memcpy(p.amz_date, "20261126T120000Z", 17);
	derivations = pw_sigv4_key_derivations();
	clear_stack_below();
	pw_sigv4_signature(signature, &p, string_to_sign, sizeof string_to_sign - 1);
	copy_stack_below();
	CHECK_INT_EQ(pw_sigv4_key_derivations(), derivations + 1);
	CHECK_STR_EQ(signature, hex);
	for (i = 0; i < 5; i++) {
		for (k = 0; k < FORMS; k++) {
			/* "AWS4" + secret itself: its first 32 bytes stand for it */
			if (stack_copy_holds(forms[i][k], 32)) {
				FAIL("%s %s is left in the stack below the derivation", key_names[i], form_names[k]);
				found++;
			}
		}
	}
	if (stack_copy_holds((const unsigned char *)secret + 8, 16)) FAIL("part of the secret is left in the stack");
	if (getenv("PW_TEST_VERBOSE") != NULL) printf("stack scan: %zu key forms found\n", found);
	pw_wipe(&signing, sizeof signing);
}

const struct pw_test pw_tests_stack[] = {
	{ "key_derivation_leaves_no_key_material_in_the_stack_below", key_derivation_leaves_no_key_material_in_the_stack_below },
	{ NULL, NULL }
};
