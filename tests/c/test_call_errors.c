/* A call refused: endpoints, input, configuration and credentials, each with its error, the
 * secret wiped all the same. */
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

static void a_call_signs_the_lower_case_region_and_the_host_fetch_sends(void)
{
	cJSON *json = BUILD(CET, "US-East-1", INPUT, NULL);
	const cJSON *headers = request_headers(json);
	struct fx_call local = { CET, "US-East-1", "http://127.1:4566", 0, "AKID", NULL, "20261126T000000Z", NULL };
	struct fx_call bad = { CET, "us-east-1", "http://[::1]\\x", 0, "AKID", NULL, "20261126T000000Z", NULL };
	int count;

	CHECK_STR_EQ(fx_str(json, "request.url"), "https://personalize.us-east-1.amazonaws.com/");
	CHECK_STR_EQ(pw_test_header_value(headers, "Host", &count), "personalize.us-east-1.amazonaws.com");
	CHECK(fx_contains(pw_test_header_value(headers, "Authorization", &count), "Credential=AKID/20261126/us-east-1/personalize/aws4_request,"));
	cJSON_Delete(json);

	json = RUN(&local, INPUT);
	headers = request_headers(json);
	CHECK_STR_EQ(fx_str(json, "request.url"), "http://127.0.0.1:4566/");
	CHECK_STR_EQ(pw_test_header_value(headers, "Host", &count), "127.0.0.1:4566");
	CHECK(fx_contains(fx_str(json, "canonicalRequest"), "\nhost:127.0.0.1:4566\n"));
	CHECK(fx_contains(pw_test_header_value(headers, "Authorization", &count), "/us-east-1/personalize/aws4_request,"));
	cJSON_Delete(json);

	json = RUN(&bad, INPUT);
	CHECK_STR_EQ(fx_str(json, "error.name"), "EndpointError");
	CHECK(fx_contains(fx_str(json, "error.message"), "backslashes"));
	cJSON_Delete(json);
}

static void a_call_with_a_custom_endpoint_keeps_its_base_path(void)
{
	struct fx_call c = { "DeleteEventTracker", "us-east-1", "http://localhost:8080/base/", 0, "AKID", NULL,
		"20261126T000000Z", "inv-9" };
	cJSON *json = RUN(&c, "{\"eventTrackerArn\":\"arn:aws:personalize:us-east-1:1:event-tracker/t\"}");
	const cJSON *headers = request_headers(json);
	int count;

	CHECK_STR_EQ(fx_str(json, "request.url"), "http://localhost:8080/base/");
	CHECK_STR_EQ(pw_test_header_value(headers, "Host", &count), "localhost:8080");
	CHECK_STR_EQ(pw_test_header_value(headers, "amz-sdk-invocation-id", &count), "inv-9");
	CHECK(fx_contains(pw_test_header_value(headers, "Authorization", &count),
		"SignedHeaders=amz-sdk-invocation-id;amz-sdk-request;content-type;host;x-amz-date;x-amz-target,"));
	CHECK(fx_starts(fx_str(json, "canonicalRequest"), "POST\n/base/\n\n"));
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
		const char *f = fx_str(e, "field");
		if (f == NULL || fx_str(e, "message") == NULL) continue;
		name += strcmp(f, "name") == 0;
		arn += strcmp(f, "datasetGroupArn") == 0;
		key += strcmp(f, "tags[0].tagKey") == 0;
		value += strcmp(f, "tags[0].tagValue") == 0 && fx_contains(fx_str(e, "message"), "valid Unicode");
	}
	CHECK(name == 1 && arn == 1 && key == 1 && value == 1);
	cJSON_Delete(json);

	json = BUILD(CET, "us-east-1", "not json", "tok");
	CHECK_INT_EQ(cJSON_GetArraySize(cJSON_GetObjectItemCaseSensitive(json, "errors")), 1);
	cJSON_Delete(json);
}

