// WorkerBridge: the one way the page and the widget talk to the engine worker. Calls are
// queued in order; each may carry an AbortSignal; aborting terminates the worker (the only
// way to stop a running parse) and a fresh one starts on the next call.

export class WorkerBridge extends EventTarget {
  #worker = null;
  #pending = new Map();
  #nextId = 1;
  #workerUrl;
  #generation = 0;

  /** workerUrl: a URL, or a function returning a Worker; default: ./worker.js beside this file. */
  constructor(workerUrl = null) {
    super();
    this.#workerUrl = workerUrl;
  }

  /** Bumps when the worker restarts: sessions opened before are gone. */
  get generation() { return this.#generation; }

  #start() {
    if (this.#worker) return this.#worker;
    // The default is written as `new Worker(new URL(...), {type: 'module'})` on purpose: that
    // literal form is what bundlers (Vite, webpack) recognise to bundle the worker.
    const w = typeof this.#workerUrl === 'function' ? this.#workerUrl()
      : this.#workerUrl ? new Worker(this.#workerUrl, { type: 'module' })
        : new Worker(new URL('./worker.js', import.meta.url), { type: 'module' });
    w.onmessage = (e) => {
      const { id, ok, result, error, progress } = e.data;
      const p = this.#pending.get(id);
      if (!p) return;
      if (progress) {
        p.onProgress?.(progress.loaded, progress.total);
        return;
      }
      this.#pending.delete(id);
      p.cleanup();
      if (ok) p.resolve(result);
      else p.reject(Object.assign(new Error(error?.message ?? 'worker error'), { code: error?.code }));
    };
    w.onerror = (e) => {
      e.preventDefault?.();
      this.#fail(new Error(`the engine stopped: ${e.message ?? 'worker error'}`));
    };
    this.#worker = w;
    return w;
  }

  #fail(error) {
    this.#worker?.terminate();
    this.#worker = null;
    this.#generation++;
    for (const p of this.#pending.values()) {
      p.cleanup();
      p.reject(error);
    }
    this.#pending.clear();
    this.dispatchEvent(new Event('restart'));
  }

  /**
   * Sends {type, ...payload}; `transfer` lists ArrayBuffers to move, not copy; `onProgress`
   * (loaded, total) hears the worker's progress messages for this call.
   */
  call(type, payload = {}, { signal, transfer = [], onProgress } = {}) {
    if (signal?.aborted) return Promise.reject(new DOMException('Aborted', 'AbortError'));
    const worker = this.#start();
    const id = this.#nextId++;
    return new Promise((resolve, reject) => {
      const onAbort = () => this.#fail(new DOMException('Aborted', 'AbortError'));
      signal?.addEventListener('abort', onAbort, { once: true });
      this.#pending.set(id, { resolve, reject, onProgress, cleanup: () => signal?.removeEventListener('abort', onAbort) });
      worker.postMessage({ id, type, ...payload }, transfer);
    });
  }

  terminate() { this.#fail(new DOMException('Terminated', 'AbortError')); }
}

let shared = null;
/** One bridge (one worker, one wasm instance) per page, shared by every widget instance. */
export function sharedBridge() {
  shared ??= new WorkerBridge();
  return shared;
}
