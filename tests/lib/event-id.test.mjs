// Resending PutEvents is idempotent: an event without an eventId gets one the C
// core derives from its content (wasm/event_id.h), so the same input sent again is the same events,
// which Personalize (and the local endpoint) keep once. Through the real glue, .wasm and local
// endpoint on 127.0.0.1.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';

import { PersonalizeEventsClient } from '../../web/lib/personalize.mjs';
import { client, eventsClient, localEndpointFor, activeTracker } from '../helpers/local-endpoint.mjs';

/** The rule in wasm/event_id.h, written again here: SHA-256 over length-prefixed trackingId,
 * sessionId, userId ('' when absent) and the event's JSON as sent without its eventId; the first
 * 16 bytes as a UUID with the version 8 and RFC 9562 variant bits. */
function derivedId(trackingId, sessionId, userId, eventJson) {
  const hash = createHash('sha256');
  for (const field of [trackingId, sessionId, userId ?? '', eventJson]) {
    const bytes = Buffer.from(field, 'utf8');
    const length = Buffer.alloc(4);
    length.writeUInt32BE(bytes.length);
    hash.update(length).update(bytes);
  }
  const b = hash.digest().subarray(0, 16);
  b[6] = (b[6] & 0x0f) | 0x80;
  b[8] = (b[8] & 0x3f) | 0x80;
  const hex = b.toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

const UUID_V8 = /^[0-9a-f]{8}-[0-9a-f]{4}-8[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

/** A client whose fetch answers 200 and keeps every body sent. */
function recordingClient() {
  const bodies = [];
  const c = new PersonalizeEventsClient({
    region: 'us-east-1', credentials: { accessKeyId: 'AKID', secretAccessKey: 'secret' },
    fetch: async (url, init) => { bodies.push(JSON.parse(init.body)); return new Response('', { status: 200 }); },
  });
  return { client: c, bodies };
}

const idsSent = (body) => body.eventList.map((e) => e.eventId);

test('eventIds are derived from the event by the documented rule; a given eventId is kept', async () => {
  const { client: c, bodies } = recordingClient();
  const input = {
    trackingId: 'tid', sessionId: 'session-1', userId: 'user-1',
    eventList: [
      { eventType: 'click', sentAt: new Date(Date.UTC(2026, 0, 2, 3, 4, 5, 678)), itemId: 'item-1', properties: { color: 'red', n: 1 } },
      { eventType: 'click', sentAt: 1_767_323_045, eventId: 'mine-1' },
      { eventType: 'view', sentAt: 1_767_323_046.5, eventValue: 2.5, impression: ['a', 'b'], eventId: null },
    ],
  };
  await c.putEvents(input);
  const [body] = bodies;
  assert.equal(body.eventList[1].eventId, 'mine-1');
  for (const i of [0, 2]) {
    const { eventId, ...rest } = body.eventList[i];
    assert.match(eventId, UUID_V8);
    // The event as sent, without its eventId: the members in the model's order, as the body has them.
    assert.equal(eventId, derivedId('tid', 'session-1', 'user-1', JSON.stringify(rest)), `event ${i}`);
  }
  // The input is left as the caller gave it.
  assert.equal(input.eventList[0].eventId, undefined);
  assert.equal(input.eventList[2].eventId, null);
});

test('the same input gives the same eventIds, every time and in every client', async () => {
  const make = () => ({ trackingId: 't', sessionId: 's', eventList: [{ eventType: 'click', sentAt: 1_700_000_000.25, itemId: 'i' }, { eventType: 'view', sentAt: 1_700_000_001 }] });
  const a = recordingClient();
  const b = recordingClient();
  await a.client.putEvents(make());
  await a.client.putEvents(make());
  await b.client.putEvents(make());
  assert.deepEqual(idsSent(a.bodies[1]), idsSent(a.bodies[0]));
  assert.deepEqual(idsSent(b.bodies[0]), idsSent(a.bodies[0]));
  assert.notEqual(idsSent(a.bodies[0])[0], idsSent(a.bodies[0])[1]);
  // A Date and the same epoch seconds are the same event.
  await a.client.putEvents({ trackingId: 't', sessionId: 's', eventList: [{ eventType: 'view', sentAt: new Date(1_700_000_001_000) }] });
  assert.equal(idsSent(a.bodies[2])[0], idsSent(a.bodies[0])[1]);
});

test('events differing in any member, or in user, session or tracker, get different eventIds', async () => {
  const { client: c, bodies } = recordingClient();
  const base = { trackingId: 't', sessionId: 's', userId: 'u' };
  const event = { eventType: 'click', sentAt: 1_700_000_000, itemId: 'i', eventValue: 1, properties: { a: 1 }, recommendationId: 'r', impression: ['x'] };
  const variants = [
    [base, event],
    [base, { ...event, sentAt: 1_700_000_000.001 }],
    [base, { ...event, eventType: 'view' }],
    [base, { ...event, properties: { a: 2 } }],
    [base, { ...event, properties: '{"a":1,"b":2}' }],
    [base, { ...event, itemId: 'j' }],
    [base, { ...event, itemId: undefined }],
    [base, { ...event, eventValue: 2 }],
    [base, { ...event, recommendationId: 'q' }],
    [base, { ...event, impression: ['x', 'y'] }],
    [base, { ...event, metricAttribution: { eventAttributionSource: 'src' } }],
    [{ ...base, userId: 'v' }, event],
    [{ ...base, userId: undefined }, event],
    [{ ...base, sessionId: 's2' }, event],
    [{ ...base, trackingId: 't2' }, event],
  ];
  for (const [top, e] of variants) await c.putEvents({ ...top, eventList: [e] });
  const ids = bodies.map((b) => b.eventList[0].eventId);
  assert.equal(new Set(ids).size, variants.length, JSON.stringify(ids));
  for (const id of ids) assert.match(id, UUID_V8);
});

test('the same putEvents input sent twice is stored once; a given eventId is kept', async (t) => {
  const e = await localEndpointFor(t);
  const tracker = await activeTracker(client(e.url), { datasetGroupArn: e.demoDatasetGroupArn });
  const ec = eventsClient(e.url);
  const input = {
    trackingId: tracker.trackingId, sessionId: 'session-1', userId: 'user-1',
    eventList: [
      { eventType: 'click', sentAt: new Date(Date.UTC(2026, 0, 2)), itemId: 'item-1' },
      { eventType: 'click', sentAt: new Date(Date.UTC(2026, 0, 2)), itemId: 'item-2' },
      { eventType: 'buy', sentAt: new Date(Date.UTC(2026, 0, 2)), itemId: 'item-2', eventId: 'order-77' },
    ],
  };
  await ec.putEvents(input);
  await ec.putEvents(structuredClone(input));
  const stored = await e.events(tracker.trackingId);
  assert.equal(stored.length, 3, 'each event once');
  assert.equal(new Set(stored.map((s) => s.event.eventId)).size, 3);
  assert.ok(stored.some((s) => s.event.eventId === 'order-77' && s.event.eventType === 'buy'));
  assert.equal((await e.stats()).duplicateEvents, 3, 'the second call\'s events were recognized as the first call\'s');
  // A different event is another event.
  await ec.putEvents({ ...input, eventList: [{ ...input.eventList[0], sentAt: new Date(Date.UTC(2026, 0, 2, 0, 0, 1)) }] });
  assert.equal((await e.events(tracker.trackingId)).length, 4);
});

test('a resend after an answer was lost stores each event once, by the client\'s retry or the caller\'s', async (t) => {
  const e = await localEndpointFor(t);
  const tracker = await activeTracker(client(e.url), { datasetGroupArn: e.demoDatasetGroupArn });
  const input = { trackingId: tracker.trackingId, sessionId: 's', eventList: [{ eventType: 'click', sentAt: 1_767_323_045 }, { eventType: 'view', sentAt: 1_767_323_046 }] };

  // The caller's resend: the first call's events are stored, its answer lost.
  await e.setFaults({ dropAfterProcessing: 1, operations: ['PutEvents'] });
  const once = eventsClient(e.url, { maxAttempts: 1 });
  const err = await once.putEvents(input).then(() => assert.fail('the dropped answer should fail the call'), (x) => x);
  assert.equal(err.uncertain, true, `${err.name}: ${err.message}`);
  assert.equal((await e.events(tracker.trackingId)).length, 2, 'the lost call stored its events');
  await once.putEvents(input);
  assert.equal((await e.events(tracker.trackingId)).length, 2, 'the resend stored nothing new');

  // The client's own retry after a lost answer.
  const next = { ...input, sessionId: 's2' };
  await e.setFaults({ dropAfterProcessing: 1, operations: ['PutEvents'] });
  const out = await eventsClient(e.url).putEvents(next);
  assert.equal(out.$metadata.attempts, 2);
  assert.equal((await e.events(tracker.trackingId)).length, 4, 'two more events, once each');
});
