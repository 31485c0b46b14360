// personalize-wasm: the JavaScript glue around personalize.wasm.
//
// Validation, serialization, SigV4 signing and response parsing all run in the WebAssembly
// module (C sources in wasm/). This module loads it, moves bytes in and out, and calls fetch.
// Runs unchanged in browsers and in Node.js >= 20. Types: personalize.d.ts.

const WASM_URL = new URL('./personalize.wasm', import.meta.url);
const encoder = new TextEncoder();
const decoder = new TextDecoder();

// ---- the WebAssembly core ------------------------------------------------------------------

let corePromise;
/** The most one call copies into WASM memory at once (the 32-bit module's own limit is 2 GiB). */
const MAX_BLOCK_BYTES = 0x7fffffff;

/** Loads and instantiates personalize.wasm once; later calls share it. */
function loadCore() {
  corePromise ??= instantiate().catch((err) => {
    corePromise = undefined;
    throw err;
  });
  return corePromise;
}

async function instantiate() {
  // The module imports nothing (its own allocator grows memory; views are re-made after every call).
  const imports = {};
  let instance;
  if (WASM_URL.protocol === 'file:') {
    // Node.js only. Read and compiled synchronously: the module is small (V8 compiles its functions
    // lazily, on first call), and readFile + WebAssembly.instantiate only add a file handle, a
    // compile task and their event-loop turns (about 0.2 ms of a cold start). process.getBuiltinModule
    // (Node.js >= 20.16) hands over node:fs, loaded at startup, without an import; webpack must not
    // try to bundle the node: URL.
    const fs = globalThis.process?.getBuiltinModule?.('node:fs') ?? await import(/* webpackIgnore: true */ 'node:fs');
    instance = new WebAssembly.Instance(new WebAssembly.Module(fs.readFileSync(WASM_URL)), imports);
  } else {
    const response = await fetch(WASM_URL);
    if (!response.ok) throw new Error(`Could not load ${WASM_URL}: HTTP ${response.status}`);
    try {
      ({ instance } = await WebAssembly.instantiateStreaming(response.clone(), imports));
    } catch {
      // A host that serves .wasm with the wrong MIME type: compile from the bytes instead.
      ({ instance } = await WebAssembly.instantiate(await response.arrayBuffer(), imports));
    }
  }
  instance.exports._initialize();
  return new Core(instance.exports);
}

// Flags and codes of the binary boundary (wasm/wasm_exports.h).
const NORMALIZE_PATH = 1;
const SIGN_BODY = 2;
const OMIT_TOKEN = 4;
const SIGN_CANONICAL = 8;
const SIGN_CLIENT = 16;
const SIGN_PAYLOAD_HASH = 32;
const ADDED_HEADERS = { 0x100: 'X-Amz-Date', 0x101: 'X-Amz-Security-Token', 0x102: 'X-Amz-Content-Sha256', 0x103: 'Authorization' };

/** Header pairs for Core.call: written into the block as, per pair, the name's and the value's
 * UTF-8 lengths (u32, little-endian) then the two strings; passed as one (pointer, length). */
class HeaderList {
  constructor(pairs) {
    this.pairs = pairs;
  }
}

class Core {
  constructor(exports) {
    this.x = exports;
    this.block = 0;
    this.capacity = 0;
    /** A view of the block (see reserve). */
    this.view = undefined;
    /** credentials object → { handle, secret }: the signing key's handle in WASM. */
    this.keys = new WeakMap();
  }

  /**
   * Runs fn with the values (strings as UTF-8, bytes, header lists, null) written one after the
   * other into the reused block, each passed as (pointer, length), null as (0, 0), numbers as they
   * are; read(result) reads the result struct before pw_done wipes it (and the block's used bytes).
   */
  call(fn, args, read) {
    const x = this.x;
    let need = 0;
    for (const v of args) {
      if (typeof v === 'string') need += v.length * 3;
      // byteLength, not length: V8 11.3's optimizing compiler (Node 20) crashes on a `.length`
      // read from both strings and typed arrays in a function that also calls a Wasm export.
      else if (v instanceof Uint8Array) need += v.byteLength;
      else if (v instanceof HeaderList) for (const [n, val] of v.pairs) need += 8 + (n.length + val.length) * 3;
    }
    const memory = this.reserve(need);
    const flat = [];
    let used = 0;
    for (const v of args) {
      if (typeof v === 'number') {
        flat.push(v);
      } else if (v == null) {
        flat.push(0, 0);
      } else if (v instanceof HeaderList) {
        const start = used;
        for (const [n, val] of v.pairs) {
          const name = putString(n, memory, used + 8);
          const value = putString(val, memory, used + 8 + name);
          memory[used] = name; memory[used + 1] = name >> 8; memory[used + 2] = name >> 16; memory[used + 3] = name >>> 24;
          memory[used + 4] = value; memory[used + 5] = value >> 8; memory[used + 6] = value >> 16; memory[used + 7] = value >>> 24;
          used += 8 + name + value;
        }
        flat.push(this.block + start, used - start);
      } else {
        const written = typeof v === 'string' ? putString(v, memory, used) : (memory.set(v, used), v.byteLength);
        flat.push(this.block + used, written);
        used += written;
      }
    }
    try {
      const r = x[fn](...flat);
      if (!r) throw namedError('OutOfMemoryError', `personalize.wasm: ${fn} ran out of memory`);
      return read(new Result(x.memory.buffer, r));
    } finally {
      x.pw_done(used);
    }
  }

  /** A view of the block, grown to at least n bytes. */
  reserve(n) {
    // pw_block takes a 32-bit size: a larger number would wrap around to a small block.
    if (n > this.capacity) {
      const block = n <= MAX_BLOCK_BYTES ? this.x.pw_block(n) : 0;
      if (!block) throw namedError('OutOfMemoryError', `personalize.wasm: could not allocate ${n} bytes`);
      this.block = block;
      this.capacity = n;
    }
    // The view is made again only after memory grew (the old buffer is then detached).
    const buffer = this.x.memory.buffer;
    if (this.view?.buffer !== buffer || this.view.byteOffset !== this.block || this.view.byteLength !== this.capacity) {
      this.view = new Uint8Array(buffer, this.block, this.capacity);
    }
    return this.view;
  }

