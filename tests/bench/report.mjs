// The bench's report: its tables (printed, and as markdown for README in tests/bench/results.md)
// and tests/bench/results.json with every figure of the run.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { HERE } from './children.mjs';
import { bytes, int, markdown, mib, ms, ratio, table } from './format.mjs';
import { BEFORE, DOWNLOAD_BEFORE_ONE_CROSSING, gainHead, gainRows } from './gains.mjs';
import { flatness } from './targets.mjs';

function signSection({ signing, floor, blocks, plan }) {
  const rows = [
    ['this project: signRequest (glue → WASM)', signing.ours],
    ['@smithy/signature-v4 + @aws-crypto/sha256-js', signing['smithy-sha256js']],
    ['@smithy/signature-v4 + node:crypto', signing['smithy-node']],
    ['aws4 (node:crypto)', signing.aws4],
    ['personalize.wasm pw_sign_request alone (no glue)', signing.wasm],
    ['floor: pw_sigv4_sign native (gcc -O2)', signing.native],
    [`floor: ${blocks} SHA-256 blocks in WASM (BearSSL, built as in the module)`, { median: floor, p99: NaN, throughput: 1000 / floor }],
  ].map(([label, r]) => [label, ms(r.median), ms(r.p99), int(Math.round(r.throughput)), r === signing.ours ? '1×' : ratio(r.median / signing.ours.median)]);
  return [[`Signer (CreateEventTracker, session token; ${plan.rounds} processes × ${int(plan.signs)} signs, native × ${int(plan.nativeSigns)})`, 'median', 'p99', 'signs/s', 'time ÷ ours'], rows];
}

function clientSection({ clients, plan }) {
  const rows = [
    ['this project: PersonalizeClient.createEventTracker', clients.ours],
    ['@aws-sdk/client-personalize: CreateEventTrackerCommand', clients.sdk],
  ].map(([label, r]) => [label, ms(r.median), ms(r.p99), int(Math.round(r.throughput)), mib(r.maxRSS)]);
  return [[`Client, per call, transport stubbed (${plan.clientRounds} processes × ${int(plan.calls)} calls)`, 'median', 'p99', 'calls/s', 'peak RSS'], rows];
}

function sizeSection({ sizes, sdkAll, sdkCreate }) {
  const row = (s, name = s.name) => [name, bytes(s.raw), bytes(s.gzip), bytes(s.brotli)];
  const rows = [row(sizes.wasm), row(sizes.glue), row(sizes.total, `= ${sizes.total.name}`), row(sizes.glueMin),
    row(sizes.totalMin, `= ${sizes.totalMin.name}`), row(sdkAll), row(sdkCreate)];
  return [['Download (KB = 1,024 B; SDK: esbuild browser ESM bundle, minified, tree-shaken)', 'raw', 'gzip -9', 'brotli -q 11'], rows];
}

function coldSection({ cold, plan }) {
  const rows = [
    ['this project', cold.ours],
    ['AWS SDK v3', cold.sdk],
  ].map(([label, r]) => [label, ms(r.fromImport), ms(r.signed), ms(r.wall)]);
  return [[`Cold start, median of ${plan.coldRuns} processes`, 'import → signed', 'process start → signed', 'process wall'], rows];
}

function memorySection({ memory, clients, baseline, plan }) {
  const { linearFlat, heapFlat } = flatness(memory);
  const rows = [
    ['WASM linear memory at instantiation', `${int(memory.initial)} B`],
    ['WASM linear memory after 1,000 warm-up calls', `${int(memory.afterWarmup)} B`],
    [`WASM linear memory after ${int(memory.iterations)} more builds+signs`, `${int(memory.final)} B${linearFlat ? ' (flat)' : ' (GREW)'}`],
    ...(memory.heapFinal != null ? [['WASM heap in use (pw_heap_in_use) after warm-up → after loop', `${int(memory.heapAfterWarmup)} B → ${int(memory.heapFinal)} B${heapFlat ? '' : ' (GREW)'}`]] : []),
    ['peak RSS, memory loop process', mib(memory.maxRSS)],
    [`peak RSS, this project's client loop (${int(plan.calls + plan.callWarmup)} calls a process)`, mib(clients.ours.maxRSS)],
    [`peak RSS, AWS SDK client loop (${int(plan.calls + plan.callWarmup)} calls a process)`, mib(clients.sdk.maxRSS)],
    ['peak RSS, empty Node.js process', mib(baseline.maxRSS)],
  ];
  return [['Memory', 'value'], rows];
}

