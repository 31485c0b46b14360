/* The module's exports, run natively (wasm_exports.h): a call prepared once and signed per
 * attempt (the header list C builds, the secret wiped), the generic signer, input checking,
 * response examination, endpoints, one error shape, and the lifetimes of call and key handles. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cJSON.h"
#include "check.h"
#include "result.h"
#include "sigv4.h"
#include "wasm_exports.h"

static int starts(const char *s, const char *prefix)
{
	return s != NULL && strncmp(s, prefix, strlen(prefix)) == 0;
}

static int contains(const char *s, const char *part)
{
	return s != NULL && strstr(s, part) != NULL;
}

static const char *str(const cJSON *o, const char *path)
{
	char name[64];
	const char *dot;

	while ((dot = strchr(path, '.')) != NULL) {
		size_t n = (size_t)(dot - path);
		if (n >= sizeof name) return NULL;
		memcpy(name, path, n);
		name[n] = 0;
		o = cJSON_GetObjectItemCaseSensitive(o, name);
		path = dot + 1;
	}
	o = cJSON_GetObjectItemCaseSensitive(o, path);
	return cJSON_IsString(o) ? o->valuestring : NULL;
}

static const char *header_value(const cJSON *list, const char *name, int *count)
{
	return pw_test_header_value(list, name, count);
}

static const char SECRET[] = "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY";

/* Adds a result's error fields to o as {"error":{"name","message"}} or, for a ValidationError,
 * {"errors":[...]}. */
static void add_error(cJSON *o, const struct pw_result *r)
{
	char *name = pw_test_field(r, PW_ERROR_NAME), *message = pw_test_field(r, PW_ERROR_MESSAGE);

	if (strcmp(name, "ValidationError") == 0) {
		cJSON *errors = pw_test_field_json(r, PW_ERROR_DETAIL);
		cJSON_AddItemToObject(o, "errors", errors != NULL ? errors : cJSON_CreateNull());
	} else {
		cJSON *e = cJSON_AddObjectToObject(o, "error");
		cJSON_AddStringToObject(e, "name", name);
		cJSON_AddStringToObject(e, "message", message);
	}
	free(name);
	free(message);
}

static void add_field(cJSON *o, const char *name, const struct pw_result *r, int i)
{
	char *s = pw_test_field(r, i);

	cJSON_AddStringToObject(o, name, s);
	free(s);
}

struct call_config {
	const char *op, *region, *endpoint;
	unsigned flags;
	const char *akid, *token, *date, *invocation_id;
};

/* One call as the glue makes it: the secret opened (its buffer must be left all zero),
 * pw_prepare_request, pw_sign_attempt 1 of 3 (with the canonical strings), pw_call_end. The
 * outcome as JSON: {"request":{"method","url","headers","body"},"canonicalRequest",
 * "stringToSign","signature"[,"eventIds"]}, {"errors":[...]} or {"error":{"name","message"}}. */
static cJSON *run_call(const struct call_config *c, const char *input, const char *file, int line)
{
	cJSON *o = cJSON_CreateObject(), *req;
	char *secret = pw_test_buffer(SECRET), *in = pw_test_buffer(input);
	char *region = c->region != NULL ? pw_test_buffer(c->region) : NULL;
	const char *packed_strings[PW_PACKED_SIGN_ATTEMPT_COUNT];
	char packed[512];
	size_t packed_len;
	uint32_t key = pw_key_open(secret, strlen(SECRET)), call;
	struct pw_result *r;

	pw_check(pw_test_all_zero(secret, strlen(SECRET)), file, line, "the secret buffer is wiped");
	r = pw_prepare_request(c->op, strlen(c->op), in, strlen(input), region, region != NULL ? strlen(c->region) : 0,
		c->endpoint, c->endpoint != NULL ? strlen(c->endpoint) : 0, c->flags);
	if (!pw_check(r != NULL, file, line, "a prepare result")) goto done;
	if (r->status != PW_OK) {
		pw_check(r->handle == 0, file, line, "no handle for a refused call");
		add_error(o, r);
		pw_done(0);
		goto done;
	}
	call = r->handle;
	req = cJSON_AddObjectToObject(o, "request");
	cJSON_AddStringToObject(req, "method", "POST");
	add_field(req, "url", r, PW_PREPARE_URL);
	add_field(req, "body", r, PW_PREPARE_BODY);
	if (r->f[PW_PREPARE_EVENT_IDS].len > 0) cJSON_AddItemToObject(o, "eventIds", pw_test_field_json(r, PW_PREPARE_EVENT_IDS));
	pw_done(0);
	packed_strings[PW_PACKED_SIGN_ATTEMPT_ACCESS_KEY_ID] = c->akid;
	packed_strings[PW_PACKED_SIGN_ATTEMPT_SESSION_TOKEN] = c->token;
	packed_strings[PW_PACKED_SIGN_ATTEMPT_DATE] = c->date;
	packed_strings[PW_PACKED_SIGN_ATTEMPT_INVOCATION_ID] = c->invocation_id != NULL ? c->invocation_id : "inv-1";
	packed_len = pw_test_pack(packed, packed_strings, PW_PACKED_SIGN_ATTEMPT_COUNT);
	r = pw_sign_attempt(call, key, packed, packed_len, 1, 3, PW_SIGN_CANONICAL);
	if (pw_check(r != NULL, file, line, "a sign result")) {
		if (r->status != PW_OK) {
			cJSON_DeleteItemFromObject(o, "request");
			add_error(o, r);
		} else {
			cJSON_AddItemToObject(req, "headers", pw_test_field_json(r, PW_SIGN_HEADERS));
			add_field(o, "authorization", r, PW_SIGN_AUTHORIZATION);
			add_field(o, "signature", r, PW_SIGN_SIGNATURE);
			add_field(o, "canonicalRequest", r, PW_SIGN_CANONICAL_REQUEST);
			add_field(o, "stringToSign", r, PW_SIGN_STRING_TO_SIGN);
		}
	}
	pw_done(0);
	pw_call_end(call);
done:
	pw_key_close(key);
	pw_test_free(secret, strlen(SECRET));
	pw_test_free(in, strlen(input));
	if (region != NULL) pw_test_free(region, strlen(c->region));
	return o;
}

