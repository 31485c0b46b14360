#!/usr/bin/env node
// The README's screenshots of the console (tests/docs/console-{desktop,360}-{light,dark}.png): a
// successful create against the local endpoint, at 1280×800 and 360×900; and its snippets dialog
// (tests/docs/console-code-desktop-light.png). Not a test (the images
// are committed); run by hand after a visible change: node tests/browser/docs-screenshots.mjs

import path from 'node:path';
import { startConsole } from './console-setup.mjs';
import { ROOT } from './harness.mjs';

const OUT = path.join(ROOT, 'tests', 'docs');
const c = await startConsole({ stepMs: 300 });
try {
  const { page, node } = c;
  for (const name of ['storefront', 'mobile-app', 'newsletter']) {
    const { datasetGroupArn } = await node.createDatasetGroup({ name });
    await new Promise((r) => setTimeout(r, 350));
    await node.createEventTracker({ datasetGroupArn, name: `${name}-events` });
  }
  await new Promise((r) => setTimeout(r, 700));
  await page.goto(c.site.url);
  await c.connected();
  await page.getByLabel('Tracker name').fill('web-clicks');
  await page.getByRole('button', { name: 'Add tag' }).click();
  await page.getByLabel('Tag key').fill('team');
  await page.getByLabel('Tag value').fill('storefront');
  await page.getByRole('button', { name: 'Create event tracker' }).click();
  await page.getByRole('status', { name: 'Status' }).getByText('ACTIVE', { exact: true }).waitFor();
  await page.locator('#result').getByRole('button', { name: 'Copy tracking ID' }).click();
  await page.mouse.move(0, 0);
  for (const colorScheme of ['light', 'dark']) {
    await page.emulateMedia({ colorScheme });
    for (const [label, width, height] of [['desktop', 1280, 800], ['360', 360, 900]]) {
      await page.setViewportSize({ width, height });
      await page.evaluate(() => { document.activeElement?.blur(); scrollTo(0, 0); });
      await page.screenshot({ path: path.join(OUT, `console-${label}-${colorScheme}.png`) });
    }
  }
  // The snippets dialog, desktop, light: what "Code to send events with this tracking ID" opens.
  await page.emulateMedia({ colorScheme: 'light' });
  await page.setViewportSize({ width: 1280, height: 800 });
  await page.getByRole('button', { name: 'Code to send events with this tracking ID' }).click();
  await page.getByRole('dialog', { name: 'Code to send events' }).waitFor();
  await page.mouse.move(0, 0);
  await page.screenshot({ path: path.join(OUT, 'console-code-desktop-light.png') });
  process.stdout.write(`screenshots in ${OUT}\n`);
} finally {
  await c.close();
}
