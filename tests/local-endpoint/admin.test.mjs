// The local endpoint's admin routes (runtime/admin.mjs, runtime/faults.mjs): injected throttling,
// server errors, delays, dropped answers, clock skew and failed creations, limited to some
// operations; stats, the state snapshot and reset; no admin routes without --admin.
import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import http from 'node:http';
import path from 'node:path';
import { startLocalEndpoint } from './runtime/server.mjs';
import { rawRequest, call, putEvents, adminCall, ok, assertError } from './wire.mjs';
import { STEP, activeDatasetGroup, clock, emu, uniq, useMainEndpoint } from './main-endpoint.mjs';

describe('local endpoint admin routes and faults (in-process, admin on)', () => {
  useMainEndpoint();

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
});

test('without --admin the /__local-endpoint routes answer 404 like unknown routes', async (t) => {
  const emu = await startLocalEndpoint({ stepMs: 5, demo: false });
  t.after(() => emu.close());
  for (const [method, p] of [['GET', '/__local-endpoint/stats'], ['POST', '/__local-endpoint/faults'], ['GET', '/__local-endpoint/events'], ['POST', '/__local-endpoint/reset']]) {
    assertError(await adminCall(emu, method, p, method === 'POST' ? { throttle: 1 } : undefined), 'UnknownOperationException', 404);
  }
  ok(await call(emu, 'ListEventTrackers', {}));
});
