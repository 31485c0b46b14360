// Creating, connecting and sending as a first-time user meets them (issue 18), in Chromium against
// the local endpoint: the dataset group picker, ARNs of another region or partition, snippets that
// work as copied, a dead local port, the AWS connection message, Cancel and Escape for Change
// connection, JSON syntax errors, field heights, the disabled Create button in dark mode and the
// region hint. axe-core stays clean (light and dark, 360 and 1280 px) in the states these tests reach.
// Run: node --test tests/browser/console-forms.test.mjs
// Against another page (to see these fail on an older one): CONSOLE_WEB=/path/to/old/web node --test …

import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import { after, before, describe, it } from 'node:test';
import { startConsole, DEMO_CREDENTIALS } from './console-setup.mjs';
import { audit, contrast } from './console-audit.mjs';
import { ROOT } from './harness.mjs';

const CLI = path.join(ROOT, 'web', 'node', 'cli.mjs');
const GLUE = pathToFileURL(path.join(ROOT, 'web', 'lib', 'personalize.mjs')).href;
// Asynchronous: the local endpoint runs in this process and must answer meanwhile. No AWS settings of this machine.
const run = (file, args) => promisify(execFile)(file, args, { env: { PATH: process.env.PATH, HOME: '/nonexistent' }, timeout: 30_000 });

describe('console forms, first use', { timeout: 240_000 }, () => {
  let c, page, spareArn;

  before(async () => {
    c = await startConsole({ trackers: 3, stepMs: 1000 });
    page = c.page;
    spareArn = await c.newGroup('spare-group');
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
    await audit(page, 'picker, a group with a tracker typed');
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
    await audit(page, 'snippets dialog');
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
    await audit(page, 'dead local port');
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
      await audit(page, 'AWS, no network');
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
    await audit(page, 'connection panel open with Cancel');
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

  it('12. properties that are not JSON name the syntax error and where', async () => {
    const props = page.getByLabel('Properties (JSON)');
    await props.fill('{"color": "red",}');
    const err = page.locator('#ev-props-err');
    await err.getByText(/not valid JSON/).waitFor();
    assert.match(await err.textContent(), /^Properties \(JSON\) is not valid JSON: .*position 16/);
    assert.doesNotMatch(await err.textContent(), /must hold a JSON object/);
    await props.fill('[1]');
    await err.getByText(/JSON object/).waitFor();
    await audit(page, 'properties with a syntax error');
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
    await audit(page, 'test event form with an error');
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
