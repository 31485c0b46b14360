// Node.js only: region, credentials and endpoint from the environment and the shared AWS files,
// as the AWS SDKs find them. personalize.mjs imports this lazily, never in browsers.
import { readFile } from 'node:fs/promises';
import { homedir } from 'node:os';
import { join } from 'node:path';

const ENDPOINT_VARIABLES = {
  personalize: 'AWS_ENDPOINT_URL_PERSONALIZE',
  'personalize-events': 'AWS_ENDPOINT_URL_PERSONALIZE_EVENTS',
};

/** Parses an AWS shared config/credentials file: { sectionName: { key: value } }. */
export function parseIni(text) {
  const sections = {};
  let current;
  for (const raw of text.split(/\r?\n/)) {
    const line = raw.replace(/(^|\s)[#;].*$/, '').trim();
    if (!line) continue;
    const header = /^\[\s*([^\]]+?)\s*\]$/.exec(line);
    if (header) {
      current = sections[header[1]] ??= {};
      continue;
    }
    const eq = line.indexOf('=');
    if (current && eq > 0) current[line.slice(0, eq).trim().toLowerCase()] = line.slice(eq + 1).trim();
  }
  return sections;
}

async function readIni(path) {
  try {
    return parseIni(await readFile(path, 'utf8'));
  } catch (err) {
    if (err.code === 'ENOENT') return {};
    throw err;
  }
}

/** The named profile from ~/.aws/credentials ([name]) merged over ~/.aws/config ([profile name]). */
export async function loadProfile(name, env = process.env) {
  const home = env.HOME || env.USERPROFILE || homedir();
  const config = await readIni(env.AWS_CONFIG_FILE || join(home, '.aws', 'config'));
  const credentials = await readIni(env.AWS_SHARED_CREDENTIALS_FILE || join(home, '.aws', 'credentials'));
  const fromConfig = config[name === 'default' ? 'default' : `profile ${name}`] ?? (name === 'default' ? undefined : config[name]);
  const fromCredentials = credentials[name];
  if (!fromConfig && !fromCredentials) return undefined;
  return { ...fromConfig, ...fromCredentials };
}

/**
 * Defaults for what the client options leave out.
 * @param {'personalize'|'personalize-events'} serviceId
 * @param {object} options the client's options
 * @param {NodeJS.ProcessEnv} [env]
 */
export async function nodeDefaults(serviceId, options, env = process.env) {
  const profileName = options.profile ?? env.AWS_PROFILE ?? 'default';
  let profile;
  const needProfile = options.region === undefined || options.credentials === undefined;
  if (needProfile) profile = await loadProfile(profileName, env);
  if (options.profile && needProfile && !profile) {
    throw Object.assign(new Error(`The profile "${options.profile}" is not in the shared AWS config or credentials file`), { name: 'CredentialsProviderError' });
  }
  const defaults = {};
  defaults.region = env.AWS_REGION || env.AWS_DEFAULT_REGION || profile?.region || undefined;
  defaults.endpoint = env[ENDPOINT_VARIABLES[serviceId]] || env.AWS_ENDPOINT_URL || undefined;
  if (env.AWS_ACCESS_KEY_ID && env.AWS_SECRET_ACCESS_KEY) {
    defaults.credentials = {
      accessKeyId: env.AWS_ACCESS_KEY_ID,
      secretAccessKey: env.AWS_SECRET_ACCESS_KEY,
      ...(env.AWS_SESSION_TOKEN ? { sessionToken: env.AWS_SESSION_TOKEN } : {}),
    };
  } else if (profile?.aws_access_key_id && profile?.aws_secret_access_key) {
    defaults.credentials = {
      accessKeyId: profile.aws_access_key_id,
      secretAccessKey: profile.aws_secret_access_key,
      ...(profile.aws_session_token ? { sessionToken: profile.aws_session_token } : {}),
    };
  }
  return defaults;
}
