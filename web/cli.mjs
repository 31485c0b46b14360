#!/usr/bin/env node
// personalize-wasm: a command line shaped like the AWS CLI, for Amazon Personalize event trackers
// and dataset groups, and Personalize Events PutEvents. Built only on the public exports of
// ./personalize.mjs (validation, signing and parsing run in personalize.wasm) and ./node-config.mjs.
//
//   personalize-wasm [options] <command> [parameters]
//   personalize-wasm help
//
// Output goes to stdout (json, 4-space indented, or text); errors go to stderr. Exit codes, as the
// AWS CLI's: 0 ok, 252 bad command line or parameter validation, 253 configuration or credentials,
// 254 the service returned an error, 255 anything else, 130 interrupted (SIGINT).
import { readFileSync, realpathSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { DEFAULT_MAX_RESPONSE_BYTES, PersonalizeClient, PersonalizeEventsClient } from './personalize.mjs';
import { loadProfile } from './node-config.mjs';

const PROG = 'personalize-wasm';
const EXIT = { OK: 0, USAGE: 252, CONFIG: 253, SERVICE: 254, OTHER: 255, INTERRUPTED: 130 };

// ---- the commands ------------------------------------------------------------------------------

const TAG = { tagKey: 'string', tagValue: 'string' };
const EVENT = {
  eventId: 'string', eventType: 'string', eventValue: 'float', itemId: 'string', properties: 'string',
  sentAt: 'timestamp', recommendationId: 'string', impression: ['string'],
  metricAttribution: { eventAttributionSource: 'string' },
};

/** Parameters: flag -> { member (the API's name), type, required, shape (list items), help }. */
const COMMANDS = {
  'create-event-tracker': {
    operation: 'CreateEventTracker', method: 'createEventTracker',
    summary: 'Creates an event tracker for a dataset group; prints its ARN and tracking ID.',
    params: {
      '--dataset-group-arn': { member: 'datasetGroupArn', required: true, help: 'the dataset group that receives the events' },
      '--name': { member: 'name', required: true, help: 'the tracker name (1..63, ^[a-zA-Z0-9][a-zA-Z0-9\\-_]*)' },
      '--tags': { member: 'tags', type: 'list', shape: TAG, help: 'tagKey=k,tagValue=v [tagKey=k2,tagValue=v2 ...] or JSON [{"tagKey":"k","tagValue":"v"}]' },
    },
  },
  'describe-event-tracker': {
    operation: 'DescribeEventTracker', method: 'describeEventTracker',
    summary: 'Describes an event tracker (status, tracking ID, timestamps).',
    params: { '--event-tracker-arn': { member: 'eventTrackerArn', required: true } },
  },
  'list-event-trackers': {
    operation: 'ListEventTrackers', method: 'listEventTrackers', resultKey: 'eventTrackers',
    summary: 'Lists event trackers, optionally of one dataset group (all pages unless --no-paginate).',
    params: {
      '--dataset-group-arn': { member: 'datasetGroupArn' },
      '--max-results': { member: 'maxResults', type: 'integer', hidden: true },
      '--next-token': { member: 'nextToken', hidden: true },
    },
  },
  'delete-event-tracker': {
    operation: 'DeleteEventTracker', method: 'deleteEventTracker',
    summary: 'Deletes an event tracker (it goes DELETE PENDING, DELETE IN_PROGRESS, then away).',
    params: { '--event-tracker-arn': { member: 'eventTrackerArn', required: true } },
  },
  'put-events': {
    operation: 'PutEvents', method: 'putEvents', events: true,
    summary: 'Records events for the tracking ID of an ACTIVE event tracker.',
    params: {
      '--tracking-id': { member: 'trackingId', required: true },
      '--user-id': { member: 'userId' },
      '--session-id': { member: 'sessionId', required: true },
      '--event-list': { member: 'eventList', type: 'list', shape: EVENT, required: true,
        help: 'file://events.json or JSON [{"eventType":"click","sentAt":1764151200,"itemId":"i1"}]; sentAt in epoch seconds or ISO 8601' },
    },
  },
  'create-dataset-group': {
    operation: 'CreateDatasetGroup', method: 'createDatasetGroup',
    summary: 'Creates a dataset group.',
    params: {
      '--name': { member: 'name', required: true },
      '--role-arn': { member: 'roleArn' },
      '--kms-key-arn': { member: 'kmsKeyArn' },
      '--domain': { member: 'domain', help: 'ECOMMERCE or VIDEO_ON_DEMAND' },
      '--tags': { member: 'tags', type: 'list', shape: TAG, help: 'as for create-event-tracker' },
    },
  },
  'describe-dataset-group': {
    operation: 'DescribeDatasetGroup', method: 'describeDatasetGroup',
    summary: 'Describes a dataset group.',
    params: { '--dataset-group-arn': { member: 'datasetGroupArn', required: true } },
  },
  'list-dataset-groups': {
    operation: 'ListDatasetGroups', method: 'listDatasetGroups', resultKey: 'datasetGroups',
    summary: 'Lists dataset groups (all pages unless --no-paginate).',
    params: {
      '--max-results': { member: 'maxResults', type: 'integer', hidden: true },
      '--next-token': { member: 'nextToken', hidden: true },
    },
  },
  'delete-dataset-group': {
    operation: 'DeleteDatasetGroup', method: 'deleteDatasetGroup',
    summary: 'Deletes a dataset group that has no event tracker.',
    params: { '--dataset-group-arn': { member: 'datasetGroupArn', required: true } },
  },
};

const PAGINATION_PARAMS = {
  '--max-items': { type: 'integer', help: 'the most items to print; prints a NextToken when there are more' },
  '--page-size': { type: 'integer', help: 'items per service call (maxResults)' },
  '--starting-token': { help: 'the NextToken printed by an earlier --max-items call' },
};

const WAITERS = {
  'event-tracker-active': {
    name: 'EventTrackerActive', method: 'waitUntilEventTrackerActive',
    summary: 'Waits until the event tracker is ACTIVE; fails if it ends in CREATE FAILED or is being deleted.',
  },
  'event-tracker-deleted': {
    name: 'EventTrackerDeleted', method: 'waitUntilEventTrackerDeleted',
    summary: 'Waits until the event tracker is gone.',
  },
};
const WAITER_PARAMS = {
  '--event-tracker-arn': { member: 'eventTrackerArn', required: true },
  '--delay': { type: 'number', help: 'shortest delay between polls in seconds (default 2)' },
  '--max-delay': { type: 'number', help: 'longest delay between polls in seconds (default 30)' },
  '--max-wait-time': { type: 'number', help: 'give up after this many seconds (default 300)' },
};

const GLOBAL_VALUE_FLAGS = new Set(['--region', '--profile', '--endpoint-url', '--output', '--cli-input-json']);
const GLOBAL_SWITCHES = new Set(['--debug', '--no-paginate', '--help', '--version', '--no-cli-pager']);
const OUTPUTS = ['json', 'text'];

// ---- terminal safety ---------------------------------------------------------------------------

// Text from the server (error names and messages, output values, --debug responses) ends up on a
// terminal, where control characters move the cursor, rewrite the window title (ESC ] ... BEL) or
// forge whole lines ("\nAn error occurred ..."), and bidi controls reorder what is shown. These
// are printed as visible escapes: C0 and DEL as \n \r \t or \x1b, the rest as \u{9b}. A
// backslash stays as it is (messages quote patterns such as ^[a-zA-Z0-9][a-zA-Z0-9\-_]*).
const TERMINAL_UNSAFE = /[\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;
const NAMED_ESCAPES = { '\n': '\\n', '\r': '\\r', '\t': '\\t' };
const hex = (c) => c.codePointAt(0).toString(16);

/** Server text made safe for one line of a terminal. */
export function escapeControls(text) {
  return String(text).replace(TERMINAL_UNSAFE, (c) => NAMED_ESCAPES[c] ?? (c < '\u0080' ? `\\x${hex(c).padStart(2, '0')}` : `\\u{${hex(c)}}`));
}

// ---- errors ------------------------------------------------------------------------------------

class CliError extends Error {
  constructor(message, code, { usage = false } = {}) {
    super(message);
    this.exitCode = code;
    this.usage = usage;
  }
}
const usageError = (message) => new CliError(message, EXIT.USAGE, { usage: true });
const paramError = (message) => new CliError(message, EXIT.USAGE);

const USAGE = `usage: ${PROG} [options] <command> [parameters]
To see help text, you can run:

  ${PROG} help
  ${PROG} <command> help
`;

// ---- the command line --------------------------------------------------------------------------

/**
 * Splits argv into the global options, the command (+ waiter) and the command's raw parameters.
 * @returns {{globals: object, command?: string, waiter?: string, help: boolean, raw: Map<string, string[]>, spec?: object}}
 */
export function parseArgs(argv) {
  const globals = {};
  const raw = new Map();
  const positionals = [];
  const unknown = [];
  let help = false;
  let spec;

  for (let i = 0; i < argv.length; i++) {
    const token = argv[i];
    if (!token.startsWith('--') || token === '--') {
      if (token === 'help') {
        help = true;
      } else if (positionals.length === 0) {
        positionals.push(token);
        spec = commandSpec(token);
      } else if (positionals.length === 1 && spec?.wait) {
        positionals.push(token);
      } else {
        unknown.push(token);
      }
      continue;
    }
    const eq = token.indexOf('=');
    const flag = eq > 0 ? token.slice(0, eq) : token;
    const inline = eq > 0 ? token.slice(eq + 1) : undefined;
    const takeOne = () => {
      if (inline !== undefined) return inline;
      const next = argv[i + 1];
      if (next === undefined || (next.startsWith('--') && next.length > 2)) throw usageError(`argument ${flag}: expected one argument`);
      i++;
      return next;
    };
    if (GLOBAL_SWITCHES.has(flag)) {
      if (inline !== undefined) throw usageError(`argument ${flag}: ignored explicit argument '${inline}'`);
      if (flag === '--help') help = true;
      else globals[flag.slice(2)] = true;
      continue;
    }
    if (GLOBAL_VALUE_FLAGS.has(flag)) {
      globals[flag.slice(2)] = takeOne();
      continue;
    }
    const param = spec?.allParams?.[flag];
    if (!param) {
      unknown.push(token);
      // Skip this unknown option's values, as the AWS CLI reports only the option.
      if (inline === undefined) while (i + 1 < argv.length && !argv[i + 1].startsWith('--')) i++;
      continue;
    }
    if (param.type === 'list') {
      const values = inline !== undefined ? [inline] : [];
      while (inline === undefined && i + 1 < argv.length && !(argv[i + 1].startsWith('--') && argv[i + 1].length > 2)) values.push(argv[++i]);
      if (values.length === 0) throw usageError(`argument ${flag}: expected at least one argument`);
      raw.set(flag, values);
    } else {
      raw.set(flag, [takeOne()]);
    }
  }

  const [command, second] = positionals;
  const result = { globals, raw, help, command, spec };
  if (spec?.wait) result.waiter = second;
  if (help || globals.version) return result;
  if (command === undefined) throw usageError('the following arguments are required: command');
  if (!spec) {
    throw usageError(`argument command: Invalid choice, valid choices are:\n\n${[...Object.keys(COMMANDS), 'wait'].join(' | ')}`);
  }
  if (spec.wait) {
    if (second === undefined) throw usageError('the following arguments are required: waiter_name');
    if (!WAITERS[second]) throw usageError(`argument waiter_name: Invalid choice, valid choices are:\n\n${Object.keys(WAITERS).join(' | ')}`);
  }
  if (unknown.length) throw usageError(`Unknown options: ${unknown.join(', ')}`);
  if (globals.output !== undefined && !OUTPUTS.includes(globals.output)) {
    throw usageError(`argument --output: Invalid choice, valid choices are:\n\n${OUTPUTS.join(' | ')}`);
  }
  return result;
}

function commandSpec(name) {
  if (name === 'wait') return { wait: true, allParams: WAITER_PARAMS };
  const spec = COMMANDS[name];
  if (!spec) return undefined;
  return { ...spec, allParams: spec.resultKey ? { ...spec.params, ...PAGINATION_PARAMS } : spec.params };
}

/** The contents of file://PATH (text) or fileb://PATH; any other value as given. */
function paramValue(flag, value) {
  for (const prefix of ['file://', 'fileb://']) {
    if (!value.startsWith(prefix)) continue;
    const path = value.slice(prefix.length);
    try {
      return readFileSync(path, 'utf8');
    } catch (err) {
      throw paramError(`Error parsing parameter '${flag}': Unable to load paramfile ${value}: ${err.code === 'ENOENT' ? `No such file or directory: '${path}'` : err.message}`);
    }
  }
  return value;
}

function parseJson(flag, text) {
  try {
    return JSON.parse(text);
  } catch (err) {
    throw paramError(`Error parsing parameter '${flag}': Invalid JSON: ${err.message}\nJSON received: ${text}`);
  }
}

/** A list parameter: one JSON array, or items each given as JSON or AWS CLI shorthand. */
function parseList(flag, values, shape) {
  const texts = values.map((v) => paramValue(flag, v));
  const first = texts[0].trimStart();
  if (texts.length === 1 && first.startsWith('[')) {
    const list = parseJson(flag, texts[0]);
    if (!Array.isArray(list)) throw paramError(`Error parsing parameter '${flag}': expected a JSON list`);
    return list;
  }
  return texts.map((text) => (text.trimStart().startsWith('{') ? parseJson(flag, text) : parseShorthand(flag, text, shape)));
}

/**
 * AWS CLI shorthand: key=value,key2=value2 with values that may be [a,b] lists, {k=v} structures,
 * or "quoted"/'quoted' strings. Values are coerced by the shape (numbers for floats).
 */
export function parseShorthand(flag, text, shape = {}) {
  let i = 0;
  const fail = (why) => {
    throw paramError(`Error parsing parameter '${flag}': ${why}, received: ${text}`);
  };
  const skipSpaces = () => {
    while (text[i] === ' ') i++;
  };
  function value(stops) {
    skipSpaces();
    if (text[i] === '[') {
      i++;
      const list = [];
      skipSpaces();
      if (text[i] === ']') return i++, list;
      for (;;) {
        list.push(value(',]'));
        skipSpaces();
        if (text[i] === ',') i++;
        else if (text[i] === ']') return i++, list;
        else fail('Expected "," or "]"');
      }
    }
    if (text[i] === '{') {
      i++;
      const obj = struct('}');
      if (text[i] !== '}') fail('Expected "}"');
      i++;
      return obj;
    }
    if (text[i] === '"' || text[i] === "'") {
      const quote = text[i++];
      let s = '';
      while (i < text.length && text[i] !== quote) {
        if (text[i] === '\\' && i + 1 < text.length) i++;
        s += text[i++];
      }
      if (text[i] !== quote) fail('Unterminated quoted string');
      i++;
      return s;
    }
    let s = '';
    while (i < text.length && !stops.includes(text[i])) s += text[i++];
    return s.trim();
  }
  function struct(end) {
    const obj = {};
    for (;;) {
      skipSpaces();
      const eq = text.indexOf('=', i);
      if (eq < 0) fail('Expected: "=", key=value');
      const key = text.slice(i, eq).trim();
      if (!key || /[,{}[\]]/.test(key)) fail(`Expected: "=", key=value`);
      i = eq + 1;
      obj[key] = value(`,${end}`);
      skipSpaces();
      if (text[i] === ',') i++;
      else break;
    }
    return obj;
  }
  const out = struct('');
  if (i < text.length) fail(`Unexpected "${text[i]}"`);
  return coerce(out, shape);
}

function coerce(value, shape) {
  if (shape === 'float' && typeof value === 'string' && value.trim() !== '' && !Number.isNaN(Number(value))) return Number(value);
  if (Array.isArray(shape) && Array.isArray(value)) return value.map((v) => coerce(v, shape[0]));
  if (shape && typeof shape === 'object' && !Array.isArray(shape) && value && typeof value === 'object' && !Array.isArray(value)) {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, coerce(v, shape[k])]));
  }
  return value;
}

