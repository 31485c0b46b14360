// --debug: a log on stderr of the configuration, each request as the client built and signed it
// (canonical request, string to sign, headers, body) and each response, with secrets redacted.
import { DEFAULT_MAX_RESPONSE_BYTES } from '../lib/personalize.mjs';
import { PROG } from './cli-commands.mjs';
import { escapeControls } from './output.mjs';

/** log(what, text?) to stderr when enabled, with every current secret replaced by <redacted>. */
export function debugLogger(enabled, secrets) {
  const scrub = (text) => {
    let out = String(text);
    for (const s of secrets()) if (s) out = out.split(s).join('<redacted>');
    return out;
  };
  const log = (what, text) => {
    if (!enabled) return;
    const now = new Date().toISOString().replace('T', ' ').replace('Z', '');
    process.stderr.write(`${now} - ${PROG} - DEBUG - ${scrub(what)}${text !== undefined ? `\n${scrub(text)}` : ''}\n`);
  };
  return { log, enabled };
}

/** argv with the values of the parameters the model marks sensitive (tags, events, user ids) redacted. */
export function redactArguments(argv, spec) {
  const out = [];
  let redacting = false;
  for (const token of argv) {
    if (token.startsWith('--') && token.length > 2) {
      const eq = token.indexOf('=');
      const flag = eq > 0 ? token.slice(0, eq) : token;
      redacting = !!spec?.allParams?.[flag]?.sensitive;
      out.push(redacting && eq > 0 ? `${flag}=<redacted>` : token);
      if (eq > 0) redacting = false;
    } else {
      out.push(redacting ? '<redacted>' : token);
    }
  }
  return out;
}

function redactHeaders(headers) {
  return headers.map(([name, value]) => [name, name.toLowerCase() === 'x-amz-security-token' ? '<redacted>' : value]);
}

/** The body's first `limit` bytes (the glue refuses a longer one; the rest is never read). */
async function readAtMost(response, limit) {
  if (!response.body) return Buffer.alloc(0);
  const reader = response.body.getReader();
  const chunks = [];
  let size = 0;
  while (size < limit) {
    const { done, value } = await reader.read();
    if (done) break;
    chunks.push(value);
    size += value.length;
  }
  if (size >= limit) await reader.cancel().catch(() => {});
  return Buffer.concat(chunks).subarray(0, limit);
}

/** A fetch that logs what the client built and signed (client.lastRequest) and what came back. */
export function debugFetch(getClient, debug) {
  let first = true;
  return async (url, init) => {
    const client = getClient();
    const req = client?.lastRequest;
    if (first && client) {
      first = false;
      const { region, endpoint, profile, credentials } = client.config;
      debug.log(`Configuration: region ${region}, endpoint ${endpoint ?? '(by region)'}, profile ${profile ?? process.env.AWS_PROFILE ?? '(none)'}, `
        + `access key ${credentials?.accessKeyId}${credentials?.sessionToken ? ' with a session token' : ''}`);
    }
    if (req) {
      debug.log('CanonicalRequest:', req.canonicalRequest.replace(/^x-amz-security-token:.*$/m, 'x-amz-security-token:<redacted>'));
      debug.log('StringToSign:', req.stringToSign);
      debug.log('Signature:', req.signature);
      debug.log(`Sending http request: ${req.method} ${req.url}`, `${redactHeaders(req.headers).map(([n, v]) => `${n}: ${v}`).join('\n')}\n\n${req.body}`);
    }
    const response = await fetch(url, init);
    const body = await readAtMost(response, DEFAULT_MAX_RESPONSE_BYTES + 1);
    const text = new TextDecoder().decode(body);
    debug.log(`Response: HTTP ${response.status}`, `${[...response.headers].map(([n, v]) => `${n}: ${escapeControls(v)}`).join('\n')}\n\n${escapeControls(text)}`);
    const nullBody = [101, 204, 205, 304].includes(response.status);
    return new Response(nullBody ? null : body, { status: response.status, statusText: response.statusText, headers: response.headers });
  };
}
