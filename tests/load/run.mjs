#!/usr/bin/env node
// Fault and load test of the glue (web/lib/personalize.mjs) against the local endpoint
// (tests/local-endpoint/server.mjs, started as a child process on 127.0.0.1 so client and server do not
// share an event loop), with probabilistic faults: throttling, dropped connections (the request is
// processed, then the socket is destroyed) and 503s.
//
//   node tests/load/run.mjs [--seconds N] [--inflight N] [--clients N] [--groups N] [--step-ms MS] [--seed N]
//
// Workers (--inflight of them, spread over --clients PersonalizeClient + PersonalizeEventsClient
// pairs) cycle over a pool of dataset groups: create a tracker on a free group, wait until it is
// ACTIVE, put a few batches of events (eventIds chosen here), describe and list, delete, wait until
// it is gone, check its events on the endpoint, and free the group. Then the accounting:
//   - every create is accounted for: a tracker, or an error recorded (and any tracker the service
//     made anyway found and cleaned up); the endpoint performed exactly as many creations;
//   - no dataset group ever had two trackers, none is left at the end, each was deleted once;
//   - every event the client saw accepted is stored exactly once (duplicates the endpoint received
//     because of retries or re-sends are fine as long as they are stored once);
//   - no unhandled rejection; client memory (JS heap, WASM linear memory and heap) flat.
// Prints throughput, p50/p99 latency per operation, retries, recoveries and errors, then PASS or
// FAIL (exit 1). Bounded: a hard deadline fails the run, and the endpoint is always stopped.

import { spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import { parseArgs } from 'node:util';
import { fileURLToPath } from 'node:url';
import v8 from 'node:v8';
import vm from 'node:vm';

// ---- the WASM instance, captured before the glue loads it --------------------------------------
import { wasmInstance } from '../helpers/wasm-instance.mjs';
const { PersonalizeClient, PersonalizeEventsClient, validate } = await import('../../web/lib/personalize.mjs');

v8.setFlagsFromString('--expose-gc');
const gc = globalThis.gc ?? vm.runInNewContext('gc');

const SERVER = fileURLToPath(new URL('../local-endpoint/server.mjs', import.meta.url));
const DEMO = { accessKeyId: 'AKIAIOSFODNN7EXAMPLE', secretAccessKey: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY' };
const REGION = 'us-east-1';

const USAGE = 'usage: node tests/load/run.mjs [--seconds N] [--inflight N] [--clients N] [--groups N] [--step-ms MS] [--seed N]\n' +
  '                          [--throttle-rate R] [--drop-rate R] [--error-rate R]   (defaults 0.10, 0.02, 0.01)';
let opts;
try {
  opts = parseArgs({
    options: {
      seconds: { type: 'string', default: '60' },
      inflight: { type: 'string', default: '240' },
      clients: { type: 'string', default: '8' },
      groups: { type: 'string' },
      'step-ms': { type: 'string', default: '20' },
      seed: { type: 'string', default: '20240601' },
      'throttle-rate': { type: 'string', default: '0.10' },
      'drop-rate': { type: 'string', default: '0.02' },
      'error-rate': { type: 'string', default: '0.01' },
      help: { type: 'boolean', short: 'h' },
    },
    strict: true,
  }).values;
} catch (e) {
  process.stderr.write(`${e.message}\n${USAGE}\n`);
  process.exit(2);
}
if (opts.help) {
  process.stdout.write(`${USAGE}\n`);
  process.exit(0);
}
const int = (name, min, max) => {
  const v = Number(opts[name]);
  if (!Number.isInteger(v) || v < min || v > max) {
    process.stderr.write(`--${name} must be an integer from ${min} to ${max}\n${USAGE}\n`);
    process.exit(2);
  }
  return v;
};
const SECONDS = int('seconds', 1, 3600);
const WORKERS = int('inflight', 1, 5000);
const CLIENTS = int('clients', 1, 256);
const STEP_MS = int('step-ms', 1, 10000);
const SEED = int('seed', 0, 0xffffffff);
const GROUPS = opts.groups === undefined ? Math.max(400, WORKERS + 50) : int('groups', WORKERS, 100000);
const rate = (name) => {
  const v = Number(opts[name]);
  if (!(v >= 0 && v <= 1)) {
    process.stderr.write(`--${name} must be a number from 0 to 1\n${USAGE}\n`);
    process.exit(2);
  }
  return v;
};
const FAULTS = { throttleRate: rate('throttle-rate'), dropRate: rate('drop-rate'), serverErrorRate: rate('error-rate') };
const HARD_DEADLINE_MS = SECONDS * 1000 * 2 + 90_000;

// ---- bookkeeping -------------------------------------------------------------------------------
const problems = []; // accounting violations: any makes the run FAIL
const problem = (msg) => { if (problems.length < 50) problems.push(msg); else problems.length === 50 && problems.push('…'); };
const unhandled = [];
process.on('unhandledRejection', (reason) => { unhandled.push(String(reason?.stack ?? reason)); });

/** Log-scale latency histogram: constant memory, percentiles within ~2 %. */
class Histogram {
  static BASE = 1.02;
  static MIN = 0.01; // ms
  constructor() { this.counts = new Uint32Array(1200); this.n = 0; }
  add(ms) {
    const i = ms <= Histogram.MIN ? 0 : Math.min(this.counts.length - 1, Math.ceil(Math.log(ms / Histogram.MIN) / Math.log(Histogram.BASE)));
    this.counts[i]++;
    this.n++;
  }
  percentile(p) {
    let target = Math.ceil(this.n * p);
    for (let i = 0; i < this.counts.length; i++) {
      target -= this.counts[i];
      if (target <= 0) return Histogram.MIN * Histogram.BASE ** i;
    }
    return Infinity;
  }
}

const ops = new Map(); // operation -> { latency: Histogram, calls, errors: Map(name -> n), retries }
const opStats = (op) => {
  let s = ops.get(op);
  if (!s) ops.set(op, (s = { latency: new Histogram(), calls: 0, ok: 0, errors: new Map(), retries: 0 }));
  return s;
};
let inflight = 0;
const networkCauses = new Map(); // why the final attempt of a call could not reach the endpoint
const describeCause = (err) => {
  const c = err.cause?.cause ?? err.cause;
  return `${c?.code ?? c?.name ?? 'unknown'}${c?.message ? ` (${c.message})` : ''}`.slice(0, 80);
};

/** Times every call (the waiters' and the recovery's inner calls included) and counts attempts. */
const instrumented = (Base) => class extends Base {
  async send(operation, input, options) {
    const s = opStats(operation);
    const start = performance.now();
    inflight++;
    try {
      const out = await super.send(operation, input, options);
      s.ok++;
      s.retries += out.$metadata.attempts - 1;
      return out;
    } catch (err) {
      s.errors.set(err.name, (s.errors.get(err.name) ?? 0) + 1);
      if (err.name === 'NetworkError') count(networkCauses, describeCause(err));
      s.retries += Math.max(0, (err.$metadata?.attempts ?? 1) - 1);
      throw err;
    } finally {
      inflight--;
      s.calls++;
      s.latency.add(performance.now() - start);
    }
  }
};
const Personalize = instrumented(PersonalizeClient);
const PersonalizeEvents = instrumented(PersonalizeEventsClient);

const acct = {
  creates: 0, created: 0, recovered: 0, failedClean: 0, orphaned: 0, createErrors: new Map(),
  deleted: 0, deleteRecovered: 0, trackersLive: 0, maxTrackersPerGroup: 0, listedWrong: 0,
  batches: 0, accepted: 0, uncertain: 0, uncertainStored: 0, rejected: 0, stored: 0, resentEvents: 0,
  appRetries: 0, fullLists: 0, cycles: 0,
};
const count = (map, key) => map.set(key, (map.get(key) ?? 0) + 1);

// ---- the endpoint, as a child process ----------------------------------------------------------
let child;
let childStderr = '';
async function startServer() {
  child = spawn(process.execPath, [SERVER, '--admin', '--step-ms', String(STEP_MS), '--max-events', '5000000'], { stdio: ['ignore', 'pipe', 'pipe'] });
  child.stderr.setEncoding('utf8');
  child.stderr.on('data', (d) => { childStderr = (childStderr + d).slice(-4000); });
  const exited = new Promise((resolve) => child.once('exit', (code, signal) => resolve({ code, signal })));
  child.exited = exited;
  // stdout: the URL first, then (with --admin) a line with this run's admin token.
  const lines = await new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('the endpoint did not start within 10 s')), 10_000);
    const seen = [];
    createInterface({ input: child.stdout }).on('line', (line) => {
      seen.push(line.trim());
      if (/^admin token: /.test(line)) { clearTimeout(timer); resolve(seen); }
    });
    exited.then(({ code, signal }) => reject(new Error(`the endpoint exited (${code ?? signal}): ${childStderr}`)));
  });
  const url = lines[0];
  if (!/^http:\/\/127\.0\.0\.1:\d+$/.test(url)) throw new Error(`unexpected first line from the endpoint: ${url}`);
  ADMIN_TOKEN = /^admin token: (\S+)/.exec(lines.at(-1))[1];
  return url;
}
async function stopServer() {
  if (!child || child.exitCode !== null || child.signalCode !== null) return;
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), 3000);
  await child.exited;
  clearTimeout(timer);
}
process.on('exit', () => { if (child && child.exitCode === null && child.signalCode === null) child.kill('SIGKILL'); });

