// The console, task first, in Chromium against the local endpoint: the layout at
// 1280×800 and 360 px, one connection and one truth, the list's states, a real list, resumable
// work, snippets, deep links and the inspector's history. Run: node --test tests/browser/console-workflows.test.mjs

import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { startConsole, DEMO_CREDENTIALS } from './console-setup.mjs';

const YEAR = String(new Date().getFullYear());

describe('console, task first', { timeout: 150_000 }, () => {
  let c, page;
  const box = async (locator) => locator.boundingBox();

  before(async () => {
    c = await startConsole({ trackers: 11, stepMs: 700, contextOptions: { timezoneId: 'Asia/Tokyo' } });
    page = c.page;
    await page.goto(c.site.url);
    await c.connected();
  });
  after(async () => { await c?.close(); });

  it('at 1280×800 the create form and the list are visible; connect, create and copy the tracking ID without scrolling', async () => {
    const viewport = page.viewportSize();
    for (const id of ['create-card', 'list-card']) {
      const b = await box(page.locator(`#${id}`));
      assert.ok(b.y < 200, `#${id} starts near the top (y = ${b.y})`);
    }
    const button = await box(page.getByRole('button', { name: 'Create event tracker' }));
    assert.ok(button.y + button.height <= viewport.height, `Create is above the fold (${button.y})`);
    const trackingId = await c.create('first-clicks');
    const copy = page.locator('#result').getByRole('button', { name: 'Copy tracking ID' });
    for (const target of [page.getByLabel('Tracking ID', { exact: true }), copy, page.getByLabel('Tracker ARN', { exact: true }), page.locator('#timeline')]) {
      const b = await box(target);
      assert.ok(b.y + b.height <= viewport.height, `visible without scrolling (bottom ${b.y + b.height})`);
    }
    await copy.click();
    assert.equal(await c.clipboard(), trackingId);
    assert.equal(await page.evaluate(() => scrollY), 0, 'nothing scrolled');
  });

  it('after ACTIVE offers snippets with the real tracking ID: the JS API, this CLI and the AWS CLI', async () => {
    const trackingId = await page.getByLabel('Tracking ID', { exact: true }).inputValue();
    const open = page.getByRole('button', { name: 'Code to send events with this tracking ID' });
    await open.click();
    const dialog = page.getByRole('dialog', { name: 'Code to send events' });
    const snippets = dialog.locator('pre');
    assert.equal(await snippets.count(), 3);
    const [js, cli, aws] = await snippets.allTextContents();
    assert.match(js, /new PersonalizeEventsClient\(\{\n  region: 'us-east-1',\n  endpoint: 'http:\/\/127\.0\.0\.1:\d+',/);
    assert.ok(js.includes(`trackingId: '${trackingId}'`));
    assert.match(cli, new RegExp(`^AWS_ACCESS_KEY_ID=\\S+ AWS_SECRET_ACCESS_KEY=\\S+ \\\\\npersonalize-wasm --region us-east-1 --endpoint-url http://127.0.0.1:\\d+ put-events \\\\\n  --tracking-id ${trackingId} `));
    assert.match(aws, new RegExp(`\naws personalize-events put-events --region us-east-1 .*\\n  --tracking-id ${trackingId} --user-id user-1 --session-id session-\\w+ \\\\\n  --event-list '\\[`));
    await dialog.getByRole('button', { name: 'Copy snippet' }).nth(2).click();
    assert.equal(await c.clipboard(), aws);
    assert.equal(await dialog.getByRole('button', { name: 'Copy snippet' }).count(), 3);
    await dialog.getByRole('button', { name: 'Close' }).click();
    assert.ok(await open.evaluate((b) => b === document.activeElement), 'focus returns to the button');
  });

  it('at 360 px the order is: connection line, create, list', async () => {
    await page.setViewportSize({ width: 360, height: 800 });
    try {
      const ys = [];
      for (const id of ['conn-line', 'create-card', 'list-card']) ys.push((await box(page.locator(`#${id}`))).y);
      assert.deepEqual([...ys].sort((a, b) => a - b), ys, `in order: ${ys}`);
    } finally {
      await page.setViewportSize({ width: 1280, height: 800 });
    }
  });

  it('rows show the dataset group and a status; dates carry the year and time zone', async () => {
    const row = c.row('bulk-3-clicks');
    assert.equal(await row.locator('td[data-label="Name"] .group').textContent(), 'bulk-3');
    await row.getByText('ACTIVE', { exact: true }).waitFor();
    const created = await row.locator('td[data-label="Created"]').textContent();
    assert.ok(created.includes(YEAR), `the year: ${created}`);
    assert.match(created, /GMT\+9|JST/, `the time zone: ${created}`);
  });

  it('Delete only for ACTIVE or CREATE FAILED; rows in transition refresh themselves and are announced', async () => {
    const arn = await c.newGroup('outside-group');
    const more = page.getByRole('button', { name: 'Load more' });
    const idle = () => page.waitForFunction(() => document.getElementById('list-card').getAttribute('aria-busy') === 'false');
    while (await more.isVisible()) {
      await more.click();
      await idle();
    }
    await c.node.createEventTracker({ datasetGroupArn: arn, name: 'outside-clicks' });
    await page.getByRole('button', { name: 'Refresh' }).click();
    const row = c.row('outside-clicks');
    await row.getByText(/^CREATE (PENDING|IN_PROGRESS)$/).waitFor();
    assert.ok(await row.getByRole('button', { name: 'Delete' }).isDisabled(), 'no Delete while it is being created');
    assert.equal(await row.locator('.spin').count(), 1, 'a spinner on a status in progress');
    await row.getByText('ACTIVE', { exact: true }).waitFor({ timeout: 5000 }); // no click: the row refreshes itself
    assert.ok(await row.getByRole('button', { name: 'Delete' }).isEnabled());
    assert.equal(await row.locator('.spin').count(), 0);
    await page.locator('#list-live').getByText('outside-clicks: ACTIVE.').waitFor({ state: 'attached' });
    assert.equal(await page.locator('#list-live').getAttribute('role'), 'status');
  });

  it('copies a row\'s ARN and tracking ID', async () => {
    const state = await c.admin('state');
    const tracker = state.eventTrackers.find((t) => t.name === 'bulk-2-clicks');
    await c.row('bulk-2-clicks').getByRole('button', { name: 'Copy ARN' }).click();
    assert.equal(await c.clipboard(), tracker.eventTrackerArn);
    await c.row('bulk-2-clicks').getByRole('button', { name: 'Copy tracking ID' }).click();
    assert.equal(await c.clipboard(), tracker.trackingId);
  });

  it('searches by name and sorts by column', async () => {
    const names = () => page.locator('#trackers tbody tr:visible td[data-label="Name"] .name').allTextContents();
    await page.getByRole('searchbox', { name: 'Search trackers' }).fill('bulk-1');
    assert.deepEqual((await names()).sort(), ['bulk-1-clicks'].concat((await names()).filter((n) => n !== 'bulk-1-clicks')).sort());
    assert.ok((await names()).every((n) => n.includes('bulk-1')));
    await page.getByRole('searchbox', { name: 'Search trackers' }).fill('no-such-tracker');
    await page.getByText('No tracker or dataset group name contains “no-such-tracker”.').waitFor();
    await page.getByRole('searchbox', { name: 'Search trackers' }).fill('');
    const header = page.getByRole('columnheader', { name: /Name/ });
    await header.getByRole('button', { name: 'Name', exact: true }).click();
    assert.equal(await header.getAttribute('aria-sort'), 'ascending');
    const up = await names();
    assert.deepEqual(up, [...up].sort());
    await header.getByRole('button', { name: 'Name', exact: true }).click();
    assert.equal(await header.getAttribute('aria-sort'), 'descending');
    assert.deepEqual(await names(), [...up].reverse());
  });

  it('Refresh keeps the event target and every page loaded', async () => {
    const more = page.getByRole('button', { name: 'Load more' });
    if (await more.isVisible()) await more.click();
    await page.waitForFunction(() => document.getElementById('more').hidden);
    const count = await page.locator('#trackers tbody tr').count();
    assert.ok(count > 10, `more than one page (${count})`);
    const target = page.getByLabel('Event tracker', { exact: true });
    await target.selectOption({ label: 'bulk-7-clicks' });
    await page.getByRole('button', { name: 'Refresh' }).click();
    await page.waitForFunction(() => document.getElementById('list-card').getAttribute('aria-busy') === 'false');
    assert.equal(await page.locator('#trackers tbody tr').count(), count, 'still every page');
    assert.equal(await target.locator('option:checked').textContent(), 'bulk-7-clicks', 'the event target did not move');
  });

  it('the fragment holds the view, never a credential; a copied link opens the same view', async () => {
    const url = page.url();
    const hash = new URLSearchParams(new URL(url).hash.slice(1));
    assert.equal(hash.get('mode'), 'local');
    assert.equal(hash.get('endpoint'), c.emu.url);
    assert.equal(hash.get('region'), 'us-east-1');
    const state = await c.admin('state');
    assert.equal(hash.get('tracker'), state.eventTrackers.find((t) => t.name === 'bulk-7-clicks').eventTrackerArn);
    assert.ok(!url.includes(DEMO_CREDENTIALS.accessKeyId) && !url.includes(DEMO_CREDENTIALS.secretAccessKey), 'no credential in the URL');
    const other = await c.browser.context.newPage();
    try {
      await other.goto(url);
      await other.getByRole('button', { name: 'Change connection' }).waitFor();
      await other.waitForFunction(() => document.getElementById('ev-tracker').selectedOptions[0]?.text === 'bulk-7-clicks');
    } finally {
      await other.close();
    }
  });

  it('a create whose answer was lost ends as the recovered tracker', async () => {
    await c.admin('faults', { dropAfterProcessing: 1, operations: ['CreateEventTracker'] });
    try {
      await c.startCreate('lost-answer');
      await page.locator('#create-msg').getByText(/first answer was lost/).waitFor({ timeout: 15_000 });
      await page.getByRole('status', { name: 'Status' }).getByText('ACTIVE', { exact: true }).waitFor();
      const state = await c.admin('state');
      const made = state.eventTrackers.filter((t) => t.name === 'lost-answer');
      assert.equal(made.length, 1, 'one tracker');
      assert.equal(await page.getByLabel('Tracking ID', { exact: true }).inputValue(), made[0].trackingId);
      assert.equal((await c.admin('stats')).succeeded.CreateEventTracker >= 1, true);
    } finally {
      await c.admin('faults', { dropAfterProcessing: 0, operations: null });
    }
  });

  it('an interrupted wait offers Resume, which follows the tracker to ACTIVE', async () => {
    c.expectedErrors.push(/ERR_EMPTY_RESPONSE|ERR_CONNECTION|Failed to fetch/);
    await c.admin('faults', { dropAfterProcessing: 12, operations: ['DescribeEventTracker'] });
    let resume;
    try {
      await c.startCreate('interrupted');
      resume = page.locator('#prog-msg').getByRole('button', { name: 'Resume' });
      await resume.waitFor({ timeout: 30_000 });
      assert.match(await page.locator('#prog-msg').textContent(), /NetworkError.*Waiting stopped/s);
    } finally {
      await c.admin('faults', { dropAfterProcessing: 0, operations: null });
    }
    await resume.click();
    await page.getByRole('status', { name: 'Status' }).getByText('ACTIVE', { exact: true }).waitFor();
    const state = await c.admin('state');
    assert.equal(await page.getByLabel('Tracking ID', { exact: true }).inputValue(), state.eventTrackers.find((t) => t.name === 'interrupted').trackingId);
  });

  it('the inspector keeps the last 20 calls, keyboard-scrollable, each copyable as a CLI command', async () => {
    await page.getByText('Request inspector').click();
    const calls = page.locator('#inspector-body details.call');
    assert.equal(await calls.count(), 20);
    const list = calls.filter({ has: page.getByText(/^ListEventTrackers at/) }).first();
    await list.locator('summary').click();
    await list.getByRole('button', { name: 'Copy as CLI command' }).click();
    assert.match(await c.clipboard(), /^aws personalize list-event-trackers --region us-east-1 --endpoint-url http:\/\/127\.0\.0\.1:\d+ --cli-input-json '\{.*"maxResults":10.*\}'$/);
    assert.ok(await list.locator('pre').evaluateAll((pres) => pres.length >= 4 && pres.every((p) => p.tabIndex === 0)), 'every block takes focus');
    await page.getByText('Request inspector').click();
  });

  it('duplicate tag keys are rejected in words before anything is sent', async () => {
    if (await page.getByRole('button', { name: 'Create another tracker' }).isVisible()) await page.getByRole('button', { name: 'Create another tracker' }).click();
    await page.getByLabel('Tracker name').fill('dup-tags');
    for (let i = 0; i < 2; i++) {
      await page.getByRole('button', { name: 'Add tag' }).click();
      await page.getByLabel('Tag key').nth(i).fill('team');
    }
    await page.getByText('Tag key is the same as the key of tag 1: each tag key may appear only once').waitFor();
    assert.ok(await page.getByRole('button', { name: 'Create event tracker' }).isDisabled());
    for (let i = 0; i < 2; i++) await page.getByRole('button', { name: 'Remove tag' }).first().click();
    await page.getByLabel('Tracker name').fill('');
  });

  it('a service message quoting a regular expression is shown in words', async () => {
    const pattern = 'Value \'x\' at \'name\' failed to satisfy constraint: Member must satisfy regular expression pattern: ^[a-zA-Z0-9][a-zA-Z0-9\\-_]*';
    await page.route(`${c.emu.url}/`, async (route) => {
      if (!/CreateEventTracker/.test(route.request().headers()['x-amz-target'] ?? '')) return route.fallback();
      await route.fulfill({ status: 400, headers: { 'content-type': 'application/x-amz-json-1.1', 'access-control-allow-origin': '*' },
        body: JSON.stringify({ __type: 'InvalidInputException', message: `1 validation error detected: ${pattern}` }) });
    });
    try {
      await c.startCreate('regex-words');
      const msg = page.locator('#create-msg');
      await msg.getByText(/InvalidInputException/).waitFor();
      const text = await msg.textContent();
      assert.match(text, /failed to satisfy constraint: it has characters that are not allowed/);
      assert.doesNotMatch(text, /\^\[a-zA-Z0-9\]/, text);
    } finally {
      await page.unroute(`${c.emu.url}/`);
      await page.getByLabel('Tracker name').fill('');
    }
  });

  it('Details shows the tags; they can be added and removed there; focus returns to Details', async () => {
    const details = c.row('bulk-4-clicks').getByRole('button', { name: 'Details' });
    await details.click();
    const dialog = page.getByRole('dialog', { name: 'Event tracker details' });
    await dialog.waitFor();
    const tags = dialog.getByRole('table', { name: 'Tags' });
    await tags.waitFor();
    await dialog.getByLabel('New key').fill('team');
    await dialog.getByLabel('New value').fill('web');
    await dialog.getByRole('button', { name: 'Add tag' }).click();
    await tags.getByRole('cell', { name: 'team', exact: true }).waitFor();
    const arn = (await c.admin('state')).eventTrackers.find((x) => x.name === 'bulk-4-clicks');
    assert.deepEqual(arn.tags, [{ tagKey: 'team', tagValue: 'web' }]);
    await tags.getByRole('button', { name: 'Remove tag team' }).click();
    await dialog.getByText('No tags.').waitFor();
    assert.deepEqual((await c.admin('state')).eventTrackers.find((x) => x.name === 'bulk-4-clicks').tags ?? [], []);
    await dialog.getByRole('button', { name: 'Close' }).click();
    assert.ok(await details.evaluate((b) => b === document.activeElement));
  });

  it('switching to AWS clears everything of the local endpoint, demo keys included, and sends nothing', async () => {
    const aws = [];
    page.on('request', (r) => { if (/amazonaws|api\.aws/.test(r.url())) aws.push(r.url()); });
    assert.ok(await page.locator('#trackers tbody tr').count() > 0);
    await c.openConnection();
    await page.getByRole('radio', { name: 'AWS' }).check();
    assert.equal(await page.getByLabel('Access key ID').inputValue(), '');
    assert.equal(await page.getByLabel('Secret access key').inputValue(), '');
    assert.equal(await page.locator('#trackers tbody tr').count(), 0);
    assert.equal(await page.locator('#list-state').textContent(), 'Connect to list the event trackers.');
    assert.deepEqual(await page.getByLabel('Dataset group', { exact: true }).locator('option').allTextContents(), ['Test the connection to list them']);
    assert.deepEqual(await page.getByLabel('Event tracker', { exact: true }).locator('option').allTextContents(), ['No ACTIVE tracker yet']);
    assert.equal(await page.locator('#progress').isVisible(), false, 'no result card of the old connection');
    assert.equal(await page.locator('#conn-msg').textContent(), '', 'no "Connected to the local endpoint" left');
    await page.waitForTimeout(500);
    assert.deepEqual(aws, [], 'no request to AWS without credentials');
    await page.getByRole('radio', { name: 'Local endpoint' }).check();
    assert.equal(await page.getByLabel('Access key ID').inputValue(), DEMO_CREDENTIALS.accessKeyId, 'the demo keys are back for the local endpoint');
    await c.connSays(/Connected to the local endpoint/);
    await c.row('bulk-1-clicks').waitFor();
  });

  it('a region change clears the list and loads that region\'s (an empty list is said so only after loading)', async () => {
    await c.openConnection();
    await c.admin('faults', { delayMs: 800, delayCount: 1, operations: ['ListEventTrackers'] });
    await page.getByLabel('Region').selectOption('eu-west-1');
    await page.getByText(/^Loading the event trackers…$/).waitFor();
    assert.equal(await page.locator('#trackers tbody tr').count(), 0, 'none of us-east-1 stays');
    await page.getByText('No event trackers in this account and region.').waitFor();
    await c.admin('faults', { operations: null });
    await page.getByLabel('Region').selectOption('us-east-1');
    await c.row('bulk-1-clicks').waitFor();
  });

  it('a list that could not load says so, not that there are no trackers', async () => {
    await c.admin('faults', { serverError: 10, operations: ['ListEventTrackers'] });
    try {
      await page.getByRole('button', { name: 'Refresh' }).click();
      await page.getByText('Could not load the event trackers.').waitFor({ timeout: 15_000 });
      assert.equal(await page.getByText('No event trackers in this account and region.').count(), 0);
    } finally {
      await c.admin('faults', { serverError: 0, operations: null });
    }
    await c.openConnection();
    await page.getByLabel('Secret access key').fill('wrong-secret');
    await page.getByRole('button', { name: 'Test connection' }).click();
    await c.connSays(/InvalidSignatureException/);
    assert.equal(await page.locator('#list-state').textContent(), 'Could not load the event trackers.');
  });

  it('a secret key pasted with spaces around it is trimmed like the key ID', async () => {
    await page.getByLabel('Secret access key').fill(`  ${DEMO_CREDENTIALS.secretAccessKey}\t `);
    await page.getByRole('button', { name: 'Test connection' }).click();
    await c.connSays(/^Connected to the local endpoint/);
  });

  it('had no CSP violation, console error, page error or dialog', () => {
    assert.deepEqual(c.problems, []);
  });
});
