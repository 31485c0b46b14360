// The local endpoint, locked down (access.mjs): admin routes only for whoever holds this
// run's admin token and never for a web page; no request under a foreign Host (DNS rebinding); no
// secret in the request log or in error messages; native hashing behind SigV4; body limits per
// operation. Requests go over raw node:http with the headers a browser would send.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import crypto from 'node:crypto';
import net from 'node:net';
import { Sha256 } from '@aws-crypto/sha256-js';
import { startLocalEndpoint, verifySigV4, BODY_LIMITS, ADMIN_TOKEN_HEADER } from './runtime/server.mjs';
import { NodeSha256 } from './runtime/node-sha256.mjs';
import { DEMO, rawRequest, signHeaders, call, putEvents, adminCall, ok, assertError } from './wire.mjs';

const SESSION = { accessKeyId: 'ASIALOCKDOWNKEY00001', secretAccessKey: 'lockdown/secret/key', sessionToken: 'SessionTokenValue-4f1c9a-secret' };

async function localEndpointFor(t, options = {}) {
  const emu = await startLocalEndpoint({ port: 0, stepMs: 5, admin: true, demo: true, credentials: [SESSION], log: () => {}, ...options });
  t.after(() => emu.close());
  return emu;
}

/** Creates a tracker on the demo dataset group and waits (bounded) until it is ACTIVE. */
async function activeTracker(emu, name = `tr-${crypto.randomBytes(4).toString('hex')}`) {
  const created = ok(await call(emu, 'CreateEventTracker', { name, datasetGroupArn: emu.demoDatasetGroupArn }));
  for (let i = 0; i < 400; i++) {
    if (ok(await call(emu, 'DescribeEventTracker', { eventTrackerArn: created.eventTrackerArn })).eventTracker.status === 'ACTIVE') return created;
    await new Promise((r) => setTimeout(r, 5));
  }
  throw new Error(`tracker ${name} not ACTIVE in time`);
}

/** What a browser page on another origin sends with fetch(url, {method, body}) and no custom header. */
const fromPage = (extra = {}) => ({
  origin: 'http://evil.example', 'sec-fetch-site': 'cross-site', 'sec-fetch-mode': 'no-cors', 'content-type': 'text/plain;charset=UTF-8', ...extra,
});

