// Differential tests against AWS's own clients (dev dependencies, never shipped):
// - @aws-sdk/client-personalize: same input → same JSON body; the SDK's exact request (method,
//   path, headers, body, time) → the SDK's exact Authorization from our signer;
// - @smithy/signature-v4 with @aws-crypto/sha256-js: 1,000 random requests signed identically.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { PersonalizeClient as SdkClient, CreateEventTrackerCommand } from '@aws-sdk/client-personalize';
import { SignatureV4 } from '@smithy/signature-v4';
import { Sha256 } from '@aws-crypto/sha256-js';
import { PersonalizeClient, signRequest } from '../../web/lib/personalize.mjs';
import { mulberry32 } from '../local-endpoint/runtime/prng.mjs';

process.env.AWS_SDK_JS_SUPPRESS_NODE_DEPRECATION_WARNING = '1';

const ARN = 'arn:aws:personalize:us-east-1:123456789012:dataset-group/shop';
const CREDENTIALS = [
  { accessKeyId: 'AKIDEXAMPLE', secretAccessKey: 'wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY' },
  { accessKeyId: 'ASIAEXAMPLE', secretAccessKey: 'c2VjcmV0IHdpdGggc2Vzc2lvbg', sessionToken: 'FwoGZXIvYXdzEBYaDHVzZXItdG9rZW4iLCJ+/=' },
];
const INPUTS = [
  { datasetGroupArn: ARN, name: 'tracker-1' },
  { datasetGroupArn: ARN, name: 'a', tags: [] },
  { datasetGroupArn: ARN, name: 'T_9-x', tags: [{ tagKey: 'team', tagValue: 'recs' }, { tagKey: 'ünïcödé 日本 ٣', tagValue: '' }] },
  { datasetGroupArn: 'arn:aws-cn:personalize:cn-north-1:123456789012:dataset-group/a:b', name: 'x'.repeat(63), tags: [{ tagKey: 'k\u3000k', tagValue: 'a@b.c/d=e+f-g:h_i' }] },
];

const OK_BODY = '{"eventTrackerArn":"arn:aws:personalize:us-east-1:123456789012:event-tracker/abc","trackingId":"t-1"}';

async function sdkRequest(input, credentials, region = 'us-east-1') {
  let captured;
  const sdk = new SdkClient({
    region,
    credentials,
    requestHandler: {
      handle: async (request) => {
        captured = request;
        return { response: { statusCode: 200, headers: { 'content-type': 'application/x-amz-json-1.1' }, body: new TextEncoder().encode(OK_BODY) } };
      },
    },
  });
  await sdk.send(new CreateEventTrackerCommand(structuredClone(input)));
  return captured;
}

async function ourRequest(input, credentials, region = 'us-east-1') {
  let captured;
  const client = new PersonalizeClient({
    region,
    credentials,
    fetch: async (url, init) => {
      captured = { url, ...init };
      return new Response(OK_BODY, { status: 200, headers: { 'x-amzn-RequestId': 'req-1' } });
    },
  });
  const out = await client.createEventTracker(input);
  assert.equal(out.trackingId, 't-1');
  return captured;
}

const bodyText = (body) => (typeof body === 'string' ? body : new TextDecoder().decode(body));

for (const [i, input] of INPUTS.entries()) {
  for (const credentials of CREDENTIALS) {
    const label = `input ${i}${credentials.sessionToken ? ' with a session token' : ''}`;

    test(`CreateEventTracker body is byte-identical to the AWS SDK's (${label})`, async () => {
      const sdk = await sdkRequest(input, credentials);
      const ours = await ourRequest(input, credentials);
      assert.equal(ours.body, bodyText(sdk.body));
      assert.deepEqual(JSON.parse(ours.body), JSON.parse(bodyText(sdk.body)));
      assert.equal(ours.url, `https://${sdk.hostname}${sdk.path}`);
      const sent = Object.fromEntries(ours.headers.map(([n, v]) => [n.toLowerCase(), v]));
      assert.equal(sent['x-amz-target'], sdk.headers['x-amz-target']);
      assert.equal(sent['content-type'], sdk.headers['content-type']);
      assert.equal(sent['x-amz-security-token'], credentials.sessionToken);
    });

    test(`our signer reproduces the AWS SDK's exact Authorization (${label})`, async () => {
      const sdk = await sdkRequest(input, credentials, i % 2 ? 'eu-west-1' : 'us-east-1');
      const { authorization, ...headers } = sdk.headers;
      const date = /^(\d{4})(\d\d)(\d\d)T(\d\d)(\d\d)(\d\d)Z$/.exec(headers['x-amz-date']);
      const out = await signRequest(
        { method: sdk.method, path: sdk.path, query: '', headers, body: sdk.body },
        {
          credentials,
          region: i % 2 ? 'eu-west-1' : 'us-east-1',
          service: 'personalize',
          date: new Date(Date.UTC(+date[1], date[2] - 1, +date[3], +date[4], +date[5], +date[6])),
        },
      );
      assert.equal(out.authorization, authorization);
    });
  }
}

