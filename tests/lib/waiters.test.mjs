// The clients' waiters when the tracker does not get there: CREATE FAILED, maxWaitTime, an aborted
// signal. (Waiters that succeed: tests/lib/clients-lifecycle.test.mjs.) Every test gets its own
// local endpoint, so fault settings never leak from one test to the next.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { localEndpointFor, client, uniqueName, activeTracker, rejection } from '../helpers/local-endpoint.mjs';

const FAST_WAIT = { minDelay: 0.005, maxDelay: 0.02, maxWaitTime: 10 };

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
