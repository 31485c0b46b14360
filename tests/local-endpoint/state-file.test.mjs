// The endpoint's state file (--state FILE / stateFile): written durably (fsync, then rename), an
// empty or corrupt one moved aside instead of blocking every start, one process per file (FILE.lock),
// and events in an append-only journal (FILE.events.jsonl), so a PutEvents does not rewrite the state.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { startLocalEndpoint } from './runtime/server.mjs';
import { call, putEvents, ok } from './wire.mjs';
import { spawnNode, stopChild } from '../helpers/local-endpoint.mjs';

const SERVER = path.join(path.dirname(fileURLToPath(import.meta.url)), 'runtime', 'server.mjs');

function tempDir(t) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pw-state-'));
  t.after(() => fs.rmSync(dir, { recursive: true, force: true }));
  return dir;
}

async function start(t, stateFile, options = {}) {
  const logs = [];
  const emu = await startLocalEndpoint({ port: 0, stepMs: 5, demo: true, stateFile, log: (m) => logs.push(m), ...options });
  t.after(() => emu.close());
  return Object.assign(emu, { logs });
}

/** A tracker on the demo dataset group, ACTIVE (bounded wait). */
async function activeTracker(emu, name = 'kept') {
  const created = ok(await call(emu, 'CreateEventTracker', { name, datasetGroupArn: emu.demoDatasetGroupArn }));
  for (let i = 0; i < 400; i++) {
    if (ok(await call(emu, 'DescribeEventTracker', { eventTrackerArn: created.eventTrackerArn })).eventTracker.status === 'ACTIVE') return created;
    await new Promise((r) => setTimeout(r, 5));
  }
  throw new Error('tracker not ACTIVE in time');
}

const event = (i) => ({ eventType: 'click', itemId: `item-${i}`, sentAt: 1732579200 + i });
const asideFiles = (file) => fs.readdirSync(path.dirname(file)).filter((n) => n.startsWith(`${path.basename(file)}.corrupt-`));

test('an empty or corrupt state file is moved aside with a message, and the endpoint starts with an empty state', async (t) => {
  const dir = tempDir(t);
  const cases = ['', '   \n', '{"version":1,"datasetGroups":[{"arn":', 'garbage', '{"version":1,"datasetGroups":"not a list"}'];
  for (const [i, text] of cases.entries()) {
    const file = path.join(dir, `state-${i}.json`);
    fs.writeFileSync(file, text);
    const emu = await start(t, file);
    assert.deepEqual(emu.state().eventTrackers, [], JSON.stringify(text));
    assert.equal(emu.state().datasetGroups.length, 1, 'the demo dataset group is there');
    const aside = asideFiles(file);
    assert.equal(aside.length, 1, `${JSON.stringify(text)}: moved aside`);
    assert.equal(fs.readFileSync(path.join(dir, aside[0]), 'utf8'), text, 'kept as it was');
    assert.ok(emu.logs.some((m) => m.includes(file) && m.includes(aside[0]) && /could not be used/.test(m)), emu.logs.join('\n'));
    ok(await call(emu, 'ListDatasetGroups', {}));
    await emu.close();
  }
  // A JSON file that is not a state file is someone else's: left alone, and refused clearly.
  const foreign = path.join(dir, 'package.json');
  fs.writeFileSync(foreign, '{"name": "not-a-state-file"}');
  await assert.rejects(startLocalEndpoint({ port: 0, stateFile: foreign, log: () => {} }), /is not a local endpoint state file.*pass another --state/);
  assert.equal(fs.readFileSync(foreign, 'utf8'), '{"name": "not-a-state-file"}');
  assert.ok(!fs.existsSync(`${foreign}.lock`), 'the lock is released after a refusal');

  // The CLI says so on stderr and serves.
  const file = path.join(dir, 'cli.json');
  fs.writeFileSync(file, '{"version":1,');
  const cli = spawnNode([SERVER, '--state', file, '--port', '0']);
  t.after(() => stopChild(cli.child, cli.exit));
  await cli.started;
  assert.match(cli.lines[0], /^http:\/\/127\.0\.0\.1:\d+$/);
  ok(await call({ url: cli.lines[0] }, 'ListDatasetGroups', {}));
  assert.match(cli.stderr(), /could not be used \(it is not valid JSON\); moved it to .*cli\.json\.corrupt-/);
  assert.equal((await stopChild(cli.child, cli.exit)).code, 0);
});

