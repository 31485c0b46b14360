// Node.js only: region and credentials from the environment and the shared AWS files,
// as the AWS SDK for JavaScript finds them. personalize.mjs imports this lazily, never in browsers.
//
// The shared files are read with a port of AWS's own grammar (@smithy/core/config's parseIni,
// getConfigData and mergeConfigFiles: comments, `[profile x]` / `[sso-session x]` / `[services x]`
// prefixes, indented sub-sections stored as `s3.region`), into null-prototype objects: a section
// or key called `__proto__` or `constructor` is a name like any other. AWS's loader is not used
// even when installed: it writes `[constructor]`'s keys onto the global `Object` and drops a whole
// file that has a `[__proto__]` section. tests/node/config.test.mjs checks the port against it.
//
// Credentials that need more than a key pair (SSO, credential_process, assume-role, web identity,
// container, instance metadata) come from AWS's providers when they are installed (optional peer
// dependencies); the client itself has no runtime dependencies.
import { readFile } from 'node:fs/promises';
import { homedir } from 'node:os';
import { join, sep } from 'node:path';

/** AWS's providers, first found wins: [package, the export that is the default Node.js chain]. */
const PROVIDER_PACKAGES = [
  ['@aws-sdk/credential-providers', 'fromNodeProviderChain'],
  ['@aws-sdk/credential-provider-node', 'defaultProvider'],
];
const INSTALL_HINT = 'npm install @aws-sdk/credential-providers';