test('admin routes refuse a page on another origin: its plain POSTs and GETs fail and change nothing; with the token they work', async (t) => {
  const emu = await localEndpointFor(t);
  assert.match(emu.adminToken, /^[A-Za-z0-9_-]{43}$/, '256 random bits');
  const tracker = await activeTracker(emu);
  const before = { state: emu.state(), faults: emu.faults(), stats: emu.stats(), events: emu.events() };

  const attempts = [
    ['POST', '/__local-endpoint/reset', '{}'],
    ['POST', '/__local-endpoint/faults', '{"throttle":5,"serverErrorRate":1}'],
    ['GET', '/__local-endpoint/requests'],
    ['GET', '/__local-endpoint/state'],
    ['GET', '/__local-endpoint/events'],
    ['GET', '/__local-endpoint/stats'],
    ['GET', '/__local-endpoint/faults'],
  ];
  const refusals = [
    ['a page (Origin, no token)', fromPage()],
    ['a page that somehow has the token', fromPage({ [ADMIN_TOKEN_HEADER]: emu.adminToken })],
    ['a no-cors load such as <script src> (no Origin, no token)', { 'sec-fetch-site': 'cross-site', 'sec-fetch-mode': 'no-cors' }],
    ['no token at all', {}],
    // The last character changed (to A, or to B when it is an A already: never the token itself).
    ['a wrong token', { [ADMIN_TOKEN_HEADER]: `${emu.adminToken.slice(0, -1)}${emu.adminToken.endsWith('A') ? 'B' : 'A'}` }],
  ];
  for (const [what, headers] of refusals) {
    for (const [method, path, body] of attempts) {
      const r = await rawRequest(emu.url, { method, path, headers, body });
      const message = assertError(r, 'AccessDeniedException', 403);
      assert.equal(r.headers['access-control-allow-origin'], undefined, `${what}, ${method} ${path}: no CORS grant`);
      assert.ok(!message.includes(emu.adminToken), 'the token is not in the answer');
      assert.ok(!r.text.includes(tracker.trackingId), `${what}, ${method} ${path}: nothing of the state leaks`);
    }
  }
  // The preflight a page would need before sending the custom header is not granted.
  const preflight = await rawRequest(emu.url, {
    method: 'OPTIONS', path: '/__local-endpoint/reset',
    headers: { origin: 'http://evil.example', 'access-control-request-method': 'POST', 'access-control-request-headers': ADMIN_TOKEN_HEADER },
  });
  assertError(preflight, 'AccessDeniedException', 403);
  for (const h of ['access-control-allow-origin', 'access-control-allow-headers', 'access-control-allow-methods']) {
    assert.equal(preflight.headers[h], undefined, `preflight: no ${h}`);
  }
  assert.deepEqual({ state: emu.state(), faults: emu.faults(), stats: emu.stats(), events: emu.events() }, before, 'nothing changed');

  // With the token (and no browser headers) every route works.
  assert.equal(ok(await adminCall(emu, 'POST', '/__local-endpoint/faults', { throttle: 1, operations: ['ListDatasetGroups'] })).throttle, 1);
  assert.equal(ok(await adminCall(emu, 'GET', '/__local-endpoint/faults')).throttle, 1);
  assert.ok(ok(await adminCall(emu, 'GET', '/__local-endpoint/state')).eventTrackers.some((x) => x.trackingId === tracker.trackingId));
  assert.ok(Array.isArray(ok(await adminCall(emu, 'GET', '/__local-endpoint/requests')).requests));
  assert.deepEqual(ok(await adminCall(emu, 'GET', '/__local-endpoint/events')), { events: [] });
  assert.equal(typeof ok(await adminCall(emu, 'GET', '/__local-endpoint/stats')).total, 'number');
  ok(await adminCall(emu, 'POST', '/__local-endpoint/reset', { what: ['state', 'faults'] }));
  assert.equal(emu.faults().throttle, 0);
  assert.ok(!emu.state().eventTrackers.some((x) => x.trackingId === tracker.trackingId));
});

test('a Host other than the endpoint\'s own loopback address is refused (DNS rebinding), on service and admin routes alike', async (t) => {
  const emu = await localEndpointFor(t);
  const { port } = emu;
  const before = emu.state();
  for (const host of [`evil.example:${port}`, 'evil.example', `127.0.0.1.evil.example:${port}`, `127.0.0.1:${port + 1}`, `localhost.evil:${port}`]) {
    // A request signed for that Host (the demo keys are public, so a rebinding page can sign).
    const control = await call(emu, 'CreateDatasetGroup', { name: 'rebound' }, { host });
    assert.match(assertError(control, 'MisdirectedRequestException', 421), /not this endpoint/, host);
    assert.equal(control.headers.connection, 'close');
    const headers = await signHeaders(emu.url, { path: '/events', host, body: '{}', headers: { 'content-type': 'application/json' } });
    assertError(await rawRequest(emu.url, { path: '/events', headers, body: '{}' }), 'MisdirectedRequestException', 421);
    assertError(await rawRequest(emu.url, { method: 'OPTIONS', path: '/', headers: { host, origin: `http://${host}`, 'access-control-request-method': 'POST' } }),
      'MisdirectedRequestException', 421);
    for (const [method, path] of [['GET', '/__local-endpoint/state'], ['POST', '/__local-endpoint/reset']]) {
      assertError(await adminCall(emu, method, path, method === 'POST' ? {} : undefined, { host }), 'MisdirectedRequestException', 421);
    }
  }
  assert.deepEqual(emu.state(), before, 'nothing changed');
  assert.ok(emu.stats().byStatus[421] > 0, 'the refusals are counted');

  // The names clients use for the endpoint: 127.0.0.1, localhost and [::1], with the port (any case).
  for (const host of [`127.0.0.1:${port}`, `localhost:${port}`, `LocalHost:${port}`, `[::1]:${port}`]) {
    ok(await call(emu, 'ListDatasetGroups', {}, { host }));
    ok(await adminCall(emu, 'GET', '/__local-endpoint/stats', undefined, { host }));
  }
});