  /** The key handle for a credentials object's secret, opened (or opened again) as needed. */
  keyFor(credentials) {
    const secret = credentials?.secretAccessKey;
    if (!secret) return 0;
    const known = this.keys.get(credentials);
    if (known?.secret === secret) return known.handle;
    // The old secret's handle may be shared (pw_key_open gives one secret one handle): another
    // object holding it meets KeyHandleError once and opens it again (sign's retry).
    if (known) this.x.pw_key_close(known.handle);
    const bytes = encoder.encode(String(secret));
    this.reserve(bytes.length).set(bytes);
    bytes.fill(0);
    const handle = this.x.pw_key_open(this.block, bytes.length); // wipes the block's copy
    if (typeof credentials === 'object') this.keys.set(credentials, { handle, secret });
    return handle;
  }

  /** Signs; returns { headers, authorization, signature, payloadHash, canonical?: [request, stringToSign] }. */
  sign(credentials, method, path, query, pairs, body, region, service, date, flags) {
    for (let tries = 0; ; tries++) {
      const key = this.keyFor(credentials);
      const token = credentials?.sessionToken ? String(credentials.sessionToken) : null;
      const akid = credentials?.accessKeyId == null ? null : String(credentials.accessKeyId);
      try {
        return this.call('pw_sign_request', [key, method, path, query, new HeaderList(pairs), body, akid, region, service, date, token, flags], (r) => {
          r.check();
          const codes = r.u32(3);
          const headers = new Array(codes.length);
          const authorization = r.text(0);
          for (let i = 0; i < codes.length; i++) {
            const c = codes[i];
            headers[i] = c < 0x100 ? pairs[c]
              : [ADDED_HEADERS[c], c === 0x100 ? date : c === 0x101 ? token : c === 0x103 ? authorization : r.text(2)];
          }
          const out = { headers, authorization, signature: r.text(1) };
          if (flags & SIGN_CANONICAL) out.canonical = [r.text(4), r.text(5)];
          return out;
        });
      } catch (err) {
        if (err.name !== 'KeyHandleError' || tries > 0) throw err;
        this.keys.delete(credentials);
      }
    }
  }
}

/** Writes s as UTF-8 at memory[at]; returns the bytes written. Short ASCII strings (most
 * arguments) are copied directly: cheaper than encodeInto and its subarray. */
function putString(s, memory, at) {
  const n = s.length;
  if (n <= 64) {
    let i = 0;
    for (; i < n; i++) {
      const c = s.charCodeAt(i);
      if (c > 0x7f) break;
      memory[at + i] = c;
    }
    if (i === n) return n;
  }
  return encoder.encodeInto(s, memory.subarray(at)).written;
}

/** The result struct's size in words: status, then PW_FIELDS (9) (pointer, length) fields. */
const RESULT_WORDS = 1 + 2 * 9;

/** The result struct: status, then (pointer, length) fields. */
class Result {
  constructor(buffer, pointer) {
    this.words = new Uint32Array(buffer, pointer, RESULT_WORDS);
    this.buffer = buffer;
  }

  get ok() {
    return this.words[0] === 0;
  }

  /** Field i as text ('' when empty). */
  text(i) {
    const length = this.words[2 + 2 * i];
    return length === 0 ? '' : decoder.decode(new Uint8Array(this.buffer, this.words[1 + 2 * i], length));
  }

  /** A view, not a copy (the field is a malloc'd, so aligned, array): read it before pw_done. */
  u32(i) {
    return new Uint32Array(this.buffer, this.words[1 + 2 * i], this.words[2 + 2 * i] / 4);
  }

  /** Throws the failure every export reports the same way: name, message, detail. */
  check() {
    if (this.ok) return;
    const name = this.text(0);
    if (name === 'ValidationError') throw validationError(JSON.parse(this.text(2)));
    throw namedError(name, this.text(1));
  }
}

// ---- generated from wasm/model.json by wasm/gen_artifacts.mjs; do not edit ----
/** Output members that are timestamps (epoch seconds on the wire; Dates for callers). */
const OUTPUT_TIMESTAMPS = new Set(['creationDateTime', 'lastUpdatedDateTime']);
// ---- end generated ----

// The service sends timestamps as epoch seconds; callers get Dates, as from the AWS SDKs.
/** False only when no output timestamp member can be in json: none is named, and no key can hide
 * one in escapes. */
function mayHaveTimestamps(json) {
  if (json.includes('\\u')) return true;
  for (const name of OUTPUT_TIMESTAMPS) if (json.includes(`"${name}"`)) return true;
  return false;
}

function reviveTimestamps(key, value) {
  return typeof value === 'number' && OUTPUT_TIMESTAMPS.has(key) ? new Date(value * 1000) : value;
}

// ---- input to JSON ---------------------------------------------------------------------------

// Stands in for what JSON can't say (BigInt, NaN, Infinity, an invalid Date, a symbol, a function)
// and for objects nested deeper than MAX_INPUT_DEPTH: no member of the model accepts a boolean, so
// the validator rejects it by type at the right field. (A string would pass as a valid name or
// eventType, and JSON.stringify would silently drop a symbol or a function.)
const NOT_JSON = true;
const MAX_INPUT_DEPTH = 200; // deeper than any valid input; keeps JSON.stringify and cJSON off their limits
// Some nine times the largest valid input (a PutEvents of 10 full events is ~115,000 characters of
// JSON): anything larger is refused before it enters WASM memory, which never shrinks again.
const MAX_INPUT_CHARS = 1024 * 1024;
// Longer than any string member may be (the longest allows 2,048 characters): a longer string is
// cut to this length, still too long, so the validator names its field without its bulk entering WASM.
const MAX_STRING_CHARS = 65_536;

/** JSON for the C validator: Dates become epoch seconds; what JSON can't say becomes NOT_JSON,
 * which the validator rejects by type, rather than silently vanishing or turning into null.
 * Whatever throws on the way (a getter, a Proxy trap, a cycle) is a ValidationError. */
