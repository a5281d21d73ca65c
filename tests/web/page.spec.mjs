// Browser tests of the main page (web/page/index.html + app.js) and of the single-file build, with
// Debian's Chromium through playwright-core (tests/web/harness.mjs). Numbers shown by the page
// are checked against the native CLI's report (DENIAL_CLI, default build/core/cli/denial-explainer),
// or against the wasm API in Node when the CLI was not built.
// Run: cmake --build build-wasm && node --test tests/web/page.spec.mjs
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import AxeBuilder from '@axe-core/playwright';
import { servedBrowser, guardedContext, screenshot, DIST, REPO, DESKTOP, NARROW } from './harness.mjs';
import { formatMoney, formatPercent, formatCount } from '../../web/shared/render.js';

const DATA = path.join(REPO, 'tests/data');
const fixture = (name) => path.join(DATA, name);
const CLI = path.resolve(REPO, process.env.DENIAL_CLI ?? 'build/core/cli/denial-explainer');
const OFFLINE = path.join(DIST, 'denial-explainer-offline.html');
const SAMPLE = path.join(DIST, 'sample.835');
const MARB = path.join(REPO, 'tests/data/samples/era/own__six_payments_one_trace.edi');

let server;
let browser;

servedBrowser((s, b) => { server = s; browser = b; });

// ---- reference reports -----------------------------------------------------------------------

/** The report for `files` read together: native CLI if built, else the wasm API in Node. */
async function reference(files, { asOf, appealDays, filingDays, inlineTexts = false } = {}) {
  if (existsSync(CLI)) {
    const extra = [...(asOf ? ['--as-of', asOf] : []), ...(appealDays ? ['--appeal-days', String(appealDays)] : []), ...(filingDays ? ['--filing-days', String(filingDays)] : [])];
    const run = spawnSync(CLI, ['explain', ...files, '--format', 'json', ...(inlineTexts ? ['--inline-texts'] : []), ...extra], { maxBuffer: 256 * 1024 * 1024, encoding: 'utf8' });
    assert.ok(run.status !== null && run.status <= 2, `CLI failed: ${run.stderr}`);
    return JSON.parse(run.stdout);
  }
  const { createDenialExplainer } = await import(pathToFileURL(path.join(DIST, 'denial-api.js')).href);
  const engine = await createDenialExplainer();
  const session = engine.openSession({ asOf, appealDays, filingDays });
  for (const f of files) session.addFile(path.basename(f), await readFile(f));
  const report = JSON.parse(session.reportJson({ inlineTexts }));
  session.close();
  return report;
}

/** An action of the compact report with its texts (label, rule, sources, deadline rule) put
 *  back from `action_texts` (docs/report-schema.md, schema 3.0). */
function withTexts(report, action) {
  return { ...report.action_texts[action.texts_key ?? action.action], ...action };
}

// ---- page helpers ------------------------------------------------------------------------------

/** A page in a guarded context (every off-origin request is blocked and recorded). */
async function openPage(viewport = DESKTOP, { deadlines, noStorage = false } = {}) {
  const { context, outside } = await guardedContext(browser, server.origin, { viewport });
  if (deadlines) {
    // Settings as the Deadlines dialog keeps them (set once: a reload keeps what the page saved).
    await context.addInitScript((value) => {
      if (!sessionStorage.getItem('dx-test-seeded')) {
        localStorage.setItem('denial-explainer.deadlines', value);
        sessionStorage.setItem('dx-test-seeded', '1');
      }
    }, JSON.stringify(deadlines));
  }
  if (noStorage) {
    await context.addInitScript(() => {
      Object.defineProperty(window, 'localStorage', { get() { throw new DOMException('blocked', 'SecurityError'); } });
    });
  }
  const page = await context.newPage();
  const problems = [];
  page.on('pageerror', (e) => problems.push(`pageerror: ${e.message}`));
  page.on('console', (m) => { if (m.type() === 'error') problems.push(`console: ${m.text()}`); });
  await page.goto(`${server.origin}/`);
  await page.waitForSelector('body[data-engine="ready"]', { timeout: 15000 });
  return { page, context, outside, problems };
}

async function waitStatus(page, re, timeout = 20000) {
  await page.waitForFunction(([src, flags]) => new RegExp(src, flags).test(document.getElementById('status').textContent),
    [re.source, re.flags], { timeout });
}

async function metric(page, id) {
  return (await page.locator(`[data-metric="${id}"] .dx-card__value`).textContent()).trim();
}

/** The summary cards and tab counts match the reference report. */
async function assertNumbers(page, report) {
  const s = report.summary;
  for (const id of ['total_paid', 'total_charge', 'total_adjusted', 'total_patient_responsibility', 'denied_amount']) {
    assert.equal(await metric(page, id), formatMoney(s[id]), `${id} on the page vs the report`);
  }
  assert.equal(await metric(page, 'denial_rate_by_dollars'), formatPercent(s.denial_rate_by_dollars));
  assert.equal((await page.locator('#count-claims').textContent()).trim(), formatCount(s.claims));
  assert.equal((await page.locator('#count-worklist').textContent()).trim(), formatCount(report.worklist.length));
}

async function dropFiles(page, paths) {
  const files = paths.map((p) => ({ name: path.basename(p), text: readFileSync(p, 'latin1') }));
  const dataTransfer = await page.evaluateHandle((list) => {
    const dt = new DataTransfer();
    for (const f of list) dt.items.add(new File([f.text], f.name, { type: 'text/plain' }));
    return dt;
  }, files);
  await page.locator('#drop').dispatchEvent('drop', { dataTransfer });
}

