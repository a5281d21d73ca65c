// File helpers for the page: where a diagnostic points in the file the user dropped. The page
// keeps each File (the worker got its own copy of the bytes), so it can show the raw segment a
// problem refers to without asking the engine for anything but positions.

/** The segment terminator of an X12 file: ISA's 106th character when the file starts with ISA. */
export async function segmentTerminator(file) {
  const head = await file.slice(0, 1024).text();
  const at = head.indexOf('ISA');
  if (at >= 0 && head.length > at + 105) {
    const t = head[at + 105];
    if (t && !/[A-Za-z0-9 ]/.test(t)) return t;
  }
  return '~';
}

const MAX_RAW = 240;

function clip(text) {
  return text.length > MAX_RAW ? `${text.slice(0, MAX_RAW)}…` : text;
}

/**
 * The raw segment starting at byte `offset` ({text, note}). At or past the end of the file
 * (a truncated file), the last segment the file holds, with a note saying so.
 */
export async function rawSegmentAt(file, offset, terminator = '~', size = file?.size) {
  if (!file || !(offset >= 0)) return null;
  if (offset >= size) {
    const tail = await file.slice(Math.max(0, size - 600)).text();
    const parts = tail.split(terminator).map((s) => s.trim()).filter(Boolean);
    const last = parts.at(-1);
    return last ? { text: clip(last), note: 'last segment in the file' } : null;
  }
  const text = (await file.slice(offset, offset + 600).text()).replace(/^[\r\n]+/, '');
  const end = text.indexOf(terminator);
  const segment = (end >= 0 ? text.slice(0, end + terminator.length) : text).trim();
  return segment ? { text: clip(segment), note: '' } : null;
}

/**
 * Raw segments for the first `limit` positioned diagnostics of a file: Map(diagnostic ->
 * {text, note}). `size`: the file's size when known (the engine's status says it), which
 * spares asking the File.
 */
export async function rawSegmentsFor(file, diagnostics, limit = 20, size = undefined) {
  const out = new Map();
  if (!file || !diagnostics?.length) return out;
  const terminator = await segmentTerminator(file);
  const bytes = size ?? file.size;
  for (const d of diagnostics.slice(0, limit)) {
    if (!(d.segment > 0)) continue;
    try {
      const raw = await rawSegmentAt(file, d.offset, terminator, bytes);
      if (raw) out.set(d, raw);
    } catch { /* unreadable slice: show the diagnostic without its segment */ }
  }
  return out;
}

/**
 * The bytes of `file` when it holds at most `limit` bytes, read here to be moved to the worker;
 * null when it is bigger (the worker then streams it into the engine, and the page never holds
 * it whole) or cannot be read here. Reads a stream and never asks the File for its size: for a
 * chosen file that is a call to the browser process each time, which made a 10,000-file batch
 * seconds slower on the page's thread.
 */
export async function smallFileBytes(file, limit) {
  try {
    const reader = file.stream().getReader();
    const chunks = [];
    let length = 0;
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      length += value.length;
      if (length > limit) {
        reader.cancel().catch(() => {});
        return null;
      }
      chunks.push(value);
    }
    const only = chunks.length === 1 ? chunks[0] : null;
    if (only && only.byteOffset === 0 && only.byteLength === only.buffer.byteLength) return only.buffer;
    const bytes = new Uint8Array(length);
    let at = 0;
    for (const c of chunks) {
      bytes.set(c, at);
      at += c.length;
    }
    return bytes.buffer;
  } catch {
    return null;
  }
}

/** Triggers a download of `text` as a file named `name`. */
export function download(name, text, type) {
  const blob = new Blob([text], { type });
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  a.hidden = true;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 30000);
}

/** "20250314-0930" for file names. */
export function stamp(date = new Date()) {
  const p = (n) => String(n).padStart(2, '0');
  return `${date.getFullYear()}${p(date.getMonth() + 1)}${p(date.getDate())}-${p(date.getHours())}${p(date.getMinutes())}`;
}
