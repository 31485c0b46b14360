// Fault injection against the local endpoint: retries, throttling, 5xx, dropped connections with
// CreateEventTracker recovery, clock skew, timeouts, aborts, waiter failures, PutEvents, and
// credentials from the environment and from shared files (in child processes).
// Every test gets its own endpoint, so fault settings never leak from one test to the next.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import {
  REGION, ACCOUNT, UUID_RE, localEndpointFor, client, eventsClient, uniqueName, activeTracker, rejection, spawnNode, cleanEnv,
} from '../helpers/local-endpoint.mjs';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const GLUE_URL = pathToFileURL(path.join(ROOT, 'web/lib/personalize.mjs')).href;
const FAST_WAIT = { minDelay: 0.005, maxDelay: 0.02, maxWaitTime: 10 };

/** Fixes Math.random (the glue's retry jitter) for the rest of test t. */
function fixRandom(t, value) {
  const random = Math.random;
  Math.random = () => value;
  t.after(() => { Math.random = random; });
  return () => { Math.random = random; };
}

/** The endpoint's log entries for one operation, oldest first. */
async function logFor(e, operation) {
  return (await e.requests()).filter((r) => r.operation === operation);
}

// ---- throttling and 5xx ------------------------------------------------------------------------

for (const throttleName of ['ThrottlingException', 'LimitExceededException']) {
  test(`${throttleName} twice is retried and recovered on the third attempt, after a throttling backoff`, async (t) => {
    const e = await localEndpointFor(t);
    const c = client(e.url);
    await e.setFaults({ throttle: 2, throttleName, operations: ['ListEventTrackers'] });
    // Full jitter over a 500 ms throttling base: random 0.1 gives 50 ms, then 100 ms.
    fixRandom(t, 0.1);
    const out = await c.listEventTrackers();
    assert.ok(Array.isArray(out.eventTrackers));
    assert.equal(out.$metadata.attempts, 3);
    assert.equal(out.$metadata.totalRetryDelay, 150);
    const stats = await e.stats();
    assert.equal(stats.byError[throttleName], 2);
    assert.equal(stats.byOperation.ListEventTrackers, 3);
  });

  test(`${throttleName} that persists is surfaced after maxAttempts attempts`, async (t) => {
    const e = await localEndpointFor(t);
    const c = client(e.url, { maxAttempts: 3 });
    await e.setFaults({ throttle: 100, throttleName });
    fixRandom(t, 0.1);
    const err = await rejection(c.describeDatasetGroup({ datasetGroupArn: e.demoDatasetGroupArn }));
    assert.equal(err.name, throttleName);
    assert.equal(err.message, 'Rate exceeded');
    assert.equal(err.$fault, 'client');
    assert.equal(err.$metadata.httpStatusCode, 400);
    assert.match(err.$metadata.requestId, UUID_RE);
    assert.equal(err.$metadata.attempts, 3);
    assert.equal(err.$metadata.totalRetryDelay, 150);
    assert.equal((await e.stats()).byOperation.DescribeDatasetGroup, 3);
  });
}

test('503 ServiceUnavailable twice is retried and recovered; the create happens once', async (t) => {
  const e = await localEndpointFor(t);
  const c = client(e.url);
  await e.setFaults({ serverError: 2, serverErrorStatus: 503, operations: ['CreateEventTracker'] });
  const name = uniqueName('after503');
  // Full jitter over a 100 ms base: random 0.5 gives 50 ms, then 100 ms.
  fixRandom(t, 0.5);
  const out = await c.createEventTracker({ datasetGroupArn: e.demoDatasetGroupArn, name });
  assert.equal(out.$metadata.attempts, 3);
  assert.equal(out.$metadata.totalRetryDelay, 150);
  assert.equal(out.$metadata.recovered, undefined, 'a plain success is not a recovery');
  const { eventTrackers } = await c.listEventTrackers({ datasetGroupArn: e.demoDatasetGroupArn });
  assert.deepEqual(eventTrackers.map((x) => x.name), [name]);
  assert.equal((await e.stats()).byStatus['503'], 2);
});

