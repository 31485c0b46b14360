// The WebAssembly core: loads personalize.wasm once and crosses its binary boundary
// (wasm/wasm_exports.h) through one table of named wrappers, `Exports` below. Every step of a
// call crosses once: prepare (kept in C under a call handle) → sign, per attempt → examine, and
// the call's end. Field indices, packed-argument orders and flags come from web/lib/src/boundary.mjs,
// generated from wasm/boundary.json like the C header.

import {
  RESULT_WORDS, ERROR_NAME, ERROR_MESSAGE, ERROR_DETAIL, ERROR_REQUEST_ID, PREPARE_URL, PREPARE_BODY, PREPARE_EVENT_IDS,
  SIGN_HEADERS, SIGN_AUTHORIZATION, SIGN_SIGNATURE, SIGN_CANONICAL_REQUEST, SIGN_STRING_TO_SIGN, ENDPOINT_URL,
  EXAMINE_OUTPUT, EXAMINE_REQUEST_ID, SIGN_CANONICAL, FLAG_FIPS, FLAG_DUALSTACK, packSignAttempt, packExamine,
} from './boundary.mjs';
import { Packed, decoder, encoder, putArguments, sizeOf } from './arguments.mjs';
import { ValidationError, OutOfMemoryError, coreError } from './errors.mjs';

/** Beside the built glue (web/lib/personalize.mjs, these modules bundled). */
const WASM_URL = new URL('./personalize.wasm', import.meta.url);

/** The most one call copies into WASM memory at once (the 32-bit module's own limit is 2 GiB). */
const MAX_BLOCK_BYTES = 0x7fffffff;

/** @type {Promise<Core> | undefined} */
let corePromise;

/** Loads and instantiates personalize.wasm once; later calls share it. */
export function loadCore() {
  corePromise ??= instantiate().catch((err) => {
    corePromise = undefined;
    throw err;
  });
  return corePromise;
}

