// startLocalEndpoint() as a harness fixture (index.mjs): with no options it is ready for a
// client (url, region, credentials, an ACTIVE datasetGroupArn), its lifecycles take a few steps of
// FIXTURE_STEP_MS, and events(), stats(), setFaults() and close() work in process. The client here
// is the AWS SDK for JavaScript v3, as another harness would use it.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { startLocalEndpoint, FIXTURE_STEP_MS } from './runtime/index.mjs';

test('create -> wait -> put events -> the stored events -> close, with no options at all', async () => {
  const { PersonalizeClient, CreateEventTrackerCommand, DescribeEventTrackerCommand, DescribeDatasetGroupCommand } = await import('@aws-sdk/client-personalize');
  const { PersonalizeEventsClient, PutEventsCommand } = await import('@aws-sdk/client-personalize-events');
  const endpoint = await startLocalEndpoint({ log: () => {} });
  const config = { endpoint: endpoint.url, region: endpoint.region, credentials: endpoint.credentials, maxAttempts: 1 };
  const control = new PersonalizeClient(config);
  const events = new PersonalizeEventsClient(config);
  try {
    assert.equal(endpoint.stepMs, FIXTURE_STEP_MS);
    assert.equal(endpoint.adminToken, null, 'no admin routes unless asked');
    const group = await control.send(new DescribeDatasetGroupCommand({ datasetGroupArn: endpoint.datasetGroupArn }));
    assert.equal(group.datasetGroup.status, 'ACTIVE');

    const { eventTrackerArn, trackingId } = await control.send(new CreateEventTrackerCommand({ name: 'clicks', datasetGroupArn: endpoint.datasetGroupArn }));
    let status;
    for (let i = 0; i < 200 && status !== 'ACTIVE'; i++) { // bounded: 200 polls of 5 ms
      ({ eventTracker: { status } } = await control.send(new DescribeEventTrackerCommand({ eventTrackerArn })));
      if (status !== 'ACTIVE') await new Promise((r) => setTimeout(r, 5));
    }
    assert.equal(status, 'ACTIVE');

    await events.send(new PutEventsCommand({ trackingId, sessionId: 's1', eventList: [{ eventType: 'click', sentAt: new Date(), itemId: 'i1' }] }));
    const stored = endpoint.events(trackingId);
    assert.equal(stored.length, 1);
    assert.equal(stored[0].event.itemId, 'i1');
    assert.equal(endpoint.stats().succeeded.PutEvents, 1);

    endpoint.setFaults({ throttle: 1 });
    await assert.rejects(control.send(new DescribeEventTrackerCommand({ eventTrackerArn })), (e) => e.name === 'ThrottlingException');
  } finally {
    control.destroy();
    events.destroy();
    await endpoint.close();
  }
  await assert.rejects(fetch(endpoint.url), 'closed: nothing listens any more');
});

test('[Symbol.asyncDispose] closes it, so `await using endpoint = await startLocalEndpoint()` stops it at the end of the block', async () => {
  const endpoint = await startLocalEndpoint({ log: () => {} });
  assert.equal(typeof endpoint[Symbol.asyncDispose], 'function');
  assert.equal((await fetch(endpoint.url, { method: 'OPTIONS' })).ok, true, 'listening before');
  await endpoint[Symbol.asyncDispose]();
  await assert.rejects(fetch(endpoint.url), 'closed: nothing listens any more');
});
