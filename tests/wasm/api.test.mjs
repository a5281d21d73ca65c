// Every function declared in web/engine/denial-api.d.ts exists and works in Node.
import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { engine, FIXTURES, REPO, DIST } from './common.mjs';

let e;
before(async () => { e = await engine(); });

const fixture = (name) => readFileSync(path.join(FIXTURES, name));

test('every declared method exists', () => {
  const dts = readFileSync(path.join(REPO, 'web/engine/denial-api.d.ts'), 'utf8');
  const declared = (cls) => [...dts.split(`declare class ${cls}`)[1].split('}')[0].matchAll(/^\s+(\w+)\(/gm)].map((m) => m[1]);
  const session = e.openSession();
  for (const m of declared('DenialExplainer')) assert.equal(typeof e[m], 'function', `DenialExplainer.${m}`);
  for (const m of declared('Session')) assert.equal(typeof session[m], 'function', `Session.${m}`);
  session.close();
});

test('version is the project version', () => {
  const cmake = readFileSync(path.join(REPO, 'CMakeLists.txt'), 'utf8');
  assert.equal(e.version(), cmake.match(/VERSION (\d+\.\d+\.\d+)/)[1]);
});

test('explain accepts bytes, ArrayBuffer and text alike', () => {
  const bytes = fixture('sequestration.835');
  const a = e.explain(bytes, { name: 'x' });
  const b = e.explain(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength), { name: 'x' });
  const c = e.explain(bytes.toString('latin1'), { name: 'x' });
  assert.equal(a.schema_version, '4.0');
  assert.deepEqual(a.summary, b.summary);
  assert.deepEqual(a.summary, c.summary);
  assert.equal(a.summary.claims, 1);
});

test('errors are values with diagnostic codes', () => {
  assert.equal(e.explain(42).error.code, 'bad_input');
  const r = e.explain('<html><body>hello</body></html>', { name: 'page.html' });
  assert.equal(r.files[0].status, 'unreadable');
  assert.equal(r.diagnostics[0].code, 'not_835_html');
  assert.equal(e.explain('', { name: 'empty' }).diagnostics[0].code, 'empty_input');
});

test('session: summary, paged rows with filters, claim detail, raw segments', () => {
  const s = e.openSession();
  const status = s.addFile('denied_claim.835', fixture('denied_claim.835'));
  assert.equal(status.status, 'read');
  assert.equal(status.claims, 2);
  const sum = s.summary();
  assert.equal(sum.summary.claims, 2);
  assert.equal(sum.transactions[0].claims, undefined, 'summary carries no claims');
  const all = s.rows({ sort: 'charge', descending: true, limit: 1 });
  assert.equal(all.total, 2);
  assert.equal(all.rows.length, 1);
  assert.equal(all.rows[0].charge, '1350.00');
  assert.equal(s.rows({ code: 'MA130' }).total, 1);
  assert.equal(s.rows({ code: 'co-197' }).total, 1);
  assert.equal(s.rows({ outcome: 'denied' }).total, 1);
  const claim = s.claim(all.rows[0].row);
  assert.equal(claim.charge, '1350.00');
  assert.ok(claim.lines.length > 0);
  assert.match(s.rawSegments(all.rows[0].row), /^CLP\*/);
  assert.equal(s.claim(9999), null);
  s.close();
});

test('lookup and search', () => {
  const l = e.lookup('CO-253');
  const carc = l.matches.find((m) => m.list === 'carc');
  assert.equal(carc.description, 'Sequestration - reduction in federal payment');
  assert.equal(carc.guidance.action, 'write_off');
  assert.equal(e.lookup('ZZ999').found, false);
  assert.equal(e.search('timely filing').hits[0].code, '29');
});

