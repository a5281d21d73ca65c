// Browser tests of "Keep on this device" (the local library, docs/library.md): opt in, read,
// reload: the kept files are listed and Trends are the same; remove one and remove all;
// export, then import in a fresh browser profile to the same totals; a file dropped again or
// retransmitted is kept once; the store, read directly, holds no patient name, member ID or
// account number in trends-only mode (and does in full mode); storage that is unavailable or
// full gives a plain message and the page works on. Screenshots at 1366 and 390.
// Run: cmake --build build-wasm && node --test tests/web/library.spec.mjs
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync, mkdirSync, copyFileSync } from 'node:fs';
import path from 'node:path';
import AxeBuilder from '@axe-core/playwright';
import { servedBrowser, guardedContext, DIST, REPO, ARTIFACTS, DESKTOP, NARROW } from './harness.mjs';

const SAMPLES = path.join(REPO, 'tests/data/samples/era');
const FIXTURES = path.join(REPO, 'tests/data');
const SAMPLE_FILES = readdirSync(SAMPLES).sort().map((f) => path.join(SAMPLES, f));
const SHOTS = process.env.DENIAL_LIBRARY_SHOTS;   // optional extra copy of the screenshots

let server;
let browser;
let engine;   // the wasm engine in Node: what the input files hold

servedBrowser((s, b) => { server = s; browser = b; });

before(async () => {
  const { createDenialExplainer } = await import(path.join(DIST, 'denial-api.js'));
  engine = await createDenialExplainer();
});


/** A screenshot of what is on screen (the dialog is modal: a full-page shot hides it). */
async function shot(page, name) {
  mkdirSync(ARTIFACTS, { recursive: true });
  const file = path.join(ARTIFACTS, `${name}.png`);
  await page.screenshot({ path: file });
  if (SHOTS) {
    mkdirSync(SHOTS, { recursive: true });
    copyFileSync(file, path.join(SHOTS, `${name}.png`));
  }
}

async function newContext(viewport = DESKTOP) {
  const { context, outside } = await guardedContext(browser, server.origin, { viewport, acceptDownloads: true });
  return { context, outside };
}

async function openPage(context, { init } = {}) {
  const page = await context.newPage();
  const problems = [];
  page.on('pageerror', (e) => problems.push(`pageerror: ${e.message}`));
  page.on('console', (m) => { if (m.type() === 'error' && /Content Security Policy|Refused/.test(m.text())) problems.push(m.text()); });
  page.on('dialog', (d) => d.accept());   // the confirm() of Remove all / turning off
  if (init) await page.addInitScript(init);
  await page.goto(`${server.origin}/`);
  await page.waitForSelector('body[data-engine="ready"]', { timeout: 15000 });
  return { page, problems };
}

/** Waits until no batch runs and the status line changed from `before`. */
async function settled(page, before) {
  await page.waitForFunction((b) => !document.body.classList.contains('is-busy') && document.getElementById('status').textContent !== b
    && /^(Read|Already|Removed|Imported)/.test(document.getElementById('status').textContent), before, { timeout: 60000 });
  await page.waitForFunction(() => !document.body.classList.contains('is-busy'));
}

async function dropFiles(page, files) {
  const before = await page.locator('#status').textContent();
  const list = files.map((f) => (typeof f === 'string' ? { name: path.basename(f), text: readFileSync(f, 'latin1') } : f));
  const dataTransfer = await page.evaluateHandle((items) => {
    const dt = new DataTransfer();
    for (const f of items) dt.items.add(new File([f.text], f.name, { type: 'text/plain' }));
    return dt;
  }, list);
  await page.locator('#drop').dispatchEvent('drop', { dataTransfer });
  await settled(page, before);
}

async function turnOn(page) {
  await page.locator('#keep').check({ force: true });
  await page.waitForSelector('#library-open:not([hidden])');
}

