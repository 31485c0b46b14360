// web/lib/src/errors.mjs: the package's error classes, thrown by every entry point, usable with
// instanceof, their names and fields as before (own `name`, `$fault`, `$metadata`, `errors`).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as api from '../../web/lib/personalize.mjs';

const MODEL = JSON.parse(readFileSync(new URL('../../wasm/model.json', import.meta.url), 'utf8'));
const CREDENTIALS = { accessKeyId: 'AKIDEXAMPLE', secretAccessKey: 'wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY' };

/** A client whose every attempt gets this answer. */
function clientAnswering(status, body, headers = {}) {
  const fetch = async () => new Response(body, { status, headers: { 'content-type': 'application/x-amz-json-1.1', ...headers } });
  return new api.PersonalizeClient({ region: 'us-east-1', credentials: CREDENTIALS, fetch, maxAttempts: 1, loadFromEnvironment: false });
}

test('every exception the model declares is an exported ServiceError subclass, and no other', () => {
  const modelled = Object.entries(MODEL.shapes).filter(([, s]) => s.exception).map(([name]) => name).sort();
  const exported = Object.keys(api).filter((name) => api[name]?.prototype instanceof api.ServiceError).sort();
  assert.deepEqual(exported, modelled);
});

test('a modelled service error is an instance of its class, of ServiceError and of Error, with its name, fault and metadata', async () => {
  const client = clientAnswering(400, JSON.stringify({ __type: 'ResourceNotFoundException', message: 'no such tracker' }), { 'x-amzn-requestid': 'req-1' });
  const err = await client.describeEventTracker({ eventTrackerArn: 'arn:aws:personalize:us-east-1:123456789012:event-tracker/x' }).catch((e) => e);
  assert.ok(err instanceof api.ResourceNotFoundException);
  assert.ok(err instanceof api.ServiceError);
  assert.ok(err instanceof api.PersonalizeWasmError);
  assert.ok(err instanceof Error);
  assert.equal(err.name, 'ResourceNotFoundException');
  assert.ok(Object.hasOwn(err, 'name'), 'name is an own property, as before');
  assert.equal(err.message, 'no such tracker');
  assert.equal(err.$fault, 'client');
  assert.equal(err.$metadata.requestId, 'req-1');
  assert.equal(err.$metadata.httpStatusCode, 400);
});

test('a service error the model does not declare is a ServiceError of the name the service sent', async () => {
  const client = clientAnswering(400, JSON.stringify({ __type: 'com.amazon.coral#ThrottlingException', message: 'slow down' }));
  const err = await client.listEventTrackers().catch((e) => e);
  assert.ok(err instanceof api.ServiceError);
  assert.ok(!(err instanceof api.ResourceNotFoundException));
  assert.equal(err.name, 'ThrottlingException');
});

test('bad input throws a ValidationError naming each field, before anything is sent', async () => {
  let sent = 0;
  const client = new api.PersonalizeClient({ region: 'us-east-1', credentials: CREDENTIALS, loadFromEnvironment: false, fetch: async () => { sent++; } });
  const err = await client.createEventTracker({ name: '' }).catch((e) => e);
  assert.ok(err instanceof api.ValidationError);
  assert.equal(err.name, 'ValidationError');
  assert.deepEqual(err.errors.map((e) => e.field).sort(), ['datasetGroupArn', 'name']);
  assert.equal(sent, 0);
});

test('the helpers throw the same classes: EndpointError, SigningError, a parsed service error', async () => {
  await assert.rejects(api.resolveEndpoint({}), api.EndpointError);
  await assert.rejects(api.signRequest({ method: 'GET', path: '/' }, { credentials: CREDENTIALS, region: 'us-east-1', service: 's', date: new Date(NaN) }), api.SigningError);
  await assert.rejects(api.signRequest({ method: 'GET', path: '/' }, { credentials: CREDENTIALS, region: 'us-east-1' }), api.SigningError);
  const parsed = api.parseResponse('DescribeEventTracker', { status: 400, headers: { 'x-amzn-errortype': 'InvalidInputException' }, body: '{"message":"bad"}' });
  await assert.rejects(parsed, (err) => err instanceof api.InvalidInputException && err.message === 'bad');
});

test('no credentials is a CredentialsProviderError, no region a ConfigurationError', async () => {
  const noKeys = new api.PersonalizeClient({ region: 'us-east-1', credentials: {}, loadFromEnvironment: false, fetch: async () => assert.fail('sent') });
  await assert.rejects(noKeys.listEventTrackers(), api.CredentialsProviderError);
  const noRegion = new api.PersonalizeClient({ endpoint: 'http://127.0.0.1:1', credentials: CREDENTIALS, loadFromEnvironment: false, fetch: async () => assert.fail('sent') });
  await assert.rejects(noRegion.listEventTrackers(), api.ConfigurationError);
});

test('transport failures are NetworkError, TimeoutError, RedirectError and AbortError instances', async () => {
  const base = { region: 'us-east-1', credentials: CREDENTIALS, loadFromEnvironment: false, maxAttempts: 1 };
  const refused = new api.PersonalizeClient({ ...base, fetch: async () => { throw new TypeError('fetch failed'); } });
  await assert.rejects(refused.listEventTrackers(), api.NetworkError);
  const slow = new api.PersonalizeClient({ ...base, requestTimeout: 20, fetch: () => new Promise(() => {}) });
  await assert.rejects(slow.listEventTrackers(), api.TimeoutError);
  const moved = new api.PersonalizeClient({ ...base, fetch: async () => new Response('', { status: 301, headers: { location: 'https://example.com/' } }) });
  await assert.rejects(moved.listEventTrackers(), api.RedirectError);
  const aborted = new api.PersonalizeClient({ ...base, fetch: () => new Promise(() => {}) });
  await assert.rejects(aborted.listEventTrackers({}, { signal: AbortSignal.abort('stop') }), api.AbortError);
});
