// The local endpoint as a whole (runtime/endpoint.mjs and its HTTP layer): the headers of every
// answer and CORS, PutEvents, body limits, wire compatibility with AWS's SDK v3 clients, real-time
// lifecycles. Requests are signed with @smithy/signature-v4 directly (wire.mjs; never with
// project code). Every local endpoint test: node --test tests/local-endpoint/*.test.mjs
import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import http from 'node:http';
import net from 'node:net';
import path from 'node:path';
import { startLocalEndpoint, BODY_LIMITS } from './runtime/server.mjs';
import { UUID_RE, rawRequest, call, putEvents, adminCall, ok, assertError } from './wire.mjs';
import { DEMO, STEP, activeDatasetGroup, activeTracker, clock, emu, uniq, useMainEndpoint } from './main-endpoint.mjs';

describe('local endpoint (in-process, admin on)', () => {
  useMainEndpoint();

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
