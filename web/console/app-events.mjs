// "Send test event": one PutEvents call to an ACTIVE tracker, checked as you type like the create form.

import { validate } from '../lib/personalize.mjs';
import { $, say, fail, showErrors, fmtDate } from './app-util.mjs';
import { call } from './app-conn.mjs';

const FIELDS = { userId: 'ev-user', sessionId: 'ev-session', 'eventList[0].eventType': 'ev-type',
  'eventList[0].itemId': 'ev-item', 'eventList[0].properties': 'ev-props' };
const msg = $('ev-msg');
/** @type {Map<string, string>} tracking IDs by tracker ARN */
const trackingIds = new Map();
let checkId = 0;
let wanted;
let busy = false;

/** The form's event: userId, sessionId, eventType, itemId, properties (optional ones left empty: undefined). */
export function testEvent() {
  const v = (id) => $(id).value.trim() || undefined;
  return { userId: v('ev-user'), sessionId: $('ev-session').value, eventType: $('ev-type').value, itemId: v('ev-item'), properties: v('ev-props') };
}

/** The PutEvents input. */
function input(trackingId) {
  const { userId, sessionId, eventType, itemId, properties } = testEvent();
  return { trackingId, userId, sessionId, eventList: [{ eventType, sentAt: new Date(), itemId, properties }] };
}

/** Properties that are not JSON at all: the parser's words, with where ("… at position 9 (line 1 column 10)"). */
function syntaxError(text) {
  if (!text) return undefined;
  try {
    JSON.parse(text);
    return undefined;
  } catch (err) {
    return `is not valid JSON: ${String(err.message).replace(/^JSON\.parse: /, '')}`;
  }
}

async function check(showAll) {
  const id = ++checkId;
  const errors = (await validate('PutEvents', input('-'))).filter((e) => e.field !== 'trackingId');
  if (id !== checkId) return false;
  const syntax = syntaxError(testEvent().properties);
  if (syntax) errors.unshift({ field: 'eventList[0].properties', message: syntax });
  showErrors(Object.values(FIELDS).map($), errors, (f) => $(FIELDS[f]), $('ev-errors'), showAll);
  $('send').disabled = errors.length > 0 || !$('ev-tracker').value;
  return !errors.length;
}

/** Offers the ACTIVE trackers, keeping the selection (or the wanted one) while it is there. */
export function setTrackers(trackers) {
  const pick = $('ev-tracker');
  const keep = wanted ?? pick.value;
  const active = trackers.filter((t) => t.status === 'ACTIVE');
  for (const t of trackers) if (t.trackingId) trackingIds.set(t.eventTrackerArn, t.trackingId);
  const same = active.length === pick.options.length && active.every((t, i) => pick.options[i].value === t.eventTrackerArn && pick.options[i].text === t.name);
  if (!same) {
    pick.replaceChildren(...active.map((t) => new Option(t.name, t.eventTrackerArn)));
    if (!active.length) pick.add(new Option('No ACTIVE tracker yet', ''));
  }
  if (active.some((t) => t.eventTrackerArn === keep)) {
    pick.value = keep;
    if (keep === wanted) wanted = undefined;
  }
  check();
}

/** The tracker a link asked for: selected once it is listed and ACTIVE. */
export function want(arn) {
  wanted = arn;
}

/** The tracker a link still waits for (on a page not loaded yet), else the selected one's ARN. */
export const selected = () => wanted || $('ev-tracker').value;

/** Forgets what came from the old connection. */
export function clearEvents() {
  trackingIds.clear();
  $('ev-tracker').replaceChildren(new Option('No ACTIVE tracker yet', ''));
  msg.replaceChildren();
  check();
}

/** Remembers a tracker's tracking ID and selects it. */
export function useTracker(eventTrackerArn, trackingId) {
  trackingIds.set(eventTrackerArn, trackingId);
  $('ev-tracker').value = eventTrackerArn;
  check();
}

async function send() {
  const arn = $('ev-tracker').value;
  const name = $('ev-tracker').selectedOptions[0].text;
  busy = true;
  say(msg, `Sending an event to ${name}…`, 'busy');
  try {
    if (!trackingIds.has(arn)) {
      const { eventTracker } = await call('personalize', (c, signal) => c.describeEventTracker({ eventTrackerArn: arn }, { signal }));
      trackingIds.set(arn, eventTracker.trackingId);
    }
    const { $metadata: m } = await call('events', (c, signal) => c.putEvents(input(trackingIds.get(arn)), { signal }));
    say(msg, `Event sent to ${name} at ${fmtDate(new Date())} (HTTP ${m.httpStatusCode}, request ID ${m.requestId}).`);
  } catch (err) {
    fail(msg, err);
  } finally {
    busy = false;
    check();
  }
}

export function initEvents(onSelect) {
  const form = $('ev-form');
  $('ev-tracker').addEventListener('change', () => {
    wanted = undefined;
    onSelect($('ev-tracker').value);
  });
  $('ev-session').value = `session-${crypto.randomUUID().slice(0, 8)}`;
  form.oninput = (e) => {
    e.target.dataset.touched = 1;
    check();
  };
  form.onsubmit = async (e) => {
    e.preventDefault();
    if (!busy && (await check(true)) && $('ev-tracker').value) send();
  };
  check();
}
