// The operation's input from the command line: --cli-input-json / --cli-input-yaml, then each
// parameter's value (file:// contents, JSON, shorthand, numbers) over it, as the AWS CLI reads them.
import { readFileSync } from 'node:fs';
import { parse as parseYaml } from 'yaml';
import { paramError, usageError } from './cli-errors.mjs';
import { parseShorthand } from './cli-shorthand.mjs';

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

/** --cli-input-json's object (a copy), as the AWS CLI refuses anything else. */
function cliInputJson(given) {
  const text = paramValue('cli-input-json', given);
  let json;
  try {
    json = JSON.parse(text);
  } catch {
    throw paramError(`Error parsing parameter 'cli-input-json': Invalid JSON received.\nJSON received: ${text}`);
  }
  if (!json || typeof json !== 'object' || Array.isArray(json)) {
    throw paramError(`Error parsing parameter 'cli-input-json': Invalid JSON received: expected a JSON object.`);
  }
  return { ...json };
}

/** Python's class name of a YAML value that is not a map, for the AWS CLI's message. */
const pyClass = (yaml) => (Array.isArray(yaml) ? 'list' : yaml === null ? 'NoneType'
  : typeof yaml === 'number' ? (Number.isInteger(yaml) ? 'int' : 'float') : typeof yaml === 'boolean' ? 'bool' : 'str');

/** --cli-input-yaml's map (YAML 1.1), as the JSON form would give it. */
function cliInputYaml(given) {
  const text = paramValue('cli-input-yaml', given);
  let yaml;
  try {
    yaml = parseYaml(text, { version: '1.1', prettyErrors: false });
  } catch {
    throw paramError("Error parsing parameter 'cli-input-yaml': Invalid YAML received.");
  }
  if (!yaml || typeof yaml !== 'object' || Array.isArray(yaml)) {
    throw paramError(`Error parsing parameter '--cli-input-yaml': Invalid type: expecting map, received <class '${pyClass(yaml)}'>`);
  }
  // YAML timestamps arrive as Dates; the operation takes them as the JSON form would give them.
  return JSON.parse(JSON.stringify(yaml));
}

/** One parameter's value by its type: a list, an integer, a number of seconds, or a string. */
function paramOf(flag, param, values) {
  if (param.type === 'list') return parseList(flag, values, param.shape);
  if (param.type === 'integer') return parseInteger(flag, paramValue(flag, values[0]));
  if (param.type === 'number') return parseNumber(flag, paramValue(flag, values[0]));
  return paramValue(flag, values[0]);
}

/** The operation input: --cli-input-json, then the explicit flags over it. Also the CLI-only options. */
export function buildInput(parsed) {
  const { spec, raw, globals } = parsed;
  let input = {};
  if (globals['cli-input-json'] !== undefined && globals['cli-input-yaml'] !== undefined) {
    throw paramError('Only one --cli-input- parameter may be specified.');
  }
  if (globals['cli-input-json'] !== undefined) input = cliInputJson(globals['cli-input-json']);
  if (globals['cli-input-yaml'] !== undefined) input = cliInputYaml(globals['cli-input-yaml']);
  const cliOptions = {};
  for (const [flag, values] of raw) {
    const param = spec.allParams[flag];
    const value = paramOf(flag, param, values);
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
