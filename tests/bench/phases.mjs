// The bench's measuring phases, in the order run.mjs runs them: the signers' agreement, the
// untimed work (memory loop, builds, sizes) and the console's load, signing, client calls, cold
// starts. Each returns its figures; timed work runs in child processes (children.mjs).
import { stats } from './common.mjs';
import { child, log, script } from './children.mjs';
import { int } from './format.mjs';
import { buildFloorWasm, buildNative, runNative, signBlocks } from './native.mjs';
import { SIGNERS, oursWithAws4Headers } from './signers.mjs';
import { SDK_ALL, SDK_CREATE, ourSizes, sdkBundle } from './size.mjs';

/** Statistics over the pooled samples of several processes, and each process's median. */
export function pooled(runs) {
  const samples = runs.flatMap((r) => r.samples);
  const total = runs.reduce((t, r) => t + r.total, 0);
  return { ...stats(samples), throughput: samples.length / (total / 1000), processMedians: runs.map((r) => stats(r.samples).median), authorization: runs[0].authorization };
}

export function median(values) {
  const s = [...values].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
}

const signature = (a) => /Signature=([0-9a-f]{64})$/.exec(a ?? '')?.[1];

/** Every signer must produce the same signature for the same request before any is timed.
 * Returns each signer's Authorization. */
export async function checkSigners() {
  log('checking that the signers agree');
  const auths = {};
  for (const [name, setup] of Object.entries(SIGNERS)) auths[name] = await (await setup())();
  for (const name of ['wasm', 'smithy-sha256js', 'smithy-node']) {
    if (auths[name] !== auths.ours) throw new Error(`${name} disagrees with ours:\n  ${auths[name]}\n  ${auths.ours}`);
  }
  // aws4 also signs the Content-Length it adds: checked against ours over the same header set.
  if (auths.aws4 !== (await oursWithAws4Headers())) throw new Error(`aws4 disagrees with ours over its header set:\n  ${auths.aws4}`);
  return auths;
}

/** The memory loop (long, not timed against anything) alongside the untimed work (gcc, emcc,
 * esbuild), then the console's time to interactive in headless Chromium (no overlap). */
export async function untimed(plan, quick) {
  log(`memory: ${int(plan.memoryLoop)} CreateEventTracker builds+signs in WASM (child process), meanwhile gcc and esbuild`);
  const memoryRun = child([script('memory.mjs'), String(plan.memoryLoop)], { timeout: plan.childTimeout });
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
  const page = await child([script('page.mjs'), String(quick ? 3 : 7)], { timeout: plan.childTimeout });
  log(`console: time to interactive ${page.median} ms (median of ${page.runs} cold loads)`);
  return { nativeBinary, floorWasm, sizes, sdkAll, sdkCreate, memory, page };
}

/** Signing, in rounds: the native signer, the SHA-256 floor, then each signer in its own process. */
export async function measureSigning(plan, quick, { nativeBinary, floorWasm, auths }) {
  const timeout = plan.childTimeout;
  const signerNames = ['native', ...Object.keys(SIGNERS)];
  const signRuns = Object.fromEntries(signerNames.map((n) => [n, []]));
  const floorRuns = [];
  for (let round = 1; round <= plan.rounds; round++) {
    log(`signing, round ${round} of ${plan.rounds}: native ${int(plan.nativeSigns)} signs, then ${Object.keys(SIGNERS).join(', ')} ${int(plan.signs)} signs each after ${int(plan.signWarmup)} warm-up`);
    const native = runNative(nativeBinary, plan);
    if (signature(native.authorization) !== signature(auths.ours)) throw new Error(`native signer disagrees: ${native.authorization}`);
    signRuns.native.push(native);
    floorRuns.push(await child([script('floor.mjs'), floorWasm, quick ? '20000' : '100000'], { timeout }));
    for (const name of Object.keys(SIGNERS)) {
      const run = await child([script('sign.mjs'), name, String(plan.signs), String(plan.signWarmup)], { timeout });
      if (run.authorization !== auths[name]) throw new Error(`${name} signed differently in its own process`);
      signRuns[name].push(run);
    }
  }
  const signing = Object.fromEntries(signerNames.map((n) => [n, pooled(signRuns[n])]));
  const perBlock = median(floorRuns.map((r) => r.perBlock));
  const blocks = await signBlocks();
  return { signing, perBlock, blocks, floor: blocks * perBlock };
}

/** Client overhead per call and peak RSS, against an empty process's. */
export async function measureClients(plan) {
  const timeout = plan.childTimeout;
  log('baseline: an empty Node.js process');
  const baseline = await child(['-e', 'console.log(JSON.stringify({ maxRSS: process.resourceUsage().maxRSS * 1024 }))'], { timeout });
  const clientRuns = { ours: [], sdk: [] };
  for (let round = 1; round <= plan.clientRounds; round++) {
    log(`client overhead, round ${round} of ${plan.clientRounds}: ours, sdk, ${int(plan.calls)} calls each after ${int(plan.callWarmup)} warm-up`);
    for (const name of ['ours', 'sdk']) clientRuns[name].push(await child([script('client.mjs'), name, String(plan.calls), String(plan.callWarmup)], { timeout }));
  }
  const clients = Object.fromEntries(Object.entries(clientRuns).map(([n, runs]) => [n, { ...pooled(runs), maxRSS: Math.max(...runs.map((r) => r.maxRSS)) }]));
  return { baseline, clients };
}

/** Cold starts, interleaved so both see the same machine. */
export async function measureCold(plan) {
  log(`cold start: ${plan.coldRuns} fresh processes each`);
  const coldRuns = { ours: [], sdk: [] };
  for (let i = 0; i < plan.coldRuns; i++) {
    for (const name of ['ours', 'sdk']) coldRuns[name].push(await child([script('cold.mjs'), name], { timeout: plan.childTimeout }));
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
  return cold;
}
