#!/usr/bin/env node
// What the JavaScript side knows of each operation, generated from the model (wasm/model.json, read
// through loadModel() so that its additions apply):
// - web/lib/personalize.d.ts, the region between GENERATED_BEGIN and GENERATED_END: the shape types
//   (enums, structures, lists), each operation's Input and Output, OperationInputs/Outputs;
// - web/node/params.mjs: the CLI's commands (the AWS CLI's names) and their parameters;
// - web/lib/response.mjs, the region between the same markers: the output members that are
//   timestamps, for the response reviver (the browser never loads the model).
// All are committed and kept current by ./build.sh build; tests/gen-artifacts.test.mjs fails when one
// is stale. The bad-input test and the fuzzers take their field tables from inputFields() and
// fuzzDictionary() at run time (nothing committed).
//
//   node wasm/gen/gen_artifacts.mjs            rewrites the generated files that are stale
//   node wasm/gen/gen_artifacts.mjs --check    only reports; exit 1 when one is stale
//   node wasm/gen/gen_artifacts.mjs --fuzz-dict TARGET   prints the model's entries of TARGET's libFuzzer dictionary
import { readFileSync, renameSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { loadModel, reachedShapes } from '../model.mjs';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const SCRIPT = 'wasm/gen/gen_artifacts.mjs';
export const DTS_FILE = 'web/lib/personalize.d.ts';
export const CLI_FILE = 'web/node/params.mjs';
export const GLUE_FILE = 'web/lib/response.mjs';
export const GENERATED_BEGIN = `// ---- generated from wasm/model.json by ${SCRIPT}; do not edit ----`;
export const GENERATED_END = '// ---- end generated ----';

// ---- reading the model ---------------------------------------------------------------------------

const shapeOf = (model, name) => {
  const s = model.shapes[name];
  if (!s) throw new Error(`model.json: no shape ${name}`);
  return s;
};
const rulesOf = (shape) => [].concat(shape.clientRule ?? []);
const inputShapeNames = (model) => Object.values(model.operations).map((o) => o.input);
const outputShapeNames = (model) => Object.values(model.operations).map((o) => o.output).filter(Boolean);

/** The operation's name as the client method: CreateEventTracker -> createEventTracker. */
export const methodName = (operation) => operation[0].toLowerCase() + operation.slice(1);
/** The AWS CLI's spelling: CreateEventTracker -> create-event-tracker, datasetGroupArn -> dataset-group-arn. */
export const kebab = (name) => name.replace(/([a-z0-9])([A-Z])/g, '$1-$2').replace(/([A-Z])([A-Z][a-z])/g, '$1-$2').toLowerCase();

/**
 * Every member path an operation's input reaches, depth first in the model's member order:
 * [{ path: 'tags[0].tagKey', shape: 'TagKey', kind, required }] with kind one of string, integer,
 * list, struct, timestamp, double, json (a string the client also takes as an object). List items
 * are path[0]; `required` is the parent structure's.
 */
export function inputFields(model, operation) {
  const fields = [];
  const walk = (path, name, required, depth) => {
    if (depth > 16) throw new Error(`model.json: ${operation}'s input nests too deep at ${path}`);
    const s = shapeOf(model, name);
    fields.push({ path, shape: name, kind: fieldKind(s), required });
    if (s.type === 'list') walk(`${path}[0]`, s.member, false, depth + 1);
    if (s.type === 'structure') {
      for (const [m, shape] of Object.entries(s.members)) walk(`${path}.${m}`, shape, (s.required ?? []).includes(m), depth + 1);
    }
  };
  const input = shapeOf(model, model.operations[operation].input);
  for (const [m, shape] of Object.entries(input.members)) walk(m, shape, (input.required ?? []).includes(m), 0);
  return fields;
}

function fieldKind(s) {
  if (rulesOf(s).includes('jsonObjectOrString')) return 'json';
  switch (s.type) {
    case 'string': return 'string';
    case 'integer': case 'long': return 'integer';
    case 'float': case 'double': return 'double';
    case 'timestamp': return 'timestamp';
    case 'list': return 'list';
    case 'structure': return 'struct';
    default: throw new Error(`model.json: shape type ${s.type} has no field kind`);
  }
}

/** The constraints of a shape in plain words, e.g. "1..63 characters matching ^[a-z]+", "1..100". */
function constraintWords(s) {
  const parts = [];
  const range = s.min !== undefined && s.max !== undefined ? `${s.min}..${s.max}` : s.max !== undefined ? `at most ${s.max}` : s.min !== undefined ? `at least ${s.min}` : '';
  if (s.enum) parts.push(s.enum.join(' | '));
  else if (s.type === 'string' && range) parts.push(`${range} characters`);
  else if (s.type === 'list' && range) parts.push(`${range} items`);
  else if (range) parts.push(range);
  if (s.pattern) parts.push(`matching ${s.pattern}`);
  if (rulesOf(s).includes('noAwsPrefix')) parts.push('not starting with aws: (any case)');
  if (rulesOf(s).includes('uniqueTagKeys')) parts.push('each key once');
  return parts.join(', ');
}

// ---- the .d.ts region ----------------------------------------------------------------------------

// Type names the rest of personalize.d.ts (and its users) know, where they differ from the model's:
// `Status` is declared by hand just above the region (the model has no enum of the states).
const TYPE_NAMES = { Event: 'PersonalizeEvent', Status: 'ResourceStatus' };
const HAND_DECLARED = new Set(['Status']);

// Prose the model does not carry, by Shape.member (or Shape for the type itself).
const NOTES = {
  Tag: 'A key-value tag.',
  EventTracker: "DescribeEventTracker's `eventTracker`.",
  EventTrackerSummary: 'One item of ListEventTrackers.',
  DatasetGroup: "DescribeDatasetGroup's `datasetGroup`.",
  DatasetGroupSummary: 'One item of ListDatasetGroups.',
  Event: 'One interaction for PutEvents.',
  'EventTracker.trackingId': 'The ID to use with PutEvents once the tracker is ACTIVE.',
  'CreateEventTrackerRequest.datasetGroupArn': 'The dataset group that receives the events (it can have one tracker).',
  'ListEventTrackersRequest.datasetGroupArn': 'Only the trackers of this dataset group.',
  'ListEventTrackersRequest.nextToken': "From the previous page's output.",
  'ListDatasetGroupsRequest.nextToken': "From the previous page's output.",
  'PutEventsRequest.trackingId': 'The `trackingId` of an ACTIVE event tracker.',
  'Event.eventType': 'e.g. `click`, `watch`.',
  'Event.sentAt': 'When the event happened: a Date or epoch seconds.',
  'Event.properties': 'A JSON object, or a string holding one, e.g. `{ numberOfRatings: 12 }`.',
  'Event.impression': 'Item ids shown to the user.',
  'TagResourceRequest.resourceArn': 'The resource to tag (an event tracker, dataset group, ...).',
  'UntagResourceRequest.tagKeys': 'The keys of the tags to remove.',
};

// Members the client adds to an operation's output (the model has none for these operations).
const CLIENT_OUTPUT_MEMBERS = {
  PutEvents: [
    '  /**',
    "   * The eventId of every event, in order: the one given, or the one derived from the event's",
    '   * content (the same event sent again gets the same id, so Personalize records it once).',
    '   */',
    '  eventIds: string[];',
  ],
};

function jsdoc(lines, indent = '') {
  const text = lines.filter(Boolean);
  if (text.length === 0) return [];
  if (text.length === 1 && text[0].length < 100) return [`${indent}/** ${text[0]} */`];
  return [`${indent}/**`, ...text.map((l) => `${indent} * ${l}`), `${indent} */`];
}

const quoteTs = (s) => `'${s.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;
const docPattern = (p) => p.replace(/\*\//g, '*\\/');

/** Which structures are reached from inputs and which from outputs (their timestamps differ). */
function directions(model) {
  const reached = { in: new Set(reachedShapes(model, inputShapeNames(model))), out: new Set(reachedShapes(model, outputShapeNames(model))) };
  return (name) => ['in', 'out'].filter((d) => reached[d].has(name));
}

const hasTimestamp = (model, name) => reachedShapes(model, [name]).some((n) => shapeOf(model, n).type === 'timestamp');

/** The type names of the shapes: an operation's input and output by the operation, else TYPE_NAMES or the shape's name. */
function dtsTypeNames(model) {
  const opOfShape = new Map();
  for (const [op, o] of Object.entries(model.operations)) {
    opOfShape.set(o.input, `${op}Input`);
    if (o.output) opOfShape.set(o.output, `${op}Output`);
  }
  return { opOfShape, typeName: (name) => opOfShape.get(name) ?? TYPE_NAMES[name] ?? name };
}

/** A member's TypeScript type; timestamps are `Date | number` going in (dir 'in'), `Date` coming out. */
function tsType(model, typeName, name, dir) {
  const s = shapeOf(model, name);
  if (HAND_DECLARED.has(name)) return typeName(name);
  if (rulesOf(s).includes('jsonObjectOrString')) return 'string | { [key: string]: unknown }';
  switch (s.type) {
    case 'string': return s.enum ? typeName(name) : 'string';
    case 'integer': case 'long': case 'float': case 'double': return 'number';
    case 'boolean': return 'boolean';
    case 'timestamp': return dir === 'in' ? 'Date | number' : 'Date';
    case 'list': {
      const item = tsType(model, typeName, s.member, dir);
      return /[ |]/.test(item) ? `Array<${item}>` : `${item}[]`;
    }
    case 'structure': return typeName(name);
    default: throw new Error(`model.json: shape type ${s.type} has no TypeScript type`);
  }
}

/** A member's doc comment lines: its note, the constraints of an input, whether it is sensitive. */
function memberDoc(model, parent, member, shapeName, dir) {
  const s = shapeOf(model, shapeName);
  const lines = [NOTES[`${parent}.${member}`]];
  const words = s.type === 'list' ? constraintWords(s) : HAND_DECLARED.has(shapeName) || s.enum ? '' : constraintWords(s);
  if (dir === 'in' && words) lines.push(s.type === 'list' ? `${words}.` : `${words[0].toUpperCase()}${words.slice(1)}.`);
  if (s.type === 'list' && dir === 'in') {
    const item = shapeOf(model, s.member);
    const itemWords = item.type === 'string' && !item.enum ? constraintWords(item) : '';
    if (itemWords) lines.push(`Each: ${itemWords}.`);
  }
  const sensitive = s.sensitive || (s.type === 'list' && shapeOf(model, s.member).sensitive && shapeOf(model, s.member).type !== 'structure');
  if (sensitive) lines.push('Sensitive: never part of error messages or logs.');
  return lines.map((l) => (l ? docPattern(l) : l));
}

/** A structure's declaration: an interface (an operation's output extends MetadataBearer) or, when empty, a type. */
function structureLines(model, names, name, dir) {
  const { opOfShape, typeName } = names;
  const s = shapeOf(model, name);
  const tname = typeName(name);
  const isOutput = tname.endsWith('Output') && opOfShape.get(name) === tname;
  const opName = isOutput ? tname.slice(0, -'Output'.length) : undefined;
  // Inputs: the model's required members. Outputs: those the client refuses a success without.
  const required = new Set(dir === 'in' ? s.required ?? [] : s.clientRequired ?? []);
  const members = Object.entries(s.members ?? {});
  const extra = isOutput ? CLIENT_OUTPUT_MEMBERS[opName] ?? [] : [];
  const out = jsdoc([NOTES[name], s.sensitive ? 'Sensitive: its members are never part of error messages or logs.' : '']);
  if (members.length === 0 && extra.length === 0) {
    return [...out, `export type ${tname} = ${isOutput ? 'MetadataBearer' : 'Record<string, never>'};`];
  }
  out.push(`export interface ${tname}${isOutput ? ' extends MetadataBearer' : ''} {`);
  for (const [member, shapeName] of members) {
    out.push(...jsdoc(memberDoc(model, name, member, shapeName, dir), '  '));
    out.push(`  ${member}${required.has(member) ? '' : '?'}: ${tsType(model, typeName, shapeName, dir)};`);
  }
  return [...out, ...extra, '}'];
}

/** The enums and the structures the operations reach, other than the operations' inputs and outputs. */
function sharedTypeLines(model, names) {
  const out = [];
  const dirs = directions(model);
  const reached = reachedShapes(model, Object.values(model.operations).flatMap((o) => [o.input, o.output]));
  for (const name of reached) {
    const s = shapeOf(model, name);
    if (s.type !== 'string' || !s.enum || HAND_DECLARED.has(name)) continue;
    out.push('', `export type ${names.typeName(name)} = ${s.enum.map(quoteTs).join(' | ')};`);
  }
  for (const name of reached) {
    const s = shapeOf(model, name);
    if (s.type !== 'structure' || names.opOfShape.has(name) || s.exception) continue;
    const d = dirs(name);
    if (d.length === 2 && hasTimestamp(model, name)) {
      throw new Error(`model.json: ${name} is both input and output and has timestamps; give it two type names`);
    }
    out.push('', ...structureLines(model, names, name, d[0]));
  }
  return out;
}

/** Each operation's Input and Output, then OperationInputs / OperationOutputs / OperationName. */
function operationTypeLines(model, names) {
  const out = ['', '// Operation inputs and outputs.'];
  for (const [op, o] of Object.entries(model.operations)) {
    out.push('', ...structureLines(model, names, o.input, 'in'));
    if (o.output) {
      out.push(...structureLines(model, names, o.output, 'out'));
    } else if (CLIENT_OUTPUT_MEMBERS[op]) {
      out.push(`export interface ${op}Output extends MetadataBearer {`, ...CLIENT_OUTPUT_MEMBERS[op], '}');
    } else {
      out.push(`export type ${op}Output = MetadataBearer;`);
    }
  }
  const ops = Object.keys(model.operations);
  out.push('', '/** Input type by operation name, for `send` and `validate`. */', 'export interface OperationInputs {',
    ...ops.map((op) => `  ${op}: ${op}Input;`), '}');
  out.push('', '/** Output type by operation name. */', 'export interface OperationOutputs {',
    ...ops.map((op) => `  ${op}: ${op}Output;`), '}');
  out.push('', 'export type OperationName = keyof OperationInputs;');
  return out;
}

/** The d.ts text between the markers (without them): enums first, then the structures, then the operations. */
export function dtsRegion(model) {
  const names = dtsTypeNames(model);
  const out = [...sharedTypeLines(model, names), ...operationTypeLines(model, names)];
  return `${out.join('\n').replace(/^\n/, '')}\n`;
}

/** A file's text with its region between the markers replaced; throws when the markers are missing. */
function renderRegion(file, text, region) {
  // The begin marker as this script writes it, or as an earlier path of it wrote it.
  const begin = text.search(/^\/\/ ---- generated from wasm\/model\.json by \S+; do not edit ----$/m);
  const end = text.indexOf(GENERATED_END);
  if (begin < 0 || end < begin) throw new Error(`${file} has no region "${GENERATED_BEGIN}" ... "${GENERATED_END}"`);
  return `${text.slice(0, begin)}${GENERATED_BEGIN}\n${region}${text.slice(end)}`;
}

/** The .d.ts file with its region regenerated. */
export const renderDts = (text, model) => renderRegion(DTS_FILE, text, dtsRegion(model));

// ---- the glue's timestamp members ----------------------------------------------------------------

/**
 * The names of the members that are timestamps in the structures the operations' outputs reach,
 * sorted. A name is enough as long as no output structure has a member of that name that is not a
 * timestamp: otherwise this throws (the reviver would then need paths).
 */
export function outputTimestamps(model) {
  const kinds = new Map(); // member name -> Set of 'timestamp' | 'other'
  for (const name of reachedShapes(model, outputShapeNames(model))) {
    for (const [m, n] of Object.entries(shapeOf(model, name).members ?? {})) {
      if (!kinds.has(m)) kinds.set(m, new Set());
      kinds.get(m).add(shapeOf(model, n).type === 'timestamp' ? 'timestamp' : 'other');
    }
  }
  const names = [...kinds].filter(([, k]) => k.has('timestamp')).map(([m, k]) => {
    if (k.size > 1) throw new Error(`model.json: output member ${m} is a timestamp in one shape and not in another; the reviver needs paths`);
    return m;
  });
  return names.sort();
}

/** web/lib/response.mjs's region. */
export function glueRegion(model) {
  return `/** Output members that are timestamps (epoch seconds on the wire; Dates for callers). */
const OUTPUT_TIMESTAMPS = new Set([${outputTimestamps(model).map(quoteTs).join(', ')}]);
`;
}

// ---- the CLI's parameters ------------------------------------------------------------------------

/** What shorthand coercion needs of a list item: 'string', 'float', 'timestamp', [item] or { member: item }. */
function cliShape(model, name) {
  const s = shapeOf(model, name);
  if (s.type === 'list') return [cliShape(model, s.member)];
  if (s.type === 'structure') return Object.fromEntries(Object.entries(s.members).map(([m, n]) => [m, cliShape(model, n)]));
  if (s.type === 'float' || s.type === 'double') return 'float';
  if (s.type === 'integer' || s.type === 'long') return 'integer';
  if (s.type === 'timestamp') return 'timestamp';
  return 'string';
}

/** True when the shape, or any shape inside it, is sensitive. */
const reachesSensitive = (model, name) => reachedShapes(model, [name]).some((n) => shapeOf(model, n).sensitive);

/** The commands and parameters as data: { command: { operation, service, method, params } }. */
export function cliCommands(model) {
  const commands = {};
  for (const [op, o] of Object.entries(model.operations)) {
    const input = shapeOf(model, o.input);
    const params = {};
    for (const [member, shapeName] of Object.entries(input.members)) {
      const s = shapeOf(model, shapeName);
      const p = { member };
      if (s.type === 'list') {
        p.type = 'list';
        p.shape = cliShape(model, s.member);
      } else if (s.type === 'integer' || s.type === 'long') {
        p.type = 'integer';
      } else if (s.type !== 'string') {
        throw new Error(`model.json: ${op}.${member} is a ${s.type}; the CLI takes top-level strings, integers and lists`);
      }
      if ((input.required ?? []).includes(member)) p.required = true;
      const words = constraintWords(s);
      if (words) p.help = words;
      if (reachesSensitive(model, shapeName)) p.sensitive = true;
      params[`--${kebab(member)}`] = p;
    }
    commands[kebab(op)] = { operation: op, service: o.service, method: methodName(op), params };
  }
  return commands;
}

/** A value as a one-line JavaScript literal: unquoted keys where they may be, strings in single quotes. */
function jsLiteral(v) {
  if (Array.isArray(v)) return `[${v.map(jsLiteral).join(', ')}]`;
  if (v && typeof v === 'object') {
    return `{ ${Object.entries(v).map(([k, x]) => `${/^[A-Za-z_$][\w$]*$/.test(k) ? k : quoteTs(k)}: ${jsLiteral(x)}`).join(', ')} }`;
  }
  return typeof v === 'string' ? quoteTs(v) : String(v);
}

/** web/node/params.mjs's text. */
export function cliModule(model) {
  return `${GENERATED_BEGIN}
// The CLI's commands (the AWS CLI's names) and, per command, its parameters: flag -> { member (the
// API's name), type ('list', 'integer'; a string when absent), shape (a list's items, for
// shorthand), required, help (the model's constraints), sensitive }. web/node/cli.mjs adds summaries,
// hidden flags and longer help.
export const COMMAND_PARAMS = {
${Object.entries(cliCommands(model)).map(([command, c]) => `  '${command}': {
    operation: '${c.operation}', service: '${c.service}', method: '${c.method}',
    params: {
${Object.entries(c.params).map(([flag, p]) => `      '${flag}': ${jsLiteral(p)},`).join('\n')}
    },
  },`).join('\n')}
};
${GENERATED_END}
`;
}

// ---- the fuzzers' dictionaries -------------------------------------------------------------------

const dictEntry = (text) => `"${[...Buffer.from(text, 'utf8')].map((b) => (b === 0x22 || b === 0x5c ? `\\${String.fromCharCode(b)}` : b >= 0x20 && b < 0x7f ? String.fromCharCode(b) : `\\x${b.toString(16).padStart(2, '0')}`)).join('')}"`;

/** Literal runs of three or more characters in a pattern (e.g. "arn:", ":personalize:", ":role/"). */
function patternLiterals(pattern) {
  const literals = [];
  const stripped = pattern.replace(/\\[pP]\{[^}]*\}|\\x[0-9a-fA-F]{2}|\\.|\[[^\]]*\]|\{[^}]*\}|[()*+?^$|.]/g, '\0');
  for (const run of stripped.split('\0')) if (run.length >= 3) literals.push(run);
  return literals;
}

/**
 * The model's entries of a libFuzzer dictionary, one per line: for fuzz_validate and fuzz_payload
 * the input members ("name":), enum values, pattern literals, length limits and rule prefixes; for
 * fuzz_response the output members. The syntax entries stay in tests/fuzz/TARGET.dict.
 */
export function fuzzDictionary(model, target) {
  const entries = new Set();
  const members = (shapes) => {
    for (const name of shapes) for (const m of Object.keys(shapeOf(model, name).members ?? {})) entries.add(dictEntry(`"${m}":`));
    return shapes;
  };
  if (target === 'fuzz_response') {
    members(reachedShapes(model, outputShapeNames(model)));
    for (const o of Object.values(model.operations)) for (const e of o.errors) entries.add(dictEntry(e));
    return [...entries];
  }
  if (target !== 'fuzz_validate' && target !== 'fuzz_payload') return [];
  for (const name of members(reachedShapes(model, inputShapeNames(model)))) {
    const s = shapeOf(model, name);
    for (const v of s.enum ?? []) entries.add(dictEntry(v));
    if (s.pattern) for (const lit of patternLiterals(s.pattern)) entries.add(dictEntry(lit));
    for (const n of [s.max, s.max !== undefined ? s.max + 1 : undefined, s.min]) if (n !== undefined && n > 2) entries.add(dictEntry(String(n)));
    if (rulesOf(s).includes('noAwsPrefix')) for (const p of ['aws:', 'AWS:', 'aWs:']) entries.add(dictEntry(p));
  }
  return [...entries];
}

// ---- main ----------------------------------------------------------------------------------------

/** [file, current text, generated text] for each generated file. */
export function generatedFiles(model = loadModel(), root = ROOT) {
  const dtsPath = `${root}${DTS_FILE}`;
  const dts = readFileSync(dtsPath, 'utf8');
  let cli = '';
  try {
    cli = readFileSync(`${root}${CLI_FILE}`, 'utf8');
  } catch {
    // not generated yet
  }
  const glue = readFileSync(`${root}${GLUE_FILE}`, 'utf8');
  return [[DTS_FILE, dts, renderDts(dts, model)], [CLI_FILE, cli, cliModule(model)],
    [GLUE_FILE, glue, renderRegion(GLUE_FILE, glue, glueRegion(model))]];
}

function main(argv) {
  if (argv[0] === '--fuzz-dict') {
    if (!argv[1]) throw new Error('usage: node wasm/gen/gen_artifacts.mjs --fuzz-dict TARGET');
    const lines = fuzzDictionary(loadModel(), argv[1]);
    process.stdout.write(lines.length ? `# from wasm/model.json (${SCRIPT})\n${lines.join('\n')}\n` : '');
    return 0;
  }
  const check = argv.includes('--check');
  const unknown = argv.filter((a) => a !== '--check');
  if (unknown.length) {
    process.stderr.write(`gen_artifacts.mjs: unknown argument ${unknown[0]} (usage: node ${SCRIPT} [--check] | --fuzz-dict TARGET)\n`);
    return 2;
  }
  let stale = 0;
  for (const [file, current, generated] of generatedFiles()) {
    if (current === generated) continue;
    stale++;
    if (check) {
      process.stderr.write(`${file} is not what wasm/model.json gives; run ./build.sh build (or node ${SCRIPT})\n`);
      continue;
    }
    writeFileSync(`${ROOT}${file}.tmp`, generated);
    renameSync(`${ROOT}${file}.tmp`, `${ROOT}${file}`);
    process.stderr.write(`${file}: generated from wasm/model.json\n`);
  }
  return check && stale ? 1 : 0;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  try {
    process.exitCode = main(process.argv.slice(2));
  } catch (err) {
    process.stderr.write(`gen_artifacts.mjs: ${err.message}\n`);
    process.exitCode = 1;
  }
}