test('a second process on the same state file refuses with a clear error; the lock goes with the process, a stale one is taken over', async (t) => {
  const dir = tempDir(t);
  const file = path.join(dir, 'state.json');
  const first = spawnNode([SERVER, '--state', file, '--port', '0', '--demo']);
  t.after(() => stopChild(first.child, first.exit));
  await first.started;

  const second = spawnNode([SERVER, '--state', file, '--port', '0', '--demo']);
  t.after(() => stopChild(second.child, second.exit));
  const { code } = await Promise.race([second.exit, second.started.then(() => ({ code: 'started' }), () => second.exit)]);
  assert.equal(code, 1, `the second process: ${code}`);
  assert.match(second.stderr(), new RegExp(`state file .*state\\.json is in use by process ${first.child.pid} \\(lock file .*state\\.json\\.lock\\); stop that process or pass another --state`));
  assert.equal(fs.readFileSync(`${file}.lock`, 'utf8').trim(), String(first.child.pid));
  // in process too
  await assert.rejects(startLocalEndpoint({ port: 0, stateFile: file, log: () => {} }), new RegExp(`in use by process ${first.child.pid}`));
  ok(await call({ url: first.lines[0] }, 'ListDatasetGroups', {}), 'the first one is undisturbed');

  assert.equal((await stopChild(first.child, first.exit)).code, 0);
  assert.ok(!fs.existsSync(`${file}.lock`), 'released on exit');

  // A lock left by a process that is gone (killed) is taken over.
  const gone = spawnNode(['-e', 'setTimeout(() => {}, 60000)'], { ready: () => true });
  gone.child.kill('SIGKILL');
  await gone.exit;
  fs.writeFileSync(`${file}.lock`, `${gone.child.pid}\n`);
  const emu = await start(t, file);
  assert.equal(fs.readFileSync(`${file}.lock`, 'utf8').trim(), String(process.pid));
  assert.ok(emu.logs.some((m) => m.includes(`process ${gone.child.pid}`) && /not running/.test(m)), emu.logs.join('\n'));
  // ... and one local endpoint per file within a process as well
  await assert.rejects(startLocalEndpoint({ port: 0, stateFile: file, log: () => {} }), /in use by process/);
  await emu.close();
  assert.ok(!fs.existsSync(`${file}.lock`));
});

test('events survive a restart through the journal; an interrupted last line is dropped, the rest kept', async (t) => {
  const dir = tempDir(t);
  const file = path.join(dir, 'state.json');
  const journal = `${file}.events.jsonl`;
  const emu1 = await start(t, file);
  const { trackingId } = await activeTracker(emu1);
  for (let i = 0; i < 3; i++) {
    assert.equal((await putEvents(emu1, { trackingId, sessionId: 's', eventList: [event(2 * i), event(2 * i + 1)] })).status, 200);
  }
  assert.equal(fs.readFileSync(journal, 'utf8').split('\n').filter(Boolean).length, 6, 'one journal line per event');
  assert.ok(!fs.readFileSync(file, 'utf8').includes('item-0'), 'events are not in the state file');
  const stored = emu1.events(trackingId);
  await emu1.close();

  fs.appendFileSync(journal, '{"trackingId":"x","event":{"eventTy'); // a write cut short by a crash
  const emu2 = await start(t, file);
  assert.deepEqual(emu2.events(trackingId), stored);
  assert.ok(emu2.logs.some((m) => /incomplete line/.test(m)), emu2.logs.join('\n'));
  assert.equal((await putEvents(emu2, { trackingId, sessionId: 's', eventList: [event(6)] })).status, 200);
  await emu2.close();

  const emu3 = await start(t, file);
  assert.equal(emu3.events(trackingId).length, 7);
  // a reset of the events empties the journal too
  emu3.reset(['events']);
  await emu3.close();
  const emu4 = await start(t, file);
  assert.equal(emu4.events().length, 0);
  assert.equal(emu4.state().eventTrackers.length, 1, 'the tracker stays');
});