function inputJson(input) {
  let json;
  try {
    const flat = flatPlainCopy(input);
    json = flat ? JSON.stringify(flat) : checkedJson(input);
  } catch (err) {
    throw validationError([{ field: 'input', message: `must be plain data (${err.message})` }]);
  }
  if (json.length > MAX_INPUT_CHARS) {
    throw validationError([{ field: 'input', message: `is larger than any valid request (over ${MAX_INPUT_CHARS} characters of JSON)` }]);
  }
  return json;
}

/** For a plain object of strings (not over MAX_STRING_CHARS), finite numbers, booleans and nulls
 * only: a copy, each value read once, that JSON.stringify turns into exactly what checkedJson
 * would, without a replacer's cost; undefined for anything else. */
function flatPlainCopy(input) {
  if (input === null || typeof input !== 'object') return undefined;
  const proto = Object.getPrototypeOf(input);
  if (proto !== Object.prototype && proto !== null) return undefined;
  const copy = proto === null ? Object.create(null) : {};
  for (const key of Object.keys(input)) {
    const v = input[key];
    if (key === '__proto__' || (typeof v === 'string' ? v.length > MAX_STRING_CHARS
      : typeof v === 'number' ? !Number.isFinite(v) : v !== null && typeof v !== 'boolean')) return undefined;
    copy[key] = v;
  }
  return copy;
}

function checkedJson(input) {
  const depth = new WeakMap();
  return JSON.stringify(input ?? null, function (key, value) {
    const raw = this[key];
    if (raw instanceof Date) return Number.isNaN(raw.getTime()) ? NOT_JSON : raw.getTime() / 1000;
    if (typeof value === 'bigint' || typeof value === 'symbol' || typeof value === 'function'
      || (typeof value === 'number' && !Number.isFinite(value))) return NOT_JSON;
    if (typeof value === 'string' && value.length > MAX_STRING_CHARS) return value.slice(0, MAX_STRING_CHARS).replace(/[\ud800-\udbff]$/, '');
    if (value !== null && typeof value === 'object') {
      const d = (depth.get(this) ?? 0) + 1;
      if (d > MAX_INPUT_DEPTH) return NOT_JSON;
      depth.set(value, d);
    }
    return value;
  });
}

function validationError(errors) {
  const summary = errors.map((e) => `${e.field}: ${e.message}`).join('; ');
  const err = new Error(`${errors.length} validation error${errors.length > 1 ? 's' : ''}: ${summary}`);
  err.name = 'ValidationError';
  err.errors = errors;
  return err;
}

function namedError(name, message) {
  const err = new Error(message);
  err.name = name;
  return err;
}

let lastSecond = NaN;
let lastAmzDate = '';

/** YYYYMMDDTHHMMSSZ; remembered for the current second, since calls come many a second. From the
 * UTC getters, not toISOString and a regex (a tenth of the first call's cost). A year outside
 * 0000-9999 has no such form: the empty string, which the core refuses as a date. */
function amzDate(date) {
  const ms = date instanceof Date ? date.getTime() : NaN;
  if (Number.isNaN(ms)) throw namedError('SigningError', 'date must be a valid Date');
  const second = Math.floor(ms / 1000);
  if (second !== lastSecond) {
    const d = new Date(second * 1000);
    const y = d.getUTCFullYear();
    const digits = String(((((y * 100 + d.getUTCMonth() + 1) * 100 + d.getUTCDate()) * 100 + d.getUTCHours()) * 100
      + d.getUTCMinutes()) * 100 + d.getUTCSeconds()).padStart(14, '0'); // exact: under 2 ** 53 for every Date
    lastAmzDate = y >= 0 && y <= 9999 ? `${digits.slice(0, 8)}T${digits.slice(8)}Z` : '';
    lastSecond = second;
  }
  return lastAmzDate;
}

/** Headers (pairs, a plain object, or Headers/Map) as [[name, value]...] of strings. */
function headerPairs(headers) {
  if (headers == null) return [];
  const pairs = Array.isArray(headers) ? headers
    : typeof headers.entries === 'function' ? [...headers.entries()] : Object.entries(headers);
  return pairs.map(([name, value]) => [String(name), String(value)]);
}

/** A reader of one header (a string, or null) by its lower-case name from headers as headerPairs
 * takes them; a fetch Headers object through its own case-insensitive get(), without copying it
 * to pairs first. Only a real Headers (by its tag: the global itself is not touched, which would
 * load Node's fetch) is trusted to fold case; what anything returns is made a string. */
function headerReader(headers) {
  if (Object.prototype.toString.call(headers) === '[object Headers]' && typeof headers.get === 'function') {
    return (name) => stringOrNull(headers.get(name));
  }
  const pairs = headerPairs(headers);
  return (name) => {
    const found = pairs.find(([n]) => n.toLowerCase() === name);
    return found ? found[1] : null;
  };
}

function bodyBytes(body) {
  if (body == null) return new Uint8Array(0);
  if (typeof body === 'string') return encoder.encode(body);
  if (body instanceof Uint8Array) return body;
  if (body instanceof ArrayBuffer) return new Uint8Array(body);
  if (ArrayBuffer.isView(body)) return new Uint8Array(body.buffer, body.byteOffset, body.byteLength);
  throw new TypeError('body must be a string, Uint8Array or ArrayBuffer');
}

// ---- exported helpers --------------------------------------------------------------------------

/**
 * Checks CreateEventTracker input against the model.
 * @param {unknown} input
 * @returns {Promise<Array<{field: string, message: string}>>}
 */
export async function validateCreateEventTracker(input) {
  return validate('CreateEventTracker', input);
}

/**
 * Checks any supported operation's input against the model.
 * @param {string} operation e.g. 'CreateEventTracker', 'PutEvents'
 * @param {unknown} input
 * @returns {Promise<Array<{field: string, message: string}>>}
 */
export async function validate(operation, input) {
  const core = await loadCore();
  return core.call('pw_check_input', [String(operation), inputJson(input)], (r) => (r.ok ? [] : JSON.parse(r.text(2))));
}

