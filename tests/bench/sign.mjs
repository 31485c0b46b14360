// Child process: times one signer. node sign.mjs NAME SIGNS WARMUP → one JSON line with every
// sign's time in ms (the parent pools the samples of several such processes).
import { report } from './common.mjs';
import { SIGNERS } from './signers.mjs';

const [name, n = '5000', warmup = '2000'] = process.argv.slice(2);
if (!SIGNERS[name]) throw new Error(`unknown signer ${name}`);
const sign = await SIGNERS[name]();
const authorization = await sign();
for (let i = 0; i < Number(warmup); i++) await sign();

const samples = new Float64Array(Number(n));
const start = performance.now();
for (let i = 0; i < samples.length; i++) {
  const t = performance.now();
  await sign();
  samples[i] = performance.now() - t;
}
const total = performance.now() - start;
report({ name, authorization, samples: Array.from(samples), total });
