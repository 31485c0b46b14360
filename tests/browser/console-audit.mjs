// Shared by the console's browser tests: axe-core (WCAG 2.0–2.2 A and AA) in light and dark at 360
// and 1280 px, and the WCAG contrast ratio of two colours.

import assert from 'node:assert/strict';
import fs from 'node:fs';
import { createRequire } from 'node:module';

const AXE = fs.readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
const TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22a', 'wcag22aa'];

/**
 * Runs axe in light and dark, at 360 and 1280 px; returns the violations, described (back to
 * 1280×800 after). @param {import('playwright-core').Page} page @param {string} state named in them
 */
export async function violations(page, state) {
  const found = [];
  if (!(await page.evaluate(() => typeof globalThis.axe === 'object'))) await page.evaluate(AXE);
  for (const colorScheme of ['light', 'dark']) {
    for (const width of [360, 1280]) {
      await page.emulateMedia({ colorScheme });
      await page.setViewportSize({ width, height: 800 });
      const seen = await page.evaluate((tags) => globalThis.axe.run(document, { runOnly: { type: 'tag', values: tags } })
        .then((r) => r.violations.map((v) => `${v.id}: ${v.help} — ${v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join(', ')}`)), TAGS);
      found.push(...seen.map((v) => `[${state}, ${colorScheme}, ${width}px] ${v}`));
    }
  }
  await page.emulateMedia({ colorScheme: null });
  await page.setViewportSize({ width: 1280, height: 800 });
  return found;
}

/**
 * Asserts no axe violation in light and dark, at 360 and 1280 px.
 * @param {import('playwright-core').Page} page @param {string} state named in the failures
 */
export async function audit(page, state) {
  assert.deepEqual(await violations(page, state), []);
}

/** The WCAG contrast ratio of two [r, g, b] colours (0–255). */
export function contrast(a, b) {
  const lum = (c) => {
    const [r, g, bl] = c.map((v) => { const s = v / 255; return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4; });
    return 0.2126 * r + 0.7152 * g + 0.0722 * bl;
  };
  const [x, y] = [lum(a), lum(b)].sort((p, q) => q - p);
  return (x + 0.05) / (y + 0.05);
}
