// Child process: per-call overhead of one client without the network, and the process's peak RSS.
// node client.mjs ours|sdk CALLS WARMUP → one JSON line with every call's time in ms.
import { OUTPUT, report } from './common.mjs';
import { CLIENTS } from './clients.mjs';

const [name, n = '5000', warmup = '1000'] = process.argv.slice(2);
if (!CLIENTS[name]) throw new Error(`unknown client ${name}`);
let signed = 0;
const call = await CLIENTS[name]((request) => {
  const auth = request.headers.authorization ?? request.headers.find?.(([k]) => k.toLowerCase() === 'authorization')?.[1];
  if (auth?.startsWith('AWS4-HMAC-SHA256 ')) signed++;
});
const first = await call();
if (first.eventTrackerArn !== OUTPUT.eventTrackerArn || first.trackingId !== OUTPUT.trackingId) {
  throw new Error(`${name}: unexpected output ${JSON.stringify(first)}`);
}
for (let i = 0; i < Number(warmup); i++) await call();

const samples = new Float64Array(Number(n));
const start = performance.now();
for (let i = 0; i < samples.length; i++) {
  const t = performance.now();
  await call();
  samples[i] = performance.now() - t;
}
const total = performance.now() - start;
if (signed !== 1 + Number(warmup) + samples.length) throw new Error(`${name}: ${signed} signed requests seen`);
report({ name, samples: Array.from(samples), total, maxRSS: process.resourceUsage().maxRSS * 1024 });
