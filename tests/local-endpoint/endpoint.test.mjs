// Tests for the local Personalize endpoint (tests/local-endpoint/runtime/server.mjs).
// Run: node --test tests/local-endpoint/
// Requests are signed with @smithy/signature-v4 directly (wire.mjs; never with project code).

import { test, describe, before, after } from 'node:test';
import assert from 'node:assert/strict';
import http from 'node:http';
import net from 'node:net';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { startLocalEndpoint, verifySigV4, DEMO_CREDENTIALS, ApiError, BODY_LIMITS } from './runtime/server.mjs';
import { UUID_RE, rawRequest, call, putEvents, adminCall, ok, assertError } from './wire.mjs';

const HERE = path.dirname(fileURLToPath(import.meta.url));
const SERVER = path.join(HERE, 'runtime', 'server.mjs');
const DEMO = { accessKeyId: DEMO_CREDENTIALS.accessKeyId, secretAccessKey: DEMO_CREDENTIALS.secretAccessKey };
const STEP = 1000;

// ---------------------------------------------------------------------------------------------
// helpers (the signed requests are in wire.mjs)

/** A clock the local endpoint reads: real time plus an offset that tests advance. */
function makeClock() {
  let offset = 0;
  return { now: () => Date.now() + offset, advance: (ms) => { offset += ms; } };
}

let nameCounter = 0;
const uniq = (prefix) => `${prefix}-${process.pid}-${++nameCounter}`;

// ---------------------------------------------------------------------------------------------
// the main in-process local endpoint (admin on, controllable clock, step 1000 ms advanced by hand)

