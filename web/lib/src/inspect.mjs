// What callers may inspect of a call: signRequest's results, a client's lastRequest and
// lastResponse. Each is plain data (own enumerable properties) whose costly parts (the canonical
// request, decoded headers and body) are derived only when first read: most calls are never
// inspected. The session token is redacted wherever it appears; the secret key never is part.

import { decoder } from './arguments.mjs';
import { headerPairs } from './input.mjs';

/** The hidden state of a lazy result: what its getters derive from, and what they derived. */
const LAZY = Symbol('lazy');

/** canonicalRequest and stringToSign, derived (the same signing again, in WASM) when first read. */
const CANONICAL_ACCESSORS = {
  canonicalRequest: {
    get() {
      const lazy = this[LAZY];
      return lazy.redact(canonicalOf(lazy)[0]);
    },
    enumerable: true,
  },
  stringToSign: {
    get() {
      return canonicalOf(this[LAZY])[1];
    },
    enumerable: true,
  },
};

function canonicalOf(lazy) {
  return (lazy.canonical ??= lazy.derive());
}

/**
 * The signed fields, then canonicalRequest and stringToSign (derived only when first read; redact
 * is applied to the canonical request), then signature: all own enumerable properties, as a plain
 * object's would be (spread, structuredClone and JSON.stringify see them all). The getters are
 * shared functions: an object literal with getters costs more to build than a signature. more:
 * further hidden state for the target's own getters (signRequest's headers).
 */
export function signedResult(fields, signature, derive, redact = /** @type {(text: string) => string} */ (String), /** @type {object} */ more = {}) {
  withLazyFields(fields, { derive, redact, canonical: undefined, ...more }, CANONICAL_ACCESSORS).signature = signature;
  return fields;
}

/** A signed request's headers, parsed from the core's text when first read (writable, as data). */
const HEADERS_ACCESSOR = {
  get() {
    const lazy = this[LAZY];
    return (lazy.headers ??= lazy.readHeaders());
  },
  set(value) {
    this[LAZY].headers = value;
  },
  enumerable: true,
};

/**
 * signRequest's result: headers (parsed when first read), authorization, canonicalRequest and
 * stringToSign (derived when first read), signature, in that order, all own enumerable properties.
 * @param {() => Array<[string, string]>} readHeaders @param {string} authorization @param {string} signature
 * @param {() => [string, string]} derive
 */
export function signedRequest(readHeaders, authorization, signature, derive) {
  const target = /** @type {Record<string, unknown>} */ (Object.defineProperty({}, 'headers', HEADERS_ACCESSOR));
  target.authorization = authorization;
  return signedResult(target, signature, derive, undefined, { readHeaders, headers: undefined });
}

/** target with state hidden under LAZY and the accessors' getters as own enumerable properties
 * (one defineProperty each: measured faster than one defineProperties). */
function withLazyFields(target, state, accessors) {
  Object.defineProperty(target, LAZY, { value: state });
  for (const name in accessors) Object.defineProperty(target, name, accessors[name]);
  return target;
}

/** A response's headers and body, decoded when first read (own enumerable getters, as above). */
const RESPONSE_ACCESSORS = {
  headers: {
    get() {
      return headerPairs(this[LAZY].response.headers);
    },
    enumerable: true,
  },
  body: {
    get() {
      return decoder.decode(this[LAZY].bytes);
    },
    enumerable: true,
  },
};

/** What the inspector shows of a response; headers and body are decoded only when looked at. */
export function lastResponse(response, bytes, attempts, totalRetryDelay) {
  return withLazyFields({ status: response.status, attempts, totalRetryDelay }, { response, bytes }, RESPONSE_ACCESSORS);
}

const REDACTED = '<redacted>';

/**
 * What callers may inspect of a built request: the session token that was signed (whatever
 * whitespace was pasted around it) is replaced everywhere it appears. The secret key never is
 * part of a built request.
 */
export function inspectable({ method, url, headers, body }, signature, canonical) {
  const sent = headers.find(([name]) => name.toLowerCase() === 'x-amz-security-token')?.[1];
  // As pasted (in the header list) and as signed (trimmed, inner spaces folded: the canonical form).
  const forms = sent ? [...new Set([sent, sent.trim().replace(/\s+/g, ' ')])].filter(Boolean) : [];
  const redact = (text) => forms.reduce((t, form) => t.split(form).join(REDACTED), text);
  // The canonical request is derived later, from the credentials as they are then: its token line is
  // redacted whatever token it holds.
  const redactCanonical = (text) => redact(text).replace(/^x-amz-security-token:.*$/m, `x-amz-security-token:${REDACTED}`);
  return signedResult({ method, url, headers: headers.map(([name, value]) => [name, redact(value)]), body }, signature, canonical, redactCanonical);
}

/**
 * An own enumerable property of target, name, whose value is built when first read (most calls
 * are never inspected); returns the setter of what builds the next value. Assigning a value
 * replaces both.
 */
export function lazyProperty(target, name) {
  let value;
  let build;
  Object.defineProperty(target, name, {
    get() {
      if (build) {
        value = build();
        build = undefined;
      }
      return value;
    },
    set(v) {
      build = undefined;
      value = v;
    },
    enumerable: true,
  });
  return (builder) => {
    build = builder;
  };
}
