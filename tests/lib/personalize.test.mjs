// The JS glue over the real personalize.wasm: validation, errors, endpoints, parsing, secrets.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import vm from 'node:vm';
import {
  PersonalizeClient,
  parseResponse,
  resolveEndpoint,
  signRequest,
  validate,
  validateCreateEventTracker,
} from '../../web/lib/personalize.mjs';

const ARN = 'arn:aws:personalize:us-east-1:123456789012:dataset-group/shop';
const CREDENTIALS = { accessKeyId: 'AKIDEXAMPLE', secretAccessKey: 'wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY' };

/** A fetch that records calls and answers with the given response. */
function stubFetch(status = 200, body = '{"eventTrackerArn":"arn:aws:personalize:us-east-1:123456789012:event-tracker/1","trackingId":"tid"}', headers = { 'x-amzn-RequestId': 'req-1' }) {
  const calls = [];
  const fetch = async (url, init) => {
    calls.push({ url, ...init });
    return new Response(body, { status, headers });
  };
  return { fetch, calls };
}

test('valid CreateEventTracker input has no validation errors', async () => {
  assert.deepEqual(await validateCreateEventTracker({ datasetGroupArn: ARN, name: 'ok' }), []);
  assert.deepEqual(await validateCreateEventTracker({ datasetGroupArn: ARN, name: 'x'.repeat(63), tags: [{ tagKey: 'é'.repeat(128), tagValue: '' }] }), []);
});

test('every problem is reported at once, each naming its field and rule', async () => {
  const errors = await validateCreateEventTracker({
    datasetGroupArn: 'arn:aws:s3:::bucket',
    name: 'x'.repeat(64),
    tags: [{ tagKey: 'ok', tagValue: 'fine' }, { tagKey: '', tagValue: 'v' }, { tagKey: 'AWS:cost', tagValue: 'v' }, { tagKey: 'k', tagValue: 'a!b' }],
  });
  const byField = Object.fromEntries(errors.map((e) => [e.field, e.message]));
  assert.match(byField.name, /1 to 63 characters.*is 64/);
  assert.match(byField.datasetGroupArn, /must be a Personalize ARN, e\.g\. arn:aws:personalize:/);
  assert.match(byField['tags[1].tagKey'], /1 to 128 characters/);
  assert.match(byField['tags[2].tagKey'], /aws:/);
  assert.match(byField['tags[3].tagValue'], /letters, numbers and spaces/);
  assert.equal(errors.length, 5);
});

test('lone surrogates, NUL characters and wrong types are named, not crashed on', async () => {
  const errors = await validateCreateEventTracker({ datasetGroupArn: ARN, name: 'ok\ud800', tags: [{ tagKey: 'a\u0000', tagValue: 5 }] });
  assert.deepEqual(errors.map((e) => e.field), ['name', 'tags[0].tagKey', 'tags[0].tagValue']);
  assert.match(errors[0].message, /lone surrogate/);
  assert.match(errors[1].message, /NUL/);
  assert.match(errors[2].message, /must be a string/);
  for (const bad of [null, undefined, 'text', 42, [], { datasetGroupArn: ARN }]) {
    assert.ok((await validateCreateEventTracker(bad)).length > 0, `${JSON.stringify(bad)} accepted`);
  }
});

test('tag values never appear in validation messages', async () => {
  const secret = 'sEcReT-ValuE!';
  const errors = await validateCreateEventTracker({ datasetGroupArn: ARN, name: 'n', tags: [{ tagKey: 'k', tagValue: secret }] });
  assert.equal(errors.length, 1);
  assert.ok(!JSON.stringify(errors).includes(secret));
});

test('invalid input throws ValidationError and sends nothing', async () => {
  const { fetch, calls } = stubFetch();
  const client = new PersonalizeClient({ region: 'us-east-1', credentials: CREDENTIALS, fetch });
  await assert.rejects(client.createEventTracker({ datasetGroupArn: ARN, name: '' }), (err) => {
    assert.equal(err.name, 'ValidationError');
    assert.deepEqual(err.errors.map((e) => e.field), ['name']);
    assert.match(err.message, /name: must be 1 to 63 characters/);
    return true;
  });
  assert.equal(calls.length, 0);
});

