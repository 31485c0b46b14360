#!/usr/bin/env node
// Writes the binary boundary's constants, from wasm/boundary.json (the one source), for C
// (build/gen/boundary.h) and for the glue (web/lib/src/boundary.mjs). Each file is rewritten only when
// its text changed. --check: writes nothing, exits 1 when web/lib/src/boundary.mjs (committed) is stale.
import { readFileSync, writeFileSync, mkdirSync, existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const source = join(root, 'wasm', 'boundary.json');
const cOut = join(root, 'build', 'gen', 'boundary.h');
const jsOut = join(root, 'web', 'lib', 'src', 'boundary.mjs');
const b = JSON.parse(readFileSync(source, 'utf8'));

const fail = (message) => {
  console.error(`gen_boundary: ${message}`);
  process.exit(2);
};
const snake = (name) => name.replace(/([a-z0-9])([A-Z])/g, '$1_$2').replace(/-/g, '_').toUpperCase();
const ident = /^[A-Za-z][A-Za-z0-9]*$/;

// ---- checks: what C and JS both rely on --------------------------------------------------------
if (!Number.isInteger(b.resultFields) || b.resultFields < 1) fail('resultFields must be a positive integer');
for (const [group, fields] of Object.entries(b.results)) {
  if (!ident.test(group) || !Array.isArray(fields)) fail(`results.${group} must be an array`);
  if (fields.length > b.resultFields) fail(`results.${group} has more than ${b.resultFields} fields`);
  if (new Set(fields).size !== fields.length) fail(`results.${group} repeats a field`);
  for (const f of fields) if (!ident.test(f)) fail(`results.${group}: bad field name ${f}`);
}
if (!b.results.error) fail('results.error is required');
for (const [group, args] of Object.entries(b.packed)) {
  if (!ident.test(group) || !Array.isArray(args) || new Set(args).size !== args.length) fail(`packed.${group} must be an array of distinct names`);
}
const flagNames = new Set();
for (const [group, flags] of Object.entries(b.flags)) {
  for (const [name, value] of Object.entries(flags)) {
    if (!/^[A-Z][A-Z0-9_]*$/.test(name) || !Number.isInteger(value) || value <= 0 || (value & (value - 1)) !== 0) {
      fail(`flags.${group}.${name} must be an upper-case name with a power of two`);
    }
    if (flagNames.has(name)) fail(`flag ${name} is defined twice`);
    flagNames.add(name);
  }
  const values = Object.values(flags);
  if (new Set(values).size !== values.length) fail(`flags.${group} repeats a value`);
}

// ---- C ------------------------------------------------------------------------------------------
const HEADER = 'generated from wasm/boundary.json by wasm/gen/gen_boundary.mjs; do not edit';
// Flag groups' C prefixes: endpoint flags are PW_FLAG_*, signing flags PW_SIGN_*.
const FLAG_PREFIX = { endpoint: 'PW_FLAG_', sign: 'PW_SIGN_' };
const defines = [];
const seen = new Map();
const define = (name, value, comment) => {
  if (seen.has(name)) fail(`C name ${name} defined twice`);
  seen.set(name, value);
  defines.push(`#define ${name} ${value}${comment ? ` /* ${comment} */` : ''}`);
};
define('PW_RESULT_FIELDS', b.resultFields, 'the result struct\'s (pointer, length) pairs');
for (const [group, fields] of Object.entries(b.results)) {
  fields.forEach((f, i) => define(`PW_${snake(group)}_${snake(f)}`, i, `results.${group}.${f}`));
}
for (const [group, args] of Object.entries(b.packed)) {
  args.forEach((a, i) => define(`PW_PACKED_${snake(group)}_${snake(a)}`, i, `packed.${group}[${i}]`));
  define(`PW_PACKED_${snake(group)}_COUNT`, args.length);
}
for (const [group, flags] of Object.entries(b.flags)) {
  const prefix = FLAG_PREFIX[group] ?? `PW_${snake(group)}_`;
  for (const [name, value] of Object.entries(flags)) define(`${prefix}${name}`, `${value}u`, `flags.${group}`);
}
b.services.forEach((s, i) => define(`PW_SERVICE_${snake(s)}`, i, `services[${i}]`));
define('PW_SERVICES', b.services.length);
const cText = `/* ${HEADER}. */
#ifndef PW_BOUNDARY_H
#define PW_BOUNDARY_H

${defines.join('\n')}

#endif
`;

// ---- JS -----------------------------------------------------------------------------------------
// The C names without PW_, each its own constant: a bundler inlines them (no lookups, no objects).
const jsConsts = [...seen].filter(([name]) => !/^PW_SERVICE_|^PW_SERVICES$/.test(name))
  .map(([name, value]) => `export const ${name.slice(3)} = ${String(value).replace(/u$/, '')};`);
// Each packed argument's strings in boundary.json's order, from an object naming them (an array
// literal: cheaper to walk than one filled by index; a name missing is absent, length 0).
const packers = Object.entries(b.packed).map(([group, args]) => `/** packed.${group}'s strings, in its order. @param {Record<string, string | null | undefined>} o */
export const pack${group[0].toUpperCase()}${group.slice(1)} = (o) => [${args.map((a) => `o.${a}`).join(', ')}];
`).join('');
const jsText = `// ${HEADER}.
// The binary boundary between personalize.wasm and the glue, as build/gen/boundary.h has it for C:
// result field indices (GROUP_FIELD), packed-argument indices and counts (PACKED_GROUP_NAME), flags.

${jsConsts.join('\n')}
/** The result struct's size in 32-bit words: status, handle, then the (pointer, length) fields. */
export const RESULT_WORDS = ${2 + 2 * b.resultFields};
/** pw_endpoint_url's service numbers, by index. */
export const SERVICES = [${b.services.map((v) => `'${v}'`).join(', ')}];
${packers}`;

const stale = (file, text) => !existsSync(file) || readFileSync(file, 'utf8') !== text;
if (process.argv.includes('--check')) {
  if (stale(jsOut, jsText)) {
    console.error('gen_boundary: web/lib/src/boundary.mjs is stale: run node wasm/gen/gen_boundary.mjs');
    process.exit(1);
  }
  process.exit(0);
}
for (const [file, text] of [[cOut, cText], [jsOut, jsText]]) {
  if (stale(file, text)) {
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, text);
  }
}
