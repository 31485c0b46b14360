// web/node/cli.mjs's exit codes and error messages, as the AWS CLI's: 252 for bad command lines and
// parameters (nothing sent), 253 for configuration, 254 for service errors, 255 for the rest, 130
// on SIGINT; the CLI runs as a child process against the in-process local endpoint (cli-harness.mjs).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createServer } from 'node:net';
import { CLI, admin, cli, emu, library, stats, useCliEnvironment } from './cli-harness.mjs';

useCliEnvironment();

test('252: bad command lines and parameter validation, with nothing sent', async () => {
  const dg = emu.demoDatasetGroupArn;
  const before_ = await stats();
  const [unknownFlag, missingName, unknownCommand, badJson, badOutput, badTag, badName, badInt, noFile] = await Promise.all([
    cli(['create-event-tracker', '--dataset-group-arn', dg, '--name', 'x', '--nmae', 'y']),
    cli(['create-event-tracker', '--dataset-group-arn', dg]),
    cli(['create-event-trackers']),
    cli(['create-event-tracker', '--dataset-group-arn', dg, '--name', 'x', '--tags', '[{"tagKey": "a",']),
    cli(['list-dataset-groups', '--output', 'yml']),
    cli(['create-event-tracker', '--dataset-group-arn', dg, '--name', 'x', '--tags', 'tagKey=team,tagValue=a!b']),
    cli(['create-event-tracker', '--dataset-group-arn', 'not-an-arn', '--name', '-bad']),
    cli(['list-event-trackers', '--max-items', 'lots']),
    cli(['put-events', '--tracking-id', 't', '--session-id', 's', '--event-list', 'file://missing.json']),
  ]);
  for (const r of [unknownFlag, missingName, unknownCommand, badJson, badOutput, badTag, badName, badInt, noFile]) {
    assert.equal(r.code, 252, r.stderr);
    assert.equal(r.stdout, '');
  }
  // The AWS CLI's layout: a blank line, usage, the error, a blank line; unknown options with their values.
  assert.match(unknownFlag.stderr, /^\nusage: personalize-wasm \[options\] <command> <subcommand> /);
  assert.match(unknownFlag.stderr, /\n\nUnknown options: --nmae, y\n\n$/);
  assert.match(missingName.stderr, /\n\npersonalize-wasm: error: the following arguments are required: --name\n\n$/);
  assert.match(unknownCommand.stderr, /argument command: Invalid choice, valid choices are:/);
  assert.match(badJson.stderr, /^\nError parsing parameter '--tags': Invalid JSON: /);
  assert.match(badOutput.stderr, /argument --output: Invalid choice/);
  assert.equal(badTag.stderr, '\nParameter validation failed:\nInvalid value for parameter tags[0].tagValue, may contain only Unicode letters, numbers and spaces, and _ . : / = + - @\n');
  const badNameLines = badName.stderr.trim().split('\n');
  assert.equal(badNameLines[0], 'Parameter validation failed:');
  assert.deepEqual(badNameLines.slice(1).map((l) => /^Invalid value for parameter (\S+), /.exec(l)?.[1]).sort(), ['datasetGroupArn', 'name']);
  assert.match(badInt.stderr, /argument --max-items: invalid int value: 'lots'/);
  assert.match(noFile.stderr, /Unable to load paramfile file:\/\/missing\.json/);
  assert.equal(await stats(), before_, 'no request reached the endpoint');
});

test('253: no region, no credentials; 255: unknown profile, as the AWS CLI', async () => {
  const [noRegion, noRegionNoEndpoint, noCredentials, noProfile] = await Promise.all([
    cli(['list-dataset-groups'], { env: { AWS_REGION: undefined } }),
    cli(['list-dataset-groups'], { env: { AWS_REGION: undefined }, endpoint: false }),
    cli(['list-dataset-groups'], { env: { AWS_ACCESS_KEY_ID: undefined, AWS_SECRET_ACCESS_KEY: undefined } }),
    cli(['--profile', 'nobody', 'list-dataset-groups']),
  ]);
  const regionMessage = '\nYou must specify a region. You can also configure your region by running "aws configure".\n';
  assert.deepEqual([noRegion.code, noRegion.stdout, noRegion.stderr], [253, '', regionMessage]);
  assert.deepEqual([noRegionNoEndpoint.code, noRegionNoEndpoint.stderr], [253, regionMessage]);
  assert.equal(noCredentials.code, 253);
  assert.match(noCredentials.stderr, /^\nUnable to locate credentials\. /);
  assert.deepEqual([noProfile.code, noProfile.stderr], [255, '\nThe config profile (nobody) could not be found\n']);
});

test('254 and 255: service errors, an unreachable endpoint, a failed waiter', async () => {
  // A port nobody listens on.
  const port = await new Promise((resolve) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const { port: p } = server.address();
      server.close(() => resolve(p));
    });
  });
  const [service, unreachable] = await Promise.all([
    cli(['create-event-tracker', '--name', 'orphan', '--dataset-group-arn', 'arn:aws:personalize:us-east-1:123456789012:dataset-group/none']),
    cli(['list-dataset-groups'], { endpoint: `http://127.0.0.1:${port}`, env: { AWS_MAX_ATTEMPTS: '1' } }),
  ]);
  assert.equal(service.code, 254);
  assert.match(service.stderr, /^\nAn error occurred \(ResourceNotFoundException\) when calling the CreateEventTracker operation: /);
  assert.equal(unreachable.code, 255);
  assert.match(unreachable.stderr, /Could not reach http:\/\/127\.0\.0\.1:\d+\//);

  // A tracker that ends in CREATE FAILED: the waiter fails with 255, as `aws ... wait` does.
  const { datasetGroupArn: dg } = await library.createDatasetGroup({ name: 'doomed' });
  await new Promise((r) => setTimeout(r, 60)); // the dataset group becomes ACTIVE after one step
  await admin('faults', { method: 'POST', body: JSON.stringify({ failNextTrackerCreation: 1 }) });
  try {
    const created = await cli(['create-event-tracker', '--name', 'doomed-tracker', '--dataset-group-arn', dg]);
    assert.equal(created.code, 0, created.stderr);
    const arn = JSON.parse(created.stdout).eventTrackerArn;
    const waited = await cli(['wait', 'event-tracker-active', '--event-tracker-arn', arn, '--delay', '0.02']);
    assert.equal(waited.code, 255);
    assert.equal(waited.stdout, '');
    assert.equal(waited.stderr, '\nWaiter EventTrackerActive failed: Event tracker doomed-tracker entered CREATE FAILED\n');
    await library.deleteEventTracker({ eventTrackerArn: arn });
  } finally {
    await admin('faults', { method: 'POST', body: JSON.stringify({ failNextTrackerCreation: 0 }) });
  }
});

test('SIGINT exits with 130', async () => {
  // An endpoint that accepts the connection and never answers.
  const sockets = new Set();
  let connected;
  const accepted = new Promise((resolve) => { connected = resolve; });
  const server = createServer((socket) => {
    sockets.add(socket);
    connected();
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  try {
    let child;
    const run = cli(['list-dataset-groups'], { endpoint: `http://127.0.0.1:${server.address().port}`, onSpawn: (c) => { child = c; } });
    await accepted;
    child.kill('SIGINT');
    const result = await run;
    assert.equal(result.code, 130);
    assert.equal(result.stdout, '');
  } finally {
    for (const s of sockets) s.destroy();
    await new Promise((resolve) => server.close(resolve));
  }
});
