/* The export layer, run natively: the JSON functions (json_api.h: results are JSON, secrets
 * handed in are wiped, failures reported as JSON) and, at the end, the binary exports the
 * JavaScript glue calls (wasm_exports.h: one result struct, one error shape, key handles). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cJSON.h"
#include "check.h"
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

/* Takes a result: checks pw_result_len, parses it, releases it. */
static cJSON *take(char *result, const char *file, int line)
{
	cJSON *json;

	if (!pw_check(result != NULL, file, line, "a result")) return NULL;
	pw_check_long((long)pw_result_len(), (long)strlen(result), file, line, "pw_result_len()");
	json = cJSON_ParseWithLength(result, pw_result_len());
	if (!pw_check(cJSON_IsObject(json), file, line, "the result is a JSON object")) {
		pw_fail(file, line, "result: %s", result);
	}
	pw_release(result);
	return json;
}
#define TAKE(result) take(result, __FILE__, __LINE__)

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

/* The value of a header in [[name, value]...]; *count how many have that exact name. */
static const char *header_value(const cJSON *list, const char *name, int *count)
{
	const cJSON *pair;
	const char *found = NULL;

	*count = 0;
	cJSON_ArrayForEach(pair, list) {
		const cJSON *n = cJSON_GetArrayItem(pair, 0), *v = cJSON_GetArrayItem(pair, 1);
		if (cJSON_GetArraySize(pair) == 2 && cJSON_IsString(n) && cJSON_IsString(v) && strcmp(n->valuestring, name) == 0) {
			(*count)++;
			found = v->valuestring;
		}
	}
	return found;
}

struct call {
	cJSON *json;
	char *secret, *token;
	size_t secret_len, token_len;
};

static const char SECRET[] = "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY";

/* pw_build_request with secret and token buffers, which the call must leave all zero. */
static struct call build(const char *config, const char *input, const char *token, const char *file, int line)
{
	struct call c;
	char *in = pw_test_buffer(input);
	size_t in_len = strlen(input);

	c.secret = pw_test_buffer(SECRET);
	c.secret_len = strlen(SECRET);
	c.token = token != NULL ? pw_test_buffer(token) : NULL;
	c.token_len = token != NULL ? strlen(token) : 0;
	c.json = take(pw_build_request(config, strlen(config), in, in_len, c.secret, c.secret_len, c.token, c.token_len),
		file, line);
	pw_check(pw_test_all_zero(c.secret, c.secret_len), file, line, "the secret buffer is wiped");
	pw_check(c.token == NULL || pw_test_all_zero(c.token, c.token_len), file, line, "the token buffer is wiped");
	pw_wipe_free(in, in_len);
	pw_wipe_free(c.secret, c.secret_len);
	if (c.token != NULL) pw_wipe_free(c.token, c.token_len);
	return c;
}
#define BUILD(config, input, token) build(config, input, token, __FILE__, __LINE__)

#define CONFIG "{\"operation\":\"CreateEventTracker\",\"region\":\"us-east-1\",\"accessKeyId\":\"AKID\",\"date\":\"20261126T000000Z\"}"
#define INPUT "{\"name\":\"my-tracker\",\"datasetGroupArn\":\"arn:aws:personalize:us-east-1:123456789012:dataset-group/g\"," \
	"\"tags\":[{\"tagKey\":\"team\",\"tagValue\":\"\xE6\x97\xA5\"}]}"
#define BODY "{\"name\":\"my-tracker\",\"datasetGroupArn\":\"arn:aws:personalize:us-east-1:123456789012:dataset-group/g\"," \
	"\"tags\":[{\"tagKey\":\"team\",\"tagValue\":\"\xE6\x97\xA5\"}]}"

static void build_request_signs_a_create_event_tracker_call(void)
{
	struct call c = BUILD(CONFIG, INPUT, "SESSIONTOKEN");
	const cJSON *headers = cJSON_GetObjectItemCaseSensitive(cJSON_GetObjectItemCaseSensitive(c.json, "request"), "headers");
	const char *auth, *signature = str(c.json, "signature");
	int count;

	CHECK_STR_EQ(str(c.json, "request.method"), "POST");
	CHECK_STR_EQ(str(c.json, "request.url"), "https://personalize.us-east-1.amazonaws.com/");
	CHECK_STR_EQ(str(c.json, "request.body"), BODY);
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
	CHECK_INT_EQ(cJSON_GetArraySize(headers), 6);
	auth = header_value(headers, "Authorization", &count);
	CHECK_INT_EQ(count, 1);
	CHECK(signature != NULL && strlen(signature) == 64);
	if (auth != NULL && signature != NULL) {
		char expected[300];
		strcpy(expected, "AWS4-HMAC-SHA256 Credential=AKID/20261126/us-east-1/personalize/aws4_request, "
			"SignedHeaders=content-type;host;x-amz-date;x-amz-security-token;x-amz-target, Signature=");
		strcat(expected, signature);
		CHECK_STR_EQ(auth, expected);
	}
	CHECK(starts(str(c.json, "canonicalRequest"), "POST\n/\n\ncontent-type:application/x-amz-json-1.1\nhost:personalize.us-east-1.amazonaws.com\n"));
	CHECK(starts(str(c.json, "stringToSign"), "AWS4-HMAC-SHA256\n20261126T000000Z\n20261126/us-east-1/personalize/aws4_request\n"));
	/* nothing secret in the result */
	{
		char *text = cJSON_PrintUnformatted(c.json);
		CHECK(text != NULL && strstr(text, SECRET) == NULL);
		cJSON_free(text);
	}

	/* the same signature as signing the same request directly */
	if (signature != NULL) {
		static const char body[] = BODY;
		struct pw_header h[3] = {
			{ "Host", 4, "personalize.us-east-1.amazonaws.com", 35 },
			{ "Content-Type", 12, "application/x-amz-json-1.1", 26 },
			{ "X-Amz-Target", 12, "AmazonPersonalize.CreateEventTracker", 36 },
		};
		struct pw_sigv4_request req = { "POST", 4, "/", 1, "", 0, h, 3, (const uint8_t *)body, sizeof body - 1, NULL };
		struct pw_sigv4_params p;
		struct pw_sigv4_result r;
		memset(&p, 0, sizeof p);
		p.access_key_id = "AKID";
		p.access_key_id_len = 4;
		p.secret = SECRET;
		p.secret_len = strlen(SECRET);
		p.session_token = "SESSIONTOKEN";
		p.session_token_len = 12;
		p.region = "us-east-1";
		p.region_len = 9;
		p.service = "personalize";
		p.service_len = 11;
		memcpy(p.amz_date, "20261126T000000Z", 17);
		p.flags = PW_SIGV4_NORMALIZE_PATH;
		pw_sigv4_result_init(&r);
		CHECK(pw_sigv4_sign(&req, &p, &r) == 0);
		CHECK_STR_EQ(r.signature, signature);
		pw_sigv4_result_free(&r);
	}
	cJSON_Delete(c.json);
}

