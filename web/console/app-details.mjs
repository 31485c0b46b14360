// The details dialog: DescribeEventTracker's facts and the tracker's tags (ListTagsForResource),
// each with Remove, and a form to add one, checked as you type with the create form's rules in
// words. A key the tracker has already is never overwritten silently: the dialog asks first.

import { validate, validateCreateEventTracker } from '../lib/personalize.mjs';
import { $, el, say, fail, fmtDate, showErrors } from './app-util.mjs';
import { call } from './app-conn.mjs';
import { upsert } from './app-trackers.mjs';

const box = () => $('details-msg');
const inputs = () => [$('new-tag-key'), $('new-tag-value')];
const or = (v) => v || '(empty)';
let opener;
let shown;
let checkId = 0;
/** @type {Map<string, string>} the shown tracker's tags, key → value */
let tags = new Map();

/** The tags table of the tracker in the dialog (ListTagsForResource), each with Remove. */
async function loadTags(arn) {
  const body = $('tags-table').tBodies[0];
  const out = await call('personalize', (c, signal) => (typeof c.listTagsForResource === 'function'
    ? c.listTagsForResource({ resourceArn: arn }, { signal }) : null));
  if (!out) {
    $('tag-form').hidden = true;
    return body.replaceChildren(el('tr', {}, el('td', { colSpan: 3, textContent: 'Tags cannot be read with this version of the client.' })));
  }
  const list = out.tags ?? [];
  tags = new Map(list.map((t) => [t.tagKey, t.tagValue]));
  body.replaceChildren(...list.map((t) => el('tr', {}, el('td', { className: 'mono', textContent: t.tagKey }), el('td', { className: 'mono', textContent: t.tagValue }),
    el('td', {}, el('button', { type: 'button', textContent: 'Remove', ariaLabel: `Remove tag ${t.tagKey}`, onclick: () => untag(arn, t.tagKey) })))));
  if (!list.length) body.append(el('tr', {}, el('td', { colSpan: 3, className: 'hint', textContent: 'No tags.' })));
  check();
}

async function untag(arn, key) {
  try {
    await call('personalize', (c, signal) => c.untagResource({ resourceArn: arn, tagKeys: [key] }, { signal }));
    await loadTags(arn);
    say(box(), `Tag ${key} removed.`);
    $('new-tag-key').focus();
  } catch (err) {
    fail(box(), err);
  }
}

/** The tag errors of the new-tag inputs (the TagResource rules, or the create form's tag rules). */
async function tagErrors(tag) {
  let errors = await validate('TagResource', { resourceArn: shown, tags: [tag] }); // only the tags' errors are kept
  if (errors.some((e) => e.field === 'operation')) {
    errors = (await validateCreateEventTracker({ datasetGroupArn: 'arn:aws:personalize:us-east-1:123456789012:dataset-group/x', name: 'x', tags: [tag] }));
  }
  return errors.filter((e) => e.field.startsWith('tags'));
}

const newTag = () => ({ tagKey: $('new-tag-key').value, tagValue: $('new-tag-value').value });

/** Checks the new tag as you type: the rules, and whether its key is there already (said under the key). */
async function check(showAll = false) {
  const id = ++checkId;
  const tag = newTag();
  const errors = await tagErrors(tag);
  if (id !== checkId) return null;
  const [key, value] = inputs();
  showErrors(inputs(), errors, (f) => (/tagKey$/.test(f) ? key : /tagValue$/.test(f) ? value : undefined), $('tag-errors'), showAll);
  const old = tags.get(tag.tagKey);
  $('new-tag-key-note').textContent = !errors.length && old !== undefined
    ? `This tracker has ${tag.tagKey} = ${or(old)} already: adding asks before replacing it.` : '';
  $('tag-add').textContent = !errors.length && old !== undefined ? 'Replace tag…' : 'Add tag';
  return errors;
}

/** Asks inline whether to replace an existing tag's value; resolves true on Replace. */
function askReplace(tag, old) {
  return new Promise((resolve) => {
    const answer = (yes) => () => {
      box().replaceChildren();
      resolve(yes);
    };
    const replace = el('button', { type: 'button', className: 'primary', textContent: `Replace with ${or(tag.tagValue)}`, onclick: answer(true) });
    box().replaceChildren(el('div', { className: 'note warn' },
      el('p', { textContent: `${tag.tagKey} is ${or(old)}; replace it with ${or(tag.tagValue)}?` }),
      el('div', { className: 'copy' }, replace, el('button', { type: 'button', textContent: `Keep ${or(old)}`, onclick: answer(false) }))));
    replace.focus();
  });
}

async function addTag(e) {
  e.preventDefault();
  const tag = newTag();
  const errors = await check(true);
  if (!errors || errors.length) return;
  const old = tags.get(tag.tagKey);
  if (old === tag.tagValue) return say(box(), `${tag.tagKey} is ${or(old)} already: nothing to change.`, 'warn');
  if (old !== undefined && !(await askReplace(tag, old))) return $('new-tag-value').focus();
  try {
    await call('personalize', (c, signal) => c.tagResource({ resourceArn: shown, tags: [tag] }, { signal }));
    await loadTags(shown);
    say(box(), old === undefined ? `Tag ${tag.tagKey} added.` : `Tag ${tag.tagKey} is now ${or(tag.tagValue)} (was ${or(old)}).`);
    for (const input of inputs()) {
      input.value = '';
      delete input.dataset.touched;
    }
    check();
    $('new-tag-key').focus();
  } catch (err) {
    fail(box(), err);
  }
}

/** DescribeEventTracker and the tags, shown in the details dialog; focus returns to `from` after. */
export async function details(arn, from, failBox) {
  opener = from;
  try {
    const { eventTracker: t } = await call('personalize', (c, signal) => c.describeEventTracker({ eventTrackerArn: arn }, { signal }));
    upsert(t);
    shown = arn;
    const facts = { Name: t.name, Status: t.status, 'Tracking ID': t.trackingId, 'Tracker ARN': t.eventTrackerArn,
      'Dataset group ARN': t.datasetGroupArn, Account: t.accountId, Created: fmtDate(t.creationDateTime), Updated: fmtDate(t.lastUpdatedDateTime) };
    $('details').replaceChildren(...Object.entries(facts).flatMap(([k, v]) => [el('dt', { textContent: k }), el('dd', { textContent: v ?? '—' })]));
    box().replaceChildren();
    $('tag-form').hidden = false;
    tags = new Map();
    for (const input of inputs()) {
      input.value = '';
      delete input.dataset.touched;
    }
    check();
    $('tags-table').tBodies[0].replaceChildren();
    $('details-dlg').showModal();
    await loadTags(arn).catch((err) => fail(box(), err));
  } catch (err) {
    fail(failBox, err);
  }
}

/** Closes the dialog (the connection changed). */
export function closeDetails() {
  if ($('details-dlg').open) $('details-dlg').close();
}

export function initDetails() {
  $('details-close').onclick = () => $('details-dlg').close();
  $('details-dlg').onclose = () => {
    shown = undefined;
    if (opener?.isConnected) opener.focus();
  };
  $('tag-form').onsubmit = addTag;
  $('tag-form').oninput = (e) => {
    e.target.dataset.touched = '1';
    check();
  };
}
