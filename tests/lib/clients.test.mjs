// End to end: the glue (web/lib/personalize.mjs + personalize.wasm) from Node.js against the local
// Personalize endpoint (tests/local-endpoint/runtime/server.mjs): successes, every modelled error, auth failures,
// lifecycles, paging, waiters and a restart with --state.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { signRequest, parseResponse } from '../../web/lib/personalize.mjs';
import {
  DEMO, REGION, ACCOUNT, UUID_RE, startTestEndpoint, localEndpointFor, client, uniqueName, activeDatasetGroup,
  activeTracker, rejection, spawnNode, stopChild,
} from '../helpers/local-endpoint.mjs';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const SERVER = path.join(ROOT, 'tests/local-endpoint/runtime/server.mjs');
const SESSION = { accessKeyId: 'ASIAE2ESESSIONKEY001', secretAccessKey: 'e2e/session/secret/key/0000000000000000', sessionToken: 'FwoGZXIvYXdzE2ETOKEN//e2e+token=' };
const FAST_WAIT = { minDelay: 0.005, maxDelay: 0.02, maxWaitTime: 10 };

let env; // the shared endpoint (real clock, 10 ms steps)
let pc; // a client of it with the demo credentials

before(async () => {
  env = await startTestEndpoint({ stepMs: 10, credentials: [SESSION] });
  pc = client(env.url);
});
after(() => env?.close());

/** Asserts a modelled service error as the glue surfaces it. */
function assertServiceError(err, name, { fault = 'client', status = 400, message } = {}) {
  assert.equal(err.name, name, `expected ${name}, got ${err.name}: ${err.message}`);
  assert.ok(err instanceof Error);
  assert.equal(typeof err.message, 'string');
  assert.ok(err.message.length > 0, 'message is empty');
  if (message) assert.match(err.message, message);
  assert.equal(err.$fault, fault);
  assert.equal(err.$metadata.httpStatusCode, status);
  assert.match(err.$metadata.requestId, UUID_RE);
}

/** The local endpoint's log entry for a request id (proves the id is the one the endpoint sent). */
async function logged(e, requestId) {
  const entry = (await e.requests()).find((r) => r.requestId === requestId);
  assert.ok(entry, `request ${requestId} is not in the endpoint's log`);
  return entry;
}

/** Signs a control-plane request with the glue's signRequest; returns what fetch needs. */
async function signed(url, operation, body, { credentials = DEMO, region = REGION } = {}) {
  const host = new URL(url).host;
  const out = await signRequest({
    method: 'POST',
    path: '/',
    headers: { host, 'content-type': 'application/x-amz-json-1.1', 'x-amz-target': `AmazonPersonalize.${operation}` },
    body,
  }, { credentials, region, service: 'personalize' });
  return out.headers.filter(([n]) => n.toLowerCase() !== 'host');
}

async function send(url, headers, body) {
  const res = await fetch(url, { method: 'POST', headers, body });
  return { status: res.status, headers: res.headers, body: new Uint8Array(await res.arrayBuffer()) };
}

// ---- success paths -------------------------------------------------------------------------------

test('CreateEventTracker without tags returns the ARN and trackingId the endpoint stored', async () => {
  const datasetGroupArn = await activeDatasetGroup(pc);
  const name = uniqueName('plain');
  const out = await pc.createEventTracker({ datasetGroupArn, name });
  assert.match(out.eventTrackerArn, new RegExp(`^arn:aws:personalize:${REGION}:${ACCOUNT}:event-tracker/[0-9a-f]{8}$`));
  assert.match(out.trackingId, UUID_RE);
  assert.equal(out.$metadata.httpStatusCode, 200);
  assert.equal(out.$metadata.attempts, 1);
  assert.equal(out.$metadata.totalRetryDelay, 0);
  await logged(env, out.$metadata.requestId);
  const stored = (await env.state()).eventTrackers.find((t) => t.eventTrackerArn === out.eventTrackerArn);
  assert.equal(stored.name, name);
  assert.equal(stored.trackingId, out.trackingId);
  assert.equal(stored.datasetGroupArn, datasetGroupArn);
  assert.deepEqual(stored.tags, []);
});

