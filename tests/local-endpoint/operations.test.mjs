// The local endpoint's operations (runtime/operations.mjs, runtime/store.mjs) on the wire: the
// lifecycles of dataset groups and trackers, every modelled error with the service's messages,
// paging, unknown operations. Requests are signed with @smithy/signature-v4 directly (wire.mjs).
import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import http from 'node:http';
import path from 'node:path';
import { UUID_RE, rawRequest, call, ok, assertError } from './wire.mjs';
import { STEP, activeDatasetGroup, activeTracker, clock, emu, uniq, useMainEndpoint } from './main-endpoint.mjs';

describe('local endpoint operations (in-process, admin on)', () => {
  useMainEndpoint();

  test('listens on 127.0.0.1 and prints a base URL', () => {
    assert.match(emu.url, /^http:\/\/127\.0\.0\.1:\d+$/);
  });

  test('dataset group lifecycle: CREATE PENDING -> ACTIVE -> DELETE PENDING -> DELETE IN_PROGRESS -> gone', async () => {
    const name = uniq('dg');
    const created = ok(await call(emu, 'CreateDatasetGroup', { name, domain: 'ECOMMERCE' }));
    assert.deepEqual(Object.keys(created).sort(), ['datasetGroupArn', 'domain']);
    assert.equal(created.datasetGroupArn, `arn:aws:personalize:us-east-1:123456789012:dataset-group/${name}`);
    const d1 = ok(await call(emu, 'DescribeDatasetGroup', { datasetGroupArn: created.datasetGroupArn })).datasetGroup;
    assert.equal(d1.status, 'CREATE PENDING');
    assert.equal(d1.name, name);
    assert.equal(d1.domain, 'ECOMMERCE');
    assert.equal(typeof d1.creationDateTime, 'number');
    assert.equal(d1.creationDateTime, d1.lastUpdatedDateTime);
    clock.advance(STEP);
    const d2 = ok(await call(emu, 'DescribeDatasetGroup', { datasetGroupArn: created.datasetGroupArn })).datasetGroup;
    assert.equal(d2.status, 'ACTIVE');
    assert.equal(d2.creationDateTime, d1.creationDateTime);
    assert.ok(d2.lastUpdatedDateTime > d1.lastUpdatedDateTime);

    assert.deepEqual(ok(await call(emu, 'DeleteDatasetGroup', { datasetGroupArn: created.datasetGroupArn })), {});
    const d3 = ok(await call(emu, 'DescribeDatasetGroup', { datasetGroupArn: created.datasetGroupArn })).datasetGroup;
    assert.equal(d3.status, 'DELETE PENDING');
    assert.ok(d3.lastUpdatedDateTime > d2.lastUpdatedDateTime);
    clock.advance(STEP);
    const d4 = ok(await call(emu, 'DescribeDatasetGroup', { datasetGroupArn: created.datasetGroupArn })).datasetGroup;
    assert.equal(d4.status, 'DELETE IN_PROGRESS');
    assert.ok(d4.lastUpdatedDateTime > d3.lastUpdatedDateTime);
    clock.advance(STEP);
    assertError(await call(emu, 'DescribeDatasetGroup', { datasetGroupArn: created.datasetGroupArn }), 'ResourceNotFoundException');
  });

  test('event tracker lifecycle: CREATE PENDING -> CREATE IN_PROGRESS -> ACTIVE -> DELETE PENDING -> DELETE IN_PROGRESS -> gone', async () => {
    const datasetGroupArn = await activeDatasetGroup();
    const name = uniq('tr');
    const created = ok(await call(emu, 'CreateEventTracker', { name, datasetGroupArn, tags: [{ tagKey: 'team', tagValue: 'web' }] }));
    assert.deepEqual(Object.keys(created).sort(), ['eventTrackerArn', 'trackingId']);
    assert.match(created.eventTrackerArn, /^arn:aws:personalize:us-east-1:123456789012:event-tracker\/[0-9a-f]{8}$/);
    assert.match(created.trackingId, UUID_RE);

    const describe = async () => ok(await call(emu, 'DescribeEventTracker', { eventTrackerArn: created.eventTrackerArn })).eventTracker;
    const seen = [];
    const s1 = await describe();
    assert.deepEqual(Object.keys(s1).sort(), ['accountId', 'creationDateTime', 'datasetGroupArn', 'eventTrackerArn', 'lastUpdatedDateTime', 'name', 'status', 'trackingId']);
    assert.equal(s1.accountId, '123456789012');
    assert.equal(s1.trackingId, created.trackingId);
    assert.equal(s1.datasetGroupArn, datasetGroupArn);
    assert.equal(s1.name, name);
    seen.push(s1);
    for (let i = 0; i < 2; i++) { clock.advance(STEP); seen.push(await describe()); }
    assert.deepEqual(seen.map((s) => s.status), ['CREATE PENDING', 'CREATE IN_PROGRESS', 'ACTIVE']);
    for (let i = 1; i < seen.length; i++) {
      assert.ok(seen[i].lastUpdatedDateTime > seen[i - 1].lastUpdatedDateTime, 'lastUpdatedDateTime changes at each transition');
      assert.equal(seen[i].creationDateTime, seen[0].creationDateTime);
    }
    assert.deepEqual(ok(await call(emu, 'DeleteEventTracker', { eventTrackerArn: created.eventTrackerArn })), {});
    const del = [await describe()];
    clock.advance(STEP);
    del.push(await describe());
    assert.deepEqual(del.map((s) => s.status), ['DELETE PENDING', 'DELETE IN_PROGRESS']);
    clock.advance(STEP);
    assertError(await call(emu, 'DescribeEventTracker', { eventTrackerArn: created.eventTrackerArn }), 'ResourceNotFoundException');
    // the dataset group is free again
    ok(await call(emu, 'CreateEventTracker', { name: uniq('tr'), datasetGroupArn }));
  });

  test('ResourceNotFoundException for unknown dataset groups and trackers', async () => {
    const dg = 'arn:aws:personalize:us-east-1:123456789012:dataset-group/does-not-exist';
    const tr = 'arn:aws:personalize:us-east-1:123456789012:event-tracker/00000000';
    assertError(await call(emu, 'DescribeDatasetGroup', { datasetGroupArn: dg }), 'ResourceNotFoundException');
    assertError(await call(emu, 'DeleteDatasetGroup', { datasetGroupArn: dg }), 'ResourceNotFoundException');
    assertError(await call(emu, 'CreateEventTracker', { name: uniq('tr'), datasetGroupArn: dg }), 'ResourceNotFoundException');
    assertError(await call(emu, 'DescribeEventTracker', { eventTrackerArn: tr }), 'ResourceNotFoundException');
    assertError(await call(emu, 'DeleteEventTracker', { eventTrackerArn: tr }), 'ResourceNotFoundException');
    // a resource of another region is not visible
    const arn = await activeDatasetGroup();
    assertError(await call(emu, 'DescribeDatasetGroup', { datasetGroupArn: arn }, { region: 'eu-west-1' }), 'ResourceNotFoundException');
  });

  test('ResourceAlreadyExistsException: dataset group name, tracker name, second tracker on a dataset group', async () => {
    const name = uniq('dg');
    ok(await call(emu, 'CreateDatasetGroup', { name }));
    assertError(await call(emu, 'CreateDatasetGroup', { name }), 'ResourceAlreadyExistsException');
    // the same name in another region is fine
    ok(await call(emu, 'CreateDatasetGroup', { name }, { region: 'eu-west-1' }));

    const t = await activeTracker();
    const other = await activeDatasetGroup();
    const m1 = assertError(await call(emu, 'CreateEventTracker', { name: t.name, datasetGroupArn: other }), 'ResourceAlreadyExistsException');
    assert.match(m1, /name/);
    const m2 = assertError(await call(emu, 'CreateEventTracker', { name: uniq('tr'), datasetGroupArn: t.datasetGroupArn }), 'ResourceAlreadyExistsException');
    assert.match(m2, /one event tracker/);
  });

  test('ResourceInUseException: tracker on a dataset group not ACTIVE, deleting a busy tracker or a dataset group with a tracker', async () => {
    const { datasetGroupArn } = ok(await call(emu, 'CreateDatasetGroup', { name: uniq('dg') }));
    assertError(await call(emu, 'CreateEventTracker', { name: uniq('tr'), datasetGroupArn }), 'ResourceInUseException');
    assertError(await call(emu, 'DeleteDatasetGroup', { datasetGroupArn }), 'ResourceInUseException');
    clock.advance(STEP);
    const { eventTrackerArn } = ok(await call(emu, 'CreateEventTracker', { name: uniq('tr'), datasetGroupArn }));
    assertError(await call(emu, 'DeleteEventTracker', { eventTrackerArn }), 'ResourceInUseException'); // CREATE PENDING
    clock.advance(STEP);
    assertError(await call(emu, 'DeleteEventTracker', { eventTrackerArn }), 'ResourceInUseException'); // CREATE IN_PROGRESS
    clock.advance(STEP);
    assertError(await call(emu, 'DeleteDatasetGroup', { datasetGroupArn }), 'ResourceInUseException'); // has a tracker
    ok(await call(emu, 'DeleteEventTracker', { eventTrackerArn }));
    assertError(await call(emu, 'DeleteEventTracker', { eventTrackerArn }), 'ResourceInUseException'); // DELETE PENDING
    assertError(await call(emu, 'DeleteDatasetGroup', { datasetGroupArn }), 'ResourceInUseException'); // tracker still deleting
    clock.advance(2 * STEP);
    ok(await call(emu, 'DeleteDatasetGroup', { datasetGroupArn }));
  });

  test('InvalidInputException uses the AWS validation message style', async () => {
    const dg = await activeDatasetGroup();
    assert.equal(
      assertError(await call(emu, 'CreateEventTracker', { name: 'a!b', datasetGroupArn: dg }), 'InvalidInputException'),
      "1 validation error detected: Value 'a!b' at 'name' failed to satisfy constraint: Member must satisfy regular expression pattern: ^[a-zA-Z0-9][a-zA-Z0-9\\-_]*");
    assert.equal(
      assertError(await call(emu, 'CreateEventTracker', { name: '', datasetGroupArn: dg }), 'InvalidInputException'),
      "2 validation errors detected: Value '' at 'name' failed to satisfy constraint: Member must have length greater than or equal to 1; " +
      "Value '' at 'name' failed to satisfy constraint: Member must satisfy regular expression pattern: ^[a-zA-Z0-9][a-zA-Z0-9\\-_]*");
    assert.equal(
      assertError(await call(emu, 'CreateEventTracker', { name: 'x' }), 'InvalidInputException'),
      "1 validation error detected: Value null at 'datasetGroupArn' failed to satisfy constraint: Member must not be null");
    assert.equal(
      assertError(await call(emu, 'CreateEventTracker', { name: 'a'.repeat(64), datasetGroupArn: dg }), 'InvalidInputException'),
      `1 validation error detected: Value '${'a'.repeat(64)}' at 'name' failed to satisfy constraint: Member must have length less than or equal to 63`);
    // the pattern must match the whole value
    assertError(await call(emu, 'CreateEventTracker', { name: 'ab c', datasetGroupArn: dg }), 'InvalidInputException');
    assert.equal(
      assertError(await call(emu, 'DescribeEventTracker', { eventTrackerArn: 'not-an-arn' }), 'InvalidInputException'),
      "1 validation error detected: Value 'not-an-arn' at 'eventTrackerArn' failed to satisfy constraint: Member must satisfy regular expression pattern: arn:([a-z\\d-]+):personalize:.*:.*:.+");
    // tag keys and values are sensitive: the value is not echoed
    assert.equal(
      assertError(await call(emu, 'CreateEventTracker', { name: uniq('tr'), datasetGroupArn: dg, tags: [{ tagKey: 'ok', tagValue: 'v' }, { tagKey: 'bad<key>', tagValue: 'v' }] }), 'InvalidInputException'),
      "1 validation error detected: Value at 'tags.2.member.tagKey' failed to satisfy constraint: Member must satisfy regular expression pattern: ^([\\p{L}\\p{Z}\\p{N}_.:/=+\\-@]*)$");
    // unicode letters are allowed in tags; lengths count code points
    ok(await call(emu, 'CreateDatasetGroup', { name: uniq('dg'), tags: [{ tagKey: 'Ünïcødé ключ', tagValue: '𝒜'.repeat(256) }] }));
    const m = assertError(await call(emu, 'CreateDatasetGroup', { name: uniq('dg'), tags: [{ tagKey: 'k', tagValue: '𝒜'.repeat(257) }] }), 'InvalidInputException');
    assert.match(m, /tags\.1\.member\.tagValue.*less than or equal to 256/);
    assertError(await call(emu, 'CreateDatasetGroup', { name: uniq('dg'), tags: [{ tagKey: 'aws:reserved', tagValue: 'v' }] }), 'InvalidInputException');
    assert.match(
      assertError(await call(emu, 'CreateDatasetGroup', { name: uniq('dg'), domain: 'BOOKS' }), 'InvalidInputException'),
      /Member must satisfy enum value set: \[ECOMMERCE, VIDEO_ON_DEMAND\]/);
    assert.equal(
      assertError(await call(emu, 'ListEventTrackers', { maxResults: 0 }), 'InvalidInputException'),
      "1 validation error detected: Value '0' at 'maxResults' failed to satisfy constraint: Member must have value greater than or equal to 1");
    assert.match(assertError(await call(emu, 'ListDatasetGroups', { maxResults: 101 }), 'InvalidInputException'), /less than or equal to 100/);
    assert.match(assertError(await call(emu, 'ListEventTrackers', { nextToken: 'x'.repeat(1501) }), 'InvalidInputException'), /length less than or equal to 1500/);
  });

  test('wrong JSON types and malformed JSON are SerializationException', async () => {
    assertError(await call(emu, 'CreateDatasetGroup', { name: 5 }), 'SerializationException');
    assertError(await call(emu, 'ListEventTrackers', { maxResults: '5' }), 'SerializationException');
    assertError(await call(emu, 'CreateDatasetGroup', { name: 'x', tags: {} }), 'SerializationException');
    assertError(await call(emu, 'CreateDatasetGroup', {}, { rawBody: '{"name": ' }), 'SerializationException');
    assertError(await call(emu, 'CreateDatasetGroup', {}, { rawBody: '[1,2]' }), 'SerializationException');
  });

  test('TooManyTagsException above 50 tags; InvalidInputException above the model limit of 200', async () => {
    const tags = (n) => Array.from({ length: n }, (_, i) => ({ tagKey: `k${i}`, tagValue: `v${i}` }));
    const dg = await activeDatasetGroup();
    ok(await call(emu, 'CreateDatasetGroup', { name: uniq('dg'), tags: tags(50) }));
    assertError(await call(emu, 'CreateEventTracker', { name: uniq('tr'), datasetGroupArn: dg, tags: tags(51) }), 'TooManyTagsException');
    assertError(await call(emu, 'CreateDatasetGroup', { name: uniq('dg'), tags: tags(51) }), 'TooManyTagsException');
    assert.match(
      assertError(await call(emu, 'CreateDatasetGroup', { name: uniq('dg'), tags: tags(201) }), 'InvalidInputException'),
      /at 'tags' failed to satisfy constraint: Member must have length less than or equal to 200/);
  });

  test('paging with maxResults/nextToken; InvalidNextTokenException', async () => {
    const region = 'ap-southeast-2'; // a region of its own, so only these resources are listed
    const names = [];
    for (let i = 0; i < 5; i++) {
      const name = uniq('page');
      names.push(name);
      ok(await call(emu, 'CreateDatasetGroup', { name }, { region }));
    }
    const pages = [];
    let nextToken;
    do {
      const out = ok(await call(emu, 'ListDatasetGroups', { maxResults: 2, ...(nextToken ? { nextToken } : {}) }, { region }));
      pages.push(out.datasetGroups.map((g) => g.name));
      for (const g of out.datasetGroups) {
        assert.deepEqual(Object.keys(g).sort(), ['creationDateTime', 'datasetGroupArn', 'lastUpdatedDateTime', 'name', 'status']);
        assert.match(g.datasetGroupArn, /^arn:aws:personalize:ap-southeast-2:123456789012:dataset-group\//);
      }
      nextToken = out.nextToken;
    } while (nextToken);
    assert.deepEqual(pages.map((p) => p.length), [2, 2, 1]);
    assert.deepEqual(pages.flat(), names);
    const all = ok(await call(emu, 'ListDatasetGroups', {}, { region }));
    assert.equal(all.datasetGroups.length, 5);
    assert.equal(all.nextToken, undefined);

    // trackers, with and without the datasetGroupArn filter
    clock.advance(STEP);
    const dgs = all.datasetGroups.map((g) => g.datasetGroupArn);
    for (const datasetGroupArn of dgs.slice(0, 3)) ok(await call(emu, 'CreateEventTracker', { name: uniq('tr'), datasetGroupArn }, { region }));
    const first = ok(await call(emu, 'ListEventTrackers', { maxResults: 2 }, { region }));
    assert.equal(first.eventTrackers.length, 2);
    assert.deepEqual(Object.keys(first.eventTrackers[0]).sort(), ['creationDateTime', 'eventTrackerArn', 'lastUpdatedDateTime', 'name', 'status']);
    const second = ok(await call(emu, 'ListEventTrackers', { maxResults: 2, nextToken: first.nextToken }, { region }));
    assert.equal(second.eventTrackers.length, 1);
    assert.equal(second.nextToken, undefined);
    const filtered = ok(await call(emu, 'ListEventTrackers', { datasetGroupArn: dgs[1] }, { region }));
    assert.equal(filtered.eventTrackers.length, 1);
    assert.deepEqual(ok(await call(emu, 'ListEventTrackers', { datasetGroupArn: dgs[4] }, { region })).eventTrackers, []);

    assertError(await call(emu, 'ListEventTrackers', { nextToken: 'garbage' }, { region }), 'InvalidNextTokenException');
    // a token of another list, or of another filter, is not valid here
    assertError(await call(emu, 'ListDatasetGroups', { nextToken: first.nextToken }, { region }), 'InvalidNextTokenException');
    assertError(await call(emu, 'ListEventTrackers', { nextToken: first.nextToken, datasetGroupArn: dgs[0] }, { region }), 'InvalidNextTokenException');
  });

  test('UnknownOperationException for unknown targets and routes', async () => {
    assertError(await call(emu, 'CreateSolution', {}), 'UnknownOperationException');
    assertError(await call(emu, 'X', {}, { target: 'DynamoDB_20120810.ListTables' }), 'UnknownOperationException');
    const r = await rawRequest(emu.url, { method: 'GET', path: '/nothing-here' });
    assertError(r, 'UnknownOperationException', 404);
  });
});
