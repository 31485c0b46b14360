// One worker's cycle over the dataset group pool, step by step: create a tracker on a free group
// (and find any tracker a failed create made anyway), wait until it is ACTIVE, put a few batches
// of events, describe and list, delete, wait until it is gone, check its events on the endpoint,
// and free the group. A cycle that fails midway keeps its group.
import { admin, sleep } from './endpoint.mjs';
import { acct, count, problem } from './tally.mjs';

const WAIT = { minDelay: 0.005, maxDelay: 0.04, maxWaitTime: 30 };
const TRANSIENT = new Set(['ThrottlingException', 'ServiceUnavailable', 'InternalFailure', 'NetworkError', 'TimeoutError',
  'LimitExceededException', 'WaiterTimeoutError']);

/** Dataset group ARNs without a tracker. */
export const free = [];
let trackerSeq = 0;
let runUntil = Infinity; // after this, cycles in progress skip to their clean-up
const draining = () => Date.now() >= runUntil;
/** From this time on (ms), cycles in progress skip to their clean-up. */
export const drainFrom = (t) => { runUntil = t; };
export const runId = `${process.pid.toString(36)}${Date.now().toString(36).slice(-4)}`;

/** Runs fn again (up to 10 times) when all of the client's own attempts hit faults. */
async function retrying(fn, what) {
  for (let attempt = 1; ; attempt++) {
    try {
      return await fn();
    } catch (err) {
      if (!TRANSIENT.has(err.name) || attempt >= 10) throw Object.assign(err, { message: `${what}: ${err.message}` });
      acct.appRetries++;
      await sleep(10 + Math.random() * 40 * attempt);
    }
  }
}

async function trackerInGroup(pc, datasetGroupArn) {
  const out = await retrying(() => pc.listEventTrackers({ datasetGroupArn }), 'ListEventTrackers');
  acct.maxTrackersPerGroup = Math.max(acct.maxTrackersPerGroup, out.eventTrackers.length);
  if (out.eventTrackers.length > 1) problem(`dataset group ${datasetGroupArn} has ${out.eventTrackers.length} trackers`);
  return out.eventTrackers;
}

/** The tracker made, or made anyway despite an error (found, to clean up); undefined when the
 * create failed cleanly (the group is then free again). */
async function create(pc, datasetGroupArn, name) {
  acct.creates++;
  try {
    const out = await pc.createEventTracker({ datasetGroupArn, name });
    if (out.$metadata.recovered) acct.recovered++;
    else acct.created++;
    return { eventTrackerArn: out.eventTrackerArn, trackingId: out.trackingId };
  } catch (err) {
    count(acct.createErrors, err.name);
    // The error is recorded; did an attempt create the tracker anyway? Then it is ours to clean up.
    const found = await trackerInGroup(pc, datasetGroupArn);
    const mine = found.find((t) => t.name === name);
    if (found.length && !mine) problem(`group ${datasetGroupArn} holds ${found[0].name}, not ${name}`);
    if (!mine) {
      acct.failedClean++;
      free.push(datasetGroupArn);
      return undefined;
    }
    acct.orphaned++;
    const { eventTracker } = await retrying(() => pc.describeEventTracker({ eventTrackerArn: mine.eventTrackerArn }), 'DescribeEventTracker');
    return { eventTrackerArn: eventTracker.eventTrackerArn, trackingId: eventTracker.trackingId };
  }
}

/** A few batches at once, each of 1..8 events with ids chosen here: the ids accepted, and those
 * of unknown outcome (the answer lost). */
async function putBatches(ec, seq, trackingId) {
  const accepted = new Set();
  const uncertain = new Set();
  const batches = draining() ? 0 : 2 + (seq % 3);
  await Promise.all(Array.from({ length: batches }, async (_, b) => {
    const size = 1 + ((seq * 7 + b * 3) % 8);
    const eventList = Array.from({ length: size }, (__, k) => ({
      eventId: `${seq}-${b}-${k}`, eventType: k % 2 ? 'click' : 'view', sentAt: new Date(), itemId: `item-${k}`,
      properties: k % 3 === 0 ? JSON.stringify({ batch: b, k }) : undefined,
    }));
    const input = { trackingId, sessionId: `s-${seq}`, userId: `u-${seq % 97}`, eventList };
    acct.batches++;
    try {
      await ec.putEvents(input);
      for (const e of eventList) accepted.add(e.eventId);
      if ((seq + b) % 20 === 0) { // now and then the same batch again: stored once, counted as duplicates
        await ec.putEvents(input).catch(() => {});
        acct.resentEvents += eventList.length;
      }
    } catch (err) {
      for (const e of eventList) (err.uncertain ? uncertain : null)?.add(e.eventId);
      if (err.uncertain) acct.uncertain += eventList.length;
      else acct.rejected += eventList.length;
    }
  }));
  return { accepted, uncertain };
}

