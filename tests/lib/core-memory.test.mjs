// WASM memory discipline and secret hygiene, through the real glue and .wasm (its instance
// captured by tests/helpers/wasm-instance.mjs).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createHmac } from 'node:crypto';

import { wasmInstance } from '../helpers/wasm-instance.mjs';
import { mulberry32 } from '../local-endpoint/runtime/prng.mjs';
const { PersonalizeClient, PersonalizeEventsClient, signRequest } = await import('../../web/lib/personalize.mjs');

const ARN = 'arn:aws:personalize:us-east-1:123456789012:dataset-group/shop';
const OK = '{"eventTrackerArn":"arn:aws:personalize:us-east-1:123456789012:event-tracker/1","trackingId":"tid"}';
const stubFetch = async () => new Response(OK, { status: 200, headers: { 'x-amzn-RequestId': 'r' } });

test('100,000 random signs and builds: linear memory stays flat and every allocation is freed', async () => {
  const rand = mulberry32(42);
  const int = (n) => Math.floor(rand() * n);
  const text = (n) => Array.from({ length: int(n) }, () => String.fromCharCode(32 + int(95))).join('');
  const client = new PersonalizeClient({ region: 'us-east-1', credentials: { accessKeyId: 'AKID', secretAccessKey: 'secret' }, fetch: stubFetch });
  const options = { credentials: { accessKeyId: 'AKID', secretAccessKey: 's', sessionToken: 't' }, region: 'us-east-1', service: 'personalize' };

  const round = async (i) => {
    if (i % 10 === 0) {
      const tags = Array.from({ length: int(5) }, (_, k) => ({ tagKey: `k${k}`, tagValue: text(20).replace(/[^A-Za-z0-9 ]/g, '') }));
      await client.createEventTracker({ datasetGroupArn: ARN, name: `t${i}`, tags });
    } else {
      const headers = Array.from({ length: int(8) }, () => [`x-h${int(5)}`, text(40)]);
      await signRequest({ method: 'POST', path: `/${text(30)}`, query: `a=${int(1000)}&b=${text(5)}`, headers: [['host', 'h'], ...headers], body: text(500) }, options);
    }
  };
  for (let i = 0; i < 1000; i++) await round(i); // warm-up: the heap grows to its working size
  const memory = wasmInstance().exports.memory;
  const pagesAfterWarmUp = memory.buffer.byteLength;
  const heapAfterWarmUp = wasmInstance().exports.pw_heap_in_use();
  for (let i = 1000; i < 100_000; i++) {
    await round(i);
    if (i % 997 === 0) assert.equal(wasmInstance().exports.pw_heap_in_use(), heapAfterWarmUp, `heap in use changed by call ${i}`);
  }
  assert.equal(wasmInstance().exports.pw_heap_in_use(), heapAfterWarmUp);
  assert.equal(memory.buffer.byteLength, pagesAfterWarmUp, 'linear memory grew after warm-up');
  assert.ok(memory.buffer.byteLength <= 1024 * 1024, `linear memory is ${memory.buffer.byteLength} bytes`);
});

function contains(haystack, needle) {
  const bytes = typeof needle === 'string' ? new TextEncoder().encode(needle) : needle;
  return Buffer.from(haystack.buffer, haystack.byteOffset, haystack.byteLength).indexOf(Buffer.from(bytes)) >= 0;
}

const hmac = (key, data) => createHmac('sha256', key).update(data).digest();