/** Reads the library's IndexedDB store directly: every record with its data as text. */
function readStore(page) {
  return page.evaluate(async () => {
    const db = await new Promise((resolve, reject) => {
      const r = indexedDB.open('denial-explainer-library');
      r.onsuccess = () => resolve(r.result);
      r.onerror = () => reject(r.error);
    });
    if (!db.objectStoreNames.contains('files')) return [];
    const records = await new Promise((resolve, reject) => {
      const r = db.transaction('files').objectStore('files').getAll();
      r.onsuccess = () => resolve(r.result);
      r.onerror = () => reject(r.error);
    });
    db.close();
    return Promise.all(records.map(async (r) => ({ ...r, data: await r.data.text() })));
  });
}

/** The Trends view's payer table total row (claims, billed, paid, denied...), as shown. */
async function trendsTotals(page) {
  await page.click('#tab-trends');
  await page.waitForSelector('#panel-trends:not([hidden]) #payer-table');
  return page.locator('#payer-table tfoot td').allTextContents();
}

async function claimsCount(page) {
  return (await page.locator('#count-claims').textContent()).trim();
}

async function openLibrary(page) {
  await page.click('#library-open');
  await page.waitForSelector('#library[open] #library-usage:not(:empty)');
}

/** Calls visit(key, value, owner) for every string in a JSON value. */
function walk(node, visit, key = '', owner = null) {
  if (typeof node === 'string') visit(key, node, owner);
  else if (Array.isArray(node)) for (const x of node) walk(x, visit, key, owner);
  else if (node && typeof node === 'object') for (const [k, v] of Object.entries(node)) walk(v, visit, k, node);
}

/**
 * What the input files hold that identifies a patient, from the engine's report: patient and
 * insured names and IDs, account numbers and payer claim numbers (4 characters or more). A
 * value the files also hold elsewhere (a trace number equal to a claim number, a provider
 * named like a patient) is not counted: a trends-only copy keeps that other field.
 */
function identifiersIn(files) {
  const s = engine.openSession();
  for (const f of files) s.addFile(path.basename(f), readFileSync(f));
  const report = JSON.parse(s.reportJson());
  s.close();
  const secrets = new Set();
  const others = new Set();
  walk(report, (key, value, owner) => {
    const person = ['QC', 'IL', '74', 'GB'].includes(owner?.entity) && ['last', 'first', 'middle', 'id'].includes(key);
    if (person || ['patient_control_number', 'payer_claim_number'].includes(key)) {
      if (value.length >= 4) secrets.add(value);
    } else if (key !== 'patient_name') {   // "LAST, FIRST": its parts are counted above
      others.add(value);
    }
  });
  return [...secrets].filter((v) => !others.has(v));
}

/** Every element and component value of a stored X12 text (its delimiters from ISA). */
function elementsOf(text) {
  const at = text.indexOf('ISA');
  let seps = ['*', ':', '~'];
  if (at >= 0) {
    // ISA16 (after the 16th element separator) is the component separator; the terminator follows.
    const element = text[at + 3];
    let p = at;
    for (let i = 0; i < 16 && p >= 0; i++) p = text.indexOf(element, p + 1);
    if (p >= 0) seps = [element, text[p + 1], text[p + 2]];
  }
  const escape = (c) => c.replace(/[\\\]^$.|?*+()[{}-]/g, '\\$&');
  return new Set(text.split(new RegExp(`[${[...seps, '\r', '\n'].map(escape).join('')}]`)).map((v) => v.trim()));
}

function retransmitted(text) {
  // The same payment sent again: new interchange and group control numbers, same body.
  return text.replaceAll('000000101', '000000202').replace('*101*X*', '*202*X*').replace('GE*1*101', 'GE*1*202');
}

