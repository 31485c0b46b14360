// The AWS SigV4 conformance suite (header signing), through the glue and the real .wasm.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { signRequest } from '../../web/lib/personalize.mjs';
import { loadSuite } from './sigv4-suite.mjs';

const cases = loadSuite();

test('the suite has header-signing cases to run', () => {
  assert.ok(cases.length >= 30, `found only ${cases.length} cases`);
});

for (const c of cases) {
  test(`SigV4 suite: ${c.name} signs exactly as expected`, async () => {
    const { context } = c;
    const out = await signRequest(c.request, {
      credentials: {
        accessKeyId: context.credentials.access_key_id,
        secretAccessKey: context.credentials.secret_access_key,
        sessionToken: context.credentials.token,
      },
      region: context.region,
      service: context.service,
      date: new Date(context.timestamp),
      signBody: !!context.sign_body,
      omitSessionToken: !!context.omit_session_token,
      normalizePath: context.normalize !== false,
    });
    assert.equal(out.canonicalRequest, c.canonicalRequest);
    assert.equal(out.stringToSign, c.stringToSign);
    assert.equal(out.signature, c.signature);
    assert.equal(out.authorization, c.authorization);
    const sent = Object.fromEntries(out.headers.map(([n, v]) => [n.toLowerCase(), v]));
    assert.equal(sent.authorization, c.authorization);
    if (context.credentials.token) assert.equal(sent['x-amz-security-token'], context.credentials.token);
  });
}
