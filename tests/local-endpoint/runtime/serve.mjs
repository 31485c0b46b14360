#!/usr/bin/env node
// tests/local-endpoint/runtime/serve.mjs, what `./build.sh serve` runs: the web console (the site's
// rooms of web/, served as static files) and the local endpoint (server.mjs, with the demo dataset
// group and its admin routes), both on 127.0.0.1.
//
//   node tests/local-endpoint/runtime/serve.mjs [--port N] [--endpoint-port N] [--step-ms MS] [--state FILE]
//
// --port           the console's port (default 8080; 0 picks a free one). A port in use is an error.
// --endpoint-port  the endpoint's port (default 0: a free one)
// --step-ms        time per lifecycle step of the endpoint (default 1000)
// --state          the endpoint's state file (default build/serve-state.json, git-ignored)
//
// The site is web/index.html, web/style.css, web/console/ and web/lib/ (its built glue and .wasm, not
// its sources or .d.ts): anything else
// under web/ (web/node/, the type-check config) is 404, as outside web/. Besides those files, the
// console server answers GET /local-endpoint.json with the endpoint
// URL, region, demo credentials and demo dataset group; the console pre-fills its connection from it.
// The endpoint's admin token is printed to the terminal only: the console does not use admin routes.
// Every answer carries the security headers of securityHeaders(); a Host other than the console's
// own loopback address is refused (421), as the endpoint does, against DNS rebinding.
// Ctrl-C (SIGINT) or SIGTERM stops both servers and exits with 0. Bad flags exit with 2; a port in
// use, or a state file in use by another process (or not a state file at all), exits with 1.

import http from 'node:http';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { startLocalEndpoint, DEMO_CREDENTIALS, DEMO_REGION, ADMIN_PREFIX } from './server.mjs';
import { loopbackHosts, hostProblem } from './access.mjs';
import { listenLoopback } from './http.mjs';

const HERE = path.dirname(fileURLToPath(import.meta.url));
const ROOT = path.resolve(HERE, '..', '..', '..');
const WEB = path.join(ROOT, 'web');
const DEFAULT_STATE = path.join(ROOT, 'build', 'serve-state.json');
const USAGE = 'usage: node tests/local-endpoint/runtime/serve.mjs [--port N] [--endpoint-port N] [--step-ms MS] [--state FILE]';

export const MIME_TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.wasm': 'application/wasm',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.txt': 'text/plain; charset=utf-8',
  '.ts': 'text/plain; charset=utf-8',
  '.md': 'text/plain; charset=utf-8',
};

