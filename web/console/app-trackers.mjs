// The trackers table: ListEventTrackers page by page ("Load more"; Refresh reloads as many pages
// and keeps the selection), search (tracker and dataset group names, over every page: the pages
// not loaded yet are loaded, with progress) and sort (column headers, or "Sort by" on a phone), the
// dataset group and tracking ID of each row (from DescribeEventTracker), rows in transition
// refreshing themselves, and the row's buttons, each named with its tracker. Feedback shows where
// the button was pressed: beside a copy button, in a line under the row for a deletion.

import { $, el, fail, stale, fmtShort, badge, moving, copyText } from './app-util.mjs';
import { call } from './app-conn.mjs';

const msg = $('list-msg');
const PAGE = 10;
const SEARCH_PAGES = 50; // a search loads at most this many more pages at once
/** @typedef {{tracker?: any, row: HTMLTableRowElement, cells: any, note?: HTMLTableRowElement}} Entry */
/** @type {Map<string, Entry>} by tracker ARN */
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
let describing = 0;
let searching = 0;

const groupName = (arn = '') => arn.slice(arn.indexOf('/') + 1);
const deletable = (s) => s === 'ACTIVE' || s === 'CREATE FAILED';
const announce = (text) => { $('list-live').textContent = text; };
const query = () => $('search').value.trim();
const tbody = () => $('trackers').tBodies[0];

/** The entry (row, cells, tracker) of a tracker in the list. */
export const entryOf = (arn) => rows.get(arn);

/** The list's state line: idle (not connected), loading, loaded (empty or filtered) or error. */
function showState() {
  const shown = [...rows.values()].filter((r) => !r.row.hidden).length;
  const q = query();
  const loaded = `${rows.size} tracker${rows.size === 1 ? '' : 's'}`;
  const none = `tracker or dataset group name contains “${q}”`;
  const noMatch = nextToken ? `No loaded ${none}: ${loaded} searched so far. Load more to search the rest.`
    : describing ? 'Searching… reading the trackers\' dataset groups.' : `No ${none}.`;
  $('list-state').textContent = {
    idle: 'Connect to list the event trackers.',
    loading: searching ? `Searching every tracker: ${loaded} loaded, loading more…` : rows.size ? 'Refreshing…' : 'Loading the event trackers…',
    error: 'Could not load the event trackers.',
    loaded: !rows.size ? 'No event trackers in this account and region.' : q && !shown ? noMatch : '',
  }[state];
  $('list-state').hidden = !$('list-state').textContent;
  $('list-card').setAttribute('aria-busy', String(state === 'loading'));
}

/** A row with its cells and buttons, made once so that focus survives updates. @returns {Entry} */
function makeRow(arn) {
  const tracker = () => rows.get(arn)?.tracker;
  const c = {
    name: el('span', { className: 'mono name' }), group: el('span', { className: 'mono group' }), status: el('span'), created: el('span'),
    details: el('button', { type: 'button', textContent: 'Details', onclick: (e) => hooks.onDetails(arn, e.currentTarget) }),
    arn: el('button', { type: 'button', textContent: 'Copy ARN', onclick: (e) => copied(copyText(arn, 'ARN', null, e.currentTarget), 'ARN', arn) }),
    tid: el('button', { type: 'button', textContent: 'Copy tracking ID',
      onclick: (e) => copied(copyText(tracker()?.trackingId, 'Tracking ID', null, e.currentTarget), 'tracking ID', arn) }),
    del: el('button', { type: 'button', className: 'danger', textContent: 'Delete', onclick: () => hooks.onDelete(tracker()) }),
  };
  const td = (label, className, ...kids) => {
    const cell = el('td', { className }, ...kids);
    cell.dataset.label = label; // narrow screens stack the cells under these labels
    return cell;
  };
  const row = el('tr', {}, td('Name', 'c-name', c.name, el('span', { className: 'sr-only', textContent: ', dataset group ' }), c.group),
    td('Status', 'c-status', c.status), td('Created', 'c-created', c.created),
    td('Actions', 'c-actions', el('span', { className: 'actions' }, c.details, c.arn, c.tid, c.del)));
  return { row, cells: c };
}

/** Says a copy in the list's polite live region too (the note beside the button is for the eyes). */
async function copied(done, what, arn) {
  const ok = await done;
  announce(ok ? `The ${what} of ${rows.get(arn)?.tracker?.name ?? 'the tracker'} is copied to the clipboard.` : `Could not copy the ${what}.`);
}

/** Adds or updates a tracker's row from a summary, a description or a status change. */
export function upsert(tracker, { announceChange = true } = {}) {
  const known = rows.get(tracker.eventTrackerArn);
  const t = { ...known?.tracker, ...tracker };
  const entry = known ?? makeRow(t.eventTrackerArn);
  if (!known) tbody().append(entry.row);
  const c = entry.cells;
  if (c.name.textContent !== t.name) {
    c.name.textContent = t.name ?? '';
    c.details.ariaLabel = `Details for ${t.name}`;
    c.arn.ariaLabel = `Copy ARN of ${t.name}`;
    c.tid.ariaLabel = `Copy tracking ID of ${t.name}`;
    c.del.ariaLabel = `Delete ${t.name}`;
  }
  c.group.textContent = groupName(t.datasetGroupArn) || '—';
  if (c.status.textContent !== t.status) c.status.replaceChildren(badge(t.status ?? ''));
  c.created.textContent = fmtShort(t.creationDateTime);
  c.tid.disabled = !t.trackingId;
  c.del.disabled = !deletable(t.status);
  c.del.title = c.del.disabled ? 'Only ACTIVE or CREATE FAILED trackers can be deleted.' : '';
  if (known && known.tracker.status !== t.status && announceChange) announce(`${t.name}: ${t.status}.`);
  entry.tracker = t;
  rows.set(t.eventTrackerArn, entry);
  filter();
  changed();
}

