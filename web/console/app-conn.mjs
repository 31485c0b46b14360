// The connection: local endpoint or AWS region (FIPS, dual-stack), credentials, and call() for every
// API call. One connection, one truth: any change of mode, endpoint, region or credentials abandons
// the calls of the old one (their results are dropped), clears what came from it (hooks.onReset) and
// tests the new one. Once connected the panel folds to one line with "Change connection".
// Credentials are read from the inputs when a request is signed and kept nowhere else, except
// sessionStorage when "Remember in this tab" is checked.

import { PersonalizeClient, PersonalizeEventsClient, resolveEndpoint } from '../lib/personalize.mjs';
import { $, el, say, fail, policyAllows } from './app-util.mjs';
import { record } from './app-inspect.mjs';

const STORE = 'personalize-console';
const FIELDS = ['endpoint', 'region', 'akid', 'secret', 'token', 'fips', 'dualstack'];
const msg = $('conn-msg');
let clockOffset = 0;
let skewChanged = false;
let generation = 0;
let controller = new AbortController();
let print = '';
let testId = 0;
let pending;
let demo;
let served; // the local endpoint ./build.sh serve started (local-endpoint.json), if any
let awsUrl = '';
let unfoldedFrom; // the settings the panel was unfolded from, for Cancel
let hooks;

/** 'local' or 'aws'. */
const mode = () => $('conn-form').elements.mode.value;
const local = () => mode() === 'local';
const where = () => (local() ? `the local endpoint ${$('endpoint').value.trim()}` : `AWS ${$('region').value}`);
const skewText = () => (Math.abs(clockOffset) < 60000 ? 'Requests are signed with your clock again.'
  : `Your clock is ${Math.round(Math.abs(clockOffset) / 60000)} min off the service's: requests now use its time.`);
const value = (id) => ($(id).type === 'checkbox' ? $(id).checked : $(id).value);
const fingerprint = () => JSON.stringify([mode(), ...FIELDS.map(value)]);
const ready = () => $('akid').value.trim() && $('secret').value.trim() && (!local() || $('endpoint').value.trim());

function setMode(v) {
  $('conn-form').elements.mode.value = v;
  for (const node of document.querySelectorAll('[data-mode]')) /** @type {HTMLElement} */ (node).hidden = /** @type {HTMLElement} */ (node).dataset.mode !== v;
}

/** The view a link may carry: never a credential. */
export function view() {
  return local() ? { mode: 'local', endpoint: $('endpoint').value.trim(), region: $('region').value }
    : { mode: 'aws', region: $('region').value, ...($('fips').checked && { fips: '1' }), ...($('dualstack').checked && { dualstack: '1' }) };
}

/** Where code should get credentials: the demo keys (local, in use), placeholders (local, other keys: never a typed secret) or a profile (AWS). */
export function credentialSource() {
  if (!local()) return { kind: 'aws' };
  return demo && $('akid').value.trim() === demo.akid && $('secret').value.trim() === demo.secret
    ? { kind: 'demo', accessKeyId: demo.akid, secretAccessKey: demo.secret }
    : { kind: 'local', accessKeyId: 'YOUR_ACCESS_KEY_ID', secretAccessKey: 'YOUR_SECRET_ACCESS_KEY' };
}

/**
 * Runs fn(client, signal) with a new client of the current connection, records the exchange in the
 * inspector, and keeps a clock offset learnt from the service. When the connection changes
 * meanwhile, the call is aborted and rejects with a StaleConnection error (which fail() ignores).
 * @template T @param {'personalize'|'events'} kind @param {(client: any, signal: AbortSignal) => Promise<T>} fn @returns {Promise<T>}
 */
export async function call(kind, fn) {
  const at = generation;
  const { signal } = controller;
  const endpoint = local() ? $('endpoint').value.trim() : undefined;
  if (endpoint === '') throw Object.assign(new Error('Enter the endpoint URL under Connection.'), { name: 'EndpointError' });
  const Client = kind === 'events' ? PersonalizeEventsClient : PersonalizeClient;
  const client = new Client({
    region: $('region').value, endpoint, systemClockOffset: clockOffset,
    useFipsEndpoint: !endpoint && $('fips').checked, useDualstackEndpoint: !endpoint && $('dualstack').checked,
    credentials: async () => ({ accessKeyId: $('akid').value.trim(), secretAccessKey: $('secret').value.trim(), sessionToken: $('token').value.trim() || undefined }),
  });
  const secrets = [$('secret').value.trim(), $('token').value.trim()].filter(Boolean);
  const mask = (text) => secrets.reduce((t, s) => t.split(s).join('<redacted>'), String(text));
  const gone = () => Object.assign(new Error('The connection changed.'), { name: 'StaleConnection' });
  try {
    const out = await fn(client, signal);
    if (at !== generation) throw gone();
    return out;
  } catch (err) {
    if (at !== generation) throw gone();
    const origin = endpoint && URL.canParse(endpoint) && new URL(endpoint).origin;
    if (err.name === 'NetworkError' && origin && !policyAllows(origin)) err.blockedOrigin = origin;
    throw err;
  } finally {
    record(/** @type {any} */ (client), mask, { region: $('region').value, endpoint });
    if (at === generation && client.systemClockOffset !== clockOffset) {
      clockOffset = client.systemClockOffset;
      skewChanged = true;
    }
  }
}