/** The sources of connect-src in the page's <meta http-equiv="Content-Security-Policy">, or []. */
export function metaConnectSources(html) {
  const meta = /<meta\s[^>]*http-equiv\s*=\s*["']?Content-Security-Policy["']?[^>]*>/i.exec(html)?.[0];
  const content = meta && /\scontent\s*=\s*(["'])(.*?)\1/is.exec(meta)?.[2];
  if (!content) return [];
  const directive = content.split(';').map((d) => d.trim().split(/\s+/)).find(([name]) => name.toLowerCase() === 'connect-src');
  return directive ? directive.slice(1) : [];
}

/**
 * The console's Content-Security-Policy header: the page's own meta policy, with frame-ancestors
 * (which a meta policy cannot set) and with connect-src narrowed: 'self', this run's endpoint, and
 * the page's https:// sources (the AWS endpoints), but no loopback wildcard.
 */
export function consolePolicy(endpointOrigin, indexHtml = '') {
  const https = metaConnectSources(indexHtml).filter((src) => /^https:\/\//i.test(src));
  const connect = [...new Set(["'self'", endpointOrigin, ...https])];
  return [
    "default-src 'none'", "script-src 'self' 'wasm-unsafe-eval'", "style-src 'self'", "img-src 'self' data:",
    `connect-src ${connect.join(' ')}`, "base-uri 'none'", "form-action 'none'", "frame-ancestors 'none'",
  ].join('; ');
}

/** The headers every answer of the console server carries. */
export function securityHeaders(policy) {
  return {
    'Content-Security-Policy': policy,
    'X-Frame-Options': 'DENY',
    'Referrer-Policy': 'no-referrer',
    'Cross-Origin-Opener-Policy': 'same-origin',
    'Cross-Origin-Resource-Policy': 'same-origin',
    'X-Content-Type-Options': 'nosniff',
  };
}

function plain(res, status, text, extra = {}) {
  const body = Buffer.from(`${text}\n`);
  res.writeHead(status, { 'Content-Type': 'text/plain; charset=utf-8', 'Content-Length': body.length, ...extra });
  res.end(body);
}

/**
 * The file under root for a URL path, or null when there is none (or it would leave root).
 * Resolves symbolic links, so a link cannot lead out of root either.
 */
export function resolveStatic(root, urlPath) {
  let decoded;
  try {
    decoded = decodeURIComponent(urlPath);
  } catch {
    return { status: 400 };
  }
  if (decoded.includes('\0') || decoded.includes('\\')) return { status: 400 };
  const segments = decoded.split('/');
  if (segments.some((s) => s === '..')) return { status: 403 };
  const realRoot = fs.realpathSync(root);
  let file = path.resolve(realRoot, `.${path.posix.normalize(decoded)}`);
  if (file !== realRoot && !file.startsWith(realRoot + path.sep)) return { status: 403 };
  let stat;
  try {
    file = fs.realpathSync(file);
    if (file !== realRoot && !file.startsWith(realRoot + path.sep)) return { status: 403 };
    stat = fs.statSync(file);
    if (stat.isDirectory()) {
      file = path.join(file, 'index.html');
      stat = fs.statSync(file);
    }
  } catch {
    return { status: 404 };
  }
  if (!stat.isFile()) return { status: 404 };
  return { status: 200, file, size: stat.size };
}

/** The site's files, by their path under web/ ('/' separated): the page, its style sheet, the console's and the glue's rooms. */
export function isSiteFile(relative) {
  if (relative === 'index.html' || relative === 'style.css') return true;
  return /^(console|lib)\//.test(relative) && !relative.endsWith('.d.ts') && !relative.startsWith('lib/src/');
}

/**
 * A static file server for root's files that `serves` (by their path under root), plus GET
 * /local-endpoint.json answering `local`; `policy` is its CSP.
 */
export function createStaticServer(root, local, policy, serves = isSiteFile) {
  const realRoot = fs.realpathSync(root);
  const localJson = Buffer.from(`${JSON.stringify(local, null, 2)}\n`);
  const headers = securityHeaders(policy);
  let allowedHosts = null;
  const server = http.createServer((req, res) => {
    for (const [name, value] of Object.entries(headers)) res.setHeader(name, value);
    allowedHosts ??= loopbackHosts(server.address().port);
    const misdirected = hostProblem(req, allowedHosts);
    if (misdirected) {
      plain(res, 421, `Misdirected Request: ${misdirected}`, { Connection: 'close' });
      return;
    }
    const url = req.url ?? '/';
    const q = url.indexOf('?');
    const pathname = q < 0 ? url : url.slice(0, q);
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      plain(res, 405, 'Method Not Allowed', { Allow: 'GET, HEAD' });
      return;
    }
    if (!pathname.startsWith('/')) {
      plain(res, 400, 'Bad Request');
      return;
    }
    if (pathname === '/local-endpoint.json') {
      res.writeHead(200, { 'Content-Type': 'application/json; charset=utf-8', 'Content-Length': localJson.length, 'Cache-Control': 'no-store' });
      res.end(req.method === 'HEAD' ? undefined : localJson);
      return;
    }
    const found = resolveStatic(root, pathname);
    if (found.status === 200 && !serves(path.relative(realRoot, found.file).split(path.sep).join('/'))) found.status = 404;
    if (found.status !== 200) {
      const text = { 400: 'Bad Request', 403: 'Forbidden', 404: 'Not Found' }[found.status];
      plain(res, found.status, text);
      return;
    }
    const type = MIME_TYPES[path.extname(found.file).toLowerCase()] ?? 'application/octet-stream';
    res.writeHead(200, {
      'Content-Type': type, 'Content-Length': found.size,
      // A development server: always the current build of the page, glue and .wasm.
      'Cache-Control': 'no-store',
      // Tells the console to read /local-endpoint.json (on a plain static host it asks for nothing).
      ...(type.startsWith('text/html') && { 'Server-Timing': 'local-endpoint' }),
    });
    if (req.method === 'HEAD') {
      res.end();
      return;
    }
    const stream = fs.createReadStream(found.file);
    stream.on('error', () => res.destroy());
    stream.pipe(res);
  });
  return server;
}

function fail(code, message) {
  process.stderr.write(`serve: ${message}\n`);
  process.exit(code);
}

/** { port, endpointPort, stepMs, stateFile } from the command line, or null for --help (exits 2 on a bad flag). */
function parseCommandLine(argv) {
  let args;
  try {
    args = parseArgs({
      args: argv,
      options: {
        port: { type: 'string' }, 'endpoint-port': { type: 'string' }, 'step-ms': { type: 'string' },
        state: { type: 'string' }, help: { type: 'boolean', short: 'h' },
      },
      strict: true,
    }).values;
  } catch (e) {
    fail(2, `${e.message}\n${USAGE}`);
  }
  if (args.help) return null;
  const int = (name, value, def, max = Infinity) => {
    if (value === undefined) return def;
    if (!/^\d+$/.test(value) || Number(value) > max) fail(2, `--${name} must be an integer from 0 to ${max}\n${USAGE}`);
    return Number(value);
  };
  return {
    port: int('port', args.port, 8080, 65535),
    endpointPort: int('endpoint-port', args['endpoint-port'], 0, 65535),
    stepMs: int('step-ms', args['step-ms'], 1000),
    stateFile: path.resolve(args.state ?? DEFAULT_STATE),
  };
}

/** The local endpoint and the console's static server for it: { emu, server, consolePort } (exits 1 on failure). */
async function startBoth({ port, endpointPort, stepMs, stateFile }) {
  fs.mkdirSync(path.dirname(stateFile), { recursive: true });
  let emu;
  try {
    emu = await startLocalEndpoint({ port: endpointPort, stepMs, admin: true, demo: true, stateFile });
  } catch (e) {
    fail(1, e.code === 'EADDRINUSE'
      ? `endpoint port ${endpointPort} is in use; pass another --endpoint-port (0 picks a free one)`
      : `could not start the endpoint: ${e.message}`);
  }
  const local = {
    endpoint: emu.url,
    region: DEMO_REGION,
    credentials: { accessKeyId: DEMO_CREDENTIALS.accessKeyId, secretAccessKey: DEMO_CREDENTIALS.secretAccessKey },
    datasetGroupArn: emu.demoDatasetGroupArn,
  };
  let indexHtml = '';
  try { indexHtml = fs.readFileSync(path.join(WEB, 'index.html'), 'utf8'); } catch { /* no page: the strict policy */ }
  const server = createStaticServer(WEB, local, consolePolicy(emu.url, indexHtml));
  try {
    return { emu, server, consolePort: await listenLoopback(server, port) };
  } catch (e) {
    await emu.close();
    fail(1, e.code === 'EADDRINUSE'
      ? `port ${port} is in use; pass another --port (0 picks a free one)`
      : `could not serve the console on port ${port}: ${e.message}`);
  }
}

function banner({ emu, consolePort }, { stepMs, stateFile }) {
  const hasPage = fs.existsSync(path.join(WEB, 'index.html'));
  return [
    `console:  http://127.0.0.1:${consolePort}/${hasPage ? '' : '  (web/index.html is missing: only the other files of the site are served)'}`,
    `endpoint: ${emu.url}  (the local endpoint: Personalize and Personalize Events; admin routes under ${emu.url}${ADMIN_PREFIX}/)`,
    `admin token: ${emu.adminToken}  (send it as X-Local-Endpoint-Admin-Token to the admin routes; new every run)`,
    `demo credentials: access key id ${DEMO_CREDENTIALS.accessKeyId}, secret access key ${DEMO_CREDENTIALS.secretAccessKey} (public demo keys, accepted only here)`,
    `demo dataset group (${DEMO_REGION}, ACTIVE): ${emu.demoDatasetGroupArn}`,
    `state: ${path.relative(process.cwd(), stateFile) || stateFile}; lifecycle step ${stepMs} ms`,
    'Ctrl-C stops both.',
    '',
  ].join('\n');
}

async function main(argv) {
  const options = parseCommandLine(argv);
  if (!options) {
    process.stdout.write(`${USAGE}\n`);
    return;
  }
  const running = await startBoth(options);
  process.stdout.write(banner(running, options));
  const { emu, server } = running;
  let stopping = false;
  const stop = () => {
    if (stopping) process.exit(1); // a second Ctrl-C: do not wait
    stopping = true;
    const closed = new Promise((resolve) => server.close(resolve));
    server.closeAllConnections();
    Promise.all([closed, emu.close()]).then(() => process.exit(0), (e) => fail(1, e.message));
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

const isMain = process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url);
if (isMain) main(process.argv.slice(2));
