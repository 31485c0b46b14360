// `./build.sh serve` (tests/local-endpoint/runtime/serve.mjs): the console's static server and the local
// endpoint, started as a child process the way build.sh starts them.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import http from 'node:http';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { PersonalizeClient } from '../../web/lib/personalize.mjs';
import { DEMO, REGION, ACCOUNT, UUID_RE, uniqueName, spawnNode, stopChild } from '../helpers/local-endpoint.mjs';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const SERVE = path.join(ROOT, 'tests/local-endpoint/runtime/serve.mjs');
const DEMO_DG = `arn:aws:personalize:${REGION}:${ACCOUNT}:dataset-group/demo-dataset-group`;
// Long enough that back-to-back DescribeEventTracker calls see every status even on a busy machine.
const STEP_MS = 500;

/** A GET with the path sent exactly as written (fetch would normalize /../ away); `headers` may set Host. */
function rawGet(base, rawPath, method = 'GET', headers = {}) {
  const u = new URL(base);
  return new Promise((resolve, reject) => {
    const req = http.request({ host: u.hostname, port: u.port, path: rawPath, method, headers, agent: false }, (res) => {
      const chunks = [];
      res.on('data', (c) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode, headers: res.headers, body: Buffer.concat(chunks) }));
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end();
  });
}

function tempState(t) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pw-serve-'));
  t.after(() => fs.rmSync(dir, { recursive: true, force: true }));
  return path.join(dir, 'state.json');
}

async function startServe(t, extra = []) {
  const run = spawnNode([SERVE, '--port', '0', '--step-ms', String(STEP_MS), '--state', tempState(t), ...extra], {
    cwd: ROOT, ready: (lines) => lines.some((l) => l.startsWith('Ctrl-C stops both')),
  });
  t.after(() => stopChild(run.child, run.exit));
  await run.started;
  const out = run.lines.join('\n');
  const consoleUrl = /^console: +(http:\/\/127\.0\.0\.1:\d+\/)/m.exec(out)?.[1];
  const endpoint = /^endpoint: +(http:\/\/127\.0\.0\.1:\d+)/m.exec(out)?.[1];
  const adminToken = /^admin token: +(\S+)/m.exec(out)?.[1];
  assert.ok(consoleUrl, `no console URL in:\n${out}`);
  assert.ok(endpoint, `no endpoint URL in:\n${out}`);
  assert.ok(adminToken, `no admin token in:\n${out}`);
  return { ...run, out, consoleUrl, endpoint, adminToken };
}

