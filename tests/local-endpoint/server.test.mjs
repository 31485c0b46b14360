// The local endpoint's command line (runtime/server.mjs): the URL on its first stdout line, --state
// across restarts, SIGTERM, --credentials FILE, bad flags, --max-events.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import http from 'node:http';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { call, putEvents, adminCall, ok } from './wire.mjs';
import { emu } from './main-endpoint.mjs';

const HERE = path.dirname(fileURLToPath(import.meta.url));
const SERVER = path.join(HERE, 'runtime', 'server.mjs');

// ---------------------------------------------------------------------------------------------
// the CLI

function startCli(args) {
  const child = spawn(process.execPath, [SERVER, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
  let stderr = '';
  child.stderr.on('data', (d) => { stderr += d; });
  const exited = new Promise((resolve) => child.on('exit', (code, signal) => resolve({ code, signal })));
  const rl = createInterface({ input: child.stdout });
  const lines = [];
  const waiting = [];
  const firstLine = new Promise((resolve, reject) => {
    rl.on('line', (l) => {
      lines.push(l);
      if (lines.length === 1) resolve(l);
      for (const w of waiting) if (w.re.test(l)) w.resolve(l);
    });
    child.on('exit', (code) => reject(new Error(`server exited (${code}) before printing its URL: ${stderr}`)));
  });
  /** The first stdout line that matches re (bounded by the server's exit). */
  const lineMatching = (re) => new Promise((resolve, reject) => {
    const seen = lines.find((l) => re.test(l));
    if (seen) { resolve(seen); return; }
    waiting.push({ re, resolve });
    exited.then(() => reject(new Error(`server exited without printing ${re}: ${stderr}`)));
  });
  /** The admin token a server started with --admin prints (it is new every run). */
  const adminToken = async () => /^admin token: (\S+)/.exec(await lineMatching(/^admin token: /))[1];
  return { child, firstLine, lineMatching, adminToken, exited, lines, stderr: () => stderr };
}

async function stopCli(cli) {
  if (cli.child.exitCode === null && cli.child.signalCode === null) cli.child.kill('SIGTERM');
  return cli.exited;
}

test('CLI: first stdout line is the URL; --state survives a restart; SIGTERM exits 0', async (t) => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'local-endpoint-'));
  t.after(() => fs.rmSync(dir, { recursive: true, force: true }));
  const stateFile = path.join(dir, 'state.json');

  const first = startCli(['--port', '0', '--state', stateFile, '--step-ms', '5', '--admin', '--demo']);
  t.after(() => stopCli(first));
  const url1 = await first.firstLine;
  assert.match(url1, /^http:\/\/127\.0\.0\.1:\d+$/);
  const emu1 = { url: url1 };
  const demoArn = 'arn:aws:personalize:us-east-1:123456789012:dataset-group/demo-dataset-group';
  const { eventTrackerArn, trackingId } = ok(await call(emu1, 'CreateEventTracker', { name: 'kept', datasetGroupArn: demoArn }));
  for (let i = 0; i < 200; i++) {
    if (ok(await call(emu1, 'DescribeEventTracker', { eventTrackerArn })).eventTracker.status === 'ACTIVE') break;
    await new Promise((r) => setTimeout(r, 3));
  }
  assert.equal((await putEvents(emu1, { trackingId, sessionId: 's', eventList: [{ eventType: 'click', sentAt: 1 }] })).status, 200);
  const stateText = fs.readFileSync(stateFile, 'utf8');
  assert.ok(stateText.includes(trackingId), 'state is written after each change');
  assert.deepEqual(fs.readdirSync(dir).sort(), ['state.json', 'state.json.events.jsonl', 'state.json.lock'],
    'the state, its event journal and its lock; no temporary files are left behind');
  assert.deepEqual(await stopCli(first), { code: 0, signal: null });
  assert.ok(!fs.existsSync(`${stateFile}.lock`), 'the lock is released on exit');

  const second = startCli(['--state', stateFile, '--step-ms', '5', '--admin']);
  t.after(() => stopCli(second));
  const emu2 = { url: await second.firstLine, adminToken: await second.adminToken() };
  const d = ok(await call(emu2, 'DescribeEventTracker', { eventTrackerArn })).eventTracker;
  assert.equal(d.status, 'ACTIVE');
  assert.equal(d.trackingId, trackingId);
  ok(await call(emu2, 'DescribeDatasetGroup', { datasetGroupArn: demoArn }));
  const events = (await adminCall(emu2, 'GET', `/__local-endpoint/events?trackingId=${trackingId}`)).json.events;
  assert.equal(events.length, 1);
  assert.equal((await putEvents(emu2, { trackingId, sessionId: 's', eventList: [{ eventType: 'click', sentAt: 2 }] })).status, 200);
  second.child.kill('SIGINT');
  assert.deepEqual(await second.exited, { code: 0, signal: null });
});

test('CLI: --credentials FILE adds key pairs; bad flags exit 2', async (t) => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'local-endpoint-'));
  t.after(() => fs.rmSync(dir, { recursive: true, force: true }));
  const credFile = path.join(dir, 'creds.json');
  fs.writeFileSync(credFile, JSON.stringify([{ accessKeyId: 'AKIDFROMFILE00000001', secretAccessKey: 'file-secret', accountId: '111122223333' }]));
  const cli = startCli(['--credentials', credFile]);
  t.after(() => stopCli(cli));
  const emu = { url: await cli.firstLine };
  const out = ok(await call(emu, 'CreateDatasetGroup', { name: 'from-file' }, { creds: { accessKeyId: 'AKIDFROMFILE00000001', secretAccessKey: 'file-secret' } }));
  assert.match(out.datasetGroupArn, /:111122223333:dataset-group\/from-file$/);
  assert.deepEqual(await stopCli(cli), { code: 0, signal: null });

  const bad = startCli(['--port', 'abc']);
  await assert.rejects(bad.firstLine);
  assert.equal((await bad.exited).code, 2);
});

test('CLI: --max-events N keeps the newest N events, oldest dropped first', async (t) => {
  const cli = startCli(['--max-events', '2', '--step-ms', '1', '--admin', '--demo']);
  t.after(() => stopCli(cli));
  const emu = { url: await cli.firstLine, adminToken: await cli.adminToken() };
  const demoArn = 'arn:aws:personalize:us-east-1:123456789012:dataset-group/demo-dataset-group';
  const { eventTrackerArn, trackingId } = ok(await call(emu, 'CreateEventTracker', { name: 'capped', datasetGroupArn: demoArn }));
  let status;
  for (let i = 0; i < 200 && status !== 'ACTIVE'; i++) { // bounded: 200 polls of 3 ms
    status = ok(await call(emu, 'DescribeEventTracker', { eventTrackerArn })).eventTracker.status;
    if (status !== 'ACTIVE') await new Promise((r) => setTimeout(r, 3));
  }
  assert.equal(status, 'ACTIVE');
  for (const eventId of ['e1', 'e2', 'e3']) {
    assert.equal((await putEvents(emu, { trackingId, sessionId: 's', eventList: [{ eventId, eventType: 'click', sentAt: 1 }] })).status, 200);
  }
  const { events } = JSON.parse((await adminCall(emu, 'GET', `/__local-endpoint/events?trackingId=${trackingId}`)).text);
  assert.deepEqual(events.map((e) => e.event.eventId), ['e2', 'e3']);
  assert.deepEqual(await stopCli(cli), { code: 0, signal: null });
});
