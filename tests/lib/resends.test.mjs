// Resends and recovery through the local endpoint, with the real glue and .wasm: a create POST
// that a fetch sent twice, a create whose answer was lost, a PutEvents resent after its answer was
// lost (web/lib/src/service-client.mjs's recovery and the events' derived ids).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { startTestEndpoint, rejection, DEMO, REGION, uniqueName } from '../helpers/local-endpoint.mjs';
const { PersonalizeClient, PersonalizeEventsClient } = await import('../../web/lib/personalize.mjs');

// ---- resends and recovery through the local endpoint -----------------------------------------

async function localEndpoint(t) {
  const e = await startTestEndpoint();
  t.after(() => e.close());
  return e;
}

const demoClient = (url, config = {}) => new PersonalizeClient({ region: REGION, endpoint: url, credentials: DEMO, loadFromEnvironment: false, ...config });

test('a fetch that resends the create POST by itself (both attempt=1) ends as the recovered tracker, and there is one tracker', async (t) => {
  const e = await localEndpoint(t);
  let sends = 0;
  const resending = async (url, init) => {
    if (init.headers.some(([n, v]) => n === 'X-Amz-Target' && v.endsWith('CreateEventTracker'))) {
      sends += 1;
      await fetch(url, init).then((r) => r.arrayBuffer()); // the first answer is lost to the caller
    }
    return fetch(url, init);
  };
  const name = uniqueName('resent');
  const out = await demoClient(e.url, { fetch: resending }).createEventTracker({ datasetGroupArn: e.demoDatasetGroupArn, name });
  assert.equal(sends, 1);
  assert.equal(out.$metadata.recovered, true);
  assert.equal(out.$metadata.attempts, 1);
  const { eventTrackers } = await demoClient(e.url).listEventTrackers({ datasetGroupArn: e.demoDatasetGroupArn });
  const mine = eventTrackers.filter((tr) => tr.name === name);
  assert.equal(mine.length, 1);
  assert.equal(mine[0].eventTrackerArn, out.eventTrackerArn);
});

test('a tracker that existed before the call stays ResourceAlreadyExistsException, even after a 5xx', async (t) => {
  const e = await localEndpoint(t);
  const name = uniqueName('older');
  await demoClient(e.url).createEventTracker({ datasetGroupArn: e.demoDatasetGroupArn, name });
  await new Promise((resolve) => setTimeout(resolve, 20)); // the next call begins strictly later
  let calls = 0;
  const first503 = async (url, init) => (++calls === 1
    ? new Response('{"__type":"ServiceUnavailable","message":"try again"}', { status: 503 })
    : fetch(url, init));
  const err = await rejection(demoClient(e.url, { fetch: first503 }).createEventTracker({ datasetGroupArn: e.demoDatasetGroupArn, name }));
  assert.equal(err.name, 'ResourceAlreadyExistsException');
  assert.equal(err.$metadata.recovered, undefined);
  assert.equal(err.$metadata.attempts, 2);
});

test('putEvents resent after its answer was lost stores every event once, and returns the ids it used', async (t) => {
  const e = await localEndpoint(t);
  const c = demoClient(e.url);
  const { eventTrackerArn, trackingId } = await c.createEventTracker({ datasetGroupArn: e.demoDatasetGroupArn, name: uniqueName('resend') });
  await c.waitUntilEventTrackerActive({ eventTrackerArn }, { minDelay: 0.01, maxDelay: 0.02 });
  let lose = true;
  const losing = async (url, init) => {
    const response = await fetch(url, init);
    if (lose) {
      lose = false;
      await response.arrayBuffer();
      throw new TypeError('fetch failed: connection reset');
    }
    return response;
  };
  const input = {
    trackingId,
    sessionId: 's-1',
    userId: 'u-1',
    eventList: [
      { eventType: 'click', sentAt: 1_700_000_000, itemId: 'i-1' },
      { eventType: 'click', sentAt: 1_700_000_001, itemId: 'i-1' },
    ],
  };
  const events = new PersonalizeEventsClient({ region: REGION, endpoint: e.url, credentials: DEMO, loadFromEnvironment: false, fetch: losing, maxAttempts: 1 });
  const lost = await rejection(events.putEvents(input));
  assert.equal(lost.name, 'NetworkError');
  const again = await events.putEvents(input);
  assert.equal(again.eventIds.length, 2);
  assert.notEqual(again.eventIds[0], again.eventIds[1]);
  const stored = await e.events(trackingId);
  assert.equal(stored.length, 2, 'each event stored once');
  assert.deepEqual(stored.map((ev) => ev.event.eventId).sort(), [...again.eventIds].sort());
});
