// Browser tests of the patient explanation in the page's claim detail (docs/patient-explanation.md):
// the letter shows the engine's money (checked against the native CLI's report, or the wasm API in
// Node when the CLI was not built), its Print button prints the letter alone (print media shows
// nothing else), and the narrow view does not overflow. Screenshots go to test-artifacts/.
// Run: cmake --build build-wasm && node --test tests/web/patient.spec.mjs
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import AxeBuilder from '@axe-core/playwright';
import { servedBrowser, guardedContext, screenshot, DIST, REPO, DESKTOP, NARROW } from './harness.mjs';
import { formatMoney } from '../../web/shared/render.js';

const CLI = path.resolve(REPO, process.env.DENIAL_CLI ?? 'build/core/cli/denial-explainer');
const SAMPLE = path.join(DIST, 'sample.835');
const AS_OF = '2026-12-07';

let server;
let browser;

servedBrowser((s, b) => { server = s; browser = b; });

/** The report for `file` as of AS_OF: native CLI if built, else the wasm API in Node. */
async function reference(file) {
  if (existsSync(CLI)) {
    const run = spawnSync(CLI, ['explain', file, '--format', 'json', '--inline-texts', '--as-of', AS_OF], { maxBuffer: 64 * 1024 * 1024, encoding: 'utf8' });
    assert.ok(run.status !== null && run.status <= 2, `CLI failed: ${run.stderr}`);
    return JSON.parse(run.stdout);
  }
  const { createDenialExplainer } = await import(pathToFileURL(path.join(DIST, 'denial-api.js')).href);
  const engine = await createDenialExplainer();
  const session = engine.openSession({ asOf: AS_OF });
  session.addFile(path.basename(file), await readFile(file));
  const report = JSON.parse(session.reportJson({ inlineTexts: true }));
  session.close();
  return report;
}

/** A page in a guarded context, deadlines judged (and letters dated) as of AS_OF. */
async function openPage(viewport) {
  const { context, outside } = await guardedContext(browser, server.origin, { viewport });
  await context.addInitScript((value) => {
    if (!sessionStorage.getItem('dx-test-seeded')) {
      localStorage.setItem('denial-explainer.deadlines', value);
      sessionStorage.setItem('dx-test-seeded', '1');
    }
  }, JSON.stringify({ asOf: AS_OF }));
  const page = await context.newPage();
  const problems = [];
  page.on('pageerror', (e) => problems.push(`pageerror: ${e.message}`));
  page.on('console', (m) => { if (m.type() === 'error') problems.push(`console: ${m.text()}`); });
  await page.goto(`${server.origin}/`);
  await page.waitForSelector('body[data-engine="ready"]', { timeout: 15000 });
  await page.click('#sample');
  await page.waitForFunction(() => /Read 1 file/.test(document.getElementById('status').textContent), null, { timeout: 20000 });
  return { page, context, outside, problems };
}

async function openClaim(page, pcn) {
  await page.click('#tab-claims');
  await page.waitForFunction(() => !document.querySelector('#claims-body[aria-busy]') && document.querySelector('#claims-body').children.length > 0);
  await page.locator('#claims-body tr', { hasText: pcn }).first().locator('button.dx-link').click();
  await page.waitForSelector('.dx-claim');
  await page.waitForFunction((p) => document.querySelector('.dx-claim__pcn')?.textContent.includes(p), pcn);
}

function claimOf(report, pcn) {
  for (const t of report.transactions) for (const c of t.claims) if (c.patient_control_number === pcn && c.status !== '22') return c;
  throw new Error(`no claim ${pcn}`);
}

async function assertAxe(page, label) {
  const result = await new AxeBuilder({ page }).analyze();
  const bad = result.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  assert.deepEqual(bad.map((v) => `${v.id} (${v.impact}): ${v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join(' | ')}`), [], `axe on ${label}`);
}

