// The bench's child processes: each timed piece of work runs in a fresh Node.js process, one at a
// time; run.mjs reads the last line of its stdout as JSON. Every one still running is stopped
// when the run fails.
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { ROOT } from './common.mjs';
import { cleanEnv } from './clients.mjs';

export const HERE = join(ROOT, 'tests/bench');
export const BUILD = join(ROOT, 'build/bench');
const ENV = { ...cleanEnv(), NODE_NO_WARNINGS: '1' };
const started = performance.now();

/** Child processes (and compilers) to stop if the run fails. */
export const running = new Set();

/** A script of tests/bench/ by file name. */
export const script = (name) => join(HERE, name);

export function fail(message) {
  console.error(`bench: ${message}`);
  for (const p of running) p.kill('SIGKILL');
  process.exit(1);
}

export function log(message) {
  console.error(`[${elapsed().toFixed(1).padStart(5)} s] ${message}`);
}

/** Seconds since the run started. */
export const elapsed = () => (performance.now() - started) / 1000;

/** Runs a child process; resolves with its last stdout line parsed as JSON and its wall time. */
export function child(argv, { timeout }) {
  return new Promise((resolve, reject) => {
    const t0 = performance.now();
    const p = spawn(process.execPath, argv, { cwd: ROOT, env: ENV, stdio: ['ignore', 'pipe', 'pipe'] });
    running.add(p);
    let stdout = '';
    let stderr = '';
    p.stdout.on('data', (d) => (stdout += d));
    p.stderr.on('data', (d) => (stderr += d));
    const timer = setTimeout(() => p.kill('SIGKILL'), timeout);
    p.on('error', reject);
    p.on('close', (code, signal) => {
      clearTimeout(timer);
      running.delete(p);
      const wall = performance.now() - t0;
      const what = `node ${argv.map((a) => a.replace(`${ROOT}`, '')).join(' ')}`;
      if (code !== 0) return reject(new Error(`${what} ${signal ? `killed (${signal})` : `exited ${code}`}\n${stderr.trim()}`));
      try {
        resolve({ ...JSON.parse(stdout.trim().split('\n').pop()), wall });
      } catch {
        reject(new Error(`${what}: no JSON result\n${stdout}\n${stderr}`));
      }
    });
  });
}
