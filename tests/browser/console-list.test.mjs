// The tracker list as a first-time user meets it (issue 18), in Chromium against the local endpoint
// with 14 more trackers than the demo has (two pages): search over every page and by dataset group,
// feedback where a row's button was pressed, a layout that stays put while statuses change, deep
// links past the first page, the keyboard through the list, sorting on a phone, and tags in
// Details. axe-core stays clean (light and dark, 360 and 1280 px) in the states these tests reach.
// Run: node --test tests/browser/console-list.test.mjs
// Against another page (to see these fail on an older one): CONSOLE_WEB=/path/to/old/web node --test …

import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { startConsole } from './console-setup.mjs';
import { audit } from './console-audit.mjs';

describe('console list, first use', { timeout: 240_000 }, () => {
  let c, page;
  const idle = () => page.waitForFunction(() => document.getElementById('list-card').getAttribute('aria-busy') === 'false');
  const trackerArn = async (name) => (await c.admin('state')).eventTrackers.find((t) => t.name === name)?.eventTrackerArn;

  before(async () => {
    c = await startConsole({ trackers: 14, stepMs: 1000 });
    page = c.page;
    const warehouse = await c.newGroup('warehouse');
    await c.node.createEventTracker({ datasetGroupArn: warehouse, name: 'stock-moves' });
    await page.goto(c.site.url);
    await c.connected();
  });
  after(async () => { await c?.close(); });

  it('8. at 1280×800 the list stays put while statuses change: no overflow, one-line dates and buttons, 20-character names unbroken', async () => {
    const name = 'abcdefghij-klmnopqrs'; // 20 characters
    const arn = await c.newGroup('layout-group');
    const more = page.getByRole('button', { name: 'Load more' });
    while (await more.isVisible()) {
      await more.click();
      await idle();
    }
    await c.node.createEventTracker({ datasetGroupArn: arn, name });
    await page.getByRole('button', { name: 'Refresh' }).click(); // every page loaded stays loaded, the new tracker at the end
    await idle();
    const measure = () => page.evaluate((n) => {
      const card = document.getElementById('list-card');
      const box = (e) => e.getBoundingClientRect();
      const lines = (e) => { const r = document.createRange(); r.selectNodeContents(e); return new Set([...r.getClientRects()].map((x) => Math.round(x.top))).size; };
      const rows = [...document.querySelectorAll('#trackers tbody tr')].filter((r) => !r.hidden && r.cells.length > 1);
      const row = rows.find((r) => r.cells[0].textContent.includes(n));
      const created = [...row.cells].find((td) => td.dataset.label === 'Created');
      const buttons = [...row.querySelectorAll('button')].map((b) => Math.round(box(b).top));
      const nameEl = row.cells[0].querySelector('.mono') ?? row.cells[0];
      const refresh = box(document.getElementById('refresh'));
      return {
        overflow: card.scrollWidth > card.clientWidth || document.documentElement.scrollWidth > document.documentElement.clientWidth,
        refreshInside: refresh.right <= box(card).right,
        tableInside: box(document.getElementById('trackers')).right <= box(card).right,
        dateLines: lines(created.firstElementChild ?? created),
        buttonLines: new Set(buttons).size,
        nameLines: lines(nameEl.firstChild?.nodeType === 3 ? nameEl : nameEl.firstElementChild ?? nameEl),
        columns: [...row.cells].map((td) => Math.round(box(td).left)),
        rowHeight: Math.round(box(row).height),
        status: row.querySelector('.badge')?.textContent,
        gap: Math.round(box(document.getElementById('ev-card')).top - box(document.getElementById('create-card')).bottom),
      };
    }, name);
    const seen = [];
    const check = async () => {
      const m = await measure();
      seen.push(m);
      assert.equal(m.overflow, false, `no horizontal overflow (${m.status})`);
      assert.ok(m.refreshInside && m.tableInside, `Refresh and the table inside the card (${m.status})`);
      assert.equal(m.dateLines, 1, `the date on one line (${m.status})`);
      assert.equal(m.buttonLines, 1, `the row's buttons on one line (${m.status})`);
      assert.equal(m.nameLines, 1, `a 20-character name unbroken (${m.status})`);
      assert.ok(m.gap <= 20, `no gap in the left column (${m.gap} px, ${m.status})`);
    };
    await c.row(name).getByText(/^CREATE (PENDING|IN_PROGRESS)$/).waitFor();
    await check();
    await c.row(name).getByText('CREATE IN_PROGRESS', { exact: true }).waitFor({ timeout: 5000 });
    await check();
    await c.row(name).getByText('ACTIVE', { exact: true }).waitFor({ timeout: 5000 });
    await check();
    await c.node.deleteEventTracker({ eventTrackerArn: await trackerArn(name) });
    await page.getByRole('button', { name: 'Refresh' }).click();
    await c.row(name).getByText(/^DELETE (PENDING|IN_PROGRESS)$/).waitFor();
    await check();
    for (const m of seen.slice(1)) {
      assert.deepEqual(m.columns, seen[0].columns, `the columns stay put (${m.status})`);
      assert.equal(m.rowHeight, seen[0].rowHeight, `the row height stays put (${m.status})`);
    }
    await audit(page, 'a row in transition');
    await c.row(name).waitFor({ state: 'detached', timeout: 10_000 });
  });

  it('9. a link to a tracker past the first page opens it: selected as the event target, its row in the list', async () => {
    const arn = await trackerArn('bulk-13-clicks');
    const other = await c.browser.context.newPage();
    try {
      await other.goto(`${c.site.url}#${new URLSearchParams({ mode: 'local', endpoint: c.emu.url, region: 'us-east-1', tracker: arn })}`);
      await other.getByRole('button', { name: 'Change connection' }).waitFor();
      await other.waitForFunction(() => document.getElementById('ev-tracker').selectedOptions[0]?.text === 'bulk-13-clicks', null, { timeout: 10_000 });
      await other.locator('#trackers tbody tr.selected').getByText('bulk-13-clicks', { exact: true }).waitFor();
      assert.equal(new URLSearchParams(new URL(other.url()).hash.slice(1)).get('tracker'), arn, 'the link keeps its tracker');
    } finally {
      await other.close();
    }
  });

  it('2. search covers every tracker (the pages not loaded yet are loaded) and the dataset group\'s name', async () => {
    await page.reload(); // one page loaded again
    await c.connected();
    assert.ok(await page.getByRole('button', { name: 'Load more' }).isVisible(), 'more than one page');
    const search = page.getByRole('searchbox', { name: 'Search trackers' });
    const names = () => page.locator('#trackers tbody tr:visible td[data-label="Name"] .name').allTextContents();
    await search.fill('bulk-12');
    await c.row('bulk-12-clicks').waitFor();
    assert.deepEqual(await names(), ['bulk-12-clicks']);
    await search.fill('warehouse');
    await c.row('stock-moves').waitFor();
    assert.deepEqual(await names(), ['stock-moves'], 'the dataset group\'s name matches');
    await search.fill('no-such-tracker');
    await page.getByText('No tracker or dataset group name contains “no-such-tracker”.').waitFor();
    assert.equal(await page.getByRole('button', { name: 'Load more' }).isVisible(), false, 'every page was searched');
    await audit(page, 'search, nothing found');
    await search.fill('');
  });

  it('5. a row\'s copy and delete say so next to what was pressed; the labels say what the buttons do', async () => {
    const row = c.row('bulk-2-clicks');
    const copyArn = row.getByRole('button', { name: 'Copy ARN of bulk-2-clicks' });
    await copyArn.scrollIntoViewIfNeeded();
    assert.equal(await copyArn.innerText(), 'Copy ARN');
    assert.equal(await row.getByRole('button', { name: 'Copy tracking ID of bulk-2-clicks' }).innerText(), 'Copy tracking ID');
    await copyArn.click();
    assert.equal(await c.clipboard(), await trackerArn('bulk-2-clicks'));
    const note = row.getByText('ARN copied', { exact: true });
    await note.waitFor();
    const [b, n] = [await copyArn.boundingBox(), await note.boundingBox()];
    const vp = page.viewportSize();
    assert.ok(n.y >= 0 && n.y + n.height <= vp.height, `the note is on screen (${n.y})`);
    assert.ok(Math.abs(n.y + n.height - b.y) < 40 && n.x < b.x + b.width + 40 && n.x + n.width > b.x - 40, 'beside the button');
    await page.locator('#list-live').getByText('The ARN of bulk-2-clicks is copied to the clipboard.').waitFor({ state: 'attached' });
    await audit(page, 'copy note shown');

    const del = c.row('bulk-3-clicks').getByRole('button', { name: 'Delete bulk-3-clicks' });
    await del.scrollIntoViewIfNeeded();
    const at = await del.boundingBox();
    await del.click();
    await page.getByRole('dialog', { name: /Delete bulk-3-clicks/ }).getByRole('button', { name: 'Delete' }).click();
    const done = page.getByText('bulk-3-clicks was deleted.');
    await done.waitFor({ timeout: 15_000 });
    const d = await done.boundingBox();
    assert.ok(d.y >= 0 && d.y + d.height <= vp.height, `the deletion is said on screen (${d.y})`);
    assert.ok(Math.abs(d.y - at.y) < 80, `where the row was (${d.y} vs ${at.y})`);
    assert.ok(await done.evaluate((e) => e.closest('td') === document.activeElement || e.closest('td').contains(document.activeElement)), 'focus stays there');
    await audit(page, 'a row deleted');
  });

  it('11. row buttons are named with their tracker; a skip link leads past the list; focus handling stays', async () => {
    for (const label of ['Details for bulk-5-clicks', 'Copy ARN of bulk-5-clicks', 'Copy tracking ID of bulk-5-clicks', 'Delete bulk-5-clicks']) {
      assert.equal(await page.getByRole('button', { name: label, exact: true }).count(), 1, label);
    }
    await page.getByRole('button', { name: 'Refresh' }).focus();
    await page.keyboard.press('Tab');
    assert.match(await page.evaluate(() => document.activeElement.textContent), /^Skip the list, to Send a test event$/);
    await page.keyboard.press('Enter');
    assert.equal(await page.evaluate(() => document.activeElement.id), 'ev-h');
    await page.keyboard.press('Tab');
    assert.equal(await page.evaluate(() => document.activeElement.id), 'ev-tracker', 'one Tab past the list to its first control');
    const details = page.getByRole('button', { name: 'Details for bulk-5-clicks', exact: true });
    await details.click();
    await page.getByRole('dialog', { name: 'Event tracker details' }).waitFor();
    await page.keyboard.press('Escape');
    assert.ok(await details.evaluate((b) => b === document.activeElement), 'focus returns to the row\'s Details');
  });

  it('12. on a phone the list can be sorted', async () => {
    await page.setViewportSize({ width: 360, height: 800 });
    try {
      const sortBy = page.getByRole('combobox', { name: 'Sort by' });
      assert.ok(await sortBy.isVisible());
      await sortBy.selectOption({ label: 'Name, Z to A' });
      const names = await page.locator('#trackers tbody tr:visible .name').allTextContents();
      assert.ok(names.length > 5);
      assert.deepEqual(names, [...names].sort().reverse());
      await audit(page, 'phone, sorted');
    } finally {
      await page.setViewportSize({ width: 1280, height: 800 });
    }
  });

  it('1. Details checks a new tag as you type, in words, and asks before replacing a value', async () => {
    await c.node.tagResource({ resourceArn: await trackerArn('bulk-4-clicks'), tags: [{ tagKey: 'team', tagValue: 'growth' }] });
    await page.getByRole('button', { name: 'Details for bulk-4-clicks' }).click();
    const dialog = page.getByRole('dialog', { name: 'Event tracker details' });
    await dialog.getByRole('cell', { name: 'growth', exact: true }).waitFor();
    await dialog.getByText(/Keys 1 to 128 characters, values up to 256: letters, digits, spaces and _ \. : \/ = \+ - @; keys not starting with aws:/).waitFor();
    await dialog.getByLabel('New key').fill('aws:x');
    await dialog.getByText(/^New key must not start with aws:/).waitFor(); // before any submit
    await dialog.getByLabel('New key').fill('team');
    await dialog.getByLabel('New value').fill('other');
    await dialog.getByText('This tracker has team = growth already: adding asks before replacing it.').waitFor();
    await dialog.getByRole('button', { name: /^(Add|Replace) tag/ }).click();
    await dialog.getByText('team is growth; replace it with other?').waitFor();
    const tags = async () => (await c.admin('state')).eventTrackers.find((t) => t.name === 'bulk-4-clicks').tags;
    assert.deepEqual(await tags(), [{ tagKey: 'team', tagValue: 'growth' }], 'nothing changed yet');
    await audit(page, 'details, replace asked');
    await dialog.getByRole('button', { name: 'Keep growth' }).click();
    assert.deepEqual(await tags(), [{ tagKey: 'team', tagValue: 'growth' }]);
    await dialog.getByRole('button', { name: /^(Add|Replace) tag/ }).click();
    await dialog.getByRole('button', { name: 'Replace with other' }).click();
    await dialog.getByText('Tag team is now other (was growth).').waitFor();
    assert.deepEqual(await tags(), [{ tagKey: 'team', tagValue: 'other' }]);
    await dialog.getByRole('button', { name: 'Close' }).click();
  });

  it('had no CSP violation, console error, page error or dialog', () => {
    assert.deepEqual(c.problems, []);
  });
});
