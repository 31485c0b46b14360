// web/lib/src/core.mjs's call handles: each call in flight holds one of the core's 16, a call beyond
// them waits for one to be freed (never shares one), and every handle is freed however its call
// ends, so the module's heap returns to where it was.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { wasmInstance } from '../helpers/wasm-instance.mjs';
import { PersonalizeClient } from '../../web/lib/personalize.mjs';

const CREDENTIALS = { accessKeyId: 'AKIDEXAMPLE', secretAccessKey: 'wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY' };
const CALLS = 50; // more than the core's call handles (16, wasm/exports_call.c)

/** A fetch that holds every request until release(), answering each with its own tracker's name. */
function heldFetch() {
  const held = [];
  let inFlight = 0;
  let most = 0;
  const fetch = (url, init) => new Promise((resolve, reject) => {
    inFlight++;
    most = Math.max(most, inFlight);
    held.push({ init, resolve, reject });
  });
  const answer = ({ init, resolve }, status = 200, body) => {
    inFlight--;
    // The signed target is the body's own operation: a handle shared by two calls would sign one
    // call's request with the other's prepared X-Amz-Target.
    const target = init.headers.find(([n]) => n === 'X-Amz-Target')[1];
    const input = JSON.parse(init.body);
    assert.equal(target, input.eventTrackerArn ? 'AmazonPersonalize.DescribeEventTracker' : 'AmazonPersonalize.DescribeDatasetGroup');
    const arn = input.eventTrackerArn ?? input.datasetGroupArn;
    resolve(new Response(body ?? JSON.stringify({ eventTracker: { eventTrackerArn: arn, name: arn.split('/').pop(), status: 'ACTIVE' } }),
      { status, headers: { 'content-type': 'application/x-amz-json-1.1' } }));
  };
  return { fetch, held, answer, most: () => most };
}

const arn = (i) => `arn:aws:personalize:us-east-1:123456789012:event-tracker/t${i}`;
const groupArn = (i) => `arn:aws:personalize:us-east-1:123456789012:dataset-group/g${i}`;

/** One call answered at once: the core loaded, its heap settled. */
async function warmUp() {
  const fetch = async () => new Response('{}', { status: 200 });
  await new PersonalizeClient({ region: 'us-east-1', credentials: CREDENTIALS, fetch, loadFromEnvironment: false }).listEventTrackers();
}

test(`${CALLS} concurrent calls, more than there are call handles, all complete with their own answers`, async () => {
  const stub = heldFetch();
  const client = new PersonalizeClient({ region: 'us-east-1', credentials: CREDENTIALS, fetch: stub.fetch, loadFromEnvironment: false, maxAttempts: 1 });
  await warmUp();
  const heap = wasmInstance().exports.pw_heap_in_use();
  // Two operations taking turns, so that a handle shared by two calls would show in what is signed.
  const calls = Array.from({ length: CALLS }, (_, i) => (i % 2 ? client.describeDatasetGroup({ datasetGroupArn: groupArn(i) })
    : client.describeEventTracker({ eventTrackerArn: arn(i) })));
  // Let every call that can prepare do so: only the core's handles' worth reach fetch.
  for (let i = 0; i < 20; i++) await new Promise((r) => setImmediate(r));
  assert.equal(stub.held.length, 16, 'as many calls in flight as there are handles; the rest wait');
  // Answer in reverse order, each as it arrives: a waiting call takes a freed handle.
  while (stub.held.length) {
    stub.answer(stub.held.pop());
    for (let i = 0; i < 5; i++) await new Promise((r) => setImmediate(r));
  }
  const outputs = await Promise.all(calls);
  outputs.forEach((out, i) => assert.equal(out.eventTracker.eventTrackerArn, i % 2 ? groupArn(i) : arn(i), `call ${i} got its own answer`));
  assert.equal(stub.most(), 16);
  assert.equal(wasmInstance().exports.pw_heap_in_use(), heap, 'every handle freed');
});

test('a call that fails, is aborted or meets a network error frees its handle too', async () => {
  const stub = heldFetch();
  const client = new PersonalizeClient({ region: 'us-east-1', credentials: CREDENTIALS, fetch: stub.fetch, loadFromEnvironment: false, maxAttempts: 1 });
  await warmUp();
  const heap = wasmInstance().exports.pw_heap_in_use();
  const controller = new AbortController();
  const failed = client.describeEventTracker({ eventTrackerArn: arn(1) }).catch((e) => e);
  const aborted = client.describeEventTracker({ eventTrackerArn: arn(2) }, { signal: controller.signal }).catch((e) => e);
  const broken = client.describeEventTracker({ eventTrackerArn: arn(3) }).catch((e) => e);
  for (let i = 0; i < 10; i++) await new Promise((r) => setImmediate(r));
  const [first, second, third] = stub.held;
  stub.answer(first, 400, JSON.stringify({ __type: 'ResourceNotFoundException', message: 'gone' }));
  controller.abort();
  third.reject(new TypeError('fetch failed'));
  assert.equal((await failed).name, 'ResourceNotFoundException');
  assert.equal((await aborted).name, 'AbortError');
  assert.equal((await broken).name, 'NetworkError');
  second.resolve(new Response('{}')); // a late answer to the aborted call changes nothing
  // All 16 handles are free again: 16 calls at once reach fetch.
  const again = Array.from({ length: 16 }, (_, i) => client.describeEventTracker({ eventTrackerArn: arn(10 + i) }));
  for (let i = 0; i < 20; i++) await new Promise((r) => setImmediate(r));
  assert.equal(stub.held.length - 3, 16);
  stub.held.slice(3).forEach((h) => stub.answer(h));
  await Promise.all(again);
  assert.equal(wasmInstance().exports.pw_heap_in_use(), heap);
});