test('CreateEventTracker with tags stores every tag as sent', async () => {
  const datasetGroupArn = await activeDatasetGroup(pc);
  const tags = [{ tagKey: 'team', tagValue: 'growth' }, { tagKey: 'café clé', tagValue: '' }, { tagKey: 'a.b:c/d=e+f-g@h_i', tagValue: 'v 1' }];
  const out = await pc.createEventTracker({ datasetGroupArn, name: uniqueName('tagged'), tags });
  const stored = (await env.state()).eventTrackers.find((t) => t.eventTrackerArn === out.eventTrackerArn);
  assert.deepEqual(stored.tags, tags);
});

test('a session token is sent and accepted; a wrong one is UnrecognizedClientException', async () => {
  const sc = client(env.url, { credentials: SESSION });
  const datasetGroupArn = await activeDatasetGroup(sc);
  const out = await sc.createEventTracker({ datasetGroupArn, name: uniqueName('session') });
  assert.match(out.trackingId, UUID_RE);
  const entry = await logged(env, out.$metadata.requestId);
  assert.equal(entry.accessKeyId, SESSION.accessKeyId);
  assert.equal(entry.headers['x-amz-security-token'], '<redacted>', 'sent (the endpoint checked it), and kept out of its log');
  assert.match(sc.lastRequest.headers.find(([n]) => n.toLowerCase() === 'authorization')[1], /SignedHeaders=[^,]*x-amz-security-token/);

  const wrong = client(env.url, { credentials: { ...SESSION, sessionToken: 'not-the-token' } });
  const err = await rejection(wrong.listEventTrackers());
  assertServiceError(err, 'UnrecognizedClientException', { message: /security token included in the request is invalid/ });
  assert.equal(err.$metadata.attempts, 1);
});

test('a credentials provider function is called and its keys are used', async () => {
  let calls = 0;
  const c = client(env.url, { credentials: async () => { calls++; return SESSION; } });
  const out = await c.listEventTrackers({ maxResults: 1 });
  assert.ok(calls >= 1);
  assert.equal((await logged(env, out.$metadata.requestId)).accessKeyId, SESSION.accessKeyId);
});

// ---- modelled errors -------------------------------------------------------------------------------

test('an unknown dataset group is ResourceNotFoundException with message, fault and request id', async () => {
  const missing = `arn:aws:personalize:${REGION}:${ACCOUNT}:dataset-group/${uniqueName('missing')}`;
  const err = await rejection(pc.createEventTracker({ datasetGroupArn: missing, name: uniqueName('t') }));
  assertServiceError(err, 'ResourceNotFoundException', { message: new RegExp(missing) });
  assert.equal(err.$metadata.attempts, 1, 'a 4xx is not retried');
  const entry = await logged(env, err.$metadata.requestId);
  assert.equal(entry.errorType, 'ResourceNotFoundException');

  const err2 = await rejection(pc.describeEventTracker({ eventTrackerArn: `arn:aws:personalize:${REGION}:${ACCOUNT}:event-tracker/00000000` }));
  assertServiceError(err2, 'ResourceNotFoundException');
});

test('a tracker name already taken is ResourceAlreadyExistsException', async () => {
  const name = uniqueName('dup');
  await pc.createEventTracker({ datasetGroupArn: await activeDatasetGroup(pc), name });
  const err = await rejection(pc.createEventTracker({ datasetGroupArn: await activeDatasetGroup(pc), name }));
  assertServiceError(err, 'ResourceAlreadyExistsException', { message: new RegExp(name) });
});

test('a second tracker for the same dataset group is ResourceAlreadyExistsException', async () => {
  const datasetGroupArn = await activeDatasetGroup(pc);
  const first = await pc.createEventTracker({ datasetGroupArn, name: uniqueName('one') });
  const err = await rejection(pc.createEventTracker({ datasetGroupArn, name: uniqueName('two') }));
  assertServiceError(err, 'ResourceAlreadyExistsException', { message: /only one event tracker/ });
  assert.ok(err.message.includes(first.eventTrackerArn));
  const { eventTrackers } = await pc.listEventTrackers({ datasetGroupArn });
  assert.deepEqual(eventTrackers.map((t) => t.eventTrackerArn), [first.eventTrackerArn]);
});