/** sentAt: epoch seconds stay numbers; ISO 8601 (or numeric) strings become Dates / numbers. */
function normalizeEvents(eventList) {
  if (!Array.isArray(eventList)) return eventList;
  return eventList.map((event) => {
    if (!event || typeof event !== 'object' || typeof event.sentAt !== 'string') return event;
    const s = event.sentAt.trim();
    if (/^-?\d+(\.\d+)?$/.test(s)) return { ...event, sentAt: Number(s) };
    const ms = Date.parse(s);
    return Number.isNaN(ms) ? event : { ...event, sentAt: new Date(ms) };
  });
}

function parseInteger(flag, text) {
  if (!/^[-+]?\d+$/.test(text.trim())) throw usageError(`argument ${flag}: invalid int value: '${text}'`);
  return Number(text);
}

function parseNumber(flag, text) {
  const n = Number(text);
  if (text.trim() === '' || !Number.isFinite(n)) throw usageError(`argument ${flag}: invalid float value: '${text}'`);
  if (n <= 0) throw usageError(`argument ${flag}: must be a positive number of seconds`);
  return n;
}

/** The operation input: --cli-input-json, then the explicit flags over it. Also the CLI-only options. */
function buildInput(parsed) {
  const { spec, raw, globals } = parsed;
  let input = {};
  if (globals['cli-input-json'] !== undefined) {
    const text = paramValue('cli-input-json', globals['cli-input-json']);
    let json;
    try {
      json = JSON.parse(text);
    } catch {
      throw paramError(`Error parsing parameter 'cli-input-json': Invalid JSON received.\nJSON received: ${text}`);
    }
    if (!json || typeof json !== 'object' || Array.isArray(json)) {
      throw paramError(`Error parsing parameter 'cli-input-json': Invalid JSON received: expected a JSON object.`);
    }
    input = { ...json };
  }
  const cliOptions = {};
  for (const [flag, values] of raw) {
    const param = spec.allParams[flag];
    let value;
    if (param.type === 'list') value = parseList(flag, values, param.shape);
    else if (param.type === 'integer') value = parseInteger(flag, paramValue(flag, values[0]));
    else if (param.type === 'number') value = parseNumber(flag, paramValue(flag, values[0]));
    else value = paramValue(flag, values[0]);
    if (param.member) input[param.member] = value;
    else cliOptions[flag.slice(2)] = value;
  }
  const missing = Object.entries(spec.allParams).filter(([, p]) => p.required && input[p.member] === undefined).map(([flag]) => flag);
  if (missing.length) throw usageError(`the following arguments are required: ${missing.join(', ')}`);
  if (spec.events) input.eventList = normalizeEvents(input.eventList);
  return { input, cliOptions };
}

