// TagResource, UntagResource and ListTagsForResource on the local endpoint: the real service's wire
// format (awsJson1_1, empty `{}` successes), its errors, both kinds of resource, the state file;
// checked with raw signed requests (wire.mjs), @aws-sdk/client-personalize and botocore (Python).

import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { execFile } from 'node:child_process';
import { startLocalEndpoint } from './runtime/index.mjs';
import { DEMO, call, ok, assertError } from './wire.mjs';

let counter = 0;
const uniq = (prefix) => `${prefix}-${process.pid}-${++counter}`;
const tags = (n, prefix = 'k') => Array.from({ length: n }, (_, i) => ({ tagKey: `${prefix}${i}`, tagValue: `v${i}` }));

async function endpointFor(t, options = {}) {
  const endpoint = await startLocalEndpoint({ stepMs: 0, log: () => {}, ...options });
  t.after(() => endpoint.close());
  return endpoint;
}

/** A tracker (ACTIVE at once: stepMs 0) in a new dataset group, with the tags given at create. */
async function tracker(endpoint, createTags) {
  const { datasetGroupArn } = ok(await call(endpoint, 'CreateDatasetGroup', { name: uniq('dg') }));
  const { eventTrackerArn } = ok(await call(endpoint, 'CreateEventTracker', { name: uniq('tr'), datasetGroupArn, tags: createTags }));
  return { datasetGroupArn, eventTrackerArn };
}

const listTags = async (endpoint, resourceArn) => ok(await call(endpoint, 'ListTagsForResource', { resourceArn })).tags;

test('tags given at create are listed; TagResource adds and overwrites, UntagResource removes; successes are {}', async (t) => {
  const endpoint = await endpointFor(t);
  const { eventTrackerArn } = await tracker(endpoint, [{ tagKey: 'team', tagValue: 'search' }, { tagKey: 'env', tagValue: 'dev' }]);
  assert.deepEqual(await listTags(endpoint, eventTrackerArn), [{ tagKey: 'team', tagValue: 'search' }, { tagKey: 'env', tagValue: 'dev' }]);

  const tagged = await call(endpoint, 'TagResource', { resourceArn: eventTrackerArn, tags: [{ tagKey: 'env', tagValue: 'prod' }, { tagKey: 'cost', tagValue: '42' }] });
  assert.equal(tagged.status, 200);
  assert.equal(tagged.text, '{}');
  assert.equal(tagged.headers['content-type'], 'application/x-amz-json-1.1');
  assert.deepEqual(await listTags(endpoint, eventTrackerArn),
    [{ tagKey: 'team', tagValue: 'search' }, { tagKey: 'env', tagValue: 'prod' }, { tagKey: 'cost', tagValue: '42' }]);

  const untagged = await call(endpoint, 'UntagResource', { resourceArn: eventTrackerArn, tagKeys: ['team', 'not-there'] });
  assert.equal(untagged.text, '{}');
  assert.deepEqual(await listTags(endpoint, eventTrackerArn), [{ tagKey: 'env', tagValue: 'prod' }, { tagKey: 'cost', tagValue: '42' }]);
  assert.deepEqual(endpoint.state().eventTrackers[0].tags, [{ tagKey: 'env', tagValue: 'prod' }, { tagKey: 'cost', tagValue: '42' }]);
});

test('dataset groups are tagged the same way, separately from their tracker', async (t) => {
  const endpoint = await endpointFor(t, { demo: false });
  const { datasetGroupArn, eventTrackerArn } = await tracker(endpoint, [{ tagKey: 'on', tagValue: 'tracker' }]);
  assert.deepEqual(await listTags(endpoint, datasetGroupArn), []);
  ok(await call(endpoint, 'TagResource', { resourceArn: datasetGroupArn, tags: [{ tagKey: 'on', tagValue: 'group' }] }));
  assert.deepEqual(await listTags(endpoint, datasetGroupArn), [{ tagKey: 'on', tagValue: 'group' }]);
  assert.deepEqual(await listTags(endpoint, eventTrackerArn), [{ tagKey: 'on', tagValue: 'tracker' }]);
});

