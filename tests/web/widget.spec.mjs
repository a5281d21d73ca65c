// The embeddable elements in real Chromium: <denial-explainer> and <denial-code> inside the
// example portal (hostile CSS, strict CSP as a header and a meta tag), compared with the native
// CLI, with every request checked against the test origin.
// Run: node --test tests/web/widget.spec.mjs   (needs build/ and build-wasm/dist)
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { serve, launch, guardedContext, screenshot, DIST, REPO, DESKTOP, NARROW } from './harness.mjs';

const CLI = process.env.DENIAL_CLI ?? path.join(REPO, 'build/core/cli/denial-explainer');
const FIXTURES = path.join(REPO, 'tests/data');
const SAMPLES = path.join(REPO, 'tests/data/samples/era');
// The policy a strict billing portal sends as a header. Unlike the portal's <meta> CSP, a header
// also applies to the worker, where Emscripten's embind must then run without eval.
const CSP = "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'; img-src 'self' data:; " +
  "worker-src 'self'; connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'none'";

let server;       // the portal's CSP is its <meta> tag
let strictServer; // the same CSP as a header on every response, the worker included
let browser;

before(async () => {
  for (const f of ['example-portal.html', 'denial-explainer.js', 'denial-core.wasm']) {
    assert.ok(existsSync(path.join(DIST, f)), `${f} missing from ${DIST}: run cmake --build build-wasm`);
  }
  server = await serve(DIST);
  strictServer = await serve(DIST, { 'Content-Security-Policy': CSP });
  browser = await launch();
});

after(async () => {
  await browser?.close();
  await server?.close();
  await strictServer?.close();
});

function cliReport(file, { inlineTexts = false } = {}) {
  assert.ok(existsSync(CLI), `native CLI missing at ${CLI} (set DENIAL_CLI or build build/)`);
  let out;
  try {
    out = execFileSync(CLI, ['explain', file, '--format', 'json', ...(inlineTexts ? ['--inline-texts'] : [])], { maxBuffer: 256 << 20 });
  } catch (error) {
    out = error.stdout; // exit 1 = read with errors: the report is still written
  }
  return JSON.parse(out.toString('utf8'));
}

/** A guarded page on the portal; collects page errors, console errors and CSP violations. */
async function openPortal(options = {}, srv = server) {
  const { context, outside } = await guardedContext(browser, srv.origin, { viewport: DESKTOP, ...options });
  await context.addInitScript(() => {
    window.__violations = [];
    document.addEventListener('securitypolicyviolation', (e) => window.__violations.push(`${e.violatedDirective} ${e.blockedURI}`));
  });
  const page = await context.newPage();
  const problems = [];
  const requests = [];
  page.on('pageerror', (e) => problems.push(`pageerror: ${e.message}`));
  page.on('console', (m) => { if (m.type() === 'error') problems.push(`console: ${m.text()}`); });
  context.on('request', (r) => requests.push(r.url()));
  await page.goto(`${srv.origin}/example-portal.html`);
  await page.waitForFunction(() => customElements.get('denial-explainer') && customElements.get('denial-code'));
  const done = async () => {
    const violations = await page.evaluate(() => window.__violations).catch(() => []);
    await context.close();
    assert.deepEqual(outside, [], 'requests left the test origin');
    assert.deepEqual(violations, [], 'CSP violations');
    assert.deepEqual(problems, [], 'page errors');
  };
  return { page, context, outside, requests, problems, done };
}

/** Explains a file (bytes from Node) in the widget `selector`; returns {summary, event}. */
async function explainIn(page, selector, file, name = path.basename(file)) {
  const bytes = [...readFileSync(file)];
  return page.evaluate(async ({ selector, bytes, name }) => {
    const el = document.querySelector(selector);
    const event = new Promise((resolve) => el.addEventListener('denial-report', (e) => resolve({
      type: e.type, bubbles: e.bubbles, composed: e.composed, isEvent: e instanceof Event, detail: e.detail,
    }), { once: true }));
    const summary = await el.explainFile(new Uint8Array(bytes), name);
    return { summary, event: await event };
  }, { selector, bytes, name });
}

const shadowText = (page, selector) => page.evaluate((s) => document.querySelector(s).shadowRoot.textContent, selector);

test('explainFile fires denial-report with the same totals as the native CLI', async () => {
  const { page, done } = await openPortal();
  for (const file of [path.join(FIXTURES, 'sequestration.835'), path.join(FIXTURES, 'denied_claim.835'),
    path.join(SAMPLES, 'own__six_payments_one_trace.edi')]) {
    const native = cliReport(file);
    const { summary, event } = await explainIn(page, '#era', file);
    assert.deepEqual(event.detail.summary, native.summary, `${path.basename(file)}: event summary vs CLI`);
    assert.deepEqual(summary, native.summary, `${path.basename(file)}: explainFile() result vs CLI`);
    assert.deepEqual(event.detail.files.map((f) => [f.name, f.status]), native.files.map((f) => [path.basename(file), f.status]));
    assert.deepEqual([event.type, event.bubbles, event.composed, event.isEvent], ['denial-report', true, true, true]);
    // What the widget shows is the report's numbers.
    const paid = await page.evaluate(() => document.querySelector('#era').shadowRoot.querySelector('[data-metric="total_paid"] .dx-card__value').textContent);
    const [whole, cents] = native.summary.total_paid.split('.');
    assert.equal(paid, `$${Number(whole).toLocaleString('en-US')}.${cents}`);
  }
  // The portal page heard the bubbling, composed event.
  assert.match(await page.locator('#portal-log').textContent(), /era: own__six_payments_one_trace\.edi · 200 claims/);
  await done();
});

