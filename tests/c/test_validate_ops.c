/* Validation of the other members and operations: the input reader's marks, ListEventTrackers,
 * duplicate tag keys, messages, the operation table, PutEvents. */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "cJSON.h"
#include "check.h"
#include "json.h"
#include "operations.h"
#include "unicode.h"
#include "validate.h"
#include "validate_cases.h"

/* ---- lone surrogates ------------------------------------------------------------------------ */

/* How the input reader reads a string's escapes: expected is the value's bytes, or NULL when the
 * text is no JSON. */
static void expect_read(const char *in, const char *expected, const char *file, int line)
{
	cJSON *v = pw_json_parse_input(in, strlen(in));

	if (expected == NULL) {
		pw_check(v == NULL, file, line, in);
	} else if (pw_check(cJSON_IsString(v), file, line, in)) {
		pw_check_str(v->valuestring, expected, file, line, in);
	}
	cJSON_Delete(v);
}
#define READ(in, expected) expect_read(in, expected, __FILE__, __LINE__)

static void input_reader_marks_only_unpaired_surrogate_and_nul_escapes(void)
{
	READ("\"\\ud800\"", "\xFF");
	READ("\"\\uD800\"", "\xFF");
	READ("\"\\udc00\"", "\xFF");
	READ("\"\\uDFFF\"", "\xFF");
	READ("\"a\\ud800b\"", "a\xFF" "b");
	READ("\"\\ud83d\\ude00\"", "\xF0\x9F\x98\x80");        /* a valid pair is one code point */
	READ("\"\\uD83D\\uDE00\"", "\xF0\x9F\x98\x80");
	READ("\"\\ude00\\ud83d\"", "\xFF\xFF");                /* reversed: both lone */
	READ("\"\\ud800\\ud800\"", "\xFF\xFF");
	READ("\"\\ud800\\u0041\"", "\xFF" "A");
	READ("\"\\ud800\\n\"", "\xFF\n");
	READ("\"\\\\ud800\"", "\\ud800");                    /* escaped backslash, then text */
	READ("\"\\\\\\ud800\"", "\\\xFF");                 /* escaped backslash, then a lone escape */
	READ("\"\\u0000\"", "\xFE");
	READ("\"a\\u0000\\u0000b\"", "a\xFE\xFE" "b");
	READ("\"\\u0001\\u00e9\\uffff\"", "\x01\xC3\xA9\xEF\xBF\xBF");
	READ("\"\\ud8\"", NULL);                                /* too short */
	READ("\"\\ud80", NULL);
	READ("", NULL);
	READ("\\", NULL);
}

/* Member names are marked too; the plain reader refuses what the input reader marks. */
static void input_reader_marks_member_names_and_the_plain_reader_refuses_lone_surrogates(void)
{
	static const char object[] = "{\"a\\udc00\":\"\\\"\",\"b\":\"\\ud800\"}", lone[] = "\"\\ud800\"", nul[] = "\"a\\u0000b\"";
	cJSON *v = pw_json_parse_input(object, sizeof object - 1);

	CHECK(cJSON_IsObject(v) && v->child != NULL && strcmp(v->child->string, "a\xFF") == 0
		&& strcmp(cJSON_GetObjectItemCaseSensitive(v, "b")->valuestring, "\xFF") == 0);
	cJSON_Delete(v);
	CHECK(pw_json_parse(lone, sizeof lone - 1) == NULL);
	v = pw_json_parse(nul, sizeof nul - 1);
	CHECK(cJSON_IsString(v) && strcmp(v->valuestring, "a") == 0); /* as cJSON reads it */
	cJSON_Delete(v);
}

/* ---- ListEventTrackers ----------------------------------------------------------------------- */

