// Create an event tracker: dataset group picker, name and tags checked as you type by the WASM
// validator; then, in the same card, a status timeline until ACTIVE, the tracking ID and ARN with
// copy buttons and ready-to-copy snippets. An interrupted wait offers Resume; a create whose
// answer was lost ends as the recovered tracker (the glue's createEventTracker finds it).

import { validateCreateEventTracker } from '../lib/personalize.mjs';
import { $, el, say, fail, stale, showErrors, tone, copyText, resumeButton } from './app-util.mjs';
import { call } from './app-conn.mjs';
import { watched } from './app-trackers.mjs';
import { initGroups, groupProblem, fieldChanged, setGroups } from './app-groups.mjs';
import { setSnippetTracker } from './app-snippets.mjs';

const STEPS = ['CREATE PENDING', 'CREATE IN_PROGRESS', 'ACTIVE'];
const NEXT_AFTER_FAILED = 'What to do: delete this tracker (Delete in the list), check that the dataset group is ACTIVE '
  + 'and that your IAM policy allows personalize:CreateEventTracker, then create it again.';
const msg = $('create-msg');
let rowId = 0;
let checkId = 0;
let busy = false;
let current;

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
  return m ? tagInputs()[2 * Number(m[1]) + (m[2] === 'Value' ? 1 : 0)] : $({ name: 'name', datasetGroupArn: 'dg-arn' }[field]);
}

/** Validates (in WASM), shows the messages, enables the button; resolves true when valid. */
async function check(showAll) {
  const id = ++checkId;
  const request = input();
  const errors = [...await validateCreateEventTracker(request)];
  if (id !== checkId) return false; // a newer check follows
  const problem = !errors.some((e) => e.field === 'datasetGroupArn') && groupProblem(request.datasetGroupArn);
  if (problem) errors.push({ field: 'datasetGroupArn', message: problem });
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

/** Forgets what came from the old connection: the result card, messages, the picker. */
export function clearCreate() {
  current = undefined;
  showForm(false);
  msg.replaceChildren();
  $('prog-msg').replaceChildren();
  setGroups(null);
  check();
}

/** A deleted tracker's result card goes away. */
export function forget(arn) {
  if (current === arn) {
    current = undefined;
    showForm(false);
  }
}

/** The card shows either the form or the progress of the last create (which replaces the form). */
function showForm(focus) {
  $('progress').hidden = true;
  $('create-form').hidden = false;
  if (focus) $('name').focus();
}

/** Marks the timeline at a status seen after `seconds`; earlier steps count as done. */
function mark(status, seconds) {
  const failed = status === 'CREATE FAILED';
  const at = failed ? 2 : STEPS.indexOf(status);
  if (at < 0) return;
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

/** Shows the card for a tracker and follows it to ACTIVE (or CREATE FAILED). */
async function follow(name, { eventTrackerArn, trackingId }, hooks, resumed) {
  const start = performance.now();
  const elapsed = () => (performance.now() - start) / 1000;
  current = eventTrackerArn;
  if (!resumed) {
    $('progress').hidden = false;
    $('result').hidden = true;
    $('prog-name').textContent = name;
    $('timeline').replaceChildren(...STEPS.map((s) => el('li', {}, s, el('span'))));
    mark(STEPS[0], 0);
  }
  $('prog-msg').replaceChildren();
  const timer = setInterval(() => { $('elapsed').textContent = `${elapsed().toFixed(0)} s`; }, 500);
  watched.add(eventTrackerArn);
  try {
    const tracker = await call('personalize', (c, signal) => c.waitUntilEventTrackerActive({ eventTrackerArn }, {
      minDelay: 0.5, maxDelay: 3, maxWaitTime: 900, signal,
      onStatus: (status, t) => { if (current === eventTrackerArn) mark(status, elapsed()); hooks.onStatus(t); },
    }));
    if (current !== eventTrackerArn) return;
    const id = trackingId ?? tracker.trackingId;
    $('tracking-id').value = id;
    $('tracker-arn').value = eventTrackerArn;
    setSnippetTracker(id);
    $('result').hidden = false;
    say($('prog-msg'), `${name} is ACTIVE after ${elapsed().toFixed(1)} s.`);
    hooks.onActive(tracker, id);
  } catch (err) {
    if (stale(err) || current !== eventTrackerArn) return;
    if (err.tracker) mark(err.tracker.status, elapsed());
    if (err.tracker?.status === 'CREATE FAILED') fail($('prog-msg'), err, { then: NEXT_AFTER_FAILED });
    else if (err.name !== 'WaiterFailureError') {
      fail($('prog-msg'), err, { then: 'Waiting stopped; the tracker is probably still being created.',
        action: resumeButton(() => { $('prog-h').focus(); follow(name, { eventTrackerArn, trackingId }, hooks, true); }) });
    } else fail($('prog-msg'), err);
  } finally {
    watched.delete(eventTrackerArn);
    clearInterval(timer);
    $('elapsed').textContent = `${elapsed().toFixed(1)} s`;
  }
}

/**
 * Wires the form. hooks: onCreated(summary), onStatus(tracker), onActive(tracker, trackingId).
 * @param {string | undefined} datasetGroupArn the default (from local-endpoint.json)
 * @param {any} hooks
 */
export function initCreate(datasetGroupArn, hooks) {
  const form = $('create-form');
  initGroups(datasetGroupArn, () => check());
  form.oninput = (e) => {
    e.target.dataset.touched = 1;
    if (e.target.id === 'dg-arn') fieldChanged();
    check();
  };
  $('add-tag').onclick = addTag;
  $('create-another').onclick = () => showForm(true);
  $('copy').onclick = () => copyText($('tracking-id').value, 'Tracking ID', $('prog-msg'));
  $('copy-arn').onclick = () => copyText($('tracker-arn').value, 'ARN', $('prog-msg'));
  form.onsubmit = async (e) => {
    e.preventDefault();
    if (busy || !(await check(true))) return;
    const request = input();
    busy = true;
    say(msg, `Creating ${request.name}…`, 'busy');
    try {
      const out = await call('personalize', (c, signal) => c.createEventTracker(request, { signal }));
      say(msg, out.$metadata?.recovered ? `Created ${request.name}. The service's first answer was lost; the console found the tracker that call created.`
        : `Created ${request.name}.`);
      $('name').value = '';
      delete $('name').dataset.touched;
      hooks.onCreated({ name: request.name, eventTrackerArn: out.eventTrackerArn, datasetGroupArn: request.datasetGroupArn, trackingId: out.trackingId, status: STEPS[0] });
      $('create-form').hidden = true;
      $('progress').hidden = false;
      $('prog-h').focus();
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
