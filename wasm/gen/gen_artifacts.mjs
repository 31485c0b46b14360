#!/usr/bin/env node
// What the JavaScript side knows of each operation, generated from the model (wasm/model.json, read
// through loadModel() so that its additions apply):
// - web/lib/personalize.d.ts, the region between GENERATED_BEGIN and GENERATED_END (./gen_dts.mjs):
//   the shape types (enums, structures, lists), each operation's Input and Output,
//   OperationInputs/Outputs;
// - web/node/params.mjs: the CLI's commands (the AWS CLI's names) and their parameters;
// - web/lib/src/response.mjs, the region between the same markers: the output members that are
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
import { dtsRegion } from './gen_dts.mjs';
import {
  constraintWords, inputFields, inputShapeNames, kebab, methodName, outputShapeNames, quoteTs, rulesOf, shapeOf,
} from './model_shapes.mjs';

export { dtsRegion, inputFields, kebab, methodName };

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const SCRIPT = 'wasm/gen/gen_artifacts.mjs';
export const DTS_FILE = 'web/lib/personalize.d.ts';
export const CLI_FILE = 'web/node/params.mjs';
export const GLUE_FILE = 'web/lib/src/response.mjs';
export const GENERATED_BEGIN = `// ---- generated from wasm/model.json by ${SCRIPT}; do not edit ----`;
export const GENERATED_END = '// ---- end generated ----';


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

/** web/lib/src/response.mjs's region. */
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
