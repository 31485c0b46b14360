// The download size budget: what a browser loads for the client, gzip -9 (node:zlib level 9) of
// web/lib/personalize.wasm plus the glue bundle, web/lib/personalize.mjs and every module it
// imports bundled into one by esbuild and minified by terser, as ./build.sh dist ships it (tests/bench/size.mjs).
// Deterministic: no timing here (timings are in ./build.sh bench).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ourSizes } from './size.mjs';

/** The target: 20 KB (20,480 bytes) gzip in all. Not reached yet; README states the gap. */
const TARGET_BYTES = 20 * 1024;

/** A ratchet, not the target: the size measured when this test was written (27,457 bytes:
 * 22,588 wasm + 4,869 minified glue) rounded up to the next KB, plus 1 KB. It fails the moment
 * the size regresses past that; lower it as the size comes down, until it reaches TARGET_BYTES. */
// Raised from 28 KiB for the safety work (URL canonicalization, eventIds, allocation checks,
// stack scrubbing, bounded reads); lowered after the packed Unicode table (29,879 B measured:
// 22,381 wasm + 7,498 minified glue, rounded up to 256 B, plus 256 B).
// Raised once, on purpose: SHA-256's rounds unrolled (+1.3 KB gzip for a block in 3/4 of the time)
// and the glue's faster call paths (+0.6 KB); the same change took 1.7 KB out of the module
// (30,312 B measured: 22,142 wasm + 8,170 minified glue, rounded up to 256 B, plus 256 B).
// Then by 256 B, for each call's payload hashed once instead of per attempt and key handles
// shared by secret (30,783 B measured: 22,484 wasm + 8,299 minified glue).
// Lowered to that 30,783 B, which the download must stay under since one crossing per boundary
// step: 30,777 B measured (21,402 wasm + 9,375 glue bundle, terser-minified, as dist ships it).
const BUDGET_BYTES = 30_783;

test('gzip -9 of personalize.wasm + the glue bundle is within the size budget', async (t) => {
  const s = await ourSizes();
  const total = s.wasm.gzip + s.glueMin.gzip;
  const report = [
    `web/lib/personalize.wasm   ${s.wasm.raw} B raw, ${s.wasm.gzip} B gzip -9`,
    `web/lib/*.mjs              ${s.glue.raw} B raw, ${s.glue.gzip} B gzip -9 (as written, together)`,
    `the glue bundle            ${s.glueMin.raw} B raw, ${s.glueMin.gzip} B gzip -9 (as ./build.sh dist ships it)`,
    `wasm + the glue bundle     ${total} B gzip -9; budget ${BUDGET_BYTES} B, target ${TARGET_BYTES} B (${total - TARGET_BYTES > 0 ? `${total - TARGET_BYTES} B over` : 'met'})`,
  ];
  for (const line of report) t.diagnostic(line);
  assert.ok(TARGET_BYTES <= BUDGET_BYTES, 'the budget is a ratchet down to the target, never below it');
  assert.ok(
    total <= BUDGET_BYTES,
    `download size regressed: ${total} B gzip -9 (wasm ${s.wasm.gzip} + glue bundle ${s.glueMin.gzip}) > budget ${BUDGET_BYTES} B (target ${TARGET_BYTES} B)`,
  );
  if (BUDGET_BYTES - total > 2048) {
    t.diagnostic(`the size is ${BUDGET_BYTES - total} B under the budget: lower BUDGET_BYTES (tests/bench/download-size.test.mjs) to ratchet it down`);
  }
});