async function showTab(page, view) {
  await page.click(`#tab-${view}`);
  await page.waitForSelector(`#panel-${view}:not([hidden])`);
  if (view === 'worklist' || view === 'claims' || view === 'rejections') {
    await page.waitForFunction((v) => !document.querySelector(`#${v}-body[aria-busy]`) && document.querySelector(`#${v}-body`).children.length > 0, view);
  }
}

async function assertAxe(page, label) {
  const result = await new AxeBuilder({ page }).analyze();
  const bad = result.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  assert.deepEqual(bad.map((v) => `${v.id} (${v.impact}): ${v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join(' | ')}`), [], `axe on ${label}`);
}

// ---- tests -------------------------------------------------------------------------------------

test('Try a sample shows the bundled sample with the numbers of the native report', async () => {
  const { page, context, outside, problems } = await openPage();
  await page.click('#sample');
  await waitStatus(page, /Read 1 file/);
  await assertNumbers(page, await reference([SAMPLE]));
  // Payments: check/EFT numbers and payers come from the file.
  const payments = await page.locator('.dx-table--payments tbody tr').count();
  assert.equal(payments, (await reference([SAMPLE])).transactions.length);
  assert.deepEqual(outside, []);
  assert.deepEqual(problems, []);
  await context.close();
});

test('drop (DataTransfer) of two files: totals across both match the native report', async () => {
  const { page, context, outside } = await openPage();
  const files = [fixture('denied_claim.835'), fixture('reversal.835')];
  await dropFiles(page, files);
  await waitStatus(page, /Read 2 files/);
  await assertNumbers(page, await reference(files));
  // Known values for denied_claim.835 + reversal.835, independent of formatMoney.
  assert.equal(await metric(page, 'total_charge'), '$1,815.00');
  assert.equal(await page.locator('.dx-file-status').count(), 2);
  assert.deepEqual(outside, []);
  await context.close();
});

test('file picker with many files, one not an 835: each gets a status, the rest still counts', async () => {
  const { page, context } = await openPage();
  const files = [fixture('several_isa.835'), fixture('denied_claim.835'), fixture('not_835_html.html'), fixture('plb_netting.835')];
  await page.locator('#file').setInputFiles(files);
  await waitStatus(page, /Read 4 files/);
  await assertNumbers(page, await reference(files));
  const bad = page.locator('.dx-file-status--bad');
  assert.equal(await bad.count(), 1);
  assert.match(await bad.textContent(), /not_835_html\.html/);
  assert.match(await bad.textContent(), /Not readable/);
  assert.match(await bad.textContent(), /HTML/);
  // PLB adjustments are explained on the summary.
  const plb = await page.locator('.dx-plb-list').textContent();
  assert.match(plb, /Overpayment Recovery/);
  assert.match(plb, /withheld from this payment/i);
  await context.close();
});