static void list_event_trackers_max_results_is_an_integer_from_1_to_100(void)
{
	VALID("ListEventTrackers", "{}");
	VALID("ListEventTrackers", "{\"maxResults\":1}");
	VALID("ListEventTrackers", "{\"maxResults\":100}");
	VALID("ListEventTrackers", "{\"maxResults\":100.0}");
	VALID("ListEventTrackers", "{\"datasetGroupArn\":\"" ARN "\",\"nextToken\":\"abc\",\"maxResults\":50}");
	ONE_ERROR("ListEventTrackers", "{\"maxResults\":0}", "maxResults", "must be an integer from 1 to 100");
	ONE_ERROR("ListEventTrackers", "{\"maxResults\":101}", "maxResults", "must be an integer from 1 to 100");
	ONE_ERROR("ListEventTrackers", "{\"maxResults\":1.5}", "maxResults", "must be an integer from 1 to 100");
	ONE_ERROR("ListEventTrackers", "{\"maxResults\":-1}", "maxResults", "must be an integer from 1 to 100");
	ONE_ERROR("ListEventTrackers", "{\"maxResults\":1e300}", "maxResults", "must be an integer from 1 to 100");
	ONE_ERROR("ListEventTrackers", "{\"maxResults\":\"5\"}", "maxResults", "must be an integer");
	ONE_ERROR("ListEventTrackers", "{\"nextToken\":\"\xC3\xA9\"}", "nextToken", "ASCII");
	ONE_ERROR("ListEventTrackers", fmt("{\"nextToken\":\"%s\"}", rep("t", 1501, "")), "nextToken", "(is 1501)");
	VALID("ListEventTrackers", fmt("{\"nextToken\":\"%s\"}", rep("t", 1500, "")));
}

static void other_operations_validate_their_own_members(void)
{
	VALID("DescribeEventTracker", "{\"eventTrackerArn\":\"arn:aws:personalize:us-east-1:1:event-tracker/t\"}");
	ONE_ERROR("DescribeEventTracker", "{}", "eventTrackerArn", "is required");
	ONE_ERROR("DeleteEventTracker", "{\"eventTrackerArn\":\"x\"}", "eventTrackerArn", "must be a Personalize ARN");
	VALID("CreateDatasetGroup", "{\"name\":\"g\",\"roleArn\":\"arn:aws:iam::123456789012:role/r\",\"domain\":\"ECOMMERCE\"}");
	ONE_ERROR("CreateDatasetGroup", "{\"name\":\"g\",\"domain\":\"RETAIL\"}", "domain", "ECOMMERCE or VIDEO_ON_DEMAND");
	ONE_ERROR("CreateDatasetGroup", "{\"name\":\"g\",\"roleArn\":\"arn:aws:iam::12345678901:role/r\"}", "roleArn", "IAM role ARN");
	VALID("CreateDatasetGroup", "{\"name\":\"g\",\"kmsKeyArn\":\"arn:aws:kms:us-east-1:123456789012:key/abc\"}");
	ONE_ERROR("CreateDatasetGroup", "{\"name\":\"g\",\"kmsKeyArn\":\"arn:aws:kms:us-east-1:12345:key/abc\"}", "kmsKeyArn", "KMS key ARN");
}

/* ---- duplicate tag keys --------------------------------------------------------------------- */

static void a_tag_key_given_twice_is_rejected_naming_the_first_and_never_the_key(void)
{
	struct outcome o = validate_text(CET, cet_tags(fmt("[%s,%s,%s,%s,%s,%s]", tag("secret", "1"), tag("b", "2"),
		tag("secret", "3"), tag("Secret", "4"), tag("b", "5"), tag("secret", "6"))), __FILE__, __LINE__);

	CHECK_INT_EQ(o.count, 3);
	CHECK_INT_EQ(errors_for(&o, "tags[2].tagKey", "duplicates tags[0].tagKey"), 1);
	CHECK_INT_EQ(errors_for(&o, "tags[4].tagKey", "duplicates tags[1].tagKey"), 1);
	CHECK_INT_EQ(errors_for(&o, "tags[5].tagKey", "duplicates tags[0].tagKey"), 1);
	/* keys differ by case are different keys; the key itself is never in a message */
	CHECK_INT_EQ(errors_for(&o, "tags[3].tagKey", NULL), 0);
	CHECK(strstr(o.json, "ecret") == NULL);
	outcome_free(&o);
	/* the same for every operation that takes Tags */
	ONE_ERROR("CreateDatasetGroup", fmt("{\"name\":\"g\",\"tags\":[%s,%s]}", tag("k", "1"), tag("k", "2")), "tags[1].tagKey",
		"duplicates tags[0].tagKey");
	ONE_ERROR("TagResource", fmt("{\"resourceArn\":\"" ARN "\",\"tags\":[%s,%s]}", tag("k", "1"), tag("k", "1")),
		"tags[1].tagKey", "duplicates tags[0].tagKey");
	/* an item that is no valid tag has its own error, not a duplicate one */
	ONE_ERROR(CET, cet_tags(fmt("[%s,{\"tagKey\":5,\"tagValue\":\"v\"}]", tag("5", "v"))), "tags[1].tagKey", "must be a string");
}

