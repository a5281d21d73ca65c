// Denial Explainer JavaScript API: the C++ core (WebAssembly) behind a small ES module that
// works in a page, a Web Worker and Node. Every answer is plain data; errors are values
// carrying the core's diagnostic codes, never exceptions.
import createDenialCore from './denial-core.mjs';

const isNode = typeof process !== 'undefined' && !!(process.versions && process.versions.node);

/**
 * Default size limits (bytes): claims are kept in full for the first 32 MiB of input in a
 * session (one bigger file, and the files after them, stream: rows only, claims rebuilt on
 * demand); the largest files are refused.
 */
export const DEFAULT_KEEP_CLAIMS_UP_TO = 32 * 1024 * 1024;
export const DEFAULT_MAX_FILE_BYTES = 512 * 1024 * 1024;  // measured: 500 MB explains in 2.2 GB of wasm memory

async function nodeOptions() {
  // Emscripten 3.1.6's ES module output calls require() and __dirname in its Node branch and
  // cannot fetch() a file path, so give it both and the wasm bytes.
  const { createRequire } = await import('node:module');
  const { fileURLToPath } = await import('node:url');
  const { readFile } = await import('node:fs/promises');
  const wasmUrl = new URL('./denial-core.wasm', import.meta.url);
  globalThis.require ??= createRequire(import.meta.url);
  globalThis.__dirname ??= fileURLToPath(new URL('.', import.meta.url));
  return { wasmBinary: await readFile(wasmUrl) };
}

function toBytes(input) {
  if (typeof input === 'string') return new TextEncoder().encode(input);
  if (input instanceof Uint8Array) return input;
  if (input instanceof ArrayBuffer) return new Uint8Array(input);
  if (ArrayBuffer.isView(input)) return new Uint8Array(input.buffer, input.byteOffset, input.byteLength);
  return null;
}

// Copies file bytes into a staging buffer of the core in one TypedArray.set (embind's own
// conversion of a byte argument runs a JavaScript loop per byte). Returns the buffer's
// handle, or 0 when the engine's memory cannot hold the bytes.
function stage(core, bytes) {
  const handle = core.stageInput(bytes.length);
  if (handle) core.stagedView(handle).set(bytes);
  return handle;
}

function outOfMemory(name, size) {
  return refusedStatus(name, 'out_of_memory', `the engine could not allocate memory for this file (${size} bytes); close other sessions or tabs and try again`);
}

function refusedStatus(name, code, message) {
  return { name: String(name), status: 'unreadable', readable: false, claims: 0,
    diagnostics: [{ severity: 'error', code, segment: 0, offset: 0, path: '', message }] };
}

function parse(text) {
  return text === '' || text === 'null' ? null : JSON.parse(text);
}

