// The module's JSON reader (wasm/json.c) against JavaScript's JSON.parse, through response bodies:
// a 2xx body is accepted exactly when JSON.parse reads it as an object, but for the reader's two
// listed refusals (a \u escape of a lone surrogate, nesting past 1,000 levels). A body the module
// accepted and JSON.parse then refused would fail in the glue with "not valid JSON".
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseResponse } from '../../web/lib/personalize.mjs';
import { mulberry32 } from '../local-endpoint/runtime/prng.mjs';

const SEEDS = [
  '{"eventTrackers":[{"name":"n","eventTrackerArn":"arn:aws:personalize:us-east-1:1:event-tracker/x","status":"ACTIVE","creationDateTime":1.7e9}],"nextToken":"t"}',
  '{"a":[1,-2.5e-3,true,false,null,"x\\u00e9\\ud83d\\ude00\\n\\"\\\\\\/"],"b":{"c":{}},"d":[]}',
  ' {\t"k" :\r\n"v" } ',
];
// JSON's tokens and what breaks them: the mutations are drawn from these.
const PIECES = ['{', '}', '[', ']', ',', ':', '"', '\\', 'u', 'd83d', 'dc00', '0', '1', '-', '.', 'e', '+', ' ', '\t', '\n', '\u0001',
  '\u0000', 'true', 'null', 'x', '\ufeff', '\\u', '\\ud800', 'é'];

function mutate(text, random) {
  let s = text;
  for (let n = 1 + Math.floor(random() * 3); n > 0; n--) {
    const at = Math.floor(random() * (s.length + 1));
    const piece = PIECES[Math.floor(random() * PIECES.length)];
    const kind = random();
    if (kind < 0.4) s = s.slice(0, at) + piece + s.slice(at);
    else if (kind < 0.7) s = s.slice(0, at) + s.slice(at + 1);
    else s = s.slice(0, at) + piece + s.slice(at + piece.length);
  }
  return s;
}

/** What the reader should do with text: JSON.parse's answer, less its two refusals. */
function expected(text) {
  const json = text.startsWith('\ufeff') ? text.slice(1) : text;
  let value;
  try {
    value = JSON.parse(json);
  } catch {
    return false;
  }
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return false;
  // A lone surrogate escape (not one half of a pair): the reader refuses it, as cJSON did.
  if (/(?<!\\)(?:\\\\)*\\u(?:d[89ab][0-9a-f]{2}(?!\\ud[c-f][0-9a-f]{2})|d[c-f][0-9a-f]{2})/i.test(json.replace(/\\ud[89ab][0-9a-f]{2}\\ud[c-f][0-9a-f]{2}/gi, 'P'))) return 'refused';
  return true;
}

async function accepted(text) {
  try {
    await parseResponse('ListEventTrackers', { status: 200, body: new TextEncoder().encode(text) });
    return true;
  } catch (err) {
    assert.equal(err.name, 'DeserializationError');
    assert.notEqual(err.message, 'The response body is not valid JSON', `the module accepted what JSON.parse refuses: ${JSON.stringify(text)}`);
    return false;
  }
}

test('a response body is read exactly when JSON.parse reads it as an object (3,000 mutated bodies)', async () => {
  const random = mulberry32(20261201);
  let agreed = 0;
  for (let i = 0; i < 3000; i++) {
    const text = mutate(SEEDS[i % SEEDS.length], random);
    const want = expected(text);
    const got = await accepted(text);
    if (want === 'refused') assert.equal(got, false, `a lone surrogate escape was read: ${JSON.stringify(text)}`);
    else assert.equal(got, want, `JSON.parse ${want ? 'reads' : 'refuses'} ${JSON.stringify(text)}`);
    agreed += want === true ? 1 : 0;
  }
  assert.ok(agreed > 300, `only ${agreed} of the mutated bodies were valid: the test would prove little`);
});

test('nesting: 1,000 levels are read, 1,001 are not', async () => {
  const nested = (n) => `{"a":${'['.repeat(n - 1)}${']'.repeat(n - 1)}}`;
  assert.equal(await accepted(nested(1000)), true);
  assert.equal(await accepted(nested(1001)), false);
});
