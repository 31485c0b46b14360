// web/node/cli.mjs's help and version: the program's help, every command's in both shapes (where it
// is stricter than the AWS CLI), --version, the bin entry and its shebang (cli-harness.mjs).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { accessSync, constants, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { CLI, ROOT, cli, home, useCliEnvironment } from './cli-harness.mjs';

useCliEnvironment();

test('help, --version, the bin entry and its shebang', async () => {
  const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8'));
  assert.deepEqual(pkg.bin, { 'personalize-wasm': 'web/node/cli.mjs' });
  assert.match(readFileSync(CLI, 'utf8'), /^#!\/usr\/bin\/env node\n/);
  accessSync(CLI, constants.X_OK);
  const [help, commandHelp, version, none] = await Promise.all([
    cli(['help'], { endpoint: false }),
    cli(['create-event-tracker', '--help'], { endpoint: false }),
    cli(['--version'], { endpoint: false }),
    cli([], { endpoint: false }),
  ]);
  assert.equal(help.code, 0);
  for (const c of ['create-event-tracker', 'describe-event-tracker', 'list-event-trackers', 'delete-event-tracker', 'put-events',
    'create-dataset-group', 'list-dataset-groups', 'describe-dataset-group', 'delete-dataset-group', 'wait']) {
    assert.ok(help.stdout.includes(c), c);
  }
  assert.match(commandHelp.stdout, /--dataset-group-arn <value>/);
  assert.match(commandHelp.stdout, /\[--tags <value> \[<value> \.\.\.\]\]/);
  assert.match(help.stdout, /event-tracker-active/);
  assert.equal(version.stdout, `personalize-wasm/${pkg.version} Node.js/${process.version} ${process.platform}/${process.arch}\n`);
  assert.equal(none.code, 252);

  // Run as an executable (the shebang), as npx does through the bin symlink.
  const direct = await new Promise((resolve) => {
    const child = spawn(CLI, ['--version'], { env: { PATH: process.env.PATH, HOME: home } });
    let out = '';
    child.stdout.on('data', (d) => { out += d; });
    child.on('close', (code) => resolve({ code, out }));
  });
  assert.deepEqual(direct, { code: 0, out: version.stdout });
});

test('help for every command, in both shapes; it names where we are stricter than the AWS CLI', async () => {
  const { COMMAND_PARAMS } = await import('../../web/node/params.mjs');
  const names = Object.keys(COMMAND_PARAMS);
  const runs = await Promise.all(names.map((name) => cli([COMMAND_PARAMS[name].service, name, 'help'], { endpoint: false })));
  const flat = await cli(['put-events', '--help'], { endpoint: false });
  runs.forEach((r, i) => {
    assert.equal(r.code, 0, `${names[i]}: ${r.stderr}`);
    assert.match(r.stdout, new RegExp(`^personalize-wasm \\[${COMMAND_PARAMS[names[i]].service}\\] ${names[i]}\n`));
    assert.match(r.stdout, new RegExp(`Operation: ${COMMAND_PARAMS[names[i]].operation}\n`));
    for (const flag of Object.keys(COMMAND_PARAMS[names[i]].params).filter((f) => !['--next-token', '--max-results'].includes(f))) assert.ok(r.stdout.includes(flag), `${names[i]} ${flag}`);
    assert.match(r.stdout, /exits 252[\s\S]*the AWS CLI sends the request and exits 254/);
  });
  assert.equal(flat.stdout, runs[names.indexOf('put-events')].stdout);
  assert.match(flat.stdout, /put-events prints \{"eventIds": \[\.\.\.\]\}[\s\S]*the AWS CLI prints nothing/);
  const service = await cli(['personalize', 'help'], { endpoint: false });
  assert.equal(service.code, 0);
  assert.match(service.stdout, /Commands of personalize:\n/);
  assert.doesNotMatch(service.stdout, /\n  put-events +Records/, 'put-events is personalize-events');
  assert.match(service.stdout, /\n  create-event-tracker +Creates/);
});
