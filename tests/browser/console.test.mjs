// The web console (web/index.html) in Debian's chromium against the local endpoint, driven the
// way people and tools do: by accessible names. Run: node --test tests/browser/console.test.mjs

import assert from 'node:assert/strict';
import net from 'node:net';
import { after, before, describe, it } from 'node:test';
import { startLocalEndpoint, DEMO_CREDENTIALS } from '../local-endpoint/runtime/index.mjs';
import { PersonalizeClient } from '../../web/lib/personalize.mjs';
import { startStaticServer } from './static-server.mjs';
import { launch, watch, screenshot, WEB } from './harness.mjs';

const SECRET = DEMO_CREDENTIALS.secretAccessKey;

/** A port nothing listens on (just released by the OS). */
async function closedPort() {
  const server = net.createServer();
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address();
  await new Promise((resolve) => server.close(resolve));
  return port;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

describe('web console', { timeout: 90_000 }, () => {
  let emu, site, browser, page, problems, expectedErrors;
  const admin = async (route, body) => (await fetch(`${emu.url}/__local-endpoint/${route}`, {
    headers: { 'x-local-endpoint-admin-token': emu.adminToken, ...(body ? { 'content-type': 'application/json' } : {}) },
    ...(body ? { method: 'POST', body: JSON.stringify(body) } : {}),
  })).json();
  const total = async () => (await admin('stats')).total;
  const row = (name) => page.getByRole('row').filter({ has: page.getByText(name, { exact: true }) });
  const connMsg = () => page.locator('#conn-msg');
  /** Waits for a connection message (the panel may be folded to its line meanwhile). */
  const connSays = (re, timeout) => connMsg().getByText(re).waitFor({ state: 'attached', timeout });
  /** Unfolds the connection panel when it is folded. */
  async function openConnection() {
    const change = page.getByRole('button', { name: 'Change connection' });
    if (await change.isVisible()) await change.click();
    await page.getByRole('button', { name: 'Test connection' }).waitFor();
  }

  /** Waits until the local endpoint has seen no request for a moment (the page's own loads are done). */
  async function quiet() {
    let last = -1;
    for (let i = 0; i < 40; i++) {
      const now = await total();
      if (now === last) return now;
      last = now;
      await new Promise((r) => setTimeout(r, 150));
    }
    throw new Error('the page kept sending requests');
  }

  before(async () => {
    emu = await startLocalEndpoint({ port: 0, admin: true, demo: true, stepMs: 200, log: () => {} });
    // Eleven more dataset groups with a tracker each: the table starts non-empty and has two pages.
    const node = new PersonalizeClient({ region: 'us-east-1', endpoint: emu.url, credentials: DEMO_CREDENTIALS });
    const groups = [];
    for (let i = 0; i < 11; i++) groups.push((await node.createDatasetGroup({ name: i ? `bulk-${i}` : 'storefront' })).datasetGroupArn);
    await new Promise((r) => setTimeout(r, 250));
    for (let i = 0; i < 11; i++) await node.createEventTracker({ datasetGroupArn: groups[i], name: i ? `bulk-${i}-clicks` : 'storefront-clicks' });
    site = await startStaticServer({
      root: WEB, base: '/tools/personalize/',
      localEndpoint: { endpoint: emu.url, region: 'us-east-1', credentials: { accessKeyId: DEMO_CREDENTIALS.accessKeyId, secretAccessKey: SECRET }, datasetGroupArn: emu.demoDatasetGroupArn },
    });
    browser = await launch();
    await browser.context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: new URL(site.url).origin });
    page = browser.context.pages()[0] ?? await browser.context.newPage();
    // Chromium logs each HTTP error answer as a console error; those from the endpoint are expected.
    expectedErrors = [];
    problems = await watch(page, {
      ignore: (text, url) => (url.startsWith(emu.url) && /Failed to load resource: the server responded/.test(text))
        || expectedErrors.some((re) => re.test(text)),
    });
    await page.goto(site.url);
    await connSays(/Connected to the local endpoint/);
  });

  after(async () => {
    await browser?.close();
    await site?.close();
    await emu?.close();
  });

  it('starts in local-endpoint mode with the demo credentials filled in, the panel folded to one line', async () => {
    const line = await page.locator('#conn-line').innerText();
    assert.match(line, new RegExp(`Local endpoint · ${emu.url.replace(/[.]/g, '\\.')} · us-east-1 · key AKIA…MPLE`));
    assert.ok(!line.includes(DEMO_CREDENTIALS.accessKeyId), 'the access key ID is masked');
    await page.getByRole('button', { name: 'Change connection' }).click();
    assert.equal(await page.evaluate(() => document.activeElement.value), 'local', 'focus moves into the panel');
    assert.ok(await page.getByRole('radio', { name: 'Local endpoint' }).isChecked());
    assert.equal(await page.getByLabel('Endpoint URL').inputValue(), emu.url);
    assert.equal(await page.getByLabel('Access key ID').inputValue(), DEMO_CREDENTIALS.accessKeyId);
    assert.equal(await page.getByLabel('Secret access key').getAttribute('type'), 'password');
    assert.equal(await page.getByLabel('Session token').getAttribute('type'), 'password');
    assert.equal(await page.getByLabel('Dataset group ARN').inputValue(), emu.demoDatasetGroupArn);
    await page.getByRole('option', { name: /demo-dataset-group/ }).waitFor({ state: 'attached' });
    await row('storefront-clicks').waitFor();
    assert.ok(await page.getByRole('button', { name: 'Create event tracker' }).isDisabled());
    assert.ok(!(await page.content()).includes(SECRET), 'the secret is not in the markup');
  });

  it('pages through the trackers with Load more', async () => {
    const rows = page.locator('#trackers tbody tr');
    assert.equal(await rows.count(), 10);
    await page.getByRole('button', { name: 'Load more' }).click();
    await row('bulk-10-clicks').waitFor();
    assert.equal(await rows.count(), 11);
    assert.equal(await page.getByRole('button', { name: 'Load more' }).isVisible(), false);
    assert.ok(await page.evaluate(() => document.getElementById('list-card').contains(document.activeElement)), 'focus stays in the list after the last Load more');
  });

  it('remembers the connection in this tab only when asked', async () => {
    const remember = page.getByLabel('Remember in this tab');
    await openConnection();
    assert.equal(await remember.isChecked(), false);
    assert.equal(await page.evaluate(() => sessionStorage.length), 0);
    await remember.check();
    assert.match(await page.evaluate(() => sessionStorage.getItem('personalize-console')), /wJalrXUtnFEMI/);
    await page.reload();
    await connSays(/Connected to the local endpoint/);
    assert.ok(await remember.isChecked());
    assert.equal(await page.getByLabel('Secret access key').inputValue(), SECRET);
    await openConnection();
    await remember.uncheck();
    assert.equal(await page.evaluate(() => sessionStorage.getItem('personalize-console')), null);
  });

  it('keeps Create disabled on invalid input, says why next to the field, and sends nothing', async () => {
    const before = await quiet();
    const name = page.getByLabel('Tracker name');
    const create = page.getByRole('button', { name: 'Create event tracker' });
    await name.fill('bad name!');
    await page.getByText(/^Tracker name must start with a letter or digit/).waitFor();
    assert.doesNotMatch(await page.locator('#name-err').textContent(), /[\^\[\]\\*]/, 'a rule in words, not a regular expression');
    assert.equal(await name.getAttribute('aria-invalid'), 'true');
    assert.ok(await create.isDisabled());
    await name.press('Enter');

    await page.getByRole('button', { name: 'Add tag' }).click();
    await page.getByLabel('Tag key').fill('aws:team');
    await page.getByText(/^Tag key must not start with aws:/).waitFor();
    await name.fill('x'.repeat(64));
    await page.getByText(/^Tracker name must be 1 to 63 characters long \(is 64\)/).waitFor();
    assert.ok(await create.isDisabled());
    await create.click({ force: true }).catch(() => {});

    await page.getByRole('button', { name: 'Remove tag' }).click();
    assert.equal(await page.getByLabel('Tag key').count(), 0);
    await name.fill('');
    assert.ok(await create.isDisabled());
    assert.equal(await total(), before, 'no request reached the endpoint');

    await name.fill('ok-name');
    await page.waitForFunction(() => !document.getElementById('create').disabled);
    assert.equal(await name.getAttribute('aria-invalid'), null);
    await name.fill('');
  });

  it('creates a tracker, follows it to ACTIVE, copies the tracking ID, sends an event and deletes it', async () => {
    await page.getByLabel('Tracker name').fill('web-clicks');
    await page.getByRole('button', { name: 'Add tag' }).click();
    await page.getByLabel('Tag key').fill('team');
    await page.getByLabel('Tag value').fill('storefront web');
    await page.getByRole('button', { name: 'Create event tracker' }).click();

    const status = page.getByRole('status', { name: 'Status' });
    await status.getByText('ACTIVE', { exact: true }).waitFor();
    const timeline = await page.locator('#timeline').textContent();
    assert.match(timeline, /CREATE PENDING.*CREATE IN_PROGRESS.*ACTIVE/);
    assert.equal(await page.locator('#timeline li.done').count(), 3);
    assert.equal(await page.locator('#bar').evaluate((p) => p.value), 3);
    const trackingId = await page.getByLabel('Tracking ID', { exact: true }).inputValue();
    assert.match(trackingId, UUID);
    assert.match(await page.getByLabel('Tracker ARN', { exact: true }).inputValue(), /^arn:aws:personalize:us-east-1:123456789012:event-tracker\//);
    const state = await admin('state');
    assert.deepEqual(state.eventTrackers.find((t) => t.name === 'web-clicks').tags, [{ tagKey: 'team', tagValue: 'storefront web' }]);

    await page.locator('#result').getByRole('button', { name: 'Copy tracking ID' }).click();
    await page.getByText('Tracking ID copied to the clipboard.').waitFor();
    assert.equal(await page.evaluate(() => navigator.clipboard.readText()), trackingId);

    await row('web-clicks').getByText('ACTIVE').waitFor();
    assert.equal(await page.getByLabel('Event tracker', { exact: true }).locator('option:checked').textContent(), 'web-clicks');
    await page.getByLabel('Properties (JSON)').fill('{"color": "red"}');
    await page.getByRole('button', { name: 'Send test event' }).click();
    await page.getByText(/^Event sent to web-clicks/).waitFor();
    const { events } = await admin(`events?trackingId=${trackingId}`);
    assert.equal(events.length, 1);
    assert.equal(events[0].userId, 'user-1');
    assert.equal(events[0].event.eventType, 'click');
    assert.equal(events[0].event.itemId, 'item-1');
    assert.equal(events[0].event.properties, '{"color": "red"}');

    await row('web-clicks').getByRole('button', { name: 'Details' }).click();
    const details = page.getByRole('dialog', { name: 'Event tracker details' });
    await details.getByText(trackingId).waitFor();
    assert.match(await details.textContent(), /Dataset group ARN.*demo-dataset-group/);
    await details.getByRole('button', { name: 'Close' }).click();
    await details.waitFor({ state: 'hidden' });
    assert.equal(await page.evaluate(() => document.activeElement.textContent), 'Details', 'focus returns to the Details button');
    assert.ok(await row('web-clicks').getByRole('button', { name: 'Details' }).evaluate((b) => b === document.activeElement));

    await row('web-clicks').getByRole('button', { name: 'Delete' }).click();
    const dialog = page.getByRole('dialog', { name: /Delete web-clicks\?/ });
    await dialog.waitFor();
    await dialog.getByRole('button', { name: 'Delete' }).click();
    await row('web-clicks').getByText(/^DELETE (PENDING|IN_PROGRESS)$/).waitFor();
    await page.getByText('web-clicks was deleted.').waitFor();
    assert.equal(await row('web-clicks').count(), 0);
    assert.ok(!(await admin('state')).eventTrackers.some((t) => t.name === 'web-clicks'));
    assert.equal(await page.locator('#progress').isVisible(), false, 'the deleted tracker\'s result card is gone');
    const offered = await page.getByLabel('Event tracker', { exact: true }).locator('option').allTextContents();
    assert.ok(offered.includes('storefront-clicks') && !offered.includes('web-clicks'), 'a deleted tracker is no longer offered');
  });

  it('shows a service error with markup in its message as plain text, running nothing', async () => {
    const payload = '<img src=x onerror=alert(1)>';
    await page.route(`${emu.url}/`, async (route) => {
      const req = route.request();
      if (req.method() !== 'POST' || !/CreateEventTracker/.test(req.headers()['x-amz-target'] ?? '')) return route.fallback();
      await route.fulfill({
        status: 400,
        headers: { 'content-type': 'application/x-amz-json-1.1', 'x-amzn-requestid': 'req-xss-1', 'access-control-allow-origin': '*',
          'access-control-expose-headers': 'x-amzn-RequestId, x-amzn-ErrorType, Date' },
        body: JSON.stringify({ __type: 'ResourceAlreadyExistsException', message: payload }),
      });
    });
    try {
      await page.getByLabel('Tracker name').fill('xss-check');
      await page.getByRole('button', { name: 'Create event tracker' }).click();
      const msg = page.locator('#create-msg');
      await msg.getByText(payload).waitFor();
      const text = await msg.textContent();
      assert.match(text, /ResourceAlreadyExistsException/);
      assert.match(text, /HTTP 400/);
      assert.match(text, /Request ID req-xss-1/);
      assert.equal(await page.locator('main img').count(), 0);
      await page.waitForTimeout(200);
      assert.ok(!problems.some((p) => p.startsWith('dialog')), problems.join('\n'));
    } finally {
      await page.unroute(`${emu.url}/`);
      await page.getByLabel('Tracker name').fill('');
    }
  });

  it('follows a tracker that fails to CREATE FAILED', async () => {
    await admin('faults', { failNextTrackerCreation: true });
    await page.getByLabel('Tracker name').fill('doomed-tracker');
    await page.getByRole('button', { name: 'Create event tracker' }).click();
    await page.getByRole('status', { name: 'Status' }).getByText('CREATE FAILED').waitFor();
    await page.locator('#prog-msg').getByText(/WaiterFailureError/).waitFor();
    await page.locator('#prog-msg').getByText(/^What to do: delete this tracker/).waitFor();
    assert.equal(await page.locator('#timeline li.failed').textContent().then((t) => t.startsWith('CREATE FAILED')), true);
    assert.equal(await page.getByLabel('Tracking ID', { exact: true }).isVisible(), false);
    await row('doomed-tracker').getByText('CREATE FAILED').waitFor();
  });

  it('shows the retries of a throttled call in the request inspector', async () => {
    await admin('faults', { throttle: 2, operations: ['ListEventTrackers'] });
    await page.getByRole('button', { name: 'Refresh' }).click();
    await row('storefront-clicks').waitFor();
    const inspector = page.locator('#inspector');
    assert.equal(await inspector.evaluate((d) => d.open), false, 'collapsed by default');
    await page.getByText('Request inspector').click();
    const body = page.locator('#inspector-body');
    const call = body.locator('details.call').filter({ has: page.getByText(/^ListEventTrackers at/) }).filter({ hasText: /Attempts3/ }).first();
    await call.waitFor();
    if (!(await call.evaluate((d) => d.open))) await call.locator('summary').click();
    const facts = await call.locator('dl').innerText();
    assert.match(facts, /HTTP status\s+200/);
    assert.match(facts, /Attempts\s+3/);
    assert.match(facts, /Retry delay\s+\d+ ms/);
    const text = await call.innerText();
    assert.match(text, /Authorization: AWS4-HMAC-SHA256 Credential=AKIAIOSFODNN7EXAMPLE\/\d{8}\/us-east-1\/personalize\/aws4_request, SignedHeaders=[^,]+, Signature=[0-9a-f]{64}/);
    assert.match(text, /Canonical request\s+POST\n\//);
    assert.match(text, /String to sign\s+AWS4-HMAC-SHA256/);
    assert.ok(!text.includes(SECRET));
    assert.equal((await admin('stats')).byError.ThrottlingException, 2);
    await admin('faults', { operations: null });
  });

  it('explains connection problems: unknown key, bad signature, clock skew, network', async () => {
    const testConnection = page.getByRole('button', { name: 'Test connection' });
    const akid = page.getByLabel('Access key ID');
    const secret = page.getByLabel('Secret access key');
    const token = page.getByLabel('Session token');
    await openConnection();
    try {
      await akid.fill('AKIAUNKNOWNKEY000000');
      await testConnection.click();
      await connMsg().getByText(/UnrecognizedClientException/).waitFor();
      await connMsg().getByText(/does not know this access key ID/).waitFor();
      await akid.fill(DEMO_CREDENTIALS.accessKeyId);

      await secret.fill('not-the-secret');
      await testConnection.click();
      await connMsg().getByText(/InvalidSignatureException/).waitFor();
      await connMsg().getByText(/secret access key does not match/).waitFor();
      await secret.fill(SECRET);

      // A session token is masked in the inspector (the endpoint rejects it for the demo key).
      await token.fill('FwoGZXIvYXdzEXAMPLETOKEN');
      await testConnection.click();
      await connMsg().getByText(/UnrecognizedClientException/).waitFor();
      const inspector = await page.locator('#inspector-body details.call').first().innerText();
      assert.ok(!(await page.locator('#inspector-body').innerText()).includes('FwoGZXIvYXdzEXAMPLETOKEN'), 'the session token is redacted');
      assert.match(inspector, /X-Amz-Security-Token: <redacted>/);
      await token.fill('');

      await admin('faults', { clockSkewMs: 10 * 60_000 });
      await testConnection.click();
      await connSays(/Your clock is 10 min off/);
      await admin('faults', { clockSkewMs: 0 });
      await openConnection(); // a successful test folds the panel
      await testConnection.click();
      await connSays(/signed with your clock again/);
      await openConnection();

      expectedErrors.push(/ERR_CONNECTION_REFUSED/);
      await page.getByLabel('Endpoint URL').fill(`http://127.0.0.1:${await closedPort()}`);
      await testConnection.click();
      await connMsg().getByText(/NetworkError/).waitFor({ timeout: 15_000 });
      await connMsg().getByText(/Nothing answers at port \d+ of 127\.0\.0\.1/).waitFor();
    } finally {
      await openConnection();
      await page.getByLabel('Endpoint URL').fill(emu.url);
      await akid.fill(DEMO_CREDENTIALS.accessKeyId);
      await secret.fill(SECRET);
      await token.fill('');
    }
    await testConnection.click();
    await connSays(/^Connected to the local endpoint/);
    await page.getByRole('button', { name: 'Change connection' }).waitFor();
  });

  it('keeps credentials out of localStorage, cookies, the URL and the markup', async () => {
    const leaks = await page.evaluate((secret) => ({
      session: JSON.stringify(sessionStorage).includes(secret),
      local: JSON.stringify(localStorage).includes(secret),
      cookie: document.cookie.includes(secret) || document.cookie.includes('AKIA'),
      url: location.href.includes(secret) || location.href.includes('AKIA'),
      markup: document.documentElement.outerHTML.includes(secret),
      text: document.body.innerText.includes(secret),
      passwordsOnly: [...document.querySelectorAll('input, textarea')].filter((i) => i.value === secret).every((i) => i.type === 'password'),
    }), SECRET);
    assert.deepEqual(leaks, { session: false, local: false, cookie: false, url: false, markup: false, text: false, passwordsOnly: true });
  });

  it('is reachable by keyboard, with a visible focus ring', async () => {
    await openConnection();
    await page.locator('body').click({ position: { x: 5, y: 5 } });
    const seen = new Set();
    for (let i = 0; i < 40 && !seen.has('add-tag'); i++) {
      await page.keyboard.press('Tab');
      const info = await page.evaluate(() => ({ id: document.activeElement.id, outline: getComputedStyle(document.activeElement).outlineStyle }));
      seen.add(info.id);
      assert.notEqual(info.outline, 'none', `focus on #${info.id} is visible`);
    }
    for (const id of ['akid', 'secret', 'token', 'remember', 'dg-arn', 'name', 'add-tag']) assert.ok(seen.has(id), `Tab reaches #${id}`);
  });

  it('fits 360 px without horizontal scroll, and looks right light and dark', async () => {
    await page.locator('#inspector').evaluate((d) => { d.open = true; });
    for (const colorScheme of ['light', 'dark']) {
      await page.emulateMedia({ colorScheme });
      await page.setViewportSize({ width: 360, height: 800 });
      const { scroll, client } = await page.evaluate(() => ({ scroll: document.documentElement.scrollWidth, client: document.documentElement.clientWidth }));
      assert.ok(scroll <= client, `no horizontal scroll at 360 px (${colorScheme}): ${scroll} > ${client}`);
      await screenshot(page, `console-360-${colorScheme}`);
      await page.setViewportSize({ width: 1280, height: 900 });
      await screenshot(page, `console-1280-${colorScheme}`);
    }
    await page.emulateMedia({ colorScheme: null });
  });

  it('had no CSP violation, console error, page error or dialog', () => {
    assert.deepEqual(problems, []);
  });
});
