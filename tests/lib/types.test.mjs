// web/lib/personalize.d.ts: the typed example compiles (strict, NodeNext), deliberate type errors fail,
// and the declarations cover exactly what personalize.mjs exports (classes and their methods too).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import * as api from '../../web/lib/personalize.mjs';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const TSC = `${ROOT}node_modules/.bin/tsc`;
const DTS = `${ROOT}web/lib/personalize.d.ts`;

/** Runs tsc on a project; resolves to { code, output }. */
function tsc(project) {
  return new Promise((resolve, reject) => {
    const child = spawn(TSC, ['--noEmit', '--pretty', 'false', '-p', project], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (d) => { output += d; });
    child.stderr.on('data', (d) => { output += d; });
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, output }));
  });
}

// Both compilations start at once (each takes a few seconds).
const example = tsc('tests/types/tsconfig.json');
const negative = tsc('tests/types/tsconfig.negative.json');

test('tests/types/example.ts type-checks against personalize.d.ts (strict, NodeNext, ES2022 + DOM)', async () => {
  const { code, output } = await example;
  assert.equal(output.trim(), '', output);
  assert.equal(code, 0);
});

test('deliberate type errors fail tsc, each where it is expected', async () => {
  const { code, output } = await negative;
  assert.notEqual(code, 0, 'tsc must fail on tests/types/negative.ts');
  const lines = readFileSync(`${ROOT}tests/types/negative.ts`, 'utf8').split('\n');
  const expected = lines.map((l, i) => (/NEG-\d/.test(l) ? i + 1 : 0)).filter(Boolean);
  assert.equal(expected.length, 3);
  const reported = [...output.matchAll(/negative\.ts\((\d+),\d+\): error (TS\d+)/g)].map((m) => Number(m[1]));
  assert.deepEqual([...new Set(reported)].sort((a, b) => a - b), expected, output);
  assert.match(output, /Type 'number' is not assignable to type 'string'/);
  assert.match(output, /Type 'string' is not assignable to type 'number \| Date'/);
  assert.match(output, /Type 'Date' is not assignable to type 'string'/);
});

test('personalize.d.ts declares every export of personalize.mjs, and nothing it does not export', () => {
  // Only the declarations' structure matters here (tsc above checks that they compile), so the
  // program skips lib.dom: DOM types (Response, Headers, AbortSignal) are simply unresolved.
  const program = ts.createProgram([DTS], {
    noEmit: true, types: [], target: ts.ScriptTarget.ES2022,
    module: ts.ModuleKind.NodeNext, moduleResolution: ts.ModuleResolutionKind.NodeNext, lib: ['lib.es2022.d.ts'],
  });
  const checker = program.getTypeChecker();
  const moduleSymbol = checker.getSymbolAtLocation(program.getSourceFile(DTS));
  const declared = checker.getExportsOfModule(moduleSymbol);
  const values = declared.filter((s) => s.flags & ts.SymbolFlags.Value).map((s) => s.name).sort();
  assert.deepEqual(values, Object.keys(api).sort());

  // Classes: the methods of the prototype chain (ServiceClient's included) and the instance fields.
  for (const name of ['PersonalizeClient', 'PersonalizeEventsClient']) {
    const symbol = declared.find((s) => s.name === name);
    const type = checker.getDeclaredTypeOfSymbol(symbol);
    const members = checker.getPropertiesOfType(type);
    const isMethod = (s) => !!(s.flags & ts.SymbolFlags.Method);
    const declaredMethods = members.filter(isMethod).map((s) => s.name).sort();
    const declaredFields = members.filter((s) => !isMethod(s)).map((s) => s.name).sort();

    const runtimeMethods = new Set();
    for (let proto = api[name].prototype; proto && proto !== Object.prototype; proto = Object.getPrototypeOf(proto)) {
      // Descriptors, not proto[key]: an accessor (lastRequest) is a field, and reading it off the prototype throws.
      for (const key of Object.getOwnPropertyNames(proto)) {
        if (key !== 'constructor' && typeof Object.getOwnPropertyDescriptor(proto, key).value === 'function') runtimeMethods.add(key);
      }
    }
    assert.deepEqual(declaredMethods, [...runtimeMethods].sort(), `${name} methods`);
    const instance = new api[name]({ loadFromEnvironment: false });
    for (const field of declaredFields) assert.ok(field in instance, `${name}.${field} is declared but does not exist`);
    const undeclared = Object.keys(instance).filter((k) => !declaredFields.includes(k));
    assert.deepEqual(undeclared, ['ready'], `${name}: only the private config promise is undeclared`);

    const statics = checker.getPropertiesOfType(checker.getTypeOfSymbolAtLocation(symbol, symbol.valueDeclaration)).map((s) => s.name);
    assert.ok(statics.includes('serviceId'));
    assert.equal(typeof api[name].serviceId, 'string');
  }
});

test('package.json points "types" at personalize.d.ts', () => {
  const pkg = JSON.parse(readFileSync(`${ROOT}package.json`, 'utf8'));
  assert.equal(pkg.types, './web/lib/personalize.d.ts');
  assert.equal(pkg.exports['.'].types, './web/lib/personalize.d.ts');
});