test('a created tracker comes back with $metadata, from a signed awsJson1_1 POST', async () => {
  const { fetch, calls } = stubFetch();
  const client = new PersonalizeClient({ region: 'eu-west-1', credentials: { ...CREDENTIALS, sessionToken: 'tok' }, fetch });
  const out = await client.createEventTracker({ datasetGroupArn: ARN, name: 'n', tags: [{ tagKey: 'k', tagValue: 'v' }] });
  assert.equal(out.trackingId, 'tid');
  assert.equal(out.eventTrackerArn, 'arn:aws:personalize:us-east-1:123456789012:event-tracker/1');
  assert.equal(out.$metadata.httpStatusCode, 200);
  assert.equal(out.$metadata.requestId, 'req-1');
  assert.equal(calls.length, 1);
  const [call] = calls;
  assert.equal(call.url, 'https://personalize.eu-west-1.amazonaws.com/');
  assert.equal(call.method, 'POST');
  assert.equal(call.body, '{"name":"n","datasetGroupArn":"' + ARN + '","tags":[{"tagKey":"k","tagValue":"v"}]}');
  const headers = Object.fromEntries(call.headers.map(([n, v]) => [n.toLowerCase(), v]));
  assert.equal(headers['content-type'], 'application/x-amz-json-1.1');
  assert.equal(headers['x-amz-target'], 'AmazonPersonalize.CreateEventTracker');
  assert.equal(headers['x-amz-security-token'], 'tok');
  assert.match(headers['x-amz-date'], /^\d{8}T\d{6}Z$/);
  assert.match(headers.authorization, /^AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE\/\d{8}\/eu-west-1\/personalize\/aws4_request, SignedHeaders=amz-sdk-invocation-id;amz-sdk-request;content-type;host;x-amz-date;x-amz-security-token;x-amz-target, Signature=[0-9a-f]{64}$/);
  assert.equal(headers.host, undefined, 'fetch sets Host itself');
});

test('service errors surface with the name, message, $fault and $metadata AWS SDK users expect', async () => {
  const { fetch } = stubFetch(400, '{"__type":"com.amazonaws.personalize#ResourceAlreadyExistsException","message":"Tracker exists"}', { 'x-amzn-RequestId': 'r-9' });
  const client = new PersonalizeClient({ region: 'us-east-1', credentials: CREDENTIALS, fetch });
  await assert.rejects(client.createEventTracker({ datasetGroupArn: ARN, name: 'n' }), (err) => {
    assert.ok(err instanceof Error);
    assert.equal(err.name, 'ResourceAlreadyExistsException');
    assert.equal(err.message, 'Tracker exists');
    assert.equal(err.$fault, 'client');
    assert.equal(err.$metadata.httpStatusCode, 400);
    assert.equal(err.$metadata.requestId, 'r-9');
    return true;
  });
});

test('a client with neither region nor endpoint fails like the AWS SDKs, before any request', async () => {
  const { fetch, calls } = stubFetch();
  const client = new PersonalizeClient({ credentials: CREDENTIALS, fetch });
  await assert.rejects(client.createEventTracker({ datasetGroupArn: ARN, name: 'n' }), { message: 'Invalid Configuration: Missing Region' });
  assert.equal(calls.length, 0);
});

test('a custom endpoint is used as given, with its port in the signed Host', async () => {
  const { fetch, calls } = stubFetch();
  const client = new PersonalizeClient({ region: 'us-east-1', endpoint: 'http://127.0.0.1:4566/base/', credentials: CREDENTIALS, fetch });
  await client.createEventTracker({ datasetGroupArn: ARN, name: 'n' });
  assert.equal(calls[0].url, 'http://127.0.0.1:4566/base/');
  assert.match(client.lastRequest.canonicalRequest, /\nhost:127\.0\.0\.1:4566\n/);
});

