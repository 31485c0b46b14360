/* Memory failures and what memory keeps: every export of the module, with each of its
 * allocations failing in turn, gives no result (never a partial one), leaks nothing (ASan and
 * valgrind check) and leaves the module working; impossible sizes are NULL; and key derivation
 * leaves no key material in the stack below it. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "bearssl_hmac.h"
#include "buf.h"
#include "cJSON.h"
#include "check.h"
#include "result.h"
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

/* ---- every export, with fresh inputs -------------------------------------------------------- */

/* Each case calls one export once (set up and torn down apart from the call, so that only the
 * export's own allocations are made to fail) and renders what it gave (result.h). */
struct export_case {
	const char *name;
	void (*setup)(void);
	struct pw_result *(*call)(void);
	void (*teardown)(void);
};

static char block_copy[2048];     /* inputs, as the glue writes them into the block */
static uint32_t key_handle, call; /* the handles a case uses */
static int secret_left;           /* set when a call left its secret unwiped */

static char *input(const char *s)
{
	size_t n = strlen(s);

	memcpy(block_copy, s, n);
	return block_copy;
}

static void open_key(void)
{
	char secret[sizeof SECRET];

	memcpy(secret, SECRET, sizeof secret);
	key_handle = pw_key_open(secret, sizeof SECRET - 1);
}

static void close_key(void)
{
	pw_key_close(key_handle);
	key_handle = 0;
}

#define EVENTS "{\"trackingId\":\"t\",\"sessionId\":\"s\",\"userId\":\"u\",\"eventList\":[{\"eventType\":\"click\",\"sentAt\":1.5," \
	"\"properties\":{\"a\":[1,\"x\"]},\"impression\":[\"i1\",\"i2\"]},{\"eventType\":\"view\",\"sentAt\":2,\"eventId\":\"e\"}," \
	"{\"eventType\":\"buy\",\"sentAt\":3,\"eventValue\":9.5,\"metricAttribution\":{\"eventAttributionSource\":\"src\"}}]}"
#define TRACKER "{\"name\":\"n\",\"datasetGroupArn\":\"arn:aws:personalize:eu-west-1:1:dataset-group/g\"," \
	"\"tags\":[{\"tagKey\":\"k1\",\"tagValue\":\"v1\"},{\"tagKey\":\"k2\",\"tagValue\":\"\\u65e5\"}]}"

static struct pw_result *prepare_put_events(void)
{
	static const char endpoint[] = "http://127.1:4566/base/";
	char region[] = "US-East-1";
	struct pw_result *r = pw_prepare_request("PutEvents", 9, input(EVENTS), strlen(EVENTS), region, 9, endpoint,
		strlen(endpoint), 0);

	call = r != NULL ? r->handle : 0;
	return r;
}

static struct pw_result *prepare_create_event_tracker(void)
{
	char region[] = "eu-west-1";
	struct pw_result *r = pw_prepare_request("CreateEventTracker", 18, input(TRACKER), strlen(TRACKER), region, 9,
		NULL, 0, PW_FLAG_DUALSTACK);

	call = r != NULL ? r->handle : 0;
	return r;
}

static struct pw_result *prepare_invalid(void)
{
	static const char in[] = "{\"trackingId\":\"\",\"eventList\":[{\"eventType\":1,\"sentAt\":\"x\",\"properties\":{\"\\ud800\":1},\"other\":2}]}";
	char region[] = "us-east-1";

	return pw_prepare_request("PutEvents", 9, input(in), strlen(in), region, 9, NULL, 0, 0);
}

static void end_call(void)
{
	pw_call_end(call);
	call = 0;
}

static void prepared_call(void)
{
	open_key();
	prepare_put_events();
	pw_done(0);
}

static void end_prepared_call(void)
{
	end_call();
	close_key();
}

static struct pw_result *sign_attempt(void)
{
	static const char *const a[PW_PACKED_SIGN_ATTEMPT_COUNT] = { "AKID", "session-token", "20261126T120000Z", "inv-1" };
	size_t n = pw_test_pack(block_copy, a, PW_PACKED_SIGN_ATTEMPT_COUNT);

	return pw_sign_attempt(call, key_handle, block_copy, n, 2, 3, PW_SIGN_CANONICAL);
}

static struct pw_result *examine_call(void)
{
	static const char body[] = "{\"message\":\"slow down\"}";
	static const char *const h[PW_PACKED_EXAMINE_COUNT] = { "ThrottlingException:http://x/", "r", NULL };
	size_t n = pw_test_pack(block_copy, h, PW_PACKED_EXAMINE_COUNT);

