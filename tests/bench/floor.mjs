// Child process: the WASM floor of one sign, per SHA-256 block. node floor.mjs WASM BLOCKS ROUNDS
// → one JSON line: the median time of one block in ms over ROUNDS runs of BLOCKS blocks.
import { readFileSync } from 'node:fs';
import { report } from './common.mjs';

const [file, n = '100000', rounds = '15'] = process.argv.slice(2);
const { instance } = await WebAssembly.instantiate(readFileSync(file), {});
const { blocks } = instance.exports;
blocks(Number(n)); // warm-up (and tier-up)
const perBlock = [];
for (let i = 0; i < Number(rounds); i++) {
  const t = performance.now();
  blocks(Number(n));
  perBlock.push((performance.now() - t) / Number(n));
}
perBlock.sort((a, b) => a - b);
report({ perBlock: perBlock[perBlock.length >> 1], samples: perBlock });
