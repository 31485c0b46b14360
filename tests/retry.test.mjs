// The retry-token bucket of the AWS SDKs' standard mode, with a stub transport: 500 tokens, 5 a
// retry, 10 a retry after a timeout, 1 back per success; with the bucket empty, no retry is made.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { PersonalizeClient } from '../web/personalize.mjs';

const ARN = 'arn:aws:personalize:us-east-1:123456789012:dataset-group/shop';
const OK = '{"eventTrackerArn":"arn:aws:personalize:us-east-1:123456789012:event-tracker/1","trackingId":"t"}';

function clientAnswering(answer) {
  const client = new PersonalizeClient({
    region: 'us-east-1',
    credentials: { accessKeyId: 'AKID', secretAccessKey: 'secret' },
    maxAttempts: 3,
    fetch: async () => answer(),
  });
  return client;
}

test('retries stop when the retry-token bucket is empty, and successes refill it', async (t) => {
  t.mock.method(Math, 'random', () => 0); // no backoff wait
  let failing = true;
  const client = clientAnswering(() => (failing
    ? new Response('{"__type":"ServiceUnavailable","message":"busy"}', { status: 503 })
    : new Response(OK, { status: 200 })));
  // Each failing call makes 2 retries at 5 tokens each: 50 calls empty the 500-token bucket.
  for (let i = 0; i < 50; i++) {
    const err = await client.describeEventTracker({ eventTrackerArn: ARN.replace('dataset-group/shop', 'event-tracker/1') }).catch((e) => e);
    assert.equal(err.$metadata.attempts, 3, `call ${i} should still be retried`);
  }
  const starved = await client.describeEventTracker({ eventTrackerArn: 'arn:aws:personalize:us-east-1:123456789012:event-tracker/1' }).catch((e) => e);
  assert.equal(starved.name, 'ServiceUnavailable');
  assert.equal(starved.$metadata.attempts, 1, 'no retry without tokens');

  failing = false;
  for (let i = 0; i < 5; i++) await client.createEventTracker({ datasetGroupArn: ARN, name: `n${i}` });
  failing = true;
  const refilled = await client.describeEventTracker({ eventTrackerArn: 'arn:aws:personalize:us-east-1:123456789012:event-tracker/1' }).catch((e) => e);
  assert.equal(refilled.$metadata.attempts, 2, 'five successes buy one retry (5 tokens)');
});

test('a retry after a timeout costs 10 tokens', async (t) => {
  t.mock.method(Math, 'random', () => 0);
  const client = new PersonalizeClient({
    region: 'us-east-1',
    credentials: { accessKeyId: 'AKID', secretAccessKey: 'secret' },
    maxAttempts: 2,
    requestTimeout: 5,
    fetch: (url, init) => new Promise((resolve, reject) => init.signal.addEventListener('abort', () => reject(new DOMException('aborted', 'AbortError')))),
  });
  for (let i = 0; i < 50; i++) {
    const err = await client.listDatasetGroups().catch((e) => e);
    assert.equal(err.name, 'TimeoutError');
    assert.equal(err.$metadata.attempts, 2, `call ${i} should still be retried`);
  }
  const starved = await client.listDatasetGroups().catch((e) => e);
  assert.equal(starved.$metadata.attempts, 1, '50 timeout retries at 10 tokens emptied the bucket');
});
