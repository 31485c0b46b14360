// Child process: WASM linear memory over many CreateEventTracker calls (prepare + sign + examine).
// node memory.mjs ITERATIONS → one JSON line.
//
// Through the client itself, transport stubbed, so the module is used exactly as a caller uses it;
// tests/helpers/wasm-instance.mjs keeps the glue's instance so its memory can be read.
import { wasmInstance } from '../helpers/wasm-instance.mjs';
import { CREDENTIALS, INPUT, OUTPUT, REGION, report } from './common.mjs';
import { PersonalizeClient } from '../../web/lib/personalize.mjs';

const iterations = Number(process.argv[2] ?? 1_000_000);
const WARMUP = 1000;
const answer = JSON.stringify(OUTPUT);
const client = new PersonalizeClient({
  region: REGION,
  credentials: CREDENTIALS,
  maxAttempts: 1,
  fetch: async () => new Response(answer, { status: 200, headers: { 'content-type': 'application/x-amz-json-1.1', 'x-amzn-requestid': 'r' } }),
});

/** One CreateEventTracker call as a caller makes it; the tracker name varies. */
async function buildAndSign(i) {
  const out = await client.createEventTracker({ ...INPUT, name: `${INPUT.name}-${i}` });
  if (!out.trackingId) throw new Error('createEventTracker: no trackingId');
}

await buildAndSign(0);
const x = wasmInstance().exports;
const heap = () => (typeof x.pw_heap_in_use === 'function' ? x.pw_heap_in_use() : null);
const initial = x.memory.buffer.byteLength;
for (let i = 0; i < WARMUP; i++) await buildAndSign(i);
const afterWarmup = x.memory.buffer.byteLength;
const heapAfterWarmup = heap();
const checkpoints = [];
const every = Math.max(1, Math.floor(iterations / 10));
const start = performance.now();
for (let i = 0; i < iterations; i++) {
  await buildAndSign(WARMUP + i);
  if ((i + 1) % every === 0) checkpoints.push({ calls: i + 1, bytes: x.memory.buffer.byteLength, heapInUse: heap() });
}
const seconds = (performance.now() - start) / 1000;
report({
  iterations,
  initial,
  afterWarmup,
  final: x.memory.buffer.byteLength,
  heapAfterWarmup,
  heapFinal: heap(),
  checkpoints,
  seconds,
  maxRSS: process.resourceUsage().maxRSS * 1024,
});
