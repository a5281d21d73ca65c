// The local library's storage: one IndexedDB database in this browser's own storage for the
// page's origin (nothing leaves the device), one record per file, keyed by the SHA-256 of the
// file as dropped. The on/off choice and the mode live in localStorage.
// Every failure becomes a LibraryError with a kind the page can put in plain words:
// 'unavailable' (no IndexedDB: a private window, a file:// page, a browser policy) or 'quota'.

const DB_NAME = 'denial-explainer-library';
const STORE = 'files';
const SETTINGS_KEY = 'denial-explainer.library';

export class LibraryError extends Error {
  constructor(kind, message, cause) {
    super(message);
    this.name = 'LibraryError';
    this.kind = kind;
    this.cause = cause;
  }
}

function classify(error) {
  if (error instanceof LibraryError) return error;
  const name = error?.name ?? '';
  if (name === 'QuotaExceededError' || /quota/i.test(String(error?.message ?? ''))) return new LibraryError('quota', 'storage full', error);
  return new LibraryError('unavailable', String(error?.message ?? error ?? 'storage unavailable'), error);
}

function done(request) {
  return new Promise((resolve, reject) => {
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(classify(request.error));
  });
}

function finished(tx) {
  return new Promise((resolve, reject) => {
    tx.oncomplete = () => resolve();
    tx.onerror = () => reject(classify(tx.error));
    tx.onabort = () => reject(classify(tx.error ?? new Error('transaction aborted')));
  });
}

/** {on, mode}: the user's choice (off and 'trends' when never set or unreadable). */
export function loadLibrarySettings() {
  try {
    const value = JSON.parse(globalThis.localStorage?.getItem(SETTINGS_KEY) ?? 'null');
    return { on: value?.on === true, mode: value?.mode === 'full' ? 'full' : 'trends' };
  } catch {
    return { on: false, mode: 'trends' };
  }
}

/** Saves {on, mode}; false when this browser does not let the page remember it. */
export function saveLibrarySettings(settings) {
  try {
    globalThis.localStorage.setItem(SETTINGS_KEY, JSON.stringify({ on: !!settings.on, mode: settings.mode === 'full' ? 'full' : 'trends' }));
    return true;
  } catch {
    return false;
  }
}

export class LibraryStore {
  #db = null;

  /** Opens (and on first use creates) the database; throws LibraryError('unavailable'). */
  async open() {
    if (this.#db) return this;
    let factory;
    try {
      factory = globalThis.indexedDB;
    } catch (error) {
      throw classify(error);
    }
    if (!factory) throw new LibraryError('unavailable', 'this browser offers no IndexedDB here');
    let request;
    try {
      request = factory.open(DB_NAME, 1);
    } catch (error) {
      throw classify(error);
    }
    request.onupgradeneeded = () => {
      if (!request.result.objectStoreNames.contains(STORE)) request.result.createObjectStore(STORE, { keyPath: 'hash' });
    };
    this.#db = await done(request);
    // Another tab deleting or upgrading the database: let it, and reopen on the next call.
    this.#db.onversionchange = () => {
      this.#db?.close();
      this.#db = null;
    };
    return this;
  }

  async #run(mode, work) {
    await this.open();
    try {
      const tx = this.#db.transaction(STORE, mode);
      const result = work(tx.objectStore(STORE));
      await finished(tx);
      return result instanceof IDBRequest ? result.result : result;
    } catch (error) {
      throw classify(error);
    }
  }

  /** Every record ({hash, name, size, mode, kind, payer, remitDate, claims, keptAt, data}). */
  all() { return this.#run('readonly', (store) => store.getAll()); }

  /** Adds or replaces records, all in one transaction (one commit: a thousand files in one go). */
  putAll(records) {
    return this.#run('readwrite', (store) => {
      for (const r of records) store.put(r);
    });
  }

  remove(hash) { return this.#run('readwrite', (store) => store.delete(hash)); }

  clear() { return this.#run('readwrite', (store) => store.clear()); }

  /** {usage, quota, persisted} from navigator.storage, or null where it is not offered. */
  static async estimate() {
    try {
      const s = globalThis.navigator?.storage;
      if (!s?.estimate) return null;
      const { usage, quota } = await s.estimate();
      return { usage, quota, persisted: s.persisted ? await s.persisted() : false };
    } catch {
      return null;
    }
  }

  /** Asks the browser not to evict the library when space runs low; true when granted. */
  static async persist() {
    try {
      return (await globalThis.navigator?.storage?.persist?.()) === true;
    } catch {
      return false;
    }
  }
}
