// Many files on the page: seconds from choosing N files (the file input, as a user does) to
// the summary, then to the Trends view, in headless Chromium, and the peak RSS of Chromium.
//   node tests/bench/bench_many_files.mjs DIR [DIR...]
// Generate sets with build/tests/gen_many (tests/bench/README.md), in a temporary folder.
import { readdirSync, statSync } from 'node:fs';
import { execSync } from 'node:child_process';
import path from 'node:path';
import { serve, launch, guardedContext, DESKTOP } from '../web/harness.mjs';

function chromiumRss() {
  try {
    const out = execSync("ps -C chromium -o rss=", { encoding: 'utf8' });
    return out.split('\n').reduce((a, l) => a + (Number(l.trim()) || 0), 0) * 1024;
  } catch { return 0; }
}

const server = await serve();
const browser = await launch();
for (const dir of process.argv.slice(2)) {
  const files = readdirSync(dir).map((f) => path.join(dir, f)).filter((f) => statSync(f).isFile()).sort();
  const bytes = files.reduce((a, f) => a + statSync(f).size, 0);
  const { context } = await guardedContext(browser, server.origin, { viewport: DESKTOP });
  const page = await context.newPage();
  await page.goto(`${server.origin}/`);
  await page.waitForSelector('body[data-engine="ready"]', { timeout: 15000 });
  let peak = 0;
  const timer = setInterval(() => { peak = Math.max(peak, chromiumRss()); }, 250);
  const t0 = performance.now();
  await page.locator('#file').setInputFiles(files);
  const handed = performance.now();
  await page.waitForFunction((n) => new RegExp(`Read ${n.toLocaleString('en-US')} files|Read ${n} files`).test(document.getElementById('status').textContent), files.length, { timeout: 600000, polling: 50 });
  const summary = performance.now();
  await page.click('#tab-trends');
  await page.waitForSelector('#panel-trends:not([hidden]) #payer-table', { timeout: 600000 });
  const trends = performance.now();
  clearInterval(timer);
  const status = await page.locator('#status').textContent();
  console.log(`${dir}: ${files.length} files, ${(bytes / 1e6).toFixed(1)} MB; handed to the page ${((handed - t0) / 1000).toFixed(2)} s; ` +
    `to summary ${((summary - t0) / 1000).toFixed(2)} s; to Trends ${((trends - t0) / 1000).toFixed(2)} s; Chromium peak RSS ${(peak / 1e6).toFixed(0)} MB\n  ${status.trim()}`);
  await context.close();
}
await browser.close();
await server.close();
