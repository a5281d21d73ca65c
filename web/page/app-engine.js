// The page's view of the engine: one Session in the worker (through WorkerBridge), reopened
// after the worker restarts (a cancel terminates it). Every number the page shows comes from
// these answers; the page never totals anything itself.

export class Engine {
  #bridge;
  #session = null;
  #generation = -1;
  #options = {};

  constructor(bridge) {
    this.#bridge = bridge;
  }

  /** openSession options ({asOf, appealDays, filingDays}) for the next session (after reset()). */
  setOptions(options) {
    this.#options = { ...(options ?? {}) };
  }

  /** True when the worker restarted since the session was opened (its files are gone). */
  get lost() {
    return this.#session !== null && this.#bridge.generation !== this.#generation;
  }

  get hasSession() {
    return this.#session !== null && !this.lost;
  }

  async #ensure() {
    if (this.#session === null || this.lost) {
      this.#session = await this.#bridge.call('openSession', { ...this.#options });
      this.#generation = this.#bridge.generation;
    }
    return this.#session;
  }

  async #call(type, payload = {}, options) {
    const session = await this.#ensure();
    return this.#bridge.call(type, { session, ...payload }, options);
  }

  /** Moves `bytes` (ArrayBuffer) to the worker; resolves with the file's status and diagnostics. */
  addFile(name, bytes, signal) {
    return this.#ensure().then((session) => this.#bridge.call('addFile', { session, name, bytes }, { signal, transfer: [bytes] }));
  }

  /** Hands `file` (a File or Blob) to the worker, which reads it straight into the engine. */
  addBlob(file, signal, onProgress) {
    return this.#ensure().then((session) => this.#bridge.call('addBlob', { session, name: file.name, blob: file }, { signal, onProgress }));
  }

  summary() { return this.#call('summary'); }
  rows(query, mask) { return this.#call('rows', { query, mask }); }
  trends(slice) { return this.#call('trends', { slice }); }
  claim(row, mask) { return this.#call('claim', { row, mask }); }
  rawSegments(row) { return this.#call('rawSegments', { row }); }
  reportJson(mask) { return this.#call('reportJson', { mask }); }
  worklistCsv(mask) { return this.#call('worklistCsv', { mask }); }
  acknowledgments(mask) { return this.#call('acknowledgments', { mask }); }
  lookup(query) { return this.#bridge.call('lookup', { query }); }
  search(words, limit = 15) { return this.#bridge.call('search', { words, limit }); }
  version() { return this.#bridge.call('version'); }

  /** Drops every file read so far. */
  async reset() {
    const session = this.#session;
    const alive = session !== null && !this.lost;
    this.#session = null;
    if (alive) {
      try { await this.#bridge.call('closeSession', { session }); } catch { /* the worker is gone: nothing to close */ }
    }
  }

  /** Stops whatever runs in the worker (terminates it); the session is gone afterwards. */
  stop() {
    this.#bridge.terminate();
    this.#session = null;
  }
}