/** A tracker gone: its row goes (a line under it, if any, stays and says so). */
export function drop(arn) {
  rows.get(arn)?.row.remove();
  rows.delete(arn);
  changed();
  showState();
}

/** The status box in a line under a tracker's row, made on first use; focusable, for after the row goes. */
export function rowNote(arn) {
  const entry = rows.get(arn);
  if (!entry) return msg;
  const note = entry.note ?? el('tr', { className: 'note-row' }, el('td', { colSpan: 4, className: 'msgs', role: 'status', tabIndex: -1 }));
  entry.note = note;
  entry.row.after(note);
  return /** @type {HTMLElement} */ (note.firstChild);
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

/** Hides the rows whose tracker name and dataset group name do not contain the search text. */
function filter() {
  const q = query().toLowerCase();
  for (const { tracker, row, note } of rows.values()) {
    row.hidden = !!q && ![tracker.name, groupName(tracker.datasetGroupArn)].some((s) => String(s ?? '').toLowerCase().includes(q));
    if (note) note.hidden = row.hidden;
  }
  showState();
}

/** Search: filters now, and loads the pages not loaded yet (with progress) so that every tracker is searched. */
async function search() {
  filter();
  if (!query() || !nextToken || searching) return;
  const at = epoch;
  searching = at;
  try {
    for (let i = 0; i < SEARCH_PAGES && nextToken && query() && at === epoch && state !== 'error'; i++) await loadPage(at);
  } finally {
    if (searching === at) searching = 0;
    showState();
  }
}

/** Orders the rows by the sort column (the service's order when none is chosen). */
function order() {
  if (!sort.key) return;
  const key = (t) => (sort.key === 'creationDateTime' ? +t.creationDateTime || 0 : String(t[sort.key] ?? ''));
  const sorted = [...rows.values()].sort((a, b) => (key(a.tracker) > key(b.tracker) ? 1 : key(a.tracker) < key(b.tracker) ? -1 : 0) * sort.dir);
  tbody().append(...sorted.flatMap((r) => (r.note ? [r.row, r.note] : [r.row])));
}

/** Sorts by a key (a header toggles its direction; "Sort by" sets both); headers and picker agree. */
function sortBy(key, dir = sort.key === key ? -sort.dir : 1) {
  sort = { key, dir };
  for (const th of $('trackers').tHead.rows[0].cells) {
    const buttons = [...th.querySelectorAll('button')];
    for (const b of buttons) b.toggleAttribute('data-active', b.dataset.sort === key);
    const keys = buttons.map((b) => b.dataset.sort);
    if (keys.length) th.setAttribute('aria-sort', keys.includes(key) ? (dir > 0 ? 'ascending' : 'descending') : 'none');
  }
  const pick = $('sort');
  pick.value = [...pick.options].some((o) => o.value === `${key}:${dir}`) ? `${key}:${dir}` : '';
  order();
}

/** Describes trackers (a few at a time) for their dataset group, tracking ID and current status. */
async function describeAll(arns, at) {
  const queue = [...arns];
  describing += queue.length;
  const worker = async () => {
    while (queue.length && at === epoch) {
      const arn = queue.shift();
      try {
        const { eventTracker } = await call('personalize', (c, signal) => c.describeEventTracker({ eventTrackerArn: arn }, { signal }));
        if (at === epoch && rows.has(arn)) upsert(eventTracker);
      } catch (err) {
        if (err.name === 'ResourceNotFoundException' && at === epoch) drop(arn);
        else if (!stale(err) && at === epoch) fail(msg, err);
      } finally {
        if (at === epoch) describing--;
      }
    }
  };
  await Promise.all([worker(), worker(), worker()]);
  if (at !== epoch) return;
  order();
  showState();
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
  if (query()) search();
}

/**
 * Reloads the list as far as it was loaded (as many pages and at least as many trackers), replacing
 * the rows only when the new ones are in, so the selection and the event target stay.
 */
export async function refresh() {
  const at = ++epoch;
  describing = 0;
  searching = 0;
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
  await fetchSelected(at);
  if (query()) search();
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
  describing = 0;
  searching = 0;
  rows.clear();
  tbody().replaceChildren();
  nextToken = undefined;
  pages = 0;
  $('more').hidden = true;
  msg.replaceChildren();
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

export function schedulePoll() {
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

/**
 * Wires the table. hooks: onChange(trackers) hears every change of the list, selected() names the
 * selected tracker's ARN, notFound(arn) a link's tracker that is not there, onDetails(arn, button)
 * and onDelete(tracker) are the rows' buttons.
 */
export function initTrackers(wiring) {
  hooks = wiring;
  $('refresh').onclick = refresh;
  $('more').onclick = more;
  $('search').oninput = search;
  for (const b of $('trackers').tHead.querySelectorAll('button')) b.onclick = () => sortBy(b.dataset.sort);
  $('sort').onchange = (e) => {
    const [key, dir] = e.target.value.split(':');
    sortBy(key, Number(dir) || 1);
  };
  $('skip-list').onclick = (e) => {
    e.preventDefault();
    $('ev-h').focus();
  };
  showState();
}
