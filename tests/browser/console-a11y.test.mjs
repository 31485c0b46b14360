// axe-core (WCAG 2.0/2.1/2.2 A and AA rules) on the console in every state the tests reach: light
// and dark, 360 px and 1280 px, the request inspector open. Zero violations.
// Run: node --test tests/browser/console-a11y.test.mjs

import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { violations } from './console-audit.mjs';
import { startConsole } from './console-setup.mjs';

describe('console accessibility (axe-core, WCAG 2.2 AA)', { timeout: 150_000 }, () => {
  let c, page;

  const audit = (state) => violations(page, state);

  before(async () => {
    c = await startConsole({ trackers: 2 });
    page = c.page;
    await page.goto(c.site.url);
    await c.connected();
    await page.locator('#inspector').evaluate((d) => { d.open = true; });
  });
  after(async () => { await c?.close(); });

  it('the audit sees a violation when there is one (an unlabelled input)', async () => {
    await page.evaluate(() => document.querySelector('main').append(Object.assign(document.createElement('input'), { id: 'canary' })));
    const found = await audit('canary');
    await page.evaluate(() => document.getElementById('canary').remove());
    assert.equal(found.filter((v) => /\] label: /.test(v)).length, 4, found.join('\n'));
  });

  it('connected, the panel folded, the list and the inspector shown', async () => {
    assert.deepEqual(await audit('connected'), []);
  });

  it('the connection panel open, and the form with errors', async () => {
    await c.openConnection();
    await page.getByLabel('Tracker name').fill('bad name!');
    await page.getByRole('button', { name: 'Add tag' }).click();
    await page.getByLabel('Tag key').fill('aws:x');
    await page.getByText(/^Tag key must not start with aws:/).waitFor();
    assert.deepEqual(await audit('panel open, errors'), []);
    await page.getByRole('button', { name: 'Remove tag' }).click();
  });

  it('a tracker created: timeline, tracking ID; the snippets dialog', async () => {
    await c.create('a11y-clicks');
    assert.deepEqual(await audit('created'), []);
    await page.getByRole('button', { name: 'Code to send events with this tracking ID' }).click();
    await page.getByRole('dialog', { name: 'Code to send events' }).waitFor();
    assert.deepEqual(await audit('snippets dialog'), []);
    await page.keyboard.press('Escape');
  });

  it('the details dialog, with its tags table', async () => {
    await c.row('bulk-0-clicks').getByRole('button', { name: 'Details' }).click();
    await page.getByRole('dialog', { name: 'Event tracker details' }).getByRole('table', { name: 'Tags' }).waitFor();
    assert.deepEqual(await audit('details'), []);
    await page.getByRole('button', { name: 'Close' }).click();
  });

  it('the delete dialog', async () => {
    await c.row('bulk-1-clicks').getByRole('button', { name: 'Delete' }).click();
    await page.getByRole('dialog', { name: /Delete bulk-1-clicks/ }).waitFor();
    assert.deepEqual(await audit('delete dialog'), []);
    await page.getByRole('dialog', { name: /Delete bulk-1-clicks/ }).getByRole('button', { name: 'Cancel' }).click();
  });

  it('an error shown, and not connected (AWS mode, nothing listed)', async () => {
    await c.openConnection();
    await page.getByLabel('Secret access key').fill('wrong');
    await page.getByRole('button', { name: 'Test connection' }).click();
    await c.connSays(/InvalidSignatureException/);
    assert.deepEqual(await audit('connection error'), []);
    await page.getByRole('radio', { name: 'AWS' }).check();
    assert.deepEqual(await audit('not connected'), []);
  });
});