// ---- 1,000 random requests against @smithy/signature-v4 --------------------------------------

function randomRequest(rand) {
  const pick = (list) => list[Math.floor(rand() * list.length)];
  const int = (n) => Math.floor(rand() * n);
  const word = (alphabet, max) => Array.from({ length: 1 + int(max) }, () => pick(alphabet)).join('');

  const pathChars = ['a', 'b', 'Z', '0', '-', '_', '.', '~', ' ', '%20', '+', '!', '*', "'", '(', ')', '@', ':', '=', '&', '$', ',', ';', 'é', '日', '€', '%41'];
  const segments = Array.from({ length: int(6) }, () => pick(['', '.', '..', word(pathChars, 6), word(pathChars, 3)]));
  const path = '/' + segments.join('/') + (rand() < 0.3 ? '/' : '');

  const queryChars = ['a', 'B', '1', '-', '_', '.', '~', ' ', '%20', '%2B', '%7E', '%41', '%E2%82%AC', '€', 'ü', '!', '*', '(', ')', ',', ':', '@', '/', '?', '%25'];
  const names = Array.from({ length: 1 + int(3) }, () => word(queryChars, 5));
  const params = Array.from({ length: int(6) }, () => [pick(names), rand() < 0.15 ? null : rand() < 0.2 ? '' : word(queryChars, 8)]);
  const query = params.map(([n, v]) => (v === null ? n : `${n}=${v}`)).join('&');

  const headerNames = ['X-Amz-Meta-Color', 'content-type', 'X-Custom', 'x-b', 'My-Header', 'Accept', 'x-amz-user-agent', 'User-Agent', 'X-Amzn-Trace-Id', 'Sec-Fetch-Mode', 'Proxy-Authorization', 'Connection', 'Expect', 'x-amz-target'];
  const valueChars = ['a', 'b', 'Z', '1', ' ', '  ', '\t', '/', ';', '=', ',', '"', '(', ')', 'x y'];
  const headers = [['Host', pick(['example.amazonaws.com', 'personalize.us-east-1.amazonaws.com', '127.0.0.1:8080'])]];
  for (let k = int(8); k > 0; k--) {
    const value = (rand() < 0.5 ? ' ' : '') + word(valueChars, 10) + (rand() < 0.5 ? ' \t' : '');
    headers.push([pick(headerNames), value]);
  }
  const body = pick(['', '{}', word(['a', '{', '"', 'é', '\n', ' '], 40), new Uint8Array(Array.from({ length: int(64) }, () => int(256)))]);
  return {
    method: pick(['GET', 'POST', 'PUT', 'DELETE', 'PATCH', 'HEAD']),
    path,
    query,
    headers,
    body,
    region: pick(['us-east-1', 'eu-west-1', 'cn-north-1', 'us-gov-west-1']),
    service: pick(['personalize', 'service', 's3-object-lambda', 'execute-api']),
    date: new Date(Date.UTC(2000, 0, 1) + int(30 * 365 * 24 * 3600) * 1000),
    credentials: pick([...CREDENTIALS, { accessKeyId: 'AKIA' + word(['A', 'B', '7'], 16), secretAccessKey: word(['a', 'Z', '/', '+', '9'], 40) }]),
    signBody: rand() < 0.3,
  };
}

/** What the SDK's HttpRequest holds: the query decoded to an object, repeated headers combined. */
function smithyRequest(r) {
  const decode = (s) => decodeURIComponent(s);
  const query = {};
  for (const part of r.query.split('&')) {
    if (part === '') continue;
    const eq = part.indexOf('=');
    const name = decode(eq < 0 ? part : part.slice(0, eq));
    const value = eq < 0 ? '' : decode(part.slice(eq + 1));
    query[name] = name in query ? [].concat(query[name], value) : value;
  }
  const headers = {};
  for (const [name, value] of r.headers) {
    headers[name] = name in headers ? `${headers[name]},${value.trim()}` : value.trim();
  }
  const [hostname] = r.headers[0][1].split(':');
  return { method: r.method, protocol: 'https:', hostname, path: r.path, query, headers, body: r.body };
}

test('1,000 random requests are signed exactly as @smithy/signature-v4 signs them', async () => {
  const seed = 20261126;
  const rand = mulberry32(seed);
  for (let i = 0; i < 1000; i++) {
    const r = randomRequest(rand);
    const smithy = new SignatureV4({
      credentials: r.credentials,
      region: r.region,
      service: r.service,
      sha256: Sha256,
      applyChecksum: r.signBody,
      uriEscapePath: true,
    });
    const expected = await smithy.sign(smithyRequest(r), { signingDate: r.date });
    const ours = await signRequest(r, { credentials: r.credentials, region: r.region, service: r.service, date: r.date, signBody: r.signBody });
    assert.equal(ours.authorization, expected.headers.authorization, `request ${i} (seed ${seed}) differs: ${JSON.stringify({ ...r, body: String(r.body) })}\nour canonical request:\n${ours.canonicalRequest}`);
  }
});
