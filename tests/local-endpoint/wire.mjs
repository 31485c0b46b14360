// Requests to the local endpoint for its own tests: raw node:http, signed here with @smithy/signature-v4
// and @aws-crypto/sha256-js (never with project code, nor with the local endpoint's own hashing).

import assert from 'node:assert/strict';
import http from 'node:http';
import { SignatureV4 } from '@smithy/signature-v4';
import { Sha256 } from '@aws-crypto/sha256-js';
import { DEMO_CREDENTIALS, ADMIN_TOKEN_HEADER } from './runtime/server.mjs';

export const DEMO = Object.freeze({ accessKeyId: DEMO_CREDENTIALS.accessKeyId, secretAccessKey: DEMO_CREDENTIALS.secretAccessKey });
export const UUID_RE = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** One request to 127.0.0.1 (a `host` header given is sent as it is): { status, headers, text, json }. */
export function rawRequest(base, { method = 'POST', path: p = '/', headers = {}, body } = {}) {
  const u = new URL(base);
  return new Promise((resolve, reject) => {
    const req = http.request({ host: '127.0.0.1', port: u.port, method, path: p, headers, agent: false }, (res) => {
      const chunks = [];
      res.on('data', (c) => chunks.push(c));
      res.on('end', () => {
        const text = Buffer.concat(chunks).toString('utf8');
        let json;
        try { json = text ? JSON.parse(text) : undefined; } catch { json = undefined; }
        resolve({ status: res.statusCode, headers: res.headers, text, json });
      });
      res.on('error', reject);
    });
    req.on('error', reject);
    if (body !== undefined) req.write(body);
    req.end();
  });
}

/** SigV4 headers for a request to base; `host` signs (and so sends) another Host value. */
export async function signHeaders(base, { method = 'POST', path: p = '/', headers = {}, body = '', creds = DEMO, region = 'us-east-1', service = 'personalize', date = new Date(), host }) {
  const u = new URL(base);
  const signer = new SignatureV4({ credentials: creds, region, service, sha256: Sha256 });
  const h = { host: host ?? u.host, 'content-length': String(Buffer.byteLength(body)), ...headers };
  const signed = await signer.sign({ method, protocol: 'http:', hostname: u.hostname, port: Number(u.port), path: p, query: {}, headers: h, body }, { signingDate: date });
  return signed.headers;
}

/** Calls a control-plane operation. opts: creds, region, date, host, rawBody, tamper(headers, body) -> {headers, body} */
export async function call(emu, op, input = {}, opts = {}) {
  const body = opts.rawBody ?? JSON.stringify(input);
  let headers = await signHeaders(emu.url, {
    ...opts,
    body,
    headers: { 'content-type': 'application/x-amz-json-1.1', 'x-amz-target': opts.target ?? `AmazonPersonalize.${op}`, ...(opts.headers ?? {}) },
  });
  let sendBody = body;
  if (opts.tamper) ({ headers, body: sendBody } = opts.tamper({ ...headers }, body));
  return rawRequest(emu.url, { headers, body: sendBody });
}

/** PutEvents with `input` as JSON (or opts.rawBody as it is). */
export async function putEvents(emu, input, opts = {}) {
  const body = opts.rawBody ?? JSON.stringify(input);
  const headers = await signHeaders(emu.url, { ...opts, path: '/events', body, headers: { 'content-type': 'application/json' } });
  return rawRequest(emu.url, { path: '/events', headers, body });
}

/** An admin route with this run's admin token (emu.adminToken; for a child process, from its stdout). */
export async function adminCall(emu, method, p, body, extraHeaders = {}) {
  const text = body === undefined ? undefined : JSON.stringify(body);
  const headers = text === undefined ? {} : { 'content-type': 'application/json', 'content-length': String(Buffer.byteLength(text)) };
  if (emu.adminToken) headers[ADMIN_TOKEN_HEADER] = emu.adminToken;
  return rawRequest(emu.url, { method, path: p, headers: { ...headers, ...extraHeaders }, body: text });
}

export function ok(r) {
  assert.equal(r.status, 200, `expected 200, got ${r.status}: ${r.text}`);
  return r.json;
}

/** Asserts an AWS-style JSON error and returns its message. */
export function assertError(r, type, status = 400) {
  assert.equal(r.status, status, `expected ${status} ${type}, got ${r.status}: ${r.text}`);
  assert.equal(r.headers['x-amzn-errortype'], type);
  assert.equal(r.json.__type, type);
  assert.equal(typeof r.json.message, 'string');
  assert.match(r.headers['x-amzn-requestid'], UUID_RE);
  return r.json.message;
}
