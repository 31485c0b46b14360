/* The exports besides calls: input checking, response examination, endpoints, the generic
 * signer, one error shape. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cJSON.h"
#include "check.h"
#include "fixture.h"
#include "result.h"
#include "sigv4.h"
#include "wasm_exports.h"

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
	CHECK_STR_EQ(fx_str(cJSON_GetArrayItem(errors, 0), "field"), "name");
	cJSON_Delete(errors);
	pw_done(0);

	r = check_input(CET, "{\"name\":\"n\",\"datasetGroupArn\":\"arn:aws:personalize:us-east-1:1:dataset-group/g\"}");
	CHECK(r != NULL && r->status == PW_OK && r->f[0].len == 0 && r->handle == 0);
	pw_done(0);

	r = check_input("Nope", "{}");
	errors = pw_test_field_json(r, PW_ERROR_DETAIL);
	CHECK_STR_EQ(fx_str(cJSON_GetArrayItem(errors, 0), "field"), "operation");
	cJSON_Delete(errors);
	pw_done(0);
}

/* pw_examine with the op by name (call 0); packed headers errorType, requestId, amzRequestId. */
static void examine_reads_status_headers_and_body(void)
{
	static const char body[] = "{\"eventTrackerArn\":\"arn:aws:personalize:us-east-1:1:event-tracker/t\",\"trackingId\":\"tid\"}";
	static const char error_body[] = "{\"__type\":\"com.amazonaws.personalize#ResourceAlreadyExistsException\",\"message\":\"exists\"}";
	struct pw_result *r = fx_examine(200, CET, NULL, "rid-1", NULL, body);
	cJSON *output = pw_test_field_json(r, PW_EXAMINE_OUTPUT);

	CHECK(r != NULL && r->status == PW_OK);
	CHECK(pw_test_field_is(r, PW_EXAMINE_OUTPUT, body)); /* the body itself, for the glue to parse once */
	CHECK_STR_EQ(fx_str(output, "trackingId"), "tid");
	CHECK(pw_test_field_is(r, PW_EXAMINE_REQUEST_ID, "rid-1"));
	cJSON_Delete(output);
	pw_done(0);

	r = fx_examine(400, CET, NULL, "rid-1", NULL, error_body);
	CHECK(r != NULL && r->status == PW_ERROR);
	CHECK(pw_test_field_is(r, PW_ERROR_NAME, "ResourceAlreadyExistsException"));
	CHECK(pw_test_field_is(r, PW_ERROR_MESSAGE, "exists"));
	CHECK(pw_test_field_is(r, PW_ERROR_DETAIL, "client"));
	CHECK(pw_test_field_is(r, PW_ERROR_REQUEST_ID, "rid-1"));
	pw_done(0);

	r = fx_examine(503, "PutEvents", NULL, "rid-2", NULL, "");
	CHECK(pw_test_field_is(r, PW_ERROR_NAME, "UnknownError") && pw_test_field_is(r, PW_ERROR_DETAIL, "server"));
	CHECK(pw_test_field_is(r, PW_ERROR_REQUEST_ID, "rid-2"));
	pw_done(0);

	r = fx_examine(200, "DeleteEventTracker", NULL, NULL, "rid-3", "");
	CHECK(r != NULL && r->status == PW_OK && r->f[PW_EXAMINE_OUTPUT].len == 0 && pw_test_field_is(r, PW_EXAMINE_REQUEST_ID, "rid-3"));
	pw_done(0);

	r = fx_examine(200, "Nope", NULL, NULL, NULL, "");
	CHECK(pw_test_field_is(r, PW_ERROR_NAME, "ConfigurationError") && pw_test_field_is(r, PW_ERROR_MESSAGE, "Unknown operation"));
	pw_done(0);
	r = fx_examine(200, NULL, NULL, NULL, NULL, "");
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
static void sign_request_matches_the_suite_and_lists_the_headers_to_send(void)
{
	char secret[] = "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY", headers[256];
	size_t hl = pw_test_put_header(headers, "Host", "example.amazonaws.com");
	uint32_t key = pw_key_open(secret, strlen(secret));
	struct pw_result *r;
	cJSON *list;
	int count;

	CHECK(pw_test_all_zero(secret, sizeof secret - 1));
	r = fx_sign_request(key, "GET", "/", "", "AKIDEXAMPLE", NULL, "us-east-1", "service", "20150830T123600Z", headers, hl, NULL,
		PW_SIGN_NORMALIZE_PATH);
	CHECK(r != NULL && r->status == PW_OK);
	CHECK(pw_test_field_is(r, PW_SIGN_AUTHORIZATION, "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20150830/us-east-1/service/aws4_request, "
		"SignedHeaders=host;x-amz-date, Signature=5fa00fa31553b73ebf1942676e86291e8372ff2a2260956d9b8aae1d763fbf31"));
	CHECK(pw_test_field_is(r, PW_SIGN_SIGNATURE, "5fa00fa31553b73ebf1942676e86291e8372ff2a2260956d9b8aae1d763fbf31"));
	CHECK(r != NULL && r->f[PW_SIGN_CANONICAL_REQUEST].len == 0 && r->f[PW_SIGN_STRING_TO_SIGN].len == 0);
	list = pw_test_header_list(r);
	CHECK_INT_EQ(cJSON_GetArraySize(list), 3);
	CHECK_STR_EQ(pw_test_header_value(list, "Host", &count), "example.amazonaws.com");
	CHECK_STR_EQ(pw_test_header_value(list, "X-Amz-Date", &count), "20150830T123600Z");
	CHECK(pw_test_header_value(list, "Authorization", &count) != NULL);
	cJSON_Delete(list);
	pw_done(0);

	r = fx_sign_request(key, "POST", "/", "Param1=value1", "AKIDEXAMPLE", NULL, "us-east-1", "service", "20150830T123600Z",
		headers, hl, NULL, PW_SIGN_NORMALIZE_PATH | PW_SIGN_CANONICAL);
	CHECK(pw_test_field_is(r, PW_SIGN_SIGNATURE, "28038455d6de14eafc1f9222cf5aa6f1a96197d7deb8263271d420d138af7f11"));
	CHECK(r != NULL && fx_starts(r->f[PW_SIGN_CANONICAL_REQUEST].data, "POST\n/\nParam1=value1\nhost:example.amazonaws.com\n"));
	CHECK(r != NULL && fx_starts(r->f[PW_SIGN_STRING_TO_SIGN].data, "AWS4-HMAC-SHA256\n20150830T123600Z\n"));
	pw_done(0);

	/* the added headers, in order: the token signed, the content hash; OMIT_TOKEN adds the token after signing */
	r = fx_sign_request(key, "POST", "/", "", "AKID", "TOK", "us-east-1", "s", "20150830T123600Z", headers, hl, "body",
		PW_SIGN_SIGN_BODY | PW_SIGN_OMIT_TOKEN);
	list = pw_test_header_list(r);
	CHECK_INT_EQ(cJSON_GetArraySize(list), 5);
	{
		static const char *const names[] = { "Host", "X-Amz-Date", "X-Amz-Content-Sha256", "X-Amz-Security-Token", "Authorization" };
		int i;
		for (i = 0; i < 5; i++) {
			const cJSON *n = cJSON_GetArrayItem(cJSON_GetArrayItem(list, i), 0);
			CHECK_STR_EQ(cJSON_IsString(n) ? n->valuestring : NULL, names[i]);
		}
	}
	CHECK(fx_contains(pw_test_header_value(list, "Authorization", &count), "SignedHeaders=host;x-amz-content-sha256;x-amz-date,"));
	cJSON_Delete(list);
	pw_done(0);

	/* failures: one shape, the same messages as before */
	r = fx_sign_request(key, "GET", "/", "", "", NULL, "us-east-1", "s", "20150830T123600Z", NULL, 0, NULL, 0);
	CHECK(pw_test_field_is(r, PW_ERROR_NAME, "SigningError")
		&& pw_test_field_is(r, PW_ERROR_MESSAGE, "Missing credentials: accessKeyId and secretAccessKey are both required"));
	pw_done(0);
	r = fx_sign_request(0, "GET", "/", "", "AKID", NULL, "us-east-1", "s", "20150830T123600Z", NULL, 0, NULL, 0);
	CHECK(pw_test_field_is(r, PW_ERROR_NAME, "SigningError") && fx_contains(r->f[PW_ERROR_MESSAGE].data, "Missing credentials"));
	pw_done(0);
	r = fx_sign_request(key, "GET", "/", "", "AKID", NULL, "", "s", "20150830T123600Z", NULL, 0, NULL, 0);
	CHECK(pw_test_field_is(r, PW_ERROR_MESSAGE, "Missing Region: a region is needed to sign requests, even with a custom endpoint"));
	pw_done(0);
	r = fx_sign_request(key, "GET", "/", "", "AKID", NULL, "us-east-1", "", "20150830T123600Z", NULL, 0, NULL, 0);
	CHECK(pw_test_field_is(r, PW_ERROR_MESSAGE, "Missing service: the signing name is required"));
	pw_done(0);
	r = fx_sign_request(key, "GET", "/", "", "AKID", NULL, "us-east-1", "s", "2015-08-30", NULL, 0, NULL, 0);
	CHECK(pw_test_field_is(r, PW_ERROR_MESSAGE, "Invalid date: expected YYYYMMDDTHHMMSSZ"));
	pw_done(0);
	r = fx_sign_request(key, "GET", "/", "", "AKID", NULL, "us-east-1", "s", "20150830T12360XZ", NULL, 0, NULL, 0);
	CHECK(pw_test_field_is(r, PW_ERROR_MESSAGE, "Could not sign the request (invalid parameters)"));
	pw_done(0);
	r = fx_sign_request(key, "GET", "/", "", "AKID", NULL, "us-east-1", "s", "20150830T123600Z", headers, hl - 1, NULL, 0);
	CHECK(pw_test_field_is(r, PW_ERROR_MESSAGE, "request needs method and path strings, and headers as [[name, value]...]"));
	pw_done(0);
	r = pw_sign_request(key, "\x01\0\0\0", 4, NULL, 0, NULL, 0, 0);
	CHECK(pw_test_field_is(r, PW_ERROR_NAME, "SigningError"));
	pw_done(0);
	pw_key_close(key);
}

const struct pw_test pw_tests_exports[] = {
	{ "check_input_lists_errors", check_input_lists_errors },
	{ "examine_reads_status_headers_and_body", examine_reads_status_headers_and_body },
	{ "endpoint_url_gives_the_url", endpoint_url_gives_the_url },
	{ "sign_request_matches_the_suite_and_lists_the_headers_to_send", sign_request_matches_the_suite_and_lists_the_headers_to_send },
	{ NULL, NULL }
};