static void build_request_without_a_token_sends_none(void)
{
	struct call c = BUILD(CONFIG, INPUT, NULL);
	const cJSON *headers = cJSON_GetObjectItemCaseSensitive(cJSON_GetObjectItemCaseSensitive(c.json, "request"), "headers");
	int count;

	CHECK(header_value(headers, "X-Amz-Security-Token", &count) == NULL);
	CHECK(contains(header_value(headers, "Authorization", &count), "SignedHeaders=content-type;host;x-amz-date;x-amz-target,"));
	cJSON_Delete(c.json);
}

static void build_request_for_put_events_uses_the_events_endpoint_and_signing_name_personalize(void)
{
	struct call c = BUILD("{\"operation\":\"PutEvents\",\"region\":\"eu-west-1\",\"accessKeyId\":\"AKID\",\"date\":\"20261126T120000Z\"}",
		"{\"trackingId\":\"t\",\"sessionId\":\"s\",\"eventList\":[{\"eventType\":\"click\",\"sentAt\":1732579200.5,\"properties\":{\"a\":1}}]}",
		"tok");
	const cJSON *headers = cJSON_GetObjectItemCaseSensitive(cJSON_GetObjectItemCaseSensitive(c.json, "request"), "headers");
	int count;

	CHECK_STR_EQ(str(c.json, "request.url"), "https://personalize-events.eu-west-1.amazonaws.com/events");
	/* the eventId derived from the event (the id computed with Python's hashlib by the rule) */
	CHECK_STR_EQ(str(c.json, "request.body"),
		"{\"trackingId\":\"t\",\"sessionId\":\"s\",\"eventList\":[{\"eventType\":\"click\",\"sentAt\":1732579200.5,"
		"\"eventId\":\"cf6c270f-9f56-832c-984f-e904ba4cc808\",\"properties\":\"{\\\"a\\\":1}\"}]}");
	CHECK_STR_EQ(header_value(headers, "Host", &count), "personalize-events.eu-west-1.amazonaws.com");
	CHECK_STR_EQ(header_value(headers, "Content-Type", &count), "application/json");
	CHECK(header_value(headers, "X-Amz-Target", &count) == NULL);
	CHECK(starts(header_value(headers, "Authorization", &count), "AWS4-HMAC-SHA256 Credential=AKID/20261126/eu-west-1/personalize/aws4_request, "));
	CHECK(starts(str(c.json, "canonicalRequest"), "POST\n/events\n\n"));
	cJSON_Delete(c.json);
}

#define PUT_EVENTS_CONFIG "{\"operation\":\"PutEvents\",\"region\":\"us-east-1\",\"accessKeyId\":\"AKID\",\"date\":\"20261126T120000Z\"}"

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