static void untag_resource_tag_keys_are_tag_keys_each_given_once(void)
{
	VALID("UntagResource", "{\"resourceArn\":\"" ARN "\",\"tagKeys\":[]}");
	VALID("UntagResource", "{\"resourceArn\":\"" ARN "\",\"tagKeys\":[\"a\",\"A\",\"b\"]}");
	ONE_ERROR("UntagResource", "{\"resourceArn\":\"" ARN "\",\"tagKeys\":[\"a\",\"b\",\"a\"]}", "tagKeys[2]",
		"duplicates tagKeys[0]: each tag key may appear only once");
	ONE_ERROR("UntagResource", "{\"resourceArn\":\"" ARN "\",\"tagKeys\":[\"\"]}", "tagKeys[0]", "must be 1 to 128 characters long (is 0)");
	ONE_ERROR("UntagResource", "{\"resourceArn\":\"" ARN "\",\"tagKeys\":[\"a!\"]}", "tagKeys[0]", "may contain only Unicode letters");
	ONE_ERROR("UntagResource", "{\"resourceArn\":\"" ARN "\",\"tagKeys\":[\"AWS:x\"]}", "tagKeys[0]", "must not start with aws:");
	ONE_ERROR("UntagResource", "{\"resourceArn\":\"" ARN "\",\"tagKeys\":[1]}", "tagKeys[0]", "must be a string");
	ONE_ERROR("UntagResource", "{\"resourceArn\":\"" ARN "\",\"tagKeys\":\"a\"}", "tagKeys", "must be a list");
	ONE_ERROR("UntagResource", "{\"resourceArn\":\"" ARN "\"}", "tagKeys", "is required");
	ONE_ERROR("UntagResource", fmt("{\"resourceArn\":\"" ARN "\",\"tagKeys\":[%s]}", rep("\"k\"", 201, ",")), "tagKeys",
		"must have at most 200 items (has 201)");
}

static void tag_resource_and_list_tags_for_resource_validate_from_the_model(void)
{
	VALID("TagResource", fmt("{\"resourceArn\":\"" ARN "\",\"tags\":%s}", distinct_tags(3)));
	VALID("TagResource", "{\"resourceArn\":\"" ARN "\",\"tags\":[]}");
	ONE_ERROR("TagResource", "{\"resourceArn\":\"" ARN "\"}", "tags", "is required");
	ONE_ERROR("TagResource", "{\"tags\":[]}", "resourceArn", "is required");
	ONE_ERROR("TagResource", fmt("{\"resourceArn\":\"" ARN "\",\"tags\":[%s]}", tag("k", "aws:v")), "tags[0].tagValue",
		"must not start with aws:");
	ONE_ERROR("TagResource", "{\"resourceArn\":\"x\",\"tags\":[]}", "resourceArn", "must be a Personalize ARN");
	VALID("ListTagsForResource", "{\"resourceArn\":\"" ARN "\"}");
	ONE_ERROR("ListTagsForResource", "{}", "resourceArn", "is required");
	ONE_ERROR("ListTagsForResource", "{\"resourceArn\":\"" ARN "\",\"tags\":[]}", "tags",
		"is not a member of ListTagsForResourceRequest (members: resourceArn)");
}

