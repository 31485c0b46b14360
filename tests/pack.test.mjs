// The npm package (./build.sh pack): what the tarball holds, publint and attw on it, and a fresh
// project that installs it (npm install ./personalize-wasm-<version>.tgz, from npm's cache) and then
// uses it as a harness would: the README's node:test example against the packaged local endpoint,
// the CLI through npx, TypeScript under nodenext and bundler, and an esbuild bundle in Chromium.

import assert from 'node:assert/strict';
import { execFile, spawn } from 'node:child_process';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import { after, before, describe, it } from 'node:test';
import { startStaticServer } from './browser/static-server.mjs';
import { launch, watch, ROOT } from './browser/harness.mjs';

const run = promisify(execFile);
const BIN = path.join(ROOT, 'node_modules', '.bin');
const esbuild = createRequire(path.join(ROOT, 'package.json'))('esbuild');
const PKG = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8'));

/** The README's harness example, verbatim (README.md "Use from a test harness" holds the same text). */
const HARNESS_EXAMPLE = `// harness.test.mjs (node --test)
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { PersonalizeClient, PersonalizeEventsClient } from 'personalize-wasm';
import { startLocalEndpoint } from 'personalize-wasm/local-endpoint';

test('a click reaches the event tracker', async (t) => {
  const endpoint = await startLocalEndpoint(); // 127.0.0.1, a free port, 10 ms lifecycle steps
  t.after(() => endpoint.close());
  const config = { endpoint: endpoint.url, region: endpoint.region, credentials: endpoint.credentials };
  const personalize = new PersonalizeClient(config);
  const events = new PersonalizeEventsClient(config);

  const { eventTrackerArn, trackingId } = await personalize.createEventTracker({
    datasetGroupArn: endpoint.datasetGroupArn, // an ACTIVE dataset group, ready for a tracker
    name: 'clicks',
  });
  const tracker = await personalize.waitUntilEventTrackerActive({ eventTrackerArn }, { minDelay: 0.01, maxDelay: 0.05 });
  assert.equal(tracker.status, 'ACTIVE');

  const sentAt = new Date('2026-01-01T00:00:00Z');
  const { eventIds } = await events.putEvents({
    trackingId, sessionId: 'session-1', userId: 'user-1',
    eventList: [{ eventType: 'click', itemId: 'item-42', sentAt, properties: { numberOfRatings: 12 } }],
  });

  const stored = endpoint.events(trackingId);
  assert.equal(stored.length, 1);
  assert.equal(stored[0].userId, 'user-1');
  assert.deepEqual(stored[0].event, {
    eventType: 'click', itemId: 'item-42', sentAt: sentAt.getTime() / 1000,
    eventId: eventIds[0], properties: '{"numberOfRatings":12}',
  });
});
`;

/** A TypeScript consumer: real uses of both entry points, and two uses the types must refuse. */
const CONSUMER_TS = `import { PersonalizeClient, PersonalizeEventsClient, type EventTracker } from 'personalize-wasm';
import { startLocalEndpoint, type LocalEndpoint, type StoredEvent } from 'personalize-wasm/local-endpoint';

export async function clicks(): Promise<StoredEvent[]> {
  const endpoint: LocalEndpoint<string> = await startLocalEndpoint({ stepMs: 5, log: () => {} });
  const config = { endpoint: endpoint.url, region: endpoint.region, credentials: endpoint.credentials };
  const personalize = new PersonalizeClient(config);
  const { eventTrackerArn, trackingId } = await personalize.createEventTracker({ datasetGroupArn: endpoint.datasetGroupArn, name: 'typed' });
  const tracker: EventTracker = await personalize.waitUntilEventTrackerActive({ eventTrackerArn }, { minDelay: 0.01 });
  await new PersonalizeEventsClient(config).putEvents({ trackingId, sessionId: 's', eventList: [{ eventType: 'click', sentAt: new Date() }] });
  // @ts-expect-error name is a string
  await personalize.createEventTracker({ datasetGroupArn: tracker.datasetGroupArn ?? '', name: 42 });
  // @ts-expect-error no such fault
  endpoint.setFaults({ throttel: 1 });
  const bare: LocalEndpoint<null> = await startLocalEndpoint({ demo: false });
  await bare.close();
  await endpoint.close();
  return endpoint.events(trackingId);
}
`;

