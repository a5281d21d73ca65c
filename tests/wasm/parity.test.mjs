// Native CLI and wasm must give byte-identical JSON reports for every fixture and sample.
import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
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
