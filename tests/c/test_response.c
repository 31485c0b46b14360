/* Response examination by the awsJson1_1 / rest-json rules, through pw_examine: outputs, request
 * ids, malformed success bodies, error names (header, __type, code), messages and faults. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cJSON.h"
#include "check.h"
#include "operations.h"
#include "response.h"
#include "result.h"

struct parsed {
	int rc;
	cJSON *json;      /* the whole result */
	const cJSON *output, *error;
	const char *name, *message, *fault, *request_id;
};

static const char *member_string(const cJSON *o, const char *name)
{
	const cJSON *v = cJSON_GetObjectItemCaseSensitive(o, name);
	return cJSON_IsString(v) ? v->valuestring : NULL;
}

/* The value of the header a glue's Headers.get(lower_name) reads (names case-insensitive). */
static const char *header(const struct pw_header *h, size_t n, const char *lower_name)
{
	size_t i, k;

	for (i = 0; i < n; i++) {
		if (h[i].name_len != strlen(lower_name)) continue;
		for (k = 0; k < h[i].name_len && (h[i].name[k] | 0x20) == lower_name[k]; k++) {}
		if (k == h[i].name_len) return h[i].value;
	}
	return NULL;
}

/* Examines a response with pw_examine (the op by name, the headers it reads packed, as the glue
 * passes them) and renders the result as {"output":{...},"requestId"} or
 * {"error":{"name","message","fault"},"requestId"}. */
static struct parsed parse(const char *op_name, int status, const struct pw_header *headers, size_t n,
	const char *body, size_t body_len, const char *file, int line)
{
	const char *h[PW_PACKED_EXAMINE_COUNT];
	char packed[512];
	struct pw_result *r;
	struct parsed p;
	size_t packed_len;

	memset(&p, 0, sizeof p);
	p.rc = -2;
	h[PW_PACKED_EXAMINE_ERROR_TYPE] = header(headers, n, "x-amzn-errortype");
	h[PW_PACKED_EXAMINE_REQUEST_ID] = header(headers, n, "x-amzn-requestid");
	h[PW_PACKED_EXAMINE_AMZ_REQUEST_ID] = header(headers, n, "x-amz-request-id");
	packed_len = pw_test_pack(packed, h, PW_PACKED_EXAMINE_COUNT);
	r = pw_examine(0, op_name, strlen(op_name), status, packed, packed_len, body, body_len);
	if (!pw_check(r != NULL, file, line, "a result")) return p;
	p.json = cJSON_CreateObject();
	if (r->status == PW_OK) {
		cJSON *output = r->f[PW_EXAMINE_OUTPUT].len > 0 ? pw_test_field_json(r, PW_EXAMINE_OUTPUT) : cJSON_CreateObject();
		pw_check(cJSON_IsObject(output), file, line, "the output is a JSON object");
		cJSON_AddItemToObject(p.json, "output", output != NULL ? output : cJSON_CreateNull());
		if (r->f[PW_EXAMINE_REQUEST_ID].len > 0) {
			char *id = pw_test_field(r, PW_EXAMINE_REQUEST_ID);
			cJSON_AddStringToObject(p.json, "requestId", id);
			free(id);
		}
	} else {
		cJSON *e = cJSON_AddObjectToObject(p.json, "error");
		char *f[4];
		int i;
		for (i = 0; i < 4; i++) f[i] = pw_test_field(r, i);
		cJSON_AddStringToObject(e, "name", f[PW_ERROR_NAME]);
		cJSON_AddStringToObject(e, "message", f[PW_ERROR_MESSAGE]);
		cJSON_AddStringToObject(e, "fault", f[PW_ERROR_DETAIL]);
		if (f[PW_ERROR_REQUEST_ID][0] != 0) cJSON_AddStringToObject(p.json, "requestId", f[PW_ERROR_REQUEST_ID]);
		for (i = 0; i < 4; i++) free(f[i]);
	}
	p.rc = r->status == PW_OK ? 0 : 1;
	pw_done(0);
	p.output = cJSON_GetObjectItemCaseSensitive(p.json, "output");
	p.error = cJSON_GetObjectItemCaseSensitive(p.json, "error");
	p.name = member_string(p.error, "name");
	p.message = member_string(p.error, "message");
	p.fault = member_string(p.error, "fault");
	p.request_id = member_string(p.json, "requestId");
	pw_check((p.output != NULL) != (p.error != NULL), file, line, "exactly one of output and error");
	return p;
}
#define PARSE(op, status, headers, n, body) parse(op, status, headers, n, body, strlen(body), __FILE__, __LINE__)

