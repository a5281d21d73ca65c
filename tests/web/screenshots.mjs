// Reference screenshots of every view of the page, the single-file page and the widget, at
// 1366x900 and 390x844, for before/after comparisons of changes that must not change the look.
// Not a test: it asserts nothing and writes PNGs only.
//
// Run:   node tests/web/screenshots.mjs OUT_DIR            (needs build-wasm/dist; DENIAL_DIST overrides)
// Then:  node tests/web/screenshots.mjs --compare BEFORE_DIR AFTER_DIR [DIFF_DIR]
//        (decodes each pair of PNGs in Chromium and counts differing pixels; exit 1 if any differ;
//        with DIFF_DIR, writes NAME.diff.png for each differing pair: the region around the
//        differences, before | after | differing pixels in red)
import { mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { serve, launch, guardedContext, DIST, REPO, DESKTOP, NARROW } from './harness.mjs';

const SIZES = [['1366', DESKTOP], ['390', NARROW]];

async function stable(page) {
  // Fonts loaded, two frames painted: no half-laid-out shots.
  await page.evaluate(async () => {
    await document.fonts.ready;
    await new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)));
  });
}

async function shot(page, out, name, locator, { blur = false } = {}) {
  // The focus ring of a just-used text field is drawn with run-to-run anti-aliasing noise.
  if (blur) await page.evaluate(() => document.activeElement?.blur());
  await stable(page);
  const file = path.join(out, `${name}.png`);
  const options = { path: file, animations: 'disabled', caret: 'hide' };
  if (locator) await locator.screenshot(options);
  else await page.screenshot({ ...options, fullPage: true });
  console.log(file);
}

async function waitStatus(page, re) {
  await page.waitForFunction(([src]) => new RegExp(src).test(document.getElementById('status').textContent), [re.source], { timeout: 20000 });
}

async function showTab(page, view) {
  await page.click(`#tab-${view}`);
  await page.waitForSelector(`#panel-${view}:not([hidden])`);
  if (view === 'worklist' || view === 'claims' || view === 'rejections') {
    await page.waitForFunction((v) => !document.querySelector(`#${v}-body[aria-busy]`) && document.querySelector(`#${v}-body`).children.length > 0, view);
  }
}

/** The page's views: empty, summary, worklist, claims, claim detail, lookup (answer and search). */
async function pageViews(page, out, prefix, width) {
  await shot(page, out, `${prefix}-empty-${width}`);
  await page.click('#sample');
  await waitStatus(page, /Read 1 file/);
  await shot(page, out, `${prefix}-summary-${width}`);
  for (const view of ['worklist', 'claims']) {
    await showTab(page, view);
    await shot(page, out, `${prefix}-${view}-${width}`);
  }
  await showTab(page, 'worklist');
  await page.locator('#worklist-body button.dx-link').first().click();
  await page.waitForSelector('.dx-claim');
  await shot(page, out, `${prefix}-claim-${width}`);
  await showTab(page, 'lookup');
  await page.fill('#lookup-input', 'CO-197');
  await page.press('#lookup-input', 'Enter');
  await page.waitForSelector('.dx-lookup');
  await shot(page, out, `${prefix}-lookup-${width}`, null, { blur: true });
  await page.fill('#lookup-input', 'timely filing');
  await page.press('#lookup-input', 'Enter');
  await page.waitForSelector('.dx-hits');
  await shot(page, out, `${prefix}-search-${width}`, null, { blur: true });
}

/**
 * Deadlines: the settings dialog, then three scenario remits (Medicare open, Medicare late,
 * commercial with a 180-day appeal window) judged as of 2026-12-07: the worklist with its Act by
 * column and the claim detail with dates, rules and "Why we say this".
 */
const SCENARIOS = ['32_co50_medicare_redetermination_open.835', '33_co50_medicare_redetermination_late.835', '35_co50_commercial_appeal_window.835']
  .map((f) => path.join(REPO, 'tests/data/scenarios', f));

async function openClaim(page, view, pcn) {
  await showTab(page, view);
  await page.locator(`#${view}-body tr`, { hasText: pcn }).locator('button.dx-link').click();
  await page.waitForSelector('.dx-claim .dx-why');
}

