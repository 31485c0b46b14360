// The AWS CLI's own settings (output, timestamps, retries, timeouts) from the options, the
// environment and the profile, and the client options they make.
import { loadProfile } from './config.mjs';
import { OUTPUTS } from './cli-commands.mjs';
import { configError, paramError } from './cli-errors.mjs';
import { pyRepr } from './output.mjs';

// Python's int(): what the AWS CLI accepts for integer settings.
const PY_INT = /^\s*[-+]?\d+\s*$/;

/**
 * The AWS CLI's own settings: --output / AWS_DEFAULT_OUTPUT / the profile's output;
 * cli_timestamp_format, max_attempts (AWS_MAX_ATTEMPTS), retry_mode (AWS_RETRY_MODE) from the
 * profile or the environment; --cli-read-timeout and --cli-connect-timeout (seconds, 0: none).
 * Errors are worded, and exit, as the AWS CLI's (255).
 */
export async function cliSettings(globals) {
  const env = process.env;
  const named = globals.profile ?? (env.AWS_PROFILE || undefined);
  let profile;
  try {
    profile = await loadProfile(named ?? 'default');
  } catch {
    // unreadable shared files: the client reports them
  }
  if (named !== undefined && !profile) throw configError(`The config profile (${named}) could not be found`);
  const setting = (variable, key) => (variable && env[variable] ? env[variable] : profile?.[key]);

  let output = globals.output ?? (env.AWS_DEFAULT_OUTPUT || profile?.output) ?? 'json';
  if (!OUTPUTS.includes(output)) output = 'json';
  const timestampFormat = profile?.cli_timestamp_format ?? 'iso8601';
  if (!['iso8601', 'wire'].includes(timestampFormat)) {
    throw configError(`Unknown cli_timestamp_format value: ${timestampFormat}, valid values are 'wire' or 'iso8601'`);
  }

  const retryMode = setting('AWS_RETRY_MODE', 'retry_mode');
  if (retryMode !== undefined && !['standard', 'adaptive'].includes(retryMode)) {
    throw configError(`Invalid value provided to "mode": "${retryMode}" must be one of: "standard" or "adaptive"`);
  }
  const attemptsText = setting('AWS_MAX_ATTEMPTS', 'max_attempts');
  let maxAttempts;
  if (attemptsText !== undefined) {
    if (!PY_INT.test(attemptsText)) throw configError(`invalid literal for int() with base 10: ${pyRepr(attemptsText)}`);
    maxAttempts = Number(attemptsText);
    if (maxAttempts < 1) throw configError(`Value provided to "max_attempts": ${maxAttempts} must be an integer greater than or equal to one.`);
  }
  const timeout = (flag, what) => {
    const text = globals[flag];
    if (text === undefined) return undefined;
    if (!PY_INT.test(text)) throw configError(`invalid literal for int() with base 10: ${pyRepr(text)}`);
    const seconds = Number(text);
    if (seconds < 0) throw configError(`Attempted to set ${what} timeout to ${seconds}, but the timeout cannot be set to a value less than or equal to 0.`);
    return seconds;
  };
  const readTimeout = timeout('cli-read-timeout', 'read');
  const connectTimeout = timeout('cli-connect-timeout', 'connect');
  return { output, timestampFormat, retryMode, maxAttempts, readTimeout, connectTimeout };
}

// Longest timer Node.js keeps (about 24.8 days): what "0, no limit" becomes.
const NO_LIMIT_MS = 2 ** 31 - 1;

export function clientOptions(globals, settings, fetchImpl) {
  const options = {};
  if (globals.region !== undefined) options.region = globals.region;
  if (globals['endpoint-url'] !== undefined) options.endpoint = globals['endpoint-url'];
  if (globals.profile !== undefined) options.profile = globals.profile;
  if (settings.maxAttempts !== undefined) options.maxAttempts = settings.maxAttempts;
  // The client's requestTimeout bounds the whole exchange (connecting, then the response): the
  // sum of the two AWS CLI timeouts given; each is 60 s when left out, as in the AWS CLI.
  if (settings.readTimeout !== undefined || settings.connectTimeout !== undefined) {
    const read = settings.readTimeout ?? 60;
    const connect = settings.connectTimeout ?? 60;
    options.requestTimeout = read === 0 || connect === 0 ? NO_LIMIT_MS : Math.min((read + connect) * 1000, NO_LIMIT_MS);
  }
  if (fetchImpl) options.fetch = fetchImpl;
  return options;
}

/** --endpoint-url must have a scheme (Python's urlparse), as the AWS CLI checks before anything else. */
export function checkEndpointUrl(url) {
  if (url !== undefined && !/^[A-Za-z][A-Za-z0-9+.-]*:/.test(url)) {
    throw paramError(`Bad value for --endpoint-url "${url}": scheme is missing.  Must be of the form http://<hostname>/ or https://<hostname>/`);
  }
}
