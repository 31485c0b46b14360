// A plain static file server for the browser tests: node:http on 127.0.0.1, serving one folder
// under a base path (e.g. /sub/dir/), optionally with .wasm sent under a wrong MIME type, and
// optionally answering local-endpoint.json the way tests/local-endpoint/runtime/serve.mjs does.

import http from 'node:http';
import fs from 'node:fs/promises';
import path from 'node:path';

const TYPES = {
  '.html': 'text/html; charset=utf-8', '.mjs': 'text/javascript; charset=utf-8', '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8', '.wasm': 'application/wasm', '.svg': 'image/svg+xml', '.json': 'application/json',
};

/**
 * @param {{root: string, base?: string, wrongWasmMime?: boolean, localEndpoint?: object|null}} options
 * @returns {Promise<{url: string, requests: string[], close: () => Promise<void>}>} url ends with base
 */
export async function startStaticServer({ root, base = '/', wrongWasmMime = false, localEndpoint = null }) {
  const requests = [];
  const server = http.createServer(async (req, res) => {
    const { pathname } = new URL(req.url, 'http://x');
    requests.push(pathname);
    const send = (status, type, body) => {
      res.writeHead(status, { 'Content-Type': type, 'Cache-Control': 'no-store', 'X-Content-Type-Options': 'nosniff',
        ...(localEndpoint && { 'Server-Timing': 'local-endpoint' }) }); // as serve.mjs marks its pages
      res.end(req.method === 'HEAD' ? undefined : body);
    };
    if (req.method !== 'GET' && req.method !== 'HEAD') return send(405, 'text/plain', 'method not allowed');
    if (!pathname.startsWith(base)) return send(404, 'text/plain', 'not found');
    const rel = decodeURIComponent(pathname.slice(base.length)) || 'index.html';
    if (localEndpoint && rel === 'local-endpoint.json') return send(200, TYPES['.json'], JSON.stringify(localEndpoint));
    const file = path.resolve(root, rel);
    if (!file.startsWith(path.resolve(root) + path.sep)) return send(404, 'text/plain', 'not found');
    try {
      const body = await fs.readFile(file);
      const ext = path.extname(file);
      const type = ext === '.wasm' && wrongWasmMime ? 'application/octet-stream' : TYPES[ext] ?? 'application/octet-stream';
      send(200, type, body);
    } catch {
      send(404, 'text/plain', 'not found');
    }
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${server.address().port}${base}`,
    requests,
    close: () => new Promise((resolve) => { server.closeAllConnections(); server.close(() => resolve()); }),
  };
}
