// The targets (issue 11's), each MET or NOT MET with this run's measured ratio or size.
import { KB, bytes, int, ms, ratio } from './format.mjs';
import { DOWNLOAD_BEFORE_ONE_CROSSING } from './gains.mjs';

/** Whether WASM linear memory and the WASM heap in use stayed flat over the memory loop. */
export function flatness(memory) {
  return {
    linearFlat: memory.final === memory.afterWarmup && memory.checkpoints.every((c) => c.bytes === memory.afterWarmup),
    heapFlat: memory.heapFinal === memory.heapAfterWarmup,
  };
}

function speedTargets({ signing, floor, perBlock, blocks, clients }) {
  return [
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
      what: `WASM sign alone vs its floor (${blocks} SHA-256 blocks)`,
      goal: '≤ 2× the floor',
      measured: signing.wasm.median / floor,
      met: (r) => r <= 2,
      detail: `${ms(signing.wasm.median)} vs ${ms(floor)} (${blocks} × ${ms(perBlock)} a block, in WASM); the glue adds ${ms(signing.ours.median - signing.wasm.median)}`,
    },
    {
      what: 'createEventTracker per call vs AWS SDK',
      goal: '≥ 10× lower',
      measured: clients.sdk.median / clients.ours.median,
      met: (r) => r >= 10,
      detail: `${ms(clients.ours.median)} vs ${ms(clients.sdk.median)} median per call (needs ≤ ${ms(clients.sdk.median / 10)}; signRequest alone: ${ms(signing.ours.median)})`,
    },
  ];
}

function sizeAndStartTargets({ sizes, cold, memory, plan }) {
  const { linearFlat } = flatness(memory);
  return [
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
      detail: `${ms(cold.ours.fromImport)} vs ${ms(cold.sdk.fromImport)} median of ${plan.coldRuns} (needs ≤ ${ms(cold.sdk.fromImport / 10)})`,
    },
    {
      what: 'WASM linear memory',
      goal: '≤ 1 MiB, flat',
      measured: memory.final,
      met: (n) => n <= 2 ** 20 && linearFlat,
      show: (n) => `${int(n)} B`,
      detail: `${int(memory.afterWarmup)} B after warm-up, ${int(memory.final)} B after ${int(memory.iterations)} calls${linearFlat ? ' (flat)' : ' (GREW)'}`,
    },
  ];
}

/** m: the run's figures ({ signing, floor, perBlock, blocks, clients, sizes, cold, memory, plan }). */
export function targets(m) {
  return [...speedTargets(m), ...sizeAndStartTargets(m)]
    .map((t) => ({ ...t, met: t.met(t.measured), shown: (t.show ?? ratio)(t.measured) }));
}
