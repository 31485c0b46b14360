// The retry policy: the AWS SDKs' standard mode (README: "Retries"), as pure functions, and the
// waits between attempts.

import { AbortError } from './errors.mjs';

// The AWS SDKs' standard retry mode (see README: "Retries").
const THROTTLING = new Set(['BandwidthLimitExceeded', 'EC2ThrottledException', 'LimitExceededException', 'PriorRequestNotComplete',
  'ProvisionedThroughputExceededException', 'RequestLimitExceeded', 'RequestThrottled', 'RequestThrottledException', 'SlowDown',
  'ThrottledException', 'Throttling', 'ThrottlingException', 'TooManyRequestsException', 'TransactionInProgressException']);
const TRANSIENT = new Set(['TimeoutError', 'RequestTimeout', 'RequestTimeoutException', 'NetworkError']);
export const CLOCK_SKEW = new Set(['RequestTimeTooSkewed', 'RequestExpired', 'RequestInTheFuture', 'InvalidSignatureException',
  'SignatureDoesNotMatch', 'AuthFailure', 'AccessDeniedException']);
export const RETRY_BUCKET = 500;
const RETRY_COST = 5;
const TIMEOUT_RETRY_COST = 10;
const MAX_RETRY_DELAY = 20_000;
export const SKEW_LIMIT = 5 * 60_000;

/**
 * The retry policy (the AWS SDKs' standard mode) for a failed attempt: whether another attempt may
 * help (skewCorrected: the failure was a clock-skew error and the clock is now corrected), whether
 * the service throttled, and the retry tokens another attempt costs.
 */
export function classifyError(error, skewCorrected = false) {
  const status = error?.$metadata?.httpStatusCode;
  const throttled = THROTTLING.has(error?.name) || status === 429;
  return {
    retryable: skewCorrected || throttled || TRANSIENT.has(error?.name) || [500, 502, 503, 504].includes(status),
    throttled,
    cost: error?.name === 'TimeoutError' && !error.$fault ? TIMEOUT_RETRY_COST : RETRY_COST, // our own timeout
  };
}

/** The wait before attempt `attempt` + 1, in ms: full jitter (random in [0, 1)) over an exponential
 * cap from a 100 ms base (500 ms when throttled), at most 20 s. */
export function retryDelay(attempt, { throttled = false, random = Math.random() } = {}) {
  return Math.floor(random * Math.min(MAX_RETRY_DELAY, (throttled ? 500 : 100) * 2 ** (attempt - 1)));
}

/** err with $metadata merged in (what send adds to every error it throws). */
export function withMetadata(err, metadata) {
  err.$metadata = { ...err.$metadata, ...metadata };
  return err;
}

export function abortError(signal) {
  const reason = signal?.reason;
  const err = new AbortError(`Request aborted${reason instanceof Error ? `: ${reason.message}` : reason != null ? `: ${reason}` : ''}`);
  if (reason !== undefined) err.cause = reason;
  return err;
}

export function sleep(ms, signal) {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(abortError(signal));
    const onAbort = () => {
      clearTimeout(timer);
      reject(abortError(signal));
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve(undefined);
    }, ms);
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}