test('opt in, read, reload: the kept files are listed and Trends are the same', async () => {
  const { context, outside } = await newContext();
  const { page, problems } = await openPage(context);
  assert.equal(await page.locator('#keep').isChecked(), false, 'off by default');
  await turnOn(page);
  await dropFiles(page, SAMPLE_FILES);
  const before = await trendsTotals(page);
  const claims = await claimsCount(page);
  const stored = await readStore(page);
  assert.ok(stored.length >= 30, `${stored.length} files kept`);
  assert.ok(stored.every((r) => r.mode === 'trends'));
  assert.match(await page.locator('#library-open').textContent(), new RegExp(`\\(${stored.length}\\)`));

  await page.reload();
  await page.waitForSelector('body[data-engine="ready"]');
  await page.waitForFunction(() => /^Read \d+ files/.test(document.getElementById('status').textContent) && !document.body.classList.contains('is-busy'), null, { timeout: 60000 });
  assert.equal(await page.locator('#keep').isChecked(), true, 'the choice is remembered');
  assert.equal(await claimsCount(page), claims);
  assert.deepEqual(await trendsTotals(page), before);
  await openLibrary(page);
  assert.equal(await page.locator('#library-table tbody tr').count(), stored.length);
  const first = page.locator('#library-table tbody tr').first();
  assert.ok((await first.locator('td').nth(1).textContent()).trim().length > 1, 'payer listed');
  assert.match(await first.locator('td').nth(2).textContent(), /^\d{4}-\d{2}-\d{2}$/);
  assert.match(await first.locator('td').nth(4).textContent(), /Trends only/);
  assert.deepEqual(outside, []);
  assert.deepEqual(problems, []);
  await context.close();
});

test('trends only: the store holds no patient name, member ID or account number; full claims does', async () => {
  const secrets = identifiersIn(SAMPLE_FILES);
  assert.ok(secrets.length > 200, `${secrets.length} identifiers in the input`);
  const { context } = await newContext();
  const { page } = await openPage(context);
  await turnOn(page);
  await dropFiles(page, SAMPLE_FILES);
  const trends = await readStore(page);
  assert.ok(trends.length >= 30);
  const values = new Set(trends.flatMap((r) => [...elementsOf(r.data), r.name, r.payer]));
  const found = secrets.filter((v) => values.has(v));
  assert.deepEqual(found, [], 'patient identifiers in the trends-only store');
  // The page still explains the kept copies (names are simply not there).
  assert.ok(trends.every((r) => r.data.includes('ST*835') || r.data.includes('ST|835') || /ST.835/.test(r.data)));
  await context.close();

  const full = await newContext();
  const { page: page2 } = await openPage(full.context);
  await turnOn(page2);
  await openLibrary(page2);
  await page2.check('#library-mode-full');
  await page2.click('#library-close');
  await dropFiles(page2, SAMPLE_FILES);
  const kept = await readStore(page2);
  assert.ok(kept.every((r) => r.mode === 'full'));
  const fullValues = new Set(kept.flatMap((r) => [...elementsOf(r.data)]));
  const present = secrets.filter((v) => fullValues.has(v));
  assert.ok(present.length > secrets.length * 0.9, `full claims keep the identifiers (${present.length} of ${secrets.length})`);
  await full.context.close();
});

test('remove one: its totals leave the view and the store; remove all empties both', async () => {
  const { context } = await newContext();
  const { page } = await openPage(context);
  await turnOn(page);
  const a = path.join(FIXTURES, 'denied_claim.835');
  const b = path.join(FIXTURES, 'reversal.835');
  await dropFiles(page, [a]);
  const claimsA = await claimsCount(page);
  await dropFiles(page, [b]);
  const both = await claimsCount(page);
  assert.ok(Number(both) > Number(claimsA));
  assert.equal((await readStore(page)).length, 2);

  await openLibrary(page);
  const before = await page.locator('#status').textContent();
  await page.click('#library-table tr:has-text("reversal.835") button');
  await settled(page, before);
  assert.equal(await claimsCount(page), claimsA);
  const left = await readStore(page);
  assert.deepEqual(left.map((r) => r.name), ['denied_claim.835']);
  assert.equal(await page.locator('#library-table tbody tr').count(), 1);
  await page.click('#library-close');
  await page.reload();
  await page.waitForFunction(() => /^Read 1 file/.test(document.getElementById('status').textContent), null, { timeout: 30000 });
  assert.equal(await claimsCount(page), claimsA);

  await openLibrary(page);
  await page.click('#library-clear');
  await page.waitForFunction(() => /^Removed all/.test(document.getElementById('status').textContent));
  await page.waitForFunction(() => !document.body.classList.contains('has-data'));
  assert.deepEqual(await readStore(page), []);
  assert.equal(await page.locator('#library-table').count(), 0);
  await page.click('#library-close');
  await page.reload();
  await page.waitForSelector('body[data-engine="ready"]');
  await page.waitForTimeout(500);
  assert.equal(await claimsCount(page), '');
  await context.close();
});

