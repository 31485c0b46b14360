// The clients (web/lib/src/clients.mjs, over the glue and personalize.wasm) from Node.js against the
// local Personalize endpoint (tests/local-endpoint/runtime/server.mjs): successes, every modelled
// error, authentication failures. (Lifecycles, waiters, paging: tests/lib/clients-lifecycle.test.mjs.)
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { signRequest, parseResponse } from '../../web/lib/personalize.mjs';
import {
  DEMO, REGION, ACCOUNT, UUID_RE, assertServiceError, startTestEndpoint, localEndpointFor, client, uniqueName, activeDatasetGroup, rejection,
} from '../helpers/local-endpoint.mjs';

const SESSION = { accessKeyId: 'ASIAE2ESESSIONKEY001', secretAccessKey: 'e2e/session/secret/key/0000000000000000', sessionToken: 'FwoGZXIvYXdzE2ETOKEN//e2e+token=' };

let env; // the shared endpoint (real clock, 10 ms steps)
let pc; // a client of it with the demo credentials

before(async () => {
  env = await startTestEndpoint({ stepMs: 10, credentials: [SESSION] });
  pc = client(env.url);
});
after(() => env?.close());

/** The local endpoint's log entry for a request id (proves the id is the one the endpoint sent). */
async function logged(e, requestId) {
  const entry = (await e.requests()).find((r) => r.requestId === requestId);
  assert.ok(entry, `request ${requestId} is not in the endpoint's log`);
  return entry;
}

/** Signs a control-plane request with the glue's signRequest; returns what fetch needs. */
async function signed(url, operation, body, { credentials = DEMO, region = REGION } = {}) {
  const host = new URL(url).host;
  const out = await signRequest({
    method: 'POST',
    path: '/',
    headers: { host, 'content-type': 'application/x-amz-json-1.1', 'x-amz-target': `AmazonPersonalize.${operation}` },
    body,
  }, { credentials, region, service: 'personalize' });
  return out.headers.filter(([n]) => n.toLowerCase() !== 'host');
}

async function send(url, headers, body) {
  const res = await fetch(url, { method: 'POST', headers, body });
  return { status: res.status, headers: res.headers, body: new Uint8Array(await res.arrayBuffer()) };
}

// ---- success paths -------------------------------------------------------------------------------

test('CreateEventTracker without tags returns the ARN and trackingId the endpoint stored', async () => {
  const datasetGroupArn = await activeDatasetGroup(pc);
  const name = uniqueName('plain');
  const out = await pc.createEventTracker({ datasetGroupArn, name });
  assert.match(out.eventTrackerArn, new RegExp(`^arn:aws:personalize:${REGION}:${ACCOUNT}:event-tracker/[0-9a-f]{8}$`));
  assert.match(out.trackingId, UUID_RE);
  assert.equal(out.$metadata.httpStatusCode, 200);
  assert.equal(out.$metadata.attempts, 1);
  assert.equal(out.$metadata.totalRetryDelay, 0);
  await logged(env, out.$metadata.requestId);
  const stored = (await env.state()).eventTrackers.find((t) => t.eventTrackerArn === out.eventTrackerArn);
  assert.equal(stored.name, name);
  assert.equal(stored.trackingId, out.trackingId);
  assert.equal(stored.datasetGroupArn, datasetGroupArn);
  assert.deepEqual(stored.tags, []);
});

test('CreateEventTracker with tags stores every tag as sent', async () => {
  const datasetGroupArn = await activeDatasetGroup(pc);
  const tags = [{ tagKey: 'team', tagValue: 'growth' }, { tagKey: 'café clé', tagValue: '' }, { tagKey: 'a.b:c/d=e+f-g@h_i', tagValue: 'v 1' }];
  const out = await pc.createEventTracker({ datasetGroupArn, name: uniqueName('tagged'), tags });
  const stored = (await env.state()).eventTrackers.find((t) => t.eventTrackerArn === out.eventTrackerArn);
  assert.deepEqual(stored.tags, tags);
});

