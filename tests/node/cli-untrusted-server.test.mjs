// web/node/cli.mjs against a hostile server (a stub on 127.0.0.1): server text reaches the terminal only
// with its control characters escaped (no ESC / OSC sequence, no CR, no forged "An error occurred"
// line, no bidi reordering), in errors, text and JSON output and --debug; and the paginator stops
// with a clear error on endless fresh tokens (after the glue's DEFAULT_MAX_PAGES) and on a repeated one.
import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { after, before, describe, it } from 'node:test';
import { escapeControls } from '../../web/node/cli.mjs';
import { DEFAULT_MAX_PAGES } from '../../web/lib/personalize.mjs';
import { runToExit } from '../helpers/local-endpoint.mjs';

const CLI = fileURLToPath(new URL('../../web/node/cli.mjs', import.meta.url));
const ARN = 'arn:aws:personalize:us-east-1:123456789012:event-tracker/0123abcd';
// What a terminal must never receive raw: C0 controls but \n, DEL, C1, line/paragraph separators, bidi controls.
const RAW_CONTROL = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/;
const TITLE = '\u001b]0;you have been pwned\u0007';
const FORGED = `\r\nAn error occurred (Fake) when calling the ListEventTrackers operation: all good${TITLE}\u001b[2J\u009b31m\u202eevil`;