test('500 InternalFailure that persists is surfaced as a server fault after maxAttempts', async (t) => {
  const e = await localEndpointFor(t);
  const c = client(e.url, { maxAttempts: 2 });
  await e.setFaults({ serverError: 10 });
  const err = await rejection(c.listDatasetGroups());
  assert.equal(err.name, 'InternalFailure');
  assert.equal(err.$fault, 'server');
  assert.equal(err.$metadata.httpStatusCode, 500);
  assert.equal(err.$metadata.attempts, 2);
  assert.equal((await e.stats()).total, 2);

  await e.setFaults({ serverError: 10, serverErrorStatus: 503 });
  const err2 = await rejection(client(e.url, { maxAttempts: 3 }).listDatasetGroups());
  assert.equal(err2.name, 'ServiceUnavailable');
  assert.equal(err2.$metadata.httpStatusCode, 503);
  assert.equal(err2.$metadata.attempts, 3);
});

test('a non-retryable 4xx is not retried', async (t) => {
  const e = await localEndpointFor(t);
  const c = client(e.url, { maxAttempts: 5 });
  const err = await rejection(c.describeEventTracker({ eventTrackerArn: `arn:aws:personalize:${REGION}:${ACCOUNT}:event-tracker/deadbeef` }));
  assert.equal(err.name, 'ResourceNotFoundException');
  assert.equal(err.$metadata.attempts, 1);
  assert.equal(err.$metadata.totalRetryDelay, 0);
  assert.equal((await e.stats()).byOperation.DescribeEventTracker, 1);
});

test('amz-sdk-invocation-id is the same on every attempt of a call and amz-sdk-request counts attempts', async (t) => {
  const e = await localEndpointFor(t);
  const c = client(e.url, { maxAttempts: 4 });
  await e.setFaults({ throttle: 2, operations: ['ListDatasetGroups'] });
  fixRandom(t, 0.01);
  await c.listDatasetGroups();
  await c.listDatasetGroups();
  const log = await logFor(e, 'ListDatasetGroups');
  assert.equal(log.length, 4);
  const [a1, a2, a3, b1] = log;
  const id = a1.headers['amz-sdk-invocation-id'];
  assert.match(id, UUID_RE);
  assert.equal(a2.headers['amz-sdk-invocation-id'], id);
  assert.equal(a3.headers['amz-sdk-invocation-id'], id);
  assert.notEqual(b1.headers['amz-sdk-invocation-id'], id, 'a new call gets a new invocation id');
  assert.deepEqual(log.map((r) => r.headers['amz-sdk-request']), ['attempt=1; max=4', 'attempt=2; max=4', 'attempt=3; max=4', 'attempt=1; max=4']);
  assert.deepEqual(log.map((r) => r.status), [400, 400, 200, 200]);
});

// ---- dropped connections -------------------------------------------------------------------------

test('a connection dropped after the create is recovered to the same tracker, without a duplicate', async (t) => {
  const e = await localEndpointFor(t);
  const c = client(e.url);
  await e.setFaults({ dropAfterProcessing: 1, operations: ['CreateEventTracker'] });
  const name = uniqueName('dropped');
  const out = await c.createEventTracker({ datasetGroupArn: e.demoDatasetGroupArn, name });
  assert.equal(out.$metadata.recovered, true);
  assert.equal(out.$metadata.httpStatusCode, 200);
  assert.equal(out.$metadata.attempts, 2);
  const stats = await e.stats();
  assert.equal(stats.dropped, 1);
  assert.equal(stats.byOperation.CreateEventTracker, 2);
  assert.equal(stats.byError.ResourceAlreadyExistsException, 1, 'the retry met the tracker the first attempt made');

  const { eventTrackers } = await c.listEventTrackers();
  const mine = eventTrackers.filter((x) => x.name === name);
  assert.equal(mine.length, 1);
  assert.equal(eventTrackers.length, 1);
  assert.equal(out.eventTrackerArn, mine[0].eventTrackerArn);
  const stored = (await e.state()).eventTrackers.find((x) => x.eventTrackerArn === out.eventTrackerArn);
  assert.equal(out.trackingId, stored.trackingId);
});

