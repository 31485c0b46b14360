// startLocalEndpoint(): the local endpoint assembled from its parts: the store (store.mjs), the
// operations (operations.mjs), HTTP plumbing (http.mjs), faults and admin routes (faults.mjs,
// admin.mjs), SigV4 verification (sigv4.mjs) and the lock-down (access.mjs).

import http from 'node:http';
import crypto from 'node:crypto';
import { internalFailure } from './errors.mjs';
import { newAdminToken, loopbackHosts } from './access.mjs';
import { openStore, DEMO_REGION, DEMO_ACCOUNT, MAX_STORED_EVENTS } from './store.mjs';
import { createOperations } from './operations.mjs';
import { createFaults } from './faults.mjs';
import { requestHandler } from './handler.mjs';
import { CT_JSON, responder, answerClientError, listenLoopback } from './http.mjs';

export const DEMO_CREDENTIALS = Object.freeze({
  accessKeyId: 'AKIAIOSFODNN7EXAMPLE',
  secretAccessKey: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY',
  accountId: DEMO_ACCOUNT,
});
export const FIXTURE_STEP_MS = 10; // the in-process default: lifecycles done in a few tens of ms

function normalizeCredentials(list) {
  const map = new Map();
  const add = (c, i) => {
    if (!c || typeof c.accessKeyId !== 'string' || !c.accessKeyId || typeof c.secretAccessKey !== 'string' || !c.secretAccessKey) {
      throw new TypeError(`credentials[${i}] needs string accessKeyId and secretAccessKey`);
    }
    if (c.sessionToken !== undefined && (typeof c.sessionToken !== 'string' || !c.sessionToken)) {
      throw new TypeError(`credentials[${i}].sessionToken must be a non-empty string`);
    }
    if (c.accountId !== undefined && !/^\d{12}$/.test(String(c.accountId))) throw new TypeError(`credentials[${i}].accountId must be 12 digits`);
    map.set(c.accessKeyId, {
      accessKeyId: c.accessKeyId, secretAccessKey: c.secretAccessKey, sessionToken: c.sessionToken,
      accountId: c.accountId !== undefined ? String(c.accountId) : DEMO_ACCOUNT,
    });
  };
  add(DEMO_CREDENTIALS, 'demo');
  (list ?? []).forEach(add);
  return map;
}

const emptyStats = () => ({ total: 0, byOperation: {}, byStatus: {}, byError: {}, dropped: 0, succeeded: {}, duplicateEvents: 0 });

function readOptions(options) {
  const stepMs = options.stepMs ?? FIXTURE_STEP_MS;
  if (!Number.isFinite(stepMs) || stepMs < 0) throw new TypeError('stepMs must be a number >= 0');
  const maxStoredEvents = options.maxStoredEvents ?? MAX_STORED_EVENTS;
  if (!Number.isInteger(maxStoredEvents) || maxStoredEvents < 0) throw new TypeError('maxStoredEvents must be an integer >= 0');
  const headersTimeoutMs = options.headersTimeoutMs ?? 10000;
  return {
    stepMs, maxStoredEvents, headersTimeoutMs,
    now: typeof options.now === 'function' ? options.now : Date.now,
    admin: !!options.admin,
    demo: options.demo ?? true,
    stateFile: options.stateFile ?? null,
    log: options.log ?? ((msg) => process.stderr.write(`[local-endpoint] ${msg}\n`)),
    credentials: normalizeCredentials(options.credentials),
    // Time limits for one request: headers, the whole request, and reading the body (a client that
    // trickles its body is answered 408 and disconnected once bodyTimeoutMs have passed).
    requestTimeoutMs: Math.max(options.requestTimeoutMs ?? 30000, headersTimeoutMs),
    bodyTimeoutMs: options.bodyTimeoutMs ?? 10000,
  };
}

/** sleep(ms) for injected delays, and cancelAll() at close (each pending sleep ends at once). */
function sleeper() {
  const pending = new Set();
  return {
    sleep: (ms) => /** @type {Promise<void>} */ (new Promise((resolve) => {
      const entry = { t: setTimeout(() => { pending.delete(entry); resolve(); }, ms), resolve };
      pending.add(entry);
    })),
    cancelAll() {
      for (const entry of pending) { clearTimeout(entry.t); entry.resolve(); }
      pending.clear();
    },
  };
}

/** The node:http server: handle(req, res) for each request, JSON errors for what Node's parser refuses. */
function httpServer(o, handle, sendError) {
  function onInternalError(req, res, err) {
    if (err && err.aborted) return res.destroy(); // the client went away while sending its body: nothing to answer
    o.log(`internal error: ${err && err.stack ? err.stack : err}`);
    try {
      if (res.headersSent) res.destroy();
      else sendError(req, res, { requestId: crypto.randomUUID(), counted: false }, internalFailure(), CT_JSON);
    } catch { /* ignore */ }
  }
  const server = http.createServer({ connectionsCheckingInterval: Math.max(50, Math.min(1000, o.headersTimeoutMs / 2)) },
    (req, res) => { handle(req, res).catch((err) => onInternalError(req, res, err)); });
  server.on('clientError', answerClientError);
  server.headersTimeout = o.headersTimeoutMs;
  server.requestTimeout = o.requestTimeoutMs;
  server.keepAliveTimeout = 5000;
  return server;
}