/**
 * SigV4-signs an HTTP request (AWS4-HMAC-SHA256, Authorization header).
 * @param {{method: string, path: string, query?: string, headers?: Array<[string,string]>|Record<string,string>, body?: string|Uint8Array}} request
 * @param {{credentials: {accessKeyId: string, secretAccessKey: string, sessionToken?: string}, region: string, service: string, date?: Date, signBody?: boolean, omitSessionToken?: boolean, normalizePath?: boolean}} options
 */
export async function signRequest(request, options = {}) {
  const core = await loadCore();
  const { credentials = {}, date = new Date() } = options;
  const amz = amzDate(date);
  const flags = (options.normalizePath !== false ? NORMALIZE_PATH : 0) | (options.signBody ? SIGN_BODY : 0) | (options.omitSessionToken ? OMIT_TOKEN : 0);
  const args = [credentials, String(request.method ?? 'GET'), String(request.path ?? '/'), String(request.query ?? ''),
    headerPairs(request.headers), typeof request.body === 'string' ? request.body : bodyBytes(request.body), stringOrNull(options.region), stringOrNull(options.service), amz];
  const out = core.sign(...args, flags);
  return signedResult({ headers: out.headers, authorization: out.authorization }, out.signature,
    () => core.sign(...args, flags | SIGN_CANONICAL).canonical);
}

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
 * shared functions: an object literal with getters costs more to build than a signature.
 */
function signedResult(fields, signature, derive, redact = String) {
  withLazyFields(fields, { derive, redact, canonical: undefined }, CANONICAL_ACCESSORS).signature = signature;
  return fields;
}

/** target with state hidden under LAZY and the accessors' getters as own enumerable properties
 * (one defineProperty each: measured faster than one defineProperties). */
function withLazyFields(target, state, accessors) {
  Object.defineProperty(target, LAZY, { value: state });
  for (const name in accessors) Object.defineProperty(target, name, accessors[name]);
  return target;
}

/** region, endpoint and the FIPS / dual-stack flags, as the endpoint exports take them. */
function endpointArgs(c) {
  return [typeof c.region === 'string' ? c.region : null, c.endpoint == null ? null : String(c.endpoint),
    (c.useFipsEndpoint ? 1 : 0) | (c.useDualstackEndpoint ? 2 : 0)];
}

function stringOrNull(v) {
  return v == null ? null : String(v);
}

/**
 * The endpoint URL by the AWS SDKs' rules; throws the rule's message on a bad configuration.
 * @param {{region?: string, useFipsEndpoint?: boolean, useDualstackEndpoint?: boolean, endpoint?: string}} config
 * @param {'personalize'|'personalize-events'} [service]
 * @returns {Promise<{url: string}>}
 */
export async function resolveEndpoint(config, service = 'personalize') {
  const core = await loadCore();
  const c = config ?? {};
  const index = service === 'personalize' ? 0 : service === 'personalize-events' ? 1 : 2;
  return core.call('pw_endpoint_url', [...endpointArgs(c), index], (r) => {
    r.check();
    return { url: r.text(0) };
  });
}

/**
 * Parses a service response; returns the output or throws the service's error.
 * @param {string} operation
 * @param {{status: number, headers?: any, body?: string|Uint8Array|ArrayBuffer}} response
 */
export async function parseResponse(operation, response) {
  const core = await loadCore();
  const result = outcome(parseWith(core, operation, response), response.status, 1, 0);
  if (result instanceof Error) throw result;
  return result;
}

/** What C found in a response: { output, requestId } or { error: { name, message, fault }, requestId };
 * only the headers it reads are passed, and the body it approved is parsed here, once. */
function parseWith(core, operation, { status, headers, body }) {
  const header = headerReader(headers);
  const bytes = bodyBytes(body);
  let output;
  const found = core.call('pw_examine', [status | 0, String(operation), header('x-amzn-errortype'), header('x-amzn-requestid'),
    header('x-amz-request-id'), bytes], (r) => {
    if (r.ok) {
      output = r.text(0);
      return { requestId: r.text(1) || undefined };
    }
    return { error: { name: r.text(0), message: r.text(1), fault: r.text(2) || undefined }, requestId: r.text(3) || undefined };
  });
  if (output === undefined) return found;
  try {
    // Only outputs that name a timestamp member get the reviver: it slows JSON.parse down.
    found.output = output === '' ? {} : JSON.parse(output, mayHaveTimestamps(output) ? reviveTimestamps : undefined);
  } catch {
    // Only a response body the C parser accepted but JavaScript cannot read gets here.
    throw namedError('DeserializationError', 'The response body is not valid JSON');
  }
  return found;
}

/** The output with $metadata, or the service error the parser found (an Error, with the same $metadata). */
function outcome(parsed, httpStatusCode, attempts, totalRetryDelay) {
  const $metadata = { httpStatusCode, requestId: parsed.requestId, attempts, totalRetryDelay };
  if (!parsed.error) return { ...parsed.output, $metadata };
  const { name, message, fault } = parsed.error;
  return withMetadata(Object.assign(namedError(name, message), { $fault: fault }), $metadata);
}

// ---- clients ---------------------------------------------------------------------------------

// Browsers refuse to set these; the values fetch sends are the ones that were signed.
const UNSENDABLE = new Set(['host', 'content-length']);

// The AWS SDKs' standard retry mode (see README: "Retries").
const THROTTLING = new Set(['BandwidthLimitExceeded', 'EC2ThrottledException', 'LimitExceededException', 'PriorRequestNotComplete',
  'ProvisionedThroughputExceededException', 'RequestLimitExceeded', 'RequestThrottled', 'RequestThrottledException', 'SlowDown',
  'ThrottledException', 'Throttling', 'ThrottlingException', 'TooManyRequestsException', 'TransactionInProgressException']);
const TRANSIENT = new Set(['TimeoutError', 'RequestTimeout', 'RequestTimeoutException', 'NetworkError']);
const CLOCK_SKEW = new Set(['RequestTimeTooSkewed', 'RequestExpired', 'RequestInTheFuture', 'InvalidSignatureException',
  'SignatureDoesNotMatch', 'AuthFailure', 'AccessDeniedException']);