/* Messages are templates filled from the shape: a hand-made shape with three enum values and an
 * integer range the model does not have gets messages naming them. */
static void messages_are_filled_from_the_shape(void)
{
	static const struct pw_shape color = { .type = PW_T_STRING, .n_values = 3, .values = "RED\000GREEN\000BLUE", .max = INT32_MAX };
	static const struct pw_shape count = { .type = PW_T_INTEGER, .min = -5, .max = 5 };
	static const struct pw_member members[] = { { "color", &color, 1 }, { "count", &count, 0 } };
	static const struct pw_shape input = { .type = PW_T_STRUCT, .n_members = 2, .members = members, .name = "PaintRequest" };
	cJSON *v = cJSON_Parse("{\"color\":\"red\",\"count\":6,\"colour\":1}");
	pw_errors e;

	pw_errors_init(&e);
	CHECK_INT_EQ(pw_validate_input(&input, v, &e), 3);
	CHECK(e.json.data != NULL && strstr(e.json.data, "{\"field\":\"color\",\"message\":\"must be RED, GREEN or BLUE\"}") != NULL);
	CHECK(e.json.data != NULL && strstr(e.json.data, "{\"field\":\"count\",\"message\":\"must be an integer from -5 to 5\"}") != NULL);
	CHECK(e.json.data != NULL
		&& strstr(e.json.data, "{\"field\":\"colour\",\"message\":\"is not a member of PaintRequest (members: color, count)\"}") != NULL);
	pw_errors_free(&e);
	cJSON_Delete(v);
}

/* The tables come from wasm/model.json: every operation, its service's wire facts. */
static void the_operation_table_holds_the_model_operations_and_services(void)
{
	static const char *const names[] = { "CreateEventTracker", "DescribeEventTracker", "ListEventTrackers",
		"DeleteEventTracker", "CreateDatasetGroup", "DescribeDatasetGroup", "ListDatasetGroups", "DeleteDatasetGroup",
		"TagResource", "UntagResource", "ListTagsForResource", "PutEvents" };
	const struct pw_service_info *p = pw_service_info(PW_SVC_PERSONALIZE), *ev = pw_service_info(PW_SVC_PERSONALIZE_EVENTS);
	const struct pw_operation *op;
	size_t i;

	for (i = 0; i < sizeof names / sizeof names[0]; i++) {
		op = pw_find_operation(names[i], strlen(names[i]));
		if (!CHECK(op != NULL)) continue;
		CHECK_STR_EQ(op->name, names[i]);
		CHECK_STR_EQ(op->http_path, i + 1 == sizeof names / sizeof names[0] ? "/events" : "/");
		CHECK_INT_EQ(op->service, i + 1 == sizeof names / sizeof names[0] ? PW_SVC_PERSONALIZE_EVENTS : PW_SVC_PERSONALIZE);
		CHECK(op->input != NULL && op->input->type == PW_T_STRUCT && op->required_output != NULL);
	}
	CHECK_STR_EQ(p->endpoint_prefix, "personalize");
	CHECK_STR_EQ(p->target_prefix, "AmazonPersonalize");
	CHECK_STR_EQ(p->content_type, "application/x-amz-json-1.1");
	CHECK_STR_EQ(p->signing_name, PW_SIGNING_NAME);
	CHECK_STR_EQ(ev->endpoint_prefix, "personalize-events");
	CHECK(ev->target_prefix == NULL);
	CHECK_STR_EQ(ev->content_type, "application/json");
	CHECK_STR_EQ(ev->signing_name, PW_SIGNING_NAME);
	/* clientRequired and empty outputs */
	op = pw_find_operation("CreateEventTracker", 18);
	CHECK_STR_EQ(op->required_output[0], "eventTrackerArn");
	CHECK_STR_EQ(op->required_output[1], "trackingId");
	CHECK(op->required_output[2] == NULL && !op->empty_output);
	op = pw_find_operation("TagResource", 11);
	CHECK(op->required_output[0] == NULL && op->empty_output);
	op = pw_find_operation("ListTagsForResource", 19);
	CHECK(op->required_output[0] == NULL && !op->empty_output);
}

