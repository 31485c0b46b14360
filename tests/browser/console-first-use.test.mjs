// The console as a first-time user meets it, in Chromium against the local endpoint, with 14 more
// trackers than the demo has (two pages): tags in Details, search over every page, the dataset group
// picker, ARNs of another region, feedback where a row's button was pressed, snippets that work as
// copied, a dead local port, the list's layout while statuses change, deep links past the first
// page, the AWS connection message, the keyboard through the list, and the small things. axe-core
// stays clean (light and dark, 360 and 1280 px) in the states these tests reach.
// Run: node --test tests/browser/console-first-use.test.mjs
// Against another page (to see these fail on an older one): CONSOLE_WEB=/path/to/old/web node --test …

import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { after, before, describe, it } from 'node:test';
import { startConsole, DEMO_CREDENTIALS } from './console-setup.mjs';
import { ROOT } from './harness.mjs';

const AXE = fs.readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
const TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22a', 'wcag22aa'];
const CLI = path.join(ROOT, 'web', 'node', 'cli.mjs');
const GLUE = pathToFileURL(path.join(ROOT, 'web', 'lib', 'personalize.mjs')).href;
// Asynchronous: the local endpoint runs in this process and must answer meanwhile. No AWS settings of this machine.
const run = (file, args) => promisify(execFile)(file, args, { env: { PATH: process.env.PATH, HOME: '/nonexistent' }, timeout: 30_000 });

/** The WCAG contrast ratio of two [r, g, b] colours (0–255). */
function contrast(a, b) {
  const lum = (c) => {
    const [r, g, bl] = c.map((v) => { const s = v / 255; return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4; });
    return 0.2126 * r + 0.7152 * g + 0.0722 * bl;
  };
  const [x, y] = [lum(a), lum(b)].sort((p, q) => q - p);
  return (x + 0.05) / (y + 0.05);
}

