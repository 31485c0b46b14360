/* Request payloads: byte-identical to the AWS SDK for JavaScript's (members in the model's order,
 * JSON.stringify escaping, Number#toString numbers). Expected bodies were produced by
 * @aws-sdk/client-personalize(-events) 3.x and by node's String(number). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cJSON.h"
#include "check.h"
#include "operations.h"
#include "json.h"
#include "payload.h"

static void expect_payload(const char *op_name, const char *input, const char *expected, const char *file, int line)
{
	const struct pw_operation *op = pw_find_operation(op_name, strlen(op_name));
	cJSON *parsed = pw_json_parse(input, strlen(input));
	pw_buf out;

	if (!pw_check(op != NULL && parsed != NULL, file, line, "the operation exists and the test input is JSON")) {
		cJSON_Delete(parsed);
		return;
	}
	pw_buf_init(&out);
	pw_payload_build(&out, op->input, parsed);
	pw_check(!out.failed, file, line, "payload buffer did not fail");
	pw_check_str(out.data, expected, file, line, input);
	pw_buf_wipe_free(&out);
	cJSON_Delete(parsed);
}
#define PAYLOAD(op, input, expected) expect_payload(op, input, expected, __FILE__, __LINE__)

static void expect_value(const char *json, const char *expected, const char *file, int line)
{
	cJSON *parsed = pw_json_parse(json, strlen(json));
	pw_buf out;

	if (!pw_check(parsed != NULL, file, line, "the test input is JSON")) return;
	pw_buf_init(&out);
	pw_json_put_value(&out, parsed);
	pw_check_str(out.data, expected, file, line, json);
	pw_buf_wipe_free(&out);
	cJSON_Delete(parsed);
}
#define VALUE(json, expected) expect_value(json, expected, __FILE__, __LINE__)

#define ARN "arn:aws:personalize:us-east-1:123456789012:dataset-group/g"

static void create_event_tracker_payload_has_the_sdk_member_order(void)
{
	PAYLOAD("CreateEventTracker",
		"{\"name\":\"n\",\"datasetGroupArn\":\"" ARN "\",\"tags\":[{\"tagKey\":\"k\",\"tagValue\":\"v\"}]}",
		"{\"name\":\"n\",\"datasetGroupArn\":\"" ARN "\",\"tags\":[{\"tagKey\":\"k\",\"tagValue\":\"v\"}]}");
	/* whatever order the caller used */
	PAYLOAD("CreateEventTracker",
		"{\"tags\":[{\"tagValue\":\"v\",\"tagKey\":\"k\"},{\"tagValue\":\"\",\"tagKey\":\"k2\"}],\"datasetGroupArn\":\"" ARN "\",\"name\":\"n\"}",
		"{\"name\":\"n\",\"datasetGroupArn\":\"" ARN "\",\"tags\":[{\"tagKey\":\"k\",\"tagValue\":\"v\"},{\"tagKey\":\"k2\",\"tagValue\":\"\"}]}");
	PAYLOAD("CreateEventTracker", "{\"name\":\"n\",\"datasetGroupArn\":\"a\",\"tags\":[]}",
		"{\"name\":\"n\",\"datasetGroupArn\":\"a\",\"tags\":[]}");
}

/* Bodies the SDK (3.1138) sent for the same inputs given in another member order. */
static void tag_operations_payloads_have_the_sdk_member_order(void)
{
	PAYLOAD("TagResource", "{\"tags\":[{\"tagValue\":\"v\",\"tagKey\":\"k\"}],\"resourceArn\":\"" ARN "\"}",
		"{\"resourceArn\":\"" ARN "\",\"tags\":[{\"tagKey\":\"k\",\"tagValue\":\"v\"}]}");
	PAYLOAD("UntagResource", "{\"tagKeys\":[\"a\",\"b\"],\"resourceArn\":\"" ARN "\"}",
		"{\"resourceArn\":\"" ARN "\",\"tagKeys\":[\"a\",\"b\"]}");
	PAYLOAD("ListTagsForResource", "{\"resourceArn\":\"" ARN "\"}", "{\"resourceArn\":\"" ARN "\"}");
}

