// DOM helpers for the console. Strings always go in as text, never as HTML.

/** @returns {any} the element with this id */
export const $ = (id) => document.getElementById(id);

/** An element with props assigned (className, textContent, onclick…) and children appended. */
export function el(tag, props, ...kids) {
  const node = Object.assign(document.createElement(tag), props);
  node.append(...kids.filter((k) => k || k === 0));
  return node;
}

/** Shows one message in a status box; kind: ok | warn | busy. */
export const say = (box, text, kind = 'ok') => box.replaceChildren(el('p', { className: `note ${kind}`, textContent: text }));

/** True for the errors of a call the console abandoned because the connection changed. */
export const stale = (err) => err?.name === 'StaleConnection';

/**
 * Shows an error with its name, message, HTTP status, request ID and a hint; `then` adds what to do
 * next, and `action` a button (such as Resume). Errors of an abandoned connection are not shown.
 */
/**
 * `message` replaces the error's own message and `hint` the general advice (null: none), for a
 * caller that knows better what happened (the connection panel).
 * @param {HTMLElement} box @param {any} err
 * @param {{then?: string, action?: HTMLElement, message?: string, hint?: string|null}} [next]
 */
export function fail(box, err, { then, action, message, hint = explain(err) } = {}) {
  if (stale(err)) return;
  const m = err.$metadata ?? {};
  const meta = [m.httpStatusCode && `HTTP ${m.httpStatusCode}`, m.requestId && `Request ID ${m.requestId}`,
    m.attempts > 1 && `${m.attempts} attempts`].filter(Boolean).join(' · ');
  box.replaceChildren(el('div', { className: 'note bad' }, el('strong', { textContent: err.name }), `: ${plain(message ?? err.message)}`,
    meta && el('small', { textContent: meta }), hint && el('small', { textContent: hint }),
    then && el('small', { textContent: then }), action));
}

const BAD_SECRET = 'The secret access key does not match the access key ID.';
/** Origins the page's Content-Security-Policy refused (seen by app.mjs). */
export const blocked = new Set();

/** False when the connect-src of the page's meta policy (or a violation seen) rules the origin out. */
export function policyAllows(origin) {
  if (blocked.has(origin)) return false;
  const policy = /** @type {HTMLMetaElement | null} */ (document.querySelector('meta[http-equiv="Content-Security-Policy"]'))?.content ?? '';
  const sources = /connect-src([^;]*)/.exec(policy)?.[1].trim().split(/\s+/);
  if (!sources) return true;
  const { protocol, hostname } = new URL(origin);
  return sources.some((s) => s === origin || (s === "'self'" && origin === location.origin)
    || (s.endsWith(':*') && s.slice(0, -2) === `${protocol}//${hostname}`));
}

/** What to do about the errors people meet while connecting (network failures: app-conn.mjs says them). */
function explain({ name, message }) {
  if (/^Signature (expired|not yet current)/.test(message)) return "Your clock is more than 5 minutes off the service's: set it right.";
  return {
    UnrecognizedClientException: 'The service does not know this access key ID, or the session token is wrong.',
    InvalidSignatureException: BAD_SECRET,
    SignatureDoesNotMatch: BAD_SECRET,
    ExpiredTokenException: 'The session token has expired.',
    AccessDeniedException: 'The IAM policy does not allow this call.',
    CredentialsProviderError: 'Enter an access key ID and secret access key under Connection.',
  }[name];
}

/**
 * A rule in words: the validator says "must match <pattern>: <words>" or "must match <pattern>,
 * e.g. <example>"; people get the words or the example, never the pattern. A service message
 * quoting a pattern ("…regular expression pattern: ^[a-z]…") keeps its words before it.
 */
export function plain(message) {
  return String(message)
    .replace(/must match \S+: /g, 'must ')
    .replace(/must match \S+, e\.g\. /g, 'must look like ')
    .replace(/duplicates tags\[(\d+)\]\.tagKey/g, (_, i) => `is the same as the key of tag ${+i + 1}`)
    .replace(/:? ?Member must satisfy regular expression pattern: \S+/g, ': it has characters that are not allowed');
}

const dates = new Intl.DateTimeFormat(undefined, { year: 'numeric', month: 'short', day: 'numeric', hour: '2-digit', minute: '2-digit', second: '2-digit', timeZoneName: 'short' });
const short = new Intl.DateTimeFormat(undefined, { year: 'numeric', month: 'short', day: 'numeric', hour: '2-digit', minute: '2-digit', hourCycle: 'h23', timeZoneName: 'short' });
const valid = (d) => d instanceof Date && !Number.isNaN(+d);
/** A date with its year and time zone. */
export const fmtDate = (d) => (valid(d) ? dates.format(d) : '—');
/** The same to the minute, 24-hour clock (the list's one-line dates). */
export const fmtShort = (d) => (valid(d) ? short.format(d) : '—');

/** The badge class of a status. */
export const tone = (s = '') => (s === 'ACTIVE' ? 'ok' : s.endsWith('FAILED') ? 'bad' : s.startsWith('DELETE') ? 'warn' : 'info');
/** True while the service is still moving a tracker to its next status. */
export const moving = (s = '') => / (PENDING|IN_PROGRESS)$/.test(s);

export const badge = (s) => el('span', { className: `badge ${tone(s)}${moving(s) ? ' spin' : ''}`, textContent: s });

/**
 * Copies text: the Clipboard API, else a hidden selection and execCommand('copy'). Says so next to
 * `from` (the button pressed) for a moment, and in `box` when given (a status region); resolves ok.
 * @param {string} text @param {string} what @param {HTMLElement|null} box @param {HTMLElement} [from]
 */
export async function copyText(text, what, box, from) {
  let ok = true;
  try {
    await navigator.clipboard.writeText(text);
  } catch {
    const area = document.body.appendChild(el('textarea', { value: text, className: 'sr-only', ariaHidden: 'true' }));
    area.select();
    ok = document.execCommand('copy');
    area.remove();
  }
  const said = ok ? `${what} copied to the clipboard.` : `Could not copy the ${what.toLowerCase()}: select it and press Ctrl+C.`;
  if (box) say(box, said, ok ? 'ok' : 'warn');
  if (from) flash(from, ok ? `${what} copied` : said, ok);
  return ok;
}

/** A short note beside a button (positioned over the layout, so nothing moves), gone after 3 s. */
export function flash(button, text, ok = true) {
  const host = button.parentElement;
  host.querySelector(':scope > .flash')?.remove();
  // aria-hidden: the status regions say it; this is for the eyes
  const note = el('span', { className: `flash ${ok ? 'ok' : 'warn'}`, textContent: text, ariaHidden: 'true' });
  host.classList.add('flash-host');
  button.after(note);
  note.style.setProperty('--right', `${Math.max(0, host.clientWidth - button.offsetLeft - button.offsetWidth)}px`);
  setTimeout(() => note.remove(), 3000);
}

/** A Resume button for an interrupted wait. */
export const resumeButton = (fn) => el('button', { type: 'button', textContent: 'Resume', onclick: fn });

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
    if (!input) other.push(`${field} ${plain(message)}.`);
    else if (!found.has(input)) found.set(input, plain(message));
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
