// The engine's Web Worker: owns the WebAssembly core and the sessions, answers one message
// shape {id, type, ...} with {id, ok, result | error} (and, for long calls, any number of
// {id, progress: {loaded, total}} before it). Files arrive as File/Blob handles read here,
// or as transferred ArrayBuffers (no copy on the page side).
import { createDenialExplainer } from './denial-api.js';

let engine = null;  // created once, lazily, as a kept promise
const sessions = new Map();
let nextSession = 1;

function getEngine() {
  engine ??= createDenialExplainer();
  return engine;
}

const handlers = {
  async version() { return (await getEngine()).version(); },
  async lookup({ query }) { return (await getEngine()).lookup(query); },
  async search({ words, limit }) { return (await getEngine()).search(words, limit); },
  async openSession({ keepClaimsUpTo, maxFileBytes, asOf, appealDays, filingDays }) {
    const session = (await getEngine()).openSession({ keepClaimsUpTo, maxFileBytes, asOf, appealDays, filingDays });
    const id = nextSession++;
    sessions.set(id, session);
    return id;
  },
  async closeSession({ session }) {
    sessions.get(session)?.close();
    sessions.delete(session);
    return true;
  },
  async addFile({ session, name, bytes }) { return need(session).addFile(name, new Uint8Array(bytes)); },
  // A File or Blob (structured-cloned: a handle, not a copy) read here, straight into the
  // engine: the page never holds the whole file. Progress goes out at most every 1 %. A small
  // file arrives already read (`early`, see onmessage): it only has to be parsed.
  async addBlob({ session, name, blob, early }, progress) {
    const bytes = early && await early.catch(() => null);
    if (bytes) {
      progress(bytes.byteLength, bytes.byteLength);
      return need(session).addFile(name, new Uint8Array(bytes));
    }
    let posted = -1;
    return need(session).addBlob(name, blob, {
      onProgress: (loaded, total) => {
        const percent = Math.floor((loaded / Math.max(total, 1)) * 100);
        if (percent === posted) return;
        posted = percent;
        progress(loaded, total);
      },
    });
  },
  async summary({ session }) { return need(session).summary(); },
  async rows({ session, query, mask }) { return need(session).rows(query, { mask }); },
  async trends({ session, slice }) { return need(session).trends(slice); },
  async claim({ session, row, mask }) { return need(session).claim(row, { mask }); },
  async rawSegments({ session, row }) { return need(session).rawSegments(row); },
  async redactedCopy({ session, file }) { return need(session).redactedCopy(file); },
  async reportJson({ session, mask }) { return need(session).reportJson({ mask }); },
  async worklistCsv({ session, mask }) { return need(session).worklistCsv({ mask }); },
  async acknowledgments({ session, mask }) { return need(session).acknowledgments({ mask }); },
  async ndjson({ session, mask }) { return need(session).ndjson({ mask }); },
  async text({ session, mask }) { return need(session).text({ mask }); },
};

function need(id) {
  const s = sessions.get(id);
  if (!s) throw new Error(`no session ${id}`);
  return s;
}

// Calls on one session run one after another, in the order they arrived: a caller may send
// the next files before the last one is parsed (no round trip per file), and a summary asked
// for after them sees them all. Other sessions and lookups do not wait.
const queues = new Map();
function inOrder(session, task) {
  const run = (queues.get(session) ?? Promise.resolve()).then(task);
  const tail = run.catch(() => {});
  queues.set(session, tail);
  tail.then(() => { if (queues.get(session) === tail) queues.delete(session); });
  return run;
}

// Files up to this size are read as soon as they arrive, while earlier ones are parsed; bigger
// ones are streamed into the engine when their turn comes (never held whole here).
const READ_AHEAD_BYTES = 1 << 20;

self.onmessage = async (event) => {
  const { id, type, ...args } = event.data;
  try {
    const handler = handlers[type];
    if (!handler) throw new Error(`unknown request type ${type}`);
    const progress = (loaded, total) => self.postMessage({ id, progress: { loaded, total } });
    if (type === 'addBlob' && args.blob instanceof Blob && args.blob.size <= READ_AHEAD_BYTES) {
      args.early = args.blob.arrayBuffer();
      args.early.catch(() => {});  // a failed read falls back to the streaming path
    }
    const run = () => handler(args, progress);
    const result = type !== 'openSession' && args.session !== undefined ? await inOrder(args.session, run) : await run();
    self.postMessage({ id, ok: true, result });
  } catch (error) {
    self.postMessage({ id, ok: false, error: { code: 'worker_error', message: String(error?.message ?? error) } });
  }
};