test('strict CSP header on every file: styles apply, the engine runs, no violation, no global', async () => {
  const { page, done } = await openPortal({}, strictServer);
  const csp = await page.evaluate(async () => (await fetch('/worker.js')).headers.get('content-security-policy'));
  assert.equal(csp, CSP, 'the worker is served under the strict CSP');
  const { summary } = await explainIn(page, '#era', path.join(FIXTURES, 'sequestration.835')).catch((error) => {
    if (/unsafe-eval/.test(error.message)) {
      assert.fail('the engine needs eval under a CSP header (embind\'s new Function): link denial-core with ' +
        '-sDYNAMIC_EXECUTION=0 (wasm/CMakeLists.txt)');
    }
    throw error;
  });
  assert.equal(summary.total_paid, '182.28', 'the engine runs in a worker under script-src \'self\' \'wasm-unsafe-eval\'');
  await page.locator('#codes denial-code[code="CO-253"]').hover();
  await page.locator('#codes denial-code[code="CO-253"] >> role=tooltip').filter({ hasText: 'Sequestration' }).waitFor();
  const style = await page.evaluate(() => {
    const base = document.querySelector('#era').shadowRoot.querySelector('.base');
    const cs = getComputedStyle(base);
    return { sheets: document.querySelector('#era').shadowRoot.adoptedStyleSheets.length, styleTags: document.querySelector('#era').shadowRoot.querySelectorAll('style').length,
      font: cs.fontFamily, border: cs.borderTopStyle, background: cs.backgroundColor };
  });
  assert.ok(style.sheets >= 1, 'constructable stylesheets adopted');
  assert.equal(style.styleTags, 0, 'no <style> text in the shadow root');
  assert.match(style.font, /system-ui/);
  assert.equal(style.border, 'solid');
  assert.equal(style.background, 'rgb(255, 255, 255)');

  // Globals: a same-origin page without the widget, before and after importing it and using it.
  const blank = await page.context().newPage();
  await blank.goto(`${strictServer.origin}/fixtures/denied_claim.835`);
  const added = await blank.evaluate(async () => {
    const before = new Set(Object.getOwnPropertyNames(window));
    const mod = await import('/denial-explainer.js');
    const el = document.createElement('denial-explainer');
    document.body.append(el);
    await el.explainFile('ISA*00*          *00*          *ZZ*A              *ZZ*B              *250101*1200*^*00501*000000001*0*P*:~', 'x.835').catch(() => {});
    await mod.lookupCode('CO-45');
    return Object.getOwnPropertyNames(window).filter((n) => !before.has(n));
  });
  assert.deepEqual(added, [], 'the widget adds no global');
  await blank.close();
  await done();
});