test('endpoints follow the SDK rules for every partition, FIPS and dual-stack', async () => {
  const cases = [
    [{ region: 'us-east-1' }, 'https://personalize.us-east-1.amazonaws.com'],
    [{ region: 'us-east-1', useFipsEndpoint: true, useDualstackEndpoint: true }, 'https://personalize-fips.us-east-1.api.aws'],
    [{ region: 'cn-northwest-1', useDualstackEndpoint: true }, 'https://personalize.cn-northwest-1.api.amazonwebservices.com.cn'],
    [{ region: 'us-gov-west-1', useFipsEndpoint: true }, 'https://personalize-fips.us-gov-west-1.amazonaws.com'],
    [{ region: 'us-iso-east-1' }, 'https://personalize.us-iso-east-1.c2s.ic.gov'],
    [{ region: 'us-isob-east-1' }, 'https://personalize.us-isob-east-1.sc2s.sgov.gov'],
    [{ region: 'eu-isoe-west-1' }, 'https://personalize.eu-isoe-west-1.cloud.adc-e.uk'],
    [{ region: 'us-isof-south-1', useDualstackEndpoint: true }, 'https://personalize.us-isof-south-1.api.aws.hci.ic.gov'],
    [{ region: 'eusc-de-east-1' }, 'https://personalize.eusc-de-east-1.amazonaws.eu'],
    [{ region: 'mars-west-1' }, 'https://personalize.mars-west-1.amazonaws.com'],
    [{ endpoint: 'http://localhost:8080' }, 'http://localhost:8080'],
    [{ endpoint: 'HTTPS://Example.com/base/' }, 'https://example.com/base'],
  ];
  for (const [config, url] of cases) assert.deepEqual(await resolveEndpoint(config), { url }, JSON.stringify(config));
  assert.deepEqual(await resolveEndpoint({ region: 'us-west-2' }, 'personalize-events'), { url: 'https://personalize-events.us-west-2.amazonaws.com' });
  await assert.rejects(resolveEndpoint({}), { message: 'Invalid Configuration: Missing Region' });
  await assert.rejects(resolveEndpoint({ endpoint: 'https://x', useFipsEndpoint: true }), { message: 'Invalid Configuration: FIPS and custom endpoint are not supported' });
  await assert.rejects(resolveEndpoint({ endpoint: 'https://x', useDualstackEndpoint: true }), { message: 'Invalid Configuration: Dualstack and custom endpoint are not supported' });
  await assert.rejects(resolveEndpoint({ region: 'us-east-1.evil.com/' }), /valid host label/);
});

test('responses: error names are cleaned, messages found, broken bodies are clear errors', async () => {
  const fail = (response, check) => assert.rejects(parseResponse('CreateEventTracker', response), check);
  await fail({ status: 400, headers: { 'X-Amzn-ErrorType': 'ResourceNotFoundException:http://internal.amazon.com/' }, body: '{"Message":"no such group"}' },
    { name: 'ResourceNotFoundException', message: 'no such group', $fault: 'client' });
  await fail({ status: 400, body: '{"__type":"aws.protocoltests.json#FooError:http://internal.amazon.com/coral/com.amazon.coral.validate/","message":"m"}' }, { name: 'FooError' });
  await fail({ status: 400, body: '{"code":"SomeNewError","nested":{"__type":"Other"}}' }, { name: 'SomeNewError' });
  await fail({ status: 503, body: '' }, (err) => err.name === 'UnknownError' && err.$fault === 'server' && /503/.test(err.message));
  await fail({ status: 200, body: '{"eventTrackerArn":"a"' }, { name: 'DeserializationError' });
  await fail({ status: 200, body: '<html>oops</html>' }, { name: 'DeserializationError' });
  await fail({ status: 200, body: '' }, { name: 'DeserializationError' });
  await fail({ status: 200, body: '{"eventTrackerArn":"a"}' }, /no trackingId/);
  const ok = await parseResponse('CreateEventTracker', { status: 200, headers: [['x-amzn-requestid', 'abc']], body: new TextEncoder().encode('{"eventTrackerArn":"a","trackingId":"é"}') });
  assert.deepEqual({ ...ok, $metadata: ok.$metadata.requestId }, { eventTrackerArn: 'a', trackingId: 'é', $metadata: 'abc' });
});

