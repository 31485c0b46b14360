// Bad input, table-driven: every row is [client method, input, the field the ValidationError must
// name]. Each call must be rejected by the client (validated in personalize.wasm) with a
// ValidationError whose errors name exactly that field, must not hang or crash, and must send
// nothing: the local endpoint's request count is the same before and after the whole table.
// Afterwards a valid call still works and the WASM heap is back where it started.
import { test } from 'node:test';
import assert from 'node:assert/strict';

import { wasmInstance } from './helpers/wasm-instance.mjs';
const { validate } = await import('../web/personalize.mjs');
const { startTestEmulator, client, eventsClient } = await import('./helpers/emulator.mjs');

const DG_ARN = 'arn:aws:personalize:us-east-1:123456789012:dataset-group/shop';
const ET_ARN = 'arn:aws:personalize:us-east-1:123456789012:event-tracker/0123abcd';
const ROLE_ARN = 'arn:aws:iam::123456789012:role/PersonalizeRole';
const KMS_ARN = 'arn:aws:kms:us-east-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab';
const ARN_257 = `${DG_ARN}-${'a'.repeat(256 - DG_ARN.length)}`;
const HUGE = 'x'.repeat(10 * 1024 * 1024);

// A valid input for each operation; every row changes one thing in one of them.
const VALID = {
  createEventTracker: { name: 'tracker-1', datasetGroupArn: DG_ARN, tags: [{ tagKey: 'team', tagValue: 'web' }] },
  describeEventTracker: { eventTrackerArn: ET_ARN },
  listEventTrackers: { datasetGroupArn: DG_ARN, maxResults: 10, nextToken: 'abc' },
  deleteEventTracker: { eventTrackerArn: ET_ARN },
  createDatasetGroup: { name: 'group-1', roleArn: ROLE_ARN, kmsKeyArn: KMS_ARN, domain: 'ECOMMERCE', tags: [{ tagKey: 'team', tagValue: 'web' }] },
  describeDatasetGroup: { datasetGroupArn: DG_ARN },
  listDatasetGroups: { maxResults: 10, nextToken: 'abc' },
  deleteDatasetGroup: { datasetGroupArn: DG_ARN },
  putEvents: {
    trackingId: 'tracking-1', sessionId: 'session-1', userId: 'user-1',
    eventList: [{
      eventType: 'click', sentAt: 1_700_000_000, eventId: 'e-1', eventValue: 1.5, itemId: 'item-1',
      properties: '{"color":"red"}', recommendationId: 'rec-1', impression: ['item-1', 'item-2'],
      metricAttribution: { eventAttributionSource: 'campaign-1' },
    }],
  },
};
const OPERATION = {
  createEventTracker: 'CreateEventTracker', describeEventTracker: 'DescribeEventTracker', listEventTrackers: 'ListEventTrackers',
  deleteEventTracker: 'DeleteEventTracker', createDatasetGroup: 'CreateDatasetGroup', describeDatasetGroup: 'DescribeDatasetGroup',
  listDatasetGroups: 'ListDatasetGroups', deleteDatasetGroup: 'DeleteDatasetGroup', putEvents: 'PutEvents',
};

