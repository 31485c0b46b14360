// web/node/cli.mjs side by side with the AWS CLI v2 (Debian's awscli, /usr/bin/aws): both run against the
// same in-process local endpoint with the same environment (a temporary HOME with ~/.aws/config,
// the demo key pair, AWS_EC2_METADATA_DISABLED, AWS_PAGER=''), and must print the same stdout and
// stderr and exit with the same code. Our program's name is read as "aws" in the usage lines.
// Fails, not skips, when /usr/bin/aws is not an AWS CLI v2: ./build.sh installs Debian's awscli, so a
// missing one is a broken set-up, not a reason to pass.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startTestEndpoint, client, runToExit, DEMO } from '../helpers/local-endpoint.mjs';

const CLI = fileURLToPath(new URL('../../web/node/cli.mjs', import.meta.url));
const AWS = process.env.AWS_CLI_V2 ?? '/usr/bin/aws';
const awsVersion = (() => {
  try {
    return execFileSync(AWS, ['--version'], { encoding: 'utf8', env: { PATH: '/usr/bin:/bin', HOME: tmpdir() } });
  } catch {
    return '';
  }
})();

let endpoint;
let home;
let dgArn;

before(async () => {
  assert.match(awsVersion, /^aws-cli\/2\./, `${AWS} is not the AWS CLI v2 (./build.sh deps installs Debian's awscli)`);
  endpoint = await startTestEndpoint({ stepMs: 5 });
  home = mkdtempSync(join(tmpdir(), 'pw-cli-parity-'));
  mkdirSync(join(home, '.aws'));
  writeFileSync(join(home, '.aws', 'config'), [
    '[default]', 'region = us-east-1',
    '[profile wire]', 'region = us-east-1', 'cli_timestamp_format = wire',
    '[profile tabled]', 'region = us-east-1', 'output = table',
    '',
  ].join('\n'));
  writeFileSync(join(home, 'input.yaml'), `datasetGroupArn: ${endpoint.demoDatasetGroupArn}\n`);
  // Six more dataset groups, every other one with a domain: summaries with different members, so
  // text columns differ from page to page (the AWS CLI computes them per page).
  const c = client(endpoint.url);
  for (let i = 0; i < 6; i++) {
    const { datasetGroupArn } = await c.createDatasetGroup({ name: `parity-${i}`, ...(i % 2 ? { domain: 'ECOMMERCE' } : {}) });
    dgArn ??= datasetGroupArn;
  }
});

after(async () => {
  await endpoint?.close();
  if (home) rmSync(home, { recursive: true, force: true });
});

/** Both CLIs with the same arguments and environment; `url` (default: the local endpoint) first. */
async function both(args, { env = {}, url = endpoint.url } = {}) {
  const merged = {
    PATH: '/usr/bin:/bin', HOME: home, TZ: 'UTC', LANG: 'C.UTF-8',
    AWS_ACCESS_KEY_ID: DEMO.accessKeyId, AWS_SECRET_ACCESS_KEY: DEMO.secretAccessKey,
    AWS_EC2_METADATA_DISABLED: 'true', AWS_PAGER: '', ...env,
  };
  for (const [k, v] of Object.entries(merged)) if (v === undefined) delete merged[k];
  const argv = url ? ['--endpoint-url', url, ...args] : args;
  const options = { env: merged, cwd: home };
  const [ours, theirs] = await Promise.all([runToExit([process.execPath, CLI, ...argv], options), runToExit([AWS, ...argv], options)]);
  ours.stderr = ours.stderr.replaceAll('personalize-wasm', 'aws');
  return { ours, theirs };
}

/** Asserts identical stdout, stderr and exit code, and returns the result. */
async function same(args, options) {
  const { ours, theirs } = await both(args, options);
  assert.deepEqual(ours, theirs, `personalize-wasm ${args.join(' ')}`);
  return ours;
}

/** Runs cases two at a time (the AWS CLI takes about a second to start). */
async function all(cases, options) {
  const results = [];
  for (let i = 0; i < cases.length; i += 2) results.push(...await Promise.all(cases.slice(i, i + 2).map((args) => same(args, options))));
  return results;
}

