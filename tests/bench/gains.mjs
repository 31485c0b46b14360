// What one crossing per step gained (issue 17): this run beside the figures from before it,
// when every attempt crossed the boundary back and forth (header codes, positional results, the
// payload hash and region C→JS→C, a second parse of every body).
import { int, ms, ratio } from './format.mjs';

/** The download (wasm + minified glue, gzip -9) measured before the boundary crossed once per step
 * (header codes, positional results and a second parse of every body): the figure to beat. */
export const DOWNLOAD_BEFORE_ONE_CROSSING = 30_783;

/** Before, the module and the glue of that download apart (tests/bench/download-size.test.mjs's note). */
const WASM_BEFORE = 22_484;
const GLUE_BEFORE = 8_299;

/** Before, README's benchmark table (a full run on 2026-12-01, 2 cores). Times come from that run
 * and move with the machine; the ratios are each run's own, so they compare across runs. */
export const BEFORE = {
  date: '2026-12-01',
  signRequest: 6.96e-3,
  wasmAlone: 4.55e-3,
  glueAdds: 2.41e-3,
  clientCall: 17.9e-3,
  vsAws4: 1.08,
  vsSmithy: 4.57,
  vsSdk: 5.41,
};

const change = (before, now) => `${now <= before ? '−' : '+'}${Math.abs((now / before - 1) * 100).toFixed(0)} %`;
const times = (before, now) => `${now >= before ? '+' : '−'}${Math.abs(now - before).toFixed(2)}×`;
const bytesChange = (before, now) => `${now <= before ? '−' : '+'}${int(Math.abs(now - before))} B`;

/** Rows: what, before, this run, the change. */
export function gainRows({ signing, clients, sizes }) {
  const ours = signing.ours.median;
  const now = {
    vsAws4: signing.aws4.median / ours,
    vsSmithy: signing['smithy-sha256js'].median / ours,
    vsSdk: clients.sdk.median / clients.ours.median,
  };
  const b = BEFORE;
  return [
    ['signRequest vs aws4, same-run ratio', ratio(b.vsAws4), ratio(now.vsAws4), times(b.vsAws4, now.vsAws4)],
    ['signRequest vs @smithy/signature-v4 + sha256-js, same-run ratio', ratio(b.vsSmithy), ratio(now.vsSmithy), times(b.vsSmithy, now.vsSmithy)],
    ['createEventTracker per call vs AWS SDK, same-run ratio', ratio(b.vsSdk), ratio(now.vsSdk), times(b.vsSdk, now.vsSdk)],
    ['signRequest, median', ms(b.signRequest), ms(ours), change(b.signRequest, ours)],
    ['personalize.wasm pw_sign_request alone, median', ms(b.wasmAlone), ms(signing.wasm.median), change(b.wasmAlone, signing.wasm.median)],
    ['what the glue adds to a sign (signRequest − WASM alone)', ms(b.glueAdds), ms(ours - signing.wasm.median), change(b.glueAdds, ours - signing.wasm.median)],
    ['createEventTracker per call, median', ms(b.clientCall), ms(clients.ours.median), change(b.clientCall, clients.ours.median)],
    ['download, gzip -9: personalize.wasm', `${int(WASM_BEFORE)} B`, `${int(sizes.wasm.gzip)} B`, bytesChange(WASM_BEFORE, sizes.wasm.gzip)],
    ['download, gzip -9: the glue bundle', `${int(GLUE_BEFORE)} B`, `${int(sizes.glueMin.gzip)} B`, bytesChange(GLUE_BEFORE, sizes.glueMin.gzip)],
    ['download, gzip -9: wasm + the glue bundle (as dist ships them)', `${int(DOWNLOAD_BEFORE_ONE_CROSSING)} B`, `${int(sizes.totalMin.gzip)} B`,
      bytesChange(DOWNLOAD_BEFORE_ONE_CROSSING, sizes.totalMin.gzip)],
  ];
}

export const gainHead = (date) => [`What one crossing per step gained: before (README's table, ${BEFORE.date}) → this run (${date})`, 'before', 'now', 'change'];
