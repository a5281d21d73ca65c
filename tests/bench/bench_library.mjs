// The local library with many remits ("Keep on this device", docs/library.md), in headless
// Chromium: seconds from choosing N files (library on) until they are all kept, the storage
// the page then uses (navigator.storage.estimate(), and the bytes of the kept records), and
// seconds from reloading the page to the Trends view with every kept file read again.
//   node tests/bench/bench_library.mjs DIR [trends|full]
// Generate a set with build/tests/gen_many (tests/bench/README.md), in a temporary folder.
import { readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { serve, launch, guardedContext, DESKTOP } from '../web/harness.mjs';

const [dir, mode = 'trends'] = process.argv.slice(2);
const files = readdirSync(dir).map((f) => path.join(dir, f)).filter((f) => statSync(f).isFile()).sort();
const bytes = files.reduce((a, f) => a + statSync(f).size, 0);
const server = await serve();
const browser = await launch();
const { context } = await guardedContext(browser, server.origin, { viewport: DESKTOP });
const page = await context.newPage();
page.on('dialog', (d) => d.accept());
await page.goto(`${server.origin}/`);
await page.waitForSelector('body[data-engine="ready"]', { timeout: 15000 });
await page.locator('#keep').click({ force: true });
await page.waitForSelector('#library-open:not([hidden])');
if (mode === 'full') {
  await page.click('#library-open');
  await page.check('#library-mode-full');
  await page.click('#library-close');
}
const n = files.length.toLocaleString('en-US');
const t0 = performance.now();
await page.locator('#file').setInputFiles(files);
await page.waitForFunction((count) => new RegExp(`^Read ${count} files`).test(document.getElementById('status').textContent), n, { timeout: 900000, polling: 100 });
const read = performance.now();
await page.waitForFunction(() => /^Kept /.test(document.getElementById('library-note').textContent) && !document.body.classList.contains('is-busy'), null, { timeout: 900000, polling: 100 });
const kept = performance.now();
const storage = await page.evaluate(async () => {
  const { usage, quota } = await navigator.storage.estimate();
  const db = await new Promise((resolve) => { const r = indexedDB.open('denial-explainer-library'); r.onsuccess = () => resolve(r.result); });
  const records = await new Promise((resolve) => { const r = db.transaction('files').objectStore('files').getAll(); r.onsuccess = () => resolve(r.result); });
  db.close();
  return { usage, quota, records: records.length, stored: records.reduce((a, r) => a + r.data.size, 0) };
});
const r0 = performance.now();
await page.reload();
await page.waitForSelector('body[data-engine="ready"]', { timeout: 15000 });
const ready = performance.now();
await page.waitForFunction((count) => new RegExp(`^Read ${count} files`).test(document.getElementById('status').textContent), n, { timeout: 900000, polling: 50 });
const summary = performance.now();
await page.click('#tab-trends');
await page.waitForSelector('#panel-trends:not([hidden]) #payer-table', { timeout: 900000 });
const trends = performance.now();
const claims = (await page.locator('#count-claims').textContent()).trim();
const s = (a, b) => ((b - a) / 1000).toFixed(2);
console.log(`${dir} (${mode}): ${files.length} files, ${(bytes / 1e6).toFixed(1)} MB, ${claims} claims`);
console.log(`  first drop: read in ${s(t0, read)} s, all kept ${s(t0, kept)} s (keeping: ${s(read, kept)} s)`);
console.log(`  kept ${storage.records} records, ${(storage.stored / 1e6).toFixed(1)} MB of file data; navigator.storage.estimate(): usage ${(storage.usage / 1e6).toFixed(1)} MB of ${(storage.quota / 1e9).toFixed(1)} GB`);
console.log(`  reload: engine ready ${s(r0, ready)} s, summary ${s(r0, summary)} s, Trends view ${s(r0, trends)} s after the reload`);
await context.close();
await browser.close();
await server.close();