// ---- output ------------------------------------------------------------------------------------

const pad = (n, width = 2) => String(n).padStart(width, '0');

/** A Date as the AWS CLI prints timestamps: ISO 8601 in local time with its offset, microseconds. */
export function formatTimestamp(date) {
  if (Number.isNaN(date.getTime())) return 'Invalid Date';
  const offset = -date.getTimezoneOffset();
  const local = new Date(date.getTime() + offset * 60_000);
  const ms = local.getUTCMilliseconds();
  const sign = offset < 0 ? '-' : '+';
  const abs = Math.abs(offset);
  return `${pad(local.getUTCFullYear(), 4)}-${pad(local.getUTCMonth() + 1)}-${pad(local.getUTCDate())}T${pad(local.getUTCHours())}:`
    + `${pad(local.getUTCMinutes())}:${pad(local.getUTCSeconds())}${ms ? `.${pad(ms, 3)}000` : ''}${sign}${pad(Math.floor(abs / 60))}:${pad(abs % 60)}`;
}

/** The output as plain data: no $metadata, Dates as the CLI's timestamp strings. */
function plain(value) {
  if (value instanceof Date) return formatTimestamp(value);
  if (Array.isArray(value)) return value.map(plain);
  if (value && typeof value === 'object') {
    const out = {};
    for (const [k, v] of Object.entries(value)) if (k !== '$metadata' && v !== undefined) out[k] = plain(v);
    return out;
  }
  return value;
}

