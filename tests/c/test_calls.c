/* A call through the exports as the glue makes it: prepared once, an attempt signed with the
 * header list C builds, in send order; PutEvents and its derived eventIds. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cJSON.h"
#include "check.h"
#include "fixture.h"
#include "result.h"
#include "sigv4.h"
#include "wasm_exports.h"

static const cJSON *request_headers(const cJSON *json)
{
	return cJSON_GetObjectItemCaseSensitive(cJSON_GetObjectItemCaseSensitive(json, "request"), "headers");
}

/* The signature of the request an attempt sends, signed directly (sigv4.h). */
static void check_signed_directly(const char *signature)
{
	static const char body[] = BODY;
	struct pw_header h[5] = {
		{ "amz-sdk-invocation-id", 21, "inv-1", 5 },
		{ "amz-sdk-request", 15, "attempt=1; max=3", 16 },
		{ "Host", 4, "personalize.us-east-1.amazonaws.com", 35 },
		{ "Content-Type", 12, "application/x-amz-json-1.1", 26 },
		{ "X-Amz-Target", 12, "AmazonPersonalize.CreateEventTracker", 36 },
	};
	struct pw_sigv4_request req = { "POST", 4, "/", 1, "", 0, h, 5, (const uint8_t *)body, sizeof body - 1, NULL };
	struct pw_sigv4_key key;
	struct pw_sigv4_params p;
	struct pw_sigv4_result r;
	memset(&p, 0, sizeof p);
	pw_sigv4_key_init(&key, FX_SECRET, strlen(FX_SECRET));
	p.access_key_id = "AKID";
	p.access_key_id_len = 4;
	p.key = &key;
	p.session_token = "SESSIONTOKEN";
	p.session_token_len = 12;
	p.region = "us-east-1";
	p.region_len = 9;
	p.service = "personalize";
	p.service_len = 11;
	memcpy(p.amz_date, "20261126T000000Z", 17);
	p.flags = PW_SIGV4_NORMALIZE_PATH;
	pw_sigv4_result_init(&r);
	CHECK(pw_sigv4_sign(&req, &p, &r) == PW_OK);
	CHECK_STR_EQ(r.signature, signature);
	pw_sigv4_result_free(&r);
	pw_wipe(&key, sizeof key);
}

