// Shared browser-test setup: Debian's chromium through playwright-core with a fresh profile,
// and a watch on every page for console errors, page errors, dialogs and CSP violations.

import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

export const ROOT = fileURLToPath(new URL('../../', import.meta.url));
export const WEB = path.join(ROOT, 'web');
export const SCREENSHOTS = path.join(ROOT, 'tests', 'screenshots');
export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/**
 * Launches chromium headless with a temporary user-data-dir (removed by close()).
 * @param {object} [contextOptions] playwright context options (viewport, colorScheme…)
 */
export async function launch(contextOptions = {}) {
  const profile = await fs.mkdtemp(path.join(os.tmpdir(), 'pw-console-profile-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update',
      '--disable-sync', '--no-first-run', '--disable-quic'],
    viewport: { width: 1280, height: 900 },
    ...contextOptions,
  });
  context.setDefaultTimeout(10_000);
  context.setDefaultNavigationTimeout(15_000);
  return {
    context,
    async close() {
      await context.close().catch(() => {});
      await fs.rm(profile, { recursive: true, force: true });
    },
  };
}

/**
 * Records what must never happen on a page: console errors, uncaught errors, JavaScript
 * dialogs (alert from injected markup) and CSP violations (reported by an init script).
 * @param {import('playwright-core').Page} page
 * @param {{ignore?: (text: string, url: string) => boolean}} [options] console errors to tolerate:
 *   Chromium logs every HTTP error answer ("Failed to load resource: … 400") as a console error
 * @returns {Promise<string[]>} the problems seen so far (a live array)
 */
export async function watch(page, { ignore = () => false } = {}) {
  const problems = [];
  page.on('console', (m) => {
    if (/Content.Security.Policy/i.test(m.text())) problems.push(`csp console: ${m.text()}`);
    else if (m.type() === 'error' && !ignore(m.text(), m.location().url ?? '')) problems.push(`console: ${m.text()} (${m.location().url})`);
  });
  page.on('pageerror', (e) => problems.push(`pageerror: ${e.message}`));
  page.on('dialog', (d) => {
    problems.push(`dialog: ${d.type()} ${d.message()}`);
    d.dismiss().catch(() => {});
  });
  await page.exposeBinding('__cspViolation', (_source, text) => problems.push(`csp: ${text}`));
  await page.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (e) => {
      globalThis.__cspViolation(`${e.violatedDirective} ${e.blockedURI}`);
    });
  });
  return problems;
}

/** Saves a full-page screenshot into tests/screenshots/ (git-ignored). */
export async function screenshot(page, name) {
  await fs.mkdir(SCREENSHOTS, { recursive: true });
  await page.screenshot({ path: path.join(SCREENSHOTS, `${name}.png`), fullPage: true });
}
