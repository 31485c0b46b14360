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
import jmespath from 'jmespath';
import { parse as parseYaml } from 'yaml';
import { fileURLToPath } from 'node:url';
import { DEFAULT_MAX_RESPONSE_BYTES, PersonalizeClient, PersonalizeEventsClient } from '../lib/personalize.mjs';
import { loadProfile } from './config.mjs';
import { COMMAND_PARAMS } from './params.mjs';
import {
  escapeControls, formatJson, formatTable, formatText, formatTimestamp, formatYaml, plain, pyJsonDumps, pyRepr,
} from './output.mjs';

const PROG = 'personalize-wasm';
const EXIT = { OK: 0, USAGE: 252, CONFIG: 253, SERVICE: 254, OTHER: 255, INTERRUPTED: 130 };

// ---- the commands ------------------------------------------------------------------------------

// The commands and their parameters (flag -> member, type, required, list item shape, the model's
// constraints as help) are generated from the model: ./node-cli-params.mjs. What the CLI adds is
// here: a summary per command, paginated list commands (resultKey, their paging members hidden as
// the AWS CLI hides them), and longer help where shorthand needs explaining.
const PRESENTATION = {
  'create-event-tracker': {
    summary: 'Creates an event tracker for a dataset group; prints its ARN and tracking ID.',
    help: {
      '--dataset-group-arn': 'the dataset group that receives the events',
      '--tags': 'tagKey=k,tagValue=v [tagKey=k2,tagValue=v2 ...] or JSON [{"tagKey":"k","tagValue":"v"}]',
    },
  },
  'describe-event-tracker': { summary: 'Describes an event tracker (status, tracking ID, timestamps).' },
  'list-event-trackers': {
    summary: 'Lists event trackers, optionally of one dataset group (all pages unless --no-paginate).',
    resultKey: 'eventTrackers', paginator: 'paginateListEventTrackers',
  },
  'delete-event-tracker': { summary: 'Deletes an event tracker (it goes DELETE PENDING, DELETE IN_PROGRESS, then away).' },
  'put-events': {
    summary: 'Records events for the tracking ID of an ACTIVE event tracker.',
    help: {
      '--event-list': 'file://events.json or JSON [{"eventType":"click","sentAt":1764151200,"itemId":"i1"}]; sentAt in epoch seconds or ISO 8601',
    },
  },
  'create-dataset-group': { summary: 'Creates a dataset group.', help: { '--tags': 'as for create-event-tracker' } },
  'describe-dataset-group': { summary: 'Describes a dataset group.' },
  'list-dataset-groups': {
    summary: 'Lists dataset groups (all pages unless --no-paginate).',
    resultKey: 'datasetGroups', paginator: 'paginateListDatasetGroups',
  },
  'delete-dataset-group': { summary: 'Deletes a dataset group that has no event tracker.' },
  'tag-resource': { summary: 'Adds tags to a resource (an event tracker, a dataset group, ...).', help: { '--tags': 'as for create-event-tracker' } },
  'untag-resource': { summary: "Removes a resource's tags by key.", help: { '--tag-keys': 'key [key2 ...] or JSON ["key","key2"]' } },
  'list-tags-for-resource': { summary: "Lists a resource's tags." },
};
const PAGING_MEMBERS = ['maxResults', 'nextToken'];

/** Parameters: flag -> { member (the API's name), type, required, shape (list items), help, hidden }. */
const COMMANDS = Object.fromEntries(Object.entries(COMMAND_PARAMS).map(([name, generated]) => {
  const extra = PRESENTATION[name] ?? {};
  const params = Object.fromEntries(Object.entries(generated.params).map(([flag, p]) => {
    const param = { ...p, help: extra.help?.[flag] ?? p.help };
    if (extra.resultKey && PAGING_MEMBERS.includes(p.member)) param.hidden = true;
    return [flag, param];
  }));
  return [name, {
    ...generated, summary: extra.summary ?? `Calls ${generated.operation}.`, resultKey: extra.resultKey,
    paginator: extra.paginator, events: generated.service === 'personalize-events', params,
  }];
}));

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

const GLOBAL_VALUE_FLAGS = new Set(['--region', '--profile', '--endpoint-url', '--output', '--query', '--color',
  '--cli-read-timeout', '--cli-connect-timeout', '--cli-input-json', '--cli-input-yaml']);