test('an output timestamp whose key is written with \\u escapes still becomes a Date', async () => {
  const body = '{"eventTracker":{"name":"t","creation\\u0044ateTime":1700000000}}';
  const out = await parseResponse('DescribeEventTracker', { status: 200, body });
  assert.deepEqual(out.eventTracker.creationDateTime, new Date(1_700_000_000_000));
  const plain = await parseResponse('CreateEventTracker', { status: 200, body: '{"eventTrackerArn":"arn:aws:personalize:us-east-1:1:event-tracker/x","trackingId":"t"}' });
  assert.equal(plain.trackingId, 't');
});

test('output timestamps become Dates by the model, not by their names: fooDateTime stays a number', async () => {
  const tracker = { eventTrackerArn: 'arn:aws:personalize:us-east-1:123456789012:event-tracker/1', name: 'n', status: 'ACTIVE',
    creationDateTime: 1_700_000_000.5, lastUpdatedDateTime: 1_700_000_100, fooDateTime: 1_700_000_200 };
  const out = await parseResponse('DescribeEventTracker', { status: 200, body: JSON.stringify({ eventTracker: tracker, fooDateTime: 7 }) });
  assert.deepEqual(out.eventTracker.creationDateTime, new Date(1_700_000_000_500));
  assert.deepEqual(out.eventTracker.lastUpdatedDateTime, new Date(1_700_000_100_000));
  assert.equal(out.eventTracker.fooDateTime, 1_700_000_200, 'not a timestamp in the model');
  assert.equal(out.fooDateTime, 7);
  const list = await parseResponse('ListDatasetGroups', { status: 200, body: JSON.stringify({ datasetGroups: [{ name: 'g', creationDateTime: 1, updatedDateTime: 2 }] }) });
  assert.deepEqual(list.datasetGroups[0].creationDateTime, new Date(1000));
  assert.equal(list.datasetGroups[0].updatedDateTime, 2);
});

test('response headers are read as strings, by any case, from Headers, Maps of another realm and objects with get()', async () => {
  const body = '{"message":"m"}';
  const fromHeaders = await parseResponse('DescribeEventTracker', { status: 404, body,
    headers: new Headers({ 'X-Amzn-ErrorType': 'ResourceNotFoundException', 'X-Amzn-RequestId': 'req-1' }) }).catch((e) => e);
  assert.equal(fromHeaders.name, 'ResourceNotFoundException');
  assert.equal(fromHeaders.$metadata.requestId, 'req-1');
  const otherRealm = vm.runInNewContext('new Map([["X-Amzn-ErrorType", "ResourceNotFoundException"], ["X-Amzn-RequestId", "req-2"]])');
  const fromMap = await parseResponse('DescribeEventTracker', { status: 404, body, headers: otherRealm }).catch((e) => e);
  assert.equal(fromMap.name, 'ResourceNotFoundException');
  assert.equal(fromMap.$metadata.requestId, 'req-2');
  // Not a Headers: its get() is not trusted (here it would hand a number to WASM as a header).
  const odd = await parseResponse('DescribeEventTracker', { status: 400, body,
    headers: { get: (name) => (name === 'x-amzn-errortype' ? 2048 : null) } }).catch((e) => e);
  assert.equal(odd.name, 'UnknownError');
  assert.equal(odd.message, 'm');
});

test('signRequest results and inspection records are plain data: every field an own enumerable property', async () => {
  const signed = await signRequest({ method: 'GET', path: '/', headers: { host: 'example.amazonaws.com' } },
    { credentials: CREDENTIALS, region: 'us-east-1', service: 'service', date: new Date('2015-08-30T12:36:00Z') });
  const keys = ['headers', 'authorization', 'canonicalRequest', 'stringToSign', 'signature'];
  assert.deepEqual(Object.keys(signed), keys);
  const copy = structuredClone(signed);
  assert.deepEqual(Object.keys(copy), keys);
  assert.match(copy.canonicalRequest, /^GET\n\/\n\nhost:example\.amazonaws\.com\n/);
  assert.equal(copy.stringToSign, signed.stringToSign);
  assert.deepEqual(JSON.parse(JSON.stringify(signed)), copy);

  const client = new PersonalizeClient({ region: 'us-east-1', credentials: CREDENTIALS, loadFromEnvironment: false,
    fetch: async () => new Response('{"eventTracker":{"name":"t"}}', { status: 200 }) });
  await client.describeEventTracker({ eventTrackerArn: 'arn:aws:personalize:us-east-1:123456789012:event-tracker/t' });
  assert.ok(Object.keys(client).includes('lastRequest'));
  assert.deepEqual(Object.keys({ ...client.lastRequest }), ['method', 'url', 'headers', 'body', 'canonicalRequest', 'stringToSign', 'signature']);
  const response = { ...client.lastResponse };
  assert.deepEqual(Object.keys(response), ['status', 'attempts', 'totalRetryDelay', 'headers', 'body']);
  assert.equal(response.body, '{"eventTracker":{"name":"t"}}');
});