test('a taken name is still ResourceAlreadyExistsException when no attempt was lost', async (t) => {
  const e = await localEndpointFor(t);
  const c = client(e.url);
  const name = uniqueName('taken');
  await c.createEventTracker({ datasetGroupArn: e.demoDatasetGroupArn, name });
  const err = await rejection(c.createEventTracker({ datasetGroupArn: e.demoDatasetGroupArn, name }));
  assert.equal(err.name, 'ResourceAlreadyExistsException');
  assert.equal(err.$metadata.recovered, undefined);
});

test('dropped connections on other calls are retried as network errors, and surfaced as NetworkError when they persist', async (t) => {
  const e = await localEndpointFor(t);
  await e.setFaults({ dropAfterProcessing: 1 });
  const ok = await client(e.url).listDatasetGroups();
  assert.equal(ok.$metadata.attempts, 2);

  await e.setFaults({ dropAfterProcessing: 10 });
  const err = await rejection(client(e.url, { maxAttempts: 2 }).listDatasetGroups());
  assert.equal(err.name, 'NetworkError');
  assert.equal(err.$metadata.attempts, 2);
  assert.match(err.message, new RegExp(e.url.replace(/[.]/g, '\\.')));
});

// ---- clock skew ----------------------------------------------------------------------------------

for (const skew of [600_000, -600_000]) {
  test(`a server clock ${skew > 0 ? 'ahead' : 'behind'} by 10 minutes is corrected with one immediate retry and remembered`, async (t) => {
    const e = await localEndpointFor(t);
    await e.setFaults({ clockSkewMs: skew });
    const c = client(e.url);
    assert.equal(c.systemClockOffset, 0);
    const out = await c.listEventTrackers();
    assert.equal(out.$metadata.attempts, 2);
    assert.equal(out.$metadata.totalRetryDelay, 0);
    // The Date header has whole seconds, and the answer takes a moment to arrive.
    assert.ok(Math.abs(c.systemClockOffset - skew) < 5000, `systemClockOffset ${c.systemClockOffset}`);
    const [first, second] = await logFor(e, 'ListEventTrackers');
    assert.equal(first.errorType, 'InvalidSignatureException');
    assert.equal(second.status, 200);

    const next = await c.describeDatasetGroup({ datasetGroupArn: e.demoDatasetGroupArn });
    assert.equal(next.$metadata.attempts, 1, 'the offset is kept for the next call');
    // A new client with the learnt offset needs no correction either.
    const again = await client(e.url, { systemClockOffset: c.systemClockOffset }).listDatasetGroups();
    assert.equal(again.$metadata.attempts, 1);
  });
}

// ---- timeouts and aborts -------------------------------------------------------------------------

test('requestTimeout turns a slow answer into TimeoutError quickly', async (t) => {
  const e = await localEndpointFor(t);
  await e.setFaults({ delayMs: 5000, delayCount: 10 });
  let started = Date.now();
  const err = await rejection(client(e.url, { requestTimeout: 100, maxAttempts: 1 }).listEventTrackers());
  assert.equal(err.name, 'TimeoutError');
  assert.match(err.message, /100 ms/);
  assert.equal(err.$metadata.attempts, 1);
  assert.ok(Date.now() - started < 2500, `took ${Date.now() - started} ms (the answer would take 5000)`);

  started = Date.now();
  const err2 = await rejection(client(e.url, { requestTimeout: 100, maxAttempts: 2 }).listEventTrackers());
  assert.equal(err2.name, 'TimeoutError');
  assert.equal(err2.$metadata.attempts, 2, 'a timeout is retried');
  assert.ok(Date.now() - started < 4000);

  // The per-call option overrides the client's (none here).
  started = Date.now();
  const err3 = await rejection(client(e.url, { maxAttempts: 1 }).listEventTrackers({}, { requestTimeout: 80 }));
  assert.equal(err3.name, 'TimeoutError');
  assert.ok(Date.now() - started < 2500);
});