describe('local endpoint (in-process, admin on)', () => {
  let emu;
  const clock = makeClock();
  const extra = [
    { accessKeyId: 'AKIDOTHERACCOUNT0001', secretAccessKey: 'other-secret', accountId: '210987654321' },
    { accessKeyId: 'ASIASESSIONKEY000001', secretAccessKey: 'session-secret', sessionToken: 'session-token-value' },
  ];

  before(async () => {
    emu = await startLocalEndpoint({ port: 0, stepMs: STEP, admin: true, demo: false, now: clock.now, credentials: extra });
  });
  after(async () => { await emu?.close(); });

  async function activeDatasetGroup(opts = {}) {
    const name = uniq('dg');
    const { datasetGroupArn } = ok(await call(emu, 'CreateDatasetGroup', { name }, opts));
    clock.advance(STEP);
    return datasetGroupArn;
  }
  async function activeTracker(opts = {}) {
    const datasetGroupArn = await activeDatasetGroup(opts);
    const name = uniq('tr');
    const out = ok(await call(emu, 'CreateEventTracker', { name, datasetGroupArn }, opts));
    clock.advance(2 * STEP);
    return { ...out, datasetGroupArn, name };
  }

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

  test('authentication: missing, unknown key, wrong secret, tampered body or header, wrong service, session tokens', async () => {
    const body = JSON.stringify({});
    const missing = await rawRequest(emu.url, {
      headers: { 'content-type': 'application/x-amz-json-1.1', 'x-amz-target': 'AmazonPersonalize.ListEventTrackers', 'content-length': '2' }, body,
    });
    assert.equal(assertError(missing, 'MissingAuthenticationTokenException'), 'Missing Authentication Token');

    const badToken = 'The security token included in the request is invalid.';
    const badSig = 'The request signature we calculated does not match the signature you provided. Check your AWS Secret Access Key and signing method. Consult the service documentation for details.';
    assert.equal(assertError(await call(emu, 'ListEventTrackers', {}, { creds: { accessKeyId: 'AKIAUNKNOWNKEY000000', secretAccessKey: 'x' } }), 'UnrecognizedClientException'), badToken);
    assert.equal(assertError(await call(emu, 'ListEventTrackers', {}, { creds: { ...DEMO, secretAccessKey: 'wrong' } }), 'InvalidSignatureException'), badSig);
    assert.equal(assertError(await call(emu, 'ListEventTrackers', {}, { service: 'personalize-events' }), 'InvalidSignatureException'),
      "Credential should be scoped to correct service: 'personalize'. ");

    // the body was changed after signing (same length, so only the signature can tell)
    const tampered = await call(emu, 'CreateDatasetGroup', { name: 'aaaa' }, {
      tamper: (headers, b) => ({ headers, body: b.replace('aaaa', 'bbbb') }),
    });
    assert.equal(assertError(tampered, 'InvalidSignatureException'), badSig);
    // a signed header was changed after signing
    const retargeted = await call(emu, 'ListEventTrackers', {}, {
      tamper: (headers, b) => ({ headers: { ...headers, 'x-amz-target': 'AmazonPersonalize.ListDatasetGroups' }, body: b }),
    });
    assertError(retargeted, 'InvalidSignatureException');
    // the local endpoint keeps the canonical request it expected, for debugging signers
    const last = (await adminCall(emu, 'GET', '/__local-endpoint/requests')).json.requests.at(-1);
    assert.equal(last.errorType, 'InvalidSignatureException');
    assert.match(last.signatureDebug.canonicalRequest, /^POST\n\/\n\n/);

    // session credentials
    const session = { accessKeyId: 'ASIASESSIONKEY000001', secretAccessKey: 'session-secret', sessionToken: 'session-token-value' };
    ok(await call(emu, 'ListEventTrackers', {}, { creds: session }));
    assert.equal(assertError(await call(emu, 'ListEventTrackers', {}, { creds: { ...session, sessionToken: 'other-token' } }), 'UnrecognizedClientException'), badToken);
    const { sessionToken, ...noToken } = session; // eslint-disable-line no-unused-vars
    assertError(await call(emu, 'ListEventTrackers', {}, { creds: noToken }), 'UnrecognizedClientException');
    assertError(await call(emu, 'ListEventTrackers', {}, { creds: { ...DEMO, sessionToken: 'unexpected' } }), 'UnrecognizedClientException');
  });

  test('each key pair acts in its own account', async () => {
    const other = { accessKeyId: 'AKIDOTHERACCOUNT0001', secretAccessKey: 'other-secret' };
    const { datasetGroupArn } = ok(await call(emu, 'CreateDatasetGroup', { name: uniq('acct') }, { creds: other, region: 'eu-central-1' }));
    assert.match(datasetGroupArn, /^arn:aws:personalize:eu-central-1:210987654321:dataset-group\//);
    assertError(await call(emu, 'DescribeDatasetGroup', { datasetGroupArn }, { region: 'eu-central-1' }), 'ResourceNotFoundException');
    // partitions follow the region
    const cn = ok(await call(emu, 'CreateDatasetGroup', { name: uniq('cn') }, { region: 'cn-north-1' }));
    assert.match(cn.datasetGroupArn, /^arn:aws-cn:personalize:cn-north-1:/);
  });

  test('every response has x-amzn-RequestId, Date and CORS headers; OPTIONS preflight is 204 without auth', async () => {
    const r = await call(emu, 'ListDatasetGroups', {});
    ok(r);
    assert.equal(r.headers['content-type'], 'application/x-amz-json-1.1');
    assert.match(r.headers['x-amzn-requestid'], UUID_RE);
    assert.ok(Math.abs(Date.parse(r.headers.date) - clock.now()) < 5000);
    assert.equal(r.headers['access-control-allow-origin'], '*');
    assert.match(r.headers['access-control-expose-headers'], /x-amzn-RequestId/);
    assert.match(r.headers['access-control-expose-headers'], /x-amzn-ErrorType/);

    const pre = await rawRequest(emu.url, {
      method: 'OPTIONS', path: '/events',
      headers: { origin: 'http://localhost:8080', 'access-control-request-method': 'POST', 'access-control-request-headers': 'content-type,x-amz-date,authorization,x-amz-security-token,x-custom-thing' },
    });
    assert.equal(pre.status, 204);
    assert.equal(pre.text, '');
    assert.equal(pre.headers['access-control-allow-origin'], '*');
    assert.match(pre.headers['access-control-allow-methods'], /POST/);
    const allowed = pre.headers['access-control-allow-headers'].split(/,\s*/);
    for (const h of ['authorization', 'content-type', 'x-amz-date', 'x-amz-target', 'x-amz-security-token', 'x-amz-content-sha256', 'x-amz-user-agent', 'amz-sdk-invocation-id', 'amz-sdk-request', 'x-custom-thing']) {
      assert.ok(allowed.includes(h), `preflight allows ${h}`);
    }
    assert.ok(Number(pre.headers['access-control-max-age']) > 0);
    assert.match(pre.headers['x-amzn-requestid'], UUID_RE);
    assert.ok(pre.headers.date);

    const err = await call(emu, 'DescribeEventTracker', { eventTrackerArn: 'arn:aws:personalize:us-east-1:123456789012:event-tracker/ffffffff' });
    assert.equal(err.headers['access-control-allow-origin'], '*');
  });

  test('PutEvents: stored and read back for an ACTIVE tracker; ResourceNotFound for unknown or not active ones', async () => {
    const t = await activeTracker();
    const event = {
      eventType: 'click', sentAt: 1732579200.123, eventId: 'e1', eventValue: 4.5, itemId: 'item-1',
      properties: JSON.stringify({ numberOfRatings: '12' }), recommendationId: 'r'.repeat(40),
      impression: ['item-1', 'item-2'], metricAttribution: { eventAttributionSource: 'email campaign' },
    };
    const r = await putEvents(emu, { trackingId: t.trackingId, userId: 'user-1', sessionId: 'session-1', eventList: [event, { eventType: 'view', sentAt: 1732579201 }] });
    assert.equal(r.status, 200, r.text);
    assert.equal(r.text, '');
    assert.match(r.headers['x-amzn-requestid'], UUID_RE);
    const stored = (await adminCall(emu, 'GET', `/__local-endpoint/events?trackingId=${encodeURIComponent(t.trackingId)}`)).json.events;
    assert.equal(stored.length, 2);
    assert.deepEqual(stored[0].event, event);
    assert.equal(stored[0].userId, 'user-1');
    assert.equal(stored[0].sessionId, 'session-1');
    assert.equal(stored[0].trackingId, t.trackingId);
    assert.equal(typeof stored[0].receivedAt, 'number');
    assert.deepEqual(emu.events(t.trackingId), stored);

    const unknown = await putEvents(emu, { trackingId: 'no-such-tracking-id', sessionId: 's', eventList: [{ eventType: 'click', sentAt: 1 }] });
    assertError(unknown, 'ResourceNotFoundException', 404);
    // a tracker that is still being created
    const dg = await activeDatasetGroup();
    const pending = ok(await call(emu, 'CreateEventTracker', { name: uniq('tr'), datasetGroupArn: dg }));
    assertError(await putEvents(emu, { trackingId: pending.trackingId, sessionId: 's', eventList: [{ eventType: 'click', sentAt: 1 }] }), 'ResourceNotFoundException', 404);
    // a tracker of another account
    assertError(await putEvents(emu, { trackingId: t.trackingId, sessionId: 's', eventList: [{ eventType: 'click', sentAt: 1 }] },
      { creds: { accessKeyId: 'AKIDOTHERACCOUNT0001', secretAccessKey: 'other-secret' } }), 'ResourceNotFoundException', 404);
    assert.equal(emu.events(pending.trackingId).length, 0);
  });

  test('PutEvents validates the model constraints', async () => {
    const t = await activeTracker();
    const base = { trackingId: t.trackingId, sessionId: 's' };
    const ev = { eventType: 'click', sentAt: 1 };
    assert.equal(assertError(await putEvents(emu, { ...base, eventList: [] }), 'InvalidInputException'),
      "1 validation error detected: Value with 0 elements at 'eventList' failed to satisfy constraint: Member must have length greater than or equal to 1");
    assert.match(assertError(await putEvents(emu, { ...base, eventList: Array(11).fill(ev) }), 'InvalidInputException'), /at 'eventList' .*less than or equal to 10/);
    assert.equal(assertError(await putEvents(emu, { ...base, eventList: [{ eventType: 'click' }] }), 'InvalidInputException'),
      "1 validation error detected: Value null at 'eventList.1.member.sentAt' failed to satisfy constraint: Member must not be null");
    assert.match(assertError(await putEvents(emu, { ...base, eventList: [{ ...ev, properties: 'not json' }] }), 'InvalidInputException'),
      /Value at 'eventList.1.member.properties' failed to satisfy constraint: Member must be a string holding a JSON object/);
    assertError(await putEvents(emu, { ...base, eventList: [{ ...ev, properties: '[1]' }] }), 'InvalidInputException');
    assertError(await putEvents(emu, { ...base, eventList: [{ ...ev, properties: JSON.stringify({ a: 'x'.repeat(1020) }) }] }), 'InvalidInputException');
    assertError(await putEvents(emu, { ...base, eventList: [{ ...ev, recommendationId: 'r'.repeat(41) }] }), 'InvalidInputException');
    assertError(await putEvents(emu, { ...base, eventList: [{ ...ev, impression: Array(26).fill('i') }] }), 'InvalidInputException');
    assertError(await putEvents(emu, { ...base, eventList: [{ ...ev, impression: ['x'.repeat(257)] }] }), 'InvalidInputException');
    assertError(await putEvents(emu, { ...base, eventList: [{ ...ev, metricAttribution: { eventAttributionSource: '   ' } }] }), 'InvalidInputException');
    assertError(await putEvents(emu, { ...base, eventList: [{ ...ev, metricAttribution: {} }] }), 'InvalidInputException');
    assertError(await putEvents(emu, { ...base, userId: '', eventList: [ev] }), 'InvalidInputException');
    assertError(await putEvents(emu, { trackingId: t.trackingId, eventList: [ev] }), 'InvalidInputException');
    assertError(await putEvents(emu, { ...base, eventList: [{ ...ev, sentAt: '2024-01-01' }] }), 'SerializationException');
    assert.equal(emu.events(t.trackingId).length, 0);
  });

  test('fault injection: throttle (ThrottlingException / LimitExceededException)', async () => {
    const f = (await adminCall(emu, 'POST', '/__local-endpoint/faults', { throttle: 2 })).json;
    assert.equal(f.throttle, 2);
    const r1 = await call(emu, 'ListDatasetGroups', {});
    assert.equal(assertError(r1, 'ThrottlingException'), 'Rate exceeded');
    assertError(await call(emu, 'ListDatasetGroups', {}), 'ThrottlingException');
    ok(await call(emu, 'ListDatasetGroups', {}));
    await adminCall(emu, 'POST', '/__local-endpoint/faults', { throttle: 1, throttleName: 'LimitExceededException' });
    assertError(await call(emu, 'ListDatasetGroups', {}), 'LimitExceededException');
    ok(await call(emu, 'ListDatasetGroups', {}));
    await adminCall(emu, 'POST', '/__local-endpoint/faults', { throttleName: 'ThrottlingException' });
  });

  test('fault injection: server errors 500 / 503', async () => {
    await adminCall(emu, 'POST', '/__local-endpoint/faults', { serverError: 1, serverErrorStatus: 500 });
    assertError(await call(emu, 'ListDatasetGroups', {}), 'InternalFailure', 500);
    await adminCall(emu, 'POST', '/__local-endpoint/faults', { serverError: 1, serverErrorStatus: 503 });
    assertError(await putEvents(emu, { trackingId: 'x', sessionId: 's', eventList: [{ eventType: 'a', sentAt: 1 }] }), 'ServiceUnavailable', 503);
    ok(await call(emu, 'ListDatasetGroups', {}));
    assert.equal((await adminCall(emu, 'POST', '/__local-endpoint/faults', { serverErrorStatus: 418 })).status, 400);
  });

  test('fault injection: delay', async () => {
    await adminCall(emu, 'POST', '/__local-endpoint/faults', { delayMs: 150, delayCount: 1 });
    const t0 = Date.now();
    ok(await call(emu, 'ListDatasetGroups', {}));
    assert.ok(Date.now() - t0 >= 140, 'the response was delayed');
    const t1 = Date.now();
    ok(await call(emu, 'ListDatasetGroups', {}));
    assert.ok(Date.now() - t1 < 140, 'only delayCount requests are delayed');
  });

  test('fault injection: drop after processing (the change happens, no answer)', async () => {
    await adminCall(emu, 'POST', '/__local-endpoint/faults', { dropAfterProcessing: 1 });
    const name = uniq('dropped');
    await assert.rejects(call(emu, 'CreateDatasetGroup', { name }), (e) => ['ECONNRESET', 'EPIPE'].includes(e.code) || /socket hang up/.test(e.message));
    assertError(await call(emu, 'CreateDatasetGroup', { name }), 'ResourceAlreadyExistsException');
    assert.equal(emu.stats().dropped, 1);
  });

  test('fault injection: clock skew moves the Date header, the signature window and timestamps', async () => {
    const skew = 60 * 60 * 1000;
    await adminCall(emu, 'POST', '/__local-endpoint/faults', { clockSkewMs: skew });
    try {
      const r = await call(emu, 'ListDatasetGroups', {});
      const msg = assertError(r, 'InvalidSignatureException');
      assert.match(msg, /^Signature expired: \d{8}T\d{6}Z is now earlier than \d{8}T\d{6}Z \(\d{8}T\d{6}Z - 5 min\.\)$/);
      const serverDate = Date.parse(r.headers.date);
      assert.ok(Math.abs(serverDate - (clock.now() + skew)) < 5000, 'Date header follows the skewed clock');
      // a client that corrects its clock from the Date header gets through
      const { datasetGroupArn } = ok(await call(emu, 'CreateDatasetGroup', { name: uniq('skew') }, { date: new Date(serverDate) }));
      const dg = ok(await call(emu, 'DescribeDatasetGroup', { datasetGroupArn }, { date: new Date(serverDate) })).datasetGroup;
      assert.ok(Math.abs(dg.creationDateTime * 1000 - (clock.now() + skew)) < 5000, 'timestamps follow the skewed clock');
    } finally {
      await adminCall(emu, 'POST', '/__local-endpoint/faults', { clockSkewMs: 0 });
    }
    ok(await call(emu, 'ListDatasetGroups', {}));
  });

  test('fault injection: failNextTrackerCreation ends in CREATE FAILED, which may be deleted', async () => {
    await adminCall(emu, 'POST', '/__local-endpoint/faults', { failNextTrackerCreation: true });
    const datasetGroupArn = await activeDatasetGroup();
    const { eventTrackerArn, trackingId } = ok(await call(emu, 'CreateEventTracker', { name: uniq('fail'), datasetGroupArn }));
    const statuses = [];
    for (let i = 0; i < 3; i++) {
      statuses.push(ok(await call(emu, 'DescribeEventTracker', { eventTrackerArn })).eventTracker.status);
      clock.advance(STEP);
    }
    assert.deepEqual(statuses, ['CREATE PENDING', 'CREATE IN_PROGRESS', 'CREATE FAILED']);
    assertError(await putEvents(emu, { trackingId, sessionId: 's', eventList: [{ eventType: 'a', sentAt: 1 }] }), 'ResourceNotFoundException', 404);
    ok(await call(emu, 'DeleteEventTracker', { eventTrackerArn }));
    // only the next one fails
    clock.advance(2 * STEP);
    const again = ok(await call(emu, 'CreateEventTracker', { name: uniq('ok'), datasetGroupArn }));
    clock.advance(2 * STEP);
    assert.equal(ok(await call(emu, 'DescribeEventTracker', { eventTrackerArn: again.eventTrackerArn })).eventTracker.status, 'ACTIVE');
  });

  test('fault injection can be limited to some operations', async () => {
    await adminCall(emu, 'POST', '/__local-endpoint/faults', { throttle: 1, operations: ['PutEvents'] });
    ok(await call(emu, 'ListDatasetGroups', {}));
    assertError(await putEvents(emu, { trackingId: 'x', sessionId: 's', eventList: [{ eventType: 'a', sentAt: 1 }] }), 'ThrottlingException');
    const f = (await adminCall(emu, 'POST', '/__local-endpoint/faults', { operations: null })).json;
    assert.equal(f.operations, null);
  });

  test('stats count every service request, rejected ones too; reset clears them', async () => {
    await adminCall(emu, 'POST', '/__local-endpoint/reset', { what: ['stats'] });
    assert.deepEqual((await adminCall(emu, 'GET', '/__local-endpoint/stats')).json, { total: 0, byOperation: {}, byStatus: {}, byError: {}, dropped: 0, succeeded: {}, duplicateEvents: 0 });
    await call(emu, 'ListEventTrackers', {});
    await call(emu, 'ListEventTrackers', {}, { creds: { accessKeyId: 'AKIAUNKNOWNKEY000000', secretAccessKey: 'x' } });
    await putEvents(emu, { trackingId: 'nope', sessionId: 's', eventList: [{ eventType: 'a', sentAt: 1 }] });
    await rawRequest(emu.url, { method: 'OPTIONS', path: '/' });
    const stats = (await adminCall(emu, 'GET', '/__local-endpoint/stats')).json;
    assert.equal(stats.total, 4);
    assert.deepEqual(stats.byOperation, { ListEventTrackers: 2, PutEvents: 1, OPTIONS: 1 });
    assert.deepEqual(stats.byError, { UnrecognizedClientException: 1, ResourceNotFoundException: 1 });
    assert.deepEqual(stats.byStatus, { 200: 1, 204: 1, 400: 1, 404: 1 });
    const requests = (await adminCall(emu, 'GET', '/__local-endpoint/requests')).json.requests;
    assert.equal(requests.length, 4);
    assert.equal(requests[0].headers['x-amz-target'], 'AmazonPersonalize.ListEventTrackers');
    assert.deepEqual(emu.stats(), stats);
  });

  test('admin: state snapshot, unknown admin route, full reset', async () => {
    const snap = (await adminCall(emu, 'GET', '/__local-endpoint/state')).json;
    assert.ok(snap.datasetGroups.length > 0);
    assert.ok(snap.eventTrackers.length > 0);
    assertError(await adminCall(emu, 'GET', '/__local-endpoint/nope'), 'NotFound', 404);
    // a browser's preflight for an admin route is refused, and grants nothing
    const pre = await rawRequest(emu.url, { method: 'OPTIONS', path: '/__local-endpoint/faults', headers: { origin: 'http://localhost', 'access-control-request-method': 'POST' } });
    assertError(pre, 'AccessDeniedException', 403);
    assert.equal(pre.headers['access-control-allow-origin'], undefined);
    assertError(await adminCall(emu, 'POST', '/__local-endpoint/faults', { throttle: -1 }), 'InvalidInputException');
    assert.equal((await adminCall(emu, 'POST', '/__local-endpoint/reset')).status, 200);
    const empty = (await adminCall(emu, 'GET', '/__local-endpoint/state')).json;
    assert.deepEqual(empty, { datasetGroups: [], eventTrackers: [] });
    assert.deepEqual((await adminCall(emu, 'GET', '/__local-endpoint/events')).json, { events: [] });
    assert.equal(emu.stats().total, 0);
  });

  test("a body above the operation's limit is answered 413 without reading it", async () => {
    const u = new URL(emu.url);
    const response = await new Promise((resolve) => {
      const sock = net.connect(Number(u.port), '127.0.0.1');
      let data = '';
      sock.on('data', (d) => { data += d.toString('latin1'); });
      sock.on('error', () => {});
      sock.on('close', () => resolve(data));
      sock.write(`POST / HTTP/1.1\r\nHost: ${u.host}\r\nContent-Type: application/x-amz-json-1.1\r\n` +
        `X-Amz-Target: AmazonPersonalize.ListEventTrackers\r\nContent-Length: ${BODY_LIMITS.ListEventTrackers + 1}\r\n\r\n{"a":"`);
      sock.write('x'.repeat(1024));
    });
    assert.match(response, /^HTTP\/1\.1 413 /);
    assert.match(response, /x-amzn-ErrorType: RequestEntityTooLargeException/i);

    // also when the body is streamed (chunked, no Content-Length)
    const chunked = await new Promise((resolve, reject) => {
      const req = http.request({ host: '127.0.0.1', port: u.port, method: 'POST', path: '/', agent: false,
        headers: { 'content-type': 'application/x-amz-json-1.1', 'x-amz-target': 'AmazonPersonalize.ListEventTrackers' } }, (res) => {
        res.resume();
        res.on('end', () => resolve(res.statusCode));
      });
      req.on('error', (e) => (['EPIPE', 'ECONNRESET'].includes(e.code) ? resolve(e.code) : reject(e)));
      const chunk = Buffer.alloc(256 * 1024, 0x20);
      let sent = 0;
      const pump = () => {
        while (sent < 8) {
          sent++;
          if (!req.write(chunk)) { req.once('drain', pump); return; }
        }
        req.end();
      };
      pump();
    });
    assert.ok([413, 'EPIPE', 'ECONNRESET'].includes(chunked), `got ${chunked}`);
    // the server is still fine
    ok(await call(emu, 'ListDatasetGroups', {}));
  });

  test('wire compatibility with @aws-sdk/client-personalize and @aws-sdk/client-personalize-events', async () => {
    const {
      PersonalizeClient, CreateDatasetGroupCommand, DescribeDatasetGroupCommand, CreateEventTrackerCommand,
      DescribeEventTrackerCommand, ListEventTrackersCommand, DeleteEventTrackerCommand,
    } = await import('@aws-sdk/client-personalize');
    const { PersonalizeEventsClient, PutEventsCommand } = await import('@aws-sdk/client-personalize-events');
    const config = { endpoint: emu.url, region: 'us-east-1', credentials: DEMO, maxAttempts: 1 };
    const client = new PersonalizeClient(config);
    const events = new PersonalizeEventsClient(config);
    try {
      const dg = await client.send(new CreateDatasetGroupCommand({ name: uniq('sdk'), domain: 'VIDEO_ON_DEMAND' }));
      assert.equal(dg.domain, 'VIDEO_ON_DEMAND');
      assert.match(dg.$metadata.requestId, UUID_RE);
      clock.advance(STEP);
      const described = await client.send(new DescribeDatasetGroupCommand({ datasetGroupArn: dg.datasetGroupArn }));
      assert.equal(described.datasetGroup.status, 'ACTIVE');
      assert.ok(described.datasetGroup.creationDateTime instanceof Date);

      const tr = await client.send(new CreateEventTrackerCommand({ name: uniq('sdk'), datasetGroupArn: dg.datasetGroupArn, tags: [{ tagKey: 'k', tagValue: 'v' }] }));
      assert.match(tr.trackingId, UUID_RE);
      clock.advance(2 * STEP);
      const d = await client.send(new DescribeEventTrackerCommand({ eventTrackerArn: tr.eventTrackerArn }));
      assert.equal(d.eventTracker.status, 'ACTIVE');
      assert.equal(d.eventTracker.trackingId, tr.trackingId);
      assert.ok(d.eventTracker.lastUpdatedDateTime instanceof Date);
      const list = await client.send(new ListEventTrackersCommand({ datasetGroupArn: dg.datasetGroupArn, maxResults: 10 }));
      assert.deepEqual(list.eventTrackers.map((t) => t.eventTrackerArn), [tr.eventTrackerArn]);

      await assert.rejects(client.send(new CreateEventTrackerCommand({ name: uniq('sdk'), datasetGroupArn: dg.datasetGroupArn })),
        (e) => e.name === 'ResourceAlreadyExistsException' && e.$metadata.httpStatusCode === 400);
      await assert.rejects(client.send(new DescribeEventTrackerCommand({ eventTrackerArn: 'arn:aws:personalize:us-east-1:123456789012:event-tracker/12345678' })),
        (e) => e.name === 'ResourceNotFoundException' && /12345678/.test(e.message) && UUID_RE.test(e.$metadata.requestId));
      await assert.rejects(client.send(new CreateEventTrackerCommand({ name: 'a!b', datasetGroupArn: dg.datasetGroupArn })),
        (e) => e.name === 'InvalidInputException' && e.message.startsWith('1 validation error detected'));

      const put = await events.send(new PutEventsCommand({
        trackingId: tr.trackingId, userId: 'u1', sessionId: 's1',
        eventList: [{ eventType: 'click', sentAt: new Date(1732579200123), itemId: 'i1', properties: JSON.stringify({ a: '1' }), eventValue: 1.5 }],
      }));
      assert.equal(put.$metadata.httpStatusCode, 200);
      const stored = emu.events(tr.trackingId);
      assert.equal(stored.length, 1);
      assert.equal(stored[0].event.sentAt, 1732579200.123);
      assert.equal(stored[0].event.properties, '{"a":"1"}');
      await assert.rejects(events.send(new PutEventsCommand({ trackingId: 'unknown', sessionId: 's', eventList: [{ eventType: 'click', sentAt: new Date() }] })),
        (e) => e.name === 'ResourceNotFoundException');
      await assert.rejects(events.send(new PutEventsCommand({ trackingId: tr.trackingId, sessionId: 's', eventList: [] })),
        (e) => e.name === 'InvalidInputException');

      await client.send(new DeleteEventTrackerCommand({ eventTrackerArn: tr.eventTrackerArn }));
      const bad = new PersonalizeClient({ ...config, credentials: { ...DEMO, secretAccessKey: 'nope' } });
      await assert.rejects(bad.send(new ListEventTrackersCommand({})), (e) => e.name === 'InvalidSignatureException');
      bad.destroy();
    } finally {
      client.destroy();
      events.destroy();
    }
  });
});

// ---------------------------------------------------------------------------------------------

test('expired signature: AWS message and the server Date header', async (t) => {
  const fixed = Date.UTC(2026, 0, 1, 0, 10, 0);
  const emu = await startLocalEndpoint({ stepMs: 5, demo: false, now: () => fixed });
  t.after(() => emu.close());
  const r = await call(emu, 'ListEventTrackers', {}, { date: new Date(Date.UTC(2026, 0, 1, 0, 0, 0)) });
  assert.equal(assertError(r, 'InvalidSignatureException'),
    'Signature expired: 20260101T000000Z is now earlier than 20260101T000500Z (20260101T001000Z - 5 min.)');
  assert.equal(r.headers.date, 'Thu, 01 Jan 2026 00:10:00 GMT');
  const future = await call(emu, 'ListEventTrackers', {}, { date: new Date(Date.UTC(2026, 0, 1, 0, 20, 0)) });
  assert.equal(assertError(future, 'InvalidSignatureException'),
    'Signature not yet current: 20260101T002000Z is still later than 20260101T001500Z (20260101T001000Z + 5 min.)');
  // within five minutes is fine
  ok(await call(emu, 'ListEventTrackers', {}, { date: new Date(Date.UTC(2026, 0, 1, 0, 6, 0)) }));
});

test('without --admin the /__local-endpoint routes answer 404 like unknown routes', async (t) => {
  const emu = await startLocalEndpoint({ stepMs: 5, demo: false });
  t.after(() => emu.close());
  for (const [method, p] of [['GET', '/__local-endpoint/stats'], ['POST', '/__local-endpoint/faults'], ['GET', '/__local-endpoint/events'], ['POST', '/__local-endpoint/reset']]) {
    assertError(await adminCall(emu, method, p, method === 'POST' ? { throttle: 1 } : undefined), 'UnknownOperationException', 404);
  }
  ok(await call(emu, 'ListEventTrackers', {}));
});

test('real-time lifecycle with stepMs 5 and the --demo dataset group', async (t) => {
  const emu = await startLocalEndpoint({ stepMs: 5, demo: true });
  t.after(() => emu.close());
  assert.equal(emu.demoDatasetGroupArn, 'arn:aws:personalize:us-east-1:123456789012:dataset-group/demo-dataset-group');
  const dg = ok(await call(emu, 'DescribeDatasetGroup', { datasetGroupArn: emu.demoDatasetGroupArn })).datasetGroup;
  assert.equal(dg.status, 'ACTIVE');
  const { eventTrackerArn } = ok(await call(emu, 'CreateEventTracker', { name: 'demo-tracker', datasetGroupArn: emu.demoDatasetGroupArn }));
  const seen = [];
  for (let i = 0; i < 200; i++) {
    const s = ok(await call(emu, 'DescribeEventTracker', { eventTrackerArn })).eventTracker.status;
    if (seen.at(-1) !== s) seen.push(s);
    if (s === 'ACTIVE') break;
    await new Promise((r) => setTimeout(r, 2));
  }
  assert.equal(seen.at(-1), 'ACTIVE');
  const order = ['CREATE PENDING', 'CREATE IN_PROGRESS', 'ACTIVE'];
  assert.deepEqual(seen, order.filter((s) => seen.includes(s)), 'statuses only move forward');
});

test('the SigV4 verifier passes the AWS SigV4 conformance vectors', async () => {
  // Required, as for the C unit tests and tests/lib/sigv4-suite.mjs: a missing suite fails, never skips.
  const suite = path.resolve(HERE, '../../../shared/sigv4-test-suite/v4');
  assert.ok(fs.existsSync(suite), `the SigV4 test suite is missing: expected it at ${suite}`);
  let checked = 0;
  for (const name of fs.readdirSync(suite).sort()) {
    const dir = path.join(suite, name);
    const signedFile = path.join(dir, 'header-signed-request.txt');
    if (!fs.existsSync(signedFile)) continue;
    const ctx = JSON.parse(fs.readFileSync(path.join(dir, 'context.json'), 'utf8'));
    if (ctx.normalize === false) continue; // the local endpoint normalizes paths like every non-S3 service
    const raw = fs.readFileSync(signedFile, 'utf8');
    const [head, ...rest] = raw.split('\n\n');
    const lines = head.split('\n');
    // request line: METHOD SP path (may hold spaces in these vectors) SP HTTP/1.1
    const method = lines[0].slice(0, lines[0].indexOf(' '));
    const target = lines[0].slice(method.length + 1, lines[0].lastIndexOf(' HTTP/'));
    const headers = {};
    let last;
    for (const line of lines.slice(1)) {
      if (/^\s/.test(line) && last) {
        const arr = headers[last];
        arr[arr.length - 1] += ` ${line.trim()}`;
        continue;
      }
      const i = line.indexOf(':');
      last = line.slice(0, i).toLowerCase();
      (headers[last] ??= []).push(line.slice(i + 1));
    }
    const q = target.indexOf('?');
    const now = Date.parse(ctx.timestamp);
    const creds = ctx.credentials;
    const result = await verifySigV4({
      method, path: q < 0 ? target : target.slice(0, q), query: q < 0 ? '' : target.slice(q + 1),
      headers, body: Buffer.from(rest.join('\n\n')),
    }, {
      now, service: ctx.service,
      lookup: (id) => (id === creds.access_key_id ? { secretAccessKey: creds.secret_access_key, sessionToken: creds.token } : null),
    });
    assert.equal(result.accessKeyId, creds.access_key_id, name);
    // and one flipped character in the signature is rejected
    const auth = headers.authorization[0];
    const flipped = auth.slice(0, -1) + (auth.endsWith('0') ? '1' : '0');
    await assert.rejects(verifySigV4({
      method, path: q < 0 ? target : target.slice(0, q), query: q < 0 ? '' : target.slice(q + 1),
      headers: { ...headers, authorization: [flipped] }, body: Buffer.from(rest.join('\n\n')),
    }, { now, service: ctx.service, lookup: () => ({ secretAccessKey: creds.secret_access_key, sessionToken: creds.token }) }),
    (e) => e instanceof ApiError && e.type === 'InvalidSignatureException', name);
    checked++;
  }
  assert.ok(checked >= 20, `checked ${checked} vectors`);
});

// ---------------------------------------------------------------------------------------------
// the CLI

function startCli(args) {
  const child = spawn(process.execPath, [SERVER, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
  let stderr = '';
  child.stderr.on('data', (d) => { stderr += d; });
  const exited = new Promise((resolve) => child.on('exit', (code, signal) => resolve({ code, signal })));
  const rl = createInterface({ input: child.stdout });
  const lines = [];
  const waiting = [];
  const firstLine = new Promise((resolve, reject) => {
    rl.on('line', (l) => {
      lines.push(l);
      if (lines.length === 1) resolve(l);
      for (const w of waiting) if (w.re.test(l)) w.resolve(l);
    });
    child.on('exit', (code) => reject(new Error(`server exited (${code}) before printing its URL: ${stderr}`)));
  });
  /** The first stdout line that matches re (bounded by the server's exit). */
  const lineMatching = (re) => new Promise((resolve, reject) => {
    const seen = lines.find((l) => re.test(l));
    if (seen) { resolve(seen); return; }
    waiting.push({ re, resolve });
    exited.then(() => reject(new Error(`server exited without printing ${re}: ${stderr}`)));
  });
  /** The admin token a server started with --admin prints (it is new every run). */
  const adminToken = async () => /^admin token: (\S+)/.exec(await lineMatching(/^admin token: /))[1];
  return { child, firstLine, lineMatching, adminToken, exited, lines, stderr: () => stderr };
}

async function stopCli(cli) {
  if (cli.child.exitCode === null && cli.child.signalCode === null) cli.child.kill('SIGTERM');
  return cli.exited;
}

test('CLI: first stdout line is the URL; --state survives a restart; SIGTERM exits 0', async (t) => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'local-endpoint-'));
  t.after(() => fs.rmSync(dir, { recursive: true, force: true }));
  const stateFile = path.join(dir, 'state.json');

  const first = startCli(['--port', '0', '--state', stateFile, '--step-ms', '5', '--admin', '--demo']);
  t.after(() => stopCli(first));
  const url1 = await first.firstLine;
  assert.match(url1, /^http:\/\/127\.0\.0\.1:\d+$/);
  const emu1 = { url: url1 };
  const demoArn = 'arn:aws:personalize:us-east-1:123456789012:dataset-group/demo-dataset-group';
  const { eventTrackerArn, trackingId } = ok(await call(emu1, 'CreateEventTracker', { name: 'kept', datasetGroupArn: demoArn }));
  for (let i = 0; i < 200; i++) {
    if (ok(await call(emu1, 'DescribeEventTracker', { eventTrackerArn })).eventTracker.status === 'ACTIVE') break;
    await new Promise((r) => setTimeout(r, 3));
  }
  assert.equal((await putEvents(emu1, { trackingId, sessionId: 's', eventList: [{ eventType: 'click', sentAt: 1 }] })).status, 200);
  const stateText = fs.readFileSync(stateFile, 'utf8');
  assert.ok(stateText.includes(trackingId), 'state is written after each change');
  assert.deepEqual(fs.readdirSync(dir).sort(), ['state.json', 'state.json.events.jsonl', 'state.json.lock'],
    'the state, its event journal and its lock; no temporary files are left behind');
  assert.deepEqual(await stopCli(first), { code: 0, signal: null });
  assert.ok(!fs.existsSync(`${stateFile}.lock`), 'the lock is released on exit');

  const second = startCli(['--state', stateFile, '--step-ms', '5', '--admin']);
  t.after(() => stopCli(second));
  const emu2 = { url: await second.firstLine, adminToken: await second.adminToken() };
  const d = ok(await call(emu2, 'DescribeEventTracker', { eventTrackerArn })).eventTracker;
  assert.equal(d.status, 'ACTIVE');
  assert.equal(d.trackingId, trackingId);
  ok(await call(emu2, 'DescribeDatasetGroup', { datasetGroupArn: demoArn }));
  const events = (await adminCall(emu2, 'GET', `/__local-endpoint/events?trackingId=${trackingId}`)).json.events;
  assert.equal(events.length, 1);
  assert.equal((await putEvents(emu2, { trackingId, sessionId: 's', eventList: [{ eventType: 'click', sentAt: 2 }] })).status, 200);
  second.child.kill('SIGINT');
  assert.deepEqual(await second.exited, { code: 0, signal: null });
});