static cJSON *build(const char *op, const char *region, const char *input, const char *token, const char *file, int line)
{
	struct call_config c = { op, region, NULL, 0, "AKID", token, "20261126T000000Z", NULL };

	return run_call(&c, input, file, line);
}
/* A call of op in region, signed by AKID at 20261126T000000Z. */
#define BUILD(op, region, input, token) build(op, region, input, token, __FILE__, __LINE__)
#define RUN(config, input) run_call(config, input, __FILE__, __LINE__)

#define INPUT "{\"name\":\"my-tracker\",\"datasetGroupArn\":\"arn:aws:personalize:us-east-1:123456789012:dataset-group/g\"," \
	"\"tags\":[{\"tagKey\":\"team\",\"tagValue\":\"\xE6\x97\xA5\"}]}"
#define BODY "{\"name\":\"my-tracker\",\"datasetGroupArn\":\"arn:aws:personalize:us-east-1:123456789012:dataset-group/g\"," \
	"\"tags\":[{\"tagKey\":\"team\",\"tagValue\":\"\xE6\x97\xA5\"}]}"
#define CET "CreateEventTracker"

static const cJSON *request_headers(const cJSON *json)
{
	return cJSON_GetObjectItemCaseSensitive(cJSON_GetObjectItemCaseSensitive(json, "request"), "headers");
}

