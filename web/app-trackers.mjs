// The trackers table: ListEventTrackers page by page ("Load more"), Refresh, details
// (DescribeEventTracker in a dialog), and Delete confirmed in a dialog and followed until gone.

import { $, el, say, fail, fmtDate, badge } from './app-util.mjs';
import { call } from './app-conn.mjs';

const msg = $('list-msg');
/** @type {Map<string, {tracker: object, row: HTMLTableRowElement}>} by tracker ARN */
const rows = new Map();
let nextToken;
let onChange;

/** A cell; data-label names its column where narrow screens stack the rows. */
function cell(label, ...content) {
  const td = el('td', {}, ...content);
  td.dataset.label = label;
  return td;
}

/** Adds or updates a tracker's row from a summary, a description or a status change. */
export function upsert(tracker) {
  const known = rows.get(tracker.eventTrackerArn);
  const t = { ...known?.tracker, ...tracker };
  const row = known?.row ?? $('trackers').tBodies[0].appendChild(el('tr'));
  row.replaceChildren(cell('Name', el('span', { className: 'mono', textContent: t.name })), cell('Status', badge(t.status)),
    cell('Created', fmtDate(t.creationDateTime)), cell('Updated', fmtDate(t.lastUpdatedDateTime)),
    cell('Actions', el('span', { className: 'actions' },
      el('button', { type: 'button', textContent: 'Details', onclick: () => details(t) }),
      el('button', { type: 'button', className: 'danger', textContent: 'Delete', disabled: t.status.startsWith('DELETE'), onclick: () => remove(t) }))));
  rows.set(t.eventTrackerArn, { tracker: t, row });
  changed();
}

function changed() {
  $('list-empty').hidden = rows.size > 0;
  onChange([...rows.values()].map((r) => r.tracker));
}

async function loadPage() {
  say(msg, 'Loading…', 'busy');
  try {
    const out = await call('personalize', (c) => c.listEventTrackers({ maxResults: 10, nextToken }));
    out.eventTrackers.forEach(upsert);
    nextToken = out.nextToken;
    $('more').hidden = !nextToken;
    msg.replaceChildren();
  } catch (err) {
    fail(msg, err);
  }
}

/** Reloads the table from the first page. */
export function refresh() {
  rows.clear();
  $('trackers').tBodies[0].replaceChildren();
  nextToken = undefined;
  changed();
  return loadPage();
}

/** DescribeEventTracker, shown in the details dialog. */
async function details({ eventTrackerArn }) {
  try {
    const { eventTracker: t } = await call('personalize', (c) => c.describeEventTracker({ eventTrackerArn }));
    upsert(t);
    const facts = { Name: t.name, Status: t.status, 'Tracking ID': t.trackingId, 'Tracker ARN': t.eventTrackerArn,
      'Dataset group ARN': t.datasetGroupArn, Account: t.accountId, Created: fmtDate(t.creationDateTime), Updated: fmtDate(t.lastUpdatedDateTime) };
    $('details').replaceChildren(...Object.entries(facts).flatMap(([k, v]) => [el('dt', { textContent: k }), el('dd', { textContent: v ?? '—' })]));
    $('details-dlg').showModal();
  } catch (err) {
    fail(msg, err);
  }
}

/** Asks in the delete dialog, which names the tracker; resolves true on "Delete". */
function confirmDelete(name) {
  const dialog = $('delete-dlg');
  $('del-name').textContent = name;
  dialog.returnValue = '';
  dialog.showModal();
  return new Promise((resolve) => { dialog.onclose = () => resolve(dialog.returnValue === 'ok'); });
}

/** Deletes a tracker once confirmed; its row shows DELETE PENDING / IN_PROGRESS until it is gone. */
async function remove({ eventTrackerArn, name }) {
  if (!(await confirmDelete(name))) return;
  $('refresh').focus(); // the row's buttons are redrawn while it is deleted
  try {
    await call('personalize', (c) => c.deleteEventTracker({ eventTrackerArn }));
    upsert({ eventTrackerArn, status: 'DELETE PENDING' });
    say(msg, `Deleting ${name}…`, 'busy');
    await call('personalize', (c) => c.waitUntilEventTrackerDeleted({ eventTrackerArn },
      { minDelay: 0.5, maxDelay: 3, maxWaitTime: 900, onStatus: (s, t) => t && upsert(t) }));
    rows.get(eventTrackerArn)?.row.remove();
    rows.delete(eventTrackerArn);
    changed();
    say(msg, `${name} was deleted.`);
  } catch (err) {
    fail(msg, err);
  }
}

/** Wires the table; onTrackers(list) hears every change of the list. */
export function initTrackers(onTrackers) {
  onChange = onTrackers;
  $('refresh').onclick = refresh;
  $('more').onclick = loadPage;
  $('del-ok').onclick = () => $('delete-dlg').close('ok');
  $('del-cancel').onclick = () => $('delete-dlg').close();
  $('details-close').onclick = () => $('details-dlg').close();
}
