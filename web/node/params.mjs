// ---- generated from wasm/model.json by wasm/gen/gen_artifacts.mjs; do not edit ----
// The CLI's commands (the AWS CLI's names) and, per command, its parameters: flag -> { member (the
// API's name), type ('list', 'integer'; a string when absent), shape (a list's items, for
// shorthand), required, help (the model's constraints), sensitive }. web/node/cli.mjs adds summaries,
// hidden flags and longer help.
export const COMMAND_PARAMS = {
  'create-event-tracker': {
    operation: 'CreateEventTracker', service: 'personalize', method: 'createEventTracker',
    params: {
      '--name': { member: 'name', required: true, help: '1..63 characters, matching ^[a-zA-Z0-9][a-zA-Z0-9\\-_]*' },
      '--dataset-group-arn': { member: 'datasetGroupArn', required: true, help: 'at most 256 characters, matching arn:([a-z\\d-]+):personalize:.*:.*:.+' },
      '--tags': { member: 'tags', type: 'list', shape: { tagKey: 'string', tagValue: 'string' }, help: '0..200 items, each key once', sensitive: true },
    },
  },
  'describe-event-tracker': {
    operation: 'DescribeEventTracker', service: 'personalize', method: 'describeEventTracker',
    params: {
      '--event-tracker-arn': { member: 'eventTrackerArn', required: true, help: 'at most 256 characters, matching arn:([a-z\\d-]+):personalize:.*:.*:.+' },
    },
  },
  'list-event-trackers': {
    operation: 'ListEventTrackers', service: 'personalize', method: 'listEventTrackers',
    params: {
      '--dataset-group-arn': { member: 'datasetGroupArn', help: 'at most 256 characters, matching arn:([a-z\\d-]+):personalize:.*:.*:.+' },
      '--next-token': { member: 'nextToken', help: 'at most 1500 characters, matching \\p{ASCII}{0,1500}' },
      '--max-results': { member: 'maxResults', type: 'integer', help: '1..100' },
    },
  },
  'delete-event-tracker': {
    operation: 'DeleteEventTracker', service: 'personalize', method: 'deleteEventTracker',
    params: {
      '--event-tracker-arn': { member: 'eventTrackerArn', required: true, help: 'at most 256 characters, matching arn:([a-z\\d-]+):personalize:.*:.*:.+' },
    },
  },
  'create-dataset-group': {
    operation: 'CreateDatasetGroup', service: 'personalize', method: 'createDatasetGroup',
    params: {
      '--name': { member: 'name', required: true, help: '1..63 characters, matching ^[a-zA-Z0-9][a-zA-Z0-9\\-_]*' },
      '--role-arn': { member: 'roleArn', help: 'at most 256 characters, matching arn:([a-z\\d-]+):iam::\\d{12}:role/?[a-zA-Z_0-9+=,.@\\-_/]+' },
      '--kms-key-arn': { member: 'kmsKeyArn', help: 'at most 2048 characters, matching arn:aws.*:kms:.*:[0-9]{12}:key/.*' },
      '--domain': { member: 'domain', help: 'ECOMMERCE | VIDEO_ON_DEMAND' },
      '--tags': { member: 'tags', type: 'list', shape: { tagKey: 'string', tagValue: 'string' }, help: '0..200 items, each key once', sensitive: true },
    },
  },
  'describe-dataset-group': {
    operation: 'DescribeDatasetGroup', service: 'personalize', method: 'describeDatasetGroup',
    params: {
      '--dataset-group-arn': { member: 'datasetGroupArn', required: true, help: 'at most 256 characters, matching arn:([a-z\\d-]+):personalize:.*:.*:.+' },
    },
  },
  'list-dataset-groups': {
    operation: 'ListDatasetGroups', service: 'personalize', method: 'listDatasetGroups',
    params: {
      '--next-token': { member: 'nextToken', help: 'at most 1500 characters, matching \\p{ASCII}{0,1500}' },
      '--max-results': { member: 'maxResults', type: 'integer', help: '1..100' },
    },
  },
  'delete-dataset-group': {
    operation: 'DeleteDatasetGroup', service: 'personalize', method: 'deleteDatasetGroup',
    params: {
      '--dataset-group-arn': { member: 'datasetGroupArn', required: true, help: 'at most 256 characters, matching arn:([a-z\\d-]+):personalize:.*:.*:.+' },
    },
  },
  'tag-resource': {
    operation: 'TagResource', service: 'personalize', method: 'tagResource',
    params: {
      '--resource-arn': { member: 'resourceArn', required: true, help: 'at most 256 characters, matching arn:([a-z\\d-]+):personalize:.*:.*:.+' },
      '--tags': { member: 'tags', type: 'list', shape: { tagKey: 'string', tagValue: 'string' }, required: true, help: '0..200 items, each key once', sensitive: true },
    },
  },
  'untag-resource': {
    operation: 'UntagResource', service: 'personalize', method: 'untagResource',
    params: {
      '--resource-arn': { member: 'resourceArn', required: true, help: 'at most 256 characters, matching arn:([a-z\\d-]+):personalize:.*:.*:.+' },
      '--tag-keys': { member: 'tagKeys', type: 'list', shape: 'string', required: true, help: '0..200 items, each key once', sensitive: true },
    },
  },
  'list-tags-for-resource': {
    operation: 'ListTagsForResource', service: 'personalize', method: 'listTagsForResource',
    params: {
      '--resource-arn': { member: 'resourceArn', required: true, help: 'at most 256 characters, matching arn:([a-z\\d-]+):personalize:.*:.*:.+' },
    },
  },
  'put-events': {
    operation: 'PutEvents', service: 'personalize-events', method: 'putEvents',
    params: {
      '--tracking-id': { member: 'trackingId', required: true, help: '1..256 characters' },
      '--session-id': { member: 'sessionId', required: true, help: '1..256 characters' },
      '--event-list': { member: 'eventList', type: 'list', shape: { eventType: 'string', sentAt: 'timestamp', eventId: 'string', eventValue: 'float', itemId: 'string', properties: 'string', recommendationId: 'string', impression: ['string'], metricAttribution: { eventAttributionSource: 'string' } }, required: true, help: '1..10 items', sensitive: true },
      '--user-id': { member: 'userId', help: '1..256 characters', sensitive: true },
    },
  },
};
// ---- end generated ----
