// web/node/config.mjs in process: the shared files' parser (checked against AWS's own loader),
// profile selection and its errors, environment keys. Every call gets its env as a parameter and a
// temporary HOME, so the real ~/.aws and process.env are never read. Nothing here calls a provider
// (AWS's chain, when installed, is only built, never called): tests/node/config-providers.test.mjs does that.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadProfile, loadProfiles, loadSharedFiles, nodeDefaults, parseIni, providerNeeded } from '../../web/node/config.mjs';

const KEY = { accessKeyId: 'AKIAPROFILEKEY000001', secretAccessKey: 'profile/secret/key/00000000000000000000' };
const ENV_KEY = { accessKeyId: 'AKIAENVIRONMENT00001', secretAccessKey: 'environment/secret/00000000000000000000' };

/** A temporary HOME with ~/.aws/config and ~/.aws/credentials; returns an env that points at it. */
function home(t, { config = '', credentials = '' } = {}, extra = {}) {
  const dir = mkdtempSync(join(tmpdir(), 'pw-node-config-'));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  writeFileSync(join(dir, 'config'), config);
  writeFileSync(join(dir, 'credentials'), credentials);
  return { HOME: dir, AWS_CONFIG_FILE: join(dir, 'config'), AWS_SHARED_CREDENTIALS_FILE: join(dir, 'credentials'), AWS_EC2_METADATA_DISABLED: 'true', ...extra };
}

async function rejection(promise) {
  try {
    await promise;
  } catch (err) {
    return err;
  }
  assert.fail('expected a rejection');
}

const plain = (value) => JSON.parse(JSON.stringify(value));

test('a [__proto__], [profile __proto__] or [constructor] section is a profile like any other and pollutes no prototype', async (t) => {
  const env = home(t, {
    config: '[profile __proto__]\nregion = eu-west-3\n[profile constructor]\nregion = ap-south-1\n[profile toString]\nregion = sa-east-1\n',
    credentials: `[__proto__]\naws_access_key_id = ${KEY.accessKeyId}\naws_secret_access_key = ${KEY.secretAccessKey}\n`
      + '[constructor]\naws_access_key_id = AKIACONSTRUCTOR00001\naws_secret_access_key = c\n__proto__ = polluted\n',
  });
  const profiles = await loadProfiles(env);
  for (const probe of [{}, Object, Object.prototype.toString, Function.prototype]) {
    assert.equal(probe.aws_access_key_id, undefined);
    assert.equal(probe.region, undefined);
  }
  assert.equal(Object.getPrototypeOf(profiles), null);
  assert.deepEqual(plain(profiles.__proto__), { region: 'eu-west-3', aws_access_key_id: KEY.accessKeyId, aws_secret_access_key: KEY.secretAccessKey });
  assert.deepEqual(plain(profiles.constructor), Object.fromEntries([
    ['region', 'ap-south-1'], ['aws_access_key_id', 'AKIACONSTRUCTOR00001'], ['aws_secret_access_key', 'c'], ['__proto__', 'polluted'],
  ]));
  assert.equal(Object.getPrototypeOf(profiles.constructor), null, 'a key called __proto__ is a key, not a prototype');

  const viaEnv = await nodeDefaults({}, { ...env, AWS_PROFILE: '__proto__' });
  assert.deepEqual([viaEnv.region, viaEnv.credentials], ['eu-west-3', KEY]);
  const viaOption = await nodeDefaults({ profile: 'constructor' }, env);
  assert.equal(viaOption.region, 'ap-south-1');
  // Not a profile: inherited names of plain objects are not found.
  for (const name of ['hasOwnProperty', 'valueOf']) {
    const err = await rejection(nodeDefaults({ profile: name }, env));
    assert.equal(err.message, `The config profile (${name}) could not be found`);
  }
});

test("an indented sub-section (s3 =) does not override the profile's own region", async (t) => {
  const env = home(t, {
    config: '[default]\nregion = us-west-2\ns3 =\n  region = eu-west-1\n  addressing_style = path\noutput = text\n'
      + '[profile x]\ns3 =\n    region = eu-central-1\nregion = ap-northeast-1\n',
  });
  const profile = await loadProfile('default', env);
  assert.deepEqual(plain(profile), { region: 'us-west-2', 's3.region': 'eu-west-1', 's3.addressing_style': 'path', output: 'text' });
  assert.equal((await nodeDefaults({ credentials: KEY }, env)).region, 'us-west-2');
  assert.equal((await nodeDefaults({ credentials: KEY, profile: 'x' }, env)).region, 'ap-northeast-1');
});