async function deadlineViews(page, out, width) {
  await page.click('#deadlines-open');
  await page.waitForSelector('#deadlines[open]');
  await page.fill('#set-appeal', '180');
  await page.fill('#set-asof', '2026-12-07');
  await shot(page, out, `page-deadlines-dialog-${width}`, null, { blur: true });
  await page.click('#deadlines-save');
  await page.locator('#file').setInputFiles(SCENARIOS);
  await waitStatus(page, /Read 3 files/);
  await showTab(page, 'worklist');
  await shot(page, out, `page-worklist-deadlines-${width}`);
  await openClaim(page, 'worklist', 'RDT0002');
  await shot(page, out, `page-claim-detail-dates-sources-${width}`);
  await openClaim(page, 'claims', 'RDT0003');
  await shot(page, out, `page-claim-detail-deadline-passed-${width}`);
}

/** The mixed batch (999, two 277CA, one 835): summary with rejections, the Rejections view, files. */
const MIX = ['01_claims_batch.999', '02_first_answer.277ca', '03_resubmission_answer.277ca', '04_remit.835']
  .map((f) => path.join(REPO, 'tests/data/mix', f));

async function rejectionViews(page, out, width) {
  await page.locator('#file').setInputFiles(MIX);
  await waitStatus(page, /Read 4 files/);
  await page.evaluate(() => { document.getElementById('files-details').open = true; });
  await shot(page, out, `page-summary-mix-${width}`);
  await showTab(page, 'rejections');
  await shot(page, out, `page-rejections-${width}`);
}

// DX_SHOTS=rejections node tests/web/screenshots.mjs OUT: only the Rejections shots.
const ONLY = process.env.DX_SHOTS ?? '';

/** Trends over every vendored sample (tests/data/samples/era): the view, and narrowed to the top payer. */
async function trendsViews(page, out, width) {
  const dir = new URL('../data/samples/era/', import.meta.url).pathname;
  const files = (await readdir(dir)).sort().map((f) => path.join(dir, f));
  await page.locator('#file').setInputFiles(files);
  await waitStatus(page, new RegExp(`Read ${files.length} files`));
  await page.evaluate(() => { document.getElementById('files-details').open = false; });
  await showTab(page, 'trends');
  await page.waitForSelector('#payer-table');
  await shot(page, out, `page-trends-${width}`, page.locator('#panel-trends'));
  await shot(page, out, `page-trends-full-${width}`);
  const top = await page.locator('#payer-table tbody tr').first().getAttribute('data-payer');
  await page.selectOption('#slice-payer', top);
  await page.waitForFunction(() => document.getElementById('slice-note').textContent.length > 0);
  await shot(page, out, `page-trends-narrowed-${width}`);
  await showTab(page, 'summary');
  await page.waitForSelector('.slice__summary');
  await shot(page, out, `page-summary-narrowed-${width}`);
}