/* ---- PutEvents ------------------------------------------------------------------------------- */

#define EVENT "{\"eventType\":\"click\",\"sentAt\":1732579200}"

static const char *put_events(const char *event_list_json)
{
	return fmt("{\"trackingId\":\"t\",\"sessionId\":\"s\",\"eventList\":%s}", event_list_json);
}

/* One event with extra members (JSON text after the required ones, starting with ','). */
static const char *put_event_with(const char *extra)
{
	return put_events(fmt("[{\"eventType\":\"click\",\"sentAt\":1732579200%s}]", extra));
}

static void put_events_event_list_must_have_1_to_10_events(void)
{
	ONE_ERROR("PutEvents", put_events("[]"), "eventList", "must have 1 to 10 items (has 0)");
	VALID("PutEvents", put_events("[" EVENT "]"));
	VALID("PutEvents", put_events(fmt("[%s]", rep(EVENT, 10, ","))));
	ONE_ERROR("PutEvents", put_events(fmt("[%s]", rep(EVENT, 11, ","))), "eventList", "must have 1 to 10 items (has 11)");
	ONE_ERROR("PutEvents", "{\"trackingId\":\"t\",\"sessionId\":\"s\"}", "eventList", "is required");
	ONE_ERROR("PutEvents", "{\"sessionId\":\"s\",\"eventList\":[" EVENT "]}", "trackingId", "is required");
	ONE_ERROR("PutEvents", "{\"trackingId\":\"t\",\"eventList\":[" EVENT "]}", "sessionId", "is required");
	VALID("PutEvents", "{\"trackingId\":\"t\",\"userId\":\"u\",\"sessionId\":\"s\",\"eventList\":[" EVENT "]}");
	ONE_ERROR("PutEvents", "{\"trackingId\":\"t\",\"userId\":\"\",\"sessionId\":\"s\",\"eventList\":[" EVENT "]}",
		"userId", "must be 1 to 256 characters long (is 0)");
}

static void put_events_sent_at_is_a_required_timestamp(void)
{
	ONE_ERROR("PutEvents", put_events("[{\"eventType\":\"click\"}]"), "eventList[0].sentAt", "is required");
	ONE_ERROR("PutEvents", put_events("[" EVENT ",{\"eventType\":\"click\"}]"), "eventList[1].sentAt", "is required");
	ONE_ERROR("PutEvents", put_events("[{\"eventType\":\"click\",\"sentAt\":\"2024-11-26\"}]"), "eventList[0].sentAt",
		"must be a Date or a number of epoch seconds");
	ONE_ERROR("PutEvents", put_events("[{\"eventType\":\"click\",\"sentAt\":-1}]"), "eventList[0].sentAt", "between 1970 and 9999");
	VALID("PutEvents", put_events("[{\"eventType\":\"click\",\"sentAt\":1732579200.123}]"));
	VALID("PutEvents", put_events("[{\"eventType\":\"click\",\"sentAt\":0}]"));
	ONE_ERROR("PutEvents", put_events("[{\"sentAt\":1}]"), "eventList[0].eventType", "is required");
	ONE_ERROR("PutEvents", put_event_with(",\"eventValue\":\"1\""), "eventList[0].eventValue", "must be a number");
	VALID("PutEvents", put_event_with(",\"eventValue\":-1.5,\"eventId\":\"e\",\"itemId\":\"i\""));
}