test('a tracker on a dataset group that is not ACTIVE yet is ResourceInUseException; so is deleting a CREATE PENDING tracker', async (t) => {
  const m = await localEndpointFor(t, { manualClock: true, stepMs: 1000 });
  const c = client(m.url);
  const { datasetGroupArn } = await c.createDatasetGroup({ name: uniqueName('young') });
  const err = await rejection(c.createEventTracker({ datasetGroupArn, name: uniqueName('early') }));
  assertServiceError(err, 'ResourceInUseException', { message: /CREATE PENDING/ });

  m.advance(1000); // the dataset group is ACTIVE now
  const { eventTrackerArn } = await c.createEventTracker({ datasetGroupArn, name: uniqueName('pending') });
  const err2 = await rejection(c.deleteEventTracker({ eventTrackerArn }));
  assertServiceError(err2, 'ResourceInUseException', { message: /CREATE PENDING/ });
  assert.equal((await c.describeEventTracker({ eventTrackerArn })).eventTracker.status, 'CREATE PENDING', 'the refused delete changed nothing');
});

test('InvalidInputException from the endpoint: a tag key the client refuses, sent with signRequest + fetch', async () => {
  const body = JSON.stringify({ datasetGroupArn: env.demoDatasetGroupArn, name: uniqueName('bad'), tags: [{ tagKey: 'a!b', tagValue: 'v' }] });
  // The client refuses it itself ...
  const local = await rejection(pc.createEventTracker(JSON.parse(body)));
  assert.equal(local.name, 'ValidationError');
  // ... so it goes out signed by hand, and the endpoint's answer is parsed by the glue.
  const res = await send(env.url, await signed(env.url, 'CreateEventTracker', body), body);
  assert.equal(res.status, 400);
  const err = await rejection(parseResponse('CreateEventTracker', res));
  assertServiceError(err, 'InvalidInputException', { message: /^1 validation error detected: Value at 'tags\.1\.member\.tagKey' failed to satisfy constraint: Member must satisfy regular expression pattern/ });
  assert.ok(!err.message.includes('a!b'), 'a sensitive tag key is not echoed');
  assert.equal(err.$metadata.requestId, res.headers.get('x-amzn-requestid'));

  // Several failures: 'N validation errors detected: ...; ...'
  const body2 = JSON.stringify({ datasetGroupArn: 'not-an-arn', name: '-bad' });
  const res2 = await send(env.url, await signed(env.url, 'CreateEventTracker', body2), body2);
  const err2 = await rejection(parseResponse('CreateEventTracker', res2));
  assertServiceError(err2, 'InvalidInputException', { message: /^2 validation errors detected: Value '-bad' at 'name'.*; Value 'not-an-arn' at 'datasetGroupArn'/ });
});

test('51 tags pass the client (limit 200) and the endpoint answers TooManyTagsException', async () => {
  const tags = Array.from({ length: 51 }, (_, i) => ({ tagKey: `k${i}`, tagValue: `v${i}` }));
  const datasetGroupArn = await activeDatasetGroup(pc);
  const before = (await env.stats()).byOperation.CreateEventTracker ?? 0;
  const err = await rejection(pc.createEventTracker({ datasetGroupArn, name: uniqueName('tags'), tags }));
  assertServiceError(err, 'TooManyTagsException', { message: /51/ });
  assert.equal((await env.stats()).byOperation.CreateEventTracker, before + 1, 'the request reached the endpoint');
  // 50 are fine.
  const ok = await pc.createEventTracker({ datasetGroupArn, name: uniqueName('tags'), tags: tags.slice(0, 50) });
  assert.match(ok.trackingId, UUID_RE);
});

test('a bogus nextToken is InvalidNextTokenException', async () => {
  const err = await rejection(pc.listEventTrackers({ nextToken: 'bm90LWEtdG9rZW4' }));
  assertServiceError(err, 'InvalidNextTokenException', { message: /nextToken/ });
  const err2 = await rejection(pc.listDatasetGroups({ nextToken: 'garbage' }));
  assertServiceError(err2, 'InvalidNextTokenException');
});