async function take(out) {
  await mkdir(out, { recursive: true });
  const server = await serve(DIST);
  const browser = await launch();
  try {
    for (const [width, viewport] of SIZES) {
      // Rejections (277CA / 999 beside the 835) on the served page.
      {
        const { context } = await guardedContext(browser, server.origin, { viewport, reducedMotion: 'reduce' });
        const page = await context.newPage();
        await page.goto(`${server.origin}/`);
        await page.waitForSelector('body[data-engine="ready"]', { timeout: 15000 });
        await rejectionViews(page, out, width);
        await context.close();
      }
      if (ONLY === 'rejections') continue;
      // The served page.
      {
        const { context } = await guardedContext(browser, server.origin, { viewport, reducedMotion: 'reduce' });
        const page = await context.newPage();
        await page.goto(`${server.origin}/`);
        await page.waitForSelector('body[data-engine="ready"]', { timeout: 15000 });
        await pageViews(page, out, 'page', width);
        await context.close();
      }
      // Trends on the served page.
      {
        const { context } = await guardedContext(browser, server.origin, { viewport, reducedMotion: 'reduce' });
        const page = await context.newPage();
        await page.goto(`${server.origin}/`);
        await page.waitForSelector('body[data-engine="ready"]', { timeout: 15000 });
        await trendsViews(page, out, width);
        await context.close();
      }
      // Deadlines on the served page (a fresh context: settings start empty).
      {
        const { context } = await guardedContext(browser, server.origin, { viewport, reducedMotion: 'reduce' });
        const page = await context.newPage();
        await page.goto(`${server.origin}/`);
        await page.waitForSelector('body[data-engine="ready"]', { timeout: 15000 });
        await deadlineViews(page, out, width);
        await context.close();
      }
      // The single-file page from file://.
      const offline = path.join(DIST, 'denial-explainer-offline.html');
      if (existsSync(offline)) {
        const context = await browser.newContext({ viewport, reducedMotion: 'reduce' });
        const page = await context.newPage();
        await page.goto(pathToFileURL(offline).href);
        await page.waitForSelector('body[data-engine="ready"]', { timeout: 20000 });
        await shot(page, out, `offline-empty-${width}`);
        await page.click('#sample');
        await waitStatus(page, /Read 1 file/);
        await shot(page, out, `offline-summary-${width}`);
        await showTab(page, 'worklist');
        await page.locator('#worklist-body button.dx-link').first().click();
        await page.waitForSelector('.dx-claim');
        await shot(page, out, `offline-claim-${width}`);
        await context.close();
      }
      // The widget on the example portal (hostile host CSS, strict CSP).
      {
        const { context } = await guardedContext(browser, server.origin, { viewport, reducedMotion: 'reduce' });
        const page = await context.newPage();
        await page.goto(`${server.origin}/example-portal.html`);
        await page.waitForFunction(() => customElements.get('denial-explainer') && customElements.get('denial-code'));
        await shot(page, out, `widget-empty-${width}`);
        await page.click('#load-sample');
        await page.waitForFunction(() => /era-compact|era:/.test(document.getElementById('portal-log').textContent) &&
          document.querySelector('#era').summary && document.querySelector('#era-compact').summary);
        await shot(page, out, `widget-summary-${width}`);
        await shot(page, out, `widget-el-summary-${width}`, page.locator('#era'));
        await shot(page, out, `widget-el-compact-${width}`, page.locator('#era-compact'));
        for (const view of ['worklist', 'claims']) {
          await page.evaluate((v) => { document.querySelector('#era').view = v; }, view);
          await page.waitForFunction((v) => {
            const root = document.querySelector('#era').shadowRoot;
            return root.querySelector(`.tab[aria-selected="true"]`)?.id.endsWith(`-${v}`) && root.querySelector('.view .rows .row');
          }, view);
          await shot(page, out, `widget-el-${view}-${width}`, page.locator('#era'));
        }
        await page.evaluate(() => { document.querySelector('#era').view = 'worklist'; });
        await page.locator('#era >> role=button[name=/^Details for claim/]').first().click();
        await page.locator('#era >> .dx-claim').waitFor();
        await shot(page, out, `widget-el-claim-${width}`, page.locator('#era'));
        await page.locator('#codes denial-code[code="CO-253"]').hover();
        await page.locator('#codes denial-code[code="CO-253"] >> role=tooltip').filter({ hasText: 'Sequestration' }).waitFor();
        await shot(page, out, `widget-code-tooltip-${width}`, page.locator('.portal-side'));
        await shot(page, out, `widget-all-${width}`);
        await context.close();
      }
    }
  } finally {
    await browser.close();
    await server.close();
  }
}

