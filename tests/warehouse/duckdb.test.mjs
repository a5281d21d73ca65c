// The warehouse path, tested: the CLI's NDJSON of every vendored sample is loaded into DuckDB
// (@duckdb/node-api, a pinned test-only dependency) and the SQL totals (claims, paid, denied
// by payer, top reasons by dollars) must equal the CLI's own JSON report of the same files.
// The queries are the ones docs/warehouse.md shows.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync, existsSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';

const REPO = path.resolve(new URL('../..', import.meta.url).pathname);
const CLI = path.resolve(process.env.DENIAL_CLI ?? path.join(REPO, 'build/core/cli/denial-explainer'));
const SAMPLES = path.join(REPO, 'tests/data/samples/era');

function cli(args) {
  try {
    return execFileSync(CLI, args, { maxBuffer: 1 << 30 }).toString();
  } catch (err) {
    if (err.status === 1 || err.status === 2) return err.stdout.toString(); // read with errors
    throw err;
  }
}

// The load of docs/warehouse.md: only the columns the questions need, amounts as DECIMAL.
const LOAD = (file) => `
CREATE TABLE claims AS
SELECT file_name, payer, payer_id, payment_trace_number, payment_date, duplicate_payment,
       patient_control_number, status, outcome,
       CAST(charge AS DECIMAL(18,2)) AS charge, CAST(paid AS DECIMAL(18,2)) AS paid,
       CAST(money.recoverable AS DECIMAL(18,2)) AS recoverable, adjustments, lines
FROM read_json('${file}', format = 'newline_delimited', columns = {
  file_name: 'VARCHAR', payer: 'VARCHAR', payer_id: 'VARCHAR', payment_trace_number: 'VARCHAR',
  payment_date: 'VARCHAR', duplicate_payment: 'BOOLEAN', patient_control_number: 'VARCHAR',
  status: 'VARCHAR', outcome: 'VARCHAR', charge: 'VARCHAR', paid: 'VARCHAR',
  money: 'STRUCT(recoverable VARCHAR)',
  adjustments: 'STRUCT(code VARCHAR, amount VARCHAR)[]',
  lines: 'STRUCT(adjustments STRUCT(code VARCHAR, amount VARCHAR)[])[]'});`;

let dir, conn, instance, report;
const rows = async (sql) => (await conn.runAndReadAll(sql)).getRowObjectsJson();

before(async () => {
  assert.ok(existsSync(SAMPLES), `${SAMPLES} is missing: the samples are part of the repository`);
  assert.ok(existsSync(CLI), `${CLI} is missing: build the native CLI first`);
  dir = mkdtempSync(path.join(os.tmpdir(), 'denial-warehouse-'));
  const ndjson = path.join(dir, 'claims.ndjson');
  writeFileSync(ndjson, cli(['explain', SAMPLES, '--format', 'ndjson', '--as-of', '2026-06-01']));
  report = JSON.parse(cli(['explain', SAMPLES, '--format', 'json', '--as-of', '2026-06-01']));
  instance = await DuckDBInstance.create(':memory:');
  conn = await instance.connect();
  await conn.run(LOAD(ndjson));
});

