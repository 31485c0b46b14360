// A client with no options, in Node.js: credentials, region and endpoint from AWS_* variables or
// from a profile of the shared files (web/node/config.mjs's nodeDefaults), each in a child process
// with a clean environment and HOME, against the local endpoint.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { ACCOUNT, localEndpointFor, uniqueName, spawnNode, cleanEnv } from '../helpers/local-endpoint.mjs';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const GLUE_URL = pathToFileURL(path.join(ROOT, 'web/lib/personalize.mjs')).href;

// ---- credentials from the environment and shared files (child processes) ----------------------

// The child builds both clients with NO options, goes through a whole lifecycle and prints JSON.
const CHILD = `
const { PersonalizeClient, PersonalizeEventsClient } = await import(${JSON.stringify(GLUE_URL)});
const name = process.env.PW_TEST_NAME;
const c = new PersonalizeClient();
const { datasetGroupArn } = await c.createDatasetGroup({ name });
for (let i = 0; ; i++) {
  const { datasetGroup } = await c.describeDatasetGroup({ datasetGroupArn });
  if (datasetGroup.status === 'ACTIVE') break;
  if (i > 500) throw new Error('dataset group not ACTIVE');
  await new Promise((r) => setTimeout(r, 5));
}
const created = await c.createEventTracker({ datasetGroupArn, name });
await c.waitUntilEventTrackerActive({ eventTrackerArn: created.eventTrackerArn }, { minDelay: 0.005, maxDelay: 0.02, maxWaitTime: 10 });
const events = new PersonalizeEventsClient();
await events.putEvents({ trackingId: created.trackingId, sessionId: 'child', eventList: [{ eventType: 'click', sentAt: 1700000000 }] });
console.log(JSON.stringify({ datasetGroupArn, ...created, region: c.config.region }));
`;

async function runChild(t, env) {
  const child = spawnNode(['--input-type=module', '-e', CHILD], { env, timeoutMs: 15000 });
  t.after(() => { if (child.child.exitCode === null) child.child.kill('SIGKILL'); });
  const { code } = await child.exit;
  assert.equal(code, 0, `child failed: ${child.stderr()}`);
  return JSON.parse(child.lines.at(-1));
}

function tempHome(t) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pw-faults-home-'));
  t.after(() => fs.rmSync(dir, { recursive: true, force: true }));
  return dir;
}

test('a client with no options takes credentials (with a session token), region and endpoint from AWS_* variables', async (t) => {
  const key = { accessKeyId: 'ASIAENVIRONMENTKEY01', secretAccessKey: 'env/secret/key/0000000000000000000000000', sessionToken: 'env-session-token+/=' };
  const e = await localEndpointFor(t, { credentials: [key] });
  const home = tempHome(t);
  const name = uniqueName('fromenv');
  const out = await runChild(t, cleanEnv(home, {
    AWS_ACCESS_KEY_ID: key.accessKeyId, AWS_SECRET_ACCESS_KEY: key.secretAccessKey, AWS_SESSION_TOKEN: key.sessionToken,
    AWS_REGION: 'ap-southeast-2', AWS_ENDPOINT_URL: e.url, PW_TEST_NAME: name,
  }));
  assert.equal(out.region, 'ap-southeast-2');
  assert.match(out.datasetGroupArn, new RegExp(`^arn:aws:personalize:ap-southeast-2:${ACCOUNT}:dataset-group/${name}$`));
  assert.match(out.eventTrackerArn, /^arn:aws:personalize:ap-southeast-2:/);
  const log = await e.requests();
  assert.ok(log.length >= 5);
  for (const r of log) {
    assert.equal(r.status, 200, `${r.operation}: ${r.errorType}`);
    assert.equal(r.accessKeyId, key.accessKeyId);
    assert.equal(r.headers['x-amz-security-token'], '<redacted>', 'sent (the endpoint checked it), and kept out of its log');
    assert.match(r.headers.authorization, /\/ap-southeast-2\/personalize\/aws4_request/);
  }
  assert.ok(log.some((r) => r.operation === 'PutEvents'));
  assert.equal((await e.events(out.trackingId)).length, 1);
});

test('a client with no options takes credentials and region from a profile in the shared files (AWS_PROFILE)', async (t) => {
  const key = { accessKeyId: 'AKIAPROFILEKEY000001', secretAccessKey: 'profile/secret/key/00000000000000000000' };
  const e = await localEndpointFor(t, { credentials: [key] });
  const home = tempHome(t);
  const configFile = path.join(home, 'config-x');
  const credentialsFile = path.join(home, 'credentials-x');
  fs.writeFileSync(configFile, '[default]\nregion = us-west-2\n\n[profile x]\nregion = eu-west-1\n');
  fs.writeFileSync(credentialsFile, `[default]\naws_access_key_id = AKIAWRONGDEFAULT0000\naws_secret_access_key = wrong\n\n[x]\naws_access_key_id = ${key.accessKeyId}\naws_secret_access_key = ${key.secretAccessKey}\n`);
  const name = uniqueName('fromprofile');
  const out = await runChild(t, cleanEnv(home, {
    AWS_PROFILE: 'x', AWS_CONFIG_FILE: configFile, AWS_SHARED_CREDENTIALS_FILE: credentialsFile, AWS_ENDPOINT_URL: e.url, PW_TEST_NAME: name,
  }));
  assert.equal(out.region, 'eu-west-1');
  assert.match(out.datasetGroupArn, new RegExp(`^arn:aws:personalize:eu-west-1:${ACCOUNT}:dataset-group/${name}$`));
  const log = await e.requests();
  assert.ok(log.length >= 5);
  for (const r of log) {
    assert.equal(r.status, 200, `${r.operation}: ${r.errorType}`);
    assert.equal(r.accessKeyId, key.accessKeyId);
    assert.equal(r.headers['x-amz-security-token'], undefined);
  }
  assert.equal((await e.events(out.trackingId)).length, 1);
});