test('exports: worklist CSV, JSON, NDJSON, text, masked', () => {
  const s = e.openSession();
  s.addFile('xss_names.835', fixture('xss_names.835'));
  const csv = s.worklistCsv();
  for (const line of csv.trim().split('\r\n'))
    for (const cell of line.split(',')) assert.doesNotMatch(cell, /^[=+\-@]/, cell);
  const json = JSON.parse(s.reportJson());
  assert.equal(json.schema_version, '4.0');
  const lines = s.ndjson().trim().split('\n');
  assert.equal(lines.length, json.summary.claims);
  assert.match(s.text(), /DENIAL EXPLAINER/);
  const masked = s.reportJson({ mask: true });
  for (const c of json.transactions[0].claims) if (c.patient_name) assert.ok(!masked.includes(c.patient_name), c.patient_name);
  s.close();
});

test('big-file mode gives the same summary and claim detail on demand', () => {
  const bytes = fixture('several_st.835');
  const normal = e.openSession();
  normal.addFile('f', bytes);
  const big = e.openSession({ keepClaimsUpTo: 0 });
  const st = big.addFile('f', bytes);
  assert.equal(st.big_file_mode, true);
  assert.deepEqual(big.summary().summary, normal.summary().summary);
  const row = normal.rows({ sort: '' }).rows[2].row;
  assert.deepEqual(big.claim(row), normal.claim(row));
  normal.close();
  big.close();
});

test('the browser build states its largest file: 512 MiB, and the boundary is exact', async () => {
  const { DEFAULT_MAX_FILE_BYTES } = await import(path.join(DIST, 'denial-api.js'));
  assert.equal(DEFAULT_MAX_FILE_BYTES, 512 * 1024 * 1024);
  const bytes = fixture('sequestration.835');
  const at = e.openSession({ maxFileBytes: bytes.length });
  assert.equal(at.addFile('at-limit', bytes).status, 'read');
  at.close();
  const over = e.openSession({ maxFileBytes: bytes.length - 1 });
  const st = over.addFile('over-limit', bytes);
  assert.equal(st.diagnostics[0].code, 'input_too_large');
  assert.match(st.diagnostics[0].message, new RegExp(`${bytes.length} bytes; this build accepts up to ${bytes.length - 1}`));
  over.close();
});

test('files above the size limit are refused with input_too_large', () => {
  const s = e.openSession({ maxFileBytes: 100 });
  const st = s.addFile('big', fixture('sequestration.835'));
  assert.equal(st.status, 'unreadable');
  assert.equal(st.diagnostics[0].code, 'input_too_large');
  s.close();
});

test('a refused file is not copied in, and the files after it still open claims and segments', () => {
  const small = fixture('sequestration.835');
  const big = fixture('several_st.835');
  assert.ok(big.length > small.length);
  const s = e.openSession({ maxFileBytes: small.length });
  const refused = s.addFile('too-big.835', big);
  assert.equal(refused.status, 'unreadable');
  assert.equal(refused.diagnostics[0].code, 'input_too_large');
  assert.match(refused.diagnostics[0].message, new RegExp(`${big.length} bytes; this build accepts up to ${small.length}`));
  const ok = s.addFile('ok.835', small);
  assert.equal(ok.status, 'read');
  assert.equal(ok.file, 1);
  const first = s.rows({ sort: '' }).rows[0];
  assert.equal(first.file, 1);
  assert.equal(s.claim(first.row).file_name, 'ok.835');
  assert.equal(s.claim(first.row).patient_control_number, 'SEQ0001');
  assert.match(s.rawSegments(first.row), /^CLP\*SEQ0001\*/);  // the second file's bytes
  s.close();
});

test('a file no engine memory can hold is an out_of_memory value, not an exception', () => {
  // Claims 4.5 GiB (beyond the 32-bit engine's address space) without allocating it.
  class Huge extends Uint8Array { get length() { return 4.5 * 2 ** 30; } }
  const s = e.openSession({ maxFileBytes: 8 * 2 ** 30 });
  const st = s.addFile('huge.835', new Huge(16));
  assert.equal(st.status, 'unreadable');
  assert.equal(st.diagnostics[0].code, 'out_of_memory');
  // The engine still works afterwards.
  assert.equal(s.addFile('ok.835', fixture('sequestration.835')).status, 'read');
  s.close();
  assert.equal(e.scan(new Huge(16)).readable, false);
});

