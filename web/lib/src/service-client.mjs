// What both clients share: configuration, credentials, the clock, and send(): a call prepared
// once in the core, each attempt signed there, fetched here, examined there, retried by the
// standard policy, and ended (its call handle freed) however it ends.

import { loadCore } from './core.mjs';
import { amzDate, bodyBytes, headerReader, inputJson } from './input.mjs';
import { inspectable, lastResponse, lazyProperty } from './inspect.mjs';
import { outcome } from './response.mjs';
import { CLOCK_SKEW, RETRY_BUCKET, SKEW_LIMIT, abortError, classifyError, retryDelay, sleep, withMetadata } from './retry.mjs';
import { fetchOnce } from './transport.mjs';

// Defaults that bound what one hostile or broken server can cost a caller (README: "Security").
/** Bytes of one response body: far above any Personalize answer (a page of 100 trackers is some tens of KB). */
export const DEFAULT_MAX_RESPONSE_BYTES = 1024 * 1024;
/** Milliseconds one attempt may take, headers and body together. */
export const DEFAULT_REQUEST_TIMEOUT = 30_000;
/** Pages one paginator may fetch before it stops with a PaginationError. */
export const DEFAULT_MAX_PAGES = 1000;
// A server clock is believed only inside these years: signing needs a four-digit year, and no
// real service answers from before SigV4 or from the far future.
const EARLIEST_SERVER_TIME = Date.UTC(2010, 0, 1);
const LATEST_SERVER_TIME = Date.UTC(2100, 0, 1);

const isNode = typeof process === 'object' && !!process.versions?.node;

/** The endpoint the environment names for the service, as the AWS SDKs read it: the service's own
 * variable (AWS_ENDPOINT_URL_PERSONALIZE, AWS_ENDPOINT_URL_PERSONALIZE_EVENTS), else AWS_ENDPOINT_URL.
 * @param {string} serviceId @param {Record<string, string | undefined>} env */
function environmentEndpoint(serviceId, env) {
  return env[`AWS_ENDPOINT_URL_${serviceId.toUpperCase().replaceAll('-', '_')}`] || env.AWS_ENDPOINT_URL || undefined;
}

/**
 * When a call that began at local time `started` began by the server's clock: the local clock
 * with the known offset, kept within what the answer's Date header (exact to the second, where
 * it is readable) allows.
 * @param {any} headers @param {number} started @param {number} offset
 */
function serverTimeAtStart(headers, started, offset) {
  const estimate = started + offset;
  const date = Date.parse(headers?.get?.('date') ?? '');
  if (!(date >= EARLIEST_SERVER_TIME && date < LATEST_SERVER_TIME)) return estimate;
  const elapsed = Date.now() - started;
  return Math.min(Math.max(estimate, date - elapsed), date + 1000 - elapsed);
}

/** A positive finite number from the caller, or the default. @param {any} value @param {number} fallback */
export function limit(value, fallback) {
  return value > 0 && Number.isFinite(value) ? value : fallback;
}

/** Math.random as loaded: a test or an app that stubs Math.random (for retry jitter, say) must not
 * make every call's invocation id the same. */
const random = Math.random;

/** '00' to 'ff': a byte's two hex digits. */
const HEX_BYTES = Array.from({ length: 256 }, (_, i) => i.toString(16).padStart(2, '0'));

/** A version-4 UUID for amz-sdk-invocation-id, which ties one call's attempts together: it must be
 * unique, not unpredictable (nothing is authorised by it). From Math.random (seeded per process from
 * system entropy), not crypto.randomUUID: Node.js builds its whole WebCrypto on the first use of
 * globalThis.crypto, and browsers offer randomUUID only in secure contexts. */
