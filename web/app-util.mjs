// DOM helpers for the console. Strings always go in as text, never as HTML.

/** @returns {any} the element with this id */
export const $ = (id) => document.getElementById(id);

/** An element with props assigned (className, textContent, onclick…) and children appended. */
export function el(tag, props, ...kids) {
  const node = Object.assign(document.createElement(tag), props);
  node.append(...kids.filter((k) => k || k === 0));
  return node;
}

/** Shows one message in a live region; kind: ok | warn | busy. */
export const say = (box, text, kind = 'ok') => box.replaceChildren(el('p', { className: `note ${kind}`, textContent: text }));

/** Shows an error with its name, message, HTTP status, request ID and a hint. */
export function fail(box, err) {
  const m = err.$metadata ?? {};
  const meta = [m.httpStatusCode && `HTTP ${m.httpStatusCode}`, m.requestId && `Request ID ${m.requestId}`,
    m.attempts > 1 && `${m.attempts} attempts`].filter(Boolean).join(' · ');
  const hint = explain(err);
  box.replaceChildren(el('div', { className: 'note bad' }, el('strong', { textContent: err.name }), `: ${err.message}`,
    meta && el('small', { textContent: meta }), hint && el('small', { textContent: hint })));
}

const BAD_SECRET = 'The secret access key does not match the access key ID.';

/** What to do about the errors people meet while connecting. */
function explain({ name, message }) {
  if (/^Signature (expired|not yet current)/.test(message)) return "Your clock is more than 5 minutes off the service's: set it right.";
  return {
    UnrecognizedClientException: 'The service does not know this access key ID, or the session token is wrong.',
    InvalidSignatureException: BAD_SECRET,
    SignatureDoesNotMatch: BAD_SECRET,
    ExpiredTokenException: 'The session token has expired.',
    AccessDeniedException: 'The IAM policy does not allow this call.',
    CredentialsProviderError: 'Enter an access key ID and secret access key under Connection.',
    NetworkError: 'No answer: check the endpoint URL and the network (and CORS for a local endpoint).',
  }[name];
}

const dates = new Intl.DateTimeFormat(undefined, { month: 'short', day: 'numeric', hour: 'numeric', minute: '2-digit', second: '2-digit' });
export const fmtDate = (d) => (d ? dates.format(d) : '—');

/** The badge class of a status. */
export const tone = (s) => (s === 'ACTIVE' ? 'ok' : s.endsWith('FAILED') ? 'bad' : s.startsWith('DELETE') ? 'warn' : 'info');

export const badge = (s) => el('span', { className: `badge ${tone(s)}`, textContent: s });

const labelOf = (input) => input.labels[0].firstChild.textContent.trim();

/**
 * Puts validator errors ({field, message}) under their inputs: an input's error shows once it was
 * edited (data-touched) or when showAll; the button summary lists the others.
 * @param {HTMLElement[]} inputs @param {{field: string, message: string}[]} errors
 * @param {(field: string) => HTMLElement|undefined} inputFor @param {HTMLElement} summary
 */
export function showErrors(inputs, errors, inputFor, summary, showAll) {
  const found = new Map();
  const other = [];
  for (const { field, message } of errors) {
    const input = inputFor(field);
    if (!input) other.push(`${field} ${message}.`);
    else if (!found.has(input)) found.set(input, message);
  }
  const missing = [];
  for (const input of inputs) {
    const message = found.get(input);
    const shown = message && (showAll || input.dataset.touched);
    if (message && !shown) missing.push(labelOf(input));
    if (shown) input.setAttribute('aria-invalid', 'true');
    else input.removeAttribute('aria-invalid');
    $(`${input.id}-err`).textContent = shown ? `${labelOf(input)} ${message}` : '';
  }
  summary.textContent = [missing.length ? `Still needed: ${missing.join(', ')}.` : '', ...other].join(' ');
}