test('a retransmitted payment is flagged and not counted twice', async () => {
  const { page, context } = await openPage();
  const f = fixture('denied_claim.835');
  await dropFiles(page, [f, f]);
  await waitStatus(page, /Read 2 files/);
  const once = await reference([f]);
  assert.equal(await metric(page, 'total_paid'), formatMoney(once.summary.total_paid));
  assert.match(await page.locator('.notice--warn').textContent(), /1 retransmitted payment/);
  assert.match(await page.locator('.dx-table--payments').textContent(), /Retransmission of payment #1/);
  await context.close();
});

test('truncated.835: the problem is shown with its segment number and raw segment; its claims still show', async () => {
  const { page, context } = await openPage();
  await page.locator('#file').setInputFiles(fixture('truncated.835'));
  await waitStatus(page, /Read 1 file/);
  const report = await reference([fixture('truncated.835')]);
  const status = page.locator('.dx-file-status');
  assert.match(await status.textContent(), /Read with problems/);
  const text = await status.textContent();
  assert.match(text, /no SE trailer/);
  const errorDiag = report.diagnostics.find((d) => d.severity === 'error');
  assert.ok(text.includes(`segment ${errorDiag.segment}`), 'segment number of the error shown');
  assert.match(text, /Raw segment[^:]*:\s*DTM\*472\*2025/);
  await assertNumbers(page, report);
  await showTab(page, 'claims');
  assert.equal(await page.locator('#claims-body tbody tr').count(), report.summary.claims);
  await context.close();
});

test('xss_names.835 renders inert: no dialog, no injected element, markup shown as text', async () => {
  const { page, context } = await openPage();
  let dialogs = 0;
  page.on('dialog', (d) => { dialogs++; d.dismiss(); });
  await page.locator('#file').setInputFiles(fixture('xss_names.835'));
  await waitStatus(page, /Read 1 file/);
  const injected = async () => page.evaluate(() => ({
    scripts: [...document.querySelectorAll('script')].filter((s) => /alert/.test(s.textContent)).length,
    imgs: document.querySelectorAll('main img, main [onerror], main [onload], main svg[onload]').length,
    bold: [...document.querySelectorAll('main b')].length,
  }));
  assert.deepEqual(await injected(), { scripts: 0, imgs: 0, bold: 0 });
  assert.match(await page.locator('.dx-table--payments').textContent(), /<script>alert\(1\)<\/script> HEALTH/);
  await showTab(page, 'claims');
  assert.match(await page.locator('#claims-body').textContent(), /O'BRIEN & <b>SONS<\/b>/);
  await page.locator('#claims-body button.dx-link').first().click();
  await page.waitForSelector('.dx-claim');
  await page.click('text=Show raw segments');
  await page.waitForSelector('.dx-raw:not([hidden])');
  assert.match(await page.locator('.dx-claim').textContent(), /<script>alert\(1\)<\/script>/);
  assert.deepEqual(await injected(), { scripts: 0, imgs: 0, bold: 0 });
  await page.waitForTimeout(300);
  assert.equal(dialogs, 0);
  await context.close();
});

test('worklist, claim detail (raw segments, copy), paging, filters and search', async () => {
  const { page, context } = await openPage();
  await page.locator('#file').setInputFiles(MARB);
  await waitStatus(page, /Read 1 file/);
  const report = await reference([MARB]);
  await assertNumbers(page, report);
  // Worklist: largest at stake first, as the report's worklist.
  await showTab(page, 'worklist');
  const firstRow = page.locator('#worklist-body tbody tr').first();
  assert.match(await firstRow.textContent(), new RegExp(report.worklist[0].patient_control_number));
  // Claims: paging with offset/limit.
  await showTab(page, 'claims');
  assert.match(await page.locator('#claims-body .pager__range').first().textContent(), /1–50 of 200/);
  await page.locator('#claims-body .pager').first().getByRole('button', { name: 'Next ›' }).click();
  await page.waitForFunction(() => /51–100 of 200/.test(document.querySelector('#claims-body .pager__range')?.textContent));
  // Outcome filter: count from the report's summary.
  await page.selectOption('#f-outcome', 'denied');
  await page.waitForFunction((n) => new RegExp(`of ${n}$`).test(document.querySelector('#claims-body .pager__range')?.textContent ?? ''), report.summary.outcomes.denied);
  // Search by patient control number: exactly that claim.
  await page.selectOption('#f-outcome', '');
  const pcn = report.transactions[0].claims[17].patient_control_number;
  await page.fill('#f-text', pcn);
  await page.waitForFunction((p) => {
    const rows = document.querySelectorAll('#claims-body tbody tr');
    return rows.length >= 1 && [...rows].every((r) => r.textContent.includes(p));
  }, pcn);
  // Claim detail: adjustments with official text and our guidance, labelled apart.
  await page.locator('#claims-body button.dx-link').first().click();
  await page.waitForSelector('.dx-claim');
  assert.match(await page.locator('.dx-claim').textContent(), /Official text/);
  assert.match(await page.locator('.dx-claim').textContent(), /Denial Explainer guidance \(not official text\)/);
  await page.click('text=Show raw segments');
  await page.waitForSelector('.dx-raw:not([hidden])');
  assert.match(await page.locator('.dx-raw').textContent(), new RegExp(`^CLP\\*${pcn}\\*`));
  await context.close();
});

test('mask patient data hides names on screen and in the CSV; exports download', async () => {
  const { page, context } = await openPage();
  await page.click('#sample');
  await waitStatus(page, /Read 1 file/);
  await showTab(page, 'worklist');
  const before = await page.locator('#worklist-body tbody').textContent();
  assert.match(before, /BROOKS/);
  const [csvPlain] = await Promise.all([page.waitForEvent('download'), page.click('#export-csv')]);
  assert.match(await readFile(await csvPlain.path(), 'utf8'), /BROOKS/);
  await page.locator('#mask').check();
  await page.waitForFunction(() => !/BROOKS/.test(document.querySelector('#worklist-body tbody')?.textContent ?? 'BROOKS'));
  assert.match(await page.locator('#worklist-body tbody').textContent(), /\[masked\]/);
  // Raw segments (names, IDs) are not offered while masked.
  await page.locator('#worklist-body button.dx-link').first().click();
  await page.waitForSelector('.dx-claim');
  assert.match(await page.locator('.dx-claim__title').textContent(), /\[masked\]/);
  assert.equal(await page.getByRole('button', { name: 'Show raw segments' }).count(), 0);
  const [csv] = await Promise.all([page.waitForEvent('download'), page.click('#export-csv')]);
  assert.match(csv.suggestedFilename(), /-masked\.csv$/);
  const text = await readFile(await csv.path(), 'utf8');
  assert.doesNotMatch(text, /BROOKS|SALAZAR/);
  const [json] = await Promise.all([page.waitForEvent('download'), page.click('#export-json')]);
  const report = JSON.parse(await readFile(await json.path(), 'utf8'));
  assert.equal(report.schema_version, '4.0');
  assert.doesNotMatch(JSON.stringify(report), /BROOKS/);
  await context.close();
});

test('code lookup: CO-253 shows official text and our guidance apart; words search the lists', async () => {
  const { page, context } = await openPage();
  await showTab(page, 'lookup');
  await page.fill('#lookup-input', 'CO-253');
  await page.press('#lookup-input', 'Enter');
  await page.waitForSelector('.dx-lookup[data-code="253"]');
  const card = await page.locator('.dx-lookup[data-code="253"]').textContent();
  assert.match(card, /Official text · Claim Adjustment Reason Codes/);
  assert.match(card, /Sequestration/);
  assert.match(card, /Denial Explainer guidance/);
  await page.fill('#lookup-input', 'timely filing');
  await page.press('#lookup-input', 'Enter');
  await page.waitForSelector('.dx-hits');
  assert.match(await page.locator('.dx-hits').textContent(), /CARC 29/);
  await page.locator('.dx-hits button', { hasText: 'CARC 29' }).click();
  await page.waitForSelector('.dx-lookup[data-code="29"]');
  // Another list by name: place of service 11 (a bare 11 is CARC 11), labelled a partial list.
  await page.fill('#lookup-input', 'POS 11');
  await page.press('#lookup-input', 'Enter');
  await page.waitForSelector('.dx-lookup[data-code="11"]');
  const pos = await page.locator('.dx-lookup[data-code="11"]').textContent();
  assert.match(pos, /Place of Service Codes, partial list/);
  assert.match(pos, /Office/);
  await context.close();
});

test('keyboard only: tabs with arrow keys, open a claim with Enter, focus lands on it', async () => {
  const { page, context } = await openPage();
  await page.click('#sample');
  await waitStatus(page, /Read 1 file/);
  await page.focus('#tab-summary');
  await page.keyboard.press('ArrowRight');
  await page.waitForSelector('#panel-worklist:not([hidden])');
  assert.equal(await page.evaluate(() => document.activeElement.id), 'tab-worklist');
  await page.waitForSelector('#worklist-body button.dx-link');
  await page.focus('#worklist-body button.dx-link');
  await page.keyboard.press('Enter');
  await page.waitForSelector('.dx-claim');
  await page.waitForFunction(() => document.activeElement?.classList.contains('dx-claim__title'));
  // Visible focus ring on keyboard focus.
  await page.keyboard.press('Tab');
  const outline = await page.evaluate(() => getComputedStyle(document.activeElement).outlineStyle);
  assert.notEqual(outline, 'none');
  await context.close();
});

test('cancel stops a big parse and resets; the page stays usable', async () => {
  const { page, context } = await openPage();
  // ~40 MB: the denied_claim claims repeated inside one transaction.
  const src = readFileSync(fixture('denied_claim.835'), 'latin1');
  const head = src.slice(0, src.indexOf('LX*1~'));
  const body = src.slice(src.indexOf('LX*1~'), src.indexOf('SE*'));
  const big = Buffer.from(head + body.repeat(Math.ceil(40e6 / body.length)) + 'SE*1*0001~GE*1*101~IEA*1*000000101~', 'latin1');
  await page.locator('#file').setInputFiles({ name: 'big.835', mimeType: 'text/plain', buffer: big });
  await page.waitForSelector('#progress:not([hidden])');
  await page.click('#cancel');
  await waitStatus(page, /Cancelled/);
  assert.equal(await page.locator('#progress').isHidden(), true);
  await page.click('#sample');
  await waitStatus(page, /Read 1 file/);
  await assertNumbers(page, await reference([SAMPLE]));
  await context.close();
});

test('no request leaves the origin; strict CSP; no inline style attributes', async () => {
  const { page, context, outside, problems } = await openPage();
  const html = await (await fetch(`${server.origin}/index.html`)).text();
  const csp = /http-equiv="Content-Security-Policy" content="([^"]+)"/.exec(html)?.[1] ?? '';
  for (const part of ["default-src 'self'", "script-src 'self' 'wasm-unsafe-eval'", "style-src 'self'", "connect-src 'self'", "object-src 'none'", "base-uri 'none'", "form-action 'none'"]) {
    assert.ok(csp.includes(part), `CSP has ${part}`);
  }
  assert.doesNotMatch(html, /\sstyle="/);
  assert.doesNotMatch(html, /<script>(?!<\/script>)/);
  assert.match(await page.locator('#privacy-line').textContent(), /stay on this device/);
  await page.click('#sample');
  await waitStatus(page, /Read 1 file/);
  for (const v of ['worklist', 'claims', 'lookup']) await showTab(page, v);
  await page.fill('#lookup-input', 'MA130');
  await page.press('#lookup-input', 'Enter');
  await page.waitForSelector('.dx-lookup');
  // A deliberate off-origin fetch is blocked by the CSP (and would be caught by the guard).
  const blocked = await page.evaluate(() => fetch('http://127.0.0.2:9/x').then(() => 'sent', () => 'blocked'));
  assert.equal(blocked, 'blocked');
  assert.deepEqual(outside, []);
  assert.deepEqual(problems.filter((p) => !/127\.0\.0\.2|Content Security Policy/.test(p)), []);
  await context.close();
});

test('offline: after the first visit the service worker serves the page with the network off', async () => {
  const { page, context, outside } = await openPage();
  await page.waitForFunction(() => navigator.serviceWorker?.controller !== null, null, { timeout: 15000 });
  const cacheNames = await page.evaluate(() => caches.keys());
  assert.ok(cacheNames.some((n) => /^denial-explainer-\d/.test(n)), `versioned cache: ${cacheNames}`);
  await context.setOffline(true);
  await page.reload();
  await page.waitForSelector('body[data-engine="ready"]', { timeout: 15000 });
  await page.click('#sample');
  await waitStatus(page, /Read 1 file/);
  await assertNumbers(page, await reference([SAMPLE]));
  assert.deepEqual(outside, []);
  await context.close();
});

test('single-file build works from file:// with its own strict CSP', async () => {
  assert.ok(existsSync(OFFLINE), 'denial-explainer-offline.html was built');
  const html = readFileSync(OFFLINE, 'utf8');
  const csp = /http-equiv="Content-Security-Policy" content="([^"]+)"/.exec(html)?.[1] ?? '';
  assert.match(csp, /default-src 'none'/);
  assert.match(csp, /connect-src 'none'/);
  assert.doesNotMatch(csp, /unsafe-inline/);
  const context = await browser.newContext({ viewport: DESKTOP });
  const requests = [];
  const problems = [];
  context.on('request', (r) => requests.push(r.url()));
  const page = await context.newPage();
  page.on('pageerror', (e) => problems.push(e.message));
  page.on('console', (m) => { if (m.type() === 'error') problems.push(m.text()); });
  await page.goto(pathToFileURL(OFFLINE).href);
  await page.waitForSelector('body[data-engine="ready"]', { timeout: 20000 });
  const files = [fixture('denied_claim.835'), fixture('truncated.835')];
  await page.locator('#file').setInputFiles(files);
  await waitStatus(page, /Read 2 files/);
  await assertNumbers(page, await reference(files));
  await page.click('#sample');
  await waitStatus(page, /Read 3 files/);
  await screenshot(page, 'page-offline-file-1366');
  assert.deepEqual(requests.filter((u) => !u.startsWith('file://') && !u.startsWith('blob:') && !u.startsWith('data:')), []);
  assert.deepEqual(problems, []);
  await context.close();
});