test('the request log keeps the credential scope and SignedHeaders but no signature, session token or admin token', async (t) => {
  const emu = await localEndpointFor(t);
  const body = '{}';
  const headers = await signHeaders(emu.url, {
    body, creds: SESSION, headers: { 'content-type': 'application/x-amz-json-1.1', 'x-amz-target': 'AmazonPersonalize.ListDatasetGroups' },
  });
  const signature = /Signature=([0-9a-f]{64})/.exec(headers.authorization)[1];
  ok(await rawRequest(emu.url, { headers, body }));
  // the same with a wrong secret: the log keeps what the endpoint expected, for debugging signers
  const wrong = await signHeaders(emu.url, {
    body, creds: { ...SESSION, secretAccessKey: 'not-the-secret' }, headers: { 'content-type': 'application/x-amz-json-1.1', 'x-amz-target': 'AmazonPersonalize.ListDatasetGroups' },
  });
  const wrongSignature = /Signature=([0-9a-f]{64})/.exec(wrong.authorization)[1];
  assertError(await rawRequest(emu.url, { headers: wrong, body }), 'InvalidSignatureException');
  // an incomplete Authorization header is quoted in the error, but without its signature
  const incomplete = `AWS4-HMAC-SHA256 Credential=${SESSION.accessKeyId}/20260101/us-east-1/personalize/aws4_request, Signature=${signature}`;
  const message = assertError(await rawRequest(emu.url, { headers: { ...headers, authorization: incomplete, [ADMIN_TOKEN_HEADER]: emu.adminToken }, body }), 'IncompleteSignatureException');
  assert.ok(!message.includes(signature), message);
  assert.match(message, /Signature=<redacted>/);

  const overHttp = ok(await adminCall(emu, 'GET', '/__local-endpoint/requests')).requests;
  for (const log of [emu.requests(), overHttp]) {
    assert.equal(log.length, 3);
    const [good, bad, partial] = log;
    assert.match(good.headers.authorization,
      new RegExp(`^AWS4-HMAC-SHA256 Credential=${SESSION.accessKeyId}/\\d{8}/us-east-1/personalize/aws4_request, SignedHeaders=[a-z0-9;-]*x-amz-security-token[a-z0-9;-]*, Signature=<redacted>$`));
    assert.equal(good.headers['x-amz-security-token'], '<redacted>');
    assert.equal(good.accessKeyId, SESSION.accessKeyId);
    assert.equal(bad.errorType, 'InvalidSignatureException');
    assert.match(bad.signatureDebug.canonicalRequest, /\nx-amz-security-token:<redacted>\n/);
    assert.equal(partial.headers[ADMIN_TOKEN_HEADER], '<redacted>');
    const text = JSON.stringify(log);
    for (const secret of [signature, wrongSignature, SESSION.sessionToken, SESSION.secretAccessKey, emu.adminToken]) {
      assert.ok(!text.includes(secret), `the log holds ${secret}`);
    }
  }
});