test('a ValidationError sends nothing to the endpoint', async () => {
  const before = await env.stats();
  const cases = [
    () => pc.createEventTracker({ datasetGroupArn: env.demoDatasetGroupArn, name: 'bad name!' }),
    () => pc.createEventTracker({ datasetGroupArn: 'arn:aws:s3:::bucket', name: 'ok' }),
    () => pc.createEventTracker({ datasetGroupArn: env.demoDatasetGroupArn, name: 'x'.repeat(64) }),
    () => pc.createEventTracker({ datasetGroupArn: env.demoDatasetGroupArn, name: 'ok', tags: Array.from({ length: 201 }, (_, i) => ({ tagKey: `k${i}`, tagValue: '' })) }),
    () => pc.listEventTrackers({ maxResults: 0 }),
    () => pc.describeEventTracker({}),
  ];
  for (const call of cases) {
    const err = await rejection(call);
    assert.equal(err.name, 'ValidationError', err.message);
    assert.ok(Array.isArray(err.errors) && err.errors.length > 0);
  }
  const afterStats = await env.stats();
  assert.equal(afterStats.total, before.total, 'the endpoint received a request');
});

// ---- authentication --------------------------------------------------------------------------------

test('a wrong secret key is InvalidSignatureException, not retried', async () => {
  const c = client(env.url, { credentials: { accessKeyId: DEMO.accessKeyId, secretAccessKey: `${DEMO.secretAccessKey}x` } });
  const err = await rejection(c.listEventTrackers());
  assertServiceError(err, 'InvalidSignatureException', { message: /^The request signature we calculated does not match/ });
  assert.equal(err.$metadata.attempts, 1);
  assert.equal(c.systemClockOffset, 0, 'the clock is not "corrected" when it was right');
  const entry = await logged(env, err.$metadata.requestId);
  assert.ok(entry.signatureDebug?.canonicalRequest, 'the endpoint recorded what it expected');
});

test('an unknown access key is UnrecognizedClientException', async () => {
  const c = client(env.url, { credentials: { accessKeyId: 'AKIAUNKNOWNKEY000000', secretAccessKey: DEMO.secretAccessKey } });
  const err = await rejection(c.listDatasetGroups());
  assertServiceError(err, 'UnrecognizedClientException', { message: /^The security token included in the request is invalid\.$/ });
});

test('an unsigned request (plain fetch) is MissingAuthenticationTokenException', async () => {
  const res = await send(env.url, { 'content-type': 'application/x-amz-json-1.1', 'x-amz-target': 'AmazonPersonalize.ListEventTrackers' }, '{}');
  assert.equal(res.status, 400);
  const err = await rejection(parseResponse('ListEventTrackers', res));
  assertServiceError(err, 'MissingAuthenticationTokenException', { message: /^Missing Authentication Token$/ });
});

test('a body changed after signing is InvalidSignatureException', async () => {
  const body = JSON.stringify({ datasetGroupArn: env.demoDatasetGroupArn, maxResults: 10 });
  const headers = await signed(env.url, 'ListEventTrackers', body);
  // The untouched request is accepted (so the signature itself was right) ...
  const good = await send(env.url, headers, body);
  assert.equal(good.status, 200, new TextDecoder().decode(good.body));
  const out = await parseResponse('ListEventTrackers', good);
  assert.ok(Array.isArray(out.eventTrackers));
  // ... and the same headers with another body (same length, one digit changed) are not.
  const tampered = body.replace('"maxResults":10', '"maxResults":99');
  assert.equal(tampered.length, body.length);
  assert.notEqual(tampered, body);
  const res = await send(env.url, headers, tampered);
  const err = await rejection(parseResponse('ListEventTrackers', res));
  assertServiceError(err, 'InvalidSignatureException', { message: /signature we calculated does not match/ });
});

// ---- lifecycles ------------------------------------------------------------------------------------