static void build_request_for_put_events_derives_each_missing_event_id_from_the_event(void)
{
	static const char input[] = "{\"trackingId\":\"t\",\"sessionId\":\"s\",\"userId\":\"u\",\"eventList\":["
		"{\"eventType\":\"click\",\"sentAt\":1,\"itemId\":\"i1\"},"
		"{\"eventType\":\"click\",\"sentAt\":1,\"eventId\":\"given-1\"},"
		"{\"eventId\":null,\"eventType\":\"view\",\"sentAt\":2}]}";
	/* computed with Python's hashlib by the rule in event_id.h */
	static const char a[] = "25ff387f-f6b6-8508-8842-a0b2881733c0", c_id[] = "6cae3eb8-87ad-8fc3-8e48-d409b1375c09";
	struct call first = BUILD(PUT_EVENTS_CONFIG, input, NULL), again = BUILD(PUT_EVENTS_CONFIG, input, "tok");
	char ids[300], expected[300], body[600];

	event_ids(first.json, ids, sizeof ids);
	snprintf(expected, sizeof expected, "%s,given-1,%s", a, c_id);
	CHECK_STR_EQ(ids, expected);
	snprintf(body, sizeof body, "{\"trackingId\":\"t\",\"sessionId\":\"s\",\"eventList\":["
		"{\"eventType\":\"click\",\"sentAt\":1,\"eventId\":\"%s\",\"itemId\":\"i1\"},"
		"{\"eventType\":\"click\",\"sentAt\":1,\"eventId\":\"given-1\"},"
		"{\"eventType\":\"view\",\"sentAt\":2,\"eventId\":\"%s\"}],\"userId\":\"u\"}", a, c_id);
	CHECK_STR_EQ(str(first.json, "request.body"), body);
	/* the same input again: the same ids and body */
	event_ids(again.json, ids, sizeof ids);
	CHECK_STR_EQ(ids, expected);
	CHECK_STR_EQ(str(again.json, "request.body"), body);
	cJSON_Delete(first.json);
	cJSON_Delete(again.json);

	/* without the userId, the same event is another event */
	first = BUILD(PUT_EVENTS_CONFIG, "{\"trackingId\":\"t\",\"sessionId\":\"s\",\"eventList\":[{\"eventType\":\"view\",\"sentAt\":2}]}", NULL);
	event_ids(first.json, ids, sizeof ids);
	CHECK_STR_EQ(ids, "319f31b9-bcec-85e4-9821-ff0c070dc7f2");
	cJSON_Delete(first.json);

	/* other operations list no eventIds */
	first = BUILD(CONFIG, INPUT, NULL);
	CHECK(cJSON_GetObjectItemCaseSensitive(first.json, "eventIds") == NULL);
	cJSON_Delete(first.json);
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
		struct call c = BUILD(PUT_EVENTS_CONFIG, variants[i], NULL);
		event_ids(c.json, ids[i], sizeof ids[i]);
		CHECK(strlen(ids[i]) == 36 && ids[i][14] == '8' && strchr("89ab", ids[i][19]) != NULL);
		cJSON_Delete(c.json);
		for (k = 0; k < i; k++) {
			if (strcmp(ids[i], ids[k]) == 0) FAIL("variants %zu and %zu have the same eventId %s", k, i, ids[i]);
		}
	}
	/* members in another order and a Date's seconds written otherwise are the same event */
	{
		struct call c = BUILD(PUT_EVENTS_CONFIG, "{\"eventList\":[{\"sentAt\":1.0,\"eventType\":\"click\"}],\"sessionId\":\"s\",\"trackingId\":\"t\"}", NULL);
		char same[100];
		event_ids(c.json, same, sizeof same);
		CHECK_STR_EQ(same, ids[0]);
		cJSON_Delete(c.json);
	}
}

static void build_request_signs_the_lower_case_region_and_the_host_fetch_sends(void)
{
	struct call c = BUILD("{\"operation\":\"CreateEventTracker\",\"region\":\"US-East-1\",\"accessKeyId\":\"AKID\",\"date\":\"20261126T000000Z\"}",
		INPUT, NULL);
	const cJSON *headers = cJSON_GetObjectItemCaseSensitive(cJSON_GetObjectItemCaseSensitive(c.json, "request"), "headers");
	int count;

	CHECK_STR_EQ(str(c.json, "request.url"), "https://personalize.us-east-1.amazonaws.com/");
	CHECK_STR_EQ(header_value(headers, "Host", &count), "personalize.us-east-1.amazonaws.com");
	CHECK(contains(header_value(headers, "Authorization", &count), "Credential=AKID/20261126/us-east-1/personalize/aws4_request,"));
	cJSON_Delete(c.json);

	c = BUILD("{\"operation\":\"CreateEventTracker\",\"region\":\"US-East-1\",\"endpoint\":\"http://127.1:4566\","
		"\"accessKeyId\":\"AKID\",\"date\":\"20261126T000000Z\"}", INPUT, NULL);
	headers = cJSON_GetObjectItemCaseSensitive(cJSON_GetObjectItemCaseSensitive(c.json, "request"), "headers");
	CHECK_STR_EQ(str(c.json, "request.url"), "http://127.0.0.1:4566/");
	CHECK_STR_EQ(header_value(headers, "Host", &count), "127.0.0.1:4566");
	CHECK(contains(str(c.json, "canonicalRequest"), "\nhost:127.0.0.1:4566\n"));
	CHECK(contains(header_value(headers, "Authorization", &count), "/us-east-1/personalize/aws4_request,"));
	cJSON_Delete(c.json);

	c = BUILD("{\"operation\":\"CreateEventTracker\",\"region\":\"us-east-1\",\"endpoint\":\"http://[::1]\\\\x\","
		"\"accessKeyId\":\"AKID\",\"date\":\"20261126T000000Z\"}", INPUT, NULL);
	CHECK_STR_EQ(str(c.json, "error.name"), "EndpointError");
	CHECK(contains(str(c.json, "error.message"), "backslashes"));
	cJSON_Delete(c.json);
}

static void build_request_with_a_custom_endpoint_keeps_its_base_path_and_extra_headers(void)
{
	struct call c = BUILD("{\"operation\":\"DeleteEventTracker\",\"region\":\"us-east-1\",\"endpoint\":\"http://localhost:8080/base/\","
		"\"accessKeyId\":\"AKID\",\"date\":\"20261126T000000Z\",\"headers\":[[\"amz-sdk-invocation-id\",\"inv-1\"],[\"User-Agent\",\"ua\"]]}",
		"{\"eventTrackerArn\":\"arn:aws:personalize:us-east-1:1:event-tracker/t\"}", NULL);
	const cJSON *headers = cJSON_GetObjectItemCaseSensitive(cJSON_GetObjectItemCaseSensitive(c.json, "request"), "headers");
	int count;

	CHECK_STR_EQ(str(c.json, "request.url"), "http://localhost:8080/base/");
	CHECK_STR_EQ(header_value(headers, "Host", &count), "localhost:8080");
	CHECK_STR_EQ(header_value(headers, "amz-sdk-invocation-id", &count), "inv-1");
	CHECK_STR_EQ(header_value(headers, "User-Agent", &count), "ua");
	CHECK(contains(header_value(headers, "Authorization", &count),
		"SignedHeaders=amz-sdk-invocation-id;content-type;host;x-amz-date;x-amz-target,"));
	CHECK(starts(str(c.json, "canonicalRequest"), "POST\n/base/\n\n"));
	cJSON_Delete(c.json);
}

