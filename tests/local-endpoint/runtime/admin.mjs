// The admin routes under /__local-endpoint/ (with --admin / admin: true, and only for requests
// carrying this run's admin token; access.mjs says who may call them).

import { ApiError } from './errors.mjs';
import { CT_JSON, readBody, parseJsonBody } from './http.mjs';
import { ADMIN_BODY_BYTES } from './shapes.mjs';
import { parseRawQuery } from './sigv4.mjs';

export const ADMIN_PREFIX = '/__local-endpoint';
export const ADMIN_ROUTES = ['stats', 'requests', 'events', 'state', 'faults', 'reset'];
const RESETTABLE = ['state', 'events', 'faults', 'stats'];

export const isAdminPath = (pathname) => pathname === ADMIN_PREFIX || pathname.startsWith(`${ADMIN_PREFIX}/`);

/** reset()'s argument: undefined (all) or a list of RESETTABLE names. */
export function checkResetList(what) {
  if (what !== undefined && !(Array.isArray(what) && what.every((w) => RESETTABLE.includes(w)))) {
    throw new ApiError('InvalidInputException', `what must be a list of: ${RESETTABLE.join(', ')}`);
  }
  return what;
}

/**
 * Answers one admin request. endpoint: { stats(), requests(), events(trackingId), state(),
 * faults(), setFaults(f), reset(what) } (the in-process API); send: http.mjs's responder's send.
 */
export async function handleAdmin(req, res, ctx, { pathname, query }, endpoint, send, bodyTimeoutMs) {
  const name = `${req.method} ${pathname.slice(ADMIN_PREFIX.length)}`;
  let input = {};
  if (req.method === 'POST') input = parseJsonBody(await readBody(req, ADMIN_BODY_BYTES, 'an admin request', bodyTimeoutMs), { emptyIsObject: true });
  const answer = (body) => send(req, res, ctx, 200, body, CT_JSON);
  switch (name) {
    case 'GET /stats': return answer(endpoint.stats());
    case 'GET /requests': return answer({ requests: endpoint.requests() });
    case 'GET /events': return answer({ events: endpoint.events(parseRawQuery(query).trackingId) });
    case 'GET /state': return answer(endpoint.state());
    case 'GET /faults': return answer(endpoint.faults());
    case 'POST /faults': return answer(endpoint.setFaults(input));
    case 'POST /reset':
      endpoint.reset(checkResetList(input.what));
      return answer({});
    default:
      throw new ApiError('NotFound', `No route ${req.method} ${pathname}`, 404);
  }
}