/** The store, with the ACTIVE demo dataset group when o.demo; closed again when that fails. */
function openEndpointStore(o, faults) {
  const store = openStore({ stepMs: o.stepMs, now: o.now, skewMs: () => faults.skewMs, stateFile: o.stateFile, log: o.log, maxStoredEvents: o.maxStoredEvents });
  try {
    return { store, demoDatasetGroupArn: o.demo ? store.ensureDemo() : null };
  } catch (e) {
    store.close();
    throw e;
  }
}

/**
 * What the endpoint counts and keeps between requests (stats, the request log, the demo dataset
 * group's ARN) and the in-process API over it, which the admin routes answer the same.
 */
function monitor(o, store, faults, demoDatasetGroupArn) {
  const m = { stats: emptyStats(), requestLog: [], demoDatasetGroupArn };
  function reset(what) {
    const has = (k) => !what || what.length === 0 || what.includes(k);
    if (has('faults')) faults.reset();
    if (has('stats')) { m.stats = emptyStats(); m.requestLog = []; }
    if (has('events')) store.events.clear();
    if (has('state')) {
      store.clearResources();
      if (o.demo) m.demoDatasetGroupArn = store.ensureDemo();
    }
    store.save();
  }
  m.api = {
    stats: () => structuredClone(m.stats),
    requests: () => structuredClone(m.requestLog),
    events: (trackingId) => structuredClone(store.events.list(trackingId)),
    state: () => store.snapshot(),
    faults: () => ({ ...faults.current }),
    setFaults: (f) => ({ ...faults.apply(f) }),
    reset,
  };
  return m;
}

/** close(): closes connections, clears timers, writes the state and releases its lock; once. */
function closer(o, { server, timers, store, onClose }) {
  let closing = null;
  return function close() {
    if (closing) return closing;
    onClose();
    timers.cancelAll();
    closing = /** @type {Promise<void>} */ (new Promise((resolve) => {
      server.close(() => resolve());
      server.closeAllConnections();
    })).then(() => {
      try { store.save(); } catch (e) { o.log(`could not write state: ${e.message}`); }
      store.close();
    });
    return closing;
  };
}

/** The server listening on 127.0.0.1 (options.port, 0: a free one): its port; the store is closed when that fails. */
async function listen(server, port, store) {
  try {
    return await listenLoopback(server, port ?? 0);
  } catch (e) {
    store.close();
    throw e;
  }
}

/**
 * Starts the local endpoint on 127.0.0.1 (README.md next to this file). options: port (0: a free
 * one), stepMs (FIXTURE_STEP_MS), demo (true: an ACTIVE demo dataset group), admin (false: no
 * /__local-endpoint routes), stateFile, credentials (extra key pairs), now, maxStoredEvents, log,
 * headersTimeoutMs, requestTimeoutMs, bodyTimeoutMs.
 */
export async function startLocalEndpoint(options = {}) {
  const o = readOptions(options);
  const adminToken = o.admin ? newAdminToken() : null; // the per-run secret of admin requests; access.mjs
  const faults = createFaults();
  const serverNow = () => o.now() + faults.skewMs;
  const opened = openEndpointStore(o, faults);
  const { store } = opened;
  const m = monitor(o, store, faults, opened.demoDatasetGroupArn);
  const ops = createOperations({ store, faults, serverNow, countDuplicates: (n) => { m.stats.duplicateEvents += n; } });
  const { send, sendError } = responder({ serverNow, stats: () => m.stats });
  const timers = sleeper();
  let closed = false;
  let allowedHosts = new Set(); // the Host values this endpoint answers to, once its port is known

  const handle = requestHandler({
    o, faults, store, ops, send, sendError, serverNow, sleep: timers.sleep, api: m.api, adminToken,
    stats: () => m.stats, requestLog: () => m.requestLog, allowedHosts: () => allowedHosts, closed: () => closed,
  });
  const server = httpServer(o, handle, sendError);
  const port = await listen(server, options.port, store);
  allowedHosts = loopbackHosts(port);
  const close = closer(o, { server, timers, store, onClose: () => { closed = true; } });

  return {
    url: `http://127.0.0.1:${port}`,
    port,
    region: DEMO_REGION,
    /** The demo key pair, always accepted (account DEMO_CREDENTIALS.accountId). */
    credentials: { accessKeyId: DEMO_CREDENTIALS.accessKeyId, secretAccessKey: DEMO_CREDENTIALS.secretAccessKey },
    /** The ACTIVE demo dataset group in DEMO_REGION (null with demo: false). */
    get datasetGroupArn() { return m.demoDatasetGroupArn; },
    get demoDatasetGroupArn() { return m.demoDatasetGroupArn; },
    /** With admin: the value admin requests must send in X-Local-Endpoint-Admin-Token (null without admin). */
    adminToken,
    stepMs: o.stepMs,
    ...m.api,
    close,
    ...(Symbol.asyncDispose ? { [Symbol.asyncDispose]: close } : {}), // `await using endpoint = ...`
  };
}