test('input read through getters: one that throws is a ValidationError, and each value is read once', async () => {
  const err = await validate('DescribeEventTracker', { get eventTrackerArn() { throw new Error('boom'); } }).catch((e) => e);
  assert.equal(err.name, 'ValidationError');
  assert.deepEqual(err.errors, [{ field: 'input', message: 'must be plain data (boom)' }]);
  let reads = 0;
  const input = { get eventTrackerArn() { return reads++ === 0 ? 'arn:aws:personalize:us-east-1:123456789012:event-tracker/t' : 10n; } };
  assert.deepEqual(await validate('DescribeEventTracker', input), []);
  assert.equal(reads, 1);
});

test('signRequest accepts header objects, repeated header pairs and byte bodies', async () => {
  const options = { credentials: CREDENTIALS, region: 'us-east-1', service: 'service', date: new Date('2015-08-30T12:36:00Z') };
  const a = await signRequest({ method: 'POST', path: '/', headers: { Host: 'example.amazonaws.com', 'X-A': 'b' }, body: 'x' }, options);
  const b = await signRequest({ method: 'POST', path: '/', headers: [['Host', 'example.amazonaws.com'], ['X-A', 'b']], body: new TextEncoder().encode('x') }, options);
  assert.equal(a.signature, b.signature);
  const repeated = await signRequest({ method: 'GET', path: '/', headers: [['Host', 'h'], ['X-A', ' 1 '], ['x-a', '2']] }, options);
  assert.match(repeated.canonicalRequest, /\nx-a:1,2\n/);
  await assert.rejects(signRequest({ method: 'GET', path: '/' }, { ...options, credentials: {} }), /Missing credentials/);
});

test('personalize.wasm imports nothing the glue does not provide', () => {
  const imports = WebAssembly.Module.imports(new WebAssembly.Module(readFileSync(new URL('../../web/lib/personalize.wasm', import.meta.url))));
  assert.deepEqual(imports.map((i) => `${i.module}.${i.name}`), [], 'the glue instantiates it with no imports');
});

// Node 20's V8 (11.3) crashed (SIGSEGV) in the optimized glue once a few hundred calls had made
// it hot: a `.length` read from strings and typed arrays alike in the function calling the exports.
test('thousands of signs and parses in a row, in optimized code, give the same answers', async () => {
  const options = { credentials: { ...CREDENTIALS, sessionToken: 'token' }, region: 'us-east-1', service: 'personalize', date: new Date('2015-08-30T12:36:00Z') };
  const request = { method: 'POST', path: '/', headers: [['host', 'personalize.us-east-1.amazonaws.com']], body: '{"a":1}' };
  const first = (await signRequest(request, options)).signature;
  for (let i = 0; i < 5000; i++) {
    const signed = await signRequest({ ...request, body: i % 2 ? request.body : new TextEncoder().encode(request.body) }, options);
    if (signed.signature !== first) assert.fail(`sign ${i} differs`);
    const out = await parseResponse('DeleteEventTracker', { status: 200, headers: { 'x-amzn-requestid': `r${i}` }, body: '' });
    if (out.$metadata.requestId !== `r${i}`) assert.fail(`parse ${i}: ${out.$metadata.requestId}`);
  }
});