test('DescribeEventTracker shows CREATE PENDING, CREATE IN_PROGRESS, then ACTIVE, with Date timestamps', async (t) => {
  const m = await localEndpointFor(t, { manualClock: true, stepMs: 1000 });
  const c = client(m.url);
  const datasetGroupArn = m.demoDatasetGroupArn;
  const name = uniqueName('life');
  const created = await c.createEventTracker({ datasetGroupArn, name });
  const seen = [];
  for (const step of [0, 1000, 1000]) {
    m.advance(step);
    const { eventTracker } = await c.describeEventTracker({ eventTrackerArn: created.eventTrackerArn });
    seen.push(eventTracker);
  }
  assert.deepEqual(seen.map((x) => x.status), ['CREATE PENDING', 'CREATE IN_PROGRESS', 'ACTIVE']);
  for (const tr of seen) {
    assert.ok(tr.creationDateTime instanceof Date && !Number.isNaN(tr.creationDateTime.getTime()));
    assert.ok(tr.lastUpdatedDateTime instanceof Date);
    assert.equal(tr.name, name);
    assert.equal(tr.trackingId, created.trackingId);
    assert.equal(tr.datasetGroupArn, datasetGroupArn);
    assert.equal(tr.accountId, ACCOUNT);
  }
  assert.equal(seen[0].creationDateTime.getTime(), seen[2].creationDateTime.getTime());
  assert.deepEqual(seen.map((x) => x.lastUpdatedDateTime.getTime() - x.creationDateTime.getTime()), [0, 1000, 2000]);
  assert.ok(Math.abs(seen[0].creationDateTime.getTime() - Date.now()) < 60_000, 'creation time is about now');
});

/**
 * A client of a manual-clock endpoint whose clock moves half a lifecycle step after every request,
 * so a waiter polling it meets every status twice, however busy the machine is.
 */
async function halfStepClient(t) {
  const m = await localEndpointFor(t, { manualClock: true, stepMs: 1000 });
  const fetchAndTick = async (...args) => {
    const res = await fetch(...args);
    m.advance(500);
    return res;
  };
  return { m, c: client(m.url, { fetch: fetchAndTick }) };
}

test('waitUntilEventTrackerActive reports every status in order and resolves with the ACTIVE tracker', async (t) => {
  const { m, c } = await halfStepClient(t);
  const { eventTrackerArn } = await c.createEventTracker({ datasetGroupArn: m.demoDatasetGroupArn, name: uniqueName('wait') });
  const statuses = [];
  const tracker = await c.waitUntilEventTrackerActive({ eventTrackerArn }, { ...FAST_WAIT, onStatus: (s, tr) => statuses.push([s, tr.status]) });
  assert.deepEqual(statuses.map(([s]) => s), ['CREATE PENDING', 'CREATE IN_PROGRESS', 'ACTIVE']);
  assert.ok(statuses.every(([s, trStatus]) => s === trStatus));
  assert.equal(tracker.status, 'ACTIVE');
  assert.equal(tracker.eventTrackerArn, eventTrackerArn);
  assert.ok(tracker.lastUpdatedDateTime instanceof Date);
  assert.equal((await m.stats()).byOperation.DescribeEventTracker, 4, 'it polled until ACTIVE, then stopped');
});

test('the waiter polls in real time (150 ms steps) and reports the statuses in order', async (t) => {
  const slow = await localEndpointFor(t, { stepMs: 150 });
  const c = client(slow.url);
  const { eventTrackerArn } = await c.createEventTracker({ datasetGroupArn: slow.demoDatasetGroupArn, name: uniqueName('wait') });
  const statuses = [];
  await c.waitUntilEventTrackerActive({ eventTrackerArn }, { minDelay: 0.005, maxDelay: 0.01, maxWaitTime: 10, onStatus: (s) => statuses.push(s) });
  assert.equal(statuses.at(-1), 'ACTIVE');
  assert.deepEqual(statuses, ['CREATE PENDING', 'CREATE IN_PROGRESS', 'ACTIVE'].filter((s) => statuses.includes(s)), 'in order');
  assert.ok(statuses.length >= 2);
});

test('delete, then waitUntilEventTrackerDeleted sees DELETE PENDING and DELETE IN_PROGRESS and resolves when it is gone', async (t) => {
  const { m, c } = await halfStepClient(t);
  const { eventTrackerArn } = await c.createEventTracker({ datasetGroupArn: m.demoDatasetGroupArn, name: uniqueName('del') });
  await c.waitUntilEventTrackerActive({ eventTrackerArn }, FAST_WAIT);
  const out = await c.deleteEventTracker({ eventTrackerArn });
  assert.equal(out.$metadata.httpStatusCode, 200);
  const statuses = [];
  const result = await c.waitUntilEventTrackerDeleted({ eventTrackerArn }, { ...FAST_WAIT, onStatus: (s) => statuses.push(s) });
  assert.deepEqual(statuses, ['DELETE PENDING', 'DELETE IN_PROGRESS', 'DELETED']);
  assert.equal(result.state, 'SUCCESS');
  const err = await rejection(c.describeEventTracker({ eventTrackerArn }));
  assertServiceError(err, 'ResourceNotFoundException');
  const { eventTrackers } = await c.listEventTrackers({ datasetGroupArn: m.demoDatasetGroupArn });
  assert.equal(eventTrackers.length, 0);
  // The dataset group is free for a new tracker.
  const again = await c.createEventTracker({ datasetGroupArn: m.demoDatasetGroupArn, name: uniqueName('next') });
  assert.match(again.trackingId, UUID_RE);
});