test('a session token is sent and accepted; a wrong one is UnrecognizedClientException', async () => {
  const sc = client(env.url, { credentials: SESSION });
  const datasetGroupArn = await activeDatasetGroup(sc);
  const out = await sc.createEventTracker({ datasetGroupArn, name: uniqueName('session') });
  assert.match(out.trackingId, UUID_RE);
  const entry = await logged(env, out.$metadata.requestId);
  assert.equal(entry.accessKeyId, SESSION.accessKeyId);
  assert.equal(entry.headers['x-amz-security-token'], '<redacted>', 'sent (the endpoint checked it), and kept out of its log');
  assert.match(sc.lastRequest.headers.find(([n]) => n.toLowerCase() === 'authorization')[1], /SignedHeaders=[^,]*x-amz-security-token/);

  const wrong = client(env.url, { credentials: { ...SESSION, sessionToken: 'not-the-token' } });
  const err = await rejection(wrong.listEventTrackers());
  assertServiceError(err, 'UnrecognizedClientException', { message: /security token included in the request is invalid/ });
  assert.equal(err.$metadata.attempts, 1);
});

test('a credentials provider function is called and its keys are used', async () => {
  let calls = 0;
  const c = client(env.url, { credentials: async () => { calls++; return SESSION; } });
  const out = await c.listEventTrackers({ maxResults: 1 });
  assert.ok(calls >= 1);
  assert.equal((await logged(env, out.$metadata.requestId)).accessKeyId, SESSION.accessKeyId);
});

// ---- modelled errors -------------------------------------------------------------------------------

test('an unknown dataset group is ResourceNotFoundException with message, fault and request id', async () => {
  const missing = `arn:aws:personalize:${REGION}:${ACCOUNT}:dataset-group/${uniqueName('missing')}`;
  const err = await rejection(pc.createEventTracker({ datasetGroupArn: missing, name: uniqueName('t') }));
  assertServiceError(err, 'ResourceNotFoundException', { message: new RegExp(missing) });
  assert.equal(err.$metadata.attempts, 1, 'a 4xx is not retried');
  const entry = await logged(env, err.$metadata.requestId);
  assert.equal(entry.errorType, 'ResourceNotFoundException');

  const err2 = await rejection(pc.describeEventTracker({ eventTrackerArn: `arn:aws:personalize:${REGION}:${ACCOUNT}:event-tracker/00000000` }));
  assertServiceError(err2, 'ResourceNotFoundException');
});

test('a tracker name already taken is ResourceAlreadyExistsException', async () => {
  const name = uniqueName('dup');
  await pc.createEventTracker({ datasetGroupArn: await activeDatasetGroup(pc), name });
  const err = await rejection(pc.createEventTracker({ datasetGroupArn: await activeDatasetGroup(pc), name }));
  assertServiceError(err, 'ResourceAlreadyExistsException', { message: new RegExp(name) });
});

test('a second tracker for the same dataset group is ResourceAlreadyExistsException', async () => {
  const datasetGroupArn = await activeDatasetGroup(pc);
  const first = await pc.createEventTracker({ datasetGroupArn, name: uniqueName('one') });
  const err = await rejection(pc.createEventTracker({ datasetGroupArn, name: uniqueName('two') }));
  assertServiceError(err, 'ResourceAlreadyExistsException', { message: /only one event tracker/ });
  assert.ok(err.message.includes(first.eventTrackerArn));
  const { eventTrackers } = await pc.listEventTrackers({ datasetGroupArn });
  assert.deepEqual(eventTrackers.map((t) => t.eventTrackerArn), [first.eventTrackerArn]);
});

