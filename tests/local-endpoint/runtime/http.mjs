// HTTP plumbing: which operation a request is (routing from the model), CORS, reading a bounded
// body, parsing it as JSON, and errors on the wire (`{"__type", "message"}` + x-amzn-ErrorType).

import { ApiError } from './errors.mjs';
import { OPERATIONS, typeName } from './shapes.mjs';

export const JSON11 = 'application/x-amz-json-1.1';
export const CT_JSON = 'application/json';
export const MAX_JSON_DEPTH = 64; // deeper request bodies are a SerializationException

const CORS_ALLOW_HEADERS = [
  'authorization', 'content-type', 'x-amz-date', 'x-amz-target', 'x-amz-security-token',
  'x-amz-content-sha256', 'x-amz-user-agent', 'amz-sdk-invocation-id', 'amz-sdk-request',
];
// Content types a JSON request may carry (parameters such as charset are ignored). No Content-Type
// at all is accepted too, as the real endpoints do for an empty body.
const JSON_CONTENT_TYPES = new Set(['application/x-amz-json-1.1', 'application/x-amz-json-1.0', 'application/json']);
const utf8Strict = new TextDecoder('utf-8', { fatal: true });

// Routing, from the model: awsJson1_1 operations by X-Amz-Target on POST /, rest-json ones by path.
const BY_TARGET = new Map(Object.entries(OPERATIONS).filter(([, o]) => o.target).map(([op, o]) => [o.target, op]));
const BY_PATH = new Map(Object.entries(OPERATIONS).filter(([, o]) => o.path).map(([op, o]) => [o.path, op]));
export const SERVICE_PATHS = new Set(['/', ...BY_PATH.keys()]);

/** { pathname, query } of a request URL as it arrived (raw). */
export function splitUrl(url = '/') {
  const q = url.indexOf('?');
  return { pathname: q < 0 ? url : url.slice(0, q), query: q < 0 ? '' : url.slice(q + 1) };
}

/** The operation a service request names: { operation ('Unknown' if none), known, contentType }. */
export function route(req, pathname) {
  if (req.method === 'OPTIONS') return { operation: 'OPTIONS', known: false, contentType: CT_JSON };
  if (req.method !== 'POST') return { operation: 'Unknown', known: false, contentType: CT_JSON };
  if (pathname === '/') {
    const op = BY_TARGET.get(String(req.headers['x-amz-target'] ?? ''));
    return { operation: op ?? 'Unknown', known: !!op, contentType: JSON11 };
  }
  const op = BY_PATH.get(pathname);
  return { operation: op ?? 'Unknown', known: !!op, contentType: CT_JSON };
}

/** A Content-Type other than JSON is refused (415); none at all is fine. */
export function checkContentType(req, operation) {
  const type = req.headers['content-type'];
  if (type !== undefined && !JSON_CONTENT_TYPES.has(type.split(';')[0].trim().toLowerCase())) {
    throw new ApiError('UnsupportedMediaTypeException',
      `Content-Type '${type}' is not supported; send ${OPERATIONS[operation].contentType}.`, 415);
  }
}

export function corsHeaders(req) {
  const requested = String(req.headers['access-control-request-headers'] ?? '')
    .split(',').map((s) => s.trim().toLowerCase()).filter((s) => /^[a-z0-9!#$%&'*+.^_`|~-]+$/.test(s));
  return {
    'Access-Control-Allow-Origin': '*',
    'Access-Control-Allow-Methods': 'GET, POST, OPTIONS',
    'Access-Control-Allow-Headers': [...new Set([...CORS_ALLOW_HEADERS, ...requested])].join(', '),
    'Access-Control-Expose-Headers': 'x-amzn-RequestId, x-amzn-ErrorType, Date',
    'Access-Control-Max-Age': '600',
  };
}

/** Listens on 127.0.0.1:port (0: any free port); resolves with the port. Never another address. */
export function listenLoopback(server, port) {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => {
      server.off('error', reject);
      resolve(server.address().port);
    });
  });
}

/** Ends the socket once the answer is flushed, and destroys it if the client does not close it soon. */
export function closeSoon(socket) {
  socket.end();
  setTimeout(() => socket.destroy(), 500).unref();
}

/**
 * send(req, res, ctx, status, body, contentType, extraHeaders) and sendError(req, res, ctx, err,
 * contentType, extraHeaders). ctx: { requestId, admin, counted, logEntry }; counted answers go
 * into stats() (by status and error type) and their log entry.
 */
export function responder({ serverNow, stats }) {
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
      const s = stats();
      s.byStatus[status] = (s.byStatus[status] ?? 0) + 1;
      if (ctx.logEntry) ctx.logEntry.status = status;
    }
    res.writeHead(status, headers);
    res.end(status === 204 ? undefined : payload);
  }
  function sendError(req, res, ctx, err, contentType, extraHeaders = {}) {
    if (ctx.counted) {
      const s = stats();
      s.byError[err.type] = (s.byError[err.type] ?? 0) + 1;
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
  return { send, sendError };
}

/**
 * Reads a body of at most `limit` bytes; a larger one is refused (413) as soon as that shows, one
 * that does not arrive within timeoutMs gets 408. A client that goes away rejects with .aborted.
 */
export function readBody(req, limit, what, timeoutMs) {
  const tooLarge = () => new ApiError('RequestEntityTooLargeException',
    `The request body exceeds ${limit} bytes, the most ${what} can validly carry.`, 413);
  return new Promise((resolve, reject) => {
    const declared = req.headers['content-length'];
    if (declared !== undefined && Number(declared) > limit) return reject(tooLarge());
    const chunks = [];
    let size = 0;
    let done = false;
    const finish = (fn, value) => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      fn(value);
    };
    const timer = timeoutMs > 0 ? setTimeout(() => {
      req.pause();
      finish(reject, new ApiError('RequestTimeoutException', `The request body was not received within ${timeoutMs} ms.`, 408));
    }, timeoutMs) : undefined;
    timer?.unref();
    const aborted = (e) => finish(reject, Object.assign(e, { aborted: true }));
    req.on('data', (chunk) => {
      if (done) return;
      size += chunk.length;
      if (size > limit) {
        req.pause();
        finish(reject, tooLarge());
      } else {
        chunks.push(chunk);
      }
    });
    req.on('end', () => finish(resolve, Buffer.concat(chunks)));
    req.on('error', aborted);
    req.on('aborted', () => aborted(new Error('request aborted')));
    req.on('close', () => aborted(new Error('connection closed before the body was read')));
  });
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

/** A body as a JSON object, or SerializationException; the body is never quoted back. */
export function parseJsonBody(body, { emptyIsObject }) {
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
  if (typeName(value) !== 'object') throw new ApiError('SerializationException', 'The request body must be a JSON object.');
  return value;
}

/**
 * Requests Node's HTTP parser rejects (malformed, headers too large, too slow) never reach the
 * handler: they get a JSON error and a closed connection here.
 */
export function answerClientError(err, socket) {
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
}