static void build_request_reports_invalid_input_and_still_wipes_the_secret(void)
{
	struct call c = BUILD(CONFIG, "{\"name\":\"-bad\",\"datasetGroupArn\":\"x\",\"tags\":[{\"tagKey\":\"aws:k\",\"tagValue\":\"\\ud800\"}]}", "tok");
	const cJSON *errors = cJSON_GetObjectItemCaseSensitive(c.json, "errors");
	const cJSON *e;
	int name = 0, arn = 0, key = 0, value = 0;

	CHECK(cJSON_IsArray(errors));
	CHECK(cJSON_GetObjectItemCaseSensitive(c.json, "request") == NULL);
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
	cJSON_Delete(c.json);

	c = BUILD(CONFIG, "not json", "tok");
	CHECK_INT_EQ(cJSON_GetArraySize(cJSON_GetObjectItemCaseSensitive(c.json, "errors")), 1);
	cJSON_Delete(c.json);
}

static void build_request_reports_configuration_errors_and_still_wipes_the_secret(void)
{
	struct call c = BUILD("{\"operation\":\"CreateEventTracker\",\"accessKeyId\":\"AKID\",\"date\":\"20261126T000000Z\"}", INPUT, "tok");

	CHECK_STR_EQ(str(c.json, "error.name"), "EndpointError");
	CHECK_STR_EQ(str(c.json, "error.message"), "Invalid Configuration: Missing Region");
	cJSON_Delete(c.json);

	c = BUILD("{\"operation\":\"CreateEventTracker\",\"region\":\"us-east-1\",\"endpoint\":\"http://localhost\",\"useFipsEndpoint\":true,"
		"\"accessKeyId\":\"AKID\",\"date\":\"20261126T000000Z\"}", INPUT, NULL);
	CHECK_STR_EQ(str(c.json, "error.name"), "EndpointError");
	CHECK_STR_EQ(str(c.json, "error.message"), "Invalid Configuration: FIPS and custom endpoint are not supported");
	cJSON_Delete(c.json);

	c = BUILD("{\"operation\":\"NoSuchOperation\",\"region\":\"us-east-1\"}", INPUT, "tok");
	CHECK_STR_EQ(str(c.json, "error.name"), "ConfigurationError");
	CHECK_STR_EQ(str(c.json, "error.message"), "Unknown operation");
	cJSON_Delete(c.json);

	c = BUILD("{\"operation\":\"CreateEventTracker\",\"region\":\"us-east-1\",\"date\":\"20261126T000000Z\"}", INPUT, "tok");
	CHECK_STR_EQ(str(c.json, "error.name"), "CredentialsProviderError");
	cJSON_Delete(c.json);

	c = BUILD("{\"operation\":\"CreateEventTracker\",\"region\":\"us-east-1\",\"accessKeyId\":\"AKID\",\"date\":\"2026-11-26\"}", INPUT, "tok");
	CHECK_STR_EQ(str(c.json, "error.name"), "ConfigurationError");
	cJSON_Delete(c.json);

	c = BUILD("{\"operation\":\"CreateEventTracker\",\"region\":\"us-east-1\",\"accessKeyId\":\"AKID\",\"date\":\"2026112XT000000Z\"}", INPUT, "tok");
	CHECK_STR_EQ(str(c.json, "error.name"), "SigningError");
	cJSON_Delete(c.json);

	c = BUILD("{\"operation\":\"CreateEventTracker\",\"region\":\"us-east-1\",\"accessKeyId\":\"AKID\",\"date\":\"20261126T000000Z\","
		"\"headers\":[[\"a\"]]}", INPUT, "tok");
	CHECK_STR_EQ(str(c.json, "error.name"), "ConfigurationError");
	cJSON_Delete(c.json);

	c = BUILD("not json", INPUT, "tok");
	CHECK_STR_EQ(str(c.json, "error.name"), "ConfigurationError");
	cJSON_Delete(c.json);
}

static void validate_export_lists_errors(void)
{
	char *in = pw_test_buffer("{\"name\":\"\",\"datasetGroupArn\":\"arn:aws:personalize:us-east-1:1:dataset-group/g\"}");
	size_t n = strlen("{\"name\":\"\",\"datasetGroupArn\":\"arn:aws:personalize:us-east-1:1:dataset-group/g\"}");
	cJSON *r = TAKE(pw_validate("CreateEventTracker", 18, in, n));
	const cJSON *errors = cJSON_GetObjectItemCaseSensitive(r, "errors");

	CHECK_INT_EQ(cJSON_GetArraySize(errors), 1);
	CHECK_STR_EQ(str(cJSON_GetArrayItem(errors, 0), "field"), "name");
	cJSON_Delete(r);
	pw_wipe_free(in, n);

	in = pw_test_buffer("{\"name\":\"n\",\"datasetGroupArn\":\"arn:aws:personalize:us-east-1:1:dataset-group/g\"}");
	n = strlen("{\"name\":\"n\",\"datasetGroupArn\":\"arn:aws:personalize:us-east-1:1:dataset-group/g\"}");
	r = TAKE(pw_validate("CreateEventTracker", 18, in, n));
	CHECK(cJSON_IsArray(cJSON_GetObjectItemCaseSensitive(r, "errors")));
	CHECK_INT_EQ(cJSON_GetArraySize(cJSON_GetObjectItemCaseSensitive(r, "errors")), 0);
	cJSON_Delete(r);
	pw_wipe_free(in, n);

	in = pw_test_buffer("{}");
	r = TAKE(pw_validate("Nope", 4, in, 2));
	CHECK_STR_EQ(str(cJSON_GetArrayItem(cJSON_GetObjectItemCaseSensitive(r, "errors"), 0), "field"), "operation");
	cJSON_Delete(r);
	pw_wipe_free(in, 2);
}

