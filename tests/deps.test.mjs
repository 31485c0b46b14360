// ./build.sh deps keeps third-party sources current: a copy of build.sh (and the wasm/deps.sh it sources) runs in a scratch project
// whose private Debian source list points at a small Debian repository served on 127.0.0.1 (a real
// source package built here with dpkg-source). A stale .deps/*/.version is fetched again, an index
// older than a day is re-read, an unreachable index keeps what is there, and npm ci runs when the
// lockfile changed (a stub npm on PATH records the call).
import assert from 'node:assert/strict';
import { execFileSync, spawn } from 'node:child_process';
import { chmodSync, copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { createServer } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { after, before, describe, it } from 'node:test';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const CURRENT_CJSON = '1.7.15-1+deb12u4';
const NEWER_CJSON = '1.7.15-1+deb12u99';
const BEARSSL = '0.6+dfsg.1-3';

/** The Version: stanzas `apt-cache showsrc` prints, for source_plan. */
const showsrc = (...versions) => versions.map((v) => `Package: cjson\nVersion: ${v}\nStandards-Version: 4.6.2\n`).join('\n');
const plan = (upstream, current, input) => execFileSync('bash', [join(ROOT, 'build.sh'), 'deps-source-plan', upstream, current], { input, encoding: 'utf8' }).trim();

describe('source_plan: which Debian revision deps fetches', () => {
  it('fetches the newest revision of the pinned upstream in dpkg order, when it is newer than the current one', () => {
    const index = showsrc('1.7.15-1+deb12u4', '1.7.15-1+deb12u10', '1.7.15-1', '1.7.16-1', '1.7.15~rc1-1');
    assert.equal(plan('1.7.15', '', index), 'fetch 1.7.15-1+deb12u10', 'nothing fetched yet');
    assert.equal(plan('1.7.15', '1.7.15-1+deb12u4', index), 'fetch 1.7.15-1+deb12u10', 'u10 is newer than u4 (not a string order)');
    assert.equal(plan('1.7.15', '1.7.15-1+deb12u10', index), 'keep');
    assert.equal(plan('1.7.15', '1.7.15-1+deb12u11', index), 'keep', 'never a downgrade');
    assert.equal(plan('1.7.16', '', index), 'fetch 1.7.16-1', 'another upstream is another pin');
    assert.equal(plan('0.6', '', showsrc('0.6+dfsg.1-3', '0.6+dfsg.1-2', '1:0.5-1')), 'fetch 0.6+dfsg.1-3', '+dfsg suffixes belong to the upstream');
    assert.equal(plan('1.7.1', '', index), 'none', '1.7.1 is not a prefix match of 1.7.15');
  });
});

describe('./build.sh deps against a local Debian source repository', { timeout: 60_000 }, () => {
  let scratch, repo, server, url, requests;
  const project = () => join(scratch, 'project');
  /** ./build.sh deps in the scratch project (asynchronously: the repository is served by this process). */
  const deps = (...args) => new Promise((resolve, reject) => {
    const child = spawn('bash', [join(project(), 'build.sh'), 'deps', ...args], {
      // APT_CONFIG: apt's retries with back-off would make the unreachable case take 7 s.
      env: { ...process.env, PATH: `${join(scratch, 'bin')}:${process.env.PATH}`, APT_CONFIG: join(scratch, 'apt.conf') },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stderr = '';
    child.stdout.resume();
    child.stderr.on('data', (d) => { stderr += d; });
    const timer = setTimeout(() => child.kill('SIGKILL'), 30_000);
    child.on('error', reject);
    child.on('close', (status) => { clearTimeout(timer); resolve({ status, stderr }); });
  });
  const version = (pkg) => readFileSync(join(project(), '.deps', pkg, '.version'), 'utf8').trim();
  const sourcesList = (origin) => writeFileSync(join(project(), '.deps', 'apt', 'sources.list'), `deb-src [trusted=yes] ${origin}/ ./\n`);
  const hoursAgo = (file, hours) => {
    const t = new Date(Date.now() - hours * 3600_000);
    utimesSync(file, t, t);
  };

  before(async () => {
    scratch = mkdtempSync(join(tmpdir(), 'pw-deps-'));
    // A source package cjson NEWER_CJSON, and a flat repository index naming it and bearssl.
    repo = join(scratch, 'repo');
    const src = join(repo, 'cjson-1.7.15');
    mkdirSync(join(src, 'debian', 'source'), { recursive: true });
    writeFileSync(join(src, 'cJSON.c'), '/* the newer revision */\n');
    writeFileSync(join(src, 'debian', 'source', 'format'), '3.0 (quilt)\n');
    writeFileSync(join(src, 'debian', 'control'), 'Source: cjson\nMaintainer: Test <test@example.invalid>\nStandards-Version: 4.6.2\n\nPackage: libcjson-dev\nArchitecture: any\nDescription: test\n test\n');
    writeFileSync(join(src, 'debian', 'changelog'), `cjson (${NEWER_CJSON}) bookworm-security; urgency=medium\n\n  * Test.\n\n -- Test <test@example.invalid>  Tue, 01 Dec 2026 00:00:00 +0000\n`);
    execFileSync('tar', ['czf', 'cjson_1.7.15.orig.tar.gz', '--exclude=debian', 'cjson-1.7.15'], { cwd: repo });
    execFileSync('dpkg-source', ['-q', '-b', 'cjson-1.7.15'], { cwd: repo, stdio: 'ignore' });
    rmSync(src, { recursive: true });
    const sources = `${execFileSync('dpkg-scansources', ['.'], { cwd: repo, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] })}\n`
      + `Package: bearssl\nVersion: ${BEARSSL}\nDirectory: .\nFiles:\n 00000000000000000000000000000000 1 bearssl_${BEARSSL}.dsc\n`;
    writeFileSync(join(repo, 'Sources'), sources);
    writeFileSync(join(repo, 'Release'), `Date: ${new Date().toUTCString()}\nSHA256:\n ${createHash('sha256').update(sources).digest('hex')} ${Buffer.byteLength(sources)} Sources\n`);

    requests = [];
    server = createServer((req, res) => {
      requests.push(decodeURIComponent(req.url));
      const file = join(repo, decodeURIComponent(new URL(req.url, 'http://x').pathname).replace(/^\/+(\.\/)?/, ''));
      if (!file.startsWith(repo) || !existsSync(file) || !statSync(file).isFile()) return res.writeHead(404).end();
      res.writeHead(200, { 'content-type': 'application/octet-stream' }).end(readFileSync(file));
    });
    await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${server.address().port}`;

    // The scratch project: build.sh, sources already fetched (cjson one revision behind), an
    // installed npm tree newer than its lockfile, and a stub npm that records its arguments.
    mkdirSync(join(project(), '.deps', 'apt'), { recursive: true });
    copyFileSync(join(ROOT, 'build.sh'), join(project(), 'build.sh'));
    mkdirSync(join(project(), 'wasm'));
    copyFileSync(join(ROOT, 'wasm/deps.sh'), join(project(), 'wasm/deps.sh')); // build.sh sources it
    for (const [pkg, v] of [['cjson', CURRENT_CJSON], ['bearssl', BEARSSL]]) {
      mkdirSync(join(project(), '.deps', pkg));
      writeFileSync(join(project(), '.deps', pkg, '.version'), `${pkg} ${v}\n`);
      writeFileSync(join(project(), '.deps', pkg, 'kept'), 'the sources as they were\n');
    }
    sourcesList(url);
    writeFileSync(join(project(), 'package.json'), '{}\n');
    writeFileSync(join(project(), 'package-lock.json'), '{}\n');
    mkdirSync(join(project(), 'node_modules'));
    writeFileSync(join(project(), 'node_modules', '.package-lock.json'), '{}\n');
    hoursAgo(join(project(), 'package.json'), 2);
    hoursAgo(join(project(), 'package-lock.json'), 2);
    writeFileSync(join(scratch, 'apt.conf'), 'Acquire::Retries "0";\n');
    mkdirSync(join(scratch, 'bin'));
    writeFileSync(join(scratch, 'bin', 'npm'), `#!/bin/sh\necho "$*" >> "${join(scratch, 'npm-calls')}"\ntouch node_modules/.package-lock.json\n`);
    chmodSync(join(scratch, 'bin', 'npm'), 0o755);
  });

  after(async () => {
    await new Promise((resolve) => server?.close(resolve) ?? resolve());
    if (scratch) rmSync(scratch, { recursive: true, force: true });
  });

  it('re-fetches cJSON when the index has a newer Debian revision, printing old → new, and keeps BearSSL', async () => {
    const run = await deps();
    assert.equal(run.status, 0, run.stderr);
    assert.match(run.stderr, /reading Debian source indexes/, 'no index read yet: it is read');
    assert.ok(run.stderr.includes(`fetching cjson ${NEWER_CJSON} (Debian source package; was ${CURRENT_CJSON})`), run.stderr);
    assert.equal(version('cjson'), `cjson ${NEWER_CJSON}`);
    assert.equal(readFileSync(join(project(), '.deps', 'cjson', 'cJSON.c'), 'utf8'), '/* the newer revision */\n');
    assert.equal(existsSync(join(project(), '.deps', 'cjson', 'kept')), false, 'the whole tree was replaced');
    assert.equal(version('bearssl'), `bearssl ${BEARSSL}`);
    assert.ok(existsSync(join(project(), '.deps', 'bearssl', 'kept')), 'BearSSL is current: untouched');
    assert.ok(requests.some((r) => r.endsWith(`cjson_${NEWER_CJSON}.dsc`)), `the source package came from the index: ${requests}`);
    assert.equal(existsSync(join(scratch, 'npm-calls')), false, 'the npm tree is newer than its lockfile: npm is not run');
  });

  it('reads the index again only when it is older than a day, or with --refresh', async () => {
    const stamp = join(project(), '.deps', 'apt', '.updated');
    requests.length = 0;
    let run = await deps();
    assert.equal(run.status, 0, run.stderr);
    assert.deepEqual(requests, [], 'an index read just now is not read again');
    assert.doesNotMatch(run.stderr, /fetching/);

    hoursAgo(stamp, 23);
    run = await deps();
    assert.deepEqual(requests, [], '23 hours old: still current');
    hoursAgo(stamp, 25);
    run = await deps();
    assert.equal(run.status, 0, run.stderr);
    assert.ok(requests.some((r) => /Release$/.test(r)), `25 hours old: read again (${requests})`);
    assert.ok(Date.now() - statSync(stamp).mtimeMs < 60_000, 'and stamped');

    requests.length = 0;
    run = await deps('--refresh');
    assert.equal(run.status, 0, run.stderr);
    assert.ok(requests.some((r) => /Release$/.test(r)), '--refresh reads it now');
  });

  it('an unreachable index only warns: the sources already fetched stay and the build goes on', async () => {
    const closed = createServer();
    await new Promise((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const port = closed.address().port;
    await new Promise((resolve) => closed.close(resolve));
    sourcesList(`http://127.0.0.1:${port}`);
    try {
      const run = await deps('--refresh');
      assert.equal(run.status, 0, run.stderr);
      assert.match(run.stderr, /warning: could not re-read Debian's source index; keeping the sources in \.deps\/ as they are/);
      assert.equal(version('cjson'), `cjson ${NEWER_CJSON}`);
      assert.equal(version('bearssl'), `bearssl ${BEARSSL}`);
      assert.match(run.stderr, /using cjson 1\.7\.15-1\+deb12u99, bearssl 0\.6\+dfsg\.1-3/);
    } finally {
      sourcesList(url);
    }
  });

  it('runs npm ci (never npm install) when package-lock.json is newer than the installed tree', async () => {
    const lock = join(project(), 'package-lock.json');
    const now = new Date();
    utimesSync(lock, now, now);
    hoursAgo(join(project(), 'node_modules', '.package-lock.json'), 1);
    const run = await deps();
    assert.equal(run.status, 0, run.stderr);
    assert.match(readFileSync(join(scratch, 'npm-calls'), 'utf8'), /^ci /);
    rmSync(join(scratch, 'npm-calls'));
    const again = await deps();
    assert.equal(again.status, 0, again.stderr);
    assert.equal(existsSync(join(scratch, 'npm-calls')), false, 'installed: not run again');
  });
});