function pageSection({ page }) {
  const rows = [['web/index.html from a local static server, cold browser profile', `${int(page.median)} ms`, `${int(page.min)}–${int(page.max)} ms`]];
  return [[`Console, time to interactive (Chromium, ${page.runs} loads)`, 'median', 'range'], rows];
}

/** The tables, in order: [head, rows, align?]. */
export function sections(m, targets) {
  return [
    signSection(m),
    clientSection(m),
    sizeSection(m),
    coldSection(m),
    memorySection(m),
    pageSection(m),
    [gainHead(m.date.slice(0, 10)), gainRows(m), 'lrrr'],
    [['Target', 'goal', 'measured', 'status', 'detail'], targets.map((t) => [t.what, t.goal, t.shown, t.met ? 'MET' : 'NOT MET', t.detail]), 'llrll'],
  ];
}

const NOTES = [
  'Same request for every signer: POST / to personalize.us-east-1.amazonaws.com, content-type application/x-amz-json-1.1,',
  'x-amz-target AmazonPersonalize.CreateEventTracker, a 148-byte JSON body, temporary credentials (with a session token),',
  'fixed date 2024-06-01T12:00:00Z; X-Amz-Date and X-Amz-Security-Token set by the signer; no x-amz-content-sha256.',
  'All signatures were checked identical (aws4 adds and signs Content-Length; checked against ours over that header set).',
];

/** Prints the tables, writes results.md and results.json; returns the results. m: the run's
 * figures, with date, quick, info (the machine), loadStart, loadEnd and seconds. */
export function report(m, targets) {
  const { date, quick, info, loadStart, loadEnd } = m;
  const machineLine = `${info.cpu}, ${info.cores} cores, ${info.memoryGiB} GiB, ${info.os}, Node.js ${info.node}`;
  const loadLine = `load average ${loadStart.toFixed(2)} at start, ${loadEnd.toFixed(2)} at end`;
  const all = sections(m, targets);

  console.log(`\npersonalize-wasm benchmarks${quick ? ' (--quick: a smoke run, small samples)' : ''}, ${date}`);
  console.log(`${machineLine}; ${loadLine}\n`);
  for (const [h, r, a] of all) console.log(`${table(h, r, a)}\n`);
  console.log(NOTES.join('\n'));

  const md = [
    `### Benchmarks${quick ? ' (quick smoke run)' : ''}`,
    '',
    `\`./build.sh bench${quick ? ' --quick' : ''}\`, ${date.slice(0, 10)}: ${machineLine}; ${loadLine}.`,
    '',
    ...all.flatMap(([h, r, a]) => [markdown(h, r, a), '']),
    NOTES.join(' '),
    '',
  ].join('\n');
  writeFileSync(join(HERE, 'results.md'), md);
  const results = {
    date,
    mode: quick ? 'quick' : 'full',
    machine: { ...info, loadStart, loadEnd },
    plan: m.plan,
    signing: m.signing,
    clients: { ...m.clients, baseline: m.baseline },
    sizes: { ...m.sizes, sdkAll: m.sdkAll, sdkCreate: m.sdkCreate },
    cold: m.cold,
    page: m.page,
    memory: { ...m.memory, ...flatness(m.memory) },
    beforeOneCrossing: { ...BEFORE, download: DOWNLOAD_BEFORE_ONE_CROSSING, rows: gainRows(m) },
    targets: targets.map(({ what, goal, measured, met, detail }) => ({ what, goal, measured, met, detail })),
    seconds: m.seconds(),
  };
  writeFileSync(join(HERE, 'results.json'), `${JSON.stringify(results, null, 2)}\n`);
  console.log(`\nMarkdown table: tests/bench/results.md  (paste into README)`);
  console.log(`\n${md}`);
  return results;
}