#define CET "CreateEventTracker"
#define TRACKER_ARN "arn:aws:personalize:us-east-1:123456789012:event-tracker/t"

/* Parses an error response and checks name, fault and (when not NULL) message. */
static void expect_error(const struct pw_header *headers, size_t n, int status, const char *body,
	const char *name, const char *fault, const char *message, const char *file, int line)
{
	struct parsed p = parse(CET, status, headers, n, body, strlen(body), file, line);

	pw_check_str(p.name, name, file, line, "error name");
	pw_check_str(p.fault, fault, file, line, "fault");
	if (message != NULL) pw_check_str(p.message, message, file, line, "error message");
	cJSON_Delete(p.json);
}
#define ERROR_NAMED(headers, n, status, body, name, fault, message) \
	expect_error(headers, n, status, body, name, fault, message, __FILE__, __LINE__)

static void success_gives_the_output_and_the_request_id(void)
{
	static const char body[] = "{\"eventTrackerArn\":\"" TRACKER_ARN "\",\"trackingId\":\"tid-1\"}";
	const struct pw_header h[] = { pw_test_header("Content-Type", "application/x-amz-json-1.1"), pw_test_header("x-amzn-RequestId", "req-1") };
	const struct pw_header upper[] = { pw_test_header("X-AMZN-REQUESTID", "req-2") };
	const struct pw_header lower[] = { pw_test_header("x-amzn-requestid", "req-3") };
	struct parsed p = PARSE(CET, 200, h, 2, body);

	CHECK_INT_EQ(p.rc, 0);
	CHECK_STR_EQ(member_string(p.output, "eventTrackerArn"), TRACKER_ARN);
	CHECK_STR_EQ(member_string(p.output, "trackingId"), "tid-1");
	CHECK_INT_EQ(cJSON_GetArraySize(p.output), 2);
	CHECK_STR_EQ(p.request_id, "req-1");
	cJSON_Delete(p.json);

	p = PARSE(CET, 200, upper, 1, body);
	CHECK_STR_EQ(p.request_id, "req-2");
	cJSON_Delete(p.json);
	p = PARSE(CET, 201, lower, 1, body);
	CHECK_STR_EQ(p.request_id, "req-3");
	CHECK_STR_EQ(member_string(p.output, "trackingId"), "tid-1");
	cJSON_Delete(p.json);

	/* no request id header: no requestId member */
	p = PARSE(CET, 200, NULL, 0, body);
	CHECK(p.request_id == NULL && cJSON_GetObjectItemCaseSensitive(p.json, "requestId") == NULL);
	CHECK(p.output != NULL);
	cJSON_Delete(p.json);

	/* escapes, and whitespace between tokens (not inside strings), are fine */
	p = PARSE(CET, 200, h, 2, "{\"eventTrackerArn\":\"a\\\"b\\\\\",\r\n\t\"trackingId\":\"t\\n\\u0001\"}");
	CHECK_INT_EQ(p.rc, 0);
	CHECK_STR_EQ(member_string(p.output, "eventTrackerArn"), "a\"b\\");
	CHECK_STR_EQ(member_string(p.output, "trackingId"), "t\n\x01");
	cJSON_Delete(p.json);

	/* numbers in every JSON form pass */
	p = PARSE(CET, 200, h, 2, "{\"eventTrackerArn\":\"a\",\"trackingId\":\"t\",\"n\":[0,-0,1.5,-1.5e-7,1E+21,2e10,0.0,123456789012345678901234567890]}");
	CHECK_INT_EQ(p.rc, 0);
	CHECK_INT_EQ(cJSON_GetArraySize(cJSON_GetObjectItemCaseSensitive(p.output, "n")), 8);
	cJSON_Delete(p.json);

	/* other output members are kept, whitespace is fine */
	p = PARSE(CET, 200, h, 2, " {\"trackingId\" : \"t\", \"eventTrackerArn\":\"a\", \"extra\":[1,2.5]}\n");
	CHECK_INT_EQ(p.rc, 0);
	CHECK_STR_EQ(member_string(p.output, "trackingId"), "t");
	CHECK(cJSON_GetArraySize(cJSON_GetObjectItemCaseSensitive(p.output, "extra")) == 2);
	cJSON_Delete(p.json);
}

