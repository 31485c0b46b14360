/* Handle lifetimes: key handles (closed, evicted, shared, pinned by calls in flight), call handles
 * (more calls than slots, ended, stale) and the block. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "cJSON.h"
#include "check.h"
#include "fixture.h"
#include "result.h"
#include "sigv4.h"
#include "wasm_exports.h"

#define DATE "20240601T120000Z"

static struct pw_result *sign_get(uint32_t key)
{
	return fx_sign_request(key, "GET", "/", "", "AKID", NULL, "us-east-1", "personalize", DATE, NULL, 0, NULL, 0);
}

static void a_closed_or_evicted_key_handle_is_refused(void)
{
	char secret[] = "s";
	uint32_t key = pw_key_open(secret, 1), later = 0;
	struct pw_result *r;
	int i;

	pw_key_close(key);
	r = sign_get(key);
	CHECK(r != NULL && r->status == PW_ERROR && pw_test_field_is(r, PW_ERROR_NAME, "KeyHandleError"));
	CHECK(pw_test_field_is(r, PW_ERROR_MESSAGE, "The key handle was forgotten; open it again"));
	pw_done(0);
	key = pw_key_open(secret, 0);
	for (i = 0; i < PW_KEY_SLOTS; i++) { /* as many other secrets take every slot */
		char other[] = "s00";
		other[1] = (char)('0' + i / 10);
		other[2] = (char)('0' + i % 10);
		later = pw_key_open(other, 3);
		CHECK(later != 0);
	}
	r = sign_get(key);
	CHECK(r != NULL && r->status == PW_ERROR && pw_test_field_is(r, PW_ERROR_NAME, "KeyHandleError"));
	pw_done(0);
	r = sign_get(later);
	CHECK(r != NULL && r->status == PW_OK);
	pw_done(0);
	pw_clear_key_cache();
	r = sign_get(later);
	CHECK(r != NULL && pw_test_field_is(r, PW_ERROR_NAME, "KeyHandleError"));
	pw_done(0);
}

static void the_same_secret_opened_again_shares_its_handle_and_its_derived_key(void)
{
	char first[] = "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY", second[] = "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY";
	char other[] = "another secret";
	uint32_t a = pw_key_open(first, strlen(first)), b, c;
	unsigned long derivations;
	struct pw_result *r;

	r = sign_get(a);
	CHECK(r != NULL && r->status == PW_OK);
	pw_done(0);
	derivations = pw_sigv4_key_derivations();
	b = pw_key_open(second, strlen(second));
	CHECK(b == a);
	CHECK(second[0] == 0 && second[sizeof second - 2] == 0); /* the caller's copy is wiped all the same */
	r = sign_get(b);
	CHECK(r != NULL && r->status == PW_OK);
	pw_done(0);
	CHECK_INT_EQ(pw_sigv4_key_derivations(), derivations);
	c = pw_key_open(other, strlen(other));
	CHECK(c != a);
	pw_clear_key_cache();
}

static void every_failure_has_one_shape(void)
{
	char bad[] = "{\"name\":\"-bad\"}";
	struct pw_result *r = pw_check_input(CET, 18, bad, strlen(bad));

	CHECK(r != NULL && r->status == PW_ERROR && pw_test_field_is(r, PW_ERROR_NAME, "ValidationError"));
	CHECK(r != NULL && r->f[PW_ERROR_DETAIL].len > 2 && r->f[PW_ERROR_DETAIL].data[0] == '['
		&& fx_contains(r->f[PW_ERROR_DETAIL].data, "datasetGroupArn"));
	pw_done(0);
	r = fx_examine(400, "DescribeEventTracker", NULL, "rid-1", NULL, "{\"__type\":\"ResourceNotFoundException\",\"message\":\"no such tracker\"}");
	CHECK(r != NULL && r->status == PW_ERROR && pw_test_field_is(r, PW_ERROR_NAME, "ResourceNotFoundException"));
	CHECK(pw_test_field_is(r, PW_ERROR_MESSAGE, "no such tracker") && pw_test_field_is(r, PW_ERROR_DETAIL, "client")
		&& pw_test_field_is(r, PW_ERROR_REQUEST_ID, "rid-1"));
	pw_done(0);
	r = pw_endpoint_url(NULL, 0, NULL, 0, 0, 0);
	CHECK(r != NULL && r->status == PW_ERROR && r->f[PW_ERROR_NAME].len > 0 && r->f[PW_ERROR_MESSAGE].len > 0);
	pw_done(0);
}

