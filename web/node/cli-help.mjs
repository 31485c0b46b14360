// The help texts: the program's, a command's and a waiter's, with the global options and where
// this CLI differs from the AWS CLI on purpose; and the version.
import { readFileSync } from 'node:fs';
import { COMMANDS, PROG, SERVICES, WAITERS, WAITER_PARAMS } from './cli-commands.mjs';

function paramLine(flag, p) {
  const arg = p.type === 'list' ? ' <value> [<value> ...]' : p.type === 'integer' || p.type === 'number' ? ' <number>' : ' <value>';
  const usage = p.required ? `${flag}${arg}` : `[${flag}${arg}]`;
  return `  ${usage}${p.help ? `\n      ${p.help}` : ''}`;
}

// Where this CLI differs from the AWS CLI on purpose; every command's help says so.
const STRICTER = `Differences from the AWS CLI (deliberate):
  Parameters are validated against the model before anything is sent: a bad value exits 252
  ("Parameter validation failed: ..."), where the AWS CLI sends the request and exits 254 with the
  service's ValidationException.`;
const PUT_EVENTS_OUTPUT = `  put-events prints {"eventIds": [...]}, the eventId of each event (the given one, or one derived
  from the event's contents, so a resend is recognised); the AWS CLI prints nothing.`;

export function helpText(parsed) {
  const version = packageVersion();
  const globalHelp = `Global options:
  --region <region>          the AWS region (else AWS_REGION, AWS_DEFAULT_REGION, the profile's region)
  --profile <name>           a profile of ~/.aws/credentials and ~/.aws/config
  --endpoint-url <url>       send requests to this URL (e.g. the local endpoint); needs http:// or https://
  --output <format>          json (default), text, table, yaml or yaml-stream (else AWS_DEFAULT_OUTPUT,
                             the profile's output)
  --query <jmespath>         a JMESPath expression applied to the output (to each page, for text)
  --color on|off|auto        colour in table output (auto: when stdout is a terminal)
  --cli-read-timeout <s>     seconds to wait for the response (0: no limit)
  --cli-connect-timeout <s>  seconds to wait for the connection (0: no limit); the two together bound
                             each request
  --cli-input-json <json>    the operation's input as JSON (or file://input.json), API member names;
  --cli-input-yaml <yaml>    or as YAML; explicit parameters override its members
  --generate-cli-skeleton [input|output|yaml-input]
                             print the operation's input (or output) shape and exit, sending nothing
  --no-paginate              one service call for list commands, printing the service's nextToken
  --debug                    log each request (canonical request, string to sign, headers) to stderr
  --version, --help
Settings: cli_timestamp_format (iso8601 | wire), max_attempts / AWS_MAX_ATTEMPTS,
retry_mode / AWS_RETRY_MODE (standard | adaptive; adaptive retries as standard does).`;
  const { command, waiter, spec, service } = parsed;
  if (spec?.wait && waiter && WAITERS[waiter]) {
    const w = WAITERS[waiter];
    return `${PROG} wait ${waiter}\n\n${w.summary}\nPrints nothing on success; exits 255 with "Waiter ${w.name} failed: ..." otherwise.\n`
      + 'The AWS CLI has no waiters for Amazon Personalize; this one is ours.\n\n'
      + `Synopsis:\n${Object.entries(WAITER_PARAMS).map(([f, p]) => paramLine(f, p)).join('\n')}\n\n${globalHelp}\n`;
  }
  if (spec?.wait) {
    return `${PROG} wait <waiter> [parameters]\n\nWaiters:\n${Object.entries(WAITERS).map(([n, w]) => `  ${n.padEnd(24)} ${w.summary}`).join('\n')}\n\n${globalHelp}\n`;
  }
  if (spec) {
    const params = Object.entries(spec.allParams).filter(([, p]) => !p.hidden);
    const word = spec.events ? 'personalize-events' : 'personalize';
    const differences = spec.events ? `${STRICTER}\n${PUT_EVENTS_OUTPUT}` : STRICTER;
    return `${PROG} [${word}] ${command}\n\n${spec.summary}\nOperation: ${spec.operation}\n\nSynopsis:\n`
      + `${params.map(([f, p]) => paramLine(f, p)).join('\n')}\n\n${differences}\n\n${globalHelp}\n`;
  }
  const names = service ? SERVICES[service]() : [...Object.keys(COMMANDS), 'wait'];
  const list = names.map((n) => `  ${n.padEnd(24)} ${n === 'wait' ? 'event-tracker-active | event-tracker-deleted' : COMMANDS[n].summary}`).join('\n');
  return `${PROG} ${version}: Amazon Personalize event trackers from the command line, with a WebAssembly core.

Usage: ${PROG} [options] <command> [parameters]
       ${PROG} [options] personalize <command> [parameters]           (the AWS CLI's shape)
       ${PROG} [options] personalize-events put-events [parameters]
       ${PROG} [personalize | personalize-events] <command> help

Commands${service ? ` of ${service}` : ''}:
${list}

${globalHelp}

${STRICTER}
${PUT_EVENTS_OUTPUT}

Credentials and region come from the options, then AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY /
AWS_SESSION_TOKEN, AWS_REGION / AWS_DEFAULT_REGION, AWS_PROFILE and the shared files.
Exit codes, as the AWS CLI's: 0 ok, 252 bad command line or parameters, 253 configuration or
credentials, 254 service error, 255 other errors (also an unknown profile, partial credentials),
130 interrupted.
`;
}

export function packageVersion() {
  try {
    return JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')).version;
  } catch {
    return 'unknown';
  }
}