static void an_attempt_signs_a_create_event_tracker_call_with_the_headers_in_send_order(void)
{
	cJSON *json = BUILD(CET, "us-east-1", INPUT, "SESSIONTOKEN");
	const cJSON *headers = request_headers(json);
	const char *auth, *signature = str(json, "signature");
	static const char *const order[] = { "amz-sdk-invocation-id", "amz-sdk-request", "Host", "Content-Type", "X-Amz-Target",
		"X-Amz-Date", "X-Amz-Security-Token", "Authorization" };
	int count;
	size_t i;

	CHECK_STR_EQ(str(json, "request.method"), "POST");
	CHECK_STR_EQ(str(json, "request.url"), "https://personalize.us-east-1.amazonaws.com/");
	CHECK_STR_EQ(str(json, "request.body"), BODY);
	CHECK_INT_EQ(cJSON_GetArraySize(headers), 8);
	for (i = 0; i < sizeof order / sizeof order[0]; i++) {
		const cJSON *name = cJSON_GetArrayItem(cJSON_GetArrayItem(headers, (int)i), 0);
		CHECK_STR_EQ(cJSON_IsString(name) ? name->valuestring : NULL, order[i]);
	}
	CHECK_STR_EQ(header_value(headers, "amz-sdk-invocation-id", &count), "inv-1");
	CHECK_STR_EQ(header_value(headers, "amz-sdk-request", &count), "attempt=1; max=3");
	CHECK_STR_EQ(header_value(headers, "Host", &count), "personalize.us-east-1.amazonaws.com");
	CHECK_INT_EQ(count, 1);
	CHECK_STR_EQ(header_value(headers, "Content-Type", &count), "application/x-amz-json-1.1");
	CHECK_INT_EQ(count, 1);
	CHECK_STR_EQ(header_value(headers, "X-Amz-Target", &count), "AmazonPersonalize.CreateEventTracker");
	CHECK_INT_EQ(count, 1);
	CHECK_STR_EQ(header_value(headers, "X-Amz-Date", &count), "20261126T000000Z");
	CHECK_INT_EQ(count, 1);
	CHECK_STR_EQ(header_value(headers, "X-Amz-Security-Token", &count), "SESSIONTOKEN");
	CHECK_INT_EQ(count, 1);
	auth = header_value(headers, "Authorization", &count);
	CHECK_INT_EQ(count, 1);
	CHECK_STR_EQ(str(json, "authorization"), auth);
	CHECK(signature != NULL && strlen(signature) == 64);
	if (auth != NULL && signature != NULL) {
		char expected[400];
		strcpy(expected, "AWS4-HMAC-SHA256 Credential=AKID/20261126/us-east-1/personalize/aws4_request, "
			"SignedHeaders=amz-sdk-invocation-id;amz-sdk-request;content-type;host;x-amz-date;x-amz-security-token;x-amz-target, Signature=");
		strcat(expected, signature);
		CHECK_STR_EQ(auth, expected);
	}
	CHECK(starts(str(json, "canonicalRequest"), "POST\n/\n\namz-sdk-invocation-id:inv-1\namz-sdk-request:attempt=1; max=3\n"
		"content-type:application/x-amz-json-1.1\nhost:personalize.us-east-1.amazonaws.com\n"));
	CHECK(starts(str(json, "stringToSign"), "AWS4-HMAC-SHA256\n20261126T000000Z\n20261126/us-east-1/personalize/aws4_request\n"));
	/* nothing secret in the result */
	{
		char *text = cJSON_PrintUnformatted(json);
		CHECK(text != NULL && strstr(text, SECRET) == NULL);
		cJSON_free(text);
	}

	/* the same signature as signing the same request directly */
	if (signature != NULL) {
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
		pw_sigv4_key_init(&key, SECRET, strlen(SECRET));
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
	cJSON_Delete(json);
}

static void an_attempt_without_a_token_sends_none(void)
{
	cJSON *json = BUILD(CET, "us-east-1", INPUT, NULL);
	const cJSON *headers = request_headers(json);
	int count;

	CHECK(header_value(headers, "X-Amz-Security-Token", &count) == NULL);
	CHECK(contains(header_value(headers, "Authorization", &count),
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

	CHECK_STR_EQ(str(json, "request.url"), "https://personalize-events.eu-west-1.amazonaws.com/events");
	/* the eventId derived from the event (the id computed with Python's hashlib by the rule) */
	CHECK_STR_EQ(str(json, "request.body"),
		"{\"trackingId\":\"t\",\"sessionId\":\"s\",\"eventList\":[{\"eventType\":\"click\",\"sentAt\":1732579200.5,"
		"\"eventId\":\"cf6c270f-9f56-832c-984f-e904ba4cc808\",\"properties\":\"{\\\"a\\\":1}\"}]}");
	CHECK_STR_EQ(header_value(headers, "Host", &count), "personalize-events.eu-west-1.amazonaws.com");
	CHECK_STR_EQ(header_value(headers, "Content-Type", &count), "application/json");
	CHECK(header_value(headers, "X-Amz-Target", &count) == NULL);
	CHECK(starts(header_value(headers, "Authorization", &count), "AWS4-HMAC-SHA256 Credential=AKID/20261126/eu-west-1/personalize/aws4_request, "));
	CHECK(starts(str(json, "canonicalRequest"), "POST\n/events\n\n"));
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
	CHECK_STR_EQ(str(first, "request.body"), body);
	/* the same input again: the same ids and body */
	event_ids(again, ids, sizeof ids);
	CHECK_STR_EQ(ids, expected);
	CHECK_STR_EQ(str(again, "request.body"), body);
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
	/* members in another order and a Date's seconds written otherwise are the same event */
	{
		cJSON *c = PUT_EVENTS("{\"eventList\":[{\"sentAt\":1.0,\"eventType\":\"click\"}],\"sessionId\":\"s\",\"trackingId\":\"t\"}", NULL);
		char same[100];
		event_ids(c, same, sizeof same);
		CHECK_STR_EQ(same, ids[0]);
		cJSON_Delete(c);
	}
}

static void a_call_signs_the_lower_case_region_and_the_host_fetch_sends(void)
{
	cJSON *json = BUILD(CET, "US-East-1", INPUT, NULL);
	const cJSON *headers = request_headers(json);
	struct call_config local = { CET, "US-East-1", "http://127.1:4566", 0, "AKID", NULL, "20261126T000000Z", NULL };
	struct call_config bad = { CET, "us-east-1", "http://[::1]\\x", 0, "AKID", NULL, "20261126T000000Z", NULL };
	int count;

	CHECK_STR_EQ(str(json, "request.url"), "https://personalize.us-east-1.amazonaws.com/");
	CHECK_STR_EQ(header_value(headers, "Host", &count), "personalize.us-east-1.amazonaws.com");
	CHECK(contains(header_value(headers, "Authorization", &count), "Credential=AKID/20261126/us-east-1/personalize/aws4_request,"));
	cJSON_Delete(json);

	json = RUN(&local, INPUT);
	headers = request_headers(json);
	CHECK_STR_EQ(str(json, "request.url"), "http://127.0.0.1:4566/");
	CHECK_STR_EQ(header_value(headers, "Host", &count), "127.0.0.1:4566");
	CHECK(contains(str(json, "canonicalRequest"), "\nhost:127.0.0.1:4566\n"));
	CHECK(contains(header_value(headers, "Authorization", &count), "/us-east-1/personalize/aws4_request,"));
	cJSON_Delete(json);

	json = RUN(&bad, INPUT);
	CHECK_STR_EQ(str(json, "error.name"), "EndpointError");
	CHECK(contains(str(json, "error.message"), "backslashes"));
	cJSON_Delete(json);
}

static void a_call_with_a_custom_endpoint_keeps_its_base_path(void)
{
	struct call_config c = { "DeleteEventTracker", "us-east-1", "http://localhost:8080/base/", 0, "AKID", NULL,
		"20261126T000000Z", "inv-9" };
	cJSON *json = RUN(&c, "{\"eventTrackerArn\":\"arn:aws:personalize:us-east-1:1:event-tracker/t\"}");
	const cJSON *headers = request_headers(json);
	int count;

	CHECK_STR_EQ(str(json, "request.url"), "http://localhost:8080/base/");
	CHECK_STR_EQ(header_value(headers, "Host", &count), "localhost:8080");
	CHECK_STR_EQ(header_value(headers, "amz-sdk-invocation-id", &count), "inv-9");
	CHECK(contains(header_value(headers, "Authorization", &count),
		"SignedHeaders=amz-sdk-invocation-id;amz-sdk-request;content-type;host;x-amz-date;x-amz-target,"));
	CHECK(starts(str(json, "canonicalRequest"), "POST\n/base/\n\n"));
	cJSON_Delete(json);
}

static void a_call_reports_invalid_input_and_still_wipes_the_secret(void)
{
	cJSON *json = BUILD(CET, "us-east-1", "{\"name\":\"-bad\",\"datasetGroupArn\":\"x\",\"tags\":[{\"tagKey\":\"aws:k\",\"tagValue\":\"\\ud800\"}]}", "tok");
	const cJSON *errors = cJSON_GetObjectItemCaseSensitive(json, "errors");
	const cJSON *e;
	int name = 0, arn = 0, key = 0, value = 0;

	CHECK(cJSON_IsArray(errors));
	CHECK(cJSON_GetObjectItemCaseSensitive(json, "request") == NULL);
	CHECK_INT_EQ(cJSON_GetArraySize(errors), 4);
	cJSON_ArrayForEach(e, errors) {
		const char *f = str(e, "field");
		if (f == NULL || str(e, "message") == NULL) continue;
		name += strcmp(f, "name") == 0;
		arn += strcmp(f, "datasetGroupArn") == 0;
		key += strcmp(f, "tags[0].tagKey") == 0;
		value += strcmp(f, "tags[0].tagValue") == 0 && contains(str(e, "message"), "valid Unicode");
	}
	CHECK(name == 1 && arn == 1 && key == 1 && value == 1);
	cJSON_Delete(json);

	json = BUILD(CET, "us-east-1", "not json", "tok");
	CHECK_INT_EQ(cJSON_GetArraySize(cJSON_GetObjectItemCaseSensitive(json, "errors")), 1);
	cJSON_Delete(json);
}

static void a_call_reports_configuration_and_credential_errors_and_still_wipes_the_secret(void)
{
	struct call_config fips = { CET, "us-east-1", "http://localhost", PW_FLAG_FIPS, "AKID", NULL, "20261126T000000Z", NULL };
	struct call_config no_region = { CET, NULL, "http://localhost:1", 0, "AKID", NULL, "20261126T000000Z", NULL };
	struct call_config no_akid = { CET, "us-east-1", NULL, 0, "", NULL, "20261126T000000Z", NULL };
	struct call_config short_date = { CET, "us-east-1", NULL, 0, "AKID", NULL, "2026-11-26", NULL };
	struct call_config bad_date = { CET, "us-east-1", NULL, 0, "AKID", NULL, "2026112XT000000Z", NULL };
	struct call_config line_break = { CET, "us-east-1", NULL, 0, "AKID", "tok\nX-Injected: 1", "20261126T000000Z", NULL };
	cJSON *json = BUILD(CET, NULL, INPUT, "tok");

	CHECK_STR_EQ(str(json, "error.name"), "EndpointError");
	CHECK_STR_EQ(str(json, "error.message"), "Invalid Configuration: Missing Region");
	cJSON_Delete(json);
	json = RUN(&fips, INPUT);
	CHECK_STR_EQ(str(json, "error.name"), "EndpointError");
	CHECK_STR_EQ(str(json, "error.message"), "Invalid Configuration: FIPS and custom endpoint are not supported");
	cJSON_Delete(json);
	json = BUILD("NoSuchOperation", "us-east-1", INPUT, "tok");
	CHECK_STR_EQ(str(json, "error.name"), "ConfigurationError");
	CHECK_STR_EQ(str(json, "error.message"), "Unknown operation");
	cJSON_Delete(json);
	/* a custom endpoint needs no region, but signing does */
	json = RUN(&no_region, INPUT);
	CHECK_STR_EQ(str(json, "error.name"), "ConfigurationError");
	CHECK_STR_EQ(str(json, "error.message"), "Missing Region: a region is needed to sign requests, even with a custom endpoint");
	cJSON_Delete(json);
	json = RUN(&no_akid, INPUT);
	CHECK_STR_EQ(str(json, "error.name"), "CredentialsProviderError");
	CHECK_STR_EQ(str(json, "error.message"), "Missing credentials: accessKeyId and secretAccessKey are both required");
	cJSON_Delete(json);
	json = RUN(&short_date, INPUT);
	CHECK_STR_EQ(str(json, "error.name"), "SigningError");
	CHECK_STR_EQ(str(json, "error.message"), "Invalid date: expected YYYYMMDDTHHMMSSZ");
	cJSON_Delete(json);
	json = RUN(&bad_date, INPUT);
	CHECK_STR_EQ(str(json, "error.name"), "SigningError");
	cJSON_Delete(json);
	/* a session token that would split the header is refused, not signed */
	json = RUN(&line_break, INPUT);
	CHECK_STR_EQ(str(json, "error.name"), "CredentialsProviderError");
	CHECK(contains(str(json, "error.message"), "line break"));
	cJSON_Delete(json);
}

/* A session token with a NUL byte (which a C string cannot show): refused too. */
static void an_attempt_refuses_a_session_token_holding_a_nul(void)
{
	char secret[] = "s", input[] = "{\"name\":\"n\",\"datasetGroupArn\":\"arn:aws:personalize:us-east-1:1:dataset-group/g\"}";
	char region[] = "us-east-1", packed[128];
	uint32_t key = pw_key_open(secret, 1), call;
	size_t n = 0;
	struct pw_result *r = pw_prepare_request(CET, 18, input, strlen(input), region, 9, NULL, 0, 0);

	if (!CHECK(r != NULL && r->status == PW_OK)) return;
	call = r->handle;
	pw_done(0);
	/* accessKeyId "AKID", token "a\0b", date, invocation id */
	memcpy(packed + n, "\x04\0\0\0" "AKID", 8); n += 8;
	memcpy(packed + n, "\x03\0\0\0" "a\0b", 7); n += 7;
	memcpy(packed + n, "\x10\0\0\0" "20261126T000000Z", 20); n += 20;
	memcpy(packed + n, "\x01\0\0\0" "i", 5); n += 5;
	r = pw_sign_attempt(call, key, packed, n, 1, 1, 0);
	CHECK(r != NULL && r->status == PW_ERROR && pw_test_field_is(r, PW_ERROR_NAME, "CredentialsProviderError"));
	CHECK(r != NULL && contains(r->f[PW_ERROR_MESSAGE].data, "NUL"));
	pw_done(0);
	/* malformed packed arguments are refused as well */
	r = pw_sign_attempt(call, key, packed, n - 1, 1, 1, 0);
	CHECK(r != NULL && r->status == PW_ERROR && pw_test_field_is(r, PW_ERROR_NAME, "SigningError"));
	pw_done(0);
	pw_call_end(call);
	pw_key_close(key);
}
static struct pw_result *check_input(const char *op, const char *input)
{
	static char buf[512];
	size_t n = strlen(input);

	memcpy(buf, input, n);
	return pw_check_input(op, strlen(op), buf, n);
}

static void check_input_lists_errors(void)
{
	struct pw_result *r = check_input(CET, "{\"name\":\"\",\"datasetGroupArn\":\"arn:aws:personalize:us-east-1:1:dataset-group/g\"}");
	cJSON *errors = pw_test_field_json(r, PW_ERROR_DETAIL);

	CHECK(r != NULL && r->status == PW_ERROR && pw_test_field_is(r, PW_ERROR_NAME, "ValidationError"));
	CHECK_INT_EQ(cJSON_GetArraySize(errors), 1);
	CHECK_STR_EQ(str(cJSON_GetArrayItem(errors, 0), "field"), "name");
	cJSON_Delete(errors);
	pw_done(0);

	r = check_input(CET, "{\"name\":\"n\",\"datasetGroupArn\":\"arn:aws:personalize:us-east-1:1:dataset-group/g\"}");
	CHECK(r != NULL && r->status == PW_OK && r->f[0].len == 0 && r->handle == 0);
	pw_done(0);

	r = check_input("Nope", "{}");
	errors = pw_test_field_json(r, PW_ERROR_DETAIL);
	CHECK_STR_EQ(str(cJSON_GetArrayItem(errors, 0), "field"), "operation");
	cJSON_Delete(errors);
	pw_done(0);
}

/* pw_examine with the op by name (call 0); packed headers errorType, requestId, amzRequestId. */
static struct pw_result *examine(int status, const char *op, const char *error_type, const char *request_id,
	const char *amz_request_id, const char *body)
{
	static char packed[256];
	const char *h[PW_PACKED_EXAMINE_COUNT];
	size_t n;

	h[PW_PACKED_EXAMINE_ERROR_TYPE] = error_type;
	h[PW_PACKED_EXAMINE_REQUEST_ID] = request_id;
	h[PW_PACKED_EXAMINE_AMZ_REQUEST_ID] = amz_request_id;
	n = pw_test_pack(packed, h, PW_PACKED_EXAMINE_COUNT);
	return pw_examine(0, op, op != NULL ? strlen(op) : 0, status, packed, n, body, body != NULL ? strlen(body) : 0);
}

static void examine_reads_status_headers_and_body(void)
{
	static const char body[] = "{\"eventTrackerArn\":\"arn:aws:personalize:us-east-1:1:event-tracker/t\",\"trackingId\":\"tid\"}";
	static const char error_body[] = "{\"__type\":\"com.amazonaws.personalize#ResourceAlreadyExistsException\",\"message\":\"exists\"}";
	struct pw_result *r = examine(200, CET, NULL, "rid-1", NULL, body);
	cJSON *output = pw_test_field_json(r, PW_EXAMINE_OUTPUT);

	CHECK(r != NULL && r->status == PW_OK);
	CHECK(pw_test_field_is(r, PW_EXAMINE_OUTPUT, body)); /* the body itself, for the glue to parse once */
	CHECK_STR_EQ(str(output, "trackingId"), "tid");
	CHECK(pw_test_field_is(r, PW_EXAMINE_REQUEST_ID, "rid-1"));
	cJSON_Delete(output);
	pw_done(0);

	r = examine(400, CET, NULL, "rid-1", NULL, error_body);
	CHECK(r != NULL && r->status == PW_ERROR);
	CHECK(pw_test_field_is(r, PW_ERROR_NAME, "ResourceAlreadyExistsException"));
	CHECK(pw_test_field_is(r, PW_ERROR_MESSAGE, "exists"));
	CHECK(pw_test_field_is(r, PW_ERROR_DETAIL, "client"));
	CHECK(pw_test_field_is(r, PW_ERROR_REQUEST_ID, "rid-1"));
	pw_done(0);

	r = examine(503, "PutEvents", NULL, "rid-2", NULL, "");
	CHECK(pw_test_field_is(r, PW_ERROR_NAME, "UnknownError") && pw_test_field_is(r, PW_ERROR_DETAIL, "server"));
	CHECK(pw_test_field_is(r, PW_ERROR_REQUEST_ID, "rid-2"));
	pw_done(0);

	r = examine(200, "DeleteEventTracker", NULL, NULL, "rid-3", "");
	CHECK(r != NULL && r->status == PW_OK && r->f[PW_EXAMINE_OUTPUT].len == 0 && pw_test_field_is(r, PW_EXAMINE_REQUEST_ID, "rid-3"));
	pw_done(0);

	r = examine(200, "Nope", NULL, NULL, NULL, "");
	CHECK(pw_test_field_is(r, PW_ERROR_NAME, "ConfigurationError") && pw_test_field_is(r, PW_ERROR_MESSAGE, "Unknown operation"));
	pw_done(0);
	r = examine(200, NULL, NULL, NULL, NULL, "");
	CHECK(pw_test_field_is(r, PW_ERROR_NAME, "ConfigurationError"));
	pw_done(0);
	/* malformed packed headers */
	r = pw_examine(0, CET, 18, 200, "\x05\0\0\0ab", 6, body, strlen(body));
	CHECK(r != NULL && r->status == PW_ERROR && pw_test_field_is(r, PW_ERROR_NAME, "ConfigurationError"));
	pw_done(0);
}

static struct pw_result *endpoint_url(const char *region, const char *endpoint, unsigned flags, unsigned service)
{
	static char buf[64];

	if (region != NULL) memcpy(buf, region, strlen(region));
	return pw_endpoint_url(region != NULL ? buf : NULL, region != NULL ? strlen(region) : 0, endpoint,
		endpoint != NULL ? strlen(endpoint) : 0, flags, service);
}

static void endpoint_url_gives_the_url(void)
{
	struct pw_result *r;

	r = endpoint_url("us-east-1", NULL, 0, PW_SERVICE_PERSONALIZE);
	CHECK(r != NULL && r->status == PW_OK && pw_test_field_is(r, PW_ENDPOINT_URL, "https://personalize.us-east-1.amazonaws.com"));
	pw_done(0);
	r = endpoint_url("us-east-1", NULL, 0, PW_SERVICE_PERSONALIZE_EVENTS);
	CHECK(pw_test_field_is(r, PW_ENDPOINT_URL, "https://personalize-events.us-east-1.amazonaws.com"));
	pw_done(0);
	r = endpoint_url("cn-north-1", NULL, PW_FLAG_FIPS | PW_FLAG_DUALSTACK, PW_SERVICE_PERSONALIZE);
	CHECK(pw_test_field_is(r, PW_ENDPOINT_URL, "https://personalize-fips.cn-north-1.api.amazonwebservices.com.cn"));
	pw_done(0);
	r = endpoint_url(NULL, "http://localhost:8080/base/", 0, PW_SERVICE_PERSONALIZE);
	CHECK(pw_test_field_is(r, PW_ENDPOINT_URL, "http://localhost:8080/base"));
	pw_done(0);
	r = endpoint_url(NULL, NULL, 0, PW_SERVICE_PERSONALIZE);
	CHECK(r != NULL && r->status == PW_ERROR && pw_test_field_is(r, PW_ERROR_NAME, "EndpointError"));
	CHECK(pw_test_field_is(r, PW_ERROR_MESSAGE, "Invalid Configuration: Missing Region"));
	pw_done(0);
	r = endpoint_url("us-east-1", NULL, 0, 2);
	CHECK(pw_test_field_is(r, PW_ERROR_NAME, "EndpointError"));
	pw_done(0);
}

/* pw_sign_request with packed.signRequest's strings and binary headers. */
static struct pw_result *sign_request(uint32_t key, const char *method, const char *path, const char *query,
	const char *akid, const char *token, const char *region, const char *service, const char *date,
	const char *headers, size_t headers_len, const char *body, unsigned flags)
{
	static char packed[1024];
	const char *a[PW_PACKED_SIGN_REQUEST_COUNT];
	size_t n;

	a[PW_PACKED_SIGN_REQUEST_METHOD] = method;
	a[PW_PACKED_SIGN_REQUEST_PATH] = path;
	a[PW_PACKED_SIGN_REQUEST_QUERY] = query;
	a[PW_PACKED_SIGN_REQUEST_ACCESS_KEY_ID] = akid;
	a[PW_PACKED_SIGN_REQUEST_SESSION_TOKEN] = token;
	a[PW_PACKED_SIGN_REQUEST_REGION] = region;
	a[PW_PACKED_SIGN_REQUEST_SERVICE] = service;
	a[PW_PACKED_SIGN_REQUEST_DATE] = date;
	n = pw_test_pack(packed, a, PW_PACKED_SIGN_REQUEST_COUNT);
	return pw_sign_request(key, packed, n, headers, headers_len, (const unsigned char *)body, body != NULL ? strlen(body) : 0, flags);
}

static void sign_request_matches_the_suite_and_lists_the_headers_to_send(void)
{
	char secret[] = "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY", headers[256];
	size_t hl = pw_test_put_header(headers, "Host", "example.amazonaws.com");
	uint32_t key = pw_key_open(secret, strlen(secret));
	struct pw_result *r;
	cJSON *list;
	int count;

	CHECK(pw_test_all_zero(secret, sizeof secret - 1));
	r = sign_request(key, "GET", "/", "", "AKIDEXAMPLE", NULL, "us-east-1", "service", "20150830T123600Z", headers, hl, NULL,
		PW_SIGN_NORMALIZE_PATH);
	CHECK(r != NULL && r->status == PW_OK);
	CHECK(pw_test_field_is(r, PW_SIGN_AUTHORIZATION, "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20150830/us-east-1/service/aws4_request, "
		"SignedHeaders=host;x-amz-date, Signature=5fa00fa31553b73ebf1942676e86291e8372ff2a2260956d9b8aae1d763fbf31"));
	CHECK(pw_test_field_is(r, PW_SIGN_SIGNATURE, "5fa00fa31553b73ebf1942676e86291e8372ff2a2260956d9b8aae1d763fbf31"));
	CHECK(r != NULL && r->f[PW_SIGN_CANONICAL_REQUEST].len == 0 && r->f[PW_SIGN_STRING_TO_SIGN].len == 0);
	list = pw_test_field_json(r, PW_SIGN_HEADERS);
	CHECK_INT_EQ(cJSON_GetArraySize(list), 3);
	CHECK_STR_EQ(header_value(list, "Host", &count), "example.amazonaws.com");
	CHECK_STR_EQ(header_value(list, "X-Amz-Date", &count), "20150830T123600Z");
	CHECK(header_value(list, "Authorization", &count) != NULL);
	cJSON_Delete(list);
	pw_done(0);

	r = sign_request(key, "POST", "/", "Param1=value1", "AKIDEXAMPLE", NULL, "us-east-1", "service", "20150830T123600Z",
		headers, hl, NULL, PW_SIGN_NORMALIZE_PATH | PW_SIGN_CANONICAL);
	CHECK(pw_test_field_is(r, PW_SIGN_SIGNATURE, "28038455d6de14eafc1f9222cf5aa6f1a96197d7deb8263271d420d138af7f11"));
	CHECK(r != NULL && starts(r->f[PW_SIGN_CANONICAL_REQUEST].data, "POST\n/\nParam1=value1\nhost:example.amazonaws.com\n"));
	CHECK(r != NULL && starts(r->f[PW_SIGN_STRING_TO_SIGN].data, "AWS4-HMAC-SHA256\n20150830T123600Z\n"));
	pw_done(0);

	/* the added headers, in order: the token signed, the content hash; OMIT_TOKEN adds the token after signing */
	r = sign_request(key, "POST", "/", "", "AKID", "TOK", "us-east-1", "s", "20150830T123600Z", headers, hl, "body",
		PW_SIGN_SIGN_BODY | PW_SIGN_OMIT_TOKEN);
	list = pw_test_field_json(r, PW_SIGN_HEADERS);
	CHECK_INT_EQ(cJSON_GetArraySize(list), 5);
	{
		static const char *const names[] = { "Host", "X-Amz-Date", "X-Amz-Content-Sha256", "X-Amz-Security-Token", "Authorization" };
		int i;
		for (i = 0; i < 5; i++) {
			const cJSON *n = cJSON_GetArrayItem(cJSON_GetArrayItem(list, i), 0);
			CHECK_STR_EQ(cJSON_IsString(n) ? n->valuestring : NULL, names[i]);
		}
	}
	CHECK(contains(header_value(list, "Authorization", &count), "SignedHeaders=host;x-amz-content-sha256;x-amz-date,"));
	cJSON_Delete(list);
	pw_done(0);

	/* failures: one shape, the same messages as before */
	r = sign_request(key, "GET", "/", "", "", NULL, "us-east-1", "s", "20150830T123600Z", NULL, 0, NULL, 0);
	CHECK(pw_test_field_is(r, PW_ERROR_NAME, "SigningError")
		&& pw_test_field_is(r, PW_ERROR_MESSAGE, "Missing credentials: accessKeyId and secretAccessKey are both required"));
	pw_done(0);
	r = sign_request(0, "GET", "/", "", "AKID", NULL, "us-east-1", "s", "20150830T123600Z", NULL, 0, NULL, 0);
	CHECK(pw_test_field_is(r, PW_ERROR_NAME, "SigningError") && contains(r->f[PW_ERROR_MESSAGE].data, "Missing credentials"));
	pw_done(0);
	r = sign_request(key, "GET", "/", "", "AKID", NULL, "", "s", "20150830T123600Z", NULL, 0, NULL, 0);
	CHECK(pw_test_field_is(r, PW_ERROR_MESSAGE, "Missing Region: a region is needed to sign requests, even with a custom endpoint"));
	pw_done(0);
	r = sign_request(key, "GET", "/", "", "AKID", NULL, "us-east-1", "", "20150830T123600Z", NULL, 0, NULL, 0);
	CHECK(pw_test_field_is(r, PW_ERROR_MESSAGE, "Missing service: the signing name is required"));
	pw_done(0);
	r = sign_request(key, "GET", "/", "", "AKID", NULL, "us-east-1", "s", "2015-08-30", NULL, 0, NULL, 0);
	CHECK(pw_test_field_is(r, PW_ERROR_MESSAGE, "Invalid date: expected YYYYMMDDTHHMMSSZ"));
	pw_done(0);
	r = sign_request(key, "GET", "/", "", "AKID", NULL, "us-east-1", "s", "20150830T12360XZ", NULL, 0, NULL, 0);
	CHECK(pw_test_field_is(r, PW_ERROR_MESSAGE, "Could not sign the request (invalid parameters)"));
	pw_done(0);
	r = sign_request(key, "GET", "/", "", "AKID", NULL, "us-east-1", "s", "20150830T123600Z", headers, hl - 1, NULL, 0);
	CHECK(pw_test_field_is(r, PW_ERROR_MESSAGE, "request needs method and path strings, and headers as [[name, value]...]"));
	pw_done(0);
	r = pw_sign_request(key, "\x01\0\0\0", 4, NULL, 0, NULL, 0, 0);
	CHECK(pw_test_field_is(r, PW_ERROR_NAME, "SigningError"));
	pw_done(0);
	pw_key_close(key);
}
#define DATE "20240601T120000Z"

static struct pw_result *sign_get(uint32_t key)
{
	return sign_request(key, "GET", "/", "", "AKID", NULL, "us-east-1", "personalize", DATE, NULL, 0, NULL, 0);
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
		&& contains(r->f[PW_ERROR_DETAIL].data, "datasetGroupArn"));
	pw_done(0);
	r = examine(400, "DescribeEventTracker", NULL, "rid-1", NULL, "{\"__type\":\"ResourceNotFoundException\",\"message\":\"no such tracker\"}");
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

const struct pw_test pw_tests_exports[] = {
	{ "an_attempt_signs_a_create_event_tracker_call_with_the_headers_in_send_order", an_attempt_signs_a_create_event_tracker_call_with_the_headers_in_send_order },
	{ "an_attempt_without_a_token_sends_none", an_attempt_without_a_token_sends_none },
	{ "a_put_events_call_uses_the_events_endpoint_and_signing_name_personalize", a_put_events_call_uses_the_events_endpoint_and_signing_name_personalize },
	{ "a_put_events_call_derives_each_missing_event_id_from_the_event", a_put_events_call_derives_each_missing_event_id_from_the_event },
	{ "event_ids_differ_when_any_part_of_the_event_differs", event_ids_differ_when_any_part_of_the_event_differs },
	{ "a_call_signs_the_lower_case_region_and_the_host_fetch_sends", a_call_signs_the_lower_case_region_and_the_host_fetch_sends },
	{ "a_call_with_a_custom_endpoint_keeps_its_base_path", a_call_with_a_custom_endpoint_keeps_its_base_path },
	{ "a_call_reports_invalid_input_and_still_wipes_the_secret", a_call_reports_invalid_input_and_still_wipes_the_secret },
	{ "a_call_reports_configuration_and_credential_errors_and_still_wipes_the_secret", a_call_reports_configuration_and_credential_errors_and_still_wipes_the_secret },
	{ "an_attempt_refuses_a_session_token_holding_a_nul", an_attempt_refuses_a_session_token_holding_a_nul },
	{ "check_input_lists_errors", check_input_lists_errors },
	{ "examine_reads_status_headers_and_body", examine_reads_status_headers_and_body },
	{ "endpoint_url_gives_the_url", endpoint_url_gives_the_url },
	{ "sign_request_matches_the_suite_and_lists_the_headers_to_send", sign_request_matches_the_suite_and_lists_the_headers_to_send },
	{ "a_closed_or_evicted_key_handle_is_refused", a_closed_or_evicted_key_handle_is_refused },
	{ "the_same_secret_opened_again_shares_its_handle_and_its_derived_key", the_same_secret_opened_again_shares_its_handle_and_its_derived_key },
	{ "every_failure_has_one_shape", every_failure_has_one_shape },
	{ "more_calls_than_slots_get_too_many_calls_until_one_ends", more_calls_than_slots_get_too_many_calls_until_one_ends },
	{ "an_ended_call_handle_is_refused_never_taken_for_the_next_call", an_ended_call_handle_is_refused_never_taken_for_the_next_call },
	{ "keys_pinned_by_calls_in_flight_are_not_evicted_and_ended_calls_unpin", keys_pinned_by_calls_in_flight_are_not_evicted_and_ended_calls_unpin },
	{ "the_block_grows_wiping_what_it_held", the_block_grows_wiping_what_it_held },
	{ NULL, NULL }
};