	return pw_examine(call, NULL, 0, 400, block_copy, n, body, strlen(body));
}

static struct pw_result *check_input(void)
{
	static const char in[] = "{\"name\":\"-x\",\"datasetGroupArn\":\"arn\",\"tags\":[{\"tagKey\":\"aws:k\",\"tagValue\":5}],\"nope\":1}";

	return pw_check_input("CreateEventTracker", 18, input(in), strlen(in));
}

static struct pw_result *sign_request(void)
{
	static const char *const a[PW_PACKED_SIGN_REQUEST_COUNT] = { "GET", "/a/./b/../c", "b=2&a=1&a=0", "AKID", "tok",
		"us-east-1", "s", "20261126T120000Z" };
	static char headers[128];
	size_t n = pw_test_pack(block_copy, a, PW_PACKED_SIGN_REQUEST_COUNT), hl = 0;

	hl += pw_test_put_header(headers + hl, "Host", "h");
	hl += pw_test_put_header(headers + hl, "X-A", " a  b ");
	return pw_sign_request(key_handle, block_copy, n, headers, hl, (const unsigned char *)"body", 4,
		PW_SIGN_NORMALIZE_PATH | PW_SIGN_SIGN_BODY | PW_SIGN_CANONICAL);
}

static struct pw_result *examine_output(void)
{
	static const char body[] = "{\"eventTrackerArn\":\"arn\",\"trackingId\":\"t\",\"more\":[1,{\"a\":\"\\u00e9\"}]}";
	static const char *const h[PW_PACKED_EXAMINE_COUNT] = { NULL, NULL, "rid" };
	size_t n = pw_test_pack(block_copy, h, PW_PACKED_EXAMINE_COUNT);

	return pw_examine(0, "CreateEventTracker", 18, 200, block_copy, n, body, strlen(body));
}

static struct pw_result *examine_error(void)
{
	static const char body[] = "{\"__type\":\"com.amazonaws.personalize#ResourceNotFoundException\",\"Message\":\"no \\\"t\\\"\"}";
	static const char *const h[PW_PACKED_EXAMINE_COUNT] = { NULL, "rid", NULL };
	size_t n = pw_test_pack(block_copy, h, PW_PACKED_EXAMINE_COUNT);

	return pw_examine(0, "DescribeEventTracker", 20, 404, block_copy, n, body, strlen(body));
}

static struct pw_result *endpoint_url(void)
{
	static const char endpoint[] = "HTTP://[0:0::1]:0080/a/";

	return pw_endpoint_url(NULL, 0, endpoint, strlen(endpoint), 0, PW_SERVICE_PERSONALIZE);
}

static struct pw_result *endpoint_url_region(void)
{
	char region[] = "CN-North-1";

	return pw_endpoint_url(region, strlen(region), NULL, 0, PW_FLAG_FIPS, PW_SERVICE_PERSONALIZE_EVENTS);
}

/* The exports that return no result, as one that does: OK when they did what they do. */
static struct pw_result ok_result;

/* A larger block each time, so that each call allocates. */
static struct pw_result *block(void)
{
	static size_t want = 1 << 16;

	if (pw_block(want) == NULL) return NULL;
	want *= 2;
	return &ok_result;
}

static struct pw_result *key_open(void)
{
	char secret[] = "another secret";

	key_handle = pw_key_open(secret, strlen(secret));
	if (!pw_test_all_zero(secret, strlen(secret))) secret_left = 1;
	return key_handle != 0 ? &ok_result : NULL;
}

static struct pw_result *key_close(void)
{
	pw_key_close(key_handle);
	return &ok_result;
}

static struct pw_result *clear_key_cache(void)
{
	pw_clear_key_cache();
	return &ok_result;
}

static struct pw_result *call_end(void)
{
	pw_call_end(call);
	return &ok_result;
}

static struct pw_result *done(void)
{
	pw_done(sizeof block_copy);
	return &ok_result;
}

static struct pw_result *heap_in_use(void)
{
	return pw_heap_in_use() == 0 ? &ok_result : NULL;
}

static void nothing(void)
{
}

