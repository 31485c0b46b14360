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

/** Loads and instantiates personalize.wasm once; later calls share it. */
function loadCore() {
  corePromise ??= instantiate().catch((err) => {
    corePromise = undefined;
    throw err;
  });
  return corePromise;
}

async function instantiate() {
  // The module imports nothing but this notification; views are re-made after every call.
  const imports = { env: { emscripten_notify_memory_growth() {} } };
  let instance;
  if (WASM_URL.protocol === 'file:') {
    const { readFile } = await import('node:fs/promises');
    ({ instance } = await WebAssembly.instantiate(await readFile(WASM_URL), imports));
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

class Core {
  constructor(exports) {
    this.x = exports;
  }

  /** Copies a string (or bytes) into WASM memory: [pointer, length, capacity]. */
  put(value) {
    const x = this.x;
    if (typeof value !== 'string') {
      const bytes = value ?? new Uint8Array(0);
      const p = x.pw_alloc(bytes.length);
      new Uint8Array(x.memory.buffer, p, bytes.length).set(bytes);
      return [p, bytes.length, bytes.length];
    }
    const capacity = value.length * 3;
    const p = x.pw_alloc(capacity);
    const { written } = encoder.encodeInto(value, new Uint8Array(x.memory.buffer, p, capacity));
    return [p, written, capacity];
  }

  /** Runs fn(...pointer/length pairs) over the given values; frees (wiping) every buffer. */
  call(fn, values, ...scalars) {
    const x = this.x;
    const buffers = values.map((v) => this.put(v));
    try {
      const args = [];
      for (const [p, n] of buffers) args.push(p, n);
      const result = x[fn](...scalars, ...args);
      if (!result) throw new Error(`personalize.wasm: ${fn} ran out of memory`);
      const text = decoder.decode(new Uint8Array(x.memory.buffer, result, x.pw_result_len()));
      x.pw_release(result);
      return JSON.parse(text, reviveTimestamps);
    } finally {
      for (const [p, , capacity] of buffers) x.pw_wipe_free(p, capacity);
    }
  }
}

// The service sends timestamps as epoch seconds; callers get Dates, as from the AWS SDKs.
function reviveTimestamps(key, value) {
  return typeof value === 'number' && key.endsWith('DateTime') ? new Date(value * 1000) : value;
}

// ---- input to JSON ---------------------------------------------------------------------------

/** JSON for the C validator: Dates become epoch seconds; what JSON can't say becomes a string
 * the validator rejects by type, rather than silently vanishing or turning into null. */
function inputJson(input) {
  try {
    return JSON.stringify(input ?? null, function (key, value) {
      const raw = this[key];
      if (raw instanceof Date) return Number.isNaN(raw.getTime()) ? 'Invalid Date' : raw.getTime() / 1000;
      if (typeof value === 'bigint' || (typeof value === 'number' && !Number.isFinite(value))) return String(value);
      return value;
    });
  } catch (err) {
    throw validationError([{ field: 'input', message: `must be plain data (${err.message})` }]);
  }
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

function amzDate(date) {
  if (!(date instanceof Date) || Number.isNaN(date.getTime())) throw namedError('SigningError', 'date must be a valid Date');
  return date.toISOString().replace(/[-:]/g, '').replace(/\.\d{3}/, '');
}

function headerPairs(headers) {
  if (headers == null) return [];
  if (typeof headers.entries === 'function' && !Array.isArray(headers)) return [...headers.entries()];
  return Array.isArray(headers) ? headers : Object.entries(headers);
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
  return core.call('pw_validate', [operation, inputJson(input)]).errors;
}

/**
 * SigV4-signs an HTTP request (AWS4-HMAC-SHA256, Authorization header).
 * @param {{method: string, path: string, query?: string, headers?: Array<[string,string]>|Record<string,string>, body?: string|Uint8Array}} request
 * @param {{credentials: {accessKeyId: string, secretAccessKey: string, sessionToken?: string}, region: string, service: string, date?: Date, signBody?: boolean, omitSessionToken?: boolean, normalizePath?: boolean}} options
 */
export async function signRequest(request, options) {
  const core = await loadCore();
  const { credentials = {}, date = new Date() } = options ?? {};
  const req = JSON.stringify({
    method: request.method ?? 'GET',
    path: request.path ?? '/',
    query: request.query ?? '',
    headers: headerPairs(request.headers).map(([n, v]) => [String(n), String(v)]),
  });
  const opts = JSON.stringify({
    accessKeyId: credentials.accessKeyId,
    region: options.region,
    service: options.service,
    date: amzDate(date),
    signBody: !!options.signBody,
    omitSessionToken: !!options.omitSessionToken,
    normalizePath: options.normalizePath !== false,
  });
  const out = core.call('pw_sign', [req, bodyBytes(request.body), opts, credentials.secretAccessKey ?? '', credentials.sessionToken ?? '']);
  if (out.error) throw namedError(out.error.name, out.error.message);
  return out;
}

/**
 * The endpoint URL by the AWS SDKs' rules; throws the rule's message on a bad configuration.
 * @param {{region?: string, useFipsEndpoint?: boolean, useDualstackEndpoint?: boolean, endpoint?: string}} config
 * @param {'personalize'|'personalize-events'} [service]
 * @returns {Promise<{url: string}>}
 */
export async function resolveEndpoint(config, service = 'personalize') {
  const core = await loadCore();
  const out = core.call('pw_endpoint', [JSON.stringify(endpointConfig(config, service))]);
  if (out.error) throw namedError(out.error.name, out.error.message);
  return out;
}

function endpointConfig(config = {}, service) {
  const endpoint = config.endpoint == null ? undefined : String(config.endpoint);
  return {
    service,
    region: config.region,
    endpoint,
    useFipsEndpoint: !!config.useFipsEndpoint,
    useDualstackEndpoint: !!config.useDualstackEndpoint,
  };
}

/**
 * Parses a service response; returns the output or throws the service's error.
 * @param {string} operation
 * @param {{status: number, headers?: any, body?: string|Uint8Array|ArrayBuffer}} response
 */
export async function parseResponse(operation, response) {
  const core = await loadCore();
  return unwrap(parseWith(core, operation, response), response.status, 1, 0);
}

function parseWith(core, operation, { status, headers, body }) {
  const pairs = JSON.stringify(headerPairs(headers).map(([n, v]) => [String(n), String(v)]));
  return core.call('pw_parse', [operation, pairs, bodyBytes(body)], status | 0);
}

/** The output with $metadata, or throws the service error the parser found. */
function unwrap(parsed, httpStatusCode, attempts, totalRetryDelay) {
  const $metadata = { httpStatusCode, requestId: parsed.requestId, attempts, totalRetryDelay };
  if (parsed.error) {
    const { name, message, fault } = parsed.error;
    throw Object.assign(namedError(name, message), { $fault: fault, $metadata });
  }
  return { ...parsed.output, $metadata };
}

// ---- clients ---------------------------------------------------------------------------------

// Browsers refuse to set these; the values fetch sends are the ones that were signed.
const UNSENDABLE = new Set(['host', 'content-length']);

class ServiceClient {
  /**
   * @param {object} config { region, credentials, endpoint, useFipsEndpoint, useDualstackEndpoint, fetch }
   */
  constructor(config = {}) {
    this.config = { ...config };
  }

  async credentials() {
    const c = this.config.credentials;
    const resolved = typeof c === 'function' ? await c() : c;
    return resolved ?? {};
  }

  /** Validate, build and sign (in WASM), send, parse (in WASM). */
  async send(operation, input, options = {}) {
    const core = await loadCore();
    const json = inputJson(input);
    const credentials = await this.credentials();
    const config = JSON.stringify({
      operation,
      ...endpointConfig(this.config, undefined),
      accessKeyId: credentials.accessKeyId,
      date: amzDate(new Date()),
    });
    const built = core.call('pw_build_request', [config, json, credentials.secretAccessKey ?? '', credentials.sessionToken ?? '']);
    if (built.errors) throw validationError(built.errors);
    if (built.error) throw namedError(built.error.name, built.error.message);
    const { url, method, headers, body } = built.request;
    this.lastRequest = built;
    const fetchImpl = this.config.fetch ?? globalThis.fetch;
    const response = await fetchImpl(url, {
      method,
      headers: headers.filter(([name]) => !UNSENDABLE.has(name.toLowerCase())),
      body,
      signal: options.signal,
    });
    const responseBody = new Uint8Array(await response.arrayBuffer());
    return unwrap(parseWith(core, operation, { status: response.status, headers: response.headers, body: responseBody }), response.status, 1, 0);
  }
}

/** Amazon Personalize (control plane): event trackers and dataset groups. */
export class PersonalizeClient extends ServiceClient {
  /** @param {{datasetGroupArn: string, name: string, tags?: Array<{tagKey: string, tagValue: string}>}} input */
  createEventTracker(input, options) {
    return this.send('CreateEventTracker', input, options);
  }
}
