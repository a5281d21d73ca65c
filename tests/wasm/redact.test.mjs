// Session.redactedCopy(file) in Node (the trends-only copy the page's library keeps): read
// in a fresh session it gives the same summary money and trends, without the patient names,
// member IDs and account numbers of the originals; the file status counts retransmissions,
// and a copy read after its original is one.
import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { engine, REPO } from './common.mjs';

const SAMPLES = path.join(REPO, 'tests/data/samples/era');
const MONEY = ['claims', 'total_charge', 'total_paid', 'total_payments', 'provider_adjustment_total', 'denied_amount', 'recoverable_amount', 'patient_amount', 'denied_claims', 'duplicate_payments'];
let e;

/** Calls visit(key, value, owner) for every string in a JSON value. */
function walk(node, visit, key = '', owner = null) {
  if (typeof node === 'string') visit(key, node, owner);
  else if (Array.isArray(node)) for (const x of node) walk(x, visit, key, owner);
  else if (node && typeof node === 'object') for (const [k, v] of Object.entries(node)) walk(v, visit, k, node);
}

before(async () => { e = await engine(); });

test('trends-only copies read to the same money and trends, with no patient names, IDs or account numbers', () => {
  const original = e.openSession({ asOf: '2026-01-15' });
  const copies = e.openSession({ asOf: '2026-01-15' });
  let copied = 0;
  for (const f of readdirSync(SAMPLES).sort()) {
    const status = original.addFile(f, readFileSync(path.join(SAMPLES, f)));
    const copy = original.redactedCopy(status.file);
    if (status.kind !== '835') {
      assert.equal(copy, '', f);
      continue;
    }
    assert.ok(copy.length > 0, f);
    copies.addFile(f, copy);
    copied++;
  }
  assert.ok(copied > 30);
  const a = original.summary().summary;
  const b = copies.summary().summary;
  for (const k of MONEY) assert.equal(b[k], a[k], k);
  assert.deepEqual(copies.trends(), original.trends());
  // Identifiers: patient and insured names and IDs, account and payer claim numbers. A value
  // that the original also holds elsewhere (a trace number equal to a claim number) is not
  // counted: the copy keeps that other field.
  const secrets = new Set();
  const others = new Set();
  walk(JSON.parse(original.reportJson()), (key, value, owner) => {
    const person = ['QC', 'IL', '74', 'GB'].includes(owner?.entity) && ['last', 'first', 'middle', 'id'].includes(key);
    if (person || ['patient_control_number', 'payer_claim_number', 'patient_name'].includes(key)) {
      if (value.length >= 4) secrets.add(value);
    } else {
      others.add(value);
    }
  });
  for (const v of others) secrets.delete(v);
  assert.ok(secrets.size > 100, `${secrets.size} identifiers`);
  const kept = new Set();
  walk(JSON.parse(copies.reportJson()), (key, value) => kept.add(value));
  assert.deepEqual([...secrets].filter((v) => kept.has(v)), []);
  const copyRows = copies.rows({ limit: 100000, sort: '' }).rows;
  assert.equal(copyRows.length, original.rows({ limit: 100000, sort: '' }).total);
  for (const r of copyRows) {
    assert.equal(r.patient_name ?? '', '');
    assert.match(r.patient_control_number, /^R\d+$/);
  }
  original.close();
  copies.close();
});

test('the status counts retransmissions: a copy after its original repeats every payment', () => {
  const s = e.openSession();
  const bytes = readFileSync(path.join(REPO, 'tests/data/denied_claim.835'));
  const first = s.addFile('denied_claim.835', bytes);
  assert.equal(first.retransmissions, 0);
  const copy = s.redactedCopy(first.file);
  assert.ok(!copy.includes('BROOKS') && !copy.includes('MBR700801') && !copy.includes('DEN0001'));
  const second = s.addFile('copy.835', copy);
  assert.equal(second.transactions, 1);
  assert.equal(second.retransmissions, 1);
  assert.equal(s.summary().summary.duplicate_payments, 1);
  assert.equal(s.redactedCopy(99), '');
  s.close();
});