/* Every export of the module (wasm_exports.h), and each kind of result it gives. */
static const struct export_case cases[] = {
	{ "pw_block", nothing, block, nothing },
	{ "pw_done", nothing, done, nothing },
	{ "pw_key_open", nothing, key_open, close_key },
	{ "pw_key_close", open_key, key_close, nothing },
	{ "pw_clear_key_cache", open_key, clear_key_cache, nothing },
	{ "pw_check_input", nothing, check_input, nothing },
	{ "pw_prepare_request PutEvents", nothing, prepare_put_events, end_call },
	{ "pw_prepare_request CreateEventTracker", nothing, prepare_create_event_tracker, end_call },
	{ "pw_prepare_request invalid input", nothing, prepare_invalid, nothing },
	{ "pw_sign_attempt", prepared_call, sign_attempt, end_prepared_call },
	{ "pw_examine a call's error", prepared_call, examine_call, end_prepared_call },
	{ "pw_call_end", prepared_call, call_end, close_key },
	{ "pw_sign_request", open_key, sign_request, close_key },
	{ "pw_examine output", nothing, examine_output, nothing },
	{ "pw_examine error", nothing, examine_error, nothing },
	{ "pw_endpoint_url endpoint", nothing, endpoint_url, nothing },
	{ "pw_endpoint_url region", nothing, endpoint_url_region, nothing },
	{ "pw_heap_in_use", nothing, heap_in_use, nothing },
};

/* The case run once, its allocation `fail_at` failing (0: none); what it gave, rendered. *hit:
 * whether that allocation was reached. */
static char *run_case(const struct export_case *c, unsigned long fail_at, int *hit)
{
	struct pw_result *r;
	char *text;

	c->setup();
	pw_alloc_fail_countdown = fail_at;
	r = c->call();
	*hit = fail_at != 0 && pw_alloc_fail_countdown == 0;
	pw_alloc_fail_countdown = 0;
	text = pw_test_render(r == &ok_result ? NULL : r);
	if (r == &ok_result) strcpy(text, "OK");
	if (r != &ok_result) pw_done(0);
	c->teardown();
	return text;
}

/* Slots the module holds (calls, keys) after a failed call: prepare takes no slot it gives back
 * no handle for, so CALL_SLOTS calls can still be prepared. */
static void every_call_slot_is_free(void)
{
	uint32_t calls[PW_CALL_SLOTS];
	size_t i, n = 0;

	for (i = 0; i < PW_CALL_SLOTS; i++) {
		prepare_create_event_tracker();
		pw_done(0);
		calls[i] = call;
		n += call != 0;
	}
	CHECK_INT_EQ(n, PW_CALL_SLOTS);
	for (i = 0; i < PW_CALL_SLOTS; i++) pw_call_end(calls[i]);
	call = 0;
}

static void every_allocation_failure_gives_no_result_and_the_module_keeps_working(void)
{
	size_t i;

	for (i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		char *expected, *r;
		unsigned long k;
		int hit;

		pw_test_set_context(cases[i].name);
		secret_left = 0;
		expected = run_case(&cases[i], 0, &hit);
		if (!CHECK(strcmp(expected, "NULL") != 0)) FAIL("%s gives no result at all", cases[i].name);
		for (k = 1; k < 100000; k++) {
			r = run_case(&cases[i], k, &hit);
			if (secret_left) FAIL("allocation %lu failed, and the secret was not wiped", k);
			if (!hit) {
				/* no allocation left to fail: the call ran through */
				CHECK_STR_EQ(r, expected);
				free(r);
				break;
			}
			if (strcmp(r, "NULL") != 0 && strcmp(r, "OK") != 0) FAIL("allocation %lu failed, yet there is a result: %s", k, r);
			free(r);
			/* and the next call works */
			r = run_case(&cases[i], 0, &hit);
			CHECK_STR_EQ(r, expected);
			free(r);
		}
		free(expected);
	}
	pw_test_set_context(NULL);
	every_call_slot_is_free();
	pw_clear_key_cache();
}

/* The exports that allocate, each made to fail more than once (the sweep reached them). */
static void the_sweep_reaches_allocations_in_every_export_that_allocates(void)
{
	static const char *const allocating[] = { "pw_block", "pw_check_input", "pw_prepare_request PutEvents",
		"pw_sign_attempt", "pw_examine a call's error", "pw_sign_request", "pw_examine error", "pw_endpoint_url endpoint" };
	size_t i, k;

	for (i = 0; i < sizeof allocating / sizeof allocating[0]; i++) {
		for (k = 0; k < sizeof cases / sizeof cases[0]; k++) {
			int hit;
			char *r;
			if (strcmp(cases[k].name, allocating[i]) != 0) continue;
			pw_test_set_context(cases[k].name);
			r = run_case(&cases[k], 2, &hit);
			CHECK(hit || strcmp(cases[k].name, "pw_block") == 0); /* the block: one allocation */
			free(r);
			r = run_case(&cases[k], 1, &hit);
			CHECK(hit);
			free(r);
		}
	}
	pw_test_set_context(NULL);
	pw_clear_key_cache();
}