test("the shared files parse as AWS's own loader parses them (@smithy/core/config loadSharedConfigFiles)", async (t) => {
  // No skip: package-lock.json pins @smithy/core (under the AWS SDK dev dependencies) and npm ci installs it.
  const aws = await import('@smithy/core/config');
  const config = [
    '# a comment', '; another', '[default]', 'region = us-east-1 # trailing comment', 'output=json',
    'cli_pager =', 'key_with#hash = a#b', '',
    '[profile dev]', 'region = eu-west-1', 'role_arn = arn:aws:iam::123456789012:role/dev', 'source_profile = default',
    's3 =', '  region = eu-west-2', '  max_concurrent_requests = 20', 'duration_seconds = 900',
    "[profile 'quoted-name']", 'region = ap-southeast-2',
    '[profile "double"]', 'region = ca-central-1',
    '[sso-session corp]', 'sso_start_url = http://127.0.0.1:9/start', 'sso_region = us-east-1',
    '[services local]', 'personalize =', '  endpoint_url = http://127.0.0.1:4566',
    '[notaprefix x]', 'region = ignored',
    '[plain]', 'region = ignored-in-config',
    '[profile default]', 'output = text',
    '[profile empty]', '',
    '[profile url]', 'value = https://example.invalid/a=b;c', 'spaced   =   v  ',
  ].join('\r\n');
  const credentials = [
    '[default]', `aws_access_key_id = ${KEY.accessKeyId}`, `aws_secret_access_key = ${KEY.secretAccessKey}`,
    '[dev]', 'aws_session_token = tok==', '[profile odd]', 'x = 1', '  [ spaced ]', 'y = 2', '[other]', 'a = 1', 'a = 2',
  ].join('\n');
  const env = home(t, { config, credentials });
  const theirs = await aws.loadSharedConfigFiles({ filepath: env.AWS_SHARED_CREDENTIALS_FILE, configFilepath: env.AWS_CONFIG_FILE, ignoreCache: true });
  const ours = await loadSharedFiles(env);
  assert.deepEqual(plain(ours), plain(theirs));
  const known = await aws.parseKnownFiles({ filepath: env.AWS_SHARED_CREDENTIALS_FILE, configFilepath: env.AWS_CONFIG_FILE, ignoreCache: true });
  assert.deepEqual(plain(await loadProfiles(env)), plain(known));
  assert.equal(ours.configFile.dev['s3.region'], 'eu-west-2', 'the corpus has a sub-section');
});

test('parseIni keeps AWS section names: profile prefixes, default, and drops sections of unknown types', () => {
  const parsed = parseIni('[profile a]\nk = 1\n[sso-session b]\nk = 2\n[weird c]\nk = 3\n[d]\nk = 4\n[e]\n');
  assert.deepEqual(plain(parsed), { 'profile.a': { k: '1' }, 'sso-session.b': { k: '2' }, d: { k: '4' } });
});

test('a profile named by AWS_PROFILE or the profile option that is in neither file is an error with the AWS CLI wording', async (t) => {
  const env = home(t, { config: '[profile real]\nregion = us-east-1\n' });
  for (const [options, extra] of [[{}, { AWS_PROFILE: 'reall' }], [{ profile: 'nobody' }, {}], [{ region: 'us-east-1' }, { AWS_PROFILE: 'typo' }]]) {
    // Environment keys do not make a mistyped AWS_PROFILE harmless (the AWS CLI refuses it too).
    const err = await rejection(nodeDefaults(options, { ...env, ...extra, AWS_ACCESS_KEY_ID: ENV_KEY.accessKeyId, AWS_SECRET_ACCESS_KEY: ENV_KEY.secretAccessKey }));
    assert.equal(err.name, 'CredentialsProviderError');
    assert.equal(err.message, `The config profile (${options.profile ?? extra.AWS_PROFILE}) could not be found`);
  }
  // The default profile may be absent; options that leave nothing to look up need no profile.
  assert.deepEqual(await nodeDefaults({ region: 'us-east-1', credentials: KEY, profile: 'nobody' }, env), {});
  const none = await nodeDefaults({}, { ...env, AWS_ACCESS_KEY_ID: ENV_KEY.accessKeyId, AWS_SECRET_ACCESS_KEY: ENV_KEY.secretAccessKey });
  assert.deepEqual(none.credentials, ENV_KEY);
});

