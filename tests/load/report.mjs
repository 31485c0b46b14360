// The load test's report: throughput, latency per operation, faults, retries, recoveries and
// errors, then the accounting against the endpoint and the memory checks, each OK or FAIL.
import { acct, networkCauses, ops, problems, unhandled } from './tally.mjs';

const mb = (n) => `${(n / 1048576).toFixed(1)} MB`;
const median = (xs) => { const s = [...xs].sort((a, b) => a - b); return s.length ? s[Math.floor(s.length / 2)] : NaN; };
const named = (map) => [...map].map(([n, k]) => `${n} ${k}`).join(', ');

function activity(lines, { runMs, stats, inflightSamples }) {
  let calls = 0;
  let retries = 0;
  for (const s of ops.values()) { calls += s.calls; retries += s.retries; }
  lines.push(`throughput: ${(calls / (runMs / 1000)).toFixed(0)} calls/s (${calls} calls, ${stats.total} HTTP requests in ${(runMs / 1000).toFixed(1)} s); ` +
    `in flight: mean ${(inflightSamples.reduce((a, b) => a + b, 0) / Math.max(1, inflightSamples.length)).toFixed(0)}, max ${Math.max(0, ...inflightSamples)}`);
  for (const [op, s] of [...ops].sort()) {
    const errs = named(s.errors);
    lines.push(`latency ${op}: n=${s.calls} p50=${s.latency.percentile(0.5).toFixed(1)} ms p99=${s.latency.percentile(0.99).toFixed(1)} ms` +
      ` retries=${s.retries}${errs ? ` errors: ${errs}` : ''}`);
  }
  const injected = ['ThrottlingException', 'ServiceUnavailable'].map((n) => `${n} ${stats.byError[n] ?? 0}`).join(', ');
  lines.push(`faults injected: ${injected}, dropped ${stats.dropped}`);
  lines.push(`retries: ${retries} (client attempts beyond the first), ${acct.appRetries} by the test after a call's own attempts ran out; ` +
    `recoveries: ${acct.recovered} CreateEventTracker ($metadata.recovered), ${acct.deleteRecovered} DeleteEventTracker (lost answer, tracker going away)`);
  if (networkCauses.size) lines.push(`network errors (final attempt): ${named(networkCauses)}`);
  lines.push(`errors: create ${named(acct.createErrors) || 'none'}; events rejected ${acct.rejected}, of unknown outcome ${acct.uncertain}`);
}

function accounting(check, { stats, state }) {
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
  check('accounting events', acct.stored === acct.accepted + acct.uncertainStored && !problems.some((p) => p.startsWith('event ')),
    `${acct.accepted} accepted, ${acct.stored} stored (${acct.uncertainStored} of unknown outcome among them), each accepted one exactly once; ` +
    `${stats.duplicateEvents} duplicates received by the endpoint (${acct.resentEvents} re-sent on purpose), ${acct.batches} batches`);
  check('accounting cycles', acct.cycles > 0 && problems.length === 0, `${acct.cycles} complete cycles, ${problems.length} problems`);
}

/** The JS heap after GC in the last quarter of the run against the second quarter; the WASM
 * linear memory from a quarter in to the end; the WASM heap in use back at its start value. */
function memory(check, { t0, runMs, memSamples, memEnd, wasmHeapStart, wasmHeapEnd }) {
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
}

/** Prints the report; returns whether every check passed. run: the run's measurements
 * ({ t0, runMs, stats, state, inflightSamples, memSamples, memEnd, wasmHeapStart, wasmHeapEnd }). */
export function report(run) {
  const lines = [];
  const verdicts = [];
  const check = (label, ok, text) => { verdicts.push(ok); lines.push(`${label}: ${text} ${ok ? 'OK' : 'FAIL'}`); };
  activity(lines, run);
  accounting(check, run);
  memory(check, run);
  check('unhandled rejections', unhandled.length === 0, String(unhandled.length));

  for (const line of lines) process.stdout.write(`${line}\n`);
  for (const p of problems) process.stdout.write(`problem: ${p}\n`);
  for (const u of unhandled.slice(0, 5)) process.stdout.write(`unhandled rejection: ${u}\n`);
  return verdicts.every(Boolean);
}