static void unusable_success_bodies_are_deserialization_errors(void)
{
	static const char *const bodies[] = {
		"{\"eventTrackerArn\":\"a\"}",                     /* no trackingId */
		"{\"trackingId\":\"t\"}",                          /* no eventTrackerArn */
		"{\"eventTrackerArn\":\"a\",\"trackingId\":5}",    /* not a string */
		"{\"eventTrackerArn\":\"a\",\"trackingId\":null}",
		"",                                                /* empty */
		"{\"eventTrackerArn\":\"a\"",                      /* truncated */
		"{\"eventTrackerArn\":\"a\",\"trackingId\":\"t\"", /* truncated after both */
		"<html><body>Bad gateway</body></html>",           /* not JSON */
		"[{\"eventTrackerArn\":\"a\",\"trackingId\":\"t\"}]", /* an array */
		"\"text\"",
		"null",
		"{}",
		"{\"eventTrackerArn\":\"a\",\"trackingId\":\"t\"} trailing",
		"{\"eventTrackerArn\":\"a\",\"trackingId\":\"t\"}{}",
		/* numbers JSON.parse rejects (the body is passed through to it) */
		"{\"eventTrackerArn\":\"a\",\"trackingId\":\"t\",\"n\":01}",
		"{\"eventTrackerArn\":\"a\",\"trackingId\":\"t\",\"n\":1.}",
		"{\"eventTrackerArn\":\"a\",\"trackingId\":\"t\",\"n\":-.5}",
		"{\"eventTrackerArn\":\"a\",\"trackingId\":\"t\",\"n\":1e}",
		"{\"eventTrackerArn\":\"a\",\"trackingId\":\"t\",\"n\":1e+}",
		"{\"eventTrackerArn\":\"a\",\"trackingId\":\"t\",\"n\":-}",
		"{\"eventTrackerArn\":\"a\",\"trackingId\":\"t\",\"n\":+1}",
		"{\"eventTrackerArn\":\"a\",\"trackingId\":\"t\",\"n\":.5}",
		"{\"eventTrackerArn\":\"a\",\"trackingId\":\"t\",\"n\":0x10}",
	};
	const struct pw_header h[] = { pw_test_header("x-amzn-RequestId", "req-9") };
	size_t i;

	for (i = 0; i < sizeof bodies / sizeof bodies[0]; i++) {
		struct parsed p = parse(CET, 200, h, 1, bodies[i], strlen(bodies[i]), __FILE__, __LINE__);
		if (!CHECK_STR_EQ(p.name, "DeserializationError")) printf("    body: %s\n", bodies[i]);
		CHECK(p.message != NULL && strstr(p.message, "CreateEventTracker") != NULL && strstr(p.message, "HTTP 200") != NULL);
		CHECK_STR_EQ(p.request_id, "req-9");
		cJSON_Delete(p.json);
	}
	{
		struct parsed p = PARSE(CET, 200, h, 1, "{\"eventTrackerArn\":\"a\"}");
		CHECK(p.message != NULL && strstr(p.message, "trackingId") != NULL);
		cJSON_Delete(p.json);
		p = PARSE(CET, 200, h, 1, "");
		CHECK(p.message != NULL && strstr(p.message, "empty body") != NULL);
		cJSON_Delete(p.json);
	}
	{
		/* raw control characters inside strings (JSON.parse rejects them; cJSON does not) */
		static const char with_nul[] = "{\"eventTrackerArn\":\"a\0\",\"trackingId\":\"t\"}";
		static const char with_newline[] = "{\"eventTrackerArn\":\"a\nb\",\"trackingId\":\"t\"}";
		static const char with_tab[] = "{\"eventTrackerArn\":\"a\",\"trackingId\":\"\t\"}";
		struct parsed p = parse(CET, 200, h, 1, with_nul, sizeof with_nul - 1, __FILE__, __LINE__);
		CHECK_STR_EQ(p.name, "DeserializationError");
		cJSON_Delete(p.json);
		p = PARSE(CET, 200, h, 1, with_newline);
		CHECK_STR_EQ(p.name, "DeserializationError");
		cJSON_Delete(p.json);
		p = PARSE(CET, 200, h, 1, with_tab);
		CHECK_STR_EQ(p.name, "DeserializationError");
		cJSON_Delete(p.json);
	}
	{
		/* bytes that are not UTF-8: no crash, a JSON result */
		struct parsed p = PARSE(CET, 200, h, 1, "{\"eventTrackerArn\":\"\xC0\",\"trackingId\":\"\xFF\"}");
		CHECK(p.json != NULL);
		cJSON_Delete(p.json);
	}
}