/** Describe and list: one tracker in its group, with our name; now and then every tracker. */
async function describeAndList(pc, seq, { datasetGroupArn, name, eventTrackerArn, trackingId }) {
  const { eventTracker } = await retrying(() => pc.describeEventTracker({ eventTrackerArn }), 'DescribeEventTracker');
  if (eventTracker.name !== name || eventTracker.datasetGroupArn !== datasetGroupArn || eventTracker.trackingId !== trackingId) {
    problem(`DescribeEventTracker ${eventTrackerArn}: ${JSON.stringify(eventTracker)}`);
  }
  const listed = await trackerInGroup(pc, datasetGroupArn);
  if (listed.length !== 1 || listed[0].eventTrackerArn !== eventTrackerArn) {
    acct.listedWrong++;
    problem(`ListEventTrackers(${datasetGroupArn}) = ${JSON.stringify(listed.map((t) => t.name))}, expected [${name}]`);
  }
  if (seq % 25 === 0 && !draining()) { // now and then every tracker of the account, page by page
    await retrying(async () => { for await (const page of pc.paginateListEventTrackers({ maxResults: 100 })) void page; }, 'paginateListEventTrackers');
    acct.fullLists++;
  }
}

/** Delete. A lost answer makes a retry see ResourceInUse (DELETE PENDING) or ResourceNotFound. */
async function remove(pc, eventTrackerArn) {
  for (let attempt = 1; ; attempt++) {
    try {
      await pc.deleteEventTracker({ eventTrackerArn });
      acct.deleted++;
      break;
    } catch (err) {
      let status;
      try {
        status = (await retrying(() => pc.describeEventTracker({ eventTrackerArn }), 'DescribeEventTracker')).eventTracker.status;
      } catch (e) {
        if (e.name !== 'ResourceNotFoundException') throw e;
        status = 'gone';
      }
      if (status === 'gone' || status.startsWith('DELETE')) {
        if (!err.uncertain) problem(`DeleteEventTracker ${eventTrackerArn}: ${err.name} without a lost answer, yet it is ${status}`);
        acct.deleteRecovered++;
        break;
      }
      if (!TRANSIENT.has(err.name) || attempt >= 10) throw err;
      acct.appRetries++;
    }
  }
  await retrying(() => pc.waitUntilEventTrackerDeleted({ eventTrackerArn }, WAIT), 'waitUntilEventTrackerDeleted');
}

/** Its events, as stored: each accepted one exactly once, nothing we did not send. */
async function checkStored(trackingId, { accepted, uncertain }) {
  const { events } = await admin('GET', `/__local-endpoint/events?trackingId=${encodeURIComponent(trackingId)}`);
  const seen = new Map();
  for (const rec of events) seen.set(rec.event.eventId, (seen.get(rec.event.eventId) ?? 0) + 1);
  for (const [id, n] of seen) {
    if (n !== 1) problem(`event ${id} stored ${n} times`);
    if (!accepted.has(id)) {
      if (uncertain.has(id)) acct.uncertainStored++;
      else problem(`event ${id} stored but never sent or rejected`);
    }
  }
  for (const id of accepted) if (!seen.has(id)) problem(`event ${id} accepted but not stored`);
  acct.accepted += accepted.size;
  acct.stored += seen.size;
}

async function cycle(pc, ec) {
  const datasetGroupArn = free.shift();
  const seq = ++trackerSeq;
  const name = `lt-${runId}-${seq}`;
  const tracker = await create(pc, datasetGroupArn, name);
  if (!tracker) return;
  acct.trackersLive++;
  const { eventTrackerArn, trackingId } = tracker;
  await retrying(() => pc.waitUntilEventTrackerActive({ eventTrackerArn }, WAIT), 'waitUntilEventTrackerActive');
  const events = await putBatches(ec, seq, trackingId);
  await describeAndList(pc, seq, { datasetGroupArn, name, eventTrackerArn, trackingId });
  await remove(pc, eventTrackerArn);
  acct.trackersLive--;
  await checkStored(trackingId, events);
  acct.cycles++;
  free.push(datasetGroupArn);
}

/** Cycles until the time is up or no group is free; a failed cycle is a problem. */
export async function worker(pc, ec, until) {
  while (Date.now() < until && free.length > 0) {
    try {
      await cycle(pc, ec);
    } catch (err) {
      problem(`cycle failed: ${err.name}: ${err.message}`);
      await sleep(50);
    }
  }
}