test('a slow answer within requestTimeout succeeds', async (t) => {
  const e = await localEndpointFor(t);
  await e.setFaults({ delayMs: 50, delayCount: 1 });
  const out = await client(e.url, { requestTimeout: 2000 }).listEventTrackers();
  assert.equal(out.$metadata.attempts, 1);
});

test('an AbortSignal aborts an attempt in flight at once with AbortError', async (t) => {
  const e = await localEndpointFor(t);
  await e.setFaults({ delayMs: 5000, delayCount: 1 });
  const controller = new AbortController();
  const started = Date.now();
  const call = rejection(client(e.url).listEventTrackers({}, { signal: controller.signal }));
  // Abort once the endpoint holds the request (bounded: a loaded machine may take a while to send).
  for (let i = 0; i < 200 && !(await e.stats()).byOperation.ListEventTrackers; i++) await new Promise((r) => setTimeout(r, 10));
  const abortedAt = Date.now();
  controller.abort();
  const err = await call;
  assert.ok(Date.now() - abortedAt < 1000, `the abort took ${Date.now() - abortedAt} ms to take effect`);
  assert.equal(err.name, 'AbortError');
  assert.equal(err.$metadata?.attempts, 1);
  assert.ok(Date.now() - started < 4500, `took ${Date.now() - started} ms (the answer would take 5000)`);
  assert.equal((await e.stats()).byOperation.ListEventTrackers, 1, 'not retried');
});

test('an already aborted signal sends nothing', async (t) => {
  const e = await localEndpointFor(t);
  const err = await rejection(client(e.url).listEventTrackers({}, { signal: AbortSignal.abort(new Error('user left')) }));
  assert.equal(err.name, 'AbortError');
  assert.match(err.message, /user left/);
  assert.equal((await e.stats()).total, 0);
});

test('aborting during a retry backoff stops at once', async (t) => {
  const e = await localEndpointFor(t);
  await e.setFaults({ throttle: 100 });
  // Full jitter with random() = 0.99 makes the first throttling backoff 495 ms.
  const restore = fixRandom(t, 0.99);
  const controller = new AbortController();
  let abortedAt;
  const fetchSpy = async (...args) => {
    const res = await fetch(...args);
    setTimeout(() => { abortedAt = Date.now(); controller.abort(); }, 50);
    return res;
  };
  const err = await rejection(client(e.url, { fetch: fetchSpy, maxAttempts: 5 }).listEventTrackers({}, { signal: controller.signal }));
  const ended = Date.now();
  restore();
  assert.equal(err.name, 'AbortError');
  assert.ok(abortedAt, 'the abort fired');
  // Sitting out the backoff would end about 445 ms after the abort.
  assert.ok(ended - abortedAt < 350, `stopped ${ended - abortedAt} ms after the abort`);
  assert.equal((await e.stats()).byOperation.ListEventTrackers, 1, 'no second attempt');
});

// ---- waiters -------------------------------------------------------------------------------------

test('the waiter rejects with WaiterFailureError when the tracker ends in CREATE FAILED', async (t) => {
  const e = await localEndpointFor(t);
  await e.setFaults({ failNextTrackerCreation: true });
  const c = client(e.url);
  const { eventTrackerArn } = await c.createEventTracker({ datasetGroupArn: e.demoDatasetGroupArn, name: uniqueName('doomed') });
  const statuses = [];
  const err = await rejection(c.waitUntilEventTrackerActive({ eventTrackerArn }, { ...FAST_WAIT, onStatus: (s) => statuses.push(s) }));
  assert.equal(err.name, 'WaiterFailureError');
  assert.match(err.message, /CREATE FAILED/);
  assert.equal(err.tracker.status, 'CREATE FAILED');
  assert.equal(statuses.at(-1), 'CREATE FAILED');
  assert.ok(!statuses.includes('ACTIVE'), statuses.join(', '));
  // Only the next creation fails.
  const tracker = await activeTracker(c);
  assert.equal(tracker.status, 'ACTIVE');
});

