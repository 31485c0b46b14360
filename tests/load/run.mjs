#!/usr/bin/env node
// Fault and load test of the glue (web/lib/personalize.mjs) against the local endpoint
// (tests/local-endpoint/runtime/server.mjs, started as a child process on 127.0.0.1 so client and
// server do not share an event loop), with probabilistic faults: throttling, dropped connections
// (the request is processed, then the socket is destroyed) and 503s.
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
//
// The pieces: options.mjs (the command line and the fault plan), endpoint.mjs (the endpoint's
// process and admin routes), tally.mjs (bookkeeping), cycle.mjs (a worker's steps), report.mjs.

import v8 from 'node:v8';
import vm from 'node:vm';

// ---- the WASM instance, captured before the glue loads it --------------------------------------
import { wasmInstance } from '../helpers/wasm-instance.mjs';
import { CLIENTS, FAULTS, GROUPS, HARD_DEADLINE_MS, SECONDS, SEED, STEP_MS, WORKERS } from './options.mjs';
import { admin, endpoint, sleep, startServer, stopServer } from './endpoint.mjs';
import { acct, instrumented, live, ops, problems } from './tally.mjs';
import { drainFrom, free, runId, worker } from './cycle.mjs';
import { report } from './report.mjs';
const { PersonalizeClient, PersonalizeEventsClient, validate } = await import('../../web/lib/personalize.mjs');

v8.setFlagsFromString('--expose-gc');
const gc = globalThis.gc ?? vm.runInNewContext('gc');

const DEMO = { accessKeyId: 'AKIAIOSFODNN7EXAMPLE', secretAccessKey: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY' };
const REGION = 'us-east-1';
const Personalize = instrumented(PersonalizeClient);
const PersonalizeEvents = instrumented(PersonalizeEventsClient);

function memorySample() {
  gc();
  const m = process.memoryUsage();
  return { t: Date.now(), heap: m.heapUsed, rss: m.rss, wasm: wasmInstance().exports.memory.buffer.byteLength };
}

/** The dataset group pool, without faults; all ACTIVE after one step. */
async function makeGroups(pc0) {
  const names = Array.from({ length: GROUPS }, (_, i) => `lt-${runId}-g${i}`);
  for (let i = 0; i < names.length; i += 100) {
    const arns = await Promise.all(names.slice(i, i + 100).map((name) => pc0.createDatasetGroup({ name }).then((o) => o.datasetGroupArn)));
    free.push(...arns);
  }
  await sleep(STEP_MS * 2);
  let active = 0;
  for await (const page of pc0.paginateListDatasetGroups({ maxResults: 100 })) active += page.datasetGroups.filter((g) => g.status === 'ACTIVE').length;
  if (active !== GROUPS) throw new Error(`${active} of ${GROUPS} dataset groups ACTIVE`);
}

/** The loaded phase: the workers until the time is up, sampling calls in flight and memory. */
async function load(pairs) {
  const t0 = Date.now();
  const until = t0 + SECONDS * 1000;
  drainFrom(until);
  const inflightSamples = [];
  const inflightTimer = setInterval(() => inflightSamples.push(live.inflight), 50);
  const memSamples = [];
  const memTimer = setInterval(() => memSamples.push(memorySample()), Math.max(250, SECONDS * 1000 / 40));
  await Promise.all(Array.from({ length: WORKERS }, (_, i) => worker(...pairs[i % CLIENTS], until)));
  const runMs = Date.now() - t0;
  clearInterval(inflightTimer);
  clearInterval(memTimer);
  return { t0, runMs, inflightSamples, memSamples };
}

async function main() {
  const started = Date.now();
  const url = await startServer(STEP_MS);
  const pairs = Array.from({ length: CLIENTS }, () => {
    const config = { region: REGION, endpoint: url, credentials: DEMO, loadFromEnvironment: false, maxAttempts: 3 };
    return [new Personalize(config), new PersonalizeEvents(config)];
  });
  await validate('ListEventTrackers', {}); // loads the WASM module
  const wasmHeapStart = wasmInstance().exports.pw_heap_in_use();

  await makeGroups(pairs[0][0]);
  await admin('POST', '/__local-endpoint/reset', { what: ['stats'] });
  ops.clear(); // measure the loaded phase only
  await admin('POST', '/__local-endpoint/faults', { ...FAULTS, seed: SEED });

  const setupMs = Date.now() - started;
  process.stdout.write(`load: ${SECONDS} s, ${WORKERS} workers on ${CLIENTS} client pairs, ${GROUPS} dataset groups, ` +
    `faults throttle ${FAULTS.throttleRate * 100} % drop ${FAULTS.dropRate * 100} % 503 ${FAULTS.serverErrorRate * 100} % (seed ${SEED}), ` +
    `step ${STEP_MS} ms, endpoint ${url} (pid ${endpoint.child.pid}), setup ${setupMs} ms\n`);

  const run = await load(pairs);

  // Accounting against the endpoint (faults off first, so the admin reads are not disturbed).
  await admin('POST', '/__local-endpoint/faults', { throttleRate: 0, dropRate: 0, serverErrorRate: 0 });
  const stats = await admin('GET', '/__local-endpoint/stats');
  const state = await admin('GET', '/__local-endpoint/state');
  const memEnd = memorySample();
  const wasmHeapEnd = wasmInstance().exports.pw_heap_in_use();
  return report({ ...run, stats, state, memEnd, wasmHeapStart, wasmHeapEnd });
}

const deadline = setTimeout(() => {
  process.stdout.write(`FAIL: hard deadline of ${HARD_DEADLINE_MS / 1000} s reached (${live.inflight} calls in flight, ${acct.cycles} cycles done)\n`);
  for (const p of problems) process.stdout.write(`problem: ${p}\n`);
  stopServer().finally(() => process.exit(1));
}, HARD_DEADLINE_MS);

let passed = false;
try {
  passed = await main();
} catch (err) {
  process.stdout.write(`error: ${err.stack ?? err}\n`);
  if (endpoint.stderr) process.stdout.write(`endpoint stderr: ${endpoint.stderr}\n`);
} finally {
  await stopServer();
  clearTimeout(deadline);
}
process.stdout.write(`${passed ? 'PASS' : 'FAIL'}\n`);
process.exit(passed ? 0 : 1);
