// The local library as one file, to move it to another browser or keep a copy: JSON with
// each kept file's text (or base64 when its bytes are not UTF-8) and what the list shows.
// Made and read here, in the page: the export is a download (a Blob), the import a file the
// user picks; nothing goes over a network.

export const LIBRARY_FORMAT = 'denial-explainer-library';
export const LIBRARY_VERSION = 1;

const HEX64 = /^[0-9a-f]{64}$/;

function toBase64(bytes) {
  let s = '';
  for (let i = 0; i < bytes.length; i += 0x8000) s += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(s);
}

function fromBase64(text) {
  const s = atob(text);
  const out = new Uint8Array(s.length);
  for (let i = 0; i < s.length; i++) out[i] = s.charCodeAt(i);
  return out;
}

/** The library file's text for these records (each with its data Blob). */
export async function libraryFileText(records, now = new Date()) {
  const files = [];
  for (const r of records) {
    const bytes = new Uint8Array(await r.data.arrayBuffer());
    let text = null;
    try {
      text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    } catch { /* not UTF-8: base64 below */ }
    files.push({
      hash: r.hash, name: r.name, size: r.size, mode: r.mode, kind: r.kind, payer: r.payer ?? '',
      remit_date: r.remitDate ?? '', claims: r.claims ?? 0, kept_at: r.keptAt ?? '',
      ...(text !== null ? { text } : { base64: toBase64(bytes) }),
    });
  }
  return JSON.stringify({ format: LIBRARY_FORMAT, version: LIBRARY_VERSION, exported_at: now.toISOString(), files });
}

/**
 * The entries of a library file: [{hash, name, mode, bytes: Uint8Array, ...}]. Throws an
 * Error with a user-facing message when the text is not a library file; entries that are
 * malformed are left out and counted in `skipped`.
 */
export function readLibraryFile(text) {
  let doc;
  try {
    doc = JSON.parse(text);
  } catch {
    throw new Error('this is not a library file (not JSON)');
  }
  if (doc?.format !== LIBRARY_FORMAT) throw new Error('this is not a Denial Explainer library file');
  if (doc.version !== LIBRARY_VERSION) throw new Error(`library file version ${doc.version} is not one this page reads`);
  const entries = [];
  let skipped = 0;
  for (const f of Array.isArray(doc.files) ? doc.files : []) {
    const ok = f && HEX64.test(f.hash ?? '') && typeof f.name === 'string' && (f.mode === 'trends' || f.mode === 'full')
      && (typeof f.text === 'string' || typeof f.base64 === 'string');
    if (!ok) {
      skipped++;
      continue;
    }
    let bytes;
    try {
      bytes = typeof f.text === 'string' ? new TextEncoder().encode(f.text) : fromBase64(f.base64);
    } catch {
      skipped++;
      continue;
    }
    entries.push({ hash: f.hash, name: f.name.slice(0, 255), mode: f.mode, keptAt: String(f.kept_at ?? ''), bytes });
  }
  return { entries, skipped };
}