test('TooManyTagsException past 50 tags on a resource in all; overwriting keys does not count twice', async (t) => {
  const endpoint = await endpointFor(t);
  const { eventTrackerArn } = await tracker(endpoint, tags(40));
  ok(await call(endpoint, 'TagResource', { resourceArn: eventTrackerArn, tags: tags(40) })); // the same 40 keys
  ok(await call(endpoint, 'TagResource', { resourceArn: eventTrackerArn, tags: tags(10, 'x') }));
  const m = assertError(await call(endpoint, 'TagResource', { resourceArn: eventTrackerArn, tags: tags(1, 'y') }), 'TooManyTagsException');
  assert.match(m, /\(51\) exceeds the maximum of 50/);
  assert.equal((await listTags(endpoint, eventTrackerArn)).length, 50, 'a refused TagResource changes nothing');
});

test('ResourceNotFoundException for an unknown ARN and for another account\'s or region\'s resource', async (t) => {
  const other = { accessKeyId: 'AKIDOTHERACCOUNT0002', secretAccessKey: 'other-secret', accountId: '210987654321' };
  const endpoint = await endpointFor(t, { credentials: [other] });
  const { eventTrackerArn } = await tracker(endpoint);
  const unknown = 'arn:aws:personalize:us-east-1:123456789012:event-tracker/00000000';
  for (const [op, input] of [['TagResource', { resourceArn: unknown, tags: tags(1) }], ['UntagResource', { resourceArn: unknown, tagKeys: ['k0'] }],
    ['ListTagsForResource', { resourceArn: unknown }]]) {
    assert.equal(assertError(await call(endpoint, op, input), 'ResourceNotFoundException'), `Could not find resource with ARN ${unknown}`);
  }
  assertError(await call(endpoint, 'ListTagsForResource', { resourceArn: eventTrackerArn }, { creds: other }), 'ResourceNotFoundException');
  assertError(await call(endpoint, 'ListTagsForResource', { resourceArn: eventTrackerArn }, { region: 'eu-west-1' }), 'ResourceNotFoundException');
});

test('bad tag input is InvalidInputException in the service\'s words, with no tag value quoted', async (t) => {
  const endpoint = await endpointFor(t);
  const { eventTrackerArn: resourceArn } = await tracker(endpoint);
  const error = async (op, input) => assertError(await call(endpoint, op, input), 'InvalidInputException');
  assert.equal(await error('TagResource', { resourceArn }),
    "1 validation error detected: Value null at 'tags' failed to satisfy constraint: Member must not be null");
  assert.equal(await error('UntagResource', { resourceArn }),
    "1 validation error detected: Value null at 'tagKeys' failed to satisfy constraint: Member must not be null");
  assert.equal(await error('ListTagsForResource', { resourceArn: 'not-an-arn' }),
    "1 validation error detected: Value 'not-an-arn' at 'resourceArn' failed to satisfy constraint: Member must satisfy regular expression pattern: arn:([a-z\\d-]+):personalize:.*:.*:.+");
  const secret = 'secret<value>';
  const m = await error('TagResource', { resourceArn, tags: [{ tagKey: 'k', tagValue: secret }] });
  assert.equal(m, "1 validation error detected: Value at 'tags.1.member.tagValue' failed to satisfy constraint: Member must satisfy regular expression pattern: ^([\\p{L}\\p{Z}\\p{N}_.:/=+\\-@]*)$");
  assert.ok(!(await error('UntagResource', { resourceArn, tagKeys: [secret] })).includes(secret));
  assert.match(await error('TagResource', { resourceArn, tags: [{ tagKey: 'AWS:x', tagValue: 'v' }] }), /may not start with 'aws:'/);
  assert.match(await error('TagResource', { resourceArn, tags: [{ tagKey: 'k', tagValue: 'a' }, { tagKey: 'k', tagValue: 'b' }] }),
    /'tags\.2\.member\.tagKey'.*unique/);
  assert.match(await error('UntagResource', { resourceArn, tagKeys: Array.from({ length: 201 }, (_, i) => `k${i}`) }),
    /^1 validation error detected: Value with 201 elements at 'tagKeys' failed to satisfy constraint: Member must have length less than or equal to 200$/);
  assert.deepEqual(await listTags(endpoint, resourceArn), [], 'nothing refused was stored');
});