let BASE_URL;
let ADMIN_TOKEN; // the endpoint's per-run admin token, read from its stdout
/** An admin route (no faults apply to them); retried on a network error. */
async function admin(method, path, body) {
  for (let attempt = 1; ; attempt++) {
    try {
      const res = await fetch(`${BASE_URL}${path}`, {
        method, headers: { 'x-local-endpoint-admin-token': ADMIN_TOKEN, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
      const text = await res.text();
      if (!res.ok) throw Object.assign(new Error(`${method} ${path}: HTTP ${res.status} ${text}`), { fatal: true });
      return text ? JSON.parse(text) : undefined;
    } catch (err) {
      if (err.fatal || attempt >= 5) throw err;
      await sleep(20 * attempt);
    }
  }
}

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
const TRANSIENT = new Set(['ThrottlingException', 'ServiceUnavailable', 'InternalFailure', 'NetworkError', 'TimeoutError',
  'LimitExceededException', 'WaiterTimeoutError']);

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

// ---- the workers -------------------------------------------------------------------------------
const WAIT = { minDelay: 0.005, maxDelay: 0.04, maxWaitTime: 30 };
const free = []; // dataset group ARNs without a tracker (a cycle that fails midway keeps its group)
let trackerSeq = 0;
let runUntil = Infinity; // after this, cycles in progress skip to their clean-up
const draining = () => Date.now() >= runUntil;
const runId = `${process.pid.toString(36)}${Date.now().toString(36).slice(-4)}`;

async function trackerInGroup(pc, datasetGroupArn) {
  const out = await retrying(() => pc.listEventTrackers({ datasetGroupArn }), 'ListEventTrackers');
  acct.maxTrackersPerGroup = Math.max(acct.maxTrackersPerGroup, out.eventTrackers.length);
  if (out.eventTrackers.length > 1) problem(`dataset group ${datasetGroupArn} has ${out.eventTrackers.length} trackers`);
  return out.eventTrackers;
}

async function cycle(pc, ec) {
  const datasetGroupArn = free.shift();
  const seq = ++trackerSeq;
  const name = `lt-${runId}-${seq}`;
  let tracker;
  acct.creates++;
  try {
    const out = await pc.createEventTracker({ datasetGroupArn, name });
    tracker = { eventTrackerArn: out.eventTrackerArn, trackingId: out.trackingId };
    if (out.$metadata.recovered) acct.recovered++;
    else acct.created++;
  } catch (err) {
    count(acct.createErrors, err.name);
    // The error is recorded; did an attempt create the tracker anyway? Then it is ours to clean up.
    const found = await trackerInGroup(pc, datasetGroupArn);
    const mine = found.find((t) => t.name === name);
    if (found.length && !mine) problem(`group ${datasetGroupArn} holds ${found[0].name}, not ${name}`);
    if (!mine) {
      acct.failedClean++;
      free.push(datasetGroupArn);
      return;
    }
    acct.orphaned++;
    const { eventTracker } = await retrying(() => pc.describeEventTracker({ eventTrackerArn: mine.eventTrackerArn }), 'DescribeEventTracker');
    tracker = { eventTrackerArn: eventTracker.eventTrackerArn, trackingId: eventTracker.trackingId };
  }
  acct.trackersLive++;
  const { eventTrackerArn, trackingId } = tracker;

  await retrying(() => pc.waitUntilEventTrackerActive({ eventTrackerArn }, WAIT), 'waitUntilEventTrackerActive');

  // Events: a few batches at once, each of 1..8 events with ids chosen here.
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

  // Describe and list: one tracker in its group, with our name.
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

  // Delete. A lost answer makes a retry see ResourceInUse (DELETE PENDING) or ResourceNotFound.
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
  acct.trackersLive--;

  // Its events, as stored: each accepted one exactly once, nothing we did not send.
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
  acct.cycles++;

  free.push(datasetGroupArn);
}

async function worker(pc, ec, until) {
  while (Date.now() < until && free.length > 0) {
    try {
      await cycle(pc, ec);
    } catch (err) {
      problem(`cycle failed: ${err.name}: ${err.message}`);
      await sleep(50);
    }
  }
}

// ---- setup, run, accounting --------------------------------------------------------------------
const mb = (n) => `${(n / 1048576).toFixed(1)} MB`;
const median = (xs) => { const s = [...xs].sort((a, b) => a - b); return s.length ? s[Math.floor(s.length / 2)] : NaN; };
function memorySample() {
  gc();
  const m = process.memoryUsage();
  return { t: Date.now(), heap: m.heapUsed, rss: m.rss, wasm: wasmInstance().exports.memory.buffer.byteLength };
}

async function main() {
  const started = Date.now();
  BASE_URL = await startServer();
  const pairs = Array.from({ length: CLIENTS }, () => {
    const config = { region: REGION, endpoint: BASE_URL, credentials: DEMO, loadFromEnvironment: false, maxAttempts: 3 };
    return [new Personalize(config), new PersonalizeEvents(config)];
  });
  await validate('ListEventTrackers', {}); // loads the WASM module
  const wasmHeapStart = wasmInstance().exports.pw_heap_in_use();

  // The dataset group pool, without faults; all ACTIVE after one step.
  const [pc0] = pairs[0];
  const names = Array.from({ length: GROUPS }, (_, i) => `lt-${runId}-g${i}`);
  for (let i = 0; i < names.length; i += 100) {
    const arns = await Promise.all(names.slice(i, i + 100).map((name) => pc0.createDatasetGroup({ name }).then((o) => o.datasetGroupArn)));
    free.push(...arns);
  }
  await sleep(STEP_MS * 2);
  let active = 0;
  for await (const page of pc0.paginateListDatasetGroups({ maxResults: 100 })) active += page.datasetGroups.filter((g) => g.status === 'ACTIVE').length;
  if (active !== GROUPS) throw new Error(`${active} of ${GROUPS} dataset groups ACTIVE`);
  await admin('POST', '/__local-endpoint/reset', { what: ['stats'] });
  ops.clear(); // measure the loaded phase only
  await admin('POST', '/__local-endpoint/faults', { ...FAULTS, seed: SEED });

  const setupMs = Date.now() - started;
  process.stdout.write(`load: ${SECONDS} s, ${WORKERS} workers on ${CLIENTS} client pairs, ${GROUPS} dataset groups, ` +
    `faults throttle ${FAULTS.throttleRate * 100} % drop ${FAULTS.dropRate * 100} % 503 ${FAULTS.serverErrorRate * 100} % (seed ${SEED}), ` +
    `step ${STEP_MS} ms, endpoint ${BASE_URL} (pid ${child.pid}), setup ${setupMs} ms\n`);

  // Run, sampling calls in flight and memory.
  const t0 = Date.now();
  const until = t0 + SECONDS * 1000;
  runUntil = until;
  const inflightSamples = [];
  const inflightTimer = setInterval(() => inflightSamples.push(inflight), 50);
  const memSamples = [];
  const memTimer = setInterval(() => memSamples.push(memorySample()), Math.max(250, SECONDS * 1000 / 40));
  await Promise.all(Array.from({ length: WORKERS }, (_, i) => worker(...pairs[i % CLIENTS], until)));
  const runMs = Date.now() - t0;
  clearInterval(inflightTimer);
  clearInterval(memTimer);

  // Accounting against the endpoint (faults off first, so the admin reads are not disturbed).
  await admin('POST', '/__local-endpoint/faults', { throttleRate: 0, dropRate: 0, serverErrorRate: 0 });
  const stats = await admin('GET', '/__local-endpoint/stats');
  const state = await admin('GET', '/__local-endpoint/state');
  const memEnd = memorySample();
  const wasmHeapEnd = wasmInstance().exports.pw_heap_in_use();

  const lines = [];
  const verdicts = [];
  const check = (label, ok, text) => { verdicts.push(ok); lines.push(`${label}: ${text} ${ok ? 'OK' : 'FAIL'}`); };

  // Throughput and latency.
  let calls = 0;
  let retries = 0;
  for (const s of ops.values()) { calls += s.calls; retries += s.retries; }
  lines.push(`throughput: ${(calls / (runMs / 1000)).toFixed(0)} calls/s (${calls} calls, ${stats.total} HTTP requests in ${(runMs / 1000).toFixed(1)} s); ` +
    `in flight: mean ${(inflightSamples.reduce((a, b) => a + b, 0) / Math.max(1, inflightSamples.length)).toFixed(0)}, max ${Math.max(0, ...inflightSamples)}`);
  for (const [op, s] of [...ops].sort()) {
    const errs = [...s.errors].map(([n, k]) => `${n} ${k}`).join(', ');
    lines.push(`latency ${op}: n=${s.calls} p50=${s.latency.percentile(0.5).toFixed(1)} ms p99=${s.latency.percentile(0.99).toFixed(1)} ms` +
      ` retries=${s.retries}${errs ? ` errors: ${errs}` : ''}`);
  }
  const injected = ['ThrottlingException', 'ServiceUnavailable'].map((n) => `${n} ${stats.byError[n] ?? 0}`).join(', ');
  lines.push(`faults injected: ${injected}, dropped ${stats.dropped}`);
  lines.push(`retries: ${retries} (client attempts beyond the first), ${acct.appRetries} by the test after a call's own attempts ran out; ` +
    `recoveries: ${acct.recovered} CreateEventTracker ($metadata.recovered), ${acct.deleteRecovered} DeleteEventTracker (lost answer, tracker going away)`);
  if (networkCauses.size) lines.push(`network errors (final attempt): ${[...networkCauses].map(([n, k]) => `${n} ${k}`).join(', ')}`);
  lines.push(`errors: create ${[...acct.createErrors].map(([n, k]) => `${n} ${k}`).join(', ') || 'none'}; events rejected ${acct.rejected}, of unknown outcome ${acct.uncertain}`);

  // Accounting.
  const clientCreates = acct.created + acct.recovered;
  const serverCreates = stats.succeeded.CreateEventTracker ?? 0;
  check('accounting creates', acct.creates === acct.created + acct.recovered + acct.orphaned + acct.failedClean && serverCreates === clientCreates + acct.orphaned,
    `${acct.creates} attempted = ${acct.created} created + ${acct.recovered} recovered + ${acct.orphaned} made despite an error (found, cleaned up) + ${acct.failedClean} failed cleanly; ` +
    `endpoint performed ${serverCreates} = client ${clientCreates} + ${acct.orphaned}`);
  const trackersMade = clientCreates + acct.orphaned;
  const serverDeletes = stats.succeeded.DeleteEventTracker ?? 0;
  check('accounting trackers', state.eventTrackers.length === 0 && acct.trackersLive === 0 && serverDeletes === trackersMade &&
    acct.maxTrackersPerGroup <= 1 && acct.listedWrong === 0 && acct.deleted + acct.deleteRecovered === trackersMade,
    `${trackersMade} made, ${acct.deleted + acct.deleteRecovered} deleted (endpoint performed ${serverDeletes}), ${state.eventTrackers.length} left, ` +
    `at most ${acct.maxTrackersPerGroup} per dataset group, ${state.datasetGroups.length} dataset groups`);
  const storedTotal = acct.stored;
  check('accounting events', acct.stored === acct.accepted + acct.uncertainStored && !problems.some((p) => p.startsWith('event ')),
    `${acct.accepted} accepted, ${storedTotal} stored (${acct.uncertainStored} of unknown outcome among them), each accepted one exactly once; ` +
    `${stats.duplicateEvents} duplicates received by the endpoint (${acct.resentEvents} re-sent on purpose), ${acct.batches} batches`);
  check('accounting cycles', acct.cycles > 0 && problems.length === 0, `${acct.cycles} complete cycles, ${problems.length} problems`);

  // Memory: the JS heap after GC in the last quarter of the run against the second quarter; the
  // WASM linear memory from a quarter in to the end; the WASM heap in use back at its start value.
  const q = (from, to) => memSamples.filter((s) => s.t >= t0 + runMs * from && s.t <= t0 + runMs * to);
  const early = q(0.25, 0.5);
  const late = [...q(0.75, 1), memEnd];
  const heapEarly = median(early.map((s) => s.heap));
  const heapLate = median(late.map((s) => s.heap));
  const rssEarly = median(early.map((s) => s.rss));
  const rssLate = median(late.map((s) => s.rss));
  const wasmEarly = early.length ? early[0].wasm : memEnd.wasm;
  const heapOk = !(heapLate - heapEarly > Math.max(8 * 1048576, heapEarly * 0.25));
  const rssOk = !(rssLate - rssEarly > Math.max(64 * 1048576, rssEarly * 0.5));
  check('memory', heapOk && rssOk && memEnd.wasm === wasmEarly && wasmHeapEnd === wasmHeapStart,
    `JS heap ${mb(heapEarly)} -> ${mb(heapLate)}, RSS ${mb(rssEarly)} -> ${mb(rssLate)}, WASM memory ${wasmEarly} -> ${memEnd.wasm} bytes, ` +
    `WASM heap in use ${wasmHeapStart} -> ${wasmHeapEnd} bytes`);
  check('unhandled rejections', unhandled.length === 0, String(unhandled.length));

  for (const line of lines) process.stdout.write(`${line}\n`);
  for (const p of problems) process.stdout.write(`problem: ${p}\n`);
  for (const u of unhandled.slice(0, 5)) process.stdout.write(`unhandled rejection: ${u}\n`);
  return verdicts.every(Boolean);
}

const deadline = setTimeout(() => {
  process.stdout.write(`FAIL: hard deadline of ${HARD_DEADLINE_MS / 1000} s reached (${inflight} calls in flight, ${acct.cycles} cycles done)\n`);
  for (const p of problems) process.stdout.write(`problem: ${p}\n`);
  stopServer().finally(() => process.exit(1));
}, HARD_DEADLINE_MS);

let passed = false;
try {
  passed = await main();
} catch (err) {
  process.stdout.write(`error: ${err.stack ?? err}\n`);
  if (childStderr) process.stdout.write(`endpoint stderr: ${childStderr}\n`);
} finally {
  await stopServer();
  clearTimeout(deadline);
}
process.stdout.write(`${passed ? 'PASS' : 'FAIL'}\n`);
process.exit(passed ? 0 : 1);
