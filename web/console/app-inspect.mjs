// The request inspector: the last 20 calls, newest first, each with its request, canonical request,
// string to sign, response, attempts and retry delay, and "Copy as CLI command". The glue redacts
// the session token in lastRequest; the console also masks the secret and token wherever they appear.

import { $, el, copyText, fmtDate } from './app-util.mjs';

const LIMIT = 20;
const MASK = '<redacted>';
let last;

const headerLines = (headers) => headers.map(([n, v]) => `${n}: ${/^x-amz-security-token$/i.test(n) ? MASK : v}`).join('\n');
const pretty = (body) => { try { return JSON.stringify(JSON.parse(body), null, 2); } catch { return body || '(empty)'; } };
const kebab = (op) => op.replace(/[A-Z]/g, (c, i) => (i ? '-' : '') + c.toLowerCase());
const quote = (s) => `'${s.replaceAll("'", "'\\''")}'`;
/** A field the glue computes when read: its text, or why it could not be had (the inspector never breaks a call). */
const read = (get) => { try { return get(); } catch (err) { return `(not available: ${err?.message ?? err})`; } };

/** The AWS CLI command that makes the same call (credentials come from the CLI's own configuration). */
function cliCommand(op, req, { region, endpoint }) {
  const service = op === 'PutEvents' ? 'personalize-events' : 'personalize';
  let input = req.body || '{}';
  try { input = JSON.stringify(JSON.parse(input)); } catch { /* as sent */ }
  return ['aws', service, kebab(op), '--region', region, ...(endpoint ? ['--endpoint-url', endpoint] : []),
    '--cli-input-json', quote(input)].join(' ');
}

/**
 * Records one call of a client (its lastRequest and lastResponse). mask(text) hides the secrets
 * the connection holds; where = {region, endpoint} for the CLI command.
 */
export function record({ lastRequest: req, lastResponse: res }, mask, where) {
  const target = req?.headers.find(([n]) => /^x-amz-target$/i.test(n));
  const op = !req ? 'Call' : target ? target[1].split('.')[1] : 'PutEvents';
  const block = (title, text) => [el('h4', { textContent: title }), el('pre', { tabIndex: 0, textContent: mask(text) })];
  const fact = (k, v) => [el('dt', { textContent: k }), el('dd', { textContent: v })];
  const status = res ? `HTTP ${res.status}` : req ? 'no answer' : 'not sent';
  const entry = el('details', { className: 'call', open: true }, el('summary', { textContent: `${op} at ${fmtDate(new Date())} · ${status}` }));
  if (!req) entry.append(el('p', { textContent: 'The call stopped before sending a request.' }));
  else {
    const cli = mask(cliCommand(op, req, where));
    const box = el('div', { className: 'msgs', role: 'status' });
    entry.append(...block('Request', `${req.method} ${req.url}\n${headerLines(req.headers)}\n\n${pretty(req.body)}`),
      ...block('Canonical request', read(() => req.canonicalRequest)), ...block('String to sign', read(() => req.stringToSign)),
      ...block('Signature', req.signature), el('h4', { textContent: 'Response' }));
    if (res) {
      entry.append(el('dl', { className: 'facts' }, ...fact('HTTP status', res.status), ...fact('Attempts', res.attempts),
        ...fact('Retry delay', `${res.totalRetryDelay} ms`)), el('pre', { tabIndex: 0, textContent: mask(`${headerLines(res.headers)}\n\n${pretty(res.body)}`) }));
    } else entry.append(el('p', { textContent: 'None (network error, CORS or timeout).' }));
    entry.append(el('button', { type: 'button', textContent: 'Copy as CLI command', onclick: () => copyText(cli, 'CLI command', box) }), box);
  }
  const body = $('inspector-body');
  if (!last) body.replaceChildren();
  if (last) last.open = false;
  last = entry;
  body.prepend(entry);
  while (body.children.length > LIMIT) body.lastElementChild.remove();
}