static void parse_export_reads_status_headers_and_body(void)
{
	static const char headers[] = "[[\"Content-Type\",\"application/x-amz-json-1.1\"],[\"x-amzn-RequestId\",\"rid-1\"]]";
	static const char body[] = "{\"eventTrackerArn\":\"arn:aws:personalize:us-east-1:1:event-tracker/t\",\"trackingId\":\"tid\"}";
	static const char error_body[] = "{\"__type\":\"com.amazonaws.personalize#ResourceAlreadyExistsException\",\"message\":\"exists\"}";
	cJSON *r = TAKE(pw_parse(200, "CreateEventTracker", 18, headers, strlen(headers), body, strlen(body)));

	CHECK_STR_EQ(str(r, "output.trackingId"), "tid");
	CHECK_STR_EQ(str(r, "output.eventTrackerArn"), "arn:aws:personalize:us-east-1:1:event-tracker/t");
	CHECK_STR_EQ(str(r, "requestId"), "rid-1");
	cJSON_Delete(r);

	r = TAKE(pw_parse(400, "CreateEventTracker", 18, headers, strlen(headers), error_body, strlen(error_body)));
	CHECK_STR_EQ(str(r, "error.name"), "ResourceAlreadyExistsException");
	CHECK_STR_EQ(str(r, "error.message"), "exists");
	CHECK_STR_EQ(str(r, "error.fault"), "client");
	CHECK_STR_EQ(str(r, "requestId"), "rid-1");
	cJSON_Delete(r);

	r = TAKE(pw_parse(503, "PutEvents", 9, "[[\"x-amzn-RequestId\",\"rid-2\"]]", strlen("[[\"x-amzn-RequestId\",\"rid-2\"]]"), "", 0));
	CHECK_STR_EQ(str(r, "error.name"), "UnknownError");
	CHECK_STR_EQ(str(r, "error.fault"), "server");
	CHECK_STR_EQ(str(r, "requestId"), "rid-2");
	cJSON_Delete(r);

	r = TAKE(pw_parse(200, "DeleteEventTracker", 18, "[]", 2, "", 0));
	CHECK(cJSON_IsObject(cJSON_GetObjectItemCaseSensitive(r, "output")));
	cJSON_Delete(r);

	r = TAKE(pw_parse(200, "Nope", 4, "[]", 2, "", 0));
	CHECK_STR_EQ(str(r, "error.name"), "ConfigurationError");
	cJSON_Delete(r);
	r = TAKE(pw_parse(200, "CreateEventTracker", 18, "[[1,2]]", 7, body, strlen(body)));
	CHECK_STR_EQ(str(r, "error.name"), "ConfigurationError");
	cJSON_Delete(r);
	r = TAKE(pw_parse(200, "CreateEventTracker", 18, "\"x\"", 3, body, strlen(body)));
	CHECK_STR_EQ(str(r, "error.name"), "ConfigurationError");
	cJSON_Delete(r);
}

static void endpoint_export_gives_the_url(void)
{
	static const char *const configs[][2] = {
		{ "{\"region\":\"us-east-1\"}", "https://personalize.us-east-1.amazonaws.com" },
		{ "{\"region\":\"us-east-1\",\"service\":\"personalize-events\"}", "https://personalize-events.us-east-1.amazonaws.com" },
		{ "{\"region\":\"cn-north-1\",\"useFipsEndpoint\":true,\"useDualstackEndpoint\":true}",
			"https://personalize-fips.cn-north-1.api.amazonwebservices.com.cn" },
		{ "{\"endpoint\":\"http://localhost:8080/base/\"}", "http://localhost:8080/base" },
	};
	size_t i;
	cJSON *r;

	for (i = 0; i < sizeof configs / sizeof configs[0]; i++) {
		r = TAKE(pw_endpoint_json(configs[i][0], strlen(configs[i][0])));
		CHECK_STR_EQ(str(r, "url"), configs[i][1]);
		cJSON_Delete(r);
	}
	r = TAKE(pw_endpoint_json("{}", 2));
	CHECK_STR_EQ(str(r, "error.message"), "Invalid Configuration: Missing Region");
	cJSON_Delete(r);
	r = TAKE(pw_endpoint_json("{\"region\":\"us-east-1\",\"service\":\"s3\"}", strlen("{\"region\":\"us-east-1\",\"service\":\"s3\"}")));
	CHECK_STR_EQ(str(r, "error.name"), "EndpointError");
	cJSON_Delete(r);
}

