// The local endpoint most of its tests share: in process, admin routes on, no demo dataset group,
// a clock the tests advance by hand (STEP per lifecycle step), and two extra key pairs (another
// account, a session token). Call useMainEndpoint() in a describe(); emu is set before its tests.
import { before, after } from 'node:test';
import { startLocalEndpoint, DEMO_CREDENTIALS } from './runtime/server.mjs';
import { call, ok } from './wire.mjs';

export const DEMO = { accessKeyId: DEMO_CREDENTIALS.accessKeyId, secretAccessKey: DEMO_CREDENTIALS.secretAccessKey };
export const STEP = 1000;

/** A clock the local endpoint reads: real time plus an offset that tests advance. */
function makeClock() {
  let offset = 0;
  return { now: () => Date.now() + offset, advance: (ms) => { offset += ms; } };
}

let nameCounter = 0;
export const uniq = (prefix) => `${prefix}-${process.pid}-${++nameCounter}`;

export const clock = makeClock();
export let emu;

/** Starts the endpoint before the describe's tests and closes it after them. */
export function useMainEndpoint() {
  const extra = [
    { accessKeyId: 'AKIDOTHERACCOUNT0001', secretAccessKey: 'other-secret', accountId: '210987654321' },
    { accessKeyId: 'ASIASESSIONKEY000001', secretAccessKey: 'session-secret', sessionToken: 'session-token-value' },
  ];
  before(async () => {
    emu = await startLocalEndpoint({ port: 0, stepMs: STEP, admin: true, demo: false, now: clock.now, credentials: extra });
  });
  after(async () => { await emu?.close(); });
}

/** A new dataset group, ACTIVE (the clock advanced a step). */
export async function activeDatasetGroup(opts = {}) {
  const name = uniq('dg');
  const { datasetGroupArn } = ok(await call(emu, 'CreateDatasetGroup', { name }, opts));
  clock.advance(STEP);
  return datasetGroupArn;
}

/** A new event tracker on a new dataset group, both ACTIVE. */
export async function activeTracker(opts = {}) {
  const datasetGroupArn = await activeDatasetGroup(opts);
  const name = uniq('tr');
  const out = ok(await call(emu, 'CreateEventTracker', { name, datasetGroupArn }, opts));
  clock.advance(2 * STEP);
  return { ...out, datasetGroupArn, name };
}