test('a tracker on a dataset group that is not ACTIVE yet is ResourceInUseException; so is deleting a CREATE PENDING tracker', async (t) => {
  const m = await localEndpointFor(t, { manualClock: true, stepMs: 1000 });
  const c = client(m.url);
  const { datasetGroupArn } = await c.createDatasetGroup({ name: uniqueName('young') });
  const err = await rejection(c.createEventTracker({ datasetGroupArn, name: uniqueName('early') }));
  assertServiceError(err, 'ResourceInUseException', { message: /CREATE PENDING/ });

  m.advance(1000); // the dataset group is ACTIVE now
  const { eventTrackerArn } = await c.createEventTracker({ datasetGroupArn, name: uniqueName('pending') });
  const err2 = await rejection(c.deleteEventTracker({ eventTrackerArn }));
  assertServiceError(err2, 'ResourceInUseException', { message: /CREATE PENDING/ });
  assert.equal((await c.describeEventTracker({ eventTrackerArn })).eventTracker.status, 'CREATE PENDING', 'the refused delete changed nothing');
});

test('InvalidInputException from the endpoint: a tag key the client refuses, sent with signRequest + fetch', async () => {
  const body = JSON.stringify({ datasetGroupArn: env.demoDatasetGroupArn, name: uniqueName('bad'), tags: [{ tagKey: 'a!b', tagValue: 'v' }] });
  // The client refuses it itself ...
  const local = await rejection(pc.createEventTracker(JSON.parse(body)));
  assert.equal(local.name, 'ValidationError');
  // ... so it goes out signed by hand, and the endpoint's answer is parsed by the glue.
  const res = await send(env.url, await signed(env.url, 'CreateEventTracker', body), body);
  assert.equal(res.status, 400);
  const err = await rejection(parseResponse('CreateEventTracker', res));
  assertServiceError(err, 'InvalidInputException', { message: /^1 validation error detected: Value at 'tags\.1\.member\.tagKey' failed to satisfy constraint: Member must satisfy regular expression pattern/ });
  assert.ok(!err.message.includes('a!b'), 'a sensitive tag key is not echoed');
  assert.equal(err.$metadata.requestId, res.headers.get('x-amzn-requestid'));

  // Several failures: 'N validation errors detected: ...; ...'
  const body2 = JSON.stringify({ datasetGroupArn: 'not-an-arn', name: '-bad' });
  const res2 = await send(env.url, await signed(env.url, 'CreateEventTracker', body2), body2);
  const err2 = await rejection(parseResponse('CreateEventTracker', res2));
  assertServiceError(err2, 'InvalidInputException', { message: /^2 validation errors detected: Value '-bad' at 'name'.*; Value 'not-an-arn' at 'datasetGroupArn'/ });
});

test('51 tags pass the client (limit 200) and the endpoint answers TooManyTagsException', async () => {
  const tags = Array.from({ length: 51 }, (_, i) => ({ tagKey: `k${i}`, tagValue: `v${i}` }));
  const datasetGroupArn = await activeDatasetGroup(pc);
  const before = (await env.stats()).byOperation.CreateEventTracker ?? 0;
  const err = await rejection(pc.createEventTracker({ datasetGroupArn, name: uniqueName('tags'), tags }));
  assertServiceError(err, 'TooManyTagsException', { message: /51/ });
  assert.equal((await env.stats()).byOperation.CreateEventTracker, before + 1, 'the request reached the endpoint');
  // 50 are fine.
  const ok = await pc.createEventTracker({ datasetGroupArn, name: uniqueName('tags'), tags: tags.slice(0, 50) });
  assert.match(ok.trackingId, UUID_RE);
});

test('a bogus nextToken is InvalidNextTokenException', async () => {
  const err = await rejection(pc.listEventTrackers({ nextToken: 'bm90LWEtdG9rZW4' }));
  assertServiceError(err, 'InvalidNextTokenException', { message: /nextToken/ });
  const err2 = await rejection(pc.listDatasetGroups({ nextToken: 'garbage' }));
  assertServiceError(err2, 'InvalidNextTokenException');
});

