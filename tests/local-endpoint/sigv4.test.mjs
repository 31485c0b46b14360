// The local endpoint's SigV4 verification (runtime/sigv4.mjs): missing, unknown, wrong or tampered
// signatures, accounts per key pair, session tokens, the five-minute window, and the AWS SigV4
// conformance vectors.
import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { startLocalEndpoint, verifySigV4, ApiError } from './runtime/server.mjs';
import { rawRequest, call, adminCall, ok, assertError } from './wire.mjs';
import { DEMO, emu, uniq, useMainEndpoint } from './main-endpoint.mjs';

const HERE = path.dirname(fileURLToPath(import.meta.url));

describe('local endpoint authentication (in-process, admin on)', () => {
  useMainEndpoint();

  test('authentication: missing, unknown key, wrong secret, tampered body or header, wrong service, session tokens', async () => {
    const body = JSON.stringify({});
    const missing = await rawRequest(emu.url, {
      headers: { 'content-type': 'application/x-amz-json-1.1', 'x-amz-target': 'AmazonPersonalize.ListEventTrackers', 'content-length': '2' }, body,
    });
    assert.equal(assertError(missing, 'MissingAuthenticationTokenException'), 'Missing Authentication Token');

    const badToken = 'The security token included in the request is invalid.';
    const badSig = 'The request signature we calculated does not match the signature you provided. Check your AWS Secret Access Key and signing method. Consult the service documentation for details.';
    assert.equal(assertError(await call(emu, 'ListEventTrackers', {}, { creds: { accessKeyId: 'AKIAUNKNOWNKEY000000', secretAccessKey: 'x' } }), 'UnrecognizedClientException'), badToken);
    assert.equal(assertError(await call(emu, 'ListEventTrackers', {}, { creds: { ...DEMO, secretAccessKey: 'wrong' } }), 'InvalidSignatureException'), badSig);
    assert.equal(assertError(await call(emu, 'ListEventTrackers', {}, { service: 'personalize-events' }), 'InvalidSignatureException'),
      "Credential should be scoped to correct service: 'personalize'. ");

    // the body was changed after signing (same length, so only the signature can tell)
    const tampered = await call(emu, 'CreateDatasetGroup', { name: 'aaaa' }, {
      tamper: (headers, b) => ({ headers, body: b.replace('aaaa', 'bbbb') }),
    });
    assert.equal(assertError(tampered, 'InvalidSignatureException'), badSig);
    // a signed header was changed after signing
    const retargeted = await call(emu, 'ListEventTrackers', {}, {
      tamper: (headers, b) => ({ headers: { ...headers, 'x-amz-target': 'AmazonPersonalize.ListDatasetGroups' }, body: b }),
    });
    assertError(retargeted, 'InvalidSignatureException');
    // the local endpoint keeps the canonical request it expected, for debugging signers
    const last = (await adminCall(emu, 'GET', '/__local-endpoint/requests')).json.requests.at(-1);
    assert.equal(last.errorType, 'InvalidSignatureException');
    assert.match(last.signatureDebug.canonicalRequest, /^POST\n\/\n\n/);

    // session credentials
    const session = { accessKeyId: 'ASIASESSIONKEY000001', secretAccessKey: 'session-secret', sessionToken: 'session-token-value' };
    ok(await call(emu, 'ListEventTrackers', {}, { creds: session }));
    assert.equal(assertError(await call(emu, 'ListEventTrackers', {}, { creds: { ...session, sessionToken: 'other-token' } }), 'UnrecognizedClientException'), badToken);
    const { sessionToken, ...noToken } = session; // eslint-disable-line no-unused-vars
    assertError(await call(emu, 'ListEventTrackers', {}, { creds: noToken }), 'UnrecognizedClientException');
    assertError(await call(emu, 'ListEventTrackers', {}, { creds: { ...DEMO, sessionToken: 'unexpected' } }), 'UnrecognizedClientException');
  });

  test('each key pair acts in its own account', async () => {
    const other = { accessKeyId: 'AKIDOTHERACCOUNT0001', secretAccessKey: 'other-secret' };
    const { datasetGroupArn } = ok(await call(emu, 'CreateDatasetGroup', { name: uniq('acct') }, { creds: other, region: 'eu-central-1' }));
    assert.match(datasetGroupArn, /^arn:aws:personalize:eu-central-1:210987654321:dataset-group\//);
    assertError(await call(emu, 'DescribeDatasetGroup', { datasetGroupArn }, { region: 'eu-central-1' }), 'ResourceNotFoundException');
    // partitions follow the region
    const cn = ok(await call(emu, 'CreateDatasetGroup', { name: uniq('cn') }, { region: 'cn-north-1' }));
    assert.match(cn.datasetGroupArn, /^arn:aws-cn:personalize:cn-north-1:/);
  });
});

test('expired signature: AWS message and the server Date header', async (t) => {
  const fixed = Date.UTC(2026, 0, 1, 0, 10, 0);
  const emu = await startLocalEndpoint({ stepMs: 5, demo: false, now: () => fixed });
  t.after(() => emu.close());
  const r = await call(emu, 'ListEventTrackers', {}, { date: new Date(Date.UTC(2026, 0, 1, 0, 0, 0)) });
  assert.equal(assertError(r, 'InvalidSignatureException'),
    'Signature expired: 20260101T000000Z is now earlier than 20260101T000500Z (20260101T001000Z - 5 min.)');
  assert.equal(r.headers.date, 'Thu, 01 Jan 2026 00:10:00 GMT');
  const future = await call(emu, 'ListEventTrackers', {}, { date: new Date(Date.UTC(2026, 0, 1, 0, 20, 0)) });
  assert.equal(assertError(future, 'InvalidSignatureException'),
    'Signature not yet current: 20260101T002000Z is still later than 20260101T001500Z (20260101T001000Z + 5 min.)');
  // within five minutes is fine
  ok(await call(emu, 'ListEventTrackers', {}, { date: new Date(Date.UTC(2026, 0, 1, 0, 6, 0)) }));
});

test('the SigV4 verifier passes the AWS SigV4 conformance vectors', async () => {
  // Required, as for the C unit tests and tests/lib/sigv4-suite.mjs: a missing suite fails, never skips.
  const suite = path.resolve(HERE, '../../../shared/sigv4-test-suite/v4');
  assert.ok(fs.existsSync(suite), `the SigV4 test suite is missing: expected it at ${suite}`);
  let checked = 0;
  for (const name of fs.readdirSync(suite).sort()) {
    const dir = path.join(suite, name);
    const signedFile = path.join(dir, 'header-signed-request.txt');
    if (!fs.existsSync(signedFile)) continue;
    const ctx = JSON.parse(fs.readFileSync(path.join(dir, 'context.json'), 'utf8'));
    if (ctx.normalize === false) continue; // the local endpoint normalizes paths like every non-S3 service
    const raw = fs.readFileSync(signedFile, 'utf8');
    const [head, ...rest] = raw.split('\n\n');
    const lines = head.split('\n');
    // request line: METHOD SP path (may hold spaces in these vectors) SP HTTP/1.1
    const method = lines[0].slice(0, lines[0].indexOf(' '));
    const target = lines[0].slice(method.length + 1, lines[0].lastIndexOf(' HTTP/'));
    const headers = {};
    let last;
    for (const line of lines.slice(1)) {
      if (/^\s/.test(line) && last) {
        const arr = headers[last];
        arr[arr.length - 1] += ` ${line.trim()}`;
        continue;
      }
      const i = line.indexOf(':');
      last = line.slice(0, i).toLowerCase();
      (headers[last] ??= []).push(line.slice(i + 1));
    }
    const q = target.indexOf('?');
    const now = Date.parse(ctx.timestamp);
    const creds = ctx.credentials;
    const result = await verifySigV4({
      method, path: q < 0 ? target : target.slice(0, q), query: q < 0 ? '' : target.slice(q + 1),
      headers, body: Buffer.from(rest.join('\n\n')),
    }, {
      now, service: ctx.service,
      lookup: (id) => (id === creds.access_key_id ? { secretAccessKey: creds.secret_access_key, sessionToken: creds.token } : null),
    });
    assert.equal(result.accessKeyId, creds.access_key_id, name);
    // and one flipped character in the signature is rejected
    const auth = headers.authorization[0];
    const flipped = auth.slice(0, -1) + (auth.endsWith('0') ? '1' : '0');
    await assert.rejects(verifySigV4({
      method, path: q < 0 ? target : target.slice(0, q), query: q < 0 ? '' : target.slice(q + 1),
      headers: { ...headers, authorization: [flipped] }, body: Buffer.from(rest.join('\n\n')),
    }, { now, service: ctx.service, lookup: () => ({ secretAccessKey: creds.secret_access_key, sessionToken: creds.token }) }),
    (e) => e instanceof ApiError && e.type === 'InvalidSignatureException', name);
    checked++;
  }
  assert.ok(checked >= 20, `checked ${checked} vectors`);
});