static void absent_and_null_members_are_left_out(void)
{
	PAYLOAD("CreateEventTracker", "{\"name\":\"n\",\"datasetGroupArn\":\"a\"}", "{\"name\":\"n\",\"datasetGroupArn\":\"a\"}");
	PAYLOAD("CreateEventTracker", "{\"name\":\"n\",\"datasetGroupArn\":\"a\",\"tags\":null}", "{\"name\":\"n\",\"datasetGroupArn\":\"a\"}");
	PAYLOAD("CreateEventTracker", "{\"datasetGroupArn\":\"a\",\"name\":null}", "{\"datasetGroupArn\":\"a\"}");
	PAYLOAD("ListEventTrackers", "{}", "{}");
	PAYLOAD("ListEventTrackers", "{\"maxResults\":5,\"nextToken\":null}", "{\"maxResults\":5}");
	PAYLOAD("ListEventTrackers", "{\"maxResults\":100,\"nextToken\":\"t\",\"datasetGroupArn\":\"a\"}",
		"{\"datasetGroupArn\":\"a\",\"nextToken\":\"t\",\"maxResults\":100}");
	/* members the shape does not know are not sent */
	PAYLOAD("DeleteEventTracker", "{\"eventTrackerArn\":\"a\",\"extra\":1}", "{\"eventTrackerArn\":\"a\"}");
}

static void strings_are_escaped_like_json_stringify(void)
{
	/* ", \, the two-character escapes, other controls as lower-case \u00xx; DEL and '/' as is */
	PAYLOAD("DeleteEventTracker", "{\"eventTrackerArn\":\"q\\\"b\\\\s/\\n\\r\\t\\b\\f\\u0001\\u001f\\u001F\\u007f\"}",
		"{\"eventTrackerArn\":\"q\\\"b\\\\s/\\n\\r\\t\\b\\f\\u0001\\u001f\\u001f\x7f\"}");
	/* non-ASCII as raw UTF-8, U+2028/U+2029 and characters outside the BMP included */
	PAYLOAD("DeleteEventTracker", "{\"eventTrackerArn\":\"\\u65e5\\u672c \xC3\xA9 \\u2028\\u2029 \xF0\x9F\x98\x80 \\ud83d\\ude00\"}",
		"{\"eventTrackerArn\":\"\xE6\x97\xA5\xE6\x9C\xAC \xC3\xA9 \xE2\x80\xA8\xE2\x80\xA9 \xF0\x9F\x98\x80 \xF0\x9F\x98\x80\"}");
	{
		pw_buf b;
		static const char with_nul[] = { 'a', 0, 'b' };
		pw_buf_init(&b);
		pw_buf_put_json_string(&b, with_nul, 3);
		CHECK_STR_EQ(b.data, "\"a\\u0000b\"");
		pw_buf_reset(&b);
		pw_buf_put_json_string(&b, "", 0);
		CHECK_STR_EQ(b.data, "\"\"");
		pw_buf_wipe_free(&b);
	}
}

/* The writer copies a number's text as the input wrote it (the glue's is JSON.stringify's, what the
 * AWS SDKs send): the payload is never printed back from a double. */
static void numbers_are_written_as_the_input_wrote_them(void)
{
	VALUE("[0,1,-1.5,0.1,123.456,1e+21,1e-7,1.2345e-7,0.000001,1732579200.123,9007199254740994,4.35]",
		"[0,1,-1.5,0.1,123.456,1e+21,1e-7,1.2345e-7,0.000001,1732579200.123,9007199254740994,4.35]");
	VALUE("[5e-324,2.2250738585072014e-308,1.7976931348623157e+308,0.6666666666666666,0.30000000000000004]",
		"[5e-324,2.2250738585072014e-308,1.7976931348623157e+308,0.6666666666666666,0.30000000000000004]");
	VALUE("{\"sentAt\":1000000000000000.2}", "{\"sentAt\":1000000000000000.2}");
}

