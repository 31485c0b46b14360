// The local endpoint's state: dataset groups and event trackers (with their tags) and their
// lifecycles, and the stored PutEvents events with their de-duplication. With a state file the
// resources are rewritten after each change and events are journaled (state-file.mjs).

import { openStateStore } from './state-file.mjs';

export const DEMO_REGION = 'us-east-1';
export const DEMO_DATASET_GROUP = 'demo-dataset-group';
export const DEMO_ACCOUNT = '123456789012';
export const MAX_STORED_EVENTS = 10000;
const MIN_EVENT_IDS = 100000; // (trackingId, eventId) pairs remembered for de-duplication, at least

const secs = (ms) => ms / 1000;

/**
 * Lifecycles are computed from timestamps on the real clock: `createSteps` steps of stepMs to
 * `finalStatus`, and two steps from a delete to gone (null). Displayed times add the clock skew in
 * force when the change happened (t0/skew0, d0/dskew).
 */
export function lifecycle(rec, now, stepMs, createSteps, finalStatus) {
  const created = secs(rec.t0 + rec.skew0);
  if (rec.d0 !== undefined && rec.d0 !== null) {
    const e = now - rec.d0;
    if (e >= 2 * stepMs) return null;
    if (e >= stepMs) return { status: 'DELETE IN_PROGRESS', created, updated: secs(rec.d0 + stepMs + rec.dskew) };
    return { status: 'DELETE PENDING', created, updated: secs(rec.d0 + rec.dskew) };
  }
  const e = now - rec.t0;
  const names = createSteps === 2 ? ['CREATE PENDING', 'CREATE IN_PROGRESS'] : ['CREATE PENDING'];
  if (e >= names.length * stepMs) return { status: finalStatus, created, updated: secs(rec.t0 + names.length * stepMs + rec.skew0) };
  const idx = Math.max(0, Math.min(Math.floor(e / (stepMs || 1)), names.length - 1));
  return { status: names[idx], created, updated: secs(rec.t0 + idx * stepMs + rec.skew0) };
}

/** The stored events, indexed by trackingId, bounded, with the (trackingId, eventId) pairs seen. */
function eventLog(maxStoredEvents, disk) {
  const maxEventIds = Math.max(MIN_EVENT_IDS, maxStoredEvents);
  let events = [];
  let keys = new Set();
  let byTracker = new Map();
  const keyOf = (trackingId, eventId) => `${trackingId}\n${eventId}`;
  const hasId = (e) => e.eventId !== undefined && e.eventId !== null;
  function remember(key) {
    keys.add(key);
    if (keys.size > maxEventIds) keys.delete(keys.values().next().value);
  }
  function index(rec) {
    const list = byTracker.get(rec.trackingId);
    if (list) list.push(rec);
    else byTracker.set(rec.trackingId, [rec]);
  }
  function trim() {
    if (events.length <= maxStoredEvents) return;
    for (const rec of events.splice(0, events.length - maxStoredEvents)) {
      const list = byTracker.get(rec.trackingId);
      list?.shift(); // the oldest overall are the oldest of their tracker
      if (list && list.length === 0) byTracker.delete(rec.trackingId);
    }
    disk?.maybeCompact(events);
  }
  function replace(list) {
    events = list;
    keys = new Set();
    byTracker = new Map();
    for (const e of events) {
      if (e.event && hasId(e.event)) remember(keyOf(e.trackingId, e.event.eventId));
      index(e);
    }
    trim();
  }
  /** Stores the events not seen before (by eventId); returns how many were repeats. */
  function add(records) {
    const stored = [];
    let duplicates = 0;
    for (const rec of records) {
      if (hasId(rec.event)) {
        const key = keyOf(rec.trackingId, rec.event.eventId);
        if (keys.has(key)) { duplicates++; continue; }
        remember(key);
      }
      events.push(rec);
      index(rec);
      stored.push(rec);
    }
    disk?.appendEvents(stored); // O(1): the state file is not rewritten for events
    trim();
    return duplicates;
  }
  const list = (trackingId) => (trackingId ? (byTracker.get(trackingId) ?? []).slice() : events.slice());
  function clear() {
    replace([]);
    disk?.rewriteEvents(events);
  }
  return { add, list, clear, replace };
}

