// Shared test helpers: an in-process local Personalize endpoint (tests/local-endpoint/runtime/server.mjs) with
// its admin routes, and clients of web/lib/personalize.mjs pointed at it.
//
// Every client built here gets region, endpoint and credentials explicitly, so nothing is read
// from the environment or ~/.aws of whoever runs the tests.

import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import { startLocalEndpoint, DEMO_CREDENTIALS, DEMO_REGION, ADMIN_TOKEN_HEADER } from '../local-endpoint/runtime/index.mjs';
import { PersonalizeClient, PersonalizeEventsClient } from '../../web/lib/personalize.mjs';

export const DEMO = Object.freeze({ accessKeyId: DEMO_CREDENTIALS.accessKeyId, secretAccessKey: DEMO_CREDENTIALS.secretAccessKey });
export const REGION = DEMO_REGION;
export const ACCOUNT = DEMO_CREDENTIALS.accountId;
export const UUID_RE = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** Asserts a modelled service error as the glue surfaces it. */
export function assertServiceError(err, name, { fault = 'client', status = 400, message } = {}) {
  assert.equal(err.name, name, `expected ${name}, got ${err.name}: ${err.message}`);
  assert.ok(err instanceof Error);
  assert.equal(typeof err.message, 'string');
  assert.ok(err.message.length > 0, 'message is empty');
  if (message) assert.match(err.message, message);
  assert.equal(err.$fault, fault);
  assert.equal(err.$metadata.httpStatusCode, status);
  assert.match(err.$metadata.requestId, UUID_RE);
}

let counter = 0;
/** A name that is unique within this process and valid for the model (^[a-zA-Z0-9][a-zA-Z0-9\-_]*, <= 63). */
export function uniqueName(prefix = 'n') {
  counter += 1;
  return `${prefix}-${process.pid}-${counter}-${Math.random().toString(36).slice(2, 8)}`;
}

/**
 * Starts an in-process local endpoint with admin routes on.
 * options: stepMs (default 10), demo (default true), credentials (extra key pairs),
 *   manualClock (true: the local endpoint's clock only moves with advance(ms)), stateFile.
 * Returns { url, emu, demoDatasetGroupArn, stepMs, advance, faults, setFaults, stats, requests,
 *   events, state, reset, close }. The admin helpers go over HTTP (the /__local-endpoint routes), with
 *   this run's admin token (emu.adminToken).
 */
