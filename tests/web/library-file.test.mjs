// The local library's page-side helpers in Node: the plain-JavaScript SHA-256 (used where
// crypto.subtle is missing) equals node:crypto; the library file round-trips text and
// non-UTF-8 bytes and refuses what is not a library file.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash, randomBytes } from 'node:crypto';
import { sha256Plain, sha256Hex } from '../../web/page/app-library-digest.js';
import { libraryFileText, readLibraryFile } from '../../web/page/app-library-file.js';

test('sha256Plain equals node:crypto at every padding edge', async () => {
  for (const n of [0, 1, 55, 56, 57, 63, 64, 65, 119, 120, 1000, 65536]) {
    const bytes = randomBytes(n);
    assert.equal(sha256Plain(new Uint8Array(bytes)), createHash('sha256').update(bytes).digest('hex'), `${n} bytes`);
  }
  assert.equal(await sha256Hex(new Blob(['abc'])), 'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
});

test('a library file keeps text as text, other bytes as base64, and reads back the same', async () => {
  const text = 'ISA*00*~ST*835*0001~';
  const latin1 = new Uint8Array([0x49, 0x53, 0x41, 0xe9, 0x7e]);   // "ISA" + é in Latin-1: not UTF-8
  const records = [
    { hash: 'a'.repeat(64), name: 'week.835', size: text.length, mode: 'trends', kind: '835', payer: 'ACME', remitDate: '20250314', claims: 2, keptAt: '2026-01-01T00:00:00Z', data: new Blob([text]) },
    { hash: 'b'.repeat(64), name: 'old.835', size: 5, mode: 'full', kind: '835', data: new Blob([latin1]) },
  ];
  const file = await libraryFileText(records, new Date('2026-02-01T00:00:00Z'));
  const doc = JSON.parse(file);
  assert.equal(doc.format, 'denial-explainer-library');
  assert.equal(doc.files[0].text, text);
  assert.equal(typeof doc.files[1].base64, 'string');
  const { entries, skipped } = readLibraryFile(file);
  assert.equal(skipped, 0);
  assert.deepEqual(entries.map((e) => [e.hash, e.name, e.mode]), [['a'.repeat(64), 'week.835', 'trends'], ['b'.repeat(64), 'old.835', 'full']]);
  assert.equal(new TextDecoder().decode(entries[0].bytes), text);
  assert.deepEqual([...entries[1].bytes], [...latin1]);
});

test('what is not a library file is refused; damaged entries are left out and counted', () => {
  assert.throws(() => readLibraryFile('ISA*00*'), /not a library file/);
  assert.throws(() => readLibraryFile('{"format":"other"}'), /not a Denial Explainer library file/);
  assert.throws(() => readLibraryFile('{"format":"denial-explainer-library","version":9}'), /version 9/);
  const { entries, skipped } = readLibraryFile(JSON.stringify({ format: 'denial-explainer-library', version: 1, files: [
    { hash: 'not-hex', name: 'x', mode: 'trends', text: 'a' },
    { hash: 'c'.repeat(64), name: 'y', mode: 'secret', text: 'a' },
    { hash: 'd'.repeat(64), name: 'z', mode: 'full', base64: '%%%' },
    { hash: 'e'.repeat(64), name: 'ok', mode: 'trends', text: 'ST*835' },
  ] }));
  assert.equal(skipped, 3);
  assert.deepEqual(entries.map((e) => e.name), ['ok']);
});
