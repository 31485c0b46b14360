// The transport (web/lib/src/transport.mjs) against a hostile or broken server, through the real glue,
// the real .wasm and the real fetch on 127.0.0.1: redirects, huge, endless and dripping bodies,
// CR/LF in headers, absurd dates, endless pages; memory and heap stay flat across 10,000 such
// answers. (Lost answers and resends: tests/lib/resends.test.mjs.)
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import { createServer as createTcpServer } from 'node:net';

import { wasmInstance } from '../helpers/wasm-instance.mjs';
import { rejection, DEMO } from '../helpers/local-endpoint.mjs';
const {
  PersonalizeClient, DEFAULT_MAX_PAGES, DEFAULT_MAX_RESPONSE_BYTES, DEFAULT_REQUEST_TIMEOUT,
} = await import('../../web/lib/personalize.mjs');

const TRACKER_ARN = 'arn:aws:personalize:us-east-1:123456789012:event-tracker/abc';
const DESCRIBE_OK = JSON.stringify({ eventTracker: { eventTrackerArn: TRACKER_ARN, name: 't', status: 'ACTIVE' } });

/** An HTTP server on 127.0.0.1 answering with handler(req, res, body); closed after the test. */
async function serve(t, handler) {
  const requests = [];
  const server = createServer((req, res) => {
    const chunks = [];
    req.on('data', (c) => chunks.push(c));
    req.on('end', () => {
      const body = Buffer.concat(chunks).toString();
      requests.push({ method: req.method, url: req.url, headers: req.headers, body });
      handler(req, res, body, requests.length);
    });
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  t.after(() => {
    server.closeAllConnections();
    return new Promise((resolve) => server.close(resolve));
  });
  return { url: `http://127.0.0.1:${server.address().port}`, requests };
}

/** A TCP server on 127.0.0.1 that writes `raw` to every connection, then closes it. */
async function serveRaw(t, raw) {
  const server = createTcpServer((socket) => {
    socket.once('data', () => socket.end(raw));
    socket.on('error', () => {});
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  t.after(() => new Promise((resolve) => server.close(resolve)));
  return `http://127.0.0.1:${server.address().port}`;
}

function client(endpoint, config = {}) {
  return new PersonalizeClient({ region: 'us-east-1', endpoint, credentials: { ...DEMO, sessionToken: 'token-that-must-stay-home' }, loadFromEnvironment: false, ...config });
}

const json = (res, status, body, headers = {}) => {
  res.writeHead(status, { 'content-type': 'application/x-amz-json-1.1', 'x-amzn-requestid': 'rid', ...headers });
  res.end(typeof body === 'string' ? body : JSON.stringify(body));
};

// ---- redirects ---------------------------------------------------------------------------------

for (const status of [301, 302, 303, 307, 308]) {
  test(`a ${status} redirect is a RedirectError naming the status and the target's origin; nothing reaches the target`, async (t) => {
    const elsewhere = await serve(t, (req, res) => json(res, 200, DESCRIBE_OK));
    const endpoint = await serve(t, (req, res) => {
      res.writeHead(status, { location: `${elsewhere.url}/steal?x=1` });
      res.end();
    });
    const err = await rejection(client(endpoint.url).describeEventTracker({ eventTrackerArn: TRACKER_ARN }));
    assert.equal(err.name, 'RedirectError');
    assert.match(err.message, new RegExp(`HTTP ${status}`));
    assert.ok(err.message.includes(elsewhere.url), err.message);
    assert.ok(!err.message.includes('steal'), 'only the origin is named');
    assert.equal(err.$metadata.attempts, 1, 'a redirect is not retried');
    assert.equal(endpoint.requests.length, 1);
    assert.equal(elsewhere.requests.length, 0, 'the session token, date, target and body never reached the other origin');
  });
}

test('a fetch that followed a redirect anyway (response.redirected) is a RedirectError, not the service answer', async () => {
  const following = async () => Object.assign(new Response(DESCRIBE_OK, { status: 200 }), {});
  const redirected = async (...args) => {
    const response = await following(...args);
    Object.defineProperty(response, 'redirected', { value: true });
    return response;
  };
  const err = await rejection(client('http://127.0.0.1:9', { fetch: redirected }).describeEventTracker({ eventTrackerArn: TRACKER_ARN }));
  assert.equal(err.name, 'RedirectError');
});

// ---- bounded bodies ----------------------------------------------------------------------------

test('a 100 MB body is refused by its Content-Length with ResponseTooLargeError; WASM memory does not grow', async (t) => {
  const endpoint = await serve(t, (req, res) => {
    res.writeHead(200, { 'content-type': 'application/x-amz-json-1.1', 'content-length': String(100 * 1024 * 1024) });
    res.write('{"eventTracker":{"name":"');
    // The rest never comes: the client must not wait for it.
  });
  const c = client(endpoint.url);
  await c.listDatasetGroups().catch(() => {}); // instantiate the module before measuring it
  const before = wasmInstance().exports.memory.buffer.byteLength;
  const err = await rejection(c.describeEventTracker({ eventTrackerArn: TRACKER_ARN }));
  assert.equal(err.name, 'ResponseTooLargeError');
  assert.match(err.message, /maxResponseBytes \(1048576 bytes\)/);
  assert.equal(wasmInstance().exports.memory.buffer.byteLength, before);
});

test('an endless chunked body is cancelled once it passes maxResponseBytes', async (t) => {
  let bytesWritten = 0;
  let closed;
  const closedPromise = new Promise((resolve) => { closed = resolve; });
  const endpoint = await serve(t, (req, res) => {
    res.writeHead(200, { 'content-type': 'application/x-amz-json-1.1' });
    const chunk = Buffer.alloc(64 * 1024, 0x20);
    const pump = () => {
      while (!res.destroyed && bytesWritten < 512 * 1024 * 1024) {
        bytesWritten += chunk.length;
        if (!res.write(chunk)) return res.once('drain', pump);
      }
    };
    res.on('close', closed);
    pump();
  });
  const err = await rejection(client(endpoint.url, { maxResponseBytes: 256 * 1024 }).describeEventTracker({ eventTrackerArn: TRACKER_ARN }));
  assert.equal(err.name, 'ResponseTooLargeError');
  assert.match(err.message, /262144 bytes/);
  await closedPromise; // the client hung up instead of reading on
  assert.ok(bytesWritten < 64 * 1024 * 1024, `the server got to write ${bytesWritten} bytes`);
});

test('a body just under maxResponseBytes is read and parsed', async (t) => {
  const padding = ' '.repeat(2000);
  const endpoint = await serve(t, (req, res) => json(res, 200, DESCRIBE_OK + padding));
  const out = await client(endpoint.url, { maxResponseBytes: DESCRIBE_OK.length + padding.length }).describeEventTracker({ eventTrackerArn: TRACKER_ARN });
  assert.equal(out.eventTracker.name, 't');
  assert.equal(DEFAULT_MAX_RESPONSE_BYTES, 1024 * 1024);
});

// ---- bounded time ------------------------------------------------------------------------------

test('a body that drips ends the attempt at requestTimeout, headers having arrived long before', async (t) => {
  const endpoint = await serve(t, (req, res) => {
    res.writeHead(200, { 'content-type': 'application/x-amz-json-1.1' });
    const timer = setInterval(() => res.write(' '), 20);
    res.on('close', () => clearInterval(timer));
  });
  const started = Date.now();
  const err = await rejection(client(endpoint.url, { requestTimeout: 300, maxAttempts: 1 }).describeEventTracker({ eventTrackerArn: TRACKER_ARN }));
  assert.equal(err.name, 'TimeoutError');
  assert.ok(Date.now() - started < 5000);
});

test('without requestTimeout an attempt still ends at the default, even with a fetch that ignores its AbortSignal', async (t) => {
  t.mock.timers.enable({ apis: ['setTimeout'] });
  let calls = 0;
  const deaf = () => {
    calls += 1;
    return new Promise(() => {}); // never settles and never looks at the signal
  };
  const pending = client('http://127.0.0.1:9', { fetch: deaf, maxAttempts: 1 }).describeEventTracker({ eventTrackerArn: TRACKER_ARN });
  while (calls === 0) await new Promise((resolve) => setImmediate(resolve));
  t.mock.timers.tick(DEFAULT_REQUEST_TIMEOUT - 1);
  let settled = false;
  pending.then(() => {}, () => {}).finally(() => { settled = true; });
  await new Promise((resolve) => setImmediate(resolve));
  assert.equal(settled, false, 'not before the deadline');
  t.mock.timers.tick(1);
  const err = await rejection(pending);
  assert.equal(err.name, 'TimeoutError');
  assert.match(err.message, /30000 ms/);
});

test('an AbortSignal ends the call even when the custom fetch ignores it', async () => {
  const controller = new AbortController();
  const pending = client('http://127.0.0.1:9', { fetch: () => new Promise(() => {}) }).describeEventTracker({ eventTrackerArn: TRACKER_ARN }, { signal: controller.signal });
  setTimeout(() => controller.abort(new Error('user left')), 20);
  const err = await rejection(pending);
  assert.equal(err.name, 'AbortError');
  assert.match(err.message, /user left/);
});

// ---- malformed HTTP ----------------------------------------------------------------------------

test('CR/LF smuggled into a header value is a NetworkError, not a parsed answer', async (t) => {
  const url = await serveRaw(t, 'HTTP/1.1 200 OK\r\nContent-Type: application/x-amz-json-1.1\r\nx-amzn-RequestId: a\rX-Injected: 1\r\nContent-Length: 2\r\n\r\n{}');
  const err = await rejection(client(url, { maxAttempts: 1 }).describeEventTracker({ eventTrackerArn: TRACKER_ARN }));
  assert.equal(err.name, 'NetworkError');
});

// ---- hostile clocks ----------------------------------------------------------------------------

for (const date of ['Sat, 13 Sep 275760 00:00:00 GMT', 'Thu, 01 Jan 1970 00:00:00 GMT', 'Mon, 01 Jan 9999 00:00:00 GMT', 'not a date']) {
  test(`a clock-skew error dated "${date}" cannot stop later calls from being signed and sent`, async (t) => {
    const endpoint = await serve(t, (req, res, body, n) => (n === 1
      ? json(res, 400, { __type: 'RequestTimeTooSkewed', message: 'skewed' }, { date })
      : json(res, 200, DESCRIBE_OK)));
    const c = client(endpoint.url);
    await c.describeEventTracker({ eventTrackerArn: TRACKER_ARN }).catch(() => {});
    const out = await c.describeEventTracker({ eventTrackerArn: TRACKER_ARN });
    assert.equal(out.eventTracker.name, 't');
    assert.equal(c.systemClockOffset, 0, 'an implausible server time is not believed');
    const sentDate = endpoint.requests.at(-1).headers['x-amz-date'];
    assert.ok(Math.abs(Date.parse(sentDate.replace(/(\d{4})(\d\d)(\d\d)T(\d\d)(\d\d)(\d\d)Z/, '$1-$2-$3T$4:$5:$6Z')) - Date.now()) < 60_000, sentDate);
  });
}

test('an offset that would put signing past year 9999 is dropped instead of failing every call', async (t) => {
  const endpoint = await serve(t, (req, res) => json(res, 200, DESCRIBE_OK));
  const c = client(endpoint.url, { systemClockOffset: 8.6e15 - Date.now() });
  const out = await c.describeEventTracker({ eventTrackerArn: TRACKER_ARN });
  assert.equal(out.eventTracker.name, 't');
  assert.equal(c.systemClockOffset, 0);
});

test('a plausible server clock 2 hours ahead is still learnt from a skew error', async (t) => {
  const ahead = new Date(Date.now() + 2 * 3600_000).toUTCString();
  const endpoint = await serve(t, (req, res, body, n) => (n === 1
    ? json(res, 403, { __type: 'InvalidSignatureException', message: 'Signature expired' }, { date: ahead })
    : json(res, 200, DESCRIBE_OK)));
  const c = client(endpoint.url);
  const out = await c.describeEventTracker({ eventTrackerArn: TRACKER_ARN });
  assert.equal(out.$metadata.attempts, 2);
  assert.ok(Math.abs(c.systemClockOffset - 2 * 3600_000) < 5000);
});

// ---- endless pages -----------------------------------------------------------------------------

test('a paginator stops with PaginationError after maxPages pages of fresh tokens', async (t) => {
  const endpoint = await serve(t, (req, res, body, n) => json(res, 200, { eventTrackers: [], nextToken: `token-${n}` }));
  const c = client(endpoint.url, { maxPages: 25 });
  let pages = 0;
  const err = await rejection((async () => {
    for await (const page of c.paginateListEventTrackers()) { pages += 1; void page; }
  })());
  assert.equal(err.name, 'PaginationError');
  assert.match(err.message, /25 pages/);
  assert.equal(pages, 25);
  assert.equal(endpoint.requests.length, 25);
});

test(`by default a paginator stops after ${DEFAULT_MAX_PAGES} pages`, async () => {
  let n = 0;
  const fresh = async () => new Response(JSON.stringify({ datasetGroups: [], nextToken: `t${++n}` }), { status: 200 });
  const c = client('http://127.0.0.1:9', { fetch: fresh });
  const err = await rejection((async () => {
    for await (const page of c.paginateListDatasetGroups()) void page;
  })());
  assert.equal(err.name, 'PaginationError');
  assert.equal(n, DEFAULT_MAX_PAGES);
});

test('a paginator stops on a repeated token', async (t) => {
  const endpoint = await serve(t, (req, res, body, n) => json(res, 200, { eventTrackers: [], nextToken: n % 2 ? 'a' : 'b' }));
  const err = await rejection((async () => {
    for await (const page of client(endpoint.url).paginateListEventTrackers()) void page;
  })());
  assert.equal(err.name, 'PaginationError');
  assert.match(err.message, /same nextToken/);
});

// ---- secrets in what callers inspect ---------------------------------------------------------

test('a session token pasted with spaces is redacted in lastRequest by the value that was signed', async (t) => {
  const endpoint = await serve(t, (req, res) => json(res, 200, DESCRIBE_OK));
  const c = client(endpoint.url, { credentials: { ...DEMO, sessionToken: '   tok-3f9a-secret\t ' } });
  await c.describeEventTracker({ eventTrackerArn: TRACKER_ARN });
  assert.equal(endpoint.requests[0].headers['x-amz-security-token'], 'tok-3f9a-secret');
  const seen = JSON.stringify(c.lastRequest);
  assert.ok(!seen.includes('tok-3f9a-secret'), seen);
  assert.match(c.lastRequest.canonicalRequest, /\nx-amz-security-token:<redacted>\n/);
  assert.deepEqual(c.lastRequest.headers.find(([n]) => n.toLowerCase() === 'x-amz-security-token'), ['X-Amz-Security-Token', '<redacted>']);
});

// ---- allocation failures ---------------------------------------------------------------------

test('a call too large for WASM memory is an OutOfMemoryError, and the module stays usable', async (t) => {
  const { signRequest } = await import('../../web/lib/personalize.mjs');
  const options = { credentials: { accessKeyId: 'AKID', secretAccessKey: 'secret' }, region: 'us-east-1', service: 'personalize' };
  await signRequest({ method: 'GET', path: '/' }, options);
  const heap = wasmInstance().exports.pw_heap_in_use();
  const huge = new Uint8Array(2 ** 31 + 16); // more than a 32-bit module's heap can ever hold
  const err = await rejection(signRequest({ method: 'POST', path: '/', headers: [['host', 'h']], body: huge }, options));
  assert.equal(err.name, 'OutOfMemoryError');
  assert.equal(wasmInstance().exports.pw_heap_in_use(), heap);
  const ok = await signRequest({ method: 'GET', path: '/', headers: [['host', 'h']] }, options);
  assert.match(ok.authorization, /^AWS4-HMAC-SHA256 /);
  const endpoint = await serve(t, (req, res) => json(res, 200, DESCRIBE_OK));
  assert.equal((await client(endpoint.url).describeEventTracker({ eventTrackerArn: TRACKER_ARN })).eventTracker.name, 't');
});

// ---- memory under hostile answers ------------------------------------------------------------

test('10,000 hostile answers over real fetch: linear memory and heap in use stay flat', async (t) => {
  const answers = [
    (res) => json(res, 200, DESCRIBE_OK),
    (res) => json(res, 400, { __type: 'InvalidInputException', message: 'x'.repeat(5000) }),
    (res) => json(res, 200, '{"eventTracker":'), // truncated JSON
    (res) => json(res, 200, '{"eventTracker":{"name":"\\ud800"}}'),
    (res) => json(res, 200, ' '.repeat(300_000)),
    (res) => { res.writeHead(307, { location: 'http://127.0.0.2:1/' }); res.end(); },
    (res) => json(res, 200, 'x'.repeat(70_000)),
    (res) => json(res, 418, '<html>teapot</html>', { 'content-type': 'text/html' }),
    (res) => json(res, 200, `[${'1,'.repeat(20_000)}1]`),
    (res) => json(res, 200, `${'['.repeat(5000)}${']'.repeat(5000)}`),
  ];
  const endpoint = await serve(t, (req, res, body, n) => answers[n % answers.length](res));
  const c = client(endpoint.url, { maxAttempts: 1, maxResponseBytes: 64 * 1024 });
  const round = () => c.describeEventTracker({ eventTrackerArn: TRACKER_ARN }).catch((err) => err);
  for (let i = 0; i < 200; i++) await round(); // warm-up: the heap reaches its working size
  const memory = wasmInstance().exports.memory;
  const bytes = memory.buffer.byteLength;
  const heap = wasmInstance().exports.pw_heap_in_use();
  const names = new Set();
  for (let i = 0; i < 10_000; i += 10) {
    const results = await Promise.all(Array.from({ length: 10 }, round));
    for (const r of results) names.add(r instanceof Error ? r.name : 'ok');
    if (i % 1000 === 0) assert.equal(wasmInstance().exports.pw_heap_in_use(), heap, `heap changed after ${i} answers`);
  }
  assert.equal(wasmInstance().exports.pw_heap_in_use(), heap);
  assert.equal(memory.buffer.byteLength, bytes, 'linear memory grew');
  for (const expected of ['ok', 'InvalidInputException', 'DeserializationError', 'RedirectError', 'ResponseTooLargeError']) {
    assert.ok(names.has(expected), `saw ${[...names]}`);
  }
});

test('an input far larger than any valid request is a ValidationError before it enters WASM memory', async () => {
  let sent = 0;
  const c = client('http://127.0.0.1:9', { fetch: async () => { sent += 1; return new Response('{}'); } });
  await c.listDatasetGroups();
  const dg = 'arn:aws:personalize:us-east-1:123456789012:dataset-group/g';
  // The most a string brings into WASM memory is its first 65,536 characters (enough to name its
  // field); what that costs is paid once here, so that anything more would show as growth below.
  await rejection(c.createEventTracker({ datasetGroupArn: dg, name: 'n', tags: [{ tagKey: 'k', tagValue: 'v'.repeat(65_536) }] }));
  const before = wasmInstance().exports.memory.buffer.byteLength;
  const long = await rejection(c.createEventTracker({ datasetGroupArn: dg, name: 'n', tags: [{ tagKey: 'k', tagValue: 'v'.repeat(10_000_000) }] }));
  assert.equal(long.name, 'ValidationError');
  assert.deepEqual(long.errors.map((e) => e.field), ['tags[0].tagValue'], 'a long string still names its field');
  const many = await rejection(c.createEventTracker({ datasetGroupArn: dg, name: 'n', tags: Array.from({ length: 200_000 }, () => ({ tagKey: 'k', tagValue: 'v' })) }));
  assert.equal(many.name, 'ValidationError');
  assert.equal(many.errors[0].field, 'input');
  assert.match(many.errors[0].message, /larger than any valid request/);
  assert.equal(sent, 1);
  assert.equal(wasmInstance().exports.memory.buffer.byteLength, before);
});

test('a session token replaced in the credentials object after the call is redacted in the later-derived canonical request too', async (t) => {
  const endpoint = await serve(t, (req, res) => json(res, 200, DESCRIBE_OK));
  const credentials = { ...DEMO, sessionToken: 'first-token-0001' };
  const c = client(endpoint.url, { credentials });
  await c.describeEventTracker({ eventTrackerArn: TRACKER_ARN });
  credentials.sessionToken = 'second-token-0002';
  const canonical = c.lastRequest.canonicalRequest;
  assert.ok(!canonical.includes('first-token-0001') && !canonical.includes('second-token-0002'), canonical);
  assert.match(canonical, /\nx-amz-security-token:<redacted>\n/);
});