export async function startTestEndpoint(options = {}) {
  const { manualClock = false, stepMs = 10, demo = true, credentials = [], stateFile = null } = options;
  let offset = 0;
  const base = Date.now();
  const now = manualClock ? () => base + offset : undefined;
  const emu = await startLocalEndpoint({
    port: 0, stepMs, admin: true, demo, credentials, stateFile, now,
    log: () => {}, // keep test output clean
  });
  const url = emu.url;
  const admin = async (method, path, body) => {
    const res = await fetch(`${url}${path}`, {
      method,
      headers: { [ADMIN_TOKEN_HEADER]: emu.adminToken, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await res.text();
    if (!res.ok) throw new Error(`${method} ${path}: HTTP ${res.status} ${text}`);
    return text ? JSON.parse(text) : undefined;
  };
  return {
    url,
    emu,
    stepMs,
    demoDatasetGroupArn: emu.demoDatasetGroupArn,
    /** Moves a manual clock forward (only with manualClock: true). */
    advance(ms) {
      if (!manualClock) throw new Error('advance() needs manualClock: true');
      offset += ms;
    },
    faults: () => admin('GET', '/__local-endpoint/faults'),
    setFaults: (f) => admin('POST', '/__local-endpoint/faults', f),
    stats: () => admin('GET', '/__local-endpoint/stats'),
    requests: async () => (await admin('GET', '/__local-endpoint/requests')).requests,
    events: async (trackingId) => (await admin('GET', `/__local-endpoint/events${trackingId ? `?trackingId=${encodeURIComponent(trackingId)}` : ''}`)).events,
    state: () => admin('GET', '/__local-endpoint/state'),
    reset: (what) => admin('POST', '/__local-endpoint/reset', what ? { what } : {}),
    close: () => emu.close(),
  };
}

/** startTestEndpoint, closed when the test t ends. */
export async function localEndpointFor(t, options) {
  const e = await startTestEndpoint(options);
  t.after(() => e.close());
  return e;
}

/** A PersonalizeClient for the endpoint: demo credentials and us-east-1 unless `extra` says otherwise. */
export function client(url, extra = {}) {
  return new PersonalizeClient({ region: REGION, endpoint: url, credentials: DEMO, ...extra });
}

/** A PersonalizeEventsClient for the same endpoint. */
export function eventsClient(url, extra = {}) {
  return new PersonalizeEventsClient({ region: REGION, endpoint: url, credentials: DEMO, ...extra });
}

/** Polls fn() every intervalMs until it returns a truthy value; throws after timeoutMs. */
export async function until(fn, { timeoutMs = 5000, intervalMs = 5, what = 'condition' } = {}) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await fn();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((r) => setTimeout(r, intervalMs));
  }
}

/** Creates a dataset group and waits (bounded) until it is ACTIVE; returns its ARN. */
export async function activeDatasetGroup(c, name = uniqueName('dg'), { advance } = {}) {
  const { datasetGroupArn } = await c.createDatasetGroup({ name });
  await until(async () => {
    const { datasetGroup } = await c.describeDatasetGroup({ datasetGroupArn });
    if (datasetGroup.status === 'ACTIVE') return true;
    advance?.();
    return false;
  }, { what: `dataset group ${name} ACTIVE` });
  return datasetGroupArn;
}

/** Creates a tracker in a new ACTIVE dataset group (or the one given) and waits until it is ACTIVE. */
export async function activeTracker(c, { datasetGroupArn, name = uniqueName('tr') } = {}) {
  datasetGroupArn ??= await activeDatasetGroup(c);
  const created = await c.createEventTracker({ datasetGroupArn, name });
  const tracker = await c.waitUntilEventTrackerActive({ eventTrackerArn: created.eventTrackerArn }, { minDelay: 0.005, maxDelay: 0.02, maxWaitTime: 10 });
  return { ...tracker, datasetGroupArn };
}

/** Rejects with the error fn() throws; fails if it resolves. */
export async function rejection(promiseOrFn) {
  try {
    await (typeof promiseOrFn === 'function' ? promiseOrFn() : promiseOrFn);
  } catch (err) {
    return err;
  }
  throw new Error('expected a rejection, but it resolved');
}

/**
 * Spawns a Node.js script and resolves with the first stdout lines once `ready(lines)` is true.
 * Returns { child, lines, exit: Promise<{code, signal}>, stderr: () => string }.
 */
export function spawnNode(args, { env = process.env, cwd, ready = (lines) => lines.length >= 1, timeoutMs = 10000 } = {}) {
  const child = spawn(process.execPath, args, { env, cwd, stdio: ['ignore', 'pipe', 'pipe'] });
  let stderr = '';
  child.stderr.setEncoding('utf8');
  child.stderr.on('data', (d) => { stderr += d; });
  const exit = new Promise((resolve) => child.once('exit', (code, signal) => resolve({ code, signal })));
  const lines = [];
  const started = new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`${args.join(' ')}: not ready within ${timeoutMs} ms; stdout ${JSON.stringify(lines)} stderr ${stderr}`));
    }, timeoutMs);
    const rl = createInterface({ input: child.stdout });
    let done = false;
    rl.on('line', (line) => {
      lines.push(line);
      if (!done && ready(lines)) {
        done = true;
        clearTimeout(timer);
        resolve();
      }
    });
    exit.then(({ code, signal }) => {
      if (done) return;
      clearTimeout(timer);
      reject(Object.assign(new Error(`${args.join(' ')} exited (${code ?? signal}) before it was ready; stderr: ${stderr}`), { code }));
    });
  });
  started.catch(() => {}); // callers that only await `exit` must not see an unhandled rejection
  return { child, lines, exit, started, stderr: () => stderr };
}

/**
 * Runs command (argv[0] the program) to its end with stdin closed; resolves with { code, stdout, stderr }
 * (stdout and stderr decoded as UTF-8 across chunk boundaries). onSpawn(child) sees the child at once.
 */
export function runToExit([program, ...args], { env, cwd, onSpawn } = {}) {
  return new Promise((resolve, reject) => {
    const child = spawn(program, args, { env, cwd, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (d) => { stdout += d; });
    child.stderr.setEncoding('utf8').on('data', (d) => { stderr += d; });
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
    onSpawn?.(child);
  });
}

/** Sends SIGTERM and waits (bounded) for the exit; SIGKILLs after timeoutMs. */
export async function stopChild(child, exit, timeoutMs = 5000) {
  if (child.exitCode !== null || child.signalCode !== null) return exit;
  child.kill('SIGTERM');
  let timer;
  const killed = new Promise((resolve) => {
    timer = setTimeout(() => { child.kill('SIGKILL'); resolve({ code: null, signal: 'SIGKILL', timedOut: true }); }, timeoutMs);
  });
  const result = await Promise.race([exit, killed]);
  clearTimeout(timer);
  return result;
}

/** A copy of process.env without AWS_* (and node --test) variables, with HOME pointing at `home`. */
export function cleanEnv(home, extra = {}) {
  const env = {};
  for (const [k, v] of Object.entries(process.env)) if (!k.startsWith('AWS_') && !k.startsWith('NODE_TEST')) env[k] = v;
  env.HOME = home;
  env.USERPROFILE = home;
  env.AWS_EC2_METADATA_DISABLED = 'true'; // AWS's providers (dev dependencies) must never try 169.254.169.254
  return { ...env, ...extra };
}
