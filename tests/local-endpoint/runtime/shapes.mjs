// What the local endpoint accepts, from wasm/model.json (through loadModel(), which applies the
// model's additions): each operation's input shape, resolved into a tree; validation in the style
// of the AWS (Coral) validator, with the real service's messages; and the body limit of each
// operation, the longest JSON a valid input can take. Read once, at import (Node only).

import { loadModel } from '../../../wasm/model.mjs';
import { ApiError } from './errors.mjs';

export const MODEL = loadModel();

/** A shape by name with its list member / structure members resolved (members carry `required`). */
function resolve(name, seen = new Set()) {
  const s = MODEL.shapes[name];
  if (!s) throw new Error(`model.json: unknown shape ${name}`);
  if (seen.has(name)) throw new Error(`model.json: shape ${name} is recursive`);
  const inner = new Set(seen).add(name);
  const out = { ...s, name };
  if (s.type === 'list') out.member = resolve(s.member, inner);
  if (s.type === 'structure') {
    const required = new Set(s.required ?? []);
    out.members = Object.fromEntries(Object.entries(s.members).map(([m, shapeName]) =>
      [m, { ...resolve(shapeName, inner), required: required.has(m) }]));
  }
  return out;
}

/** Operation name -> { service, target (awsJson1_1) or path (restJson1), input (resolved shape) }. */
export const OPERATIONS = Object.freeze(Object.fromEntries(Object.entries(MODEL.operations).map(([op, o]) => {
  const service = MODEL.services[o.service];
  const route = service.protocol === 'awsJson1_1' ? { target: `${service.targetPrefix}.${op}` } : { path: o.http.path };
  return [op, Object.freeze({ service: o.service, contentType: service.contentType, ...route, input: resolve(o.input) })];
})));

const regexCache = new Map();
function wholeMatch(pattern, value) {
  let re = regexCache.get(pattern);
  if (!re) {
    re = new RegExp(`^(?:${pattern})$`, 'u');
    regexCache.set(pattern, re);
  }
  return re.test(value);
}

const codePoints = (s) => {
  let n = 0;
  for (const _ of s) n++; // eslint-disable-line no-unused-vars
  return n;
};

export function typeName(v) {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'array';
  return typeof v;
}

// ---- body limits ----
// The longest JSON a valid input can take, with every string at its maximum length and each
// character in its longest usual form (a \uXXXX escape, 6 bytes, as boto3 and the AWS CLI write
// non-ASCII text; raw UTF-8 is at most 4), plus a quarter for whitespace and members a newer model
// may add. Never below MIN_BODY_BYTES.
const JSON_BYTES_PER_CODE_POINT = 6;
const UNBOUNDED_STRING_CODE_POINTS = 2048; // for a string the model leaves unbounded
const MIN_BODY_BYTES = 16 * 1024;
export const ADMIN_BODY_BYTES = 64 * 1024;

function maxJsonBytes(shape) {
  switch (shape.type) {
    case 'string': {
      const longest = shape.enum ? Math.max(...shape.enum.map(codePoints)) : (shape.max ?? UNBOUNDED_STRING_CODE_POINTS);
      return 2 + JSON_BYTES_PER_CODE_POINT * longest;
    }
    case 'integer': return 11; // -2147483648
    case 'float':
    case 'timestamp': return 32; // -1.7976931348623157e+308 is 24
    case 'list': return 2 + shape.max * (maxJsonBytes(shape.member) + 1);
    case 'structure':
      return 2 + Object.entries(shape.members).reduce((n, [name, member]) => n + name.length + 4 + maxJsonBytes(member), 0);
    default: throw new Error(`unknown shape type ${shape.type}`);
  }
}

/** The largest request body each operation accepts, in bytes; larger ones are answered 413 unread. */
export const BODY_LIMITS = Object.freeze(Object.fromEntries(Object.entries(OPERATIONS).map(([op, { input }]) =>
  [op, Math.max(MIN_BODY_BYTES, Math.ceil(maxJsonBytes(input) * 1.25))])));
export const MAX_BODY_BYTES = Math.max(...Object.values(BODY_LIMITS));
export const bodyLimit = (operation) => BODY_LIMITS[operation] ?? MIN_BODY_BYTES;

// ---- validation ----
// Messages as the service writes them. Sensitive values are never quoted; a list is described by
// its length, never by its items (tags and events hold secrets).

function mismatch(where, expected, value) {
  throw new ApiError('SerializationException', `Expected ${expected} for '${where || 'input'}' but found ${typeName(value)}`);
}

