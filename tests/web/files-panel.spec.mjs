// Browser tests of the file panel with many files (issue 16): above 10 files it summarises
// (counts by status, problems grouped by kind, every file on demand) instead of listing every
// warning above the summary; the counts are the engine's statuses (the wasm API in Node for
// the same files); amounts in the summary cards never wrap mid-number; axe clean; 1366 and 390.
// Run: cmake --build build-wasm && node --test tests/web/files-panel.spec.mjs
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import AxeBuilder from '@axe-core/playwright';
import { servedBrowser, guardedContext, screenshot, DIST, REPO, DESKTOP, NARROW } from './harness.mjs';
import { formatCount } from '../../web/shared/render.js';

const SAMPLES = path.join(REPO, 'tests/data/samples/era');
const DATA = path.join(REPO, 'tests/data');
// The vendored samples, a payment read twice (a retransmission), hospital-size amounts and a
// web page saved by mistake (not readable).
const FILES = [
  ...readdirSync(SAMPLES).sort().map((f) => ({ name: f, buffer: readFileSync(path.join(SAMPLES, f)) })),
  { name: 'denied_claim.835', buffer: readFileSync(path.join(DATA, 'denied_claim.835')) },
  { name: 'denied_claim-resent.835', buffer: readFileSync(path.join(DATA, 'denied_claim.835')) },
  { name: 'large_amounts.835', buffer: readFileSync(path.join(DATA, 'large_amounts.835')) },
  { name: 'not_835_html.html', buffer: readFileSync(path.join(DATA, 'not_835_html.html')) },
];

let server;
let browser;
let statuses;  // the engine's answer for every file, in order (wasm API in Node)

servedBrowser((s, b) => { server = s; browser = b; });

before(async () => {
  const { createDenialExplainer } = await import(pathToFileURL(path.join(DIST, 'denial-api.js')).href);
  const api = await createDenialExplainer();
  const session = api.openSession();
  statuses = FILES.map((f) => session.addFile(f.name, new Uint8Array(f.buffer)));
  session.close();
});


async function openPage(viewport) {
  const { context, outside } = await guardedContext(browser, server.origin, { viewport });
  const page = await context.newPage();
  const problems = [];
  page.on('pageerror', (e) => problems.push(`pageerror: ${e.message}`));
  await page.goto(`${server.origin}/`);
  await page.waitForSelector('body[data-engine="ready"]', { timeout: 15000 });
  await page.locator('#file').setInputFiles(FILES.map((f) => ({ name: f.name, mimeType: 'text/plain', buffer: f.buffer })));
  await page.waitForFunction((n) => new RegExp(`Read ${n} files`).test(document.getElementById('status').textContent), FILES.length, { timeout: 60000 });
  return { page, context, outside, problems };
}

/** What the panel must say, from the engine's statuses: counts by status and files per kind. */
function expected() {
  const counts = { read: 0, read_with_errors: 0, unreadable: 0, retransmission: 0 };
  const kinds = new Map();
  for (const s of statuses) {
    counts[s.status]++;
    const codes = new Set(s.diagnostics.map((d) => d.code));
    if (codes.has('duplicate_payment')) counts.retransmission++;
    for (const code of codes) kinds.set(code, (kinds.get(code) ?? 0) + 1);
  }
  return { counts, kinds };
}