describe('the CLI against a hostile server', { timeout: 60_000 }, () => {
  let server, url, home;
  let answer; // (target, body) => {status, body}
  const requests = [];

  before(async () => {
    server = createServer((req, res) => {
      const chunks = [];
      req.on('data', (c) => chunks.push(c));
      req.on('end', () => {
        const target = String(req.headers['x-amz-target'] ?? '').split('.').pop();
        requests.push(target);
        const { status = 200, body, headers = {} } = answer(target, JSON.parse(Buffer.concat(chunks).toString() || '{}'));
        res.writeHead(status, { 'content-type': 'application/x-amz-json-1.1', 'x-amzn-requestid': 'req-1', ...headers });
        res.end(JSON.stringify(body));
      });
    });
    await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${server.address().port}`;
    home = mkdtempSync(join(tmpdir(), 'pw-cli-hostile-'));
  });

  after(async () => {
    await new Promise((resolve) => server.close(resolve));
    rmSync(home, { recursive: true, force: true });
  });

  function cli(args) {
    requests.length = 0;
    const env = {
      PATH: process.env.PATH, HOME: home, TZ: 'UTC', AWS_REGION: 'us-east-1', AWS_MAX_ATTEMPTS: '1',
      AWS_ACCESS_KEY_ID: 'AKIAIOSFODNN7EXAMPLE', AWS_SECRET_ACCESS_KEY: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY',
    };
    return runToExit([process.execPath, CLI, '--endpoint-url', url, ...args], { env, cwd: home });
  }

  it('an error name and message with OSC, CR and a forged "An error occurred" line print as one escaped line', async () => {
    answer = () => ({ status: 400, body: { __type: `com.amazonaws#${TITLE}Evil\rException`, message: `bad${FORGED}` } });
    const run = await cli(['list-event-trackers']);
    assert.equal(run.code, 254, run.stderr);
    assert.doesNotMatch(run.stderr, RAW_CONTROL, JSON.stringify(run.stderr));
    const lines = run.stderr.split('\n').filter((l) => l !== '');
    assert.equal(lines.length, 1, JSON.stringify(run.stderr));
    assert.equal(lines.filter((l) => l.includes('An error occurred')).length, 1, 'the forged one is inside the message, not a line of its own');
    assert.ok(lines[0].startsWith('An error occurred (\\x1b]0;you have been pwned\\x07Evil\\rException) when calling the ListEventTrackers operation: bad\\r\\nAn error occurred (Fake)'), lines[0]);
    assert.ok(lines[0].endsWith('all good\\x1b]0;you have been pwned\\x07\\x1b[2J\\u{9b}31m\\u{202e}evil'), lines[0]);
  });

  it('the same error through a waiter, and in --debug (response headers, body, stack) is escaped too', async () => {
    answer = () => ({ status: 400, body: { __type: 'ResourceNotFoundException', message: `gone${FORGED}` }, headers: { 'x-hostile': 'a\u009bb' } });
    const waited = await cli(['wait', 'event-tracker-active', '--event-tracker-arn', ARN, '--delay', '1', '--max-wait-time', '2']);
    assert.equal(waited.code, 255, waited.stderr);
    assert.doesNotMatch(waited.stderr, RAW_CONTROL, JSON.stringify(waited.stderr));
    assert.equal(waited.stderr.trim().split('\n').length, 1, waited.stderr);
    assert.match(waited.stderr, /^\nWaiter EventTrackerActive failed: An error occurred \(ResourceNotFoundException\): gone\\r\\nAn error occurred \(Fake\)/);

    const debug = await cli(['--debug', 'describe-event-tracker', '--event-tracker-arn', ARN]);
    assert.equal(debug.code, 254, debug.stderr);
    assert.doesNotMatch(debug.stderr, RAW_CONTROL, 'no raw control anywhere in the debug log');
    assert.ok(debug.stderr.includes('x-hostile: a\\u{9b}b'), 'a header value with a C1 control');
    assert.equal(debug.stderr.split('\n').filter((l) => l.startsWith('An error occurred')).length, 1);
  });

  it('text output escapes controls in values; JSON output keeps them as \\u escapes that parse back to the same strings', async () => {
    const name = `clicks${TITLE}\r\n\tFAKE\u2028\u202ex`;
    const tracker = { eventTrackerArn: ARN, name, status: 'ACTIVE', trackingId: `t\u001b[31m\u009b1m`, accountId: '123456789012',
      datasetGroupArn: 'arn:aws:personalize:us-east-1:123456789012:dataset-group/dg', creationDateTime: 1764151200, lastUpdatedDateTime: 1764151200 };
    answer = () => ({ body: { eventTracker: tracker } });

    const text = await cli(['--output', 'text', 'describe-event-tracker', '--event-tracker-arn', ARN]);
    assert.equal(text.code, 0, text.stderr);
    assert.doesNotMatch(text.stdout.replace(/[\t\n]/g, ''), RAW_CONTROL, JSON.stringify(text.stdout));
    const lines = text.stdout.trimEnd().split('\n');
    assert.equal(lines.length, 1, 'one line: no value adds a line');
    const fields = lines[0].split('\t');
    assert.equal(fields.length, 9, 'the label and eight fields: no value adds a column');
    assert.ok(fields.includes('clicks\\x1b]0;you have been pwned\\x07\\r\\n\\tFAKE\\u{2028}\\u{202e}x'), lines[0]);
    assert.ok(fields.includes('t\\x1b[31m\\u{9b}1m'), lines[0]);

    const json = await cli(['describe-event-tracker', '--event-tracker-arn', ARN]);
    assert.equal(json.code, 0, json.stderr);
    assert.doesNotMatch(json.stdout.replace(/\n/g, ''), RAW_CONTROL, JSON.stringify(json.stdout));
    assert.ok(json.stdout.includes('\\u009b') && json.stdout.includes('\\u202e') && json.stdout.includes('\\u2028'));
    const parsed = JSON.parse(json.stdout);
    assert.equal(parsed.eventTracker.name, name);
    assert.equal(parsed.eventTracker.trackingId, tracker.trackingId);
  });

  it('table, yaml and yaml-stream output escape controls too; a table keeps its box (one line per row)', async () => {
    const name = `clicks${TITLE}\r\n\tFAKE\u2028\u202ex`;
    const tracker = { eventTrackerArn: ARN, name, status: 'ACTIVE', trackingId: `t\u001b[31m\u009b1m`, accountId: '123456789012',
      datasetGroupArn: 'arn:aws:personalize:us-east-1:123456789012:dataset-group/dg', creationDateTime: 1764151200, lastUpdatedDateTime: 1764151200 };
    answer = () => ({ body: { eventTracker: tracker } });
    for (const output of ['table', 'yaml', 'yaml-stream']) {
      const run = await cli(['--output', output, '--color', 'off', 'describe-event-tracker', '--event-tracker-arn', ARN]);
      assert.equal(run.code, 0, run.stderr);
      assert.doesNotMatch(run.stdout.replace(/\n/g, ''), RAW_CONTROL, `${output}: ${JSON.stringify(run.stdout)}`);
      if (output === 'table') {
        const lines = run.stdout.trimEnd().split('\n');
        assert.ok(lines.slice(1).every((l) => /^[|+]/.test(l) && /[|+]$/.test(l)), run.stdout);
      }
    }
  });

  it(`stops paging endless fresh tokens after DEFAULT_MAX_PAGES (${DEFAULT_MAX_PAGES}) pages with a clear error`, async () => {
    let n = 0;
    answer = () => ({ body: { eventTrackers: [], nextToken: `token-${++n}` } });
    const started = Date.now();
    const run = await cli(['list-event-trackers']);
    assert.equal(run.code, 255, run.stderr);
    assert.equal(requests.length, DEFAULT_MAX_PAGES, 'the pages asked for');
    assert.match(run.stderr, /^\nError during pagination \(ListEventTrackers operation\): Stopped after 1000 pages/);
    assert.equal(run.stdout, '', 'nothing half printed');
    assert.ok(Date.now() - started < 30_000);
  });

  it('stops when the service hands back a token it gave before', async () => {
    let n = 0;
    answer = () => ({ body: { datasetGroups: [], nextToken: ['a', 'b', 'a'][Math.min(n++, 2)] } });
    const run = await cli(['list-dataset-groups']);
    assert.equal(run.code, 255, run.stderr);
    assert.equal(requests.length, 3);
    assert.match(run.stderr, /^\nError during pagination \(ListDatasetGroups operation\): The service returned the same nextToken twice/);
  });
});

describe('escapeControls', () => {
  it('escapes C0, DEL, C1, separators and bidi controls visibly, and leaves other text (backslashes too) alone', () => {
    assert.equal(escapeControls('a\u001b]0;t\u0007\r\n\t\u0000\u007f'), 'a\\x1b]0;t\\x07\\r\\n\\t\\x00\\x7f');
    assert.equal(escapeControls('\u0080\u009b\u2028\u2029\u202a\u202e\u2066\u2069\u200e\u061c'), '\\u{80}\\u{9b}\\u{2028}\\u{2029}\\u{202a}\\u{202e}\\u{2066}\\u{2069}\\u{200e}\\u{61c}');
    assert.equal(escapeControls('^[a-zA-Z0-9][a-zA-Z0-9\\-_]* é 日本 🙂'), '^[a-zA-Z0-9][a-zA-Z0-9\\-_]* é 日本 🙂');
    assert.equal(escapeControls(undefined), 'undefined');
  });
});
