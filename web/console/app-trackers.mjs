// The trackers table: ListEventTrackers page by page ("Load more"; Refresh reloads as many pages
// and keeps the selection), search and sort, the dataset group and tracking ID of each row (from
// DescribeEventTracker), rows in transition refreshing themselves, copy buttons, Details with tags,
// and Delete (only where the service allows it) confirmed in a dialog and followed until gone.

import { validate, validateCreateEventTracker } from '../lib/personalize.mjs';
import { $, el, say, fail, stale, fmtDate, badge, moving, copyText, showErrors } from './app-util.mjs';
import { call } from './app-conn.mjs';

const msg = $('list-msg');
const PAGE = 10;
/** @type {Map<string, {tracker: object, row: HTMLTableRowElement, cells: object}>} by tracker ARN */
/** @type {Map<string, {tracker?: any, row: HTMLTableRowElement, cells: any}>} */
const rows = new Map();
/** Trackers a waiter follows already (the create card, a delete): the row poller leaves them alone. */
export const watched = new Set();
let nextToken;
let pages = 0;
let state = 'idle';
let sort = { key: '', dir: 1 };
let hooks;
let pollTimer;
let epoch = 0;

const groupName = (arn = '') => arn.slice(arn.indexOf('/') + 1) || '—';
const deletable = (s) => s === 'ACTIVE' || s === 'CREATE FAILED';
const announce = (text) => { $('list-live').textContent = text; };

/** The list's state line: idle (not connected), loading, loaded (empty or filtered) or error. */
function showState() {
  const shown = [...rows.values()].filter((r) => !r.row.hidden).length;
  const q = $('search').value.trim();
  $('list-state').textContent = {
    idle: 'Connect to list the event trackers.',
    loading: rows.size ? 'Refreshing…' : 'Loading the event trackers…',
    error: 'Could not load the event trackers.',
    loaded: !rows.size ? 'No event trackers in this account and region.' : !shown ? `No tracker name contains “${q}”.` : '',
  }[state];
  $('list-state').hidden = !$('list-state').textContent;
  $('list-card').setAttribute('aria-busy', String(state === 'loading'));
}

/** A row with its cells and buttons, made once so that focus survives updates.
 * @param {string} arn @returns {{tracker?: any, row: HTMLTableRowElement, cells: any}} */
function makeRow(arn) {
  const c = {
    name: el('span', { className: 'mono' }), group: el('span', { className: 'mono' }), status: el('span'), created: el('span'),
    details: el('button', { type: 'button', textContent: 'Details', onclick: (e) => details(arn, e.currentTarget) }),
    arn: el('button', { type: 'button', className: 'quiet', textContent: 'ARN', ariaLabel: 'Copy ARN', onclick: () => copyText(arn, 'ARN', msg) }),
    tid: el('button', { type: 'button', className: 'quiet', textContent: 'Tracking ID', ariaLabel: 'Copy tracking ID',
      onclick: () => copyText(rows.get(arn)?.tracker?.trackingId, 'Tracking ID', msg) }),
    del: el('button', { type: 'button', className: 'danger', textContent: 'Delete', onclick: () => remove(rows.get(arn)?.tracker) }),
  };
  const td = (label, ...kids) => {
    const cell = el('td', {}, ...kids);
    cell.dataset.label = label; // narrow screens stack the cells under these labels
    return cell;
  };
  const row = el('tr', {}, td('Name', c.name), td('Dataset group', c.group), td('Status', c.status), td('Created', c.created),
    td('Actions', el('span', { className: 'actions' }, c.details, c.arn, c.tid, c.del)));
  return { row, cells: c };
}

/** Adds or updates a tracker's row from a summary, a description or a status change. */
export function upsert(tracker, { announceChange = true } = {}) {
  const known = rows.get(tracker.eventTrackerArn);
  const t = { ...known?.tracker, ...tracker };
  const entry = known ?? makeRow(t.eventTrackerArn);
  if (!known) $('trackers').tBodies[0].append(entry.row);
  const c = entry.cells;
  c.name.textContent = t.name ?? '';
  c.group.textContent = groupName(t.datasetGroupArn);
  if (c.status.textContent !== t.status) c.status.replaceChildren(badge(t.status ?? ''));
  c.created.textContent = fmtDate(t.creationDateTime);
  c.tid.disabled = !t.trackingId;
  c.del.disabled = !deletable(t.status);
  c.del.title = c.del.disabled ? 'Only ACTIVE or CREATE FAILED trackers can be deleted.' : '';
  if (known && known.tracker.status !== t.status && announceChange) announce(`${t.name}: ${t.status}.`);
  entry.tracker = t;
  rows.set(t.eventTrackerArn, entry);
  filter();
  changed();
}