test('Clear all clears the view only: the kept files stay and can be read again from the list', async () => {
  const { context } = await newContext();
  const { page } = await openPage(context);
  await turnOn(page);
  await dropFiles(page, [path.join(FIXTURES, 'denied_claim.835'), path.join(FIXTURES, 'reversal.835')]);
  const claims = await claimsCount(page);
  await page.click('#clear');
  await page.waitForFunction(() => /^Cleared from this view\. The 2 files kept on this device stay/.test(document.getElementById('status').textContent));
  assert.equal(await claimsCount(page), '');
  assert.equal((await readStore(page)).length, 2);
  await openLibrary(page);
  await page.waitForSelector('#library-read:not([hidden])');
  const before = await page.locator('#status').textContent();
  await page.click('#library-read');
  await settled(page, before);
  assert.equal(await claimsCount(page), claims);
  await page.click('#library-open');
  await page.waitForSelector('#library[open] #library-read[hidden]', { state: 'attached' });
  await context.close();
});

test('export as one file, import in a fresh browser profile: the same files and totals', async () => {
  const files = SAMPLE_FILES.slice(0, 12);
  const one = await newContext();
  const { page } = await openPage(one.context);
  await turnOn(page);
  await dropFiles(page, files);
  const totals = await trendsTotals(page);
  const claims = await claimsCount(page);
  const kept = await readStore(page);
  await openLibrary(page);
  const [download] = await Promise.all([page.waitForEvent('download'), page.click('#library-export')]);
  assert.match(download.suggestedFilename(), /^denial-library-\d{8}-\d{4}\.json$/);
  const saved = path.join(process.env.TMPDIR ?? '/tmp', `library-export-${process.pid}.json`);
  await download.saveAs(saved);
  const doc = JSON.parse(readFileSync(saved, 'utf8'));
  assert.equal(doc.format, 'denial-explainer-library');
  assert.equal(doc.files.length, kept.length);
  await one.context.close();

  const two = await newContext();
  const { page: fresh, problems } = await openPage(two.context);
  await turnOn(fresh);
  await openLibrary(fresh);
  const before = await fresh.locator('#status').textContent();
  await fresh.setInputFiles('#library-import-file', saved);
  await settled(fresh, before);
  await fresh.waitForFunction(() => /^Imported/.test(document.getElementById('status').textContent), null, { timeout: 60000 });
  assert.match(await fresh.locator('#status').textContent(), new RegExp(`^Imported ${kept.length} files`));
  assert.equal(await claimsCount(fresh), claims);
  assert.deepEqual(await trendsTotals(fresh), totals);
  const imported = await readStore(fresh);
  assert.deepEqual(imported.map((r) => r.hash).sort(), kept.map((r) => r.hash).sort());
  assert.deepEqual(imported.map((r) => r.data).sort(), kept.map((r) => r.data).sort());
  // Importing again adds nothing.
  await openLibrary(fresh);
  const again = await fresh.locator('#status').textContent();
  await fresh.setInputFiles('#library-import-file', saved);
  await fresh.waitForFunction((b) => document.getElementById('status').textContent !== b, again);
  assert.match(await fresh.locator('#status').textContent(), new RegExp(`^Imported 0 files .*${kept.length} files already kept`));
  assert.equal((await readStore(fresh)).length, kept.length);
  assert.deepEqual(problems, []);
  await two.context.close();
});

