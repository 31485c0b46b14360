#!/usr/bin/env node
// A local endpoint that speaks the Amazon Personalize control plane (awsJson1_1, POST /)
// and Personalize Events PutEvents (rest-json, POST /events) closely enough for client tests.
// See README.md next to this file. Plain node:http; SigV4 verified with @smithy/signature-v4 over
// node:crypto. Who may call it is in access.mjs, how its state is kept on disk in state-store.mjs.

import http from 'node:http';
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { SignatureV4, getCanonicalHeaders, getPayloadHash } from '@smithy/signature-v4';
import { mulberry32 } from '../helpers/prng.mjs';
import { NodeSha256 } from './node-sha256.mjs';
import {
  ADMIN_TOKEN_HEADER, newAdminToken, loopbackHosts, hostProblem, adminProblem,
  redactAuthorization, redactHeaders, redactCanonicalRequest,
} from './access.mjs';
import { openStateStore } from './state-store.mjs';

export const DEMO_CREDENTIALS = Object.freeze({
  accessKeyId: 'AKIAIOSFODNN7EXAMPLE',
  secretAccessKey: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY',
  accountId: '123456789012',
});
export const DEMO_REGION = 'us-east-1';
export const DEMO_DATASET_GROUP = 'demo-dataset-group';
export const SIGNING_SERVICE = 'personalize';
const FIVE_MINUTES = 5 * 60 * 1000;
const MAX_STORED_EVENTS = 10000;
const MIN_EVENT_IDS = 100000; // (trackingId, eventId) pairs remembered for de-duplication, at least
export const MAX_JSON_DEPTH = 64; // deeper request bodies are a SerializationException
const MAX_REQUEST_LOG = 200;
const TAG_LIMIT = 50;

const JSON11 = 'application/x-amz-json-1.1';
const CT_JSON = 'application/json';

export { ADMIN_TOKEN_HEADER };

const CORS_ALLOW_HEADERS = [
  'authorization', 'content-type', 'x-amz-date', 'x-amz-target', 'x-amz-security-token',
  'x-amz-content-sha256', 'x-amz-user-agent', 'amz-sdk-invocation-id', 'amz-sdk-request',
];

const MSG = {
  missingAuth: 'Missing Authentication Token',
  badToken: 'The security token included in the request is invalid.',
  badSignature: 'The request signature we calculated does not match the signature you provided. ' +
    'Check your AWS Secret Access Key and signing method. Consult the service documentation for details.',
};

export class ApiError extends Error {
  constructor(type, message, status = 400) {
    super(message);
    this.type = type;
    this.status = status;
  }
}

// ---------------------------------------------------------------------------------------------
// Input validation in the style of the AWS (Coral) validator.

const NAME_PATTERN = '^[a-zA-Z0-9][a-zA-Z0-9\\-_]*';
const TAG_PATTERN = '^([\\p{L}\\p{Z}\\p{N}_.:/=+\\-@]*)$';

const shapes = (() => {
  const Name = { type: 'string', min: 1, max: 63, pattern: NAME_PATTERN };
  const Arn = { type: 'string', min: 0, max: 256, pattern: 'arn:([a-z\\d-]+):personalize:.*:.*:.+' };
  const RoleArn = { type: 'string', max: 256, pattern: 'arn:([a-z\\d-]+):iam::\\d{12}:role/?[a-zA-Z_0-9+=,.@\\-_/]+' };
  const KmsKeyArn = { type: 'string', pattern: 'arn:aws.*:kms:.*:[0-9]{12}:key/.*' };
  const Domain = { type: 'string', enum: ['ECOMMERCE', 'VIDEO_ON_DEMAND'] };
  const Tag = {
    type: 'structure',
    members: {
      tagKey: { type: 'string', min: 1, max: 128, pattern: TAG_PATTERN, required: true, sensitive: true },
      tagValue: { type: 'string', min: 0, max: 256, pattern: TAG_PATTERN, required: true, sensitive: true },
    },
  };
  const Tags = { type: 'list', min: 0, max: 200, member: Tag };
  const NextToken = { type: 'string', max: 1500, pattern: '\\p{ASCII}{0,1500}' };
  const MaxResults = { type: 'integer', min: 1, max: 100 };
  const req = (s) => ({ ...s, required: true });

  const StringType = { type: 'string', min: 1, max: 256 };
  const Event = {
    type: 'structure',
    sensitive: true, // the Event structure is @sensitive in the model: values are not echoed
    members: {
      eventId: StringType,
      eventType: req(StringType),
      eventValue: { type: 'float' },
      itemId: StringType,
      properties: { type: 'string', min: 1, max: 1024, jsonObject: true },
      sentAt: req({ type: 'timestamp' }),
      recommendationId: { type: 'string', min: 1, max: 40 },
      impression: { type: 'list', min: 1, max: 25, member: StringType },
      metricAttribution: {
        type: 'structure',
        members: {
          eventAttributionSource: req({ type: 'string', max: 1024, pattern: '^[\\x20-\\x7E]*[\\x21-\\x7E]+[\\x20-\\x7E]*$' }),
        },
      },
    },
  };

  return {
    CreateDatasetGroup: { type: 'structure', members: { name: req(Name), roleArn: RoleArn, kmsKeyArn: KmsKeyArn, domain: Domain, tags: Tags } },
    DescribeDatasetGroup: { type: 'structure', members: { datasetGroupArn: req(Arn) } },
    DeleteDatasetGroup: { type: 'structure', members: { datasetGroupArn: req(Arn) } },
    ListDatasetGroups: { type: 'structure', members: { nextToken: NextToken, maxResults: MaxResults } },
    CreateEventTracker: { type: 'structure', members: { name: req(Name), datasetGroupArn: req(Arn), tags: Tags } },
    DescribeEventTracker: { type: 'structure', members: { eventTrackerArn: req(Arn) } },
    DeleteEventTracker: { type: 'structure', members: { eventTrackerArn: req(Arn) } },
    ListEventTrackers: { type: 'structure', members: { datasetGroupArn: Arn, nextToken: NextToken, maxResults: MaxResults } },
    PutEvents: {
      type: 'structure',
      members: {
        trackingId: req(StringType),
        userId: { ...StringType, sensitive: true },
        sessionId: req(StringType),
        eventList: req({ type: 'list', min: 1, max: 10, member: Event }),
      },
    },
  };
})();

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

// Body limits per operation, from the model: the longest JSON a valid input can take, with every
// string at its maximum length and each character in its longest usual form (a \uXXXX escape,
// 6 bytes, as boto3 and the AWS CLI write non-ASCII text; raw UTF-8 is at most 4), plus a quarter
// for whitespace and members a newer model may add. Never below MIN_BODY_BYTES.
const JSON_BYTES_PER_CODE_POINT = 6;
const UNBOUNDED_STRING_CODE_POINTS = 2048; // strings the model leaves unbounded (kmsKeyArn)
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
export const BODY_LIMITS = Object.freeze(Object.fromEntries(Object.entries(shapes).map(([op, shape]) =>
  [op, Math.max(MIN_BODY_BYTES, Math.ceil(maxJsonBytes(shape) * 1.25))])));
export const MAX_BODY_BYTES = Math.max(...Object.values(BODY_LIMITS));
const bodyLimit = (operation) => BODY_LIMITS[operation] ?? MIN_BODY_BYTES;

function typeName(v) {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'array';
  return typeof v;
}

