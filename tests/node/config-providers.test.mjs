// The AWS credential chain in Node.js: each source AWS's providers offer (assume-role, web identity,
// SSO, credential_process, container, instance metadata) against stub servers on 127.0.0.1 reached
// through its documented endpoint override, and what happens without the providers installed.
// Each case runs in a child process with a scrubbed environment (no AWS_* from ours, a temporary
// HOME, AWS_EC2_METADATA_DISABLED=true unless the case stubs IMDS) and a guard that makes any
// connection outside 127.0.0.0/8 fail loudly. The child calls ListDatasetGroups against a recording
// stub; the test checks the stub's SigV4 signature with the credentials the provider stub handed out.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { createHash, createHmac } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const GLUE_URL = pathToFileURL(join(ROOT, 'web', 'lib', 'personalize.mjs')).href;
const SOURCE = { accessKeyId: 'AKIASOURCEPROFILE001', secretAccessKey: 'source/secret/0000000000000000000000000' };
const EXPIRES = '2099-01-01T00:00:00Z';
const NON_LOOPBACK = 'NON-LOOPBACK CONNECTION ATTEMPT';
const PROVIDERS = '@aws-sdk/credential-providers';
const PROVIDER_NODE = '@aws-sdk/credential-provider-node';
const BOTH = [PROVIDERS, PROVIDER_NODE];

let dir;
let service; // the Personalize stub every child signs its call to

/** Distinct temporary credentials per source, so a signature proves which provider supplied them. */
function stubbed(tag) {
  return { accessKeyId: `ASIA${tag.toUpperCase().padEnd(16, '0')}`, secretAccessKey: `${tag}/secret/${'0'.repeat(30)}`, sessionToken: `${tag}-session-token` };
}