static void sign_export_matches_the_suite_and_wipes_the_secret(void)
{
	static const char request[] = "{\"method\":\"GET\",\"path\":\"/\",\"headers\":[[\"Host\",\"example.amazonaws.com\"]]}";
	static const char options[] = "{\"accessKeyId\":\"AKIDEXAMPLE\",\"region\":\"us-east-1\",\"service\":\"service\",\"date\":\"20150830T123600Z\"}";
	static const char post_request[] = "{\"method\":\"POST\",\"path\":\"/\",\"query\":\"Param1=value1\",\"headers\":[[\"Host\",\"example.amazonaws.com\"]]}";
	char *secret = pw_test_buffer(SECRET);
	char *token = pw_test_buffer("tok");
	cJSON *r = TAKE(pw_sign(request, strlen(request), NULL, 0, options, strlen(options), secret, strlen(SECRET), NULL, 0));
	int count;

	CHECK_STR_EQ(str(r, "authorization"), "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20150830/us-east-1/service/aws4_request, "
		"SignedHeaders=host;x-amz-date, Signature=5fa00fa31553b73ebf1942676e86291e8372ff2a2260956d9b8aae1d763fbf31");
	CHECK_STR_EQ(str(r, "signature"), "5fa00fa31553b73ebf1942676e86291e8372ff2a2260956d9b8aae1d763fbf31");
	CHECK_STR_EQ(header_value(cJSON_GetObjectItemCaseSensitive(r, "headers"), "X-Amz-Date", &count), "20150830T123600Z");
	CHECK(pw_test_all_zero(secret, strlen(SECRET)));
	cJSON_Delete(r);

	memcpy(secret, SECRET, strlen(SECRET));
	r = TAKE(pw_sign(post_request, strlen(post_request), NULL, 0, options, strlen(options), secret, strlen(SECRET), NULL, 0));
	CHECK_STR_EQ(str(r, "signature"), "28038455d6de14eafc1f9222cf5aa6f1a96197d7deb8263271d420d138af7f11");
	cJSON_Delete(r);

	/* failures are JSON too, and wipe as well */
	memcpy(secret, SECRET, strlen(SECRET));
	r = TAKE(pw_sign("{\"path\":\"/\"}", strlen("{\"path\":\"/\"}"), NULL, 0, options, strlen(options), secret, strlen(SECRET), token, 3));
	CHECK_STR_EQ(str(r, "error.name"), "SigningError");
	CHECK(pw_test_all_zero(secret, strlen(SECRET)) && pw_test_all_zero(token, 3));
	cJSON_Delete(r);
	memcpy(secret, SECRET, strlen(SECRET));
	r = TAKE(pw_sign(request, strlen(request), NULL, 0, "{}", 2, secret, strlen(SECRET), NULL, 0));
	CHECK_STR_EQ(str(r, "error.name"), "SigningError");
	CHECK(pw_test_all_zero(secret, strlen(SECRET)));
	cJSON_Delete(r);
	pw_wipe_free(secret, strlen(SECRET));
	pw_wipe_free(token, 3);
	pw_clear_key_cache();
}

static void allocation_helpers_accept_edge_cases(void)
{
	void *p = pw_alloc(0);

	CHECK(p != NULL);
	pw_wipe_free(p, 0);
	pw_wipe_free(NULL, 10);
	pw_release(NULL);
}

/* ---- the binary exports the glue calls ---- */

static int field_is(const struct pw_result *r, int i, const char *expected)
{
	return r->f[i].len == strlen(expected) && memcmp(r->f[i].data, expected, r->f[i].len) == 0;
}

static size_t put_header(char *out, const char *name, const char *value, size_t value_len)
{
	uint32_t n = (uint32_t)strlen(name), v = (uint32_t)value_len;
	unsigned i;

	for (i = 0; i < 4; i++) out[i] = (char)(n >> (8 * i) & 0xff);
	for (i = 0; i < 4; i++) out[4 + i] = (char)(v >> (8 * i) & 0xff);
	memcpy(out + 8, name, n);
	memcpy(out + 8 + n, value, v);
	return 8 + n + v;
}

static void binary_exports_prepare_once_and_sign_with_a_key_handle(void)
{
	char secret[] = "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY";
	char input[] = "{\"datasetGroupArn\":\"arn:aws:personalize:us-east-1:123456789012:dataset-group/g\",\"name\":\"t\"}";
	char region[] = "US-East-1";
	char headers[512], body[256], host[128], path[16], target[64], date[] = "20240601T120000Z";
	size_t hl = 0, body_len, i;
	uint32_t key = pw_key_open(secret, strlen(secret));
	struct pw_result *r;
	int wiped = 1, has_date = 0;

	for (i = 0; i < sizeof secret - 1; i++) wiped &= secret[i] == 0;
	CHECK(wiped);
	CHECK(key != 0);
	r = pw_prepare_request("CreateEventTracker", 18, input, strlen(input), region, strlen(region), NULL, 0, 0);
	CHECK(r != NULL && r->status == PW_OK);
	if (r == NULL || r->status != PW_OK) return;
	CHECK(field_is(r, 0, "https://personalize.us-east-1.amazonaws.com/"));
	CHECK(field_is(r, 1, "personalize.us-east-1.amazonaws.com"));
	CHECK(field_is(r, 3, "AmazonPersonalize.CreateEventTracker"));
	CHECK(field_is(r, 7, "us-east-1"));
	CHECK(r->f[5].len < sizeof body && r->f[2].len < sizeof path && r->f[1].len < sizeof host && r->f[3].len < sizeof target);
	body_len = r->f[5].len;
	memcpy(body, r->f[5].data, body_len);
	memcpy(host, r->f[1].data, r->f[1].len);
	host[r->f[1].len] = 0;
	memcpy(path, r->f[2].data, r->f[2].len);
	path[r->f[2].len] = 0;
	memcpy(target, r->f[3].data, r->f[3].len);
	target[r->f[3].len] = 0;
	pw_done(0);

	hl += put_header(headers + hl, "Host", host, strlen(host));
	hl += put_header(headers + hl, "X-Amz-Target", target, strlen(target));
	r = pw_sign_request(key, "POST", 4, path, strlen(path), "", 0, headers, hl, (const unsigned char *)body, body_len,
		"AKID", 4, "us-east-1", 9, "personalize", 11, date, 16, "TOKEN", 5, PW_SIGV4_NORMALIZE_PATH | PW_SIGN_CANONICAL);
	CHECK(r != NULL && r->status == PW_OK);
	if (r == NULL || r->status != PW_OK) return;
	CHECK(r->f[0].len > 76 && memcmp(r->f[0].data, "AWS4-HMAC-SHA256 Credential=AKID/20240601/us-east-1/personalize/aws4_request,", 77) == 0);
	CHECK_INT_EQ(r->f[1].len, 64);
	for (i = 0; i + 4 <= r->f[3].len; i += 4) {
		uint32_t code;
		memcpy(&code, r->f[3].data + i, 4);
		has_date |= code == PW_H_DATE;
	}
	CHECK(has_date);
	CHECK(r->f[4].len > 0 && memcmp(r->f[4].data, "POST\n/\n\n", 8) == 0);
	CHECK(r->f[5].len > 0 && memcmp(r->f[5].data, "AWS4-HMAC-SHA256\n20240601T120000Z\n", 34) == 0);
	pw_done(0);

	/* Without PW_SIGN_CANONICAL no canonical strings are produced. */
	r = pw_sign_request(key, "POST", 4, path, strlen(path), "", 0, headers, hl, (const unsigned char *)body, body_len,
		"AKID", 4, "us-east-1", 9, "personalize", 11, date, 16, NULL, 0, PW_SIGV4_NORMALIZE_PATH);
	CHECK(r != NULL && r->status == PW_OK && r->f[4].len == 0 && r->f[5].len == 0);
	pw_done(0);
	pw_key_close(key);
}