test('many files: the panel summarises by status and kind (the engine\'s counts), no warning listed above the summary, every file on demand', async () => {
  const { counts, kinds } = expected();
  assert.ok(counts.retransmission >= 1 && counts.unreadable >= 1 && counts.read_with_errors >= 1, `the batch has every status: ${JSON.stringify(counts)}`);
  assert.ok(kinds.size >= 3, 'several kinds of problem');
  for (const [viewport, width] of [[DESKTOP, 1366], [NARROW, 390]]) {
    const { page, context, outside, problems } = await openPage(viewport);
    assert.equal(await page.locator('#files-list.files__list--summary').count(), 1, 'the panel summarises');
    // Only the counts by status show: the panel stays closed, one short line above the views.
    assert.equal(await page.locator('#files-details').evaluate((d) => d.open), false, 'the panel is closed');
    assert.equal(await page.locator('#files-list .dx-diag').count(), 0, 'no warning is listed before a kind or a file is opened');
    const panel = await page.locator('#files').boundingBox();
    assert.ok(panel.height < (width === 1366 ? 60 : 160), `the panel stays short: ${Math.round(panel.height)}px at ${width}`);
    const shown = Object.fromEntries(await page.locator('#files-summary .files__count').evaluateAll((nodes) => nodes.map((n) => [n.dataset.count, n.querySelector('.files__count-n').textContent])));
    assert.deepEqual(shown, Object.fromEntries(Object.entries(counts).filter(([k, n]) => n || k === 'read').map(([k, n]) => [k, formatCount(n)])));
    // Opened: one group per kind, with the engine's words and the number of files.
    await page.locator('#files-summary').click();
    const groups = await page.locator('#files-list .files__kind').evaluateAll((nodes) => nodes.map((n) => [n.dataset.code, n.querySelector('.files__kind-count').textContent, n.querySelector('.files__kind-text').textContent]));
    assert.deepEqual(new Map(groups.map(([code, count]) => [code, count.split(' · ')[0]])),
      new Map([...kinds].map(([code, n]) => [code, `${formatCount(n)} ${n === 1 ? 'file' : 'files'}`])));
    const dup = groups.find(([code]) => code === 'duplicate_payment');
    assert.equal(dup[2], 'The same payment appears more than once.');
    // Errors come first.
    const severities = await page.locator('#files-list .files__kind').evaluateAll((nodes) => nodes.map((n) => n.className.match(/files__kind--(\w+)/)[1]));
    const rank = { error: 0, warning: 1, info: 2 };
    assert.deepEqual(severities, [...severities].sort((a, b) => rank[a] - rank[b]));
    // A kind opens to the files that have it.
    await page.locator('#files-list .files__kind[data-code="duplicate_payment"] > summary').click();
    assert.match(await page.locator('#files-list .files__kind[data-code="duplicate_payment"] .files__kind-files').textContent(), /denied_claim-resent\.835: payment .* was already read \(denied_claim\.835\)/);
    // Every file on demand, problems first; a file's problems fold under its name.
    await page.locator('#files-all > summary').click();
    const cards = page.locator('#files-all .dx-file-status');
    // The list is drawn when opened (after the click returns): wait for it, then count.
    await page.waitForFunction((n) => document.querySelectorAll('#files-all .dx-file-status').length >= n, FILES.length, { timeout: 10000 }).catch(() => {});
    assert.equal(await cards.count(), FILES.length);
    const names = await cards.evaluateAll((nodes) => nodes.map((n) => n.querySelector('.dx-file-status__name').textContent));
    const withProblems = statuses.filter((s) => s.status !== 'read' || s.diagnostics.length).map((s) => s.name);
    assert.deepEqual(names.slice(0, withProblems.length), withProblems);
    const unreadable = statuses.find((s) => s.status === 'unreadable');
    const card = page.locator('#files-all details.dx-file-status').filter({ hasText: unreadable.name }).first();
    assert.equal(await card.locator('.dx-diag').first().isVisible(), false, 'folded until opened');
    await card.locator('summary').click();
    assert.equal(await card.locator('.dx-diag').count(), Math.min(20, unreadable.diagnostics.length));
    assert.match(await card.locator('.dx-diag__message').first().textContent(), new RegExp(unreadable.diagnostics[0].message.slice(0, 20).replace(/[.*+?^${}()|[\]\\]/g, '\\$&')));
    // Keyboard: a kind's summary opens with Enter.
    const kind = page.locator('#files-list .files__kind').first();
    await kind.locator('summary').focus();
    await page.keyboard.press('Enter');
    assert.equal(await kind.evaluate((n) => n.open), true);
    const result = await new AxeBuilder({ page }).analyze();
    const bad = result.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
    assert.deepEqual(bad.map((v) => `${v.id}: ${v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join(' | ')}`), [], `axe at ${width}`);
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    assert.ok(overflow <= 1, `the page overflows by ${overflow}px at ${width}`);
    await screenshot(page, `page-files-many-${width}`);
    assert.deepEqual(outside, []);
    assert.deepEqual(problems, []);
    await context.close();
  }
});

test('a few files keep the full list; the summary cards never wrap an amount mid-number (eight figures) at 1366 and 390', async () => {
  for (const [viewport, width] of [[DESKTOP, 1366], [NARROW, 390]]) {
    const { page, context } = await openPage(viewport);
    const values = await page.locator('.dx-card__value').evaluateAll((nodes) => nodes.map((n) => n.textContent));
    assert.ok(values.some((v) => /^\$\d{2},\d{3},\d{3}\.\d{2}$/.test(v)), `an eight-figure total is shown: ${values.join(' ')}`);
    const wrapped = await page.evaluate(() => [...document.querySelectorAll('.dx-card__value')]
      .filter((e) => e.getClientRects().length > 1 || e.scrollWidth > e.clientWidth + 1 || e.getBoundingClientRect().height > parseFloat(getComputedStyle(e).lineHeight) * 1.5
        || e.getBoundingClientRect().right > e.parentElement.getBoundingClientRect().right)
      .map((e) => e.textContent));
    assert.deepEqual(wrapped, [], `amounts wrapped or clipped at ${width}`);
    await screenshot(page, `page-summary-large-${width}`);
    await context.close();
  }
  // Ten files or fewer: every file's card and its problems listed as before.
  const { page, context } = await (async () => {
    const { context, outside } = await guardedContext(browser, server.origin, { viewport: DESKTOP });
    const p = await context.newPage();
    await p.goto(`${server.origin}/`);
    await p.waitForSelector('body[data-engine="ready"]', { timeout: 15000 });
    return { page: p, context, outside };
  })();
  const few = FILES.filter((f) => /clawd__sample_missing_se|stupidedi-bad|denied_claim/.test(f.name));
  await page.locator('#file').setInputFiles(few.map((f) => ({ name: f.name, mimeType: 'text/plain', buffer: f.buffer })));
  await page.waitForFunction((n) => new RegExp(`Read ${n} files`).test(document.getElementById('status').textContent), few.length, { timeout: 30000 });
  assert.equal(await page.locator('#files-list.files__list--summary').count(), 0);
  assert.equal(await page.locator('#files-list > .dx-file-status').count(), few.length);
  assert.ok(await page.locator('#files-list .dx-diag').count() >= 1, 'a few files list their problems at once');
  await context.close();
});