/** Compares every PNG of `a` with the same name in `b`: decoded pixels, not bytes. */
async function compare(a, b, diffDir) {
  if (diffDir) await mkdir(diffDir, { recursive: true });
  const names = (await readdir(a)).filter((f) => f.endsWith('.png')).sort();
  const browser = await launch();
  const page = await browser.newPage();
  let differing = 0;
  let missing = 0;
  for (const name of names) {
    if (!existsSync(path.join(b, name))) {
      console.log(`MISSING  ${name}`);
      missing++;
      continue;
    }
    const [x, y] = await Promise.all([readFile(path.join(a, name)), readFile(path.join(b, name))]);
    const result = await page.evaluate(async ([x, y, wantImage]) => {
      const decode = async (b64) => {
        const bitmap = await createImageBitmap(await (await fetch(`data:image/png;base64,${b64}`)).blob());
        const canvas = new OffscreenCanvas(bitmap.width, bitmap.height);
        const ctx = canvas.getContext('2d');
        ctx.drawImage(bitmap, 0, 0);
        return { w: bitmap.width, h: bitmap.height, data: ctx.getImageData(0, 0, bitmap.width, bitmap.height).data };
      };
      const [p, q] = [await decode(x), await decode(y)];
      if (p.w !== q.w || p.h !== q.h) return { size: `${p.w}x${p.h} vs ${q.w}x${q.h}` };
      let diff = 0;
      let box = null;
      for (let i = 0; i < p.data.length; i += 4) {
        if (p.data[i] !== q.data[i] || p.data[i + 1] !== q.data[i + 1] || p.data[i + 2] !== q.data[i + 2] || p.data[i + 3] !== q.data[i + 3]) {
          diff++;
          const px = (i / 4) % p.w;
          const py = Math.floor(i / 4 / p.w);
          box = box ? [Math.min(box[0], px), Math.min(box[1], py), Math.max(box[2], px), Math.max(box[3], py)] : [px, py, px, py];
        }
      }
      let image = null;
      if (box && wantImage) {
        const m = 24;
        const [x0, y0] = [Math.max(0, box[0] - m), Math.max(0, box[1] - m)];
        const [x1, y1] = [Math.min(p.w, box[2] + m + 1), Math.min(p.h, box[3] + m + 1)];
        const [cw, ch] = [x1 - x0, y1 - y0];
        const out = new OffscreenCanvas(cw * 3 + 16, ch);
        const ctx = out.getContext('2d');
        ctx.fillStyle = '#ff00ff';
        ctx.fillRect(0, 0, out.width, out.height);
        const crop = (img, dx) => ctx.putImageData(new ImageData(img.data, p.w, p.h), dx - x0, -y0, x0, y0, cw, ch);
        crop(p, 0);
        crop(q, cw + 8);
        const mask = ctx.createImageData(cw, ch);
        for (let yy = 0; yy < ch; yy++) for (let xx = 0; xx < cw; xx++) {
          const i = ((y0 + yy) * p.w + x0 + xx) * 4;
          const o = (yy * cw + xx) * 4;
          const same = p.data[i] === q.data[i] && p.data[i + 1] === q.data[i + 1] && p.data[i + 2] === q.data[i + 2];
          mask.data.set(same ? [235, 235, 235, 255] : [255, 0, 0, 255], o);
        }
        ctx.putImageData(mask, cw * 2 + 16, 0);
        const blob = await out.convertToBlob({ type: 'image/png' });
        const bytes = new Uint8Array(await blob.arrayBuffer());
        let bin = '';
        for (let i = 0; i < bytes.length; i += 0x8000) bin += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
        image = btoa(bin);
      }
      return { diff, box, w: p.w, h: p.h, image };
    }, [x.toString('base64'), y.toString('base64'), Boolean(diffDir)]);
    if (result.size) {
      console.log(`SIZE     ${name}: ${result.size}`);
      differing++;
    } else if (result.diff) {
      console.log(`DIFFER   ${name}: ${result.diff} px of ${result.w}x${result.h}, box ${result.box.join(',')}`);
      if (result.image) await writeFile(path.join(diffDir, name.replace(/\.png$/, '.diff.png')), Buffer.from(result.image, 'base64'));
      differing++;
    } else {
      console.log(`SAME     ${name}`);
    }
  }
  await browser.close();
  console.log(`${names.length - differing - missing} identical, ${differing} differing, ${missing} missing`);
  return differing + missing === 0;
}

const args = process.argv.slice(2);
if (args[0] === '--compare' && (args.length === 3 || args.length === 4)) {
  process.exitCode = (await compare(path.resolve(args[1]), path.resolve(args[2]), args[3] && path.resolve(args[3]))) ? 0 : 1;
} else if (args.length === 1 && !args[0].startsWith('--')) {
  await take(path.resolve(args[0]));
} else {
  console.error('usage: node tests/web/screenshots.mjs OUT_DIR | --compare BEFORE_DIR AFTER_DIR [DIFF_DIR]');
  process.exitCode = 2;
}
