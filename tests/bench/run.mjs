#!/usr/bin/env node
// Benchmarks side by side with the AWS SDKs: ./build.sh bench [--quick] (builds first), or
// node tests/bench/run.mjs [--quick] [--strict] on an existing build.
//
// Every figure comes from this one run: signing latency (ours through the glue, @smithy/signature-v4
// with @aws-crypto/sha256-js and with node:crypto, aws4, and our C signer built natively as the
// floor), client overhead per call with the transport stubbed, download sizes, cold start, WASM
// linear memory and peak RSS. Timed work runs in child processes, one at a time, each fresh.
// Prints tables and the targets (MET / NOT MET with the measured ratio), writes
// tests/bench/results.json and tests/bench/results.md (a table for the README).
//
// Exit status: 0 when everything ran, targets met or not (--quick is CI's smoke run); 1 when
// something crashed, a signer disagreed, or (with --strict) a target was not met.
import { spawn, spawnSync } from 'node:child_process';
import { mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { availableParallelism, loadavg, release, totalmem } from 'node:os';
import { join } from 'node:path';
import { BODY, CREDENTIALS, DATE, HEADERS, REGION, ROOT, SERVICE, stats } from './common.mjs';
import { cleanEnv } from './clients.mjs';
import { SIGNERS, oursWithAws4Headers } from './signers.mjs';
import { SDK_ALL, SDK_CREATE, ourSizes, sdkBundle } from './size.mjs';

/** The download (wasm + minified glue, gzip -9) measured before the boundary crossed once per step
 * (header codes, positional results and a second parse of every body): the figure to beat. */
const DOWNLOAD_BEFORE_ONE_CROSSING = 30_783;

const args = process.argv.slice(2);
const QUICK = args.includes('--quick');
const STRICT = args.includes('--strict');

// Timed loops are split into rounds, one fresh process each, the signers (and the clients) taking
// turns; a figure is over the pooled samples of its rounds, so one unlucky process (a busy
// neighbour, a JIT decision) moves it less. Counts are per round; warm-up is in every process.
const PLAN = QUICK
  ? { rounds: 2, signs: 1_500, signWarmup: 500, nativeSigns: 10_000, nativeWarmup: 2_000, clientRounds: 2, calls: 500, callWarmup: 200, coldRuns: 3, memoryLoop: 50_000, childTimeout: 120_000 }
  : { rounds: 4, signs: 5_000, signWarmup: 2_000, nativeSigns: 25_000, nativeWarmup: 10_000, clientRounds: 2, calls: 5_000, callWarmup: 1_000, coldRuns: 10, memoryLoop: 1_000_000, childTimeout: 600_000 };

const KB = 1024;
const HERE = join(ROOT, 'tests/bench');
const BUILD = join(ROOT, 'build/bench');
const ENV = { ...cleanEnv(), NODE_NO_WARNINGS: '1' };
const started = performance.now();

const running = new Set(); // child processes to stop if the run fails

function fail(message) {
  console.error(`bench: ${message}`);
  for (const p of running) p.kill('SIGKILL');
  process.exit(1);
}

function log(message) {
  const s = ((performance.now() - started) / 1000).toFixed(1).padStart(5);
  console.error(`[${s} s] ${message}`);
}

/** Runs a child process; resolves with its last stdout line parsed as JSON and its wall time. */
function child(argv, { timeout = PLAN.childTimeout } = {}) {
  return new Promise((resolve, reject) => {
    const t0 = performance.now();
    const p = spawn(process.execPath, argv, { cwd: ROOT, env: ENV, stdio: ['ignore', 'pipe', 'pipe'] });
    running.add(p);
    let stdout = '';
    let stderr = '';
    p.stdout.on('data', (d) => (stdout += d));
    p.stderr.on('data', (d) => (stderr += d));
    const timer = setTimeout(() => p.kill('SIGKILL'), timeout);
    p.on('error', reject);
    p.on('close', (code, signal) => {
      clearTimeout(timer);
      running.delete(p);
      const wall = performance.now() - t0;
      const what = `node ${argv.map((a) => a.replace(`${ROOT}`, '')).join(' ')}`;
      if (code !== 0) return reject(new Error(`${what} ${signal ? `killed (${signal})` : `exited ${code}`}\n${stderr.trim()}`));
      try {
        resolve({ ...JSON.parse(stdout.trim().split('\n').pop()), wall });
      } catch {
        reject(new Error(`${what}: no JSON result\n${stdout}\n${stderr}`));
      }
    });
  });
}

const script = (name) => join(HERE, name);

// ---- the machine ------------------------------------------------------------------------------

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

// ---- the native floor ---------------------------------------------------------------------------

/** gcc -O2 over build.sh's native sources and flags (read from build.sh, so they stay in step).
 * Skipped when build/bench/sign_native is newer than every input and was built with the same command. */
async function buildNative() {
  const buildSh = readFileSync(join(ROOT, 'build.sh'), 'utf8');
  const list = (name) => {
    const m = new RegExp(`^${name}=\\(([^)]*)\\)`, 'm').exec(buildSh);
    if (!m) throw new Error(`build.sh: no ${name}=(...) array`);
    return m[1].trim().split(/\s+/);
  };
  const deps = join(ROOT, '.deps');
  const sources = [
    join(deps, 'cjson/cJSON.c'),
    ...list('BEARSSL_SRC').map((s) => join(deps, 'bearssl', s)),
    ...list('CORE_SRC').map((s) => join(ROOT, 'wasm', s)),
    join(HERE, 'sign_native.c'),
  ];
  const includes = [join(ROOT, 'wasm'), join(ROOT, 'build/gen'), join(deps, 'cjson'), join(deps, 'bearssl/inc'), join(deps, 'bearssl/src')];
  mkdirSync(BUILD, { recursive: true });
  const out = join(BUILD, 'sign_native');
  const argv = ['-O2', '-std=c11', '-Wall', '-Wextra', '-Wno-unused-parameter', ...includes.map((i) => `-I${i}`), ...sources, '-o', out, '-lm'];

  const stampFile = `${out}.cmd`;
  const stamp = JSON.stringify(argv);
  const inputs = [...sources, ...readdirSync(join(ROOT, 'wasm')).map((f) => join(ROOT, 'wasm', f)), join(ROOT, 'build/gen/unicode_tables.h')];
  const mtime = (f) => statSync(f, { throwIfNoEntry: false })?.mtimeMs;
  const built = mtime(out);
  if (built !== undefined && readFileSync(stampFile, { encoding: 'utf8', flag: 'a+' }) === stamp && inputs.every((f) => (mtime(f) ?? Infinity) < built)) {
    return out;
  }
  await new Promise((resolve, reject) => {
    const p = spawn('gcc', argv, { stdio: ['ignore', 'ignore', 'pipe'] });
    running.add(p);
    let stderr = '';
    p.stderr.on('data', (d) => (stderr += d));
    p.on('error', (err) => reject(new Error(`gcc: ${err.message}`)));
    p.on('close', (code) => {
      running.delete(p);
      if (code !== 0) reject(new Error(`gcc failed building ${out}:\n${stderr}`));
      else resolve();
    });
  });
  writeFileSync(stampFile, stamp);
  return out;
}

/** The SHA-256 floor's module: BearSSL's SHA-256 built as in personalize.wasm (the flags
 * build.sh used, from build/sha-flags; the codec at -O2), tests/bench/sha_blocks.c exporting blocks(n). */
async function buildFloorWasm() {
  const deps = join(ROOT, '.deps', 'bearssl');
  const out = join(BUILD, 'sha_blocks.wasm');
  const shaFlags = readFileSync(join(ROOT, 'build', 'sha-flags'), 'utf8').trim().split(/\s+/);
  const argv = [...shaFlags, '-mbulk-memory', `-I${join(deps, 'inc')}`, `-I${join(deps, 'src')}`,
    ...['src/hash/sha2small.c', 'src/codec/dec32be.c', 'src/codec/enc32be.c'].map((f) => join(deps, f)), join(HERE, 'sha_blocks.c'),
    '-o', out, '--no-entry', '-sSTANDALONE_WASM', '-sMALLOC=none', '-sERROR_ON_UNDEFINED_SYMBOLS=1'];
  mkdirSync(BUILD, { recursive: true });
  const r = spawnSync('emcc', argv, { encoding: 'utf8', env: { ...process.env, NODE_PATH: `/usr/share/nodejs${process.env.NODE_PATH ? `:${process.env.NODE_PATH}` : ''}` } });
  if (r.status !== 0) throw new Error(`emcc failed building ${out}:\n${r.stderr}`);
  return out;
}

/** SHA-256 compressions in one sign of the benchmark's request, counted from what is hashed:
 * the payload, the canonical request, and HMAC-SHA256 of the string to sign under the day's
 * signing key (its padded key blocks are hashed once per day, so only the messages count). */
async function signBlocks() {
  const { signRequest } = await import(new URL('web/lib/personalize.mjs', `file://${ROOT}`).href);
  const out = await signRequest({ method: 'POST', path: '/', headers: HEADERS, body: BODY }, { credentials: CREDENTIALS, region: REGION, service: SERVICE, date: DATE });
  const blocks = (n) => Math.ceil((n + 9) / 64); // message, 0x80, 64-bit length
  const utf8 = (t) => Buffer.byteLength(t);
  return blocks(utf8(BODY)) + blocks(utf8(out.canonicalRequest)) + (blocks(64 + utf8(out.stringToSign)) - 1) + (blocks(64 + 32) - 1);
}

function runNative(binary) {
  const t0 = performance.now();
  const r = spawnSync(binary, [String(PLAN.nativeSigns), String(PLAN.nativeWarmup)], { encoding: 'utf8', timeout: PLAN.childTimeout });
  if (r.status !== 0) throw new Error(`${binary} ${r.signal ? `killed (${r.signal})` : `exited ${r.status}`}\n${r.stderr}`);
  return { ...JSON.parse(r.stdout.trim()), wall: performance.now() - t0 };
}

// ---- formatting ----------------------------------------------------------------------------------

function ms(v) {
  if (v == null || Number.isNaN(v)) return '—';
  if (v < 1) return `${(v * 1000).toFixed(v < 0.01 ? 2 : 1)} µs`;
  if (v < 10) return `${v.toFixed(2)} ms`;
  if (v < 100) return `${v.toFixed(1)} ms`;
  return `${v.toFixed(0)} ms`;
}
const bytes = (n) => (n >= KB ? `${(n / KB).toFixed(1)} KB` : `${n} B`);
const mib = (n) => `${(n / 2 ** 20).toFixed(1)} MiB`;
const ratio = (r) => (r >= 100 ? `${r.toFixed(0)}×` : r >= 10 ? `${r.toFixed(1)}×` : `${r.toFixed(2)}×`);
const int = (n) => n.toLocaleString('en-US');

function table(headers, rows, align = headers.map((_, i) => (i === 0 ? 'l' : 'r')).join('')) {
  const widths = headers.map((h, i) => Math.max(h.length, ...rows.map((r) => String(r[i]).length)));
  const line = (cells) => cells.map((c, i) => (align[i] === 'r' ? String(c).padStart(widths[i]) : String(c).padEnd(widths[i]))).join('  ').trimEnd();
  return [line(headers), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.map(line)].join('\n');
}

/** align: one letter a column, l or r; by default the first column left, the others right. */
function markdown(headers, rows, align = headers.map((_, i) => (i === 0 ? 'l' : 'r')).join('')) {
  const esc = (c) => String(c).replace(/\|/g, '\\|');
  return [`| ${headers.map(esc).join(' | ')} |`, `|${headers.map((_, i) => (align[i] === 'r' ? ' ---: ' : ' --- ')).join('|')}|`, ...rows.map((r) => `| ${r.map(esc).join(' | ')} |`)].join('\n');
}

/** Statistics over the pooled samples of several processes, and each process's median. */
function pooled(runs) {
  const samples = runs.flatMap((r) => r.samples);
  const total = runs.reduce((t, r) => t + r.total, 0);
  return { ...stats(samples), throughput: samples.length / (total / 1000), processMedians: runs.map((r) => stats(r.samples).median), authorization: runs[0].authorization };
}

function median(values) {
  const s = [...values].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
}

// ---- the run --------------------------------------------------------------------------------------

async function main() {
  for (const a of args) if (!['--quick', '--strict'].includes(a)) fail(`unknown option ${a} (use --quick, --strict)`);
  const info = machine();
  const loadStart = loadavg()[0];
  log(`${QUICK ? 'quick smoke run' : 'full run'} on ${info.cpu}, ${info.cores} cores, Node.js ${info.node} (load average ${loadStart.toFixed(2)})`);

  // Every signer must produce the same signature for the same request before any is timed.
  log('checking that the signers agree');
  const auths = {};
  for (const [name, setup] of Object.entries(SIGNERS)) auths[name] = await (await setup())();
  const sig = (a) => /Signature=([0-9a-f]{64})$/.exec(a ?? '')?.[1];
  for (const name of ['wasm', 'smithy-sha256js', 'smithy-node']) {
    if (auths[name] !== auths.ours) throw new Error(`${name} disagrees with ours:\n  ${auths[name]}\n  ${auths.ours}`);
  }
  // aws4 also signs the Content-Length it adds: checked against ours over the same header set.
  if (auths.aws4 !== (await oursWithAws4Headers())) throw new Error(`aws4 disagrees with ours over its header set:\n  ${auths.aws4}`);

  // Memory loop (long, not timed against anything) alongside the untimed work: gcc, esbuild.
  log(`memory: ${int(PLAN.memoryLoop)} CreateEventTracker builds+signs in WASM (child process), meanwhile gcc and esbuild`);
  const memoryRun = child([script('memory.mjs'), String(PLAN.memoryLoop)]);
  memoryRun.catch(() => {});
  const [nativeBinary, floorWasm, sizes, sdkAll, sdkCreate] = await Promise.all([
    buildNative(),
    buildFloorWasm(),
    ourSizes(),
    sdkBundle('AWS SDK v3: PersonalizeClient + 5 commands, PersonalizeEventsClient + PutEvents', SDK_ALL),
    sdkBundle('AWS SDK v3: PersonalizeClient + CreateEventTrackerCommand', SDK_CREATE),
  ]);
  const memory = await memoryRun;
  log(`memory: ${int(memory.iterations)} calls in ${memory.seconds.toFixed(1)} s`);
  // The console's time to interactive, in headless Chromium (after the memory run: no overlap).
  const page = await child([script('page.mjs'), String(QUICK ? 3 : 7)]);
  log(`console: time to interactive ${page.median} ms (median of ${page.runs} cold loads)`);

  // Signing.
  const signerNames = ['native', ...Object.keys(SIGNERS)];
  const signRuns = Object.fromEntries(signerNames.map((n) => [n, []]));
  const floorRuns = [];
  for (let round = 1; round <= PLAN.rounds; round++) {
    log(`signing, round ${round} of ${PLAN.rounds}: native ${int(PLAN.nativeSigns)} signs, then ${Object.keys(SIGNERS).join(', ')} ${int(PLAN.signs)} signs each after ${int(PLAN.signWarmup)} warm-up`);
    const native = runNative(nativeBinary);
    if (sig(native.authorization) !== sig(auths.ours)) throw new Error(`native signer disagrees: ${native.authorization}`);
    signRuns.native.push(native);
    floorRuns.push(await child([script('floor.mjs'), floorWasm, QUICK ? '20000' : '100000']));
    for (const name of Object.keys(SIGNERS)) {
      const run = await child([script('sign.mjs'), name, String(PLAN.signs), String(PLAN.signWarmup)]);
      if (run.authorization !== auths[name]) throw new Error(`${name} signed differently in its own process`);
      signRuns[name].push(run);
    }
  }
  const signing = Object.fromEntries(signerNames.map((n) => [n, pooled(signRuns[n])]));
  const perBlock = median(floorRuns.map((r) => r.perBlock));
  const SIGN_BLOCKS = await signBlocks();
  const floor = SIGN_BLOCKS * perBlock;

  // Client overhead and peak RSS.
  log('baseline: an empty Node.js process');
  const baseline = await child(['-e', 'console.log(JSON.stringify({ maxRSS: process.resourceUsage().maxRSS * 1024 }))']);
  const clientRuns = { ours: [], sdk: [] };
  for (let round = 1; round <= PLAN.clientRounds; round++) {
    log(`client overhead, round ${round} of ${PLAN.clientRounds}: ours, sdk, ${int(PLAN.calls)} calls each after ${int(PLAN.callWarmup)} warm-up`);
    for (const name of ['ours', 'sdk']) clientRuns[name].push(await child([script('client.mjs'), name, String(PLAN.calls), String(PLAN.callWarmup)]));
  }
  const clients = Object.fromEntries(Object.entries(clientRuns).map(([n, runs]) => [n, { ...pooled(runs), maxRSS: Math.max(...runs.map((r) => r.maxRSS)) }]));

  // Cold starts, interleaved so both see the same machine.
  log(`cold start: ${PLAN.coldRuns} fresh processes each`);
  const coldRuns = { ours: [], sdk: [] };
  for (let i = 0; i < PLAN.coldRuns; i++) {
    for (const name of ['ours', 'sdk']) coldRuns[name].push(await child([script('cold.mjs'), name]));
  }
  const cold = {};
  for (const [name, runs] of Object.entries(coldRuns)) {
    cold[name] = {
      runs: runs.length,
      fromImport: median(runs.map((r) => r.fromImport)),
      signed: median(runs.map((r) => r.signed)),
      beforeImport: median(runs.map((r) => r.beforeImport)),
      wall: median(runs.map((r) => r.wall)),
      samples: runs,
    };
  }
  const loadEnd = loadavg()[0];

  // ---- targets ----
  const linearFlat = memory.final === memory.afterWarmup && memory.checkpoints.every((c) => c.bytes === memory.afterWarmup);
  const heapFlat = memory.heapFinal === memory.heapAfterWarmup;
  const targets = [
    {
      what: 'signRequest vs aws4 (node:crypto)',
      goal: '≥ 2× faster',
      measured: signing.aws4.median / signing.ours.median,
      met: (r) => r >= 2,
      detail: `${ms(signing.ours.median)} vs ${ms(signing.aws4.median)} median (needs ≤ ${ms(signing.aws4.median / 2)})`,
    },
    {
      what: 'signRequest vs @smithy/signature-v4 + sha256-js',
      goal: '≥ 8× faster',
      measured: signing['smithy-sha256js'].median / signing.ours.median,
      met: (r) => r >= 8,
      detail: `${ms(signing.ours.median)} vs ${ms(signing['smithy-sha256js'].median)} median (needs ≤ ${ms(signing['smithy-sha256js'].median / 8)})`,
    },
    {
      what: `WASM sign alone vs its floor (${SIGN_BLOCKS} SHA-256 blocks)`,
      goal: '≤ 2× the floor',
      measured: signing.wasm.median / floor,
      met: (r) => r <= 2,
      detail: `${ms(signing.wasm.median)} vs ${ms(floor)} (${SIGN_BLOCKS} × ${ms(perBlock)} a block, in WASM); the glue adds ${ms(signing.ours.median - signing.wasm.median)}`,
    },
    {
      what: 'createEventTracker per call vs AWS SDK',
      goal: '≥ 10× lower',
      measured: clients.sdk.median / clients.ours.median,
      met: (r) => r >= 10,
      detail: `${ms(clients.ours.median)} vs ${ms(clients.sdk.median)} median per call (needs ≤ ${ms(clients.sdk.median / 10)}; signRequest alone: ${ms(signing.ours.median)})`,
    },
    {
      what: 'download, gzip -9 (wasm + glue as in web/)',
      goal: '≤ 20 KB',
      measured: sizes.total.gzip,
      met: (n) => n <= 20 * KB,
      show: (n) => `${bytes(n)} (${int(n)} B)`,
      detail: `${int(sizes.total.gzip - 20 * KB)} B over 20,480 B`.replace(/^-(.*) over/, '$1 under'),
    },
    {
      what: 'download, gzip -9 (wasm + the glue bundle, as ./build.sh dist ships them)',
      goal: '≤ 20 KB',
      measured: sizes.totalMin.gzip,
      met: (n) => n <= 20 * KB,
      show: (n) => `${bytes(n)} (${int(n)} B)`,
      detail: `${int(sizes.totalMin.gzip - 20 * KB)} B over 20,480 B; ${int(DOWNLOAD_BEFORE_ONE_CROSSING - sizes.totalMin.gzip)} B less than the ${int(DOWNLOAD_BEFORE_ONE_CROSSING)} B before one crossing per step`
        .replace(/^-(.*) over/, '$1 under').replace(/; -(\S+) B less than/, '; $1 B more than'),
    },
    {
      what: 'cold start (import → first signed request)',
      goal: '≤ 1/10 of the SDK',
      measured: cold.sdk.fromImport / cold.ours.fromImport,
      met: (r) => r >= 10,
      show: (r) => `1/${r.toFixed(1)}`,
      detail: `${ms(cold.ours.fromImport)} vs ${ms(cold.sdk.fromImport)} median of ${PLAN.coldRuns} (needs ≤ ${ms(cold.sdk.fromImport / 10)})`,
    },
    {
      what: 'WASM linear memory',
      goal: '≤ 1 MiB, flat',
      measured: memory.final,
      met: (n) => n <= 2 ** 20 && linearFlat,
      show: (n) => `${int(n)} B`,
      detail: `${int(memory.afterWarmup)} B after warm-up, ${int(memory.final)} B after ${int(memory.iterations)} calls${linearFlat ? ' (flat)' : ' (GREW)'}`,
    },
  ].map((t) => ({ ...t, met: t.met(t.measured), shown: (t.show ?? ratio)(t.measured) }));

  // ---- output ----
  const signRows = [
    ['this project: signRequest (glue → WASM)', signing.ours],
    ['@smithy/signature-v4 + @aws-crypto/sha256-js', signing['smithy-sha256js']],
    ['@smithy/signature-v4 + node:crypto', signing['smithy-node']],
    ['aws4 (node:crypto)', signing.aws4],
    ['personalize.wasm pw_sign_request alone (no glue)', signing.wasm],
    ['floor: pw_sigv4_sign native (gcc -O2)', signing.native],
    [`floor: ${SIGN_BLOCKS} SHA-256 blocks in WASM (BearSSL, built as in the module)`, { median: floor, p99: NaN, throughput: 1000 / floor }],
  ].map(([label, r]) => [label, ms(r.median), ms(r.p99), int(Math.round(r.throughput)), r === signing.ours ? '1×' : ratio(r.median / signing.ours.median)]);
  const signHead = [`Signer (CreateEventTracker, session token; ${PLAN.rounds} processes × ${int(PLAN.signs)} signs, native × ${int(PLAN.nativeSigns)})`, 'median', 'p99', 'signs/s', 'time ÷ ours'];

  const clientRows = [
    ['this project: PersonalizeClient.createEventTracker', clients.ours],
    ['@aws-sdk/client-personalize: CreateEventTrackerCommand', clients.sdk],
  ].map(([label, r]) => [label, ms(r.median), ms(r.p99), int(Math.round(r.throughput)), mib(r.maxRSS)]);
  const clientHead = [`Client, per call, transport stubbed (${PLAN.clientRounds} processes × ${int(PLAN.calls)} calls)`, 'median', 'p99', 'calls/s', 'peak RSS'];

  const sizeRows = [
    [sizes.wasm.name, bytes(sizes.wasm.raw), bytes(sizes.wasm.gzip), bytes(sizes.wasm.brotli)],
    [sizes.glue.name, bytes(sizes.glue.raw), bytes(sizes.glue.gzip), bytes(sizes.glue.brotli)],
    [`= ${sizes.total.name}`, bytes(sizes.total.raw), bytes(sizes.total.gzip), bytes(sizes.total.brotli)],
    [sizes.glueMin.name, bytes(sizes.glueMin.raw), bytes(sizes.glueMin.gzip), bytes(sizes.glueMin.brotli)],
    [`= ${sizes.totalMin.name}`, bytes(sizes.totalMin.raw), bytes(sizes.totalMin.gzip), bytes(sizes.totalMin.brotli)],
    [sdkAll.name, bytes(sdkAll.raw), bytes(sdkAll.gzip), bytes(sdkAll.brotli)],
    [sdkCreate.name, bytes(sdkCreate.raw), bytes(sdkCreate.gzip), bytes(sdkCreate.brotli)],
  ];
  const sizeHead = ['Download (KB = 1,024 B; SDK: esbuild browser ESM bundle, minified, tree-shaken)', 'raw', 'gzip -9', 'brotli -q 11'];

  const coldRows = [
    ['this project', cold.ours],
    ['AWS SDK v3', cold.sdk],
  ].map(([label, r]) => [label, ms(r.fromImport), ms(r.signed), ms(r.wall)]);
  const coldHead = [`Cold start, median of ${PLAN.coldRuns} processes`, 'import → signed', 'process start → signed', 'process wall'];

  const memRows = [
    ['WASM linear memory at instantiation', `${int(memory.initial)} B`],
    ['WASM linear memory after 1,000 warm-up calls', `${int(memory.afterWarmup)} B`],
    [`WASM linear memory after ${int(memory.iterations)} more builds+signs`, `${int(memory.final)} B${linearFlat ? ' (flat)' : ' (GREW)'}`],
    ...(memory.heapFinal != null ? [['WASM heap in use (pw_heap_in_use) after warm-up → after loop', `${int(memory.heapAfterWarmup)} B → ${int(memory.heapFinal)} B${heapFlat ? '' : ' (GREW)'}`]] : []),
    ['peak RSS, memory loop process', mib(memory.maxRSS)],
    [`peak RSS, this project's client loop (${int(PLAN.calls + PLAN.callWarmup)} calls a process)`, mib(clients.ours.maxRSS)],
    [`peak RSS, AWS SDK client loop (${int(PLAN.calls + PLAN.callWarmup)} calls a process)`, mib(clients.sdk.maxRSS)],
    ['peak RSS, empty Node.js process', mib(baseline.maxRSS)],
  ];
  const memHead = ['Memory', 'value'];

  const pageRows = [['web/index.html from a local static server, cold browser profile', `${int(page.median)} ms`, `${int(page.min)}–${int(page.max)} ms`]];
  const pageHead = [`Console, time to interactive (Chromium, ${page.runs} loads)`, 'median', 'range'];

  const targetRows = targets.map((t) => [t.what, t.goal, t.shown, t.met ? 'MET' : 'NOT MET', t.detail]);
  const targetHead = ['Target', 'goal', 'measured', 'status', 'detail'];

  const date = new Date().toISOString();
  const machineLine = `${info.cpu}, ${info.cores} cores, ${info.memoryGiB} GiB, ${info.os}, Node.js ${info.node}`;
  const loadLine = `load average ${loadStart.toFixed(2)} at start, ${loadEnd.toFixed(2)} at end`;
  const sections = [
    [signHead, signRows],
    [clientHead, clientRows],
    [sizeHead, sizeRows],
    [coldHead, coldRows],
    [memHead, memRows],
    [pageHead, pageRows],
    [targetHead, targetRows, 'llrll'],
  ];
  const notes = [
    'Same request for every signer: POST / to personalize.us-east-1.amazonaws.com, content-type application/x-amz-json-1.1,',
    'x-amz-target AmazonPersonalize.CreateEventTracker, a 148-byte JSON body, temporary credentials (with a session token),',
    'fixed date 2024-06-01T12:00:00Z; X-Amz-Date and X-Amz-Security-Token set by the signer; no x-amz-content-sha256.',
    'All signatures were checked identical (aws4 adds and signs Content-Length; checked against ours over that header set).',
  ];

  console.log(`\npersonalize-wasm benchmarks${QUICK ? ' (--quick: a smoke run, small samples)' : ''}, ${date}`);
  console.log(`${machineLine}; ${loadLine}\n`);
  for (const [h, r, a] of sections) console.log(`${table(h, r, a)}\n`);
  console.log(notes.join('\n'));

  const md = [
    `### Benchmarks${QUICK ? ' (quick smoke run)' : ''}`,
    '',
    `\`./build.sh bench${QUICK ? ' --quick' : ''}\`, ${date.slice(0, 10)}: ${machineLine}; ${loadLine}.`,
    '',
    ...sections.flatMap(([h, r, a]) => [markdown(h, r, a), '']),
    notes.join(' '),
    '',
  ].join('\n');
  writeFileSync(join(HERE, 'results.md'), md);
  const results = {
    date,
    mode: QUICK ? 'quick' : 'full',
    machine: { ...info, loadStart, loadEnd },
    plan: PLAN,
    signing,
    clients: { ...clients, baseline },
    sizes: { ...sizes, sdkAll, sdkCreate },
    cold,
    page,
    memory: { ...memory, linearFlat, heapFlat },
    targets: targets.map(({ what, goal, measured, met, detail }) => ({ what, goal, measured, met, detail })),
    seconds: (performance.now() - started) / 1000,
  };
  writeFileSync(join(HERE, 'results.json'), `${JSON.stringify(results, null, 2)}\n`);
  console.log(`\nMarkdown table: tests/bench/results.md  (paste into README)`);
  console.log(`\n${md}`);

  const unmet = targets.filter((t) => !t.met);
  log(`done in ${results.seconds.toFixed(0)} s; targets met: ${targets.length - unmet.length} of ${targets.length}`);
  if (loadStart > info.cores || loadEnd > info.cores) {
    log(`warning: the machine was busy (load average above ${info.cores}); timings are noisy`);
  }
  if (unmet.length && STRICT) process.exit(1);
}

main().catch((err) => fail(err.stack ?? String(err)));
