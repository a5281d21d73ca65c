// Native CLI and wasm must give byte-identical JSON reports for every fixture and sample.
import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { engine, inputFiles, CLI, SAMPLES } from './common.mjs';

let e;
before(async () => { e = await engine(); });

assert.ok(existsSync(SAMPLES), `${SAMPLES} is missing: the samples are part of the repository`);

for (const file of inputFiles()) {
  test(`parity ${path.basename(file)}`, () => {
    let native;
    try {
      native = execFileSync(CLI, ['explain', file, '--format', 'json'], { maxBuffer: 1 << 28 }).toString();
    } catch (err) {
      native = err.stdout.toString(); // exit 1/2 still prints the report
    }
    const s = e.openSession();
    s.addFile(path.basename(file), readFileSync(file));
    const wasm = s.reportJson();
    s.close();
    // Compare without dumping megabytes of JSON on failure: first difference and its context.
    if (wasm + '\n' !== native) {
      let i = 0;
      while (i < native.length && native[i] === wasm[i]) i++;
      assert.fail(`wasm and native differ at ${i}: native …${native.slice(Math.max(0, i - 80), i + 80)}… wasm …${wasm.slice(Math.max(0, i - 80), i + 80)}…`);
    }
    // Determinism: a second run is byte-identical too.
    const again = e.openSession();
    again.addFile(path.basename(file), readFileSync(file));
    assert.ok(again.reportJson() === wasm, 'second run differs');
    again.close();
  });
}

// The whole batch in one report: the CLI reading files on two threads and on one, and the
// wasm session reading them one by one, give the same compact JSON (schema 3.0, `codes`
// dictionary) and the same NDJSON.
test('parity of the compact JSON for every sample read together (--jobs 1 and 2)', () => {
  const files = readdirSync(SAMPLES).filter((f) => !f.endsWith('.md')).sort().map((f) => path.join(SAMPLES, f));
  const run = (args) => {
    try {
      return execFileSync(CLI, ['explain', ...files, ...args], { maxBuffer: 1 << 28 }).toString();
    } catch (err) {
      return err.stdout.toString();
    }
  };
  const s = e.openSession();
  for (const f of files) s.addFile(path.basename(f), readFileSync(f));
  const wasm = s.reportJson();
  const wasmNd = s.ndjson();
  const wasmInline = s.reportJson({ inlineTexts: true });
  s.close();
  // The expanded form, for people reading it: the same bytes as the CLI's --inline-texts.
  const inline = JSON.parse(wasmInline);
  assert.equal(inline.codes, undefined, 'expanded: no codes dictionary');
  assert.ok(inline.transactions.some((t) => t.claims.some((c) => c.adjustments?.some((a) => a.guidance?.action_label))), 'expanded: guidance inline');
  assert.ok(run(['--format', 'json', '--inline-texts']) === wasmInline + '\n', 'wasm inlineTexts differs from the CLI --inline-texts');
  const report = JSON.parse(wasm);
  assert.equal(report.schema_version, '4.0');
  assert.ok(Object.keys(report.codes).length > 50, 'codes dictionary');
  for (const jobs of ['1', '2']) {
    const native = run(['--format', 'json', '--jobs', jobs]);
    if (wasm + '\n' !== native) {
      let i = 0;
      while (i < native.length && native[i] === wasm[i]) i++;
      assert.fail(`--jobs ${jobs}: wasm and native differ at ${i}: native …${native.slice(Math.max(0, i - 80), i + 80)}… wasm …${wasm.slice(Math.max(0, i - 80), i + 80)}…`);
    }
    assert.ok(run(['--format', 'ndjson', '--jobs', jobs]) === wasmNd, `--jobs ${jobs}: NDJSON differs`);
  }
});