static void put_events_properties_must_be_a_json_object_of_1_to_1024_characters(void)
{
	/* {"a":"xxx"} as a string: 8 characters plus the x's */
	VALID("PutEvents", put_event_with(",\"properties\":{\"a\":1,\"b\":\"x\"}"));
	VALID("PutEvents", put_event_with(",\"properties\":\"{\\\"a\\\":1}\""));
	VALID("PutEvents", put_event_with(",\"properties\":\"{}\""));
	VALID("PutEvents", put_event_with(",\"properties\":{}"));
	ONE_ERROR("PutEvents", put_event_with(",\"properties\":\"not json\""), "eventList[0].properties", "must hold a JSON object");
	ONE_ERROR("PutEvents", put_event_with(",\"properties\":\"[1,2]\""), "eventList[0].properties", "must hold a JSON object");
	ONE_ERROR("PutEvents", put_event_with(",\"properties\":\"\\\"text\\\"\""), "eventList[0].properties", "must hold a JSON object");
	ONE_ERROR("PutEvents", put_event_with(",\"properties\":[1,2]"), "eventList[0].properties", "must be an object or a string");
	ONE_ERROR("PutEvents", put_event_with(",\"properties\":5"), "eventList[0].properties", "must be an object or a string");
	VALID("PutEvents", put_event_with(fmt(",\"properties\":\"{\\\"a\\\":\\\"%s\\\"}\"", rep("x", 1016, ""))));
	ONE_ERROR("PutEvents", put_event_with(fmt(",\"properties\":\"{\\\"a\\\":\\\"%s\\\"}\"", rep("x", 1017, ""))),
		"eventList[0].properties", "must be 1 to 1024 characters long (is 1025)");
	/* an object is measured as the string it becomes */
	VALID("PutEvents", put_event_with(fmt(",\"properties\":{\"a\":\"%s\"}", rep("x", 1016, ""))));
	ONE_ERROR("PutEvents", put_event_with(fmt(",\"properties\":{\"a\":\"%s\"}", rep("x", 1017, ""))),
		"eventList[0].properties", "(is 1025)");
	/* characters, not bytes */
	VALID("PutEvents", put_event_with(fmt(",\"properties\":{\"a\":\"%s\"}", e_acute(1016))));
	ONE_ERROR("PutEvents", put_event_with(fmt(",\"properties\":{\"a\":\"%s\"}", e_acute(1017))),
		"eventList[0].properties", "(is 1025)");
	ONE_ERROR("PutEvents", put_event_with(",\"properties\":{\"a\":\"\xFF\"}"), "eventList[0].properties", "valid Unicode");
	ONE_ERROR("PutEvents", put_event_with(",\"properties\":{\"\\ud800\":1}"), "eventList[0].properties", "valid Unicode");
}

static void put_events_impression_has_1_to_25_item_ids(void)
{
	ONE_ERROR("PutEvents", put_event_with(",\"impression\":[]"), "eventList[0].impression", "must have 1 to 25 items (has 0)");
	VALID("PutEvents", put_event_with(fmt(",\"impression\":[%s]", rep("\"item\"", 25, ","))));
	ONE_ERROR("PutEvents", put_event_with(fmt(",\"impression\":[%s]", rep("\"item\"", 26, ","))),
		"eventList[0].impression", "must have 1 to 25 items (has 26)");
	ONE_ERROR("PutEvents", put_event_with(",\"impression\":[\"a\",\"\"]"), "eventList[0].impression[1]", "(is 0)");
	ONE_ERROR("PutEvents", put_event_with(",\"impression\":[\"a\",2]"), "eventList[0].impression[1]", "must be a string");
}

static void put_events_recommendation_id_has_at_most_40_characters(void)
{
	VALID("PutEvents", put_event_with(fmt(",\"recommendationId\":\"%s\"", rep("r", 40, ""))));
	ONE_ERROR("PutEvents", put_event_with(fmt(",\"recommendationId\":\"%s\"", rep("r", 41, ""))),
		"eventList[0].recommendationId", "must be 1 to 40 characters long (is 41)");
	ONE_ERROR("PutEvents", put_event_with(",\"recommendationId\":\"\""), "eventList[0].recommendationId", "(is 0)");
}

