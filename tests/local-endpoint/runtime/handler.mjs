// One service or admin request from arrival to answer: the lock-down (Host, admin token), routing,
// the stats and request log, faults, SigV4, the operation, and the answer or error on the wire.

import crypto from 'node:crypto';
import { ApiError } from './errors.mjs';
import { hostProblem, adminProblem, redactHeaders } from './access.mjs';
import { isAdminPath, handleAdmin } from './admin.mjs';
import { bodyLimit } from './shapes.mjs';
import { verifySigV4, SIGNING_SERVICE } from './sigv4.mjs';
import { CT_JSON, SERVICE_PATHS, splitUrl, route, checkContentType, readBody, parseJsonBody } from './http.mjs';

const MAX_REQUEST_LOG = 200;

/** The request's entry in the stats and the request log (secrets redacted). */
function count(deps, req, ctx, pathname, operation) {
  const { serverNow } = deps;
  ctx.counted = true;
  const stats = deps.stats();
  stats.total++;
  stats.byOperation[operation] = (stats.byOperation[operation] ?? 0) + 1;
  ctx.logEntry = {
    requestId: ctx.requestId, receivedAt: serverNow() / 1000, method: req.method, path: pathname,
    operation, headers: redactHeaders(req.headers),
  };
  const log = deps.requestLog();
  log.push(ctx.logEntry);
  if (log.length > MAX_REQUEST_LOG) log.splice(0, log.length - MAX_REQUEST_LOG);
}

/** Authenticates, parses and performs a request: { result } or { error }. */
async function perform(deps, req, ctx, operation, known, body) {
  const { o, store, ops, serverNow } = deps;
  try {
    const { pathname, query } = splitUrl(req.url);
    const auth = await verifySigV4({ method: req.method, path: pathname, query, headers: req.headersDistinct, body },
      { now: serverNow(), lookup: (id) => o.credentials.get(id) ?? null, service: SIGNING_SERVICE });
    if (ctx.logEntry) ctx.logEntry.accessKeyId = auth.accessKeyId;
    if (!known) throw new ApiError('UnknownOperationException', `Unknown operation ${req.headers['x-amz-target'] ?? '(no X-Amz-Target header)'}`);
    checkContentType(req, operation);
    const input = parseJsonBody(body, { emptyIsObject: operation !== 'PutEvents' });
    store.sweep();
    const result = ops[operation](input, { accountId: auth.credentials.accountId, region: auth.region });
    const { succeeded } = deps.stats();
    succeeded[operation] = (succeeded[operation] ?? 0) + 1; // performed, even if the answer is dropped
    return { result };
  } catch (e) {
    if (!(e instanceof ApiError)) throw e;
    return { error: e };
  }
}

async function handleService(deps, req, res, ctx, operation, known, contentType) {
  const { o, faults, send, sendError, sleep } = deps;
  let body;
  try {
    body = await readBody(req, bodyLimit(operation), known ? operation : 'an unknown operation', o.bodyTimeoutMs);
  } catch (e) {
    if (!(e instanceof ApiError)) throw e;
    return sendError(req, res, ctx, e, contentType);
  }
  if (ctx.logEntry) ctx.logEntry.bodyBytes = body.length;
  const delayMs = faults.takeDelay(operation);
  if (delayMs > 0) {
    await sleep(delayMs);
    if (deps.closed() || req.socket.destroyed) return;
  }
  const fault = faults.next(operation);
  if (fault.error) return sendError(req, res, ctx, fault.error, contentType);
  const { result, error } = await perform(deps, req, ctx, operation, known, body);
  if (fault.drop) {
    deps.stats().dropped++;
    if (ctx.logEntry) ctx.logEntry.status = 'dropped';
    req.socket.destroy();
    return;
  }
  if (error) sendError(req, res, ctx, error, contentType);
  else send(req, res, ctx, 200, result, contentType);
}

async function handleAdminRequest(deps, req, res, ctx, url, misdirected) {
  const { o, api, send, sendError, adminToken } = deps;
  ctx.admin = true;
  try {
    if (misdirected) throw new ApiError('MisdirectedRequestException', misdirected, 421);
    const denied = adminProblem(req, adminToken);
    if (denied) throw new ApiError('AccessDeniedException', denied, 403);
    await handleAdmin(req, res, ctx, url, api, send, o.bodyTimeoutMs);
  } catch (e) {
    if (!(e instanceof ApiError)) throw e;
    sendError(req, res, ctx, e, CT_JSON);
  }
}

async function handle(deps, req, res) {
  const { o, send, sendError } = deps;
  const ctx = { requestId: crypto.randomUUID(), counted: false, logEntry: null };
  const url = splitUrl(req.url);
  const { pathname } = url;
  const misdirected = hostProblem(req, deps.allowedHosts());
  if (o.admin && isAdminPath(pathname)) return handleAdminRequest(deps, req, res, ctx, url, misdirected);
  // Everything else is a "service" request and is counted in the stats.
  const { operation, known, contentType } = route(req, pathname);
  count(deps, req, ctx, pathname, operation);
  if (misdirected) return sendError(req, res, ctx, new ApiError('MisdirectedRequestException', misdirected, 421), contentType);
  if (operation === 'OPTIONS') return send(req, res, ctx, 204, null, CT_JSON);
  if (SERVICE_PATHS.has(pathname) && req.method !== 'POST') {
    return sendError(req, res, ctx, new ApiError('MethodNotAllowedException',
      `${req.method} is not allowed on ${pathname}; use POST.`, 405), CT_JSON, { Allow: 'POST, OPTIONS' });
  }
  if (!known && pathname !== '/') {
    return sendError(req, res, ctx, new ApiError('UnknownOperationException', `No operation at ${req.method} ${pathname}`, 404),
      CT_JSON, { 'Connection': 'close' });
  }
  await handleService(deps, req, res, ctx, operation, known, contentType);
}

/**
 * The handler (req, res) => Promise of one endpoint. deps: { o (its options), faults, store, ops,
 * send, sendError, serverNow, sleep, api, adminToken, stats(), requestLog(), allowedHosts(), closed() }.
 */
export function requestHandler(deps) {
  return (req, res) => handle(deps, req, res);
}
