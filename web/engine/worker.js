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
  // engine: the page never holds the whole file. Progress goes out at most every 1 %.
  async addBlob({ session, name, blob }, progress) {
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

self.onmessage = async (event) => {
  const { id, type, ...args } = event.data;
  try {
    const handler = handlers[type];
    if (!handler) throw new Error(`unknown request type ${type}`);
    const progress = (loaded, total) => self.postMessage({ id, progress: { loaded, total } });
    self.postMessage({ id, ok: true, result: await handler(args, progress) });
  } catch (error) {
    self.postMessage({ id, ok: false, error: { code: 'worker_error', message: String(error?.message ?? error) } });
  }
};