static void json_numbers_parse_to_the_nearest_double(void)
{
	static const char text[] = "[0.1, 1732579200.123, -1.5, 1e21, 1e-7, 0.000001, 123456789012345680000, 4294967296,"
		" 1732579200000, 5e-324, 1.7976931348623157e308, 2.2250738585072014e-308, 0.30000000000000004, 1E3, -0]";
	cJSON *a = pw_json_parse(text, sizeof text - 1);
	static const double expected[] = { 0.1, 1732579200.123, -1.5, 1e21, 1e-7, 0.000001, 123456789012345680000.0,
		4294967296.0, 1732579200000.0, 5e-324, 1.7976931348623157e308, 2.2250738585072014e-308, 0.30000000000000004,
		1000.0, -0.0 };
	const cJSON *item;
	size_t i = 0;

	if (!CHECK(cJSON_IsArray(a))) return;
	CHECK_INT_EQ(cJSON_GetArraySize(a), sizeof expected / sizeof expected[0]);
	cJSON_ArrayForEach(item, a) {
		if (i < sizeof expected / sizeof expected[0] && item->valuedouble != expected[i]) {
			FAIL("number %zu parsed to %.17g, expected %.17g", i, item->valuedouble, expected[i]);
		} else {
			CHECK(1);
		}
		i++;
	}
	cJSON_Delete(a);
}

/* JSON.parse's grammar: whitespace is space, tab, LF and CR only; strings hold no raw control
 * characters and only the eight escapes and \u with four hex digits; numbers as number.h reads them;
 * exactly one value. A UTF-8 BOM before it is skipped (as fetch's text() would). */
static void the_json_reader_accepts_exactly_what_json_parse_accepts(void)
{
	static const char *const accepted[] = {
		"{}", " [ ] ", "\t\r\n{\"a\" : [1, -2.5e-3, true, false, null, \"x\"]}\n", "\"s\"", "0", "-0", "1E+21",
		"\xEF\xBB\xBF{\"a\":1}", "{\"a\":1,\"a\":2}", "[\"\\\"\\\\\\/\\b\\f\\n\\r\\t\\u0041\\ud83d\\ude00\"]",
		"[123456789012345678901234567890123456789012345678901234567890123456789012345678901234567890]",
		"{\"\xC0\xFF\":\"\xFE\"}", /* bytes that are not UTF-8 are the validator's to name */
	};
	static const char *const refused[] = {
		"", " ", "{", "[1,]", "{\"a\":1,}", "{\"a\"}", "{a:1}", "[1 2]", "{}{}", "{} x", "01", "1.", ".5", "+1", "-",
		"1e", "0x10", "tru", "nul", "True", "'a'", "[\"a\nb\"]", "[\"\t\"]", "\"\\x\"", "\"\\u12\"", "\"\\u12g4\"",
		"\"unterminated", "\"\\\"", "[\"\\ud800\"]", "[\"\\udc00\"]", "[\"\\ud83d\\u0041\"]", "[\"\\ud03d\\ude00\"]",
		"\x01{}", "{}\x01", "\f{}", "\xEF\xBB\xBF", "\xEF\xBB{}",
	};
	static const char nul_inside[] = "[\"a\0\"]", nul_after[] = "{}\0";
	char deep[2 * 1001 + 1];
	size_t i;
	cJSON *v;

	for (i = 0; i < sizeof accepted / sizeof accepted[0]; i++) {
		v = pw_json_parse(accepted[i], strlen(accepted[i]));
		if (!CHECK(v != NULL)) printf("    refused: %s\n", accepted[i]);
		cJSON_Delete(v);
	}
	for (i = 0; i < sizeof refused / sizeof refused[0]; i++) {
		v = pw_json_parse(refused[i], strlen(refused[i]));
		if (!CHECK(v == NULL)) printf("    accepted: %s\n", refused[i]);
		cJSON_Delete(v);
	}
	CHECK(pw_json_parse(nul_inside, sizeof nul_inside - 1) == NULL);
	CHECK(pw_json_parse(nul_after, sizeof nul_after - 1) == NULL);
	CHECK(pw_json_parse(NULL, 0) == NULL);
	/* 1,000 arrays nested in each other are read (as cJSON reads them); 1,001 are not */
	for (i = 0; i < 1001; i++) {
		deep[i] = '[';
		deep[2 * 1001 - 1 - i] = ']';
	}
	v = pw_json_parse(deep + 1, 2 * 1000);
	CHECK(v != NULL);
	cJSON_Delete(v);
	CHECK(pw_json_parse(deep, 2 * 1001) == NULL);
}