/* ---- handle lifetimes ---- */

static uint32_t prepare(const char *op, const char *input)
{
	char in[256], region[] = "us-east-1";
	size_t n = strlen(input);
	struct pw_result *r;
	uint32_t h;

	memcpy(in, input, n);
	r = pw_prepare_request(op, strlen(op), in, n, region, 9, NULL, 0, 0);
	h = r != NULL && r->status == PW_OK ? r->handle : 0;
	pw_done(0);
	return h;
}

#define TRACKER "{\"name\":\"n\",\"datasetGroupArn\":\"arn:aws:personalize:us-east-1:1:dataset-group/g\"}"

static struct pw_result *attempt(uint32_t call, uint32_t key, unsigned flags)
{
	static char packed[128];
	static const char *const a[PW_PACKED_SIGN_ATTEMPT_COUNT] = { "AKID", NULL, DATE, "inv" };
	size_t n = pw_test_pack(packed, a, PW_PACKED_SIGN_ATTEMPT_COUNT);

	return pw_sign_attempt(call, key, packed, n, 1, 1, flags);
}

static void more_calls_than_slots_get_too_many_calls_until_one_ends(void)
{
	uint32_t calls[PW_CALL_SLOTS], extra;
	char in[] = TRACKER, region[] = "us-east-1";
	struct pw_result *r;
	size_t i, k;

	for (i = 0; i < PW_CALL_SLOTS; i++) {
		calls[i] = prepare(CET, TRACKER);
		CHECK(calls[i] != 0);
		for (k = 0; k < i; k++) CHECK(calls[k] != calls[i]);
	}
	r = pw_prepare_request(CET, 18, in, strlen(in), region, 9, NULL, 0, 0);
	CHECK(r != NULL && r->status == PW_ERROR && pw_test_field_is(r, PW_ERROR_NAME, "TooManyCallsError") && r->handle == 0);
	pw_done(0);
	/* a refused prepare takes no slot: still full */
	CHECK(prepare(CET, "{\"name\":\"-\"}") == 0);
	CHECK(prepare(CET, TRACKER) == 0);
	pw_call_end(calls[3]);
	extra = prepare(CET, TRACKER);
	CHECK(extra != 0 && extra != calls[3]);
	CHECK(prepare(CET, TRACKER) == 0);
	pw_call_end(extra);
	for (i = 0; i < PW_CALL_SLOTS; i++) pw_call_end(calls[i]);
	/* all free again; refused ones never took one */
	for (i = 0; i < PW_CALL_SLOTS; i++) CHECK((calls[i] = prepare(CET, TRACKER)) != 0);
	for (i = 0; i < PW_CALL_SLOTS; i++) pw_call_end(calls[i]);
	CHECK(prepare(CET, "{\"name\":\"-\"}") == 0);
}

static void an_ended_call_handle_is_refused_never_taken_for_the_next_call(void)
{
	char secret[] = "s";
	uint32_t key = pw_key_open(secret, 1), call = prepare(CET, TRACKER), next;
	struct pw_result *r;

	r = attempt(call, key, 0);
	CHECK(r != NULL && r->status == PW_OK);
	pw_done(0);
	r = pw_examine(call, NULL, 0, 200, "\0\0\0\0\0\0\0\0\0\0\0\0", 12, "{\"eventTrackerArn\":\"a\",\"trackingId\":\"t\"}", 40);
	CHECK(r != NULL && r->status == PW_OK);
	pw_done(0);
	pw_call_end(call);
	pw_call_end(call); /* ending again: nothing */
	next = prepare("DeleteEventTracker", "{\"eventTrackerArn\":\"arn:aws:personalize:us-east-1:1:event-tracker/t\"}");
	CHECK(next != 0 && next != call);
	r = attempt(call, key, 0);
	CHECK(r != NULL && r->status == PW_ERROR && pw_test_field_is(r, PW_ERROR_NAME, "CallHandleError"));
	pw_done(0);
	r = pw_examine(call, NULL, 0, 200, "\0\0\0\0\0\0\0\0\0\0\0\0", 12, "", 0);
	CHECK(r != NULL && pw_test_field_is(r, PW_ERROR_NAME, "CallHandleError"));
	pw_done(0);
	r = attempt(0, key, 0);
	CHECK(r != NULL && pw_test_field_is(r, PW_ERROR_NAME, "CallHandleError"));
	pw_done(0);
	/* the next call's examining is its own operation's: DeleteEventTracker may be empty */
	r = pw_examine(next, "CreateEventTracker", 18, 200, "\0\0\0\0\0\0\0\0\0\0\0\0", 12, "", 0);
	CHECK(r != NULL && r->status == PW_OK);
	pw_done(0);
	pw_call_end(next);
	pw_key_close(key);
}