test('a credentials object whose secret is replaced in place signs with the new secret (its key handle follows)', async () => {
  const options = (credentials) => ({ credentials, region: 'us-east-1', service: 'service', date: new Date('2015-08-30T12:36:00Z') });
  const request = { method: 'GET', path: '/', headers: [['Host', 'example.amazonaws.com']] };
  const rotating = { ...CREDENTIALS };
  const before = (await signRequest(request, options(rotating))).signature;
  assert.equal((await signRequest(request, options(rotating))).signature, before, 'the cached key signs as before');
  rotating.secretAccessKey = 'a-rotated-secret-access-key-0123456789';
  const after = (await signRequest(request, options(rotating))).signature;
  assert.notEqual(after, before);
  assert.equal(after, (await signRequest(request, options({ ...rotating }))).signature, 'as a fresh object with that secret signs');
});

test('a retry sends the request prepared once: input changed during the first attempt does not reach the second', async (t) => {
  t.mock.method(Math, 'random', () => 0); // no backoff wait
  const input = { datasetGroupArn: ARN, name: 'first' };
  const calls = [];
  const fetch = async (url, init) => {
    calls.push(init);
    if (calls.length === 1) {
      input.name = 'changed by the caller';
      return new Response('{"__type":"ServiceUnavailable","message":"busy"}', { status: 503 });
    }
    return new Response('{"eventTrackerArn":"arn:aws:personalize:us-east-1:123456789012:event-tracker/1","trackingId":"tid"}', { status: 200 });
  };
  const client = new PersonalizeClient({ region: 'us-east-1', credentials: CREDENTIALS, fetch });
  const out = await client.createEventTracker(input);
  assert.equal(out.$metadata.attempts, 2);
  assert.equal(calls.length, 2);
  assert.equal(calls[1].body, calls[0].body);
  assert.equal(calls[1].body, `{"name":"first","datasetGroupArn":"${ARN}"}`);
  const header = (init, name) => init.headers.find(([n]) => n.toLowerCase() === name)[1];
  assert.equal(header(calls[0], 'amz-sdk-request'), 'attempt=1; max=3');
  assert.equal(header(calls[1], 'amz-sdk-request'), 'attempt=2; max=3', 'each attempt is signed afresh');
  assert.notEqual(header(calls[1], 'authorization'), header(calls[0], 'authorization'));
});

test('each call gets its own version-4 amz-sdk-invocation-id, even with Math.random stubbed', async (t) => {
  t.mock.method(Math, 'random', () => 0.5);
  const { fetch, calls } = stubFetch();
  const client = new PersonalizeClient({ region: 'us-east-1', credentials: CREDENTIALS, fetch });
  for (let i = 0; i < 50; i++) await client.createEventTracker({ datasetGroupArn: ARN, name: 'n' });
  const ids = calls.map((init) => init.headers.find(([n]) => n === 'amz-sdk-invocation-id')[1]);
  for (const id of ids) assert.match(id, /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  assert.equal(new Set(ids).size, ids.length);
});

test('X-Amz-Date is the UTC second, zero-padded, for years 0000 to 9999; a date outside them is refused as a date', async () => {
  const request = { method: 'GET', url: 'https://example.amazonaws.com/', headers: {} };
  const at = (year, ...rest) => {
    const d = new Date(Date.UTC(2000, ...rest));
    d.setUTCFullYear(year);
    return signRequest(request, { region: 'us-east-1', service: 'service', credentials: CREDENTIALS, date: d });
  };
  const amzDate = async (...args) => (await at(...args)).headers.find(([n]) => n === 'X-Amz-Date')[1];
  assert.equal(await amzDate(2015, 7, 30, 12, 36, 0, 999), '20150830T123600Z');
  assert.equal(await amzDate(999, 0, 2, 3, 4, 5), '09990102T030405Z');
  assert.equal(await amzDate(0, 0, 1), '00000101T000000Z');
  assert.equal(await amzDate(9999, 11, 31, 23, 59, 59), '99991231T235959Z');
  for (const year of [10000, -1, -100]) {
    await assert.rejects(at(year, 0, 1), { name: 'SigningError', message: 'Invalid date: expected YYYYMMDDTHHMMSSZ' }, String(year));
  }
});