test('with 20,000 stored events a PutEvents appends one journal line per event and leaves the state file alone', async (t) => {
  const dir = tempDir(t);
  const file = path.join(dir, 'state.json');
  const emu1 = await start(t, file);
  const { trackingId } = await activeTracker(emu1);
  await emu1.close();
  // 20,000 events stored the way every version reads them: in the state file itself.
  const data = JSON.parse(fs.readFileSync(file, 'utf8'));
  data.events = Array.from({ length: 20_000 }, (_, i) => ({ trackingId, sessionId: 's', event: event(i), receivedAt: 1732579200 }));
  fs.writeFileSync(file, JSON.stringify(data));

  const emu2 = await start(t, file, { maxStoredEvents: 50_000 });
  assert.equal(emu2.events(trackingId).length, 20_000);
  const stat = (f) => { const s = fs.statSync(f); return { ino: s.ino, size: s.size, mtimeMs: s.mtimeMs }; };
  const journal = `${file}.events.jsonl`;
  const before = { state: stat(file), journal: fs.existsSync(journal) ? stat(journal) : null };
  for (let i = 0; i < 5; i++) {
    assert.equal((await putEvents(emu2, { trackingId, sessionId: 's', eventList: [event(100_000 + 2 * i), event(100_001 + 2 * i)] })).status, 200);
  }
  assert.equal(emu2.events(trackingId).length, 20_010);
  assert.deepEqual(stat(file), before.state, 'the state file is not rewritten');
  assert.ok(before.journal, 'the events are in the journal');
  assert.equal(stat(journal).ino, before.journal.ino, 'the journal is appended to, not replaced');
  const appended = fs.readFileSync(journal, 'utf8').slice(before.journal.size);
  assert.equal(appended.split('\n').filter(Boolean).length, 10);
  await emu2.close();
  const emu3 = await start(t, file, { maxStoredEvents: 50_000 });
  assert.equal(emu3.events(trackingId).length, 20_010);
});

test('the journal is compacted once most of its lines are events no longer kept', async (t) => {
  const dir = tempDir(t);
  const file = path.join(dir, 'state.json');
  const journal = `${file}.events.jsonl`;
  const emu1 = await start(t, file, { maxStoredEvents: 5 });
  const { trackingId } = await activeTracker(emu1);
  const lines = () => fs.readFileSync(journal, 'utf8').split('\n').filter(Boolean).length;
  let most = 0;
  for (let i = 0; i < 120; i++) {
    const eventList = Array.from({ length: 10 }, (_, j) => event(10 * i + j));
    assert.equal((await putEvents(emu1, { trackingId, sessionId: 's', eventList })).status, 200);
    most = Math.max(most, lines());
  }
  assert.ok(most <= 5 + 1000 + 10, `the journal stayed bounded: at most ${most} lines for 1200 events`);
  assert.ok(lines() < 1200 - 1000, `compacted: ${lines()} lines`);
  const kept = emu1.events(trackingId);
  assert.deepEqual(kept.map((r) => r.event.itemId), ['item-1195', 'item-1196', 'item-1197', 'item-1198', 'item-1199']);
  await emu1.close();
  const emu2 = await start(t, file, { maxStoredEvents: 5 });
  assert.deepEqual(emu2.events(trackingId), kept);
});

test('the state file and the journal are fsynced before they are renamed into place', async (t) => {
  const dir = tempDir(t);
  const file = path.join(dir, 'state.json');
  const calls = [];
  const spied = {};
  for (const name of ['openSync', 'fsyncSync', 'renameSync', 'writeSync', 'writeFileSync']) {
    spied[name] = fs[name];
    fs[name] = function spy(...args) {
      const out = spied[name].apply(this, args);
      if (typeof args[0] !== 'string' || args[0].startsWith(dir)) calls.push([name, ...args.slice(0, 2), name === 'openSync' ? out : undefined]);
      return out;
    };
  }
  try {
    const emu = await start(t, file);
    ok(await call(emu, 'CreateDatasetGroup', { name: 'synced' }));
    emu.reset(['events']); // rewrites the journal
    await emu.close();
  } finally {
    Object.assign(fs, spied);
  }
  const renames = calls.filter(([name, , to]) => name === 'renameSync' && (to === file || to === `${file}.events.jsonl`));
  assert.ok(renames.some(([, , to]) => to === file), 'the state file was replaced');
  renames.sort(([, , a], [, , b]) => (a === file ? 0 : 1) - (b === file ? 0 : 1)); // the state file's first
  for (const rename of renames) {
    const [, tmp] = rename;
    const at = calls.indexOf(rename);
    const opened = calls.findLastIndex(([name, p], i) => i < at && name === 'openSync' && p === tmp);
    assert.ok(opened >= 0, `${tmp} was written through a file descriptor`);
    const fd = calls[opened][3];
    const synced = calls.slice(opened, at).findLastIndex(([name, f]) => name === 'fsyncSync' && f === fd);
    assert.ok(synced >= 0, `${tmp}: fsynced before the rename to ${rename[2]}`);
    assert.ok(!calls.slice(opened + synced + 1, at).some(([name, f]) => name === 'writeSync' && f === fd), `${tmp}: nothing written after the fsync`);
  }
  assert.ok(renames.some(([, , to]) => to !== file), 'the journal was replaced (by the reset) the same way');
});