static void binary_exports_refuse_a_closed_or_forgotten_key_handle(void)
{
	char secret[] = "s";
	uint32_t key = pw_key_open(secret, 1), later = 0;
	struct pw_result *r;
	int i;

	pw_key_close(key);
	r = pw_sign_request(key, "GET", 3, "/", 1, "", 0, NULL, 0, NULL, 0, "AKID", 4, "us-east-1", 9, "personalize", 11,
		"20240601T120000Z", 16, NULL, 0, 0);
	CHECK(r != NULL && r->status == PW_ERROR && field_is(r, 0, "KeyHandleError"));
	pw_done(0);
	key = pw_key_open(secret, 0);
	for (i = 0; i < 8; i++) { /* eight other secrets take every slot */
		char other[] = "s0";
		other[1] = (char)('0' + i);
		later = pw_key_open(other, 2);
	}
	r = pw_sign_request(key, "GET", 3, "/", 1, "", 0, NULL, 0, NULL, 0, "AKID", 4, "us-east-1", 9, "personalize", 11,
		"20240601T120000Z", 16, NULL, 0, 0);
	CHECK(r != NULL && r->status == PW_ERROR && field_is(r, 0, "KeyHandleError"));
	pw_done(0);
	r = pw_sign_request(later, "GET", 3, "/", 1, "", 0, NULL, 0, NULL, 0, "AKID", 4, "us-east-1", 9, "personalize", 11,
		"20240601T120000Z", 16, NULL, 0, 0);
	CHECK(r != NULL && r->status == PW_OK);
	pw_done(0);
	pw_clear_key_cache();
}

static void an_attempt_signs_with_the_payload_hash_prepared_once_as_with_the_body(void)
{
	char secret[] = "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY";
	char input[] = "{\"datasetGroupArn\":\"arn:aws:personalize:us-east-1:123456789012:dataset-group/g\",\"name\":\"t\"}";
	char region[] = "us-east-1", body[256], hash[65], expected[65], with_body[65];
	uint32_t key = pw_key_open(secret, strlen(secret));
	size_t body_len;
	struct pw_result *r;

	r = pw_prepare_request("CreateEventTracker", 18, input, strlen(input), region, strlen(region), NULL, 0, 0);
	CHECK(r != NULL && r->status == PW_OK && r->f[8].len == 64 && r->f[5].len < sizeof body);
	if (r == NULL || r->status != PW_OK) return;
	body_len = r->f[5].len;
	memcpy(body, r->f[5].data, body_len);
	memcpy(hash, r->f[8].data, 64);
	hash[64] = 0;
	pw_done(0);
	pw_sigv4_sha256_hex(expected, body, body_len);
	CHECK_STR_EQ(hash, expected);

	r = pw_sign_request(key, "POST", 4, "/", 1, "", 0, NULL, 0, (const unsigned char *)body, body_len, "AKID", 4,
		"us-east-1", 9, "personalize", 11, "20240601T120000Z", 16, NULL, 0, 0);
	CHECK(r != NULL && r->status == PW_OK);
	if (r == NULL || r->status != PW_OK) return;
	memcpy(with_body, r->f[1].data, 64);
	with_body[64] = 0;
	pw_done(0);
	r = pw_sign_request(key, "POST", 4, "/", 1, "", 0, NULL, 0, (const unsigned char *)hash, 64, "AKID", 4,
		"us-east-1", 9, "personalize", 11, "20240601T120000Z", 16, NULL, 0, PW_SIGN_PAYLOAD_HASH);
	CHECK(r != NULL && r->status == PW_OK && r->f[1].len == 64 && memcmp(r->f[1].data, with_body, 64) == 0);
	CHECK(r != NULL && r->f[2].len == 64 && memcmp(r->f[2].data, expected, 64) == 0);
	pw_done(0);
	r = pw_sign_request(key, "POST", 4, "/", 1, "", 0, NULL, 0, (const unsigned char *)hash, 63, "AKID", 4,
		"us-east-1", 9, "personalize", 11, "20240601T120000Z", 16, NULL, 0, PW_SIGN_PAYLOAD_HASH);
	CHECK(r != NULL && r->status == PW_ERROR && field_is(r, 0, "SigningError"));
	pw_done(0);
	pw_clear_key_cache();
}

