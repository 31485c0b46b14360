// The dataset group picker and what the console knows of each group: its status and its tracker (a
// dataset group has at most one; ListEventTrackers per group, and the list's own rows). Groups with
// a tracker are marked and cannot be picked; the default is a group without one. The picker and
// the ARN field never disagree, and an ARN of another region or partition than the connection's,
// or of a group that has a tracker, is explained before anything is sent.

import { $ } from './app-util.mjs';
import { call, view } from './app-conn.mjs';

/** @type {{name: string, datasetGroupArn: string, status: string}[] | null} null: not connected */
let groups = null;
/** @type {Map<string, {arn: string, name: string} | null>} group ARN → its tracker (null: none), once known */
const owners = new Map();
/** @type {Set<string>} the tracker ARNs the list held at its last change */
let listed = new Set();
let auto = false; // the field holds the default, not the user's choice
let preferred;
let epoch = 0;
let changed = () => {};
const HINT = $('dg-pick-hint').textContent;

/** The partition of a region, as the SDKs' endpoint rules name it. */
export function partitionOf(region = '') {
  if (/^cn-/.test(region)) return 'aws-cn';
  if (/^us-gov-/.test(region)) return 'aws-us-gov';
  if (/^us-isob-/.test(region)) return 'aws-iso-b';
  if (/^us-isof-/.test(region)) return 'aws-iso-f';
  if (/^us-iso-/.test(region)) return 'aws-iso';
  if (/^eu-isoe-/.test(region)) return 'aws-iso-e';
  if (/^eusc-/.test(region)) return 'aws-eusc';
  return 'aws';
}

/**
 * Why a dataset group ARN cannot take a tracker on this connection, in words (after "Dataset group
 * ARN"), or undefined: another partition or region than the connection's, or a group that has one.
 */
export function groupProblem(arn) {
  const m = /^arn:([^:]+):personalize:([^:]*):/.exec(arn);
  if (!m || !groups) return undefined;
  const { region } = view();
  const partition = partitionOf(region);
  if (m[1] !== partition) return `is in the ${m[1]} partition, but the connection is to ${region} (partition ${partition})`;
  if (m[2] !== region) return `is in ${m[2] || 'no region'}, but the connection is to ${region}, where the service cannot see it`;
  const owner = owners.get(arn);
  return owner && `already has the tracker ${owner.name}, and a dataset group has at most one`;
}

const field = () => /** @type {HTMLInputElement} */ ($('dg-arn'));
const free = (g) => g.status === 'ACTIVE' && owners.get(g.datasetGroupArn) === null;
const open = (g) => g.status === 'ACTIVE' && !owners.get(g.datasetGroupArn);

/** An option's words: name, then its tracker, "no tracker yet", "checking…" or its status. */
function label(g) {
  const owner = owners.get(g.datasetGroupArn);
  if (owner) return `${g.name} · has tracker ${owner.name}`;
  if (g.status !== 'ACTIVE') return `${g.name} · ${g.status}`;
  return `${g.name} · ${owner === null ? 'no tracker yet' : 'checking…'}`;
}

/** Draws the picker from what is known, selecting what the field holds. */
function render() {
  const pick = /** @type {HTMLSelectElement} */ ($('dg-pick'));
  const value = field().value.trim();
  const known = groups?.some((g) => g.datasetGroupArn === value);
  const first = !groups ? 'Test the connection to list them' : !groups.length ? 'None found'
    : value && !known ? 'Another dataset group (the ARN below)' : 'Choose…';
  pick.replaceChildren(new Option(first, ''), ...(groups ?? []).map((g) => {
    const option = new Option(label(g), g.datasetGroupArn);
    option.disabled = !open(g);
    return option;
  }));
  pick.value = known ? value : '';
  const taken = groups?.length && groups.every((g) => !open(g));
  $('dg-pick-hint').textContent = taken ? 'Every dataset group here has a tracker: create a dataset group first, or delete a tracker.' : HINT;
}

/** Puts the default in the field (the local endpoint's group, else the first free one) unless the user chose. */
function chooseDefault() {
  if (!groups || (field().value.trim() && !auto)) return;
  const current = groups.find((g) => g.datasetGroupArn === field().value.trim());
  if (current && open(current)) return;
  const pick = groups.find((g) => g.datasetGroupArn === preferred && open(g)) ?? groups.find(free) ?? groups.find(open);
  field().value = pick?.datasetGroupArn ?? '';
  auto = true;
}

function update() {
  chooseDefault();
  render();
  changed();
}

/** Finds each group's tracker, three at a time (ListEventTrackers with the group's ARN). */
async function lookUp(at) {
  const queue = (groups ?? []).filter((g) => !owners.has(g.datasetGroupArn)).map((g) => g.datasetGroupArn);
  const worker = async () => {
    while (queue.length && at === epoch) {
      const arn = /** @type {string} */ (queue.shift());
      try {
        const out = await call('personalize', (c, signal) => c.listEventTrackers({ datasetGroupArn: arn, maxResults: 1 }, { signal }));
        if (at !== epoch || owners.has(arn)) continue;
        const t = out.eventTrackers?.[0];
        owners.set(arn, t ? { arn: t.eventTrackerArn, name: t.name } : null);
        update();
      } catch { /* unknown stays "checking…" until the next connection; the service still has its say */ }
    }
  };
  await Promise.all([worker(), worker(), worker()]);
}

/** The groups of a new connection (ListDatasetGroups), or null when not connected. */
export function setGroups(list) {
  epoch++;
  groups = list;
  owners.clear();
  listed = new Set();
  if (!list) {
    field().value = '';
    auto = false;
    delete field().dataset.touched;
  }
  update();
  if (list) lookUp(epoch);
}

/** Hears every change of the tracker list: a tracker's group has it; a tracker gone frees its group. */
export function noteTrackers(trackers) {
  const now = new Set(trackers.map((t) => t.eventTrackerArn));
  let moved = false;
  for (const [group, owner] of owners) {
    if (owner && listed.has(owner.arn) && !now.has(owner.arn)) {
      owners.set(group, null);
      moved = true;
    }
  }
  for (const t of trackers) {
    if (t.datasetGroupArn && owners.get(t.datasetGroupArn)?.arn !== t.eventTrackerArn) {
      owners.set(t.datasetGroupArn, { arn: t.eventTrackerArn, name: t.name });
      moved = true;
    }
  }
  listed = now;
  if (moved && groups) update();
}

/** The field was typed in or the user picked: the picker follows it; no default overrides it. */
export function fieldChanged() {
  auto = false;
  render();
}

/**
 * Wires the picker. preferredArn: the local endpoint's demo group, the default while it has no
 * tracker; onChange(): the field or what is known changed (the form checks itself again).
 */
export function initGroups(preferredArn, onChange) {
  preferred = preferredArn;
  changed = onChange;
  $('dg-pick').onchange = (e) => {
    if (!e.target.value) return;
    field().value = e.target.value;
    field().dataset.touched = '1';
    fieldChanged();
    changed();
  };
  render();
}