// ---- the panel ----

/** Saves the panel in sessionStorage while "Remember in this tab" is checked. */
function persist() {
  if (!$('remember').checked) return sessionStorage.removeItem(STORE);
  const saved = { mode: mode() };
  for (const id of FIELDS) saved[id] = value(id);
  sessionStorage.setItem(STORE, JSON.stringify(saved));
}

/** Shows the AWS endpoint the region and switches resolve to. */
async function showEndpoint() {
  const config = { region: $('region').value, useFipsEndpoint: $('fips').checked, useDualstackEndpoint: $('dualstack').checked };
  $('endpoint-note').textContent = await resolveEndpoint(config).then((r) => {
    awsUrl = r.url.replace(/\/$/, '');
    return `Requests go to ${r.url}`;
  }, (e) => e.message);
}

/** The one-line summary: mode · endpoint or region · access key ID, masked. */
function summary() {
  const id = $('akid').value.trim();
  const key = id.length > 8 ? `${id.slice(0, 4)}…${id.slice(-4)}` : '••••';
  const flags = [$('fips').checked && 'FIPS', $('dualstack').checked && 'dual-stack'].filter(Boolean);
  return (local() ? ['Local endpoint', $('endpoint').value.trim(), $('region').value]
    : ['AWS', $('region').value, ...flags]).concat(`key ${key}`).join(' · ');
}

/** Folds the panel to its line (open = false) or unfolds it. */
function fold(folded, focus) {
  if (folded) unfoldedFrom = undefined;
  $('conn-cancel').hidden = !unfoldedFrom;
  $('conn-card').hidden = folded;
  $('conn-line').hidden = !folded;
  $('conn-summary').textContent = summary();
  if (focus) (folded ? $('change-conn') : $('conn-form').elements.mode[local() ? 0 : 1]).focus();
}

/** Abandons the old connection when the settings differ from it: calls aborted, views cleared. */
function reset() {
  if (fingerprint() === print) return false;
  print = fingerprint();
  generation++;
  controller.abort();
  controller = new AbortController();
  clockOffset = 0;
  skewChanged = false;
  msg.replaceChildren();
  hooks.onReset();
  return true;
}

/** Switching to AWS takes the local endpoint's demo keys out; switching back puts them in again. */
function switchMode() {
  setMode(mode());
  if (!demo) return;
  if (!local() && $('akid').value.trim() === demo.akid) for (const id of ['akid', 'secret', 'token']) $(id).value = '';
  if (local() && !$('akid').value.trim()) {
    $('akid').value = demo.akid;
    $('secret').value = demo.secret;
  }
}

const settings = () => ({ mode: mode(), values: FIELDS.map(value) });

/** "Change connection": the panel opens, remembering the settings for Cancel. */
function unfold() {
  unfoldedFrom = settings();
  fold(false, true);
}

/** Cancel (or Escape): back to the connection the panel was opened from, folded again. */
function cancel() {
  if (!unfoldedFrom) return;
  const { mode: m, values } = unfoldedFrom;
  if (JSON.stringify([m, ...values]) === fingerprint()) return fold(true, true);
  setMode(m);
  FIELDS.forEach((id, i) => { $(id)[$(id).type === 'checkbox' ? 'checked' : 'value'] = values[i]; });
  showEndpoint();
  persist();
  test('focus');
}

/**
 * A failed test, said for this mode. Network failures: on AWS one sentence (nothing reached AWS,
 * so the keys were not checked); locally, nothing answering at a loopback port (and the endpoint
 * ./build.sh serve started), or the page's security policy.
 */
function advice(err) {
  if (err.name !== 'NetworkError') return {};
  if (!local()) {
    return { hint: null, message: `The request was signed here, but nothing answered at ${awsUrl || `the ${$('region').value} endpoint`} `
      + '(offline, a name that did not resolve, or a blocked request), so the access key and secret were not checked.' };
  }
  const url = new URL($('endpoint').value.trim()); // it was parsed to make the call
  const loopback = /^(127\.\d+\.\d+\.\d+|localhost|\[::1\])$/.test(url.hostname);
  const port = url.port || (url.protocol === 'https:' ? '443' : '80');
  const other = served && served !== url.origin;
  const use = other && el('button', { type: 'button', textContent: `Use ${served}`, onclick: () => {
    $('endpoint').value = served;
    persist();
    test('focus');
  } });
  const serveLine = !served ? 'Start one with ./build.sh serve, or check the URL.'
    : other ? `The local endpoint ./build.sh serve started is ${served}.`
      : 'This is the endpoint ./build.sh serve started: is serve still running?';
  if (err.blockedOrigin) {
    return { hint: null, message: `This page's security policy (Content-Security-Policy connect-src) does not allow connections to ${err.blockedOrigin}.`,
      then: `Build the site with ./build.sh dist --connect-src ${err.blockedOrigin} to allow it${served ? '.' : ', or use ./build.sh serve for a local endpoint.'}`, action: use };
  }
  return { hint: null, message: `Nothing answers at port ${port} of ${url.hostname}${loopback ? ' (or the browser refuses that port)'
    : ', or it does not allow CORS from this page'}.`, then: serveLine, action: use };
}