function validateShape(shape, value, where, errors, sensitive = false) {
  sensitive = sensitive || !!shape.sensitive;
  const fail = (constraint) => {
    errors.push(sensitive
      ? `Value at '${where}' failed to satisfy constraint: ${constraint}`
      : `Value '${String(value)}' at '${where}' failed to satisfy constraint: ${constraint}`);
  };
  const mismatch = (expected) => {
    throw new ApiError('SerializationException',
      `Expected ${expected} for '${where || 'input'}' but found ${typeName(value)}`);
  };
  switch (shape.type) {
    case 'string': {
      if (typeof value !== 'string') mismatch('a string');
      const len = codePoints(value);
      if (shape.min !== undefined && len < shape.min) fail(`Member must have length greater than or equal to ${shape.min}`);
      if (shape.max !== undefined && len > shape.max) fail(`Member must have length less than or equal to ${shape.max}`);
      if (shape.enum && !shape.enum.includes(value)) fail(`Member must satisfy enum value set: [${shape.enum.join(', ')}]`);
      if (shape.pattern && !wholeMatch(shape.pattern, value)) fail(`Member must satisfy regular expression pattern: ${shape.pattern}`);
      if (shape.jsonObject && len >= 1) {
        let parsed;
        try { parsed = JSON.parse(value); } catch { parsed = undefined; }
        if (typeName(parsed) !== 'object') fail('Member must be a string holding a JSON object');
      }
      return;
    }
    case 'integer': {
      if (typeof value !== 'number' || !Number.isInteger(value) || Math.abs(value) > 2147483647) mismatch('an integer');
      if (shape.min !== undefined && value < shape.min) fail(`Member must have value greater than or equal to ${shape.min}`);
      if (shape.max !== undefined && value > shape.max) fail(`Member must have value less than or equal to ${shape.max}`);
      return;
    }
    case 'float': {
      if (typeof value === 'number') return;
      if (value === 'NaN' || value === 'Infinity' || value === '-Infinity') return;
      mismatch('a number');
      return;
    }
    case 'timestamp': {
      if (typeof value !== 'number' || !Number.isFinite(value)) mismatch('a timestamp (epoch seconds as a JSON number)');
      return;
    }
    case 'list': {
      if (!Array.isArray(value)) mismatch('a list');
      // A list is described by its length, never by its items (tags and events hold secrets).
      const len = value.length;
      const failLength = (constraint) => errors.push(
        `Value with ${len} element${len === 1 ? '' : 's'} at '${where}' failed to satisfy constraint: ${constraint}`);
      if (shape.min !== undefined && len < shape.min) failLength(`Member must have length greater than or equal to ${shape.min}`);
      if (shape.max !== undefined && len > shape.max) failLength(`Member must have length less than or equal to ${shape.max}`);
      value.forEach((item, i) => {
        const p = `${where}.${i + 1}.member`;
        if (item === null || item === undefined) {
          errors.push(`Value null at '${p}' failed to satisfy constraint: Member must not be null`);
          return;
        }
        validateShape(shape.member, item, p, errors, sensitive);
      });
      return;
    }
    case 'structure': {
      if (typeName(value) !== 'object') mismatch('a structure (JSON object)');
      for (const [name, member] of Object.entries(shape.members)) {
        const p = where ? `${where}.${name}` : name;
        const v = Object.prototype.hasOwnProperty.call(value, name) ? value[name] : undefined;
        if (v === undefined || v === null) {
          if (member.required) errors.push(`Value null at '${p}' failed to satisfy constraint: Member must not be null`);
          continue;
        }
        validateShape(member, v, p, errors, sensitive);
      }
      return;
    }
    default:
      throw new Error(`unknown shape type ${shape.type}`);
  }
}

export function validateInput(operation, input) {
  const errors = [];
  validateShape(shapes[operation], input, '', errors);
  if (errors.length) {
    const n = errors.length;
    throw new ApiError('InvalidInputException',
      `${n} validation error${n === 1 ? '' : 's'} detected: ${errors.join('; ')}`);
  }
}

function checkTags(tags) {
  if (!tags) return;
  if (tags.length > TAG_LIMIT) {
    throw new ApiError('TooManyTagsException',
      `The number of tags (${tags.length}) exceeds the maximum of ${TAG_LIMIT} tags per resource.`);
  }
  for (const t of tags) {
    if (/^aws:/i.test(t.tagKey) || /^aws:/i.test(t.tagValue)) {
      throw new ApiError('InvalidInputException',
        "Tag keys and values may not start with 'aws:'; that prefix is reserved for AWS use.");
    }
  }
}

// ---------------------------------------------------------------------------------------------
// SigV4 verification (the canonical request and signature are computed by @smithy/signature-v4).

const pad2 = (n) => String(n).padStart(2, '0');
export function amzDate(ms) {
  const d = new Date(ms);
  return `${d.getUTCFullYear()}${pad2(d.getUTCMonth() + 1)}${pad2(d.getUTCDate())}T` +
    `${pad2(d.getUTCHours())}${pad2(d.getUTCMinutes())}${pad2(d.getUTCSeconds())}Z`;
}
function parseAmzDate(s) {
  const m = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/.exec(s);
  if (!m) return NaN;
  const ms = Date.UTC(+m[1], +m[2] - 1, +m[3], +m[4], +m[5], +m[6]);
  return amzDate(ms) === s ? ms : NaN;
}

/** Parses a raw query string into smithy's query object without turning '+' into a space. */
export function parseRawQuery(raw) {
  const query = {};
  if (!raw) return query;
  for (const part of raw.split('&')) {
    if (part === '') continue;
    const eq = part.indexOf('=');
    const dec = (s) => { try { return decodeURIComponent(s); } catch { return s; } };
    const key = dec(eq < 0 ? part : part.slice(0, eq));
    const value = eq < 0 ? '' : dec(part.slice(eq + 1));
    if (Object.prototype.hasOwnProperty.call(query, key)) {
      query[key] = [].concat(query[key], value);
    } else {
      query[key] = value;
    }
  }
  return query;
}

function timingSafeEqualStr(a, b) {
  const ab = Buffer.from(String(a), 'utf8');
  const bb = Buffer.from(String(b), 'utf8');
  if (ab.length !== bb.length) {
    crypto.timingSafeEqual(ab, ab);
    return false;
  }
  return crypto.timingSafeEqual(ab, bb);
}

function parseAuthorization(value) {
  const m = /^\s*(\S+)\s*(.*)$/s.exec(value);
  const algorithm = m ? m[1] : '';
  if (algorithm !== 'AWS4-HMAC-SHA256') {
    throw new ApiError('IncompleteSignatureException',
      `Unsupported AWS 'algorithm': '${algorithm}'. Expected 'AWS4-HMAC-SHA256'.`);
  }
  const params = {};
  for (const piece of m[2].split(',')) {
    const kv = piece.trim();
    const eq = kv.indexOf('=');
    if (eq > 0) params[kv.slice(0, eq).trim()] = kv.slice(eq + 1).trim();
  }
  const missing = ['Credential', 'Signature', 'SignedHeaders'].filter((k) => !params[k]);
  if (missing.length) {
    throw new ApiError('IncompleteSignatureException',
      missing.map((k) => `Authorization header requires '${k}' parameter.`).join(' ') + ` Authorization=${redactAuthorization(value)}`);
  }
  return params;
}

/**
 * Verifies a SigV4 Authorization header.
 * req: { method, path (raw, as on the wire), query (raw string), headers: { lowercased: string[] }, body: Buffer }
 * opts: { now (ms, server clock), lookup(accessKeyId) -> {secretAccessKey, sessionToken?, ...} | null,
 *         service ('personalize'), requireHost (true) }
 * Returns { accessKeyId, credentials, region, service, longDate } or throws ApiError.
 * On a signature mismatch the ApiError carries .debug = { canonicalRequest, stringToSign }.
 */