test('tags survive a restart with the same state file', async (t) => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'le-tags-'));
  t.after(() => fs.rmSync(dir, { recursive: true, force: true }));
  const stateFile = path.join(dir, 'state.json');
  const first = await startLocalEndpoint({ stepMs: 0, stateFile, log: () => {} });
  const { eventTrackerArn } = await tracker(first, [{ tagKey: 'a', tagValue: '1' }]);
  ok(await call(first, 'TagResource', { resourceArn: eventTrackerArn, tags: [{ tagKey: 'b', tagValue: '2' }] }));
  ok(await call(first, 'UntagResource', { resourceArn: eventTrackerArn, tagKeys: ['a'] }));
  await first.close();
  const second = await endpointFor(t, { stateFile });
  assert.deepEqual(await listTags(second, eventTrackerArn), [{ tagKey: 'b', tagValue: '2' }]);
});

test('@aws-sdk/client-personalize: TagResourceCommand, UntagResourceCommand, ListTagsForResourceCommand', async (t) => {
  const endpoint = await endpointFor(t);
  const { PersonalizeClient, TagResourceCommand, UntagResourceCommand, ListTagsForResourceCommand } = await import('@aws-sdk/client-personalize');
  const client = new PersonalizeClient({ endpoint: endpoint.url, region: endpoint.region, credentials: endpoint.credentials, maxAttempts: 1 });
  t.after(() => client.destroy());
  const { eventTrackerArn: resourceArn } = await tracker(endpoint, [{ tagKey: 'a', tagValue: '1' }]);
  const tagged = await client.send(new TagResourceCommand({ resourceArn, tags: [{ tagKey: 'b', tagValue: '2' }] }));
  assert.equal(tagged.$metadata.httpStatusCode, 200);
  await client.send(new UntagResourceCommand({ resourceArn, tagKeys: ['a'] }));
  const listed = await client.send(new ListTagsForResourceCommand({ resourceArn }));
  assert.deepEqual(listed.tags, [{ tagKey: 'b', tagValue: '2' }]);
  await assert.rejects(client.send(new TagResourceCommand({ resourceArn, tags: tags(50, 'z') })),
    (e) => e.name === 'TooManyTagsException' && e.$metadata.httpStatusCode === 400);
  await assert.rejects(client.send(new ListTagsForResourceCommand({ resourceArn: `${resourceArn}0` })), (e) => e.name === 'ResourceNotFoundException');
});

const PYTHON = '/usr/bin/python3';
const BOTOCORE_SCRIPT = `
import json, sys
import botocore.session
url, arn = sys.argv[1], sys.argv[2]
c = botocore.session.get_session().create_client('personalize', endpoint_url=url, region_name='us-east-1',
    aws_access_key_id='${DEMO.accessKeyId}', aws_secret_access_key='${DEMO.secretAccessKey}')
c.tag_resource(resourceArn=arn, tags=[{'tagKey': 'py', 'tagValue': 'yes'}])
c.untag_resource(resourceArn=arn, tagKeys=['a'])
out = {'tags': c.list_tags_for_resource(resourceArn=arn)['tags']}
try:
    c.list_tags_for_resource(resourceArn=arn + '0')
except c.exceptions.ResourceNotFoundException as e:
    out['error'] = e.response['Error']['Code']
print(json.dumps(out))
`;
test('botocore (Debian\'s, as boto3 and the AWS CLI use it): tag_resource, untag_resource, list_tags_for_resource', async (t) => {
  // No skip: ./build.sh installs python3-botocore, so a missing one is a broken set-up.
  assert.ok(fs.existsSync('/usr/lib/python3/dist-packages/botocore'), 'no botocore for /usr/bin/python3 (./build.sh deps installs python3-botocore)');
  const endpoint = await endpointFor(t);
  const { eventTrackerArn } = await tracker(endpoint, [{ tagKey: 'a', tagValue: '1' }]);
  const env = { PATH: '/usr/bin:/bin', HOME: os.tmpdir(), AWS_CONFIG_FILE: '/dev/null', AWS_SHARED_CREDENTIALS_FILE: '/dev/null' };
  const stdout = await new Promise((resolve, reject) => {
    execFile(PYTHON, ['-c', BOTOCORE_SCRIPT, endpoint.url, eventTrackerArn], { env, timeout: 20000 },
      (err, out, stderr) => (err ? reject(new Error(`${err.message}\n${stderr}`)) : resolve(out)));
  });
  assert.deepEqual(JSON.parse(stdout), { tags: [{ tagKey: 'py', tagValue: 'yes' }], error: 'ResourceNotFoundException' });
});