test('the waiter rejects with WaiterTimeoutError after a short maxWaitTime', async (t) => {
  const e = await localEndpointFor(t, { stepMs: 60_000 });
  const c = client(e.url);
  const { eventTrackerArn } = await c.createEventTracker({ datasetGroupArn: e.demoDatasetGroupArn, name: uniqueName('slow') });
  const started = Date.now();
  const err = await rejection(c.waitUntilEventTrackerActive({ eventTrackerArn }, { minDelay: 0.02, maxDelay: 0.05, maxWaitTime: 0.2 }));
  assert.equal(err.name, 'WaiterTimeoutError');
  assert.match(err.message, /CREATE PENDING/);
  assert.equal(err.tracker.status, 'CREATE PENDING');
  const took = Date.now() - started;
  assert.ok(took < 3000, `took ${took} ms`);
  assert.ok((await e.stats()).byOperation.DescribeEventTracker >= 2, 'it polled more than once');
});

test('the waiter stops at once when its signal aborts', async (t) => {
  const e = await localEndpointFor(t, { stepMs: 60_000 });
  const c = client(e.url);
  const { eventTrackerArn } = await c.createEventTracker({ datasetGroupArn: e.demoDatasetGroupArn, name: uniqueName('abort') });
  const started = Date.now();
  const err = await rejection(c.waitUntilEventTrackerActive({ eventTrackerArn }, { minDelay: 5, maxDelay: 10, maxWaitTime: 60, signal: AbortSignal.timeout(100) }));
  assert.equal(err.name, 'AbortError');
  assert.ok(Date.now() - started < 2500, 'it did not sleep out a 5 s delay');
});

// ---- PutEvents -----------------------------------------------------------------------------------

test('PutEvents to an ACTIVE tracker is stored; sentAt as a Date and as epoch seconds become the right epoch seconds', async (t) => {
  const e = await localEndpointFor(t);
  const tracker = await activeTracker(client(e.url), { datasetGroupArn: e.demoDatasetGroupArn });
  const ec = eventsClient(e.url);
  const out = await ec.putEvents({
    trackingId: tracker.trackingId,
    userId: 'user-1',
    sessionId: 'session-1',
    eventList: [
      { eventType: 'click', sentAt: new Date(Date.UTC(2024, 0, 2, 3, 4, 5, 678)), itemId: 'item-1', eventId: 'e1', eventValue: 2.5, properties: '{"color":"red"}' },
      { eventType: 'view', sentAt: 1_700_000_001.5, itemId: 'item-2', impression: ['item-2', 'item-3'] },
    ],
  });
  assert.equal(out.$metadata.httpStatusCode, 200);
  assert.equal(out.$metadata.attempts, 1);
  const stored = await e.events(tracker.trackingId);
  assert.equal(stored.length, 2);
  assert.ok(stored.every((s) => s.trackingId === tracker.trackingId && s.userId === 'user-1' && s.sessionId === 'session-1'));
  const [a, b] = stored.map((s) => s.event);
  assert.equal(a.sentAt, Date.UTC(2024, 0, 2, 3, 4, 5, 678) / 1000);
  assert.equal(b.sentAt, 1_700_000_001.5);
  assert.deepEqual({ ...a, sentAt: undefined }, { eventType: 'click', sentAt: undefined, itemId: 'item-1', eventId: 'e1', eventValue: 2.5, properties: '{"color":"red"}' });
  assert.deepEqual(b.impression, ['item-2', 'item-3']);
  // Nothing was stored for any other tracking id.
  assert.equal((await e.events()).length, 2);
});

test('PutEvents is retried through throttling like the control plane', async (t) => {
  const e = await localEndpointFor(t);
  const tracker = await activeTracker(client(e.url), { datasetGroupArn: e.demoDatasetGroupArn });
  await e.setFaults({ throttle: 1, operations: ['PutEvents'] });
  fixRandom(t, 0.1);
  const out = await eventsClient(e.url).putEvents({ trackingId: tracker.trackingId, sessionId: 's', eventList: [{ eventType: 'x', sentAt: 1 }] });
  assert.equal(out.$metadata.attempts, 2);
  assert.equal((await e.events(tracker.trackingId)).length, 1, 'stored once');
});