export async function verifySigV4(req, opts) {
  const service = opts.service ?? SIGNING_SERVICE;
  const header = (name) => {
    const v = req.headers[name];
    if (v === undefined) return undefined;
    return Array.isArray(v) ? v.join(',') : v;
  };
  const authorization = header('authorization');
  if (!authorization) throw new ApiError('MissingAuthenticationTokenException', MSG.missingAuth);
  const params = parseAuthorization(authorization);

  const scopeParts = params.Credential.split('/');
  if (scopeParts.length !== 5) {
    throw new ApiError('IncompleteSignatureException',
      `Credential must have exactly 5 slash-delimited elements, e.g. keyid/date/region/service/term, got '${params.Credential}'`);
  }
  const [accessKeyId, scopeDate, region, scopeService, terminator] = scopeParts;
  const credentials = opts.lookup(accessKeyId);
  if (!credentials) throw new ApiError('UnrecognizedClientException', MSG.badToken);

  const token = header('x-amz-security-token');
  if (credentials.sessionToken) {
    if (token === undefined || !timingSafeEqualStr(token, credentials.sessionToken)) {
      throw new ApiError('UnrecognizedClientException', MSG.badToken);
    }
  } else if (token !== undefined) {
    throw new ApiError('UnrecognizedClientException', MSG.badToken);
  }

  let longDate = header('x-amz-date');
  if (longDate === undefined) {
    const httpDate = header('date');
    if (httpDate === undefined) {
      throw new ApiError('IncompleteSignatureException',
        `Authorization header requires existence of either a 'X-Amz-Date' or a 'Date' header. Authorization=${redactAuthorization(authorization)}`);
    }
    const ms = Date.parse(httpDate);
    if (Number.isNaN(ms)) {
      throw new ApiError('IncompleteSignatureException', `Date must be a valid HTTP date. Got '${httpDate}'.`);
    }
    longDate = amzDate(ms);
  }
  const requestMs = parseAmzDate(longDate);
  if (Number.isNaN(requestMs)) {
    throw new ApiError('IncompleteSignatureException',
      `Date must be in ISO-8601 'basic format'. Got '${longDate}'. See http://en.wikipedia.org/wiki/ISO_8601`);
  }
  const now = opts.now;
  if (requestMs < now - FIVE_MINUTES) {
    throw new ApiError('InvalidSignatureException',
      `Signature expired: ${longDate} is now earlier than ${amzDate(now - FIVE_MINUTES)} (${amzDate(now)} - 5 min.)`);
  }
  if (requestMs > now + FIVE_MINUTES) {
    throw new ApiError('InvalidSignatureException',
      `Signature not yet current: ${longDate} is still later than ${amzDate(now + FIVE_MINUTES)} (${amzDate(now)} + 5 min.)`);
  }
  if (scopeDate !== longDate.slice(0, 8)) {
    throw new ApiError('InvalidSignatureException',
      `Date in Credential scope does not match YYYYMMDD from ISO-8601 version of date from HTTP: '${scopeDate}' != '${longDate.slice(0, 8)}', from '${longDate}'.`);
  }
  if (!/^[a-z0-9-]+$/.test(region)) {
    throw new ApiError('InvalidSignatureException', `Credential should be scoped to a valid region, not '${region}'. `);
  }
  if (scopeService !== service) {
    throw new ApiError('InvalidSignatureException', `Credential should be scoped to correct service: '${service}'. `);
  }
  if (terminator !== 'aws4_request') {
    throw new ApiError('InvalidSignatureException',
      `Credential should be scoped with a valid terminator: 'aws4_request', not '${terminator}'. `);
  }
  const signedHeaders = params.SignedHeaders.split(';');
  if ((opts.requireHost ?? true) && !signedHeaders.includes('host')) {
    throw new ApiError('InvalidSignatureException', "'Host' or ':authority' must be a 'SignedHeader' in the AWS Authorization.");
  }

  // Rebuild the request from exactly what arrived: the headers named in SignedHeaders with the values
  // received (repeated headers joined by ','), the raw path and query, and the raw body bytes.
  const headers = {};
  for (const name of signedHeaders) {
    const v = header(name);
    if (v !== undefined) headers[name] = v;
  }
  const signable = new Set(signedHeaders);
  const canonicalHeaders = getCanonicalHeaders({ headers }, undefined, signable);
  const signer = new SignatureV4({
    credentials: { accessKeyId, secretAccessKey: credentials.secretAccessKey },
    region,
    service,
    sha256: NodeSha256,
    uriEscapePath: true,
    applyChecksum: false,
  });
  const payloadHash = await getPayloadHash({ headers: {}, body: req.body ?? new Uint8Array(0) }, NodeSha256);
  const request = { method: req.method, path: req.path, query: parseRawQuery(req.query), headers };
  const canonicalRequest = signer.createCanonicalRequest(request, canonicalHeaders, payloadHash);
  const scope = `${scopeDate}/${region}/${service}/aws4_request`;
  const expected = await signer.getSignature(
    longDate, scope,
    signer.getSigningKey({ accessKeyId, secretAccessKey: credentials.secretAccessKey }, region, scopeDate, service),
    canonicalRequest);
  // The SignedHeaders list must be exactly the (sorted, lower-case) list the canonical request used.
  const listOk = Object.keys(canonicalHeaders).sort().join(';') === params.SignedHeaders;
  if (!timingSafeEqualStr(expected, params.Signature) || !listOk) {
    const err = new ApiError('InvalidSignatureException', MSG.badSignature);
    err.debug = { // kept in the request log: the session token's value is not
      canonicalRequest: redactCanonicalRequest(canonicalRequest),
      stringToSign: await signer.createStringToSign(longDate, scope, canonicalRequest, 'AWS4-HMAC-SHA256'),
    };
    throw err;
  }
  return { accessKeyId, credentials, region, service, longDate };
}

// ---------------------------------------------------------------------------------------------
// The emulator.

function partitionOf(region) {
  if (/^cn-/.test(region)) return 'aws-cn';
  if (/^us-gov-/.test(region)) return 'aws-us-gov';
  if (/^us-isob-/.test(region)) return 'aws-iso-b';
  if (/^us-isof-/.test(region)) return 'aws-iso-f';
  if (/^us-iso-/.test(region)) return 'aws-iso';
  if (/^eu-isoe-/.test(region)) return 'aws-iso-e';
  if (/^eusc-/.test(region)) return 'aws-eusc';
  return 'aws';
}

const CONTROL_OPERATIONS = [
  'CreateDatasetGroup', 'DescribeDatasetGroup', 'ListDatasetGroups', 'DeleteDatasetGroup',
  'CreateEventTracker', 'DescribeEventTracker', 'ListEventTrackers', 'DeleteEventTracker',
];

function normalizeCredentials(list) {
  const map = new Map();
  const add = (c, i) => {
    if (!c || typeof c.accessKeyId !== 'string' || !c.accessKeyId || typeof c.secretAccessKey !== 'string' || !c.secretAccessKey) {
      throw new TypeError(`credentials[${i}] needs string accessKeyId and secretAccessKey`);
    }
    if (c.sessionToken !== undefined && (typeof c.sessionToken !== 'string' || !c.sessionToken)) {
      throw new TypeError(`credentials[${i}].sessionToken must be a non-empty string`);
    }
    if (c.accountId !== undefined && !/^\d{12}$/.test(String(c.accountId))) {
      throw new TypeError(`credentials[${i}].accountId must be 12 digits`);
    }
    map.set(c.accessKeyId, {
      accessKeyId: c.accessKeyId,
      secretAccessKey: c.secretAccessKey,
      sessionToken: c.sessionToken,
      accountId: c.accountId !== undefined ? String(c.accountId) : DEMO_CREDENTIALS.accountId,
    });
  };
  add(DEMO_CREDENTIALS, 'demo');
  (list ?? []).forEach(add);
  return map;
}

function emptyFaults() {
  return {
    throttle: 0, throttleName: 'ThrottlingException',
    serverError: 0, serverErrorStatus: 500,
    delayMs: 0, delayCount: 0,
    dropAfterProcessing: 0,
    clockSkewMs: 0,
    failNextTrackerCreation: 0,
    operations: null,
    throttleRate: 0, serverErrorRate: 0, dropRate: 0, seed: null,
  };
}

function emptyStats() {
  return { total: 0, byOperation: {}, byStatus: {}, byError: {}, dropped: 0, succeeded: {}, duplicateEvents: 0 };
}


/** True when JSON text nests arrays/objects deeper than limit (strings skipped); linear, no recursion. */
export function jsonTooDeep(text, limit = MAX_JSON_DEPTH) {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 0x5c) i++; // backslash: skip the escaped character
      else if (c === 0x22) inString = false;
    } else if (c === 0x22) {
      inString = true;
    } else if (c === 0x5b || c === 0x7b) {
      if (++depth > limit) return true;
    } else if (c === 0x5d || c === 0x7d) {
      depth--;
    }
  }
  return false;
}

// Content types a JSON request may carry (parameters such as charset are ignored). No Content-Type
// at all is accepted too, as the real endpoints do for an empty body.
const JSON_CONTENT_TYPES = new Set(['application/x-amz-json-1.1', 'application/x-amz-json-1.0', 'application/json']);
const utf8Strict = new TextDecoder('utf-8', { fatal: true });