// Every member of every operation, by kind, with `required` where the model says so.
const TAG_FIELDS = { tags: 'list', 'tags[0]': 'struct', 'tags[0].tagKey': 'string!', 'tags[0].tagValue': 'string!' };
const FIELDS = {
  createEventTracker: { name: 'string!', datasetGroupArn: 'string!', ...TAG_FIELDS },
  describeEventTracker: { eventTrackerArn: 'string!' },
  listEventTrackers: { datasetGroupArn: 'string', nextToken: 'string', maxResults: 'integer' },
  deleteEventTracker: { eventTrackerArn: 'string!' },
  createDatasetGroup: { name: 'string!', roleArn: 'string', kmsKeyArn: 'string', domain: 'string', ...TAG_FIELDS },
  describeDatasetGroup: { datasetGroupArn: 'string!' },
  listDatasetGroups: { nextToken: 'string', maxResults: 'integer' },
  deleteDatasetGroup: { datasetGroupArn: 'string!' },
  putEvents: {
    trackingId: 'string!', sessionId: 'string!', userId: 'string', eventList: 'list!', 'eventList[0]': 'struct',
    'eventList[0].eventType': 'string!', 'eventList[0].sentAt': 'timestamp!', 'eventList[0].eventId': 'string',
    'eventList[0].eventValue': 'double', 'eventList[0].itemId': 'string', 'eventList[0].properties': 'json',
    'eventList[0].recommendationId': 'string', 'eventList[0].impression': 'list', 'eventList[0].impression[0]': 'string',
    'eventList[0].metricAttribution': 'struct', 'eventList[0].metricAttribution.eventAttributionSource': 'string!',
  },
};

// Values of the wrong type for each kind. BigInt, NaN, Infinity, symbols, functions and invalid
// Dates have no JSON form: they must be rejected, not dropped or turned into strings.
const NOT_JSON = [1n, NaN, Infinity, -Infinity, Symbol('s'), () => 'x', new Date(NaN)];
const WRONG = {
  string: [5, 0, -1.5, [], ['a'], {}, { a: 1 }, true, false, new Date(0), ...NOT_JSON],
  integer: ['5', '', [], [5], {}, true, false, 2 ** 53, 1e300, ...NOT_JSON],
  list: ['x', 5, {}, { 0: 'a', length: 1 }, true, new Map([['a', 1]]), new Set(['a']), ...NOT_JSON],
  struct: ['x', 5, [], [{}], true, false, ...NOT_JSON],
  timestamp: ['x', '2024-01-01T00:00:00Z', '1700000000', [], {}, true, -1, 1e12, ...NOT_JSON],
  double: ['1', '', [], {}, true, ...NOT_JSON],
  json: [5, [], ['a'], true, false, '', '[]', '"text"', '5', 'null', 'not json', '{"a":', '{"a":"\ud800"}', ...NOT_JSON],
};
const BROKEN_TEXT = ['\ud800', 'a\udfff', '\udc00\ud800', 'ok\u0000', '\u0000'];