function drop(arn) {
  rows.get(arn)?.row.remove();
  rows.delete(arn);
  changed();
  showState();
}

function changed() {
  hooks.onChange([...rows.values()].map((r) => r.tracker));
  markSelected();
  schedulePoll();
}

/** Highlights the row of the selected tracker (the event target). */
export function markSelected() {
  const arn = hooks.selected();
  for (const [key, { row }] of rows) row.classList.toggle('selected', key === arn);
}

/** Hides the rows whose name does not contain the search text. */
function filter() {
  const q = $('search').value.trim().toLowerCase();
  for (const { tracker, row } of rows.values()) row.hidden = !!q && !String(tracker.name).toLowerCase().includes(q);
  showState();
}

/** Orders the rows by the sort column (the service's order when none is chosen). */
function order() {
  if (!sort.key) return;
  const key = (t) => (sort.key === 'creationDateTime' ? +t.creationDateTime || 0 : String(t[sort.key] ?? ''));
  const sorted = [...rows.values()].sort((a, b) => (key(a.tracker) > key(b.tracker) ? 1 : key(a.tracker) < key(b.tracker) ? -1 : 0) * sort.dir);
  $('trackers').tBodies[0].append(...sorted.map((r) => r.row));
}

function sortBy(key) {
  sort = { key, dir: sort.key === key ? -sort.dir : 1 };
  for (const th of $('trackers').tHead.rows[0].cells) {
    const b = th.querySelector('button');
    if (b) th.setAttribute('aria-sort', b.dataset.sort === key ? (sort.dir > 0 ? 'ascending' : 'descending') : 'none');
  }
  order();
}

/** Describes trackers (a few at a time) for their dataset group, tracking ID and current status. */
async function describeAll(arns, at) {
  const queue = [...arns];
  const worker = async () => {
    while (queue.length && at === epoch) {
      const arn = queue.shift();
      try {
        const { eventTracker } = await call('personalize', (c, signal) => c.describeEventTracker({ eventTrackerArn: arn }, { signal }));
        if (at === epoch && rows.has(arn)) upsert(eventTracker);
      } catch (err) {
        if (err.name === 'ResourceNotFoundException' && at === epoch) drop(arn);
        else if (!stale(err) && at === epoch) return fail(msg, err);
      }
    }
  };
  await Promise.all([worker(), worker(), worker()]);
  order();
}

/** One page more; the first page when the list is new. */
async function loadPage(at = epoch) {
  state = 'loading';
  showState();
  try {
    const out = await call('personalize', (c, signal) => c.listEventTrackers({ maxResults: PAGE, nextToken }, { signal }));
    if (at !== epoch) return [];
    const fresh = out.eventTrackers.filter((t) => !rows.has(t.eventTrackerArn));
    out.eventTrackers.forEach((t) => upsert(t, { announceChange: false }));
    nextToken = out.nextToken;
    pages++;
    $('more').hidden = !nextToken;
    state = 'loaded';
    showState();
    msg.replaceChildren();
    describeAll(out.eventTrackers.map((t) => t.eventTrackerArn), at);
    return fresh;
  } catch (err) {
    if (stale(err) || at !== epoch) return [];
    state = 'error';
    showState();
    fail(msg, err);
    return [];
  }
}

/** "Load more": focus moves to the first new row, so it stays in the list when the button goes. */
async function more() {
  const fresh = await loadPage();
  const first = fresh.length && rows.get(fresh[0].eventTrackerArn);
  if (first) first.cells.details.focus();
  else if ($('more').hidden) $('list-h').focus();
}

/**
 * Reloads the list as far as it was loaded (as many pages and at least as many trackers), replacing
 * the rows only when the new ones are in, so the selection and the event target stay.
 */
export async function refresh() {
  const at = ++epoch;
  const want = Math.max(pages, 1);
  const had = rows.size;
  state = 'loading';
  showState();
  const seen = [];
  let token;
  try {
    for (let i = 0; i < 100; i++) { // as many pages as before, and at least as many trackers
      const out = await call('personalize', (c, signal) => c.listEventTrackers({ maxResults: PAGE, nextToken: token }, { signal }));
      if (at !== epoch) return;
      seen.push(...out.eventTrackers);
      token = out.nextToken;
      if (!token || (i + 1 >= want && seen.length >= had)) break;
    }
  } catch (err) {
    if (stale(err) || at !== epoch) return;
    state = 'error';
    showState();
    return fail(msg, err);
  }
  const keep = new Set(seen.map((t) => t.eventTrackerArn));
  for (const arn of [...rows.keys()]) if (!keep.has(arn) && !watched.has(arn)) drop(arn);
  seen.forEach((t) => upsert(t));
  nextToken = token;
  pages = Math.max(pages, 1);
  $('more').hidden = !nextToken;
  state = 'loaded';
  order();
  showState();
  msg.replaceChildren();
  describeAll(seen.map((t) => t.eventTrackerArn), at);
  fetchSelected(at);
}

