/* Memory failures and what memory keeps: every export, with each of its allocations failing in
 * turn, gives no result (never a partial one), leaks nothing (ASan and valgrind check) and leaves
 * the module working; pw_alloc of impossible sizes is NULL; and key derivation leaves no key
 * material in the stack below it. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "bearssl_hmac.h"
#include "buf.h"
#include "cJSON.h"
#include "check.h"
#include "sigv4.h"
#include "wasm_exports.h"

#if defined(__has_include)
#if __has_include(<valgrind/memcheck.h>)
#include <valgrind/memcheck.h>
#endif
#endif
#ifndef VALGRIND_MAKE_MEM_DEFINED
#define VALGRIND_MAKE_MEM_DEFINED(p, n) ((void)(p), (void)(n))
#endif

static const char SECRET[] = "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY";

/* ---- each export, with fresh inputs ---------------------------------------------------------- */

static int secret_left; /* set when a call left its secret or token buffer unwiped */

static char *build(const char *config, const char *input, const char *token)
{
	char *in = pw_test_buffer(input), *secret = pw_test_buffer(SECRET), *tok = pw_test_buffer(token);
	char *r = pw_build_request(config, strlen(config), in, strlen(input), secret, strlen(SECRET), tok, strlen(token));

	if (!pw_test_all_zero(secret, strlen(SECRET)) || !pw_test_all_zero(tok, strlen(token))) secret_left = 1;
	pw_wipe_free(in, strlen(input));
	pw_wipe_free(secret, strlen(SECRET));
	pw_wipe_free(tok, strlen(token));
	return r;
}

static char *build_put_events(void)
{
	return build("{\"operation\":\"PutEvents\",\"region\":\"US-East-1\",\"endpoint\":\"http://127.1:4566/base/\",\"accessKeyId\":\"AKID\","
		"\"date\":\"20261126T120000Z\",\"headers\":[[\"amz-sdk-invocation-id\",\"i\"],[\"amz-sdk-request\",\"attempt=1; max=3\"]]}",
		"{\"trackingId\":\"t\",\"sessionId\":\"s\",\"userId\":\"u\",\"eventList\":[{\"eventType\":\"click\",\"sentAt\":1.5,"
		"\"properties\":{\"a\":[1,\"x\"]},\"impression\":[\"i1\",\"i2\"]},{\"eventType\":\"view\",\"sentAt\":2,\"eventId\":\"e\"},"
		"{\"eventType\":\"buy\",\"sentAt\":3,\"eventValue\":9.5,\"metricAttribution\":{\"eventAttributionSource\":\"src\"}}]}",
		"session-token");
}

static char *build_create_event_tracker(void)
{
	return build("{\"operation\":\"CreateEventTracker\",\"region\":\"eu-west-1\",\"accessKeyId\":\"AKID\",\"date\":\"20261126T120000Z\"}",
		"{\"name\":\"n\",\"datasetGroupArn\":\"arn:aws:personalize:eu-west-1:1:dataset-group/g\","
		"\"tags\":[{\"tagKey\":\"k1\",\"tagValue\":\"v1\"},{\"tagKey\":\"k2\",\"tagValue\":\"\\u65e5\"}]}", "");
}

static char *build_invalid(void)
{
	return build("{\"operation\":\"PutEvents\",\"region\":\"us-east-1\",\"accessKeyId\":\"AKID\",\"date\":\"20261126T120000Z\"}",
		"{\"trackingId\":\"\",\"eventList\":[{\"eventType\":1,\"sentAt\":\"x\",\"properties\":{\"\\ud800\":1},\"other\":2}]}", "t");
}

static char *validate(void)
{
	static const char input[] = "{\"name\":\"-x\",\"datasetGroupArn\":\"arn\",\"tags\":[{\"tagKey\":\"aws:k\",\"tagValue\":5}],\"nope\":1}";
	char *in = pw_test_buffer(input);
	char *r = pw_validate("CreateEventTracker", 18, in, strlen(input));

	pw_wipe_free(in, strlen(input));
	return r;
}