function checkString(shape, value, where, fail) {
  if (typeof value !== 'string') mismatch(where, 'a string', value);
  const len = codePoints(value);
  if (shape.min !== undefined && len < shape.min) fail(`Member must have length greater than or equal to ${shape.min}`);
  if (shape.max !== undefined && len > shape.max) fail(`Member must have length less than or equal to ${shape.max}`);
  if (shape.enum && !shape.enum.includes(value)) fail(`Member must satisfy enum value set: [${shape.enum.join(', ')}]`);
  if (shape.pattern && !wholeMatch(shape.pattern, value)) fail(`Member must satisfy regular expression pattern: ${shape.pattern}`);
  // On the wire the event's properties are a string holding a JSON object (the client also takes an object).
  if (shape.clientRule === 'jsonObjectOrString' && len >= 1) {
    let parsed;
    try { parsed = JSON.parse(value); } catch { parsed = undefined; }
    if (typeName(parsed) !== 'object') fail('Member must be a string holding a JSON object');
  }
}

function checkNumber(shape, value, where, fail) {
  if (shape.type === 'integer') {
    if (typeof value !== 'number' || !Number.isInteger(value) || Math.abs(value) > 2147483647) mismatch(where, 'an integer', value);
    if (shape.min !== undefined && value < shape.min) fail(`Member must have value greater than or equal to ${shape.min}`);
    if (shape.max !== undefined && value > shape.max) fail(`Member must have value less than or equal to ${shape.max}`);
  } else if (shape.type === 'float') {
    if (typeof value !== 'number' && value !== 'NaN' && value !== 'Infinity' && value !== '-Infinity') mismatch(where, 'a number', value);
  } else if (typeof value !== 'number' || !Number.isFinite(value)) {
    mismatch(where, 'a timestamp (epoch seconds as a JSON number)', value);
  }
}

function checkList(shape, value, where, errors, sensitive) {
  if (!Array.isArray(value)) mismatch(where, 'a list', value);
  const len = value.length;
  const failLength = (constraint) => errors.push(
    `Value with ${len} element${len === 1 ? '' : 's'} at '${where}' failed to satisfy constraint: ${constraint}`);
  if (shape.min !== undefined && len < shape.min) failLength(`Member must have length greater than or equal to ${shape.min}`);
  if (shape.max !== undefined && len > shape.max) failLength(`Member must have length less than or equal to ${shape.max}`);
  value.forEach((item, i) => {
    const p = `${where}.${i + 1}.member`;
    if (item === null || item === undefined) errors.push(`Value null at '${p}' failed to satisfy constraint: Member must not be null`);
    else validateShape(shape.member, item, p, errors, sensitive);
  });
}

function checkStructure(shape, value, where, errors, sensitive) {
  if (typeName(value) !== 'object') mismatch(where, 'a structure (JSON object)', value);
  for (const [name, member] of Object.entries(shape.members)) {
    const p = where ? `${where}.${name}` : name;
    const v = Object.prototype.hasOwnProperty.call(value, name) ? value[name] : undefined;
    if (v === undefined || v === null) {
      if (member.required) errors.push(`Value null at '${p}' failed to satisfy constraint: Member must not be null`);
    } else {
      validateShape(member, v, p, errors, sensitive);
    }
  }
}

function validateShape(shape, value, where, errors, sensitive = false) {
  sensitive = sensitive || !!shape.sensitive;
  const fail = (constraint) => errors.push(sensitive
    ? `Value at '${where}' failed to satisfy constraint: ${constraint}`
    : `Value '${String(value)}' at '${where}' failed to satisfy constraint: ${constraint}`);
  switch (shape.type) {
    case 'string': return checkString(shape, value, where, fail);
    case 'integer':
    case 'float':
    case 'timestamp': return checkNumber(shape, value, where, fail);
    case 'list': return checkList(shape, value, where, errors, sensitive);
    case 'structure': return checkStructure(shape, value, where, errors, sensitive);
    default: throw new Error(`unknown shape type ${shape.type}`);
  }
}

/** Throws InvalidInputException (all constraint failures) or SerializationException (a wrong JSON type). */
export function validateInput(operation, input) {
  const errors = [];
  validateShape(OPERATIONS[operation].input, input, '', errors);
  if (errors.length) {
    const n = errors.length;
    throw new ApiError('InvalidInputException', `${n} validation error${n === 1 ? '' : 's'} detected: ${errors.join('; ')}`);
  }
}