const RETRY_BUCKET = 500;
const RETRY_COST = 5;
const TIMEOUT_RETRY_COST = 10;
const MAX_RETRY_DELAY = 20_000;
const SKEW_LIMIT = 5 * 60_000;

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
function withMetadata(err, metadata) {
  err.$metadata = { ...err.$metadata, ...metadata };
  return err;
}

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
 * variable (AWS_ENDPOINT_URL_PERSONALIZE, AWS_ENDPOINT_URL_PERSONALIZE_EVENTS), else AWS_ENDPOINT_URL. */
function environmentEndpoint(serviceId, env) {
  return env[`AWS_ENDPOINT_URL_${serviceId.toUpperCase().replaceAll('-', '_')}`] || env.AWS_ENDPOINT_URL || undefined;
}

function abortError(signal) {
  const reason = signal?.reason;
  const err = namedError('AbortError', `Request aborted${reason instanceof Error ? `: ${reason.message}` : reason != null ? `: ${reason}` : ''}`);
  if (reason !== undefined) err.cause = reason;
  return err;
}

function sleep(ms, signal) {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(abortError(signal));
    const onAbort = () => {
      clearTimeout(timer);
      reject(abortError(signal));
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal?.addEventListener('abort', onAbort, { once: true });
  });
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
function lastResponse(response, bytes, attempts, totalRetryDelay) {
  return withLazyFields({ status: response.status, attempts, totalRetryDelay }, { response, bytes }, RESPONSE_ACCESSORS);
}

const REDACTED = '<redacted>';

/**
 * What callers may inspect of a built request: the session token that was signed (whatever
 * whitespace was pasted around it) is replaced everywhere it appears. The secret key never is
 * part of a built request.
 */
function inspectable({ method, url, headers, body }, signature, canonical) {
  const sent = headers.find(([name]) => name.toLowerCase() === 'x-amz-security-token')?.[1];
  // As pasted (in the header list) and as signed (trimmed, inner spaces folded: the canonical form).
  const forms = sent ? [...new Set([sent, sent.trim().replace(/\s+/g, ' ')])].filter(Boolean) : [];
  const redact = (text) => forms.reduce((t, form) => t.split(form).join(REDACTED), text);
  // The canonical request is derived later, from the credentials as they are then: its token line is
  // redacted whatever token it holds.
  const redactCanonical = (text) => redact(text).replace(/^x-amz-security-token:.*$/m, `x-amz-security-token:${REDACTED}`);
  return signedResult({ method, url, headers: headers.map(([name, value]) => [name, redact(value)]), body }, signature, canonical, redactCanonical);
}

/** One call's request, prepared once in WASM: validated, serialized, its endpoint resolved. */
function prepare(core, operation, json, config) {
  return core.call('pw_prepare_request', [String(operation), json, ...endpointArgs(config)], (r) => {
    r.check();
    const target = r.text(3);
    const headers = [['Host', r.text(1)], ['Content-Type', r.text(4)]];
    if (target) headers.push(['X-Amz-Target', target]);
    const eventIds = r.text(6);
    return {
      url: r.text(0),
      path: r.text(2),
      headers,
      body: r.text(5),
      /** What each attempt signs instead of the body: its hash, computed once. */
      payloadHash: r.text(8),
      eventIds: eventIds ? JSON.parse(eventIds) : undefined,
      region: r.text(7) || null,
    };
  });
}

/** Math.random as loaded: a test or an app that stubs Math.random (for retry jitter, say) must not
 * make every call's invocation id the same. */
const random = Math.random;

/** A version-4 UUID for amz-sdk-invocation-id, which ties one call's attempts together: it must be
 * unique, not unpredictable (nothing is authorised by it). From Math.random (seeded per process from
 * system entropy), not crypto.randomUUID: Node.js builds its whole WebCrypto on the first use of
 * globalThis.crypto (about 1.7 ms of a cold start), and browsers offer randomUUID only in secure
 * contexts. */