/** A set of files read together: totals, worklist and claims across all of them. */
export class Session {
  #core;
  #handle;
  #maxFileBytes;
  constructor(core, handle, maxFileBytes = DEFAULT_MAX_FILE_BYTES) {
    this.#core = core;
    this.#handle = handle;
    this.#maxFileBytes = maxFileBytes;
  }
  /** Reads a file (Uint8Array, ArrayBuffer or string). Returns its status and diagnostics. */
  addFile(name, input) {
    const bytes = toBytes(input);
    if (!bytes) return refusedStatus(name, 'bad_input', 'expected a Uint8Array, ArrayBuffer or string');
    // Too large: refused from its size alone, before its bytes are copied into the engine.
    if (bytes.length > this.#maxFileBytes) return parse(this.#core.addTooLargeFile(this.#handle, String(name), bytes.length));
    const staged = stage(this.#core, bytes);
    if (!staged) return outOfMemory(name, bytes.length);
    return parse(this.#core.addStagedFile(this.#handle, String(name), staged));
  }
  /**
   * Reads a Blob or File chunk by chunk straight into the engine (no whole-file copy in
   * JavaScript: the big-file path). onProgress(loaded, total) after each chunk; an aborted
   * signal stops the read with an AbortError. Resolves with the same status as addFile.
   */
  async addBlob(name, blob, { onProgress, signal } = {}) {
    if (typeof Blob === 'undefined' || !(blob instanceof Blob)) return refusedStatus(name, 'bad_input', 'expected a Blob or File');
    const total = blob.size;
    if (total > this.#maxFileBytes) return parse(this.#core.addTooLargeFile(this.#handle, String(name), total));
    const staged = this.#core.stageInput(total);
    if (!staged) return outOfMemory(name, total);
    let loaded = 0;
    try {
      const reader = blob.stream().getReader();
      for (;;) {
        if (signal?.aborted) {
          reader.cancel();
          throw new DOMException('Aborted', 'AbortError');
        }
        const { done, value } = await reader.read();
        if (done) break;
        if (loaded + value.length > total) throw new Error(`${name} grew while it was read`);
        // A fresh view per chunk: other calls during the await may have grown the memory.
        this.#core.stagedView(staged).set(value, loaded);
        loaded += value.length;
        onProgress?.(loaded, total);
      }
      if (loaded !== total) throw new Error(`${name} shrank while it was read (${loaded} of ${total} bytes)`);
    } catch (error) {
      this.#core.dropStaged(staged);
      if (error?.name === 'AbortError') throw error;
      return refusedStatus(name, 'read_failed', `${name} could not be read: ${error?.message ?? error}`);
    }
    return parse(this.#core.addStagedFile(this.#handle, String(name), staged));
  }
  summary() { return parse(this.#core.summary(this.#handle)); }
  /** A page of claim rows: {outcome, action, payer, code, text, sort, descending, offset, limit}. */
  rows(query = {}, { mask = false } = {}) { return parse(this.#core.rows(this.#handle, JSON.stringify(query), mask)); }
  /** Trends narrowed by {payer, month, provider}: payer table, months, payer by month (engine breakdowns). */
  trends(slice = {}) { return parse(this.#core.trends(this.#handle, JSON.stringify(slice))); }
  claim(row, { mask = false } = {}) { return parse(this.#core.claim(this.#handle, row, mask)); }
  rawSegments(row) { return this.#core.rawSegments(this.#handle, row); }
  /**
   * The trends-only copy of file `file` (the index in its addFile status): the same 835
   * without patient names and IDs, account numbers or identifying references (see
   * docs/library.md). Read again, it gives the same money and trends. '' when not an 835.
   */
  redactedCopy(file) { return this.#core.redactedCopy(this.#handle, file); }
  /** The report (schema 3.0, compact); {inlineTexts: true} writes the expanded form, as the CLI's --inline-texts. */
  reportJson({ mask = false, inlineTexts = false } = {}) { return this.#core.reportJson(this.#handle, mask, inlineTexts); }
  worklistCsv({ mask = false } = {}) { return this.#core.worklistCsv(this.#handle, mask); }
  /** The 277CA / 999 part of the report (rejections, claim history), with empty lists and zero counts when none was read. */
  acknowledgments({ mask = false } = {}) { return parse(this.#core.acknowledgments(this.#handle, mask)); }
  ndjson({ mask = false } = {}) { return this.#core.ndjson(this.#handle, mask); }
  text({ mask = false } = {}) { return this.#core.text(this.#handle, mask); }
  close() { this.#core.closeSession(this.#handle); }
}

/** The engine: one per page or worker. */
export class DenialExplainer {
  #core;
  constructor(core) { this.#core = core; }
  version() { return this.#core.version(); }
  /** Read + model + balance only: {readable, transactions, claims, balance_findings, errors}. */
  scan(input) {
    const bytes = toBytes(input);
    const staged = bytes ? stage(this.#core, bytes) : 0;
    if (bytes && !staged) return { readable: false, transactions: 0, claims: 0, balance_findings: 0, errors: 1 };
    return bytes ? parse(this.#core.scanStaged(staged)) : { readable: false, transactions: 0, claims: 0, balance_findings: 0, errors: 1 };
  }
  lookup(query) { return parse(this.#core.lookup(String(query))); }
  search(words, limit = 20) { return parse(this.#core.search(String(words), limit)); }
  /**
   * asOf: the date deadlines are judged by ('YYYY-MM-DD'; default today, UTC; the engine never
   * reads the clock). appealDays / filingDays: the user's contractual windows for payers other
   * than Medicare (no date without them).
   */
  openSession({ keepClaimsUpTo = DEFAULT_KEEP_CLAIMS_UP_TO, maxFileBytes = DEFAULT_MAX_FILE_BYTES, asOf = todayIso(), appealDays, filingDays } = {}) {
    const options = JSON.stringify({ as_of: asOf ?? '', appeal_days: appealDays ?? null, filing_days: filingDays ?? null });
    return new Session(this.#core, this.#core.openSession(keepClaimsUpTo, maxFileBytes, options), maxFileBytes);
  }
  /** One file in, the full report out (for small files; big files: use a Session). */
  explain(input, { name = 'input.835', mask = false, asOf, appealDays, filingDays } = {}) {
    const session = this.openSession({ asOf, appealDays, filingDays });
    try {
      const status = session.addFile(name, input);
      if (status.status === 'unreadable' && status.diagnostics?.[0]?.code === 'bad_input') return { error: status.diagnostics[0] };
      return JSON.parse(session.reportJson({ mask }));
    } finally {
      session.close();
    }
  }
}

/** Today's date in UTC as 'YYYY-MM-DD' (the CLI uses the same). */
export function todayIso() { return new Date().toISOString().slice(0, 10); }

/** Loads the WebAssembly core once per call; keep the returned engine. */
export async function createDenialExplainer(options = {}) {
  // The wasm is found beside this file. Written as new URL('...', import.meta.url) so that
  // bundlers copy it and rewrite the address.
  // (A blob: page, like the single-file build with its wasm inlined, has no base to resolve
  // against; it needs no file at all.)
  let wasmUrl = null;
  try {
    wasmUrl = new URL('./denial-core.wasm', import.meta.url).href;
  } catch {}
  const locateFile = (file) => (file.endsWith('.wasm') && wasmUrl ? wasmUrl : file);
  const moduleOptions = { ...(isNode && !options.wasmBinary ? await nodeOptions() : { locateFile }), ...options };
  const core = await createDenialCore(moduleOptions);
  return new DenialExplainer(core);
}