test('the AWS CLI command shape: personalize <command>, personalize-events put-events; the flat form too', async () => {
  const dg = endpoint.demoDatasetGroupArn;
  const c = client(endpoint.url);
  const { eventTrackerArn } = await c.createEventTracker({ name: 'parity-tracker', datasetGroupArn: dg });
  const tracker = await c.waitUntilEventTrackerActive({ eventTrackerArn }, { minDelay: 0.005, maxDelay: 0.02, maxWaitTime: 10 });
  await all([
    ['personalize', 'describe-event-tracker', '--event-tracker-arn', eventTrackerArn],
    ['personalize', 'list-event-trackers', '--dataset-group-arn', dg, '--output', 'text'],
    ['personalize', 'describe-dataset-group', '--dataset-group-arn', dg, '--output', 'yaml'],
    ['personalize', 'list-tags-for-resource', '--resource-arn', eventTrackerArn],
  ]);
  // The flat form is the same command.
  const [flat] = await Promise.all([both(['describe-event-tracker', '--event-tracker-arn', eventTrackerArn])]);
  const [shaped] = await Promise.all([both(['personalize', 'describe-event-tracker', '--event-tracker-arn', eventTrackerArn])]);
  assert.deepEqual(flat.ours, shaped.ours);

  // put-events: the same events stored; our CLI prints the eventIds it sent, the AWS CLI nothing.
  const event = (id) => `[{"eventId":"${id}","eventType":"click","sentAt":1764151200,"itemId":"i1"}]`;
  const argv = ['personalize-events', 'put-events', '--tracking-id', tracker.trackingId, '--session-id', 's1', '--event-list'];
  const [ours, theirs] = await Promise.all([both([...argv, event('ours')]).then((r) => r.ours), both([...argv, event('aws')]).then((r) => r.theirs)]);
  assert.deepEqual([ours.code, ours.stderr, JSON.parse(ours.stdout)], [0, '', { eventIds: ['ours'] }]);
  assert.deepEqual(theirs, { code: 0, stdout: '', stderr: '' });
  const stored = (await endpoint.events(tracker.trackingId)).map((e) => e.event.eventId);
  assert.ok(stored.includes('ours') && stored.includes('aws'), JSON.stringify(stored));
});

test('--output json|text|table|yaml|yaml-stream, --query, --color, cli_timestamp_format', async () => {
  const dg = endpoint.demoDatasetGroupArn;
  await all([
    ['personalize', 'list-dataset-groups', '--output', 'table'],
    ['personalize', 'describe-dataset-group', '--dataset-group-arn', dg, '--output', 'table', '--color', 'on'],
    ['personalize', 'list-dataset-groups', '--output', 'yaml'],
    ['personalize', 'list-dataset-groups', '--output', 'yaml-stream', '--page-size', '3'],
    ['personalize', 'list-dataset-groups', '--query', 'datasetGroups[?domain].name'],
    ['personalize', 'list-dataset-groups', '--query', 'datasetGroups[].[name, status]', '--output', 'text', '--page-size', '2'],
    ['personalize', 'list-dataset-groups', '--query', 'length(datasetGroups)', '--output', 'yaml'],
    ['personalize', 'describe-dataset-group', '--dataset-group-arn', dg, '--query', 'datasetGroup.{n: name, s: status}', '--output', 'table'],
    ['--profile', 'wire', 'personalize', 'describe-dataset-group', '--dataset-group-arn', dg],
    ['--profile', 'tabled', 'personalize', 'describe-dataset-group', '--dataset-group-arn', dg],
  ]);
});

test('pagination: the AWS CLI token format, accepted both ways; --max-items 0; text per page', async () => {
  const list = ['personalize', 'list-dataset-groups'];
  const [first, zero] = await all([
    [...list, '--max-items', '3', '--page-size', '2'],
    [...list, '--max-items', '0'],
    [...list, '--page-size', '2', '--output', 'text'],
    [...list, '--max-items', '3', '--page-size', '2', '--output', 'text'],
  ]);
  const token = JSON.parse(first.stdout).NextToken;
  assert.match(Buffer.from(token, 'base64').toString(), /^\{"nextToken": ".+", "boto_truncate_amount": 1\}$/);
  assert.equal(JSON.parse(zero.stdout).NextToken, Buffer.from('{"nextToken": null, "boto_truncate_amount": 0}').toString('base64'));
  // The token printed by one CLI resumes in the other (both print the same, so either way round).
  await all([
    [...list, '--starting-token', token, '--page-size', '2'],
    [...list, '--starting-token', token, '--max-items', '2', '--output', 'text'],
    [...list, '--starting-token', JSON.parse(zero.stdout).NextToken, '--max-items', '1'],
  ]);
});

