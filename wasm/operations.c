/* Shapes from the personalize (2018-05-22) and personalize-events (2018-03-22) models, members in
 * the models' order (the order the AWS SDKs serialize them in). */
#include "operations.h"

#include <string.h>

#define STRING(min, max, pattern, flags) { PW_T_STRING, pattern, flags, 0, min, max, NULL, NULL, NULL }
#define STRUCT(name, members) { PW_T_STRUCT, PW_P_NONE, 0, sizeof members / sizeof members[0], 0, 0, members, NULL, name }
#define LIST(min, max, item) { PW_T_LIST, PW_P_NONE, 0, 0, min, max, NULL, &item, NULL }

static const struct pw_shape name_shape = STRING(1, 63, PW_P_NAME, 0);
static const struct pw_shape arn_shape = STRING(0, 256, PW_P_ARN, 0);
static const struct pw_shape next_token_shape = STRING(0, 1500, PW_P_ASCII, 0);
static const struct pw_shape max_results_shape = { PW_T_INTEGER, PW_P_NONE, 0, 0, 1, 100, NULL, NULL, NULL };
static const struct pw_shape role_arn_shape = STRING(0, 256, PW_P_ROLE_ARN, 0);
static const struct pw_shape kms_arn_shape = STRING(0, 2048, PW_P_KMS_ARN, 0);
static const struct pw_shape domain_shape = STRING(0, 256, PW_P_DOMAIN, 0);

static const struct pw_shape tag_key_shape = STRING(1, 128, PW_P_TAG, PW_F_NO_AWS_PREFIX);
static const struct pw_shape tag_value_shape = STRING(0, 256, PW_P_TAG, PW_F_NO_AWS_PREFIX);
static const struct pw_member tag_members[] = {
	{ "tagKey", &tag_key_shape, 1 },
	{ "tagValue", &tag_value_shape, 1 },
};
static const struct pw_shape tag_shape = STRUCT("Tag", tag_members);
static const struct pw_shape tags_shape = LIST(0, 200, tag_shape);

/* ---- personalize ---- */

static const struct pw_member create_event_tracker_members[] = {
	{ "name", &name_shape, 1 },
	{ "datasetGroupArn", &arn_shape, 1 },
	{ "tags", &tags_shape, 0 },
};
static const struct pw_shape create_event_tracker_input = STRUCT("CreateEventTrackerRequest", create_event_tracker_members);

static const struct pw_member event_tracker_arn_members[] = {
	{ "eventTrackerArn", &arn_shape, 1 },
};
static const struct pw_shape describe_event_tracker_input = STRUCT("DescribeEventTrackerRequest", event_tracker_arn_members);
static const struct pw_shape delete_event_tracker_input = STRUCT("DeleteEventTrackerRequest", event_tracker_arn_members);

static const struct pw_member list_event_trackers_members[] = {
	{ "datasetGroupArn", &arn_shape, 0 },
	{ "nextToken", &next_token_shape, 0 },
	{ "maxResults", &max_results_shape, 0 },
};
static const struct pw_shape list_event_trackers_input = STRUCT("ListEventTrackersRequest", list_event_trackers_members);

static const struct pw_member create_dataset_group_members[] = {
	{ "name", &name_shape, 1 },
	{ "roleArn", &role_arn_shape, 0 },
	{ "kmsKeyArn", &kms_arn_shape, 0 },
	{ "domain", &domain_shape, 0 },
	{ "tags", &tags_shape, 0 },
};
static const struct pw_shape create_dataset_group_input = STRUCT("CreateDatasetGroupRequest", create_dataset_group_members);

static const struct pw_member dataset_group_arn_members[] = {
	{ "datasetGroupArn", &arn_shape, 1 },
};
static const struct pw_shape describe_dataset_group_input = STRUCT("DescribeDatasetGroupRequest", dataset_group_arn_members);
static const struct pw_shape delete_dataset_group_input = STRUCT("DeleteDatasetGroupRequest", dataset_group_arn_members);

static const struct pw_member list_dataset_groups_members[] = {
	{ "nextToken", &next_token_shape, 0 },
	{ "maxResults", &max_results_shape, 0 },
};
static const struct pw_shape list_dataset_groups_input = STRUCT("ListDatasetGroupsRequest", list_dataset_groups_members);

