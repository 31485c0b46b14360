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

static void nothing(void) {}

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

const struct pw_test pw_tests_memory[] = {
	{ "every_allocation_failure_gives_no_result_and_the_module_keeps_working", every_allocation_failure_gives_no_result_and_the_module_keeps_working },
	{ "the_sweep_reaches_allocations_in_every_export_that_allocates", the_sweep_reaches_allocations_in_every_export_that_allocates },
	{ "exports_given_null_inputs_give_failure_results", exports_given_null_inputs_give_failure_results },
	{ NULL, NULL }
};