function uuid() {
  let hex = '';
  for (let i = 0; i < 16; i++) {
    // byte 6: version 4; byte 8: the RFC 4122 variant
    hex += HEX_BYTES[i === 6 ? 0x40 | (random() * 16) : i === 8 ? 0x80 | (random() * 64) : random() * 256 | 0];
  }
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/** '00' to 'ff': a byte's two hex digits. */
const HEX_BYTES = Array.from({ length: 256 }, (_, i) => i.toString(16).padStart(2, '0'));

/**
 * An own enumerable property of target, name, whose value is built when first read (most calls
 * are never inspected); returns the setter of what builds the next value. Assigning a value
 * replaces both.
 */
function lazyProperty(target, name) {
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

class ServiceClient {
  #inspectRequest;
  #inspectResponse;

  /**
   * @param {object} [config] { region, credentials, endpoint, useFipsEndpoint, useDualstackEndpoint,
   *   maxAttempts, requestTimeout, systemClockOffset, fetch }
   */
  constructor(config = {}) {
    this.config = { ...config };
    /** Milliseconds to add to the local clock when signing (learnt from clock-skew errors). */
    this.systemClockOffset = config.systemClockOffset ?? 0;
    /** The last request built (method, url, headers, body, canonical request, string to sign,
     * signature) and response seen, for inspection; the secret key is never part of them, the
     * session token is redacted. An own property like the others, built when first read: most
     * calls are never inspected. */
    this.#inspectRequest = lazyProperty(this, 'lastRequest');
    this.#inspectResponse = lazyProperty(this, 'lastResponse');
    this.retryTokens = RETRY_BUCKET;
    this.ready = undefined;
  }

  /** In Node.js, fills what the options leave out from the environment and shared files. */
  resolveConfig() {
    this.ready ??= (async () => {
      if (!isNode || this.config.loadFromEnvironment === false) return;
      const { serviceId } = this.constructor;
      const defaults = { endpoint: environmentEndpoint(serviceId, process.env) };
      // Only a missing region or credentials needs the shared files and AWS's providers, so only
      // then is node-config.mjs loaded (its import is about 1 ms of a cold start).
      if (this.config.region === undefined || this.config.credentials === undefined) {
        const { nodeDefaults } = await import('../node/config.mjs');
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
   * Validates, builds and signs (in WASM), sends with retries, parses (in WASM).
   * @param {string} operation
   * @param {unknown} input
   * @param {{signal?: AbortSignal, requestTimeout?: number}} [options]
   */
  async send(operation, input, options = {}) {
    const core = await loadCore();
    await this.resolveConfig();
    // Validated, serialized and resolved once; each attempt only signs.
    const prepared = prepare(core, operation, inputJson(input), this.config);
    const maxAttempts = Math.max(1, this.config.maxAttempts ?? 3);
    const requestTimeout = limit(options.requestTimeout ?? this.config.requestTimeout, DEFAULT_REQUEST_TIMEOUT);
    const maxResponseBytes = limit(this.config.maxResponseBytes, DEFAULT_MAX_RESPONSE_BYTES);
    const invocationId = uuid();
    const started = Date.now();
    const { signal } = options;
    let totalRetryDelay = 0;
    let uncertain = false; // an attempt may have reached the service without our seeing the answer
    for (let attempt = 1; ; attempt++) {
      if (signal?.aborted) throw withMetadata(abortError(signal), { attempts: attempt - 1, totalRetryDelay });
      const credentials = await this.credentials();
      const headers = [['amz-sdk-invocation-id', invocationId], ['amz-sdk-request', `attempt=${attempt}; max=${maxAttempts}`], ...prepared.headers];
      const args = [credentials, 'POST', prepared.path, '', headers, prepared.payloadHash, prepared.region, 'personalize', amzDate(this.signingDate())];
      const signed = core.sign(...args, NORMALIZE_PATH | SIGN_CLIENT | SIGN_PAYLOAD_HASH);
      const built = { method: 'POST', url: prepared.url, headers: signed.headers, body: prepared.body };
      this.#inspectRequest(() => inspectable(built, signed.signature, () => core.sign(...args, NORMALIZE_PATH | SIGN_CLIENT | SIGN_PAYLOAD_HASH | SIGN_CANONICAL).canonical));

      let error;
      let skewCorrected = false;
      try {
        const response = await this.fetchOnce(built, signal, requestTimeout, maxResponseBytes);
        const body = bodyBytes(await response.arrayBuffer()); // a view, not a copy, of what was read
        const attemptDelay = totalRetryDelay;
        this.#inspectResponse(() => lastResponse(response, body, attempt, attemptDelay));
        const result = outcome(parseWith(core, operation, { status: response.status, headers: response.headers, body }), response.status, attempt, totalRetryDelay);
        if (!(result instanceof Error)) {
          this.retryTokens = Math.min(RETRY_BUCKET, this.retryTokens + 1);
          if (prepared.eventIds) result.eventIds = prepared.eventIds;
          return result;
        }
        error = result;
        // The server's clock at the moment this call began, for evidence that a conflict is ours.
        Object.defineProperty(error, 'serverTimeAtStart', { value: serverTimeAtStart(response.headers, started, this.systemClockOffset) });
        if (CLOCK_SKEW.has(error.name)) skewCorrected = this.correctClock(response.headers.get('date'));
        if (response.status >= 500) uncertain = true;
      } catch (err) {
        if (err?.name === 'AbortError' || signal?.aborted) throw withMetadata(abortError(signal), { attempts: attempt, totalRetryDelay });
        error = err;
        uncertain = true;
      }

      const { retryable, throttled, cost: retryCost } = classifyError(error, skewCorrected);
      withMetadata(error, { attempts: attempt, totalRetryDelay });
      if (uncertain) Object.defineProperty(error, 'uncertain', { value: true });
      if (!retryable || attempt >= maxAttempts || this.retryTokens < retryCost) throw error;
      this.retryTokens -= retryCost;
      // Full jitter; a corrected clock needs no wait.
      const delay = skewCorrected ? 0 : retryDelay(attempt, { throttled });
      try {
        await sleep(delay, signal);
      } catch (err) {
        throw withMetadata(err, { attempts: attempt, totalRetryDelay });
      }
      totalRetryDelay += delay;
    }
  }

  /**
   * One HTTP exchange: headers and body within `timeout` ms, the body at most `maxBytes` long,
   * never following a redirect. Network failures become NetworkError. The deadline holds even
   * for a custom fetch that ignores its AbortSignal: the attempt settles when the timer fires.
   */
  async fetchOnce(request, signal, timeout, maxBytes) {
    const controller = new AbortController();
    let timer;
    let onAbort;
    const expired = new Promise((resolve, reject) => {
      onAbort = () => {
        controller.abort(signal.reason);
        reject(abortError(signal));
      };
      signal?.addEventListener('abort', onAbort, { once: true });
      timer = setTimeout(() => {
        const err = namedError('TimeoutError', `No complete response from ${request.url} within requestTimeout (${timeout} ms)`);
        controller.abort(err);
        reject(err);
      }, Math.min(timeout, 2 ** 31 - 1));
    });
    const exchange = exchangeOnce(this.config.fetch ?? globalThis.fetch, request, controller.signal, maxBytes);
    exchange.catch(() => {}); // settled by the race below; a late failure must not go unhandled
    let finished = false;
    try {
      const response = await Promise.race([exchange, expired]);
      finished = true; // its body is read whole: nothing is left to end
      return response;
    } catch (err) {
      if (err?.name === 'TimeoutError' || err?.name === 'AbortError' || err?.name === 'RedirectError'
        || err?.name === 'ResponseTooLargeError') throw err;
      if (signal?.aborted) throw abortError(signal);
      const code = err?.cause?.code ? ` (${err.cause.code})` : '';
      throw Object.assign(namedError('NetworkError', `Could not reach ${request.url}: ${err?.message ?? err}${code}. Check the endpoint, the network, and (in browsers) CORS.`), { cause: err });
    } finally {
      clearTimeout(timer);
      signal?.removeEventListener('abort', onAbort);
      // Ends a body nobody reads any more (aborting costs a DOMException and an event: not on success).
      if (!finished && !controller.signal.aborted) controller.abort();
    }
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

/** fetch, then the status line checked for a redirect and the body read within its cap. */
async function exchangeOnce(fetchImpl, { url, method, headers, body }, signal, maxBytes) {
  const response = await fetchImpl(url, {
    method,
    headers: headers.filter(([name]) => !UNSENDABLE.has(name.toLowerCase())),
    body,
    redirect: 'manual',
    signal,
  });
  const status = response.status;
  if (response.type === 'opaqueredirect' || response.redirected || (status >= 300 && status < 400)) {
    cancelBody(response);
    throw redirectError(url, response);
  }
  const bytes = await readBody(response, maxBytes, url);
  return { status, headers: response.headers, arrayBuffer: async () => bytes };
}

/**
 * When a call that began at local time `started` began by the server's clock: the local clock
 * with the known offset, kept within what the answer's Date header (exact to the second, where
 * it is readable) allows.
 */
function serverTimeAtStart(headers, started, offset) {
  const estimate = started + offset;
  const date = Date.parse(headers?.get?.('date') ?? '');
  if (!(date >= EARLIEST_SERVER_TIME && date < LATEST_SERVER_TIME)) return estimate;
  const elapsed = Date.now() - started;
  return Math.min(Math.max(estimate, date - elapsed), date + 1000 - elapsed);
}

function redirectError(url, response) {
  const location = response.headers?.get?.('location');
  let target = 'an undisclosed location';
  if (location) {
    try {
      target = new URL(location, url).origin;
    } catch {
      target = 'an unparsable location';
    }
  }
  const status = response.type === 'opaqueredirect' ? 'a redirect' : `HTTP ${response.status}`;
  return namedError('RedirectError', `${url} answered ${status} to ${target}; redirects are never followed, so nothing signed leaves for another origin`);
}

function cancelBody(response) {
  try {
    response.body?.cancel?.().catch?.(() => {});
  } catch {
    // a body that is already locked or gone needs no cancelling
  }
}

function tooLarge(url, maxBytes) {
  return namedError('ResponseTooLargeError', `The response from ${url} is larger than maxResponseBytes (${maxBytes} bytes); it was not read further`);
}

/** The body as bytes, read as a stream and cancelled as soon as it passes maxBytes. */
async function readBody(response, maxBytes, url) {
  const declared = Number(response.headers?.get?.('content-length'));
  if (declared > maxBytes) {
    cancelBody(response);
    throw tooLarge(url, maxBytes);
  }
  const stream = response.body;
  if (!stream || typeof stream.getReader !== 'function') {
    // A custom fetch's response without a stream: only its length can be checked.
    const bytes = new Uint8Array(await response.arrayBuffer());
    if (bytes.length > maxBytes) throw tooLarge(url, maxBytes);
    return bytes;
  }
  const reader = stream.getReader();
  const chunks = [];
  let length = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    length += value.length;
    if (length > maxBytes) {
      reader.cancel().catch(() => {});
      throw tooLarge(url, maxBytes);
    }
    chunks.push(value);
  }
  if (chunks.length === 1) return chunks[0];
  const bytes = new Uint8Array(length);
  let offset = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, offset);
    offset += chunk.length;
  }
  return bytes;
}

/** A positive finite number from the caller, or the default. */
function limit(value, fallback) {
  return value > 0 && Number.isFinite(value) ? value : fallback;
}

/** Amazon Personalize (control plane): event trackers and dataset groups. */
export class PersonalizeClient extends ServiceClient {
  static serviceId = 'personalize';

  /**
   * Creates an event tracker. When the service says the name is taken (on any attempt: an
   * earlier attempt's answer may have been lost, or the browser may have resent the POST by
   * itself), the tracker is looked up, and returned with $metadata.recovered = true only if it
   * has this name and dataset group and was created no earlier than this call began (by the
   * server's clock). Any other tracker of that name keeps the ResourceAlreadyExistsException.
   * @param {{datasetGroupArn: string, name: string, tags?: Array<{tagKey: string, tagValue: string}>}} input
   */
  async createEventTracker(input, options) {
    try {
      return await this.send('CreateEventTracker', input, options);
    } catch (err) {
      if (err.name !== 'ResourceAlreadyExistsException' || err.serverTimeAtStart === undefined) throw err;
      let found;
      try {
        found = await this.findTracker(input.datasetGroupArn, input.name, options);
      } catch (lookupError) {
        // After a lost answer the tracker may well be ours: say that the lookup is what failed.
        if (err.uncertain) {
          err.message += ` (an earlier attempt's answer was lost, and looking the tracker up failed: ${lookupError.name}: ${lookupError.message})`;
          err.cause = lookupError;
        }
        throw err;
      }
      // Strictly later: a tracker created in the very millisecond the call began is not evidence.
      const created = found?.creationDateTime instanceof Date ? found.creationDateTime.getTime() : NaN;
      if (!(created > err.serverTimeAtStart)) throw err;
      return {
        eventTrackerArn: found.eventTrackerArn,
        trackingId: found.trackingId,
        $metadata: { ...err.$metadata, httpStatusCode: 200, recovered: true },
      };
    }
  }

  async findTracker(datasetGroupArn, name, options) {
    for await (const page of this.paginateListEventTrackers({ datasetGroupArn }, options)) {
      const match = page.eventTrackers?.find((t) => t.name === name);
      if (!match) continue;
      const { eventTracker } = await this.describeEventTracker({ eventTrackerArn: match.eventTrackerArn }, options);
      return eventTracker.datasetGroupArn === datasetGroupArn ? eventTracker : undefined;
    }
    return undefined;
  }

  /** @param {{eventTrackerArn: string}} input */
  describeEventTracker(input, options) {
    return this.send('DescribeEventTracker', input, options);
  }

  /** @param {{datasetGroupArn?: string, maxResults?: number, nextToken?: string}} [input] */
  listEventTrackers(input = {}, options) {
    return this.send('ListEventTrackers', input, options);
  }

  /** Every page of ListEventTrackers. */
  paginateListEventTrackers(input = {}, options) {
    return paginate((i) => this.listEventTrackers(i, options), input, this.config.maxPages);
  }

  /** @param {{eventTrackerArn: string}} input */
  deleteEventTracker(input, options) {
    return this.send('DeleteEventTracker', input, options);
  }

  /** @param {{name: string, roleArn?: string, kmsKeyArn?: string, domain?: string, tags?: Array<{tagKey: string, tagValue: string}>}} input */
  createDatasetGroup(input, options) {
    return this.send('CreateDatasetGroup', input, options);
  }

  /** @param {{datasetGroupArn: string}} input */
  describeDatasetGroup(input, options) {
    return this.send('DescribeDatasetGroup', input, options);
  }

  /** @param {{maxResults?: number, nextToken?: string}} [input] */
  listDatasetGroups(input = {}, options) {
    return this.send('ListDatasetGroups', input, options);
  }

  paginateListDatasetGroups(input = {}, options) {
    return paginate((i) => this.listDatasetGroups(i, options), input, this.config.maxPages);
  }

  /** @param {{datasetGroupArn: string}} input */
  deleteDatasetGroup(input, options) {
    return this.send('DeleteDatasetGroup', input, options);
  }

  /** Adds or overwrites tags on an event tracker or dataset group.
   * @param {{resourceArn: string, tags: Array<{tagKey: string, tagValue: string}>}} input */
  tagResource(input, options) {
    return this.send('TagResource', input, options);
  }

  /** @param {{resourceArn: string, tagKeys: string[]}} input */
  untagResource(input, options) {
    return this.send('UntagResource', input, options);
  }

  /** @param {{resourceArn: string}} input */
  listTagsForResource(input, options) {
    return this.send('ListTagsForResource', input, options);
  }

  /**
   * Polls DescribeEventTracker until ACTIVE; rejects on CREATE FAILED, timeout or abort.
   * @param {{eventTrackerArn: string}} input
   * @param {{maxWaitTime?: number, minDelay?: number, maxDelay?: number, signal?: AbortSignal, onStatus?: (status: string, tracker: object) => void}} [options] times in seconds
   */
  waitUntilEventTrackerActive(input, options = {}) {
    return wait(this, input, options, {
      done: (t) => t.status === 'ACTIVE',
      failed: (t) => (t.status === 'CREATE FAILED' || t.status.startsWith('DELETE') ? `entered ${t.status}` : undefined),
      goal: 'ACTIVE',
    });
  }

  /** Polls DescribeEventTracker until the tracker is gone (ResourceNotFoundException). */
  waitUntilEventTrackerDeleted(input, options = {}) {
    return wait(this, input, options, {
      done: () => false,
      failed: (t) => (t.status === 'ACTIVE' || t.status.startsWith('CREATE') ? `is ${t.status}, not being deleted` : undefined),
      gone: true,
      goal: 'deleted',
    });
  }
}

/** Pages until there is no nextToken; stops with a PaginationError on a repeated token, or
 * after maxPages pages (a service that hands out fresh tokens forever would never end). */
async function* paginate(list, input, maxPages) {
  const pageLimit = limit(maxPages, DEFAULT_MAX_PAGES);
  let nextToken = input.nextToken;
  const seen = new Set();
  for (let pages = 1; ; pages++) {
    const page = await list({ ...input, nextToken });
    yield page;
    nextToken = page.nextToken;
    if (!nextToken) return;
    if (seen.has(nextToken)) throw namedError('PaginationError', 'The service returned the same nextToken twice; stopped to avoid an endless loop');
    if (pages >= pageLimit) throw namedError('PaginationError', `Stopped after ${pageLimit} pages (maxPages) with the service still returning a nextToken`);
    seen.add(nextToken);
  }
}

/** AWS waiter timing: delays grow from minDelay to maxDelay with jitter, within maxWaitTime. */
async function wait(client, input, options, rule) {
  const { maxWaitTime = 300, minDelay = 2, maxDelay = 30, signal, onStatus } = options;
  if (!(minDelay > 0 && maxDelay >= minDelay && maxWaitTime > 0)) {
    throw validationError([{ field: 'waiterOptions', message: 'need 0 < minDelay <= maxDelay and maxWaitTime > 0 (seconds)' }]);
  }
  const deadline = Date.now() + maxWaitTime * 1000;
  let last;
  for (let attempt = 1; ; attempt++) {
    let tracker;
    try {
      ({ eventTracker: tracker } = await client.describeEventTracker(input, { signal }));
    } catch (err) {
      if (rule.gone && err.name === 'ResourceNotFoundException') {
        onStatus?.('DELETED', undefined);
        return { state: 'SUCCESS', eventTrackerArn: input.eventTrackerArn };
      }
      throw err;
    }
    if (tracker.status !== last) {
      last = tracker.status;
      onStatus?.(tracker.status, tracker);
    }
    if (rule.done(tracker)) return tracker;
    const why = rule.failed(tracker);
    if (why) throw Object.assign(namedError('WaiterFailureError', `Event tracker ${tracker.name ?? input.eventTrackerArn} ${why}`), { tracker });
    const ceiling = Math.log(maxDelay / minDelay) / Math.log(2) + 1;
    const cap = attempt > ceiling ? maxDelay : minDelay * 2 ** (attempt - 1);
    const delay = Math.min(maxDelay, minDelay + Math.random() * (cap - minDelay)) * 1000;
    if (Date.now() + delay > deadline) {
      throw Object.assign(namedError('WaiterTimeoutError', `Event tracker ${tracker.name ?? input.eventTrackerArn} was not ${rule.goal} within ${maxWaitTime} s (last status: ${tracker.status})`), { tracker });
    }
    await sleep(delay, signal);
  }
}

/** Amazon Personalize Events (data plane): PutEvents. */
export class PersonalizeEventsClient extends ServiceClient {
  static serviceId = 'personalize-events';

  /**
   * Records events for an ACTIVE tracker's trackingId. sentAt: a Date or epoch seconds. An event
   * without an eventId gets one derived from its content (in the WASM core), so the same event sent
   * again, by a retry or by the caller, is recorded once; the output's eventIds lists the ids used.
   * @param {{trackingId: string, userId?: string, sessionId: string, eventList: Array<object>}} input
   */
  putEvents(input, options) {
    return this.send('PutEvents', input, options);
  }
}