/* ---- personalize-events ---- */

static const struct pw_shape id_shape = STRING(1, 256, PW_P_NONE, 0);
static const struct pw_shape sent_at_shape = { PW_T_TIMESTAMP, PW_P_NONE, 0, 0, 0, 0, NULL, NULL, NULL };
static const struct pw_shape event_value_shape = { PW_T_DOUBLE, PW_P_NONE, 0, 0, 0, 0, NULL, NULL, NULL };
static const struct pw_shape properties_shape = { PW_T_JSON_OBJECT, PW_P_NONE, 0, 0, 1, 1024, NULL, NULL, NULL };
static const struct pw_shape recommendation_id_shape = STRING(1, 40, PW_P_NONE, 0);
static const struct pw_shape impression_shape = LIST(1, 25, id_shape);
static const struct pw_shape attribution_source_shape = STRING(0, 1024, PW_P_PRINTABLE, 0);
static const struct pw_member metric_attribution_members[] = {
	{ "eventAttributionSource", &attribution_source_shape, 1 },
};
static const struct pw_shape metric_attribution_shape = STRUCT("MetricAttribution", metric_attribution_members);
static const struct pw_member event_members[] = {
	{ "eventType", &id_shape, 1 },
	{ "sentAt", &sent_at_shape, 1 },
	{ "eventId", &id_shape, 0 },
	{ "eventValue", &event_value_shape, 0 },
	{ "itemId", &id_shape, 0 },
	{ "properties", &properties_shape, 0 },
	{ "recommendationId", &recommendation_id_shape, 0 },
	{ "impression", &impression_shape, 0 },
	{ "metricAttribution", &metric_attribution_shape, 0 },
};
static const struct pw_shape event_shape = STRUCT("Event", event_members);
static const struct pw_shape event_list_shape = LIST(1, 10, event_shape);
static const struct pw_member put_events_members[] = {
	{ "trackingId", &id_shape, 1 },
	{ "sessionId", &id_shape, 1 },
	{ "eventList", &event_list_shape, 1 },
	{ "userId", &id_shape, 0 },
};
static const struct pw_shape put_events_input = STRUCT("PutEventsRequest", put_events_members);

/* ---- the table ---- */

static const char *const create_event_tracker_output[] = { "eventTrackerArn", "trackingId", NULL };
static const char *const create_dataset_group_output[] = { "datasetGroupArn", NULL };
static const char *const no_output[] = { NULL };

static const struct pw_operation operations[] = {
	{ "CreateEventTracker", PW_SVC_PERSONALIZE, "/", &create_event_tracker_input, create_event_tracker_output, 0 },
	{ "DescribeEventTracker", PW_SVC_PERSONALIZE, "/", &describe_event_tracker_input, no_output, 0 },
	{ "ListEventTrackers", PW_SVC_PERSONALIZE, "/", &list_event_trackers_input, no_output, 0 },
	{ "DeleteEventTracker", PW_SVC_PERSONALIZE, "/", &delete_event_tracker_input, no_output, 1 },
	{ "CreateDatasetGroup", PW_SVC_PERSONALIZE, "/", &create_dataset_group_input, create_dataset_group_output, 0 },
	{ "DescribeDatasetGroup", PW_SVC_PERSONALIZE, "/", &describe_dataset_group_input, no_output, 0 },
	{ "ListDatasetGroups", PW_SVC_PERSONALIZE, "/", &list_dataset_groups_input, no_output, 0 },
	{ "DeleteDatasetGroup", PW_SVC_PERSONALIZE, "/", &delete_dataset_group_input, no_output, 1 },
	{ "PutEvents", PW_SVC_PERSONALIZE_EVENTS, "/events", &put_events_input, no_output, 1 },
};

const struct pw_operation *pw_find_operation(const char *name, size_t len)
{
	size_t i;

	if (name == NULL) return NULL;
	for (i = 0; i < sizeof operations / sizeof operations[0]; i++) {
		if (strlen(operations[i].name) == len && memcmp(operations[i].name, name, len) == 0) return &operations[i];
	}
	return NULL;
}

const char *pw_service_endpoint_prefix(enum pw_service s)
{
	return s == PW_SVC_PERSONALIZE_EVENTS ? "personalize-events" : "personalize";
}
