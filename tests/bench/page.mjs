// The console's time to interactive in headless Chromium: the page sets
// document.documentElement.dataset.ready to the milliseconds from navigation until it is wired.
// Prints one JSON line {runs, median, min, max}; run by tests/bench/run.mjs.
import { startStaticServer } from '../browser/static-server.mjs';
import { launch, WEB } from '../browser/harness.mjs';

const runs = Number(process.argv[2] ?? 5);
const site = await startStaticServer({ root: WEB, base: '/console/' });
const times = [];
try {
  for (let i = 0; i < runs; i++) {
    const browser = await launch({ viewport: { width: 1280, height: 800 } }); // a cold profile each time
    try {
      const page = browser.context.pages()[0] ?? await browser.context.newPage();
      await page.goto(site.url);
      await page.waitForFunction(() => document.documentElement.dataset.ready);
      times.push(Number(await page.evaluate(() => document.documentElement.dataset.ready)));
    } finally {
      await browser.close();
    }
  }
} finally {
  await site.close();
}
times.sort((a, b) => a - b);
console.log(JSON.stringify({ runs, median: times[Math.floor(times.length / 2)], min: times[0], max: times.at(-1) }));