test('PutEvents to an unknown or deleted tracker is ResourceNotFoundException (HTTP 404)', async (t) => {
  const e = await localEndpointFor(t);
  const c = client(e.url);
  const ec = eventsClient(e.url);
  const event = { eventType: 'click', sentAt: new Date() };
  const err = await rejection(ec.putEvents({ trackingId: crypto.randomUUID(), sessionId: 's', eventList: [event] }));
  assert.equal(err.name, 'ResourceNotFoundException');
  assert.equal(err.$fault, 'client');
  assert.equal(err.$metadata.httpStatusCode, 404);
  assert.match(err.$metadata.requestId, UUID_RE);
  assert.equal(err.$metadata.attempts, 1);

  const tracker = await activeTracker(c, { datasetGroupArn: e.demoDatasetGroupArn });
  await ec.putEvents({ trackingId: tracker.trackingId, sessionId: 's', eventList: [event] });
  await c.deleteEventTracker({ eventTrackerArn: tracker.eventTrackerArn });
  const err2 = await rejection(ec.putEvents({ trackingId: tracker.trackingId, sessionId: 's', eventList: [event] }));
  assert.equal(err2.name, 'ResourceNotFoundException');
  assert.equal(err2.$metadata.httpStatusCode, 404);
  assert.equal((await e.events(tracker.trackingId)).length, 1, 'only the event sent while ACTIVE');
});

test('PutEvents validation (11 events, a missing sentAt) throws ValidationError and sends nothing', async (t) => {
  const e = await localEndpointFor(t);
  const ec = eventsClient(e.url);
  const trackingId = crypto.randomUUID();
  const eleven = Array.from({ length: 11 }, (_, i) => ({ eventType: 'click', sentAt: 1_700_000_000 + i }));
  const err = await rejection(ec.putEvents({ trackingId, sessionId: 's', eventList: eleven }));
  assert.equal(err.name, 'ValidationError');
  assert.ok(err.errors.some((x) => /eventList/.test(x.field)), JSON.stringify(err.errors));
  const err2 = await rejection(ec.putEvents({ trackingId, sessionId: 's', eventList: [{ eventType: 'click' }] }));
  assert.equal(err2.name, 'ValidationError');
  assert.ok(err2.errors.some((x) => /sentAt/.test(x.field)), JSON.stringify(err2.errors));
  const err3 = await rejection(ec.putEvents({ trackingId, sessionId: 's', eventList: [{ eventType: 'click', sentAt: new Date(NaN) }] }));
  assert.equal(err3.name, 'ValidationError');
  assert.equal((await e.stats()).total, 0, 'nothing reached the endpoint');
});

// ---- credentials from the environment and shared files (child processes) ----------------------

// The child builds both clients with NO options, goes through a whole lifecycle and prints JSON.
const CHILD = `
const { PersonalizeClient, PersonalizeEventsClient } = await import(${JSON.stringify(GLUE_URL)});
const name = process.env.PW_TEST_NAME;
const c = new PersonalizeClient();
const { datasetGroupArn } = await c.createDatasetGroup({ name });
for (let i = 0; ; i++) {
  const { datasetGroup } = await c.describeDatasetGroup({ datasetGroupArn });
  if (datasetGroup.status === 'ACTIVE') break;
  if (i > 500) throw new Error('dataset group not ACTIVE');
  await new Promise((r) => setTimeout(r, 5));
}
const created = await c.createEventTracker({ datasetGroupArn, name });
await c.waitUntilEventTrackerActive({ eventTrackerArn: created.eventTrackerArn }, { minDelay: 0.005, maxDelay: 0.02, maxWaitTime: 10 });
const events = new PersonalizeEventsClient();
await events.putEvents({ trackingId: created.trackingId, sessionId: 'child', eventList: [{ eventType: 'click', sentAt: 1700000000 }] });
console.log(JSON.stringify({ datasetGroupArn, ...created, region: c.config.region }));
`;

