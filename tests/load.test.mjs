// The 10-second version of the fault and load test (tests/load/run.mjs), as a child process: it
// must exit 0 and print its accounting lines, each ending in OK. `./build.sh load` runs the full one.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const RUN = fileURLToPath(new URL('./load/run.mjs', import.meta.url));
const LIMIT_MS = 150_000; // run.mjs has its own hard deadline (2 x seconds + 90 s); this only guards against a hang

test('load: 10 s of concurrent tracker lifecycles and events under injected faults; every call accounted for', async () => {
  const child = spawn(process.execPath, [RUN, '--seconds', '10'], { stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout.setEncoding('utf8').on('data', (d) => { stdout += d; });
  child.stderr.setEncoding('utf8').on('data', (d) => { stderr += d; });
  let timer;
  const code = await new Promise((resolve) => {
    timer = setTimeout(() => { child.kill('SIGKILL'); resolve('timeout'); }, LIMIT_MS);
    child.once('exit', (c, signal) => resolve(c ?? signal));
  });
  clearTimeout(timer);
  const report = `exit ${code}\n--- stdout\n${stdout}--- stderr\n${stderr}`;
  assert.equal(code, 0, report);
  for (const re of [
    /^load: 10 s, \d+ workers on \d+ client pairs/m,
    /^throughput: \d+ calls\/s \(\d+ calls, \d+ HTTP requests/m,
    /^latency CreateEventTracker: n=\d+ p50=[\d.]+ ms p99=[\d.]+ ms/m,
    /^latency PutEvents: n=\d+ p50=[\d.]+ ms p99=[\d.]+ ms/m,
    /^faults injected: ThrottlingException [1-9]\d*, ServiceUnavailable \d+, dropped [1-9]\d*$/m,
    /^retries: [1-9]\d* .*recoveries: \d+ CreateEventTracker/m,
    /^accounting creates: .* OK$/m,
    /^accounting trackers: .*, 0 left, at most 1 per dataset group, .* OK$/m,
    /^accounting events: .*each accepted one exactly once.* OK$/m,
    /^accounting cycles: [1-9]\d* complete cycles, 0 problems OK$/m,
    /^memory: .* OK$/m,
    /^unhandled rejections: 0 OK$/m,
    /^PASS$/m,
  ]) {
    assert.match(stdout, re, report);
  }
  assert.doesNotMatch(stdout, /FAIL|^problem:/m, report);
});