/** Dataset groups and trackers as the admin route /state shows them, with their current status. */
function snapshotOf({ datasetGroups, trackers, dgView, trView, sweep }) {
  sweep();
  return {
    datasetGroups: [...datasetGroups.values()].map((dg) => {
      const v = dgView(dg);
      return {
        name: dg.name, datasetGroupArn: dg.arn, accountId: dg.accountId, region: dg.region, status: v.status,
        creationDateTime: v.created, lastUpdatedDateTime: v.updated, domain: dg.domain, tags: dg.tags,
      };
    }),
    eventTrackers: [...trackers.values()].map((tr) => {
      const v = trView(tr);
      return {
        name: tr.name, eventTrackerArn: tr.arn, accountId: tr.accountId, region: tr.region, trackingId: tr.trackingId,
        datasetGroupArn: tr.datasetGroupArn, status: v.status, creationDateTime: v.created,
        lastUpdatedDateTime: v.updated, tags: tr.tags,
      };
    }),
  };
}

/**
 * options: { stepMs, now (the real clock), skewMs() (the clock skew now), stateFile, log, maxStoredEvents }.
 * The state file's lock is held until close().
 */
export function openStore({ stepMs, now, skewMs, stateFile, log, maxStoredEvents }) {
  const disk = stateFile ? openStateStore(stateFile, { log }) : null;
  let seq = 0;
  const datasetGroups = new Map(); // arn -> record
  const trackers = new Map(); // arn -> record
  const events = eventLog(maxStoredEvents, disk);

  const save = () => disk?.saveState({ seq, datasetGroups: [...datasetGroups.values()], eventTrackers: [...trackers.values()] });
  const dgView = (dg) => lifecycle(dg, now(), stepMs, 1, 'ACTIVE');
  const trView = (tr) => lifecycle(tr, now(), stepMs, 2, tr.failed ? 'CREATE FAILED' : 'ACTIVE');

  /** Forgets what has finished deleting. */
  function sweep() {
    let changed = false;
    for (const [arn, tr] of trackers) if (!trView(tr)) { trackers.delete(arn); changed = true; }
    for (const [arn, dg] of datasetGroups) if (!dgView(dg)) { datasetGroups.delete(arn); changed = true; }
    if (changed) save();
  }

  /** A new record's common fields: its place in list order and its creation time. */
  const stamp = () => ({ seq: ++seq, t0: now(), skew0: skewMs() });
  function markDeleted(rec) {
    rec.d0 = now();
    rec.dskew = skewMs();
    save();
    sweep();
  }

  function ensureDemo() {
    const arn = `arn:aws:personalize:${DEMO_REGION}:${DEMO_ACCOUNT}:dataset-group/${DEMO_DATASET_GROUP}`;
    if (!datasetGroups.has(arn)) {
      datasetGroups.set(arn, {
        arn, name: DEMO_DATASET_GROUP, accountId: DEMO_ACCOUNT, region: DEMO_REGION, ...stamp(), t0: now() - stepMs, tags: [],
      });
      save();
    }
    return arn;
  }

  function load() {
    const data = disk?.state;
    if (data) {
      seq = data.seq;
      for (const r of data.datasetGroups) datasetGroups.set(r.arn, r);
      for (const r of data.eventTrackers) trackers.set(r.arn, r);
    }
    if (disk) events.replace(disk.events);
  }

  function clearResources() {
    datasetGroups.clear();
    trackers.clear();
  }

  try {
    load();
    sweep();
  } catch (e) {
    disk?.close();
    throw e;
  }
  return {
    datasetGroups, trackers, events, dgView, trView, sweep, save, stamp, markDeleted, ensureDemo, clearResources,
    snapshot: () => snapshotOf({ datasetGroups, trackers, dgView, trView, sweep }),
    close: () => disk?.close(),
  };
}