after(() => {
  conn?.closeSync();
  instance?.closeSync();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

test('claims and paid: SQL over the NDJSON equals the report summary', async () => {
  const [t] = await rows(`SELECT CAST(count(*) AS VARCHAR) AS claims,
      CAST(sum(paid) AS VARCHAR) AS paid, CAST(sum(charge) AS VARCHAR) AS charge
    FROM claims WHERE NOT duplicate_payment`);
  assert.ok(Number(t.claims) > 50, `only ${t.claims} claims loaded`);
  assert.equal(Number(t.claims), report.summary.claims);
  assert.equal(t.paid, report.summary.total_paid);
  assert.equal(t.charge, report.summary.total_charge);
  const [all] = await rows('SELECT CAST(count(*) AS VARCHAR) AS n FROM claims');
  const inReport = report.transactions.reduce((n, tx) => n + tx.claims.length, 0);
  assert.equal(Number(all.n), inReport, 'one NDJSON line per claim, retransmissions included');
});

test('denied claims and dollars by payer equal the report', async () => {
  const expected = new Map();
  for (const tx of report.transactions) {
    if (tx.duplicate_of !== null) continue;
    for (const c of tx.claims) {
      if (c.outcome !== 'denied' && c.outcome !== 'partially_denied') continue;
      const e = expected.get(tx.payer.name) ?? { claims: 0, cents: 0 };
      e.claims += 1;
      e.cents += Math.round(Number(c.money.recoverable) * 100);
      expected.set(tx.payer.name, e);
    }
  }
  const got = await rows(`SELECT payer, CAST(count(*) AS VARCHAR) AS claims,
      CAST(sum(recoverable) AS VARCHAR) AS recoverable
    FROM claims WHERE NOT duplicate_payment AND outcome IN ('denied', 'partially_denied')
    GROUP BY payer ORDER BY payer`);
  assert.ok(got.length >= 2, 'denials from at least two payers');
  assert.equal(got.length, expected.size);
  for (const g of got) {
    const e = expected.get(g.payer);
    assert.ok(e, `payer ${g.payer} not in the report`);
    assert.equal(Number(g.claims), e.claims, g.payer);
    assert.equal(Math.round(Number(g.recoverable) * 100), e.cents, g.payer);
  }
  const total = got.reduce((n, g) => n + Number(g.claims), 0);
  assert.equal(total, report.summary.denied_claims);
});

test('top reasons by dollars (docs/warehouse.md) equal the report top_reasons', async () => {
  const got = await rows(`WITH adj AS (
      SELECT a.code, CAST(a.amount AS DECIMAL(18,2)) AS amount
      FROM claims, unnest(adjustments) AS t(a)
      WHERE NOT duplicate_payment AND outcome <> 'reversed'
      UNION ALL
      SELECT a.code, CAST(a.amount AS DECIMAL(18,2))
      FROM claims, unnest(lines) AS l(line), unnest(line.adjustments) AS t(a)
      WHERE NOT duplicate_payment AND outcome <> 'reversed')
    SELECT code, CAST(sum(amount) AS VARCHAR) AS amount, CAST(count(*) AS VARCHAR) AS count
    FROM adj GROUP BY code ORDER BY sum(amount) DESC, code LIMIT 10`);
  assert.deepEqual(got.map((r) => ({ code: r.code, amount: r.amount, count: Number(r.count) })),
    report.summary.top_reasons.map((r) => ({ code: r.code, amount: r.amount, count: r.count })));
});

test('denial rate by payer by month runs and covers every counted claim', async () => {
  const got = await rows(`SELECT payer, substr(payment_date, 1, 6) AS month,
      CAST(count(*) AS VARCHAR) AS claims,
      CAST(round(avg(CASE WHEN outcome IN ('denied', 'partially_denied') THEN 1 ELSE 0 END), 4) AS VARCHAR) AS denial_rate
    FROM claims WHERE NOT duplicate_payment GROUP BY ALL ORDER BY payer, month`);
  assert.equal(got.reduce((n, r) => n + Number(r.claims), 0), report.summary.claims);
  for (const r of got) assert.ok(Number(r.denial_rate) >= 0 && Number(r.denial_rate) <= 1);
});

// With 277CA / 999 files in the batch, the rejection lines follow the claims and are told apart
// by `record` (docs/warehouse.md): claims and rejections load into separate tables.
test('a batch with acknowledgments: claims WHERE record IS NULL, rejections apart', async () => {
  const mix = path.join(REPO, 'tests/data/mix');
  const file = path.join(dir, 'mix.ndjson');
  writeFileSync(file, cli(['explain', mix, '--format', 'ndjson', '--as-of', '2026-06-01']));
  const mixReport = JSON.parse(cli(['explain', mix, '--format', 'json', '--as-of', '2026-06-01']));
  const [t] = await rows(`SELECT
      CAST(count(*) FILTER (WHERE record IS NULL) AS VARCHAR) AS claims,
      CAST(count(*) FILTER (WHERE record IS NOT NULL) AS VARCHAR) AS rejections,
      CAST(sum(CAST(paid AS DECIMAL(18,2))) FILTER (WHERE record IS NULL) AS VARCHAR) AS paid
    FROM read_json('${file}', format = 'newline_delimited',
      columns = {record: 'VARCHAR', paid: 'VARCHAR', patient_control_number: 'VARCHAR'})`);
  assert.equal(Number(t.claims), mixReport.summary.claims);
  assert.equal(t.paid, mixReport.summary.total_paid);
  assert.equal(Number(t.rejections), mixReport.acknowledgments.rejections.length);
  assert.ok(Number(t.rejections) > 0, 'the mix has rejections to work');
});