test('error messages give the count and the rule, never tag values or event contents', async (t) => {
  const emu = await localEndpointFor(t);
  const secret = `TopSecretTagValue${crypto.randomBytes(6).toString('hex')}`;
  const tags = Array.from({ length: 201 }, (_, i) => ({ tagKey: `k${i}`, tagValue: secret }));
  const tagsMessage = assertError(await call(emu, 'CreateEventTracker', { name: 'tagged', datasetGroupArn: emu.demoDatasetGroupArn, tags }), 'InvalidInputException');
  assert.ok(!tagsMessage.includes(secret), tagsMessage);
  assert.match(tagsMessage, /^1 validation error detected: Value with 201 elements at 'tags' failed to satisfy constraint: Member must have length less than or equal to 200$/);
  const dgMessage = assertError(await call(emu, 'CreateDatasetGroup', { name: 'tagged', tags }), 'InvalidInputException');
  assert.ok(!dgMessage.includes(secret), dgMessage);

  const tracker = await activeTracker(emu);
  const event = { eventType: secret, itemId: secret, sentAt: 1, properties: JSON.stringify({ note: secret }), impression: [secret] };
  const eventsMessage = assertError(await putEvents(emu, { trackingId: tracker.trackingId, sessionId: 's', eventList: Array(11).fill(event) }), 'InvalidInputException');
  assert.ok(!eventsMessage.includes(secret), eventsMessage);
  assert.match(eventsMessage, /Value with 11 elements at 'eventList' failed to satisfy constraint: Member must have length less than or equal to 10/);

  // A body that is not JSON is not quoted back either (V8's messages quote a piece of it).
  for (const rawBody of [secret, `{"trackingId":"t","sessionId":"s","eventList":[{"itemId":${secret}}]}`]) {
    const m = assertError(await putEvents(emu, null, { rawBody }), 'SerializationException');
    assert.ok(!m.includes(secret), m);
    assert.match(m, /^The request body is not valid JSON/);
  }
  assert.equal(emu.events().length, 0);
});