test('addBlob reads a Blob chunk by chunk into the engine: same answer as addFile, with progress', async () => {
  const bytes = fixture('several_st.835');
  const a = e.openSession();
  const viaBytes = a.addFile('f.835', bytes);
  const b = e.openSession();
  const seen = [];
  // Small chunks: many reads, each into a fresh view of the staging buffer.
  const chunks = [];
  for (let at = 0; at < bytes.length; at += 97) chunks.push(bytes.subarray(at, at + 97));
  const viaBlob = await b.addBlob('f.835', new Blob(chunks), { onProgress: (loaded, total) => seen.push([loaded, total]) });
  assert.deepEqual(viaBlob, viaBytes);
  assert.deepEqual(b.summary().summary, a.summary().summary);
  assert.ok(seen.length >= 1);
  assert.deepEqual(seen.at(-1), [bytes.length, bytes.length]);
  for (let i = 1; i < seen.length; i++) assert.ok(seen[i][0] > seen[i - 1][0]);
  a.close();
  b.close();
});

test('addBlob: too large refused unread, abort rejects and leaves the engine working, non-blobs are bad_input', async () => {
  const small = fixture('sequestration.835');
  const s = e.openSession({ maxFileBytes: small.length });
  let read = false;
  const big = new Blob([fixture('several_st.835')]);
  big.stream = () => { read = true; throw new Error('must not be read'); };
  const refused = await s.addBlob('big.835', big);
  assert.equal(refused.diagnostics[0].code, 'input_too_large');
  assert.equal(read, false);
  const controller = new AbortController();
  controller.abort();
  await assert.rejects(s.addBlob('x.835', new Blob([small]), { signal: controller.signal }), { name: 'AbortError' });
  assert.equal((await s.addBlob('ok.835', new Blob([small]))).status, 'read');
  assert.equal((await s.addBlob('no.835', small)).diagnostics[0].code, 'bad_input');
  s.close();
});

test('advice options: as-of date and contractual windows reach the engine', () => {
  const bytes = fixture('advice_medicare.835');
  const claimsOf = (report) => Object.fromEntries(report.transactions[0].claims.map((c) => [c.patient_control_number, c]));
  const early = e.explain(bytes, { name: 'a.835', asOf: '2026-02-01', appealDays: 90 });
  assert.equal(early.options.as_of, '2026-02-01');
  assert.equal(early.options.appeal_days, 90);
  const c = claimsOf(early);
  assert.equal(c.MN01.actions[0].action, 'appeal');
  assert.equal(c.MN01.actions[0].act_by, '2026-05-20');
  assert.equal(c.MN01.actions[0].deadline_owner, 'medicare');
  assert.equal(c.MN02.actions[0].act_by, '2026-04-15');
  assert.equal(c.MN02.actions[0].deadline_owner, 'contract');
  const late = claimsOf(e.explain(bytes, { name: 'a.835', asOf: '2026-06-01' }));
  assert.equal(late.MN01.actions[0].action, 'write_off');
  assert.equal(late.MN01.actions[0].deadline_passed, true);
  // Default: today, computed in JavaScript.
  assert.match(e.explain(bytes, { name: 'a.835' }).options.as_of, /^\d{4}-\d{2}-\d{2}$/);
  // Sessions take the same options; rows carry the primary action's date.
  const s = e.openSession({ asOf: '2026-02-01' });
  s.addFile('a.835', bytes);
  const rows = s.rows({ outcome: 'needs_action' }).rows;
  assert.ok(rows.some((r) => r.act_by === '2026-05-20' && r.deadline_owner === 'medicare'));
  assert.match(s.worklistCsv(), /,act_by,deadline_owner,/);
  s.close();
});