test('CLI: --credentials FILE adds key pairs; bad flags exit 2', async (t) => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'local-endpoint-'));
  t.after(() => fs.rmSync(dir, { recursive: true, force: true }));
  const credFile = path.join(dir, 'creds.json');
  fs.writeFileSync(credFile, JSON.stringify([{ accessKeyId: 'AKIDFROMFILE00000001', secretAccessKey: 'file-secret', accountId: '111122223333' }]));
  const cli = startCli(['--credentials', credFile]);
  t.after(() => stopCli(cli));
  const emu = { url: await cli.firstLine };
  const out = ok(await call(emu, 'CreateDatasetGroup', { name: 'from-file' }, { creds: { accessKeyId: 'AKIDFROMFILE00000001', secretAccessKey: 'file-secret' } }));
  assert.match(out.datasetGroupArn, /:111122223333:dataset-group\/from-file$/);
  assert.deepEqual(await stopCli(cli), { code: 0, signal: null });

  const bad = startCli(['--port', 'abc']);
  await assert.rejects(bad.firstLine);
  assert.equal((await bad.exited).code, 2);
});

test('CLI: --max-events N keeps the newest N events, oldest dropped first', async (t) => {
  const cli = startCli(['--max-events', '2', '--step-ms', '1', '--admin', '--demo']);
  t.after(() => stopCli(cli));
  const emu = { url: await cli.firstLine, adminToken: await cli.adminToken() };
  const demoArn = 'arn:aws:personalize:us-east-1:123456789012:dataset-group/demo-dataset-group';
  const { eventTrackerArn, trackingId } = ok(await call(emu, 'CreateEventTracker', { name: 'capped', datasetGroupArn: demoArn }));
  let status;
  for (let i = 0; i < 200 && status !== 'ACTIVE'; i++) { // bounded: 200 polls of 3 ms
    status = ok(await call(emu, 'DescribeEventTracker', { eventTrackerArn })).eventTracker.status;
    if (status !== 'ACTIVE') await new Promise((r) => setTimeout(r, 3));
  }
  assert.equal(status, 'ACTIVE');
  for (const eventId of ['e1', 'e2', 'e3']) {
    assert.equal((await putEvents(emu, { trackingId, sessionId: 's', eventList: [{ eventId, eventType: 'click', sentAt: 1 }] })).status, 200);
  }
  const { events } = JSON.parse((await adminCall(emu, 'GET', `/__local-endpoint/events?trackingId=${trackingId}`)).text);
  assert.deepEqual(events.map((e) => e.event.eventId), ['e2', 'e3']);
  assert.deepEqual(await stopCli(cli), { code: 0, signal: null });
});