test('after calls, no secret key, session token, derived key or tag value is left in linear memory', async () => {
  const secretAccessKey = 'Zq8vTESTsecretKEYvalue/with+Slash0123456789';
  const sessionToken = 'IQoJb3JpZ2luX2VjEXAMPLESESSIONTOKEN////value==';
  const tagValue = 'tag value that is sensitive 7f3a';
  const credentials = { accessKeyId: 'AKIDHYGIENE', secretAccessKey, sessionToken };
  let sent;
  const client = new PersonalizeClient({ region: 'eu-west-1', credentials, fetch: async (url, init) => { sent = init; return stubFetch(); } });
  await client.createEventTracker({ datasetGroupArn: ARN, name: 'hygiene', tags: [{ tagKey: 'k', tagValue }] });
  const events = new PersonalizeEventsClient({ region: 'eu-west-1', credentials, fetch: async () => new Response('', { status: 200 }) });
  await events.putEvents({ trackingId: 'tid', sessionId: 's', userId: 'user-77', eventList: [{ eventType: 'click', sentAt: new Date() }] });
  await signRequest({ method: 'GET', path: '/', headers: { host: 'h' } }, { credentials, region: 'eu-west-1', service: 'personalize' });
  assert.ok(sent.headers.some(([n, v]) => n === 'X-Amz-Security-Token' && v === sessionToken), 'the token was sent');

  const day = new Date().toISOString().slice(0, 10).replaceAll('-', '');
  const kDate = hmac(`AWS4${secretAccessKey}`, day);
  const kRegion = hmac(kDate, 'eu-west-1');
  const kService = hmac(kRegion, 'personalize');
  const kSigning = hmac(kService, 'aws4_request');
  const memory = new Uint8Array(wasmInstance().exports.memory.buffer);
  const secrets = {
    'the secret access key': secretAccessKey,
    'a part of the secret': secretAccessKey.slice(8, 24),
    '"AWS4" + secret': `AWS4${secretAccessKey}`,
    'the session token': sessionToken,
    'a part of the token': sessionToken.slice(10, 30),
    kDate, kRegion, kService, kSigning,
    'the tag value': tagValue,
    'the user id': 'user-77',
  };
  for (const [what, bytes] of Object.entries(secrets)) assert.ok(!contains(memory, bytes), `${what} is still in WASM memory`);
  // The check can fail: a value the module keeps on purpose is found.
  assert.ok(contains(memory, 'application/x-amz-json-1.1'), 'the scan sees the module\'s own strings');
});

test('a tag value read from a response is wiped from linear memory, all of it even after a \\u0000', async () => {
  const tail = 'TAILofSENSITIVEtagVALUE9c2e';
  const body = `{"tags":[{"tagKey":"k","tagValue":"head\\u0000${tail}"},{"tagKey":"k2","tagValue":"plainSENSITIVEvalue41d0"}]}`;
  const client = new PersonalizeClient({ region: 'eu-west-1', credentials: { accessKeyId: 'AKID', secretAccessKey: 'S' }, loadFromEnvironment: false,
    fetch: async () => new Response(body, { status: 200 }) });
  const out = await client.listTagsForResource({ resourceArn: 'arn:aws:personalize:us-east-1:123456789012:event-tracker/t' });
  assert.equal(out.tags[0].tagValue, `head\u0000${tail}`, 'the caller gets the whole value');
  const memory = new Uint8Array(wasmInstance().exports.memory.buffer);
  assert.ok(!contains(memory, tail), 'the part after the NUL is still in WASM memory');
  assert.ok(!contains(memory, 'plainSENSITIVEvalue41d0'), 'a plain tag value is still in WASM memory');
});

test('errors never carry the secret access key or session token', async () => {
  const credentials = { accessKeyId: 'AKID', secretAccessKey: 'SeCrEtKeY-do-not-leak', sessionToken: 'ToKeN-do-not-leak' };
  const failures = [];
  const client = new PersonalizeClient({ region: 'us-east-1', credentials, fetch: async () => new Response('{"__type":"InvalidSignatureException","message":"bad"}', { status: 400 }) });
  await client.createEventTracker({ datasetGroupArn: ARN, name: 'n' }).catch((e) => failures.push(e));
  await client.createEventTracker({ datasetGroupArn: 'bad', name: '' }).catch((e) => failures.push(e));
  await new PersonalizeClient({ credentials }).createEventTracker({ datasetGroupArn: ARN, name: 'n' }).catch((e) => failures.push(e));
  await new PersonalizeClient({ region: 'us-east-1', credentials, fetch: async () => { throw new TypeError('fetch failed'); }, maxAttempts: 1 })
    .createEventTracker({ datasetGroupArn: ARN, name: 'n' }).catch((e) => failures.push(e));
  assert.equal(failures.length, 4);
  for (const err of failures) {
    const seen = JSON.stringify({ name: err.name, message: err.message, stack: err.stack, ...err });
    assert.ok(!seen.includes('SeCrEtKeY') && !seen.includes('ToKeN-do-not'), `${err.name} leaks a secret`);
  }
});