test('a ValidationError sends nothing to the endpoint', async () => {
  const before = await env.stats();
  const cases = [
    () => pc.createEventTracker({ datasetGroupArn: env.demoDatasetGroupArn, name: 'bad name!' }),
    () => pc.createEventTracker({ datasetGroupArn: 'arn:aws:s3:::bucket', name: 'ok' }),
    () => pc.createEventTracker({ datasetGroupArn: env.demoDatasetGroupArn, name: 'x'.repeat(64) }),
    () => pc.createEventTracker({ datasetGroupArn: env.demoDatasetGroupArn, name: 'ok', tags: Array.from({ length: 201 }, (_, i) => ({ tagKey: `k${i}`, tagValue: '' })) }),
    () => pc.listEventTrackers({ maxResults: 0 }),
    () => pc.describeEventTracker({}),
  ];
  for (const call of cases) {
    const err = await rejection(call);
    assert.equal(err.name, 'ValidationError', err.message);
    assert.ok(Array.isArray(err.errors) && err.errors.length > 0);
  }
  const afterStats = await env.stats();
  assert.equal(afterStats.total, before.total, 'the endpoint received a request');
});

// ---- authentication --------------------------------------------------------------------------------

test('a wrong secret key is InvalidSignatureException, not retried', async () => {
  const c = client(env.url, { credentials: { accessKeyId: DEMO.accessKeyId, secretAccessKey: `${DEMO.secretAccessKey}x` } });
  const err = await rejection(c.listEventTrackers());
  assertServiceError(err, 'InvalidSignatureException', { message: /^The request signature we calculated does not match/ });
  assert.equal(err.$metadata.attempts, 1);
  assert.equal(c.systemClockOffset, 0, 'the clock is not "corrected" when it was right');
  const entry = await logged(env, err.$metadata.requestId);
  assert.ok(entry.signatureDebug?.canonicalRequest, 'the endpoint recorded what it expected');
});

test('an unknown access key is UnrecognizedClientException', async () => {
  const c = client(env.url, { credentials: { accessKeyId: 'AKIAUNKNOWNKEY000000', secretAccessKey: DEMO.secretAccessKey } });
  const err = await rejection(c.listDatasetGroups());
  assertServiceError(err, 'UnrecognizedClientException', { message: /^The security token included in the request is invalid\.$/ });
});

test('an unsigned request (plain fetch) is MissingAuthenticationTokenException', async () => {
  const res = await send(env.url, { 'content-type': 'application/x-amz-json-1.1', 'x-amz-target': 'AmazonPersonalize.ListEventTrackers' }, '{}');
  assert.equal(res.status, 400);
  const err = await rejection(parseResponse('ListEventTrackers', res));
  assertServiceError(err, 'MissingAuthenticationTokenException', { message: /^Missing Authentication Token$/ });
});

test('a body changed after signing is InvalidSignatureException', async () => {
  const body = JSON.stringify({ datasetGroupArn: env.demoDatasetGroupArn, maxResults: 10 });
  const headers = await signed(env.url, 'ListEventTrackers', body);
  // The untouched request is accepted (so the signature itself was right) ...
  const good = await send(env.url, headers, body);
  assert.equal(good.status, 200, new TextDecoder().decode(good.body));
  const out = await parseResponse('ListEventTrackers', good);
  assert.ok(Array.isArray(out.eventTrackers));
  // ... and the same headers with another body (same length, one digit changed) are not.
  const tampered = body.replace('"maxResults":10', '"maxResults":99');
  assert.equal(tampered.length, body.length);
  assert.notEqual(tampered, body);
  const res = await send(env.url, headers, tampered);
  const err = await rejection(parseResponse('ListEventTrackers', res));
  assertServiceError(err, 'InvalidSignatureException', { message: /signature we calculated does not match/ });
});