test('waitUntilEventTrackerDeleted on a tracker that is not being deleted fails at once', async () => {
  const tracker = await activeTracker(pc);
  const err = await rejection(pc.waitUntilEventTrackerDeleted({ eventTrackerArn: tracker.eventTrackerArn }, FAST_WAIT));
  assert.equal(err.name, 'WaiterFailureError');
  assert.match(err.message, /ACTIVE/);
});

// ---- listing -----------------------------------------------------------------------------------------

test('ListEventTrackers pages with maxResults and the paginator collects every tracker once, in order', async (t) => {
  const m = await localEndpointFor(t, { stepMs: 5, demo: false });
  const c = client(m.url);
  const created = [];
  for (let i = 0; i < 5; i++) {
    const datasetGroupArn = await activeDatasetGroup(c, `page-dg-${i}`);
    created.push((await c.createEventTracker({ datasetGroupArn, name: `page-tr-${i}` })).eventTrackerArn);
  }
  const p1 = await c.listEventTrackers({ maxResults: 2 });
  assert.equal(p1.eventTrackers.length, 2);
  assert.equal(typeof p1.nextToken, 'string');
  const p2 = await c.listEventTrackers({ maxResults: 2, nextToken: p1.nextToken });
  assert.equal(p2.eventTrackers.length, 2);
  const p3 = await c.listEventTrackers({ maxResults: 2, nextToken: p2.nextToken });
  assert.equal(p3.eventTrackers.length, 1);
  assert.equal(p3.nextToken, undefined);
  assert.deepEqual([...p1.eventTrackers, ...p2.eventTrackers, ...p3.eventTrackers].map((x) => x.eventTrackerArn), created);
  for (const s of p1.eventTrackers) {
    assert.ok(s.creationDateTime instanceof Date && s.lastUpdatedDateTime instanceof Date);
    assert.match(s.name, /^page-tr-\d$/);
    assert.equal(typeof s.status, 'string');
  }

  const pages = [];
  for await (const page of c.paginateListEventTrackers({ maxResults: 2 })) {
    pages.push(page);
    assert.ok(pages.length <= 10, 'the paginator does not stop');
  }
  assert.deepEqual(pages.map((p) => p.eventTrackers.length), [2, 2, 1]);
  assert.deepEqual(pages.flatMap((p) => p.eventTrackers.map((x) => x.eventTrackerArn)), created);

  // A filter by dataset group gives just that one, and a token does not cross filters.
  const one = await c.listEventTrackers({ datasetGroupArn: `arn:aws:personalize:${REGION}:${ACCOUNT}:dataset-group/page-dg-3` });
  assert.deepEqual(one.eventTrackers.map((x) => x.name), ['page-tr-3']);
  const err = await rejection(c.listEventTrackers({ datasetGroupArn: `arn:aws:personalize:${REGION}:${ACCOUNT}:dataset-group/page-dg-3`, nextToken: p1.nextToken }));
  assert.equal(err.name, 'InvalidNextTokenException');
});