// JSON.stringify escapes C0 controls; the other terminal-unsafe characters become \u escapes too,
// which JSON reads back as the same string.
const JSON_UNSAFE = /[\u007f-\u009f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;

function formatJson(data) {
  return `${JSON.stringify(data, null, 4).replace(JSON_UNSAFE, (c) => `\\u${hex(c).padStart(4, '0')}`)}\n`;
}

// The AWS CLI's text format (awscli/text.py): scalars of a structure on one tab-separated line,
// prefixed by the upper-cased name of the member that holds it; lists of structures one line each.
const isScalar = (v) => v === null || typeof v !== 'object';
const str = (v) => (v === null ? 'None' : v === true ? 'True' : v === false ? 'False' : escapeControls(v));
const label = (identifier) => escapeControls(identifier.toUpperCase());
const byCodePoint = (a, b) => (a < b ? -1 : a > b ? 1 : 0);

export function formatText(data) {
  const lines = [];
  const text = (item, identifier, scalarKeys) => {
    if (Array.isArray(item)) list(item, identifier);
    else if (item && typeof item === 'object') dict(item, identifier, scalarKeys);
    else lines.push(str(item));
  };
  const scalarList = (items, identifier) => {
    if (identifier !== undefined) for (const v of items) lines.push(`${label(identifier)}\t${str(v)}`);
    else lines.push(items.map(str).join('\t'));
  };
  const list = (items, identifier) => {
    if (items.length === 0) return;
    if (items.some((e) => e && typeof e === 'object' && !Array.isArray(e))) {
      const keys = new Set();
      for (const e of items) if (e && typeof e === 'object') for (const [k, v] of Object.entries(e)) if (isScalar(v)) keys.add(k);
      const all = [...keys].sort(byCodePoint);
      for (const e of items) text(e, identifier, all);
    } else if (items.some(Array.isArray)) {
      const scalars = items.filter(isScalar);
      if (scalars.length) scalarList(scalars, identifier);
      for (const e of items.filter((x) => !isScalar(x))) text(e, identifier);
    } else {
      scalarList(items, identifier);
    }
  };
  const dict = (obj, identifier, scalarKeys) => {
    const scalars = [];
    const nested = [];
    if (scalarKeys === undefined) {
      for (const key of Object.keys(obj).sort(byCodePoint)) {
        if (isScalar(obj[key])) scalars.push(str(obj[key]));
        else nested.push([key, obj[key]]);
      }
    } else {
      for (const key of scalarKeys) scalars.push(key in obj ? str(obj[key]) : '');
      for (const key of Object.keys(obj).filter((k) => !scalarKeys.includes(k)).sort(byCodePoint)) nested.push([key, obj[key]]);
    }
    if (scalars.length) lines.push((identifier !== undefined ? [label(identifier), ...scalars] : scalars).join('\t'));
    for (const [key, value] of nested) text(value, key);
  };
  text(data);
  return lines.length ? `${lines.join('\n')}\n` : '';
}

function render(data, output) {
  const out = plain(data);
  // Like the AWS CLI, an operation without output (DeleteEventTracker, PutEvents) prints nothing.
  if (out && typeof out === 'object' && Object.keys(out).length === 0) return '';
  if (output !== 'text') return formatJson(out);
  // The AWS CLI's text format prints a paginated result's NextToken last, as its own section.
  const { NextToken, ...rest } = out;
  return formatText(rest) + (NextToken !== undefined ? formatText({ NextToken: { NextToken } }) : '');
}

// ---- pagination (AWS CLI style) ----------------------------------------------------------------

/** The AWS CLI's NextToken: base64 of {"nextToken", "boto_truncate_amount"}. */
function encodeToken(token) {
  return Buffer.from(JSON.stringify(token)).toString('base64');
}

function decodeToken(text) {
  try {
    const decoded = JSON.parse(Buffer.from(text, 'base64').toString('utf8'));
    if (decoded && typeof decoded === 'object' && !Array.isArray(decoded) && Buffer.from(text, 'base64').toString('base64').replace(/=+$/, '') === text.replace(/=+$/, '')) {
      return { nextToken: decoded.nextToken ?? undefined, skip: Number(decoded.boto_truncate_amount) || 0 };
    }
  } catch {
    // not one of ours: the service's own token
  }
  return { nextToken: text, skip: 0 };
}

async function paginateAll(client, spec, input, { maxItems, pageSize, startingToken }, options) {
  const start = startingToken !== undefined ? decodeToken(startingToken) : { nextToken: input.nextToken, skip: 0 };
  const request = { ...input, nextToken: start.nextToken };
  if (pageSize !== undefined) request.maxResults = pageSize;
  if (request.nextToken === undefined) delete request.nextToken;
  const paginator = spec.resultKey === 'eventTrackers' ? 'paginateListEventTrackers' : 'paginateListDatasetGroups';
  const items = [];
  let pageToken = start.nextToken; // the token that asked for the current page
  let skip = start.skip;
  let nextToken;
  for await (const page of client[paginator](request, options)) {
    const pageItems = page[spec.resultKey] ?? [];
    for (let k = skip; k < pageItems.length; k++) {
      if (maxItems !== undefined && items.length >= maxItems) {
        nextToken = encodeToken({ ...(pageToken !== undefined ? { nextToken: pageToken } : {}), boto_truncate_amount: k });
        break;
      }
      items.push(pageItems[k]);
    }
    if (nextToken !== undefined) break;
    skip = 0;
    pageToken = page.nextToken;
    if (maxItems !== undefined && items.length >= maxItems && page.nextToken) {
      nextToken = encodeToken({ nextToken: page.nextToken });
      break;
    }
  }
  const result = { [spec.resultKey]: items };
  if (nextToken !== undefined) result.NextToken = nextToken;
  return result;
}

// ---- help --------------------------------------------------------------------------------------

function paramLine(flag, p) {
  const arg = p.type === 'list' ? ' <value> [<value> ...]' : p.type === 'integer' || p.type === 'number' ? ' <number>' : ' <value>';
  const usage = p.required ? `${flag}${arg}` : `[${flag}${arg}]`;
  return `  ${usage}${p.help ? `\n      ${p.help}` : ''}`;
}

function helpText(parsed) {
  const version = packageVersion();
  const globalHelp = `Global options:
  --region <region>          the AWS region (else AWS_REGION, AWS_DEFAULT_REGION, the profile's region)
  --profile <name>           a profile of ~/.aws/credentials and ~/.aws/config
  --endpoint-url <url>       send requests to this URL (e.g. the local emulator)
  --output json|text         json (default): 4-space indented; text: tab-separated
  --cli-input-json <json>    the operation's input as JSON (or file://input.json), API member names;
                             explicit parameters override its members
  --no-paginate              one service call for list commands, printing the service's nextToken
  --debug                    log each request (canonical request, string to sign, headers) to stderr
  --version, --help`;
  const { command, waiter, spec } = parsed;
  if (spec?.wait && waiter && WAITERS[waiter]) {
    const w = WAITERS[waiter];
    return `${PROG} wait ${waiter}\n\n${w.summary}\nPrints nothing on success; exits 255 with "Waiter ${w.name} failed: ..." otherwise.\n\nSynopsis:\n${Object.entries(WAITER_PARAMS).map(([f, p]) => paramLine(f, p)).join('\n')}\n\n${globalHelp}\n`;
  }
  if (spec?.wait) {
    return `${PROG} wait <waiter> [parameters]\n\nWaiters:\n${Object.entries(WAITERS).map(([n, w]) => `  ${n.padEnd(24)} ${w.summary}`).join('\n')}\n\n${globalHelp}\n`;
  }
  if (spec) {
    const params = Object.entries(spec.allParams).filter(([, p]) => !p.hidden);
    return `${PROG} ${command}\n\n${spec.summary}\nOperation: ${spec.operation}\n\nSynopsis:\n${params.map(([f, p]) => paramLine(f, p)).join('\n')}\n\n${globalHelp}\n`;
  }
  const list = Object.entries(COMMANDS).map(([n, c]) => `  ${n.padEnd(24)} ${c.summary}`).join('\n');
  return `${PROG} ${version}: Amazon Personalize event trackers from the command line, with a WebAssembly core.

Usage: ${PROG} [options] <command> [parameters]

Commands:
${list}
  ${'wait'.padEnd(24)} event-tracker-active | event-tracker-deleted

${globalHelp}

Credentials and region come from the options, then AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY /
AWS_SESSION_TOKEN, AWS_REGION / AWS_DEFAULT_REGION, AWS_PROFILE and the shared files.
Exit codes: 0 ok, 252 bad command line or parameters, 253 configuration or credentials,
254 service error, 255 other errors, 130 interrupted.
`;
}

function packageVersion() {
  try {
    return JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')).version;
  } catch {
    return 'unknown';
  }
}

// ---- debug logging -------------------------------------------------------------------------------

function debugLogger(enabled, secrets) {
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
function debugFetch(getClient, debug) {
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

// ---- running -------------------------------------------------------------------------------------

function clientOptions(globals, fetchImpl) {
  const options = {};
  if (globals.region !== undefined) options.region = globals.region;
  if (globals['endpoint-url'] !== undefined) options.endpoint = globals['endpoint-url'];
  if (globals.profile !== undefined) options.profile = globals.profile;
  const maxAttempts = Number(process.env.AWS_MAX_ATTEMPTS);
  if (Number.isInteger(maxAttempts) && maxAttempts > 0) options.maxAttempts = maxAttempts;
  if (fetchImpl) options.fetch = fetchImpl;
  return options;
}

async function defaultOutput(globals) {
  if (globals.output !== undefined) return globals.output;
  const env = process.env.AWS_DEFAULT_OUTPUT;
  if (env && OUTPUTS.includes(env)) return env;
  try {
    const profile = await loadProfile(globals.profile ?? process.env.AWS_PROFILE ?? 'default');
    if (OUTPUTS.includes(profile?.output)) return profile.output;
  } catch {
    // unreadable shared files: the client reports them
  }
  return 'json';
}

/** Runs one command line; resolves to { stdout, exitCode } (stderr is written as it goes). */
export async function run(argv, { signal } = {}) {
  const parsed = parseArgs(argv);
  if (parsed.globals.version && !parsed.help) {
    return { stdout: `${PROG}/${packageVersion()} Node.js/${process.version} ${process.platform}/${process.arch}\n`, exitCode: EXIT.OK };
  }
  if (parsed.help) return { stdout: helpText(parsed), exitCode: EXIT.OK };
  const { globals, spec } = parsed;
  const { input, cliOptions } = buildInput(parsed);
  const output = await defaultOutput(globals);

  // Like the AWS CLI, an explicit --profile takes precedence over credentials in the environment.
  if (globals.profile !== undefined) {
    for (const name of ['AWS_ACCESS_KEY_ID', 'AWS_SECRET_ACCESS_KEY', 'AWS_SESSION_TOKEN']) delete process.env[name];
  }

  let client;
  const secrets = () => {
    const c = client?.config?.credentials;
    return [c?.secretAccessKey, c?.sessionToken, process.env.AWS_SECRET_ACCESS_KEY, process.env.AWS_SESSION_TOKEN];
  };
  const debug = debugLogger(!!globals.debug, secrets);
  debug.log(`${PROG}/${packageVersion()} Node.js/${process.version} ${process.platform}/${process.arch}`);
  debug.log(`Arguments entered to CLI: ${JSON.stringify(argv)}`);
  const options = clientOptions(globals, debug.enabled ? debugFetch(() => client, debug) : undefined);
  const ClientClass = spec.events ? PersonalizeEventsClient : PersonalizeClient;
  client = new ClientClass(options);
  const callOptions = signal ? { signal } : undefined;

  if (spec.wait) {
    const waiter = WAITERS[parsed.waiter];
    const waitOptions = { signal };
    if (cliOptions.delay !== undefined) waitOptions.minDelay = cliOptions.delay;
    if (cliOptions['max-delay'] !== undefined) waitOptions.maxDelay = cliOptions['max-delay'];
    else if (cliOptions.delay !== undefined) waitOptions.maxDelay = Math.max(cliOptions.delay, 30);
    if (cliOptions['max-wait-time'] !== undefined) waitOptions.maxWaitTime = cliOptions['max-wait-time'];
    if (debug.enabled) waitOptions.onStatus = (status) => debug.log(`Waiter ${waiter.name}: status ${status}`);
    try {
      await client[waiter.method](input, waitOptions);
    } catch (err) {
      if (err.$fault) throw new CliError(`Waiter ${waiter.name} failed: An error occurred (${escapeControls(err.name)}): ${escapeControls(err.message)}`, EXIT.OTHER);
      if (err.name === 'WaiterFailureError' || err.name === 'WaiterTimeoutError') {
        throw new CliError(`Waiter ${waiter.name} failed: ${escapeControls(err.message)}`, EXIT.OTHER);
      }
      throw err;
    }
    return { stdout: '', exitCode: EXIT.OK };
  }

  debug.log(`Operation ${spec.operation}`);
  let result;
  try {
    const explicitPaging = parsed.raw.has('--max-results') || parsed.raw.has('--next-token');
    if (spec.resultKey && !globals['no-paginate'] && !explicitPaging) {
      for (const key of ['max-items', 'page-size']) {
        if (cliOptions[key] !== undefined && cliOptions[key] < 1) throw paramError(`argument --${key}: must be a positive integer`);
      }
      result = await paginateAll(client, spec, input, {
        maxItems: cliOptions['max-items'], pageSize: cliOptions['page-size'], startingToken: cliOptions['starting-token'],
      }, callOptions);
    } else {
      if (spec.resultKey) {
        if (cliOptions['page-size'] !== undefined && input.maxResults === undefined) input.maxResults = cliOptions['page-size'];
        if (cliOptions['starting-token'] !== undefined && input.nextToken === undefined) input.nextToken = decodeToken(cliOptions['starting-token']).nextToken;
      }
      result = await client[spec.method](input, callOptions);
    }
  } catch (err) {
    if (err.$fault || err.name === 'PaginationError') err.operation = spec.operation;
    throw err;
  }
  return { stdout: render(result, output), exitCode: EXIT.OK };
}

/** The message and exit code for an error, as the AWS CLI reports it. */
export function describeError(err) {
  if (err instanceof CliError) {
    return err.usage ? { message: `${USAGE}\n${PROG}: error: ${err.message}`, exitCode: err.exitCode }
      : { message: `\n${err.message}`, exitCode: err.exitCode };
  }
  // Names and messages may come from the server: one line each, controls escaped.
  const name = escapeControls(err?.name);
  const message = escapeControls(err?.message ?? err);
  if (err?.$fault) {
    const attempts = err.$metadata?.attempts;
    const retries = attempts > 1 ? ` (reached max retries: ${attempts - 1})` : '';
    return { message: `\nAn error occurred (${name}) when calling the ${err.operation ?? 'service'} operation${retries}: ${message}`, exitCode: EXIT.SERVICE };
  }
  if (name === 'ValidationError') {
    const lines = Array.isArray(err.errors) && err.errors.length
      ? err.errors.map((e) => `Invalid value for parameter ${escapeControls(e.field)}, ${escapeControls(e.message)}`)
      : [message];
    return { message: `\nParameter validation failed:\n${lines.join('\n')}`, exitCode: EXIT.USAGE };
  }
  if (/Missing Region/.test(message) && (name === 'EndpointError' || name === 'ConfigurationError')) {
    return { message: '\nYou must specify a region. You can also configure your region by running "aws configure".', exitCode: EXIT.CONFIG };
  }
  if (name === 'CredentialsProviderError') {
    const profile = /^The profile "(.*)" is not in/.exec(message);
    if (profile) return { message: `\nThe config profile (${profile[1]}) could not be found`, exitCode: EXIT.CONFIG };
    return { message: '\nUnable to locate credentials. You can configure credentials by running "aws configure".', exitCode: EXIT.CONFIG };
  }
  if (name === 'EndpointError' || name === 'ConfigurationError') return { message: `\n${message}`, exitCode: EXIT.CONFIG };
  if (name === 'AbortError') return { message: '', exitCode: EXIT.INTERRUPTED };
  // The paginator's bounds (the glue's: DEFAULT_MAX_PAGES pages, a repeated token), worded as botocore does.
  if (name === 'PaginationError') return { message: `\nError during pagination (${err.operation ?? 'service'} operation): ${message}`, exitCode: EXIT.OTHER };
  if (name === 'NetworkError' || name === 'TimeoutError') return { message: `\n${message}`, exitCode: EXIT.OTHER };
  return { message: `\n${message}`, exitCode: EXIT.OTHER };
}

async function main() {
  // Output piped into something that stops reading (| head): end quietly.
  process.stdout.on('error', (err) => process.exit(err.code === 'EPIPE' ? EXIT.OK : EXIT.OTHER));
  const controller = new AbortController();
  process.on('SIGINT', () => {
    controller.abort();
    process.stderr.write('\n');
    process.exit(EXIT.INTERRUPTED);
  });
  let exitCode;
  try {
    const result = await run(process.argv.slice(2), { signal: controller.signal });
    if (result.stdout) await new Promise((resolve) => process.stdout.write(result.stdout, resolve));
    exitCode = result.exitCode;
  } catch (err) {
    const described = describeError(err);
    if (process.argv.includes('--debug') && !(err instanceof CliError) && err?.stack) {
      const frames = String(err.stack).split('\n').filter((line) => /^\s+at /.test(line));
      process.stderr.write(`${[`${escapeControls(err.name)}: ${escapeControls(err.message)}`, ...frames.map(escapeControls)].join('\n')}\n`);
    }
    if (described.message) await new Promise((resolve) => process.stderr.write(`${described.message}\n`, resolve));
    exitCode = described.exitCode;
  }
  process.exit(exitCode);
}

// Run when executed (node web/cli.mjs, or npx personalize-wasm through the bin symlink), not when imported.
const invokedDirectly = (() => {
  try {
    return !!process.argv[1] && realpathSync(process.argv[1]) === realpathSync(fileURLToPath(import.meta.url));
  } catch {
    return false;
  }
})();

if (invokedDirectly) main();