test('serve prints the console URL, the endpoint, the demo credentials and dataset group; serves the site files of web/ and local-endpoint.json; SIGTERM exits 0', async (t) => {
  const s = await startServe(t);
  assert.notEqual(new URL(s.consoleUrl).port, new URL(s.endpoint).port);
  assert.ok(s.out.includes(DEMO.accessKeyId) && s.out.includes(DEMO.secretAccessKey), 'demo credentials printed');
  assert.ok(s.out.includes(DEMO_DG), 'demo dataset group printed');

  // The page (web/index.html is tracked: a 404 here is a failure, never an alternative).
  const page = await rawGet(s.consoleUrl, '/');
  assert.equal(page.status, 200);
  assert.match(page.headers['content-type'], /^text\/html/);
  assert.deepEqual(page.body, fs.readFileSync(path.join(ROOT, 'web/index.html')));
  const named = await rawGet(s.consoleUrl, '/index.html');
  assert.equal(named.status, 200);

  const glue = await fetch(new URL('/lib/personalize.mjs', s.consoleUrl));
  assert.equal(glue.status, 200);
  assert.match(glue.headers.get('content-type'), /^text\/javascript\b/);
  assert.equal(await glue.text(), fs.readFileSync(path.join(ROOT, 'web/lib/personalize.mjs'), 'utf8'));

  const wasm = await fetch(new URL('/lib/personalize.wasm', s.consoleUrl));
  assert.equal(wasm.status, 200);
  assert.equal(wasm.headers.get('content-type'), 'application/wasm');
  const bytes = new Uint8Array(await wasm.arrayBuffer());
  assert.ok(WebAssembly.validate(bytes), 'a valid module');
  // What a browser does with it: streaming compilation needs exactly application/wasm.
  await WebAssembly.compileStreaming(fetch(new URL('/lib/personalize.wasm', s.consoleUrl)));

  const head = await rawGet(s.consoleUrl, '/lib/personalize.wasm', 'HEAD');
  assert.equal(head.status, 200);
  assert.equal(Number(head.headers['content-length']), bytes.length);
  assert.equal(head.body.length, 0);

  const localRes = await fetch(new URL('/local-endpoint.json', s.consoleUrl));
  assert.equal(localRes.status, 200);
  assert.match(localRes.headers.get('content-type'), /^application\/json/);
  const local = await localRes.json();
  assert.deepEqual(local, { endpoint: s.endpoint, region: REGION, credentials: DEMO, datasetGroupArn: DEMO_DG });

  // Nothing outside web/, however the path is spelled.
  for (const p of ['/../package.json', '/%2e%2e/package.json', '/..%2fpackage.json', '/lib/personalize.mjs/../../../package.json', '/..%5cpackage.json', '/%2e%2e%2f%2e%2e%2fetc/passwd']) {
    const res = await rawGet(s.consoleUrl, p);
    assert.ok([400, 403, 404].includes(res.status), `${p}: HTTP ${res.status}`);
    assert.ok(!res.body.toString().includes('"devDependencies"'), `${p} leaked package.json`);
  }
  assert.equal((await rawGet(s.consoleUrl, '/no-such-file.js')).status, 404);
  // Only the site's rooms of web/: the page, its style sheet, web/console/ and web/lib/ (not its .d.ts).
  assert.equal((await rawGet(s.consoleUrl, '/style.css')).status, 200);
  assert.equal((await rawGet(s.consoleUrl, '/console/app.mjs')).status, 200);
  for (const p of ['/node/cli.mjs', '/node/config.mjs', '/lib/personalize.d.ts', '/tsconfig.json', '/node/']) {
    assert.equal((await rawGet(s.consoleUrl, p)).status, 404, p);
  }
  assert.equal((await rawGet(s.consoleUrl, '/%E0%A4%A')).status, 400);
  const post = await fetch(new URL('/lib/personalize.mjs', s.consoleUrl), { method: 'POST', body: 'x' });
  assert.equal(post.status, 405);

  // The console's origin may call the endpoint (CORS preflight).
  const preflight = await fetch(s.endpoint, {
    method: 'OPTIONS',
    headers: { Origin: s.consoleUrl.slice(0, -1), 'Access-Control-Request-Method': 'POST', 'Access-Control-Request-Headers': 'authorization,x-amz-target' },
  });
  assert.equal(preflight.status, 204);
  assert.equal(preflight.headers.get('access-control-allow-origin'), '*');

  // The glue, configured from local-endpoint.json, against the printed endpoint.
  const c = new PersonalizeClient({ region: local.region, endpoint: local.endpoint, credentials: local.credentials });
  const created = await c.createEventTracker({ datasetGroupArn: local.datasetGroupArn, name: uniqueName('serve') });
  assert.match(created.trackingId, UUID_RE);
  const seen = [];
  const deadline = Date.now() + 10 * STEP_MS + 5000;
  while (seen.at(-1) !== 'ACTIVE') {
    assert.ok(Date.now() < deadline, `not ACTIVE in time; saw ${seen.join(' → ')}`);
    const { eventTracker } = await c.describeEventTracker({ eventTrackerArn: created.eventTrackerArn });
    if (eventTracker.status !== seen.at(-1)) seen.push(eventTracker.status);
  }
  assert.deepEqual(seen, ['CREATE PENDING', 'CREATE IN_PROGRESS', 'ACTIVE']);

  // The admin routes are on, for whoever has the token printed on the terminal (and nobody else).
  const stats = await (await fetch(`${s.endpoint}/__local-endpoint/stats`, { headers: { 'X-Local-Endpoint-Admin-Token': s.adminToken } })).json();
  assert.ok(stats.byOperation.DescribeEventTracker >= 3);
  assert.equal((await fetch(`${s.endpoint}/__local-endpoint/stats`)).status, 403);
  assert.ok(!JSON.stringify(local).includes(s.adminToken), 'the admin token is not served to pages');

  const result = await stopChild(s.child, s.exit);
  assert.equal(result.code, 0, `exit ${JSON.stringify(result)}; stderr: ${s.stderr()}`);
  await assert.rejects(fetch(s.consoleUrl), 'the console server is closed');
  await assert.rejects(fetch(`${s.endpoint}/__local-endpoint/stats`), 'the endpoint is closed');
});