/** ListDatasetGroups with the current settings; on success hooks.onConnected(groups). */
async function test(foldAfter) {
  clearTimeout(pending);
  reset();
  const id = ++testId;
  say(msg, `Connecting to ${where()}…`, 'busy');
  hooks.onTesting();
  try {
    const { datasetGroups: groups } = await call('personalize', (c, signal) => c.listDatasetGroups({ maxResults: 100 }, { signal }));
    if (id !== testId) return;
    const skewed = skewChanged;
    skewChanged = false;
    say(msg, `Connected to ${where()}: ${groups.length} dataset group${groups.length === 1 ? '' : 's'}.${skewed ? ` ${skewText()}` : ''}`, skewed ? 'warn' : 'ok');
    if (foldAfter) fold(true, foldAfter === 'focus');
    else $('conn-summary').textContent = summary();
    hooks.onConnected(groups);
  } catch (err) {
    if (id !== testId) return;
    fail(msg, err, advice(err));
    hooks.onFailed(err);
    if (!$('conn-line').hidden) fold(false);
  }
}

/**
 * Fills the panel (a link's view over this tab's saved settings, else local-endpoint.json, else
 * AWS mode) and wires it; connects at once when it has credentials and no link changed where to.
 * hooks: onReset(), onTesting(), onConnected(groups), onFailed(err).
 * @param {{endpoint: string, region: string, credentials: {accessKeyId: string, secretAccessKey: string}}|null} localConfig
 * @param {{mode?: string, endpoint?: string, region?: string, fips?: string, dualstack?: string}} link
 */
export function initConnection(localConfig, link, wiring) {
  hooks = wiring;
  let saved;
  try { saved = JSON.parse(sessionStorage.getItem(STORE) ?? 'null'); } catch { /* none */ }
  demo = localConfig?.credentials && { akid: localConfig.credentials.accessKeyId, secret: localConfig.credentials.secretAccessKey };
  const servedUrl = localConfig?.endpoint ?? '';
  served = URL.canParse(servedUrl) ? new URL(servedUrl).origin : undefined;
  const fill = saved ?? (localConfig && { endpoint: localConfig.endpoint, region: localConfig.region, akid: demo?.akid, secret: demo?.secret });
  const before = fill && { mode: saved?.mode ?? 'local', endpoint: fill.endpoint };
  const linked = { ...fill, ...link, fips: link.fips === '1', dualstack: link.dualstack === '1' };
  if (!link.mode) Object.assign(linked, { fips: fill?.fips, dualstack: fill?.dualstack });
  const region = linked.region;
  if (region && /^[a-z]{2}(-[a-z]+)+-\d{1,2}$/.test(region) && !$('region').querySelector(`[value="${CSS.escape(region)}"]`)) $('region').add(new Option(region));
  for (const id of FIELDS) if (linked[id] != null) $(id)[$(id).type === 'checkbox' ? 'checked' : 'value'] = linked[id];
  $('remember').checked = !!saved;
  setMode(link.mode ?? saved?.mode ?? (localConfig ? 'local' : 'aws'));
  if (mode() === 'aws' && demo && $('akid').value === demo.akid) for (const id of ['akid', 'secret', 'token']) $(id).value = '';
  showEndpoint();
  print = fingerprint();

  const form = $('conn-form');
  form.addEventListener('change', (e) => {
    if (e.target.id === 'remember') return persist();
    if (e.target.name === 'mode') switchMode();
    showEndpoint();
    persist();
    // A new connection: cleared now, tested once the user has moved on (not on every keystroke).
    if (reset() && ready()) {
      clearTimeout(pending);
      pending = setTimeout(() => test(false), 300);
    }
  });
  form.addEventListener('input', persist);
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    test('focus');
  });
  $('change-conn').onclick = unfold;
  $('conn-cancel').onclick = cancel;
  $('conn-card').addEventListener('keydown', (e) => {
    if (e.key === 'Escape' && unfoldedFrom) {
      e.preventDefault();
      cancel();
    }
  });
  const moved = link.mode && (link.mode !== before?.mode || (link.mode === 'local' && link.endpoint !== before?.endpoint));
  if (ready() && !moved && (localConfig || saved)) test(true);
  else hooks.onReset();
}