/** A link's tracker that is on a page not loaded yet is described and added to the list. */
async function fetchSelected(at) {
  const arn = hooks.selected();
  if (!arn || rows.has(arn)) return;
  try {
    const { eventTracker } = await call('personalize', (c, signal) => c.describeEventTracker({ eventTrackerArn: arn }, { signal }));
    if (at === epoch && eventTracker) upsert(eventTracker);
  } catch {
    if (at === epoch) hooks.notFound(arn); // not in this account and region: the link's tracker is not shown
  }
}

/** Forgets everything of the old connection; state 'idle' (not connected) or 'loading' (testing). */
export function clear(next = 'idle') {
  epoch++;
  rows.clear();
  $('trackers').tBodies[0].replaceChildren();
  nextToken = undefined;
  pages = 0;
  $('more').hidden = true;
  msg.replaceChildren();
  $('details-dlg').open && $('details-dlg').close();
  state = next;
  changed();
  showState();
}

/** A failed connection test: the list could not load. */
export function failed() {
  state = 'error';
  showState();
}

// ---- rows in transition refresh themselves ----

function schedulePoll() {
  if (pollTimer) return;
  const due = [...rows.values()].some((r) => moving(r.tracker.status) && !watched.has(r.tracker.eventTrackerArn));
  if (due) pollTimer = setTimeout(poll, 1500);
}

async function poll() {
  pollTimer = undefined;
  const at = epoch;
  const due = [...rows.values()].filter((r) => moving(r.tracker.status) && !watched.has(r.tracker.eventTrackerArn));
  await describeAll(due.map((r) => r.tracker.eventTrackerArn), at);
  if (at === epoch) schedulePoll();
}

// ---- details and tags ----

let opener;
let shown;

/** The tags table of the tracker in the dialog (ListTagsForResource), each with Remove. */
async function loadTags(arn) {
  const body = $('tags-table').tBodies[0];
  const out = await call('personalize', (c, signal) => (typeof c.listTagsForResource === 'function'
    ? c.listTagsForResource({ resourceArn: arn }, { signal }) : null));
  if (!out) {
    $('tag-form').hidden = true;
    return body.replaceChildren(el('tr', {}, el('td', { colSpan: 3, textContent: 'Tags cannot be read with this version of the client.' })));
  }
  const tags = out.tags ?? [];
  body.replaceChildren(...tags.map((t) => el('tr', {}, el('td', { className: 'mono', textContent: t.tagKey }), el('td', { className: 'mono', textContent: t.tagValue }),
    el('td', {}, el('button', { type: 'button', textContent: 'Remove', ariaLabel: `Remove tag ${t.tagKey}`, onclick: () => untag(arn, t.tagKey) })))));
  if (!tags.length) body.append(el('tr', {}, el('td', { colSpan: 3, className: 'hint', textContent: 'No tags.' })));
}

async function untag(arn, key) {
  try {
    await call('personalize', (c, signal) => c.untagResource({ resourceArn: arn, tagKeys: [key] }, { signal }));
    await loadTags(arn);
    say($('details-msg'), `Tag ${key} removed.`);
    $('new-tag-key').focus();
  } catch (err) {
    fail($('details-msg'), err);
  }
}

/** The tag errors of the new-tag inputs (the TagResource rules, or the create form's tag rules). */
async function tagErrors(tag) {
  let errors = await validate('TagResource', { resourceArn: shown, tags: [tag] });
  if (errors.some((e) => e.field === 'operation')) {
    errors = (await validateCreateEventTracker({ datasetGroupArn: 'arn:aws:personalize:us-east-1:123456789012:dataset-group/x', name: 'x', tags: [tag] }))
      .filter((e) => e.field.startsWith('tags'));
  }
  return errors.filter((e) => e.field.startsWith('tags'));
}