test('SigV4 verification hashes with node:crypto through a smithy Checksum (NodeSha256)', async () => {
  const hex = async (h) => Buffer.from(await h.digest()).toString('hex');
  const plain = new NodeSha256();
  plain.update('a');
  plain.update(new TextEncoder().encode('b'));
  plain.update(new Uint8Array([0x63]).buffer);
  assert.equal(await hex(plain), 'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad', 'SHA-256("abc")');
  plain.reset();
  assert.equal(await hex(plain), 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855', 'after reset(): SHA-256("")');
  const hmac = new NodeSha256('Jefe'); // RFC 4231, test case 2
  hmac.update(new DataView(new TextEncoder().encode('what do ya want for nothing?').buffer));
  assert.equal(await hex(hmac), '5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843');
  // the same bytes as the JavaScript implementation, keyed and not, for random input
  for (let i = 0; i < 20; i++) {
    const key = crypto.randomBytes(i * 7);
    const data = crypto.randomBytes(i * 997);
    for (const secret of [undefined, key]) {
      const ours = new NodeSha256(secret);
      const theirs = new Sha256(secret);
      ours.update(data);
      theirs.update(data);
      assert.equal(await hex(ours), await hex(theirs));
    }
  }

  // verifySigV4 hashes a large body with node:crypto: every byte of it goes through createHash.
  const body = Buffer.alloc(600 * 1024, 0x61);
  const url = 'http://127.0.0.1:9';
  const headers = await signHeaders(url, { body, headers: { 'content-type': 'application/x-amz-json-1.1', 'x-amz-target': 'AmazonPersonalize.ListDatasetGroups' } });
  const real = crypto.createHash;
  let hashed = 0;
  crypto.createHash = function createHash(algorithm, ...rest) {
    const h = real.call(this, algorithm, ...rest);
    if (String(algorithm).toLowerCase() === 'sha256') {
      const update = h.update.bind(h);
      h.update = (data, ...more) => { hashed += Buffer.byteLength(data); return update(data, ...more); };
    }
    return h;
  };
  try {
    const out = await verifySigV4({
      method: 'POST', path: '/', query: '', body,
      headers: Object.fromEntries(Object.entries(headers).map(([k, v]) => [k.toLowerCase(), [v]])),
    }, { now: Date.now(), lookup: (id) => (id === DEMO.accessKeyId ? DEMO : null) });
    assert.equal(out.accessKeyId, DEMO.accessKeyId);
  } finally {
    crypto.createHash = real;
  }
  assert.ok(hashed >= body.length, `node:crypto hashed ${hashed} of ${body.length} body bytes`);
});

/** Sends the request head (and maybe part of a body), and resolves with the raw answer once the server closes. */
function exchange(port, write, timeoutMs = 5000) {
  return new Promise((resolve, reject) => {
    const sock = net.connect(port, '127.0.0.1');
    let data = '';
    const timer = setTimeout(() => { sock.destroy(); reject(new Error(`no answer within ${timeoutMs} ms: ${data.slice(0, 200)}`)); }, timeoutMs);
    sock.on('data', (d) => { data += d.toString('latin1'); });
    sock.on('error', () => {});
    sock.on('close', () => { clearTimeout(timer); resolve(data); });
    write(sock);
  });
}

test('bodies are limited per operation: 1 MiB to CreateEventTracker is refused with 413 unread; a largest valid PutEvents is accepted', async (t) => {
  const emu = await localEndpointFor(t);
  const host = `127.0.0.1:${emu.port}`;
  assert.ok(BODY_LIMITS.CreateEventTracker < 1024 * 1024 && BODY_LIMITS.DescribeEventTracker <= 64 * 1024);
  // Declared: the answer comes although not one byte of the body was sent.
  const declared = await exchange(emu.port, (s) => s.write(`POST / HTTP/1.1\r\nHost: ${host}\r\nContent-Type: application/x-amz-json-1.1\r\n` +
    `X-Amz-Target: AmazonPersonalize.CreateEventTracker\r\nContent-Length: ${1024 * 1024}\r\n\r\n`));
  assert.match(declared, /^HTTP\/1\.1 413 /);
  assert.match(declared, /x-amzn-ErrorType: RequestEntityTooLargeException/i);
  assert.match(declared, /the most CreateEventTracker can validly carry/);
  // Streamed (chunked): refused once the limit is passed, before the client has sent it all.
  const streamed = await exchange(emu.port, (s) => {
    s.write(`POST / HTTP/1.1\r\nHost: ${host}\r\nContent-Type: application/x-amz-json-1.1\r\n` +
      'X-Amz-Target: AmazonPersonalize.CreateEventTracker\r\nTransfer-Encoding: chunked\r\n\r\n');
    const chunk = Buffer.alloc(64 * 1024, 0x20);
    const frame = Buffer.concat([Buffer.from(`${chunk.length.toString(16)}\r\n`), chunk, Buffer.from('\r\n')]);
    for (let i = 0; i < 16 && !s.destroyed; i++) s.write(frame, () => {}); // 1 MiB, never terminated
  });
  assert.match(streamed, /^HTTP\/1\.1 413 /);
  assert.equal(emu.stats().byError.RequestEntityTooLargeException, 2);

  // The largest PutEvents the model allows, written as boto3 / the AWS CLI write it (every
  // non-ASCII character as a \uXXXX escape): accepted, all ten events stored.
  const tracker = await activeTracker(emu);
  const wide = (i, n) => String.fromCharCode(0x4e00 + i).repeat(n); // CJK: 6 bytes each as \uXXXX
  const eventList = Array.from({ length: 10 }, (_, i) => ({
    eventId: wide(i, 256), eventType: wide(i, 256), eventValue: -1.7976931348623157e+308, itemId: wide(i, 256),
    properties: `{"k":"${wide(i, 1024 - 8)}"}`, sentAt: 1732579200.123, recommendationId: wide(i, 40),
    impression: Array.from({ length: 25 }, () => wide(i, 256)), metricAttribution: { eventAttributionSource: '"'.repeat(1024) },
  }));
  const input = { trackingId: tracker.trackingId, userId: wide(20, 256), sessionId: wide(21, 256), eventList };
  const rawBody = JSON.stringify(input).replace(/[\u007f-\uffff]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
  assert.ok(rawBody.length > 500 * 1024, `a large body: ${rawBody.length} bytes`);
  assert.ok(rawBody.length < BODY_LIMITS.PutEvents);
  const r = await putEvents(emu, null, { rawBody });
  assert.equal(r.status, 200, r.text);
  assert.equal(emu.events(tracker.trackingId).length, 10);
  assert.deepEqual(emu.events(tracker.trackingId)[3].event, eventList[3]);
});