static void keys_pinned_by_calls_in_flight_are_not_evicted_and_ended_calls_unpin(void)
{
	uint32_t calls[PW_CALL_SLOTS], keys[PW_CALL_SLOTS], k;
	struct pw_result *r;
	size_t i;
	char secret[8];

	for (i = 0; i < PW_CALL_SLOTS; i++) {
		snprintf(secret, sizeof secret, "pin%02zu", i);
		keys[i] = pw_key_open(secret, strlen(secret));
		calls[i] = prepare(CET, TRACKER);
		r = attempt(calls[i], keys[i], 0);
		CHECK(r != NULL && r->status == PW_OK);
		pw_done(0);
	}
	/* many more secrets than slots: only the unpinned slots are reused */
	for (i = 0; i < 3 * PW_KEY_SLOTS; i++) {
		snprintf(secret, sizeof secret, "new%03zu", i);
		CHECK(pw_key_open(secret, strlen(secret)) != 0);
	}
	for (i = 0; i < PW_CALL_SLOTS; i++) {
		r = attempt(calls[i], keys[i], 0); /* a retry of each call: its key is still there */
		CHECK(r != NULL && r->status == PW_OK);
		pw_done(0);
	}
	/* a call that signs with another key moves its pin */
	snprintf(secret, sizeof secret, "moved");
	k = pw_key_open(secret, strlen(secret));
	r = attempt(calls[0], k, 0);
	CHECK(r != NULL && r->status == PW_OK);
	pw_done(0);
	/* ended calls unpin: their keys can now be evicted */
	for (i = 0; i < PW_CALL_SLOTS; i++) pw_call_end(calls[i]);
	for (i = 0; i < 2 * PW_KEY_SLOTS; i++) {
		snprintf(secret, sizeof secret, "end%03zu", i);
		CHECK(pw_key_open(secret, strlen(secret)) != 0);
	}
	for (i = 0; i < PW_CALL_SLOTS; i++) {
		r = sign_get(keys[i]);
		CHECK(r != NULL && pw_test_field_is(r, PW_ERROR_NAME, "KeyHandleError"));
		pw_done(0);
	}
	pw_clear_key_cache();
}

static void the_block_grows_wiping_what_it_held(void)
{
	char *a = pw_block(10), *b;

	CHECK(a != NULL);
	memcpy(a, "secret", 6);
	CHECK(pw_block(5) == a);
	b = pw_block(100000);
	CHECK(b != NULL);
	CHECK(pw_block((size_t)-1) == NULL);
	CHECK(pw_block((size_t)-1 / 2 + 1) == NULL);
	CHECK(pw_block(100) == b);
	memcpy(b, "secret", 6);
	pw_done(6);
	CHECK(pw_test_all_zero(b, 6));
	CHECK_INT_EQ(pw_heap_in_use(), 0);
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

const struct pw_test pw_tests_handles[] = {
	{ "a_closed_or_evicted_key_handle_is_refused", a_closed_or_evicted_key_handle_is_refused },
	{ "the_same_secret_opened_again_shares_its_handle_and_its_derived_key", the_same_secret_opened_again_shares_its_handle_and_its_derived_key },
	{ "every_failure_has_one_shape", every_failure_has_one_shape },
	{ "more_calls_than_slots_get_too_many_calls_until_one_ends", more_calls_than_slots_get_too_many_calls_until_one_ends },
	{ "an_ended_call_handle_is_refused_never_taken_for_the_next_call", an_ended_call_handle_is_refused_never_taken_for_the_next_call },
	{ "keys_pinned_by_calls_in_flight_are_not_evicted_and_ended_calls_unpin", keys_pinned_by_calls_in_flight_are_not_evicted_and_ended_calls_unpin },
	{ "the_block_grows_wiping_what_it_held", the_block_grows_wiping_what_it_held },
	{ "impossible_sizes_are_null_not_a_trap_or_a_short_block", impossible_sizes_are_null_not_a_trap_or_a_short_block },
	{ NULL, NULL }
};
