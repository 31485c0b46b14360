// Who may use the local endpoint, and what its request log may keep (see README.md, "Lock-down").
//
// - Every request must name the endpoint by its own loopback address in `Host` (127.0.0.1:PORT,
//   localhost:PORT or [::1]:PORT): a page on another name that resolves to 127.0.0.1 (DNS
//   rebinding) is refused.
// - Admin routes need this run's admin token in X-Local-Endpoint-Admin-Token, and refuse anything a web
//   page sends (an Origin or Sec-Fetch-Site header, a CORS preflight). A custom header cannot be
//   sent cross-origin without a preflight, and the preflight is never granted.
// - The request log keeps no secret: signatures and tokens are replaced by <redacted>.

import crypto from 'node:crypto';

export const ADMIN_TOKEN_HEADER = 'x-local-endpoint-admin-token';
export const REDACTED = '<redacted>';

/** A fresh per-run admin token: 256 random bits, URL-safe. */
export function newAdminToken() {
  return crypto.randomBytes(32).toString('base64url');
}

/** The Host values under which the endpoint on `port` accepts requests (lower case). */
export function loopbackHosts(port) {
  return new Set([`127.0.0.1:${port}`, `localhost:${port}`, `[::1]:${port}`]);
}

/** At most 100 printable ASCII characters of a header value, for an error message. */
function printable(value) {
  return String(value).replace(/[^\x20-\x7e]/g, '?').slice(0, 100);
}

/** Null when the request's Host is one of `allowed`, else the reason (for a 421). */
export function hostProblem(req, allowed) {
  const host = req.headers.host;
  if (host === undefined) return 'The request has no Host header; send Host: 127.0.0.1:PORT.';
  if (allowed.has(String(host).toLowerCase())) return null;
  const [first] = allowed;
  return `Host '${printable(host)}' is not this endpoint (${[...allowed].join(', ')}); ` +
    `requests under another name are refused (DNS rebinding). Use http://${first}.`;
}

function equalSecret(a, b) {
  const x = crypto.createHash('sha256').update(String(a)).digest();
  const y = crypto.createHash('sha256').update(String(b)).digest();
  return crypto.timingSafeEqual(x, y);
}

/** Null when an admin request may proceed, else the reason (for a 403). */
export function adminProblem(req, token) {
  const site = req.headers['sec-fetch-site'];
  if (req.headers.origin !== undefined || (site !== undefined && site !== 'none')) {
    return 'Admin routes refuse requests from web pages (this one carries an Origin or Sec-Fetch-Site header).';
  }
  if (req.method === 'OPTIONS') return 'Admin routes grant no CORS preflight.';
  const given = req.headers[ADMIN_TOKEN_HEADER];
  if (given === undefined) {
    return 'Admin routes need this run\'s admin token in the X-Local-Endpoint-Admin-Token header ' +
      '(printed by the server at start; emu.adminToken in process).';
  }
  if (!equalSecret(given, token)) return 'The X-Local-Endpoint-Admin-Token header does not hold this run\'s admin token.';
  return null;
}

/** An Authorization value with its Signature replaced; the credential scope and SignedHeaders stay. */
export function redactAuthorization(value) {
  return String(value).replace(/(Signature\s*=\s*)[^,\s]*/gi, `$1${REDACTED}`);
}

const SECRET_HEADERS = new Set(['x-amz-security-token', ADMIN_TOKEN_HEADER, 'cookie', 'proxy-authorization']);

/** A copy of node:http request headers fit for a log. */
export function redactHeaders(headers) {
  const out = {};
  for (const [name, value] of Object.entries(headers)) {
    const redact = (v) => (name === 'authorization' ? redactAuthorization(v) : SECRET_HEADERS.has(name) ? REDACTED : v);
    out[name] = Array.isArray(value) ? value.map(redact) : redact(value);
  }
  return out;
}

/** A canonical request (SigV4) with the value of a signed x-amz-security-token line replaced. */
export function redactCanonicalRequest(text) {
  return String(text).replace(/^(x-amz-security-token:).*$/m, `$1${REDACTED}`);
}