const tsconfig = (module, moduleResolution) => JSON.stringify({
  compilerOptions: {
    strict: true, target: 'ES2022', module, moduleResolution, lib: ['ES2022', 'DOM'], types: [],
    noEmit: true, skipLibCheck: false, noUnusedLocals: true,
  },
  files: ['consumer.ts'],
});

/** The page's script, bundled by esbuild: validation and signing in WASM, compared with Node's answer. */
const PAGE_MJS = `import { signRequest, validate } from 'personalize-wasm';
export const REQUEST = { method: 'POST', path: '/', body: '{}',
  headers: { host: 'personalize.us-east-1.amazonaws.com', 'content-type': 'application/x-amz-json-1.1' } };
export const OPTIONS = { region: 'us-east-1', service: 'personalize', date: new Date('2026-01-01T00:00:00Z'),
  credentials: { accessKeyId: 'AKIDEXAMPLE', secretAccessKey: 'wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY' } };
export async function answer() {
  const issues = await validate('CreateEventTracker', { datasetGroupArn: 'arn:aws:personalize:us-east-1:123456789012:dataset-group/d', name: 'no spaces' });
  const signed = await signRequest(REQUEST, OPTIONS);
  return { fields: issues.map((i) => i.field), authorization: new Map(signed.headers).get('Authorization') };
}
if (typeof document !== 'undefined') {
  answer().then((r) => { window.__result = r; }, (e) => { window.__result = { error: String(e && e.message) }; });
}
`;
const PAGE_HTML = '<!doctype html><meta charset="utf-8"><title>bundled</title><script type="module" src="./app.js"></script>';

/** A clean environment: no AWS_* variables, no shared files of whoever runs the tests. */
function cleanEnv(dir, extra = {}) {
  // NODE_TEST_CONTEXT too: with it, a child `node --test` reports to this runner instead of printing TAP.
  const env = Object.fromEntries(Object.entries(process.env).filter(([k]) => !/^AWS_/.test(k) && k !== 'NODE_TEST_CONTEXT'));
  return { ...env, AWS_CONFIG_FILE: path.join(dir, 'no-config'), AWS_SHARED_CREDENTIALS_FILE: path.join(dir, 'no-credentials'), ...extra };
}

/**
 * `personalize-wasm local-endpoint ...` through the bin npm linked in the project (what npx runs; started
 * directly so that its own exit code is seen); resolves with { url, datasetGroupArn, child } once it listens.
 */