// ---- deadlines (act by) and sources -----------------------------------------------------------

// Scenario files (tests/data/scenarios) are written for this as-of date; the page is given it
// through its Deadlines setting so the tests do not depend on today's date.
const AS_OF = '2026-12-07';
const scenario = (name) => path.join(DATA, 'scenarios', name);

async function openClaimRow(page, view, pcn) {
  await showTab(page, view);
  await page.locator(`#${view}-body tr`, { hasText: pcn }).locator('button.dx-link').click();
  await page.waitForSelector('.dx-claim');
  await page.waitForFunction(() => document.activeElement?.classList.contains('dx-claim__title'));
}

test('deadlines: a Medicare remit shows act-by in the worklist and the claim detail, with the rule, whose rule and sources; the CSV has act_by', async () => {
  const { page, context, outside, problems } = await openPage(DESKTOP, { deadlines: { asOf: AS_OF } });
  const file = scenario('32_co50_medicare_redetermination_open.835');
  await page.locator('#file').setInputFiles(file);
  await waitStatus(page, /Read 1 file/);
  const report = await reference([file], { asOf: AS_OF });
  const claim = report.transactions[0].claims.find((c) => c.patient_control_number === 'RDT0001');
  const action = withTexts(report, claim.actions[0]);
  assert.equal(action.act_by, '2027-02-04');
  // Worklist: the Act by column with the date and whose rule.
  await showTab(page, 'worklist');
  assert.match(await page.locator('#worklist-body thead').textContent(), /Act by/);
  const row = page.locator('#worklist-body tr', { hasText: 'RDT0001' });
  const cell = row.locator('td.dx-col-act_by');
  assert.match(await cell.textContent(), /2027-02-04/);
  assert.match(await cell.textContent(), /Medicare rule/);
  assert.doesNotMatch(await cell.textContent(), /Passed/);
  assert.match(await page.locator('#deadlines-line').textContent(), /as of 2026-12-07/);
  // Claim detail: Act by, the rule in words, whose rule, and "Why we say this" with the sources.
  await openClaimRow(page, 'worklist', 'RDT0001');
  const item = page.locator('.dx-actions__item').first();
  const text = await item.textContent();
  assert.match(text, /Act by 2027-02-04/);
  assert.match(text, /Medicare rule/);
  assert.ok(action.deadline_rule && text.includes(action.deadline_rule), `rule in words: ${action.deadline_rule}`);
  const why = page.locator('.dx-why');
  assert.match(await why.locator('.dx-section__title').textContent(), /Why we say this/);
  for (const id of action.sources) {
    const src = report.sources[id];
    const li = why.locator(`li[data-source="${id}"]`);
    assert.equal(await li.count(), 1, `source ${id} listed`);
    assert.match(await li.textContent(), new RegExp(src.title.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')));
  }
  assert.equal(await page.locator('.dx-claim a').count(), 0, 'sources are text, never links');
  // Adjustments name their guidance sources too.
  assert.match(await page.locator('.dx-adj .dx-sources-line').first().textContent(), /^Sources: /);
  await assertAxe(page, 'claim detail with deadlines');
  // The CSV export carries act_by and deadline_owner from the engine.
  const [download] = await Promise.all([page.waitForEvent('download'), page.click('#export-csv')]);
  const csv = (await readFile(await download.path(), 'utf8')).replace(/^\uFEFF/, '').split(/\r?\n/);
  const head = csv[0].split(',');
  const at = head.indexOf('act_by');
  assert.ok(at >= 0 && head.includes('deadline_owner'), `CSV header: ${csv[0]}`);
  const line = csv.find((l) => l.includes('RDT0001'));
  assert.ok(line.includes('2027-02-04') && line.includes('medicare'), line);
  // The JSON export too.
  const [json] = await Promise.all([page.waitForEvent('download'), page.click('#export-json')]);
  const exported = JSON.parse(await readFile(await json.path(), 'utf8'));
  assert.equal(exported.options.as_of, AS_OF);
  assert.equal(exported.transactions[0].claims.find((c) => c.patient_control_number === 'RDT0001').actions[0].act_by, '2027-02-04');
  assert.deepEqual(outside, []);
  assert.deepEqual(problems, []);
  await context.close();
});

test('deadlines: a passed date says so in words, the action changed and its note names the exception route', async () => {
  const { page, context } = await openPage(DESKTOP, { deadlines: { asOf: AS_OF } });
  const file = scenario('33_co50_medicare_redetermination_late.835');
  const unbalanced = scenario('60_claim_out_of_balance_by_10.835');
  await page.locator('#file').setInputFiles([file, unbalanced]);
  await waitStatus(page, /Read 2 files/);
  const report = await reference([file], { asOf: AS_OF });
  const action = withTexts(report, report.transactions[0].claims[0].actions[0]);
  assert.equal(action.deadline_passed, true);
  // An unbalanced claim is flagged in words in the worklist.
  await showTab(page, 'worklist');
  assert.match(await page.locator('#worklist-body tr', { hasText: 'OOB1001' }).locator('td.dx-col-action').textContent(), /Does not balance/);
  await showTab(page, 'claims');
  const cell = page.locator('#claims-body tr', { hasText: 'RDT0003' }).locator('td.dx-col-act_by');
  assert.match(await cell.textContent(), /2026-10-04/);
  assert.match(await cell.textContent(), /Passed/);
  await openClaimRow(page, 'claims', 'RDT0003');
  const text = await page.locator('.dx-actions__item').first().textContent();
  assert.match(text, /Deadline passed \(it was 2026-10-04\)/);
  assert.match(text, new RegExp(action.label.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')));
  assert.ok(action.note && text.includes(action.note), `note: ${action.note}`);
  await context.close();
});

test('worklist order: soonest deadline first puts dated claims in date order, then the undated; back to most at stake', async () => {
  const { page, context } = await openPage(DESKTOP, { deadlines: { asOf: AS_OF } });
  const files = ['32_co50_medicare_redetermination_open.835', '33_co50_medicare_redetermination_late.835', '35_co50_commercial_appeal_window.835', '60_claim_out_of_balance_by_10.835'].map(scenario);
  await page.locator('#file').setInputFiles(files);
  await waitStatus(page, /Read 4 files/);
  await showTab(page, 'worklist');
  const dates = async () => (await page.locator('#worklist-body tbody td.dx-col-act_by').allTextContents()).map((t) => t.match(/\d{4}-\d{2}-\d{2}/)?.[0] ?? null);
  const byStake = await dates();
  await page.selectOption('#worklist-order', 'act_by');
  await page.waitForFunction(() => /soonest deadline first/.test(document.querySelector('#worklist-body caption')?.textContent ?? ''));
  const byDate = await dates();
  assert.equal(byDate.length, byStake.length);
  const dated = byDate.filter(Boolean);
  assert.ok(dated.length >= 2, `dated rows: ${byDate}`);
  assert.deepEqual(dated, [...dated].sort());
  assert.deepEqual(byDate.slice(0, dated.length), dated, `undated rows come last: ${byDate}`);
  assert.notDeepEqual(byDate, byStake);
  await page.selectOption('#worklist-order', 'at_stake');
  await page.waitForFunction(() => /by amount at stake/.test(document.querySelector('#worklist-body caption')?.textContent ?? ''));
  assert.deepEqual(await dates(), byStake);
  await context.close();
});

test('claim detail: where Medicare and commercial practice differ, both show, labelled, this claim\'s payer type first', async () => {
  const { page, context } = await openPage(DESKTOP, { deadlines: { asOf: AS_OF } });
  const medicare = scenario('32_co50_medicare_redetermination_open.835');
  const commercial = scenario('35_co50_commercial_appeal_window.835');
  await page.locator('#file').setInputFiles([medicare, commercial]);
  await waitStatus(page, /Read 2 files/);
  const report = await reference([medicare, commercial], { asOf: AS_OF, inlineTexts: true });
  const claims = report.transactions.flatMap((t) => t.claims);
  for (const [pcn, first] of [['RDT0001', /^Medicare/], [claims.find((c) => c.channel === 'other').patient_control_number, /^Commercial/]]) {
    const claim = claims.find((c) => c.patient_control_number === pcn);
    const adj = [...claim.adjustments, ...claim.lines.flatMap((l) => l.adjustments)].find((a) => a.guidance?.variants);
    assert.ok(adj, `${pcn}: an adjustment with variants`);
    await openClaimRow(page, 'claims', pcn);
    const block = page.locator(`.dx-adj[data-code="${adj.code}"] .dx-variants`).first();
    const terms = await block.locator('dt').allTextContents();
    assert.equal(terms.length, Object.keys(adj.guidance.variants).length);
    assert.match(terms[0], first);
    assert.match(terms[0], /this claim/);
    assert.doesNotMatch(terms.slice(1).join(' '), /this claim/);
    const texts = await block.locator('dd').allTextContents();
    for (const v of Object.values(adj.guidance.variants)) assert.ok(texts.includes(v), `variant text from the engine: ${v.slice(0, 40)}`);
  }
  await context.close();
});

test('deadlines settings: an appeal window of N days sets a commercial claim\'s act-by to remit date + N and survives a reload', async () => {
  const { page, context, outside, problems } = await openPage();
  const file = scenario('35_co50_commercial_appeal_window.835');
  await page.locator('#file').setInputFiles(file);
  await waitStatus(page, /Read 1 file/);
  // No window: no date, and the detail says the contract's window is not set.
  await openClaimRow(page, 'claims', 'APL0001');
  assert.match(await page.locator('.dx-actions__item').first().textContent(), /No act-by date: your contract's window is not set/);
  // Set 180 days (remit 2026-09-10 + 180 = 2027-03-09) and the as-of date in the dialog, by keyboard.
  await page.locator('#claim-back').click();
  await page.focus('#deadlines-open');
  await page.keyboard.press('Enter');
  await page.waitForSelector('#deadlines[open]');
  assert.equal(await page.evaluate(() => document.activeElement.id), 'set-appeal');
  await assertAxe(page, 'deadlines dialog');
  await page.keyboard.type('180');
  await page.fill('#set-asof', AS_OF);
  assert.match(await page.locator('#deadlines-store').textContent(), /Kept in this browser only/);
  await page.locator('#deadlines-save').click();
  await waitStatus(page, /Re-explained 1 file with the new deadline settings/);
  const expected = (await reference([file], { asOf: AS_OF, appealDays: 180 })).transactions[0].claims[0].actions[0];
  assert.equal(expected.act_by, '2027-03-09');
  await openClaimRow(page, 'claims', 'APL0001');
  let text = await page.locator('.dx-actions__item').first().textContent();
  assert.match(text, /Act by 2027-03-09/);
  assert.match(text, /Your contract/);
  await showTab(page, 'worklist');
  assert.match(await page.locator('#worklist-body tr', { hasText: 'APL0001' }).locator('td.dx-col-act_by').textContent(), /2027-03-09.*Your contract/);
  // A bad value is refused with a message, nothing changes.
  await page.click('#deadlines-open');
  await page.fill('#set-filing', '12.5');
  await page.locator('#deadlines-save').click();
  assert.match(await page.locator('#deadlines-error').textContent(), /Filing window/);
  await page.click('#deadlines-cancel');
  // Reload: the settings were kept on this device (localStorage) and apply to the next file.
  assert.deepEqual(JSON.parse(await page.evaluate(() => localStorage.getItem('denial-explainer.deadlines'))), { appealDays: 180, filingDays: null, asOf: AS_OF });
  await page.reload();
  await page.waitForSelector('body[data-engine="ready"]', { timeout: 15000 });
  await page.locator('#file').setInputFiles(file);
  await waitStatus(page, /Read 1 file/);
  await openClaimRow(page, 'claims', 'APL0001');
  text = await page.locator('.dx-actions__item').first().textContent();
  assert.match(text, /Act by 2027-03-09/);
  await page.click('#deadlines-open');
  assert.equal(await page.inputValue('#set-appeal'), '180');
  await page.click('#deadlines-cancel');
  assert.deepEqual(outside, []);
  assert.deepEqual(problems, []);
  await context.close();
});

test('deadlines settings without storage (blocked localStorage): they still apply for the visit, with a quiet note', async () => {
  const { page, context, problems } = await openPage(DESKTOP, { noStorage: true });
  const file = scenario('35_co50_commercial_appeal_window.835');
  await page.locator('#file').setInputFiles(file);
  await waitStatus(page, /Read 1 file/);
  await page.click('#deadlines-open');
  assert.match(await page.locator('#deadlines-store').textContent(), /does not let the page keep settings/);
  await page.fill('#set-appeal', '180');
  await page.fill('#set-asof', AS_OF);
  await page.locator('#deadlines-save').click();
  await waitStatus(page, /Re-explained 1 file.*until you close this page/);
  await openClaimRow(page, 'claims', 'APL0001');
  assert.match(await page.locator('.dx-actions__item').first().textContent(), /Act by 2027-03-09/);
  assert.deepEqual(problems, []);
  await context.close();
});

test('deadlines at 390 px: worklist and claim detail with dates and sources do not overflow, dates never wrap, axe clean', async () => {
  const { page, context, outside } = await openPage(NARROW, { deadlines: { asOf: AS_OF, appealDays: 180 } });
  const files = ['32_co50_medicare_redetermination_open.835', '33_co50_medicare_redetermination_late.835', '35_co50_commercial_appeal_window.835'].map(scenario);
  await page.locator('#file').setInputFiles(files);
  await waitStatus(page, /Read 3 files/);
  const check = async (label) => {
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    assert.ok(overflow <= 1, `${label}: page overflows horizontally by ${overflow}px`);
    const wrapped = await page.evaluate(() => [...document.querySelectorAll('.dx-date')]
      .filter((n) => n.offsetParent !== null && n.getClientRects().length > 1).map((n) => n.textContent));
    assert.deepEqual(wrapped, [], `${label}: dates wrapped mid-date`);
    await assertAxe(page, label);
  };
  await showTab(page, 'worklist');
  assert.ok(await page.locator('#worklist-body .dx-date').count() >= 3);
  await check('worklist with act-by at 390');
  await openClaimRow(page, 'worklist', 'RDT0002');
  await check('claim detail with dates and sources at 390');
  await openClaimRow(page, 'claims', 'RDT0003');
  assert.match(await page.locator('.dx-deadline__passed').textContent(), /Deadline passed/);
  await check('claim detail with a passed deadline at 390');
  await page.click('#deadlines-open');
  await page.waitForSelector('#deadlines[open]');
  await check('deadlines dialog at 390');
  assert.deepEqual(outside, []);
  await context.close();
});

const MIX = ['01_claims_batch.999', '02_first_answer.277ca', '03_resubmission_answer.277ca', '04_remit.835'].map((f) => path.join(DATA, 'mix', f));

test('277CA + 999 + 835 together: file kinds, rejections beside denials, the Rejections view (not resubmitted, history, 999 set), axe clean at 1366 and 390', async () => {
  // What the core says about the batch (the wasm API in Node): the page must show exactly this.
  const { createDenialExplainer } = await import(pathToFileURL(path.join(DIST, 'denial-api.js')).href);
  const api = await createDenialExplainer();
  const session = api.openSession();
  for (const f of MIX) session.addFile(path.basename(f), await readFile(f));
  const acks = session.acknowledgments();
  session.close();
  assert.ok(acks && acks.rejections.length >= 3, 'the core finds the rejections of the mix');
  for (const [viewport, width] of [[DESKTOP, 1366], [NARROW, 390]]) {
    const { page, context, outside, problems } = await openPage(viewport);
    assert.equal(await page.locator('#tab-rejections').isHidden(), true, 'no Rejections tab before acknowledgments are read');
    await page.click('#sample');
    await waitStatus(page, /Read 1 file/);
    assert.equal(await page.locator('#tab-rejections').isHidden(), true, 'no Rejections tab for 835s alone');
    assert.equal(await page.locator('#summary-rejections').count(), 0, 'no rejections line for 835s alone');
    await page.click('#clear');
    await page.locator('#file').setInputFiles(MIX);
    await waitStatus(page, /Read 4 files/);
    assert.match(await page.locator('#status').textContent(), new RegExp(`${acks.summary.rejections_to_work} rejections to fix and resend`));
    // Each file says its kind.
    const kinds = await page.locator('#files-list .dx-file-status').evaluateAll((nodes) => nodes.map((n) => [n.querySelector('.dx-file-status__name').textContent, n.querySelector('.dx-file-kind')?.textContent]));
    assert.deepEqual(Object.fromEntries(kinds), { '01_claims_batch.999': '999', '02_first_answer.277ca': '277CA', '03_resubmission_answer.277ca': '277CA', '04_remit.835': '835' });
    // The summary names rejections beside denials.
    assert.match(await page.locator('#summary-rejections').textContent(), new RegExp(`${acks.summary.rejections_to_work} rejections to fix and resend beside`));
    await assertAxe(page, `summary of the mix at ${width}`);
    assert.equal((await page.locator('#count-rejections').textContent()).trim(), formatCount(acks.summary.rejections_to_work));
    await showTab(page, 'rejections');
    const worklist = page.locator('#rejections-worklist');
    assert.equal(await worklist.locator('.rejection').count(), acks.rejections.length);
    // MIX-B2: rejected on the first 277CA, never seen again; its status with the official text and our guidance.
    const b2 = worklist.locator('.rejection[data-pcn="MIX-B2"]');
    assert.equal(await b2.getAttribute('data-kind'), 'rejected_not_resubmitted');
    const b2text = await b2.textContent();
    assert.match(b2text, /Rejected, not resubmitted/);
    assert.match(b2text, /A7:164:IL/);
    assert.match(b2text, /2010BA/);
    assert.match(b2text, /new claim/i);
    // MIX-C3: its 837 set was rejected by the 999: the error located (segment, position, element, bad value).
    const c3 = worklist.locator('.rejection[data-pcn="MIX-C3"]');
    assert.equal(await c3.getAttribute('data-kind'), 'rejected_not_resubmitted');
    assert.match(await c3.textContent(), /NM1 at 28/);
    assert.match(await c3.textContent(), /12345/);
    // MIX-A1: rejected, resubmitted, accepted, paid: its history across the files, in date order.
    const a1 = page.locator('#rejections-history .rejection[data-pcn="MIX-A1"]');
    const events = await a1.locator('.timeline__event').evaluateAll((nodes) => nodes.map((n) => n.querySelector('.timeline__date').textContent));
    const history = acks.claim_history.find((x) => x.patient_control_number === 'MIX-A1');
    assert.deepEqual(events, history.events.map((e) => (e.date ? `${e.date.slice(0, 4)}-${e.date.slice(4, 6)}-${e.date.slice(6, 8)}` : 'no date')));
    assert.ok(history.events.some((e) => e.kind === '835'), 'MIX-A1 is on the remit');
    assert.match(await a1.textContent(), /04_remit\.835/);
    assert.match(await a1.textContent(), /02_first_answer\.277ca/);
    // The rejected 999 sets, their errors located.
    const sets = page.locator('#rejections-sets .rejection');
    assert.equal(await sets.count(), acks.summary.rejected_sets);
    assert.match(await page.locator('#rejections-sets').textContent(), /SV1/);
    // File text is shown as text: the mask hides patient control numbers here too.
    await assertAxe(page, `rejections at ${width}`);
    await screenshot(page, `page-rejections-${width}`);
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    const wide = await page.evaluate(() => [...document.querySelectorAll('body *')].filter((n) => !n.closest('thead, .visually-hidden') && n.getBoundingClientRect().right > document.documentElement.clientWidth + 1).slice(0, 8).map((n) => `${n.tagName}.${n.className}#${n.id}:${Math.round(n.getBoundingClientRect().right)}`));
    assert.ok(overflow <= 1, `rejections overflow horizontally by ${overflow}px at ${width}: ${wide.join(', ')}`);
    await page.check('#mask');
    await page.waitForFunction(() => !document.querySelector('#rejections-body[aria-busy]') && !document.querySelector('#rejections-body').textContent.includes('MIX-B2'));
    assert.deepEqual(outside, [], 'no request left the origin');
    assert.deepEqual(problems, []);
    await context.close();
  }
});

test('accessibility (axe: no serious or critical issue) and screenshots of every view at 1366 and 390', async () => {
  for (const [viewport, width] of [[DESKTOP, 1366], [NARROW, 390]]) {
    const { page, context } = await openPage(viewport);
    await screenshot(page, `page-empty-${width}`);
    await assertAxe(page, `empty page at ${width}`);
    await page.click('#sample');
    await waitStatus(page, /Read 1 file/);
    await screenshot(page, `page-summary-${width}`);
    await assertAxe(page, `summary at ${width}`);
    for (const view of ['worklist', 'claims']) {
      await showTab(page, view);
      await screenshot(page, `page-${view}-${width}`);
      await assertAxe(page, `${view} at ${width}`);
    }
    await showTab(page, 'worklist');
    await page.locator('#worklist-body button.dx-link').first().click();
    await page.waitForSelector('.dx-claim');
    await screenshot(page, `page-claim-${width}`);
    await assertAxe(page, `claim at ${width}`);
    await showTab(page, 'lookup');
    await page.fill('#lookup-input', 'CO-197');
    await page.press('#lookup-input', 'Enter');
    await page.waitForSelector('.dx-lookup');
    await screenshot(page, `page-lookup-${width}`);
    await assertAxe(page, `lookup at ${width}`);
    // No horizontal overflow of the page itself.
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    assert.ok(overflow <= 1, `page overflows horizontally by ${overflow}px at ${width}`);
    await context.close();
  }
});

test('print style shows only the active view', async () => {
  const { page, context } = await openPage();
  await page.click('#sample');
  await waitStatus(page, /Read 1 file/);
  await showTab(page, 'worklist');
  await page.emulateMedia({ media: 'print' });
  const visible = await page.evaluate(() => ['.topbar', '.intake', '.tabs', '#panel-worklist', '#panel-summary']
    .map((sel) => getComputedStyle(document.querySelector(sel)).display !== 'none'));
  assert.deepEqual(visible, [false, false, false, true, false]);
  await screenshot(page, 'page-print-worklist');
  await context.close();
});