const GLOBAL_SWITCHES = new Set(['--debug', '--no-paginate', '--help', '--version', '--no-cli-pager']);
/** Options whose value may be left out (argparse's nargs='?'): the value used then. */
const OPTIONAL_VALUE = { '--generate-cli-skeleton': 'input' };
const CHOICES = {
  '--output': ['json', 'text', 'table', 'yaml', 'yaml-stream'],
  '--color': ['on', 'off', 'auto'],
  '--generate-cli-skeleton': ['input', 'output', 'yaml-input'],
};
const OUTPUTS = CHOICES['--output'];
/** The AWS CLI's service words: `personalize <command>`, `personalize-events put-events`. */
const SERVICES = {
  personalize: () => [...Object.keys(COMMANDS).filter((c) => !COMMANDS[c].events), 'wait'],
  'personalize-events': () => Object.keys(COMMANDS).filter((c) => COMMANDS[c].events),
};

// ---- terminal safety and output formats: ./node-cli-output.mjs ----------------------------------------

export { escapeControls, formatText, formatTimestamp };

// ---- errors ------------------------------------------------------------------------------------

class CliError extends Error {
  constructor(message, code, { usage = false, unknown = false } = {}) {
    super(message);
    this.exitCode = code;
    this.usage = usage;
    this.unknown = unknown;
  }
}
const usageError = (message) => new CliError(message, EXIT.USAGE, { usage: true });
const unknownOptionsError = (tokens) => new CliError(`Unknown options: ${tokens.join(', ')}`, EXIT.USAGE, { unknown: true });
const paramError = (message) => new CliError(message, EXIT.USAGE);

// The AWS CLI's usage block (awscli/argparser.py), with this program's name and the flat form too.
const USAGE = `usage: ${PROG} [options] <command> <subcommand> [<subcommand> ...] [parameters]
To see help text, you can run:

  ${PROG} help
  ${PROG} <command> help
  ${PROG} <command> <subcommand> help
`;

/** difflib.SequenceMatcher(None, a, b).ratio(), without the junk heuristic (short strings). */
function similarity(a, b) {
  const matches = (aLo, aHi, bLo, bHi) => {
    let best = [aLo, bLo, 0];
    for (let i = aLo; i < aHi; i++) {
      for (let j = bLo; j < bHi; j++) {
        let k = 0;
        while (i + k < aHi && j + k < bHi && a[i + k] === b[j + k]) k++;
        if (k > best[2]) best = [i, j, k];
      }
    }
    const [i, j, k] = best;
    return k === 0 ? 0 : k + matches(aLo, i, bLo, j) + matches(i + k, aHi, j + k, bHi);
  };
  return a.length + b.length === 0 ? 1 : (2 * matches(0, a.length, 0, b.length)) / (a.length + b.length);
}

/** argparse's "Invalid choice" text as the AWS CLI lays it out: two columns, then close matches. */
function invalidChoice(value, choices) {
  const lines = ['Invalid choice, valid choices are:\n'];
  for (let i = 0; i < choices.length; i += 2) lines.push(choices.slice(i, i + 2).map((c) => c.padEnd(40)).join(' | '));
  // difflib.get_close_matches(value, choices, cutoff=0.8): the best 3, ties by name, descending.
  const close = choices.map((c) => [similarity(value, c), c]).filter(([r]) => r >= 0.8)
    .sort((x, y) => y[0] - x[0] || (x[1] < y[1] ? 1 : x[1] > y[1] ? -1 : 0)).slice(0, 3);
  if (close.length) lines.push(`\n\nInvalid choice: ${pyRepr(value)}, maybe you meant:\n`, ...close.map(([, c]) => `  * ${c}`));
  return lines.join('\n');
}

// ---- the command line --------------------------------------------------------------------------

/**
 * Splits argv into the global options, the command (+ waiter) and the command's raw parameters.
 * The command is `<command>` or, as the AWS CLI names it, `personalize <command>` /
 * `personalize-events put-events`.
 * @returns {{globals: object, service?: string, command?: string, waiter?: string, help: boolean, raw: Map<string, string[]>, spec?: object}}
 */
