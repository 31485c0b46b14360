// The local endpoint's shapes, routes and body limits come from wasm/model.json (loadModel()), not
// from a copy of its own: what the model says, the endpoint enforces.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { loadModel } from '../../wasm/model.mjs';
import { startLocalEndpoint, BODY_LIMITS } from './runtime/server.mjs';
import { call, ok, assertError } from './wire.mjs';

const model = loadModel();

test('a kmsKeyArn longer than the model\'s 2048 characters is InvalidInputException (it was accepted at 2,139)', async (t) => {
  const endpoint = await startLocalEndpoint({ stepMs: 0, log: () => {} });
  t.after(() => endpoint.close());
  assert.equal(model.shapes.KmsKeyArn.max, 2048);
  const arn = (n) => { const head = 'arn:aws:kms:us-east-1:123456789012:key/'; return head + 'k'.repeat(n - head.length); };
  ok(await call(endpoint, 'CreateDatasetGroup', { name: 'kms-2048', kmsKeyArn: arn(2048) }));
  const m = assertError(await call(endpoint, 'CreateDatasetGroup', { name: 'kms-2139', kmsKeyArn: arn(2139) }), 'InvalidInputException');
  assert.match(m, /^1 validation error detected: Value 'arn:aws:kms:[^']*' at 'kmsKeyArn' failed to satisfy constraint: Member must have length less than or equal to 2048$/);
});

test('every model operation has a route and a body limit; nothing else does', async (t) => {
  assert.deepEqual(Object.keys(BODY_LIMITS).sort(), Object.keys(model.operations).sort());
  const endpoint = await startLocalEndpoint({ stepMs: 0, log: () => {} });
  t.after(() => endpoint.close());
  for (const [op, o] of Object.entries(model.operations)) {
    if (model.services[o.service].protocol !== 'awsJson1_1') continue;
    const input = Object.fromEntries((model.shapes[o.input].required ?? []).map((m) => [m, m === 'tags' ? [] : m === 'tagKeys' ? [] : 'x']));
    const r = await call(endpoint, op, input);
    assert.notEqual(r.json?.__type, 'UnknownOperationException', `${op} is routed`);
  }
  assertError(await call(endpoint, 'CreateSolution', {}), 'UnknownOperationException');
});

test('validation follows a changed model: the NextToken pattern is the additions\' ASCII rule', async (t) => {
  const endpoint = await startLocalEndpoint({ stepMs: 0, log: () => {} });
  t.after(() => endpoint.close());
  assert.equal(model.shapes.NextToken.pattern, '\\p{ASCII}{0,1500}');
  const m = assertError(await call(endpoint, 'ListDatasetGroups', { nextToken: 'é' }), 'InvalidInputException');
  assert.match(m, /at 'nextToken' failed to satisfy constraint: Member must satisfy regular expression pattern: \\p\{ASCII\}\{0,1500\}/);
});
