// 277CA and 999 in the wasm build: native CLI and wasm give byte-identical JSON reports for
// every acknowledgment sample, our quirk files, the malformed-acknowledgment suite and the
// mixed batch read together; the new entry point (acknowledgments) and lookup of the new
// code lists answer as natively.
import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { engine, CLI, DIST, FIXTURES } from './common.mjs';

let e;
let core;
before(async () => {
  e = await engine();
  // The raw embind module, for the entry points the JS API does not wrap (yet).
  globalThis.require ??= createRequire(import.meta.url);
  globalThis.__dirname ??= DIST;
  const { default: createDenialCore } = await import(path.join(DIST, 'denial-core.mjs'));
  core = await createDenialCore({ wasmBinary: readFileSync(path.join(DIST, 'denial-core.wasm')) });
});

function native(args) {
  try {
    return execFileSync(CLI, args, { maxBuffer: 1 << 28 }).toString();
  } catch (err) {
    return err.stdout.toString(); // exit 1/2 still prints the report
  }
}

function firstDifference(a, b) {
  let i = 0;
  while (i < a.length && a[i] === b[i]) i++;
  return `differ at ${i}: native …${a.slice(Math.max(0, i - 80), i + 80)}… wasm …${b.slice(Math.max(0, i - 80), i + 80)}…`;
}

const folders = ['samples/277ca', 'samples/999', 'ack', 'malformed_ack'];
const files = folders.flatMap((dir) =>
  readdirSync(path.join(FIXTURES, dir))
    .filter((f) => !f.endsWith('.md') && !f.endsWith('.csv'))
    .map((f) => path.join(FIXTURES, dir, f)));

test('the acknowledgment inputs are all there', () => {
  assert.ok(files.length >= 19 + 5 + 30, `${files.length} files`);
});

for (const file of files) {
  test(`parity ${path.relative(FIXTURES, file)}`, () => {
    const n = native(['explain', file, '--format', 'json']);
    const s = e.openSession();
    s.addFile(path.basename(file), readFileSync(file));
    const w = s.reportJson();
    s.close();
    if (w + '\n' !== n) assert.fail(firstDifference(n, w));
    const kind = JSON.parse(w).files[0].kind;
    assert.ok(['277CA', '999', 'unknown'].includes(kind), kind);
  });
}

test('parity of the mixed batch (999, two 277CA, 835) read together', () => {
  const dir = path.join(FIXTURES, 'mix');
  const names = readdirSync(dir).filter((f) => !f.endsWith('.md')).sort();
  const paths = names.map((f) => path.join(dir, f));
  const n = native(['explain', ...paths, '--format', 'json']);
  const s = e.openSession();
  for (const f of names) s.addFile(f, readFileSync(path.join(dir, f)));
  const w = s.reportJson();
  const nd = s.ndjson();
  s.close();
  if (w + '\n' !== n) assert.fail(firstDifference(n, w));
  const report = JSON.parse(w);
  assert.deepEqual(report.files.map((f) => f.kind), ['999', '277CA', '277CA', '835']);
  const a1 = report.acknowledgments.claim_history.find((h) => h.patient_control_number === 'MIX-A1');
  assert.equal(a1.state, 'resubmitted_remitted');
  assert.deepEqual(a1.events.map((x) => x.event), ['rejected', 'accepted', 'paid_with_contractual_reductions']);
  assert.deepEqual(report.acknowledgments.rejections.map((r) => r.patient_control_number), ['MIX-B2', 'MIX-C3', '']);
  assert.equal(nd, native(['explain', ...paths, '--format', 'ndjson']));
});

test('raw entry points: acknowledgments, summary and lookup of the new lists', () => {
  const h = core.openSession(32 * 1024 * 1024, 512 * 1024 * 1024, '{}');
  const dir = path.join(FIXTURES, 'mix');
  for (const f of readdirSync(dir).filter((f) => !f.endsWith('.md')).sort()) {
    const bytes = readFileSync(path.join(dir, f));
    const stage = core.stageInput(bytes.length);
    core.stagedView(stage).set(bytes);
    const status = JSON.parse(core.addStagedFile(h, f, stage));
    assert.equal(status.kind, f.endsWith('.835') ? '835' : f.endsWith('.999') ? '999' : '277CA');
    if (f === '02_first_answer.277ca') assert.equal(status.acknowledgments.rejected_claims, 2);
  }
  const acks = JSON.parse(core.acknowledgments(h, false));
  assert.equal(acks.summary.rejected_not_resubmitted, 2);
  assert.equal(acks.rejections.length, 3);
  const masked = core.acknowledgments(h, true);
  assert.ok(!masked.includes('MIX-B2') && !masked.includes('ROE'), 'masked');
  assert.equal(JSON.parse(core.summary(h)).acknowledgments.rejections_to_work, 3);
  core.closeSession(h);
  for (const q of ['A7', '562', 'A7:562:85', 'IK403 7']) {
    const n = JSON.parse(native(['lookup', q, '--format', 'json']))[0];
    assert.deepEqual(JSON.parse(core.lookup(q)), n, q);
  }
  const stc = JSON.parse(core.lookup('A7:562:85'));
  assert.equal(JSON.stringify(stc).includes('Billing Provider'), true);
});
