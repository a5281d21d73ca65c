// Many files on the page: seconds from choosing N files (the file input, as a user does) to
// the summary, then to the Trends view, in headless Chromium, the CPU time and peak RSS of
// this run's Chromium (on a shared machine, CPU time is the figure that does not depend on
// the load) and the storage the page used (navigator.storage.estimate).
//   node tests/bench/bench_many_files.mjs DIR [DIR...]
// Generate sets with build/tests/gen_many (tests/bench/README.md), in a temporary folder.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { execSync } from 'node:child_process';
import path from 'node:path';
import { serve, launch, guardedContext, DESKTOP } from '../web/harness.mjs';

// RSS of this run's Chromium only: the processes descending from this Node process (other
// browsers on a shared machine are not ours to count).
// RSS (bytes) and CPU time (s, user + system) of this run's Chromium processes.
function chromium() {
  try {
    const rows = execSync('ps -e -o pid=,ppid=,rss=', { encoding: 'utf8' }).trim().split('\n')
      .map((l) => l.trim().split(/\s+/).map(Number));
    // utime + stime from /proc (clock ticks, 100 a second): finer than ps's whole seconds.
    const cpuOf = (pid) => {
      try {
        const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
        return (Number(fields[11]) + Number(fields[12])) / 100;
      } catch { return 0; }
    };
    const children = new Map();
    for (const [pid, ppid, rss] of rows) {
      if (!children.has(ppid)) children.set(ppid, []);
      children.get(ppid).push([pid, rss, cpuOf(pid)]);
    }
    let rss = 0;
    let cpu = 0;
    const walk = (pid) => {
      for (const [child, r, c] of children.get(pid) ?? []) { rss += r; cpu += c; walk(child); }
    };
    walk(process.pid);
    return { rss: rss * 1024, cpu };
  } catch { return { rss: 0, cpu: 0 }; }
}
const chromiumRss = () => chromium().rss;

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
  const cpu0 = chromium().cpu;
  const t0 = performance.now();
  await page.locator('#file').setInputFiles(files);
  const handed = performance.now();
  await page.waitForFunction((n) => new RegExp(`Read ${n.toLocaleString('en-US')} files|Read ${n} files`).test(document.getElementById('status').textContent), files.length, { timeout: 600000, polling: 50 });
  const summary = performance.now();
  await page.click('#tab-trends');
  await page.waitForSelector('#panel-trends:not([hidden]) #payer-table', { timeout: 600000 });
  const trends = performance.now();
  const cpu = chromium().cpu - cpu0;
  clearInterval(timer);
  const status = await page.locator('#status').textContent();
  // What the page keeps: the origin's storage (the page stores nothing of the files) and the
  // JS heap of the page itself (the engine's memory is in its worker).
  const storage = await page.evaluate(async () => ({ usage: (await navigator.storage.estimate()).usage,
    heap: performance.memory?.usedJSHeapSize ?? 0 }));
  console.log(`${dir}: ${files.length} files, ${(bytes / 1e6).toFixed(1)} MB; handed to the page ${((handed - t0) / 1000).toFixed(2)} s; ` +
    `to summary ${((summary - t0) / 1000).toFixed(2)} s (${((summary - handed) / 1000).toFixed(2)} s after handing); to Trends ${((trends - t0) / 1000).toFixed(2)} s; ` +
    `Chromium CPU ${cpu.toFixed(1)} s, peak RSS ${(peak / 1e6).toFixed(0)} MB; ` +
    `origin storage used ${(storage.usage / 1e6).toFixed(2)} MB; page JS heap ${(storage.heap / 1e6).toFixed(0)} MB\n  ${status.trim()}`);
  await context.close();
}
await browser.close();
await server.close();