function uuid() {
  let hex = '';
  for (let i = 0; i < 16; i++) {
    // byte 6: version 4; byte 8: the RFC 4122 variant
    hex += HEX_BYTES[i === 6 ? 0x40 | (random() * 16) : i === 8 ? 0x80 | (random() * 64) : random() * 256 | 0];
  }
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/** One call's state across its attempts. */
class Call {
  /**
   * @param {Record<string, any>} config @param {string} operation @param {string} json
   * @param {{ call: number, url: string, body: string, eventIds?: string[] }} prepared
   * @param {{signal?: AbortSignal, requestTimeout?: number}} options
   */
  constructor(config, operation, json, prepared, options) {
    this.operation = operation;
    this.json = json;
    this.prepared = prepared;
    this.maxAttempts = Math.max(1, config.maxAttempts ?? 3);
    this.requestTimeout = limit(options.requestTimeout ?? config.requestTimeout, DEFAULT_REQUEST_TIMEOUT);
    this.maxResponseBytes = limit(config.maxResponseBytes, DEFAULT_MAX_RESPONSE_BYTES);
    this.invocationId = uuid();
    this.started = Date.now();
    this.signal = options.signal;
    this.totalRetryDelay = 0;
    /** An attempt may have reached the service without our seeing the answer. */
    this.uncertain = false;
  }
}

export class ServiceClient {
  /** @type {string} */
  static serviceId;
  #inspectRequest;
  #inspectResponse;

  /**
   * @param {object} [config] { region, credentials, endpoint, useFipsEndpoint, useDualstackEndpoint,
   *   maxAttempts, requestTimeout, systemClockOffset, fetch }
   */
  constructor(config = {}) {
    /** @type {Record<string, any>} */
    this.config = { ...config };
    /** Milliseconds to add to the local clock when signing (learnt from clock-skew errors). */
    this.systemClockOffset = this.config.systemClockOffset ?? 0;
    /** The last request built (method, url, headers, body, canonical request, string to sign,
     * signature) and response seen, for inspection; the secret key is never part of them, the
     * session token is redacted. An own property like the others, built when first read: most
     * calls are never inspected. */
    this.#inspectRequest = lazyProperty(this, 'lastRequest');
    this.#inspectResponse = lazyProperty(this, 'lastResponse');
    this.retryTokens = RETRY_BUCKET;
    /** @type {Promise<void> | undefined} */
    this.ready = undefined;
  }

  /** In Node.js, fills what the options leave out from the environment and shared files. */
  resolveConfig() {
    this.ready ??= (async () => {
      if (!isNode || this.config.loadFromEnvironment === false) return;
      const { serviceId } = /** @type {typeof ServiceClient} */ (this.constructor);
      /** @type {Record<string, unknown>} */
      const defaults = { endpoint: environmentEndpoint(serviceId, process.env) };
      // Only a missing region or credentials needs the shared files and AWS's providers, so only
      // then is the Node-only config module loaded (its import is about 1 ms of a cold start).
      if (this.config.region === undefined || this.config.credentials === undefined) {
        // By URL, relative to the built glue (web/lib/personalize.mjs, this module bundled): a
        // bundler for browsers leaves it alone, and browsers never get here.
        const { nodeDefaults } = await import(/* webpackIgnore: true */ /* @vite-ignore */ new URL('../node/config.mjs', import.meta.url).href);
        Object.assign(defaults, await nodeDefaults(this.config));
      }
      for (const [key, value] of Object.entries(defaults)) if (this.config[key] === undefined) this.config[key] = value;
    })();
    return this.ready;
  }

  async credentials() {
    const c = this.config.credentials;
    const resolved = typeof c === 'function' ? await c() : c;
    return resolved ?? {};
  }

  /**
   * Validates, builds and signs (in WASM), sends with retries, parses (in WASM). One async loop:
   * each step of an attempt that needs no waiting is a synchronous method.
   * @param {string} operation
   * @param {unknown} input
   * @param {{signal?: AbortSignal, requestTimeout?: number}} [options]
   */
  async send(operation, input, options = {}) {
    const core = await loadCore();
    await this.resolveConfig();
    const json = inputJson(input);
    // Validated, serialized and resolved once, kept in C under a call handle; each attempt only signs.
    let prepared;
    while (!(prepared = core.prepare(String(operation), json, this.config))) await core.freeCall();
    const call = new Call(this.config, String(operation), json, prepared, options);
    const { signal } = call;
    try {
      for (let attempt = 1; ; attempt++) {
        if (signal?.aborted) throw withMetadata(abortError(signal), { attempts: attempt - 1, totalRetryDelay: call.totalRetryDelay });
        const built = this.#sign(core, call, attempt, await this.credentials());
        /** @type {{ result?: any, error?: any, skewCorrected?: boolean }} */
        let outcome;
        try {
          const response = await this.fetchOnce(built, signal, call.requestTimeout, call.maxResponseBytes);
          outcome = this.#examine(core, call, attempt, response, bodyBytes(await response.arrayBuffer()));
        } catch (err) {
          if (err?.name === 'AbortError' || signal?.aborted) throw withMetadata(abortError(signal), { attempts: attempt, totalRetryDelay: call.totalRetryDelay });
          call.uncertain = true;
          outcome = { error: err, skewCorrected: false };
        }
        if (outcome.result) return outcome.result;
        const delay = this.#retryDelay(call, attempt, outcome.error, outcome.skewCorrected);
        try {
          await sleep(delay, signal);
        } catch (err) {
          throw withMetadata(err, { attempts: attempt, totalRetryDelay: call.totalRetryDelay });
        }
        call.totalRetryDelay += delay;
      }
    } finally {
      core.endCall(prepared.call);
    }
  }

  /**
   * One attempt's request, signed in C; lastRequest is built from it when read.
   * @param {import('./core.mjs').Core} core @param {Call} call @param {number} attempt @param {any} credentials
   */
  #sign(core, call, attempt, credentials) {
    const date = amzDate(this.signingDate());
    const sign = (/** @type {number} */ handle, /** @type {boolean} */ canonical) => core.signAttempt(handle, credentials, date,
      call.invocationId, attempt, call.maxAttempts, canonical);
    const signed = sign(call.prepared.call, false);
    const built = { method: 'POST', url: call.prepared.url, headers: signed.headers, body: call.prepared.body };
    // Read later, when the call may have ended: the same request prepared again, signed the same way.
    this.#inspectRequest(() => inspectable(built, signed.signature,
      () => /** @type {[string, string]} */ (core.withPrepared(call.operation, call.json, this.config, (h) => sign(h, true)).canonical)));
    return built;
  }

  /**
   * An answer examined in C: { result } (the output), or { error, skewCorrected }.
   * @param {import('./core.mjs').Core} core @param {Call} call @param {number} attempt @param {any} response @param {Uint8Array} body
   */
  #examine(core, call, attempt, response, body) {
    const attemptDelay = call.totalRetryDelay;
    this.#inspectResponse(() => lastResponse(response, body, attempt, attemptDelay));
    const examined = core.examine(call.prepared.call, null, response.status, headerReader(response.headers), body);
    const result = outcome(examined, response.status, attempt, call.totalRetryDelay);
    if (!(result instanceof Error)) {
      this.retryTokens = Math.min(RETRY_BUCKET, this.retryTokens + 1);
      if (call.prepared.eventIds) result.eventIds = call.prepared.eventIds;
      return { result };
    }
    // The server's clock at the moment this call began, for evidence that a conflict is ours.
    Object.defineProperty(result, 'serverTimeAtStart', { value: serverTimeAtStart(response.headers, call.started, this.systemClockOffset) });
    const skewCorrected = CLOCK_SKEW.has(result.name) && this.correctClock(response.headers.get('date'));
    if (response.status >= 500) call.uncertain = true;
    return { error: result, skewCorrected };
  }

  /**
   * The wait before the next attempt (full jitter; none after a corrected clock), its retry tokens
   * taken; throws the error, with its metadata, when the standard policy allows no other attempt.
   * @param {Call} call @param {number} attempt @param {any} error @param {boolean | undefined} skewCorrected
   */
  #retryDelay(call, attempt, error, skewCorrected) {
    const { retryable, throttled, cost } = classifyError(error, skewCorrected);
    withMetadata(error, { attempts: attempt, totalRetryDelay: call.totalRetryDelay });
    if (call.uncertain) Object.defineProperty(error, 'uncertain', { value: true });
    if (!retryable || attempt >= call.maxAttempts || this.retryTokens < cost) throw error;
    this.retryTokens -= cost;
    return skewCorrected ? 0 : retryDelay(attempt, { throttled });
  }

  /**
   * One HTTP exchange through the configured fetch (transport.mjs): headers and body within
   * `timeout` ms, the body at most `maxBytes` long, never following a redirect.
   * @param {{ url: string, method: string, headers: Array<[string, string]>, body?: string }} request
   * @param {AbortSignal | undefined} signal @param {number} timeout @param {number} maxBytes
   */
  fetchOnce(request, signal, timeout, maxBytes) {
    return fetchOnce(this.config.fetch ?? globalThis.fetch, request, signal, timeout, maxBytes);
  }

  /** Now by the server's clock as far as it is known; a correction never makes signing fail. */
  signingDate() {
    const time = Date.now() + this.systemClockOffset;
    if (time >= EARLIEST_SERVER_TIME && time < LATEST_SERVER_TIME) return new Date(time);
    this.systemClockOffset = 0;
    return new Date();
  }

  /**
   * Keeps the offset to the server's clock when it is more than 5 minutes off; true if changed.
   * Only a plausible server time is believed (see EARLIEST_SERVER_TIME), so a hostile Date
   * header cannot push signing dates where they can no longer be written.
   * @param {string | null | undefined} dateHeader
   */
  correctClock(dateHeader) {
    const serverTime = Date.parse(dateHeader ?? '');
    if (!(serverTime >= EARLIEST_SERVER_TIME && serverTime < LATEST_SERVER_TIME)) return false;
    const offset = serverTime - Date.now();
    if (Math.abs(Date.now() + this.systemClockOffset - serverTime) < SKEW_LIMIT) return false;
    this.systemClockOffset = offset;
    return true;
  }
}
