// The layout's limits (README "Layout"): no source file over 400 lines and no function over 80,
// outside generated code; and shipped code imports nothing from the tests' helpers.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
export const MAX_FILE_LINES = 400;
export const MAX_FUNCTION_LINES = 80;

/** Tracked source files (C, JavaScript, shell), less generated ones. */
function sources() {
  const files = execFileSync('git', ['ls-files', '--cached', '--others', '--exclude-standard', '*.c', '*.h', '*.mjs', '*.js', '*.sh', 'build.sh', '.ci/run'],
    { cwd: ROOT, encoding: 'utf8' }).split('\n').filter(Boolean);
  return [...new Set(files)].filter((f) => !isGenerated(f));
}

/** A whole file written by a generator says so in its first lines. */
function isGenerated(file) {
  const head = readFileSync(`${ROOT}${file}`, 'utf8').slice(0, 400);
  return /^\/\/ generated from|^\/\* generated from|do not edit/im.test(head.split('\n').slice(0, 3).join('\n'));
}

/** The file's lines, with any generated region (between the generators' markers) left out. */
function ownLines(file) {
  const lines = readFileSync(`${ROOT}${file}`, 'utf8').split('\n');
  const out = [];
  let generated = false;
  for (const line of lines) {
    if (/---- generated from .*; do not edit ----/.test(line)) generated = true;
    else if (/---- end generated ----/.test(line)) generated = false;
    else if (!generated) out.push(line);
  }
  return out;
}

/**
 * Functions longer than the limit, found by shape: a line that opens a function body (C: a
 * definition's `{` alone at column 0 after its signature; JS and shell: a line ending in `{`
 * that declares a function or method) up to the line that closes it at the same indentation.
 */
function longFunctions(file) {
  const lines = ownLines(file);
  const found = [];
  const js = /\.(mjs|js)$/.test(file);
  const sh = /\.sh$|\.ci\/run$/.test(file);
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i];
    let name;
    let indent = '';
    if (!js && !sh && line === '{' && i > 0 && /\)\s*$/.test(lines[i - 1]) && !/^\s/.test(lines[i - 1])) {
      name = /(\w+)\s*\(/.exec(lines[i - 1])?.[1] ?? lines[i - 1];
    } else if (sh && /^(\w+)\(\)\s*\{\s*$/.test(line)) {
      name = /^(\w+)/.exec(line)[1];
    } else if (js) {
      const m = /^(\s*)(?:export\s+)?(?:default\s+)?(?:async\s+)?(?:function\*?\s+(\w+)|(?:static\s+)?(?:async\s+)?(?:get\s+|set\s+)?\*?(#?\w+)\s*\([^)]*\)\s*\{\s*$|(?:const|let)\s+(\w+)\s*=\s*(?:async\s*)?(?:\([^)]*\)|\w+)\s*=>\s*\{\s*$)/.exec(line);
      if (m && !/^\s*(if|for|while|switch|catch|return)\b/.test(line)) {
        indent = m[1];
        name = m[2] ?? m[3] ?? m[4];
      }
    }
    if (!name) continue;
    const close = js || sh ? `${indent}}` : '}';
    let j = i + 1;
    while (j < lines.length && !(lines[j] === close || (js && lines[j].startsWith(`${indent}}`) && /^\}[;,)]*\s*$/.test(lines[j].slice(indent.length))))) j++;
    const length = j - i + (js || sh ? 1 : 2); // C counts its signature line
    if (length > MAX_FUNCTION_LINES) found.push(`${file}: ${name} (${length} lines)`);
  }
  return found;
}

test(`no source file is over ${MAX_FILE_LINES} lines (generated code aside)`, () => {
  const over = sources().map((f) => [f, ownLines(f).length]).filter(([, n]) => n > MAX_FILE_LINES).map(([f, n]) => `${f} (${n})`);
  assert.deepEqual(over, []);
});

test(`no function is over ${MAX_FUNCTION_LINES} lines (generated code aside)`, () => {
  assert.deepEqual(sources().flatMap(longFunctions), []);
});

test('shipped code imports nothing from the tests\' helpers', () => {
  const shipped = sources().filter((f) => /^(web|wasm)\/|^tests\/local-endpoint\/runtime\//.test(f) && f.endsWith('.mjs'));
  const offenders = shipped.filter((f) => /from\s+['"][^'"]*tests\/helpers\/|from\s+['"](\.\.\/)+helpers\//.test(readFileSync(`${ROOT}${f}`, 'utf8')));
  assert.deepEqual(offenders, []);
});

test('the page preloads every module the console imports, so it never waits on a chain of imports', () => {
  const page = readFileSync(`${ROOT}web/index.html`, 'utf8');
  const preloaded = new Set([...page.matchAll(/<link rel="modulepreload" href="\.\/([^"]+)">/g)].map((m) => m[1]));
  const entry = /<script type="module" src="\.\/([^"]+)">/.exec(page)[1];
  const reached = new Set();
  const visit = (file) => {
    for (const [, spec] of readFileSync(`${ROOT}web/${file}`, 'utf8').matchAll(/^(?:import|export)\s[^'"]*\sfrom\s+'(\.[^']+)'/gm)) {
      const target = new URL(spec, `file:///${file}`).pathname.slice(1);
      if (!reached.has(target)) {
        reached.add(target);
        visit(target);
      }
    }
  };
  visit(entry);
  assert.deepEqual([...preloaded].sort(), [...reached].sort());
});