/* The tree is cJSON's, linked as cJSON links it: members in order, the first child's prev the last
 * (cJSON appends through it). */
static void the_json_reader_builds_a_cjson_tree(void)
{
	static const char text[] = "{\"s\":\"a\\u00e9\\u20ac\\ud83d\\ude00\\n\",\"n\":-12.5,\"l\":[1,2,3],\"t\":true,\"f\":false,\"z\":null}";
	cJSON *v = pw_json_parse(text, sizeof text - 1);
	const cJSON *l;

	if (!CHECK(cJSON_IsObject(v))) return;
	CHECK_INT_EQ(cJSON_GetArraySize(v), 6);
	CHECK_STR_EQ(cJSON_GetObjectItemCaseSensitive(v, "s")->valuestring, "a\xC3\xA9\xE2\x82\xAC\xF0\x9F\x98\x80\n");
	CHECK(cJSON_GetObjectItemCaseSensitive(v, "n")->valuedouble == -12.5);
	CHECK(cJSON_IsTrue(cJSON_GetObjectItemCaseSensitive(v, "t")));
	CHECK(cJSON_IsFalse(cJSON_GetObjectItemCaseSensitive(v, "f")));
	CHECK(cJSON_IsNull(cJSON_GetObjectItemCaseSensitive(v, "z")));
	l = cJSON_GetObjectItemCaseSensitive(v, "l");
	CHECK(cJSON_IsArray(l) && cJSON_GetArraySize(l) == 3 && cJSON_GetArrayItem(l, 2)->valuedouble == 3);
	CHECK(l->child->prev == cJSON_GetArrayItem(l, 2) && cJSON_GetArrayItem(l, 2)->prev == cJSON_GetArrayItem(l, 1));
	CHECK(v->child->prev == cJSON_GetObjectItemCaseSensitive(v, "z"));
	CHECK(cJSON_AddNumberToObject(v, "added", 1) != NULL && v->child->prev->valuedouble == 1);
	CHECK_STR_EQ(v->child->prev->prev->string, "z");
	cJSON_Delete(v);
}

/* What no double holds (it reads as an infinity) is written null, as JSON.stringify writes one. */
static void numbers_no_double_holds_become_null(void)
{
	VALUE("[1e400,-1e400,2]", "[null,null,2]");
}

static void any_json_value_is_written_compactly(void)
{
	VALUE("{ \"a\" : [ 1 , 2.5 , true , false , null , \"x\" ] , \"b\" : { } , \"c\" : [ ] }",
		"{\"a\":[1,2.5,true,false,null,\"x\"],\"b\":{},\"c\":[]}");
	VALUE("\"\\u00e9\\n\"", "\"\xC3\xA9\\n\"");
	/* numbers as the input wrote them (the glue's are JSON.stringify's): never printed back from a double */
	VALUE("-0", "-0");
	VALUE("1E3", "1E3");
	VALUE("1.5e-7", "1.5e-7");
	VALUE("{\"k\\\"\":1}", "{\"k\\\"\":1}");
}