static char *sign(void)
{
	static const char request[] = "{\"method\":\"GET\",\"path\":\"/a/./b/../c\",\"query\":\"b=2&a=1&a=0\",\"headers\":[[\"Host\",\"h\"],[\"X-A\",\" a  b \"]]}";
	static const char options[] = "{\"accessKeyId\":\"AKID\",\"region\":\"us-east-1\",\"service\":\"s\",\"date\":\"20261126T120000Z\",\"signBody\":true}";
	char *secret = pw_test_buffer(SECRET), *tok = pw_test_buffer("tok");
	char *r = pw_sign(request, strlen(request), (const unsigned char *)"body", 4, options, strlen(options), secret, strlen(SECRET), tok, 3);

	if (!pw_test_all_zero(secret, strlen(SECRET)) || !pw_test_all_zero(tok, 3)) secret_left = 1;
	pw_wipe_free(secret, strlen(SECRET));
	pw_wipe_free(tok, 3);
	return r;
}

static char *parse_error(void)
{
	static const char headers[] = "[[\"x-amzn-RequestId\",\"r\"],[\"X-Amzn-ErrorType\",\"ThrottlingException:http://x/\"]]";
	static const char body[] = "{\"message\":\"slow down\"}";

	return pw_parse(400, "PutEvents", 9, headers, strlen(headers), body, strlen(body));
}

static char *parse_output(void)
{
	static const char body[] = "{\"eventTrackerArn\":\"arn\",\"trackingId\":\"t\"}";

	return pw_parse(200, "CreateEventTracker", 18, "{}", 2, body, strlen(body));
}

static char *endpoint(void)
{
	static const char config[] = "{\"endpoint\":\"HTTP://[0:0::1]:0080/a/\"}";

	return pw_endpoint_json(config, strlen(config));
}

static void every_allocation_failure_gives_no_result_and_the_module_keeps_working(void)
{
	static const struct {
		const char *name;
		char *(*run)(void);
	} calls[] = {
		{ "pw_build_request PutEvents", build_put_events },
		{ "pw_build_request CreateEventTracker", build_create_event_tracker },
		{ "pw_build_request invalid input", build_invalid },
		{ "pw_validate", validate },
		{ "pw_sign", sign },
		{ "pw_parse error", parse_error },
		{ "pw_parse output", parse_output },
		{ "pw_endpoint", endpoint },
	};
	size_t i;

	for (i = 0; i < sizeof calls / sizeof calls[0]; i++) {
		char *r = calls[i].run(), *expected;
		unsigned long k;

		pw_test_set_context(calls[i].name);
		if (!CHECK(r != NULL)) continue;
		expected = malloc(strlen(r) + 1);
		strcpy(expected, r);
		pw_release(r);
		for (k = 1; k < 100000; k++) {
			int hit;
			pw_alloc_fail_countdown = k;
			secret_left = 0;
			r = calls[i].run();
			hit = pw_alloc_fail_countdown == 0;
			pw_alloc_fail_countdown = 0;
			if (secret_left) FAIL("allocation %lu failed, and the secret or token was not wiped", k);
			if (!hit) {
				/* no allocation left to fail: the call ran through */
				CHECK_STR_EQ(r, expected);
				pw_release(r);
				break;
			}
			if (r != NULL) {
				FAIL("allocation %lu failed, yet there is a result: %s", k, r);
				pw_release(r);
			}
			if (k == 1 || k % 7 == 0) CHECK_INT_EQ(pw_result_len(), 0);
			/* and the next call works */
			r = calls[i].run();
			CHECK_STR_EQ(r, expected);
			pw_release(r);
		}
		CHECK(k > 3); /* several allocations were made to fail */
		free(expected);
	}
	pw_test_set_context(NULL);
	pw_clear_key_cache();
}

static void impossible_sizes_are_null_not_a_trap_or_a_short_block(void)
{
	pw_buf b;
	unsigned long failures = pw_alloc_failures;

	CHECK(pw_alloc((size_t)-1) == NULL);
	CHECK(pw_alloc((size_t)-1 / 2 + 1) == NULL);
	CHECK(pw_malloc_array((size_t)-1 / 4, 8) == NULL);
	CHECK(pw_alloc_failures > failures);
	pw_buf_init(&b);
	pw_buf_puts(&b, "abc");
	CHECK(pw_buf_reserve(&b, (size_t)-1) != 0);
	CHECK(b.failed);
	pw_buf_puts(&b, "more"); /* sticky: nothing more is written */
	CHECK_INT_EQ(b.len, 3);
	pw_buf_wipe_free(&b);
	pw_buf_init(&b);
	pw_buf_put_lower(&b, "x", (size_t)-1);
	CHECK(b.failed && b.len == 0);
	pw_buf_wipe_free(&b);
	pw_sigv4_uri_encode(&b, "x", (size_t)-1 / 3 + 1, 0);
	CHECK(b.failed && b.len == 0);
	pw_buf_wipe_free(&b);
}