static void the_same_secret_opened_again_shares_its_handle_and_its_derived_key(void)
{
	char first[] = "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY", second[] = "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY";
	char other[] = "another secret";
	uint32_t a = pw_key_open(first, strlen(first)), b, c;
	unsigned long derivations;
	struct pw_result *r;

	r = pw_sign_request(a, "GET", 3, "/", 1, "", 0, NULL, 0, NULL, 0, "AKID", 4, "us-east-1", 9, "personalize", 11,
		"20240601T120000Z", 16, NULL, 0, 0);
	CHECK(r != NULL && r->status == PW_OK);
	pw_done(0);
	derivations = pw_sigv4_key_derivations();
	b = pw_key_open(second, strlen(second));
	CHECK(b == a);
	CHECK(second[0] == 0 && second[sizeof second - 2] == 0); /* the caller's copy is wiped all the same */
	r = pw_sign_request(b, "GET", 3, "/", 1, "", 0, NULL, 0, NULL, 0, "AKID", 4, "us-east-1", 9, "personalize", 11,
		"20240601T120000Z", 16, NULL, 0, 0);
	CHECK(r != NULL && r->status == PW_OK);
	pw_done(0);
	CHECK_INT_EQ(pw_sigv4_key_derivations(), derivations);
	c = pw_key_open(other, strlen(other));
	CHECK(c != a);
	pw_clear_key_cache();
}

static void binary_exports_report_every_failure_in_one_shape(void)
{
	char bad[] = "{\"name\":\"-bad\"}";
	const char *body = "{\"__type\":\"ResourceNotFoundException\",\"message\":\"no such tracker\"}";
	struct pw_result *r = pw_check_input("CreateEventTracker", 18, bad, strlen(bad));

	CHECK(r != NULL && r->status == PW_ERROR && field_is(r, 0, "ValidationError"));
	CHECK(r != NULL && r->f[2].len > 2 && r->f[2].data[0] == '[' && contains(r->f[2].data, "datasetGroupArn"));
	pw_done(0);
	r = pw_examine(400, "DescribeEventTracker", 20, NULL, 0, "rid-1", 5, NULL, 0, body, strlen(body));
	CHECK(r != NULL && r->status == PW_ERROR && field_is(r, 0, "ResourceNotFoundException"));
	CHECK(r != NULL && field_is(r, 1, "no such tracker") && field_is(r, 2, "client") && field_is(r, 3, "rid-1"));
	pw_done(0);
	r = pw_examine(200, "DeleteEventTracker", 18, NULL, 0, NULL, 0, "rid-2", 5, "", 0);
	CHECK(r != NULL && r->status == PW_OK && r->f[0].len == 0 && field_is(r, 1, "rid-2"));
	pw_done(0);
	r = pw_endpoint_url(NULL, 0, NULL, 0, 0, 0);
	CHECK(r != NULL && r->status == PW_ERROR && r->f[0].len > 0 && r->f[1].len > 0);
	pw_done(0);
}

const struct pw_test pw_tests_exports[] = {
	{ "build_request_signs_a_create_event_tracker_call", build_request_signs_a_create_event_tracker_call },
	{ "build_request_without_a_token_sends_none", build_request_without_a_token_sends_none },
	{ "build_request_for_put_events_uses_the_events_endpoint_and_signing_name_personalize", build_request_for_put_events_uses_the_events_endpoint_and_signing_name_personalize },
	{ "build_request_for_put_events_derives_each_missing_event_id_from_the_event", build_request_for_put_events_derives_each_missing_event_id_from_the_event },
	{ "event_ids_differ_when_any_part_of_the_event_differs", event_ids_differ_when_any_part_of_the_event_differs },
	{ "build_request_signs_the_lower_case_region_and_the_host_fetch_sends", build_request_signs_the_lower_case_region_and_the_host_fetch_sends },
	{ "build_request_with_a_custom_endpoint_keeps_its_base_path_and_extra_headers", build_request_with_a_custom_endpoint_keeps_its_base_path_and_extra_headers },
	{ "build_request_reports_invalid_input_and_still_wipes_the_secret", build_request_reports_invalid_input_and_still_wipes_the_secret },
	{ "build_request_reports_configuration_errors_and_still_wipes_the_secret", build_request_reports_configuration_errors_and_still_wipes_the_secret },
	{ "validate_export_lists_errors", validate_export_lists_errors },
	{ "parse_export_reads_status_headers_and_body", parse_export_reads_status_headers_and_body },
	{ "endpoint_export_gives_the_url", endpoint_export_gives_the_url },
	{ "sign_export_matches_the_suite_and_wipes_the_secret", sign_export_matches_the_suite_and_wipes_the_secret },
	{ "allocation_helpers_accept_edge_cases", allocation_helpers_accept_edge_cases },
	{ "binary_exports_prepare_once_and_sign_with_a_key_handle", binary_exports_prepare_once_and_sign_with_a_key_handle },
	{ "binary_exports_refuse_a_closed_or_forgotten_key_handle", binary_exports_refuse_a_closed_or_forgotten_key_handle },
	{ "the_same_secret_opened_again_shares_its_handle_and_its_derived_key", the_same_secret_opened_again_shares_its_handle_and_its_derived_key },
	{ "an_attempt_signs_with_the_payload_hash_prepared_once_as_with_the_body", an_attempt_signs_with_the_payload_hash_prepared_once_as_with_the_body },
	{ "binary_exports_report_every_failure_in_one_shape", binary_exports_report_every_failure_in_one_shape },
	{ NULL, NULL }
};