test('partial credentials in the environment are an error that names the missing variable', async (t) => {
  const env = home(t, { credentials: `[default]\naws_access_key_id = ${KEY.accessKeyId}\naws_secret_access_key = ${KEY.secretAccessKey}\n` });
  const idOnly = await rejection(nodeDefaults({}, { ...env, AWS_ACCESS_KEY_ID: ENV_KEY.accessKeyId }));
  assert.deepEqual([idOnly.name, idOnly.message], ['CredentialsProviderError', 'Partial credentials found in env, missing: AWS_SECRET_ACCESS_KEY']);
  assert.doesNotMatch(idOnly.message + idOnly.stack, /environment\/secret/, 'the secret is not in the error');
  // As botocore's EnvProvider: without a key ID the environment has no credentials, and the chain goes on.
  const secretOnly = await nodeDefaults({}, { ...env, AWS_SECRET_ACCESS_KEY: ENV_KEY.secretAccessKey, AWS_SESSION_TOKEN: 't' });
  assert.deepEqual(secretOnly.credentials, KEY);
  // Irrelevant when the options carry credentials, or an explicit profile option replaces the environment.
  assert.deepEqual((await nodeDefaults({ credentials: KEY }, { ...env, AWS_ACCESS_KEY_ID: 'x' })).credentials, undefined);
  assert.deepEqual((await nodeDefaults({ profile: 'default' }, { ...env, AWS_ACCESS_KEY_ID: 'x' })).credentials, KEY);
});

test('environment keys beat AWS_PROFILE, and an explicit profile option beats environment keys', async (t) => {
  const env = home(t, {
    config: '[profile x]\nregion = eu-west-1\n',
    credentials: `[x]\naws_access_key_id = ${KEY.accessKeyId}\naws_secret_access_key = ${KEY.secretAccessKey}\naws_session_token = profile-token\n`,
  }, { AWS_ACCESS_KEY_ID: ENV_KEY.accessKeyId, AWS_SECRET_ACCESS_KEY: ENV_KEY.secretAccessKey, AWS_SESSION_TOKEN: 'env-token' });
  const viaEnv = await nodeDefaults({}, { ...env, AWS_PROFILE: 'x' });
  assert.deepEqual([viaEnv.region, viaEnv.credentials], ['eu-west-1', { ...ENV_KEY, sessionToken: 'env-token' }]);
  const viaOption = await nodeDefaults({ profile: 'x' }, env);
  assert.deepEqual(viaOption.credentials, { ...KEY, sessionToken: 'profile-token' });
});

test('a static profile with only half a key pair is an error that names the missing key', async (t) => {
  const env = home(t, { credentials: `[half]\naws_access_key_id = ${KEY.accessKeyId}\n` });
  const err = await rejection(nodeDefaults({ profile: 'half' }, env));
  assert.deepEqual([err.name, err.message], ['CredentialsProviderError', 'Partial credentials found in profile (half), missing: aws_secret_access_key']);
});

test('region comes from AWS_REGION, then AWS_DEFAULT_REGION, then the profile', async (t) => {
  const env = home(t, { config: '[default]\nregion = us-west-2\n' });
  const opts = { credentials: KEY };
  assert.equal((await nodeDefaults(opts, env)).region, 'us-west-2');
  assert.equal((await nodeDefaults(opts, { ...env, AWS_DEFAULT_REGION: 'eu-north-1' })).region, 'eu-north-1');
  assert.equal((await nodeDefaults(opts, { ...env, AWS_DEFAULT_REGION: 'eu-north-1', AWS_REGION: 'me-south-1' })).region, 'me-south-1');
});

test('AWS_CONFIG_FILE and AWS_SHARED_CREDENTIALS_FILE may start with ~/ (the HOME directory)', async (t) => {
  const env = home(t, { config: '[profile tilde]\nregion = af-south-1\n' });
  const profile = await loadProfile('tilde', { HOME: env.HOME, AWS_CONFIG_FILE: '~/config', AWS_SHARED_CREDENTIALS_FILE: '~/credentials' });
  assert.equal(profile.region, 'af-south-1');
});

test("which profiles need AWS's providers, decided in the order of AWS's fromIni", () => {
  const keys = { aws_access_key_id: 'a', aws_secret_access_key: 'b' };
  const cases = [
    [{ ...keys }, undefined],
    [{ region: 'us-east-1' }, undefined],
    [{ role_arn: 'arn', source_profile: 'p' }, 'assume-role (role_arn)'],
    [{ ...keys, role_arn: 'arn', credential_source: 'Environment' }, 'assume-role (role_arn)'],
    [{ ...keys, credential_process: 'x' }, undefined],
    [{ ...keys, sso_session: 's' }, undefined],
    [{ role_arn: 'arn', web_identity_token_file: '/t' }, 'web identity (web_identity_token_file)'],
    [{ credential_process: 'x' }, 'credential_process'],
    [{ sso_start_url: 'u' }, 'IAM Identity Center (sso_*)'],
    [{ sso_session: 's' }, 'IAM Identity Center (sso_*)'],
    [{ login_session: 'l' }, 'console sign-in (login_session)'],
  ];
  for (const [profile, expected] of cases) assert.equal(providerNeeded(profile), expected, JSON.stringify(profile));
});