static void put_events_metric_attribution_source_is_printable_ascii_not_only_spaces(void)
{
	VALID("PutEvents", put_event_with(",\"metricAttribution\":{\"eventAttributionSource\":\"SOURCE_NAME\"}"));
	VALID("PutEvents", put_event_with(",\"metricAttribution\":{\"eventAttributionSource\":\" a b ~\"}"));
	ONE_ERROR("PutEvents", put_event_with(",\"metricAttribution\":{\"eventAttributionSource\":\"   \"}"),
		"eventList[0].metricAttribution.eventAttributionSource", "must be printable ASCII and not only spaces");
	ONE_ERROR("PutEvents", put_event_with(",\"metricAttribution\":{\"eventAttributionSource\":\"a\\u0001\"}"),
		"eventList[0].metricAttribution.eventAttributionSource", "printable ASCII");
	ONE_ERROR("PutEvents", put_event_with(",\"metricAttribution\":{\"eventAttributionSource\":\"a\\tb\"}"),
		"eventList[0].metricAttribution.eventAttributionSource", "printable ASCII");
	ONE_ERROR("PutEvents", put_event_with(",\"metricAttribution\":{\"eventAttributionSource\":\"a\\u007f\"}"),
		"eventList[0].metricAttribution.eventAttributionSource", "printable ASCII");
	ONE_ERROR("PutEvents", put_event_with(",\"metricAttribution\":{\"eventAttributionSource\":\"\xC3\xA9\"}"),
		"eventList[0].metricAttribution.eventAttributionSource", "printable ASCII");
	ONE_ERROR("PutEvents", put_event_with(",\"metricAttribution\":{\"eventAttributionSource\":\"\"}"),
		"eventList[0].metricAttribution.eventAttributionSource", "printable ASCII");
	ONE_ERROR("PutEvents", put_event_with(",\"metricAttribution\":{}"),
		"eventList[0].metricAttribution.eventAttributionSource", "is required");
	VALID("PutEvents", put_event_with(fmt(",\"metricAttribution\":{\"eventAttributionSource\":\"%s\"}", rep("s", 1024, ""))));
	ONE_ERROR("PutEvents", put_event_with(fmt(",\"metricAttribution\":{\"eventAttributionSource\":\"%s\"}", rep("s", 1025, ""))),
		"eventList[0].metricAttribution.eventAttributionSource", "(is 1025)");
}

const struct pw_test pw_tests_validate_ops[] = {
	{ "input_reader_marks_only_unpaired_surrogate_and_nul_escapes", input_reader_marks_only_unpaired_surrogate_and_nul_escapes },
	{ "input_reader_marks_member_names_and_the_plain_reader_refuses_lone_surrogates", input_reader_marks_member_names_and_the_plain_reader_refuses_lone_surrogates },
	{ "list_event_trackers_max_results_is_an_integer_from_1_to_100", list_event_trackers_max_results_is_an_integer_from_1_to_100 },
	{ "other_operations_validate_their_own_members", other_operations_validate_their_own_members },
	{ "a_tag_key_given_twice_is_rejected_naming_the_first_and_never_the_key", a_tag_key_given_twice_is_rejected_naming_the_first_and_never_the_key },
	{ "untag_resource_tag_keys_are_tag_keys_each_given_once", untag_resource_tag_keys_are_tag_keys_each_given_once },
	{ "tag_resource_and_list_tags_for_resource_validate_from_the_model", tag_resource_and_list_tags_for_resource_validate_from_the_model },
	{ "messages_are_filled_from_the_shape", messages_are_filled_from_the_shape },
	{ "the_operation_table_holds_the_model_operations_and_services", the_operation_table_holds_the_model_operations_and_services },
	{ "put_events_event_list_must_have_1_to_10_events", put_events_event_list_must_have_1_to_10_events },
	{ "put_events_sent_at_is_a_required_timestamp", put_events_sent_at_is_a_required_timestamp },
	{ "put_events_properties_must_be_a_json_object_of_1_to_1024_characters", put_events_properties_must_be_a_json_object_of_1_to_1024_characters },
	{ "put_events_impression_has_1_to_25_item_ids", put_events_impression_has_1_to_25_item_ids },
	{ "put_events_recommendation_id_has_at_most_40_characters", put_events_recommendation_id_has_at_most_40_characters },
	{ "put_events_metric_attribution_source_is_printable_ascii_not_only_spaces", put_events_metric_attribution_source_is_printable_ascii_not_only_spaces },
	{ NULL, NULL }
};
