// One HTTP exchange: fetch with a deadline, never following a redirect, the body read within
// its cap. Network failures become NetworkError.

import { NetworkError, RedirectError, ResponseTooLargeError, TimeoutError } from './errors.mjs';
import { abortError } from './retry.mjs';

// Browsers refuse to set these; the values fetch sends are the ones that were signed.
const UNSENDABLE = new Set(['host', 'content-length']);

/**
 * One HTTP exchange with fetchImpl: headers and body within `timeout` ms, the body at most `maxBytes` long,
 * never following a redirect. Network failures become NetworkError. The deadline holds even
 * for a custom fetch that ignores its AbortSignal: the attempt settles when the timer fires.
 */
export async function fetchOnce(fetchImpl, request, signal, timeout, maxBytes) {
  const controller = new AbortController();
  let timer;
  let onAbort;
  const expired = new Promise((resolve, reject) => {
    onAbort = () => {
      controller.abort(signal.reason);
      reject(abortError(signal));
    };
    signal?.addEventListener('abort', onAbort, { once: true });
    timer = setTimeout(() => {
      const err = new TimeoutError(`No complete response from ${request.url} within requestTimeout (${timeout} ms)`);
      controller.abort(err);
      reject(err);
    }, Math.min(timeout, 2 ** 31 - 1));
  });
  const exchange = exchangeOnce(fetchImpl, request, controller.signal, maxBytes);
  exchange.catch(() => {}); // settled by the race below; a late failure must not go unhandled
  let finished = false;
  try {
    const response = await Promise.race([exchange, expired]);
    finished = true; // its body is read whole: nothing is left to end
    return response;
  } catch (err) {
    if (err?.name === 'TimeoutError' || err?.name === 'AbortError' || err?.name === 'RedirectError'
      || err?.name === 'ResponseTooLargeError') throw err;
    if (signal?.aborted) throw abortError(signal);
    const code = err?.cause?.code ? ` (${err.cause.code})` : '';
    throw new NetworkError(`Could not reach ${request.url}: ${err?.message ?? err}${code}. Check the endpoint, the network, and (in browsers) CORS.`, { cause: err });
  } finally {
    clearTimeout(timer);
    signal?.removeEventListener('abort', onAbort);
    // Ends a body nobody reads any more (aborting costs a DOMException and an event: not on success).
    if (!finished && !controller.signal.aborted) controller.abort();
  }
}
/** fetch, then the status line checked for a redirect and the body read within its cap. */
async function exchangeOnce(fetchImpl, { url, method, headers, body }, signal, maxBytes) {
  const response = await fetchImpl(url, {
    method,
    headers: headers.filter(([name]) => !UNSENDABLE.has(name.toLowerCase())),
    body,
    redirect: 'manual',
    signal,
  });
  const status = response.status;
  if (response.type === 'opaqueredirect' || response.redirected || (status >= 300 && status < 400)) {
    cancelBody(response);
    throw redirectError(url, response);
  }
  const bytes = await readBody(response, maxBytes, url);
  return { status, headers: response.headers, arrayBuffer: async () => bytes };
}

function redirectError(url, response) {
  const location = response.headers?.get?.('location');
  let target = 'an undisclosed location';
  if (location) {
    try {
      target = new URL(location, url).origin;
    } catch {
      target = 'an unparsable location';
    }
  }
  const status = response.type === 'opaqueredirect' ? 'a redirect' : `HTTP ${response.status}`;
  return new RedirectError(`${url} answered ${status} to ${target}; redirects are never followed, so nothing signed leaves for another origin`);
}

function cancelBody(response) {
  try {
    response.body?.cancel?.().catch?.(() => {});
  } catch {
    // a body that is already locked or gone needs no cancelling
  }
}

function tooLarge(url, maxBytes) {
  return new ResponseTooLargeError(`The response from ${url} is larger than maxResponseBytes (${maxBytes} bytes); it was not read further`);
}

/** The body as bytes, read as a stream and cancelled as soon as it passes maxBytes. */
async function readBody(response, maxBytes, url) {
  const declared = Number(response.headers?.get?.('content-length'));
  if (declared > maxBytes) {
    cancelBody(response);
    throw tooLarge(url, maxBytes);
  }
  const stream = response.body;
  if (!stream || typeof stream.getReader !== 'function') {
    // A custom fetch's response without a stream: only its length can be checked.
    const bytes = new Uint8Array(await response.arrayBuffer());
    if (bytes.length > maxBytes) throw tooLarge(url, maxBytes);
    return bytes;
  }
  const reader = stream.getReader();
  const chunks = [];
  let length = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    length += value.length;
    if (length > maxBytes) {
      reader.cancel().catch(() => {});
      throw tooLarge(url, maxBytes);
    }
    chunks.push(value);
  }
  if (chunks.length === 1) return chunks[0];
  const bytes = new Uint8Array(length);
  let offset = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, offset);
    offset += chunk.length;
  }
  return bytes;
}