async function instantiate() {
  // The module imports nothing (its own allocator grows memory; views are re-made after growth).
  /** @type {WebAssembly.Imports} */
  const imports = {};
  let instance;
  if (WASM_URL.protocol === 'file:') {
    // Node.js only. Read and compiled synchronously: the module is small (V8 compiles its functions
    // lazily, on first call), and readFile + WebAssembly.instantiate only add a file handle, a
    // compile task and their event-loop turns. process.getBuiltinModule (Node.js >= 20.16) hands
    // over node:fs without an import; webpack must not try to bundle the node: URL.
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
  /** @type {any} */ (instance.exports)._initialize();
  return new Core(/** @type {any} */ (instance.exports));
}

/**
 * The module's exports, by what they do: the only place their names appear. Arguments after the
 * table's own are (pointer, length) pairs into the block, or numbers; see wasm_exports.h.
 * @param {any} x the instance's exports
 */
function exportsTable(x) {
  return {
    /** @type {WebAssembly.Memory} */ memory: x.memory,
    /** @type {(n: number) => number} */ block: x.pw_block,
    /** @type {(used: number) => void} */ done: x.pw_done,
    /** @type {(ptr: number, len: number) => number} */ keyOpen: x.pw_key_open,
    /** @type {(key: number) => void} */ keyClose: x.pw_key_close,
    /** @type {(...args: number[]) => number} */ checkInput: x.pw_check_input,
    /** @type {(...args: number[]) => number} */ prepare: x.pw_prepare_request,
    /** @type {(...args: number[]) => number} */ signAttempt: x.pw_sign_attempt,
    /** @type {(...args: number[]) => number} */ signRequest: x.pw_sign_request,
    /** @type {(...args: number[]) => number} */ examine: x.pw_examine,
    /** @type {(call: number) => void} */ endCall: x.pw_call_end,
    /** @type {(...args: number[]) => number} */ endpointUrl: x.pw_endpoint_url,
  };
}

/** @typedef {ReturnType<typeof exportsTable>} Exports */

/** The result struct (wasm_exports.h): status, a handle, then (pointer, length) fields. */
class Result {
  /** @param {ArrayBuffer} buffer @param {number} pointer */
  constructor(buffer, pointer) {
    this.words = new Uint32Array(buffer, pointer, RESULT_WORDS);
    this.buffer = buffer;
  }

  get ok() {
    return this.words[0] === 0;
  }

  get handle() {
    return this.words[1];
  }

  /** Field i as text ('' when empty). @param {number} i */
  text(i) {
    const length = this.words[3 + 2 * i];
    return length === 0 ? '' : decoder.decode(new Uint8Array(this.buffer, this.words[2 + 2 * i], length));
  }

  /** The failure every export reports the same way, as the error to throw. */
  error() {
    const name = this.text(ERROR_NAME);
    if (name === 'ValidationError') return new ValidationError(JSON.parse(this.text(ERROR_DETAIL)));
    return coreError(name, this.text(ERROR_MESSAGE));
  }

  /** Throws the failure, if it is one. */
  check() {
    if (!this.ok) throw this.error();
  }
}

/** @typedef {{ accessKeyId?: unknown, secretAccessKey?: unknown, sessionToken?: unknown }} Credentials */

export class Core {
  /** @param {any} instanceExports */
  constructor(instanceExports) {
    this.x = exportsTable(instanceExports);
    this.block = 0;
    this.capacity = 0;
    /** @type {Uint8Array | undefined} a view of the block (see reserve) */
    this.view = undefined;
    /** @type {WeakMap<object, { handle: number, secret: unknown }>} credentials → the signing key's handle */
    this.keys = new WeakMap();
    /** @type {Array<() => void>} calls waiting for a free call handle */
    this.waiting = [];
  }

  /**
   * Runs the export with the values written one after the other into the reused block, each
   * passed as (pointer, length), null as (0, 0), numbers as they are; read(result) reads the
   * result before pw_done wipes it (and the block's used bytes).
   * @template T
   * @param {(...args: number[]) => number} fn @param {import('./arguments.mjs').Argument[]} args @param {(r: Result) => T} read
   * @returns {T}
   */
  call(fn, args, read) {
    let need = 0;
    for (const v of args) need += sizeOf(v);
    const { flat, used } = putArguments(args, this.reserve(need), this.block);
    try {
      const r = fn(...flat);
      if (!r) throw new OutOfMemoryError('personalize.wasm ran out of memory');
      return read(new Result(this.x.memory.buffer, r));
    } finally {
      this.x.done(used);
    }
  }

  /** A view of the block, grown to at least n bytes. @param {number} n */
  reserve(n) {
    // pw_block takes a 32-bit size: a larger number would wrap around to a small block.
    if (n > this.capacity) {
      const block = n <= MAX_BLOCK_BYTES ? this.x.block(n) : 0;
      if (!block) throw new OutOfMemoryError(`personalize.wasm: could not allocate ${n} bytes`);
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

  /** The key handle for a credentials object's secret, opened (or opened again) as needed.
   * @param {Credentials | undefined} credentials */
  keyFor(credentials) {
    const secret = credentials?.secretAccessKey;
    if (!secret) return 0;
    const known = this.keys.get(credentials);
    if (known?.secret === secret) return known.handle;
    // The old secret's handle may be shared (pw_key_open gives one secret one handle): another
    // object holding it meets KeyHandleError once and opens it again (withKey's retry).
    if (known) this.x.keyClose(known.handle);
    const bytes = encoder.encode(String(secret));
    this.reserve(bytes.length).set(bytes);
    bytes.fill(0);
    const handle = this.x.keyOpen(this.block, bytes.length); // wipes the block's copy
    if (!handle) throw new OutOfMemoryError('personalize.wasm: every signing-key slot is in use');
    if (typeof credentials === 'object') this.keys.set(credentials, { handle, secret });
    return handle;
  }

  /** sign(key), once more with a freshly opened key if the handle was forgotten.
   * @template T @param {Credentials | undefined} credentials @param {(key: number) => T} sign @returns {T} */
  withKey(credentials, sign) {
    try {
      return sign(this.keyFor(credentials));
    } catch (err) {
      if (/** @type {Error} */ (err).name !== 'KeyHandleError' || !credentials) throw err;
      this.keys.delete(credentials);
      return sign(this.keyFor(credentials));
    }
  }

  /** What a sign result holds: the header list as text (headerList parses it), the Authorization
   * (only when asked: an attempt's is in its headers), the signature, the canonical request and
   * string to sign when asked. @param {Result} r @param {boolean} canonical @param {boolean} authorization */
  static signed(r, canonical, authorization) {
    r.check();
    return {
      headersText: r.text(SIGN_HEADERS), authorization: authorization ? r.text(SIGN_AUTHORIZATION) : '', signature: r.text(SIGN_SIGNATURE),
      canonical: canonical ? /** @type {[string, string]} */ ([r.text(SIGN_CANONICAL_REQUEST), r.text(SIGN_STRING_TO_SIGN)]) : undefined,
    };
  }

  /** The input's problems ([] when none). @param {string} operation @param {string} json */
  checkInput(operation, json) {
    return this.call(this.x.checkInput, [operation, json], (r) => (r.ok ? [] : JSON.parse(r.text(ERROR_DETAIL))));
  }

  /**
   * One call's request, prepared once and kept in C under a call handle: validated, serialized,
   * its endpoint resolved. While every call handle is held by a call in flight: undefined when the
   * caller can wait (then await freeCall() and try again), else the core's TooManyCallsError.
   * @param {string} operation @param {string} json @param {EndpointConfig} config @param {boolean} [canWait]
   * @returns {{ call: number, url: string, body: string, eventIds?: string[] } | undefined}
   */
  prepare(operation, json, config, canWait = true) {
    return this.call(this.x.prepare, [operation, json, ...endpointArgs(config)], (r) => {
      if (canWait && !r.ok && r.text(ERROR_NAME) === 'TooManyCallsError') return undefined;
      r.check();
      const eventIds = r.text(PREPARE_EVENT_IDS);
      return { call: r.handle, url: r.text(PREPARE_URL), body: r.text(PREPARE_BODY), eventIds: eventIds ? JSON.parse(eventIds) : undefined };
    });
  }

  /** Resolves when a call ends and its handle is free. @returns {Promise<void>} */
  freeCall() {
    return new Promise((resolve) => this.waiting.push(resolve));
  }

  /**
   * fn(handle) with the call prepared again now, synchronously, and ended after (the inspector's
   * canonical request, derived when first read, after its call may have ended).
   * @template T @param {string} operation @param {string} json @param {EndpointConfig} config
   * @param {(call: number) => T} fn @returns {T}
   */
  withPrepared(operation, json, config, fn) {
    const { call } = /** @type {{ call: number }} */ (this.prepare(operation, json, config, false));
    try {
      return fn(call);
    } finally {
      this.endCall(call);
    }
  }

  /** Ends a prepared call: C wipes and frees its handle, and the next waiting call may prepare.
   * @param {number} call */
  endCall(call) {
    this.x.endCall(call);
    this.waiting.shift()?.();
  }

  /**
   * Signs one attempt of a prepared call; the final header list comes back from C.
   * @param {number} call @param {Credentials} credentials @param {string} date YYYYMMDDTHHMMSSZ
   * @param {string} invocationId @param {number} attempt @param {number} maxAttempts @param {boolean} canonical
   */
  signAttempt(call, credentials, date, invocationId, attempt, maxAttempts, canonical) {
    const packed = new Packed(packSignAttempt({
      accessKeyId: credentials?.accessKeyId == null ? null : String(credentials.accessKeyId),
      sessionToken: credentials?.sessionToken ? String(credentials.sessionToken) : null,
      date,
      invocationId,
    }));
    const flags = canonical ? SIGN_CANONICAL : 0;
    const out = this.withKey(credentials, (key) => this.call(this.x.signAttempt, [call, key, packed, attempt, maxAttempts, flags],
      (r) => Core.signed(r, canonical, false)));
    return { headers: headerList(out.headersText), signature: out.signature, canonical: out.canonical };
  }

  /**
   * Signs any request (signRequest). strings: boundary.json's packed.signRequest (packSignRequest).
   * @param {Credentials} credentials @param {Array<string | null | undefined>} strings
   * @param {Array<[string, string]>} headers @param {string | Uint8Array} body @param {number} flags
   */
  signRequest(credentials, strings, headers, body, flags) {
    const packed = new Packed(strings);
    const list = new Packed(headers.flat()); // each header's name, then its value
    // The header list stays text, parsed when a caller reads it (most read only the Authorization).
    return this.withKey(credentials, (key) => this.call(this.x.signRequest, [key, packed, list, body, flags],
      (r) => Core.signed(r, (flags & SIGN_CANONICAL) !== 0, true)));
  }

  /**
   * What C found in a response: { output: JSON text ('' for none), requestId } or
   * { error: { name, message, fault }, requestId }. call: the prepared call (0: by operation name).
   * @param {number} call @param {string | null} operation @param {number} status
   * @param {(name: string) => string | null} header @param {Uint8Array} body
   */
  examine(call, operation, status, header, body) {
    const packed = new Packed(packExamine({
      errorType: header('x-amzn-errortype'), requestId: header('x-amzn-requestid'), amzRequestId: header('x-amz-request-id'),
    }));
    return this.call(this.x.examine, [call, operation, status | 0, packed, body], (r) => {
      if (r.ok) {
        return { output: r.text(EXAMINE_OUTPUT), requestId: r.text(EXAMINE_REQUEST_ID) || undefined };
      }
      return { error: { name: r.text(ERROR_NAME), message: r.text(ERROR_MESSAGE), fault: r.text(ERROR_DETAIL) || undefined },
        requestId: r.text(ERROR_REQUEST_ID) || undefined };
    });
  }

  /** The endpoint URL. @param {EndpointConfig} config @param {number} service index in boundary.json's services */
  endpointUrl(config, service) {
    return this.call(this.x.endpointUrl, [...endpointArgs(config), service], (r) => {
      r.check();
      return r.text(ENDPOINT_URL);
    });
  }
}

/** @typedef {{ region?: unknown, endpoint?: unknown, useFipsEndpoint?: unknown, useDualstackEndpoint?: unknown }} EndpointConfig */

/** [name, value] pairs from the header list as C writes it: each name and value followed by a LF,
 * a backslash inside them written as two backslashes and a LF as backslash n (wasm_exports.h).
 * @param {string} text @returns {Array<[string, string]>} */
export function headerList(text) {
  const parts = text.split('\n');
  const escaped = text.includes('\\');
  /** @type {Array<[string, string]>} */
  const out = new Array((parts.length - 1) >> 1);
  for (let i = 0; i < out.length; i++) {
    out[i] = escaped ? [unescapeLine(parts[2 * i]), unescapeLine(parts[2 * i + 1])] : [parts[2 * i], parts[2 * i + 1]];
  }
  return out;
}

/** @param {string} s */
const unescapeLine = (s) => s.replace(/\\(.)/g, (_, c) => (c === 'n' ? '\n' : c));

/** region, endpoint and the FIPS / dual-stack flags, as the endpoint exports take them.
 * @param {EndpointConfig} c @returns {[string | null, string | null, number]} */
function endpointArgs(c) {
  return [typeof c.region === 'string' ? c.region : null, c.endpoint == null ? null : String(c.endpoint),
    (c.useFipsEndpoint ? FLAG_FIPS : 0) | (c.useDualstackEndpoint ? FLAG_DUALSTACK : 0)];
}
