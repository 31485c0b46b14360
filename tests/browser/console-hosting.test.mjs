// The console at its edges: an endpoint the page's security policy blocks, the page
// opened from file://, a plain static host (no local-endpoint.json request; time to interactive),
// the module preload list, live regions and the skip link.
// Run: node --test tests/browser/console-hosting.test.mjs

import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { after, before, describe, it } from 'node:test';
import { startConsole } from './console-setup.mjs';
import { startStaticServer } from './static-server.mjs';
import { WEB } from './harness.mjs';

describe('console edges', { timeout: 90_000 }, () => {
  let c;
  before(async () => {
    c = await startConsole();
    await c.page.goto(c.site.url);
    await c.connected();
  });
  after(async () => { await c?.close(); });

  it('explains an endpoint the page\'s security policy blocks, and how ./build.sh dist allows it', async () => {
    const page = await c.browser.context.newPage(); // not watched: the CSP violation is the point
    try {
      await page.goto(c.site.url);
      await page.getByRole('button', { name: 'Change connection' }).click();
      const blocked = `http://127.0.0.2:${c.emu.port}`;
      await page.getByLabel('Endpoint URL').fill(blocked);
      await page.getByRole('button', { name: 'Test connection' }).click();
      const msg = page.locator('#conn-msg');
      await msg.getByText(/NetworkError/).waitFor({ timeout: 15_000 });
      const text = await msg.textContent();
      assert.ok(text.includes(`security policy (Content-Security-Policy connect-src) does not allow connections to ${blocked}`), text);
      assert.ok(text.includes(`./build.sh dist --connect-src ${blocked}`), text);
    } finally {
      await page.close();
    }
  });

  it('opened from file:// says to serve it over HTTP', async () => {
    const page = await c.browser.context.newPage();
    try {
      await page.goto(pathToFileURL(path.join(WEB, 'index.html')).href);
      const boot = page.locator('#boot');
      await boot.waitFor({ state: 'visible', timeout: 5000 });
      await page.waitForFunction(() => getComputedStyle(document.getElementById('boot')).visibility === 'visible');
      assert.match(await boot.textContent(), /Open it over HTTP .*not as a file/);
    } finally {
      await page.close();
    }
  });

  it('on a plain static host: no request for local-endpoint.json, AWS mode, every module preloaded; time to interactive', async (t) => {
    const site = await startStaticServer({ root: WEB, base: '/plain/' });
    const page = await c.browser.context.newPage();
    try {
      const modules = [];
      page.on('request', (r) => { if (r.url().endsWith('.mjs')) modules.push(new URL(r.url()).pathname.slice(new URL(site.url).pathname.length)); });
      await page.goto(site.url);
      await page.waitForFunction(() => document.documentElement.dataset.ready);
      await page.waitForTimeout(300);
      assert.ok(!site.requests.some((p) => p.endsWith('local-endpoint.json')), site.requests.join(' '));
      assert.ok(await page.getByRole('radio', { name: 'AWS' }).isChecked());
      assert.equal(await page.locator('#list-state').textContent(), 'Connect to list the event trackers.');
      const html = fs.readFileSync(path.join(WEB, 'index.html'), 'utf8');
      const preloaded = [...html.matchAll(/<link rel="modulepreload" href="\.\/([^"]+)">/g)].map((m) => m[1]);
      assert.deepEqual([...new Set(modules)].filter((m) => m !== 'console/app.mjs').sort(), preloaded.sort(), 'the preload list is the module graph');
      const tti = Number(await page.evaluate(() => document.documentElement.dataset.ready));
      const { domContentLoaded } = await page.evaluate(() => ({ domContentLoaded: Math.round(performance.getEntriesByType('navigation')[0].domContentLoadedEventEnd) }));
      t.diagnostic(`time to interactive: ${tti} ms after navigation (DOMContentLoaded ${domContentLoaded} ms)`);
      assert.ok(tti > 0);
    } finally {
      await page.close();
      await site.close();
    }
  });

  it('only status messages are live regions: not the tracking ID or the ARN', async () => {
    const live = await c.page.evaluate(() => [...document.querySelectorAll('[aria-live], [role=status], output')].map((e) => e.id || e.className));
    for (const id of ['tracking-id', 'tracker-arn']) {
      assert.equal(await c.page.evaluate((x) => !!document.getElementById(x).closest('[aria-live], [role=status], output'), id), false, `#${id} is no live region`);
    }
    assert.ok(live.includes('status') && live.includes('list-live'), live.join(' '));
  });

  it('a skip link leads to the tracker list', async () => {
    const page = c.page;
    await page.goto(c.site.url);
    await c.connected();
    await page.keyboard.press('Tab');
    assert.equal(await page.evaluate(() => document.activeElement.textContent), 'Skip to the tracker list');
    await page.keyboard.press('Enter');
    assert.equal(await page.evaluate(() => document.activeElement.id), 'list-h');
  });

  it('had no CSP violation, console error, page error or dialog', () => {
    assert.deepEqual(c.problems, []);
  });
});
