#!/usr/bin/env node
// Benchmarks side by side with the AWS SDKs: ./build.sh bench [--quick] (builds first), or
// node tests/bench/run.mjs [--quick] [--strict] on an existing build.
//
// Every figure comes from this one run: signing latency (ours through the glue, @smithy/signature-v4
// with @aws-crypto/sha256-js and with node:crypto, aws4, and our C signer built natively as the
// floor), client overhead per call with the transport stubbed, download sizes, cold start, WASM
// linear memory and peak RSS. Timed work runs in child processes, one at a time, each fresh.
// Prints tables, what one crossing per step gained, and the targets (MET / NOT MET with the
// measured ratio), writes tests/bench/results.json and tests/bench/results.md (a table for the README).
//
// Exit status: 0 when everything ran, targets met or not (--quick is CI's smoke run); 1 when
// something crashed, a signer disagreed, or (with --strict) a target was not met.
//
// The pieces: children.mjs (child processes, the log), native.mjs (the floors' builds),
// phases.mjs (the measuring), targets.mjs, gains.mjs and report.mjs (the tables and results).
import { readFileSync } from 'node:fs';
import { availableParallelism, loadavg, release, totalmem } from 'node:os';
import { elapsed, fail, log } from './children.mjs';
import { checkSigners, measureClients, measureCold, measureSigning, untimed } from './phases.mjs';
import { report } from './report.mjs';
import { targets } from './targets.mjs';

const args = process.argv.slice(2);
const QUICK = args.includes('--quick');
const STRICT = args.includes('--strict');

// Timed loops are split into rounds, one fresh process each, the signers (and the clients) taking
// turns; a figure is over the pooled samples of its rounds, so one unlucky process (a busy
// neighbour, a JIT decision) moves it less. Counts are per round; warm-up is in every process.
const PLAN = QUICK
  ? { rounds: 2, signs: 1_500, signWarmup: 500, nativeSigns: 10_000, nativeWarmup: 2_000, clientRounds: 2, calls: 500, callWarmup: 200, coldRuns: 3, memoryLoop: 50_000, childTimeout: 120_000 }
  : { rounds: 4, signs: 5_000, signWarmup: 2_000, nativeSigns: 25_000, nativeWarmup: 10_000, clientRounds: 2, calls: 5_000, callWarmup: 1_000, coldRuns: 10, memoryLoop: 1_000_000, childTimeout: 600_000 };

function machine() {
  let cpu = 'unknown CPU';
  try {
    cpu = /^model name\s*:\s*(.+)$/m.exec(readFileSync('/proc/cpuinfo', 'utf8'))?.[1]?.trim() ?? cpu;
  } catch {}
  return {
    cpu,
    cores: availableParallelism(),
    memoryGiB: Math.round(totalmem() / 2 ** 30),
    node: process.version,
    os: `${process.platform} ${release()}`,
  };
}

async function main() {
  for (const a of args) if (!['--quick', '--strict'].includes(a)) fail(`unknown option ${a} (use --quick, --strict)`);
  const info = machine();
  const loadStart = loadavg()[0];
  log(`${QUICK ? 'quick smoke run' : 'full run'} on ${info.cpu}, ${info.cores} cores, Node.js ${info.node} (load average ${loadStart.toFixed(2)})`);

  const auths = await checkSigners();
  const side = await untimed(PLAN, QUICK);
  const sign = await measureSigning(PLAN, QUICK, { ...side, auths });
  const calls = await measureClients(PLAN);
  const cold = await measureCold(PLAN);
  const loadEnd = loadavg()[0];

  const m = { ...side, ...sign, ...calls, cold, plan: PLAN, quick: QUICK, info, loadStart, loadEnd, date: new Date().toISOString(), seconds: elapsed };
  const measured = targets(m);
  const results = report(m, measured);

  const unmet = measured.filter((t) => !t.met);
  log(`done in ${results.seconds.toFixed(0)} s; targets met: ${measured.length - unmet.length} of ${measured.length}`);
  if (loadStart > info.cores || loadEnd > info.cores) {
    log(`warning: the machine was busy (load average above ${info.cores}); timings are noisy`);
  }
  if (unmet.length && STRICT) process.exit(1);
}

main().catch((err) => fail(err.stack ?? String(err)));
