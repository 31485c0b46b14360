// The local endpoint under hostile or broken clients: raw node:net connections send malformed
// JSON, huge and slow bodies, slow headers, unknown routes, wrong methods, bad Content-Types,
// invalid UTF-8, deeply nested JSON, header floods and broken HTTP. Each case checks the status,
// the error's __type and (where the local endpoint must hang up) that the socket is closed, in bounded
// time; after each one a signed ListDatasetGroups through the glue must still succeed.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import net from 'node:net';
import { startLocalEndpoint, DEMO_CREDENTIALS, DEMO_REGION, MAX_BODY_BYTES, ADMIN_BODY_BYTES, ADMIN_TOKEN_HEADER } from './runtime/server.mjs';
import { PersonalizeClient, signRequest } from '../../web/lib/personalize.mjs';

const DEMO = { accessKeyId: DEMO_CREDENTIALS.accessKeyId, secretAccessKey: DEMO_CREDENTIALS.secretAccessKey };
const BODY_TIMEOUT_MS = 400;
const HEADERS_TIMEOUT_MS = 600;

/** Parses the first HTTP response in raw bytes: { status, headers, text, json }. */
function parseResponse(raw) {
  const text = raw.toString('latin1');
  const end = text.indexOf('\r\n\r\n');
  if (end < 0) return { status: 0, headers: {}, text: '', json: undefined, raw: text };
  const [statusLine, ...lines] = text.slice(0, end).split('\r\n');
  const headers = {};
  for (const line of lines) {
    const i = line.indexOf(':');
    headers[line.slice(0, i).trim().toLowerCase()] = line.slice(i + 1).trim();
  }
  const length = Number(headers['content-length'] ?? 0);
  const body = raw.subarray(Buffer.byteLength(text.slice(0, end + 4), 'latin1')).subarray(0, length).toString('utf8');
  let json;
  try { json = body ? JSON.parse(body) : undefined; } catch { json = undefined; }
  return { status: Number(statusLine.split(' ')[1]), headers, text: body, json, raw: text };
}

/**
 * Opens a raw connection, lets write(sock) talk, and resolves once the server has closed it:
 * { status, headers, text, json, elapsed }. Rejects if the socket is still open after timeoutMs.
 */
function exchange(port, write, { timeoutMs = 4000 } = {}) {
  return new Promise((resolve, reject) => {
    const sock = net.connect(port, '127.0.0.1');
    const chunks = [];
    const started = Date.now();
    const timer = setTimeout(() => {
      sock.destroy();
      reject(new Error(`the server did not close the connection within ${timeoutMs} ms; got ${JSON.stringify(Buffer.concat(chunks).toString('latin1').slice(0, 200))}`));
    }, timeoutMs);
    sock.on('data', (d) => chunks.push(d));
    sock.on('error', () => {});
    sock.on('close', () => {
      clearTimeout(timer);
      resolve({ ...parseResponse(Buffer.concat(chunks)), elapsed: Date.now() - started });
    });
    write(sock);
  });
}

/** Writes `bytes` one byte every intervalMs until the socket closes. */
function trickle(sock, bytes, intervalMs = 50) {
  let i = 0;
  const t = setInterval(() => {
    if (sock.destroyed || i >= bytes.length) { clearInterval(t); return; }
    sock.write(bytes.subarray(i, i + 1), () => {});
    i++;
  }, intervalMs);
  sock.on('close', () => clearInterval(t));
}

const head = (lines) => `${lines.join('\r\n')}\r\n\r\n`;