static void an_attempt_signs_a_create_event_tracker_call_with_the_headers_in_send_order(void)
{
	cJSON *json = BUILD(CET, "us-east-1", INPUT, "SESSIONTOKEN");
	const cJSON *headers = request_headers(json);
	const char *auth, *signature = fx_str(json, "signature");
	static const char *const order[] = { "amz-sdk-invocation-id", "amz-sdk-request", "Host", "Content-Type", "X-Amz-Target",
		"X-Amz-Date", "X-Amz-Security-Token", "Authorization" };
	int count;
	size_t i;

	CHECK_STR_EQ(fx_str(json, "request.method"), "POST");
	CHECK_STR_EQ(fx_str(json, "request.url"), "https://personalize.us-east-1.amazonaws.com/");
	CHECK_STR_EQ(fx_str(json, "request.body"), BODY);
	CHECK_INT_EQ(cJSON_GetArraySize(headers), 8);
	for (i = 0; i < sizeof order / sizeof order[0]; i++) {
		const cJSON *name = cJSON_GetArrayItem(cJSON_GetArrayItem(headers, (int)i), 0);
		CHECK_STR_EQ(cJSON_IsString(name) ? name->valuestring : NULL, order[i]);
	}
	CHECK_STR_EQ(pw_test_header_value(headers, "amz-sdk-invocation-id", &count), "inv-1");
	CHECK_STR_EQ(pw_test_header_value(headers, "amz-sdk-request", &count), "attempt=1; max=3");
	CHECK_STR_EQ(pw_test_header_value(headers, "Host", &count), "personalize.us-east-1.amazonaws.com");
	CHECK_INT_EQ(count, 1);
	CHECK_STR_EQ(pw_test_header_value(headers, "Content-Type", &count), "application/x-amz-json-1.1");
	CHECK_INT_EQ(count, 1);
	CHECK_STR_EQ(pw_test_header_value(headers, "X-Amz-Target", &count), "AmazonPersonalize.CreateEventTracker");
	CHECK_INT_EQ(count, 1);
	CHECK_STR_EQ(pw_test_header_value(headers, "X-Amz-Date", &count), "20261126T000000Z");
	CHECK_INT_EQ(count, 1);
	CHECK_STR_EQ(pw_test_header_value(headers, "X-Amz-Security-Token", &count), "SESSIONTOKEN");
	CHECK_INT_EQ(count, 1);
	auth = pw_test_header_value(headers, "Authorization", &count);
	CHECK_INT_EQ(count, 1);
	CHECK_STR_EQ(fx_str(json, "authorization"), auth);
	CHECK(signature != NULL && strlen(signature) == 64);
	if (auth != NULL && signature != NULL) {
		char expected[400];
		strcpy(expected, "AWS4-HMAC-SHA256 Credential=AKID/20261126/us-east-1/personalize/aws4_request, "
			"SignedHeaders=amz-sdk-invocation-id;amz-sdk-request;content-type;host;x-amz-date;x-amz-security-token;x-amz-target, Signature=");
		strcat(expected, signature);
		CHECK_STR_EQ(auth, expected);
	}
	CHECK(fx_starts(fx_str(json, "canonicalRequest"), "POST\n/\n\namz-sdk-invocation-id:inv-1\namz-sdk-request:attempt=1; max=3\n"
		"content-type:application/x-amz-json-1.1\nhost:personalize.us-east-1.amazonaws.com\n"));
	CHECK(fx_starts(fx_str(json, "stringToSign"), "AWS4-HMAC-SHA256\n20261126T000000Z\n20261126/us-east-1/personalize/aws4_request\n"));
	/* nothing secret in the result */
	{
		char *text = cJSON_PrintUnformatted(json);
		CHECK(text != NULL && strstr(text, FX_SECRET) == NULL);
		cJSON_free(text);
	}

	/* the same signature as signing the same request directly */
	if (signature != NULL) check_signed_directly(signature);
	cJSON_Delete(json);
}

static void an_attempt_without_a_token_sends_none(void)
{
	cJSON *json = BUILD(CET, "us-east-1", INPUT, NULL);
	const cJSON *headers = request_headers(json);
	int count;

	CHECK(pw_test_header_value(headers, "X-Amz-Security-Token", &count) == NULL);
	CHECK(fx_contains(pw_test_header_value(headers, "Authorization", &count),
		"SignedHeaders=amz-sdk-invocation-id;amz-sdk-request;content-type;host;x-amz-date;x-amz-target,"));
	cJSON_Delete(json);
}

static void a_put_events_call_uses_the_events_endpoint_and_signing_name_personalize(void)
{
	cJSON *json = BUILD("PutEvents", "eu-west-1",
		"{\"trackingId\":\"t\",\"sessionId\":\"s\",\"eventList\":[{\"eventType\":\"click\",\"sentAt\":1732579200.5,\"properties\":{\"a\":1}}]}",
		"tok");
	const cJSON *headers = request_headers(json);
	int count;

	CHECK_STR_EQ(fx_str(json, "request.url"), "https://personalize-events.eu-west-1.amazonaws.com/events");
	/* the eventId derived from the event (the id computed with Python's hashlib by the rule) */
	CHECK_STR_EQ(fx_str(json, "request.body"),
		"{\"trackingId\":\"t\",\"sessionId\":\"s\",\"eventList\":[{\"eventType\":\"click\",\"sentAt\":1732579200.5,"
		"\"eventId\":\"cf6c270f-9f56-832c-984f-e904ba4cc808\",\"properties\":\"{\\\"a\\\":1}\"}]}");
	CHECK_STR_EQ(pw_test_header_value(headers, "Host", &count), "personalize-events.eu-west-1.amazonaws.com");
	CHECK_STR_EQ(pw_test_header_value(headers, "Content-Type", &count), "application/json");
	CHECK(pw_test_header_value(headers, "X-Amz-Target", &count) == NULL);
	CHECK(fx_starts(pw_test_header_value(headers, "Authorization", &count), "AWS4-HMAC-SHA256 Credential=AKID/20261126/eu-west-1/personalize/aws4_request, "));
	CHECK(fx_starts(fx_str(json, "canonicalRequest"), "POST\n/events\n\n"));
	cJSON_Delete(json);
}