describe('console, first use', { timeout: 300_000 }, () => {
  let c, page, spareArn, warehouseArn;
  const idle = () => page.waitForFunction(() => document.getElementById('list-card').getAttribute('aria-busy') === 'false');
  const trackerArn = async (name) => (await c.admin('state')).eventTrackers.find((t) => t.name === name)?.eventTrackerArn;

  /** axe in light and dark, at 360 and 1280 px; back to 1280×800 after. */
  async function audit(state) {
    const found = [];
    if (!(await page.evaluate(() => typeof globalThis.axe === 'object'))) await page.evaluate(AXE);
    for (const colorScheme of ['light', 'dark']) {
      for (const width of [360, 1280]) {
        await page.emulateMedia({ colorScheme });
        await page.setViewportSize({ width, height: 800 });
        const violations = await page.evaluate((tags) => globalThis.axe.run(document, { runOnly: { type: 'tag', values: tags } })
          .then((r) => r.violations.map((v) => `${v.id}: ${v.help} — ${v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join(', ')}`)), TAGS);
        found.push(...violations.map((v) => `[${state}, ${colorScheme}, ${width}px] ${v}`));
      }
    }
    await page.emulateMedia({ colorScheme: null });
    await page.setViewportSize({ width: 1280, height: 800 });
    assert.deepEqual(found, []);
  }

  before(async () => {
    c = await startConsole({ trackers: 14, stepMs: 1000 });
    page = c.page;
    spareArn = await c.newGroup('spare-group');
    warehouseArn = await c.newGroup('warehouse');
    await c.node.createEventTracker({ datasetGroupArn: warehouseArn, name: 'stock-moves' });
    await page.goto(c.site.url);
    await c.connected();
  });
  after(async () => { await c?.close(); });

  it('3. the picker shows which groups have a tracker, cannot pick them, and defaults to one without', async () => {
    const pick = page.getByLabel('Dataset group', { exact: true });
    await page.waitForFunction(() => [...document.querySelectorAll('#dg-pick option')].some((o) => /has tracker bulk-0-clicks/.test(o.text)));
    const bulk0 = pick.locator('option', { hasText: 'bulk-0' }).first();
    assert.match(await bulk0.textContent(), /bulk-0 · has tracker bulk-0-clicks/);
    assert.ok(await bulk0.isDisabled(), 'a group with a tracker cannot be picked');
    assert.equal(await page.getByLabel('Dataset group ARN').inputValue(), c.emu.demoDatasetGroupArn, 'the demo group, free, is the default');
    await page.getByLabel('Tracker name').fill('first-use');
    await page.getByRole('button', { name: 'Create event tracker' }).click();
    await page.getByRole('status', { name: 'Status' }).getByText('ACTIVE', { exact: true }).waitFor();
    await page.getByRole('button', { name: 'Create another tracker' }).click();
    const demo = pick.locator('option', { hasText: 'demo-dataset-group' });
    await page.waitForFunction(() => /has tracker first-use/.test(document.querySelector('#dg-pick option[value$="/demo-dataset-group"]')?.text ?? ''));
    assert.ok(await demo.isDisabled());
    assert.notEqual(await page.getByLabel('Dataset group ARN').inputValue(), c.emu.demoDatasetGroupArn, 'the default moved off the group that has a tracker now');
    assert.equal(await page.getByLabel('Dataset group ARN').inputValue(), spareArn, 'to a group without one');
    const created = (await c.admin('stats')).succeeded?.CreateEventTracker ?? 0;
    await page.getByLabel('Dataset group ARN').fill(c.emu.demoDatasetGroupArn);
    await page.getByLabel('Tracker name').fill('second-try');
    await page.getByText(/Dataset group ARN already has the tracker first-use, and a dataset group has at most one/).waitFor();
    assert.ok(await page.getByRole('button', { name: 'Create event tracker' }).isDisabled(), 'explained before sending');
    assert.equal(await pick.locator('option:checked').textContent(), 'demo-dataset-group · has tracker first-use', 'the picker shows what the field holds');
    assert.equal((await c.admin('stats')).succeeded?.CreateEventTracker ?? 0, created, 'nothing sent');
    await audit('picker, a group with a tracker typed');
  });

  it('4. an ARN of another region or partition is said inline; the picker and the field agree; a new connection clears the field', async () => {
    const field = page.getByLabel('Dataset group ARN');
    const pick = page.getByLabel('Dataset group', { exact: true });
    await field.fill('arn:aws:personalize:eu-west-1:123456789012:dataset-group/shop');
    await page.getByText(/Dataset group ARN is in eu-west-1, but the connection is to us-east-1/).waitFor();
    assert.ok(await page.getByRole('button', { name: 'Create event tracker' }).isDisabled());
    assert.equal(await pick.locator('option:checked').textContent(), 'Another dataset group (the ARN below)');
    await field.fill('arn:aws-cn:personalize:cn-north-1:123456789012:dataset-group/shop');
    await page.getByText(/Dataset group ARN is in the aws-cn partition, but the connection is to us-east-1 \(partition aws\)/).waitFor();
    await pick.selectOption(spareArn);
    assert.equal(await field.inputValue(), spareArn);
    assert.equal(await page.locator('#dg-arn-err').textContent(), '');
    await c.openConnection();
    await page.getByLabel('Region').selectOption('eu-west-1');
    await c.connSays(/Connected to the local endpoint/);
    assert.equal(await field.inputValue(), '', 'the old connection\'s ARN is gone');
    await page.getByLabel('Region').selectOption('us-east-1');
    await c.connSays(/Connected to the local endpoint/);
    await page.getByRole('button', { name: 'Test connection' }).click();
    await c.connected();
  });

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
    await audit('a row in transition');
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
    await audit('search, nothing found');
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
    await audit('copy note shown');

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
    await audit('a row deleted');
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
    await audit('details, replace asked');
    await dialog.getByRole('button', { name: 'Keep growth' }).click();
    assert.deepEqual(await tags(), [{ tagKey: 'team', tagValue: 'growth' }]);
    await dialog.getByRole('button', { name: /^(Add|Replace) tag/ }).click();
    await dialog.getByRole('button', { name: 'Replace with other' }).click();
    await dialog.getByText('Tag team is now other (was growth).').waitFor();
    assert.deepEqual(await tags(), [{ tagKey: 'team', tagValue: 'other' }]);
    await dialog.getByRole('button', { name: 'Close' }).click();
  });

  it('6. snippets work as copied: the demo keys and endpoint, the test-event form\'s values, wide enough', async (t) => {
    await page.getByLabel('User ID').fill('user-42');
    await page.getByLabel('Item ID').fill('item-9');
    await page.getByLabel('Event type').fill('purchase');
    await page.getByLabel('Properties (JSON)').fill('{"color":"red"}');
    await c.create('snippet-clicks');
    const trackingId = await page.getByLabel('Tracking ID', { exact: true }).inputValue();
    await page.getByRole('button', { name: 'Code to send events with this tracking ID' }).click();
    const dialog = page.getByRole('dialog', { name: 'Code to send events' });
    await dialog.waitFor();
    const [js, cli, aws] = await dialog.locator('pre').allTextContents();
    for (const code of [js, cli, aws]) {
      for (const s of [trackingId, 'user-42', 'item-9', 'purchase', DEMO_CREDENTIALS.accessKeyId, DEMO_CREDENTIALS.secretAccessKey, c.emu.url]) {
        assert.ok(code.includes(s), `${s} in:\n${code}`);
      }
    }
    const wrapped = await dialog.locator('pre').evaluateAll((pres) => pres.map((p) => {
      const lh = parseFloat(getComputedStyle(p).lineHeight) || 20;
      const pad = parseFloat(getComputedStyle(p).paddingTop) + parseFloat(getComputedStyle(p).paddingBottom);
      return { scroll: p.scrollWidth > p.clientWidth, lines: Math.round((p.clientHeight - pad) / lh), text: p.textContent.split('\n').length };
    }));
    for (const w of wrapped) assert.deepEqual({ scroll: w.scroll, lines: w.lines }, { scroll: false, lines: w.text }, 'no wrapped lines, no scrolling at 1280 px');
    await dialog.getByRole('button', { name: 'Copy snippet' }).nth(1).click();
    assert.equal(await c.clipboard(), cli);
    await dialog.getByText('This project\'s CLI snippet copied', { exact: true }).waitFor();
    await audit('snippets dialog');
    await page.keyboard.press('Escape');

    const before = c.emu.events(trackingId).length;
    await run('sh', ['-c', cli.replace(/^personalize-wasm /m, `${process.execPath} ${CLI} `)]);
    await run(process.execPath, ['--input-type=module', '-e', js.replace("from 'personalize-wasm'", `from '${GLUE}'`)]);
    const events = c.emu.events(trackingId).slice(before);
    assert.equal(events.length, 2, 'the CLI and the JS snippets each sent the event');
    for (const e of events) assert.deepEqual([e.userId, e.event?.itemId ?? e.itemId, e.event?.eventType ?? e.eventType], ['user-42', 'item-9', 'purchase']);
    const hasAws = await run('aws', ['--version']).then(() => true, () => false);
    if (!hasAws) return t.diagnostic('no aws CLI here: its snippet was not run');
    await run('sh', ['-c', aws]);
    assert.equal(c.emu.events(trackingId).length - before, 3, 'the AWS CLI snippet sent it too');
  });

  it('7. a dead local port: nothing answers there, and the endpoint ./build.sh serve started is named', async () => {
    c.expectedErrors.push(/ERR_UNSAFE_PORT|ERR_CONNECTION_REFUSED|Failed to fetch/);
    await c.openConnection();
    await page.getByLabel('Endpoint URL').fill('http://127.0.0.1:1');
    await page.getByRole('button', { name: 'Test connection' }).click();
    const msg = page.locator('#conn-msg');
    await msg.getByText(/NetworkError/).waitFor({ timeout: 15_000 });
    const text = await msg.innerText();
    assert.match(text, /Nothing answers at port 1 of 127\.0\.0\.1/);
    assert.ok(text.includes(`The local endpoint ./build.sh serve started is ${c.emu.url}.`), text);
    assert.doesNotMatch(text, /CORS|security policy/, text);
    await audit('dead local port');
    await msg.getByRole('button', { name: `Use ${c.emu.url}` }).click();
    await c.connSays(/^Connected to the local endpoint/);
    await c.connected();
  });

  it('10. AWS with no network: one sentence, about AWS, saying the keys were not checked', async () => {
    c.expectedErrors.push(/ERR_INTERNET_DISCONNECTED|Failed to fetch/);
    await page.route(/amazonaws\.com|api\.aws/, (route) => route.abort('internetdisconnected'));
    try {
      await c.openConnection();
      await page.getByRole('radio', { name: 'AWS' }).check();
      await page.getByText(/^Personalize runs in some regions only/).waitFor();
      assert.doesNotMatch(await page.locator('#region-hint').innerText(), /local endpoint/i, '12. the region hint is about AWS');
      await page.getByLabel('Access key ID').fill('AKIAIOSFODNN7EXAMPLF');
      await page.getByLabel('Secret access key').fill('not-a-real-secret');
      await page.getByRole('button', { name: 'Test connection' }).click();
      const msg = page.locator('#conn-msg');
      await msg.getByText(/NetworkError/).waitFor({ timeout: 15_000 });
      // the note's own text; its <small> lines may only be the call's facts (attempts), no second piece of advice
      const text = (await msg.locator('.note').evaluate((n) => [...n.childNodes].filter((x) => x.nodeName !== 'SMALL' && x.nodeName !== 'STRONG')
        .map((x) => x.textContent).join(''))).replace(/^: /, '').trim();
      for (const small of await msg.locator('small').allTextContents()) assert.match(small, /^(HTTP \d+|Request ID \S+|\d+ attempts)( · |$)/, small);
      assert.doesNotMatch(text, /endpoint URL|CORS/, text);
      assert.match(text, /https:\/\/personalize\.us-east-1\.amazonaws\.com/);
      assert.match(text, /the access key and secret were not checked/);
      assert.equal(text.split(/(?<=\.)\s+/).filter(Boolean).length, 1, `one sentence: ${text}`);
      await audit('AWS, no network');
    } finally {
      await page.unroute(/amazonaws\.com|api\.aws/);
    }
    await page.getByRole('button', { name: 'Cancel' }).click(); // 12. back to the local endpoint the panel was opened from
    await c.connSays(/^Connected to the local endpoint/);
    await c.connected();
    assert.match(await page.locator('#conn-summary').textContent(), /^Local endpoint · /);
  });

  it('12. Change connection has Cancel, and Escape folds it back', async () => {
    await page.getByRole('button', { name: 'Change connection' }).click();
    assert.ok(await page.getByRole('button', { name: 'Cancel' }).isVisible());
    await audit('connection panel open with Cancel');
    await page.keyboard.press('Escape');
    await page.getByRole('button', { name: 'Change connection' }).waitFor();
    assert.ok(await page.getByRole('button', { name: 'Change connection' }).evaluate((b) => b === document.activeElement), 'focus back on Change connection');
    await page.getByRole('button', { name: 'Change connection' }).click();
    await page.getByLabel('Region').selectOption('eu-west-1');
    await page.getByRole('button', { name: 'Cancel' }).click();
    await page.getByRole('button', { name: 'Change connection' }).waitFor();
    assert.match(await page.locator('#conn-summary').textContent(), /us-east-1/, 'Cancel went back to the connection it was opened from');
    await c.connected();
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
      await audit('phone, sorted');
    } finally {
      await page.setViewportSize({ width: 1280, height: 800 });
    }
  });

  it('12. properties that are not JSON name the syntax error and where', async () => {
    const props = page.getByLabel('Properties (JSON)');
    await props.fill('{"color": "red",}');
    const err = page.locator('#ev-props-err');
    await err.getByText(/not valid JSON/).waitFor();
    assert.match(await err.textContent(), /^Properties \(JSON\) is not valid JSON: .*position 16/);
    assert.doesNotMatch(await err.textContent(), /must hold a JSON object/);
    await props.fill('[1]');
    await err.getByText(/JSON object/).waitFor();
    await audit('properties with a syntax error');
    await props.fill('');
  });

  it('12. an empty User ID keeps its height (beside an error); the disabled Create button is readable in dark mode', async () => {
    const user = page.getByLabel('User ID');
    const session = page.getByLabel('Session ID');
    const full = (await user.boundingBox()).height;
    const sessionId = await session.inputValue();
    await user.fill('');
    await session.fill(''); // its error makes the row taller
    await page.locator('#ev-session-err').getByText(/Session ID must/).waitFor();
    assert.equal((await user.boundingBox()).height, full, 'the same height empty, beside an error');
    await audit('test event form with an error');
    await user.fill('user-1');
    await session.fill(sessionId);
    if (await page.getByRole('button', { name: 'Create another tracker' }).isVisible()) await page.getByRole('button', { name: 'Create another tracker' }).click();
    await page.getByLabel('Tracker name').fill('');
    const create = page.getByRole('button', { name: 'Create event tracker' });
    assert.ok(await create.isDisabled());
    await page.emulateMedia({ colorScheme: 'dark' });
    try {
      const ratio = await create.evaluate((b) => {
        const rgb = (s) => s.match(/[\d.]+/g).slice(0, 4).map(Number);
        const style = getComputedStyle(b);
        const opacity = Number(style.opacity);
        const card = rgb(getComputedStyle(b.closest('.card')).backgroundColor);
        const [bg, fg] = [rgb(style.backgroundColor), rgb(style.color)];
        const over = (top, under, a) => top.slice(0, 3).map((v, i) => v * a + under[i] * (1 - a));
        const face = over(bg, card, bg[3] ?? 1); // the button as drawn, then the whole of it at `opacity` over the card
        const text = over(fg, face, fg[3] ?? 1);
        return [over(text, card, opacity), over(face, card, opacity)];
      });
      assert.ok(contrast(...ratio) >= 4.5, `contrast ${contrast(...ratio).toFixed(2)} ≥ 4.5`);
    } finally {
      await page.emulateMedia({ colorScheme: null });
    }
  });

  it('had no CSP violation, console error, page error or dialog', () => {
    assert.deepEqual(c.problems, []);
  });
});