static int is_failure(char *result, const char *name)
{
	cJSON *json = result != NULL ? cJSON_Parse(result) : NULL;
	const cJSON *error = cJSON_GetObjectItemCaseSensitive(json, "error"), *errors = cJSON_GetObjectItemCaseSensitive(json, "errors");
	int ok = (cJSON_IsString(cJSON_GetObjectItemCaseSensitive(error, "name"))
		&& strcmp(cJSON_GetObjectItemCaseSensitive(error, "name")->valuestring, name) == 0)
		|| (strcmp(name, "errors") == 0 && cJSON_GetArraySize(errors) > 0);

	if (!ok) printf("  result: %s\n", result != NULL ? result : "NULL");
	cJSON_Delete(json);
	pw_release(result);
	return ok;
}

/* What the glue would pass after a failed pw_alloc: NULL, with or without a length. */
static void exports_given_null_inputs_give_failure_results(void)
{
	static const char config[] = "{\"operation\":\"CreateEventTracker\",\"region\":\"us-east-1\",\"accessKeyId\":\"AKID\",\"date\":\"20261126T000000Z\"}";
	static const char input[] = "{\"name\":\"n\",\"datasetGroupArn\":\"arn:aws:personalize:us-east-1:1:dataset-group/g\"}";
	static const char request[] = "{\"method\":\"GET\",\"path\":\"/\",\"headers\":[[\"Host\",\"h\"]]}";
	static const char options[] = "{\"accessKeyId\":\"AKID\",\"region\":\"us-east-1\",\"service\":\"s\",\"date\":\"20261126T000000Z\"}";
	char *in = pw_test_buffer(input);

	CHECK(is_failure(pw_build_request(NULL, 0, NULL, 0, NULL, 0, NULL, 0), "ConfigurationError"));
	CHECK(is_failure(pw_build_request(NULL, 100, NULL, 100, NULL, 40, NULL, 10), "ConfigurationError"));
	CHECK(is_failure(pw_build_request(config, strlen(config), NULL, 50, NULL, 40, NULL, 0), "errors"));
	CHECK(is_failure(pw_build_request(config, strlen(config), in, strlen(input), NULL, 40, NULL, 10), "CredentialsProviderError"));
	CHECK(is_failure(pw_validate(NULL, 18, NULL, 10), "errors"));
	CHECK(is_failure(pw_validate("CreateEventTracker", 18, NULL, 10), "errors"));
	CHECK(is_failure(pw_sign(NULL, 10, NULL, 0, NULL, 10, NULL, 40, NULL, 5), "SigningError"));
	CHECK(is_failure(pw_sign(request, strlen(request), NULL, 0, options, strlen(options), NULL, 40, NULL, 0), "SigningError"));
	{
		char *secret = pw_test_buffer(SECRET);
		CHECK(is_failure(pw_sign(request, strlen(request), NULL, 100, options, strlen(options), secret, strlen(SECRET), NULL, 7), "SigningError"));
		CHECK(pw_test_all_zero(secret, strlen(SECRET)));
		pw_wipe_free(secret, strlen(SECRET));
	}
	CHECK(is_failure(pw_parse(200, NULL, 18, NULL, 10, NULL, 10), "ConfigurationError"));
	CHECK(is_failure(pw_parse(200, "CreateEventTracker", 18, NULL, 10, NULL, 10), "DeserializationError"));
	CHECK(is_failure(pw_endpoint_json(NULL, 10), "EndpointError"));
	pw_wipe_free(in, strlen(input));
	pw_clear_key_cache();
}

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
	p.secret = secret;
	p.secret_len = sizeof secret - 1;
	p.region = "ap-south-1";
	p.region_len = 10;
	p.service = "personalize";
	p.service_len = 11;
	memcpy(p.amz_date, "20261126T120000Z", 17);
	pw_clear_key_cache();
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
	pw_clear_key_cache();
}

const struct pw_test pw_tests_memory[] = {
	{ "every_allocation_failure_gives_no_result_and_the_module_keeps_working", every_allocation_failure_gives_no_result_and_the_module_keeps_working },
	{ "impossible_sizes_are_null_not_a_trap_or_a_short_block", impossible_sizes_are_null_not_a_trap_or_a_short_block },
	{ "exports_given_null_inputs_give_failure_results", exports_given_null_inputs_give_failure_results },
	{ "key_derivation_leaves_no_key_material_in_the_stack_below", key_derivation_leaves_no_key_material_in_the_stack_below },
	{ NULL, NULL }
};
