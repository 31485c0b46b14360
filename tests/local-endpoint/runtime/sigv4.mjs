// SigV4 verification: the request is rebuilt exactly as it arrived and @smithy/signature-v4
// (hashing with node:crypto, node-sha256.mjs) computes the signature it should carry. Error types
// and messages are the real services'.

import crypto from 'node:crypto';
import { SignatureV4, getCanonicalHeaders, getPayloadHash } from '@smithy/signature-v4';
import { NodeSha256 } from './node-sha256.mjs';
import { ApiError, MSG } from './errors.mjs';
import { redactAuthorization, redactCanonicalRequest } from './access.mjs';

export const SIGNING_SERVICE = 'personalize';
const FIVE_MINUTES = 5 * 60 * 1000;

const pad2 = (n) => String(n).padStart(2, '0');
/** YYYYMMDDTHHMMSSZ for a time in ms. */
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
  const dec = (s) => { try { return decodeURIComponent(s); } catch { return s; } };
  for (const part of raw.split('&')) {
    if (part === '') continue;
    const eq = part.indexOf('=');
    const key = dec(eq < 0 ? part : part.slice(0, eq));
    const value = eq < 0 ? '' : dec(part.slice(eq + 1));
    query[key] = Object.prototype.hasOwnProperty.call(query, key) ? [].concat(query[key], value) : value;
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
  for (const piece of /** @type {RegExpExecArray} */ (m)[2].split(',')) {
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

/** The five parts of the credential scope. */
function parseScope(credential) {
  const parts = credential.split('/');
  if (parts.length !== 5) {
    throw new ApiError('IncompleteSignatureException',
      `Credential must have exactly 5 slash-delimited elements, e.g. keyid/date/region/service/term, got '${credential}'`);
  }
  const [accessKeyId, scopeDate, region, service, terminator] = parts;
  return { accessKeyId, scopeDate, region, service, terminator };
}

/** A session token must be sent exactly when the key has one, and then be that one. */
function checkSessionToken(token, credentials) {
  const ok = credentials.sessionToken
    ? token !== undefined && timingSafeEqualStr(token, credentials.sessionToken)
    : token === undefined;
  if (!ok) throw new ApiError('UnrecognizedClientException', MSG.badToken);
}

/** The request's X-Amz-Date (or its Date as one), checked to be within 5 minutes of now. */
function requestDate(header, authorization, now) {
  let longDate = header('x-amz-date');
  if (longDate === undefined) {
    const httpDate = header('date');
    if (httpDate === undefined) {
      throw new ApiError('IncompleteSignatureException',
        `Authorization header requires existence of either a 'X-Amz-Date' or a 'Date' header. Authorization=${redactAuthorization(authorization)}`);
    }
    const ms = Date.parse(httpDate);
    if (Number.isNaN(ms)) throw new ApiError('IncompleteSignatureException', `Date must be a valid HTTP date. Got '${httpDate}'.`);
    longDate = amzDate(ms);
  }
  const requestMs = parseAmzDate(longDate);
  if (Number.isNaN(requestMs)) {
    throw new ApiError('IncompleteSignatureException',
      `Date must be in ISO-8601 'basic format'. Got '${longDate}'. See http://en.wikipedia.org/wiki/ISO_8601`);
  }
  if (requestMs < now - FIVE_MINUTES) {
    throw new ApiError('InvalidSignatureException',
      `Signature expired: ${longDate} is now earlier than ${amzDate(now - FIVE_MINUTES)} (${amzDate(now)} - 5 min.)`);
  }
  if (requestMs > now + FIVE_MINUTES) {
    throw new ApiError('InvalidSignatureException',
      `Signature not yet current: ${longDate} is still later than ${amzDate(now + FIVE_MINUTES)} (${amzDate(now)} + 5 min.)`);
  }
  return longDate;
}

function checkScope(scope, longDate, service) {
  if (scope.scopeDate !== longDate.slice(0, 8)) {
    throw new ApiError('InvalidSignatureException',
      `Date in Credential scope does not match YYYYMMDD from ISO-8601 version of date from HTTP: '${scope.scopeDate}' != '${longDate.slice(0, 8)}', from '${longDate}'.`);
  }
  if (!/^[a-z0-9-]+$/.test(scope.region)) {
    throw new ApiError('InvalidSignatureException', `Credential should be scoped to a valid region, not '${scope.region}'. `);
  }
  if (scope.service !== service) {
    throw new ApiError('InvalidSignatureException', `Credential should be scoped to correct service: '${service}'. `);
  }
  if (scope.terminator !== 'aws4_request') {
    throw new ApiError('InvalidSignatureException',
      `Credential should be scoped with a valid terminator: 'aws4_request', not '${scope.terminator}'. `);
  }
}

/**
 * Compares the signature with the one computed from exactly what arrived: the headers named in
 * SignedHeaders with the values received (repeated headers joined by ','), the raw path and query,
 * and the raw body bytes. A mismatch carries .debug = { canonicalRequest (redacted), stringToSign }.
 */
async function checkSignature(req, header, params, scope, longDate, secretAccessKey) {
  const signedHeaders = params.SignedHeaders.split(';');
  /** @type {{ [name: string]: string }} */
  const headers = {};
  for (const name of signedHeaders) {
    const v = header(name);
    if (v !== undefined) headers[name] = v;
  }
  const canonicalHeaders = getCanonicalHeaders(/** @type {any} */ ({ headers }), undefined, new Set(signedHeaders));
  const { accessKeyId, scopeDate, region, service } = scope;
  // createCanonicalRequest, getSigningKey, getSignature and createStringToSign are not public in
  // the SDK's types: the verifier computes each step from exactly what arrived.
  const signer = /** @type {any} */ (new SignatureV4({
    credentials: { accessKeyId, secretAccessKey }, region, service, sha256: NodeSha256, uriEscapePath: true, applyChecksum: false,
  }));
  const payloadHash = await getPayloadHash(/** @type {any} */ ({ headers: {}, body: req.body ?? new Uint8Array(0) }), NodeSha256);
  const request = { method: req.method, path: req.path, query: parseRawQuery(req.query), headers };
  const canonicalRequest = signer.createCanonicalRequest(request, canonicalHeaders, payloadHash);
  const scopeText = `${scopeDate}/${region}/${service}/aws4_request`;
  const key = signer.getSigningKey({ accessKeyId, secretAccessKey }, region, scopeDate, service);
  const expected = await signer.getSignature(longDate, scopeText, key, canonicalRequest);
  // The SignedHeaders list must be exactly the (sorted, lower-case) list the canonical request used.
  const listOk = Object.keys(canonicalHeaders).sort().join(';') === params.SignedHeaders;
  if (timingSafeEqualStr(expected, params.Signature) && listOk) return;
  const err = /** @type {ApiError & { debug?: object }} */ (new ApiError('InvalidSignatureException', MSG.badSignature));
  err.debug = { // kept in the request log: the session token's value is not
    canonicalRequest: redactCanonicalRequest(canonicalRequest),
    stringToSign: await signer.createStringToSign(longDate, scopeText, canonicalRequest, 'AWS4-HMAC-SHA256'),
  };
  throw err;
}

/**
 * Verifies a SigV4 Authorization header.
 * req: { method, path (raw, as on the wire), query (raw string), headers: { lowercased: string[] }, body: Buffer }
 * opts: { now (ms, server clock), lookup(accessKeyId) -> {secretAccessKey, sessionToken?, ...} | null,
 *         service ('personalize'), requireHost (true) }
 * Returns { accessKeyId, credentials, region, service, longDate } or throws ApiError.
 */
export async function verifySigV4(req, opts) {
  const service = opts.service ?? SIGNING_SERVICE;
  const header = (name) => {
    const v = req.headers[name];
    return Array.isArray(v) ? v.join(',') : v;
  };
  const authorization = header('authorization');
  if (!authorization) throw new ApiError('MissingAuthenticationTokenException', MSG.missingAuth);
  const params = parseAuthorization(authorization);
  const scope = parseScope(params.Credential);
  const credentials = opts.lookup(scope.accessKeyId);
  if (!credentials) throw new ApiError('UnrecognizedClientException', MSG.badToken);
  checkSessionToken(header('x-amz-security-token'), credentials);
  const longDate = requestDate(header, authorization, opts.now);
  checkScope(scope, longDate, service);
  if ((opts.requireHost ?? true) && !params.SignedHeaders.split(';').includes('host')) {
    throw new ApiError('InvalidSignatureException', "'Host' or ':authority' must be a 'SignedHeader' in the AWS Authorization.");
  }
  await checkSignature(req, header, params, scope, longDate, credentials.secretAccessKey);
  return { accessKeyId: scope.accessKeyId, credentials, region: scope.region, service, longDate };
}