static void put_events_properties_object_becomes_a_json_string(void)
{
	PAYLOAD("PutEvents",
		"{\"trackingId\":\"t\",\"sessionId\":\"s\",\"eventList\":[{\"sentAt\":1732579200.123,\"eventType\":\"click\","
		"\"properties\":{\"a\":1,\"b\":\"x\\\"y\",\"c\":[true,null],\"d\":{}}}]}",
		"{\"trackingId\":\"t\",\"sessionId\":\"s\",\"eventList\":[{\"eventType\":\"click\",\"sentAt\":1732579200.123,"
		"\"properties\":\"{\\\"a\\\":1,\\\"b\\\":\\\"x\\\\\\\"y\\\",\\\"c\\\":[true,null],\\\"d\\\":{}}\"}]}");
	/* a string is sent as given */
	PAYLOAD("PutEvents",
		"{\"trackingId\":\"t\",\"sessionId\":\"s\",\"eventList\":[{\"eventType\":\"click\",\"sentAt\":1,\"properties\":\"{ \\\"a\\\": 1 }\"}]}",
		"{\"trackingId\":\"t\",\"sessionId\":\"s\",\"eventList\":[{\"eventType\":\"click\",\"sentAt\":1,\"properties\":\"{ \\\"a\\\": 1 }\"}]}");
}

static void put_events_payload_matches_the_sdk_byte_for_byte(void)
{
	/* every member, given in reverse order */
	PAYLOAD("PutEvents",
		"{\"userId\":\"u\",\"eventList\":[{\"metricAttribution\":{\"eventAttributionSource\":\"s\"},\"impression\":[\"i\"],"
		"\"recommendationId\":\"r\",\"properties\":\"{\\\"a\\\":1}\",\"itemId\":\"it\",\"eventValue\":1.5,\"eventId\":\"e\","
		"\"sentAt\":1732579200.123,\"eventType\":\"click\"}],\"sessionId\":\"s\",\"trackingId\":\"t\"}",
		"{\"trackingId\":\"t\",\"sessionId\":\"s\",\"eventList\":[{\"eventType\":\"click\",\"sentAt\":1732579200.123,"
		"\"eventId\":\"e\",\"eventValue\":1.5,\"itemId\":\"it\",\"properties\":\"{\\\"a\\\":1}\",\"recommendationId\":\"r\","
		"\"impression\":[\"i\"],\"metricAttribution\":{\"eventAttributionSource\":\"s\"}}],\"userId\":\"u\"}");
}

const struct pw_test pw_tests_payload[] = {
	{ "create_event_tracker_payload_has_the_sdk_member_order", create_event_tracker_payload_has_the_sdk_member_order },
	{ "tag_operations_payloads_have_the_sdk_member_order", tag_operations_payloads_have_the_sdk_member_order },
	{ "absent_and_null_members_are_left_out", absent_and_null_members_are_left_out },
	{ "strings_are_escaped_like_json_stringify", strings_are_escaped_like_json_stringify },
	{ "numbers_are_written_as_the_input_wrote_them", numbers_are_written_as_the_input_wrote_them },
	{ "json_numbers_parse_to_the_nearest_double", json_numbers_parse_to_the_nearest_double },
	{ "the_json_reader_accepts_exactly_what_json_parse_accepts", the_json_reader_accepts_exactly_what_json_parse_accepts },
	{ "the_json_reader_builds_a_cjson_tree", the_json_reader_builds_a_cjson_tree },
	{ "numbers_no_double_holds_become_null", numbers_no_double_holds_become_null },
	{ "any_json_value_is_written_compactly", any_json_value_is_written_compactly },
	{ "put_events_properties_object_becomes_a_json_string", put_events_properties_object_becomes_a_json_string },
	{ "put_events_payload_matches_the_sdk_byte_for_byte", put_events_payload_matches_the_sdk_byte_for_byte },
	{ NULL, NULL }
};