static void empty_success_of_an_operation_without_output_is_an_empty_output(void)
{
	const struct pw_header h[] = { pw_test_header("x-amzn-RequestId", "req-d") };
	struct parsed p = PARSE("DeleteEventTracker", 200, h, 1, "");

	CHECK_INT_EQ(p.rc, 0);
	CHECK(cJSON_IsObject(p.output) && cJSON_GetArraySize(p.output) == 0);
	CHECK_STR_EQ(p.request_id, "req-d");
	cJSON_Delete(p.json);
	p = PARSE("DeleteEventTracker", 200, NULL, 0, "{}");
	CHECK_INT_EQ(p.rc, 0);
	CHECK(cJSON_IsObject(p.output) && cJSON_GetArraySize(p.output) == 0);
	cJSON_Delete(p.json);
	p = PARSE("PutEvents", 200, NULL, 0, "");
	CHECK_INT_EQ(p.rc, 0);
	CHECK(cJSON_IsObject(p.output) && cJSON_GetArraySize(p.output) == 0);
	cJSON_Delete(p.json);
	/* an operation with output still needs a body */
	p = PARSE(CET, 200, NULL, 0, "");
	CHECK_STR_EQ(p.name, "DeserializationError");
	cJSON_Delete(p.json);
	/* DescribeEventTracker has no required members but is not empty either */
	p = PARSE("DescribeEventTracker", 200, NULL, 0, "{\"eventTracker\":{\"name\":\"n\",\"status\":\"ACTIVE\"}}");
	CHECK_INT_EQ(p.rc, 0);
	CHECK_STR_EQ(member_string(cJSON_GetObjectItemCaseSensitive(p.output, "eventTracker"), "status"), "ACTIVE");
	cJSON_Delete(p.json);
}

static void error_name_comes_from_the_header_then_type_then_code(void)
{
	const struct pw_header typed[] = { pw_test_header("X-Amzn-ErrorType", "ResourceNotFoundException:http://internal.amazon.com/coral/com.amazonaws.personalize/") };
	const struct pw_header lower[] = { pw_test_header("x-amzn-errortype", "ResourceInUseException") };
	const struct pw_header empty[] = { pw_test_header("X-Amzn-ErrorType", "") };

	ERROR_NAMED(typed, 1, 400, "{\"__type\":\"InvalidInputException\",\"code\":\"Other\",\"message\":\"m\"}",
		"ResourceNotFoundException", "client", "m");
	ERROR_NAMED(lower, 1, 400, "{}", "ResourceInUseException", "client", NULL);
	ERROR_NAMED(NULL, 0, 400, "{\"__type\":\"com.amazonaws.personalize#InvalidInputException\",\"code\":\"Other\"}",
		"InvalidInputException", "client", NULL);
	ERROR_NAMED(NULL, 0, 400, "{\"code\":\"LimitExceededException\",\"message\":\"slow down\"}",
		"LimitExceededException", "client", "slow down");
	/* an empty header does not count */
	ERROR_NAMED(empty, 1, 400, "{\"__type\":\"TooManyTagsException\"}", "TooManyTagsException", "client", NULL);
	/* __type that is not a string does not count */
	ERROR_NAMED(NULL, 0, 400, "{\"__type\":5,\"code\":\"C\"}", "C", "client", NULL);
}

