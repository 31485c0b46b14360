// The service client (web/lib/src/service-client.mjs) under injected faults from the local endpoint:
// retries, throttling, 5xx, dropped connections with CreateEventTracker recovery, clock skew,
// timeouts and aborts.
// Every test gets its own endpoint, so fault settings never leak from one test to the next.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { REGION, ACCOUNT, UUID_RE, localEndpointFor, client, uniqueName, rejection } from '../helpers/local-endpoint.mjs';

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
