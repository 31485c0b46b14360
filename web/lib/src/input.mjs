// What callers hand the glue, made ready for the core: input as JSON the validator can judge,
// dates as X-Amz-Date, headers as pairs or a reader, bodies as bytes.

import { encoder } from './arguments.mjs';
import { SigningError, ValidationError } from './errors.mjs';

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
export function inputJson(input) {
  let json;
  try {
    const flat = flatPlainCopy(input);
    json = flat ? JSON.stringify(flat) : checkedJson(input);
  } catch (err) {
    throw new ValidationError([{ field: 'input', message: `must be plain data (${err.message})` }]);
  }
  if (json.length > MAX_INPUT_CHARS) {
    throw new ValidationError([{ field: 'input', message: `is larger than any valid request (over ${MAX_INPUT_CHARS} characters of JSON)` }]);
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

let lastSecond = NaN;
let lastAmzDate = '';

/** YYYYMMDDTHHMMSSZ; remembered for the current second, since calls come many a second. From the
 * UTC getters, not toISOString and a regex (a tenth of the first call's cost). A year outside
 * 0000-9999 has no such form: the empty string, which the core refuses as a date. */
export function amzDate(date) {
  const ms = date instanceof Date ? date.getTime() : NaN;
  if (Number.isNaN(ms)) throw new SigningError('date must be a valid Date');
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

/** Headers (pairs, a plain object, or Headers/Map) as [[name, value]...] of strings.
 * @param {any} headers @returns {Array<[string, string]>} */
export function headerPairs(headers) {
  if (headers == null) return [];
  const pairs = Array.isArray(headers) ? headers
    : typeof headers.entries === 'function' ? [...headers.entries()] : Object.entries(headers);
  return pairs.map(([name, value]) => [String(name), String(value)]);
}

/** A reader of one header (a string, or null) by its lower-case name from headers as headerPairs
 * takes them; a fetch Headers object through its own case-insensitive get(), without copying it
 * to pairs first. Only a real Headers (by its tag: the global itself is not touched, which would
 * load Node's fetch) is trusted to fold case; what anything returns is made a string. */
export function headerReader(headers) {
  if (Object.prototype.toString.call(headers) === '[object Headers]' && typeof headers.get === 'function') {
    return (name) => stringOrNull(headers.get(name));
  }
  const pairs = headerPairs(headers);
  return (name) => {
    const found = pairs.find(([n]) => n.toLowerCase() === name);
    return found ? found[1] : null;
  };
}

export function bodyBytes(body) {
  if (body == null) return new Uint8Array(0);
  if (typeof body === 'string') return encoder.encode(body);
  if (body instanceof Uint8Array) return body;
  if (body instanceof ArrayBuffer) return new Uint8Array(body);
  if (ArrayBuffer.isView(body)) return new Uint8Array(body.buffer, body.byteOffset, body.byteLength);
  throw new TypeError('body must be a string, Uint8Array or ArrayBuffer');
}

/** @param {unknown} v */
export function stringOrNull(v) {
  return v == null ? null : String(v);
}
