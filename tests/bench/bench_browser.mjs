// Browser benchmark, printing only: a file explained by the engine worker in headless
// Chromium (the path a user's drop takes), timed from handing the bytes to the worker.
//   node tests/bench/bench_browser.mjs FILE
import { statSync } from 'node:fs';
import path from 'node:path';
import { serve, launch, guardedContext, REPO } from '../web/harness.mjs';

const file = path.resolve(process.argv[2] ?? '/tmp/bench100.835');
const mb = statSync(file).size / (1024 * 1024);
const server = await serve(undefined);
// The file is served from a second root under /bench.835.
const fileServer = await serve(path.dirname(file), { 'access-control-allow-origin': '*' });
const browser = await launch();
try {
  const { context } = await guardedContext(browser, server.origin);
  await context.route(`${fileServer.origin}/**`, (r) => r.continue());
  const page = await context.newPage();
  // A same-origin document without the page's CSP, so the benchmark may fetch the big file.
  await page.goto(`${server.origin}/sample.835`);
  // Three files in a row through one worker: the first is what a user's first drop costs
  // (engine code still tiering up), the others what later drops cost.
  const result = await page.evaluate(async ({ url }) => {
    const { WorkerBridge } = await import('./bridge.js');
    const bridge = new WorkerBridge();
    await bridge.call('version');  // load the wasm first: measure the explain, not the download
    const runs = [];
    for (let run = 0; run < 3; run++) {
      const bytes = await (await fetch(url)).arrayBuffer();
      const session = await bridge.call('openSession', {});
      const t0 = performance.now();
      const status = await bridge.call('addFile', { session, name: 'bench.835', bytes }, { transfer: [bytes] });
      const t1 = performance.now();
      const summary = await bridge.call('summary', { session });
      const t2 = performance.now();
      await bridge.call('closeSession', { session });
      runs.push({ explain_ms: t1 - t0, summary_ms: t2 - t1, claims: status.claims, big: status.big_file_mode, total: summary.summary.claims });
    }
    return runs;
  }, { url: `${fileServer.origin}/${path.basename(file)}` });
  console.log(`browser worker (Chromium, ${mb.toFixed(1)} MB, ${result[0].claims} claims, big-file mode ${result[0].big}):`);
  result.forEach((r, i) => {
    console.log(`  file ${i + 1}${i === 0 ? ' (fresh worker)' : ''}: explain ${(r.explain_ms / 1000).toFixed(2)} s (${(mb / (r.explain_ms / 1000)).toFixed(0)} MB/s), summary ${r.summary_ms.toFixed(0)} ms`);
  });
} finally {
  await browser.close();
  await server.close();
  await fileServer.close();
}
