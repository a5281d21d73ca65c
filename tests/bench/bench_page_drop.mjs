// Browser benchmark, printing only: a user's drop of FILE on the page, timed from choosing
// the file to the summary ("Read 1 file"), with the peak memory of all Chromium processes
// (RSS summed from `ps`, Linux) while it is read. Compare builds with DENIAL_DIST=dir.
//   node tests/bench/bench_page_drop.mjs FILE
import { execSync } from 'node:child_process';
import { serve, launch, guardedContext } from '../web/harness.mjs';
const file = process.argv[2] ?? '/tmp/bench100.835';
const rssMb = () => Number(execSync("ps -eo rss,comm | awk '/chrom/ {s+=$1} END {print s}'").toString().trim()) / 1024;
const server = await serve(undefined);
const browser = await launch();
try {
  const { context } = await guardedContext(browser, server.origin, { viewport: { width: 1366, height: 900 } });
  const page = await context.newPage();
  await page.goto(`${server.origin}/index.html`);
  await page.waitForTimeout(1000);
  const before = rssMb();
  let peak = before, done = false;
  const t0 = Date.now();
  const poll = setInterval(() => { peak = Math.max(peak, rssMb()); }, 100);
  await page.locator('#file').setInputFiles(file);
  await page.waitForFunction(() => /Read 1 file/.test(document.getElementById('status').textContent), null, { timeout: 120000 });
  clearInterval(poll);
  console.log(`${file}: ${(Date.now() - t0) / 1000} s to the summary; Chromium RSS before ${before.toFixed(0)} MB, peak ${peak.toFixed(0)} MB (+${(peak - before).toFixed(0)} MB)`);
  console.log((await page.locator('#status').textContent()).trim());
} finally { await browser.close(); await server.close(); }
