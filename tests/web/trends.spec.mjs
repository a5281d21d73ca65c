// Browser tests of the Trends view and the slice filter: the payer table's totals are the
// engine's (native CLI `trends` for the same files), picking a payer narrows the summary,
// worklist and claims, keyboard sort works, axe is clean, and screenshots at 1366 and 390.
// Run: cmake --build build-wasm && node --test tests/web/trends.spec.mjs
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import AxeBuilder from '@axe-core/playwright';
import { serve, launch, guardedContext, screenshot, DIST, REPO, DESKTOP, NARROW } from './harness.mjs';
import { formatMoney, formatCount } from '../../web/shared/render.js';

const SAMPLES = path.join(REPO, 'tests/data/samples/era');
const CLI = path.resolve(REPO, process.env.DENIAL_CLI ?? 'build/core/cli/denial-explainer');
const FILES = readdirSync(SAMPLES).sort().map((f) => path.join(SAMPLES, f));

let server;
let browser;

before(async () => {
  assert.ok(existsSync(path.join(DIST, 'index.html')), `no ${DIST}/index.html: run cmake --build build-wasm first`);
  server = await serve();
  browser = await launch();
});

after(async () => {
  await browser?.close();
  await server?.close();
});

async function openPage(viewport = DESKTOP) {
  const { context, outside } = await guardedContext(browser, server.origin, { viewport });
  const page = await context.newPage();
  const problems = [];
  page.on('pageerror', (e) => problems.push(`pageerror: ${e.message}`));
  await page.goto(`${server.origin}/`);
  await page.waitForSelector('body[data-engine="ready"]', { timeout: 15000 });
  return { page, context, outside, problems };
}

async function dropFiles(page, paths) {
  const files = paths.map((p) => ({ name: path.basename(p), text: readFileSync(p, 'latin1') }));
  const dataTransfer = await page.evaluateHandle((list) => {
    const dt = new DataTransfer();
    for (const f of list) dt.items.add(new File([f.text], f.name, { type: 'text/plain' }));
    return dt;
  }, files);
  await page.locator('#drop').dispatchEvent('drop', { dataTransfer });
  await page.waitForFunction((n) => new RegExp(`Read ${n} files`).test(document.getElementById('status').textContent), files.length, { timeout: 30000 });
}

async function showTrends(page) {
  await page.click('#tab-trends');
  await page.waitForSelector('#panel-trends:not([hidden]) #payer-table');
}

async function assertAxe(page, label) {
  const result = await new AxeBuilder({ page }).analyze();
  const bad = result.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  assert.deepEqual(bad.map((v) => `${v.id} (${v.impact}): ${v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join(' | ')}`), [], `axe on ${label}`);
}

function cliTrends(by, extra = []) {
  const run = spawnSync(CLI, ['trends', ...FILES, '--by', by, '--format', 'json', ...extra], { encoding: 'utf8', maxBuffer: 64 << 20 });
  assert.ok(run.status !== null && run.status <= 2, run.stderr);
  return JSON.parse(run.stdout);
}

test('Trends: payer table and months from the engine, equal to the CLI trends for the same files', { skip: !existsSync(CLI) && 'native CLI not built' }, async () => {
  const { page, context, outside, problems } = await openPage();
  await dropFiles(page, FILES);
  await showTrends(page);
  const payers = cliTrends('payer');
  const rows = await page.locator('#payer-table tbody tr').count();
  assert.equal(rows, payers.rows.length);
  const foot = page.locator('#payer-table tfoot td');
  assert.equal((await foot.nth(0).textContent()).trim(), formatCount(payers.total.claims));
  assert.equal((await foot.nth(1).textContent()).trim(), formatMoney(payers.total.billed));
  assert.equal((await foot.nth(5).textContent()).trim(), formatMoney(payers.total.recoverable));
  // The total is the batch summary's.
  assert.equal((await page.locator('#count-claims').textContent()).trim(), formatCount(payers.total.claims));
  const months = cliTrends('month');
  assert.equal(await page.locator('#reasons-by-month tbody tr').count(), months.rows.length);
  assert.ok(await page.locator('.trends__svg').count() >= 1);
  // Sort by claims with the keyboard: the header button, Enter; aria-sort follows.
  await page.focus('#payer-table button[data-sort="claims"]');
  await page.keyboard.press('Enter');
  await page.waitForSelector('#payer-table th[aria-sort="descending"] button[data-sort="claims"]');
  const firstClaims = (await page.locator('#payer-table tbody tr').first().locator('td').first().textContent()).trim();
  const most = Math.max(...payers.rows.map((r) => r.claims));
  assert.equal(firstClaims, formatCount(most));
  assert.deepEqual(outside, []);
  assert.deepEqual(problems, []);
  await context.close();
});

test('the slice narrows summary, worklist and claims to one payer', { skip: !existsSync(CLI) && 'native CLI not built' }, async () => {
  const { page, context } = await openPage();
  await dropFiles(page, FILES);
  await showTrends(page);
  const payers = cliTrends('payer');
  const top = payers.rows[0];
  await page.selectOption('#slice-payer', top.key);
  await page.waitForFunction(() => document.getElementById('slice-note').textContent.length > 0);
  const narrowed = cliTrends('payer', ['--payer', top.key]);
  assert.equal(narrowed.total.claims, top.claims);
  assert.equal(await page.locator('#payer-table tbody tr').count(), 1);
  await page.click('#tab-claims');
  await page.waitForSelector('#panel-claims:not([hidden])');
  await page.waitForFunction(() => !document.querySelector('#claims-body[aria-busy]') && document.querySelector('#claims-body').children.length > 0);
  const body = await page.locator('#claims-body').textContent();
  assert.match(body, new RegExp(`${formatCount(top.claims)}\\b`));
  await page.click('#tab-summary');
  await page.waitForSelector('.slice__summary');
  assert.match(await page.locator('.slice__summary').textContent(), new RegExp(formatMoney(top.billed).replace(/[$.]/g, '\\$&')));
  await page.click('#slice-reset');
  await page.waitForFunction(() => !document.querySelector('.slice__summary'));
  await context.close();
});

test('Trends: axe clean and screenshots at 1366 and 390 (no page overflow)', async () => {
  for (const [viewport, width] of [[DESKTOP, 1366], [NARROW, 390]]) {
    const { page, context } = await openPage(viewport);
    await dropFiles(page, FILES);
    await showTrends(page);
    await screenshot(page, `page-trends-${width}`);
    await assertAxe(page, `trends at ${width}`);
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    assert.ok(overflow <= 1, `page overflows horizontally by ${overflow}px at ${width}`);
    // Amounts never wrap mid-number in the summary cards.
    await page.click('#tab-summary');
    await page.waitForSelector('[data-metric="total_charge"]');
    const wrapped = await page.evaluate(() => [...document.querySelectorAll('.dx-card__value')].filter((e) => e.getClientRects().length > 1 || e.scrollHeight > e.clientHeight * 1.6).map((e) => e.textContent));
    assert.deepEqual(wrapped, []);
    await screenshot(page, `page-summary-many-${width}`);
    await context.close();
  }
});
