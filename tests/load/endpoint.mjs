// The local endpoint (tests/local-endpoint/runtime/server.mjs) as a child process, so client and
// server do not share an event loop; and its admin routes, which no fault applies to.
import { spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';

const SERVER = fileURLToPath(new URL('../local-endpoint/runtime/server.mjs', import.meta.url));

/** The endpoint's process, its URL, its per-run admin token (read from its stdout) and the tail
 * of its stderr. */
export const endpoint = { child: undefined, url: undefined, adminToken: undefined, stderr: '' };

export const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/** Starts the endpoint with the admin routes; resolves with its URL. */
export async function startServer(stepMs) {
  const child = spawn(process.execPath, [SERVER, '--admin', '--step-ms', String(stepMs), '--max-events', '5000000'], { stdio: ['ignore', 'pipe', 'pipe'] });
  endpoint.child = child;
  child.stderr.setEncoding('utf8');
  child.stderr.on('data', (d) => { endpoint.stderr = (endpoint.stderr + d).slice(-4000); });
  const exited = new Promise((resolve) => child.once('exit', (code, signal) => resolve({ code, signal })));
  child.exited = exited;
  // stdout: the URL first, then (with --admin) a line with this run's admin token.
  const lines = await new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('the endpoint did not start within 10 s')), 10_000);
    const seen = [];
    createInterface({ input: child.stdout }).on('line', (line) => {
      seen.push(line.trim());
      if (/^admin token: /.test(line)) { clearTimeout(timer); resolve(seen); }
    });
    exited.then(({ code, signal }) => reject(new Error(`the endpoint exited (${code ?? signal}): ${endpoint.stderr}`)));
  });
  const url = lines[0];
  if (!/^http:\/\/127\.0\.0\.1:\d+$/.test(url)) throw new Error(`unexpected first line from the endpoint: ${url}`);
  endpoint.adminToken = /^admin token: (\S+)/.exec(lines.at(-1))[1];
  endpoint.url = url;
  return url;
}

export async function stopServer() {
  const { child } = endpoint;
  if (!child || child.exitCode !== null || child.signalCode !== null) return;
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), 3000);
  await child.exited;
  clearTimeout(timer);
}
process.on('exit', () => {
  const { child } = endpoint;
  if (child && child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
});

/** An admin route (no faults apply to them); retried on a network error. */
export async function admin(method, path, body) {
  for (let attempt = 1; ; attempt++) {
    try {
      const res = await fetch(`${endpoint.url}${path}`, {
        method, headers: { 'x-local-endpoint-admin-token': endpoint.adminToken, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
      const text = await res.text();
      if (!res.ok) throw Object.assign(new Error(`${method} ${path}: HTTP ${res.status} ${text}`), { fatal: true });
      return text ? JSON.parse(text) : undefined;
    } catch (err) {
      if (err.fatal || attempt >= 5) throw err;
      await sleep(20 * attempt);
    }
  }
}