test('the local endpoint survives malformed, huge, slow and hostile requests and keeps answering', async (t) => {
  const logs = [];
  const emu = await startLocalEndpoint({
    port: 0, stepMs: 10, admin: true, demo: false, log: (m) => logs.push(m),
    bodyTimeoutMs: BODY_TIMEOUT_MS, headersTimeoutMs: HEADERS_TIMEOUT_MS, requestTimeoutMs: 3000,
  });
  t.after(() => emu.close());
  const { port } = emu;
  const host = `127.0.0.1:${port}`;
  const glue = new PersonalizeClient({ region: DEMO_REGION, endpoint: emu.url, credentials: DEMO, maxAttempts: 1 });

  const healthy = async (what) => {
    const out = await glue.listDatasetGroups({});
    assert.equal(out.$metadata.httpStatusCode, 200, `healthy after ${what}`);
  };

  /** A signed request (demo key) with any body bytes; `extra` headers are added unsigned after signing. */
  async function signed({ path = '/', target = 'ListDatasetGroups', contentType = 'application/x-amz-json-1.1', body, extra = [] }) {
    const headers = [['host', host]];
    if (contentType !== null) headers.push(['content-type', contentType]);
    if (path === '/') headers.push(['x-amz-target', `AmazonPersonalize.${target}`]);
    const bytes = Buffer.isBuffer(body) ? body : Buffer.from(body, 'utf8');
    const out = await signRequest({ method: 'POST', path, headers, body: new Uint8Array(bytes) },
      { credentials: DEMO, region: DEMO_REGION, service: 'personalize' });
    const lines = [`POST ${path} HTTP/1.1`, ...out.headers.map(([n, v]) => `${n}: ${v}`), `Content-Length: ${bytes.length}`, 'Connection: close', ...extra];
    return Buffer.concat([Buffer.from(head(lines), 'latin1'), bytes]);
  }
  const send = (bytes, opts) => exchange(port, (s) => s.end(bytes), opts);
  const expectError = (r, status, type, what) => {
    assert.equal(r.status, status, `${what}: status (${r.raw?.slice(0, 300)})`);
    assert.equal(r.json?.__type, type, `${what}: __type in ${r.text}`);
    assert.equal(r.headers['x-amzn-errortype'], type, `${what}: x-amzn-ErrorType`);
  };

  await healthy('start');

  await t.test('malformed JSON, a non-object body and an empty PutEvents body: 400 SerializationException', async () => {
    for (const body of ['{"maxResults":', '{"maxResults": 5,}', 'nul', '[]', '"text"', '{"a":1} trailing']) {
      expectError(await send(await signed({ body })), 400, 'SerializationException', `body ${body}`);
      await healthy(`body ${body}`);
    }
    expectError(await send(await signed({ path: '/events', contentType: 'application/json', body: '' })), 400, 'SerializationException', 'empty PutEvents');
    await healthy('empty PutEvents body');
  });

  await t.test('invalid UTF-8 in the body: 400 SerializationException', async () => {
    for (const bytes of [[0xff, 0xfe], [0xc3], [0xed, 0xa0, 0x80] /* an encoded surrogate */, [0xc0, 0xaf] /* overlong */]) {
      const body = Buffer.concat([Buffer.from('{"nextToken":"'), Buffer.from(bytes), Buffer.from('"}')]);
      expectError(await send(await signed({ body })), 400, 'SerializationException', `bytes ${bytes}`);
    }
    await healthy('invalid UTF-8');
  });

  await t.test('deeply nested JSON (100,000 levels) is a 400 SerializationException, not a crash', async () => {
    // CreateDatasetGroup: its body limit (200 tags) leaves room for these
    const deepArray = '['.repeat(100_000) + ']'.repeat(100_000);
    expectError(await send(await signed({ target: 'CreateDatasetGroup', body: deepArray })), 400, 'SerializationException', 'deep array');
    const deepObject = '{"a":'.repeat(80_000) + '1' + '}'.repeat(80_000);
    expectError(await send(await signed({ target: 'CreateDatasetGroup', body: deepObject })), 400, 'SerializationException', 'deep object');
    // nested inside an event of an otherwise valid PutEvents body
    const event = `{"trackingId":"t","sessionId":"s","eventList":[{"eventType":"a","sentAt":1,"x":${'['.repeat(50_000)}${']'.repeat(50_000)}}]}`;
    expectError(await send(await signed({ path: '/events', contentType: 'application/json', body: event })), 400, 'SerializationException', 'deep event member');
    // brackets inside strings do not count
    const inString = JSON.stringify({ nextToken: '['.repeat(1000) });
    expectError(await send(await signed({ body: inString })), 400, 'InvalidNextTokenException', 'brackets in a string');
    // and the admin routes parse the same way (within their own, smaller body limit)
    const adminArray = '['.repeat(ADMIN_BODY_BYTES / 4) + ']'.repeat(ADMIN_BODY_BYTES / 4);
    const adminDeep = await send(Buffer.from(head(['POST /__local-endpoint/faults HTTP/1.1', `Host: ${host}`, 'Content-Type: application/json',
      `${ADMIN_TOKEN_HEADER}: ${emu.adminToken}`, `Content-Length: ${adminArray.length}`, 'Connection: close']) + adminArray));
    expectError(adminDeep, 400, 'SerializationException', 'admin deep');
    await healthy('deep nesting');
  });

  await t.test('a body above the largest limit: 413 and a closed connection (declared or streamed)', async () => {
    const declared = await exchange(port, (s) => {
      s.write(head(['POST / HTTP/1.1', `Host: ${host}`, 'Content-Type: application/x-amz-json-1.1',
        'X-Amz-Target: AmazonPersonalize.ListDatasetGroups', `Content-Length: ${MAX_BODY_BYTES * 4}`]));
      s.write('{"a":"' + 'x'.repeat(1000));
    });
    expectError(declared, 413, 'RequestEntityTooLargeException', 'declared');
    assert.equal(declared.headers.connection, 'close');
    const streamed = await exchange(port, (s) => {
      s.write(head(['POST / HTTP/1.1', `Host: ${host}`, 'Content-Type: application/x-amz-json-1.1',
        'X-Amz-Target: AmazonPersonalize.ListDatasetGroups', 'Transfer-Encoding: chunked']));
      const chunk = Buffer.alloc(64 * 1024, 0x20);
      const frame = Buffer.concat([Buffer.from(`${chunk.length.toString(16)}\r\n`), chunk, Buffer.from('\r\n')]);
      for (let i = 0; i < 24 && !s.destroyed; i++) s.write(frame, () => {});
    });
    expectError(streamed, 413, 'RequestEntityTooLargeException', 'streamed');
    await healthy('413');
  });

  await t.test('a client that trickles its body is cut off with 408 and a closed socket', async () => {
    const body = Buffer.from('{"maxResults": 5}');
    const r = await exchange(port, (s) => {
      s.write(head(['POST / HTTP/1.1', `Host: ${host}`, 'Content-Type: application/x-amz-json-1.1',
        'X-Amz-Target: AmazonPersonalize.ListDatasetGroups', `Content-Length: ${body.length + 1000}`]));
      trickle(s, Buffer.concat([body, Buffer.alloc(1000, 0x20)]), 40);
    });
    expectError(r, 408, 'RequestTimeoutException', 'slow body');
    assert.ok(r.elapsed >= BODY_TIMEOUT_MS - 50 && r.elapsed < BODY_TIMEOUT_MS + 1500, `cut off after ${r.elapsed} ms`);
    // headers sent, then nothing at all
    const silent = await exchange(port, (s) => s.write(head(['POST /events HTTP/1.1', `Host: ${host}`, 'Content-Type: application/json', 'Content-Length: 50'])));
    expectError(silent, 408, 'RequestTimeoutException', 'silent body');
    await healthy('slow body');
  });

  await t.test('a client that trickles its headers is cut off with 408 and a closed socket', async () => {
    const r = await exchange(port, (s) => trickle(s, Buffer.from(`POST / HTTP/1.1\r\nHost: ${host}\r\nX-Slow: ${'a'.repeat(200)}`), 30));
    assert.equal(r.status, 408, r.raw);
    assert.equal(r.json?.__type, 'RequestTimeoutException');
    assert.ok(r.elapsed < HEADERS_TIMEOUT_MS + 2000, `cut off after ${r.elapsed} ms`);
    await healthy('slow headers');
  });

  await t.test('unknown routes: 404 UnknownOperationException (JSON)', async () => {
    for (const [method, path] of [['GET', '/nothing-here'], ['POST', '/items'], ['POST', '/users'], ['GET', '/events/x'], ['POST', '/%ff%00'], ['DELETE', '/a/../../b']]) {
      const r = await send(head([`${method} ${path} HTTP/1.1`, `Host: ${host}`, 'Content-Length: 0', 'Connection: close']));
      expectError(r, 404, 'UnknownOperationException', `${method} ${path}`);
      assert.match(r.headers['content-type'], /json/);
    }
    // an unknown X-Amz-Target (signed): 400 UnknownOperationException
    expectError(await send(await signed({ target: 'CreateSolution', body: '{}' })), 400, 'UnknownOperationException', 'unknown target');
    await healthy('unknown routes');
  });

  await t.test('wrong methods on / and /events: 405 MethodNotAllowedException with Allow', async () => {
    for (const [method, path] of [['GET', '/'], ['PUT', '/'], ['DELETE', '/events'], ['PATCH', '/events'], ['GET', '/events']]) {
      const r = await send(head([`${method} ${path} HTTP/1.1`, `Host: ${host}`, 'Content-Length: 2', 'Connection: close']) + '{}');
      expectError(r, 405, 'MethodNotAllowedException', `${method} ${path}`);
      assert.equal(r.headers.allow, 'POST, OPTIONS');
    }
    const h = await send(head(['HEAD / HTTP/1.1', `Host: ${host}`, 'Connection: close']));
    assert.equal(h.status, 405);
    assert.equal(h.text, '', 'HEAD has no body');
    await healthy('wrong methods');
  });

  await t.test('a Content-Type that is not JSON: 415 UnsupportedMediaTypeException; parameters are ignored', async () => {
    for (const contentType of ['text/plain', 'application/xml', 'multipart/form-data; boundary=x', '', 'application/x-www-form-urlencoded']) {
      expectError(await send(await signed({ contentType, body: '{}' })), 415, 'UnsupportedMediaTypeException', `content-type ${contentType}`);
    }
    expectError(await send(await signed({ path: '/events', contentType: 'text/plain', body: '{}' })), 415, 'UnsupportedMediaTypeException', 'PutEvents text/plain');
    for (const contentType of ['application/x-amz-json-1.1; charset=utf-8', 'APPLICATION/JSON', 'application/x-amz-json-1.0', null]) {
      const r = await send(await signed({ contentType, body: '{}' }));
      assert.equal(r.status, 200, `content-type ${contentType}: ${r.text}`);
    }
    await healthy('content types');
  });

  await t.test('header floods: 431 for too many or too large headers; many small ones are fine', async () => {
    const big = await exchange(port, (s) => s.end(head(['POST / HTTP/1.1', `Host: ${host}`, `X-Big: ${'a'.repeat(20_000)}`, 'Content-Length: 0'])));
    assert.equal(big.status, 431, big.raw);
    assert.equal(big.json?.__type, 'RequestHeaderFieldsTooLarge');
    const many = Array.from({ length: 3000 }, (_, i) => `X-H${i}: v`);
    const flood = await exchange(port, (s) => s.end(head(['POST / HTTP/1.1', `Host: ${host}`, ...many, 'Content-Length: 0'])));
    assert.equal(flood.status, 431, flood.raw.slice(0, 200));
    // 500 small extra headers fit in the limit on every supported Node.js (1000 fit on 20, not on 24):
    // the request is handled (unsigned extras are ignored by SigV4)
    const extra = Array.from({ length: 500 }, (_, i) => `X-E${i}: 1`);
    const ok = await send(await signed({ body: '{}', extra }));
    assert.equal(ok.status, 200, ok.text);
    await healthy('header floods');
  });

  await t.test('broken HTTP: garbage, bad Content-Length, Content-Length with chunked: 400 and a closed socket', async () => {
    for (const raw of [
      'GARBAGE\r\n\r\n',
      `POST / HTTP/1.1\r\nHost: ${host}\r\nContent-Length: abc\r\n\r\n`,
      `POST / HTTP/1.1\r\nHost: ${host}\r\nContent-Length: 2\r\nTransfer-Encoding: chunked\r\n\r\n{}`,
      `POST / HTTP/1.1\r\nHost: ${host}\r\nBad Header Name: x\r\n\r\n`,
      '\x00\x01\x02\xff\r\n\r\n',
    ]) {
      const r = await send(Buffer.from(raw, 'latin1'));
      assert.equal(r.status, 400, `${JSON.stringify(raw)} -> ${r.raw}`);
      assert.equal(r.json?.__type, 'BadRequestException');
    }
    await healthy('broken HTTP');
  });

  await t.test('clients that vanish mid-request, and 300 half-open connections, leave the server fine', async () => {
    // headers and half a body, then the client disappears
    await new Promise((resolve) => {
      const s = net.connect(port, '127.0.0.1', () => {
        s.write(head(['POST / HTTP/1.1', `Host: ${host}`, 'X-Amz-Target: AmazonPersonalize.ListDatasetGroups', 'Content-Length: 100']) + '{"max');
        setTimeout(() => { s.destroy(); resolve(); }, 30);
      });
      s.on('error', () => {});
    });
    const sockets = await Promise.all(Array.from({ length: 300 }, () => new Promise((resolve) => {
      const s = net.connect(port, '127.0.0.1', () => { s.write('POST / HTTP/1.1\r\nHost: x\r\n'); resolve(s); });
      s.on('error', () => resolve(s));
    })));
    await healthy('300 half-open connections');
    for (const s of sockets) s.destroy();
    await healthy('vanishing clients');
  });

  // Everything above was answered by the local endpoint itself: no internal error reached its log.
  assert.deepEqual(logs.filter((m) => /internal error/.test(m)), []);
  const stats = emu.stats();
  for (const type of ['SerializationException', 'RequestEntityTooLargeException', 'RequestTimeoutException', 'UnknownOperationException',
    'MethodNotAllowedException', 'UnsupportedMediaTypeException']) {
    assert.ok(stats.byError[type] > 0, `stats count ${type}: ${JSON.stringify(stats.byError)}`);
  }
});