test('hostile host CSS does not change the widget (layout, computed styles, pixels)', async () => {
  const { page, done } = await openPortal();
  await explainIn(page, '#era', path.join(FIXTURES, 'denied_claim.835'));
  await page.evaluate(() => {
    const el = document.querySelector('#era');
    // The outer box is the host's business: pin it (size and a whole-pixel position, so that
    // text is not re-rasterised at another sub-pixel offset) and compare what is inside.
    for (const [k, v] of [['position', 'absolute'], ['left', '0'], ['top', '0'], ['width', '860px'], ['z-index', '10']]) el.style.setProperty(k, v);
    el.view = 'worklist';
  });
  await page.locator('#era >> role=button[name=/Details for claim DEN0002/]').click();
  await page.locator('#era >> .dx-claim').waitFor();

  const measure = () => page.evaluate(() => {
    const host = document.querySelector('#era');
    const origin = host.shadowRoot.querySelector('.base').getBoundingClientRect();
    const out = [];
    const walk = (root, prefix) => {
      for (const el of root.querySelectorAll('*')) {
        const r = el.getBoundingClientRect();
        const cs = getComputedStyle(el);
        const cls = typeof el.className === 'string' ? el.className : el.className?.baseVal ?? '';
        const box = el.getClientRects().length // not rendered (display: none): no box to compare
          ? [r.x - origin.x, r.y - origin.y, r.width, r.height].map((v) => Math.round(v * 100) / 100).join(' | ') : 'no box';
        out.push([`${prefix}${el.localName}.${cls}`, box, cs.fontFamily, cs.fontSize, cs.color, cs.display,
          cs.textTransform, cs.letterSpacing, cs.lineHeight, cs.textAlign, cs.textShadow, cs.cursor, cs.boxSizing].join(' | '));
        if (el.shadowRoot) walk(el.shadowRoot, `${prefix}${el.localName}>`);
      }
    };
    walk(host.shadowRoot, '');
    return out;
  });
  const hostile = await page.evaluate(() => {
    const cs = getComputedStyle(document.querySelector('h1'));
    return { color: cs.color, font: cs.fontFamily };
  });
  assert.deepEqual(hostile, { color: 'rgb(255, 0, 0)', font: 'serif' }, 'the hostile stylesheet is active');
  const withHostile = await measure();
  const shotWith = await page.locator('#era').screenshot();

  // Remove the hostile rules but keep the portal's theming (custom properties, ::part), which
  // is the supported way in and is meant to change the widget.
  const kept = await page.evaluate(() => {
    const sheet = document.getElementById('hostile-css').sheet;
    for (let i = sheet.cssRules.length - 1; i >= 0; i--) {
      if (!/denial-|#era/.test(sheet.cssRules[i].selectorText ?? '')) sheet.deleteRule(i);
    }
    return [...sheet.cssRules].map((r) => r.selectorText);
  });
  assert.ok(kept.length >= 3 && kept.length <= 5, `theme rules kept: ${kept}`);
  assert.notEqual(await page.evaluate(() => getComputedStyle(document.querySelector('h1')).color), 'rgb(255, 0, 0)', 'the hostile rules are gone');
  const without = await measure();
  const shotWithout = await page.locator('#era').screenshot();
  if (process.env.DEBUG_DIFF) { const { writeFileSync } = await import('node:fs'); writeFileSync('/tmp/with.png', shotWith); writeFileSync('/tmp/without.png', shotWithout); }

  assert.ok(withHostile.length > 150, `enough elements compared (${withHostile.length})`);
  const diff = withHostile.map((line, i) => [line, without[i]]).filter(([a, b]) => a !== b);
  if (process.env.DEBUG_DIFF) console.log(diff.slice(0, 40).map(([a, b]) => `${a}\n${b}`).join("\n\n"));
  assert.deepEqual(diff.slice(0, 5), [], `${diff.length} elements differ with the hostile CSS`);
  assert.equal(withHostile.length, without.length);

  // Pixels: the same widget screenshot either way (compared in a blank page's canvas).
  const blank = await page.context().newPage();
  const changed = await blank.evaluate(async ([a, b]) => {
    const load = (src) => new Promise((resolve, reject) => { const i = new Image(); i.onload = () => resolve(i); i.onerror = reject; i.src = src; });
    const [ia, ib] = await Promise.all([load(a), load(b)]);
    // The host may sit at another sub-pixel offset: allow a 1 px rounding difference in size.
    if (Math.abs(ia.width - ib.width) > 1 || Math.abs(ia.height - ib.height) > 1) return { size: [ia.width, ia.height, ib.width, ib.height] };
    const w = Math.min(ia.width, ib.width);
    const hgt = Math.min(ia.height, ib.height);
    const data = (img) => { const c = new OffscreenCanvas(w, hgt); const x = c.getContext('2d'); x.drawImage(img, 0, 0); return x.getImageData(0, 0, w, hgt).data; };
    const da = data(ia);
    const db = data(ib);
    let n = 0;
    for (let i = 0; i < da.length; i += 4) if (Math.abs(da[i] - db[i]) + Math.abs(da[i + 1] - db[i + 1]) + Math.abs(da[i + 2] - db[i + 2]) > 24) n++;
    return { fraction: n / (da.length / 4) };
  }, [`data:image/png;base64,${shotWith.toString('base64')}`, `data:image/png;base64,${shotWithout.toString('base64')}`]);
  await blank.close();
  assert.equal(changed.size, undefined, `screenshot sizes differ: ${changed.size}`);
  if (process.env.DEBUG_DIFF) console.log('pixel difference', changed.fraction);
  assert.ok(changed.fraction < 0.001, `${(changed.fraction * 100).toFixed(3)} % of the widget's pixels change with the hostile CSS`);
  await done();
});

test('two instances at once: own reports, one shared worker and one wasm download', async () => {
  const { page, requests, done } = await openPortal();
  const seq = path.join(FIXTURES, 'sequestration.835');
  const den = path.join(FIXTURES, 'denied_claim.835');
  const [a, b] = await Promise.all([explainIn(page, '#era', seq), explainIn(page, '#era-compact', den)]);
  assert.deepEqual(a.summary, cliReport(seq).summary);
  assert.deepEqual(b.summary, cliReport(den).summary);
  assert.match(await shadowText(page, '#era'), /\$182\.28/);
  assert.match(await shadowText(page, '#era-compact'), /Worklist \(2\)/);
  assert.doesNotMatch(await shadowText(page, '#era-compact'), /\$182\.28/);
  // Each instance keeps its own session: re-explaining one leaves the other alone.
  await explainIn(page, '#era', den);
  assert.deepEqual(await page.evaluate(() => document.querySelector('#era-compact').summary.total_paid), '95.00');
  await page.locator('#codes denial-code[code="CO-45"]').hover();
  await page.locator('#codes denial-code[code="CO-45"] >> role=tooltip').filter({ hasText: 'Charge exceeds fee schedule' }).waitFor();
  assert.equal(page.workers().length, 1, 'one worker for both widgets and the codes');
  assert.equal(requests.filter((u) => u.endsWith('/denial-core.wasm')).length, 1, 'the wasm is fetched once');
  assert.equal(requests.filter((u) => u.endsWith('/worker.js')).length, 1, 'one worker script');
  await done();
});

test('<denial-code code="CO-253"> shows the official text and our guidance on hover', async () => {
  const { page, done } = await openPortal();
  const code = page.locator('#codes denial-code[code="CO-253"]');
  const button = code.locator('button');
  assert.equal(await button.getAttribute('aria-expanded'), 'false');
  await button.hover();
  const panel = code.locator('[role="tooltip"]');
  await panel.filter({ hasText: 'Sequestration - reduction in federal payment' }).waitFor();
  assert.equal(await button.getAttribute('aria-expanded'), 'true');
  assert.equal(await code.getAttribute('open'), '');
  const info = await page.evaluate(() => {
    const el = document.querySelector('#codes denial-code[code="CO-253"]');
    const b = el.shadowRoot.querySelector('button');
    const p = el.shadowRoot.getElementById(b.getAttribute('aria-describedby'));
    const cs = getComputedStyle(p);
    const r = p.getBoundingClientRect();
    return { describedby: p?.getAttribute('role'), controls: b.getAttribute('aria-controls') === p.id,
      official: p.querySelector('[part="official"]').textContent, guidance: p.querySelector('[part="guidance"]')?.textContent ?? '',
      labels: [...p.querySelectorAll('.label')].map((n) => n.textContent), font: cs.fontFamily, color: cs.color,
      inView: r.left >= 0 && r.top >= 0 && r.right <= innerWidth && r.bottom <= innerHeight && r.width > 100 };
  });
  assert.equal(info.describedby, 'tooltip');
  assert.ok(info.controls);
  assert.equal(info.official, 'Sequestration - reduction in federal payment');
  assert.match(info.guidance, /sequestration/i);
  assert.match(info.labels[0], /^Official text · Claim Adjustment Reason Codes/);
  assert.match(info.labels[1], /not official text/);
  assert.doesNotMatch(info.font, /^serif$/, 'the hostile font stays out of the panel');
  assert.notEqual(info.color, 'rgb(255, 0, 0)');
  assert.ok(info.inView, 'the panel is inside the viewport');
  // Leaving closes it.
  await page.mouse.move(5, 5);
  await page.waitForFunction(() => document.querySelector('#codes denial-code[code="CO-253"]').shadowRoot.querySelector('button').getAttribute('aria-expanded') === 'false');
  assert.equal(await panel.isVisible(), false);
  await done();
});

test('<denial-code> keyboard: Tab focuses (and shows), Enter and Space open, Escape closes', async () => {
  const { page, done } = await openPortal();
  await page.evaluate(() => { const t = document.getElementById('codes-title'); t.tabIndex = -1; t.focus(); });
  await page.keyboard.press('Tab');
  const state = () => page.evaluate(() => {
    const host = document.activeElement;
    const b = host?.shadowRoot?.activeElement;
    const panel = host?.shadowRoot?.querySelector('[role="tooltip"]');
    return { host: host?.localName, code: host?.getAttribute?.('code'), focused: b?.localName, expanded: b?.getAttribute('aria-expanded'),
      visible: panel ? panel.checkVisibility() : false, text: panel?.textContent ?? '' };
  });
  let s = await state();
  assert.deepEqual([s.host, s.code, s.focused], ['denial-code', 'CO-253', 'button'], 'Tab reaches the code button');
  assert.equal(s.expanded, 'true', 'focus shows the explanation');
  await page.keyboard.press('Escape');
  s = await state();
  assert.deepEqual([s.expanded, s.visible, s.focused], ['false', false, 'button'], 'Escape closes and keeps focus');
  await page.keyboard.press('Enter');
  s = await state();
  assert.deepEqual([s.expanded, s.visible], ['true', true], 'Enter opens');
  await page.waitForFunction(() => document.activeElement.shadowRoot.querySelector('[role="tooltip"]').textContent.includes('Sequestration'));
  await page.keyboard.press('Escape');
  await page.keyboard.press(' ');
  s = await state();
  assert.deepEqual([s.expanded, s.visible], ['true', true], 'Space opens');
  await page.keyboard.press('Escape');
  assert.equal((await state()).expanded, 'false');
  // Tab moves on to the next code and closes nothing else open.
  await page.keyboard.press('Tab');
  s = await state();
  assert.deepEqual([s.code, s.expanded], ['CO-45', 'true']);
  assert.equal(await page.locator('#codes denial-code[code="CO-253"] >> button').getAttribute('aria-expanded'), 'false', 'blur closes');
  await done();
});

test('<denial-code> tap opens and a tap elsewhere closes (touch)', async () => {
  const { page, done } = await openPortal({ viewport: NARROW, hasTouch: true, isMobile: true });
  const code = page.locator('#codes denial-code[code="N290"]');
  await code.scrollIntoViewIfNeeded();
  await code.locator('button').tap();
  await code.locator('[role="tooltip"]').filter({ hasText: 'rendering provider' }).waitFor();
  assert.equal(await code.locator('button').getAttribute('aria-expanded'), 'true');
  await page.locator('#tasks-title').tap();
  assert.equal(await code.locator('button').getAttribute('aria-expanded'), 'false');
  // Opened without focus (as a tap does in Safari, where buttons take no focus): a tap elsewhere closes.
  await page.evaluate(() => { document.querySelector('#codes denial-code[code="N290"]').open = true; });
  assert.equal(await code.locator('button').getAttribute('aria-expanded'), 'true');
  await page.locator('#tasks-title').tap();
  assert.equal(await code.locator('button').getAttribute('aria-expanded'), 'false', 'a tap outside closes');
  await done();
});

test('events: denial-action, denial-error, drop, masking, attributes and properties', async () => {
  const { page, done } = await openPortal();
  await explainIn(page, '#era', path.join(FIXTURES, 'denied_claim.835'));
  // Properties reflect to attributes and validate.
  const props = await page.evaluate(() => {
    const el = document.querySelector('#era');
    el.view = 'claims';
    el.compact = true;
    const a = [el.getAttribute('view'), el.hasAttribute('compact'), el.maskPatientData];
    el.setAttribute('view', 'nonsense');
    const b = el.view;
    el.compact = false;
    el.maskPatientData = true;
    return [...a, b, el.hasAttribute('compact'), el.getAttribute('mask-patient-data')];
  });
  assert.deepEqual(props, ['claims', true, false, 'summary', false, '']);

  // Masked worklist: no patient names on screen, nor in the action event.
  await page.evaluate(() => { document.querySelector('#era').view = 'worklist'; });
  await page.locator('#era >> .row').first().waitFor();
  const masked = await shadowText(page, '#era');
  assert.doesNotMatch(masked, /SALAZAR|BROOKS/);
  assert.match(masked, /\[masked\]/);
  const actionEvent = page.evaluate(() => new Promise((resolve) => document.addEventListener('denial-action', (e) => resolve({
    bubbles: e.bubbles, composed: e.composed, action: e.detail.action, row: e.detail.row, claim: e.detail.claim }), { once: true })));
  await page.locator('#era >> role=button[name=/Send a corrected claim \\(frequency 7 \\+ REF\\*F8\\) \\(claim \\*\\*\\*0002/]').click();
  const action = await actionEvent;
  assert.deepEqual([action.bubbles, action.composed, action.action], [true, true, 'corrected_claim']);
  assert.equal(action.row.payer_claim_number, '25058000667');
  assert.equal(action.row.patient_name, '[masked]');
  assert.equal(action.claim.payer_claim_number, '25058000667');
  assert.equal(action.claim.patient_name, '[masked]');
  assert.match(await page.locator('#tasks').textContent(), /Send a corrected claim \(frequency 7 \+ REF\*F8\) · claim \*\*\*0002/);
  // Unmasking shows the names again.
  await page.evaluate(() => { document.querySelector('#era').maskPatientData = false; });
  await page.waitForFunction(() => document.querySelector('#era').shadowRoot.textContent.includes('SALAZAR, IRIS'));

  // denial-error: an HTML page is not an 835.
  const error = await page.evaluate(async () => {
    const el = document.querySelector('#era');
    const heard = new Promise((resolve) => el.addEventListener('denial-error', (e) => resolve({ ...e.detail, composed: e.composed }), { once: true }));
    let rejected = null;
    try { await el.explainFile('<!doctype html><html><body>hello</body></html>', 'page.html'); } catch (e) { rejected = { name: e.name, code: e.code }; }
    const alert = el.shadowRoot.querySelector('[role="alert"]:not([hidden])')?.textContent ?? '';
    return { heard: await heard, rejected, alert, stillShown: el.summary?.total_paid };
  });
  assert.deepEqual([error.heard.code, error.heard.file, error.heard.composed], ['not_835_html', 'page.html', true]);
  assert.deepEqual(error.rejected, { name: 'DenialError', code: 'not_835_html' });
  assert.match(error.alert, /page\.html/);
  assert.equal(error.stillShown, '95.00', 'a failed file leaves the last report');

  // Drop a file on the element.
  const text = readFileSync(path.join(FIXTURES, 'sequestration.835'), 'latin1');
  const dropped = await page.evaluate(async (text) => {
    const el = document.querySelector('#era-compact');
    const heard = new Promise((resolve) => el.addEventListener('denial-report', (e) => resolve(e.detail), { once: true }));
    const dt = new DataTransfer();
    dt.items.add(new File([text], 'dropped.835', { type: 'text/plain' }));
    el.dispatchEvent(new DragEvent('dragover', { dataTransfer: dt, bubbles: true, cancelable: true }));
    el.dispatchEvent(new DragEvent('drop', { dataTransfer: dt, bubbles: true, cancelable: true }));
    const d = await heard;
    return { name: d.files[0].name, paid: d.summary.total_paid };
  }, text);
  assert.deepEqual(dropped, { name: 'dropped.835', paid: '182.28' });
  // And the file button's input.
  await page.locator('#era >> input[type="file"]').setInputFiles(path.join(FIXTURES, 'plb_netting.835'));
  await page.waitForFunction(() => document.querySelector('#era').report?.files?.[0]?.name === 'plb_netting.835');
  await done();
});

test('deadline attributes (appeal-days, filing-days, as-of): act-by in the rows and the claim detail; a change re-explains', async () => {
  const { page, done } = await openPortal();
  await page.evaluate(() => {
    const el = document.querySelector('#era');
    el.setAttribute('as-of', '2026-12-07');
    el.setAttribute('appeal-days', '180');
    el.view = 'claims';
  });
  // Remit 2026-09-10 + 180 days = 2027-03-09 (tests/data/scenarios/expected.csv).
  await explainIn(page, '#era', path.join(FIXTURES, 'scenarios/35_co50_commercial_appeal_window.835'));
  const props = await page.evaluate(() => {
    const el = document.querySelector('#era');
    return [el.appealDays, el.filingDays, el.asOf, el.report.options];
  });
  assert.deepEqual(props, [180, null, '2026-12-07', { as_of: '2026-12-07', appeal_days: 180, filing_days: null }]);
  const row = await page.evaluate(async () => (await document.querySelector('#era').rows({})).rows[0]);
  assert.deepEqual([row.act_by, row.deadline_owner], ['2027-03-09', 'contract']);
  await page.waitForFunction(() => /Act by 2027-03-09 · Your contract/.test(document.querySelector('#era').shadowRoot.querySelector('.row__actby')?.textContent ?? ''));
  await page.locator('#era >> role=button[name=/^Details for claim APL0001/]').click();
  await page.locator('#era >> .dx-claim .dx-why').waitFor();
  const detail = await page.locator('#era >> .dx-claim').textContent();
  assert.match(detail, /Act by 2027-03-09/);
  assert.match(detail, /Your contract/);
  assert.match(detail, /Why we say this/);
  // A new window re-explains the same file: 2026-09-10 + 90 = 2026-12-09.
  const report = page.evaluate(() => new Promise((resolve) => document.querySelector('#era').addEventListener('denial-report', () => resolve(true), { once: true })));
  await page.evaluate(() => { document.querySelector('#era').appealDays = 90; });
  await report;
  await page.waitForFunction(() => /Act by 2026-12-09/.test(document.querySelector('#era').shadowRoot.querySelector('.row__actby')?.textContent ?? ''));
  // As of a later date the window has passed: the row says so in words.
  const late = page.evaluate(() => new Promise((resolve) => document.querySelector('#era').addEventListener('denial-report', () => resolve(true), { once: true })));
  await page.evaluate(() => { document.querySelector('#era').asOf = '2027-01-15'; });
  await late;
  await page.waitForFunction(() => /Was due by 2026-12-09\s*✕?\s*Passed/.test(document.querySelector('#era').shadowRoot.querySelector('.row__actby')?.textContent ?? ''));
  await done();
});

test('no request leaves the origin; the guard sees the worker\'s requests', async () => {
  const { page, requests, outside, done } = await openPortal();
  await explainIn(page, '#era', path.join(FIXTURES, 'xss_names.835'));
  await page.evaluate(() => { document.querySelector('#era').view = 'claims'; });
  await page.locator('#era >> .row').first().waitFor();
  await page.locator('#era >> role=button[name=/Details for claim/]').first().click();
  await page.locator('#era >> .dx-claim').waitFor();
  // Markup in names stays text.
  assert.equal(await page.evaluate(() => document.querySelector('#era').shadowRoot.querySelectorAll('script, img, iframe').length), 0);
  assert.ok(requests.some((u) => u.endsWith('/denial-core.wasm')), 'the worker\'s wasm request was seen');
  assert.ok(requests.every((u) => u.startsWith(`${server.origin}/`)), requests.join('\n'));
  assert.deepEqual(outside, []);
  await done();
});

/**
 * How far (px) anything inside each widget sticks out of it, or scrolls sideways inside it.
 * Visually hidden content (.sr-only, or clipped to nothing like a narrow table's header) is
 * not seen, so it does not count.
 */
const overflow = (page) => page.evaluate(() => [...document.querySelectorAll('denial-explainer')].map((host) => {
  const base = host.shadowRoot.querySelector('.base');
  const b = base.getBoundingClientRect();
  let worst = Math.max(0, base.scrollWidth - base.clientWidth);
  const unseen = (el) => {
    for (let n = el; n; n = n.parentElement) {
      if (n.matches('.sr-only') || getComputedStyle(n).clip === 'rect(0px, 0px, 0px, 0px)') return true;
    }
    return false;
  };
  const walk = (root) => {
    for (const el of root.querySelectorAll('*')) {
      if (el.getClientRects().length && !unseen(el)) {
        const r = el.getBoundingClientRect();
        worst = Math.max(worst, r.right - b.right, b.left - r.left, el.scrollWidth - el.clientWidth > 1 && getComputedStyle(el).overflowX !== 'visible' ? el.scrollWidth - el.clientWidth : 0);
      }
      if (el.shadowRoot) walk(el.shadowRoot);
    }
  };
  walk(host.shadowRoot);
  return Math.round(worst);
}));

test('screenshots of the example portal at 1366 and 390 px; nothing overflows the widget', async () => {
  for (const [width, viewport] of [[1366, DESKTOP], [390, NARROW]]) {
    const { page, done } = await openPortal({ viewport });
    await explainIn(page, '#era', path.join(FIXTURES, 'denied_claim.835'));
    await explainIn(page, '#era-compact', path.join(FIXTURES, 'denied_claim.835'));
    assert.deepEqual(await overflow(page), [0, 0], `${width}: the summary overflows`);
    // One action picked in the compact widget shows up in the portal's task list.
    await page.locator('#era-compact >> button.action').first().click();
    await page.locator('#tasks li').first().waitFor();
    assert.ok(await page.evaluate(() => document.documentElement.scrollWidth <= innerWidth), `${width}: the portal scrolls sideways`);
    const file = await screenshot(page, `widget-portal-${width}`);
    assert.ok(statSync(file).size > 20000, `${file} looks empty`);
    // The worklist with a claim opened, the widest content there is.
    await page.evaluate(() => { document.querySelector('#era').view = 'worklist'; });
    await page.locator('#era >> role=button[name=/Details for claim DEN0002/]').click();
    await page.locator('#era >> .dx-claim').waitFor();
    assert.deepEqual(await overflow(page), [0, 0], `${width}: the worklist overflows`);
    await page.locator('#era').screenshot({ path: path.join(path.dirname(file), `widget-worklist-${width}.png`) });
    await done();
  }
});

test('accessibility: axe finds no violation inside the widgets (summary, worklist with a claim open, code tooltip)', async () => {
  const { default: AxeBuilder } = await import('@axe-core/playwright');
  const { page, done } = await openPortal();
  await explainIn(page, '#era', path.join(FIXTURES, 'denied_claim.835'));
  await explainIn(page, '#era-compact', path.join(FIXTURES, 'denied_claim.835'));
  const check = async (what) => {
    // The portal around the widgets is deliberately bad; only the elements are checked.
    const result = await new AxeBuilder({ page }).include('#era').include('#era-compact').include('#codes denial-code').analyze();
    const found = result.violations.map((v) => `${v.id} (${v.nodes.length}): ${v.nodes[0]?.target?.join(' ')}`);
    assert.deepEqual(found, [], `${what}: axe violations`);
  };
  await check('summary');
  await page.evaluate(() => { document.querySelector('#era').view = 'worklist'; });
  await page.locator('#era >> role=button[name=/Details for claim DEN0002/]').click();
  await page.locator('#era >> .dx-claim').waitFor();
  await page.locator('#codes denial-code[code="CO-253"]').hover();
  await page.locator('#codes denial-code[code="CO-253"] >> role=tooltip').filter({ hasText: 'Sequestration' }).waitFor();
  await check('worklist');
  await done();
});

test('view="rejections": 277CA + 999 + 835 together show the rejections to work with their history, masked on demand; axe clean', async () => {
  const { default: AxeBuilder } = await import('@axe-core/playwright');
  const { page, done } = await openPortal();
  const files = ['01_claims_batch.999', '02_first_answer.277ca', '03_resubmission_answer.277ca', '04_remit.835']
    .map((f) => ({ name: f, bytes: [...readFileSync(path.join(REPO, 'tests/data/mix', f))] }));
  const hiddenBefore = await page.evaluate(() => document.querySelector('#era').shadowRoot.querySelector('[data-view="rejections"]')?.hidden);
  await page.evaluate(async (list) => {
    const el = document.querySelector('#era');
    await el.explainFiles(list.map((f) => ({ input: new Uint8Array(f.bytes), name: f.name })));
    el.view = 'rejections';
  }, files);
  await page.locator('#era >> .rejection').first().waitFor();
  const acks = await page.evaluate(() => document.querySelector('#era').acknowledgments());
  const shown = await page.evaluate(() => [...document.querySelector('#era').shadowRoot.querySelectorAll('.rejection')].map((n) => [n.dataset.kind, n.dataset.pcn, n.textContent]));
  assert.equal(shown.length, acks.rejections.length);
  assert.deepEqual(shown.map(([kind, pcn]) => [kind, pcn]), acks.rejections.map((r) => [r.kind, r.patient_control_number]));
  const b2 = shown.find(([, pcn]) => pcn === 'MIX-B2')[2];
  assert.match(b2, /Rejected, not resubmitted/);
  assert.match(b2, /A7:164:IL/);
  assert.match(b2, /2010BA NM109/);
  assert.ok(shown.some(([kind]) => kind === 'rejected_set'), 'the rejected 999 set is an item');
  assert.match(await page.evaluate(() => document.querySelector('#era').shadowRoot.querySelector('[data-view="rejections"]').textContent), /Rejections \(3\)/);
  assert.equal(hiddenBefore, true, 'no Rejections tab before acknowledgments are read');
  const result = await new AxeBuilder({ page }).include('#era').analyze();
  assert.deepEqual(result.violations.map((v) => `${v.id}: ${v.nodes[0]?.target?.join(' ')}`), [], 'axe on the rejections view');
  await page.evaluate(() => { document.querySelector('#era').maskPatientData = true; });
  await page.waitForFunction(() => {
    const root = document.querySelector('#era').shadowRoot;
    return root.querySelector('.rejection') && !root.textContent.includes('MIX-B2');
  });
  await done();
});

test('patient explanation in the widget\'s claim detail: the engine\'s money, Print prints the letter alone under a strict CSP header', async () => {
  const { page, done } = await openPortal({}, strictServer);
  const file = path.join(FIXTURES, 'scenarios/03_copay_and_deductible_commercial.835');
  await page.evaluate(() => {
    const el = document.querySelector('#era');
    el.setAttribute('as-of', '2026-12-07');
    el.view = 'claims';
  });
  await explainIn(page, '#era', file);
  const claim = cliReport(file, { inlineTexts: true }).transactions[0].claims.find((c) => c.patient_control_number === 'CPY0002');
  assert.ok(claim.patient_explanation, 'the CLI gives this claim a letter');
  await page.locator('#era >> role=button[name=/^Details for claim CPY0002/]').click();
  const letter = page.locator('#era >> .dx-patient-explanation .dx-patient-letter');
  await letter.waitFor();
  assert.equal(await letter.getAttribute('data-owed'), claim.patient_explanation.owed);
  assert.equal(claim.patient_explanation.owed, claim.money.patient);
  await page.evaluate(() => { window.printCalls = 0; window.print = () => { window.printCalls += 1; }; });
  await page.locator('#era >> .dx-patient-explanation__print').click();
  assert.equal(await page.evaluate(() => window.printCalls), 1);
  await page.emulateMedia({ media: 'print' });
  const shown = await page.evaluate(() => [...document.body.children].filter((n) => getComputedStyle(n).display !== 'none').map((n) => n.localName));
  assert.deepEqual(shown, ['dx-print-host']);
  const printed = await page.evaluate(() => document.querySelector('body > dx-print-host').shadowRoot.textContent);
  assert.ok(printed.includes(claim.patient_explanation.labels.owed) && printed.includes('Why you owe this'), printed);
  // The portal's hostile CSS (red, uppercase, right-aligned, 30px serif) does not reach the letter.
  const look = await page.evaluate(() => {
    const p = document.querySelector('body > dx-print-host').shadowRoot.querySelector('.dx-patient-letter p');
    const cs = getComputedStyle(p);
    return [cs.color, cs.textTransform, cs.textAlign, cs.fontSize];
  });
  assert.deepEqual(look.slice(0, 3), ['rgb(0, 0, 0)', 'none', 'start']);
  assert.notEqual(look[3], '30px');
  await screenshot(page, 'widget-patient-letter-print-1366');
  await page.emulateMedia({ media: 'screen' });
  await page.evaluate(() => window.dispatchEvent(new Event('afterprint')));
  assert.equal(await page.locator('body > dx-print-host').count(), 0);
  await done();
});

/** The engine's trends answer for `files`, from the native CLI (`trends --by payer|month`). */
function cliTrends(files, by) {
  let out;
  try {
    out = execFileSync(CLI, ['trends', ...files, '--by', by, '--format', 'json'], { maxBuffer: 64 << 20 });
  } catch (error) {
    out = error.stdout; // exit 1 or 2: some files had problems, the breakdown is still written
  }
  return JSON.parse(out.toString('utf8'));
}

/** The footer (All payers) and row count of a payer table: in a widget's shadow root or the page. */
const payerTableFacts = (host) => {
  const root = host ? document.querySelector(host).shadowRoot : document;
  const table = root.querySelector('.dx-trends__table');
  return {
    rows: table.querySelectorAll('tbody tr').length,
    total: [...table.querySelectorAll('tfoot td')].map((td) => [td.dataset.label, td.textContent.trim()]),
    first: table.querySelector('tbody tr')?.dataset.payer,
  };
};

test('view="trends": payer table and months are the engine\'s (CLI trends), equal to the page\'s Trends view; sort by keyboard; axe clean; 1366 and 390', async () => {
  const { formatMoney, formatCount } = await import(path.join(REPO, 'web/shared/render.js'));
  const { default: AxeBuilder } = await import('@axe-core/playwright');
  const { readdirSync } = await import('node:fs');
  const files = readdirSync(SAMPLES).sort().map((f) => path.join(SAMPLES, f));
  const payers = cliTrends(files, 'payer');
  const months = cliTrends(files, 'month');
  assert.ok(payers.rows.length >= 5, 'the samples have several payers');
  const list = files.map((f) => ({ name: path.basename(f), bytes: [...readFileSync(f)] }));
  let widgetFacts;
  for (const [width, viewport] of [[1366, DESKTOP], [390, NARROW]]) {
    const { page, done } = await openPortal({ viewport });
    await page.evaluate(async (items) => {
      const el = document.querySelector('#era');
      await el.explainFiles(items.map((f) => ({ input: new Uint8Array(f.bytes), name: f.name })));
      el.view = 'trends';
    }, list);
    await page.locator('#era >> .dx-trends__table tfoot').waitFor();
    // The element's own trends() is the engine's answer: the same as the CLI's.
    const answer = await page.evaluate(() => document.querySelector('#era').trends());
    assert.deepEqual(answer.payers.total, payers.total, 'trends() total vs CLI');
    assert.deepEqual(answer.payers.rows.map((r) => [r.key, r.claims, r.billed, r.denied]), payers.rows.map((r) => [r.key, r.claims, r.billed, r.denied]));
    const facts = await page.evaluate(payerTableFacts, '#era');
    assert.equal(facts.rows, payers.rows.length);
    const total = Object.fromEntries(facts.total);
    assert.equal(total.Claims, formatCount(payers.total.claims));
    assert.equal(total.Billed, formatMoney(payers.total.billed));
    assert.equal(total.Paid, formatMoney(payers.total.paid));
    assert.equal(total.Denied, formatMoney(payers.total.denied));
    assert.equal(total.Recoverable, formatMoney(payers.total.recoverable));
    // Sorted by billed, largest first, by default; one chart per payer up to six; every month a row.
    const mostBilled = [...payers.rows].sort((a, b) => Number(b.billed) - Number(a.billed))[0];
    assert.equal(facts.first, mostBilled.key);
    assert.equal(await page.locator('#era >> .dx-trends__chart').count(), Math.min(6, payers.rows.length));
    assert.equal(await page.locator('#era >> .dx-trends__reasons tbody tr').count(), months.rows.length);
    // The charts' months: twelve calendar months in a row, ending with the latest remit month.
    const bars = await page.evaluate(() => [...document.querySelector('#era').shadowRoot.querySelector('.dx-trends__chart svg').querySelectorAll('g[data-month]')].map((g) => g.dataset.month));
    const latest = months.rows.map((m) => m.key).filter((k) => /^\d{4}-\d{2}$/.test(k)).sort().at(-1);
    assert.equal(bars.length, 12);
    assert.equal(bars.at(-1), latest);
    for (let i = 1; i < bars.length; i++) {
      const [y0, m0] = bars[i - 1].split('-').map(Number);
      const [y1, m1] = bars[i].split('-').map(Number);
      assert.equal(y1 * 12 + m1, y0 * 12 + m0 + 1, `${bars[i - 1]} then ${bars[i]}`);
    }
    // Keyboard sort: Enter on the Claims header button; aria-sort follows and focus stays on it.
    await page.locator('#era >> button[data-sort="claims"]').focus();
    await page.keyboard.press('Enter');
    await page.locator('#era >> th[aria-sort="descending"] button[data-sort="claims"]').waitFor();
    assert.equal(await page.evaluate(() => document.querySelector('#era').shadowRoot.activeElement?.dataset.sort), 'claims');
    const most = Math.max(...payers.rows.map((r) => r.claims));
    assert.equal(await page.locator('#era >> .dx-trends__table tbody tr').first().locator('td').first().textContent(), formatCount(most));
    assert.deepEqual((await overflow(page))[0], 0, `${width}: the trends view overflows the widget`);
    const result = await new AxeBuilder({ page }).include('#era').analyze();
    assert.deepEqual(result.violations.map((v) => `${v.id}: ${v.nodes[0]?.target?.join(' ')}`), [], `axe on the trends view at ${width}`);
    const file = await screenshot(page, `widget-trends-${width}`);
    await page.locator('#era').screenshot({ path: path.join(path.dirname(file), `widget-trends-only-${width}.png`) });
    widgetFacts ??= facts;
    await done();
  }
  // The page's Trends view for the same files shows the same footer: one engine, one answer.
  const { context } = await guardedContext(browser, server.origin, { viewport: DESKTOP });
  const page = await context.newPage();
  await page.goto(`${server.origin}/index.html`);
  await page.waitForSelector('body[data-engine="ready"]', { timeout: 15000 });
  await page.locator('#file').setInputFiles(files);
  await page.waitForFunction((n) => new RegExp(`Read ${n} files`).test(document.getElementById('status').textContent), files.length, { timeout: 60000 });
  await page.click('#tab-trends');
  await page.waitForSelector('#panel-trends:not([hidden]) #payer-table tfoot');
  const pageFacts = await page.evaluate(payerTableFacts, null);
  // The widget shows fewer columns than the page: each one it shows has the page's figure.
  assert.equal(pageFacts.rows, widgetFacts.rows);
  assert.equal(pageFacts.first, widgetFacts.first);
  const pageTotal = Object.fromEntries(pageFacts.total);
  assert.ok(widgetFacts.total.length >= 5);
  for (const [label, text] of widgetFacts.total) assert.equal(text, pageTotal[label], `${label}: widget vs page`);
  await context.close();
});
