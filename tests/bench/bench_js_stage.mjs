// One stage of bench_js.mjs, in its own process: prints {label, seconds, first, runs,
// peak_kb, count}. Like the native stages, each engine runs RUNS times on the file already in
// memory and `seconds` is the best run; `first` is the first run (for our wasm: engine code
// still tiering up, what a user's first file costs).
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const [mode, file, runsArg] = process.argv.slice(2);
const runs = Number(runsArg ?? 3);
const here = path.dirname(fileURLToPath(import.meta.url));
const require = createRequire(path.join(here, 'js/package.json'));
const t = () => performance.now() / 1000;

async function engine() {
  const { createDenialExplainer } = await import(path.resolve(here, '../../build-wasm/dist/denial-api.js'));
  return createDenialExplainer();
}

// Each stage: label and one timed run (returns the count it read).
const stages = {
  'wasm-explain': async () => {
    const e = await engine();
    const bytes = readFileSync(file);
    return ['our wasm core in Node: full explain', () => {
      const session = e.openSession({ keepClaimsUpTo: 0 });
      const claims = session.addFile('bench.835', bytes).claims;
      session.close();
      return claims;
    }];
  },
  'wasm-parse': async () => {
    const e = await engine();
    const bytes = readFileSync(file);
    return ['our wasm core in Node: read+model+balance', () => e.scan(bytes).claims];
  },
  'node-x12': async () => {
    const { X12Parser } = require('node-x12');
    const text = readFileSync(file, 'utf8');
    return ['node-x12 1.7.1 new X12Parser(true).parse', () =>
      new X12Parser(true).parse(text).functionalGroups[0].transactions[0].segments.length];
  },
  // Fed the whole file in one write, timed like ours (file already in memory): measured
  // faster than piping a file stream into it (8.6 s vs 10.8 s on 100 MB).
  'x12-parser': async () => {
    const { X12parser } = require('x12-parser');
    const bytes = readFileSync(file);
    return ['x12-parser 1.3.0 streaming (segments)', () => new Promise((resolve, reject) => {
      let n = 0;
      const parser = new X12parser();
      parser.on('data', () => n++).on('end', () => resolve(n)).on('error', reject);
      parser.write(bytes);
      parser.end();
    })];
  },
};

const [label, once] = await stages[mode]();
const times = [];
let count = 0;
for (let i = 0; i < runs; i++) {
  const t0 = t();
  count = await once();
  times.push(t() - t0);
}
console.log(JSON.stringify({ label, seconds: Math.min(...times), first: times[0], runs, count,
  peak_kb: process.resourceUsage().maxRSS }));
