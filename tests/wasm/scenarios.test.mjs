// The scenario suite (tests/data/scenarios) through the wasm API: the same comparison as
// tests/core/scenario_test.cpp, one test per expected.csv row, with the session options
// {asOf, appealDays, filingDays} of the JavaScript API.
import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { engine, FIXTURES, REPO } from './common.mjs';

const DIR = path.join(FIXTURES, 'scenarios');

/** RFC 4180 rows (quoted fields, doubled quotes). */
function csv(text) {
  const rows = [];
  let row = [], field = '', quoted = false, started = false;
  const endField = () => { row.push(field); field = ''; started = false; };
  for (let i = 0; i < text.length; ++i) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') { field += '"'; ++i; } else if (c === '"') quoted = false; else field += c;
    } else if (c === '"') { quoted = true; started = true; }
    else if (c === ',') { endField(); started = true; }
    else if (c === '\r' || c === '\n') {
      if (c === '\r' && text[i + 1] === '\n') ++i;
      if (started || field !== '' || row.length) { endField(); rows.push(row); }
      row = [];
    } else { field += c; started = true; }
  }
  if (started || field !== '' || row.length) { endField(); rows.push(row); }
  const [head, ...body] = rows;
  return body.map((r) => Object.fromEntries(head.map((h, i) => [h, r[i] ?? ''])));
}

const rows = csv(readFileSync(path.join(DIR, 'expected.csv'), 'utf8'));
const str = (o, k) => (o && o[k] !== undefined && o[k] !== null ? String(o[k]) : '');
// pair_rules.csv: id -> family (the table applied before the single-code defaults).
const pairFamilies = new Map(csv(readFileSync(path.join(REPO, 'core/data/guidance/pair_rules.csv'), 'utf8')).map((p) => [p.id, p.family]));
/** Every adjustment of a claim, claim level and line level. */
const adjustmentsOf = (claim) => [...(claim.adjustments ?? []), ...(claim.lines ?? []).flatMap((l) => l.adjustments ?? [])];
/** An adjustment's guidance: inline (expanded form) or in the report's `codes` (compact). */
const guidanceOf = (report, a) => a.guidance ?? report.codes?.[a.codes_key ?? `${a.group}-${a.reason}`]?.guidance;
/** The family the report gives the adjustments decided by pair row `id`, or '' when none is. */
const familyOfPairOn = (report, claim, id) => str(adjustmentsOf(claim).map((a) => guidanceOf(report, a)).find((g) => g?.rule === id), 'rule_family');

let e;
before(async () => { e = await engine(); });

test('at least 60 files, 80 claims, every file has rows, every source id is registered', () => {
  const files = readdirSync(DIR).filter((f) => f.endsWith('.835'));
  assert.ok(files.length >= 60, `${files.length} files`);
  assert.ok(rows.length >= 80, `${rows.length} rows`);
  const withRows = new Set(rows.map((r) => r.file));
  for (const f of files) assert.ok(withRows.has(f), `${f} has no row`);
  const known = new Set(csv(readFileSync(path.join(REPO, 'core/data/guidance/sources.csv'), 'utf8')).map((s) => s.id));
  for (const r of rows)
    for (const id of r.sources.split(';').filter(Boolean)) assert.ok(known.has(id), `${r.file} ${r.claim}: unknown source ${id}`);
});

// Rows with the same file and claim (reversal + correction share CLP01) match in order.
const seen = new Map();
for (const r of rows) {
  const key = `${r.file}\n${r.claim}`;
  const occurrence = seen.get(key) ?? 0;
  seen.set(key, occurrence + 1);
  test(`${r.file} ${r.claim}${occurrence ? ` #${occurrence + 1}` : ''}`, () => {
    const options = { asOf: r.as_of };
    if (r.appeal_days !== '') options.appealDays = Number(r.appeal_days);
    if (r.filing_days !== '') options.filingDays = Number(r.filing_days);
    const s = e.openSession(options);
    try {
      const status = s.addFile(r.file, readFileSync(path.join(DIR, r.file)));
      assert.notEqual(status.status, 'unreadable', r.file);
      const report = JSON.parse(s.reportJson());
      const claims = report.transactions.flatMap((t) => t.claims ?? []).filter((c) => c.patient_control_number === r.claim);
      const claim = claims[occurrence];
      assert.ok(claim, `${r.file}: no claim ${r.claim}`);
      const where = `${r.file} ${r.claim} (${r.rule})`;
      assert.equal(claim.outcome, r.outcome, `${where}: outcome`);
      for (const b of ['recoverable', 'patient', 'write_off', 'other'])
        assert.equal(str(claim.money, b), r[b], `${where}: money.${b}`);
      const primary = (claim.actions ?? [])[0] ?? {};
      assert.equal(str(primary, 'action'), r.primary_action, `${where}: primary action`);
      assert.equal(str(primary, 'act_by'), r.act_by, `${where}: act_by`);
      assert.equal(str(primary, 'deadline_owner'), r.deadline_owner, `${where}: deadline_owner`);
      // Compact report: deadline_passed is left out when false.
      if (r.act_by !== '') assert.equal(primary.deadline_passed ?? false, r.as_of > r.act_by, `${where}: deadline_passed`);
      if (r.pair_rule !== '') {
        assert.ok(pairFamilies.has(r.pair_rule), `${where}: ${r.pair_rule} is not in pair_rules.csv`);
        assert.equal(familyOfPairOn(report, claim, r.pair_rule), pairFamilies.get(r.pair_rule), `${where}: no adjustment decided by ${r.pair_rule}`);
      }
    } finally {
      s.close();
    }
  });
}

// Issue 14: every pair family is applied in at least one scenario. Each row naming a pair is
// explained again, and the family is read from the report, so a family whose scenarios are
// missing (or no longer resolve to its pairs) fails.
test('every pair family in pair_rules.csv has a scenario that resolves to one of its rows', () => {
  const wanted = new Set(pairFamilies.values());
  assert.ok(wanted.size >= 10, `${wanted.size} families`);
  for (const [id, f] of pairFamilies) assert.ok(!!f, `${id} has no family`);
  const seen = new Set();
  const occurrences = new Map();
  for (const r of rows) {
    const key = `${r.file}\n${r.claim}`;
    const occurrence = occurrences.get(key) ?? 0;
    occurrences.set(key, occurrence + 1);
    if (r.pair_rule === '') continue;
    const s = e.openSession({ asOf: r.as_of });
    try {
      s.addFile(r.file, readFileSync(path.join(DIR, r.file)));
      const report = JSON.parse(s.reportJson());
      const claim = report.transactions.flatMap((t) => t.claims ?? []).filter((c) => c.patient_control_number === r.claim)[occurrence];
      const family = claim ? familyOfPairOn(report, claim, r.pair_rule) : '';
      if (family) seen.add(family);
    } finally {
      s.close();
    }
  }
  const missing = [...wanted].filter((f) => !seen.has(f));
  assert.deepEqual(missing, [], `families without a scenario: ${missing.join(', ')}`);
});