function startPackagedEndpoint(project, env) {
  const bin = path.join(project, 'node_modules', '.bin', 'personalize-wasm');
  const child = spawn(bin, ['local-endpoint', '--port', '0', '--step-ms', '10', '--demo'], { cwd: project, env, stdio: ['ignore', 'pipe', 'pipe'] });
  let stderr = '';
  child.stderr.on('data', (d) => { stderr += d; });
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no URL from the packaged endpoint within 15 s: ${stderr}`)), 15_000);
    const lines = createInterface({ input: child.stdout });
    const seen = [];
    lines.on('line', (line) => {
      seen.push(line);
      const arn = /^demo dataset group \([^)]*\): (\S+)$/.exec(line);
      if (arn) {
        clearTimeout(timer);
        resolve({ url: seen[0], datasetGroupArn: arn[1], child });
      }
    });
    child.on('exit', (code) => { clearTimeout(timer); reject(new Error(`the packaged endpoint exited with ${code}: ${stderr}`)); });
  });
}

/** SIGTERM, then SIGKILL after 5 s; resolves with the exit code. */
function stop(child) {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve(child.exitCode);
  return new Promise((resolve) => {
    const force = setTimeout(() => child.kill('SIGKILL'), 5000);
    child.once('exit', (code) => { clearTimeout(force); resolve(code); });
    child.kill('SIGTERM');
  });
}

describe('pack: the npm tarball, installed into a fresh project', { timeout: 120_000 }, () => {
  let dir, project, tarball, installed, packed;

  before(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pw-pack-'));
    const { stdout } = await run('bash', [path.join(ROOT, 'build.sh'), 'pack', path.join(dir, 'out')], { cwd: ROOT, maxBuffer: 1 << 24 });
    tarball = stdout.trim().split('\n').pop();
    project = path.join(dir, 'project');
    fs.mkdirSync(project);
    fs.writeFileSync(path.join(project, 'package.json'), JSON.stringify({ name: 'harness', version: '1.0.0', private: true, type: 'module' }));
    // From npm's cache (the dependencies are installed in this repository, so they are in it).
    await run('npm', ['install', '--prefer-offline', '--no-audit', '--no-fund', '--loglevel=error', tarball], { cwd: project, env: cleanEnv(dir) });
    installed = path.join(project, 'node_modules', 'personalize-wasm');
    packed = (await run('tar', ['-tzf', tarball])).stdout.trim().split('\n').map((f) => f.replace(/^package\//, '')).sort();
  });

  after(() => {
    if (dir) fs.rmSync(dir, { recursive: true, force: true });
  });

  it('is named personalize-wasm-<version>.tgz and declares an installable ESM package', () => {
    assert.equal(path.basename(tarball), `personalize-wasm-${PKG.version}.tgz`);
    const pkg = JSON.parse(fs.readFileSync(path.join(installed, 'package.json'), 'utf8'));
    assert.equal(pkg.private, undefined, 'not private');
    assert.equal(pkg.type, 'module');
    assert.ok(Array.isArray(pkg.files) && pkg.files.length > 0, 'an explicit files list');
    // The list follows from the layout: the shipped rooms as folders (the glue built, without its
    // sources), the model's two files (and serve.mjs, which serves a checkout's web/, left out), no
    // list of modules to keep current.
    assert.deepEqual(pkg.files, ['web/lib', '!web/lib/src', 'web/node', 'tests/local-endpoint/runtime', '!tests/local-endpoint/runtime/serve.mjs', 'wasm/model.mjs', 'wasm/model.json']);
    // No module does work at import time, except the two command lines, which run when executed.
    assert.deepEqual(pkg.sideEffects, ['./web/node/cli.mjs', './tests/local-endpoint/runtime/server.mjs']);
    for (const file of pkg.sideEffects) assert.ok(fs.existsSync(path.join(installed, file)), file);
    assert.match(pkg.engines.node, /^>=\d+$/);
    for (const sub of ['.', './local-endpoint']) {
      assert.deepEqual(Object.keys(pkg.exports[sub]), ['types', 'default'], `${sub}: types first`);
      for (const file of Object.values(pkg.exports[sub])) assert.ok(fs.existsSync(path.join(installed, file)), `${sub} → ${file}`);
    }
    assert.ok(fs.existsSync(path.join(project, 'node_modules', '.bin', 'personalize-wasm')), 'the bin is linked');
    assert.equal(pkg.license, 'Apache-2.0');
    assert.match(fs.readFileSync(path.join(installed, 'LICENSE'), 'utf8'), /^\s*Apache License\s+Version 2\.0, January 2004/, 'the license text ships with it');
  });

  it('holds exactly its entry points\' modules, the .wasm, the model and the types: no tests, no C sources', async () => {
    const pkg = JSON.parse(fs.readFileSync(path.join(installed, 'package.json'), 'utf8'));
    const entries = [pkg.exports['.'].default, pkg.exports['./local-endpoint'].default, pkg.bin['personalize-wasm']];
    const { metafile } = await esbuild.build({
      absWorkingDir: installed, entryPoints: entries, bundle: true, platform: 'node', format: 'esm', packages: 'external',
      write: false, metafile: true, outdir: path.join(dir, 'unused'), logLevel: 'silent',
    });
    const modules = Object.keys(metafile.inputs);
    const bare = new Set(Object.values(metafile.inputs).flatMap((m) => m.imports.filter((i) => i.external).map((i) => i.path)));
    const data = ['package.json', 'README.md', 'LICENSE', 'web/lib/personalize.wasm', 'web/lib/personalize.d.ts', 'tests/local-endpoint/runtime/index.d.ts', 'wasm/model.json'];
    assert.deepEqual(packed, [...modules, ...data].sort(), 'the tarball is the modules the entry points import, plus data and types');
    assert.ok(!packed.some((f) => /\.test\.mjs$|\.[ch]$|wire\.mjs$|serve\.mjs$/.test(f)), packed.join(' '));
    // Every package a packed module imports is declared as a dependency: installing is enough.
    const declared = Object.keys(pkg.dependencies ?? {});
    for (const spec of bare) {
      if (spec.startsWith('node:')) continue;
      assert.ok(declared.includes(spec), `${spec} is imported by the package, so it must be in "dependencies"`);
    }
    for (const dep of declared) assert.ok(bare.has(dep), `${dep} is declared but no packed module imports it`);
  });

  it('the client is one module that imports nothing outside itself and its .wasm (web/node/config.mjs by URL, in Node.js only)', async () => {
    const { metafile } = await esbuild.build({
      absWorkingDir: installed, entryPoints: ['web/lib/personalize.mjs'], bundle: true, platform: 'node', format: 'esm',
      packages: 'external', write: false, metafile: true, outdir: path.join(dir, 'unused'), logLevel: 'silent',
    });
    const imports = Object.values(metafile.inputs).flatMap((m) => m.imports.map((i) => i.path));
    const glue = packed.filter((f) => /^web\/lib\/[^/]+\.mjs$/.test(f));
    assert.deepEqual(glue, ['web/lib/personalize.mjs'], 'the glue ships as one built module, not its sources');
    assert.deepEqual(Object.keys(metafile.inputs).sort(), glue);
    assert.ok(packed.includes('web/node/config.mjs'), 'the Node-only configuration the glue loads by URL');
    assert.ok(imports.every((p) => p.startsWith('node:') || p.startsWith('web/')), imports.join(' '));
    // A browser bundle: package.json's "browser" field leaves web/node/config.mjs and node:fs out.
    const browser = await esbuild.build({
      absWorkingDir: project, stdin: { contents: "export * from 'personalize-wasm';", resolveDir: project },
      bundle: true, platform: 'browser', format: 'esm', write: false, metafile: true, logLevel: 'silent',
    });
    assert.deepEqual(Object.keys(browser.metafile.inputs).filter((f) => !f.startsWith('(disabled):') && f !== '<stdin>').sort(),
      glue.map((f) => `node_modules/personalize-wasm/${f}`).sort());
  });

  it('passes publint (strict) and @arethetypeswrong/cli (ESM-only profile)', async () => {
    const lint = await run(path.join(BIN, 'publint'), ['run', tarball, '--strict', '--level', 'warning'], { cwd: dir });
    assert.match(lint.stdout, /All good!/, lint.stdout);
    // The package is ESM only: CommonJS require() and node10 resolution are out of scope (esm-only).
    // The .wasm subpath is a file for bundlers and copy steps, not a module with types.
    const attw = await run(path.join(BIN, 'attw'), [tarball, '--profile', 'esm-only', '--exclude-entrypoints', 'personalize.wasm',
      '--format', 'json', '--no-color'], { cwd: dir, maxBuffer: 1 << 24 }).catch((e) => e);
    assert.equal(attw.code ?? 0, 0, attw.stdout);
    const report = JSON.parse(attw.stdout);
    assert.deepEqual(Object.keys(report.analysis.entrypoints).sort(), ['.', './local-endpoint', './package.json']);
    const counted = Object.values(report.problems ?? {}).flat().filter((p) => !['node10', 'node16-cjs'].includes(p.resolutionKind));
    assert.deepEqual(counted, []);
  });

  it('runs the README\'s node:test example: create, wait, put-events, the stored events, close', async () => {
    fs.writeFileSync(path.join(project, 'harness.test.mjs'), HARNESS_EXAMPLE);
    const { stdout } = await run(process.execPath, ['--test', '--test-reporter=tap', 'harness.test.mjs'], { cwd: project, env: cleanEnv(dir) })
      .catch((e) => assert.fail(`${e.stdout}\n${e.stderr}`));
    assert.match(stdout, /^# pass 1$/m);
    assert.match(stdout, /^# fail 0$/m);
  });

  it('the README shows that same harness example', () => {
    const readme = fs.readFileSync(path.join(ROOT, 'README.md'), 'utf8');
    const blocks = [...readme.matchAll(/```js\n([\s\S]*?)```/g)].map((m) => m[1]);
    const shown = blocks.find((b) => b.includes("from 'personalize-wasm/local-endpoint'") && b.includes('node:test'));
    assert.ok(shown, 'README.md has a ```js block with the node:test harness example');
    assert.equal(shown, HARNESS_EXAMPLE);
  });

  it('the CLI (npx personalize-wasm) creates a tracker against personalize-wasm local-endpoint', async () => {
    const env = cleanEnv(dir, { AWS_ACCESS_KEY_ID: 'AKIAIOSFODNN7EXAMPLE', AWS_SECRET_ACCESS_KEY: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY' });
    const endpoint = await startPackagedEndpoint(project, env);
    try {
      assert.match(endpoint.url, /^http:\/\/127\.0\.0\.1:\d+$/);
      const cli = (...args) => run('npx', ['--no', 'personalize-wasm', ...args, '--endpoint-url', endpoint.url, '--region', 'us-east-1'], { cwd: project, env })
        .catch((e) => assert.fail(`personalize-wasm ${args.join(' ')}: exit ${e.code}\n${e.stderr}`));
      const created = JSON.parse((await cli('personalize', 'create-event-tracker', '--name', 'from-cli', '--dataset-group-arn', endpoint.datasetGroupArn)).stdout);
      assert.match(created.eventTrackerArn, /^arn:aws:personalize:us-east-1:123456789012:event-tracker\/[0-9a-f]{8}$/);
      await cli('personalize', 'wait', 'event-tracker-active', '--event-tracker-arn', created.eventTrackerArn);
      const { eventTracker } = JSON.parse((await cli('personalize', 'describe-event-tracker', '--event-tracker-arn', created.eventTrackerArn)).stdout);
      assert.equal(eventTracker.status, 'ACTIVE');
      assert.equal(eventTracker.trackingId, created.trackingId);
    } finally {
      assert.equal(await stop(endpoint.child), 0, 'SIGTERM stops it cleanly');
    }
  });

  it('type-checks a TypeScript consumer under moduleResolution nodenext and bundler', async () => {
    fs.writeFileSync(path.join(project, 'consumer.ts'), CONSUMER_TS);
    fs.writeFileSync(path.join(project, 'tsconfig.nodenext.json'), tsconfig('NodeNext', 'NodeNext'));
    fs.writeFileSync(path.join(project, 'tsconfig.bundler.json'), tsconfig('ESNext', 'Bundler'));
    // This repository's tsc on the project's files: '' when they type-check, else its diagnostics.
    const tsc = (config) => run(path.join(BIN, 'tsc'), ['--pretty', 'false', '-p', path.join(project, config)], { cwd: project })
      .then(() => '', (e) => `${e.stdout}${e.stderr}`);
    const [nodenext, bundler] = await Promise.all([tsc('tsconfig.nodenext.json'), tsc('tsconfig.bundler.json')]);
    assert.equal(nodenext, '', `nodenext:\n${nodenext}`);
    assert.equal(bundler, '', `bundler:\n${bundler}`);
  });

  describe('a page bundled with esbuild', () => {
    let site, bare, server, browser, expected;

    before(async () => {
      fs.writeFileSync(path.join(project, 'page.mjs'), PAGE_MJS);
      site = path.join(dir, 'site');
      bare = path.join(dir, 'site-without-wasm');
      for (const out of [site, bare]) {
        await esbuild.build({ absWorkingDir: project, entryPoints: ['page.mjs'], bundle: true, platform: 'browser', format: 'esm',
          outfile: path.join(out, 'app.js'), logLevel: 'silent' });
        fs.writeFileSync(path.join(out, 'index.html'), PAGE_HTML);
      }
      // What a bundler that leaves new URL('./personalize.wasm', import.meta.url) alone (esbuild) needs:
      // the .wasm copied beside the bundle. The package exports its path for that.
      const wasm = createRequire(path.join(project, 'package.json')).resolve('personalize-wasm/personalize.wasm');
      fs.copyFileSync(wasm, path.join(site, 'personalize.wasm'));
      server = await startStaticServer({ root: dir, base: '/' });
      browser = await launch();
      expected = await (await import(pathToFileURL(path.join(project, 'page.mjs')).href)).answer();
    });

    after(async () => {
      await browser?.close();
      await server?.close();
    });

    const result = async (folder) => {
      const page = await browser.context.newPage();
      const problems = await watch(page, { ignore: (text) => /Failed to load resource.*404/.test(text) });
      await page.goto(`${server.url}${folder}/index.html`);
      await page.waitForFunction(() => window.__result !== undefined);
      const value = await page.evaluate(() => window.__result);
      await page.close();
      return { value, problems };
    };

    it('finds personalize.wasm beside the bundle, validates and signs as Node.js does', async () => {
      assert.equal(expected.fields.length, 1, 'the name with spaces is refused');
      assert.match(expected.authorization, /^AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE\/20260101\/us-east-1\/personalize\/aws4_request, /);
      const { value, problems } = await result('site');
      assert.deepEqual(value, expected);
      assert.deepEqual(problems, []);
    });

    it('without the copied .wasm, says which file it could not load', async () => {
      const { value } = await result('site-without-wasm');
      assert.match(value.error ?? '', /Could not load .*\/site-without-wasm\/personalize\.wasm: HTTP 404/);
    });
  });
});
