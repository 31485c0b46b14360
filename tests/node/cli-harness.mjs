// The CLI tests' harness: the in-process local endpoint (admin on, 20 ms steps, a session key pair),
// a temporary HOME with a cli-test profile, and cli(), which runs web/node/cli.mjs as a child
// process against it. Call useCliEnvironment() once at the top of a test file; emu, home and
// library are set before its tests run.
import { before, after } from 'node:test';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startLocalEndpoint } from '../local-endpoint/runtime/index.mjs';
import { PersonalizeClient } from '../../web/lib/personalize.mjs';
import { runToExit } from '../helpers/local-endpoint.mjs';

export const ROOT = fileURLToPath(new URL('../..', import.meta.url));
export const CLI = join(ROOT, 'web', 'node', 'cli.mjs');
export const DEMO = { accessKeyId: 'AKIAIOSFODNN7EXAMPLE', secretAccessKey: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY' };
// A second key pair that must come with a session token, for the --debug redaction checks.
export const TEMP = { accessKeyId: 'ASIAQEXAMPLETEMPKEY1', secretAccessKey: 'tEmPsEcReT/K7MDENG+bPxRfiCYzzTEMPORARY1', sessionToken: 'FwoGZXIvYXdzEXAMPLE-session-token-value' };
export const TRACKER_ARN = /^arn:aws:personalize:us-east-1:123456789012:event-tracker\/[0-9a-f]{8}$/;
export const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

export let emu;
export let home;
export let library; // for test set-up only

/** Starts the endpoint and makes HOME before the file's tests; removes both after them. */
export function useCliEnvironment() {
  before(async () => {
    emu = await startLocalEndpoint({ port: 0, stepMs: 20, admin: true, demo: true, credentials: [TEMP], log: () => {} });
    library = new PersonalizeClient({ region: 'us-east-1', endpoint: emu.url, credentials: DEMO, loadFromEnvironment: false });
    home = mkdtempSync(join(tmpdir(), 'personalize-cli-'));
    mkdirSync(join(home, '.aws'));
    writeFileSync(join(home, '.aws', 'credentials'), `[cli-test]\naws_access_key_id = ${DEMO.accessKeyId}\naws_secret_access_key = ${DEMO.secretAccessKey}\n`);
    writeFileSync(join(home, '.aws', 'config'), '[profile cli-test]\nregion = us-east-1\noutput = text\n');
  });

  after(async () => {
    await emu?.close();
    if (home) rmSync(home, { recursive: true, force: true });
  });
}

/**
 * Runs the CLI: `--endpoint-url <local endpoint>` first (unless endpoint: false), a clean environment with
 * the demo key pair and us-east-1 (env entries set to undefined are left out), TZ=UTC.
 */
export function cli(args, { env = {}, endpoint = true, onSpawn } = {}) {
  const base = {
    PATH: process.env.PATH, HOME: home, USERPROFILE: home, TZ: 'UTC',
    AWS_ACCESS_KEY_ID: DEMO.accessKeyId, AWS_SECRET_ACCESS_KEY: DEMO.secretAccessKey, AWS_REGION: 'us-east-1',
    AWS_EC2_METADATA_DISABLED: 'true', // AWS's providers (installed as dev deps) never try 169.254.169.254
  };
  const merged = Object.fromEntries(Object.entries({ ...base, ...env }).filter(([, v]) => v !== undefined));
  const argv = endpoint ? ['--endpoint-url', typeof endpoint === 'string' ? endpoint : emu.url, ...args] : args;
  return runToExit([process.execPath, CLI, ...argv], { env: merged, cwd: home, onSpawn });
}

export const admin = async (path, init = {}) => (await fetch(`${emu.url}/__local-endpoint/${path}`,
  { ...init, headers: { 'x-local-endpoint-admin-token': emu.adminToken, ...init.headers } })).json();
export const stats = async () => (await admin('stats')).total;
/** The AWS CLI's timestamp for epoch seconds, in UTC (TZ=UTC in the child). */
export const isoUtc = (seconds) => new Date(seconds * 1000).toISOString().replace(/\.000Z$/, 'Z').replace(/(\.\d{3})Z$/, '$1000Z').replace(/Z$/, '+00:00');