/** An HTTP server on 127.0.0.1 that records each request and answers with handler(req, body). */
async function stubServer(handler) {
  const calls = [];
  const server = createServer((req, res) => {
    let body = '';
    req.setEncoding('utf8');
    req.on('data', (d) => { body += d; });
    req.on('end', () => {
      const call = { method: req.method, url: req.url, headers: req.headers, body };
      calls.push(call);
      const { status = 200, type = 'application/json', text = '' } = handler(call) ?? { status: 404 };
      res.writeHead(status, { 'content-type': type, 'x-amzn-requestid': '00000000-0000-4000-8000-000000000000' });
      res.end(text);
    });
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${server.address().port}`;
  return { url, calls, close: () => new Promise((resolve) => server.close(resolve)) };
}

/** Recomputes the SigV4 signature of a recorded call with `credentials`; true when it matches. */
function signedWith(call, credentials) {
  const auth = /^AWS4-HMAC-SHA256 Credential=([^/]+)\/(\d{8})\/([^/]+)\/([^/]+)\/aws4_request, SignedHeaders=([^,]+), Signature=([0-9a-f]{64})$/.exec(call.headers.authorization ?? '');
  if (!auth) return false;
  const [, keyId, day, region, serviceName, signedHeaders, signature] = auth;
  if (keyId !== credentials.accessKeyId) return false;
  if (credentials.sessionToken !== undefined && call.headers['x-amz-security-token'] !== credentials.sessionToken) return false;
  const sha256 = (text) => createHash('sha256').update(text, 'utf8').digest('hex');
  const hmac = (key, text) => createHmac('sha256', key).update(text, 'utf8').digest();
  const [path, query = ''] = call.url.split('?');
  const headers = signedHeaders.split(';').map((name) => `${name}:${String(call.headers[name]).trim().replace(/\s+/g, ' ')}\n`).join('');
  const canonical = [call.method, path, query, headers, signedHeaders, sha256(call.body)].join('\n');
  const scope = `${day}/${region}/${serviceName}/aws4_request`;
  const toSign = ['AWS4-HMAC-SHA256', call.headers['x-amz-date'], scope, sha256(canonical)].join('\n');
  const key = [day, region, serviceName, 'aws4_request'].reduce(hmac, `AWS4${credentials.secretAccessKey}`);
  return createHmac('sha256', key).update(toSign, 'utf8').digest('hex') === signature;
}

/** A fresh HOME with .aws/config and .aws/credentials. */
function makeHome(name, { config = '', credentials = '' } = {}) {
  const home = join(dir, name);
  mkdirSync(join(home, '.aws'), { recursive: true });
  writeFileSync(join(home, '.aws', 'config'), config);
  writeFileSync(join(home, '.aws', 'credentials'), credentials);
  return home;
}

/**
 * Runs the child with only PATH, HOME and `env` (no AWS_* of ours); resolves to the JSON it printed
 * per case (client options) plus its stderr. Packages in `block` look uninstalled to the client.
 */
function runChild(home, env, cases = [{}], { block = [], imds = false, guardMayFire = false } = {}) {
  const args = ['--import', pathToFileURL(join(dir, 'guard.mjs')).href];
  if (block.length) args.push('--import', pathToFileURL(join(dir, 'block.mjs')).href);
  args.push(join(dir, 'child.mjs'));
  const childEnv = {
    PATH: process.env.PATH, HOME: home, AWS_REGION: 'us-east-1', AWS_ENDPOINT_URL_PERSONALIZE: service.url,
    ...(imds ? {} : { AWS_EC2_METADATA_DISABLED: 'true' }), PW_CASES: JSON.stringify(cases), PW_BLOCK: block.join(','), ...env,
  };
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, args, { env: childEnv, cwd: home, stdio: ['ignore', 'pipe', 'pipe'] });
    const timer = setTimeout(() => child.kill('SIGKILL'), 30_000);
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => { stdout += d; });
    child.stderr.on('data', (d) => { stderr += d; });
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(timer);
      if (!guardMayFire) assert.doesNotMatch(stderr, new RegExp(NON_LOOPBACK), 'every connection stays on the loopback interface');
      assert.equal(code, 0, `child exited ${code}: ${stderr}`);
      resolve({ results: JSON.parse(stdout), stderr });
    });
  });
}

/** The service stub's calls signed with `credentials`, checked; returns how many there were. */
function signedCalls(credentials) {
  const mine = service.calls.filter((c) => c.headers.authorization?.includes(`Credential=${credentials.accessKeyId}/`));
  for (const call of mine) {
    assert.ok(signedWith(call, credentials), `the call is signed with the secret that went with ${credentials.accessKeyId}`);
    assert.ok(!signedWith(call, { ...credentials, secretAccessKey: `${credentials.secretAccessKey}x` }), 'the check can fail');
  }
  return mine.length;
}

before(async () => {
  dir = mkdtempSync(join(tmpdir(), 'pw-credentials-'));
  service = await stubServer((call) => (call.headers['x-amz-target'] === 'AmazonPersonalize.ListDatasetGroups'
    ? { type: 'application/x-amz-json-1.1', text: '{"datasetGroups":[]}' } : { status: 400, text: '{}' }));
  // One client per case; prints what each call did (never a secret: errors only).
  writeFileSync(join(dir, 'child.mjs'), `
    import { PersonalizeClient } from ${JSON.stringify(GLUE_URL)};
    const results = [];
    for (const options of JSON.parse(process.env.PW_CASES)) {
      const client = new PersonalizeClient({ maxAttempts: 1, ...options });
      try {
        await client.listDatasetGroups({});
        results.push({ ok: true, region: client.config.region, accessKeyId: client.lastRequest.headers.find(([n]) => n.toLowerCase() === 'authorization')[1].split(/[=/]/)[1] });
      } catch (err) {
        results.push({ ok: false, name: err.name, message: err.message });
      }
    }
    process.stdout.write(JSON.stringify(results));
  `);
  // Any connection outside 127.0.0.0/8 (169.254.169.254, a real AWS endpoint) fails and says so.
  writeFileSync(join(dir, 'guard.mjs'), `
    import net from 'node:net';
    const connect = net.Socket.prototype.connect;
    net.Socket.prototype.connect = function (...args) {
      const options = Array.isArray(args[0]) ? args[0][0] : typeof args[0] === 'object' ? args[0] : { port: args[0], host: args[1] };
      const host = options?.path ? '127.0.0.1' : String(options?.host ?? 'localhost');
      if (!/^(127\\.\\d+\\.\\d+\\.\\d+|localhost|::1|\\[::1\\])$/.test(host)) {
        process.stderr.write(${JSON.stringify(NON_LOOPBACK)} + ': ' + host + '\\n');
        throw new Error('blocked: ' + host);
      }
      return connect.apply(this, args);
    };
  `);
  // As if packages were not installed: web/node/config.mjs's imports of the names in PW_BLOCK fail
  // (only its own: @aws-sdk/credential-providers itself imports @aws-sdk/credential-provider-node).
  writeFileSync(join(dir, 'block-hooks.mjs'), `
    let blocked = [];
    export function initialize(data) { blocked = data.blocked; }
    export async function resolve(specifier, context, next) {
      if (blocked.includes(specifier) && context.parentURL?.endsWith('/web/node/config.mjs')) {
        throw Object.assign(new Error("Cannot find package '" + specifier + "' imported from " + context.parentURL), { code: 'ERR_MODULE_NOT_FOUND' });
      }
      return next(specifier, context);
    }
  `);
  writeFileSync(join(dir, 'block.mjs'), `
    import { register } from 'node:module';
    register(${JSON.stringify(pathToFileURL(join(dir, 'block-hooks.mjs')).href)}, { data: { blocked: process.env.PW_BLOCK.split(',') } });
  `);
});

after(async () => {
  await service?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

const STS_XML = (action, c) => `<${action}Response xmlns="https://sts.amazonaws.com/doc/2011-06-15/"><${action}Result>`
  + `<Credentials><AccessKeyId>${c.accessKeyId}</AccessKeyId><SecretAccessKey>${c.secretAccessKey}</SecretAccessKey>`
  + `<SessionToken>${c.sessionToken}</SessionToken><Expiration>${EXPIRES}</Expiration></Credentials>`
  + '<AssumedRoleUser><Arn>arn:aws:sts::123456789012:assumed-role/stub/session</Arn><AssumedRoleId>AROASTUB:session</AssumedRoleId></AssumedRoleUser>'
  + `</${action}Result><ResponseMetadata><RequestId>00000000-0000-4000-8000-000000000000</RequestId></ResponseMetadata></${action}Response>`;

/** An STS stub answering AssumeRole and AssumeRoleWithWebIdentity with `credentials`. */
function stsStub(credentials) {
  return stubServer((call) => {
    const action = new URLSearchParams(call.body).get('Action');
    if (action !== 'AssumeRole' && action !== 'AssumeRoleWithWebIdentity') return { status: 400, text: '' };
    return { type: 'text/xml', text: STS_XML(action, credentials) };
  });
}

test('assume-role with source_profile: STS (AWS_ENDPOINT_URL_STS) is called signed with the source keys, the client signs with the role', async (t) => {
  const role = stubbed('assumed');
  const sts = await stsStub(role);
  t.after(sts.close);
  const home = makeHome('assume-role', {
    config: '[profile role]\nrole_arn = arn:aws:iam::123456789012:role/stub\nsource_profile = source\nrole_session_name = pw-test\nregion = us-east-1\n',
    credentials: `[source]\naws_access_key_id = ${SOURCE.accessKeyId}\naws_secret_access_key = ${SOURCE.secretAccessKey}\n`,
  });
  const { results } = await runChild(home, { AWS_PROFILE: 'role', AWS_ENDPOINT_URL_STS: sts.url });
  assert.deepEqual(results, [{ ok: true, region: 'us-east-1', accessKeyId: role.accessKeyId }]);
  assert.equal(sts.calls.length, 1);
  const params = new URLSearchParams(sts.calls[0].body);
  assert.deepEqual([params.get('Action'), params.get('RoleArn'), params.get('RoleSessionName')], ['AssumeRole', 'arn:aws:iam::123456789012:role/stub', 'pw-test']);
  assert.ok(signedWith(sts.calls[0], SOURCE), 'STS is called with the source profile keys');
  assert.equal(signedCalls(role), 1);
});

test('web identity (AWS_WEB_IDENTITY_TOKEN_FILE + AWS_ROLE_ARN, or a profile): STS gets the token, the client signs with the role', async (t) => {
  const role = stubbed('webidentity');
  const sts = await stsStub(role);
  t.after(sts.close);
  const home = makeHome('web-identity');
  const tokenFile = join(home, 'token.jwt');
  writeFileSync(tokenFile, 'eyJ.stub-web-identity-token.sig');
  const { results } = await runChild(home, {
    AWS_WEB_IDENTITY_TOKEN_FILE: tokenFile, AWS_ROLE_ARN: 'arn:aws:iam::123456789012:role/web', AWS_ROLE_SESSION_NAME: 'pw-web', AWS_ENDPOINT_URL_STS: sts.url,
  });
  assert.deepEqual(results, [{ ok: true, region: 'us-east-1', accessKeyId: role.accessKeyId }]);
  assert.equal(sts.calls.length, 1);
  const params = new URLSearchParams(sts.calls[0].body);
  assert.deepEqual([params.get('Action'), params.get('WebIdentityToken'), params.get('RoleArn'), params.get('RoleSessionName')],
    ['AssumeRoleWithWebIdentity', 'eyJ.stub-web-identity-token.sig', 'arn:aws:iam::123456789012:role/web', 'pw-web']);
  assert.equal(signedCalls(role), 1);

  // The same from a profile's web_identity_token_file and role_arn.
  writeFileSync(join(home, '.aws', 'config'), `[profile web]\nweb_identity_token_file = ${tokenFile}\nrole_arn = arn:aws:iam::123456789012:role/web2\n`);
  const fromProfile = await runChild(home, { AWS_ENDPOINT_URL_STS: sts.url }, [{ profile: 'web' }]);
  assert.deepEqual(fromProfile.results, [{ ok: true, region: 'us-east-1', accessKeyId: role.accessKeyId }]);
  assert.equal(sts.calls.length, 2);
  assert.equal(new URLSearchParams(sts.calls[1].body).get('RoleArn'), 'arn:aws:iam::123456789012:role/web2');
  assert.equal(signedCalls(role), 2);
});

test('SSO (an sso-session profile): GetRoleCredentials (AWS_ENDPOINT_URL_SSO) gets the cached token, the client signs with the role', async (t) => {
  const role = stubbed('sso');
  const sso = await stubServer((call) => (call.url.startsWith('/federation/credentials?')
    ? { text: JSON.stringify({ roleCredentials: { ...role, expiration: Date.parse(EXPIRES) } }) } : { status: 404 }));
  t.after(sso.close);
  const home = makeHome('sso', {
    config: '[profile sso]\nsso_session = corp\nsso_account_id = 123456789012\nsso_role_name = Reader\nregion = us-east-1\n'
      + '[sso-session corp]\nsso_start_url = http://127.0.0.1:9/start\nsso_region = us-east-1\nsso_registration_scopes = sso:account:access\n',
  });
  mkdirSync(join(home, '.aws', 'sso', 'cache'), { recursive: true });
  const cacheName = `${createHash('sha1').update('corp').digest('hex')}.json`;
  writeFileSync(join(home, '.aws', 'sso', 'cache', cacheName), JSON.stringify({
    startUrl: 'http://127.0.0.1:9/start', region: 'us-east-1', accessToken: 'stub-sso-access-token', expiresAt: EXPIRES,
  }));
  const { results } = await runChild(home, { AWS_ENDPOINT_URL_SSO: sso.url }, [{ profile: 'sso' }]);
  assert.deepEqual(results, [{ ok: true, region: 'us-east-1', accessKeyId: role.accessKeyId }]);
  assert.equal(sso.calls.length, 1);
  const url = new URL(sso.calls[0].url, sso.url);
  assert.deepEqual([url.searchParams.get('account_id'), url.searchParams.get('role_name')], ['123456789012', 'Reader']);
  assert.equal(sso.calls[0].headers['x-amz-sso_bearer_token'], 'stub-sso-access-token');
  assert.equal(signedCalls(role), 1);
});

test('credential_process: the command runs and its keys sign the call', async () => {
  const keys = stubbed('process');
  const home = makeHome('process');
  const script = join(home, 'credentials-process.mjs');
  writeFileSync(script, `process.stdout.write(JSON.stringify(${JSON.stringify({
    Version: 1, AccessKeyId: keys.accessKeyId, SecretAccessKey: keys.secretAccessKey, SessionToken: keys.sessionToken, Expiration: EXPIRES,
  })}));\n`);
  writeFileSync(join(home, '.aws', 'config'), `[profile proc]\ncredential_process = "${process.execPath}" "${script}"\nregion = us-east-1\n`);
  const { results } = await runChild(home, { AWS_PROFILE: 'proc' });
  assert.deepEqual(results, [{ ok: true, region: 'us-east-1', accessKeyId: keys.accessKeyId }]);
  assert.equal(signedCalls(keys), 1);
});

test('container credentials (AWS_CONTAINER_CREDENTIALS_FULL_URI + AWS_CONTAINER_AUTHORIZATION_TOKEN), from either AWS package', async (t) => {
  const keys = stubbed('container');
  const container = await stubServer((call) => (call.url === '/creds'
    ? { text: JSON.stringify({ AccessKeyId: keys.accessKeyId, SecretAccessKey: keys.secretAccessKey, Token: keys.sessionToken, Expiration: EXPIRES }) }
    : { status: 404 }));
  t.after(container.close);
  const home = makeHome('container');
  const env = { AWS_CONTAINER_CREDENTIALS_FULL_URI: `${container.url}/creds`, AWS_CONTAINER_AUTHORIZATION_TOKEN: 'stub-container-token' };
  // Both installed (the client takes @aws-sdk/credential-providers), then each one alone.
  for (const [n, block] of [[1, []], [2, [PROVIDER_NODE]], [3, [PROVIDERS]]]) {
    const { results } = await runChild(home, env, [{}], { block });
    assert.deepEqual(results, [{ ok: true, region: 'us-east-1', accessKeyId: keys.accessKeyId }], `blocked: ${block}`);
    assert.equal(signedCalls(keys), n);
  }
  assert.ok(container.calls.length >= 3);
  for (const call of container.calls) assert.equal(call.headers.authorization, 'stub-container-token');
});

test('instance metadata (IMDSv2 at AWS_EC2_METADATA_SERVICE_ENDPOINT, IPv4 mode) when nothing else is configured', async (t) => {
  const keys = stubbed('imds');
  const IMDS_TOKEN = 'stub-imds-session-token';
  const imds = await stubServer((call) => {
    if (call.method === 'PUT' && call.url === '/latest/api/token') {
      return call.headers['x-aws-ec2-metadata-token-ttl-seconds'] ? { type: 'text/plain', text: IMDS_TOKEN } : { status: 400 };
    }
    if (call.headers['x-aws-ec2-metadata-token'] !== IMDS_TOKEN) return { status: 401 };
    if (call.url === '/latest/meta-data/iam/security-credentials/') return { type: 'text/plain', text: 'stub-role' };
    if (call.url === '/latest/meta-data/iam/security-credentials/stub-role') {
      return { text: JSON.stringify({ Code: 'Success', Type: 'AWS-HMAC', AccessKeyId: keys.accessKeyId, SecretAccessKey: keys.secretAccessKey, Token: keys.sessionToken, Expiration: EXPIRES, LastUpdated: '2026-01-01T00:00:00Z' }) };
    }
    return { status: 404 };
  });
  t.after(imds.close);
  const home = makeHome('imds');
  const { results } = await runChild(home, { AWS_EC2_METADATA_SERVICE_ENDPOINT: imds.url, AWS_EC2_METADATA_SERVICE_ENDPOINT_MODE: 'IPv4' }, [{}], { imds: true });
  assert.deepEqual(results, [{ ok: true, region: 'us-east-1', accessKeyId: keys.accessKeyId }]);
  assert.deepEqual(imds.calls.slice(0, 3).map((c) => `${c.method} ${c.url}`),
    ['PUT /latest/api/token', 'GET /latest/meta-data/iam/security-credentials/', 'GET /latest/meta-data/iam/security-credentials/stub-role']);
  assert.equal(signedCalls(keys), 1);
});

test('without AWS providers installed: environment and static profiles sign; each provider profile says which package to add, sending nothing', async () => {
  const envKeys = stubbed('envkeys');
  const profileKeys = stubbed('profilekeys');
  const home = makeHome('no-providers', {
    config: '[profile role]\nrole_arn = arn:aws:iam::123456789012:role/r\nsource_profile = static\n'
      + '[profile web]\nrole_arn = arn:aws:iam::123456789012:role/w\nweb_identity_token_file = /nonexistent\n'
      + '[profile proc]\ncredential_process = /bin/false\n'
      + '[profile sso]\nsso_session = corp\nsso_account_id = 123456789012\nsso_role_name = R\n[sso-session corp]\nsso_start_url = http://127.0.0.1:9/\nsso_region = us-east-1\n',
    credentials: `[static]\naws_access_key_id = ${profileKeys.accessKeyId}\naws_secret_access_key = ${profileKeys.secretAccessKey}\naws_session_token = ${profileKeys.sessionToken}\n`,
  });
  const before_ = service.calls.length;
  const env = { AWS_ACCESS_KEY_ID: envKeys.accessKeyId, AWS_SECRET_ACCESS_KEY: envKeys.secretAccessKey, AWS_SESSION_TOKEN: envKeys.sessionToken };
  const cases = [{}, { profile: 'static' }, { profile: 'role' }, { profile: 'web' }, { profile: 'proc' }, { profile: 'sso' }];
  const { results } = await runChild(home, env, cases, { block: BOTH });
  assert.deepEqual(results.slice(0, 2), [
    { ok: true, region: 'us-east-1', accessKeyId: envKeys.accessKeyId },
    { ok: true, region: 'us-east-1', accessKeyId: profileKeys.accessKeyId },
  ]);
  const hint = ", which needs AWS's credential providers: npm install @aws-sdk/credential-providers";
  assert.deepEqual(results.slice(2), [
    { ok: false, name: 'CredentialsProviderError', message: `The profile (role) uses assume-role (role_arn)${hint}` },
    { ok: false, name: 'CredentialsProviderError', message: `The profile (web) uses web identity (web_identity_token_file)${hint}` },
    { ok: false, name: 'CredentialsProviderError', message: `The profile (proc) uses credential_process${hint}` },
    { ok: false, name: 'CredentialsProviderError', message: `The profile (sso) uses IAM Identity Center (sso_*)${hint}` },
  ]);
  assert.equal(service.calls.length - before_, 2, 'only the two key-pair calls were sent');
  assert.equal(signedCalls(envKeys), 1);
  assert.equal(signedCalls(profileKeys), 1);

  // Container and web identity asked for by the environment alone; nothing configured: no credentials.
  const bare = makeHome('no-providers-env');
  const container = await runChild(bare, { AWS_CONTAINER_CREDENTIALS_FULL_URI: 'http://127.0.0.1:9/creds' }, [{}], { block: BOTH });
  assert.deepEqual(container.results, [{ ok: false, name: 'CredentialsProviderError', message: `The environment asks for container credentials (AWS_CONTAINER_CREDENTIALS_*)${hint}` }]);
  const nothing = await runChild(bare, {}, [{}], { block: BOTH });
  assert.equal(nothing.results[0].name, 'CredentialsProviderError');
  assert.equal(service.calls.length - before_, 2);
});

test('with AWS providers and nothing configured (instance metadata disabled), the call fails with CredentialsProviderError and sends nothing', async () => {
  const home = makeHome('nothing');
  const before_ = service.calls.length;
  const { results } = await runChild(home, {});
  assert.equal(results[0].ok, false);
  assert.equal(results[0].name, 'CredentialsProviderError');
  assert.equal(service.calls.length, before_);
});

test('a mistyped AWS_PROFILE and partial environment keys fail in the child as in process, with the AWS CLI wording', async () => {
  const home = makeHome('errors', { config: '[profile real]\nregion = us-east-1\n' });
  const before_ = service.calls.length;
  const typo = await runChild(home, { AWS_PROFILE: 'reaI', AWS_ACCESS_KEY_ID: SOURCE.accessKeyId, AWS_SECRET_ACCESS_KEY: SOURCE.secretAccessKey });
  assert.deepEqual(typo.results, [{ ok: false, name: 'CredentialsProviderError', message: 'The config profile (reaI) could not be found' }]);
  const partial = await runChild(home, { AWS_ACCESS_KEY_ID: SOURCE.accessKeyId });
  assert.deepEqual(partial.results, [{ ok: false, name: 'CredentialsProviderError', message: 'Partial credentials found in env, missing: AWS_SECRET_ACCESS_KEY' }]);
  assert.equal(service.calls.length, before_);
});

test('the guard in every child stops a connection outside the loopback range (here: IMDS at its real address)', async () => {
  const home = makeHome('guard');
  // Instance metadata enabled with no endpoint override: AWS's provider goes for 169.254.169.254.
  const { results, stderr } = await runChild(home, {}, [{}], { imds: true, guardMayFire: true });
  assert.match(stderr, new RegExp(`${NON_LOOPBACK}: 169\\.254\\.169\\.254`));
  assert.equal(results[0].ok, false, 'the call fails: no credentials came from anywhere');
});
