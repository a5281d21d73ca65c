// JS-side benchmark, printing only: our wasm core in Node vs the most used JavaScript X12
// parsers from npm doing their own parse of the same file, each in its own process (so peak
// memory is its own). Native figures come from bench_parse in the same run.
//   node tests/bench/bench_js.mjs [FILE]   (default: generates 100 MB with bench_parse --keep)
// Peers are installed only here: (cd tests/bench/js && npm install).
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const repo = path.resolve(here, '../..');
const bench = path.join(repo, 'build/tests/bench_parse');
let file = process.argv[2];
let nativeTable = '';
if (!file) {
  file = '/tmp/denial-bench-js.835';
  nativeTable = execFileSync(bench, ['100', '--keep', file]).toString();
} else {
  // Same layout as the driver's table, for the two stages the wasm runs too.
  const sizeMb = statSync(file).size / (1024 * 1024);
  nativeTable = 'native (this machine, same file):\n';
  for (const [mode, label] of [['parse', 'read + model + balance (stream)'], ['explain', 'full explain, one row per claim']]) {
    const [s] = execFileSync(bench, ['--file', file, '--mode', mode]).toString().trim().split(' ');
    nativeTable += `${label.padEnd(34)} ${(sizeMb / Number(s)).toFixed(0).padStart(9)}\n`;
  }
}
const mb = statSync(file).size / (1024 * 1024);

// node-x12 takes ~30 s and 5.5 GB a run: one run; the others best of 3, like the native stages.
function run(mode) {
  const runs = mode === 'node-x12' ? '1' : '3';
  const r = spawnSync(process.execPath, ['--max-old-space-size=16000', path.join(here, 'bench_js_stage.mjs'), mode, file, runs],
    { encoding: 'utf8', timeout: 600_000 });
  if (r.status !== 0) return { error: (r.stderr || r.error?.message || 'failed').trim().split('\n').pop() };
  return JSON.parse(r.stdout.trim().split('\n').pop());
}

console.log(nativeTable.trim());
const nativeExplain = (nativeTable.match(/full explain[^\n]*?\s(\d+)\s/) ?? [])[1];
const nativeParse = (nativeTable.match(/read \+ model[^\n]*?\s(\d+)\s/) ?? [])[1];
console.log(`\nsame file in Node ${process.version}: ${mb.toFixed(1)} MB`);
console.log(`${'engine (best of runs)'.padEnd(44)} ${'MB/s'.padStart(8)} ${'seconds'.padStart(8)} ${'first run s'.padStart(12)} ${'runs'.padStart(5)} ${'peak RSS MB'.padStart(12)} ${'segments/claims'.padStart(16)}`);
const results = {};
for (const mode of ['wasm-parse', 'wasm-explain', 'node-x12', 'x12-parser']) {
  if (!mode.startsWith('wasm') && !existsSync(path.join(here, 'js/node_modules', mode))) {
    console.log(`${mode.padEnd(44)} SKIPPED: run (cd tests/bench/js && npm install)`);
    continue;
  }
  const r = run(mode);
  results[mode] = r;
  if (r.error) console.log(`${mode.padEnd(44)} FAILED: ${r.error}`);
  else console.log(`${r.label.padEnd(44)} ${(mb / r.seconds).toFixed(0).padStart(8)} ${r.seconds.toFixed(2).padStart(8)} ${r.first.toFixed(2).padStart(12)} ${String(r.runs).padStart(5)} ${(r.peak_kb / 1024).toFixed(0).padStart(12)} ${String(r.count).padStart(16)}`);
}
console.log('');
for (const [mode, native, what] of [['wasm-parse', nativeParse, 'read+model+balance'], ['wasm-explain', nativeExplain, 'explain']]) {
  const w = results[mode];
  if (!w || w.error) continue;
  if (native) console.log(`wasm/native ${what} throughput: ${((mb / w.seconds) / Number(native)).toFixed(2)}`);
  for (const peer of ['node-x12', 'x12-parser']) {
    const p = results[peer];
    if (p && !p.error) console.log(`wasm ${what} vs ${peer} parse: ${(p.seconds / w.seconds).toFixed(1)}x faster`);
  }
}