static void only_the_top_level_type_names_the_error(void)
{
	ERROR_NAMED(NULL, 0, 400, "{\"detail\":{\"__type\":\"NestedException\"},\"code\":\"TopException\"}", "TopException", "client", NULL);
	ERROR_NAMED(NULL, 0, 400, "{\"detail\":{\"__type\":\"NestedException\",\"code\":\"NestedCode\"}}", "UnknownError", "client", NULL);
	ERROR_NAMED(NULL, 0, 400, "{\"errors\":[{\"__type\":\"NestedException\"}],\"__type\":\"TopException\"}", "TopException", "client", NULL);
}

static void error_names_are_sanitized(void)
{
	const struct pw_header h[] = { pw_test_header("X-Amzn-ErrorType", "aws.protocoltests.json#FooError:http://internal.amazon.com/") };

	ERROR_NAMED(NULL, 0, 400, "{\"__type\":\"aws.protocoltests.json#FooError:http://internal.amazon.com/\"}", "FooError", "client", NULL);
	ERROR_NAMED(NULL, 0, 400, "{\"__type\":\"FooError:http://internal.amazon.com/\"}", "FooError", "client", NULL);
	ERROR_NAMED(NULL, 0, 400, "{\"__type\":\"aws.protocoltests.json#FooError\"}", "FooError", "client", NULL);
	ERROR_NAMED(h, 1, 400, "", "FooError", "client", NULL);
}

static void sanitize(const char *raw, const char *expected, const char *file, int line)
{
	pw_buf b;

	pw_buf_init(&b);
	pw_sanitize_error_name(&b, raw, strlen(raw));
	pw_check_str(b.data != NULL ? b.data : "", expected, file, line, raw);
	pw_buf_wipe_free(&b);
}
#define SANITIZE(raw, expected) sanitize(raw, expected, __FILE__, __LINE__)

static void sanitize_error_name_keeps_what_is_after_hash_and_before_colon_or_comma(void)
{
	SANITIZE("FooError", "FooError");
	SANITIZE("aws.protocoltests.json#FooError:http://internal.amazon.com/", "FooError");
	SANITIZE("aws.protocoltests.json#FooError", "FooError");
	SANITIZE("FooError:http://internal.amazon.com/", "FooError");
	SANITIZE("FooError,BarError", "FooError");
	SANITIZE("ns#FooError,Other:x", "FooError");
	SANITIZE("a#FooError#b", "FooError");
	SANITIZE("ns.with:colon#FooError", "ns.with");   /* ':' is cut first, as the SDKs do */
	SANITIZE(" FooError ", "FooError");
	SANITIZE("", "");
	SANITIZE("#", "");
	SANITIZE(":x", "");
}

static void messages_come_from_message_or_Message(void)
{
	ERROR_NAMED(NULL, 0, 400, "{\"__type\":\"E\",\"message\":\"lower\"}", "E", "client", "lower");
	ERROR_NAMED(NULL, 0, 400, "{\"__type\":\"E\",\"Message\":\"upper\"}", "E", "client", "upper");
	ERROR_NAMED(NULL, 0, 400, "{\"__type\":\"E\",\"message\":\"lower\",\"Message\":\"upper\"}", "E", "client", "lower");
	/* neither: a message naming the status */
	{
		struct parsed p = PARSE(CET, 400, NULL, 0, "{\"__type\":\"E\"}");
		CHECK(p.message != NULL && strstr(p.message, "HTTP 400") != NULL);
		cJSON_Delete(p.json);
	}
	ERROR_NAMED(NULL, 0, 400, "{\"__type\":\"E\",\"message\":\"quote \\\" and \\u00e9\"}", "E", "client", "quote \" and \xC3\xA9");
}