test('patient explanation: the claim detail shows the letter with the engine\'s money, office checks apart, and none where the patient owes nothing', async () => {
  const { page, context, outside, problems } = await openPage(DESKTOP);
  const report = await reference(SAMPLE);
  const claim = claimOf(report, 'RFM10232');
  const p = claim.patient_explanation;
  assert.ok(p, 'the sample deductible claim has a patient explanation');
  assert.equal(p.owed, claim.money.patient, 'owed is the engine\'s patient bucket');
  await openClaim(page, 'RFM10232');
  const section = page.locator('.dx-patient-explanation');
  assert.equal(await section.count(), 1);
  assert.equal(await section.locator('.dx-section__title').textContent(), 'Patient explanation');
  const letter = section.locator('.dx-patient-letter');
  assert.equal(await letter.getAttribute('data-owed'), p.owed);
  for (const [id, amount] of [['billed', p.billed], ['plan_paid', p.plan_paid], ['owed', p.owed]]) {
    const row = letter.locator(`tr[data-money="${id}"]`);
    assert.equal((await row.locator('th').textContent()).trim(), p.labels[id]);
    assert.equal((await row.locator('td').textContent()).trim(), formatMoney(amount), `${id} on the page vs the report`);
  }
  // The claim's own cards show the same money the letter is built from.
  assert.equal((await page.locator('.dx-cards--claim .dx-card', { hasText: 'Charged' }).locator('.dx-card__value').textContent()).trim(), formatMoney(claim.charge));
  const shares = letter.locator('.dx-patient-letter__share');
  assert.equal(await shares.count(), p.shares.length);
  for (let i = 0; i < p.shares.length; ++i) {
    const text = await shares.nth(i).textContent();
    assert.ok(text.includes(p.shares[i].label) && text.includes(formatMoney(p.shares[i].amount)) && text.includes(p.shares[i].text), text);
  }
  assert.match(await letter.textContent(), /If you do not agree/);
  assert.match(await letter.textContent(), /\[OFFICE PHONE\]/);
  // Office checks are on screen, outside the letter.
  const checks = section.locator('.dx-patient-explanation__checks li');
  assert.equal(await checks.count(), p.office_checks.length);
  for (const check of p.office_checks) assert.ok(!(await letter.textContent()).includes(check), `office check in the letter: ${check}`);
  assert.equal(await section.locator('button.dx-patient-explanation__print').count(), 1);
  await assertAxe(page, 'claim detail with a patient explanation');
  // A denied claim with nothing for the patient: no section.
  const denied = claimOf(report, 'RFM10233');
  assert.equal(denied.patient_explanation, undefined, 'absent, not null');
  await openClaim(page, 'RFM10233');
  assert.equal(await page.locator('.dx-patient-explanation').count(), 0);
  assert.deepEqual(outside, []);
  assert.deepEqual(problems, []);
  await context.close();
});

test('patient explanation: Print prints the letter alone (print media hides everything else); screenshots at 1366 and 390 px', async () => {
  const { page, context, problems } = await openPage(DESKTOP);
  const report = await reference(SAMPLE);
  const p = claimOf(report, 'RFM10232').patient_explanation;
  await openClaim(page, 'RFM10232');
  // The dialog itself cannot be driven headless: count the calls instead.
  await page.evaluate(() => { window.printCalls = 0; window.print = () => { window.printCalls += 1; }; });
  await page.click('.dx-patient-explanation__print');
  assert.equal(await page.evaluate(() => window.printCalls), 1);
  assert.equal(await page.locator('body > dx-print-host').count(), 1);
  // On screen the copy is hidden; on paper only it shows.
  assert.equal(await page.evaluate(() => getComputedStyle(document.querySelector('body > dx-print-host')).display), 'none');
  await page.emulateMedia({ media: 'print' });
  const shown = await page.evaluate(() => [...document.body.children].filter((n) => getComputedStyle(n).display !== 'none').map((n) => n.localName));
  assert.deepEqual(shown, ['dx-print-host']);
  const printed = await page.evaluate(() => document.querySelector('body > dx-print-host').shadowRoot.textContent);
  assert.ok(printed.includes(formatMoney(p.owed)) && printed.includes(p.patient_name) && printed.includes(p.labels.owed), printed);
  for (const check of p.office_checks) assert.ok(!printed.includes(check), `office check printed: ${check}`);
  assert.ok(!printed.includes('Patient explanation') && !printed.includes('Before you send it'), 'only the letter is printed');
  await screenshot(page, 'patient-letter-print-1366');
  // After printing the copy goes away and the page prints as before.
  await page.evaluate(() => window.dispatchEvent(new Event('afterprint')));
  assert.equal(await page.locator('body > dx-print-host').count(), 0);
  await page.emulateMedia({ media: 'screen' });
  await page.locator('.dx-patient-explanation').scrollIntoViewIfNeeded();
  await screenshot(page, 'patient-claim-detail-1366');
  assert.deepEqual(problems, []);
  await context.close();

  const narrow = await openPage(NARROW);
  await openClaim(narrow.page, 'RFM10232');
  const overflow = await narrow.page.evaluate(() => {
    const letter = document.querySelector('.dx-patient-letter');
    return { page: document.documentElement.scrollWidth - document.documentElement.clientWidth, letter: letter.scrollWidth - letter.clientWidth };
  });
  assert.deepEqual(overflow, { page: 0, letter: 0 }, 'no horizontal overflow at 390 px');
  await assertAxe(narrow.page, 'claim detail with a patient explanation at 390 px');
  await screenshot(narrow.page, 'patient-claim-detail-390');
  assert.deepEqual(narrow.problems, []);
  await narrow.context.close();
});