async function runChild(t, env) {
  const child = spawnNode(['--input-type=module', '-e', CHILD], { env, timeoutMs: 15000 });
  t.after(() => { if (child.child.exitCode === null) child.child.kill('SIGKILL'); });
  const { code } = await child.exit;
  assert.equal(code, 0, `child failed: ${child.stderr()}`);
  return JSON.parse(child.lines.at(-1));
}

function tempHome(t) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pw-faults-home-'));
  t.after(() => fs.rmSync(dir, { recursive: true, force: true }));
  return dir;
}

test('a client with no options takes credentials (with a session token), region and endpoint from AWS_* variables', async (t) => {
  const key = { accessKeyId: 'ASIAENVIRONMENTKEY01', secretAccessKey: 'env/secret/key/0000000000000000000000000', sessionToken: 'env-session-token+/=' };
  const e = await localEndpointFor(t, { credentials: [key] });
  const home = tempHome(t);
  const name = uniqueName('fromenv');
  const out = await runChild(t, cleanEnv(home, {
    AWS_ACCESS_KEY_ID: key.accessKeyId, AWS_SECRET_ACCESS_KEY: key.secretAccessKey, AWS_SESSION_TOKEN: key.sessionToken,
    AWS_REGION: 'ap-southeast-2', AWS_ENDPOINT_URL: e.url, PW_TEST_NAME: name,
  }));
  assert.equal(out.region, 'ap-southeast-2');
  assert.match(out.datasetGroupArn, new RegExp(`^arn:aws:personalize:ap-southeast-2:${ACCOUNT}:dataset-group/${name}$`));
  assert.match(out.eventTrackerArn, /^arn:aws:personalize:ap-southeast-2:/);
  const log = await e.requests();
  assert.ok(log.length >= 5);
  for (const r of log) {
    assert.equal(r.status, 200, `${r.operation}: ${r.errorType}`);
    assert.equal(r.accessKeyId, key.accessKeyId);
    assert.equal(r.headers['x-amz-security-token'], '<redacted>', 'sent (the endpoint checked it), and kept out of its log');
    assert.match(r.headers.authorization, /\/ap-southeast-2\/personalize\/aws4_request/);
  }
  assert.ok(log.some((r) => r.operation === 'PutEvents'));
  assert.equal((await e.events(out.trackingId)).length, 1);
});

test('a client with no options takes credentials and region from a profile in the shared files (AWS_PROFILE)', async (t) => {
  const key = { accessKeyId: 'AKIAPROFILEKEY000001', secretAccessKey: 'profile/secret/key/00000000000000000000' };
  const e = await localEndpointFor(t, { credentials: [key] });
  const home = tempHome(t);
  const configFile = path.join(home, 'config-x');
  const credentialsFile = path.join(home, 'credentials-x');
  fs.writeFileSync(configFile, '[default]\nregion = us-west-2\n\n[profile x]\nregion = eu-west-1\n');
  fs.writeFileSync(credentialsFile, `[default]\naws_access_key_id = AKIAWRONGDEFAULT0000\naws_secret_access_key = wrong\n\n[x]\naws_access_key_id = ${key.accessKeyId}\naws_secret_access_key = ${key.secretAccessKey}\n`);
  const name = uniqueName('fromprofile');
  const out = await runChild(t, cleanEnv(home, {
    AWS_PROFILE: 'x', AWS_CONFIG_FILE: configFile, AWS_SHARED_CREDENTIALS_FILE: credentialsFile, AWS_ENDPOINT_URL: e.url, PW_TEST_NAME: name,
  }));
  assert.equal(out.region, 'eu-west-1');
  assert.match(out.datasetGroupArn, new RegExp(`^arn:aws:personalize:eu-west-1:${ACCOUNT}:dataset-group/${name}$`));
  const log = await e.requests();
  assert.ok(log.length >= 5);
  for (const r of log) {
    assert.equal(r.status, 200, `${r.operation}: ${r.errorType}`);
    assert.equal(r.accessKeyId, key.accessKeyId);
    assert.equal(r.headers['x-amz-security-token'], undefined);
  }
  assert.equal((await e.events(out.trackingId)).length, 1);
});