static void unknown_error_names_pass_through(void)
{
	ERROR_NAMED(NULL, 0, 400, "{\"__type\":\"SomethingNewException\",\"message\":\"m\"}", "SomethingNewException", "client", "m");
	ERROR_NAMED(NULL, 0, 403, "{\"__type\":\"UnrecognizedClientException\"}", "UnrecognizedClientException", "client", NULL);
	ERROR_NAMED(NULL, 0, 400, "{\"__type\":\"ThrottlingException\"}", "ThrottlingException", "client", NULL);
}

static void status_4xx_is_a_client_fault_and_5xx_a_server_fault(void)
{
	const struct pw_header h[] = { pw_test_header("x-amzn-RequestId", "req-5") };

	ERROR_NAMED(NULL, 0, 400, "{\"__type\":\"E\"}", "E", "client", NULL);
	ERROR_NAMED(NULL, 0, 404, "{\"__type\":\"E\"}", "E", "client", NULL);
	ERROR_NAMED(NULL, 0, 429, "{\"__type\":\"E\"}", "E", "client", NULL);
	ERROR_NAMED(NULL, 0, 499, "{\"__type\":\"E\"}", "E", "client", NULL);
	ERROR_NAMED(NULL, 0, 500, "{\"__type\":\"InternalFailure\"}", "InternalFailure", "server", NULL);
	ERROR_NAMED(NULL, 0, 502, "{\"__type\":\"E\"}", "E", "server", NULL);
	ERROR_NAMED(NULL, 0, 599, "{\"__type\":\"E\"}", "E", "server", NULL);
	{
		struct parsed p = PARSE(CET, 503, h, 1, "");
		CHECK_STR_EQ(p.name, "UnknownError");
		CHECK_STR_EQ(p.fault, "server");
		CHECK(p.message != NULL && strstr(p.message, "HTTP 503") != NULL);
		CHECK_STR_EQ(p.request_id, "req-5");
		cJSON_Delete(p.json);
		p = PARSE(CET, 502, NULL, 0, "<html>Bad Gateway</html>");
		CHECK_STR_EQ(p.name, "UnknownError");
		CHECK_STR_EQ(p.fault, "server");
		CHECK(p.message != NULL && strstr(p.message, "HTTP 502") != NULL);
		cJSON_Delete(p.json);
	}
}

const struct pw_test pw_tests_response[] = {
	{ "success_gives_the_output_and_the_request_id", success_gives_the_output_and_the_request_id },
	{ "unusable_success_bodies_are_deserialization_errors", unusable_success_bodies_are_deserialization_errors },
	{ "empty_success_of_an_operation_without_output_is_an_empty_output", empty_success_of_an_operation_without_output_is_an_empty_output },
	{ "error_name_comes_from_the_header_then_type_then_code", error_name_comes_from_the_header_then_type_then_code },
	{ "only_the_top_level_type_names_the_error", only_the_top_level_type_names_the_error },
	{ "error_names_are_sanitized", error_names_are_sanitized },
	{ "sanitize_error_name_keeps_what_is_after_hash_and_before_colon_or_comma", sanitize_error_name_keeps_what_is_after_hash_and_before_colon_or_comma },
	{ "messages_come_from_message_or_Message", messages_come_from_message_or_Message },
	{ "unknown_error_names_pass_through", unknown_error_names_pass_through },
	{ "status_4xx_is_a_client_fault_and_5xx_a_server_fault", status_4xx_is_a_client_fault_and_5xx_a_server_fault },
	{ NULL, NULL }
};