export function parseArgs(argv) {
  const globals = {};
  const raw = new Map();
  const positionals = [];
  const unknown = [];
  let help = false;
  let service;
  let spec;

  for (let i = 0; i < argv.length; i++) {
    const token = argv[i];
    if (!token.startsWith('--') || token === '--') {
      if (token === 'help') {
        help = true;
      } else if (positionals.length === 0 && service === undefined && SERVICES[token]) {
        service = token;
      } else if (positionals.length === 0) {
        positionals.push(token);
        if (service === undefined || SERVICES[service]().includes(token)) spec = commandSpec(token);
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
    const checked = (value) => {
      if (CHOICES[flag] && !CHOICES[flag].includes(value)) throw usageError(`argument ${flag}: ${invalidChoice(value, CHOICES[flag])}`);
      return value;
    };
    if (GLOBAL_SWITCHES.has(flag)) {
      if (inline !== undefined) throw usageError(`argument ${flag}: ignored explicit argument '${inline}'`);
      if (flag === '--help') help = true;
      else globals[flag.slice(2)] = true;
      continue;
    }
    if (GLOBAL_VALUE_FLAGS.has(flag)) {
      globals[flag.slice(2)] = checked(takeOne());
      continue;
    }
    if (OPTIONAL_VALUE[flag] !== undefined) {
      const next = argv[i + 1];
      if (inline !== undefined) globals[flag.slice(2)] = checked(inline);
      else if (next !== undefined && !next.startsWith('-')) globals[flag.slice(2)] = checked(argv[++i]);
      else globals[flag.slice(2)] = OPTIONAL_VALUE[flag];
      continue;
    }
    const param = spec?.allParams?.[flag];
    if (!param) {
      // As argparse: an unknown option and the values after it are all reported.
      unknown.push(token);
      if (inline === undefined) while (i + 1 < argv.length && !argv[i + 1].startsWith('--')) unknown.push(argv[++i]);
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
  const result = { globals, raw, help, service, command, spec };
  if (spec?.wait) result.waiter = second;
  if (help || globals.version) return result;
  if (service !== undefined) {
    if (command === undefined) throw usageError('the following arguments are required: operation');
    if (!spec) throw usageError(`argument operation: ${invalidChoice(command, [...SERVICES[service](), 'help'])}`);
  }
  if (command === undefined) throw usageError('the following arguments are required: command');
  if (!spec) throw usageError(`argument command: ${invalidChoice(command, [...Object.keys(SERVICES), ...Object.keys(COMMANDS), 'wait', 'help'])}`);
  if (spec.wait) {
    if (second === undefined) throw usageError('the following arguments are required: waiter_name');
    if (!WAITERS[second]) throw usageError(`argument waiter_name: ${invalidChoice(second, Object.keys(WAITERS))}`);
  }
  if (unknown.length) throw unknownOptionsError(unknown);
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
  // A list of strings (--tag-keys a b): each value is one item, as given.
  if (typeof shape === 'string') return texts;
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
  if (globals['cli-input-json'] !== undefined && globals['cli-input-yaml'] !== undefined) {
    throw paramError('Only one --cli-input- parameter may be specified.');
  }
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
  if (globals['cli-input-yaml'] !== undefined) {
    const text = paramValue('cli-input-yaml', globals['cli-input-yaml']);
    let yaml;
    try {
      yaml = parseYaml(text, { version: '1.1', prettyErrors: false });
    } catch {
      throw paramError("Error parsing parameter 'cli-input-yaml': Invalid YAML received.");
    }
    if (!yaml || typeof yaml !== 'object' || Array.isArray(yaml)) {
      throw paramError(`Error parsing parameter '--cli-input-yaml': Invalid type: expecting map, received <class '${Array.isArray(yaml) ? 'list' : yaml === null ? 'NoneType' : typeof yaml === 'number' ? (Number.isInteger(yaml) ? 'int' : 'float') : typeof yaml === 'boolean' ? 'bool' : 'str'}'>`);
    }
    // YAML timestamps arrive as Dates; the operation takes them as the JSON form would give them.
    input = JSON.parse(JSON.stringify(yaml));
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
  // `--generate-cli-skeleton input` needs none of the required parameters, as in the AWS CLI.
  const skeletonOnly = ['input', 'yaml-input'].includes(globals['generate-cli-skeleton']);
  const missing = skeletonOnly ? [] : Object.entries(spec.allParams).filter(([, p]) => p.required && input[p.member] === undefined).map(([flag]) => flag);
  if (missing.length) throw usageError(`the following arguments are required: ${missing.join(', ')}`);
  if (spec.events) input.eventList = normalizeEvents(input.eventList);
  return { input, cliOptions };
}

// ---- output ------------------------------------------------------------------------------------

/** --query, compiled once (jmespath, the reference JavaScript implementation of JMESPath). */
function compileQuery(expression) {
  if (expression === undefined) return undefined;
  try {
    jmespath.compile(expression);
  } catch (err) {
    throw paramError(`Bad value for --query ${expression}: Invalid jmespath expression: ${err.message}`);
  }
  return (data) => jmespath.search(data, expression);
}

/**
 * The AWS CLI's formatter (awscli/formatter.py) for one result: json, yaml and table print the
 * whole result after --query; text and yaml-stream print a paginated result page by page.
 * result: { data } or, for an all-pages list command, { pages, full, resumeToken, resultKey }.
 */
function render(result, { output, query, title, color, timestampFormat }) {
  const apply = (data) => (query ? query(data) : data);
  const isEmpty = (data) => !!data && typeof data === 'object' && !Array.isArray(data) && Object.keys(data).length === 0;
  if (output === 'text') {
    // Like the AWS CLI: --query applies to each page, and to the NextToken section after them.
    if (!result.pages) return formatText(apply(plain(result.data, timestampFormat)));
    let out = result.pages.map((page) => formatText(apply({ [result.resultKey]: plain(page[result.resultKey] ?? null, timestampFormat) }))).join('');
    if (result.resumeToken !== undefined) out += formatText(apply({ NextToken: { NextToken: result.resumeToken } }));
    return out;
  }
  if (output === 'yaml-stream') {
    const pages = result.pages ? result.pages.map((page) => apply(plain(page, timestampFormat))) : [apply(plain(result.data, timestampFormat))];
    if (!result.pages && isEmpty(pages[0])) return ''; // an operation without output prints nothing
    return pages.map((page) => formatYaml([page])).join('');
  }
  const data = apply(plain(result.pages ? result.full : result.data, timestampFormat));
  if (output === 'table') return formatTable(data, title, { color, terminalWidth: process.stdout.isTTY ? process.stdout.columns || 80 : 80 });
  // An operation without output (DeleteEventTracker) prints nothing, as does a query giving {}.
  if (isEmpty(data)) return '';
  return output === 'yaml' ? formatYaml(data) : formatJson(data);
}

// ---- pagination (botocore's PageIterator) --------------------------------------------------------

// The AWS CLI's NextToken: base64 of Python's json.dumps of {"nextToken": ..., "boto_truncate_amount": n}.
function encodeToken(token) {
  return Buffer.from(pyJsonDumps(token)).toString('base64');
}

/** A --starting-token: one of ours or the AWS CLI's ({ token, skip }), else the service's own token. */
function decodeToken(text) {
  try {
    const bytes = Buffer.from(text, 'base64');
    const decoded = JSON.parse(bytes.toString('utf8'));
    if (decoded && typeof decoded === 'object' && !Array.isArray(decoded) && bytes.toString('base64').replace(/=+$/, '') === text.replace(/=+$/, '')) {
      const { boto_truncate_amount: skip, ...token } = decoded;
      return { token, skip: Number.isInteger(skip) && skip > 0 ? skip : 0 };
    }
  } catch {
    // not base64 JSON: the service's own token, as botocore's fallback takes it
  }
  return { token: { nextToken: text }, skip: 0 };
}

/**
 * All pages of a list command, cut at --max-items as botocore cuts them: the token that resumes is
 * the one that asked for the cut page plus how many of its items were printed (boto_truncate_amount).
 * The glue's paginator bounds the pages (DEFAULT_MAX_PAGES, a repeated token).
 */
async function paginateAll(client, spec, input, { maxItems, pageSize, startingToken }, options) {
  const start = startingToken !== undefined ? decodeToken(startingToken) : undefined;
  let nextToken = start ? start.token : { nextToken: null };
  const request = { ...input };
  if (start) {
    if (nextToken.nextToken !== null && nextToken.nextToken !== undefined && nextToken.nextToken !== 'None') request.nextToken = nextToken.nextToken;
    else delete request.nextToken;
  }
  if (pageSize !== undefined) request.maxResults = pageSize;
  const key = spec.resultKey;
  const pages = [];
  const full = {};
  let resumeToken;
  let total = 0;
  let first = true;
  for await (const page of client[spec.paginator](request, options)) {
    let skipped = 0;
    if (first && start) {
      skipped = start.skip;
      page[key] = Array.isArray(page[key]) ? page[key].slice(skipped) : null;
    }
    first = false;
    const items = page[key] ?? [];
    const over = maxItems !== undefined ? total + items.length - maxItems : 0;
    pages.push(page);
    if (over > 0) {
      const keep = items.length - over;
      page[key] = items.slice(0, keep);
      delete nextToken.boto_truncate_amount;
      resumeToken = { ...nextToken, boto_truncate_amount: keep + skipped };
    }
    if (page[key] !== null && page[key] !== undefined) full[key] = [...(full[key] ?? []), ...page[key]];
    if (resumeToken) break;
    total += items.length;
    nextToken = { nextToken: page.nextToken || null };
    if (!page.nextToken) break;
    if (maxItems !== undefined && total === maxItems) {
      resumeToken = nextToken;
      break;
    }
  }
  const encoded = resumeToken ? encodeToken(resumeToken) : undefined;
  if (encoded !== undefined) full.NextToken = encoded;
  return { pages, full, resumeToken: encoded, resultKey: key };
}

// ---- --generate-cli-skeleton -----------------------------------------------------------------------

let model;
/** wasm/model.json, the one description of the operations' shapes (read only for skeletons). */
function loadModel() {
  try {
    model ??= JSON.parse(readFileSync(new URL('../wasm/model.json', import.meta.url), 'utf8'));
  } catch {
    throw paramError('--generate-cli-skeleton needs wasm/model.json, which this installation does not have');
  }
  return model;
}

const FLOAT_ZERO = '\u0000float 0.0';

/** A shape's skeleton value as botocore's ArgumentGenerator makes it: '' or the member's name, 0, 0.0, a 1970 timestamp. */
function skeletonValue(shapes, name, memberName, forOutput, depth = 0) {
  const shape = shapes[name];
  if (depth > 8) return {};
  switch (shape?.type) {
    case 'structure':
      return Object.fromEntries(Object.entries(shape.members).map(([m, s]) => [m, skeletonValue(shapes, s, m, forOutput, depth + 1)]));
    case 'list': return [skeletonValue(shapes, shape.member, memberName, forOutput, depth + 1)];
    case 'integer': return 0;
    case 'float': return FLOAT_ZERO;
    case 'timestamp': return '1970-01-01T00:00:00';
    default: return forOutput ? memberName : '';
  }
}

/** --generate-cli-skeleton input | yaml-input | output for a command. */
function skeleton(spec, kind) {
  if (spec.wait) throw paramError('--generate-cli-skeleton is for operations, not waiters');
  const { shapes, operations } = loadModel();
  const operation = operations[spec.operation];
  const shapeName = kind === 'output' ? operation.output : operation.input;
  if (!shapeName) return '';
  const value = skeletonValue(shapes, shapeName, undefined, kind === 'output');
  if (kind === 'yaml-input') {
    const required = new Set(shapes[shapeName].required ?? []);
    const yaml = formatYaml(value, { sortKeys: false }).replaceAll(`'${FLOAT_ZERO}'`, '0.0').replaceAll(`"${FLOAT_ZERO.replace('\u0000', '\\0')}"`, '0.0');
    // The top-level members that must be given, marked as the AWS CLI marks them.
    return yaml.split('\n').map((line) => (/^[A-Za-z]\w*:/.test(line) && required.has(line.slice(0, line.indexOf(':'))) ? `${line} # [REQUIRED]` : line)).join('\n');
  }
  return formatJson(value).replaceAll(`"\\u0000float 0.0"`, '0.0');
}

// ---- help --------------------------------------------------------------------------------------

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

function helpText(parsed) {
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

/** argv with the values of the parameters the model marks sensitive (tags, events, user ids) redacted. */
function redactArguments(argv, spec) {
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

// Python's int(): what the AWS CLI accepts for integer settings.
const PY_INT = /^\s*[-+]?\d+\s*$/;
const configError = (message) => new CliError(message, EXIT.OTHER);

/**
 * The AWS CLI's own settings: --output / AWS_DEFAULT_OUTPUT / the profile's output;
 * cli_timestamp_format, max_attempts (AWS_MAX_ATTEMPTS), retry_mode (AWS_RETRY_MODE) from the
 * profile or the environment; --cli-read-timeout and --cli-connect-timeout (seconds, 0: none).
 * Errors are worded, and exit, as the AWS CLI's (255).
 */
async function cliSettings(globals) {
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

function clientOptions(globals, settings, fetchImpl) {
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
function checkEndpointUrl(url) {
  if (url !== undefined && !/^[A-Za-z][A-Za-z0-9+.-]*:/.test(url)) {
    throw paramError(`Bad value for --endpoint-url "${url}": scheme is missing.  Must be of the form http://<hostname>/ or https://<hostname>/`);
  }
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
  if (globals['generate-cli-skeleton'] !== undefined) return { stdout: skeleton(spec, globals['generate-cli-skeleton']), exitCode: EXIT.OK };
  checkEndpointUrl(globals['endpoint-url']);
  const query = compileQuery(globals.query);
  const settings = await cliSettings(globals);
  const color = globals.color === 'on' || (globals.color !== 'off' && !!process.stdout.isTTY);
  const format = { output: settings.output, query, title: spec.operation, color, timestampFormat: settings.timestampFormat };

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
  debug.log(`Arguments entered to CLI: ${JSON.stringify(redactArguments(argv, spec))}`);
  const options = clientOptions(globals, settings, debug.enabled ? debugFetch(() => client, debug) : undefined);
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
      if (cliOptions['max-items'] < 0) throw paramError('argument --max-items: must be 0 or more');
      result = await paginateAll(client, spec, input, {
        maxItems: cliOptions['max-items'], pageSize: cliOptions['page-size'], startingToken: cliOptions['starting-token'],
      }, callOptions);
    } else {
      if (spec.resultKey) {
        if (cliOptions['page-size'] !== undefined && input.maxResults === undefined) input.maxResults = cliOptions['page-size'];
        if (cliOptions['starting-token'] !== undefined && input.nextToken === undefined) input.nextToken = decodeToken(cliOptions['starting-token']).token.nextToken ?? undefined;
      }
      // Every command's client method is named after its operation; send() is the same call.
      result = {
        data: typeof client[spec.method] === 'function' ? await client[spec.method](input, callOptions)
          : await client.send(spec.operation, input, callOptions),
      };
    }
  } catch (err) {
    if (err.$fault || err.name === 'PaginationError') err.operation = spec.operation;
    throw err;
  }
  return { stdout: render(result, format), exitCode: EXIT.OK };
}

/** The message and exit code for an error, as the AWS CLI reports it. */
export function describeError(err) {
  if (err instanceof CliError) {
    // argparse's layout (usage, then "prog: error: ..."), and the AWS CLI's for unknown options.
    if (err.usage) return { message: `\n${USAGE}\n${PROG}: error: ${err.message}\n`, exitCode: err.exitCode };
    if (err.unknown) return { message: `\n${USAGE}\n${err.message}\n`, exitCode: err.exitCode };
    return { message: `\n${err.message}`, exitCode: err.exitCode };
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
    // node-config.mjs's own errors, worded as the AWS CLI words them (or naming the package to add).
    // A missing profile and partial credentials exit 255 in the AWS CLI (botocore's generic errors).
    if (/^The config profile \(.*\) could not be found$|^Partial credentials found in /.test(message)) return { message: `\n${escapeControls(message)}`, exitCode: EXIT.OTHER };
    if (/, which needs AWS's credential providers: /.test(message)) return { message: `\n${escapeControls(message)}`, exitCode: EXIT.CONFIG };
    return { message: '\nUnable to locate credentials. You can configure credentials by running "aws configure".', exitCode: EXIT.CONFIG };
  }
  if (name === 'EndpointError' || name === 'ConfigurationError') return { message: `\n${message}`, exitCode: EXIT.CONFIG };
  if (name === 'AbortError') return { message: '', exitCode: EXIT.INTERRUPTED };
  // The paginator's bounds (the glue's: DEFAULT_MAX_PAGES pages, a repeated token), worded as botocore does.
  if (name === 'PaginationError') return { message: `\nError during pagination (${err.operation ?? 'service'} operation): ${message}`, exitCode: EXIT.OTHER };
  // Everything else, network failures and timeouts too: the message as it is, 255.
  return { message: `\n${message}`, exitCode: EXIT.OTHER };
}

async function main() {
  // `personalize-wasm local-endpoint [--port N] [--state FILE] [--step-ms MS] …`: the packaged local
  // endpoint's own command line (tests/local-endpoint/server.mjs), loaded only for this subcommand.
  if (process.argv[2] === 'local-endpoint') {
    const { runCommandLine } = await import('../tests/local-endpoint/server.mjs');
    return runCommandLine(process.argv.slice(3), { program: 'personalize-wasm local-endpoint' });
  }
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

// Run when executed (node web/node/cli.mjs, or npx personalize-wasm through the bin symlink), not when imported.
const invokedDirectly = (() => {
  try {
    return !!process.argv[1] && realpathSync(process.argv[1]) === realpathSync(fileURLToPath(import.meta.url));
  } catch {
    return false;
  }
})();

if (invokedDirectly) main();