test('a file dropped again or retransmitted is kept once, also after a reload (against its trends-only copy)', async () => {
  const { context } = await newContext();
  const { page } = await openPage(context);
  await turnOn(page);
  const text = readFileSync(path.join(FIXTURES, 'denied_claim.835'), 'latin1');
  await dropFiles(page, [{ name: 'week.835', text }]);
  const claims = await claimsCount(page);
  await dropFiles(page, [{ name: 'week-again.835', text }]);
  assert.match(await page.locator('#status').textContent(), /^Already read: week-again\.835/);
  assert.equal(await claimsCount(page), claims);
  await dropFiles(page, [{ name: 'week-resent.835', text: retransmitted(text) }]);
  assert.match(await page.locator('#library-note').textContent(), /Not kept again: week-resent\.835/);
  assert.equal((await readStore(page)).length, 1);

  await page.reload();
  await page.waitForFunction(() => /^Read 1 file/.test(document.getElementById('status').textContent), null, { timeout: 30000 });
  await dropFiles(page, [{ name: 'week-third-time.835', text }]);
  assert.match(await page.locator('#status').textContent(), /^Already read/);
  await dropFiles(page, [{ name: 'week-resent.835', text: retransmitted(text) }]);
  assert.match(await page.locator('#library-note').textContent(), /Not kept again/);
  assert.equal((await readStore(page)).length, 1);
  // The engine counts the payment once: the claims total is unchanged and the summary says so.
  assert.equal(await claimsCount(page), claims);
  await page.click('#tab-summary');
  await page.waitForSelector('.notice--warn');
  assert.match(await page.locator('.notice--warn').first().textContent(), /retransmitted payment/);
  await context.close();
});

test('storage unavailable: a plain message, nothing kept, the page works', async () => {
  const blocked = () => {
    IDBFactory.prototype.open = function open() { throw new DOMException('The user denied permission to access the database.', 'SecurityError'); };
  };
  const { context, outside } = await newContext();
  const { page, problems } = await openPage(context, { init: blocked });
  await page.locator('#keep').click({ force: true });
  await page.waitForSelector('#library-note:not([hidden])');
  assert.match(await page.locator('#library-note').textContent(), /does not let the page keep files/);
  assert.equal(await page.locator('#keep').isChecked(), false);
  await dropFiles(page, [path.join(FIXTURES, 'denied_claim.835')]);
  assert.equal(await claimsCount(page), '2');
  // Chosen earlier (in a window where it worked): the page opens, says so, and works.
  await page.evaluate(() => localStorage.setItem('denial-explainer.library', JSON.stringify({ on: true, mode: 'trends' })));
  await page.reload();
  await page.waitForSelector('body[data-engine="ready"]');
  await page.waitForSelector('#library-note:not([hidden])');
  assert.match(await page.locator('#library-note').textContent(), /does not let the page keep files/);
  await dropFiles(page, [path.join(FIXTURES, 'denied_claim.835')]);
  assert.equal(await claimsCount(page), '2');
  assert.deepEqual(outside, []);
  assert.deepEqual(problems, []);
  await context.close();
});

test('storage full: a plain message, the page works', async () => {
  const full = () => {
    IDBObjectStore.prototype.put = function put() { throw new DOMException('The quota has been exceeded.', 'QuotaExceededError'); };
  };
  const { context } = await newContext();
  const { page, problems } = await openPage(context, { init: full });
  await turnOn(page);
  await dropFiles(page, [path.join(FIXTURES, 'denied_claim.835'), path.join(FIXTURES, 'reversal.835')]);
  assert.match(await page.locator('#library-note').textContent(), /storage for this page is full/);
  assert.ok(Number(await claimsCount(page)) > 2);
  assert.equal(await page.locator('#keep').isChecked(), true);
  assert.deepEqual(problems, []);
  await context.close();
});

test('Kept on this device: axe clean, screenshots at 1366 and 390 (no overflow)', async () => {
  for (const [viewport, width] of [[DESKTOP, 1366], [NARROW, 390]]) {
    const { context } = await newContext(viewport);
    const { page } = await openPage(context);
    await turnOn(page);
    await dropFiles(page, SAMPLE_FILES.slice(0, 14));
    await shot(page, `page-library-note-${width}`);
    await openLibrary(page);
    const result = await new AxeBuilder({ page }).include('#library').analyze();
    const bad = result.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
    assert.deepEqual(bad.map((v) => `${v.id}: ${v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join(' | ')}`), [], `axe at ${width}`);
    // The dialog itself (the Summary behind it has its own tests).
    const overflow = await page.evaluate(() => {
      const d = document.getElementById('library');
      const list = document.getElementById('library-list');
      return Math.max(d.scrollWidth - d.clientWidth, list.scrollWidth - list.clientWidth, d.getBoundingClientRect().right - window.innerWidth);
    });
    assert.ok(overflow <= 1, `overflows by ${overflow}px at ${width}`);
    await shot(page, `page-library-${width}`);
    await context.close();
  }
});
