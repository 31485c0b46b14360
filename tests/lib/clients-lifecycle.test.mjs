// The clients over their resources' lifecycles against the local endpoint (web/lib/src/clients.mjs):
// statuses as they change, the waiters, listing with pages and the paginators, regions, and an
// endpoint restarted with --state. (Waiters that fail: tests/lib/waiters.test.mjs.)
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  REGION, ACCOUNT, UUID_RE, assertServiceError, startTestEndpoint, localEndpointFor, client, uniqueName, activeDatasetGroup, activeTracker, rejection, spawnNode, stopChild,
} from '../helpers/local-endpoint.mjs';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const SERVER = path.join(ROOT, 'tests/local-endpoint/runtime/server.mjs');
const FAST_WAIT = { minDelay: 0.005, maxDelay: 0.02, maxWaitTime: 10 };

let env; // the shared endpoint (real clock, 10 ms steps)
let pc; // a client of it with the demo credentials

before(async () => {
  env = await startTestEndpoint({ stepMs: 10 });
  pc = client(env.url);
});
after(() => env?.close());

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
