// The npm package: web/widget/package.json packed with the built files (build-wasm/dist, staged in a
// temp folder so dist/ stays as built), installed offline into a fresh project, then used from
// Node (the JS API) and from Chromium (the elements, served from node_modules), and bundled by
// Vite into a page that runs in Chromium (the repo's pinned vite devDependency runs the build).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { cp, mkdtemp, mkdir, readFile, rm, writeFile, stat } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { serve, launch, guardedContext, DIST, REPO } from './harness.mjs';

const run = promisify(execFile);
const NAME = 'denial-explainer-widget';
const npm = (args, cwd, timeout = 30000) => run('npm', [...args, '--no-audit', '--no-fund', '--loglevel=error'],
  { cwd, timeout, maxBuffer: 64 << 20, env: { ...process.env, npm_config_update_notifier: 'false' } });

let tmp;
let tarball;
let packed;          // npm pack --json answer
let app;             // the fresh project
let installed;       // node_modules/denial-explainer-widget
const manifest = JSON.parse(await readFile(path.join(REPO, 'web/widget/package.json'), 'utf8'));

before(async () => {
  assert.ok(existsSync(path.join(DIST, 'denial-core.wasm')), `build-wasm/dist is not built (${DIST})`);
  tmp = await mkdtemp(path.join(os.tmpdir(), 'denial-pack-'));
  const stage = path.join(tmp, 'package');
  await cp(DIST, stage, { recursive: true });
  await cp(path.join(REPO, 'web/widget/package.json'), path.join(stage, 'package.json'));
  await cp(path.join(REPO, 'docs/widget.md'), path.join(stage, 'README.md'));
  const { stdout } = await npm(['pack', '--json', '--pack-destination', tmp], stage);
  packed = JSON.parse(stdout)[0];
  tarball = path.join(tmp, packed.filename);
  app = path.join(tmp, 'app');
  await mkdir(app);
  await writeFile(path.join(app, 'package.json'), JSON.stringify({ name: 'portal-app', private: true, type: 'module' }, null, 2));
  await npm(['install', '--offline', tarball], app);
  installed = path.join(app, 'node_modules', NAME);
});

after(async () => {
  if (tmp) await rm(tmp, { recursive: true, force: true });
});

test('package.json: name, module type, exports, types, version = project version', async () => {
  const cmake = await readFile(path.join(REPO, 'CMakeLists.txt'), 'utf8');
  assert.equal(manifest.name, NAME);
  assert.equal(manifest.type, 'module');
  assert.equal(manifest.version, cmake.match(/project\([^)]*VERSION (\d+\.\d+\.\d+)/)[1]);
  assert.equal(manifest.exports['.'].default, './denial-explainer.js');
  assert.equal(manifest.exports['./api'].default, './denial-api.js');
  assert.equal(manifest.types, './denial-explainer.d.ts');
  for (const f of ['denial-core.mjs', 'denial-core.wasm', 'worker.js', 'bridge.js', 'render.js']) assert.ok(manifest.files.includes(f), f);
});

