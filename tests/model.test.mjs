// wasm/model.json against the AWS service models it comes from (Debian python3-botocore's
// service-2.json files): every service fact, operation, shape, member, constraint and error in it
// is botocore's, except exactly the listed additions, each of which must still be a difference.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadModel, applyAdditions, MODEL_URL } from '../wasm/model.mjs';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const BOTOCORE = '/usr/lib/python3/dist-packages/botocore/data';
const raw = JSON.parse(readFileSync(MODEL_URL, 'utf8'));
const model = loadModel();

function botocoreOf(service) {
  const file = `${BOTOCORE}/${raw.services[service].botocore}/service-2.json`;
  assert.ok(existsSync(file), `${file} is missing: install python3-botocore (./build.sh deps)`);
  return JSON.parse(readFileSync(file, 'utf8'));
}
const botocore = Object.fromEntries(Object.keys(raw.services).map((s) => [s, botocoreOf(s)]));

// The services whose operations reach each shape of model.json (its facts must hold in each).
const reachedBy = new Map();
for (const op of Object.values(raw.operations)) {
  const walk = (name) => {
    const set = reachedBy.get(name) ?? new Set();
    if (set.has(op.service)) return;
    set.add(op.service);
    reachedBy.set(name, set);
    const s = raw.shapes[name];
    if (!s) return;
    if (s.member) walk(s.member);
    for (const m of Object.values(s.members ?? {})) walk(m);
  };
  for (const s of [op.input, op.output, ...op.errors]) if (s) walk(s);
}

// The constraint traits compared both ways: model.json may neither add nor drop one.
const CONSTRAINTS = ['type', 'min', 'max', 'pattern', 'enum', 'sensitive', 'exception', 'timestampFormat'];
const BOTOCORE_TRAITS = new Set(CONSTRAINTS);

test('every service of the model has botocore\'s endpoint prefix, signing name, protocol, target prefix and content type', () => {
  for (const [name, svc] of Object.entries(raw.services)) {
    const m = botocore[name].metadata;
    assert.equal(svc.endpointPrefix, m.endpointPrefix, `${name}.endpointPrefix`);
    assert.equal(svc.signingName, m.signingName, `${name}.signingName`);
    assert.equal(svc.protocol, { json: 'awsJson1_1', 'rest-json': 'restJson1' }[m.protocol], `${name}.protocol (${m.protocol})`);
    assert.equal(svc.targetPrefix, m.targetPrefix, `${name}.targetPrefix`);
    assert.equal(svc.contentType, m.protocol === 'json' ? `application/x-amz-json-${m.jsonVersion}` : 'application/json', `${name}.contentType`);
    assert.ok(raw.services[name].botocore.endsWith(`/${m.apiVersion}`), `${name}: the botocore path names API version ${m.apiVersion}`);
  }
});

test('the model holds exactly the operations we support, each with botocore\'s http, input, output, errors and idempotency', () => {
  assert.deepEqual(Object.keys(raw.operations).sort(), ['CreateDatasetGroup', 'CreateEventTracker', 'DeleteDatasetGroup',
    'DeleteEventTracker', 'DescribeDatasetGroup', 'DescribeEventTracker', 'ListDatasetGroups', 'ListEventTrackers',
    'ListTagsForResource', 'PutEvents', 'TagResource', 'UntagResource']);
  for (const [name, op] of Object.entries(raw.operations)) {
    const b = botocore[op.service]?.operations[name];
    assert.ok(b, `${name} is not an operation of ${op.service} in botocore`);
    assert.deepEqual(op.http, { method: b.http.method, path: b.http.requestUri }, `${name}.http`);
    assert.equal(op.input, b.input?.shape ?? null, `${name}.input`);
    assert.equal(op.output, b.output?.shape ?? null, `${name}.output`);
    assert.deepEqual(op.errors, (b.errors ?? []).map((e) => e.shape), `${name}.errors`);
    assert.equal(op.idempotent ?? false, b.idempotent ?? false, `${name}.idempotent`);
    assert.deepEqual(Object.keys(op).filter((k) => !['service', 'http', 'input', 'output', 'errors', 'idempotent'].includes(k)), [],
      `${name}: facts botocore has no place for`);
  }
});

test('every shape, member and constraint of the model is botocore\'s, and none of botocore\'s constraints is dropped', () => {
  for (const [name, shape] of Object.entries(raw.shapes)) {
    const services = reachedBy.get(name);
    assert.ok(services, `${name} is reached by no operation of the model`);
    for (const service of services) {
      const b = botocore[service].shapes[name];
      const where = `${name} (${service})`;
      assert.ok(b, `${where} is not in botocore`);
      for (const t of CONSTRAINTS) assert.deepEqual(shape[t], b[t], `${where}.${t}`);
      assert.deepEqual(Object.keys(shape).filter((k) => !CONSTRAINTS.includes(k) && !['members', 'member', 'required'].includes(k)), [],
        `${where}: traits botocore has not`);
      if (b.type === 'list') assert.equal(shape.member, b.member.shape, `${where}.member`);
      else assert.equal(shape.member, undefined, `${where}.member`);
      if (b.type !== 'structure') {
        assert.equal(shape.members, undefined, `${where}.members`);
        continue;
      }
      for (const [m, target] of Object.entries(shape.members)) {
        assert.ok(b.members[m], `${where}.${m}: botocore has no such member`);
        assert.equal(target, b.members[m].shape, `${where}.${m}: member shape`);
      }
      assert.deepEqual(Object.keys(shape.members).sort(), Object.keys(b.members).sort(), `${where}: members`);
      assert.deepEqual([...(shape.required ?? [])].sort(), [...(b.required ?? [])].sort(), `${where}.required`);
    }
  }
});

