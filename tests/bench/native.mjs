// The floors a sign is compared with, built here: our C signer compiled natively (gcc -O2,
// tests/bench/sign_native.c) and BearSSL's SHA-256 in WASM as the module builds it
// (tests/bench/sha_blocks.c); and the number of SHA-256 blocks one sign hashes.
import { spawn, spawnSync } from 'node:child_process';
import { mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { BODY, CREDENTIALS, DATE, HEADERS, REGION, ROOT, SERVICE } from './common.mjs';
import { BUILD, HERE, running } from './children.mjs';

/** A bash array of build.sh (NAME=(...)), so the sources stay in step with its builds. */
function buildShList(name) {
  const m = new RegExp(`^${name}=\\(([^)]*)\\)`, 'm').exec(readFileSync(join(ROOT, 'build.sh'), 'utf8'));
  if (!m) throw new Error(`build.sh: no ${name}=(...) array`);
  return m[1].trim().split(/\s+/);
}

/** Files of a directory, as paths ([] when it is missing). */
const filesOf = (dir) => (statSync(dir, { throwIfNoEntry: false }) ? readdirSync(dir).map((f) => join(dir, f)) : []);

function gcc(argv, out) {
  return new Promise((resolve, reject) => {
    const p = spawn('gcc', argv, { stdio: ['ignore', 'ignore', 'pipe'] });
    running.add(p);
    let stderr = '';
    p.stderr.on('data', (d) => (stderr += d));
    p.on('error', (err) => reject(new Error(`gcc: ${err.message}`)));
    p.on('close', (code) => {
      running.delete(p);
      if (code !== 0) reject(new Error(`gcc failed building ${out}:\n${stderr}`));
      else resolve();
    });
  });
}

/** gcc -O2 over build.sh's native sources and flags (read from build.sh, so they stay in step).
 * Skipped when build/bench/sign_native is newer than every input and was built with the same command. */
export async function buildNative() {
  const deps = join(ROOT, '.deps');
  const sources = [
    join(deps, 'cjson/cJSON.c'),
    ...buildShList('BEARSSL_SRC').map((s) => join(deps, 'bearssl', s)),
    ...buildShList('CORE_SRC').map((s) => join(ROOT, 'wasm', s)),
    join(HERE, 'sign_native.c'),
  ];
  const includes = [join(ROOT, 'wasm'), join(ROOT, 'build/gen'), join(deps, 'cjson'), join(deps, 'bearssl/inc'), join(deps, 'bearssl/src')];
  mkdirSync(BUILD, { recursive: true });
  const out = join(BUILD, 'sign_native');
  const argv = ['-O2', '-std=c11', '-Wall', '-Wextra', '-Wno-unused-parameter', ...includes.map((i) => `-I${i}`), ...sources, '-o', out, '-lm'];

  const stampFile = `${out}.cmd`;
  const stamp = JSON.stringify(argv);
  const inputs = [...sources, ...filesOf(join(ROOT, 'wasm')), ...filesOf(join(ROOT, 'build/gen'))];
  const mtime = (f) => statSync(f, { throwIfNoEntry: false })?.mtimeMs;
  const built = mtime(out);
  if (built !== undefined && readFileSync(stampFile, { encoding: 'utf8', flag: 'a+' }) === stamp && inputs.every((f) => (mtime(f) ?? Infinity) < built)) {
    return out;
  }
  await gcc(argv, out);
  writeFileSync(stampFile, stamp);
  return out;
}

/** The SHA-256 floor's module: BearSSL's SHA-256 built as in personalize.wasm (the flags
 * build.sh used, from build/sha-flags; the codec at -O2), tests/bench/sha_blocks.c exporting blocks(n). */
export async function buildFloorWasm() {
  const deps = join(ROOT, '.deps', 'bearssl');
  const out = join(BUILD, 'sha_blocks.wasm');
  const shaFlags = readFileSync(join(ROOT, 'build', 'sha-flags'), 'utf8').trim().split(/\s+/);
  const argv = [...shaFlags, '-mbulk-memory', `-I${join(deps, 'inc')}`, `-I${join(deps, 'src')}`,
    ...['src/hash/sha2small.c', 'src/codec/dec32be.c', 'src/codec/enc32be.c'].map((f) => join(deps, f)), join(HERE, 'sha_blocks.c'),
    '-o', out, '--no-entry', '-sSTANDALONE_WASM', '-sMALLOC=none', '-sERROR_ON_UNDEFINED_SYMBOLS=1'];
  mkdirSync(BUILD, { recursive: true });
  const r = spawnSync('emcc', argv, { encoding: 'utf8', env: { ...process.env, NODE_PATH: `/usr/share/nodejs${process.env.NODE_PATH ? `:${process.env.NODE_PATH}` : ''}` } });
  if (r.status !== 0) throw new Error(`emcc failed building ${out}:\n${r.stderr}`);
  return out;
}

/** SHA-256 compressions in one sign of the benchmark's request, counted from what is hashed:
 * the payload, the canonical request, and HMAC-SHA256 of the string to sign under the day's
 * signing key (its padded key blocks are hashed once per day, so only the messages count). */
export async function signBlocks() {
  const { signRequest } = await import(new URL('web/lib/personalize.mjs', `file://${ROOT}`).href);
  const out = await signRequest({ method: 'POST', path: '/', headers: HEADERS, body: BODY }, { credentials: CREDENTIALS, region: REGION, service: SERVICE, date: DATE });
  const blocks = (n) => Math.ceil((n + 9) / 64); // message, 0x80, 64-bit length
  const utf8 = (t) => Buffer.byteLength(t);
  return blocks(utf8(BODY)) + blocks(utf8(out.canonicalRequest)) + (blocks(64 + utf8(out.stringToSign)) - 1) + (blocks(64 + 32) - 1);
}

/** One process of the native signer: its signs' times (ms) and the Authorization it made. */
export function runNative(binary, plan) {
  const t0 = performance.now();
  const r = spawnSync(binary, [String(plan.nativeSigns), String(plan.nativeWarmup)], { encoding: 'utf8', timeout: plan.childTimeout });
  if (r.status !== 0) throw new Error(`${binary} ${r.signal ? `killed (${r.signal})` : `exited ${r.status}`}\n${r.stderr}`);
  return { ...JSON.parse(r.stdout.trim()), wall: performance.now() - t0 };
}
