// Create an event tracker: dataset group picker, name and tags checked as you type by the WASM
// validator; then a status timeline until ACTIVE, and the tracking ID with a copy button.

import { validateCreateEventTracker } from './personalize.mjs';
import { $, el, say, fail, showErrors, tone } from './app-util.mjs';
import { call } from './app-conn.mjs';

const STEPS = ['CREATE PENDING', 'CREATE IN_PROGRESS', 'ACTIVE'];
const msg = $('create-msg');
let rowId = 0;
let checkId = 0;
let busy = false;

const tagInputs = () => [...$('tag-rows').querySelectorAll('input')];

/** The CreateEventTracker input the form describes. */
function input() {
  const t = tagInputs();
  const tags = [];
  for (let i = 0; i < t.length; i += 2) tags.push({ tagKey: t[i].value, tagValue: t[i + 1].value });
  return { datasetGroupArn: $('dg-arn').value.trim(), name: $('name').value, ...(tags.length && { tags }) };
}

/** The input a validator field names: name, datasetGroupArn, tags[2].tagKey… */
function inputFor(field) {
  const m = /^tags\[(\d+)\]\.tag(Key|Value)$/.exec(field);
  return m ? tagInputs()[2 * m[1] + (m[2] === 'Value')] : $({ name: 'name', datasetGroupArn: 'dg-arn' }[field]);
}

/** Validates (in WASM), shows the messages, enables the button; resolves true when valid. */
async function check(showAll) {
  const id = ++checkId;
  const errors = await validateCreateEventTracker(input());
  if (id !== checkId) return false; // a newer check follows
  showErrors([$('dg-arn'), $('name'), ...tagInputs()], errors, inputFor, $('create-errors'), showAll);
  $('create').disabled = errors.length > 0;
  return !errors.length;
}

/** Adds a row: Tag key, Tag value, Remove tag. */
function addTag() {
  const id = `tag${++rowId}`;
  const field = (label, part) => el('div', { className: 'field' }, el('label', { htmlFor: id + part, textContent: label }),
    el('input', { id: id + part, autocomplete: 'off' }), el('p', { className: 'err', id: `${id + part}-err` }));
  const row = el('li', { className: 'tag-row' }, field('Tag key', 'k'), field('Tag value', 'v'),
    el('button', { type: 'button', textContent: 'Remove tag', onclick: () => { row.remove(); check(); $('add-tag').focus(); } }));
  $('tag-rows').append(row);
  for (const i of row.querySelectorAll('input')) i.setAttribute('aria-describedby', `tag-rule ${i.id}-err`);
  row.querySelector('input').focus();
  check();
}

/** Fills the dataset group picker (from ListDatasetGroups). */
export function setGroups(groups) {
  const pick = $('dg-pick');
  pick.replaceChildren(new Option(groups.length ? 'Choose…' : 'None found', ''),
    ...groups.map((g) => new Option(`${g.name} (${g.status})`, g.datasetGroupArn)));
  pick.value = $('dg-arn').value;
  if (pick.selectedIndex < 0) pick.value = '';
}

/** Marks the timeline at a status seen after `seconds`; earlier steps count as done. */
function mark(status, seconds) {
  const failed = status === 'CREATE FAILED';
  const at = failed ? 2 : STEPS.indexOf(status);
  $('bar').value = at + 1;
  $('status').textContent = status;
  $('status').className = `badge ${tone(status)}`;
  [...$('timeline').children].forEach((li, i) => {
    if (i < at) li.className = 'done';
    if (i !== at) return;
    li.className = failed ? 'failed' : 'done';
    li.firstChild.textContent = status;
    li.lastChild.textContent = `${seconds.toFixed(1)} s`;
  });
}

/** Follows a new tracker to ACTIVE (or CREATE FAILED), then shows its tracking ID and ARN. */
async function follow(name, { eventTrackerArn, trackingId }, hooks) {
  const start = performance.now();
  const elapsed = () => (performance.now() - start) / 1000;
  $('progress').hidden = false;
  $('result').hidden = true;
  $('prog-name').textContent = name;
  $('prog-h').focus();
  $('timeline').replaceChildren(...STEPS.map((s) => el('li', {}, s, el('span'))));
  mark(STEPS[0], 0);
  const timer = setInterval(() => { $('elapsed').textContent = `${elapsed().toFixed(0)} s`; }, 500);
  try {
    const tracker = await call('personalize', (c) => c.waitUntilEventTrackerActive({ eventTrackerArn }, {
      minDelay: 0.5, maxDelay: 3, maxWaitTime: 900,
      onStatus: (status, t) => { mark(status, elapsed()); hooks.onStatus(t); },
    }));
    $('tracking-id').textContent = trackingId;
    $('tracker-arn').textContent = eventTrackerArn;
    $('result').hidden = false;
    say($('prog-msg'), `${name} is ACTIVE after ${elapsed().toFixed(1)} s.`);
    hooks.onActive(tracker, trackingId);
  } catch (err) {
    if (err.tracker) mark(err.tracker.status, elapsed());
    fail($('prog-msg'), err);
  } finally {
    clearInterval(timer);
    $('elapsed').textContent = `${elapsed().toFixed(1)} s`;
  }
}

/** Copies the tracking ID: the Clipboard API, else a selection and execCommand('copy'). */
async function copy() {
  const node = $('tracking-id');
  let ok = true;
  try {
    await navigator.clipboard.writeText(node.textContent);
  } catch {
    getSelection().selectAllChildren(node);
    ok = document.execCommand('copy');
  }
  say($('prog-msg'), ok ? 'Tracking ID copied to the clipboard.' : 'Could not copy: the ID is selected, press Ctrl+C.', ok ? 'ok' : 'warn');
}

/**
 * Wires the form. hooks: onCreated(summary), onStatus(tracker), onActive(tracker, trackingId).
 * @param {string} [datasetGroupArn] the default (from local-endpoint.json)
 */
export function initCreate(datasetGroupArn, hooks) {
  const form = $('create-form');
  $('dg-arn').value ||= datasetGroupArn ?? '';
  $('dg-pick').onchange = (e) => {
    if (!e.target.value) return;
    $('dg-arn').value = e.target.value;
    check();
  };
  form.oninput = (e) => {
    e.target.dataset.touched = 1;
    check();
  };
  $('add-tag').onclick = addTag;
  $('copy').onclick = copy;
  form.onsubmit = async (e) => {
    e.preventDefault();
    if (busy || !(await check(true))) return;
    const request = input();
    busy = true;
    say(msg, `Creating ${request.name}…`, 'busy');
    try {
      const out = await call('personalize', (c) => c.createEventTracker(request));
      say(msg, `Created ${request.name}.`);
      $('name').value = '';
      delete $('name').dataset.touched;
      hooks.onCreated({ name: request.name, eventTrackerArn: out.eventTrackerArn, status: STEPS[0] });
      follow(request.name, out, hooks);
    } catch (err) {
      fail(msg, err);
    } finally {
      busy = false;
      check();
    }
  };
  check();
}
