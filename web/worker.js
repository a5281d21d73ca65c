// The engine's Web Worker: owns the WebAssembly core and the sessions, answers one message
// shape {id, type, ...} with {id, ok, result | error}. File bytes arrive as transferred
// ArrayBuffers (no copy on the page side).
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
  async openSession({ keepClaimsUpTo, maxFileBytes }) {
    const session = (await getEngine()).openSession({ keepClaimsUpTo, maxFileBytes });
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
  async summary({ session }) { return need(session).summary(); },
  async rows({ session, query, mask }) { return need(session).rows(query, { mask }); },
  async claim({ session, row, mask }) { return need(session).claim(row, { mask }); },
  async rawSegments({ session, row }) { return need(session).rawSegments(row); },
  async reportJson({ session, mask }) { return need(session).reportJson({ mask }); },
  async worklistCsv({ session, mask }) { return need(session).worklistCsv({ mask }); },
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
    self.postMessage({ id, ok: true, result: await handler(args) });
  } catch (error) {
    self.postMessage({ id, ok: false, error: { code: 'worker_error', message: String(error?.message ?? error) } });
  }
};
