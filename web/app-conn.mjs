// Connection panel (local endpoint or AWS region with FIPS / dual-stack, credentials), call() for
// every API call, and the request inspector. Credentials are read from the inputs when a request
// is signed and kept nowhere else, except sessionStorage when "Remember in this tab" is checked.

import { PersonalizeClient, PersonalizeEventsClient, resolveEndpoint } from './personalize.mjs';
import { $, el, say, fail } from './app-util.mjs';

const STORE = 'personalize-console';
const FIELDS = ['endpoint', 'region', 'akid', 'secret', 'token', 'fips', 'dualstack'];
const MASK = '•••••••• (masked)';
const msg = $('conn-msg');
let clockOffset = 0;

/** 'local' or 'aws'. */
const mode = () => $('conn-form').elements.mode.value;
const local = () => mode() === 'local';
const where = () => (local() ? `the local endpoint ${$('endpoint').value.trim()}` : `AWS ${$('region').value}`);
const skewText = () => (Math.abs(clockOffset) < 60000 ? 'Requests are signed with your clock again.'
  : `Your clock is ${Math.round(Math.abs(clockOffset) / 60000)} min off the service's: requests now use its time.`);

function setMode(value) {
  $('conn-form').elements.mode.value = value;
  for (const node of document.querySelectorAll('[data-mode]')) node.hidden = node.dataset.mode !== value;
}

/**
 * Runs fn with a new client of the current settings, then shows the exchange in the inspector.
 * A clock offset learnt from the service is kept for later calls.
 * @template T @param {'personalize'|'events'} kind @param {(client: any) => Promise<T>} fn @returns {Promise<T>}
 */
export async function call(kind, fn) {
  const endpoint = local() ? $('endpoint').value.trim() : undefined;
  if (endpoint === '') throw Object.assign(new Error('Enter the endpoint URL under Connection.'), { name: 'EndpointError' });
  const Client = kind === 'events' ? PersonalizeEventsClient : PersonalizeClient;
  const client = new Client({
    region: $('region').value, endpoint, systemClockOffset: clockOffset,
    useFipsEndpoint: !endpoint && $('fips').checked, useDualstackEndpoint: !endpoint && $('dualstack').checked,
    credentials: async () => ({ accessKeyId: $('akid').value.trim(), secretAccessKey: $('secret').value, sessionToken: $('token').value || undefined }),
  });
  try {
    return await fn(client);
  } finally {
    inspect(client);
    if (client.systemClockOffset !== clockOffset) {
      clockOffset = client.systemClockOffset;
      say(msg, skewText(), 'warn');
    }
  }
}

// ---- request inspector ----

const headerLines = (headers) => headers.map(([n, v]) => `${n}: ${/^x-amz-security-token$/i.test(n) ? MASK : v}`).join('\n');
const pretty = (body) => { try { return JSON.stringify(JSON.parse(body), null, 2); } catch { return body || '(empty)'; } };

/** Shows client.lastRequest and lastResponse; the secret and session token are masked anywhere. */
function inspect({ lastRequest: req, lastResponse: res }) {
  const mask = (text) => [$('secret').value, $('token').value].reduce((t, s) => (s ? t.split(s).join(MASK) : t), String(text));
  const block = (title, text) => [el('h3', { textContent: title }), el('pre', { textContent: mask(text) })];
  const fact = (k, v) => [el('dt', { textContent: k }), el('dd', { textContent: v })];
  const target = req?.headers.find(([n]) => /^x-amz-target$/i.test(n));
  const parts = !req ? [el('p', { textContent: 'The last call stopped before sending a request.' })] : [
    el('p', { className: 'hint', textContent: `${target ? target[1].split('.')[1] : 'PutEvents'} at ${new Date().toLocaleTimeString()}` }),
    ...block('Request', `${req.method} ${req.url}\n${headerLines(req.headers)}\n\n${pretty(req.body)}`),
    ...block('Canonical request', req.canonicalRequest), ...block('String to sign', req.stringToSign),
    ...block('Signature', req.signature), el('h3', { textContent: 'Response' })];
  if (res) {
    parts.push(el('dl', { className: 'facts' }, ...fact('HTTP status', res.status), ...fact('Attempts', res.attempts),
      ...fact('Retry delay', `${res.totalRetryDelay} ms`)), el('pre', { textContent: mask(`${headerLines(res.headers)}\n\n${pretty(res.body)}`) }));
  } else if (req) parts.push(el('p', { textContent: 'None (network error, CORS or timeout).' }));
  $('inspector-body').replaceChildren(...parts);
}

// ---- the panel ----

/** Saves the panel in sessionStorage while "Remember in this tab" is checked. */
function persist() {
  if (!$('remember').checked) return sessionStorage.removeItem(STORE);
  const saved = { mode: mode() };
  for (const id of FIELDS) saved[id] = $(id).type === 'checkbox' ? $(id).checked : $(id).value;
  sessionStorage.setItem(STORE, JSON.stringify(saved));
}

/** Shows the AWS endpoint the region and switches resolve to. */
async function showEndpoint() {
  const config = { region: $('region').value, useFipsEndpoint: $('fips').checked, useDualstackEndpoint: $('dualstack').checked };
  $('endpoint-note').textContent = await resolveEndpoint(config).then((r) => `Requests go to ${r.url}`, (e) => e.message);
}

/**
 * Fills the panel (from this tab's saved settings, else local-endpoint.json, else AWS mode) and
 * wires it; returns the connection test (ListDatasetGroups), which calls onConnected(groups).
 * @param {{endpoint: string, region: string, credentials: {accessKeyId: string, secretAccessKey: string}}|null} localConfig
 * @param {(groups: object[]) => void} onConnected
 */
export function initConnection(localConfig, onConnected) {
  let saved;
  try { saved = JSON.parse(sessionStorage.getItem(STORE)); } catch { /* none */ }
  const fill = saved ?? (localConfig && { endpoint: localConfig.endpoint, region: localConfig.region,
    akid: localConfig.credentials?.accessKeyId, secret: localConfig.credentials?.secretAccessKey });
  const region = fill?.region;
  if (region && !$('region').querySelector(`[value="${CSS.escape(region)}"]`)) $('region').add(new Option(region));
  for (const id of FIELDS) if (fill?.[id] != null) $(id)[$(id).type === 'checkbox' ? 'checked' : 'value'] = fill[id];
  $('remember').checked = !!saved;
  setMode(saved?.mode ?? (localConfig ? 'local' : 'aws'));
  showEndpoint();

  const form = $('conn-form');
  form.addEventListener('change', (e) => {
    if (e.target.name === 'mode') setMode(mode());
    showEndpoint();
    persist();
  });
  form.addEventListener('input', persist);

  async function test() {
    say(msg, `Connecting to ${where()}…`, 'busy');
    const before = clockOffset;
    try {
      const { datasetGroups: groups } = await call('personalize', (c) => c.listDatasetGroups({ maxResults: 100 }));
      const skewed = clockOffset !== before;
      say(msg, `Connected to ${where()}: ${groups.length} dataset group${groups.length === 1 ? '' : 's'}.${skewed ? ` ${skewText()}` : ''}`, skewed ? 'warn' : 'ok');
      onConnected(groups);
    } catch (err) {
      fail(msg, err);
    }
  }
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    test();
  });
  return test;
}