test('the tarball holds exactly the listed files, the wasm byte for byte', async () => {
  const files = packed.files.map((f) => f.path).sort();
  assert.deepEqual(files, [...manifest.files, 'package.json', 'README.md'].sort(),
    'npm silently skips listed files that are missing: every one must be in dist');
  const wasm = packed.files.find((f) => f.path === 'denial-core.wasm');
  assert.equal(wasm.size, (await stat(path.join(DIST, 'denial-core.wasm'))).size);
  assert.ok(!files.some((f) => /\.(cmake|md)$/.test(f) && f !== 'README.md'));
  // Every module the package imports is in it (relative imports only, no bare specifiers).
  for (const f of files.filter((x) => /\.m?js$/.test(x))) {
    const text = await readFile(path.join(installed, f), 'utf8');
    for (const [, spec] of text.matchAll(/(?:^|\n)\s*(?:import|export)[^'"]*?from\s+['"]([^'"]+)['"]/g)) {
      assert.ok(spec.startsWith('./'), `${f} imports ${spec}: the package has no dependencies`);
      assert.ok(files.includes(spec.slice(2)), `${f} imports ${spec}, which is not in the package`);
    }
  }
  console.log(`${packed.filename}: ${files.length} files, ${(packed.size / 1024).toFixed(0)} KiB packed, ${(packed.unpackedSize / 1024).toFixed(0)} KiB unpacked`);
});

test('installed offline: the JS API works from Node through the "./api" export', async () => {
  const script = `
    const api = await import('${NAME}/api');
    const e = await api.createDenialExplainer();
    const co253 = e.lookup('CO-253').matches.find((m) => m.list === 'carc');
    const report = e.explain(await (await import('node:fs/promises')).readFile(process.argv[1]), { name: 'x.835' });
    console.log(JSON.stringify({ version: e.version(), official: co253.description, paid: report.summary.total_paid,
      main: import.meta.resolve('${NAME}'), api: import.meta.resolve('${NAME}/api') }));`;
  const { stdout } = await run(process.execPath, ['--input-type=module', '-e', script, path.join(REPO, 'tests/data/sequestration.835')],
    { cwd: app, timeout: 30000 });
  const out = JSON.parse(stdout);
  assert.equal(out.version, manifest.version);
  assert.equal(out.official, 'Sequestration - reduction in federal payment');
  assert.equal(out.paid, '182.28');
  assert.equal(out.main, `file://${installed}/denial-explainer.js`);
  assert.equal(out.api, `file://${installed}/denial-api.js`);
});

// Serves `root`, opens `pagePath` in Chromium, has its first <denial-explainer> explain the
// sequestration fixture and returns {paid, page}; `more(page)` runs extra checks before
// closing. No request may leave the origin and no page error may occur.
async function explainInBrowser(root, pagePath, more = async () => {}) {
  const server = await serve(root);
  const browser = await launch();
  try {
    const { context, outside } = await guardedContext(browser, server.origin);
    const page = await context.newPage();
    const errors = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await page.goto(`${server.origin}/${pagePath}`);
    const sample = await readFile(path.join(REPO, 'tests/data/sequestration.835'), 'latin1');
    const paid = await page.evaluate(async (text) => {
      await customElements.whenDefined('denial-explainer');
      return (await document.querySelector('denial-explainer').explainFile(text, 'x.835')).total_paid;
    }, sample);
    await more(page);
    await context.close();
    assert.deepEqual(outside, []);
    assert.deepEqual(errors, []);
    return paid;
  } finally {
    await browser.close();
    await server.close();
  }
}

test('installed offline: the elements work in Chromium served from node_modules', async () => {
  const paid = await explainInBrowser(installed, 'example-portal.html', async (page) => {
    await page.locator('#codes denial-code[code="CO-253"]').hover();
    await page.locator('#codes denial-code[code="CO-253"] >> role=tooltip')
      .filter({ hasText: 'Sequestration - reduction in federal payment' }).waitFor();
  });
  assert.equal(paid, '182.28');
});

test('a fresh Vite project bundles the package and the page explains a remit', async () => {
  // The repo's own vite (a pinned devDependency installed by npm ci) builds the fresh project:
  // nothing is downloaded, and a missing vite fails the test instead of skipping it.
  const vite = path.join(REPO, 'node_modules/vite/bin/vite.js');
  assert.ok(existsSync(vite), `vite is not installed (${vite}): run ./scripts/setup.sh`);
  await writeFile(path.join(app, 'index.html'),
    '<!doctype html><script type="module" src="./main.js"></script><denial-explainer></denial-explainer><denial-code code="CO-253"></denial-code>\n');
  await writeFile(path.join(app, 'main.js'), `import '${NAME}';\n`);
  await run(process.execPath, [vite, 'build', '--logLevel', 'warn'], { cwd: app, timeout: 45000 });
  const assets = await (await import('node:fs/promises')).readdir(path.join(app, 'dist/assets'));
  assert.ok(assets.some((f) => f.endsWith('.js')), `vite built no script: ${assets}`);
  assert.ok(assets.some((f) => f.endsWith('.wasm')), `vite did not ship the engine's wasm: ${assets}`);
  // Use it: the bundled page, served as built, explains a remit in Chromium with no request
  // leaving its origin.
  assert.equal(await explainInBrowser(path.join(app, 'dist'), 'index.html'), '182.28');
});