static void a_call_reports_configuration_and_credential_errors_and_still_wipes_the_secret(void)
{
	struct fx_call fips = { CET, "us-east-1", "http://localhost", PW_FLAG_FIPS, "AKID", NULL, "20261126T000000Z", NULL };
	struct fx_call no_region = { CET, NULL, "http://localhost:1", 0, "AKID", NULL, "20261126T000000Z", NULL };
	struct fx_call no_akid = { CET, "us-east-1", NULL, 0, "", NULL, "20261126T000000Z", NULL };
	struct fx_call short_date = { CET, "us-east-1", NULL, 0, "AKID", NULL, "2026-11-26", NULL };
	struct fx_call bad_date = { CET, "us-east-1", NULL, 0, "AKID", NULL, "2026112XT000000Z", NULL };
	struct fx_call line_break = { CET, "us-east-1", NULL, 0, "AKID", "tok\nX-Injected: 1", "20261126T000000Z", NULL };
	cJSON *json = BUILD(CET, NULL, INPUT, "tok");

	CHECK_STR_EQ(fx_str(json, "error.name"), "EndpointError");
	CHECK_STR_EQ(fx_str(json, "error.message"), "Invalid Configuration: Missing Region");
	cJSON_Delete(json);
	json = RUN(&fips, INPUT);
	CHECK_STR_EQ(fx_str(json, "error.name"), "EndpointError");
	CHECK_STR_EQ(fx_str(json, "error.message"), "Invalid Configuration: FIPS and custom endpoint are not supported");
	cJSON_Delete(json);
	json = BUILD("NoSuchOperation", "us-east-1", INPUT, "tok");
	CHECK_STR_EQ(fx_str(json, "error.name"), "ConfigurationError");
	CHECK_STR_EQ(fx_str(json, "error.message"), "Unknown operation");
	cJSON_Delete(json);
	/* a custom endpoint needs no region, but signing does */
	json = RUN(&no_region, INPUT);
	CHECK_STR_EQ(fx_str(json, "error.name"), "ConfigurationError");
	CHECK_STR_EQ(fx_str(json, "error.message"), "Missing Region: a region is needed to sign requests, even with a custom endpoint");
	cJSON_Delete(json);
	json = RUN(&no_akid, INPUT);
	CHECK_STR_EQ(fx_str(json, "error.name"), "CredentialsProviderError");
	CHECK_STR_EQ(fx_str(json, "error.message"), "Missing credentials: accessKeyId and secretAccessKey are both required");
	cJSON_Delete(json);
	json = RUN(&short_date, INPUT);
	CHECK_STR_EQ(fx_str(json, "error.name"), "SigningError");
	CHECK_STR_EQ(fx_str(json, "error.message"), "Invalid date: expected YYYYMMDDTHHMMSSZ");
	cJSON_Delete(json);
	json = RUN(&bad_date, INPUT);
	CHECK_STR_EQ(fx_str(json, "error.name"), "SigningError");
	cJSON_Delete(json);
	/* a session token that would split the header is refused, not signed */
	json = RUN(&line_break, INPUT);
	CHECK_STR_EQ(fx_str(json, "error.name"), "CredentialsProviderError");
	CHECK(fx_contains(fx_str(json, "error.message"), "line break"));
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
	CHECK(r != NULL && fx_contains(r->f[PW_ERROR_MESSAGE].data, "NUL"));
	pw_done(0);
	/* malformed packed arguments are refused as well */
	r = pw_sign_attempt(call, key, packed, n - 1, 1, 1, 0);
	CHECK(r != NULL && r->status == PW_ERROR && pw_test_field_is(r, PW_ERROR_NAME, "SigningError"));
	pw_done(0);
	pw_call_end(call);
	pw_key_close(key);
}

const struct pw_test pw_tests_call_errors[] = {
	{ "a_call_signs_the_lower_case_region_and_the_host_fetch_sends", a_call_signs_the_lower_case_region_and_the_host_fetch_sends },
	{ "a_call_with_a_custom_endpoint_keeps_its_base_path", a_call_with_a_custom_endpoint_keeps_its_base_path },
	{ "a_call_reports_invalid_input_and_still_wipes_the_secret", a_call_reports_invalid_input_and_still_wipes_the_secret },
	{ "a_call_reports_configuration_and_credential_errors_and_still_wipes_the_secret", a_call_reports_configuration_and_credential_errors_and_still_wipes_the_secret },
	{ "an_attempt_refuses_a_session_token_holding_a_nul", an_attempt_refuses_a_session_token_holding_a_nul },
	{ NULL, NULL }
};