/** Section prefixes the config file knows (@smithy/types IniSectionType); '.' joins them to the name. */
const SECTION_TYPES = ['profile', 'sso-session', 'services'];
const PREFIXED = /^([\w-]+)\s(["'])?([\w-@+.%:/]+)\2$/;

const table = () => Object.create(null);

function credentialsError(message) {
  return Object.assign(new Error(message), { name: 'CredentialsProviderError' });
}

/**
 * Parses one shared config or credentials file as AWS's parseIni does:
 * { 'default' | 'name' | 'profile.name' | 'sso-session.name' | ...: { key: value, 'sub.key': value } }.
 * Every object has a null prototype. A section with no keys is absent, as in AWS's parser.
 */
export function parseIni(text) {
  const sections = table();
  let section;
  let subSection;
  for (const raw of text.split(/\r?\n/)) {
    const line = raw.split(/(^|\s)[;#]/)[0].trim();
    if (line[0] === '[' && line[line.length - 1] === ']') {
      section = undefined;
      subSection = undefined;
      const name = line.slice(1, -1);
      const prefixed = PREFIXED.exec(name);
      if (!prefixed) section = name;
      else if (SECTION_TYPES.includes(prefixed[1])) section = `${prefixed[1]}.${prefixed[3]}`;
      continue;
    }
    if (section === undefined) continue;
    const eq = line.indexOf('=');
    if (eq <= 0) continue;
    const key = line.slice(0, eq).trim();
    const value = line.slice(eq + 1).trim();
    if (value === '') {
      subSection = key; // `s3 =` opens a sub-section of indented lines
      continue;
    }
    if (subSection !== undefined && raw.trimStart() === raw) subSection = undefined;
    (sections[section] ??= table())[subSection === undefined ? key : `${subSection}.${key}`] = value;
  }
  return sections;
}

/** The config file's profiles by name (`[default]`, `[profile x]` -> x) and its other typed sections. */
function configSections(parsed) {
  const out = table();
  if (parsed.default) out.default = parsed.default;
  for (const [name, values] of Object.entries(parsed)) {
    const dot = name.indexOf('.');
    if (dot === -1 || !SECTION_TYPES.includes(name.slice(0, dot))) continue;
    out[name.startsWith('profile.') ? name.slice(dot + 1) : name] = values;
  }
  return out;
}

function homeDirectory(env) {
  if (env.HOME) return env.HOME;
  if (env.USERPROFILE) return env.USERPROFILE;
  if (env.HOMEPATH) return `${env.HOMEDRIVE ?? `C:${sep}`}${env.HOMEPATH}`;
  return homedir();
}

/** Where the shared files are: AWS_CONFIG_FILE, AWS_SHARED_CREDENTIALS_FILE, else ~/.aws/. */
export function sharedFilePaths(env = process.env) {
  const home = homeDirectory(env);
  const resolve = (path) => (path.startsWith('~/') ? join(home, path.slice(2)) : path);
  return {
    configFilepath: resolve(env.AWS_CONFIG_FILE || join(home, '.aws', 'config')),
    filepath: resolve(env.AWS_SHARED_CREDENTIALS_FILE || join(home, '.aws', 'credentials')),
  };
}

async function readIni(path) {
  try {
    return parseIni(await readFile(path, 'utf8'));
  } catch (err) {
    if (err.code === 'ENOENT') return table();
    throw err;
  }
}

/** Both files, as AWS's loadSharedConfigFiles returns them: { configFile, credentialsFile }. */
export async function loadSharedFiles(env = process.env) {
  const { configFilepath, filepath } = sharedFilePaths(env);
  const [configFile, credentialsFile] = await Promise.all([readIni(configFilepath).then(configSections), readIni(filepath)]);
  return { configFile, credentialsFile };
}

/** Every profile: the credentials file's sections merged over the config file's (AWS's parseKnownFiles). */
export async function loadProfiles(env = process.env) {
  const { configFile, credentialsFile } = await loadSharedFiles(env);
  const merged = table();
  for (const file of [configFile, credentialsFile]) {
    for (const [name, values] of Object.entries(file)) merged[name] = Object.assign(merged[name] ?? table(), values);
  }
  return merged;
}

/** The named profile (a null-prototype object), or undefined when neither file has it. */
export async function loadProfile(name, env = process.env) {
  return (await loadProfiles(env))[name];
}

/** What a profile needs AWS's providers for, in the order their fromIni decides; undefined: nothing. */
export function providerNeeded(profile) {
  if (!profile) return undefined;
  const has = (key) => typeof profile[key] === 'string';
  if (has('role_arn') && has('source_profile') !== has('credential_source')) return 'assume-role (role_arn)';
  if (has('aws_access_key_id') && has('aws_secret_access_key')) return undefined;
  if (has('web_identity_token_file') && has('role_arn')) return 'web identity (web_identity_token_file)';
  if (has('credential_process')) return 'credential_process';
  if (['sso_start_url', 'sso_account_id', 'sso_session', 'sso_region', 'sso_role_name'].some(has)) return 'IAM Identity Center (sso_*)';
  if (has('login_session')) return 'console sign-in (login_session)';
  return undefined;
}

/** What the environment asks AWS's providers for, when neither it nor the profile has a key pair. */
function environmentProviderNeeded(env) {
  if (env.AWS_WEB_IDENTITY_TOKEN_FILE && env.AWS_ROLE_ARN) return 'web identity (AWS_WEB_IDENTITY_TOKEN_FILE)';
  if (env.AWS_CONTAINER_CREDENTIALS_FULL_URI || env.AWS_CONTAINER_CREDENTIALS_RELATIVE_URI) return 'container credentials (AWS_CONTAINER_CREDENTIALS_*)';
  return undefined;
}

/** AWS's default Node.js provider chain factory, or undefined when neither package is installed. */
export async function awsProviderChain() {
  for (const [name, factory] of PROVIDER_PACKAGES) {
    let module;
    try {
      module = await import(name); // a variable specifier: bundlers leave it alone
    } catch (err) {
      // Not installed: try the next. Installed but broken (e.g. its own dependency missing): say so.
      if (err?.code === 'ERR_MODULE_NOT_FOUND' && String(err.message).includes(`'${name}'`)) continue;
      throw err;
    }
    if (typeof module[factory] === 'function') return module[factory];
  }
  return undefined;
}

/** AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY / AWS_SESSION_TOKEN. As botocore's EnvProvider: no (or an
 * empty) key ID means the environment has no credentials; a key ID without its secret is an error. */
function environmentCredentials(env) {
  const id = env.AWS_ACCESS_KEY_ID;
  const secret = env.AWS_SECRET_ACCESS_KEY;
  if (!id) return undefined;
  if (!secret) throw credentialsError('Partial credentials found in env, missing: AWS_SECRET_ACCESS_KEY');
  return { accessKeyId: id, secretAccessKey: secret, ...(env.AWS_SESSION_TOKEN ? { sessionToken: env.AWS_SESSION_TOKEN } : {}) };
}

function staticProfileCredentials(name, profile) {
  const id = profile.aws_access_key_id;
  const secret = profile.aws_secret_access_key;
  if (!id && !secret) return undefined;
  if (!id || !secret) throw credentialsError(`Partial credentials found in profile (${name}), missing: ${id ? 'aws_secret_access_key' : 'aws_access_key_id'}`);
  return { accessKeyId: id, secretAccessKey: secret, ...(profile.aws_session_token ? { sessionToken: profile.aws_session_token } : {}) };
}

/**
 * The credentials for a client without a `credentials` option: a key pair, a provider function
 * (AWS's chain, refreshing itself), or undefined (none found).
 */
async function resolveCredentials(profileName, profile, explicitOption, env) {
  // An explicit `profile` option beats environment keys (the AWS CLI's --profile, the SDK's profile).
  const fromEnvironment = explicitOption ? undefined : environmentCredentials(env);
  if (fromEnvironment) return fromEnvironment;
  const profileNeeds = providerNeeded(profile);
  if (profile && !profileNeeds) {
    const fromProfile = staticProfileCredentials(profileName, profile);
    if (fromProfile) return fromProfile;
  }
  const needed = profileNeeds ?? environmentProviderNeeded(env);
  const chain = await awsProviderChain();
  if (!chain) {
    if (!needed) return undefined; // instance metadata is only tried by AWS's providers
    const who = profileNeeds ? `The profile (${profileName}) uses` : 'The environment asks for';
    throw credentialsError(`${who} ${needed}, which needs AWS's credential providers: ${INSTALL_HINT}`);
  }
  const { configFilepath, filepath } = sharedFilePaths(env);
  const named = explicitOption || env.AWS_PROFILE ? { profile: profileName } : {};
  return chain({ ...named, configFilepath, filepath });
}

/**
 * The region and credentials the client options leave out (the endpoint's variables are read by
 * personalize.mjs itself, which loads this module only when one of these two is missing).
 * @param {object} options the client's options
 * @param {NodeJS.ProcessEnv} [env] (AWS's providers, when used, read process.env themselves)
 */
export async function nodeDefaults(options, env = process.env) {
  const defaults = {};
  const needRegion = options.region === undefined;
  const needCredentials = options.credentials === undefined;
  if (!needRegion && !needCredentials) return defaults;

  const named = options.profile ?? (env.AWS_PROFILE || undefined);
  const profileName = named ?? 'default';
  const profile = await loadProfile(profileName, env);
  if (named !== undefined && !profile) throw credentialsError(`The config profile (${profileName}) could not be found`);
  if (needRegion) defaults.region = env.AWS_REGION || env.AWS_DEFAULT_REGION || profile?.region || undefined;
  if (needCredentials) defaults.credentials = await resolveCredentials(profileName, profile, options.profile !== undefined, env);
  return defaults;
}
