// Child process: WASM linear memory over many CreateEventTracker builds+signs.
// node memory.mjs ITERATIONS → one JSON line.
//
// personalize.wasm is instantiated here directly (the glue keeps its instance private), with the
// glue's import object, and called exactly as web/personalize.mjs calls it: strings copied into
// pw_alloc buffers (capacity 3 bytes per UTF-16 unit), pw_build_request, the result read and
// parsed, pw_release, then every input buffer wiped and freed with pw_wipe_free.
import { readFile } from 'node:fs/promises';
import { CREDENTIALS, INPUT, REGION, ROOT, report } from './common.mjs';

const iterations = Number(process.argv[2] ?? 1_000_000);
const WARMUP = 1000;
const encoder = new TextEncoder();
const decoder = new TextDecoder();

const bytes = await readFile(new URL('web/personalize.wasm', `file://${ROOT}`));
const { instance } = await WebAssembly.instantiate(bytes, { env: { emscripten_notify_memory_growth() {} } });
const x = instance.exports;
x._initialize();

function put(value) {
  const capacity = value.length * 3;
  const p = x.pw_alloc(capacity);
  const { written } = encoder.encodeInto(value, new Uint8Array(x.memory.buffer, p, capacity));
  return [p, written, capacity];
}

function amzDate(date) {
  return date.toISOString().replace(/[-:]/g, '').replace(/\.\d{3}/, '');
}

/** One CreateEventTracker build+sign as PersonalizeClient.send does it; the tracker name varies. */
function buildAndSign(i) {
  const config = JSON.stringify({
    operation: 'CreateEventTracker',
    region: REGION,
    useFipsEndpoint: false,
    useDualstackEndpoint: false,
    accessKeyId: CREDENTIALS.accessKeyId,
    date: amzDate(new Date()),
    headers: [['amz-sdk-invocation-id', crypto.randomUUID()], ['amz-sdk-request', 'attempt=1; max=3']],
  });
  const input = JSON.stringify({ ...INPUT, name: `${INPUT.name}-${i}` });
  const buffers = [config, input, CREDENTIALS.secretAccessKey, CREDENTIALS.sessionToken].map(put);
  try {
    const args = [];
    for (const [p, n] of buffers) args.push(p, n);
    const result = x.pw_build_request(...args);
    if (!result) throw new Error('pw_build_request ran out of memory');
    const text = decoder.decode(new Uint8Array(x.memory.buffer, result, x.pw_result_len()));
    x.pw_release(result);
    const out = JSON.parse(text);
    if (!out.request || !/^[0-9a-f]{64}$/.test(out.signature)) throw new Error(`pw_build_request: ${text.slice(0, 300)}`);
  } finally {
    for (const [p, , capacity] of buffers) x.pw_wipe_free(p, capacity);
  }
}

const heap = () => (typeof x.pw_heap_in_use === 'function' ? x.pw_heap_in_use() : null);
const initial = x.memory.buffer.byteLength;
for (let i = 0; i < WARMUP; i++) buildAndSign(i);
const afterWarmup = x.memory.buffer.byteLength;
const heapAfterWarmup = heap();
const checkpoints = [];
const every = Math.max(1, Math.floor(iterations / 10));
const start = performance.now();
for (let i = 0; i < iterations; i++) {
  buildAndSign(WARMUP + i);
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