test('every shape an operation reaches is in the model', () => {
  for (const name of reachedBy.keys()) assert.ok(raw.shapes[name], `${name} is reached but missing`);
});

// The differential test proves the bodies byte for byte; this says the rule the order follows.
test('structure members are in the AWS SDK v3 serialization order: required ones first, each group in botocore\'s order', () => {
  for (const [name, shape] of Object.entries(raw.shapes)) {
    if (!shape.members) continue;
    const b = botocore[[...reachedBy.get(name)][0]].shapes[name];
    const all = Object.keys(b.members);
    const required = b.required ?? [];
    assert.deepEqual(Object.keys(shape.members), [...all.filter((m) => required.includes(m)), ...all.filter((m) => !required.includes(m))], name);
  }
});

test('every addition says why and is still a difference from botocore (a trait botocore gained belongs in shapes)', () => {
  assert.ok(raw.additions.length > 0);
  for (const a of raw.additions) {
    const where = `addition ${a.shape}.${a.trait}`;
    assert.ok(typeof a.why === 'string' && a.why.length > 10, `${where}: why`);
    assert.ok(raw.shapes[a.shape], `${where}: no such shape`);
    assert.ok(!(a.trait in raw.shapes[a.shape]), `${where}: shapes has the trait already`);
    if (BOTOCORE_TRAITS.has(a.trait)) {
      for (const service of reachedBy.get(a.shape)) {
        assert.notDeepEqual(botocore[service].shapes[a.shape][a.trait], a.value, `${where}: botocore (${service}) has it now; move it into shapes`);
      }
    } else {
      for (const service of reachedBy.get(a.shape)) {
        assert.equal(botocore[service].shapes[a.shape][a.trait], undefined, `${where}: botocore has a trait of this name`);
      }
    }
    if (a.trait === 'clientRequired') {
      for (const m of a.value) assert.ok(raw.shapes[a.shape].members[m], `${where}: ${m} is no member`);
    }
  }
});

test('the additions are the issue\'s: tag keys and values sensitive, the ASCII pattern on nextToken, and the client rules', () => {
  const has = (shape, trait, value) => raw.additions.some((a) => a.shape === shape && a.trait === trait && JSON.stringify(a.value) === JSON.stringify(value));
  assert.ok(has('TagKey', 'sensitive', true));
  assert.ok(has('TagValue', 'sensitive', true));
  assert.ok(has('NextToken', 'pattern', '\\p{ASCII}{0,1500}'));
  assert.ok(has('TagKey', 'clientRule', 'noAwsPrefix'));
  assert.ok(has('EventPropertiesJSON', 'clientRule', 'jsonObjectOrString'));
  assert.ok(has('Tags', 'clientRule', 'uniqueTagKeys'));
});

test('loadModel applies the additions on top of the shapes, and refuses a misspelt or conflicting one', () => {
  assert.equal(model.shapes.TagKey.sensitive, true);
  assert.equal(model.shapes.TagKey.clientRule, 'noAwsPrefix');
  assert.equal(model.shapes.NextToken.pattern, '\\p{ASCII}{0,1500}');
  assert.deepEqual(model.shapes.CreateEventTrackerResponse.clientRequired, ['eventTrackerArn', 'trackingId']);
  assert.equal(raw.shapes.TagKey.sensitive, undefined, 'model.json\'s shapes stay botocore\'s');
  assert.notEqual(loadModel().shapes, loadModel().shapes, 'a fresh copy each time');
  const withAddition = (a) => () => applyAdditions({ ...raw, additions: [...raw.additions, a] });
  assert.throws(withAddition({ shape: 'TagKey', trait: 'sensitve', value: true, why: 'a typo' }), /sensitve/);
  assert.throws(withAddition({ shape: 'NoSuchShape', trait: 'sensitive', value: true, why: 'no shape' }), /NoSuchShape/);
  assert.throws(withAddition({ shape: 'TagKey', trait: 'clientRule', value: 'uniqueTagKeys', why: 'twice' }), /two additions/);
  assert.throws(withAddition({ shape: 'Name', trait: 'clientRule', value: 'noSuchRule', why: 'unknown' }), /noSuchRule/);
});

test('model.json is what wasm/gen/gen_model_json.mjs makes from botocore (reproducible)', () => {
  execFileSync(process.execPath, [join(ROOT, 'wasm/gen/gen_model_json.mjs'), '--check', BOTOCORE], { stdio: 'pipe' });
});

test('the C table generator refuses a pattern no hand-written checker implements, naming it', () => {
  const dir = mkdtempSync(join(tmpdir(), 'pw-model-'));
  try {
    const file = join(dir, 'model.json');
    const changed = structuredClone(raw);
    changed.shapes.Name.pattern = '^[a-z]+$';
    writeFileSync(file, JSON.stringify(changed));
    const r = spawnSync(process.execPath, [join(ROOT, 'wasm/gen/gen_model.mjs'), file], { encoding: 'utf8' });
    assert.notEqual(r.status, 0);
    assert.match(r.stderr, /shape Name: pattern \^\[a-z\]\+\$ has no checker/);
    assert.equal(r.stdout, '', 'nothing half-written');
    const ok = spawnSync(process.execPath, [join(ROOT, 'wasm/gen/gen_model.mjs')], { encoding: 'utf8' });
    assert.equal(ok.status, 0, ok.stderr);
    assert.match(ok.stdout, /\.name = "TagResource"/);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