/** The SHA-256 chaining value after one 64-byte block, big-endian: what BearSSL keeps as an HMAC
 * key's inner state (br_hmac_key_context.ksi) for the block (key XOR 0x36...). */
function sha256StateAfterBlock(block) {
  const K = [];
  const primes = [];
  for (let n = 2; primes.length < 64; n++) if (primes.every((p) => n % p)) primes.push(n);
  for (const p of primes) K.push((Math.cbrt(p) % 1) * 2 ** 32 >>> 0);
  const H = primes.slice(0, 8).map((p) => (Math.sqrt(p) % 1) * 2 ** 32 >>> 0);
  const rotr = (x, n) => (x >>> n) | (x << (32 - n));
  const w = new Uint32Array(64);
  for (let i = 0; i < 16; i++) w[i] = (block[4 * i] << 24) | (block[4 * i + 1] << 16) | (block[4 * i + 2] << 8) | block[4 * i + 3];
  for (let i = 16; i < 64; i++) {
    const s0 = rotr(w[i - 15], 7) ^ rotr(w[i - 15], 18) ^ (w[i - 15] >>> 3);
    const s1 = rotr(w[i - 2], 17) ^ rotr(w[i - 2], 19) ^ (w[i - 2] >>> 10);
    w[i] = (w[i - 16] + s0 + w[i - 7] + s1) >>> 0;
  }
  let [a, b, c, d, e, f, g, h] = H;
  for (let i = 0; i < 64; i++) {
    const t1 = (h + (rotr(e, 6) ^ rotr(e, 11) ^ rotr(e, 25)) + ((e & f) ^ (~e & g)) + K[i] + w[i]) >>> 0;
    const t2 = ((rotr(a, 2) ^ rotr(a, 13) ^ rotr(a, 22)) + ((a & b) ^ (a & c) ^ (b & c))) >>> 0;
    [h, g, f, e, d, c, b, a] = [g, f, e, (d + t1) >>> 0, c, b, a, (t1 + t2) >>> 0];
  }
  const out = Buffer.alloc(32);
  [a, b, c, d, e, f, g, h].forEach((v, i) => out.writeUInt32BE((v + H[i]) >>> 0, 4 * i));
  return out;
}

test('the cached signing key lives only as long as its day', async () => {
  const credentials = { accessKeyId: 'AKIDDAY', secretAccessKey: 'day-cache-secret-0123456789abcdefghij' };
  const sign = (date) => signRequest({ method: 'GET', path: '/', headers: { host: 'h' } }, { credentials, region: 'ap-south-1', service: 'personalize', date });
  const cachedState = (day) => {
    const kSigning = hmac(hmac(hmac(hmac(`AWS4${credentials.secretAccessKey}`, day), 'ap-south-1'), 'personalize'), 'aws4_request');
    const block = Buffer.alloc(64, 0x36);
    for (let i = 0; i < 32; i++) block[i] ^= kSigning[i];
    return sha256StateAfterBlock(block);
  };
  await sign(new Date('2026-01-01T10:00:00Z'));
  const memory = () => new Uint8Array(wasmInstance().exports.memory.buffer);
  assert.ok(contains(memory(), cachedState('20260101')), 'the day key is cached (as its HMAC state) while the day lasts');
  await sign(new Date('2026-01-02T00:00:01Z'));
  assert.ok(!contains(memory(), cachedState('20260101')), 'the previous day\'s key state is wiped');
  assert.ok(contains(memory(), cachedState('20260102')), 'the new day\'s key is cached');
  wasmInstance().exports.pw_clear_key_cache();
  assert.ok(!contains(memory(), cachedState('20260102')), 'clearing the cache wipes it');
});