test('serve sends security headers on every answer; its CSP is the page\'s own, with frame-ancestors and loopback narrowed to the endpoint', async (t) => {
  const s = await startServe(t);
  const expected = {
    'x-frame-options': 'DENY',
    'referrer-policy': 'no-referrer',
    'cross-origin-opener-policy': 'same-origin',
    'cross-origin-resource-policy': 'same-origin',
    'x-content-type-options': 'nosniff',
  };
  for (const p of ['/', '/lib/personalize.mjs', '/lib/personalize.wasm', '/local-endpoint.json', '/no-such-file.js', '/..%2fpackage.json']) {
    const res = await rawGet(s.consoleUrl, p);
    for (const [name, value] of Object.entries(expected)) assert.equal(res.headers[name], value, `${p}: ${name}`);
    const csp = res.headers['content-security-policy'];
    assert.ok(csp, `${p}: Content-Security-Policy`);
    const directives = new Map(csp.split(';').map((d) => d.trim().split(/\s+/)).map(([name, ...sources]) => [name, sources]));
    assert.deepEqual(directives.get('default-src'), ["'none'"]);
    assert.deepEqual(directives.get('frame-ancestors'), ["'none'"]);
    assert.deepEqual(directives.get('script-src'), ["'self'", "'wasm-unsafe-eval'"]);
    assert.deepEqual(directives.get('style-src'), ["'self'"]);
    assert.deepEqual(directives.get('img-src'), ["'self'", 'data:']);
    assert.deepEqual(directives.get('base-uri'), ["'none'"]);
    assert.deepEqual(directives.get('form-action'), ["'none'"]);
    const connect = directives.get('connect-src');
    assert.deepEqual(connect.slice(0, 2), ["'self'", s.endpoint], `${p}: connect-src starts with 'self' and this run's endpoint`);
    assert.ok(!connect.some((src) => /^http:/.test(src) && src !== s.endpoint), `${p}: no other loopback source in ${connect}`);
  }
  // The header never allows a connection the page's own meta policy does not.
  // web/index.html is tracked, so its policy is always there to compare with (no silent pass without it).
  const meta = /<meta[^>]*Content-Security-Policy[^>]*content="([^"]*)"/i.exec(fs.readFileSync(path.join(ROOT, 'web/index.html'), 'utf8'))?.[1];
  assert.ok(meta, 'web/index.html has a Content-Security-Policy meta tag');
  const metaConnect = /connect-src([^;]*)/.exec(meta)[1].trim().split(/\s+/);
  const header = (await rawGet(s.consoleUrl, '/')).headers['content-security-policy'];
  for (const src of /connect-src([^;]*)/.exec(header)[1].trim().split(/\s+/).slice(2)) {
    assert.ok(metaConnect.includes(src), `${src} is in the page's own connect-src`);
  }
  // A name other than the console's own loopback address (DNS rebinding) gets nothing.
  const port = new URL(s.consoleUrl).port;
  for (const host of [`evil.example:${port}`, 'evil.example', `127.0.0.1.evil.example:${port}`]) {
    const res = await rawGet(s.consoleUrl, '/local-endpoint.json', 'GET', { Host: host });
    assert.equal(res.status, 421, host);
    assert.ok(!res.body.toString().includes(DEMO.secretAccessKey), `${host}: nothing of local-endpoint.json`);
  }
  for (const host of [`localhost:${port}`, `[::1]:${port}`]) assert.equal((await rawGet(s.consoleUrl, '/local-endpoint.json', 'GET', { Host: host })).status, 200, host);
});

test('serve keeps its state file across restarts and also stops on SIGINT', async (t) => {
  const state = tempState(t);
  const args = [SERVE, '--port', '0', '--step-ms', '5', '--state', state];
  const ready = (lines) => lines.some((l) => l.startsWith('Ctrl-C stops both'));
  const first = spawnNode(args, { cwd: ROOT, ready });
  t.after(() => stopChild(first.child, first.exit));
  await first.started;
  const endpoint1 = /^endpoint: +(\S+)/m.exec(first.lines.join('\n'))[1];
  const c1 = new PersonalizeClient({ region: REGION, endpoint: endpoint1, credentials: DEMO });
  const name = uniqueName('kept');
  const created = await c1.createEventTracker({ datasetGroupArn: DEMO_DG, name });
  first.child.kill('SIGINT');
  assert.equal((await first.exit).code, 0);
  assert.ok(fs.existsSync(state));

  const second = spawnNode(args, { cwd: ROOT, ready });
  t.after(() => stopChild(second.child, second.exit));
  await second.started;
  const endpoint2 = /^endpoint: +(\S+)/m.exec(second.lines.join('\n'))[1];
  const c2 = new PersonalizeClient({ region: REGION, endpoint: endpoint2, credentials: DEMO });
  const { eventTracker } = await c2.describeEventTracker({ eventTrackerArn: created.eventTrackerArn });
  assert.equal(eventTracker.name, name);
  assert.equal((await stopChild(second.child, second.exit)).code, 0);
});

test('serve fails clearly when the console port is taken, and on bad flags', async (t) => {
  const blocker = net.createServer();
  await new Promise((resolve) => blocker.listen(0, '127.0.0.1', resolve));
  t.after(() => blocker.close());
  const port = blocker.address().port;
  const runs = [
    spawnNode([SERVE, '--port', String(port), '--state', tempState(t)], { cwd: ROOT }),
    spawnNode([SERVE, '--port', 'eighty'], { cwd: ROOT }),
    spawnNode([SERVE, '--bogus'], { cwd: ROOT }),
  ];
  for (const run of runs) t.after(() => stopChild(run.child, run.exit));
  const [taken, bad, unknown] = await Promise.all(runs.map(async (run) => ({ ...(await run.exit), stderr: run.stderr() })));
  assert.equal(taken.code, 1);
  assert.match(taken.stderr, new RegExp(`port ${port} is in use`));
  assert.equal(bad.code, 2);
  assert.match(bad.stderr, /--port/);
  assert.equal(unknown.code, 2);
  assert.match(unknown.stderr, /bogus/);
});