test('DescribeDatasetGroup and ListDatasetGroups (and its paginator) return the dataset groups with Date timestamps', async (t) => {
  const m = await localEndpointFor(t, { manualClock: true, stepMs: 1000 });
  const c = client(m.url);
  const name = uniqueName('dgs');
  const { datasetGroupArn } = await c.createDatasetGroup({ name, domain: 'ECOMMERCE' });
  assert.equal(datasetGroupArn, `arn:aws:personalize:${REGION}:${ACCOUNT}:dataset-group/${name}`);
  const first = (await c.describeDatasetGroup({ datasetGroupArn })).datasetGroup;
  assert.equal(first.status, 'CREATE PENDING');
  m.advance(1000);
  const { datasetGroup } = await c.describeDatasetGroup({ datasetGroupArn });
  assert.equal(datasetGroup.name, name);
  assert.equal(datasetGroup.status, 'ACTIVE');
  assert.equal(datasetGroup.domain, 'ECOMMERCE');
  assert.ok(datasetGroup.creationDateTime instanceof Date);
  assert.ok(datasetGroup.lastUpdatedDateTime instanceof Date);
  assert.equal(datasetGroup.lastUpdatedDateTime - datasetGroup.creationDateTime, 1000);

  const list = await c.listDatasetGroups();
  const names = list.datasetGroups.map((g) => g.name);
  assert.deepEqual(names.sort(), ['demo-dataset-group', name].sort());
  for (const g of list.datasetGroups) assert.ok(g.creationDateTime instanceof Date && g.lastUpdatedDateTime instanceof Date);

  const pages = [];
  for await (const page of c.paginateListDatasetGroups({ maxResults: 1 })) {
    pages.push(page);
    assert.ok(pages.length <= 10);
  }
  assert.deepEqual(pages.map((p) => p.datasetGroups.length), [1, 1]);
  assert.deepEqual(pages.flatMap((p) => p.datasetGroups.map((g) => g.name)).sort(), ['demo-dataset-group', name].sort());

  await c.deleteDatasetGroup({ datasetGroupArn });
  assert.equal((await c.describeDatasetGroup({ datasetGroupArn })).datasetGroup.status, 'DELETE PENDING');
});

test('resources are scoped to their region: another region does not see them', async () => {
  const tracker = await activeTracker(pc);
  const other = client(env.url, { region: 'eu-west-1' });
  const err = await rejection(other.describeEventTracker({ eventTrackerArn: tracker.eventTrackerArn }));
  assertServiceError(err, 'ResourceNotFoundException');
  const { datasetGroupArn } = await other.createDatasetGroup({ name: uniqueName('eu') });
  assert.match(datasetGroupArn, /^arn:aws:personalize:eu-west-1:/);
});

// ---- restart with --state -----------------------------------------------------------------------

test('the endpoint restarted with --state still knows its trackers', async (t) => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pw-e2e-state-'));
  t.after(() => fs.rmSync(dir, { recursive: true, force: true }));
  const stateFile = path.join(dir, 'state.json');
  const args = [SERVER, '--state', stateFile, '--demo', '--step-ms', '10', '--port', '0'];

  const first = spawnNode(args);
  t.after(() => stopChild(first.child, first.exit));
  await first.started;
  const url1 = first.lines[0];
  assert.match(url1, /^http:\/\/127\.0\.0\.1:\d+$/);
  const c1 = client(url1);
  const demoArn = `arn:aws:personalize:${REGION}:${ACCOUNT}:dataset-group/demo-dataset-group`;
  const name = uniqueName('kept');
  const created = await c1.createEventTracker({ datasetGroupArn: demoArn, name, tags: [{ tagKey: 'keep', tagValue: 'me' }] });
  const active = await c1.waitUntilEventTrackerActive({ eventTrackerArn: created.eventTrackerArn }, FAST_WAIT);
  assert.equal((await stopChild(first.child, first.exit)).code, 0);

  const second = spawnNode(args);
  t.after(() => stopChild(second.child, second.exit));
  await second.started;
  const c2 = client(second.lines[0]);
  const { eventTracker } = await c2.describeEventTracker({ eventTrackerArn: created.eventTrackerArn });
  assert.equal(eventTracker.name, name);
  assert.equal(eventTracker.trackingId, created.trackingId);
  assert.equal(eventTracker.status, 'ACTIVE');
  assert.equal(eventTracker.creationDateTime.getTime(), active.creationDateTime.getTime());
  const { eventTrackers } = await c2.listEventTrackers({ datasetGroupArn: demoArn });
  assert.deepEqual(eventTrackers.map((x) => x.eventTrackerArn), [created.eventTrackerArn]);
  // and it still enforces uniqueness against what it loaded
  const err = await rejection(c2.createEventTracker({ datasetGroupArn: demoArn, name: uniqueName('again') }));
  assert.equal(err.name, 'ResourceAlreadyExistsException');
  assert.equal((await stopChild(second.child, second.exit)).code, 0);
});
