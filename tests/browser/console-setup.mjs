// Shared setup of the console's browser tests: a local endpoint (with admin routes), the page on a
// static server that marks it the way `./build.sh serve` does, Chromium, and helpers that drive the
// page by accessible names.

import { startLocalEndpoint, DEMO_CREDENTIALS } from '../local-endpoint/runtime/index.mjs';
import { PersonalizeClient } from '../../web/lib/personalize.mjs';
import { startStaticServer } from './static-server.mjs';
import { launch, watch, WEB } from './harness.mjs';

export { DEMO_CREDENTIALS };

/** The page's folder: web/, or CONSOLE_WEB (e.g. an older checkout's web/, to see a new test fail on the old page). */
export const CONSOLE_WEB = process.env.CONSOLE_WEB || WEB;

/**
 * @param {{trackers?: number, stepMs?: number, contextOptions?: object}} [options] trackers: how many dataset groups
 *   with one tracker each to create first (named bulk-N / bulk-N-clicks)
 */
export async function startConsole({ trackers = 0, stepMs = 200, contextOptions = {} } = {}) {
  const emu = await startLocalEndpoint({ port: 0, admin: true, demo: true, stepMs, log: () => {} });
  const node = new PersonalizeClient({ region: 'us-east-1', endpoint: emu.url, credentials: DEMO_CREDENTIALS });
  const groups = [];
  for (let i = 0; i < trackers; i++) groups.push((await node.createDatasetGroup({ name: `bulk-${i}` })).datasetGroupArn);
  if (trackers) await new Promise((r) => setTimeout(r, stepMs + 50));
  for (let i = 0; i < trackers; i++) await node.createEventTracker({ datasetGroupArn: groups[i], name: `bulk-${i}-clicks` });
  const site = await startStaticServer({
    root: CONSOLE_WEB, base: '/console/',
    localEndpoint: { endpoint: emu.url, region: 'us-east-1', credentials: DEMO_CREDENTIALS, datasetGroupArn: emu.demoDatasetGroupArn },
  });
  const browser = await launch({ viewport: { width: 1280, height: 800 }, ...contextOptions });
  await browser.context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: new URL(site.url).origin });
  const page = browser.context.pages()[0] ?? await browser.context.newPage();
  const expectedErrors = [];
  const problems = await watch(page, {
    ignore: (text, url) => (url.startsWith(emu.url) && /Failed to load resource/.test(text)) || expectedErrors.some((re) => re.test(text)),
  });

  const admin = async (route, body) => (await fetch(`${emu.url}/__local-endpoint/${route}`, {
    headers: { 'x-local-endpoint-admin-token': emu.adminToken, ...(body ? { 'content-type': 'application/json' } : {}) },
    ...(body ? { method: 'POST', body: JSON.stringify(body) } : {}),
  })).json();
  const c = {
    emu, site, browser, page, problems, expectedErrors, admin, node, groups,
    row: (name) => page.locator('#trackers tbody tr').filter({ has: page.getByText(name, { exact: true }) }),
    connSays: (re, timeout) => page.locator('#conn-msg').getByText(re).waitFor({ state: 'attached', timeout }),
    clipboard: () => page.evaluate(() => navigator.clipboard.readText()),
    async openConnection() {
      const change = page.getByRole('button', { name: 'Change connection' });
      if (await change.isVisible()) await change.click();
      await page.getByRole('button', { name: 'Test connection' }).waitFor();
    },
    /** Waits until the console is connected (its panel folded) and the list loaded. */
    async connected() {
      await page.getByRole('button', { name: 'Change connection' }).waitFor();
      await page.waitForFunction(() => document.getElementById('list-card').getAttribute('aria-busy') === 'false');
    },
    /** A new ACTIVE dataset group (each can have one tracker); returns its ARN. */
    async newGroup(name) {
      const { datasetGroupArn } = await node.createDatasetGroup({ name });
      await new Promise((r) => setTimeout(r, stepMs + 50));
      return datasetGroupArn;
    },
    /** Fills the create form (in a new dataset group) and clicks Create. */
    async startCreate(name) {
      const arn = await c.newGroup(`${name}-group`);
      if (await page.getByRole('button', { name: 'Create another tracker' }).isVisible()) await page.getByRole('button', { name: 'Create another tracker' }).click();
      await page.getByLabel('Dataset group ARN').fill(arn);
      await page.getByLabel('Tracker name').fill(name);
      await page.getByRole('button', { name: 'Create event tracker' }).click();
    },
    /** Creates a tracker in the console and waits for ACTIVE; returns its tracking ID. */
    async create(name) {
      await c.startCreate(name);
      await page.getByRole('status', { name: 'Status' }).getByText('ACTIVE', { exact: true }).waitFor();
      return page.getByLabel('Tracking ID', { exact: true }).inputValue();
    },
    async close() {
      await browser.close();
      await site.close();
      await emu.close();
    },
  };
  return c;
}
