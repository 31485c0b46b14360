// PersonalizeEventsClient.putEvents against the local endpoint: stored events and their sentAt,
// retries through throttling, unknown or deleted trackers, validation before anything is sent.
// Every test gets its own endpoint, so fault settings never leak from one test to the next.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { UUID_RE, localEndpointFor, client, eventsClient, activeTracker, rejection } from '../helpers/local-endpoint.mjs';

/** Fixes Math.random (the glue's retry jitter) for the rest of test t. */
function fixRandom(t, value) {
  const random = Math.random;
  Math.random = () => value;
  t.after(() => { Math.random = random; });
  return () => { Math.random = random; };
}

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