test('usage errors laid out as the AWS CLI lays them out (252)', async () => {
  const dg = endpoint.demoDatasetGroupArn;
  await all([
    ['personalize'],
    ['personalize', 'describe-dataset-group', '--nmae', 'x', '--dataset-group-arn', dg],
    ['personalize', 'create-event-tracker'],
    ['personalize', 'list-dataset-groups', '--output', 'yml'],
    ['personalize', 'list-dataset-groups', '--color', 'blue'],
    ['personalize', 'list-dataset-groups', '--generate-cli-skeleton', 'inptu'],
    ['personalize', 'list-dataset-groups', '--cli-input-json', '{}', '--cli-input-yaml', 'maxResults: 1'],
    ['personalize', 'list-dataset-groups', '--cli-input-yaml', '[1]'],
  ]);
  // Invalid operation names: the same layout and close matches; the choices are ours (fewer).
  const { ours, theirs } = await both(['personalize', 'describe-event-trackr']);
  assert.equal(ours.code, theirs.code);
  const tail = (text) => text.slice(text.indexOf("Invalid choice: 'describe-event-trackr'"));
  assert.equal(tail(ours.stderr), tail(theirs.stderr));
  assert.equal(ours.stderr.split('Invalid choice, valid choices are:')[0], theirs.stderr.split('Invalid choice, valid choices are:')[0]);
});

test('--generate-cli-skeleton input|output, --cli-input-yaml', async () => {
  await all([
    ['personalize', 'create-event-tracker', '--generate-cli-skeleton'],
    ['personalize', 'list-dataset-groups', '--generate-cli-skeleton', 'output'],
    ['personalize', 'describe-event-tracker', '--generate-cli-skeleton', 'input'],
    ['personalize', 'describe-dataset-group', '--cli-input-yaml', 'file://input.yaml'],
  ]);
});

test('configuration errors: unknown profile, partial credentials (255), --endpoint-url without a scheme (252)', async () => {
  const list = ['personalize', 'list-dataset-groups'];
  await all([
    ['--profile', 'nobody', ...list],
    [...list],
  ], { env: { AWS_PROFILE: 'nobody-either' } });
  await all([[...list]], { env: { AWS_SECRET_ACCESS_KEY: undefined } });
  await all([['--endpoint-url', endpoint.url.replace('http://', ''), ...list]], { url: null });
  await all([
    [...list, '--cli-read-timeout', '1.5'],
    [...list, '--cli-connect-timeout', '-1'],
  ]);
  await all([[...list]], { env: { AWS_RETRY_MODE: 'legacy' } });
  await all([[...list]], { env: { AWS_MAX_ATTEMPTS: '0' } });
});

test('AWS_MAX_ATTEMPTS is honoured: the same attempts and message on a throttled endpoint', async () => {
  // One endpoint per CLI: the throttle counter is the endpoint's.
  const endpoints = await Promise.all([startTestEndpoint(), startTestEndpoint()]);
  try {
    await Promise.all(endpoints.map((e) => e.setFaults({ throttle: 10 })));
    const env = { AWS_MAX_ATTEMPTS: '2', AWS_RETRY_MODE: 'standard' };
    const [ours, theirs] = await Promise.all(endpoints.map((e, i) => both(['personalize', 'list-dataset-groups'], { env, url: e.url }).then((r) => (i ? r.theirs : r.ours))));
    assert.deepEqual(ours, theirs);
    assert.equal(ours.code, 254);
    assert.match(ours.stderr, /\(reached max retries: 1\)/);
  } finally {
    await Promise.all(endpoints.map((e) => e.close()));
  }
});
