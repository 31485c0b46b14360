/* SigV4's string to sign, signing keys (each struct pw_sigv4_key derives once per day, region and
 * service) and results. */
#include <stdlib.h>
#include <string.h>
#include "bearssl_hash.h"
#include "bearssl_hmac.h"
#include "check.h"
#include "sigv4.h"
#include "sigv4_steps.h"

/* ---- string to sign, signing key and its cache ---------------------------------------------- */

static void string_to_sign_is_algorithm_date_scope_and_request_hash(void)
{
	pw_buf b;
	static const char scope[] = "20150830/us-east-1/service/aws4_request";

	pw_buf_init(&b);
	pw_sigv4_string_to_sign(&b, "20150830T123600Z", scope, strlen(scope), "", 0);
	CHECK_STR_EQ(b.data, "AWS4-HMAC-SHA256\n20150830T123600Z\n20150830/us-east-1/service/aws4_request\n"
		"e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
	pw_buf_wipe_free(&b);
}

static void hmac_hex(char out[65], const void *key, size_t key_len, const char *data, size_t len, unsigned char raw[32])
{
	static const char digits[] = "0123456789abcdef";
	br_hmac_key_context kc;
	br_hmac_context cx;
	unsigned char mac[32];
	int i;

	br_hmac_key_init(&kc, &br_sha256_vtable, key, key_len);
	br_hmac_init(&cx, &kc, 0);
	br_hmac_update(&cx, data, len);
	br_hmac_out(&cx, mac);
	if (raw != NULL) memcpy(raw, mac, 32);
	if (out != NULL) {
		for (i = 0; i < 32; i++) {
			out[2 * i] = digits[mac[i] >> 4];
			out[2 * i + 1] = digits[mac[i] & 15];
		}
		out[64] = 0;
	}
}

/* The signature by the specification's chain of HMACs, "AWS4" + secret copied whole. */
static void reference_signature(char out[65], const char *secret, const struct pw_sigv4_params *p, const char *sts)
{
	unsigned char k[32];
	size_t secret_len = strlen(secret);
	char *first = malloc(secret_len + 4);

	memcpy(first, "AWS4", 4);
	memcpy(first + 4, secret, secret_len);
	hmac_hex(NULL, first, secret_len + 4, p->amz_date, 8, k);
	hmac_hex(NULL, k, 32, p->region, p->region_len, k);
	hmac_hex(NULL, k, 32, p->service, p->service_len, k);
	hmac_hex(NULL, k, 32, "aws4_request", 12, k);
	hmac_hex(out, k, 32, sts, strlen(sts), NULL);
	free(first);
}

static void signature_matches_the_specification_hmac_chain(void)
{
	/* 60 characters make "AWS4" + secret exactly one 64-byte block; 61 and more are hashed first */
	static const char *const secrets[] = {
		"s", SECRET, "012345678901234567890123456789012345678901234567890123456789",
		"0123456789012345678901234567890123456789012345678901234567890",
		"0123456789012345678901234567890123456789012345678901234567890123456789012345678901234567890123456789xyz",
	};
	static const char sts[] = "AWS4-HMAC-SHA256\n20150830T123600Z\n20150830/us-east-1/service/aws4_request\nabc";
	char expected[65], actual[65];
	size_t i;

	clear_keys();
	for (i = 0; i < sizeof secrets / sizeof secrets[0]; i++) {
		struct pw_sigv4_params p = params_for(secrets[i], "20150830T123600Z", 0);
		reference_signature(expected, secrets[i], &p, sts);
		pw_sigv4_signature(actual, &p, sts, strlen(sts));
		CHECK_STR_EQ(actual, expected);
		/* with the key's derived key: the same */
		pw_sigv4_signature(actual, &p, sts, strlen(sts));
		CHECK_STR_EQ(actual, expected);
	}
	{
		/* a region too long for the key's record is derived every time, and still right */
		static const char long_region[] = "xx-aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa-1";
		struct pw_sigv4_params p = params_for(SECRET, "20150830T123600Z", 0);
		unsigned long before;
		p.region = long_region;
		p.region_len = strlen(long_region);
		reference_signature(expected, SECRET, &p, sts);
		before = pw_sigv4_key_derivations();
		pw_sigv4_signature(actual, &p, sts, strlen(sts));
		CHECK_STR_EQ(actual, expected);
		pw_sigv4_signature(actual, &p, sts, strlen(sts));
		CHECK_STR_EQ(actual, expected);
		CHECK_INT_EQ(pw_sigv4_key_derivations() - before, 2);
	}
	clear_keys();
}

static void signing_key_is_derived_once_per_day_region_service_and_secret(void)
{
	const struct pw_header h[] = { pw_test_header("Host", "example.amazonaws.com") };
	struct pw_sigv4_request req = request_for(h, 1, "");
	struct pw_sigv4_params p = params_for(SECRET, "20150830T123600Z", 0);
	struct pw_sigv4_params other = params_for("another-secret", "20150830T123600Z", 0);
	struct pw_sigv4_result r;
	char first_signature[65];
	unsigned long n;

	clear_keys();
	n = pw_sigv4_key_derivations();

#define SIGN(params) do { pw_sigv4_result_init(&r); CHECK(pw_sigv4_sign(&req, &(params), &r) == 0); } while (0)
	SIGN(p);
	CHECK_INT_EQ(pw_sigv4_key_derivations() - n, 1);
	memcpy(first_signature, r.signature, 65);
	pw_sigv4_result_free(&r);

	SIGN(p); /* same day, region, service, secret: cached */
	CHECK_INT_EQ(pw_sigv4_key_derivations() - n, 1);
	CHECK_STR_EQ(r.signature, first_signature);
	pw_sigv4_result_free(&r);

	memcpy(p.amz_date, "20150830T235959Z", 17); /* later the same day: still cached */
	SIGN(p);
	CHECK_INT_EQ(pw_sigv4_key_derivations() - n, 1);
	pw_sigv4_result_free(&r);

	SIGN(other); /* another secret */
	CHECK_INT_EQ(pw_sigv4_key_derivations() - n, 2);
	CHECK(strcmp(r.signature, first_signature) != 0);
	pw_sigv4_result_free(&r);

	memcpy(p.amz_date, "20150830T123600Z", 17);
	SIGN(p); /* the first secret is still cached next to the other */
	CHECK_INT_EQ(pw_sigv4_key_derivations() - n, 2);
	CHECK_STR_EQ(r.signature, first_signature);
	pw_sigv4_result_free(&r);

	p.region = "eu-west-1";
	p.region_len = 9;
	SIGN(p); /* another region */
	CHECK_INT_EQ(pw_sigv4_key_derivations() - n, 3);
	pw_sigv4_result_free(&r);
	p.region = "us-east-1";
	p.service = "personalize";
	p.service_len = 11;
	SIGN(p); /* another service */
	CHECK_INT_EQ(pw_sigv4_key_derivations() - n, 4);
	pw_sigv4_result_free(&r);
	p.service = "service";
	p.service_len = 7;

	memcpy(p.amz_date, "20150831T000000Z", 17);
	SIGN(p); /* another day */
	CHECK_INT_EQ(pw_sigv4_key_derivations() - n, 5);
	pw_sigv4_result_free(&r);
	SIGN(p);
	CHECK_INT_EQ(pw_sigv4_key_derivations() - n, 5);
	pw_sigv4_result_free(&r);

	memcpy(p.amz_date, "20150830T123600Z", 17);
	SIGN(p); /* the earlier day's key was forgotten when the day changed */
	CHECK_INT_EQ(pw_sigv4_key_derivations() - n, 6);
	CHECK_STR_EQ(r.signature, first_signature);
	pw_sigv4_result_free(&r);

	clear_keys();
	SIGN(p); /* a cleared cache derives again, to the same signature */
	CHECK_INT_EQ(pw_sigv4_key_derivations() - n, 7);
	CHECK_STR_EQ(r.signature, first_signature);
	pw_sigv4_result_free(&r);
	SIGN(p);
	CHECK_INT_EQ(pw_sigv4_key_derivations() - n, 7);
	pw_sigv4_result_free(&r);
#undef SIGN
	clear_keys();
}

static void each_key_keeps_its_own_derived_key(void)
{
	static const char *const secrets[] = { "secret-1", "secret-2", "secret-3", "secret-4", "secret-5" };
	static const char sts[] = "string to sign";
	char sig[65];
	unsigned long n;
	size_t i, round;

	clear_keys();
	n = pw_sigv4_key_derivations();
	for (round = 0; round < 3; round++) {
		for (i = 0; i < 5; i++) {
			struct pw_sigv4_params p = params_for(secrets[i], "20150830T123600Z", 0);
			pw_sigv4_signature(sig, &p, sts, strlen(sts));
		}
		CHECK_INT_EQ(pw_sigv4_key_derivations() - n, 5); /* each once, however many keys */
	}
	clear_keys();
}

/* ---- results -------------------------------------------------------------------------------- */

static void result_free_releases_everything_and_resets(void)
{
	const struct pw_header h[] = {
		pw_test_header("Host", "example.amazonaws.com"),
		pw_test_header("Content-Type", "application/json"),
	};
	struct pw_sigv4_request req = request_for(h, 2, "{\"a\":1}");
	struct pw_sigv4_params p = params_for(SECRET, "20150830T123600Z", PW_SIGV4_SIGN_BODY | PW_SIGV4_OMIT_TOKEN);
	struct pw_sigv4_result r;
	int i;

	p.session_token = "tok";
	p.session_token_len = 3;
	req.query = "b=2&a=1";
	req.query_len = 7;
	req.path = "/a/../b/./c//";
	req.path_len = strlen(req.path);
	for (i = 0; i < 3; i++) { /* run under valgrind / ASan, repeated signing leaks nothing */
		pw_sigv4_result_init(&r);
		CHECK(pw_sigv4_sign(&req, &p, &r) == 0);
		CHECK(r.header_list != NULL && r.canonical_request.data != NULL && r.authorization.data != NULL);
		pw_sigv4_result_free(&r);
		CHECK(r.header_list == NULL && r.n_header_list == 0);
		CHECK(r.canonical_request.data == NULL && r.string_to_sign.data == NULL);
		CHECK(r.signed_headers.data == NULL && r.authorization.data == NULL);
		CHECK(r.signature[0] == 0 && r.payload_hash[0] == 0);
	}
	pw_sigv4_result_free(&r); /* freeing twice is harmless */
	CHECK(r.header_list == NULL);
	clear_keys();
}

static void sha256_hex_matches_known_digests(void)
{
	char out[65];

	pw_sigv4_sha256_hex(out, "", 0);
	CHECK_STR_EQ(out, EMPTY_SHA256);
	pw_sigv4_sha256_hex(out, "abc", 3);
	CHECK_STR_EQ(out, "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
}

const struct pw_test pw_tests_sigv4_keys[] = {
	{ "string_to_sign_is_algorithm_date_scope_and_request_hash", string_to_sign_is_algorithm_date_scope_and_request_hash },
	{ "signature_matches_the_specification_hmac_chain", signature_matches_the_specification_hmac_chain },
	{ "signing_key_is_derived_once_per_day_region_service_and_secret", signing_key_is_derived_once_per_day_region_service_and_secret },
	{ "each_key_keeps_its_own_derived_key", each_key_keeps_its_own_derived_key },
	{ "result_free_releases_everything_and_resets", result_free_releases_everything_and_resets },
	{ "sha256_hex_matches_known_digests", sha256_hex_matches_known_digests },
	{ NULL, NULL }
};