export async function startEmulator(options = {}) {
  const stepMs = options.stepMs ?? 1000;
  if (!Number.isFinite(stepMs) || stepMs < 0) throw new TypeError('stepMs must be a number >= 0');
  const realNow = typeof options.now === 'function' ? options.now : Date.now;
  const admin = !!options.admin;
  // The per-run secret every admin request must carry (X-Emulator-Admin-Token); see access.mjs.
  const adminToken = admin ? newAdminToken() : null;
  const stateFile = options.stateFile ?? null;
  const log = options.log ?? ((msg) => process.stderr.write(`[personalize-emulator] ${msg}\n`));
  const credentials = normalizeCredentials(options.credentials);
  const maxStoredEvents = options.maxStoredEvents ?? MAX_STORED_EVENTS;
  if (!Number.isInteger(maxStoredEvents) || maxStoredEvents < 0) throw new TypeError('maxStoredEvents must be an integer >= 0');
  const maxEventIds = Math.max(MIN_EVENT_IDS, maxStoredEvents);
  // Time limits for one request: headers, the whole request, and reading the body (a client that
  // trickles its body is answered 408 and disconnected once bodyTimeoutMs have passed).
  const headersTimeoutMs = options.headersTimeoutMs ?? 10000;
  const requestTimeoutMs = Math.max(options.requestTimeoutMs ?? 30000, headersTimeoutMs);
  const bodyTimeoutMs = options.bodyTimeoutMs ?? 10000;

  let faults = emptyFaults();
  let random = Math.random; // the source of probabilistic faults; seeded by faults.seed
  let stats = emptyStats();
  let requestLog = [];
  const serverNow = () => realNow() + faults.clockSkewMs;

  // ---- state ----
  let seq = 0;
  let datasetGroups = new Map(); // arn -> record
  let trackers = new Map(); // arn -> record
  let events = [];
  let eventKeys = new Set(); // `${trackingId}\n${eventId}` of the events stored, for de-duplication (bounded)
  const eventKey = (trackingId, eventId) => `${trackingId}\n${eventId}`;
  function rememberEventKey(key) {
    eventKeys.add(key);
    if (eventKeys.size > maxEventIds) eventKeys.delete(eventKeys.values().next().value);
  }
  let eventsByTracker = new Map(); // trackingId -> its records in `events`, oldest first
  function indexEvent(rec) {
    const list = eventsByTracker.get(rec.trackingId);
    if (list) list.push(rec);
    else eventsByTracker.set(rec.trackingId, [rec]);
  }
  function storeEvent(rec) {
    events.push(rec);
    indexEvent(rec);
  }
  function trimEvents() {
    if (events.length <= maxStoredEvents) return;
    for (const rec of events.splice(0, events.length - maxStoredEvents)) {
      const list = eventsByTracker.get(rec.trackingId);
      list?.shift(); // the oldest overall are the oldest of their tracker
      if (list && list.length === 0) eventsByTracker.delete(rec.trackingId);
    }
    store?.maybeCompact(events);
  }
  function rebuildEventIndexes() {
    eventKeys = new Set();
    eventsByTracker = new Map();
    for (const e of events) {
      if (e.event && e.event.eventId !== undefined && e.event.eventId !== null) rememberEventKey(eventKey(e.trackingId, e.event.eventId));
      indexEvent(e);
    }
  }

  // With a state file: dataset groups and trackers are rewritten after each change, events are
  // appended to a journal (state-store.mjs). The store holds the file's lock until close().
  const store = stateFile ? openStateStore(stateFile, { log }) : null;
  function loadState() {
    if (!store) return;
    const data = store.state;
    if (data) {
      seq = data.seq;
      datasetGroups = new Map(data.datasetGroups.map((r) => [r.arn, r]));
      trackers = new Map(data.eventTrackers.map((r) => [r.arn, r]));
    }
    events = store.events;
    rebuildEventIndexes();
    trimEvents();
  }
  function saveState() {
    store?.saveState({ seq, datasetGroups: [...datasetGroups.values()], eventTrackers: [...trackers.values()] });
  }

  // Lifecycles are computed from timestamps on the real clock. Displayed times add the clock skew
  // that was in force when the change happened (t0/skew0, d0/dskew).
  function lifecycle(rec, createSteps, finalStatus) {
    const t = realNow();
    const secs = (ms) => ms / 1000;
    const created = secs(rec.t0 + rec.skew0);
    if (rec.d0 !== undefined && rec.d0 !== null) {
      const e = t - rec.d0;
      if (e >= 2 * stepMs) return null;
      if (e >= stepMs) return { status: 'DELETE IN_PROGRESS', created, updated: secs(rec.d0 + stepMs + rec.dskew) };
      return { status: 'DELETE PENDING', created, updated: secs(rec.d0 + rec.dskew) };
    }
    const e = t - rec.t0;
    const names = createSteps === 2 ? ['CREATE PENDING', 'CREATE IN_PROGRESS'] : ['CREATE PENDING'];
    if (e >= names.length * stepMs) {
      return { status: finalStatus, created, updated: secs(rec.t0 + names.length * stepMs + rec.skew0) };
    }
    const k = Math.floor(e / (stepMs || 1));
    const idx = Math.max(0, Math.min(k, names.length - 1));
    return { status: names[idx], created, updated: secs(rec.t0 + idx * stepMs + rec.skew0) };
  }
  const dgView = (dg) => lifecycle(dg, 1, 'ACTIVE');
  const trView = (tr) => lifecycle(tr, 2, tr.failed ? 'CREATE FAILED' : 'ACTIVE');

  function sweep() {
    let changed = false;
    for (const [arn, tr] of trackers) if (!trView(tr)) { trackers.delete(arn); changed = true; }
    for (const [arn, dg] of datasetGroups) if (!dgView(dg)) { datasetGroups.delete(arn); changed = true; }
    if (changed) saveState();
  }

  function ensureDemo() {
    const arn = `arn:aws:personalize:${DEMO_REGION}:${DEMO_CREDENTIALS.accountId}:dataset-group/${DEMO_DATASET_GROUP}`;
    if (datasetGroups.has(arn)) return arn;
    datasetGroups.set(arn, {
      arn, name: DEMO_DATASET_GROUP, accountId: DEMO_CREDENTIALS.accountId, region: DEMO_REGION,
      seq: ++seq, t0: realNow() - stepMs, skew0: faults.clockSkewMs, tags: [],
    });
    saveState();
    return arn;
  }

  let demoDatasetGroupArn = null;
  try {
    loadState();
    sweep();
    if (options.demo) demoDatasetGroupArn = ensureDemo();
  } catch (e) {
    store?.close();
    throw e;
  }

  // ---- operations ----
  const owned = (rec, ctx) => rec && rec.accountId === ctx.accountId && rec.region === ctx.region;
  const notFound = (arn) => new ApiError('ResourceNotFoundException', `Could not find resource with ARN ${arn}`);

  function findDatasetGroup(arn, ctx) {
    const dg = datasetGroups.get(arn);
    if (!owned(dg, ctx)) throw notFound(arn);
    return dg;
  }
  function findTracker(arn, ctx) {
    const tr = trackers.get(arn);
    if (!owned(tr, ctx)) throw notFound(arn);
    return tr;
  }

  function pageToken(op, after, filter) {
    return Buffer.from(JSON.stringify({ op, after, filter: filter ?? '' })).toString('base64url');
  }
  function readToken(op, token, filter) {
    if (token === undefined || token === null) return -1;
    try {
      const t = JSON.parse(Buffer.from(token, 'base64url').toString('utf8'));
      if (t && t.op === op && Number.isInteger(t.after) && t.filter === (filter ?? '') &&
          pageToken(op, t.after, filter) === token) return t.after;
    } catch { /* fall through */ }
    throw new ApiError('InvalidNextTokenException', 'The specified nextToken is not valid.');
  }
  function paginate(op, items, input, filter) {
    const after = readToken(op, input.nextToken, filter);
    const max = input.maxResults ?? 100;
    const rest = items.filter((r) => r.seq > after).sort((a, b) => a.seq - b.seq);
    const page = rest.slice(0, max);
    const more = rest.length > max;
    return { page, nextToken: more ? pageToken(op, page[page.length - 1].seq, filter) : undefined };
  }

  function consumeTrackerFailure() {
    if (faults.failNextTrackerCreation > 0) {
      faults.failNextTrackerCreation--;
      return true;
    }
    return false;
  }

  const ops = {
    CreateDatasetGroup(input, ctx) {
      validateInput('CreateDatasetGroup', input);
      checkTags(input.tags);
      const arn = `arn:${partitionOf(ctx.region)}:personalize:${ctx.region}:${ctx.accountId}:dataset-group/${input.name}`;
      if (datasetGroups.has(arn)) {
        throw new ApiError('ResourceAlreadyExistsException', `Dataset group with name ${input.name} already exists.`);
      }
      const rec = {
        arn, name: input.name, accountId: ctx.accountId, region: ctx.region, seq: ++seq,
        t0: realNow(), skew0: faults.clockSkewMs, tags: input.tags ?? [],
      };
      if (input.roleArn !== undefined && input.roleArn !== null) rec.roleArn = input.roleArn;
      if (input.kmsKeyArn !== undefined && input.kmsKeyArn !== null) rec.kmsKeyArn = input.kmsKeyArn;
      if (input.domain !== undefined && input.domain !== null) rec.domain = input.domain;
      datasetGroups.set(arn, rec);
      saveState();
      const out = { datasetGroupArn: arn };
      if (rec.domain) out.domain = rec.domain;
      return out;
    },
    DescribeDatasetGroup(input, ctx) {
      validateInput('DescribeDatasetGroup', input);
      const dg = findDatasetGroup(input.datasetGroupArn, ctx);
      const v = dgView(dg);
      const out = { name: dg.name, datasetGroupArn: dg.arn, status: v.status };
      if (dg.roleArn) out.roleArn = dg.roleArn;
      if (dg.kmsKeyArn) out.kmsKeyArn = dg.kmsKeyArn;
      out.creationDateTime = v.created;
      out.lastUpdatedDateTime = v.updated;
      if (dg.domain) out.domain = dg.domain;
      return { datasetGroup: out };
    },
    ListDatasetGroups(input, ctx) {
      validateInput('ListDatasetGroups', input);
      const mine = [...datasetGroups.values()].filter((r) => owned(r, ctx));
      const { page, nextToken } = paginate('ListDatasetGroups', mine, input);
      const out = {
        datasetGroups: page.map((dg) => {
          const v = dgView(dg);
          const s = { name: dg.name, datasetGroupArn: dg.arn, status: v.status, creationDateTime: v.created, lastUpdatedDateTime: v.updated };
          if (dg.domain) s.domain = dg.domain;
          return s;
        }),
      };
      if (nextToken) out.nextToken = nextToken;
      return out;
    },
    DeleteDatasetGroup(input, ctx) {
      validateInput('DeleteDatasetGroup', input);
      const dg = findDatasetGroup(input.datasetGroupArn, ctx);
      const v = dgView(dg);
      if (v.status !== 'ACTIVE' && v.status !== 'CREATE FAILED') {
        throw new ApiError('ResourceInUseException',
          `Dataset group ${dg.arn} is in status ${v.status}; it can be deleted only when ACTIVE or CREATE FAILED.`);
      }
      const tr = [...trackers.values()].find((t) => t.datasetGroupArn === dg.arn);
      if (tr) {
        throw new ApiError('ResourceInUseException',
          `Dataset group ${dg.arn} still has an event tracker (${tr.arn}); delete it first.`);
      }
      dg.d0 = realNow();
      dg.dskew = faults.clockSkewMs;
      saveState();
      sweep();
      return {};
    },
    CreateEventTracker(input, ctx) {
      validateInput('CreateEventTracker', input);
      checkTags(input.tags);
      const dg = findDatasetGroup(input.datasetGroupArn, ctx);
      const dv = dgView(dg);
      if (dv.status !== 'ACTIVE') {
        throw new ApiError('ResourceInUseException',
          `Dataset group ${dg.arn} is in status ${dv.status}; it must be ACTIVE to create an event tracker.`);
      }
      const all = [...trackers.values()];
      if (all.some((t) => t.name === input.name && t.accountId === ctx.accountId && t.region === ctx.region)) {
        throw new ApiError('ResourceAlreadyExistsException', `Event tracker with name ${input.name} already exists.`);
      }
      const existing = all.find((t) => t.datasetGroupArn === dg.arn);
      if (existing) {
        throw new ApiError('ResourceAlreadyExistsException',
          `Dataset group ${dg.arn} already has an event tracker (${existing.arn}); only one event tracker is allowed per dataset group.`);
      }
      let arn;
      do {
        arn = `arn:${partitionOf(ctx.region)}:personalize:${ctx.region}:${ctx.accountId}:event-tracker/${crypto.randomBytes(4).toString('hex')}`;
      } while (trackers.has(arn));
      const rec = {
        arn, name: input.name, accountId: ctx.accountId, region: ctx.region, seq: ++seq,
        trackingId: crypto.randomUUID(), datasetGroupArn: dg.arn, tags: input.tags ?? [],
        t0: realNow(), skew0: faults.clockSkewMs, failed: consumeTrackerFailure(),
      };
      trackers.set(arn, rec);
      saveState();
      return { eventTrackerArn: arn, trackingId: rec.trackingId };
    },
    DescribeEventTracker(input, ctx) {
      validateInput('DescribeEventTracker', input);
      const tr = findTracker(input.eventTrackerArn, ctx);
      const v = trView(tr);
      return {
        eventTracker: {
          name: tr.name, eventTrackerArn: tr.arn, accountId: tr.accountId, trackingId: tr.trackingId,
          datasetGroupArn: tr.datasetGroupArn, status: v.status, creationDateTime: v.created, lastUpdatedDateTime: v.updated,
        },
      };
    },
    ListEventTrackers(input, ctx) {
      validateInput('ListEventTrackers', input);
      const filter = input.datasetGroupArn ?? undefined;
      const mine = [...trackers.values()].filter((r) => owned(r, ctx) && (!filter || r.datasetGroupArn === filter));
      const { page, nextToken } = paginate('ListEventTrackers', mine, input, filter);
      const out = {
        eventTrackers: page.map((tr) => {
          const v = trView(tr);
          return { name: tr.name, eventTrackerArn: tr.arn, status: v.status, creationDateTime: v.created, lastUpdatedDateTime: v.updated };
        }),
      };
      if (nextToken) out.nextToken = nextToken;
      return out;
    },
    DeleteEventTracker(input, ctx) {
      validateInput('DeleteEventTracker', input);
      const tr = findTracker(input.eventTrackerArn, ctx);
      const v = trView(tr);
      if (v.status !== 'ACTIVE' && v.status !== 'CREATE FAILED') {
        throw new ApiError('ResourceInUseException',
          `Event tracker ${tr.arn} is in status ${v.status}; it can be deleted only when ACTIVE or CREATE FAILED.`);
      }
      tr.d0 = realNow();
      tr.dskew = faults.clockSkewMs;
      saveState();
      sweep();
      return {};
    },
    PutEvents(input, ctx) {
      validateInput('PutEvents', input);
      const tr = [...trackers.values()].find((t) => t.trackingId === input.trackingId && owned(t, ctx));
      if (!tr) {
        throw new ApiError('ResourceNotFoundException', `Could not find an event tracker with tracking ID ${input.trackingId}.`, 404);
      }
      const v = trView(tr);
      if (v.status !== 'ACTIVE') {
        throw new ApiError('ResourceNotFoundException',
          `The event tracker with tracking ID ${input.trackingId} is not ACTIVE (status ${v.status}).`, 404);
      }
      const receivedAt = serverNow() / 1000;
      const stored = [];
      for (const event of input.eventList) {
        // Personalize counts an event whose eventId it has already seen for this tracker only once.
        if (event.eventId !== undefined && event.eventId !== null) {
          const key = eventKey(input.trackingId, event.eventId);
          if (eventKeys.has(key)) {
            stats.duplicateEvents++;
            continue;
          }
          rememberEventKey(key);
        }
        const rec = { trackingId: input.trackingId };
        if (input.userId !== undefined && input.userId !== null) rec.userId = input.userId;
        rec.sessionId = input.sessionId;
        rec.event = event;
        rec.receivedAt = receivedAt;
        storeEvent(rec);
        stored.push(rec);
      }
      store?.appendEvents(stored); // O(1): the state file is not rewritten for events
      trimEvents();
      return null; // empty body
    },
  };

  // ---- HTTP plumbing ----
  const pendingTimers = new Set();
  let closed = false;
  let allowedHosts = new Set(); // the Host values this endpoint answers to, once its port is known
  const sleep = (ms) => new Promise((resolve) => {
    const t = setTimeout(() => { pendingTimers.delete(entry); resolve(); }, ms);
    const entry = { t, resolve };
    pendingTimers.add(entry);
  });

  function countRequest(operation) {
    stats.total++;
    stats.byOperation[operation] = (stats.byOperation[operation] ?? 0) + 1;
  }

  function corsHeaders(req) {
    const requested = String(req.headers['access-control-request-headers'] ?? '')
      .split(',').map((s) => s.trim().toLowerCase()).filter((s) => /^[a-z0-9!#$%&'*+.^_`|~-]+$/.test(s));
    const allow = [...new Set([...CORS_ALLOW_HEADERS, ...requested])];
    return {
      'Access-Control-Allow-Origin': '*',
      'Access-Control-Allow-Methods': 'GET, POST, OPTIONS',
      'Access-Control-Allow-Headers': allow.join(', '),
      'Access-Control-Expose-Headers': 'x-amzn-RequestId, x-amzn-ErrorType, Date',
      'Access-Control-Max-Age': '600',
    };
  }

  function send(req, res, ctx, status, body, contentType, extraHeaders = {}) {
    const payload = body === null || body === undefined ? Buffer.alloc(0)
      : Buffer.isBuffer(body) ? body : Buffer.from(typeof body === 'string' ? body : JSON.stringify(body));
    const headers = {
      ...(ctx.admin ? {} : corsHeaders(req)), // admin answers are never readable by another origin
      'x-amzn-RequestId': ctx.requestId,
      'Date': new Date(serverNow()).toUTCString(),
      ...extraHeaders,
    };
    if (status !== 204) {
      headers['Content-Type'] = contentType;
      headers['Content-Length'] = String(payload.length);
    }
    if (ctx.counted) {
      stats.byStatus[status] = (stats.byStatus[status] ?? 0) + 1;
      if (ctx.logEntry) ctx.logEntry.status = status;
    }
    res.writeHead(status, headers);
    res.end(status === 204 ? undefined : payload);
  }

  function sendError(req, res, ctx, err, contentType, extraHeaders = {}) {
    if (ctx.counted) {
      stats.byError[err.type] = (stats.byError[err.type] ?? 0) + 1;
      if (ctx.logEntry) {
        ctx.logEntry.errorType = err.type;
        if (err.debug) ctx.logEntry.signatureDebug = err.debug;
      }
    }
    // After a 403, 408, 413 or 421 the rest of the body is not read: the connection is closed.
    const closing = [403, 408, 413, 421].includes(err.status);
    if (closing) res.once('finish', () => closeSoon(req.socket));
    send(req, res, ctx, err.status, { __type: err.type, message: err.message }, contentType,
      { 'x-amzn-ErrorType': err.type, ...(closing ? { Connection: 'close' } : {}), ...extraHeaders });
  }

  /** Ends the socket once the answer is flushed, and destroys it if the client does not close it soon. */
  function closeSoon(socket) {
    socket.end();
    setTimeout(() => socket.destroy(), 500).unref();
  }

  /** Reads a body of at most `limit` bytes; a larger one is refused (413) as soon as that shows. */
  function readBody(req, limit, what) {
    const tooLarge = () => new ApiError('RequestEntityTooLargeException',
      `The request body exceeds ${limit} bytes, the most ${what} can validly carry.`, 413);
    return new Promise((resolve, reject) => {
      const declared = req.headers['content-length'];
      if (declared !== undefined && Number(declared) > limit) {
        reject(tooLarge());
        return;
      }
      const chunks = [];
      let size = 0;
      let done = false;
      const finish = (fn, value) => {
        if (done) return;
        done = true;
        clearTimeout(timer);
        fn(value);
      };
      // A client that sends its headers and then trickles (or withholds) the body gets 408.
      const timer = bodyTimeoutMs > 0 ? setTimeout(() => {
        req.pause();
        finish(reject, new ApiError('RequestTimeoutException', `The request body was not received within ${bodyTimeoutMs} ms.`, 408));
      }, bodyTimeoutMs) : undefined;
      timer?.unref();
      req.on('data', (chunk) => {
        if (done) return;
        size += chunk.length;
        if (size > limit) {
          req.pause();
          finish(reject, tooLarge());
          return;
        }
        chunks.push(chunk);
      });
      req.on('end', () => finish(resolve, Buffer.concat(chunks)));
      req.on('error', (e) => finish(reject, Object.assign(e, { aborted: true })));
      req.on('aborted', () => finish(reject, Object.assign(new Error('request aborted'), { aborted: true })));
      req.on('close', () => finish(reject, Object.assign(new Error('connection closed before the body was read'), { aborted: true })));
    });
  }

  function parseJsonBody(body, { emptyIsObject }) {
    let text;
    try {
      text = utf8Strict.decode(body);
    } catch {
      throw new ApiError('SerializationException', 'The request body is not valid UTF-8.');
    }
    if (text.trim() === '') {
      if (emptyIsObject) return {};
      throw new ApiError('SerializationException', 'The request body is empty; a JSON object was expected.');
    }
    if (jsonTooDeep(text)) {
      throw new ApiError('SerializationException', `The request body nests arrays or objects more than ${MAX_JSON_DEPTH} levels deep.`);
    }
    let value;
    try {
      value = JSON.parse(text);
    } catch (e) {
      // A SyntaxError, or a RangeError from an engine that runs out of stack. V8 quotes a piece of
      // the body in some messages; that piece may be a secret (a tag value, an event), so it goes.
      const reason = String(e.message).replace(/,\s*".*" is not valid JSON$/s, '');
      throw new ApiError('SerializationException', `The request body is not valid JSON: ${reason}`);
    }
    if (typeName(value) !== 'object') {
      throw new ApiError('SerializationException', 'The request body must be a JSON object.');
    }
    return value;
  }

  function faultApplies(operation) {
    return !faults.operations || faults.operations.includes(operation);
  }

  async function handleService(req, res, ctx, operation, knownOperation, contentType) {
    let body;
    try {
      body = await readBody(req, bodyLimit(operation), knownOperation ? operation : 'an unknown operation');
    } catch (e) {
      if (e instanceof ApiError) {
        sendError(req, res, ctx, e, contentType);
        return;
      }
      throw e;
    }
    if (ctx.logEntry) ctx.logEntry.bodyBytes = body.length;

    let drop = false;
    if (faultApplies(operation)) {
      if (faults.delayCount > 0 && faults.delayMs > 0) {
        faults.delayCount--;
        await sleep(faults.delayMs);
        if (closed || req.socket.destroyed) return;
      }
      if (faults.throttle > 0) {
        faults.throttle--;
        sendError(req, res, ctx, new ApiError(faults.throttleName, 'Rate exceeded'), contentType);
        return;
      }
      if (faults.serverError > 0) {
        faults.serverError--;
        const err = faults.serverErrorStatus === 503
          ? new ApiError('ServiceUnavailable', 'Service is unavailable. Please try again later.', 503)
          : new ApiError('InternalFailure', 'The request processing has failed because of an unknown error, exception or failure.', 500);
        sendError(req, res, ctx, err, contentType);
        return;
      }
      if (faults.dropAfterProcessing > 0) {
        faults.dropAfterProcessing--;
        drop = true;
      } else if (faults.throttleRate > 0 || faults.serverErrorRate > 0 || faults.dropRate > 0) {
        // Probabilistic faults: one draw per request, so the three rates are disjoint.
        const r = random();
        if (r < faults.throttleRate) {
          sendError(req, res, ctx, new ApiError(faults.throttleName, 'Rate exceeded'), contentType);
          return;
        }
        if (r < faults.throttleRate + faults.serverErrorRate) {
          sendError(req, res, ctx, new ApiError('ServiceUnavailable', 'Service is unavailable. Please try again later.', 503), contentType);
          return;
        }
        if (r < faults.throttleRate + faults.serverErrorRate + faults.dropRate) drop = true;
      }
    }

    let result;
    let error;
    try {
      const url = req.url ?? '/';
      const q = url.indexOf('?');
      const auth = await verifySigV4({
        method: req.method,
        path: q < 0 ? url : url.slice(0, q),
        query: q < 0 ? '' : url.slice(q + 1),
        headers: req.headersDistinct,
        body,
      }, { now: serverNow(), lookup: (id) => credentials.get(id) ?? null, service: SIGNING_SERVICE });
      const cred = auth.credentials;
      if (ctx.logEntry) ctx.logEntry.accessKeyId = auth.accessKeyId;
      const callCtx = { accountId: cred.accountId, region: auth.region, accessKeyId: auth.accessKeyId };
      if (!knownOperation) {
        throw new ApiError('UnknownOperationException', `Unknown operation ${req.headers['x-amz-target'] ?? '(no X-Amz-Target header)'}`);
      }
      const type = req.headers['content-type'];
      if (type !== undefined && !JSON_CONTENT_TYPES.has(type.split(';')[0].trim().toLowerCase())) {
        throw new ApiError('UnsupportedMediaTypeException',
          `Content-Type '${type}' is not supported; send ${operation === 'PutEvents' ? CT_JSON : JSON11}.`, 415);
      }
      const input = parseJsonBody(body, { emptyIsObject: operation !== 'PutEvents' });
      sweep();
      result = ops[operation](input, callCtx);
      stats.succeeded[operation] = (stats.succeeded[operation] ?? 0) + 1; // performed, even if the answer is dropped
    } catch (e) {
      if (!(e instanceof ApiError)) throw e;
      error = e;
    }
    if (drop) {
      stats.dropped++;
      if (ctx.logEntry) ctx.logEntry.status = 'dropped';
      req.socket.destroy();
      return;
    }
    if (error) sendError(req, res, ctx, error, contentType);
    else send(req, res, ctx, 200, result, contentType);
  }

  // ---- admin routes ----
  function parseFaults(input) {
    const next = { ...faults };
    const count = (k) => {
      if (input[k] === undefined) return;
      const v = input[k];
      if (!Number.isInteger(v) || v < 0) throw new ApiError('InvalidInputException', `${k} must be an integer >= 0`);
      next[k] = v;
    };
    ['throttle', 'serverError', 'delayMs', 'delayCount', 'dropAfterProcessing'].forEach(count);
    if (input.throttleName !== undefined) {
      if (typeof input.throttleName !== 'string' || !/^[A-Za-z][A-Za-z0-9]*$/.test(input.throttleName)) {
        throw new ApiError('InvalidInputException', 'throttleName must be an error name such as ThrottlingException');
      }
      next.throttleName = input.throttleName;
    }
    if (input.serverErrorStatus !== undefined) {
      if (input.serverErrorStatus !== 500 && input.serverErrorStatus !== 503) {
        throw new ApiError('InvalidInputException', 'serverErrorStatus must be 500 or 503');
      }
      next.serverErrorStatus = input.serverErrorStatus;
    }
    if (input.clockSkewMs !== undefined) {
      if (!Number.isFinite(input.clockSkewMs)) throw new ApiError('InvalidInputException', 'clockSkewMs must be a number');
      next.clockSkewMs = input.clockSkewMs;
    }
    if (input.failNextTrackerCreation !== undefined) {
      const v = input.failNextTrackerCreation;
      if (v === true) next.failNextTrackerCreation = 1;
      else if (v === false) next.failNextTrackerCreation = 0;
      else if (Number.isInteger(v) && v >= 0) next.failNextTrackerCreation = v;
      else throw new ApiError('InvalidInputException', 'failNextTrackerCreation must be true, false or an integer >= 0');
    }
    if (input.operations !== undefined) {
      const v = input.operations;
      if (v !== null && !(Array.isArray(v) && v.every((s) => typeof s === 'string'))) {
        throw new ApiError('InvalidInputException', 'operations must be null or a list of operation names');
      }
      next.operations = v && v.length ? [...v] : null;
    }
    for (const k of ['throttleRate', 'serverErrorRate', 'dropRate']) {
      if (input[k] === undefined) continue;
      const v = input[k];
      if (typeof v !== 'number' || !(v >= 0 && v <= 1)) throw new ApiError('InvalidInputException', `${k} must be a number from 0 to 1`);
      next[k] = v;
    }
    if (next.throttleRate + next.serverErrorRate + next.dropRate > 1) {
      throw new ApiError('InvalidInputException', 'throttleRate + serverErrorRate + dropRate must be at most 1');
    }
    if (input.seed !== undefined) {
      const v = input.seed;
      if (v !== null && !(Number.isInteger(v) && v >= 0 && v <= 0xffffffff)) {
        throw new ApiError('InvalidInputException', 'seed must be null or an integer from 0 to 4294967295');
      }
      next.seed = v;
    }
    if (input.delayMs !== undefined && input.delayCount === undefined && input.delayMs > 0) next.delayCount = 1;
    return next;
  }

  /** Applies a POST /__emulator/faults body; a seed given (re)starts the probabilistic faults' sequence. */
  function applyFaults(input) {
    const next = parseFaults(input ?? {});
    faults = next;
    if (input && input.seed !== undefined) random = next.seed === null ? Math.random : mulberry32(next.seed);
    return next;
  }

  function snapshot() {
    sweep();
    return {
      datasetGroups: [...datasetGroups.values()].map((dg) => {
        const v = dgView(dg);
        return {
          name: dg.name, datasetGroupArn: dg.arn, accountId: dg.accountId, region: dg.region, status: v.status,
          creationDateTime: v.created, lastUpdatedDateTime: v.updated, domain: dg.domain, tags: dg.tags,
        };
      }),
      eventTrackers: [...trackers.values()].map((tr) => {
        const v = trView(tr);
        return {
          name: tr.name, eventTrackerArn: tr.arn, accountId: tr.accountId, region: tr.region, trackingId: tr.trackingId,
          datasetGroupArn: tr.datasetGroupArn, status: v.status, creationDateTime: v.created,
          lastUpdatedDateTime: v.updated, tags: tr.tags,
        };
      }),
    };
  }

  function reset(what) {
    const all = !what || what.length === 0;
    const has = (k) => all || what.includes(k);
    if (has('faults')) {
      faults = emptyFaults();
      random = Math.random;
    }
    if (has('stats')) { stats = emptyStats(); requestLog = []; }
    if (has('events')) {
      events = [];
      rebuildEventIndexes();
      store?.rewriteEvents(events);
    }
    if (has('state')) {
      datasetGroups = new Map();
      trackers = new Map();
      if (options.demo) demoDatasetGroupArn = ensureDemo();
    }
    saveState();
  }

  const listEvents = (trackingId) => (trackingId ? (eventsByTracker.get(trackingId) ?? []).slice() : events.slice());

  async function handleAdmin(req, res, ctx, pathname, query) {
    const route = `${req.method} ${pathname}`;
    let input = {};
    if (req.method === 'POST') {
      const body = await readBody(req, ADMIN_BODY_BYTES, 'an admin request');
      input = parseJsonBody(body, { emptyIsObject: true });
    }
    switch (route) {
      case 'GET /__emulator/stats':
        return send(req, res, ctx, 200, stats, CT_JSON);
      case 'GET /__emulator/requests':
        return send(req, res, ctx, 200, { requests: requestLog }, CT_JSON);
      case 'GET /__emulator/events':
        return send(req, res, ctx, 200, { events: listEvents(parseRawQuery(query).trackingId) }, CT_JSON);
      case 'GET /__emulator/state':
        return send(req, res, ctx, 200, snapshot(), CT_JSON);
      case 'GET /__emulator/faults':
        return send(req, res, ctx, 200, faults, CT_JSON);
      case 'POST /__emulator/faults':
        return send(req, res, ctx, 200, applyFaults(input), CT_JSON);
      case 'POST /__emulator/reset': {
        const what = input.what;
        if (what !== undefined && !(Array.isArray(what) && what.every((w) => ['state', 'events', 'faults', 'stats'].includes(w)))) {
          throw new ApiError('InvalidInputException', 'what must be a list of: state, events, faults, stats');
        }
        reset(what);
        return send(req, res, ctx, 200, {}, CT_JSON);
      }
      default:
        throw new ApiError('NotFound', `No route ${route}`, 404);
    }
  }

  async function handle(req, res) {
    const ctx = { requestId: crypto.randomUUID(), counted: false, logEntry: null };
    const url = req.url ?? '/';
    const qi = url.indexOf('?');
    const pathname = qi < 0 ? url : url.slice(0, qi);
    const query = qi < 0 ? '' : url.slice(qi + 1);
    const isAdminPath = pathname === '/__emulator' || pathname.startsWith('/__emulator/');

    const misdirected = hostProblem(req, allowedHosts);

    if (admin && isAdminPath) {
      ctx.admin = true;
      try {
        if (misdirected) throw new ApiError('MisdirectedRequestException', misdirected, 421);
        const denied = adminProblem(req, adminToken);
        if (denied) throw new ApiError('AccessDeniedException', denied, 403);
        await handleAdmin(req, res, ctx, pathname, query);
      } catch (e) {
        if (!(e instanceof ApiError)) throw e;
        sendError(req, res, ctx, e, CT_JSON);
      }
      return;
    }

    // Everything else is a "service" request and is counted in the stats.
    let operation = 'Unknown';
    let known = false;
    let contentType = CT_JSON;
    if (req.method === 'OPTIONS') {
      operation = 'OPTIONS';
    } else if (req.method === 'POST' && pathname === '/') {
      const target = String(req.headers['x-amz-target'] ?? '');
      const m = /^AmazonPersonalize\.(\w+)$/.exec(target);
      if (m && CONTROL_OPERATIONS.includes(m[1])) { operation = m[1]; known = true; }
      contentType = JSON11;
    } else if (req.method === 'POST' && pathname === '/events') {
      operation = 'PutEvents';
      known = true;
    }
    ctx.counted = true;
    countRequest(operation);
    ctx.logEntry = {
      requestId: ctx.requestId, receivedAt: serverNow() / 1000, method: req.method, path: pathname,
      operation, headers: redactHeaders(req.headers),
    };
    requestLog.push(ctx.logEntry);
    if (requestLog.length > MAX_REQUEST_LOG) requestLog.splice(0, requestLog.length - MAX_REQUEST_LOG);

    if (misdirected) return sendError(req, res, ctx, new ApiError('MisdirectedRequestException', misdirected, 421), contentType);
    if (operation === 'OPTIONS') return send(req, res, ctx, 204, null, CT_JSON);
    if (pathname === '/' || pathname === '/events') {
      if (req.method !== 'POST') {
        return sendError(req, res, ctx, new ApiError('MethodNotAllowedException',
          `${req.method} is not allowed on ${pathname}; use POST.`, 405), CT_JSON, { Allow: 'POST, OPTIONS' });
      }
    }
    const isControl = req.method === 'POST' && pathname === '/';
    if (!known && !isControl) {
      return sendError(req, res, ctx,
        new ApiError('UnknownOperationException', `No operation at ${req.method} ${pathname}`, 404), CT_JSON, { 'Connection': 'close' });
    }
    await handleService(req, res, ctx, operation, known, contentType);
  }

  const server = http.createServer({ connectionsCheckingInterval: Math.max(50, Math.min(1000, headersTimeoutMs / 2)) }, (req, res) => {
    handle(req, res).catch((err) => {
      if (err && err.aborted) { // the client went away while sending its body: nothing to answer
        res.destroy();
        return;
      }
      log(`internal error: ${err && err.stack ? err.stack : err}`);
      try {
        if (!res.headersSent) {
          const ctx = { requestId: crypto.randomUUID(), counted: false };
          sendError(req, res, ctx, new ApiError('InternalFailure',
            'The request processing has failed because of an unknown error, exception or failure.', 500), CT_JSON);
        } else {
          res.destroy();
        }
      } catch { /* ignore */ }
    });
  });
  // Requests Node's HTTP parser rejects (malformed, headers too large, too slow) never reach handle():
  // they get a JSON error and a closed connection here.
  server.on('clientError', (err, socket) => {
    const code = err && err.code;
    const [status, reason, type] = code === 'HPE_HEADER_OVERFLOW' ? [431, 'Request Header Fields Too Large', 'RequestHeaderFieldsTooLarge']
      : code === 'ERR_HTTP_REQUEST_TIMEOUT' ? [408, 'Request Timeout', 'RequestTimeoutException']
        : [400, 'Bad Request', 'BadRequestException'];
    if (!socket.writable || socket._httpMessage?.headersSent || code === 'ECONNRESET') {
      socket.destroy();
      return;
    }
    const body = JSON.stringify({ __type: type, message: `${reason} (${code ?? 'malformed request'})` });
    socket.end(`HTTP/1.1 ${status} ${reason}\r\nConnection: close\r\nContent-Type: application/json\r\n` +
      `x-amzn-ErrorType: ${type}\r\nContent-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`);
    setTimeout(() => socket.destroy(), 500).unref();
  });
  server.headersTimeout = headersTimeoutMs;
  server.requestTimeout = requestTimeoutMs;
  server.keepAliveTimeout = 5000;

  try {
    await new Promise((resolve, reject) => {
      server.once('error', reject);
      server.listen(options.port ?? 0, '127.0.0.1', () => {
        server.off('error', reject);
        resolve();
      });
    });
  } catch (e) {
    store?.close();
    throw e;
  }
  const port = server.address().port;
  const url = `http://127.0.0.1:${port}`;
  allowedHosts = loopbackHosts(port);

  let closing = null;
  function close() {
    if (closing) return closing;
    closed = true;
    for (const entry of pendingTimers) { clearTimeout(entry.t); entry.resolve(); }
    pendingTimers.clear();
    closing = new Promise((resolve) => {
      server.close(() => resolve());
      server.closeAllConnections();
    }).then(() => {
      try { saveState(); } catch (e) { log(`could not write state: ${e.message}`); }
      store?.close();
    });
    return closing;
  }

  return {
    url,
    port,
    close,
    demoDatasetGroupArn,
    /** With admin: the value admin requests must send in X-Emulator-Admin-Token (null without admin). */
    adminToken,
    /** Request counters (same as GET /__emulator/stats). */
    stats: () => structuredClone(stats),
    /** Recent service requests (same as GET /__emulator/requests). */
    requests: () => structuredClone(requestLog),
    /** Stored PutEvents events, optionally for one trackingId. */
    events: (trackingId) => structuredClone(listEvents(trackingId)),
    /** Dataset groups and trackers with their current status. */
    state: () => snapshot(),
    /** Same body as POST /__emulator/faults; returns the resulting fault settings. */
    setFaults: (f) => ({ ...applyFaults(f) }),
    faults: () => ({ ...faults }),
    reset: (what) => reset(what),
  };
}

// ---------------------------------------------------------------------------------------------
// CLI

const USAGE = `usage: node tests/emulator/server.mjs [--port N] [--state FILE] [--step-ms MS] [--admin] [--demo] [--credentials FILE] [--max-events N]`;

async function main(argv) {
  let args;
  try {
    args = parseArgs({
      args: argv,
      options: {
        port: { type: 'string' },
        state: { type: 'string' },
        'step-ms': { type: 'string' },
        admin: { type: 'boolean' },
        demo: { type: 'boolean' },
        credentials: { type: 'string' },
        'max-events': { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
      strict: true,
    }).values;
  } catch (e) {
    process.stderr.write(`${e.message}\n${USAGE}\n`);
    process.exit(2);
  }
  if (args.help) {
    process.stdout.write(`${USAGE}\n`);
    return;
  }
  const intArg = (name, value, def) => {
    if (value === undefined) return def;
    if (!/^\d+$/.test(value)) {
      process.stderr.write(`--${name} must be a non-negative integer\n${USAGE}\n`);
      process.exit(2);
    }
    return Number(value);
  };
  const port = intArg('port', args.port, 0);
  if (port > 65535) {
    process.stderr.write('--port must be at most 65535\n');
    process.exit(2);
  }
  const stepMs = intArg('step-ms', args['step-ms'], 1000);
  const maxStoredEvents = intArg('max-events', args['max-events'], MAX_STORED_EVENTS);
  let credentials = [];
  if (args.credentials) {
    try {
      credentials = JSON.parse(fs.readFileSync(args.credentials, 'utf8'));
      if (!Array.isArray(credentials)) throw new Error('expected a JSON array');
    } catch (e) {
      process.stderr.write(`--credentials ${args.credentials}: ${e.message}\n`);
      process.exit(2);
    }
  }
  let emu;
  try {
    emu = await startEmulator({ port, stateFile: args.state, stepMs, admin: !!args.admin, demo: !!args.demo, credentials, maxStoredEvents });
  } catch (e) {
    process.stderr.write(`personalize emulator: ${e.message}\n`);
    process.exit(1);
  }
  const lines = [emu.url];
  lines.push(`demo credentials: AWS_ACCESS_KEY_ID=${DEMO_CREDENTIALS.accessKeyId} AWS_SECRET_ACCESS_KEY=${DEMO_CREDENTIALS.secretAccessKey} (account ${DEMO_CREDENTIALS.accountId})`);
  if (emu.demoDatasetGroupArn) lines.push(`demo dataset group (${DEMO_REGION}, ACTIVE): ${emu.demoDatasetGroupArn}`);
  if (args.admin) {
    lines.push(`admin routes: ${emu.url}/__emulator/{stats,requests,events,state,faults,reset}`);
    lines.push(`admin token: ${emu.adminToken} (send it as X-Emulator-Admin-Token; it changes every run)`);
  }
  process.stdout.write(lines.join('\n') + '\n');

  let stopping = false;
  const stop = () => {
    if (stopping) process.exit(1);
    stopping = true;
    emu.close().then(() => process.exit(0), () => process.exit(1));
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

const isMain = process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url);
if (isMain) main(process.argv.slice(2));
