// Shared browser-test harness: serves build-wasm/dist on 127.0.0.1, launches Debian's
// Chromium headless through playwright-core, records every request and fails closed on any
// that leaves the test origin.
import http from 'node:http';
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { before, after } from 'node:test';
import { readFile, stat, mkdir } from 'node:fs/promises';
import path from 'node:path';
import { chromium } from 'playwright-core';

export const DIST = path.resolve(process.env.DENIAL_DIST ?? 'build-wasm/dist');
export const ARTIFACTS = path.resolve(process.env.DENIAL_ARTIFACTS ?? 'test-artifacts');
export const REPO = path.resolve(new URL('../..', import.meta.url).pathname);

const MIME = {
  '.html': 'text/html; charset=utf-8', '.js': 'text/javascript', '.mjs': 'text/javascript',
  '.wasm': 'application/wasm', '.css': 'text/css', '.json': 'application/json',
  '.svg': 'image/svg+xml', '.webmanifest': 'application/manifest+json', '.png': 'image/png',
  '.835': 'text/plain', '.txt': 'text/plain', '.edi': 'text/plain',
};

/** Serves `root` (dist by default) and, under /fixtures/, tests/data. Returns {origin, close}. */
export async function serve(root = DIST, extraHeaders = {}) {
  const server = http.createServer(async (req, res) => {
    try {
      let url = decodeURIComponent(new URL(req.url, 'http://x').pathname);
      let base = root;
      if (url.startsWith('/fixtures/')) {
        base = path.join(REPO, 'tests/data');
        url = url.slice('/fixtures'.length);
      }
      if (url.endsWith('/')) url += 'index.html';
      const file = path.join(base, path.normalize(url));
      if (!file.startsWith(base)) throw new Error('outside root');
      await stat(file);
      res.writeHead(200, { 'content-type': MIME[path.extname(file)] ?? 'application/octet-stream', ...extraHeaders });
      res.end(await readFile(file));
    } catch {
      res.writeHead(404);
      res.end('not found');
    }
  });
  await new Promise((r) => server.listen(0, '127.0.0.1', r));
  const origin = `http://127.0.0.1:${server.address().port}`;
  return { origin, close: () => new Promise((r) => server.close(r)) };
}

export async function launch() {
  return chromium.launch({
    executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
      '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
}

/** A context that blocks and records every request leaving `origin`. */
export async function guardedContext(browser, origin, options = {}) {
  const context = await browser.newContext(options);
  const outside = [];
  await context.route('**/*', (route) => {
    const url = route.request().url();
    if (url.startsWith(origin + '/') || url.startsWith('data:') || url.startsWith('blob:')) return route.continue();
    outside.push(url);
    return route.abort();
  });
  context.on('request', (r) => {
    const url = r.url();
    if (!(url.startsWith(origin + '/') || url.startsWith('data:') || url.startsWith('blob:'))) outside.push(url);
  });
  return { context, outside };
}

export async function screenshot(page, name) {
  await mkdir(ARTIFACTS, { recursive: true });
  const file = path.join(ARTIFACTS, `${name}.png`);
  await page.screenshot({ path: file, fullPage: true });
  return file;
}

export const DESKTOP = { width: 1366, height: 900 };
export const NARROW = { width: 390, height: 844 };

/**
 * The set-up every browser spec shares: the built dist served and one Chromium for the file's
 * tests, closed after them. `onReady(server, browser)` hands them to the spec.
 */
export function servedBrowser(onReady) {
  let server;
  let browser;
  before(async () => {
    assert.ok(existsSync(path.join(DIST, 'index.html')), `no ${DIST}/index.html: run cmake --build build-wasm first`);
    server = await serve();
    browser = await launch();
    onReady(server, browser);
  });
  after(async () => {
    await browser?.close();
    await server?.close();
  });
}
