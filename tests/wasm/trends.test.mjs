// Session.trends(slice) in Node: totals equal the summary, a payer slice narrows trends and
// rows alike, and nothing of the patient is in the answer.
import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { engine, REPO } from './common.mjs';

const SAMPLES = path.join(REPO, 'tests/data/samples/era');
let e;
before(async () => { e = await engine(); });

test('trends total is the summary; payer slices partition it; rows follow the slice', () => {
  const s = e.openSession();
  for (const f of readdirSync(SAMPLES).sort()) s.addFile(f, readFileSync(path.join(SAMPLES, f)));
  const summary = s.summary().summary;
  const t = s.trends();
  assert.equal(t.total.claims, summary.claims);
  assert.equal(t.total.billed, summary.total_charge);
  assert.equal(t.total.recoverable, summary.recoverable_amount);
  assert.equal(t.total.denied, summary.denied_amount);
  assert.equal(t.payers.rows.reduce((n, r) => n + r.claims, 0), summary.claims);
  assert.ok(t.months.rows.length > 1);
  assert.equal(t.payer_months.length, t.payers.rows.length);
  const top = t.payers.rows[0];
  const narrowed = s.trends({ payer: top.key });
  assert.equal(narrowed.total.claims, top.claims);
  assert.equal(narrowed.payers.rows.length, 1);
  const page = s.rows({ slice: { payer: top.key }, limit: 1000, sort: '' });
  assert.ok(page.total >= top.claims);  // retransmitted copies are listed but not counted
  // No patient names in the trends answer.
  const names = s.rows({ limit: 1000 }).rows.map((r) => r.patient_name).filter((n) => n && n.length > 3);
  const text = JSON.stringify(t);
  for (const n of names) assert.ok(!text.includes(n), `patient name ${n} in trends`);
  s.close();
});