async function addTag(e) {
  e.preventDefault();
  const tag = { tagKey: $('new-tag-key').value, tagValue: $('new-tag-value').value };
  const inputs = [$('new-tag-key'), $('new-tag-value')];
  const errors = await tagErrors(tag);
  showErrors(inputs, errors, (f) => (/tagKey$/.test(f) ? inputs[0] : /tagValue$/.test(f) ? inputs[1] : undefined), $('details-msg'), true);
  if (errors.length) return;
  try {
    await call('personalize', (c, signal) => c.tagResource({ resourceArn: shown, tags: [tag] }, { signal }));
    await loadTags(shown);
    say($('details-msg'), `Tag ${tag.tagKey} added.`);
    $('new-tag-key').value = $('new-tag-value').value = '';
    $('new-tag-key').focus();
  } catch (err) {
    fail($('details-msg'), err);
  }
}

/** DescribeEventTracker and the tags, shown in the details dialog; focus returns to `from` after. */
async function details(arn, from) {
  opener = from;
  try {
    const { eventTracker: t } = await call('personalize', (c, signal) => c.describeEventTracker({ eventTrackerArn: arn }, { signal }));
    upsert(t);
    shown = arn;
    const facts = { Name: t.name, Status: t.status, 'Tracking ID': t.trackingId, 'Tracker ARN': t.eventTrackerArn,
      'Dataset group ARN': t.datasetGroupArn, Account: t.accountId, Created: fmtDate(t.creationDateTime), Updated: fmtDate(t.lastUpdatedDateTime) };
    $('details').replaceChildren(...Object.entries(facts).flatMap(([k, v]) => [el('dt', { textContent: k }), el('dd', { textContent: v ?? '—' })]));
    $('details-msg').replaceChildren();
    $('tag-form').hidden = false;
    for (const id of ['new-tag-key', 'new-tag-value']) { $(id).value = ''; $(id).removeAttribute('aria-invalid'); $(`${id}-err`).textContent = ''; }
    $('tags-table').tBodies[0].replaceChildren();
    $('details-dlg').showModal();
    await loadTags(arn).catch((err) => fail($('details-msg'), err));
  } catch (err) {
    fail(msg, err);
  }
}

// ---- delete ----

/** Asks in the delete dialog, which names the tracker; resolves true on "Delete". */
function confirmDelete(name) {
  const dialog = $('delete-dlg');
  $('del-name').textContent = name;
  dialog.returnValue = '';
  dialog.showModal();
  return new Promise((resolve) => { dialog.onclose = () => resolve(dialog.returnValue === 'ok'); });
}

/** Follows a deletion until the tracker is gone; an interrupted wait offers Resume. */
async function followDelete(arn, name) {
  watched.add(arn);
  say(msg, `Deleting ${name}…`, 'busy');
  try {
    await call('personalize', (c, signal) => c.waitUntilEventTrackerDeleted({ eventTrackerArn: arn },
      { minDelay: 0.5, maxDelay: 3, maxWaitTime: 900, signal, onStatus: (s, t) => t && upsert(t) }));
    drop(arn);
    say(msg, `${name} was deleted.`);
    if (document.activeElement === document.body) $('list-h').focus();
  } catch (err) {
    fail(msg, err, { then: 'Waiting stopped; the deletion may still go on.', action: resumeButton(() => followDelete(arn, name)) });
  } finally {
    watched.delete(arn);
    schedulePoll();
  }
}

export const resumeButton = (fn) => el('button', { type: 'button', textContent: 'Resume', onclick: fn });

/** Deletes a tracker once confirmed; its row shows DELETE PENDING / IN_PROGRESS until it is gone. */
async function remove({ eventTrackerArn: arn, name }) {
  if (!(await confirmDelete(name))) return rows.get(arn)?.cells.del.focus();
  rows.get(arn)?.cells.details.focus(); // Delete is disabled while the tracker is deleted
  try {
    await call('personalize', (c, signal) => c.deleteEventTracker({ eventTrackerArn: arn }, { signal }));
    hooks.onDeleting(arn);
    upsert({ eventTrackerArn: arn, status: 'DELETE PENDING' });
    await followDelete(arn, name);
  } catch (err) {
    fail(msg, err);
  }
}

/**
 * Wires the table. hooks: onChange(trackers) hears every change of the list, onDeleting(arn) a
 * deletion, selected() names the selected tracker's ARN.
 */
export function initTrackers(wiring) {
  hooks = wiring;
  $('refresh').onclick = refresh;
  $('more').onclick = more;
  $('search').oninput = filter;
  for (const b of $('trackers').tHead.querySelectorAll('button')) b.onclick = () => sortBy(b.dataset.sort);
  $('del-ok').onclick = () => $('delete-dlg').close('ok');
  $('del-cancel').onclick = () => $('delete-dlg').close();
  $('details-close').onclick = () => $('details-dlg').close();
  $('details-dlg').onclose = () => { shown = undefined; if (opener?.isConnected) opener.focus(); };
  $('tag-form').onsubmit = addTag;
  showState();
}