static void impossible_sizes_are_null_not_a_trap_or_a_short_block(void)
{
	pw_buf b;
	unsigned long failures = pw_alloc_failures;

	CHECK(pw_block((size_t)-1) == NULL);
	CHECK(pw_block((size_t)-1 / 2 + 1) == NULL);
	CHECK(pw_malloc_array((size_t)-1 / 4, 8) == NULL);
	CHECK(pw_alloc_failures > failures);
	pw_buf_init(&b);
	pw_buf_puts(&b, "abc");
	CHECK(pw_buf_reserve(&b, (size_t)-1) == PW_NOMEM);
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

static int is_failure(struct pw_result *r, const char *name)
{
	int ok = r != NULL && r->status == PW_ERROR && pw_test_field_is(r, PW_ERROR_NAME, name);

	if (!ok) {
		char *text = pw_test_render(r);
		printf("  result: %s\n", text);
		free(text);
	}
	pw_done(0);
	return ok;
}

/* What the glue would pass after a failed allocation: NULL, with or without a length. */
static void exports_given_null_inputs_give_failure_results(void)
{
	char region[] = "us-east-1";

	open_key();
	CHECK(is_failure(pw_prepare_request(NULL, 0, NULL, 0, NULL, 0, NULL, 0, 0), "ConfigurationError"));
	CHECK(is_failure(pw_prepare_request(NULL, 100, NULL, 100, NULL, 40, NULL, 10, 0), "ConfigurationError"));
	CHECK(is_failure(pw_prepare_request("CreateEventTracker", 18, NULL, 50, region, 9, NULL, 0, 0), "ValidationError"));
	CHECK(is_failure(pw_check_input(NULL, 18, NULL, 10), "ValidationError"));
	CHECK(is_failure(pw_check_input("CreateEventTracker", 18, NULL, 10), "ValidationError"));
	CHECK(is_failure(pw_sign_request(key_handle, NULL, 10, NULL, 0, NULL, 0, 0), "SigningError"));
	CHECK(is_failure(pw_sign_request(key_handle, NULL, 0, NULL, 100, NULL, 100, 0), "SigningError"));
	CHECK(is_failure(pw_sign_attempt(0, key_handle, NULL, 10, 1, 1, 0), "CallHandleError"));
	prepare_create_event_tracker();
	pw_done(0);
	CHECK(is_failure(pw_sign_attempt(call, key_handle, NULL, 10, 1, 1, 0), "SigningError"));
	CHECK(is_failure(pw_sign_attempt(call, 0, NULL, 0, 1, 1, 0), "SigningError"));
	end_call();
	CHECK(is_failure(pw_examine(0, NULL, 18, 200, NULL, 10, NULL, 10), "ConfigurationError"));
	CHECK(is_failure(pw_examine(0, "CreateEventTracker", 18, 200, NULL, 10, NULL, 10), "ConfigurationError"));
	CHECK(is_failure(pw_examine(0, "CreateEventTracker", 18, 200, "\0\0\0\0\0\0\0\0\0\0\0\0", 12, NULL, 10), "DeserializationError"));
	CHECK(is_failure(pw_endpoint_url(NULL, 10, NULL, 10, 0, 0), "EndpointError"));
	close_key();
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

const struct pw_test pw_tests_memory[] = {
	{ "every_allocation_failure_gives_no_result_and_the_module_keeps_working", every_allocation_failure_gives_no_result_and_the_module_keeps_working },
	{ "the_sweep_reaches_allocations_in_every_export_that_allocates", the_sweep_reaches_allocations_in_every_export_that_allocates },
	{ "impossible_sizes_are_null_not_a_trap_or_a_short_block", impossible_sizes_are_null_not_a_trap_or_a_short_block },
	{ "exports_given_null_inputs_give_failure_results", exports_given_null_inputs_give_failure_results },
	{ "key_derivation_leaves_no_key_material_in_the_stack_below", key_derivation_leaves_no_key_material_in_the_stack_below },
	{ NULL, NULL }
};
