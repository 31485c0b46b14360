// The retry policy of the AWS SDKs' standard mode: first its pure functions (classifyError,
// retryDelay) without a transport; then the retry-token bucket with a stub transport: 500 tokens,
// 5 a retry, 10 a retry after a timeout, 1 back per success; with the bucket empty, no retry is made.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { PersonalizeClient, classifyError, retryDelay } from '../../web/lib/personalize.mjs';

const named = (name, extra = {}) => Object.assign(new Error('m'), { name }, extra);
const withStatus = (name, httpStatusCode, $fault = 'server') => named(name, { $fault, $metadata: { httpStatusCode } });

test('throttling errors, by name or by HTTP 429, are retryable and throttled', () => {
  for (const name of ['ThrottlingException', 'Throttling', 'TooManyRequestsException', 'RequestLimitExceeded', 'SlowDown',
    'LimitExceededException', 'ProvisionedThroughputExceededException', 'BandwidthLimitExceeded', 'RequestThrottledException']) {
    assert.deepEqual(classifyError(withStatus(name, 400, 'client')), { retryable: true, throttled: true, cost: 5 }, name);
  }
  assert.deepEqual(classifyError(withStatus('SomeNewError', 429, 'client')), { retryable: true, throttled: true, cost: 5 });
});

test('transient errors and HTTP 500, 502, 503, 504 are retryable, not throttled; other statuses are not', () => {
  for (const name of ['NetworkError', 'RequestTimeout', 'RequestTimeoutException']) {
    assert.deepEqual(classifyError(named(name)), { retryable: true, throttled: false, cost: 5 }, name);
  }
  for (const status of [500, 502, 503, 504]) {
    assert.deepEqual(classifyError(withStatus('UnknownError', status)), { retryable: true, throttled: false, cost: 5 }, String(status));
  }
  for (const status of [400, 403, 404, 409, 501, 505]) assert.equal(classifyError(withStatus('UnknownError', status)).retryable, false, String(status));
});

test('a clock-skew error is retried only once the clock is corrected', () => {
  for (const name of ['RequestTimeTooSkewed', 'InvalidSignatureException', 'SignatureDoesNotMatch', 'RequestExpired']) {
    assert.equal(classifyError(withStatus(name, 400, 'client')).retryable, false, `${name}, clock not corrected`);
    assert.equal(classifyError(withStatus(name, 400, 'client'), true).retryable, true, `${name}, clock corrected`);
  }
});

test('the client\'s own timeout costs 10 tokens; a service\'s TimeoutError costs 5', () => {
  assert.deepEqual(classifyError(named('TimeoutError')), { retryable: true, throttled: false, cost: 10 });
  assert.equal(classifyError(withStatus('TimeoutError', 504)).cost, 5);
});

test('redirects, oversized responses, endless pagination and bad input are never retried', () => {
  for (const name of ['RedirectError', 'ResponseTooLargeError', 'PaginationError', 'ValidationError', 'AbortError', 'ResourceNotFoundException']) {
    assert.equal(classifyError(named(name)).retryable, false, name);
    assert.equal(classifyError(withStatus(name, 400, 'client')).retryable, false, `${name} with HTTP 400`);
  }
  assert.equal(classifyError(undefined).retryable, false, 'a thrown non-error');
});

test('retry delays: full jitter over 100 ms * 2^(attempt-1), 500 ms when throttled, capped at 20 s', () => {
  assert.equal(retryDelay(1, { random: 0 }), 0);
  assert.equal(retryDelay(1, { random: 0.5 }), 50);
  assert.equal(retryDelay(3, { random: 0.5 }), 200);
  assert.equal(retryDelay(1, { throttled: true, random: 0.5 }), 250);
  assert.equal(retryDelay(3, { throttled: true, random: 0.5 }), 1000);
  assert.equal(retryDelay(1, { random: 0.999999 }), 99, 'strictly below the cap');
  assert.equal(retryDelay(8, { random: 0.999999 }), 12799);
  for (const throttled of [false, true]) {
    assert.equal(retryDelay(20, { throttled, random: 0.5 }), 10_000, 'half of the 20 s cap');
    assert.equal(retryDelay(1000, { throttled, random: 0.999999 }), 19_999, 'never beyond 20 s, however many attempts');
  }
  for (let i = 0; i < 200; i++) {
    const attempt = 1 + (i % 10);
    const d = retryDelay(attempt, { throttled: i % 2 === 1 });
    assert.ok(Number.isInteger(d) && d >= 0 && d < Math.min(20_000, (i % 2 ? 500 : 100) * 2 ** (attempt - 1)), `${attempt}: ${d}`);
  }
});

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