/* The ids the result lists, as one comma-separated string. */
static void event_ids(const cJSON *result, char *out, size_t size)
{
	const cJSON *id;

	out[0] = 0;
	cJSON_ArrayForEach(id, cJSON_GetObjectItemCaseSensitive(result, "eventIds")) {
		if (out[0] != 0) strncat(out, ",", size - strlen(out) - 1);
		strncat(out, cJSON_IsString(id) ? id->valuestring : "(not a string)", size - strlen(out) - 1);
	}
}

#define PUT_EVENTS(input, token) BUILD("PutEvents", "us-east-1", input, token)

static void a_put_events_call_derives_each_missing_event_id_from_the_event(void)
{
	static const char input[] = "{\"trackingId\":\"t\",\"sessionId\":\"s\",\"userId\":\"u\",\"eventList\":["
		"{\"eventType\":\"click\",\"sentAt\":1,\"itemId\":\"i1\"},"
		"{\"eventType\":\"click\",\"sentAt\":1,\"eventId\":\"given-1\"},"
		"{\"eventId\":null,\"eventType\":\"view\",\"sentAt\":2}]}";
	/* computed with Python's hashlib by the rule in event_id.h */
	static const char a[] = "25ff387f-f6b6-8508-8842-a0b2881733c0", c_id[] = "6cae3eb8-87ad-8fc3-8e48-d409b1375c09";
	cJSON *first = PUT_EVENTS(input, NULL), *again = PUT_EVENTS(input, "tok");
	char ids[300], expected[300], body[600];

	event_ids(first, ids, sizeof ids);
	snprintf(expected, sizeof expected, "%s,given-1,%s", a, c_id);
	CHECK_STR_EQ(ids, expected);
	snprintf(body, sizeof body, "{\"trackingId\":\"t\",\"sessionId\":\"s\",\"eventList\":["
		"{\"eventType\":\"click\",\"sentAt\":1,\"eventId\":\"%s\",\"itemId\":\"i1\"},"
		"{\"eventType\":\"click\",\"sentAt\":1,\"eventId\":\"given-1\"},"
		"{\"eventType\":\"view\",\"sentAt\":2,\"eventId\":\"%s\"}],\"userId\":\"u\"}", a, c_id);
	CHECK_STR_EQ(fx_str(first, "request.body"), body);
	/* the same input again: the same ids and body */
	event_ids(again, ids, sizeof ids);
	CHECK_STR_EQ(ids, expected);
	CHECK_STR_EQ(fx_str(again, "request.body"), body);
	cJSON_Delete(first);
	cJSON_Delete(again);

	/* without the userId, the same event is another event */
	first = PUT_EVENTS("{\"trackingId\":\"t\",\"sessionId\":\"s\",\"eventList\":[{\"eventType\":\"view\",\"sentAt\":2}]}", NULL);
	event_ids(first, ids, sizeof ids);
	CHECK_STR_EQ(ids, "319f31b9-bcec-85e4-9821-ff0c070dc7f2");
	cJSON_Delete(first);

	/* other operations list no eventIds */
	first = BUILD(CET, "us-east-1", INPUT, NULL);
	CHECK(cJSON_GetObjectItemCaseSensitive(first, "eventIds") == NULL);
	cJSON_Delete(first);
}
static void event_ids_differ_when_any_part_of_the_event_differs(void)
{
	static const char *const variants[] = {
		"{\"trackingId\":\"t\",\"sessionId\":\"s\",\"eventList\":[{\"eventType\":\"click\",\"sentAt\":1}]}",
		"{\"trackingId\":\"t2\",\"sessionId\":\"s\",\"eventList\":[{\"eventType\":\"click\",\"sentAt\":1}]}",
		"{\"trackingId\":\"t\",\"sessionId\":\"s2\",\"eventList\":[{\"eventType\":\"click\",\"sentAt\":1}]}",
		"{\"trackingId\":\"t\",\"sessionId\":\"s\",\"userId\":\"u\",\"eventList\":[{\"eventType\":\"click\",\"sentAt\":1}]}",
		"{\"trackingId\":\"t\",\"sessionId\":\"s\",\"eventList\":[{\"eventType\":\"view\",\"sentAt\":1}]}",
		"{\"trackingId\":\"t\",\"sessionId\":\"s\",\"eventList\":[{\"eventType\":\"click\",\"sentAt\":1.001}]}",
		"{\"trackingId\":\"t\",\"sessionId\":\"s\",\"eventList\":[{\"eventType\":\"click\",\"sentAt\":1,\"itemId\":\"i\"}]}",
		"{\"trackingId\":\"t\",\"sessionId\":\"s\",\"eventList\":[{\"eventType\":\"click\",\"sentAt\":1,\"eventValue\":0}]}",
		"{\"trackingId\":\"t\",\"sessionId\":\"s\",\"eventList\":[{\"eventType\":\"click\",\"sentAt\":1,\"properties\":{\"a\":1}}]}",
		"{\"trackingId\":\"t\",\"sessionId\":\"s\",\"eventList\":[{\"eventType\":\"click\",\"sentAt\":1,\"properties\":{\"a\":2}}]}",
		"{\"trackingId\":\"t\",\"sessionId\":\"s\",\"eventList\":[{\"eventType\":\"click\",\"sentAt\":1,\"impression\":[\"x\"]}]}",
		/* a field boundary moved: lengths keep these apart */
		"{\"trackingId\":\"ts\",\"sessionId\":\"x\",\"eventList\":[{\"eventType\":\"click\",\"sentAt\":1}]}",
		"{\"trackingId\":\"t\",\"sessionId\":\"sx\",\"eventList\":[{\"eventType\":\"click\",\"sentAt\":1}]}",
	};
	char ids[sizeof variants / sizeof variants[0]][100];
	size_t i, k;

	for (i = 0; i < sizeof variants / sizeof variants[0]; i++) {
		cJSON *c = PUT_EVENTS(variants[i], NULL);
		event_ids(c, ids[i], sizeof ids[i]);
		CHECK(strlen(ids[i]) == 36 && ids[i][14] == '8' && strchr("89ab", ids[i][19]) != NULL);
		cJSON_Delete(c);
		for (k = 0; k < i; k++) {
			if (strcmp(ids[i], ids[k]) == 0) FAIL("variants %zu and %zu have the same eventId %s", k, i, ids[i]);
		}
	}
	/* members in another order are the same event (a number is its text, as the glue writes it with
	 * JSON.stringify: the same value is the same text) */
	{
		cJSON *c = PUT_EVENTS("{\"eventList\":[{\"sentAt\":1,\"eventType\":\"click\"}],\"sessionId\":\"s\",\"trackingId\":\"t\"}", NULL);
		char same[100];
		event_ids(c, same, sizeof same);
		CHECK_STR_EQ(same, ids[0]);
		cJSON_Delete(c);
	}
}


const struct pw_test pw_tests_calls[] = {
	{ "an_attempt_signs_a_create_event_tracker_call_with_the_headers_in_send_order", an_attempt_signs_a_create_event_tracker_call_with_the_headers_in_send_order },
	{ "an_attempt_without_a_token_sends_none", an_attempt_without_a_token_sends_none },
	{ "a_put_events_call_uses_the_events_endpoint_and_signing_name_personalize", a_put_events_call_uses_the_events_endpoint_and_signing_name_personalize },
	{ "a_put_events_call_derives_each_missing_event_id_from_the_event", a_put_events_call_derives_each_missing_event_id_from_the_event },
	{ "event_ids_differ_when_any_part_of_the_event_differs", event_ids_differ_when_any_part_of_the_event_differs },
	{ NULL, NULL }
};