/** Parses 'eventList[0].metricAttribution.eventAttributionSource' into keys and indexes. */
const pathKeys = (path) => path.split(/\.|(?=\[)/).map((k) => (k.startsWith('[') ? Number(k.slice(1, -1)) : k));

/** A copy of the valid input for `method` with `value` at `path` (value may be a symbol or function). */
function withValue(method, path, value) {
  const input = structuredClone(VALID[method]);
  const keys = pathKeys(path);
  let holder = input;
  for (const k of keys.slice(0, -1)) holder = holder[k];
  holder[keys.at(-1)] = value;
  return input;
}

/** The valid input with an own property `key` (e.g. __proto__) added at `path` ('' for the top). */
function withOwnKey(method, path, key) {
  const input = structuredClone(VALID[method]);
  const target = path === '' ? input : pathKeys(path).reduce((o, k) => o[k], input);
  Object.defineProperty(target, key, { value: { polluted: true }, enumerable: true, configurable: true, writable: true });
  return input;
}

const rows = [];
const row = (method, input, field) => rows.push([method, input, field]);
const huge = new Set(); // inputs of 10 MB: not validated a second time through validate(), to save time

// 1. Wrong types, missing required members, broken text and NUL in every member of every operation.
for (const [method, fields] of Object.entries(FIELDS)) {
  for (const [path, spec] of Object.entries(fields)) {
    const kind = spec.replace('!', '');
    for (const value of WRONG[kind]) row(method, withValue(method, path, value), path);
    if (spec.endsWith('!')) {
      row(method, withValue(method, path, null), path);
      row(method, withValue(method, path, undefined), path);
    }
    if (kind === 'string') for (const value of BROKEN_TEXT) row(method, withValue(method, path, value), path);
  }
}

// 2. One over (or under) each limit, and each pattern broken.
const over = (n) => 'a'.repeat(n);
const tags = (n) => Array.from({ length: n }, (_, i) => ({ tagKey: `k${i}`, tagValue: 'v' }));
for (const method of ['createEventTracker', 'createDatasetGroup']) {
  for (const name of ['', over(64), 'a!b', '-leading-hyphen', '_x', 'with space', 'ünïcode', 'a.b', ' a']) row(method, withValue(method, 'name', name), 'name');
  row(method, withValue(method, 'tags', tags(201)), 'tags');
  for (const key of ['', over(129), 'a<b', 'semi;colon', 'aws:reserved', 'AWS:Reserved', 'tab\tkey', 'new\nline']) row(method, withValue(method, 'tags[0].tagKey', key), 'tags[0].tagKey');
  for (const value of [over(257), 'a<b', 'aws:reserved', 'Aws:x', 'quote"s', 'emoji \u{1F600}']) row(method, withValue(method, 'tags[0].tagValue', value), 'tags[0].tagValue');
  row(method, withValue(method, 'tags', [{ tagKey: 'k' }]), 'tags[0].tagValue');
  row(method, withValue(method, 'tags', [{ tagValue: 'v' }]), 'tags[0].tagKey');
  row(method, withValue(method, 'tags', [null]), 'tags[0]');
  row(method, withValue(method, 'tags', [{ tagKey: 'k', tagValue: 'v', extra: 'x' }]), 'tags[0].extra');
  row(method, withValue(method, 'tags', [...tags(3), { tagKey: '', tagValue: 'v' }]), 'tags[3].tagKey');
}
const ARN_FIELDS = [['createEventTracker', 'datasetGroupArn'], ['describeEventTracker', 'eventTrackerArn'], ['listEventTrackers', 'datasetGroupArn'],
  ['deleteEventTracker', 'eventTrackerArn'], ['describeDatasetGroup', 'datasetGroupArn'], ['deleteDatasetGroup', 'datasetGroupArn']];
for (const [method, field] of ARN_FIELDS) {
  for (const arn of ['', ARN_257, 'not-an-arn', 'arn:aws:s3:::bucket', 'arn::personalize:us-east-1:1:x', 'arn:AWS:personalize:r:a:x',
    'arn:aws:personalize:us-east-1', 'arn:aws:personalize:us-east-1:123:', `${DG_ARN}\nx`, ` ${DG_ARN}`]) {
    row(method, withValue(method, field, arn), field);
  }
}
for (const method of ['listEventTrackers', 'listDatasetGroups']) {
  for (const n of [0, 101, 1.5, -1, -0.5, 100.0001]) row(method, withValue(method, 'maxResults', n), 'maxResults');
  for (const token of [over(1501), 'é', 'token\u{1F600}', '\u00ff', 'abc\u0080']) row(method, withValue(method, 'nextToken', token), 'nextToken');
}
for (const [field, values] of [
  ['roleArn', ['', 'arn:aws:iam::12345678901:role/x', 'arn:aws:iam::123456789012:user/x', 'arn:aws:iam::123456789012:role', `${ROLE_ARN}/${over(240)}`, `${ROLE_ARN}!`]],
  ['kmsKeyArn', ['', 'arn:aws:kms:us-east-1:123:key/x', 'arn:gcp:kms:r:123456789012:key/x', 'key-id']],
  ['domain', ['', 'RETAIL', 'ecommerce', 'ECOMMERCE ', 'VIDEO-ON-DEMAND']],
]) {
  for (const value of values) row('createDatasetGroup', withValue('createDatasetGroup', field, value), field);
}
const event = (extra) => ({ ...VALID.putEvents.eventList[0], ...extra });
const E = 'eventList[0].';
for (const [path, values] of [
  ['trackingId', ['', over(257)]], ['sessionId', ['', over(257)]], ['userId', ['', over(257)]],
  [`${E}eventType`, ['', over(257)]], [`${E}eventId`, ['', over(257)]], [`${E}itemId`, ['', over(257)]],
  [`${E}recommendationId`, ['', over(41)]],
  [`${E}impression`, [[], Array.from({ length: 26 }, (_, i) => `i${i}`)]],
  [`${E}impression[0]`, ['', over(257)]],
  [`${E}properties`, [over(1025), `{"a":"${over(1020)}"}`, { a: over(1030) }, ' ', '{"a":1,}', "{'a':1}", '{"a":01}',
    // a JSON object and then more text is not a JSON object
    '{"a":1}{"b":2}', '{"a":1} trailing', '{} {}', '{"a":1}]', '{"a":1}\n,']],
  [`${E}metricAttribution.eventAttributionSource`, ['   ', ' ', '', 'tab\there', 'é', 'line\n', over(1025), '\u007f']],
]) {
  for (const value of values) row('putEvents', withValue('putEvents', path, value), path);
}
row('putEvents', withValue('putEvents', 'eventList', []), 'eventList');
row('putEvents', withValue('putEvents', 'eventList', Array.from({ length: 11 }, (_, i) => event({ eventId: `e${i}` }))), 'eventList');
row('putEvents', withValue('putEvents', 'eventList', [event({ eventId: 'a' }), event({ eventId: 'b' }), event({ eventId: 'c', sentAt: 'x' })]), 'eventList[2].sentAt');
row('putEvents', withValue('putEvents', `${E}metricAttribution`, {}), `${E}metricAttribution.eventAttributionSource`);
row('putEvents', withValue('putEvents', `${E}impression`, ['a', null]), `${E}impression[1]`);

// 3. __proto__ and constructor as member names (own properties), at every level.
for (const [method, paths] of [
  ['createEventTracker', ['', 'tags[0]']], ['describeEventTracker', ['']], ['listEventTrackers', ['']], ['deleteEventTracker', ['']],
  ['createDatasetGroup', ['', 'tags[0]']], ['describeDatasetGroup', ['']], ['listDatasetGroups', ['']], ['deleteDatasetGroup', ['']],
  ['putEvents', ['', 'eventList[0]', 'eventList[0].metricAttribution']],
]) {
  for (const path of paths) {
    for (const key of ['__proto__', 'constructor', 'prototype']) row(method, withOwnKey(method, path, key), path ? `${path}.${key}` : key);
  }
}
row('createEventTracker', JSON.parse(`{"name":"t","datasetGroupArn":"${DG_ARN}","__proto__":{"name":"x"}}`), '__proto__');
row('putEvents', { ...VALID.putEvents, eventList: [JSON.parse('{"eventType":"a","sentAt":1,"__proto__":{"eventId":"x"}}')] }, `${E}__proto__`);

// 4. Huge values (10 MB) and deep nesting: rejected at the right field, no crash.
row('createEventTracker', withValue('createEventTracker', 'name', HUGE), 'name');
row('createDatasetGroup', withValue('createDatasetGroup', 'tags[0].tagValue', HUGE), 'tags[0].tagValue');
row('putEvents', withValue('putEvents', `${E}properties`, `{"a":"${HUGE}"}`), `${E}properties`);
for (const [, input] of rows.slice(-3)) huge.add(input);
let deep = 1;
for (let i = 0; i < 10_000; i++) deep = { a: deep };
row('putEvents', withValue('putEvents', `${E}properties`, deep), `${E}properties`);
row('putEvents', withValue('putEvents', `${E}properties`, `${'{"a":'.repeat(10_000)}1${'}'.repeat(10_000)}`), `${E}properties`);
let deepList = [];
for (let i = 0; i < 10_000; i++) deepList = [deepList];
row('createEventTracker', withValue('createEventTracker', 'tags', deepList), 'tags[0]');
row('listDatasetGroups', { ...VALID.listDatasetGroups, extra: deepList }, 'extra');

// 5. Unknown members (a misspelt member is a bug, not something to drop silently).
row('createEventTracker', { ...VALID.createEventTracker, Name: 'x' }, 'Name');
row('putEvents', { ...VALID.putEvents, eventlist: [] }, 'eventlist');
row('listEventTrackers', { ...VALID.listEventTrackers, maxresults: 5 }, 'maxresults');

// 6. Input that is not an object at all: the error names `input`.
for (const method of Object.keys(VALID)) {
  for (const input of [null, 'a string', [], [VALID.describeEventTracker], 5, true, () => ({}), 1n, Symbol('s')]) row(method, input, 'input');
  if (!method.startsWith('list')) row(method, undefined, 'input'); // list* take undefined as {}
}

const TIMEOUT_MS = 5000;
function withTimeout(promise, what) {
  let timer;
  return Promise.race([promise, new Promise((_, reject) => { timer = setTimeout(() => reject(new Error(`${what}: no answer within ${TIMEOUT_MS} ms`)), TIMEOUT_MS); })])
    .finally(() => clearTimeout(timer));
}

/** Runs the rows; returns a list of failures (strings). Nothing may be sent. */
async function runRows(table, { personalize, events }) {
  const failures = [];
  for (const [i, [method, input, field]] of table.entries()) {
    const c = method === 'putEvents' ? events : personalize;
    const what = `row ${i} ${method} (${field})`;
    let err;
    try {
      await withTimeout(c[method](input), what);
    } catch (e) {
      err = e;
    }
    if (!err) {
      failures.push(`${what}: accepted (and sent)`);
      continue;
    }
    const fields = [...new Set(err.errors?.map((e) => e.field) ?? [])];
    if (err.name !== 'ValidationError' || fields.length !== 1 || fields[0] !== field) {
      failures.push(`${what}: ${err.name} ${JSON.stringify(err.errors ?? err.message).slice(0, 300)}`);
      continue;
    }
    // The exported validate() agrees with what the client threw.
    if (huge.has(input)) continue;
    const direct = await validate(OPERATION[method], input).catch((e) => e.errors);
    const directFields = [...new Set(direct.map((e) => e.field))];
    if (directFields.length !== 1 || directFields[0] !== field) failures.push(`${what}: validate() says ${JSON.stringify(direct).slice(0, 300)}`);
  }
  return failures;
}

test('bad input: every row is a ValidationError naming its field; nothing is sent; no crash', async (t) => {
  const emu = await startTestEmulator({ demo: false });
  t.after(() => emu.close());
  const clients = { personalize: client(emu.url, { maxAttempts: 1 }), events: eventsClient(emu.url, { maxAttempts: 1 }) };

  // The valid inputs really are valid, so each row fails only for what it changes.
  for (const [method, input] of Object.entries(VALID)) assert.deepEqual(await validate(OPERATION[method], input), [], method);
  assert.ok(rows.length >= 60, `${rows.length} rows`);

  const heapBefore = wasmInstance().exports.pw_heap_in_use();
  // Stats are read in-process: 10 MB rows keep the event loop busy for a while, and an HTTP admin
  // call on a kept-alive connection could then race the server closing it as idle.
  const before = emu.emu.stats().total;
  const failures = await runRows(rows, clients);
  assert.deepEqual(failures, [], `${failures.length} of ${rows.length} rows failed`);
  assert.equal(emu.emu.stats().total, before, 'no bad input reached the endpoint');
  assert.equal(({}).polluted, undefined, 'no prototype pollution');
  assert.equal(wasmInstance().exports.pw_heap_in_use(), heapBefore, 'every WASM allocation was freed');

  // The clients still work.
  const out = await clients.personalize.listDatasetGroups({});
  assert.equal(out.$metadata.httpStatusCode, 200);
  assert.equal(emu.emu.stats().total, before + 1);
});

